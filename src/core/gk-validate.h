#pragma once

#include <gio/gio.h>

#include "gk-catalogue.h"
#include "gk-problem.h"

G_BEGIN_DECLS

/* Every rule of the catalogue lives here, and nowhere else: the window, the CLI and the
 * workbook's 说明 sheet all report what these functions find. Rule ids are stable (used by
 * tests and scripts); messages are in the user's language. */

GListModel *gk_validate_catalogue      (GkCatalogue *catalogue,
                                        GError     **error);
GListModel *gk_validate_domain         (GkCatalogue *catalogue,
                                        int          domain_number,
                                        GError     **error);
void        gk_validate_count          (GListModel  *problems,
                                        guint       *n_errors,
                                        guint       *n_warnings);
gboolean    gk_validate_item_complete  (GListModel  *problems,
                                        gint64       item_id);
const char *gk_validate_field_label    (const char  *field);
gboolean    gk_validate_item_has_errors (GkCatalogue *catalogue,
                                        GkItem      *item);

G_END_DECLS
