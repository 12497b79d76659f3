#pragma once

#include <adwaita.h>

#include "gk-catalogue.h"

G_BEGIN_DECLS

#define GK_TYPE_APPLICATION (gk_application_get_type ())
G_DECLARE_FINAL_TYPE (GkApplication, gk_application, GK, APPLICATION, AdwApplication)

GkApplication *gk_application_new           (void);
GSettings     *gk_application_get_settings  (GkApplication *self);

G_END_DECLS
