#include "config.h"

#include "gk-ui-util.h"

AdwToast *
gk_toast_new_literal (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}
