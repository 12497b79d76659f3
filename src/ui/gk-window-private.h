#pragma once

#include "gk-domain-page.h"
#include "gk-window.h"

G_BEGIN_DECLS

/* For the window tests, which drive the real widgets. */
GtkListBox   *gk_window_get_domain_list  (GkWindow *self);
GkDomainPage *gk_window_get_domain_page  (GkWindow *self);
const char   *gk_window_get_visible_page (GkWindow *self);

G_END_DECLS
