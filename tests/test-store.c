/* Tests of the workspace store: GkDb and GkCatalogue on real files, including damaged files and
 * a process killed in the middle of its edits. */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gk-core.h"
#include "gk-schema.h"
#include "gk-test-util.h"

#define TOWNSHIP "城关镇"
#define COUNTY "某某县"

static const char * const design_tables[] = {
  "profile", "domain", "department", "item", "standard_deviation", "task", "task_department",
  "holiday",
};

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = gk_test_tmp_dir_new ("gk-store-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gk_test_tmp_dir_free (f->dir);
}

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_size;
}

static gboolean
sidecar_exists (const char *path,
                const char *suffix)
{
  g_autofree char *sidecar = g_strconcat (path, suffix, NULL);
  return g_file_test (sidecar, G_FILE_TEST_EXISTS);
}

/* A closed workspace is one self-contained file that can be copied to a USB stick. */
static void
assert_no_sidecars (const char *path)
{
  g_assert_false (sidecar_exists (path, "-wal"));
  g_assert_false (sidecar_exists (path, "-shm"));
  g_assert_false (sidecar_exists (path, "-journal"));
}

static sqlite3 *
handle (GkCatalogue *catalogue)
{
  return gk_db_get_handle (gk_catalogue_get_db (catalogue));
}

/* Runs @sql on @path with a plain sqlite connection, as another program would. With @keep_wal
 * the connection does not checkpoint on close, which leaves the commits in the WAL, as a crash
 * or a still-open connection does. */
static void
raw_exec (const char *path,
          const char *sql,
          gboolean    keep_wal)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (keep_wal)
    sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static GkCatalogue *
create_workspace (const char *path)
{
  return gk_test_create_workspace (path, TOWNSHIP, COUNTY);
}

/* Closes for real: nothing else may keep the workspace open. */
static void
close_workspace (GkCatalogue **catalogue)
{
  g_assert_finalize_object (g_steal_pointer (catalogue));
}

static GkItem *
item_by_origin (GkCatalogue *catalogue,
                int          domain,
                const char  *origin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = gk_catalogue_list_items (catalogue, domain, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      if (g_str_equal (gk_item_get_origin (item), origin))
        return g_steal_pointer (&item);
    }
  return NULL;
}

static guint
n_township_items (GkStandards *standards,
                  int          domain)
{
  g_autoptr(GPtrArray) items = gk_standards_get_items (standards, domain);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += gk_standard_item_is_township (g_ptr_array_index (items, i));
  return n;
}

/* ---- a new workspace -------------------------------------------------------------------- */

static void
assert_seeded (GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  GkStandards *standards = gk_catalogue_get_standards (catalogue);
  GListModel *domains = gk_catalogue_get_domains (catalogue);
  sqlite3 *db = handle (catalogue);
  guint total = 0;

  g_assert_cmpuint (gk_standards_get_n_domains (standards), ==, 26);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 26);
  g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM domain"), ==, 26);

  for (guint i = 0; i < 26; i++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (standards, i);
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      g_autoptr(GPtrArray) library = gk_standards_get_items (standards, info->number);
      g_autoptr(GListModel) items = gk_catalogue_list_items (catalogue, info->number, &error);
      guint n = 0;

      g_assert_no_error (error);
      g_assert_cmpint (gk_domain_get_number (domain), ==, (int) i + 1);
      g_assert_cmpstr (gk_domain_get_code (domain), ==, info->code);
      g_assert_cmpstr (gk_domain_get_name (domain), ==, info->name);
      g_assert_cmpstr (gk_domain_get_national_lead (domain), ==, info->lead_department);
      g_assert_cmpstr (gk_domain_get_local_lead (domain), ==, "");
      g_assert_true (gk_domain_get_applicable (domain));
      g_assert_false (gk_domain_get_custom (domain));
      g_assert_true (gk_catalogue_get_domain (catalogue, info->number) == domain);

      /* Exactly the township-level items, in the library's order, as drafts. */
      for (guint j = 0; j < library->len; j++)
        {
          const GkStandardItem *std = g_ptr_array_index (library, j);
          g_autofree char *origin = g_strconcat ("standard:", std->id, NULL);
          gint64 rows = gk_test_sql_int (db, "SELECT count(*) FROM item WHERE origin = %Q", origin);
          g_autoptr(GkItem) item = NULL;

          if (!gk_standard_item_is_township (std))
            {
              g_assert_cmpint (rows, ==, 0);
              continue;
            }
          g_assert_cmpint (rows, ==, 1);
          g_assert_cmpuint (n, <, g_list_model_get_n_items (items));
          item = g_list_model_get_item (items, n++);

          gk_test_assert_as_standard (item, std);
          g_assert_cmpint (gk_item_get_domain_number (item), ==, info->number);
          g_assert_cmpint (gk_item_get_position (item), ==, (int) n);
          g_assert_true (gk_item_get_flag (item, GK_FLAG_LEVEL_TOWNSHIP));
          g_assert_cmpstr (gk_item_get_updated_at (item), !=, "");
        }
      g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
      g_assert_cmpuint (n, ==, n_township_items (standards, info->number));
      g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n);
      total += n;
    }

  g_assert_cmpuint (total, ==, 80);  /* data/standards/README.md */
  g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM item"), ==, total);
  g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM item WHERE origin NOT GLOB 'standard:*'"), ==, 0);
  g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM standard_deviation"), ==, 0);
  g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM profile"), ==, 1);
}

static void
assert_workspace_settings (GkCatalogue *catalogue)
{
  sqlite3 *db = handle (catalogue);
  g_autofree char *journal = gk_test_sql_text (db, "PRAGMA journal_mode");

  g_assert_cmpint (gk_test_sql_int (db, "PRAGMA user_version"), ==, GK_DB_SCHEMA_VERSION);
  g_assert_cmpint (gk_test_sql_int (db, "PRAGMA application_id"), ==, GK_DB_APPLICATION_ID);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (gk_test_sql_int (db, "PRAGMA foreign_keys"), ==, 1);
  /* FULL: a change the user saw saved survives a power cut. */
  g_assert_cmpint (gk_test_sql_int (db, "PRAGMA synchronous"), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (design_tables); i++)
    g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %Q",
                              design_tables[i]), ==, 1);
}

static void
test_new_workspace (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "sub dir/新 workspace.gongkai");
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (now));
  g_autofree char *value = NULL;

  /* The folder is made as needed. */
  catalogue = create_workspace (path);
  g_assert_cmpstr (gk_catalogue_get_path (catalogue), ==, path);
  g_assert_cmpint (gk_db_get_opened_version (gk_catalogue_get_db (catalogue)), ==, 0);
  assert_workspace_settings (catalogue);
  assert_seeded (catalogue);

  value = gk_catalogue_get_profile (catalogue, GK_PROFILE_TOWNSHIP);
  g_assert_cmpstr (value, ==, TOWNSHIP);
  g_clear_pointer (&value, g_free);
  value = gk_catalogue_get_profile (catalogue, GK_PROFILE_COUNTY);
  g_assert_cmpstr (value, ==, COUNTY);
  g_clear_pointer (&value, g_free);
  value = gk_catalogue_get_profile (catalogue, GK_PROFILE_YEAR);
  g_assert_cmpstr (value, ==, year);
  g_clear_pointer (&value, g_free);
  value = gk_catalogue_get_profile (catalogue, GK_PROFILE_PHONE);
  g_assert_cmpstr (value, ==, "");

  close_workspace (&catalogue);
  assert_no_sidecars (path);

  /* Opening again does not seed twice. */
  catalogue = gk_test_open_workspace (path);
  g_assert_cmpint (gk_db_get_opened_version (gk_catalogue_get_db (catalogue)), ==, GK_DB_SCHEMA_VERSION);
  assert_seeded (catalogue);
  close_workspace (&catalogue);

  /* A default location under the user's data folder. */
  {
    g_autofree char *default_path = gk_catalogue_default_path ();
    g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
    g_assert_true (g_str_has_suffix (default_path, ".gongkai"));
  }
}

static void
test_create_existing (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "exists.gongkai");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  gsize before_len, after_len;

  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_PHONE, "0871-1234567", &error));
  close_workspace (&catalogue);
  before = gk_test_read_file (path, &before_len);

  /* "New workspace" over an existing one never overwrites it. */
  catalogue = gk_catalogue_create (path, "别的镇", "别的县", &error);
  g_assert_null (catalogue);
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
  after = gk_test_read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  assert_no_sidecars (path);
}

static void
test_migrate_from_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "empty.gongkai");
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;", GK_DB_APPLICATION_ID);
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *township = NULL;
  const char *name;

  /* A file that sqlite made with our id and nothing else: schema version 0. */
  raw_exec (path, sql, FALSE);
  g_assert_cmpint (file_size (path), >, 0);

  catalogue = gk_test_open_workspace (path);
  g_assert_cmpint (gk_db_get_opened_version (gk_catalogue_get_db (catalogue)), ==, 0);
  assert_workspace_settings (catalogue);
  assert_seeded (catalogue);
  township = gk_catalogue_get_profile (catalogue, GK_PROFILE_TOWNSHIP);
  g_assert_cmpstr (township, ==, "");
  close_workspace (&catalogue);
  assert_no_sidecars (path);

  /* Nothing to back up from version 0: no backup copy next to it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "empty.gongkai");

  catalogue = gk_test_open_workspace (path);
  g_assert_cmpint (gk_db_get_opened_version (gk_catalogue_get_db (catalogue)), ==, GK_DB_SCHEMA_VERSION);
  assert_seeded (catalogue);
  close_workspace (&catalogue);
}

/* A workspace saved by the first release (schema 1): its tasks' departments get the order they
 * were shown in until now, and the file as it was is kept beside it. */
static void
test_migrate_from_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "v1.gongkai");
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *sql = g_strdup_printf (
    "%s PRAGMA user_version = 1; PRAGMA application_id = %d;"
    "INSERT INTO department (id, position, name) VALUES (1, 2, '县民政局'), (2, 1, '党政办'), (3, 3, '社会事务办');"
    "INSERT INTO task (id, title) VALUES (1, '甲'), (2, '乙');"
    "INSERT INTO task_department (task_id, department_id) VALUES (1, 3), (1, 1), (1, 2), (2, 3);",
    gk_schema_migration (1), GK_DB_APPLICATION_ID);
  static const char order[] =
    "SELECT group_concat (name, '、') FROM (SELECT d.name FROM task_department td"
    " JOIN department d ON d.id = td.department_id WHERE td.task_id = %d ORDER BY td.position)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GkDb) db = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *old = NULL;

  raw_exec (path, sql, FALSE);
  db = gk_db_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gk_db_get_opened_version (db), ==, 1);
  g_assert_cmpint (gk_test_sql_int (gk_db_get_handle (db), "PRAGMA user_version"), ==, GK_DB_SCHEMA_VERSION);
  g_free (sql);
  sql = g_strdup_printf (order, 1);
  first = gk_test_sql_text (gk_db_get_handle (db), sql);
  g_assert_cmpstr (first, ==, "党政办、县民政局、社会事务办");
  g_free (sql);
  sql = g_strdup_printf (order, 2);
  second = gk_test_sql_text (gk_db_get_handle (db), sql);
  g_assert_cmpstr (second, ==, "社会事务办");
  g_clear_object (&db);

  /* The copy made before migrating is the file as the old release left it. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sqlite3_open_v2 (backup, &old, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (gk_test_sql_int (old, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (gk_test_sql_int (old, "SELECT count(*) FROM task_department"), ==, 4);
  sqlite3_close (old);
  g_unlink (backup);
}

/* ---- edits persist ---------------------------------------------------------------------- */

static const char * const texts[GK_ITEM_N_TEXTS] = {
  "综合业务（本镇）", "低保对象名单", "姓名、家庭人口、保障金额", "《社会救助暂行办法》",
  "信息形成之日起20个工作日内", "社会事务办", "村务公开栏“阳光”", "备注：含 emoji 🙂 与 'quotes'",
};

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "reopen.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GkItem) added = NULL;
  g_autoptr(GkItem) local = NULL;
  g_autoptr(GkItem) to_delete = NULL;
  g_autoptr(GkItem) to_delete_silently = NULL;
  static const char * const profile[GK_N_PROFILE_FIELDS] = {
    "新城镇", "新县", "某某州", "云南省", "李四", "0871-12345678", "2025", "2025年第2版",
  };
  gboolean flags[GK_N_FLAGS];
  guint channels = (1u << GK_CHANNEL_WEBSITE) | (1u << GK_CHANNEL_NOTICE_BOARD) | (1u << GK_CHANNEL_OTHER);
  gint64 item_id, added_id, local_id, deleted_id, silent_id;
  guint n_items_20, n_items_26;
  g_autofree char *updated_at = NULL;

  for (guint i = 0; i < GK_N_PROFILE_FIELDS; i++)
    {
      g_assert_true (gk_catalogue_set_profile (catalogue, i, profile[i], &error));
      g_assert_no_error (error);
    }

  /* Every text, every flag, the channels and the state of one standard item. */
  item = item_by_origin (catalogue, 20, "standard:20-01");
  g_assert_nonnull (item);
  item_id = gk_item_get_id (item);
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    {
      g_assert_true (gk_catalogue_set_item_text (catalogue, item, t, texts[t], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gk_item_get_text (item, t), ==, texts[t]);
    }
  for (guint flag = 0; flag < GK_N_FLAGS; flag++)
    {
      flags[flag] = !gk_item_get_flag (item, flag);
      g_assert_true (gk_catalogue_set_item_flag (catalogue, item, flag, flags[flag], &error));
      g_assert_no_error (error);
      g_assert_cmpint (gk_item_get_flag (item, flag), ==, flags[flag]);
    }
  g_assert_true (gk_catalogue_set_item_channels (catalogue, item, channels, &error));
  g_assert_no_error (error);
  g_assert_true (gk_catalogue_set_item_confirmed (catalogue, item, TRUE, &error));
  g_assert_no_error (error);
  updated_at = g_strdup (gk_item_get_updated_at (item));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       updated_at, 0, 0));

  /* Domains: skipped with a reason; skipped and included again (the reason is kept). */
  g_assert_true (gk_catalogue_set_domain_applicable (catalogue, 5, FALSE, "本镇无税务分局", &error));
  g_assert_true (gk_catalogue_set_domain_applicable (catalogue, 17, FALSE, "无城管执法中队", &error));
  g_assert_true (gk_catalogue_set_domain_applicable (catalogue, 17, TRUE, NULL, &error));
  g_assert_true (gk_catalogue_set_domain_local_lead (catalogue, 20, "社会事务办", &error));
  g_assert_no_error (error);
  g_assert_false (gk_domain_get_applicable (gk_catalogue_get_domain (catalogue, 5)));
  g_assert_cmpstr (gk_domain_get_reason (gk_catalogue_get_domain (catalogue, 5)), ==, "本镇无税务分局");
  g_assert_true (gk_domain_get_applicable (gk_catalogue_get_domain (catalogue, 17)));
  g_assert_cmpstr (gk_domain_get_reason (gk_catalogue_get_domain (catalogue, 17)), ==, "无城管执法中队");

  /* A local item, added at the end of its domain. */
  n_items_26 = gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 26));
  added = gk_catalogue_add_item (catalogue, 26, "自定义事项", "二级事项", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  added_id = gk_item_get_id (added);
  g_assert_cmpstr (gk_item_get_origin (added), ==, "local");
  g_assert_null (gk_item_get_standard_id (added));
  g_assert_cmpint (gk_item_get_position (added), ==, (int) n_items_26 + 1);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 26)), ==, n_items_26 + 1);
  g_assert_true (gk_catalogue_set_item_text (catalogue, added, GK_ITEM_CONTENT, "本地内容", &error));
  g_assert_no_error (error);

  /* Deletions: a standard item with a reason is a deviation the county sees; without a reason,
   * or a local item, is not. */
  n_items_20 = gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 20));
  to_delete = item_by_origin (catalogue, 20, "standard:20-02");
  to_delete_silently = item_by_origin (catalogue, 20, "standard:20-03");
  g_assert_nonnull (to_delete);
  g_assert_nonnull (to_delete_silently);
  deleted_id = gk_item_get_id (to_delete);
  silent_id = gk_item_get_id (to_delete_silently);
  g_assert_true (gk_catalogue_delete_item (catalogue, deleted_id, "本镇无此项业务", &error));
  g_assert_no_error (error);
  g_assert_true (gk_catalogue_delete_item (catalogue, silent_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 20)), ==, n_items_20 - 2);
  local = gk_catalogue_add_item (catalogue, 20, "临时事项", NULL, &error);
  g_assert_no_error (error);
  local_id = gk_item_get_id (local);
  g_assert_true (gk_catalogue_delete_item (catalogue, local_id, "录入错误", &error));
  g_assert_no_error (error);

  close_workspace (&catalogue);
  assert_no_sidecars (path);
  g_clear_object (&item);

  /* ---- everything is there after reopening ---- */
  catalogue = gk_test_open_workspace (path);

  for (guint i = 0; i < GK_N_PROFILE_FIELDS; i++)
    {
      g_autofree char *value = gk_catalogue_get_profile (catalogue, i);
      g_assert_cmpstr (value, ==, profile[i]);
    }

  item = gk_catalogue_get_item (catalogue, item_id, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    g_assert_cmpstr (gk_item_get_text (item, t), ==, texts[t]);
  for (guint flag = 0; flag < GK_N_FLAGS; flag++)
    g_assert_cmpint (gk_item_get_flag (item, flag), ==, flags[flag]);
  g_assert_cmpuint (gk_item_get_channels (item), ==, channels);
  g_assert_true (gk_item_get_confirmed (item));
  g_assert_cmpstr (gk_item_get_origin (item), ==, "standard:20-01");
  g_assert_cmpstr (gk_item_get_updated_at (item), ==, updated_at);

  g_assert_false (gk_domain_get_applicable (gk_catalogue_get_domain (catalogue, 5)));
  g_assert_cmpstr (gk_domain_get_reason (gk_catalogue_get_domain (catalogue, 5)), ==, "本镇无税务分局");
  g_assert_true (gk_domain_get_applicable (gk_catalogue_get_domain (catalogue, 17)));
  g_assert_cmpstr (gk_domain_get_reason (gk_catalogue_get_domain (catalogue, 17)), ==, "无城管执法中队");
  g_assert_cmpstr (gk_domain_get_local_lead (gk_catalogue_get_domain (catalogue, 20)), ==, "社会事务办");
  g_assert_cmpstr (gk_domain_get_local_lead (gk_catalogue_get_domain (catalogue, 19)), ==, "");
  /* find_domain goes through the same names as the library. */
  g_assert_true (gk_catalogue_find_domain (catalogue, "社会救助") == gk_catalogue_get_domain (catalogue, 20));
  g_assert_true (gk_catalogue_find_domain (catalogue, "医疗卫生") == gk_catalogue_get_domain (catalogue, 25));
  g_assert_null (gk_catalogue_find_domain (catalogue, "涉农资金"));

  g_clear_object (&added);
  added = gk_catalogue_get_item (catalogue, added_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gk_item_get_domain_number (added), ==, 26);
  g_assert_cmpstr (gk_item_get_text (added, GK_ITEM_LEVEL1), ==, "自定义事项");
  g_assert_cmpstr (gk_item_get_text (added, GK_ITEM_LEVEL2), ==, "二级事项");
  g_assert_cmpstr (gk_item_get_text (added, GK_ITEM_CONTENT), ==, "本地内容");
  g_assert_cmpstr (gk_item_get_origin (added), ==, "local");
  g_assert_true (gk_item_get_flag (added, GK_FLAG_LEVEL_TOWNSHIP));
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 26)), ==, n_items_26 + 1);

  for (guint i = 0; i < 3; i++)
    {
      gint64 gone = i == 0 ? deleted_id : i == 1 ? silent_id : local_id;
      g_autoptr(GkItem) missing = gk_catalogue_get_item (catalogue, gone, &error);
      g_assert_null (missing);
      g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 20)), ==, n_items_20 - 2);

  {
    sqlite3 *db = handle (catalogue);
    g_autofree char *reason = gk_test_sql_text (db, "SELECT reason FROM standard_deviation WHERE standard_id = '20-02'");

    g_assert_cmpint (gk_test_sql_int (db, "SELECT count(*) FROM standard_deviation"), ==, 1);
    g_assert_cmpstr (reason, ==, "本镇无此项业务");
    g_assert_cmpint (gk_test_sql_int (db, "SELECT d.number FROM standard_deviation s JOIN domain d ON d.id = s.domain_id"),
                     ==, 20);
    g_assert_cmpint (gk_test_sql_int (db, "PRAGMA foreign_keys"), ==, 1);
  }
  close_workspace (&catalogue);
}

static void
count_signal (GkCatalogue *catalogue,
              int          number,
              gpointer     user_data)
{
  int *last = user_data;
  *last = number;
}

/* The views follow the store through signals: a list of items, the domain's count, a cell. */
static void
test_signals (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "signals.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  int changed_domain = 0;
  guint n_notify = 0;

  g_signal_connect (catalogue, "items-changed", G_CALLBACK (count_signal), &changed_domain);
  item = gk_catalogue_add_item (catalogue, 12, "新增", "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed_domain, ==, 12);

  changed_domain = 0;
  g_assert_true (gk_catalogue_delete_item (catalogue, gk_item_get_id (item), NULL, &error));
  g_assert_cmpint (changed_domain, ==, 12);

  g_clear_object (&item);
  item = item_by_origin (catalogue, 20, "standard:20-01");
  g_signal_connect (item, "notify::content", G_CALLBACK (gk_test_count_notify), &n_notify);
  g_assert_true (gk_catalogue_set_item_text (catalogue, item, GK_ITEM_CONTENT, "新内容", &error));
  g_assert_cmpuint (n_notify, ==, 1);
  /* A refused edit changes nothing that a view shows. */
  g_assert_false (gk_catalogue_set_item_text (catalogue, item, GK_ITEM_CONTENT, "\xff", &error));
  g_clear_error (&error);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_CONTENT), ==, "新内容");
  g_signal_handlers_disconnect_by_data (item, &n_notify);

  close_workspace (&catalogue);
}

/* ---- rules ------------------------------------------------------------------------------ */

static void
test_rules_profile (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "rules.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  static const char * const bad_years[] = { "abc", "1900", "2018", "2101", "", "20x5", "2024.5", "-2024", "99999" };
  g_autofree char *max_name = gk_test_repeat ("镇", 100);
  g_autofree char *long_name = gk_test_repeat ("镇", 101);
  g_autofree char *max_phone = gk_test_repeat ("9", 50);
  g_autofree char *long_phone = gk_test_repeat ("9", 51);

  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_YEAR, "2024", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_years); i++)
    {
      g_test_message ("year “%s”", bad_years[i]);
      g_assert_false (gk_catalogue_set_profile (catalogue, GK_PROFILE_YEAR, bad_years[i], &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
      gk_test_assert_profile (catalogue, GK_PROFILE_YEAR, "2024");
    }
  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_YEAR, "2019", &error));
  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_YEAR, "2100", &error));
  g_assert_no_error (error);
  gk_test_assert_profile (catalogue, GK_PROFILE_YEAR, "2100");

  /* Limits count characters, not bytes: 100 Chinese characters fit. */
  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_TOWNSHIP, max_name, &error));
  g_assert_no_error (error);
  g_assert_false (gk_catalogue_set_profile (catalogue, GK_PROFILE_TOWNSHIP, long_name, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  gk_test_assert_profile (catalogue, GK_PROFILE_TOWNSHIP, max_name);

  g_assert_true (gk_catalogue_set_profile (catalogue, GK_PROFILE_PHONE, max_phone, &error));
  g_assert_false (gk_catalogue_set_profile (catalogue, GK_PROFILE_PHONE, long_phone, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  gk_test_assert_profile (catalogue, GK_PROFILE_PHONE, max_phone);

  g_assert_false (gk_catalogue_set_profile (catalogue, GK_PROFILE_COUNTY, "县\xff\xfe", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  gk_test_assert_profile (catalogue, GK_PROFILE_COUNTY, COUNTY);

  g_assert_cmpint (gk_profile_field_from_key ("compiled_by"), ==, GK_PROFILE_COMPILED_BY);
  g_assert_cmpint (gk_profile_field_from_key ("nonsense"), ==, -1);

  close_workspace (&catalogue);
  catalogue = gk_test_open_workspace (path);
  gk_test_assert_profile (catalogue, GK_PROFILE_YEAR, "2100");
  gk_test_assert_profile (catalogue, GK_PROFILE_TOWNSHIP, max_name);
  gk_test_assert_profile (catalogue, GK_PROFILE_COUNTY, COUNTY);
  close_workspace (&catalogue);
}

static const struct { GkItemText text; guint limit; } text_limits[] = {
  { GK_ITEM_LEVEL1, 200 }, { GK_ITEM_LEVEL2, 200 }, { GK_ITEM_CONTENT, 10000 },
  { GK_ITEM_BASIS, 10000 }, { GK_ITEM_TIME_LIMIT, 500 }, { GK_ITEM_SUBJECT, 500 },
  { GK_ITEM_CHANNELS_OTHER, 500 }, { GK_ITEM_NOTE, 2000 },
};

static void
test_rules_item_texts (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "rules.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = item_by_origin (catalogue, 20, "standard:20-01");

  for (guint i = 0; i < G_N_ELEMENTS (text_limits); i++)
    {
      GkItemText text = text_limits[i].text;
      g_autofree char *fits = gk_test_repeat ("字", text_limits[i].limit);
      g_autofree char *too_long = gk_test_repeat ("字", text_limits[i].limit + 1);
      g_autoptr(GkItem) stored = NULL;

      g_test_message ("%s: %u characters", gk_item_text_key (text), text_limits[i].limit);
      g_assert_true (gk_catalogue_set_item_text (catalogue, item, text, fits, &error));
      g_assert_no_error (error);

      g_assert_false (gk_catalogue_set_item_text (catalogue, item, text, too_long, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (gk_catalogue_set_item_field (catalogue, item, gk_item_text_key (text), too_long, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (gk_catalogue_set_item_text (catalogue, item, text, "坏\xc3(", &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);

      g_assert_cmpstr (gk_item_get_text (item, text), ==, fits);
      stored = gk_test_reload_item (catalogue, item);
      g_assert_cmpstr (gk_item_get_text (stored, text), ==, fits);
    }

  /* Adding: the same limits on the names, and nothing half-added. */
  {
    g_autofree char *too_long = gk_test_repeat ("字", 201);
    guint n = gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 3));
    g_autoptr(GkItem) added = gk_catalogue_add_item (catalogue, 3, too_long, "", &error);

    g_assert_null (added);
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
    added = gk_catalogue_add_item (catalogue, 3, "名称", "\xff", &error);
    g_assert_null (added);
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
    added = gk_catalogue_add_item (catalogue, 27, "名称", "", &error);
    g_assert_null (added);
    g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    added = gk_catalogue_add_item (catalogue, 0, "名称", "", &error);
    g_assert_null (added);
    g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 3)), ==, n);
    g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item"), ==, 80);
  }

  close_workspace (&catalogue);
}

static void
test_rules_item_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "rules.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = item_by_origin (catalogue, 20, "standard:20-01");
  g_autoptr(GkItem) stored = NULL;
  static const char * const bad_flags[] = { "2", "-1", "yes", "是", "x", "1 ", "√√" };
  static const char * const unknown_keys[] = {
    "nonsense", "", "id", "origin", "updated_at", "domain", "position", "Level1", "level-1",
  };
  static const struct { const char *text; gboolean value; } good_flags[] = {
    { "0", FALSE }, { "1", TRUE }, { "", FALSE }, { "√", TRUE }, { "false", FALSE }, { "TRUE", TRUE },
  };
  guint channels;

  /* Ticks typed as text: the accepted spellings, and anything else refused. */
  for (guint i = 0; i < G_N_ELEMENTS (good_flags); i++)
    {
      g_assert_true (gk_catalogue_set_item_field (catalogue, item, "mode_request", good_flags[i].text, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gk_item_get_flag (item, GK_FLAG_MODE_REQUEST), ==, good_flags[i].value);
    }
  g_assert_true (gk_catalogue_set_item_field (catalogue, item, "mode_active", "1", &error));
  for (guint i = 0; i < G_N_ELEMENTS (bad_flags); i++)
    {
      g_test_message ("flag “%s”", bad_flags[i]);
      g_assert_false (gk_catalogue_set_item_field (catalogue, item, "mode_active", bad_flags[i], &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_true (gk_item_get_flag (item, GK_FLAG_MODE_ACTIVE));
    }
  stored = gk_test_reload_item (catalogue, item);
  g_assert_true (gk_item_get_flag (stored, GK_FLAG_MODE_ACTIVE));
  g_assert_true (gk_item_get_flag (stored, GK_FLAG_MODE_REQUEST));
  g_clear_object (&stored);

  /* Fields that are not editable, or do not exist, are refused: the origin of a standard item
   * in particular. */
  for (guint i = 0; i < G_N_ELEMENTS (unknown_keys); i++)
    {
      g_assert_false (gk_catalogue_set_item_field (catalogue, item, unknown_keys[i], "local", &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
    }
  stored = gk_test_reload_item (catalogue, item);
  g_assert_cmpstr (gk_item_get_origin (stored), ==, "standard:20-01");
  g_clear_object (&stored);

  /* Channels as text. */
  g_assert_true (gk_catalogue_set_item_field (catalogue, item, "channels", "政府网站;其他:村广播", &error));
  g_assert_no_error (error);
  channels = (1u << GK_CHANNEL_WEBSITE) | (1u << GK_CHANNEL_OTHER);
  g_assert_cmpuint (gk_item_get_channels (item), ==, channels);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER), ==, "村广播");
  g_assert_false (gk_catalogue_set_item_field (catalogue, item, "channels", "政府网站;微信群", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_set_item_channels (catalogue, item, 1u << GK_N_CHANNELS, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (gk_item_get_channels (item), ==, channels);
  stored = gk_test_reload_item (catalogue, item);
  g_assert_cmpuint (gk_item_get_channels (stored), ==, channels);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_CHANNELS_OTHER), ==, "村广播");
  g_clear_object (&stored);

  /* State. */
  g_assert_true (gk_catalogue_set_item_field (catalogue, item, "state", "confirmed", &error));
  g_assert_no_error (error);
  g_assert_false (gk_catalogue_set_item_field (catalogue, item, "state", "done", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  stored = gk_test_reload_item (catalogue, item);
  g_assert_true (gk_item_get_confirmed (stored));
  g_clear_object (&stored);

  /* Domains. */
  {
    g_autofree char *long_reason = gk_test_repeat ("因", 2001);
    g_autofree char *long_lead = gk_test_repeat ("办", 201);

    g_assert_false (gk_catalogue_set_domain_applicable (catalogue, 27, FALSE, "理由", &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (gk_catalogue_set_domain_applicable (catalogue, 5, FALSE, long_reason, &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (gk_catalogue_set_domain_applicable (catalogue, 5, FALSE, "\xff", &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (gk_domain_get_applicable (gk_catalogue_get_domain (catalogue, 5)));
    g_assert_false (gk_catalogue_set_domain_local_lead (catalogue, 5, long_lead, &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpstr (gk_domain_get_local_lead (gk_catalogue_get_domain (catalogue, 5)), ==, "");
    g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT applicable FROM domain WHERE number = 5"), ==, 1);
  }

  close_workspace (&catalogue);
}

static void
test_rules_deleted_meanwhile (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "rules.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = item_by_origin (catalogue, 22, "standard:22-01");
  g_autoptr(GkItem) again = NULL;
  g_autoptr(GkItem) other = item_by_origin (catalogue, 22, "standard:22-02");
  g_autofree char *long_reason = gk_test_repeat ("因", 2001);
  gint64 id = gk_item_get_id (item);
  guint n = gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 22));

  /* A refused reason leaves the item in place. */
  g_assert_false (gk_catalogue_delete_item (catalogue, gk_item_get_id (other), long_reason, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_delete_item (catalogue, gk_item_get_id (other), "\xff", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  again = gk_test_reload_item (catalogue, other);
  g_clear_object (&again);
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM standard_deviation"), ==, 0);

  /* Deleted in the meantime (another window, the CLI): every edit says so and none revives it. */
  g_assert_true (gk_catalogue_delete_item (catalogue, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 22)), ==, n - 1);

  g_assert_false (gk_catalogue_set_item_text (catalogue, item, GK_ITEM_NOTE, "迟到的修改", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_set_item_flag (catalogue, item, GK_FLAG_MODE_REQUEST, TRUE, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_set_item_channels (catalogue, item, 1, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_set_item_confirmed (catalogue, item, TRUE, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_set_item_field (catalogue, item, "content", "x", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_delete_item (catalogue, id, "理由", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  again = gk_catalogue_get_item (catalogue, id, &error);
  g_assert_null (again);
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The object keeps what it showed: a refused edit is not applied to it. */
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_NOTE), ==, "");
  g_assert_false (gk_item_get_confirmed (item));
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item WHERE id = %lld", (long long) id), ==, 0);
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM standard_deviation"), ==, 0);

  close_workspace (&catalogue);
}

/* ---- files that are not (good) workspaces ----------------------------------------------- */

static void
assert_refused (const char *path,
                gboolean    create,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);

  if (existed)
    before = gk_test_read_file (path, &before_len);

  catalogue = gk_catalogue_open (path, create, &error);
  g_assert_null (catalogue);
  g_assert_error (error, GK_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* Refused means untouched: the same bytes, no journal or WAL left beside it. */
  if (existed)
    {
      after = gk_test_read_file (path, &after_len);
      g_assert_cmpmem (before, before_len, after, after_len);
    }
  else
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_sidecars (path);
}

static void
assert_refused_both (const char *path,
                     int         code)
{
  assert_refused (path, FALSE, code);
  assert_refused (path, TRUE, code);
}

static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *short_path = fixture_path (f, "notes.gongkai");
  g_autofree char *long_path = fixture_path (f, "list.gongkai");
  g_autofree char *domains = g_build_filename (g_getenv ("GK_SOURCE_ROOT") ? g_getenv ("GK_SOURCE_ROOT") : ".",
                                               "data", "domains.tsv", NULL);
  g_autofree char *text = NULL;
  gsize length;

  gk_test_write_file (short_path, "会议记录\n", strlen ("会议记录\n"));
  assert_refused_both (short_path, GK_ERROR_NOT_WORKSPACE);

  if (g_file_test (domains, G_FILE_TEST_EXISTS))
    text = gk_test_read_file (domains, &length);
  else
    {
      text = gk_test_repeat ("number\tcode\tname\n", 100);
      length = strlen (text);
    }
  g_assert_cmpuint (length, >, 100);
  gk_test_write_file (long_path, text, length);
  assert_refused_both (long_path, GK_ERROR_NOT_WORKSPACE);
}

static void
test_bad_binary (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "photo.gongkai");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  g_byte_array_append (bytes, png, sizeof png);
  for (guint i = 0; i < 8192; i++)
    {
      guint8 b = (guint8) g_test_rand_int_range (0, 256);
      g_byte_array_append (bytes, &b, 1);
    }
  gk_test_write_file (path, (const char *) bytes->data, bytes->len);
  assert_refused_both (path, GK_ERROR_NOT_WORKSPACE);
}

static void
test_bad_empty (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "empty.gongkai");

  /* A zero-byte file is a copy that was cut off, not a new workspace to fill. */
  gk_test_write_file (path, "", 0);
  assert_refused_both (path, GK_ERROR_CORRUPT);
  g_assert_cmpint (file_size (path), ==, 0);
}

/* A closed workspace with enough items to span many pages. */
static char *
make_big_workspace (Fixture *f,
                    guint   *page_size)
{
  g_autofree char *path = fixture_path (f, "big.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = gk_test_repeat ("公开内容", 250);
  g_autofree char *header = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("事项%u", i);
      g_autoptr(GkItem) item = gk_catalogue_add_item (catalogue, 1 + i % 26, name, "", &error);

      g_assert_no_error (error);
      g_assert_true (gk_catalogue_set_item_text (catalogue, item, GK_ITEM_CONTENT, content, &error));
      g_assert_no_error (error);
    }
  close_workspace (&catalogue);
  /* Closing put everything in the main file. */
  assert_no_sidecars (path);

  header = gk_test_read_file (path, NULL);
  *page_size = ((guint8) header[16] << 8) | (guint8) header[17];
  g_assert_cmpuint (*page_size, >=, 512);
  g_assert_cmpint (file_size (path) % *page_size, ==, 0);
  g_assert_cmpint (file_size (path) / *page_size, >, 100);
  return g_steal_pointer (&path);
}

static void
test_bad_truncated (Fixture       *f,
                    gconstpointer  data)
{
  guint page_size;
  g_autofree char *big = make_big_workspace (f, &page_size);
  g_autofree char *half = fixture_path (f, "half.gongkai");
  g_autofree char *odd = fixture_path (f, "odd.gongkai");
  gsize length;
  g_autofree char *contents = gk_test_read_file (big, &length);

  /* Cut at a page boundary (only the page count tells), and in the middle of a page. */
  gk_test_write_file (half, contents, (length / 2) / page_size * page_size);
  assert_refused_both (half, GK_ERROR_CORRUPT);
  gk_test_write_file (odd, contents, length / 2 + 100);
  assert_refused_both (odd, GK_ERROR_CORRUPT);

  /* The original is still fine. */
  {
    g_autoptr(GkCatalogue) catalogue = gk_test_open_workspace (big);
    g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item"), ==, 380);
    close_workspace (&catalogue);
  }
}

static void
test_bad_corrupt (Fixture       *f,
                  gconstpointer  data)
{
  guint page_size;
  g_autofree char *big = make_big_workspace (f, &page_size);
  g_autofree char *damaged = fixture_path (f, "damaged.gongkai");
  gsize length;
  g_autofree char *contents = gk_test_read_file (big, &length);
  gsize n_pages = length / page_size;

  /* Garbage over a few pages in the middle; the header and the size stay right. */
  for (gsize p = n_pages / 2 - 2; p < n_pages / 2 + 2; p++)
    for (gsize i = 0; i < page_size; i++)
      contents[p * page_size + i] = (char) g_test_rand_int_range (0, 256);
  gk_test_write_file (damaged, contents, length);
  assert_refused_both (damaged, GK_ERROR_CORRUPT);
}

/* A refused workspace whose last commits are still in its WAL: neither file may change. */
static void
assert_refused_with_wal (const char *path,
                         gboolean    create,
                         int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize main_len, wal_len, main_len2, wal_len2;
  g_autofree char *main_before = gk_test_read_file (path, &main_len);
  g_autofree char *wal_before = gk_test_read_file (wal, &wal_len);
  g_autofree char *main_after = NULL;
  g_autofree char *wal_after = NULL;

  catalogue = gk_catalogue_open (path, create, &error);
  g_assert_null (catalogue);
  g_assert_error (error, GK_ERROR, code);
  main_after = gk_test_read_file (path, &main_len2);
  wal_after = gk_test_read_file (wal, &wal_len2);
  g_assert_cmpmem (main_before, main_len, main_after, main_len2);
  g_assert_cmpmem (wal_before, wal_len, wal_after, wal_len2);
}

static void
test_bad_foreign (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *plain = fixture_path (f, "plain.sqlite");
  g_autofree char *other = fixture_path (f, "other.sqlite");
  g_autofree char *wal = fixture_path (f, "wal.sqlite");
  g_autofree char *wal_sidecar = g_strconcat (wal, "-wal", NULL);

  /* Another program's database: no application id, or another one. */
  raw_exec (plain, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');", FALSE);
  assert_refused_both (plain, GK_ERROR_NOT_WORKSPACE);
  raw_exec (other, "PRAGMA application_id = 305419896; CREATE TABLE t (x); INSERT INTO t VALUES (1);", FALSE);
  assert_refused_both (other, GK_ERROR_NOT_WORKSPACE);

  /* ... also when its last commits are still in its WAL: neither file is touched. */
  raw_exec (wal, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);", TRUE);
  g_assert_cmpint (file_size (wal_sidecar), >, 0);
  assert_refused_with_wal (wal, TRUE, GK_ERROR_NOT_WORKSPACE);
}

static void
test_bad_too_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "future.gongkai");
  g_autofree char *pending = fixture_path (f, "future-pending.gongkai");
  g_autofree char *pending_wal = g_strconcat (pending, "-wal", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", GK_DB_SCHEMA_VERSION + 1);
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);

  close_workspace (&catalogue);
  raw_exec (path, sql, FALSE);
  assert_refused_both (path, GK_ERROR_TOO_NEW);

  /* Written by a newer Gongkai that did not get to close it: the version is only in the WAL. */
  catalogue = create_workspace (pending);
  close_workspace (&catalogue);
  raw_exec (pending, sql, TRUE);
  g_assert_cmpint (file_size (pending_wal), >, 0);
  assert_refused_with_wal (pending, FALSE, GK_ERROR_TOO_NEW);
}

static void
test_bad_location (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = fixture_path (f, "a-file");
  g_autofree char *under_file = g_build_filename (file, "workspace.gongkai", NULL);
  g_autofree char *deep = g_build_filename (file, "sub", "workspace.gongkai", NULL);
  g_autofree char *missing = fixture_path (f, "missing.gongkai");
  g_autofree char *contents = NULL;
  gsize length;

  gk_test_write_file (file, "x", 1);
  assert_refused (under_file, TRUE, GK_ERROR_IO);
  assert_refused (deep, TRUE, GK_ERROR_IO);
  assert_refused (under_file, FALSE, GK_ERROR_NOT_FOUND);
  contents = gk_test_read_file (file, &length);
  g_assert_cmpmem (contents, length, "x", 1);

  /* Opening is not creating. */
  assert_refused (missing, FALSE, GK_ERROR_NOT_FOUND);
}

/* ---- more than one connection ----------------------------------------------------------- */

/* The CLI (or a second window) opens the workspace the app has open, before the app has ever
 * checkpointed it: the main file alone is still blank then. */
static void
test_open_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "shared.gongkai");
  g_autoptr(GkCatalogue) first = create_workspace (path);
  g_autoptr(GkCatalogue) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;

  g_assert_true (gk_catalogue_set_profile (first, GK_PROFILE_PHONE, "111", &error));
  g_assert_no_error (error);
  g_assert_true (sidecar_exists (path, "-wal"));

  second = gk_test_open_workspace (path);
  phone = gk_catalogue_get_profile (second, GK_PROFILE_PHONE);
  g_assert_cmpstr (phone, ==, "111");
  g_clear_pointer (&phone, g_free);
  assert_seeded (second);
  g_assert_true (gk_catalogue_set_profile (second, GK_PROFILE_VERSION, "v2", &error));
  g_assert_no_error (error);
  close_workspace (&second);

  phone = gk_catalogue_get_profile (first, GK_PROFILE_VERSION);
  g_assert_cmpstr (phone, ==, "v2");
  g_clear_pointer (&phone, g_free);
  g_assert_true (gk_catalogue_set_profile (first, GK_PROFILE_PHONE, "222", &error));
  g_assert_no_error (error);
  close_workspace (&first);
  assert_no_sidecars (path);

  first = gk_test_open_workspace (path);
  phone = gk_catalogue_get_profile (first, GK_PROFILE_PHONE);
  g_assert_cmpstr (phone, ==, "222");
  g_clear_pointer (&phone, g_free);
  phone = gk_catalogue_get_profile (first, GK_PROFILE_VERSION);
  g_assert_cmpstr (phone, ==, "v2");
  close_workspace (&first);
}

/* ---- killed in the middle --------------------------------------------------------------- */

static void
report (int         fd,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
report (int         fd,
        const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0, length;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  length = strlen (line);
  while (done < length)
    {
      gssize n = write (fd, line + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (5);
      done += (gsize) n;
    }
}

static const GkProfileField kill_profile_fields[] = {
  GK_PROFILE_TOWNSHIP, GK_PROFILE_PREFECTURE, GK_PROFILE_COMPILED_BY, GK_PROFILE_PHONE,
  GK_PROFILE_YEAR, GK_PROFILE_VERSION,
};

/* The child: one line "T <seq> <edit>" before each edit, "C <seq> <edit>" once it returned TRUE.
 * An edit is "text <id> <key> <value>", "flag <id> <key> <0|1>", "channels <id> <bits>",
 * "state <id> <0|1>", "profile <key> <value>", or "add <domain> <level1>" which is confirmed as
 * "added <domain> <level1> <id>". Values have no spaces. */
G_GNUC_NORETURN static void
edit_until_killed (const char *path,
                   int         fd,
                   guint32     seed,
                   guint       n_edits,
                   gboolean    create)
{
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (seed);
  GkCatalogue *catalogue;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  catalogue = create ? gk_catalogue_create (path, TOWNSHIP, COUNTY, &error)
                     : gk_catalogue_open (path, FALSE, &error);
  if (catalogue == NULL)
    {
      report (fd, "E %s\n", error->message);
      _exit (3);
    }
  for (int d = 1; d <= 26; d++)
    {
      GListModel *list = gk_catalogue_list_items (catalogue, d, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (items, g_list_model_get_item (list, i));
      g_object_unref (list);
    }

  for (guint seq = 1; seq <= n_edits; seq++)
    {
      GkItem *item = g_ptr_array_index (items, g_rand_int_range (rand, 0, (gint32) items->len));
      gint64 id = gk_item_get_id (item);
      int op = g_rand_int_range (rand, 0, 10);
      g_autofree char *edit = NULL;
      g_autofree char *done = NULL;
      g_autofree char *value = NULL;
      gboolean ok = FALSE;

      if (op < 4)
        {
          GkItemText text = g_rand_int_range (rand, 0, GK_ITEM_N_TEXTS);
          value = g_strdup_printf ("值%u-%08x", seq, g_rand_int (rand));
          edit = g_strdup_printf ("text %" G_GINT64_FORMAT " %s %s", id, gk_item_text_key (text), value);
          report (fd, "T %u %s\n", seq, edit);
          ok = gk_catalogue_set_item_text (catalogue, item, text, value, &error);
        }
      else if (op < 6)
        {
          GkFlag flag = g_rand_int_range (rand, 0, GK_N_FLAGS);
          gboolean on = !gk_item_get_flag (item, flag);
          edit = g_strdup_printf ("flag %" G_GINT64_FORMAT " %s %d", id, gk_flag_key (flag), on);
          report (fd, "T %u %s\n", seq, edit);
          ok = gk_catalogue_set_item_flag (catalogue, item, flag, on, &error);
        }
      else if (op < 7)
        {
          guint channels = (guint) g_rand_int_range (rand, 0, GK_CHANNELS_ALL + 1);
          edit = g_strdup_printf ("channels %" G_GINT64_FORMAT " %u", id, channels);
          report (fd, "T %u %s\n", seq, edit);
          ok = gk_catalogue_set_item_channels (catalogue, item, channels, &error);
        }
      else if (op < 8)
        {
          gboolean confirmed = !gk_item_get_confirmed (item);
          edit = g_strdup_printf ("state %" G_GINT64_FORMAT " %d", id, confirmed);
          report (fd, "T %u %s\n", seq, edit);
          ok = gk_catalogue_set_item_confirmed (catalogue, item, confirmed, &error);
        }
      else if (op < 9)
        {
          GkProfileField field = kill_profile_fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (kill_profile_fields))];
          value = field == GK_PROFILE_YEAR ? g_strdup_printf ("%u", 2019 + seq % 82)
                                           : g_strdup_printf ("乡%u-%x", seq, g_rand_int (rand) & 0xffff);
          edit = g_strdup_printf ("profile %s %s", gk_profile_field_key (field), value);
          report (fd, "T %u %s\n", seq, edit);
          ok = gk_catalogue_set_profile (catalogue, field, value, &error);
        }
      else
        {
          int domain = g_rand_int_range (rand, 1, 27);
          GkItem *added;
          value = g_strdup_printf ("新增%u", seq);
          edit = g_strdup_printf ("add %d %s", domain, value);
          report (fd, "T %u %s\n", seq, edit);
          added = gk_catalogue_add_item (catalogue, domain, value, "", &error);
          ok = added != NULL;
          if (ok)
            {
              done = g_strdup_printf ("added %d %s %" G_GINT64_FORMAT, domain, value, gk_item_get_id (added));
              g_ptr_array_add (items, added);
            }
        }

      if (!ok)
        {
          report (fd, "E %u %s\n", seq, error != NULL ? error->message : "?");
          _exit (4);
        }
      report (fd, "C %u %s\n", seq, done != NULL ? done : edit);
    }

  /* All done before the parent killed it: wait for the kill rather than closing, but not
   * forever if the parent failed (while editing, a dead parent means SIGPIPE). */
  report (fd, "R\n");
  for (guint i = 0; i < 600; i++)
    g_usleep (G_USEC_PER_SEC / 10);
  _exit (6);
}

typedef struct
{
  GHashTable *expected;   /* "text <id> <key>" … → value */
  GHashTable *added;      /* level1 → "<domain> <id>" */
  char       *pending;    /* the edit begun and not confirmed, which may or may not be saved */
  guint       committed;
  gboolean    ready;
} Journal;

static void
journal_init (Journal *j)
{
  j->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  j->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  j->pending = NULL;
  j->committed = 0;
  j->ready = FALSE;
}

static void
journal_clear (Journal *j)
{
  g_clear_pointer (&j->expected, g_hash_table_unref);
  g_clear_pointer (&j->added, g_hash_table_unref);
  g_clear_pointer (&j->pending, g_free);
}

/* Splits an edit into the field it sets and the value. */
static void
split_edit (const char  *edit,
            char       **key,
            char       **value)
{
  g_auto(GStrv) t = g_strsplit (edit, " ", -1);
  guint n = g_strv_length (t);

  g_assert_cmpuint (n, >=, 3);
  if (g_str_equal (t[0], "text") || g_str_equal (t[0], "flag"))
    {
      g_assert_cmpuint (n, ==, 4);
      *key = g_strdup_printf ("%s %s %s", t[0], t[1], t[2]);
      *value = g_strdup (t[3]);
    }
  else
    {
      g_assert_cmpuint (n, ==, 3);
      *key = g_strdup_printf ("%s %s", t[0], t[1]);
      *value = g_strdup (t[2]);
    }
}

static void
journal_line (Journal    *j,
              const char *line)
{
  const char *edit;

  if (g_str_equal (line, "R"))
    {
      j->ready = TRUE;
      return;
    }
  if (line[0] == 'E')
    g_error ("the child failed: %s", line);
  g_assert_true (line[0] == 'T' || line[0] == 'C');
  edit = strchr (line + 2, ' ');
  g_assert_nonnull (edit);
  edit++;

  if (line[0] == 'T')
    {
      g_assert_null (j->pending);
      j->pending = g_strdup (edit);
      return;
    }

  g_assert_nonnull (j->pending);
  g_clear_pointer (&j->pending, g_free);
  j->committed++;
  if (g_str_has_prefix (edit, "added "))
    {
      g_auto(GStrv) t = g_strsplit (edit, " ", -1);
      g_assert_cmpuint (g_strv_length (t), ==, 4);
      g_hash_table_insert (j->added, g_strdup (t[2]), g_strdup_printf ("%s %s", t[1], t[3]));
    }
  else
    {
      char *key, *value;
      split_edit (edit, &key, &value);
      g_hash_table_insert (j->expected, key, value);
    }
}

static char *
stored_value (GkCatalogue *catalogue,
              const char  *key)
{
  g_auto(GStrv) t = g_strsplit (key, " ", -1);
  sqlite3 *db = handle (catalogue);

  if (g_str_equal (t[0], "profile"))
    {
      int field = gk_profile_field_from_key (t[1]);
      g_assert_cmpint (field, >=, 0);
      return gk_catalogue_get_profile (catalogue, field);
    }
  if (g_str_equal (t[0], "text"))
    {
      g_assert_cmpint (gk_item_text_from_key (t[2]), >=, 0);
      return gk_test_sql_text (db, "SELECT %w FROM item WHERE id = %s", t[2], t[1]);
    }
  if (g_str_equal (t[0], "flag"))
    {
      g_assert_cmpint (gk_flag_from_key (t[2]), >=, 0);
      return gk_test_sql_text (db, "SELECT %w FROM item WHERE id = %s", t[2], t[1]);
    }
  if (g_str_equal (t[0], "channels"))
    return gk_test_sql_text (db, "SELECT channels FROM item WHERE id = %s", t[1]);
  if (g_str_equal (t[0], "state"))
    return gk_test_sql_text (db, "SELECT state = 'confirmed' FROM item WHERE id = %s", t[1]);
  g_assert_not_reached ();
}

/* Every edit the child reported is there with its last reported value. The one edit it had
 * begun may be there or not, but nothing else. */
static void
journal_verify (Journal     *j,
                GkCatalogue *catalogue,
                gint64       items_before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pending_key = NULL;
  g_autofree char *pending_value = NULL;
  g_autofree char *integrity = gk_test_sql_text (handle (catalogue), "PRAGMA integrity_check");
  GHashTableIter iter;
  gpointer key, value;
  gint64 n_items;
  guint pending_add = 0;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  if (j->pending != NULL && g_str_has_prefix (j->pending, "add "))
    pending_value = g_strdup (j->pending + strlen ("add "));
  else if (j->pending != NULL)
    split_edit (j->pending, &pending_key, &pending_value);

  g_hash_table_iter_init (&iter, j->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *stored = stored_value (catalogue, key);

      if (g_strcmp0 (stored, value) != 0 &&
          !(g_strcmp0 (key, pending_key) == 0 && g_strcmp0 (stored, pending_value) == 0))
        g_error ("%s: saved “%s”, reported “%s”", (char *) key, stored, (char *) value);
    }
  if (pending_key != NULL && !g_hash_table_contains (j->expected, pending_key))
    g_test_message ("the edit in flight when killed: %s", j->pending);

  g_hash_table_iter_init (&iter, j->added);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) t = g_strsplit (value, " ", -1);
      g_autoptr(GkItem) item = gk_catalogue_get_item (catalogue, g_ascii_strtoll (t[1], NULL, 10), &error);
      g_autofree char *renamed = g_strdup_printf ("text %s level1", t[1]);

      g_assert_no_error (error);
      /* Unless a later edit renamed it (checked above). */
      if (!g_hash_table_contains (j->expected, renamed) && g_strcmp0 (renamed, pending_key) != 0)
        g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_LEVEL1), ==, key);
      g_assert_cmpint (gk_item_get_domain_number (item), ==, atoi (t[0]));
      g_assert_cmpstr (gk_item_get_origin (item), ==, "local");
    }

  /* No item appeared or vanished except the one being added. */
  n_items = gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item");
  if (pending_key == NULL && pending_value != NULL &&
      n_items == items_before + g_hash_table_size (j->added) + 1)
    {
      /* The add in flight made it: an item of that name is there (a name another edit
       * gave an older item may be there too, so count at least one, not exactly one). */
      g_auto(GStrv) t = g_strsplit (pending_value, " ", -1);
      g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item WHERE level1 = %Q", t[1]), >=, 1);
      pending_add = 1;
    }
  g_assert_cmpint (n_items, ==, items_before + g_hash_table_size (j->added) + pending_add);
}

/* Runs the child until it has confirmed @kill_after edits (all of them if 0), kills it, and
 * collects every line it managed to write. */
static void
run_child (const char *path,
           gboolean    create,
           guint32     seed,
           guint       n_edits,
           guint       kill_after,
           Journal    *journal)
{
  int fds[2];
  pid_t pid;
  int status;
  g_autoptr(GString) buffer = g_string_new (NULL);
  gboolean killed = FALSE;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      edit_until_killed (path, fds[1], seed, n_edits, create);
    }
  close (fds[1]);

  for (;;)
    {
      char chunk[4096];
      gssize n = read (fds[0], chunk, sizeof chunk);
      char *newline;

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        break;
      g_string_append_len (buffer, chunk, n);
      while ((newline = memchr (buffer->str, '\n', buffer->len)) != NULL)
        {
          *newline = '\0';
          journal_line (journal, buffer->str);
          g_string_erase (buffer, 0, newline - buffer->str + 1);
          if (!killed && ((kill_after > 0 && journal->committed >= kill_after) || journal->ready))
            {
              /* A moment later, while the child goes on, so that the kill can land anywhere:
               * between edits, inside a commit, inside a checkpoint. No chance to close the
               * workspace, as in a crash. */
              if (!journal->ready)
                g_usleep (g_test_rand_int_range (0, 1500));
              g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
              killed = TRUE;
            }
        }
    }
  close (fds[0]);
  g_assert_cmpuint (buffer->len, ==, 0);  /* lines are written whole */

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (killed);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_test_message ("killed after %u confirmed edits (asked for %u)%s", journal->committed, kill_after,
                  journal->pending != NULL ? ", one edit in flight" : "");
}

static void
test_kill_during_edits (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "killed.gongkai");
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  Journal journal;

  close_workspace (&catalogue);
  journal_init (&journal);

  /* The same workspace through several crashes: what one round saved, the next keeps. */
  for (guint round = 0; round < 3; round++)
    {
      gint64 items_before;
      guint kill_after = (guint) g_test_rand_int_range (100, 900);

      catalogue = gk_test_open_workspace (path);
      items_before = gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item");
      g_hash_table_remove_all (journal.added);
      close_workspace (&catalogue);

      run_child (path, FALSE, g_test_rand_int (), 1000, kill_after, &journal);
      g_assert_cmpuint (journal.committed, >=, kill_after);
      g_assert_cmpuint (journal.committed, <, 1000);
      g_assert_true (sidecar_exists (path, "-wal"));

      catalogue = gk_test_open_workspace (path);
      journal_verify (&journal, catalogue, items_before);
      assert_workspace_settings (catalogue);
      close_workspace (&catalogue);
      assert_no_sidecars (path);

      /* Whatever was in flight is now either saved or not; the next round starts clean. */
      if (journal.pending != NULL)
        {
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (!g_str_has_prefix (journal.pending, "add "))
            {
              catalogue = gk_test_open_workspace (path);
              split_edit (journal.pending, &key, &value);
              g_hash_table_insert (journal.expected, g_strdup (key), stored_value (catalogue, key));
              close_workspace (&catalogue);
            }
          g_clear_pointer (&journal.pending, g_free);
        }
      journal.committed = 0;
    }
  journal_clear (&journal);
}

/* Killed right after making a new workspace, before sqlite ever copied the WAL into the main
 * file: the workspace must open with everything that was confirmed. */
static void
test_kill_new_workspace (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "fresh.gongkai");
  g_autoptr(GkCatalogue) catalogue = NULL;
  Journal journal;

  journal_init (&journal);
  run_child (path, TRUE, g_test_rand_int (), 30, 0, &journal);
  g_assert_cmpuint (journal.committed, ==, 30);
  g_assert_null (journal.pending);
  g_assert_true (sidecar_exists (path, "-wal"));

  catalogue = gk_test_open_workspace (path);
  assert_workspace_settings (catalogue);
  journal_verify (&journal, catalogue, 80);
  close_workspace (&catalogue);
  assert_no_sidecars (path);

  catalogue = gk_test_open_workspace (path);
  journal_verify (&journal, catalogue, 80);
  close_workspace (&catalogue);
  journal_clear (&journal);
}

static guint32
read_be32 (const char *p)
{
  const guint8 *b = (const guint8 *) p;
  return ((guint32) b[0] << 24) | ((guint32) b[1] << 16) | ((guint32) b[2] << 8) | b[3];
}

/* Killed in the middle of a checkpoint that grows the file: sqlite copies pages in page order,
 * so page 1, which already counts the new pages, is in the main file while the new pages are
 * not yet. The WAL still has everything; the workspace must open whole. */
static void
test_kill_during_checkpoint (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "checkpoint.gongkai");
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autofree char *wal = NULL;
  g_autofree char *main_file = NULL;
  g_autofree char *integrity = NULL;
  gsize wal_len, main_len;
  guint32 page_size;
  gsize offset, page1 = 0;

  close_workspace (&catalogue);
  raw_exec (path,
            "PRAGMA wal_autocheckpoint = 0;"
            "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
            " INSERT INTO item (domain_id, position, level1, content)"
            " SELECT (SELECT id FROM domain WHERE number = 1), 100 + i, '批量' || i, hex (randomblob (1500))"
            " FROM n;", TRUE);

  wal = gk_test_read_file (wal_path, &wal_len);
  g_assert_cmpuint (wal_len, >, 32);
  page_size = read_be32 (wal + 8);
  for (offset = 32; offset + 24 + page_size <= wal_len; offset += 24 + page_size)
    if (read_be32 (wal + offset) == 1)
      page1 = offset + 24;
  g_assert_cmpuint (page1, >, 0);

  main_file = gk_test_read_file (path, &main_len);
  /* The state a cut-short checkpoint leaves: a page count the file does not have yet, one that
   * a header check alone takes for a truncated copy. */
  g_assert_cmpuint (read_be32 (wal + page1 + 24), ==, read_be32 (wal + page1 + 92));
  g_assert_cmpuint ((gsize) read_be32 (wal + page1 + 28) * page_size, >, main_len);
  memcpy (main_file, wal + page1, page_size);
  gk_test_write_file (path, main_file, main_len);

  catalogue = gk_test_open_workspace (path);
  integrity = gk_test_sql_text (handle (catalogue), "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item"), ==, 80 + 500);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 1)), ==, 3 + 500);
  close_workspace (&catalogue);
  assert_no_sidecars (path);

  catalogue = gk_test_open_workspace (path);
  g_assert_cmpint (gk_test_sql_int (handle (catalogue), "SELECT count(*) FROM item"), ==, 80 + 500);
  close_workspace (&catalogue);
}

/* The daily copy: a real workspace that opens with the same items, written once a day. */
static void
test_backup_daily (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path (f, "daily.gongkai");
  g_autofree char *backup = g_strconcat (path, ".daily.bak", NULL);
  g_autoptr(GkCatalogue) catalogue = create_workspace (path);
  g_autoptr(GkCatalogue) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = gk_catalogue_add_item (catalogue, 20, "本地事项", "每日备份", &error);
  gboolean made = FALSE;

  g_assert_no_error (error);
  g_assert_true (gk_db_backup_daily (gk_catalogue_get_db (catalogue), &made, &error));
  g_assert_no_error (error);
  g_assert_true (made);
  g_assert_true (gk_db_backup_daily (gk_catalogue_get_db (catalogue), &made, &error));
  g_assert_false (made);

  copy = gk_catalogue_open (backup, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (copy, 20)), ==,
                    gk_domain_get_n_items (gk_catalogue_get_domain (catalogue, 20)));
  g_clear_object (&copy);
  g_clear_object (&item);
  close_workspace (&catalogue);
  g_unlink (backup);
  {
    g_autofree char *wal = g_strconcat (backup, "-wal", NULL);
    g_autofree char *shm = g_strconcat (backup, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/backup-daily", test_backup_daily);
  ADD ("/store/new-workspace", test_new_workspace);
  ADD ("/store/create-existing", test_create_existing);
  ADD ("/store/migrate-from-empty", test_migrate_from_empty);
  ADD ("/store/migrate-from-1", test_migrate_from_1);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/signals", test_signals);
  ADD ("/store/rules/profile", test_rules_profile);
  ADD ("/store/rules/item-texts", test_rules_item_texts);
  ADD ("/store/rules/item-fields", test_rules_item_fields);
  ADD ("/store/rules/deleted-meanwhile", test_rules_deleted_meanwhile);
  ADD ("/store/bad-file/text", test_bad_text);
  ADD ("/store/bad-file/binary", test_bad_binary);
  ADD ("/store/bad-file/empty", test_bad_empty);
  ADD ("/store/bad-file/truncated", test_bad_truncated);
  ADD ("/store/bad-file/corrupt", test_bad_corrupt);
  ADD ("/store/bad-file/foreign", test_bad_foreign);
  ADD ("/store/bad-file/too-new", test_bad_too_new);
  ADD ("/store/bad-file/location", test_bad_location);
  ADD ("/store/open-twice", test_open_twice);
  ADD ("/store/kill/during-edits", test_kill_during_edits);
  ADD ("/store/kill/new-workspace", test_kill_new_workspace);
  ADD ("/store/kill/during-checkpoint", test_kill_during_checkpoint);
#undef ADD

  return g_test_run ();
}
