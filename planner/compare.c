/* planner compare: several scenarios planned side by side. Every scenario
 * is checked first; each is then planned by a `planner plan` child into
 * DIR/NN-SLUG/ (N at a time), its plan read back, and compare.csv (one
 * column per scenario), differences.csv (the patients whose outcome
 * differs from the first scenario's) and an aligned table on stdout are
 * made from those plans. docs/what-if.md, "compare", says what each row
 * means. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/arena.h"
#include "models/csv_table.h"
#include "models/diag.h"
#include "models/plan_read.h"
#include "models/scenario.h"
#include "planner/child.h"
#include "planner/commands.h"
#include "planner/csv_write.h"
#include "planner/number.h"
#include "planner/options.h"
#include "planner/plan_view.h"
#include "planner/report_html.h"
#include "planner/progress.h"
#include "planner/publish.h"
#include "planner/report.h"
#include "planner/strbuf.h"
#include "solver/solver.h"

#define CMP_MAX OPT_MAX_OPERANDS   /* scenarios in one comparison */
#define SLUG_MAX 40           /* characters of a directory's slug */

/* One scenario of the comparison and, once planned, its plan. */
struct entry {
    const char *path;         /* as given (borrowed from argv) */
    struct scenario *s;
    char *dir;                /* DIR/NN-SLUG (owned) */
    int code;                 /* the child's exit status; -1 none */
    int planned;              /* 1: a plan was written and read back */
    arena *mem;               /* kpi names and values */
    table *kpis;              /* kpis.csv as written */
    table *late;              /* late.csv as written */
    struct plan *plan;        /* calendar, roster, orders read back */
    struct solution *sol;     /* the plan's decisions, rebuilt for the view */
    struct plan_view v;
};

/* A row of compare.csv: a name and one text cell per scenario ("" when
 * the scenario has no such figure or no plan). */
struct row {
    char *name;
    char **cells;             /* [nentries], owned */
    int numeric;              /* 1: cells are numbers (differences shown) */
};

struct table_out {
    struct row *rows;
    int n, cap;
    int ncols;
    int failed;               /* out of memory */
};

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* The row named name, added at the end when missing; NULL out of memory. */
static struct row *row_get(struct table_out *t, const char *name, int numeric)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].name, name) == 0)
            return &t->rows[i];
    if (t->n == t->cap) {
        int cap = t->cap ? 2 * t->cap : 64;
        struct row *r = realloc(t->rows, (size_t)cap * sizeof *r);
        if (!r) {
            t->failed = 1;
            return NULL;
        }
        t->rows = r;
        t->cap = cap;
    }
    struct row *r = &t->rows[t->n];
    r->name = dup_text(name);
    r->cells = calloc((size_t)t->ncols, sizeof *r->cells);
    r->numeric = numeric;
    if (!r->name || !r->cells) {
        free(r->name);
        free(r->cells);
        t->failed = 1;
        return NULL;
    }
    t->n++;
    return r;
}

static void row_set(struct table_out *t, const char *name, int numeric, int col, const char *value)
{
    struct row *r = row_get(t, name, numeric);
    if (!r)
        return;
    free(r->cells[col]);
    r->cells[col] = dup_text(value);
    if (!r->cells[col])
        t->failed = 1;
}

static void table_free(struct table_out *t)
{
    for (int i = 0; i < t->n; i++) {
        for (int c = 0; c < t->ncols; c++)
            free(t->rows[i].cells[c]);
        free(t->rows[i].cells);
        free(t->rows[i].name);
    }
    free(t->rows);
    t->rows = NULL;
    t->n = t->cap = 0;
}

/* The directory name's slug: the scenario's name in lower case, runs of
 * anything but letters and digits as one '-', at most SLUG_MAX long. */
static void slug(const char *name, char out[SLUG_MAX + 1])
{
    size_t n = 0;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && n < SLUG_MAX; p++) {
        if (isalnum(*p) && *p < 128) {
            if (dash && n > 0 && n < SLUG_MAX)
                out[n++] = '-';
            dash = 0;
            if (n < SLUG_MAX)
                out[n++] = (char)tolower(*p);
        } else {
            dash = 1;
        }
    }
    out[n] = '\0';
    if (n == 0)
        snprintf(out, SLUG_MAX + 1, "scenario");
}

/* Reads what the child wrote: kpis.csv as text, and the plan (calendar,
 * roster, orders) rebuilt into a solution and a view for the figures per
 * room and per skill. Returns 0, or -1 after a message. */
static int read_back(struct entry *e)
{
    static const struct tab_column kpi_cols[] = {{"kpi", 1}, {"value", 1}};
    diag_list *d = diag_new();
    char path[4096];
    int rc = -1;
    e->mem = arena_new(0);
    if (!d || !e->mem)
        goto oom;
    snprintf(path, sizeof path, "%s/kpis.csv", e->dir);
    e->kpis = tab_read(path, kpi_cols, 2, d, e->mem);
    if (!e->kpis || diag_errors(d) > 0)
        goto bad;
    static const struct tab_column late_cols[] = {{"patient", 1}, {"resource", 1}, {"kind", 1}};
    snprintf(path, sizeof path, "%s/late.csv", e->dir);
    e->late = tab_read(path, late_cols, 3, d, e->mem);
    if (!e->late || diag_errors(d) > 0)
        goto bad;
    enum plan_status ps = plan_read(e->dir, e->s, d, &e->plan);
    if (ps != PLAN_OK)
        goto bad;
    e->sol = solution_new(e->s);
    if (!e->sol)
        goto oom;
    for (int i = 0; i < e->plan->nbatches; i++) {
        const struct plan_batch *b = &e->plan->batches[i];
        if (b->status == PLAN_UNSERVED || b->patient < 0)
            continue;
        e->sol->batch[b->patient] = (struct sol_batch){b->start, b->process, b->room};
    }
    if (e->plan->norders > 0) {
        e->sol->orders = calloc((size_t)e->plan->norders, sizeof *e->sol->orders);
        if (!e->sol->orders)
            goto oom;
        for (int i = 0; i < e->plan->norders; i++) {
            const struct plan_order *o = &e->plan->orders[i];
            e->sol->orders[i] = (struct sol_order){o->material, o->order_date, o->quantity};
        }
        e->sol->norders = e->plan->norders;
    }
    if (pv_build(&e->v, e->s, e->sol) != 0)
        goto oom;
    e->planned = 1;
    rc = 0;
    goto done;
oom:
    fprintf(stderr, "planner compare: out of memory\n");
    goto done;
bad:
    report_diags(stderr, d, 1);
    fprintf(stderr, "planner compare: %s: the plan could not be read back\n", e->dir);
done:
    diag_free(d);
    return rc;
}

/* Utilisation of each room (occupied batch-days over open place-days) and
 * of each skill (step hours over the shift hours of the persons who have
 * the skill), over the plan days, as kpis.csv's room_utilization and
 * staff_utilization are computed over all rooms and persons. */
static void add_utilisation(struct table_out *t, const struct entry *e, int col)
{
    const struct scenario *s = e->s;
    const struct plan_view *v = &e->v;
    char name[256], buf[NUM_BUFSZ];
    for (int r = 0; r < s->nrooms; r++) {
        double occupied = 0, places = 0;
        for (int i = 0; i < v->ndays; i++)
            if (scn_room_open(s, r, s->start + i))
                places += s->rooms[r].capacity;
        for (int b = 0; b < v->nbatches; b++) {
            const struct pv_batch *pb = &v->batches[b];
            if (pb->room != r)
                continue;
            int from = pb->t.start > s->start ? pb->t.start : s->start;
            occupied += pb->t.last_room_day >= from ? pb->t.last_room_day - from + 1 : 0;
        }
        snprintf(name, sizeof name, "room_utilization:%s", s->rooms[r].id);
        row_set(t, name, 1, col, num_figure(places > 0 ? occupied / places : 0, buf));
    }
    for (int k = 0; k < s->nskills; k++) {
        double need = 0, hours = 0;
        for (int b = 0; b < v->nbatches; b++) {
            const struct pv_batch *pb = &v->batches[b];
            const struct process *pr = &s->processes[pb->process];
            for (int j = 0; j < pr->nsteps; j++)
                if (pr->steps[j].skill == k && pb->t.start + pr->steps[j].day >= s->start)
                    need += pr->steps[j].people * pr->steps[j].hours;
        }
        for (int p = 0; p < s->npersons; p++)
            if (scn_person_has_skill(s, p, k))
                for (int i = 0; i < v->ndays; i++)
                    hours += scn_person_hours(s, p, s->start + i);
        snprintf(name, sizeof name, "staff_utilization:%s", s->skills[k]);
        row_set(t, name, 1, col, num_figure(hours > 0 ? need / hours : 0, buf));
    }
}

/* The resources that bind: for each (kind, resource) late.csv names, the
 * number of late or unserved patients it is a cause for ("binds:room:B1").
 * The start rules and "plan" rows name no resource and are not counted. */
static void add_binding(struct table_out *t, const struct entry *e, int col)
{
    const table *L = e->late;
    size_t n = tab_rows(L);
    char name[256], buf[NUM_BUFSZ];
    for (size_t r = 0; r < n; r++) {
        const char *res = tab_cell(L, r, 1), *kind = tab_cell(L, r, 2);
        if (!res || !*res || !kind)
            continue;
        /* Counted once, at its first row. */
        int seen = 0;
        for (size_t q = 0; q < r && !seen; q++) {
            const char *r2 = tab_cell(L, q, 1), *k2 = tab_cell(L, q, 2);
            seen = r2 && k2 && strcmp(r2, res) == 0 && strcmp(k2, kind) == 0;
        }
        if (seen)
            continue;
        int patients = 0;
        for (size_t q = r; q < n; q++) {
            const char *r2 = tab_cell(L, q, 1), *k2 = tab_cell(L, q, 2), *p2 = tab_cell(L, q, 0);
            if (!r2 || !k2 || strcmp(r2, res) != 0 || strcmp(k2, kind) != 0)
                continue;
            int again = 0;   /* the same patient on another day of the resource */
            for (size_t u = r; u < q && !again; u++) {
                const char *r3 = tab_cell(L, u, 1), *k3 = tab_cell(L, u, 2), *p3 = tab_cell(L, u, 0);
                again = r3 && k3 && p3 && p2 && strcmp(r3, res) == 0 && strcmp(k3, kind) == 0 &&
                        strcmp(p3, p2) == 0;
            }
            patients += !again;
        }
        snprintf(name, sizeof name, "binds:%s:%s", kind, res);
        snprintf(buf, sizeof buf, "%d", patients);
        row_set(t, name, 1, col, buf);
    }
}

/* Rows left out of compare.csv: the solve's wall clock differs from run
 * to run, and a comparison must come out the same byte for byte. */
static int left_out(const char *kpi)
{
    return strcmp(kpi, "solve_seconds") == 0;
}

static int is_number(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    return *end == '\0' && errno == 0 && isfinite(x);
}

static void build_rows(struct table_out *t, struct entry *es, int n)
{
    /* kpis.csv's rows in its order, from the first plan that has them. */
    for (int c = 0; c < n; c++) {
        if (!es[c].planned)
            continue;
        for (size_t r = 0; r < tab_rows(es[c].kpis); r++) {
            const char *k = tab_cell(es[c].kpis, r, 0), *val = tab_cell(es[c].kpis, r, 1);
            if (!k || left_out(k))
                continue;
            row_set(t, k, 0, c, val ? val : "");
        }
    }
    for (int c = 0; c < n; c++)
        if (es[c].planned)
            add_utilisation(t, &es[c], c);
    for (int c = 0; c < n; c++)
        if (es[c].planned)
            add_binding(t, &es[c], c);
    /* A resource that binds in one scenario binds no patient in another. */
    for (int i = 0; i < t->n; i++)
        if (strncmp(t->rows[i].name, "binds:", 6) == 0)
            for (int c = 0; c < n; c++)
                if (es[c].planned && !t->rows[i].cells[c]) {
                    t->rows[i].cells[c] = dup_text("0");
                    if (!t->rows[i].cells[c])
                        t->failed = 1;
                }
    /* A row is numeric when every value given is a number. */
    for (int i = 0; i < t->n; i++) {
        int numeric = 1, any = 0;
        for (int c = 0; c < n; c++) {
            const char *x = t->rows[i].cells[c];
            if (x && *x) {
                any = 1;
                numeric &= is_number(x);
            }
        }
        t->rows[i].numeric = any && numeric;
    }
}

static const char *cell(const struct row *r, int c)
{
    return r->cells[c] ? r->cells[c] : "";
}

/* compare.csv: "kpi" and one column per scenario, titled with its name. */
struct cmp_file {
    const struct table_out *t;
    const struct entry *es;
    int n;
};

static int write_compare(FILE *f, void *arg)
{
    const struct cmp_file *cf = arg;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    csvw_field(&w, "kpi");
    for (int c = 0; c < cf->n; c++)
        csvw_field(&w, cf->es[c].s->name);
    csvw_end_row(&w);
    for (int i = 0; i < cf->t->n; i++) {
        const struct row *r = &cf->t->rows[i];
        csvw_field(&w, r->name);
        for (int c = 0; c < cf->n; c++)
            if (r->numeric)
                csvw_number(&w, cell(r, c));
            else
                csvw_field(&w, cell(r, c));
        csvw_end_row(&w);
    }
    return 0;
}

/* report.html: the planned scenarios side by side (planner/report_html.h),
 * each under its name; scenarios without a plan are left out. */
static int write_report(FILE *f, void *arg)
{
    const struct cmp_file *cf = arg;
    const struct plan_view **views = malloc((size_t)cf->n * sizeof *views);
    const char **labels = malloc((size_t)cf->n * sizeof *labels);
    int n = 0, rc = -1;
    if (views && labels) {
        for (int c = 0; c < cf->n; c++)
            if (cf->es[c].planned) {
                views[n] = &cf->es[c].v;
                labels[n++] = cf->es[c].s->name;
            }
        rc = n ? report_html_compare(f, views, labels, n) : 0;
    }
    free(views);
    free(labels);
    return rc;
}

/* A patient's outcome in a plan, as calendar.csv says it. */
static const struct plan_batch *outcome(const struct entry *e, const char *id)
{
    for (int i = 0; i < e->plan->nbatches; i++)
        if (strcmp(e->plan->batches[i].patient_id, id) == 0)
            return &e->plan->batches[i];
    return NULL;
}

static int on_time(const struct plan_batch *b)
{
    return b && b->status == PLAN_ON_TIME;
}

/* a's and b's outcomes differ: on time in one and late or unserved in the
 * other, or late in one and unserved in the other. A patient in one
 * scenario only (a forecast scaled, a site added) counts when not on time
 * there. */
static int differs(const struct plan_batch *a, const struct plan_batch *b)
{
    if (!a || !b)
        return !on_time(a ? a : b);
    return a->status != b->status;
}

/* Calls fn for each patient whose outcome differs between the first
 * scenario and scenario c (differs above): the first's patients in
 * calendar order, then those only in c. */
typedef void (*diff_fn)(const char *id, const struct plan_batch *base, const struct plan_batch *var,
                        const struct entry *ve, void *arg);

static void each_difference(const struct entry *base, const struct entry *ve, diff_fn fn, void *arg)
{
    for (int i = 0; i < base->plan->nbatches; i++) {
        const struct plan_batch *a = &base->plan->batches[i];
        const struct plan_batch *b = outcome(ve, a->patient_id);
        if (differs(a, b))
            fn(a->patient_id, a, b, ve, arg);
    }
    for (int i = 0; i < ve->plan->nbatches; i++) {
        const struct plan_batch *b = &ve->plan->batches[i];
        if (!outcome(base, b->patient_id) && differs(NULL, b))
            fn(b->patient_id, NULL, b, ve, arg);
    }
}

static const char *status_text(const struct plan_batch *b)
{
    return b ? plan_outcome_name(b->status) : "absent";
}

static void delay_text(const struct plan_batch *b, char buf[NUM_BUFSZ])
{
    if (!b || b->delay_days == PLAN_BLANK)
        buf[0] = '\0';
    else
        snprintf(buf, NUM_BUFSZ, "%d", b->delay_days);
}

static void diff_csv_row(const char *id, const struct plan_batch *a, const struct plan_batch *b,
                         const struct entry *ve, void *arg)
{
    struct csv_writer *w = arg;
    char da[NUM_BUFSZ], db[NUM_BUFSZ];
    delay_text(a, da);
    delay_text(b, db);
    const char *row[6] = {id, ve->s->name, status_text(a), da, status_text(b), db};
    csvw_row(w, row, 6, (1ul << 3) | (1ul << 5));
}

/* differences.csv: patient, scenario, base_status, base_delay_days,
 * status, delay_days; one row per patient and variant that differ. */
static int write_differences(FILE *f, void *arg)
{
    const struct cmp_file *cf = arg;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    static const char *const head[] = {"patient",  "scenario",   "base_status",
                                       "base_delay_days", "status", "delay_days"};
    csvw_row(&w, head, 6, 0);
    if (!cf->es[0].planned)
        return 0;
    for (int c = 1; c < cf->n; c++)
        if (cf->es[c].planned)
            each_difference(&cf->es[0], &cf->es[c], diff_csv_row, &w);
    return 0;
}

static void diff_print(const char *id, const struct plan_batch *a, const struct plan_batch *b,
                       const struct entry *ve, void *arg)
{
    (void)ve;
    int *count = arg;
    char da[NUM_BUFSZ], db[NUM_BUFSZ];
    delay_text(a, da);
    delay_text(b, db);
    printf("  %-12s %s%s%s%s -> %s%s%s%s\n", id, status_text(a), *da ? " (" : "", da,
           *da ? " d)" : "", status_text(b), *db ? " (" : "", db, *db ? " d)" : "");
    (*count)++;
}

/* The difference of a variant's cell to the first scenario's: "" when
 * equal or not both numbers, else "+3", "-0.05". */
static void difference(const struct row *r, int c, char buf[NUM_BUFSZ + 1])
{
    buf[0] = '\0';
    if (!r->numeric || c == 0 || !is_number(cell(r, 0)) || !is_number(cell(r, c)))
        return;
    double d = strtod(cell(r, c), NULL) - strtod(cell(r, 0), NULL);
    if (fabs(d) < 1e-9)
        return;
    char num[NUM_BUFSZ];
    num_figure(d, num);
    snprintf(buf, NUM_BUFSZ + 1, "%s%s", d > 0 ? "+" : "", num);
}

/* The aligned table: kpi, the first scenario, then each variant with its
 * difference to the first in parentheses. */
static void print_table(const struct table_out *t, const struct entry *es, int n)
{
    int w0 = 3;
    int *w = calloc((size_t)n, sizeof *w);
    if (!w)
        return;
    char diff[NUM_BUFSZ + 1], text[2 * NUM_BUFSZ + 256];
    for (int i = 0; i < t->n; i++)
        if ((int)strlen(t->rows[i].name) > w0)
            w0 = (int)strlen(t->rows[i].name);
    for (int c = 0; c < n; c++) {
        w[c] = (int)strlen(es[c].s->name);
        for (int i = 0; i < t->n; i++) {
            difference(&t->rows[i], c, diff);
            int len = (int)strlen(cell(&t->rows[i], c)) + (*diff ? (int)strlen(diff) + 3 : 0);
            if (len > w[c])
                w[c] = len;
        }
    }
    printf("%-*s", w0, "kpi");
    for (int c = 0; c < n; c++)
        printf("  %*s", w[c], es[c].s->name);
    printf("\n");
    for (int i = 0; i < t->n; i++) {
        const struct row *r = &t->rows[i];
        printf("%-*s", w0, r->name);
        for (int c = 0; c < n; c++) {
            difference(r, c, diff);
            if (*diff)
                snprintf(text, sizeof text, "%s (%s)", cell(r, c), diff);
            else
                snprintf(text, sizeof text, "%s", cell(r, c));
            printf("  %*s", w[c], text);
        }
        printf("\n");
    }
    free(w);
}

static const char compare_about[] =
    "Checks every scenario (any invalid: nothing is planned), then plans each\n"
    "one with 'planner plan' in a process of its own, N at a time, into\n"
    "DIR/NN-SLUG/ (01, 02, ... in the order given; SLUG from the scenario's\n"
    "name). Writes DIR/compare.csv (a row per figure, a column per scenario),\n"
    "DIR/differences.csv (the patients on time in one scenario and not in\n"
    "the other) and prints the table with each variant's difference to the\n"
    "first scenario. docs/what-if.md, \"compare\", explains every row.\n";
static const char compare_epilogue[] =
    "Ctrl-C stops the plans under way (each writes its best plan) and starts\n"
    "no more.\n"
    "Exit status: 0 every scenario planned, every patient on time in each;\n"
    "1 every scenario planned, some patient late or unserved in some;\n"
    "2 bad input or usage (nothing planned); 3 some scenario got no plan.\n";

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int cmd_compare(int argc, char **argv)
{
    const char *dir = "compare";
    double jobs = 0, time_limit = 0;
    int quiet = 0;
    const struct opt rows[] = {
        {.key = 'o', .name = "output", .kind = OPT_STRING, .arg = "DIR",
         .help = "output directory (default: compare)", .to = &dir},
        {.key = 'j', .name = "jobs", .kind = OPT_NUMBER, .arg = "N",
         .help = "scenarios planned at once (default: one per processor)", .to = &jobs,
         .lo = 1, .hi = 64},
        {.name = "time-limit", .kind = OPT_NUMBER, .arg = "S",
         .help = "each plan's --time-limit (default: each scenario's own)", .to = &time_limit,
         .lo = 0.001, .hi = 1e7},
        {.key = 'q', .name = "quiet", .kind = OPT_FLAG, .help = "no progress line, no warnings",
         .to = &quiet},
    };
    const struct opt_command cmd = {.name = "compare", .operands = "BASE.ini VARIANT.ini...",
                                    .about = compare_about, .rows = rows,
                                    .nrows = sizeof rows / sizeof rows[0],
                                    .epilogue = compare_epilogue};
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (jobs != floor(jobs)) {
        fprintf(stderr, "planner compare: -j: '%g' is not a whole number\n", jobs);
        return EXIT_BAD_INPUT;
    }
    const char **paths = ops.v;
    int n = ops.n;
    if (n > CMP_MAX) {
        fprintf(stderr, "planner compare: at most %d scenarios at once\n", CMP_MAX);
        return EXIT_BAD_INPUT;
    }
    if (n < 2) {
        fprintf(stderr, "planner compare: usage: planner compare BASE.ini VARIANT.ini... [-o DIR] [-j N]\n");
        return EXIT_BAD_INPUT;
    }
    for (int i = 0; i < n; i++)
        if (!*paths[i]) {
            fprintf(stderr, "planner compare: an empty scenario path\n");
            return EXIT_BAD_INPUT;
        }

    struct entry es[CMP_MAX];
    struct child_job cj[CMP_MAX];
    struct table_out t = {0};
    char err[1024], tl[NUM_BUFSZ];
    int rc = EXIT_BAD_INPUT, bad = 0;
    memset(es, 0, sizeof es);
    memset(cj, 0, sizeof cj);
    for (int i = 0; i < n; i++) {
        es[i].path = paths[i];
        es[i].code = -1;
    }
    /* Every scenario first: a typo in the fifth costs no plan. */
    for (int i = 0; i < n; i++) {
        diag_list *d = diag_new();
        if (!d) {
            fprintf(stderr, "planner: out of memory\n");
            goto done;
        }
        enum scn_status st = scn_load(paths[i], d, &es[i].s);
        report_diags(stderr, d, quiet);
        if (st != SCN_OK) {
            fprintf(stderr, "planner compare: %s: %zu error%s\n", paths[i], diag_errors(d),
                    diag_errors(d) == 1 ? "" : "s");
            bad = 1;
        }
        diag_free(d);
    }
    if (bad) {
        fprintf(stderr, "planner compare: nothing planned\n");
        goto done;
    }
    static const struct pub_file probe_set[] = {{"compare.csv", NULL, NULL, NULL, 0},
                                                {"differences.csv", NULL, NULL, NULL, 0},
                                                {"report.html", NULL, NULL, NULL, 0}};
    if (pub_probe(dir, "compare", probe_set, 3, err, sizeof err) != 0) {
        fprintf(stderr, "planner compare: %s\n", err);
        goto done;
    }
    if (time_limit > 0)
        num_figure(time_limit, tl);
    for (int i = 0; i < n; i++) {
        char sl[SLUG_MAX + 1];
        slug(es[i].s->name, sl);
        size_t len = strlen(dir) + strlen(sl) + 8;
        es[i].dir = malloc(len);
        if (!es[i].dir) {
            fprintf(stderr, "planner: out of memory\n");
            goto done;
        }
        snprintf(es[i].dir, len, "%s/%02d-%s", dir, i + 1, sl);
        const char **a = cj[i].argv;
        int k = 0;
        a[k++] = "planner";
        a[k++] = "plan";
        a[k++] = "-q";
        a[k++] = "-o";
        a[k++] = es[i].dir;
        if (time_limit > 0) {
            a[k++] = "--time-limit";
            a[k++] = tl;
        }
        a[k++] = "--";
        a[k++] = paths[i];
        a[k] = NULL;
        cj[i].label = es[i].s->name;
    }
    struct progress pr;
    progress_start(&pr, stderr, "planner compare", quiet);
    int ran = child_run_all(cj, n, jobs >= 1 ? (int)jobs : default_jobs(), &pr, "planned");
    if (ran == 1)
        fprintf(stderr, "planner compare: interrupted; the plans under way were stopped\n");

    int no_plan = 0, late = 0;
    for (int i = 0; i < n; i++) {
        es[i].code = cj[i].code;
        if (cj[i].code == EXIT_DONE || cj[i].code == EXIT_LATE) {
            if (read_back(&es[i]) != 0)
                no_plan = 1;
            else if (es[i].v.k.late + es[i].v.k.unserved > 0)
                late = 1;
            continue;
        }
        no_plan = 1;
        if (!cj[i].started)
            fprintf(stderr, "planner compare: %s: not planned\n", paths[i]);
        else if (cj[i].signal)
            fprintf(stderr, "planner compare: %s: the plan was stopped by signal %d; no plan\n",
                    paths[i], cj[i].signal);
        else
            fprintf(stderr, "planner compare: %s: no plan (planner plan exited with %d)\n", paths[i],
                    cj[i].code);
        /* What the child said, so that the reason is not lost. */
        if (cj[i].output && *cj[i].output)
            fputs(cj[i].output, stderr);
    }

    t.ncols = n;
    build_rows(&t, es, n);
    if (t.failed) {
        fprintf(stderr, "planner: out of memory\n");
        rc = EXIT_NO_PLAN;
        goto done;
    }
    struct cmp_file cf = {&t, es, n};
    struct pub_file files[3] = {{"compare.csv", write_compare, &cf, NULL, 0},
                                {"differences.csv", write_differences, &cf, NULL, 0},
                                {"report.html", write_report, &cf, NULL, 0}};
    struct pub_options o;
    pub_options_init(&o, "compare");
    if (pub_publish(dir, files, 3, &o, err, sizeof err) != PUB_OK) {
        fprintf(stderr, "planner compare: %s\n", err);
        rc = EXIT_NO_PLAN;
        goto done;
    }
    print_table(&t, es, n);
    if (es[0].planned)
        for (int c = 1; c < n; c++) {
            if (!es[c].planned)
                continue;
            int count = 0;
            printf("\nPatients whose outcome differs, %s -> %s:\n", es[0].s->name, es[c].s->name);
            each_difference(&es[0], &es[c], diff_print, &count);
            if (count == 0)
                printf("  none\n");
        }
    printf("\nPlans in %s/NN-*; the table in %s/compare.csv, the patients in %s/differences.csv,\n"
           "the plans side by side in %s/report.html\n",
           dir, dir, dir, dir);
    rc = no_plan ? EXIT_NO_PLAN : late ? EXIT_LATE : EXIT_DONE;
done:
    table_free(&t);
    child_jobs_free(cj, n);
    for (int i = 0; i < n; i++) {
        pv_free(&es[i].v);
        solution_free(es[i].sol);
        plan_free(es[i].plan);
        arena_free(es[i].mem);
        free(es[i].dir);
        scn_free(es[i].s);
    }
    return rc;
}
