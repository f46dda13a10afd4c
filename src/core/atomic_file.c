/* SPDX-License-Identifier: MIT */
/* Output files written whole or not at all, and never over what they must not replace. */
#include "core/atomic_file.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How many temporaries can be in flight at once (export writes one). */
#define PS_ATOMIC_SLOTS 4

/* The temporaries the signal handler removes: a name is set before its file exists. */
static char ps_atomic_tmps[PS_ATOMIC_SLOTS][PATH_MAX];
static volatile sig_atomic_t ps_atomic_used[PS_ATOMIC_SLOTS];

/* Claim a handler slot for `tmp`; the slot number, or -ENAMETOOLONG / -EMFILE. */
static int ps_atomic_slot_take(const char *tmp)
{
    if (strlen(tmp) >= PATH_MAX) {
        return -ENAMETOOLONG;
    }
    for (int i = 0; i < PS_ATOMIC_SLOTS; i++) {
        if (!ps_atomic_used[i]) {
            strcpy(ps_atomic_tmps[i], tmp);
            ps_atomic_used[i] = 1;
            return i;
        }
    }
    return -EMFILE;
}

/* Give a slot back (the file is renamed or removed). */
static void ps_atomic_slot_drop(struct ps_atomic_file *f)
{
    if (f->slot >= 0) {
        ps_atomic_used[f->slot] = 0;
        f->slot = -1;
    }
}

/* Signal handler: remove the temporaries, then die of the same signal. */
static void ps_atomic_on_signal(int sig)
{
    for (int i = 0; i < PS_ATOMIC_SLOTS; i++) {
        if (ps_atomic_used[i]) {
            unlink(ps_atomic_tmps[i]);
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

int ps_atomic_guard_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ps_atomic_on_signal;
    sigfillset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], &sa, NULL) < 0) {
            return -errno;
        }
    }
    return 0;
}

/* The fd number a /dev/std*, /dev/fd/N or /proc/self/fd/N path names, or -1. */
static int ps_atomic_fd_path(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0) {
        return STDOUT_FILENO;
    }
    if (strcmp(path, "/dev/stderr") == 0) {
        return STDERR_FILENO;
    }
    const char *n = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0) {
        n = path + 8;
    } else if (strncmp(path, "/proc/self/fd/", 14) == 0) {
        n = path + 14;
    }
    char *end = NULL;
    long fd = n ? strtol(n, &end, 10) : -1;
    return n && end != n && *end == '\0' && fd >= 0 && fd < INT_MAX ? (int)fd : -1;
}

/* True when `path` (as given or resolved) lies under /dev or /proc: never replaced. */
static bool ps_atomic_system_path(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

/* True when st is the input's file. */
static bool ps_atomic_same(const struct stat *st, const struct stat *input)
{
    return input && st->st_dev == input->st_dev && st->st_ino == input->st_ino;
}

/* Open `path` (or dup the fd it names) for writing in place; 0 or -errno. */
static int ps_atomic_open_in_place(struct ps_atomic_file *f, const char *path, bool regular)
{
    int named = ps_atomic_fd_path(path);
    f->in_place = true;
    f->own_fd = true;
    f->fd = named >= 0 ? fcntl(named, F_DUPFD_CLOEXEC, 0)
                       : open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | (regular ? O_TRUNC : 0));
    return f->fd < 0 ? -errno : 0;
}

/*
 * Name the temporary `final`.tmp.PID, or DIR/.procscope.tmp.PID when that suffix
 * would make a name the kernel refuses (a valid 250-byte name must still be writable).
 */
static int ps_atomic_tmp_name(char **tmp, const char *final)
{
    const char *slash = strrchr(final, '/');
    const char *base = slash ? slash + 1 : final;
    char suffix[32];
    int n = snprintf(suffix, sizeof suffix, ".tmp.%ld", (long)getpid());
    if (strlen(base) + (size_t)n <= NAME_MAX && strlen(final) + (size_t)n < PATH_MAX) {
        return asprintf(tmp, "%s%s", final, suffix);
    }
    int dir = slash ? (int)(slash - final) + 1 : 0;
    return asprintf(tmp, "%.*s.procscope%s", dir, final, suffix);
}

/*
 * Create the temporary next to `final` (a resolved path): with the mode of the
 * file it replaces (`keep`), else 0666 less the umask; 0 or -errno.
 */
static int ps_atomic_open_tmp(struct ps_atomic_file *f, const char *final, mode_t mode, bool keep)
{
    f->path = strdup(final);
    if (!f->path || ps_atomic_tmp_name(&f->tmp, final) < 0) {
        f->tmp = NULL;
        return -ENOMEM;
    }
    int slot = ps_atomic_slot_take(f->tmp);
    if (slot < 0) {
        return slot;
    }
    f->slot = slot;
    f->own_fd = true;
    f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
    if (f->fd < 0) {
        int rc = -errno;
        ps_atomic_slot_drop(f);
        return rc;
    }
    if (keep) {
        (void)fchmod(f->fd, mode); /* best effort: else the umask's mode */
    }
    return 0;
}

/* Free the names and forget the slot (the fd is already closed). */
static void ps_atomic_release(struct ps_atomic_file *f)
{
    ps_atomic_slot_drop(f);
    free(f->path);
    free(f->tmp);
    f->path = NULL;
    f->tmp = NULL;
    f->fd = -1;
}

/* An existing path: refuse the input, follow a link, pick in place or temporary. */
static int ps_atomic_open_existing(struct ps_atomic_file *f, const char *path,
                                   const struct stat *st)
{
    if (S_ISDIR(st->st_mode)) {
        return -EISDIR;
    }
    char *real = realpath(path, NULL);
    if (!real) {
        return -errno;
    }
    int rc;
    if (!S_ISREG(st->st_mode) || ps_atomic_system_path(path) || ps_atomic_system_path(real)) {
        rc = ps_atomic_open_in_place(f, path, S_ISREG(st->st_mode));
    } else {
        rc = ps_atomic_open_tmp(f, real, st->st_mode & 07777, true);
    }
    free(real);
    return rc;
}

int ps_atomic_open(struct ps_atomic_file *f, const char *path, const struct stat *input)
{
    *f = (struct ps_atomic_file){.fd = -1, .slot = -1};
    struct stat st;
    int rc;
    if (strcmp(path, "-") == 0) {
        if (fstat(STDOUT_FILENO, &st) == 0 && ps_atomic_same(&st, input)) {
            return PS_ATOMIC_IS_INPUT;
        }
        *f = (struct ps_atomic_file){.fd = STDOUT_FILENO, .in_place = true, .slot = -1};
        return 0;
    }
    if (stat(path, &st) == 0) {
        rc = ps_atomic_same(&st, input) ? PS_ATOMIC_IS_INPUT
                                        : ps_atomic_open_existing(f, path, &st);
    } else if (errno != ENOENT) {
        rc = -errno;
    } else if (ps_atomic_system_path(path)) {
        rc = ps_atomic_open_in_place(f, path, true);
    } else if (lstat(path, &st) == 0) { /* a dangling link: create its target in place */
        *f = (struct ps_atomic_file){.in_place = true, .own_fd = true, .slot = -1};
        f->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
        rc = f->fd < 0 ? -errno : 0;
    } else {
        rc = ps_atomic_open_tmp(f, path, 0666, false);
    }
    if (rc < 0) {
        ps_atomic_abort(f);
    }
    return rc;
}

int ps_atomic_commit(struct ps_atomic_file *f)
{
    if (f->fd < 0) {
        return -EBADF;
    }
    int rc = 0;
    if (!f->in_place && fsync(f->fd) < 0) {
        rc = -errno;
    }
    if (f->own_fd && close(f->fd) < 0 && rc == 0) {
        rc = -errno;
    }
    f->fd = -1;
    if (!f->in_place && rc == 0 && rename(f->tmp, f->path) < 0) {
        rc = -errno;
    }
    if (!f->in_place && rc < 0) {
        unlink(f->tmp);
    }
    ps_atomic_release(f);
    return rc;
}

void ps_atomic_abort(struct ps_atomic_file *f)
{
    if (f->fd >= 0 && f->own_fd) {
        close(f->fd);
    }
    if (f->tmp && f->slot >= 0) {
        unlink(f->tmp);
    }
    ps_atomic_release(f);
}
