#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gk-core.h"
#include "gk-data-resources.h"
#include "gk-resources.h"

void
gk_core_register_resource (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      gk_data_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

void
gk_core_init_i18n (void)
{
  /* Set by `meson devenv` so that a build tree runs translated without being installed. */
  const char *localedir = g_getenv ("GK_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
