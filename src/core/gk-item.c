#include "config.h"

#include <string.h>

#include "gk-item-private.h"

struct _GkItem
{
  GObject  parent_instance;
  gint64   id;
  int      domain_number;
  int      position;
  char    *texts[GK_ITEM_N_TEXTS];
  guint    channels;
  gboolean flags[GK_N_FLAGS];
  char    *origin;
  gboolean confirmed;
  char    *updated_at;
};

G_DEFINE_FINAL_TYPE (GkItem, gk_item, G_TYPE_OBJECT)

static const char * const text_keys[GK_ITEM_N_TEXTS] = {
  "level1", "level2", "content", "basis", "time_limit", "subject", "channels_other", "note",
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DOMAIN_NUMBER,
  PROP_POSITION,
  PROP_CHANNELS,
  PROP_ORIGIN,
  PROP_CONFIRMED,
  PROP_UPDATED_AT,
  PROP_FIRST_TEXT,
  PROP_FIRST_FLAG = PROP_FIRST_TEXT + GK_ITEM_N_TEXTS,
  N_PROPS = PROP_FIRST_FLAG + GK_N_FLAGS
};

static GParamSpec *properties[N_PROPS];

const char *
gk_item_text_key (GkItemText text)
{
  g_return_val_if_fail (text < GK_ITEM_N_TEXTS, NULL);
  return text_keys[text];
}

int
gk_item_text_from_key (const char *key)
{
  for (guint i = 0; i < GK_ITEM_N_TEXTS; i++)
    if (g_strcmp0 (key, text_keys[i]) == 0)
      return (int) i;
  return -1;
}

static void
gk_item_finalize (GObject *object)
{
  GkItem *self = GK_ITEM (object);

  for (guint i = 0; i < GK_ITEM_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_free (self->origin);
  g_free (self->updated_at);

  G_OBJECT_CLASS (gk_item_parent_class)->finalize (object);
}

static void
gk_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GkItem *self = GK_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_DOMAIN_NUMBER: g_value_set_int (value, self->domain_number); break;
    case PROP_POSITION: g_value_set_int (value, self->position); break;
    case PROP_CHANNELS: g_value_set_uint (value, self->channels); break;
    case PROP_ORIGIN: g_value_set_string (value, self->origin); break;
    case PROP_CONFIRMED: g_value_set_boolean (value, self->confirmed); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_FLAG)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else if (prop_id >= PROP_FIRST_FLAG && prop_id < N_PROPS)
        g_value_set_boolean (value, self->flags[prop_id - PROP_FIRST_FLAG]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_item_class_init (GkItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gk_item_finalize;
  object_class->get_property = gk_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DOMAIN_NUMBER] = g_param_spec_int ("domain-number", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CHANNELS] = g_param_spec_uint ("channels", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, flags);
  properties[PROP_CONFIRMED] = g_param_spec_boolean ("confirmed", NULL, NULL, FALSE, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);

  for (guint i = 0; i < GK_ITEM_N_TEXTS; i++)
    {
      /* Property names are the keys with dashes: "time-limit", "channels-other". Static
       * storage because the pspec keeps the pointer. */
      static char names[GK_ITEM_N_TEXTS][32];
      g_strlcpy (names[i], text_keys[i], sizeof names[i]);
      g_strdelimit (names[i], "_", '-');
      properties[PROP_FIRST_TEXT + i] =
        g_param_spec_string (names[i], NULL, NULL, "", flags);
    }
  for (guint i = 0; i < GK_N_FLAGS; i++)
    {
      static char names[GK_N_FLAGS][32];
      g_strlcpy (names[i], gk_flag_key (i), sizeof names[i]);
      g_strdelimit (names[i], "_", '-');
      properties[PROP_FIRST_FLAG + i] = g_param_spec_boolean (names[i], NULL, NULL, FALSE, flags);
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_item_init (GkItem *self)
{
  for (guint i = 0; i < GK_ITEM_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->origin = g_strdup ("local");
  self->updated_at = g_strdup ("");
}

GkItem *
gk_item_new (gint64 id,
             int    domain_number)
{
  GkItem *self = g_object_new (GK_TYPE_ITEM, NULL);

  self->id = id;
  self->domain_number = domain_number;
  return self;
}

gint64
gk_item_get_id (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), 0);
  return self->id;
}

int
gk_item_get_domain_number (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), 0);
  return self->domain_number;
}

int
gk_item_get_position (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), 0);
  return self->position;
}

const char *
gk_item_get_text (GkItem     *self,
                  GkItemText  text)
{
  g_return_val_if_fail (GK_IS_ITEM (self), NULL);
  g_return_val_if_fail (text < GK_ITEM_N_TEXTS, NULL);
  return self->texts[text];
}

guint
gk_item_get_channels (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), 0);
  return self->channels;
}

gboolean
gk_item_get_flag (GkItem *self,
                  GkFlag  flag)
{
  g_return_val_if_fail (GK_IS_ITEM (self), FALSE);
  g_return_val_if_fail (flag < GK_N_FLAGS, FALSE);
  return self->flags[flag];
}

const char *
gk_item_get_origin (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), NULL);
  return self->origin;
}

/* "20-03" for an item taken from the standard library, NULL for a local item. */
const char *
gk_item_get_standard_id (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), NULL);
  if (g_str_has_prefix (self->origin, "standard:"))
    return self->origin + strlen ("standard:");
  return NULL;
}

gboolean
gk_item_get_confirmed (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), FALSE);
  return self->confirmed;
}

const char *
gk_item_get_updated_at (GkItem *self)
{
  g_return_val_if_fail (GK_IS_ITEM (self), NULL);
  return self->updated_at;
}

void
gk_item_set_position (GkItem *self,
                      int     position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

void
gk_item_set_text (GkItem     *self,
                  GkItemText  text,
                  const char *value)
{
  g_return_if_fail (text < GK_ITEM_N_TEXTS);

  if (g_strcmp0 (self->texts[text], value) == 0)
    return;
  g_free (self->texts[text]);
  self->texts[text] = g_strdup (value != NULL ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + text]);
}

void
gk_item_set_channels (GkItem *self,
                      guint   channels)
{
  if (self->channels == channels)
    return;
  self->channels = channels;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
}

void
gk_item_set_flag (GkItem   *self,
                  GkFlag    flag,
                  gboolean  value)
{
  g_return_if_fail (flag < GK_N_FLAGS);

  value = !!value;
  if (self->flags[flag] == value)
    return;
  self->flags[flag] = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FLAG + flag]);
}

void
gk_item_set_origin (GkItem     *self,
                    const char *origin)
{
  g_free (self->origin);
  self->origin = g_strdup (origin);
}

void
gk_item_set_confirmed (GkItem   *self,
                       gboolean  confirmed)
{
  confirmed = !!confirmed;
  if (self->confirmed == confirmed)
    return;
  self->confirmed = confirmed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMED]);
}

void
gk_item_set_updated_at (GkItem     *self,
                        const char *updated_at)
{
  if (g_strcmp0 (self->updated_at, updated_at) == 0)
    return;
  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}
