#define _GNU_SOURCE   /* renameat2 */
/* The plan directory: from the solver's decisions to the six CSV files of
 * the contract (section 6).
 *
 * A "view" of the plan is derived once (batches in file order with their
 * timelines, the plan days, material use and stock day by day) and every
 * writer reads it. The files are written to temporaries and renamed into
 * place only when all six are complete, so that a failed write (a full
 * disk, a missing directory) never leaves a plan half old, half new. */
#include "planner/plan_files.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/batch.h"
#include "models/date.h"
#include "models/stock.h"

#define CELL_MAX (16u << 20)     /* bytes in one CSV cell: a hard cap */

const char *const plan_files_names[PLAN_FILES_N] = {
    "calendar.csv", "room_grid.csv", "roster.csv", "orders.csv", "inventory.csv", "kpis.csv"};

/* A placed batch and its timeline. */
struct vbatch {
    int patient;
    const char *id;
    int process, room;
    struct batch_times t;
};

/* An unserved patient, sorted by id. */
struct vunserved {
    const char *id;
    int patient;
};

/* An order's sort key. */
struct vorder {
    int material, order_date;
    int index;              /* into sol->orders */
};

/* A step falling on a plan day: the index of the roster. */
struct vstep {
    int batch;              /* index into view.batches (their order) */
    int skill;
};

struct view {
    const struct scenario *s;
    const struct solution *sol;
    struct vbatch *batches;     /* served, by start then patient id */
    int nbatches;
    struct vunserved *unserved; /* by id */
    int nunserved;
    int ndays;                  /* plan days: start .. start + ndays - 1 */
    struct vorder *order_ix;    /* sol->orders by material, order_date */
    double *use;                /* [material * ndays + i] */
    struct stock_day *stock;    /* [material * ndays + i] */
    int *step_first;            /* steps of day i: step_first[i] .. step_first[i+1]-1 */
    struct vstep *steps;
    struct plan_kpis k;
};

/* A growable string for one CSV cell. */
struct sbuf {
    char *p;
    size_t len, cap;
    int failed;             /* out of memory or over CELL_MAX */
};

/* ---- numbers, whatever the locale --------------------------------------- */

/* printf writes the locale's decimal separator (',' under fr_FR, several
 * bytes in some locales): put '.' in its place. The output of %f holds
 * only digits, a sign and that separator. */
static void decimal_point(char *buf)
{
    size_t j = 0;
    int dot = 0;
    for (size_t i = 0; buf[i]; i++) {
        char c = buf[i];
        if ((c >= '0' && c <= '9') || c == '-')
            buf[j++] = c;
        else if (!dot) {
            buf[j++] = '.';
            dot = 1;
        }
    }
    buf[j] = '\0';
}

/* Drops trailing zeros after a '.', then a bare '.', then a sign on 0. */
static void trim_number(char *buf)
{
    if (strchr(buf, '.')) {
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0) {
        buf[0] = '0';
        buf[1] = '\0';
    }
}

char *plan_files_number(double v, char buf[PLAN_NUMBUF])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    double r = round(v);
    if (fabs(r) < 1e15 && fabs(v - r) <= 1e-9 * fmax(1.0, fabs(v))) {
        snprintf(buf, PLAN_NUMBUF, "%.0f", r);
    } else {
        /* Six significant digits in fixed notation: spreadsheets read
         * "0.000125" everywhere, "1.25e-04" not always. */
        int decimals = fabs(v) > 0 ? 5 - (int)floor(log10(fabs(v))) : 0;
        if (decimals < 0)
            decimals = 0;
        if (decimals > 17)
            decimals = 17;
        snprintf(buf, PLAN_NUMBUF, "%.*f", decimals, v);
        decimal_point(buf);
    }
    trim_number(buf);
    return buf;
}

char *plan_files_quantity(double v, char buf[PLAN_NUMBUF])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    /* Nine decimals hide the binary noise of sums (0.30000000000000004)
     * and keep every digit a quantity was given with. */
    snprintf(buf, PLAN_NUMBUF, fabs(v) < 1e15 ? "%.9f" : "%.0f", v);
    decimal_point(buf);
    trim_number(buf);
    return buf;
}

char *plan_files_money(double v, char buf[PLAN_NUMBUF])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, PLAN_NUMBUF, "%.2f", round(v * 100) / 100);
    decimal_point(buf);
    trim_number(buf);
    return buf;
}

static double cents(double v)
{
    return round(v * 100) / 100;
}

/* ---- CSV ------------------------------------------------------------------ */

static void sbuf_add(struct sbuf *b, const char *sep, const char *text)
{
    size_t add = strlen(text) + (b->len ? strlen(sep) : 0);
    if (b->failed)
        return;
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + add + 1)
            cap *= 2;
        char *p = cap <= CELL_MAX ? realloc(b->p, cap) : NULL;
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (b->len) {
        memcpy(b->p + b->len, sep, strlen(sep));
        b->len += strlen(sep);
    }
    memcpy(b->p + b->len, text, strlen(text) + 1);
    b->len += strlen(text);
}

static const char *sbuf_str(const struct sbuf *b)
{
    return b->len ? b->p : "";
}

/* One field, quoted (RFC 4180) when it holds a comma, a quote or a line
 * break: names may hold anything. */
static void csv_field(FILE *f, const char *text, int first)
{
    if (!first)
        fputc(',', f);
    if (!strpbrk(text, ",\"\r\n")) {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            fputc('"', f);
        fputc(*c, f);
    }
    fputc('"', f);
}

/* A whole row of n fields. */
static void csv_row(FILE *f, const char *const *fields, int n)
{
    for (int i = 0; i < n; i++)
        csv_field(f, fields[i], i == 0);
    fputc('\n', f);
}

static const char *fmt_date(int day, char buf[DATE_BUFSZ])
{
    if (day == DATE_NONE) {
        buf[0] = '\0';
        return buf;
    }
    return date_format(day, buf);
}

/* ---- the view ------------------------------------------------------------- */

static int vbatch_cmp(const void *pa, const void *pb)
{
    const struct vbatch *a = pa, *b = pb;
    if (a->t.start != b->t.start)
        return a->t.start < b->t.start ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int unserved_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct vunserved *)pa)->id, ((const struct vunserved *)pb)->id);
}

/* Material (file order), then order date; the solver's order on a tie. */
static int order_cmp(const void *pa, const void *pb)
{
    const struct vorder *a = pa, *b = pb;
    if (a->material != b->material)
        return a->material < b->material ? -1 : 1;
    if (a->order_date != b->order_date)
        return a->order_date < b->order_date ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void view_free(struct view *v)
{
    free(v->batches);
    free(v->unserved);
    free(v->order_ix);
    free(v->use);
    free(v->stock);
    free(v->step_first);
    free(v->steps);
}

/* The version of a placed batch: the solver's, else the one the contract
 * gives (a solution built by hand may leave it out). */
static int batch_process(const struct scenario *s, const struct solution *sol, int p)
{
    if (sol->batch[p].process >= 0)
        return sol->batch[p].process;
    if (s->patients[p].process >= 0)
        return s->patients[p].process;
    return scn_process_for(s, p, sol->batch[p].start);
}

/* Batches, unserved patients and the plan days. */
static int view_batches(struct view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    v->batches = malloc(((size_t)s->npatients + 1) * sizeof *v->batches);
    v->unserved = malloc(((size_t)s->npatients + 1) * sizeof *v->unserved);
    if (!v->batches || !v->unserved)
        return -1;
    int last = s->end;
    for (int p = 0; p < s->npatients; p++) {
        int pr = sol->batch[p].start == DATE_NONE ? -1 : batch_process(s, sol, p);
        if (pr < 0) {
            v->unserved[v->nunserved++] = (struct vunserved){s->patients[p].id, p};
            continue;
        }
        struct vbatch *b = &v->batches[v->nbatches++];
        b->patient = p;
        b->id = s->patients[p].id;
        b->process = pr;
        b->room = sol->batch[p].room;
        batch_times(s, p, pr, sol->batch[p].start, &b->t);
        const struct process *proc = &s->processes[pr];
        if (b->t.last_room_day > last)
            last = b->t.last_room_day;
        for (int j = 0; j < proc->nsteps; j++)
            if (b->t.start + proc->steps[j].day > last)
                last = b->t.start + proc->steps[j].day;
        for (int j = 0; j < proc->nbom; j++)
            if (b->t.start + proc->bom[j].day > last)
                last = b->t.start + proc->bom[j].day;
    }
    qsort(v->batches, (size_t)v->nbatches, sizeof *v->batches, vbatch_cmp);
    qsort(v->unserved, (size_t)v->nunserved, sizeof *v->unserved, unserved_cmp);
    v->ndays = last - s->start + 1;
    return 0;
}

/* The steps of every batch by plan day, in batch order within a day. */
static int view_steps(struct view *v)
{
    const struct scenario *s = v->s;
    size_t nd = (size_t)v->ndays;
    int n = 0;
    v->step_first = calloc(nd + 2, sizeof *v->step_first);
    if (!v->step_first)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < v->nbatches; i++) {
            const struct process *pr = &s->processes[v->batches[i].process];
            for (int j = 0; j < pr->nsteps; j++) {
                int k = v->batches[i].t.start + pr->steps[j].day - s->start;
                if (k < 0 || k >= v->ndays)
                    continue; /* the past of a fixed batch */
                if (pass == 0) {
                    v->step_first[k + 1]++;
                    n++;
                } else
                    v->steps[v->step_first[k]++] = (struct vstep){i, pr->steps[j].skill};
            }
        }
        if (pass == 0) {
            for (size_t k = 0; k < nd; k++)
                v->step_first[k + 1] += v->step_first[k];
            v->steps = malloc(((size_t)n + 1) * sizeof *v->steps);
            if (!v->steps)
                return -1;
        }
    }
    /* The fill moved each step_first[k] to the start of day k + 1. */
    memmove(v->step_first + 1, v->step_first, nd * sizeof *v->step_first);
    v->step_first[0] = 0;
    return 0;
}

/* Material use of every batch from the horizon's start on, the orders in
 * file order and the stock day by day. */
static int view_stock(struct view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    size_t nd = (size_t)v->ndays, nm = (size_t)s->nmaterials;
    struct stock_order *mine = NULL;
    int rc = -1;
    v->use = calloc(nm * nd + 1, sizeof *v->use);
    v->stock = calloc(nm * nd + 1, sizeof *v->stock);
    v->order_ix = malloc(((size_t)sol->norders + 1) * sizeof *v->order_ix);
    mine = malloc(((size_t)sol->norders + 1) * sizeof *mine);
    if (!v->use || !v->stock || !v->order_ix || !mine)
        goto done;
    for (int i = 0; i < v->nbatches; i++) {
        const struct process *pr = &s->processes[v->batches[i].process];
        for (int j = 0; j < pr->nbom; j++) {
            int k = v->batches[i].t.start + pr->bom[j].day - s->start;
            if (k >= 0 && k < v->ndays)
                v->use[(size_t)pr->bom[j].material * nd + (size_t)k] += pr->bom[j].quantity;
        }
    }
    for (int i = 0; i < sol->norders; i++)
        v->order_ix[i] = (struct vorder){sol->orders[i].material, sol->orders[i].order_date, i};
    qsort(v->order_ix, (size_t)sol->norders, sizeof *v->order_ix, order_cmp);
    for (int m = 0; m < s->nmaterials; m++) {
        int n = 0;
        for (int i = 0; i < sol->norders; i++)
            if (sol->orders[i].material == m)
                mine[n++] = (struct stock_order){sol->orders[i].order_date, sol->orders[i].quantity};
        if (stock_simulate(s, m, v->use + (size_t)m * nd, v->ndays, mine, n,
                           v->stock + (size_t)m * nd) != 0)
            goto done;
    }
    rc = 0;
done:
    free(mine);
    return rc;
}

/* The figures of kpis.csv. */
static void view_kpis(struct view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    struct plan_kpis *k = &v->k;
    memset(k, 0, sizeof *k);
    k->patients = s->npatients;
    k->beyond_horizon = s->beyond_horizon;
    k->batches = v->nbatches;
    k->orders = sol->norders;
    k->plan_first = s->start;
    k->plan_last = s->start + v->ndays - 1;
    k->unserved = v->nunserved;
    for (int i = 0; i < v->nunserved; i++)
        k->weighted_unserved += s->patients[v->unserved[i].patient].priority;

    double occupied = 0, room_cost = 0, step_hours = 0;
    for (int i = 0; i < v->nbatches; i++) {
        const struct vbatch *b = &v->batches[i];
        const struct process *pr = &s->processes[b->process];
        int delay = b->t.delay;
        if (delay > 0)
            k->late++;
        else
            k->on_time++;
        k->total_delay_days += delay;
        k->weighted_delay += s->patients[b->patient].priority * delay;
        if (delay > k->max_delay_days)
            k->max_delay_days = delay;
        /* Days before the horizon's start are the past: they use nothing. */
        int from = b->t.start > s->start ? b->t.start : s->start;
        int days = b->t.last_room_day >= from ? b->t.last_room_day - from + 1 : 0;
        occupied += days;
        if (b->room >= 0)
            room_cost += days * s->rooms[b->room].cost_per_day;
        for (int j = 0; j < pr->nsteps; j++)
            if (b->t.start + pr->steps[j].day >= s->start)
                step_hours += pr->steps[j].people * pr->steps[j].hours;
    }

    double places = 0, shift_hours = 0;
    for (int i = 0; i < v->ndays; i++) {
        for (int r = 0; r < s->nrooms; r++)
            if (scn_room_open(s, r, s->start + i))
                places += s->rooms[r].capacity;
        for (int p = 0; p < s->npersons; p++)
            shift_hours += scn_person_hours(s, p, s->start + i);
    }
    k->room_utilization = places > 0 ? occupied / places : 0;
    k->staff_utilization = shift_hours > 0 ? step_hours / shift_hours : 0;

    double material_cost = 0, waste_cost = 0;
    for (int i = 0; i < sol->norders; i++)
        material_cost += sol->orders[i].quantity * s->materials[sol->orders[i].material].unit_cost;
    for (int m = 0; m < s->nmaterials; m++)
        for (int i = 0; i < v->ndays; i++)
            waste_cost += v->stock[(size_t)m * (size_t)v->ndays + (size_t)i].expired *
                          s->materials[m].unit_cost;
    /* cost is the sum of the figures shown, so that the file adds up. */
    k->room_cost = cents(room_cost);
    k->material_cost = cents(material_cost);
    k->waste_cost = cents(waste_cost);
    k->cost = cents(k->room_cost + k->material_cost);
}

static int view_build(struct view *v, const struct scenario *s, const struct solution *sol)
{
    memset(v, 0, sizeof *v);
    v->s = s;
    v->sol = sol;
    if (view_batches(v) != 0 || view_steps(v) != 0 || view_stock(v) != 0)
        return -1;
    view_kpis(v);
    return 0;
}

int plan_files_kpis(const struct scenario *s, const struct solution *sol, struct plan_kpis *k)
{
    struct view v;
    int rc = view_build(&v, s, sol);
    if (rc == 0)
        *k = v.k;
    view_free(&v);
    return rc;
}

/* ---- the writers ------------------------------------------------------------
 * Each writes one file to f and returns 0, or -1 when memory ran out
 * (write errors are found by the caller through ferror). */

static int write_calendar(FILE *f, const struct view *v)
{
    static const char *const head[] = {"patient", "site", "process", "room", "ready", "start",
                                       "end", "release", "delivery", "due", "delay_days", "status"};
    const struct scenario *s = v->s;
    char d[6][DATE_BUFSZ], delay[PLAN_NUMBUF];
    csv_row(f, head, 12);
    for (int i = 0; i < v->nbatches; i++) {
        const struct vbatch *b = &v->batches[i];
        const struct patient *pt = &s->patients[b->patient];
        snprintf(delay, sizeof delay, "%d", b->t.delay);
        const char *row[12] = {pt->id, s->sites[pt->site].id, s->processes[b->process].id,
                               b->room >= 0 ? s->rooms[b->room].id : "", fmt_date(pt->ready, d[0]),
                               fmt_date(b->t.start, d[1]), fmt_date(b->t.end, d[2]),
                               fmt_date(b->t.release, d[3]), fmt_date(b->t.delivery, d[4]),
                               fmt_date(pt->due, d[5]), delay, b->t.delay > 0 ? "late" : "on_time"};
        csv_row(f, row, 12);
    }
    for (int i = 0; i < v->nunserved; i++) {
        const struct patient *pt = &s->patients[v->unserved[i].patient];
        /* No batch: no room, no dates, no delay. A version named in
         * patients.csv is the patient's whatever happens, so it stays. */
        const char *row[12] = {pt->id, s->sites[pt->site].id,
                               pt->process >= 0 ? s->processes[pt->process].id : "", "",
                               fmt_date(pt->ready, d[0]), "", "", "", "", fmt_date(pt->due, d[1]), "",
                               "unserved"};
        csv_row(f, row, 12);
    }
    return 0;
}

static int write_room_grid(FILE *f, const struct view *v)
{
    const struct scenario *s = v->s;
    struct sbuf cell = {0};
    char d[DATE_BUFSZ];
    int rc = -1;
    int span = 1;   /* longest stay of any batch in a room */
    for (int i = 0; i < v->nbatches; i++) {
        const struct vbatch *b = &v->batches[i];
        if (b->t.last_room_day - b->t.start + 1 > span)
            span = b->t.last_room_day - b->t.start + 1;
    }
    csv_field(f, "date", 1);
    for (int r = 0; r < s->nrooms; r++)
        csv_field(f, s->rooms[r].id, 0);
    fputc('\n', f);
    int lo = 0;     /* the first batch that may still be in a room */
    for (int i = 0; i < v->ndays; i++) {
        int day = s->start + i;
        while (lo < v->nbatches && v->batches[lo].t.start < day - span + 1)
            lo++;
        csv_field(f, date_format(day, d), 1);
        for (int r = 0; r < s->nrooms; r++) {
            cell.len = 0;
            for (int phase = 0; phase < 2; phase++)
                for (int j = lo; j < v->nbatches && v->batches[j].t.start <= day; j++) {
                    const struct vbatch *b = &v->batches[j];
                    if (b->room != r)
                        continue;
                    if (phase == 0 && day <= b->t.end)
                        sbuf_add(&cell, " ", b->id);
                    else if (phase == 1 && day > b->t.end && day <= b->t.last_room_day) {
                        /* "changeover:" and the id make one word. */
                        sbuf_add(&cell, " ", "changeover:");
                        sbuf_add(&cell, "", b->id);
                    }
                }
            if (cell.failed)
                goto done;
            const char *text = sbuf_str(&cell);
            if (!cell.len && !scn_room_open(s, r, day))
                text = "closed";
            csv_field(f, text, 0);
        }
        fputc('\n', f);
    }
    rc = 0;
done:
    free(cell.p);
    return rc;
}

static int write_roster(FILE *f, const struct view *v)
{
    static const char *const head[] = {"date", "person", "skill", "hours", "patients"};
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    struct sbuf who = {0};
    char d[DATE_BUFSZ], hours[PLAN_NUMBUF];
    int rc = -1;
    csv_row(f, head, 5);
    for (int i = 0; i < v->ndays && i < sol->ndays; i++) {
        int day = s->start + i;
        for (int p = 0; p < s->npersons && p < sol->npersons; p++) {
            int k = sol->skill_of[(size_t)p * (size_t)sol->ndays + (size_t)i];
            if (k < 0)
                continue;
            /* The batches with a step of skill k today, each once (a batch's
             * steps of one day are consecutive). */
            who.len = 0;
            int last = -1;
            for (int e = v->step_first[i]; e < v->step_first[i + 1]; e++)
                if (v->steps[e].skill == k && v->steps[e].batch != last) {
                    last = v->steps[e].batch;
                    sbuf_add(&who, " ", v->batches[last].id);
                }
            if (who.failed)
                goto done;
            if (last < 0)
                continue; /* no work for that skill today: not on the roster */
            const char *row[5] = {date_format(day, d), s->persons[p].id, s->skills[k],
                                  plan_files_quantity(scn_person_hours(s, p, day), hours),
                                  sbuf_str(&who)};
            csv_row(f, row, 5);
        }
    }
    rc = 0;
done:
    free(who.p);
    return rc;
}

static int write_orders(FILE *f, const struct view *v)
{
    static const char *const head[] = {"material", "order_date", "arrival", "quantity", "cost"};
    const struct scenario *s = v->s;
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ], q[PLAN_NUMBUF], c[PLAN_NUMBUF];
    csv_row(f, head, 5);
    for (int i = 0; i < v->sol->norders; i++) {
        const struct sol_order *o = &v->sol->orders[v->order_ix[i].index];
        const struct material *m = &s->materials[o->material];
        int lead = m->lead_time > 0 ? m->lead_time : 0;
        const char *row[5] = {m->id, date_format(o->order_date, d1), date_format(o->order_date + lead, d2),
                              plan_files_quantity(o->quantity, q),
                              plan_files_money(o->quantity * m->unit_cost, c)};
        csv_row(f, row, 5);
    }
    return 0;
}

static int write_inventory(FILE *f, const struct view *v)
{
    static const char *const head[] = {"date", "material", "received", "consumed", "expired",
                                       "on_hand"};
    const struct scenario *s = v->s;
    char d[DATE_BUFSZ], n[4][PLAN_NUMBUF];
    csv_row(f, head, 6);
    for (int i = 0; i < v->ndays; i++)
        for (int m = 0; m < s->nmaterials; m++) {
            const struct stock_day *sd = &v->stock[(size_t)m * (size_t)v->ndays + (size_t)i];
            const char *row[6] = {date_format(s->start + i, d), s->materials[m].id,
                                  plan_files_quantity(sd->received, n[0]),
                                  plan_files_quantity(sd->consumed, n[1]),
                                  plan_files_quantity(sd->expired, n[2]),
                                  plan_files_quantity(sd->on_hand, n[3])};
            csv_row(f, row, 6);
        }
    return 0;
}

static void kpi_row(FILE *f, const char *name, const char *value)
{
    const char *row[2] = {name, value};
    csv_row(f, row, 2);
}

static void kpi_int(FILE *f, const char *name, int value)
{
    char buf[PLAN_NUMBUF];
    snprintf(buf, sizeof buf, "%d", value);
    kpi_row(f, name, buf);
}

static void kpi_num(FILE *f, const char *name, double value)
{
    char buf[PLAN_NUMBUF];
    kpi_row(f, name, plan_files_number(value, buf));
}

static void kpi_money(FILE *f, const char *name, double value)
{
    char buf[PLAN_NUMBUF];
    kpi_row(f, name, plan_files_money(value, buf));
}

static int write_kpis(FILE *f, const struct view *v)
{
    const struct plan_kpis *k = &v->k;
    const struct solution *sol = v->sol;
    char buf[PLAN_NUMBUF];
    kpi_row(f, "kpi", "value");
    kpi_int(f, "patients", k->patients);
    kpi_int(f, "beyond_horizon", k->beyond_horizon);
    kpi_int(f, "on_time", k->on_time);
    kpi_int(f, "late", k->late);
    kpi_int(f, "unserved", k->unserved);
    kpi_num(f, "weighted_unserved", k->weighted_unserved);
    kpi_int(f, "total_delay_days", k->total_delay_days);
    kpi_num(f, "weighted_delay", k->weighted_delay);
    kpi_int(f, "max_delay_days", k->max_delay_days);
    kpi_num(f, "room_utilization", k->room_utilization);
    kpi_num(f, "staff_utilization", k->staff_utilization);
    kpi_money(f, "room_cost", k->room_cost);
    kpi_money(f, "material_cost", k->material_cost);
    kpi_money(f, "waste_cost", k->waste_cost);
    kpi_money(f, "cost", k->cost);
    kpi_row(f, "status", solve_status_name(sol->status));
    kpi_row(f, "delay_bound", sol->delay_bound < 0 ? "" : plan_files_number(sol->delay_bound, buf));
    kpi_num(f, "gap", sol->gap);
    kpi_num(f, "solve_seconds", sol->seconds);
    /* Beyond the contract's list. */
    kpi_int(f, "batches", k->batches);
    kpi_int(f, "orders", k->orders);
    return 0;
}

typedef int (*plan_writer)(FILE *f, const struct view *v);
static const plan_writer writers[PLAN_FILES_N] = {write_calendar, write_room_grid, write_roster,
                                                  write_orders, write_inventory, write_kpis};

/* ---- the directory ---------------------------------------------------------- */

static void set_err(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    if (!err || !size)
        return;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

/* dir exists as a directory, or is created with its missing parents
 * (like mkdir -p: "-o runs/2027-w12" should just work). */
static int ensure_dir(const char *dir, char *err, size_t size)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        set_err(err, size, "%s: exists and is not a directory", dir);
        return -1;
    }
    char *path = strdup(dir);
    if (!path) {
        set_err(err, size, "%s: out of memory", dir);
        return -1;
    }
    /* Each prefix ending before a '/', then the whole path. */
    for (char *p = path + 1;; p++) {
        int last = *p == '\0';
        if (*p != '/' && !last)
            continue;
        char c = *p;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            if (last)
                set_err(err, size, "%s: cannot create the directory: %s", dir, strerror(errno));
            else
                set_err(err, size, "%s: cannot create the directory: %s: %s", dir, path, strerror(errno));
            free(path);
            return -1;
        }
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            set_err(err, size, "%s: cannot create the directory: %s is not a directory", dir, path);
            free(path);
            return -1;
        }
        *p = c;
        if (last)
            break;
    }
    free(path);
    return 0;
}

/* dir/name in a new string (caller frees), or NULL. */
static char *path_join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

/* Writes one file to path with fn and flushes it to disk. */
static int write_one(const char *path, plan_writer fn, const struct view *v, char *err, size_t size)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        set_err(err, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    errno = 0;
    if (fn(f, v) != 0) {
        fclose(f);
        set_err(err, size, "%s: out of memory", path);
        return -1;
    }
    /* A write that failed inside fn (a full disk: ENOSPC) left its errno;
     * keep it rather than report EIO. */
    int werr = ferror(f) ? errno : 0;
    errno = 0;
    int bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    int e = werr ? werr : errno ? errno : EIO;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        set_err(err, size, "%s: %s", path, strerror(e));
        return -1;
    }
    return 0;
}

#define STAGING_PREFIX ".plan.tmp."

/* Removes the plain files in a staging directory (the plan files that were
 * not renamed), leaving the directory. */
static void remove_staging_files(const char *staging)
{
    DIR *d = opendir(staging);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = path_join(staging, "", e->d_name, "");
        if (path) {
            (void)unlink(path);
            free(path);
        }
    }
    closedir(d);
}

static void remove_staging(const char *staging)
{
    remove_staging_files(staging);
    (void)rmdir(staging);
}

/* The renames are only as durable as the directory entry. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Removes, in dir, the staging directories whose name starts with prefix
 * and ends with the pid of a run that was killed before it could clean up,
 * so that a SIGKILL leaves strays only until the next plan. */
static void remove_stale_staging(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    size_t n = strlen(prefix);
    while ((e = readdir(d)) != NULL) {
        char *end;
        if (strncmp(e->d_name, prefix, n) != 0)
            continue;
        errno = 0;
        long pid = strtol(e->d_name + n, &end, 10);
        if (*end || errno || pid <= 0 || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;   /* alive, or not ours to judge */
        char *path = path_join(dir, "", e->d_name, "");
        if (path) {
            remove_staging(path);
            free(path);
        }
    }
    closedir(d);
}

/* 1 if dir holds nothing but plan files (so the whole directory can be
 * swapped for the new one without losing anything of the user's). */
static int only_plan_files(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int only = 1;
    struct dirent *e;
    while (only && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int known = 0;
        for (int i = 0; i < PLAN_FILES_N && !known; i++)
            known = strcmp(e->d_name, plan_files_names[i]) == 0;
        struct stat st;
        char *path = known ? path_join(dir, "", e->d_name, "") : NULL;
        only = path && lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
    }
    closedir(d);
    return only;
}

/* dir's parent and the staging name beside it: "PARENT/.BASE.plan.tmp.PID".
 * Caller frees both. */
static int sibling_staging(const char *dir, char **parent, char **staging, char **prefix)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && dir[b - 1] != '/')
        b--;
    *parent = b == 0 ? strdup(".") : b == 1 ? strdup("/") : strndup(dir, b - 1);
    char *base = strndup(dir + b, n - b);
    size_t psize = base ? strlen(base) + sizeof STAGING_PREFIX + 2 : 0;
    *prefix = base ? malloc(psize) : NULL;
    *staging = NULL;
    if (*prefix) {
        snprintf(*prefix, psize, ".%s%s", base, STAGING_PREFIX);
        char pid[32];
        snprintf(pid, sizeof pid, "%ld", (long)getpid());
        *staging = *parent ? path_join(*parent, *prefix, pid, "") : NULL;
    }
    free(base);
    return *parent && *prefix && *staging ? 0 : -1;
}

int plan_files_write_checked(const struct scenario *s, const struct solution *sol, const char *dir,
                             plan_files_check check, void *arg, char *err, size_t size)
{
    struct view v;
    char *staging = NULL, *parent = NULL, *prefix = NULL;
    char *tmp[PLAN_FILES_N] = {0}, *final[PLAN_FILES_N] = {0};
    int rc = -1, staged = 0, swap = 0;
    if (view_build(&v, s, sol) != 0) {
        set_err(err, size, "%s: out of memory", dir);
        goto done;
    }
    if (ensure_dir(dir, err, size) != 0)
        goto done;
    if (sibling_staging(dir, &parent, &staging, &prefix) != 0) {
        set_err(err, size, "%s: out of memory", dir);
        goto done;
    }
    remove_stale_staging(parent, prefix);
    remove_stale_staging(dir, STAGING_PREFIX);
    /* Best: stage beside dir and swap the two directories in one atomic
     * step (renameat2 RENAME_EXCHANGE), so that a kill at any moment leaves
     * the old plan or the new one, never a mix. That needs a writable
     * parent and a dir holding nothing but plan files; otherwise stage
     * inside dir and rename file by file. */
    if (only_plan_files(dir)) {
        if (mkdir(staging, 0777) == 0) {
            swap = 1;
        } else if (errno == EEXIST) {
            /* Our own leftover (a reused pid): empty it and go on. */
            remove_staging_files(staging);
            swap = 1;
        }
    }
    if (!swap) {
        char name[64];
        free(staging);
        snprintf(name, sizeof name, "%s%ld", STAGING_PREFIX, (long)getpid());
        staging = path_join(dir, "", name, "");
        if (!staging) {
            set_err(err, size, "%s: out of memory", dir);
            goto done;
        }
        if (mkdir(staging, 0777) != 0) {
            if (errno != EEXIST) {
                set_err(err, size, "%s: %s", staging, strerror(errno));
                goto done;
            }
            /* Our own leftover (a reused pid): empty it and go on. */
            remove_staging_files(staging);
        }
    }
    staged = 1;
    for (int i = 0; i < PLAN_FILES_N; i++) {
        tmp[i] = path_join(staging, "", plan_files_names[i], "");
        final[i] = path_join(dir, "", plan_files_names[i], "");
        if (!tmp[i] || !final[i]) {
            set_err(err, size, "%s: out of memory", dir);
            goto done;
        }
    }
    for (int i = 0; i < PLAN_FILES_N; i++)
        if (write_one(tmp[i], writers[i], &v, err, size) != 0)
            goto done;
    /* The complete plan, as it will be published, checked before it is. */
    if (check && check(staging, arg, err, size) != 0) {
        rc = 1;
        goto done;
    }
    if (swap && renameat2(AT_FDCWD, staging, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
        /* staging now holds the previous plan: removed below. */
        sync_dir(parent);
        rc = 0;
        goto done;
    }
    /* File by file (the file system cannot swap, or dir holds other
     * files). Refuse before the first rename what would make a later one
     * fail (a directory in a file's place). */
    for (int i = 0; i < PLAN_FILES_N; i++) {
        struct stat st;
        if (lstat(final[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            set_err(err, size, "%s: is a directory; remove it or choose another output directory",
                    final[i]);
            goto done;
        }
    }
    for (int i = 0; i < PLAN_FILES_N; i++) {
        if (rename(tmp[i], final[i]) != 0) {
            set_err(err, size, "%s: %s", final[i], strerror(errno));
            goto done;
        }
    }
    sync_dir(dir);
    rc = 0;
done:
    if (staged)
        remove_staging(staging);
    for (int i = 0; i < PLAN_FILES_N; i++) {
        free(tmp[i]);
        free(final[i]);
    }
    free(staging);
    free(parent);
    free(prefix);
    view_free(&v);
    return rc;
}

int plan_files_write(const struct scenario *s, const struct solution *sol, const char *dir,
                     char *err, size_t size)
{
    return plan_files_write_checked(s, sol, dir, NULL, NULL, err, size);
}

/* Writes and removes a probe file in a fresh directory path: 0, or errno. */
static int probe_in(const char *staging)
{
    if (mkdir(staging, 0777) != 0 && errno != EEXIST)
        return errno;
    char *probe = path_join(staging, "", "probe", "");
    if (!probe) {
        (void)rmdir(staging);
        return ENOMEM;
    }
    FILE *f = fopen(probe, "w");
    int e = f ? 0 : errno;
    if (f && (fputs("probe\n", f) < 0 || fclose(f) != 0))
        e = errno ? errno : EIO;
    else if (!f)
        e = e ? e : EIO;
    (void)unlink(probe);
    free(probe);
    (void)rmdir(staging);
    return e;
}

int plan_files_check_dir(const char *dir, char *err, size_t size)
{
    if (ensure_dir(dir, err, size) != 0)
        return -1;
    /* Probe where the plan will be staged (beside dir, else inside it),
     * under the staging names, so that a run killed while probing leaves
     * only what the next run cleans up. */
    char *parent = NULL, *staging = NULL, *prefix = NULL, name[64];
    int rc = -1;
    if (sibling_staging(dir, &parent, &staging, &prefix) != 0) {
        set_err(err, size, "%s: out of memory", dir);
        goto done;
    }
    if (probe_in(staging) == 0) {
        rc = 0;
        goto done;
    }
    free(staging);
    snprintf(name, sizeof name, "%s%ld", STAGING_PREFIX, (long)getpid());
    staging = path_join(dir, "", name, "");
    if (!staging) {
        set_err(err, size, "%s: out of memory", dir);
        goto done;
    }
    int e = probe_in(staging);
    if (e == 0)
        rc = 0;
    else
        set_err(err, size, "%s: cannot write in this directory: %s", dir, strerror(e));
done:
    free(parent);
    free(staging);
    free(prefix);
    return rc;
}
