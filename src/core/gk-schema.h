#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SQL that takes a workspace from version @version - 1 to @version. */
const char *gk_schema_migration (int version);

G_END_DECLS
