/* SPDX-License-Identifier: MIT */
/*
 * Lock: Python's multiprocessing.Lock for processes created by fork.
 *
 * The lock is a process-shared robust mutex in a shared mapping (create it
 * before starting the processes that use it). A holder that dies does not
 * deadlock the others: the next acquirer gets the lock (and its acquired
 * event says so, b = 1). Unlike Python's semaphore-based Lock, only the
 * process that acquired it may release it. Not recursive: acquiring it twice
 * in one process without a release blocks (or times out).
 *
 * Events: lock.new from the creator; lock.want before waiting, lock.acquired
 * (a = wait ns, b = 1 if the previous holder had died) and lock.released
 * (a = held ns) from each user.
 */
#ifndef PS_MP_LOCK_H
#define PS_MP_LOCK_H

#include <stdint.h>

struct ps_lock;

/*
 * Create an unlocked lock in a new shared mapping. Returns it, or NULL with
 * errno ENOMEM (or the mutex error). Any process; the processes it forks
 * afterwards share it. Emits lock.new.
 */
struct ps_lock *ps_lock_new(void);

/*
 * Unmap the lock in the calling process (others keep theirs). The caller must
 * not hold it. NULL is ignored.
 */
void ps_lock_free(struct ps_lock *lock);

/*
 * lock.acquire(timeout=timeout): timeout < 0 waits forever, 0 only tries.
 * Returns 0 when held (also when taken over from a holder that died), or
 * -ETIMEDOUT, or another -errno from the mutex. Any process sharing it.
 */
int ps_lock_acquire(struct ps_lock *lock, double timeout);

/*
 * lock.release(). Returns 0, or -EPERM when the caller does not hold it.
 * Any process sharing it (the holder).
 */
int ps_lock_release(struct ps_lock *lock);

/* The lock's object id in events. */
uint32_t ps_lock_id(const struct ps_lock *lock);

#endif /* PS_MP_LOCK_H */
