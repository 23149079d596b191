/* The plan's files opened by a real client: LibreOffice Calc (headless
 * soffice, Debian libreoffice-calc-nogui) converts plan.xlsx and the ';'
 * CSV files to flat OpenDocument (.fods), under fr_FR.UTF-8 and under C,
 * and the tests read back what Calc made of each cell: a date cell is a
 * date (office:value-type="date"), a number a number ("float"), not text.
 *
 * Heavy (about 10 s per soffice start): not part of make check; make
 * test-clients runs it, and CI does. Never under valgrind (tests/valgrind.sh
 * skips soffice). Each test has its own LibreOffice profile and HOME, so
 * that two runs (or a user's Calc) never share one. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define SCENARIO "tests/plans/scenario/scenario.ini"
#define SOFFICE "/usr/bin/soffice"
#define SOFFICE_TIMEOUT_S 300.0     /* a hang guard: a first start takes ~10 s */

/* ';', '"', UTF-8, from line 1, no column types, the locale's language,
 * quoted fields not forced to text, special numbers (dates) detected. */
#define CSV_SEMICOLON "CSV:59,34,76,1,,0,false,true"

static char *TMP;

static void setup(void)
{
    TMP = e2e_tmpdir();
    cr_assert_not_null(TMP);
}

static void teardown(void)
{
    if (TMP) {
        struct e2e_result r;
        const char *argv[] = {"/bin/rm", "-rf", TMP, NULL};   /* the profile is a tree */
        e2e_run(&r, 60, argv);
        e2e_result_free(&r);
        free(TMP);
    }
}

TestSuite(libreoffice, .init = setup, .fini = teardown, .timeout = 900);

/* planner plan SCENARIO -o TMP/NAME with one more option pair (or none). */
static char *plan(const char *ini, const char *name, const char *opt, const char *value)
{
    char *dir = e2e_strf("%s/%s", TMP, name);
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "plan", ini, "-q", "-o", dir, opt, value, (char *)NULL), 0);
    cr_assert_eq(r.code, 1, "plan %s %s: exit %d: %s", ini, opt ? opt : "", r.code, r.err);
    e2e_result_free(&r);
    return dir;
}

/* soffice converts file to TMP/out-LOCALE/BASE.fods under locale (with
 * the CSV import filter infilter, or NULL); returns the .fods text. */
static char *to_fods(const char *file, const char *locale, const char *infilter)
{
    char *lc = e2e_strf("LC_ALL=%s", locale), *lang = e2e_strf("LANG=%s", locale);
    char *home = e2e_strf("HOME=%s", TMP);
    char *profile = e2e_strf("-env:UserInstallation=file://%s/profile-%s", TMP, locale);
    char *outdir = e2e_strf("%s/out-%s", TMP, locale);
    char *filter = infilter ? e2e_strf("--infilter=%s", infilter) : e2e_strf("--norestore");
    const char *argv[] = {"/usr/bin/env", lc, lang, home, SOFFICE, profile, "--headless", filter,
                          "--convert-to", "fods", "--outdir", outdir, file, NULL};
    struct e2e_result r;
    cr_assert_eq(e2e_run(&r, SOFFICE_TIMEOUT_S, argv), 0, "cannot start soffice: %s", r.err);
    cr_assert_eq(r.code, 0, "soffice %s: exit %d\n%s%s", file, r.code, r.out, r.err);
    const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    const char *dot = strrchr(base, '.');
    char *out = e2e_strf("%s/%.*s.fods", outdir, (int)(dot ? dot - base : (long)strlen(base)), base);
    size_t len;
    char *text = e2e_slurp(out, &len);
    cr_assert_not_null(text, "soffice wrote no %s:\n%s%s", out, r.out, r.err);
    e2e_result_free(&r);
    free(out);
    free(lc);
    free(lang);
    free(home);
    free(profile);
    free(outdir);
    free(filter);
    return text;
}

/* The <table:table> named name in a .fods text (caller frees). */
static char *sheet(const char *fods, const char *name)
{
    char *tag = e2e_strf("<table:table table:name=\"%s\"", name);
    const char *at = strstr(fods, tag);
    cr_assert_not_null(at, "no sheet %s", name);
    const char *end = strstr(at, "</table:table>");
    cr_assert_not_null(end);
    free(tag);
    return e2e_strf("%.*s", (int)(end - at), at);
}

static void expect_date(const char *xml, const char *date, const char *what)
{
    char *want = e2e_strf("office:value-type=\"date\" office:date-value=\"%s\"", date);
    cr_expect(strstr(xml, want), "%s: %s is not a date cell", what, date);
    free(want);
}

static void expect_number(const char *xml, const char *value, const char *what)
{
    char *want = e2e_strf("office:value-type=\"float\" office:value=\"%s\"", value);
    cr_expect(strstr(xml, want), "%s: %s is not a number cell", what, value);
    free(want);
}

static void expect_text(const char *xml, const char *text, const char *what)
{
    char *want = e2e_strf("<text:p>%s</text:p>", text);
    cr_expect(strstr(xml, want), "%s: no text cell '%s'", what, text);
    free(want);
}

/* plan.xlsx: every sheet; dates, numbers and the Gantt's day headers. */
static void check_xlsx(const char *locale)
{
    char *dir = plan(SCENARIO, "plan", NULL, NULL);
    char *file = e2e_strf("%s/plan.xlsx", dir);
    char *fods = to_fods(file, locale, NULL);
    const char *names[] = {"Calendar", "Rooms", "Roster", "Orders", "Inventory", "KPIs"};
    for (int i = 0; i < 6; i++) {
        char *s = sheet(fods, names[i]);
        free(s);
    }
    char *cal = sheet(fods, "Calendar");
    expect_date(cal, "2027-02-26", "Calendar, P001's start");
    expect_date(cal, "2027-04-06", "Calendar, P007's delivery");
    expect_number(cal, "4", "Calendar, P007's delay_days");
    expect_text(cal, "late", "Calendar, P007's status");
    char *rooms = sheet(fods, "Rooms");
    expect_date(rooms, "2027-03-01", "Rooms, the first day");
    expect_text(rooms, "P002", "Rooms, P002's batch");
    char *orders = sheet(fods, "Orders");
    expect_date(orders, "2027-03-04", "Orders, order_date");
    expect_number(orders, "200", "Orders, cost");
    char *kpis = sheet(fods, "KPIs");
    expect_number(kpis, "0.238095", "KPIs, room_utilization");
    expect_text(kpis, "optimal", "KPIs, status");
    free(cal);
    free(rooms);
    free(orders);
    free(kpis);
    free(fods);
    free(file);
    free(dir);
}

Test(libreoffice, xlsx_under_fr_FR)
{
    check_xlsx("fr_FR.UTF-8");
}

Test(libreoffice, xlsx_under_C)
{
    check_xlsx("C");
}

/* The ';' CSV files as the user's Calc opens them. */
static void check_csv(const char *dir, const char *locale)
{
    char *kpis_csv = e2e_strf("%s/kpis.csv", dir), *cal_csv = e2e_strf("%s/calendar.csv", dir);
    char *kpis = to_fods(kpis_csv, locale, CSV_SEMICOLON);
    expect_number(kpis, "0.238095", "kpis.csv, room_utilization");
    expect_number(kpis, "25700", "kpis.csv, cost");
    expect_text(kpis, "room_utilization", "kpis.csv, first column");
    char *cal = to_fods(cal_csv, locale, CSV_SEMICOLON);
    expect_text(cal, "patient", "calendar.csv, header (no BOM left in it)");
    expect_date(cal, "2027-02-26", "calendar.csv, P001's start");
    expect_number(cal, "4", "calendar.csv, P007's delay_days");
    free(kpis);
    free(cal);
    free(kpis_csv);
    free(cal_csv);
}

/* excel-fr: ';', a decimal comma and a BOM, for a French spreadsheet. */
Test(libreoffice, excel_fr_csv_under_fr_FR)
{
    char *dir = plan(SCENARIO, "plan", "--csv", "excel-fr");
    check_csv(dir, "fr_FR.UTF-8");
    free(dir);
}

/* [output] delimiter = ";" with the decimal point: any locale. */
Test(libreoffice, semicolon_csv_under_C)
{
    char cwd[PATH_MAX];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    char *text = e2e_strf("[scenario]\nbase = %s/" SCENARIO "\n\n[output]\ndelimiter = \";\"\n", cwd);
    cr_assert_eq(e2e_write(TMP, "s.ini", text, strlen(text)), 0);
    char *ini = e2e_strf("%s/s.ini", TMP);
    char *dir = plan(ini, "plan", NULL, NULL);
    check_csv(dir, "C");
    free(dir);
    free(ini);
    free(text);
}
