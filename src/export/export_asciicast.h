/* SPDX-License-Identifier: MIT */
/*
 * asciicast v2 (the format `asciinema play` reads): a JSON header line, then
 * one JSON array per output event, [seconds, "o", "terminal bytes"]. Pure
 * writer: the caller supplies the frames (ui/screen_cast.c renders them).
 */
#ifndef PS_EXPORT_EXPORT_ASCIICAST_H
#define PS_EXPORT_EXPORT_ASCIICAST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The header line: size, start time (Unix seconds, 0: left out) and a title (escaped). */
int ps_asciicast_header(FILE *out, int cols, int rows, int64_t timestamp, const char *title);

/* One output event at `t` seconds: data[0..len) as a JSON string. Returns 0 or -EIO/-ENOMEM. */
int ps_asciicast_output(FILE *out, double t, const char *data, size_t len);

#endif /* PS_EXPORT_EXPORT_ASCIICAST_H */
