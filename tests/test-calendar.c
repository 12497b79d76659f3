/* Tests of GkCalendar: the working days of mainland China from the built-in table
 * (data/holidays/cn.tsv) and the years a user adds to a workspace. */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-test-util.h"

/* ---- helpers ---------------------------------------------------------------------------- */

static GkCalendar *
builtin_calendar (void)
{
  g_autoptr(GError) error = NULL;
  GkCalendar *calendar = gk_calendar_new (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

static gboolean
is_workday (GkCalendar *calendar,
            const char *text)
{
  GDate d = gk_test_date (text);
  return gk_calendar_is_workday (calendar, &d);
}

static char *
add_workdays (GkCalendar *calendar,
              const char *start,
              int         n)
{
  GDate d = gk_test_date (start);
  GDate result;

  gk_calendar_add_workdays (calendar, &d, n, &result);
  return gk_date_to_string (&result);
}

static int
between (GkCalendar *calendar,
         const char *start,
         const char *end)
{
  GDate a = gk_test_date (start);
  GDate b = gk_test_date (end);
  return gk_calendar_workdays_between (calendar, &a, &b);
}

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
  GkCalendar  *calendar;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = gk_test_tmp_dir_new ("gk-calendar-XXXXXX");
  f->path = g_build_filename (f->dir, "test.gongkai", NULL);
  f->catalogue = gk_test_create_workspace (f->path, "城关镇", "某某县");
  f->calendar = gk_calendar_new (gk_catalogue_get_db (f->catalogue), &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->calendar);
  g_assert_finalize_object (f->catalogue);
  gk_test_tmp_dir_free (f->dir);
  g_free (f->path);
}

/* Opens the workspace again, as the next start of the program would. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->calendar);
  g_assert_finalize_object (f->catalogue);
  f->catalogue = gk_test_open_workspace (f->path);
  f->calendar = gk_calendar_new (gk_catalogue_get_db (f->catalogue), &error);
  g_assert_no_error (error);
}

static void
count_signal (gpointer object,
              gpointer data)
{
  (*(guint *) data)++;
}

/* ---- dates ------------------------------------------------------------------------------ */

static void
test_dates (void)
{
  const char *bad[] = { "", "2026", "2026-02-30", "2026-13-01", "26-02-03", "2026-02-03x",
                        "2026-02-3-", "2026/02-03", " 2026-02-03", "0999-01-01", "２０２６-02-03",
                        "2026-002-03" };
  GDate d;

  d = gk_test_date ("2026-02-14");
  g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_SATURDAY);
  gk_test_assert_date (&d, "2026-02-14");
  d = gk_test_date ("2026-2-4");
  gk_test_assert_date (&d, "2026-02-04");
  d = gk_test_date ("2024/02/29");
  gk_test_assert_date (&d, "2024-02-29");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (gk_date_parse (bad[i], &d, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
    }
}

/* ---- the built-in table ----------------------------------------------------------------- */

/* The totals of reference/holidays/README.md, checked against the notices. */
static void
test_year_totals (void)
{
  static const struct { int year; guint days; } totals[] = {
    { 2020, 249 }, { 2021, 250 }, { 2022, 249 }, { 2023, 249 }, { 2024, 251 }, { 2025, 248 },
    { 2026, 248 },
  };
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  g_autoptr(GArray) years = gk_calendar_list_years (calendar);

  g_assert_cmpuint (years->len, ==, G_N_ELEMENTS (totals));
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_test_message ("%d", totals[i].year);
      g_assert_cmpint (g_array_index (years, int, i), ==, totals[i].year);
      g_assert_true (gk_calendar_has_year (calendar, totals[i].year));
      g_assert_cmpint (gk_calendar_get_year_source (calendar, totals[i].year), ==, GK_CALENDAR_SOURCE_BUILTIN);
      g_assert_cmpuint (gk_calendar_count_year (calendar, totals[i].year), ==, totals[i].days);
    }
}

static void
test_spring_festival_2026 (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  const char *name = NULL;
  GDate d;
  char *result;

  /* 2026-02-13 is a Friday; 02-14 a make-up Saturday; 02-15 … 02-23 are 春节. */
  result = add_workdays (calendar, "2026-02-13", 1);
  g_assert_cmpstr (result, ==, "2026-02-14");
  g_free (result);
  result = add_workdays (calendar, "2026-02-14", 1);
  g_assert_cmpstr (result, ==, "2026-02-24");
  g_free (result);
  result = add_workdays (calendar, "2026-02-24", -1);
  g_assert_cmpstr (result, ==, "2026-02-14");
  g_free (result);
  result = add_workdays (calendar, "2026-02-13", 2);
  g_assert_cmpstr (result, ==, "2026-02-24");
  g_free (result);

  g_assert_true (is_workday (calendar, "2026-02-14"));
  d = gk_test_date ("2026-02-14");
  g_assert_cmpint (gk_calendar_get_day_kind (calendar, &d, &name), ==, GK_DAY_WORKDAY);
  g_assert_cmpstr (name, ==, "调休上班");
  for (int day = 15; day <= 23; day++)
    {
      g_autofree char *text = g_strdup_printf ("2026-02-%02d", day);
      d = gk_test_date (text);
      g_assert_false (gk_calendar_is_workday (calendar, &d));
      g_assert_cmpint (gk_calendar_get_day_kind (calendar, &d, &name), ==, GK_DAY_HOLIDAY);
      g_assert_cmpstr (name, ==, "春节");
    }
  g_assert_cmpint (between (calendar, "2026-02-13", "2026-02-24"), ==, 2);
  g_assert_cmpint (between (calendar, "2026-02-24", "2026-02-13"), ==, -2);
  /* A normal weekend and a normal Monday. */
  g_assert_false (is_workday (calendar, "2026-03-07"));
  g_assert_true (is_workday (calendar, "2026-03-09"));
  d = gk_test_date ("2026-03-09");
  g_assert_cmpint (gk_calendar_get_day_kind (calendar, &d, &name), ==, GK_DAY_NORMAL);
  g_assert_cmpstr (name, ==, "");
}

/* 国办发明电〔2020〕1号 extended 春节 2020 to 2 February and cancelled the make-up day of 1 February. */
static void
test_2020_extension (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();

  g_assert_false (is_workday (calendar, "2020-01-31"));
  g_assert_false (is_workday (calendar, "2020-02-01"));
  g_assert_false (is_workday (calendar, "2020-02-02"));
  g_assert_true (is_workday (calendar, "2020-02-03"));
  g_assert_true (is_workday (calendar, "2020-01-19"));  /* a make-up Sunday */
  g_assert_cmpint (between (calendar, "2020-01-23", "2020-02-03"), ==, 1);
}

/* 2022-12-31 belongs to the 2023 notice (元旦 2023: 12-31 … 01-02). */
static void
test_notice_reaching_back (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  g_autoptr(GPtrArray) days_2023 = gk_calendar_get_days (calendar, 2023);
  g_autoptr(GPtrArray) days_2022 = gk_calendar_get_days (calendar, 2022);
  GkCalendarDay *first = g_ptr_array_index (days_2023, 0);
  GkCalendarDay *last = g_ptr_array_index (days_2022, days_2022->len - 1);

  gk_test_assert_date (&first->date, "2022-12-31");
  g_assert_cmpint (first->kind, ==, GK_DAY_HOLIDAY);
  g_assert_cmpstr (first->name, ==, "元旦");
  gk_test_assert_date (&last->date, "2022-10-09");
  g_assert_false (is_workday (calendar, "2023-01-02"));
}

/* The semantics of workdays_between and add_workdays, and their agreement. */
static void
test_between_semantics (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  char *result;

  g_assert_cmpint (between (calendar, "2026-03-09", "2026-03-09"), ==, 0);
  /* After the start, up to and including the end: Friday → Monday is one working day. */
  g_assert_cmpint (between (calendar, "2026-03-06", "2026-03-09"), ==, 1);
  g_assert_cmpint (between (calendar, "2026-03-06", "2026-03-08"), ==, 0);
  g_assert_cmpint (between (calendar, "2026-03-09", "2026-03-06"), ==, -1);
  g_assert_cmpint (between (calendar, "2026-03-08", "2026-03-06"), ==, 0);
  g_assert_cmpint (between (calendar, "2025-12-31", "2026-12-31"), ==, 248);
  g_assert_cmpint (between (calendar, "2019-12-31", "2026-12-31"), ==, 249 + 250 + 249 + 249 + 251 + 248 + 248);

  result = add_workdays (calendar, "2026-03-09", 0);
  g_assert_cmpstr (result, ==, "2026-03-09");
  g_free (result);
  /* The start itself never counts, working day or not. */
  result = add_workdays (calendar, "2026-03-07", 1);
  g_assert_cmpstr (result, ==, "2026-03-09");
  g_free (result);
  result = add_workdays (calendar, "2026-03-07", -1);
  g_assert_cmpstr (result, ==, "2026-03-06");
  g_free (result);

  /* add (start, between (start, end)) == end for every working day end of a year. */
  for (int day = 0; day < 365; day += 3)
    {
      GDate start = gk_test_date ("2025-12-20");
      GDate end = start, back;
      int n;

      g_date_add_days (&end, (guint) day);
      if (!gk_calendar_is_workday (calendar, &end))
        continue;
      n = gk_calendar_workdays_between (calendar, &start, &end);
      gk_calendar_add_workdays (calendar, &start, n, &back);
      g_assert_cmpint (g_date_compare (&back, &end), ==, 0);
      gk_calendar_add_workdays (calendar, &end, -n, &back);
      g_assert_cmpint (gk_calendar_workdays_between (calendar, &back, &end), ==, n);
    }
}

/* The deadline of "20 working days" from an event on the Friday before a holiday. */
static void
test_after_holiday (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  static const struct { const char *event; int n; const char *deadline; } cases[] = {
    { "2026-02-13", 20, "2026-03-19" },  /* Friday before 春节 2026 */
    { "2026-02-13", 3, "2026-02-25" },
    { "2024-09-13", 20, "2024-10-17" },  /* Friday before 中秋 2024 (make-up Saturday 09-14) */
    { "2025-09-26", 20, "2025-10-30" },  /* Friday before 国庆 2025 (make-up Sunday 09-28) */
    { "2025-09-30", 3, "2025-10-11" },   /* the third is the make-up Saturday after 国庆 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = add_workdays (calendar, cases[i].event, cases[i].n);
      g_assert_cmpstr (result, ==, cases[i].deadline);
    }
}

/* ---- a year with no official schedule --------------------------------------------------- */

static void
test_missing_year (void)
{
  g_autoptr(GkCalendar) calendar = builtin_calendar ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = gk_calendar_get_days (calendar, 2027);
  GDate start = gk_test_date ("2026-12-01");
  GDate end = gk_test_date ("2027-01-10");
  char *result;

  g_assert_false (gk_calendar_has_year (calendar, 2027));
  g_assert_cmpint (gk_calendar_get_year_source (calendar, 2027), ==, GK_CALENDAR_SOURCE_NONE);
  g_assert_cmpuint (days->len, ==, 0);
  /* Monday to Friday: 2027 has 52 weeks and a Friday. */
  g_assert_cmpuint (gk_calendar_count_year (calendar, 2027), ==, 261);
  g_assert_cmpuint (gk_calendar_count_year (calendar, 2019), ==, 261);
  g_assert_true (is_workday (calendar, "2027-01-01"));
  g_assert_false (is_workday (calendar, "2027-01-02"));
  result = add_workdays (calendar, "2026-12-31", 1);
  g_assert_cmpstr (result, ==, "2027-01-01");
  g_free (result);

  /* The caller is told, with the year and what was assumed. */
  g_assert_false (gk_calendar_check_range (calendar, &start, &end, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2027"));
  g_assert_nonnull (strstr (error->message, "Monday to Friday"));
  g_assert_null (strstr (error->message, "2026"));
  g_clear_error (&error);

  g_assert_false (gk_calendar_check_range (calendar, &end, &start, &error));
  g_clear_error (&error);

  start = gk_test_date ("2019-06-01");
  end = gk_test_date ("2028-01-01");
  g_assert_false (gk_calendar_check_range (calendar, &start, &end, &error));
  g_assert_nonnull (strstr (error->message, "2019, 2027, 2028"));
  g_clear_error (&error);

  start = gk_test_date ("2020-01-01");
  end = gk_test_date ("2026-12-31");
  g_assert_true (gk_calendar_check_range (calendar, &start, &end, &error));
  g_assert_no_error (error);
}

/* ---- years the user adds ---------------------------------------------------------------- */

/* A made-up schedule for 2027 (the notice is not out yet), reaching back to 2026-12-31. */
static const char year_2027[] =
  "# 2027, for the tests\n"
  "2026-12-31            holiday 元旦\n"
  "2027-01-01..2027-01-03 休 元旦\n"
  "\n"
  "2027-02-06～2027-02-12　holiday　春节\r\n"
  "2027-02-14 workday\n"
  "2027-02-20 班 调休上班\n";

static void
test_user_year (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GArray) years = NULL;
  GkCalendarDay *day;
  guint changed = 0;

  g_signal_connect (f->calendar, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (is_workday (f->calendar, "2026-12-31"));
  g_assert_true (is_workday (f->calendar, "2027-02-08"));

  g_assert_true (gk_calendar_set_user_year (f->calendar, 2027, year_2027, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (gk_calendar_has_year (f->calendar, 2027));
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2027), ==, GK_CALENDAR_SOURCE_USER);
  g_assert_false (gk_calendar_has_builtin_year (f->calendar, 2027));
  /* 261 Monday–Friday, minus 01-01 and 5 weekdays of 春节, plus 2 make-up days. */
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2027), ==, 261 - 1 - 5 + 2);
  g_assert_false (is_workday (f->calendar, "2027-02-08"));
  g_assert_true (is_workday (f->calendar, "2027-02-14"));
  /* The day it reaches back to counts, and 2026 is still the built-in year. */
  g_assert_false (is_workday (f->calendar, "2026-12-31"));
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2026), ==, GK_CALENDAR_SOURCE_BUILTIN);
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2026), ==, 247);

  years = gk_calendar_list_years (f->calendar);
  g_assert_cmpuint (years->len, ==, 8);
  g_assert_cmpint (g_array_index (years, int, 7), ==, 2027);

  days = gk_calendar_get_days (f->calendar, 2027);
  g_assert_cmpuint (days->len, ==, 1 + 3 + 7 + 2);
  day = g_ptr_array_index (days, 0);
  gk_test_assert_date (&day->date, "2026-12-31");
  g_assert_cmpstr (day->name, ==, "元旦");
  day = g_ptr_array_index (days, 4);
  gk_test_assert_date (&day->date, "2027-02-06");
  g_assert_cmpstr (day->name, ==, "春节");
  day = g_ptr_array_index (days, 11);
  gk_test_assert_date (&day->date, "2027-02-14");
  g_assert_cmpint (day->kind, ==, GK_DAY_WORKDAY);
  g_assert_cmpstr (day->name, ==, "调休上班");
  g_clear_pointer (&days, g_ptr_array_unref);

  /* Kept in the workspace: the next start reads it back, the December day with its year. */
  reopen (f);
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2027), ==, GK_CALENDAR_SOURCE_USER);
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2026), ==, GK_CALENDAR_SOURCE_BUILTIN);
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2027), ==, 257);
  g_assert_false (is_workday (f->calendar, "2026-12-31"));
  days = gk_calendar_get_days (f->calendar, 2027);
  g_assert_cmpuint (days->len, ==, 13);
  g_clear_pointer (&days, g_ptr_array_unref);

  /* Replacing is of the whole year (and a byte-order mark is no part of the first date). */
  g_assert_true (gk_calendar_set_user_year (f->calendar, 2027, "\xef\xbb\xbf" "2027-01-01 holiday 元旦\n", &error));
  g_assert_no_error (error);
  g_assert_true (is_workday (f->calendar, "2026-12-31"));
  g_assert_true (is_workday (f->calendar, "2027-02-08"));
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2027), ==, 260);

  changed = 0;
  g_signal_connect (f->calendar, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (gk_calendar_remove_user_year (f->calendar, 2027, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (gk_calendar_has_year (f->calendar, 2027));
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2027), ==, 261);

  g_assert_false (gk_calendar_remove_user_year (f->calendar, 2027, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gk_calendar_remove_user_year (f->calendar, 2026, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);

  reopen (f);
  g_assert_false (gk_calendar_has_year (f->calendar, 2027));
}

/* A user year replaces a built-in one as a whole; removing it brings the built-in one back. */
static void
test_user_year_replaces_builtin (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* The first 2020 notice, before the extension: 春节 01-24 … 01-30, make-up 01-19 and 02-01. */
  const char *first_notice =
    "2020-01-01 holiday 元旦\n"
    "2020-01-19 workday\n"
    "2020-01-24..2020-01-30 holiday 春节\n"
    "2020-02-01 workday\n";

  g_assert_false (is_workday (f->calendar, "2020-02-01"));
  g_assert_true (gk_calendar_set_user_year (f->calendar, 2020, first_notice, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2020), ==, GK_CALENDAR_SOURCE_USER);
  g_assert_true (gk_calendar_has_builtin_year (f->calendar, 2020));
  g_assert_true (is_workday (f->calendar, "2020-02-01"));
  g_assert_true (is_workday (f->calendar, "2020-01-31"));
  /* Its other holidays are gone too: the user's table is the whole year. */
  g_assert_true (is_workday (f->calendar, "2020-10-08"));

  g_assert_true (gk_calendar_remove_user_year (f->calendar, 2020, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2020), ==, GK_CALENDAR_SOURCE_BUILTIN);
  g_assert_false (is_workday (f->calendar, "2020-02-01"));
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2020), ==, 249);
}

/* The file format, with the other notices' rows left out; and a file on disk. */
static void
test_user_year_from_tsv (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;
  gsize length;

  source = g_build_filename (g_getenv ("GK_SOURCE_ROOT") ? g_getenv ("GK_SOURCE_ROOT") : "..",
                             "data", "holidays", "cn.tsv", NULL);
  g_file_get_contents (source, &text, &length, &error);
  g_assert_no_error (error);

  g_assert_true (gk_calendar_set_user_year (f->calendar, 2023, text, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_calendar_get_year_source (f->calendar, 2023), ==, GK_CALENDAR_SOURCE_USER);
  g_assert_cmpuint (gk_calendar_count_year (f->calendar, 2023), ==, 249);
  days = gk_calendar_get_days (f->calendar, 2023);
  gk_test_assert_date (&((GkCalendarDay *) g_ptr_array_index (days, 0))->date, "2022-12-31");
  g_clear_pointer (&days, g_ptr_array_unref);

  /* Without the notice_year column, from a file. */
  path = g_build_filename (f->dir, "2027.tsv", NULL);
  g_file_set_contents (path, "\xef\xbb\xbf" "date\tkind\tname\r\n2027-01-01\tholiday\t元旦\r\n"
                       "2027-02-20\tworkday\t调休上班\r\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  g_assert_true (gk_calendar_set_user_year_from_file (f->calendar, 2027, file, &error));
  g_assert_no_error (error);
  g_assert_false (is_workday (f->calendar, "2027-01-01"));
  g_assert_true (is_workday (f->calendar, "2027-02-20"));
  g_unlink (path);

  /* No rows for the year in the file: refused. */
  g_assert_false (gk_calendar_set_user_year (f->calendar, 2030, text, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "2030"));
  g_clear_error (&error);

  /* A file that is not there. */
  g_clear_object (&file);
  file = g_file_new_for_path (path);
  g_assert_false (gk_calendar_set_user_year_from_file (f->calendar, 2027, file, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
  g_assert_true (is_workday (f->calendar, "2027-02-20"));
}

static void
test_user_year_refused (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { int year; const char *text; const char *message; } cases[] = {
    { 2027, "2027-03-03 workday", "2027-03-03 is a weekday" },
    { 2027, "2027-01-01 holiday\n2028-01-01 holiday", "2028-01-01 is not in 2027" },
    { 2027, "2026-12-30 holiday\n2027-01-01 holiday", "without a gap" },
    { 2027, "2026-06-01 holiday", "is not in 2027" },
    { 2027, "2027-01-01 holiday\n2027-01-01 workday", "appears twice" },
    { 2027, "2027-02-05..2027-02-07 holiday\n2027-02-07 holiday", "appears twice" },
    { 2027, "", "no days for 2027" },
    { 2027, "# nothing\n\n", "no days for 2027" },
    { 2027, "2027-01-01 day-off", "“day-off” should be" },
    { 2027, "2027-01-01", "line 1: expected a date" },
    { 2027, "1 January 2027 holiday", "line 1:" },
    { 2027, "2027-02-30 holiday", "“2027-02-30” is not a date" },
    { 2027, "2027-02-10..2027-02-05 holiday", "goes forward" },
    { 2027, "2027-01-01..2027-03-01 holiday", "at most a month" },
    { 1999, "1999-01-01 holiday", "from 2000 to 2100" },
    { 2027, "date\tkind\tname\n2027-01-01\tholiday", "line 2" },
    { 2027, "date\tkind\tname\tnotice_year\n2027-01-01\tholiday\t元旦\t27", "not a year" },
    { 2027, "date\tkind\n", "header" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_false (gk_calendar_set_user_year (f->calendar, cases[i].year, cases[i].text, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == GK_ERROR);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].message);
      g_assert_false (gk_calendar_has_year (f->calendar, 2027));
    }

  /* A date of one of the user's years cannot go to another. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (gk_calendar_set_user_year (f->calendar, 2028, "2027-12-31 holiday\n2028-01-01 holiday\n", &error));
    g_assert_no_error (error);
    g_assert_false (gk_calendar_set_user_year (f->calendar, 2027, "2027-10-01 holiday\n2027-12-31 holiday\n", &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "2028"));
    g_assert_false (gk_calendar_has_year (f->calendar, 2027));
  }

  /* Without a workspace, there is nowhere to keep a year. */
  {
    g_autoptr(GkCalendar) calendar = builtin_calendar ();
    g_autoptr(GError) error = NULL;

    g_assert_false (gk_calendar_set_user_year (calendar, 2027, "2027-01-01 holiday", &error));
    g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/dates", test_dates);
  g_test_add_func ("/calendar/year-totals", test_year_totals);
  g_test_add_func ("/calendar/spring-festival-2026", test_spring_festival_2026);
  g_test_add_func ("/calendar/2020-extension", test_2020_extension);
  g_test_add_func ("/calendar/notice-reaching-back", test_notice_reaching_back);
  g_test_add_func ("/calendar/between-semantics", test_between_semantics);
  g_test_add_func ("/calendar/after-holiday", test_after_holiday);
  g_test_add_func ("/calendar/missing-year", test_missing_year);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/calendar/user-year", test_user_year);
  ADD ("/calendar/user-year/replaces-builtin", test_user_year_replaces_builtin);
  ADD ("/calendar/user-year/from-tsv", test_user_year_from_tsv);
  ADD ("/calendar/user-year/refused", test_user_year_refused);
#undef ADD

  return g_test_run ();
}
