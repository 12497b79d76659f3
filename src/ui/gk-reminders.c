/* Reminders: a desktop notification (GNotification) of the overdue tasks and of those due within
 * 7 days, at start-up and once a day while Gongkai runs. */
#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-reminders.h"

#define SOON_DAYS 7
#define MAX_LISTED 5
#define MAX_TITLE_CHARS 40
#define CHECK_INTERVAL_S 3600

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

/**
 * gk_reminders_get_settings:
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL when its schema
 *   (with the "reminders" key) is not installed, as in a build tree without GSETTINGS_SCHEMA_DIR.
 */
GSettings *
gk_reminders_get_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "reminders"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
reminders_enabled (GSettings *settings)
{
  return !settings_has_key (settings, "reminders") || g_settings_get_boolean (settings, "reminders");
}

/* Notifications go through the application's D-Bus connection: a registered, primary instance. */
static gboolean
can_notify (GApplication *app)
{
  return g_application_get_is_registered (app) && !g_application_get_is_remote (app);
}

static void
withdraw (GApplication *app)
{
  if (can_notify (app))
    g_application_withdraw_notification (app, GK_REMINDERS_NOTIFICATION_ID);
}

static char *
short_title (const char *title)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (title, -1) <= MAX_TITLE_CHARS)
    return g_strdup (title);
  start = g_utf8_substring (title, 0, MAX_TITLE_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
make_title (guint n_overdue,
            guint n_soon)
{
  g_autofree char *overdue = NULL;
  g_autofree char *soon = NULL;

  if (n_soon == 0)
    return g_strdup_printf (ngettext ("%u task overdue", "%u tasks overdue", n_overdue), n_overdue);
  if (n_overdue == 0)
    return g_strdup_printf (ngettext ("%u task due within 7 days", "%u tasks due within 7 days", n_soon), n_soon);
  overdue = g_strdup_printf (ngettext ("%u task overdue", "%u tasks overdue", n_overdue), n_overdue);
  soon = g_strdup_printf (ngettext ("%u due within 7 days", "%u due within 7 days", n_soon), n_soon);
  /* TRANSLATORS: "3 tasks overdue" and "2 due within 7 days" */
  return g_strdup_printf (_("%s, %s"), overdue, soon);
}

/* One line per task, the overdue first, at most MAX_LISTED. */
static char *
make_body (GListModel *overdue,
           GListModel *soon)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_overdue = g_list_model_get_n_items (overdue);
  guint total = n_overdue + g_list_model_get_n_items (soon);
  guint shown = MIN (total, MAX_LISTED);

  for (guint i = 0; i < shown; i++)
    {
      gboolean late = i < n_overdue;
      g_autoptr(GkTask) task = g_list_model_get_item (late ? overdue : soon, late ? i : i - n_overdue);
      g_autofree char *title = short_title (gk_task_get_title (task));
      const char *deadline = gk_task_get_deadline_text (task);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      if (late)
        /* TRANSLATORS: a deadline that has passed, then a task */
        g_string_append_printf (body, _("Overdue since %s: %s"), deadline, title);
      else
        /* TRANSLATORS: a deadline, then a task */
        g_string_append_printf (body, _("Due %s: %s"), deadline, title);
    }
  if (total > shown)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, ngettext ("…and %u more task", "…and %u more tasks", total - shown),
                              total - shown);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * gk_reminders_check:
 * @settings: (nullable): the application's settings; %NULL: reminders are on, and shown
 *   whenever called
 * @force: show the reminder even if it was shown today
 *
 * When reminders are on and the reminder has not been shown today (the "last-reminder" key),
 * sends the notification "gongkai-deadlines" listing the overdue tasks and those due within 7
 * days (default action "app.show-tasks"); withdraws it when no task is either. Without a
 * registered primary @app nothing is sent, but the tasks are still counted.
 *
 * Returns: the number of tasks the reminder is about (overdue and due within 7 days; the body
 *   names at most 5 of them); 0 when reminders are off or were shown today.
 */
guint
gk_reminders_check (GApplication *app,
                    GkTasks      *tasks,
                    GSettings    *settings,
                    gboolean      force)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) overdue = NULL;
  g_autoptr(GListModel) soon = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint total;

  g_return_val_if_fail (G_IS_APPLICATION (app), 0);
  g_return_val_if_fail (GK_IS_TASKS (tasks), 0);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), 0);

  if (!reminders_enabled (settings))
    {
      withdraw (app);
      return 0;
    }
  today = gk_date_to_string (gk_tasks_get_today (tasks));
  if (!force && settings_has_key (settings, "last-reminder"))
    {
      g_autofree char *last = g_settings_get_string (settings, "last-reminder");
      if (g_strcmp0 (last, today) == 0)
        return 0;
    }

  overdue = gk_tasks_list (tasks, GK_TASK_FILTER_OVERDUE, 0, &error);
  if (overdue != NULL)
    soon = gk_tasks_list (tasks, GK_TASK_FILTER_DUE_WITHIN, SOON_DAYS, &error);
  if (soon == NULL)
    {
      g_debug ("No reminder: %s", error->message);
      return 0;
    }

  if (settings_has_key (settings, "last-reminder"))
    g_settings_set_string (settings, "last-reminder", today);
  total = g_list_model_get_n_items (overdue) + g_list_model_get_n_items (soon);
  if (total == 0)
    {
      withdraw (app);
      return 0;
    }

  title = make_title (g_list_model_get_n_items (overdue), g_list_model_get_n_items (soon));
  body = make_body (overdue, soon);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-tasks");
  if (g_list_model_get_n_items (overdue) > 0)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  if (can_notify (app))
    g_application_send_notification (app, GK_REMINDERS_NOTIFICATION_ID, notification);
  else
    g_debug ("No reminder sent: the application is not registered");
  return total;
}

/* ---- once a day ------------------------------------------------------------------------- */

typedef struct
{
  GWeakRef   app;
  GWeakRef   tasks;
  GSettings *settings;
  gulong     changed_id;
  GDate      real_today;  /* the calendar's today at the last check */
  char      *last_day;    /* without settings: the day of the last reminder */
} Schedule;

static void
schedule_free (gpointer data)
{
  Schedule *schedule = data;

  if (schedule->changed_id != 0)
    g_signal_handler_disconnect (schedule->settings, schedule->changed_id);
  g_clear_object (&schedule->settings);
  g_weak_ref_clear (&schedule->app);
  g_weak_ref_clear (&schedule->tasks);
  g_free (schedule->last_day);
  g_free (schedule);
}

static void
real_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static void
check_now (Schedule *schedule)
{
  g_autoptr(GApplication) app = g_weak_ref_get (&schedule->app);
  g_autoptr(GkTasks) tasks = g_weak_ref_get (&schedule->tasks);
  g_autofree char *today = NULL;
  GDate now;

  if (app == NULL || tasks == NULL)
    return;

  /* After midnight the store's "today" moves on (unless it was set to another day on
   * purpose), so that what is overdue is judged against the new day. */
  real_today (&now);
  if (g_date_compare (&now, &schedule->real_today) != 0)
    {
      if (g_date_compare (gk_tasks_get_today (tasks), &schedule->real_today) == 0)
        gk_tasks_set_today (tasks, NULL);
      schedule->real_today = now;
    }

  if (schedule->settings != NULL)
    {
      gk_reminders_check (app, tasks, schedule->settings, FALSE);
      return;
    }
  today = gk_date_to_string (gk_tasks_get_today (tasks));
  if (g_strcmp0 (today, schedule->last_day) != 0)
    {
      gk_reminders_check (app, tasks, NULL, TRUE);
      g_free (schedule->last_day);
      schedule->last_day = g_steal_pointer (&today);
    }
}

static gboolean
on_timeout (gpointer data)
{
  Schedule *schedule = data;
  g_autoptr(GApplication) app = g_weak_ref_get (&schedule->app);
  g_autoptr(GkTasks) tasks = g_weak_ref_get (&schedule->tasks);

  if (app == NULL || tasks == NULL)
    return G_SOURCE_REMOVE;
  check_now (schedule);
  return G_SOURCE_CONTINUE;
}

/* Turned on: the reminder of today, if not shown yet; turned off: away with it. */
static void
on_reminders_changed (GSettings *settings,
                      const char *key,
                      Schedule   *schedule)
{
  g_autoptr(GApplication) app = g_weak_ref_get (&schedule->app);

  if (app == NULL)
    return;
  if (g_settings_get_boolean (settings, "reminders"))
    check_now (schedule);
  else
    withdraw (app);
}

/**
 * gk_reminders_schedule:
 * @settings: (nullable): the application's settings
 *
 * Checks now (gk_reminders_check() without @force) and then every hour; the reminder is shown
 * once a day (the "last-reminder" key, or in memory without settings). Neither @app nor @tasks
 * is kept alive: the checks stop when either is gone.
 *
 * Returns: the id of the hourly GSource, for g_source_remove()
 */
guint
gk_reminders_schedule (GApplication *app,
                       GkTasks      *tasks,
                       GSettings    *settings)
{
  Schedule *schedule;

  g_return_val_if_fail (G_IS_APPLICATION (app), 0);
  g_return_val_if_fail (GK_IS_TASKS (tasks), 0);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), 0);

  schedule = g_new0 (Schedule, 1);
  g_weak_ref_init (&schedule->app, app);
  g_weak_ref_init (&schedule->tasks, tasks);
  real_today (&schedule->real_today);
  if (settings != NULL)
    {
      schedule->settings = g_object_ref (settings);
      if (settings_has_key (settings, "reminders"))
        schedule->changed_id = g_signal_connect (settings, "changed::reminders",
                                                 G_CALLBACK (on_reminders_changed), schedule);
    }
  check_now (schedule);
  return g_timeout_add_seconds_full (G_PRIORITY_LOW, CHECK_INTERVAL_S, on_timeout, schedule, schedule_free);
}
