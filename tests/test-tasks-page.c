/* The task list page, the preferences and the reminders, real widgets under Xvfb: the filters
 * show the right rows in the right colours, typing reaches the store, a recurring task comes
 * back when done, a year's holidays can be added, and the reminder names what is due. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "gk-core.h"
#include "gk-preferences-window.h"
#include "gk-reminders.h"
#include "gk-tasks-page.h"
#include "gk-test-ui.h"
#include "gk-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
  GkTasks     *tasks;
  gint64       soon_id;     /* a task due in three days */
  gint64       done_id;     /* a task that is done */
  gint64       overdue_id;  /* the 玉溪 list's first task, due 2020-09-30 */
} Fixture;

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) soon = NULL;
  g_autoptr(GkTask) done = NULL;
  g_autoptr(GListModel) overdue = NULL;
  g_autoptr(GkTask) first = NULL;
  GkTaskFields fields = { 0 };
  GDate today, deadline;

  f->dir = gk_test_tmp_dir_new ("gongkai-tasks-page-XXXXXX");
  f->path = g_build_filename (f->dir, "workspace.gongkai", NULL);
  f->catalogue = gk_test_create_workspace (f->path, "城关镇", "测试县");
  f->tasks = gk_tasks_new (f->catalogue, &error);
  g_assert_no_error (error);

  set_date (&today, 2026, 11, 23);
  gk_tasks_set_today (f->tasks, &today);
  if (data != NULL)  /* the empty list */
    return;

  g_assert_true (gk_tasks_import_template (f->tasks, "yuxi-2020", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gk_tasks_import_template (f->tasks, "recurring", NULL, NULL, &error));
  g_assert_no_error (error);

  set_date (&deadline, 2026, 11, 26);
  fields.category = "政务公开工作";
  fields.group = "信息发布";
  fields.title = "更新乡镇政府信息公开专栏";
  fields.departments = "党政综合办公室";
  fields.deadline = &deadline;
  soon = gk_tasks_add (f->tasks, &fields, &error);
  g_assert_no_error (error);
  f->soon_id = gk_task_get_id (soon);

  set_date (&deadline, 2026, 11, 20);
  fields.title = "报送季度政务公开工作情况";
  fields.deadline = &deadline;
  done = gk_tasks_add (f->tasks, &fields, &error);
  g_assert_no_error (error);
  g_assert_true (gk_tasks_set_status (f->tasks, done, GK_TASK_DONE, NULL, NULL, &error));
  f->done_id = gk_task_get_id (done);

  overdue = gk_tasks_list (f->tasks, GK_TASK_FILTER_OVERDUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (overdue), >=, 1);
  first = g_list_model_get_item (overdue, 0);
  g_assert_cmpstr (gk_task_get_deadline_text (first), ==, "2020-09-30");
  f->overdue_id = gk_task_get_id (first);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->tasks);
  g_assert_finalize_object (f->catalogue);
  gk_test_tmp_dir_free (f->dir);
  g_free (f->path);
}

/* The page as the window shows it: inside a toast overlay. */
static GtkWindow *
make_window (GtkWidget *page)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_wait_for_draw (window);
  return GTK_WINDOW (window);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return gk_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = gk_test_find_widget (root, is_named, name);

  if (widget == NULL)
    g_error ("No widget named “%s”", name);
  return widget;
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), _("_Undo")) == 0;
}

static GListModel *
rows_of (GkTasksPage *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static guint
count (GkTasks      *tasks,
       GkTaskFilter  filter,
       gint64        arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = gk_tasks_list (tasks, filter, arg, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && g_object_get_data (G_OBJECT (widget), "gk-task") != NULL)
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, labels);
}

static gboolean
due_soon (GkTasks *tasks,
          GkTask  *task)
{
  const GDate *deadline = gk_task_get_deadline (task);
  int days = deadline != NULL ? g_date_days_between (gk_tasks_get_today (tasks), deadline) : -1;

  return gk_task_get_status (task) != GK_TASK_DONE && days >= 0 && days <= 7;
}

/* Every cell shown has the colour of its task: red overdue, amber due soon, dimmed done.
 * Returns the number of tasks seen. */
static guint
check_colours (GkTasksPage *page,
               GkTasks     *tasks)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_cells (GTK_WIDGET (page), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      GkTask *task = g_object_get_data (G_OBJECT (label), "gk-task");
      gboolean done = gk_task_get_status (task) == GK_TASK_DONE;
      gboolean overdue = gk_task_get_overdue (task);
      gboolean soon = due_soon (tasks, task);

      g_hash_table_add (seen, task);
      g_assert_cmpint (gtk_widget_has_css_class (label, "dim-label"), ==, done);
      g_assert_cmpint (gtk_widget_has_css_class (label, "error"), ==, overdue && !done);
      g_assert_cmpint (gtk_widget_has_css_class (label, "warning"), ==, soon && !overdue);
    }
  return g_hash_table_size (seen);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  GtkWidget *root = GTK_WIDGET (window);
  GtkDropDown *departments;
  GListModel *names;
  GkDepartment *office;
  guint n_all = count (f->tasks, GK_TASK_FILTER_ALL, 0);
  guint office_position = 0;
  guint seen;

  gk_tasks_page_set_tasks (page, f->tasks);
  gk_test_wait_for_draw (root);

  /* All: the 26 tasks of the 玉溪 list, the 7 standing duties, and the two added here. */
  g_assert_cmpuint (n_all, ==, 26 + 7 + 2);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, n_all);
  seen = check_colours (page, f->tasks);
  g_assert_cmpuint (seen, >=, 8);

  /* The yearly report due 2027-01-31 falls in a year without a holiday table: said plainly. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (named (root, "holiday-banner"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (named (root, "holiday-banner"))), "2027"));

  g_assert_true (gk_tasks_page_select_task (page, f->soon_id));
  gk_test_wait_for_draw (root);
  gk_test_save_screenshot (root, "tasks-page.png");

  /* By deadline: the overdue task (red) first, then the one due this week (amber). */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_type (root, GTK_TYPE_COLUMN_VIEW));
    g_autoptr(GtkColumnViewColumn) deadline_column = g_list_model_get_item (gtk_column_view_get_columns (view), 3);

    gtk_column_view_sort_by_column (view, deadline_column, GTK_SORT_ASCENDING);
    g_assert_true (gk_tasks_page_select_task (page, f->overdue_id));
    gk_test_wait_for_draw (root);
    check_colours (page, f->tasks);
    gk_test_save_screenshot (root, "tasks-page-by-deadline.png");
    gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  }

  /* Overdue: the open tasks whose deadline has passed, in red. */
  click (named (root, "filter-overdue"));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, count (f->tasks, GK_TASK_FILTER_OVERDUE, 0));
  g_assert_cmpuint (check_colours (page, f->tasks), ==, count (f->tasks, GK_TASK_FILTER_OVERDUE, 0));
  {
    g_autoptr(GkTask) first = g_list_model_get_item (rows_of (page), 0);
    g_assert_true (gk_task_get_overdue (first));
  }

  /* Due within 7 days: amber. */
  click (named (root, "filter-soon"));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, count (f->tasks, GK_TASK_FILTER_DUE_WITHIN, 7));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), >=, 1);
  g_assert_cmpuint (check_colours (page, f->tasks), ==, g_list_model_get_n_items (rows_of (page)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (root, "filter-soon"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (root, "filter-all"))));
  {
    g_autoptr(GkTask) first = g_list_model_get_item (rows_of (page), 0);
    g_assert_cmpint (gk_task_get_id (first), ==, f->soon_id);
  }

  /* Done: dimmed. */
  click (named (root, "filter-done"));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 1);
  g_assert_cmpuint (check_colours (page, f->tasks), ==, 1);
  {
    g_autoptr(GkTask) first = g_list_model_get_item (rows_of (page), 0);
    g_assert_cmpint (gk_task_get_id (first), ==, f->done_id);
  }

  /* By department: 党政综合办公室 has the two tasks added here. */
  click (named (root, "filter-all"));
  departments = GTK_DROP_DOWN (named (root, "department-filter"));
  names = gtk_drop_down_get_model (departments);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "党政综合办公室") == 0)
      office_position = i;
  g_assert_cmpuint (office_position, >, 0);
  office = gk_catalogue_find_department (f->catalogue, "党政综合办公室");
  g_assert_nonnull (office);
  gtk_drop_down_set_selected (departments, office_position);
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==,
                    count (f->tasks, GK_TASK_FILTER_DEPARTMENT, gk_department_get_id (office)));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 2);
  check_colours (page, f->tasks);

  /* The two filters together: the department's tasks due within 7 days. */
  click (named (root, "filter-soon"));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 1);

  /* Nothing overdue there: the page says so and offers every task again. */
  click (named (root, "filter-overdue"));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.show-all", NULL));
  gk_test_wait_for_draw (root);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, n_all);
  g_assert_cmpuint (gtk_drop_down_get_selected (departments), ==, 0);

  /* Sorting by 截止: the earliest deadline first, tasks waiting for an event last. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_type (root, GTK_TYPE_COLUMN_VIEW));
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) deadline_column = g_list_model_get_item (columns, 3);
    g_autoptr(GkTask) first = NULL;
    g_autoptr(GkTask) last = NULL;

    gtk_column_view_sort_by_column (view, deadline_column, GTK_SORT_ASCENDING);
    first = g_list_model_get_item (rows_of (page), 0);
    last = g_list_model_get_item (rows_of (page), n_all - 1);
    g_assert_cmpstr (gk_task_get_deadline_text (first), ==, "2020-09-30");
    g_assert_null (gk_task_get_deadline (last));
  }

  gtk_window_destroy (window);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) stored = NULL;
  GtkTextBuffer *title;

  gk_tasks_page_set_tasks (page, f->tasks);
  g_assert_true (gk_tasks_page_select_task (page, f->soon_id));
  gk_test_wait_for_draw (root);
  g_assert_cmpint (gk_task_get_id (gk_tasks_page_get_selected (page)), ==, f->soon_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (root, "category"))), ==, "政务公开工作");

  gtk_editable_set_text (GTK_EDITABLE (named (root, "category")), "推进政务公开标准化规范化");
  title = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (root, "title")));
  gtk_text_buffer_set_text (title, "更新政府信息公开专栏并报县政府办公室备案", -1);
  gtk_editable_set_text (GTK_EDITABLE (named (root, "departments")), "党政综合办公室、社会事务办");
  gtk_editable_set_text (GTK_EDITABLE (named (root, "deadline")), "2026-11-27");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (root, "note"))), "每季度末", -1);

  /* Not yet saved: the save waits for a pause in the typing, or for leaving the task. */
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpstr (gk_task_get_category (stored), ==, "政务公开工作");
  g_clear_object (&stored);

  g_assert_true (gk_tasks_page_flush (page));
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_task_get_category (stored), ==, "推进政务公开标准化规范化");
  g_assert_cmpstr (gk_task_get_title (stored), ==, "更新政府信息公开专栏并报县政府办公室备案");
  g_assert_cmpstr (gk_task_get_departments (stored), ==, "党政综合办公室、社会事务办");
  g_assert_cmpstr (gk_task_get_deadline_text (stored), ==, "2026-11-27");
  g_assert_cmpstr (gk_task_get_note (stored), ==, "每季度末");
  g_clear_object (&stored);

  /* A department from the menu is added to those responsible. */
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (named (root, "departments-menu")));
    GtkListBox *list = GTK_LIST_BOX (find_type (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX));
    GtkListBoxRow *chosen = NULL;

    for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
        if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "gk-department-name"), "各乡(镇)人民政府") == 0)
          chosen = row;
      }
    g_assert_nonnull (chosen);
    g_signal_emit_by_name (list, "row-activated", chosen);
    stored = gk_tasks_get (f->tasks, f->soon_id, &error);
    /* (The store lists a task's departments in the catalogue's order, not as typed.) */
    {
      g_autoptr(GPtrArray) names = gk_split_departments (gk_task_get_departments (stored));
      g_assert_cmpuint (names->len, ==, 3);
      g_assert_true (g_ptr_array_find_with_equal_func (names, "各乡(镇)人民政府", g_str_equal, NULL));
      g_assert_true (g_ptr_array_find_with_equal_func (names, "党政综合办公室", g_str_equal, NULL));
    }
    g_clear_object (&stored);
  }

  /* A day chosen on the calendar is the deadline. */
  {
    GtkCalendar *calendar = GTK_CALENDAR (find_type (GTK_WIDGET (gtk_menu_button_get_popover (
      GTK_MENU_BUTTON (find_type (named (root, "deadline"), GTK_TYPE_MENU_BUTTON)))), GTK_TYPE_CALENDAR));
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 15, 0, 0, 0);

    gtk_calendar_select_day (calendar, day);
    stored = gk_tasks_get (f->tasks, f->soon_id, &error);
    g_assert_cmpstr (gk_task_get_deadline_text (stored), ==, "2026-12-15");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (root, "deadline"))), ==, "2026-12-15");
    g_clear_object (&stored);
  }

  /* The pause saves as well. */
  gtk_editable_set_text (GTK_EDITABLE (named (root, "group")), "政务公开专栏");
  gk_test_wait_ms (700);
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpstr (gk_task_get_group (stored), ==, "政务公开专栏");
  g_clear_object (&stored);

  /* A wrong date is refused with a message, and stays in the field to be corrected. */
  gtk_editable_set_text (GTK_EDITABLE (named (root, "deadline")), "2026-13-45");
  g_assert_false (gk_tasks_page_flush (page));
  g_assert_true (gtk_widget_has_css_class (named (root, "deadline"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (root, "deadline"))), ==, "2026-13-45");
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpstr (gk_task_get_deadline_text (stored), ==, "2026-12-15");
  g_clear_object (&stored);
  gtk_editable_set_text (GTK_EDITABLE (named (root, "deadline")), "2026-12-01");
  g_assert_true (gk_tasks_page_flush (page));
  g_assert_false (gtk_widget_has_css_class (named (root, "deadline"), "error"));

  /* A rule gives the deadline, and its description shows; an after: rule asks for its event. */
  gtk_editable_set_text (GTK_EDITABLE (named (root, "rule")), "after:3wd");
  g_assert_true (gk_tasks_page_flush (page));
  gk_test_wait_for_draw (root);
  g_assert_true (gtk_widget_get_visible (named (root, "event")));
  gtk_editable_set_text (GTK_EDITABLE (named (root, "event")), "2026-11-20");
  g_assert_true (gk_tasks_page_flush (page));
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpstr (gk_task_get_deadline_text (stored), ==, "2026-11-25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (root, "deadline"))), ==, "2026-11-25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (root, "rule"))), ==, "after:3wd");
  g_clear_object (&stored);

  /* The status: in progress, then done with its day. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (root, "status")), GK_TASK_DOING);
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpint (gk_task_get_status (stored), ==, GK_TASK_DOING);
  g_clear_object (&stored);
  g_assert_false (gtk_widget_get_sensitive (named (root, "done_on")));

  /* Text typed just before the page goes is not lost. */
  gtk_editable_set_text (GTK_EDITABLE (named (root, "category")), "政务公开");
  gtk_window_destroy (window);
  stored = gk_tasks_get (f->tasks, f->soon_id, &error);
  g_assert_cmpstr (gk_task_get_category (stored), ==, "政务公开");
}

static gboolean
find_follow_up (GkTasks    *tasks,
                const char *title,
                const char *deadline)
{
  g_autoptr(GListModel) all = gk_tasks_list (tasks, GK_TASK_FILTER_ALL, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (all, i);
      if (g_str_equal (gk_task_get_title (task), title) &&
          g_strcmp0 (gk_task_get_deadline_text (task), deadline) == 0 &&
          gk_task_get_status (task) == GK_TASK_TODO)
        return TRUE;
    }
  return FALSE;
}

static gint64
find_monthly (GkTasks *tasks)
{
  g_autoptr(GListModel) all = gk_tasks_list (tasks, GK_TASK_FILTER_ALL, 0, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (all, i);
      if (g_str_equal (gk_task_get_rule (task), "monthly:2"))
        return gk_task_get_id (task);
    }
  return 0;
}

static void
test_mark_done (Fixture       *f,
                gconstpointer  data)
{
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) stored = NULL;
  gint64 monthly = find_monthly (f->tasks);
  guint before = count (f->tasks, GK_TASK_FILTER_ALL, 0);
  g_autofree char *title = NULL;

  gk_tasks_page_set_tasks (page, f->tasks);
  g_assert_cmpint (monthly, >, 0);
  g_assert_true (gk_tasks_page_select_task (page, monthly));
  gk_test_wait_for_draw (root);
  stored = gk_tasks_get (f->tasks, monthly, &error);
  g_assert_cmpstr (gk_task_get_deadline_text (stored), ==, "2026-12-02");
  title = g_strdup (gk_task_get_title (stored));

  /* Done: the next month's report is added, due on the 2nd of January. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.mark-done", NULL));
  g_clear_object (&stored);
  stored = gk_tasks_get (f->tasks, monthly, &error);
  g_assert_cmpint (gk_task_get_status (stored), ==, GK_TASK_DONE);
  g_assert_cmpstr (gk_task_get_done_on_text (stored), ==, "2026-11-23");
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);
  g_assert_true (find_follow_up (f->tasks, title, "2027-01-02"));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, before + 1);

  /* The page stays on the task that was done; marking it again is not offered. */
  g_assert_cmpint (gk_task_get_id (gk_tasks_page_get_selected (page)), ==, monthly);
  gtk_widget_activate_action (GTK_WIDGET (page), "tasks.mark-done", NULL);
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);
  gk_test_wait_for_draw (root);
  check_colours (page, f->tasks);

  gtk_window_destroy (window);
}

static void
test_add_and_remove (Fixture       *f,
                     gconstpointer  data)
{
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  guint before = count (f->tasks, GK_TASK_FILTER_ALL, 0);
  gint64 id;

  gk_tasks_page_set_tasks (page, f->tasks);
  click (named (GTK_WIDGET (window), "filter-done"));

  /* A new task is shown and selected, whatever the filter was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.add", NULL));
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, before + 1);
  id = gk_task_get_id (gk_tasks_page_get_selected (page));
  g_assert_cmpstr (gk_task_get_title (gk_tasks_page_get_selected (page)), ==, _("New task"));

  g_assert_true (gk_tasks_set_field (f->tasks, gk_tasks_page_get_selected (page), "departments",
                                     "县财政局、党政办", NULL));

  /* Removed at once, without a question… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.remove", NULL));
  g_assert_null (gk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before);
  g_assert_null (gk_tasks_get (f->tasks, id, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, before);
  gk_test_wait_for_draw (GTK_WIDGET (window));

  /* …and the toast's Undo brings it back whole, with its number, selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.undo-remove", NULL));
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);
  g_assert_cmpint (gk_task_get_id (gk_tasks_page_get_selected (page)), ==, id);
  g_assert_cmpstr (gk_task_get_departments (gk_tasks_page_get_selected (page)), ==, "县财政局、党政办");
  gk_test_wait_for_draw (GTK_WIDGET (window));

  /* Once only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.undo-remove", NULL));
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);

  /* The toast is the window's, outside the page: its button still reaches the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.remove", NULL));
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  {
    GtkWidget *button = gk_test_find_widget (GTK_WIDGET (window), is_undo_button, NULL);

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_cmpuint (count (f->tasks, GK_TASK_FILTER_ALL, 0), ==, before + 1);
  g_assert_cmpint (gk_task_get_id (gk_tasks_page_get_selected (page)), ==, id);

  gtk_window_destroy (window);
}

/* An empty list offers the templates; a second import adds nothing. */
static void
test_empty_and_templates (Fixture       *f,
                          gconstpointer  data)
{
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  GtkStack *stack;

  gk_tasks_page_set_tasks (page, f->tasks);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  stack = GTK_STACK (named (GTK_WIDGET (page), "task-stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  gk_test_save_screenshot (GTK_WIDGET (window), "tasks-page-empty.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.import-template", "s", "yuxi-2020"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 26);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.import-template", "s", "yuxi-2020"));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 26);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.import-template", "s", "recurring"));
  g_assert_cmpuint (g_list_model_get_n_items (rows_of (page)), ==, 33);

  gtk_window_destroy (window);
}

static gboolean
window_gone (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GObject) object = g_weak_ref_get (ref);
  return object == NULL;
}

static void
test_preferences_add_year (Fixture       *f,
                           gconstpointer  data)
{
  GkCalendar *calendar = gk_tasks_get_calendar (f->tasks);
  g_autoptr(GSettings) settings = gk_reminders_get_settings ();
  GkTasksPage *page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
  GtkWindow *window = make_window (GTK_WIDGET (page));
  GtkWindow *preferences, *dialog;
  GtkWidget *error_label;
  GWeakRef dialog_ref;
  GtkTextBuffer *days;

  g_assert_nonnull (settings);
  gk_tasks_page_set_tasks (page, f->tasks);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (named (GTK_WIDGET (window), "holiday-banner"))));

  preferences = gk_preferences_window_new (window, f->tasks, settings);
  gtk_window_present (preferences);
  gk_test_wait_for_draw (GTK_WIDGET (preferences));

  /* The reminders switch is the setting. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (GTK_WIDGET (preferences), "reminders"))));
  gtk_switch_set_active (GTK_SWITCH (named (GTK_WIDGET (preferences), "reminders")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "reminders"));
  gtk_switch_set_active (GTK_SWITCH (named (GTK_WIDGET (preferences), "reminders")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "reminders"));

  /* The dialog offers the first year without holidays: 2027. */
  g_assert_true (gk_calendar_has_year (calendar, 2026));
  g_assert_false (gk_calendar_has_year (calendar, 2027));
  dialog = gk_preferences_window_edit_year (GK_PREFERENCES_WINDOW (preferences), 0);
  gk_test_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (named (GTK_WIDGET (dialog), "year"))), ==, 2027);
  days = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (GTK_WIDGET (dialog), "days")));
  error_label = named (GTK_WIDGET (dialog), "error");

  /* A wrong line is named, and the dialog stays. */
  gtk_text_buffer_set_text (days, "2027-01-01\tholiday\t元旦\n2027-02-05 休假 春节\n", -1);
  click (named (GTK_WIDGET (dialog), "save"));
  g_assert_true (gtk_widget_get_visible (error_label));
  gk_test_wait_for_draw (GTK_WIDGET (dialog));
  gk_test_save_screenshot (GTK_WIDGET (dialog), "preferences-year-dialog.png");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "2"));
  g_assert_false (gk_calendar_has_year (calendar, 2027));

  /* Pasted lines, tab- or space-separated, with a run of days. */
  gtk_text_buffer_set_text (days,
                            "2027-01-01\tholiday\t元旦\n"
                            "2027-02-05..2027-02-11 holiday 春节\n"
                            "2027-02-14 workday 调休上班\n", -1);
  g_weak_ref_init (&dialog_ref, dialog);
  click (named (GTK_WIDGET (dialog), "save"));
  g_assert_true (gk_test_wait_until (window_gone, &dialog_ref));
  g_weak_ref_clear (&dialog_ref);
  g_assert_true (gk_calendar_has_year (calendar, 2027));
  g_assert_cmpint (gk_calendar_get_year_source (calendar, 2027), ==, GK_CALENDAR_SOURCE_USER);

  /* The task page no longer warns about 2027. */
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (named (GTK_WIDGET (window), "holiday-banner"))));

  /* Each year lists its days, as runs: 春节 from the 5th to the 11th of February. */
  {
    GtkWidget *row = gk_test_find_row (GTK_WIDGET (preferences), ADW_TYPE_EXPANDER_ROW, "2027");

    g_assert_nonnull (row);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    gk_test_wait_ms (400);
    g_assert_true (gk_test_find_row (row, ADW_TYPE_ACTION_ROW, "春节") != NULL);
  }
  gk_test_wait_for_draw (GTK_WIDGET (preferences));
  gk_test_save_screenshot (GTK_WIDGET (preferences), "preferences-holidays.png");

  gtk_window_destroy (preferences);
  gtk_window_destroy (window);
}

/* ---- reminders: a notification server of our own on the session bus ---------------------- */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  </interface>"
  "</node>";

typedef struct
{
  guint  n_notify;
  guint  n_close;
  char  *summary;
  char  *body;
  char **actions;
} Server;

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               data)
{
  Server *server = data;

  if (g_str_equal (method_name, "Notify"))
    {
      g_clear_pointer (&server->summary, g_free);
      g_clear_pointer (&server->body, g_free);
      g_clear_pointer (&server->actions, g_strfreev);
      g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, NULL, NULL, &server->summary, &server->body,
                     &server->actions, NULL, NULL);
      server->n_notify++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 7));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      server->n_close++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as [],)"));
}

static gboolean
name_acquired (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

typedef struct
{
  Server *server;
  guint   n;
} Expect;

static gboolean
notified (gpointer data)
{
  Expect *expect = data;
  return expect->server->n_notify >= expect->n;
}

static gboolean
closed (gpointer data)
{
  Expect *expect = data;
  return expect->server->n_close >= expect->n;
}

static gboolean
activated (gpointer data)
{
  return *(guint *) data > 0;
}

static void
on_show_tasks (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  (*(guint *) data)++;
}

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = gk_reminders_get_settings ();
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_autoptr(GApplication) app = g_application_new ("io.github.gongkai.Gongkai.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSimpleAction) show_tasks = g_simple_action_new ("show-tasks", NULL);
  GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };
  Server server = { 0 };
  Expect expect = { &server, 1 };
  gboolean acquired = FALSE;
  guint n_shown = 0;
  guint object_id, owner_id, expected;
  GDate past;

  if (bus == NULL)
    {
      g_test_skip ("No session bus: run under dbus-run-session");
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (settings);
  g_settings_set_boolean (settings, "reminders", TRUE);
  g_settings_set_string (settings, "last-reminder", "");

  /* What the reminder is about: today 2026-11-23, the tasks overdue and due within 7 days. */
  expected = count (f->tasks, GK_TASK_FILTER_OVERDUE, 0) + count (f->tasks, GK_TASK_FILTER_DUE_WITHIN, 7);
  g_assert_cmpuint (expected, >=, 2);

  /* Without a registered application nothing is sent, and nothing breaks. */
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, NULL, TRUE), ==, expected);

  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                                 &vtable, &server, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           on_name_acquired, NULL, &acquired, NULL);
  g_assert_true (gk_test_wait_until (name_acquired, &acquired));

  g_signal_connect (show_tasks, "activate", G_CALLBACK (on_show_tasks), &n_shown);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (show_tasks));
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, FALSE), ==, expected);
  g_assert_true (gk_test_wait_until (notified, &expect));
  g_assert_cmpstr (server.summary, !=, "");
  g_assert_nonnull (strstr (server.body, "2020-09-30"));
  g_assert_nonnull (strstr (server.body, "更新乡镇政府信息公开专栏"));
  {
    g_auto(GStrv) lines = g_strsplit (server.body, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), <=, 6);
  }
  g_assert_true (g_strv_contains ((const char * const *) server.actions, "default"));
  {
    g_autofree char *today = g_settings_get_string (settings, "last-reminder");
    g_assert_cmpstr (today, ==, "2026-11-23");
  }

  /* Once a day: not again today, unless asked. */
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, FALSE), ==, 0);
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, TRUE), ==, expected);
  expect.n = 2;
  g_assert_true (gk_test_wait_until (notified, &expect));

  /* Clicking it activates app.show-tasks. */
  g_assert_true (g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                                "org.freedesktop.Notifications", "ActionInvoked",
                                                g_variant_new ("(us)", 7, "default"), &error));
  g_assert_true (gk_test_wait_until (activated, &n_shown));

  /* Turned off: nothing. */
  g_settings_set_boolean (settings, "reminders", FALSE);
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, TRUE), ==, 0);
  g_settings_set_boolean (settings, "reminders", TRUE);

  /* Nothing due: the notification is withdrawn. */
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, TRUE), ==, expected);
  expect.n = 3;
  g_assert_true (gk_test_wait_until (notified, &expect));
  gk_test_wait_ms (200);  /* the reply with its number reaches the application's side */
  set_date (&past, 2019, 1, 1);
  gk_tasks_set_today (f->tasks, &past);
  g_assert_cmpuint (gk_reminders_check (app, f->tasks, settings, TRUE), ==, 0);
  expect.n = 1;
  g_assert_true (gk_test_wait_until (closed, &expect));

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (server.summary);
  g_free (server.body);
  g_strfreev (server.actions);
}

int
main (int   argc,
      char *argv[])
{
  if (!gk_test_ui_init (&argc, &argv))
    return 77;

  /* gtk_test_init() (in gk_test_ui_init()) sets en_US: the environment's locale again, so that
   * a run with LC_ALL=zh_CN.UTF-8 and GK_LOCALEDIR=build/po shows the page in Chinese (the test
   * environment sets C.UTF-8). */
  setlocale (LC_ALL, "");
  gk_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/tasks-page/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/tasks-page/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/tasks-page/mark-done", Fixture, NULL, fixture_set_up, test_mark_done, fixture_tear_down);
  g_test_add ("/tasks-page/add-and-remove", Fixture, NULL, fixture_set_up, test_add_and_remove, fixture_tear_down);
  g_test_add ("/tasks-page/empty-and-templates", Fixture, "empty", fixture_set_up, test_empty_and_templates,
              fixture_tear_down);
  g_test_add ("/preferences/add-year", Fixture, NULL, fixture_set_up, test_preferences_add_year,
              fixture_tear_down);
  g_test_add ("/reminders/check", Fixture, NULL, fixture_set_up, test_reminders, fixture_tear_down);

  return g_test_run ();
}
