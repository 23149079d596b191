/* A growable string with a hard cap: text built in memory (a CSV cell, a
 * whole generated file) before it is written out.
 *
 * Writing never fails loudly: once memory runs out or the text would pass
 * the cap, the buffer is marked failed, later writes are ignored, and the
 * caller checks sb_failed once at the end. The text is always
 * NUL-terminated once anything was written; sb_str never returns NULL.
 *
 *     struct strbuf b;
 *     sb_init(&b, 1u << 20);
 *     sb_puts(&b, "date,room\n");
 *     sb_printf(&b, "%d rows\n", n);
 *     if (sb_failed(&b)) ... out of memory or over the cap ...
 *     fwrite(sb_str(&b), 1, b.len, f);
 *     sb_free(&b);
 */
#ifndef PLANNER_STRBUF_H
#define PLANNER_STRBUF_H

#include <stddef.h>

#define SB_MAX_DEFAULT (256u << 20)   /* bytes: the cap sb_init(b, 0) gives */

struct strbuf {
    char *p;                /* the text, NUL-terminated; NULL until the first write */
    size_t len;             /* bytes of text, without the NUL */
    size_t cap;             /* bytes allocated */
    size_t max;             /* hard cap on cap, bytes */
    int failed;             /* 1: out of memory or over max; text is what fitted before */
};

/* An empty buffer that will hold at most max bytes (the NUL included);
 * max 0 means SB_MAX_DEFAULT. Allocates nothing. A zeroed struct strbuf
 * is also a valid empty buffer with the default cap. */
void sb_init(struct strbuf *b, size_t max);
/* Frees the text and leaves b empty (and not failed); sb_free on an empty
 * or freed buffer is a no-op. */
void sb_free(struct strbuf *b);
/* Empties b, keeping its memory for the next text (and its failed flag:
 * a failure is sticky until sb_free). */
void sb_reset(struct strbuf *b);

/* Appends n bytes of s (which may hold NUL bytes). */
void sb_write(struct strbuf *b, const char *s, size_t n);
/* Appends the string s. */
void sb_puts(struct strbuf *b, const char *s);
/* Appends one byte. */
void sb_putc(struct strbuf *b, char c);
/* Appends printf output. Mind the locale: %f and %g write its decimal
 * mark; use planner/number.h for numbers in files. */
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The text ("" when empty): borrowed until the next write or sb_free. */
const char *sb_str(const struct strbuf *b);
/* 1 when a write was lost (out of memory or over the cap), else 0. */
int sb_failed(const struct strbuf *b);

#endif
