/* Writing CSV: fields and rows to a FILE or to a struct strbuf, quoted as
 * RFC 4180 says, in a "dialect" (delimiter, decimal mark, byte order mark,
 * line end). Every CSV file the program writes goes through here, so that
 * a spreadsheet-friendly output (';' with a decimal comma, a UTF-8 BOM for
 * Excel) is a different dialect, not a different writer.
 *
 * The default dialect is the contract's: ',' between fields, '.' in
 * numbers, no BOM, "\n" after each row. A field is quoted when it holds
 * the delimiter, a double quote, CR or LF; a quote inside is doubled.
 *
 *     struct csv_writer w;
 *     csvw_to_file(&w, f, NULL);                 NULL: the default dialect
 *     static const char *const head[] = {"material", "quantity"};
 *     csvw_row(&w, head, 2, 0);
 *     csvw_field(&w, m->id);
 *     csvw_number(&w, num_quantity(q, buf));     a number: its '.' becomes
 *     csvw_end_row(&w);                          the dialect's decimal mark
 *     if (csvw_failed(&w)) ... a write error or out of memory ...
 *
 * Write errors are not reported call by call: a FILE's error flag or a
 * buffer's failed flag is checked once with csvw_failed. */
#ifndef PLANNER_CSV_WRITE_H
#define PLANNER_CSV_WRITE_H

#include <stdio.h>

#include "planner/strbuf.h"

struct csv_dialect {
    char delimiter;         /* between fields: ',' */
    char decimal;           /* the decimal mark of fields written as numbers: '.' */
    int bom;                /* 1: a UTF-8 byte order mark (EF BB BF) before the first row */
    const char *eol;        /* after each row: "\n" */
};

/* The default: the contract's RFC 4180 output (',', '.', no BOM, "\n"). */
extern const struct csv_dialect csvw_default;

/* Sets *d to the default, to change a field or two. */
void csvw_dialect_init(struct csv_dialect *d);

/* One output file (or buffer) being written. Plain struct: set it up with
 * csvw_to_file or csvw_to_buf; nothing to free. */
struct csv_writer {
    const struct csv_dialect *d;   /* borrowed, outlives the writer */
    FILE *f;                       /* the file written, or NULL */
    struct strbuf *b;              /* or the buffer appended to */
    int nfields;                   /* fields written in the current row */
    int started;                   /* 1 once anything was written (the BOM goes first) */
};

/* Writes to f (borrowed; the caller opens, checks and closes it) in
 * dialect d (NULL: csvw_default). */
void csvw_to_file(struct csv_writer *w, FILE *f, const struct csv_dialect *d);
/* Appends to b (borrowed) in dialect d (NULL: csvw_default). */
void csvw_to_buf(struct csv_writer *w, struct strbuf *b, const struct csv_dialect *d);

/* The next field of the current row, quoted when it must be; the
 * delimiter before it unless it is the row's first. */
void csvw_field(struct csv_writer *w, const char *text);
/* A field holding a number formatted with '.' (planner/number.h): written
 * with the dialect's decimal mark. "" stays an empty field. */
void csvw_number(struct csv_writer *w, const char *text);
/* Ends the current row (the line end; an empty row is an empty line). */
void csvw_end_row(struct csv_writer *w);
/* A whole row of n fields; bit i of numeric set: field i is a number (as
 * csvw_number). Fields i >= 32 are text. */
void csvw_row(struct csv_writer *w, const char *const *fields, int n, unsigned long numeric);

/* 1 when something was lost: the file's error flag, or the buffer ran out
 * of memory or past its cap. */
int csvw_failed(const struct csv_writer *w);

#endif
