/* The growable string of planner/strbuf.h: geometric growth (a 10 MB text
 * costs a few dozen reallocations, not one per write) up to a hard cap. */
#include "planner/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_init(struct strbuf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

void sb_free(struct strbuf *b)
{
    size_t max = b->max;
    free(b->p);
    sb_init(b, max);
}

void sb_reset(struct strbuf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

/* Room for n more bytes and the NUL, or the buffer marked failed. */
static int reserve(struct strbuf *b, size_t n)
{
    size_t max = b->max ? b->max : SB_MAX_DEFAULT;
    if (b->failed)
        return -1;
    if (n > max || b->len + 1 > max - n) {
        b->failed = 1;
        return -1;
    }
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
        cap = cap > max / 2 ? max : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void sb_write(struct strbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s)
{
    sb_write(b, s, strlen(s));
}

void sb_putc(struct strbuf *b, char c)
{
    sb_write(b, &c, 1);
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list again;
    va_copy(again, ap);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
    } else if ((size_t)n < sizeof small) {
        sb_write(b, small, (size_t)n);
    } else if (reserve(b, (size_t)n) == 0) {
        /* Straight into the buffer: reserve left room for the NUL. */
        vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
    }
    va_end(again);
}

const char *sb_str(const struct strbuf *b)
{
    return b->p ? b->p : "";
}

int sb_failed(const struct strbuf *b)
{
    return b->failed;
}
