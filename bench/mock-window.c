/* A second baseline for the start-up benchmark: gongkai's first frame (a domain page of the
 * full catalogue) rebuilt as a static window of plain GTK and libadwaita widgets, with the
 * same texts, icons and layout, and none of gongkai's code — no workspace, no templates of
 * its own, no models. bench/startup.sh times it beside the bare window and gongkai: the gap
 * between bare and mock is what drawing this screen costs in itself; the gap between mock
 * and gongkai is what gongkai's code adds. Quits after its first frame (bench-window.c). */

#include "bench-window.h"

static const char *domains[] = {
  "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "农村集体土地征收",
  "国有土地上房屋征收与补偿", "城乡规划", "保障性住房", "农村危房改造", "生态环境",
  "公共文化服务", "公共法律服务", "扶贫", "救灾", "食品药品监管", "城市综合执法", "就业",
  "社会保险", "社会救助", "养老服务", "户籍管理", "涉农补贴", "义务教育", "卫生健康", "市政服务",
};

static GtkWidget *
sidebar_row (const char *icon,
             const char *text,
             const char *count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (box), label);
  if (count != NULL)
    {
      GtkWidget *n = gtk_label_new (count);
      gtk_widget_add_css_class (n, "dim-label");
      gtk_widget_add_css_class (n, "numeric");
      gtk_box_append (GTK_BOX (box), n);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
navigation_list (void)
{
  GtkWidget *list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "navigation-sidebar");
  return list;
}

static GtkWidget *
sidebar (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = navigation_list ();
  GtkWidget *list = navigation_list ();
  GtkWidget *bottom = navigation_list ();
  GtkWidget *caption = gtk_label_new ("试点领域");

  gtk_widget_set_size_request (box, 250, -1);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("政务公开目录", "城关镇 · 2026"));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);

  gtk_list_box_append (GTK_LIST_BOX (top), sidebar_row ("view-grid-symbolic", "概览", NULL));
  gtk_list_box_unselect_all (GTK_LIST_BOX (top));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_margin_start (caption, 18);
  gtk_widget_set_margin_top (caption, 6);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption-heading");
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autofree char *text = g_strdup_printf ("%02u  %s", i + 1, domains[i]);
      g_autofree char *count = g_strdup_printf ("%u/%u", i % 7, 30 + i % 9);
      GtkWidget *row = sidebar_row (i % 3 ? "dialog-warning-symbolic" : "emblem-ok-symbolic", text, count);
      GtkWidget *icon = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
      gtk_widget_add_css_class (icon, i % 3 ? "warning" : "success");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      if (i == 19)
        gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
    }
  gtk_list_box_append (GTK_LIST_BOX (bottom), sidebar_row ("x-office-calendar-symbolic", "任务清单", NULL));
  gtk_list_box_append (GTK_LIST_BOX (bottom), sidebar_row ("system-users-symbolic", "责任单位", NULL));

  gtk_box_append (GTK_BOX (inner), top);
  gtk_box_append (GTK_BOX (inner), caption);
  gtk_box_append (GTK_BOX (inner), list);
  gtk_box_append (GTK_BOX (inner), bottom);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), scroll);
  return box;
}

static GtkWidget *
labelled_button (const char *icon,
                 const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  return button;
}

static GtkWidget *
domain_page (void)
{
  static const char *columns[] = { "序号", "一级事项", "二级事项", "公开主体", "公开时限", "方式", "层级", "状态" };
  static const int widths[] = { 36, 84, 96, 112, 112, 48, 48, 34 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *settings = gtk_list_box_new ();
  GtkWidget *skip = adw_action_row_new ();
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *summary = gtk_label_new ("已完成 6 / 37 项 · 国家牵头部门：民政部");
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkWidget *lead = adw_entry_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (settings), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (settings, "boxed-list");
  gtk_widget_set_margin_start (settings, 12);
  gtk_widget_set_margin_end (settings, 12);
  gtk_widget_set_margin_top (settings, 12);
  gtk_widget_set_margin_bottom (settings, 6);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lead), "牵头单位");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (lead), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (settings), lead);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (skip), "未涉及");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (skip), "本乡镇无此类事项；需向县里说明理由。");
  {
    GtkWidget *sw = gtk_switch_new ();
    gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
    adw_action_row_add_suffix (ADW_ACTION_ROW (skip), sw);
  }
  gtk_list_box_append (GTK_LIST_BOX (settings), skip);
  gtk_box_append (GTK_BOX (box), settings);

  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_box_append (GTK_BOX (toolbar), labelled_button ("list-add-symbolic", "添加事项(_A)"));
  gtk_box_append (GTK_BOX (toolbar), labelled_button ("document-revert-symbolic", "标准指引事项(_S)"));
  gtk_box_append (GTK_BOX (toolbar), gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_box_append (GTK_BOX (toolbar), gtk_button_new_from_icon_name ("go-up-symbolic"));
  gtk_box_append (GTK_BOX (toolbar), gtk_button_new_from_icon_name ("go-down-symbolic"));
  gtk_widget_set_hexpand (summary, TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 1);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_box_append (GTK_BOX (toolbar), summary);
  gtk_box_append (GTK_BOX (box), toolbar);

  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (columns[i], NULL);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, widths[i]);
      gtk_column_view_column_set_expand (column, i >= 2 && i <= 4);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), view);
  gtk_widget_set_size_request (scroll, 320, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), scroll);
  gtk_paned_set_end_child (GTK_PANED (paned), adw_bin_new ());
  gtk_paned_set_position (GTK_PANED (paned), 580);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (box), paned);
  return box;
}

static GtkWidget *
content (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *search = gtk_toggle_button_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("社会救助", "城关镇 · 2026"));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_button_set_icon_name (GTK_BUTTON (search), "system-search-symbolic");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), search);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "open-menu-symbolic");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), labelled_button ("document-send-symbolic", "导出(_E)"));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), domain_page ());
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *leaflet = adw_leaflet_new ();
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  adw_leaflet_append (ADW_LEAFLET (leaflet), sidebar ());
  gtk_widget_add_css_class (separator, "sidebar");
  adw_leaflet_page_set_navigatable (adw_leaflet_append (ADW_LEAFLET (leaflet), separator), FALSE);
  adw_leaflet_append (ADW_LEAFLET (leaflet), content ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), leaflet);
  gtk_window_set_title (GTK_WINDOW (window), "政务公开目录");
  bench_window_present (GTK_WINDOW (window), app);
}

int
main (int   argc,
      char *argv[])
{
  return bench_window_run ("io.github.gongkai.MockWindow", on_activate, argc, argv);
}
