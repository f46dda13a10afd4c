/* SPDX-License-Identifier: MIT */
/*
 * Queue: Python's multiprocessing.Queue for processes created by fork, as a
 * bounded process-shared queue.
 *
 * The queue is a ring of `capacity` fixed-size message slots in a shared
 * mapping (create it before starting the processes that use it), guarded by
 * a robust process-shared mutex with two condition variables (not empty, not
 * full). Messages are typed values (mp/value.h) whose wire form fits a slot.
 * A process that dies holding the mutex does not block the others.
 *
 * Events: queue.open (a = capacity) from the creator; queue.put / queue.get
 * (a = depth after, b = bytes, text = value preview of at most
 * PS_VALUE_PREVIEW_SIZE - 1 bytes: one ring slot); queue.empty (a = answer,
 * b = depth) each time empty() is asked.
 */
#ifndef PS_MP_QUEUE_H
#define PS_MP_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mp/value.h"

#define PS_QUEUE_DEFAULT_CAPACITY 1024u /* capacity 0 */
#define PS_QUEUE_DEFAULT_MESSAGE 256u   /* max_message 0: wire bytes per slot */

struct ps_queue;

/*
 * Create a queue of `capacity` slots of `max_message` wire bytes each (0 for
 * the defaults). Returns the queue, or NULL with errno EINVAL (more than
 * PS_VALUE_WIRE_MAX bytes per slot, or over 1 GiB in all) or ENOMEM. Any
 * process; processes forked afterwards share it. Emits queue.open.
 */
struct ps_queue *ps_queue_new(unsigned capacity, size_t max_message);

/* Unmap the queue in the calling process (others keep theirs). NULL is ignored. */
void ps_queue_free(struct ps_queue *q);

/*
 * Append a copy of `v`, waiting while the queue is full for up to `timeout`
 * seconds (< 0: forever; 0: do not wait). Returns 0, -ETIMEDOUT (still full),
 * -EMSGSIZE (does not fit a slot), -EINVAL, or another -errno. Any process.
 */
int ps_queue_put(struct ps_queue *q, const struct ps_value *v, double timeout);

/* Shorthands for ps_queue_put of an int64 or a string. */
int ps_queue_put_int(struct ps_queue *q, int64_t i, double timeout);
int ps_queue_put_str(struct ps_queue *q, const char *s, double timeout);

/*
 * Remove the oldest message into `out` (the caller frees it), waiting while
 * the queue is empty for up to `timeout` seconds (< 0: forever; 0: do not
 * wait). Returns 0, -ETIMEDOUT (Python's queue.Empty), -EPROTO (a corrupt
 * slot, skipped), -ENOMEM or another -errno. Any process.
 */
int ps_queue_get(struct ps_queue *q, struct ps_value *out, double timeout);

/* Messages in the queue now, or -errno. Any process. */
long ps_queue_qsize(struct ps_queue *q);

/* True when the queue is empty now (emits queue.empty with the answer). */
bool ps_queue_empty(struct ps_queue *q);

#endif /* PS_MP_QUEUE_H */
