/* Tests of gk-validate: every rule once where it must fire and once where it must not, the
 * problems' shape (rule id, severity, place, message), and the counts each GkDomain carries for
 * the sidebar (n-items, n-complete, n-errors), which the catalogue keeps current after every edit. */

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-test-util.h"

#define TOWNSHIP "城关镇"
#define COUNTY "某某县"

/* Every rule id, with the severity it always has (profile-incomplete has both: see its test). */
static const struct { const char *rule; int severity; } known_rules[] = {
  { "profile-incomplete", -1 },
  { "domain-empty", GK_SEVERITY_ERROR },
  { "domain-no-reason", GK_SEVERITY_ERROR },
  { "item-required", GK_SEVERITY_ERROR },
  { "item-no-channel", GK_SEVERITY_ERROR },
  { "item-other-channel-unnamed", GK_SEVERITY_WARNING },
  { "item-no-audience", GK_SEVERITY_ERROR },
  { "item-no-mode", GK_SEVERITY_ERROR },
  { "item-not-township", GK_SEVERITY_WARNING },
  { "item-name-altered", GK_SEVERITY_WARNING },
  { "item-duplicates-standard", GK_SEVERITY_WARNING },
  { "item-duplicate", GK_SEVERITY_WARNING },
};

#define ANY_ITEM ((gint64) -1)

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = gk_test_tmp_dir_new ("gk-validate-XXXXXX");
  f->path = g_build_filename (f->dir, "validate.gongkai", NULL);
  f->catalogue = gk_test_create_workspace (f->path, TOWNSHIP, COUNTY);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->catalogue != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->catalogue));
  gk_test_tmp_dir_free (f->dir);
  g_free (f->path);
}

static GListModel *
validate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *problems = gk_validate_catalogue (f->catalogue, &error);

  g_assert_no_error (error);
  g_assert_nonnull (problems);
  return problems;
}

/* Problems of @rule about @item_id (ANY_ITEM: any) and, when not NULL, @field. */
static guint
count_problems (GListModel *problems,
                const char *rule,
                gint64      item_id,
                const char *field)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);

      if (rule != NULL && g_strcmp0 (gk_problem_get_rule (problem), rule) != 0)
        continue;
      if (item_id != ANY_ITEM && gk_problem_get_item_id (problem) != item_id)
        continue;
      if (field != NULL && g_strcmp0 (gk_problem_get_field (problem), field) != 0)
        continue;
      n++;
    }
  return n;
}

/* The problems of @rule about @domain (-1: any) and @item_id (ANY_ITEM: any) and, when not
 * NULL, @field. */
static GPtrArray *
matching_problems (GListModel *problems,
                   const char *rule,
                   int         domain,
                   gint64      item_id,
                   const char *field)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);

      if (g_strcmp0 (gk_problem_get_rule (problem), rule) == 0 &&
          (domain < 0 || gk_problem_get_domain_number (problem) == domain) &&
          (item_id == ANY_ITEM || gk_problem_get_item_id (problem) == item_id) &&
          (field == NULL || g_strcmp0 (gk_problem_get_field (problem), field) == 0))
        g_ptr_array_add (found, g_steal_pointer (&problem));
    }
  return found;
}

static void
dump_problems (GListModel *problems)
{
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      g_test_message ("  %s %s domain %d item %" G_GINT64_FORMAT " field %s: %s",
                      gk_problem_get_severity (problem) == GK_SEVERITY_ERROR ? "error" : "warning",
                      gk_problem_get_rule (problem), gk_problem_get_domain_number (problem),
                      gk_problem_get_item_id (problem), gk_problem_get_field (problem),
                      gk_problem_get_message (problem));
    }
}

/* Exactly one problem of @rule about @domain, @item_id and @field, with @severity. */
static void
assert_problem (Fixture    *f,
                const char *rule,
                GkSeverity  severity,
                int         domain,
                gint64      item_id,
                const char *field)
{
  g_autoptr(GListModel) problems = validate (f);
  g_autoptr(GPtrArray) found = matching_problems (problems, rule, domain, item_id, field);
  GkProblem *problem;

  if (found->len != 1)
    {
      g_test_message ("expected one %s in domain %d on item %" G_GINT64_FORMAT " field %s, found %u",
                      rule, domain, item_id, field, found->len);
      dump_problems (problems);
    }
  g_assert_cmpuint (found->len, ==, 1);
  problem = g_ptr_array_index (found, 0);
  g_assert_cmpint (gk_problem_get_severity (problem), ==, severity);
  g_assert_cmpint (gk_problem_get_domain_number (problem), ==, domain);
  g_assert_cmpint (gk_problem_get_item_id (problem), ==, item_id == ANY_ITEM ? 0 : item_id);
  g_assert_cmpstr (gk_problem_get_field (problem), ==, field);
  g_assert_true (g_utf8_validate (gk_problem_get_message (problem), -1, NULL));
  g_assert_cmpstr (gk_problem_get_message (problem), !=, "");
}

static void
assert_no_problem (Fixture    *f,
                   const char *rule,
                   gint64      item_id)
{
  g_autoptr(GListModel) problems = validate (f);
  guint n = count_problems (problems, rule, item_id, NULL);

  if (n != 0)
    {
      g_test_message ("expected no %s on item %" G_GINT64_FORMAT, rule, item_id);
      dump_problems (problems);
    }
  g_assert_cmpuint (n, ==, 0);
}

static void
assert_no_domain_problem (Fixture    *f,
                          const char *rule,
                          int         domain)
{
  g_autoptr(GListModel) problems = validate (f);
  g_autoptr(GPtrArray) found = matching_problems (problems, rule, domain, ANY_ITEM, NULL);

  if (found->len != 0)
    {
      g_test_message ("expected no %s in domain %d", rule, domain);
      dump_problems (problems);
    }
  g_assert_cmpuint (found->len, ==, 0);
}

/* No problem at all names @item. */
static void
assert_item_clean (Fixture *f,
                   GkItem  *item)
{
  assert_no_problem (f, NULL, gk_item_get_id (item));
}

/* Fills in what the rules ask of an item, keeping its names. */
static void
make_complete (Fixture *f,
               GkItem  *item)
{
  static const char * const fields[][2] = {
    { "content", "政策文件全文、办理流程" },
    { "basis", "《中华人民共和国政府信息公开条例》" },
    { "time_limit", "信息形成或变更之日起20个工作日内" },
    { "subject", "党政综合办公室" },
    { "channels", "政府网站;公开查阅点" },
    { "audience_all", "1" },
    { "mode_active", "1" },
    { "level_township", "1" },
  };

  if (*gk_item_get_text (item, GK_ITEM_LEVEL2) == '\0' && gk_item_get_standard_id (item) == NULL)
    gk_test_set_field (f->catalogue, item, "level2", "二级事项");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gk_test_set_field (f->catalogue, item, fields[i][0], fields[i][1]);
}

/* A local item that breaks no rule. */
static GkItem *
add_complete_item (Fixture    *f,
                   int         domain,
                   const char *level1,
                   const char *level2)
{
  GkItem *item = gk_test_add_item (f->catalogue, domain, level1, level2);

  make_complete (f, item);
  return item;
}

static GkItem *
standard_item (Fixture    *f,
               const char *standard_id)
{
  g_autoptr(GError) error = NULL;
  const GkStandardItem *std = gk_standards_lookup (gk_catalogue_get_standards (f->catalogue), standard_id);
  g_autoptr(GListModel) items = NULL;

  g_assert_nonnull (std);
  items = gk_catalogue_list_items (f->catalogue, std->domain_number, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      if (g_strcmp0 (gk_item_get_standard_id (item), standard_id) == 0)
        return g_steal_pointer (&item);
    }
  g_error ("standard item %s is not in the catalogue", standard_id);
}

static GkItem *
restore (Fixture    *f,
         const char *standard_id)
{
  g_autoptr(GError) error = NULL;
  GkItem *item = gk_catalogue_restore_standard_item (f->catalogue, standard_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static void
set_applicable (Fixture    *f,
                int         domain,
                gboolean    applicable,
                const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_catalogue_set_domain_applicable (f->catalogue, domain, applicable, reason, &error));
  g_assert_no_error (error);
}

static void
set_profile (Fixture        *f,
             GkProfileField  field,
             const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gk_catalogue_set_profile (f->catalogue, field, value, &error));
  g_assert_no_error (error);
}

/* ---- the problems themselves ------------------------------------------------------------ */

/* What a fresh workspace reports: only known rule ids, each with its severity, in the place it
 * names; messages in the user's language name the domain of an item. */
static void
test_problem_shape (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GListModel) problems = validate (f);
  GListModel *domains = gk_catalogue_get_domains (f->catalogue);
  guint n = g_list_model_get_n_items (problems);
  guint n_errors = 99, n_warnings = 99, errors = 0;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      const char *rule = gk_problem_get_rule (problem);
      const char *message = gk_problem_get_message (problem);
      int domain = gk_problem_get_domain_number (problem);
      gint64 item_id = gk_problem_get_item_id (problem);
      gboolean known = FALSE;

      for (guint r = 0; r < G_N_ELEMENTS (known_rules); r++)
        if (g_str_equal (rule, known_rules[r].rule))
          {
            known = TRUE;
            if (known_rules[r].severity >= 0)
              g_assert_cmpint (gk_problem_get_severity (problem), ==, known_rules[r].severity);
          }
      if (!known)
        g_error ("unknown rule id “%s”", rule);

      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_cmpuint (strlen (message), >, 0);
      errors += gk_problem_get_severity (problem) == GK_SEVERITY_ERROR;

      if (g_str_equal (rule, "profile-incomplete"))
        {
          g_assert_cmpint (domain, ==, 0);
          g_assert_cmpint (item_id, ==, 0);
          continue;
        }
      g_assert_cmpint (domain, >=, 1);
      g_assert_cmpint (domain, <=, (int) g_list_model_get_n_items (domains));
      g_assert_nonnull (strstr (message, gk_domain_get_name (gk_catalogue_get_domain (f->catalogue, domain))));
      if (g_str_has_prefix (rule, "item-"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GkItem) item = gk_catalogue_get_item (f->catalogue, item_id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (gk_item_get_domain_number (item), ==, domain);
          g_assert_nonnull (gk_problem_get_field (problem));
        }
      else
        g_assert_cmpint (item_id, ==, 0);
    }

  gk_validate_count (problems, &n_errors, &n_warnings);
  g_assert_cmpuint (n_errors, ==, errors);
  g_assert_cmpuint (n_warnings, ==, n - errors);
  gk_validate_count (problems, NULL, NULL);

  /* The column names the county knows, and any other key as it is. */
  g_assert_nonnull (strstr (gk_validate_field_label ("content"), "公开内容"));
  g_assert_nonnull (strstr (gk_validate_field_label ("subject"), "公开主体"));
  g_assert_nonnull (strstr (gk_validate_field_label ("time_limit"), "公开时限"));
  g_assert_cmpstr (gk_validate_field_label ("no-such-field"), ==, "no-such-field");
}

/* A complete local item and a complete standard item: nothing to say about them. */
static void
test_clean_items (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GkItem) local = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) standard = standard_item (f, "20-01");
  g_autoptr(GkItem) fresh = gk_test_add_item (f->catalogue, 20, "新增事项", "新增二级");
  g_autoptr(GListModel) problems = NULL;
  gint64 id;

  assert_item_clean (f, local);
  make_complete (f, standard);
  assert_item_clean (f, standard);

  /* A new local item: the required columns, channel, audience and mode, and nothing more
   * (乡级 is ticked by add_item, the names are the officer's). */
  problems = validate (f);
  id = gk_item_get_id (fresh);
  g_assert_cmpuint (count_problems (problems, "item-required", id, "content"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-required", id, "time_limit"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-required", id, "subject"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-no-channel", id, "channels"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-no-audience", id, "audience"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-no-mode", id, "mode"), ==, 1);
  g_assert_cmpuint (count_problems (problems, NULL, id, NULL), ==, 6);
  g_assert_false (gk_validate_item_complete (problems, id));
  g_assert_true (gk_validate_item_complete (problems, gk_item_get_id (local)));
}

static void
test_profile_incomplete (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) problems = validate (f);

  /* Created with a township and a county: the compiler and the phone are only worth a look. */
  g_assert_cmpuint (count_problems (problems, "profile-incomplete", ANY_ITEM, NULL), ==, 2);
  assert_problem (f, "profile-incomplete", GK_SEVERITY_WARNING, 0, ANY_ITEM, "compiled_by");
  assert_problem (f, "profile-incomplete", GK_SEVERITY_WARNING, 0, ANY_ITEM, "phone");

  set_profile (f, GK_PROFILE_COMPILED_BY, "张三");
  set_profile (f, GK_PROFILE_PHONE, "0792-1234567");
  assert_no_problem (f, "profile-incomplete", ANY_ITEM);

  /* No county, or a township of blanks: errors. */
  set_profile (f, GK_PROFILE_COUNTY, "");
  assert_problem (f, "profile-incomplete", GK_SEVERITY_ERROR, 0, ANY_ITEM, "county");
  set_profile (f, GK_PROFILE_TOWNSHIP, " \t\u3000");
  assert_problem (f, "profile-incomplete", GK_SEVERITY_ERROR, 0, ANY_ITEM, "township");
  g_clear_object (&problems);
  problems = validate (f);
  g_assert_cmpuint (count_problems (problems, "profile-incomplete", ANY_ITEM, NULL), ==, 2);

  /* The optional fields are never asked for. */
  set_profile (f, GK_PROFILE_TOWNSHIP, TOWNSHIP);
  set_profile (f, GK_PROFILE_COUNTY, COUNTY);
  set_profile (f, GK_PROFILE_PREFECTURE, "");
  set_profile (f, GK_PROFILE_PROVINCE, "");
  set_profile (f, GK_PROFILE_VERSION, "");
  assert_no_problem (f, "profile-incomplete", ANY_ITEM);
}

static void
test_domain_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GError) error = NULL;

  /* 税收管理 has no township-level standard item: a new workspace has it empty. */
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 5)), ==, 0);
  assert_problem (f, "domain-empty", GK_SEVERITY_ERROR, 5, ANY_ITEM, NULL);

  item = gk_test_add_item (f->catalogue, 5, "纳税服务", "办税指南");
  assert_no_domain_problem (f, "domain-empty", 5);
  gk_test_delete_item (f->catalogue, item, NULL);
  assert_problem (f, "domain-empty", GK_SEVERITY_ERROR, 5, ANY_ITEM, NULL);

  /* Not applicable, with a reason: nothing to fill. */
  set_applicable (f, 5, FALSE, "本乡不承担税收征管职能");
  assert_no_domain_problem (f, "domain-empty", 5);
  assert_no_problem (f, "domain-no-reason", ANY_ITEM);

  /* A domain emptied by the officer. */
  items = gk_catalogue_list_items (f->catalogue, 13, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) each = g_list_model_get_item (items, i);
      gk_test_delete_item (f->catalogue, each, NULL);
    }
  assert_problem (f, "domain-empty", GK_SEVERITY_ERROR, 13, ANY_ITEM, NULL);
}

static void
test_domain_no_reason (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GkItem) item = standard_item (f, "20-01");

  assert_no_problem (f, "domain-no-reason", ANY_ITEM);
  set_applicable (f, 5, FALSE, "");
  assert_problem (f, "domain-no-reason", GK_SEVERITY_ERROR, 5, ANY_ITEM, "reason");
  assert_no_domain_problem (f, "domain-empty", 5);  /* one problem, the right one */
  set_applicable (f, 5, FALSE, NULL);
  assert_problem (f, "domain-no-reason", GK_SEVERITY_ERROR, 5, ANY_ITEM, "reason");
  set_applicable (f, 5, FALSE, "  \u3000\n");
  assert_problem (f, "domain-no-reason", GK_SEVERITY_ERROR, 5, ANY_ITEM, "reason");
  set_applicable (f, 5, FALSE, "本乡不承担税收征管职能");
  assert_no_problem (f, "domain-no-reason", ANY_ITEM);

  /* A domain left out is not checked further: its items' gaps do not count. */
  gk_test_set_field (f->catalogue, item, "content", "");
  set_applicable (f, 20, FALSE, "");
  assert_problem (f, "domain-no-reason", GK_SEVERITY_ERROR, 20, ANY_ITEM, "reason");
  assert_no_problem (f, NULL, gk_item_get_id (item));
  set_applicable (f, 20, FALSE, "由县民政局统一公开");
  assert_no_problem (f, NULL, gk_item_get_id (item));
  assert_no_problem (f, "domain-no-reason", ANY_ITEM);

  /* Included again: checked again, the reason kept for another slip of the switch. */
  set_applicable (f, 20, TRUE, NULL);
  assert_problem (f, "item-required", GK_SEVERITY_ERROR, 20, gk_item_get_id (item), "content");
  g_assert_cmpstr (gk_domain_get_reason (gk_catalogue_get_domain (f->catalogue, 20)), ==, "由县民政局统一公开");
  assert_no_problem (f, "domain-no-reason", ANY_ITEM);
}

static void
test_item_required (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const required[] = { "level1", "level2", "content", "time_limit", "subject" };
  static const char * const optional[] = { "basis", "note", "channels_other" };
  static const char * const blanks[] = { "", " ", "\t \u3000\n" };
  g_autoptr(GkItem) item = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) standard = standard_item (f, "20-03");
  gint64 id = gk_item_get_id (item);

  assert_item_clean (f, item);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *saved = gk_item_field_text (item, required[i]);

      for (guint b = 0; b < G_N_ELEMENTS (blanks); b++)
        {
          g_autoptr(GListModel) problems = NULL;

          g_test_message ("%s = “%s”", required[i], blanks[b]);
          gk_test_set_field (f->catalogue, item, required[i], blanks[b]);
          assert_problem (f, "item-required", GK_SEVERITY_ERROR, 20, id, required[i]);
          problems = validate (f);
          g_assert_cmpuint (count_problems (problems, NULL, id, NULL), ==, 1);
        }
      gk_test_set_field (f->catalogue, item, required[i], saved);
      assert_item_clean (f, item);
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      gk_test_set_field (f->catalogue, item, optional[i], "");
      assert_item_clean (f, item);
    }

  /* Several empty columns: one problem each. */
  gk_test_set_field (f->catalogue, item, "content", "");
  gk_test_set_field (f->catalogue, item, "subject", "");
  {
    g_autoptr(GListModel) problems = validate (f);
    g_assert_cmpuint (count_problems (problems, "item-required", id, NULL), ==, 2);
  }

  /* A standard item whose standard has a 二级事项 needs one too (and is renamed, see below). */
  make_complete (f, standard);
  gk_test_set_field (f->catalogue, standard, "level2", "");
  assert_problem (f, "item-required", GK_SEVERITY_ERROR, 20, gk_item_get_id (standard), "level2");
}

/* 征地管理政策 (06-01) has no 二级事项 in the national table: the standard decides, so its
 * empty level2 is no gap; a local item with an empty level2 still is one. */
static void
test_item_required_standard_without_level2 (Fixture       *f,
                                            gconstpointer  data)
{
  const GkStandardItem *std = gk_standards_lookup (gk_catalogue_get_standards (f->catalogue), "06-01");
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GkItem) local = NULL;
  g_autoptr(GListModel) problems = NULL;

  if (std == NULL || *std->level2 != '\0')
    {
      g_test_skip ("the bundled library has no 06-01 without a 二级事项");
      return;
    }
  item = restore (f, "06-01");
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_LEVEL2), ==, "");
  make_complete (f, item);
  assert_item_clean (f, item);

  /* Given a level2 it is renamed (a warning), and emptied again it is whole again. */
  gk_test_set_field (f->catalogue, item, "level2", "征地政策文件");
  assert_problem (f, "item-name-altered", GK_SEVERITY_WARNING, 6, gk_item_get_id (item), "level2");
  assert_no_problem (f, "item-required", gk_item_get_id (item));
  gk_test_set_field (f->catalogue, item, "level2", "");
  assert_item_clean (f, item);

  /* Its other required columns are still required. */
  gk_test_set_field (f->catalogue, item, "content", "");
  assert_problem (f, "item-required", GK_SEVERITY_ERROR, 6, gk_item_get_id (item), "content");

  local = add_complete_item (f, 6, "本乡征地补偿公示", "");
  gk_test_set_field (f->catalogue, local, "level2", "");
  problems = validate (f);
  g_assert_cmpuint (count_problems (problems, "item-required", gk_item_get_id (local), "level2"), ==, 1);
}

static void
test_item_no_channel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GkItem) item = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GError) error = NULL;
  gint64 id = gk_item_get_id (item);

  g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, 0, &error));
  g_assert_no_error (error);
  assert_problem (f, "item-no-channel", GK_SEVERITY_ERROR, 20, id, "channels");

  /* Each channel alone is enough. */
  for (guint c = 0; c < GK_N_CHANNELS; c++)
    {
      if (c == GK_CHANNEL_OTHER)
        continue;
      g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, 1u << c, &error));
      g_assert_no_error (error);
      assert_item_clean (f, item);
    }

  /* 其他 counts only when it says what the other channel is. */
  gk_test_set_field (f->catalogue, item, "channels_other", "");
  g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, 1u << GK_CHANNEL_OTHER, &error));
  g_assert_no_error (error);
  assert_problem (f, "item-no-channel", GK_SEVERITY_ERROR, 20, id, "channels");
  assert_no_problem (f, "item-other-channel-unnamed", id);
  gk_test_set_field (f->catalogue, item, "channels_other", "  ");
  assert_problem (f, "item-no-channel", GK_SEVERITY_ERROR, 20, id, "channels");
  gk_test_set_field (f->catalogue, item, "channels_other", "村村响广播");
  assert_item_clean (f, item);

  /* The same through the text form. */
  gk_test_set_field (f->catalogue, item, "channels", "");
  assert_problem (f, "item-no-channel", GK_SEVERITY_ERROR, 20, id, "channels");
  gk_test_set_field (f->catalogue, item, "channels", "社区/企事业单位/村公示栏(电子屏)");
  assert_item_clean (f, item);
}

static void
test_item_other_channel_unnamed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GkItem) item = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GError) error = NULL;
  gint64 id = gk_item_get_id (item);
  guint website_and_other = (1u << GK_CHANNEL_WEBSITE) | (1u << GK_CHANNEL_OTHER);

  gk_test_set_field (f->catalogue, item, "channels_other", "");
  g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, website_and_other, &error));
  g_assert_no_error (error);
  assert_problem (f, "item-other-channel-unnamed", GK_SEVERITY_WARNING, 20, id, "channels");
  assert_no_problem (f, "item-no-channel", id);
  gk_test_set_field (f->catalogue, item, "channels_other", "\u3000");
  assert_problem (f, "item-other-channel-unnamed", GK_SEVERITY_WARNING, 20, id, "channels");

  gk_test_set_field (f->catalogue, item, "channels_other", "村村响广播");
  assert_item_clean (f, item);

  /* A text without the tick is not a channel, and not a problem either. */
  g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, 1u << GK_CHANNEL_WEBSITE, &error));
  assert_item_clean (f, item);

  /* A warning: the item is still complete. */
  gk_test_set_field (f->catalogue, item, "channels_other", "");
  g_assert_true (gk_catalogue_set_item_channels (f->catalogue, item, website_and_other, &error));
  {
    g_autoptr(GListModel) problems = validate (f);
    g_assert_true (gk_validate_item_complete (problems, id));
  }
}

/* Two tick columns of which at least one must be ticked (公开对象, 公开方式). */
static void
check_pair_rule (Fixture    *f,
                 const char *rule,
                 const char *field,
                 GkFlag      first,
                 GkFlag      second)
{
  g_autoptr(GkItem) item = add_complete_item (f, 18, "就业困难人员认定", "认定结果");
  g_autoptr(GError) error = NULL;
  gint64 id = gk_item_get_id (item);
  static const gboolean cases[][2] = { { TRUE, FALSE }, { FALSE, TRUE }, { TRUE, TRUE } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (gk_catalogue_set_item_flag (f->catalogue, item, first, cases[i][0], &error));
      g_assert_true (gk_catalogue_set_item_flag (f->catalogue, item, second, cases[i][1], &error));
      g_assert_no_error (error);
      assert_item_clean (f, item);
    }
  g_assert_true (gk_catalogue_set_item_flag (f->catalogue, item, first, FALSE, &error));
  g_assert_true (gk_catalogue_set_item_flag (f->catalogue, item, second, FALSE, &error));
  g_assert_no_error (error);
  assert_problem (f, rule, GK_SEVERITY_ERROR, 18, id, field);
  {
    g_autoptr(GListModel) problems = validate (f);
    g_assert_cmpuint (count_problems (problems, NULL, id, NULL), ==, 1);
  }
  g_assert_true (gk_catalogue_set_item_flag (f->catalogue, item, second, TRUE, &error));
  assert_item_clean (f, item);
}

static void
test_item_no_audience (Fixture       *f,
                       gconstpointer  data)
{
  check_pair_rule (f, "item-no-audience", "audience", GK_FLAG_AUDIENCE_ALL, GK_FLAG_AUDIENCE_SPECIFIC);
}

static void
test_item_no_mode (Fixture       *f,
                   gconstpointer  data)
{
  check_pair_rule (f, "item-no-mode", "mode", GK_FLAG_MODE_ACTIVE, GK_FLAG_MODE_REQUEST);
}

static void
test_item_not_township (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GkItem) item = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) standard = standard_item (f, "20-01");
  gint64 id = gk_item_get_id (item);

  gk_test_set_field (f->catalogue, item, "level_township", "0");
  assert_problem (f, "item-not-township", GK_SEVERITY_WARNING, 20, id, "level");
  /* 县级 does not make up for it. */
  gk_test_set_field (f->catalogue, item, "level_county", "1");
  assert_problem (f, "item-not-township", GK_SEVERITY_WARNING, 20, id, "level");
  {
    g_autoptr(GListModel) problems = validate (f);
    g_assert_true (gk_validate_item_complete (problems, id));
  }
  gk_test_set_field (f->catalogue, item, "level_township", "1");
  assert_item_clean (f, item);

  /* A standard item, 乡级 unticked by the officer. */
  make_complete (f, standard);
  gk_test_set_field (f->catalogue, standard, "level_township", "0");
  assert_problem (f, "item-not-township", GK_SEVERITY_WARNING, 20, gk_item_get_id (standard), "level");
  gk_test_set_field (f->catalogue, standard, "level_township", "1");
  assert_item_clean (f, standard);
}

static void
test_item_name_altered (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GkItem) item = standard_item (f, "20-03");
  g_autoptr(GkItem) local = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = gk_item_get_id (item);

  make_complete (f, item);
  assert_item_clean (f, item);

  gk_test_set_field (f->catalogue, item, "level1", "低保");
  assert_problem (f, "item-name-altered", GK_SEVERITY_WARNING, 20, id, "level1");
  g_assert_true (gk_catalogue_reset_item_field (f->catalogue, item, "level1", &error));
  g_assert_no_error (error);
  assert_item_clean (f, item);

  gk_test_set_field (f->catalogue, item, "level2", "政策文件");
  assert_problem (f, "item-name-altered", GK_SEVERITY_WARNING, 20, id, "level2");
  /* Even a trailing space is a different name for the county. */
  gk_test_set_field (f->catalogue, item, "level2", "政策法规文件 ");
  assert_problem (f, "item-name-altered", GK_SEVERITY_WARNING, 20, id, "level2");
  /* Both changed: one warning. */
  gk_test_set_field (f->catalogue, item, "level1", "低保");
  assert_problem (f, "item-name-altered", GK_SEVERITY_WARNING, 20, id, "level1");
  gk_test_set_field (f->catalogue, item, "level1", "最低生活保障");
  gk_test_set_field (f->catalogue, item, "level2", "政策法规文件");
  assert_item_clean (f, item);

  /* Only standard items have an official name. */
  local = add_complete_item (f, 20, "低保", "政策文件");
  assert_no_problem (f, "item-name-altered", gk_item_get_id (local));
}

static void
test_item_duplicates_standard (Fixture       *f,
                               gconstpointer  data)
{
  static const struct { const char *level1, *level2; gboolean warned; } cases[] = {
    /* 20-05 最低生活保障 / 审核信息 is in the library but not in the catalogue */
    { "最低生活保障", "审核信息", TRUE },
    { "农村最低生活保障", "审核信息", TRUE },   /* overlaps: contains the official level1 */
    { "生活保障", "审核信息", TRUE },           /* overlaps: inside the official level1 */
    { "最低生活保障", "资金发放情况", FALSE },
    { "临时救助", "审核信息", FALSE },          /* level2 of 20-05 and 20-09, another level1 */
    { "低保", "审核信息", FALSE },
    { "走访慰问", "", FALSE },
  };

  g_assert_nonnull (gk_standards_lookup (gk_catalogue_get_standards (f->catalogue), "20-05"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GkItem) item = add_complete_item (f, 20, cases[i].level1, "x");

      g_test_message ("%s / %s", cases[i].level1, cases[i].level2);
      gk_test_set_field (f->catalogue, item, "level2", cases[i].level2);
      if (cases[i].warned)
        assert_problem (f, "item-duplicates-standard", GK_SEVERITY_WARNING, 20, gk_item_get_id (item), "level2");
      else
        assert_no_problem (f, "item-duplicates-standard", gk_item_get_id (item));
      gk_test_delete_item (f->catalogue, item, NULL);
    }

  /* A standard 二级事项 that is empty (06-01 征地管理政策): same name, same item. */
  {
    g_autoptr(GkItem) item = add_complete_item (f, 6, "征地管理政策", "x");
    gk_test_set_field (f->catalogue, item, "level2", "");
    assert_problem (f, "item-duplicates-standard", GK_SEVERITY_WARNING, 6, gk_item_get_id (item), "level2");
  }

  /* The standard item itself is not a duplicate of itself. */
  {
    g_autoptr(GkItem) item = restore (f, "20-05");
    make_complete (f, item);
    assert_item_clean (f, item);
  }
}

static void
test_item_duplicate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GkItem) first = add_complete_item (f, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) second = add_complete_item (f, 20, "困难群众走访慰问", "慰问标准");
  g_autoptr(GkItem) elsewhere = add_complete_item (f, 21, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) copy = NULL;
  g_autoptr(GListModel) problems = NULL;

  /* Same level1, another level2; same names in another domain: no duplicate. */
  assert_no_problem (f, "item-duplicate", ANY_ITEM);

  gk_test_set_field (f->catalogue, second, "level2", "走访名单");
  /* The later one is the duplicate. */
  assert_problem (f, "item-duplicate", GK_SEVERITY_WARNING, 20, gk_item_get_id (second), "level2");
  assert_no_problem (f, "item-duplicate", gk_item_get_id (first));
  gk_test_set_field (f->catalogue, second, "level2", "慰问标准");
  assert_no_problem (f, "item-duplicate", ANY_ITEM);

  /* A local copy of a standard item that is in the catalogue. */
  copy = add_complete_item (f, 20, "最低生活保障", "办事指南");
  problems = validate (f);
  g_assert_cmpuint (count_problems (problems, "item-duplicate", gk_item_get_id (copy), "level2"), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-duplicates-standard", gk_item_get_id (copy), NULL), ==, 1);
  g_assert_cmpuint (count_problems (problems, "item-duplicate", ANY_ITEM, NULL), ==, 1);
  g_assert_true (gk_validate_item_complete (problems, gk_item_get_id (copy)));
}

/* gk_validate_domain() is the catalogue's check restricted to one domain, profile excluded. */
static void
test_validate_domain (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GListModel) all = validate (f);
  guint total = 0;

  for (int number = 1; number <= 26; number++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) problems = gk_validate_domain (f->catalogue, number, &error);
      guint n;

      g_assert_no_error (error);
      n = g_list_model_get_n_items (problems);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
          g_autoptr(GPtrArray) same = matching_problems (all, gk_problem_get_rule (problem), number,
                                                         gk_problem_get_item_id (problem),
                                                         gk_problem_get_field (problem));

          g_assert_cmpint (gk_problem_get_domain_number (problem), ==, number);
          g_assert_cmpuint (same->len, ==, 1);
        }
      total += n;
    }
  g_assert_cmpuint (total + count_problems (all, "profile-incomplete", ANY_ITEM, NULL), ==,
                    g_list_model_get_n_items (all));
}

/* ---- the counts of the sidebar ---------------------------------------------------------- */

/* The domain's counts are what gk-validate says of it, after every edit. */
static void
assert_counts_consistent (Fixture *f,
                          int      number)
{
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, number);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) problems = gk_validate_domain (f->catalogue, number, &error);
  g_autoptr(GListModel) items = gk_catalogue_list_items (f->catalogue, number, &error);
  guint n_errors = 0, n_complete = 0;

  g_assert_no_error (error);
  gk_validate_count (problems, &n_errors, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      n_complete += gk_validate_item_complete (problems, gk_item_get_id (item));
    }
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, g_list_model_get_n_items (items));
  g_assert_cmpuint (gk_domain_get_n_errors (domain), ==, n_errors);
  g_assert_cmpuint (gk_domain_get_n_complete (domain), ==, n_complete);
}

static void
assert_counts (Fixture *f,
               int      number,
               guint    n_items,
               guint    n_complete,
               guint    n_errors)
{
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, number);

  assert_counts_consistent (f, number);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items);
  g_assert_cmpuint (gk_domain_get_n_complete (domain), ==, n_complete);
  g_assert_cmpuint (gk_domain_get_n_errors (domain), ==, n_errors);
}

static void
test_domain_counts (Fixture       *f,
                    gconstpointer  data)
{
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = gk_catalogue_list_items (f->catalogue, 20, &error);
  g_autoptr(GkItem) first = NULL;
  g_autoptr(GkItem) added = NULL;
  g_autoptr(GkItem) restored = NULL;
  g_autoptr(GkItem) back = NULL;
  guint n, n_complete_notify = 0, n_errors_notify = 0, n_items_notify = 0;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (items);
  g_assert_cmpuint (n, >=, 3);
  for (int number = 1; number <= 26; number++)
    assert_counts_consistent (f, number);
  /* The seeded items are drafts with gaps: some errors, not all complete. */
  g_assert_cmpuint (gk_domain_get_n_errors (domain), >, 0);
  g_assert_cmpuint (gk_domain_get_n_complete (domain), <, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      make_complete (f, item);
    }
  assert_counts (f, 20, n, n, 0);

  g_signal_connect (domain, "notify::n-complete", G_CALLBACK (gk_test_count_notify), &n_complete_notify);
  g_signal_connect (domain, "notify::n-errors", G_CALLBACK (gk_test_count_notify), &n_errors_notify);
  g_signal_connect (domain, "notify::n-items", G_CALLBACK (gk_test_count_notify), &n_items_notify);

  /* An error on an item: one item less complete, one error more, each notified once. */
  first = g_list_model_get_item (items, 0);
  gk_test_set_field (f->catalogue, first, "content", "");
  assert_counts (f, 20, n, n - 1, 1);
  g_assert_cmpuint (n_complete_notify, ==, 1);
  g_assert_cmpuint (n_errors_notify, ==, 1);
  g_assert_cmpuint (n_items_notify, ==, 0);

  /* A second error on the same item: the same item incomplete. */
  gk_test_set_field (f->catalogue, first, "audience_all", "0");
  gk_test_set_field (f->catalogue, first, "audience_specific", "0");
  assert_counts (f, 20, n, n - 1, 2);
  g_assert_cmpuint (n_complete_notify, ==, 1);
  g_assert_cmpuint (n_errors_notify, ==, 2);

  /* Warnings are no errors: the item stays as complete as it was. */
  gk_test_set_field (f->catalogue, first, "audience_specific", "1");
  gk_test_set_field (f->catalogue, first, "content", "低保政策文件");
  assert_counts (f, 20, n, n, 0);
  gk_test_set_field (f->catalogue, first, "level_township", "0");
  gk_test_set_field (f->catalogue, first, "level1", "低保");
  assert_counts (f, 20, n, n, 0);

  /* Edits that notify nothing when nothing changes. */
  n_complete_notify = n_errors_notify = 0;
  gk_test_set_field (f->catalogue, first, "note", "备注");
  g_assert_cmpuint (n_complete_notify, ==, 0);
  g_assert_cmpuint (n_errors_notify, ==, 0);

  /* A new local item, with its six gaps; then deleted. */
  added = gk_test_add_item (f->catalogue, 20, "困难群众走访慰问", "走访名单");
  assert_counts (f, 20, n + 1, n, 6);
  g_assert_cmpuint (n_items_notify, ==, 1);
  gk_test_set_field (f->catalogue, added, "channels", "政府网站");
  assert_counts (f, 20, n + 1, n, 5);
  gk_test_delete_item (f->catalogue, added, NULL);
  assert_counts (f, 20, n, n, 0);

  /* A standard item deleted with a reason, and restored as the standard has it. */
  g_assert_true (gk_catalogue_delete_item (f->catalogue, gk_item_get_id (first), "本乡不适用", &error));
  g_assert_no_error (error);
  assert_counts (f, 20, n - 1, n - 1, 0);
  back = gk_catalogue_undelete_item (f->catalogue, first, &error);
  g_assert_no_error (error);
  assert_counts (f, 20, n, n, 0);
  restored = restore (f, "20-05");
  assert_counts_consistent (f, 20);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n + 1);
  make_complete (f, restored);
  assert_counts (f, 20, n + 1, n + 1, 0);

  /* Moving changes no count. */
  g_assert_true (gk_catalogue_move_item (f->catalogue, restored, 0, &error));
  g_assert_no_error (error);
  assert_counts (f, 20, n + 1, n + 1, 0);

  /* Left out without a reason: the domain's one error; with a reason, none. */
  gk_test_set_field (f->catalogue, restored, "subject", "");
  assert_counts (f, 20, n + 1, n, 1);
  set_applicable (f, 20, FALSE, "");
  g_assert_cmpuint (gk_domain_get_n_errors (domain), ==, 1);
  assert_counts_consistent (f, 20);
  set_applicable (f, 20, FALSE, "由县民政局统一公开");
  g_assert_cmpuint (gk_domain_get_n_errors (domain), ==, 0);
  assert_counts_consistent (f, 20);
  set_applicable (f, 20, TRUE, NULL);
  assert_counts (f, 20, n + 1, n, 1);

  /* An empty domain: one error and nothing complete, until it has a complete item. */
  assert_counts (f, 5, 0, 0, 1);
  g_clear_object (&added);
  added = add_complete_item (f, 5, "纳税服务", "办税指南");
  assert_counts (f, 5, 1, 1, 0);

  g_signal_handlers_disconnect_by_data (domain, &n_complete_notify);
  g_signal_handlers_disconnect_by_data (domain, &n_errors_notify);
  g_signal_handlers_disconnect_by_data (domain, &n_items_notify);

  /* Reopened, the workspace counts the same. */
  g_clear_object (&first);
  g_clear_object (&added);
  g_clear_object (&restored);
  g_clear_object (&back);
  g_clear_object (&items);
  g_assert_finalize_object (g_steal_pointer (&f->catalogue));
  f->catalogue = gk_catalogue_open (f->path, FALSE, &error);
  g_assert_no_error (error);
  assert_counts (f, 20, n + 1, n, 1);
  assert_counts (f, 5, 1, 1, 0);
  for (int number = 1; number <= 26; number++)
    assert_counts_consistent (f, number);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/validate/problem-shape", test_problem_shape);
  ADD ("/validate/clean-items", test_clean_items);
  ADD ("/validate/profile-incomplete", test_profile_incomplete);
  ADD ("/validate/domain-empty", test_domain_empty);
  ADD ("/validate/domain-no-reason", test_domain_no_reason);
  ADD ("/validate/item-required", test_item_required);
  ADD ("/validate/item-required/standard-without-level2", test_item_required_standard_without_level2);
  ADD ("/validate/item-no-channel", test_item_no_channel);
  ADD ("/validate/item-other-channel-unnamed", test_item_other_channel_unnamed);
  ADD ("/validate/item-no-audience", test_item_no_audience);
  ADD ("/validate/item-no-mode", test_item_no_mode);
  ADD ("/validate/item-not-township", test_item_not_township);
  ADD ("/validate/item-name-altered", test_item_name_altered);
  ADD ("/validate/item-duplicates-standard", test_item_duplicates_standard);
  ADD ("/validate/item-duplicate", test_item_duplicate);
  ADD ("/validate/validate-domain", test_validate_domain);
  ADD ("/validate/domain-counts", test_domain_counts);

  return g_test_run ();
}
