#pragma once

#include "gk-calendar.h"
#include "gk-catalogue.h"
#include "gk-channels.h"
#include "gk-db.h"
#include "gk-department.h"
#include "gk-domain.h"
#include "gk-error.h"
#include "gk-export-xlsx.h"
#include "gk-item.h"
#include "gk-problem.h"
#include "gk-rule.h"
#include "gk-standards.h"
#include "gk-task.h"
#include "gk-tasks.h"
#include "gk-validate.h"

G_BEGIN_DECLS

void gk_core_init_i18n (void);

G_END_DECLS
