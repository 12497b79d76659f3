#pragma once

#include <gio/gio.h>

#include "gk-tasks.h"

G_BEGIN_DECLS

/* The desktop notification of deadlines: the overdue tasks and those due within 7 days.
 *
 * Settings (io.github.gongkai.Gongkai): "reminders" (b) turns it on or off, "last-reminder" (s,
 * YYYY-MM-DD) is the day it was last shown, so that it is shown once a day. Clicking it
 * activates "app.show-tasks", which the application provides. */
#define GK_REMINDERS_NOTIFICATION_ID "gongkai-deadlines"

GSettings *gk_reminders_get_settings (void);
guint      gk_reminders_check        (GApplication *app,
                                      GkTasks      *tasks,
                                      GSettings    *settings,
                                      gboolean      force);
guint      gk_reminders_schedule     (GApplication *app,
                                      GkTasks      *tasks,
                                      GSettings    *settings);

G_END_DECLS
