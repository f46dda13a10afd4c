/* SPDX-License-Identifier: MIT */
#include "export/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

FILE *ps_export_file_open(struct ps_export_file *file, const char *path,
                          const struct stat *input)
{
    memset(file, 0, sizeof(*file));
    int rc = ps_atomic_open(&file->out, path, input);
    if (rc < 0) {
        errno = -rc;
        return NULL;
    }
    int fd = fcntl(file->out.fd, F_DUPFD_CLOEXEC, 0); /* the stream closes its copy, the atomic file its own */
    file->f = fd < 0 ? NULL : fdopen(fd, "w");
    if (file->f == NULL) {
        int err = errno;
        if (fd >= 0) {
            close(fd);
        }
        ps_atomic_abort(&file->out);
        errno = err;
        return NULL;
    }
    return file->f;
}

int ps_export_file_commit(struct ps_export_file *file)
{
    if (file->f == NULL) {
        return -EBADF;
    }
    int err = 0;
    errno = 0;
    if (fflush(file->f) != 0 || ferror(file->f)) {
        err = errno > 0 ? -errno : -EIO;
    }
    if (fclose(file->f) != 0 && err == 0) {
        err = errno > 0 ? -errno : -EIO;
    }
    file->f = NULL;
    if (err != 0) {
        ps_atomic_abort(&file->out);
        return err;
    }
    return ps_atomic_commit(&file->out);
}

void ps_export_file_abort(struct ps_export_file *file)
{
    if (file->f != NULL) {
        fclose(file->f);
        file->f = NULL;
    }
    ps_atomic_abort(&file->out);
}
