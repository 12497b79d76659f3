/* GkTasksPage: the task list (任务清单) — filters, a GtkColumnView of the tasks and an editor
 * that saves as you type.
 *
 * The rows come from the store (gk_tasks_list) for the status filter, then keep the tasks of
 * the chosen department; a GtkSortListModel sorts them by the column the officer clicked (task
 * lists are a few dozen rows). Every "changed" of the store that is not the editor's own
 * typing reloads the rows, keeping the selected task by its id.
 */
#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gk-preferences-window.h"
#include "gk-reminders.h"
#include "gk-tasks-page.h"
#include "gk-ui-util.h"

/* Typing is saved 400 ms after the last key, and at once when the officer moves on. */
#define SAVE_DELAY_MS 400
/* "Due soon": from today to today + 7 days, as the store's GK_TASK_FILTER_DUE_WITHIN counts. */
#define SOON_DAYS 7

typedef enum
{
  FILTER_ALL,
  FILTER_OVERDUE,
  FILTER_SOON,
  FILTER_DONE,
  N_FILTERS
} Filter;

static const char * const filter_names[N_FILTERS] = { "all", "overdue", "soon", "done" };

typedef enum
{
  COLUMN_POSITION,
  COLUMN_TASK,
  COLUMN_DEPARTMENTS,
  COLUMN_DEADLINE,
  COLUMN_REMAINING,
  COLUMN_STATUS,
} ColumnKind;

struct _GkTasksPage
{
  AdwBin               parent_instance;

  GkTasks             *tasks;
  GListStore          *store;           /* the rows of the filters, in the store's order */
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  Filter               filter;
  gint64               department_id;   /* 0: every department */
  GArray              *department_ids;  /* the dropdown's rows; [0] is 0 */
  GArray              *missing_years;   /* years of open deadlines without a holiday schedule */
  gboolean             updating;        /* the page is setting its own widgets */
  gboolean             reload_pending;

  GkTask              *removed;         /* what the undo toast brings back */

  /* The editor. */
  GkTask              *task;
  GtkWidget           *fields[GK_TASK_N_FIELDS];
  guint                save_source;
  guint                pending;         /* bit per GkTaskField typed and not yet saved */
  guint                failed;          /* bit per GkTaskField the store refused */
  gboolean             loading;
  gboolean             flushing;

  GtkDropDown         *department_dropdown;
  GtkLabel            *summary_label;
  GtkMenuButton       *template_button;
  GtkWidget           *banner;
  GtkLabel            *banner_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *position_column;
  GtkColumnViewColumn *task_column;
  GtkColumnViewColumn *departments_column;
  GtkColumnViewColumn *deadline_column;
  GtkColumnViewColumn *remaining_column;
  GtkColumnViewColumn *status_column;
  GtkBox              *empty_buttons;
  GtkWidget           *editor_page;
  GtkLabel            *saved_label;
  GtkWidget           *category_row;
  GtkWidget           *group_row;
  GtkWidget           *departments_row;
  GtkMenuButton       *departments_menu;
  GtkWidget           *title_view;
  GtkWidget           *deadline_row;
  GtkPopover          *calendar_popover;
  GtkCalendar         *calendar;
  GtkWidget           *rule_row;
  GtkWidget           *event_row;
  AdwActionRow        *rule_info_row;
  AdwComboRow         *status_row;
  GtkWidget           *done_on_row;
  GtkWidget           *note_view;
};

G_DEFINE_FINAL_TYPE (GkTasksPage, gk_tasks_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (GkTasksPage *self);
static void sync_editor (GkTasksPage *self);
static void update_editor (GkTasksPage *self, gboolean everything);

/* ---- helpers ---------------------------------------------------------------------------- */

static void
show_toast (GkTasksPage *self,
            AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
toast (GkTasksPage *self,
       const char  *message)
{
  show_toast (self, gk_toast_new_literal (message));
}

static void
show_error (GkTasksPage  *self,
            const GError *error)
{
  AdwToast *t = gk_toast_new_literal (error->message);

  adw_toast_set_timeout (t, 6);
  show_toast (self, t);
}

static const GDate *
today_of (GkTasksPage *self)
{
  return gk_tasks_get_today (self->tasks);
}

/* Open, with a deadline from today to SOON_DAYS days from now. */
static gboolean
task_due_soon (GkTasksPage *self,
               GkTask      *task)
{
  const GDate *deadline = gk_task_get_deadline (task);
  const GDate *today = today_of (self);
  int days;

  if (deadline == NULL || gk_task_get_status (task) == GK_TASK_DONE)
    return FALSE;
  days = g_date_days_between (today, deadline);
  return days >= 0 && days <= SOON_DAYS;
}

static gboolean
task_has_department (GkTask *task,
                     gint64  department_id)
{
  guint n = 0;
  const gint64 *ids = gk_task_get_department_ids (task, &n);

  for (guint i = 0; i < n; i++)
    if (ids[i] == department_id)
      return TRUE;
  return FALSE;
}

/* The years from today's to @deadline's that have no official holiday schedule, as "2027" or
 * "2027, 2028"; NULL when every one has. */
static char *
missing_years_text (GkCalendar  *calendar,
                    const GDate *today,
                    const GDate *deadline)
{
  g_autoptr(GString) years = g_string_new (NULL);
  int first = MIN (g_date_get_year (today), g_date_get_year (deadline));
  int last = MAX (g_date_get_year (today), g_date_get_year (deadline));

  for (int year = first; year <= last; year++)
    if (!gk_calendar_has_year (calendar, year))
      g_string_append_printf (years, "%s%d", years->len > 0 ? ", " : "", year);
  return years->len > 0 ? g_string_free (g_steal_pointer (&years), FALSE) : NULL;
}

/* The rule as the rule field shows it: without the event, which has its own field. */
static char *
rule_display (const char *rule)
{
  const char *at = strchr (rule != NULL ? rule : "", '@');
  return at != NULL ? g_strndup (rule, (gsize) (at - rule)) : g_strdup (rule != NULL ? rule : "");
}

static gboolean
task_rule_is_after (GkTask *task)
{
  GkRule rule;
  return gk_rule_parse (gk_task_get_rule (task), &rule, NULL) && rule.kind == GK_RULE_AFTER_WORKDAYS;
}

/* ---- the cells -------------------------------------------------------------------------- */

static const char *
state_class (GkTasksPage *self,
             GkTask      *task)
{
  if (gk_task_get_status (task) == GK_TASK_DONE)
    return "dim-label";
  if (gk_task_get_overdue (task))
    return "error";
  if (task_due_soon (self, task))
    return "warning";
  return NULL;
}

static void
set_state_class (GtkWidget  *label,
                 const char *css_class,
                 gboolean    secondary)
{
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (!secondary)
    gtk_widget_remove_css_class (label, "dim-label");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
}

static char *
remaining_text (GkTasksPage  *self,
                GkTask       *task,
                char        **tooltip)
{
  const GDate *deadline = gk_task_get_deadline (task);
  int n = gk_task_get_remaining_workdays (task);
  g_autofree char *text = NULL;

  *tooltip = NULL;
  if (deadline == NULL || gk_task_get_status (task) == GK_TASK_DONE)
    return g_strdup ("—");

  if (g_date_compare (deadline, today_of (self)) == 0)
    text = g_strdup (_("Due today"));
  else if (gk_task_get_overdue (task) && n < 0)
    text = g_strdup_printf (ngettext ("Overdue by %d working day", "Overdue by %d working days", (gulong) -n), -n);
  else if (gk_task_get_overdue (task))
    text = g_strdup (_("Overdue"));
  else
    text = g_strdup_printf ("%d", n);

  if (gk_task_get_remaining_estimated (task))
    {
      g_autofree char *years = missing_years_text (gk_tasks_get_calendar (self->tasks), today_of (self), deadline);

      /* TRANSLATORS: a count of working days that is only an estimate */
      *tooltip = g_strdup_printf (_("An estimate: the official holiday schedule for %s is missing, so its working days are counted as Monday to Friday. Add it in Preferences › Holidays."),
                                  years != NULL ? years : "?");
      /* TRANSLATORS: an estimated number of working days, e.g. "≈47" */
      return g_strdup_printf (_("≈%s"), text);
    }
  return g_steal_pointer (&text);
}

/* Long texts end in "…" after their last line. Short ones never do: GTK 4.8 measures a wrapped,
 * ellipsized label narrower than its "…" ("—", "7") inconsistently, and warns. */
static void
set_cell_text (GtkWidget  *label,
               const char *text,
               gboolean    long_text)
{
  gboolean ellipsize = long_text && g_utf8_strlen (text, -1) > 4;

  gtk_label_set_ellipsize (GTK_LABEL (label), ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
update_cell (GtkListItem *list_item)
{
  GkTasksPage *self = g_object_get_data (G_OBJECT (list_item), "gk-page");
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "gk-kind"));
  GkTask *task = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *main_label = gtk_widget_get_first_child (box);
  GtkWidget *sub_label = gtk_widget_get_next_sibling (main_label);
  g_autofree char *main_text = NULL;
  g_autofree char *sub_text = NULL;
  g_autofree char *tooltip = NULL;
  const char *css_class;

  if (task == NULL || self->tasks == NULL)
    return;

  switch (kind)
    {
    case COLUMN_POSITION:
      main_text = g_strdup_printf ("%d", gk_task_get_position (task));
      break;
    case COLUMN_TASK:
      main_text = g_strdup (gk_task_get_title (task));
      if (*gk_task_get_category (task) != '\0' && *gk_task_get_group (task) != '\0')
        sub_text = g_strdup_printf ("%s › %s", gk_task_get_category (task), gk_task_get_group (task));
      else if (*gk_task_get_category (task) != '\0' || *gk_task_get_group (task) != '\0')
        sub_text = g_strconcat (gk_task_get_category (task), gk_task_get_group (task), NULL);
      tooltip = g_strdup (gk_task_get_title (task));
      break;
    case COLUMN_DEPARTMENTS:
      main_text = g_strdup (*gk_task_get_departments (task) != '\0' ? gk_task_get_departments (task) : "—");
      tooltip = g_strdup (gk_task_get_departments (task));
      break;
    case COLUMN_DEADLINE:
      {
        const char *deadline = gk_task_get_deadline_text (task);
        const char *rule = gk_task_get_rule_description (task);

        if (deadline != NULL)
          {
            main_text = g_strdup (deadline);
            if (rule != NULL && *rule != '\0')
              sub_text = g_strdup (rule);
          }
        else
          main_text = g_strdup (rule != NULL && *rule != '\0' ? rule : "—");
      }
      break;
    case COLUMN_REMAINING:
      main_text = remaining_text (self, task, &tooltip);
      break;
    case COLUMN_STATUS:
      main_text = g_strdup (gk_task_status_get_label (gk_task_get_status (task)));
      break;
    default:
      g_assert_not_reached ();
    }

  set_cell_text (main_label, main_text, kind == COLUMN_TASK || kind == COLUMN_DEPARTMENTS || kind == COLUMN_DEADLINE);
  set_cell_text (sub_label, sub_text != NULL ? sub_text : "", TRUE);
  gtk_widget_set_visible (sub_label, sub_text != NULL);
  gtk_widget_set_tooltip_text (box, tooltip != NULL && *tooltip != '\0' ? tooltip : NULL);

  css_class = state_class (self, task);
  set_state_class (main_label, css_class, FALSE);
  set_state_class (sub_label, css_class, TRUE);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            GkTasksPage              *self)
{
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "gk-kind"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *main_label = gtk_label_new (NULL);
  GtkWidget *sub_label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (main_label), 0);
  gtk_label_set_yalign (GTK_LABEL (main_label), 0);
  gtk_label_set_xalign (GTK_LABEL (sub_label), 0);
  gtk_widget_add_css_class (sub_label, "dim-label");
  gtk_widget_add_css_class (sub_label, "caption");
  gtk_label_set_wrap (GTK_LABEL (sub_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (sub_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (sub_label), 2);
  gtk_widget_set_visible (sub_label, FALSE);

  if (kind == COLUMN_POSITION || kind == COLUMN_REMAINING)
    gtk_widget_add_css_class (main_label, "numeric");
  if (kind != COLUMN_POSITION)
    {
      gtk_label_set_wrap (GTK_LABEL (main_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (main_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (main_label), 3);
    }

  gtk_box_append (GTK_BOX (box), main_label);
  gtk_box_append (GTK_BOX (box), sub_label);
  gtk_list_item_set_child (list_item, box);
  g_object_set_data (G_OBJECT (list_item), "gk-page", self);
  g_object_set_data (G_OBJECT (list_item), "gk-kind", GINT_TO_POINTER (kind));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GkTasksPage              *self)
{
  GkTask *task = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  /* Recycled rows: the handler goes in bind and comes out in unbind. The task is named on
   * the cell's first label, for the tests that look at the row's colour. */
  g_object_set_data (G_OBJECT (gtk_widget_get_first_child (box)), "gk-task", task);
  g_signal_connect_swapped (task, "notify", G_CALLBACK (update_cell), list_item);
  update_cell (list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             GkTasksPage              *self)
{
  GkTask *task = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (gtk_widget_get_first_child (box)), "gk-task", NULL);
  if (task != NULL)
    g_signal_handlers_disconnect_by_func (task, update_cell, list_item);
}

static int
compare_deadlines (GkTask *a,
                   GkTask *b)
{
  const GDate *x = gk_task_get_deadline (a);
  const GDate *y = gk_task_get_deadline (b);

  /* Tasks without a deadline (waiting for an event) come last. */
  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  return g_date_compare (x, y);
}

static int
compare_tasks (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  GkTask *x = GK_TASK ((gpointer) a);
  GkTask *y = GK_TASK ((gpointer) b);
  int result = 0;

  switch ((ColumnKind) GPOINTER_TO_INT (data))
    {
    case COLUMN_TASK:
      /* By 主要任务, then 工作任务: the tasks of one main task come together. */
      result = g_utf8_collate (gk_task_get_category (x), gk_task_get_category (y));
      if (result == 0)
        result = g_utf8_collate (gk_task_get_group (x), gk_task_get_group (y));
      break;
    case COLUMN_DEPARTMENTS:
      result = g_utf8_collate (gk_task_get_departments (x), gk_task_get_departments (y));
      break;
    case COLUMN_DEADLINE:
    case COLUMN_REMAINING:
      result = compare_deadlines (x, y);
      break;
    case COLUMN_STATUS:
      result = (int) gk_task_get_status (x) - (int) gk_task_get_status (y);
      break;
    case COLUMN_POSITION:
    default:
      break;
    }
  if (result == 0)
    result = gk_task_get_position (x) - gk_task_get_position (y);
  if (result == 0)
    result = compare_deadlines (x, y);
  if (result == 0)
    result = gk_task_get_id (x) < gk_task_get_id (y) ? -1 : gk_task_get_id (x) > gk_task_get_id (y);
  return result;
}

static void
set_column (GkTasksPage         *self,
            GtkColumnViewColumn *column,
            ColumnKind           kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_tasks, GINT_TO_POINTER (kind), NULL));

  g_object_set_data (G_OBJECT (factory), "gk-kind", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

/* ---- the rows --------------------------------------------------------------------------- */

GkTask *
gk_tasks_page_get_selected (GkTasksPage *self)
{
  g_return_val_if_fail (GK_IS_TASKS_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static guint
find_task (GListModel *model,
           gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (model, i);
      if (gk_task_get_id (task) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Scrolls the column view to a row: "list.scroll-to-item" lives on its inner list view. */
static void
scroll_to (GkTasksPage *self,
           guint        position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
update_actions (GkTasksPage *self)
{
  GkTask *task = self->task;
  gboolean have = self->tasks != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.add", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.import-template", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.import-file", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.mark-done",
                                 task != NULL && gk_task_get_status (task) != GK_TASK_DONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.remove", task != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.add-holidays",
                                 have && self->missing_years->len > 0);
}

/* The dropdown offers every department of the catalogue; rebuilt only when they changed. */
static void
update_departments (GkTasksPage *self)
{
  GListModel *departments = gk_catalogue_get_departments (gk_tasks_get_catalogue (self->tasks));
  guint n = g_list_model_get_n_items (departments);
  GListModel *current = gtk_drop_down_get_model (self->department_dropdown);
  g_autoptr(GtkStringList) names = NULL;
  gboolean same = current != NULL && self->department_ids->len == n + 1;
  guint selected = 0;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(GkDepartment) department = g_list_model_get_item (departments, i);
      same = g_array_index (self->department_ids, gint64, i + 1) == gk_department_get_id (department) &&
             g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (current), i + 1),
                        gk_department_get_name (department)) == 0;
    }
  if (same)
    return;

  names = gtk_string_list_new (NULL);
  g_array_set_size (self->department_ids, 0);
  gtk_string_list_append (names, _("All Departments"));
  g_array_set_size (self->department_ids, 1);  /* cleared: 0, every department */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDepartment) department = g_list_model_get_item (departments, i);
      gint64 id = gk_department_get_id (department);

      gtk_string_list_append (names, gk_department_get_name (department));
      g_array_append_val (self->department_ids, id);
      if (id == self->department_id)
        selected = i + 1;
    }
  if (selected == 0)
    self->department_id = 0;

  self->updating = TRUE;
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->department_dropdown, selected);
  self->updating = FALSE;
}

static void
update_summary (GkTasksPage *self,
                GListModel  *all)
{
  guint n = g_list_model_get_n_items (all);
  guint overdue = 0, soon = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (all, i);
      overdue += gk_task_get_overdue (task);
      soon += task_due_soon (self, task);
    }
  if (n > 0)
    g_string_append_printf (text, ngettext ("%u task", "%u tasks", n), n);
  if (overdue > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u overdue", "%u overdue", overdue), overdue);
    }
  if (soon > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u due within 7 days", "%u due within 7 days", soon), soon);
    }
  gtk_label_set_text (self->summary_label, text->str);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* A warning when an open deadline lies in a year the calendar has no official schedule for:
 * its working days are only Monday to Friday. */
static void
update_banner (GkTasksPage *self,
               GListModel  *all)
{
  GkCalendar *calendar = gk_tasks_get_calendar (self->tasks);
  const GDate *today = today_of (self);
  guint n = g_list_model_get_n_items (all);
  g_autoptr(GString) years = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_array_set_size (self->missing_years, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (all, i);
      const GDate *deadline = gk_task_get_deadline (task);
      int first, last;

      if (deadline == NULL || gk_task_get_status (task) == GK_TASK_DONE)
        continue;
      first = MIN (g_date_get_year (today), g_date_get_year (deadline));
      last = MAX (g_date_get_year (today), g_date_get_year (deadline));
      for (int year = first; year <= last; year++)
        {
          gboolean known = FALSE;

          if (gk_calendar_has_year (calendar, year))
            continue;
          for (guint j = 0; j < self->missing_years->len && !known; j++)
            known = g_array_index (self->missing_years, int, j) == year;
          if (!known)
            g_array_append_val (self->missing_years, year);
        }
    }
  g_array_sort (self->missing_years, compare_ints);

  gtk_widget_set_visible (self->banner, self->missing_years->len > 0);
  if (self->missing_years->len == 0)
    return;
  for (guint j = 0; j < self->missing_years->len; j++)
    g_string_append_printf (years, "%s%d", j > 0 ? ", " : "", g_array_index (self->missing_years, int, j));
  text = g_strdup_printf (ngettext ("The official holiday schedule for %s is missing: working days in that year are counted as Monday to Friday and may be wrong. Add it in Preferences › Holidays.",
                                    "The official holiday schedules for %s are missing: working days in those years are counted as Monday to Friday and may be wrong. Add them in Preferences › Holidays.",
                                    self->missing_years->len),
                          years->str);
  gtk_label_set_text (self->banner_label, text);
}

static GListModel *
list_or_empty (GkTasksPage  *self,
               GkTaskFilter  filter,
               gint64        arg)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = gk_tasks_list (self->tasks, filter, arg, &error);

  if (list == NULL)
    {
      show_error (self, error);
      list = G_LIST_MODEL (g_list_store_new (GK_TYPE_TASK));
    }
  return list;
}

/* Queries the rows again and keeps the selected task (by its id), or selects the first row. */
static void
reload (GkTasksPage *self)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) shown = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 keep = self->task != NULL ? gk_task_get_id (self->task) : 0;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  /* Not in the middle of saving: the editor's task must not change under it. */
  if (self->flushing)
    {
      self->reload_pending = TRUE;
      return;
    }
  self->reload_pending = FALSE;

  if (self->tasks != NULL)
    {
      update_departments (self);
      all = list_or_empty (self, GK_TASK_FILTER_ALL, 0);
      switch (self->filter)
        {
        case FILTER_OVERDUE:
          shown = list_or_empty (self, GK_TASK_FILTER_OVERDUE, 0);
          break;
        case FILTER_SOON:
          shown = list_or_empty (self, GK_TASK_FILTER_DUE_WITHIN, SOON_DAYS);
          break;
        case FILTER_DONE:
          shown = list_or_empty (self, GK_TASK_FILTER_DONE, 0);
          break;
        case FILTER_ALL:
        case N_FILTERS:
        default:
          shown = g_object_ref (all);
          break;
        }
      n = g_list_model_get_n_items (shown);
      for (guint i = 0; i < n; i++)
        {
          GkTask *task = g_list_model_get_item (shown, i);

          if (self->department_id == 0 || task_has_department (task, self->department_id))
            g_ptr_array_add (rows, task);
          else
            g_object_unref (task);
        }
    }
  else
    {
      all = G_LIST_MODEL (g_list_store_new (GK_TYPE_TASK));
      g_array_set_size (self->missing_years, 0);
    }

  self->updating = TRUE;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  if (keep != 0)
    position = find_task (G_LIST_MODEL (self->sorted), keep);
  if (position == GTK_INVALID_LIST_POSITION && rows->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list"
                                    : g_list_model_get_n_items (all) == 0 ? "empty" : "no-match");
  if (self->tasks != NULL)
    {
      update_summary (self, all);
      update_banner (self, all);
    }
  else
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_visible (self->banner, FALSE);
    }
  sync_editor (self);
  if (position != GTK_INVALID_LIST_POSITION && gtk_widget_get_mapped (GTK_WIDGET (self)))
    scroll_to (self, position);
}

static void
on_tasks_changed (GkTasksPage *self,
                  gint64       id)
{
  /* The editor's own typing: the task object is up to date and notifies its cells. */
  if (id != 0 && self->flushing && self->task != NULL && gk_task_get_id (self->task) == id)
    return;
  reload (self);
}

static void
on_departments_changed (GkTasksPage *self)
{
  if (self->tasks != NULL)
    update_departments (self);
}

/* ---- the filters ------------------------------------------------------------------------ */

static void
set_filter (GkTasksPage *self,
            Filter       filter)
{
  if (self->filter == filter)
    return;
  gk_tasks_page_flush (self);
  self->filter = filter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  reload (self);
}

static void
on_department_selected (GkTasksPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->department_dropdown);

  if (self->updating || self->tasks == NULL || selected >= self->department_ids->len)
    return;
  gk_tasks_page_flush (self);
  self->department_id = g_array_index (self->department_ids, gint64, selected);
  reload (self);
}

static void
show_all (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);

  gk_tasks_page_flush (self);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->department_dropdown, 0);
  self->updating = FALSE;
  self->department_id = 0;
  if (self->filter != FILTER_ALL)
    set_filter (self, FILTER_ALL);
  else
    reload (self);
}

/* ---- the editor ------------------------------------------------------------------------- */




/* What the store has for @field, in the form the field shows. */
static char *
stored_text (GkTask      *task,
             GkTaskField  field)
{
  const char *text = NULL;

  switch (field)
    {
    case GK_TASK_FIELD_CATEGORY: text = gk_task_get_category (task); break;
    case GK_TASK_FIELD_GROUP: text = gk_task_get_group (task); break;
    case GK_TASK_FIELD_TITLE: text = gk_task_get_title (task); break;
    case GK_TASK_FIELD_DEPARTMENTS: text = gk_task_get_departments (task); break;
    case GK_TASK_FIELD_DEADLINE: text = gk_task_get_deadline_text (task); break;
    case GK_TASK_FIELD_RULE: return rule_display (gk_task_get_rule (task));
    case GK_TASK_FIELD_EVENT:
      return gk_task_get_event (task) != NULL ? gk_date_to_string (gk_task_get_event (task)) : g_strdup ("");
    case GK_TASK_FIELD_DONE_ON: text = gk_task_get_done_on_text (task); break;
    case GK_TASK_FIELD_NOTE: text = gk_task_get_note (task); break;
    case GK_TASK_FIELD_STATUS:
    case GK_TASK_N_FIELDS:
    default:
      break;
    }
  return g_strdup (text != NULL ? text : "");
}

static gboolean
same_date (const char *a,
           const char *b)
{
  GDate x, y;

  if (*a == '\0' || *b == '\0')
    return *a == '\0' && *b == '\0';
  return gk_date_parse (a, &x, NULL) && gk_date_parse (b, &y, NULL) && g_date_compare (&x, &y) == 0;
}

static gboolean
same_departments (const char *a,
                  const char *b)
{
  g_autoptr(GPtrArray) x = gk_split_departments (a);
  g_autoptr(GPtrArray) y = gk_split_departments (b);

  if (x->len != y->len)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    if (!g_ptr_array_find_with_equal_func (y, g_ptr_array_index (x, i), g_str_equal, NULL))
      return FALSE;
  return TRUE;
}

/* Whether @typed says what the store has already: then nothing is saved (saving a rule again
 * would compute its deadline again from today). */
static gboolean
same_as_stored (GkTask      *task,
                GkTaskField  field,
                const char  *typed)
{
  g_autofree char *stored = stored_text (task, field);

  switch (field)
    {
    case GK_TASK_FIELD_DEADLINE:
    case GK_TASK_FIELD_EVENT:
    case GK_TASK_FIELD_DONE_ON:
      return same_date (typed, stored);
    case GK_TASK_FIELD_DEPARTMENTS:
      return same_departments (typed, stored);
    case GK_TASK_FIELD_RULE:
      {
        GkRule rule;
        g_autofree char *canonical = NULL;

        if (!gk_rule_parse (typed, &rule, NULL))
          return FALSE;
        canonical = gk_rule_to_string (&rule);
        if (strchr (typed, '@') != NULL)
          return g_strcmp0 (canonical, gk_task_get_rule (task)) == 0;
        g_free (g_steal_pointer (&stored));
        stored = rule_display (canonical);
        {
          g_autofree char *current = rule_display (gk_task_get_rule (task));
          return g_strcmp0 (stored, current) == 0;
        }
      }
    case GK_TASK_FIELD_CATEGORY:
    case GK_TASK_FIELD_GROUP:
    case GK_TASK_FIELD_TITLE:
    case GK_TASK_FIELD_NOTE:
    case GK_TASK_FIELD_STATUS:
    case GK_TASK_N_FIELDS:
    default:
      return g_strcmp0 (typed, stored) == 0;
    }
}

/* Half-typed text (a date, a rule, a title typed anew) waits for the officer rather than
 * drawing an error toast at every pause; it is reported when the officer moves on. */
static gboolean
unfinished (GkTaskField  field,
            const char  *typed)
{
  GDate date;
  GkRule rule;

  switch (field)
    {
    case GK_TASK_FIELD_TITLE:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (typed));
        return *stripped == '\0';
      }
    case GK_TASK_FIELD_DEADLINE:
    case GK_TASK_FIELD_EVENT:
    case GK_TASK_FIELD_DONE_ON:
      return *typed != '\0' && !gk_date_parse (typed, &date, NULL);
    case GK_TASK_FIELD_RULE:
      return !gk_rule_parse (typed, &rule, NULL);
    case GK_TASK_FIELD_CATEGORY:
    case GK_TASK_FIELD_GROUP:
    case GK_TASK_FIELD_DEPARTMENTS:
    case GK_TASK_FIELD_STATUS:
    case GK_TASK_FIELD_NOTE:
    case GK_TASK_N_FIELDS:
    default:
      return FALSE;
    }
}

static void
mark_field (GkTasksPage *self,
            GkTaskField  field,
            gboolean     wrong)
{
  GtkWidget *widget = self->fields[field];

  /* A text view shows the error on its frame. */
  if (GTK_IS_TEXT_VIEW (widget))
    widget = gtk_widget_get_parent (widget);
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_saved (GkTasksPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *text = g_strdup_printf (_("Saved %s"), time);

  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
  gtk_label_set_text (self->saved_label, text);
}

static void
show_not_saved (GkTasksPage *self)
{
  gtk_label_set_text (self->saved_label, _("Not saved"));
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
}

/* Saves what was typed. @finish: the officer moves on, so half-typed text is saved too (and
 * refused with a message) rather than waiting. FALSE if the store refused something; the
 * text stays in its field, marked. */
static gboolean
save_pending (GkTasksPage *self,
              gboolean     finish)
{
  gboolean ok = TRUE;
  gboolean saved = FALSE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->task == NULL || self->tasks == NULL || self->pending == 0 || self->flushing)
    return TRUE;

  self->flushing = TRUE;
  for (guint field = 0; field < GK_TASK_N_FIELDS; field++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GkTask) task = NULL;
      g_autofree char *value = NULL;

      if (self->fields[field] == NULL || !(self->pending & (1u << field)))
        continue;
      value = gk_widget_get_text (self->fields[field]);
      if (!finish && unfinished (field, value))
        {
          mark_field (self, field, TRUE);
          continue;
        }
      self->pending &= ~(1u << field);
      task = g_object_ref (self->task);
      if (same_as_stored (task, field, value))
        {
          self->failed &= ~(1u << field);
          mark_field (self, field, FALSE);
          continue;
        }
      if (gk_tasks_set_field (self->tasks, task, gk_task_field_key (field), value, &error))
        {
          saved = TRUE;
          self->failed &= ~(1u << field);
          mark_field (self, field, FALSE);
        }
      else
        {
          self->failed |= 1u << field;
          mark_field (self, field, TRUE);
          show_error (self, error);
          ok = FALSE;
        }
    }
  self->flushing = FALSE;

  if (!ok)
    show_not_saved (self);
  else if (saved)
    show_saved (self);
  if (self->reload_pending)
    reload (self);
  else if (saved)
    update_editor (self, FALSE);
  return ok;
}

/**
 * gk_tasks_page_flush:
 *
 * Saves what was typed and not yet saved. Returns: %FALSE if the store refused something (the
 * message is shown as a toast).
 */
gboolean
gk_tasks_page_flush (GkTasksPage *self)
{
  g_return_val_if_fail (GK_IS_TASKS_PAGE (self), FALSE);
  return save_pending (self, TRUE);
}

static gboolean
save_timeout (gpointer data)
{
  GkTasksPage *self = data;

  self->save_source = 0;
  save_pending (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_field_changed (GkTasksPage *self,
                  GtkWidget   *widget)
{
  if (self->loading || self->task == NULL)
    return;
  for (guint field = 0; field < GK_TASK_N_FIELDS; field++)
    if (self->fields[field] == widget)
      {
        self->pending |= 1u << field;
        self->failed &= ~(1u << field);
      }
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   GtkWidget     *view)
{
  GkTasksPage *self = GK_TASKS_PAGE (gtk_widget_get_ancestor (view, GK_TYPE_TASKS_PAGE));

  if (self != NULL)
    on_field_changed (self, view);
}

/* Leaving a field saves it, and shows it as the store has it (departments in their order, a
 * date written out). */
static void
on_field_left (GtkEventControllerFocus *controller,
               GkTasksPage             *self)
{
  save_pending (self, TRUE);
  update_editor (self, FALSE);
}

static void
update_rule_info (GkTasksPage *self)
{
  GkTask *task = self->task;
  const char *description = task != NULL ? gk_task_get_rule_description (task) : "";
  const char *next = task != NULL ? gk_task_get_next_deadline_text (task) : NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (task != NULL && task_rule_is_after (task) && gk_task_get_deadline (task) == NULL)
    g_string_append (subtitle, _("Enter the date of the event to get the deadline."));
  if (next != NULL)
    g_string_append_printf (subtitle, _("When this one is done, the next is due on %s."), next);
  if (task != NULL && gk_task_get_remaining_estimated (task) && gk_task_get_deadline (task) != NULL)
    {
      g_autofree char *years = missing_years_text (gk_tasks_get_calendar (self->tasks), today_of (self),
                                                   gk_task_get_deadline (task));
      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle,
                              _("The official holiday schedule for %s is missing: the working days are counted as Monday to Friday."),
                              years != NULL ? years : "?");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rule_info_row), description != NULL && *description != '\0');
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rule_info_row), description != NULL ? description : "");
  adw_action_row_set_subtitle (self->rule_info_row, subtitle->str);
}

/* Shows the task in the editor. @everything: a task that was not shown before; otherwise the
 * fields the officer is typing in (or that the store refused) keep their text. */
static void
update_editor (GkTasksPage *self,
               gboolean     everything)
{
  GkTask *task = self->task;

  self->loading = TRUE;
  for (guint field = 0; field < GK_TASK_N_FIELDS; field++)
    {
      g_autofree char *stored = NULL;
      g_autofree char *shown = NULL;
      GtkWidget *widget = self->fields[field];

      if (widget == NULL)
        continue;
      if (!everything && (((self->pending | self->failed) & (1u << field)) || gk_widget_has_focus_within (widget)))
        continue;
      stored = task != NULL ? stored_text (task, field) : g_strdup ("");
      shown = gk_widget_get_text (widget);
      if (g_strcmp0 (stored, shown) != 0)
        gk_widget_set_text (widget, stored);
      if (everything)
        mark_field (self, field, FALSE);
    }
  adw_combo_row_set_selected (self->status_row, task != NULL ? (guint) gk_task_get_status (task) : 0);
  self->loading = FALSE;

  /* No task, no editor: the list (or what the page says instead) has the room. */
  gtk_widget_set_sensitive (self->editor_page, task != NULL);
  gtk_widget_set_visible (self->editor_page, task != NULL);
  gtk_widget_set_visible (self->event_row, task != NULL && task_rule_is_after (task));
  gtk_widget_set_sensitive (self->done_on_row, task != NULL && gk_task_get_status (task) == GK_TASK_DONE);
  update_rule_info (self);
  update_actions (self);
}

static void
on_task_notify (GkTasksPage *self)
{
  if (!self->loading)
    update_editor (self, FALSE);
}

static void
set_editor_task (GkTasksPage *self,
                 GkTask      *task)
{
  gboolean same = task != NULL && self->task != NULL && gk_task_get_id (task) == gk_task_get_id (self->task);

  if (self->task != NULL)
    g_signal_handlers_disconnect_by_func (self->task, on_task_notify, self);
  g_set_object (&self->task, task);
  if (task != NULL)
    g_signal_connect_swapped (task, "notify", G_CALLBACK (on_task_notify), self);
  if (!same)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      self->pending = 0;
      self->failed = 0;
      gtk_label_set_text (self->saved_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
    }
  update_editor (self, !same);
}

/* The editor follows the selection; what was typed for the previous task is saved first. */
static void
sync_editor (GkTasksPage *self)
{
  GkTask *task = gk_tasks_page_get_selected (self);

  if (task == self->task)
    {
      update_actions (self);
      return;
    }
  if (task == NULL || self->task == NULL || gk_task_get_id (task) != gk_task_get_id (self->task))
    {
      save_pending (self, TRUE);
      /* Saving may have reloaded the rows, and with them the selection. */
      task = gk_tasks_page_get_selected (self);
      if (task == self->task)
        return;
    }
  set_editor_task (self, task);
}

static void
on_selection_changed (GkTasksPage *self)
{
  if (!self->updating)
    sync_editor (self);
}

static void
change_status (GkTasksPage  *self,
               GkTask       *task,
               GkTaskStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) next = NULL;
  g_autoptr(GkTask) keep = g_object_ref (task);

  gk_tasks_page_flush (self);
  if (!gk_tasks_set_status (self->tasks, keep, status, NULL, &next, &error))
    {
      show_error (self, error);
      update_editor (self, FALSE);
      return;
    }
  if (next != NULL)
    {
      const char *deadline = gk_task_get_deadline_text (next);
      g_autofree char *message = deadline != NULL
        ? g_strdup_printf (_("Done. The next one is due on %s."), deadline)
        : g_strdup (_("Done. The task waits for its next event."));
      AdwToast *t = gk_toast_new_literal (message);

      adw_toast_set_button_label (t, _("_Show"));
      adw_toast_set_action_name (t, "tasks.show-task");
      adw_toast_set_action_target_value (t, g_variant_new_int64 (gk_task_get_id (next)));
      show_toast (self, t);
    }
  else if (status == GK_TASK_DONE)
    toast (self, _("Done."));
}

static void
on_status_selected (GkTasksPage *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->loading || self->task == NULL || selected > GK_TASK_DONE ||
      (GkTaskStatus) selected == gk_task_get_status (self->task))
    return;
  change_status (self, self->task, (GkTaskStatus) selected);
}

/* ---- the departments menu and the calendar ---------------------------------------------- */

static void
on_department_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         GkTasksPage   *self)
{
  const char *name = gk_department_row_get_name (row);
  g_autofree char *current = gk_widget_get_text (self->departments_row);
  g_autoptr(GPtrArray) names = gk_split_departments (current);
  g_autofree char *text = NULL;

  gtk_menu_button_popdown (self->departments_menu);
  if (name == NULL || g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    return;
  /* 责任单位 are a list: a chosen department is added to those there, not put in their place. */
  g_strstrip (current);
  text = *current == '\0' ? g_strdup (name) : g_strconcat (current, "、", name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->departments_row), text);
  save_pending (self, TRUE);
}


static void
build_departments_menu (GkTasksPage *self)
{
  gk_department_menu_set (self->departments_menu,
                          gk_catalogue_get_departments (gk_tasks_get_catalogue (self->tasks)),
                          _("Add a department to those responsible"), G_CALLBACK (on_department_activated), self);
}

static void
on_calendar_shown (GkTasksPage *self)
{
  g_autofree char *text = gk_widget_get_text (self->deadline_row);
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  if (!gk_date_parse (text, &date, NULL))
    date = *today_of (self);
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->loading = FALSE;
}

static void
on_calendar_day_selected (GkTasksPage *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = NULL;

  if (self->loading || self->task == NULL)
    return;
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), text);
  gtk_popover_popdown (self->calendar_popover);
  save_pending (self, TRUE);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
add_task (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = NULL;
  GkTaskFields fields = { 0 };
  guint selected = gtk_drop_down_get_selected (self->department_dropdown);
  GListModel *names = gtk_drop_down_get_model (self->department_dropdown);

  if (self->tasks == NULL)
    return;
  gk_tasks_page_flush (self);
  fields.title = _("New task");
  /* With one department shown, the new task is that department's. */
  if (self->department_id != 0 && names != NULL && selected > 0)
    fields.departments = gtk_string_list_get_string (GTK_STRING_LIST (names), selected);
  task = gk_tasks_add (self->tasks, &fields, &error);
  if (task == NULL)
    {
      show_error (self, error);
      return;
    }
  if (self->filter != FILTER_ALL)
    set_filter (self, FILTER_ALL);
  if (gk_tasks_page_select_task (self, gk_task_get_id (task)))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->title_view));
      GtkTextIter start, end;

      gtk_widget_grab_focus (self->title_view);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_select_range (buffer, &start, &end);
    }
}

static void
mark_done (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);

  if (self->task != NULL && gk_task_get_status (self->task) != GK_TASK_DONE)
    change_status (self, self->task, GK_TASK_DONE);
}

static void
undo_remove (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  g_autoptr(GkTask) snapshot = g_steal_pointer (&self->removed);
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (snapshot == NULL || self->tasks == NULL)
    return;
  task = gk_tasks_undelete (self->tasks, snapshot, &error);
  if (task == NULL)
    show_error (self, error);
  else
    gk_tasks_page_select_task (self, gk_task_get_id (task));
}

/* The toast is shown by the window's overlay, outside the page: its button cannot name the
 * page's action, so it is passed on. */
static void
on_undo_clicked (AdwToast    *toast,
                 GkTasksPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tasks.undo-remove", NULL);
}

/* As items on the domain pages: removed at once, with an Undo on the toast. */
static void
remove_task (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *undo;

  if (self->task == NULL)
    return;
  gk_tasks_page_flush (self);
  if (self->task == NULL)
    return;
  task = g_object_ref (self->task);
  if (!gk_tasks_delete (self->tasks, gk_task_get_id (task), &error))
    {
      show_error (self, error);
      return;
    }
  message = g_strdup_printf (_("Removed “%s”"), gk_task_get_title (task));
  g_set_object (&self->removed, task);
  undo = gk_toast_new_literal (message);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  show_toast (self, undo);
}

static void
report_import (GkTasksPage *self,
               guint        added,
               guint        skipped)
{
  g_autofree char *message = NULL;

  if (added > 0 && skipped == 0)
    message = g_strdup_printf (ngettext ("Added %u task", "Added %u tasks", added), added);
  else if (added > 0)
    {
      g_autofree char *first = g_strdup_printf (ngettext ("Added %u task", "Added %u tasks", added), added);
      g_autofree char *second = g_strdup_printf (ngettext ("%u was in the list already",
                                                           "%u were in the list already", skipped), skipped);
      /* TRANSLATORS: "Added 3 tasks" and "23 were in the list already" */
      message = g_strdup_printf (_("%s; %s"), first, second);
    }
  else
    message = g_strdup_printf (ngettext ("The %u task is in the list already: nothing was added",
                                         "All %u tasks are in the list already: nothing was added", skipped),
                               skipped);
  toast (self, message);
}

static void
import_template (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint added = 0, skipped = 0;

  if (self->tasks == NULL)
    return;
  gk_tasks_page_flush (self);
  gtk_menu_button_popdown (self->template_button);
  if (!gk_tasks_import_template (self->tasks, g_variant_get_string (parameter, NULL), &added, &skipped, &error))
    {
      show_error (self, error);
      return;
    }
  report_import (self, added, skipped);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    GkTasksPage     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0, skipped = 0;

  if (response == GTK_RESPONSE_ACCEPT && self->tasks != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && gk_tasks_import_file (self->tasks, file, &added, &skipped, &error))
        report_import (self, added, skipped);
      else if (error != NULL)
        show_error (self, error);
    }
  g_object_unref (chooser);
}

static void
import_file (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  if (self->tasks == NULL)
    return;
  gk_tasks_page_flush (self);
  chooser = gtk_file_chooser_native_new (_("Import a Task List"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Task lists (.tsv)"));
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (any, _("All files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_task (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  gk_tasks_page_select_task (GK_TASKS_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
add_holidays (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GkTasksPage *self = GK_TASKS_PAGE (widget);
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *window;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->tasks == NULL)
    return;
  settings = gk_reminders_get_settings ();
  window = gk_preferences_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->tasks, settings);
  gtk_window_present (window);
  gk_preferences_window_edit_year (GK_PREFERENCES_WINDOW (window),
                                   self->missing_years->len > 0 ? g_array_index (self->missing_years, int, 0) : 0);
}

static void
on_row_activated (GkTasksPage *self)
{
  gtk_widget_grab_focus (self->title_view);
}

static void
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             GkTasksPage           *self)
{
  if (keyval == GDK_KEY_Delete && (state & GDK_MODIFIER_MASK) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "tasks.remove", NULL);
}

/* ---- public ----------------------------------------------------------------------------- */

void
gk_tasks_page_set_tasks (GkTasksPage *self,
                         GkTasks     *tasks)
{
  g_return_if_fail (GK_IS_TASKS_PAGE (self));
  g_return_if_fail (tasks == NULL || GK_IS_TASKS (tasks));

  if (self->tasks == tasks)
    return;
  gk_tasks_page_flush (self);
  set_editor_task (self, NULL);
  if (self->tasks != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tasks, self);
      g_signal_handlers_disconnect_by_data (gk_catalogue_get_departments (gk_tasks_get_catalogue (self->tasks)), self);
    }
  g_set_object (&self->tasks, tasks);
  self->department_id = 0;
  g_array_set_size (self->department_ids, 0);
  gtk_drop_down_set_model (self->department_dropdown, NULL);
  if (tasks != NULL)
    {
      g_signal_connect_object (tasks, "changed", G_CALLBACK (on_tasks_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (gk_catalogue_get_departments (gk_tasks_get_catalogue (tasks)), "items-changed",
                               G_CALLBACK (on_departments_changed), self, G_CONNECT_SWAPPED);
      build_departments_menu (self);
    }
  reload (self);
}

GkTasks *
gk_tasks_page_get_tasks (GkTasksPage *self)
{
  g_return_val_if_fail (GK_IS_TASKS_PAGE (self), NULL);
  return self->tasks;
}

/**
 * gk_tasks_page_select_task:
 *
 * Selects the task and scrolls to it; when the filters hide it, they are reset to show every
 * task. Returns: %FALSE if there is no such task.
 */
gboolean
gk_tasks_page_select_task (GkTasksPage *self,
                           gint64       id)
{
  guint position;

  g_return_val_if_fail (GK_IS_TASKS_PAGE (self), FALSE);

  position = find_task (G_LIST_MODEL (self->sorted), id);
  if (position == GTK_INVALID_LIST_POSITION && (self->filter != FILTER_ALL || self->department_id != 0))
    {
      show_all (GTK_WIDGET (self), "tasks.show-all", NULL);
      position = find_task (G_LIST_MODEL (self->sorted), id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
  return TRUE;
}

/* ---- the object ------------------------------------------------------------------------- */

static void
gk_tasks_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GkTasksPage *self = GK_TASKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, filter_names[self->filter]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_tasks_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GkTasksPage *self = GK_TASKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      for (guint i = 0; i < N_FILTERS; i++)
        if (g_strcmp0 (g_value_get_string (value), filter_names[i]) == 0)
          set_filter (self, (Filter) i);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_tasks_page_unmap (GtkWidget *widget)
{
  /* Leaving the page saves what was typed. */
  gk_tasks_page_flush (GK_TASKS_PAGE (widget));
  GTK_WIDGET_CLASS (gk_tasks_page_parent_class)->unmap (widget);
}

static void
gk_tasks_page_dispose (GObject *object)
{
  GkTasksPage *self = GK_TASKS_PAGE (object);

  if (self->tasks != NULL)
    {
      gk_tasks_page_flush (self);
      g_signal_handlers_disconnect_by_data (self->tasks, self);
      g_signal_handlers_disconnect_by_data (gk_catalogue_get_departments (gk_tasks_get_catalogue (self->tasks)), self);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->task != NULL)
    g_signal_handlers_disconnect_by_func (self->task, on_task_notify, self);
  g_clear_object (&self->task);
  g_clear_object (&self->removed);
  /* AdwBin owns the template's root: let go of it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_TASKS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (gk_tasks_page_parent_class)->dispose (object);
}

static void
gk_tasks_page_finalize (GObject *object)
{
  GkTasksPage *self = GK_TASKS_PAGE (object);

  g_array_unref (self->department_ids);
  g_array_unref (self->missing_years);

  G_OBJECT_CLASS (gk_tasks_page_parent_class)->finalize (object);
}

static void
gk_tasks_page_class_init (GkTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gk_tasks_page_get_property;
  object_class->set_property = gk_tasks_page_set_property;
  object_class->dispose = gk_tasks_page_dispose;
  object_class->finalize = gk_tasks_page_finalize;
  widget_class->unmap = gk_tasks_page_unmap;

  /**
   * GkTasksPage:filter:
   *
   * The tasks shown: "all", "overdue", "soon" (due within 7 days) or "done".
   */
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-tasks-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GkTasksPage, name)
  BIND (department_dropdown); BIND (summary_label); BIND (template_button); BIND (banner);
  BIND (banner_label); BIND (stack); BIND (column_view); BIND (position_column); BIND (task_column);
  BIND (departments_column); BIND (deadline_column); BIND (remaining_column); BIND (status_column);
  BIND (empty_buttons); BIND (editor_page); BIND (saved_label); BIND (category_row); BIND (group_row);
  BIND (departments_row); BIND (departments_menu); BIND (title_view); BIND (deadline_row);
  BIND (calendar_popover); BIND (calendar); BIND (rule_row); BIND (event_row); BIND (rule_info_row);
  BIND (status_row); BIND (done_on_row); BIND (note_view);
#undef BIND

  gtk_widget_class_install_property_action (widget_class, "tasks.filter", "filter");
  gtk_widget_class_install_action (widget_class, "tasks.add", NULL, add_task);
  gtk_widget_class_install_action (widget_class, "tasks.mark-done", NULL, mark_done);
  gtk_widget_class_install_action (widget_class, "tasks.remove", NULL, remove_task);
  gtk_widget_class_install_action (widget_class, "tasks.undo-remove", NULL, undo_remove);
  gtk_widget_class_install_action (widget_class, "tasks.import-template", "s", import_template);
  gtk_widget_class_install_action (widget_class, "tasks.import-file", NULL, import_file);
  gtk_widget_class_install_action (widget_class, "tasks.show-all", NULL, show_all);
  gtk_widget_class_install_action (widget_class, "tasks.show-task", "x", show_task);
  gtk_widget_class_install_action (widget_class, "tasks.add-holidays", NULL, add_holidays);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "tasks.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "tasks.mark-done", NULL);
}

static void
build_template_menu (GkTasksPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) templates = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  const char * const *names = gk_tasks_get_template_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (gk_tasks_get_template_title (names[i]), NULL);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (gk_tasks_get_template_title (names[i]));

      g_menu_item_set_action_and_target_value (item, "tasks.import-template", g_variant_new_string (names[i]));
      g_menu_append_item (templates, item);

      /* The same choice on the empty page. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tasks.import-template");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (names[i]));
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (self->empty_buttons, button);
    }
  g_menu_append (files, _("Import a Task List (.tsv)…"), "tasks.import-file");
  g_menu_append_section (menu, _("Built-in Lists"), G_MENU_MODEL (templates));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  gtk_menu_button_set_menu_model (self->template_button, G_MENU_MODEL (menu));

  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("_Import a Task List (.tsv)…"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "tasks.import-file");
    gtk_box_append (self->empty_buttons, button);
  }
}

static void
gk_tasks_page_init (GkTasksPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->department_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->missing_years = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_widget_init_template (GTK_WIDGET (self));

  set_column (self, self->position_column, COLUMN_POSITION);
  set_column (self, self->task_column, COLUMN_TASK);
  set_column (self, self->departments_column, COLUMN_DEPARTMENTS);
  set_column (self, self->deadline_column, COLUMN_DEADLINE);
  set_column (self, self->remaining_column, COLUMN_REMAINING);
  set_column (self, self->status_column, COLUMN_STATUS);

  self->store = g_list_store_new (GK_TYPE_TASK);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  /* The department filter can be searched by typing: a county has dozens of departments. */
  gtk_drop_down_set_expression (self->department_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (self->department_dropdown, TRUE);
  g_signal_connect_swapped (self->department_dropdown, "notify::selected", G_CALLBACK (on_department_selected), self);

  self->fields[GK_TASK_FIELD_CATEGORY] = self->category_row;
  self->fields[GK_TASK_FIELD_GROUP] = self->group_row;
  self->fields[GK_TASK_FIELD_TITLE] = self->title_view;
  self->fields[GK_TASK_FIELD_DEPARTMENTS] = self->departments_row;
  self->fields[GK_TASK_FIELD_DEADLINE] = self->deadline_row;
  self->fields[GK_TASK_FIELD_RULE] = self->rule_row;
  self->fields[GK_TASK_FIELD_EVENT] = self->event_row;
  self->fields[GK_TASK_FIELD_DONE_ON] = self->done_on_row;
  self->fields[GK_TASK_FIELD_NOTE] = self->note_view;
  for (guint field = 0; field < GK_TASK_N_FIELDS; field++)
    {
      GtkWidget *widget = self->fields[field];
      GtkEventController *focus;

      if (widget == NULL)
        continue;
      if (GTK_IS_TEXT_VIEW (widget))
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                                 G_CALLBACK (on_buffer_changed), widget, 0);
      else
        g_signal_connect_swapped (widget, "changed", G_CALLBACK (on_field_changed), self);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_left), self);
      gtk_widget_add_controller (widget, focus);
    }

  for (guint s = GK_TASK_TODO; s <= GK_TASK_DONE; s++)
    gtk_string_list_append (statuses, gk_task_status_get_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected), self);

  g_signal_connect_swapped (self->calendar_popover, "show", G_CALLBACK (on_calendar_shown), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_calendar_day_selected), self);

  build_template_menu (self);
  reload (self);
}
