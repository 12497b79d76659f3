#include "config.h"

#include "gk-department.h"

struct _GkDepartment
{
  GObject           parent_instance;
  gint64            id;
  char             *name;
  GkDepartmentKind  kind;
  char             *contact;
};

G_DEFINE_FINAL_TYPE (GkDepartment, gk_department, G_TYPE_OBJECT)

enum { PROP_0, PROP_ID, PROP_NAME, PROP_KIND, PROP_CONTACT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "township", "county", "other" };

const char *
gk_department_kind_to_string (GkDepartmentKind kind)
{
  g_return_val_if_fail (kind <= GK_DEPARTMENT_OTHER, NULL);
  return kind_names[kind];
}

int
gk_department_kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      return (int) i;
  return -1;
}

static void
gk_department_finalize (GObject *object)
{
  GkDepartment *self = GK_DEPARTMENT (object);

  g_free (self->name);
  g_free (self->contact);
  G_OBJECT_CLASS (gk_department_parent_class)->finalize (object);
}

static void
gk_department_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GkDepartment *self = GK_DEPARTMENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_CONTACT: g_value_set_string (value, self->contact); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_department_class_init (GkDepartmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gk_department_finalize;
  object_class->get_property = gk_department_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, GK_DEPARTMENT_OTHER, 0, flags);
  properties[PROP_CONTACT] = g_param_spec_string ("contact", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_department_init (GkDepartment *self)
{
}

GkDepartment *
gk_department_new (gint64            id,
                   const char       *name,
                   GkDepartmentKind  kind,
                   const char       *contact)
{
  GkDepartment *self = g_object_new (GK_TYPE_DEPARTMENT, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->kind = kind;
  self->contact = g_strdup (contact != NULL ? contact : "");
  return self;
}

gint64 gk_department_get_id (GkDepartment *self) { return self->id; }
const char *gk_department_get_name (GkDepartment *self) { return self->name; }
GkDepartmentKind gk_department_get_kind (GkDepartment *self) { return self->kind; }
const char *gk_department_get_contact (GkDepartment *self) { return self->contact; }

void
gk_department_set_name (GkDepartment *self,
                        const char   *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
gk_department_set_contact (GkDepartment *self,
                           const char   *contact)
{
  if (g_strcmp0 (self->contact, contact) == 0)
    return;
  g_free (self->contact);
  self->contact = g_strdup (contact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}
