#pragma once

#include <adwaita.h>

#include "gk-application.h"
#include "gk-catalogue.h"
#include "gk-tasks.h"

G_BEGIN_DECLS

#define GK_TYPE_WINDOW (gk_window_get_type ())
G_DECLARE_FINAL_TYPE (GkWindow, gk_window, GK, WINDOW, AdwApplicationWindow)

GkWindow    *gk_window_new            (GkApplication *application);
void         gk_window_set_catalogue  (GkWindow      *self,
                                       GkCatalogue   *catalogue);
void         gk_window_set_start_page (GkWindow      *self,
                                       int            page);
GkCatalogue *gk_window_get_catalogue  (GkWindow      *self);
void         gk_window_show_error     (GkWindow      *self,
                                       const char    *path,
                                       const GError  *error);
void         gk_window_select_domain  (GkWindow      *self,
                                       int            number);
void         gk_window_show_overview  (GkWindow      *self);
void         gk_window_show_item      (GkWindow      *self,
                                       int            domain_number,
                                       gint64         item_id,
                                       const char    *field);
void         gk_window_add_toast      (GkWindow      *self,
                                       AdwToast      *toast);
GkTasks     *gk_window_get_tasks      (GkWindow      *self);
void         gk_window_show_tasks     (GkWindow      *self,
                                       gint64         task_id);

G_END_DECLS
