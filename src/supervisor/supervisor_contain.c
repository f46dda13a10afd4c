/* SPDX-License-Identifier: MIT */
#include "supervisor/supervisor_internal.h"

/*
 * Containment: nothing of a session outlives it.
 *
 * The supervisor is a child subreaper, so every orphan of the session (a
 * double fork, a setsid() daemon) comes back to it and is reaped; the main
 * process dies with procscope (PR_SET_PDEATHSIG). Where a cgroup v2 tree is
 * delegated to us, the session also gets a leaf cgroup of its own, and its
 * cgroup.kill ends every process in it at once, whatever group or session
 * they moved to. A small keeper process (its own session, not our child)
 * waits on a pipe only we hold: when procscope dies, even by SIGKILL, the
 * pipe reads end of file and the keeper kills the session: the main process
 * group, the whole cgroup, and (what a cgroup-less run needs: a setsid()
 * child is then in no group we know and is reparented away from us) every
 * process whose environment carries the session's marker PROCSCOPE_SESSION,
 * which each process of the session inherits unless it wipes its environment.
 *
 * Without a cgroup, clean-up while procscope lives finds the session's
 * processes as our descendants in /proc (parent links), so processes that
 * left the group are signalled too.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"

/* Find the cgroup v2 directory this process is in; 0 or -errno. */
static int ps_contain_own_cgroup(char *buf, size_t size)
{
    char line[4096], mnt[PATH_MAX] = "", path[PATH_MAX] = "";
    FILE *f = fopen("/proc/self/mountinfo", "re");
    if (!f) {
        return -errno;
    }
    while (fgets(line, sizeof line, f)) {
        char *dash = strstr(line, " - cgroup2 ");
        char point[PATH_MAX];
        if (dash && sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1) {
            strlcpy(mnt, point, sizeof mnt);
            break;
        }
    }
    fclose(f);
    f = fopen("/proc/self/cgroup", "re");
    if (!f) {
        return -errno;
    }
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "0::", 3) == 0) {
            line[strcspn(line, "\n")] = '\0';
            strlcpy(path, line + 3, sizeof path);
        }
    }
    fclose(f);
    if (mnt[0] == '\0' || path[0] == '\0') {
        return -ENOENT;
    }
    if ((size_t)snprintf(buf, size, "%s%s", mnt, strcmp(path, "/") == 0 ? "" : path) >= size) {
        return -ENAMETOOLONG;
    }
    return 0;
}

/* Write `text` to file `dir`/`name`; 0 or -errno. */
static int ps_contain_write(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        return -ENAMETOOLONG;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    ssize_t n = write(fd, text, strlen(text));
    int err = n < 0 ? -errno : 0;
    close(fd);
    return err;
}

/* Make a leaf cgroup for the session where we may (cgroup.kill must exist); 0 or -errno. */
static int ps_contain_make_leaf(struct ps_supervisor *sup)
{
    static unsigned serial;
    char own[PATH_MAX], probe[PATH_MAX + 16];
    int err = ps_contain_own_cgroup(own, sizeof own);
    if (err < 0) {
        return err;
    }
    char *leaf = sup->contain.cgroup;
    if ((size_t)snprintf(leaf, sizeof sup->contain.cgroup, "%s/procscope-%d-%u", own,
                         (int)sup->self, serial++) >= sizeof sup->contain.cgroup) {
        return -ENAMETOOLONG;
    }
    if (mkdir(leaf, 0755) < 0) {
        err = -errno;
        leaf[0] = '\0';
        return err;
    }
    snprintf(probe, sizeof probe, "%s/cgroup.kill", leaf);
    if (access(probe, W_OK) < 0) { /* a kernel before 5.14: no kill-all, no use */
        err = -errno;
        rmdir(leaf);
        leaf[0] = '\0';
        return err;
    }
    return 0;
}

/* Whether the environment of process `pid` holds the entry `marker`; async-signal-safe. */
static bool ps_contain_marked(const char *pid, const char *marker)
{
    char path[300], buf[4096]; /* d_name is at most 255 bytes */
    snprintf(path, sizeof path, "/proc/%s/environ", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    size_t len = strlen(marker), at = 0;
    bool same = true, found = false;
    ssize_t n;
    while (!found && (n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n && !found; i++) { /* entries end in NUL, may span reads */
            if (buf[i] == '\0') {
                found = same && at == len;
                same = true;
                at = 0;
            } else {
                same = same && at < len && marker[at] == buf[i];
                at++;
            }
        }
    }
    close(fd);
    return found;
}

/*
 * SIGKILL every process that carries `marker`, pass after pass until one
 * finds none (a process forking meanwhile has a marked child); no malloc: the
 * keeper is a fork. How many were killed.
 */
static int ps_contain_sweep_marked(const char *marker)
{
    int killed = 0;
    for (int pass = 0; pass < 50; pass++) {
        int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return killed;
        }
        char buf[8192];
        long n;
        int hit = 0;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
            for (long off = 0; off < n;) {
                const struct dirent *e = (const struct dirent *)(buf + off);
                off += e->d_reclen;
                pid_t pid = (pid_t)atoi(e->d_name);
                if (pid > 1 && pid != getpid() && ps_contain_marked(e->d_name, marker)) {
                    kill(pid, SIGKILL);
                    hit++;
                }
            }
        }
        close(fd);
        killed += hit;
        if (hit == 0) {
            break;
        }
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL); /* let the kills land */
    }
    return killed;
}

/* The keeper, in its own session: wait for our end, then end the session. Never returns. */
static _Noreturn void ps_contain_keeper(int life_r, const char *leaf, const char *marker,
                                        pid_t group)
{
    char c = 0;
    ssize_t n;
    setsid();
    prctl(PR_SET_NAME, "procscope-keep");
    for (int fd = 0; fd < 1024; fd++) {
        if (fd != life_r) {
            close(fd);
        }
    }
    while ((n = read(life_r, &c, 1)) < 0 && errno == EINTR) {
    }
    if (n == 1 && c == 'd') {
        _exit(0); /* the session ended normally */
    }
    kill(-group, SIGKILL);
    if (leaf[0] != '\0') {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof path, "%s/cgroup.kill", leaf);
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            while (write(fd, "1", 1) < 0 && errno == EINTR) {
            }
            close(fd);
        }
        for (int i = 0; i < 200 && rmdir(leaf) < 0 && errno == EBUSY; i++) {
            usleep(5000); /* the kill takes a moment to empty the cgroup */
        }
    }
    ps_contain_sweep_marked(marker);
    _exit(0);
}

/*
 * Start the keeper for `group` as a grandchild that is not ours (so it is
 * never reaped as part of the session); 0 or -errno.
 */
static int ps_contain_start_keeper(struct ps_supervisor *sup, pid_t group)
{
    int life[2];
    if (pipe2(life, O_CLOEXEC) < 0) {
        return -errno;
    }
    prctl(PR_SET_CHILD_SUBREAPER, 0); /* the keeper must not come back to us */
    pid_t mid = fork();
    if (mid == 0) {
        close(life[1]);
        if (fork() == 0) {
            ps_contain_keeper(life[0], sup->contain.cgroup, sup->contain.marker, group);
        }
        _exit(0);
    }
    int err = mid < 0 ? -errno : 0;
    while (mid > 0 && waitpid(mid, NULL, 0) < 0 && errno == EINTR) {
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    close(life[0]);
    if (err < 0) {
        close(life[1]);
        return err;
    }
    sup->contain.life_w = life[1];
    return 0;
}

int ps_contain_prepare(struct ps_supervisor *sup)
{
    sup->contain.life_w = -1;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(sup->contain.marker, sizeof sup->contain.marker, "%s=%d.%lld.%ld", PS_CONTAIN_ENV,
             (int)getpid(), (long long)now.tv_sec, (long)now.tv_nsec);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (getenv("PROCSCOPE_NO_CGROUP") == NULL) {
        ps_contain_make_leaf(sup); /* no leaf: the subreaper fallback */
    }
    return 0;
}

int ps_contain_adopt(struct ps_supervisor *sup, pid_t main_pid)
{
    if (sup->contain.cgroup[0] != '\0') {
        char pid[32];
        snprintf(pid, sizeof pid, "%d", (int)main_pid);
        if (ps_contain_write(sup->contain.cgroup, "cgroup.procs", pid) < 0) {
            rmdir(sup->contain.cgroup); /* not delegated far enough: fall back */
            sup->contain.cgroup[0] = '\0';
        }
    }
    sup->contain_kind = sup->contain.cgroup[0] ? PS_CONTAIN_CGROUP : PS_CONTAIN_SUBREAPER;
    return ps_contain_start_keeper(sup, main_pid);
}

/* The parent of `pid` from /proc/PID/stat, or -1. */
static pid_t ps_contain_parent_of(const char *pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return -1;
    }
    buf[n] = '\0';
    char *paren = strrchr(buf, ')'); /* the name may hold anything, even ") " */
    int ppid;
    if (!paren || sscanf(paren + 1, " %*c %d", &ppid) != 1) {
        return -1;
    }
    return ppid;
}

/* Every process of the system with its parent (pids[i] has parent ppids[i]); the count. */
static size_t ps_contain_table(pid_t **pids, pid_t **ppids)
{
    size_t n = 0, cap = 256;
    *pids = ps_xreallocarray(NULL, cap, sizeof **pids);
    *ppids = ps_xreallocarray(NULL, cap, sizeof **ppids);
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9') {
            continue;
        }
        pid_t pp = ps_contain_parent_of(e->d_name);
        if (pp < 0) {
            continue;
        }
        if (n == cap) {
            cap *= 2;
            *pids = ps_xreallocarray(*pids, cap, sizeof **pids);
            *ppids = ps_xreallocarray(*ppids, cap, sizeof **ppids);
        }
        (*pids)[n] = (pid_t)atoi(e->d_name);
        (*ppids)[n++] = pp;
    }
    if (d) {
        closedir(d);
    }
    return n;
}

/* Send `sig` to every descendant of this process; returns how many were found. */
static size_t ps_contain_signal_descendants(struct ps_supervisor *sup, int sig)
{
    pid_t *pids, *ppids;
    size_t n = ps_contain_table(&pids, &ppids);
    bool *mark = ps_xcalloc(n ? n : 1, sizeof *mark);
    size_t found = 0;
    for (bool grew = true; grew;) { /* mark children of marked processes until nothing changes */
        grew = false;
        for (size_t i = 0; i < n; i++) {
            if (mark[i]) {
                continue;
            }
            bool ours = ppids[i] == sup->self;
            for (size_t j = 0; !ours && j < n; j++) {
                ours = mark[j] && pids[j] == ppids[i];
            }
            if (ours) {
                mark[i] = grew = true;
                found++;
                kill(pids[i], sig);
                if (sig != SIGKILL) {
                    kill(pids[i], SIGCONT);
                }
            }
        }
    }
    free(mark);
    free(pids);
    free(ppids);
    return found;
}

/* Send `sig` to every process listed in the session's cgroup. */
static void ps_contain_signal_cgroup(struct ps_supervisor *sup, int sig)
{
    if (sig == SIGKILL && ps_contain_write(sup->contain.cgroup, "cgroup.kill", "1") == 0) {
        return;
    }
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/cgroup.procs", sup->contain.cgroup);
    FILE *f = fopen(path, "re");
    int pid;
    while (f && fscanf(f, "%d", &pid) == 1) {
        kill(pid, sig);
        if (sig != SIGKILL) {
            kill(pid, SIGCONT);
        }
    }
    if (f) {
        fclose(f);
    }
}

void ps_contain_signal_all(struct ps_supervisor *sup, int sig)
{
    if (sup->contain.cgroup[0] != '\0') {
        ps_contain_signal_cgroup(sup, sig);
    }
    ps_contain_signal_descendants(sup, sig);
}

bool ps_contain_member(const struct ps_supervisor *sup, pid_t pid)
{
    if (getpgid(pid) == sup->main_pid) {
        return true;
    }
    for (pid_t p = pid, i = 0; p > 1 && i < 64; i++) { /* walk up to us */
        char name[16];
        snprintf(name, sizeof name, "%d", (int)p);
        p = ps_contain_parent_of(name);
        if (p == sup->self) {
            return true;
        }
    }
    return false;
}

void ps_contain_release(struct ps_supervisor *sup, bool clean)
{
    if (sup->contain.life_w >= 0) {
        if (clean) {
            while (write(sup->contain.life_w, "d", 1) < 0 && errno == EINTR) {
            }
        }
        close(sup->contain.life_w);
        sup->contain.life_w = -1;
    }
    if (sup->contain.cgroup[0] != '\0') {
        if (rmdir(sup->contain.cgroup) < 0 && errno == EBUSY) {
            ps_contain_write(sup->contain.cgroup, "cgroup.kill", "1");
            for (int i = 0; i < 200 && rmdir(sup->contain.cgroup) < 0 && errno == EBUSY; i++) {
                usleep(2000);
            }
        }
        sup->contain.cgroup[0] = '\0';
    }
}
