/* GkTasks: the task list of a workspace (主要任务 → 工作任务 → 具体事项, 责任单位, 截止时间).
 *
 * Tasks live in the tables task and task_department; the departments are the catalogue's
 * (gk_catalogue_ensure_department), so renaming one renames it in every task. A task's deadline
 * is a date, possibly computed from its rule (gk-rule.h); when a task with a periodic rule is
 * done, the next occurrence is added with the following deadline, and when an after:Nwd task
 * with an event is done, the duty goes back to waiting for its next event.
 *
 * "Today" is the store's, settable for tests and previews (gk_tasks_set_today); every judgement
 * (overdue, working days left, first deadline) is made against it.
 */
#define G_LOG_DOMAIN "Gongkai-Tasks"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-error.h"
#include "gk-resources.h"
#include "gk-savepoint-private.h"
#include "gk-task-private.h"
#include "gk-tasks.h"
#include "gk-tsv.h"

#define TEMPLATE_PATH "/io/github/gongkai/Gongkai/data/tasks/"

struct _GkTasks
{
  GObject      parent_instance;
  GkCatalogue *catalogue;
  GkDb        *db;        /* the catalogue's */
  GkCalendar  *calendar;
  GDate        today;
  guint        batch;     /* > 0 while one operation makes many changes */
};

G_DEFINE_FINAL_TYPE (GkTasks, gk_tasks, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const field_keys[GK_TASK_N_FIELDS] = {
  "category", "group", "title", "departments", "deadline", "rule", "event", "status", "done_on",
  "note",
};

/* The same limits as the schema's CHECKs, so that the user is told which field is too long. */
#define LIMIT_CATEGORY 500
#define LIMIT_GROUP 500
#define LIMIT_TITLE 2000
#define LIMIT_NOTE 2000
#define LIMIT_DEPARTMENT 100

static const char * const template_names[] = { "yuxi-2020", "recurring", NULL };

const char *
gk_task_field_key (GkTaskField field)
{
  g_return_val_if_fail (field < GK_TASK_N_FIELDS, NULL);
  return field_keys[field];
}

int
gk_task_field_from_key (const char *key)
{
  for (guint i = 0; i < GK_TASK_N_FIELDS; i++)
    if (g_strcmp0 (key, field_keys[i]) == 0)
      return (int) i;
  return -1;
}

/* ---- the object ------------------------------------------------------------------------- */

static void
gk_tasks_finalize (GObject *object)
{
  GkTasks *self = GK_TASKS (object);

  g_clear_object (&self->calendar);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_tasks_parent_class)->finalize (object);
}

static void
gk_tasks_class_init (GkTasksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_tasks_finalize;

  /**
   * GkTasks::changed:
   * @id: the task whose fields changed, or 0 when tasks were added or removed, several changed,
   *   or what is judged against "today" or the calendar changed: views re-query their filter.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
set_real_today (GkTasks *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

static void
gk_tasks_init (GkTasks *self)
{
  set_real_today (self);
}

static void
emit_changed (GkTasks *self,
              gint64   id)
{
  if (self->batch == 0)
    g_signal_emit (self, signals[CHANGED], 0, id);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static gboolean
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL && gk_date_parse (text, date, NULL);
}

static gboolean
check_text (const char  *value,
            int          limit,
            GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("The text is not valid Unicode."));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > limit)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   ngettext ("The text is too long: at most %d character is allowed.",
                             "The text is too long: at most %d characters are allowed.", (gulong) limit),
                   limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_title (const char  *title,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("A task needs a title (具体事项)."));
      return FALSE;
    }
  return check_text (title, LIMIT_TITLE, error);
}

static gboolean
deleted_meanwhile (GError **error)
{
  g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("The task was deleted in the meantime."));
  return FALSE;
}

/* ---- departments ------------------------------------------------------------------------ */

static gboolean
strip_prefix (const char  *p,
              const char  *prefixes[],
              gsize       *len)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (p, prefixes[i]))
      {
        *len = strlen (prefixes[i]);
        return TRUE;
      }
  return FALSE;
}

static char *
strip_spaces (const char *start,
              gsize       length)
{
  static const char *spaces[] = { " ", "\t", "\r", "\n", "　", NULL };
  const char *end = start + length;
  gsize len;

  while (start < end && strip_prefix (start, spaces, &len))
    start += len;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !strip_prefix (prev, spaces, &len) || prev + len != end)
        break;
      end = prev;
    }
  return g_strndup (start, (gsize) (end - start));
}

/**
 * gk_split_departments:
 * @text: 责任单位 as written in a task list: "市民政局、市财政局"
 *
 * Splits on 、，,；; and line breaks, but not inside brackets: "各县(市、区)人民政府" is one
 * department. Names are trimmed; empty and repeated ones are left out.
 *
 * Returns: (transfer full) (element-type utf8): the names, in order
 */
GPtrArray *
gk_split_departments (const char *text)
{
  static const char *separators[] = { "、", "，", ",", "；", ";", "\n", NULL };
  static const char *opening[] = { "(", "（", "[", "【", "〔", "《", NULL };
  static const char *closing[] = { ")", "）", "]", "】", "〕", "》", NULL };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p = text;
  int depth = 0;

  if (text == NULL)
    return names;

  for (;;)
    {
      gsize len = 0;
      gboolean at_end = *p == '\0';

      if (at_end || (depth == 0 && strip_prefix (p, separators, &len)))
        {
          g_autofree char *name = strip_spaces (start, (gsize) (p - start));
          guint index;

          if (*name != '\0' &&
              !g_ptr_array_find_with_equal_func (names, name, g_str_equal, &index))
            g_ptr_array_add (names, g_steal_pointer (&name));
          if (at_end)
            break;
          p += len;
          start = p;
          continue;
        }
      if (strip_prefix (p, opening, &len))
        depth++;
      else if (strip_prefix (p, closing, &len))
        depth = MAX (depth - 1, 0);
      p = g_utf8_next_char (p);
    }
  return names;
}

/* County-level bodies (县直各部门, 各县(市、区)人民政府, 市民政局 …) and the township's own
 * offices (各乡(镇)人民政府, or a role such as 文件起草单位, which is an office of the user's). */
static GkDepartmentKind
guess_kind (const char *name)
{
  static const char *county_prefixes[] = { "县", "市", "州", "盟", "省", "区", "各县", "各市", "各州",
                                           "各区", "各省", NULL };
  gsize len;

  if (strip_prefix (name, county_prefixes, &len) || strstr (name, "县直") != NULL ||
      strstr (name, "市直") != NULL || strstr (name, "州直") != NULL)
    return GK_DEPARTMENT_COUNTY;
  return GK_DEPARTMENT_TOWNSHIP;
}

static gboolean
check_departments (GPtrArray  *names,
                   GError    **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > LIMIT_DEPARTMENT)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The department name “%.40s…” is too long: at most %d characters are allowed."),
                       name, LIMIT_DEPARTMENT);
          return FALSE;
        }
    }
  return TRUE;
}

/* Inside a transaction: makes @names (checked) the task's departments. */
static gboolean
link_departments (GkTasks    *self,
                  gint64      task_id,
                  GPtrArray  *names,
                  GError    **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, "DELETE FROM task_department WHERE task_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GkDepartment *department = gk_catalogue_ensure_department (self->catalogue, name, guess_kind (name), error);

      if (department == NULL)
        return FALSE;
      /* A name given twice keeps its first place. */
      stmt = gk_db_cached (self->db,
        "INSERT OR IGNORE INTO task_department (task_id, department_id, position) VALUES (?1, ?2, ?3)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, task_id);
      sqlite3_bind_int64 (stmt, 2, gk_department_get_id (department));
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!gk_db_step_done (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- reading tasks ---------------------------------------------------------------------- */

#define TASK_SELECT \
  "SELECT t.id, t.position, t.category, t.grp, t.title, t.deadline, t.rule, t.status, t.done_on," \
  " t.note, t.origin FROM task t"
#define TASK_ORDER " ORDER BY t.position, t.deadline IS NULL, t.deadline, t.id"

/* The task of the row @stmt is on, with what is judged against today and the calendar: a new
 * object, or @existing brought up to date. */
static GkTask *
read_task (GkTasks      *self,
           sqlite3_stmt *stmt,
           GkTask       *existing)
{
  g_autoptr(GString) departments = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *rule_description = NULL;
  sqlite3_stmt *links;
  GkTaskState state = { 0 };
  GDate deadline, done_on, next;
  GkRule rule;
  gboolean has_deadline, has_done_on;
  GkTaskStatus status;

  state.id = sqlite3_column_int64 (stmt, 0);
  state.position = sqlite3_column_int (stmt, 1);
  state.category = column_text (stmt, 2);
  state.group = column_text (stmt, 3);
  state.title = column_text (stmt, 4);
  has_deadline = column_date (stmt, 5, &deadline);
  state.deadline = has_deadline ? &deadline : NULL;
  state.rule = column_text (stmt, 6);
  if (!gk_task_status_from_string (column_text (stmt, 7), &status))
    status = GK_TASK_TODO;
  state.status = status;
  has_done_on = column_date (stmt, 8, &done_on);
  state.done_on = has_done_on ? &done_on : NULL;
  state.note = column_text (stmt, 9);
  state.origin = column_text (stmt, 10);

  /* A rule the store cannot read (written by a newer version) is shown, but means nothing. */
  if (!gk_rule_parse (state.rule, &rule, NULL))
    rule.kind = GK_RULE_NONE;
  rule_description = gk_rule_describe (&rule);
  state.rule_description = rule_description;
  state.event = rule.kind == GK_RULE_AFTER_WORKDAYS && rule.has_event ? &rule.event : NULL;

  if (has_deadline && gk_rule_following (&rule, self->calendar, &deadline, &next))
    state.next_deadline = &next;
  if (has_deadline && status != GK_TASK_DONE)
    {
      state.overdue = g_date_compare (&deadline, &self->today) < 0;
      state.remaining_workdays = gk_calendar_workdays_between (self->calendar, &self->today, &deadline);
      state.remaining_estimated = !gk_calendar_check_range (self->calendar, &self->today, &deadline, NULL);
    }

  links = gk_db_cached (self->db,
    "SELECT d.id, d.name FROM task_department td JOIN department d ON d.id = td.department_id"
    " WHERE td.task_id = ?1 ORDER BY td.position, d.position, d.id", NULL);
  if (links != NULL)
    {
      sqlite3_bind_int64 (links, 1, state.id);
      while (sqlite3_step (links) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (links, 0);
          if (departments->len > 0)
            g_string_append (departments, "、");
          g_string_append (departments, column_text (links, 1));
          g_array_append_val (ids, id);
        }
      sqlite3_reset (links);
    }
  state.departments = departments->str;
  state.department_ids = ids;

  if (existing != NULL)
    {
      gk_task_update (existing, &state);
      return existing;
    }
  return gk_task_new (&state);
}

GkTask *
gk_tasks_get (GkTasks  *self,
              gint64    id,
              GError  **error)
{
  sqlite3_stmt *stmt;
  GkTask *task = NULL;
  int rc;

  g_return_val_if_fail (GK_IS_TASKS (self), NULL);

  stmt = gk_db_cached (self->db, TASK_SELECT " WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    task = read_task (self, stmt, NULL);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no task %s."), number);
    }
  else
    gk_db_set_error (self->db, error, _("Cannot read the task"));
  sqlite3_reset (stmt);
  return task;
}

/* Reads @task's row again into the object; FALSE if it is gone. */
static gboolean
refresh (GkTasks  *self,
         GkTask   *task,
         GError  **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, TASK_SELECT " WHERE t.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read_task (self, stmt, task);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return deleted_meanwhile (error);
  if (rc != SQLITE_ROW)
    {
      gk_db_set_error (self->db, error, _("Cannot read the task"));
      return FALSE;
    }
  return TRUE;
}

/**
 * gk_tasks_list:
 * @arg: the number of days for %GK_TASK_FILTER_DUE_WITHIN (7: due this week, today included),
 *   the department's id for %GK_TASK_FILTER_DEPARTMENT; otherwise ignored
 *
 * Returns: (transfer full): a new list of #GkTask, in the list's order (position, then
 *   deadline: the occurrences of a recurring task follow each other)
 */
GListModel *
gk_tasks_list (GkTasks       *self,
               GkTaskFilter   filter,
               gint64         arg,
               GError       **error)
{
  static const char * const queries[] = {
    [GK_TASK_FILTER_ALL] = TASK_SELECT TASK_ORDER,
    [GK_TASK_FILTER_OPEN] = TASK_SELECT " WHERE t.status != 'done'" TASK_ORDER,
    [GK_TASK_FILTER_OVERDUE] = TASK_SELECT " WHERE t.status != 'done' AND t.deadline < ?1" TASK_ORDER,
    [GK_TASK_FILTER_DUE_WITHIN] =
      TASK_SELECT " WHERE t.status != 'done' AND t.deadline >= ?1 AND t.deadline <= ?2" TASK_ORDER,
    [GK_TASK_FILTER_DONE] = TASK_SELECT " WHERE t.status = 'done'" TASK_ORDER,
    [GK_TASK_FILTER_DEPARTMENT] =
      TASK_SELECT " WHERE EXISTS (SELECT 1 FROM task_department td"
      " WHERE td.task_id = t.id AND td.department_id = ?1)" TASK_ORDER,
  };
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *today = NULL;
  g_autofree char *until = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  g_return_val_if_fail (filter <= GK_TASK_FILTER_DEPARTMENT, NULL);
  g_return_val_if_fail (filter != GK_TASK_FILTER_DUE_WITHIN || (arg >= 0 && arg <= 3660), NULL);

  stmt = gk_db_cached (self->db, queries[filter], error);
  if (stmt == NULL)
    return NULL;

  today = gk_date_to_string (&self->today);
  if (filter == GK_TASK_FILTER_OVERDUE || filter == GK_TASK_FILTER_DUE_WITHIN)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (filter == GK_TASK_FILTER_DUE_WITHIN)
    {
      GDate last = self->today;
      g_date_add_days (&last, (guint) arg);
      until = gk_date_to_string (&last);
      sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
    }
  if (filter == GK_TASK_FILTER_DEPARTMENT)
    sqlite3_bind_int64 (stmt, 1, arg);

  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tasks, read_task (self, stmt, NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the tasks"));
      return NULL;
    }

  /* One splice, so a list view sees one change rather than one per row. */
  store = g_list_store_new (GK_TYPE_TASK);
  g_list_store_splice (store, 0, 0, tasks->pdata, tasks->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* The open tasks whose deadline has passed (for a badge). */
guint
gk_tasks_count_overdue (GkTasks *self)
{
  sqlite3_stmt *stmt;
  g_autofree char *today = NULL;
  guint n = 0;

  g_return_val_if_fail (GK_IS_TASKS (self), 0);

  stmt = gk_db_cached (self->db,
    "SELECT count(*) FROM task WHERE status != 'done' AND deadline < ?1", NULL);
  if (stmt == NULL)
    return 0;
  today = gk_date_to_string (&self->today);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- today and the calendar ------------------------------------------------------------- */

/**
 * gk_tasks_set_today:
 * @today: (nullable): the day to judge deadlines against; %NULL for the real today
 */
void
gk_tasks_set_today (GkTasks     *self,
                    const GDate *today)
{
  g_return_if_fail (GK_IS_TASKS (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  if (today != NULL)
    self->today = *today;
  else
    set_real_today (self);
  emit_changed (self, 0);
}

const GDate *
gk_tasks_get_today (GkTasks *self)
{
  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  return &self->today;
}

GkCatalogue *
gk_tasks_get_catalogue (GkTasks *self)
{
  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  return self->catalogue;
}

/* The calendar deadlines are counted with. Edit holidays through this one, so that the
 * deadlines that count working days follow. */
GkCalendar *
gk_tasks_get_calendar (GkTasks *self)
{
  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  return self->calendar;
}

static gboolean
update_deadline (GkTasks      *self,
                 gint64        id,
                 const GDate  *deadline,
                 GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "UPDATE task SET deadline = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    error);
  g_autofree char *text = deadline != NULL ? gk_date_to_string (deadline) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  return gk_db_step_done (self->db, stmt, error);
}

/* The holidays changed: the open tasks whose deadline counts working days get it again. */
static gboolean
recompute_workday_deadlines (GkTasks  *self,
                             GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) deadlines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  GkSavepoint sp;
  int rc;

  stmt = gk_db_cached (self->db,
    "SELECT id, rule, deadline FROM task WHERE status != 'done'"
    " AND (rule GLOB 'after:*@*' OR rule GLOB 'monthly:*wd')", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkRule rule;
      GDate old, from, deadline;
      gboolean has_old = column_date (stmt, 2, &old);

      if (!gk_rule_parse (column_text (stmt, 1), &rule, NULL))
        continue;
      /* A monthly:Nwd occurrence stays in its month. */
      from = self->today;
      if (has_old && rule.kind == GK_RULE_MONTHLY_WORKDAY)
        {
          g_date_clear (&from, 1);
          g_date_set_dmy (&from, 1, g_date_get_month (&old), g_date_get_year (&old));
        }
      if (!gk_rule_first (&rule, self->calendar, &from, &deadline) ||
          (has_old && g_date_compare (&old, &deadline) == 0))
        continue;
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
        g_ptr_array_add (deadlines, g_memdup2 (&deadline, sizeof deadline));
      }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the tasks"));
      return FALSE;
    }
  if (ids->len == 0)
    return TRUE;

  if (!gk_savepoint_begin (&sp, self->db, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!update_deadline (self, g_array_index (ids, gint64, i), g_ptr_array_index (deadlines, i), error))
      {
        gk_savepoint_rollback (&sp);
        return FALSE;
      }
  return gk_savepoint_commit (&sp, error);
}

static void
on_calendar_changed (GkTasks *self)
{
  g_autoptr(GError) error = NULL;

  if (!recompute_workday_deadlines (self, &error))
    g_debug ("Deadlines not recomputed after a change of the holidays: %s", error->message);
  emit_changed (self, 0);
}

static void
on_department_renamed (GkTasks *self)
{
  emit_changed (self, 0);
}

static void
watch_departments (GkTasks    *self,
                   GListModel *departments,
                   guint       position,
                   guint       n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(GkDepartment) department = g_list_model_get_item (departments, i);
      g_signal_connect_object (department, "notify::name", G_CALLBACK (on_department_renamed),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
on_departments_changed (GkTasks    *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *departments)
{
  watch_departments (self, departments, position, added);
  /* Removing a department removes it from its tasks (ON DELETE CASCADE). */
  if (removed > 0)
    emit_changed (self, 0);
}

/**
 * gk_tasks_new:
 *
 * The task list of @catalogue's workspace, with a calendar of the built-in holidays and the
 * workspace's own years. "Today" is the real today until gk_tasks_set_today().
 */
GkTasks *
gk_tasks_new (GkCatalogue  *catalogue,
              GError      **error)
{
  g_autoptr(GkTasks) self = NULL;
  GListModel *departments;

  g_return_val_if_fail (GK_IS_CATALOGUE (catalogue), NULL);

  self = g_object_new (GK_TYPE_TASKS, NULL);
  self->catalogue = g_object_ref (catalogue);
  self->db = gk_catalogue_get_db (catalogue);
  self->calendar = gk_calendar_new (self->db, error);
  if (self->calendar == NULL)
    return NULL;

  g_signal_connect_object (self->calendar, "changed", G_CALLBACK (on_calendar_changed), self,
                           G_CONNECT_SWAPPED);
  departments = gk_catalogue_get_departments (catalogue);
  watch_departments (self, departments, 0, g_list_model_get_n_items (departments));
  g_signal_connect_object (departments, "items-changed", G_CALLBACK (on_departments_changed), self,
                           G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

/* ---- adding and editing ----------------------------------------------------------------- */

/* Inserts a task (its fields checked) and its departments, inside a transaction. */
static gboolean
insert_task (GkTasks       *self,
             const char    *category,
             const char    *group,
             const char    *title,
             GPtrArray     *departments,
             const GDate   *deadline,
             const GkRule  *rule,
             const char    *note,
             const char    *origin,
             gint64        *id,
             GError       **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "INSERT INTO task (position, category, grp, title, deadline, rule, note, origin)"
    " VALUES (coalesce ((SELECT max(position) FROM task), 0) + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  g_autofree char *deadline_text = deadline != NULL ? gk_date_to_string (deadline) : NULL;
  g_autofree char *rule_text = gk_rule_to_string (rule);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  if (deadline_text != NULL)
    sqlite3_bind_text (stmt, 4, deadline_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, rule_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, origin, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db));
  return link_departments (self, *id, departments, error);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/**
 * gk_tasks_add:
 *
 * Adds a task at the end of the list, in one step: either the whole task is saved or nothing.
 * Without a deadline, the rule's first one (gk_rule_first() from today) is used.
 *
 * Returns: (transfer full): the new task
 */
GkTask *
gk_tasks_add (GkTasks             *self,
              const GkTaskFields  *fields,
              GError             **error)
{
  g_autoptr(GPtrArray) departments = NULL;
  GDate first;
  const GDate *deadline;
  GkSavepoint sp;
  GkRule rule;
  gint64 id = 0;

  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->deadline == NULL || g_date_valid (fields->deadline), NULL);
  g_return_val_if_fail (fields->event == NULL || g_date_valid (fields->event), NULL);

  if (!check_title (fields->title, error) ||
      !check_text (or_empty (fields->category), LIMIT_CATEGORY, error) ||
      !check_text (or_empty (fields->group), LIMIT_GROUP, error) ||
      !check_text (or_empty (fields->note), LIMIT_NOTE, error) ||
      !gk_rule_parse (or_empty (fields->rule), &rule, error))
    return NULL;
  if (fields->event != NULL)
    {
      if (rule.kind != GK_RULE_AFTER_WORKDAYS)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("An event date goes with a rule of working days after an event (after:Nwd)."));
          return NULL;
        }
      rule.has_event = TRUE;
      rule.event = *fields->event;
    }
  departments = gk_split_departments (fields->departments);
  if (!check_departments (departments, error))
    return NULL;

  deadline = fields->deadline;
  if (deadline == NULL && gk_rule_first (&rule, self->calendar, &self->today, &first))
    deadline = &first;

  if (!gk_savepoint_begin (&sp, self->db, error))
    return NULL;
  self->batch++;
  if (!insert_task (self, or_empty (fields->category), or_empty (fields->group), fields->title,
                    departments, deadline, &rule, or_empty (fields->note), "local", &id, error) ||
      !gk_savepoint_commit (&sp, error))
    {
      self->batch--;
      gk_savepoint_rollback (&sp);
      return NULL;
    }
  self->batch--;

  emit_changed (self, 0);
  return gk_tasks_get (self, id, error);
}

static const char * const text_update[GK_TASK_N_FIELDS] = {
  [GK_TASK_FIELD_CATEGORY] =
    "UPDATE task SET category = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
  [GK_TASK_FIELD_GROUP] =
    "UPDATE task SET grp = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
  [GK_TASK_FIELD_TITLE] =
    "UPDATE task SET title = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
  [GK_TASK_FIELD_NOTE] =
    "UPDATE task SET note = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
};

/* Runs a one-row UPDATE on @task and reads the task back. */
static gboolean
run_update (GkTasks       *self,
            GkTask        *task,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    return deleted_meanwhile (error);
  if (!refresh (self, task, error))
    return FALSE;
  emit_changed (self, gk_task_get_id (task));
  return TRUE;
}

/**
 * gk_tasks_set_text:
 * @field: %GK_TASK_FIELD_CATEGORY, %GK_TASK_FIELD_GROUP, %GK_TASK_FIELD_TITLE or %GK_TASK_FIELD_NOTE
 */
gboolean
gk_tasks_set_text (GkTasks      *self,
                   GkTask       *task,
                   GkTaskField   field,
                   const char   *value,
                   GError      **error)
{
  static const int limits[GK_TASK_N_FIELDS] = {
    [GK_TASK_FIELD_CATEGORY] = LIMIT_CATEGORY, [GK_TASK_FIELD_GROUP] = LIMIT_GROUP,
    [GK_TASK_FIELD_TITLE] = LIMIT_TITLE, [GK_TASK_FIELD_NOTE] = LIMIT_NOTE,
  };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (field < GK_TASK_N_FIELDS && text_update[field] != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (field == GK_TASK_FIELD_TITLE ? !check_title (value, error) : !check_text (value, limits[field], error))
    return FALSE;
  stmt = gk_db_cached (self->db, text_update[field], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return run_update (self, task, stmt, error);
}

/**
 * gk_tasks_set_departments:
 * @departments: the names, separated by 、 (see gk_split_departments()); new names are added to
 *   the catalogue's departments
 */
gboolean
gk_tasks_set_departments (GkTasks      *self,
                          GkTask       *task,
                          const char   *departments,
                          GError      **error)
{
  g_autoptr(GPtrArray) names = gk_split_departments (departments);
  GkSavepoint sp;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);

  if (!check_departments (names, error))
    return FALSE;
  if (!gk_savepoint_begin (&sp, self->db, error))
    return FALSE;
  stmt = gk_db_cached (self->db,
    "UPDATE task SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    {
      deleted_meanwhile (error);
      goto fail;
    }
  self->batch++;
  if (!link_departments (self, gk_task_get_id (task), names, error))
    {
      self->batch--;
      goto fail;
    }
  self->batch--;
  if (!gk_savepoint_commit (&sp, error))
    goto fail;

  if (!refresh (self, task, error))
    return FALSE;
  emit_changed (self, gk_task_get_id (task));
  return TRUE;

fail:
  gk_savepoint_rollback (&sp);
  return FALSE;
}

/* Sets a date of the task; a deadline counts from then on even if a rule would give another. */
gboolean
gk_tasks_set_deadline (GkTasks      *self,
                       GkTask       *task,
                       const GDate  *deadline,
                       GError      **error)
{
  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (deadline == NULL || g_date_valid (deadline), FALSE);

  if (!update_deadline (self, gk_task_get_id (task), deadline, error))
    return FALSE;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    return deleted_meanwhile (error);
  if (!refresh (self, task, error))
    return FALSE;
  emit_changed (self, 0);
  return TRUE;
}

/* Stores @rule and, when it gives one, the deadline it gives. */
static gboolean
store_rule (GkTasks       *self,
            GkTask        *task,
            const GkRule  *rule,
            const GDate   *from,
            GError       **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "UPDATE task SET rule = ?2, deadline = CASE WHEN ?3 THEN ?4 ELSE deadline END,"
    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", error);
  g_autofree char *text = gk_rule_to_string (rule);
  g_autofree char *deadline_text = NULL;
  gboolean set_deadline = FALSE;
  GDate deadline;

  if (stmt == NULL)
    return FALSE;
  if (gk_rule_first (rule, self->calendar, from, &deadline))
    {
      set_deadline = TRUE;
      deadline_text = gk_date_to_string (&deadline);
    }
  else if (rule->kind == GK_RULE_AFTER_WORKDAYS)
    set_deadline = TRUE;  /* no event (any more): no deadline */

  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, set_deadline);
  if (deadline_text != NULL)
    sqlite3_bind_text (stmt, 4, deadline_text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    return deleted_meanwhile (error);
  if (!refresh (self, task, error))
    return FALSE;
  emit_changed (self, 0);
  return TRUE;
}

/**
 * gk_tasks_set_rule:
 * @rule: see gk-rule.h; "" for none
 *
 * Sets the rule and the first deadline it gives from today (a rule that gives none, such as
 * no rule, keeps the deadline; after:Nwd without an event clears it). Changing the number of
 * an after:Nwd rule keeps its event unless @rule names another.
 */
gboolean
gk_tasks_set_rule (GkTasks      *self,
                   GkTask       *task,
                   const char   *rule,
                   GError      **error)
{
  GkRule parsed, old;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  if (!gk_rule_parse (rule, &parsed, error))
    return FALSE;
  if (parsed.kind == GK_RULE_AFTER_WORKDAYS && !parsed.has_event &&
      gk_rule_parse (gk_task_get_rule (task), &old, NULL) &&
      old.kind == GK_RULE_AFTER_WORKDAYS && old.has_event)
    {
      parsed.has_event = TRUE;
      parsed.event = old.event;
    }
  return store_rule (self, task, &parsed, &self->today, error);
}

/**
 * gk_tasks_set_event:
 * @event: (nullable): the day of the event an after:Nwd rule counts from (公开, 收到申请 …)
 *
 * The deadline becomes the N-th working day after @event; no event, no deadline.
 */
gboolean
gk_tasks_set_event (GkTasks      *self,
                    GkTask       *task,
                    const GDate  *event,
                    GError      **error)
{
  GkRule rule;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (event == NULL || g_date_valid (event), FALSE);

  if (!gk_rule_parse (gk_task_get_rule (task), &rule, NULL) || rule.kind != GK_RULE_AFTER_WORKDAYS)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   _("An event date goes with a rule of working days after an event (after:Nwd)."));
      return FALSE;
    }
  rule.has_event = event != NULL;
  if (event != NULL)
    rule.event = *event;
  return store_rule (self, task, &rule, &self->today, error);
}

/* Inside a transaction: adds the occurrence that follows @task (just done), unless the list
 * has it already (a task done, reopened and done again). */
static gboolean
add_follow_up (GkTasks  *self,
               GkTask   *task,
               gint64   *next_id,
               GError  **error)
{
  g_autofree char *rule_text = NULL;
  g_autofree char *deadline_text = NULL;
  sqlite3_stmt *stmt;
  GkRule rule;
  GDate next;
  int rc;

  *next_id = 0;
  if (!gk_rule_parse (gk_task_get_rule (task), &rule, NULL))
    return TRUE;

  if (gk_rule_is_periodic (&rule))
    {
      const GDate *base = gk_task_get_deadline (task);
      if (base == NULL)
        base = gk_task_get_done_on (task);
      if (base == NULL || !gk_rule_following (&rule, self->calendar, base, &next))
        return TRUE;
      deadline_text = gk_date_to_string (&next);
    }
  else if (rule.kind == GK_RULE_AFTER_WORKDAYS && rule.has_event)
    rule.has_event = FALSE;  /* the duty waits for its next event */
  else
    return TRUE;
  rule_text = gk_rule_to_string (&rule);

  stmt = gk_db_cached (self->db,
    "SELECT 1 FROM task n, task t WHERE t.id = ?1 AND n.id != t.id AND n.category = t.category"
    " AND n.grp = t.grp AND n.title = t.title AND n.rule = ?2 AND n.deadline IS ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  sqlite3_bind_text (stmt, 2, rule_text, -1, SQLITE_TRANSIENT);
  if (deadline_text != NULL)
    sqlite3_bind_text (stmt, 3, deadline_text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot save the change"));
      return FALSE;
    }

  stmt = gk_db_cached (self->db,
    "INSERT INTO task (position, category, grp, title, deadline, rule, status, note, origin)"
    " SELECT position, category, grp, title, ?2, ?3, 'todo', note, origin FROM task WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  if (deadline_text != NULL)
    sqlite3_bind_text (stmt, 2, deadline_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, rule_text, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  *next_id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db));

  stmt = gk_db_cached (self->db,
    "INSERT INTO task_department (task_id, department_id, position)"
    " SELECT ?2, department_id, position FROM task_department WHERE task_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  sqlite3_bind_int64 (stmt, 2, *next_id);
  return gk_db_step_done (self->db, stmt, error);
}

/**
 * gk_tasks_set_status:
 * @done_on: (nullable): for %GK_TASK_DONE, the day it was done (not after today); %NULL for
 *   today. Ignored otherwise: a task that is not done has no completion date.
 * @next: (out) (optional) (nullable): the occurrence added because a recurring task is done
 *
 * When a task with a periodic rule is done, its next occurrence (same fields, the following
 * deadline, not started) is added right after it; an after:Nwd task done for its event is
 * followed by the same duty waiting for the next event.
 */
gboolean
gk_tasks_set_status (GkTasks       *self,
                     GkTask        *task,
                     GkTaskStatus   status,
                     const GDate   *done_on,
                     GkTask       **next,
                     GError       **error)
{
  g_autofree char *done_text = NULL;
  sqlite3_stmt *stmt;
  GkSavepoint sp;
  gint64 next_id = 0;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (status <= GK_TASK_DONE, FALSE);
  g_return_val_if_fail (done_on == NULL || g_date_valid (done_on), FALSE);

  if (next != NULL)
    *next = NULL;
  if (status == GK_TASK_DONE)
    {
      if (done_on == NULL)
        done_on = &self->today;
      done_text = gk_date_to_string (done_on);
      if (g_date_compare (done_on, &self->today) > 0)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The completion date %s is after today: a task is done on a day that has come."),
                       done_text);
          return FALSE;
        }
    }

  if (!gk_savepoint_begin (&sp, self->db, error))
    return FALSE;
  stmt = gk_db_cached (self->db,
    "UPDATE task SET status = ?2, done_on = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (task));
  sqlite3_bind_text (stmt, 2, gk_task_status_to_string (status), -1, SQLITE_STATIC);
  if (done_text != NULL)
    sqlite3_bind_text (stmt, 3, done_text, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    {
      deleted_meanwhile (error);
      goto fail;
    }
  if (!refresh (self, task, error))
    goto fail;
  if (status == GK_TASK_DONE && !add_follow_up (self, task, &next_id, error))
    goto fail;
  if (!gk_savepoint_commit (&sp, error))
    goto fail;

  emit_changed (self, 0);
  if (next != NULL && next_id != 0)
    *next = gk_tasks_get (self, next_id, NULL);
  return TRUE;

fail:
  gk_savepoint_rollback (&sp);
  /* The object may have been refreshed inside the transaction that was undone. */
  refresh (self, task, NULL);
  return FALSE;
}

static gboolean
parse_optional_date (const char  *value,
                     GDate       *date,
                     gboolean    *has_date,
                     GError     **error)
{
  *has_date = *value != '\0';
  return !*has_date || gk_date_parse (value, date, error);
}

/**
 * gk_tasks_set_field:
 * @key: a field key (gk_task_field_key()): category, group, title, departments, deadline,
 *   rule, event, status, done_on or note
 * @value: its text form; "" clears a date
 *
 * Sets one field from its text form: the one place that turns typed text into a task's value.
 */
gboolean
gk_tasks_set_field (GkTasks      *self,
                    GkTask       *task,
                    const char   *key,
                    const char   *value,
                    GError      **error)
{
  int field = gk_task_field_from_key (key);
  GkTaskStatus status;
  gboolean has_date;
  GDate date;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (GK_IS_TASK (task), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  switch (field)
    {
    case GK_TASK_FIELD_CATEGORY:
    case GK_TASK_FIELD_GROUP:
    case GK_TASK_FIELD_TITLE:
    case GK_TASK_FIELD_NOTE:
      return gk_tasks_set_text (self, task, field, value, error);
    case GK_TASK_FIELD_DEPARTMENTS:
      return gk_tasks_set_departments (self, task, value, error);
    case GK_TASK_FIELD_DEADLINE:
      return parse_optional_date (value, &date, &has_date, error) &&
             gk_tasks_set_deadline (self, task, has_date ? &date : NULL, error);
    case GK_TASK_FIELD_RULE:
      return gk_tasks_set_rule (self, task, value, error);
    case GK_TASK_FIELD_EVENT:
      return parse_optional_date (value, &date, &has_date, error) &&
             gk_tasks_set_event (self, task, has_date ? &date : NULL, error);
    case GK_TASK_FIELD_STATUS:
      if (!gk_task_status_from_string (value, &status))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The status is “todo”, “doing” or “done” (未开始, 进行中, 已完成), not “%s”."), value);
          return FALSE;
        }
      return gk_tasks_set_status (self, task, status, NULL, NULL, error);
    case GK_TASK_FIELD_DONE_ON:
      if (gk_task_get_status (task) != GK_TASK_DONE)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("Only a done task has a completion date: set its status to done first."));
          return FALSE;
        }
      return gk_date_parse (value, &date, error) &&
             gk_tasks_set_status (self, task, GK_TASK_DONE, &date, NULL, error);
    default:
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("A task has no field “%s”."), key);
      return FALSE;
    }
}

gboolean
gk_tasks_delete (GkTasks  *self,
                 gint64    id,
                 GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);

  stmt = gk_db_cached (self->db, "DELETE FROM task WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (gk_db_get_handle (self->db)) == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no task %s."), number);
      return FALSE;
    }
  emit_changed (self, 0);
  return TRUE;
}

/* Undoes gk_tasks_delete(): @snapshot, the task as it was read before, comes back with its id
 * (a new one if a task added since took it), its place in the list and every field, and its
 * departments in their order (but not one removed from the catalogue in the meantime). */
GkTask *
gk_tasks_undelete (GkTasks  *self,
                   GkTask   *snapshot,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  const gint64 *department_ids;
  guint n_departments = 0;
  gint64 id;

  g_return_val_if_fail (GK_IS_TASKS (self), NULL);
  g_return_val_if_fail (GK_IS_TASK (snapshot), NULL);

  if (!gk_db_begin (self->db, error))
    return NULL;

  stmt = gk_db_cached (self->db,
    "INSERT INTO task (id, position, category, grp, title, deadline, rule, status, done_on, note, origin)"
    " VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM task WHERE id = ?1) THEN NULL ELSE ?1 END),"
    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, gk_task_get_id (snapshot));
  sqlite3_bind_int (stmt, 2, gk_task_get_position (snapshot));
  sqlite3_bind_text (stmt, 3, gk_task_get_category (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, gk_task_get_group (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, gk_task_get_title (snapshot), -1, SQLITE_TRANSIENT);
  if (gk_task_get_deadline_text (snapshot) != NULL)
    sqlite3_bind_text (stmt, 6, gk_task_get_deadline_text (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, gk_task_get_rule (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, gk_task_status_to_string (gk_task_get_status (snapshot)), -1, SQLITE_STATIC);
  if (gk_task_get_done_on_text (snapshot) != NULL)
    sqlite3_bind_text (stmt, 9, gk_task_get_done_on_text (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, gk_task_get_note (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, gk_task_get_origin (snapshot), -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db));

  department_ids = gk_task_get_department_ids (snapshot, &n_departments);
  for (guint i = 0; i < n_departments; i++)
    {
      stmt = gk_db_cached (self->db,
        "INSERT OR IGNORE INTO task_department (task_id, department_id, position)"
        " SELECT ?1, id, ?3 FROM department WHERE id = ?2", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, department_ids[i]);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
    }
  if (!gk_db_commit (self->db, error))
    goto fail;

  emit_changed (self, 0);
  return gk_tasks_get (self, id, error);

fail:
  gk_db_rollback (self->db);
  return NULL;
}

/* ---- task list files -------------------------------------------------------------------- */

static const char * const file_header_rule_note[] = {
  "no", "main_task", "work_task", "item", "departments", "deadline", "rule", "note", NULL
};

enum { F_NO = 1, F_CATEGORY, F_GROUP, F_TITLE, F_DEPARTMENTS, F_DEADLINE, F_RULE, F_NOTE };

typedef struct
{
  char      *category;
  char      *group;
  char      *title;
  char      *note;
  char      *origin;
  GPtrArray *departments;
  gboolean   has_deadline;
  GDate      deadline;
  GkRule     rule;
} ImportRow;

static void
import_row_free (ImportRow *row)
{
  g_free (row->category);
  g_free (row->group);
  g_free (row->title);
  g_free (row->note);
  g_free (row->origin);
  g_clear_pointer (&row->departments, g_ptr_array_unref);
  g_free (row);
}

static gboolean
check_column (GkTsv    *tsv,
              guint     column,
              int       limit,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (check_text (gk_tsv_get (tsv, column), limit, &local_error))
    return TRUE;
  gk_tsv_set_error (tsv, error, column, "%s", local_error->message);
  return FALSE;
}

static ImportRow *
parse_row (GkTsv       *tsv,
           guint        n_columns,
           const char  *template,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ImportRow *row;
  GkRule rule;
  GDate deadline;
  gboolean has_deadline;
  g_autofree char *title = g_strstrip (g_strdup (gk_tsv_get (tsv, F_TITLE)));
  g_autoptr(GPtrArray) departments = gk_split_departments (gk_tsv_get (tsv, F_DEPARTMENTS));

  if (*title == '\0')
    {
      gk_tsv_set_error (tsv, error, F_TITLE, _("must not be empty"));
      return NULL;
    }
  if (!check_column (tsv, F_CATEGORY, LIMIT_CATEGORY, error) ||
      !check_column (tsv, F_GROUP, LIMIT_GROUP, error) ||
      !check_column (tsv, F_TITLE, LIMIT_TITLE, error) ||
      (n_columns >= F_NOTE && !check_column (tsv, F_NOTE, LIMIT_NOTE, error)))
    return NULL;
  if (!check_departments (departments, &local_error))
    {
      gk_tsv_set_error (tsv, error, F_DEPARTMENTS, "%s", local_error->message);
      return NULL;
    }
  if (!parse_optional_date (gk_tsv_get (tsv, F_DEADLINE), &deadline, &has_deadline, &local_error))
    {
      gk_tsv_set_error (tsv, error, F_DEADLINE, "%s", local_error->message);
      return NULL;
    }
  if (!gk_rule_parse (n_columns >= F_RULE ? gk_tsv_get (tsv, F_RULE) : "", &rule, &local_error))
    {
      gk_tsv_set_error (tsv, error, F_RULE, "%s", local_error->message);
      return NULL;
    }
  if (template != NULL && *gk_tsv_get (tsv, F_NO) == '\0')
    {
      gk_tsv_set_error (tsv, error, F_NO, _("must not be empty"));
      return NULL;
    }

  row = g_new0 (ImportRow, 1);
  row->category = g_strdup (gk_tsv_get (tsv, F_CATEGORY));
  row->group = g_strdup (gk_tsv_get (tsv, F_GROUP));
  row->title = g_steal_pointer (&title);
  row->note = g_strdup (n_columns >= F_NOTE ? gk_tsv_get (tsv, F_NOTE) : "");
  row->origin = template != NULL ? g_strdup_printf ("template:%s:%s", template, gk_tsv_get (tsv, F_NO))
                                 : g_strdup ("import");
  row->departments = g_steal_pointer (&departments);
  row->has_deadline = has_deadline;
  row->deadline = deadline;
  row->rule = rule;
  return row;
}

/* A task list file (data/tasks/README.md): the columns of the 玉溪 list, then optionally rule
 * and note. The whole file is read and checked before anything is stored. */
static GPtrArray *
parse_task_file (const char  *name,
                 const char  *text,
                 gsize        length,
                 const char  *template,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  g_autoptr(GkTsv) tsv = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *line_end = memchr (text, '\n', length);
  g_autofree char *first = g_strndup (text, line_end != NULL ? (gsize) (line_end - text) : length);
  g_auto(GStrv) columns = NULL;
  guint n_columns;
  const char *header[G_N_ELEMENTS (file_header_rule_note)];

  g_strchomp (first);
  columns = g_strsplit (first, "\t", -1);
  n_columns = CLAMP (g_strv_length (columns), F_DEADLINE, F_NOTE);
  memcpy (header, file_header_rule_note, sizeof header);
  header[n_columns] = NULL;

  tsv = gk_tsv_new (name, text, length, header, error);
  if (tsv == NULL)
    return NULL;
  while (gk_tsv_next (tsv, &local_error))
    {
      ImportRow *row = parse_row (tsv, n_columns, template, error);
      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
row_exists (GkTasks    *self,
            ImportRow  *row,
            gboolean   *exists,
            GError    **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "SELECT 1 FROM task WHERE (?1 GLOB 'template:*' AND origin = ?1)"
    " OR (category = ?2 AND grp = ?3 AND title = ?4) LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->title, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the tasks"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* Adds the rows the list does not have yet: a template's row is known by its origin (even
 * once edited), any row by its 主要任务, 工作任务 and 具体事项. */
static gboolean
import_rows (GkTasks    *self,
             GPtrArray  *rows,
             guint      *n_added,
             guint      *n_skipped,
             GError    **error)
{
  GkSavepoint sp;
  guint added = 0, skipped = 0;

  if (!gk_savepoint_begin (&sp, self->db, error))
    return FALSE;
  self->batch++;
  for (guint i = 0; i < rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (rows, i);
      GDate first;
      const GDate *deadline = row->has_deadline ? &row->deadline : NULL;
      gboolean exists = FALSE;
      gint64 id;

      if (!row_exists (self, row, &exists, error))
        goto fail;
      if (exists)
        {
          skipped++;
          continue;
        }
      if (deadline == NULL && gk_rule_first (&row->rule, self->calendar, &self->today, &first))
        deadline = &first;
      if (!insert_task (self, row->category, row->group, row->title, row->departments, deadline,
                        &row->rule, row->note, row->origin, &id, error))
        goto fail;
      added++;
    }
  if (!gk_savepoint_commit (&sp, error))
    goto fail;
  self->batch--;

  if (n_added != NULL)
    *n_added = added;
  if (n_skipped != NULL)
    *n_skipped = skipped;
  if (added > 0)
    emit_changed (self, 0);
  return TRUE;

fail:
  self->batch--;
  gk_savepoint_rollback (&sp);
  return FALSE;
}

const char * const *
gk_tasks_get_template_names (void)
{
  return template_names;
}

/* The template's name for people, translated; NULL for an unknown template. */
const char *
gk_tasks_get_template_title (const char *name)
{
  if (g_strcmp0 (name, "yuxi-2020") == 0)
    return _("Task list of Yuxi, 2020 (26 tasks of the standardization campaign)");
  if (g_strcmp0 (name, "recurring") == 0)
    return _("Standing duties: monthly and yearly reports, deadlines in working days (7 tasks)");
  return NULL;
}

/**
 * gk_tasks_import_template:
 * @name: "yuxi-2020" or "recurring" (gk_tasks_get_template_names())
 * @n_added: (out) (optional): the tasks added
 * @n_skipped: (out) (optional): the template's tasks the list had already
 *
 * Adds a built-in task list; importing it again adds only what is missing.
 */
gboolean
gk_tasks_import_template (GkTasks     *self,
                          const char  *name,
                          guint       *n_added,
                          guint       *n_skipped,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *file_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_strv_contains (template_names, name))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) template_names);
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND,
                   _("There is no task list template “%s”: the templates are %s."), name, names);
      return FALSE;
    }

  gk_core_register_resource ();
  file_name = g_strconcat (name, ".tsv", NULL);
  path = g_strconcat (TEMPLATE_PATH, file_name, NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read “%s”: %s"), file_name, local_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  rows = parse_task_file (file_name, data, length, name, error);
  return rows != NULL && import_rows (self, rows, n_added, n_skipped, error);
}

/**
 * gk_tasks_import_file:
 *
 * Adds the tasks of a task list file (the format of data/tasks/README.md) that the list does
 * not have yet. A file with any error is refused as a whole, with its line and column.
 */
gboolean
gk_tasks_import_file (GkTasks     *self,
                      GFile       *file,
                      guint       *n_added,
                      guint       *n_skipped,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (GK_IS_TASKS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  rows = parse_task_file (name, contents, length, NULL, error);
  return rows != NULL && import_rows (self, rows, n_added, n_skipped, error);
}
