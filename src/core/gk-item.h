#pragma once

#include <glib-object.h>

#include "gk-standards.h"

G_BEGIN_DECLS

/* The free-text columns of an item, named as in the database, the CLI and JSON. */
typedef enum
{
  GK_ITEM_LEVEL1,
  GK_ITEM_LEVEL2,
  GK_ITEM_CONTENT,
  GK_ITEM_BASIS,
  GK_ITEM_TIME_LIMIT,
  GK_ITEM_SUBJECT,
  GK_ITEM_CHANNELS_OTHER,
  GK_ITEM_NOTE,
  GK_ITEM_N_TEXTS
} GkItemText;

const char *gk_item_text_key      (GkItemText  text);
int         gk_item_text_from_key (const char *key);

#define GK_TYPE_ITEM (gk_item_get_type ())
G_DECLARE_FINAL_TYPE (GkItem, gk_item, GK, ITEM, GObject)

gint64       gk_item_get_id            (GkItem     *self);
int          gk_item_get_domain_number (GkItem     *self);
int          gk_item_get_position      (GkItem     *self);
const char  *gk_item_get_text          (GkItem     *self,
                                        GkItemText  text);
guint        gk_item_get_channels      (GkItem     *self);
gboolean     gk_item_get_flag          (GkItem     *self,
                                        GkFlag      flag);
const char  *gk_item_get_origin        (GkItem     *self);
const char  *gk_item_get_standard_id   (GkItem     *self);
gboolean     gk_item_get_confirmed     (GkItem     *self);
const char  *gk_item_get_updated_at    (GkItem     *self);

G_END_DECLS
