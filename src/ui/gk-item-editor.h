#pragma once

#include <adwaita.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_ITEM_EDITOR (gk_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (GkItemEditor, gk_item_editor, GK, ITEM_EDITOR, AdwBin)

void     gk_item_editor_set_catalogue (GkItemEditor *self,
                                       GkCatalogue  *catalogue);
void     gk_item_editor_set_item      (GkItemEditor *self,
                                       GkItem       *item);
GkItem  *gk_item_editor_get_item      (GkItemEditor *self);
void     gk_item_editor_focus_field   (GkItemEditor *self,
                                       const char   *field);
gboolean gk_item_editor_flush         (GkItemEditor *self);

G_END_DECLS
