/* The forecast (contract: forecast.csv): expected inclusions per site and
 * month expanded into forecast patients F-<site>-<k>, merged with the
 * known patients of patients.csv, some of whom replace forecast ones.
 * Called by tables.c once the known patients are read. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/cells.h"
#include "models/date.h"
#include "models/load.h"

enum { FO_SITE, FO_MONTH, FO_PATIENTS, FO_N };
static const struct tab_column forecast_cols[FO_N] = {{"site", 1}, {"month", 1}, {"patients", 1}};

struct month_row {
    int site, year, month, line;
    double patients;        /* scaled by the site's enrollment_scale */
    double given;           /* as the file says */
    const char *file;
};

static int month_cmp(const void *pa, const void *pb)
{
    const struct month_row *a = pa, *b = pb;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* The fields of forecast patient F-<site>-<k> included on day inc (its
 * id aside), for the expansion and for a sampled enrollment alike. */
static void forecast_patient(struct patient *pt, const struct scenario *s, int site, int inc, int k)
{
    const struct site *si = &s->sites[site];
    pt->site = site;
    pt->included = inc;
    pt->ready = inc + si->ready_after;
    pt->due = inc + si->due_after;
    pt->process = -1;
    pt->priority = 1;
    pt->max_hold = -1;
    pt->fixed_start = DATE_NONE;
    pt->fixed_room = -1;
    pt->forecast_k = k;
}

#define MAX_FORECAST_MONTH 1000.0   /* expected inclusions in one month */
#define MAX_PATIENTS 1000000

int load_forecast(struct load *L, struct patient *known, int nknown, const char **replaces)
{
    struct scenario *s = L->s;
    struct cells r;
    char vb[DIAG_VALUE_SZ], a[DATE_BUFSZ];
    table *ft = load_open(L, TBL_FORECAST, forecast_cols, FO_N, &r);
    if (s->tables[TBL_FORECAST] && !ft)
        return 0; /* unreadable: the error is reported */
    size_t n = ft ? tab_rows(ft) : 0;
    struct month_row *rows;
    CELL_ALLOC(L, rows, n);
    size_t nrows = 0;
    for (r.row = 0; r.row < n; r.row++) {
        struct month_row *m = &rows[nrows];
        m->line = cell_line(&r);
        m->file = cell_path(&r);
        int ok = cell_ref(&r, FO_SITE, 1, &L->maps.sites, "site", load_tname(L, TBL_SITES, "sites.csv"), &m->site) == 0;
        const char *mv = cell_need(&r, FO_MONTH);
        if (mv && date_parse_month(mv, &m->year, &m->month) != 0) {
            CELL_ERR(&r, "column 'month': '%s' is not a month (YYYY-MM)", diag_value(vb, mv));
            ok = 0;
        } else if (!mv)
            ok = 0;
        ok &= cell_number(&r, FO_PATIENTS, 1, 0, 0, 0, &m->patients) == 0;
        if (ok && m->patients > MAX_FORECAST_MONTH) {
            CELL_ERR(&r, "column 'patients': '%g' is more than %g inclusions in a month", m->patients,
                     MAX_FORECAST_MONTH);
            ok = 0;
        }
        if (ok && s->sites[m->site].due_after < 0) {
            CELL_ERR(&r, "site '%s' has forecast rows but no due_after in sites.csv (line %d)",
                     s->sites[m->site].id, s->sites[m->site].line);
            ok = 0;
        }
        if (ok) {
            /* [whatif] enrollment_scale: the count is scaled before the
             * expansion and stays fractional; the expansion's rule (the
             * k-th patient on the first day C(d) >= k - 0.5) rounds the
             * running expected count half up. */
            m->given = m->patients;
            m->patients *= s->sites[m->site].enrollment_scale;
            nrows++;
        }
    }
    qsort(rows, nrows, sizeof *rows, month_cmp);
    for (size_t i = 1; i < nrows; i++)
        if (rows[i].site == rows[i - 1].site && rows[i].year == rows[i - 1].year &&
            rows[i].month == rows[i - 1].month)
            diag_add(L->d, DIAG_ERROR, rows[i].file, rows[i].line,
                     "site '%s' month %04d-%02d is given again (first on line %d)",
                     s->sites[rows[i].site].id, rows[i].year, rows[i].month, rows[i - 1].line);

    /* The rows as read, for check and for the risk of enrollment. */
    CELL_ALLOC(L, s->forecast, nrows);
    for (size_t i = 0; i < nrows; i++)
        s->forecast[s->nforecast++] = (struct forecast_month){
            rows[i].site, date_from_ymd(rows[i].year, rows[i].month, 1), rows[i].given,
            rows[i].patients, rows[i].file, rows[i].line};

    /* Count the forecast patients first, then expand into an array. */
    size_t total = 0;
    for (size_t i = 0; i < nrows; i++)
        total += (size_t)ceil(rows[i].patients) + 1;
    struct patient *fc;
    CELL_ALLOC(L, fc, total);
    size_t nfc = 0;
    for (size_t i = 0; i < nrows;) {
        int site = rows[i].site, k = 1;
        double base = 0; /* expected inclusions of the site's earlier months */
        const struct site *si = &s->sites[site];
        for (; i < nrows && rows[i].site == site; i++) {
            int nd = date_days_in_month(rows[i].year, rows[i].month);
            int first = date_from_ymd(rows[i].year, rows[i].month, 1);
            double p = rows[i].patients;
            for (int j = 1; j <= nd; j++) {
                /* C(d) in closed form, compared with a tolerance, as the
                 * contract demands: no drift from a running sum of p/n. */
                double c = base + p * j / nd;
                while (c >= k - 0.5 - 1e-9 && nfc < total) {
                    struct patient *pt = &fc[nfc++];
                    pt->kind = PATIENT_FORECAST;
                    pt->id = arena_printf(L->mem, "F-%s-%d", si->id, k);
                    if (!pt->id)
                        return L->oom = 1, -1;
                    forecast_patient(pt, s, site, first + j - 1, k);
                    k++;
                }
            }
            base += p;
        }
    }

    /* replaces: a known patient takes the place of a forecast one. */
    struct idmap fmap;
    unsigned char *replaced;
    int *replaced_by;
    CELL_ALLOC(L, replaced, nfc);
    CELL_ALLOC(L, replaced_by, nfc);
    if (idmap_init(&fmap, L->mem, nfc) != 0)
        return L->oom = 1, -1;
    for (size_t i = 0; i < nfc; i++)
        idmap_put(&fmap, fc[i].id, (int)i);
    for (int i = 0; i < nknown; i++) {
        if (!replaces[i])
            continue;
        int f = idmap_get(&fmap, replaces[i]);
        if (f < 0) {
            diag_add(L->d, DIAG_ERROR, known[i].file, known[i].line,
                     "column 'replaces': '%s' is not a forecast patient (ids are F-<site>-<k>; "
                     "the forecast gives %zu)", diag_value(vb, replaces[i]), nfc);
            continue;
        }
        if (replaced[f]) {
            diag_add(L->d, DIAG_ERROR, known[i].file, known[i].line,
                     "column 'replaces': '%s' is already replaced by patient '%s' (line %d)",
                     replaces[i], known[replaced_by[f]].id, known[replaced_by[f]].line);
            continue;
        }
        replaced[f] = 1;
        replaced_by[f] = i;
    }

    /* The patients of the horizon: known ones in file order, then the
     * forecast ones by site and k. */
    CELL_ALLOC(L, s->patients, (size_t)nknown + nfc);
    for (int i = 0; i < nknown; i++) {
        struct patient *p = &known[i];
        if (p->ready != DATE_NONE && p->ready > s->end && p->fixed_start == DATE_NONE) {
            diag_add(L->d, DIAG_WARNING, p->file, p->line,
                     "patient '%s' is ready on %s, after the horizon's end: left out (beyond_horizon)",
                     p->id, date_format(p->ready, a));
            s->beyond_horizon++;
            continue;
        }
        s->patients[s->npatients++] = *p;
    }
    for (size_t i = 0; i < nfc; i++) {
        if (replaced[i])
            s->forecast_replaced++;
        else if (fc[i].included < s->start)
            s->forecast_before++;
        else if (s->sites[fc[i].site].opens != DATE_NONE && fc[i].included < s->sites[fc[i].site].opens)
            s->forecast_unopened++; /* [whatif] site_opens; k still counts it */
        else if (fc[i].ready > s->end)
            s->forecast_after++;
        else
            s->patients[s->npatients++] = fc[i];
    }
    if (s->npatients > MAX_PATIENTS)
        diag_add(L->d, DIAG_ERROR, s->path, 0, "%d patients: at most %d are supported", s->npatients,
                 MAX_PATIENTS);
    /* Known ids must not collide with forecast ids. */
    for (int i = 0; i < nknown; i++)
        if (idmap_get(&fmap, known[i].id) >= 0)
            diag_add(L->d, DIAG_ERROR, known[i].file, known[i].line,
                     "column 'patient': '%s' is also the id of a forecast patient; choose another id",
                     known[i].id);
    return 0;
}

int scn_expand_sampled(const struct scenario *s, arena *mem, const int *count, const int *day,
                       struct patient **out, int *nout)
{
    /* Known patients first, as load_forecast orders them; then each
     * site's sampled inclusions by date, numbered F-<site>-<k> from 1
     * over the site's months, and dropped by the same rules as the
     * expansion's (before start, before the site opens, ready after end). */
    size_t total = 0;
    int nknown = 0;
    for (int i = 0; i < s->npatients; i++)
        nknown += s->patients[i].kind == PATIENT_KNOWN;
    for (int i = 0; i < s->nforecast; i++)
        total += (size_t)count[i];
    struct patient *p = arena_array(mem, (size_t)nknown + total + 1, sizeof *p);
    if (!p)
        return -1;
    int n = 0;
    for (int i = 0; i < s->npatients; i++)
        if (s->patients[i].kind == PATIENT_KNOWN)
            p[n++] = s->patients[i];
    size_t at = 0;
    int k = 1;
    for (int i = 0; i < s->nforecast; i++) {
        const struct forecast_month *m = &s->forecast[i];
        const struct site *si = &s->sites[m->site];
        if (i > 0 && s->forecast[i - 1].site != m->site)
            k = 1;
        for (int j = 0; j < count[i]; j++, at++, k++) {
            int inc = m->month + day[at] - 1;
            if (inc < s->start || (si->opens != DATE_NONE && inc < si->opens) ||
                inc + si->ready_after > s->end)
                continue;
            struct patient *pt = &p[n++];
            memset(pt, 0, sizeof *pt);
            pt->kind = PATIENT_FORECAST;
            pt->id = arena_printf(mem, "F-%s-%d", si->id, k);
            if (!pt->id)
                return -1;
            forecast_patient(pt, s, m->site, inc, k);
        }
    }
    *out = p;
    *nout = n;
    return 0;
}
