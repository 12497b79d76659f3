/* bare-xlsx: see bare-xlsx.h. Reads the catalogue the way gk-export-xlsx does (the core API) and
 * writes the same texts and numbers into the same cells (说明 approximately: its rows of
 * labels and values), so that the difference between the two is the formatting and the safe save. */

#include <xlsxwriter.h>

#include "bare-xlsx.h"

static lxw_error first_error;

static void
keep (lxw_error err)
{
  if (err != LXW_NO_ERROR && first_error == LXW_NO_ERROR)
    first_error = err;
}

static void
text (lxw_worksheet *ws,
      guint          row,
      guint          col,
      const char    *value)
{
  if (value != NULL && *value != '\0')
    keep (worksheet_write_string (ws, row, (lxw_col_t) col, value, NULL));
}

static char *
channels_text (guint       bits,
               const char *other)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < GK_N_CHANNELS; c++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, (bits & (1u << c)) ? "■" : "□");
      g_string_append (out, gk_channel_official_name (c));
      if (c == GK_CHANNEL_OTHER && (bits & (1u << c)) && *other != '\0')
        {
          g_string_append (out, "：");
          g_string_append (out, other);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
bare_xlsx_write (GkCatalogue  *catalogue,
                 const char   *path,
                 gboolean      constant_memory,
                 GError      **error)
{
  static const char * const header[] = {
    "序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
    "公开对象", "", "公开方式", "", "公开层级", "",
  };
  static const char * const subheader[] = {
    "", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定\n群体", "主动", "依申请", "县级",
    "乡级",
  };
  static const char * const summary_header[] = {
    "序号", "领域", "牵头单位", "事项数", "主动", "依申请", "状态", "说明",
  };
  static const char * const skipped_header[] = {
    "序号", "领域", "范围", "一级事项", "二级事项", "未涉及理由",
  };
  static const GkItemText texts[] = {
    GK_ITEM_LEVEL1, GK_ITEM_LEVEL2, GK_ITEM_CONTENT, GK_ITEM_BASIS, GK_ITEM_TIME_LIMIT,
    GK_ITEM_SUBJECT,
  };
  g_autofree char *township = gk_catalogue_get_profile (catalogue, GK_PROFILE_TOWNSHIP);
  GListModel *domains = gk_catalogue_get_domains (catalogue);
  lxw_workbook_options options = { .constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *readme, *summary, *skipped;
  guint total = 0, total_active = 0, total_request = 0, row;
  lxw_error err;

  first_error = LXW_NO_ERROR;
  readme = workbook_add_worksheet (workbook, "说明");
  for (guint r = 0; r < 20; r++)
    {
      text (readme, r, 0, "项目");
      text (readme, r, 1, township);
    }
  summary = workbook_add_worksheet (workbook, "汇总");
  /* The same cells as the export's 汇总: title, header, a row per domain, the totals. */
  text (summary, 0, 0, township);
  for (guint c = 0; c < G_N_ELEMENTS (summary_header); c++)
    text (summary, 1, c, summary_header[c]);

  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, d);
      g_autoptr(GListModel) items = NULL;
      g_autofree char *title = NULL;
      guint n_active = 0, n_request = 0;
      lxw_worksheet *ws;

      keep (worksheet_write_number (summary, d + 2, 0, d + 1, NULL));
      text (summary, d + 2, 1, gk_domain_get_name (domain));
      text (summary, d + 2, 2, gk_domain_get_local_lead (domain));
      if (!gk_domain_get_applicable (domain))
        {
          text (summary, d + 2, 6, "未涉及");
          text (summary, d + 2, 7, gk_domain_get_reason (domain));
          continue;
        }
      items = gk_catalogue_list_items (catalogue, gk_domain_get_number (domain), error);
      if (items == NULL)
        {
          workbook_close (workbook);
          return FALSE;
        }
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(GkItem) item = g_list_model_get_item (items, i);
          n_active += gk_item_get_flag (item, GK_FLAG_MODE_ACTIVE);
          n_request += gk_item_get_flag (item, GK_FLAG_MODE_REQUEST);
        }
      keep (worksheet_write_number (summary, d + 2, 3, g_list_model_get_n_items (items), NULL));
      keep (worksheet_write_number (summary, d + 2, 4, n_active, NULL));
      keep (worksheet_write_number (summary, d + 2, 5, n_request, NULL));
      text (summary, d + 2, 6, "已编制");
      total += g_list_model_get_n_items (items);
      total_active += n_active;
      total_request += n_request;

      ws = workbook_add_worksheet (workbook, gk_domain_get_name (domain));
      title = g_strdup_printf ("%s%s领域基层政务公开标准目录", township, gk_domain_get_name (domain));
      text (ws, 0, 0, title);
      /* Row by row: constant_memory mode writes a row out when the next one starts. */
      for (guint c = 0; c < G_N_ELEMENTS (header); c++)
        text (ws, 1, c, header[c]);
      for (guint c = 0; c < G_N_ELEMENTS (subheader); c++)
        text (ws, 2, c, subheader[c]);
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(GkItem) item = g_list_model_get_item (items, i);
          g_autofree char *channels = channels_text (gk_item_get_channels (item),
                                                     gk_item_get_text (item, GK_ITEM_CHANNELS_OTHER));

          keep (worksheet_write_number (ws, 3 + i, 0, i + 1, NULL));
          for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
            text (ws, 3 + i, 1 + t, gk_item_get_text (item, texts[t]));
          text (ws, 3 + i, 7, channels);
          for (guint f = 0; f < GK_N_FLAGS; f++)
            if (gk_item_get_flag (item, f))
              text (ws, 3 + i, 8 + f, "√");
        }
    }

  text (summary, g_list_model_get_n_items (domains) + 2, 1, "合计");
  keep (worksheet_write_number (summary, g_list_model_get_n_items (domains) + 2, 3, total, NULL));
  keep (worksheet_write_number (summary, g_list_model_get_n_items (domains) + 2, 4, total_active, NULL));
  keep (worksheet_write_number (summary, g_list_model_get_n_items (domains) + 2, 5, total_request, NULL));

  skipped = workbook_add_worksheet (workbook, "未涉及领域说明");
  text (skipped, 0, 0, township);
  for (guint c = 0; c < G_N_ELEMENTS (skipped_header); c++)
    text (skipped, 1, c, skipped_header[c]);
  row = 2;
  for (guint d = 0; d < g_list_model_get_n_items (domains); d++)
    {
      g_autoptr(GkDomain) domain = g_list_model_get_item (domains, d);
      if (gk_domain_get_applicable (domain))
        continue;
      keep (worksheet_write_number (skipped, row, 0, row - 1, NULL));
      text (skipped, row, 1, gk_domain_get_name (domain));
      text (skipped, row, 2, "整个领域");
      text (skipped, row++, 5, gk_domain_get_reason (domain));
    }
  if (row == 2)
    text (skipped, row, 1, "无");

  err = workbook_close (workbook);
  if (err == LXW_NO_ERROR)
    err = first_error;
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, GK_ERROR, GK_ERROR_IO, "libxlsxwriter: %s", lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}
