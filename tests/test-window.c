/* The real window, under Xvfb: what an officer sees when Gongkai opens a workspace. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "gk-core.h"
#include "gk-window-private.h"

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gongkai-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "workspace.gongkai", NULL);
  f->catalogue = gk_catalogue_create (f->path, "城关镇", "测试县", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_assert_finalize_object (f->catalogue);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Saves what the window shows, for a person to look at (the CI keeps it as an artifact). */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;
  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_sidebar_and_items (Fixture       *f,
                        gconstpointer  data)
{
  GkWindow *window = gk_window_new (NULL);
  GtkListBox *list;
  GListModel *items;
  g_autoptr(GkItem) first = NULL;
  GtkListBoxRow *selected;

  gk_window_set_catalogue (window, f->catalogue);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));

  /* All 26 domains are offered; with no remembered domain the first one is shown. */
  list = gk_window_get_domain_list (window);
  g_assert_cmpuint (count_rows (list), ==, 26);
  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "domain");
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 0);

  /* Choosing 社会救助 shows its township-level standard items, in order. */
  gk_window_select_domain (window, gk_domain_get_number (gk_catalogue_find_domain (f->catalogue, "社会救助")));
  wait_for_draw (GTK_WIDGET (window));
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

  wait_for_draw (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "window-domain.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_error_page (void)
{
  g_autoptr(GError) error = NULL;
  GkWindow *window = gk_window_new (NULL);

  g_set_error_literal (&error, GK_ERROR, GK_ERROR_CORRUPT, "damaged");
  gk_window_show_error (window, "/tmp/x.gongkai", error);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (gk_window_get_visible_page (window), ==, "error");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gk_window_get_domain_list (window))));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/sidebar-and-items", Fixture, NULL, fixture_set_up, test_sidebar_and_items,
              fixture_tear_down);
  g_test_add_func ("/window/error-page", test_error_page);

  return g_test_run ();
}
