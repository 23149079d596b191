/* Material stock day by day: one simulation loop serves both the plain
 * simulation (stock_simulate) and just-in-time lot sizing
 * (stock_plan_orders), so that the orders planned are exactly the ones the
 * simulation then finds sufficient. */
#include "models/stock.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "models/date.h"
#include "models/limits.h"

/* Quantities are sums of decimal fractions (3 x 0.1 is not 0.3 in binary):
 * two quantities within lim_qty_tol (absolute, limits.h) are the same. */

/* Order quantities are rounded to 1 / STOCK_GRAINS once they are whole
 * multiples, so that 3 x 0.1 is 0.3, not 0.30000000000000004. Dividing by
 * the exact 1e9 gives the double nearest the decimal. */
#define STOCK_GRAINS 1e9

struct sim_lot {
    int arrival;            /* first usable day (>= start) */
    int expires;            /* first unusable day, or DATE_FAR */
    double left;            /* still in the lot */
    int seq;                /* known lots first, then orders: the FEFO tie-break */
};

/* What the loop needs when it plans orders instead of only following them. */
struct sim_plan {
    const struct material *mat;
    struct stock_order *orders;   /* grows by at most one a day */
    int norders;
    int first_short;        /* day index, or -1 */
};

static double tol(double x)
{
    /* Absolute: a tolerance relative to the need let a need of 1e12
     * pass hundreds of units short. */
    return lim_qty_tol(x);
}

/* The smallest order of mat that covers need: a whole multiple of
 * order_multiple, at least min_order. The tolerance keeps a need of
 * 0.30000000000000004 with multiple 0.1 at three multiples, not four. */
static double order_size(const struct material *mat, double need)
{
    double q = fmax(need, mat->min_order);
    double mult = mat->order_multiple > 0 ? mat->order_multiple : 1;
    double k = ceil(q / mult - tol(q / mult));
    if (k < 1)
        k = 1;
    double size = k * mult;
    /* Multiples of 0.1 are not exact in binary: round to the grain, which
     * is only meaningful while size x grains fits a double's mantissa. */
    if (size < 1e6)
        size = round(size * STOCK_GRAINS) / STOCK_GRAINS;
    return size;
}

/* Lots by arrival, then seq: orders after the known lots of their day. */
static int lot_cmp(const void *pa, const void *pb)
{
    const struct sim_lot *a = pa, *b = pb;
    if (a->arrival != b->arrival)
        return a->arrival < b->arrival ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Takes need from the usable active lots, earliest expiry first (then
 * earliest arrival, then seq). Returns what could not be taken.
 * Exhausted lots leave the active list. */
static double consume(struct sim_lot *lots, int *active, int *nactive, double need)
{
    while (need > 0 && *nactive > 0) {
        int best = -1;
        for (int a = 0; a < *nactive; a++) {
            const struct sim_lot *l = &lots[active[a]];
            if (best < 0 || l->expires < lots[active[best]].expires ||
                (l->expires == lots[active[best]].expires &&
                 (l->arrival < lots[active[best]].arrival ||
                  (l->arrival == lots[active[best]].arrival && l->seq < lots[active[best]].seq))))
                best = a;
        }
        struct sim_lot *l = &lots[active[best]];
        double take = fmin(need, l->left);
        l->left -= take;
        need -= take;
        /* A lot drained to rounding noise is empty. */
        if (l->left <= tol(take))
            active[best] = active[--*nactive];
    }
    return need;
}

/* Runs the days 0 .. ndays-1 over lots[0 .. nlots-1] (sorted by arrival).
 * With plan, a shortage that an order can meet becomes a new lot arriving
 * that day, stored after the sorted ones (lots has room for ndays more)
 * and active at once. out may be NULL. */
static int run(const struct scenario *s, const double *use, int ndays, struct sim_lot *lots,
               int nlots, struct sim_plan *plan, struct stock_day *out)
{
    int *active = malloc(((size_t)nlots + (size_t)(plan ? ndays : 0) + 1) * sizeof *active);
    if (!active)
        return -1;
    int nactive = 0, next = 0, nplanned = 0;
    for (int i = 0; i < ndays; i++) {
        int day = s->start + i;
        struct stock_day d = {0, 0, 0, 0, 0};
        /* Waste first: what reaches its expiry is gone before arrivals. */
        for (int a = 0; a < nactive;) {
            struct sim_lot *l = &lots[active[a]];
            if (l->expires <= day) {
                d.expired += l->left;
                l->left = 0;
                active[a] = active[--nactive];
            } else
                a++;
        }
        for (; next < nlots && lots[next].arrival <= day; next++) {
            struct sim_lot *l = &lots[next];
            d.received += l->left;
            if (l->expires <= day) {
                /* Arrives already expired: received and wasted at once. */
                d.expired += l->left;
                l->left = 0;
            } else if (l->left > 0)
                active[nactive++] = next;
        }
        double need = use[i] > 0 ? use[i] : 0;
        double short_by = consume(lots, active, &nactive, need);
        if (short_by > tol(need) && plan) {
            const struct material *mat = plan->mat;
            if (mat->lead_time >= 0 && i >= mat->lead_time) {
                double q = order_size(mat, short_by);
                plan->orders[plan->norders++] = (struct stock_order){day - mat->lead_time, q};
                int n = nlots + nplanned++;
                lots[n] = (struct sim_lot){day, mat->shelf_life > 0 ? day + mat->shelf_life : DATE_FAR,
                                           q, n};
                d.received += q;
                active[nactive++] = n;
                short_by = consume(lots, active, &nactive, short_by);
            } else if (plan->first_short < 0)
                plan->first_short = i;
        }
        if (short_by > tol(need))
            d.shortage = short_by;
        d.consumed = need - d.shortage;
        for (int a = 0; a < nactive; a++)
            d.on_hand += lots[active[a]].left;
        if (out)
            out[i] = d;
    }
    free(active);
    return 0;
}

/* Copies the known lots of material m into a new array with room for
 * extra more; *n gets their count. NULL when out of memory. */
static struct sim_lot *known_lots(const struct scenario *s, int m, int extra, int *n)
{
    struct sim_lot *lots = malloc(((size_t)s->nlots + (size_t)extra + 1) * sizeof *lots);
    *n = 0;
    if (!lots)
        return NULL;
    for (int i = 0; i < s->nlots; i++) {
        const struct lot *l = &s->lots[i];
        if (l->material == m && l->quantity > 0) {
            lots[*n] = (struct sim_lot){l->arrival < s->start ? s->start : l->arrival, l->expires,
                                        l->quantity, *n};
            (*n)++;
            assert(*n < 2 || lots[*n - 2].arrival <= lots[*n - 1].arrival); /* s->lots by arrival */
        }
    }
    return lots;
}

int stock_simulate(const struct scenario *s, int m, const double *use, int ndays,
                   const struct stock_order *orders, int norders, struct stock_day *out)
{
    assert(m >= 0 && m < s->nmaterials && use && ndays >= 0 && (orders || norders == 0));
    const struct material *mat = &s->materials[m];
    int n = 0;
    struct sim_lot *lots = known_lots(s, m, norders, &n);
    if (!lots)
        return -1;
    int nknown = n;
    for (int i = 0; i < norders; i++) {
        if (orders[i].quantity <= 0)
            continue;
        int arrival = orders[i].order_date + (mat->lead_time > 0 ? mat->lead_time : 0);
        if (arrival < s->start)
            arrival = s->start;
        lots[n] = (struct sim_lot){arrival, mat->shelf_life > 0 ? arrival + mat->shelf_life : DATE_FAR,
                                   orders[i].quantity, n};
        n++;
    }
    /* Known lots are sorted by arrival already; seq keeps them before the
     * orders arriving on the same day. */
    if (n > nknown)
        qsort(lots, (size_t)n, sizeof *lots, lot_cmp);
    int rc = run(s, use, ndays, lots, n, NULL, out);
    free(lots);
    return rc;
}

int stock_plan_orders(const struct scenario *s, int m, const double *use, int ndays,
                      struct stock_order **orders, int *norders, int *first_short)
{
    assert(m >= 0 && m < s->nmaterials && use && ndays >= 0 && orders && norders && first_short);
    struct sim_plan plan = {&s->materials[m], NULL, 0, -1};
    int n = 0, rc = -1;
    struct sim_lot *lots = known_lots(s, m, ndays, &n);
    *orders = NULL;
    *norders = 0;
    *first_short = -1;
    plan.orders = malloc(((size_t)ndays + 1) * sizeof *plan.orders);
    if (!lots || !plan.orders)
        goto done;
    if (run(s, use, ndays, lots, n, &plan, NULL) != 0)
        goto done;
    *first_short = plan.first_short;
    *norders = plan.norders;
    if (plan.norders > 0) {
        *orders = plan.orders;
        plan.orders = NULL;
    }
    rc = plan.first_short >= 0 ? 1 : 0;
done:
    free(plan.orders);
    free(lots);
    return rc;
}
