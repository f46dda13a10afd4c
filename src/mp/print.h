/* SPDX-License-Identifier: MIT */
/*
 * print(): Python's print for the demos. ps_print() formats its arguments,
 * adds the newline print() adds, and writes the whole text to stdout with a
 * single write() (line-buffered semantics: a process killed later has already
 * shown it). When a supervisor listens and did not ask for echo
 * (ps_probe_active() && !ps_probe_echo()), nothing is written to stdout. In
 * every case one PS_EV_OUTPUT event (a = 1) is emitted per line of the text,
 * without its newline: "x \n" gives the lines "x " and "".
 */
#ifndef PS_MP_PRINT_H
#define PS_MP_PRINT_H

#include <stddef.h>

/* Longest text one ps_print() call writes; longer text is cut there. */
#define PS_PRINT_MAX 4096

/*
 * Format like printf, append "\n", write it to stdout in one write() and emit
 * one output event per line. Returns 0, -EINVAL for a bad format, or -errno
 * from write (the events are emitted anyway). Any process.
 */
int ps_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * As ps_print with `text` taken verbatim (len bytes, no formatting); "\n" is
 * appended. Returns as ps_print. Any process.
 */
int ps_print_text(const char *text, size_t len);

#endif /* PS_MP_PRINT_H */
