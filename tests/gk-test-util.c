/* What the C tests share: temporary folders and files, workspaces, dates and SQL. */

#include <glib/gstdio.h>

#include "gk-test-util.h"

/* ---- folders and files ------------------------------------------------------------------ */

char *
gk_test_tmp_dir_new (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
gk_test_tmp_dir_free (char *dir)
{
  gk_test_rm_rf (dir);
  g_free (dir);
}

void
gk_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have made the folder unwritable (the export's failure cases). */
      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          gk_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
gk_test_read_file (const char *path,
                   gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

void
gk_test_write_file (const char *path,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* ---- values ----------------------------------------------------------------------------- */

char *
gk_test_repeat (const char *unit,
                guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

GDate
gk_test_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDate result;

  g_assert_true (gk_date_parse (text, &result, &error));
  g_assert_no_error (error);
  return result;
}

/* ---- workspaces ------------------------------------------------------------------------- */

GkCatalogue *
gk_test_create_workspace (const char *path,
                          const char *township,
                          const char *county)
{
  g_autoptr(GError) error = NULL;
  GkCatalogue *catalogue = gk_catalogue_create (path, township, county, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

GkCatalogue *
gk_test_open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  GkCatalogue *catalogue = gk_catalogue_open (path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

void
gk_test_assert_profile (GkCatalogue    *catalogue,
                        GkProfileField  field,
                        const char     *expected)
{
  g_autofree char *value = gk_catalogue_get_profile (catalogue, field);
  g_assert_cmpstr (value, ==, expected);
}

void
gk_test_assert_as_standard (GkItem               *item,
                            const GkStandardItem *std)
{
  g_autofree char *origin = g_strconcat ("standard:", std->id, NULL);

  g_assert_cmpstr (gk_item_get_origin (item), ==, origin);
  g_assert_cmpstr (gk_item_get_standard_id (item), ==, std->id);
  g_assert_cmpint (gk_item_get_domain_number (item), ==, std->domain_number);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_LEVEL1), ==, std->level1);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_LEVEL2), ==, std->level2);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_CONTENT), ==, std->content);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_BASIS), ==, std->basis);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_TIME_LIMIT), ==, std->time_limit);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_SUBJECT), ==, std->subject);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER), ==, std->channels_other);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_NOTE), ==, "");
  g_assert_cmpuint (gk_item_get_channels (item), ==, std->channels);
  for (guint fl = 0; fl < GK_N_FLAGS; fl++)
    g_assert_cmpint (gk_item_get_flag (item, fl), ==, std->flags[fl] == 1);
  g_assert_false (gk_item_get_confirmed (item));
}

GkItem *
gk_test_reload_item (GkCatalogue *catalogue,
                     GkItem      *item)
{
  g_autoptr(GError) error = NULL;
  GkItem *fresh = gk_catalogue_get_item (catalogue, gk_item_get_id (item), &error);

  g_assert_no_error (error);
  return fresh;
}

GkItem *
gk_test_add_item (GkCatalogue *catalogue,
                  int          domain,
                  const char  *level1,
                  const char  *level2)
{
  g_autoptr(GError) error = NULL;
  GkItem *item = gk_catalogue_add_item (catalogue, domain, level1, level2, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

void
gk_test_set_field (GkCatalogue *catalogue,
                   GkItem      *item,
                   const char  *key,
                   const char  *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_catalogue_set_item_field (catalogue, item, key, value, &error));
  g_assert_no_error (error);
}

void
gk_test_delete_item (GkCatalogue *catalogue,
                     GkItem      *item,
                     const char  *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_catalogue_delete_item (catalogue, gk_item_get_id (item), reason, &error));
  g_assert_no_error (error);
}

/* ---- SQL -------------------------------------------------------------------------------- */

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *format,
         va_list     args)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_vmprintf (format, args);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_free (sql);
  return stmt;
}

gint64
gk_test_sql_int (sqlite3    *db,
                 const char *format,
                 ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;

  va_start (args, format);
  stmt = prepare (db, format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
gk_test_sql_text (sqlite3    *db,
                  const char *format,
                  ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;

  va_start (args, format);
  stmt = prepare (db, format, args);
  va_end (args);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* ---- signals ---------------------------------------------------------------------------- */

void
gk_test_count_notify (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  guint *n = user_data;
  (*n)++;
}
