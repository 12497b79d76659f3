#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small reader for the tab-separated data files: strict about the header and the number of
 * fields, so that a malformed file is reported with its name, line and column instead of being
 * half-loaded. */
typedef struct _GkTsv GkTsv;

GkTsv       *gk_tsv_new           (const char          *name,
                                   const char          *text,
                                   gsize                length,
                                   const char * const  *header,
                                   GError             **error);
void         gk_tsv_free          (GkTsv               *tsv);
gboolean     gk_tsv_next          (GkTsv               *tsv,
                                   GError             **error);
const char  *gk_tsv_get           (GkTsv               *tsv,
                                   guint                column);
guint        gk_tsv_get_line      (GkTsv               *tsv);
void         gk_tsv_set_error     (GkTsv               *tsv,
                                   GError             **error,
                                   guint                column,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (4, 5);
gboolean     gk_tsv_get_flag      (GkTsv               *tsv,
                                   guint                column,
                                   gint8               *flag,
                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkTsv, gk_tsv_free)

G_END_DECLS
