/* SPDX-License-Identifier: MIT */
/* The process-wide signal latch: pass-on until held, then only recorded; 128+N at the end. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/siglatch.h"

TestSuite(siglatch, .timeout = 30);

/* Run `body` in a child; return its wait status. */
static int in_child(int (*body)(void))
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        _exit(body());
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    return status;
}

static int pass_on(void)
{
    ps_siglatch_install();
    raise(SIGTERM);
    return 3; /* not reached: the default action killed us */
}

Test(siglatch, before_hold_a_signal_acts_as_by_default)
{
    int status = in_child(pass_on);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);
}

static int held(void)
{
    ps_siglatch_install();
    if (ps_siglatch_hold() < 0 || ps_siglatch_pending() != 0) {
        return 1;
    }
    raise(SIGHUP);
    raise(SIGINT); /* the first one counts */
    raise(SIGPIPE); /* ignored while held */
    if (ps_siglatch_pending() != SIGHUP) {
        return 2;
    }
    return ps_siglatch_exit_code(0) == 128 + SIGHUP ? 0 : 4;
}

Test(siglatch, held_signals_are_recorded_and_give_128_plus_n)
{
    int status = in_child(held);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

static int noted(void)
{
    if (ps_siglatch_exit_code(5) != 5) {
        return 1;
    }
    ps_siglatch_note(SIGINT);
    return ps_siglatch_pending() == SIGINT && ps_siglatch_exit_code(5) == 130 ? 0 : 2;
}

Test(siglatch, a_noted_signal_counts_like_a_caught_one)
{
    int status = in_child(noted);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}
