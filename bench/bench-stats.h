/* The statistics the benchmarks print, over times in microseconds (g_get_monotonic_time). */
#pragma once

#include <glib.h>

int    bench_compare_gint64 (gconstpointer  a,
                             gconstpointer  b);
double bench_percentile_ms  (const gint64  *sorted,
                             guint          n,
                             guint          p);
double bench_median_ms      (const gint64  *sorted,
                             guint          n);
