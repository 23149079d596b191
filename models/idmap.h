/* An index from ids to positions, for tables and plans of up to a million
 * rows where a linear search per reference would be quadratic: open
 * addressing over arena memory. Keys are borrowed (they must live as long
 * as the map); nothing is ever removed. */
#ifndef MODELS_IDMAP_H
#define MODELS_IDMAP_H

#include <stddef.h>

#include "models/arena.h"

struct idmap {
    const char **keys;       /* borrowed; NULL in an empty slot */
    int *vals;
    size_t count;            /* keys stored */
    size_t cap;              /* a power of two, at least twice the keys planned */
};

/* Makes m ready for up to n keys, in arena mem (freed with it). Returns 0,
 * or -1 when memory ran out. A map left zeroed finds nothing. */
int idmap_init(struct idmap *m, arena *mem, size_t n);
/* The value stored under key, or -1. */
int idmap_get(const struct idmap *m, const char *key);
/* Stores key -> val unless key is there; returns the earlier value, or -1
 * when key is new. At most the n keys given to idmap_init. */
int idmap_put(struct idmap *m, const char *key, int val);

#endif
