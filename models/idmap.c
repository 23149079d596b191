/* The id index (see idmap.h): FNV-1a hashing and linear probing. */
#include "models/idmap.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

int idmap_init(struct idmap *m, arena *mem, size_t n)
{
    m->count = 0;
    m->cap = 16;
    while (m->cap < 2 * n + 2)
        m->cap *= 2;
    m->keys = arena_array(mem, m->cap, sizeof *m->keys);
    m->vals = arena_array(mem, m->cap, sizeof *m->vals);
    return m->keys && m->vals ? 0 : -1;
}

int idmap_get(const struct idmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

int idmap_put(struct idmap *m, const char *key, int val)
{
    /* Past half full the probes grow long; full, they never end. */
    assert(m->cap && m->count < m->cap / 2);
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = val;
            m->count++;
            return -1;
        }
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}
