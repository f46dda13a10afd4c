/* SPDX-License-Identifier: MIT */
/*
 * Reading a `.psrec` recording (format in trace_format.h) into a sink.
 *
 * The reader trusts nothing in the file: magic, version, byte order, every
 * block's kind, length (against the file size and PS_TRACE_PAYLOAD_MAX),
 * CRC32C and event count, every varint (truncated, overlong, overflowing),
 * event type, text length, value ranges and seq order are checked before use.
 * It allocates nothing that depends on the file's contents and never loops
 * longer than the file is long.
 *
 * A file cut short (a crashed session's temporary file, or a file truncated
 * inside a block) is not an error: it is read up to its last complete block
 * and the sink's on_end gets an end with complete = 0 and the counts read.
 *
 * Any process may call these; the sink runs in the caller's thread.
 */
#ifndef PS_TRACE_TRACE_READER_H
#define PS_TRACE_TRACE_READER_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "session/sink.h"
#include "trace/trace_format.h"

/* What a read found out about the file itself. */
struct ps_trace_stats {
    uint32_t version;     /* format version of the header */
    uint64_t file_size;   /* bytes */
    uint64_t blocks;      /* complete event blocks read */
    uint64_t events;      /* events read */
    bool has_end;         /* the end block was read (the session's stored end) */
    bool complete_file;   /* end block, index and footer all present and consistent */
    uint64_t cut_at;      /* when !complete_file: byte offset where reading stopped */
};

/* What a read returns for a path that is not a regular file (a FIFO, a device …). */
#define PS_TRACE_NOT_REGULAR (-ENODEV)

/*
 * Open the recording at `path` for reading without ever blocking (a FIFO or
 * a device is refused before anything is read from it): returns the fd (the
 * caller closes it) with *st (may be NULL) its fstat, or -ENOENT, -EISDIR,
 * PS_TRACE_NOT_REGULAR ("not a regular file") or what open(2) says, with the
 * one-line message in err.
 */
int ps_trace_open(const char *path, struct stat *st, char *err, size_t errlen);

/*
 * Stream the recording at `path` into `sink`: on_begin with the header's
 * info, on_event for every event in order (text NUL-terminated, borrowed for
 * the call), on_end with the stored end, or for a file cut short an end with
 * complete = 0, end_mono_ns = the last event's time, events = events read and
 * drops/torn from the last ring.dropped/ring.torn events.
 * Returns 0; -ENOENT (no such file); -EISDIR; -EBADMSG (not a recording or
 * malformed: bad CRC, absurd length, bad varint …); -EPROTO (unknown version
 * or byte order); -EIO or another -errno of reading; or the first negative
 * value a sink callback returned (reading stops there). On an error `err`
 * (errlen bytes, may be NULL) receives one line naming what is wrong and
 * where (block number, byte offset); events before the bad block have already
 * been passed to the sink and on_end is not called.
 */
int ps_trace_read(const char *path, const struct ps_sink *sink, char *err, size_t errlen);

/* ps_trace_read, also filling *stats (may be NULL) on success and on error. */
int ps_trace_read_ex(const char *path, const struct ps_sink *sink, struct ps_trace_stats *stats,
                     char *err, size_t errlen);

/*
 * The same for a recording held in memory (data[0..len), not modified): the
 * entry point of the fuzzer and of tests. Same returns as ps_trace_read.
 */
int ps_trace_read_mem(const void *data, size_t len, const struct ps_sink *sink,
                      struct ps_trace_stats *stats, char *err, size_t errlen);

/*
 * ps_trace_read_ex on an open file (not closed; read from its start whatever
 * its position; checked to be a regular file). The file is read with pread,
 * never mapped: a file cut short while it is read fails with -EIO "file
 * changed while reading", it cannot crash the reader.
 */
int ps_trace_read_fd(int fd, const struct ps_sink *sink, struct ps_trace_stats *stats, char *err,
                     size_t errlen);

#endif /* PS_TRACE_TRACE_READER_H */
