/* The overview and departments pages, real widgets under Xvfb: what the officer types, the
 * catalogue keeps; what the catalogue holds, the pages show. */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "gk-core.h"
#include "gk-departments-page.h"
#include "gk-overview-page.h"
#include "gk-test-ui.h"
#include "gk-test-util.h"

typedef GkTestWorkspace Fixture;

/* A window as the application makes it: the page inside a toast overlay (or not). */
static GtkWindow *
make_window (GtkWidget *page,
             gboolean   with_toasts)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 960);
  if (with_toasts)
    {
      GtkWidget *overlay = adw_toast_overlay_new ();
      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
      gtk_window_set_child (GTK_WINDOW (window), overlay);
    }
  else
    gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gk_test_wait_for_draw (window);
  return GTK_WINDOW (window);
}

/* Closes the window; the page goes with it (no reference left behind). */
static void
close_window (GtkWindow *window,
              GtkWidget *page)
{
  GtkWidget *weak = page;

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &weak);
  gtk_window_destroy (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
}

static gpointer
child (GtkWidget  *page,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, type, name);
  g_assert_nonnull (object);
  return object;
}

static void
type_and_apply (gpointer    row,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* ---- overview: profile ------------------------------------------------------------------ */

static void
test_overview_profile (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  GtkWidget *township, *county, *compiled_by, *phone, *year;
  g_autofree char *old_year = gk_catalogue_get_profile (f->catalogue, GK_PROFILE_YEAR);
  g_autofree char *too_long = NULL;

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  window = make_window (page, TRUE);

  township = child (page, GK_TYPE_OVERVIEW_PAGE, "township_row");
  county = child (page, GK_TYPE_OVERVIEW_PAGE, "county_row");
  compiled_by = child (page, GK_TYPE_OVERVIEW_PAGE, "compiled_by_row");
  phone = child (page, GK_TYPE_OVERVIEW_PAGE, "phone_row");
  year = child (page, GK_TYPE_OVERVIEW_PAGE, "year_row");

  /* The stored profile is shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (township)), ==, "城关镇");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (county)), ==, "测试县");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, old_year);

  /* Enter or the apply button saves (surrounding spaces dropped). */
  type_and_apply (township, " 新城镇 ");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_TOWNSHIP, "新城镇");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (township)), ==, "新城镇");
  type_and_apply (phone, "0571-1234567");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_PHONE, "0571-1234567");

  /* A refused value keeps the stored one and marks the row; with a toast overlay the message
   * goes into a toast, not under the profile. */
  type_and_apply (year, "abc");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_YEAR, old_year);
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  g_assert_false (gtk_widget_get_visible (child (page, GK_TYPE_OVERVIEW_PAGE, "profile_error_label")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "abc");

  too_long = g_strnfill (101, 'x');
  type_and_apply (county, too_long);
  gk_test_assert_profile (f->catalogue, GK_PROFILE_COUNTY, "测试县");
  g_assert_true (gtk_widget_has_css_class (county, "error"));

  /* A good value clears the mark. */
  type_and_apply (year, "2027");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_YEAR, "2027");
  g_assert_false (gtk_widget_has_css_class (year, "error"));

  /* Leaving a field saves it. */
  gtk_widget_grab_focus (compiled_by);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  gtk_editable_set_text (GTK_EDITABLE (compiled_by), "张三");
  gtk_widget_grab_focus (phone);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  gk_test_assert_profile (f->catalogue, GK_PROFILE_COMPILED_BY, "张三");

  /* A change made elsewhere shows up, except in the field being edited. */
  {
    g_autoptr(GError) error = NULL;
    gk_catalogue_set_profile (f->catalogue, GK_PROFILE_TOWNSHIP, "城关镇", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (township)), ==, "城关镇");
  }

  /* Leaving by switching to another page saves too. */
  {
    GtkWidget *stack = gtk_stack_new ();
    GtkWidget *overlay = gtk_window_get_child (window);

    g_object_ref (overlay);
    gtk_window_set_child (window, stack);
    gtk_stack_add_named (GTK_STACK (stack), overlay, "overview");
    gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("another page"), "other");
    g_object_unref (overlay);
    gk_test_wait_for_draw (GTK_WIDGET (window));

    gtk_widget_grab_focus (compiled_by);
    gk_test_wait_for_draw (GTK_WIDGET (window));
    gtk_editable_set_text (GTK_EDITABLE (compiled_by), "李四");
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "other");
    gk_test_wait_for_draw (GTK_WIDGET (window));
    gk_test_assert_profile (f->catalogue, GK_PROFILE_COMPILED_BY, "李四");
    gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
    gk_test_wait_for_draw (GTK_WIDGET (window));
  }

  /* A problem about the profile leads back to its field. */
  g_assert_true (gk_overview_page_focus_profile_field (GK_OVERVIEW_PAGE (page), "county"));
  g_assert_true (gtk_widget_get_state_flags (county) & GTK_STATE_FLAG_FOCUS_WITHIN);
  g_assert_false (gk_overview_page_focus_profile_field (GK_OVERVIEW_PAGE (page), "no-such-field"));

  /* Closing the window with an edit under way keeps it. */
  gtk_editable_set_text (GTK_EDITABLE (county), "新县");
  gtk_widget_grab_focus (year);
  gtk_editable_set_text (GTK_EDITABLE (year), "abc");
  close_window (window, page);
  gk_test_assert_profile (f->catalogue, GK_PROFILE_COUNTY, "新县");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_YEAR, "2027");
}

/* Without a toast overlay, the message is shown under the profile. */
static void
test_overview_inline_error (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  GtkWidget *year, *label;
  g_autoptr(GError) expected = NULL;
  g_autofree char *old_year = gk_catalogue_get_profile (f->catalogue, GK_PROFILE_YEAR);

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  window = make_window (page, FALSE);
  year = child (page, GK_TYPE_OVERVIEW_PAGE, "year_row");
  label = child (page, GK_TYPE_OVERVIEW_PAGE, "profile_error_label");

  g_assert_false (gk_catalogue_set_profile (f->catalogue, GK_PROFILE_YEAR, "abc", &expected));
  type_and_apply (year, "abc");
  gk_test_assert_profile (f->catalogue, GK_PROFILE_YEAR, old_year);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected->message);
  g_assert_true (gtk_widget_has_css_class (year, "error"));

  gk_test_wait_for_draw (GTK_WIDGET (window));
  gk_test_save_screenshot (GTK_WIDGET (window), "overview-inline-error.png");

  type_and_apply (year, old_year);
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_false (gtk_widget_has_css_class (year, "error"));

  close_window (window, page);
}

/* ---- overview: completion --------------------------------------------------------------- */

static void
expected_completion (GkCatalogue *catalogue,
                     char       **domains_text,
                     char       **items_text)
{
  GListModel *domains = gk_catalogue_get_domains (catalogue);
  guint n = g_list_model_get_n_items (domains);
  guint done = 0, items = 0, complete = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      g_autofree char *reason = g_strstrip (g_strdup (gk_domain_get_reason (domain)));

      if (gk_domain_get_applicable (domain))
        {
          done += gk_domain_get_n_items (domain) > 0 &&
                  gk_domain_get_n_complete (domain) == gk_domain_get_n_items (domain) &&
                  gk_domain_get_n_errors (domain) == 0;
          items += gk_domain_get_n_items (domain);
          complete += gk_domain_get_n_complete (domain);
        }
      else
        done += *reason != '\0';
    }
  *domains_text = g_strdup_printf ("%u / %u", done, n);
  *items_text = g_strdup_printf ("%u / %u", complete, items);
}

static void
assert_completion (GtkWidget   *page,
                   GkCatalogue *catalogue)
{
  g_autofree char *domains_text = NULL;
  g_autofree char *items_text = NULL;
  GtkLevelBar *items_bar = child (page, GK_TYPE_OVERVIEW_PAGE, "items_bar");
  guint complete, total;

  expected_completion (catalogue, &domains_text, &items_text);
  g_assert_cmpstr (gtk_label_get_text (child (page, GK_TYPE_OVERVIEW_PAGE, "domains_label")), ==, domains_text);
  g_assert_cmpstr (gtk_label_get_text (child (page, GK_TYPE_OVERVIEW_PAGE, "items_label")), ==, items_text);
  g_assert_cmpint (sscanf (items_text, "%u / %u", &complete, &total), ==, 2);
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (items_bar),
                                  total > 0 ? (double) complete / total : 0.0, 1e-9);
}

/* The number of the first applicable domain that is done (or not yet done). */
static int
first_domain (GkCatalogue *catalogue,
              gboolean     done)
{
  GListModel *domains = gk_catalogue_get_domains (catalogue);

  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, i);
      gboolean is_done = gk_domain_get_n_items (domain) > 0 &&
                         gk_domain_get_n_complete (domain) == gk_domain_get_n_items (domain) &&
                         gk_domain_get_n_errors (domain) == 0;

      if (gk_domain_get_applicable (domain) && is_done == done)
        return gk_domain_get_number (domain);
    }
  g_assert_not_reached ();
}

static void
test_overview_completion (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  g_autoptr(GError) error = NULL;
  GtkLevelBar *domains_bar;
  double before;

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  window = make_window (page, TRUE);
  domains_bar = child (page, GK_TYPE_OVERVIEW_PAGE, "domains_bar");
  assert_completion (page, f->catalogue);
  before = gtk_level_bar_get_value (domains_bar);

  /* 未涉及 with a reason counts as done; the page follows at once. */
  gk_catalogue_set_domain_applicable (f->catalogue, first_domain (f->catalogue, FALSE), FALSE,
                                      "本镇无此业务", &error);
  g_assert_no_error (error);
  assert_completion (page, f->catalogue);
  g_assert_cmpfloat (gtk_level_bar_get_value (domains_bar), >, before);

  /* Without a reason it does not. */
  before = gtk_level_bar_get_value (domains_bar);
  gk_catalogue_set_domain_applicable (f->catalogue, first_domain (f->catalogue, TRUE), FALSE, "  ", &error);
  g_assert_no_error (error);
  assert_completion (page, f->catalogue);
  g_assert_cmpfloat (gtk_level_bar_get_value (domains_bar), <, before);

  /* A new, empty item changes the item counts. */
  {
    g_autoptr(GkItem) item = gk_catalogue_add_item (f->catalogue, 20, "本地事项", "救助资金发放", &error);
    g_assert_no_error (error);
    assert_completion (page, f->catalogue);
  }

  close_window (window, page);
}

/* ---- overview: problems ----------------------------------------------------------------- */

typedef struct
{
  GtkListBox          *list;
  AdwPreferencesGroup *group;
  guint                n_rows;
  char                *description;
} Shown;

static const char *
description_of (AdwPreferencesGroup *group)
{
  const char *description = adw_preferences_group_get_description (group);
  return description != NULL ? description : "";
}

/* What the page should show for @problems: so many rows, and "N errors, M warnings". */
static void
expect_problems (Shown      *shown,
                 GListModel *problems)
{
  guint n = g_list_model_get_n_items (problems);
  guint n_errors, n_warnings;

  gk_validate_count (problems, &n_errors, &n_warnings);
  shown->n_rows = n > 200 ? 201 : n;
  g_free (shown->description);
  shown->description = n == 0 ? g_strdup ("")
    : g_strdup_printf ("%u %s, %u %s", n_errors, n_errors == 1 ? "error" : "errors",
                       n_warnings, n_warnings == 1 ? "warning" : "warnings");
}

static gboolean
shows_problems (gpointer data)
{
  Shown *shown = data;
  return gk_test_count_rows (shown->list) == shown->n_rows &&
         g_strcmp0 (description_of (shown->group), shown->description) == 0;
}

/* Row by row, the page shows the errors first, then the warnings, each in the rules' order. */
static void
assert_rows_match (GtkListBox *list,
                   GListModel *problems)
{
  guint n = g_list_model_get_n_items (problems);
  guint row = 0;

  for (int severity = GK_SEVERITY_ERROR; severity <= GK_SEVERITY_WARNING; severity++)
    for (guint i = 0; i < n && row < 200; i++)
      {
        g_autoptr(GkProblem) expected = g_list_model_get_item (problems, i);
        GkProblem *shown;

        if ((int) gk_problem_get_severity (expected) != severity)
          continue;
        shown = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, (int) row)), "gk-problem");
        g_assert_nonnull (shown);
        g_assert_cmpstr (gk_problem_get_message (shown), ==, gk_problem_get_message (expected));
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, (int) row))),
                         ==, gk_problem_get_message (expected));
        row++;
      }
  g_assert_cmpuint (row, ==, MIN (n, 200));
}

/* Validates the catalogue again into @problems and waits until the page shows them. */
static void
assert_shows_problems (Fixture     *f,
                       Shown       *shown,
                       GListModel **problems)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (problems);
  *problems = gk_validate_catalogue (f->catalogue, &error);
  g_assert_no_error (error);
  expect_problems (shown, *problems);
  g_assert_true (gk_test_wait_until (shows_problems, shown));
  assert_rows_match (shown->list, *problems);
}

static void
on_problem_activated (GkOverviewPage *page,
                      GkProblem      *problem,
                      GkProblem     **out)
{
  g_set_object (out, problem);
}

static void
test_overview_problems (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) problems = NULL;
  g_autoptr(GkProblem) activated = NULL;
  g_autoptr(GkProblem) first = NULL;
  g_autofree char *before = NULL;
  GtkListBox *list;
  Shown shown = { NULL, };
  guint n_errors, n_warnings;

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  g_signal_connect (page, "problem-activated", G_CALLBACK (on_problem_activated), &activated);
  window = make_window (page, TRUE);
  list = child (page, GK_TYPE_OVERVIEW_PAGE, "problem_list");
  shown.list = list;
  shown.group = child (page, GK_TYPE_OVERVIEW_PAGE, "problems_group");

  /* The first check runs once the page is drawn: one row per problem, up to the cap. */
  assert_shows_problems (f, &shown, &problems);
  g_test_message ("%u problems in a new workspace", g_list_model_get_n_items (problems));

  /* The refresh button and the list have names for a screen reader; so does each problem. */
  gtk_test_accessible_assert_property (child (page, GK_TYPE_OVERVIEW_PAGE, "revalidate_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Check the catalogue again");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, "Problems");

  /* Errors come first. */
  gk_validate_count (problems, &n_errors, &n_warnings);
  for (guint i = 0; i < MIN (g_list_model_get_n_items (problems), 200); i++)
    {
      GkProblem *problem = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, (int) i)), "gk-problem");
      g_assert_nonnull (problem);
      g_assert_cmpint (gk_problem_get_severity (problem), ==, i < n_errors ? GK_SEVERITY_ERROR : GK_SEVERITY_WARNING);
    }

  /* Activating a row asks the window to go to that problem: here the first error. */
  for (guint i = 0; i < g_list_model_get_n_items (problems) && first == NULL; i++)
    {
      g_autoptr(GkProblem) problem = g_list_model_get_item (problems, i);
      if (gk_problem_get_severity (problem) == GK_SEVERITY_ERROR)
        first = g_object_ref (problem);
    }
  g_assert_nonnull (first);
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  g_assert_nonnull (activated);
  g_assert_cmpstr (gk_problem_get_rule (activated), ==, gk_problem_get_rule (first));
  g_assert_cmpstr (gk_problem_get_message (activated), ==, gk_problem_get_message (first));
  g_assert_cmpint (gk_problem_get_domain_number (activated), ==, gk_problem_get_domain_number (first));
  g_assert_cmpint (gk_problem_get_item_id (activated), ==, gk_problem_get_item_id (first));

  /* An edit is checked again after a pause, not at once; text that looks like markup is shown
   * as it is (G_DEBUG=fatal-warnings turns a markup error into a failure). */
  before = g_strdup (description_of (shown.group));
  {
    g_autoptr(GkItem) item = gk_catalogue_add_item (f->catalogue, 20, "<b>本地</b> & 事项", "a < b", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (description_of (shown.group), ==, before);
  g_clear_object (&problems);
  problems = gk_validate_catalogue (f->catalogue, &error);
  g_assert_no_error (error);
  expect_problems (&shown, problems);
  g_assert_cmpstr (shown.description, !=, before);
  g_assert_true (gk_test_wait_until (shows_problems, &shown));
  assert_rows_match (list, problems);

  /* Clearing the township adds a profile problem. */
  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_TOWNSHIP, "", &error);
  g_assert_no_error (error);
  assert_shows_problems (f, &shown, &problems);

  /* Fixing it takes the row away again. */
  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_TOWNSHIP, "城关镇", &error);
  g_assert_no_error (error);
  assert_shows_problems (f, &shown, &problems);

  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_VIEWPORT))), 0);
  gk_test_wait_for_draw (GTK_WIDGET (window));
  gk_test_save_screenshot (GTK_WIDGET (window), "overview.png");

  g_free (shown.description);
  close_window (window, page);
}

/* Past 200 problems, one last row says how many more there are. */
static void
test_overview_many_problems (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) problems = NULL;
  g_autofree char *more = NULL;
  GtkListBox *list;
  GtkListBoxRow *last;
  gint64 start;
  guint n;

  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("本地事项 %d", i);
      g_autoptr(GkItem) item = gk_catalogue_add_item (f->catalogue, 20, name, "待补充", &error);
      g_assert_no_error (error);
    }
  start = g_get_monotonic_time ();
  problems = gk_validate_catalogue (f->catalogue, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (problems);
  g_assert_cmpuint (n, >, 200);
  g_test_message ("%u problems found in %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  window = make_window (page, TRUE);
  start = g_get_monotonic_time ();
  gk_overview_page_revalidate (GK_OVERVIEW_PAGE (page));
  g_test_message ("%u problems checked and shown in %.0f ms", n,
                  (g_get_monotonic_time () - start) / 1000.0);

  list = child (page, GK_TYPE_OVERVIEW_PAGE, "problem_list");
  g_assert_cmpuint (gk_test_count_rows (list), ==, 201);
  last = gtk_list_box_get_row_at_index (list, 200);
  more = g_strdup_printf ("And %u more problems", n - 200);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, more);
  g_assert_false (gtk_list_box_row_get_activatable (last));
  g_assert_null (g_object_get_data (G_OBJECT (last), "gk-problem"));

  /* Checking again keeps the rows of the problems still there. */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 0);
    g_autoptr(GkItem) item = gk_catalogue_add_item (f->catalogue, 20, "再一个事项", "待补充", &error);

    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    gk_overview_page_revalidate (GK_OVERVIEW_PAGE (page));
    g_test_message ("checked again and shown in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
    g_assert_true (gtk_list_box_get_row_at_index (list, 0) == first);
    g_assert_cmpuint (gk_test_count_rows (list), ==, 201);
    g_assert_true (gtk_list_box_get_row_at_index (list, 200) == last);
    g_clear_object (&problems);
    problems = gk_validate_catalogue (f->catalogue, &error);
    g_assert_no_error (error);
    assert_rows_match (list, problems);
  }

  close_window (window, page);
}

/* A workspace with every domain marked 未涉及 and a full profile has no problem at all. */
static void
test_overview_clean (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page = gk_overview_page_new ();
  GtkWindow *window;
  g_autoptr(GError) error = NULL;
  GtkListBox *list;
  g_autofree char *domains_text = NULL;
  g_autofree char *items_text = NULL;

  for (int number = 1; number <= 26; number++)
    {
      gk_catalogue_set_domain_applicable (f->catalogue, number, FALSE, "本镇无此业务", &error);
      g_assert_no_error (error);
    }
  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_COMPILED_BY, "张三", &error);
  g_assert_no_error (error);
  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_PHONE, "0571-1234567", &error);
  g_assert_no_error (error);

  gk_overview_page_set_catalogue (GK_OVERVIEW_PAGE (page), f->catalogue);
  window = make_window (page, TRUE);
  gk_overview_page_revalidate (GK_OVERVIEW_PAGE (page));
  list = child (page, GK_TYPE_OVERVIEW_PAGE, "problem_list");
  g_assert_cmpuint (gk_test_count_rows (list), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (page, GK_TYPE_OVERVIEW_PAGE, "placeholder_icon")));
  g_assert_cmpstr (description_of (child (page, GK_TYPE_OVERVIEW_PAGE, "problems_group")), ==, "");
  expected_completion (f->catalogue, &domains_text, &items_text);
  g_assert_cmpstr (domains_text, ==, "26 / 26");
  assert_completion (page, f->catalogue);

  /* The deadlines group is a placeholder until the task list exists: hidden without tasks. */
  {
    const char * const tasks[] = { "报送政务公开目录", "更新公开事项", NULL };
    g_autoptr(GtkStringList) model = gtk_string_list_new (tasks);
    GtkWidget *group = child (page, GK_TYPE_OVERVIEW_PAGE, "deadlines_group");

    g_assert_false (gtk_widget_get_visible (group));
    gk_overview_page_set_deadlines (GK_OVERVIEW_PAGE (page), G_LIST_MODEL (model));
    g_assert_true (gtk_widget_get_visible (group));
    g_assert_cmpuint (gk_test_count_rows (child (page, GK_TYPE_OVERVIEW_PAGE, "deadline_list")), ==, 2);
    gk_test_wait_for_draw (GTK_WIDGET (window));
    gk_test_save_screenshot (GTK_WIDGET (window), "overview-clean.png");
    gk_overview_page_set_deadlines (GK_OVERVIEW_PAGE (page), NULL);
    g_assert_false (gtk_widget_get_visible (group));
  }

  close_window (window, page);
}

/* ---- departments ------------------------------------------------------------------------ */

static GtkWidget *
department_row (GtkWidget  *page,
                const char *name)
{
  GtkListBox *list = child (page, GK_TYPE_DEPARTMENTS_PAGE, "department_list");
  return gk_test_find_row (GTK_WIDGET (list), ADW_TYPE_EXPANDER_ROW, name);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) gk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* A button with the icon @data (the expander's own arrow is a button too). */
static gboolean
has_icon (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

/* A button labelled @data: a response of a message dialog. */
static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static void
test_departments (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = gk_departments_page_new ();
  GtkWindow *window;
  GListModel *departments = gk_catalogue_get_departments (f->catalogue);
  GtkListBox *list;
  GtkWidget *add_row, *row, *name_row, *contact_row, *remove_button;
  GkDepartment *department;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = NULL;
  g_autoptr(GkItem) reloaded = NULL;
  guint n;

  gk_departments_page_set_catalogue (GK_DEPARTMENTS_PAGE (page), f->catalogue);
  window = make_window (page, TRUE);
  list = child (page, GK_TYPE_DEPARTMENTS_PAGE, "department_list");
  add_row = child (page, GK_TYPE_DEPARTMENTS_PAGE, "add_row");
  g_assert_cmpuint (gk_test_count_rows (list), ==, g_list_model_get_n_items (departments));

  /* Added through the entry: a township office by default, or the kind chosen. */
  n = g_list_model_get_n_items (departments);
  type_and_apply (add_row, "党政综合办公室");
  department = gk_catalogue_find_department (f->catalogue, "党政综合办公室");
  g_assert_nonnull (department);
  g_assert_cmpint (gk_department_get_kind (department), ==, GK_DEPARTMENT_TOWNSHIP);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 1);
  g_assert_cmpuint (gk_test_count_rows (list), ==, n + 1);
  g_assert_nonnull (department_row (page, "党政综合办公室"));

  gtk_drop_down_set_selected (child (page, GK_TYPE_DEPARTMENTS_PAGE, "kind_dropdown"), 1);
  type_and_apply (add_row, "县民政局");
  department = gk_catalogue_find_department (f->catalogue, "县民政局");
  g_assert_nonnull (department);
  g_assert_cmpint (gk_department_get_kind (department), ==, GK_DEPARTMENT_COUNTY);
  gtk_drop_down_set_selected (child (page, GK_TYPE_DEPARTMENTS_PAGE, "kind_dropdown"), 0);

  /* A name that looks like markup is kept and shown as it is. */
  type_and_apply (add_row, "综治办 & <信访>");
  g_assert_nonnull (gk_catalogue_find_department (f->catalogue, "综治办 & <信访>"));
  g_assert_nonnull (department_row (page, "综治办 & <信访>"));

  /* Refused: a duplicate, a blank name. Nothing changes, the entry is marked. */
  n = g_list_model_get_n_items (departments);
  type_and_apply (add_row, "党政综合办公室");
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n);
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));
  type_and_apply (add_row, "   ");
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n);
  g_assert_cmpuint (gk_test_count_rows (list), ==, n);
  type_and_apply (add_row, "社会事务办");
  g_assert_false (gtk_widget_has_css_class (add_row, "error"));

  /* Renaming updates every item that names the department. */
  item = gk_catalogue_add_item (f->catalogue, 20, "本地事项", "救助资金发放", &error);
  g_assert_no_error (error);
  gk_catalogue_set_item_text (f->catalogue, item, GK_ITEM_SUBJECT, "党政综合办公室、县民政局", &error);
  g_assert_no_error (error);

  row = department_row (page, "党政综合办公室");
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  name_row = gk_test_find_row (row, ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (name_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "党政综合办公室");
  type_and_apply (name_row, "党政办");
  g_assert_null (gk_catalogue_find_department (f->catalogue, "党政综合办公室"));
  g_assert_nonnull (gk_catalogue_find_department (f->catalogue, "党政办"));
  reloaded = gk_catalogue_get_item (f->catalogue, gk_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_item_get_text (reloaded, GK_ITEM_SUBJECT), ==, "党政办、县民政局");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "党政办");

  /* A rename onto another department's name is refused. */
  type_and_apply (name_row, "县民政局");
  g_assert_nonnull (gk_catalogue_find_department (f->catalogue, "党政办"));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  type_and_apply (name_row, "党政办");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));

  /* The contact is saved and shown with the kind. */
  contact_row = gk_test_find_row (row, ADW_TYPE_ENTRY_ROW, "Contact (optional)");
  g_assert_nonnull (contact_row);
  type_and_apply (contact_row, "0571-7654321");
  department = gk_catalogue_find_department (f->catalogue, "党政办");
  g_assert_cmpstr (gk_department_get_contact (department), ==, "0571-7654321");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Township office · 0571-7654321");

  /* A contact is the officer's text too, shown as it is; a refused one is marked. */
  type_and_apply (contact_row, "0571-7654321 <转 8> & 传真");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Township office · 0571-7654321 <转 8> & 传真");
  {
    g_autofree char *too_long = g_strnfill (201, '1');
    type_and_apply (contact_row, too_long);
    g_assert_true (gtk_widget_has_css_class (contact_row, "error"));
    g_assert_cmpstr (gk_department_get_contact (department), ==, "0571-7654321 <转 8> & 传真");
  }
  type_and_apply (contact_row, "0571-7654321");
  g_assert_false (gtk_widget_has_css_class (contact_row, "error"));

  gtk_widget_grab_focus (GTK_WIDGET (list));
  gk_test_wait_ms (600);
  gk_test_save_screenshot (GTK_WIDGET (window), "departments.png");

  /* Removing asks first; cancelling keeps the department. */
  row = department_row (page, "县民政局");
  remove_button = gk_test_find_widget (row, has_icon, "user-trash-symbolic");
  g_assert_nonnull (remove_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove “县民政局”");
  n = g_list_model_get_n_items (departments);

  g_signal_emit_by_name (remove_button, "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gk_test_wait_for_draw (GTK_WIDGET (dialog));
  gk_test_save_screenshot (GTK_WIDGET (dialog), "departments-remove.png");
  g_signal_emit_by_name (gk_test_find_widget (GTK_WIDGET (dialog), has_label, "_Cancel"), "clicked");
  g_assert_true (gk_test_wait_until (no_message_dialog, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n);

  g_signal_emit_by_name (remove_button, "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (gk_test_find_widget (GTK_WIDGET (dialog), has_label, "_Remove"), "clicked");
  g_assert_true (gk_test_wait_until (no_message_dialog, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n - 1);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "县民政局"));
  g_assert_cmpuint (gk_test_count_rows (list), ==, n - 1);
  g_assert_null (department_row (page, "县民政局"));

  close_window (window, page);
}

/* Without a toast overlay, a refused department is explained under the entry. */
static void
test_departments_inline_error (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *page = gk_departments_page_new ();
  GtkWindow *window;
  GtkWidget *add_row, *label;
  GListModel *departments = gk_catalogue_get_departments (f->catalogue);
  g_autoptr(GError) expected = NULL;
  guint n;

  gk_departments_page_set_catalogue (GK_DEPARTMENTS_PAGE (page), f->catalogue);
  window = make_window (page, FALSE);
  add_row = child (page, GK_TYPE_DEPARTMENTS_PAGE, "add_row");
  label = child (page, GK_TYPE_DEPARTMENTS_PAGE, "error_label");

  type_and_apply (add_row, "社会事务办");
  n = g_list_model_get_n_items (departments);
  g_assert_null (gk_catalogue_add_department (f->catalogue, "社会事务办", GK_DEPARTMENT_TOWNSHIP, &expected));
  type_and_apply (add_row, "社会事务办");
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected->message);
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));

  type_and_apply (add_row, "党政办");
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_false (gtk_widget_has_css_class (add_row, "error"));

  close_window (window, page);
}

int
main (int   argc,
      char *argv[])
{
  if (!gk_test_ui_init (&argc, &argv))
    return 77;

  gk_test_add_workspace ("/pages/overview/profile", test_overview_profile);
  gk_test_add_workspace ("/pages/overview/inline-error", test_overview_inline_error);
  gk_test_add_workspace ("/pages/overview/completion", test_overview_completion);
  gk_test_add_workspace ("/pages/overview/problems", test_overview_problems);
  gk_test_add_workspace ("/pages/overview/many-problems", test_overview_many_problems);
  gk_test_add_workspace ("/pages/overview/clean", test_overview_clean);
  gk_test_add_workspace ("/pages/departments/edit", test_departments);
  gk_test_add_workspace ("/pages/departments/inline-error", test_departments_inline_error);

  return g_test_run ();
}
