#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-domain-page.h"

struct _GkDomainPage
{
  GtkBox              parent_instance;

  GkCatalogue        *catalogue;
  GkDomain           *domain;
  GListModel         *items;

  GtkLabel           *lead_label;
  GtkLabel           *summary_label;
  GtkLabel           *skipped_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (GkDomainPage, gk_domain_page, GTK_TYPE_BOX)

static void
update_header (GkDomainPage *self)
{
  g_autofree char *lead = NULL;
  g_autofree char *summary = NULL;
  const char *local_lead = gk_domain_get_local_lead (self->domain);
  guint n = gk_domain_get_n_items (self->domain);

  if (*local_lead != '\0')
    lead = g_strdup_printf (_("Lead office: %s (national lead: %s)"), local_lead,
                            gk_domain_get_national_lead (self->domain));
  else
    lead = g_strdup_printf (_("National lead department: %s"), gk_domain_get_national_lead (self->domain));
  gtk_label_set_text (self->lead_label, lead);

  summary = g_strdup_printf (ngettext ("%u item in the township catalogue",
                                       "%u items in the township catalogue", n), n);
  gtk_label_set_text (self->summary_label, summary);

  if (!gk_domain_get_applicable (self->domain))
    {
      g_autofree char *skipped = NULL;
      const char *reason = gk_domain_get_reason (self->domain);

      skipped = *reason != '\0'
        ? g_strdup_printf (_("Marked as not applicable (未涉及): %s"), reason)
        : g_strdup (_("Marked as not applicable (未涉及), but no reason is given yet."));
      gtk_label_set_text (self->skipped_label, skipped);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), !gk_domain_get_applicable (self->domain));
}

static void
reload_items (GkDomainPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;

  items = gk_catalogue_list_items (self->catalogue, gk_domain_get_number (self->domain), &error);
  if (items == NULL)
    {
      g_warning ("Cannot list the items: %s", error->message);
      items = G_LIST_MODEL (g_list_store_new (GK_TYPE_ITEM));
    }
  g_set_object (&self->items, items);
  gtk_single_selection_set_model (self->selection, items);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (items) > 0 ? "items" : "empty");
}

static void
on_items_changed (GkDomainPage *self,
                  int           domain_number)
{
  if (self->domain != NULL && gk_domain_get_number (self->domain) == domain_number)
    reload_items (self);
}

void
gk_domain_page_set_domain (GkDomainPage *self,
                           GkCatalogue  *catalogue,
                           GkDomain     *domain)
{
  g_return_if_fail (GK_IS_DOMAIN_PAGE (self));

  if (self->catalogue != catalogue)
    {
      if (self->catalogue != NULL)
        g_signal_handlers_disconnect_by_data (self->catalogue, self);
      g_set_object (&self->catalogue, catalogue);
      g_signal_connect_object (catalogue, "items-changed", G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_set_object (&self->domain, domain);
  g_signal_connect_object (domain, "notify", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);

  update_header (self);
  reload_items (self);
}

GListModel *
gk_domain_page_get_items (GkDomainPage *self)
{
  g_return_val_if_fail (GK_IS_DOMAIN_PAGE (self), NULL);
  return self->items;
}

static void
gk_domain_page_dispose (GObject *object)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_DOMAIN_PAGE);
  g_clear_object (&self->items);
  g_clear_object (&self->domain);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_domain_page_parent_class)->dispose (object);
}

static void
gk_domain_page_class_init (GkDomainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_domain_page_dispose;

  g_type_ensure (GK_TYPE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-domain-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, lead_label);
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, GkDomainPage, selection);
}

static void
gk_domain_page_init (GkDomainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
