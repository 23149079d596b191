/* What the planner can represent exactly, in one place: how large a
 * quantity may be and how exactly it is compared, the last date a plan can
 * hold. check enforces these limits so that the solver, the stock
 * simulation, the heuristic's ledger and verify all work inside them
 * (docs/model.md, "Exactness of quantities and priorities").
 * Nothing here prints. */
#ifndef MODELS_LIMITS_H
#define MODELS_LIMITS_H

#include "models/diag.h"
#include "models/scenario.h"

/* Largest quantity of one cell (stock, a delivery, a bill-of-materials
 * line, order_multiple, min_order), in the material's own unit. */
#define LIM_QTY_MAX 1e9
/* Two quantities closer than this (in the material's unit) are equal:
 * absolute, so that it does not grow with the quantities. */
#define LIM_QTY_EXACT 1e-6
/* Priorities lie in [LIM_PRIORITY_MIN, LIM_PRIORITY_MAX]: a ratio of at
 * most 1e12, so that the difference of two plans' weighted sums (compared
 * in long double by the solver) is never lost in rounding. */
#define LIM_PRIORITY_MIN 1e-6
#define LIM_PRIORITY_MAX 1e6

/* The tolerance for comparing quantities of magnitude x: LIM_QTY_EXACT, or
 * a few units of a double's last place when the sums are so large (beyond
 * 1e9) that the last place is coarser than that. */
double lim_qty_tol(double x);

/* 1 when priority lies within [LIM_PRIORITY_MIN, LIM_PRIORITY_MAX]. */
int lim_priority_ok(double priority);

/* The last day (a day number) that a plan of s may write: the end of the
 * calendar (day_last), plus the longest QC, shipping (and a week of
 * waiting for a shipping weekday) and due_after of the scenario's tables.
 * Call after the tables are loaded. */
int lim_last_written_day(const struct scenario *s);

/* Adds an error at file:line (the [scenario] end key) when a plan of s
 * could hold a date past 9999-12-31. Returns 0 when fine, -1 when not. */
int lim_check_dates(const struct scenario *s, diag_list *d, const char *file, int line);

#endif
