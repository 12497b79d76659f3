#pragma once

#include "gk-domain-page.h"
#include "gk-item-editor.h"

G_BEGIN_DECLS

/* For the window tests, which drive the real widgets. */
GkItemEditor *gk_domain_page_get_editor      (GkDomainPage *self);
GtkSwitch    *gk_domain_page_get_skip_switch (GkDomainPage *self);
AdwEntryRow  *gk_domain_page_get_reason_row  (GkDomainPage *self);
GtkWidget    *gk_item_editor_get_field_widget (GkItemEditor *self,
                                               const char   *field);

G_END_DECLS
