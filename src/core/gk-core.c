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
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
