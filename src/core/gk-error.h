#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GK_ERROR (gk_error_quark ())

typedef enum
{
  GK_ERROR_FAILED,
  GK_ERROR_NOT_WORKSPACE,   /* not a sqlite file, or a sqlite file of another program */
  GK_ERROR_CORRUPT,         /* a workspace whose content is damaged */
  GK_ERROR_TOO_NEW,         /* written by a newer Gongkai */
  GK_ERROR_IO,              /* cannot read or write the location */
  GK_ERROR_INVALID,         /* an edit or an input that breaks a rule */
  GK_ERROR_NOT_FOUND,
  GK_ERROR_PARSE,           /* a malformed data file */
} GkError;

GQuark gk_error_quark (void);

G_END_DECLS
