/* SPDX-License-Identifier: MIT */
/* procscope: see multiprocessing happen. */
#include "cli/cli.h"

#include "core/siglatch.h"
#include "supervisor/catalog.h"

int main(int argc, char **argv)
{
    /* First: from here on no termination signal kills procscope before it can clean up. */
    ps_siglatch_install();
#ifdef PS_DEMO_DIR
    ps_demo_set_dir(PS_DEMO_DIR);
#endif
    return ps_siglatch_exit_code(ps_cli_main(argc, argv));
}
