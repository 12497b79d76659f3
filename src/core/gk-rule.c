#define G_LOG_DOMAIN "Gongkai-Tasks"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-error.h"
#include "gk-rule.h"

#define MAX_MONTH_WORKDAY 23
#define MAX_AFTER_WORKDAYS 365
#define MAX_EVERY_DAYS 366

/* Reads 1 to 3 digits; the rest must follow at once. */
static gboolean
read_number (const char **p,
             int         *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < 3)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n > 0 && !g_ascii_isdigit (**p);
}

static gboolean
range_error (GError     **error,
             const char  *text,
             int          min,
             int          max)
{
  g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
               _("The number in the rule “%s” must be from %d to %d."), text, min, max);
  return FALSE;
}

/**
 * gk_rule_parse:
 * @text: a rule, see gk-rule.h; "" (or only spaces) is no rule
 */
gboolean
gk_rule_parse (const char  *text,
               GkRule      *rule,
               GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  int n = 0, month = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  memset (rule, 0, sizeof *rule);
  g_date_clear (&rule->event, 1);
  copy = g_strstrip (g_strdup (text));
  p = copy;

  if (*p == '\0')
    {
      rule->kind = GK_RULE_NONE;
      return TRUE;
    }

  if (g_str_has_prefix (p, "monthly:"))
    {
      p += strlen ("monthly:");
      if (!read_number (&p, &n))
        goto syntax;
      if (g_str_equal (p, "wd"))
        {
          if (n < 1 || n > MAX_MONTH_WORKDAY)
            return range_error (error, copy, 1, MAX_MONTH_WORKDAY);
          rule->kind = GK_RULE_MONTHLY_WORKDAY;
        }
      else if (*p == '\0')
        {
          if (n < 1 || n > 31)
            return range_error (error, copy, 1, 31);
          rule->kind = GK_RULE_MONTHLY;
        }
      else
        goto syntax;
      rule->n = n;
      return TRUE;
    }

  if (g_str_has_prefix (p, "yearly:"))
    {
      p += strlen ("yearly:");
      if (!read_number (&p, &month) || *p++ != '-' || !read_number (&p, &n) || *p != '\0')
        goto syntax;
      /* 2000 is a leap year: 02-29 is a valid rule. */
      if (month < 1 || month > 12 || n < 1 || !g_date_valid_dmy ((GDateDay) n, (GDateMonth) month, 2000))
        {
          g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
                       _("“%s” is not a date of the year: write yearly:MM-DD, for example yearly:01-31."), copy);
          return FALSE;
        }
      rule->kind = GK_RULE_YEARLY;
      rule->month = month;
      rule->n = n;
      return TRUE;
    }

  if (g_str_has_prefix (p, "after:"))
    {
      p += strlen ("after:");
      if (!read_number (&p, &n) || !g_str_has_prefix (p, "wd"))
        goto syntax;
      p += 2;
      if (n < 1 || n > MAX_AFTER_WORKDAYS)
        return range_error (error, copy, 1, MAX_AFTER_WORKDAYS);
      if (*p == '@')
        {
          if (!gk_date_parse (p + 1, &rule->event, error))
            return FALSE;
          rule->has_event = TRUE;
        }
      else if (*p != '\0')
        goto syntax;
      rule->kind = GK_RULE_AFTER_WORKDAYS;
      rule->n = n;
      return TRUE;
    }

  if (g_str_has_prefix (p, "every:"))
    {
      p += strlen ("every:");
      if (!read_number (&p, &n) || !g_str_equal (p, "d"))
        goto syntax;
      if (n < 1 || n > MAX_EVERY_DAYS)
        return range_error (error, copy, 1, MAX_EVERY_DAYS);
      rule->kind = GK_RULE_EVERY_DAYS;
      rule->n = n;
      return TRUE;
    }

syntax:
  g_set_error (error, GK_ERROR, GK_ERROR_INVALID,
               _("“%s” is not a deadline rule: use monthly:D, monthly:Nwd, yearly:MM-DD, after:Nwd or every:Nd."),
               copy);
  return FALSE;
}

/* The rule's text, as stored: "" for no rule. */
char *
gk_rule_to_string (const GkRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  switch (rule->kind)
    {
    case GK_RULE_MONTHLY:
      return g_strdup_printf ("monthly:%d", rule->n);
    case GK_RULE_MONTHLY_WORKDAY:
      return g_strdup_printf ("monthly:%dwd", rule->n);
    case GK_RULE_YEARLY:
      return g_strdup_printf ("yearly:%02d-%02d", rule->month, rule->n);
    case GK_RULE_AFTER_WORKDAYS:
      if (rule->has_event)
        {
          g_autofree char *event = gk_date_to_string (&rule->event);
          return g_strdup_printf ("after:%dwd@%s", rule->n, event);
        }
      return g_strdup_printf ("after:%dwd", rule->n);
    case GK_RULE_EVERY_DAYS:
      return g_strdup_printf ("every:%dd", rule->n);
    case GK_RULE_NONE:
    default:
      return g_strdup ("");
    }
}

/* The rule in words, for people (每月2日前 in Chinese); "" for no rule. */
char *
gk_rule_describe (const GkRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  switch (rule->kind)
    {
    case GK_RULE_MONTHLY:
      return g_strdup_printf (_("By day %d of every month"), rule->n);
    case GK_RULE_MONTHLY_WORKDAY:
      return g_strdup_printf (_("By working day %d of every month"), rule->n);
    case GK_RULE_YEARLY:
      return g_strdup_printf (_("By month %d, day %d, every year"), rule->month, rule->n);
    case GK_RULE_AFTER_WORKDAYS:
      if (rule->has_event)
        {
          g_autofree char *event = gk_date_to_string (&rule->event);
          return g_strdup_printf (ngettext ("Within %d working day after %s",
                                            "Within %d working days after %s", (gulong) rule->n),
                                  rule->n, event);
        }
      return g_strdup_printf (ngettext ("Within %d working day after the event",
                                        "Within %d working days after the event", (gulong) rule->n),
                              rule->n);
    case GK_RULE_EVERY_DAYS:
      return g_strdup_printf (ngettext ("Every %d day", "Every %d days", (gulong) rule->n), rule->n);
    case GK_RULE_NONE:
    default:
      return g_strdup ("");
    }
}

/* A rule whose task comes back: when one is done, the next occurrence is due. */
gboolean
gk_rule_is_periodic (const GkRule *rule)
{
  return rule->kind == GK_RULE_MONTHLY || rule->kind == GK_RULE_MONTHLY_WORKDAY ||
         rule->kind == GK_RULE_YEARLY || rule->kind == GK_RULE_EVERY_DAYS;
}

/* A rule whose deadlines depend on the holidays. */
gboolean
gk_rule_uses_workdays (const GkRule *rule)
{
  return rule->kind == GK_RULE_MONTHLY_WORKDAY || rule->kind == GK_RULE_AFTER_WORKDAYS;
}

static void
set_clamped (GDate *date,
             int    day,
             int    month,
             int    year)
{
  guint8 last = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) MIN (day, last), (GDateMonth) month, (GDateYear) year);
}

/* The n-th working day of a month, or its last working day if it has fewer. */
static void
month_workday (GkCalendar *calendar,
               int         n,
               int         month,
               int         year,
               GDate      *result)
{
  GDate start;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, (GDateMonth) month, (GDateYear) year);
  g_date_subtract_days (&start, 1);
  gk_calendar_add_workdays (calendar, &start, n, result);
  if ((int) g_date_get_month (result) != month)
    {
      g_date_set_dmy (&start, 1, (GDateMonth) month, (GDateYear) year);
      g_date_add_months (&start, 1);
      gk_calendar_add_workdays (calendar, &start, -1, result);
    }
}

/* The occurrence of a monthly or yearly rule on or after @from. */
static void
on_or_after (const GkRule *rule,
             GkCalendar   *calendar,
             const GDate  *from,
             GDate        *result)
{
  int year = g_date_get_year (from);
  int month = g_date_get_month (from);

  for (int i = 0; i < 2; i++)
    {
      switch (rule->kind)
        {
        case GK_RULE_MONTHLY:
          set_clamped (result, rule->n, month, year);
          break;
        case GK_RULE_MONTHLY_WORKDAY:
          month_workday (calendar, rule->n, month, year, result);
          break;
        case GK_RULE_YEARLY:
          set_clamped (result, rule->n, rule->month, year);
          break;
        default:
          g_assert_not_reached ();
        }
      if (g_date_compare (result, from) >= 0)
        return;
      /* Not in this month (year) any more: the next one's is. */
      if (rule->kind == GK_RULE_YEARLY)
        year++;
      else if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
}

static gboolean
in_range (const GDate *date)
{
  return g_date_get_year (date) < 9990;
}

/**
 * gk_rule_first:
 * @from: the day the task starts (today, for a new task)
 *
 * The first deadline of a task with this rule: the rule's next date on or after @from;
 * @from + N for every:Nd; N working days after the event for after:Nwd@DATE.
 *
 * Returns: %FALSE when the rule gives no deadline (no rule; after:Nwd with no event yet).
 */
gboolean
gk_rule_first (const GkRule *rule,
               GkCalendar   *calendar,
               const GDate  *from,
               GDate        *result)
{
  g_return_val_if_fail (rule != NULL && result != NULL, FALSE);
  g_return_val_if_fail (GK_IS_CALENDAR (calendar), FALSE);

  switch (rule->kind)
    {
    case GK_RULE_MONTHLY:
    case GK_RULE_MONTHLY_WORKDAY:
    case GK_RULE_YEARLY:
      g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
      if (!in_range (from))
        return FALSE;
      on_or_after (rule, calendar, from, result);
      return TRUE;
    case GK_RULE_EVERY_DAYS:
      g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
      if (!in_range (from))
        return FALSE;
      *result = *from;
      g_date_add_days (result, (guint) rule->n);
      return TRUE;
    case GK_RULE_AFTER_WORKDAYS:
      if (!rule->has_event || !in_range (&rule->event))
        return FALSE;
      gk_calendar_add_workdays (calendar, &rule->event, rule->n, result);
      return TRUE;
    case GK_RULE_NONE:
    default:
      return FALSE;
    }
}

/**
 * gk_rule_following:
 * @current: the deadline of the occurrence that is done
 *
 * The deadline of the occurrence after the one due on @current: the rule's next date after
 * @current; @current + N for every:Nd. Missed occurrences are not skipped: each one was due.
 *
 * Returns: %FALSE when the rule does not repeat by itself (no rule; after:Nwd, which waits
 *   for its next event).
 */
gboolean
gk_rule_following (const GkRule *rule,
                   GkCalendar   *calendar,
                   const GDate  *current,
                   GDate        *result)
{
  GDate next;

  g_return_val_if_fail (rule != NULL && result != NULL, FALSE);
  g_return_val_if_fail (current != NULL && g_date_valid (current), FALSE);

  if (!gk_rule_is_periodic (rule) || !in_range (current))
    return FALSE;
  if (rule->kind == GK_RULE_EVERY_DAYS)
    return gk_rule_first (rule, calendar, current, result);

  next = *current;
  g_date_add_days (&next, 1);
  return gk_rule_first (rule, calendar, &next, result);
}
