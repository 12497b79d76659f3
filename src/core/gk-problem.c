#include "config.h"

#include "gk-problem.h"

struct _GkProblem
{
  GObject     parent_instance;
  char       *rule;
  GkSeverity  severity;
  int         domain_number;
  gint64      item_id;
  char       *field;
  char       *message;
};

G_DEFINE_FINAL_TYPE (GkProblem, gk_problem, G_TYPE_OBJECT)

enum { PROP_0, PROP_MESSAGE, PROP_SEVERITY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
gk_problem_finalize (GObject *object)
{
  GkProblem *self = GK_PROBLEM (object);

  g_free (self->rule);
  g_free (self->field);
  g_free (self->message);
  G_OBJECT_CLASS (gk_problem_parent_class)->finalize (object);
}

static void
gk_problem_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GkProblem *self = GK_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_SEVERITY: g_value_set_int (value, self->severity); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gk_problem_class_init (GkProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gk_problem_finalize;
  object_class->get_property = gk_problem_get_property;
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEVERITY] = g_param_spec_int ("severity", NULL, NULL, 0, 1, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gk_problem_init (GkProblem *self)
{
}

GkProblem *
gk_problem_new (const char *rule,
                GkSeverity  severity,
                int         domain_number,
                gint64      item_id,
                const char *field,
                const char *message)
{
  GkProblem *self = g_object_new (GK_TYPE_PROBLEM, NULL);

  self->rule = g_strdup (rule);
  self->severity = severity;
  self->domain_number = domain_number;
  self->item_id = item_id;
  self->field = g_strdup (field);
  self->message = g_strdup (message);
  return self;
}

const char *gk_problem_get_rule (GkProblem *self) { return self->rule; }
GkSeverity gk_problem_get_severity (GkProblem *self) { return self->severity; }
int gk_problem_get_domain_number (GkProblem *self) { return self->domain_number; }
gint64 gk_problem_get_item_id (GkProblem *self) { return self->item_id; }
const char *gk_problem_get_field (GkProblem *self) { return self->field; }
const char *gk_problem_get_message (GkProblem *self) { return self->message; }
