/* What the start-up baselines (bare-window.c, mock-window.c) share with gongkai
 * --exit-after-startup: the window is presented and the program quits right after its first
 * drawn frame, or stays open when BARE_WINDOW_STAY is set (bench/memory.sh). */
#pragma once

#include <adwaita.h>

void bench_window_present (GtkWindow    *window,
                           GApplication *app);
int  bench_window_run     (const char   *app_id,
                           void        (*activate) (GApplication *app),
                           int           argc,
                           char         *argv[]);
