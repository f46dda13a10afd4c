/* SPDX-License-Identifier: MIT */
#include "export/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

FILE *ps_export_file_open(struct ps_export_file *file, const char *path)
{
    memset(file, 0, sizeof(*file));
    int n = snprintf(file->tmp, sizeof(file->tmp), "%s.tmp.%d", path, (int)getpid());
    if (n < 0 || (size_t)n >= sizeof(file->tmp) || strlen(path) >= sizeof(file->path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(file->path, path);
    int fd = open(file->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return NULL;
    }
    file->f = fdopen(fd, "w");
    if (file->f == NULL) {
        int err = errno;
        close(fd);
        unlink(file->tmp);
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
    if (fflush(file->f) != 0 || fsync(fileno(file->f)) != 0) {
        err = errno > 0 ? -errno : -EIO;
    }
    if (fclose(file->f) != 0 && err == 0) {
        err = errno > 0 ? -errno : -EIO;
    }
    file->f = NULL;
    if (err == 0 && rename(file->tmp, file->path) != 0) {
        err = -errno;
    }
    if (err != 0) {
        unlink(file->tmp);
    }
    return err;
}

void ps_export_file_abort(struct ps_export_file *file)
{
    if (file->f != NULL) {
        fclose(file->f);
        file->f = NULL;
        unlink(file->tmp);
    }
}
