#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GK_TYPE_DB (gk_db_get_type ())
G_DECLARE_FINAL_TYPE (GkDb, gk_db, GK, DB, GObject)

/* The schema version this build writes; a file with a higher one is refused, not touched. */
#define GK_DB_SCHEMA_VERSION 2
/* PRAGMA application_id: "GkAi", so another program's sqlite file is never mistaken for ours. */
#define GK_DB_APPLICATION_ID 0x476b4169

GkDb          *gk_db_open              (const char    *path,
                                        gboolean       create,
                                        GError       **error);
const char    *gk_db_get_path          (GkDb          *self);
sqlite3       *gk_db_get_handle        (GkDb          *self);
int            gk_db_get_opened_version(GkDb          *self);

gboolean       gk_db_exec              (GkDb          *self,
                                        const char    *sql,
                                        GError       **error);
sqlite3_stmt  *gk_db_prepare           (GkDb          *self,
                                        const char    *sql,
                                        GError       **error);
sqlite3_stmt  *gk_db_cached            (GkDb          *self,
                                        const char    *sql,
                                        GError       **error);
gboolean       gk_db_step_done         (GkDb          *self,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
gboolean       gk_db_begin             (GkDb          *self,
                                        GError       **error);
gboolean       gk_db_commit            (GkDb          *self,
                                        GError       **error);
void           gk_db_rollback          (GkDb          *self);
gboolean       gk_db_backup_to         (GkDb          *self,
                                        const char    *dest_path,
                                        GError       **error);
gboolean       gk_db_backup_daily      (GkDb          *self,
                                        gboolean      *made,
                                        GError       **error);
gboolean       gk_db_integrity_ok      (GkDb          *self,
                                        GError       **error);
void           gk_db_set_error         (GkDb          *self,
                                        GError       **error,
                                        const char    *what);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
