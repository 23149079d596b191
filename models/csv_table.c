/* The CSV reader (see csv_table.h): libcsv hands over fields, which are
 * assembled into records and matched to the schema by the header's names. */
#include "models/csv_table.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/text.h"

struct row {
    int line;
    const char **cells;   /* one per schema column, NULL when blank */
    const char *path;     /* the file of line: a merged file for merged rows */
    /* Where each cell comes from when a merge replaced some of them (NULL:
     * every cell from path:line), so that a message names the file and line
     * the user must edit. */
    const char **cell_path;
    int *cell_line;
};

struct table {
    const char *path;
    int ncols;
    int *present;         /* schema column -> 1 if the header has it */
    struct row *rows;
    size_t nrows, cap;
    char delimiter;       /* ',', or ';' when detected (tab_read_plan) */
};

/* State while libcsv calls back. */
struct reader {
    table *t;
    arena *mem;
    diag_list *d;
    const struct tab_column *cols;
    int ncols;
    /* the record being assembled */
    char **fields;
    size_t *lens;
    size_t nfields, capfields;
    int too_many;
    int rec_line;         /* line the current record starts on */
    int header_done;
    int header_fields;
    int *colmap;          /* header position -> schema column or -1 */
    int failed;           /* out of memory or a fatal header problem */
};

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\r' || (*s)[*n - 1] == '\n'))
        (*n)--;
}

static void on_field(void *s, size_t n, void *data)
{
    struct reader *r = data;
    if (r->failed)
        return;
    if (r->nfields >= TAB_MAX_FIELDS) {
        r->too_many = 1;
        return;
    }
    if (r->nfields == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 16;
        char **f = realloc(r->fields, cap * sizeof *f);
        size_t *l = f ? realloc(r->lens, cap * sizeof *l) : NULL;
        if (f)
            r->fields = f;
        if (!f || !l) {
            r->failed = 1;
            return;
        }
        r->lens = l;
        r->capfields = cap;
    }
    const char *p = s ? s : "";
    trim(&p, &n);
    /* Copy now: libcsv's buffer is valid only inside the callback. */
    char *copy = arena_strndup(r->mem, p, n);
    if (!copy) {
        r->failed = 1;
        return;
    }
    r->fields[r->nfields] = copy;
    r->lens[r->nfields] = n;
    r->nfields++;
}

static void header(struct reader *r)
{
    char vb[DIAG_VALUE_SZ];
    r->header_fields = (int)r->nfields;
    r->colmap = arena_array(r->mem, r->nfields ? r->nfields : 1, sizeof *r->colmap);
    if (!r->colmap) {
        r->failed = 1;
        return;
    }
    for (size_t i = 0; i < r->nfields; i++) {
        const char *name = r->fields[i];
        r->colmap[i] = -1;
        if (!*name) {
            diag_add(r->d, DIAG_WARNING, r->t->path, r->rec_line,
                     "column %zu has no name in the header; it is ignored", i + 1);
            continue;
        }
        int found = -1;
        for (int c = 0; c < r->ncols; c++)
            if (strcasecmp(name, r->cols[c].name) == 0)
                found = c;
        if (found < 0) {
            const char *hint = NULL;
            for (int c = 0; c < r->ncols && !hint; c++)
                if (text_distance(name, r->cols[c].name, 2) <= 2)
                    hint = r->cols[c].name;
            if (hint)
                diag_add(r->d, DIAG_WARNING, r->t->path, r->rec_line,
                         "unknown column '%s' is ignored (did you mean '%s'?)",
                         diag_value(vb, name), hint);
            else
                diag_add(r->d, DIAG_WARNING, r->t->path, r->rec_line,
                         "unknown column '%s' is ignored", diag_value(vb, name));
            continue;
        }
        if (r->t->present[found]) {
            diag_add(r->d, DIAG_ERROR, r->t->path, r->rec_line,
                     "column '%s' appears twice in the header", r->cols[found].name);
            r->failed = 2;
            continue;
        }
        r->t->present[found] = 1;
        r->colmap[i] = found;
    }
    for (int c = 0; c < r->ncols; c++)
        if (r->cols[c].required && !r->t->present[c]) {
            diag_add(r->d, DIAG_ERROR, r->t->path, r->rec_line,
                     "missing required column '%s'", r->cols[c].name);
            r->failed = 2;
        }
}

static void on_record(int c, void *data)
{
    struct reader *r = data;
    (void)c;
    if (r->failed)
        goto reset;
    if (r->too_many) {
        diag_add(r->d, DIAG_ERROR, r->t->path, r->rec_line,
                 "record has more than %d fields", TAB_MAX_FIELDS);
        if (!r->header_done)
            r->failed = 2;
        goto reset;
    }
    int empty = 1;
    for (size_t i = 0; i < r->nfields && empty; i++)
        empty = r->lens[i] == 0;
    if (empty)
        goto reset;
    if (!r->header_done) {
        r->header_done = 1;
        header(r);
        goto reset;
    }
    if ((int)r->nfields != r->header_fields) {
        diag_add(r->d, DIAG_ERROR, r->t->path, r->rec_line,
                 "row has %zu field%s, the header has %d%s", r->nfields,
                 r->nfields == 1 ? "" : "s", r->header_fields,
                 (int)r->nfields > r->header_fields
                     ? " (a decimal comma? numbers use '.'; a text with a comma must be quoted)"
                     : "");
        goto reset;
    }
    for (size_t i = 0; i < r->nfields; i++)
        if (!text_is_utf8(r->fields[i], r->lens[i])) {
            char vb[DIAG_VALUE_SZ];
            int col = r->colmap[i];
            diag_add(r->d, DIAG_ERROR, r->t->path, r->rec_line,
                     "column '%s': '%s' is not valid UTF-8 (save the file as UTF-8)",
                     col >= 0 ? r->cols[col].name : "?", diag_value(vb, r->fields[i]));
            goto reset;
        }
    table *t = r->t;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct row *rows = arena_array(r->mem, cap, sizeof *rows);
        if (!rows) {
            r->failed = 1;
            goto reset;
        }
        if (t->nrows)
            memcpy(rows, t->rows, t->nrows * sizeof *rows);
        t->rows = rows;
        t->cap = cap;
    }
    struct row *row = &t->rows[t->nrows];
    row->line = r->rec_line;
    row->path = t->path;
    row->cell_path = NULL;
    row->cell_line = NULL;
    row->cells = arena_array(r->mem, (size_t)r->ncols, sizeof *row->cells);
    if (!row->cells) {
        r->failed = 1;
        goto reset;
    }
    for (size_t i = 0; i < r->nfields; i++)
        if (r->colmap[i] >= 0 && r->lens[i] > 0)
            row->cells[r->colmap[i]] = r->fields[i];
    t->nrows++;
reset:
    r->nfields = 0;
    r->too_many = 0;
}

/* The delimiter of a plan file written in any dialect: ';' when the
 * header line (the BOM is gone already) holds a ';' and no ',' outside
 * quotes, else ','. Our headers are plain names, so one line tells. */
static char detect_delimiter(const char *data, size_t len)
{
    int quoted = 0, semi = 0, comma = 0;
    for (size_t i = 0; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (!quoted && data[i] == ';')
            semi = 1;
        else if (!quoted && data[i] == ',')
            comma = 1;
    }
    return semi && !comma ? ';' : ',';
}

static table *read_table(const char *path, const struct tab_column *cols, int ncols,
                         diag_list *d, arena *mem, int detect)
{
    struct csv_parser p;
    struct reader r;
    char *data = NULL, err[256];
    size_t len;
    int err_line, parser_ready = 0;
    table *result = NULL;

    memset(&r, 0, sizeof r);
    r.mem = mem;
    r.d = d;
    r.cols = cols;
    r.ncols = ncols;
    r.t = arena_alloc(mem, sizeof *r.t);
    if (!r.t || !(r.t->path = arena_strdup(mem, path)) ||
        !(r.t->present = arena_array(mem, (size_t)ncols, sizeof(int)))) {
        diag_add(d, DIAG_ERROR, path, 0, "out of memory");
        goto done;
    }
    r.t->ncols = ncols;
    if (text_read_file(path, TAB_MAX_BYTES, &data, &len, &err_line, err, sizeof err) != 0) {
        diag_add(d, DIAG_ERROR, path, err_line, "%s", err);
        goto done;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        diag_add(d, DIAG_ERROR, path, 0, "out of memory");
        goto done;
    }
    parser_ready = 1;
    r.t->delimiter = detect ? detect_delimiter(data, len) : ',';
    csv_set_delim(&p, (unsigned char)r.t->delimiter);

    /* libcsv knows no line numbers: feed one physical line at a time and
     * note the line on which each record begins (a quoted field may span
     * lines, so a record's line is where the parser left the row-not-begun
     * state). A line ends at LF, CRLF or a lone CR, as libcsv's records do.
     *
     * A long line goes in pieces of at most FEED_BYTES, and before each
     * piece the parser's block grows to its buffer's size: libcsv grows
     * its field buffer by a fixed block (128 bytes), which copies
     * quadratically on a field of megabytes; this makes it double. */
    enum { FEED_BYTES = 64 * 1024 };
    int line = 1;
    size_t blk = 0;
    r.rec_line = 1;
    for (size_t pos = 0; pos < len && !r.failed;) {
        size_t end = pos, stop = len - pos > FEED_BYTES ? pos + FEED_BYTES : len;
        int eol = 0;
        while (end < stop && data[end] != '\n' && data[end] != '\r')
            end++;
        if (end < stop) {
            eol = 1;
            end += data[end] == '\r' && end + 1 < len && data[end + 1] == '\n' ? 2 : 1;
        }
        size_t n = end - pos, have = csv_get_buffer_size(&p);
        if (have > blk)
            csv_set_blk_size(&p, blk = have);
        if (p.pstate == 0 /* ROW_NOT_BEGUN */)
            r.rec_line = line;
        if (csv_parse(&p, data + pos, n, on_field, on_record, &r) != n) {
            int e = csv_error(&p);
            if (e == CSV_EPARSE)
                diag_add(d, DIAG_ERROR, path, line,
                         "malformed CSV: a quote inside an unquoted field, or text after a closing quote "
                         "(quote the whole field and double the quotes inside: \"a \"\"b\"\" c\")");
            else
                diag_add(d, DIAG_ERROR, path, line, "cannot parse CSV: %s", csv_strerror(e));
            goto done;
        }
        pos = end;
        line += eol;
    }
    if (!r.failed && csv_fini(&p, on_field, on_record, &r) != 0) {
        diag_add(d, DIAG_ERROR, path, r.rec_line,
                 "malformed CSV: a quoted field opened on this line is never closed");
        goto done;
    }
    if (r.failed == 1) {
        diag_add(d, DIAG_ERROR, path, 0, "out of memory");
        goto done;
    }
    if (r.failed)
        goto done;
    if (!r.header_done) {
        diag_add(d, DIAG_ERROR, path, 1, "file is empty: a header row is needed");
        goto done;
    }
    result = r.t;
done:
    if (parser_ready)
        csv_free(&p);
    free(r.fields);
    free(r.lens);
    free(data);
    return result;
}

table *tab_read(const char *path, const struct tab_column *cols, int ncols,
                diag_list *d, arena *mem)
{
    return read_table(path, cols, ncols, d, mem, 0);
}

table *tab_read_plan(const char *path, const struct tab_column *cols, int ncols,
                     diag_list *d, arena *mem)
{
    return read_table(path, cols, ncols, d, mem, 1);
}

char tab_delimiter(const table *t) { return t->delimiter; }
size_t tab_rows(const table *t) { return t->nrows; }
const char *tab_path(const table *t) { return t->path; }
int tab_line(const table *t, size_t row) { return t->rows[row].line; }
const char *tab_row_path(const table *t, size_t row) { return t->rows[row].path; }
int tab_has_column(const table *t, int col) { return t->present[col]; }

const char *tab_cell(const table *t, size_t row, int col)
{
    return t->rows[row].cells[col];
}

const char *tab_cell_path(const table *t, size_t row, int col)
{
    const struct row *r = &t->rows[row];
    return r->cell_path && r->cell_path[col] ? r->cell_path[col] : r->path;
}

int tab_cell_line(const table *t, size_t row, int col)
{
    const struct row *r = &t->rows[row];
    return r->cell_path && r->cell_path[col] ? r->cell_line[col] : r->line;
}

int tab_append_row(table *t, const table *from, size_t frow, arena *mem)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct row *rows = arena_array(mem, cap, sizeof *rows);
        if (!rows)
            return -1;
        if (t->nrows)
            memcpy(rows, t->rows, t->nrows * sizeof *rows);
        t->rows = rows;
        t->cap = cap;
    }
    const struct row *src = &from->rows[frow];
    struct row *row = &t->rows[t->nrows];
    row->line = src->line;
    row->path = src->path;
    row->cell_path = NULL;
    row->cell_line = NULL;
    if (!(row->cells = arena_array(mem, (size_t)t->ncols, sizeof *row->cells)))
        return -1;
    for (int c = 0; c < t->ncols && c < from->ncols; c++)
        row->cells[c] = src->cells[c];
    /* The appended row's cells count as present columns of the table. */
    for (int c = 0; c < t->ncols && c < from->ncols; c++)
        t->present[c] |= from->present[c];
    t->nrows++;
    return 0;
}

int tab_update_row(table *t, size_t row, const table *from, size_t frow, arena *mem)
{
    struct row *r = &t->rows[row];
    const struct row *src = &from->rows[frow];
    int changed = 0;
    for (int c = 0; c < t->ncols && c < from->ncols; c++) {
        const char *v = src->cells[c];
        if (!v)
            continue; /* blank or absent: the parent's value stays */
        if (r->cells[c] && strcmp(r->cells[c], v) == 0)
            continue;
        if (!r->cell_path) {
            r->cell_path = arena_array(mem, (size_t)t->ncols, sizeof *r->cell_path);
            r->cell_line = arena_array(mem, (size_t)t->ncols, sizeof *r->cell_line);
            if (!r->cell_path || !r->cell_line)
                return -1;
            for (int k = 0; k < t->ncols; k++) {
                r->cell_path[k] = r->path;
                r->cell_line[k] = r->line;
            }
        }
        r->cells[c] = v;
        r->cell_path[c] = src->path;
        r->cell_line[c] = src->line;
        t->present[c] = 1;
        changed++;
    }
    if (changed) {
        /* A message about the row as a whole ("to is before from") names
         * the last file that changed it: the parent alone was checked. */
        r->path = src->path;
        r->line = src->line;
    }
    return changed;
}
