/* bench-export: how long the county workbook takes, against libxlsxwriter writing the same
 * cells bare (bare-xlsx.c).
 *
 * Two workspaces are made (not timed): a full catalogue — all 26 domains, 31 items each (806
 * items), texts and ticks taken from the standard library in order, so that 一级事项 come in
 * groups as in the national tables — and 20 townships' worth, 616 items per domain (16,016 item
 * rows). Each is exported --runs times by gk_export_xlsx (the snapshot and the writing timed
 * apart) and by the bare writer, alternately, into --dir (default: the temporary folder, which
 * should be on the disk you care about). Medians are reported, with the goals of DESIGN §7:
 * full catalogue ≤ 150 ms and ≤ 1.5 × bare; 16,000 rows ≤ 1.5 s.
 *
 * Not a test: it prints the numbers and exits 0 whatever they are (1 only when it could not
 * run). */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "bare-xlsx.h"
#include "gk-core.h"

typedef struct
{
  const char *name;
  guint       per_domain;
  double      goal_ms;
} Scenario;

static const Scenario scenarios[] = {
  { "full catalogue (26 domains, 806 items)", 31, 150 },
  { "20 townships (26 domains, 16,016 items)", 616, 1500 },
};

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_double);
  if (n == 0)
    return 0;
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Replaces the seeded items by @per_domain items in each of the 26 domains, copied in order
 * from the standard library (starting at a different place in each domain). */
static gboolean
fill (GkCatalogue  *catalogue,
      guint         per_domain,
      GError      **error)
{
  GkDb *db = gk_catalogue_get_db (catalogue);
  GkStandards *standards = gk_catalogue_get_standards (catalogue);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint d = 0; d < gk_standards_get_n_domains (standards); d++)
    {
      g_autoptr(GPtrArray) items = gk_standards_get_items (standards,
                                                           gk_standards_get_domain (standards, d)->number);
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (all, items->pdata[i]);
    }

  if (!gk_db_begin (db, error) || !gk_db_exec (db, "DELETE FROM item", error))
    return FALSE;
  stmt = gk_db_prepare (db,
    "INSERT INTO item (domain_id, position, level1, level2, content, basis, time_limit, subject,"
    " channels, channels_other, audience_all, audience_specific, mode_active, mode_request,"
    " level_county, level_township)"
    " SELECT id, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1"
    " FROM domain WHERE number = ?1", error);
  if (stmt == NULL)
    return FALSE;

  for (int number = 1; number <= 26; number++)
    for (guint k = 0; k < per_domain; k++)
      {
        const GkStandardItem *std = all->pdata[(number * 13 + k) % all->len];
        guint channels = std->channels | (1u << (k % GK_N_CHANNELS));

        sqlite3_reset (stmt);
        sqlite3_bind_int (stmt, 1, number);
        sqlite3_bind_int (stmt, 2, (int) k + 1);
        sqlite3_bind_text (stmt, 3, std->level1, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 4, std->level2, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 5, std->content, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 6, std->basis, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 7, std->time_limit, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 8, std->subject, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, 9, (int) channels);
        sqlite3_bind_text (stmt, 10, (channels & (1u << GK_CHANNEL_OTHER)) ? "村广播" : "", -1,
                           SQLITE_STATIC);
        for (guint f = 0; f < 5; f++)
          sqlite3_bind_int (stmt, 11 + f, std->flags[f] == 1 || (k + f) % 4 == 0);
        if (!gk_db_step_done (db, stmt, error))
          return FALSE;
      }
  return gk_db_commit (db, error);
}

static int
run_scenario (const Scenario *scenario,
              const char     *dir,
              guint           runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *workspace = g_build_filename (dir, "bench-export.gongkai", NULL);
  g_autofree char *target = g_build_filename (dir, "bench-export.xlsx", NULL);
  g_autofree char *bare = g_build_filename (dir, "bench-bare.xlsx", NULL);
  g_autofree char *bare_cm = g_build_filename (dir, "bench-bare-cm.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GArray) snapshot_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) constant_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st = { 0 }, bare_st = { 0 };
  double t0, t1, t2, export_median, bare_median;

  g_unlink (workspace);
  {
    g_autoptr(GkCatalogue) fresh = gk_catalogue_create (workspace, "城关镇", "某某县", &error);
    if (fresh == NULL || !fill (fresh, scenario->per_domain, &error))
      {
        g_printerr ("bench-export: %s\n", error->message);
        return 1;
      }
  }
  catalogue = gk_catalogue_open (workspace, FALSE, &error);
  if (catalogue == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }

  /* One run of each first, not counted: page cache, lazy initialisation. */
  for (guint run = 0; run <= runs; run++)
    {
      g_autoptr(GkExportSnapshot) snapshot = NULL;
      double v;

      t0 = now_ms ();
      snapshot = gk_export_snapshot_new (catalogue, NULL, &error);
      t1 = now_ms ();
      if (snapshot == NULL || !gk_export_snapshot_write (snapshot, file, &error))
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      t2 = now_ms ();
      if (run > 0)
        {
          v = t1 - t0;
          g_array_append_val (snapshot_ms, v);
          v = t2 - t1;
          g_array_append_val (write_ms, v);
          v = t2 - t0;
          g_array_append_val (total_ms, v);
        }

      t0 = now_ms ();
      if (!bare_xlsx_write (catalogue, bare, FALSE, &error))
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      t1 = now_ms ();
      if (!bare_xlsx_write (catalogue, bare_cm, TRUE, &error))
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      t2 = now_ms ();
      if (run > 0)
        {
          v = t1 - t0;
          g_array_append_val (bare_ms, v);
          v = t2 - t1;
          g_array_append_val (constant_ms, v);
        }
    }
  g_stat (target, &st);
  g_stat (bare, &bare_st);

  export_median = median (total_ms);
  bare_median = median (bare_ms);
  printf ("%s, %u runs\n", scenario->name, runs);
  printf ("  gk_export_xlsx      median %8.1f ms  (snapshot %.1f ms + write %.1f ms)  %ld bytes\n",
          export_median, median (snapshot_ms), median (write_ms), (long) st.st_size);
  printf ("  bare libxlsxwriter  median %8.1f ms  %ld bytes\n", bare_median, (long) bare_st.st_size);
  printf ("  bare, constant_memory median %6.1f ms\n", median (constant_ms));
  printf ("  ratio %.2f × bare (goal ≤ 1.5); goal ≤ %.0f ms: %s\n", export_median / bare_median,
          scenario->goal_ms, export_median <= scenario->goal_ms ? "met" : "NOT met");

  g_unlink (target);
  g_unlink (bare);
  g_unlink (bare_cm);
  g_clear_object (&catalogue);
  g_unlink (workspace);
  {
    g_autofree char *wal = g_strconcat (workspace, "-wal", NULL);
    g_autofree char *shm = g_strconcat (workspace, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  int runs = 11, only = 0, status = 0;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Exports of each kind per workspace (11)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Where to write (a new temporary folder)", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_INT, &only, "Only scenario 1 (full) or 2 (20 townships)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the county workbook export");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("bench-export: %s\n", error != NULL ? error->message : "--runs must be ≥ 1");
      return 1;
    }
  if (dir == NULL)
    {
      tmp = g_dir_make_tmp ("bench-export-XXXXXX", &error);
      if (tmp == NULL)
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (only == 0 || only == (int) i + 1)
      status |= run_scenario (&scenarios[i], dir != NULL ? dir : tmp, (guint) runs);

  if (tmp != NULL)
    g_rmdir (tmp);
  return status;
}
