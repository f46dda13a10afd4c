/* SPDX-License-Identifier: MIT */
#include "trace/trace_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace/trace_blocks.h"
#include "trace/trace_codec.h"
#include "trace/trace_format.h"
#include "trace/trace_reader_internal.h"

/* Where to stop after the event blocks. */
enum ps_trace_phase { PS_TRACE_PH_EVENTS, PS_TRACE_PH_INDEX, PS_TRACE_PH_FOOTER };

/* One read in progress. */
struct ps_trace_rd {
    struct ps_trace_src *src; /* the bytes, read a block at a time */
    uint64_t off;             /* next block starts here */
    uint64_t block_no;       /* number of the block at off (0-based, all kinds) */
    const struct ps_sink *sink;
    struct ps_trace_stats *st;
    char *err;
    size_t errlen;
    enum ps_trace_phase phase;
    struct ps_trace_codec codec; /* decoder state: last seq, t_ns; drops, torn seen */
    struct ps_session_end end;
    uint64_t index_off;
    ps_trace_block_fn on_block; /* may be NULL */
    void *block_ctx;
    const struct ps_trace_ahead *ahead; /* blocks checked ahead, in file order (nahead) */
    size_t nahead;
    size_t ahead_next;                  /* the first entry not behind off */
    const struct ps_trace_ahead *cur;   /* the entry of the block at off when it is good */
};

/* Record the one-line message for an error and return rc. */
__attribute__((format(printf, 3, 4))) static int ps_trace_rd_fail(struct ps_trace_rd *rd, int rc,
                                                                  const char *fmt, ...)
{
    if (rd->err && rd->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(rd->err, rd->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* The error for a read that failed or came up short: the file changed under us. */
static int ps_trace_rd_changed(struct ps_trace_rd *rd, int rc)
{
    if (rc == -ENOMEM) {
        return ps_trace_rd_fail(rd, rc, "out of memory at byte %" PRIu64, rd->off);
    }
    return ps_trace_rd_fail(rd, -EIO, "file changed while reading (near byte %" PRIu64 ")",
                            rd->off);
}

/* Copy a fixed-size header string, forcing the terminating NUL. */
static void ps_trace_rd_str(char *dst, const char *src, size_t n)
{
    memcpy(dst, src, n);
    dst[n - 1] = '\0';
}

/* Check the file header and fill info; 0 or an error. */
static int ps_trace_rd_header(struct ps_trace_rd *rd, struct ps_session_info *info)
{
    uint64_t len = rd->src->size;
    char magic[PS_TRACE_MAGIC_LEN];
    size_t m = len < PS_TRACE_MAGIC_LEN ? (size_t)len : PS_TRACE_MAGIC_LEN;
    int rc = ps_trace_src_read(rd->src, 0, magic, m);
    if (rc < 0) {
        return ps_trace_rd_changed(rd, rc);
    }
    if (len == 0 || memcmp(magic, PS_TRACE_MAGIC, m) != 0) {
        return ps_trace_rd_fail(rd, -EBADMSG, "not a procscope recording (bad magic)");
    }
    struct ps_trace_header h;
    if (len < sizeof h) {
        return ps_trace_rd_fail(rd, -EBADMSG, "truncated header (%" PRIu64 " of %zu bytes)", len,
                                sizeof h);
    }
    rc = ps_trace_src_read(rd->src, 0, &h, sizeof h);
    if (rc < 0) {
        return ps_trace_rd_changed(rd, rc);
    }
    rd->st->version = h.version;
    if (h.version != PS_TRACE_VERSION) {
        return ps_trace_rd_fail(rd, -EPROTO, "unknown format version %" PRIu32
                                " (this procscope reads version %d)", h.version,
                                PS_TRACE_VERSION);
    }
    if (h.endian != PS_TRACE_ENDIAN_MARK) {
        return ps_trace_rd_fail(rd, -EPROTO, "recorded on a machine of the other byte order");
    }
    if (h.header_len != PS_TRACE_HEADER_SIZE || !isfinite(h.time_scale) || h.time_scale < 0) {
        return ps_trace_rd_fail(rd, -EBADMSG, "corrupt header (length %" PRIu32 ", scale %g)",
                                h.header_len, h.time_scale);
    }
    memset(info, 0, sizeof *info);
    ps_trace_rd_str(info->demo, h.demo, sizeof info->demo);
    ps_trace_rd_str(info->argv, h.argv, sizeof info->argv);
    ps_trace_rd_str(info->host, h.host, sizeof info->host);
    info->start_wall_ns = h.start_wall_ns;
    info->start_mono_ns = h.start_mono_ns;
    info->time_scale = h.time_scale;
    info->supervisor_pid = h.supervisor_pid;
    rd->off = sizeof h;
    return 0;
}

/*
 * Pass the events of block b (payload p) to the sink, or when nobody wants
 * them only check them, or take the check made ahead; 0 or an error (*e).
 */
static int ps_trace_rd_codec(struct ps_trace_rd *rd, const struct ps_trace_block *b,
                             const uint8_t *p, struct ps_trace_codec_error *e)
{
    if (rd->cur) { /* checked ahead and good: the codec as that check left it */
        struct ps_trace_codec c = rd->cur->after;
        c.drops = c.drops ? c.drops : rd->codec.drops;
        c.torn = c.torn ? c.torn : rd->codec.torn;
        rd->codec = c;
        return 0;
    }
    ps_trace_codec_start(&rd->codec, b->first_seq, b->first_t_ns);
    int rc = -EBADMSG;
    if (!rd->sink->on_event) { /* nobody wants the events: only check them (faster) */
        rc = ps_trace_codec_check(&rd->codec, p, b->payload_len, b->count);
    }
    if (rc < 0) { /* decode them, or learn what is wrong with them and where */
        rc = ps_trace_codec_decode(&rd->codec, p, b->payload_len, b->count, rd->sink, e);
    }
    return rc;
}

/* Decode one event block whose header is `b` and payload at `p`; 0 or an error. */
static int ps_trace_rd_events(struct ps_trace_rd *rd, const struct ps_trace_block *b,
                              const uint8_t *p)
{
    if (rd->phase != PS_TRACE_PH_EVENTS) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64 ": events after the "
                                "end block", rd->block_no, rd->off);
    }
    if (b->count == 0 || b->count > b->payload_len) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64 ": absurd event "
                                "count %" PRIu32 " for %" PRIu32 " bytes", rd->block_no, rd->off,
                                b->count, b->payload_len);
    }
    if (rd->st->events > 0 && b->first_seq <= rd->codec.seq) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64 ": seq %" PRIu64
                                " does not follow %" PRIu64, rd->block_no, rd->off,
                                b->first_seq, rd->codec.seq);
    }
    struct ps_trace_codec_error e = {0};
    int rc = ps_trace_rd_codec(rd, b, p, &e);
    if (rc == -EBADMSG && e.why) {
        return ps_trace_rd_fail(rd, rc, "block %" PRIu64 " at byte %" PRIu64 ": event %" PRIu32
                                " at byte %" PRIu64 ": %s", rd->block_no, rd->off, e.index,
                                rd->off + sizeof *b + e.offset, e.why);
    }
    if (rc < 0) {
        return ps_trace_rd_fail(rd, rc, "block %" PRIu64 ": stopped by the consumer: %s",
                                rd->block_no, strerror(-rc));
    }
    if (rd->on_block) {
        rc = rd->on_block(rd->block_ctx, rd->off, b);
        if (rc < 0) {
            return ps_trace_rd_fail(rd, rc, "block %" PRIu64 ": stopped by the consumer: %s",
                                    rd->block_no, strerror(-rc));
        }
    }
    rd->st->blocks++;
    rd->st->events += b->count;
    return 0;
}

/* Read the end block's record; 0 or an error. */
static int ps_trace_rd_end(struct ps_trace_rd *rd, const struct ps_trace_block *b,
                           const uint8_t *p)
{
    struct ps_trace_end_rec rec;
    if (rd->phase != PS_TRACE_PH_EVENTS || b->payload_len != sizeof rec || b->count != 1) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64 ": malformed end "
                                "block", rd->block_no, rd->off);
    }
    memcpy(&rec, p, sizeof rec);
    rd->end = (struct ps_session_end){.end_mono_ns = rec.end_mono_ns, .events = rec.events,
                                      .drops = rec.drops, .torn = rec.torn,
                                      .exit_status = rec.exit_status,
                                      .complete = rec.complete ? 1 : 0,
                                      .containment = rec.containment};
    rd->st->has_end = true;
    rd->phase = PS_TRACE_PH_INDEX;
    return 0;
}

/* Check the index block's header before its payload is read; 0 or an error. */
static int ps_trace_rd_index_head(struct ps_trace_rd *rd, const struct ps_trace_block *b)
{
    if (rd->phase != PS_TRACE_PH_INDEX || b->count != rd->st->blocks ||
        b->payload_len != (uint64_t)b->count * sizeof(struct ps_trace_index_rec)) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64
                                ": malformed index block", rd->block_no, rd->off);
    }
    return 0;
}

/* Check the index block against the event blocks it points at; 0 or an error. */
static int ps_trace_rd_index(struct ps_trace_rd *rd, const struct ps_trace_block *b,
                             const uint8_t *p)
{
    for (uint32_t i = 0; i < b->count; i++) {
        struct ps_trace_index_rec e;
        struct ps_trace_block eb;
        memcpy(&e, p + (size_t)i * sizeof e, sizeof e);
        if (e.offset < PS_TRACE_HEADER_SIZE || e.offset > rd->off - sizeof eb) {
            return ps_trace_rd_fail(rd, -EBADMSG, "index entry %" PRIu32 ": bad offset %" PRIu64,
                                    i, e.offset);
        }
        int rc = ps_trace_src_read(rd->src, e.offset, &eb, sizeof eb);
        if (rc < 0) {
            return ps_trace_rd_changed(rd, rc);
        }
        if (eb.kind != PS_TRACE_BLOCK_EVENTS || eb.first_seq != e.first_seq ||
            eb.first_t_ns != e.first_t_ns) {
            return ps_trace_rd_fail(rd, -EBADMSG, "index entry %" PRIu32 " does not match the "
                                    "block at byte %" PRIu64, i, e.offset);
        }
    }
    rd->index_off = rd->off;
    rd->phase = PS_TRACE_PH_FOOTER;
    return 0;
}

/* Check the footer that must end the file; 0 or an error. */
static int ps_trace_rd_footer(struct ps_trace_rd *rd)
{
    struct ps_trace_footer f;
    uint64_t left = rd->src->size - rd->off;
    if (left < sizeof f) {
        rd->st->cut_at = rd->off;
        return 0; /* cut inside the footer: the data is all there */
    }
    int rc = ps_trace_src_read(rd->src, rd->off, &f, sizeof f);
    if (rc < 0) {
        return ps_trace_rd_changed(rd, rc);
    }
    if (left != sizeof f || memcmp(f.magic, PS_TRACE_FOOTER_MAGIC, PS_TRACE_MAGIC_LEN) != 0 ||
        f.index_offset != rd->index_off) {
        return ps_trace_rd_fail(rd, -EBADMSG, "bad footer at byte %" PRIu64, rd->off);
    }
    rd->st->complete_file = true;
    return 0;
}

/* The entry of the block b at off when it was checked ahead and found good, else NULL. */
static const struct ps_trace_ahead *ps_trace_rd_ahead(struct ps_trace_rd *rd,
                                                      const struct ps_trace_block *b)
{
    while (rd->ahead_next < rd->nahead && rd->ahead[rd->ahead_next].offset < rd->off) {
        rd->ahead_next++;
    }
    if (rd->ahead_next == rd->nahead || rd->sink->on_event) {
        return NULL;
    }
    const struct ps_trace_ahead *a = &rd->ahead[rd->ahead_next];
    bool same = a->offset == rd->off && memcmp(&a->head, b, sizeof *b) == 0;
    return same && a->ok && b->kind == PS_TRACE_BLOCK_EVENTS ? a : NULL;
}

/* Frame the block at off (trace_blocks.h); 1 = framed, 0 = the file is cut here, <0 error. */
static int ps_trace_rd_frame(struct ps_trace_rd *rd, struct ps_trace_block *b)
{
    int fr = ps_trace_src_frame(rd->src, rd->off, b);
    if (fr < 0) {
        return ps_trace_rd_changed(rd, fr);
    }
    if (fr == PS_TRACE_FRAME_KIND) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64
                                ": unknown block kind 0x%08" PRIx32, rd->block_no, rd->off,
                                b->kind);
    }
    if (fr == PS_TRACE_FRAME_LEN) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64
                                ": absurd length %" PRIu32, rd->block_no, rd->off,
                                b->payload_len);
    }
    return fr == PS_TRACE_FRAME_OK;
}

/*
 * Frame one block, read its payload into *p and check its CRC (unless it was
 * checked ahead); 1 = read it, 0 = the file is cut here, <0 error.
 */
static int ps_trace_rd_check(struct ps_trace_rd *rd, struct ps_trace_block *b, const uint8_t **p)
{
    int rc = ps_trace_rd_frame(rd, b);
    if (rc <= 0) {
        return rc;
    }
    rd->cur = ps_trace_rd_ahead(rd, b);
    *p = NULL;
    if (rd->cur) {
        return 1;
    }
    if (b->kind == PS_TRACE_BLOCK_INDEX && (rc = ps_trace_rd_index_head(rd, b)) < 0) {
        return rc;
    }
    rc = ps_trace_src_payload(rd->src, rd->off, b, p);
    if (rc < 0) {
        return ps_trace_rd_changed(rd, rc);
    }
    if (!ps_trace_block_crc_ok(b, *p)) {
        return ps_trace_rd_fail(rd, -EBADMSG, "block %" PRIu64 " at byte %" PRIu64 ": bad CRC",
                                rd->block_no, rd->off);
    }
    return 1;
}

/* Read every block up to the footer or the point where the file is cut; 0 or an error. */
static int ps_trace_rd_blocks(struct ps_trace_rd *rd)
{
    while (rd->phase != PS_TRACE_PH_FOOTER) {
        struct ps_trace_block b;
        const uint8_t *p = NULL;
        int rc = ps_trace_rd_check(rd, &b, &p);
        if (rc <= 0) {
            rd->st->cut_at = rd->off;
            return rc;
        }
        if (b.kind == PS_TRACE_BLOCK_EVENTS) {
            rc = ps_trace_rd_events(rd, &b, p);
        } else if (b.kind == PS_TRACE_BLOCK_END) {
            rc = ps_trace_rd_end(rd, &b, p);
        } else {
            rc = ps_trace_rd_index(rd, &b, p);
        }
        if (rc < 0) {
            return rc;
        }
        rd->off += sizeof b + b.payload_len;
        rd->block_no++;
    }
    return ps_trace_rd_footer(rd);
}

/* Read the recording from `src` into the sink, with hooks (may be NULL). */
static int ps_trace_read_src(struct ps_trace_src *src, const struct ps_sink *sink,
                             const struct ps_trace_read_hooks *hooks,
                             struct ps_trace_stats *stats, char *err, size_t errlen)
{
    static const struct ps_trace_read_hooks none = {0};
    const struct ps_trace_read_hooks *hk = hooks ? hooks : &none;
    struct ps_trace_stats local;
    struct ps_trace_rd rd = {.src = src, .sink = sink, .st = stats ? stats : &local,
                             .err = err, .errlen = errlen, .on_block = hk->on_block,
                             .block_ctx = hk->block_ctx};
    memset(rd.st, 0, sizeof *rd.st);
    rd.st->file_size = src->size;
    if (err && errlen) {
        err[0] = '\0';
    }
    struct ps_session_info info;
    int rc = ps_trace_rd_header(&rd, &info);
    if (rc < 0) {
        return rc;
    }
    rc = ps_sink_begin(sink, &info);
    if (rc < 0) {
        return ps_trace_rd_fail(&rd, rc, "stopped by the consumer: %s", strerror(-rc));
    }
    rd.codec.t_ns = info.start_mono_ns;
    if (hk->ahead) {
        rd.nahead = hk->ahead(hk->ahead_ctx, src, &rd.ahead);
    }
    rc = ps_trace_rd_blocks(&rd);
    if (rc < 0) {
        return rc;
    }
    if (!rd.st->has_end) {
        rd.end = (struct ps_session_end){.end_mono_ns = rd.codec.t_ns, .events = rd.st->events,
                                         .drops = rd.codec.drops, .torn = rd.codec.torn,
                                         .complete = 0};
    }
    rc = ps_sink_end(sink, &rd.end);
    return rc < 0 ? ps_trace_rd_fail(&rd, rc, "stopped by the consumer: %s", strerror(-rc)) : 0;
}

int ps_trace_read_mem(const void *data, size_t len, const struct ps_sink *sink,
                      struct ps_trace_stats *stats, char *err, size_t errlen)
{
    struct ps_trace_src src;
    ps_trace_src_mem(&src, data, len);
    return ps_trace_read_src(&src, sink, NULL, stats, err, errlen);
}

int ps_trace_read_fd_hooks(int fd, const struct ps_sink *sink,
                           const struct ps_trace_read_hooks *hooks, struct ps_trace_stats *stats,
                           char *err, size_t errlen)
{
    struct ps_trace_rd rd = {.err = err, .errlen = errlen};
    struct stat sb;
    if (fstat(fd, &sb) < 0) {
        return ps_trace_rd_fail(&rd, -errno, "cannot stat: %s", strerror(errno));
    }
    if (S_ISDIR(sb.st_mode)) {
        return ps_trace_rd_fail(&rd, -EISDIR, "is a directory, not a recording");
    }
    if (!S_ISREG(sb.st_mode)) {
        return ps_trace_rd_fail(&rd, PS_TRACE_NOT_REGULAR, "not a regular file");
    }
    struct ps_trace_src src;
    int rc = ps_trace_src_file(&src, fd);
    if (rc < 0) {
        return ps_trace_rd_fail(&rd, rc, "cannot stat: %s", strerror(-rc));
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    rc = ps_trace_read_src(&src, sink, hooks, stats, err, errlen);
    ps_trace_src_done(&src);
    return rc;
}

int ps_trace_read_fd(int fd, const struct ps_sink *sink, struct ps_trace_stats *stats, char *err,
                     size_t errlen)
{
    return ps_trace_read_fd_hooks(fd, sink, NULL, stats, err, errlen);
}

int ps_trace_open(const char *path, struct stat *st, char *err, size_t errlen)
{
    struct ps_trace_rd rd = {.err = err, .errlen = errlen};
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int rc = -errno;
        return ps_trace_rd_fail(&rd, rc, "cannot open: %s", strerror(-rc));
    }
    struct stat local;
    struct stat *sb = st ? st : &local;
    int rc = 0;
    if (fstat(fd, sb) < 0) {
        rc = ps_trace_rd_fail(&rd, -errno, "cannot stat: %s", strerror(errno));
    } else if (S_ISDIR(sb->st_mode)) {
        rc = ps_trace_rd_fail(&rd, -EISDIR, "is a directory, not a recording");
    } else if (!S_ISREG(sb->st_mode)) {
        rc = ps_trace_rd_fail(&rd, PS_TRACE_NOT_REGULAR, "not a regular file");
    } else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
        rc = ps_trace_rd_fail(&rd, -errno, "cannot open: %s", strerror(errno));
    }
    if (rc < 0) {
        close(fd);
        return rc;
    }
    return fd;
}

int ps_trace_read_ex(const char *path, const struct ps_sink *sink, struct ps_trace_stats *stats,
                     char *err, size_t errlen)
{
    int fd = ps_trace_open(path, NULL, err, errlen);
    if (fd < 0) {
        return fd;
    }
    int rc = ps_trace_read_fd(fd, sink, stats, err, errlen);
    close(fd);
    return rc;
}

int ps_trace_read(const char *path, const struct ps_sink *sink, char *err, size_t errlen)
{
    return ps_trace_read_ex(path, sink, NULL, err, errlen);
}
