/* The plan summary on stdout: what a planner needs to act on first (who
 * is late and why, what to order now), in the layout of `planner check`
 * (a label column, then aligned tables). Every figure comes from the plan
 * view (planner/plan_view.h), so that the summary, kpis.csv and the exit
 * code never disagree. */
#include "planner/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "planner/commands.h"
#include "planner/number.h"
#include "planner/report.h"

#define TABLE_COLS 5
#define TABLE_CELL 256       /* bytes of one cell; a longer explanation is cut */

/* A small aligned table: row 0 is the header. */
struct table {
    int ncols, nrows;
    int right[TABLE_COLS];   /* 1: right-aligned (numbers) */
    char cell[SUMMARY_MAX_LISTED + 1][TABLE_COLS][TABLE_CELL];
};

static int order_cmp(const void *pa, const void *pb)
{
    const struct sol_order *a = pa, *b = pb;
    if (a->order_date != b->order_date)
        return a->order_date < b->order_date ? -1 : 1;
    if (a->material != b->material)
        return a->material < b->material ? -1 : 1;
    return a->quantity < b->quantity ? -1 : a->quantity > b->quantity;
}

static void table_print(FILE *out, const struct table *t)
{
    int w[TABLE_COLS] = {0};
    for (int r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++)
            if (report_width(t->cell[r][c]) > w[c])
                w[c] = report_width(t->cell[r][c]);
    for (int r = 0; r < t->nrows; r++) {
        fputs("  ", out);
        for (int c = 0; c < t->ncols; c++) {
            const char *text = t->cell[r][c];
            int last = c == t->ncols - 1;
            if (c)
                fputs("  ", out);
            if (t->right[c] && r > 0) {
                for (int i = report_width(text); i < w[c]; i++)
                    fputc(' ', out);
                report_pad(out, text, 0);
            } else
                report_pad(out, text, last ? 0 : w[c]);
        }
        fputc('\n', out);
    }
}

/* v as a percentage with up to one decimal ("45.2", "100"). */
static char *percent(double fraction, char buf[NUM_BUFSZ])
{
    return num_figure(round(fraction * 1000) / 10, buf);
}

/* Seconds to a tenth ("0.4", "60"). */
static char *seconds(double s, char buf[NUM_BUFSZ])
{
    return num_figure(round(s * 10) / 10, buf);
}

static void print_status(FILE *out, const struct solution *sol, const struct plan_kpis *k)
{
    char t[NUM_BUFSZ], g[NUM_BUFSZ], a[NUM_BUFSZ], b[NUM_BUFSZ];
    switch (sol->status) {
    case SOLVE_OPTIMAL:
        fprintf(out, "Status     optimal, solved in %s s\n", seconds(sol->seconds, t));
        return;
    case SOLVE_TIME_LIMIT:
        fprintf(out, "Status     time limit reached after %s s: the best plan found", seconds(sol->seconds, t));
        break;
    case SOLVE_INTERRUPTED:
        fprintf(out, "Status     interrupted after %s s: the best plan found so far", seconds(sol->seconds, t));
        break;
    case SOLVE_FEASIBLE:
    default:
        fprintf(out, "Status     heuristic plan, no optimality bound (%s s)\n", seconds(sol->seconds, t));
        return;
    }
    /* A stopped search: say what is proven. The delay first (the cost gap
     * means something only once the delay is proven). */
    if (sol->delay_bound < 0)
        fprintf(out, "; no bound on the delay yet");
    else if (k->weighted_delay > sol->delay_bound + 1e-9)
        fprintf(out, "; weighted delay %s, proven at least %s", num_figure(k->weighted_delay, a),
                num_figure(sol->delay_bound, b));
    else if (sol->gap >= 1)
        /* Stopped before the cost level had a bound (its LP, on a large
         * model): kpis.csv says gap 1. */
        fprintf(out, "; delay proven optimal, no bound on the cost yet");
    else
        fprintf(out, "; delay proven optimal, cost gap %s %%", num_figure(sol->gap * 100, g));
    fputc('\n', out);
}

/* The late and unserved patients, with why: the late ones in the
 * calendar's order, then the unserved. */
static void print_trouble(FILE *out, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    int n = v->k.late + v->k.unserved;
    struct table *t = NULL;
    char d[DATE_BUFSZ];
    if (n == 0)
        return;
    t = calloc(1, sizeof *t);
    if (!t)
        return;
    fprintf(out, "\nLate or unserved\n");
    static const char *const head[] = {"patient", "due", "delivery", "late", "why"};
    t->ncols = 5;
    t->right[3] = 1;
    for (int c = 0; c < 5; c++)
        snprintf(t->cell[0][c], TABLE_CELL, "%s", head[c]);
    t->nrows = 1;
    for (int i = 0; i < v->nbatches + v->nunserved && t->nrows <= SUMMARY_MAX_LISTED; i++) {
        const struct pv_batch *b = i < v->nbatches ? &v->batches[i] : NULL;
        if (b && b->t.delay == 0)
            continue;
        int p = b ? b->patient : v->unserved[i - v->nbatches].patient;
        char (*row)[TABLE_CELL] = t->cell[t->nrows++];
        snprintf(row[0], TABLE_CELL, "%s", s->patients[p].id);
        snprintf(row[1], TABLE_CELL, "%s", date_format(s->patients[p].due, d));
        if (!b) {
            snprintf(row[2], TABLE_CELL, "unserved");
            snprintf(row[3], TABLE_CELL, "-");
        } else {
            snprintf(row[2], TABLE_CELL, "%s", date_format(b->t.delivery, d));
            snprintf(row[3], TABLE_CELL, "%d d", b->t.delay);
        }
        solve_explain(s, v->sol, p, row[4], TABLE_CELL);
    }
    table_print(out, t);
    if (n > SUMMARY_MAX_LISTED)
        fprintf(out, "  ... and %d more (calendar.csv lists them all)\n", n - SUMMARY_MAX_LISTED);
    free(t);
}

/* The orders to place in the first four weeks from start. */
static void print_orders(FILE *out, const struct scenario *s, const struct solution *sol)
{
    int until = s->start + SUMMARY_ORDER_DAYS - 1, n = 0;
    char d[DATE_BUFSZ];
    struct sol_order *list = malloc(((size_t)sol->norders + 1) * sizeof *list);
    struct table *t = calloc(1, sizeof *t);
    if (!list || !t)
        goto done;
    for (int i = 0; i < sol->norders; i++)
        if (sol->orders[i].order_date <= until)
            list[n++] = sol->orders[i];
    if (n == 0) {
        fprintf(out, "\nOrders     none to place by %s\n", date_format(until, d));
        goto done;
    }
    qsort(list, (size_t)n, sizeof *list, order_cmp);
    fprintf(out, "\nOrders     %d to place by %s\n", n, date_format(until, d));
    static const char *const head[] = {"order on", "material", "quantity", "unit", "arrives"};
    t->ncols = 5;
    t->right[2] = 1;
    for (int c = 0; c < 5; c++)
        snprintf(t->cell[0][c], TABLE_CELL, "%s", head[c]);
    t->nrows = 1;
    for (int i = 0; i < n && i < SUMMARY_MAX_LISTED; i++) {
        char (*row)[TABLE_CELL] = t->cell[t->nrows++];
        const struct material *m = &s->materials[list[i].material];
        char q[NUM_BUFSZ];
        snprintf(row[0], TABLE_CELL, "%s", date_format(list[i].order_date, d));
        snprintf(row[1], TABLE_CELL, "%s", m->id);
        snprintf(row[2], TABLE_CELL, "%s", num_figure(list[i].quantity, q));
        snprintf(row[3], TABLE_CELL, "%s", m->unit[0] ? m->unit : "-");
        snprintf(row[4], TABLE_CELL, "%s",
                 date_format(list[i].order_date + (m->lead_time > 0 ? m->lead_time : 0), d));
    }
    table_print(out, t);
    if (n > SUMMARY_MAX_LISTED)
        fprintf(out, "  ... and %d more (orders.csv lists them all)\n", n - SUMMARY_MAX_LISTED);
done:
    free(list);
    free(t);
}

void plan_summary(FILE *out, const struct plan_view *v, int quiet)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    const struct plan_kpis k = v->k;
    char a[DATE_BUFSZ], b[DATE_BUFSZ], n1[NUM_BUFSZ], n2[NUM_BUFSZ], n3[NUM_BUFSZ];
    if (quiet) {
        fprintf(out, "%s: %s, %d on time, %d late, %d unserved, cost %s\n", s->name,
                solve_status_name(sol->status), k.on_time, k.late, k.unserved,
                num_money(k.cost, n1));
        return;
    }
    fprintf(out, "Scenario   %s\n", s->name);
    fprintf(out, "Horizon    %s .. %s, %d days", date_format(s->start, a), date_format(s->end, b),
            s->end - s->start + 1);
    if (k.plan_last > s->end)
        fprintf(out, " (batches use resources until %s)", date_format(k.plan_last, a));
    fputc('\n', out);
    print_status(out, sol, &k);
    fprintf(out, "Patients   %d: %d on time, %d late, %d unserved", k.patients, k.on_time, k.late,
            k.unserved);
    if (k.late)
        fprintf(out, " (%d delay days in all, at most %d)", k.total_delay_days, k.max_delay_days);
    if (k.beyond_horizon)
        fprintf(out, "; %d more beyond the horizon, not planned", k.beyond_horizon);
    fputc('\n', out);
    print_trouble(out, v);
    if (s->nmaterials > 0)
        print_orders(out, s, sol);
    fputc('\n', out);
    fprintf(out, "Use        rooms %s %%, staff %s %%\n", percent(k.room_utilization, n1),
            percent(k.staff_utilization, n2));
    fprintf(out, "Cost       %s (rooms %s, materials %s)", num_money(k.cost, n1),
            num_money(k.room_cost, n2), num_money(k.material_cost, n3));
    if (k.waste_cost > 0)
        fprintf(out, "; expired material worth %s", num_money(k.waste_cost, n1));
    fputc('\n', out);
}
