#pragma once

#include <gtk/gtk.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_DOMAIN_PAGE (gk_domain_page_get_type ())
G_DECLARE_FINAL_TYPE (GkDomainPage, gk_domain_page, GK, DOMAIN_PAGE, GtkBox)

void        gk_domain_page_set_domain  (GkDomainPage *self,
                                        GkCatalogue  *catalogue,
                                        GkDomain     *domain);
GListModel *gk_domain_page_get_items   (GkDomainPage *self);

G_END_DECLS
