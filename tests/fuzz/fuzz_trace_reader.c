/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the recording reader: any bytes go through
 * ps_trace_read_mem, and every event that comes out must respect the sink
 * contract (known type, text NUL-terminated within PS_EVENT_TEXT_MAX, seq
 * strictly increasing; on_begin first, on_end at most once and last).
 * Build: cmake -DPS_FUZZ=ON -DCMAKE_C_COMPILER=clang; seed corpus: the hostile
 * files test_trace_reader writes to <build>/fuzz_corpus/trace_reader/.
 *   ./fuzz_trace_reader <build>/fuzz_corpus/trace_reader -max_total_time=60
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "trace/trace_reader.h"

struct fuzz_state {
    bool began;
    bool ended;
    bool any;
    uint64_t last_seq;
};

static int fuzz_begin(void *ctx, const struct ps_session_info *info)
{
    struct fuzz_state *st = ctx;
    if (st->began || info->demo[sizeof info->demo - 1] != '\0' ||
        info->argv[sizeof info->argv - 1] != '\0' || info->host[sizeof info->host - 1] != '\0') {
        abort();
    }
    st->began = true;
    return 0;
}

static int fuzz_event(void *ctx, const struct ps_event *ev)
{
    struct fuzz_state *st = ctx;
    if (!st->began || st->ended || ev->type >= PS_EV__COUNT || ev->text_len > PS_EVENT_TEXT_MAX ||
        ev->text == NULL || ev->text[ev->text_len] != '\0' ||
        (st->any && ev->seq <= st->last_seq)) {
        abort();
    }
    st->any = true;
    st->last_seq = ev->seq;
    return 0;
}

static int fuzz_end(void *ctx, const struct ps_session_end *end)
{
    struct fuzz_state *st = ctx;
    if (!st->began || st->ended || end->complete > 1) {
        abort();
    }
    st->ended = true;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_state st = {0};
    struct ps_sink sink = {fuzz_begin, fuzz_event, fuzz_end, &st};
    char err[256];
    int rc = ps_trace_read_mem(data, size, &sink, NULL, err, sizeof err);
    if ((rc == 0) != st.ended) {
        abort(); /* on_end exactly when the read succeeds */
    }
    return 0;
}
