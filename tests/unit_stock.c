/* Unit tests of models/stock.h: the day-by-day stock of one material
 * (expiry at the start of a day, arrivals usable the day they come, first
 * expiry first out, shortages) and just-in-time lot sizing. Each test
 * loads a small scenario from tests/fixtures/stock-lots/ or stock-orders/
 * (horizon from
 * 2027-01-04, so day index i is 2027-01-04 + i) and feeds a hand-made use
 * per day. Only the public surface of stock.h and scenario.h. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "models/diag.h"
#include "models/scenario.h"
#include "models/stock.h"

#define FIX "tests/fixtures/"
#define NDAYS 12

static diag_list *D;
static struct scenario *S;
static double use[NDAYS];
static struct stock_day out[NDAYS];

static void setup(void)
{
    D = diag_new();
    cr_assert_not_null(D);
    S = NULL;
    for (int i = 0; i < NDAYS; i++)
        use[i] = 0;
}

static void teardown(void)
{
    scn_free(S);
    diag_free(D);
}

TestSuite(stock, .init = setup, .fini = teardown);
TestSuite(stock_orders, .init = setup, .fini = teardown);

/* Loads a fixture that must be valid and returns the index of material id. */
static int load(const char *path, const char *id)
{
    enum scn_status st = scn_load(path, D, &S);
    cr_assert_eq(st, SCN_OK, "%s: %s (%s)", path, scn_strerror(st),
                 diag_kept(D) ? diag_get(D, 0)->msg : "no message");
    int m = scn_find_material(S, id);
    cr_assert_geq(m, 0, "material %s is not in %s", id, path);
    return m;
}

static void simulate(int m, const struct stock_order *orders, int norders)
{
    cr_assert_eq(stock_simulate(S, m, use, NDAYS, orders, norders, out), 0);
}

#define NEAR(a, b) (fabs((a) - (b)) <= 1e-9)

static void day_is(int i, double received, double consumed, double expired, double on_hand,
                   double shortage)
{
    const struct stock_day *d = &out[i];
    cr_expect(NEAR(d->received, received), "day %d: received %.17g, expected %g", i, d->received, received);
    cr_expect(NEAR(d->consumed, consumed), "day %d: consumed %.17g, expected %g", i, d->consumed, consumed);
    cr_expect(NEAR(d->expired, expired), "day %d: expired %.17g, expected %g", i, d->expired, expired);
    cr_expect(NEAR(d->on_hand, on_hand), "day %d: on_hand %.17g, expected %g", i, d->on_hand, on_hand);
    cr_expect(NEAR(d->shortage, shortage), "day %d: shortage %.17g, expected %g", i, d->shortage, shortage);
}

/* ---- known lots ----------------------------------------------------------- */

/* EXP: 5 in stock unusable from day 2, a delivery of 3 on day 1. On day 2
 * the stock is waste before anything is consumed: only the delivery's 3
 * serve a need of 4. */
Test(stock, expiry_at_start_of_day)
{
    int m = load(FIX "stock-lots/scenario.ini", "EXP");
    use[2] = 4;
    simulate(m, NULL, 0);
    day_is(0, 5, 0, 0, 5, 0);
    day_is(1, 3, 0, 0, 8, 0);
    day_is(2, 0, 3, 5, 0, 1);
    day_is(3, 0, 0, 0, 0, 0);
}

/* The day before its expiry the stock is still usable, and FEFO takes it
 * before the delivery that never expires: only 1 is left to expire. */
Test(stock, last_usable_day)
{
    int m = load(FIX "stock-lots/scenario.ini", "EXP");
    use[1] = 4;
    simulate(m, NULL, 0);
    day_is(1, 3, 4, 0, 4, 0);
    day_is(2, 0, 0, 1, 3, 0);
}

/* FEFO: a delivery dated before start (on hand on day 0, unusable from
 * day 6) and stock that never expires. The delivery goes first. */
Test(stock, earliest_expiry_first)
{
    int m = load(FIX "stock-lots/scenario.ini", "FEFO");
    use[1] = 2;
    simulate(m, NULL, 0);
    day_is(0, 4, 0, 0, 4, 0);
    day_is(1, 0, 2, 0, 2, 0);
    day_is(6, 0, 0, 0, 2, 0);
}

/* Half of the delivery is left: it expires on day 6, the stock stays. */
Test(stock, earliest_expiry_first_partial)
{
    int m = load(FIX "stock-lots/scenario.ini", "FEFO");
    use[1] = 1;
    simulate(m, NULL, 0);
    day_is(5, 0, 0, 0, 3, 0);
    day_is(6, 0, 0, 1, 2, 0);
}

/* A delivery arriving on day 3 serves day 3's use. */
Test(stock, arrival_usable_same_day)
{
    int m = load(FIX "stock-lots/scenario.ini", "SAME");
    use[3] = 1;
    simulate(m, NULL, 0);
    day_is(0, 0, 0, 0, 0, 0);
    day_is(3, 1, 1, 0, 0, 0);
}

/* The day before the delivery nothing is there. */
Test(stock, arrival_not_before_its_day)
{
    int m = load(FIX "stock-lots/scenario.ini", "SAME");
    use[2] = 1;
    simulate(m, NULL, 0);
    day_is(2, 0, 0, 0, 0, 1);
    day_is(3, 1, 0, 0, 1, 0);
}

/* A shortage consumes what there is; what was short is not carried. */
Test(stock, shortage)
{
    int m = load(FIX "stock-lots/scenario.ini", "SHORT");
    use[0] = 3;
    use[1] = 1;
    simulate(m, NULL, 0);
    day_is(0, 2, 2, 0, 0, 1);
    day_is(1, 0, 0, 0, 0, 1);
}

/* Capacity exactly full: no shortage. */
Test(stock, exactly_enough)
{
    int m = load(FIX "stock-lots/scenario.ini", "SHORT");
    use[0] = 1.5;
    use[4] = 0.5;
    simulate(m, NULL, 0);
    day_is(4, 0, 0.5, 0, 0, 0);
}

/* Orders given in any order arrive at order_date + lead_time. */
Test(stock, orders_any_order)
{
    int m = load(FIX "stock-orders/scenario.ini", "ROUND");   /* lead_time 2 */
    struct stock_order o[2] = {{S->start + 3, 2.5}, {S->start + 1, 2}};
    use[3] = 1;
    use[5] = 3;
    simulate(m, o, 2);
    day_is(2, 0, 0, 0, 0, 0);
    day_is(3, 2, 1, 0, 1, 0);
    day_is(5, 2.5, 3, 0, 0.5, 0);
}

/* ---- lot sizing -------------------------------------------------------------- */

static struct stock_order *plan(int m, int expect_rc, int *n, int *first_short)
{
    struct stock_order *o = NULL;
    int rc = stock_plan_orders(S, m, use, NDAYS, &o, n, first_short);
    cr_assert_eq(rc, expect_rc, "stock_plan_orders returned %d", rc);
    return o;
}

/* ROUND: lead_time 2, multiple 0.5, min_order 2. A shortage of 0.3 on
 * day 3 is one order of the minimum, placed on day 1; the 1.7 left meets
 * 3.9 on day 5 short by 2.2, which is 2.5 in multiples of 0.5. */
Test(stock_orders, multiple_and_minimum)
{
    int m = load(FIX "stock-orders/scenario.ini", "ROUND");
    int n, first;
    use[3] = 0.3;
    use[5] = 3.9;
    struct stock_order *o = plan(m, 0, &n, &first);
    cr_assert_eq(n, 2);
    cr_expect_eq(first, -1);
    cr_expect_eq(o[0].order_date, S->start + 1);
    cr_expect_eq(o[0].quantity, 2);
    cr_expect_eq(o[1].order_date, S->start + 3);
    cr_expect_eq(o[1].quantity, 2.5);
    simulate(m, o, n);
    day_is(5, 2.5, 3.9, 0, 0.3, 0);
    free(o);
}

/* TENTH: 0.3 in stock, used 0.1 at a time: 0.3 - 0.1 - 0.1 is not 0.1 in
 * binary, but it is enough. No order. */
Test(stock_orders, three_tenths_no_spurious_order)
{
    int m = load(FIX "stock-orders/scenario.ini", "TENTH");
    int n, first;
    use[1] = use[2] = use[3] = 0.1;
    struct stock_order *o = plan(m, 0, &n, &first);
    cr_expect_eq(n, 0);
    cr_expect_null(o);
    simulate(m, NULL, 0);
    day_is(3, 0, 0.1, 0, 0, 0);
    free(o);
}

/* A need of 0.1 + 0.2 (0.30000000000000004) is 3 multiples of 0.1, and
 * the order says 0.3 exactly; seven 0.1 summed say 0.7 exactly. */
Test(stock_orders, decimal_multiples_exact)
{
    int m = load(FIX "stock-orders/scenario.ini", "TENTH");
    int n, first;
    use[0] = 0.3;
    use[2] = 0.1 + 0.2;
    for (int i = 0; i < 7; i++)
        use[4] += 0.1;
    struct stock_order *o = plan(m, 0, &n, &first);
    cr_assert_eq(n, 2);
    cr_expect_eq(o[0].order_date, S->start + 2);
    cr_expect_eq(o[0].quantity, 0.3, "%.17g", o[0].quantity);
    cr_expect_eq(o[1].order_date, S->start + 4);
    cr_expect_eq(o[1].quantity, 0.7, "%.17g", o[1].quantity);
    simulate(m, o, n);
    for (int i = 0; i < NDAYS; i++)
        cr_expect_eq(out[i].shortage, 0, "day %d", i);
    free(o);
}

/* SHELF: lead_time 1, min_order 5, shelf_life 3. The lot ordered for day
 * 2 is usable on days 2 .. 4; on day 5 its 2 left are waste and a new
 * order covers the day. */
Test(stock_orders, shelf_life_of_ordered_lots)
{
    int m = load(FIX "stock-orders/scenario.ini", "SHELF");
    int n, first;
    use[2] = use[3] = use[4] = use[5] = 1;
    struct stock_order *o = plan(m, 0, &n, &first);
    cr_assert_eq(n, 2);
    cr_expect_eq(o[0].order_date, S->start + 1);
    cr_expect_eq(o[0].quantity, 5);
    cr_expect_eq(o[1].order_date, S->start + 4);
    cr_expect_eq(o[1].quantity, 5);
    simulate(m, o, n);
    day_is(2, 5, 1, 0, 4, 0);
    day_is(4, 0, 1, 0, 2, 0);
    day_is(5, 5, 1, 2, 4, 0);
    day_is(8, 0, 0, 4, 0, 0);
    free(o);
}

/* FIXED cannot be ordered: the shortage stays, with its day. */
Test(stock_orders, not_orderable)
{
    int m = load(FIX "stock-orders/scenario.ini", "FIXED");
    int n, first;
    use[3] = 2;
    use[6] = 1;
    struct stock_order *o = plan(m, 1, &n, &first);
    cr_expect_eq(n, 0);
    cr_expect_eq(first, 3);
    free(o);
}

/* LEAD: lead_time 5. A shortage on day 2 comes before any order could
 * arrive; the one on day 7 is met by an order placed on day 2. */
Test(stock_orders, shortage_before_lead_time)
{
    int m = load(FIX "stock-orders/scenario.ini", "LEAD");
    int n, first;
    use[2] = 2;
    use[7] = 3;
    struct stock_order *o = plan(m, 1, &n, &first);
    cr_expect_eq(first, 2);
    cr_assert_eq(n, 1);
    cr_expect_eq(o[0].order_date, S->start + 2);
    cr_expect_eq(o[0].quantity, 3);
    free(o);
}

/* Lead time exactly long enough: a shortage on day 5 is an order placed on
 * start. */
Test(stock_orders, lead_time_exactly_enough)
{
    int m = load(FIX "stock-orders/scenario.ini", "LEAD");
    int n, first;
    use[0] = 1;
    use[5] = 1;
    struct stock_order *o = plan(m, 0, &n, &first);
    cr_expect_eq(first, -1);
    cr_assert_eq(n, 1);
    cr_expect_eq(o[0].order_date, S->start);
    cr_expect_eq(o[0].quantity, 1);
    free(o);
}
