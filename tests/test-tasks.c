/* Tests of the task list: deadline rules (gk-rule), GkTasks over a real workspace (adding,
 * editing, recurrence, filters, templates, task list files) and GkTask's properties. */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-test-util.h"

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
  GkTasks     *tasks;
  guint        n_changed;
} Fixture;

static void
on_changed (GkTasks *tasks,
            gint64   id,
            Fixture *f)
{
  f->n_changed++;
}

static void
open_tasks (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->tasks = gk_tasks_new (f->catalogue, &error);
  g_assert_no_error (error);
  g_signal_connect (f->tasks, "changed", G_CALLBACK (on_changed), f);
}

static void
set_today (Fixture    *f,
           const char *text)
{
  GDate today = gk_test_date (text);
  gk_tasks_set_today (f->tasks, &today);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = gk_test_tmp_dir_new ("gk-tasks-XXXXXX");
  f->path = g_build_filename (f->dir, "test.gongkai", NULL);
  f->catalogue = gk_test_create_workspace (f->path, "城关镇", "某某县");
  open_tasks (f);
  set_today (f, "2026-03-10");
  f->n_changed = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->tasks);
  g_assert_finalize_object (f->catalogue);
  gk_test_tmp_dir_free (f->dir);
  g_free (f->path);
}

static void
reopen (Fixture *f)
{
  GDate today = *gk_tasks_get_today (f->tasks);

  g_assert_finalize_object (f->tasks);
  g_assert_finalize_object (f->catalogue);
  f->catalogue = gk_test_open_workspace (f->path);
  open_tasks (f);
  gk_tasks_set_today (f->tasks, &today);
}

static GListModel *
list (Fixture      *f,
      GkTaskFilter  filter,
      gint64        arg)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = gk_tasks_list (f->tasks, filter, arg, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static guint
count (Fixture      *f,
       GkTaskFilter  filter,
       gint64        arg)
{
  g_autoptr(GListModel) model = list (f, filter, arg);
  return g_list_model_get_n_items (model);
}

static GkTask *
nth (GListModel *model,
     guint       i)
{
  GkTask *task = g_list_model_get_item (model, i);
  g_assert_nonnull (task);
  g_object_unref (task);  /* the model keeps it */
  return task;
}

/* The task of @model whose title starts with @prefix. */
static GkTask *
find (GListModel *model,
      const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GkTask *task = nth (model, i);
      if (g_str_has_prefix (gk_task_get_title (task), prefix))
        return task;
    }
  g_error ("no task “%s…”", prefix);
  return NULL;
}

static GkTask *
add (Fixture    *f,
     const char *title,
     const char *departments,
     const char *deadline,
     const char *rule,
     const char *event)
{
  g_autoptr(GError) error = NULL;
  GDate deadline_date, event_date;
  GkTaskFields fields = { .title = title, .departments = departments, .rule = rule };
  GkTask *task;

  if (deadline != NULL)
    {
      deadline_date = gk_test_date (deadline);
      fields.deadline = &deadline_date;
    }
  if (event != NULL)
    {
      event_date = gk_test_date (event);
      fields.event = &event_date;
    }
  task = gk_tasks_add (f->tasks, &fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static GkTask *
done (Fixture    *f,
      GkTask     *task,
      const char *on)
{
  g_autoptr(GError) error = NULL;
  GkTask *next = NULL;
  GDate on_date;

  if (on != NULL)
    on_date = gk_test_date (on);
  g_assert_true (gk_tasks_set_status (f->tasks, task, GK_TASK_DONE, on != NULL ? &on_date : NULL,
                                      &next, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_task_get_status (task), ==, GK_TASK_DONE);
  return next;
}

static void
assert_departments (GkTask            *task,
                    const char * const *expected)
{
  g_autoptr(GPtrArray) names = gk_split_departments (gk_task_get_departments (task));
  guint n_ids;

  gk_task_get_department_ids (task, &n_ids);
  g_assert_cmpuint (n_ids, ==, g_strv_length ((char **) expected));
  g_assert_cmpuint (names->len, ==, n_ids);
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
}

/* ---- rules ------------------------------------------------------------------------------ */

static void
test_rule_parse (void)
{
  static const struct { const char *text; GkRuleKind kind; const char *canonical; } good[] = {
    { "", GK_RULE_NONE, "" },
    { "  ", GK_RULE_NONE, "" },
    { "monthly:2", GK_RULE_MONTHLY, "monthly:2" },
    { " monthly:31 ", GK_RULE_MONTHLY, "monthly:31" },
    { "monthly:3wd", GK_RULE_MONTHLY_WORKDAY, "monthly:3wd" },
    { "yearly:01-31", GK_RULE_YEARLY, "yearly:01-31" },
    { "yearly:2-29", GK_RULE_YEARLY, "yearly:02-29" },
    { "after:20wd", GK_RULE_AFTER_WORKDAYS, "after:20wd" },
    { "after:3wd@2026-02-13", GK_RULE_AFTER_WORKDAYS, "after:3wd@2026-02-13" },
    { "every:14d", GK_RULE_EVERY_DAYS, "every:14d" },
  };
  static const char * const bad[] = {
    "monthly", "monthly:", "monthly:0", "monthly:32", "monthly:24wd", "monthly:2x", "monthly:-1",
    "yearly:13-01", "yearly:02-30", "yearly:0131", "yearly:01-31-", "after:20", "after:20d",
    "after:0wd", "after:366wd", "after:20wd@2026-02-30", "after:20wd@", "every:14", "every:0d",
    "every:367d", "weekly:1", "每月2日", "monthly:2 wd", "monthly:1000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      g_autofree char *described = NULL;
      GkRule rule;

      g_assert_true (gk_rule_parse (good[i].text, &rule, &error));
      g_assert_no_error (error);
      g_assert_cmpint (rule.kind, ==, good[i].kind);
      canonical = gk_rule_to_string (&rule);
      g_assert_cmpstr (canonical, ==, good[i].canonical);
      described = gk_rule_describe (&rule);
      g_assert_true ((*described != '\0') == (rule.kind != GK_RULE_NONE));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GkRule rule;

      g_test_message ("%s", bad[i]);
      g_assert_false (gk_rule_parse (bad[i], &rule, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    }
}

static char *
first (GkCalendar *calendar,
       const char *rule_text,
       const char *from)
{
  GkRule rule;
  GDate from_date = gk_test_date (from), result;

  g_assert_true (gk_rule_parse (rule_text, &rule, NULL));
  if (!gk_rule_first (&rule, calendar, &from_date, &result))
    return NULL;
  return gk_date_to_string (&result);
}

static char *
following (GkCalendar *calendar,
           const char *rule_text,
           const char *current)
{
  GkRule rule;
  GDate current_date = gk_test_date (current), result;

  g_assert_true (gk_rule_parse (rule_text, &rule, NULL));
  if (!gk_rule_following (&rule, calendar, &current_date, &result))
    return NULL;
  return gk_date_to_string (&result);
}

static void
test_rule_dates (void)
{
  g_autoptr(GkCalendar) calendar = gk_calendar_new (NULL, NULL);
  static const struct { const char *rule; const char *from; const char *first; } firsts[] = {
    /* by day 2: the calendar date, holidays or not */
    { "monthly:2", "2026-01-15", "2026-02-02" },
    { "monthly:2", "2026-02-02", "2026-02-02" },
    { "monthly:2", "2025-09-03", "2025-10-02" },  /* 国庆 2025 */
    { "monthly:2", "2026-12-03", "2027-01-02" },
    { "monthly:31", "2026-02-01", "2026-02-28" },
    { "monthly:31", "2024-02-01", "2024-02-29" },
    { "monthly:30", "2026-01-31", "2026-02-28" },
    /* by working day 2: 10-01 … 10-08 off, 10-09 the first, 10-10 the second */
    { "monthly:2wd", "2025-09-30", "2025-10-10" },
    { "monthly:2wd", "2026-01-20", "2026-02-03" },
    { "monthly:2wd", "2026-02-04", "2026-03-03" },
    /* February 2026 has 16 working days: the 23rd is its last, the make-up Saturday 02-28 */
    { "monthly:23wd", "2026-02-01", "2026-02-28" },
    { "yearly:01-31", "2026-01-31", "2026-01-31" },
    { "yearly:01-31", "2026-02-01", "2027-01-31" },
    { "yearly:12-20", "2026-03-10", "2026-12-20" },
    { "yearly:02-29", "2026-03-01", "2027-02-28" },
    { "yearly:02-29", "2027-03-01", "2028-02-29" },
    { "every:14d", "2026-03-10", "2026-03-24" },
    { "after:20wd@2026-02-13", "2026-03-10", "2026-03-19" },  /* Friday before 春节 */
    { "after:3wd@2025-09-30", "2020-01-01", "2025-10-11" },   /* a make-up Saturday */
  };
  static const struct { const char *rule; const char *current; const char *next; } nexts[] = {
    { "monthly:2", "2026-01-02", "2026-02-02" },
    { "monthly:2", "2026-09-02", "2026-10-02" },  /* 国庆 2026: still 10-02 */
    { "monthly:2", "2026-12-02", "2027-01-02" },  /* across the year's end */
    { "monthly:31", "2026-01-31", "2026-02-28" },
    { "monthly:31", "2026-02-28", "2026-03-31" },
    { "monthly:2wd", "2025-09-02", "2025-10-10" },
    { "yearly:01-31", "2026-01-31", "2027-01-31" },
    { "yearly:02-29", "2028-02-29", "2029-02-28" },
    { "every:14d", "2026-12-25", "2027-01-08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (firsts); i++)
    {
      g_autofree char *result = first (calendar, firsts[i].rule, firsts[i].from);
      g_test_message ("%s from %s", firsts[i].rule, firsts[i].from);
      g_assert_cmpstr (result, ==, firsts[i].first);
    }
  for (guint i = 0; i < G_N_ELEMENTS (nexts); i++)
    {
      g_autofree char *result = following (calendar, nexts[i].rule, nexts[i].current);
      g_test_message ("%s after %s", nexts[i].rule, nexts[i].current);
      g_assert_cmpstr (result, ==, nexts[i].next);
    }

  /* No deadline of their own: no rule, an event not known yet; and they do not repeat. */
  g_assert_null (first (calendar, "", "2026-03-10"));
  g_assert_null (first (calendar, "after:20wd", "2026-03-10"));
  g_assert_null (following (calendar, "", "2026-03-10"));
  g_assert_null (following (calendar, "after:20wd@2026-02-13", "2026-03-19"));
}

/* ---- departments ------------------------------------------------------------------------ */

static void
test_split_departments (void)
{
  static const struct { const char *text; const char *joined; } cases[] = {
    { "", "" },
    { "市民政局", "市民政局" },
    { "市民政局、市财政局", "市民政局|市财政局" },
    { "各县(市、区)人民政府、市政府办公室", "各县(市、区)人民政府|市政府办公室" },
    { "各县（市、区）人民政府，市直各部门", "各县（市、区）人民政府|市直各部门" },
    { " 党政办 、、 社会事务办；党政办 ", "党政办|社会事务办" },
    { "市自然资源和规划局", "市自然资源和规划局" },
    { "a、(b、c", "a|(b、c" },
    { "a)、b", "a)|b" },
    { "　县民政局\n县财政局", "县民政局|县财政局" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) names = gk_split_departments (cases[i].text);
      g_autofree char *joined = NULL;

      g_ptr_array_add (names, NULL);
      joined = g_strjoinv ("|", (char **) names->pdata);
      g_assert_cmpstr (joined, ==, cases[i].joined);
    }
}

/* ---- adding and editing ----------------------------------------------------------------- */

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GkTask) second = NULL;
  g_autoptr(GError) error = NULL;
  const char * const departments[] = { "党政综合办公室", "县民政局", NULL };
  GkTaskFields fields = { .category = "主要任务", .group = "工作任务", .title = "具体事项",
                          .departments = "党政综合办公室、县民政局", .note = "备注" };
  GkDepartment *department;
  g_autofree char *deadline = NULL;
  g_autofree char *rule = NULL;
  GkTaskStatus status;
  gboolean overdue;
  int remaining;

  task = gk_tasks_add (f->tasks, &fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpint (gk_task_get_position (task), ==, 1);
  g_assert_cmpstr (gk_task_get_category (task), ==, "主要任务");
  g_assert_cmpstr (gk_task_get_group (task), ==, "工作任务");
  g_assert_cmpstr (gk_task_get_title (task), ==, "具体事项");
  g_assert_cmpstr (gk_task_get_note (task), ==, "备注");
  g_assert_cmpstr (gk_task_get_departments (task), ==, "党政综合办公室、县民政局");
  assert_departments (task, departments);
  g_assert_cmpstr (gk_task_get_origin (task), ==, "local");
  g_assert_cmpint (gk_task_get_status (task), ==, GK_TASK_TODO);
  g_assert_null (gk_task_get_deadline (task));
  g_assert_null (gk_task_get_done_on (task));
  g_assert_null (gk_task_get_next_deadline (task));
  g_assert_false (gk_task_get_overdue (task));

  /* The departments are the catalogue's, of the kind their names say. */
  department = gk_catalogue_find_department (f->catalogue, "县民政局");
  g_assert_nonnull (department);
  g_assert_cmpint (gk_department_get_kind (department), ==, GK_DEPARTMENT_COUNTY);
  department = gk_catalogue_find_department (f->catalogue, "党政综合办公室");
  g_assert_cmpint (gk_department_get_kind (department), ==, GK_DEPARTMENT_TOWNSHIP);

  /* Properties, for list views. */
  second = add (f, "月报", "党政综合办公室", NULL, "monthly:2", NULL);
  g_object_get (second, "deadline", &deadline, "rule", &rule, "status", &status, "overdue", &overdue,
                "remaining-workdays", &remaining, NULL);
  g_assert_cmpstr (deadline, ==, "2026-04-02");
  g_assert_cmpstr (rule, ==, "monthly:2");
  g_assert_cmpint (status, ==, GK_TASK_TODO);
  g_assert_false (overdue);
  g_assert_cmpint (remaining, ==, 17);
  g_assert_cmpint (gk_task_get_position (second), ==, 2);
  gk_test_assert_date (gk_task_get_next_deadline (second), "2026-05-02");
  g_assert_cmpstr (gk_task_get_rule_description (second), ==, "By day 2 of every month");
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 2);

  /* Refused: nothing is added. */
  fields = (GkTaskFields) { .title = "  " };
  g_assert_null (gk_tasks_add (f->tasks, &fields, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  fields = (GkTaskFields) { .title = "x", .rule = "weekly:1" };
  g_assert_null (gk_tasks_add (f->tasks, &fields, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  {
    GDate event = gk_test_date ("2026-03-01");
    fields = (GkTaskFields) { .title = "x", .rule = "monthly:2", .event = &event };
    g_assert_null (gk_tasks_add (f->tasks, &fields, &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autofree char *long_name = g_strnfill (101, 'x');
    fields = (GkTaskFields) { .title = "x", .departments = long_name };
    g_assert_null (gk_tasks_add (f->tasks, &fields, &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 2);

  /* Kept in the workspace. */
  reopen (f);
  {
    g_autoptr(GListModel) model = list (f, GK_TASK_FILTER_ALL, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (gk_task_get_departments (nth (model, 0)), ==, "党政综合办公室、县民政局");
    gk_test_assert_date (gk_task_get_deadline (nth (model, 1)), "2026-04-02");
  }
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GkTask) task = add (f, "具体事项", "党政办", NULL, NULL, NULL);
  g_autoptr(GkTask) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_title = 0, n_status = 0;
  static const struct { const char *key; const char *value; } refused[] = {
    { "title", "" }, { "title", "   " }, { "deadline", "2026-02-30" }, { "deadline", "tomorrow" },
    { "rule", "monthly:40" }, { "event", "2026-03-01" }, { "status", "finished" },
    { "done_on", "2026-03-01" }, { "colour", "red" },
  };

  g_signal_connect (task, "notify::title", G_CALLBACK (gk_test_count_notify), &n_title);
  g_signal_connect (task, "notify::status", G_CALLBACK (gk_test_count_notify), &n_status);

  g_assert_true (gk_tasks_set_field (f->tasks, task, "title", "新的事项", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_title (task), ==, "新的事项");
  g_assert_cmpuint (n_title, ==, 1);
  g_assert_true (gk_tasks_set_field (f->tasks, task, "title", "新的事项", &error));
  g_assert_cmpuint (n_title, ==, 1);  /* no change, no notification */

  g_assert_true (gk_tasks_set_field (f->tasks, task, "category", "主要任务", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "group", "工作任务", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "note", "备注", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "departments", "县财政局、党政办", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "deadline", "2026-03-20", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_category (task), ==, "主要任务");
  g_assert_cmpstr (gk_task_get_group (task), ==, "工作任务");
  g_assert_cmpstr (gk_task_get_note (task), ==, "备注");
  /* In the order given: the first named leads (牵头), whatever the catalogue's own order. */
  g_assert_cmpstr (gk_task_get_departments (task), ==, "县财政局、党政办");
  gk_test_assert_date (gk_task_get_deadline (task), "2026-03-20");
  g_assert_cmpint (gk_task_get_remaining_workdays (task), ==, 8);

  g_assert_true (gk_tasks_set_field (f->tasks, task, "status", "进行中", &error));
  g_assert_cmpint (gk_task_get_status (task), ==, GK_TASK_DOING);
  g_assert_cmpuint (n_status, ==, 1);
  g_assert_true (gk_tasks_set_field (f->tasks, task, "status", "done", &error));
  gk_test_assert_date (gk_task_get_done_on (task), "2026-03-10");
  g_assert_true (gk_tasks_set_field (f->tasks, task, "done_on", "2026-03-09", &error));
  gk_test_assert_date (gk_task_get_done_on (task), "2026-03-09");
  g_assert_cmpstr (gk_task_get_done_on_text (task), ==, "2026-03-09");
  g_assert_false (gk_tasks_set_field (f->tasks, task, "done_on", "2026-03-11", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gk_tasks_set_field (f->tasks, task, "status", "todo", &error));
  g_assert_null (gk_task_get_done_on (task));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "deadline", "", &error));
  g_assert_null (gk_task_get_deadline (task));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s = %s", refused[i].key, refused[i].value);
      g_assert_false (gk_tasks_set_field (f->tasks, task, refused[i].key, refused[i].value, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
    }
  {
    g_autofree char *note = g_strnfill (2001, 'x');
    g_assert_false (gk_tasks_set_field (f->tasks, task, "note", note, &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpstr (gk_task_get_title (task), ==, "新的事项");

  /* What another reader gets from the workspace. */
  again = gk_tasks_get (f->tasks, gk_task_get_id (task), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_title (again), ==, "新的事项");
  g_assert_cmpstr (gk_task_get_departments (again), ==, "县财政局、党政办");
  g_assert_cmpint (gk_task_get_status (again), ==, GK_TASK_TODO);
  /* Turned round, and a name given twice keeps its first place. */
  g_assert_true (gk_tasks_set_field (f->tasks, task, "departments", "党政办、县财政局、党政办", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_departments (task), ==, "党政办、县财政局");

  /* Deleted. */
  g_assert_true (gk_tasks_delete (f->tasks, gk_task_get_id (task), &error));
  g_assert_no_error (error);
  g_assert_false (gk_tasks_set_field (f->tasks, task, "title", "x", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_tasks_delete (f->tasks, gk_task_get_id (task), &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gk_tasks_get (f->tasks, gk_task_get_id (task), &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 0);
}

/* The toast's Undo: a removed task comes back whole, where it was. */
static void
test_undelete (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) other = add (f, "乙", "党政办", "2026-03-31", NULL, NULL);
  g_autoptr(GkTask) task = add (f, "甲", "县财政局、党政办", "2026-03-20", "monthly:20", NULL);
  g_autoptr(GkTask) snapshot = NULL;
  g_autoptr(GkTask) back = NULL;
  g_autoptr(GkTask) newer = NULL;
  gint64 id = gk_task_get_id (task);

  g_assert_true (gk_tasks_set_field (f->tasks, task, "category", "主要任务", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "group", "工作任务", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, task, "note", "备注", &error));
  /* Not done: a recurring task marked done would add its next occurrence. */
  g_assert_true (gk_tasks_set_field (f->tasks, task, "status", "doing", &error));
  g_assert_no_error (error);
  snapshot = gk_tasks_get (f->tasks, id, &error);
  g_assert_no_error (error);

  g_assert_true (gk_tasks_delete (f->tasks, id, &error));
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 1);
  back = gk_tasks_undelete (f->tasks, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gk_task_get_id (back), ==, id);
  g_assert_cmpint (gk_task_get_position (back), ==, gk_task_get_position (snapshot));
  g_assert_cmpstr (gk_task_get_category (back), ==, "主要任务");
  g_assert_cmpstr (gk_task_get_group (back), ==, "工作任务");
  g_assert_cmpstr (gk_task_get_title (back), ==, "甲");
  g_assert_cmpstr (gk_task_get_departments (back), ==, "县财政局、党政办");
  g_assert_cmpstr (gk_task_get_deadline_text (back), ==, "2026-03-20");
  g_assert_cmpstr (gk_task_get_rule (back), ==, "monthly:20");
  g_assert_cmpint (gk_task_get_status (back), ==, GK_TASK_DOING);
  g_assert_cmpstr (gk_task_get_note (back), ==, "备注");
  g_assert_cmpstr (gk_task_get_origin (back), ==, gk_task_get_origin (snapshot));
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 2);
  g_clear_object (&back);

  /* A task added meanwhile took its number: it comes back under another, the new one intact. */
  g_assert_true (gk_tasks_delete (f->tasks, id, &error));
  newer = add (f, "丙", NULL, NULL, NULL, NULL);
  g_assert_cmpint (gk_task_get_id (newer), ==, id);
  back = gk_tasks_undelete (f->tasks, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gk_task_get_id (back), !=, id);
  g_assert_cmpstr (gk_task_get_title (back), ==, "甲");
  g_assert_cmpstr (gk_task_get_departments (back), ==, "县财政局、党政办");
  g_clear_object (&newer);
  newer = gk_tasks_get (f->tasks, id, &error);
  g_assert_cmpstr (gk_task_get_title (newer), ==, "丙");
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 3);

  /* A department removed from the catalogue meanwhile is not brought back. */
  g_clear_object (&snapshot);
  snapshot = g_object_ref (back);
  g_assert_true (gk_tasks_delete (f->tasks, gk_task_get_id (snapshot), &error));
  g_assert_true (gk_catalogue_remove_department (f->catalogue,
                                                 gk_catalogue_find_department (f->catalogue, "县财政局"),
                                                 &error));
  g_clear_object (&back);
  back = gk_tasks_undelete (f->tasks, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_departments (back), ==, "党政办");

  /* A task done on a given day comes back done on that day. */
  g_assert_true (gk_tasks_set_field (f->tasks, other, "status", "done", &error));
  g_assert_true (gk_tasks_set_field (f->tasks, other, "done_on", "2026-03-09", &error));
  g_assert_no_error (error);
  g_clear_object (&snapshot);
  snapshot = gk_tasks_get (f->tasks, gk_task_get_id (other), &error);
  g_assert_true (gk_tasks_delete (f->tasks, gk_task_get_id (other), &error));
  g_clear_object (&back);
  back = gk_tasks_undelete (f->tasks, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gk_task_get_id (back), ==, gk_task_get_id (other));
  g_assert_cmpint (gk_task_get_status (back), ==, GK_TASK_DONE);
  g_assert_cmpstr (gk_task_get_done_on_text (back), ==, "2026-03-09");
}

/* ---- recurrence ------------------------------------------------------------------------- */

static void
test_recurrence_monthly (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GkTask) next = NULL;
  g_autoptr(GkTask) third = NULL;
  g_autoptr(GkTask) none = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char * const departments[] = { "党政综合办公室", "县政府办公室", NULL };

  set_today (f, "2026-01-20");
  task = add (f, "上月工作进展报县政府办公室", "党政综合办公室、县政府办公室", NULL, "monthly:2", NULL);
  gk_test_assert_date (gk_task_get_deadline (task), "2026-02-02");

  /* Done early: the next month's is added, with everything but the deadline the same. */
  set_today (f, "2026-02-01");
  f->n_changed = 0;
  next = done (f, task, NULL);
  g_assert_cmpuint (f->n_changed, ==, 1);
  gk_test_assert_date (gk_task_get_done_on (task), "2026-02-01");
  g_assert_nonnull (next);
  gk_test_assert_date (gk_task_get_deadline (next), "2026-03-02");
  g_assert_cmpstr (gk_task_get_title (next), ==, gk_task_get_title (task));
  g_assert_cmpstr (gk_task_get_rule (next), ==, "monthly:2");
  g_assert_cmpint (gk_task_get_position (next), ==, gk_task_get_position (task));
  g_assert_cmpint (gk_task_get_status (next), ==, GK_TASK_TODO);
  g_assert_null (gk_task_get_done_on (next));
  assert_departments (next, departments);

  /* Reopened and done again: no second March. */
  g_assert_true (gk_tasks_set_status (f->tasks, task, GK_TASK_TODO, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gk_task_get_done_on (task));
  none = done (f, task, "2026-01-30");
  g_assert_null (none);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 2);

  /* Done late: the missed month is not skipped, it was due as well. */
  set_today (f, "2026-04-10");
  g_assert_cmpint (count (f, GK_TASK_FILTER_OVERDUE, 0), ==, 1);
  g_assert_cmpuint (gk_tasks_count_overdue (f->tasks), ==, 1);
  third = done (f, next, NULL);
  gk_test_assert_date (gk_task_get_deadline (third), "2026-04-02");
  g_assert_true (gk_task_get_overdue (third));

  /* The occurrences follow each other in the list. */
  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  gk_test_assert_date (gk_task_get_deadline (nth (model, 0)), "2026-02-02");
  gk_test_assert_date (gk_task_get_deadline (nth (model, 1)), "2026-03-02");
  gk_test_assert_date (gk_task_get_deadline (nth (model, 2)), "2026-04-02");
}

/* By day 2 across month ends, the year's end and holidays: the deadline stays the calendar
 * date; by working day 2 it moves with the holidays. */
static void
test_recurrence_across_holidays (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const by_day[] = {
    "2025-09-02", "2025-10-02", "2025-11-02", "2025-12-02", "2026-01-02", "2026-02-02",
    "2026-03-02", NULL
  };
  static const char * const by_workday[] = {
    "2025-09-02", "2025-10-10", "2025-11-04", "2025-12-02", "2026-01-05", "2026-02-03",
    "2026-03-03", NULL
  };
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GkTask) wd = NULL;

  set_today (f, "2025-08-20");
  task = add (f, "月报", NULL, NULL, "monthly:2", NULL);
  /* by working day 2 of January 2026: 01-01 … 01-03 off, the make-up Sunday 01-04 the first */
  wd = add (f, "月报（工作日）", NULL, NULL, "monthly:2wd", NULL);
  for (guint i = 0; by_day[i] != NULL; i++)
    {
      GkTask *next, *next_wd;

      gk_test_assert_date (gk_task_get_deadline (task), by_day[i]);
      gk_test_assert_date (gk_task_get_deadline (wd), by_workday[i]);
      if (by_day[i + 1] != NULL)
        {
          gk_test_assert_date (gk_task_get_next_deadline (task), by_day[i + 1]);
          gk_test_assert_date (gk_task_get_next_deadline (wd), by_workday[i + 1]);
        }
      set_today (f, by_day[i]);
      next = done (f, task, NULL);
      set_today (f, by_workday[i]);
      next_wd = done (f, wd, NULL);
      g_object_unref (task);
      g_object_unref (wd);
      task = next;
      wd = next_wd;
    }
}

static void
test_recurrence_yearly (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GkTask) task = add (f, "年度报告向社会公布", NULL, NULL, "yearly:01-31", NULL);
  g_autoptr(GkTask) next = NULL;
  g_autoptr(GkTask) leap = add (f, "闰日", NULL, "2028-02-29", "yearly:02-29", NULL);
  g_autoptr(GkTask) leap_next = NULL;

  gk_test_assert_date (gk_task_get_deadline (task), "2027-01-31");
  set_today (f, "2027-01-29");
  next = done (f, task, NULL);
  gk_test_assert_date (gk_task_get_deadline (next), "2028-01-31");

  set_today (f, "2028-02-29");
  leap_next = done (f, leap, NULL);
  gk_test_assert_date (gk_task_get_deadline (leap_next), "2029-02-28");
}

static void
test_recurrence_every (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GkTask) task = add (f, "原创信息", NULL, NULL, "every:14d", NULL);
  g_autoptr(GkTask) next = NULL;

  gk_test_assert_date (gk_task_get_deadline (task), "2026-03-24");
  next = done (f, task, NULL);
  gk_test_assert_date (gk_task_get_deadline (next), "2026-04-07");
}

/* 20 working days from an event on the Friday before 春节 2026; once done, the duty waits for
 * its next event. */
static void
test_recurrence_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = add (f, "答复政府信息公开申请", "党政综合办公室", NULL, "after:20wd", NULL);
  g_autoptr(GkTask) waiting = NULL;
  g_autoptr(GkTask) none = NULL;
  GDate event = gk_test_date ("2026-02-13");

  g_assert_null (gk_task_get_deadline (task));
  g_assert_null (gk_task_get_event (task));

  set_today (f, "2026-02-14");
  g_assert_true (gk_tasks_set_event (f->tasks, task, &event, &error));
  g_assert_no_error (error);
  gk_test_assert_date (gk_task_get_event (task), "2026-02-13");
  gk_test_assert_date (gk_task_get_deadline (task), "2026-03-19");
  g_assert_cmpstr (gk_task_get_rule (task), ==, "after:20wd@2026-02-13");
  g_assert_null (gk_task_get_next_deadline (task));
  /* 02-14 is today; then 02-24 … 03-19, the make-up Saturday 02-28 included. */
  g_assert_cmpint (gk_task_get_remaining_workdays (task), ==, 19);

  /* Changing the number keeps the event. */
  g_assert_true (gk_tasks_set_rule (f->tasks, task, "after:3wd", &error));
  g_assert_no_error (error);
  gk_test_assert_date (gk_task_get_deadline (task), "2026-02-25");
  g_assert_true (gk_tasks_set_rule (f->tasks, task, "after:20wd", &error));
  gk_test_assert_date (gk_task_get_deadline (task), "2026-03-19");

  set_today (f, "2026-03-18");
  waiting = done (f, task, NULL);
  g_assert_nonnull (waiting);
  g_assert_cmpstr (gk_task_get_rule (waiting), ==, "after:20wd");
  g_assert_null (gk_task_get_deadline (waiting));
  g_assert_null (gk_task_get_event (waiting));
  g_assert_cmpstr (gk_task_get_departments (waiting), ==, "党政综合办公室");

  /* Done again, the list has its waiting duty already; without an event, nothing follows. */
  none = done (f, task, NULL);
  g_assert_null (none);
  none = done (f, waiting, NULL);
  g_assert_null (none);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 2);

  /* Clearing the event clears the deadline; an event needs an after: rule. */
  g_assert_true (gk_tasks_set_event (f->tasks, task, NULL, &error));
  g_assert_null (gk_task_get_deadline (task));
  g_assert_cmpstr (gk_task_get_rule (task), ==, "after:20wd");
  g_assert_true (gk_tasks_set_rule (f->tasks, task, "monthly:5", &error));
  gk_test_assert_date (gk_task_get_deadline (task), "2026-04-05");
  g_assert_false (gk_tasks_set_event (f->tasks, task, &event, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
}

/* ---- filters and "today" ---------------------------------------------------------------- */

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GkTask) a = add (f, "A", "党政办", "2026-02-24", NULL, NULL);
  g_autoptr(GkTask) b = add (f, "B", "党政办、县民政局", "2026-02-13", NULL, NULL);
  g_autoptr(GkTask) c = add (f, "C", "县民政局", "2026-03-02", NULL, NULL);
  g_autoptr(GkTask) d = add (f, "D", NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) model = NULL;
  GkDepartment *civil = gk_catalogue_find_department (f->catalogue, "县民政局");

  set_today (f, "2026-02-13");
  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpint (gk_task_get_remaining_workdays (find (model, "A")), ==, 2);
  g_assert_cmpint (gk_task_get_remaining_workdays (find (model, "B")), ==, 0);
  g_assert_false (gk_task_get_overdue (find (model, "B")));
  g_assert_false (gk_task_get_remaining_estimated (find (model, "A")));
  g_clear_object (&model);

  g_assert_cmpint (count (f, GK_TASK_FILTER_OVERDUE, 0), ==, 0);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DUE_WITHIN, 0), ==, 1);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DUE_WITHIN, 7), ==, 1);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DUE_WITHIN, 11), ==, 2);
  g_assert_cmpint (count (f, GK_TASK_FILTER_OPEN, 0), ==, 4);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DEPARTMENT, gk_department_get_id (civil)), ==, 2);

  f->n_changed = 0;
  set_today (f, "2026-02-25");
  g_assert_cmpuint (f->n_changed, ==, 1);
  model = list (f, GK_TASK_FILTER_OVERDUE, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gk_task_get_title (nth (model, 0)), ==, "A");
  g_assert_true (gk_task_get_overdue (nth (model, 0)));
  /* Overdue by one working day (02-25 after 02-24); B by 3 (02-14, 02-24, 02-25). */
  g_assert_cmpint (gk_task_get_remaining_workdays (nth (model, 0)), ==, -1);
  g_assert_cmpint (gk_task_get_remaining_workdays (nth (model, 1)), ==, -3);
  g_clear_object (&model);
  g_assert_cmpuint (gk_tasks_count_overdue (f->tasks), ==, 2);

  g_assert_null (done (f, b, "2026-02-13"));
  g_assert_cmpint (count (f, GK_TASK_FILTER_OVERDUE, 0), ==, 1);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DONE, 0), ==, 1);
  g_assert_cmpint (count (f, GK_TASK_FILTER_OPEN, 0), ==, 3);
  g_assert_false (gk_task_get_overdue (b));
  g_assert_cmpint (count (f, GK_TASK_FILTER_DEPARTMENT, gk_department_get_id (civil)), ==, 2);
  g_assert_cmpint (count (f, GK_TASK_FILTER_DEPARTMENT, 9999), ==, 0);

  /* A deadline in a year with no schedule: the count is an estimate, and says so. */
  g_assert_true (gk_tasks_set_field (f->tasks, c, "deadline", "2027-03-01", NULL));
  g_assert_true (gk_task_get_remaining_estimated (c));
  g_assert_false (gk_task_get_remaining_estimated (d));
}

/* The departments are the catalogue's: renamed there, renamed in every task; removed there,
 * removed from the tasks. */
static void
test_departments_shared (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GkTask) task = add (f, "A", "社会事务办、党政办", NULL, NULL, NULL);
  g_autoptr(GkTask) again = NULL;
  g_autoptr(GError) error = NULL;
  GkDepartment *department = gk_catalogue_find_department (f->catalogue, "社会事务办");

  f->n_changed = 0;
  g_assert_true (gk_catalogue_rename_department (f->catalogue, department, "社会事务服务中心", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  again = gk_tasks_get (f->tasks, gk_task_get_id (task), &error);
  g_assert_cmpstr (gk_task_get_departments (again), ==, "社会事务服务中心、党政办");
  g_clear_object (&again);

  f->n_changed = 0;
  g_assert_true (gk_catalogue_remove_department (f->catalogue, department, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  again = gk_tasks_get (f->tasks, gk_task_get_id (task), &error);
  g_assert_cmpstr (gk_task_get_departments (again), ==, "党政办");
}

/* Deadlines counted in working days follow the holidays the user adds. */
static void
test_calendar_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = add (f, "答复申请", NULL, NULL, "after:5wd", "2027-02-04");
  g_autoptr(GkTask) fixed = add (f, "固定日期", NULL, "2027-02-10", NULL, NULL);
  GkCalendar *calendar = gk_tasks_get_calendar (f->tasks);

  /* Monday to Friday, for want of a 2027 schedule. */
  gk_test_assert_date (gk_task_get_deadline (task), "2027-02-11");
  g_assert_true (gk_task_get_remaining_estimated (task));

  f->n_changed = 0;
  g_assert_true (gk_calendar_set_user_year (calendar, 2027,
                                            "2027-02-06..2027-02-12 holiday 春节\n2027-02-14 workday\n",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (gk_tasks_get_calendar (f->tasks) == calendar);
  g_clear_object (&task);
  g_clear_object (&fixed);
  {
    g_autoptr(GListModel) model = list (f, GK_TASK_FILTER_ALL, 0);
    /* 02-05, 02-14 (make-up), 02-15, 02-16, 02-17 */
    gk_test_assert_date (gk_task_get_deadline (find (model, "答复申请")), "2027-02-17");
    g_assert_false (gk_task_get_remaining_estimated (find (model, "答复申请")));
    gk_test_assert_date (gk_task_get_deadline (find (model, "固定日期")), "2027-02-10");
  }
}

/* ---- templates and files ---------------------------------------------------------------- */

static void
test_template_yuxi (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  const char * const first_departments[] = {
    "市发展改革委", "市教育体育局", "市公安局", "市民政局", "市司法局", "市财政局",
    "市人力资源社会保障局", "市自然资源和规划局", "市生态环境局", "市住房城乡建设局", "市农业农村局",
    "市文化和旅游局", "市卫生健康委", "市扶贫办", "市税务局", NULL
  };
  const char * const second_departments[] = {
    "各县(市、区)人民政府", "市政府办公室", "市政务服务管理局", NULL
  };
  const char * const * names = gk_tasks_get_template_names ();
  guint added = 0, skipped = 0;
  GkTask *task;

  g_assert_cmpstr (names[0], ==, "yuxi-2020");
  g_assert_nonnull (gk_tasks_get_template_title ("yuxi-2020"));
  g_assert_null (gk_tasks_get_template_title ("nowhere"));

  f->n_changed = 0;
  g_assert_true (gk_tasks_import_template (f->tasks, "yuxi-2020", &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 26);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 1);

  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 26);
  task = nth (model, 0);
  g_assert_cmpint (gk_task_get_position (task), ==, 1);
  g_assert_cmpstr (gk_task_get_category (task), ==, "推进政务公开标准化规范化贯穿基层行政权力全过程和政务服务全流程");
  g_assert_cmpstr (gk_task_get_group (task), ==, "全面编制政务公开事项标准目录");
  g_assert_true (g_str_has_prefix (gk_task_get_title (task), "对照国家部委和省级部门公布的26个试点领域标准指引"));
  g_assert_cmpstr (gk_task_get_origin (task), ==, "template:yuxi-2020:1");
  gk_test_assert_date (gk_task_get_deadline (task), "2020-09-30");
  g_assert_true (gk_task_get_overdue (task));
  assert_departments (task, first_departments);
  /* 、 inside brackets does not split. */
  assert_departments (nth (model, 1), second_departments);
  for (guint i = 1; i < 26; i++)
    g_assert_null (gk_task_get_deadline (nth (model, i)));
  g_assert_cmpstr (gk_task_get_group (nth (model, 25)), ==, "积极拓展基层政务公开渠道");
  g_assert_cmpuint (gk_tasks_count_overdue (f->tasks), ==, 1);

  /* 19 departments, the prefecture's and the counties' ones county-level. */
  g_assert_cmpuint (g_list_model_get_n_items (gk_catalogue_get_departments (f->catalogue)), ==, 19);
  g_assert_cmpint (gk_department_get_kind (gk_catalogue_find_department (f->catalogue, "各县(市、区)人民政府")),
                   ==, GK_DEPARTMENT_COUNTY);
  g_assert_cmpint (gk_department_get_kind (gk_catalogue_find_department (f->catalogue, "市直各部门")),
                   ==, GK_DEPARTMENT_COUNTY);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "各县(市"));
  g_clear_object (&model);

  /* Again, after an edit of a title: nothing doubled. */
  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_true (gk_tasks_set_text (f->tasks, nth (model, 3), GK_TASK_FIELD_TITLE, "改过的事项", &error));
  g_clear_object (&model);
  f->n_changed = 0;
  g_assert_true (gk_tasks_import_template (f->tasks, "yuxi-2020", &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 26);
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 26);
  g_assert_cmpuint (g_list_model_get_n_items (gk_catalogue_get_departments (f->catalogue)), ==, 19);

  g_assert_false (gk_tasks_import_template (f->tasks, "nowhere", NULL, NULL, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
}

static void
test_template_recurring (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  guint added = 0, skipped = 0;

  g_assert_true (gk_tasks_import_template (f->tasks, "recurring", &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 7);

  /* Today is 2026-03-10: each rule's first deadline from then. */
  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  gk_test_assert_date (gk_task_get_deadline (find (model, "上月基层政务公开")), "2026-04-02");
  gk_test_assert_date (gk_task_get_deadline (find (model, "本年度公共资源配置")), "2026-12-20");
  gk_test_assert_date (gk_task_get_deadline (find (model, "上一年度政府信息公开工作年度报告")), "2027-01-31");
  g_assert_null (gk_task_get_deadline (find (model, "政策文件公开后")));
  g_assert_null (gk_task_get_deadline (find (model, "答复政府信息公开申请")));
  gk_test_assert_date (gk_task_get_deadline (find (model, "政务新媒体原创信息")), "2026-03-24");
  g_assert_cmpstr (gk_task_get_rule (find (model, "主动公开")), ==, "after:20wd");
  g_assert_true (g_str_has_prefix (gk_task_get_note (find (model, "上一年度")), "依据："));
  g_assert_cmpstr (gk_task_get_departments (find (model, "上月")), ==, "各乡(镇)人民政府、县直各部门");
  g_assert_cmpint (gk_department_get_kind (gk_catalogue_find_department (f->catalogue, "各乡(镇)人民政府")),
                   ==, GK_DEPARTMENT_TOWNSHIP);
  g_assert_cmpint (gk_department_get_kind (gk_catalogue_find_department (f->catalogue, "县直各部门")),
                   ==, GK_DEPARTMENT_COUNTY);
  g_clear_object (&model);

  /* Both templates, each twice: 33 tasks. A done recurring task's next occurrence is not a
   * new template row either. */
  model = list (f, GK_TASK_FILTER_ALL, 0);
  {
    g_autoptr(GkTask) next = done (f, find (model, "上月基层政务公开"), NULL);
    g_assert_nonnull (next);
  }
  g_clear_object (&model);
  g_assert_true (gk_tasks_import_template (f->tasks, "yuxi-2020", &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 26);
  g_assert_true (gk_tasks_import_template (f->tasks, "yuxi-2020", &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_true (gk_tasks_import_template (f->tasks, "recurring", &added, &skipped, &error));
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 7);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 26 + 7 + 1);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  gk_test_write_file (path, contents, -1);
  return g_file_new_for_path (path);
}

static void
remove_file (GFile *file)
{
  g_file_delete (file, NULL, NULL);
  g_object_unref (file);
}

static void
test_import_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  GFile *file;
  guint added = 0, skipped = 0;
  static const struct { const char *contents; const char *message; } refused[] = {
    { "no\tmain_task\twork_task\titem\tdepartments\n", "header" },
    { "no\tmain_task\twork_task\titem\tdepartments\tdue\n", "the header should be “deadline”" },
    { "no\tmain_task\twork_task\titem\tdepartments\tdeadline\n1\t甲\t乙\t\t党政办\t\n",
      "line 2, column 4 (item): must not be empty" },
    { "no\tmain_task\twork_task\titem\tdepartments\tdeadline\n1\t甲\t乙\t丙\t党政办\t2026-13-01\n",
      "line 2, column 6 (deadline)" },
    { "no\tmain_task\twork_task\titem\tdepartments\tdeadline\trule\n1\t甲\t乙\t丙\t党政办\t\tmonthly:0\n",
      "line 2, column 7 (rule)" },
    { "no\tmain_task\twork_task\titem\tdepartments\tdeadline\n1\t甲\t乙\t丙\n", "line 2" },
    { "\xff\xfe", "UTF-8" },
  };

  /* The 玉溪 columns only. */
  file = write_file (f, "six.tsv",
                     "no\tmain_task\twork_task\titem\tdepartments\tdeadline\n"
                     "1\t甲\t乙\t丙\t党政办、县民政局\t2026-04-30\n"
                     "2\t甲\t乙\t丁\t\t\n"
                     "3\t甲\t乙\t丙\t党政办\t\n");
  g_assert_true (gk_tasks_import_file (f->tasks, file, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (skipped, ==, 1);  /* the same 主要任务, 工作任务 and 具体事项 twice */
  remove_file (file);

  /* With rule and note; CRLF and a byte-order mark, as Windows editors write. */
  file = write_file (f, "eight.tsv",
                     "\xef\xbb\xbfno\tmain_task\twork_task\titem\tdepartments\tdeadline\trule\tnote\r\n"
                     "\t甲\t乙\t丙\t\t\t\t\r\n"
                     "\t\t\t月报\t党政办\t\tmonthly:2\t每月2日前\r\n");
  g_assert_true (gk_tasks_import_file (f->tasks, file, &added, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);
  remove_file (file);

  model = list (f, GK_TASK_FILTER_ALL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  gk_test_assert_date (gk_task_get_deadline (find (model, "丙")), "2026-04-30");
  g_assert_cmpstr (gk_task_get_departments (find (model, "丙")), ==, "党政办、县民政局");
  g_assert_cmpstr (gk_task_get_origin (find (model, "丙")), ==, "import");
  gk_test_assert_date (gk_task_get_deadline (find (model, "月报")), "2026-04-02");
  g_assert_cmpstr (gk_task_get_note (find (model, "月报")), ==, "每月2日前");
  g_clear_object (&model);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      /* Escaped: a file that is not UTF-8 must not make the TAP output invalid too. */
      g_autofree char *shown = g_strescape (refused[i].contents, NULL);
      g_test_message ("%s", shown);
      file = write_file (f, "bad.tsv", refused[i].contents);
      g_assert_false (gk_tasks_import_file (f->tasks, file, NULL, NULL, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_PARSE);
      if (strstr (error->message, refused[i].message) == NULL)
        g_error ("“%s” does not say “%s”", error->message, refused[i].message);
      g_assert_nonnull (strstr (error->message, "bad.tsv"));
      g_clear_error (&error);
      remove_file (file);
    }

  /* A file with an error on its last line adds nothing. */
  file = write_file (f, "half.tsv",
                     "no\tmain_task\twork_task\titem\tdepartments\tdeadline\n"
                     "1\t新\t新\t新的一项\t新的部门\t\n"
                     "2\t新\t新\t新的二项\t\t2026-02-30\n");
  g_assert_false (gk_tasks_import_file (f->tasks, file, &added, &skipped, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_PARSE);
  g_clear_error (&error);
  remove_file (file);
  g_assert_cmpint (count (f, GK_TASK_FILTER_ALL, 0), ==, 3);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "新的部门"));

  file = g_file_new_for_path ("/nonexistent/tasks.tsv");
  g_assert_false (gk_tasks_import_file (f->tasks, file, &added, &skipped, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
  g_object_unref (file);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/parse", test_rule_parse);
  g_test_add_func ("/rules/dates", test_rule_dates);
  g_test_add_func ("/tasks/split-departments", test_split_departments);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tasks/add", test_add);
  ADD ("/tasks/edit", test_edit);
  ADD ("/tasks/undelete", test_undelete);
  ADD ("/tasks/recurrence/monthly", test_recurrence_monthly);
  ADD ("/tasks/recurrence/across-holidays", test_recurrence_across_holidays);
  ADD ("/tasks/recurrence/yearly", test_recurrence_yearly);
  ADD ("/tasks/recurrence/every", test_recurrence_every);
  ADD ("/tasks/recurrence/after-workdays", test_recurrence_after);
  ADD ("/tasks/filters", test_filters);
  ADD ("/tasks/departments-shared", test_departments_shared);
  ADD ("/tasks/calendar-change", test_calendar_change);
  ADD ("/tasks/template/yuxi-2020", test_template_yuxi);
  ADD ("/tasks/template/recurring", test_template_recurring);
  ADD ("/tasks/import-file", test_import_file);
#undef ADD

  return g_test_run ();
}
