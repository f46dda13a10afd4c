/* SPDX-License-Identifier: MIT */
/* procscope: see multiprocessing happen. */
#include "cli/cli.h"

#include "supervisor/catalog.h"

int main(int argc, char **argv)
{
#ifdef PS_DEMO_DIR
    ps_demo_set_dir(PS_DEMO_DIR);
#endif
    return ps_cli_main(argc, argv);
}
