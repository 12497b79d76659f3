#define G_LOG_DOMAIN "Gongkai-Db"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gk-db.h"
#include "gk-error.h"
#include "gk-schema.h"

struct _GkDb
{
  GObject  parent_instance;
  sqlite3 *handle;
  char    *path;
  GHashTable *cache;  /* SQL text (static) → prepared statement */
  int      opened_version;
};

G_DEFINE_FINAL_TYPE (GkDb, gk_db, G_TYPE_OBJECT)

static void
gk_db_finalize (GObject *object)
{
  GkDb *self = GK_DB (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);

  G_OBJECT_CLASS (gk_db_parent_class)->finalize (object);
}

static void
gk_db_class_init (GkDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gk_db_finalize;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
gk_db_init (GkDb *self)
{
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
}

void
gk_db_set_error (GkDb        *self,
                 GError     **error,
                 const char  *what)
{
  int code = sqlite3_extended_errcode (self->handle);
  int primary = code & 0xff;
  GkError gk_code = GK_ERROR_FAILED;

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      gk_code = GK_ERROR_CORRUPT;
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      gk_code = GK_ERROR_IO;
      break;
    case SQLITE_CONSTRAINT:
      gk_code = GK_ERROR_INVALID;
      break;
    default:
      break;
    }

  if (primary == SQLITE_FULL)
    g_set_error (error, GK_ERROR, gk_code,
                 _("The disk is full: your last change could not be saved. Free some space and try again."));
  else if (primary == SQLITE_READONLY)
    g_set_error (error, GK_ERROR, gk_code,
                 _("The workspace “%s” is read-only: changes cannot be saved."), self->path);
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, GK_ERROR, gk_code,
                 _("The workspace is in use by another Gongkai window or program. Close it and try again."));
  else if (gk_code == GK_ERROR_CORRUPT)
    g_set_error (error, GK_ERROR, gk_code,
                 _("The workspace “%s” is damaged and cannot be read. Open a backup copy instead."), self->path);
  else
    g_set_error (error, GK_ERROR, gk_code, "%s: %s", what, sqlite3_errmsg (self->handle));
}

gboolean
gk_db_exec (GkDb        *self,
            const char  *sql,
            GError     **error)
{
  g_return_val_if_fail (GK_IS_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      gk_db_set_error (self, error, _("Database error"));
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
gk_db_prepare (GkDb        *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (GK_IS_DB (self), NULL);

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gk_db_set_error (self, error, _("Database error"));
      return NULL;
    }
  return stmt;
}

/* A statement prepared once per connection; @sql must be a string literal (its address is the
 * key). The statement comes back reset with its bindings cleared, still owned by @self. */
sqlite3_stmt *
gk_db_cached (GkDb        *self,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->cache, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = gk_db_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->cache, (gpointer) sql, stmt);
  return stmt;
}

gboolean
gk_db_step_done (GkDb          *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gk_db_set_error (self, error, _("Database error"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
gk_db_begin (GkDb    *self,
             GError **error)
{
  return gk_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
gk_db_commit (GkDb    *self,
              GError **error)
{
  if (!gk_db_exec (self, "COMMIT", error))
    {
      gk_db_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
gk_db_rollback (GkDb *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

const char *
gk_db_get_path (GkDb *self)
{
  g_return_val_if_fail (GK_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
gk_db_get_handle (GkDb *self)
{
  g_return_val_if_fail (GK_IS_DB (self), NULL);
  return self->handle;
}

int
gk_db_get_opened_version (GkDb *self)
{
  return self->opened_version;
}

gboolean
gk_db_backup_to (GkDb        *self,
                 const char  *dest_path,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest_path, ".tmp", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot write the backup copy “%s”."), dest_path);
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->handle, "main");
  if (backup == NULL)
    rc = sqlite3_errcode (dest);
  else
    {
      sqlite3_backup_step (backup, -1);
      rc = sqlite3_backup_finish (backup);
    }
  sqlite3_close (dest);

  if (rc != SQLITE_OK || g_rename (tmp, dest_path) != 0)
    {
      g_unlink (tmp);
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot write the backup copy “%s”."), dest_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * gk_db_backup_daily:
 * @made: (out) (optional): whether a copy was written
 *
 * Keeps "FILE.daily.bak", a consistent copy (sqlite backup API) at most a day old: what an
 * officer can go back to when a file is damaged or a day's work went wrong. Written only when
 * the copy is missing or older than a day, so calling it at every start costs nothing.
 */
gboolean
gk_db_backup_daily (GkDb      *self,
                    gboolean  *made,
                    GError   **error)
{
  g_autofree char *backup = g_strconcat (self->path, ".daily.bak", NULL);
  GStatBuf st;

  if (made != NULL)
    *made = FALSE;
  if (g_stat (backup, &st) == 0 && (gint64) st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - 24 * 3600)
    return TRUE;
  if (!gk_db_backup_to (self, backup, error))
    return FALSE;
  if (made != NULL)
    *made = TRUE;
  return TRUE;
}

gboolean
gk_db_integrity_ok (GkDb    *self,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = gk_db_prepare (self, "PRAGMA quick_check", error);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;

  if (!ok)
    g_set_error (error, GK_ERROR, GK_ERROR_CORRUPT,
                 _("The workspace “%s” is damaged and cannot be read. Open a backup copy instead."),
                 self->path);
  return ok;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A non-empty WAL beside the file holds commits that are not in the main file yet: after a
 * crash, or while another window or the CLI has the workspace open. Page 1 of the main file
 * may then be older than the workspace (a new workspace's is blank until the first checkpoint). */
static gboolean
has_pending_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Everything about an existing file that can be judged from its first 100 bytes, before sqlite
 * touches it: a file that fails here is never opened for writing, so it stays byte-identical. */
static gboolean
check_header (const char  *path,
              int         *user_version,
              gboolean    *deferred,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 header[100];
  gsize n_read = 0;
  guint32 page_size, n_pages, app_id;
  goffset size;

  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot read the workspace “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n_read, NULL, &local_error))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot read the workspace “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (n_read == 0)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_CORRUPT,
                   _("The workspace “%s” is empty: it was probably cut off while being copied. Open a backup copy instead."),
                   path);
      return FALSE;
    }

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_WORKSPACE,
                   _("“%s” is not a Gongkai workspace."), path);
      return FALSE;
    }

  /* The identity and the page count are then checked through sqlite, see check_identity(). */
  *deferred = has_pending_wal (path);

  app_id = read_be32 (header + 68);
  if (!*deferred && app_id != GK_DB_APPLICATION_ID)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database of another program, not a Gongkai workspace."), path);
      return FALSE;
    }

  *user_version = (int) read_be32 (header + 60);
  if (!*deferred && *user_version > GK_DB_SCHEMA_VERSION)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Gongkai. Update Gongkai to open it."), path);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = read_be32 (header + 28);
  /* The in-header page count is only trustworthy when its "version valid for" matches. */
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      size % page_size != 0 ||
      (!*deferred && read_be32 (header + 92) == read_be32 (header + 24) &&
       (goffset) n_pages * page_size > size))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_CORRUPT,
                   _("The workspace “%s” is incomplete: it was probably cut off while being copied. Open a backup copy instead."),
                   path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pragma_int (GkDb        *self,
            const char  *sql,
            int         *value,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gk_db_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gk_db_set_error (self, error, _("Cannot read the workspace"));
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* check_header() for a file with a pending WAL, read through sqlite, which sees the commits in
 * the WAL. Until the file is accepted, closing must not checkpoint: a refused file stays as it
 * was, WAL included. */
static gboolean
check_identity (GkDb     *self,
                int      *user_version,
                GError  **error)
{
  int app_id = 0;

  sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!pragma_int (self, "PRAGMA application_id", &app_id, error) ||
      !pragma_int (self, "PRAGMA user_version", user_version, error))
    return FALSE;
  if ((guint32) app_id != GK_DB_APPLICATION_ID)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database of another program, not a Gongkai workspace."), self->path);
      return FALSE;
    }
  if (*user_version > GK_DB_SCHEMA_VERSION)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Gongkai. Update Gongkai to open it."), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (GkDb    *self,
         int      from,
         GError **error)
{
  g_autofree char *pragma = NULL;

  if (from > 0)
    {
      g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", self->path, from);
      if (!gk_db_backup_to (self, backup, error))
        return FALSE;
    }

  if (!gk_db_begin (self, error))
    return FALSE;

  for (int v = from + 1; v <= GK_DB_SCHEMA_VERSION; v++)
    {
      if (!gk_db_exec (self, gk_schema_migration (v), error))
        {
          gk_db_rollback (self);
          return FALSE;
        }
    }

  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                            GK_DB_SCHEMA_VERSION, GK_DB_APPLICATION_ID);
  if (!gk_db_exec (self, pragma, error))
    {
      gk_db_rollback (self);
      return FALSE;
    }

  return gk_db_commit (self, error);
}

static gboolean
ensure_parent (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable_location (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_access (dir, W_OK) != 0)
    {
      int errsv = errno;
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot save a workspace in “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

GkDb *
gk_db_open (const char  *path,
            gboolean     create,
            GError     **error)
{
  g_autoptr(GkDb) self = NULL;
  gboolean exists;
  gboolean deferred = FALSE;
  int version = 0;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists)
    {
      if (!check_header (path, &version, &deferred, error))
        return NULL;
    }
  else if (!create)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND,
                   _("The workspace “%s” does not exist."), path);
      return NULL;
    }
  else
    {
      if (!ensure_parent (path, error) || !check_writable_location (path, error))
        return NULL;
      flags |= SQLITE_OPEN_CREATE;
    }

  self = g_object_new (GK_TYPE_DB, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->handle, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("Cannot open the workspace “%s”: %s"), path,
                   self->handle ? sqlite3_errmsg (self->handle) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, 3000);

  if (exists)
    {
      if (deferred && !check_identity (self, &version, error))
        return NULL;
      if (!gk_db_integrity_ok (self, error))
        return NULL;
      if (sqlite3_db_readonly (self->handle, "main") == 1)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_IO,
                       _("The workspace “%s” is read-only: changes cannot be saved."), path);
          return NULL;
        }
      if (deferred)
        sqlite3_db_config (self->handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    }
  self->opened_version = version;

  /* FULL: an edit the user saw as saved survives a power cut too, not only a crash. */
  if (!gk_db_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                         "PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (version < GK_DB_SCHEMA_VERSION && !migrate (self, version, error))
    {
      if (!exists)
        {
          g_clear_pointer (&self->handle, sqlite3_close_v2);
          g_unlink (path);
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}
