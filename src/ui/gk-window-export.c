/* The county workbook from the window: check, choose where, write without blocking, report.
 * The workbook itself is gk-export-xlsx's business; this file is only the conversation. */

#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-application.h"
#include "gk-domain-page.h"
#include "gk-export-xlsx.h"
#include "gk-validate.h"
#include "gk-window-private.h"

typedef struct
{
  GkWindow  *window;
  GFile     *target;
  GListModel *problems;
  gboolean   replace_locked;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->target);
  g_clear_object (&job->problems);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static void start_writing (ExportJob *job);

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GkExportSnapshot *snapshot = data;
  ExportJob *job = g_object_get_data (G_OBJECT (task), "gk-job");
  GError *error = NULL;

  if (gk_export_snapshot_write (snapshot, job->target, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportJob        *job)
{
  if (g_str_equal (response, "replace"))
    {
      job->replace_locked = TRUE;
      start_writing (job);
    }
  else
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (job->window), "win.export", TRUE);
      export_job_free (job);
    }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ExportJob *job = g_object_get_data (G_OBJECT (result), "gk-job");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->target);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) && !job->replace_locked)
        {
          /* The county's clerk has it open in WPS: say so, and let the officer decide. */
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (job->window), _("The Workbook Is Open"), error->message);
          g_object_steal_data (G_OBJECT (result), "gk-job");  /* the dialog keeps the job */
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                            "replace", _("_Replace Anyway"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
          g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), job);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      else
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (job->window), _("The Workbook Was Not Saved"),
                                                      error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);
      g_autofree char *uri = g_file_get_uri (job->target);
      AdwToast *toast = gk_toast_new_literal (message);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-export");
      adw_toast_set_action_target (toast, "s", uri);
      adw_toast_set_timeout (toast, 10);
      gk_window_add_toast (job->window, toast);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (job->window), "win.export", TRUE);
  gk_window_set_busy (job->window, FALSE);
}

static void
start_writing (ExportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) lines = gk_export_problem_lines (job->problems);
  GkExportSnapshot *snapshot;
  GkExportOptions options;
  guint n_errors = 0, n_warnings = 0;

  gk_validate_count (job->problems, &n_errors, &n_warnings);
  gk_export_options_init (&options);
  options.validated = TRUE;
  options.n_errors = n_errors;
  options.n_warnings = n_warnings;
  options.problems = (const char * const *) lines;
  options.replace_locked = job->replace_locked;

  /* Reading is quick and belongs to the catalogue's thread; writing may take a while. */
  snapshot = gk_export_snapshot_new (gk_window_get_catalogue (job->window), &options, &error);
  if (snapshot == NULL)
    {
      gk_window_add_toast (job->window, gk_toast_new_literal (error->message));
      gtk_widget_action_set_enabled (GTK_WIDGET (job->window), "win.export", TRUE);
      export_job_free (job);
      return;
    }

  gk_window_set_busy (job->window, TRUE);
  task = g_task_new (NULL, NULL, on_written, NULL);
  g_object_set_data_full (G_OBJECT (task), "gk-job", job, (GDestroyNotify) export_job_free);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) gk_export_snapshot_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
remember_folder (GkWindow *self,
                 GFile    *target)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = app != NULL ? gk_application_get_settings (GK_APPLICATION (app)) : NULL;
  g_autoptr(GFile) folder = g_file_get_parent (target);

  if (settings != NULL && folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);
      g_settings_set_string (settings, "last-export-folder", uri);
    }
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ExportJob       *job)
{
  g_autoptr(GFile) target = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (target == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (job->window), "win.export", TRUE);
      export_job_free (job);
      return;
    }
  remember_folder (job->window, target);
  job->target = g_steal_pointer (&target);
  start_writing (job);
}

static void
choose_target (ExportJob *job)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (job->window));
  GSettings *settings = app != NULL ? gk_application_get_settings (GK_APPLICATION (app)) : NULL;
  g_autofree char *name = gk_export_default_filename (gk_window_get_catalogue (job->window));
  g_autofree char *folder_uri = settings != NULL ? g_settings_get_string (settings, "last-export-folder") : NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the County Workbook"), GTK_WINDOW (job->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbook (.xlsx)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (folder_uri != NULL && *folder_uri != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (folder_uri);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_errors_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ExportJob        *job)
{
  if (g_str_equal (response, "export"))
    {
      choose_target (job);
      return;
    }
  if (g_str_equal (response, "review"))
    gk_window_show_overview (job->window);
  gtk_widget_action_set_enabled (GTK_WIDGET (job->window), "win.export", TRUE);
  export_job_free (job);
}

/* Export: if the validator finds errors, the officer sees how many and chooses to fix them
 * first or to send the workbook as it is. */
void
gk_window_export (GkWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExportJob) job = g_new0 (ExportJob, 1);
  guint n_errors = 0;

  gk_domain_page_flush (gk_window_get_domain_page (self));
  job->window = g_object_ref (self);
  job->problems = gk_validate_catalogue (gk_window_get_catalogue (self), &error);
  if (job->problems == NULL)
    {
      gk_window_add_toast (self, gk_toast_new_literal (error->message));
      return;
    }
  gk_validate_count (job->problems, &n_errors, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);

  if (n_errors > 0)
    {
      g_autofree char *body = g_strdup_printf (ngettext ("The catalogue has %u error. The county may send it back. "
                                                         "The errors are listed on the overview, and in the workbook’s 说明 sheet.",
                                                         "The catalogue has %u errors. The county may send it back. "
                                                         "The errors are listed on the overview, and in the workbook’s 说明 sheet.",
                                                         n_errors), n_errors);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export with Errors?"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "review", _("_Review Problems"), "export", _("_Export Anyway"), NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review", ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (on_errors_response), g_steal_pointer (&job));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  choose_target (g_steal_pointer (&job));
}

/* For tests and scripts: the same conversation without the file chooser. */
void
gk_window_export_to (GkWindow *self,
                     GFile    *target)
{
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  gk_domain_page_flush (gk_window_get_domain_page (self));
  job->window = g_object_ref (self);
  job->target = g_object_ref (target);
  job->problems = gk_validate_catalogue (gk_window_get_catalogue (self), &error);
  if (job->problems == NULL)
    job->problems = G_LIST_MODEL (g_list_store_new (GK_TYPE_PROBLEM));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  start_writing (job);
}
