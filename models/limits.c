/* The limits of what the planner represents exactly (see limits.h): the
 * quantity tolerance, the priority grid, the last date a plan can hold. */
#include "models/limits.h"

#include <float.h>
#include <math.h>

#include "models/date.h"

double lim_qty_tol(double x)
{
    /* Beyond 1e9 a double's last place exceeds 1e-6 / 8: sums of a few
     * values then carry rounding of that size, which is not a shortage. */
    return fmax(LIM_QTY_EXACT, 8 * DBL_EPSILON * fabs(x));
}

int lim_priority_ok(double priority)
{
    return priority >= LIM_PRIORITY_MIN && priority <= LIM_PRIORITY_MAX;
}

int lim_last_written_day(const struct scenario *s)
{
    int qc = 0, ship = 0, due = 0;
    for (int p = 0; p < s->nprocesses; p++)
        if (s->processes[p].qc_days > qc)
            qc = s->processes[p].qc_days;
    for (int i = 0; i < s->nsites; i++) {
        if (s->sites[i].ship_days > ship)
            ship = s->sites[i].ship_days;
        if (s->sites[i].due_after > due)
            due = s->sites[i].due_after;
    }
    /* A delivery waits at most a week for a shipping weekday. */
    int tail = qc + ship + 7;
    return s->day_last + (tail > due ? tail : due);
}

int lim_check_dates(const struct scenario *s, diag_list *d, const char *file, int line)
{
    int last = date_from_ymd(9999, 12, 31);
    int over = lim_last_written_day(s) - last;
    if (over <= 0)
        return 0;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    diag_add(d, DIAG_ERROR, file, line,
             "end %s is too late: a plan's dates (batches, QC, shipping) run up to %d days past it, "
             "beyond 9999-12-31, the last date a plan can hold; end by %s at the latest",
             date_format(s->end, a), lim_last_written_day(s) - s->end, date_format(s->end - over, b));
    return -1;
}
