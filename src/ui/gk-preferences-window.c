/* GkPreferencesWindow: the holidays of each year (view, add, replace, remove) and the reminders.
 *
 * The holidays are the calendar's of the task list (gk_tasks_get_calendar), so that deadlines
 * counted in working days follow a change at once. */
#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-preferences-window.h"
#include "gk-reminders.h"
#include "gk-ui-util.h"

#define MIN_YEAR 2000
#define MAX_YEAR 2100

struct _GkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GkTasks              *tasks;
  GSettings            *settings;
  GPtrArray            *year_rows;

  AdwPreferencesPage   *holidays_page;
  AdwPreferencesGroup  *years_group;
  AdwActionRow         *reminders_row;
  GtkSwitch            *reminders_switch;
  AdwActionRow         *remind_now_row;
};

G_DEFINE_FINAL_TYPE (GkPreferencesWindow, gk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (GkPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), gk_toast_new_literal (message));
}

static GkCalendar *
calendar_of (GkPreferencesWindow *self)
{
  return gk_tasks_get_calendar (self->tasks);
}

static int
today_year (GkPreferencesWindow *self)
{
  return g_date_get_year (gk_tasks_get_today (self->tasks));
}

/* ---- the years -------------------------------------------------------------------------- */

static const char *
kind_label (GkDayKind kind)
{
  return kind == GK_DAY_WORKDAY ? _("Make-up working day") : _("Holiday");
}

/* The days of a schedule as runs of consecutive days of one kind and name (春节: 8 days). */
static void
add_day_rows (AdwExpanderRow *expander,
              GPtrArray      *days)
{
  guint i = 0;

  while (i < days->len)
    {
      GkCalendarDay *first = g_ptr_array_index (days, i);
      GkCalendarDay *last = first;
      g_autofree char *start = gk_date_to_string (&first->date);
      g_autofree char *end = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      guint n = 1;

      while (i + n < days->len)
        {
          GkCalendarDay *next = g_ptr_array_index (days, i + n);
          if (next->kind != first->kind || g_strcmp0 (next->name, first->name) != 0 ||
              g_date_days_between (&last->date, &next->date) != 1)
            break;
          last = next;
          n++;
        }
      if (n > 1)
        {
          end = gk_date_to_string (&last->date);
          /* TRANSLATORS: first day – last day · Holiday, 8 days */
          subtitle = g_strdup_printf (ngettext ("%s – %s · %s, %u day", "%s – %s · %s, %u days", n),
                                      start, end, kind_label (first->kind), n);
        }
      else
        subtitle = g_strdup_printf ("%s · %s", start, kind_label (first->kind));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     first->name != NULL && *first->name != '\0' ? first->name
                                                                                  : kind_label (first->kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (first->kind == GK_DAY_WORKDAY)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-system-symbolic"));
      else
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("weather-clear-symbolic"));
      adw_expander_row_add_row (expander, row);
      i += n;
    }
}

/* The dates are listed when the year is opened the first time: seven years are 200 rows. */
static void
on_year_expanded (AdwExpanderRow      *expander,
                  GParamSpec          *pspec,
                  GkPreferencesWindow *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "gk-year"));
  g_autoptr(GPtrArray) days = NULL;

  if (!adw_expander_row_get_expanded (expander) || g_object_get_data (G_OBJECT (expander), "gk-filled"))
    return;
  g_object_set_data (G_OBJECT (expander), "gk-filled", GINT_TO_POINTER (TRUE));
  days = gk_calendar_get_days (calendar_of (self), year);
  add_day_rows (expander, days);
}

static GtkWidget *
action_button (const char *icon,
               const char *tooltip,
               const char *action,
               int         year)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (year));
  return button;
}

static GtkWidget *
create_year_row (GkPreferencesWindow *self,
                 int                  year)
{
  GkCalendar *calendar = calendar_of (self);
  GkCalendarSource source = gk_calendar_get_year_source (calendar, year);
  g_autofree char *title = g_strdup_printf ("%d", year);
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_tip = NULL;
  g_autoptr(GPtrArray) days = NULL;
  guint holidays = 0, workdays = 0;
  const char *origin;
  GtkWidget *row;

  if (source == GK_CALENDAR_SOURCE_NONE)
    {
      g_autofree char *add_tip = g_strdup_printf (_("Add the holidays of %d"), year);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *button = gtk_button_new_with_label (_("Add…"));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("No official schedule: working days are counted as Monday to Friday and may be wrong."));
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, add_tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_tip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.add-year");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (year));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      return row;
    }

  days = gk_calendar_get_days (calendar, year);
  for (guint i = 0; i < days->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (days, i);
      if (day->kind == GK_DAY_WORKDAY)
        workdays++;
      else
        holidays++;
    }
  origin = source == GK_CALENDAR_SOURCE_BUILTIN ? _("built in")
           : gk_calendar_has_builtin_year (calendar, year) ? _("entered by you, in place of the built-in one")
           : _("entered by you");
  /* TRANSLATORS: e.g. "248 working days · 28 holidays · 6 make-up working days · built in" */
  counts = g_strdup_printf (ngettext ("%u working day", "%u working days", gk_calendar_count_year (calendar, year)),
                            gk_calendar_count_year (calendar, year));
  {
    g_autofree char *h = g_strdup_printf (ngettext ("%u holiday", "%u holidays", holidays), holidays);
    g_autofree char *w = g_strdup_printf (ngettext ("%u make-up working day", "%u make-up working days", workdays),
                                          workdays);
    subtitle = g_strdup_printf ("%s · %s · %s · %s", counts, h, w, origin);
  }

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "gk-year", GINT_TO_POINTER (year));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_year_expanded), self, 0);

  edit_tip = g_strdup_printf (_("Edit the holidays of %d"), year);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               action_button ("document-edit-symbolic", edit_tip, "prefs.edit-year", year));
  if (source == GK_CALENDAR_SOURCE_USER)
    {
      g_autofree char *remove_tip = g_strdup_printf (_("Remove your holidays of %d"), year);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   action_button ("user-trash-symbolic", remove_tip, "prefs.remove-year", year));
    }
  return row;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static gboolean
contains (GArray *years,
          int     year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  return FALSE;
}

/* Every year with a schedule, and this year and the next even without one: those are the
 * years whose deadlines are being counted now. */
static void
fill_years (GkPreferencesWindow *self)
{
  g_autoptr(GArray) years = NULL;

  for (guint i = 0; i < self->year_rows->len; i++)
    adw_preferences_group_remove (self->years_group, g_ptr_array_index (self->year_rows, i));
  g_ptr_array_set_size (self->year_rows, 0);
  if (self->tasks == NULL)
    return;

  years = gk_calendar_list_years (calendar_of (self));
  for (int year = today_year (self); year <= today_year (self) + 1; year++)
    if (!contains (years, year))
      g_array_append_val (years, year);
  g_array_sort (years, compare_ints);

  /* The newest first: that is the year being worked on. */
  for (guint i = years->len; i > 0; i--)
    {
      GtkWidget *row = create_year_row (self, g_array_index (years, int, i - 1));
      adw_preferences_group_add (self->years_group, row);
      g_ptr_array_add (self->year_rows, row);
    }
}

/* ---- the year dialog -------------------------------------------------------------------- */

static void
show_dialog_error (GtkWindow    *dialog,
                   const GError *error)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (dialog), "gk-error");

  gtk_label_set_text (label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
saved_year (GtkWindow *dialog,
            int        year)
{
  GkPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "gk-preferences");
  g_autofree char *message = g_strdup_printf (_("Saved the holidays of %d"), year);

  toast (self, message);
  gtk_window_destroy (dialog);
}

static int
dialog_year (GtkWindow *dialog)
{
  return gtk_spin_button_get_value_as_int (g_object_get_data (G_OBJECT (dialog), "gk-year"));
}

static void
on_save_clicked (GtkButton *button,
                 GtkWindow *dialog)
{
  GkPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "gk-preferences");
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "gk-days");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  GtkTextIter start, end;
  int year;

  gtk_spin_button_update (g_object_get_data (G_OBJECT (dialog), "gk-year"));
  year = dialog_year (dialog);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Paste the holidays and make-up working days of %d first, or import a file."), year);
      show_dialog_error (dialog, error);
      return;
    }
  if (!gk_calendar_set_user_year (calendar_of (self), year, text, &error))
    {
      show_dialog_error (dialog, error);
      return;
    }
  saved_year (dialog, year);
}

static gboolean
on_save_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  on_save_clicked (NULL, GTK_WINDOW (widget));
  return TRUE;
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                GtkWindow       *dialog)
{
  GkPreferencesWindow *self = g_object_get_data (G_OBJECT (dialog), "gk-preferences");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int year = dialog_year (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  if (!gk_calendar_set_user_year_from_file (calendar_of (self), year, file, &error))
    {
      show_dialog_error (dialog, error);
      return;
    }
  saved_year (dialog, year);
}

static void
on_import_clicked (GtkButton *button,
                   GtkWindow *dialog)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  gtk_spin_button_update (g_object_get_data (G_OBJECT (dialog), "gk-year"));
  chooser = gtk_file_chooser_native_new (_("Import Holidays"), dialog, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Holiday tables (.tsv)"));
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (any, _("All files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen), dialog, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The year's schedule in the form the dialog reads: one day a line, tab-separated. */
static char *
schedule_text (GkCalendar *calendar,
               int         year)
{
  g_autoptr(GPtrArray) days = gk_calendar_get_days (calendar, year);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < days->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (days, i);
      g_autofree char *date = gk_date_to_string (&day->date);

      g_string_append_printf (text, "%s\t%s\t%s\n", date, day->kind == GK_DAY_WORKDAY ? "workday" : "holiday",
                              day->name != NULL ? day->name : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_dialog_year_changed (GtkSpinButton *spin,
                        GtkWindow     *dialog)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *title = g_strdup_printf (_("Holidays of %d"), year);

  gtk_window_set_title (dialog, title);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "gk-error"), FALSE);
}

/**
 * gk_preferences_window_edit_year:
 * @year: the year, or 0 for the first year from this one that has no schedule
 *
 * The dialog to add a year's holidays or replace them: pasted lines ("2027-02-05..2027-02-11
 * holiday 春节", tab- or space-separated) or a TSV file of the built-in table's format. An
 * error names its line and stays in the dialog until it is fixed.
 *
 * Returns: (transfer none): the dialog
 */
GtkWindow *
gk_preferences_window_edit_year (GkPreferencesWindow *self,
                                 int                  year)
{
  GkCalendar *calendar;
  GtkWidget *dialog, *header, *cancel, *save, *box, *year_box, *year_label, *spin, *hint, *example;
  GtkWidget *scrolled, *view, *error, *import;
  GtkEventController *shortcuts;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GK_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (self->tasks != NULL, NULL);

  calendar = calendar_of (self);
  if (year == 0)
    for (year = today_year (self); year < MAX_YEAR && gk_calendar_has_year (calendar, year); year++)
      ;
  year = CLAMP (year, MIN_YEAR, MAX_YEAR);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "holidays");

  dialog = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 600);
  g_object_set_data (G_OBJECT (dialog), "gk-preferences", self);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_set_name (save, "save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);

  year_label = gtk_label_new_with_mnemonic (_("_Year"));
  spin = gtk_spin_button_new_with_range (MIN_YEAR, MAX_YEAR, 1);
  gtk_widget_set_name (spin, "year");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), year);
  gtk_label_set_mnemonic_widget (GTK_LABEL (year_label), spin);
  year_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (year_box), year_label);
  gtk_box_append (GTK_BOX (year_box), spin);

  hint = gtk_label_new_with_mnemonic (_("Paste the _holidays and make-up working days from the State Council’s notice, one day or run of days a line: the date (or first..last), “holiday” or “workday” (休 or 班), and the name, separated by tabs or spaces. The whole year is replaced."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  example = gtk_label_new ("2027-02-05..2027-02-11\tholiday\t春节\n2027-02-14\tworkday\t调休上班");
  gtk_label_set_xalign (GTK_LABEL (example), 0);
  gtk_label_set_selectable (GTK_LABEL (example), TRUE);
  gtk_widget_add_css_class (example, "monospace");
  gtk_widget_add_css_class (example, "dim-label");

  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "days");
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_label_set_mnemonic_widget (GTK_LABEL (hint), view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Holidays and make-up working days"), -1);
  text = gk_calendar_has_year (calendar, year) ? schedule_text (calendar, year) : NULL;
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  error = gtk_label_new (NULL);
  gtk_widget_set_name (error, "error");
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_selectable (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (error), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);

  import = gtk_button_new_with_mnemonic (_("_Import a TSV File…"));
  gtk_widget_set_name (import, "import");
  gtk_widget_set_halign (import, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (import, _("A file in the format of the built-in table: date, kind, name, separated by tabs, with a header line"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), year_box);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), example);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (GTK_BOX (box), import);

  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_box_append (GTK_BOX (content), header);
    gtk_box_append (GTK_BOX (content), box);
    adw_window_set_content (ADW_WINDOW (dialog), content);
  }

  g_object_set_data (G_OBJECT (dialog), "gk-year", spin);
  g_object_set_data (G_OBJECT (dialog), "gk-days", view);
  g_object_set_data (G_OBJECT (dialog), "gk-error", error);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked), dialog);
  g_signal_connect (import, "clicked", G_CALLBACK (on_import_clicked), dialog);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_dialog_year_changed), dialog);
  on_dialog_year_changed (GTK_SPIN_BUTTON (spin), GTK_WINDOW (dialog));

  /* Escape cancels, Ctrl+S saves. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_save_shortcut, NULL, NULL)));
  gtk_widget_add_controller (dialog, shortcuts);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
  return GTK_WINDOW (dialog);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
add_year (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  gk_preferences_window_edit_year (GK_PREFERENCES_WINDOW (widget), g_variant_get_int32 (parameter));
}

static void
on_remove_response (AdwMessageDialog    *dialog,
                    const char          *response,
                    GkPreferencesWindow *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "gk-year"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || self->tasks == NULL)
    return;
  if (!gk_calendar_remove_user_year (calendar_of (self), year, &error))
    toast (self, error->message);
}

static void
remove_year (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkPreferencesWindow *self = GK_PREFERENCES_WINDOW (widget);
  int year = g_variant_get_int32 (parameter);
  g_autofree char *heading = g_strdup_printf (_("Remove Your Holidays of %d?"), year);
  g_autofree char *body = gk_calendar_has_builtin_year (calendar_of (self), year)
    ? g_strdup_printf (_("The built-in schedule of %d is used again."), year)
    : g_strdup_printf (_("Working days in %d will be counted as Monday to Friday."), year);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "gk-year", GINT_TO_POINTER (year));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remind_now (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GkPreferencesWindow *self = GK_PREFERENCES_WINDOW (widget);
  GApplication *app = g_application_get_default ();
  g_autofree char *message = NULL;
  guint n;

  if (app == NULL || self->tasks == NULL)
    return;
  n = gk_reminders_check (app, self->tasks, self->settings, TRUE);
  message = n == 0 ? g_strdup (_("No task is overdue or due within 7 days."))
                   : g_strdup_printf (ngettext ("The reminder lists %u task.", "The reminder lists %u tasks.", n), n);
  toast (self, message);
}

/* ---- the object ------------------------------------------------------------------------- */

static void
gk_preferences_window_dispose (GObject *object)
{
  GkPreferencesWindow *self = GK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->tasks);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gk_preferences_window_parent_class)->dispose (object);
}

static void
gk_preferences_window_finalize (GObject *object)
{
  GkPreferencesWindow *self = GK_PREFERENCES_WINDOW (object);

  g_ptr_array_unref (self->year_rows);

  G_OBJECT_CLASS (gk_preferences_window_parent_class)->finalize (object);
}

static void
gk_preferences_window_class_init (GkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_preferences_window_dispose;
  object_class->finalize = gk_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GkPreferencesWindow, holidays_page);
  gtk_widget_class_bind_template_child (widget_class, GkPreferencesWindow, years_group);
  gtk_widget_class_bind_template_child (widget_class, GkPreferencesWindow, reminders_row);
  gtk_widget_class_bind_template_child (widget_class, GkPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, GkPreferencesWindow, remind_now_row);

  gtk_widget_class_install_action (widget_class, "prefs.add-year", "i", add_year);
  gtk_widget_class_install_action (widget_class, "prefs.edit-year", "i", add_year);
  gtk_widget_class_install_action (widget_class, "prefs.remove-year", "i", remove_year);
  gtk_widget_class_install_action (widget_class, "prefs.remind-now", NULL, remind_now);
}

static void
gk_preferences_window_init (GkPreferencesWindow *self)
{
  self->year_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gk_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the application's settings (gk_reminders_get_settings())
 *
 * Returns: (transfer none): a new preferences window, to present
 */
GtkWindow *
gk_preferences_window_new (GtkWindow *parent,
                           GkTasks   *tasks,
                           GSettings *settings)
{
  GkPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GK_IS_TASKS (tasks), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GK_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->tasks = g_object_ref (tasks);
  g_signal_connect_object (gk_tasks_get_calendar (tasks), "changed", G_CALLBACK (fill_years), self,
                           G_CONNECT_SWAPPED);
  fill_years (self);

  if (settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "reminders"))
        {
          self->settings = g_object_ref (settings);
          g_settings_bind (settings, "reminders", self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);
        }
    }
  if (self->settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->reminders_switch), FALSE);
      adw_action_row_set_subtitle (self->reminders_row,
                                   _("Reminders are always on here: the application’s settings are not installed."));
    }
  g_object_bind_property (self->reminders_switch, "active", self->remind_now_row, "sensitive", G_BINDING_SYNC_CREATE);
  if (g_application_get_default () == NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->remind_now_row), FALSE);
  return GTK_WINDOW (self);
}
