#define _GNU_SOURCE /* memfd_create */
#include "models/ini.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "models/arena.h"
#include "models/text.h"

struct ini_file {
    arena *mem;
    const char *path;
    struct ini_entry *entries;
    size_t n, cap;
    struct ini_section *sections;
    size_t nsections;
};

/* iniparser reports through a global callback; keep its last word so that
 * an unexpected refusal still reaches the user. */
static char ini_last_error[256];
static int ini_last_errno;       /* errno when iniparser could not open its file */

static int ini_error_cb(const char *fmt, ...)
{
    ini_last_errno = errno;   /* "cannot open": why, before vsnprintf */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ini_last_error, sizeof ini_last_error, fmt, ap);
    va_end(ap);
    return n;
}

static char *lower_trim(arena *mem, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    char *p = arena_strndup(mem, s, n);
    if (p)
        for (char *q = p; *q; q++)
            *q = (char)tolower((unsigned char)*q);
    return p;
}

static int add_entry(ini_file *f, const char *section, const char *key, int line)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        struct ini_entry *e = arena_array(f->mem, cap, sizeof *e);
        if (!e)
            return -1;
        if (f->n)
            memcpy(e, f->entries, f->n * sizeof *e);
        f->entries = e;
        f->cap = cap;
    }
    f->entries[f->n].section = section;
    f->entries[f->n].key = key;
    f->entries[f->n].value = "";
    f->entries[f->n].line = line;
    f->n++;
    return 0;
}

/* The scan: mirrors iniparser's grammar (blank, ';'/'#' comment, [section],
 * key = value, a trailing backslash continues the line). Returns the number
 * of errors found. */
static int scan(ini_file *f, char *text, diag_list *d)
{
    int errors = 0, line = 0;
    const char *section = NULL;
    char *p = text;
    char vb[DIAG_VALUE_SZ];

    while (*p) {
        char *start = p;
        int first_line = ++line;
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        p = nl ? nl + 1 : p + len;
        /* Join continuation lines into one logical line (in place is not
         * possible with our offsets: collect into a buffer). */
        char buf[INI_MAX_LINE + 2];
        size_t used = 0;
        int too_long = 0;
        for (;;) {
            size_t l = len;
            while (l && (start[l - 1] == '\r' || isspace((unsigned char)start[l - 1])))
                l--;
            if (l > INI_MAX_LINE || used + l > INI_MAX_LINE)
                too_long = 1;
            else {
                memcpy(buf + used, start, l);
                used += l;
            }
            if (l && start[l - 1] == '\\' && *p) {
                /* Even past the limit, the continued lines belong to this
                 * one: skip them rather than read them as new lines. */
                if (!too_long)
                    used--; /* drop the backslash */
                start = p;
                nl = strchr(p, '\n');
                len = nl ? (size_t)(nl - p) : strlen(p);
                p = nl ? nl + 1 : p + len;
                line++;
                continue;
            }
            break;
        }
        if (too_long) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "line is longer than %d characters", INI_MAX_LINE);
            errors++;
            continue;
        }
        buf[used] = '\0';
        char *s = buf;
        while (isspace((unsigned char)*s))
            s++;
        if (!*s || *s == ';' || *s == '#')
            continue;
        if (!text_is_utf8(s, strlen(s))) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "'%s' is not valid UTF-8 (save the file as UTF-8)", diag_value(vb, s));
            errors++;
            continue;
        }
        if (*s == '[') {
            char *close = strchr(s, ']');
            char *rest = close ? close + 1 : NULL;
            while (rest && isspace((unsigned char)*rest))
                rest++;
            if (!close || (*rest && *rest != ';' && *rest != '#') || close == s + 1) {
                diag_add(d, DIAG_ERROR, f->path, first_line,
                         "'%s' is not a section header like [scenario]", diag_value(vb, s));
                errors++;
                continue;
            }
            section = lower_trim(f->mem, s + 1, (size_t)(close - s - 1));
            if (!section)
                return errors + 1;

            if (ini_has_section(f, section))
                continue; /* a section may be opened again; keys merge */
            struct ini_section *secs = arena_array(f->mem, f->nsections + 1, sizeof *secs);
            if (!secs)
                return errors + 1;
            if (f->nsections)
                memcpy(secs, f->sections, f->nsections * sizeof *secs);
            secs[f->nsections].name = section;
            secs[f->nsections].line = first_line;
            f->nsections++;
            f->sections = secs;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "'%s' is neither 'key = value' nor a [section] header", diag_value(vb, s));
            errors++;
            continue;
        }
        char *key = lower_trim(f->mem, s, (size_t)(eq - s));
        if (!key)
            return errors + 1;
        if (!*key || text_has_space(key)) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "'%s' has no valid key name before '='", diag_value(vb, s));
            errors++;
            continue;
        }
        if (!section) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "key '%s' comes before any [section] header", diag_value(vb, key));
            errors++;
            continue;
        }
        const struct ini_entry *prev = ini_find(f, section, key);
        if (prev) {
            diag_add(d, DIAG_ERROR, f->path, first_line,
                     "key '%s' is given twice in [%s] (first on line %d)", key, section, prev->line);
            errors++;
            continue;
        }
        if (add_entry(f, section, key, first_line) != 0)
            return errors + 1;
    }
    return errors;
}

/* The text iniparser is given: the same lines, but a section header
 * loses what follows its ']' (a comment), since iniparser knows a header
 * only when the line ends with ']'. Never longer than text; caller frees. */
static char *normalize(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    size_t used = 0;
    int continued = 0;
    if (!out)
        return NULL;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        size_t l = n;
        while (l && isspace((unsigned char)p[l - 1]))
            l--;
        const char *q = p;
        while (q < p + l && isspace((unsigned char)*q))
            q++;
        const char *close = q < p + l && *q == '[' ? memchr(q, ']', (size_t)(p + l - q)) : NULL;
        if (!continued && close) {
            memcpy(out + used, q, (size_t)(close - q) + 1);
            used += (size_t)(close - q) + 1;
            if (nl)
                out[used++] = '\n';
        } else {
            memcpy(out + used, p, n);
            used += n;
        }
        continued = l && p[l - 1] == '\\';
        p += n;
    }
    out[used] = '\0';
    return out;
}

/* iniparser reads only from a path: give it the BOM-less text through an
 * anonymous in-memory file, so nothing is written to disk. */
static dictionary *load_text(const char *text, size_t len)
{
    char procpath[64];
    dictionary *dict = NULL;
    int fd = memfd_create("planner-ini", MFD_CLOEXEC);
    if (fd < 0) {
        ini_last_errno = errno;
        snprintf(ini_last_error, sizeof ini_last_error, "iniparser: cannot open a memory file");
        return NULL;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);
        if (w <= 0)
            goto done;
        off += (size_t)w;
    }
    snprintf(procpath, sizeof procpath, "/proc/self/fd/%d", fd);
    iniparser_set_error_callback(ini_error_cb);
    dict = iniparser_load(procpath);
done:
    close(fd);
    return dict;
}

ini_file *ini_load(const char *path, diag_list *d)
{
    char *text = NULL, *norm = NULL, err[256];
    size_t len;
    int err_line;
    dictionary *dict = NULL;
    ini_file *f = calloc(1, sizeof *f);
    ini_file *result = NULL;

    if (!f || !(f->mem = arena_new(16u << 20)) || !(f->path = arena_strdup(f->mem, path))) {
        diag_add(d, DIAG_ERROR, path, 0, "out of memory");
        goto done;
    }
    if (text_read_file(path, INI_MAX_BYTES, &text, &len, &err_line, err, sizeof err) != 0) {
        diag_add(d, DIAG_ERROR, path, err_line, "%s", err);
        goto done;
    }
    /* Old-Mac CR line ends, as the CSV reader takes them: iniparser and
     * the line scan know only LF (and CRLF). */
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' && text[i + 1] != '\n')
            text[i] = '\n';
    if (scan(f, text, d) != 0)
        goto done;
    ini_last_error[0] = '\0';
    norm = normalize(text, len);
    ini_last_errno = 0;
    dict = norm ? load_text(norm, strlen(norm)) : NULL;
    if (!dict && ini_last_errno && strncmp(ini_last_error, "iniparser: cannot open", 22) == 0) {
        /* Our own memory file could not be opened: too few descriptors. */
        diag_add(d, DIAG_ERROR, path, 0, "cannot read file: %s", strerror(ini_last_errno));
        goto done;
    }
    if (!dict) {
        diag_add(d, DIAG_ERROR, path, 0, "cannot parse the file%s%s",
                 ini_last_error[0] ? ": " : "", ini_last_error);
        goto done;
    }
    for (size_t i = 0; i < f->n; i++) {
        char *full = arena_printf(f->mem, "%s:%s", f->entries[i].section, f->entries[i].key);
        /* getstring only: getint and friends crash on a key that names a
         * section (CVE-2023-33461), and parse too loosely anyway. */
        const char *v = full ? iniparser_getstring(dict, full, NULL) : NULL;
        f->entries[i].value = v ? arena_strdup(f->mem, v) : "";
        if (!f->entries[i].value) {
            diag_add(d, DIAG_ERROR, path, 0, "out of memory");
            goto done;
        }
    }
    result = f;
    f = NULL;
done:
    if (dict)
        iniparser_freedict(dict);
    free(norm);
    free(text);
    ini_free(f);
    return result;
}

void ini_free(ini_file *f)
{
    if (!f)
        return;
    arena_free(f->mem);
    free(f);
}

const char *ini_path(const ini_file *f) { return f->path; }
size_t ini_count(const ini_file *f) { return f->n; }

const struct ini_entry *ini_entry_at(const ini_file *f, size_t i)
{
    return i < f->n ? &f->entries[i] : NULL;
}

const struct ini_entry *ini_find(const ini_file *f, const char *section, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->entries[i].section, section) == 0 && strcmp(f->entries[i].key, key) == 0)
            return &f->entries[i];
    return NULL;
}

int ini_has_section(const ini_file *f, const char *section)
{
    for (size_t i = 0; i < f->nsections; i++)
        if (strcmp(f->sections[i].name, section) == 0)
            return 1;
    return 0;
}

size_t ini_section_count(const ini_file *f) { return f->nsections; }

const struct ini_section *ini_section_at(const ini_file *f, size_t i)
{
    return i < f->nsections ? &f->sections[i] : NULL;
}
