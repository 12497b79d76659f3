#pragma once

#include <json-glib/json-glib.h>

#include "gk-core.h"

G_BEGIN_DECLS

/* Exit status: 0 done, 1 refused or failed (message on stderr), 2 usage. */
#define EXIT_USAGE 2

typedef struct
{
  const char *workspace;
  int         argc;
  char      **argv;   /* the command and its arguments */
} GkCli;

/* Adds @object (an item of a list) to @builder as a JSON value. */
typedef void (*GkCliJsonFunc) (JsonBuilder *builder,
                               gpointer     object,
                               gpointer     user_data);

/* A command: its name, what runs it, and its lines of the usage text (translated). */
typedef struct
{
  const char   *name;
  int         (*run)  (GkCli *cli);
  const char *(*help) (void);
} GkCliCommand;

int          gk_cli_usage           (const char   *message);
int          gk_cli_fail            (GError       *error);
void         gk_cli_print_json      (JsonBuilder  *builder);
void         gk_cli_print_json_list (GListModel   *list,
                                     GkCliJsonFunc add_object,
                                     gpointer      user_data);
char        *gk_cli_workspace_path  (GkCli        *cli);
GkCatalogue *gk_cli_open_catalogue  (GkCli        *cli,
                                     GError      **error);
gboolean     gk_cli_take_flag       (int          *argc,
                                     char        **argv,
                                     const char   *flag);
GkDomain    *gk_cli_find_domain     (GkCatalogue  *catalogue,
                                     const char   *name,
                                     GError      **error);
gboolean     gk_cli_parse_id        (const char   *text,
                                     gint64       *id);
GListModel  *gk_cli_validate        (GkCli        *cli,
                                     GkCatalogue **catalogue,
                                     guint        *n_errors,
                                     guint        *n_warnings,
                                     GError      **error);

/* Commands defined in their own files (gk-cli-*.c), listed in gongkai-cli.c. */
extern const GkCliCommand gk_cli_commands[];

/* gk-cli-export.c */
int          gk_cli_export          (GkCli        *cli);
const char  *gk_cli_export_help     (void);

/* gk-cli-tasks.c */
int          gk_cli_workdays        (GkCli        *cli);
int          gk_cli_tasks           (GkCli        *cli);
const char  *gk_cli_tasks_help      (void);

G_END_DECLS
