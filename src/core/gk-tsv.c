#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-error.h"
#include "gk-tsv.h"

struct _GkTsv
{
  char               *name;
  char               *text;      /* owned copy, split in place */
  char               *cursor;
  const char * const *header;
  guint               n_columns;
  guint               line;
  char              **fields;
};

void
gk_tsv_free (GkTsv *tsv)
{
  if (tsv == NULL)
    return;
  g_free (tsv->name);
  g_free (tsv->text);
  g_free (tsv->fields);
  g_free (tsv);
}

void
gk_tsv_set_error (GkTsv       *tsv,
                  GError     **error,
                  guint        column,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column > 0 && column <= tsv->n_columns)
    /* TRANSLATORS: file name, line number, column number, column name, message */
    g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: line %u, column %u (%s): %s"),
                 tsv->name, tsv->line, column, tsv->header[column - 1], message);
  else
    g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: line %u: %s"),
                 tsv->name, tsv->line, message);
}

/* Returns the next line, NUL-terminated, without its line ending; NULL at the end. */
static char *
next_line (GkTsv *tsv)
{
  char *start = tsv->cursor;
  char *end;

  if (start == NULL || *start == '\0')
    return NULL;

  end = strchr (start, '\n');
  if (end != NULL)
    {
      *end = '\0';
      tsv->cursor = end + 1;
    }
  else
    tsv->cursor = NULL;

  if (end != start && end != NULL && end[-1] == '\r')
    end[-1] = '\0';
  else if (end == NULL && start[0] != '\0' && start[strlen (start) - 1] == '\r')
    start[strlen (start) - 1] = '\0';

  tsv->line++;
  return start;
}

static guint
split_fields (GkTsv *tsv,
              char  *line)
{
  guint n = 0;
  char *p = line;

  for (;;)
    {
      char *tab = strchr (p, '\t');
      if (n < tsv->n_columns)
        tsv->fields[n] = p;
      n++;
      if (tab == NULL)
        break;
      *tab = '\0';
      p = tab + 1;
    }
  return n;
}

GkTsv *
gk_tsv_new (const char          *name,
            const char          *text,
            gsize                length,
            const char * const  *header,
            GError             **error)
{
  g_autoptr(GkTsv) tsv = g_new0 (GkTsv, 1);
  const char *end = NULL;
  char *line;
  guint n;

  tsv->name = g_strdup (name);
  tsv->header = header;
  tsv->n_columns = g_strv_length ((char **) header);
  tsv->fields = g_new0 (char *, tsv->n_columns);

  if (!g_utf8_validate (text, length, &end))
    {
      guint bad_line = 1;

      for (const char *p = text; p < end; p++)
        bad_line += *p == '\n';
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: line %u: not UTF-8 text (byte %u)"),
                   name, bad_line, (guint) (end - text));
      return NULL;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: not a text file"), name);
      return NULL;
    }

  tsv->text = g_strndup (text, length);
  tsv->cursor = tsv->text;
  /* A byte-order mark is what Windows editors put in front of UTF-8. */
  if (g_str_has_prefix (tsv->cursor, "\xef\xbb\xbf"))
    tsv->cursor += 3;

  line = next_line (tsv);
  if (line == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: the file is empty"), name);
      return NULL;
    }

  n = split_fields (tsv, line);
  for (guint i = 0; i < tsv->n_columns; i++)
    {
      if (i >= n || strcmp (tsv->fields[i], header[i]) != 0)
        {
          gk_tsv_set_error (tsv, error, i + 1, _("the header should be “%s”"), header[i]);
          return NULL;
        }
    }
  if (n != tsv->n_columns)
    {
      gk_tsv_set_error (tsv, error, 0, _("the header has %u columns instead of %u"), n, tsv->n_columns);
      return NULL;
    }

  return g_steal_pointer (&tsv);
}

gboolean
gk_tsv_next (GkTsv   *tsv,
             GError **error)
{
  char *line;
  guint n;

  do
    line = next_line (tsv);
  while (line != NULL && *line == '\0');

  if (line == NULL)
    return FALSE;

  n = split_fields (tsv, line);
  if (n != tsv->n_columns)
    {
      gk_tsv_set_error (tsv, error, 0, _("expected %u fields separated by tabs, found %u"),
                        tsv->n_columns, n);
      return FALSE;
    }
  return TRUE;
}

const char *
gk_tsv_get (GkTsv *tsv,
            guint  column)
{
  g_return_val_if_fail (column >= 1 && column <= tsv->n_columns, NULL);
  return tsv->fields[column - 1];
}

guint
gk_tsv_get_line (GkTsv *tsv)
{
  return tsv->line;
}

gboolean
gk_tsv_get_flag (GkTsv    *tsv,
                 guint     column,
                 gint8    *flag,
                 GError  **error)
{
  const char *value = gk_tsv_get (tsv, column);

  if (value[0] == '\0')
    *flag = -1;
  else if (strcmp (value, "1") == 0)
    *flag = 1;
  else if (strcmp (value, "0") == 0)
    *flag = 0;
  else
    {
      gk_tsv_set_error (tsv, error, column, _("expected 1, 0 or nothing, found “%s”"), value);
      return FALSE;
    }
  return TRUE;
}
