#include "models/text.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

size_t text_utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xbf; /* bounds of the second byte */
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        if (s[0] == 0xe0)
            lo = 0xa0;        /* no overlong forms */
        if (s[0] == 0xed)
            hi = 0x9f;        /* no surrogates */
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        if (s[0] == 0xf0)
            lo = 0x90;
        if (s[0] == 0xf4)
            hi = 0x8f;
    } else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return n;
}

int text_is_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (*p == 0)
            return 0;
        size_t k = (size_t)(end - p) >= 4 ? text_utf8_len(p) : 0;
        if (k == 0) {
            /* Near the end: check on a padded copy so we never read past. */
            unsigned char tmp[4] = {0, 0, 0, 0};
            memcpy(tmp, p, (size_t)(end - p) < 4 ? (size_t)(end - p) : 4);
            k = text_utf8_len(tmp);
            if (k == 0 || k > (size_t)(end - p))
                return 0;
        }
        p += k;
    }
    return 1;
}

int text_distance(const char *a, const char *b, int limit)
{
    assert(a && b && limit >= 0);
    size_t la = strlen(a), lb = strlen(b);
    int row[64];
    if (lb >= 64 || la >= 64) /* no hint for such long names: equal or not */
        return strcasecmp(a, b) == 0 ? 0 : limit + 1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0], best;
        row[0] = (int)i;
        best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            int v = diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb] > limit ? limit + 1 : row[lb];
}

int text_has_space(const char *s)
{
    for (; *s; s++)
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            return 1;
    return 0;
}

int text_has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f ||
            (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return 1;
    return 0;
}

char *text_dirname(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, size, ".");
    else if (slash == path)
        snprintf(buf, size, "/");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
    return buf;
}

char *text_join_path(const char *dir, const char *rel, char *buf, size_t size)
{
    int n;
    if (rel[0] == '/' || !*dir || strcmp(dir, ".") == 0)
        n = snprintf(buf, size, "%s", rel);
    else if (dir[strlen(dir) - 1] == '/')
        n = snprintf(buf, size, "%s%s", dir, rel);
    else
        n = snprintf(buf, size, "%s/%s", dir, rel);
    return n < 0 || (size_t)n >= size ? NULL : buf;
}

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

int text_read_file(const char *path, size_t cap, char **data, size_t *len,
                   int *err_line, char *err, size_t errlen)
{
    struct stat st;
    FILE *f = NULL;
    char *buf = NULL;
    size_t n = 0, size = 0;
    int rc = -1;

    *data = NULL;
    *len = 0;
    *err_line = 0;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot read file: %s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "is a directory, not a file");
        goto done;
    }
    /* A FIFO would block the open (and a device the read) forever. */
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "is not a regular file (a FIFO, a device or a socket): give a file");
        goto done;
    }
    f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read file: %s", strerror(errno));
        goto done;
    }
    /* Read in chunks rather than trusting st_size: pipes and /proc files
     * have none. */
    for (;;) {
        if (size - n < 65536) {
            size_t ns = size ? size * 2 : 65536;
            if (ns > cap + 65536)
                ns = cap + 65536;
            if (ns <= size) {
                snprintf(err, errlen, "file is larger than %zu MB", cap >> 20);
                goto done;
            }
            char *nb = realloc(buf, ns + 1);
            if (!nb) {
                snprintf(err, errlen, "out of memory reading file");
                goto done;
            }
            buf = nb;
            size = ns;
        }
        size_t got = fread(buf + n, 1, size - n, f);
        n += got;
        if (n > cap) {
            snprintf(err, errlen, "file is larger than %zu MB", cap >> 20);
            goto done;
        }
        if (got == 0) {
            if (ferror(f)) {
                snprintf(err, errlen, "cannot read file: %s", strerror(errno));
                goto done;
            }
            break;
        }
    }
    buf[n] = '\0';
    char *nul = memchr(buf, '\0', n);
    if (nul) {
        int line = 1;
        for (char *p = buf; p < nul; p++)
            line += *p == '\n';
        *err_line = line;
        snprintf(err, errlen, "contains a NUL byte (is this a binary file?)");
        goto done;
    }
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(buf, buf + 3, n - 3 + 1);
        n -= 3;
    }
    *data = buf;
    *len = n;
    buf = NULL;
    rc = 0;
done:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}
