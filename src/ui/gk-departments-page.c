/* The departments of the workspace: the township's offices and the county departments that
 * publish its items (公开主体) and own its tasks. */

#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-departments-page.h"

struct _GkDepartmentsPage
{
  AdwBin               parent_instance;

  GkCatalogue         *catalogue;

  AdwEntryRow         *add_row;
  GtkDropDown         *kind_dropdown;
  GtkLabel            *error_label;
  AdwPreferencesGroup *list_group;
  GtkListBox          *department_list;
};

G_DEFINE_FINAL_TYPE (GkDepartmentsPage, gk_departments_page, ADW_TYPE_BIN)

/* The same order as the kind drop-down of the .ui. */
static const char *
kind_label (GkDepartmentKind kind)
{
  switch (kind)
    {
    case GK_DEPARTMENT_TOWNSHIP:
      /* TRANSLATORS: 乡镇内设机构 */
      return _("Township office");
    case GK_DEPARTMENT_COUNTY:
      /* TRANSLATORS: 县级部门 */
      return _("County department");
    case GK_DEPARTMENT_OTHER:
    default:
      /* TRANSLATORS: 其他 (a kind of department) */
      return _("Other");
    }
}

/* ---- feedback --------------------------------------------------------------------------- */


static void
show_toast (GkDepartmentsPage *self,
            const char        *message)
{
  gk_show_message (GTK_WIDGET (self), message);
}

/* A refused edit: in a toast when the page sits in a toast overlay (the window), else under
 * the entry for new departments. The row is marked either way. */
static void
show_error (GkDepartmentsPage *self,
            GtkWidget         *row,
            const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  if (overlay != NULL && gtk_widget_get_mapped (overlay))
    show_toast (self, message);
  else
    {
      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
clear_error (GkDepartmentsPage *self,
             GtkWidget         *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  g_object_set_data (G_OBJECT (row), "gk-refused", NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}


/* Puts the stored value back into an entry the officer is not in, dropping a refused one. */
static void
show_stored_text (AdwEntryRow *row,
                  const char  *text)
{
  if ((gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0 ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  g_object_set_data (G_OBJECT (row), "gk-refused", NULL);
  gk_entry_row_set_text_quietly (row, text);
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* ---- one department --------------------------------------------------------------------- */

static GkDepartment *
department_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "gk-department");
}

static void
update_department_row (AdwExpanderRow *row)
{
  GkDepartment *department = department_of (row);
  GtkWidget *remove_button = g_object_get_data (G_OBJECT (row), "gk-remove-button");
  AdwEntryRow *name_row = g_object_get_data (G_OBJECT (row), "gk-name-row");
  AdwEntryRow *contact_row = g_object_get_data (G_OBJECT (row), "gk-contact-row");
  const char *name = gk_department_get_name (department);
  const char *contact = gk_department_get_contact (department);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;

  if (contact != NULL && *contact != '\0')
    /* TRANSLATORS: the kind of a department and its contact, e.g. "County department · 6123456" */
    subtitle = g_strdup_printf (_("%s · %s"), kind_label (gk_department_get_kind (department)), contact);
  else
    subtitle = g_strdup (kind_label (gk_department_get_kind (department)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (row, subtitle);

  /* TRANSLATORS: the accessible name of a button; %s is a department */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);

  /* The stored values, but never under the officer's fingers. */
  show_stored_text (name_row, name);
  show_stored_text (contact_row, contact != NULL ? contact : "");
}

static void
on_rename_apply (AdwEntryRow       *name_row,
                 GkDepartmentsPage *self)
{
  GkDepartment *department = department_of (name_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = stripped_text (name_row);
  g_autofree char *message = NULL;
  guint n_changed = 0;

  if (self->catalogue == NULL)
    return;
  if (g_strcmp0 (name, gk_department_get_name (department)) == 0)
    {
      clear_error (self, GTK_WIDGET (name_row));
      gk_entry_row_set_text_quietly (name_row, name);
      return;
    }
  if (!gk_catalogue_rename_department (self->catalogue, department, name, &n_changed, &error))
    {
      show_error (self, GTK_WIDGET (name_row), error->message);
      return;
    }

  clear_error (self, GTK_WIDGET (name_row));
  gk_entry_row_set_text_quietly (name_row, gk_department_get_name (department));
  if (n_changed > 0)
    message = g_strdup_printf (ngettext ("%u item now names “%s”", "%u items now name “%s”", n_changed),
                               n_changed, name);
  else
    message = g_strdup_printf (_("Renamed to “%s”"), name);
  show_toast (self, message);
}

static void
save_contact (GkDepartmentsPage *self,
              AdwEntryRow       *contact_row)
{
  GkDepartment *department = department_of (contact_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *contact = stripped_text (contact_row);

  if (self->catalogue == NULL)
    return;
  if (g_strcmp0 (contact, gk_department_get_contact (department)) != 0 &&
      !gk_catalogue_set_department_contact (self->catalogue, department, contact, &error))
    {
      g_object_set_data_full (G_OBJECT (contact_row), "gk-refused",
                              g_strdup (gtk_editable_get_text (GTK_EDITABLE (contact_row))), g_free);
      show_error (self, GTK_WIDGET (contact_row), error->message);
      return;
    }
  clear_error (self, GTK_WIDGET (contact_row));
  gk_entry_row_set_text_quietly (contact_row, gk_department_get_contact (department));
}

static void
on_contact_apply (AdwEntryRow       *contact_row,
                  GkDepartmentsPage *self)
{
  save_contact (self, contact_row);
}

/* A contact is harmless to save on the way out; a rename (which rewrites items) waits for
 * Enter or the apply button. */
static void
on_contact_leave (GtkEventControllerFocus *controller,
                  GkDepartmentsPage       *self)
{
  GtkWidget *contact_row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *refused = g_object_get_data (G_OBJECT (contact_row), "gk-refused");

  /* The value just refused is not refused a second time. */
  if (refused == NULL || g_strcmp0 (refused, gtk_editable_get_text (GTK_EDITABLE (contact_row))) != 0)
    save_contact (self, ADW_ENTRY_ROW (contact_row));
}

static void
on_remove_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    GkDepartmentsPage *self)
{
  GkDepartment *department = department_of (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->catalogue == NULL)
    return;

  name = g_strdup (gk_department_get_name (department));
  if (!gk_catalogue_remove_department (self->catalogue, department, &error))
    {
      show_error (self, GTK_WIDGET (self->add_row), error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” removed"), name);
  show_toast (self, message);
}

static void
on_remove_clicked (GtkButton         *button,
                   GkDepartmentsPage *self)
{
  GkDepartment *department = department_of (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), gk_department_get_name (department));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Items keep the name in their 公开主体 (publisher); it is only no longer offered for new items and tasks."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "gk-department", g_object_ref (department), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attach_department (gpointer      widget,
                   GkDepartment *department)
{
  g_object_set_data_full (G_OBJECT (widget), "gk-department", g_object_ref (department), g_object_unref);
}

static GtkWidget *
create_department_row (gpointer item,
                       gpointer user_data)
{
  GkDepartmentsPage *self = user_data;
  GkDepartment *department = GK_DEPARTMENT (item);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *contact_row = adw_entry_row_new ();
  GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkEventController *focus = gtk_event_controller_focus_new ();

  /* Department names are the officer's text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  attach_department (row, department);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  attach_department (name_row, department);
  g_signal_connect_object (name_row, "apply", G_CALLBACK (on_rename_apply), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (contact_row), _("Contact (optional)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (contact_row), TRUE);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (contact_row), GTK_INPUT_PURPOSE_PHONE);
  attach_department (contact_row, department);
  g_signal_connect_object (contact_row, "apply", G_CALLBACK (on_contact_apply), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_contact_leave), self, 0);
  gtk_widget_add_controller (contact_row, focus);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), contact_row);

  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove_button, "flat");
  gtk_widget_set_tooltip_text (remove_button, _("Remove Department"));
  attach_department (remove_button, department);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove_button);

  g_object_set_data (G_OBJECT (row), "gk-remove-button", remove_button);
  g_object_set_data (G_OBJECT (row), "gk-name-row", name_row);
  g_object_set_data (G_OBJECT (row), "gk-contact-row", contact_row);
  update_department_row (ADW_EXPANDER_ROW (row));
  g_signal_connect_object (department, "notify", G_CALLBACK (update_department_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

/* ---- the list --------------------------------------------------------------------------- */

static void
update_count (GkDepartmentsPage *self)
{
  guint n = self->catalogue != NULL
    ? g_list_model_get_n_items (gk_catalogue_get_departments (self->catalogue)) : 0;
  g_autofree char *title = g_strdup_printf (ngettext ("%u Department", "%u Departments", n), n);

  adw_preferences_group_set_title (self->list_group, n > 0 ? title : "");
}

static void
on_add_apply (GkDepartmentsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = stripped_text (self->add_row);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->catalogue == NULL)
    return;
  if (kind > GK_DEPARTMENT_OTHER)
    kind = GK_DEPARTMENT_TOWNSHIP;
  if (gk_catalogue_add_department (self->catalogue, name, kind, &error) == NULL)
    {
      show_error (self, GTK_WIDGET (self->add_row), error->message);
      return;
    }

  /* Ready for the next one. */
  clear_error (self, GTK_WIDGET (self->add_row));
  gk_entry_row_set_text_quietly (self->add_row, "");
}

GtkWidget *
gk_departments_page_new (void)
{
  return g_object_new (GK_TYPE_DEPARTMENTS_PAGE, NULL);
}

void
gk_departments_page_set_catalogue (GkDepartmentsPage *self,
                                   GkCatalogue       *catalogue)
{
  g_return_if_fail (GK_IS_DEPARTMENTS_PAGE (self));
  g_return_if_fail (catalogue == NULL || GK_IS_CATALOGUE (catalogue));

  if (self->catalogue == catalogue)
    return;

  if (self->catalogue != NULL)
    g_signal_handlers_disconnect_by_data (gk_catalogue_get_departments (self->catalogue), self);
  g_set_object (&self->catalogue, catalogue);
  clear_error (self, GTK_WIDGET (self->add_row));

  if (catalogue != NULL)
    {
      GListModel *departments = gk_catalogue_get_departments (catalogue);

      gtk_list_box_bind_model (self->department_list, departments, create_department_row, self, NULL);
      g_signal_connect_object (departments, "items-changed", G_CALLBACK (update_count), self,
                               G_CONNECT_SWAPPED);
    }
  else
    gtk_list_box_bind_model (self->department_list, NULL, NULL, NULL, NULL);
  update_count (self);
}

static void
gk_departments_page_dispose (GObject *object)
{
  GkDepartmentsPage *self = GK_DEPARTMENTS_PAGE (object);

  if (self->catalogue != NULL)
    g_signal_handlers_disconnect_by_data (gk_catalogue_get_departments (self->catalogue), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_DEPARTMENTS_PAGE);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_departments_page_parent_class)->dispose (object);
}

static void
gk_departments_page_class_init (GkDepartmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_departments_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-departments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GkDepartmentsPage, add_row);
  gtk_widget_class_bind_template_child (widget_class, GkDepartmentsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GkDepartmentsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GkDepartmentsPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, GkDepartmentsPage, department_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply);
}

static void
gk_departments_page_init (GkDepartmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
