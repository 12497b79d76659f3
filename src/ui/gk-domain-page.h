#pragma once

#include <adwaita.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_DOMAIN_PAGE (gk_domain_page_get_type ())
G_DECLARE_FINAL_TYPE (GkDomainPage, gk_domain_page, GK, DOMAIN_PAGE, AdwBin)

void        gk_domain_page_set_domain    (GkDomainPage *self,
                                          GkCatalogue  *catalogue,
                                          GkDomain     *domain);
GkDomain   *gk_domain_page_get_domain    (GkDomainPage *self);
GListModel *gk_domain_page_get_items     (GkDomainPage *self);
gboolean    gk_domain_page_select_item   (GkDomainPage *self,
                                          gint64        item_id,
                                          const char   *field);
GkItem     *gk_domain_page_get_selected  (GkDomainPage *self);
gboolean    gk_domain_page_flush         (GkDomainPage *self);

G_END_DECLS
