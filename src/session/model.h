/* SPDX-License-Identifier: MIT */
/*
 * The session model: everything procscope knows about a session at one event.
 *
 * The model is a pure fold over events: ps_model_apply(m, ev) for each event
 * in order. It is deterministic, never reads the clock, never allocates and
 * costs O(1) per event. It holds no pointers, so a copy of it (a keyframe for
 * seeking) is a plain memcpy. Every table has a fixed capacity; what does not
 * fit is counted in `overflow` instead of stored.
 *
 * Readers (ui/ panes, exporters) read the tables directly: rows are stored in
 * order of first appearance, `n<table>` of them are valid, and a row never
 * moves or disappears once created. Times are CLOCK_MONOTONIC nanoseconds as
 * carried by the events; a time of 0 means "has not happened".
 *
 * Events that are malformed (unknown type, pid <= 0, a peer or an end out of
 * range, an object of the wrong kind) are counted in `bad` and otherwise
 * ignored; nothing from an event is ever used as an index.
 */
#ifndef PS_SESSION_MODEL_H
#define PS_SESSION_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define PS_MODEL_PROCS 128          /* process rows */
#define PS_MODEL_NAME_MAX 32        /* process name, NUL included */
#define PS_MODEL_CHANS 64           /* pipes and queues */
#define PS_MODEL_CHAN_PEERS 4       /* sender and receiver pids kept per channel */
#define PS_MODEL_CHAN_VALUES 4      /* latest values kept per channel */
#define PS_MODEL_VALUE_MAX 26       /* value preview, NUL included */
#define PS_MODEL_CHAN_CLOSES 4      /* latest closes kept per channel */
#define PS_MODEL_HISTS 8            /* queues that get a depth history */
#define PS_MODEL_HIST_SAMPLES 64    /* depth samples per history */
#define PS_MODEL_BARRIERS 16
#define PS_MODEL_BARRIER_ARRIVALS 16 /* arrivals kept for the latest generation */
#define PS_MODEL_LOCKS 16
#define PS_MODEL_LOCK_WAITERS 8
#define PS_MODEL_LOCK_HANDOFFS 8
#define PS_MODEL_POOLS 8
#define PS_MODEL_POOL_LANES 16      /* lanes per pool */
#define PS_MODEL_LANES 32           /* lanes of all pools together */
#define PS_MODEL_LANE_INTERVALS 24  /* latest busy intervals per lane */
#define PS_MODEL_NAMESPACES 8
#define PS_MODEL_NS_ENTRIES 32
#define PS_MODEL_NS_KEY_MAX 16      /* NUL included */
#define PS_MODEL_NS_VALUE_MAX 32    /* NUL included */
#define PS_MODEL_LINES 200          /* output lines kept */
#define PS_MODEL_LINE_MAX 120       /* bytes kept of each line, NUL included */
#define PS_MODEL_MARK_MAX 32

/* Process states, in lifecycle order. */
enum ps_proc_state {
    PS_PROC_UNKNOWN = 0, /* only seen through other events */
    PS_PROC_SPAWNED,     /* created by its parent, not yet running */
    PS_PROC_RUNNING,
    PS_PROC_EXITED,      /* ended with an exit code */
    PS_PROC_KILLED,      /* ended by a signal (exit_code = -signal) */
};

/* A wait that ended: [t0, t1) on the process's bar. */
struct ps_model_wait_span {
    uint64_t t0, t1;
};

#define PS_MODEL_PROC_WAITS 4 /* ended waits kept per process (its latest), drawn on its bar */

struct ps_model_proc {
    int32_t pid;
    int32_t ppid;                 /* 0: unknown */
    char name[PS_MODEL_NAME_MAX]; /* "MainProcess", "Process-1"; "pid <n>" until named */
    uint16_t order;               /* order of first appearance (= row index) */
    uint16_t kind;                /* colour index: order of first appearance of the name's kind
                                     (the name without a trailing "-N") */
    uint8_t state;                /* enum ps_proc_state */
    uint8_t daemon;
    uint8_t joined;               /* someone joined it successfully */
    uint8_t has_exit;             /* exit_code is known */
    int32_t exit_code;            /* Python style: -N when killed by signal N */
    int32_t term_signal;          /* first signal sent to it by terminate/kill; 0: none */
    int32_t term_by;              /* pid that sent it */
    int32_t joined_by;            /* pid that joined it */
    uint64_t t_spawn;             /* parent created it */
    uint64_t t_start;             /* it began running */
    uint64_t t_end;               /* exited, or was reaped as signalled */
    uint64_t t_term;              /* first terminate/kill sent */
    uint64_t t_join;              /* successful join returned */
    uint32_t lines;               /* output lines it printed */
    uint32_t events;              /* events it emitted */
    uint8_t died;                 /* the supervisor saw it end (proc.died) */
    uint8_t stopped;              /* the user stopped it (SIGSTOP/SIGTSTP, no SIGCONT since) */
    uint8_t wait_kind;            /* enum ps_wait_kind it waits in; 0: not waiting */
    uint8_t reaped;               /* its parent (or the supervisor) collected its exit status */
    int32_t user_signal;          /* latest signal the user sent it; 0: none */
    uint32_t wait_obj;            /* what it waits on (wait.begin obj, peer, amount) */
    int32_t wait_peer;
    int64_t wait_amount;
    uint64_t t_wait;              /* its current wait began */
    uint32_t nwaits;              /* waits ended so far; the latest are in waits[k % N] */
    struct ps_model_wait_span waits[PS_MODEL_PROC_WAITS];
};

enum ps_chan_kind { PS_CHAN_PIPE = 1, PS_CHAN_QUEUE = 2 };

/* A value seen on a channel (sent into a pipe or put into a queue). */
struct ps_model_value {
    uint64_t t_ns;
    int32_t pid;
    uint8_t end;  /* pipe end that sent; 0 for queues */
    uint8_t len;  /* bytes in text */
    char text[PS_MODEL_VALUE_MAX];
};

struct ps_model_close {
    uint64_t t_ns;
    int32_t pid;  /* who closed */
    int32_t end;  /* which end (0 or 1) */
};

struct ps_model_chan {
    uint32_t obj;
    uint8_t kind;                   /* enum ps_chan_kind */
    uint8_t duplex;                 /* pipes */
    uint8_t nsenders;
    uint8_t nreceivers;
    int32_t senders[PS_MODEL_CHAN_PEERS];   /* first pids seen sending */
    int32_t receivers[PS_MODEL_CHAN_PEERS]; /* first pids seen receiving */
    int64_t capacity;               /* queues: 0 = unbounded */
    uint64_t sent, received;        /* messages */
    uint64_t bytes_sent, bytes_received;
    int64_t in_flight;              /* pipes: sent - received; queues: depth */
    uint32_t nvalues;               /* values ever recorded (latest at (nvalues-1) % N) */
    uint32_t ncloses;               /* closes ever seen (latest at (ncloses-1) % N) */
    struct ps_model_value values[PS_MODEL_CHAN_VALUES];
    struct ps_model_close closes[PS_MODEL_CHAN_CLOSES];
    uint32_t closed[2];             /* closes per end */
    uint8_t eof[2];                 /* end i saw end of file */
    int16_t hist;                   /* index into ps_model.hists, -1: none */
    uint64_t t_eof[2];
    int64_t depth, depth_max;       /* queues */
    uint32_t empty_checks;          /* queues: empty() asked */
    int8_t empty_last;              /* last answer: 1 empty, 0 not, -1 never asked */
    uint64_t t_open;                /* first event about it */
};

/* A queue's depth over time: the latest samples, oldest at (n - N) when n > N. */
struct ps_model_hist {
    uint32_t chan;                  /* index into ps_model.chans */
    uint32_t n;                     /* samples ever taken (latest at (n-1) % N) */
    uint64_t t_ns[PS_MODEL_HIST_SAMPLES];
    int32_t depth[PS_MODEL_HIST_SAMPLES];
};

struct ps_model_arrival {
    uint64_t t_arrive;
    int64_t wait_ns;   /* from its release event; -1 until released */
    int32_t pid;
    int32_t index;     /* arrival index the barrier reported */
};

struct ps_model_barrier {
    uint32_t obj;
    int32_t parties;
    int64_t generation;       /* latest generation seen (-1: none yet) */
    uint32_t narrivals;       /* arrivals in that generation (first N kept) */
    uint32_t nreleased;       /* releases in that generation */
    struct ps_model_arrival arrivals[PS_MODEL_BARRIER_ARRIVALS];
    uint64_t t_release;       /* first release of that generation */
    uint64_t total_arrivals, total_releases;
    uint8_t broken;
    int32_t broken_arrived;   /* parties that had arrived when it broke */
    uint64_t t_broken;
};

struct ps_model_waiter {
    uint64_t since;
    int32_t pid;
};

struct ps_model_handoff {
    uint64_t t_ns;
    int32_t from;     /* previous holder (0: nobody held it before) */
    int32_t to;
};

struct ps_model_lock {
    uint32_t obj;
    int32_t holder;           /* 0: free */
    uint64_t since;           /* holder has it since */
    int32_t last_holder;      /* latest holder that released it (or died holding it) */
    uint32_t nwaiters;        /* valid entries of waiters, in arrival order */
    struct ps_model_waiter waiters[PS_MODEL_LOCK_WAITERS];
    uint64_t acquisitions, releases;
    uint64_t wait_ns_total, held_ns_total;
    uint32_t nhandoffs;       /* hand-offs ever (latest at (n-1) % N) */
    uint32_t recovered;       /* acquisitions from a holder that had died */
    struct ps_model_handoff handoffs[PS_MODEL_LOCK_HANDOFFS];
};

struct ps_model_interval {
    uint64_t start, end;
    int64_t task;
};

struct ps_model_lane {
    uint32_t pool;            /* index into ps_model.pools */
    int32_t lane;             /* 1-based lane number in its pool */
    int32_t pid;              /* worker */
    uint8_t busy;
    uint8_t crashed;
    int32_t crash_exit;       /* exit code of the crash */
    int64_t task, items;      /* current (or latest) task */
    uint64_t busy_since;
    uint64_t tasks_done, items_done;
    uint64_t busy_ns;         /* total of finished intervals */
    uint32_t nintervals;      /* intervals ever (latest at (n-1) % N) */
    struct ps_model_interval intervals[PS_MODEL_LANE_INTERVALS];
};

struct ps_model_pool {
    uint32_t obj;
    int32_t workers;
    uint32_t nlanes;                        /* lanes known */
    int8_t lanes[PS_MODEL_POOL_LANES];      /* index into ps_model.lanes, in lane order; -1 */
    uint64_t submitted, started, done;      /* tasks */
    uint64_t items_submitted, items_done;
    int64_t backlog;                        /* submitted - started, never below 0 */
    uint8_t closed, terminated;
    uint32_t crashes;
    uint64_t t_new, t_close, t_terminate;
    uint32_t maps;                          /* map() calls begun */
    uint64_t t_map_begin, t_map_end;        /* the latest map(); end 0 while it runs */
};

struct ps_model_ns_entry {
    char key[PS_MODEL_NS_KEY_MAX];
    char value[PS_MODEL_NS_VALUE_MAX];
    int32_t setter;           /* pid of the latest set (0: only read so far) */
    uint32_t sets, gets;
    uint64_t t_set;
};

struct ps_model_ns {
    uint32_t obj;
    uint32_t nentries;
    struct ps_model_ns_entry entries[PS_MODEL_NS_ENTRIES];
};

struct ps_model_line {
    uint64_t t_ns;
    int32_t pid;
    uint8_t stream;           /* 1 stdout, 2 stderr */
    uint8_t captured;         /* 1: a STDIO line the supervisor captured */
    uint8_t cut;              /* text is only the line's start: the whole is in the log */
    uint16_t len;             /* bytes in text (cut to PS_MODEL_LINE_MAX - 1) */
    uint64_t event;           /* its event's number in the session's log */
    char text[PS_MODEL_LINE_MAX];
};

/* Capacity overflows: things seen but not stored. */
struct ps_model_overflow {
    uint32_t procs, chans, hists, barriers, arrivals, locks, waiters, pools, lanes;
    uint32_t namespaces, ns_entries;
};

struct ps_model {
    /* counts */
    uint64_t events;                    /* events applied */
    uint64_t type_counts[PS_EV__COUNT]; /* per known type */
    uint64_t bad;                       /* malformed events (unknown type included) */
    uint64_t unknown_types;             /* events with a type outside the schema */
    uint64_t drops, torn, corrupt;      /* from ring.dropped / ring.torn / ring.corrupt */
    uint64_t t_first, t_last;           /* first and latest event time */
    uint64_t last_seq;
    uint64_t lines_total;               /* output + stdio lines ever */
    uint64_t marks;
    uint64_t t_mark;
    char mark[PS_MODEL_MARK_MAX];       /* latest mark label */
    int32_t supervisor;                 /* pid of the first spawner that is no process row */
    struct ps_model_overflow overflow;

    uint32_t nprocs, nchans, nhists, nbarriers, nlocks, npools, nlanes, nnamespaces;
    uint32_t nkinds;
    uint32_t nlines;                    /* lines kept: min(lines_total, N); latest at line_head-1 */
    uint32_t line_head;                 /* next slot to write in lines */

    struct ps_model_proc procs[PS_MODEL_PROCS];
    int16_t proc_slots[2 * PS_MODEL_PROCS]; /* pid hash: row + 1, 0 empty */
    struct ps_model_chan chans[PS_MODEL_CHANS];
    struct ps_model_hist hists[PS_MODEL_HISTS];
    struct ps_model_barrier barriers[PS_MODEL_BARRIERS];
    struct ps_model_lock locks[PS_MODEL_LOCKS];
    struct ps_model_pool pools[PS_MODEL_POOLS];
    struct ps_model_lane lanes[PS_MODEL_LANES];
    struct ps_model_ns namespaces[PS_MODEL_NAMESPACES];
    struct ps_model_line lines[PS_MODEL_LINES];
};

/* Empty model. Any thread, any time. */
void ps_model_init(struct ps_model *m);

/*
 * Fold one event into the model: deterministic, O(1), no allocation, no
 * clock. `ev->text` may be NULL (read as ""); it is copied, never kept.
 * Malformed events are counted (m->bad) and otherwise ignored.
 */
void ps_model_apply(struct ps_model *m, const struct ps_event *ev);

/* True when the model has a fold for event type `type` (every known type has one). */
bool ps_model_folds_type(unsigned type);

/* The row of `pid`, or NULL. The pointer is into `m` and valid while it is. */
const struct ps_model_proc *ps_model_proc_find(const struct ps_model *m, int32_t pid);

/* The name of `pid` ("MainProcess", "pid 42"), or NULL when it has no row. */
const char *ps_model_proc_name(const struct ps_model *m, int32_t pid);

/* Finders by object id: the row, or NULL. */
const struct ps_model_chan *ps_model_chan_find(const struct ps_model *m, uint32_t obj);
const struct ps_model_barrier *ps_model_barrier_find(const struct ps_model *m, uint32_t obj);
const struct ps_model_lock *ps_model_lock_find(const struct ps_model *m, uint32_t obj);
const struct ps_model_pool *ps_model_pool_find(const struct ps_model *m, uint32_t obj);
const struct ps_model_ns *ps_model_ns_find(const struct ps_model *m, uint32_t obj);

/* The entry `key` of namespace `ns`, or NULL. */
const struct ps_model_ns_entry *ps_model_ns_entry_find(const struct ps_model_ns *ns,
                                                       const char *key);

/* The depth history of a queue, or NULL when it has none. */
const struct ps_model_hist *ps_model_chan_hist(const struct ps_model *m,
                                               const struct ps_model_chan *chan);

/* Lane `i` (0-based, lane order) of `pool`, or NULL. */
const struct ps_model_lane *ps_model_pool_lane(const struct ps_model *m,
                                               const struct ps_model_pool *pool, uint32_t i);

/*
 * The `i`-th kept output line, 0 = oldest kept (i < m->nlines), or NULL.
 * Lines older than the last PS_MODEL_LINES are gone (m->lines_total counts all).
 */
const struct ps_model_line *ps_model_line(const struct ps_model *m, uint32_t i);

/*
 * Format a Python-style exit code into buf: "0", "1", "-15 SIGTERM",
 * "-9 SIGKILL" ("-N" alone for a signal without a name). Always NUL-terminates
 * when n > 0. Returns buf.
 */
char *ps_model_exit_format(int32_t exit_code, char *buf, size_t n);

/* The state's display name: "spawned", "running", "exited", "killed", "unknown". */
const char *ps_model_state_name(unsigned state);

/*
 * What a process is doing, as the screen and `procscope info` say it: the
 * lifecycle state refined by what the events tell (issue 11 "true states").
 */
enum ps_proc_status {
    PS_PSTAT_UNKNOWN = 0,
    PS_PSTAT_SPAWNED, /* created, has not emitted anything yet */
    PS_PSTAT_RUNNING, /* emitted events, is not blocked */
    PS_PSTAT_WAITING, /* blocked: wait_kind says on what (wait.begin) */
    PS_PSTAT_STOPPED, /* the user sent SIGSTOP/SIGTSTP and no SIGCONT since */
    PS_PSTAT_ZOMBIE,  /* ended, its parent has not joined it yet */
    PS_PSTAT_EXITED,  /* ended with an exit code and was collected */
    PS_PSTAT_KILLED,  /* ended by a signal (exit_code = -signal) and was collected */
};

/* The status of row `p` of `m`. */
unsigned ps_model_proc_status(const struct ps_model *m, const struct ps_model_proc *p);

/* The status's short name: "spawned", "running", "waiting", "stopped", "zombie", "exited", "killed". */
const char *ps_model_status_name(unsigned status);

/*
 * The status of row `p` as a phrase for the UI, into buf (n bytes, always
 * NUL-terminated when n > 0): "running", "waiting: recv on pipe 1",
 * "waiting: sleep 1.0 s (0.4 s left)" (the time left only when now_ns > 0),
 * "waiting: barrier 1: 1 of 2 arrived", "waiting: lock 1 held by p1",
 * "waiting: join Process-2", "stopped by the user (SIGSTOP)",
 * "exited 0, not joined yet (zombie)", "exited 1", "killed by SIGTERM".
 * Names are raw (the caller escapes them for its terminal). Returns the length.
 */
size_t ps_model_proc_state_text(const struct ps_model *m, const struct ps_model_proc *p,
                                uint64_t now_ns, char *buf, size_t n);

#endif /* PS_SESSION_MODEL_H */
