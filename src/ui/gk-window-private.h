#pragma once

#include "gk-domain-page.h"
#include "gk-overview-page.h"
#include "gk-window.h"

G_BEGIN_DECLS

/* For the window tests, which drive the real widgets. */
GtkListBox     *gk_window_get_domain_list    (GkWindow *self);
GkDomainPage   *gk_window_get_domain_page    (GkWindow *self);
GkOverviewPage *gk_window_get_overview_page  (GkWindow *self);
GtkEditable    *gk_window_get_search_entry   (GkWindow *self);
GListModel     *gk_window_get_search_results (GkWindow *self);
const char     *gk_window_get_visible_page   (GkWindow *self);

/* gk-window-export.c */
void            gk_window_export             (GkWindow *self);
void            gk_window_export_to          (GkWindow *self,
                                              GFile    *target);
void            gk_window_set_busy           (GkWindow *self,
                                              gboolean  busy);
gboolean        gk_window_get_busy           (GkWindow *self);

G_END_DECLS
