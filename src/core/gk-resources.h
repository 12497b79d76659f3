#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The library data (domains, standards, holidays) lives in a GResource inside the core library.
 * Registered by hand: constructors in a static library are dropped by the linker. */
void gk_core_register_resource (void);

G_END_DECLS
