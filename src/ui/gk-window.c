#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-departments-page.h"
#include "gk-domain-page.h"
#include "gk-overview-page.h"
#include "gk-tasks-page.h"
#include "gk-window-private.h"
#include "gk-problem.h"

#define SEARCH_LIMIT 200

struct _GkWindow
{
  AdwApplicationWindow  parent_instance;

  GkCatalogue          *catalogue;
  GkTasks              *tasks;
  GListModel           *search_results;
  char                 *page_before_search;
  gboolean              changing_selection;
  gboolean              opening;  /* set_catalogue() is choosing the first page */
  gboolean              has_start_page;
  int                   start_page;  /* as "last-domain": N, 0 overview, -1 departments, -2 tasks */

  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkListBox           *top_list;
  GtkListBox           *domain_list;
  GtkListBox           *bottom_list;
  GtkListBoxRow        *overview_row;
  GtkListBoxRow        *departments_row;
  GtkListBoxRow        *tasks_row;
  GtkLabel             *overdue_label;
  GkTasksPage          *tasks_page;        /* the pages are built on first show: start-up */
  GListModel           *next_deadlines;
  GtkSearchBar         *search_bar;
  GtkSpinner           *busy_spinner;
  GtkSearchEntry       *search_entry;
  GtkListView          *search_view;
  GtkStack             *search_stack;
  AdwStatusPage        *search_none;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GkOverviewPage       *overview_page;
  GkDomainPage         *domain_page;
  GkDepartmentsPage    *departments_page;
};

G_DEFINE_FINAL_TYPE (GkWindow, gk_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GSettings *
get_settings (GkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  return app != NULL ? gk_application_get_settings (GK_APPLICATION (app)) : NULL;
}

/* ---- sidebar ---------------------------------------------------------------------------- */

static void
update_domain_row (GtkWidget *row)
{
  GkDomain *domain = g_object_get_data (G_OBJECT (row), "gk-domain");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "gk-icon");
  GtkWidget *count = g_object_get_data (G_OBJECT (row), "gk-count");
  g_autofree char *count_text = NULL;
  const char *icon_name, *state;

  if (!gk_domain_get_applicable (domain))
    {
      icon_name = "action-unavailable-symbolic";
      state = _("not applicable");
      count_text = g_strdup ("—");
    }
  else
    {
      gboolean complete = gk_domain_get_n_errors (domain) == 0 && gk_domain_get_n_items (domain) > 0;
      icon_name = complete ? "emblem-ok-symbolic" : "dialog-warning-symbolic";
      state = complete ? _("complete") : _("has problems");
      count_text = g_strdup_printf ("%u/%u", gk_domain_get_n_complete (domain), gk_domain_get_n_items (domain));
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_widget_set_opacity (row, gk_domain_get_applicable (domain) ? 1.0 : 0.6);
  gtk_widget_set_visible (icon, TRUE);
  if (g_str_equal (icon_name, "dialog-warning-symbolic"))
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_remove_css_class (icon, "warning");
  if (g_str_equal (icon_name, "emblem-ok-symbolic"))
    gtk_widget_add_css_class (icon, "success");
  else
    gtk_widget_remove_css_class (icon, "success");

  {
    /* TRANSLATORS: domain name, its state, complete/total items */
    g_autofree char *description = g_strdup_printf (_("%s, %s, %s"), gk_domain_get_name (domain), state, count_text);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  }
}

static GtkWidget *
create_domain_row (gpointer item,
                   gpointer user_data)
{
  GkDomain *domain = GK_DOMAIN (item);
  g_autofree char *title = g_strdup_printf ("%02d  %s", gk_domain_get_number (domain), gk_domain_get_name (domain));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "gk-domain", domain);
  g_object_set_data (G_OBJECT (row), "gk-icon", icon);
  g_object_set_data (G_OBJECT (row), "gk-count", count);
  g_object_set_data (G_OBJECT (row), "gk-domain-number", GINT_TO_POINTER (gk_domain_get_number (domain)));
  g_signal_connect_object (domain, "notify", G_CALLBACK (update_domain_row), row, G_CONNECT_SWAPPED);
  update_domain_row (row);
  return row;
}

static void on_problem_activated (GkWindow  *self,
                                  GkProblem *problem);
static void on_task_activated    (GkWindow  *self,
                                  gint64     task_id);

/* The pages other than the one shown first are built when first shown: each is a template of
 * its own, and building them all with the window showed in the start-up time. */
static GkOverviewPage *
ensure_overview_page (GkWindow *self)
{
  if (self->overview_page == NULL)
    {
      self->overview_page = GK_OVERVIEW_PAGE (gk_overview_page_new ());
      g_signal_connect_swapped (self->overview_page, "problem-activated", G_CALLBACK (on_problem_activated), self);
      g_signal_connect_swapped (self->overview_page, "task-activated", G_CALLBACK (on_task_activated), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->overview_page), "overview");
      if (self->catalogue != NULL)
        gk_overview_page_set_catalogue (self->overview_page, self->catalogue);
      gk_overview_page_set_deadlines (self->overview_page, self->next_deadlines);
    }
  return self->overview_page;
}

static GkTasksPage *
ensure_tasks_page (GkWindow *self)
{
  if (self->tasks_page == NULL)
    {
      self->tasks_page = g_object_new (GK_TYPE_TASKS_PAGE, NULL);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->tasks_page), "tasks");
      if (self->tasks != NULL)
        if (self->tasks_page != NULL)
          gk_tasks_page_set_tasks (self->tasks_page, self->tasks);
    }
  return self->tasks_page;
}

static GkDepartmentsPage *
ensure_departments_page (GkWindow *self)
{
  if (self->departments_page == NULL)
    {
      self->departments_page = GK_DEPARTMENTS_PAGE (gk_departments_page_new ());
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->departments_page), "departments");
      if (self->catalogue != NULL)
        gk_departments_page_set_catalogue (self->departments_page, self->catalogue);
    }
  return self->departments_page;
}

static void
show_page (GkWindow   *self,
           const char *name,
           const char *title)
{
  if (g_str_equal (name, "overview"))
    ensure_overview_page (self);
  else if (g_str_equal (name, "tasks"))
    ensure_tasks_page (self);
  else if (g_str_equal (name, "departments"))
    ensure_departments_page (self);
  gtk_stack_set_visible_child_name (self->stack, name);
  adw_window_title_set_title (self->content_title, title);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
remember_page (GkWindow *self,
               int       value)
{
  GSettings *settings = get_settings (self);

  if (settings != NULL)
    g_settings_set_int (settings, "last-domain", value);
}

static void
on_row_selected (GkWindow      *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  GtkListBox *lists[] = { self->top_list, self->domain_list, self->bottom_list };

  if (row == NULL || self->changing_selection || self->catalogue == NULL)
    return;

  /* Three lists, one selection. */
  self->changing_selection = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i] != list)
      gtk_list_box_unselect_all (lists[i]);
  self->changing_selection = FALSE;

  gk_domain_page_flush (self->domain_page);
  if (self->tasks_page != NULL)
    gk_tasks_page_flush (self->tasks_page);
  if (row == self->overview_row)
    {
      show_page (self, "overview", _("Overview"));
      remember_page (self, 0);
    }
  else if (row == self->departments_row)
    {
      show_page (self, "departments", _("Departments"));
      remember_page (self, -1);
    }
  else if (row == self->tasks_row)
    {
      show_page (self, "tasks", _("Task List"));
      remember_page (self, -2);
    }
  else
    {
      int number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gk-domain-number"));
      GkDomain *domain = gk_catalogue_get_domain (self->catalogue, number);

      if (domain == NULL)
        return;
      gk_domain_page_set_domain (self->domain_page, self->catalogue, domain);
      show_page (self, "domain", gk_domain_get_name (domain));
      remember_page (self, number);
    }
}

static void
on_back_clicked (GkWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
update_subtitle (GkWindow *self)
{
  g_autofree char *township = gk_catalogue_get_profile (self->catalogue, GK_PROFILE_TOWNSHIP);
  g_autofree char *year = gk_catalogue_get_profile (self->catalogue, GK_PROFILE_YEAR);
  g_autofree char *subtitle = NULL;

  if (*township != '\0')
    /* TRANSLATORS: township name and catalogue year, e.g. "城关镇 · 2026" */
    subtitle = g_strdup_printf (_("%s · %s"), township, year);
  else
    subtitle = g_strdup (_("Township not set"));
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  adw_window_title_set_subtitle (self->content_title, subtitle);
}

/* Brings the chosen row into sight in the sidebar, once the rows have their sizes. */
static gboolean
scroll_to_selected_row (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (widget));
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  double x, y;

  if (row == NULL || scrolled == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (GTK_WIDGET (row)) == 0)
    return G_SOURCE_CONTINUE;
  /* At start the sidebar, not a text field, has the keyboard: a stray key edits nothing. */
  if (GPOINTER_TO_INT (user_data))
    gtk_widget_grab_focus (GTK_WIDGET (row));
  if (gtk_widget_translate_coordinates (GTK_WIDGET (row), scrolled, 0, 0, &x, &y))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      double top = y + gtk_adjustment_get_value (adjustment);
      gtk_adjustment_clamp_page (adjustment, top, top + gtk_widget_get_height (GTK_WIDGET (row)));
    }
  return G_SOURCE_REMOVE;
}

void
gk_window_select_domain (GkWindow *self,
                         int       number)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->domain_list, i);
      if (row == NULL)
        break;
      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gk-domain-number")) == number)
        {
          /* Selecting the selected row says nothing: show its page all the same. */
          if (gtk_list_box_get_selected_row (self->domain_list) == row)
            on_row_selected (self, row, self->domain_list);
          else
            gtk_list_box_select_row (self->domain_list, row);
          gtk_widget_add_tick_callback (GTK_WIDGET (self->domain_list), scroll_to_selected_row,
                                        GINT_TO_POINTER (self->opening), NULL);
          return;
        }
    }
}

void
gk_window_show_overview (GkWindow *self)
{
  gtk_list_box_select_row (self->top_list, self->overview_row);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->top_list), scroll_to_selected_row,
                                GINT_TO_POINTER (self->opening), NULL);
}

void
gk_window_show_item (GkWindow   *self,
                     int         domain_number,
                     gint64      item_id,
                     const char *field)
{
  GkDomain *current = gk_domain_page_get_domain (self->domain_page);

  if (current == NULL || gk_domain_get_number (current) != domain_number ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "domain"))
    gk_window_select_domain (self, domain_number);
  if (item_id > 0)
    gk_domain_page_select_item (self->domain_page, item_id, field);
}

static void
on_problem_activated (GkWindow  *self,
                      GkProblem *problem)
{
  if (gk_problem_get_domain_number (problem) > 0)
    gk_window_show_item (self, gk_problem_get_domain_number (problem), gk_problem_get_item_id (problem),
                         gk_problem_get_field (problem));
  else
    {
      gk_window_show_overview (self);
      gk_overview_page_focus_profile_field (ensure_overview_page (self), gk_problem_get_field (problem));
    }
}

/* ---- tasks ------------------------------------------------------------------------------ */

static int
compare_next_deadline (gconstpointer a,
                       gconstpointer b)
{
  GkTask *ta = *(GkTask * const *) a;
  GkTask *tb = *(GkTask * const *) b;

  return g_date_compare (gk_task_get_deadline (ta), gk_task_get_deadline (tb));
}

/* The sidebar's overdue count and the overview's next deadlines follow the task list. */
static void
update_tasks_summary (GkWindow *self)
{
  g_autoptr(GListModel) open = gk_tasks_list (self->tasks, GK_TASK_FILTER_OPEN, 0, NULL);
  g_autoptr(GPtrArray) dated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListStore) next = g_list_store_new (GK_TYPE_TASK);
  guint overdue = gk_tasks_count_overdue (self->tasks);

  if (overdue > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", overdue);
      g_autofree char *description = g_strdup_printf (ngettext ("Task list, %u task overdue",
                                                                "Task list, %u tasks overdue", overdue), overdue);
      gtk_label_set_text (self->overdue_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->tasks_row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_label), overdue > 0);

  for (guint i = 0; open != NULL && i < g_list_model_get_n_items (open); i++)
    {
      GkTask *task = g_list_model_get_item (open, i);
      if (gk_task_get_deadline (task) != NULL)
        g_ptr_array_add (dated, task);
      else
        g_object_unref (task);
    }
  g_ptr_array_sort (dated, compare_next_deadline);
  g_list_store_splice (next, 0, 0, dated->pdata, MIN (dated->len, 6));
  g_clear_object (&self->next_deadlines);
  if (g_list_model_get_n_items (G_LIST_MODEL (next)) > 0)
    self->next_deadlines = G_LIST_MODEL (g_object_ref (next));
  if (self->overview_page != NULL)
    gk_overview_page_set_deadlines (self->overview_page, self->next_deadlines);
}

void
gk_window_show_tasks (GkWindow *self,
                      gint64    task_id)
{
  gtk_list_box_select_row (self->bottom_list, self->tasks_row);
  if (task_id > 0)
    gk_tasks_page_select_task (ensure_tasks_page (self), task_id);
}

GkTasks *
gk_window_get_tasks (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);
  return self->tasks;
}

static void
on_task_activated (GkWindow *self,
                   gint64    task_id)
{
  gk_window_show_tasks (self, task_id);
}

/* ---- search ----------------------------------------------------------------------------- */

static void
setup_result (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_result (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             GkWindow                 *self)
{
  GkItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GkDomain *domain = gk_catalogue_get_domain (self->catalogue, gk_item_get_domain_number (item));
  /* TRANSLATORS: domain name, item number, level 1 / level 2 item names */
  g_autofree char *title = g_strdup_printf (_("%s · item %d · %s / %s"), domain != NULL ? gk_domain_get_name (domain) : "",
                                            gk_item_get_position (item), gk_item_get_text (item, GK_ITEM_LEVEL1),
                                            gk_item_get_text (item, GK_ITEM_LEVEL2));
  g_autofree char *subtitle = g_strdup_printf ("%s  %s", gk_item_get_text (item, GK_ITEM_SUBJECT),
                                               gk_item_get_text (item, GK_ITEM_CONTENT));

  g_strdelimit (subtitle, "\n", ' ');
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), subtitle);
}

static void
leave_search (GkWindow *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "search") && self->page_before_search != NULL)
    gtk_stack_set_visible_child_name (self->stack, self->page_before_search);
}

static void
on_search_changed (GkWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (self->catalogue == NULL)
    return;
  if (*query == '\0')
    {
      leave_search (self);
      return;
    }
  results = gk_catalogue_search (self->catalogue, query, SEARCH_LIMIT, &error);
  if (results == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, gk_toast_new_literal (error->message));
      return;
    }
  g_set_object (&self->search_results, results);
  selection = gtk_no_selection_new (g_object_ref (results));
  gtk_list_view_set_model (self->search_view, GTK_SELECTION_MODEL (selection));

  n = g_list_model_get_n_items (results);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "search"))
    {
      g_free (self->page_before_search);
      self->page_before_search = g_strdup (gtk_stack_get_visible_child_name (self->stack));
    }
  /* Status page icons are set when shown: at their size the theme has only SVG, and loading
   * the SVG loader with the window cost start-up time for pages hardly ever seen. */
  if (n == 0)
    adw_status_page_set_icon_name (self->search_none, "system-search-symbolic");
  gtk_stack_set_visible_child_name (self->search_stack, n > 0 ? "results" : "none");
  gtk_stack_set_visible_child_name (self->stack, "search");
  title = n >= SEARCH_LIMIT ? g_strdup_printf (_("First %u items found"), n)
                            : g_strdup_printf (ngettext ("%u item found", "%u items found", n), n);
  adw_window_title_set_title (self->content_title, title);
}

static void
open_result (GkWindow *self,
             guint     position)
{
  g_autoptr(GkItem) item = NULL;

  if (self->search_results == NULL || position >= g_list_model_get_n_items (self->search_results))
    return;
  item = g_list_model_get_item (self->search_results, position);
  /* Leaving the search goes to the hit, not back to the page the search started from. */
  g_clear_pointer (&self->page_before_search, g_free);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gk_window_show_item (self, gk_item_get_domain_number (item), gk_item_get_id (item), NULL);
}

static void
on_search_result_activated (GkWindow *self,
                            guint     position)
{
  open_result (self, position);
}

static void
on_search_activate (GkWindow *self)
{
  open_result (self, 0);
}

static void
on_search_stop (GkWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (GkWindow *self)
{
  if (self->search_bar == NULL)
    return;
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    {
      leave_search (self);
      if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "domain"))
        {
          GkDomain *domain = gk_domain_page_get_domain (self->domain_page);
          adw_window_title_set_title (self->content_title, domain != NULL ? gk_domain_get_name (domain) : "");
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* ---- public ----------------------------------------------------------------------------- */

void
gk_window_set_catalogue (GkWindow    *self,
                         GkCatalogue *catalogue)
{
  GSettings *settings = get_settings (self);
  int last = self->has_start_page ? self->start_page
             : settings != NULL ? g_settings_get_int (settings, "last-domain") : 0;

  g_return_if_fail (GK_IS_WINDOW (self));
  g_return_if_fail (GK_IS_CATALOGUE (catalogue));

  g_set_object (&self->catalogue, catalogue);
  gtk_list_box_bind_model (self->domain_list, gk_catalogue_get_domains (catalogue),
                           create_domain_row, self, NULL);
  g_signal_connect_object (catalogue, "profile-changed", G_CALLBACK (update_subtitle), self,
                           G_CONNECT_SWAPPED);
  if (self->overview_page != NULL)
    gk_overview_page_set_catalogue (self->overview_page, catalogue);
  if (self->departments_page != NULL)
    gk_departments_page_set_catalogue (self->departments_page, catalogue);
  update_subtitle (self);

  {
    g_autoptr(GError) error = NULL;
    g_clear_object (&self->tasks);
    self->tasks = gk_tasks_new (catalogue, &error);
    if (self->tasks == NULL)
      gk_window_add_toast (self, gk_toast_new_literal (error->message));
    else
      {
        if (self->tasks_page != NULL)
          gk_tasks_page_set_tasks (self->tasks_page, self->tasks);
        g_signal_connect_object (self->tasks, "changed", G_CALLBACK (update_tasks_summary), self, G_CONNECT_SWAPPED);
        update_tasks_summary (self);
      }
  }

  /* Open where the officer left off: a domain, the departments (-1), or the overview. */
  self->opening = TRUE;
  if (last > 0 && gk_catalogue_get_domain (catalogue, last) != NULL)
    gk_window_select_domain (self, last);
  else if (last == -1)
    gtk_list_box_select_row (self->bottom_list, self->departments_row);
  else if (last == -2 && self->tasks != NULL)
    gtk_list_box_select_row (self->bottom_list, self->tasks_row);
  else
    gk_window_show_overview (self);
  self->opening = FALSE;
}

/* The page gk_window_set_catalogue() opens on, instead of the one the officer left off on
 * (numbered as the "last-domain" setting): only that page is built. */
void
gk_window_set_start_page (GkWindow *self,
                          int       page)
{
  g_return_if_fail (GK_IS_WINDOW (self));
  self->has_start_page = TRUE;
  self->start_page = page;
}

GkCatalogue *
gk_window_get_catalogue (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);
  return self->catalogue;
}

void
gk_window_show_error (GkWindow     *self,
                      const char   *path,
                      const GError *error)
{
  g_autofree char *description = NULL;

  /* TRANSLATORS: the error message, then a reassurance */
  description = g_strdup_printf (_("%s\n\nThe file was not changed."), error->message);
  adw_status_page_set_description (self->error_page, description);
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->domain_list), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->top_list), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bottom_list), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
}

void
gk_window_add_toast (GkWindow *self,
                     AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkListBox *
gk_window_get_domain_list (GkWindow *self)
{
  return self->domain_list;
}

GkDomainPage *
gk_window_get_domain_page (GkWindow *self)
{
  return self->domain_page;
}

GkOverviewPage *
gk_window_get_overview_page (GkWindow *self)
{
  return ensure_overview_page (self);
}

GtkEditable *
gk_window_get_search_entry (GkWindow *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GListModel *
gk_window_get_search_results (GkWindow *self)
{
  return self->search_results;
}

const char *
gk_window_get_visible_page (GkWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Built on first use rather than by GtkApplication at every window's creation: start-up is
 * measured, and few people open the shortcuts. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/gongkai/Gongkai/gk-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

void
gk_window_set_busy (GkWindow *self,
                    gboolean  busy)
{
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
}

gboolean
gk_window_get_busy (GkWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->busy_spinner));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gk_window_export (GK_WINDOW (widget));
}

static void
open_export (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* gtk_show_uri() is the 4.8 way; GtkFileLauncher came in 4.10. */
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static gboolean
gk_window_close_request (GtkWindow *window)
{
  GkWindow *self = GK_WINDOW (window);

  /* What was typed a moment ago is saved before the window goes. */
  gk_domain_page_flush (self->domain_page);
  if (self->tasks_page != NULL)
    gk_tasks_page_flush (self->tasks_page);
  return GTK_WINDOW_CLASS (gk_window_parent_class)->close_request (window);
}

static void
gk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GkWindow *self = GK_WINDOW (object);

  if (prop_id == PROP_SEARCH_MODE)
    g_value_set_boolean (value, self->search_bar != NULL && gtk_search_bar_get_search_mode (self->search_bar));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GkWindow *self = GK_WINDOW (object);

  if (prop_id == PROP_SEARCH_MODE && self->search_bar != NULL)
    gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gk_window_dispose (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_WINDOW);
  g_clear_object (&self->search_results);
  g_clear_object (&self->tasks);
  g_clear_object (&self->next_deadlines);
  g_clear_pointer (&self->page_before_search, g_free);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_window_parent_class)->dispose (object);
}

static void
gk_window_constructed (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);
  GSettings *settings = get_settings (self);

  G_OBJECT_CLASS (gk_window_parent_class)->constructed (object);

  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
gk_window_class_init (GkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gk_window_dispose;
  object_class->constructed = gk_window_constructed;
  object_class->get_property = gk_window_get_property;
  object_class->set_property = gk_window_set_property;
  window_class->close_request = gk_window_close_request;

  properties[PROP_SEARCH_MODE] = g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GK_TYPE_DOMAIN_PAGE);
  g_type_ensure (GK_TYPE_OVERVIEW_PAGE);
  g_type_ensure (GK_TYPE_DEPARTMENTS_PAGE);
  g_type_ensure (GK_TYPE_TASKS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GkWindow, name)
  BIND (leaflet); BIND (sidebar_title); BIND (content_title); BIND (top_list); BIND (domain_list);
  BIND (bottom_list); BIND (overview_row); BIND (departments_row); BIND (search_bar); BIND (search_entry);
  BIND (search_view); BIND (search_stack); BIND (search_none); BIND (toast_overlay); BIND (stack);
  BIND (error_page); BIND (domain_page); BIND (busy_spinner);
  BIND (tasks_row); BIND (overdue_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_result_activated);

  gtk_widget_class_install_property_action (widget_class, "win.search", "search-mode");
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
gk_window_init (GkWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_result), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_result), self);
  gtk_list_view_set_factory (self->search_view, factory);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
}

GkWindow *
gk_window_new (GkApplication *application)
{
  return g_object_new (GK_TYPE_WINDOW, "application", application, NULL);
}
