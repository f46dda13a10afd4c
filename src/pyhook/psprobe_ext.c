/* SPDX-License-Identifier: MIT */
/*
 * _psprobe: the CPython extension the Python hook emits through. A thin
 * binding of the probe (src/probe): one METH_FASTCALL function per call the
 * hook needs, built against the stable ABI (abi3, Python 3.10+) so one
 * binary serves every interpreter. The GIL is released only while the step
 * gate is on, because only then can an emit wait (for the user's keypress).
 * The typed emitters emit_<lower>() and the EV_* / WAIT_* numbers are made
 * from the one vocabulary, core/event_types.h.
 */
#define Py_LIMITED_API 0x030A0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "core/clock.h"
#include "core/event_types.h"
#include "probe/probe.h"

/* Integer argument i of args as a 64-bit value (Python's overflow error on failure). */
static int ps_py_i64(PyObject *const *args, Py_ssize_t i, int64_t *out)
{
    long long v = PyLong_AsLongLong(args[i]);
    if (v == -1 && PyErr_Occurred()) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Borrow the bytes of a str, bytes or None argument. */
static int ps_py_text(PyObject *obj, const char **text, Py_ssize_t *len)
{
    if (obj == Py_None) {
        *text = NULL;
        *len = 0;
        return 0;
    }
    if (PyUnicode_Check(obj)) {
        *text = PyUnicode_AsUTF8AndSize(obj, len);
        return *text ? 0 : -1;
    }
    char *buf;
    if (PyBytes_AsStringAndSize(obj, &buf, len) < 0) {
        return -1;
    }
    *text = buf;
    return 0;
}

/* Emit with the GIL released while the step gate may hold the caller. */
static int ps_py_emit_raw(int64_t v[5], const char *text, Py_ssize_t len)
{
    int rc;
    if (ps_probe_gated()) {
        Py_BEGIN_ALLOW_THREADS
        rc = ps_probe_emit((enum ps_event_type)v[0], (uint32_t)v[1], (int32_t)v[2], v[3], v[4],
                           text, (size_t)len);
        Py_END_ALLOW_THREADS
    } else {
        rc = ps_probe_emit((enum ps_event_type)v[0], (uint32_t)v[1], (int32_t)v[2], v[3], v[4],
                           text, (size_t)len);
    }
    return rc;
}

/* emit(type, obj, peer, a, b[, text]) -> 0 or -errno. */
static PyObject *ps_py_emit(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    int64_t v[5];
    const char *text = NULL;
    Py_ssize_t len = 0;
    if (nargs < 5 || nargs > 6) {
        PyErr_SetString(PyExc_TypeError, "emit(type, obj, peer, a, b[, text])");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < 5; i++) {
        if (ps_py_i64(args, i, &v[i]) < 0) {
            return NULL;
        }
    }
    if (nargs == 6 && ps_py_text(args[5], &text, &len) < 0) {
        return NULL;
    }
    return PyLong_FromLong(ps_py_emit_raw(v, text, len));
}

/* new_id() -> a session-unique object id. */
static PyObject *ps_py_new_id(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyLong_FromUnsignedLong(ps_probe_new_object_id());
}

/* active() -> whether events go to a ring. */
static PyObject *ps_py_active(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyBool_FromLong(ps_probe_active());
}

/* echo() -> whether printed lines also go to the real stdout. */
static PyObject *ps_py_echo(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyBool_FromLong(ps_probe_echo());
}

/* pid() -> the caller's pid as the probe stamps it. */
static PyObject *ps_py_pid(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyLong_FromLong((long)ps_probe_pid());
}

/*
 * Locks: when this process got each lock it holds (by object id), so that
 * lock.released carries the hold time. A small table; a lock it cannot
 * place reports a hold time of 0.
 */
#define PS_PY_HELD 64
static struct {
    uint32_t obj;
    uint64_t since;
} ps_py_held[PS_PY_HELD];

static PyObject *ps_py_str_acquire, *ps_py_str_release;

/* The table slot of lock `obj` (claiming a free one when `claim`), or NULL. */
static uint64_t *ps_py_held_slot(uint32_t obj, bool claim)
{
    for (unsigned i = 0, h = obj % PS_PY_HELD; i < PS_PY_HELD; i++, h = (h + 1) % PS_PY_HELD) {
        if (ps_py_held[h].obj == obj || (claim && ps_py_held[h].obj == 0)) {
            ps_py_held[h].obj = obj;
            return &ps_py_held[h].since;
        }
    }
    return NULL;
}

/* acquire(semlock, obj[, block, timeout]) -> the SemLock's answer, with want/acquired. */
static PyObject *ps_py_lock_acquire(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    int64_t obj;
    if (nargs < 2 || nargs > 4 || ps_py_i64(args, 1, &obj) < 0) {
        return PyErr_Occurred() ? NULL : (PyErr_SetString(PyExc_TypeError, "acquire(semlock, obj"
                                                          "[, block, timeout])"), NULL);
    }
    int64_t ev[5] = {PS_EV_LOCK_WANT, obj, 0, 0, 0};
    ps_py_emit_raw(ev, NULL, 0);
    uint64_t start = ps_clock_mono_ns();
    PyObject *got = PyObject_CallMethodObjArgs(args[0], ps_py_str_acquire,
                                               nargs > 2 ? args[2] : Py_True,
                                               nargs > 3 ? args[3] : Py_None, NULL);
    if (got != NULL && PyObject_IsTrue(got) == 1) {
        uint64_t now = ps_clock_mono_ns();
        uint64_t *since = ps_py_held_slot((uint32_t)obj, true);
        if (since) {
            *since = now;
        }
        int64_t acq[5] = {PS_EV_LOCK_ACQUIRED, obj, 0, (int64_t)(now - start), 0};
        ps_py_emit_raw(acq, NULL, 0);
    }
    return got;
}

/* release(semlock, obj) -> None: lock.released with the hold time, then the release. */
static PyObject *ps_py_lock_release(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    int64_t obj;
    if (nargs != 2 || ps_py_i64(args, 1, &obj) < 0) {
        return PyErr_Occurred() ? NULL
                                : (PyErr_SetString(PyExc_TypeError, "release(semlock, obj)"), NULL);
    }
    uint64_t *since = ps_py_held_slot((uint32_t)obj, false);
    int64_t held = since ? (int64_t)(ps_clock_mono_ns() - *since) : 0;
    int64_t ev[5] = {PS_EV_LOCK_RELEASED, obj, 0, held, 0};
    ps_py_emit_raw(ev, NULL, 0);
    return PyObject_CallMethodObjArgs(args[0], ps_py_str_release, NULL);
}

/* type_names() -> the event vocabulary's names, indexed by type number. */
static PyObject *ps_py_type_names(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyObject *names = PyTuple_New(PS_EV__COUNT);
    for (Py_ssize_t i = 0; names != NULL && i < PS_EV__COUNT; i++) {
        PyObject *name = PyUnicode_FromString(ps_event_type_name((unsigned)i));
        if (name == NULL || PyTuple_SetItem(names, i, name) < 0) {
            Py_DECREF(names);
            return NULL;
        }
    }
    return names;
}

/*
 * The typed emitters, one per row of core/event_types.h: emit_<lower>(fields…)
 * taking the fields the type uses, in the order obj, peer, a, b, text. Each
 * is one PyCFunction over ps_py_typed whose `self` is the row's index.
 */
#define PS_PY_M_F(key) 1u
#define PS_PY_M_NO 0u
#define PS_PY_D_F(key) " " #key
#define PS_PY_D_NO ""

/* The fields a type uses: bits 0..4 = obj, peer, a, b, text. */
struct ps_py_row {
    int type;
    unsigned mask;
};

#define PS_PY_ROW_(E, lower, num, dotted, area, obj, peer, a, b, text, story)                    \
    {PS_EV_##E, PS_PY_M_##obj | PS_PY_M_##peer << 1 | PS_PY_M_##a << 2 | PS_PY_M_##b << 3 |       \
                    PS_PY_M_##text << 4},
static const struct ps_py_row ps_py_rows[] = {PS_EVENT_TYPES(PS_PY_ROW_)};
#undef PS_PY_ROW_

/* emit_<lower>(fields…) -> 0 or -errno: the row's fields, in order. */
static PyObject *ps_py_typed(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long row = PyLong_AsLong(self);
    const struct ps_py_row *r = &ps_py_rows[row];
    int64_t v[5] = {r->type, 0, 0, 0, 0};
    const char *text = NULL;
    Py_ssize_t len = 0, k = 0;
    for (unsigned f = 0; f < 5; f++) {
        if (!(r->mask & 1u << f)) {
            continue;
        }
        if (k >= nargs) {
            PyErr_SetString(PyExc_TypeError, "too few arguments for this event type");
            return NULL;
        }
        int bad = f < 4 ? ps_py_i64(args, k, &v[f + 1]) : ps_py_text(args[k], &text, &len);
        if (bad < 0) {
            return NULL;
        }
        k++;
    }
    if (k != nargs) {
        PyErr_SetString(PyExc_TypeError, "too many arguments for this event type");
        return NULL;
    }
    return PyLong_FromLong(ps_py_emit_raw(v, text, len));
}

#define PS_PY_DEF_(E, lower, num, dotted, area, obj, peer, a, b, text, story)                    \
    {"emit_" #lower, (PyCFunction)(void (*)(void))ps_py_typed, METH_FASTCALL,                    \
     "emit_" #lower "(" PS_PY_D_##obj PS_PY_D_##peer PS_PY_D_##a PS_PY_D_##b PS_PY_D_##text       \
     " ): one " dotted " event"},
static PyMethodDef ps_py_typed_defs[] = {PS_EVENT_TYPES(PS_PY_DEF_)};
#undef PS_PY_DEF_

/* Add the typed emitters and the type and wait-kind numbers to module m; 0 or -1. */
static int ps_py_add_vocabulary(PyObject *m)
{
    for (size_t i = 0; i < sizeof ps_py_rows / sizeof ps_py_rows[0]; i++) {
        PyObject *index = PyLong_FromSize_t(i);
        PyObject *fn = index ? PyCFunction_NewEx(&ps_py_typed_defs[i], index, NULL) : NULL;
        Py_XDECREF(index);
        if (fn == NULL || PyModule_AddObject(m, ps_py_typed_defs[i].ml_name, fn) < 0) {
            Py_XDECREF(fn);
            return -1;
        }
    }
#define PS_PY_CONST_(E, lower, num, dotted, area, obj, peer, a, b, text, story)                  \
    if (PyModule_AddIntConstant(m, "EV_" #E, num) < 0) {                                          \
        return -1;                                                                               \
    }
    PS_EVENT_TYPES(PS_PY_CONST_)
#undef PS_PY_CONST_
#define PS_PY_WAIT_(E, num, name, desc)                                                          \
    if (PyModule_AddIntConstant(m, "WAIT_" #E, num) < 0) {                                        \
        return -1;                                                                               \
    }
    PS_WAIT_KINDS(PS_PY_WAIT_)
#undef PS_PY_WAIT_
    return 0;
}

static PyMethodDef ps_py_methods[] = {
    {"type_names", ps_py_type_names, METH_NOARGS, "event type names by number"},
    {"lock_acquire", (PyCFunction)(void (*)(void))ps_py_lock_acquire, METH_FASTCALL,
     "lock_acquire(semlock, obj[, block, timeout]): acquire with lock.want/acquired"},
    {"lock_release", (PyCFunction)(void (*)(void))ps_py_lock_release, METH_FASTCALL,
     "lock_release(semlock, obj): lock.released with the hold time, then release"},
    {"emit", (PyCFunction)(void (*)(void))ps_py_emit, METH_FASTCALL,
     "emit(type, obj, peer, a, b[, text]): one event; 0 or -errno"},
    {"new_id", ps_py_new_id, METH_NOARGS, "a session-unique object id"},
    {"active", ps_py_active, METH_NOARGS, "whether a supervisor listens"},
    {"echo", ps_py_echo, METH_NOARGS, "whether printed lines reach stdout too"},
    {"pid", ps_py_pid, METH_NOARGS, "the pid events are stamped with"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef ps_py_module = {
    PyModuleDef_HEAD_INIT, "_psprobe", "procscope's probe, for the Python hook", -1,
    ps_py_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__psprobe(void);

/* The module's entry point: attach the probe (a no-op without the ring variable). */
PyMODINIT_FUNC PyInit__psprobe(void)
{
    (void)ps_probe_init();
    ps_py_str_acquire = PyUnicode_InternFromString("acquire");
    ps_py_str_release = PyUnicode_InternFromString("release");
    if (ps_py_str_acquire == NULL || ps_py_str_release == NULL) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&ps_py_module);
    if (m != NULL && ps_py_add_vocabulary(m) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
