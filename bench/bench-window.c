#include "bench-window.h"

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_map (GtkWidget    *window,
        GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

void
bench_window_present (GtkWindow    *window,
                      GApplication *app)
{
  gtk_window_set_default_size (window, 1180, 760);
  if (g_getenv ("BARE_WINDOW_STAY") == NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map), app);
  gtk_window_present (window);
}

int
bench_window_run (const char  *app_id,
                  void       (*activate) (GApplication *app),
                  int          argc,
                  char        *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new (app_id, G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
