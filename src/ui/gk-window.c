#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include <glib/gi18n.h>

#include "gk-domain-page.h"
#include "gk-window-private.h"

struct _GkWindow
{
  AdwApplicationWindow  parent_instance;

  GkCatalogue          *catalogue;

  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkListBox           *domain_list;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GkDomainPage         *domain_page;
};

G_DEFINE_FINAL_TYPE (GkWindow, gk_window, ADW_TYPE_APPLICATION_WINDOW)

static GSettings *
get_settings (GkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  return app != NULL ? gk_application_get_settings (GK_APPLICATION (app)) : NULL;
}

static gboolean
count_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%u", g_value_get_uint (from)));
  return TRUE;
}

static gboolean
applicable_to_opacity (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.55);
  return TRUE;
}

static GtkWidget *
create_domain_row (gpointer item,
                   gpointer user_data)
{
  GkDomain *domain = GK_DOMAIN (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (gk_domain_get_name (domain));
  GtkWidget *count = gtk_label_new (NULL);
  g_autofree char *number_text = g_strdup_printf ("%02d", gk_domain_get_number (domain));

  gtk_label_set_text (GTK_LABEL (number), number_text);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_tooltip_text (name, gk_domain_get_name (domain));
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  g_object_bind_property_full (domain, "n-items", count, "label", G_BINDING_SYNC_CREATE,
                               count_to_label, NULL, NULL, NULL);
  g_object_bind_property_full (domain, "applicable", box, "opacity", G_BINDING_SYNC_CREATE,
                               applicable_to_opacity, NULL, NULL, NULL);

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "gk-domain-number", GINT_TO_POINTER (gk_domain_get_number (domain)));
  return row;
}

static void
on_domain_row_selected (GkWindow      *self,
                        GtkListBoxRow *row)
{
  GSettings *settings = get_settings (self);
  int number;
  GkDomain *domain;

  if (row == NULL || self->catalogue == NULL)
    return;

  number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gk-domain-number"));
  domain = gk_catalogue_get_domain (self->catalogue, number);
  if (domain == NULL)
    return;

  gk_domain_page_set_domain (self->domain_page, self->catalogue, domain);
  adw_window_title_set_title (self->content_title, gk_domain_get_name (domain));
  gtk_stack_set_visible_child_name (self->stack, "domain");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  if (settings != NULL)
    g_settings_set_int (settings, "last-domain", number);
}

static void
on_back_clicked (GkWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
update_subtitle (GkWindow *self)
{
  g_autofree char *township = gk_catalogue_get_profile (self->catalogue, GK_PROFILE_TOWNSHIP);
  g_autofree char *year = gk_catalogue_get_profile (self->catalogue, GK_PROFILE_YEAR);
  g_autofree char *subtitle = NULL;

  if (*township != '\0')
    /* TRANSLATORS: township name and catalogue year, e.g. "城关镇 · 2026" */
    subtitle = g_strdup_printf (_("%s · %s"), township, year);
  else
    subtitle = g_strdup (_("Township not set"));
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  adw_window_title_set_subtitle (self->content_title, subtitle);
}

void
gk_window_set_catalogue (GkWindow    *self,
                         GkCatalogue *catalogue)
{
  GSettings *settings = get_settings (self);
  int last = settings != NULL ? g_settings_get_int (settings, "last-domain") : 0;

  g_return_if_fail (GK_IS_WINDOW (self));
  g_return_if_fail (GK_IS_CATALOGUE (catalogue));

  g_set_object (&self->catalogue, catalogue);
  gtk_list_box_bind_model (self->domain_list, gk_catalogue_get_domains (catalogue),
                           create_domain_row, self, NULL);
  g_signal_connect_object (catalogue, "profile-changed", G_CALLBACK (update_subtitle), self,
                           G_CONNECT_SWAPPED);
  update_subtitle (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  /* Open where the officer left off; the first domain on a first start. */
  if (last <= 0 || gk_catalogue_get_domain (catalogue, last) == NULL)
    last = 1;
  gk_window_select_domain (self, last);
}

GkCatalogue *
gk_window_get_catalogue (GkWindow *self)
{
  g_return_val_if_fail (GK_IS_WINDOW (self), NULL);
  return self->catalogue;
}

/* Brings the chosen domain into sight in the sidebar, once the rows have their sizes. */
static gboolean
scroll_to_selected_row (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (widget));
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  if (row == NULL || scrolled == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (GTK_WIDGET (row)) == 0)
    return G_SOURCE_CONTINUE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_widget_translate_coordinates (GTK_WIDGET (row), widget, 0, 0, &x, &y))
    gtk_adjustment_clamp_page (adjustment, y, y + gtk_widget_get_height (GTK_WIDGET (row)));
  return G_SOURCE_REMOVE;
}

void
gk_window_select_domain (GkWindow *self,
                         int       number)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->domain_list, i);
      if (row == NULL)
        break;
      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gk-domain-number")) == number)
        {
          gtk_list_box_select_row (self->domain_list, row);
          gtk_widget_add_tick_callback (GTK_WIDGET (self->domain_list), scroll_to_selected_row, NULL, NULL);
          return;
        }
    }
}

void
gk_window_show_error (GkWindow     *self,
                      const char   *path,
                      const GError *error)
{
  g_autofree char *description = NULL;

  /* TRANSLATORS: the error message, then a reassurance */
  description = g_strdup_printf (_("%s\n\nThe file was not changed."), error->message);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->domain_list), FALSE);
}

/* Built on first use rather than by GtkApplication at every window's creation: start-up is
 * measured, and few people open the shortcuts. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/gongkai/Gongkai/gk-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
gk_window_dispose (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_WINDOW);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_window_parent_class)->dispose (object);
}

static void
gk_window_constructed (GObject *object)
{
  GkWindow *self = GK_WINDOW (object);
  GSettings *settings = get_settings (self);

  G_OBJECT_CLASS (gk_window_parent_class)->constructed (object);

  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
}

static void
gk_window_class_init (GkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_window_dispose;
  object_class->constructed = gk_window_constructed;

  g_type_ensure (GK_TYPE_DOMAIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, domain_list);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GkWindow, domain_page);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
}

static void
gk_window_init (GkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GkWindow *
gk_window_new (GkApplication *application)
{
  return g_object_new (GK_TYPE_WINDOW, "application", application, NULL);
}

GtkListBox *
gk_window_get_domain_list (GkWindow *self)
{
  return self->domain_list;
}

GkDomainPage *
gk_window_get_domain_page (GkWindow *self)
{
  return self->domain_page;
}

const char *
gk_window_get_visible_page (GkWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}
