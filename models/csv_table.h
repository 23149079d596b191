/* CSV tables (RFC 4180, read with libcsv), matched to a column schema.
 *
 * Columns are found by name (case-insensitive, spaces trimmed) in any
 * order. An unknown column is a warning; a missing required column, a row
 * with more or fewer fields than the header, broken quoting and invalid
 * UTF-8 are errors. Blank lines and all-empty rows are skipped. Each row
 * keeps the line its record starts on, for messages. */
#ifndef MODELS_CSV_TABLE_H
#define MODELS_CSV_TABLE_H

#include <stddef.h>

#include "models/arena.h"
#include "models/diag.h"

struct tab_column {
    const char *name;   /* lower case, as in the contract */
    int required;       /* 1: the header must have it */
};

typedef struct table table;

#define TAB_MAX_BYTES ((size_t)256 << 20)  /* largest table file read */
#define TAB_MAX_FIELDS 4096                /* most fields in one record */

/* Reads the CSV file at path. Problems are added to d, naming path and
 * line. Returns NULL when the file cannot be used at all (missing, a
 * directory, broken quoting, a required column missing); rows that are
 * bad are left out and the rest is returned. The table and its strings
 * live in mem (freed with it). */
table *tab_read(const char *path, const struct tab_column *cols, int ncols,
                diag_list *d, arena *mem);

/* tab_read for a file of a plan directory, which may be written in any
 * dialect planner plan writes (planner/csv_write.h): a UTF-8 BOM, and ';'
 * as the delimiter, found from the header line (';' and no ','). In a ';'
 * table a number's decimal mark may be ',' (cells.h reads it). */
table *tab_read_plan(const char *path, const struct tab_column *cols, int ncols,
                     diag_list *d, arena *mem);

/* ',' or ';': the delimiter the file was read with. */
char        tab_delimiter(const table *t);
size_t      tab_rows(const table *t);
const char *tab_path(const table *t);           /* as given to tab_read */
int         tab_line(const table *t, size_t row);
/* The cell of schema column col in row, trimmed; NULL when the cell is
 * blank or the file has no such column (the caller applies the default).
 * Borrowed for the life of mem. */
const char *tab_cell(const table *t, size_t row, int col);
int         tab_has_column(const table *t, int col);

/* Merged tables (models/merge.c): a row may come from another file than
 * the table's, and a cell from another file than its row's. */
/* The file of the row's line: the table's, or the merged file that added
 * or last changed the row. Borrowed for the life of mem. */
const char *tab_row_path(const table *t, size_t row);
/* The file and line the cell of column col comes from. */
const char *tab_cell_path(const table *t, size_t row, int col);
int         tab_cell_line(const table *t, size_t row, int col);
/* Appends a copy of row frow of from (same schema) to t, keeping its file
 * and line. Returns 0, or -1 when memory ran out. */
int tab_append_row(table *t, const table *from, size_t frow, arena *mem);
/* Each non-blank cell of row frow of from (same schema) replaces the cell
 * of row in t; blank cells keep t's. Returns the number of cells whose
 * value changed (0: the merged row changes nothing), or -1 when memory
 * ran out. */
int tab_update_row(table *t, size_t row, const table *from, size_t frow, arena *mem);

#endif
