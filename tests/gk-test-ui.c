/* What the window and page tests share: waiting for the main loop, screenshots, and finding
 * widgets. */

#include <string.h>

#include "gk-test-ui.h"
#include "gk-test-util.h"

void
gk_test_workspace_set_up (GkTestWorkspace *f,
                          gconstpointer    data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *tmpl = g_strdup_printf ("gongkai-%s-XXXXXX",
                                           g_str_has_prefix (program, "test-") ? program + strlen ("test-")
                                                                                : program);

  f->dir = gk_test_tmp_dir_new (tmpl);
  f->path = g_build_filename (f->dir, "workspace.gongkai", NULL);
  f->catalogue = gk_test_create_workspace (f->path, "城关镇", "测试县");
}

void
gk_test_workspace_tear_down (GkTestWorkspace *f,
                             gconstpointer    data)
{
  g_assert_finalize_object (f->catalogue);
  gk_test_tmp_dir_free (f->dir);
  g_free (f->path);
}

void
gk_test_add_workspace (const char  *path,
                       void       (*test) (GkTestWorkspace *f,
                                           gconstpointer    data))
{
  g_test_add (path, GkTestWorkspace, NULL, gk_test_workspace_set_up, test, gk_test_workspace_tear_down);
}

gboolean
gk_test_ui_init (int    *argc,
                 char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

void
gk_test_save_screenshot (GtkWidget  *widget,
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
  /* The picture is for people to look at, not an assertion: a frame not drawn yet (a busy
   * machine) leaves no picture rather than failing the test. */
  if (node == NULL)
    {
      g_test_message ("screenshot %s: nothing drawn yet", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
gk_test_wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
gk_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

gboolean
gk_test_wait_until (GkTestCondition condition,
                    gpointer        data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

guint
gk_test_count_rows (GtkListBox *list)
{
  guint n = 0;
  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

GtkWidget *
gk_test_find_widget (GtkWidget         *root,
                     GkTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gk_test_find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GType       type;
  const char *title;
} RowQuery;

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  const RowQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), query->title) == 0;
}

GtkWidget *
gk_test_find_row (GtkWidget  *root,
                  GType       type,
                  const char *title)
{
  RowQuery query = { type, title };

  return gk_test_find_widget (root, is_row, &query);
}

GtkWindow *
gk_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}
