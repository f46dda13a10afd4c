/* SPDX-License-Identifier: MIT */
/*
 * An export's output as a stdio stream, by the rules of core/atomic_file.h:
 * a regular file or a new path goes to `<path>.tmp.<pid>` and is renamed only
 * once everything is written and synced (a failure removes the temporary); a
 * device, FIFO, "-" or /dev/stdout is written in place; a symlink is
 * followed; the input itself is refused.
 *
 *   struct ps_export_file out;
 *   FILE *f = ps_export_file_open(&out, "trace.json", &in_stat); // NULL + errno
 *   … write through f (e.g. ps_export_chrome_new(f)) …
 *   err = ok ? ps_export_file_commit(&out) : (ps_export_file_abort(&out), -EIO);
 *
 * Used by the CLI process; not thread-safe.
 */
#ifndef PS_EXPORT_EXPORT_FILE_H
#define PS_EXPORT_EXPORT_FILE_H

#include <stdio.h>
#include <sys/stat.h>

#include "core/atomic_file.h"

struct ps_export_file {
    FILE *f;                  /* open until commit or abort */
    struct ps_atomic_file out; /* out.tmp: the temporary name (NULL in place) */
};

/*
 * Open the output `path` ("-" is stdout) for writing; `input` (may be NULL)
 * is the input's fstat, which the output must not be. Returns the stream
 * (owned by `file`: do not fclose it), or NULL with errno set (EINVAL when
 * the output is the input, EISDIR, ENAMETOOLONG, EEXIST when a temporary of
 * this pid is left over, or what open(2) says).
 */
FILE *ps_export_file_open(struct ps_export_file *file, const char *path,
                          const struct stat *input);

/*
 * Flush the stream, then commit the output (ps_atomic_commit). Returns 0, or
 * -errno (a temporary is then removed and nothing is left under either name).
 */
int ps_export_file_commit(struct ps_export_file *file);

/* Close and remove the temporary (nothing is left). Safe to call twice. */
void ps_export_file_abort(struct ps_export_file *file);

#endif /* PS_EXPORT_EXPORT_FILE_H */
