#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-application.h"
#include "gk-preferences-window.h"
#include "gk-reminders.h"
#include "gk-window.h"

struct _GkApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  char           *workspace;
  char           *domain;
  gboolean        exit_after_startup;
  guint           reminder_source;
  GThread        *open_thread;  /* opens the workspace while GTK starts */
};

/* The workspace is opened on a thread of its own while GTK and libadwaita start up (about
 * 150 ms that need no catalogue): the window then finds it open instead of waiting for it. */
typedef struct
{
  char        *path;
  GkCatalogue *catalogue;
  GError      *error;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_clear_object (&job->catalogue);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenJob, open_job_free)

static gpointer
open_in_thread (gpointer data)
{
  OpenJob *job = data;

  job->catalogue = gk_catalogue_open (job->path, TRUE, &job->error);
  return job;
}

static char *
workspace_path (GkApplication *self)
{
  return self->workspace != NULL ? g_strdup (self->workspace) : gk_catalogue_default_path ();
}

static void
start_opening (GkApplication *self)
{
  OpenJob *job = g_new0 (OpenJob, 1);

  job->path = workspace_path (self);
  self->open_thread = g_thread_new ("gk-open", open_in_thread, job);
}

/* The catalogue the first window shows: the one the thread opened, or (later windows) a new one. */
static GkCatalogue *
finish_opening (GkApplication  *self,
                char          **path,
                GError        **error)
{
  g_autoptr(OpenJob) job = NULL;

  if (self->open_thread == NULL)
    {
      *path = workspace_path (self);
      return gk_catalogue_open (*path, TRUE, error);
    }
  job = g_thread_join (g_steal_pointer (&self->open_thread));
  *path = g_steal_pointer (&job->path);
  if (job->catalogue == NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  return g_steal_pointer (&job->catalogue);
}

G_DEFINE_FINAL_TYPE (GkApplication, gk_application, ADW_TYPE_APPLICATION)

GkApplication *
gk_application_new (void)
{
  return g_object_new (GK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/gongkai/Gongkai",
                       NULL);
}

/* The settings, or NULL when the schema is not installed (running from a build tree without
 * its environment): the app works, it only forgets the window size. */
GSettings *
gk_application_get_settings (GkApplication *self)
{
  g_return_val_if_fail (GK_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_window_mapped (GtkWidget    *window,
                  GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

/* After the first frame: the daily copy must not delay the window. */
static gboolean
backup_when_idle (gpointer data)
{
  g_autoptr(GkCatalogue) catalogue = data;
  g_autoptr(GError) error = NULL;

  if (!gk_db_backup_daily (gk_catalogue_get_db (catalogue), NULL, &error))
    g_message ("No daily backup: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
gk_application_activate (GApplication *app)
{
  GkApplication *self = GK_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *path = NULL;
  GkWindow *window;

  catalogue = finish_opening (self, &path, &error);
  window = gk_window_new (self);
  if (catalogue != NULL)
    {
      GkDomain *domain = self->domain != NULL ? gk_catalogue_find_domain (catalogue, self->domain) : NULL;

      /* Asked for a domain: the window opens on it, without building the page it left off on. */
      if (domain != NULL)
        gk_window_set_start_page (window, gk_domain_get_number (domain));
      gk_window_set_catalogue (window, catalogue);
    }
  else
    gk_window_show_error (window, path, error);

  if (self->exit_after_startup)
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);

  gtk_window_present (GTK_WINDOW (window));

  if (catalogue != NULL && !self->exit_after_startup)
    g_idle_add_full (G_PRIORITY_LOW, backup_when_idle, g_object_ref (catalogue), NULL);

  /* Overdue and due-soon tasks: at start-up, then once a day while Gongkai runs. */
  if (catalogue != NULL && gk_window_get_tasks (window) != NULL && !self->exit_after_startup &&
      self->reminder_source == 0)
    self->reminder_source = gk_reminders_schedule (app, gk_window_get_tasks (window), self->settings);
}

static GkWindow *
main_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_application_activate (app);
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }
  return GK_IS_WINDOW (window) ? GK_WINDOW (window) : NULL;
}

static void
show_tasks (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  GkWindow *window = main_window (G_APPLICATION (user_data));

  if (window == NULL)
    return;
  gk_window_show_tasks (window, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
show_preferences (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GkApplication *self = GK_APPLICATION (user_data);
  GkWindow *window = main_window (G_APPLICATION (self));
  GtkWindow *preferences;

  if (window == NULL || gk_window_get_tasks (window) == NULL)
    return;
  preferences = gk_preferences_window_new (GTK_WINDOW (window), gk_window_get_tasks (window), self->settings);
  gtk_window_present (preferences);
}

static int
gk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GkApplication *self = GK_APPLICATION (app);
  const char *workspace = NULL;
  const char *domain = NULL;

  self->exit_after_startup = g_variant_dict_contains (options, "exit-after-startup");
  if (g_variant_dict_lookup (options, "workspace", "^&ay", &workspace))
    self->workspace = g_strdup (workspace);
  if (g_variant_dict_lookup (options, "domain", "&s", &domain))
    self->domain = g_strdup (domain);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gongkai %s\n", PACKAGE_VERSION);
      return 0;
    }
  start_opening (self);
  return -1;
}

static void
show_about (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Gongkai developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Gongkai"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Gongkai developers"),
                         "developers", developers,
                         "comments", _("Build and keep the township’s standardized government-information disclosure catalogue"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *param,
      gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window lets it save its size; every edit is already committed. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = show_about },
  { .name = "show-tasks", .activate = show_tasks },
  { .name = "preferences", .activate = show_preferences },
  { .name = "quit", .activate = quit },
};

static void
gk_application_startup (GApplication *app)
{
  GkApplication *self = GK_APPLICATION (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (gk_application_parent_class)->startup (app);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
gk_application_finalize (GObject *object)
{
  GkApplication *self = GK_APPLICATION (object);

  g_clear_handle_id (&self->reminder_source, g_source_remove);
  /* Never activated (the display could not be opened): the thread must still be waited for. */
  if (self->open_thread != NULL)
    open_job_free (g_thread_join (g_steal_pointer (&self->open_thread)));
  g_clear_object (&self->settings);
  g_free (self->workspace);
  g_free (self->domain);

  G_OBJECT_CLASS (gk_application_parent_class)->finalize (object);
}

static void
gk_application_class_init (GkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gk_application_finalize;
  app_class->activate = gk_application_activate;
  app_class->startup = gk_application_startup;
  app_class->handle_local_options = gk_application_handle_local_options;
}

static void
gk_application_init (GkApplication *self)
{
  static const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this workspace file"), N_("FILE") },
    { "domain", 'd', 0, G_OPTION_ARG_STRING, NULL, N_("Show this domain (number or name)"), N_("DOMAIN") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    /* For measuring start-up: quit as soon as the first frame is drawn. */
    { "exit-after-startup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
