#pragma once

#include <gio/gio.h>

#include "gk-catalogue.h"
#include "gk-problem.h"

G_BEGIN_DECLS

/* The county workbook (DESIGN §5): 说明, 汇总, one sheet per applicable domain, 未涉及领域说明,
 * and 任务清单 when the workspace has tasks. Every format decision of the workbook is made in
 * gk-export-xlsx.c, the only file that includes <xlsxwriter.h>. */

typedef enum
{
  GK_EXPORT_CHANNELS_ALL,     /* "■政府网站 □政府公报 …": the 13 channels, ticked or not */
  GK_EXPORT_CHANNELS_TICKED,  /* "■政府网站 ■公开查阅点": the ticked ones only */
} GkExportChannels;

typedef struct
{
  GkExportChannels    channels;

  /* The moment of the export: the date printed on 说明, the day against which tasks are
   * overdue, and the document's creation time. NULL: now. A fixed value makes the output
   * byte-for-byte reproducible (tests, SOURCE_DATE_EPOCH). */
  GDateTime          *now;

  /* Replace the target even when a lock file says another program has it open. */
  gboolean            replace_locked;

  /* Where libxlsxwriter builds the workbook's parts before zipping them. NULL: g_get_tmp_dir(). */
  const char         *tmpdir;

  /* The validation summary printed on 说明, as found by the caller (gk-validate).
   * validated = FALSE prints "未校验". problems: optional, NULL-terminated, one line each
   * (e.g. "错误：社会救助 第3项 公开时限为空"), printed under the counts. */
  gboolean            validated;
  guint               n_errors;
  guint               n_warnings;
  const char * const *problems;
} GkExportOptions;

void      gk_export_options_init   (GkExportOptions        *options);

/* The lines of options->problems for the problems gk_validate_catalogue() found:
 * "错误：…" / "警告：…". Free with g_strfreev(). */
GStrv     gk_export_problem_lines  (GListModel             *problems);

/* Reads the catalogue and writes the workbook to @target, through a temporary file in the
 * same folder that is renamed onto it: on failure @target is left as it was and no partial
 * file remains. Errors are GK_ERROR_IO (disk full, permission denied, read-only disk, no such
 * folder …), G_IO_ERROR_BUSY (the target is open in another program: a lock file of
 * LibreOffice, WPS or Excel is beside it; set replace_locked to go ahead) or the catalogue's
 * own errors. Runs in the thread that owns @catalogue; see GkExportSnapshot for a worker. */
gboolean  gk_export_xlsx           (GkCatalogue            *catalogue,
                                    const GkExportOptions  *options,
                                    GFile                  *target,
                                    GError                **error);

/* The same in two steps, for a GTask: the snapshot reads everything the workbook needs (in the
 * catalogue's thread, a few ms); writing it touches no catalogue and may run in any thread. */
typedef struct _GkExportSnapshot GkExportSnapshot;

GkExportSnapshot *gk_export_snapshot_new   (GkCatalogue            *catalogue,
                                            const GkExportOptions  *options,
                                            GError                **error);
gboolean          gk_export_snapshot_write (GkExportSnapshot       *snapshot,
                                            GFile                  *target,
                                            GError                **error);
guint             gk_export_snapshot_get_n_sheets (GkExportSnapshot *snapshot);
guint             gk_export_snapshot_get_n_items  (GkExportSnapshot *snapshot);
void              gk_export_snapshot_free  (GkExportSnapshot       *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GkExportSnapshot, gk_export_snapshot_free)

/* "{乡镇}基层政务公开标准目录（{年}）.xlsx", safe as a file name on FAT/NTFS USB sticks too. */
char     *gk_export_default_filename   (GkCatalogue            *catalogue);

/* Building blocks, public for their tests. */

/* A cell's text as written: invalid UTF-8 repaired, control characters that XML cannot hold
 * dropped (tab and newline kept, CR LF → LF), a literal "_x0041_" protected from Excel's
 * unescaping, and cut at Excel's 32,767 characters. */
char     *gk_export_cell_text          (const char             *text);

/* A legal, unique sheet name for @name: no []:*?/\ (replaced by their full-width forms), no
 * control characters, no leading or trailing apostrophe, at most 31 UTF-16 units, never empty,
 * and not equal (ignoring case) to a name in @used, a set of g_utf8_casefold()ed names made by
 * g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), to which it is added. */
char     *gk_export_sheet_name         (GHashTable             *used,
                                        const char             *name);

G_END_DECLS
