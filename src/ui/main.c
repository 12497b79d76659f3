#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "gk-application.h"
#include "gk-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GkApplication) app = NULL;

  setlocale (LC_ALL, "");
  gk_core_init_i18n ();
  textdomain (GETTEXT_PACKAGE);

  app = gk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
