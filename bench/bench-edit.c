/* bench-edit: how long one saved edit takes, as the officer feels it when leaving a cell.
 *
 * Creates a fresh workspace, then makes N edits through the core API on the seeded items
 * (gk_catalogue_set_item_text with a distinct value each time, and every tenth edit a flag
 * toggle), timing each call alone with g_get_monotonic_time(). Every call is a committed,
 * synced write (the workspace runs with synchronous = FULL), so the numbers depend on the
 * filesystem: use --workspace-dir to measure on the one the users have.
 *
 * Not a test: it prints the numbers and the goal, and exits 0 whatever they are
 * (1 only when it could not run). */

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "bench-stats.h"
#include "gk-core.h"

#define GOAL_MEDIAN_MS 5.0

static const GkItemText edited_texts[] = {
  GK_ITEM_CONTENT, GK_ITEM_NOTE, GK_ITEM_BASIS, GK_ITEM_TIME_LIMIT, GK_ITEM_SUBJECT,
};

static GPtrArray *
seeded_items (GkCatalogue  *catalogue,
              GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *domains = gk_catalogue_get_domains (catalogue);

  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, d);
      g_autoptr(GListModel) list = gk_catalogue_list_items (catalogue, gk_domain_get_number (domain), error);

      if (list == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (items, g_list_model_get_item (list, i));
    }
  return g_steal_pointer (&items);
}

static void
remove_workspace (const char *dir,
                  const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int n = 1000;
  g_autofree char *workspace_dir = NULL;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "n", 'n', 0, G_OPTION_ARG_INT, &n, "Number of edits (default 1000)", "N" },
    { "workspace-dir", 'd', 0, G_OPTION_ARG_FILENAME, &workspace_dir,
      "Folder in which to create the temporary workspace (default: the temporary folder)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the workspace afterwards", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time saved edits of a workspace");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *template = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree gint64 *times = NULL;
  gint64 total = 0, setup_start;
  guint n_text = 0, n_flag = 0;
  double median;

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");  /* "0.472 ms" in every locale, for pasting into RESULTS.md */
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-edit: %s\n", error->message);
      return 1;
    }
  if (argc > 1 || n < 1)
    {
      g_printerr ("bench-edit: %s\n", n < 1 ? "--n must be at least 1" : "unexpected argument");
      return 1;
    }

  template = g_build_filename (workspace_dir != NULL ? workspace_dir : g_get_tmp_dir (),
                               "gk-bench-XXXXXX", NULL);
  dir = g_mkdtemp (g_strdup (template));
  if (dir == NULL)
    {
      g_printerr ("bench-edit: cannot create a folder from “%s”: %s\n", template, g_strerror (errno));
      return 1;
    }
  path = g_build_filename (dir, "bench.gongkai", NULL);

  setup_start = g_get_monotonic_time ();
  catalogue = gk_catalogue_create (path, "基准乡", "基准县", &error);
  if (catalogue == NULL || (items = seeded_items (catalogue, &error)) == NULL)
    {
      g_printerr ("bench-edit: %s\n", error->message);
      g_clear_object (&catalogue);
      remove_workspace (dir, path);
      return 1;
    }
  if (items->len == 0)
    {
      g_printerr ("bench-edit: the new workspace has no items to edit\n");
      g_clear_object (&catalogue);
      remove_workspace (dir, path);
      return 1;
    }

  printf ("workspace:   %s\n", path);
  printf ("setup:       %.1f ms (create and seed, %u items)\n",
           (g_get_monotonic_time () - setup_start) / 1000.0, items->len);

  times = g_new (gint64, n);
  for (int i = 0; i < n; i++)
    {
      GkItem *item = g_ptr_array_index (items, (guint) i % items->len);
      gboolean ok;
      gint64 start, end;

      if (i % 10 == 9)
        {
          gboolean value = !gk_item_get_flag (item, GK_FLAG_MODE_REQUEST);

          start = g_get_monotonic_time ();
          ok = gk_catalogue_set_item_flag (catalogue, item, GK_FLAG_MODE_REQUEST, value, &error);
          end = g_get_monotonic_time ();
          n_flag++;
        }
      else
        {
          GkItemText text = edited_texts[((guint) i + (guint) i / items->len) % G_N_ELEMENTS (edited_texts)];
          g_autofree char *value = g_strdup_printf ("第%d次编辑：公开内容、公开时限与公开主体的修改（%s）",
                                                    i + 1, gk_item_text_key (text));

          start = g_get_monotonic_time ();
          ok = gk_catalogue_set_item_text (catalogue, item, text, value, &error);
          end = g_get_monotonic_time ();
          n_text++;
        }
      if (!ok)
        {
          g_printerr ("bench-edit: edit %d failed: %s\n", i + 1, error->message);
          g_clear_pointer (&items, g_ptr_array_unref);
          g_clear_object (&catalogue);
          if (!keep)
            remove_workspace (dir, path);
          return 1;
        }
      times[i] = end - start;
      total += times[i];
    }

  qsort (times, (size_t) n, sizeof (gint64), bench_compare_gint64);
  median = bench_median_ms (times, (guint) n);

  printf ("edits:       %d (%u text, %u flag toggles) on %u seeded items\n", n, n_text, n_flag,
           items->len);
  printf ("median:      %.3f ms\n", median);
  printf ("p90:         %.3f ms\n", bench_percentile_ms (times, (guint) n, 90));
  printf ("p99:         %.3f ms\n", bench_percentile_ms (times, (guint) n, 99));
  printf ("max:         %.3f ms\n", times[n - 1] / 1000.0);
  printf ("mean:        %.3f ms\n", (double) total / n / 1000.0);
  printf ("goal:        median ≤ %.0f ms: %s\n", GOAL_MEDIAN_MS,
           median <= GOAL_MEDIAN_MS ? "met" : "NOT met");

  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_object (&catalogue);
  if (keep)
    printf ("kept:        %s\n", path);
  else
    remove_workspace (dir, path);
  return 0;
}
