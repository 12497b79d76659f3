#include "config.h"

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
