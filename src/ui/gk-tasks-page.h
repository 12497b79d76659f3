#pragma once

#include <adwaita.h>

#include "gk-tasks.h"

G_BEGIN_DECLS

#define GK_TYPE_TASKS_PAGE (gk_tasks_page_get_type ())
G_DECLARE_FINAL_TYPE (GkTasksPage, gk_tasks_page, GK, TASKS_PAGE, AdwBin)

/* The task list (任务清单): filters, the list, and an editor that saves as you type.
 *
 * Errors and results are shown as toasts in the nearest AdwToastOverlay ancestor. The page
 * installs the actions tasks.add, tasks.mark-done, tasks.remove, tasks.import-template(s),
 * tasks.import-file, tasks.filter(s) ('all', 'overdue', 'soon', 'done'), tasks.show-all,
 * tasks.show-task(x) and tasks.add-holidays. */
void      gk_tasks_page_set_tasks    (GkTasksPage *self,
                                      GkTasks     *tasks);
GkTasks  *gk_tasks_page_get_tasks    (GkTasksPage *self);
gboolean  gk_tasks_page_flush        (GkTasksPage *self);
gboolean  gk_tasks_page_select_task  (GkTasksPage *self,
                                      gint64       id);
GkTask   *gk_tasks_page_get_selected (GkTasksPage *self);

G_END_DECLS
