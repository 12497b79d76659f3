#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GK_TYPE_DOMAIN (gk_domain_get_type ())
G_DECLARE_FINAL_TYPE (GkDomain, gk_domain, GK, DOMAIN, GObject)

int          gk_domain_get_number          (GkDomain *self);
const char  *gk_domain_get_code            (GkDomain *self);
const char  *gk_domain_get_name            (GkDomain *self);
const char  *gk_domain_get_national_lead   (GkDomain *self);
const char  *gk_domain_get_local_lead      (GkDomain *self);
gboolean     gk_domain_get_applicable      (GkDomain *self);
const char  *gk_domain_get_reason          (GkDomain *self);
gboolean     gk_domain_get_custom          (GkDomain *self);
guint        gk_domain_get_n_items         (GkDomain *self);
guint        gk_domain_get_n_complete      (GkDomain *self);
guint        gk_domain_get_n_errors        (GkDomain *self);

G_END_DECLS
