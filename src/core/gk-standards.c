#define G_LOG_DOMAIN "Gongkai-Standards"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-channels.h"
#include "gk-error.h"
#include "gk-resources.h"
#include "gk-standards.h"
#include "gk-tsv.h"

#define BUILTIN_URI "resource:///io/github/gongkai/Gongkai/data"

struct _GkStandards
{
  GObject     parent_instance;
  GPtrArray  *domains;      /* GkDomainInfo, by number */
  GHashTable *items_by_id;  /* id → GkStandardItem (borrowed from items) */
  GHashTable *items_by_domain; /* number → GPtrArray of GkStandardItem */
  guint       n_items;
};

G_DEFINE_FINAL_TYPE (GkStandards, gk_standards, G_TYPE_OBJECT)

static const char * const flag_keys[GK_N_FLAGS] = {
  "audience_all", "audience_specific", "mode_active", "mode_request", "level_county", "level_township",
};

static const char * const domain_header[] = {
  "number", "code", "name", "aliases", "lead_department", "guideline", NULL
};

enum { D_NUMBER = 1, D_CODE, D_NAME, D_ALIASES, D_LEAD, D_GUIDELINE };

static const char * const item_header[] = {
  "id", "level1", "level2", "content", "basis", "time_limit", "subject", "channels",
  "audience_all", "audience_specific", "mode_active", "mode_request", "level_county",
  "level_township", "flags", "source_url", "note", NULL
};

enum {
  I_ID = 1, I_LEVEL1, I_LEVEL2, I_CONTENT, I_BASIS, I_TIME_LIMIT, I_SUBJECT, I_CHANNELS,
  I_FIRST_FLAG, I_FLAGS = I_FIRST_FLAG + GK_N_FLAGS, I_SOURCE, I_NOTE
};

const char *
gk_flag_key (GkFlag flag)
{
  g_return_val_if_fail (flag < GK_N_FLAGS, NULL);
  return flag_keys[flag];
}

int
gk_flag_from_key (const char *key)
{
  for (guint i = 0; i < GK_N_FLAGS; i++)
    if (g_strcmp0 (key, flag_keys[i]) == 0)
      return (int) i;
  return -1;
}

const char *
gk_provenance_to_string (GkProvenance provenance)
{
  switch (provenance)
    {
    case GK_PROVENANCE_SEEN: return "seen";
    case GK_PROVENANCE_INFERRED: return "inferred";
    case GK_PROVENANCE_UNKNOWN:
    default: return "unknown";
    }
}

gboolean
gk_standard_item_is_township (const GkStandardItem *item)
{
  return item->flags[GK_FLAG_LEVEL_TOWNSHIP] == 1;
}

static void
domain_info_free (gpointer data)
{
  GkDomainInfo *info = data;

  g_free (info->code);
  g_free (info->name);
  g_strfreev (info->aliases);
  g_free (info->lead_department);
  g_free (info->guideline);
  g_free (info);
}

static void
standard_item_free (gpointer data)
{
  GkStandardItem *item = data;

  g_free (item->id);
  g_free (item->level1);
  g_free (item->level2);
  g_free (item->content);
  g_free (item->basis);
  g_free (item->time_limit);
  g_free (item->subject);
  g_free (item->channels_other);
  g_free (item->source_url);
  g_free (item->note);
  g_free (item);
}

static void
gk_standards_finalize (GObject *object)
{
  GkStandards *self = GK_STANDARDS (object);

  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->items_by_domain, g_hash_table_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);

  G_OBJECT_CLASS (gk_standards_parent_class)->finalize (object);
}

static void
gk_standards_class_init (GkStandardsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gk_standards_finalize;
}

static void
gk_standards_init (GkStandards *self)
{
  self->domains = g_ptr_array_new_with_free_func (domain_info_free);
  self->items_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->items_by_domain = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
parse_number (const char *text,
              int         min,
              int         max,
              int        *out)
{
  char *end = NULL;
  long value;

  if (text[0] < '0' || text[0] > '9')
    return FALSE;
  value = strtol (text, &end, 10);
  if (*end != '\0' || value < min || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static GBytes *
load_file (GFile   *file,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &local_error);

  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read “%s”: %s"), name, local_error->message);
    }
  return g_steal_pointer (&bytes);
}

static gboolean
load_domains (GkStandards  *self,
              GFile        *file,
              GError      **error)
{
  g_autoptr(GBytes) bytes = load_file (file, error);
  g_autoptr(GkTsv) tsv = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  tsv = gk_tsv_new ("domains.tsv", data, length, domain_header, error);
  if (tsv == NULL)
    return FALSE;

  while (gk_tsv_next (tsv, &local_error))
    {
      GkDomainInfo *info;
      int number;

      if (!parse_number (gk_tsv_get (tsv, D_NUMBER), 1, 999, &number))
        {
          gk_tsv_set_error (tsv, error, D_NUMBER, _("not a domain number: “%s”"), gk_tsv_get (tsv, D_NUMBER));
          return FALSE;
        }
      if (gk_standards_find_domain (self, gk_tsv_get (tsv, D_NUMBER)) != NULL)
        {
          gk_tsv_set_error (tsv, error, D_NUMBER, _("domain %d appears twice"), number);
          return FALSE;
        }
      if (*gk_tsv_get (tsv, D_NAME) == '\0' || *gk_tsv_get (tsv, D_CODE) == '\0')
        {
          gk_tsv_set_error (tsv, error, *gk_tsv_get (tsv, D_CODE) == '\0' ? D_CODE : D_NAME,
                            _("must not be empty"));
          return FALSE;
        }

      info = g_new0 (GkDomainInfo, 1);
      info->number = number;
      info->code = g_strdup (gk_tsv_get (tsv, D_CODE));
      info->name = g_strdup (gk_tsv_get (tsv, D_NAME));
      info->aliases = *gk_tsv_get (tsv, D_ALIASES) != '\0'
                        ? g_strsplit (gk_tsv_get (tsv, D_ALIASES), ";", -1)
                        : g_new0 (char *, 1);
      info->lead_department = g_strdup (gk_tsv_get (tsv, D_LEAD));
      info->guideline = g_strdup (gk_tsv_get (tsv, D_GUIDELINE));
      g_ptr_array_add (self->domains, info);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (self->domains->len == 0)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("%s: no domains"), "domains.tsv");
      return FALSE;
    }
  return TRUE;
}

static GkStandardItem *
parse_item (GkTsv    *tsv,
            int       domain_number,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  GkStandardItem *item;
  const char *id = gk_tsv_get (tsv, I_ID);
  const char *provenance = gk_tsv_get (tsv, I_FLAGS);
  int id_domain, id_item;
  guint channels;
  char *other = NULL;
  gint8 flags[GK_N_FLAGS];

  if (strlen (id) < 5 || id[2] != '-' ||
      !parse_number (((char[3]) { id[0], id[1], '\0' }), 1, 999, &id_domain) ||
      !parse_number (id + 3, 1, 9999, &id_item))
    {
      gk_tsv_set_error (tsv, error, I_ID, _("an id looks like “20-03”, found “%s”"), id);
      return NULL;
    }
  if (id_domain != domain_number)
    {
      gk_tsv_set_error (tsv, error, I_ID, _("the id “%s” belongs to domain %d, not %d"),
                        id, id_domain, domain_number);
      return NULL;
    }
  if (*gk_tsv_get (tsv, I_LEVEL1) == '\0')
    {
      gk_tsv_set_error (tsv, error, I_LEVEL1, _("must not be empty"));
      return NULL;
    }
  if (!gk_channels_parse (gk_tsv_get (tsv, I_CHANNELS), &channels, &other, &local_error))
    {
      gk_tsv_set_error (tsv, error, I_CHANNELS, "%s", local_error->message);
      return NULL;
    }
  for (guint f = 0; f < GK_N_FLAGS; f++)
    if (!gk_tsv_get_flag (tsv, I_FIRST_FLAG + f, &flags[f], error))
      {
        g_free (other);
        return NULL;
      }

  item = g_new0 (GkStandardItem, 1);
  if (strcmp (provenance, "seen") == 0)
    item->provenance = GK_PROVENANCE_SEEN;
  else if (strcmp (provenance, "inferred") == 0)
    item->provenance = GK_PROVENANCE_INFERRED;
  else if (strcmp (provenance, "unknown") == 0)
    item->provenance = GK_PROVENANCE_UNKNOWN;
  else
    {
      gk_tsv_set_error (tsv, error, I_FLAGS, _("expected seen, inferred or unknown, found “%s”"), provenance);
      g_free (other);
      g_free (item);
      return NULL;
    }

  item->id = g_strdup (id);
  item->domain_number = domain_number;
  item->item_number = id_item;
  item->level1 = g_strdup (gk_tsv_get (tsv, I_LEVEL1));
  item->level2 = g_strdup (gk_tsv_get (tsv, I_LEVEL2));
  item->content = g_strdup (gk_tsv_get (tsv, I_CONTENT));
  item->basis = g_strdup (gk_tsv_get (tsv, I_BASIS));
  item->time_limit = g_strdup (gk_tsv_get (tsv, I_TIME_LIMIT));
  item->subject = g_strdup (gk_tsv_get (tsv, I_SUBJECT));
  item->channels = channels;
  item->channels_other = other;
  memcpy (item->flags, flags, sizeof flags);
  item->source_url = g_strdup (gk_tsv_get (tsv, I_SOURCE));
  item->note = g_strdup (gk_tsv_get (tsv, I_NOTE));
  return item;
}

static gboolean
load_items (GkStandards  *self,
            GFile        *file,
            GError      **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GkTsv) tsv = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const GkDomainInfo *domain;
  int number;
  gsize length;
  const char *data;

  if (!g_ascii_isdigit (name[0]) || !g_ascii_isdigit (name[1]) || name[2] != '-' ||
      !parse_number (((char[3]) { name[0], name[1], '\0' }), 1, 999, &number) ||
      (domain = gk_standards_find_domain (self, ((char[3]) { name[0], name[1], '\0' }))) == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_PARSE,
                   _("%s: the file name must start with the number of a domain in domains.tsv"), name);
      return FALSE;
    }

  bytes = load_file (file, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  tsv = gk_tsv_new (name, data, length, item_header, error);
  if (tsv == NULL)
    return FALSE;

  items = g_ptr_array_new_with_free_func (standard_item_free);
  while (gk_tsv_next (tsv, &local_error))
    {
      GkStandardItem *item = parse_item (tsv, domain->number, error);

      if (item == NULL)
        return FALSE;
      if (g_hash_table_contains (self->items_by_id, item->id))
        {
          gk_tsv_set_error (tsv, error, I_ID, _("the id “%s” appears twice"), item->id);
          standard_item_free (item);
          return FALSE;
        }
      g_hash_table_insert (self->items_by_id, item->id, item);
      g_ptr_array_add (items, item);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->n_items += items->len;
  g_hash_table_insert (self->items_by_domain, GINT_TO_POINTER (domain->number), g_steal_pointer (&items));
  return TRUE;
}

static int
compare_domains (gconstpointer a,
                 gconstpointer b)
{
  const GkDomainInfo *da = *(GkDomainInfo * const *) a;
  const GkDomainInfo *db = *(GkDomainInfo * const *) b;
  return da->number - db->number;
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GkStandards *
load_from (GFile   *root,
           GError **error)
{
  g_autoptr(GkStandards) self = g_object_new (GK_TYPE_STANDARDS, NULL);
  g_autoptr(GFile) domains_file = g_file_get_child (root, "domains.tsv");
  g_autoptr(GFile) dir = g_file_get_child (root, "standards");
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  if (!load_domains (self, domains_file, error))
    return NULL;
  g_ptr_array_sort (self->domains, compare_domains);

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (enumerator == NULL)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, _("Cannot read the standards folder: %s"),
                   local_error->message);
      return NULL;
    }
  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      if (g_str_has_suffix (name, ".tsv"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  /* Directory order is arbitrary; file order decides which file wins a duplicate id. */
  g_ptr_array_sort (names, compare_files);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, g_ptr_array_index (names, i));
      if (!load_items (self, file, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * gk_standards_get_builtin:
 *
 * The national standard library compiled into the program. Loaded once; every caller gets a
 * new reference to the same object.
 */
GkStandards *
gk_standards_get_builtin (GError **error)
{
  static GMutex lock;
  static GkStandards *builtin;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(GFile) root = NULL;

  /* The app opens its workspace on a thread while GTK starts: callers may be on any thread. */
  if (builtin != NULL)
    return g_object_ref (builtin);

  gk_core_register_resource ();
  root = g_file_new_for_uri (BUILTIN_URI);
  builtin = load_from (root, error);
  if (builtin == NULL)
    return NULL;
  g_object_add_weak_pointer (G_OBJECT (builtin), (gpointer *) &builtin);
  return builtin;
}

GkStandards *
gk_standards_new_from_dir (const char  *dir,
                           GError     **error)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  return load_from (root, error);
}

guint
gk_standards_get_n_domains (GkStandards *self)
{
  return self->domains->len;
}

const GkDomainInfo *
gk_standards_get_domain (GkStandards *self,
                         guint        index)
{
  g_return_val_if_fail (index < self->domains->len, NULL);
  return g_ptr_array_index (self->domains, index);
}

/* Accepts "20", "社会救助", the code "shehui-jiuzhu", or an alias such as "医疗卫生". */
const GkDomainInfo *
gk_standards_find_domain (GkStandards *self,
                          const char  *number_or_name)
{
  int number = 0;
  gboolean is_number;

  g_return_val_if_fail (number_or_name != NULL, NULL);

  is_number = parse_number (number_or_name, 1, 999, &number);
  for (guint i = 0; i < self->domains->len; i++)
    {
      const GkDomainInfo *info = g_ptr_array_index (self->domains, i);

      if (is_number ? info->number == number
                    : (strcmp (info->name, number_or_name) == 0 ||
                       strcmp (info->code, number_or_name) == 0 ||
                       g_strv_contains ((const char * const *) info->aliases, number_or_name)))
        return info;
    }
  return NULL;
}

GPtrArray *
gk_standards_get_items (GkStandards *self,
                        int          domain_number)
{
  GPtrArray *items = g_hash_table_lookup (self->items_by_domain, GINT_TO_POINTER (domain_number));

  return items != NULL ? g_ptr_array_ref (items) : g_ptr_array_new ();
}

const GkStandardItem *
gk_standards_lookup (GkStandards *self,
                     const char  *id)
{
  return g_hash_table_lookup (self->items_by_id, id);
}

guint
gk_standards_get_n_items (GkStandards *self)
{
  return self->n_items;
}
