#pragma once

#include "gk-task.h"

G_BEGIN_DECLS

/* A task as the store has it, with what is computed from the rule, the calendar and "today". */
typedef struct
{
  gint64        id;
  int           position;
  const char   *category;
  const char   *group;
  const char   *title;
  const char   *departments;      /* names joined with 、 */
  GArray       *department_ids;   /* gint64; borrowed */
  const GDate  *deadline;         /* NULL: none */
  const char   *rule;
  const char   *rule_description;
  const GDate  *event;
  GkTaskStatus  status;
  const GDate  *done_on;
  const char   *note;
  const char   *origin;
  const GDate  *next_deadline;
  gboolean      overdue;
  int           remaining_workdays;
  gboolean      remaining_estimated;
} GkTaskState;

GkTask *gk_task_new    (const GkTaskState *state);
/* Refreshes the object from the store's row, notifying only what changed. */
void    gk_task_update (GkTask            *self,
                        const GkTaskState *state);

G_END_DECLS
