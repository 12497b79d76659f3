#pragma once

#include <adwaita.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_OVERVIEW_PAGE (gk_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (GkOverviewPage, gk_overview_page, GK, OVERVIEW_PAGE, AdwBin)

GtkWidget *gk_overview_page_new                 (void);
void       gk_overview_page_set_catalogue       (GkOverviewPage *self,
                                                 GkCatalogue    *catalogue);
void       gk_overview_page_set_deadlines       (GkOverviewPage *self,
                                                 GListModel     *tasks);
gboolean   gk_overview_page_focus_profile_field (GkOverviewPage *self,
                                                 const char     *key);
void       gk_overview_page_revalidate          (GkOverviewPage *self);

G_END_DECLS
