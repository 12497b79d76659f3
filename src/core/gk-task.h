#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GK_TASK_TODO,    /* 未开始 */
  GK_TASK_DOING,   /* 进行中 */
  GK_TASK_DONE,    /* 已完成 */
} GkTaskStatus;

#define GK_TYPE_TASK_STATUS (gk_task_status_get_type ())
GType        gk_task_status_get_type    (void);
const char  *gk_task_status_to_string   (GkTaskStatus  status);
gboolean     gk_task_status_from_string (const char   *text,
                                         GkTaskStatus *status);
const char  *gk_task_status_get_label   (GkTaskStatus  status);

#define GK_TYPE_TASK (gk_task_get_type ())
G_DECLARE_FINAL_TYPE (GkTask, gk_task, GK, TASK, GObject)

/* A row of the task list, read-only: GkTasks changes it, and only after the workspace has
 * the change. Every field is a property (with notify) for list views; the dates are also
 * given as GDate, NULL when there is none. */
gint64         gk_task_get_id                 (GkTask   *self);
int            gk_task_get_position           (GkTask   *self);
const char    *gk_task_get_category           (GkTask   *self);
const char    *gk_task_get_group              (GkTask   *self);
const char    *gk_task_get_title              (GkTask   *self);
const char    *gk_task_get_departments        (GkTask   *self);
const gint64  *gk_task_get_department_ids     (GkTask   *self,
                                               guint    *n_ids);
const GDate   *gk_task_get_deadline           (GkTask   *self);
const char    *gk_task_get_deadline_text      (GkTask   *self);
const char    *gk_task_get_rule               (GkTask   *self);
const char    *gk_task_get_rule_description   (GkTask   *self);
const GDate   *gk_task_get_event              (GkTask   *self);
GkTaskStatus   gk_task_get_status             (GkTask   *self);
const GDate   *gk_task_get_done_on            (GkTask   *self);
const char    *gk_task_get_done_on_text       (GkTask   *self);
const char    *gk_task_get_note               (GkTask   *self);
const char    *gk_task_get_origin             (GkTask   *self);
const GDate   *gk_task_get_next_deadline      (GkTask   *self);
const char    *gk_task_get_next_deadline_text (GkTask   *self);
gboolean       gk_task_get_overdue            (GkTask   *self);
int            gk_task_get_remaining_workdays (GkTask   *self);
gboolean       gk_task_get_remaining_estimated (GkTask  *self);

G_END_DECLS
