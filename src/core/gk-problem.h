#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GK_SEVERITY_ERROR,    /* the county will send the catalogue back */
  GK_SEVERITY_WARNING,  /* worth a look; the catalogue can go as it is */
} GkSeverity;

#define GK_TYPE_PROBLEM (gk_problem_get_type ())
G_DECLARE_FINAL_TYPE (GkProblem, gk_problem, GK, PROBLEM, GObject)

GkProblem   *gk_problem_new               (const char *rule,
                                           GkSeverity  severity,
                                           int         domain_number,
                                           gint64      item_id,
                                           const char *field,
                                           const char *message);
const char  *gk_problem_get_rule          (GkProblem  *self);
GkSeverity   gk_problem_get_severity      (GkProblem  *self);
int          gk_problem_get_domain_number (GkProblem  *self);
gint64       gk_problem_get_item_id       (GkProblem  *self);
const char  *gk_problem_get_field         (GkProblem  *self);
const char  *gk_problem_get_message       (GkProblem  *self);

G_END_DECLS
