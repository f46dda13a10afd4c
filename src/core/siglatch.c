/* SPDX-License-Identifier: MIT */
#include "core/siglatch.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t ps_siglatch_seen;
static volatile sig_atomic_t ps_siglatch_held;

static const int ps_siglatch_sigs[] = {SIGINT, SIGTERM, SIGHUP};

/* The handler: record the first signal; pass it on when nobody holds the latch. */
static void ps_siglatch_on_signal(int sig)
{
    if (!ps_siglatch_held) {
        signal(sig, SIG_DFL);
        raise(sig); /* delivered when the handler returns: the default action */
        return;
    }
    if (ps_siglatch_seen == 0) {
        ps_siglatch_seen = sig;
    }
}

int ps_siglatch_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof ps_siglatch_sigs / sizeof ps_siglatch_sigs[0]; i++) {
        sigaddset(&sa.sa_mask, ps_siglatch_sigs[i]);
    }
    sa.sa_handler = ps_siglatch_on_signal; /* no SA_RESTART: waits return EINTR */
    for (size_t i = 0; i < sizeof ps_siglatch_sigs / sizeof ps_siglatch_sigs[0]; i++) {
        struct sigaction old;
        if (sigaction(ps_siglatch_sigs[i], NULL, &old) < 0) {
            return -errno;
        }
        if (old.sa_handler == SIG_IGN) {
            continue; /* ignored by whoever started us (nohup, a background job): stays so */
        }
        if (sigaction(ps_siglatch_sigs[i], &sa, NULL) < 0) {
            return -errno;
        }
    }
    return 0;
}

int ps_siglatch_hold(void)
{
    ps_siglatch_held = 1;
    int rc = ps_siglatch_install(); /* idempotent; covers a caller that skipped main's */
    if (rc < 0) {
        return rc;
    }
    return signal(SIGPIPE, SIG_IGN) == SIG_ERR ? -errno : 0;
}

int ps_siglatch_pending(void)
{
    return ps_siglatch_seen;
}

void ps_siglatch_note(int sig)
{
    if (ps_siglatch_seen == 0) {
        ps_siglatch_seen = sig;
    }
}

int ps_siglatch_exit_code(int rc)
{
    int sig = ps_siglatch_seen;
    return sig > 0 ? 128 + sig : rc;
}
