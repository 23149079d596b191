/* late.csv: why each late or unserved patient is not on time, one row per
 * cause (solve_explain_causes: every room of the right type with its state,
 * every skill and every material short, or the start rules), so that the
 * reasons are in a file and not only in the summary. Columns: patient,
 * status, delay_days (blank when unserved), resource, kind (room, skill,
 * material, start, plan), date, detail. A patient with no resource short
 * gets one row of kind "plan": its start was given to another patient
 * (the detail is the summary's one-line reason). */
#include "planner/plan_writers.h"

#include <stdlib.h>

#include "models/date.h"
#include "planner/number.h"
#include "solver/solver.h"

#define LATE_MAX_CAUSES 64   /* causes of one patient (rooms, skills, materials) */

static const char *kind_name(enum explain_kind k)
{
    switch (k) {
    case EXPLAIN_ROOM: return "room";
    case EXPLAIN_SKILL: return "skill";
    case EXPLAIN_MATERIAL: return "material";
    case EXPLAIN_START: return "start";
    }
    return "";
}

/* The rows of patient p; delay < 0 when unserved. Returns 0 or -1 (out of
 * memory). */
static int patient_rows(struct csv_writer *w, const struct plan_view *v, int p, int delay,
                        struct explain_cause *cs)
{
    const struct scenario *s = v->s;
    char dl[NUM_BUFSZ] = "", day[DATE_BUFSZ];
    if (delay >= 0)
        snprintf(dl, sizeof dl, "%d", delay);
    const char *status = delay < 0 ? "unserved" : "late";
    int n = solve_explain_causes(s, v->sol, p, cs, LATE_MAX_CAUSES);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *row[7] = {s->patients[p].id, status, dl, cs[i].resource, kind_name(cs[i].kind),
                              cs[i].date == DATE_NONE ? "" : date_format(cs[i].date, day),
                              cs[i].detail};
        csvw_row(w, row, 7, 1ul << 2);
    }
    if (n == 0) {
        char why[512];
        solve_explain(s, v->sol, p, why, sizeof why);
        const char *row[7] = {s->patients[p].id, status, dl, "", "plan", "", why};
        csvw_row(w, row, 7, 1ul << 2);
    }
    return 0;
}

int write_late(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    static const char *const header[] = {"patient", "status", "delay_days", "resource",
                                         "kind",    "date",   "detail"};
    struct csv_writer w;
    int rc = 0;
    struct explain_cause *cs = malloc(LATE_MAX_CAUSES * sizeof *cs);
    if (!cs)
        return -1;
    csvw_to_file(&w, f, d);
    csvw_row(&w, header, 7, 0);
    for (int i = 0; i < v->nbatches && rc == 0; i++)
        if (v->batches[i].t.delay > 0)
            rc = patient_rows(&w, v, v->batches[i].patient, v->batches[i].t.delay, cs);
    for (int i = 0; i < v->nunserved && rc == 0; i++)
        rc = patient_rows(&w, v, v->unserved[i].patient, -1, cs);
    free(cs);
    return rc;
}
