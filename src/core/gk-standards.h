#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The six tick columns of the standard table. */
typedef enum
{
  GK_FLAG_AUDIENCE_ALL,      /* 公开对象 全社会 */
  GK_FLAG_AUDIENCE_SPECIFIC, /* 公开对象 特定群体 */
  GK_FLAG_MODE_ACTIVE,       /* 公开方式 主动 */
  GK_FLAG_MODE_REQUEST,      /* 公开方式 依申请 */
  GK_FLAG_LEVEL_COUNTY,      /* 公开层级 县级 */
  GK_FLAG_LEVEL_TOWNSHIP,    /* 公开层级 乡级 */
  GK_N_FLAGS
} GkFlag;

const char *gk_flag_key (GkFlag flag);  /* "audience_all" … as in the files and the CLI */
int         gk_flag_from_key (const char *key);

typedef struct
{
  int    number;
  char  *code;
  char  *name;
  char **aliases;
  char  *lead_department;
  char  *guideline;
} GkDomainInfo;

typedef enum
{
  GK_PROVENANCE_SEEN,      /* the source showed the ticks */
  GK_PROVENANCE_INFERRED,  /* some ticks were inferred (e.g. from a township's own catalogue) */
  GK_PROVENANCE_UNKNOWN,   /* the source did not show the ticks */
} GkProvenance;

typedef struct
{
  char         *id;            /* "20-03": domain number - item number */
  int           domain_number;
  int           item_number;
  char         *level1;
  char         *level2;
  char         *content;
  char         *basis;
  char         *time_limit;
  char         *subject;
  guint         channels;
  char         *channels_other;
  gint8         flags[GK_N_FLAGS];  /* 1, 0, or -1 when the source did not say */
  GkProvenance  provenance;
  char         *source_url;
  char         *note;
} GkStandardItem;

const char *gk_provenance_to_string (GkProvenance provenance);
gboolean    gk_standard_item_is_township (const GkStandardItem *item);

#define GK_TYPE_STANDARDS (gk_standards_get_type ())
G_DECLARE_FINAL_TYPE (GkStandards, gk_standards, GK, STANDARDS, GObject)

GkStandards          *gk_standards_get_builtin   (GError      **error);
GkStandards          *gk_standards_new_from_dir  (const char   *dir,
                                                  GError      **error);
guint                 gk_standards_get_n_domains (GkStandards  *self);
const GkDomainInfo   *gk_standards_get_domain    (GkStandards  *self,
                                                  guint         index);
const GkDomainInfo   *gk_standards_find_domain   (GkStandards  *self,
                                                  const char   *number_or_name);
GPtrArray            *gk_standards_get_items     (GkStandards  *self,
                                                  int           domain_number);
const GkStandardItem *gk_standards_lookup        (GkStandards  *self,
                                                  const char   *id);
guint                 gk_standards_get_n_items   (GkStandards  *self);

G_END_DECLS
