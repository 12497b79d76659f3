/* gongkai-cli: the core's scripting face, for officers who prefer a terminal, for tests and
 * for benchmarks. Exit status: 0 done, 1 refused or failed (message on stderr), 2 usage. */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gk-core.h"
#include "gk-cli.h"



static const char *
catalogue_help (void)
{
  return _("  new [--township NAME] [--county NAME]   create a workspace\n"
           "  info [--json]                           township profile and domain counts\n"
           "  standards [--json]                      the bundled standard library\n"
           "  profile set KEY VALUE                   township, county, prefecture, province,\n"
           "                                          compiled_by, phone, year, version\n"
           "  item list DOMAIN [--json]               the items of a domain\n"
           "  item add DOMAIN --level1 X --level2 Y [--FIELD VALUE …]\n"
           "  item set ID FIELD VALUE                 change one field of an item\n"
           "  item delete ID [--reason TEXT]          remove an item\n"
           "  domain skip DOMAIN REASON               mark a domain as not applicable (未涉及)\n"
           "  domain include DOMAIN                   include a domain again\n");
}

int
gk_cli_usage (const char *message)
{
  const char *last_help = NULL;

  if (message != NULL)
    g_printerr ("gongkai-cli: %s\n", message);
  g_printerr ("%s", _("Usage: gongkai-cli [--workspace FILE] COMMAND [ARGUMENTS]\n\nCommands:\n"));
  for (guint i = 0; gk_cli_commands[i].name != NULL; i++)
    {
      /* Commands of one file share one help text. */
      const char *help = gk_cli_commands[i].help ();
      if (help != last_help)
        g_printerr ("%s", help);
      last_help = help;
    }
  g_printerr ("%s", _("\nDOMAIN is a number (20) or a name (社会救助). The default workspace is\n"
                      "$XDG_DATA_HOME/gongkai/workspace.gongkai.\n"));
  return EXIT_USAGE;
}

int
gk_cli_fail (GError *error)
{
  g_printerr ("gongkai-cli: %s\n", error->message);
  return EXIT_FAILURE;
}

void
gk_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 whatever the locale: g_print() would turn every Chinese character into "?"
   * under LC_ALL=C (cron, containers, ssh without a locale). */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Prints the objects of @list as a JSON array, each added by @add_object. */
void
gk_cli_print_json_list (GListModel    *list,
                        GkCliJsonFunc  add_object,
                        gpointer       user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      add_object (builder, object, user_data);
    }
  json_builder_end_array (builder);
  gk_cli_print_json (builder);
}

char *
gk_cli_workspace_path (GkCli *cli)
{
  return cli->workspace != NULL ? g_strdup (cli->workspace) : gk_catalogue_default_path ();
}

GkCatalogue *
gk_cli_open_catalogue (GkCli     *cli,
                GError **error)
{
  g_autofree char *path = gk_cli_workspace_path (cli);
  return gk_catalogue_open (path, FALSE, error);
}

/* Takes "--json" out of the arguments; TRUE if it was there. */
gboolean
gk_cli_take_flag (int        *argc,
           char      **argv,
           const char *flag)
{
  for (int i = 0; i < *argc; i++)
    if (g_str_equal (argv[i], flag))
      {
        memmove (&argv[i], &argv[i + 1], (size_t) (*argc - i - 1) * sizeof (char *));
        (*argc)--;
        return TRUE;
      }
  return FALSE;
}

GkDomain *
gk_cli_find_domain (GkCatalogue *catalogue,
             const char  *name,
             GError     **error)
{
  GkDomain *domain = gk_catalogue_find_domain (catalogue, name);

  if (domain == NULL)
    g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no domain “%s”."), name);
  return domain;
}

gboolean
gk_cli_parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;
  gint64 value = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

/* Opens the workspace into @catalogue and validates it: the problems, counted into @n_errors
 * and @n_warnings; NULL on failure. What `validate` reports, and `export` sums up on 说明. */
GListModel *
gk_cli_validate (GkCli        *cli,
                 GkCatalogue **catalogue,
                 guint        *n_errors,
                 guint        *n_warnings,
                 GError      **error)
{
  GListModel *problems;

  *catalogue = gk_cli_open_catalogue (cli, error);
  if (*catalogue == NULL)
    return NULL;
  problems = gk_validate_catalogue (*catalogue, error);
  if (problems != NULL)
    gk_validate_count (problems, n_errors, n_warnings);
  return problems;
}

/* ---- commands --------------------------------------------------------------------------- */

static int
cmd_new (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autofree char *path = gk_cli_workspace_path (cli);
  const char *township = NULL, *county = NULL;

  for (int i = 1; i < cli->argc; i++)
    {
      if (g_str_equal (cli->argv[i], "--township") && i + 1 < cli->argc)
        township = cli->argv[++i];
      else if (g_str_equal (cli->argv[i], "--county") && i + 1 < cli->argc)
        county = cli->argv[++i];
      else
        return gk_cli_usage (_("new: unknown argument"));
    }

  catalogue = gk_catalogue_create (path, township, county, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);
  g_print (_("Created %s\n"), path);
  return EXIT_SUCCESS;
}

static int
cmd_info (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  GListModel *domains;
  guint n;

  if (cli->argc != 1)
    return gk_cli_usage (_("info: unknown argument"));
  catalogue = gk_cli_open_catalogue (cli, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);
  domains = gk_catalogue_get_domains (catalogue);
  n = g_list_model_get_n_items (domains);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "workspace");
      json_builder_add_string_value (builder, gk_catalogue_get_path (catalogue));
      json_builder_set_member_name (builder, "profile");
      json_builder_begin_object (builder);
      for (guint f = 0; f < GK_N_PROFILE_FIELDS; f++)
        {
          g_autofree char *value = gk_catalogue_get_profile (catalogue, f);
          json_builder_set_member_name (builder, gk_profile_field_key (f));
          if (f == GK_PROFILE_YEAR)
            json_builder_add_int_value (builder, atoi (value));
          else
            json_builder_add_string_value (builder, value);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "domains");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "number");
          json_builder_add_int_value (builder, gk_domain_get_number (domain));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, gk_domain_get_name (domain));
          json_builder_set_member_name (builder, "applicable");
          json_builder_add_boolean_value (builder, gk_domain_get_applicable (domain));
          json_builder_set_member_name (builder, "not_applicable_reason");
          json_builder_add_string_value (builder, gk_domain_get_reason (domain));
          json_builder_set_member_name (builder, "items");
          json_builder_add_int_value (builder, gk_domain_get_n_items (domain));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gk_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint f = 0; f < GK_N_PROFILE_FIELDS; f++)
    {
      g_autofree char *value = gk_catalogue_get_profile (catalogue, f);
      g_print ("%-12s %s\n", gk_profile_field_key (f), value);
    }
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      g_print ("%02d  %-4u %s%s%s\n", gk_domain_get_number (domain), gk_domain_get_n_items (domain),
               gk_domain_get_name (domain),
               gk_domain_get_applicable (domain) ? "" : _("  [not applicable] "),
               gk_domain_get_applicable (domain) ? "" : gk_domain_get_reason (domain));
    }
  return EXIT_SUCCESS;
}

static void
add_flags_json (JsonBuilder *builder,
                const char  *name,
                const gint8 *flags)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint f = 0; f < GK_N_FLAGS; f++)
    {
      json_builder_set_member_name (builder, gk_flag_key (f));
      if (flags[f] < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_boolean_value (builder, flags[f] == 1);
    }
  json_builder_end_object (builder);
}

static int
cmd_standards (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStandards) standards = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (cli->argc != 1)
    return gk_cli_usage (_("standards: unknown argument"));
  standards = gk_standards_get_builtin (&error);
  if (standards == NULL)
    return gk_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < gk_standards_get_n_domains (standards); i++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (standards, i);
      g_autoptr(GPtrArray) items = gk_standards_get_items (standards, info->number);
      guint township = 0;

      for (guint j = 0; j < items->len; j++)
        township += gk_standard_item_is_township (g_ptr_array_index (items, j));

      if (!json)
        {
          g_print (_("%02d %s: %u items, %u township-level (%s)\n"), info->number, info->name,
                   items->len, township, info->lead_department);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, info->number);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, info->code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, info->name);
      json_builder_set_member_name (builder, "aliases");
      json_builder_begin_array (builder);
      for (guint a = 0; info->aliases[a] != NULL; a++)
        json_builder_add_string_value (builder, info->aliases[a]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "lead_department");
      json_builder_add_string_value (builder, info->lead_department);
      json_builder_set_member_name (builder, "guideline");
      json_builder_add_string_value (builder, info->guideline);
      json_builder_set_member_name (builder, "township_items");
      json_builder_add_int_value (builder, township);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint j = 0; j < items->len; j++)
        {
          const GkStandardItem *item = g_ptr_array_index (items, j);
          g_autofree char *channels = gk_channels_to_string (item->channels, item->channels_other);
          const char *texts[][2] = {
            { "id", item->id }, { "level1", item->level1 }, { "level2", item->level2 },
            { "content", item->content }, { "basis", item->basis },
            { "time_limit", item->time_limit }, { "subject", item->subject },
            { "channels", channels }, { "flags_provenance", gk_provenance_to_string (item->provenance) },
            { "source_url", item->source_url }, { "note", item->note },
          };

          json_builder_begin_object (builder);
          for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
            {
              json_builder_set_member_name (builder, texts[t][0]);
              json_builder_add_string_value (builder, texts[t][1]);
            }
          add_flags_json (builder, "flags", item->flags);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (json)
    gk_cli_print_json (builder);
  else
    g_print (_("%u items in %u domains\n"), gk_standards_get_n_items (standards),
             gk_standards_get_n_domains (standards));
  return EXIT_SUCCESS;
}

static int
cmd_profile (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  int field;

  if (cli->argc != 4 || !g_str_equal (cli->argv[1], "set"))
    return gk_cli_usage (_("profile: expected “profile set KEY VALUE”"));
  field = gk_profile_field_from_key (cli->argv[2]);
  if (field < 0)
    return gk_cli_usage (_("profile: unknown key"));

  catalogue = gk_cli_open_catalogue (cli, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);
  if (!gk_catalogue_set_profile (catalogue, field, cli->argv[3], &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static void
add_item_json (JsonBuilder *builder,
               gpointer     object,
               gpointer     user_data)
{
  GkItem *item = object;
  g_autofree char *channels = gk_channels_to_string (gk_item_get_channels (item), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, gk_item_get_id (item));
  json_builder_set_member_name (builder, "domain");
  json_builder_add_int_value (builder, gk_item_get_domain_number (item));
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, gk_item_get_position (item));
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    {
      json_builder_set_member_name (builder, gk_item_text_key (t));
      json_builder_add_string_value (builder, gk_item_get_text (item, t));
    }
  json_builder_set_member_name (builder, "channels");
  json_builder_add_string_value (builder, channels);
  for (guint f = 0; f < GK_N_FLAGS; f++)
    {
      json_builder_set_member_name (builder, gk_flag_key (f));
      json_builder_add_boolean_value (builder, gk_item_get_flag (item, f));
    }
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, gk_item_get_origin (item));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, gk_item_get_confirmed (item) ? "confirmed" : "draft");
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, gk_item_get_updated_at (item));
  json_builder_end_object (builder);
}

static int
item_list (GkCli         *cli,
           GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  GkDomain *domain;
  guint n;

  if (cli->argc != 3)
    return gk_cli_usage (_("item list: expected a domain"));
  domain = gk_cli_find_domain (catalogue, cli->argv[2], &error);
  if (domain == NULL)
    return gk_cli_fail (error);
  items = gk_catalogue_list_items (catalogue, gk_domain_get_number (domain), &error);
  if (items == NULL)
    return gk_cli_fail (error);
  n = g_list_model_get_n_items (items);

  if (json)
    {
      gk_cli_print_json_list (items, add_item_json, NULL);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      g_print ("%" G_GINT64_FORMAT "\t%d\t%s\t%s\t%s\t%s\n", gk_item_get_id (item),
               gk_item_get_position (item), gk_item_get_text (item, GK_ITEM_LEVEL1),
               gk_item_get_text (item, GK_ITEM_LEVEL2), gk_item_get_text (item, GK_ITEM_SUBJECT),
               gk_item_get_text (item, GK_ITEM_TIME_LIMIT));
    }
  return EXIT_SUCCESS;
}

static gboolean
is_item_field (const char *key)
{
  return gk_item_text_from_key (key) >= 0 || gk_flag_from_key (key) >= 0 ||
         g_str_equal (key, "channels") || g_str_equal (key, "state");
}

static int
item_add (GkCli         *cli,
          GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const char *level1 = NULL, *level2 = NULL;
  GkDomain *domain;

  if (cli->argc < 3)
    return gk_cli_usage (_("item add: expected a domain"));
  for (int i = 3; i < cli->argc; i += 2)
    {
      const char *key = cli->argv[i];
      if (!g_str_has_prefix (key, "--") || i + 1 >= cli->argc)
        return gk_cli_usage (_("item add: expected --FIELD VALUE pairs"));
      key += 2;
      if (g_str_equal (key, "level1"))
        level1 = cli->argv[i + 1];
      else if (g_str_equal (key, "level2"))
        level2 = cli->argv[i + 1];
      else if (!is_item_field (key))
        return gk_cli_usage (_("item add: unknown field"));
      else
        {
          g_ptr_array_add (fields, (gpointer) key);
          g_ptr_array_add (fields, cli->argv[i + 1]);
        }
    }
  if (level1 == NULL || level2 == NULL || *level1 == '\0')
    return gk_cli_usage (_("item add: --level1 and --level2 are required"));

  domain = gk_cli_find_domain (catalogue, cli->argv[2], &error);
  if (domain == NULL)
    return gk_cli_fail (error);

  /* One transaction, so that a refused field leaves no half-made item behind. */
  if (!gk_db_begin (gk_catalogue_get_db (catalogue), &error))
    return gk_cli_fail (error);
  item = gk_catalogue_add_item (catalogue, gk_domain_get_number (domain), level1, level2, &error);
  for (guint i = 0; item != NULL && i < fields->len; i += 2)
    if (!gk_catalogue_set_item_field (catalogue, item, fields->pdata[i], fields->pdata[i + 1], &error))
      g_clear_object (&item);
  if (item == NULL)
    {
      gk_db_rollback (gk_catalogue_get_db (catalogue));
      return gk_cli_fail (error);
    }
  if (!gk_db_commit (gk_catalogue_get_db (catalogue), &error))
    return gk_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", gk_item_get_id (item));
  return EXIT_SUCCESS;
}

static int
item_set (GkCli         *cli,
          GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  gint64 id;

  if (cli->argc != 5 || !gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("item set: expected “item set ID FIELD VALUE”"));
  if (!is_item_field (cli->argv[3]))
    return gk_cli_usage (_("item set: unknown field"));
  item = gk_catalogue_get_item (catalogue, id, &error);
  if (item == NULL || !gk_catalogue_set_item_field (catalogue, item, cli->argv[3], cli->argv[4], &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
item_delete (GkCli         *cli,
             GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  gint64 id;

  if (cli->argc == 5 && g_str_equal (cli->argv[3], "--reason"))
    reason = cli->argv[4];
  else if (cli->argc != 3)
    return gk_cli_usage (_("item delete: expected “item delete ID [--reason TEXT]”"));
  if (!gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("item delete: expected an item number"));
  if (!gk_catalogue_delete_item (catalogue, id, reason, &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
item_move (GkCli       *cli,
           GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  gint64 id, position;

  if (cli->argc != 4 || !gk_cli_parse_id (cli->argv[2], &id) || !gk_cli_parse_id (cli->argv[3], &position))
    return gk_cli_usage (_("item move: expected “item move ID POSITION”"));
  item = gk_catalogue_get_item (catalogue, id, &error);
  if (item == NULL || !gk_catalogue_move_item (catalogue, item, (guint) MIN (position - 1, G_MAXINT), &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
item_restore (GkCli       *cli,
              GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;

  if (cli->argc != 3)
    return gk_cli_usage (_("item restore: expected a standard item id such as 20-03"));
  item = gk_catalogue_restore_standard_item (catalogue, cli->argv[2], &error);
  if (item == NULL)
    return gk_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", gk_item_get_id (item));
  return EXIT_SUCCESS;
}

static int
item_reset (GkCli       *cli,
            GkCatalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  gint64 id;

  if (cli->argc != 4 || !gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("item reset: expected “item reset ID FIELD”"));
  if (!is_item_field (cli->argv[3]))
    return gk_cli_usage (_("item reset: unknown field"));
  item = gk_catalogue_get_item (catalogue, id, &error);
  if (item == NULL || !gk_catalogue_reset_item_field (catalogue, item, cli->argv[3], &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_item (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  static const struct {
    const char *name;
    int (*run) (GkCli *, GkCatalogue *);
  } subcommands[] = {
    { "list", item_list }, { "add", item_add }, { "set", item_set }, { "delete", item_delete },
    { "move", item_move }, { "restore", item_restore }, { "reset", item_reset },
  };

  if (cli->argc < 2)
    return gk_cli_usage (_("item: expected list, add, set, delete, move, restore or reset"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (cli->argv[1], subcommands[i].name))
      {
        catalogue = gk_cli_open_catalogue (cli, &error);
        if (catalogue == NULL)
          return gk_cli_fail (error);
        return subcommands[i].run (cli, catalogue);
      }
  return gk_cli_usage (_("item: expected list, add, set, delete, move, restore or reset"));
}

static int
cmd_domain (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  gboolean skip;
  GkDomain *domain;

  if (cli->argc == 4 && g_str_equal (cli->argv[1], "skip"))
    skip = TRUE;
  else if (cli->argc == 3 && g_str_equal (cli->argv[1], "include"))
    skip = FALSE;
  else
    return gk_cli_usage (_("domain: expected “domain skip DOMAIN REASON” or “domain include DOMAIN”"));
  if (skip && *g_strstrip (cli->argv[3]) == '\0')
    return gk_cli_usage (_("domain skip: the reason must not be empty"));

  catalogue = gk_cli_open_catalogue (cli, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);
  domain = gk_cli_find_domain (catalogue, cli->argv[2], &error);
  if (domain == NULL ||
      !gk_catalogue_set_domain_applicable (catalogue, gk_domain_get_number (domain), !skip,
                                           skip ? cli->argv[3] : NULL, &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
cmd_validate (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GListModel) problems = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  guint n_errors, n_warnings, n;

  if (cli->argc != 1)
    return gk_cli_usage (_("validate: unknown argument"));
  problems = gk_cli_validate (cli, &catalogue, &n_errors, &n_warnings, &error);
  if (problems == NULL)
    return gk_cli_fail (error);
  n = g_list_model_get_n_items (problems);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "errors");
      json_builder_add_int_value (builder, n_errors);
      json_builder_set_member_name (builder, "warnings");
      json_builder_add_int_value (builder, n_warnings);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, gk_problem_get_rule (problem));
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, gk_problem_get_severity (problem) == GK_SEVERITY_ERROR ? "error" : "warning");
          json_builder_set_member_name (builder, "domain");
          json_builder_add_int_value (builder, gk_problem_get_domain_number (problem));
          json_builder_set_member_name (builder, "item");
          json_builder_add_int_value (builder, gk_problem_get_item_id (problem));
          json_builder_set_member_name (builder, "field");
          if (gk_problem_get_field (problem) != NULL)
            json_builder_add_string_value (builder, gk_problem_get_field (problem));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, gk_problem_get_message (problem));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      gk_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
          g_print ("%s [%s] %s\n",
                   gk_problem_get_severity (problem) == GK_SEVERITY_ERROR ? _("error") : _("warning"),
                   gk_problem_get_rule (problem), gk_problem_get_message (problem));
        }
      g_print (_("%u errors, %u warnings\n"), n_errors, n_warnings);
    }
  return n_errors > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
cmd_search (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GListModel) items = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  guint n;

  if (cli->argc != 2 || *cli->argv[1] == '\0')
    return gk_cli_usage (_("search: expected a text to look for"));
  catalogue = gk_cli_open_catalogue (cli, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);
  items = gk_catalogue_search (catalogue, cli->argv[1], 0, &error);
  if (items == NULL)
    return gk_cli_fail (error);
  n = g_list_model_get_n_items (items);
  if (json)
    {
      gk_cli_print_json_list (items, add_item_json, NULL);
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      g_print ("%" G_GINT64_FORMAT "\t%02d\t%s\t%s\n", gk_item_get_id (item), gk_item_get_domain_number (item),
               gk_item_get_text (item, GK_ITEM_LEVEL1), gk_item_get_text (item, GK_ITEM_LEVEL2));
    }
  return EXIT_SUCCESS;
}

static int
cmd_department (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  const char *sub = cli->argc > 1 ? cli->argv[1] : "";

  if (!((g_str_equal (sub, "list") && cli->argc == 2) ||
        (g_str_equal (sub, "add") && (cli->argc == 3 || cli->argc == 5)) ||
        (g_str_equal (sub, "rename") && cli->argc == 4) ||
        (g_str_equal (sub, "remove") && cli->argc == 3)))
    return gk_cli_usage (_("department: expected list, add NAME [--kind township|county|other], rename OLD NEW or remove NAME"));

  catalogue = gk_cli_open_catalogue (cli, &error);
  if (catalogue == NULL)
    return gk_cli_fail (error);

  if (g_str_equal (sub, "list"))
    {
      GListModel *departments = gk_catalogue_get_departments (catalogue);
      for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
        {
          g_autoptr(GkDepartment) department = g_list_model_get_item (departments, i);
          g_print ("%s\t%s\n", gk_department_get_name (department),
                   gk_department_kind_to_string (gk_department_get_kind (department)));
        }
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "add"))
    {
      int kind = GK_DEPARTMENT_TOWNSHIP;
      if (cli->argc == 5)
        {
          kind = g_str_equal (cli->argv[3], "--kind") ? gk_department_kind_from_string (cli->argv[4]) : -1;
          if (kind < 0)
            return gk_cli_usage (_("department add: the kind is township, county or other"));
        }
      return gk_catalogue_add_department (catalogue, cli->argv[2], kind, &error) != NULL
             ? EXIT_SUCCESS : gk_cli_fail (error);
    }
  else
    {
      GkDepartment *department = gk_catalogue_find_department (catalogue, cli->argv[2]);
      guint changed = 0;

      if (department == NULL)
        {
          g_printerr (_("gongkai-cli: there is no department “%s”\n"), cli->argv[2]);
          return EXIT_FAILURE;
        }
      if (g_str_equal (sub, "remove"))
        return gk_catalogue_remove_department (catalogue, department, &error) ? EXIT_SUCCESS : gk_cli_fail (error);
      if (!gk_catalogue_rename_department (catalogue, department, cli->argv[3], &changed, &error))
        return gk_cli_fail (error);
      g_print (ngettext ("%u item now names “%s”.\n", "%u items now name “%s”.\n", changed), changed, cli->argv[3]);
      return EXIT_SUCCESS;
    }
}

static const char *
checks_help (void)
{
  return _("  validate [--json]                       check the catalogue (exit 1 on errors)\n"
           "  search TEXT [--json]                    find items in every domain\n"
           "  item move ID POSITION                   reorder an item within its domain\n"
           "  item restore STANDARD-ID                put a standard item (20-03) back\n"
           "  item reset ID FIELD                     set a field back to the standard's\n"
           "  department list | add NAME [--kind K] | rename OLD NEW | remove NAME\n");
}

/* Each command file adds its lines here, nowhere else. */
const GkCliCommand gk_cli_commands[] = {
  { "new", cmd_new, catalogue_help },
  { "info", cmd_info, catalogue_help },
  { "standards", cmd_standards, catalogue_help },
  { "profile", cmd_profile, catalogue_help },
  { "item", cmd_item, catalogue_help },
  { "domain", cmd_domain, catalogue_help },
  { "validate", cmd_validate, checks_help },
  { "search", cmd_search, checks_help },
  { "department", cmd_department, checks_help },
  { "export", gk_cli_export, gk_cli_export_help },
  { "workdays", gk_cli_workdays, gk_cli_tasks_help },
  { "tasks", gk_cli_tasks, gk_cli_tasks_help },
  { NULL }
};

int
main (int   argc,
      char *argv[])
{
  GkCli cli = { 0 };
  int i = 1;

  setlocale (LC_ALL, "");
  gk_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc && g_str_has_prefix (argv[i], "--"); i++)
    {
      if (g_str_equal (argv[i], "--workspace") && i + 1 < argc)
        cli.workspace = argv[++i];
      else if (g_str_has_prefix (argv[i], "--workspace="))
        cli.workspace = argv[i] + strlen ("--workspace=");
      else if (g_str_equal (argv[i], "--help"))
        {
          gk_cli_usage (NULL);
          return EXIT_SUCCESS;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("gongkai-cli %s\n", PACKAGE_VERSION);
          return EXIT_SUCCESS;
        }
      else
        return gk_cli_usage (_("unknown option"));
    }
  if (i >= argc)
    return gk_cli_usage (_("no command given"));

  cli.argc = argc - i;
  cli.argv = argv + i;
  for (guint c = 0; gk_cli_commands[c].name != NULL; c++)
    if (g_str_equal (cli.argv[0], gk_cli_commands[c].name))
      return gk_cli_commands[c].run (&cli);

  return gk_cli_usage (_("unknown command"));
}
