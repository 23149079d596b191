/* inventory.csv: each material's stock day by day over the plan days:
 * received, consumed, expired and on hand at the end of the day. */
#include "planner/plan_writers.h"

#include "models/date.h"
#include "planner/number.h"

int write_inventory(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    static const char *const head[] = {"date", "material", "received", "consumed", "expired",
                                       "on_hand"};
    const struct scenario *s = v->s;
    char day_text[DATE_BUFSZ], n[4][NUM_BUFSZ];
    struct csv_writer w;
    csvw_to_file(&w, f, d);
    csvw_row(&w, head, 6, 0);
    for (int i = 0; i < v->ndays; i++)
        for (int m = 0; m < s->nmaterials; m++) {
            const struct stock_day *sd = &v->stock[(size_t)m * (size_t)v->ndays + (size_t)i];
            const char *row[6] = {date_format(s->start + i, day_text), s->materials[m].id,
                                  num_quantity(sd->received, n[0]), num_quantity(sd->consumed, n[1]),
                                  num_quantity(sd->expired, n[2]), num_quantity(sd->on_hand, n[3])};
            csvw_row(&w, row, 6, 0xful << 2);
        }
    return 0;
}
