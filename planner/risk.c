/* planner risk: how likely the plan's promise fails when enrollment is
 * uncertain (contract section 10; docs/risk.md). Samples enrollments
 * (planner/risk_draw.h), plans each one in-process or in -j worker
 * processes, and writes risk.csv, risk_samples.csv, risk_months.csv and
 * risk_patients.csv through the publish module.
 *
 * Every figure is computed from the rows of risk_samples.csv as read back
 * from CSV (a run reads its workers' files; --merge reads the runs'
 * risk_samples.csv): one path, so -j and --merge never change a byte. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/csv_table.h"
#include "models/date.h"
#include "planner/commands.h"
#include "planner/csv_write.h"
#include "planner/number.h"
#include "planner/options.h"
#include "planner/plan_view.h"
#include "planner/progress.h"
#include "planner/publish.h"
#include "planner/report.h"
#include "planner/risk_draw.h"
#include "planner/strbuf.h"
#include "solver/solver.h"

#define RISK_MAX_SAMPLES 10000000L
#define RISK_MAX_JOBS 256
#define WILSON_Z 1.959963984540054   /* the normal law's 97.5 % quantile */

/* risk_samples.csv's columns: the contract's eight, then what the merge
 * and the summary need. */
enum { C_SAMPLE, C_SEED, C_PATIENTS, C_FAILURES, C_LATE, C_UNSERVED, C_WDELAY, C_TDELAY, C_STATUS,
       C_MONTHS, C_KNOWN, C_BINDS, C_N };
static const struct tab_column sample_cols[C_N] = {
    {"sample", 1}, {"seed", 1}, {"patients", 1}, {"failures", 1}, {"late", 1}, {"unserved", 1},
    {"weighted_delay", 1}, {"total_delay_days", 1}, {"status", 1}, {"months", 1},
    {"late_known", 1}, {"binds", 1}};

/* One sample as read back from CSV. */
struct rec {
    long sample;
    const char *cell[C_N];      /* the cells as read ("" when blank) */
    long late, unserved, tdelay, failures;
    double wdelay;
};

/* Set by SIGINT or SIGTERM: the solve in progress stops, no further
 * sample starts, the temporary files go and nothing is published. */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* What a run plans with. */
struct run {
    const struct scenario *s;
    unsigned long long seed;
    struct solve_options o;
};

/* ---- one sample ---- */

/* The class of a reason of solve_explain: what binds, without dates. */
static void bind_class(const char *why, char *out, size_t size)
{
    const char *m;
    if ((m = strstr(why, "material ")) != NULL) {
        size_t n = strcspn(m + 9, " ");
        snprintf(out, size, "material %.*s", (int)n, m + 9);
    } else if ((m = strstr(why, "skill ")) != NULL) {
        size_t n = strcspn(m + 6, " ");
        snprintf(out, size, "skill %.*s", (int)n, m + 6);
    } else if (strstr(why, "staff short"))
        snprintf(out, size, "staff");
    else if (strstr(why, "rooms it may use are full") || strstr(why, "full on") || strstr(why, "full from"))
        snprintf(out, size, "rooms");
    else if (strstr(why, "no start allowed"))
        snprintf(out, size, "start rules");
    else
        snprintf(out, size, "other");
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Plans sample i and writes its row to w. 0, or -1 with err. */
static int plan_sample(const struct run *R, long i, struct csv_writer *w, char *err, size_t size)
{
    const struct scenario *s = R->s;
    int *count = calloc((size_t)s->nforecast + 1, sizeof *count), *day = NULL;
    arena *mem = arena_new(0);
    struct solution *sol = NULL;
    struct plan_view v = {0};
    struct strbuf months = {0}, known = {0}, binds = {0};
    int rc = -1;
    snprintf(err, size, "out of memory");
    if (!count || !mem || rd_enrollment(s, R->seed, (unsigned long long)i, s->risk_rate_cv, count, &day) < 0)
        goto done;
    struct scenario one = *s;
    if (scn_expand_sampled(s, mem, count, day, &one.patients, &one.npatients) != 0)
        goto done;
    if (solve(&one, &R->o, &sol, err, size) != SOLVE_OK)
        goto done;
    if (pv_build(&v, &one, sol) != 0)
        goto done;
    /* Months of the due dates: patients due and late or unserved. */
    int nm = 0;
    int *due = NULL, *bad = NULL, *ym = NULL, *badp = NULL;
    int nbad = 0;
    due = calloc((size_t)one.npatients + 1, sizeof *due);
    bad = calloc((size_t)one.npatients + 1, sizeof *bad);
    ym = calloc((size_t)one.npatients + 1, sizeof *ym);
    badp = calloc((size_t)one.npatients + 1, sizeof *badp);
    if (!due || !bad || !ym || !badp)
        goto freeall;
    for (int p = 0; p < one.npatients; p++) {
        int y, mo, d;
        date_to_ymd(one.patients[p].due, &y, &mo, &d);
        int key = y * 100 + mo, k = 0;
        while (k < nm && ym[k] != key)
            k++;
        if (k == nm)
            ym[nm++] = key;
        due[k]++;
        if (pv_late_or_unserved(&v, p)) {
            bad[k]++;
            badp[nbad++] = p;
            if (one.patients[p].kind == PATIENT_KNOWN) {
                if (known.len)
                    sb_putc(&known, ' ');
                sb_puts(&known, one.patients[p].id);
            }
        }
    }
    /* Months ascending (insertion: few months). */
    for (int a = 1; a < nm; a++)
        for (int b = a; b > 0 && ym[b - 1] > ym[b]; b--) {
            int t = ym[b]; ym[b] = ym[b - 1]; ym[b - 1] = t;
            t = due[b]; due[b] = due[b - 1]; due[b - 1] = t;
            t = bad[b]; bad[b] = bad[b - 1]; bad[b - 1] = t;
        }
    for (int k = 0; k < nm; k++)
        sb_printf(&months, "%s%04d-%02d:%d:%d", k ? " " : "", ym[k] / 100, ym[k] % 100, due[k], bad[k]);
    if (nbad > 0) {
        enum { EACH = 512 };
        char *why = malloc((size_t)nbad * EACH);
        char **cls = calloc((size_t)nbad, sizeof *cls);
        if (!why || !cls || solve_explain_many(&one, sol, badp, nbad, why, EACH) != 0) {
            free(why);
            free(cls);
            goto freeall;
        }
        int ok = 1;
        for (int k = 0; k < nbad && ok; k++) {
            char c[128];
            bind_class(why + (size_t)k * EACH, c, sizeof c);
            ok = (cls[k] = strdup(c)) != NULL;
        }
        if (ok) {
            qsort(cls, (size_t)nbad, sizeof *cls, str_cmp);
            for (int k = 0; k < nbad; k++)
                if (k == 0 || strcmp(cls[k], cls[k - 1]) != 0) {
                    if (binds.len)
                        sb_puts(&binds, "; ");
                    sb_puts(&binds, cls[k]);
                }
        }
        for (int k = 0; k < nbad; k++)
            free(cls[k]);
        free(cls);
        free(why);
        if (!ok)
            goto freeall;
    }
    if (sb_failed(&months) || sb_failed(&known) || sb_failed(&binds))
        goto freeall;
    char b[NUM_BUFSZ];
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", R->seed);
    csvw_number(w, (snprintf(b, sizeof b, "%ld", i), b));
    csvw_number(w, seed);
    csvw_number(w, (snprintf(b, sizeof b, "%d", one.npatients), b));
    csvw_number(w, "0");
    csvw_number(w, (snprintf(b, sizeof b, "%d", v.k.late), b));
    csvw_number(w, (snprintf(b, sizeof b, "%d", v.k.unserved), b));
    csvw_number(w, num_quantity(v.k.weighted_delay, b));
    csvw_number(w, (snprintf(b, sizeof b, "%d", v.k.total_delay_days), b));
    csvw_field(w, solve_status_name(sol->status));
    csvw_field(w, months.p ? months.p : "");
    csvw_field(w, known.p ? known.p : "");
    csvw_field(w, binds.p ? binds.p : "");
    csvw_end_row(w);
    rc = 0;
freeall:
    free(due);
    free(bad);
    free(ym);
    free(badp);
done:
    sb_free(&months);
    sb_free(&known);
    sb_free(&binds);
    pv_free(&v);
    solution_free(sol);
    free(day);
    free(count);
    arena_free(mem);
    return rc;
}

static const char *const sample_head[C_N] = {
    "sample", "seed", "patients", "failures", "late", "unserved", "weighted_delay",
    "total_delay_days", "status", "months", "late_known", "binds"};

/* Plans samples from .. to-1 into the CSV file path (header first);
 * after each, one byte on fd tick (-1: none) and the progress line pr
 * (NULL: none). 0, or -1 with err. */
static int plan_range(const struct run *R, long from, long to, const char *path, int tick,
                      struct progress *pr, long first, long total, char *err, size_t size)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    csvw_row(&w, sample_head, C_N, 0);
    int rc = 0;
    for (long i = from; i < to && rc == 0; i++) {
        if (stop_requested) {
            snprintf(err, size, "interrupted");
            rc = -1;
            break;
        }
        rc = plan_sample(R, i, &w, err, size);
        if (rc == 0 && stop_requested) {
            /* The solve may have stopped early: this sample is not kept. */
            snprintf(err, size, "interrupted");
            rc = -1;
        }
        if (tick >= 0 && rc == 0) {
            fflush(f);
            ssize_t n = write(tick, "", 1);
            (void)n;
        }
        if (pr)
            progress_count(pr, i + 1 - first, total, "samples");
    }
    if (csvw_failed(&w) && rc == 0) {
        snprintf(err, size, "%s: write error", path);
        rc = -1;
    }
    if (fclose(f) != 0 && rc == 0) {
        snprintf(err, size, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* ---- reading samples back ---- */

struct recs {
    struct rec *v;
    size_t n, cap;
};

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    return (x->sample > y->sample) - (x->sample < y->sample);
}

static int whole(const char *t, long lo, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (!*t || *end || errno || v < lo)
        return -1;
    *out = v;
    return 0;
}

/* Appends the rows of the risk_samples.csv at path to rs. 0, or -1 with
 * the problems on stderr. */
static int read_samples(const char *cmd, const char *path, struct recs *rs, arena *mem)
{
    diag_list *d = diag_new();
    if (!d)
        return -1;
    table *t = tab_read(path, sample_cols, C_N, d, mem);
    int bad = diag_errors(d) > 0 || !t;
    report_diags(stderr, d, 1);
    diag_free(d);
    for (size_t r = 0; t && !bad && r < tab_rows(t); r++) {
        if (rs->n == rs->cap) {
            size_t cap = rs->cap ? rs->cap * 2 : 256;
            struct rec *nv = realloc(rs->v, cap * sizeof *nv);
            if (!nv)
                return fprintf(stderr, "planner %s: out of memory\n", cmd), -1;
            rs->v = nv;
            rs->cap = cap;
        }
        struct rec *e = &rs->v[rs->n];
        memset(e, 0, sizeof *e);
        for (int c = 0; c < C_N; c++) {
            const char *v = tab_cell(t, r, c);
            e->cell[c] = v ? v : "";
        }
        char *end;
        e->wdelay = strtod(e->cell[C_WDELAY], &end);
        if (whole(e->cell[C_SAMPLE], 0, &e->sample) || whole(e->cell[C_LATE], 0, &e->late) ||
            whole(e->cell[C_UNSERVED], 0, &e->unserved) || whole(e->cell[C_TDELAY], 0, &e->tdelay) ||
            whole(e->cell[C_FAILURES], 0, &e->failures) || *end || end == e->cell[C_WDELAY]) {
            fprintf(stderr, "planner %s: %s:%d: not a sample row of planner risk\n", cmd, path,
                    tab_line(t, r));
            bad = 1;
            break;
        }
        rs->n++;
    }
    return bad ? -1 : 0;
}

/* Sorts by sample; refuses a sample given twice and mixed seeds. */
static int check_samples(const char *cmd, struct recs *rs)
{
    if (rs->n == 0) {
        fprintf(stderr, "planner %s: no samples\n", cmd);
        return -1;
    }
    qsort(rs->v, rs->n, sizeof *rs->v, rec_cmp);
    for (size_t k = 1; k < rs->n; k++) {
        if (rs->v[k].sample == rs->v[k - 1].sample) {
            fprintf(stderr, "planner %s: sample %ld is given twice: merge runs of disjoint ranges "
                    "(--first, --samples)\n", cmd, rs->v[k].sample);
            return -1;
        }
        if (strcmp(rs->v[k].cell[C_SEED], rs->v[0].cell[C_SEED]) != 0) {
            fprintf(stderr, "planner %s: runs of different seeds (%s and %s) cannot be merged\n", cmd,
                    rs->v[0].cell[C_SEED], rs->v[k].cell[C_SEED]);
            return -1;
        }
    }
    return 0;
}

/* ---- figures ---- */

struct month_agg {
    char ym[8];
    long due, bad;
};

struct named_count {
    char *name;
    long n;
};

struct figures {
    long n, any_bad, any_unserved, failures;
    double wdelay_sum;
    long p50, p90, max;
    struct month_agg *months;
    size_t nmonths;
    struct named_count *known, *binds;
    size_t nknown, nbinds;
    long not_optimal;
};

static int long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int count_name(struct named_count **v, size_t *n, const char *name, size_t len)
{
    for (size_t k = 0; k < *n; k++)
        if (strlen((*v)[k].name) == len && memcmp((*v)[k].name, name, len) == 0)
            return (*v)[k].n++, 0;
    struct named_count *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    if (!(nv[*n].name = strndup(name, len)))
        return -1;
    nv[(*n)++].n = 1;
    return 0;
}

static int named_cmp(const void *a, const void *b)
{
    const struct named_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int month_cmp(const void *a, const void *b)
{
    return strcmp(((const struct month_agg *)a)->ym, ((const struct month_agg *)b)->ym);
}

/* Nearest rank: the smallest value with at least q of the samples at or
 * below it, i.e. sorted[ceil(q n) - 1]. */
static long rank(const long *sorted, long n, int pct)
{
    long k = (pct * n + 99) / 100;
    return sorted[k < 1 ? 0 : k - 1];
}

static int figures_of(const struct recs *rs, struct figures *F)
{
    memset(F, 0, sizeof *F);
    F->n = (long)rs->n;
    long *td = malloc(rs->n * sizeof *td);
    if (!td)
        return -1;
    for (size_t k = 0; k < rs->n; k++) {
        const struct rec *e = &rs->v[k];
        F->any_bad += e->late + e->unserved > 0;
        F->any_unserved += e->unserved > 0;
        F->failures += e->failures;
        F->wdelay_sum += e->wdelay;
        F->not_optimal += strcmp(e->cell[C_STATUS], "optimal") != 0;
        td[k] = e->tdelay;
        /* months: "YYYY-MM:due:bad ..." */
        for (const char *p = e->cell[C_MONTHS]; *p;) {
            char ym[8] = "";
            long due = 0, bad = 0;
            size_t len = strcspn(p, " ");
            if (len > 8 && p[7] == ':') {
                memcpy(ym, p, 7);
                char *q;
                due = strtol(p + 8, &q, 10);
                if (*q == ':')
                    bad = strtol(q + 1, &q, 10);
            }
            size_t m = 0;
            while (m < F->nmonths && strcmp(F->months[m].ym, ym) != 0)
                m++;
            if (m == F->nmonths) {
                struct month_agg *nv = realloc(F->months, (F->nmonths + 1) * sizeof *nv);
                if (!nv)
                    return free(td), -1;
                F->months = nv;
                memset(&nv[m], 0, sizeof nv[m]);
                memcpy(nv[m].ym, ym, sizeof ym);
                F->nmonths++;
            }
            F->months[m].due += due;
            F->months[m].bad += bad;
            p += len;
            p += strspn(p, " ");
        }
        for (const char *p = e->cell[C_KNOWN]; *p;) {
            size_t len = strcspn(p, " ");
            if (count_name(&F->known, &F->nknown, p, len) != 0)
                return free(td), -1;
            p += len;
            p += strspn(p, " ");
        }
        for (const char *p = e->cell[C_BINDS]; *p;) {
            size_t len = strcspn(p, ";");
            if (count_name(&F->binds, &F->nbinds, p, len) != 0)
                return free(td), -1;
            p += len;
            p += strspn(p, "; ");
        }
    }
    qsort(td, rs->n, sizeof *td, long_cmp);
    F->p50 = rank(td, F->n, 50);
    F->p90 = rank(td, F->n, 90);
    F->max = td[rs->n - 1];
    free(td);
    /* qsort of NULL (nothing counted) is undefined even for 0 items. */
    if (F->nmonths)
        qsort(F->months, F->nmonths, sizeof *F->months, month_cmp);
    if (F->nknown)
        qsort(F->known, F->nknown, sizeof *F->known, named_cmp);
    if (F->nbinds)
        qsort(F->binds, F->nbinds, sizeof *F->binds, named_cmp);
    return 0;
}

static void figures_free(struct figures *F)
{
    for (size_t k = 0; k < F->nknown; k++)
        free(F->known[k].name);
    for (size_t k = 0; k < F->nbinds; k++)
        free(F->binds[k].name);
    free(F->known);
    free(F->binds);
    free(F->months);
}

/* The 95 % Wilson score interval of x successes in n. */
static void wilson(long x, long n, double *lo, double *hi)
{
    double p = (double)x / (double)n, z2 = WILSON_Z * WILSON_Z, nn = (double)n;
    double den = 1 + z2 / nn, mid = (p + z2 / (2 * nn)) / den;
    double half = WILSON_Z / den * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    *lo = mid - half < 0 ? 0 : mid - half;
    *hi = mid + half > 1 ? 1 : mid + half;
}

/* ---- the files ---- */

struct outputs {
    const struct recs *rs;
    const struct figures *F;
};

static void metric(struct csv_writer *w, const char *name, double v, double lo, double hi, int ci)
{
    char a[NUM_BUFSZ], b[NUM_BUFSZ], c[NUM_BUFSZ];
    csvw_field(w, name);
    csvw_number(w, num_figure(v, a));
    csvw_number(w, ci ? num_figure(lo, b) : "");
    csvw_number(w, ci ? num_figure(hi, c) : "");
    csvw_end_row(w);
}

static int write_risk(FILE *f, void *arg)
{
    const struct outputs *O = arg;
    const struct figures *F = O->F;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    static const char *const head[] = {"metric", "value", "ci_low", "ci_high"};
    csvw_row(&w, head, 4, 0);
    double lo, hi, n = (double)F->n;
    metric(&w, "samples", n, 0, 0, 0);
    wilson(F->any_bad, F->n, &lo, &hi);
    metric(&w, "p_any_late_or_unserved", (double)F->any_bad / n, lo, hi, 1);
    wilson(F->any_unserved, F->n, &lo, &hi);
    metric(&w, "p_any_unserved", (double)F->any_unserved / n, lo, hi, 1);
    metric(&w, "mean_weighted_delay", F->wdelay_sum / n, 0, 0, 0);
    metric(&w, "p50_total_delay_days", (double)F->p50, 0, 0, 0);
    metric(&w, "p90_total_delay_days", (double)F->p90, 0, 0, 0);
    metric(&w, "max_total_delay_days", (double)F->max, 0, 0, 0);
    metric(&w, "mean_failures", (double)F->failures / n, 0, 0, 0);
    metric(&w, "samples_not_optimal", (double)F->not_optimal, 0, 0, 0);
    return 0;
}

static int write_samples(FILE *f, void *arg)
{
    const struct outputs *O = arg;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    csvw_row(&w, sample_head, C_N, 0);
    for (size_t k = 0; k < O->rs->n; k++)
        csvw_row(&w, O->rs->v[k].cell, C_N, 0xFFul & ~(1ul << C_STATUS));
    return 0;
}

static int write_months(FILE *f, void *arg)
{
    const struct figures *F = ((const struct outputs *)arg)->F;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    static const char *const head[] = {"month", "patients_due", "late_or_unserved", "p_late_or_unserved"};
    csvw_row(&w, head, 4, 0);
    for (size_t m = 0; m < F->nmonths; m++) {
        char a[NUM_BUFSZ], b[32], c[32];
        snprintf(b, sizeof b, "%ld", F->months[m].due);
        snprintf(c, sizeof c, "%ld", F->months[m].bad);
        csvw_field(&w, F->months[m].ym);
        csvw_number(&w, b);
        csvw_number(&w, c);
        csvw_number(&w, num_figure(F->months[m].due ? (double)F->months[m].bad / (double)F->months[m].due : 0, a));
        csvw_end_row(&w);
    }
    return 0;
}

static int write_patients(FILE *f, void *arg)
{
    const struct figures *F = ((const struct outputs *)arg)->F;
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    static const char *const head[] = {"patient", "samples_late_or_unserved", "p_late_or_unserved",
                                       "ci_low", "ci_high"};
    csvw_row(&w, head, 5, 0);
    for (size_t k = 0; k < F->nknown; k++) {
        char a[NUM_BUFSZ], b[32], c[NUM_BUFSZ], d[NUM_BUFSZ];
        double lo, hi;
        wilson(F->known[k].n, F->n, &lo, &hi);
        snprintf(b, sizeof b, "%ld", F->known[k].n);
        csvw_field(&w, F->known[k].name);
        csvw_number(&w, b);
        csvw_number(&w, num_figure((double)F->known[k].n / (double)F->n, a));
        csvw_number(&w, num_figure(lo, c));
        csvw_number(&w, num_figure(hi, d));
        csvw_end_row(&w);
    }
    return 0;
}

/* The answer a CTO reads. */
static void print_summary(FILE *out, const struct figures *F)
{
    double lo, hi;
    wilson(F->any_bad, F->n, &lo, &hi);
    fprintf(out, "Samples: %ld\n", F->n);
    fprintf(out, "P(some patient late or unserved): %.1f %% (95 %% interval %.1f-%.1f %%)\n",
            100.0 * (double)F->any_bad / (double)F->n, 100 * lo, 100 * hi);
    wilson(F->any_unserved, F->n, &lo, &hi);
    fprintf(out, "P(some patient unserved): %.1f %% (95 %% interval %.1f-%.1f %%)\n",
            100.0 * (double)F->any_unserved / (double)F->n, 100 * lo, 100 * hi);
    fprintf(out, "Total delay days: median %ld, 90th percentile %ld, max %ld\n", F->p50, F->p90, F->max);
    /* The months that carry the risk: most late or unserved patients. */
    struct month_agg top[3];
    size_t ntop = 0;
    for (size_t m = 0; m < F->nmonths; m++) {
        if (F->months[m].bad == 0)
            continue;
        size_t at = ntop < 3 ? ntop++ : 3;
        while (at > 0 && top[at - 1].bad < F->months[m].bad) {
            if (at < 3)
                top[at] = top[at - 1];
            at--;
        }
        if (at < 3)
            top[at] = F->months[m];
    }
    if (ntop == 0)
        fprintf(out, "Months at risk: none\n");
    for (size_t k = 0; k < ntop; k++)
        fprintf(out, "%s %s: %.1f %% of the patients due late or unserved (%ld of %ld)\n",
                k ? "              " : "Months at risk:", top[k].ym,
                100.0 * (double)top[k].bad / (double)top[k].due, top[k].bad, top[k].due);
    for (size_t k = 0; k < F->nbinds && k < 3; k++)
        fprintf(out, "%s %s, in %.1f %% of the samples\n", k ? "              " : "What binds:    ",
                F->binds[k].name, 100.0 * (double)F->binds[k].n / (double)F->n);
    if (F->not_optimal)
        fprintf(out, "Note: %ld sample%s stopped at the time limit ([risk] time_limit): their delays "
                "may be overstated\n", F->not_optimal, F->not_optimal == 1 ? "" : "s");
}

/* Publishes the four files and prints the summary. */
static int publish_all(const char *cmd, const char *dir, struct recs *rs, int quiet)
{
    struct figures F;
    if (figures_of(rs, &F) != 0) {
        figures_free(&F);
        fprintf(stderr, "planner %s: out of memory\n", cmd);
        return EXIT_NO_PLAN;
    }
    struct outputs O = {rs, &F};
    struct pub_file files[] = {{"risk.csv", write_risk, &O, NULL, 0},
                               {"risk_samples.csv", write_samples, &O, NULL, 0},
                               {"risk_months.csv", write_months, &O, NULL, 0},
                               {"risk_patients.csv", write_patients, &O, NULL, 0}};
    struct pub_options po;
    pub_options_init(&po, "risk");
    char err[1024];
    int rc = EXIT_DONE;
    if (pub_publish(dir, files, 4, &po, err, sizeof err) != PUB_OK) {
        fprintf(stderr, "planner %s: %s; nothing written\n", cmd, err);
        rc = EXIT_NO_PLAN;
    } else if (!quiet)
        print_summary(stdout, &F);
    else
        fprintf(stdout, "%ld samples, P(late or unserved) %.1f %%\n", F.n,
                100.0 * (double)F.any_bad / (double)F.n);
    figures_free(&F);
    return rc;
}

/* ---- the run ---- */

/* Plans samples first .. first+n-1 in jobs processes (1: this one) into
 * files of the private directory tmp, then reads them back into rs. */
static int run_samples(const struct run *R, long first, long n, int jobs, const char *tmp, int quiet,
                       struct recs *rs, arena *mem)
{
    char err[1024], path[4200];
    struct progress pr;
    int rc = 0;
    if (jobs > n)
        jobs = (int)n;
    progress_start(&pr, stderr, "planner risk", quiet);
    if (jobs <= 1) {
        snprintf(path, sizeof path, "%s/part-0.csv", tmp);
        rc = plan_range(R, first, first + n, path, -1, &pr, first, n, err, sizeof err);
        progress_end(&pr);
        if (rc != 0)
            fprintf(stderr, "planner risk: %s; nothing written\n", err);
    } else {
        pid_t pid[RISK_MAX_JOBS];
        int fd[RISK_MAX_JOBS];
        int started = 0;
        fflush(NULL);
        for (int j = 0; j < jobs; j++) {
            int p[2];
            if (pipe(p) != 0) {
                rc = -1;
                break;
            }
            long from = first + n * j / jobs, to = first + n * (j + 1) / jobs;
            snprintf(path, sizeof path, "%s/part-%d.csv", tmp, j);
            pid[j] = fork();
            if (pid[j] == 0) {
                close(p[0]);
                for (int k = 0; k < started; k++)
                    close(fd[k]);
                int e = plan_range(R, from, to, path, p[1], NULL, first, n, err, sizeof err);
                if (e != 0 && !stop_requested)
                    fprintf(stderr, "planner risk: %s\n", err);
                _exit(e == 0 ? 0 : 1);
            }
            close(p[1]);
            if (pid[j] < 0) {
                close(p[0]);
                rc = -1;
                break;
            }
            fd[started++] = p[0];
        }
        /* Count the workers' ticks for the progress line until all close. */
        long done = 0;
        int open = started, told = 0;
        while (open > 0) {
            if (stop_requested && !told) {
                /* Ctrl-C reaches the workers from the terminal; a kill of
                 * this process alone is passed on. */
                for (int j = 0; j < started; j++)
                    kill(pid[j], SIGTERM);
                told = 1;
            }
            struct pollfd pf[RISK_MAX_JOBS];
            for (int j = 0; j < started; j++)
                pf[j] = (struct pollfd){.fd = fd[j], .events = POLLIN};
            if (poll(pf, (nfds_t)started, -1) < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            for (int j = 0; j < started; j++) {
                if (fd[j] < 0 || !(pf[j].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                char buf[256];
                ssize_t got = read(fd[j], buf, sizeof buf);
                if (got > 0)
                    done += got;
                else if (got == 0 || errno != EINTR) {
                    close(fd[j]);
                    fd[j] = -1;
                    pf[j].fd = -1;
                    open--;
                }
            }
            progress_count(&pr, done, n, "samples");
        }
        progress_end(&pr);
        for (int j = 0; j < started; j++) {
            int st;
            while (waitpid(pid[j], &st, 0) < 0 && errno == EINTR)
                ;
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
                rc = -1;
        }
        if (rc == 0 && (started < jobs || stop_requested))
            rc = -1;
        if (rc != 0)
            fprintf(stderr, stop_requested ? "planner risk: interrupted; nothing written\n"
                                           : "planner risk: a worker process failed; nothing written\n");
    }
    for (int j = 0; j < (jobs < 1 ? 1 : jobs); j++) {
        snprintf(path, sizeof path, "%s/part-%d.csv", tmp, j);
        if (rc == 0 && read_samples("risk", path, rs, mem) != 0)
            rc = -1;
        unlink(path);
    }
    return rc;
}

int cmd_risk(int argc, char **argv)
{
    const char *dir = "out-risk";
    double samples = 1000, seed = 1, first = 0, jobs = 1;
    int quiet = 0, merge = 0;
    const struct opt rows[] = {
        {.key = 'o', .name = "output", .kind = OPT_STRING, .arg = "DIR",
         .help = "output directory (default: out-risk)", .to = &dir},
        {.name = "samples", .kind = OPT_NUMBER, .arg = "N", .help = "samples to plan (default: 1000)",
         .to = &samples, .lo = 1, .hi = RISK_MAX_SAMPLES},
        {.name = "seed", .kind = OPT_NUMBER, .arg = "S", .help = "the random seed (default: 1)",
         .to = &seed, .lo = 0, .hi = 9007199254740991.0},
        {.name = "first", .kind = OPT_NUMBER, .arg = "I",
         .help = "number of the first sample (default: 0): split a sweep\ninto disjoint ranges",
         .to = &first, .lo = 0, .hi = 1e12},
        {.key = 'j', .name = "jobs", .kind = OPT_NUMBER, .arg = "J",
         .help = "worker processes (default: 1); never changes a byte", .to = &jobs, .lo = 1,
         .hi = RISK_MAX_JOBS},
        {.name = "merge", .kind = OPT_FLAG,
         .help = "combine the output directories given as operands\n(runs of disjoint ranges, one seed)",
         .to = &merge},
        {.key = 'q', .name = "quiet", .kind = OPT_FLAG, .help = "one summary line, no progress", .to = &quiet},
    };
    const struct opt_command cmd = {
        .name = "risk", .operands = "SCENARIO.ini | --merge DIR...",
        .about = "Samples enrollment around the forecast (Poisson per site and month, with\n"
                 "[risk] rate_cv a Poisson-gamma rate) and plans each sample: how likely is\n"
                 "it that some patient waits? Writes risk.csv, risk_samples.csv,\n"
                 "risk_months.csv and risk_patients.csv (docs/risk.md).",
        .rows = rows, .nrows = sizeof rows / sizeof rows[0],
        .epilogue = "Exit status: 0 written, 2 bad input or usage, 3 nothing written."};
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (samples != floor(samples) || seed != floor(seed) || first != floor(first) || jobs != floor(jobs)) {
        fprintf(stderr, "planner risk: --samples, --seed, --first and -j take whole numbers\n");
        return EXIT_BAD_INPUT;
    }
    struct recs rs = {0};
    arena *mem = arena_new(0);
    if (!mem) {
        fprintf(stderr, "planner risk: out of memory\n");
        return EXIT_NO_PLAN;
    }
    int rc = EXIT_BAD_INPUT;
    if (merge) {
        if (ops.n == 0) {
            fprintf(stderr, "planner risk: --merge: which directories? usage: planner risk --merge DIR... -o DIR\n");
            goto out;
        }
        if (ops.n > OPT_MAX_OPERANDS) {
            fprintf(stderr, "planner risk: --merge: at most %d directories at once (merge merged ones)\n",
                    OPT_MAX_OPERANDS);
            goto out;
        }
        for (int k = 0; k < ops.n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/risk_samples.csv", ops.v[k]);
            if (read_samples("risk", path, &rs, mem) != 0)
                goto out;
        }
        if (check_samples("risk", &rs) != 0)
            goto out;
        rc = publish_all("risk", dir, &rs, quiet);
        goto out;
    }
    if (ops.n != 1 || !*ops.v[0]) {
        fprintf(stderr, ops.n > 1 ? "planner risk: one scenario at a time (or --merge DIR...)\n"
                                  : "planner risk: which scenario? usage: planner risk SCENARIO.ini [-o DIR]\n");
        goto out;
    }
    diag_list *d = diag_new();
    struct scenario *s = NULL;
    if (!d) {
        fprintf(stderr, "planner risk: out of memory\n");
        goto out;
    }
    enum scn_status st = scn_load(ops.v[0], d, &s);
    report_diags(stderr, d, quiet);
    if (st != SCN_OK)
        fprintf(stderr, "planner risk: %s: %zu error%s; nothing sampled\n", ops.v[0], diag_errors(d),
                diag_errors(d) == 1 ? "" : "s");
    diag_free(d);
    if (!s)
        goto out;
    char err[1024];
    if (pub_probe(dir, "risk", NULL, 0, err, sizeof err) != 0) {
        fprintf(stderr, "planner risk: %s\n", err);
        scn_free(s);
        goto out;
    }
    struct run R = {.s = s, .seed = (unsigned long long)seed};
    solve_options_init(&R.o, s);
    R.o.time_limit = s->risk_time_limit;
    R.o.stop = &stop_requested;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    const char *tenv = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/planner-risk.XXXXXX", tenv && *tenv ? tenv : "/tmp");
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "planner risk: %s: %s\n", tmp, strerror(errno));
        rc = EXIT_NO_PLAN;
    } else {
        rc = EXIT_NO_PLAN;
        if (run_samples(&R, (long)first, (long)samples, (int)jobs, tmp, quiet, &rs, mem) == 0 &&
            check_samples("risk", &rs) == 0)
            rc = publish_all("risk", dir, &rs, quiet);
        rmdir(tmp);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    scn_free(s);
out:
    free(rs.v);
    arena_free(mem);
    return rc;
}
