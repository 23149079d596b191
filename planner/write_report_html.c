/* report.html (planner/report_html.h): the page around the pictures of
 * planner/report_svg.c: the KPIs, the late and unserved patients with the
 * summary's reasons, a section per room, the weekly utilisation, the
 * binding materials and the legend; and the side-by-side page of
 * `planner compare`. Deterministic: the same plan gives the same bytes
 * (no clock, no locale). */
#include "planner/report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "planner/number.h"
#include "planner/plan_writers.h"
#include "planner/report_svg.h"
#include "solver/solver.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "unknown"
#endif

#define WHY_BUFSZ 512   /* one reason line, as the summary's table holds at most 256 */

/* Print: A4 landscape, a page per room; screen: the same page, centred. */
static const char style[] =
    "@page{size:A4 landscape;margin:10mm}\n"
    "body{font:13px/1.35 \"DejaVu Sans\",Arial,sans-serif;color:#222;margin:16px auto;max-width:1100px;"
    "padding:0 12px}\n"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 6px;border-bottom:1px solid #bbb}\n"
    "h3{font-size:14px;margin:12px 0 4px}p{margin:4px 0}\n"
    "table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #ccc;padding:2px 6px;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2}td.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}\n"
    "tr.late td{background:#fdeaea}tr.unserved td{background:#f9d4d4}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}.kpi{border:1px solid #ccc;border-radius:4px;"
    "padding:4px 8px;min-width:96px}\n"
    ".kpi b{display:block;font-size:18px}.kpi.bad b{color:#b00}\n"
    "svg{display:block;width:100%;height:auto;margin:4px 0}\n"
    "svg text{font-family:\"DejaVu Sans\",Arial,sans-serif}\n"
    ".month{font-size:10px;fill:#555}.rowlabel{font-size:11px;fill:#222}.small{font-size:10px;fill:#555}\n"
    ".label{font-size:10px;fill:#000}\n"
    ".lanes{fill:#fff;stroke:#999;stroke-width:.5}.weekend{fill:#efefef}.closed{fill:#b4b4b4}\n"
    ".tick{stroke:#aaa;stroke-width:.5}\n"
    "rect.changeover{fill:#dcdcdc;stroke:#888;stroke-width:.5}\n"
    ".batch rect{stroke:#555;stroke-width:.5}.overview rect.late,.batch rect.late{stroke:#c00;stroke-width:2}\n"
    ".due polygon{stroke:#333;stroke-width:.5}.due polygon.late{fill:#c00;stroke:#c00}\n"
    ".curve{fill:none;stroke:#1f5fa8;stroke-width:1.5;vector-effect:non-scaling-stroke}.short{fill:#e33}\n"
    ".h0{fill:#f4f4f4}.h1{fill:#c6dbef}.h2{fill:#6baed6}.h3{fill:#2171b5}.h4{fill:#08306b}.h5{fill:#d7301f}"
    ".hx{fill:#fff;stroke:#ddd;stroke-width:.5}\n"
    ".legend{font-size:12px}.legend span{display:inline-block;margin-right:14px}\n"
    ".sw{display:inline-block;width:14px;height:10px;border:1px solid #777;margin-right:4px;"
    "vertical-align:middle}\n"
    ".page{break-before:page}\n"
    "@media print{body{margin:0;max-width:none;padding:0}h2,h3{break-after:avoid}svg{break-inside:avoid}}\n";

static void esc(FILE *f, const char *s)
{
    rsvg_escape(f, s);
}

static char *percent(double fraction, char buf[NUM_BUFSZ])
{
    return num_figure(round(fraction * 1000) / 10, buf);
}

static void page_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    esc(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

/* ---- KPIs ----------------------------------------------------------------- */

enum kpi_kind { K_INT, K_FIGURE, K_PERCENT, K_MONEY };

struct kpi_row {
    const char *name;
    enum kpi_kind kind;
    int worse_up;           /* 1: a larger value is worse (drawn red when > 0 in the cards) */
};

static const struct kpi_row kpi_rows[] = {
    {"patients", K_INT, 0},          {"on time", K_INT, 0},
    {"late", K_INT, 1},              {"unserved", K_INT, 1},
    {"beyond horizon", K_INT, 0},    {"total delay days", K_INT, 1},
    {"max delay days", K_INT, 1},    {"weighted delay", K_FIGURE, 1},
    {"room use %", K_PERCENT, 0},    {"staff use %", K_PERCENT, 0},
    {"cost", K_MONEY, 0},            {"room cost", K_MONEY, 0},
    {"material cost", K_MONEY, 0},   {"expired material", K_MONEY, 1},
    {"batches", K_INT, 0},           {"orders", K_INT, 0},
};
#define NKPI ((int)(sizeof kpi_rows / sizeof kpi_rows[0]))

static double kpi_value(const struct plan_view *v, int i)
{
    const struct plan_kpis *k = &v->k;
    const double values[NKPI] = {
        k->patients,          k->on_time,           k->late,          k->unserved,
        k->beyond_horizon,    k->total_delay_days,  k->max_delay_days, k->weighted_delay,
        k->room_utilization,  k->staff_utilization, k->cost,          k->room_cost,
        k->material_cost,     k->waste_cost,        k->batches,       k->orders,
    };
    return values[i];
}

static char *kpi_text(int i, double value, char buf[NUM_BUFSZ])
{
    switch (kpi_rows[i].kind) {
    case K_PERCENT: return percent(value, buf);
    case K_MONEY: return num_money(value, buf);
    case K_INT:
    case K_FIGURE:
    default: return num_figure(value, buf);
    }
}

static void status_text(FILE *f, const struct plan_view *v)
{
    const struct solution *sol = v->sol;
    char t[NUM_BUFSZ];
    /* No solve time: the same plan gives the same page. */
    esc(f, solve_status_name(sol->status));
    if (sol->status != SOLVE_OPTIMAL && sol->status != SOLVE_FEASIBLE && sol->gap < 1)
        fprintf(f, ", cost gap %s %%", num_figure(round(sol->gap * 10000) / 100, t));
}

static void kpi_cards(FILE *f, const struct plan_view *v)
{
    char a[NUM_BUFSZ];
    /* The few a reader looks at first, as cards; the full list below. */
    static const int first[] = {0, 1, 2, 3, 5, 8, 9, 10};
    fputs("<div class=\"kpis\">\n", f);
    for (size_t j = 0; j < sizeof first / sizeof first[0]; j++) {
        int i = first[j];
        double x = kpi_value(v, i);
        fprintf(f, "<div class=\"kpi%s\"><b>%s</b>%s</div>\n", kpi_rows[i].worse_up && x > 0 ? " bad" : "",
                kpi_text(i, x, a), kpi_rows[i].name);
    }
    fputs("</div>\n", f);
}

/* One plan's KPIs, two to a row so that they fit the first page. */
static void kpi_pairs(FILE *f, const struct plan_view *v)
{
    char a[NUM_BUFSZ];
    int half = (NKPI + 1) / 2;
    fputs("<table class=\"kpitable\">\n", f);
    for (int i = 0; i < half; i++) {
        fputs("<tr>", f);
        for (int j = i; j < NKPI; j += half)
            fprintf(f, "<td>%s</td><td class=\"n\">%s</td>", kpi_rows[j].name, kpi_text(j, kpi_value(v, j), a));
        fputs("</tr>\n", f);
    }
    fputs("<tr><td>status</td><td colspan=\"3\">", f);
    status_text(f, v);
    fputs("</td></tr>\n</table>\n", f);
}

/* The KPI table: a column per view, the later ones with their difference
 * to the first. */
static void kpi_table(FILE *f, const struct plan_view *const *views, const char *const *labels, int n)
{
    char a[NUM_BUFSZ], b[NUM_BUFSZ];
    fputs("<table class=\"kpitable\">\n<tr><th>kpi</th>", f);
    for (int c = 0; c < n; c++) {
        fputs("<th>", f);
        esc(f, labels ? labels[c] : views[c]->s->name);
        fputs("</th>", f);
    }
    fputs("</tr>\n", f);
    for (int i = 0; i < NKPI; i++) {
        fputs("<tr><td>", f);
        esc(f, kpi_rows[i].name);
        fputs("</td>", f);
        double base = kpi_value(views[0], i);
        for (int c = 0; c < n; c++) {
            double x = kpi_value(views[c], i);
            fprintf(f, "<td class=\"n\">%s", kpi_text(i, x, a));
            if (c > 0 && fabs(x - base) > 1e-9)
                fprintf(f, " (%s%s)", x > base ? "+" : "-", kpi_text(i, fabs(x - base), b));
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("<tr><td>status</td>", f);
    for (int c = 0; c < n; c++) {
        fputs("<td>", f);
        status_text(f, views[c]);
        fputs("</td>", f);
    }
    fputs("</tr>\n</table>\n", f);
}

/* ---- late and unserved ------------------------------------------------------ */

/* The late patients in the calendar's order, then the unserved, at most
 * REPORT_HTML_MAX_LISTED, with solve_explain's reason (the summary's),
 * all explained in one call. Returns 0, or -1 when out of memory. */
static int trouble(FILE *f, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    int n = v->k.late + v->k.unserved, listed = 0;
    char d[DATE_BUFSZ];
    if (n == 0) {
        fputs("<p>Every patient is on time.</p>\n", f);
        return 0;
    }
    int *who = calloc((size_t)REPORT_HTML_MAX_LISTED + 1, sizeof *who);
    int *row_batch = malloc(((size_t)REPORT_HTML_MAX_LISTED + 1) * sizeof *row_batch);
    char *why = malloc((size_t)REPORT_HTML_MAX_LISTED * WHY_BUFSZ);
    if (!who || !row_batch || !why) {
        free(who);
        free(row_batch);
        free(why);
        return -1;
    }
    for (int i = 0; i < v->nbatches + v->nunserved && listed < REPORT_HTML_MAX_LISTED; i++) {
        if (i < v->nbatches && v->batches[i].t.delay == 0)
            continue;
        row_batch[listed] = i < v->nbatches ? i : -1;
        who[listed++] = i < v->nbatches ? v->batches[i].patient : v->unserved[i - v->nbatches].patient;
    }
    /* Out of memory inside leaves "out of memory" as the reasons: the
     * page is still worth writing. */
    solve_explain_many(s, v->sol, who, listed, why, WHY_BUFSZ);
    fprintf(f, "<p>%d late, %d unserved. The reason is the resource that the other batches leave short "
               "for the earliest start that would deliver sooner (as <code>planner plan</code> prints it).</p>\n",
            v->k.late, v->k.unserved);
    fputs("<table class=\"trouble\">\n<tr><th>patient</th><th>site</th><th>room</th><th>start</th>"
          "<th>due</th><th>delivery</th><th>late</th><th>why</th></tr>\n",
          f);
    for (int j = 0; j < listed; j++) {
        const struct pv_batch *b = row_batch[j] >= 0 ? &v->batches[row_batch[j]] : NULL;
        const struct patient *pt = &s->patients[who[j]];
        fprintf(f, "<tr class=\"%s\"><td>", b ? "late" : "unserved");
        esc(f, pt->id);
        fputs("</td><td>", f);
        esc(f, s->sites[pt->site].id);
        fputs("</td><td>", f);
        esc(f, b && b->room >= 0 ? s->rooms[b->room].id : "-");
        fprintf(f, "</td><td class=\"d\">%s</td>", b ? date_format(b->t.start, d) : "-");
        fprintf(f, "<td class=\"d\">%s</td>", date_format(pt->due, d));
        if (b)
            fprintf(f, "<td class=\"d\">%s</td><td class=\"n\">%d d</td><td>", date_format(b->t.delivery, d),
                    b->t.delay);
        else
            fputs("<td>unserved</td><td class=\"n\">-</td><td>", f);
        esc(f, why + (size_t)j * WHY_BUFSZ);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
    if (n > listed)
        fprintf(f, "<p>... and %d more (calendar.csv lists them all).</p>\n", n - listed);
    free(who);
    free(row_batch);
    free(why);
    return 0;
}

/* ---- sections ----------------------------------------------------------------- */

static void legend(FILE *f)
{
    fputs("<p class=\"legend\">"
          "<span><i class=\"sw\" style=\"background:hsl(40,62%,60%)\"></i>a batch (one colour per patient, "
          "labelled with the patient id where it fits; hover for its dates)</span>"
          "<span><i class=\"sw\" style=\"border:2px solid #c00\"></i>late patient</span>"
          "<span><i class=\"sw\" style=\"background:#dcdcdc\"></i>changeover</span>"
          "<span><i class=\"sw\" style=\"background:#b4b4b4\"></i>room closed</span>"
          "<span><i class=\"sw\" style=\"background:#efefef\"></i>weekend</span>"
          "<span>&#9660; due date (red: late)</span></p>\n",
          f);
}

static void heat_legend(FILE *f)
{
    fputs("<p class=\"legend\">"
          "<span><i class=\"sw\" style=\"background:#f4f4f4\"></i>0 %</span>"
          "<span><i class=\"sw\" style=\"background:#c6dbef\"></i>&lt; 25 %</span>"
          "<span><i class=\"sw\" style=\"background:#6baed6\"></i>&lt; 50 %</span>"
          "<span><i class=\"sw\" style=\"background:#2171b5\"></i>&lt; 75 %</span>"
          "<span><i class=\"sw\" style=\"background:#08306b\"></i>75-100 %</span>"
          "<span><i class=\"sw\" style=\"background:#d7301f\"></i>over 100 %</span>"
          "<span><i class=\"sw\" style=\"background:#fff\"></i>nothing available</span></p>\n",
          f);
}

static void horizon_line(FILE *f, const struct plan_view *v)
{
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    fprintf(f, "<p>Horizon %s .. %s", date_format(v->s->start, a), date_format(v->s->end, b));
    if (v->k.plan_last > v->s->end)
        fprintf(f, " (batches use resources until %s)", date_format(v->k.plan_last, a));
    fputs("; plan ", f);
    status_text(f, v);
    fputs(".</p>\n", f);
}

/* A room's section: a new printed page, a line of figures, its chart. */
static int room_section(FILE *f, const struct plan_view *v, int r, const char *id_prefix, const char *hn)
{
    const struct scenario *s = v->s;
    const struct room *rm = &s->rooms[r];
    int batches = 0, late = 0;
    for (int j = 0; j < v->nbatches; j++)
        if (v->batches[j].room == r) {
            batches++;
            late += v->batches[j].t.delay > 0;
        }
    fprintf(f, "<section class=\"room page\" id=\"%sroom-%d\">\n<%s>Room ", id_prefix, r + 1, hn);
    esc(f, rm->id);
    fprintf(f, "</%s>\n<p>Capacity %d", hn, rm->capacity);
    if (rm->type[0]) {
        fputs(", type ", f);
        esc(f, rm->type);
    }
    fprintf(f, "; %d batch%s, %d of them late.</p>\n", batches, batches == 1 ? "" : "es", late);
    if (rsvg_gantt_room(f, v, r) != 0)
        return -1;
    fputs("</section>\n", f);
    return 0;
}

static int materials_section(FILE *f, const struct plan_view *v)
{
    int list[RSVG_MAX_MATERIALS];
    int n = rsvg_binding_materials(v, list, RSVG_MAX_MATERIALS);
    fputs("<section class=\"page\" id=\"materials\">\n<h2>Materials that bind</h2>\n", f);
    if (v->s->nmaterials == 0) {
        fputs("<p>The scenario has no materials.</p>\n</section>\n", f);
        return 0;
    }
    fprintf(f, "<p>A material binds when its stock fell short of the plan's use on some day (red), or "
               "when after a day of use less than its largest day's use was left on hand, so that the "
               "next such day needed an arrival. Shown: up to %d, shortage days first, then the most such "
               "days. Each curve is the stock on hand at the end of each day, from 0 to its maximum.</p>\n",
            RSVG_MAX_MATERIALS);
    if (n == 0)
        fputs("<p>No material binds: stock always covered at least the largest day's use.</p>\n", f);
    for (int i = 0; i < n; i++) {
        const struct material *m = &v->s->materials[list[i]];
        fputs("<h3>", f);
        esc(f, m->id);
        if (m->unit[0]) {
            fputs(" (", f);
            esc(f, m->unit);
            fputs(")", f);
        }
        fputs("</h3>\n", f);
        if (rsvg_stock(f, v, list[i]) != 0)
            return -1;
    }
    fputs("</section>\n", f);
    return 0;
}

int report_html_write(FILE *f, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    page_head(f, s->name);
    fputs("<h1>", f);
    esc(f, s->name);
    fputs("</h1>\n", f);
    horizon_line(f, v);
    kpi_cards(f, v);
    fputs("<h2>Rooms at a glance</h2>\n", f);
    if (rsvg_overview(f, v) != 0)
        return -1;
    legend(f);
    fputs("<h2>Late and unserved patients</h2>\n", f);
    if (trouble(f, v) != 0)
        return -1;
    fputs("<h2>Figures</h2>\n", f);
    kpi_pairs(f, v);
    for (int r = 0; r < s->nrooms; r++)
        if (room_section(f, v, r, "", "h2") != 0)
            return -1;
    fputs("<section class=\"page\" id=\"weekly\">\n<h2>Utilisation per week</h2>\n"
          "<p>Rooms: occupied batch-days (manufacturing and changeover) over open place-days "
          "(capacity x open days). Skills: hours of the steps over the shift hours of the persons who "
          "have the skill (a person with two skills counts in both, so a skill's figure is a floor).</p>\n"
          "<h3>Rooms</h3>\n",
          f);
    if (rsvg_weekly_rooms(f, v) != 0)
        return -1;
    fputs("<h3>Skills</h3>\n", f);
    if (rsvg_weekly_skills(f, v) != 0)
        return -1;
    heat_legend(f);
    fputs("</section>\n", f);
    if (materials_section(f, v) != 0)
        return -1;
    fprintf(f, "<p class=\"small\">Written by planner %s from %s.</p>\n</body>\n</html>\n", PLANNER_VERSION,
            "the plan view");
    return 0;
}

int report_html_compare(FILE *f, const struct plan_view *const *views, const char *const *labels, int n)
{
    if (n < 1)
        return -1;
    page_head(f, "Comparison of scenarios");
    fputs("<h1>Comparison of scenarios</h1>\n<p>Each column is one scenario's plan; in brackets, the "
          "difference to the first.</p>\n",
          f);
    kpi_table(f, views, labels, n);
    legend(f);
    for (int c = 0; c < n; c++) {
        const struct plan_view *v = views[c];
        char prefix[32];
        snprintf(prefix, sizeof prefix, "s%d-", c + 1);
        fprintf(f, "<section class=\"scenario page\" id=\"scenario-%d\">\n<h2>", c + 1);
        esc(f, labels ? labels[c] : v->s->name);
        fputs("</h2>\n", f);
        horizon_line(f, v);
        if (rsvg_overview(f, v) != 0)
            return -1;
        fputs("<h3>Late and unserved patients</h3>\n", f);
        if (trouble(f, v) != 0)
            return -1;
        fputs("</section>\n", f);
        for (int r = 0; r < v->s->nrooms; r++)
            if (room_section(f, v, r, prefix, "h3") != 0)
                return -1;
    }
    fputs("</body>\n</html>\n", f);
    return 0;
}

int write_report_html(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    (void)d; /* not a CSV file */
    return report_html_write(f, v);
}
