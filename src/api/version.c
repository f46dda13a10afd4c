/* SPDX-License-Identifier: MIT */
#include "api/procscope.h"

const char *ps_version(void)
{
    return PS_VERSION;
}
