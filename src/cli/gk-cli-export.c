/* gongkai-cli export: the county workbook (DESIGN §5), written by gk-export-xlsx. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gk-cli.h"

const char *
gk_cli_export_help (void)
{
  return _("  export --out FILE.xlsx [--channels all|ticked] [--force]\n"
           "                                          write the county workbook; --channels ticked\n"
           "                                          lists only the ticked channels; --force\n"
           "                                          replaces a file another program has open.\n"
           "                                          SOURCE_DATE_EPOCH fixes the export date\n");
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org): the same workspace gives the same bytes. */
static gboolean
parse_source_date_epoch (GDateTime **now,
                         GError    **error)
{
  const char *value = g_getenv ("SOURCE_DATE_EPOCH");
  char *end = NULL;
  gint64 seconds;

  *now = NULL;
  if (value == NULL || *value == '\0')
    return TRUE;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0' || seconds < 0 ||
      (*now = g_date_time_new_from_unix_utc (seconds)) == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   _("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not “%s”."), value);
      return FALSE;
    }
  return TRUE;
}

int
gk_cli_export (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GkExportSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GListModel) problems = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  GkExportOptions options;
  const char *out = NULL;

  gk_export_options_init (&options);
  for (int i = 1; i < cli->argc; i++)
    {
      const char *arg = cli->argv[i];

      if (g_str_equal (arg, "--out") && i + 1 < cli->argc)
        out = cli->argv[++i];
      else if (g_str_has_prefix (arg, "--out="))
        out = arg + strlen ("--out=");
      else if ((g_str_equal (arg, "--channels") && i + 1 < cli->argc) ||
               g_str_has_prefix (arg, "--channels="))
        {
          const char *value = g_str_has_prefix (arg, "--channels=") ? arg + strlen ("--channels=")
                                                                     : cli->argv[++i];
          if (g_str_equal (value, "all"))
            options.channels = GK_EXPORT_CHANNELS_ALL;
          else if (g_str_equal (value, "ticked"))
            options.channels = GK_EXPORT_CHANNELS_TICKED;
          else
            return gk_cli_usage (_("export: --channels is “all” or “ticked”"));
        }
      else if (g_str_equal (arg, "--force"))
        options.replace_locked = TRUE;
      else
        return gk_cli_usage (_("export: unknown argument"));
    }
  if (out == NULL || *out == '\0')
    return gk_cli_usage (_("export: expected --out FILE.xlsx"));

  if (!parse_source_date_epoch (&now, &error))
    return gk_cli_fail (error);
  options.now = now;

  /* The validation summary on 说明: what `gongkai-cli validate` reports. */
  problems = gk_cli_validate (cli, &catalogue, &options.n_errors, &options.n_warnings, &error);
  if (problems == NULL)
    return gk_cli_fail (error);
  lines = gk_export_problem_lines (problems);
  options.problems = (const char * const *) lines;
  options.validated = TRUE;

  target = g_file_new_for_commandline_arg (out);
  snapshot = gk_export_snapshot_new (catalogue, &options, &error);
  if (snapshot == NULL || !gk_export_snapshot_write (snapshot, target, &error))
    return gk_cli_fail (error);

  display = g_file_get_parse_name (target);
  g_print (ngettext ("Exported %s: %u sheet, ", "Exported %s: %u sheets, ",
                     gk_export_snapshot_get_n_sheets (snapshot)),
           display, gk_export_snapshot_get_n_sheets (snapshot));
  g_print (ngettext ("%u item\n", "%u items\n", gk_export_snapshot_get_n_items (snapshot)),
           gk_export_snapshot_get_n_items (snapshot));
  return EXIT_SUCCESS;
}
