#pragma once

#include <glib.h>

#include "gk-calendar.h"

G_BEGIN_DECLS

/* A task's deadline rule, as written in the `rule` column of a task and of a task list file:
 *
 *   monthly:D       by day D (1–31) of every month; day 31 is the last day of a shorter month
 *   monthly:Nwd     by the N-th (1–23) working day of every month
 *   yearly:MM-DD    by that date every year (02-29 is 02-28 in other years)
 *   after:Nwd       within N (1–365) working days after an event (公开, 收到申请 …); with the
 *                   event's date: after:Nwd@YYYY-MM-DD
 *   every:Nd        every N (1–366) days
 *
 * The deadline of monthly:D and yearly:MM-DD is that calendar date even when it falls on a
 * holiday; only the rules that say "wd" count working days. */
typedef enum
{
  GK_RULE_NONE,
  GK_RULE_MONTHLY,          /* n = day of the month */
  GK_RULE_MONTHLY_WORKDAY,  /* n = working day of the month */
  GK_RULE_YEARLY,           /* month, n = day */
  GK_RULE_AFTER_WORKDAYS,   /* n = working days; event when has_event */
  GK_RULE_EVERY_DAYS,       /* n = days */
} GkRuleKind;

typedef struct
{
  GkRuleKind kind;
  int        n;
  int        month;
  gboolean   has_event;
  GDate      event;
} GkRule;

gboolean  gk_rule_parse        (const char    *text,
                                GkRule        *rule,
                                GError       **error);
char     *gk_rule_to_string    (const GkRule  *rule);
char     *gk_rule_describe     (const GkRule  *rule);
gboolean  gk_rule_is_periodic  (const GkRule  *rule);
gboolean  gk_rule_uses_workdays (const GkRule *rule);
gboolean  gk_rule_first        (const GkRule  *rule,
                                GkCalendar    *calendar,
                                const GDate   *from,
                                GDate         *result);
gboolean  gk_rule_following    (const GkRule  *rule,
                                GkCalendar    *calendar,
                                const GDate   *current,
                                GDate         *result);

G_END_DECLS
