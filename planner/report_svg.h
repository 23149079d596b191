/* The pictures of report.html (planner/report_html.h): inline SVG drawn
 * from the plan view, with every text from the scenario escaped for HTML.
 * Coordinates are whole pixels written with %d, and the few fractions
 * (percentages, quantities) go through planner/number.h, so the output
 * never depends on the locale.
 *
 * How big plans stay readable: a room's Gantt chart wraps its timeline
 * into rows (like lines of text) of at most 98 days each, so that a day is
 * about 10 px wide whatever the horizon (a 3-year plan: 12 rows of 92
 * days); rows are grouped into one SVG per printed page. The overview
 * (every room on one line over the whole plan, no labels) and the weekly
 * heat maps give the big picture.
 *
 * Each function writes to f and returns 0, or -1 when out of memory. */
#ifndef PLANNER_REPORT_SVG_H
#define PLANNER_REPORT_SVG_H

#include <stdio.h>

#include "planner/plan_view.h"

#define RSVG_MAX_MATERIALS 6    /* stock curves drawn at most */

/* Writes s with & < > " ' escaped for HTML text and attributes. */
void rsvg_escape(FILE *f, const char *s);

/* The colour of patient p's batches: "hsl(H,S%,L%)" into buf. */
void rsvg_patient_colour(int patient, char *buf, size_t size);

/* Room r's Gantt chart: one or more <svg class="gantt"> (one per printed
 * page) with the room's batches (a bar per batch coloured per patient,
 * labelled with the patient id where it fits, its <title> giving the
 * patient, process and dates), changeover days, closed days, weekends,
 * month ticks and each batch's due date (a triangle, red when late). */
int rsvg_gantt_room(FILE *f, const struct plan_view *v, int r);

/* Every room on one line each over the whole plan: bars without labels. */
int rsvg_overview(FILE *f, const struct plan_view *v);

/* Utilisation per week as heat maps: rooms (occupied batch-days / open
 * place-days) and skills (step hours / shift hours of the persons who
 * have the skill; a person with two skills counts in both). */
int rsvg_weekly_rooms(FILE *f, const struct plan_view *v);
int rsvg_weekly_skills(FILE *f, const struct plan_view *v);

/* The materials that bind, most binding first, into out (at most max,
 * itself at most RSVG_MAX_MATERIALS):
 * a material binds when on some day its stock fell short of the plan's
 * use, or when after a day of use less than the largest single day's use
 * of it was left on hand (the next such day could not have been served
 * without an arrival). Ranked by shortage days, then by such tight days,
 * then file order. Returns how many. */
int rsvg_binding_materials(const struct plan_view *v, int *out, int max);
/* The stock on hand of material m day by day, shortages marked. */
int rsvg_stock(FILE *f, const struct plan_view *v, int m);

#endif
