/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp/barrier.h"

#define MAX_KIDS 8

/* What each child saw, in memory shared with the test process. */
struct results {
    int index[MAX_KIDS];
    int second[MAX_KIDS];
};

static struct results *results_new(void)
{
    struct results *r =
        mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    cr_assert_neq(r, MAP_FAILED);
    for (int i = 0; i < MAX_KIDS; i++) {
        r->index[i] = -1000;
        r->second[i] = -1000;
    }
    return r;
}

/* Fork a child that waits twice at the barrier and records both results. */
static pid_t spawn_waiter(struct ps_barrier *barrier, struct results *r, int slot, double timeout)
{
    pid_t pid = fork();

    cr_assert_geq(pid, 0);
    if (pid == 0) {
        r->index[slot] = ps_barrier_wait(barrier, timeout);
        r->second[slot] = ps_barrier_wait(barrier, timeout);
        _exit(0);
    }
    return pid;
}

static void reap(pid_t pid)
{
    int status;

    cr_assert_eq(waitpid(pid, &status, 0), pid);
}

Test(barrier, rejects_zero_parties)
{
    errno = 0;
    cr_assert_null(ps_barrier_new(0));
    cr_assert_eq(errno, EINVAL);
}

Test(barrier, single_party_passes_at_once)
{
    struct ps_barrier *b = ps_barrier_new(1);

    cr_assert_not_null(b);
    cr_assert_eq(ps_barrier_wait(b, -1), 0);
    cr_assert_eq(ps_barrier_wait(b, 0.0), 0);
    cr_assert_eq(ps_barrier_parties(b), 1);
    ps_barrier_free(b);
}

Test(barrier, three_parties_all_released_with_distinct_indexes, .timeout = 20)
{
    struct ps_barrier *b = ps_barrier_new(3);
    struct results *r = results_new();
    pid_t pids[3];
    int seen[3] = {0};
    int seen2[3] = {0};

    cr_assert_not_null(b);
    for (int i = 0; i < 3; i++)
        pids[i] = spawn_waiter(b, r, i, -1);
    for (int i = 0; i < 3; i++)
        reap(pids[i]);
    for (int i = 0; i < 3; i++) {
        cr_assert(r->index[i] >= 0 && r->index[i] < 3, "child %d got %d", i, r->index[i]);
        cr_assert(r->second[i] >= 0 && r->second[i] < 3, "child %d got %d", i, r->second[i]);
        seen[r->index[i]]++;
        seen2[r->second[i]]++;
    }
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(seen[i], 1, "index %d returned %d times", i, seen[i]);
        cr_assert_eq(seen2[i], 1, "second generation: index %d returned %d times", i, seen2[i]);
    }
    cr_assert_not(ps_barrier_broken(b));
    cr_assert_eq(ps_barrier_n_waiting(b), 0);
    ps_barrier_free(b);
}

Test(barrier, dead_party_breaks_it_for_everyone, .timeout = 20)
{
    struct ps_barrier *b = ps_barrier_new(3);
    struct results *r = results_new();
    pid_t dead = fork();
    pid_t pids[2];
    int status;

    cr_assert_not_null(b);
    cr_assert_geq(dead, 0);
    if (dead == 0) {
        pause();
        _exit(0);
    }
    kill(dead, SIGKILL);
    cr_assert_eq(waitpid(dead, &status, 0), dead);
    cr_assert(WIFSIGNALED(status));
    /* The two live parties can never be released: the first timeout breaks it. */
    pids[0] = spawn_waiter(b, r, 0, 0.3);
    pids[1] = spawn_waiter(b, r, 1, 5.0);
    reap(pids[0]);
    reap(pids[1]);
    cr_assert_eq(r->index[0], -EPIPE);
    cr_assert_eq(r->index[1], -EPIPE);
    cr_assert_eq(r->second[0], -EPIPE, "a broken barrier stays broken");
    cr_assert(ps_barrier_broken(b));
    cr_assert_eq(ps_barrier_wait(b, -1), -EPIPE);
    ps_barrier_free(b);
}

Test(barrier, party_killed_while_waiting_then_abort_frees_the_others, .timeout = 20)
{
    struct ps_barrier *b = ps_barrier_new(3);
    struct results *r = results_new();
    pid_t victim = spawn_waiter(b, r, 0, -1);
    pid_t other = spawn_waiter(b, r, 1, -1);

    cr_assert_not_null(b);
    while (ps_barrier_n_waiting(b) < 2)
        usleep(1000);
    kill(victim, SIGKILL);
    reap(victim);
    cr_assert_eq(ps_barrier_abort(b), 0);
    reap(other);
    cr_assert_eq(r->index[1], -EPIPE);
    ps_barrier_free(b);
}

Test(barrier, reset_makes_it_usable_again, .timeout = 20)
{
    struct ps_barrier *b = ps_barrier_new(2);
    struct results *r = results_new();
    pid_t pid;

    cr_assert_not_null(b);
    cr_assert_eq(ps_barrier_wait(b, 0.01), -EPIPE);
    cr_assert(ps_barrier_broken(b));
    cr_assert_eq(ps_barrier_reset(b), 0);
    cr_assert_not(ps_barrier_broken(b));
    pid = spawn_waiter(b, r, 0, 10.0);
    {
        int first = ps_barrier_wait(b, 10.0);
        int second = ps_barrier_wait(b, 10.0);

        cr_assert(first == 0 || first == 1);
        cr_assert(second == 0 || second == 1);
    }
    reap(pid);
    cr_assert(r->index[0] == 0 || r->index[0] == 1);
    ps_barrier_free(b);
}

Test(barrier, reset_fails_current_waiters, .timeout = 20)
{
    struct ps_barrier *b = ps_barrier_new(2);
    struct results *r = results_new();
    pid_t pid = spawn_waiter(b, r, 0, -1);

    cr_assert_not_null(b);
    while (ps_barrier_n_waiting(b) < 1)
        usleep(1000);
    cr_assert_eq(ps_barrier_reset(b), 0);
    /* The child's first wait failed; its second meets ours in a new generation. */
    int mine = ps_barrier_wait(b, 10.0);

    reap(pid);
    cr_assert_eq(r->index[0], -EPIPE);
    cr_assert(mine == 0 || mine == 1, "got %d", mine);
    cr_assert_eq(r->second[0], 1 - mine);
    ps_barrier_free(b);
}
