#include "gk-schema.h"

/* Never edit a migration that has shipped: add the next one. Text limits keep an absurd paste
 * (a whole document in a cell) from making the workspace and the workbook unusable. */
static const char migration_1[] =
  "CREATE TABLE profile ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  township TEXT NOT NULL DEFAULT '' CHECK (length(township) <= 100),"
  "  county TEXT NOT NULL DEFAULT '' CHECK (length(county) <= 100),"
  "  prefecture TEXT NOT NULL DEFAULT '' CHECK (length(prefecture) <= 100),"
  "  province TEXT NOT NULL DEFAULT '' CHECK (length(province) <= 100),"
  "  compiled_by TEXT NOT NULL DEFAULT '' CHECK (length(compiled_by) <= 100),"
  "  phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 50),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2019 AND 2100),"
  "  version TEXT NOT NULL DEFAULT '' CHECK (length(version) <= 50),"
  "  standard_set TEXT NOT NULL DEFAULT 'builtin'"
  ");"
  "CREATE TABLE domain ("
  "  id INTEGER PRIMARY KEY,"
  "  number INTEGER NOT NULL UNIQUE CHECK (number > 0),"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 100),"
  "  national_lead TEXT NOT NULL DEFAULT '',"
  "  local_lead TEXT NOT NULL DEFAULT '' CHECK (length(local_lead) <= 200),"
  "  applicable INTEGER NOT NULL DEFAULT 1 CHECK (applicable IN (0, 1)),"
  "  not_applicable_reason TEXT NOT NULL DEFAULT '' CHECK (length(not_applicable_reason) <= 2000),"
  "  custom INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1))"
  ");"
  "CREATE TABLE department ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0 AND length(name) <= 100),"
  "  kind TEXT NOT NULL DEFAULT 'township' CHECK (kind IN ('township', 'county', 'other')),"
  "  contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200)"
  ");"
  "CREATE TABLE item ("
  "  id INTEGER PRIMARY KEY,"
  "  domain_id INTEGER NOT NULL REFERENCES domain (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  level1 TEXT NOT NULL DEFAULT '' CHECK (length(level1) <= 200),"
  "  level2 TEXT NOT NULL DEFAULT '' CHECK (length(level2) <= 200),"
  "  content TEXT NOT NULL DEFAULT '' CHECK (length(content) <= 10000),"
  "  basis TEXT NOT NULL DEFAULT '' CHECK (length(basis) <= 10000),"
  "  time_limit TEXT NOT NULL DEFAULT '' CHECK (length(time_limit) <= 500),"
  "  subject TEXT NOT NULL DEFAULT '' CHECK (length(subject) <= 500),"
  "  channels INTEGER NOT NULL DEFAULT 0 CHECK (channels BETWEEN 0 AND 8191),"
  "  channels_other TEXT NOT NULL DEFAULT '' CHECK (length(channels_other) <= 500),"
  "  audience_all INTEGER NOT NULL DEFAULT 0 CHECK (audience_all IN (0, 1)),"
  "  audience_specific INTEGER NOT NULL DEFAULT 0 CHECK (audience_specific IN (0, 1)),"
  "  mode_active INTEGER NOT NULL DEFAULT 0 CHECK (mode_active IN (0, 1)),"
  "  mode_request INTEGER NOT NULL DEFAULT 0 CHECK (mode_request IN (0, 1)),"
  "  level_county INTEGER NOT NULL DEFAULT 0 CHECK (level_county IN (0, 1)),"
  "  level_township INTEGER NOT NULL DEFAULT 0 CHECK (level_township IN (0, 1)),"
  "  origin TEXT NOT NULL DEFAULT 'local' CHECK (origin = 'local' OR origin GLOB 'standard:*'),"
  "  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'confirmed')),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX item_domain ON item (domain_id, position);"
  "CREATE TABLE standard_deviation ("
  "  id INTEGER PRIMARY KEY,"
  "  standard_id TEXT NOT NULL UNIQUE,"
  "  domain_id INTEGER NOT NULL REFERENCES domain (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL CHECK (length(reason) <= 2000),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE task ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  category TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 500),"
  "  grp TEXT NOT NULL DEFAULT '' CHECK (length(grp) <= 500),"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 2000),"
  "  deadline TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  rule TEXT NOT NULL DEFAULT '' CHECK (length(rule) <= 100),"
  "  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),"
  "  done_on TEXT CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),"
  "  origin TEXT NOT NULL DEFAULT 'local',"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE task_department ("
  "  task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,"
  "  department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (task_id, department_id)"
  ");"
  "CREATE TABLE holiday ("
  "  date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),"
  "  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),"
  "  name TEXT NOT NULL DEFAULT ''"
  ");";

/* A task's departments keep the order they were given in: the first named is the one that leads
 * (牵头), as in the county's lists. Links made before are numbered in the order they were shown
 * until now (the departments' own order), so nothing moves on screen or in the workbook. */
static const char migration_2[] =
  "ALTER TABLE task_department ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
  "UPDATE task_department SET position = ("
  "  SELECT count(*) FROM task_department AS other"
  "  JOIN department AS od ON od.id = other.department_id"
  "  JOIN department AS d ON d.id = task_department.department_id"
  "  WHERE other.task_id = task_department.task_id"
  "    AND (od.position < d.position OR (od.position = d.position AND od.id < d.id)));";

const char *
gk_schema_migration (int version)
{
  switch (version)
    {
    case 1:
      return migration_1;
    case 2:
      return migration_2;
    default:
      g_assert_not_reached ();
    }
}
