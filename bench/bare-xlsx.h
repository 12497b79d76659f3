#pragma once

#include "gk-core.h"

G_BEGIN_DECLS

/* The baseline of bench-export: the cells of the county workbook written with bare
 * libxlsxwriter — the same sheets, the same strings and numbers — with no formats, no merges,
 * no widths or heights, no print setup, and no safe save. With @constant_memory, in
 * libxlsxwriter's row-by-row mode (which the real export cannot use: it merges cells). */
gboolean bare_xlsx_write (GkCatalogue  *catalogue,
                          const char   *path,
                          gboolean      constant_memory,
                          GError      **error);

G_END_DECLS
