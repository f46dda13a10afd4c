/* SPDX-License-Identifier: MIT */
/*
 * Writing an output file the user named without ever destroying what is
 * there (DESIGN.md §6, "Output files"):
 *
 *   - a regular file or a new path is written to `<path>.tmp.<pid>` (O_EXCL)
 *     and renamed over `<path>` only when complete; a failure or an abort
 *     removes the temporary and leaves `<path>` as it was;
 *   - a symlink is followed: the temporary goes next to its target, and the
 *     target is what gets replaced (a dangling link is written through);
 *   - a device, a FIFO, a socket, "-" (stdout) and anything under /dev or
 *     /proc (/dev/stdout, /dev/fd/N, /proc/self/fd/N) is written in place:
 *     nothing is created, renamed or unlinked;
 *   - an output that is the input (same device and inode) is refused.
 *
 *   struct ps_atomic_file out;
 *   int rc = ps_atomic_open(&out, "trace.json", &input_stat);  // 0 or -errno
 *   … write(out.fd, …) …
 *   rc = ok ? ps_atomic_commit(&out) : (ps_atomic_abort(&out), -EIO);
 *
 * The temporaries in flight are known to ps_atomic_guard_signals' handler,
 * which removes them when SIGINT, SIGTERM or SIGHUP ends the process.
 * Used by the CLI process (the supervisor side); not thread-safe.
 */
#ifndef PS_CORE_ATOMIC_FILE_H
#define PS_CORE_ATOMIC_FILE_H

#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>

/* -errno of ps_atomic_open when the output would overwrite the input. */
#define PS_ATOMIC_IS_INPUT (-EINVAL)

/* One output being written. */
struct ps_atomic_file {
    int fd;        /* write here; -1 once committed or aborted */
    bool in_place; /* written directly (device, FIFO, stdout …): nothing to rename */
    bool own_fd;   /* fd is ours to close (false for "-") */
    int slot;      /* the signal handler's slot of tmp, -1 when none */
    char *path;    /* the final name (a symlink's target), malloc'd; NULL in place */
    char *tmp;     /* the temporary name, malloc'd; NULL in place */
};

/*
 * Open the output `path` by the rules above. `input` (may be NULL) is the
 * fstat of the input file: an output with the same st_dev/st_ino is refused
 * with PS_ATOMIC_IS_INPUT. Returns 0 (*f is then open; end it with commit or
 * abort) or -errno: -EISDIR, -ENAMETOOLONG, -ENOMEM, what open(2) says.
 */
int ps_atomic_open(struct ps_atomic_file *f, const char *path, const struct stat *input);

/*
 * Finish: for a temporary, fsync, close and rename it over the final name;
 * in place, close (stdout is only left as it is). Returns 0 or -errno; on a
 * failure the temporary is removed and the final name is untouched.
 */
int ps_atomic_commit(struct ps_atomic_file *f);

/* Close and remove the temporary (nothing is left). Safe to call twice. */
void ps_atomic_abort(struct ps_atomic_file *f);

/*
 * Install handlers for SIGINT, SIGTERM and SIGHUP that remove every temporary
 * still open, then end the process by the same signal (its default action).
 * For commands without a signal latch of their own (export); returns 0 or
 * -errno.
 */
int ps_atomic_guard_signals(void);

#endif /* PS_CORE_ATOMIC_FILE_H */
