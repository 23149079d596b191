/* scenario.ini files, read with iniparser and checked line by line.
 *
 * iniparser gives values (quotes, inline comments, continuation lines) but
 * no line numbers, rejects a byte-order mark and keeps the last of two
 * equal keys silently. A scan of our own comes first: it finds every key's
 * line, reports syntax errors and duplicate keys with FILE:LINE, and hands
 * iniparser a copy without the byte-order mark. */
#ifndef MODELS_INI_H
#define MODELS_INI_H

#include <stddef.h>

#include "models/diag.h"

struct ini_entry {
    const char *section;  /* lower case */
    const char *key;      /* lower case */
    const char *value;    /* as iniparser gives it: unquoted, "" if empty */
    int line;
};

struct ini_section {
    const char *name;     /* lower case */
    int line;             /* of its first [name] header */
};

typedef struct ini_file ini_file;

#define INI_MAX_BYTES ((size_t)1 << 20)
#define INI_MAX_LINE 1000     /* iniparser's line buffer is 1024 bytes */

/* Loads path. Problems go to d. Returns NULL if the file cannot be used
 * (unreadable, a syntax error, a duplicate key). Caller frees with
 * ini_free. */
ini_file *ini_load(const char *path, diag_list *d);
void ini_free(ini_file *f);                       /* NULL is a no-op */
const char *ini_path(const ini_file *f);
size_t ini_count(const ini_file *f);
/* Entries in file order; borrowed until ini_free. */
const struct ini_entry *ini_entry_at(const ini_file *f, size_t i);
/* The entry for section:key, or NULL. */
const struct ini_entry *ini_find(const ini_file *f, const char *section, const char *key);
/* 1 if the file has a [section] header of that name. */
int ini_has_section(const ini_file *f, const char *section);
/* The [section] headers in file order, each once; borrowed until ini_free. */
size_t ini_section_count(const ini_file *f);
const struct ini_section *ini_section_at(const ini_file *f, size_t i);

#endif
