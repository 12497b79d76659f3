#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-domain-page-private.h"
#include "gk-item-editor.h"
#include "gk-validate.h"

struct _GkDomainPage
{
  AdwBin              parent_instance;

  GkCatalogue        *catalogue;
  GkDomain           *domain;
  GListModel         *items;
  GkItem             *removed;       /* what the undo toast brings back */
  guint               fill_tick;     /* filling the list waits for the first frame */
  gboolean            updating;

  AdwToastOverlay    *toast_overlay;
  AdwEntryRow        *lead_row;
  AdwActionRow       *skip_row;
  GtkSwitch          *skip_switch;
  AdwEntryRow        *reason_row;
  GtkMenuButton      *standard_button;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *position_column;
  GtkColumnViewColumn *level1_column;
  GtkColumnViewColumn *level2_column;
  GtkColumnViewColumn *subject_column;
  GtkColumnViewColumn *time_limit_column;
  GtkColumnViewColumn *mode_column;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *state_column;
  AdwBin             *editor_slot;
  AdwStatusPage      *empty_page;
  GkItemEditor       *editor;        /* built when an item is first shown */
};

G_DEFINE_FINAL_TYPE (GkDomainPage, gk_domain_page, ADW_TYPE_BIN)

static void
toast (GkDomainPage *self,
       const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, gk_toast_new_literal (message));
}

static void
update_actions (GkDomainPage *self)
{
  GkItem *item = gk_domain_page_get_selected (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n = self->items != NULL ? g_list_model_get_n_items (self->items) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.add-item", self->domain != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.remove-item", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.move-up", item != NULL && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "domain.move-down", item != NULL && position + 1 < n);
}

static void
update_header (GkDomainPage *self)
{
  g_autofree char *summary = NULL;
  gboolean applicable = gk_domain_get_applicable (self->domain);

  self->updating = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->lead_row)), gk_domain_get_local_lead (self->domain)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->lead_row), gk_domain_get_local_lead (self->domain));
  gtk_switch_set_active (self->skip_switch, !applicable);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)), gk_domain_get_reason (self->domain)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_row), gk_domain_get_reason (self->domain));
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), !applicable);
  if (!applicable && *gk_domain_get_reason (self->domain) == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");

  /* TRANSLATORS: complete items / all items, then the national lead department */
  summary = g_strdup_printf (_("%u of %u items complete · national lead: %s"),
                             gk_domain_get_n_complete (self->domain), gk_domain_get_n_items (self->domain),
                             gk_domain_get_national_lead (self->domain));
  gtk_label_set_text (self->summary_label, summary);
  adw_action_row_set_subtitle (self->skip_row, !applicable
                               ? _("This domain is left out of the workbook and listed in 未涉及领域说明 with the reason.")
                               : _("The township has no such matters; the county needs the reason."));
}

static void
on_lead_apply (GkDomainPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!gk_catalogue_set_domain_local_lead (self->catalogue, gk_domain_get_number (self->domain),
                                           gtk_editable_get_text (GTK_EDITABLE (self->lead_row)), &error))
    toast (self, error->message);
}

static void
set_applicable (GkDomainPage *self,
                gboolean      applicable,
                const char   *reason)
{
  g_autoptr(GError) error = NULL;

  if (!gk_catalogue_set_domain_applicable (self->catalogue, gk_domain_get_number (self->domain),
                                           applicable, reason, &error))
    toast (self, error->message);
}

static void
on_skip_toggled (GkDomainPage *self)
{
  gboolean skip = gtk_switch_get_active (self->skip_switch);

  if (self->updating || self->domain == NULL || skip == !gk_domain_get_applicable (self->domain))
    return;
  set_applicable (self, !skip, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
  if (skip)
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void
on_reason_apply (GkDomainPage *self)
{
  set_applicable (self, FALSE, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
}

GkItem *
gk_domain_page_get_selected (GkDomainPage *self)
{
  g_return_val_if_fail (GK_IS_DOMAIN_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* The editor is the heaviest part of the page: it is built for the first item shown, after
 * the window's first frame, not with the window. */
static GkItemEditor *
ensure_editor (GkDomainPage *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (GK_TYPE_ITEM_EDITOR, NULL);
      if (self->catalogue != NULL)
        gk_item_editor_set_catalogue (self->editor, self->catalogue);
      adw_bin_set_child (self->editor_slot, GTK_WIDGET (self->editor));
    }
  return self->editor;
}

/* Shown beside a domain with no items until the editor exists. Not in the template: at start-up
 * the slot stays empty until the list is filled a frame later, rather than flashing this. */
static void
show_placeholder (GkDomainPage *self)
{
  GtkWidget *page;

  if (adw_bin_get_child (self->editor_slot) != NULL)
    return;
  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Choose an Item"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), _("Its columns appear here, saved as you type."));
  gtk_widget_add_css_class (page, "compact");
  adw_bin_set_child (self->editor_slot, page);
}

static void
on_selection_changed (GkDomainPage *self)
{
  GkItem *item = gk_domain_page_get_selected (self);

  if (item != NULL || self->editor != NULL)
    gk_item_editor_set_item (ensure_editor (self), item);
  else
    show_placeholder (self);
  update_actions (self);
}

static guint
find_item (GListModel *items,
           gint64      id)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      if (gk_item_get_id (item) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Scrolls the column view to a row: "list.scroll-to-item" lives on its inner list view. */
static void
scroll_to (GkDomainPage *self,
           guint         position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) || g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnListView"))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
reload_items (GkDomainPage *self,
              gint64        keep_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  guint position;

  items = gk_catalogue_list_items (self->catalogue, gk_domain_get_number (self->domain), &error);
  if (items == NULL)
    {
      toast (self, error->message);
      items = G_LIST_MODEL (g_list_store_new (GK_TYPE_ITEM));
    }
  g_set_object (&self->items, items);
  gtk_single_selection_set_model (self->selection, items);
  /* Set when shown, as the window's status pages: the icon exists only as SVG at that size. */
  if (g_list_model_get_n_items (items) == 0)
    adw_status_page_set_icon_name (self->empty_page, "document-new-symbolic");
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (items) > 0 ? "items" : "empty");

  position = keep_id > 0 ? find_item (items, keep_id) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (items) > 0)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);
  on_selection_changed (self);
}

static void
on_items_changed (GkDomainPage *self,
                  int           domain_number)
{
  GkItem *selected;

  if (self->domain == NULL || gk_domain_get_number (self->domain) != domain_number)
    return;
  selected = gk_domain_page_get_selected (self);
  reload_items (self, selected != NULL ? gk_item_get_id (selected) : 0);
}

gboolean
gk_domain_page_flush (GkDomainPage *self)
{
  return self->editor == NULL || gk_item_editor_flush (self->editor);
}

/* ---- the standard items not in the catalogue ------------------------------------------- */

static void
on_restore_clicked (GtkButton    *button,
                    GkDomainPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "gk-standard-id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;

  gtk_menu_button_popdown (self->standard_button);
  item = gk_catalogue_restore_standard_item (self->catalogue, id, &error);
  if (item == NULL)
    {
      toast (self, error->message);
      return;
    }
  gk_domain_page_select_item (self, gk_item_get_id (item), NULL);
}

static void
fill_standard_popover (GkDomainPage *self)
{
  g_autoptr(GPtrArray) available = gk_catalogue_list_available_standard_items (self->catalogue,
                                                                              gk_domain_get_number (self->domain));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *title = gtk_label_new (_("Standard items not in the catalogue"));
  GtkPopover *popover = gtk_menu_button_get_popover (self->standard_button);

  gtk_widget_add_css_class (title, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < available->len; i++)
    {
      const GkStandardItem *std = g_ptr_array_index (available, i);
      g_autofree char *row_title = g_strdup_printf ("%s  %s / %s", std->id, std->level1, std->level2);
      g_autofree char *reason = gk_catalogue_get_deviation_reason (self->catalogue, std->id);
      g_autofree char *subtitle = reason != NULL
        ? g_strdup_printf (_("Removed by the township: %s"), reason)
        : g_strdup (gk_standard_item_is_township (std) ? _("Township level") : _("County level: add it only if the township publishes it"));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Add"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "gk-standard-id", g_strdup (std->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (available->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (list), gtk_label_new (_("Every standard item of this domain is in the catalogue.")));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 460, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (popover, box);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
add_item (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;

  gk_domain_page_flush (self);
  item = gk_catalogue_add_item (self->catalogue, gk_domain_get_number (self->domain), "", "", &error);
  if (item == NULL)
    {
      toast (self, error->message);
      return;
    }
  gk_domain_page_select_item (self, gk_item_get_id (item), "level1");
}

static void
undo_remove (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GkItem) snapshot = g_steal_pointer (&self->removed);

  if (snapshot == NULL)
    return;
  item = gk_catalogue_undelete_item (self->catalogue, snapshot, &error);
  if (item == NULL)
    toast (self, error->message);
  else if (self->domain != NULL && gk_domain_get_number (self->domain) == gk_item_get_domain_number (item))
    gk_domain_page_select_item (self, gk_item_get_id (item), NULL);
}

static void
remove_with_reason (GkDomainPage *self,
                    GkItem       *item,
                    const char   *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = gk_item_get_text (item, GK_ITEM_LEVEL2);
  AdwToast *undo;

  g_object_ref (item);
  if (!gk_catalogue_delete_item (self->catalogue, gk_item_get_id (item), reason, &error))
    {
      toast (self, error->message);
      g_object_unref (item);
      return;
    }
  g_clear_object (&self->removed);
  self->removed = item;

  message = g_strdup_printf (_("Removed “%s”"), *name ? name : gk_item_get_text (item, GK_ITEM_LEVEL1));
  undo = gk_toast_new_literal (message);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "domain.undo-remove");
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "remove", *text != '\0');
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    GkDomainPage     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "gk-reason");
  GkItem *item = g_object_get_data (G_OBJECT (dialog), "gk-item");

  if (g_str_equal (response, "remove"))
    remove_with_reason (self, item, gtk_editable_get_text (entry));
}

static void
remove_item (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (widget);
  GkItem *item = gk_domain_page_get_selected (self);
  const char *standard_id;
  const GkStandardItem *std;
  GtkWidget *dialog, *entry;

  if (item == NULL)
    return;
  gk_domain_page_flush (self);
  standard_id = gk_item_get_standard_id (item);
  std = standard_id != NULL ? gk_standards_lookup (gk_catalogue_get_standards (self->catalogue), standard_id) : NULL;
  if (std == NULL || !gk_standard_item_is_township (std))
    {
      remove_with_reason (self, item, NULL);
      return;
    }

  /* Leaving out a township-level standard item is a deviation the county will ask about. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Leave Out a Standard Item?"),
                                   _("This item is township-level in the national standard. The county will see it in 未涉及领域说明 with your reason."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. 本乡镇无此类事项"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Leave Out"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "remove", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "gk-reason", entry);
  g_object_set_data_full (G_OBJECT (dialog), "gk-item", g_object_ref (item), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_item (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (widget);
  GkItem *item = gk_domain_page_get_selected (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GError) error = NULL;
  gboolean up = g_str_equal (action_name, "domain.move-up");

  if (item == NULL || (up && position == 0))
    return;
  gk_domain_page_flush (self);
  if (!gk_catalogue_move_item (self->catalogue, item, up ? position - 1 : position + 1, &error))
    toast (self, error->message);
}

/* ---- computed columns ------------------------------------------------------------------- */

static char *
flags_text (GkItem *item,
            GkFlag  first,
            GkFlag  second,
            const char *first_name,
            const char *second_name)
{
  gboolean a = gk_item_get_flag (item, first), b = gk_item_get_flag (item, second);

  /* One per line: a narrow column keeps each term whole. */
  if (a && b)
    return g_strdup_printf ("%s\n%s", first_name, second_name);
  return g_strdup (a ? first_name : b ? second_name : "—");
}

static void
update_cell (GtkListItem *list_item)
{
  GkDomainPage *self = g_object_get_data (G_OBJECT (list_item), "gk-page");
  const char *kind = g_object_get_data (G_OBJECT (list_item), "gk-kind");
  GkItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (item == NULL)
    return;
  if (g_str_equal (kind, "position"))
    {
      g_autofree char *text = g_strdup_printf ("%d", gk_item_get_position (item));
      gtk_label_set_text (GTK_LABEL (child), text);
    }
  else if (gk_item_text_from_key (kind) >= 0)
    gtk_label_set_text (GTK_LABEL (child), gk_item_get_text (item, gk_item_text_from_key (kind)));
  else if (g_str_equal (kind, "mode"))
    {
      /* Official terms, as in the county's table: never translated. */
      g_autofree char *text = flags_text (item, GK_FLAG_MODE_ACTIVE, GK_FLAG_MODE_REQUEST, "主动", "依申请");
      gtk_label_set_text (GTK_LABEL (child), text);
    }
  else if (g_str_equal (kind, "level"))
    {
      g_autofree char *text = flags_text (item, GK_FLAG_LEVEL_COUNTY, GK_FLAG_LEVEL_TOWNSHIP, "县级", "乡级");
      gtk_label_set_text (GTK_LABEL (child), text);
    }
  else
    {
      gboolean errors = gk_validate_item_has_errors (self->catalogue, item);
      gboolean confirmed = gk_item_get_confirmed (item);

      gtk_image_set_from_icon_name (GTK_IMAGE (child), errors ? "dialog-warning-symbolic"
                                                      : confirmed ? "emblem-ok-symbolic" : "document-edit-symbolic");
      gtk_widget_set_tooltip_text (child, errors ? _("Has problems") : confirmed ? _("Complete and confirmed")
                                                                       : _("Complete, not yet confirmed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (child), -1);
      if (errors)
        gtk_widget_add_css_class (child, "warning");
      else
        gtk_widget_remove_css_class (child, "warning");
      if (confirmed && !errors)
        gtk_widget_add_css_class (child, "success");
      else
        gtk_widget_remove_css_class (child, "success");
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            GkDomainPage             *self)
{
  const char *kind = g_object_get_data (G_OBJECT (factory), "gk-kind");
  GtkWidget *child;

  if (g_str_equal (kind, "state"))
    child = gtk_image_new ();
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_label_set_yalign (GTK_LABEL (child), 0);
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
      if (g_str_equal (kind, "position"))
        gtk_widget_add_css_class (child, "numeric");
      else if (gk_item_text_from_key (kind) >= 0)
        {
          /* Long standard texts: three lines in the list, all of it in the editor. */
          gtk_label_set_lines (GTK_LABEL (child), 3);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
    }
  gtk_list_item_set_child (list_item, child);
  g_object_set_data (G_OBJECT (list_item), "gk-page", self);
  g_object_set_data (G_OBJECT (list_item), "gk-kind", (gpointer) kind);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           GkDomainPage             *self)
{
  GkItem *item = gtk_list_item_get_item (list_item);

  /* Recycled rows: the handler goes in bind and comes out in unbind. */
  g_signal_connect_swapped (item, "notify", G_CALLBACK (update_cell), list_item);
  update_cell (list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             GkDomainPage             *self)
{
  GkItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, update_cell, list_item);
}

static void
set_cell_factory (GkDomainPage        *self,
                  GtkColumnViewColumn *column,
                  const char          *kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "gk-kind", (gpointer) kind);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_column_view_column_set_factory (column, factory);
}

/* ---- public ----------------------------------------------------------------------------- */

/* Fills the list now if it is still waiting for the first frame. */
static void
ensure_items (GkDomainPage *self)
{
  if (self->items != NULL || self->domain == NULL)
    return;
  if (self->fill_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick);
      self->fill_tick = 0;
    }
  reload_items (self, 0);
}

static gboolean
fill_after_first_frame (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (widget);

  /* The first tick comes before the first paint: wait for a frame to have been drawn. */
  if (gdk_frame_clock_get_frame_counter (clock) < 2)
    return G_SOURCE_CONTINUE;
  self->fill_tick = 0;
  if (self->domain != NULL && self->items == NULL)
    reload_items (self, 0);
  return G_SOURCE_REMOVE;
}

void
gk_domain_page_set_domain (GkDomainPage *self,
                           GkCatalogue  *catalogue,
                           GkDomain     *domain)
{
  g_return_if_fail (GK_IS_DOMAIN_PAGE (self));

  gk_domain_page_flush (self);
  if (self->catalogue != catalogue)
    {
      if (self->catalogue != NULL)
        g_signal_handlers_disconnect_by_data (self->catalogue, self);
      g_set_object (&self->catalogue, catalogue);
      g_signal_connect_object (catalogue, "items-changed", G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
      if (self->editor != NULL)
        gk_item_editor_set_catalogue (self->editor, catalogue);
    }
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  if (self->domain != domain)
    g_clear_object (&self->items);
  g_set_object (&self->domain, domain);
  g_signal_connect_object (domain, "notify", G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);

  update_header (self);
  /* Before the window's first frame (start-up), the list is filled right after it: the
   * window appears at once and the rows a frame later (CONVENTIONS: fill models after the
   * window is presented). */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL ||
      gtk_widget_get_mapped (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)))))
    reload_items (self, 0);
  else if (self->fill_tick == 0)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_after_first_frame, NULL, NULL);
    }
}

GkDomain *
gk_domain_page_get_domain (GkDomainPage *self)
{
  g_return_val_if_fail (GK_IS_DOMAIN_PAGE (self), NULL);
  return self->domain;
}

GListModel *
gk_domain_page_get_items (GkDomainPage *self)
{
  g_return_val_if_fail (GK_IS_DOMAIN_PAGE (self), NULL);
  ensure_items (self);
  return self->items;
}

/* Selects the item and puts the cursor in @field (NULL: the list keeps the focus). */
gboolean
gk_domain_page_select_item (GkDomainPage *self,
                            gint64        item_id,
                            const char   *field)
{
  guint position;

  ensure_items (self);
  position = self->items != NULL ? find_item (self->items, item_id) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
  if (field != NULL)
    gk_item_editor_focus_field (ensure_editor (self), field);
  return TRUE;
}

static void
gk_domain_page_dispose (GObject *object)
{
  GkDomainPage *self = GK_DOMAIN_PAGE (object);

  /* AdwBin owns the template's root: let go of it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_DOMAIN_PAGE);
  g_clear_object (&self->removed);
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
  g_type_ensure (GK_TYPE_ITEM_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-domain-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GkDomainPage, name)
  BIND (toast_overlay); BIND (lead_row); BIND (skip_row); BIND (skip_switch); BIND (reason_row);
  BIND (standard_button); BIND (summary_label); BIND (stack); BIND (column_view); BIND (selection);
  BIND (mode_column); BIND (level_column); BIND (state_column); BIND (editor_slot);
  BIND (position_column); BIND (level1_column); BIND (level2_column); BIND (subject_column);
  BIND (time_limit_column); BIND (empty_page);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_lead_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);

  gtk_widget_class_install_action (widget_class, "domain.add-item", NULL, add_item);
  gtk_widget_class_install_action (widget_class, "domain.remove-item", NULL, remove_item);
  gtk_widget_class_install_action (widget_class, "domain.undo-remove", NULL, undo_remove);
  gtk_widget_class_install_action (widget_class, "domain.move-up", NULL, move_item);
  gtk_widget_class_install_action (widget_class, "domain.move-down", NULL, move_item);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "domain.add-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "domain.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "domain.move-down", NULL);
}

static void
on_list_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             GkDomainPage          *self)
{
  if (keyval == GDK_KEY_Delete && (state & GDK_MODIFIER_MASK) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "domain.remove-item", NULL);
}

static void
gk_domain_page_init (GkDomainPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Signal factories, not GtkBuilderListItemFactory: a list view keeps up to 200 rows
   * alive, and parsing a template for each of their cells showed in the start-up time. */
  set_cell_factory (self, self->position_column, "position");
  set_cell_factory (self, self->level1_column, "level1");
  set_cell_factory (self, self->level2_column, "level2");
  set_cell_factory (self, self->subject_column, "subject");
  set_cell_factory (self, self->time_limit_column, "time_limit");
  set_cell_factory (self, self->mode_column, "mode");
  set_cell_factory (self, self->level_column, "level");
  set_cell_factory (self, self->state_column, "state");
  /* Filled when shown: what is missing changes with every removal and restore. */
  gtk_menu_button_set_popover (self->standard_button, gtk_popover_new ());
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->standard_button), "show",
                            G_CALLBACK (fill_standard_popover), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  update_actions (self);
}

GkItemEditor *
gk_domain_page_get_editor (GkDomainPage *self)
{
  return ensure_editor (self);
}

GtkSwitch *
gk_domain_page_get_skip_switch (GkDomainPage *self)
{
  return self->skip_switch;
}

AdwEntryRow *
gk_domain_page_get_reason_row (GkDomainPage *self)
{
  return self->reason_row;
}
