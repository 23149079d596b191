/* Output formats (docs/output-formats.md): the CSV dialects of
 * [output] and --csv, read back by verify whatever the dialect; the
 * formats list; plan.xlsx's structure read from its sheet XML (unzip -p),
 * and its numbers whatever the process's locale. LibreOffice reading the
 * files is tested apart (tests/clients/, make test-clients). */
#include <criterion/criterion.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/date.h"
#include "planner/plan_view.h"
#include "planner/plan_writers.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define SCENARIO "tests/plans/scenario/scenario.ini"
#define EXCEL_1970 25569

static char *TMP;

static void setup(void)
{
    TMP = e2e_tmpdir();
    cr_assert_not_null(TMP);
}

static void teardown(void)
{
    if (TMP) {
        char *plan = e2e_strf("%s/plan", TMP);
        e2e_rmtree(plan);
        free(plan);
        e2e_rmtree(TMP);
        free(TMP);
    }
}

TestSuite(output, .init = setup, .fini = teardown);
TestSuite(xlsx, .init = setup, .fini = teardown);

/* ---- helpers ----------------------------------------------------------- */

static char *plan_file(const char *name)
{
    char *path = e2e_strf("%s/plan/%s", TMP, name);
    size_t len;
    char *text = e2e_slurp(path, &len);
    cr_assert_not_null(text, "no %s", path);
    free(path);
    return text;
}

/* planner plan SCENARIO -o TMP/plan with up to two more arguments. */
static int plan(struct e2e_result *r, const char *ini, const char *a, const char *b)
{
    char *dir = e2e_strf("%s/plan", TMP);
    int rc = e2e_planner(r, "plan", ini, "-q", "-o", dir, a, b, (char *)NULL);
    free(dir);
    cr_assert_eq(rc, 0, "could not run planner: %s", r->err);
    return r->code;
}

/* A scenario.ini in TMP: the test scenario with extra lines. */
static char *ini_with(const char *extra)
{
    char cwd[PATH_MAX];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    char *text = e2e_strf("[scenario]\nbase = %s/" SCENARIO "\n\n%s", cwd, extra);
    cr_assert_eq(e2e_write(TMP, "s.ini", text, strlen(text)), 0);
    free(text);
    return e2e_strf("%s/s.ini", TMP);
}

static int verify(struct e2e_result *r)
{
    char *dir = e2e_strf("%s/plan", TMP);
    int rc = e2e_planner(r, "verify", SCENARIO, dir, (char *)NULL);
    free(dir);
    cr_assert_eq(rc, 0);
    return r->code;
}

/* The KPI row "name<d>value" of kpis.csv text, its value copied to out. */
static void kpi(const char *kpis, const char *name, char delim, char *out, size_t size)
{
    char *key = e2e_strf("\n%s%c", name, delim);
    const char *at = strstr(kpis, key);
    cr_assert_not_null(at, "no %s in kpis.csv", name);
    at += strlen(key);
    snprintf(out, size, "%.*s", (int)strcspn(at, "\r\n"), at);
    free(key);
}

/* unzip -p FILE MEMBER: the member's text (caller frees). */
static char *unzip_member(const char *xlsx, const char *member)
{
    struct e2e_result r;
    const char *argv[] = {"/usr/bin/unzip", "-p", xlsx, member, NULL};
    cr_assert_eq(e2e_run(&r, 60, argv), 0, "unzip: %s", r.err);
    cr_assert_eq(r.code, 0, "unzip -p %s %s: %s", xlsx, member, r.err);
    char *text = r.out;
    r.out = NULL;
    e2e_result_free(&r);
    return text;
}

/* The <c r="REF" ...>...</c> element of a sheet's XML (caller frees). */
static char *cell(const char *xml, const char *ref)
{
    char *key = e2e_strf("<c r=\"%s\"", ref);
    const char *at = strstr(xml, key);
    cr_assert_not_null(at, "no cell %s", ref);
    const char *end = strstr(at, "</c>");
    const char *empty = strstr(at, "/>");
    if (!end || (empty && empty < end && !memchr(at, '>', (size_t)(empty - at))))
        end = empty;
    cr_assert_not_null(end);
    free(key);
    return e2e_strf("%.*s", (int)(end - at), at);
}

/* ---- CSV dialects ------------------------------------------------------- */

Test(output, default_is_rfc4180_and_every_format)
{
    struct e2e_result r;
    plan(&r, SCENARIO, NULL, NULL);
    cr_assert_eq(r.code, 1, "exit %d: %s", r.code, r.err);   /* P003, P007 late */
    e2e_result_free(&r);
    char *cal = plan_file("calendar.csv");
    cr_expect(strncmp(cal, "patient,site,process,room,ready,", 32) == 0, "%.40s", cal);
    free(cal);
    char *xlsx = e2e_strf("%s/plan/plan.xlsx", TMP);
    cr_expect_eq(access(xlsx, R_OK), 0, "the default writes plan.xlsx");
    free(xlsx);
}

Test(output, formats_csv_writes_no_xlsx)
{
    struct e2e_result r;
    plan(&r, SCENARIO, "--formats", "csv");
    cr_assert_eq(r.code, 1, "%s", r.err);
    e2e_result_free(&r);
    char *xlsx = e2e_strf("%s/plan/plan.xlsx", TMP);
    cr_expect_neq(access(xlsx, F_OK), 0, "--formats csv wrote plan.xlsx");
    free(xlsx);
}

Test(output, excel_fr_is_read_back_by_verify)
{
    struct e2e_result r;
    plan(&r, SCENARIO, "--csv", "excel-fr");
    cr_assert_eq(r.code, 1, "%s", r.err);
    e2e_result_free(&r);
    char *cal = plan_file("calendar.csv");
    cr_expect(strncmp(cal, "\xEF\xBB\xBFpatient;site;process;room;", 29) == 0, "%.40s", cal);
    cr_expect(e2e_has_line(cal, "P003;PAR;v1.0;A2;2027-03-02;2027-03-08;2027-03-12;2027-03-16;"
                                "2027-03-17;2027-03-15;2;late"), "%s", cal);
    free(cal);
    char *kpis = plan_file("kpis.csv"), value[64];
    kpi(kpis, "room_utilization", ';', value, sizeof value);
    cr_expect_str_eq(value, "0,238095");
    free(kpis);
    cr_expect_eq(verify(&r), 0, "verify of an excel-fr plan: %s%s", r.out, r.err);
    e2e_result_free(&r);

    /* The decimal comma is read as a number: a changed one is caught. */
    char *path = e2e_strf("%s/plan/roster.csv", TMP);
    size_t len;
    char *roster = e2e_slurp(path, &len);
    cr_assert_not_null(roster);
    char *at = strstr(roster, "\n2027-03-01;alice;operator;8;");
    cr_assert_not_null(at, "%s", roster);
    char *edited = e2e_strf("%.*s\n2027-03-01;alice;operator;7,5;%s", (int)(at - roster), roster,
                            at + strlen("\n2027-03-01;alice;operator;8;"));
    cr_assert_eq(e2e_write(TMP, "plan/roster.csv", edited, strlen(edited)), 0);
    cr_expect_eq(verify(&r), 1, "%s%s", r.out, r.err);
    cr_expect(strstr(r.out, "alice on 2027-03-01: 7.5 h on the roster, but the shift gives 8 h"),
              "%s%s", r.out, r.err);
    e2e_result_free(&r);
    free(edited);
    free(roster);
    free(path);
}

Test(output, ini_semicolon_with_dot_and_no_bom)
{
    struct e2e_result r;
    char *ini = ini_with("[output]\ndelimiter = \";\"\nbom = no\n");
    plan(&r, ini, NULL, NULL);
    cr_assert_eq(r.code, 1, "%s", r.err);
    e2e_result_free(&r);
    char *kpis = plan_file("kpis.csv"), value[64];
    cr_expect(strncmp(kpis, "kpi;value\n", 10) == 0, "%.20s", kpis);
    kpi(kpis, "room_utilization", ';', value, sizeof value);
    cr_expect_str_eq(value, "0.238095");
    free(kpis);
    cr_expect_eq(verify(&r), 0, "%s%s", r.out, r.err);
    e2e_result_free(&r);
    free(ini);
}

Test(output, flags_replace_the_ini)
{
    struct e2e_result r;
    char *ini = ini_with("[output]\ndelimiter = \";\"\ndecimal = ,\nbom = yes\nformats = csv\n");
    plan(&r, ini, "--csv", "rfc4180");
    cr_assert_eq(r.code, 1, "%s", r.err);
    e2e_result_free(&r);
    char *kpis = plan_file("kpis.csv"), value[64];
    cr_expect(strncmp(kpis, "kpi,value\n", 10) == 0, "%.20s", kpis);
    kpi(kpis, "room_utilization", ',', value, sizeof value);
    cr_expect_str_eq(value, "0.238095");
    free(kpis);
    char *xlsx = e2e_strf("%s/plan/plan.xlsx", TMP);
    cr_expect_neq(access(xlsx, F_OK), 0, "formats = csv wrote plan.xlsx");
    plan(&r, ini, "--formats", "csv xlsx");
    e2e_result_free(&r);
    cr_expect_eq(access(xlsx, R_OK), 0, "--formats 'csv xlsx' wrote no plan.xlsx");
    free(xlsx);
    free(ini);
}

/* Bad [output] values: check names the file, the line and the value. */
Test(output, bad_ini_values)
{
    static const struct {
        const char *lines, *message;
    } cases[] = {
        {"decimal = ,\n", "s.ini:6: decimal ',' needs delimiter \";\""},
        {"delimiter = ;\n", "s.ini:5: delimiter: no value; one of: , ; (quote a ';': \";\")"},
        {"delimiter = tab\n", "s.ini:5: delimiter: 'tab' is not one of: , ;"},
        {"formats = csv pdf\n", "s.ini:5: formats: 'pdf' is not one of: csv xlsx html ics"},
        {"formats = csv xlsx csv\n", "s.ini:5: formats: 'csv' is given twice"},
        {"bom = maybe\n", "s.ini:5: bom: 'maybe' is not yes or no"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *extra = e2e_strf("[output]\n%s%s", i == 0 ? "delimiter = ,\n" : "", cases[i].lines);
        char *ini = ini_with(extra);
        struct e2e_result r;
        cr_assert_eq(e2e_planner(&r, "check", ini, (char *)NULL), 0);
        cr_expect_eq(r.code, 2, "%s: exit %d", cases[i].lines, r.code);
        char *want = e2e_strf("%s/%s", TMP, cases[i].message);
        cr_expect(strstr(r.err, want), "want '%s' in:\n%s", want, r.err);
        free(want);
        e2e_result_free(&r);
        free(ini);
        free(extra);
    }
}

Test(output, bad_flags)
{
    static const char *const cases[][3] = {
        {"--csv", "excel-de", "planner plan: --csv: 'excel-de' is not a CSV dialect (one of: rfc4180 excel excel-fr)"},
        {"--formats", "xlsx", "planner plan: --formats: csv is always written"},
        {"--formats", "csv,pdf", "planner plan: --formats: 'pdf' is not a format this planner writes (it writes: csv xlsx"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct e2e_result r;
        cr_expect_eq(plan(&r, SCENARIO, cases[i][0], cases[i][1]), 2, "%s %s", cases[i][0], cases[i][1]);
        cr_expect(strstr(r.err, cases[i][2]), "want '%s' in:\n%s", cases[i][2], r.err);
        e2e_result_free(&r);
    }
}

/* ---- plan.xlsx -------------------------------------------------------- */

static int serial(const char *date)
{
    int d;
    cr_assert_eq(date_parse(date, &d), 0);
    return d + EXCEL_1970;
}

/* The s="N" style index of a <c> element; -1 when none. */
static int style_of(const char *c)
{
    const char *s = strstr(c, " s=\"");
    return s ? atoi(s + 4) : -1;
}

Test(xlsx, sheets_cells_and_styles)
{
    struct e2e_result r;
    plan(&r, SCENARIO, "--formats", "csv xlsx");
    cr_assert_eq(r.code, 1, "%s", r.err);
    e2e_result_free(&r);
    char *xlsx = e2e_strf("%s/plan/plan.xlsx", TMP);
    char *book = unzip_member(xlsx, "xl/workbook.xml");
    const char *names[] = {"Calendar", "Rooms", "Roster", "Orders", "Inventory", "KPIs"};
    const char *last = book;
    for (int i = 0; i < 6; i++) {
        char *tag = e2e_strf("<sheet name=\"%s\" sheetId=\"%d\"", names[i], i + 1);
        const char *at = strstr(book, tag);
        cr_expect(at && at >= last, "sheet %d is not %s: %s", i + 1, names[i], book);
        last = at ? at : last;
        free(tag);
    }
    free(book);

    /* Calendar: header frozen, filter, dates as date cells. P001 is row 2,
     * P003 (late) row 4. */
    char *cal = unzip_member(xlsx, "xl/worksheets/sheet1.xml");
    cr_expect(strstr(cal, "<pane ySplit=\"1\" topLeftCell=\"A2\""), "header row not frozen");
    cr_expect(strstr(cal, "<autoFilter ref=\"A1:L8\"/>"), "no autofilter over A1:L8");
    char *f2 = cell(cal, "F2"), *want = e2e_strf("<v>%d</v>", serial("2027-02-26"));
    cr_expect(strstr(f2, want) && !strstr(f2, " t=\""), "F2 (P001 start) is not the date cell %s: %s",
              want, f2);
    free(want);
    char *k4 = cell(cal, "K4");
    cr_expect(strstr(k4, "<v>2</v>") && !strstr(k4, " t=\""), "K4 (P003 delay) is not the number 2: %s", k4);
    char *a3 = cell(cal, "A3"), *a4 = cell(cal, "A4");
    cr_expect_neq(style_of(a3), style_of(a4), "the late row looks like an on-time row: %s %s", a3, a4);
    free(f2);
    free(k4);
    free(a3);
    free(a4);
    free(cal);
    char *styles = unzip_member(xlsx, "xl/styles.xml");
    cr_expect(strstr(styles, "FFFFE5B4"), "no fill for late rows");
    free(styles);

    /* Rooms: the Gantt: dates across (first day 2027-03-01), frozen. */
    char *rooms = unzip_member(xlsx, "xl/worksheets/sheet2.xml");
    cr_expect(strstr(rooms, "xSplit=\"1\" ySplit=\"2\""), "Rooms: header and room column not frozen");
    char *b1 = cell(rooms, "B1");
    want = e2e_strf("<v>%d</v>", serial("2027-03-01"));
    cr_expect(strstr(b1, want), "Rooms B1 is not 2027-03-01: %s", b1);
    free(want);
    free(b1);
    free(rooms);

    /* KPIs: a fraction written with '.' as a number. */
    char *kpis = unzip_member(xlsx, "xl/worksheets/sheet6.xml");
    cr_expect(strstr(kpis, "<v>0.238095</v>"), "room_utilization 0.238095 not a number: %s", kpis);
    free(kpis);
    free(xlsx);
}

/* libxlsxwriter writes numbers with printf: with a decimal-comma locale
 * set in the process, the workbook must still hold '.' (its issue #64). */
Test(xlsx, numbers_whatever_the_locale)
{
    diag_list *d = diag_new();
    struct scenario *s = NULL;
    struct solution *sol = NULL;
    struct plan_view v = {0};
    char err[512];
    cr_assert_eq(scn_load(SCENARIO, d, &s), SCN_OK);
    struct solve_options o;
    solve_options_init(&o, s);
    o.heuristic_only = 1;
    cr_assert_eq(solve(s, &o, &sol, err, sizeof err), SOLVE_OK, "%s", err);
    cr_assert_eq(pv_build(&v, s, sol), 0);
    /* The plan is made in "C"; only writing it sees the decimal comma. */
    if (!setlocale(LC_ALL, "fr_FR.UTF-8"))
        cr_skip_test("no fr_FR.UTF-8 locale here (locale-gen it, as .ci/run does)");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    cr_assert_str_eq(probe, "0,5", "the locale has no decimal comma");
    char *path = e2e_strf("%s/fr.xlsx", TMP);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(write_xlsx(f, &v, NULL), 0);
    cr_assert_eq(fclose(f), 0);
    setlocale(LC_ALL, "C");
    char *kpis = unzip_member(path, "xl/worksheets/sheet6.xml");
    char *want = e2e_strf("<v>%.6g</v>", v.k.room_utilization);
    cr_expect(strchr(want, '.') && strstr(kpis, want), "want %s in %s", want, kpis);
    cr_expect(!strstr(kpis, "<v>0,"), "a decimal comma in the workbook: %s", kpis);
    free(want);
    free(kpis);
    free(path);
    pv_free(&v);
    solution_free(sol);
    scn_free(s);
    diag_free(d);
}

/* ---- the man page ------------------------------------------------------- */

/* Every long option that a command's --help lists (made from its option
 * table) is in docs/planner.1, as troff writes it ("\-\-time\-limit"). */
Test(output, man_page_names_every_option)
{
    size_t len;
    char *man = e2e_slurp("docs/planner.1", &len);
    cr_assert_not_null(man);
    static const char *const commands[] = {"check", "plan", "verify", "export", "generate"};
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        struct e2e_result r;
        cr_assert_eq(e2e_planner(&r, commands[c], "--help", (char *)NULL), 0);
        cr_assert_eq(r.code, 0, "%s --help: exit %d", commands[c], r.code);
        int seen = 0;
        for (const char *at = strstr(r.out, "\n  "); at; at = strstr(at + 1, "\n  ")) {
            /* An option line: "  -o, --output DIR ..." or "      --gap G ...". */
            const char *dashes = strstr(at, "--");
            const char *eol = strchr(at + 1, '\n');
            if (!dashes || (eol && dashes > eol) || dashes - at > 12)
                continue;
            size_t n = strspn(dashes + 2, "abcdefghijklmnopqrstuvwxyz-");
            char troff[128] = "\\-\\-";
            for (size_t i = 0; i < n && strlen(troff) < sizeof troff - 3; i++)
                strncat(troff, dashes[2 + i] == '-' ? "\\-" : (char[]){dashes[2 + i], 0},
                        sizeof troff - strlen(troff) - 1);
            cr_expect(strstr(man, troff), "planner %s --%.*s is not in docs/planner.1 (as %s)",
                      commands[c], (int)n, dashes + 2, troff);
            seen++;
        }
        cr_expect_geq(seen, 2, "%s --help: no options found in\n%s", commands[c], r.out);
        e2e_result_free(&r);
    }
    free(man);
}
