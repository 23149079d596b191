/* report.html: the plan as one self-contained page to look at, mail and
 * print (docs/report.md). No network, no script: inline CSS and inline
 * SVG (planner/report_svg.h) only; every text from the scenario escaped;
 * numbers with '.' whatever the locale. Printed, it is A4 landscape with
 * a page break before each room.
 *
 * What it holds: the headline KPIs; an overview of every room; the late
 * and unserved patients with the reason the summary prints
 * (solve_explain); a Gantt chart per room; utilisation per week of rooms
 * and skills; the stock curves of the materials that bind; a legend. */
#ifndef PLANNER_REPORT_HTML_H
#define PLANNER_REPORT_HTML_H

#include <stdio.h>

#include "planner/plan_view.h"

#define REPORT_HTML_MAX_LISTED 200  /* late or unserved patients listed before "and N more" */

/* Writes the report of plan view v to f. Returns 0, or -1 when out of
 * memory (the caller finds write errors with ferror). */
int report_html_write(FILE *f, const struct plan_view *v);

/* Writes one report of n plan views side by side, for `planner compare`:
 * a KPI table with a column per scenario (titled labels[i], or the
 * scenario's name when labels is NULL), the differences to the first,
 * then each scenario's late and unserved patients and Gantt charts.
 * views[i] and labels[i] are borrowed. Returns 0, or -1 when out of
 * memory or n < 1. */
int report_html_compare(FILE *f, const struct plan_view *const *views, const char *const *labels, int n);

#endif
