/* The writers of a plan directory: one per output file, each in its own
 * planner/write_*.c, each writing one file from the plan view. A new
 * output (plan.xlsx, plan.ics) is a new write_*.c, its line here and its
 * line in the table of planner/plan_files.c.
 *
 * Each writes its whole file to f (opened, flushed and closed by the
 * caller, who finds write errors through ferror) and returns 0, or -1
 * when memory ran out. CSV writers write in dialect d (NULL: the
 * contract's RFC 4180, planner/csv_write.h). */
#ifndef PLANNER_PLAN_WRITERS_H
#define PLANNER_PLAN_WRITERS_H

#include <stdio.h>

#include "planner/csv_write.h"
#include "planner/plan_view.h"

typedef int (*plan_writer)(FILE *f, const struct plan_view *v, const struct csv_dialect *d);

int write_calendar(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
int write_room_grid(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
int write_roster(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
int write_orders(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
int write_inventory(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
int write_kpis(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
/* report.html (planner/report_html.h); d is ignored. */
int write_report_html(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
/* plan.xlsx (planner/write_xlsx.c): d is not used. */
int write_xlsx(FILE *f, const struct plan_view *v, const struct csv_dialect *d);
/* late.csv: every cause of each late or unserved patient (solver/explain). */
int write_late(FILE *f, const struct plan_view *v, const struct csv_dialect *d);

#endif
