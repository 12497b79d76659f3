#define G_LOG_DOMAIN "Gongkai-Validate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-channels.h"
#include "gk-validate.h"

/* The column names of the standard table, as the county knows them. */
const char *
gk_validate_field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "level1", N_("一级事项 (level 1 item)") },
    { "level2", N_("二级事项 (level 2 item)") },
    { "content", N_("公开内容 (content)") },
    { "basis", N_("公开依据 (basis)") },
    { "time_limit", N_("公开时限 (time limit)") },
    { "subject", N_("公开主体 (publisher)") },
    { "channels", N_("公开渠道 (channels)") },
    { "audience", N_("公开对象 (audience)") },
    { "mode", N_("公开方式 (mode)") },
    { "level", N_("公开层级 (level)") },
    { "township", N_("township name") },
    { "county", N_("county") },
    { "compiled_by", N_("compiler") },
    { "phone", N_("phone number") },
    { "reason", N_("reason") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _(labels[i].label);
  return field;
}

static void
add (GListStore *problems,
     const char *rule,
     GkSeverity  severity,
     int         domain_number,
     gint64      item_id,
     const char *field,
     const char *message)
{
  g_autoptr(GkProblem) problem = gk_problem_new (rule, severity, domain_number, item_id, field, message);
  g_list_store_append (problems, problem);
}

static char *
item_label (GkDomain *domain,
            GkItem   *item)
{
  const char *level1 = gk_item_get_text (item, GK_ITEM_LEVEL1);
  const char *level2 = gk_item_get_text (item, GK_ITEM_LEVEL2);

  /* TRANSLATORS: domain name, item number, level 1 and level 2 item names */
  return g_strdup_printf (_("%s, item %d (%s / %s)"), gk_domain_get_name (domain),
                          gk_item_get_position (item), *level1 ? level1 : "—", *level2 ? level2 : "—");
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
check_item (GListStore  *problems,
            GkStandards *standards,
            GkDomain    *domain,
            GkItem      *item,
            GHashTable  *seen_names)
{
  static const GkItemText required[] = {
    GK_ITEM_LEVEL1, GK_ITEM_LEVEL2, GK_ITEM_CONTENT, GK_ITEM_TIME_LIMIT, GK_ITEM_SUBJECT,
  };
  g_autofree char *label = item_label (domain, item);
  g_autofree char *name_key = NULL;
  const char *standard_id = gk_item_get_standard_id (item);
  const GkStandardItem *std = standard_id != NULL ? gk_standards_lookup (standards, standard_id) : NULL;
  int number = gk_domain_get_number (domain);
  gint64 id = gk_item_get_id (item);
  guint channels = gk_item_get_channels (item);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *key = gk_item_text_key (required[i]);
      g_autofree char *message = NULL;

      /* Some national items have no 二级事项 (征地管理政策): the standard decides. */
      if (required[i] == GK_ITEM_LEVEL2 && std != NULL && *std->level2 == '\0')
        continue;
      if (!is_blank (gk_item_get_text (item, required[i])))
        continue;
      /* TRANSLATORS: item label, column name */
      message = g_strdup_printf (_("%s: %s is empty."), label, gk_validate_field_label (key));
      add (problems, "item-required", GK_SEVERITY_ERROR, number, id, key, message);
    }

  if ((channels & ~(1u << GK_CHANNEL_OTHER)) == 0 &&
      (!(channels & (1u << GK_CHANNEL_OTHER)) || is_blank (gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER))))
    {
      g_autofree char *message = g_strdup_printf (_("%s: no publication channel is ticked."), label);
      add (problems, "item-no-channel", GK_SEVERITY_ERROR, number, id, "channels", message);
    }
  else if ((channels & (1u << GK_CHANNEL_OTHER)) && is_blank (gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER)))
    {
      g_autofree char *message = g_strdup_printf (_("%s: the channel “其他” is ticked but not named."), label);
      add (problems, "item-other-channel-unnamed", GK_SEVERITY_WARNING, number, id, "channels", message);
    }

  if (!gk_item_get_flag (item, GK_FLAG_AUDIENCE_ALL) && !gk_item_get_flag (item, GK_FLAG_AUDIENCE_SPECIFIC))
    {
      g_autofree char *message = g_strdup_printf (_("%s: neither 全社会 nor 特定群体 is ticked as audience."), label);
      add (problems, "item-no-audience", GK_SEVERITY_ERROR, number, id, "audience", message);
    }
  if (!gk_item_get_flag (item, GK_FLAG_MODE_ACTIVE) && !gk_item_get_flag (item, GK_FLAG_MODE_REQUEST))
    {
      g_autofree char *message = g_strdup_printf (_("%s: neither 主动 nor 依申请 is ticked as mode."), label);
      add (problems, "item-no-mode", GK_SEVERITY_ERROR, number, id, "mode", message);
    }
  if (!gk_item_get_flag (item, GK_FLAG_LEVEL_TOWNSHIP))
    {
      g_autofree char *message = g_strdup_printf (_("%s: 乡级 is not ticked, but this is the township’s catalogue."), label);
      add (problems, "item-not-township", GK_SEVERITY_WARNING, number, id, "level", message);
    }

  if (std != NULL)
    {
      if (g_strcmp0 (std->level1, gk_item_get_text (item, GK_ITEM_LEVEL1)) != 0 ||
          g_strcmp0 (std->level2, gk_item_get_text (item, GK_ITEM_LEVEL2)) != 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: the name differs from the national standard “%s / %s”; the county expects the national names."),
                             label, std->level1, std->level2);
          add (problems, "item-name-altered", GK_SEVERITY_WARNING, number, id,
               g_strcmp0 (std->level1, gk_item_get_text (item, GK_ITEM_LEVEL1)) != 0 ? "level1" : "level2",
               message);
        }
    }
  else
    {
      g_autoptr(GPtrArray) standard_items = gk_standards_get_items (standards, number);
      const char *level1 = gk_item_get_text (item, GK_ITEM_LEVEL1);
      const char *level2 = gk_item_get_text (item, GK_ITEM_LEVEL2);

      for (guint i = 0; i < standard_items->len; i++)
        {
          const GkStandardItem *s = g_ptr_array_index (standard_items, i);
          gboolean same = g_strcmp0 (s->level1, level1) == 0 && g_strcmp0 (s->level2, level2) == 0;
          gboolean overlap = *level2 != '\0' && g_strcmp0 (s->level2, level2) == 0 &&
                             (strstr (s->level1, level1) != NULL || strstr (level1, s->level1) != NULL);

          if (same || overlap)
            {
              g_autofree char *message =
                g_strdup_printf (_("%s: a local item with the name of the standard item %s “%s / %s”; restore the standard item instead."),
                                 label, s->id, s->level1, s->level2);
              add (problems, "item-duplicates-standard", GK_SEVERITY_WARNING, number, id, "level2", message);
              break;
            }
        }
    }

  name_key = g_strdup_printf ("%s\x1f%s", gk_item_get_text (item, GK_ITEM_LEVEL1),
                              gk_item_get_text (item, GK_ITEM_LEVEL2));
  if (g_hash_table_contains (seen_names, name_key))
    {
      g_autofree char *message = g_strdup_printf (_("%s: the same item appears twice in the domain."), label);
      add (problems, "item-duplicate", GK_SEVERITY_WARNING, number, id, "level2", message);
    }
  else
    g_hash_table_add (seen_names, g_steal_pointer (&name_key));
}

static gboolean
check_domain (GkCatalogue  *catalogue,
              GkDomain     *domain,
              GListStore   *problems,
              GError      **error)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) seen_names = NULL;
  int number = gk_domain_get_number (domain);
  guint n;

  if (!gk_domain_get_applicable (domain))
    {
      if (is_blank (gk_domain_get_reason (domain)))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s: marked as not applicable (未涉及) without a reason."), gk_domain_get_name (domain));
          add (problems, "domain-no-reason", GK_SEVERITY_ERROR, number, 0, "reason", message);
        }
      return TRUE;
    }

  items = gk_catalogue_list_items (catalogue, number, error);
  if (items == NULL)
    return FALSE;
  n = g_list_model_get_n_items (items);
  if (n == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the domain applies but has no items. Add the township’s items, or mark it as not applicable with a reason."),
                         gk_domain_get_name (domain));
      add (problems, "domain-empty", GK_SEVERITY_ERROR, number, 0, NULL, message);
      return TRUE;
    }

  seen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      check_item (problems, gk_catalogue_get_standards (catalogue), domain, item, seen_names);
    }
  return TRUE;
}

static void
check_profile (GkCatalogue *catalogue,
               GListStore  *problems)
{
  static const struct { GkProfileField field; GkSeverity severity; } required[] = {
    { GK_PROFILE_TOWNSHIP, GK_SEVERITY_ERROR },
    { GK_PROFILE_COUNTY, GK_SEVERITY_ERROR },
    { GK_PROFILE_COMPILED_BY, GK_SEVERITY_WARNING },
    { GK_PROFILE_PHONE, GK_SEVERITY_WARNING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *value = gk_catalogue_get_profile (catalogue, required[i].field);
      const char *key = gk_profile_field_key (required[i].field);

      if (is_blank (value))
        {
          /* TRANSLATORS: the name of a profile field, e.g. "township name" */
          g_autofree char *message = g_strdup_printf (_("The township profile has no %s."),
                                                      gk_validate_field_label (key));
          add (problems, "profile-incomplete", required[i].severity, 0, 0, key, message);
        }
    }
}

GListModel *
gk_validate_domain (GkCatalogue  *catalogue,
                    int           domain_number,
                    GError      **error)
{
  g_autoptr(GListStore) problems = g_list_store_new (GK_TYPE_PROBLEM);
  GkDomain *domain = gk_catalogue_get_domain (catalogue, domain_number);

  g_return_val_if_fail (domain != NULL, NULL);
  if (!check_domain (catalogue, domain, problems, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&problems));
}

GListModel *
gk_validate_catalogue (GkCatalogue  *catalogue,
                       GError      **error)
{
  g_autoptr(GListStore) problems = g_list_store_new (GK_TYPE_PROBLEM);
  GListModel *domains = gk_catalogue_get_domains (catalogue);
  guint n = g_list_model_get_n_items (domains);

  check_profile (catalogue, problems);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      if (!check_domain (catalogue, domain, problems, error))
        return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&problems));
}

void
gk_validate_count (GListModel *problems,
                   guint      *n_errors,
                   guint      *n_warnings)
{
  guint n = g_list_model_get_n_items (problems);
  guint errors = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      errors += gk_problem_get_severity (problem) == GK_SEVERITY_ERROR;
    }
  if (n_errors != NULL)
    *n_errors = errors;
  if (n_warnings != NULL)
    *n_warnings = n - errors;
}

/* TRUE when no error names the item: what the sidebar counts as "done". */
gboolean
gk_validate_item_complete (GListModel *problems,
                           gint64      item_id)
{
  guint n = g_list_model_get_n_items (problems);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      if (gk_problem_get_item_id (problem) == item_id &&
          gk_problem_get_severity (problem) == GK_SEVERITY_ERROR)
        return FALSE;
    }
  return TRUE;
}

/* The rules for one item on its own (no duplicate check across the domain, which only ever
 * warns): what a list row's state icon shows. */
gboolean
gk_validate_item_has_errors (GkCatalogue *catalogue,
                             GkItem      *item)
{
  g_autoptr(GListStore) problems = g_list_store_new (GK_TYPE_PROBLEM);
  g_autoptr(GHashTable) seen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GkDomain *domain = gk_catalogue_get_domain (catalogue, gk_item_get_domain_number (item));
  guint n_errors = 0;

  if (domain == NULL)
    return FALSE;
  check_item (problems, gk_catalogue_get_standards (catalogue), domain, item, seen_names);
  gk_validate_count (G_LIST_MODEL (problems), &n_errors, NULL);
  return n_errors > 0;
}
