/* Time sources. Inline: the monotonic read is most of an event's cost. */
#ifndef PS_CORE_CLOCK_H
#define PS_CORE_CLOCK_H

#include <stdint.h>
#include <time.h>

/* CLOCK_MONOTONIC in nanoseconds (vDSO: no syscall). */
static inline uint64_t ps_clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CLOCK_REALTIME in nanoseconds since the epoch. */
static inline uint64_t ps_clock_wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Sleep for `ns` nanoseconds, resuming after signals. */
void ps_clock_sleep_ns(uint64_t ns);

#endif /* PS_CORE_CLOCK_H */
