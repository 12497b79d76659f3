#pragma once

#include <gio/gio.h>

#include "gk-calendar.h"
#include "gk-catalogue.h"
#include "gk-rule.h"
#include "gk-task.h"

G_BEGIN_DECLS

typedef enum
{
  GK_TASK_FILTER_ALL,
  GK_TASK_FILTER_OPEN,        /* not done */
  GK_TASK_FILTER_OVERDUE,     /* not done, deadline before today */
  GK_TASK_FILTER_DUE_WITHIN,  /* not done, deadline from today to today + arg days */
  GK_TASK_FILTER_DONE,
  GK_TASK_FILTER_DEPARTMENT,  /* arg = the department's id */
} GkTaskFilter;

/* The editable fields of a task, by the names used in the CLI, JSON and task list files. */
typedef enum
{
  GK_TASK_FIELD_CATEGORY,     /* 主要任务 */
  GK_TASK_FIELD_GROUP,        /* 工作任务 */
  GK_TASK_FIELD_TITLE,        /* 具体事项 */
  GK_TASK_FIELD_DEPARTMENTS,  /* 责任单位, separated by 、 */
  GK_TASK_FIELD_DEADLINE,     /* YYYY-MM-DD or "" */
  GK_TASK_FIELD_RULE,         /* see gk-rule.h, or "" */
  GK_TASK_FIELD_EVENT,        /* YYYY-MM-DD or "": the event of an after:Nwd rule */
  GK_TASK_FIELD_STATUS,       /* todo, doing, done (or 未开始, 进行中, 已完成) */
  GK_TASK_FIELD_DONE_ON,      /* YYYY-MM-DD: the day a done task was done */
  GK_TASK_FIELD_NOTE,         /* 备注 */
  GK_TASK_N_FIELDS
} GkTaskField;

const char *gk_task_field_key      (GkTaskField  field);
int         gk_task_field_from_key (const char  *key);

/* What a new task starts with. NULL strings are empty; a NULL deadline is computed from the
 * rule, if there is one. */
typedef struct
{
  const char  *category;
  const char  *group;
  const char  *title;
  const char  *departments;
  const GDate *deadline;
  const char  *rule;
  const GDate *event;
  const char  *note;
} GkTaskFields;

#define GK_TYPE_TASKS (gk_tasks_get_type ())
G_DECLARE_FINAL_TYPE (GkTasks, gk_tasks, GK, TASKS, GObject)

GkTasks      *gk_tasks_new              (GkCatalogue        *catalogue,
                                         GError            **error);
GkCatalogue  *gk_tasks_get_catalogue    (GkTasks            *self);
GkCalendar   *gk_tasks_get_calendar     (GkTasks            *self);
void          gk_tasks_set_today        (GkTasks            *self,
                                         const GDate        *today);
const GDate  *gk_tasks_get_today        (GkTasks            *self);

GListModel   *gk_tasks_list             (GkTasks            *self,
                                         GkTaskFilter        filter,
                                         gint64              arg,
                                         GError            **error);
guint         gk_tasks_count_overdue    (GkTasks            *self);
GkTask       *gk_tasks_get              (GkTasks            *self,
                                         gint64              id,
                                         GError            **error);

GkTask       *gk_tasks_add              (GkTasks            *self,
                                         const GkTaskFields *fields,
                                         GError            **error);
gboolean      gk_tasks_set_text         (GkTasks            *self,
                                         GkTask             *task,
                                         GkTaskField         field,
                                         const char         *value,
                                         GError            **error);
gboolean      gk_tasks_set_departments  (GkTasks            *self,
                                         GkTask             *task,
                                         const char         *departments,
                                         GError            **error);
gboolean      gk_tasks_set_deadline     (GkTasks            *self,
                                         GkTask             *task,
                                         const GDate        *deadline,
                                         GError            **error);
gboolean      gk_tasks_set_rule         (GkTasks            *self,
                                         GkTask             *task,
                                         const char         *rule,
                                         GError            **error);
gboolean      gk_tasks_set_event        (GkTasks            *self,
                                         GkTask             *task,
                                         const GDate        *event,
                                         GError            **error);
gboolean      gk_tasks_set_status       (GkTasks            *self,
                                         GkTask             *task,
                                         GkTaskStatus        status,
                                         const GDate        *done_on,
                                         GkTask            **next,
                                         GError            **error);
gboolean      gk_tasks_set_field        (GkTasks            *self,
                                         GkTask             *task,
                                         const char         *key,
                                         const char         *value,
                                         GError            **error);
gboolean      gk_tasks_delete           (GkTasks            *self,
                                         gint64              id,
                                         GError            **error);
GkTask       *gk_tasks_undelete         (GkTasks            *self,
                                         GkTask             *snapshot,
                                         GError            **error);

const char * const *gk_tasks_get_template_names (void);
const char   *gk_tasks_get_template_title (const char       *name);
gboolean      gk_tasks_import_template  (GkTasks            *self,
                                         const char         *name,
                                         guint              *n_added,
                                         guint              *n_skipped,
                                         GError            **error);
gboolean      gk_tasks_import_file      (GkTasks            *self,
                                         GFile              *file,
                                         guint              *n_added,
                                         guint              *n_skipped,
                                         GError            **error);

GPtrArray    *gk_split_departments      (const char         *text);

G_END_DECLS
