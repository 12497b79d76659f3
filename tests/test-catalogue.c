/* Tests of the catalogue's edits beyond the plain fields: standard items left out and put back
 * (deviations), undo of a deletion, reordering, reset to the standard, departments and the
 * renaming of a department in every item that names it, and search. */

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gk-core.h"
#include "gk-test-util.h"

#define TOWNSHIP "城关镇"
#define COUNTY "某某县"

/* ---- helpers ---------------------------------------------------------------------------- */

typedef struct
{
  char        *dir;
  char        *path;
  GkCatalogue *catalogue;
  GArray      *changed;  /* domain numbers of "items-changed", in order */
} Fixture;

static void
on_items_changed (GkCatalogue *catalogue,
                  int          number,
                  gpointer     user_data)
{
  Fixture *f = user_data;
  g_array_append_val (f->changed, number);
}

static void
open_catalogue (Fixture *f)
{
  f->catalogue = gk_test_open_workspace (f->path);
  g_signal_connect (f->catalogue, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
close_catalogue (Fixture *f)
{
  g_assert_finalize_object (g_steal_pointer (&f->catalogue));
}

/* Closed and opened again: what the file holds, not what the objects remember. */
static void
reopen (Fixture *f)
{
  close_catalogue (f);
  open_catalogue (f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = gk_test_tmp_dir_new ("gk-catalogue-XXXXXX");
  f->path = g_build_filename (f->dir, "catalogue.gongkai", NULL);
  g_assert_finalize_object (gk_test_create_workspace (f->path, TOWNSHIP, COUNTY));
  f->changed = g_array_new (FALSE, FALSE, sizeof (int));
  open_catalogue (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->catalogue != NULL)
    close_catalogue (f);
  gk_test_tmp_dir_free (f->dir);
  g_array_unref (f->changed);
  g_free (f->path);
}

static sqlite3 *
handle (Fixture *f)
{
  return gk_db_get_handle (gk_catalogue_get_db (f->catalogue));
}

static const GkStandardItem *
lookup (Fixture    *f,
        const char *standard_id)
{
  const GkStandardItem *std = gk_standards_lookup (gk_catalogue_get_standards (f->catalogue), standard_id);

  g_assert_nonnull (std);
  return std;
}

static GListModel *
list_items (Fixture *f,
            int      domain)
{
  g_autoptr(GError) error = NULL;
  GListModel *items = gk_catalogue_list_items (f->catalogue, domain, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static GkItem *
item_at (Fixture *f,
         int      domain,
         guint    index)
{
  g_autoptr(GListModel) items = list_items (f, domain);

  g_assert_cmpuint (index, <, g_list_model_get_n_items (items));
  return g_list_model_get_item (items, index);
}

static GkItem *
standard_item (Fixture    *f,
               const char *standard_id)
{
  g_autoptr(GListModel) items = list_items (f, lookup (f, standard_id)->domain_number);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      if (g_strcmp0 (gk_item_get_standard_id (item), standard_id) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static gboolean
is_available (Fixture    *f,
              const char *standard_id)
{
  g_autoptr(GPtrArray) available =
    gk_catalogue_list_available_standard_items (f->catalogue, lookup (f, standard_id)->domain_number);

  for (guint i = 0; i < available->len; i++)
    if (g_str_equal (((GkStandardItem *) g_ptr_array_index (available, i))->id, standard_id))
      return TRUE;
  return FALSE;
}

/* The ids of a list of items, as "12,13,7". */
static char *
ids_of (GListModel *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", gk_item_get_id (item));
    }
  return g_string_free (out, FALSE);
}

static char *
domain_ids (Fixture *f,
            int      domain)
{
  g_autoptr(GListModel) items = list_items (f, domain);
  return ids_of (items);
}

/* Positions are 1…n in list order. */
static void
assert_positions_dense (Fixture *f,
                        int      domain)
{
  g_autoptr(GListModel) items = list_items (f, domain);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GkItem) item = g_list_model_get_item (items, i);
      g_assert_cmpint (gk_item_get_position (item), ==, (int) i + 1);
    }
}

/* Every field of @a equals that of @b (the id, domain and position included). */
static void
assert_same_item (GkItem *a,
                  GkItem *b)
{
  g_assert_cmpint (gk_item_get_id (a), ==, gk_item_get_id (b));
  g_assert_cmpint (gk_item_get_domain_number (a), ==, gk_item_get_domain_number (b));
  g_assert_cmpint (gk_item_get_position (a), ==, gk_item_get_position (b));
  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    g_assert_cmpstr (gk_item_get_text (a, t), ==, gk_item_get_text (b, t));
  g_assert_cmpuint (gk_item_get_channels (a), ==, gk_item_get_channels (b));
  for (guint fl = 0; fl < GK_N_FLAGS; fl++)
    g_assert_cmpint (gk_item_get_flag (a, fl), ==, gk_item_get_flag (b, fl));
  g_assert_cmpstr (gk_item_get_origin (a), ==, gk_item_get_origin (b));
  g_assert_cmpint (gk_item_get_confirmed (a), ==, gk_item_get_confirmed (b));
}

/* ---- deviations: standard items left out and put back ----------------------------------- */

static void
test_deviation_bookkeeping (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = standard_item (f, "20-03");
  g_autoptr(GkItem) other = standard_item (f, "20-04");
  g_autoptr(GkItem) local = gk_test_add_item (f->catalogue, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GPtrArray) library = gk_standards_get_items (gk_catalogue_get_standards (f->catalogue), 20);
  g_autoptr(GPtrArray) available = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *long_reason = gk_test_repeat ("因", 2001);
  const char *why = "本乡低保审批由县民政局统一公开";
  guint n_items = gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20));

  g_assert_nonnull (item);
  g_assert_nonnull (other);

  /* At first: what the library has and the catalogue has not (the county-level items), in the
   * library's order, and no deviation. */
  available = gk_catalogue_list_available_standard_items (f->catalogue, 20);
  for (guint i = 0, j = 0; i < library->len; i++)
    {
      GkStandardItem *std = g_ptr_array_index (library, i);
      g_autoptr(GkItem) present = standard_item (f, std->id);

      if (present != NULL)
        continue;
      g_assert_cmpuint (j, <, available->len);
      g_assert_true (g_ptr_array_index (available, j++) == std);
    }
  g_assert_cmpuint (available->len + n_items - 1, ==, library->len);  /* - the local item */
  g_assert_false (is_available (f, "20-03"));
  g_assert_null (gk_catalogue_get_deviation_reason (f->catalogue, "20-03"));
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM standard_deviation"), ==, 0);

  /* A reason too long: nothing happens. */
  g_assert_false (gk_catalogue_delete_item (f->catalogue, gk_item_get_id (item), long_reason, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (is_available (f, "20-03"));
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM standard_deviation"), ==, 0);

  /* Left out with a reason: a deviation the county sees, and the item back in the library. */
  gk_test_delete_item (f->catalogue, item, why);
  reason = gk_catalogue_get_deviation_reason (f->catalogue, "20-03");
  g_assert_cmpstr (reason, ==, why);
  g_assert_true (is_available (f, "20-03"));
  g_assert_cmpint (gk_test_sql_int (handle (f),
                                    "SELECT count(*) FROM standard_deviation d JOIN domain o ON o.id = d.domain_id"
                                    " WHERE d.standard_id = '20-03' AND o.number = 20"), ==, 1);

  /* Left out without a reason: available again, but no deviation. */
  gk_test_delete_item (f->catalogue, other, NULL);
  g_assert_true (is_available (f, "20-04"));
  g_assert_null (gk_catalogue_get_deviation_reason (f->catalogue, "20-04"));

  /* A local item has no standard to deviate from. */
  gk_test_delete_item (f->catalogue, local, "不再需要");
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM standard_deviation"), ==, 1);
  g_assert_null (gk_catalogue_get_deviation_reason (f->catalogue, "no-such-id"));

  /* The reason is in the file. */
  reopen (f);
  g_clear_pointer (&reason, g_free);
  reason = gk_catalogue_get_deviation_reason (f->catalogue, "20-03");
  g_assert_cmpstr (reason, ==, why);
  g_assert_true (is_available (f, "20-03"));
}

static void
test_restore_standard_item (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = standard_item (f, "20-03");
  g_autoptr(GkItem) restored = NULL;
  g_autoptr(GkItem) again = NULL;
  g_autoptr(GkItem) county = NULL;
  g_autoptr(GkItem) stored = NULL;
  g_autofree char *reason = NULL;
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, 20);
  const GkStandardItem *std = lookup (f, "20-03");
  guint n_items;
  int last_position;

  /* Edited, then left out with a reason. */
  gk_test_set_field (f->catalogue, item, "content", "本乡自拟的内容");
  gk_test_set_field (f->catalogue, item, "note", "备注");
  gk_test_set_field (f->catalogue, item, "state", "confirmed");
  gk_test_delete_item (f->catalogue, item, "暂不公开");
  n_items = gk_domain_get_n_items (domain);
  {
    g_autoptr(GkItem) last = item_at (f, 20, n_items - 1);
    last_position = gk_item_get_position (last);
  }

  /* Put back: at the end, as the standard has it (not as it was), the deviation forgotten. */
  g_array_set_size (f->changed, 0);
  restored = gk_catalogue_restore_standard_item (f->catalogue, "20-03", &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  gk_test_assert_as_standard (restored, std);
  g_assert_cmpint (gk_item_get_position (restored), ==, last_position + 1);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items + 1);
  g_assert_cmpuint (f->changed->len, ==, 1);
  g_assert_cmpint (g_array_index (f->changed, int, 0), ==, 20);
  g_assert_null (gk_catalogue_get_deviation_reason (f->catalogue, "20-03"));
  g_assert_false (is_available (f, "20-03"));
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM standard_deviation"), ==, 0);
  stored = gk_test_reload_item (f->catalogue, restored);
  assert_same_item (stored, restored);

  /* Restoring twice is refused, and changes nothing. */
  g_array_set_size (f->changed, 0);
  again = gk_catalogue_restore_standard_item (f->catalogue, "20-03", &error);
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (again);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items + 1);
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM item WHERE origin = 'standard:20-03'"), ==, 1);
  g_assert_cmpuint (f->changed->len, ==, 0);

  /* So is a seeded item that was never removed, and an id the library does not know. */
  again = gk_catalogue_restore_standard_item (f->catalogue, "20-01", &error);
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (again);
  again = gk_catalogue_restore_standard_item (f->catalogue, "99-99", &error);
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (again);

  /* A county-level item of the library can be taken into the catalogue too. */
  g_assert_true (is_available (f, "20-05"));
  county = gk_catalogue_restore_standard_item (f->catalogue, "20-05", &error);
  g_assert_no_error (error);
  gk_test_assert_as_standard (county, lookup (f, "20-05"));
  g_assert_cmpint (gk_item_get_position (county), ==, last_position + 2);
  g_assert_false (is_available (f, "20-05"));

  /* Left out again with another reason: that reason is the one kept. */
  gk_test_delete_item (f->catalogue, restored, "第一次的理由");
  g_clear_object (&restored);
  restored = gk_catalogue_restore_standard_item (f->catalogue, "20-03", &error);
  g_assert_no_error (error);
  gk_test_delete_item (f->catalogue, restored, "第二次的理由");
  reason = gk_catalogue_get_deviation_reason (f->catalogue, "20-03");
  g_assert_cmpstr (reason, ==, "第二次的理由");
}

static void
test_undelete_item (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = standard_item (f, "20-03");
  g_autoptr(GkItem) local = gk_test_add_item (f->catalogue, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) back = NULL;
  g_autoptr(GkItem) stored = NULL;
  g_autoptr(GkItem) twice = NULL;
  g_autofree char *order = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reason = NULL;
  GkDomain *domain = gk_catalogue_get_domain (f->catalogue, 20);
  guint n_items;

  /* Every kind of field differs from the standard and from the defaults. */
  gk_test_set_field (f->catalogue, item, "level2", "政策法规文件（本乡）");
  gk_test_set_field (f->catalogue, item, "basis", "《某某县最低生活保障实施细则》");
  gk_test_set_field (f->catalogue, item, "note", "待核实");
  gk_test_set_field (f->catalogue, item, "channels", "公开查阅点;其他:村村响广播");
  gk_test_set_field (f->catalogue, item, "audience_specific", "1");
  gk_test_set_field (f->catalogue, item, "mode_request", "1");
  gk_test_set_field (f->catalogue, item, "level_county", "1");
  gk_test_set_field (f->catalogue, item, "state", "confirmed");
  order = domain_ids (f, 20);
  n_items = gk_domain_get_n_items (domain);

  gk_test_delete_item (f->catalogue, item, "本乡不适用");
  reason = gk_catalogue_get_deviation_reason (f->catalogue, "20-03");
  g_assert_cmpstr (reason, ==, "本乡不适用");
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items - 1);

  g_array_set_size (f->changed, 0);
  back = gk_catalogue_undelete_item (f->catalogue, item, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  assert_same_item (back, item);
  stored = gk_test_reload_item (f->catalogue, item);
  assert_same_item (stored, item);
  after = domain_ids (f, 20);
  g_assert_cmpstr (after, ==, order);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items);
  g_assert_cmpuint (f->changed->len, ==, 1);
  g_assert_cmpint (g_array_index (f->changed, int, 0), ==, 20);
  /* Undone, the removal's deviation is gone with it. */
  g_assert_null (gk_catalogue_get_deviation_reason (f->catalogue, "20-03"));
  g_assert_false (is_available (f, "20-03"));

  /* Undone twice: refused (the item is there), nothing changed. */
  twice = gk_catalogue_undelete_item (f->catalogue, item, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (twice);
  g_assert_cmpuint (gk_domain_get_n_items (domain), ==, n_items);
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM item WHERE origin = 'standard:20-03'"), ==, 1);

  /* A local item, from the middle of the list. */
  gk_test_set_field (f->catalogue, local, "content", "走访对象、走访时间");
  gk_test_set_field (f->catalogue, local, "subject", "社会事务办");
  g_assert_true (gk_catalogue_move_item (f->catalogue, local, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, g_free);
  order = domain_ids (f, 20);
  gk_test_delete_item (f->catalogue, local, NULL);
  g_clear_object (&back);
  back = gk_catalogue_undelete_item (f->catalogue, local, &error);
  g_assert_no_error (error);
  assert_same_item (back, local);
  g_clear_pointer (&after, g_free);
  after = domain_ids (f, 20);
  g_assert_cmpstr (after, ==, order);

  /* In the file (the move renumbered the standard item since @item was taken). */
  g_clear_object (&stored);
  g_clear_object (&back);
  back = gk_test_reload_item (f->catalogue, item);
  g_assert_cmpint (gk_item_get_position (back), ==, gk_item_get_position (item) + 1);
  reopen (f);
  stored = gk_test_reload_item (f->catalogue, item);
  assert_same_item (stored, back);
}

static void
test_move_item (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = list_items (f, 20);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GkItem) first = g_list_model_get_item (items, 0);
  g_autoptr(GkItem) last = g_list_model_get_item (items, n - 1);
  g_autoptr(GkItem) middle = g_list_model_get_item (items, n / 2);
  g_autoptr(GkItem) head = NULL;
  g_autoptr(GkItem) tail = NULL;
  g_autoptr(GkItem) gone = NULL;
  g_autofree char *order = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpuint (n, >=, 4);

  /* The last to the top. */
  g_array_set_size (f->changed, 0);
  g_assert_true (gk_catalogue_move_item (f->catalogue, last, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed->len, ==, 1);
  g_assert_cmpint (g_array_index (f->changed, int, 0), ==, 20);
  g_assert_cmpint (gk_item_get_position (last), ==, 1);
  head = item_at (f, 20, 0);
  g_assert_cmpint (gk_item_get_id (head), ==, gk_item_get_id (last));
  g_clear_object (&head);
  head = item_at (f, 20, 1);
  g_assert_cmpint (gk_item_get_id (head), ==, gk_item_get_id (first));
  assert_positions_dense (f, 20);

  /* Back from the top to far beyond the end: the end, and the first order again. */
  g_assert_true (gk_catalogue_move_item (f->catalogue, last, 1000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gk_item_get_position (last), ==, (int) n);
  tail = item_at (f, 20, n - 1);
  g_assert_cmpint (gk_item_get_id (tail), ==, gk_item_get_id (last));
  assert_positions_dense (f, 20);
  {
    g_autofree char *now = domain_ids (f, 20);
    g_autofree char *initial = ids_of (items);
    g_assert_cmpstr (now, ==, initial);
  }

  /* To where it is: nothing moves. */
  before = domain_ids (f, 20);
  g_assert_true (gk_catalogue_move_item (f->catalogue, middle, n / 2, &error));
  g_assert_no_error (error);
  order = domain_ids (f, 20);
  g_assert_cmpstr (order, ==, before);
  assert_positions_dense (f, 20);

  /* A gap left by a deletion is closed by the next move. */
  {
    g_autoptr(GkItem) second = item_at (f, 20, 1);
    gk_test_delete_item (f->catalogue, second, NULL);
  }
  g_assert_true (gk_catalogue_move_item (f->catalogue, middle, 0, &error));
  g_assert_no_error (error);
  assert_positions_dense (f, 20);
  g_assert_cmpuint (gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, 20)), ==, n - 1);

  /* Other domains are untouched. */
  assert_positions_dense (f, 21);

  /* A deleted item cannot move. */
  gone = item_at (f, 20, 2);
  gk_test_delete_item (f->catalogue, gone, NULL);
  g_array_set_size (f->changed, 0);
  g_assert_false (gk_catalogue_move_item (f->catalogue, gone, 0, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (f->changed->len, ==, 0);

  /* In the file. */
  g_clear_pointer (&order, g_free);
  order = domain_ids (f, 20);
  g_clear_object (&items);
  g_clear_object (&first);
  g_clear_object (&last);
  g_clear_object (&middle);
  g_clear_object (&head);
  g_clear_object (&tail);
  g_clear_object (&gone);
  reopen (f);
  {
    g_autofree char *now = domain_ids (f, 20);
    g_assert_cmpstr (now, ==, order);
  }
}

/* ---- reset to the standard -------------------------------------------------------------- */

static void
assert_field_as_standard (GkItem               *item,
                          const GkStandardItem *std,
                          const char           *key)
{
  g_autofree char *expected = gk_standard_item_field_text (std, key);
  g_autofree char *actual = gk_item_field_text (item, key);

  g_assert_nonnull (expected);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_reset_item_field (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const texts[] = {
    "level1", "level2", "content", "basis", "time_limit", "subject", "channels_other",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = standard_item (f, "20-01");
  g_autoptr(GkItem) no_flags = NULL;
  g_autoptr(GkItem) local = gk_test_add_item (f->catalogue, 20, "困难群众走访慰问", "走访名单");
  g_autoptr(GkItem) stored = NULL;
  const GkStandardItem *std = lookup (f, "20-01");
  const GkStandardItem *std_0601 = lookup (f, "06-01");
  guint n_known = 0;

  /* Texts. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("reset %s", texts[i]);
      gk_test_set_field (f->catalogue, item, texts[i], "本乡改过的文字");
      g_assert_true (gk_catalogue_reset_item_field (f->catalogue, item, texts[i], &error));
      g_assert_no_error (error);
      assert_field_as_standard (item, std, texts[i]);
    }

  /* Flags the standard knows: either way back. */
  for (guint fl = 0; fl < GK_N_FLAGS; fl++)
    {
      const char *key = gk_flag_key (fl);

      if (std->flags[fl] < 0)
        continue;
      n_known++;
      gk_test_set_field (f->catalogue, item, key, std->flags[fl] == 1 ? "0" : "1");
      g_assert_true (gk_catalogue_reset_item_field (f->catalogue, item, key, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gk_item_get_flag (item, fl), ==, std->flags[fl] == 1);
      assert_field_as_standard (item, std, key);
    }
  g_assert_cmpuint (n_known, >, 0);

  /* Channels, with the text of 其他 that goes with them. */
  gk_test_set_field (f->catalogue, item, "channels", "入户/现场;其他:村村响广播");
  g_assert_true (gk_catalogue_reset_item_field (f->catalogue, item, "channels", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gk_item_get_channels (item), ==, std->channels);
  g_assert_cmpstr (gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER), ==, std->channels_other);
  assert_field_as_standard (item, std, "channels");

  /* Saved, not only shown. */
  stored = gk_test_reload_item (f->catalogue, item);
  assert_same_item (stored, item);
  gk_test_assert_as_standard (stored, std);

  /* 06-01: the 其他 text comes back, and flags the standard does not give cannot be reset. */
  g_assert_nonnull (strstr (std_0601->channels_other, "征地"));
  no_flags = gk_catalogue_restore_standard_item (f->catalogue, "06-01", &error);
  g_assert_no_error (error);
  gk_test_set_field (f->catalogue, no_flags, "channels", "政府网站");
  gk_test_set_field (f->catalogue, no_flags, "channels_other", "");
  g_assert_true (gk_catalogue_reset_item_field (f->catalogue, no_flags, "channels", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gk_item_get_channels (no_flags), ==, std_0601->channels);
  g_assert_cmpstr (gk_item_get_text (no_flags, GK_ITEM_CHANNELS_OTHER), ==, std_0601->channels_other);
  for (guint fl = 0; fl < GK_N_FLAGS; fl++)
    {
      if (std_0601->flags[fl] >= 0)
        continue;
      gk_test_set_field (f->catalogue, no_flags, gk_flag_key (fl), "1");
      g_assert_null (gk_standard_item_field_text (std_0601, gk_flag_key (fl)));
      g_assert_false (gk_catalogue_reset_item_field (f->catalogue, no_flags, gk_flag_key (fl), &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_true (gk_item_get_flag (no_flags, fl));
    }

  /* Keys that are no field of the standard. */
  g_assert_false (gk_catalogue_reset_item_field (f->catalogue, item, "state", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_reset_item_field (f->catalogue, item, "no-such-field", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);

  /* A local item has no standard to go back to. */
  gk_test_set_field (f->catalogue, local, "content", "走访对象");
  g_assert_false (gk_catalogue_reset_item_field (f->catalogue, local, "content", &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (gk_item_get_text (local, GK_ITEM_CONTENT), ==, "走访对象");
}

/* The text forms of a standard item and of a catalogue item compare, key by key. */
static void
test_field_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GkItem) item = standard_item (f, "20-01");
  const GkStandardItem *std = lookup (f, "20-01");
  g_autofree char *channels = NULL;
  g_autofree char *flag = NULL;

  for (guint t = 0; t < GK_ITEM_N_TEXTS; t++)
    {
      const char *key = gk_item_text_key (t);
      g_autofree char *text = gk_item_field_text (item, key);
      g_assert_cmpstr (text, ==, gk_item_get_text (item, t));
    }
  for (guint fl = 0; fl < GK_N_FLAGS; fl++)
    {
      g_autofree char *expected = gk_standard_item_field_text (std, gk_flag_key (fl));
      g_autofree char *actual = gk_item_field_text (item, gk_flag_key (fl));

      g_assert_cmpstr (actual, ==, gk_item_get_flag (item, fl) ? "1" : "0");
      if (expected != NULL)
        g_assert_cmpstr (actual, ==, expected);
    }
  channels = gk_item_field_text (item, "channels");
  {
    g_autofree char *expected = gk_standard_item_field_text (std, "channels");
    g_assert_cmpstr (channels, ==, expected);
  }
  gk_test_set_field (f->catalogue, item, "channels", "政府网站;其他:村村响广播");
  g_clear_pointer (&channels, g_free);
  channels = gk_item_field_text (item, "channels");
  g_assert_cmpstr (channels, ==, "政府网站;其他:村村响广播");
  g_assert_null (gk_item_field_text (item, "no-such-field"));
  g_assert_null (gk_standard_item_field_text (std, "no-such-field"));
  flag = gk_standard_item_field_text (std, "level_township");
  g_assert_cmpstr (flag, ==, "1");
}

/* ---- departments ------------------------------------------------------------------------ */

static GkDepartment *
add_department (Fixture          *f,
                const char       *name,
                GkDepartmentKind  kind)
{
  g_autoptr(GError) error = NULL;
  GkDepartment *department = gk_catalogue_add_department (f->catalogue, name, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (department);
  return department;
}

static void
test_department_add (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *departments = gk_catalogue_get_departments (f->catalogue);
  guint n = g_list_model_get_n_items (departments);
  g_autofree char *max_name = gk_test_repeat ("办", 100);
  g_autofree char *long_name = gk_test_repeat ("办", 101);
  static const char * const empty_names[] = { "", " ", "\t \n" };
  GkDepartment *office, *county, *same, *ensured;

  office = add_department (f, "党政综合办公室", GK_DEPARTMENT_TOWNSHIP);
  g_assert_cmpstr (gk_department_get_name (office), ==, "党政综合办公室");
  g_assert_cmpint (gk_department_get_kind (office), ==, GK_DEPARTMENT_TOWNSHIP);
  g_assert_cmpstr (gk_department_get_contact (office), ==, "");
  g_assert_cmpint (gk_department_get_id (office), >, 0);
  county = add_department (f, "县民政局", GK_DEPARTMENT_COUNTY);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 2);
  g_assert_true (gk_catalogue_find_department (f->catalogue, "县民政局") == county);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "县民政"));

  /* A name twice, an empty name, a name too long: refused, nothing added. */
  g_assert_null (gk_catalogue_add_department (f->catalogue, "县民政局", GK_DEPARTMENT_OTHER, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (empty_names); i++)
    {
      g_assert_null (gk_catalogue_add_department (f->catalogue, empty_names[i], GK_DEPARTMENT_TOWNSHIP, &error));
      g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (gk_catalogue_add_department (f->catalogue, long_name, GK_DEPARTMENT_TOWNSHIP, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 2);
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM department"), ==, n + 2);
  add_department (f, max_name, GK_DEPARTMENT_OTHER);

  /* Ensure: the one there, or a new one. */
  same = gk_catalogue_ensure_department (f->catalogue, "县民政局", GK_DEPARTMENT_OTHER, &error);
  g_assert_no_error (error);
  g_assert_true (same == county);
  g_assert_cmpint (gk_department_get_kind (same), ==, GK_DEPARTMENT_COUNTY);
  ensured = gk_catalogue_ensure_department (f->catalogue, "社会事务办", GK_DEPARTMENT_TOWNSHIP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ensured);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 4);

  /* Contact, and all of it in the file, in the same order. */
  g_assert_true (gk_catalogue_set_department_contact (f->catalogue, county, "0792-7654321", &error));
  g_assert_no_error (error);
  reopen (f);
  departments = gk_catalogue_get_departments (f->catalogue);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 4);
  {
    g_autoptr(GkDepartment) d0 = g_list_model_get_item (departments, n);
    g_autoptr(GkDepartment) d1 = g_list_model_get_item (departments, n + 1);
    g_autoptr(GkDepartment) d3 = g_list_model_get_item (departments, n + 3);

    g_assert_cmpstr (gk_department_get_name (d0), ==, "党政综合办公室");
    g_assert_cmpstr (gk_department_get_name (d1), ==, "县民政局");
    g_assert_cmpint (gk_department_get_kind (d1), ==, GK_DEPARTMENT_COUNTY);
    g_assert_cmpstr (gk_department_get_contact (d1), ==, "0792-7654321");
    g_assert_cmpstr (gk_department_get_name (d3), ==, "社会事务办");
  }
  for (int k = GK_DEPARTMENT_TOWNSHIP; k <= GK_DEPARTMENT_OTHER; k++)
    g_assert_cmpint (gk_department_kind_from_string (gk_department_kind_to_string (k)), ==, k);
  g_assert_cmpint (gk_department_kind_from_string ("village"), ==, -1);
}

static void
test_replace_name_in_list (void)
{
  static const struct { const char *list, *old_name, *new_name, *expected; } cases[] = {
    { "党政办、社会事务办", "社会事务办", "社会事务中心", "党政办、社会事务中心" },
    { "社会事务办、党政办", "社会事务办", "社会事务中心", "社会事务中心、党政办" },
    { "社会事务办", "社会事务办", "社会事务中心", "社会事务中心" },
    { "党政办、社会事务办", "党政办", "党政综合办公室", "党政综合办公室、社会事务办" },
    /* not inside a longer name, at either end */
    { "县社会事务办公室", "社会事务办", "社会事务中心", "县社会事务办公室" },
    { "社会事务办公室", "社会事务办", "社会事务中心", "社会事务办公室" },
    { "县社会事务办", "社会事务办", "社会事务中心", "县社会事务办" },
    { "党政办、县社会事务办公室", "社会事务办", "社会事务中心", "党政办、县社会事务办公室" },
    /* every separator of such lists */
    { "党政办，社会事务办", "社会事务办", "X", "党政办，X" },
    { "党政办,社会事务办", "社会事务办", "X", "党政办,X" },
    { "党政办；社会事务办", "社会事务办", "X", "党政办；X" },
    { "党政办;社会事务办", "社会事务办", "X", "党政办;X" },
    { "党政办/社会事务办", "社会事务办", "X", "党政办/X" },
    { "党政办 社会事务办", "社会事务办", "X", "党政办 X" },
    { "党政办　社会事务办", "社会事务办", "X", "党政办　X" },
    { "县民政局和社会事务办", "社会事务办", "X", "县民政局和X" },
    { "县民政局及社会事务办", "社会事务办", "X", "县民政局及X" },
    /* every occurrence */
    { "社会事务办、党政办、社会事务办", "社会事务办", "X", "X、党政办、X" },
    /* a new name that contains the old one */
    { "社会事务办、党政办", "社会事务办", "县社会事务办", "县社会事务办、党政办" },
    /* nothing to do */
    { "", "社会事务办", "X", "" },
    { "党政办", "", "X", "党政办" },
    { "党政办", "社会事务办", "X", "党政办" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = gk_replace_name_in_list (cases[i].list, cases[i].old_name, cases[i].new_name);

      g_test_message ("“%s”: “%s” → “%s”", cases[i].list, cases[i].old_name, cases[i].new_name);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static gboolean
changed_contains (Fixture *f,
                  int      number)
{
  for (guint i = 0; i < f->changed->len; i++)
    if (g_array_index (f->changed, int, i) == number)
      return TRUE;
  return FALSE;
}

static void
test_department_rename (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { int domain; const char *before, *after; } subjects[] = {
    { 20, "党政办、社会事务办", "党政办、社会事务中心" },
    { 20, "社会事务办", "社会事务中心" },
    { 20, "县社会事务办公室", "县社会事务办公室" },
    { 21, "社会事务办公室", "社会事务办公室" },
    { 21, "社会事务办，党政办；社会事务办", "社会事务中心，党政办；社会事务中心" },
    { 21, "县民政局和社会事务办", "县民政局和社会事务中心" },
    { 12, "综合社会事务办", "综合社会事务办" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GkDepartment *department, *office;
  guint changed = 99;

  department = add_department (f, "社会事务办", GK_DEPARTMENT_TOWNSHIP);
  office = add_department (f, "党政办", GK_DEPARTMENT_TOWNSHIP);
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      GkItem *item = gk_test_add_item (f->catalogue, subjects[i].domain, "走访慰问", subjects[i].before);
      gk_test_set_field (f->catalogue, item, "subject", subjects[i].before);
      g_ptr_array_add (items, item);
    }

  /* Renamed to the name it has: nothing to do. */
  g_assert_true (gk_catalogue_rename_department (f->catalogue, department, "社会事务办", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);

  /* Renamed: the items that name it as a whole entry follow, in the domains they are in. */
  g_array_set_size (f->changed, 0);
  changed = 99;
  g_assert_true (gk_catalogue_rename_department (f->catalogue, department, "社会事务中心", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpstr (gk_department_get_name (department), ==, "社会事务中心");
  g_assert_true (gk_catalogue_find_department (f->catalogue, "社会事务中心") == department);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "社会事务办"));
  g_assert_true (changed_contains (f, 20));
  g_assert_true (changed_contains (f, 21));
  g_assert_false (changed_contains (f, 12));
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GkItem) stored = gk_test_reload_item (f->catalogue, g_ptr_array_index (items, i));
      g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_SUBJECT), ==, subjects[i].after);
      /* The level2 held the same text: only the publisher is the department's. */
      g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_LEVEL2), ==, subjects[i].before);
    }

  /* To a name another department has: refused, nothing changed. */
  g_array_set_size (f->changed, 0);
  changed = 99;
  g_assert_false (gk_catalogue_rename_department (f->catalogue, department, "党政办", &changed, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gk_catalogue_rename_department (f->catalogue, department, " ", &changed, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (gk_department_get_name (department), ==, "社会事务中心");
  g_assert_cmpstr (gk_department_get_name (office), ==, "党政办");
  g_assert_cmpuint (f->changed->len, ==, 0);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GkItem) stored = gk_test_reload_item (f->catalogue, g_ptr_array_index (items, i));
      g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_SUBJECT), ==, subjects[i].after);
    }

  /* In the file. */
  g_ptr_array_set_size (items, 0);
  reopen (f);
  g_assert_nonnull (gk_catalogue_find_department (f->catalogue, "社会事务中心"));
  g_assert_null (gk_catalogue_find_department (f->catalogue, "社会事务办"));
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM item WHERE subject = '社会事务中心'"),
                   ==, 1);
}

/* A rename that cannot be carried into every item is not made at all: one transaction. */
static void
test_department_rename_atomic (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) short_subject = gk_test_add_item (f->catalogue, 20, "走访慰问", "甲");
  g_autoptr(GkItem) long_subject = gk_test_add_item (f->catalogue, 20, "走访慰问", "乙");
  g_autoptr(GkItem) stored = NULL;
  g_autofree char *filler = gk_test_repeat ("党", 494);
  g_autofree char *full = g_strconcat ("社会事务办、", filler, NULL);  /* 500 characters */
  GkDepartment *department = add_department (f, "社会事务办", GK_DEPARTMENT_TOWNSHIP);
  guint changed = 99;

  g_assert_cmpint (g_utf8_strlen (full, -1), ==, 500);
  gk_test_set_field (f->catalogue, short_subject, "subject", "社会事务办");
  gk_test_set_field (f->catalogue, long_subject, "subject", full);

  g_array_set_size (f->changed, 0);
  g_assert_false (gk_catalogue_rename_department (f->catalogue, department, "社会事务办公室", &changed, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (gk_department_get_name (department), ==, "社会事务办");
  g_assert_cmpuint (f->changed->len, ==, 0);
  stored = gk_test_reload_item (f->catalogue, short_subject);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_SUBJECT), ==, "社会事务办");
  g_clear_object (&stored);
  stored = gk_test_reload_item (f->catalogue, long_subject);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_SUBJECT), ==, full);
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count(*) FROM department WHERE name = '社会事务办'"),
                   ==, 1);
  g_assert_true (sqlite3_get_autocommit (handle (f)));

  /* A name that fits is fine. */
  g_assert_true (gk_catalogue_rename_department (f->catalogue, department, "社事办", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_department_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = gk_test_add_item (f->catalogue, 20, "走访慰问", "名单");
  g_autoptr(GkItem) stored = NULL;
  GListModel *departments = gk_catalogue_get_departments (f->catalogue);
  guint n = g_list_model_get_n_items (departments);
  GkDepartment *department;

  add_department (f, "党政办", GK_DEPARTMENT_TOWNSHIP);
  department = add_department (f, "社会事务办", GK_DEPARTMENT_TOWNSHIP);
  gk_test_set_field (f->catalogue, item, "subject", "党政办、社会事务办");

  g_object_ref (department);
  g_assert_true (gk_catalogue_remove_department (f->catalogue, department, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (departments), ==, n + 1);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "社会事务办"));
  g_assert_nonnull (gk_catalogue_find_department (f->catalogue, "党政办"));
  g_assert_finalize_object (department);

  /* The items keep the text they had; the name is free again. */
  stored = gk_test_reload_item (f->catalogue, item);
  g_assert_cmpstr (gk_item_get_text (stored, GK_ITEM_SUBJECT), ==, "党政办、社会事务办");
  reopen (f);
  g_assert_cmpuint (g_list_model_get_n_items (gk_catalogue_get_departments (f->catalogue)), ==, n + 1);
  g_assert_null (gk_catalogue_find_department (f->catalogue, "社会事务办"));
  add_department (f, "社会事务办", GK_DEPARTMENT_COUNTY);
}

/* ---- search ----------------------------------------------------------------------------- */

static GListModel *
search (Fixture    *f,
        const char *query,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GListModel *found = gk_catalogue_search (f->catalogue, query, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static guint
n_found (Fixture    *f,
         const char *query)
{
  g_autoptr(GListModel) found = search (f, query, 0);
  return g_list_model_get_n_items (found);
}

static gboolean
found_item (Fixture    *f,
            const char *query,
            GkItem     *item)
{
  g_autoptr(GListModel) found = search (f, query, 0);

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(GkItem) each = g_list_model_get_item (found, i);
      if (gk_item_get_id (each) == gk_item_get_id (item))
        return TRUE;
    }
  return FALSE;
}

/* The items a plain scan finds, in catalogue order: the reference for gk_catalogue_search(). */
static char *
expected_ids (Fixture    *f,
              const char *query)
{
  static const GkItemText searched[] = {
    GK_ITEM_LEVEL1, GK_ITEM_LEVEL2, GK_ITEM_CONTENT, GK_ITEM_BASIS, GK_ITEM_SUBJECT,
  };
  GString *out = g_string_new (NULL);

  for (int number = 1; number <= 26; number++)
    {
      g_autoptr(GListModel) items = list_items (f, number);

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(GkItem) item = g_list_model_get_item (items, i);

          for (guint s = 0; s < G_N_ELEMENTS (searched); s++)
            if (strstr (gk_item_get_text (item, searched[s]), query) != NULL)
              {
                g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", gk_item_get_id (item));
                break;
              }
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_search_fields (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *key; const char *marker; gboolean searched; } fields[] = {
    { "level1", "鲲鹏一级", TRUE },
    { "level2", "鲲鹏二级", TRUE },
    { "content", "鲲鹏内容", TRUE },
    { "basis", "鲲鹏依据", TRUE },
    { "subject", "鲲鹏主体", TRUE },
    { "time_limit", "鲲鹏时限", FALSE },
    { "note", "鲲鹏备注", FALSE },
    { "channels_other", "鲲鹏渠道", FALSE },
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_searched = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GkItem *item = gk_test_add_item (f->catalogue, 12, "文化活动", "活动");
      g_autofree char *value = g_strdup_printf ("本乡%s的文字", fields[i].marker);

      gk_test_set_field (f->catalogue, item, fields[i].key, value);
      g_ptr_array_add (items, item);
      n_searched += fields[i].searched;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GListModel) found = search (f, fields[i].marker, 0);

      g_test_message ("%s", fields[i].key);
      if (fields[i].searched)
        {
          g_autoptr(GkItem) hit = NULL;

          g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
          hit = g_list_model_get_item (found, 0);
          assert_same_item (hit, g_ptr_array_index (items, i));
        }
      else
        g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
    }

  /* A part of a word, in Chinese. */
  g_assert_cmpuint (n_found (f, "鲲鹏"), ==, n_searched);
  g_assert_cmpuint (n_found (f, "鹏内"), ==, 1);
  g_assert_cmpuint (n_found (f, "鲲"), ==, n_searched);
  g_assert_cmpuint (n_found (f, "鲲鹏鲲鹏"), ==, 0);
}

static void
test_search_order_and_limit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) in21 = gk_test_add_item (f->catalogue, 21, "麒麟事项", "二十一");
  g_autoptr(GkItem) in3a = gk_test_add_item (f->catalogue, 3, "麒麟事项", "三甲");
  g_autoptr(GkItem) in3b = gk_test_add_item (f->catalogue, 3, "麒麟事项", "三乙");
  g_autoptr(GkItem) in12 = gk_test_add_item (f->catalogue, 12, "麒麟事项", "十二");
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) limited = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;

  /* The later-added item of domain 3 moved first: catalogue order, not the order of creation. */
  g_assert_true (gk_catalogue_move_item (f->catalogue, in3b, 0, &error));
  g_assert_no_error (error);
  found = search (f, "麒麟", 0);
  ids = ids_of (found);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              gk_item_get_id (in3b), gk_item_get_id (in3a), gk_item_get_id (in12),
                              gk_item_get_id (in21));
  g_assert_cmpstr (ids, ==, expected);

  /* The first ones only. */
  limited = search (f, "麒麟", 2);
  g_assert_cmpuint (g_list_model_get_n_items (limited), ==, 2);
  {
    g_autoptr(GkItem) a = g_list_model_get_item (limited, 0);
    g_autoptr(GkItem) b = g_list_model_get_item (limited, 1);
    g_assert_cmpint (gk_item_get_id (a), ==, gk_item_get_id (in3b));
    g_assert_cmpint (gk_item_get_id (b), ==, gk_item_get_id (in3a));
  }
  g_clear_object (&limited);
  limited = search (f, "麒麟", 1000);
  g_assert_cmpuint (g_list_model_get_n_items (limited), ==, 4);
  g_clear_object (&limited);
  limited = search (f, "麒麟", 1);
  g_assert_cmpuint (g_list_model_get_n_items (limited), ==, 1);

  /* Nothing asked, nothing found (and no error). */
  g_assert_cmpuint (n_found (f, ""), ==, 0);
  g_assert_cmpuint (n_found (f, NULL), ==, 0);
  g_assert_cmpuint (n_found (f, "这段文字在目录里不存在"), ==, 0);
  g_assert_cmpuint (g_list_model_get_item_type (found), ==, GK_TYPE_ITEM);
}

/* The standard texts, every domain: the same items as a plain scan, in the same order. */
static void
test_search_like_scan (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const queries[] = {
    "低保", "救助", "最低生活保障", "生活保", "政府", "公开", "县民政局", "办事指南", "乡镇人民政府",
    "《", "〔", "（", "、", "20", "%", "_", "'", "\"", "a", "\\", "%低%", "条例》",
  };
  g_autoptr(GkItem) odd = gk_test_add_item (f->catalogue, 1, "百分之百%完成", "a_b");

  gk_test_set_field (f->catalogue, odd, "content", "村'委会\"公示\"栏\\旧");
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GListModel) found = search (f, queries[i], 0);
      g_autofree char *ids = ids_of (found);
      g_autofree char *expected = expected_ids (f, queries[i]);

      g_test_message ("“%s”: %u found", queries[i], g_list_model_get_n_items (found));
      g_assert_cmpstr (ids, ==, expected);
    }
  /* Each of them found by its own text. */
  g_assert_true (found_item (f, "%", odd));
  g_assert_true (found_item (f, "_", odd));
  g_assert_true (found_item (f, "'委", odd));
  g_assert_true (found_item (f, "\\旧", odd));
  g_assert_cmpuint (n_found (f, "低保"), <, n_found (f, "公开"));
  g_assert_cmpuint (n_found (f, "最低生活保障"), >, 0);
}

/* Search sees every edit at once: nothing stale in between. */
static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) item = standard_item (f, "20-01");
  g_autoptr(GkItem) back = NULL;
  g_autoptr(GkItem) fresh = NULL;
  GkDepartment *department = add_department (f, "独角兽办", GK_DEPARTMENT_TOWNSHIP);

  g_assert_false (found_item (f, "凤凰台", item));
  gk_test_set_field (f->catalogue, item, "content", "凤凰台村公示栏");
  g_assert_true (found_item (f, "凤凰台", item));
  gk_test_set_field (f->catalogue, item, "content", "村公示栏");
  g_assert_false (found_item (f, "凤凰台", item));

  gk_test_set_field (f->catalogue, item, "subject", "党政办、独角兽办");
  g_assert_true (found_item (f, "独角兽办", item));
  g_assert_true (gk_catalogue_rename_department (f->catalogue, department, "白泽办", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (found_item (f, "独角兽", item));
  g_assert_true (found_item (f, "白泽办", item));

  /* The rename changed the file, not this object: deleted and undone from what is stored. */
  fresh = gk_test_reload_item (f->catalogue, item);
  gk_test_delete_item (f->catalogue, fresh, NULL);
  g_assert_cmpuint (n_found (f, "白泽办"), ==, 0);
  back = gk_catalogue_undelete_item (f->catalogue, fresh, &error);
  g_assert_no_error (error);
  g_assert_true (found_item (f, "白泽办", item));
}

/* Remove a standard item, put it back from the library, then press Undo: still one copy. */
static void
test_undelete_after_restore (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkItem) snapshot = standard_item (f, "20-01");
  g_autoptr(GkItem) restored = NULL;
  g_autoptr(GkItem) twice = NULL;

  gk_test_delete_item (f->catalogue, snapshot, "本乡镇不涉及");
  restored = gk_catalogue_restore_standard_item (f->catalogue, "20-01", &error);
  g_assert_no_error (error);
  twice = gk_catalogue_undelete_item (f->catalogue, snapshot, &error);
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_assert_null (twice);
  g_assert_cmpint (gk_test_sql_int (handle (f), "SELECT count (*) FROM item WHERE origin = 'standard:20-01'"), ==, 1);
}

/* Names come in with spaces from copy and paste, full-width ones too. */
static void
test_department_spaces (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GkDepartment *department;

  department = gk_catalogue_add_department (f->catalogue, "\u3000 党政办 ", GK_DEPARTMENT_TOWNSHIP, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gk_department_get_name (department), ==, "党政办");
  g_assert_null (gk_catalogue_add_department (f->catalogue, "\u3000", GK_DEPARTMENT_TOWNSHIP, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gk_catalogue_add_department (f->catalogue, "党政办\u3000", GK_DEPARTMENT_TOWNSHIP, &error));
  g_assert_error (error, GK_ERROR, GK_ERROR_INVALID);
  g_assert_true (gk_catalogue_ensure_department (f->catalogue, " 党政办", GK_DEPARTMENT_TOWNSHIP, NULL) == department);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/catalogue/deviation/bookkeeping", test_deviation_bookkeeping);
  ADD ("/catalogue/deviation/restore", test_restore_standard_item);
  ADD ("/catalogue/undelete", test_undelete_item);
  ADD ("/catalogue/move", test_move_item);
  ADD ("/catalogue/reset", test_reset_item_field);
  ADD ("/catalogue/field-text", test_field_text);
  ADD ("/catalogue/department/add", test_department_add);
  g_test_add_func ("/catalogue/department/replace-name-in-list", test_replace_name_in_list);
  ADD ("/catalogue/department/rename", test_department_rename);
  ADD ("/catalogue/department/rename-atomic", test_department_rename_atomic);
  ADD ("/catalogue/department/remove", test_department_remove);
  ADD ("/catalogue/search/fields", test_search_fields);
  ADD ("/catalogue/search/order-and-limit", test_search_order_and_limit);
  ADD ("/catalogue/search/like-scan", test_search_like_scan);
  ADD ("/catalogue/search/follows-edits", test_search_follows_edits);
  ADD ("/catalogue/undelete-after-restore", test_undelete_after_restore);
  ADD ("/catalogue/department/spaces", test_department_spaces);

  return g_test_run ();
}
