/* A bump allocator: everything a scenario allocates lives in one arena and
 * is freed at once with arena_free. Allocation failure is reported as NULL;
 * the arena refuses to grow past its cap so that hostile input cannot make
 * the program eat the machine. */
#ifndef MODELS_ARENA_H
#define MODELS_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* cap: most bytes the arena may hold in all (0 = 1 GiB). Caller frees with
 * arena_free. Returns NULL when out of memory. */
arena *arena_new(size_t cap);
void   arena_free(arena *a);                 /* NULL is a no-op */
/* Zeroed memory, aligned for any type; NULL when out of memory or cap. */
void  *arena_alloc(arena *a, size_t size);
/* Zeroed array of n elements of size bytes; NULL on overflow too. */
void  *arena_array(arena *a, size_t n, size_t size);
/* Copies of strings, owned by the arena. */
char  *arena_strdup(arena *a, const char *s);
char  *arena_strndup(arena *a, const char *s, size_t n);
char  *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t arena_used(const arena *a);           /* bytes handed out */

#endif
