#pragma once

#include <adwaita.h>

#include "gk-tasks.h"

G_BEGIN_DECLS

#define GK_TYPE_PREFERENCES_WINDOW (gk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GkPreferencesWindow, gk_preferences_window, GK, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Preferences: the holiday schedule of each year (节假日), kept in @tasks' workspace, and the
 * reminders (提醒), bound to @settings' "reminders" key. Without settings the reminders page
 * says that they cannot be turned off. */
GtkWindow *gk_preferences_window_new            (GtkWindow           *parent,
                                                 GkTasks             *tasks,
                                                 GSettings           *settings);

/* Opens the dialog that adds or replaces the schedule of @year (0: the first year from now
 * that has none), in front of the Holidays page. Returns the dialog (owned by GTK; its
 * widgets are named "year", "days", "import", "save" and "error"). */
GtkWindow *gk_preferences_window_edit_year      (GkPreferencesWindow *self,
                                                 int                  year);

G_END_DECLS
