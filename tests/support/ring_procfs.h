/* SPDX-License-Identifier: MIT */
/* Test helpers that look at processes and descriptors through /proc. */
#ifndef PS_TESTS_SUPPORT_RING_PROCFS_H
#define PS_TESTS_SUPPORT_RING_PROCFS_H

#include <sys/types.h>

/* Processes (zombies included) whose process group is `pgid`. */
int procfs_count_pgid(pid_t pgid);

/* Processes whose parent is `ppid`. */
int procfs_count_children(pid_t ppid);

/* The state letter of /proc/<pid>/stat (R, S, T, Z …), or 0 when there is no such process. */
char procfs_state(pid_t pid);

/* Descriptors of this process that are memfds whose name starts with `prefix`. */
int procfs_count_memfds(const char *prefix);

#endif /* PS_TESTS_SUPPORT_RING_PROCFS_H */
