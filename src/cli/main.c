/* SPDX-License-Identifier: MIT */
/* procscope: see multiprocessing happen. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return ps_cli_main(argc, argv);
}
