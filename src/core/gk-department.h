#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GK_DEPARTMENT_TOWNSHIP,  /* an office of the township (党政综合办公室, 社会事务办 …) */
  GK_DEPARTMENT_COUNTY,    /* a county department (县民政局 …) */
  GK_DEPARTMENT_OTHER,
} GkDepartmentKind;

const char *gk_department_kind_to_string   (GkDepartmentKind kind);
int         gk_department_kind_from_string (const char      *text);

#define GK_TYPE_DEPARTMENT (gk_department_get_type ())
G_DECLARE_FINAL_TYPE (GkDepartment, gk_department, GK, DEPARTMENT, GObject)

gint64            gk_department_get_id      (GkDepartment *self);
const char       *gk_department_get_name    (GkDepartment *self);
GkDepartmentKind  gk_department_get_kind    (GkDepartment *self);
const char       *gk_department_get_contact (GkDepartment *self);

/* Private to the catalogue. */
GkDepartment     *gk_department_new         (gint64            id,
                                             const char       *name,
                                             GkDepartmentKind  kind,
                                             const char       *contact);
void              gk_department_set_name    (GkDepartment     *self,
                                             const char       *name);
void              gk_department_set_contact (GkDepartment     *self,
                                             const char       *contact);

G_END_DECLS
