/* SPDX-License-Identifier: MIT */
/*
 * CRC32C (Castagnoli) for the blocks of a recording: the SSE4.2 instruction
 * when the CPU has it, a table otherwise. Any process may call it.
 */
#ifndef PS_TRACE_TRACE_CRC_H
#define PS_TRACE_TRACE_CRC_H

#include <stddef.h>
#include <stdint.h>

/*
 * Continue the CRC32C `crc` (0 to start) over `len` bytes at `data` and
 * return the new value. Thread-safe.
 */
uint32_t ps_trace_crc32c(uint32_t crc, const void *data, size_t len);

struct ps_trace_block;

/*
 * The CRC of a block (trace_format.h): CRC32C over its header with the crc
 * field as zero, then its payload_len bytes of payload. The one place it is
 * computed, for the writer and every reader.
 */
uint32_t ps_trace_block_crc(const struct ps_trace_block *b, const void *payload);

#endif /* PS_TRACE_TRACE_CRC_H */
