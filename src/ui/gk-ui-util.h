#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is: in libadwaita 1.2 a toast's title is markup, and messages
 * carry names typed by users ("财政&社保所"). */
AdwToast *gk_toast_new_literal          (const char   *text);

/* Shows @message in the toast overlay around @owner, one message at a time per owner: a
 * toast still up takes the new text (a few quick edits would otherwise queue toasts for five
 * seconds each, and dismissing a toast still sliding in crashed libadwaita 1.2.2). FALSE when
 * @owner is not in a shown overlay; the caller then shows the message its own way. */
gboolean  gk_show_message               (GtkWidget    *owner,
                                         const char   *message);

/* The text of an editable or a text view, and setting it. */
char     *gk_widget_get_text            (GtkWidget    *widget);
void      gk_widget_set_text            (GtkWidget    *widget,
                                         const char   *text);
gboolean  gk_widget_has_focus_within    (GtkWidget    *widget);

/* Sets the text without leaving the apply button up, as if the officer had not typed. */
void      gk_entry_row_set_text_quietly (AdwEntryRow  *row,
                                         const char   *text);

/* The popover of a menu button that offers the catalogue's departments (for 公开主体 and
 * 责任单位): @activated is a GtkListBox::row-activated handler; the chosen row's name is
 * gk_department_row_get_name(). */
void        gk_department_menu_set      (GtkMenuButton *button,
                                         GListModel    *departments,
                                         const char    *hint,
                                         GCallback      activated,
                                         gpointer       user_data);
const char *gk_department_row_get_name  (GtkListBoxRow *row);

G_END_DECLS
