/* SPDX-License-Identifier: MIT */
/*
 * Recording a session to a `.psrec` file (format in trace_format.h).
 *
 * The writer is a sink: tee it next to the model and the printers. It writes
 * to `PATH.tmp.<pid>` and flushes every complete block as it goes, so a crash
 * leaves a readable prefix under the temporary name; finish renames the file
 * to PATH once the end block, the index and the footer are on disk. PATH
 * follows the rules of core/atomic_file.h: a device, FIFO or /dev/stdout is
 * written in place (no temporary), a symlink is followed.
 *
 * Used by the supervisor process (the CLI) only; one thread at a time.
 */
#ifndef PS_TRACE_TRACE_WRITER_H
#define PS_TRACE_TRACE_WRITER_H

#include <stdint.h>

#include "session/sink.h"

struct ps_trace_writer;

/*
 * Create `path`.tmp.<pid> (O_EXCL; or open `path` in place, see above) and
 * write the header from `info` (copied).
 * On success *w owns the writer: release it with finish or abort. Returns 0,
 * -ENOMEM, or the -errno of creating/writing the file (*w is then NULL).
 */
int ps_trace_writer_open(struct ps_trace_writer **w, const char *path,
                         const struct ps_session_info *info);

/*
 * The writer as a sink: on_event appends the event (text is copied; text
 * longer than PS_EVENT_TEXT_MAX is cut and flagged; an unknown type or a seq
 * not above the previous one is refused with -EINVAL) and writes each block
 * when it is full; on_begin and on_end do nothing (open and finish carry the
 * info and the end). A write error is returned by on_event and by finish.
 * The sink is valid until finish or abort.
 */
struct ps_sink ps_trace_writer_sink(struct ps_trace_writer *w);

/*
 * Write the pending block, the end block (`end` as given), the index and the
 * footer, fsync, and rename the temporary file to the final path. Always
 * frees w; on failure removes the temporary file. Returns 0 or -errno
 * (including an earlier write error of on_event).
 */
int ps_trace_writer_finish(struct ps_trace_writer *w, const struct ps_session_end *end);

/* Stop recording: remove the temporary file and free w (NULL is a no-op). */
void ps_trace_writer_abort(struct ps_trace_writer *w);

/* The temporary file's path while recording (borrowed from w; NULL when in place). */
const char *ps_trace_writer_tmp_path(const struct ps_trace_writer *w);

/* Events and event blocks written so far. */
uint64_t ps_trace_writer_events(const struct ps_trace_writer *w);
uint64_t ps_trace_writer_blocks(const struct ps_trace_writer *w);

#endif /* PS_TRACE_TRACE_WRITER_H */
