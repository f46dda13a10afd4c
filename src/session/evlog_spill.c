/* SPDX-License-Identifier: MIT */
/*
 * The window of a live event log: once more than `window` record chunks
 * exist, the oldest one goes to an unlinked temporary file (its 65536
 * records, then their texts, each record's text_ref rewritten to an offset
 * in that text run), and its memory is freed together with the text chunks
 * only it used. A get before the window reads one chunk back into a cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/evlog_internal.h"

/* Where one spilled chunk is in the file. */
struct ps_evlog_spilled {
    uint64_t offset;     /* its records; its texts follow */
    uint64_t text_bytes; /* bytes of text after the records */
};

struct ps_evlog_spill {
    int fd;                          /* the unlinked temporary file */
    uint64_t file_bytes;             /* written so far */
    size_t window;                   /* record chunks kept in memory (>= 2) */
    size_t first;                    /* chunks below this are on disk */
    struct ps_evlog_spilled *where;  /* [first]: per spilled chunk */
    size_t *arena_mark;              /* per chunk: the text chunk number current at its start */
    size_t cap;                      /* entries of where and arena_mark */
    size_t arena_freed;              /* text chunks below this number are freed */
    size_t cached;                   /* the chunk read back, or SIZE_MAX */
    struct ps_evlog_rec *crecs;      /* its records */
    char *ctext;                     /* its texts */
    size_t ctext_cap;
    char *blob;                      /* texts of the chunk being spilled */
    size_t blob_cap;
    struct ps_evlog_rec *out;        /* records of the chunk being spilled, refs rewritten */
};

/* Make an unlinked temporary file in $TMPDIR (or /tmp); the fd or -errno. */
static int ps_evlog_spill_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0]) {
        dir = "/tmp";
    }
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        return fd;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/procscope-log.XXXXXX", dir);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    unlink(path);
    return fd;
}

int ps_evlog_set_window(struct ps_evlog *log, uint64_t events)
{
    if (log->has_src || log->nchunks > 0) {
        return -EBUSY; /* a window starts with the log */
    }
    if (log->spill || events == 0) {
        return log->spill && events == 0 ? -EBUSY : 0;
    }
    struct ps_evlog_spill *sp = calloc(1, sizeof(*sp));
    if (!sp) {
        return -ENOMEM;
    }
    sp->fd = ps_evlog_spill_file();
    if (sp->fd < 0) {
        int rc = sp->fd;
        free(sp);
        return rc;
    }
    uint64_t chunks = (events + PS_EVLOG_CHUNK - 1) / PS_EVLOG_CHUNK;
    sp->window = chunks < 2 ? 2 : (size_t)chunks;
    sp->cached = SIZE_MAX;
    log->spill = sp;
    return 0;
}

uint64_t ps_evlog_window(const struct ps_evlog *log)
{
    return log->spill ? (uint64_t)log->spill->window * PS_EVLOG_CHUNK : 0;
}

uint64_t ps_evlog_spilled(const struct ps_evlog *log)
{
    return log->spill ? (uint64_t)log->spill->first * PS_EVLOG_CHUNK : 0;
}

/* Make room for chunk number `chunk` in the per-chunk tables; 0 or -ENOMEM. */
static int ps_evlog_spill_tables(struct ps_evlog_spill *sp, size_t chunk)
{
    if (chunk < sp->cap) {
        return 0;
    }
    size_t ncap = sp->cap ? sp->cap * 2 : 64;
    while (ncap <= chunk) {
        ncap *= 2;
    }
    struct ps_evlog_spilled *w = realloc(sp->where, ncap * sizeof(*w));
    if (w) {
        sp->where = w;
    }
    size_t *m = realloc(sp->arena_mark, ncap * sizeof(*m));
    if (m) {
        sp->arena_mark = m;
    }
    if (!w || !m) {
        return -ENOMEM;
    }
    sp->cap = ncap;
    return 0;
}

/* Write all of buf at off; 0 or -errno. */
static int ps_evlog_spill_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

/*
 * Copy the records of a chunk into sp->out and their texts into sp->blob,
 * the copies' refs rewritten to blob offsets; the text bytes, or -ENOMEM.
 */
static int64_t ps_evlog_spill_texts(struct ps_evlog *log, const struct ps_evlog_rec *recs)
{
    struct ps_evlog_spill *sp = log->spill;
    if (!sp->out && !(sp->out = malloc(PS_EVLOG_CHUNK * sizeof(*sp->out)))) {
        return -ENOMEM;
    }
    memcpy(sp->out, recs, PS_EVLOG_CHUNK * sizeof(*recs));
    size_t used = 0;
    for (size_t r = 0; r < PS_EVLOG_CHUNK; r++) {
        const char *text = ps_evlog_rec_text(log, &recs[r]);
        if (!text) {
            continue;
        }
        size_t need = used + recs[r].text_len + 1;
        if (need > sp->blob_cap) {
            size_t ncap = sp->blob_cap ? sp->blob_cap * 2 : 1u << 20;
            while (ncap < need) {
                ncap *= 2;
            }
            char *grown = realloc(sp->blob, ncap);
            if (!grown) {
                return -ENOMEM;
            }
            sp->blob = grown;
            sp->blob_cap = ncap;
        }
        memcpy(sp->blob + used, text, recs[r].text_len + 1);
        sp->out[r].text_ref = (uint32_t)used;
        used = need;
    }
    return (int64_t)used;
}

/* Move chunk sp->first to disk and free it and the text chunks only it used; 0 or -errno. */
static int ps_evlog_spill_one(struct ps_evlog *log)
{
    struct ps_evlog_spill *sp = log->spill;
    size_t k = sp->first;
    struct ps_evlog_rec *recs = log->chunks[k];
    int64_t text_bytes = ps_evlog_spill_texts(log, recs);
    if (text_bytes < 0) {
        return (int)text_bytes;
    }
    size_t rec_bytes = PS_EVLOG_CHUNK * sizeof(*recs);
    int rc = ps_evlog_spill_pwrite(sp->fd, sp->out, rec_bytes, sp->file_bytes);
    if (rc == 0) {
        rc = ps_evlog_spill_pwrite(sp->fd, sp->blob, (size_t)text_bytes,
                                   sp->file_bytes + rec_bytes);
    }
    if (rc < 0) {
        return rc; /* nothing changed in memory: the log refuses to grow instead */
    }
    sp->where[k] = (struct ps_evlog_spilled){sp->file_bytes, (uint64_t)text_bytes};
    sp->file_bytes += rec_bytes + (uint64_t)text_bytes;
    free(recs);
    log->chunks[k] = NULL;
    sp->first = k + 1;
    for (; sp->arena_freed < sp->arena_mark[k + 1]; sp->arena_freed++) {
        size_t slot = sp->arena_freed % PS_EVLOG_ARENA_MAX;
        free(log->arena[slot]);
        log->arena[slot] = NULL;
    }
    return 0;
}

int ps_evlog_spill_after_grow(struct ps_evlog *log, size_t chunk)
{
    struct ps_evlog_spill *sp = log->spill;
    if (!sp) {
        return 0;
    }
    if (ps_evlog_spill_tables(sp, chunk) < 0) {
        return -ENOMEM;
    }
    sp->arena_mark[chunk] = log->narena > 0 ? log->narena - 1 : 0;
    while (chunk + 1 - sp->first > sp->window) {
        int rc = ps_evlog_spill_one(log);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

/* Read spilled chunk k into the cache; 0 or -errno. */
static int ps_evlog_spill_load(struct ps_evlog_spill *sp, size_t k)
{
    size_t rec_bytes = PS_EVLOG_CHUNK * sizeof(struct ps_evlog_rec);
    if (!sp->crecs && !(sp->crecs = malloc(rec_bytes))) {
        return -ENOMEM;
    }
    size_t tb = (size_t)sp->where[k].text_bytes;
    if (tb > sp->ctext_cap) {
        char *grown = realloc(sp->ctext, tb);
        if (!grown) {
            return -ENOMEM;
        }
        sp->ctext = grown;
        sp->ctext_cap = tb;
    }
    sp->cached = SIZE_MAX;
    uint64_t off = sp->where[k].offset;
    if (pread(sp->fd, sp->crecs, rec_bytes, (off_t)off) != (ssize_t)rec_bytes ||
        (tb > 0 && pread(sp->fd, sp->ctext, tb, (off_t)(off + rec_bytes)) != (ssize_t)tb)) {
        return -EIO;
    }
    sp->cached = k;
    return 0;
}

int ps_evlog_spill_get(struct ps_evlog *log, uint64_t i, const struct ps_evlog_rec **rec,
                       const char **text)
{
    struct ps_evlog_spill *sp = log->spill;
    size_t k = (size_t)(i >> PS_EVLOG_SHIFT);
    if (!sp || k >= sp->first) {
        return -EIO;
    }
    if (sp->cached != k) {
        int rc = ps_evlog_spill_load(sp, k);
        if (rc < 0) {
            return rc;
        }
    }
    *rec = &sp->crecs[i & PS_EVLOG_MASK];
    *text = (*rec)->text_ref == PS_EVLOG_NO_TEXT ? NULL : sp->ctext + (*rec)->text_ref;
    return 0;
}

void ps_evlog_spill_free(struct ps_evlog *log)
{
    struct ps_evlog_spill *sp = log->spill;
    if (!sp) {
        return;
    }
    close(sp->fd);
    free(sp->where);
    free(sp->arena_mark);
    free(sp->crecs);
    free(sp->ctext);
    free(sp->blob);
    free(sp->out);
    free(sp);
    log->spill = NULL;
}

uint64_t ps_evlog_spill_bytes(const struct ps_evlog *log)
{
    const struct ps_evlog_spill *sp = log->spill;
    if (!sp) {
        return 0;
    }
    return sizeof(*sp) + sp->cap * (sizeof(*sp->where) + sizeof(*sp->arena_mark)) +
           (sp->crecs ? PS_EVLOG_CHUNK * sizeof(struct ps_evlog_rec) : 0) + sp->ctext_cap +
           sp->blob_cap + (sp->out ? PS_EVLOG_CHUNK * sizeof(struct ps_evlog_rec) : 0);
}
