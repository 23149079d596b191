/* room_grid.csv: a row per plan day, a column per room; a cell names the
 * batches in the room that day, "changeover:ID" while the room is cleaned
 * after one, "closed" when the room is closed and empty. */
#include "planner/plan_writers.h"

#include "models/date.h"
#include "planner/strbuf.h"

#define CELL_MAX (16u << 20)     /* bytes in one cell: a hard cap */

int write_room_grid(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    const struct scenario *s = v->s;
    struct strbuf cell;
    struct csv_writer w;
    char day_text[DATE_BUFSZ];
    int rc = -1;
    int span = 1;   /* longest stay of any batch in a room */
    sb_init(&cell, CELL_MAX);
    csvw_to_file(&w, f, d);
    for (int i = 0; i < v->nbatches; i++) {
        const struct pv_batch *b = &v->batches[i];
        if (b->t.last_room_day - b->t.start + 1 > span)
            span = b->t.last_room_day - b->t.start + 1;
    }
    csvw_field(&w, "date");
    for (int r = 0; r < s->nrooms; r++)
        csvw_field(&w, s->rooms[r].id);
    csvw_end_row(&w);
    int lo = 0;     /* the first batch that may still be in a room */
    for (int i = 0; i < v->ndays; i++) {
        int day = s->start + i;
        while (lo < v->nbatches && v->batches[lo].t.start < day - span + 1)
            lo++;
        csvw_field(&w, date_format(day, day_text));
        for (int r = 0; r < s->nrooms; r++) {
            sb_reset(&cell);
            for (int phase = 0; phase < 2; phase++)
                for (int j = lo; j < v->nbatches && v->batches[j].t.start <= day; j++) {
                    const struct pv_batch *b = &v->batches[j];
                    if (b->room != r)
                        continue;
                    if (phase == 0 && day <= b->t.end) {
                        if (cell.len)
                            sb_putc(&cell, ' ');
                        sb_puts(&cell, b->id);
                    } else if (phase == 1 && day > b->t.end && day <= b->t.last_room_day) {
                        /* "changeover:" and the id make one word. */
                        if (cell.len)
                            sb_putc(&cell, ' ');
                        sb_puts(&cell, "changeover:");
                        sb_puts(&cell, b->id);
                    }
                }
            if (sb_failed(&cell))
                goto done;
            const char *text = sb_str(&cell);
            if (!cell.len && !scn_room_open(s, r, day))
                text = "closed";
            csvw_field(&w, text);
        }
        csvw_end_row(&w);
    }
    rc = 0;
done:
    sb_free(&cell);
    return rc;
}
