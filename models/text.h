/* Small text utilities shared by the readers: UTF-8 checks, trimming,
 * paths, and the edit distance behind "did you mean ...". */
#ifndef MODELS_TEXT_H
#define MODELS_TEXT_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence starting at s (1..4), or 0 if the
 * bytes there are not valid UTF-8 (overlong forms and surrogates too). */
size_t text_utf8_len(const unsigned char *s);
/* 1 if the n bytes at s are valid UTF-8 with no NUL, else 0. */
int    text_is_utf8(const char *s, size_t n);
/* Levenshtein distance of a and b, case-insensitive; stops counting at
 * limit (returns limit + 1 when it is larger). */
int    text_distance(const char *a, const char *b, int limit);
/* 1 if s contains a space, tab, CR or LF. */
int    text_has_space(const char *s);
/* 1 if s holds a control character other than tab and line breaks (ESC,
 * BEL, DEL, C1 controls such as U+009B): echoed to a terminal it would be
 * obeyed, not shown. */
int    text_has_control(const char *s);
/* Directory part of path ("." if it has none), into buf; returns buf. */
char  *text_dirname(const char *path, char *buf, size_t size);
/* dir + "/" + rel unless rel is absolute or dir is "."; into buf. Returns
 * buf, or NULL if it does not fit. */
char  *text_join_path(const char *dir, const char *rel, char *buf, size_t size);


/* Reads a whole file into a malloc'd, NUL-terminated buffer (caller frees
 * *data with free). A leading UTF-8 byte-order mark is dropped. Refuses a
 * directory or anything else that is not a regular file (a FIFO would
 * block forever), a file over cap bytes, and a file with a NUL byte (binary).
 * Returns 0, or -1 with a message for the user in err and the line it
 * concerns in *err_line (0 for the whole file). */
int text_read_file(const char *path, size_t cap, char **data, size_t *len,
                   int *err_line, char *err, size_t errlen);
#endif
