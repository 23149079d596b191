/* Calendar dates as day numbers, and weekday sets.
 *
 * A date is an int: days since 1970-01-01 (day 0, a Thursday). Day numbers
 * make intervals and offsets plain arithmetic; the proleptic Gregorian
 * calendar is used for years 1..9999. */
#ifndef MODELS_DATE_H
#define MODELS_DATE_H

#include <stddef.h>

#define DATE_BUFSZ 11          /* "YYYY-MM-DD" plus the NUL */
#define DATE_NONE  (-1000000)  /* no date: below every valid day number (0001-01-01 is -719162) */
#define DATE_FAR   3000000     /* +infinity: above every valid day number (9999-12-31 is 2932896) */

/* Weekday set: bit 0 is Monday .. bit 6 Sunday. */
#define WD_ALL  0x7fu
#define WD_MON_FRI 0x1fu

int  date_is_leap(int year);
int  date_days_in_month(int year, int month);          /* month 1..12 */
/* Day number of a valid y-m-d (the caller checks validity first). */
int  date_from_ymd(int year, int month, int day);
void date_to_ymd(int date, int *year, int *month, int *day);
int  date_weekday(int date);                           /* 0 = Mon .. 6 = Sun */

/* Strict YYYY-MM-DD (exactly ten characters, a real calendar date).
 * Returns 0 and sets *out, or -1. */
int  date_parse(const char *s, int *out);
/* Strict YYYY-MM. Returns 0 and sets *year, *month, or -1. */
int  date_parse_month(const char *s, int *year, int *month);
/* Writes "YYYY-MM-DD" into buf (DATE_BUFSZ bytes); returns buf. */
char *date_format(int date, char buf[DATE_BUFSZ]);

/* Parses a weekday list: English three-letter names separated by spaces,
 * with ranges that may wrap ("Mon-Fri", "Mon Wed Fri", "Fri-Mon"); case
 * does not matter. Returns 0 and sets *mask, or -1 (an empty list too). */
int  wd_parse(const char *s, unsigned *mask);
/* Writes a canonical form ("Mon-Fri", "Mon Wed", "every day") into buf. */
char *wd_format(unsigned mask, char *buf, size_t size);
const char *wd_name(int weekday);                      /* "Mon" .. "Sun" */

#endif
