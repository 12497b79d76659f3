#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is: in libadwaita 1.2 a toast's title is markup, and messages
 * carry names typed by users ("财政&社保所"). */
AdwToast *gk_toast_new_literal (const char *text);

G_END_DECLS
