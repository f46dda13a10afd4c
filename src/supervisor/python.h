/* SPDX-License-Identifier: MIT */
/*
 * Python programs under the supervisor (DESIGN.md §3b): recognising one,
 * finding the interpreter and the Python demos, and the environment that
 * loads the hook (src/pyhook) into it: PYTHONPATH with the hook's folder
 * first (its sitecustomize chains to any it shadows) and where the hook's
 * native parts are.
 */
#ifndef PS_SUPERVISOR_PYTHON_H
#define PS_SUPERVISOR_PYTHON_H

#include <stdbool.h>
#include <stddef.h>

/* --python=auto|off: whether Python programs get the hook (auto by default). */
void ps_python_set_hook(bool on);
bool ps_python_hook_on(void);

/* Whether argv runs Python: argv[0] named python*, or a script whose first line names python. */
bool ps_python_is_python(const char *path, char *const *argv);

/* Whether `path` is a Python script (a .py name, or a python #! line). */
bool ps_python_is_script(const char *path);

/*
 * The interpreter's flag that defeats the hook (-I, -E or -S, alone or
 * combined like -IS), or NULL. Scanned up to the script or -c/-m.
 */
const char *ps_python_bad_flag(char *const *argv);

/* Find python3 in PATH into buf. Returns 0 or -ENOENT. */
int ps_python_find(char *buf, size_t size);

/* The Python demo file for demo `binary` (demos/python/<binary>.py). Returns 0 or -ENOENT. */
int ps_python_demo_path(const char *binary, char *buf, size_t size);

/* A file of the hook's folder (e.g. "bench_hook.py") into buf. Returns 0 or -ENOENT. */
int ps_python_hook_file(const char *name, char *buf, size_t size);

/*
 * The two environment entries that load the hook, written into pp
 * ("PYTHONPATH=<hook>[:<old>]") and bin ("PROCSCOPE_PYHOOK_BIN=<dir>").
 * Returns 0, or -ENAMETOOLONG.
 */
int ps_python_env(char *pp, size_t pp_size, char *bin, size_t bin_size);

#endif /* PS_SUPERVISOR_PYTHON_H */
