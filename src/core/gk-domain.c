#include "config.h"

#include "gk-domain-private.h"

struct _GkDomain
{
  GObject   parent_instance;
  int       number;
  char     *code;
  char     *name;
  char     *national_lead;
  char     *local_lead;
  gboolean  applicable;
  char     *reason;
  gboolean  custom;
  guint     n_items;
  guint     n_complete;
  guint     n_errors;
};

G_DEFINE_FINAL_TYPE (GkDomain, gk_domain, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_CODE,
  PROP_NAME,
  PROP_NATIONAL_LEAD,
  PROP_LOCAL_LEAD,
  PROP_APPLICABLE,
  PROP_REASON,
  PROP_CUSTOM,
  PROP_N_ITEMS,
  PROP_N_COMPLETE,
  PROP_N_ERRORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gk_domain_finalize (GObject *object)
{
  GkDomain *self = GK_DOMAIN (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->national_lead);
  g_free (self->local_lead);
  g_free (self->reason);

  G_OBJECT_CLASS (gk_domain_parent_class)->finalize (object);
}

static void
gk_domain_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GkDomain *self = GK_DOMAIN (object);

  switch (prop_id)
    {
    case PROP_NUMBER: g_value_set_int (value, self->number); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_NATIONAL_LEAD: g_value_set_string (value, self->national_lead); break;
    case PROP_LOCAL_LEAD: g_value_set_string (value, self->local_lead); break;
    case PROP_APPLICABLE: g_value_set_boolean (value, self->applicable); break;
    case PROP_REASON: g_value_set_string (value, self->reason); break;
    case PROP_CUSTOM: g_value_set_boolean (value, self->custom); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    case PROP_N_COMPLETE: g_value_set_uint (value, self->n_complete); break;
    case PROP_N_ERRORS: g_value_set_uint (value, self->n_errors); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_domain_class_init (GkDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gk_domain_finalize;
  object_class->get_property = gk_domain_get_property;

  properties[PROP_NUMBER] = g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_NATIONAL_LEAD] = g_param_spec_string ("national-lead", NULL, NULL, NULL, flags);
  properties[PROP_LOCAL_LEAD] = g_param_spec_string ("local-lead", NULL, NULL, NULL, flags);
  properties[PROP_APPLICABLE] = g_param_spec_boolean ("applicable", NULL, NULL, TRUE, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOM] = g_param_spec_boolean ("custom", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_COMPLETE] = g_param_spec_uint ("n-complete", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_domain_init (GkDomain *self)
{
}

static void
update_string (GkDomain   *self,
               char      **field,
               const char *value,
               guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_uint (GkDomain *self,
             guint    *field,
             guint     value,
             guint     prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
gk_domain_update (GkDomain            *self,
                  const GkDomainState *state)
{
  g_object_freeze_notify (G_OBJECT (self));
  update_uint (self, (guint *) &self->number, (guint) state->number, PROP_NUMBER);
  update_string (self, &self->code, state->code, PROP_CODE);
  update_string (self, &self->name, state->name, PROP_NAME);
  update_string (self, &self->national_lead, state->national_lead, PROP_NATIONAL_LEAD);
  update_string (self, &self->local_lead, state->local_lead, PROP_LOCAL_LEAD);
  update_uint (self, (guint *) &self->applicable, !!state->applicable, PROP_APPLICABLE);
  update_string (self, &self->reason, state->reason, PROP_REASON);
  update_uint (self, (guint *) &self->custom, !!state->custom, PROP_CUSTOM);
  update_uint (self, &self->n_items, state->n_items, PROP_N_ITEMS);
  update_uint (self, &self->n_complete, state->n_complete, PROP_N_COMPLETE);
  update_uint (self, &self->n_errors, state->n_errors, PROP_N_ERRORS);
  g_object_thaw_notify (G_OBJECT (self));
}

GkDomain *
gk_domain_new (const GkDomainState *state)
{
  GkDomain *self = g_object_new (GK_TYPE_DOMAIN, NULL);

  self->applicable = TRUE;
  gk_domain_update (self, state);
  return self;
}

int gk_domain_get_number (GkDomain *self) { return self->number; }
const char *gk_domain_get_code (GkDomain *self) { return self->code; }
const char *gk_domain_get_name (GkDomain *self) { return self->name; }
const char *gk_domain_get_national_lead (GkDomain *self) { return self->national_lead; }
const char *gk_domain_get_local_lead (GkDomain *self) { return self->local_lead; }
gboolean gk_domain_get_applicable (GkDomain *self) { return self->applicable; }
const char *gk_domain_get_reason (GkDomain *self) { return self->reason; }
gboolean gk_domain_get_custom (GkDomain *self) { return self->custom; }
guint gk_domain_get_n_items (GkDomain *self) { return self->n_items; }
guint gk_domain_get_n_complete (GkDomain *self) { return self->n_complete; }
guint gk_domain_get_n_errors (GkDomain *self) { return self->n_errors; }
