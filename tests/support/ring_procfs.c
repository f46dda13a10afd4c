/* SPDX-License-Identifier: MIT */
#include "ring_procfs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Read state, ppid and pgid from /proc/<pid>/stat; 0 on success. */
static int procfs_stat(pid_t pid, char *state, pid_t *ppid, pid_t *pgid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *close_paren = strrchr(buf, ')'); /* the command name may contain anything */
    int pp, pg;
    if (close_paren == NULL || sscanf(close_paren + 1, " %c %d %d", state, &pp, &pg) != 3) {
        return -1;
    }
    *ppid = pp;
    *pgid = pg;
    return 0;
}

/* Count processes for which match(ppid, pgid) holds. */
static int procfs_count(pid_t want, int field)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int count = 0;
    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char state;
        pid_t ppid, pgid;
        pid_t pid = (pid_t)atoi(e->d_name);
        if (pid > 0 && procfs_stat(pid, &state, &ppid, &pgid) == 0) {
            count += (field == 0 ? pgid : ppid) == want;
        }
    }
    closedir(d);
    return count;
}

int procfs_count_pgid(pid_t pgid)
{
    return procfs_count(pgid, 0);
}

int procfs_count_children(pid_t ppid)
{
    return procfs_count(ppid, 1);
}

char procfs_state(pid_t pid)
{
    char state;
    pid_t ppid, pgid;
    return procfs_stat(pid, &state, &ppid, &pgid) == 0 ? state : 0;
}

int procfs_count_memfds(const char *prefix)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int count = 0;
    char want[256];
    snprintf(want, sizeof want, "/memfd:%s", prefix);
    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char path[300], target[512];
        snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(path, target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            count += strncmp(target, want, strlen(want)) == 0;
        }
    }
    closedir(d);
    return count;
}
