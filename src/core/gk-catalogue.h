#pragma once

#include <gio/gio.h>

#include "gk-db.h"
#include "gk-department.h"
#include "gk-domain.h"
#include "gk-item.h"
#include "gk-standards.h"

G_BEGIN_DECLS

typedef enum
{
  GK_PROFILE_TOWNSHIP,
  GK_PROFILE_COUNTY,
  GK_PROFILE_PREFECTURE,
  GK_PROFILE_PROVINCE,
  GK_PROFILE_COMPILED_BY,
  GK_PROFILE_PHONE,
  GK_PROFILE_YEAR,
  GK_PROFILE_VERSION,
  GK_N_PROFILE_FIELDS
} GkProfileField;

const char *gk_profile_field_key      (GkProfileField field);
int         gk_profile_field_from_key (const char    *key);

#define GK_TYPE_CATALOGUE (gk_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (GkCatalogue, gk_catalogue, GK, CATALOGUE, GObject)

char         *gk_catalogue_default_path        (void);
GkCatalogue  *gk_catalogue_open                (const char     *path,
                                                gboolean        create,
                                                GError        **error);
GkCatalogue  *gk_catalogue_create              (const char     *path,
                                                const char     *township,
                                                const char     *county,
                                                GError        **error);
const char   *gk_catalogue_get_path            (GkCatalogue    *self);
GkDb         *gk_catalogue_get_db              (GkCatalogue    *self);
GkStandards  *gk_catalogue_get_standards       (GkCatalogue    *self);

char         *gk_catalogue_get_profile         (GkCatalogue    *self,
                                                GkProfileField  field);
gboolean      gk_catalogue_set_profile         (GkCatalogue    *self,
                                                GkProfileField  field,
                                                const char     *value,
                                                GError        **error);

GListModel   *gk_catalogue_get_domains         (GkCatalogue    *self);
GkDomain     *gk_catalogue_get_domain          (GkCatalogue    *self,
                                                int             number);
GkDomain     *gk_catalogue_find_domain         (GkCatalogue    *self,
                                                const char     *number_or_name);
gboolean      gk_catalogue_set_domain_applicable (GkCatalogue  *self,
                                                int             number,
                                                gboolean        applicable,
                                                const char     *reason,
                                                GError        **error);
gboolean      gk_catalogue_set_domain_local_lead (GkCatalogue  *self,
                                                int             number,
                                                const char     *local_lead,
                                                GError        **error);

GListModel   *gk_catalogue_list_items          (GkCatalogue    *self,
                                                int             domain_number,
                                                GError        **error);
GkItem       *gk_catalogue_get_item            (GkCatalogue    *self,
                                                gint64          id,
                                                GError        **error);
GkItem       *gk_catalogue_add_item            (GkCatalogue    *self,
                                                int             domain_number,
                                                const char     *level1,
                                                const char     *level2,
                                                GError        **error);
gboolean      gk_catalogue_set_item_text       (GkCatalogue    *self,
                                                GkItem         *item,
                                                GkItemText      text,
                                                const char     *value,
                                                GError        **error);
gboolean      gk_catalogue_set_item_flag       (GkCatalogue    *self,
                                                GkItem         *item,
                                                GkFlag          flag,
                                                gboolean        value,
                                                GError        **error);
gboolean      gk_catalogue_set_item_channels   (GkCatalogue    *self,
                                                GkItem         *item,
                                                guint           channels,
                                                GError        **error);
gboolean      gk_catalogue_set_item_confirmed  (GkCatalogue    *self,
                                                GkItem         *item,
                                                gboolean        confirmed,
                                                GError        **error);
gboolean      gk_catalogue_set_item_field      (GkCatalogue    *self,
                                                GkItem         *item,
                                                const char     *key,
                                                const char     *value,
                                                GError        **error);
gboolean      gk_catalogue_delete_item         (GkCatalogue    *self,
                                                gint64          id,
                                                const char     *reason,
                                                GError        **error);

GPtrArray    *gk_catalogue_list_available_standard_items (GkCatalogue *self,
                                                int             domain_number);
char         *gk_catalogue_get_deviation_reason (GkCatalogue   *self,
                                                const char     *standard_id);
GkItem       *gk_catalogue_restore_standard_item (GkCatalogue  *self,
                                                const char     *standard_id,
                                                GError        **error);
GkItem       *gk_catalogue_undelete_item       (GkCatalogue    *self,
                                                GkItem         *snapshot,
                                                GError        **error);
gboolean      gk_catalogue_move_item           (GkCatalogue    *self,
                                                GkItem         *item,
                                                guint           new_index,
                                                GError        **error);
char         *gk_standard_item_field_text      (const GkStandardItem *std,
                                                const char     *key);
char         *gk_item_field_text               (GkItem         *item,
                                                const char     *key);
gboolean      gk_catalogue_reset_item_field    (GkCatalogue    *self,
                                                GkItem         *item,
                                                const char     *key,
                                                GError        **error);
GListModel   *gk_catalogue_search              (GkCatalogue    *self,
                                                const char     *query,
                                                guint           limit,
                                                GError        **error);

GListModel   *gk_catalogue_get_departments     (GkCatalogue    *self);
GkDepartment *gk_catalogue_find_department     (GkCatalogue    *self,
                                                const char     *name);
GkDepartment *gk_catalogue_add_department      (GkCatalogue    *self,
                                                const char     *name,
                                                GkDepartmentKind kind,
                                                GError        **error);
GkDepartment *gk_catalogue_ensure_department   (GkCatalogue    *self,
                                                const char     *name,
                                                GkDepartmentKind kind,
                                                GError        **error);
gboolean      gk_catalogue_rename_department   (GkCatalogue    *self,
                                                GkDepartment   *department,
                                                const char     *name,
                                                guint          *n_items_changed,
                                                GError        **error);
gboolean      gk_catalogue_set_department_contact (GkCatalogue *self,
                                                GkDepartment   *department,
                                                const char     *contact,
                                                GError        **error);
gboolean      gk_catalogue_remove_department   (GkCatalogue    *self,
                                                GkDepartment   *department,
                                                GError        **error);
char         *gk_replace_name_in_list          (const char     *list,
                                                const char     *old_name,
                                                const char     *new_name);

G_END_DECLS
