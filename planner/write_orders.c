/* orders.csv: the new purchase orders by material and order date, with
 * their arrival (order date + lead time) and cost. */
#include "planner/plan_writers.h"

#include "models/date.h"
#include "planner/number.h"

int write_orders(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    static const char *const head[] = {"material", "order_date", "arrival", "quantity", "cost"};
    const struct scenario *s = v->s;
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ], q[NUM_BUFSZ], c[NUM_BUFSZ];
    struct csv_writer w;
    csvw_to_file(&w, f, d);
    csvw_row(&w, head, 5, 0);
    for (int i = 0; i < v->sol->norders; i++) {
        const struct sol_order *o = &v->sol->orders[v->orders[i].index];
        const struct material *m = &s->materials[o->material];
        int lead = m->lead_time > 0 ? m->lead_time : 0;
        const char *row[5] = {m->id, date_format(o->order_date, d1), date_format(o->order_date + lead, d2),
                              num_quantity(o->quantity, q), num_money(o->quantity * m->unit_cost, c)};
        csvw_row(&w, row, 5, 1ul << 3 | 1ul << 4);
    }
    return 0;
}
