/* SPDX-License-Identifier: MIT */
/*
 * Output files that never appear half-written: an export (or any output the
 * CLI writes under a user's name) goes to `<path>.tmp.<pid>`, created with
 * O_EXCL, and is renamed to `<path>` only once everything is written and
 * synced; on failure the temporary is removed. A crash leaves at most the
 * temporary, never a partial file under the final name.
 *
 *   struct ps_export_file out;
 *   FILE *f = ps_export_file_open(&out, "trace.json");   // NULL + errno
 *   … write through f (e.g. ps_export_chrome_new(f)) …
 *   err = ok ? ps_export_file_commit(&out) : (ps_export_file_abort(&out), -EIO);
 *
 * Used by the CLI process; not thread-safe.
 */
#ifndef PS_EXPORT_EXPORT_FILE_H
#define PS_EXPORT_EXPORT_FILE_H

#include <limits.h>
#include <stdio.h>

struct ps_export_file {
    FILE *f;             /* open on tmp until commit or abort */
    char path[PATH_MAX]; /* final name */
    char tmp[PATH_MAX];  /* temporary name */
};

/*
 * Create the temporary for `path` and open it for writing. Returns the
 * stream (owned by `file`: do not fclose it), or NULL with errno set
 * (ENAMETOOLONG, EEXIST when a temporary of this pid is left over, or what
 * open(2) says).
 */
FILE *ps_export_file_open(struct ps_export_file *file, const char *path);

/*
 * Flush, fsync and close the temporary, then rename it to the final name.
 * Returns 0, or -errno (the temporary is then removed and nothing is left
 * under either name).
 */
int ps_export_file_commit(struct ps_export_file *file);

/* Close and remove the temporary (nothing is left). Safe to call twice. */
void ps_export_file_abort(struct ps_export_file *file);

#endif /* PS_EXPORT_EXPORT_FILE_H */
