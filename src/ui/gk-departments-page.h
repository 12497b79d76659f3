#pragma once

#include <adwaita.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_DEPARTMENTS_PAGE (gk_departments_page_get_type ())
G_DECLARE_FINAL_TYPE (GkDepartmentsPage, gk_departments_page, GK, DEPARTMENTS_PAGE, AdwBin)

GtkWidget *gk_departments_page_new           (void);
void       gk_departments_page_set_catalogue (GkDepartmentsPage *self,
                                              GkCatalogue       *catalogue);

G_END_DECLS
