/* Tests of gk-export-xlsx in C: the text and sheet-name rules, and the safe save — a temporary
 * file beside the target, renamed onto it — under every failure we can cause: a missing or
 * unwritable folder, a read-only or full disk, a write cut short, a full temporary folder, a
 * target open in another program. After each failure the old target is byte-for-byte intact
 * and no temporary file is left. The workbook's content is checked by test-export-read.py with
 * openpyxl and LibreOffice. */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gk-core.h"
#include "gk-test-util.h"

#define TOWNSHIP "城关镇"
#define COUNTY "某某县"
#define OLD_CONTENT "an older export the county already has"

typedef struct
{
  char        *dir;
  char        *workspace;
  GkCatalogue *catalogue;
} Fixture;

/* ---- helpers ---------------------------------------------------------------------------- */


static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gk-export-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (f->dir, 0755);
  f->workspace = g_build_filename (f->dir, "workspace.gongkai", NULL);
  f->catalogue = gk_catalogue_create (f->workspace, TOWNSHIP, COUNTY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->catalogue);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->catalogue);
  gk_test_rm_rf (f->dir);
  g_free (f->workspace);
  g_free (f->dir);
}

static char *
make_folder (Fixture    *f,
             const char *name)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  return path;
}

static GDateTime *
fixed_now (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  return g_date_time_new (utc, 2024, 5, 20, 9, 30, 0);
}

static gboolean
export_to (GkCatalogue  *catalogue,
           const char   *path,
           gboolean      replace_locked,
           GError      **error)
{
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GDateTime) now = fixed_now ();
  GkExportOptions options;

  gk_export_options_init (&options);
  options.now = now;
  options.replace_locked = replace_locked;
  return gk_export_xlsx (catalogue, &options, target, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, joined by "|". */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
write_old_target (const char *path)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, OLD_CONTENT, -1, &error);
  g_assert_no_error (error);
}

static void
assert_old_target (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, OLD_CONTENT);
}

static gboolean
is_xlsx (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* A zip, with the workbook part in it. */
  return length > 1000 && memcmp (contents, "PK\x03\x04", 4) == 0 &&
         memmem (contents, length, "xl/workbook.xml", strlen ("xl/workbook.xml")) != NULL;
}

static gboolean
write_proc (const char *path,
            const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok = fd >= 0 && write (fd, text, strlen (text)) == (ssize_t) strlen (text);

  if (fd >= 0)
    close (fd);
  return ok;
}

/* A private mount namespace in which @folder is a fresh tmpfs of @size bytes: as root, or in
 * a user namespace of our own where the kernel allows that. FALSE (and the reason in @why)
 * where neither works (a container without CAP_SYS_ADMIN, user namespaces disabled). Only ever
 * called in a forked child: the mount dies with it. */
static gboolean
mount_small_tmpfs (const char  *folder,
                   gsize        size,
                   char       **why)
{
  g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0777", size);

  if (unshare (CLONE_NEWNS) != 0)
    {
      uid_t uid = geteuid ();
      gid_t gid = getegid ();
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1\n", (guint) uid, (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1\n", (guint) gid, (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          *why = g_strdup_printf ("no mount namespace: %s", g_strerror (errno));
          return FALSE;
        }
      /* The same ids inside, so that the files keep their owners. */
      write_proc ("/proc/self/setgroups", "deny");
      if (!write_proc ("/proc/self/uid_map", uid_map) || !write_proc ("/proc/self/gid_map", gid_map))
        {
          *why = g_strdup ("cannot map the user namespace");
          return FALSE;
        }
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", folder, "tmpfs", 0, options) != 0)
    {
      *why = g_strdup_printf ("mount: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* ---- text and names --------------------------------------------------------------------- */

static void
test_cell_text (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "", "" },
    { "社会救助", "社会救助" },
    /* Formulas stay text: written as strings, they are not even touched. */
    { "=SUM(A1:A9)", "=SUM(A1:A9)" },
    { "+86 871 1234567", "+86 871 1234567" },
    { "-1", "-1" },
    { "@INDIRECT(\"A1\")", "@INDIRECT(\"A1\")" },
    /* Tab and line feed stay; CR LF and a lone CR become a line feed. */
    { "一\t二\n三", "一\t二\n三" },
    { "一\r\n二\r三", "一\n二\n三" },
    /* Control characters XML cannot hold are dropped, with DEL and the C1 controls. */
    { "a\001b\007c\010d\013e\014f\033g\037h", "abcdefgh" },
    { "x\x7fy\xc2\x85z", "xyz" },
    { "非\xef\xbf\xbe字符\xef\xbf\xbf", "非字符" },
    /* Excel would read these as escapes: its own escape for "_" keeps them literal. */
    { "_x0041_", "_x005F_x0041_" },
    { "a_x00e9_b_x12_c", "a_x005F_x00e9_b_x12_c" },
    { "_x", "_x" },
    /* Invalid UTF-8 is repaired, not passed on. */
    { "ok\xff\xfeok", "ok\xef\xbf\xbd\xef\xbf\xbdok" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = gk_export_cell_text (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }

  {
    g_autofree char *null_text = gk_export_cell_text (NULL);
    g_assert_cmpstr (null_text, ==, "");
  }

  /* Excel's limit of 32,767 characters per cell. */
  {
    GString *long_text = g_string_new (NULL);
    g_autofree char *out = NULL;

    for (guint i = 0; i < 40000; i++)
      g_string_append (long_text, "字");
    out = gk_export_cell_text (long_text->str);
    g_assert_cmpint (g_utf8_strlen (out, -1), ==, 32767);
    g_string_free (long_text, TRUE);
  }
}

static guint
utf16_units (const char *text)
{
  glong n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  return (guint) n;
}

static void
assert_legal_sheet_name (const char *name)
{
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (utf16_units (name), >=, 1);
  g_assert_cmpuint (utf16_units (name), <=, 31);
  g_assert_null (strpbrk (name, "[]:*?/\\"));
  g_assert_cmpint (name[0], !=, '\'');
  g_assert_cmpint (name[strlen (name) - 1], !=, '\'');
  for (const char *p = name; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
}

static void
test_sheet_names (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "社会救助", "社会救助" },
    { "征地补偿(农村集体土地征收)", "征地补偿(农村集体土地征收)" },
    /* Forbidden characters become their full-width forms. */
    { "发布会/听证会", "发布会／听证会" },
    { "a[b]c:d*e?f/g\\h", "a［b］c：d＊e？f／g＼h" },
    /* No apostrophe at either end, no control characters, never empty. */
    { "'引号'", "引号" },
    { "  空格  ", "空格" },
    { "换\n行\t符\001", "换 行 符" },
    { "", "Sheet" },
    { "'''", "Sheet" },
    /* At most 31 UTF-16 units. */
    { "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" },
    /* A character outside the BMP counts two, and is never cut in half. */
    { "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀", "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *name = gk_export_sheet_name (used, cases[i].in);

      g_assert_cmpstr (name, ==, cases[i].out);
      assert_legal_sheet_name (name);
    }

  /* Unique, ignoring case as Excel does, and History is Excel's. */
  {
    g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    static const char * const in[] = {
      "汇总", "汇总", "汇总", "Water", "WATER", "History", "发布会/听证会", "发布会／听证会",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二",
    };
    static const char * const out[] = {
      "汇总", "汇总(2)", "汇总(3)", "Water", "WATER(2)", "History(2)", "发布会／听证会",
      "发布会／听证会(2)", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)",
    };

    for (guint i = 0; i < G_N_ELEMENTS (in); i++)
      {
        g_autofree char *name = gk_export_sheet_name (used, in[i]);
        g_assert_cmpstr (name, ==, out[i]);
        assert_legal_sheet_name (name);
      }
    g_assert_cmpuint (g_hash_table_size (used), ==, G_N_ELEMENTS (in));
  }
}

static void
test_default_filename (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *odd = NULL;

  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_YEAR, "2024", &error);
  g_assert_no_error (error);
  name = gk_export_default_filename (f->catalogue);
  g_assert_cmpstr (name, ==, "城关镇基层政务公开标准目录（2024）.xlsx");

  /* Whatever the township is called, the name is valid on a FAT stick. */
  gk_catalogue_set_profile (f->catalogue, GK_PROFILE_TOWNSHIP, "A/B:C*镇?", &error);
  g_assert_no_error (error);
  odd = gk_export_default_filename (f->catalogue);
  g_assert_cmpstr (odd, ==, "A_B_C_镇_基层政务公开标准目录（2024）.xlsx");
}

/* ---- writing ---------------------------------------------------------------------------- */

static void
test_write_new (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_folder (f, "out");
  g_autofree char *target = g_build_filename (folder, "目录.xlsx", NULL);
  g_autofree char *listing = NULL;
  GStatBuf st;
  mode_t mask = umask (022);

  g_assert_true (export_to (f->catalogue, target, FALSE, &error));
  g_assert_no_error (error);
  umask (mask);

  g_assert_true (is_xlsx (target));
  /* Nothing else: the temporary file became the target. */
  listing = list_folder (folder);
  g_assert_cmpstr (listing, ==, "目录.xlsx");
  /* A normal file, readable by the colleague who copies it to a stick. */
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
}

static void
test_write_replace (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_folder (f, "out");
  g_autofree char *target = g_build_filename (folder, "目录.xlsx", NULL);
  g_autofree char *listing = NULL;

  write_old_target (target);
  g_assert_true (export_to (f->catalogue, target, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (is_xlsx (target));
  listing = list_folder (folder);
  g_assert_cmpstr (listing, ==, "目录.xlsx");
}

/* The same workspace at the same moment gives the same bytes (zip times are fixed, and the
 * creation date is the given one). */
static void
test_reproducible (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (f->dir, "a.xlsx", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.xlsx", NULL);
  g_autofree char *ca = NULL, *cb = NULL;
  gsize la = 0, lb = 0;

  g_assert_true (export_to (f->catalogue, a, FALSE, &error));
  g_assert_true (export_to (f->catalogue, b, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
}

static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GkExportSnapshot) before = NULL;
  g_autoptr(GkExportSnapshot) after = NULL;
  g_autofree char *target = g_build_filename (f->dir, "snapshot.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  guint n_items = 0;

  before = gk_export_snapshot_new (f->catalogue, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 26; i++)
    n_items += gk_domain_get_n_items (gk_catalogue_get_domain (f->catalogue, (int) i));
  /* 说明, 汇总, 26 domains, 未涉及领域说明; no task, no 任务清单. */
  g_assert_cmpuint (gk_export_snapshot_get_n_sheets (before), ==, 29);
  g_assert_cmpuint (gk_export_snapshot_get_n_items (before), ==, n_items);

  /* A domain left out has no sheet; a task list adds one. */
  gk_catalogue_set_domain_applicable (f->catalogue, 5, FALSE, "本镇无税务分局", &error);
  g_assert_no_error (error);
  gk_db_exec (gk_catalogue_get_db (f->catalogue),
              "INSERT INTO task (position, category, grp, title, deadline)"
              " VALUES (1, '主要任务', '工作任务', '编制目录', '2024-01-31')", &error);
  g_assert_no_error (error);
  after = gk_export_snapshot_new (f->catalogue, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gk_export_snapshot_get_n_sheets (after), ==, 29);

  /* The snapshot is what was read: later edits do not reach it. */
  gk_catalogue_set_domain_applicable (f->catalogue, 6, FALSE, "无", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gk_export_snapshot_get_n_sheets (after), ==, 29);
  g_assert_true (gk_export_snapshot_write (after, file, &error));
  g_assert_no_error (error);
  g_assert_true (is_xlsx (target));
}

/* A worker thread writes what the main thread read. */
static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (g_object_get_data (G_OBJECT (task), "path"));

  if (gk_export_snapshot_write (task_data, file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
test_snapshot_thread (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  g_autofree char *target = g_build_filename (f->dir, "thread.xlsx", NULL);
  GkExportSnapshot *snapshot = gk_export_snapshot_new (f->catalogue, NULL, &error);

  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (task), "path", target);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) gk_export_snapshot_free);
  g_task_run_in_thread_sync (task, write_in_thread);
  g_assert_true (g_task_propagate_boolean (task, &error));
  g_assert_no_error (error);
  g_assert_true (is_xlsx (target));
}

/* ---- failures --------------------------------------------------------------------------- */

static void
test_fail_no_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->dir, "missing", "目录.xlsx", NULL);
  g_autofree char *listing = NULL;

  g_assert_false (export_to (f->catalogue, target, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "目录.xlsx"));
  g_assert_nonnull (strstr (error->message, "folder does not exist"));
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "workspace.gongkai|workspace.gongkai-shm|workspace.gongkai-wal");
}

static void
test_fail_is_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = make_folder (f, "目录.xlsx");
  g_autofree char *listing = NULL;

  g_assert_false (export_to (f->catalogue, target, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==,
                   "workspace.gongkai|workspace.gongkai-shm|workspace.gongkai-wal|目录.xlsx");
}

/* Runs @child in a forked process, where the failure is made (a mount namespace, a file size
 * limit, another user) without touching this one. The child returns 0 when its assertions held
 * (a failed assertion aborts it), or writes why to @skip_fd and returns 77 when this machine
 * cannot make that failure. */
typedef int (*ChildFunc) (Fixture *f,
                          int      skip_fd);

static void
run_child (Fixture   *f,
           ChildFunc  child)
{
  int fds[2], status = 0;
  char why[512] = { 0 };
  ssize_t n;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      _exit (child (f, fds[1]));
    }
  close (fds[1]);
  n = read (fds[0], why, sizeof why - 1);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip (n > 0 ? why : "cannot make this failure here");
      return;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static int
skip_child (int         skip_fd,
            const char *why)
{
  g_assert_cmpint (write (skip_fd, why, strlen (why)), >, 0);
  return 77;
}

/* The failure has happened: the old target is intact, and nothing else is in its folder. */
static void
assert_untouched (const char *folder,
                  const char *target,
                  const char *expected_listing)
{
  g_autofree char *listing = list_folder (folder);

  assert_old_target (target);
  g_assert_cmpstr (listing, ==, expected_listing);
}

static int
unwritable_child (Fixture *f,
                  int      skip_fd)
{
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *target = g_build_filename (folder, "目录.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
    {
      g_autofree char *why = g_strdup_printf ("cannot drop root privileges: %s", g_strerror (errno));
      return skip_child (skip_fd, why);
    }
  g_assert_false (export_to (f->catalogue, target, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "目录.xlsx"));
  g_assert_nonnull (strstr (error->message, "permission"));
  g_printerr ("# %s\n", error->message);
  assert_untouched (folder, target, "目录.xlsx");
  return 0;
}

/* The folder may not be written: for root, whom permissions do not stop, as nobody. */
static void
test_fail_unwritable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *folder = make_folder (f, "locked");
  g_autofree char *target = g_build_filename (folder, "目录.xlsx", NULL);
  g_autofree char *listing = NULL;

  write_old_target (target);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  run_child (f, unwritable_child);
  assert_untouched (folder, target, "目录.xlsx");
}

typedef struct
{
  gsize         size;
  gboolean      read_only;
  int           code;
  const char   *message;
} SmallDisk;

static const SmallDisk *small_disk;

static int
small_disk_child (Fixture *f,
                  int      skip_fd)
{
  g_autofree char *folder = g_build_filename (f->dir, "stick", NULL);
  g_autofree char *target = g_build_filename (folder, "目录.xlsx", NULL);
  g_autofree char *why = NULL;
  g_autoptr(GError) error = NULL;

  if (!mount_small_tmpfs (folder, small_disk->size, &why))
    return skip_child (skip_fd, why);
  write_old_target (target);
  if (small_disk->read_only && mount (NULL, folder, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0)
    {
      g_autofree char *remount = g_strdup_printf ("remount: %s", g_strerror (errno));
      return skip_child (skip_fd, remount);
    }

  g_assert_false (export_to (f->catalogue, target, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, small_disk->code);
  g_assert_nonnull (strstr (error->message, "目录.xlsx"));
  g_assert_nonnull (strstr (error->message, small_disk->message));
  g_printerr ("# %s\n", error->message);
  assert_untouched (folder, target, "目录.xlsx");
  return 0;
}

/* A USB stick with 48 KiB left: the export (about 55 KiB) does not fit. */
static void
test_fail_disk_full (Fixture       *f,
                     gconstpointer  data)
{
  static const SmallDisk disk = { 48 * 1024, FALSE, G_IO_ERROR_NO_SPACE, "the disk is full" };
  g_autofree char *folder = make_folder (f, "stick");

  small_disk = &disk;
  run_child (f, small_disk_child);
}

static void
test_fail_read_only (Fixture       *f,
                     gconstpointer  data)
{
  static const SmallDisk disk = { 1024 * 1024, TRUE, G_IO_ERROR_READ_ONLY, "read-only" };
  g_autofree char *folder = make_folder (f, "stick");

  small_disk = &disk;
  run_child (f, small_disk_child);
}

static int
write_cut_child (Fixture *f,
                 int      skip_fd)
{
  g_autofree char *target = g_build_filename (f->dir, "目录.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 16 * 1024, 16 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (export_to (f->catalogue, target, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "目录.xlsx"));
  g_printerr ("# %s\n", error->message);
  return 0;
}

/* A write cut short, whoever the user is: a file size limit makes every write past 16 KiB fail
 * (EFBIG), in libxlsxwriter's temporary files and in the package alike. */
static void
test_fail_write_cut (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *target = g_build_filename (f->dir, "目录.xlsx", NULL);

  write_old_target (target);
  run_child (f, write_cut_child);
  assert_untouched (f->dir, target,
                    "workspace.gongkai|workspace.gongkai-shm|workspace.gongkai-wal|目录.xlsx");
}

static int
tmp_full_child (Fixture *f,
                int      skip_fd)
{
  g_autofree char *small = g_build_filename (f->dir, "tmp", NULL);
  g_autofree char *target = g_build_filename (f->dir, "目录.xlsx", NULL);
  g_autofree char *why = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  GkExportOptions options;

  if (!mount_small_tmpfs (small, 16 * 1024, &why))
    return skip_child (skip_fd, why);

  gk_export_options_init (&options);
  options.now = now;
  options.tmpdir = small;
  g_assert_false (gk_export_xlsx (f->catalogue, &options, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "no space left for temporary files"));
  g_printerr ("# %s\n", error->message);
  return 0;
}

/* libxlsxwriter builds each part in a temporary file without checking its writes: with the
 * temporary folder full it would produce a well-formed zip of cut-off sheets. The export reads
 * its file back and refuses it. */
static void
test_fail_tmp_full (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *small = make_folder (f, "tmp");
  g_autofree char *target = g_build_filename (f->dir, "目录.xlsx", NULL);

  write_old_target (target);
  run_child (f, tmp_full_child);
  assert_untouched (f->dir, target, "tmp|workspace.gongkai|workspace.gongkai-shm|"
                                    "workspace.gongkai-wal|目录.xlsx");
}

/* Open in LibreOffice, WPS or Excel, the file has a lock file beside it: replacing it under
 * the other program would lose what the user does there. */
static void
test_fail_locked (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const locks[] = {
    ".~lock.目录.xlsx#", ".~目录.xlsx", "~$目录.xlsx",
  };
  g_autofree char *target = g_build_filename (f->dir, "目录.xlsx", NULL);

  write_old_target (target);
  for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *lock = g_build_filename (f->dir, locks[i], NULL);

      g_file_set_contents (lock, ",someone,host,01.01.2024 08:00,file:///home/someone;", -1, NULL);
      g_assert_false (export_to (f->catalogue, target, FALSE, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
      g_assert_nonnull (strstr (error->message, "open in another program"));
      assert_old_target (target);
      g_unlink (lock);
    }

  /* The user says go ahead. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *lock = g_build_filename (f->dir, locks[0], NULL);

    g_file_set_contents (lock, "", -1, NULL);
    g_assert_true (export_to (f->catalogue, target, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (is_xlsx (target));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/export/cell-text", test_cell_text);
  g_test_add_func ("/export/sheet-names", test_sheet_names);
  ADD ("/export/default-filename", test_default_filename);
  ADD ("/export/write/new", test_write_new);
  ADD ("/export/write/replace", test_write_replace);
  ADD ("/export/write/reproducible", test_reproducible);
  ADD ("/export/write/snapshot", test_snapshot);
  ADD ("/export/write/snapshot-thread", test_snapshot_thread);
  ADD ("/export/fail/no-folder", test_fail_no_folder);
  ADD ("/export/fail/is-folder", test_fail_is_folder);
  ADD ("/export/fail/unwritable", test_fail_unwritable);
  ADD ("/export/fail/read-only", test_fail_read_only);
  ADD ("/export/fail/disk-full", test_fail_disk_full);
  ADD ("/export/fail/write-cut", test_fail_write_cut);
  ADD ("/export/fail/tmp-full", test_fail_tmp_full);
  ADD ("/export/fail/locked", test_fail_locked);
#undef ADD

  return g_test_run ();
}
