/* bench-search: how long Ctrl+F takes on a big workspace.
 *
 * Creates a workspace, then fills it up to N items (default 20,000) spread evenly over the 26
 * domains, in one transaction of plain INSERTs on the store's handle (going through
 * gk_catalogue_add_item() would re-validate the domain after every item). The texts are made of
 * the bundled standard library's own pieces — each domain's 一级/二级事项 names, the elements of
 * its 公开内容 (split at 、), its 公开依据 titles, time limits and publishers — so lengths and
 * vocabulary are those of real catalogues: a 公开内容 of 4–24 elements (about 100 characters on
 * average), one to three 公开依据 titles. A marker (鲲鹏村) is put into 3 items for a rare hit.
 * The workspace is then closed and opened again, as the app would.
 *
 * Then every query of a fixed list (hits in most items, in one domain, in a few items, in none;
 * two-character Chinese words such as 低保 and 救助; one character) is run --runs times after one
 * warm-up, each call timed alone with g_get_monotonic_time(), in these modes:
 *
 *   search          gk_catalogue_search (query, 0): every hit as a GkItem, what the app does
 *   search/200      gk_catalogue_search (query, 200): the first 200 hits (a results list)
 *   instr ids       the same instr() WHERE and ORDER BY, selecting only the ids: the SQL alone
 *   fts ids         prototype: an FTS5 trigram index (external content) over the five searched
 *                   columns, ids only; queries under 3 characters fall back to instr ids, as
 *                   the index cannot answer them
 *   fts search/200  prototype: the FTS5 filter, the first 200 rows made into GkItems as the
 *                   catalogue does (under 3 characters: gk_catalogue_search (query, 200))
 *   memory ids      prototype: the five searched columns of every item joined into one string,
 *                   kept in memory in catalogue order, scanned with strstr(): ids of all hits
 *   memory search/200  prototype: memory ids, then the first 200 hits read by id into GkItems
 *
 * The prototypes need --prototypes (the default); they are built after the app's modes ran, so
 * those see the workspace the app has. Each prototype's answer is checked against instr's.
 *
 * Not a test: it prints the numbers and the goal (median ≤ 16 ms, one frame at 60 Hz, for
 * `search`), and exits 0 whatever they are (1 only when it could not run). */

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-stats.h"
#include "gk-core.h"
#include "gk-item-private.h"

#define GOAL_MEDIAN_MS 16.0

static const char * const queries[] = {
  /* in most items */
  "公开", "条例", "人民政府", "政策文件", "办事指南", "《中华人民共和国",
  /* in one or two domains */
  "最低生活保障", "救助", "养老", "危房改造", "征地补偿", "食品安全", "义务教育", "补贴",
  /* two characters, the usual way officers search */
  "低保", "公示", "名单",
  /* a few items */
  "鲲鹏村", "特困人员救助供养",
  /* none */
  "量子计算", "区块链技术", "不存在的事项", "xyz",
  /* one character */
  "乡",
};

static const char * const township_offices[] = {
  "党政综合办公室", "社会事务办", "经济发展办", "自然资源所", "财政所", "农业农村办",
  "平安建设办", "便民服务中心", "村民委员会", "县民政局、乡人民政府",
};

#define ITEM_COLUMNS \
  "SELECT i.id, d.number, i.position, i.level1, i.level2, i.content, i.basis, i.time_limit," \
  " i.subject, i.channels_other, i.note, i.channels, i.audience_all, i.audience_specific," \
  " i.mode_active, i.mode_request, i.level_county, i.level_township, i.origin, i.state," \
  " i.updated_at FROM item i JOIN domain d ON d.id = i.domain_id"

#define INSTR_WHERE \
  " WHERE instr (i.level1, ?1) OR instr (i.level2, ?1) OR instr (i.content, ?1)" \
  " OR instr (i.basis, ?1) OR instr (i.subject, ?1)"

#define FTS_WHERE \
  " WHERE i.id IN (SELECT rowid FROM bench_item_fts WHERE bench_item_fts MATCH ?1)"

#define ORDER " ORDER BY d.number, i.position, i.id LIMIT ?2"

/* ---- a synthetic workspace -------------------------------------------------------------- */

typedef struct
{
  GPtrArray *level1, *level2, *content, *basis, *time_limit, *subject;
} Pool;

static void
pool_init (Pool *pool)
{
  pool->level1 = g_ptr_array_new_with_free_func (g_free);
  pool->level2 = g_ptr_array_new_with_free_func (g_free);
  pool->content = g_ptr_array_new_with_free_func (g_free);
  pool->basis = g_ptr_array_new_with_free_func (g_free);
  pool->time_limit = g_ptr_array_new_with_free_func (g_free);
  pool->subject = g_ptr_array_new_with_free_func (g_free);
}

static void
pool_clear (Pool *pool)
{
  g_ptr_array_unref (pool->level1);
  g_ptr_array_unref (pool->level2);
  g_ptr_array_unref (pool->content);
  g_ptr_array_unref (pool->basis);
  g_ptr_array_unref (pool->time_limit);
  g_ptr_array_unref (pool->subject);
}

static void
add_text (GPtrArray  *to,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (to, g_strdup (text));
}

static void
add_parts (GPtrArray  *to,
           const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "、", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    add_text (to, g_strstrip (parts[i]));
}

static void
pool_add (Pool                 *pool,
          const GkStandardItem *std)
{
  add_text (pool->level1, std->level1);
  add_text (pool->level2, std->level2);
  add_parts (pool->content, std->content);
  add_parts (pool->basis, std->basis);
  add_text (pool->time_limit, std->time_limit);
  add_text (pool->subject, std->subject);
}

/* From the domain's pool, or the whole library's when the domain has nothing of that kind. */
static const char *
pick (GRand     *rand,
      GPtrArray *domain,
      GPtrArray *all)
{
  GPtrArray *from = domain->len > 0 && g_rand_int_range (rand, 0, 10) > 0 ? domain : all;
  return g_ptr_array_index (from, g_rand_int_range (rand, 0, (int) from->len));
}

static char *
join_picks (GRand      *rand,
            GPtrArray  *domain,
            GPtrArray  *all,
            int         n)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, "、");
      g_string_append (out, pick (rand, domain, all));
    }
  return g_string_free (out, FALSE);
}

/* Fills the workspace up to @n_items items; returns the number of items added. */
static gboolean
fill_workspace (GkCatalogue  *catalogue,
                guint         n_items,
                guint        *n_added,
                gsize        *text_bytes,
                GError      **error)
{
  GkDb *db = gk_catalogue_get_db (catalogue);
  GkStandards *standards = gk_catalogue_get_standards (catalogue);
  guint n_domains = gk_standards_get_n_domains (standards);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20191029);
  g_autofree Pool *pools = g_new0 (Pool, n_domains);
  g_autofree gint64 *domain_ids = g_new0 (gint64, n_domains);
  g_autofree int *positions = g_new0 (int, n_domains);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) lookup = NULL;
  Pool all;
  guint existing = 0, added = 0;
  gsize bytes = 0;
  gboolean ok = FALSE;

  pool_init (&all);
  for (guint d = 0; d < n_domains; d++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (standards, d);
      g_autoptr(GPtrArray) items = gk_standards_get_items (standards, info->number);

      pool_init (&pools[d]);
      for (guint j = 0; j < items->len; j++)
        {
          pool_add (&pools[d], g_ptr_array_index (items, j));
          pool_add (&all, g_ptr_array_index (items, j));
        }
    }
  for (guint o = 0; o < G_N_ELEMENTS (township_offices); o++)
    add_text (all.subject, township_offices[o]);

  lookup = gk_db_prepare (db, "SELECT d.id, coalesce ((SELECT max (position) FROM item WHERE domain_id = d.id), 0),"
                              " (SELECT count (*) FROM item WHERE domain_id = d.id) FROM domain d WHERE d.number = ?1",
                          error);
  insert = gk_db_prepare (db,
    "INSERT INTO item (domain_id, position, level1, level2, content, basis, time_limit, subject, channels,"
    " audience_all, audience_specific, mode_active, mode_request, level_county, level_township, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (lookup == NULL || insert == NULL)
    goto out;
  for (guint d = 0; d < n_domains; d++)
    {
      sqlite3_bind_int (lookup, 1, gk_standards_get_domain (standards, d)->number);
      if (sqlite3_step (lookup) != SQLITE_ROW)
        {
          gk_db_set_error (db, error, "Cannot read the domains");
          goto out;
        }
      domain_ids[d] = sqlite3_column_int64 (lookup, 0);
      positions[d] = sqlite3_column_int (lookup, 1);
      existing += (guint) sqlite3_column_int (lookup, 2);
      sqlite3_reset (lookup);
    }

  if (!gk_db_begin (db, error))
    goto out;
  for (guint k = existing; k < n_items; k++, added++)
    {
      guint d = k % n_domains;
      Pool *pool = &pools[d];
      g_autofree char *level2 = NULL;
      g_autofree char *content = NULL;
      g_autofree char *basis = NULL;
      const char *level1 = pick (rand, pool->level1, all.level1);
      const char *suffixes[] = { "", "", "", "", "公示", "情况", "名单", "信息", "（本乡）" };
      const char *subject = g_rand_boolean (rand) ? pick (rand, pool->subject, all.subject)
                                                  : township_offices[g_rand_int_range (rand, 0, G_N_ELEMENTS (township_offices))];

      level2 = g_strconcat (pick (rand, pool->level2, all.level2),
                            suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (suffixes))], NULL);
      content = join_picks (rand, pool->content, all.content, g_rand_int_range (rand, 4, 25));
      if (k % 6661 == 17)
        {
          char *marked = g_strconcat (content, "、鲲鹏村公示栏照片", NULL);
          g_free (content);
          content = marked;
        }
      basis = join_picks (rand, pool->basis, all.basis, g_rand_int_range (rand, 1, 4));
      bytes += strlen (level1) + strlen (level2) + strlen (content) + strlen (basis) + strlen (subject);

      sqlite3_bind_int64 (insert, 1, domain_ids[d]);
      sqlite3_bind_int (insert, 2, ++positions[d]);
      sqlite3_bind_text (insert, 3, level1, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, level2, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, content, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, basis, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, pick (rand, pool->time_limit, all.time_limit), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, subject, -1, SQLITE_STATIC);
      sqlite3_bind_int (insert, 9, (int) (g_rand_int (rand) & GK_CHANNELS_ALL & ~(1u << GK_CHANNEL_OTHER)));
      for (int f = 0; f < GK_N_FLAGS; f++)
        sqlite3_bind_int (insert, 10 + f, g_rand_boolean (rand));
      sqlite3_bind_text (insert, 16, g_rand_int_range (rand, 0, 10) == 0 ? "待核实" : "", -1, SQLITE_STATIC);
      if (!gk_db_step_done (db, insert, error))
        {
          gk_db_rollback (db);
          goto out;
        }
    }
  ok = gk_db_commit (db, error);

out:
  for (guint d = 0; d < n_domains; d++)
    pool_clear (&pools[d]);
  pool_clear (&all);
  *n_added = added;
  *text_bytes = bytes;
  return ok;
}

/* ---- the modes -------------------------------------------------------------------------- */

typedef enum
{
  MODE_SEARCH,
  MODE_SEARCH_LIMITED,
  MODE_INSTR_IDS,
  MODE_FTS_IDS,
  MODE_FTS_SEARCH_LIMITED,
  MODE_MEMORY_IDS,
  MODE_MEMORY_SEARCH_LIMITED,
  N_MODES
} Mode;

#define FIRST_PROTOTYPE MODE_FTS_IDS
#define LIMIT 200

static const char * const mode_names[N_MODES] = {
  "search", "search/200", "instr ids", "fts ids", "fts/200", "memory ids", "memory/200",
};

/* The prototype of an in-memory index: the searched texts of every item, in catalogue order. */
typedef struct
{
  gint64  id;
  char   *text;  /* level1 \x1f level2 \x1f content \x1f basis \x1f subject */
} Entry;

typedef struct
{
  GkCatalogue  *catalogue;
  sqlite3_stmt *instr_ids;
  sqlite3_stmt *fts_ids;
  sqlite3_stmt *fts_rows;
  sqlite3_stmt *row_by_id;
  GArray       *entries;  /* Entry */
} Bench;

static char *
fts_phrase (const char *query)
{
  GString *out = g_string_new ("\"");

  for (const char *p = query; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static GArray *
run_ids (sqlite3_stmt *stmt,
         const char   *bound)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  sqlite3_bind_text (stmt, 1, bound, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

static const char *
text_column (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

/* As the catalogue's item_from_row(). */
static GkItem *
item_from_row (sqlite3_stmt *stmt)
{
  GkItem *item = gk_item_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1));

  gk_item_set_position (item, sqlite3_column_int (stmt, 2));
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    gk_item_set_text (item, t, text_column (stmt, 3 + (int) t));
  gk_item_set_channels (item, (guint) sqlite3_column_int (stmt, 11));
  for (guint f = 0; f < GK_N_FLAGS; f++)
    gk_item_set_flag (item, f, sqlite3_column_int (stmt, 12 + (int) f));
  gk_item_set_origin (item, text_column (stmt, 18));
  gk_item_set_confirmed (item, g_strcmp0 (text_column (stmt, 19), "confirmed") == 0);
  gk_item_set_updated_at (item, text_column (stmt, 20));
  return item;
}

static GListModel *
store_of (GPtrArray *items)
{
  GListStore *store = g_list_store_new (GK_TYPE_ITEM);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

/* What gk_catalogue_search() would do with the FTS5 filter: the same rows, the same objects. */
static GListModel *
fts_search (Bench      *bench,
            const char *query,
            int         limit)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *phrase = fts_phrase (query);
  sqlite3_stmt *stmt = bench->fts_rows;

  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));
  sqlite3_reset (stmt);
  return store_of (items);
}

static void
entry_clear (gpointer data)
{
  g_free (((Entry *) data)->text);
}

static gboolean
build_memory_index (Bench   *bench,
                    double  *ms,
                    gsize   *bytes,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize total = 0;

  stmt = gk_db_prepare (gk_catalogue_get_db (bench->catalogue),
    "SELECT i.id, i.level1 || char (31) || i.level2 || char (31) || i.content || char (31) || i.basis"
    " || char (31) || i.subject FROM item i JOIN domain d ON d.id = i.domain_id"
    " ORDER BY d.number, i.position, i.id", error);
  if (stmt == NULL)
    return FALSE;
  bench->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (bench->entries, entry_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry entry = { sqlite3_column_int64 (stmt, 0), g_strdup (text_column (stmt, 1)) };

      total += strlen (entry.text) + 1 + sizeof (Entry);
      g_array_append_val (bench->entries, entry);
    }
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  *bytes = total;
  return TRUE;
}

static GArray *
memory_ids (Bench      *bench,
            const char *query)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < bench->entries->len; i++)
    {
      const Entry *entry = &g_array_index (bench->entries, Entry, i);
      if (strstr (entry->text, query) != NULL)
        g_array_append_val (ids, entry->id);
    }
  return ids;
}

/* memory ids, then the rows of the first @limit hits. */
static GListModel *
memory_search (Bench      *bench,
               const char *query,
               guint       limit,
               guint      *n_hits)
{
  g_autoptr(GArray) ids = memory_ids (bench, query);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len && i < limit; i++)
    {
      sqlite3_bind_int64 (bench->row_by_id, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (bench->row_by_id) == SQLITE_ROW)
        g_ptr_array_add (items, item_from_row (bench->row_by_id));
      sqlite3_reset (bench->row_by_id);
    }
  *n_hits = ids->len;
  return store_of (items);
}

/* Runs @query once in @mode; returns the number of hits. */
static guint
run_query (Bench      *bench,
           Mode        mode,
           const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean short_query = g_utf8_strlen (query, -1) < 3;

  switch (mode)
    {
    case MODE_SEARCH:
    case MODE_SEARCH_LIMITED:
      found = gk_catalogue_search (bench->catalogue, query, mode == MODE_SEARCH ? 0 : LIMIT, &error);
      if (found == NULL)
        g_error ("search “%s”: %s", query, error->message);
      return g_list_model_get_n_items (found);
    case MODE_INSTR_IDS:
      ids = run_ids (bench->instr_ids, query);
      return ids->len;
    case MODE_FTS_IDS:
      if (short_query)
        ids = run_ids (bench->instr_ids, query);
      else
        {
          g_autofree char *phrase = fts_phrase (query);
          ids = run_ids (bench->fts_ids, phrase);
        }
      return ids->len;
    case MODE_FTS_SEARCH_LIMITED:
      if (short_query)
        found = gk_catalogue_search (bench->catalogue, query, LIMIT, &error);
      else
        found = fts_search (bench, query, LIMIT);
      g_assert (found != NULL);
      return g_list_model_get_n_items (found);
    case MODE_MEMORY_IDS:
      ids = memory_ids (bench, query);
      return ids->len;
    case MODE_MEMORY_SEARCH_LIMITED:
      {
        guint n_hits;
        found = memory_search (bench, query, LIMIT, &n_hits);
        return g_list_model_get_n_items (found);
      }
    case N_MODES:
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  double bench_median_ms, p90_ms, max_ms;
  double query_median_ms[G_N_ELEMENTS (queries)];
  guint  hits[G_N_ELEMENTS (queries)];
} ModeResult;

static void
measure (Bench      *bench,
         Mode        mode,
         int         runs,
         ModeResult *result)
{
  guint n = G_N_ELEMENTS (queries) * (guint) runs;
  g_autofree gint64 *all = g_new (gint64, n);
  g_autofree gint64 *one = g_new (gint64, runs);
  guint k = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      result->hits[q] = run_query (bench, mode, queries[q]);  /* warm-up */
      for (int r = 0; r < runs; r++)
        {
          gint64 start = g_get_monotonic_time ();
          guint hits = run_query (bench, mode, queries[q]);

          one[r] = all[k++] = g_get_monotonic_time () - start;
          g_assert (hits == result->hits[q]);
        }
      qsort (one, (size_t) runs, sizeof (gint64), bench_compare_gint64);
      result->query_median_ms[q] = bench_median_ms (one, (guint) runs);
    }
  qsort (all, n, sizeof (gint64), bench_compare_gint64);
  result->bench_median_ms = bench_median_ms (all, n);
  result->p90_ms = bench_percentile_ms (all, n, 90);
  result->max_ms = all[n - 1] / 1000.0;
}

static gboolean
create_fts (GkDb    *db,
            double  *ms,
            GError **error)
{
  gint64 start = g_get_monotonic_time ();

  /* case_sensitive 1: the same answers as instr(). An external-content table: the text is not
   * stored twice, only the index. */
  if (!gk_db_exec (db,
                   "CREATE VIRTUAL TABLE bench_item_fts USING fts5 (level1, level2, content, basis, subject,"
                   " content = 'item', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');"
                   "INSERT INTO bench_item_fts (bench_item_fts) VALUES ('rebuild');", error))
    return FALSE;
  *ms = (g_get_monotonic_time () - start) / 1000.0;
  return TRUE;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
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

/* One saved edit on the big workspace, as bench-edit measures it on the small one: the domain
 * is validated again after each edit, so it grows with the domain. */
static double
edit_median_ms (GkCatalogue *catalogue,
                int          domain,
                GError     **error)
{
  g_autoptr(GListModel) items = gk_catalogue_list_items (catalogue, domain, error);
  g_autoptr(GkItem) item = NULL;
  gint64 times[11];

  if (items == NULL || g_list_model_get_n_items (items) == 0)
    return -1;
  item = g_list_model_get_item (items, 0);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *value = g_strdup_printf ("第%u次编辑", i);
      gint64 start = g_get_monotonic_time ();

      if (!gk_catalogue_set_item_text (catalogue, item, GK_ITEM_NOTE, value, error))
        return -1;
      times[i] = g_get_monotonic_time () - start;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (gint64), bench_compare_gint64);
  return bench_median_ms (times, G_N_ELEMENTS (times));
}

int
main (int   argc,
      char *argv[])
{
  int n_items = 20000, runs = 11;
  gboolean keep = FALSE, prototypes, no_prototypes = FALSE;
  g_autofree char *workspace_dir = NULL;
  const GOptionEntry entries[] = {
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "Items in the workspace (default 20000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each query and mode (default 11)", "R" },
    { "no-prototypes", 0, 0, G_OPTION_ARG_NONE, &no_prototypes, "Time the app's search only", NULL },
    { "workspace-dir", 'd', 0, G_OPTION_ARG_FILENAME, &workspace_dir,
      "Folder in which to create the temporary workspace (default: the temporary folder)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the workspace afterwards", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the search of a big workspace");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *template = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ModeResult results[N_MODES] = { 0 };
  Bench bench = { 0 };
  guint n_added = 0, n_modes;
  gsize text_bytes = 0;
  gint64 start;
  double fill_ms, open_ms, fts_ms = 0, memory_ms = 0, edit_ms;
  gsize memory_bytes = 0;
  gint64 size_before;
  int status = 1;

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");  /* "0.472 ms" in every locale, for pasting into RESULTS.md */
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  if (argc > 1 || n_items < 1 || runs < 1)
    {
      g_printerr ("bench-search: %s\n", argc > 1 ? "unexpected argument" : "--items and --runs must be at least 1");
      return 1;
    }
  prototypes = !no_prototypes;
  n_modes = prototypes ? N_MODES : FIRST_PROTOTYPE;

  template = g_build_filename (workspace_dir != NULL ? workspace_dir : g_get_tmp_dir (), "gk-bench-XXXXXX", NULL);
  dir = g_mkdtemp (g_strdup (template));
  if (dir == NULL)
    {
      g_printerr ("bench-search: cannot create a folder from “%s”: %s\n", template, g_strerror (errno));
      return 1;
    }
  path = g_build_filename (dir, "bench.gongkai", NULL);

  start = g_get_monotonic_time ();
  catalogue = gk_catalogue_create (path, "基准乡", "基准县", &error);
  if (catalogue == NULL || !fill_workspace (catalogue, (guint) n_items, &n_added, &text_bytes, &error))
    goto fail;
  fill_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_clear_object (&catalogue);

  start = g_get_monotonic_time ();
  catalogue = gk_catalogue_open (path, FALSE, &error);
  if (catalogue == NULL)
    goto fail;
  open_ms = (g_get_monotonic_time () - start) / 1000.0;
  size_before = file_size (path);

  bench.catalogue = catalogue;
  bench.instr_ids = gk_db_prepare (gk_catalogue_get_db (catalogue),
                                   "SELECT i.id FROM item i JOIN domain d ON d.id = i.domain_id" INSTR_WHERE ORDER, &error);
  if (bench.instr_ids == NULL)
    goto fail;

  printf ("workspace:   %s\n", path);
  printf ("items:       %d (%u added in one transaction, %.1f MB of searched text, %.0f bytes an item)\n",
          n_items, n_added, text_bytes / 1e6, n_added > 0 ? (double) text_bytes / n_added : 0.0);
  printf ("setup:       %.0f ms (create, seed and fill)\n", fill_ms);
  printf ("open:        %.0f ms (gk_catalogue_open of the filled workspace)\n", open_ms);
  printf ("file:        %.1f MB\n", size_before / 1e6);

  for (Mode m = MODE_SEARCH; m < FIRST_PROTOTYPE; m++)
    measure (&bench, m, runs, &results[m]);

  if (prototypes)
    {
      GkDb *db = gk_catalogue_get_db (catalogue);

      if (!create_fts (db, &fts_ms, &error))
        goto fail;
      bench.fts_ids = gk_db_prepare (db, "SELECT i.id FROM item i JOIN domain d ON d.id = i.domain_id" FTS_WHERE ORDER, &error);
      bench.fts_rows = gk_db_prepare (db, ITEM_COLUMNS FTS_WHERE ORDER, &error);
      bench.row_by_id = gk_db_prepare (db, ITEM_COLUMNS " WHERE i.id = ?1", &error);
      if (bench.fts_ids == NULL || bench.fts_rows == NULL || bench.row_by_id == NULL ||
          !build_memory_index (&bench, &memory_ms, &memory_bytes, &error))
        goto fail;

      /* The prototypes answer as instr() does, or their numbers mean nothing. */
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autofree char *phrase = fts_phrase (queries[q]);
          g_autoptr(GArray) a = run_ids (bench.instr_ids, queries[q]);
          g_autoptr(GArray) b = g_utf8_strlen (queries[q], -1) < 3 ? run_ids (bench.instr_ids, queries[q])
                                                                    : run_ids (bench.fts_ids, phrase);
          g_autoptr(GArray) c = memory_ids (&bench, queries[q]);

          if (a->len != b->len || memcmp (a->data, b->data, a->len * sizeof (gint64)) != 0 ||
              a->len != c->len || memcmp (a->data, c->data, a->len * sizeof (gint64)) != 0)
            {
              g_printerr ("bench-search: for “%s” instr() finds %u items, the FTS5 prototype %u, the memory one %u\n",
                          queries[q], a->len, b->len, c->len);
              goto fail;
            }
        }
      for (Mode m = FIRST_PROTOTYPE; m < N_MODES; m++)
        measure (&bench, m, runs, &results[m]);
      printf ("fts index:   built in %.0f ms, file %.1f MB → %.1f MB\n", fts_ms, size_before / 1e6,
              file_size (path) / 1e6);
      printf ("memory:      built in %.0f ms, %.1f MB\n", memory_ms, memory_bytes / 1e6);
    }

  edit_ms = edit_median_ms (catalogue, 20, &error);
  if (edit_ms < 0)
    goto fail;
  printf ("edit:        %.2f ms median of 11 saved edits of an item in a domain of %u items\n", edit_ms,
          gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 20)));

  printf ("\nper query (median of %d runs, ms):\n%-22s %7s", runs, "query", "hits");
  for (guint m = 0; m < n_modes; m++)
    printf (" %10s", mode_names[m]);
  printf ("\n");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      /* Chinese characters are two columns wide: pad by display width. */
      int width = 0;
      for (const char *p = queries[q]; *p != '\0'; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      printf ("%s%*s %7u", queries[q], MAX (0, 22 - width), "", results[MODE_SEARCH].hits[q]);
      for (guint m = 0; m < n_modes; m++)
        printf (" %10.2f", results[m].query_median_ms[q]);
      printf ("\n");
    }

  printf ("\nall %u queries × %d runs:\n%-12s %9s %9s %9s\n", (guint) G_N_ELEMENTS (queries), runs,
          "mode", "median", "p90", "max");
  for (guint m = 0; m < n_modes; m++)
    printf ("%-12s %6.2f ms %6.2f ms %6.2f ms\n", mode_names[m], results[m].bench_median_ms, results[m].p90_ms,
            results[m].max_ms);
  printf ("\ngoal:        search median ≤ %.0f ms: %s\n", GOAL_MEDIAN_MS,
          results[MODE_SEARCH].bench_median_ms <= GOAL_MEDIAN_MS ? "met" : "NOT met");
  status = 0;
  goto out;

fail:
  g_printerr ("bench-search: %s\n", error != NULL ? error->message : "failed");
out:
  g_clear_pointer (&bench.instr_ids, sqlite3_finalize);
  g_clear_pointer (&bench.fts_ids, sqlite3_finalize);
  g_clear_pointer (&bench.fts_rows, sqlite3_finalize);
  g_clear_pointer (&bench.row_by_id, sqlite3_finalize);
  g_clear_pointer (&bench.entries, g_array_unref);
  g_clear_object (&catalogue);
  if (keep && status == 0)
    printf ("kept:        %s\n", path);
  else
    remove_workspace (dir, path);
  return status;
}
