/* Numbers as the program's files and summaries write them, whatever the
 * locale: '.' as the decimal mark (a CSV dialect may swap it, see
 * planner/csv_write.h), no exponent, no trailing zeros, "0" never "-0".
 * Each function writes into a caller's buffer of NUM_BUFSZ bytes and
 * returns it; a NaN or an infinity gives "". */
#ifndef PLANNER_NUMBER_H
#define PLANNER_NUMBER_H

#define NUM_BUFSZ 48            /* a formatted number plus the NUL */

/* A figure: an integer without decimals, otherwise six significant digits
 * in fixed notation ("0.3", "12.5", "0.000125", "1234568"). */
char *num_figure(double v, char buf[NUM_BUFSZ]);
/* A quantity (material, hours): up to nine decimals, so that a file read
 * back gives the quantity planned ("0.3", "123456.5", "0.333333333"). */
char *num_quantity(double v, char buf[NUM_BUFSZ]);
/* Money: rounded to the cent ("12.5", "120", "0.01"). */
char *num_money(double v, char buf[NUM_BUFSZ]);
/* v rounded to the cent, as num_money shows it (for sums that must add up
 * to the figures shown). */
double num_cents(double v);

#endif
