#include "gk-error.h"

G_DEFINE_QUARK (gk-error-quark, gk_error)
