/* SPDX-License-Identifier: MIT */
/*
 * The environment protocol between the supervisor and the programs it runs:
 * the variables the supervisor sets for a demo, read by the probe and the mp
 * runtime. Part of the contract between procscope and instrumented programs
 * (a Python hook reads the same names).
 */
#ifndef PS_CORE_ENV_H
#define PS_CORE_ENV_H

#define PS_ENV_RING_FD "PROCSCOPE_RING_FD"       /* decimal fd of the ring memfd */
#define PS_ENV_TIME_SCALE "PROCSCOPE_TIME_SCALE" /* factor for every demo sleep */
#define PS_ENV_ECHO "PROCSCOPE_ECHO" /* "1": printed lines also go to stdout (headless) */

#endif /* PS_CORE_ENV_H */
