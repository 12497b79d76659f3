/* The overview: the township profile, how far the catalogue has come, and what the county
 * would send back (the validation problems). */

#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-overview-page.h"
#include "gk-problem.h"
#include "gk-task.h"
#include "gk-validate.h"

/* The rows are plain widgets (not recycled), and a workspace early on can have hundreds of
 * problems: the officer fixes the first ones first, so the list stops here. */
#define MAX_PROBLEM_ROWS 200

/* Validation reads every item of the workspace: wait until the officer pauses. */
#define REVALIDATE_DELAY_MS 500

struct _GkOverviewPage
{
  AdwBin                parent_instance;

  GkCatalogue          *catalogue;
  GListModel           *domains;       /* the catalogue's, whose "notify" we follow */
  GListModel           *problems;      /* the last validation, errors first */
  GPtrArray            *problem_rows;  /* the rows of problem_list, in order */
  GtkWidget            *more_row;      /* "And 12 more problems", when there are */
  guint                 revalidate_id;

  AdwEntryRow          *profile_rows[GK_N_PROFILE_FIELDS];  /* NULL for fields not shown */

  AdwEntryRow          *township_row;
  AdwEntryRow          *county_row;
  AdwEntryRow          *compiled_by_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *year_row;
  GtkLabel             *profile_error_label;
  GtkLabel             *domains_label;
  GtkLevelBar          *domains_bar;
  GtkLabel             *items_label;
  GtkLevelBar          *items_bar;
  AdwPreferencesGroup  *deadlines_group;
  GtkListBox           *deadline_list;
  AdwPreferencesGroup  *problems_group;
  GtkButton            *revalidate_button;
  GtkListBox           *problem_list;
  GtkImage             *placeholder_icon;
  GtkLabel             *placeholder_label;
};

G_DEFINE_FINAL_TYPE (GkOverviewPage, gk_overview_page, ADW_TYPE_BIN)

enum { PROBLEM_ACTIVATED, TASK_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- errors ----------------------------------------------------------------------------- */


/* A refused edit: in a toast when the page sits in a toast overlay (the window), else under
 * the profile. The row is marked either way. */
static void
show_error (GkOverviewPage *self,
            GtkWidget      *row,
            const char     *message)
{
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  if (!gk_show_message (GTK_WIDGET (self), message))
    {
      gtk_label_set_text (self->profile_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->profile_error_label), TRUE);
    }
}

static void
clear_error (GkOverviewPage *self,
             GtkWidget      *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  g_object_set_data (G_OBJECT (row), "gk-refused", NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_error_label), FALSE);
}

/* ---- profile ---------------------------------------------------------------------------- */


static int
field_of_row (GkOverviewPage *self,
              AdwEntryRow    *row)
{
  for (int field = 0; field < GK_N_PROFILE_FIELDS; field++)
    if (self->profile_rows[field] == row)
      return field;
  return -1;
}

static void
save_profile_row (GkOverviewPage *self,
                  AdwEntryRow    *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *stored = NULL;
  int field = field_of_row (self, row);

  if (self->catalogue == NULL || field < 0)
    return;

  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  stored = gk_catalogue_get_profile (self->catalogue, field);
  if (g_strcmp0 (value, stored) != 0 &&
      !gk_catalogue_set_profile (self->catalogue, field, value, &error))
    {
      /* The store keeps the old value; the text stays for the officer to correct. */
      g_object_set_data_full (G_OBJECT (row), "gk-refused",
                              g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))), g_free);
      show_error (self, GTK_WIDGET (row), error->message);
      return;
    }

  clear_error (self, GTK_WIDGET (row));
  g_free (stored);
  stored = gk_catalogue_get_profile (self->catalogue, field);
  gk_entry_row_set_text_quietly (row, stored);
}

static void
on_profile_row_apply (AdwEntryRow    *row,
                      GkOverviewPage *self)
{
  save_profile_row (self, row);
}

/* Leaving a field saves it too, unless it holds the value just refused (one message is enough). */
static void
on_profile_row_leave (GtkEventControllerFocus *controller,
                      GkOverviewPage          *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  const char *refused = g_object_get_data (G_OBJECT (row), "gk-refused");

  if (refused != NULL && g_strcmp0 (refused, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return;
  save_profile_row (self, row);
}

/* Shows the stored profile, except in the field the officer is typing in. */
static void
sync_profile_rows (GkOverviewPage *self)
{
  for (int field = 0; field < GK_N_PROFILE_FIELDS; field++)
    {
      AdwEntryRow *row = self->profile_rows[field];
      g_autofree char *value = NULL;

      if (row == NULL ||
          (gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
        continue;
      value = gk_catalogue_get_profile (self->catalogue, field);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value) != 0)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
          g_object_set_data (G_OBJECT (row), "gk-refused", NULL);
          gk_entry_row_set_text_quietly (row, value);
        }
    }
}

/* ---- completion ------------------------------------------------------------------------- */

/* The one rule for "this domain is done", as the county reads the catalogue: a domain that
 * applies needs at least one item, every item complete and no errors; a domain marked as not
 * applicable (未涉及) needs a reason that is not blank. */
static gboolean
domain_is_done (GkDomain *domain)
{
  if (gk_domain_get_applicable (domain))
    return gk_domain_get_n_items (domain) > 0 &&
           gk_domain_get_n_complete (domain) == gk_domain_get_n_items (domain) &&
           gk_domain_get_n_errors (domain) == 0;

  for (const char *p = gk_domain_get_reason (domain); *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
update_completion (GkOverviewPage *self)
{
  guint n_domains = self->domains != NULL ? g_list_model_get_n_items (self->domains) : 0;
  guint n_done = 0, n_items = 0, n_complete = 0;
  g_autofree char *domains_text = NULL;
  g_autofree char *items_text = NULL;

  for (guint i = 0; i < n_domains; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (self->domains, i);

      n_done += domain_is_done (domain);
      if (gk_domain_get_applicable (domain))
        {
          n_items += gk_domain_get_n_items (domain);
          n_complete += gk_domain_get_n_complete (domain);
        }
    }

  /* TRANSLATORS: done and total counts, e.g. "12 / 26" */
  domains_text = g_strdup_printf (_("%u / %u"), n_done, n_domains);
  items_text = g_strdup_printf (_("%u / %u"), n_complete, n_items);
  gtk_label_set_text (self->domains_label, domains_text);
  gtk_label_set_text (self->items_label, items_text);
  gtk_level_bar_set_value (self->domains_bar, n_domains > 0 ? (double) n_done / n_domains : 0.0);
  gtk_level_bar_set_value (self->items_bar, n_items > 0 ? (double) MIN (n_complete, n_items) / n_items : 0.0);
}

/* ---- problems --------------------------------------------------------------------------- */

static void revalidate_now (GkOverviewPage *self);

static gboolean
revalidate_cb (gpointer data)
{
  GkOverviewPage *self = data;

  self->revalidate_id = 0;
  revalidate_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_revalidate (GkOverviewPage *self,
                     guint           delay_ms)
{
  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  /* Below GDK's redraw priority: the page is drawn before it is checked. */
  self->revalidate_id = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, revalidate_cb, self, NULL);
  g_source_set_name_by_id (self->revalidate_id, "[gongkai] overview revalidate");
}

/* Debounced: the check runs once the changes stop for a moment, and only while the page shows;
 * a hidden page checks again when it is shown. */
static void
queue_revalidate (GkOverviewPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_revalidate (self, REVALIDATE_DELAY_MS);
}

static GtkWidget *
create_problem_row (GkOverviewPage *self,
                    GkProblem      *problem)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gboolean is_error = gk_problem_get_severity (problem) == GK_SEVERITY_ERROR;
  const char *severity = is_error ? _("Error") : _("Warning");
  int number = gk_problem_get_domain_number (problem);
  const char *field = gk_problem_get_field (problem);
  GkDomain *domain = number > 0 ? gk_catalogue_get_domain (self->catalogue, number) : NULL;
  const char *where = domain != NULL ? gk_domain_get_name (domain) : _("Township profile");
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (field != NULL && *field != '\0')
    /* TRANSLATORS: where a problem is: a domain (or the township profile) and a column */
    subtitle = g_strdup_printf (_("%s · %s"), where, gk_validate_field_label (field));
  else
    subtitle = g_strdup (where);

  /* The messages quote the officer's text, which may hold < or &. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gk_problem_get_message (problem));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  icon = gtk_image_new_from_icon_name (is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, is_error ? "error" : "warning");
  gtk_widget_set_tooltip_text (icon, severity);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, severity, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Go to the problem"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  /* TRANSLATORS: severity and message of a problem, read by a screen reader */
  label = g_strdup_printf (_("%s: %s"), severity, gk_problem_get_message (problem));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  g_object_set_data_full (G_OBJECT (row), "gk-problem", g_object_ref (problem), g_object_unref);
  return row;
}

static void
clear_problem_rows (GkOverviewPage *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    gtk_list_box_remove (self->problem_list, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
  if (self->more_row != NULL && gtk_widget_get_parent (self->more_row) != NULL)
    gtk_list_box_remove (self->problem_list, self->more_row);
}

/* What makes two problems show the same row. */
static char *
problem_key (GkProblem *problem)
{
  return g_strdup_printf ("%d\x1f%s\x1f%d\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s",
                          (int) gk_problem_get_severity (problem), gk_problem_get_rule (problem),
                          gk_problem_get_domain_number (problem), gk_problem_get_item_id (problem),
                          gk_problem_get_field (problem) != NULL ? gk_problem_get_field (problem) : "",
                          gk_problem_get_message (problem));
}

/* An AdwActionRow costs about half a millisecond to build, so a check that finds (mostly) the
 * same problems keeps (most of) the rows it has. */
static void
show_problem_rows (GkOverviewPage *self)
{
  guint n = g_list_model_get_n_items (self->problems);
  g_autoptr(GHashTable) old_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean in_order;

  for (guint i = 0; i < self->problem_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->problem_rows, i);
      g_hash_table_insert (old_rows, g_object_get_data (G_OBJECT (row), "gk-problem-key"), row);
    }

  for (guint i = 0; i < MIN (n, MAX_PROBLEM_ROWS); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (self->problems, i);
      g_autofree char *key = problem_key (problem);
      GtkWidget *row = g_hash_table_lookup (old_rows, key);

      if (row != NULL)
        {
          g_hash_table_remove (old_rows, key);  /* two equal problems get two rows */
          g_object_ref (row);
          g_object_set_data_full (G_OBJECT (row), "gk-problem", g_object_ref (problem), g_object_unref);
        }
      else
        {
          row = g_object_ref_sink (create_problem_row (self, problem));
          g_object_set_data_full (G_OBJECT (row), "gk-problem-key", g_steal_pointer (&key), g_free);
        }
      g_ptr_array_add (rows, row);
    }

  /* The rows kept stay where they are (the focus with them); the others go, and the new ones
   * are put in their places. Problems come in a stable order, so the kept rows are in order. */
  in_order = TRUE;
  for (guint i = 0, last = 0; in_order && i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      guint position;

      if (gtk_widget_get_parent (row) == NULL)
        continue;
      in_order = g_ptr_array_find (self->problem_rows, row, &position) && (position >= last);
      last = position;
    }

  if (in_order)
    {
      g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < rows->len; i++)
        g_hash_table_add (kept, g_ptr_array_index (rows, i));
      for (guint i = 0; i < self->problem_rows->len; i++)
        if (!g_hash_table_contains (kept, g_ptr_array_index (self->problem_rows, i)))
          gtk_list_box_remove (self->problem_list, g_ptr_array_index (self->problem_rows, i));
      for (guint i = 0; i < rows->len; i++)
        if (gtk_widget_get_parent (g_ptr_array_index (rows, i)) == NULL)
          gtk_list_box_insert (self->problem_list, g_ptr_array_index (rows, i), (int) i);
    }
  else
    {
      clear_problem_rows (self);
      for (guint i = 0; i < rows->len; i++)
        gtk_list_box_append (self->problem_list, g_ptr_array_index (rows, i));
    }
  g_ptr_array_set_size (self->problem_rows, 0);
  g_ptr_array_extend_and_steal (self->problem_rows, g_steal_pointer (&rows));

  if (n > MAX_PROBLEM_ROWS)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("And %u more problem", "And %u more problems",
                                                          n - MAX_PROBLEM_ROWS), n - MAX_PROBLEM_ROWS);

      if (self->more_row == NULL)
        {
          self->more_row = g_object_ref_sink (adw_action_row_new ());
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->more_row),
                                       _("Fix the ones above, or open a domain to see its own problems."));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_row), FALSE);
          gtk_widget_add_css_class (self->more_row, "dim-label");
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->more_row), title);
      if (gtk_widget_get_parent (self->more_row) == NULL)
        gtk_list_box_append (self->problem_list, self->more_row);
    }
  else if (self->more_row != NULL && gtk_widget_get_parent (self->more_row) != NULL)
    gtk_list_box_remove (self->problem_list, self->more_row);
}

static void
show_problems (GkOverviewPage *self)
{
  guint n = g_list_model_get_n_items (self->problems);
  guint n_errors, n_warnings;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *description = NULL;

  show_problem_rows (self);

  gtk_label_set_text (self->placeholder_label, _("No problems found"));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_icon), TRUE);

  if (n == 0)
    {
      adw_preferences_group_set_description (self->problems_group, NULL);
      return;
    }
  gk_validate_count (self->problems, &n_errors, &n_warnings);
  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  /* TRANSLATORS: "3 errors, 5 warnings" */
  description = g_strdup_printf (_("%s, %s"), errors, warnings);
  adw_preferences_group_set_description (self->problems_group, description);
}

/* Errors first, then warnings, each in the order the rules found them. */
static GListModel *
sort_problems (GListModel *problems)
{
  GListStore *sorted = g_list_store_new (GK_TYPE_PROBLEM);
  guint n = g_list_model_get_n_items (problems);
  g_autoptr(GPtrArray) all = g_ptr_array_new_full (n, g_object_unref);
  guint n_errors = 0;

  for (guint i = 0; i < n; i++)
    {
      GkProblem *problem = g_list_model_get_item (problems, i);

      if (gk_problem_get_severity (problem) == GK_SEVERITY_ERROR)
        g_ptr_array_insert (all, (int) n_errors++, problem);
      else
        g_ptr_array_add (all, problem);
    }
  g_list_store_splice (sorted, 0, 0, all->pdata, all->len);
  return G_LIST_MODEL (sorted);
}

static void
revalidate_now (GkOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) problems = NULL;

  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  if (self->catalogue == NULL)
    return;

  problems = gk_validate_catalogue (self->catalogue, &error);
  if (problems == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The catalogue cannot be checked: %s"), error->message);

      g_clear_object (&self->problems);
      clear_problem_rows (self);
      gtk_label_set_text (self->placeholder_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->placeholder_icon), FALSE);
      adw_preferences_group_set_description (self->problems_group, NULL);
      return;
    }

  g_clear_object (&self->problems);
  self->problems = sort_problems (problems);
  show_problems (self);
}

static void
on_problem_row_activated (GkOverviewPage *self,
                          GtkListBoxRow  *row)
{
  GkProblem *problem = g_object_get_data (G_OBJECT (row), "gk-problem");

  if (problem != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, problem);
}

static void
on_revalidate_clicked (GkOverviewPage *self)
{
  gk_overview_page_revalidate (self);
}

/* ---- catalogue -------------------------------------------------------------------------- */

static void
on_domain_notify (GkDomain       *domain,
                  GParamSpec     *pspec,
                  GkOverviewPage *self)
{
  update_completion (self);
  queue_revalidate (self);
}

static void
connect_domains (GkOverviewPage *self,
                 guint           position,
                 guint           n_added)
{
  for (guint i = position; i < position + n_added; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (self->domains, i);
      g_signal_connect_object (domain, "notify", G_CALLBACK (on_domain_notify), self, 0);
    }
}

static void
on_domains_changed (GkOverviewPage *self,
                    guint           position,
                    guint           removed,
                    guint           added,
                    GListModel     *domains)
{
  connect_domains (self, position, added);
  update_completion (self);
  queue_revalidate (self);
}

static void
on_profile_changed (GkOverviewPage *self)
{
  sync_profile_rows (self);
  queue_revalidate (self);
}

static void
disconnect_catalogue (GkOverviewPage *self)
{
  if (self->domains != NULL)
    {
      guint n = g_list_model_get_n_items (self->domains);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GkDomain) domain = g_list_model_get_item (self->domains, i);
          g_signal_handlers_disconnect_by_data (domain, self);
        }
      g_signal_handlers_disconnect_by_data (self->domains, self);
      g_clear_object (&self->domains);
    }
  if (self->catalogue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->catalogue, self);
      g_clear_object (&self->catalogue);
    }
}

/* ---- public ----------------------------------------------------------------------------- */

GtkWidget *
gk_overview_page_new (void)
{
  return g_object_new (GK_TYPE_OVERVIEW_PAGE, NULL);
}

void
gk_overview_page_set_catalogue (GkOverviewPage *self,
                                GkCatalogue    *catalogue)
{
  g_return_if_fail (GK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (catalogue == NULL || GK_IS_CATALOGUE (catalogue));

  if (self->catalogue == catalogue)
    return;

  disconnect_catalogue (self);
  g_clear_object (&self->problems);
  clear_problem_rows (self);
  adw_preferences_group_set_description (self->problems_group, NULL);
  gtk_label_set_text (self->placeholder_label, _("Checking the catalogue…"));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_icon), FALSE);
  if (catalogue == NULL)
    return;

  self->catalogue = g_object_ref (catalogue);
  self->domains = g_object_ref (gk_catalogue_get_domains (catalogue));
  connect_domains (self, 0, g_list_model_get_n_items (self->domains));
  g_signal_connect_object (self->domains, "items-changed", G_CALLBACK (on_domains_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (catalogue, "profile-changed", G_CALLBACK (on_profile_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (catalogue, "items-changed", G_CALLBACK (queue_revalidate), self,
                           G_CONNECT_SWAPPED);

  for (int field = 0; field < GK_N_PROFILE_FIELDS; field++)
    if (self->profile_rows[field] != NULL)
      {
        g_autofree char *value = gk_catalogue_get_profile (catalogue, field);
        clear_error (self, GTK_WIDGET (self->profile_rows[field]));
        gk_entry_row_set_text_quietly (self->profile_rows[field], value);
      }
  update_completion (self);

  /* The first check waits for the page to be drawn, so opening a workspace stays quick. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_revalidate (self, 0);
}

static char *
string_property (GObject    *object,
                 const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  char *value = NULL;

  if (pspec != NULL && pspec->value_type == G_TYPE_STRING && (pspec->flags & G_PARAM_READABLE))
    g_object_get (object, name, &value, NULL);
  return value;
}

static void
on_deadline_activated (AdwActionRow   *row,
                       GkOverviewPage *self)
{
  g_signal_emit (self, signals[TASK_ACTIVATED], 0,
                 (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "gk-task-id")));
}

/* A task: its deadline and what is left, in red when overdue; it opens the task list. */
static GtkWidget *
create_task_row (GkTask         *task,
                 GkOverviewPage *self)
{
  GtkWidget *row = adw_action_row_new ();
  const char *deadline = gk_task_get_deadline_text (task);
  int remaining = gk_task_get_remaining_workdays (task);
  g_autofree char *left = NULL;
  g_autofree char *subtitle = NULL;

  if (gk_task_get_overdue (task))
    left = g_strdup_printf (ngettext ("overdue by %d working day", "overdue by %d working days", -remaining), -remaining);
  else
    left = g_strdup_printf (ngettext ("%d working day left", "%d working days left", remaining), remaining);
  /* TRANSLATORS: deadline, responsible departments, working days left */
  subtitle = g_strdup_printf (_("Due %s · %s · %s"), deadline != NULL ? deadline : "—",
                              *gk_task_get_departments (task) ? gk_task_get_departments (task) : _("no department"), left);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gk_task_get_title (task));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  if (gk_task_get_overdue (task))
    gtk_widget_add_css_class (row, "error");
  g_object_set_data (G_OBJECT (row), "gk-task-id", GSIZE_TO_POINTER ((gsize) gk_task_get_id (task)));
  g_signal_connect (row, "activated", G_CALLBACK (on_deadline_activated), self);
  return row;
}

static GtkWidget *
create_deadline_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *row;

  if (GK_IS_TASK (item))
    return create_task_row (GK_TASK (item), user_data);
  row = adw_action_row_new ();
  g_autofree char *title = string_property (item, "title");
  g_autofree char *subtitle = string_property (item, "subtitle");

  if (title == NULL)
    title = string_property (item, "string");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/**
 * gk_overview_page_set_deadlines:
 * @tasks: (nullable): the next tasks, or %NULL to hide the group
 *
 * A place for the next deadlines until the task list exists: each item shows its "title"
 * string property (or the "string" of a #GtkStringObject) and its "subtitle", if it has one.
 */
void
gk_overview_page_set_deadlines (GkOverviewPage *self,
                                GListModel     *tasks)
{
  g_return_if_fail (GK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (tasks == NULL || G_IS_LIST_MODEL (tasks));

  gtk_list_box_bind_model (self->deadline_list, tasks, tasks != NULL ? create_deadline_row : NULL,
                           self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->deadlines_group), tasks != NULL);
}

/* Puts the keyboard in the profile field named by @key (a GkProblem's field, e.g.
 * "compiled_by"); FALSE when the page has no such field. */
gboolean
gk_overview_page_focus_profile_field (GkOverviewPage *self,
                                      const char     *key)
{
  int field;

  g_return_val_if_fail (GK_IS_OVERVIEW_PAGE (self), FALSE);

  field = key != NULL ? gk_profile_field_from_key (key) : -1;
  if (field < 0 || self->profile_rows[field] == NULL)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->profile_rows[field]));
}

/* Checks the catalogue now rather than after the pause (the refresh button; tests). */
void
gk_overview_page_revalidate (GkOverviewPage *self)
{
  g_return_if_fail (GK_IS_OVERVIEW_PAGE (self));
  revalidate_now (self);
}

/* ---- class ------------------------------------------------------------------------------ */

static void
gk_overview_page_map (GtkWidget *widget)
{
  GkOverviewPage *self = GK_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (gk_overview_page_parent_class)->map (widget);

  /* Items edited on the domain pages change no count here; check again whenever the page is
   * shown, after it has been drawn. */
  if (self->catalogue != NULL)
    schedule_revalidate (self, self->problems == NULL ? 0 : REVALIDATE_DELAY_MS / 5);
}

static void
gk_overview_page_unmap (GtkWidget *widget)
{
  GkOverviewPage *self = GK_OVERVIEW_PAGE (widget);

  /* Hidden, the page does not check; it checks again when shown. */
  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  GTK_WIDGET_CLASS (gk_overview_page_parent_class)->unmap (widget);
}

static void
gk_overview_page_dispose (GObject *object)
{
  GkOverviewPage *self = GK_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  disconnect_catalogue (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_object (&self->more_row);
  g_clear_object (&self->problems);

  G_OBJECT_CLASS (gk_overview_page_parent_class)->dispose (object);
}

static void
gk_overview_page_class_init (GkOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_overview_page_dispose;
  widget_class->map = gk_overview_page_map;
  widget_class->unmap = gk_overview_page_unmap;

  /**
   * GkOverviewPage::problem-activated:
   * @problem: the #GkProblem the officer chose
   *
   * The window shows the domain, item and field that @problem names.
   */
  signals[PROBLEM_ACTIVATED] =
    g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GK_TYPE_PROBLEM);
  /**
   * GkOverviewPage::task-activated:
   * @task_id: the task chosen among the next deadlines
   */
  signals[TASK_ACTIVATED] =
    g_signal_new ("task-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, township_row);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, county_row);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, compiled_by_row);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, profile_error_label);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, domains_label);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, domains_bar);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, items_label);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, items_bar);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, deadline_list);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, revalidate_button);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, problem_list);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, placeholder_icon);
  gtk_widget_class_bind_template_child (widget_class, GkOverviewPage, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_row_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_revalidate_clicked);
}

static void
gk_overview_page_init (GkOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->problem_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->profile_rows[GK_PROFILE_TOWNSHIP] = self->township_row;
  self->profile_rows[GK_PROFILE_COUNTY] = self->county_row;
  self->profile_rows[GK_PROFILE_COMPILED_BY] = self->compiled_by_row;
  self->profile_rows[GK_PROFILE_PHONE] = self->phone_row;
  self->profile_rows[GK_PROFILE_YEAR] = self->year_row;

  for (int field = 0; field < GK_N_PROFILE_FIELDS; field++)
    if (self->profile_rows[field] != NULL)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect_object (focus, "leave", G_CALLBACK (on_profile_row_leave), self, 0);
        gtk_widget_add_controller (GTK_WIDGET (self->profile_rows[field]), focus);
      }

  gtk_label_set_text (self->placeholder_label, _("Checking the catalogue…"));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_icon), FALSE);
}
