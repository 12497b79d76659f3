/* What the C tests share: temporary folders and files, workspaces, dates and SQL. Without GTK:
 * the helpers for widgets are in gk-test-ui.h. Each helper asserts that what it does succeeds. */

#pragma once

#include <sqlite3.h>

#include "gk-core.h"

G_BEGIN_DECLS

/* A new temporary folder named after @tmpl (ending in XXXXXX); gk_test_tmp_dir_free() removes
 * it with everything in it. */
char        *gk_test_tmp_dir_new     (const char *tmpl);
void         gk_test_tmp_dir_free    (char       *dir);

/* Removes @path, and everything under it when it is a folder (not through a symbolic link). */
void         gk_test_rm_rf           (const char *path);

char        *gk_test_read_file       (const char *path,
                                      gsize      *length);
void         gk_test_write_file      (const char *path,
                                      const char *contents,
                                      gssize      length);

/* @unit @n times over. */
char        *gk_test_repeat          (const char *unit,
                                      guint       n);

/* The date in @text (YYYY-MM-DD). */
GDate        gk_test_date            (const char *text);

/* Asserts that the date @d (may be NULL) reads @expected (may be NULL). */
#define gk_test_assert_date(d, expected) G_STMT_START {                  \
    const GDate *_d = (d);                                               \
    g_autofree char *_text = _d != NULL ? gk_date_to_string (_d) : NULL; \
    g_assert_cmpstr (_text, ==, expected);                               \
  } G_STMT_END

GkCatalogue *gk_test_create_workspace (const char *path,
                                       const char *township,
                                       const char *county);
GkCatalogue *gk_test_open_workspace   (const char *path);

void         gk_test_assert_profile  (GkCatalogue    *catalogue,
                                      GkProfileField  field,
                                      const char     *expected);
/* Asserts that @item holds what the standard says, field by field, as a draft. */
void         gk_test_assert_as_standard (GkItem               *item,
                                         const GkStandardItem *std);
/* @item as the workspace holds it now. */
GkItem      *gk_test_reload_item     (GkCatalogue *catalogue,
                                      GkItem      *item);
GkItem      *gk_test_add_item        (GkCatalogue *catalogue,
                                      int          domain,
                                      const char  *level1,
                                      const char  *level2);
void         gk_test_set_field       (GkCatalogue *catalogue,
                                      GkItem      *item,
                                      const char  *key,
                                      const char  *value);
void         gk_test_delete_item     (GkCatalogue *catalogue,
                                      GkItem      *item,
                                      const char  *reason);

/* The first column of the first row of a query, formatted by sqlite3_mprintf(): as an integer
 * (there must be a row), or as text (NULL when there is no row). */
gint64       gk_test_sql_int         (sqlite3    *db,
                                      const char *format,
                                      ...);
char        *gk_test_sql_text        (sqlite3    *db,
                                      const char *format,
                                      ...);

/* A notify:: handler that counts: adds one to the guint at @user_data. */
void         gk_test_count_notify    (GObject    *object,
                                      GParamSpec *pspec,
                                      gpointer    user_data);

G_END_DECLS
