/* The county workbook (DESIGN §5). The only file that includes <xlsxwriter.h>: every format
 * decision about the workbook — sheets, columns, merges, fonts, print setup — is made here.
 *
 * Three parts: a snapshot of what the workbook shows (read in the catalogue's thread), the
 * writer (libxlsxwriter, any thread), and the safe save (a temporary file beside the target,
 * checked, synced and renamed onto it). */

#define G_LOG_DOMAIN "Gongkai-Export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "gk-channels.h"
#include "gk-error.h"
#include "gk-export-xlsx.h"

/* Excel's limits. */
#define MAX_CELL_CHARS 32767
#define MAX_SHEET_NAME 31
/* Beyond this many problem lines, 说明 says how many more there are. */
#define MAX_PROBLEM_LINES 500

#define FONT_NAME "宋体"
#define FONT_CHARSET_GB2312 134

/* ---- options ---------------------------------------------------------------------------- */

void
gk_export_options_init (GkExportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->channels = GK_EXPORT_CHANNELS_ALL;
}

GStrv
gk_export_problem_lines (GListModel *problems)
{
  GPtrArray *lines;

  g_return_val_if_fail (G_IS_LIST_MODEL (problems), NULL);

  lines = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      g_ptr_array_add (lines, g_strdup_printf ("%s：%s",
        gk_problem_get_severity (problem) == GK_SEVERITY_ERROR ? "错误" : "警告",
        gk_problem_get_message (problem)));
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

/* ---- text ------------------------------------------------------------------------------- */

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* "_x0041_" at p: Excel reads it as an escaped character in a shared string. */
static gboolean
is_excel_escape (const char *p)
{
  return p[0] == '_' && p[1] == 'x' && is_hex (p[2]) && is_hex (p[3]) && is_hex (p[4]) &&
         is_hex (p[5]) && p[6] == '_';
}

/* The bytes that may start something to clean: controls, "_", and the lead bytes of the C1
 * controls (C2) and of U+FFFE/U+FFFF (EF). */
static const guint8 suspect[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['_'] = 1, [0x7f] = 1, [0xc2] = 1, [0xef] = 1,
};

static gboolean
needs_cleaning (const char *text)
{
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      if (G_LIKELY (!suspect[*p]))
        continue;
      if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
        return TRUE;
      if (*p == '_' && is_excel_escape ((const char *) p))
        return TRUE;
      /* U+0080–U+009F (C2 80–C2 9F) and U+FFFE/U+FFFF (EF BF BE/BF). */
      if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        return TRUE;
      if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
        return TRUE;
    }
  return (const char *) p - text > MAX_CELL_CHARS || !g_utf8_validate (text, -1, NULL);
}

static char *clean_text (const char *text);

char *
gk_export_cell_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (!needs_cleaning (text))
    return g_strdup (text);
  return clean_text (text);
}

static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  glong n_chars = 0;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (p = valid; *p != '\0' && n_chars < MAX_CELL_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          /* CR LF and a lone CR are both a line break. */
          if (p[1] != '\n')
            {
              g_string_append_c (out, '\n');
              n_chars++;
            }
          continue;
        }
      if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) ||
          c == 0xfffe || c == 0xffff)
        continue;
      if (c == '_' && is_excel_escape (p))
        {
          /* Excel's own escape for a literal underscore keeps "_x0041_" from becoming "A". */
          g_string_append (out, "_x005F_");
          n_chars += 7;
          if (n_chars >= MAX_CELL_CHARS)
            break;
          continue;
        }
      g_string_append_unichar (out, c);
      n_chars++;
    }
  /* An escape cut in half by the limit would show as garbage: drop the half. */
  if (n_chars > MAX_CELL_CHARS)
    g_string_truncate (out, out->len - (gsize) (n_chars - MAX_CELL_CHARS));
  return g_string_free (out, FALSE);
}

/* Below this, whether a character is wide comes from a table made once from
 * g_unichar_iswide_cjk(): ■ □ √ “ ” and the like are in every channels cell, and the binary
 * searches of GLib cost more than all the rest of the measuring. */
#define WIDE_TABLE_END 0x3400
static guint8 wide_table[WIDE_TABLE_END / 8];

static void
init_wide_table (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The CJK punctuation block whole, U+303F too, as the widths have always been. */
      for (gunichar c = 0x80; c < WIDE_TABLE_END; c++)
        if ((c >= 0x3000 && c <= 0x303f) || g_unichar_iswide_cjk (c))
          wide_table[c / 8] |= (guint8) (1u << (c % 8));
      g_once_init_leave (&done, 1);
    }
}

/* Full width in a CJK font: the East Asian wide characters, and the ambiguous ones
 * (■ □ √ “ ” …) which SimSun draws full width too. init_wide_table() must have run. */
static inline gboolean
is_wide (gunichar c)
{
  if (c < 0x80)
    return FALSE;
  if (c < WIDE_TABLE_END)
    return (wide_table[c / 8] >> (c % 8)) & 1;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff60))
    return TRUE;
  return g_unichar_iswide_cjk (c);
}

/* count_lines()'s line breaking, fed one character at a time: CJK breaks anywhere, Latin words
 * at spaces. A line is @room px; a CJK character is @wide px, anything else @narrow. */
typedef struct
{
  double   room;
  double   wide;
  double   narrow;
  double   x;        /* px used on the current line */
  double   word;     /* px of the Latin word being read */
  gboolean in_word;
  guint    lines;
} Wrap;

/* A Latin word moves to the next line whole, or is cut if longer than a line. */
static inline void
wrap_end_word (Wrap *wrap)
{
  if (!wrap->in_word)
    return;
  if (wrap->x + wrap->word > wrap->room && wrap->x > 0)
    {
      wrap->lines++;
      wrap->x = 0;
    }
  while (wrap->word > wrap->room)
    {
      wrap->lines++;
      wrap->word -= wrap->room;
    }
  wrap->x += wrap->word;
  wrap->in_word = FALSE;
}

static inline void
wrap_wide (Wrap *wrap)
{
  wrap_end_word (wrap);
  if (wrap->x + wrap->wide > wrap->room && wrap->x > 0)
    {
      wrap->lines++;
      wrap->x = 0;
    }
  wrap->x += wrap->wide;
}

static inline void
wrap_newline (Wrap *wrap)
{
  wrap_end_word (wrap);
  wrap->lines++;
  wrap->x = 0;
}

static inline void
wrap_space (Wrap *wrap)
{
  wrap_end_word (wrap);
  wrap->x += wrap->narrow;
}

static inline void
wrap_latin (Wrap *wrap)
{
  if (wrap->in_word)
    wrap->word += wrap->narrow;
  else
    {
      wrap->word = wrap->narrow;
      wrap->in_word = TRUE;
    }
}

typedef struct
{
  guint    width;   /* of the longest line, in digit widths: CJK and full-width count two */
  guint    lines;   /* line breaks + 1 */
  gboolean dirty;   /* needs_cleaning() */
} TextScan;

/* What every cell's text goes through, in one pass: its width, whether it needs cleaning
 * (exactly needs_cleaning(): the checks of g_utf8_validate() on top of the decoding), and with
 * @wrap, the lines it takes wrapped. Never reads past the end of a string that is not valid
 * UTF-8: a stray byte is one character of its own, U+FFFD. Inlined into its two callers, so
 * that the one without @wrap does not pay for it. */
static G_ALWAYS_INLINE inline void
scan_text_impl (const char *text,
                TextScan   *scan,
                Wrap       *wrap)
{
  const guchar *s = (const guchar *) text;
  guint best = 0, width = 0, lines = 1;
  gboolean dirty = FALSE;

  for (;;)
    {
      guint c = s[0];
      gunichar u;

      if (c < 0x80)
        {
          if (G_LIKELY (!suspect[c]))
            {
              if (c == '\n')
                {
                  best = MAX (best, width);
                  width = 0;
                  lines++;
                  if (wrap != NULL)
                    wrap_newline (wrap);
                }
              else
                {
                  width++;
                  if (wrap != NULL)
                    {
                      if (c == ' ')
                        wrap_space (wrap);
                      else
                        wrap_latin (wrap);
                    }
                }
              s++;
              continue;
            }
          if (c == '\0')
            break;
          if (c != '_' || is_excel_escape ((const char *) s))
            dirty = TRUE;
          width++;
          if (wrap != NULL)
            wrap_latin (wrap);
          s++;
          continue;
        }

      /* U+5000–U+9FFF, most of the text: wide, and nothing to clean. */
      if (c >= 0xe5 && c <= 0xe9 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
        {
          width += 2;
          if (wrap != NULL)
            wrap_wide (wrap);
          s += 3;
          continue;
        }
      if (c >= 0xc2 && c < 0xe0 && (s[1] & 0xc0) == 0x80)
        {
          u = ((c & 0x1f) << 6) | (s[1] & 0x3f);
          /* The C1 controls. */
          dirty |= u < 0xa0;
          s += 2;
        }
      else if (c >= 0xe0 && c < 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80)
        {
          u = ((c & 0x0f) << 12) | ((gunichar) (s[1] & 0x3f) << 6) | (s[2] & 0x3f);
          /* Overlong, a surrogate, or U+FFFE/U+FFFF. */
          dirty |= u < 0x800 || (u >= 0xd800 && u <= 0xdfff) || u >= 0xfffe;
          s += 3;
        }
      else if (c >= 0xf0 && c < 0xf5 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
               (s[3] & 0xc0) == 0x80)
        {
          u = ((c & 0x07) << 18) | ((gunichar) (s[1] & 0x3f) << 12) |
              ((gunichar) (s[2] & 0x3f) << 6) | (s[3] & 0x3f);
          dirty |= u < 0x10000 || u > 0x10ffff;
          s += 4;
        }
      else
        {
          u = 0xfffd;
          dirty = TRUE;
          s++;
        }
      if (is_wide (u))
        {
          width += 2;
          if (wrap != NULL)
            wrap_wide (wrap);
        }
      else
        {
          width++;
          if (wrap != NULL)
            wrap_latin (wrap);
        }
    }

  if (wrap != NULL)
    wrap_end_word (wrap);
  scan->width = MAX (best, width);
  scan->lines = lines;
  scan->dirty = dirty || (const char *) s - text > MAX_CELL_CHARS;
}

static void
scan_text (const char *text,
           TextScan   *scan)
{
  scan_text_impl (text, scan, NULL);
}

static guint
utf16_length (gunichar c)
{
  return c > 0xffff ? 2 : 1;
}

static gboolean
sheet_name_taken (GHashTable *used,
                  const char *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);

  /* Excel reserves "History" for its change tracking. */
  return g_hash_table_contains (used, key) || g_str_equal (key, "history");
}

char *
gk_export_sheet_name (GHashTable *used,
                      const char *name)
{
  static const struct { char ascii; const char *wide; } replacements[] = {
    { '[', "［" }, { ']', "］" }, { ':', "：" }, { '*', "＊" }, { '?', "？" }, { '/', "／" },
    { '\\', "＼" },
  };
  g_autofree char *clean = gk_export_cell_text (name);
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *candidate = NULL;
  guint units = 0;
  const char *start, *end;

  g_return_val_if_fail (used != NULL, NULL);

  /* No line breaks, tabs, or apostrophes at either end. */
  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *wide = NULL;

      if (c == '\n' || c == '\t')
        c = ' ';
      for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
        if (c == (gunichar) replacements[i].ascii)
          wide = replacements[i].wide;
      if (wide != NULL)
        g_string_append (base, wide);
      else
        g_string_append_unichar (base, c);
    }
  start = base->str;
  while (*start == '\'' || *start == ' ')
    start++;
  end = base->str + base->len;
  while (end > start && (end[-1] == '\'' || end[-1] == ' '))
    end--;

  {
    g_autoptr(GString) cut = g_string_new (NULL);

    for (const char *p = start; p < end; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        if (units + utf16_length (c) > MAX_SHEET_NAME)
          break;
        units += utf16_length (c);
        g_string_append_unichar (cut, c);
      }
    /* Cutting may leave a trailing apostrophe or space. */
    while (cut->len > 0 && (cut->str[cut->len - 1] == '\'' || cut->str[cut->len - 1] == ' '))
      g_string_truncate (cut, cut->len - 1);
    if (cut->len == 0)
      g_string_assign (cut, "Sheet");
    candidate = g_string_free (g_steal_pointer (&cut), FALSE);
  }

  for (guint n = 2; sheet_name_taken (used, candidate); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("(%u)", n);
      glong room = MAX_SHEET_NAME - (glong) strlen (suffix);
      g_autoptr(GString) shorter = g_string_new (NULL);
      const char *p;

      units = 0;
      for (p = start; p < end && *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          if ((glong) (units + utf16_length (c)) > room)
            break;
          units += utf16_length (c);
          g_string_append_unichar (shorter, c);
        }
      while (shorter->len > 0 &&
             (shorter->str[shorter->len - 1] == '\'' || shorter->str[shorter->len - 1] == ' '))
        g_string_truncate (shorter, shorter->len - 1);
      if (shorter->len == 0)
        g_string_assign (shorter, "Sheet");
      g_string_append (shorter, suffix);
      g_free (candidate);
      candidate = g_string_free (g_steal_pointer (&shorter), FALSE);
    }

  g_hash_table_add (used, g_utf8_casefold (candidate, -1));
  return g_steal_pointer (&candidate);
}

char *
gk_export_default_filename (GkCatalogue *catalogue)
{
  g_autofree char *township = NULL;
  g_autofree char *year = NULL;
  g_autofree char *name = NULL;
  GString *out;

  g_return_val_if_fail (GK_IS_CATALOGUE (catalogue), NULL);

  township = gk_catalogue_get_profile (catalogue, GK_PROFILE_TOWNSHIP);
  year = gk_catalogue_get_profile (catalogue, GK_PROFILE_YEAR);
  name = g_strdup_printf ("%s基层政务公开标准目录（%s）", g_strstrip (township), year);

  /* The folder may be a FAT or NTFS USB stick, or a Windows share. */
  out = g_string_new (NULL);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c < 0x80 && strchr ("<>:\"/\\|?*", (int) c) != NULL))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[out->len - 1] == '.' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  g_string_append (out, ".xlsx");
  return g_string_free (out, FALSE);
}

/* ---- snapshot --------------------------------------------------------------------------- */

typedef struct
{
  int         number;
  char       *name;
  char       *local_lead;
  gboolean    applicable;
  char       *reason;
  GListModel *items;        /* GkItem, fresh from the catalogue and shared with nobody */
  guint       n_active;
  guint       n_request;
  guint       n_deviations;
} ExDomain;

typedef struct
{
  char *domain_name;
  char *level1;
  char *level2;
  char *reason;
} ExDeviation;

typedef struct
{
  char *category;
  char *group;
  char *title;
  char *deadline;      /* YYYY-MM-DD or "" */
  char *rule;
  char *status;        /* todo, doing, done */
  char *done_on;
  char *note;
  char *departments;   /* joined with 、 */
} ExTask;

struct _GkExportSnapshot
{
  char             *profile[GK_N_PROFILE_FIELDS];
  GPtrArray        *domains;      /* ExDomain, by number */
  GPtrArray        *deviations;   /* ExDeviation, by domain then standard id */
  GPtrArray        *tasks;        /* ExTask, in the list's order */
  GkExportChannels  channels;
  GDateTime        *now;
  char             *today;        /* YYYY-MM-DD in the local time of now */
  gboolean          validated;
  guint             n_errors;
  guint             n_warnings;
  GStrv             problems;
  gboolean          replace_locked;
  char             *tmpdir;
  guint             n_items;
  guint             n_sheets;
};

static void
ex_domain_free (gpointer data)
{
  ExDomain *domain = data;

  g_free (domain->name);
  g_free (domain->local_lead);
  g_free (domain->reason);
  g_clear_object (&domain->items);
  g_free (domain);
}

static void
ex_deviation_free (gpointer data)
{
  ExDeviation *deviation = data;

  g_free (deviation->domain_name);
  g_free (deviation->level1);
  g_free (deviation->level2);
  g_free (deviation->reason);
  g_free (deviation);
}

static void
ex_task_free (gpointer data)
{
  ExTask *task = data;

  g_free (task->category);
  g_free (task->group);
  g_free (task->title);
  g_free (task->deadline);
  g_free (task->rule);
  g_free (task->status);
  g_free (task->done_on);
  g_free (task->note);
  g_free (task->departments);
  g_free (task);
}

void
gk_export_snapshot_free (GkExportSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint i = 0; i < GK_N_PROFILE_FIELDS; i++)
    g_free (snapshot->profile[i]);
  g_clear_pointer (&snapshot->domains, g_ptr_array_unref);
  g_clear_pointer (&snapshot->deviations, g_ptr_array_unref);
  g_clear_pointer (&snapshot->tasks, g_ptr_array_unref);
  g_clear_pointer (&snapshot->now, g_date_time_unref);
  g_free (snapshot->today);
  g_free (snapshot->tmpdir);
  g_strfreev (snapshot->problems);
  g_free (snapshot);
}

guint
gk_export_snapshot_get_n_sheets (GkExportSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->n_sheets;
}

guint
gk_export_snapshot_get_n_items (GkExportSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);
  return snapshot->n_items;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static ExDomain *
find_ex_domain (GkExportSnapshot *snapshot,
                int               number)
{
  for (guint i = 0; i < snapshot->domains->len; i++)
    {
      ExDomain *domain = g_ptr_array_index (snapshot->domains, i);
      if (domain->number == number)
        return domain;
    }
  return NULL;
}

/* Standard items the township left out (gk_catalogue_delete_item with a reason), unless the item
 * is back in the catalogue. The catalogue has no API for these yet: read the table. */
static gboolean
collect_deviations (GkCatalogue       *catalogue,
                    GkExportSnapshot  *snapshot,
                    GError           **error)
{
  GkDb *db = gk_catalogue_get_db (catalogue);
  GkStandards *standards = gk_catalogue_get_standards (catalogue);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gk_db_prepare (db,
    "SELECT sd.standard_id, d.number, sd.reason FROM standard_deviation sd"
    " JOIN domain d ON d.id = sd.domain_id"
    " WHERE NOT EXISTS (SELECT 1 FROM item i WHERE i.origin = 'standard:' || sd.standard_id)"
    " ORDER BY d.number, sd.standard_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = column_text (stmt, 0);
      ExDomain *domain = find_ex_domain (snapshot, sqlite3_column_int (stmt, 1));
      const GkStandardItem *std = gk_standards_lookup (standards, id);
      ExDeviation *deviation = g_new0 (ExDeviation, 1);

      deviation->domain_name = g_strdup (domain != NULL ? domain->name : "");
      deviation->level1 = g_strdup (std != NULL ? std->level1 : "");
      /* An item of a standard set this build does not know: its id is all there is. */
      deviation->level2 = g_strdup (std != NULL ? std->level2 : id);
      deviation->reason = g_strdup (column_text (stmt, 2));
      if (domain != NULL)
        domain->n_deviations++;
      g_ptr_array_add (snapshot->deviations, deviation);
    }
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (db, error, _("Cannot read the standard items left out"));
      return FALSE;
    }
  return TRUE;
}

/* The task list. GkTasks (gk-tasks.h) is being written; until it lands the export reads the
 * `task`, `task_department` and `department` tables itself, here and nowhere else. Replace this
 * function with a loop over gk_tasks_* when it exists. */
static gboolean
collect_tasks (GkCatalogue       *catalogue,
               GkExportSnapshot  *snapshot,
               GError           **error)
{
  GkDb *db = gk_catalogue_get_db (catalogue);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gk_db_prepare (db,
    "SELECT t.category, t.grp, t.title, coalesce (t.deadline, ''), t.rule, t.status,"
    " coalesce (t.done_on, ''), t.note,"
    " coalesce ((SELECT group_concat (name, '、') FROM"
    "   (SELECT d.name FROM task_department td JOIN department d ON d.id = td.department_id"
    "    WHERE td.task_id = t.id ORDER BY td.position, d.position, d.id)), '')"
    " FROM task t ORDER BY t.position, t.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExTask *task = g_new0 (ExTask, 1);

      task->category = g_strdup (column_text (stmt, 0));
      task->group = g_strdup (column_text (stmt, 1));
      task->title = g_strdup (column_text (stmt, 2));
      task->deadline = g_strdup (column_text (stmt, 3));
      task->rule = g_strdup (column_text (stmt, 4));
      task->status = g_strdup (column_text (stmt, 5));
      task->done_on = g_strdup (column_text (stmt, 6));
      task->note = g_strdup (column_text (stmt, 7));
      task->departments = g_strdup (column_text (stmt, 8));
      g_ptr_array_add (snapshot->tasks, task);
    }
  if (rc != SQLITE_DONE)
    {
      gk_db_set_error (db, error, _("Cannot read the task list"));
      return FALSE;
    }
  return TRUE;
}

GkExportSnapshot *
gk_export_snapshot_new (GkCatalogue            *catalogue,
                        const GkExportOptions  *options,
                        GError                **error)
{
  g_autoptr(GkExportSnapshot) snapshot = NULL;
  GkExportOptions defaults;
  GListModel *domains;
  GkDb *db;
  gboolean ok;

  g_return_val_if_fail (GK_IS_CATALOGUE (catalogue), NULL);

  if (options == NULL)
    {
      gk_export_options_init (&defaults);
      options = &defaults;
    }

  snapshot = g_new0 (GkExportSnapshot, 1);
  snapshot->domains = g_ptr_array_new_with_free_func (ex_domain_free);
  snapshot->deviations = g_ptr_array_new_with_free_func (ex_deviation_free);
  snapshot->tasks = g_ptr_array_new_with_free_func (ex_task_free);
  snapshot->channels = options->channels;
  snapshot->now = options->now != NULL ? g_date_time_ref (options->now)
                                       : g_date_time_new_now_local ();
  snapshot->today = g_date_time_format (snapshot->now, "%Y-%m-%d");
  snapshot->validated = options->validated;
  snapshot->n_errors = options->n_errors;
  snapshot->n_warnings = options->n_warnings;
  snapshot->problems = g_strdupv ((char **) options->problems);
  snapshot->replace_locked = options->replace_locked;
  snapshot->tmpdir = g_strdup (options->tmpdir != NULL ? options->tmpdir : g_get_tmp_dir ());

  /* One read transaction: the workbook shows one state of the workspace, whatever is saved
   * meanwhile. (A transaction already open by the caller is used as it is.) */
  db = gk_catalogue_get_db (catalogue);
  ok = sqlite3_get_autocommit (gk_db_get_handle (db)) != 0;
  if (ok && !gk_db_exec (db, "BEGIN", error))
    return NULL;

  for (guint f = 0; f < GK_N_PROFILE_FIELDS; f++)
    snapshot->profile[f] = gk_catalogue_get_profile (catalogue, f);

  domains = gk_catalogue_get_domains (catalogue);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      ExDomain *ex = g_new0 (ExDomain, 1);

      ex->number = gk_domain_get_number (domain);
      ex->name = g_strdup (gk_domain_get_name (domain));
      ex->local_lead = g_strdup (gk_domain_get_local_lead (domain));
      ex->applicable = gk_domain_get_applicable (domain);
      ex->reason = g_strdup (gk_domain_get_reason (domain));
      g_ptr_array_add (snapshot->domains, ex);

      if (!ex->applicable)
        continue;
      ex->items = gk_catalogue_list_items (catalogue, ex->number, error);
      if (ex->items == NULL)
        goto fail;
      for (guint j = 0; j < g_list_model_get_n_items (ex->items); j++)
        {
          g_autoptr(GkItem) item = g_list_model_get_item (ex->items, j);
          ex->n_active += gk_item_get_flag (item, GK_FLAG_MODE_ACTIVE) ? 1 : 0;
          ex->n_request += gk_item_get_flag (item, GK_FLAG_MODE_REQUEST) ? 1 : 0;
        }
      snapshot->n_items += g_list_model_get_n_items (ex->items);
      snapshot->n_sheets++;
    }

  if (!collect_deviations (catalogue, snapshot, error) ||
      !collect_tasks (catalogue, snapshot, error))
    goto fail;

  if (ok)
    gk_db_exec (db, "COMMIT", NULL);

  /* 说明, 汇总, the domains, 未涉及领域说明, 任务清单 when there are tasks. */
  snapshot->n_sheets += 3 + (snapshot->tasks->len > 0 ? 1 : 0);
  return g_steal_pointer (&snapshot);

fail:
  if (ok)
    gk_db_exec (db, "ROLLBACK", NULL);
  return NULL;
}

/* ---- the writer ------------------------------------------------------------------------- */

/* The cell styles of the workbook. */
typedef enum
{
  STYLE_TITLE,           /* a table's title, above it */
  STYLE_HEADER,          /* column headings and totals: bold, grey */
  STYLE_TEXT,            /* body text: left, wrapped */
  STYLE_CENTER,          /* body: centred (序号, ticks, short values) */
  STYLE_LABEL,           /* 说明: the left column */
  STYLE_LABEL_OPEN,      /* 说明: a label over several rows, its first row… */
  STYLE_LABEL_CONT,      /* …and the rows under it */
  STYLE_TEXT_OVERDUE,    /* an overdue task */
  STYLE_CENTER_OVERDUE,
  N_STYLES
} Style;

static const double style_size[N_STYLES] = { 16, 10, 10, 10, 10, 10, 10, 10, 10 };

typedef struct
{
  GkExportSnapshot *snapshot;
  lxw_workbook     *workbook;
  lxw_error         error;        /* the first failure of any libxlsxwriter call */
  GHashTable       *sheet_names;
  GHashTable       *fixed_names;  /* fixed sheets not added yet */
  GHashTable       *channels;     /* channels_text() without the other channel's text, by bits */
  lxw_format       *formats[N_STYLES];
} Writer;

typedef struct
{
  double min;
  double max;
} ColumnLimits;

typedef struct
{
  guint  first_row;
  guint  last_row;
  double height;                 /* what the merged cell's text needs, in points */
} TallMerge;

/* Cells of one column with the same text, to be merged page by page (see write_groups). */
typedef struct
{
  guint  first_row;
  guint  last_row;
  guint  col;
  Style  style;
  char  *text;
} Group;

static void
clear_group (gpointer data)
{
  g_free (((Group *) data)->text);
}

/* A text whose row height is known only once the widths of its columns are: the widths come
 * from every text of the column, and each cell is written as soon as it is read. */
typedef struct
{
  const char *text;       /* as written; owned by the snapshot, a group, or Sheet.texts */
  guint       first_row;
  guint       last_row;
  guint8      first_col;
  guint8      last_col;
  guint8      style;
  gboolean    wrapped;    /* lines is the count_lines() of text in its final width */
  guint       width;      /* of its longest line if known (TextScan), else G_MAXUINT */
  guint       lines;      /* its lines (or wrapped lines), if the width is known */
} Pending;

/* A sheet is filled in one pass: each cell is written at once and its text measured towards
 * its column's width; the row heights, which depend on the widths, are worked out afterwards
 * from the texts kept in `pending`. Groups (the merged 一级事项) are written last, when the page
 * breaks are known. */
typedef struct
{
  Writer             *writer;
  lxw_worksheet      *ws;
  guint               n_cols;
  const ColumnLimits *limits;
  guint               natural[16];  /* widest line of each column, in digit widths */
  double              widths[16];   /* the widths written */
  GArray             *heights;      /* double: the height each row needs, in points */
  GArray             *tall_merges;  /* TallMerge */
  GArray             *groups;       /* Group: written once the page breaks are known */
  GArray             *pending;      /* Pending: heights to work out once the widths are known */
  GPtrArray          *texts;        /* texts made for this sheet that pending points into */
  gboolean            landscape;
  guint               body_row;     /* the first row under the repeated header rows of a
                                     * sheet paginated by us (see paginate), or 0 */
} Sheet;

typedef void (*FillFunc) (Sheet    *sheet,
                          gpointer  data);

static void
check (Writer    *writer,
       lxw_error  err)
{
  if (err != LXW_NO_ERROR && writer->error == LXW_NO_ERROR)
    writer->error = err;
}

static lxw_format *
new_format (Writer   *writer,
            Style     style,
            gboolean  bold,
            uint8_t   align,
            gboolean  border)
{
  lxw_format *format = workbook_add_format (writer->workbook);

  format_set_font_name (format, FONT_NAME);
  format_set_font_charset (format, FONT_CHARSET_GB2312);
  format_set_font_size (format, style_size[style]);
  if (bold)
    format_set_bold (format);
  format_set_align (format, align);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (format);
  if (border)
    format_set_border (format, LXW_BORDER_THIN);
  writer->formats[style] = format;
  return format;
}

static void
make_formats (Writer *writer)
{
  lxw_format *format;

  new_format (writer, STYLE_TITLE, TRUE, LXW_ALIGN_CENTER, FALSE);
  format = new_format (writer, STYLE_HEADER, TRUE, LXW_ALIGN_CENTER, TRUE);
  format_set_bg_color (format, 0xD9D9D9);
  new_format (writer, STYLE_TEXT, FALSE, LXW_ALIGN_LEFT, TRUE);
  new_format (writer, STYLE_CENTER, FALSE, LXW_ALIGN_CENTER, TRUE);
  new_format (writer, STYLE_LABEL, TRUE, LXW_ALIGN_LEFT, TRUE);
  /* Looks like a merged cell, but prints its label on the first page it spans. */
  format = new_format (writer, STYLE_LABEL_OPEN, TRUE, LXW_ALIGN_LEFT, FALSE);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  format_set_top (format, LXW_BORDER_THIN);
  format_set_left (format, LXW_BORDER_THIN);
  format_set_right (format, LXW_BORDER_THIN);
  format = new_format (writer, STYLE_LABEL_CONT, TRUE, LXW_ALIGN_LEFT, FALSE);
  format_set_left (format, LXW_BORDER_THIN);
  format_set_right (format, LXW_BORDER_THIN);
  /* Overdue tasks: Excel's own "bad" colours, and the word 已逾期 for a black-and-white print. */
  format = new_format (writer, STYLE_TEXT_OVERDUE, FALSE, LXW_ALIGN_LEFT, TRUE);
  format_set_bg_color (format, 0xFFC7CE);
  format_set_font_color (format, 0x9C0006);
  format = new_format (writer, STYLE_CENTER_OVERDUE, FALSE, LXW_ALIGN_CENTER, TRUE);
  format_set_bg_color (format, 0xFFC7CE);
  format_set_font_color (format, 0x9C0006);
}

/* The px a line has in a column @width wide (column width units: digit widths of the default
 * font, 7 px), for text of @size points. */
static double
line_room (double width,
           double size)
{
  double wide = size * 96.0 / 72.0;
  /* A column is width × 7 + 5 px; less the cell's padding, and 3 % for line-breaking rules
   * (no 、，。 at the start of a line). */
  double room = (width * 7.0 + 2.0) * 0.97;

  return room < wide ? wide : room;
}

/* TRUE if no line of a text whose longest line is @natural digit widths wraps in @width:
 * count_lines() then counts its line breaks, and nothing else. The margin is far above the
 * rounding of count_lines()'s sums. */
static gboolean
fits_unwrapped (guint  natural,
                double width,
                double size)
{
  return natural * (size * 96.0 / 72.0 / 2.0) < line_room (width, size) - 0.01;
}

/* The lines @text takes when wrapped in @width (column width units: digit widths of the default
 * font, 7 px) at @size points. The estimate errs on the generous side: a row a little too tall
 * prints fine, one too short cuts the text off. */
static guint
count_lines (const char *text,
             double      width,
             double      size)
{
  double wide = size * 96.0 / 72.0;  /* px of a CJK character: 1 em */
  /* SimSun's Latin is half of it. */
  Wrap wrap = { line_room (width, size), wide, wide / 2.0, 0, 0, FALSE, 1 };
  TextScan scan;

  scan_text_impl (text, &scan, &wrap);
  return wrap.lines;
}

static double
text_height (const char *text,
             double      width,
             Style       style)
{
  /* CJK fonts need about 1.45 em a line (Noto CJK, which LibreOffice substitutes for SimSun,
   * has 1.448); plus the cell's padding. */
  return count_lines (text, width, style_size[style]) * style_size[style] * 1.45 + 3.0;
}

static void
need_height (Sheet  *sheet,
             guint   row,
             double  height)
{
  if (row >= sheet->heights->len)
    {
      guint old = sheet->heights->len;
      g_array_set_size (sheet->heights, row + 1);
      for (guint r = old; r <= row; r++)
        g_array_index (sheet->heights, double, r) = 0;
    }
  if (height > g_array_index (sheet->heights, double, row))
    g_array_index (sheet->heights, double, row) = height;
}

/* "&" starts a code in a page header; a name may contain one. At most 60 characters of it. */
static void
append_header_text (GString    *out,
                    const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < 60; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '&')
        g_string_append (out, "&&");
      else if (c >= 0x20)
        g_string_append_unichar (out, c);
    }
}

static lxw_worksheet *
add_worksheet (Writer     *writer,
               const char *name,
               gboolean    landscape)
{
  g_autofree char *township = gk_export_cell_text (writer->snapshot->profile[GK_PROFILE_TOWNSHIP]);
  g_autofree char *sheet_name = NULL;
  g_autoptr(GString) header = g_string_new ("&L");
  lxw_header_footer_options margins = { .margin = 0.25 };
  lxw_worksheet *ws;

  /* The fixed sheets hold their names from the start (see write_workbook). */
  if (g_hash_table_remove (writer->fixed_names, name))
    g_hash_table_remove (writer->sheet_names, name);
  sheet_name = gk_export_sheet_name (writer->sheet_names, name);
  ws = workbook_add_worksheet (writer->workbook, sheet_name);
  if (ws == NULL)
    {
      check (writer, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return NULL;
    }

  /* A loose page still says whose and which table it is. */
  append_header_text (header, township);
  g_string_append (header, "&R");
  append_header_text (header, sheet_name);

  worksheet_set_paper (ws, 9);  /* A4 */
  if (landscape)
    worksheet_set_landscape (ws);
  else
    worksheet_set_portrait (ws);
  worksheet_set_margins (ws, 0.3, 0.3, 0.6, 0.6);
  worksheet_center_horizontally (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  check (writer, worksheet_set_header_opt (ws, header->str, &margins));
  check (writer, worksheet_set_footer_opt (ws, "&C第 &P 页 共 &N 页", &margins));
  return ws;
}

/* The page breaks of a long table, all of them set by us (on a page a little smaller than the
 * real one, so that neither Excel nor LibreOffice needs a break of its own): knowing where the
 * pages end, write_groups() can end a merged 一级事项 there and start it again, with its text,
 * on the next page. Printed across a page break, a merged cell shows its text on one page only,
 * or cut in half. Returns the rows that start a page, 0-terminated. */
static GArray *
paginate (Sheet *sheet)
{
  /* A4, with the margins of add_worksheet (0.3 in left and right, 0.6 in top and bottom). */
  double paper_width = sheet->landscape ? 11.69 : 8.27;
  double paper_height = sheet->landscape ? 8.27 : 11.69;
  double table_px = 0, scale, page, repeated = 0, used = 0;
  GArray *breaks = g_array_new (TRUE, TRUE, sizeof (lxw_row_t));
  guint n_rows = sheet->heights->len;

  /* Fitted to the width of the page, the sheet prints at this scale (a whole percentage). */
  for (guint c = 0; c < sheet->n_cols; c++)
    table_px += sheet->widths[c] * 7.0 + 5.0;
  scale = MIN (1.0, (paper_width - 0.6) * 96.0 / table_px);
  scale = (double) (int) (scale * 100.0) / 100.0;
  /* The printable height in the sheet's points, less 6 % for the printers' rounding. */
  page = (paper_height - 1.2) * 72.0 / scale * 0.94;

  for (guint r = 1; r < sheet->body_row && r < n_rows; r++)
    repeated += g_array_index (sheet->heights, double, r);
  for (guint r = 0; r < sheet->body_row && r < n_rows; r++)
    used += g_array_index (sheet->heights, double, r);

  for (guint r = sheet->body_row; r < n_rows && breaks->len < LXW_BREAKS_MAX; r++)
    {
      double height = g_array_index (sheet->heights, double, r);

      if (used + height > page && used > repeated)
        {
          lxw_row_t row = r;
          g_array_append_val (breaks, row);
          used = repeated;
        }
      used += height;
    }
  return breaks;
}

/* The 一级事项 column: a group of equal ones is one merged cell per page it spans. */
static void
write_groups (Sheet        *sheet,
              const GArray *breaks)
{
  guint b = 0;

  for (guint i = 0; i < sheet->groups->len; i++)
    {
      Group *group = &g_array_index (sheet->groups, Group, i);
      guint first = group->first_row;

      while (first <= group->last_row)
        {
          guint last = group->last_row;

          while (b < breaks->len && g_array_index (breaks, lxw_row_t, b) <= first)
            b++;
          if (b < breaks->len && g_array_index (breaks, lxw_row_t, b) <= last)
            last = g_array_index (breaks, lxw_row_t, b) - 1;
          if (last > first)
            check (sheet->writer, worksheet_merge_range (sheet->ws, first, group->col, last,
                                                         group->col, group->text,
                                                         sheet->writer->formats[group->style]));
          else
            check (sheet->writer, worksheet_write_string (sheet->ws, first, group->col,
                                                          group->text,
                                                          sheet->writer->formats[group->style]));
          first = last + 1;
        }
    }
}

static void
add_pending (Sheet          *sheet,
             const char     *text,
             const TextScan *scan,
             guint           first_row,
             guint           first_col,
             guint           last_row,
             guint           last_col,
             Style           style)
{
  Pending pending = { text, first_row, last_row, first_col, last_col, style, FALSE,
                      scan != NULL ? scan->width : G_MAXUINT, scan != NULL ? scan->lines : 0 };

  g_array_append_val (sheet->pending, pending);
}

/* The heights of the rows, now that the widths are known. */
static void
resolve_pending (Sheet *sheet)
{
  for (guint i = 0; i < sheet->pending->len; i++)
    {
      const Pending *pending = &g_array_index (sheet->pending, Pending, i);
      double width = 0, height;

      for (guint c = pending->first_col; c <= pending->last_col; c++)
        width += sheet->widths[c] + (c > pending->first_col ? 5.0 / 7.0 : 0);
      if (pending->wrapped ||
          (pending->width != G_MAXUINT &&
           fits_unwrapped (pending->width, width, style_size[pending->style])))
        height = pending->lines * style_size[pending->style] * 1.45 + 3.0;
      else
        height = text_height (pending->text, width, pending->style);
      if (pending->first_row == pending->last_row)
        need_height (sheet, pending->first_row, height);
      else
        {
          TallMerge tall = { pending->first_row, pending->last_row, height };
          need_height (sheet, pending->last_row, 0);
          g_array_append_val (sheet->tall_merges, tall);
        }
    }
}

static void
build_sheet (Writer             *writer,
             const char         *name,
             guint               n_cols,
             gboolean            landscape,
             const ColumnLimits *limits,
             FillFunc            fill,
             gpointer            data)
{
  Sheet sheet = { writer, NULL, n_cols, limits, { 0 }, { 0 }, NULL, NULL, NULL, NULL, NULL,
                  landscape, 0 };

  g_assert (n_cols <= G_N_ELEMENTS (sheet.natural));

  sheet.ws = add_worksheet (writer, name, landscape);
  if (sheet.ws == NULL)
    return;

  sheet.heights = g_array_new (FALSE, TRUE, sizeof (double));
  sheet.tall_merges = g_array_new (FALSE, FALSE, sizeof (TallMerge));
  sheet.groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_array_set_clear_func (sheet.groups, clear_group);
  sheet.pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  sheet.texts = g_ptr_array_new_with_free_func (g_free);
  fill (&sheet, data);

  /* Widths fitted to the content, between limits that keep the table one readable page wide:
   * a column of long texts wraps at its maximum. */
  for (guint c = 0; c < n_cols; c++)
    {
      sheet.widths[c] = CLAMP (sheet.natural[c] + 2.0, limits[c].min, limits[c].max);
      check (writer, worksheet_set_column (sheet.ws, (lxw_col_t) c, (lxw_col_t) c,
                                           sheet.widths[c], NULL));
    }
  resolve_pending (&sheet);

  /* A merged cell taller than its rows: the last of them grows. */
  for (guint i = 0; i < sheet.tall_merges->len; i++)
    {
      TallMerge *merge = &g_array_index (sheet.tall_merges, TallMerge, i);
      double sum = 0;

      for (guint r = merge->first_row; r <= merge->last_row; r++)
        sum += g_array_index (sheet.heights, double, r);
      if (sum < merge->height)
        need_height (&sheet, merge->last_row,
                     g_array_index (sheet.heights, double, merge->last_row) + merge->height - sum);
    }

  /* Long tables get their page breaks from us; then the merged groups can be written. */
  {
    g_autoptr(GArray) breaks = sheet.body_row > 0 ? paginate (&sheet)
                                                  : g_array_new (TRUE, TRUE, sizeof (lxw_row_t));

    write_groups (&sheet, breaks);
    if (breaks->len > 0)
      check (writer, worksheet_set_h_pagebreaks (sheet.ws, (lxw_row_t *) breaks->data));
  }

  /* Explicit heights: neither LibreOffice nor Excel fits a row to wrapped text in a merged
   * cell, and LibreOffice not even to plain wrapped text of a file it opens. */
  for (guint r = 0; r < sheet.heights->len; r++)
    {
      double height = g_array_index (sheet.heights, double, r);
      if (height > 0)
        check (writer, worksheet_set_row (sheet.ws, r, MIN ((double) (int) (height + 0.999), 409),
                                          NULL));
    }

  g_array_unref (sheet.heights);
  g_array_unref (sheet.tall_merges);
  g_array_unref (sheet.groups);
  g_array_unref (sheet.pending);
  g_ptr_array_unref (sheet.texts);
}

/* @text must live until the sheet is built (see put_text_take). */
static void
put_text (Sheet      *sheet,
          guint       row,
          guint       col,
          const char *text,
          Style       style)
{
  TextScan scan;
  Wrap wrap = { 0 };
  const char *clean = text;
  double max_width;

  if (text == NULL || *text == '\0')
    {
      check (sheet->writer, worksheet_write_blank (sheet->ws, row, (lxw_col_t) col,
                                                   sheet->writer->formats[style]));
      return;
    }
  /* The text as it is is near enough for the width (a dropped control character is one digit
   * width at most). Once a column is as wide as it may be, its width is known: its texts'
   * lines are counted on the way. */
  max_width = sheet->limits[col].max;
  if (sheet->natural[col] + 2.0 >= max_width)
    {
      double wide = style_size[style] * 96.0 / 72.0;

      wrap = (Wrap) { line_room (max_width, style_size[style]), wide, wide / 2.0, 0, 0, FALSE,
                      1 };
      scan_text_impl (text, &scan, &wrap);
    }
  else
    scan_text (text, &scan);
  sheet->natural[col] = MAX (sheet->natural[col], scan.width);
  if (scan.dirty)
    g_ptr_array_add (sheet->texts, (char *) (clean = clean_text (text)));
  /* Always a string: "=1+1" or "@x" stays the text the officer typed, never a formula. */
  check (sheet->writer, worksheet_write_string (sheet->ws, row, (lxw_col_t) col, clean,
                                                sheet->writer->formats[style]));
  add_pending (sheet, clean, scan.dirty ? NULL : &scan, row, col, row, col, style);
  if (!scan.dirty && wrap.lines > 0)
    {
      Pending *pending = &g_array_index (sheet->pending, Pending, sheet->pending->len - 1);
      pending->wrapped = TRUE;
      pending->lines = wrap.lines;
    }
}

/* put_text() of a text made for the cell, which the sheet frees. */
static void
put_text_take (Sheet *sheet,
               guint  row,
               guint  col,
               char  *text,
               Style  style)
{
  if (text != NULL)
    g_ptr_array_add (sheet->texts, text);
  put_text (sheet, row, col, text, style);
}

static void
put_number (Sheet  *sheet,
            guint   row,
            guint   col,
            double  value,
            Style   style)
{
  sheet->natural[col] = MAX (sheet->natural[col], 5);
  check (sheet->writer, worksheet_write_number (sheet->ws, row, (lxw_col_t) col, value,
                                                sheet->writer->formats[style]));
  /* One line, whatever the width. */
  need_height (sheet, row, style_size[style] * 1.45 + 3.0);
}

/* A merged range. Its text counts towards its columns' widths only if it spans one column. */
static void
merge (Sheet      *sheet,
       guint       first_row,
       guint       first_col,
       guint       last_row,
       guint       last_col,
       const char *text,
       Style       style)
{
  char *clean = gk_export_cell_text (text);

  g_ptr_array_add (sheet->texts, clean);
  if (first_col == last_col)
    {
      TextScan scan;

      scan_text (clean, &scan);
      sheet->natural[first_col] = MAX (sheet->natural[first_col], scan.width);
    }
  check (sheet->writer, worksheet_merge_range (sheet->ws, first_row, (lxw_col_t) first_col,
                                               last_row, (lxw_col_t) last_col, clean,
                                               sheet->writer->formats[style]));
  add_pending (sheet, clean, NULL, first_row, first_col, last_row, last_col, style);
}

/* @text in column @col of rows @first_row to @last_row, merged on each page they span. */
static void
put_group (Sheet      *sheet,
           guint       first_row,
           guint       last_row,
           guint       col,
           const char *text,
           Style       style)
{
  Group group = { first_row, last_row, col, style, NULL };
  TextScan scan;

  if (first_row == last_row || text == NULL || *text == '\0')
    {
      for (guint r = first_row; r <= last_row; r++)
        put_text (sheet, r, col, text, style);
      return;
    }

  scan_text (text, &scan);
  sheet->natural[col] = MAX (sheet->natural[col], scan.width);
  group.text = scan.dirty ? clean_text (text) : g_strdup (text);
  add_pending (sheet, group.text, scan.dirty ? NULL : &scan, first_row, col, last_row, col,
               style);
  g_array_append_val (sheet->groups, group);
}

/* A table's title in row 1, merged across its columns. */
static void
put_title (Sheet      *sheet,
           const char *title)
{
  merge (sheet, 0, 0, 0, sheet->n_cols - 1, title, STYLE_TITLE);
  need_height (sheet, 0, 32);
}

/* A one-row header in row 2, repeated on every printed page and frozen on screen. */
static void
put_header_row (Sheet              *sheet,
                const char * const *labels)
{
  for (guint c = 0; c < sheet->n_cols; c++)
    put_text (sheet, 1, c, labels[c], STYLE_HEADER);
  need_height (sheet, 1, 24);
  check (sheet->writer, worksheet_repeat_rows (sheet->ws, 1, 1));
  worksheet_freeze_panes (sheet->ws, 2, 0);
}

static const char *
township_of (Sheet *sheet)
{
  return sheet->writer->snapshot->profile[GK_PROFILE_TOWNSHIP];
}

/* 说明 */
static void
fill_readme (Sheet    *sheet,
             gpointer  data)
{
  GkExportSnapshot *s = sheet->writer->snapshot;
  guint n_applicable = 0, n_skipped = 0, n_active = 0, n_request = 0;
  guint n_done = 0, n_overdue = 0, n_problems;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  guint row = 2;
  static const struct { const char *label; GkProfileField field; } profile_rows[] = {
    { "乡镇（街道）", GK_PROFILE_TOWNSHIP },
    { "所属县（市、区）", GK_PROFILE_COUNTY },
    { "所属市（州）", GK_PROFILE_PREFECTURE },
    { "所属省（自治区、直辖市）", GK_PROFILE_PROVINCE },
    { "编制人", GK_PROFILE_COMPILED_BY },
    { "联系电话", GK_PROFILE_PHONE },
    { "目录年度", GK_PROFILE_YEAR },
    { "目录版本", GK_PROFILE_VERSION },
  };

  for (guint i = 0; i < s->domains->len; i++)
    {
      ExDomain *domain = g_ptr_array_index (s->domains, i);
      if (domain->applicable)
        {
          n_applicable++;
          n_active += domain->n_active;
          n_request += domain->n_request;
        }
      else
        n_skipped++;
    }
  for (guint i = 0; i < s->tasks->len; i++)
    {
      ExTask *task = g_ptr_array_index (s->tasks, i);
      if (g_str_equal (task->status, "done"))
        n_done++;
      else if (*task->deadline != '\0' && strcmp (task->deadline, s->today) < 0)
        n_overdue++;
    }

  title = g_strdup_printf ("%s基层政务公开标准目录（%s）", township_of (sheet),
                           s->profile[GK_PROFILE_YEAR]);
  put_title (sheet, title);
  put_text (sheet, 1, 0, "项目", STYLE_HEADER);
  put_text (sheet, 1, 1, "内容", STYLE_HEADER);
  need_height (sheet, 1, 24);
  check (sheet->writer, worksheet_repeat_rows (sheet->ws, 1, 1));

  for (guint i = 0; i < G_N_ELEMENTS (profile_rows); i++, row++)
    {
      put_text (sheet, row, 0, profile_rows[i].label, STYLE_LABEL);
      put_text (sheet, row, 1, s->profile[profile_rows[i].field], STYLE_TEXT);
    }

  put_text (sheet, row, 0, "导出日期", STYLE_LABEL);
  put_text (sheet, row++, 1, s->today, STYLE_TEXT);

  text = g_strdup_printf ("共 %u 个：已编制 %u 个，未涉及 %u 个", s->domains->len, n_applicable,
                          n_skipped);
  put_text (sheet, row, 0, "试点领域", STYLE_LABEL);
  put_text_take (sheet, row++, 1, g_steal_pointer (&text), STYLE_TEXT);

  text = g_strdup_printf ("共 %u 项：主动公开 %u 项，依申请公开 %u 项", s->n_items, n_active,
                          n_request);
  put_text (sheet, row, 0, "公开事项", STYLE_LABEL);
  put_text_take (sheet, row++, 1, g_steal_pointer (&text), STYLE_TEXT);

  text = s->deviations->len > 0
    ? g_strdup_printf ("%u 项（见“未涉及领域说明”）", s->deviations->len)
    : g_strdup ("无");
  put_text (sheet, row, 0, "未纳入目录的标准指引事项", STYLE_LABEL);
  put_text_take (sheet, row++, 1, g_steal_pointer (&text), STYLE_TEXT);

  text = s->tasks->len > 0
    ? g_strdup_printf ("共 %u 项：已完成 %u 项，逾期未完成 %u 项（见“任务清单”）", s->tasks->len,
                       n_done, n_overdue)
    : g_strdup ("无");
  put_text (sheet, row, 0, "任务清单", STYLE_LABEL);
  put_text_take (sheet, row++, 1, g_steal_pointer (&text), STYLE_TEXT);

  /* The validation summary: the caller runs gk-validate and passes what it found. */
  if (!s->validated)
    text = g_strdup ("未校验");
  else if (s->n_errors == 0 && s->n_warnings == 0)
    text = g_strdup ("未发现问题");
  else
    text = g_strdup_printf ("错误 %u 个，警告 %u 个", s->n_errors, s->n_warnings);
  put_text (sheet, row, 0, "校验结果", STYLE_LABEL);
  put_text_take (sheet, row++, 1, g_steal_pointer (&text), STYLE_TEXT);

  n_problems = s->problems != NULL ? g_strv_length (s->problems) : 0;
  if (n_problems > 0)
    {
      guint shown = MIN (n_problems, MAX_PROBLEM_LINES);
      guint first = row;

      for (guint i = 0; i < shown; i++, row++)
        {
          put_text_take (sheet, row, 1, g_strdup_printf ("%u. %s", i + 1, s->problems[i]),
                         STYLE_TEXT);
        }
      if (shown < n_problems)
        {
          put_text_take (sheet, row++, 1,
                         g_strdup_printf ("另有 %u 个问题未列出", n_problems - shown),
                         STYLE_TEXT);
        }
      /* Not a merged cell: the list may run over several pages. */
      put_text (sheet, first, 0, "校验问题", row - first > 1 ? STYLE_LABEL_OPEN : STYLE_LABEL);
      for (guint r = first + 1; r < row; r++)
        put_text (sheet, r, 0, NULL, STYLE_LABEL_CONT);
    }

  put_text (sheet, row, 0, "填表说明", STYLE_LABEL);
  put_text (sheet, row++, 1,
            "各领域工作表按基层政务公开标准目录格式编制，每个事项一行；"
            "“√”表示适用；公开渠道和载体中“■”表示选用，“□”表示未选用。",
            STYLE_TEXT);
}

/* 汇总 */
static void
fill_summary (Sheet    *sheet,
              gpointer  data)
{
  static const char * const labels[] = {
    "序号", "领域", "牵头单位", "事项数", "主动", "依申请", "状态", "说明",
  };
  GkExportSnapshot *s = sheet->writer->snapshot;
  g_autofree char *title = g_strdup_printf ("%s基层政务公开标准目录汇总表", township_of (sheet));
  guint total = 0, active = 0, request = 0;
  guint row = 2;

  put_title (sheet, title);
  put_header_row (sheet, labels);
  /* The county reads the summary at a glance: one page. */
  worksheet_fit_to_pages (sheet->ws, 1, 1);

  for (guint i = 0; i < s->domains->len; i++, row++)
    {
      ExDomain *domain = g_ptr_array_index (s->domains, i);

      put_number (sheet, row, 0, i + 1, STYLE_CENTER);
      put_text (sheet, row, 1, domain->name, STYLE_TEXT);
      put_text (sheet, row, 2, domain->local_lead, STYLE_TEXT);
      if (domain->applicable)
        {
          guint n = g_list_model_get_n_items (domain->items);
          char *note = domain->n_deviations > 0
            ? g_strdup_printf ("未纳入标准指引事项 %u 项", domain->n_deviations)
            : NULL;

          put_number (sheet, row, 3, n, STYLE_CENTER);
          put_number (sheet, row, 4, domain->n_active, STYLE_CENTER);
          put_number (sheet, row, 5, domain->n_request, STYLE_CENTER);
          put_text (sheet, row, 6, "已编制", STYLE_CENTER);
          put_text_take (sheet, row, 7, note, STYLE_TEXT);
          total += n;
          active += domain->n_active;
          request += domain->n_request;
        }
      else
        {
          put_text (sheet, row, 3, NULL, STYLE_CENTER);
          put_text (sheet, row, 4, NULL, STYLE_CENTER);
          put_text (sheet, row, 5, NULL, STYLE_CENTER);
          put_text (sheet, row, 6, "未涉及", STYLE_CENTER);
          put_text (sheet, row, 7, domain->reason, STYLE_TEXT);
        }
    }

  /* Totals as numbers, not formulas: the workbook holds no formula at all. */
  put_text (sheet, row, 0, NULL, STYLE_HEADER);
  put_text (sheet, row, 1, "合计", STYLE_HEADER);
  put_text (sheet, row, 2, NULL, STYLE_HEADER);
  put_number (sheet, row, 3, total, STYLE_HEADER);
  put_number (sheet, row, 4, active, STYLE_HEADER);
  put_number (sheet, row, 5, request, STYLE_HEADER);
  put_text (sheet, row, 6, NULL, STYLE_HEADER);
  put_text (sheet, row, 7, NULL, STYLE_HEADER);
}

static char *
channels_text (guint             bits,
               const char       *other,
               GkExportChannels  mode)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < GK_N_CHANNELS; c++)
    {
      gboolean ticked = (bits & (1u << c)) != 0;

      if (mode == GK_EXPORT_CHANNELS_TICKED && !ticked)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, ticked ? "■" : "□");
      g_string_append (out, gk_channel_official_name (c));
      if (c == GK_CHANNEL_OTHER && ticked && other != NULL && *other != '\0')
        {
          g_string_append (out, "：");
          g_string_append (out, other);
        }
    }
  return g_string_free (out, FALSE);
}

/* The 公开渠道和载体 cell of an item: a few hundred combinations of ticks in a whole catalogue,
 * each made once. 其他 comes last, so its text goes at the end. */
G_STATIC_ASSERT (GK_CHANNEL_OTHER == GK_N_CHANNELS - 1);

static void
put_channels (Sheet      *sheet,
              guint       row,
              guint       col,
              guint       bits,
              const char *other)
{
  Writer *writer = sheet->writer;
  const char *text = g_hash_table_lookup (writer->channels, GUINT_TO_POINTER (bits));

  if (text == NULL)
    {
      char *made = channels_text (bits, NULL, writer->snapshot->channels);
      g_hash_table_insert (writer->channels, GUINT_TO_POINTER (bits), made);
      text = made;
    }
  if ((bits & (1u << GK_CHANNEL_OTHER)) && other != NULL && *other != '\0')
    put_text_take (sheet, row, col, g_strconcat (text, "：", other, NULL), STYLE_TEXT);
  else
    put_text (sheet, row, col, text, STYLE_TEXT);
}

/* One domain: the standard 14-column table with its two-row header. */
static void
fill_domain (Sheet    *sheet,
             gpointer  data)
{
  static const char * const merged_down[] = {
    [0] = "序号", [3] = "公开内容（要素）", [4] = "公开依据", [5] = "公开时限", [6] = "公开主体",
    [7] = "公开渠道和载体",
  };
  static const struct { guint col; const char *group; const char *first; const char *second; }
  pairs[] = {
    { 1, "公开事项", "一级事项", "二级事项" },
    { 8, "公开对象", "全社会", "特定\n群体" },
    { 10, "公开方式", "主动", "依申请" },
    { 12, "公开层级", "县级", "乡级" },
  };
  static const GkFlag flag_columns[] = {
    GK_FLAG_AUDIENCE_ALL, GK_FLAG_AUDIENCE_SPECIFIC, GK_FLAG_MODE_ACTIVE, GK_FLAG_MODE_REQUEST,
    GK_FLAG_LEVEL_COUNTY, GK_FLAG_LEVEL_TOWNSHIP,
  };
  static const GkItemText text_columns[] = {
    GK_ITEM_LEVEL1, GK_ITEM_LEVEL2, GK_ITEM_CONTENT, GK_ITEM_BASIS, GK_ITEM_TIME_LIMIT,
    GK_ITEM_SUBJECT,
  };
  ExDomain *domain = data;
  g_autofree char *title = NULL;
  guint n = g_list_model_get_n_items (domain->items);
  guint group_end = 0;  /* the 一级事项 merge in progress ends before this index */

  title = g_strdup_printf ("%s%s%s基层政务公开标准目录", township_of (sheet), domain->name,
                           g_str_has_suffix (domain->name, "领域") ? "" : "领域");
  put_title (sheet, title);

  for (guint c = 0; c < G_N_ELEMENTS (merged_down); c++)
    if (merged_down[c] != NULL)
      merge (sheet, 1, c, 2, c, merged_down[c], STYLE_HEADER);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      merge (sheet, 1, pairs[i].col, 1, pairs[i].col + 1, pairs[i].group, STYLE_HEADER);
      put_text (sheet, 2, pairs[i].col, pairs[i].first, STYLE_HEADER);
      put_text (sheet, 2, pairs[i].col + 1, pairs[i].second, STYLE_HEADER);
    }
  need_height (sheet, 1, 22);
  need_height (sheet, 2, 22);
  check (sheet->writer, worksheet_repeat_rows (sheet->ws, 1, 2));
  worksheet_freeze_panes (sheet->ws, 3, 0);
  sheet->body_row = 3;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (domain->items, i);
      guint row = 3 + i;

      put_number (sheet, row, 0, i + 1, STYLE_CENTER);

      /* Equal consecutive 一级事项 cells become one, as in the national tables. */
      if (i >= group_end)
        {
          const char *level1 = gk_item_get_text (item, GK_ITEM_LEVEL1);
          guint end = i + 1;

          while (*level1 != '\0' && end < n)
            {
              g_autoptr(GkItem) next = g_list_model_get_item (domain->items, end);
              if (!g_str_equal (gk_item_get_text (next, GK_ITEM_LEVEL1), level1))
                break;
              end++;
            }
          put_group (sheet, row, row + (end - i) - 1, 1, level1, STYLE_TEXT);
          group_end = end;
        }

      for (guint t = 1; t < G_N_ELEMENTS (text_columns); t++)
        put_text (sheet, row, 1 + t, gk_item_get_text (item, text_columns[t]), STYLE_TEXT);

      put_channels (sheet, row, 7, gk_item_get_channels (item),
                    gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER));

      for (guint f = 0; f < G_N_ELEMENTS (flag_columns); f++)
        put_text (sheet, row, 8 + f, gk_item_get_flag (item, flag_columns[f]) ? "√" : NULL,
                  STYLE_CENTER);
    }
}

/* 未涉及领域说明 */
static void
fill_not_applicable (Sheet    *sheet,
                     gpointer  data)
{
  static const char * const labels[] = {
    "序号", "领域", "范围", "一级事项", "二级事项", "未涉及理由",
  };
  GkExportSnapshot *s = sheet->writer->snapshot;
  g_autofree char *title = g_strdup_printf ("%s未涉及领域及事项说明", township_of (sheet));
  guint row = 2, n = 0;

  put_title (sheet, title);
  put_header_row (sheet, labels);

  for (guint i = 0; i < s->domains->len; i++)
    {
      ExDomain *domain = g_ptr_array_index (s->domains, i);

      if (domain->applicable)
        continue;
      put_number (sheet, row, 0, ++n, STYLE_CENTER);
      put_text (sheet, row, 1, domain->name, STYLE_TEXT);
      put_text (sheet, row, 2, "整个领域", STYLE_CENTER);
      put_text (sheet, row, 3, NULL, STYLE_TEXT);
      put_text (sheet, row, 4, NULL, STYLE_TEXT);
      put_text (sheet, row++, 5, domain->reason, STYLE_TEXT);
    }
  for (guint i = 0; i < s->deviations->len; i++)
    {
      ExDeviation *deviation = g_ptr_array_index (s->deviations, i);

      put_number (sheet, row, 0, ++n, STYLE_CENTER);
      put_text (sheet, row, 1, deviation->domain_name, STYLE_TEXT);
      put_text (sheet, row, 2, "标准指引事项", STYLE_CENTER);
      put_text (sheet, row, 3, deviation->level1, STYLE_TEXT);
      put_text (sheet, row, 4, deviation->level2, STYLE_TEXT);
      put_text (sheet, row++, 5, deviation->reason, STYLE_TEXT);
    }
  if (n == 0)
    {
      put_text (sheet, row, 0, NULL, STYLE_CENTER);
      merge (sheet, row, 1, row, G_N_ELEMENTS (labels) - 1, "无", STYLE_TEXT);
    }
}

/* A deadline rule (gk-rule.h) as the county reads it: "monthly:2" → 每月2日前. Anything else is
 * printed as it is. */
static char *
rule_text (const char *rule)
{
  unsigned a = 0, b = 0, y = 0, m = 0, d = 0;
  char tail = 0;

  if (sscanf (rule, "monthly:%uwd%c", &a, &tail) == 1 && g_str_has_suffix (rule, "wd"))
    return g_strdup_printf ("每月第%u个工作日前", a);
  if (sscanf (rule, "monthly:%u%c", &a, &tail) == 1)
    return g_strdup_printf ("每月%u日前", a);
  if (sscanf (rule, "yearly:%u-%u%c", &a, &b, &tail) == 2)
    return g_strdup_printf ("每年%u月%u日前", a, b);
  if (sscanf (rule, "after:%uwd@%u-%u-%u%c", &a, &y, &m, &d, &tail) == 4)
    return g_strdup_printf ("%04u-%02u-%02u后%u个工作日内", y, m, d, a);
  if (sscanf (rule, "after:%uwd%c", &a, &tail) == 1 && g_str_has_suffix (rule, "wd"))
    return g_strdup_printf ("%u个工作日内", a);
  if (sscanf (rule, "every:%ud%c", &a, &tail) == 1 && g_str_has_suffix (rule, "d"))
    return g_strdup_printf ("每%u天", a);
  return g_strdup (rule);
}

static const char *
status_text (const char *status)
{
  if (g_str_equal (status, "done"))
    return "已完成";
  if (g_str_equal (status, "doing"))
    return "进行中";
  return "未开始";
}

/* 任务清单 */
static void
fill_tasks (Sheet    *sheet,
            gpointer  data)
{
  static const char * const labels[] = {
    "序号", "主要任务", "工作任务", "具体事项", "责任单位", "截止时间", "状态", "完成时间", "备注",
  };
  GkExportSnapshot *s = sheet->writer->snapshot;
  g_autofree char *title = g_strdup_printf ("%s政务公开工作任务清单", township_of (sheet));

  put_title (sheet, title);
  put_header_row (sheet, labels);

  for (guint i = 0; i < s->tasks->len; i++)
    {
      ExTask *task = g_ptr_array_index (s->tasks, i);
      gboolean overdue = !g_str_equal (task->status, "done") && *task->deadline != '\0' &&
                         strcmp (task->deadline, s->today) < 0;
      Style text = overdue ? STYLE_TEXT_OVERDUE : STYLE_TEXT;
      Style center = overdue ? STYLE_CENTER_OVERDUE : STYLE_CENTER;
      g_autofree char *rule = rule_text (task->rule);
      char *deadline, *status;
      guint row = 2 + i;

      if (*task->deadline != '\0' && *rule != '\0')
        deadline = g_strdup_printf ("%s（%s）", task->deadline, rule);
      else
        deadline = g_strdup (*task->deadline != '\0' ? task->deadline : rule);
      status = overdue ? g_strdup_printf ("%s（已逾期）", status_text (task->status))
                       : g_strdup (status_text (task->status));

      put_number (sheet, row, 0, i + 1, center);
      put_text (sheet, row, 1, task->category, text);
      put_text (sheet, row, 2, task->group, text);
      put_text (sheet, row, 3, task->title, text);
      put_text (sheet, row, 4, task->departments, text);
      put_text_take (sheet, row, 5, deadline, center);
      put_text_take (sheet, row, 6, status, center);
      put_text (sheet, row, 7, task->done_on, center);
      put_text (sheet, row, 8, task->note, text);
    }
}

static void
set_properties (Writer *writer)
{
  GkExportSnapshot *s = writer->snapshot;
  g_autofree char *title = g_strdup_printf ("%s基层政务公开标准目录（%s）",
                                            s->profile[GK_PROFILE_TOWNSHIP],
                                            s->profile[GK_PROFILE_YEAR]);
  g_autofree char *clean_title = gk_export_cell_text (title);
  g_autofree char *author = gk_export_cell_text (s->profile[GK_PROFILE_TOWNSHIP]);
  g_autofree char *company = gk_export_cell_text (s->profile[GK_PROFILE_COUNTY]);
  lxw_doc_properties properties = {
    .title = clean_title,
    .subject = (char *) "基层政务公开标准目录",
    .author = author,
    .company = company,
    .keywords = (char *) "政务公开,标准目录",
    .created = (time_t) g_date_time_to_unix (s->now),
  };

  check (writer, workbook_set_properties (writer->workbook, &properties));
}

/* Everything but the close; returns the first libxlsxwriter error. */
static lxw_error
write_workbook (Writer *writer)
{
  static const char * const fixed_sheets[] = { "说明", "汇总", "未涉及领域说明", "任务清单" };
  /* Column limits, in digit widths. */
  static const ColumnLimits readme_limits[] = { { 25, 25 }, { 40, 64 } };
  static const ColumnLimits summary_limits[] = {
    { 6, 6 }, { 14, 28 }, { 12, 24 }, { 8, 8 }, { 8, 8 }, { 8, 8 }, { 9, 9 }, { 24, 50 },
  };
  /* 序号 一级 二级 内容 依据 时限 主体 渠道 | 全社会 特定群体 | 主动 依申请 | 县级 乡级 */
  static const ColumnLimits domain_limits[] = {
    { 6, 6 }, { 8, 12 }, { 8, 14 }, { 16, 30 }, { 14, 24 }, { 10, 14 }, { 10, 14 }, { 12, 22 },
    { 6, 6 }, { 6, 6 }, { 6, 6 }, { 6, 6 }, { 6, 6 }, { 6, 6 },
  };
  static const ColumnLimits not_applicable_limits[] = {
    { 6, 6 }, { 14, 28 }, { 14, 14 }, { 10, 18 }, { 10, 20 }, { 30, 60 },
  };
  static const ColumnLimits task_limits[] = {
    { 6, 6 }, { 12, 22 }, { 12, 22 }, { 24, 44 }, { 12, 26 }, { 12, 24 }, { 10, 18 }, { 12, 12 },
    { 10, 24 },
  };
  GkExportSnapshot *s = writer->snapshot;

  init_wide_table ();
  make_formats (writer);
  set_properties (writer);

  /* The fixed sheets' names first, so that a custom domain called 汇总 becomes 汇总(2). */
  for (guint i = 0; i < G_N_ELEMENTS (fixed_sheets); i++)
    {
      g_hash_table_add (writer->sheet_names, g_strdup (fixed_sheets[i]));
      g_hash_table_add (writer->fixed_names, (gpointer) fixed_sheets[i]);
    }

  build_sheet (writer, "说明", 2, FALSE, readme_limits, fill_readme, NULL);
  build_sheet (writer, "汇总", 8, TRUE, summary_limits, fill_summary, NULL);
  for (guint i = 0; i < s->domains->len; i++)
    {
      ExDomain *domain = g_ptr_array_index (s->domains, i);
      if (domain->applicable)
        build_sheet (writer, domain->name, 14, TRUE, domain_limits, fill_domain, domain);
    }
  build_sheet (writer, "未涉及领域说明", 6, TRUE, not_applicable_limits, fill_not_applicable,
               NULL);
  if (s->tasks->len > 0)
    build_sheet (writer, "任务清单", 9, TRUE, task_limits, fill_tasks, NULL);
  return writer->error;
}

/* ---- checking what was written ---------------------------------------------------------- */

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

/* TRUE if @xml (its first bytes @head and last bytes @tail) closes the element it opens. */
static gboolean
xml_is_complete (const char *head,
                 gsize       head_len,
                 const char *tail,
                 gsize       tail_len)
{
  g_autofree char *closing = NULL;
  const char *p = head, *end = head + head_len, *name;
  gsize name_len;

  if (head_len > 5 && strncmp (p, "<?xml", 5) == 0)
    {
      p = memchr (p, '>', head_len);
      if (p == NULL)
        return FALSE;
      p++;
    }
  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p >= end || *p != '<')
    return FALSE;
  name = ++p;
  while (p < end && !g_ascii_isspace (*p) && *p != '>' && *p != '/')
    p++;
  name_len = (gsize) (p - name);
  if (name_len == 0 || p >= end)
    return FALSE;

  while (tail_len > 0 && g_ascii_isspace (tail[tail_len - 1]))
    tail_len--;
  closing = g_strdup_printf ("</%.*s>", (int) name_len, name);
  if (tail_len >= strlen (closing) &&
      memcmp (tail + tail_len - strlen (closing), closing, strlen (closing)) == 0)
    return TRUE;
  /* A root element with nothing in it: <foo …/>. */
  return tail_len >= 2 && tail[tail_len - 2] == '/' && tail[tail_len - 1] == '>' &&
         memchr (p, '<', (gsize) (end - p)) == NULL;
}

static gboolean
part_is_complete (const guint8 *data,
                  gsize         size,
                  guint16       method,
                  guint32       expected_size)
{
  g_autoptr(GConverter) inflater = NULL;
  char head[512], tail[512], buffer[65536];
  gsize head_len = 0, tail_len = 0, total = 0, in_pos = 0;
  GConverterResult result;

  if (method == 0)
    return size == expected_size &&
           xml_is_complete ((const char *) data, MIN (size, sizeof head),
                            (const char *) data + size - MIN (size, sizeof tail),
                            MIN (size, sizeof tail));
  if (method != 8)
    return FALSE;

  inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
  do
    {
      gsize read = 0, written = 0;

      result = g_converter_convert (inflater, data + in_pos, size - in_pos, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
      if (result == G_CONVERTER_ERROR)
        return FALSE;
      in_pos += read;
      if (head_len < sizeof head)
        {
          gsize n = MIN (sizeof head - head_len, written);
          memcpy (head + head_len, buffer, n);
          head_len += n;
        }
      if (written >= sizeof tail)
        {
          memcpy (tail, buffer + written - sizeof tail, sizeof tail);
          tail_len = sizeof tail;
        }
      else if (written > 0)
        {
          gsize keep = MIN (tail_len, sizeof tail - written);
          memmove (tail, tail + tail_len - keep, keep);
          memcpy (tail + keep, buffer, written);
          tail_len = keep + written;
        }
      total += written;
      if (read == 0 && written == 0 && result != G_CONVERTER_FINISHED)
        return FALSE;
    }
  while (result != G_CONVERTER_FINISHED);

  return total == expected_size && xml_is_complete (head, head_len, tail, tail_len);
}

/* libxlsxwriter builds each part in a temporary file and does not check those writes: a full
 * temporary folder would give a well-formed zip of cut-off sheets. Read the package back and
 * check that every XML part is whole. */
static gboolean
package_is_complete (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data, *eocd = NULL, *p, *end;
  gsize size;
  guint n_entries, n_xml = 0;

  if (mapped == NULL)
    return FALSE;
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  size = g_mapped_file_get_length (mapped);
  if (data == NULL || size < 22)
    return FALSE;

  for (p = data + size - 22; p >= data && p + 22 + 65535 >= data + size; p--)
    if (le32 (p) == 0x06054b50)
      {
        eocd = p;
        break;
      }
  if (eocd == NULL)
    return FALSE;

  n_entries = le16 (eocd + 10);
  p = data + le32 (eocd + 16);
  end = eocd;
  for (guint i = 0; i < n_entries; i++)
    {
      guint16 method, name_len, extra_len, comment_len;
      guint32 compressed, uncompressed, offset;
      const guint8 *local, *name;

      if (p + 46 > end || le32 (p) != 0x02014b50)
        return FALSE;
      method = le16 (p + 10);
      compressed = le32 (p + 20);
      uncompressed = le32 (p + 24);
      name_len = le16 (p + 28);
      extra_len = le16 (p + 30);
      comment_len = le16 (p + 32);
      offset = le32 (p + 42);
      name = p + 46;
      if (name + name_len > end)
        return FALSE;

      local = data + offset;
      if (offset + 30 > size || le32 (local) != 0x04034b50)
        return FALSE;
      local += 30 + le16 (local + 26) + le16 (local + 28);
      if (local + compressed > data + size)
        return FALSE;

      if ((name_len > 4 && memcmp (name + name_len - 4, ".xml", 4) == 0) ||
          (name_len > 5 && memcmp (name + name_len - 5, ".rels", 5) == 0))
        {
          if (!part_is_complete (local, compressed, method, uncompressed))
            {
              g_debug ("%.*s is incomplete", (int) name_len, name);
              return FALSE;
            }
          n_xml++;
        }
      p = name + name_len + extra_len + comment_len;
    }
  return n_xml > 0;
}

/* ---- the safe save ---------------------------------------------------------------------- */

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display)
{
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Cannot write “%s”: the disk is full. Free some space or choose another "
                     "disk, then export again."), display);
      break;
    case EFBIG:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Cannot write “%s”: the file is too large for this disk."), display);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Cannot write “%s”: you do not have permission to save in this folder. "
                     "Choose another folder."), display);
      break;
    case EROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("Cannot write “%s”: the disk is read-only. Choose another disk or "
                     "folder."), display);
      break;
    case EIO:
      g_set_error (error, G_IO_ERROR, code,
                   _("Cannot write “%s”: the disk reported an error. Check that it is still "
                     "connected, then export again."), display);
      break;
    default:
      g_set_error (error, G_IO_ERROR, code, _("Cannot write “%s”: %s."), display,
                   g_strerror (saved_errno));
      break;
    }
}

static gboolean folder_is_full (const char *folder);

/* After a failed or incomplete write with no telling errno: which disk is full, if any. */
static void
set_write_error (GError     **error,
                 const char  *display,
                 const char  *folder,
                 const char  *tmpdir,
                 const char  *detail)
{
  if (folder_is_full (folder))
    set_errno_error (error, ENOSPC, display);
  else if (folder_is_full (tmpdir))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("Cannot write “%s”: there is no space left for temporary files in “%s”. Free "
                   "some space, then export again."), display, tmpdir);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s."), display,
                 detail);
}

static gboolean
folder_is_full (const char *folder)
{
  struct statvfs info;

  /* Less than 1 MiB left: what a failed write of a few hundred kilobytes looks like. */
  return folder != NULL && statvfs (folder, &info) == 0 &&
         (guint64) info.f_bavail * info.f_frsize < 1024 * 1024;
}

/* The lock files of LibreOffice (.~lock.NAME#), WPS (.~NAME) and Microsoft Office (~$NAME,
 * and for long names ~$ plus the name without its first two characters). */
static char *
find_lock_file (const char *folder,
                const char *base)
{
  g_autofree char *libreoffice = g_strdup_printf (".~lock.%s#", base);
  g_autofree char *wps = g_strdup_printf (".~%s", base);
  g_autofree char *office = g_strdup_printf ("~$%s", base);
  g_autofree char *office_short = NULL;
  const char *candidates[4] = { libreoffice, wps, office, NULL };

  if (g_utf8_strlen (base, -1) > 2)
    {
      office_short = g_strdup_printf ("~$%s", g_utf8_offset_to_pointer (base, 2));
      candidates[3] = office_short;
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = NULL;

      if (candidates[i] == NULL)
        continue;
      path = g_build_filename (folder, candidates[i], NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

static char *
make_temp_file (const char  *folder,
                const char  *base,
                const char  *display,
                GError     **error)
{
  /* Hidden, beside the target, and recognisably ours. NAME_MAX is in bytes. */
  g_autofree char *name = strlen (base) < 200 ? g_strdup_printf (".~%s.XXXXXX", base)
                                              : g_strdup (".~gongkai-export.xlsx.XXXXXX");
  g_autofree char *path = g_build_filename (folder, name, NULL);
  int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0666);

  if (fd < 0)
    {
      int saved_errno = errno;
      set_errno_error (error, saved_errno, display);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

static gboolean
sync_file (const char *path,
           int        *saved_errno)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      *saved_errno = errno;
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  return close (fd) == 0 || (*saved_errno = errno, FALSE);
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: some file systems (FUSE, network) refuse fsync on a folder. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Writes the workbook to @path (a new, empty file). */
static gboolean
write_package (GkExportSnapshot  *snapshot,
               const char        *path,
               const char        *display,
               GError           **error)
{
  char *tmpdir = snapshot->tmpdir;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) fixed = g_hash_table_new (g_str_hash, g_str_equal);
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = tmpdir };
  g_autoptr(GHashTable) channels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  Writer writer = { snapshot, NULL, LXW_NO_ERROR, names, fixed, channels };
  locale_t c_numeric, previous;
  lxw_error err, close_err;
  int saved_errno = 0;

  /* libxlsxwriter prints doubles (widths, margins) with the C library: in a locale with a decimal
   * comma that would be broken XML. The C locale for this thread only, for the duration. */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  previous = c_numeric != (locale_t) 0 ? uselocale (c_numeric) : (locale_t) 0;

  writer.workbook = workbook_new_opt (path, &options);
  if (writer.workbook == NULL)
    {
      saved_errno = errno;
      if (previous != (locale_t) 0)
        uselocale (previous);
      if (c_numeric != (locale_t) 0)
        freelocale (c_numeric);
      if (saved_errno == 0 || saved_errno == ENOMEM)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: out of memory."),
                     display);
      else
        set_errno_error (error, saved_errno, display);
      return FALSE;
    }

  err = write_workbook (&writer);
  errno = 0;
  /* Closing writes the file, and frees the workbook whatever happens. */
  close_err = workbook_close (writer.workbook);
  saved_errno = errno;

  if (previous != (locale_t) 0)
    uselocale (previous);
  if (c_numeric != (locale_t) 0)
    freelocale (c_numeric);

  if (err == LXW_NO_ERROR)
    err = close_err;
  if (err != LXW_NO_ERROR)
    {
      g_debug ("libxlsxwriter: %s (errno %d)", lxw_strerror (err), saved_errno);
      if (saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EIO ||
          saved_errno == EACCES || saved_errno == EROFS)
        set_errno_error (error, saved_errno, display);
      else
        set_write_error (error, display, folder, tmpdir, lxw_strerror (err));
      return FALSE;
    }

  /* On disk before it takes the target's name: a power cut must not leave an empty file. */
  if (!sync_file (path, &saved_errno))
    {
      set_errno_error (error, saved_errno, display);
      return FALSE;
    }

  if (!package_is_complete (path))
    {
      set_write_error (error, display, folder, tmpdir,
                       _("the written file is incomplete. Check the free space on the disk and "
                         "in the temporary folder, then export again"));
      return FALSE;
    }
  return TRUE;
}

/* A target with no local path (a remote location): write locally, then copy. */
static gboolean
write_remote (GkExportSnapshot  *snapshot,
              GFile             *target,
              const char        *display,
              GError           **error)
{
  g_autofree char *folder = g_dir_make_tmp ("gongkai-export-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean ok;

  if (folder == NULL)
    return FALSE;
  path = g_build_filename (folder, "export.xlsx", NULL);
  ok = write_package (snapshot, path, display, error) &&
       g_file_get_contents (path, &contents, &length, error) &&
       /* GIO's own safe save: a temporary file on the remote side, then a rename. */
       g_file_replace_contents (target, contents, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, error);
  g_unlink (path);
  g_rmdir (folder);
  return ok;
}

gboolean
gk_export_snapshot_write (GkExportSnapshot  *snapshot,
                          GFile             *target,
                          GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *temp = NULL;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);

  display = g_file_get_parse_name (target);
  path = g_file_get_path (target);
  if (path == NULL)
    return write_remote (snapshot, target, display, error);

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot write “%s”: the folder does not exist."), display);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Cannot write “%s”: it is a folder."), display);
      return FALSE;
    }

  lock = find_lock_file (folder, base);
  if (lock != NULL && !snapshot->replace_locked)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is open in another program. Close it there, then export again."),
                   display);
      return FALSE;
    }

  temp = make_temp_file (folder, base, display, error);
  if (temp == NULL)
    return FALSE;

  if (!write_package (snapshot, temp, display, error))
    {
      g_unlink (temp);
      return FALSE;
    }

  if (g_rename (temp, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (temp);
      set_errno_error (error, saved_errno, display);
      return FALSE;
    }
  sync_folder (folder);
  return TRUE;
}

gboolean
gk_export_xlsx (GkCatalogue            *catalogue,
                const GkExportOptions  *options,
                GFile                  *target,
                GError                **error)
{
  g_autoptr(GkExportSnapshot) snapshot = NULL;

  g_return_val_if_fail (GK_IS_CATALOGUE (catalogue), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);

  snapshot = gk_export_snapshot_new (catalogue, options, error);
  return snapshot != NULL && gk_export_snapshot_write (snapshot, target, error);
}
