#pragma once

#include "gk-db.h"

G_BEGIN_DECLS

/* A unit of work that is atomic whether or not the caller already opened a transaction: a
 * BEGIN IMMEDIATE of its own when there is none (so that a second writer waits instead of
 * failing on upgrade), a SAVEPOINT inside the caller's otherwise (gk_db_begin() cannot nest). */
typedef struct
{
  GkDb     *db;
  gboolean  nested;
} GkSavepoint;

static inline gboolean
gk_savepoint_begin (GkSavepoint  *sp,
                    GkDb         *db,
                    GError      **error)
{
  sp->db = db;
  sp->nested = !sqlite3_get_autocommit (gk_db_get_handle (db));
  return sp->nested ? gk_db_exec (db, "SAVEPOINT gk_unit", error) : gk_db_begin (db, error);
}

static inline gboolean
gk_savepoint_commit (GkSavepoint  *sp,
                     GError      **error)
{
  if (!sp->nested)
    return gk_db_commit (sp->db, error);
  return gk_db_exec (sp->db, "RELEASE gk_unit", error);
}

static inline void
gk_savepoint_rollback (GkSavepoint *sp)
{
  if (!sp->nested)
    gk_db_rollback (sp->db);
  else
    sqlite3_exec (gk_db_get_handle (sp->db), "ROLLBACK TO gk_unit; RELEASE gk_unit", NULL, NULL, NULL);
}

G_END_DECLS
