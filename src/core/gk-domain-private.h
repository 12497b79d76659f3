#pragma once

#include "gk-domain.h"

G_BEGIN_DECLS

typedef struct
{
  int         number;
  const char *code;
  const char *name;
  const char *national_lead;
  const char *local_lead;
  gboolean    applicable;
  const char *reason;
  gboolean    custom;
  guint       n_items;
  guint       n_complete;  /* items with no error (gk-validate) */
  guint       n_errors;    /* errors in the domain, its items included */
} GkDomainState;

GkDomain *gk_domain_new    (const GkDomainState *state);
/* Refreshes the object from the store's row, notifying only what changed. */
void      gk_domain_update (GkDomain            *self,
                            const GkDomainState *state);

G_END_DECLS
