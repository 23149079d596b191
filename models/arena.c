#include "models/arena.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
    struct block *head;
    size_t cap, total;
};

arena *arena_new(size_t cap)
{
    arena *a = calloc(1, sizeof *a);
    if (a)
        a->cap = cap ? cap : (size_t)1 << 30;
    return a;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    for (struct block *b = a->head, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(arena *a, size_t size)
{
    assert(a);
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        need = ARENA_ALIGN;
    if (need < size)
        return NULL;
    struct block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t bs = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        if (a->total + bs > a->cap || bs > SIZE_MAX - sizeof *b)
            return NULL;
        b = malloc(sizeof *b + bs);
        if (!b)
            return NULL;
        b->size = bs;
        b->used = 0;
        /* A big allocation gets its own block behind the current one, so
         * the current block's free space is not wasted. */
        if (a->head && need > ARENA_BLOCK) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
        a->total += bs;
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, size ? size : 1);
    return p;
}

void *arena_array(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return arena_alloc(a, n * size);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena *a)
{
    size_t n = 0;
    for (const struct block *b = a->head; b; b = b->next)
        n += b->used;
    return n;
}
