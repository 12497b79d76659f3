/* The real window, under Xvfb: what an officer sees when Gongkai opens a workspace. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "gk-core.h"
#include <string.h>

#include "gk-test-ui.h"

#include "gk-domain-page-private.h"
#include "gk-window-private.h"

typedef GkTestWorkspace Fixture;

static GkWindow *
open_window (Fixture *f)
{
  GkWindow *window = gk_window_new (NULL);

  gk_window_set_catalogue (window, f->catalogue);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_sidebar_and_items (Fixture       *f,
                        gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GtkListBox *list;
  GListModel *items;
  g_autoptr(GkItem) first = NULL;
  GtkListBoxRow *selected;

  /* All 26 domains are offered; with nothing remembered, the overview comes first. */
  list = gk_window_get_domain_list (window);
  g_assert_cmpuint (gk_test_count_rows (list), ==, 26);
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "overview");

  /* Choosing 社会救助 shows its township-level standard items, in order. */
  gk_window_select_domain (window, gk_domain_get_number (gk_catalogue_find_domain (f->catalogue, "社会救助")));
  gk_test_wait_for_draw (GTK_WIDGET (window));
  selected = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (selected);
  g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, 19);
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "domain");

  items = gk_domain_page_get_items (gk_window_get_domain_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==,
                    gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20)));
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  first = g_list_model_get_item (items, 0);
  g_assert_cmpstr (gk_item_get_text (first, GK_ITEM_LEVEL1), ==, "综合业务");
  g_assert_cmpstr (gk_item_get_text (first, GK_ITEM_LEVEL2), ==, "政策法规文件");

  /* An edit made elsewhere (the CLI, another page) shows up in the open list and the counts. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GkItem) added = gk_catalogue_add_item (f->catalogue, 20, "本地事项", "救助资金发放", &error);
    g_assert_no_error (error);
    items = gk_domain_page_get_items (gk_window_get_domain_page (window));
    g_assert_cmpuint (g_list_model_get_n_items (items), ==,
                      gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20)));
  }

  gk_test_wait_for_draw (GTK_WIDGET (window));
  gk_test_save_screenshot (GTK_WIDGET (window), "window-domain.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing in the editor reaches the store without a Save button, and survives the window. */
static void
test_edit_field (Fixture       *f,
                 gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GkDomainPage *page = gk_window_get_domain_page (window);
  GkItemEditor *editor = gk_domain_page_get_editor (page);
  GtkWidget *content, *active, *township;
  g_autoptr(GkItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  gk_window_select_domain (window, 20);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  id = gk_item_get_id (gk_domain_page_get_selected (page));

  content = gk_item_editor_get_field_widget (editor, "content");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (content)), "低保对象名单、救助标准", -1);
  /* Not yet saved: the save waits for a pause in the typing, or for leaving the item. */
  g_assert_true (gk_domain_page_flush (page));
  stored = gk_catalogue_get_item (f->catalogue, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_CONTENT), ==, "低保对象名单、救助标准");

  /* A tick is saved at once. */
  active = gk_item_editor_get_field_widget (editor, "mode_request");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (active), !gtk_check_button_get_active (GTK_CHECK_BUTTON (active)));
  g_clear_object (&stored);
  stored = gk_catalogue_get_item (f->catalogue, id, &error);
  g_assert_cmpint (gk_item_get_flag (stored, GK_FLAG_MODE_REQUEST), ==,
                   gtk_check_button_get_active (GTK_CHECK_BUTTON (active)));

  /* Text typed just before closing is not lost. */
  township = gk_item_editor_get_field_widget (editor, "time_limit");
  gtk_editable_set_text (GTK_EDITABLE (township), "信息形成之日起20个工作日内");
  gtk_window_close (GTK_WINDOW (window));
  g_clear_object (&stored);
  stored = gk_catalogue_get_item (f->catalogue, id, &error);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_TIME_LIMIT), ==, "信息形成之日起20个工作日内");
}

static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GkDomainPage *page = gk_window_get_domain_page (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) local = gk_catalogue_add_item (f->catalogue, 20, "本地事项", "临时救助资金", &error);
  g_autoptr(GkItem) back = NULL;
  guint before;

  g_assert_no_error (error);
  g_assert_true (gk_catalogue_set_item_text (f->catalogue, local, GK_ITEM_CONTENT, "救助对象、金额", &error));
  gk_window_select_domain (window, 20);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  before = gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20));
  g_assert_true (gk_domain_page_select_item (page, gk_item_get_id (local), NULL));

  /* A local item goes without questions… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "domain.remove-item", NULL));
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20)), ==, before - 1);
  g_assert_null (gk_catalogue_get_item (f->catalogue, gk_item_get_id (local), NULL));

  /* …and the toast's Undo brings it back whole, with its id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "domain.undo-remove", NULL));
  back = gk_catalogue_get_item (f->catalogue, gk_item_get_id (local), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_item_get_text (back, GK_ITEM_CONTENT), ==, "救助对象、金额");
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20)), ==, before);
  g_assert_cmpint (gk_item_get_id (gk_domain_page_get_selected (page)), ==, gk_item_get_id (local));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_rule (GkCatalogue *catalogue,
          const char  *rule,
          int          domain)
{
  g_autoptr(GListModel) problems = gk_validate_catalogue (catalogue, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      if (g_str_equal (gk_problem_get_rule (problem), rule) && gk_problem_get_domain_number (problem) == domain)
        return TRUE;
    }
  return FALSE;
}

static void
test_not_applicable (Fixture       *f,
                     gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GkDomainPage *page = gk_window_get_domain_page (window);
  AdwEntryRow *reason = gk_domain_page_get_reason_row (page);
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, 5);

  gk_window_select_domain (window, 5);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (has_rule (f->catalogue, "domain-empty", 5));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason)));

  /* Switched off without a reason: stored, but the validator asks for the reason. */
  gtk_switch_set_active (gk_domain_page_get_skip_switch (page), TRUE);
  g_assert_false (gk_domain_get_applicable (domain));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason)));
  g_assert_true (has_rule (f->catalogue, "domain-no-reason", 5));
  g_assert_false (has_rule (f->catalogue, "domain-empty", 5));

  /* With a reason, the problem is gone. */
  gtk_editable_set_text (GTK_EDITABLE (reason), "本乡镇无税务征收职能");
  g_signal_emit_by_name (reason, "apply");
  g_assert_cmpstr (gk_domain_get_reason (domain), ==, "本乡镇无税务征收职能");
  g_assert_false (has_rule (f->catalogue, "domain-no-reason", 5));

  /* Included again: the reason is kept for a later change of mind. */
  gtk_switch_set_active (gk_domain_page_get_skip_switch (page), FALSE);
  g_assert_true (gk_domain_get_applicable (domain));
  g_assert_cmpstr (gk_domain_get_reason (domain), ==, "本乡镇无税务征收职能");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
focus_is_in (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A problem in the overview takes the officer to the item and puts the cursor in the field. */
static void
test_problem_jumps_to_field (Fixture       *f,
                             gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GkDomainPage *page = gk_window_get_domain_page (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = gk_catalogue_add_item (f->catalogue, 21, "本地事项", "高龄津贴发放", &error);
  g_autoptr(GListModel) problems = gk_validate_catalogue (f->catalogue, &error);
  g_autoptr(GkProblem) target = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (problems) && target == NULL; i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      if (gk_problem_get_item_id (problem) == gk_item_get_id (item) &&
          g_strcmp0 (gk_problem_get_field (problem), "content") == 0)
        target = g_object_ref (problem);
    }
  g_assert_nonnull (target);

  g_signal_emit_by_name (gk_window_get_overview_page (window), "problem-activated", target);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "domain");
  g_assert_cmpint (gk_domain_get_number (gk_domain_page_get_domain (page)), ==, 21);
  g_assert_cmpint (gk_item_get_id (gk_domain_page_get_selected (page)), ==, gk_item_get_id (item));
  g_assert_true (gk_test_wait_until (focus_is_in, gk_item_editor_get_field_widget (gk_domain_page_get_editor (page), "content")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_results (gpointer data)
{
  GkWindow *window = data;
  return gk_window_get_search_results (window) != NULL &&
         g_list_model_get_n_items (gk_window_get_search_results (window)) > 0;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GkWindow *window = open_window (f);
  GkDomainPage *page = gk_window_get_domain_page (window);
  g_autoptr(GkItem) hit = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  gtk_editable_set_text (gk_window_get_search_entry (window), "临时救助");
  g_assert_true (gk_test_wait_until (has_results, window));
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "search");

  hit = g_list_model_get_item (gk_window_get_search_results (window), 0);
  g_signal_emit_by_name (gk_window_get_search_entry (window), "activate");
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "domain");
  g_assert_cmpint (gk_item_get_id (gk_domain_page_get_selected (page)), ==, gk_item_get_id (hit));
  g_assert_nonnull (strstr (gk_item_get_text (hit, GK_ITEM_LEVEL1), "临时救助"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
export_finished (gpointer data)
{
  return !gk_window_get_busy (GK_WINDOW (data));
}

static gboolean
file_complete (gpointer data)
{
  GFile *file = data;
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_load_contents (file, NULL, &contents, &length, NULL, NULL) && length > 4 &&
         memcmp (contents, "PK", 2) == 0;
}

/* The export runs in a thread: the window stays responsive and the file appears whole. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  GkWindow *window = open_window (f);
  g_autofree char *path = g_build_filename (f->dir, "城关镇基层政务公开标准目录.xlsx", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);

  gk_window_export_to (window, target);
  g_assert_true (gk_window_get_busy (window));
  g_assert_true (gk_test_wait_until (file_complete, target));
  g_assert_true (gk_test_wait_until (export_finished, window));
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Dark mode: the window follows the style manager; the picture is for a person to check that
 * the warning and error colours stay readable. */
static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GkWindow *window;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_window (f);
  gk_window_select_domain (window, 20);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (adw_style_manager_get_dark (style));
  gk_test_save_screenshot (GTK_WIDGET (window), "window-dark.png");
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_error_page (void)
{
  g_autoptr(GError) error = NULL;
  GkWindow *window = gk_window_new (NULL);

  g_set_error_literal (&error, GK_ERROR, GK_ERROR_CORRUPT, "damaged");
  gk_window_show_error (window, "/tmp/x.gongkai", error);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "error");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gk_window_get_domain_list (window))));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!gk_test_ui_init (&argc, &argv))
    return 77;

  gk_test_add_workspace ("/window/sidebar-and-items", test_sidebar_and_items);
  gk_test_add_workspace ("/window/edit-field", test_edit_field);
  gk_test_add_workspace ("/window/remove-and-undo", test_remove_and_undo);
  gk_test_add_workspace ("/window/not-applicable", test_not_applicable);
  gk_test_add_workspace ("/window/problem-jumps-to-field", test_problem_jumps_to_field);
  gk_test_add_workspace ("/window/search", test_search);
  gk_test_add_workspace ("/window/export", test_export);
  gk_test_add_workspace ("/window/dark", test_dark);
  g_test_add_func ("/window/error-page", test_error_page);

  return g_test_run ();
}
