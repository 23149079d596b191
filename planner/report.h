/* What the commands print for people: diagnostics, aligned columns. */
#ifndef PLANNER_REPORT_H
#define PLANNER_REPORT_H

#include <stdio.h>

#include "models/diag.h"

#define REPORT_MAX_SHOWN 50   /* diagnostics printed before "and N more" */

/* Prints the diagnostics of d to out as "FILE:LINE: message", warnings
 * marked, at most REPORT_MAX_SHOWN errors, then a count of the rest.
 * quiet: errors only. */
void report_diags(FILE *out, const diag_list *d, int quiet);

/* Display width of a UTF-8 string (code points), for aligned tables. */
int report_width(const char *s);
/* Prints s left-aligned in width columns. */
void report_pad(FILE *out, const char *s, int width);

/* Adds to d a warning when s (NULL: nothing) has no patient at all: a
 * plan of nothing is valid but rarely what the user meant. */
struct scenario;
void report_warn_empty(diag_list *d, const struct scenario *s);

#endif
