#include "config.h"

#include <glib/gi18n.h>

#include "gk-department.h"
#include "gk-ui-util.h"

AdwToast *
gk_toast_new_literal (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

#define MESSAGE_TOAST "gk-message-toast"

static void
on_message_dismissed (GtkWidget *owner,
                      AdwToast  *toast)
{
  if (g_object_get_data (G_OBJECT (owner), MESSAGE_TOAST) == toast)
    g_object_set_data (G_OBJECT (owner), MESSAGE_TOAST, NULL);
}

gboolean
gk_show_message (GtkWidget  *owner,
                 const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (owner, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = g_object_get_data (G_OBJECT (owner), MESSAGE_TOAST);
  g_autofree char *escaped = NULL;

  if (overlay == NULL || !gtk_widget_get_mapped (overlay))
    return FALSE;

  escaped = g_markup_escape_text (message, -1);
  if (toast != NULL)
    {
      adw_toast_set_title (toast, escaped);
      return TRUE;
    }
  toast = adw_toast_new (escaped);
  g_object_set_data_full (G_OBJECT (owner), MESSAGE_TOAST, g_object_ref (toast), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_message_dismissed), owner, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

char *
gk_widget_get_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

void
gk_widget_set_text (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

gboolean
gk_widget_has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
gk_entry_row_set_text_quietly (AdwEntryRow *row,
                               const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, TRUE);
}

static GtkWidget *
create_department_row (gpointer item,
                       gpointer user_data)
{
  GkDepartment *department = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (gk_department_get_name (department));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "gk-department-name",
                          g_strdup (gk_department_get_name (department)), g_free);
  return row;
}

const char *
gk_department_row_get_name (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "gk-department-name");
}

void
gk_department_menu_set (GtkMenuButton *button,
                        GListModel    *departments,
                        const char    *hint,
                        GCallback      activated,
                        gpointer       user_data)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (hint);

  gtk_list_box_bind_model (GTK_LIST_BOX (list), departments, create_department_row, NULL, NULL);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list),
                                gtk_label_new (_("No departments yet: add them on the Departments page.")));
  gtk_widget_add_css_class (list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Departments"), -1);
  g_signal_connect (list, "row-activated", activated, user_data);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}
