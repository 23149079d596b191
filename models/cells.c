/* Reading table cells as the contract's types (see cells.h). */
#include "models/cells.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/date.h"
#include "models/limits.h"
#include "models/text.h"

int cell_line(const struct cells *c)
{
    return tab_line(c->t, c->row);
}

const char *cell_path(const struct cells *c)
{
    return tab_row_path(c->t, c->row);
}

const char *cell_get(const struct cells *c, int col)
{
    return tab_cell(c->t, c->row, col);
}

const char *cell_need(struct cells *c, int col)
{
    const char *v = cell_get(c, col);
    if (!v)
        CELL_ERR_COL(c, col, "column '%s' is required but blank", c->cols[col].name);
    return v;
}

int cell_id(struct cells *c, int col, const char **out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell_need(c, col);
    *out = v ? v : "";
    if (!v)
        return -1;
    if (text_has_space(v)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' contains whitespace; ids may not", c->cols[col].name,
                 diag_value(vb, v));
        return -1;
    }
    if (text_has_control(v)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' contains a control character; ids may not",
                 c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

int cell_int(struct cells *c, int col, int required, long min, long max, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? cell_need(c, col) : cell_get(c, col);
    char *end;
    *out = def;
    if (!v)
        return required ? -1 : 0;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end) {
        CELL_ERR_COL(c, col, "column '%s': '%s' is not a whole number", c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    if (errno == ERANGE || n < min || n > max) {
        if (n < min)
            CELL_ERR_COL(c, col, "column '%s': '%s' must be at least %ld", c->cols[col].name, diag_value(vb, v),
                     min);
        else
            CELL_ERR_COL(c, col, "column '%s': '%s' must be at most %ld", c->cols[col].name, diag_value(vb, v),
                     max);
        return -1;
    }
    *out = (int)n;
    return 0;
}

int cell_number(struct cells *c, int col, int required, double min, int strict_min, double def,
                double *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? cell_need(c, col) : cell_get(c, col);
    *out = def;
    if (!v)
        return required ? -1 : 0;
    /* A ';' plan file may write a decimal comma (tab_read_plan): one ','
     * and no '.' is the decimal mark; the number is read as with '.'. */
    char dotted[64];
    const char *comma = strchr(v, ',');
    if (comma && tab_delimiter(c->t) == ';' && !strchr(v, '.') && !strchr(comma + 1, ',') &&
        strlen(v) < sizeof dotted) {
        memcpy(dotted, v, strlen(v) + 1);
        dotted[comma - v] = '.';
        v = dotted;
    }
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end != v && !*end && strspn(v, "0123456789+-.eE") == strlen(v) && errno == ERANGE &&
        fabs(x) > 1) {
        CELL_ERR_COL(c, col, "column '%s': '%s' is too large", c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    if (end == v || *end || strspn(v, "0123456789+-.eE") != strlen(v) || !isfinite(x)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' is not a number%s", c->cols[col].name, diag_value(vb, v),
                 strchr(v, ',') ? " (use '.' as the decimal separator)" : "");
        return -1;
    }
    if (x < min || (strict_min && x <= min)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' must be %s %g", c->cols[col].name, diag_value(vb, v),
                 strict_min ? "greater than" : "at least", min);
        return -1;
    }
    if (x > (c->max > 0 ? c->max : CELL_MAX_QTY)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' is too large", c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    *out = x;
    return 0;
}

int cell_qty(struct cells *c, int col, int required, int strict_min, double def, double *out)
{
    char vb[DIAG_VALUE_SZ];
    if (cell_number(c, col, required, 0, strict_min, def, out) != 0)
        return -1;
    if (*out > LIM_QTY_MAX) {
        CELL_ERR_COL(c, col, "column '%s': '%s' is too large: quantities are at most %.0f in the material's "
                 "unit (exact to %.6f)", c->cols[col].name, diag_value(vb, cell_get(c, col)),
                 LIM_QTY_MAX, LIM_QTY_EXACT);
        *out = def;
        return -1;
    }
    return 0;
}

int cell_priority(struct cells *c, int col, double *out)
{
    char vb[DIAG_VALUE_SZ];
    if (cell_number(c, col, 0, 0, 1, 1, out) != 0)
        return -1;
    if (!lim_priority_ok(*out)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' must be from 0.000001 to 1000000 (the solver holds "
                 "priorities exactly up to a ratio of 1e12)", c->cols[col].name,
                 diag_value(vb, cell_get(c, col)));
        *out = 1;
        return -1;
    }
    return 0;
}

const char *cell_text(struct cells *c, int col, const char *def)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell_get(c, col);
    if (!v)
        return def;
    if (text_has_control(v)) {
        CELL_ERR_COL(c, col, "column '%s': '%s' contains a control character (an escape sequence?)",
                 c->cols[col].name, diag_value(vb, v));
        return def;
    }
    return v;
}

int cell_date(struct cells *c, int col, int required, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? cell_need(c, col) : cell_get(c, col);
    *out = def;
    if (!v)
        return required ? -1 : 0;
    if (date_parse(v, out) != 0) {
        *out = def;
        CELL_ERR_COL(c, col, "column '%s': '%s' is not a date (YYYY-MM-DD)", c->cols[col].name,
                 diag_value(vb, v));
        return -1;
    }
    return 0;
}

int cell_weekdays(struct cells *c, int col, unsigned def, unsigned *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell_get(c, col);
    *out = def;
    if (!v)
        return 0;
    if (wd_parse(v, out) != 0) {
        *out = def;
        CELL_ERR_COL(c, col, "column '%s': '%s' is not a weekday list (e.g. 'Mon-Fri' or 'Mon Wed Fri')",
                 c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

int cell_bool(struct cells *c, int col, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell_get(c, col);
    *out = def;
    if (!v)
        return 0;
    if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "y") == 0 || strcasecmp(v, "true") == 0 ||
        strcmp(v, "1") == 0)
        *out = 1;
    else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "n") == 0 ||
             strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
        *out = 0;
    else {
        CELL_ERR_COL(c, col, "column '%s': '%s' is not yes or no", c->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

int cell_ref(struct cells *c, int col, int required, const struct idmap *m, const char *what,
             const char *where, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? cell_need(c, col) : cell_get(c, col);
    *out = -1;
    if (!v)
        return required ? -1 : 0;
    *out = idmap_get(m, v);
    if (*out < 0) {
        /* Not CELL_ERR: the cell is of its type, it names nothing. */
        c->unknown++;
        if (where)
            diag_add(c->d, DIAG_ERROR, tab_cell_path(c->t, c->row, col), tab_cell_line(c->t, c->row, col), "column '%s': '%s' is not a %s in %s",
                     c->cols[col].name, diag_value(vb, v), what, where);
        else
            diag_add(c->d, DIAG_ERROR, tab_cell_path(c->t, c->row, col), tab_cell_line(c->t, c->row, col), "column '%s': '%s' is not a %s",
                     c->cols[col].name, diag_value(vb, v), what);
        return -1;
    }
    return 0;
}

int cell_words(arena *mem, const char *v, const char ***out, int *n)
{
    size_t len = strlen(v);
    *n = 0;
    if (!(*out = arena_array(mem, len / 2 + 1, sizeof **out)))
        return -1;
    for (const char *q = v; *q;) {
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            break;
        const char *e = q;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (!((*out)[(*n)++] = arena_strndup(mem, q, (size_t)(e - q))))
            return -1;
        q = e;
    }
    return 0;
}
