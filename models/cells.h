/* The cells of a table row read as what the contract says they are: ids,
 * whole numbers, numbers, dates, weekday lists, yes/no, references and
 * lists of words, each checked with a message that names the file, the
 * line, the column and the value. One home for the scenario's tables
 * (tables.c, forecast.c) and the plan reader (plan_read.c), so that a cell
 * is read and reported the same wherever it stands. Internal to models/. */
#ifndef MODELS_CELLS_H
#define MODELS_CELLS_H

#include <stddef.h>

#include "models/arena.h"
#include "models/csv_table.h"
#include "models/diag.h"
#include "models/idmap.h"

#define CELL_MAX_QTY 1e12   /* bound on quantities, hours and money */
#define CELL_MAX_PLAN 1e30  /* the same in a plan: a cost is up to 1e9 x 1e12 */

/* The row being read and what was reported so far. The reader sets t,
 * cols and d (zeroing the rest) and steps row through the table. */
struct cells {
    table *t;                       /* NULL: the table has no rows to read */
    const struct tab_column *cols;  /* its schema, for the column names */
    diag_list *d;                   /* where problems go */
    size_t row;                     /* the row being read */
    int bad;                        /* errors: a cell blank when required or
                                       not of its type, or CELL_ERR */
    int unknown;                    /* references that name nothing */
    double max;                     /* largest number cell_number accepts;
                                       0: CELL_MAX_QTY */
};

/* An error or a warning about the row being read (FILE:LINE in d). An
 * error counts in c->bad. */
#define CELL_ERR(c, ...) \
    ((c)->bad++, diag_add((c)->d, DIAG_ERROR, cell_path(c), cell_line(c), __VA_ARGS__))
#define CELL_WARN(c, ...) \
    diag_add((c)->d, DIAG_WARNING, cell_path(c), cell_line(c), __VA_ARGS__)
/* An error about the cell of column col: names the file and line that
 * cell comes from (a merged file when a variant replaced it). */
#define CELL_ERR_COL(c, col, ...)                                                     \
    ((c)->bad++, diag_add((c)->d, DIAG_ERROR, tab_cell_path((c)->t, (c)->row, col),   \
                          tab_cell_line((c)->t, (c)->row, col), __VA_ARGS__))

/* ptr = a zeroed array of n elements (at least one) from owner->mem; when
 * memory runs out, sets owner->oom and returns -1 from the calling
 * function. owner is any struct with an arena *mem and an int oom. */
#define CELL_ALLOC(owner, ptr, n)                                                     \
    do {                                                                              \
        (ptr) = arena_array((owner)->mem, (size_t)(n) ? (size_t)(n) : 1, sizeof *(ptr)); \
        if (!(ptr)) {                                                                 \
            (owner)->oom = 1;                                                         \
            return -1;                                                                \
        }                                                                             \
    } while (0)

/* The line the row starts on, and its file (the table's, or the merged
 * file that added or last changed the row). */
int cell_line(const struct cells *c);
const char *cell_path(const struct cells *c);
/* The cell of column col, trimmed; NULL when blank or the file has no such
 * column. Borrowed for the life of the table's arena. */
const char *cell_get(const struct cells *c, int col);
/* The same, with an error when the cell is blank. */
const char *cell_need(struct cells *c, int col);

/* The readers below return 0, or -1 after reporting an error. On -1, and
 * when a cell that is not required is blank, *out is def (-1 for cell_ref;
 * "" for cell_id). */

/* A required id: no whitespace inside. */
int cell_id(struct cells *c, int col, const char **out);
/* A whole number from min to max. */
int cell_int(struct cells *c, int col, int required, long min, long max, int def, int *out);
/* A number written with digits, one '.' and an exponent (no hex, inf or
 * nan; a decimal comma is named), from min (greater than min when
 * strict_min) to c->max (CELL_MAX_QTY when 0). */
int cell_number(struct cells *c, int col, int required, double min, int strict_min, double def,
                double *out);
/* A quantity of material: a number within LIM_QTY_MAX, where the
 * tolerance LIM_QTY_EXACT is exact (models/limits.h; docs/model.md). */
int cell_qty(struct cells *c, int col, int required, int strict_min, double def, double *out);
/* A priority, within the range the solver holds exactly (models/limits.h);
 * 1 when blank. */
int cell_priority(struct cells *c, int col, double *out);
/* A free text (a name, a unit): any characters but terminal controls,
 * which would be obeyed when the text is printed. def when blank. */
const char *cell_text(struct cells *c, int col, const char *def);
/* A date, YYYY-MM-DD, as a day number (models/date.h). */
int cell_date(struct cells *c, int col, int required, int def, int *out);
/* A weekday list ("Mon-Fri", "Mon Wed Fri"), as a bit set; never required. */
int cell_weekdays(struct cells *c, int col, unsigned def, unsigned *out);
/* yes/y/true/1 or no/n/false/0; never required. */
int cell_bool(struct cells *c, int col, int def, int *out);
/* A reference: *out is the position m holds for the cell's id. An id m
 * does not hold is reported as "not a <what> in <where>" (or "not a
 * <what>" when where is NULL) and counted in c->unknown, not c->bad. */
int cell_ref(struct cells *c, int col, int required, const struct idmap *m, const char *what,
             const char *where, int *out);

/* Splits v at spaces and tabs into *n words, copies in mem (*out too).
 * Returns 0, or -1 when memory ran out. */
int cell_words(arena *mem, const char *v, const char ***out, int *n);

#endif
