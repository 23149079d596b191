#include "models/diag.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/arena.h"
#include "models/text.h"

struct diag_list {
    arena *mem;
    struct diag *items;
    size_t n, cap;
    size_t errors, warnings;
    int oom;            /* memory ran out: later records are counted only */
};

diag_list *diag_new(void)
{
    diag_list *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->mem = arena_new(64u << 20);
    if (!d->mem) {
        free(d);
        return NULL;
    }
    return d;
}

void diag_free(diag_list *d)
{
    if (!d)
        return;
    arena_free(d->mem);
    free(d->items);
    free(d);
}

void diag_add(diag_list *d, enum diag_level level, const char *file, int line,
              const char *fmt, ...)
{
    assert(d && fmt);
    if (level == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->n >= DIAG_KEEP || d->oom)
        return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        struct diag *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    struct diag *g = &d->items[d->n];
    g->level = level;
    g->line = line;
    g->file = file ? arena_strdup(d->mem, file) : NULL;
    g->msg = arena_strdup(d->mem, buf);
    if (!g->msg || (file && !g->file)) {
        d->oom = 1;
        return;
    }
    d->n++;
}

size_t diag_errors(const diag_list *d) { return d->errors; }
size_t diag_warnings(const diag_list *d) { return d->warnings; }
size_t diag_kept(const diag_list *d) { return d->n; }

const struct diag *diag_get(const diag_list *d, size_t i)
{
    return i < d->n ? &d->items[i] : NULL;
}

const char *diag_value(char buf[DIAG_VALUE_SZ], const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0, shown = 0;
    while (*p && shown < 40 && used + 8 < DIAG_VALUE_SZ) {
        size_t n = text_utf8_len(p);
        if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f))) {
            used += (size_t)snprintf(buf + used, DIAG_VALUE_SZ - used, "\\x%02X", *p);
            p++;
        } else {
            memcpy(buf + used, p, n);
            used += n;
            p += n;
        }
        shown++;
    }
    if (*p && used + 4 < DIAG_VALUE_SZ) {
        memcpy(buf + used, "...", 3);
        used += 3;
    }
    buf[used] = '\0';
    return buf;
}
