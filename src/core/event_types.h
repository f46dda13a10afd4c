/* SPDX-License-Identifier: MIT */
/*
 * The one event vocabulary: every event type procscope knows, in one list.
 *
 * Each row of PS_EVENT_TYPES is
 *
 *     X(ENUM, lower, number, "dotted.name", AREA, obj, peer, a, b, text, "story")
 *
 *  - ENUM: the enum member is PS_EV_<ENUM>; lower: the producer's emitter is
 *    ps_emit_<lower>() (src/probe/probe.h).
 *  - number: part of the recording format. Keep every number; a new type takes
 *    the next free number at the END of the list (rows stay in number order).
 *  - "dotted.name": the name in JSONL, text lines and recordings.
 *  - AREA: PROC PIPE QUEUE LOCK BARRIER POOL NS TEXT RING WAIT (enum ps_event_area).
 *  - obj, peer, a, b, text: F(key) when the type uses the field, with `key` its
 *    JSONL/text key (and the emitter's parameter name), or NO when unused (the
 *    field is then zero, left out of JSONL and of recordings).
 *  - "story": the plain sentence for `--events=story` and the narration strip,
 *    in the template language of ps_event_story_render() (core/event_story.h):
 *      {name}     the emitter's name        {pid}   the emitter's pid
 *      {peer}     the name of process peer  {obj}   the object id
 *      {a} {b}    the numbers               {text}  the text (escaped)
 *      {wait}     a wait.begin's description (the wait kind's template below)
 *      {F:fmt}    field F formatted: sig ("SIGTERM"), exit ("exit code 0" or
 *                 "killed by SIGTERM"), ns ("1.2 ms"), secs ("1.0 s"), stream
 *                 ("stdout"), wait (the wait kind's name), pid (a peer's
 *                 number), next (a number plus one: 0-based indexes)
 *      {F?yes|no} "yes" when field F is non-zero (text: non-empty), else "no";
 *                 both parts may hold placeholders; "|no" may be left out.
 *
 * This header needs nothing but the preprocessor: a C extension (the Python
 * hook) can include it to speak the same vocabulary without ring internals.
 * Field meanings that do not fit the key name are in the comment of the row.
 */
#ifndef PS_CORE_EVENT_TYPES_H
#define PS_CORE_EVENT_TYPES_H

/* clang-format off */
#define PS_EVENT_TYPES(X)                                                                          \
    /* process lifecycle. obj of proc.spawn: the Process object's number */                      \
    X(PROC_SPAWN, proc_spawn, 1, "proc.spawn", PROC, F(index), F(child), F(daemon), NO,           \
      F(child_name), "{name} started {text} (pid {peer:pid}){a?, a daemon|}")                    \
    X(PROC_START, proc_start, 2, "proc.start", PROC, NO, F(parent), F(daemon), NO, F(proc_name),   \
      "{text} (pid {pid}) began running{a? as a daemon|}")                                       \
    X(PROC_NAME, proc_name, 3, "proc.name", PROC, NO, NO, NO, NO, F(proc_name),                   \
      "pid {pid} is now called {text}")                                                          \
    /* process `proc` ended normally with exit code a (emitted by itself or its reaper) */       \
    X(PROC_EXIT, proc_exit, 4, "proc.exit", PROC, NO, F(proc), F(exitcode), NO, NO,               \
      "{peer} exited with code {a}")                                                             \
    /* process `proc` was found killed by signal a (by its reaper) */                            \
    X(PROC_SIGNALLED, proc_signalled, 5, "proc.signalled", PROC, NO, F(proc), F(signal), NO, NO,  \
      "{peer} was killed by {a:sig}")                                                            \
    /* the emitter joined `child`: a = exit code (-N: signal N), b = 1 when it timed out */      \
    X(PROC_JOIN, proc_join, 6, "proc.join", PROC, NO, F(child), F(exitcode), F(timed_out), NO,    \
      "{name} joined {peer}{b?: timed out, still running|: {a:exit}}")                           \
    /* the emitter sent signal a to `target` (terminate 15, kill 9) */                           \
    X(PROC_TERMINATE, proc_terminate, 7, "proc.terminate", PROC, NO, F(target), F(signal), NO, NO, \
      "{name} terminated {peer} with {a:sig}")                                                   \
    /* pipes: a Pipe() has two connection ends, 0 and 1 */                                       \
    X(PIPE_OPEN, pipe_open, 8, "pipe.open", PIPE, F(pipe), NO, F(duplex), NO, NO,                 \
      "{name} opened pipe {obj}{a? (duplex)| (one way)}")                                        \
    /* value (a preview) of `bytes` bytes sent from end `end`; emitted before the write */       \
    X(PIPE_SEND, pipe_send, 9, "pipe.send", PIPE, F(pipe), NO, F(bytes), F(end), F(value),        \
      "{name} sent {text} into pipe {obj} ({a} B)")                                              \
    X(PIPE_RECV, pipe_recv, 10, "pipe.recv", PIPE, F(pipe), NO, F(bytes), F(end), F(value),       \
      "{name} received {text} from pipe {obj} ({a} B)")                                          \
    /* the emitter closed its copy of end `end` */                                               \
    X(PIPE_CLOSE, pipe_close, 11, "pipe.close", PIPE, F(pipe), NO, F(end), NO, NO,                \
      "{name} closed end {a} of pipe {obj}")                                                     \
    /* end b saw end of file: every copy of the sending side is closed */                        \
    X(PIPE_EOF, pipe_eof, 12, "pipe.eof", PIPE, F(pipe), NO, NO, F(end), NO,                      \
      "{name} saw end of file on end {b} of pipe {obj}: every write end is closed")             \
    /* queues: capacity 0 = unbounded */                                                         \
    X(QUEUE_OPEN, queue_open, 13, "queue.open", QUEUE, F(queue), NO, F(capacity), NO, NO,         \
      "{name} created queue {obj}{a? (capacity {a})| (unbounded)}")                              \
    /* depth = items in the queue after the put/get */                                          \
    X(QUEUE_PUT, queue_put, 14, "queue.put", QUEUE, F(queue), NO, F(depth), F(bytes), F(value),   \
      "{name} put {text} into queue {obj} (depth {a})")                                          \
    X(QUEUE_GET, queue_get, 15, "queue.get", QUEUE, F(queue), NO, F(depth), F(bytes), F(value),   \
      "{name} got {text} from queue {obj} (depth {a})")                                          \
    /* empty() was asked: a = answer (1 empty), b = depth */                                     \
    X(QUEUE_EMPTY, queue_empty, 16, "queue.empty", QUEUE, F(queue), NO, F(empty), F(depth), NO,   \
      "{name} asked whether queue {obj} is empty: {a?yes|no}")                                   \
    /* locks */                                                                                  \
    X(LOCK_NEW, lock_new, 17, "lock.new", LOCK, F(lock), NO, NO, NO, NO,                          \
      "{name} created lock {obj}")                                                               \
    X(LOCK_WANT, lock_want, 18, "lock.want", LOCK, F(lock), NO, NO, NO, NO,                       \
      "{name} asks for lock {obj}")                                                              \
    /* b = 1 when the previous holder had died holding it */                                    \
    X(LOCK_ACQUIRED, lock_acquired, 19, "lock.acquired", LOCK, F(lock), NO, F(wait_ns),           \
      F(recovered), NO,                                                                          \
      "{name} acquired lock {obj} after waiting {a:ns}{b? (its holder had died)|}")              \
    X(LOCK_RELEASED, lock_released, 20, "lock.released", LOCK, F(lock), NO, F(held_ns), NO, NO,   \
      "{name} released lock {obj} after holding it {a:ns}")                                      \
    /* barriers */                                                                               \
    X(BARRIER_NEW, barrier_new, 21, "barrier.new", BARRIER, F(barrier), NO, F(parties), NO, NO,   \
      "{name} created barrier {obj} for {a} parties")                                            \
    /* a = arrival index (0-based), b = generation */                                           \
    X(BARRIER_ARRIVE, barrier_arrive, 22, "barrier.arrive", BARRIER, F(barrier), NO, F(index),    \
      F(generation), NO, "{name} arrived at barrier {obj} (arrival {a:next})")                   \
    /* the emitter leaves the barrier: a = wait ns, b = generation */                           \
    X(BARRIER_RELEASE, barrier_release, 23, "barrier.release", BARRIER, F(barrier), NO,           \
      F(wait_ns), F(generation), NO, "{name} passed barrier {obj} after waiting {a:ns}")         \
    /* the barrier broke (a party died or timed out): a = parties that had arrived */           \
    X(BARRIER_BROKEN, barrier_broken, 24, "barrier.broken", BARRIER, F(barrier), NO, F(arrived),  \
      NO, NO, "barrier {obj} broke with {a} parties arrived")                                    \
    /* pools: each worker is also a process with its own proc.* events */                       \
    X(POOL_NEW, pool_new, 25, "pool.new", POOL, F(pool), NO, F(workers), NO, NO,                  \
      "{name} created pool {obj} with {a} workers")                                              \
    /* worker `worker` is lane a (1-based) of the pool */                                        \
    X(POOL_WORKER, pool_worker, 26, "pool.worker", POOL, F(pool), F(worker), F(lane), NO, NO,     \
      "{peer} is worker {a} of pool {obj}")                                                      \
    X(POOL_SUBMIT, pool_submit, 27, "pool.submit", POOL, F(pool), NO, F(task), F(items), NO,      \
      "{name} submitted task {a} ({b} items) to pool {obj}")                                     \
    X(POOL_START, pool_start, 28, "pool.start", POOL, F(pool), NO, F(task), F(items), NO,         \
      "{name} started task {a} ({b} items) of pool {obj}")                                       \
    X(POOL_DONE, pool_done, 29, "pool.done", POOL, F(pool), NO, F(task), F(items), NO,            \
      "{name} finished task {a} ({b} items) of pool {obj}")                                      \
    X(POOL_CLOSE, pool_close, 30, "pool.close", POOL, F(pool), NO, NO, NO, NO,                    \
      "{name} closed pool {obj}: no more tasks")                                                 \
    X(POOL_TERMINATE, pool_terminate, 31, "pool.terminate", POOL, F(pool), NO, NO, NO, NO,        \
      "{name} terminates the workers of pool {obj}")                                             \
    /* worker `worker` died while running task a: b = its exit code */                         \
    X(POOL_CRASH, pool_crash, 32, "pool.crash", POOL, F(pool), F(worker), F(task), F(exitcode),   \
      NO, "{peer} of pool {obj} died running task {a}: {b:exit}")                                \
    /* namespaces: text = "key=value" */                                                         \
    X(NS_SET, ns_set, 33, "ns.set", NS, F(namespace), NO, NO, NO, F(assign),                      \
      "{name} set {text} in namespace {obj}")                                                    \
    X(NS_GET, ns_get, 34, "ns.get", NS, F(namespace), NO, NO, NO, F(assign),                      \
      "{name} read {text} from namespace {obj}")                                                 \
    /* the emitter printed line `line` on stream a (1 stdout, 2 stderr) */                       \
    X(OUTPUT, output, 35, "output", TEXT, NO, NO, F(stream), NO, F(line),                         \
      "{name} printed: {text}")                                                                  \
    /* a line the supervisor captured from stream a outside the probe */                         \
    X(STDIO, stdio, 36, "stdio", TEXT, NO, NO, F(stream), NO, F(line),                            \
      "{name} wrote on {a:stream}: {text}")                                                      \
    X(MARK, mark, 37, "mark", TEXT, NO, NO, NO, NO, F(label), "{name} marked: {text}")            \
    /* the ring itself (emitted by the reader, pid = supervisor): running totals */             \
    X(RING_DROPPED, ring_dropped, 38, "ring.dropped", RING, NO, NO, F(total), NO, NO,             \
      "the ring was full: {a} events dropped so far")                                            \
    X(RING_TORN, ring_torn, 39, "ring.torn", RING, NO, NO, F(total), NO, NO,                      \
      "the reader skipped a torn event ({a} so far)")                                            \
    /*                                                                                           \
     * wait.begin: the emitter starts waiting (blocks). a = kind (enum ps_wait_kind), obj =     \
     * the pipe/queue/barrier/lock/pool it waits on, peer = the process it waits for (join     \
     * target, lock holder; 0 unknown), amount = a number for the kind (sleep: ns; barrier:    \
     * parties arrived, itself included), detail = optional words ("1 of 2 arrived"). The      \
     * wait ends with the emitter's next event that completes it (pipe.recv, queue.get,        \
     * queue.put, barrier.release, lock.acquired, proc.join, pool.map_end) or wait.end.        \
     */                                                                                          \
    X(WAIT_BEGIN, wait_begin, 40, "wait.begin", WAIT, F(obj), F(peer), F(kind), F(amount),       \
      F(detail),                                                                              \
      "{name} waits: {wait}")                                                                    \
    /* wait.end: the wait of kind a on obj ended without a completing event (a sleep, a gate) */ \
    X(WAIT_END, wait_end, 41, "wait.end", WAIT, F(obj), NO, F(kind), NO, NO,                      \
      "{name} stopped waiting ({a:wait})")                                                       \
    /*                                                                                           \
     * proc.died: the supervisor saw session process `proc` end the moment it happened         \
     * (pid = supervisor): status = exit code, or -N when killed by signal N. A join by its    \
     * parent may follow later (until then the process is a zombie to its parent).             \
     */                                                                                          \
    X(PROC_DIED, proc_died, 42, "proc.died", PROC, NO, F(proc), F(status), NO, NO,                \
      "{peer} ended: {a:exit}")                                                                  \
    /* user.signal: the user sent signal a to `target` from procscope (pid = supervisor) */     \
    X(USER_SIGNAL, user_signal, 43, "user.signal", PROC, NO, F(target), F(signal), NO, NO,        \
      "the user sent {a:sig} to {peer}")                                                         \
    /* ring.corrupt: the reader found the ring damaged (pid = supervisor): a = running total */ \
    X(RING_CORRUPT, ring_corrupt, 44, "ring.corrupt", RING, NO, NO, F(total), NO, NO,             \
      "the reader found the ring damaged ({a} times so far)")                                    \
    /* pool.map_begin: the emitter starts a map() of `items` items in `chunks` tasks */         \
    X(POOL_MAP_BEGIN, pool_map_begin, 45, "pool.map_begin", POOL, F(pool), NO, F(items),          \
      F(chunks), NO, "{name} maps {a} items over pool {obj} in {b} tasks")                       \
    /* pool.map_end: the map() returned: ok = 1 when every task succeeded (a key moment) */     \
    X(POOL_MAP_END, pool_map_end, 46, "pool.map_end", POOL, F(pool), NO, F(items), F(ok), NO,     \
      "{name}'s map over pool {obj} finished ({a} items{b?|, failed})")

/*
 * What a wait.begin waits for: W(ENUM, number, "name", "description"). The
 * description is a template as above, rendered by {wait} and shown by the UI
 * as the process's state ("recv on pipe 1", "sleep 1.0 s").
 */
#define PS_WAIT_KINDS(W)                                                                           \
    W(RECV, 1, "recv", "recv on pipe {obj}")                                                       \
    W(GET, 2, "get", "get on queue {obj} (empty)")                                                 \
    W(PUT, 3, "put", "put on queue {obj} (full)")                                                  \
    W(BARRIER, 4, "barrier", "barrier {obj}{text?: {text}|}")                                      \
    W(LOCK, 5, "lock", "lock {obj}{peer? held by {peer}|}")                                        \
    W(JOIN, 6, "join", "join {peer}")                                                              \
    W(SLEEP, 7, "sleep", "sleep {b:secs}")                                                         \
    W(GATE, 8, "gate", "at the step gate")                                                         \
    W(POOL, 9, "pool", "results of pool {obj}")
/* clang-format on */

/* Areas: the part of multiprocessing an event is about. */
#define PS_EVENT_AREAS(A) A(PROC) A(PIPE) A(QUEUE) A(LOCK) A(BARRIER) A(POOL) A(NS) A(TEXT) \
    A(RING) A(WAIT)

#define PS_EVENT_AREA_ENUM_(area) PS_AREA_##area,
enum ps_event_area { PS_AREA_NONE = 0, PS_EVENT_AREAS(PS_EVENT_AREA_ENUM_) PS_AREA__COUNT };
#undef PS_EVENT_AREA_ENUM_

#define PS_EVENT_TYPE_ENUM_(E, lower, num, ...) PS_EV_##E = num,
/*
 * Event types. The numbers are part of the recording format: append new
 * types at the end of PS_EVENT_TYPES, never renumber.
 */
enum ps_event_type { PS_EV_NONE = 0, PS_EVENT_TYPES(PS_EVENT_TYPE_ENUM_) PS_EV__COUNT };
#undef PS_EVENT_TYPE_ENUM_

#define PS_WAIT_KIND_ENUM_(E, num, ...) PS_WAIT_##E = num,
/* What a process waits for (wait.begin's `kind`). */
enum ps_wait_kind { PS_WAIT_NONE = 0, PS_WAIT_KINDS(PS_WAIT_KIND_ENUM_) PS_WAIT__COUNT };
#undef PS_WAIT_KIND_ENUM_

/* Helpers to read a field slot of a row: F(key) or NO. */
#define PS_EVF_KEY_F(key) #key
#define PS_EVF_KEY_NO 0
#define PS_EVF_KEY(field) PS_EVF_KEY_##field /* the key as a string, or 0 (NULL) */

#endif /* PS_CORE_EVENT_TYPES_H */
