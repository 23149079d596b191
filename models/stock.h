/* Material stock day by day (contract: "materials.csv and deliveries.csv"):
 * each day, in this order, lots reaching their expiry become waste;
 * arrivals (stock on start, deliveries, orders) are received and usable
 * that day; consumption takes from usable lots, earliest expiry first
 * (FEFO); what is left is on hand at the end of the day.
 *
 * Days are indexed from the scenario's start: index i is day start + i,
 * for i in 0 .. ndays - 1 (ndays may exceed the scenario's own ndays).
 * Nothing here prints. */
#ifndef MODELS_STOCK_H
#define MODELS_STOCK_H

#include "models/scenario.h"

/* A new purchase order of one material. */
struct stock_order {
    int order_date;         /* day placed (>= start) */
    double quantity;        /* arrives on order_date + lead_time */
};

/* One day of one material. */
struct stock_day {
    double received;        /* lots arrived this day (stock and early deliveries on day 0) */
    double consumed;        /* used this day (at most what was usable) */
    double expired;         /* lots reaching expiry this day: waste */
    double on_hand;         /* at the end of the day */
    double shortage;        /* demand this day that no usable lot covered */
};

/* Simulates material m over ndays days with use[i] consumed on day
 * start + i and the given new orders (any order). out has ndays entries.
 * Returns 0, or -1 when out of memory. */
int stock_simulate(const struct scenario *s, int m, const double *use, int ndays,
                   const struct stock_order *orders, int norders, struct stock_day *out);

/* Chooses the new orders of material m so that use[] is covered (lot
 * sizing): each shortage is met by an order arriving that very day,
 * rounded up to a whole multiple of order_multiple and to at least
 * min_order, the excess carried forward (FEFO) until its shelf life ends.
 * *orders (caller frees) gets them by order_date; *norders their count.
 * Returns 0; 1 when some shortage cannot be met (material not orderable,
 * or the shortage falls before start + lead_time), with *first_short the
 * first such day index; -1 when out of memory. */
int stock_plan_orders(const struct scenario *s, int m, const double *use, int ndays,
                      struct stock_order **orders, int *norders, int *first_short);

#endif
