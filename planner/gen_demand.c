/* planner generate, the demand and the materials: the known patients (a
 * few batches already running on the first day), the monthly forecast per
 * site scaled so that the horizon holds patients x tightness, and the GMP
 * materials with their opening stock and purchase orders on the way. The
 * materials catalogue is the reference data this file draws from. */
#include <stdint.h>
#include <stdlib.h>

#include "models/date.h"
#include "planner/gen.h"

/* The catalogue, most critical first: --materials K takes the first K. */
static const struct material_def catalogue[] = {
    {"LV-VECTOR", "vial (lentiviral vector, one transduction)", 45, 1, 2, 365, 18000, {{USE_TRANSDUCE, 1, 1}}, 1},
    {"ACT-REAGENT", "vial (CD3/CD28 activation reagent)", 28, 5, 5, 365, 1150, {{USE_SEED, 1, 1}}, 1},
    {"MEDIUM", "bag 1 L (serum-free T-cell medium)", 21, 10, 20, 180, 240, {{USE_SEED, 2, 2}, {USE_FEED, 1, 1}}, 2},
    {"CS10", "bag 100 mL (cryopreservation medium)", 21, 4, 4, 540, 380, {{USE_HARVEST, 1, 1}}, 1},
    {"IL2", "vial 1 MIU (interleukin-2, GMP)", 30, 10, 10, 540, 95, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"TUBING-SET", "closed-system tubing set", 42, 5, 5, 730, 2400, {{USE_SEED, 1, 1}}, 1},
    {"HSA-20", "vial 100 mL (albumin 20 %)", 14, 10, 10, 730, 75, {{USE_SEED, 2, 2}, {USE_HARVEST, 1, 1}}, 2},
    {"CRYOBAG", "cryopreservation bag", 35, 25, 25, 1095, 45, {{USE_HARVEST, 3, 2}}, 1},
    {"STERILITY", "culture bottle pair (sterility test)", 14, 50, 50, 365, 24, {{USE_HARVEST, 2, 2}}, 1},
    {"ENDOTOXIN", "cartridge (endotoxin test)", 21, 25, 25, 540, 38, {{USE_HARVEST, 1, 1}}, 1},
    {"MYCO-PCR", "test (mycoplasma PCR)", 30, 10, 10, 365, 190, {{USE_HARVEST, 1, 1}}, 1},
    {"VCN-PCR", "test (vector copy number qPCR)", 30, 10, 10, 365, 160, {{USE_HARVEST, 1, 1}}, 1},
    {"FLOW-PANEL", "test (CAR, CD3, CD4, CD8 flow panel)", 28, 10, 10, 270, 310, {{USE_HARVEST, 1, 1}}, 1},
    {"CD4-BEADS", "vial (CD4 selection reagent)", 35, 2, 2, 365, 2700, {{USE_SEED, 1, 1}}, 1},
    {"CD8-BEADS", "vial (CD8 selection reagent)", 35, 2, 2, 365, 2700, {{USE_SEED, 1, 1}}, 1},
    {"BUFFER", "bag 1 L (PBS/EDTA buffer)", 10, 12, 12, 365, 55, {{USE_SEED, 3, 2}}, 1},
    {"IL7", "vial 10 ug (interleukin-7, GMP)", 40, 5, 10, 540, 620, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"IL15", "vial 10 ug (interleukin-15, GMP)", 40, 5, 10, 540, 680, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"ENHANCER", "vial (transduction enhancer)", 28, 5, 5, 365, 420, {{USE_TRANSDUCE, 1, 1}}, 1},
    {"CULTURE-BAG", "culture bag 1 L", 30, 10, 10, 730, 110, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"PLASMALYTE", "bag 500 mL (electrolyte solution)", 7, 20, 20, 730, 9, {{USE_HARVEST, 2, 2}}, 1},
    {"DNASE", "vial (DNase, GMP grade)", 21, 5, 5, 365, 330, {{USE_SEED, 1, 1}}, 1},
    {"AB-SERUM", "bottle 100 mL (human AB serum)", 42, 5, 5, 365, 540, {{USE_SEED, 1, 0}}, 1},
    {"TRANSFER-BAG", "transfer bag 600 mL", 14, 20, 20, 1095, 14, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"SAMPLE-TUBE", "sterile sample tube", 10, 100, 100, 1095, 1, {{USE_HARVEST, 12, 12}}, 1},
    {"LABEL-SET", "GMP label set", 7, 50, 50, 730, 3, {{USE_SEED, 1, 1}, {USE_HARVEST, 1, 1}}, 2},
    {"GOWN-KIT", "sterile gowning kit", 5, 20, 40, 1095, 28, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"GLOVES", "pair of sterile gloves", 5, 100, 100, 1095, 2, {{USE_SEED, 6, 6}, {USE_FEED, 2, 2}, {USE_HARVEST, 6, 6}}, 3},
    {"EM-PLATE", "settle plate (environmental monitoring)", 14, 100, 100, 90, 4, {{USE_SEED, 4, 4}, {USE_HARVEST, 4, 4}}, 2},
    {"WIPES", "pack of sterile wipes", 5, 24, 24, 730, 11, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"SYRINGE-50", "sterile syringe 50 mL", 7, 50, 50, 1095, 2, {{USE_SEED, 4, 4}, {USE_FEED, 2, 2}, {USE_HARVEST, 4, 4}}, 3},
    {"FILTER", "sterile filter 0.2 um", 10, 20, 20, 1095, 18, {{USE_SEED, 2, 2}}, 1},
    {"COUNT-SLIDE", "cell counting slide", 14, 50, 50, 730, 5, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"VIABILITY-DYE", "vial (7-AAD viability dye)", 21, 5, 5, 365, 140, {{USE_HARVEST, 1, 1}}, 1},
    {"DMSO", "vial 5 mL (DMSO, GMP)", 21, 10, 10, 730, 60, {{USE_HARVEST, 1, 1}}, 1},
    {"DEXTRAN", "bag 500 mL (dextran 40)", 14, 10, 10, 730, 32, {{USE_HARVEST, 1, 1}}, 1},
    {"SHIPPER-LINER", "dry shipper liner", 10, 10, 10, 1095, 85, {{USE_HARVEST, 1, 1}}, 1},
    {"TEMP-LOGGER", "temperature data logger", 21, 10, 10, 1095, 65, {{USE_HARVEST, 1, 1}}, 1},
    {"EDTA-TUBE", "EDTA blood tube", 7, 100, 100, 540, 1, {{USE_SEED, 4, 4}}, 1},
    {"PIPETTE", "sterile serological pipette", 5, 100, 100, 1095, 1, {{USE_SEED, 10, 10}, {USE_FEED, 4, 4}, {USE_HARVEST, 10, 10}}, 3},
    {"FICOLL", "bottle 500 mL (density gradient medium)", 14, 6, 6, 365, 95, {{USE_SEED, 1, 1}}, 1},
    {"CELL-STRAINER", "sterile cell strainer", 10, 50, 50, 1095, 6, {{USE_HARVEST, 1, 1}}, 1},
};
_Static_assert(N_OF(catalogue) == NCATALOGUE, "NCATALOGUE in gen.h counts the catalogue");

static int is_holiday(const struct gen *g, int d)
{
    for (int i = 0; i < g->nholidays; i++)
        if (g->holidays[i].date == d)
            return 1;
    return 0;
}

/* The version a batch starting around day d gets. */
static const struct gproc *proc_at(const struct gen *g, int d)
{
    return d >= g->switch_day ? &g->proc[1] : &g->proc[0];
}

/* ---- demand ----------------------------------------------------------------------- */

/* Forecast patients of site s whose ready day is at most the end, given
 * the monthly rows (hundredths): floor(C(end - ready_after) + 0.5), the
 * contract's expansion in exact integers. */
static int forecast_count_site(const struct gen *g, int s)
{
    int x = g->end - g->sites[s].ready_after;
    if (x < g->start)
        return 0;
    int mx = gen_month_of(g, x);
    int64_t cum = 0;
    for (int m = 0; m < mx; m++)
        if (g->forecast[s * g->P->months + m] > 0)
            cum += g->forecast[s * g->P->months + m];
    int p = g->forecast[s * g->P->months + mx];
    if (p < 0)
        p = 0;
    int y, mo, j;
    date_to_ymd(x, &y, &mo, &j);
    int64_t n = date_days_in_month(y, mo);
    /* k <= C + 1/2  <=>  200 n k <= 2 (cum n + p j) + 100 n */
    return (int)((2 * (cum * n + (int64_t)p * j) + 100 * n) / (200 * n));
}

/* The inclusion day of F-<site>-k, or DATE_NONE. */
static int forecast_inclusion(const struct gen *g, int s, int k)
{
    int64_t cum = 0;
    for (int m = 0; m < g->P->months; m++) {
        int p = g->forecast[s * g->P->months + m];
        if (p <= 0)
            continue;
        int first = gen_month_first_day(g, m);
        int64_t n = gen_month_last_day(g, m) - first + 1;
        for (int j = 1; j <= n; j++)
            if (2 * (cum * n + (int64_t)p * j) >= (int64_t)(2 * k - 1) * 100 * n)
                return first + j - 1;
        cum += p;
    }
    return DATE_NONE;
}

static int forecast_total(struct gen *g, const int64_t *w, const int64_t *sumwt, int64_t alpha)
{
    int M = g->P->months, total = 0;
    for (int s = 0; s < g->nsites; s++) {
        for (int m = 0; m < M; m++) {
            int *v = &g->forecast[s * M + m];
            if (m < 1 || m < g->sites[s].active_from || sumwt[m] == 0)
                *v = -1;
            else
                *v = (int)(alpha * w[m] * g->sites[s].weight / (sumwt[m] << 24));
        }
        total += forecast_count_site(g, s);
    }
    return total;
}

static int patient_cmp(const void *pa, const void *pb)
{
    const struct gpatient *a = pa, *b = pb;
    int fa = a->fixed_start != DATE_NONE, fb = b->fixed_start != DATE_NONE;
    if (fa != fb)
        return fb - fa;
    if (a->ready != b->ready)
        return a->ready < b->ready ? -1 : 1;
    if (a->site != b->site)
        return a->site - b->site;
    /* qsort is not stable, and libraries differ: no two keys equal. */
    return a->seq - b->seq;
}

int gen_demand(struct gen *g, struct rng *r)
{
    const struct gen_params *P = g->P;
    int M = P->months, target = P->target;
    int64_t *w = calloc((size_t)M, sizeof *w), *sumwt = calloc((size_t)M, sizeof *sumwt);
    int rc = -1;
    g->forecast = calloc((size_t)g->nsites * (size_t)M, sizeof *g->forecast);
    /* The known patients: at most the target, and one that replaces a
     * forecast patient. */
    g->patients = calloc((size_t)target + 2, sizeof *g->patients);
    if (!w || !sumwt || !g->forecast || !g->patients)
        goto done;

    /* Batches already running on the first day: one, two from 4 rooms. */
    int nfixed = P->rooms >= 4 ? 2 : 1;
    if (nfixed > target)
        nfixed = target;
    const struct gproc *v1 = &g->proc[0];
    int room = 0, day = g->start - 1;
    for (int f = 0; f < nfixed; f++) {
        /* A start on an allowed weekday in the week before, in a grade B
         * room of a suite (not shared), harvest on a working day. */
        while (room < g->nrooms && (g->rooms[room].shared || g->rooms[room].suite < 0))
            room++;
        while (day > g->start - v1->duration + 1 &&
               (!(v1->start_mask & (1u << date_weekday(day))) || is_holiday(g, day + v1->duration - 1) ||
                is_holiday(g, day + v1->readout)))
            day--;
        if (room >= g->nrooms || day <= g->start - v1->duration + 1)
            break;
        struct gpatient *pt = &g->patients[g->npatients++];
        const struct gsite *si = &g->sites[0];
        pt->site = 0;
        pt->ready = day - rng_int(r, 0, 1);
        pt->due = pt->ready + gen_nominal_lead(v1, si, pt->ready) + rng_int(r, 2, 4);
        pt->priority = 1;
        pt->max_hold = -1;
        pt->included = pt->ready - si->ready_after;
        pt->fixed_start = day;
        pt->fixed_room = room;
        pt->process = 0;
        room++;
        day--;
        g->nfixed++;
    }

    /* Known patients fill the ready days up to the forecast's first ready
     * day at each site; the forecast starts with the second month. */
    int f0 = gen_month_first_day(g, 1);
    int active0 = 0;
    for (int s = 0; s < g->nsites; s++)
        if (g->sites[s].active_from == 0)
            active0 += g->sites[s].weight;
    int horizon = g->end - g->start + 1;
    int known_target = target - g->npatients;
    for (int s = 0; s < g->nsites && known_target > 0; s++) {
        const struct gsite *si = &g->sites[s];
        if (si->active_from != 0)
            continue;
        int last_ready = f0 + si->ready_after - 1;
        if (f0 > g->end)
            last_ready = g->end;
        if (last_ready > g->end)
            last_ready = g->end;
        int days = last_ready - g->start + 1;
        int n = (int)(((int64_t)target * days * si->weight * 2 + (int64_t)horizon * active0) /
                      ((int64_t)horizon * active0 * 2));
        if (f0 > g->end) {  /* no forecast at all: every patient is known */
            n = (int)(((int64_t)target * si->weight * 2 + active0) / ((int64_t)active0 * 2));
            int later = 0;  /* active sites after this one */
            for (int t = s + 1; t < g->nsites; t++)
                later += g->sites[t].active_from == 0;
            if (!later)
                n = known_target;
        }
        if (n > known_target)
            n = known_target;
        for (int i = 0; i < n; i++) {
            struct gpatient *pt = &g->patients[g->npatients++];
            pt->site = s;
            pt->ready = g->start + rng_int(r, 0, days - 1);
            const struct gproc *pr = proc_at(g, pt->ready);
            pt->due = pt->ready + gen_nominal_lead(pr, si, pt->ready) + rng_int(r, 0, 2);
            pt->priority = rng_pct(r, 12) ? 2 : 1;
            /* Cryopreserved starting material can wait. */
            pt->max_hold = rng_pct(r, 15) ? (rng_pct(r, 50) ? 10 : 14) : -1;
            pt->included = pt->ready - si->ready_after - rng_int(r, 0, 3);
            pt->fixed_start = DATE_NONE;
            pt->fixed_room = -1;
            pt->process = -1;
        }
        known_target -= n;
    }
    /* A few patients of priority 2 at least, when there are a few. */
    int known = g->npatients - g->nfixed, prio = 0;
    for (int i = g->nfixed; i < g->npatients; i++)
        prio += g->patients[i].priority == 2;
    for (int i = g->nfixed; prio == 0 && known >= 3 && i < g->npatients; i += 3) {
        g->patients[i].priority = 2;
        prio++;
    }

    /* The forecast: a monthly curve (ramp, summer and Christmas dips,
     * half following the rooms' capacity so that the load is even, noise)
     * split between the active sites by weight, then scaled so that the
     * horizon holds the target. */
    int64_t cap_sum = 0;
    for (int m = 0; m < M; m++)
        cap_sum += g->month_capacity[m];
    int64_t cap_mean = cap_sum / M > 0 ? cap_sum / M : 1;
    for (int m = 0; m < M; m++) {
        int y, mo, dd;
        date_to_ymd(gen_month_first_day(g, m), &y, &mo, &dd);
        int season = mo == 8 ? 80 : mo == 12 ? 85 : mo == 7 ? 95 : 100;
        int ramp = M > 1 ? P->preset->ramp_from + (P->preset->ramp_to - P->preset->ramp_from) * m / (M - 1)
                         : 100;
        int64_t cap = g->month_capacity[m + 1 < M ? m + 1 : m];
        int64_t capf = 50 + 50 * cap / cap_mean;
        if (capf > 150)
            capf = 150;
        int noise = rng_int(r, 85, 115);
        w[m] = (int64_t)season * ramp * capf * noise / 1000;
        for (int s = 0; s < g->nsites; s++)
            if (m >= g->sites[s].active_from)
                sumwt[m] += g->sites[s].weight;
    }
    int fc_target = target - g->npatients;
    int64_t lo = 0, hi = (int64_t)1 << 34;
    if (fc_target <= 0 || forecast_total(g, w, sumwt, hi) < fc_target)
        lo = hi = fc_target <= 0 ? 0 : hi;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (forecast_total(g, w, sumwt, mid) >= fc_target)
            hi = mid;
        else
            lo = mid + 1;
    }
    int above = forecast_total(g, w, sumwt, lo);
    if (lo > 0) {
        int below = forecast_total(g, w, sumwt, lo - 1);
        if (fc_target - below < above - fc_target)
            lo--;
    }
    g->nforecast_patients = forecast_total(g, w, sumwt, lo);

    /* One pre-screened patient takes the place of the first forecast
     * patient of the main site. */
    if (g->nforecast_patients > 0) {
        int incl = forecast_inclusion(g, 0, 1);
        const struct gsite *si = &g->sites[0];
        if (incl != DATE_NONE && incl + si->ready_after <= g->end - 7) {
            struct gpatient *pt = &g->patients[g->npatients++];
            pt->site = 0;
            pt->ready = incl + si->ready_after + rng_int(r, -2, 2);
            if (pt->ready < g->start)
                pt->ready = g->start;
            pt->due = pt->ready + si->due_after - si->ready_after;
            pt->priority = 1;
            pt->max_hold = -1;
            pt->included = incl - rng_int(r, 3, 10);
            pt->fixed_start = DATE_NONE;
            pt->fixed_room = -1;
            pt->process = -1;
            pt->replaces_k = 1;
        }
    }
    for (int i = 0; i < g->npatients; i++)
        g->patients[i].seq = i;
    qsort(g->patients, (size_t)g->npatients, sizeof *g->patients, patient_cmp);
    rc = 0;
done:
    free(w);
    free(sumwt);
    return rc;
}

/* ---- materials -------------------------------------------------------------------- */

static int material_per_batch(const struct material_def *m, int version)
{
    int q = 0;
    for (int u = 0; u < m->nuses; u++) {
        int per = version == 0 ? m->uses[u].v1 : m->uses[u].v2;
        q += m->uses[u].when == USE_FEED ? 2 * per : per;
    }
    return q;
}

static int round_up(int q, int multiple)
{
    return (q + multiple - 1) / multiple * multiple;
}

int gen_materials(struct gen *g, struct rng *r)
{
    int K = g->P->materials;
    g->materials = calloc((size_t)K, sizeof *g->materials);
    g->deliveries = calloc((size_t)K, sizeof *g->deliveries);
    if (!g->materials || !g->deliveries)
        return -1;
    g->nmaterials = K;
    int horizon = g->end - g->start + 1;
    for (int i = 0; i < K; i++) {
        struct gmaterial *m = &g->materials[i];
        const struct material_def *d = &catalogue[i];
        m->def = d;
        /* Stock for the batches that start before an order placed on the
         * first day can arrive, and three weeks more, at 1.4 times the
         * average rate (the first weeks are busy), plus the running ones. */
        int q = material_per_batch(d, 0);
        int cover = d->lead_time + (d->unit_cost >= 1000 ? 14 : 21);
        int64_t batches = ((int64_t)g->P->target * cover * 14 + (int64_t)horizon * 10 - 1) /
                          ((int64_t)horizon * 10) + g->nfixed + 2;
        int need = (int)batches * q;
        m->stock = round_up(need + rng_int(r, 0, need / 4), d->order_multiple);
        m->stock_expires = DATE_NONE;
        /* Some stock runs out of shelf life, later than any order placed
         * on the first day could arrive. */
        if (rng_pct(r, 25)) {
            int hi = d->shelf_life < 300 ? d->shelf_life : 300;
            int lo = d->lead_time + 45;
            if (hi > lo)
                m->stock_expires = g->start + rng_int(r, lo, hi);
        }
        /* A purchase order placed last month: part of the stock is still
         * on its way. */
        if (rng_pct(r, 35) && m->stock > d->order_multiple) {
            int arriving = round_up(m->stock * 2 / 5, d->order_multiple);
            if (arriving < m->stock) {
                m->stock -= arriving;
                int when = g->start + rng_int(r, 5, d->lead_time > 7 ? d->lead_time - 2 : 5);
                /* What remains on hand covers the batches until then. */
                int until = (int)(((int64_t)g->P->target * (when - g->start + 14) * 14 +
                                   (int64_t)horizon * 10 - 1) / ((int64_t)horizon * 10)) + g->nfixed + 2;
                if (m->stock >= until * q)
                    g->deliveries[g->ndeliveries++] = (struct gdelivery){i, when, arriving};
                else
                    m->stock += arriving;
            }
        }
    }
    return 0;
}
