/* SPDX-License-Identifier: MIT */
#include "supervisor/python.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PS_PYHOOK_DIR
#define PS_PYHOOK_DIR ""
#endif
#ifndef PS_PYHOOK_BIN_DIR
#define PS_PYHOOK_BIN_DIR ""
#endif
#ifndef PS_PYDEMO_DIR
#define PS_PYDEMO_DIR ""
#endif

static bool ps_python_hook = true;

void ps_python_set_hook(bool on)
{
    ps_python_hook = on;
}

bool ps_python_hook_on(void)
{
    return ps_python_hook;
}

/* Whether the file's first line is a #! line naming python. */
static bool ps_python_shebang(const char *path)
{
    char line[256];
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return false;
    }
    bool yes = fgets(line, sizeof line, f) != NULL && strncmp(line, "#!", 2) == 0 &&
               strstr(line, "python") != NULL;
    fclose(f);
    return yes;
}

bool ps_python_is_script(const char *path)
{
    size_t n = strlen(path);
    return (n > 3 && strcmp(path + n - 3, ".py") == 0) || ps_python_shebang(path);
}

bool ps_python_is_python(const char *path, char *const *argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    return strncmp(base, "python", 6) == 0 || ps_python_shebang(path);
}

const char *ps_python_bad_flag(char *const *argv)
{
    const char *base = strrchr(argv[0], '/');
    if (strncmp(base ? base + 1 : argv[0], "python", 6) != 0) {
        return NULL; /* a script run by its #! line: its arguments are its own */
    }
    for (size_t i = 1; argv[i] != NULL && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *arg = argv[i];
        if (arg[1] == '-' || strchr(arg, 'c') || strchr(arg, 'm')) {
            break; /* --long options, or -c/-m: what follows is the program's */
        }
        if (strpbrk(arg + 1, "IES") != NULL) {
            return arg;
        }
    }
    return NULL;
}

/* Write "<dir>/<name>" into buf; 0 if it names an existing file. */
static int ps_python_try(const char *dir, const char *name, char *buf, size_t size, int mode)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size) {
        return -ENAMETOOLONG;
    }
    return access(buf, mode) == 0 ? 0 : -ENOENT;
}

int ps_python_find(char *buf, size_t size)
{
    const char *path = getenv("PATH");
    for (const char *dir = path ? path : "/usr/local/bin:/usr/bin:/bin"; *dir != '\0';) {
        char one[PATH_MAX];
        size_t n = strcspn(dir, ":");
        snprintf(one, sizeof one, "%.*s", (int)n, dir);
        if (ps_python_try(one, "python3", buf, size, X_OK) == 0) {
            return 0;
        }
        dir += n + (dir[n] == ':');
    }
    return -ENOENT;
}

/* The folder of the running executable into buf; 0 or -ENOENT. */
static int ps_python_exe_dir(char *buf, size_t size)
{
    ssize_t len = readlink("/proc/self/exe", buf, size - 1);
    if (len <= 0) {
        return -ENOENT;
    }
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL) {
        return -ENOENT;
    }
    *slash = '\0';
    return 0;
}

/*
 * Into buf: "<exe dir>/<rel>" (a build tree), "<exe dir>/../libexec/procscope/<rel>"
 * (an installed or moved tree), else `built` (the source folder of a build tree), so
 * an installed procscope never uses a build folder; 0 or -ENOENT.
 */
static int ps_python_locate(const char *built, const char *rel, char *buf, size_t size)
{
    char exe[PATH_MAX], dir[PATH_MAX + 32];
    if (ps_python_exe_dir(exe, sizeof exe) == 0) {
        snprintf(dir, sizeof dir, "%s/../libexec/procscope", exe);
        if (ps_python_try(exe, rel, buf, size, F_OK) == 0 ||
            ps_python_try(dir, rel, buf, size, F_OK) == 0) {
            return 0;
        }
    }
    if (built[0] != '\0' && access(built, F_OK) == 0 && strlen(built) < size) {
        strlcpy(buf, built, size);
        return 0;
    }
    return -ENOENT;
}

int ps_python_demo_path(const char *binary, char *buf, size_t size)
{
    char dir[PATH_MAX], name[128];
    if (ps_python_locate(PS_PYDEMO_DIR, "demos/python", dir, sizeof dir) < 0) {
        return -ENOENT;
    }
    snprintf(name, sizeof name, "%s.py", binary);
    return ps_python_try(dir, name, buf, size, R_OK);
}

int ps_python_env(char *pp, size_t pp_size, char *bin, size_t bin_size)
{
    char hook[PATH_MAX], native[PATH_MAX];
    if (ps_python_locate(PS_PYHOOK_DIR, "pyhook", hook, sizeof hook) < 0) {
        strlcpy(hook, PS_PYHOOK_DIR, sizeof hook);
    }
    if (ps_python_locate(PS_PYHOOK_BIN_DIR, "pyhook", native, sizeof native) < 0) {
        strlcpy(native, PS_PYHOOK_BIN_DIR, sizeof native);
    }
    const char *old = getenv("PYTHONPATH");
    int n = old && *old ? snprintf(pp, pp_size, "PYTHONPATH=%s:%s", hook, old)
                        : snprintf(pp, pp_size, "PYTHONPATH=%s", hook);
    int m = snprintf(bin, bin_size, "PROCSCOPE_PYHOOK_BIN=%s", native);
    return n < 0 || (size_t)n >= pp_size || m < 0 || (size_t)m >= bin_size ? -ENAMETOOLONG : 0;
}

int ps_python_hook_file(const char *name, char *buf, size_t size)
{
    char hook[PATH_MAX];
    if (ps_python_locate(PS_PYHOOK_DIR, "pyhook", hook, sizeof hook) < 0) {
        return -ENOENT;
    }
    return ps_python_try(hook, name, buf, size, R_OK);
}
