/* CSV output in a dialect (planner/csv_write.h): quoting, delimiters, the
 * decimal mark of numbers, the BOM and line ends, to a FILE or a buffer. */
#include "planner/csv_write.h"

#include <string.h>

const struct csv_dialect csvw_default = {',', '.', 0, "\n"};

void csvw_dialect_init(struct csv_dialect *d)
{
    *d = csvw_default;
}

static void init(struct csv_writer *w, FILE *f, struct strbuf *b, const struct csv_dialect *d)
{
    memset(w, 0, sizeof *w);
    w->d = d ? d : &csvw_default;
    w->f = f;
    w->b = b;
}

void csvw_to_file(struct csv_writer *w, FILE *f, const struct csv_dialect *d)
{
    init(w, f, NULL, d);
}

void csvw_to_buf(struct csv_writer *w, struct strbuf *b, const struct csv_dialect *d)
{
    init(w, NULL, b, d);
}

static void put(struct csv_writer *w, const char *s, size_t n)
{
    if (!w->started) {
        w->started = 1;
        if (w->d->bom)
            put(w, "\xEF\xBB\xBF", 3);
    }
    if (w->f)
        (void)fwrite(s, 1, n, w->f);
    else
        sb_write(w->b, s, n);
}

/* text as one field: quoted when it holds the delimiter, a quote or a line
 * break (names may hold anything). */
static void field(struct csv_writer *w, const char *text, char decimal)
{
    char special[5] = {w->d->delimiter, '"', '\r', '\n', '\0'};
    if (w->nfields++)
        put(w, &w->d->delimiter, 1);
    if (decimal != '.') {
        /* A number: only its decimal mark changes (then quoted if that mark
         * is the delimiter). */
        const char *dot = strchr(text, '.');
        if (dot) {
            size_t n = strlen(text);
            int quote = decimal == w->d->delimiter;
            if (quote)
                put(w, "\"", 1);
            put(w, text, (size_t)(dot - text));
            put(w, &decimal, 1);
            put(w, dot + 1, n - (size_t)(dot - text) - 1);
            if (quote)
                put(w, "\"", 1);
            return;
        }
    }
    if (!strpbrk(text, special)) {
        put(w, text, strlen(text));
        return;
    }
    put(w, "\"", 1);
    for (const char *c = text; *c;) {
        size_t run = strcspn(c, "\"");
        put(w, c, run);
        c += run;
        if (*c == '"') {
            put(w, "\"\"", 2);
            c++;
        }
    }
    put(w, "\"", 1);
}

void csvw_field(struct csv_writer *w, const char *text)
{
    field(w, text, '.');
}

void csvw_number(struct csv_writer *w, const char *text)
{
    field(w, text, w->d->decimal);
}

void csvw_end_row(struct csv_writer *w)
{
    put(w, w->d->eol, strlen(w->d->eol));
    w->nfields = 0;
}

void csvw_row(struct csv_writer *w, const char *const *fields, int n, unsigned long numeric)
{
    for (int i = 0; i < n; i++) {
        if (i < 32 && (numeric >> i & 1))
            csvw_number(w, fields[i]);
        else
            csvw_field(w, fields[i]);
    }
    csvw_end_row(w);
}

int csvw_failed(const struct csv_writer *w)
{
    return w->f ? ferror(w->f) != 0 : sb_failed(w->b);
}
