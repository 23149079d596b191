/* report.html as a user gets it from `planner plan`, and the side-by-side
 * page of report_html_compare: its structure (an SVG per room, a bar per
 * batch whose <title> gives the patient and dates, the late and unserved
 * patients with the summary's reasons), that it is self-contained (no
 * network reference, no script), escaped, printable on A4 landscape and
 * the same bytes for the same plan. That it renders in a real browser is
 * tests/clients/chromium.sh (make test-clients). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/scenario.h"
#include "planner/plan_view.h"
#include "planner/report_html.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define EXAMPLE "scenarios/smart101-phase1/scenario.ini"
#define LATE "tests/fixtures/report-late/scenario.ini"

/* What a test owns, released by the suite's fini even when an assertion
 * leaves the test early. */
#define MAX_OWNED 1024
static void *owned[MAX_OWNED];
static int nowned;
static char *dirs[4];
static int ndirs;

static void release_all(void)
{
    for (int i = 0; i < ndirs; i++)
        e2e_rmtree(dirs[i]);
    for (int i = 0; i < nowned; i++)
        free(owned[i]);
    nowned = ndirs = 0;
}

static void *own(void *p)
{
    cr_assert_not_null(p, "out of memory");
    cr_assert_lt(nowned, MAX_OWNED);
    owned[nowned++] = p;
    return p;
}

#define STR(...) ((char *)own(e2e_strf(__VA_ARGS__)))

TestSuite(report_html, .fini = release_all);

/* planner plan INI -o a fresh dir; the summary into *summary when asked.
 * Returns report.html's text. */
static char *plan_report(const char *ini, int want_code, char **summary, const char **dir_out)
{
    cr_assert_lt(ndirs, 4);
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir);
    dirs[ndirs++] = own(dir);
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "plan", ini, "-o", dir, NULL), 0);
    int code = r.code;
    if (summary)
        *summary = own(e2e_strf("%s", r.out));
    char *err = STR("%s", r.err);
    e2e_result_free(&r);
    cr_assert_eq(code, want_code, "plan %s: exit %d\n%s", ini, code, err);
    if (dir_out)
        *dir_out = dir;
    size_t len;
    char *html = e2e_slurp(STR("%s/report.html", dir), &len);
    cr_assert_not_null(html, "no report.html in %s", dir);
    cr_assert_eq(strlen(html), len, "report.html holds a NUL byte");
    return own(html);
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* A page that needs nothing but itself. */
static void self_contained(const char *html)
{
    cr_expect(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    cr_expect_eq(count(html, "http://"), 0, "a network reference");
    cr_expect_eq(count(html, "https://"), 0, "a network reference");
    cr_expect_eq(count(html, "<script"), 0, "a script");
    cr_expect_eq(count(html, "src="), 0, "an external resource");
    cr_expect_eq(count(html, "@import"), 0, "an external style sheet");
    cr_expect_eq(count(html, "<link"), 0, "an external resource");
    cr_expect_neq(count(html, "@page{size:A4 landscape"), 0, "not laid out for A4 landscape");
    cr_expect(strstr(html, "</html>\n") != NULL && strcmp(strstr(html, "</html>\n"), "</html>\n") == 0,
              "the page does not end with </html>");
}

/* The calendar's field `col` (0-based) of a line. */
static char *field(const char *line, int col)
{
    const char *p = line;
    for (int c = 0; c < col; c++) {
        p = strchr(p, ',');
        cr_assert_not_null(p);
        p++;
    }
    size_t n = strcspn(p, ",\n");
    char *out = own(malloc(n + 1));
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

Test(report_html, example_has_a_chart_per_room_and_a_bar_per_batch)
{
    const char *dir;
    char *html = plan_report(EXAMPLE, 0, NULL, &dir);
    self_contained(html);
    /* Two rooms, one year: one chart each (one printed page each). */
    cr_expect_eq(count(html, "<svg class=\"gantt\""), 2);
    cr_expect_eq(count(html, "<section class=\"room page\""), 2);
    cr_expect_neq(count(html, "id=\"room-1\">\n<h2>Room B1</h2>"), 0);
    cr_expect_neq(count(html, "id=\"room-2\">\n<h2>Room B2</h2>"), 0);
    /* The year wraps into four rows of 92 days (a day 10 px wide). */
    cr_expect_neq(count(html, "class=\"rowlabel\">2027-01-04<"), 0);
    cr_expect_neq(count(html, "class=\"rowlabel\">2027-04-06<"), 0);
    cr_expect_neq(count(html, "class=\"rowlabel\">2027-07-07<"), 0);
    cr_expect_neq(count(html, "class=\"rowlabel\">2027-10-07<"), 0);
    cr_expect_eq(count(html, "class=\"rowlabel\">2028-"), 0);
    /* Every batch of calendar.csv has its bar, titled with its dates. */
    char *cal = e2e_slurp(STR("%s/calendar.csv", dir), &(size_t){0});
    cr_assert_not_null(cal);
    own(cal);
    int batches = 0;
    for (const char *line = strchr(cal, '\n') + 1; *line; line = strchr(line, '\n') + 1) {
        char *title = STR("<title>%s (process %s): manufacturing %s .. %s, changeover", field(line, 0),
                          field(line, 2), field(line, 5), field(line, 6));
        cr_expect_neq(count(html, title), 0, "no bar titled %s", title);
        cr_expect_neq(count(html, STR("release %s, delivery %s, due %s, on time</title>", field(line, 7),
                                      field(line, 8), field(line, 9))),
                      0, "%s: no release/delivery/due in its title", field(line, 0));
        batches++;
    }
    cr_expect_eq(batches, 31);
    /* 31 batches; F-PAR-8 (2027-07-06 .. 07-13) and F-PAR-12 (2027-10-05
     * .. 10-12) cross from one row into the next: a bar in each. */
    cr_expect_eq(count(html, "<g class=\"batch\"><title>"), 33);
    cr_expect_eq(count(html, "<g class=\"batch\"><title>F-PAR-8 (process"), 2);
    cr_expect_eq(count(html, "<g class=\"batch\"><title>F-PAR-12 (process"), 2);
    /* A label where the bar is wide enough: a 7-day batch is 70 px. */
    cr_expect_neq(count(html, "class=\"label\">P-002</text>"), 0);
    cr_expect_eq(count(html, "class=\"late\""), 0);
    cr_expect_neq(count(html, "Every patient is on time."), 0);
    /* The KPIs as kpis.csv and the summary have them, with '.' whatever
     * the locale (make check runs under fr_FR too). */
    cr_expect_neq(count(html, "<b>47.7</b>room use %"), 0);
    cr_expect_neq(count(html, "<td>material cost</td><td class=\"n\">328840</td>"), 0);
    /* Weekly heat maps, a row per room and per skill, and stock curves. */
    cr_expect_eq(count(html, "<svg class=\"heat\""), 2);
    cr_expect_neq(count(html, "<title>B1, week of 2027-01-04: "), 0);
    cr_expect_neq(count(html, "<title>operator, week of 2027-01-04: "), 0);
    size_t curves = count(html, "<svg class=\"stock\"");
    cr_expect(curves >= 1 && curves <= 6, "%zu stock curves", curves);
}

/* The summary's "Late or unserved" rows: patient and reason (the text
 * after the late column). */
static void summary_reasons(const char *summary, char ids[32][16], char why[32][256], int *n)
{
    const char *p = strstr(summary, "\nLate or unserved\n");
    cr_assert_not_null(p, "%s", summary);
    p = strchr(p + 1, '\n') + 1;   /* the table's header */
    p = strchr(p, '\n') + 1;
    *n = 0;
    while (strncmp(p, "  ", 2) == 0 && p[2] != ' ' && *n < 32) {
        const char *end = strchr(p, '\n');
        const char *q = p + 2;
        size_t idlen = strcspn(q, " ");
        snprintf(ids[*n], 16, "%.*s", (int)idlen, q);
        /* patient, due, delivery, late ("9 d" or "-"), then the reason. */
        int words = 3;
        for (int w = 0; w < words; w++) {
            q += strcspn(q, " ");
            while (*q == ' ' && q < end)
                q++;
            if (w == 2)
                words += *q == '-' ? 1 : 2;
        }
        snprintf(why[*n], 256, "%.*s", (int)(end - q), q);
        (*n)++;
        p = end + 1;
    }
}

Test(report_html, late_and_unserved_with_the_summary_reasons)
{
    char *summary;
    char *html = plan_report(LATE, 1, &summary, NULL);
    self_contained(html);
    cr_expect_eq(count(html, "<tr class=\"late\">"), 6);
    cr_expect_eq(count(html, "<tr class=\"unserved\">"), 7);
    char ids[32][16], why[32][256];
    int n;
    summary_reasons(summary, ids, why, &n);
    cr_assert_eq(n, 13, "%s", summary);
    for (int i = 0; i < n; i++) {
        const char *row = strstr(html, STR("<td>%s</td>", ids[i]));
        cr_assert_not_null(row, "%s is not listed", ids[i]);
        const char *row_end = strstr(row, "</tr>");
        const char *reason = strstr(row, STR("<td>%s</td></tr>", why[i]));
        cr_expect(reason && reason < row_end, "%s: the reason '%s' is not the summary's", ids[i], why[i]);
    }
    /* A late batch: a red outline in its room and on the overview, and a
     * red due mark. P-002 is 9 days late. */
    cr_expect_neq(count(html, "<title>P-002 (process v1.0): manufacturing 2027-01-12 .. 2027-01-19"), 0);
    cr_expect_neq(count(html, "delivery 2027-02-21, due 2027-02-12, 9 days late</title>"), 0);
    cr_expect_neq(count(html, "<title>P-002 due 2027-02-12 (late)</title>"), 0);
    cr_expect_eq(count(html, "<b>7</b>unserved"), 1);
    /* Closed days of B1 in June are drawn and titled. */
    cr_expect_neq(count(html, "<title>closed 2027-06-01 .. 2027-06-20</title>"), 0);
    /* The name holds "<&>": escaped everywhere, raw nowhere. */
    cr_expect_eq(count(html, "<&>"), 0);
    cr_expect_eq(count(html, "<title>Report test: B1 closed in June &lt;&amp;&gt;</title>"), 1);
    cr_expect_eq(count(html, "<h1>Report test: B1 closed in June &lt;&amp;&gt;</h1>"), 1);
}

Test(report_html, same_plan_same_bytes)
{
    char *a = plan_report(LATE, 1, NULL, NULL);
    char *b = plan_report(LATE, 1, NULL, NULL);
    cr_expect_str_eq(a, b);
}

/* ---- report_html_compare, through the library ------------------------------ */

static struct scenario *load(const char *ini)
{
    diag_list *d = diag_new();
    struct scenario *s = NULL;
    cr_assert_not_null(d);
    enum scn_status st = scn_load(ini, d, &s);
    diag_free(d);
    cr_assert_eq(st, SCN_OK, "%s does not load", ini);
    return s;
}

static struct solution *solve_it(const struct scenario *s)
{
    struct solve_options o;
    struct solution *sol = NULL;
    char err[256];
    solve_options_init(&o, s);
    cr_assert_eq(solve(s, &o, &sol, err, sizeof err), SOLVE_OK, "%s", err);
    return sol;
}

Test(report_html, compare_side_by_side)
{
    struct scenario *s1 = load(EXAMPLE), *s2 = load(LATE);
    struct solution *p1 = solve_it(s1), *p2 = solve_it(s2);
    struct plan_view v1, v2;
    cr_assert_eq(pv_build(&v1, s1, p1), 0);
    cr_assert_eq(pv_build(&v2, s2, p2), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    const struct plan_view *views[2] = {&v1, &v2};
    int rc = report_html_compare(f, views, NULL, 2);
    int rc0 = report_html_compare(f, views, NULL, 0);
    fclose(f);
    own(text);
    pv_free(&v1);
    pv_free(&v2);
    solution_free(p1);
    solution_free(p2);
    scn_free(s1);
    scn_free(s2);
    cr_assert_eq(rc, 0);
    cr_expect_eq(rc0, -1, "no scenario: nothing to compare");
    self_contained(text);
    /* One KPI table, a column per scenario, the variant's difference. */
    cr_expect_eq(count(text, "<table class=\"kpitable\">"), 1);
    cr_expect_neq(count(text, "<tr><th>kpi</th><th>SMART101 Phase I/II 2027 base case</th>"
                              "<th>Report test: B1 closed in June &lt;&amp;&gt;</th></tr>"),
                  0);
    cr_expect_neq(count(text, "<tr><td>late</td><td class=\"n\">0</td><td class=\"n\">6 (+6)</td></tr>"), 0);
    cr_expect_neq(count(text, "<tr><td>on time</td><td class=\"n\">31</td><td class=\"n\">18 (-13)</td></tr>"), 0);
    /* Each scenario's section with its rooms' charts. */
    cr_expect_eq(count(text, "<section class=\"scenario page\""), 2);
    cr_expect_eq(count(text, "<svg class=\"gantt\""), 4);
    cr_expect_neq(count(text, "id=\"s1-room-1\""), 0);
    cr_expect_neq(count(text, "id=\"s2-room-2\""), 0);
    cr_expect_eq(count(text, "<tr class=\"unserved\">"), 7);
    cr_expect_eq(count(text, "<<"), 0);
}
