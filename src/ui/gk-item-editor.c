#define G_LOG_DOMAIN "Gongkai"

#include "config.h"

#include "gk-ui-util.h"

#include <glib/gi18n.h>

#include "gk-channels.h"
#include "gk-domain-page-private.h"
#include "gk-item-editor.h"
#include "gk-validate.h"

/* Typing is saved 400 ms after the last key, and at once when the user moves on: every
 * keystroke would re-validate the domain, and nothing typed may wait longer than that. */
#define SAVE_DELAY_MS 400

struct _GkItemEditor
{
  AdwBin          parent_instance;

  GkCatalogue    *catalogue;
  GkItem         *item;
  gboolean        loading;
  guint           save_source;
  guint           pending;  /* bit per GkItemText typed but not yet saved */

  GtkWidget      *texts[GK_ITEM_N_TEXTS];
  GtkCheckButton *channels[GK_N_CHANNELS];
  GtkCheckButton *flags[GK_N_FLAGS];

  AdwPreferencesPage *page;
  GtkLabel       *saved_label;
  GtkLabel       *origin_label;
  GtkListBox     *problem_list;
  GtkFlowBox     *channel_box;
  GtkMenuButton  *subject_menu;
  GtkSwitch      *confirmed_switch;
  GtkWidget      *level1_row, *level2_row, *content_view, *basis_view, *time_limit_row;
  GtkWidget      *subject_row, *channels_other_row, *note_view;
  GtkWidget      *audience_all_check, *audience_specific_check, *mode_active_check;
  GtkWidget      *mode_request_check, *level_county_check, *level_township_check;
  GtkWidget      *level1_reset, *level2_reset, *content_reset, *basis_reset, *time_limit_reset;
  GtkWidget      *subject_reset, *channels_reset, *audience_reset, *mode_reset, *level_reset, *note_reset;
};

G_DEFINE_FINAL_TYPE (GkItemEditor, gk_item_editor, ADW_TYPE_BIN)



static void
show_error (GkItemEditor *self,
            const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  gtk_label_set_text (self->saved_label, _("Not saved"));
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
  if (overlay != NULL)
    {
      AdwToast *toast = gk_toast_new_literal (error->message);
      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
show_saved (GkItemEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *text = g_strdup_printf (_("Saved %s"), time);

  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
  gtk_label_set_text (self->saved_label, text);
}

static const GkStandardItem *
standard_of (GkItemEditor *self)
{
  const char *id = self->item != NULL ? gk_item_get_standard_id (self->item) : NULL;
  return id != NULL ? gk_standards_lookup (gk_catalogue_get_standards (self->catalogue), id) : NULL;
}

static gboolean
field_differs (GkItemEditor         *self,
               const GkStandardItem *std,
               const char           *key)
{
  g_autofree char *standard = gk_standard_item_field_text (std, key);
  g_autofree char *current = NULL;

  if (standard == NULL)
    return FALSE;
  current = gk_item_field_text (self->item, key);
  return g_strcmp0 (standard, current) != 0;
}

/* A changed field gets a reset button whose tooltip says what the standard has. */
static void
update_reset (GkItemEditor         *self,
              const GkStandardItem *std,
              GtkWidget            *button,
              const char           *key,
              const char           *second_key)
{
  gboolean differs = std != NULL &&
    (field_differs (self, std, key) || (second_key != NULL && field_differs (self, std, second_key)));

  gtk_widget_set_visible (button, differs);
  if (differs)
    {
      g_autofree char *standard = gk_standard_item_field_text (std, key);
      g_autofree char *tooltip = second_key == NULL
        ? g_strdup_printf (_("Changed from the national standard. Reset to: %s"), *standard ? standard : _("(empty)"))
        : g_strdup (_("Changed from the national standard. Reset to the standard’s ticks"));
      gtk_widget_set_tooltip_text (button, tooltip);
    }
}

static void
update_resets (GkItemEditor *self)
{
  const GkStandardItem *std = standard_of (self);

  update_reset (self, std, self->level1_reset, "level1", NULL);
  update_reset (self, std, self->level2_reset, "level2", NULL);
  update_reset (self, std, self->content_reset, "content", NULL);
  update_reset (self, std, self->basis_reset, "basis", NULL);
  update_reset (self, std, self->time_limit_reset, "time_limit", NULL);
  update_reset (self, std, self->subject_reset, "subject", NULL);
  update_reset (self, std, self->channels_reset, "channels", NULL);
  update_reset (self, std, self->audience_reset, "audience_all", "audience_specific");
  update_reset (self, std, self->mode_reset, "mode_active", "mode_request");
  update_reset (self, std, self->level_reset, "level_county", "level_township");
  gtk_widget_set_visible (self->note_reset, FALSE);
}

static void
update_problems (GkItemEditor *self)
{
  g_autoptr(GListModel) problems = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problem_list))) != NULL)
    gtk_list_box_remove (self->problem_list, child);

  if (self->item != NULL)
    problems = gk_validate_domain (self->catalogue, gk_item_get_domain_number (self->item), NULL);
  for (guint i = 0; problems != NULL && i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      GtkWidget *box, *icon, *label;

      if (gk_problem_get_item_id (problem) != gk_item_get_id (self->item))
        continue;
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      icon = gtk_image_new_from_icon_name (gk_problem_get_severity (problem) == GK_SEVERITY_ERROR
                                           ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, gk_problem_get_severity (problem) == GK_SEVERITY_ERROR ? "error" : "warning");
      label = gtk_label_new (gk_problem_get_message (problem));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->problem_list, box);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), shown > 0);
}

static void
update_origin (GkItemEditor *self)
{
  const GkStandardItem *std = standard_of (self);
  g_autofree char *text = NULL;

  if (std != NULL)
    {
      const char *provenance =
        std->provenance == GK_PROVENANCE_SEEN ? _("the ticks are as the source shows them")
        : std->provenance == GK_PROVENANCE_INFERRED ? _("some ticks are inferred, check them")
        : _("the source did not show the ticks, fill them in");

      /* TRANSLATORS: standard item id, source address, a note on the ticks */
      g_autofree char *origin = g_strdup_printf (_("From the national standard, item %s (source: %s); %s."),
                                                 std->id, *std->source_url ? std->source_url : _("unknown"),
                                                 provenance);
      /* TRANSLATORS: the sentence above, then the library's caveat on this item (in Chinese):
       * keep the space only if your language separates sentences with one */
      text = *std->note ? g_strdup_printf (C_("origin and caveat", "%s %s"), origin, std->note)
                        : g_steal_pointer (&origin);
    }
  else if (self->item != NULL)
    text = g_strdup (_("The township’s own item, not from the national standard."));
  gtk_label_set_text (self->origin_label, text != NULL ? text : "");
}

static void
load (GkItemEditor *self)
{
  self->loading = TRUE;
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    gk_widget_set_text (self->texts[t], self->item != NULL ? gk_item_get_text (self->item, t) : "");
  for (guint c = 0; c < GK_N_CHANNELS; c++)
    gtk_check_button_set_active (self->channels[c],
                                 self->item != NULL && (gk_item_get_channels (self->item) & (1u << c)));
  for (guint f = 0; f < GK_N_FLAGS; f++)
    gtk_check_button_set_active (self->flags[f], self->item != NULL && gk_item_get_flag (self->item, f));
  gtk_switch_set_active (self->confirmed_switch, self->item != NULL && gk_item_get_confirmed (self->item));
  self->loading = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), self->item != NULL);
  update_origin (self);
  update_resets (self);
  update_problems (self);
}

/* Saves what was typed and not yet saved. FALSE if the store refused something (the message
 * is shown); what was typed stays in the field so nothing is lost. */
gboolean
gk_item_editor_flush (GkItemEditor *self)
{
  gboolean ok = TRUE;
  gboolean saved = FALSE;

  g_return_val_if_fail (GK_IS_ITEM_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->item == NULL || self->pending == 0)
    return TRUE;

  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      if (!(self->pending & (1u << t)))
        continue;
      self->pending &= ~(1u << t);
      value = gk_widget_get_text (self->texts[t]);
      if (g_strcmp0 (value, gk_item_get_text (self->item, t)) == 0)
        continue;
      if (gk_catalogue_set_item_text (self->catalogue, self->item, t, value, &error))
        saved = TRUE;
      else
        {
          show_error (self, error);
          ok = FALSE;
        }
    }
  if (saved)
    {
      if (ok)
        show_saved (self);
      update_resets (self);
      update_problems (self);
    }
  return ok;
}

static gboolean
save_timeout (gpointer data)
{
  GkItemEditor *self = data;

  self->save_source = 0;
  gk_item_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (GkItemEditor *self,
                 GtkWidget    *widget)
{
  if (self->loading || self->item == NULL)
    return;
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    if (self->texts[t] == widget)
      self->pending |= 1u << t;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   GtkWidget     *view)
{
  GkItemEditor *self = GK_ITEM_EDITOR (gtk_widget_get_ancestor (view, GK_TYPE_ITEM_EDITOR));

  if (self != NULL)
    on_text_changed (self, view);
}

static void
after_immediate_save (GkItemEditor *self,
                      gboolean      ok,
                      GError       *error)
{
  if (ok)
    show_saved (self);
  else
    {
      show_error (self, error);
      load (self);  /* show what the store has */
      return;
    }
  update_resets (self);
  update_problems (self);
}

static void
on_channel_toggled (GtkCheckButton *check,
                    GkItemEditor   *self)
{
  g_autoptr(GError) error = NULL;
  guint channels = 0;
  gboolean ok;

  if (self->loading || self->item == NULL)
    return;
  for (guint c = 0; c < GK_N_CHANNELS; c++)
    if (gtk_check_button_get_active (self->channels[c]))
      channels |= 1u << c;
  ok = gk_catalogue_set_item_channels (self->catalogue, self->item, channels, &error);
  after_immediate_save (self, ok, error);
}

static void
on_flag_toggled (GtkCheckButton *check,
                 GkItemEditor   *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->loading || self->item == NULL)
    return;
  for (guint f = 0; f < GK_N_FLAGS; f++)
    if (self->flags[f] == check)
      ok = gk_catalogue_set_item_flag (self->catalogue, self->item, f,
                                       gtk_check_button_get_active (check), &error);
  after_immediate_save (self, ok, error);
}

static void
on_confirmed_changed (GkItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->loading || self->item == NULL)
    return;
  ok = gk_catalogue_set_item_confirmed (self->catalogue, self->item,
                                        gtk_switch_get_active (self->confirmed_switch), &error);
  after_immediate_save (self, ok, error);
}

static void
reset_field (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GkItemEditor *self = GK_ITEM_EDITOR (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  static const char * const pairs[][3] = {
    { "audience", "audience_all", "audience_specific" },
    { "mode", "mode_active", "mode_request" },
    { "level", "level_county", "level_township" },
  };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gboolean paired = FALSE;

  if (self->item == NULL)
    return;
  gk_item_editor_flush (self);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_str_equal (key, pairs[i][0]))
      {
        const GkStandardItem *std = standard_of (self);
        paired = TRUE;
        for (guint j = 1; j <= 2 && ok; j++)
          if (std != NULL && std->flags[gk_flag_from_key (pairs[i][j])] >= 0)
            ok = gk_catalogue_reset_item_field (self->catalogue, self->item, pairs[i][j], &error);
      }
  if (!paired)
    ok = gk_catalogue_reset_item_field (self->catalogue, self->item, key, &error);

  load (self);
  if (ok)
    show_saved (self);
  else
    show_error (self, error);
}

static void
on_department_activated (GtkListBox    *list,
                         GtkListBoxRow *row,
                         GkItemEditor  *self)
{
  const char *name = gk_department_row_get_name (row);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  g_autofree char *text = NULL;

  if (name == NULL)
    return;
  /* Publishers are a list: a chosen office is added to what is there, not put in its place. */
  text = *current == '\0' ? g_strdup (name) : g_strconcat (current, "、", name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), text);
  gtk_menu_button_popdown (self->subject_menu);
  gk_item_editor_flush (self);
}


void
gk_item_editor_set_catalogue (GkItemEditor *self,
                              GkCatalogue  *catalogue)
{
  g_return_if_fail (GK_IS_ITEM_EDITOR (self));

  gk_item_editor_flush (self);
  g_set_object (&self->catalogue, catalogue);
  g_clear_object (&self->item);

  gk_department_menu_set (self->subject_menu, gk_catalogue_get_departments (catalogue),
                          _("Add a department to the publishers"), G_CALLBACK (on_department_activated), self);

  load (self);
}

void
gk_item_editor_set_item (GkItemEditor *self,
                         GkItem       *item)
{
  g_return_if_fail (GK_IS_ITEM_EDITOR (self));

  if (self->item == item)
    return;
  gk_item_editor_flush (self);
  g_set_object (&self->item, item);
  gtk_label_set_text (self->saved_label, "");
  load (self);
}

GkItem *
gk_item_editor_get_item (GkItemEditor *self)
{
  g_return_val_if_fail (GK_IS_ITEM_EDITOR (self), NULL);
  return self->item;
}

GtkWidget *
gk_item_editor_get_field_widget (GkItemEditor *self,
                                 const char   *field)
{
  int text = gk_item_text_from_key (field);
  int flag = gk_flag_from_key (field);
  int channel = gk_channel_from_name (field);

  if (text >= 0)
    return self->texts[text];
  if (flag >= 0)
    return GTK_WIDGET (self->flags[flag]);
  if (channel >= 0)
    return GTK_WIDGET (self->channels[channel]);
  if (g_strcmp0 (field, "confirmed") == 0)
    return GTK_WIDGET (self->confirmed_switch);
  return NULL;
}

void
gk_item_editor_focus_field (GkItemEditor *self,
                            const char   *field)
{
  int text = gk_item_text_from_key (field);
  GtkWidget *target = NULL;

  if (text >= 0)
    target = self->texts[text];
  else if (g_strcmp0 (field, "channels") == 0)
    target = GTK_WIDGET (self->channels[0]);
  else if (g_strcmp0 (field, "audience") == 0)
    target = self->audience_all_check;
  else if (g_strcmp0 (field, "mode") == 0)
    target = self->mode_active_check;
  else if (g_strcmp0 (field, "level") == 0)
    target = self->level_township_check;
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

static void
build_channels (GkItemEditor *self)
{
  for (guint c = 0; c < GK_N_CHANNELS; c++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (gk_channel_official_name (c));

      self->channels[c] = GTK_CHECK_BUTTON (check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_channel_toggled), self);
      gtk_flow_box_append (self->channel_box, check);
    }
}

static void
gk_item_editor_dispose (GObject *object)
{
  GkItemEditor *self = GK_ITEM_EDITOR (object);

  if (self->catalogue != NULL)
    gk_item_editor_flush (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  /* AdwBin owns the template's root: let go of it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GK_TYPE_ITEM_EDITOR);
  g_clear_object (&self->item);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (gk_item_editor_parent_class)->dispose (object);
}

static void
gk_item_editor_class_init (GkItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gk_item_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongkai/Gongkai/gk-item-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GkItemEditor, name)
  BIND (page); BIND (saved_label); BIND (origin_label); BIND (problem_list); BIND (channel_box);
  BIND (subject_menu); BIND (confirmed_switch);
  BIND (level1_row); BIND (level2_row); BIND (content_view); BIND (basis_view); BIND (time_limit_row);
  BIND (subject_row); BIND (channels_other_row); BIND (note_view);
  BIND (audience_all_check); BIND (audience_specific_check); BIND (mode_active_check);
  BIND (mode_request_check); BIND (level_county_check); BIND (level_township_check);
  BIND (level1_reset); BIND (level2_reset); BIND (content_reset); BIND (basis_reset); BIND (time_limit_reset);
  BIND (subject_reset); BIND (channels_reset); BIND (audience_reset); BIND (mode_reset); BIND (level_reset);
  BIND (note_reset);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.reset", "s", reset_field);
}

static void
gk_item_editor_init (GkItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->texts[GK_ITEM_LEVEL1] = self->level1_row;
  self->texts[GK_ITEM_LEVEL2] = self->level2_row;
  self->texts[GK_ITEM_CONTENT] = self->content_view;
  self->texts[GK_ITEM_BASIS] = self->basis_view;
  self->texts[GK_ITEM_TIME_LIMIT] = self->time_limit_row;
  self->texts[GK_ITEM_SUBJECT] = self->subject_row;
  self->texts[GK_ITEM_CHANNELS_OTHER] = self->channels_other_row;
  self->texts[GK_ITEM_NOTE] = self->note_view;
  self->flags[GK_FLAG_AUDIENCE_ALL] = GTK_CHECK_BUTTON (self->audience_all_check);
  self->flags[GK_FLAG_AUDIENCE_SPECIFIC] = GTK_CHECK_BUTTON (self->audience_specific_check);
  self->flags[GK_FLAG_MODE_ACTIVE] = GTK_CHECK_BUTTON (self->mode_active_check);
  self->flags[GK_FLAG_MODE_REQUEST] = GTK_CHECK_BUTTON (self->mode_request_check);
  self->flags[GK_FLAG_LEVEL_COUNTY] = GTK_CHECK_BUTTON (self->level_county_check);
  self->flags[GK_FLAG_LEVEL_TOWNSHIP] = GTK_CHECK_BUTTON (self->level_township_check);

  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    {
      if (GTK_IS_TEXT_VIEW (self->texts[t]))
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->texts[t])), "changed",
                                 G_CALLBACK (on_buffer_changed), self->texts[t], 0);
      else
        g_signal_connect_swapped (self->texts[t], "changed", G_CALLBACK (on_text_changed), self);
    }
  for (guint f = 0; f < GK_N_FLAGS; f++)
    g_signal_connect (self->flags[f], "toggled", G_CALLBACK (on_flag_toggled), self);
  g_signal_connect_swapped (self->confirmed_switch, "notify::active", G_CALLBACK (on_confirmed_changed), self);
  build_channels (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
}
