/* Diagnostics: the problems found in a scenario, collected rather than
 * stopping at the first (SQLite's Parse.nErr habit), so that a user fixes a
 * file in one pass. Nothing here prints: planner/ decides what is shown. */
#ifndef MODELS_DIAG_H
#define MODELS_DIAG_H

#include <stddef.h>

enum diag_level {
    DIAG_WARNING, /* the input is usable; something looks off */
    DIAG_ERROR    /* the input is invalid */
};

struct diag {
    enum diag_level level;
    const char *file;  /* path as the user can open it; NULL if none */
    int line;          /* 1-based; 0 when the problem has no line */
    const char *msg;   /* "column 'due': '2027-02-30' is not a date ..." */
};

typedef struct diag_list diag_list;

/* Caller frees with diag_free. NULL when out of memory. */
diag_list *diag_new(void);
void diag_free(diag_list *d);               /* NULL is a no-op */

/* Records one problem. file is copied. Past DIAG_KEEP records only the
 * counts grow, so a million bad rows cost no memory. */
void diag_add(diag_list *d, enum diag_level level, const char *file, int line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

size_t diag_errors(const diag_list *d);     /* all errors, kept or not */
size_t diag_warnings(const diag_list *d);
size_t diag_kept(const diag_list *d);       /* records diag_get can return */
/* Record i (0-based, i < diag_kept) in the order added; borrowed until
 * diag_free. */
const struct diag *diag_get(const diag_list *d, size_t i);

#define DIAG_KEEP 10000



/* A value as it may be shown in a message: at most 40 characters (then
 * "..."), control bytes and bytes of invalid UTF-8 as \xNN. Writes into buf
 * (DIAG_VALUE_SZ bytes) and returns it. */
#define DIAG_VALUE_SZ 200
const char *diag_value(char buf[DIAG_VALUE_SZ], const char *s);
#endif
