#pragma once

#include "gk-item.h"

G_BEGIN_DECLS

/* Only the catalogue changes an item, and only after the store has committed the change. */
GkItem *gk_item_new             (gint64      id,
                                 int         domain_number);
void    gk_item_set_position    (GkItem     *self,
                                 int         position);
void    gk_item_set_text        (GkItem     *self,
                                 GkItemText  text,
                                 const char *value);
void    gk_item_set_channels    (GkItem     *self,
                                 guint       channels);
void    gk_item_set_flag        (GkItem     *self,
                                 GkFlag      flag,
                                 gboolean    value);
void    gk_item_set_origin      (GkItem     *self,
                                 const char *origin);
void    gk_item_set_confirmed   (GkItem     *self,
                                 gboolean    confirmed);
void    gk_item_set_updated_at  (GkItem     *self,
                                 const char *updated_at);

G_END_DECLS
