#pragma once

#include <gio/gio.h>

#include "gk-db.h"

G_BEGIN_DECLS

/* Dates are GDate everywhere in the API; "YYYY-MM-DD" is only their text form (files, the
 * database, the command line), read and written by these two functions. */
gboolean  gk_date_parse     (const char   *text,
                             GDate        *date,
                             GError      **error);
char     *gk_date_to_string (const GDate  *date);

typedef enum
{
  GK_DAY_NORMAL,    /* no entry: a working day from Monday to Friday, a rest day at weekends */
  GK_DAY_HOLIDAY,   /* an official day off (放假), weekend days inside a holiday run included */
  GK_DAY_WORKDAY,   /* a weekend day that is an official make-up working day (调休上班) */
} GkDayKind;

typedef enum
{
  GK_CALENDAR_SOURCE_NONE,     /* no official schedule: counted as Monday to Friday */
  GK_CALENDAR_SOURCE_BUILTIN,  /* the table that ships with Gongkai (data/holidays/cn.tsv) */
  GK_CALENDAR_SOURCE_USER,     /* entered in this workspace; replaces a built-in year */
} GkCalendarSource;

/* One entry of a year's schedule. */
typedef struct
{
  GDate      date;
  GkDayKind  kind;   /* GK_DAY_HOLIDAY or GK_DAY_WORKDAY */
  char      *name;   /* 春节, 调休上班 … (may be empty) */
} GkCalendarDay;

void gk_calendar_day_free (GkCalendarDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkCalendarDay, gk_calendar_day_free)

#define GK_TYPE_CALENDAR (gk_calendar_get_type ())
G_DECLARE_FINAL_TYPE (GkCalendar, gk_calendar, GK, CALENDAR, GObject)

GkCalendar       *gk_calendar_new                 (GkDb          *db,
                                                   GError       **error);

gboolean          gk_calendar_is_workday          (GkCalendar    *self,
                                                   const GDate   *date);
GkDayKind         gk_calendar_get_day_kind        (GkCalendar    *self,
                                                   const GDate   *date,
                                                   const char   **name);
void              gk_calendar_add_workdays        (GkCalendar    *self,
                                                   const GDate   *start,
                                                   int            n,
                                                   GDate         *result);
int               gk_calendar_workdays_between    (GkCalendar    *self,
                                                   const GDate   *start,
                                                   const GDate   *end);
guint             gk_calendar_count_year          (GkCalendar    *self,
                                                   int            year);

gboolean          gk_calendar_has_year            (GkCalendar    *self,
                                                   int            year);
GkCalendarSource  gk_calendar_get_year_source     (GkCalendar    *self,
                                                   int            year);
gboolean          gk_calendar_has_builtin_year    (GkCalendar    *self,
                                                   int            year);
gboolean          gk_calendar_check_range         (GkCalendar    *self,
                                                   const GDate   *start,
                                                   const GDate   *end,
                                                   GError       **error);
GArray           *gk_calendar_list_years          (GkCalendar    *self);
GPtrArray        *gk_calendar_get_days            (GkCalendar    *self,
                                                   int            year);

gboolean          gk_calendar_set_user_year       (GkCalendar    *self,
                                                   int            year,
                                                   const char    *text,
                                                   GError       **error);
gboolean          gk_calendar_set_user_year_from_file (GkCalendar *self,
                                                   int            year,
                                                   GFile         *file,
                                                   GError       **error);
gboolean          gk_calendar_remove_user_year    (GkCalendar    *self,
                                                   int            year,
                                                   GError       **error);

G_END_DECLS
