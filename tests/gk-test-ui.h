/* What the window and page tests share: waiting for the main loop, screenshots, and finding
 * widgets. The helpers without GTK are in gk-test-util.h. */

#pragma once

#include <adwaita.h>

#include "gk-core.h"

G_BEGIN_DECLS

/* The fixture of the window and page tests: a new workspace of 城关镇, 测试县, in a temporary
 * folder of its own (gongkai-window-XXXXXX for test-window) that the tear-down removes. */
typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
} GkTestWorkspace;

void       gk_test_workspace_set_up    (GkTestWorkspace *f,
                                        gconstpointer    data);
void       gk_test_workspace_tear_down (GkTestWorkspace *f,
                                        gconstpointer    data);

/* Adds the test @path, which runs @test with that fixture. */
void       gk_test_add_workspace       (const char       *path,
                                        void            (*test) (GkTestWorkspace *f,
                                                                 gconstpointer    data));

/* Starts GTK and libadwaita for a test program. Without a display, prints the TAP plan that
 * skips every test and returns FALSE: main() then returns 77. */
gboolean   gk_test_ui_init         (int         *argc,
                                    char      ***argv);

/* Saves what @widget shows as @name (a PNG in the build folder), for a person to look at (the
 * CI keeps it as an artifact). Not an assertion: a frame not drawn yet leaves no picture. */
void       gk_test_save_screenshot (GtkWidget  *widget,
                                    const char *name);

/* Waits until @widget is drawn, then runs what the main loop has pending. */
void       gk_test_wait_for_draw   (GtkWidget  *widget);

/* Runs the main loop for @ms milliseconds: lets animations (an expander opening, an entry's
 * title moving) finish before a screenshot. */
void       gk_test_wait_ms         (guint       ms);

/* Runs the main loop until @condition holds, for at most five seconds; FALSE if it never did. */
typedef gboolean (*GkTestCondition) (gpointer data);
gboolean   gk_test_wait_until      (GkTestCondition condition,
                                    gpointer        data);

guint      gk_test_count_rows      (GtkListBox *list);

/* The first widget under @root (@root included, depth first) for which @match holds. */
typedef gboolean (*GkTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);
GtkWidget *gk_test_find_widget     (GtkWidget         *root,
                                    GkTestWidgetMatch  match,
                                    gconstpointer      data);

/* The first AdwPreferencesRow of @type under @root whose title is @title (depth first). */
GtkWidget *gk_test_find_row        (GtkWidget  *root,
                                    GType       type,
                                    const char *title);

/* A visible toplevel window of @type. */
GtkWindow *gk_test_find_toplevel   (GType       type);

G_END_DECLS
