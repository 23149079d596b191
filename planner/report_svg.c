/* The SVG pictures of report.html (planner/report_svg.h): room Gantt
 * charts wrapped into rows, the overview, weekly heat maps and stock
 * curves. Whole-pixel coordinates only, so that nothing here depends on
 * the locale; the overview and the stock curves draw in day units inside
 * a nested <svg> whose viewBox stretches them to the page. */
#include "planner/report_svg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "planner/number.h"

#define ROW_DAYS_MAX 98     /* days in one row of a room's chart at most */
#define PLOT_PX 1000        /* width of a timeline, px */
#define LEFT_PX 84          /* the label column left of a timeline, px */
#define BAND_PX 16          /* month labels above a row, px */
#define LANE_PX 18          /* one batch lane, px */
#define ROW_GAP_PX 12       /* between two rows, px */
#define PAGE_PX 560         /* chart height per printed page, px (A4 landscape at width 1100) */
#define OVERVIEW_LANE_PX 12 /* one lane in the overview, px */
#define CELL_PX_MIN 3       /* a week in a heat map, px */
#define CELL_PX_MAX 24
#define STOCK_PX 60         /* height of a stock curve, px */

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void rsvg_escape(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

void rsvg_patient_colour(int patient, char *buf, size_t size)
{
    /* The golden angle spreads neighbouring patients' hues apart; two
     * lightness levels double the distinct colours. */
    int hue = (int)(((long)patient * 137508L / 1000) % 360);
    snprintf(buf, size, "hsl(%d,62%%,%d%%)", hue, patient % 2 ? 70 : 60);
}

/* "2027-01-04 .. 2027-01-10" or one date when from == to. */
static void put_range(FILE *f, int from, int to)
{
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    if (from == to)
        fprintf(f, "%s", date_format(from, a));
    else
        fprintf(f, "%s .. %s", date_format(from, a), date_format(to, b));
}

static void svg_open(FILE *f, const char *cls, int w, int h, const char *label, const char *label2)
{
    fprintf(f,
            "<svg class=\"%s\" viewBox=\"0 0 %d %d\" "
            "role=\"img\" aria-label=\"",
            cls, w, h);
    rsvg_escape(f, label);
    rsvg_escape(f, label2);
    fputs("\">\n", f);
}

/* Month ticks and labels over plan days d0 .. d1 at x = x0 + (i - d0) * dw;
 * every month when there is room, else the quarters only. */
static void month_ticks(FILE *f, const struct plan_view *v, int d0, int d1, int x0, int dw, int y_text,
                        int y_top, int y_bottom)
{
    int every = dw * 30 >= 40 ? 1 : 3;
    for (int i = d0; i <= d1; i++) {
        int y, m, d;
        date_to_ymd(v->s->start + i, &y, &m, &d);
        if (d != 1 && i != d0)
            continue;
        int x = x0 + (i - d0) * dw;
        if (d == 1)
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"tick\"/>\n", x, y_top, x,
                    y_bottom);
        /* A label needs room: not for the tail of a month at a row's start. */
        int left = date_days_in_month(y, m) - d + 1;
        if ((m - 1) % every != 0 && d == 1)
            continue;
        if (left * dw < 44 || (every > 1 && d != 1))
            continue;
        fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"month\">%s %d</text>\n", x + 2, y_text,
                month_names[m - 1], y);
    }
}

/* Lanes of room r: lane[j] for each batch j in the room (-1 for the
 * others); returns the number of lanes (at least the room's capacity). */
static int room_lanes(const struct plan_view *v, int r, int *lane)
{
    int cap = v->s->rooms[r].capacity > 0 ? v->s->rooms[r].capacity : 1;
    int nl = cap, maxl = cap;
    int *free_from = calloc((size_t)v->nbatches + (size_t)cap + 1, sizeof *free_from);
    if (!free_from)
        return -1;
    for (int l = 0; l < maxl; l++)
        free_from[l] = DATE_NONE;
    for (int j = 0; j < v->nbatches; j++) {
        lane[j] = -1;
        if (v->batches[j].room != r)
            continue;
        /* batches are by start: the first lane free on the start day. */
        int l = 0;
        while (l < nl && free_from[l] != DATE_NONE && free_from[l] > v->batches[j].t.start)
            l++;
        if (l == nl)
            free_from[nl++] = DATE_NONE; /* over capacity (a fixed batch): one more lane */
        lane[j] = l;
        free_from[l] = v->batches[j].t.last_room_day + 1;
    }
    free(free_from);
    return nl;
}

/* The <title> of batch j: patient, process, dates, delay. */
static void batch_title(FILE *f, const struct plan_view *v, int j)
{
    const struct pv_batch *b = &v->batches[j];
    const struct scenario *s = v->s;
    char d[DATE_BUFSZ];
    fputs("<title>", f);
    rsvg_escape(f, b->id);
    fputs(" (process ", f);
    rsvg_escape(f, s->processes[b->process].id);
    fputs("): manufacturing ", f);
    put_range(f, b->t.start, b->t.end);
    if (b->t.last_room_day > b->t.end) {
        fputs(", changeover ", f);
        put_range(f, b->t.end + 1, b->t.last_room_day);
    }
    fprintf(f, ", release %s", date_format(b->t.release, d));
    fprintf(f, ", delivery %s", date_format(b->t.delivery, d));
    fprintf(f, ", due %s", date_format(s->patients[b->patient].due, d));
    if (b->t.delay > 0)
        fprintf(f, ", %d day%s late", b->t.delay, b->t.delay == 1 ? "" : "s");
    else
        fputs(", on time", f);
    fputs("</title>", f);
}

/* One row of room r's chart: plan days d0 .. d1 at height y0. */
static void gantt_row(FILE *f, const struct plan_view *v, int r, const int *lane, int nl, int d0, int d1,
                      int dw, int y0)
{
    const struct scenario *s = v->s;
    int top = y0 + BAND_PX, h = nl * LANE_PX;
    char d[DATE_BUFSZ], colour[32];
    fprintf(f, "<text x=\"2\" y=\"%d\" class=\"rowlabel\">%s</text>\n", top + 12,
            date_format(s->start + d0, d));
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"lanes\"/>\n", LEFT_PX, top,
            (d1 - d0 + 1) * dw, h);
    /* Weekends, then closed days, under the batches. */
    for (int i = d0; i <= d1; i++) {
        int wd = date_weekday(s->start + i);
        if (wd < 5)
            continue;
        int n = wd == 5 && i < d1 ? 2 : 1;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"weekend\"/>\n",
                LEFT_PX + (i - d0) * dw, top, n * dw, h);
        i += n - 1;
    }
    for (int i = d0; i <= d1; i++) {
        if (scn_room_open(s, r, s->start + i))
            continue;
        int j = i;
        while (j < d1 && !scn_room_open(s, r, s->start + j + 1))
            j++;
        fputs("<g><title>closed ", f);
        put_range(f, s->start + i, s->start + j);
        fprintf(f, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"closed\"/></g>\n",
                LEFT_PX + (i - d0) * dw, top, (j - i + 1) * dw, h);
        i = j;
    }
    month_ticks(f, v, d0, d1, LEFT_PX, dw, y0 + 12, y0 + 2, top + h);
    for (int j = 0; j < v->nbatches; j++) {
        const struct pv_batch *b = &v->batches[j];
        if (lane[j] < 0)
            continue;
        int a = b->t.start - s->start, e = b->t.end - s->start, c = b->t.last_room_day - s->start;
        if (c < d0 || a > d1)
            continue;
        int y = top + lane[j] * LANE_PX + 2;
        int late = b->t.delay > 0;
        rsvg_patient_colour(b->patient, colour, sizeof colour);
        fputs("<g class=\"batch\">", f);
        batch_title(f, v, j);
        if (e >= d0 && a <= d1) {
            int x0 = a > d0 ? a : d0, x1 = e < d1 ? e : d1;
            int w = (x1 - x0 + 1) * dw;
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"%s/>",
                    LEFT_PX + (x0 - d0) * dw, y, w, LANE_PX - 4, colour, late ? " class=\"late\"" : "");
            if ((int)strlen(b->id) * 6 + 6 <= w) {
                fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"label\">", LEFT_PX + (x0 - d0) * dw + 3, y + 11);
                rsvg_escape(f, b->id);
                fputs("</text>", f);
            }
        }
        if (c > e && c >= d0 && e + 1 <= d1) {
            int x0 = e + 1 > d0 ? e + 1 : d0, x1 = c < d1 ? c : d1;
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"changeover\"/>",
                    LEFT_PX + (x0 - d0) * dw, y, (x1 - x0 + 1) * dw, LANE_PX - 4);
        }
        fputs("</g>\n", f);
    }
    /* Due dates last, on top. */
    for (int j = 0; j < v->nbatches; j++) {
        const struct pv_batch *b = &v->batches[j];
        if (lane[j] < 0)
            continue;
        int due = s->patients[b->patient].due - s->start;
        if (due < d0 || due > d1)
            continue;
        int x = LEFT_PX + (due - d0) * dw + dw / 2, y = top + lane[j] * LANE_PX;
        rsvg_patient_colour(b->patient, colour, sizeof colour);
        fputs("<g class=\"due\"><title>", f);
        rsvg_escape(f, b->id);
        fprintf(f, " due %s%s</title>", date_format(s->start + due, d), b->t.delay > 0 ? " (late)" : "");
        fprintf(f, "<polygon points=\"%d,%d %d,%d %d,%d\" fill=\"%s\"%s/></g>\n", x - 4, y, x + 4, y, x,
                y + 7, colour, b->t.delay > 0 ? " class=\"late\"" : "");
    }
}

int rsvg_gantt_room(FILE *f, const struct plan_view *v, int r)
{
    int nd = v->ndays > 0 ? v->ndays : 1;
    int rows = (nd + ROW_DAYS_MAX - 1) / ROW_DAYS_MAX;
    int len = (nd + rows - 1) / rows;
    int dw = PLOT_PX / len;
    int *lane = malloc(((size_t)v->nbatches + 1) * sizeof *lane);
    if (!lane)
        return -1;
    int nl = room_lanes(v, r, lane);
    if (nl < 0) {
        free(lane);
        return -1;
    }
    int rowh = BAND_PX + nl * LANE_PX + ROW_GAP_PX;
    int per = PAGE_PX / rowh > 0 ? PAGE_PX / rowh : 1;
    int width = LEFT_PX + len * dw + 8;
    for (int k0 = 0; k0 < rows; k0 += per) {
        int k1 = k0 + per < rows ? k0 + per : rows;
        svg_open(f, "gantt", width, (k1 - k0) * rowh, "Gantt chart of room ", v->s->rooms[r].id);
        for (int k = k0; k < k1; k++) {
            int d0 = k * len, d1 = d0 + len - 1 < nd - 1 ? d0 + len - 1 : nd - 1;
            gantt_row(f, v, r, lane, nl, d0, d1, dw, (k - k0) * rowh);
        }
        fputs("</svg>\n", f);
    }
    free(lane);
    return 0;
}

/* The top band of a whole-plan timeline: months (or quarters) over
 * PLOT_PX pixels. */
static void plan_months(FILE *f, const struct plan_view *v, int y_text, int y_top, int y_bottom)
{
    int nd = v->ndays > 0 ? v->ndays : 1;
    int every = nd > 500 ? 3 : 1;
    for (int i = 0; i < nd; i++) {
        int y, m, d;
        date_to_ymd(v->s->start + i, &y, &m, &d);
        /* The first day labels its month when most of it is left. */
        if (d != 1 && !(i == 0 && date_days_in_month(y, m) - d >= 20))
            continue;
        int x = LEFT_PX + (int)((long)i * PLOT_PX / nd);
        if (d == 1)
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"tick\"/>\n", x, y_top, x,
                    y_bottom);
        if ((m - 1) % every == 0 && (long)(nd - i) * PLOT_PX / nd >= 40) {
            if (m == 1 || every > 1 || i == 0)
                fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"month\">%s %d</text>\n", x + 2, y_text,
                        month_names[m - 1], y);
            else
                fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"month\">%s</text>\n", x + 2, y_text,
                        month_names[m - 1]);
        }
    }
}

/* A nested <svg> in day units (x: plan days, y: units 0 .. h) stretched
 * to PLOT_PX x h_px at (LEFT_PX, y). */
static void day_space(FILE *f, const struct plan_view *v, int y, int h_px, int h)
{
    fprintf(f,
            "<svg x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "preserveAspectRatio=\"none\">\n",
            LEFT_PX, y, PLOT_PX, h_px, v->ndays > 0 ? v->ndays : 1, h);
}

int rsvg_overview(FILE *f, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    int *lane = malloc(((size_t)v->nbatches + 1) * sizeof *lane);
    int *lanes = calloc((size_t)s->nrooms + 1, sizeof *lanes);
    int *all = malloc(((size_t)v->nbatches * (size_t)(s->nrooms > 0 ? s->nrooms : 1) + 1) * sizeof *all);
    int rc = -1, height = BAND_PX, nd = v->ndays > 0 ? v->ndays : 1;
    char colour[32];
    if (!lane || !lanes || !all)
        goto done;
    /* Each room's lanes once, kept for drawing. */
    for (int r = 0; r < s->nrooms; r++) {
        lanes[r] = room_lanes(v, r, all + (size_t)r * (size_t)v->nbatches);
        if (lanes[r] < 0)
            goto done;
        height += lanes[r] * OVERVIEW_LANE_PX + 4;
    }
    svg_open(f, "overview", LEFT_PX + PLOT_PX + 8, height + 4, "Every room over the whole plan", "");
    plan_months(f, v, 12, 2, height);
    int y = BAND_PX;
    for (int r = 0; r < s->nrooms; r++) {
        int h = lanes[r] * OVERVIEW_LANE_PX;
        memcpy(lane, all + (size_t)r * (size_t)v->nbatches, (size_t)v->nbatches * sizeof *lane);
        fprintf(f, "<text x=\"2\" y=\"%d\" class=\"rowlabel\">", y + h / 2 + 4);
        rsvg_escape(f, s->rooms[r].id);
        fputs("</text>\n", f);
        day_space(f, v, y, h, h);
        fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" class=\"lanes\"/>\n", nd, h);
        for (int i = 0; i < nd; i++) {
            if (scn_room_open(s, r, s->start + i))
                continue;
            int j = i;
            while (j + 1 < nd && !scn_room_open(s, r, s->start + j + 1))
                j++;
            fprintf(f, "<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" class=\"closed\"/>\n", i,
                    j - i + 1, h);
            i = j;
        }
        for (int j = 0; j < v->nbatches; j++) {
            const struct pv_batch *b = &v->batches[j];
            if (lane[j] < 0)
                continue;
            int a = b->t.start - s->start, e = b->t.end - s->start, c = b->t.last_room_day - s->start;
            if (a < 0)
                a = 0;
            if (e < a)
                continue;
            rsvg_patient_colour(b->patient, colour, sizeof colour);
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"%s/>", a,
                    lane[j] * OVERVIEW_LANE_PX + 1, e - a + 1, OVERVIEW_LANE_PX - 2, colour,
                    b->t.delay > 0 ? " class=\"late\"" : "");
            if (c > e)
                fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"changeover\"/>", e + 1,
                        lane[j] * OVERVIEW_LANE_PX + 1, c - e, OVERVIEW_LANE_PX - 2);
            fputc('\n', f);
        }
        fputs("</svg>\n", f);
        y += h + 4;
    }
    fputs("</svg>\n", f);
    rc = 0;
done:
    free(lane);
    free(lanes);
    free(all);
    return rc;
}

/* The weeks of the plan: Mondays from the one on or before its first day. */
struct weeks {
    int first;      /* plan-day index of the first Monday (may be negative) */
    int n;
    int cw;         /* px per week */
};

static struct weeks plan_weeks(const struct plan_view *v)
{
    struct weeks w;
    int nd = v->ndays > 0 ? v->ndays : 1;
    w.first = -date_weekday(v->s->start);
    w.n = (nd - w.first + 6) / 7;
    w.cw = PLOT_PX / w.n;
    if (w.cw < CELL_PX_MIN)
        w.cw = CELL_PX_MIN;
    if (w.cw > CELL_PX_MAX)
        w.cw = CELL_PX_MAX;
    return w;
}

/* The heat-map class of a utilisation (fraction); "closed" when nothing
 * was available. */
static const char *heat_class(double used, double avail)
{
    if (avail <= 0)
        return used > 0 ? "h5" : "hx";
    double u = used / avail;
    return u <= 0 ? "h0" : u < 0.25 ? "h1" : u < 0.5 ? "h2" : u < 0.75 ? "h3" : u <= 1 + 1e-9 ? "h4" : "h5";
}

/* One heat map: rows of (used, avail) per week; names escaped. */
static void heat_map(FILE *f, const struct plan_view *v, const char *what, const char *const *names,
                     int nrows, const double *used, const double *avail, const char *unit)
{
    struct weeks w = plan_weeks(v);
    char d[DATE_BUFSZ], p[NUM_BUFSZ], a[NUM_BUFSZ], b[NUM_BUFSZ];
    int rowh = 14, width = LEFT_PX + w.n * w.cw + 8;
    svg_open(f, "heat", width, BAND_PX + nrows * rowh + 4, "Utilisation per week: ", what);
    for (int k = 0; k < w.n; k++) {
        int i = w.first + 7 * k, y, m, dd;
        date_to_ymd(v->s->start + i, &y, &m, &dd);
        /* A label at the first week of each quarter. */
        if ((m - 1) % 3 == 0 && dd <= 7 && (w.n - k) * w.cw >= 44)
            fprintf(f, "<text x=\"%d\" y=\"12\" class=\"month\">%s %d</text>\n", LEFT_PX + k * w.cw,
                    month_names[m - 1], y);
    }
    for (int r = 0; r < nrows; r++) {
        int y = BAND_PX + r * rowh;
        fprintf(f, "<text x=\"2\" y=\"%d\" class=\"rowlabel\">", y + 11);
        rsvg_escape(f, names[r]);
        fputs("</text>\n", f);
        for (int k = 0; k < w.n; k++) {
            double u = used[(size_t)r * (size_t)w.n + (size_t)k], av = avail[(size_t)r * (size_t)w.n + (size_t)k];
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"><title>", LEFT_PX + k * w.cw,
                    y, w.cw, rowh - 1, heat_class(u, av));
            rsvg_escape(f, names[r]);
            fprintf(f, ", week of %s: ", date_format(v->s->start + w.first + 7 * k, d));
            if (av > 0)
                fprintf(f, "%s %% (%s of %s %s)", num_figure(round(1000 * u / av) / 10, p), num_figure(u, a),
                        num_figure(av, b), unit);
            else
                fprintf(f, "nothing available (%s %s used)", num_figure(u, a), unit);
            fputs("</title></rect>\n", f);
        }
    }
    fputs("</svg>\n", f);
}

int rsvg_weekly_rooms(FILE *f, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    struct weeks w = plan_weeks(v);
    size_t n = (size_t)(s->nrooms > 0 ? s->nrooms : 1) * (size_t)w.n;
    double *used = calloc(n, sizeof *used), *avail = calloc(n, sizeof *avail);
    const char **names = calloc((size_t)s->nrooms + 1, sizeof *names);
    if (!used || !avail || !names) {
        free(used);
        free(avail);
        free(names);
        return -1;
    }
    for (int r = 0; r < s->nrooms; r++) {
        names[r] = s->rooms[r].id;
        for (int i = 0; i < v->ndays; i++)
            if (scn_room_open(s, r, s->start + i))
                avail[(size_t)r * (size_t)w.n + (size_t)((i - w.first) / 7)] += s->rooms[r].capacity;
    }
    for (int j = 0; j < v->nbatches; j++) {
        const struct pv_batch *b = &v->batches[j];
        if (b->room < 0)
            continue;
        for (int day = b->t.start; day <= b->t.last_room_day; day++) {
            int i = day - s->start;
            if (i >= 0 && i < v->ndays)
                used[(size_t)b->room * (size_t)w.n + (size_t)((i - w.first) / 7)] += 1;
        }
    }
    heat_map(f, v, "rooms", names, s->nrooms, used, avail, "place-days");
    free(used);
    free(avail);
    free(names);
    return 0;
}

int rsvg_weekly_skills(FILE *f, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    struct weeks w = plan_weeks(v);
    size_t n = (size_t)(s->nskills > 0 ? s->nskills : 1) * (size_t)w.n;
    double *used = calloc(n, sizeof *used), *avail = calloc(n, sizeof *avail);
    if (!used || !avail) {
        free(used);
        free(avail);
        return -1;
    }
    for (int p = 0; p < s->npersons; p++) {
        for (int i = 0; i < v->ndays; i++) {
            double h = i < s->ndays ? s->person_hours[(size_t)p * (size_t)s->ndays + (size_t)i]
                                    : scn_person_hours(s, p, s->start + i);
            if (h <= 0)
                continue;
            for (int k = 0; k < s->persons[p].nskills; k++)
                avail[(size_t)s->persons[p].skills[k] * (size_t)w.n + (size_t)((i - w.first) / 7)] += h;
        }
    }
    for (int j = 0; j < v->nbatches; j++) {
        const struct pv_batch *b = &v->batches[j];
        const struct process *pr = &s->processes[b->process];
        for (int k = 0; k < pr->nsteps; k++) {
            int i = b->t.start + pr->steps[k].day - s->start;
            if (i >= 0 && i < v->ndays)
                used[(size_t)pr->steps[k].skill * (size_t)w.n + (size_t)((i - w.first) / 7)] +=
                    pr->steps[k].people * pr->steps[k].hours;
        }
    }
    heat_map(f, v, "skills", s->skills, s->nskills, used, avail, "hours");
    free(used);
    free(avail);
    return 0;
}

int rsvg_binding_materials(const struct plan_view *v, int *out, int max)
{
    const struct scenario *s = v->s;
    size_t nd = (size_t)v->ndays;
    int n = 0;
    long score_of[RSVG_MAX_MATERIALS];
    if (max > RSVG_MAX_MATERIALS)
        max = RSVG_MAX_MATERIALS;
    for (int m = 0; m < s->nmaterials; m++) {
        const double *use = v->use + (size_t)m * nd;
        const struct stock_day *st = v->stock + (size_t)m * nd;
        double peak = 0;
        long shortage = 0, tight = 0;
        for (size_t i = 0; i < nd; i++)
            if (use[i] > peak)
                peak = use[i];
        for (size_t i = 0; i < nd; i++) {
            if (st[i].shortage > 1e-9)
                shortage++;
            else if (use[i] > 0 && st[i].on_hand < peak - 1e-9)
                tight++;
        }
        if (shortage + tight == 0)
            continue;
        long score = shortage * 100000L + tight;
        /* Insert by score, file order on a tie (m grows). */
        int at = n;
        while (at > 0 && score_of[at - 1] < score)
            at--;
        if (at >= max)
            continue;
        int last = n < max ? n : max - 1;
        for (int k = last; k > at; k--) {
            out[k] = out[k - 1];
            score_of[k] = score_of[k - 1];
        }
        out[at] = m;
        score_of[at] = score;
        if (n < max)
            n++;
    }
    return n;
}

int rsvg_stock(FILE *f, const struct plan_view *v, int m)
{
    const struct scenario *s = v->s;
    const struct material *mt = &s->materials[m];
    size_t nd = (size_t)v->ndays;
    const struct stock_day *st = v->stock + (size_t)m * nd;
    double top = 0;
    char a[NUM_BUFSZ];
    for (size_t i = 0; i < nd; i++)
        if (st[i].on_hand > top)
            top = st[i].on_hand;
    svg_open(f, "stock", LEFT_PX + PLOT_PX + 8, BAND_PX + STOCK_PX + 4, "Stock of ", mt->id);
    plan_months(f, v, 12, 2, BAND_PX + STOCK_PX);
    fputs("<text x=\"2\" y=\"28\" class=\"rowlabel\">", f);
    rsvg_escape(f, mt->id);
    fprintf(f, "</text>\n<text x=\"2\" y=\"42\" class=\"small\">max %s</text>\n", num_figure(top, a));
    fprintf(f, "<text x=\"2\" y=\"%d\" class=\"small\">0</text>\n", BAND_PX + STOCK_PX);
    day_space(f, v, BAND_PX, STOCK_PX, 100);
    fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"100\" class=\"lanes\"/>\n", v->ndays);
    for (size_t i = 0; i < nd; i++)
        if (st[i].shortage > 1e-9)
            fprintf(f, "<rect x=\"%zu\" y=\"0\" width=\"1\" height=\"100\" class=\"short\"/>\n", i);
    fputs("<polyline class=\"curve\" points=\"", f);
    for (size_t i = 0; i < nd; i++) {
        int y = top > 0 ? 100 - (int)lround(100 * st[i].on_hand / top) : 100;
        fprintf(f, "%zu,%d %zu,%d ", i, y, i + 1, y);
    }
    fputs("\"/>\n</svg>\n</svg>\n", f);
    return 0;
}
