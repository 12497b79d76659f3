/* gongkai-cli workdays and tasks: the working-day calendar and the task list (GkCalendar,
 * GkTasks). Dates are YYYY-MM-DD; --today DATE judges deadlines as on another day. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gk-cli.h"

const char *
gk_cli_tasks_help (void)
{
  return _("  workdays add DATE N                     the N-th working day after DATE (N < 0: before)\n"
           "  workdays between DATE DATE              working days after the first date, up to and\n"
           "                                          including the second\n"
           "  workdays count YEAR                     the working days of a year\n"
           "  workdays is DATE                        whether DATE is a working day\n"
           "  workdays years [--json]                 the years with an official holiday schedule\n"
           "  workdays set-year YEAR FILE|-           add or replace a year's official days, one a\n"
           "                                          line: “2027-02-06..2027-02-12 holiday 春节”,\n"
           "                                          “2027-02-14 workday” (a make-up day); or a TSV\n"
           "                                          file with the columns date, kind, name\n"
           "  workdays remove-year YEAR               remove a year you added\n"
           "  tasks list [--overdue|--open|--done|--due-within DAYS|--department NAME] [--json]\n"
           "  tasks add --title TEXT [--category TEXT] [--group TEXT] [--departments A、B]\n"
           "            [--deadline DATE] [--rule RULE] [--event DATE] [--note TEXT]\n"
           "                                          RULE: monthly:D, monthly:Nwd, yearly:MM-DD,\n"
           "                                          after:Nwd (from --event), every:Nd\n"
           "  tasks done ID [--on DATE]               mark a task done (a recurring task comes back)\n"
           "  tasks set ID FIELD VALUE                category, group, title, departments, deadline,\n"
           "                                          rule, event, status, done_on, note\n"
           "  tasks delete ID                         remove a task\n"
           "  tasks import-template yuxi-2020|recurring\n"
           "  tasks import FILE.tsv                   add the tasks of a task list file (columns no,\n"
           "                                          main_task, work_task, item, departments,\n"
           "                                          deadline, and optionally rule, note)\n"
           "  tasks --today DATE …                    judge deadlines as on another day\n");
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* Takes "--name VALUE" out of the arguments. FALSE only when --name has no value. */
static gboolean
take_option (GkCli       *cli,
             const char  *name,
             const char **value)
{
  for (int i = 1; i < cli->argc; i++)
    if (g_str_equal (cli->argv[i], name))
      {
        if (i + 1 >= cli->argc)
          return FALSE;
        *value = cli->argv[i + 1];
        memmove (&cli->argv[i], &cli->argv[i + 2], (size_t) (cli->argc - i - 2) * sizeof (char *));
        cli->argc -= 2;
        return TRUE;
      }
  return TRUE;
}

static gboolean
parse_int (const char *text,
           int         min,
           int         max,
           int        *value)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || n < min || n > max)
    return FALSE;
  *value = (int) n;
  return TRUE;
}

static void
warn (const char *message)
{
  g_printerr (_("gongkai-cli: warning: %s\n"), message);
}

/* Says plainly when a year on the way has no official schedule, and how to add one. */
static void
warn_missing_years (GkCalendar  *calendar,
                    const GDate *start,
                    const GDate *end)
{
  g_autoptr(GError) error = NULL;
  int year = MIN (g_date_get_year (start), g_date_get_year (end));

  if (gk_calendar_check_range (calendar, start, end, &error))
    return;
  while (gk_calendar_has_year (calendar, year))
    year++;
  warn (error->message);
  g_printerr (_("gongkai-cli: to add it: gongkai-cli workdays set-year %d FILE (the format is in “gongkai-cli --help”), or in Preferences → Holidays.\n"),
              year);
}

/* The workspace's calendar, or the built-in one when there is no workspace and none was named. */
static GkCalendar *
open_calendar (GkCli        *cli,
               gboolean      need_workspace,
               GkCatalogue **catalogue_out,
               GError      **error)
{
  g_autofree char *path = gk_cli_workspace_path (cli);
  g_autoptr(GkCatalogue) catalogue = NULL;
  GkCalendar *calendar;

  if (cli->workspace != NULL || need_workspace || g_file_test (path, G_FILE_TEST_EXISTS))
    {
      catalogue = gk_cli_open_catalogue (cli, error);
      if (catalogue == NULL)
        return NULL;
    }
  calendar = gk_calendar_new (catalogue != NULL ? gk_catalogue_get_db (catalogue) : NULL, error);
  if (catalogue_out != NULL)
    *catalogue_out = g_steal_pointer (&catalogue);
  return calendar;
}

/* ---- workdays --------------------------------------------------------------------------- */

static int
workdays_add (GkCli      *cli,
              GkCalendar *calendar)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate start, result;
  int n;

  if (cli->argc != 4)
    return gk_cli_usage (_("workdays add: expected “workdays add DATE N”"));
  if (!gk_date_parse (cli->argv[2], &start, &error))
    return gk_cli_fail (error);
  if (!parse_int (cli->argv[3], -10000, 10000, &n))
    return gk_cli_usage (_("workdays add: N is a whole number from -10000 to 10000"));

  gk_calendar_add_workdays (calendar, &start, n, &result);
  text = gk_date_to_string (&result);
  g_print ("%s\n", text);
  warn_missing_years (calendar, &start, &result);
  return EXIT_SUCCESS;
}

static int
workdays_between (GkCli      *cli,
                  GkCalendar *calendar)
{
  g_autoptr(GError) error = NULL;
  GDate start, end;

  if (cli->argc != 4)
    return gk_cli_usage (_("workdays between: expected “workdays between DATE DATE”"));
  if (!gk_date_parse (cli->argv[2], &start, &error) || !gk_date_parse (cli->argv[3], &end, &error))
    return gk_cli_fail (error);
  if (ABS ((gint64) g_date_get_julian (&end) - (gint64) g_date_get_julian (&start)) > 366 * 100)
    return gk_cli_usage (_("workdays between: the dates are at most 100 years apart"));

  g_print ("%d\n", gk_calendar_workdays_between (calendar, &start, &end));
  warn_missing_years (calendar, &start, &end);
  return EXIT_SUCCESS;
}

static int
workdays_count (GkCli      *cli,
                GkCalendar *calendar)
{
  GDate first, last;
  int year;

  if (cli->argc != 3 || !parse_int (cli->argv[2], 1000, 9999, &year))
    return gk_cli_usage (_("workdays count: expected “workdays count YEAR”"));

  g_print ("%u\n", gk_calendar_count_year (calendar, year));
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, (GDateYear) year);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, (GDateYear) year);
  warn_missing_years (calendar, &first, &last);
  return EXIT_SUCCESS;
}

static int
workdays_is (GkCli      *cli,
             GkCalendar *calendar)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  GDate date;
  gboolean workday;

  if (cli->argc != 3)
    return gk_cli_usage (_("workdays is: expected “workdays is DATE”"));
  if (!gk_date_parse (cli->argv[2], &date, &error))
    return gk_cli_fail (error);

  gk_calendar_get_day_kind (calendar, &date, &name);
  workday = gk_calendar_is_workday (calendar, &date);
  /* The first word is for scripts; the name of the holiday, if any, follows. */
  g_print ("%s%s%s\n", workday ? "workday" : "rest", *name != '\0' ? "\t" : "", name);
  warn_missing_years (calendar, &date, &date);
  return EXIT_SUCCESS;
}

static const char *
source_key (GkCalendarSource source)
{
  return source == GK_CALENDAR_SOURCE_USER ? "user" : "builtin";
}

static int
workdays_years (GkCli      *cli,
                GkCalendar *calendar)
{
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  g_autoptr(GArray) years = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (cli->argc != 2)
    return gk_cli_usage (_("workdays years: unknown argument"));

  years = gk_calendar_list_years (calendar);
  json_builder_begin_array (builder);
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      g_autoptr(GPtrArray) days = gk_calendar_get_days (calendar, year);
      GkCalendarSource source = gk_calendar_get_year_source (calendar, year);
      guint n_holidays = 0, n_workdays = 0;

      for (guint d = 0; d < days->len; d++)
        {
          GkCalendarDay *day = g_ptr_array_index (days, d);
          if (day->kind == GK_DAY_WORKDAY)
            n_workdays++;
          else
            n_holidays++;
        }

      if (!json)
        {
          /* year, builtin/user, days off, make-up working days, working days of the year */
          g_print ("%d\t%s\t%u\t%u\t%u\n", year, source_key (source), n_holidays, n_workdays,
                   gk_calendar_count_year (calendar, year));
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source_key (source));
      json_builder_set_member_name (builder, "replaces_builtin");
      json_builder_add_boolean_value (builder, source == GK_CALENDAR_SOURCE_USER &&
                                               gk_calendar_has_builtin_year (calendar, year));
      json_builder_set_member_name (builder, "working_days");
      json_builder_add_int_value (builder, gk_calendar_count_year (calendar, year));
      json_builder_set_member_name (builder, "days");
      json_builder_begin_array (builder);
      for (guint d = 0; d < days->len; d++)
        {
          GkCalendarDay *day = g_ptr_array_index (days, d);
          g_autofree char *date = gk_date_to_string (&day->date);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, date);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, day->kind == GK_DAY_WORKDAY ? "workday" : "holiday");
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, day->name);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (json)
    gk_cli_print_json (builder);
  return EXIT_SUCCESS;
}

static int
workdays_set_year (GkCli      *cli,
                   GkCalendar *calendar)
{
  g_autoptr(GError) error = NULL;
  gboolean replaced;
  int year;

  if (cli->argc != 4 || !parse_int (cli->argv[2], 1000, 9999, &year))
    return gk_cli_usage (_("workdays set-year: expected “workdays set-year YEAR FILE” (FILE - reads standard input)"));

  replaced = gk_calendar_get_year_source (calendar, year) == GK_CALENDAR_SOURCE_USER;
  if (g_str_equal (cli->argv[3], "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (text, buffer, (gssize) n);
      if (memchr (text->str, '\0', text->len) != NULL)
        {
          g_set_error (&error, GK_ERROR, GK_ERROR_PARSE, _("%s: not a text file"), "-");
          return gk_cli_fail (error);
        }
      if (!gk_calendar_set_user_year (calendar, year, text->str, &error))
        return gk_cli_fail (error);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (cli->argv[3]);
      if (!gk_calendar_set_user_year_from_file (calendar, year, file, &error))
        return gk_cli_fail (error);
    }

  g_print (replaced ? _("Replaced the holiday schedule for %d: %u working days.\n")
                    : _("Added the holiday schedule for %d: %u working days.\n"),
           year, gk_calendar_count_year (calendar, year));
  return EXIT_SUCCESS;
}

static int
workdays_remove_year (GkCli      *cli,
                      GkCalendar *calendar)
{
  g_autoptr(GError) error = NULL;
  int year;

  if (cli->argc != 3 || !parse_int (cli->argv[2], 1000, 9999, &year))
    return gk_cli_usage (_("workdays remove-year: expected “workdays remove-year YEAR”"));
  if (!gk_calendar_remove_user_year (calendar, year, &error))
    return gk_cli_fail (error);
  if (gk_calendar_has_year (calendar, year))
    g_print (_("Removed your holiday schedule for %d: the built-in one is used again.\n"), year);
  else
    g_print (_("Removed the holiday schedule for %d.\n"), year);
  return EXIT_SUCCESS;
}

int
gk_cli_workdays (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GkCalendar) calendar = NULL;
  static const struct {
    const char *name;
    int (*run) (GkCli *, GkCalendar *);
    gboolean need_workspace;
  } subcommands[] = {
    { "add", workdays_add, FALSE }, { "between", workdays_between, FALSE },
    { "count", workdays_count, FALSE }, { "is", workdays_is, FALSE },
    { "years", workdays_years, FALSE }, { "set-year", workdays_set_year, TRUE },
    { "remove-year", workdays_remove_year, TRUE },
  };

  if (cli->argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (cli->argv[1], subcommands[i].name))
        {
          calendar = open_calendar (cli, subcommands[i].need_workspace, &catalogue, &error);
          if (calendar == NULL)
            return gk_cli_fail (error);
          return subcommands[i].run (cli, calendar);
        }
  return gk_cli_usage (_("workdays: expected add, between, count, is, years, set-year or remove-year"));
}

/* ---- tasks ------------------------------------------------------------------------------ */

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *text)
{
  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_task_json (JsonBuilder *builder,
               gpointer     object,
               gpointer     user_data)
{
  GkTask *task = object;
  GkCatalogue *catalogue = user_data;
  GListModel *departments = gk_catalogue_get_departments (catalogue);
  guint n_ids = 0;
  const gint64 *ids = gk_task_get_department_ids (task, &n_ids);
  const char *texts[][2] = {
    { "category", gk_task_get_category (task) }, { "group", gk_task_get_group (task) },
    { "title", gk_task_get_title (task) },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, gk_task_get_id (task));
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, gk_task_get_position (task));
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      json_builder_set_member_name (builder, texts[t][0]);
      json_builder_add_string_value (builder, texts[t][1]);
    }
  /* The names by id: a name may contain 、 itself (各县(市、区)人民政府). */
  json_builder_set_member_name (builder, "departments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_ids; i++)
    for (guint d = 0; d < g_list_model_get_n_items (departments); d++)
      {
        g_autoptr(GkDepartment) department = g_list_model_get_item (departments, d);
        if (gk_department_get_id (department) == ids[i])
          json_builder_add_string_value (builder, gk_department_get_name (department));
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "department_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_ids; i++)
    json_builder_add_int_value (builder, ids[i]);
  json_builder_end_array (builder);
  add_date_member (builder, "deadline", gk_task_get_deadline_text (task));
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, gk_task_get_rule (task));
  json_builder_set_member_name (builder, "rule_description");
  json_builder_add_string_value (builder, gk_task_get_rule_description (task));
  {
    g_autofree char *event = gk_task_get_event (task) != NULL ? gk_date_to_string (gk_task_get_event (task)) : NULL;
    add_date_member (builder, "event", event);
  }
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, gk_task_status_to_string (gk_task_get_status (task)));
  add_date_member (builder, "done_on", gk_task_get_done_on_text (task));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, gk_task_get_note (task));
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, gk_task_get_origin (task));
  add_date_member (builder, "next_deadline", gk_task_get_next_deadline_text (task));
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, gk_task_get_overdue (task));
  json_builder_set_member_name (builder, "remaining_workdays");
  if (gk_task_get_deadline (task) != NULL && gk_task_get_status (task) != GK_TASK_DONE)
    json_builder_add_int_value (builder, gk_task_get_remaining_workdays (task));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "remaining_estimated");
  json_builder_add_boolean_value (builder, gk_task_get_remaining_estimated (task));
  json_builder_end_object (builder);
}

static int
tasks_list (GkCli   *cli,
            GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  gboolean json = gk_cli_take_flag (&cli->argc, cli->argv, "--json");
  const char *within = NULL, *department = NULL;
  GkTaskFilter filter = GK_TASK_FILTER_ALL;
  guint n_filters = 0;
  gint64 arg = 0;
  GDate latest;
  gboolean estimated = FALSE;
  guint n;

  if (gk_cli_take_flag (&cli->argc, cli->argv, "--overdue"))
    {
      filter = GK_TASK_FILTER_OVERDUE;
      n_filters++;
    }
  if (gk_cli_take_flag (&cli->argc, cli->argv, "--open"))
    {
      filter = GK_TASK_FILTER_OPEN;
      n_filters++;
    }
  if (gk_cli_take_flag (&cli->argc, cli->argv, "--done"))
    {
      filter = GK_TASK_FILTER_DONE;
      n_filters++;
    }
  if (!take_option (cli, "--due-within", &within) || !take_option (cli, "--department", &department))
    return gk_cli_usage (_("tasks list: an option lacks its value"));
  if (within != NULL)
    {
      int days;
      if (!parse_int (within, 0, 3660, &days))
        return gk_cli_usage (_("tasks list: --due-within takes a number of days"));
      filter = GK_TASK_FILTER_DUE_WITHIN;
      arg = days;
      n_filters++;
    }
  if (department != NULL)
    {
      GkDepartment *found = gk_catalogue_find_department (gk_tasks_get_catalogue (tasks), department);
      if (found == NULL)
        {
          g_set_error (&error, GK_ERROR, GK_ERROR_NOT_FOUND, _("There is no department “%s”."), department);
          return gk_cli_fail (error);
        }
      filter = GK_TASK_FILTER_DEPARTMENT;
      arg = gk_department_get_id (found);
      n_filters++;
    }
  if (cli->argc != 2 || n_filters > 1)
    return gk_cli_usage (_("tasks list: expected at most one of --overdue, --open, --done, --due-within, --department"));

  list = gk_tasks_list (tasks, filter, arg, &error);
  if (list == NULL)
    return gk_cli_fail (error);
  n = g_list_model_get_n_items (list);

  g_date_clear (&latest, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkTask) task = g_list_model_get_item (list, i);
      const GDate *deadline = gk_task_get_deadline (task);

      if (gk_task_get_remaining_estimated (task))
        {
          estimated = TRUE;
          if (!g_date_valid (&latest) || g_date_compare (deadline, &latest) > 0)
            latest = *deadline;
        }
    }

  if (json)
    gk_cli_print_json_list (list, add_task_json, gk_tasks_get_catalogue (tasks));
  else
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GkTask) task = g_list_model_get_item (list, i);
        g_autofree char *remaining = NULL;

        if (gk_task_get_deadline (task) != NULL && gk_task_get_status (task) != GK_TASK_DONE)
          remaining = g_strdup_printf ("%d%s", gk_task_get_remaining_workdays (task),
                                       gk_task_get_remaining_estimated (task) ? "?" : "");
        /* id, status, deadline, working days left, departments, title; fputs: UTF-8 as is */
        g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s%s\n",
                                                 gk_task_get_id (task),
                                                 gk_task_status_to_string (gk_task_get_status (task)),
                                                 gk_task_get_deadline_text (task) != NULL ? gk_task_get_deadline_text (task) : "",
                                                 remaining != NULL ? remaining : "",
                                                 gk_task_get_departments (task),
                                                 gk_task_get_title (task),
                                                 gk_task_get_overdue (task) ? _("\t[overdue]") : "");
        fputs (line, stdout);
      }

  if (estimated)
    warn_missing_years (gk_tasks_get_calendar (tasks), gk_tasks_get_today (tasks), &latest);
  return EXIT_SUCCESS;
}

static int
tasks_add (GkCli   *cli,
           GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = NULL;
  GkTaskFields fields = { 0 };
  const char *deadline = NULL, *event = NULL;
  GDate deadline_date, event_date;

  if (!take_option (cli, "--title", &fields.title) ||
      !take_option (cli, "--category", &fields.category) ||
      !take_option (cli, "--group", &fields.group) ||
      !take_option (cli, "--departments", &fields.departments) ||
      !take_option (cli, "--deadline", &deadline) ||
      !take_option (cli, "--rule", &fields.rule) ||
      !take_option (cli, "--event", &event) ||
      !take_option (cli, "--note", &fields.note))
    return gk_cli_usage (_("tasks add: an option lacks its value"));
  if (cli->argc != 2)
    return gk_cli_usage (_("tasks add: unknown argument"));
  if (fields.title == NULL)
    return gk_cli_usage (_("tasks add: --title is required"));

  if (deadline != NULL)
    {
      if (!gk_date_parse (deadline, &deadline_date, &error))
        return gk_cli_fail (error);
      fields.deadline = &deadline_date;
    }
  if (event != NULL)
    {
      if (!gk_date_parse (event, &event_date, &error))
        return gk_cli_fail (error);
      fields.event = &event_date;
    }

  task = gk_tasks_add (tasks, &fields, &error);
  if (task == NULL)
    return gk_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", gk_task_get_id (task));
  return EXIT_SUCCESS;
}

static int
tasks_done (GkCli   *cli,
            GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = NULL;
  g_autoptr(GkTask) next = NULL;
  const char *on = NULL;
  GDate done_on;
  gint64 id;

  if (!take_option (cli, "--on", &on))
    return gk_cli_usage (_("tasks done: --on takes a date"));
  if (cli->argc != 3 || !gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("tasks done: expected “tasks done ID [--on DATE]”"));
  if (on != NULL && !gk_date_parse (on, &done_on, &error))
    return gk_cli_fail (error);

  task = gk_tasks_get (tasks, id, &error);
  if (task == NULL ||
      !gk_tasks_set_status (tasks, task, GK_TASK_DONE, on != NULL ? &done_on : NULL, &next, &error))
    return gk_cli_fail (error);
  if (next != NULL)
    {
      g_autofree char *next_id = g_strdup_printf ("%" G_GINT64_FORMAT, gk_task_get_id (next));

      if (gk_task_get_deadline_text (next) != NULL)
        g_print (_("Next occurrence: task %s, due %s\n"), next_id, gk_task_get_deadline_text (next));
      else
        g_print (_("Next occurrence: task %s, waiting for its event\n"), next_id);
    }
  return EXIT_SUCCESS;
}

static int
tasks_set (GkCli   *cli,
           GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkTask) task = NULL;
  gint64 id;

  if (cli->argc != 5 || !gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("tasks set: expected “tasks set ID FIELD VALUE”"));
  if (gk_task_field_from_key (cli->argv[3]) < 0)
    return gk_cli_usage (_("tasks set: unknown field"));
  task = gk_tasks_get (tasks, id, &error);
  if (task == NULL || !gk_tasks_set_field (tasks, task, cli->argv[3], cli->argv[4], &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static int
tasks_delete (GkCli   *cli,
              GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (cli->argc != 3 || !gk_cli_parse_id (cli->argv[2], &id))
    return gk_cli_usage (_("tasks delete: expected “tasks delete ID”"));
  if (!gk_tasks_delete (tasks, id, &error))
    return gk_cli_fail (error);
  return EXIT_SUCCESS;
}

static void
print_import (guint added,
              guint skipped)
{
  g_autofree char *added_text = g_strdup_printf (ngettext ("Added %u task", "Added %u tasks", added), added);
  g_autofree char *skipped_text = g_strdup_printf (ngettext ("%u was in the list already", "%u were in the list already", skipped), skipped);

  /* TRANSLATORS: "Added 26 tasks; 0 were in the list already." */
  g_print (_("%s; %s.\n"), added_text, skipped_text);
}

static int
tasks_import_template (GkCli   *cli,
                       GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, skipped = 0;

  if (cli->argc != 3)
    return gk_cli_usage (_("tasks import-template: expected yuxi-2020 or recurring"));
  if (!gk_tasks_import_template (tasks, cli->argv[2], &added, &skipped, &error))
    return gk_cli_fail (error);
  print_import (added, skipped);
  return EXIT_SUCCESS;
}

static int
tasks_import (GkCli   *cli,
              GkTasks *tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  guint added = 0, skipped = 0;

  if (cli->argc != 3)
    return gk_cli_usage (_("tasks import: expected “tasks import FILE.tsv”"));
  file = g_file_new_for_commandline_arg (cli->argv[2]);
  if (!gk_tasks_import_file (tasks, file, &added, &skipped, &error))
    return gk_cli_fail (error);
  print_import (added, skipped);
  return EXIT_SUCCESS;
}

int
gk_cli_tasks (GkCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkCatalogue) catalogue = NULL;
  g_autoptr(GkTasks) tasks = NULL;
  const char *today = NULL;
  GDate today_date;
  static const struct {
    const char *name;
    int (*run) (GkCli *, GkTasks *);
  } subcommands[] = {
    { "list", tasks_list }, { "add", tasks_add }, { "done", tasks_done }, { "set", tasks_set },
    { "delete", tasks_delete }, { "import-template", tasks_import_template }, { "import", tasks_import },
  };

  if (!take_option (cli, "--today", &today))
    return gk_cli_usage (_("tasks: --today takes a date"));
  if (cli->argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (cli->argv[1], subcommands[i].name))
        {
          if (today != NULL && !gk_date_parse (today, &today_date, &error))
            return gk_cli_fail (error);
          catalogue = gk_cli_open_catalogue (cli, &error);
          if (catalogue == NULL)
            return gk_cli_fail (error);
          tasks = gk_tasks_new (catalogue, &error);
          if (tasks == NULL)
            return gk_cli_fail (error);
          if (today != NULL)
            gk_tasks_set_today (tasks, &today_date);
          return subcommands[i].run (cli, tasks);
        }
  return gk_cli_usage (_("tasks: expected list, add, done, set, delete, import-template or import"));
}
