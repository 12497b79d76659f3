/* The baseline for the start-up and memory benchmarks: the least a libadwaita app does to show
 * a window (a header bar and an empty page), quitting after its first frame like gongkai
 * --exit-after-startup, or staying open with BARE_WINDOW_STAY=1 (bench/memory.sh). */

#include "bench-window.h"

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  bench_window_present (GTK_WINDOW (window), app);
}

int
main (int   argc,
      char *argv[])
{
  return bench_window_run ("io.github.gongkai.BareWindow", on_activate, argc, argv);
}
