/* Tests of the standard library: the built-in data, and the loader's handling of user-supplied
 * and damaged data folders. */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-test-util.h"

#define N_DOMAINS 26
#define DATA_FILE_20 "standards/20-shehui-jiuzhu.tsv"

/* ---- helpers ---------------------------------------------------------------------------- */

static const char *
source_root (void)
{
  const char *root = g_getenv ("GK_SOURCE_ROOT");

  if (root == NULL)
    g_test_skip ("GK_SOURCE_ROOT is not set (run the test through meson)");
  return root;
}

/* A temporary copy of data/ (domains.tsv and standards/, README.md included). */
static char *
copy_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (source_root (), "data", NULL);
  g_autofree char *src_standards = g_build_filename (src, "standards", NULL);
  g_autofree char *tmp = gk_test_tmp_dir_new ("gk-standards-XXXXXX");
  g_autofree char *dst_standards = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dst_standards = g_build_filename (tmp, "standards", NULL);
  g_assert_cmpint (g_mkdir (dst_standards, 0700), ==, 0);

  {
    g_autofree char *from = g_build_filename (src, "domains.tsv", NULL);
    g_autofree char *to = g_build_filename (tmp, "domains.tsv", NULL);
    gsize length;
    g_autofree char *contents = gk_test_read_file (from, &length);
    gk_test_write_file (to, contents, length);
  }

  dir = g_dir_open (src_standards, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (src_standards, name, NULL);
      g_autofree char *to = g_build_filename (dst_standards, name, NULL);
      gsize length;
      g_autofree char *contents = gk_test_read_file (from, &length);
      gk_test_write_file (to, contents, length);
    }

  return g_steal_pointer (&tmp);
}

static gboolean
contains_number (const char *message,
                 const char *word,
                 guint       number)
{
  g_autofree char *needle = g_strdup_printf ("%s %u", word, number);
  const char *p = message;

  while ((p = strstr (p, needle)) != NULL)
    {
      p += strlen (needle);
      if (!g_ascii_isdigit (*p))
        return TRUE;
    }
  return FALSE;
}

static void
assert_same_strv (char **a,
                  char **b)
{
  g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_same_library (GkStandards *a,
                     GkStandards *b)
{
  g_assert_cmpuint (gk_standards_get_n_domains (a), ==, gk_standards_get_n_domains (b));
  g_assert_cmpuint (gk_standards_get_n_items (a), ==, gk_standards_get_n_items (b));

  for (guint i = 0; i < gk_standards_get_n_domains (a); i++)
    {
      const GkDomainInfo *da = gk_standards_get_domain (a, i);
      const GkDomainInfo *db = gk_standards_get_domain (b, i);
      g_autoptr(GPtrArray) ia = gk_standards_get_items (a, da->number);
      g_autoptr(GPtrArray) ib = gk_standards_get_items (b, db->number);

      g_assert_cmpint (da->number, ==, db->number);
      g_assert_cmpstr (da->code, ==, db->code);
      g_assert_cmpstr (da->name, ==, db->name);
      assert_same_strv (da->aliases, db->aliases);
      g_assert_cmpstr (da->lead_department, ==, db->lead_department);
      g_assert_cmpstr (da->guideline, ==, db->guideline);

      g_assert_cmpuint (ia->len, ==, ib->len);
      for (guint j = 0; j < ia->len; j++)
        {
          const GkStandardItem *x = g_ptr_array_index (ia, j);
          const GkStandardItem *y = g_ptr_array_index (ib, j);

          g_assert_cmpstr (x->id, ==, y->id);
          g_assert_cmpint (x->domain_number, ==, y->domain_number);
          g_assert_cmpint (x->item_number, ==, y->item_number);
          g_assert_cmpstr (x->level1, ==, y->level1);
          g_assert_cmpstr (x->level2, ==, y->level2);
          g_assert_cmpstr (x->content, ==, y->content);
          g_assert_cmpstr (x->basis, ==, y->basis);
          g_assert_cmpstr (x->time_limit, ==, y->time_limit);
          g_assert_cmpstr (x->subject, ==, y->subject);
          g_assert_cmpuint (x->channels, ==, y->channels);
          g_assert_cmpstr (x->channels_other, ==, y->channels_other);
          g_assert_cmpmem (x->flags, sizeof x->flags, y->flags, sizeof y->flags);
          g_assert_cmpint (x->provenance, ==, y->provenance);
          g_assert_cmpstr (x->source_url, ==, y->source_url);
          g_assert_cmpstr (x->note, ==, y->note);
        }
    }
}

static GkStandards *
builtin (void)
{
  g_autoptr(GError) error = NULL;
  GkStandards *standards = gk_standards_get_builtin (&error);

  g_assert_no_error (error);
  g_assert_nonnull (standards);
  return standards;
}

/* ---- expected counts -------------------------------------------------------------------- */

typedef struct
{
  guint items;
  guint township;
} DomainCount;

/* From the reference README, used only when the reference folder is not there. */
static const DomainCount readme_counts[N_DOMAINS + 1] = {
  { 0, 0 },
  { 13, 3 }, { 7, 3 }, { 4, 4 }, { 8, 5 }, { 6, 0 }, { 11, 2 }, { 9, 3 }, { 10, 4 }, { 11, 6 },
  { 9, 7 }, { 9, 2 }, { 11, 3 }, { 6, 2 }, { 5, 3 }, { 9, 6 }, { 9, 2 }, { 11, 0 }, { 3, 2 },
  { 6, 3 }, { 12, 9 }, { 6, 3 }, { 5, 5 }, { 5, 0 }, { 13, 3 }, { 10, 0 }, { 6, 0 },
};

/* Row counts (and level_township = 1 counts) of the research reference the data comes from,
 * read at run time so that a row lost or added in the conversion shows up here. */
static void
expected_counts (DomainCount counts[N_DOMAINS + 1])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = g_build_filename (source_root (), "..", "shared", "reference",
                                                "standards", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_test_message ("%s not found: using the counts of the reference README", dir_path);
      memcpy (counts, readme_counts, sizeof readme_counts);
      return;
    }

  memset (counts, 0, sizeof (DomainCount) * (N_DOMAINS + 1));
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) header = NULL;
      int number, township_column = -1;

      if (!g_str_has_suffix (name, ".tsv") || !g_ascii_isdigit (name[0]) ||
          !g_ascii_isdigit (name[1]) || name[2] != '-')
        continue;
      number = (name[0] - '0') * 10 + (name[1] - '0');
      g_assert_cmpint (number, >=, 1);
      g_assert_cmpint (number, <=, N_DOMAINS);
      n_files++;

      path = g_build_filename (dir_path, name, NULL);
      contents = gk_test_read_file (path, NULL);
      lines = g_strsplit (contents, "\n", -1);
      header = g_strsplit (lines[0], "\t", -1);
      for (guint c = 0; header[c] != NULL; c++)
        if (g_str_equal (g_strstrip (header[c]), "level_township"))
          township_column = (int) c;
      g_assert_cmpint (township_column, >=, 0);

      for (guint l = 1; lines[l] != NULL; l++)
        {
          g_auto(GStrv) fields = NULL;

          g_strchomp (lines[l]);
          if (lines[l][0] == '\0')
            continue;
          fields = g_strsplit (lines[l], "\t", -1);
          counts[number].items++;
          if ((int) g_strv_length (fields) > township_column &&
              g_str_equal (fields[township_column], "1"))
            counts[number].township++;
        }
    }
  g_assert_cmpuint (n_files, ==, N_DOMAINS);
}

/* ---- the built-in library --------------------------------------------------------------- */

static void
test_builtin_domains (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  g_autofree char *standards_dir = NULL;
  const char *root = source_root ();

  if (root == NULL)
    return;
  standards_dir = g_build_filename (root, "data", "standards", NULL);

  g_assert_cmpuint (gk_standards_get_n_domains (standards), ==, N_DOMAINS);
  for (guint i = 0; i < N_DOMAINS; i++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (standards, i);
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      /* Numbers 1..26 in order: the workbook and the UI list domains by number. */
      g_assert_cmpint (info->number, ==, (int) i + 1);
      g_assert_cmpstr (info->code, !=, "");
      g_assert_cmpstr (info->name, !=, "");
      g_assert_cmpstr (info->lead_department, !=, "");
      g_assert_nonnull (info->aliases);

      /* The code is the rest of the standard file's name: 20 + shehui-jiuzhu. */
      file = g_strdup_printf ("%02d-%s.tsv", info->number, info->code);
      path = g_build_filename (standards_dir, file, NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  g_assert_cmpstr (gk_standards_get_domain (standards, 19)->name, ==, "社会救助");
  g_assert_cmpstr (gk_standards_get_domain (standards, 19)->code, ==, "shehui-jiuzhu");
  g_assert_cmpstr (gk_standards_get_domain (standards, 19)->lead_department, ==, "民政部");
  g_assert_true (g_str_has_prefix (gk_standards_get_domain (standards, 19)->guideline, "《"));
  g_assert_cmpstr (gk_standards_get_domain (standards, 5)->name, ==, "农村集体土地征收");
  g_assert_cmpstr (gk_standards_get_domain (standards, 24)->name, ==, "卫生健康");
}

static void
test_builtin_counts (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  DomainCount expected[N_DOMAINS + 1];
  guint total = 0, total_township = 0;

  if (source_root () == NULL)
    return;
  expected_counts (expected);

  for (int number = 1; number <= N_DOMAINS; number++)
    {
      g_autoptr(GPtrArray) items = gk_standards_get_items (standards, number);
      guint township = 0;

      for (guint j = 0; j < items->len; j++)
        township += gk_standard_item_is_township (g_ptr_array_index (items, j));

      g_test_message ("domain %d: %u items (%u township-level)", number, items->len, township);
      g_assert_cmpuint (items->len, ==, expected[number].items);
      g_assert_cmpuint (township, ==, expected[number].township);
      total += items->len;
      total_township += township;
    }

  g_assert_cmpuint (total, ==, 214);
  g_assert_cmpuint (gk_standards_get_n_items (standards), ==, 214);
  g_assert_cmpuint (total_township, ==, 80);

  /* An unknown domain has no items rather than failing. */
  {
    g_autoptr(GPtrArray) none = gk_standards_get_items (standards, 27);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_builtin_ids (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint provenance[3] = { 0, 0, 0 };

  for (int number = 1; number <= N_DOMAINS; number++)
    {
      g_autoptr(GPtrArray) items = gk_standards_get_items (standards, number);
      int previous = 0;

      for (guint j = 0; j < items->len; j++)
        {
          const GkStandardItem *item = g_ptr_array_index (items, j);
          g_autofree char *expected_id = NULL;

          g_assert_true (g_regex_match_simple ("^[0-9]{2}-[0-9]{2}$", item->id, 0, 0));
          g_assert_cmpint (item->domain_number, ==, number);
          expected_id = g_strdup_printf ("%02d-%02d", number, item->item_number);
          g_assert_cmpstr (item->id, ==, expected_id);
          /* In the national order, as the files list them. */
          g_assert_cmpint (item->item_number, >, previous);
          previous = item->item_number;

          g_assert_false (g_hash_table_contains (seen, item->id));
          g_hash_table_add (seen, item->id);
          g_assert_true (gk_standards_lookup (standards, item->id) == item);

          /* Every item says where it was read, and has a name. */
          g_assert_cmpstr (item->level1, !=, "");
          g_assert_true (g_str_has_prefix (item->source_url, "http://") ||
                         g_str_has_prefix (item->source_url, "https://"));
          g_assert_cmpint (item->provenance, <=, GK_PROVENANCE_UNKNOWN);
          provenance[item->provenance]++;
          for (guint f = 0; f < GK_N_FLAGS; f++)
            g_assert_true (item->flags[f] == 1 || item->flags[f] == 0 || item->flags[f] == -1);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 214);
  g_assert_null (gk_standards_lookup (standards, "20-10"));  /* a known gap */
  g_assert_null (gk_standards_lookup (standards, "27-01"));
  g_assert_null (gk_standards_lookup (standards, ""));

  /* The provenance totals of data/standards/README.md. */
  g_assert_cmpuint (provenance[GK_PROVENANCE_SEEN], ==, 69);
  g_assert_cmpuint (provenance[GK_PROVENANCE_INFERRED], ==, 53);
  g_assert_cmpuint (provenance[GK_PROVENANCE_UNKNOWN], ==, 92);
}

static void
test_builtin_find_domain (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  static const struct { const char *query; int number; } found[] = {
    { "20", 20 }, { "5", 5 }, { "05", 5 }, { "1", 1 }, { "26", 26 },
    { "社会救助", 20 }, { "shehui-jiuzhu", 20 }, { "卫生健康", 25 }, { "weisheng-jiankang", 25 },
    { "农村集体土地征收", 6 }, { "征地补偿", 6 }, { "征地补偿(农村集体土地征收)", 6 }, { "农村集体土地", 6 },
    { "医疗卫生", 25 }, { "国土空间规划", 8 }, { "环境保护", 11 }, { "乡村振兴", 14 },
    { "巩固拓展脱贫攻坚成果", 14 }, { "社会救助及福利", 20 }, { "房屋征收", 7 },
  };
  static const char * const not_found[] = {
    "0", "00", "27", "99", "-1", "", "社会", "社会救助 ", "救助", "涉农资金", "水利", "SHEHUI-JIUZHU",
    "shehui", "20-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      const GkDomainInfo *info = gk_standards_find_domain (standards, found[i].query);

      g_test_message ("find “%s”", found[i].query);
      g_assert_nonnull (info);
      g_assert_cmpint (info->number, ==, found[i].number);
    }

  /* Every alias in domains.tsv names its own domain and no other. */
  for (guint i = 0; i < gk_standards_get_n_domains (standards); i++)
    {
      const GkDomainInfo *info = gk_standards_get_domain (standards, i);

      g_assert_true (gk_standards_find_domain (standards, info->name) == info);
      g_assert_true (gk_standards_find_domain (standards, info->code) == info);
      for (guint a = 0; info->aliases[a] != NULL; a++)
        {
          g_assert_cmpstr (info->aliases[a], !=, "");
          g_assert_true (gk_standards_find_domain (standards, info->aliases[a]) == info);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_test_message ("do not find “%s”", not_found[i]);
      g_assert_null (gk_standards_find_domain (standards, not_found[i]));
    }
}

static void
test_builtin_item_fields (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  const GkStandardItem *item;

  item = gk_standards_lookup (standards, "20-01");
  g_assert_nonnull (item);
  g_assert_cmpint (item->domain_number, ==, 20);
  g_assert_cmpint (item->item_number, ==, 1);
  g_assert_cmpstr (item->level1, ==, "综合业务");
  g_assert_cmpstr (item->level2, ==, "政策法规文件");
  g_assert_cmpstr (item->content, ==, "《社会救助暂行办法》、各地配套政策法规文件");
  g_assert_cmpstr (item->basis, ==, "《信息公开条例》及相关规定");
  g_assert_cmpstr (item->time_limit, ==, "制定或获取信息之日起10个工作日内");
  g_assert_cmpstr (item->subject, ==, "县民政局、各乡（镇）人民政府（街道办事处）");
  g_assert_cmpuint (item->channels, ==, (1u << GK_CHANNEL_WEBSITE) | (1u << GK_CHANNEL_READING_POINT) |
                                        (1u << GK_CHANNEL_SERVICE_CENTRE));
  g_assert_cmpstr (item->channels_other, ==, "");
  g_assert_cmpint (item->flags[GK_FLAG_AUDIENCE_ALL], ==, 1);
  g_assert_cmpint (item->flags[GK_FLAG_AUDIENCE_SPECIFIC], ==, 0);
  g_assert_cmpint (item->flags[GK_FLAG_MODE_ACTIVE], ==, 1);
  g_assert_cmpint (item->flags[GK_FLAG_MODE_REQUEST], ==, 0);
  g_assert_cmpint (item->flags[GK_FLAG_LEVEL_COUNTY], ==, 1);
  g_assert_cmpint (item->flags[GK_FLAG_LEVEL_TOWNSHIP], ==, 1);
  g_assert_true (gk_standard_item_is_township (item));
  g_assert_cmpint (item->provenance, ==, GK_PROVENANCE_INFERRED);
  g_assert_cmpstr (gk_provenance_to_string (item->provenance), ==, "inferred");
  g_assert_cmpstr (item->source_url, ==, "http://www.dazhu.gov.cn/xxgk-show-199777.html");
  g_assert_cmpstr (item->note, !=, "");

  /* 其他 with a text; a county-level item. */
  item = gk_standards_lookup (standards, "01-09");
  g_assert_nonnull (item);
  g_assert_cmpuint (item->channels, ==, (1u << GK_CHANNEL_WEBSITE) | (1u << GK_CHANNEL_OTHER));
  g_assert_cmpstr (item->channels_other, ==,
                   "广东政务服务网、信用中国网站、投资项目在线审批监管平台、广东省建筑市场监管公共服务平台");
  g_assert_cmpint (item->flags[GK_FLAG_LEVEL_TOWNSHIP], ==, 0);
  g_assert_false (gk_standard_item_is_township (item));
  g_assert_cmpint (item->provenance, ==, GK_PROVENANCE_SEEN);

  /* 其他 ticked without a text; flags the source did not show stay unknown, not “no”. */
  item = gk_standards_lookup (standards, "07-03");
  g_assert_nonnull (item);
  g_assert_cmpuint (item->channels, ==, 1u << GK_CHANNEL_OTHER);
  g_assert_cmpstr (item->channels_other, ==, "");
  g_assert_cmpint (item->provenance, ==, GK_PROVENANCE_UNKNOWN);

  /* No level2 in the national table; all six ticks unknown. */
  item = gk_standards_lookup (standards, "06-01");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->level1, ==, "征地管理政策");
  g_assert_cmpstr (item->level2, ==, "");
  for (guint f = 0; f < GK_N_FLAGS; f++)
    g_assert_cmpint (item->flags[f], ==, -1);
  g_assert_false (gk_standard_item_is_township (item));
  g_assert_cmpint (item->provenance, ==, GK_PROVENANCE_UNKNOWN);
}

/* The official channel names, independently of gk-channels.c. */
static const char * const channel_names[] = {
  "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
  "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏(电子屏)", "精准推送",
};

static gint8
expected_flag (const char *text)
{
  if (*text == '\0')
    return -1;
  g_assert_true (g_str_equal (text, "0") || g_str_equal (text, "1"));
  return text[0] == '1';
}

/* Every field of every row of data/standards, read here with a plain split, is what the
 * compiled-in library gives: nothing lost, shifted or stale in the GResource. */
static void
test_builtin_matches_data_files (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_rows = 0;

  if (source_root () == NULL)
    return;
  dir_path = g_build_filename (source_root (), "data", "standards", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_suffix (name, ".tsv"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      contents = gk_test_read_file (path, NULL);
      lines = g_strsplit (contents, "\n", -1);

      for (guint l = 1; lines[l] != NULL; l++)
        {
          g_auto(GStrv) f = NULL;
          g_auto(GStrv) channels = NULL;
          const GkStandardItem *item;
          guint bits = 0;
          const char *other = "";

          if (lines[l][0] == '\0')
            continue;
          f = g_strsplit (lines[l], "\t", -1);
          g_assert_cmpuint (g_strv_length (f), ==, 17);
          item = gk_standards_lookup (standards, f[0]);
          g_test_message ("%s line %u: %s", name, l + 1, f[0]);
          g_assert_nonnull (item);
          n_rows++;

          g_assert_cmpstr (item->level1, ==, f[1]);
          g_assert_cmpstr (item->level2, ==, f[2]);
          g_assert_cmpstr (item->content, ==, f[3]);
          g_assert_cmpstr (item->basis, ==, f[4]);
          g_assert_cmpstr (item->time_limit, ==, f[5]);
          g_assert_cmpstr (item->subject, ==, f[6]);

          channels = g_strsplit (f[7], ";", -1);
          for (guint c = 0; channels[c] != NULL; c++)
            {
              gboolean known = FALSE;

              if (channels[c][0] == '\0')
                continue;
              if (g_str_has_prefix (channels[c], "其他:"))
                {
                  bits |= 1u << GK_CHANNEL_OTHER;
                  other = channels[c] + strlen ("其他:");
                  continue;
                }
              for (guint k = 0; k < G_N_ELEMENTS (channel_names); k++)
                if (g_str_equal (channels[c], channel_names[k]))
                  {
                    bits |= 1u << k;
                    known = TRUE;
                  }
              g_assert_true (known);
            }
          g_assert_cmpuint (item->channels, ==, bits);
          g_assert_cmpstr (item->channels_other, ==, other);

          for (guint flag = 0; flag < GK_N_FLAGS; flag++)
            g_assert_cmpint (item->flags[flag], ==, expected_flag (f[8 + flag]));
          g_assert_cmpstr (gk_provenance_to_string (item->provenance), ==, f[14]);
          g_assert_cmpstr (item->source_url, ==, f[15]);
          g_assert_cmpstr (item->note, ==, f[16]);
        }
    }
  g_assert_cmpuint (n_rows, ==, 214);
}

/* ---- loading a folder ------------------------------------------------------------------- */

static GkStandards *
load_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  GkStandards *standards = gk_standards_new_from_dir (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (standards);
  return standards;
}

static void
test_dir_same_as_builtin (void)
{
  g_autoptr(GkStandards) standards = builtin ();
  g_autoptr(GkStandards) loaded = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *readme = NULL;

  if (source_root () == NULL)
    return;
  dir = copy_data_dir ();
  /* Files that are not .tsv (the README) are not data. */
  readme = g_build_filename (dir, "standards", "README.md", NULL);
  g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));

  loaded = load_dir (dir);
  g_assert_true (loaded != standards);
  assert_same_library (standards, loaded);
  gk_test_rm_rf (dir);
}

typedef char *(*Transform) (const char *contents, gsize length, gsize *new_length);

static char *
to_crlf (const char *contents,
         gsize       length,
         gsize      *new_length)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (contents[i] == '\n')
        g_string_append_c (out, '\r');
      g_string_append_c (out, contents[i]);
    }
  *new_length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
add_bom (const char *contents,
         gsize       length,
         gsize      *new_length)
{
  *new_length = length + 3;
  return g_strconcat ("\xef\xbb\xbf", contents, NULL);
}

static char *
strip_final_newline_and_add_blank_lines (const char *contents,
                                         gsize       length,
                                         gsize      *new_length)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *joined = g_strjoinv ("\n\n", lines);
  gsize n = strlen (joined);

  /* Only the line ends: a trailing tab is an empty last field. */
  while (n > 0 && joined[n - 1] == '\n')
    n--;
  *new_length = n;
  return g_strndup (joined, n);
}

static void
transform_all (const char *dir,
               Transform   transform)
{
  g_autofree char *standards_dir = g_build_filename (dir, "standards", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (standards_dir, 0, NULL);
  const char *name;

  g_ptr_array_add (paths, g_build_filename (dir, "domains.tsv", NULL));
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".tsv"))
      g_ptr_array_add (paths, g_build_filename (standards_dir, name, NULL));

  for (guint i = 0; i < paths->len; i++)
    {
      gsize length, new_length;
      g_autofree char *contents = gk_test_read_file (g_ptr_array_index (paths, i), &length);
      g_autofree char *changed = transform (contents, length, &new_length);

      gk_test_write_file (g_ptr_array_index (paths, i), changed, new_length);
    }
}

/* Files saved by Windows editors (CRLF, a byte-order mark) and hand-edited files (blank lines,
 * no final newline) load the same. */
static void
test_dir_accepted_variants (gconstpointer data)
{
  Transform transform = (Transform) data;
  g_autoptr(GkStandards) standards = builtin ();
  g_autoptr(GkStandards) loaded = NULL;
  g_autofree char *dir = NULL;

  if (source_root () == NULL)
    return;
  dir = copy_data_dir ();
  transform_all (dir, transform);
  loaded = load_dir (dir);
  /* In particular, no "\r" or BOM is left in the first or last field. */
  assert_same_library (standards, loaded);
  g_assert_nonnull (gk_standards_lookup (loaded, "01-01"));
  g_assert_null (strchr (gk_standards_lookup (loaded, "20-01")->note, '\r'));
  gk_test_rm_rf (dir);
}

static void
test_dir_missing_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStandards) loaded = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *domains = NULL;
  g_autofree char *standards = NULL;

  if (source_root () == NULL)
    return;

  dir = copy_data_dir ();
  standards = g_build_filename (dir, "standards", NULL);
  gk_test_rm_rf (standards);
  loaded = gk_standards_new_from_dir (dir, &error);
  g_assert_null (loaded);
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
  g_clear_error (&error);

  domains = g_build_filename (dir, "domains.tsv", NULL);
  g_unlink (domains);
  loaded = gk_standards_new_from_dir (dir, &error);
  g_assert_null (loaded);
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "domains.tsv"));
  g_clear_error (&error);

  gk_test_rm_rf (dir);
  loaded = gk_standards_new_from_dir (dir, &error);
  g_assert_null (loaded);
  g_assert_error (error, GK_ERROR, GK_ERROR_IO);
}

/* ---- malformed folders ------------------------------------------------------------------ */

typedef enum
{
  SET_FIELD,   /* field @column of line @line := @value */
  DROP_FIELD,  /* remove field @column of line @line */
  ADD_FIELD,   /* append a field @value to line @line */
  SET_FILE,    /* the whole file := @value */
} EditKind;

typedef struct
{
  const char *test_path;
  EditKind    kind;
  const char *file;          /* relative to the data folder */
  guint       line;
  guint       column;
  const char *value;
  const char *error_file;    /* the file the message must name */
  guint       error_line;    /* 0: no line to name */
  guint       error_column;  /* 0: no column to name */
  const char *error_text;    /* something else the message must say, or NULL */
} BadCase;

#define ITEM_HEADER "id\tlevel1\tlevel2\tcontent\tbasis\ttime_limit\tsubject\tchannels\t" \
  "audience_all\taudience_specific\tmode_active\tmode_request\tlevel_county\tlevel_township\t" \
  "flags\tsource_url\tnote\n"

static const BadCase bad_cases[] = {
  { "/standards/dir/bad/header", SET_FIELD, DATA_FILE_20, 1, 11, "mode_activ",
    "20-shehui-jiuzhu.tsv", 1, 11, "mode_active" },
  { "/standards/dir/bad/header-extra-column", ADD_FIELD, DATA_FILE_20, 1, 0, "extra",
    "20-shehui-jiuzhu.tsv", 1, 0, NULL },
  { "/standards/dir/bad/domains-header", SET_FIELD, "domains.tsv", 1, 4, "alias",
    "domains.tsv", 1, 4, "aliases" },
  { "/standards/dir/bad/missing-field", DROP_FIELD, DATA_FILE_20, 3, 17, NULL,
    "20-shehui-jiuzhu.tsv", 3, 0, NULL },
  { "/standards/dir/bad/missing-middle-field", DROP_FIELD, DATA_FILE_20, 7, 5, NULL,
    "20-shehui-jiuzhu.tsv", 7, 0, NULL },
  { "/standards/dir/bad/extra-field", ADD_FIELD, DATA_FILE_20, 3, 0, "x",
    "20-shehui-jiuzhu.tsv", 3, 0, NULL },
  { "/standards/dir/bad/domains-missing-field", DROP_FIELD, "domains.tsv", 5, 6, NULL,
    "domains.tsv", 5, 0, NULL },
  { "/standards/dir/bad/flag", SET_FIELD, DATA_FILE_20, 4, 11, "x",
    "20-shehui-jiuzhu.tsv", 4, 11, "mode_active" },
  { "/standards/dir/bad/flag-word", SET_FIELD, DATA_FILE_20, 6, 14, "是",
    "20-shehui-jiuzhu.tsv", 6, 14, "level_township" },
  { "/standards/dir/bad/channel", SET_FIELD, DATA_FILE_20, 2, 8, "政府网站;微信群",
    "20-shehui-jiuzhu.tsv", 2, 8, "微信群" },
  { "/standards/dir/bad/provenance", SET_FIELD, DATA_FILE_20, 2, 15, "certain",
    "20-shehui-jiuzhu.tsv", 2, 15, "certain" },
  { "/standards/dir/bad/empty-level1", SET_FIELD, DATA_FILE_20, 5, 2, "",
    "20-shehui-jiuzhu.tsv", 5, 2, NULL },
  { "/standards/dir/bad/duplicate-id", SET_FIELD, DATA_FILE_20, 3, 1, "20-01",
    "20-shehui-jiuzhu.tsv", 3, 1, "20-01" },
  { "/standards/dir/bad/duplicate-id-other-file", SET_FILE, "standards/20-zz-extra.tsv", 0, 0,
    ITEM_HEADER "20-02\t名称\t\t\t\t\t\t\t\t\t\t\t\t\tseen\thttp://example.org/\t\n",
    "20-zz-extra.tsv", 2, 1, "20-02" },
  { "/standards/dir/bad/id-of-another-domain", SET_FIELD, DATA_FILE_20, 3, 1, "21-99",
    "20-shehui-jiuzhu.tsv", 3, 1, "21-99" },
  { "/standards/dir/bad/id-form", SET_FIELD, DATA_FILE_20, 3, 1, "2003",
    "20-shehui-jiuzhu.tsv", 3, 1, "2003" },
  { "/standards/dir/bad/not-utf8", SET_FIELD, DATA_FILE_20, 5, 4, "坏\xff" "x",
    "20-shehui-jiuzhu.tsv", 5, 0, NULL },
  { "/standards/dir/bad/not-utf8-domains", SET_FIELD, "domains.tsv", 9, 3, "\xc3" "(",
    "domains.tsv", 9, 0, NULL },
  { "/standards/dir/bad/empty-file", SET_FILE, DATA_FILE_20, 0, 0, "",
    "20-shehui-jiuzhu.tsv", 0, 0, NULL },
  { "/standards/dir/bad/empty-domains", SET_FILE, "domains.tsv", 0, 0, "",
    "domains.tsv", 0, 0, NULL },
  { "/standards/dir/bad/no-domains", SET_FILE, "domains.tsv", 0, 0,
    "number\tcode\tname\taliases\tlead_department\tguideline\n",
    "domains.tsv", 0, 0, NULL },
  { "/standards/dir/bad/duplicate-domain", SET_FIELD, "domains.tsv", 3, 1, "01",
    "domains.tsv", 3, 1, NULL },
  { "/standards/dir/bad/domain-number", SET_FIELD, "domains.tsv", 2, 1, "一",
    "domains.tsv", 2, 1, "一" },
  { "/standards/dir/bad/domain-name", SET_FIELD, "domains.tsv", 4, 3, "",
    "domains.tsv", 4, 3, NULL },
  { "/standards/dir/bad/file-name-unknown-domain", SET_FILE, "standards/27-extra.tsv", 0, 0,
    ITEM_HEADER, "27-extra.tsv", 0, 0, NULL },
  { "/standards/dir/bad/file-name-no-number", SET_FILE, "standards/extra.tsv", 0, 0,
    ITEM_HEADER, "extra.tsv", 0, 0, NULL },
  { "/standards/dir/bad/file-name-one-digit", SET_FILE, "standards/7-extra.tsv", 0, 0,
    ITEM_HEADER, "7-extra.tsv", 0, 0, NULL },
};

static void
edit_data (const char    *dir,
           const BadCase *bad)
{
  g_autofree char *path = g_build_filename (dir, bad->file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *result = NULL;
  char **line;

  if (bad->kind == SET_FILE)
    {
      gk_test_write_file (path, bad->value, -1);
      return;
    }

  contents = gk_test_read_file (path, NULL);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, bad->line);
  line = &lines[bad->line - 1];

  {
    g_auto(GStrv) fields = g_strsplit (*line, "\t", -1);
    guint n = g_strv_length (fields);
    g_autoptr(GPtrArray) out = g_ptr_array_new ();

    g_assert_cmpuint (bad->column, <=, n);
    for (guint i = 0; i < n; i++)
      {
        if (bad->kind == SET_FIELD && i + 1 == bad->column)
          g_ptr_array_add (out, (char *) bad->value);
        else if (bad->kind == DROP_FIELD && i + 1 == bad->column)
          continue;
        else
          g_ptr_array_add (out, fields[i]);
      }
    if (bad->kind == ADD_FIELD)
      g_ptr_array_add (out, (char *) bad->value);
    g_ptr_array_add (out, NULL);

    g_free (*line);
    *line = g_strjoinv ("\t", (char **) out->pdata);
  }

  result = g_strjoinv ("\n", lines);
  gk_test_write_file (path, result, -1);
}

static void
test_dir_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GkStandards) loaded = NULL;
  g_autofree char *dir = NULL;

  if (source_root () == NULL)
    return;
  dir = copy_data_dir ();
  edit_data (dir, bad);

  loaded = gk_standards_new_from_dir (dir, &error);
  g_assert_null (loaded);
  g_assert_error (error, GK_ERROR, GK_ERROR_PARSE);
  g_test_message ("%s", error->message);

  /* The message lets a person find the place: the file, the line, the column. */
  g_assert_nonnull (strstr (error->message, bad->error_file));
  if (bad->error_line > 0)
    g_assert_true (contains_number (error->message, "line", bad->error_line));
  if (bad->error_column > 0)
    g_assert_true (contains_number (error->message, "column", bad->error_column));
  if (bad->error_text != NULL)
    g_assert_nonnull (strstr (error->message, bad->error_text));
  /* Not a byte soup: the message is text that can be shown. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  gk_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/standards/builtin/domains", test_builtin_domains);
  g_test_add_func ("/standards/builtin/counts", test_builtin_counts);
  g_test_add_func ("/standards/builtin/ids", test_builtin_ids);
  g_test_add_func ("/standards/builtin/find-domain", test_builtin_find_domain);
  g_test_add_func ("/standards/builtin/item-fields", test_builtin_item_fields);
  g_test_add_func ("/standards/builtin/matches-data-files", test_builtin_matches_data_files);

  g_test_add_func ("/standards/dir/same-as-builtin", test_dir_same_as_builtin);
  g_test_add_data_func ("/standards/dir/crlf", (gconstpointer) to_crlf, test_dir_accepted_variants);
  g_test_add_data_func ("/standards/dir/bom", (gconstpointer) add_bom, test_dir_accepted_variants);
  g_test_add_data_func ("/standards/dir/blank-lines-no-final-newline",
                        (gconstpointer) strip_final_newline_and_add_blank_lines,
                        test_dir_accepted_variants);
  g_test_add_func ("/standards/dir/missing-parts", test_dir_missing_parts);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    g_test_add_data_func (bad_cases[i].test_path, &bad_cases[i], test_dir_bad);

  return g_test_run ();
}
