#include "bench-stats.h"

/* For qsort() of gint64 times. */
int
bench_compare_gint64 (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted @values. */
double
bench_percentile_ms (const gint64 *sorted,
                     guint         n,
                     guint         p)
{
  guint rank = (guint) (((guint64) p * n + 99) / 100);

  rank = CLAMP (rank, 1, n);
  return sorted[rank - 1] / 1000.0;
}

double
bench_median_ms (const gint64 *sorted,
                 guint         n)
{
  if (n % 2 == 1)
    return sorted[n / 2] / 1000.0;
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2000.0;
}
