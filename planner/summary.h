/* The plan in ten seconds: what `planner plan` prints on stdout once the
 * plan files are written. */
#ifndef PLANNER_SUMMARY_H
#define PLANNER_SUMMARY_H

#include <stdio.h>

#include "planner/plan_view.h"

#define SUMMARY_MAX_LISTED 20   /* late or unserved patients and orders listed before "and N more" */
#define SUMMARY_ORDER_DAYS 28   /* orders shown: placed in the first four weeks from start */

/* Prints to out, from the plan view v: the scenario and its horizon; the solve's status and time;
 * patients on time, late, unserved and beyond the horizon; each late or
 * unserved patient with due, delivery, days late and the resource that
 * binds it (solve_explain); the orders to place in the first four weeks;
 * room and staff utilisation; the cost. quiet: one line (status, patient
 * counts, cost). Numbers use '.' whatever the locale. */
void plan_summary(FILE *out, const struct plan_view *v, int quiet);

#endif
