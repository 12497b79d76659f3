/* GkCalendar: working days in mainland China.
 *
 * A date is a working day iff it is an official make-up working day (调休上班), or it is a Monday
 * to Friday that is not an official holiday. The official days come from the yearly notice of the
 * State Council (《国务院办公厅关于YYYY年部分节假日安排的通知》):
 *
 *  - the built-in table, data/holidays/cn.tsv in the GResource (never copied into a workspace,
 *    so that an update of Gongkai can correct it);
 *  - years the user entered, stored in the workspace's `holiday` table. A user year replaces the
 *    built-in year of the same number as a whole (an official correction, such as the extension
 *    of 春节 2020, is entered that way).
 *
 * A "year" is the year of a notice. A notice may reach into the last days of December of the
 * year before (the 2023 notice gives 2022-12-31 off for 元旦). The `holiday` table of schema v1
 * has no notice-year column, so a stored row is given to the notice of its own year, except for
 * a run of December days that ends on 31 December and continues without a gap into a 1 January
 * entry of the next year: those belong to the next year's notice, as such a run always does.
 *
 * A date in a year with no schedule is counted as Monday to Friday; gk_calendar_check_range()
 * reports that plainly so that callers can say so.
 */
#define G_LOG_DOMAIN "Gongkai-Calendar"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-calendar.h"
#include "gk-error.h"
#include "gk-resources.h"
#include "gk-savepoint-private.h"
#include "gk-tsv.h"

#define BUILTIN_PATH "/io/github/gongkai/Gongkai/data/holidays/cn.tsv"
#define MIN_USER_YEAR 2000
#define MAX_USER_YEAR 2100

struct _GkCalendar
{
  GObject     parent_instance;
  GkDb       *db;        /* NULL: the built-in table only */
  GHashTable *builtin;   /* notice year → GPtrArray of GkCalendarDay, by date */
  GHashTable *user;      /* notice year → GPtrArray of GkCalendarDay, by date */
  GHashTable *days;      /* julian day → GkCalendarDay (borrowed): the schedule in force */
};

G_DEFINE_FINAL_TYPE (GkCalendar, gk_calendar, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const tsv_header[] = { "date", "kind", "name", "notice_year", NULL };
static const char * const tsv_header_short[] = { "date", "kind", "name", NULL };

enum { C_DATE = 1, C_KIND, C_NAME, C_NOTICE_YEAR };

/* ---- dates ------------------------------------------------------------------------------ */

static gboolean
parse_digits (const char **p,
              guint        min_digits,
              guint        max_digits,
              guint       *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  return n >= min_digits && !g_ascii_isdigit (**p);
}

/**
 * gk_date_parse:
 * @text: "YYYY-MM-DD"; "YYYY-M-D" and "/" as the separator are accepted too
 *
 * Returns: %TRUE and sets @date if @text is a real date of the years 1000 to 9999.
 */
gboolean
gk_date_parse (const char  *text,
               GDate       *date,
               GError     **error)
{
  const char *p = text;
  guint year, month, day;
  char sep;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (!parse_digits (&p, 4, 4, &year) || (*p != '-' && *p != '/'))
    goto fail;
  sep = *p++;
  if (!parse_digits (&p, 1, 2, &month) || *p++ != sep ||
      !parse_digits (&p, 1, 2, &day) || *p != '\0')
    goto fail;
  if (year < 1000 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    goto fail;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

fail:
  g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
               _("“%s” is not a date: write it as YYYY-MM-DD, for example 2026-02-14."), text);
  return FALSE;
}

char *
gk_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* ---- days ------------------------------------------------------------------------------- */

void
gk_calendar_day_free (GkCalendarDay *day)
{
  if (day == NULL)
    return;
  g_free (day->name);
  g_free (day);
}

static GkCalendarDay *
day_new (const GDate *date,
         GkDayKind    kind,
         const char  *name)
{
  GkCalendarDay *day = g_new0 (GkCalendarDay, 1);

  day->date = *date;
  day->kind = kind;
  day->name = g_strdup (name != NULL ? name : "");
  return day;
}

static GkCalendarDay *
day_copy (const GkCalendarDay *day)
{
  return day_new (&day->date, day->kind, day->name);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const GkCalendarDay *da = *(GkCalendarDay * const *) a;
  const GkCalendarDay *db = *(GkCalendarDay * const *) b;
  return g_date_compare (&da->date, &db->date);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static GPtrArray *
days_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gk_calendar_day_free);
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);
  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

static const char *
kind_to_string (GkDayKind kind)
{
  return kind == GK_DAY_WORKDAY ? "workday" : "holiday";
}

/* The kinds a notice or a person uses: the file keys, and 休/班 as on a printed calendar. */
static gboolean
kind_from_string (const char *text,
                  GkDayKind  *kind)
{
  static const char * const holiday[] = { "holiday", "休", "假", "放假", NULL };
  static const char * const workday[] = { "workday", "班", "上班", "调休上班", "补班", NULL };

  if (g_strv_contains (holiday, text))
    *kind = GK_DAY_HOLIDAY;
  else if (g_strv_contains (workday, text))
    *kind = GK_DAY_WORKDAY;
  else
    return FALSE;
  return TRUE;
}

/* ---- the object ------------------------------------------------------------------------- */

static void
gk_calendar_finalize (GObject *object)
{
  GkCalendar *self = GK_CALENDAR (object);

  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->user, g_hash_table_unref);
  g_clear_pointer (&self->builtin, g_hash_table_unref);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (gk_calendar_parent_class)->finalize (object);
}

static void
gk_calendar_class_init (GkCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_calendar_finalize;

  /**
   * GkCalendar::changed:
   *
   * The user added, replaced or removed a year: working-day counts may have changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GHashTable *
years_table_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static void
gk_calendar_init (GkCalendar *self)
{
  self->builtin = years_table_new ();
  self->user = years_table_new ();
  self->days = g_hash_table_new (NULL, NULL);
}

static GPtrArray *
year_days (GHashTable *table,
           int         year)
{
  return g_hash_table_lookup (table, GINT_TO_POINTER (year));
}

static GPtrArray *
ensure_year_days (GHashTable *table,
                  int         year)
{
  GPtrArray *days = year_days (table, year);

  if (days == NULL)
    {
      days = days_new ();
      g_hash_table_insert (table, GINT_TO_POINTER (year), days);
    }
  return days;
}

/* The schedule in force: each year's user table if there is one, the built-in one otherwise. */
static void
rebuild (GkCalendar *self)
{
  g_autoptr(GArray) years = gk_calendar_list_years (self);

  g_hash_table_remove_all (self->days);
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      GPtrArray *days = year_days (self->user, year);

      if (days == NULL)
        days = year_days (self->builtin, year);
      for (guint j = 0; j < days->len; j++)
        {
          GkCalendarDay *day = g_ptr_array_index (days, j);
          g_hash_table_insert (self->days, GUINT_TO_POINTER (g_date_get_julian (&day->date)), day);
        }
    }
}

/* ---- parsing a schedule ----------------------------------------------------------------- */

static gboolean
is_separator (const char *p,
              gsize      *len)
{
  if (*p == ' ' || *p == '\t')
    *len = 1;
  else if (g_str_has_prefix (p, "　"))  /* ideographic space */
    *len = strlen ("　");
  else
    return FALSE;
  return TRUE;
}

/* Splits a line on spaces, tabs and ideographic spaces. */
static GPtrArray *
split_words (const char *line)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  while (*p != '\0')
    {
      const char *start;
      gsize len = 0;

      while (*p != '\0' && is_separator (p, &len))
        p += len;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !is_separator (p, &len))
        p = g_utf8_next_char (p);
      g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
    }
  return words;
}

static gboolean
parse_range (const char *word,
             GDate      *first,
             GDate      *last)
{
  static const char * const dashes[] = { "..", "~", "～", "至", NULL };

  for (guint i = 0; dashes[i] != NULL; i++)
    {
      const char *dash = strstr (word, dashes[i]);

      if (dash != NULL)
        {
          g_autofree char *a = g_strndup (word, (gsize) (dash - word));
          return gk_date_parse (a, first, NULL) &&
                 gk_date_parse (dash + strlen (dashes[i]), last, NULL);
        }
    }
  if (!gk_date_parse (word, first, NULL))
    return FALSE;
  *last = *first;
  return TRUE;
}

/* Lines of "DATE KIND [NAME]" or "FIRST..LAST KIND [NAME]", as typed or pasted from a notice:
 *   2027-02-05..2027-02-11  holiday  春节
 *   2027-02-14              workday
 * KIND is holiday/workday or 休/班; blank lines and lines starting with # are skipped. */
static GPtrArray *
parse_lines (const char  *name,
             const char  *text,
             GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) days = days_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) words = split_words (g_strchomp (lines[i]));
      g_autofree char *label = NULL;
      GDate first, last;
      GkDayKind kind;
      guint n_days;

      if (words->len == 0 || *(char *) g_ptr_array_index (words, 0) == '#' ||
          *(char *) g_ptr_array_index (words, 0) == '\0')
        continue;

      if (words->len < 2)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: line %u: expected a date, then “holiday” or “workday”, for example “2027-02-14 workday”"),
                       name, i + 1);
          return NULL;
        }
      if (!parse_range (g_ptr_array_index (words, 0), &first, &last))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: line %u: “%s” is not a date or a range of dates such as 2027-02-05..2027-02-11"),
                       name, i + 1, (char *) g_ptr_array_index (words, 0));
          return NULL;
        }
      if (!kind_from_string (g_ptr_array_index (words, 1), &kind))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: line %u: “%s” should be “holiday” (休) or “workday” (班)"),
                       name, i + 1, (char *) g_ptr_array_index (words, 1));
          return NULL;
        }
      if (g_date_compare (&first, &last) > 0 || g_date_days_between (&first, &last) > 31)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: line %u: a range of dates goes forward and covers at most a month"),
                       name, i + 1);
          return NULL;
        }

      if (words->len > 2)
        {
          g_ptr_array_add (words, NULL);
          label = g_strjoinv (" ", (char **) words->pdata + 2);
        }
      else
        label = g_strdup (kind == GK_DAY_WORKDAY ? "调休上班" : "");

      n_days = (guint) g_date_days_between (&first, &last) + 1;
      for (guint d = 0; d < n_days; d++)
        {
          GDate date = first;
          g_date_add_days (&date, d);
          g_ptr_array_add (days, day_new (&date, kind, label));
        }
    }
  return g_steal_pointer (&days);
}

static gboolean
parse_tsv_row (GkTsv          *tsv,
               GkCalendarDay **day,
               GError        **error)
{
  GDate date;
  GkDayKind kind;

  if (!gk_date_parse (gk_tsv_get (tsv, C_DATE), &date, NULL))
    {
      gk_tsv_set_error (tsv, error, C_DATE, _("not a date: “%s”"), gk_tsv_get (tsv, C_DATE));
      return FALSE;
    }
  if (!kind_from_string (gk_tsv_get (tsv, C_KIND), &kind))
    {
      gk_tsv_set_error (tsv, error, C_KIND, _("expected holiday or workday, found “%s”"),
                        gk_tsv_get (tsv, C_KIND));
      return FALSE;
    }
  *day = day_new (&date, kind, gk_tsv_get (tsv, C_NAME));
  return TRUE;
}

static gboolean
parse_notice_year (GkTsv   *tsv,
                   int     *year,
                   GError **error)
{
  const char *text = gk_tsv_get (tsv, C_NOTICE_YEAR);
  char *end = NULL;
  long value = strtol (text, &end, 10);

  if (!g_ascii_isdigit (text[0]) || *end != '\0' || value < 1000 || value > 9999)
    {
      gk_tsv_set_error (tsv, error, C_NOTICE_YEAR, _("not a year: “%s”"), text);
      return FALSE;
    }
  *year = (int) value;
  return TRUE;
}

/* The file format (see data/holidays/README.md), with or without its notice_year column. When
 * @only_year is not 0, the rows of other notices are left out. @by_year maps notice year →
 * GPtrArray of days. */
static gboolean
parse_tsv (const char  *name,
           const char  *text,
           gsize        length,
           int          only_year,
           GHashTable  *by_year,
           GError     **error)
{
  const char *line_end = memchr (text, '\n', length);
  gsize first_len = line_end != NULL ? (gsize) (line_end - text) : length;
  g_autofree char *first = g_strndup (text, first_len);
  gboolean with_year = strstr (first, "\tnotice_year") != NULL;
  g_autoptr(GkTsv) tsv = NULL;
  g_autoptr(GError) local_error = NULL;

  tsv = gk_tsv_new (name, text, length, with_year ? tsv_header : tsv_header_short, error);
  if (tsv == NULL)
    return FALSE;

  while (gk_tsv_next (tsv, &local_error))
    {
      g_autoptr(GkCalendarDay) day = NULL;
      int year;

      if (!parse_tsv_row (tsv, &day, error))
        return FALSE;
      if (with_year)
        {
          if (!parse_notice_year (tsv, &year, error))
            return FALSE;
        }
      else
        year = only_year != 0 ? only_year : (int) g_date_get_year (&day->date);
      if (only_year != 0 && year != only_year)
        continue;
      g_ptr_array_add (ensure_year_days (by_year, year), g_steal_pointer (&day));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The rules every year's schedule keeps, the built-in one as well as the user's. Sorts @days. */
static gboolean
check_schedule (const char  *name,
                int          year,
                GPtrArray   *days,
                GError     **error)
{
  g_autofree char *first_of_year = g_strdup_printf ("%d-01-01", year);
  GDate jan1;

  g_ptr_array_sort (days, compare_days);
  g_date_clear (&jan1, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, (GDateYear) year);

  if (days->len == 0)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: there are no days for %d"), name, year);
      return FALSE;
    }

  for (guint i = 0; i < days->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (days, i);
      g_autofree char *date = gk_date_to_string (&day->date);
      int day_year = (int) g_date_get_year (&day->date);

      if (i > 0 && g_date_compare (&day->date, &((GkCalendarDay *) g_ptr_array_index (days, i - 1))->date) == 0)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: %s appears twice"), name, date);
          return FALSE;
        }
      if (day->kind == GK_DAY_WORKDAY && !is_weekend (&day->date))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: %s is a weekday: a make-up working day (调休上班) is always a Saturday or a Sunday"),
                       name, date);
          return FALSE;
        }
      if (day_year == year)
        continue;

      /* Only a run of days that leads into 1 January (元旦) may lie in the year before: with
       * the dates sorted and distinct, the run is whole when 1 January is as many entries
       * further as it is days later. */
      if (day_year == year - 1)
        {
          guint32 gap = g_date_get_julian (&jan1) - g_date_get_julian (&day->date);

          if (i + gap < days->len &&
              g_date_compare (&((GkCalendarDay *) g_ptr_array_index (days, i + gap))->date, &jan1) == 0)
            continue;
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                       _("%s: %s is not in %d: only days that run without a gap into %s may come from the year before"),
                       name, date, year, first_of_year);
          return FALSE;
        }

      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: %s is not in %d"), name, date, year);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_builtin (GkCalendar  *self,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *data;
  gsize length;

  gk_core_register_resource ();
  bytes = g_resources_lookup_data (BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read “%s”: %s"), "holidays/cn.tsv",
                   local_error->message);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  if (!parse_tsv ("holidays/cn.tsv", data, length, 0, self->builtin, error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->builtin);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!check_schedule ("holidays/cn.tsv", GPOINTER_TO_INT (key), value, error))
      return FALSE;
  return TRUE;
}

/* ---- the workspace's years -------------------------------------------------------------- */

/* Gives a December run that continues into 1 January to the next year's notice (see the top). */
static void
attribute_spills (GHashTable *user)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, user);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);
      g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);

  for (guint y = 0; y < years->len; y++)
    {
      int year = g_array_index (years, int, y);
      GPtrArray *days = year_days (user, year);
      GPtrArray *before = year_days (user, year - 1);
      GkCalendarDay *first;
      guint32 expected;

      if (days == NULL || before == NULL || days->len == 0)
        continue;
      first = g_ptr_array_index (days, 0);
      if (g_date_get_month (&first->date) != G_DATE_JANUARY || g_date_get_day (&first->date) != 1)
        continue;

      expected = g_date_get_julian (&first->date) - 1;
      while (before->len > 0)
        {
          GkCalendarDay *last = g_ptr_array_index (before, before->len - 1);
          if (g_date_get_julian (&last->date) != expected)
            break;
          g_ptr_array_insert (days, 0, g_ptr_array_steal_index (before, before->len - 1));
          expected--;
        }
      if (before->len == 0)
        g_hash_table_remove (user, GINT_TO_POINTER (year - 1));
    }
}

static gboolean
load_user (GkCalendar  *self,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_hash_table_remove_all (self->user);
  if (self->db == NULL)
    return TRUE;

  stmt = gk_db_cached (self->db, "SELECT date, kind, name FROM holiday ORDER BY date", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      GkDayKind kind;
      GDate date;

      /* The schema's CHECK lets 2027-02-30 through; such a row cannot have come from here. */
      if (text == NULL || !gk_date_parse (text, &date, NULL) ||
          !kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind))
        {
          g_debug ("Ignoring the holiday row “%s”", text != NULL ? text : "(null)");
          continue;
        }
      g_ptr_array_add (ensure_year_days (self->user, (int) g_date_get_year (&date)),
                       day_new (&date, kind, name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (self->db, error, _("Cannot read the holidays"));
      return FALSE;
    }
  attribute_spills (self->user);
  return TRUE;
}

/**
 * gk_calendar_new:
 * @db: (nullable): the workspace whose own years count as well; %NULL for the built-in table only
 */
GkCalendar *
gk_calendar_new (GkDb    *db,
                 GError **error)
{
  g_autoptr(GkCalendar) self = g_object_new (GK_TYPE_CALENDAR, NULL);

  g_return_val_if_fail (db == NULL || GK_IS_DB (db), NULL);

  self->db = db != NULL ? g_object_ref (db) : NULL;
  if (!load_builtin (self, error) || !load_user (self, error))
    return NULL;
  rebuild (self);
  return g_steal_pointer (&self);
}

static gboolean
check_user_year (int      year,
                 GError **error)
{
  if (year >= MIN_USER_YEAR && year <= MAX_USER_YEAR)
    return TRUE;
  g_set_error (error, GK_ERROR, GK_ERROR_INVALID, _("The year must be a number from %d to %d."),
               MIN_USER_YEAR, MAX_USER_YEAR);
  return FALSE;
}

static gboolean
store_user_year (GkCalendar  *self,
                 int          year,
                 GPtrArray   *days,
                 GError     **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  GPtrArray *old;
  GHashTableIter iter;
  gpointer key, value;
  GkSavepoint sp;
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                   _("Open a workspace first: the holidays you add are kept in the workspace."));
      return FALSE;
    }

  /* What the workspace holds now: another window or the CLI may have changed it. */
  if (!load_user (self, error))
    {
      rebuild (self);
      return FALSE;
    }
  rebuild (self);
  old = year_days (self->user, year);

  /* A date of another of the user's years cannot be given to this one as well. */
  g_hash_table_iter_init (&iter, self->user);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *other = value;

      if (GPOINTER_TO_INT (key) == year)
        continue;
      for (guint i = 0; i < other->len; i++)
        {
          GkCalendarDay *day = g_ptr_array_index (other, i);
          g_hash_table_insert (taken, GUINT_TO_POINTER (g_date_get_julian (&day->date)), key);
        }
    }
  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (days, i);
      gpointer owner;

      if (g_hash_table_lookup_extended (taken, GUINT_TO_POINTER (g_date_get_julian (&day->date)), NULL, &owner))
        {
          g_autofree char *date = gk_date_to_string (&day->date);
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("%s already belongs to your schedule for %d: remove it there first."),
                       date, GPOINTER_TO_INT (owner));
          return FALSE;
        }
    }

  if (!gk_savepoint_begin (&sp, self->db, error))
    return FALSE;

  stmt = gk_db_cached (self->db, "DELETE FROM holiday WHERE date = ?1", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (old, i);
      g_autofree char *date = gk_date_to_string (&day->date);

      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
    }

  stmt = gk_db_cached (self->db, "INSERT INTO holiday (date, kind, name) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      GkCalendarDay *day = g_ptr_array_index (days, i);
      g_autofree char *date = gk_date_to_string (&day->date);

      sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind_to_string (day->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, day->name, -1, SQLITE_TRANSIENT);
      if (!gk_db_step_done (self->db, stmt, error))
        goto fail;
    }

  if (!gk_savepoint_commit (&sp, error))
    goto fail;

  /* Read back: what is in force is what the workspace holds. */
  if (!load_user (self, error))
    return FALSE;
  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

fail:
  gk_savepoint_rollback (&sp);
  return FALSE;
}

static gboolean
set_user_year (GkCalendar  *self,
               int          year,
               const char  *name,
               const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GHashTable) by_year = years_table_new ();
  g_autoptr(GPtrArray) days = NULL;
  const char *start;
  const char *end = NULL;

  if (!check_user_year (year, error))
    return FALSE;
  if (!g_utf8_validate (text, (gssize) length, &end) || memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: not UTF-8 text"), name);
      return FALSE;
    }

  /* A byte-order mark is what Windows editors put in front of UTF-8. */
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    {
      text += 3;
      length -= 3;
    }
  start = text;
  while (*start == '\n' || *start == '\r' || *start == ' ')
    start++;

  if (g_str_has_prefix (start, "date\t"))
    {
      if (!parse_tsv (name, start, length - (gsize) (start - text), year, by_year, error))
        return FALSE;
      days = year_days (by_year, year) != NULL ? g_ptr_array_ref (year_days (by_year, year)) : days_new ();
    }
  else
    {
      g_autofree char *copy = g_strndup (text, length);
      days = parse_lines (name, copy, error);
      if (days == NULL)
        return FALSE;
    }

  if (!check_schedule (name, year, days, error))
    return FALSE;
  return store_user_year (self, year, days, error);
}

/**
 * gk_calendar_set_user_year:
 * @text: the year's holidays and make-up working days, either in the file format of
 *   data/holidays/cn.tsv (with its header; other notices' rows are left out) or as lines of
 *   "DATE KIND [NAME]" / "FIRST..LAST KIND [NAME]" with KIND holiday/workday (or 休/班)
 *
 * Adds @year to the workspace, or replaces it: the whole year, so that the days in @text are all
 * the year's official days. A built-in year of the same number is no longer used.
 */
gboolean
gk_calendar_set_user_year (GkCalendar  *self,
                           int          year,
                           const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return set_user_year (self, year, _("pasted text"), text, strlen (text), error);
}

gboolean
gk_calendar_set_user_year_from_file (GkCalendar  *self,
                                     int          year,
                                     GFile       *file,
                                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return set_user_year (self, year, name, contents, length, error);
}

/* Removes the user's @year; a built-in year of the same number is in force again. */
gboolean
gk_calendar_remove_user_year (GkCalendar  *self,
                              int          year,
                              GError     **error)
{
  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);

  if (year_days (self->user, year) == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND,
                   _("There is no schedule for %d of your own to remove."), year);
      return FALSE;
    }
  return store_user_year (self, year, NULL, error);
}

/* ---- queries ---------------------------------------------------------------------------- */

static const GkCalendarDay *
lookup (GkCalendar  *self,
        const GDate *date)
{
  return g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (date)));
}

/**
 * gk_calendar_get_day_kind:
 * @name: (out) (optional): the holiday's name (春节 …), "" for a normal day
 */
GkDayKind
gk_calendar_get_day_kind (GkCalendar   *self,
                          const GDate  *date,
                          const char  **name)
{
  const GkCalendarDay *day;

  g_return_val_if_fail (GK_IS_CALENDAR (self), GK_DAY_NORMAL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), GK_DAY_NORMAL);

  day = lookup (self, date);
  if (name != NULL)
    *name = day != NULL ? day->name : "";
  return day != NULL ? day->kind : GK_DAY_NORMAL;
}

gboolean
gk_calendar_is_workday (GkCalendar  *self,
                        const GDate *date)
{
  const GkCalendarDay *day;

  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  day = lookup (self, date);
  if (day != NULL)
    return day->kind == GK_DAY_WORKDAY;
  return !is_weekend (date);
}

/**
 * gk_calendar_add_workdays:
 * @n: from -100000 to 100000
 * @result: (out caller-allocates): the @n-th working day after @start (before it when @n is
 *   negative); @start itself is never counted, whether or not it is a working day. 0 gives @start.
 *
 * This is how a period of N working days runs under Chinese administrative law (the day of the
 * event is not counted): a reply due "within 20 working days of receipt" is due on
 * gk_calendar_add_workdays (receipt, 20).
 */
void
gk_calendar_add_workdays (GkCalendar  *self,
                          const GDate *start,
                          int          n,
                          GDate       *result)
{
  int step = n < 0 ? -1 : 1;
  int left = ABS (n);
  GDate date;

  g_return_if_fail (GK_IS_CALENDAR (self));
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (n >= -100000 && n <= 100000);
  g_return_if_fail (result != NULL);

  date = *start;
  while (left > 0)
    {
      if (step > 0)
        g_date_add_days (&date, 1);
      else
        g_date_subtract_days (&date, 1);
      if (gk_calendar_is_workday (self, &date))
        left--;
    }
  *result = date;
}

/**
 * gk_calendar_workdays_between:
 *
 * Returns: the number of working days after @start up to and including @end; when @end is
 *   before @start, minus the number of working days after @end up to and including @start.
 *   So gk_calendar_add_workdays (start, result) is @end whenever @end is a working day, and
 *   the working days left until a deadline are gk_calendar_workdays_between (today, deadline):
 *   0 on the deadline itself, negative once it has passed.
 */
int
gk_calendar_workdays_between (GkCalendar  *self,
                              const GDate *start,
                              const GDate *end)
{
  const GDate *from, *to;
  guint32 first, last;
  int count = 0;

  g_return_val_if_fail (GK_IS_CALENDAR (self), 0);
  g_return_val_if_fail (start != NULL && g_date_valid (start), 0);
  g_return_val_if_fail (end != NULL && g_date_valid (end), 0);

  if (g_date_compare (start, end) <= 0)
    {
      from = start;
      to = end;
    }
  else
    {
      from = end;
      to = start;
    }

  first = g_date_get_julian (from) + 1;
  last = g_date_get_julian (to);
  for (guint32 j = first; j <= last; j++)
    {
      GDate date;
      g_date_clear (&date, 1);
      g_date_set_julian (&date, j);
      count += gk_calendar_is_workday (self, &date);
    }
  return from == start ? count : -count;
}

/* The working days of @year; Monday to Friday when the year has no schedule. */
guint
gk_calendar_count_year (GkCalendar *self,
                        int         year)
{
  GDate first, last;

  g_return_val_if_fail (GK_IS_CALENDAR (self), 0);
  g_return_val_if_fail (year >= 1000 && year <= 9999, 0);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, (GDateYear) year);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, (GDateYear) year);
  return (guint) gk_calendar_workdays_between (self, &first, &last) +
         gk_calendar_is_workday (self, &first);
}

gboolean
gk_calendar_has_year (GkCalendar *self,
                      int         year)
{
  return gk_calendar_get_year_source (self, year) != GK_CALENDAR_SOURCE_NONE;
}

gboolean
gk_calendar_has_builtin_year (GkCalendar *self,
                              int         year)
{
  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);
  return year_days (self->builtin, year) != NULL;
}

GkCalendarSource
gk_calendar_get_year_source (GkCalendar *self,
                             int         year)
{
  g_return_val_if_fail (GK_IS_CALENDAR (self), GK_CALENDAR_SOURCE_NONE);

  if (year_days (self->user, year) != NULL)
    return GK_CALENDAR_SOURCE_USER;
  if (year_days (self->builtin, year) != NULL)
    return GK_CALENDAR_SOURCE_BUILTIN;
  return GK_CALENDAR_SOURCE_NONE;
}

/**
 * gk_calendar_check_range:
 *
 * Returns: %TRUE if every year from @start's to @end's (in either order) has an official
 *   schedule; otherwise sets @error (%GK_ERROR_NOT_FOUND) to a message that names the years
 *   and says how their working days were counted. The counts are still usable.
 */
gboolean
gk_calendar_check_range (GkCalendar   *self,
                         const GDate  *start,
                         const GDate  *end,
                         GError      **error)
{
  g_autoptr(GString) years = g_string_new (NULL);
  int first, last;
  guint n_missing = 0;

  g_return_val_if_fail (GK_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (end != NULL && g_date_valid (end), FALSE);

  first = MIN (g_date_get_year (start), g_date_get_year (end));
  last = MAX (g_date_get_year (start), g_date_get_year (end));
  for (int year = first; year <= last; year++)
    {
      if (gk_calendar_has_year (self, year))
        continue;
      n_missing++;
      if (n_missing <= 5)
        g_string_append_printf (years, "%s%d", years->len > 0 ? ", " : "", year);
      else if (n_missing == 6)
        g_string_append (years, ", …");
    }
  if (n_missing == 0)
    return TRUE;

  g_set_error (error, GK_ERROR, GK_ERROR_NOT_FOUND,
               ngettext ("The official holiday schedule for %s is missing, so its working days are counted as Monday to Friday and may be wrong. Add it from the State Council’s notice on that year’s holidays (国务院办公厅关于部分节假日安排的通知).",
                         "The official holiday schedules for %s are missing, so their working days are counted as Monday to Friday and may be wrong. Add them from the State Council’s notices on those years’ holidays (国务院办公厅关于部分节假日安排的通知).",
                         n_missing),
               years->str);
  return FALSE;
}

/* Returns: the years with an official schedule (built-in or the user's), in order. */
GArray *
gk_calendar_list_years (GkCalendar *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (GK_IS_CALENDAR (self), years);

  g_hash_table_iter_init (&iter, self->builtin);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);
      g_array_append_val (years, year);
    }
  g_hash_table_iter_init (&iter, self->user);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);
      if (year_days (self->builtin, year) == NULL)
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);
  return years;
}

/**
 * gk_calendar_get_days:
 *
 * Returns: (transfer full): copies of the holidays and make-up working days of @year's schedule
 *   in force (the user's if there is one), by date; empty when the year has none. A few may be
 *   dated at the end of the year before (元旦).
 */
GPtrArray *
gk_calendar_get_days (GkCalendar *self,
                      int         year)
{
  GPtrArray *copy = days_new ();
  GPtrArray *days;

  g_return_val_if_fail (GK_IS_CALENDAR (self), copy);

  days = year_days (self->user, year);
  if (days == NULL)
    days = year_days (self->builtin, year);
  for (guint i = 0; days != NULL && i < days->len; i++)
    g_ptr_array_add (copy, day_copy (g_ptr_array_index (days, i)));
  return copy;
}
