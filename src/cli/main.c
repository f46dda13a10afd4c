/* SPDX-License-Identifier: MIT */
/* procscope: see multiprocessing happen. */
#include "cli/cli.h"

#include "core/siglatch.h"

int main(int argc, char **argv)
{
    /* First: from here on no termination signal kills procscope before it can clean up. */
    ps_siglatch_install();
    return ps_siglatch_exit_code(ps_cli_main(argc, argv));
}
