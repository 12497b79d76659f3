#define G_LOG_DOMAIN "Gongkai-Tasks"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-calendar.h"
#include "gk-task-private.h"

/* A date and its text form; text NULL when there is no date. */
typedef struct
{
  GDate  date;
  char  *text;
} TaskDate;

struct _GkTask
{
  GObject       parent_instance;
  gint64        id;
  int           position;
  char         *category;
  char         *group;
  char         *title;
  char         *departments;
  GArray       *department_ids;
  TaskDate      deadline;
  char         *rule;
  char         *rule_description;
  TaskDate      event;
  GkTaskStatus  status;
  TaskDate      done_on;
  char         *note;
  char         *origin;
  TaskDate      next_deadline;
  gboolean      overdue;
  int           remaining_workdays;
  gboolean      remaining_estimated;
};

G_DEFINE_FINAL_TYPE (GkTask, gk_task, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GkTaskStatus, gk_task_status,
  G_DEFINE_ENUM_VALUE (GK_TASK_TODO, "todo"),
  G_DEFINE_ENUM_VALUE (GK_TASK_DOING, "doing"),
  G_DEFINE_ENUM_VALUE (GK_TASK_DONE, "done"))

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_CATEGORY,
  PROP_GROUP,
  PROP_TITLE,
  PROP_DEPARTMENTS,
  PROP_DEPARTMENT_IDS,
  PROP_DEADLINE,
  PROP_HAS_DEADLINE,
  PROP_RULE,
  PROP_RULE_DESCRIPTION,
  PROP_EVENT,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_DONE_ON,
  PROP_NOTE,
  PROP_ORIGIN,
  PROP_NEXT_DEADLINE,
  PROP_OVERDUE,
  PROP_REMAINING_WORKDAYS,
  PROP_REMAINING_ESTIMATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_keys[] = { "todo", "doing", "done" };
static const char * const status_names[] = { "未开始", "进行中", "已完成" };

/* The key stored in the workspace and used by the CLI and JSON: todo, doing, done. */
const char *
gk_task_status_to_string (GkTaskStatus status)
{
  g_return_val_if_fail (status <= GK_TASK_DONE, NULL);
  return status_keys[status];
}

/* Accepts the keys and the Chinese names (未开始, 进行中, 已完成). */
gboolean
gk_task_status_from_string (const char   *text,
                            GkTaskStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_keys); i++)
    if (g_strcmp0 (text, status_keys[i]) == 0 || g_strcmp0 (text, status_names[i]) == 0)
      {
        *status = (GkTaskStatus) i;
        return TRUE;
      }
  return FALSE;
}

/* The status for people, translated. */
const char *
gk_task_status_get_label (GkTaskStatus status)
{
  switch (status)
    {
    case GK_TASK_TODO: return _("Not started");
    case GK_TASK_DOING: return _("In progress");
    case GK_TASK_DONE: return _("Done");
    default: g_return_val_if_reached (NULL);
    }
}

static void
gk_task_finalize (GObject *object)
{
  GkTask *self = GK_TASK (object);

  g_free (self->category);
  g_free (self->group);
  g_free (self->title);
  g_free (self->departments);
  g_clear_pointer (&self->department_ids, g_array_unref);
  g_free (self->deadline.text);
  g_free (self->rule);
  g_free (self->rule_description);
  g_free (self->event.text);
  g_free (self->done_on.text);
  g_free (self->note);
  g_free (self->origin);
  g_free (self->next_deadline.text);

  G_OBJECT_CLASS (gk_task_parent_class)->finalize (object);
}

static void
gk_task_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GkTask *self = GK_TASK (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_POSITION: g_value_set_int (value, self->position); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_GROUP: g_value_set_string (value, self->group); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_DEPARTMENTS: g_value_set_string (value, self->departments); break;
    case PROP_DEPARTMENT_IDS: g_value_set_boxed (value, self->department_ids); break;
    case PROP_DEADLINE: g_value_set_string (value, self->deadline.text); break;
    case PROP_HAS_DEADLINE: g_value_set_boolean (value, self->deadline.text != NULL); break;
    case PROP_RULE: g_value_set_string (value, self->rule); break;
    case PROP_RULE_DESCRIPTION: g_value_set_string (value, self->rule_description); break;
    case PROP_EVENT: g_value_set_string (value, self->event.text); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, gk_task_status_get_label (self->status)); break;
    case PROP_DONE_ON: g_value_set_string (value, self->done_on.text); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_ORIGIN: g_value_set_string (value, self->origin); break;
    case PROP_NEXT_DEADLINE: g_value_set_string (value, self->next_deadline.text); break;
    case PROP_OVERDUE: g_value_set_boolean (value, self->overdue); break;
    case PROP_REMAINING_WORKDAYS: g_value_set_int (value, self->remaining_workdays); break;
    case PROP_REMAINING_ESTIMATED: g_value_set_boolean (value, self->remaining_estimated); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_task_class_init (GkTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gk_task_finalize;
  object_class->get_property = gk_task_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* 主要任务, 工作任务, 具体事项 */
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", flags);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, "", flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  /* 责任单位, joined with 、, and the ids of the catalogue's departments (a GArray of gint64) */
  properties[PROP_DEPARTMENTS] = g_param_spec_string ("departments", NULL, NULL, "", flags);
  properties[PROP_DEPARTMENT_IDS] = g_param_spec_boxed ("department-ids", NULL, NULL, G_TYPE_ARRAY, flags);
  /* Dates as "YYYY-MM-DD", NULL when there is none. */
  properties[PROP_DEADLINE] = g_param_spec_string ("deadline", NULL, NULL, NULL, flags);
  properties[PROP_HAS_DEADLINE] = g_param_spec_boolean ("has-deadline", NULL, NULL, FALSE, flags);
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, "", flags);
  properties[PROP_RULE_DESCRIPTION] = g_param_spec_string ("rule-description", NULL, NULL, "", flags);
  properties[PROP_EVENT] = g_param_spec_string ("event", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, GK_TYPE_TASK_STATUS, GK_TASK_TODO, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_DONE_ON] = g_param_spec_string ("done-on", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, "local", flags);
  /* Computed: the deadline of the occurrence after this one (recurring tasks), whether the
   * task is overdue, and the working days from "today" to the deadline (negative once past;
   * estimated when a year on the way has no official holiday schedule). */
  properties[PROP_NEXT_DEADLINE] = g_param_spec_string ("next-deadline", NULL, NULL, NULL, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  properties[PROP_REMAINING_WORKDAYS] =
    g_param_spec_int ("remaining-workdays", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_REMAINING_ESTIMATED] =
    g_param_spec_boolean ("remaining-estimated", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_task_init (GkTask *self)
{
  self->department_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
update_string (GkTask      *self,
               char       **field,
               const char  *value,
               guint        prop)
{
  if (value == NULL)
    value = "";
  if (*field != NULL && strcmp (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_int (GkTask *self,
            int    *field,
            int     value,
            guint   prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Returns TRUE if the date changed. */
static gboolean
update_date (GkTask      *self,
             TaskDate    *field,
             const GDate *value,
             guint        prop)
{
  g_autofree char *text = value != NULL ? gk_date_to_string (value) : NULL;

  if (g_strcmp0 (field->text, text) == 0)
    return FALSE;
  g_free (field->text);
  field->text = g_steal_pointer (&text);
  if (value != NULL)
    field->date = *value;
  else
    g_date_clear (&field->date, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

void
gk_task_update (GkTask            *self,
                const GkTaskState *state)
{
  g_return_if_fail (GK_IS_TASK (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->id != state->id)
    {
      self->id = state->id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
  update_int (self, &self->position, state->position, PROP_POSITION);
  update_string (self, &self->category, state->category, PROP_CATEGORY);
  update_string (self, &self->group, state->group, PROP_GROUP);
  update_string (self, &self->title, state->title, PROP_TITLE);
  update_string (self, &self->departments, state->departments, PROP_DEPARTMENTS);
  if (state->department_ids != NULL &&
      (state->department_ids->len != self->department_ids->len ||
       (state->department_ids->len > 0 &&
        memcmp (state->department_ids->data, self->department_ids->data,
                state->department_ids->len * sizeof (gint64)) != 0)))
    {
      g_array_set_size (self->department_ids, 0);
      g_array_append_vals (self->department_ids, state->department_ids->data, state->department_ids->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT_IDS]);
    }
  if (update_date (self, &self->deadline, state->deadline, PROP_DEADLINE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DEADLINE]);
  update_string (self, &self->rule, state->rule, PROP_RULE);
  update_string (self, &self->rule_description, state->rule_description, PROP_RULE_DESCRIPTION);
  update_date (self, &self->event, state->event, PROP_EVENT);
  if (self->status != state->status)
    {
      self->status = state->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
    }
  update_date (self, &self->done_on, state->done_on, PROP_DONE_ON);
  update_string (self, &self->note, state->note, PROP_NOTE);
  update_string (self, &self->origin, state->origin, PROP_ORIGIN);
  update_date (self, &self->next_deadline, state->next_deadline, PROP_NEXT_DEADLINE);
  update_int (self, &self->overdue, !!state->overdue, PROP_OVERDUE);
  update_int (self, &self->remaining_workdays, state->remaining_workdays, PROP_REMAINING_WORKDAYS);
  update_int (self, &self->remaining_estimated, !!state->remaining_estimated, PROP_REMAINING_ESTIMATED);
  g_object_thaw_notify (G_OBJECT (self));
}

GkTask *
gk_task_new (const GkTaskState *state)
{
  GkTask *self = g_object_new (GK_TYPE_TASK, NULL);

  g_date_clear (&self->deadline.date, 1);
  g_date_clear (&self->event.date, 1);
  g_date_clear (&self->done_on.date, 1);
  g_date_clear (&self->next_deadline.date, 1);
  gk_task_update (self, state);
  return self;
}

static const GDate *
date_or_null (const TaskDate *field)
{
  return field->text != NULL ? &field->date : NULL;
}

gint64 gk_task_get_id (GkTask *self) { return self->id; }
int gk_task_get_position (GkTask *self) { return self->position; }
const char *gk_task_get_category (GkTask *self) { return self->category; }
const char *gk_task_get_group (GkTask *self) { return self->group; }
const char *gk_task_get_title (GkTask *self) { return self->title; }
const char *gk_task_get_departments (GkTask *self) { return self->departments; }
const GDate *gk_task_get_deadline (GkTask *self) { return date_or_null (&self->deadline); }
const char *gk_task_get_deadline_text (GkTask *self) { return self->deadline.text; }
const char *gk_task_get_rule (GkTask *self) { return self->rule; }
const char *gk_task_get_rule_description (GkTask *self) { return self->rule_description; }
const GDate *gk_task_get_event (GkTask *self) { return date_or_null (&self->event); }
GkTaskStatus gk_task_get_status (GkTask *self) { return self->status; }
const GDate *gk_task_get_done_on (GkTask *self) { return date_or_null (&self->done_on); }
const char *gk_task_get_done_on_text (GkTask *self) { return self->done_on.text; }
const char *gk_task_get_note (GkTask *self) { return self->note; }
const char *gk_task_get_origin (GkTask *self) { return self->origin; }
const GDate *gk_task_get_next_deadline (GkTask *self) { return date_or_null (&self->next_deadline); }
const char *gk_task_get_next_deadline_text (GkTask *self) { return self->next_deadline.text; }
gboolean gk_task_get_overdue (GkTask *self) { return self->overdue; }
int gk_task_get_remaining_workdays (GkTask *self) { return self->remaining_workdays; }
gboolean gk_task_get_remaining_estimated (GkTask *self) { return self->remaining_estimated; }

const gint64 *
gk_task_get_department_ids (GkTask *self,
                            guint  *n_ids)
{
  if (n_ids != NULL)
    *n_ids = self->department_ids->len;
  return (const gint64 *) (gpointer) self->department_ids->data;
}
