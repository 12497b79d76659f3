#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gk-channels.h"
#include "gk-error.h"

static const char * const official_names[GK_N_CHANNELS] = {
  "政府网站",
  "政府公报",
  "两微一端",
  "发布会/听证会",
  "广播电视",
  "纸质媒体",
  "公开查阅点",
  "政务服务中心",
  "便民服务站",
  "入户/现场",
  "社区/企事业单位/村公示栏(电子屏)",
  "精准推送",
  "其他",
};

const char *
gk_channel_official_name (GkChannel channel)
{
  g_return_val_if_fail (channel < GK_N_CHANNELS, NULL);
  return official_names[channel];
}

int
gk_channel_from_name (const char *name)
{
  for (guint i = 0; i < GK_N_CHANNELS; i++)
    if (strcmp (name, official_names[i]) == 0)
      return (int) i;
  return -1;
}

/* "政府网站;公开查阅点;其他:村广播" → bits and the 其他 text. */
gboolean
gk_channels_parse (const char  *text,
                   guint       *bits,
                   char       **other,
                   GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autofree char *other_text = NULL;
  guint result = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      int channel;

      if (*part == '\0')
        continue;

      if (g_str_has_prefix (part, "其他:") || g_str_has_prefix (part, "其他："))
        {
          const char *rest = part + strlen ("其他");
          rest = g_utf8_next_char (rest);
          result |= 1u << GK_CHANNEL_OTHER;
          g_free (other_text);
          other_text = g_strdup (rest);
          continue;
        }

      channel = gk_channel_from_name (part);
      if (channel < 0)
        {
          g_set_error (error, GK_ERROR, GK_ERROR_PARSE, _("unknown channel “%s”"), part);
          return FALSE;
        }
      result |= 1u << channel;
    }

  *bits = result;
  if (other != NULL)
    *other = other_text != NULL ? g_steal_pointer (&other_text) : g_strdup ("");
  return TRUE;
}

char *
gk_channels_to_string (guint       bits,
                       const char *other)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < GK_N_CHANNELS; i++)
    {
      if (!(bits & (1u << i)))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ';');
      g_string_append (out, official_names[i]);
      if (i == GK_CHANNEL_OTHER && other != NULL && *other != '\0')
        g_string_append_printf (out, ":%s", other);
    }
  return g_string_free (out, FALSE);
}
