#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 公开渠道和载体, in the order of the national standard table. */
typedef enum
{
  GK_CHANNEL_WEBSITE,        /* 政府网站 */
  GK_CHANNEL_GAZETTE,        /* 政府公报 */
  GK_CHANNEL_NEW_MEDIA,      /* 两微一端 */
  GK_CHANNEL_PRESS,          /* 发布会/听证会 */
  GK_CHANNEL_BROADCAST,      /* 广播电视 */
  GK_CHANNEL_PRINT,          /* 纸质媒体 */
  GK_CHANNEL_READING_POINT,  /* 公开查阅点 */
  GK_CHANNEL_SERVICE_CENTRE, /* 政务服务中心 */
  GK_CHANNEL_SERVICE_POINT,  /* 便民服务站 */
  GK_CHANNEL_DOOR_TO_DOOR,   /* 入户/现场 */
  GK_CHANNEL_NOTICE_BOARD,   /* 社区/企事业单位/村公示栏(电子屏) */
  GK_CHANNEL_PUSH,           /* 精准推送 */
  GK_CHANNEL_OTHER,          /* 其他 (with a text) */
  GK_N_CHANNELS
} GkChannel;

#define GK_CHANNELS_ALL ((1u << GK_N_CHANNELS) - 1)

/* The official name, as printed in the county workbook; never translated. */
const char *gk_channel_official_name (GkChannel    channel);
int         gk_channel_from_name     (const char  *name);
gboolean    gk_channels_parse        (const char  *text,
                                      guint       *bits,
                                      char       **other,
                                      GError     **error);
char       *gk_channels_to_string    (guint        bits,
                                      const char  *other);

G_END_DECLS
