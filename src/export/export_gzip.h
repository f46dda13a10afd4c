/* SPDX-License-Identifier: MIT */
/*
 * A gzip-compressing stdio stream: what is written to the returned FILE is
 * compressed (zlib, gzip format) into `dest`. Any exporter writes through it
 * unchanged; `procscope export … -o X.json.gz` uses it when the name ends in
 * ".gz". CLI process only.
 */
#ifndef PS_EXPORT_EXPORT_GZIP_H
#define PS_EXPORT_EXPORT_GZIP_H

#include <stdbool.h>
#include <stdio.h>

/*
 * A stream compressing into `dest` (not owned: it stays open). fclose() on
 * the returned stream finishes the gzip member and flushes it into `dest`;
 * it returns EOF when compressing or writing failed. NULL with errno set
 * (ENOMEM) when it cannot be created.
 */
FILE *ps_export_gzip_open(FILE *dest);

/* True when `path` ends in ".gz" (the export is then compressed). */
bool ps_export_gzip_wanted(const char *path);

#endif /* PS_EXPORT_EXPORT_GZIP_H */
