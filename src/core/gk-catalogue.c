#define G_LOG_DOMAIN "Gongkai-Catalogue"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-catalogue.h"
#include "gk-channels.h"
#include "gk-domain-private.h"
#include "gk-error.h"
#include "gk-item-private.h"
#include "gk-validate.h"

struct _GkCatalogue
{
  GObject      parent_instance;
  GkDb        *db;
  GkStandards *standards;
  GListStore  *domains;   /* GkDomain, by number; kept current by every edit */
  GListStore  *departments;  /* GkDepartment, in the township's order */
  GHashTable  *search_index; /* id → SearchEntry; built by the first search, NULL until then */
};

/* What search looks through, for one item: an in-memory copy, because no SQL scan of a
 * 20,000-item workspace answers within a frame (bench/RESULTS.md, "Search"). */
typedef struct
{
  gint64  id;
  int     domain;
  int     position;
  char   *text;  /* level1, level2, content, basis, subject joined with U+001F */
} SearchEntry;

static void index_put        (GkCatalogue *self,
                             GkItem      *item);
static void index_remove     (GkCatalogue *self,
                             gint64       id);
static void index_invalidate (GkCatalogue *self);

static void
search_entry_free (gpointer data)
{
  SearchEntry *entry = data;
  g_free (entry->text);
  g_free (entry);
}

G_DEFINE_FINAL_TYPE (GkCatalogue, gk_catalogue, G_TYPE_OBJECT)

enum {
  ITEMS_CHANGED,
  PROFILE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const profile_keys[GK_N_PROFILE_FIELDS] = {
  "township", "county", "prefecture", "province", "compiled_by", "phone", "year", "version",
};

/* Limits in characters, the same as the schema's CHECKs, so that the user is told which
 * field is too long instead of getting a bare constraint error. */
static const int text_limits[GK_ITEM_N_TEXTS] = { 200, 200, 10000, 10000, 500, 500, 500, 2000 };
static const int profile_limits[GK_N_PROFILE_FIELDS] = { 100, 100, 100, 100, 100, 50, 4, 50 };

const char *
gk_profile_field_key (GkProfileField field)
{
  g_return_val_if_fail (field < GK_N_PROFILE_FIELDS, NULL);
  return profile_keys[field];
}

int
gk_profile_field_from_key (const char *key)
{
  for (guint i = 0; i < GK_N_PROFILE_FIELDS; i++)
    if (g_strcmp0 (key, profile_keys[i]) == 0)
      return (int) i;
  return -1;
}

static void
gk_catalogue_finalize (GObject *object)
{
  GkCatalogue *self = GK_CATALOGUE (object);

  g_clear_object (&self->domains);
  g_clear_object (&self->departments);
  g_clear_pointer (&self->search_index, g_hash_table_unref);
  g_clear_object (&self->standards);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (gk_catalogue_parent_class)->finalize (object);
}

static void
gk_catalogue_class_init (GkCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_catalogue_finalize;

  /**
   * GkCatalogue::items-changed:
   * @domain_number: the domain whose list of items changed (added, removed, reordered)
   */
  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PROFILE_CHANGED] =
    g_signal_new ("profile-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gk_catalogue_init (GkCatalogue *self)
{
  self->domains = g_list_store_new (GK_TYPE_DOMAIN);
  self->departments = g_list_store_new (GK_TYPE_DEPARTMENT);
}

char *
gk_catalogue_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gongkai", "workspace.gongkai", NULL);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static gboolean
check_text (const char  *value,
            int          limit,
            GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("The text is not valid Unicode."));
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > limit)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   ngettext ("The text is too long: at most %d character is allowed.",
                             "The text is too long: at most %d characters are allowed.", limit),
                   limit);
      return FALSE;
    }
  return TRUE;
}

/* ---- seeding ---------------------------------------------------------------------------- */

static gboolean
insert_standard_item (GkCatalogue          *self,
                      sqlite3_int64         domain_id,
                      int                   position,
                      const GkStandardItem *std,
                      GError              **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "INSERT INTO item (domain_id, position, level1, level2, content, basis, time_limit, subject,"
    " channels, channels_other, audience_all, audience_specific, mode_active, mode_request,"
    " level_county, level_township, origin)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 'standard:' || ?17)",
    error);
  g_autofree char *origin = NULL;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, domain_id);
  sqlite3_bind_int (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, std->level1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, std->level2, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, std->content, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, std->basis, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, std->time_limit, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, std->subject, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, (int) std->channels);
  sqlite3_bind_text (stmt, 10, std->channels_other, -1, SQLITE_STATIC);
  /* A tick the source did not show is left unticked: the officer decides, the validator asks. */
  for (guint f = 0; f < GK_N_FLAGS; f++)
    sqlite3_bind_int (stmt, 11 + f, std->flags[f] == 1);
  sqlite3_bind_text (stmt, 17, std->id, -1, SQLITE_STATIC);

  return gk_db_step_done (self->db, stmt, error);
}

static gboolean
seed (GkCatalogue  *self,
      const char   *township,
      const char   *county,
      GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  sqlite3_stmt *stmt;

  if (!gk_db_begin (self->db, error))
    return FALSE;

  stmt = gk_db_cached (self->db,
                       "INSERT INTO profile (id, township, county, year) VALUES (1, ?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, township != NULL ? township : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, county != NULL ? county : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, g_date_time_get_year (now));
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;

  for (guint i = 0; i < gk_standards_get_n_domains (self->standards); i++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (self->standards, i);
      g_autoptr(GPtrArray) items = gk_standards_get_items (self->standards, info->number);
      sqlite3_int64 domain_id;
      int position = 0;

      stmt = gk_db_cached (self->db,
                           "INSERT INTO domain (number, code, name, national_lead) VALUES (?1, ?2, ?3, ?4)",
                           error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 1, info->number);
      sqlite3_bind_text (stmt, 2, info->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, info->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, info->lead_department, -1, SQLITE_STATIC);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
      domain_id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db));

      /* Township-level items are proposed; county-only ones stay in the library until chosen. */
      for (guint j = 0; j < items->len; j++)
        {
          const GkStandardItem *std = g_ptr_array_index (items, j);
          if (gk_standard_item_is_township (std) &&
              !insert_standard_item (self, domain_id, ++position, std, error))
            goto fail;
        }
    }

  return gk_db_commit (self->db, error);

fail:
  gk_db_rollback (self->db);
  return FALSE;
}

/* ---- domains ---------------------------------------------------------------------------- */

#define DOMAIN_SELECT \
  "SELECT d.number, d.code, d.name, d.national_lead, d.local_lead, d.applicable," \
  " d.not_applicable_reason, d.custom, (SELECT count(*) FROM item i WHERE i.domain_id = d.id)" \
  " FROM domain d"

static void
read_domain_state (sqlite3_stmt  *stmt,
                   GkDomainState *state)
{
  state->number = sqlite3_column_int (stmt, 0);
  state->code = column_text (stmt, 1);
  state->name = column_text (stmt, 2);
  state->national_lead = column_text (stmt, 3);
  state->local_lead = column_text (stmt, 4);
  state->applicable = sqlite3_column_int (stmt, 5);
  state->reason = column_text (stmt, 6);
  state->custom = sqlite3_column_int (stmt, 7);
  state->n_items = (guint) sqlite3_column_int (stmt, 8);
  state->n_complete = 0;  /* gk-validate's, filled in by add_domain_status() */
  state->n_errors = 0;
}

static void refresh_domain (GkCatalogue *self,
                            int          number);

static gboolean
load_domains (GkCatalogue  *self,
              GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, DOMAIN_SELECT " ORDER BY d.number", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GkDomainState state;
      g_autoptr(GkDomain) domain = NULL;

      read_domain_state (stmt, &state);
      domain = gk_domain_new (&state);
      g_list_store_append (self->domains, domain);
    }
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the domains"));
      return FALSE;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->domains)); i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (G_LIST_MODEL (self->domains), i);
      refresh_domain (self, gk_domain_get_number (domain));
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Completion and errors of a domain, as gk-validate sees them (the items that no error names
 * are complete). One pass over the problems, not one per item: a domain of 800 items has
 * thousands of problems, and this runs after every edit. */
static void
add_domain_status (GkCatalogue   *self,
                   GkDomain      *domain,
                   GkDomainState *state)
{
  g_autoptr(GListModel) problems = gk_validate_domain (self, gk_domain_get_number (domain), NULL);
  g_autoptr(GArray) failing = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_failing = 0;

  state->n_complete = 0;
  state->n_errors = 0;
  if (problems == NULL)
    return;
  gk_validate_count (problems, &state->n_errors, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      gint64 id = gk_problem_get_item_id (problem);

      if (id != 0 && gk_problem_get_severity (problem) == GK_SEVERITY_ERROR)
        g_array_append_val (failing, id);
    }
  g_array_sort (failing, compare_ids);
  for (guint i = 0; i < failing->len; i++)
    n_failing += i == 0 || g_array_index (failing, gint64, i) != g_array_index (failing, gint64, i - 1);
  state->n_complete = state->n_items - MIN (n_failing, state->n_items);
}

static void
refresh_domain (GkCatalogue *self,
                int          number)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, DOMAIN_SELECT " WHERE d.number = ?1", NULL);
  GkDomain *domain = gk_catalogue_get_domain (self, number);

  if (stmt == NULL || domain == NULL)
    return;
  sqlite3_bind_int (stmt, 1, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GkDomainState state;
      g_autofree char *code = NULL, *name = NULL, *national = NULL, *local = NULL, *reason = NULL;

      /* Copies: validating runs other statements before the row is used. */
      read_domain_state (stmt, &state);
      /* Until validated again, the counts are the ones shown: no notification of a stale 0. */
      state.n_complete = gk_domain_get_n_complete (domain);
      state.n_errors = gk_domain_get_n_errors (domain);
      state.code = code = g_strdup (state.code);
      state.name = name = g_strdup (state.name);
      state.national_lead = national = g_strdup (state.national_lead);
      state.local_lead = local = g_strdup (state.local_lead);
      state.reason = reason = g_strdup (state.reason);
      sqlite3_reset (stmt);
      gk_domain_update (domain, &state);
      add_domain_status (self, domain, &state);
      gk_domain_update (domain, &state);
    }
  sqlite3_reset (stmt);
}

GListModel *
gk_catalogue_get_domains (GkCatalogue *self)
{
  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);
  return G_LIST_MODEL (self->domains);
}

GkDomain *
gk_catalogue_get_domain (GkCatalogue *self,
                         int          number)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->domains));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (G_LIST_MODEL (self->domains), i);
      if (gk_domain_get_number (domain) == number)
        return domain;  /* the store keeps it alive */
    }
  return NULL;
}

GkDomain *
gk_catalogue_find_domain (GkCatalogue *self,
                          const char  *number_or_name)
{
  const GkDomainInfo *info = gk_standards_find_domain (self->standards, number_or_name);
  guint n;

  if (info != NULL)
    return gk_catalogue_get_domain (self, info->number);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->domains));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (G_LIST_MODEL (self->domains), i);
      g_autofree char *number = g_strdup_printf ("%d", gk_domain_get_number (domain));

      if (g_strcmp0 (gk_domain_get_name (domain), number_or_name) == 0 ||
          g_strcmp0 (number, number_or_name) == 0)
        return domain;
    }
  return NULL;
}

static gboolean
require_domain (GkCatalogue  *self,
                int           number,
                GError      **error)
{
  if (gk_catalogue_get_domain (self, number) != NULL)
    return TRUE;
  g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no domain %d."), number);
  return FALSE;
}

gboolean
gk_catalogue_set_domain_applicable (GkCatalogue  *self,
                                    int           number,
                                    gboolean      applicable,
                                    const char   *reason,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);

  if (reason == NULL)
    reason = "";
  if (!require_domain (self, number, error) || !check_text (reason, 2000, error))
    return FALSE;

  stmt = gk_db_cached (self->db,
                       "UPDATE domain SET applicable = ?2, not_applicable_reason = ?3 WHERE number = ?1",
                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, number);
  sqlite3_bind_int (stmt, 2, !!applicable);
  /* The reason is kept when the domain is included again, so a slip of the switch loses nothing. */
  if (applicable)
    sqlite3_bind_text (stmt, 3, gk_domain_get_reason (gk_catalogue_get_domain (self, number)), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;

  refresh_domain (self, number);
  return TRUE;
}

gboolean
gk_catalogue_set_domain_local_lead (GkCatalogue  *self,
                                    int           number,
                                    const char   *local_lead,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!require_domain (self, number, error) || !check_text (local_lead, 200, error))
    return FALSE;

  stmt = gk_db_cached (self->db, "UPDATE domain SET local_lead = ?2 WHERE number = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, number);
  sqlite3_bind_text (stmt, 2, local_lead, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;

  refresh_domain (self, number);
  return TRUE;
}

/* ---- departments ------------------------------------------------------------------------ */

static gboolean
load_departments (GkCatalogue  *self,
                  GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "SELECT id, name, kind, contact FROM department ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = gk_department_kind_from_string (column_text (stmt, 2));
      g_autoptr(GkDepartment) department =
        gk_department_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                           kind < 0 ? GK_DEPARTMENT_OTHER : kind, column_text (stmt, 3));
      g_list_store_append (self->departments, department);
    }
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the departments"));
      return FALSE;
    }
  return TRUE;
}

GListModel *
gk_catalogue_get_departments (GkCatalogue *self)
{
  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);
  return G_LIST_MODEL (self->departments);
}

GkDepartment *
gk_catalogue_find_department (GkCatalogue *self,
                              const char  *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->departments));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDepartment) department = g_list_model_get_item (G_LIST_MODEL (self->departments), i);
      if (g_strcmp0 (gk_department_get_name (department), name) == 0)
        return department;  /* the store keeps it alive */
    }
  return NULL;
}

/* Without the spaces around it, full-width ones (　) included: typed names often carry them. */
static char *
strip_spaces (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char_validated (start, -1)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char_validated (prev, -1)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static gboolean
check_department_name (GkCatalogue  *self,
                       const char   *name,
                       GError      **error)
{
  if (*name == '\0')
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("A department needs a name."));
      return FALSE;
    }
  if (!check_text (name, 100, error))
    return FALSE;
  if (gk_catalogue_find_department (self, name) != NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("There is already a department “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

GkDepartment *
gk_catalogue_add_department (GkCatalogue       *self,
                             const char        *name,
                             GkDepartmentKind   kind,
                             GError           **error)
{
  g_autoptr(GkDepartment) department = NULL;
  sqlite3_stmt *stmt;

  g_autofree char *clean = NULL;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  name = clean = strip_spaces (name);
  if (!check_department_name (self, name, error))
    return NULL;
  stmt = gk_db_cached (self->db,
    "INSERT INTO department (name, kind, position)"
    " VALUES (?1, ?2, coalesce((SELECT max(position) FROM department), 0) + 1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, gk_department_kind_to_string (kind), -1, SQLITE_STATIC);
  if (!gk_db_step_done (self->db, stmt, error))
    return NULL;

  department = gk_department_new (sqlite3_last_insert_rowid (gk_db_get_handle (self->db)), name, kind, "");
  g_list_store_append (self->departments, department);
  return department;  /* the store keeps it alive */
}

GkDepartment *
gk_catalogue_ensure_department (GkCatalogue       *self,
                                const char        *name,
                                GkDepartmentKind   kind,
                                GError           **error)
{
  g_autofree char *clean = strip_spaces (name);
  GkDepartment *department = gk_catalogue_find_department (self, clean);

  return department != NULL ? department : gk_catalogue_add_department (self, clean, kind, error);
}

static gboolean
is_list_separator (const char *p)
{
  static const char * const separators[] = { "、", "，", ",", "；", ";", "/", " ", "　", "和", "及" };

  if (*p == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (g_str_has_prefix (p, separators[i]))
      return TRUE;
  return FALSE;
}

static gboolean
ends_with_separator (const char *start,
                     const char *p)
{
  const char *prev;

  if (p == start)
    return TRUE;
  prev = g_utf8_find_prev_char (start, p);
  return prev != NULL && is_list_separator (prev);
}

/**
 * gk_replace_name_in_list:
 *
 * Replaces @old_name where it stands as a whole entry of a list such as
 * "党政办、社会事务办": "社会事务办" is replaced there, but not inside "县社会事务办公室".
 * Returns a new string (a copy when nothing matched).
 */
char *
gk_replace_name_in_list (const char *list,
                         const char *old_name,
                         const char *new_name)
{
  GString *out = g_string_new (NULL);
  gsize old_len = strlen (old_name);
  const char *p = list;

  if (old_len == 0)
    return g_strdup (list);

  while (*p != '\0')
    {
      if (strncmp (p, old_name, old_len) == 0 && ends_with_separator (list, p) &&
          is_list_separator (p + old_len))
        {
          g_string_append (out, new_name);
          p += old_len;
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (out, p, next - p);
          p = next;
        }
    }
  return g_string_free (out, FALSE);
}

/* Renames the department and, in the same transaction, every item whose 公开主体 names it. */
gboolean
gk_catalogue_rename_department (GkCatalogue   *self,
                                GkDepartment  *department,
                                const char    *name,
                                guint         *n_items_changed,
                                GError       **error)
{
  g_autofree char *old_name = NULL;
  g_autoptr(GArray) domains = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  sqlite3_stmt *update;
  guint changed = 0;
  int rc;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (GK_IS_DEPARTMENT (department), FALSE);

  if (n_items_changed != NULL)
    *n_items_changed = 0;
  if (g_strcmp0 (gk_department_get_name (department), name) == 0)
    return TRUE;
  if (!check_department_name (self, name, error))
    return FALSE;
  old_name = g_strdup (gk_department_get_name (department));

  if (!gk_db_begin (self->db, error))
    return FALSE;

  stmt = gk_db_cached (self->db, "UPDATE department SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, gk_department_get_id (department));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;

  stmt = gk_db_cached (self->db,
    "SELECT i.id, i.subject, d.number FROM item i JOIN domain d ON d.id = i.domain_id"
    " WHERE instr (i.subject, ?1) > 0", error);
  update = gk_db_cached (self->db,
    "UPDATE item SET subject = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
    error);
  if (stmt == NULL || update == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, old_name, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *subject = column_text (stmt, 1);
      g_autofree char *renamed = gk_replace_name_in_list (subject, old_name, name);
      int number = sqlite3_column_int (stmt, 2);

      if (strcmp (renamed, subject) == 0)
        continue;
      if (g_utf8_strlen (renamed, -1) > text_limits[GK_ITEM_SUBJECT])
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The new name makes the publisher of an item too long."));
          sqlite3_reset (stmt);
          goto fail;
        }
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (stmt, 0));
      sqlite3_bind_text (update, 2, renamed, -1, SQLITE_TRANSIENT);
      if (!gk_db_step_done (self->db, update, error))
        {
          sqlite3_reset (stmt);
          goto fail;
        }
      changed++;
      g_array_append_val (domains, number);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot save the change"));
      goto fail;
    }
  if (!gk_db_commit (self->db, error))
    goto fail;

  index_invalidate (self);
  gk_department_set_name (department, name);
  for (guint i = 0; i < domains->len; i++)
    if (i == 0 || g_array_index (domains, int, i) != g_array_index (domains, int, i - 1))
      g_signal_emit (self, signals[ITEMS_CHANGED], 0, g_array_index (domains, int, i));
  if (n_items_changed != NULL)
    *n_items_changed = changed;
  return TRUE;

fail:
  gk_db_rollback (self->db);
  return FALSE;
}

gboolean
gk_catalogue_set_department_contact (GkCatalogue   *self,
                                     GkDepartment  *department,
                                     const char    *contact,
                                     GError       **error)
{
  sqlite3_stmt *stmt;

  if (!check_text (contact, 200, error))
    return FALSE;
  stmt = gk_db_cached (self->db, "UPDATE department SET contact = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_department_get_id (department));
  sqlite3_bind_text (stmt, 2, contact, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  gk_department_set_contact (department, contact);
  return TRUE;
}

gboolean
gk_catalogue_remove_department (GkCatalogue   *self,
                                GkDepartment  *department,
                                GError       **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, "DELETE FROM department WHERE id = ?1", error);
  guint position;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gk_department_get_id (department));
  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  if (g_list_store_find (self->departments, department, &position))
    g_list_store_remove (self->departments, position);
  return TRUE;
}

/* ---- open ------------------------------------------------------------------------------- */

static gboolean
has_profile (GkCatalogue  *self,
             gboolean     *result,
             GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, "SELECT count(*) FROM profile", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gk_db_set_error (self->db, error, _("Cannot read the workspace"));
      return FALSE;
    }
  *result = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static GkCatalogue *
open_full (const char  *path,
           gboolean     create,
           const char  *township,
           const char  *county,
           GError     **error)
{
  g_autoptr(GkCatalogue) self = g_object_new (GK_TYPE_CATALOGUE, NULL);
  gboolean seeded = FALSE;

  self->standards = gk_standards_get_builtin (error);
  if (self->standards == NULL)
    return NULL;

  self->db = gk_db_open (path, create, error);
  if (self->db == NULL)
    return NULL;

  if (!has_profile (self, &seeded, error))
    return NULL;
  /* Seeding is one transaction: a workspace is either empty or whole, even after a crash. */
  if (!seeded && !seed (self, township, county, error))
    return NULL;

  if (!load_domains (self, error) || !load_departments (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GkCatalogue *
gk_catalogue_open (const char  *path,
                   gboolean     create,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_full (path, create, NULL, NULL, error);
}

GkCatalogue *
gk_catalogue_create (const char  *path,
                     const char  *township,
                     const char  *county,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO,
                   _("“%s” already exists: choose another name, or open it instead."), path);
      return NULL;
    }
  if ((township != NULL && !check_text (township, 100, error)) ||
      (county != NULL && !check_text (county, 100, error)))
    return NULL;
  return open_full (path, TRUE, township, county, error);
}

const char *
gk_catalogue_get_path (GkCatalogue *self)
{
  return gk_db_get_path (self->db);
}

GkDb *
gk_catalogue_get_db (GkCatalogue *self)
{
  return self->db;
}

GkStandards *
gk_catalogue_get_standards (GkCatalogue *self)
{
  return self->standards;
}

/* ---- profile ---------------------------------------------------------------------------- */

static const char * const profile_select[GK_N_PROFILE_FIELDS] = {
  "SELECT township FROM profile", "SELECT county FROM profile",
  "SELECT prefecture FROM profile", "SELECT province FROM profile",
  "SELECT compiled_by FROM profile", "SELECT phone FROM profile",
  "SELECT year FROM profile", "SELECT version FROM profile",
};

static const char * const profile_update[GK_N_PROFILE_FIELDS] = {
  "UPDATE profile SET township = ?1", "UPDATE profile SET county = ?1",
  "UPDATE profile SET prefecture = ?1", "UPDATE profile SET province = ?1",
  "UPDATE profile SET compiled_by = ?1", "UPDATE profile SET phone = ?1",
  "UPDATE profile SET year = ?1", "UPDATE profile SET version = ?1",
};

char *
gk_catalogue_get_profile (GkCatalogue    *self,
                          GkProfileField  field)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (field < GK_N_PROFILE_FIELDS, NULL);

  stmt = gk_db_cached (self->db, profile_select[field], NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value != NULL ? value : g_strdup ("");
}

gboolean
gk_catalogue_set_profile (GkCatalogue     *self,
                          GkProfileField   field,
                          const char      *value,
                          GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (field < GK_N_PROFILE_FIELDS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_text (value, profile_limits[field], error))
    return FALSE;

  stmt = gk_db_cached (self->db, profile_update[field], error);
  if (stmt == NULL)
    return FALSE;

  if (field == GK_PROFILE_YEAR)
    {
      char *end = NULL;
      long year = strtol (value, &end, 10);

      if (end == value || *end != '\0' || year < 2019 || year > 2100)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The year must be a number from 2019 to 2100."));
          return FALSE;
        }
      sqlite3_bind_int (stmt, 1, (int) year);
    }
  else
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  if (!gk_db_step_done (self->db, stmt, error))
    return FALSE;
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
  return TRUE;
}

/* ---- items ------------------------------------------------------------------------------ */

#define ITEM_SELECT \
  "SELECT i.id, d.number, i.position, i.level1, i.level2, i.content, i.basis, i.time_limit," \
  " i.subject, i.channels_other, i.note, i.channels, i.audience_all, i.audience_specific," \
  " i.mode_active, i.mode_request, i.level_county, i.level_township, i.origin, i.state," \
  " i.updated_at FROM item i JOIN domain d ON d.id = i.domain_id"

static GkItem *
item_from_row (sqlite3_stmt *stmt)
{
  GkItem *item = gk_item_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1));

  gk_item_set_position (item, sqlite3_column_int (stmt, 2));
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    gk_item_set_text (item, t, column_text (stmt, 3 + t));
  gk_item_set_channels (item, (guint) sqlite3_column_int (stmt, 11));
  for (guint f = 0; f < GK_N_FLAGS; f++)
    gk_item_set_flag (item, f, sqlite3_column_int (stmt, 12 + f));
  gk_item_set_origin (item, column_text (stmt, 18));
  gk_item_set_confirmed (item, g_strcmp0 (column_text (stmt, 19), "confirmed") == 0);
  gk_item_set_updated_at (item, column_text (stmt, 20));
  return item;
}

GListModel *
gk_catalogue_list_items (GkCatalogue  *self,
                         int           domain_number,
                         GError      **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);

  if (!require_domain (self, domain_number, error))
    return NULL;
  stmt = gk_db_cached (self->db, ITEM_SELECT " WHERE d.number = ?1 ORDER BY i.position, i.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, domain_number);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the items"));
      return NULL;
    }
  sqlite3_reset (stmt);

  /* One splice, so a list view sees one change rather than one per row. */
  store = g_list_store_new (GK_TYPE_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

GkItem *
gk_catalogue_get_item (GkCatalogue  *self,
                       gint64        id,
                       GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db, ITEM_SELECT " WHERE i.id = ?1", error);
  GkItem *item = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no item %s."), number);
    }
  else
    gk_db_set_error (self->db, error, _("Cannot read the item"));
  sqlite3_reset (stmt);
  return item;
}

GkItem *
gk_catalogue_add_item (GkCatalogue  *self,
                       int           domain_number,
                       const char   *level1,
                       const char   *level2,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  sqlite3_int64 id;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);

  if (level1 == NULL)
    level1 = "";
  if (level2 == NULL)
    level2 = "";
  if (!require_domain (self, domain_number, error) ||
      !check_text (level1, text_limits[GK_ITEM_LEVEL1], error) ||
      !check_text (level2, text_limits[GK_ITEM_LEVEL2], error))
    return NULL;

  stmt = gk_db_cached (self->db,
    "INSERT INTO item (domain_id, position, level1, level2, level_township)"
    " SELECT d.id, coalesce((SELECT max(position) FROM item WHERE domain_id = d.id), 0) + 1, ?2, ?3, 1"
    " FROM domain d WHERE d.number = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, domain_number);
  sqlite3_bind_text (stmt, 2, level1, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, level2, -1, SQLITE_TRANSIENT);
  if (!gk_db_step_done (self->db, stmt, error))
    return NULL;
  id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db));

  refresh_domain (self, domain_number);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, domain_number);
  {
    GkItem *item = gk_catalogue_get_item (self, id, error);
    if (item != NULL)
      index_put (self, item);
    return item;
  }
}

static const char * const text_update[GK_ITEM_N_TEXTS] = {
  "UPDATE item SET level1 = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET level2 = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET content = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET basis = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET time_limit = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET subject = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET channels_other = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET note = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
};

static const char * const flag_update[GK_N_FLAGS] = {
  "UPDATE item SET audience_all = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET audience_specific = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET mode_active = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET mode_request = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET level_county = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
  "UPDATE item SET level_township = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1 RETURNING updated_at",
};

/* Runs a one-row UPDATE … RETURNING updated_at on @item (whose id is ?1; the caller bound ?2)
 * and carries the new timestamp over to the object. */
static gboolean
run_item_update (GkCatalogue   *self,
                 GkItem        *item,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, gk_item_get_id (item));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *updated_at = g_strdup (column_text (stmt, 0));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          gk_item_set_updated_at (item, updated_at);
          refresh_domain (self, gk_item_get_domain_number (item));
          return TRUE;
        }
    }
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND,
                   _("The item was deleted in the meantime."));
      return FALSE;
    }
  gk_db_set_error (self->db, error, _("Cannot save the change"));
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
gk_catalogue_set_item_text (GkCatalogue  *self,
                            GkItem       *item,
                            GkItemText    text,
                            const char   *value,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (GK_IS_ITEM (item), FALSE);
  g_return_val_if_fail (text < GK_ITEM_N_TEXTS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_text (value, text_limits[text], error))
    return FALSE;
  stmt = gk_db_cached (self->db, text_update[text], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!run_item_update (self, item, stmt, error))
    return FALSE;
  gk_item_set_text (item, text, value);
  if (text != GK_ITEM_TIME_LIMIT && text != GK_ITEM_CHANNELS_OTHER && text != GK_ITEM_NOTE)
    index_put (self, item);
  return TRUE;
}

gboolean
gk_catalogue_set_item_flag (GkCatalogue  *self,
                            GkItem       *item,
                            GkFlag        flag,
                            gboolean      value,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (GK_IS_ITEM (item), FALSE);
  g_return_val_if_fail (flag < GK_N_FLAGS, FALSE);

  stmt = gk_db_cached (self->db, flag_update[flag], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, !!value);
  if (!run_item_update (self, item, stmt, error))
    return FALSE;
  gk_item_set_flag (item, flag, value);
  return TRUE;
}

gboolean
gk_catalogue_set_item_channels (GkCatalogue  *self,
                                GkItem       *item,
                                guint         channels,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (GK_IS_ITEM (item), FALSE);

  if (channels & ~GK_CHANNELS_ALL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("Unknown channel."));
      return FALSE;
    }
  stmt = gk_db_cached (self->db,
    "UPDATE item SET channels = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " WHERE id = ?1 RETURNING updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 2, (int) channels);
  if (!run_item_update (self, item, stmt, error))
    return FALSE;
  gk_item_set_channels (item, channels);
  return TRUE;
}

gboolean
gk_catalogue_set_item_confirmed (GkCatalogue  *self,
                                 GkItem       *item,
                                 gboolean      confirmed,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (GK_IS_ITEM (item), FALSE);

  stmt = gk_db_cached (self->db,
    "UPDATE item SET state = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    " WHERE id = ?1 RETURNING updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, confirmed ? "confirmed" : "draft", -1, SQLITE_STATIC);
  if (!run_item_update (self, item, stmt, error))
    return FALSE;
  gk_item_set_confirmed (item, confirmed);
  return TRUE;
}

static gboolean
parse_bool (const char *value,
            gboolean   *result)
{
  if (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "√"))
    *result = TRUE;
  else if (g_str_equal (value, "0") || g_ascii_strcasecmp (value, "false") == 0 || *value == '\0')
    *result = FALSE;
  else
    return FALSE;
  return TRUE;
}

/**
 * gk_catalogue_set_item_field:
 * @key: a column name as in the CLI and JSON: "level1" … "note", "audience_all" … "level_township",
 *   "channels" (names separated by ";", "其他:text" for other), or "state" (draft/confirmed)
 *
 * Sets one column from its text form; the one place that turns user-typed text into a value.
 */
gboolean
gk_catalogue_set_item_field (GkCatalogue  *self,
                             GkItem       *item,
                             const char   *key,
                             const char   *value,
                             GError      **error)
{
  int text = gk_item_text_from_key (key);
  int flag = gk_flag_from_key (key);

  if (text >= 0)
    return gk_catalogue_set_item_text (self, item, text, value, error);

  if (flag >= 0)
    {
      gboolean on;
      if (!parse_bool (value, &on))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("“%s” must be 1 (ticked) or 0 (not ticked), not “%s”."), key, value);
          return FALSE;
        }
      return gk_catalogue_set_item_flag (self, item, flag, on, error);
    }

  if (g_str_equal (key, "channels"))
    {
      g_autofree char *other = NULL;
      g_autoptr(GError) local_error = NULL;
      guint bits;

      if (!gk_channels_parse (value, &bits, &other, &local_error))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("Channels: %s."), local_error->message);
          return FALSE;
        }
      if (!gk_catalogue_set_item_channels (self, item, bits, error))
        return FALSE;
      return *other == '\0' ||
             gk_catalogue_set_item_text (self, item, GK_ITEM_CHANNELS_OTHER, other, error);
    }

  if (g_str_equal (key, "state"))
    {
      if (!g_str_equal (value, "draft") && !g_str_equal (value, "confirmed"))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The state is “draft” or “confirmed”, not “%s”."), value);
          return FALSE;
        }
      return gk_catalogue_set_item_confirmed (self, item, g_str_equal (value, "confirmed"), error);
    }

  g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("An item has no field “%s”."), key);
  return FALSE;
}

gboolean
gk_catalogue_delete_item (GkCatalogue  *self,
                          gint64        id,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(GkItem) item = NULL;
  sqlite3_stmt *stmt;
  const char *standard_id;
  int number;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), FALSE);

  item = gk_catalogue_get_item (self, id, error);
  if (item == NULL)
    return FALSE;
  if (reason != NULL && !check_text (reason, 2000, error))
    return FALSE;
  number = gk_item_get_domain_number (item);
  standard_id = gk_item_get_standard_id (item);

  if (!gk_db_begin (self->db, error))
    return FALSE;

  /* A standard item left out is a deviation the county must see, with the township's reason. */
  if (standard_id != NULL && reason != NULL)
    {
      stmt = gk_db_cached (self->db,
        "INSERT INTO standard_deviation (standard_id, domain_id, reason)"
        " SELECT ?1, d.id, ?2 FROM domain d WHERE d.number = ?3"
        " ON CONFLICT (standard_id) DO UPDATE SET reason = excluded.reason", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, standard_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, number);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
    }

  stmt = gk_db_cached (self->db, "DELETE FROM item WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gk_db_step_done (self->db, stmt, error) || !gk_db_commit (self->db, error))
    goto fail;

  index_remove (self, id);
  refresh_domain (self, number);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, number);
  return TRUE;

fail:
  gk_db_rollback (self->db);
  return FALSE;
}

/* ---- standard items: what is left out, restoring, resetting ----------------------------- */

/* The domain's standard items that are not in the catalogue (county-only ones, and those the
 * township removed), in the standard's order. The items belong to the library. */
GPtrArray *
gk_catalogue_list_available_standard_items (GkCatalogue *self,
                                            int          domain_number)
{
  g_autoptr(GPtrArray) standard_items = gk_standards_get_items (self->standards, domain_number);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *available = g_ptr_array_new ();
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "SELECT substr (i.origin, 10) FROM item i JOIN domain d ON d.id = i.domain_id"
    " WHERE d.number = ?1 AND i.origin GLOB 'standard:*'", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, domain_number);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (present, g_strdup (column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  for (guint i = 0; i < standard_items->len; i++)
    {
      GkStandardItem *std = g_ptr_array_index (standard_items, i);
      if (!g_hash_table_contains (present, std->id))
        g_ptr_array_add (available, std);
    }
  return available;
}

char *
gk_catalogue_get_deviation_reason (GkCatalogue *self,
                                   const char  *standard_id)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "SELECT reason FROM standard_deviation WHERE standard_id = ?1", NULL);
  char *reason = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, standard_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reason = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);
  return reason;
}

static gboolean
forget_deviation (GkCatalogue  *self,
                  const char   *standard_id,
                  GError      **error)
{
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "DELETE FROM standard_deviation WHERE standard_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, standard_id, -1, SQLITE_TRANSIENT);
  return gk_db_step_done (self->db, stmt, error);
}

/* Puts a standard item (back) into the catalogue, at the end of its domain, as the standard
 * has it; a deviation recorded when it was removed is dropped. */
GkItem *
gk_catalogue_restore_standard_item (GkCatalogue  *self,
                                    const char   *standard_id,
                                    GError      **error)
{
  const GkStandardItem *std = gk_standards_lookup (self->standards, standard_id);
  sqlite3_stmt *stmt;
  sqlite3_int64 domain_id, id;
  int position;

  if (std == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no standard item “%s”."), standard_id);
      return NULL;
    }
  if (!require_domain (self, std->domain_number, error))
    return NULL;

  stmt = gk_db_cached (self->db,
    "SELECT d.id, coalesce ((SELECT max (position) FROM item WHERE domain_id = d.id), 0) + 1,"
    " (SELECT count (*) FROM item WHERE origin = 'standard:' || ?2)"
    " FROM domain d WHERE d.number = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, std->domain_number);
  sqlite3_bind_text (stmt, 2, std->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gk_db_set_error (self->db, error, _("Cannot read the workspace"));
      sqlite3_reset (stmt);
      return NULL;
    }
  domain_id = sqlite3_column_int64 (stmt, 0);
  position = sqlite3_column_int (stmt, 1);
  if (sqlite3_column_int (stmt, 2) > 0)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   _("The standard item “%s / %s” is already in the catalogue."), std->level1, std->level2);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (!gk_db_begin (self->db, error))
    return NULL;
  if (!insert_standard_item (self, domain_id, position, std, error) ||
      (id = sqlite3_last_insert_rowid (gk_db_get_handle (self->db)), !forget_deviation (self, std->id, error)) ||
      !gk_db_commit (self->db, error))
    {
      gk_db_rollback (self->db);
      return NULL;
    }

  index_invalidate (self);
  refresh_domain (self, std->domain_number);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, std->domain_number);
  return gk_catalogue_get_item (self, id, error);
}

/* Undoes a deletion: the item comes back with its id, position and every field, and the
 * deviation its removal recorded is dropped. */
GkItem *
gk_catalogue_undelete_item (GkCatalogue  *self,
                            GkItem       *snapshot,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  int number = gk_item_get_domain_number (snapshot);
  const char *standard_id = gk_item_get_standard_id (snapshot);

  if (!require_domain (self, number, error) || !gk_db_begin (self->db, error))
    return NULL;

  /* Restored from the library in the meantime: a second copy would be a duplicate. */
  if (standard_id != NULL)
    {
      stmt = gk_db_cached (self->db, "SELECT count (*) FROM item WHERE origin = 'standard:' || ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, standard_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) > 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("The standard item “%s / %s” is already in the catalogue."),
                       gk_item_get_text (snapshot, GK_ITEM_LEVEL1), gk_item_get_text (snapshot, GK_ITEM_LEVEL2));
          goto fail;
        }
      sqlite3_reset (stmt);
    }

  stmt = gk_db_cached (self->db,
    "INSERT INTO item (id, domain_id, position, level1, level2, content, basis, time_limit, subject,"
    " channels_other, note, channels, audience_all, audience_specific, mode_active, mode_request,"
    " level_county, level_township, origin, state)"
    " SELECT ?1, d.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20"
    " FROM domain d WHERE d.number = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, gk_item_get_id (snapshot));
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_int (stmt, 3, gk_item_get_position (snapshot));
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    sqlite3_bind_text (stmt, 4 + t, gk_item_get_text (snapshot, t), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, (int) gk_item_get_channels (snapshot));
  for (guint f = 0; f < GK_N_FLAGS; f++)
    sqlite3_bind_int (stmt, 13 + f, gk_item_get_flag (snapshot, f));
  sqlite3_bind_text (stmt, 19, gk_item_get_origin (snapshot), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 20, gk_item_get_confirmed (snapshot) ? "confirmed" : "draft", -1, SQLITE_STATIC);
  if (!gk_db_step_done (self->db, stmt, error))
    goto fail;
  if (standard_id != NULL && !forget_deviation (self, standard_id, error))
    goto fail;
  if (!gk_db_commit (self->db, error))
    goto fail;

  index_invalidate (self);
  refresh_domain (self, number);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, number);
  return gk_catalogue_get_item (self, gk_item_get_id (snapshot), error);

fail:
  gk_db_rollback (self->db);
  return NULL;
}

/* Moves @item to @new_index (0-based) among its domain's items; positions become 1…n. */
gboolean
gk_catalogue_move_item (GkCatalogue  *self,
                        GkItem       *item,
                        guint         new_index,
                        GError      **error)
{
  g_autoptr(GListModel) items = gk_catalogue_list_items (self, gk_item_get_domain_number (item), error);
  g_autoptr(GPtrArray) order = NULL;
  sqlite3_stmt *stmt;
  guint n;

  if (items == NULL)
    return FALSE;
  n = g_list_model_get_n_items (items);
  order = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      GkItem *other = g_list_model_get_item (items, i);
      if (gk_item_get_id (other) == gk_item_get_id (item))
        g_object_unref (other);
      else
        g_ptr_array_add (order, other);
    }
  if (order->len == n)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("The item was deleted in the meantime."));
      return FALSE;
    }
  g_ptr_array_insert (order, (int) MIN (new_index, order->len), g_object_ref (item));

  if (!gk_db_begin (self->db, error))
    return FALSE;
  stmt = gk_db_cached (self->db, "UPDATE item SET position = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < order->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, gk_item_get_id (g_ptr_array_index (order, i)));
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
    }
  if (!gk_db_commit (self->db, error))
    goto fail;

  index_invalidate (self);
  gk_item_set_position (item, (int) MIN (new_index, order->len - 1) + 1);
  refresh_domain (self, gk_item_get_domain_number (item));
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, gk_item_get_domain_number (item));
  return TRUE;

fail:
  gk_db_rollback (self->db);
  return FALSE;
}

/* The text form of a field, as gk_catalogue_set_item_field() takes it: what "reset to the
 * standard" writes, and what the editor compares to mark a changed field. A flag the
 * standard does not know is NULL. */
char *
gk_standard_item_field_text (const GkStandardItem *std,
                             const char           *key)
{
  static const struct { const char *key; gsize offset; } texts[] = {
    { "level1", G_STRUCT_OFFSET (GkStandardItem, level1) },
    { "level2", G_STRUCT_OFFSET (GkStandardItem, level2) },
    { "content", G_STRUCT_OFFSET (GkStandardItem, content) },
    { "basis", G_STRUCT_OFFSET (GkStandardItem, basis) },
    { "time_limit", G_STRUCT_OFFSET (GkStandardItem, time_limit) },
    { "subject", G_STRUCT_OFFSET (GkStandardItem, subject) },
    { "channels_other", G_STRUCT_OFFSET (GkStandardItem, channels_other) },
  };
  int flag = gk_flag_from_key (key);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (key, texts[i].key))
      return g_strdup (G_STRUCT_MEMBER (const char *, std, texts[i].offset));
  if (flag >= 0)
    return std->flags[flag] < 0 ? NULL : g_strdup (std->flags[flag] ? "1" : "0");
  if (g_str_equal (key, "channels"))
    return gk_channels_to_string (std->channels, std->channels_other);
  return NULL;
}

char *
gk_item_field_text (GkItem     *item,
                    const char *key)
{
  int text = gk_item_text_from_key (key);
  int flag = gk_flag_from_key (key);

  if (text >= 0)
    return g_strdup (gk_item_get_text (item, text));
  if (flag >= 0)
    return g_strdup (gk_item_get_flag (item, flag) ? "1" : "0");
  if (g_str_equal (key, "channels"))
    return gk_channels_to_string (gk_item_get_channels (item), gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER));
  return NULL;
}

gboolean
gk_catalogue_reset_item_field (GkCatalogue  *self,
                               GkItem       *item,
                               const char   *key,
                               GError      **error)
{
  const char *standard_id = gk_item_get_standard_id (item);
  const GkStandardItem *std = standard_id != NULL ? gk_standards_lookup (self->standards, standard_id) : NULL;
  g_autofree char *value = NULL;

  if (std == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("This item does not come from the national standard."));
      return FALSE;
    }
  value = gk_standard_item_field_text (std, key);
  if (value == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("The national standard does not say what “%s” should be."), key);
      return FALSE;
    }
  if (g_str_equal (key, "channels") && !gk_catalogue_set_item_text (self, item, GK_ITEM_CHANNELS_OTHER, std->channels_other, error))
    return FALSE;
  return gk_catalogue_set_item_field (self, item, key, value, error);
}

/* ---- search ----------------------------------------------------------------------------- */

static char *
join_search_text (const char *level1,
                  const char *level2,
                  const char *content,
                  const char *basis,
                  const char *subject)
{
  return g_strjoin ("\x1f", level1, level2, content, basis, subject, NULL);
}

static void
index_put (GkCatalogue *self,
           GkItem      *item)
{
  SearchEntry *entry;

  if (self->search_index == NULL)
    return;
  entry = g_new0 (SearchEntry, 1);
  entry->id = gk_item_get_id (item);
  entry->domain = gk_item_get_domain_number (item);
  entry->position = gk_item_get_position (item);
  entry->text = join_search_text (gk_item_get_text (item, GK_ITEM_LEVEL1), gk_item_get_text (item, GK_ITEM_LEVEL2),
                                  gk_item_get_text (item, GK_ITEM_CONTENT), gk_item_get_text (item, GK_ITEM_BASIS),
                                  gk_item_get_text (item, GK_ITEM_SUBJECT));
  g_hash_table_replace (self->search_index, &entry->id, entry);
}

static void
index_remove (GkCatalogue *self,
              gint64       id)
{
  if (self->search_index != NULL)
    g_hash_table_remove (self->search_index, &id);
}

/* For changes that touch many items at once (reordering, renaming a department): the next
 * search builds the index again. */
static void
index_invalidate (GkCatalogue *self)
{
  g_clear_pointer (&self->search_index, g_hash_table_unref);
}

static gboolean
index_build (GkCatalogue  *self,
             GError      **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, search_entry_free);
  sqlite3_stmt *stmt = gk_db_cached (self->db,
    "SELECT i.id, d.number, i.position, i.level1, i.level2, i.content, i.basis, i.subject"
    " FROM item i JOIN domain d ON d.id = i.domain_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SearchEntry *entry = g_new0 (SearchEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->domain = sqlite3_column_int (stmt, 1);
      entry->position = sqlite3_column_int (stmt, 2);
      entry->text = join_search_text (column_text (stmt, 3), column_text (stmt, 4), column_text (stmt, 5),
                                      column_text (stmt, 6), column_text (stmt, 7));
      g_hash_table_insert (index, &entry->id, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot search the items"));
      return FALSE;
    }
  self->search_index = g_steal_pointer (&index);
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SearchEntry *ea = *(SearchEntry * const *) a;
  const SearchEntry *eb = *(SearchEntry * const *) b;

  if (ea->domain != eb->domain)
    return ea->domain < eb->domain ? -1 : 1;
  if (ea->position != eb->position)
    return ea->position < eb->position ? -1 : 1;
  return ea->id < eb->id ? -1 : ea->id > eb->id;
}

/* Every item whose names, content, basis or publisher contain @query, in catalogue order, at
 * most @limit of them (0: all). Matching is on the in-memory index; only the hits returned
 * are read from the store. */
GListModel *
gk_catalogue_search (GkCatalogue  *self,
                     const char   *query,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(GListStore) store = g_list_store_new (GK_TYPE_ITEM);
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;
  guint n;

  g_return_val_if_fail (GK_IS_CATALOGUE (self), NULL);

  if (query == NULL || *query == '\0')
    return G_LIST_MODEL (g_steal_pointer (&store));
  if (self->search_index == NULL && !index_build (self, error))
    return NULL;

  g_hash_table_iter_init (&iter, self->search_index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (strstr (((SearchEntry *) value)->text, query) != NULL)
      g_ptr_array_add (hits, value);
  g_ptr_array_sort (hits, compare_entries);

  n = limit > 0 ? MIN (limit, hits->len) : hits->len;
  for (guint i = 0; i < n; i++)
    {
      GkItem *item = gk_catalogue_get_item (self, ((SearchEntry *) g_ptr_array_index (hits, i))->id, error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

