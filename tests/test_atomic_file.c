/* SPDX-License-Identifier: MIT */
/*
 * Tests of core/atomic_file.c: a regular file or new path is replaced whole
 * through a temporary, a device or FIFO is written in place, a symlink is
 * followed, the input is refused, and a signal leaves no temporary behind.
 * Devices are mknod'ed copies of /dev/null in a temporary folder, never the
 * system's.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/atomic_file.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ps_atomic_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(atomic_file, .init = setup, .fini = teardown, .timeout = 30);

/* dir/name into buf. */
static const char *at(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
    return buf;
}

/* Write s to f's fd and commit; the commit's result. */
static int put_commit(struct ps_atomic_file *f, const char *s)
{
    cr_assert_eq(write(f->fd, s, strlen(s)), (ssize_t)strlen(s));
    return ps_atomic_commit(f);
}

/* The whole of a small file, NUL-terminated, in buf. */
static const char *slurp(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

/* How many entries dir holds (a leftover temporary shows here). */
static int entries(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
    FILE *p = popen(cmd, "r");
    int n = -1;
    cr_assert_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

Test(atomic_file, a_regular_file_is_replaced_whole_keeping_its_mode)
{
    char path[128], buf[64];
    at(path, sizeof path, "out.txt");
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    cr_assert_eq(chmod(path, 0640), 0);
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, path, NULL), 0);
    cr_assert_not(out.in_place);
    cr_assert_str_eq(slurp(path, buf, sizeof buf), "old", "replaced before the commit");
    cr_assert_eq(entries(), 2, "no temporary next to it");
    cr_assert_eq(put_commit(&out, "new"), 0);
    cr_assert_str_eq(slurp(path, buf, sizeof buf), "new");
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0640);
    cr_assert_eq(entries(), 1);
}

Test(atomic_file, abort_leaves_the_old_file_and_no_temporary)
{
    char path[128], buf[64];
    at(path, sizeof path, "keep.txt");
    FILE *f = fopen(path, "w");
    fputs("precious", f);
    fclose(f);
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, path, NULL), 0);
    cr_assert_eq(write(out.fd, "half", 4), 4);
    ps_atomic_abort(&out);
    ps_atomic_abort(&out);
    cr_assert_str_eq(slurp(path, buf, sizeof buf), "precious");
    cr_assert_eq(entries(), 1);
}

Test(atomic_file, a_device_stays_a_device)
{
    char path[128];
    at(path, sizeof path, "null");
    cr_assert_eq(mknod(path, S_IFCHR | 0666, makedev(1, 3)), 0, "%s", strerror(errno));
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, path, NULL), 0);
    cr_assert(out.in_place);
    cr_assert_null(out.tmp);
    cr_assert_eq(put_commit(&out, "into the void"), 0);
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISCHR(st.st_mode), "the device became mode %o", st.st_mode);
    cr_assert_eq(st.st_rdev, makedev(1, 3));
    cr_assert_eq(entries(), 1);
}

Test(atomic_file, a_fifo_is_written_in_place)
{
    char path[128], buf[64];
    at(path, sizeof path, "pipe");
    cr_assert_eq(mkfifo(path, 0600), 0);
    int rd = open(path, O_RDONLY | O_NONBLOCK);
    cr_assert_geq(rd, 0);
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, path, NULL), 0);
    cr_assert(out.in_place);
    cr_assert_eq(put_commit(&out, "through"), 0);
    ssize_t n = read(rd, buf, sizeof buf - 1);
    cr_assert_eq(n, 7);
    close(rd);
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISFIFO(st.st_mode));
}

Test(atomic_file, a_symlink_is_followed_not_replaced)
{
    char target[128], link[128], buf[64];
    at(target, sizeof target, "real.txt");
    at(link, sizeof link, "link.txt");
    FILE *f = fopen(target, "w");
    fputs("old", f);
    fclose(f);
    cr_assert_eq(symlink("real.txt", link), 0);
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, link, NULL), 0);
    cr_assert_eq(put_commit(&out, "new"), 0);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link was replaced by a file");
    cr_assert_str_eq(slurp(target, buf, sizeof buf), "new");
    cr_assert_eq(entries(), 2);

    char dangling[128], made[128];
    at(dangling, sizeof dangling, "dangling");
    at(made, sizeof made, "made.txt");
    cr_assert_eq(symlink("made.txt", dangling), 0);
    cr_assert_eq(ps_atomic_open(&out, dangling, NULL), 0);
    cr_assert_eq(put_commit(&out, "x"), 0);
    cr_assert_eq(lstat(dangling, &st), 0);
    cr_assert(S_ISLNK(st.st_mode));
    cr_assert_str_eq(slurp(made, buf, sizeof buf), "x");
}

Test(atomic_file, the_input_is_refused_through_any_name)
{
    char path[128], link[128], buf[64];
    at(path, sizeof path, "in.psrec");
    at(link, sizeof link, "alias");
    FILE *f = fopen(path, "w");
    fputs("recording", f);
    fclose(f);
    cr_assert_eq(symlink(path, link), 0);
    struct stat in;
    cr_assert_eq(stat(path, &in), 0);
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, path, &in), PS_ATOMIC_IS_INPUT);
    cr_assert_eq(ps_atomic_open(&out, link, &in), PS_ATOMIC_IS_INPUT);
    cr_assert_str_eq(slurp(path, buf, sizeof buf), "recording");
    cr_assert_eq(entries(), 2);
}

Test(atomic_file, dash_and_dev_stdout_write_to_stdout_in_place)
{
    char path[128], buf[64];
    at(path, sizeof path, "stdout.txt");
    int saved = dup(STDOUT_FILENO);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert_geq(fd, 0);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    struct ps_atomic_file out;
    int rc1 = ps_atomic_open(&out, "-", NULL);
    bool place1 = out.in_place;
    int rc2 = rc1 == 0 ? put_commit(&out, "one ") : rc1;
    int rc3 = ps_atomic_open(&out, "/dev/stdout", NULL);
    bool place2 = out.in_place;
    int rc4 = rc3 == 0 ? put_commit(&out, "two") : rc3;
    struct stat in;
    fstat(STDOUT_FILENO, &in);
    int rc5 = ps_atomic_open(&out, "-", &in);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    cr_assert_eq(rc1, 0);
    cr_assert(place1 && place2);
    cr_assert_eq(rc2, 0);
    cr_assert_eq(rc3, 0);
    cr_assert_eq(rc4, 0);
    cr_assert_eq(rc5, PS_ATOMIC_IS_INPUT);
    cr_assert_str_eq(slurp(path, buf, sizeof buf), "one two");
    cr_assert_eq(entries(), 1, "/dev/stdout was renamed over");
}

Test(atomic_file, a_directory_is_refused)
{
    struct ps_atomic_file out;
    cr_assert_eq(ps_atomic_open(&out, dir, NULL), -EISDIR);
    cr_assert_eq(ps_atomic_commit(&out), -EBADF);
}

/* In a child: open `path`, write, then die of `sig` before committing. */
static void die_mid_write(const char *path, int sig)
{
    if (ps_atomic_guard_signals() < 0) {
        _exit(2);
    }
    struct ps_atomic_file out;
    if (ps_atomic_open(&out, path, NULL) < 0 || write(out.fd, "half", 4) != 4) {
        _exit(3);
    }
    raise(sig);
    _exit(4);
}

Test(atomic_file, a_signal_leaves_no_temporary)
{
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        char path[128];
        at(path, sizeof path, "killed.json");
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            die_mid_write(path, sigs[i]);
        }
        int status = 0;
        cr_assert_eq(waitpid(pid, &status, 0), pid);
        cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i], "status %#x", status);
        cr_assert_eq(entries(), 0, "signal %d left a temporary", sigs[i]);
    }
}
