/* Unit tests of planner/plan_files.h and planner/summary.h: the plan
 * directory written from a solution built by hand.
 *
 * The main case is tests/plans/valid/ (tests/plans/README.md gives its
 * arithmetic): the same plan as a struct solution must give the same
 * calendar.csv, roster.csv and orders.csv byte for byte, and files that
 * `planner verify` accepts. Then the directory's all-or-nothing writes,
 * numbers whatever the locale, CSV quoting and the summary. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/date.h"
#include "models/diag.h"
#include "models/scenario.h"
#include "planner/number.h"
#include "planner/plan_files.h"
#include "planner/summary.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define SCENARIO "tests/plans/scenario/scenario.ini"
#define VALID "tests/plans/valid/"

static diag_list *D;
static struct scenario *S;
static struct solution *SOL;
static char *DIR_;

static void setup(void)
{
    D = diag_new();
    cr_assert_not_null(D);
    S = NULL;
    SOL = NULL;
    DIR_ = e2e_tmpdir();
    cr_assert_not_null(DIR_);
}

static void teardown(void)
{
    solution_free(SOL);
    scn_free(S);
    diag_free(D);
    if (DIR_) {
        /* Some tests leave a sub-directory or a blocker: clear them first. */
        char *sub = e2e_strf("%s/plan", DIR_);
        e2e_rmtree(sub);
        free(sub);
        e2e_rmtree(DIR_);
        free(DIR_);
    }
}

TestSuite(plan_files, .init = setup, .fini = teardown);
TestSuite(plan_numbers);
TestSuite(plan_summary, .init = setup, .fini = teardown);

/* ---- helpers ---------------------------------------------------------------- */

static int day(const char *text)
{
    int d;
    cr_assert_eq(date_parse(text, &d), 0, "bad date in the test: %s", text);
    return d;
}

static void load(const char *path)
{
    enum scn_status st = scn_load(path, D, &S);
    cr_assert_eq(st, SCN_OK, "%s: %s", path, scn_strerror(st));
    SOL = solution_new(S);
    cr_assert_not_null(SOL);
}

static int patient(const char *id)
{
    int p = scn_find_patient(S, id);
    cr_assert_geq(p, 0, "no patient %s", id);
    return p;
}

static void place(const char *id, const char *start, const char *process, const char *room)
{
    int p = patient(id);
    SOL->batch[p].start = day(start);
    SOL->batch[p].process = scn_find_process(S, process);
    SOL->batch[p].room = scn_find_room(S, room);
    cr_assert_geq(SOL->batch[p].process, 0);
    cr_assert_geq(SOL->batch[p].room, 0);
}

static void assign(const char *date, const char *person, const char *skill)
{
    int p = scn_find_person(S, person), k = scn_find_skill(S, skill);
    cr_assert(p >= 0 && k >= 0, "%s %s", person, skill);
    SOL->skill_of[(size_t)p * (size_t)SOL->ndays + (size_t)(day(date) - S->start)] = k;
}

/* tests/plans/valid/ as decisions (tests/plans/README.md, "The valid
 * plan"). */
static void valid_plan(void)
{
    load(SCENARIO);
    place("P001", "2027-02-26", "v1.0", "A1");
    place("P002", "2027-03-03", "v1.0", "A2");
    place("P003", "2027-03-09", "v1.0", "A1");
    place("P005", "2027-03-09", "v1.0", "A2");
    place("P004", "2027-03-15", "v1.1", "A2");
    place("P006", "2027-03-29", "v2.0", "C1");
    static const char *const roster[][3] = {
        {"2027-03-03", "alice", "operator"}, {"2027-03-03", "bob", "operator"},
        {"2027-03-05", "alice", "operator"}, {"2027-03-05", "carol", "qc"},
        {"2027-03-09", "alice", "operator"}, {"2027-03-09", "bob", "operator"},
        {"2027-03-10", "carol", "qc"},       {"2027-03-11", "alice", "operator"},
        {"2027-03-11", "bob", "operator"},   {"2027-03-15", "alice", "operator"},
        {"2027-03-15", "bob", "operator"},   {"2027-03-16", "carol", "qc"},
        {"2027-03-17", "alice", "operator"}, {"2027-03-22", "carol", "qc"}};
    for (size_t i = 0; i < sizeof roster / sizeof roster[0]; i++)
        assign(roster[i][0], roster[i][1], roster[i][2]);
    SOL->orders = malloc(sizeof *SOL->orders);
    cr_assert_not_null(SOL->orders);
    SOL->orders[0] = (struct sol_order){scn_find_material(S, "SCF"), day("2027-03-03"), 2};
    SOL->norders = 1;
    SOL->status = SOLVE_OPTIMAL;
    SOL->delay_bound = 3;
    SOL->gap = 0;
    SOL->seconds = 1.25;
}

static void write_ok(const char *dir)
{
    char err[512] = "";
    int rc = plan_files_write(S, SOL, dir, err, sizeof err);
    cr_assert_eq(rc, 0, "plan_files_write: %s", err);
}

static char *read_file(const char *dir, const char *name)
{
    char *path = e2e_strf("%s/%s", dir, name);
    size_t len;
    char *text = e2e_slurp(path, &len);
    cr_assert_not_null(text, "cannot read %s", path);
    free(path);
    return text;
}

static void same_file(const char *dir, const char *name)
{
    char *got = read_file(dir, name), *want = read_file(VALID, name);
    cr_expect_str_eq(got, want, "%s differs from " VALID "%s", name, name);
    free(got);
    free(want);
}

static void has_line(const char *dir, const char *name, const char *line)
{
    char *text = read_file(dir, name);
    cr_expect(e2e_has_line(text, line), "%s has no line '%s':\n%s", name, line, text);
    free(text);
}

/* The names in dir (not . and ..), space-separated, sorted. */
static char *listing(const char *dir)
{
    char *names[64];
    int n = 0;
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL && n < 64;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            names[n++] = e2e_strf("%s", e->d_name);
    closedir(d);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    char *out = e2e_strf("%s", "");
    for (int i = 0; i < n; i++) {
        char *next = e2e_strf("%s%s%s", out, i ? " " : "", names[i]);
        free(out);
        free(names[i]);
        out = next;
    }
    return out;
}

#define SIX_FILES "calendar.csv inventory.csv kpis.csv late.csv orders.csv plan.xlsx report.html room_grid.csv roster.csv"

/* ---- the valid plan ------------------------------------------------------------ */

Test(plan_files, valid_plan_byte_identical)
{
    valid_plan();
    write_ok(DIR_);
    same_file(DIR_, "calendar.csv");
    same_file(DIR_, "roster.csv");
    same_file(DIR_, "orders.csv");
}

Test(plan_files, verify_accepts_the_files)
{
    valid_plan();
    write_ok(DIR_);
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "verify", SCENARIO, DIR_, NULL), 0, "%s", r.err);
    cr_expect_eq(r.code, 0, "verify: exit %d\n%s%s", r.code, r.out, r.err);
    cr_expect(e2e_has_line(r.err, "plan is valid: 5 on time, 1 late, 1 unserved"), "%s", r.err);
    e2e_result_free(&r);
}

/* One row per plan day; a room's cell: manufacturing, then changeover,
 * "closed" only when unused. */
Test(plan_files, room_grid)
{
    valid_plan();
    write_ok(DIR_);
    char *text = read_file(DIR_, "room_grid.csv");
    cr_expect_eq(e2e_count_lines(text, "2027-"), 31, "%s", text);
    free(text);
    has_line(DIR_, "room_grid.csv", "date,A1,A2,C1");
    has_line(DIR_, "room_grid.csv", "2027-03-01,P001,,");
    has_line(DIR_, "room_grid.csv", "2027-03-03,changeover:P001,P002,");
    has_line(DIR_, "room_grid.csv", "2027-03-08,,changeover:P002,");
    has_line(DIR_, "room_grid.csv", "2027-03-09,P003,P005,");
    has_line(DIR_, "room_grid.csv", "2027-03-14,changeover:P003,changeover:P005,");
    has_line(DIR_, "room_grid.csv", "2027-03-16,,P004,");
    has_line(DIR_, "room_grid.csv", "2027-03-17,closed,P004,");
    has_line(DIR_, "room_grid.csv", "2027-03-18,closed,P004,");
    has_line(DIR_, "room_grid.csv", "2027-03-21,,changeover:P004,");
    has_line(DIR_, "room_grid.csv", "2027-03-22,,,");
    has_line(DIR_, "room_grid.csv", "2027-03-31,,,P006");
}

/* Two batches in one room: manufacturing first (by start), then the
 * changeover; and the plan days reach the last changeover after end. */
Test(plan_files, room_grid_shared_room)
{
    valid_plan();
    place("P002", "2027-03-03", "v1.0", "C1");
    place("P003", "2027-03-08", "v1.0", "C1");
    place("P007", "2027-03-30", "v1.1", "C1");   /* changeover to 04-05, qc step 04-06 */
    write_ok(DIR_);
    has_line(DIR_, "room_grid.csv", "2027-03-08,,,P003 changeover:P002");
    has_line(DIR_, "room_grid.csv", "2027-03-30,,,P006 P007");
    has_line(DIR_, "room_grid.csv", "2027-04-05,,,changeover:P007");
    has_line(DIR_, "room_grid.csv", "2027-04-06,,,");
    char *text = read_file(DIR_, "room_grid.csv");
    cr_expect_eq(e2e_count_lines(text, "2027-04-07"), 0, "%s", text);
    free(text);
    has_line(DIR_, "inventory.csv", "2027-04-06,SCF,0,0,0,0");
}

/* Every plan day for every material, date first. */
Test(plan_files, inventory)
{
    valid_plan();
    write_ok(DIR_);
    char *text = read_file(DIR_, "inventory.csv");
    cr_expect_eq(e2e_count_lines(text, "2027-"), 62, "%s", text);
    free(text);
    has_line(DIR_, "inventory.csv", "date,material,received,consumed,expired,on_hand");
    has_line(DIR_, "inventory.csv", "2027-03-01,KIT,10,0,0,10");
    has_line(DIR_, "inventory.csv", "2027-03-01,SCF,2,0,0,2");
    has_line(DIR_, "inventory.csv", "2027-03-03,KIT,0,1,0,9");
    has_line(DIR_, "inventory.csv", "2027-03-04,SCF,0,1,0,1");
    has_line(DIR_, "inventory.csv", "2027-03-08,SCF,2,0,0,3");
    has_line(DIR_, "inventory.csv", "2027-03-10,SCF,0,2,0,1");
    has_line(DIR_, "inventory.csv", "2027-03-16,SCF,0,1,0,0");
    has_line(DIR_, "inventory.csv", "2027-03-31,KIT,0,0,0,6");
}

/* Waste: without the order, nothing; with P002 moved away, the delivery
 * expires unused on 03-05. */
Test(plan_files, inventory_waste)
{
    valid_plan();
    SOL->batch[patient("P002")].start = DATE_NONE;
    write_ok(DIR_);
    has_line(DIR_, "inventory.csv", "2027-03-04,SCF,0,0,0,2");
    has_line(DIR_, "inventory.csv", "2027-03-05,SCF,0,0,1,1");
    has_line(DIR_, "kpis.csv", "waste_cost,100");
}

Test(plan_files, kpis)
{
    valid_plan();
    write_ok(DIR_);
    char *got = read_file(DIR_, "kpis.csv");
    cr_expect_str_eq(got, "kpi,value\n"
                          "patients,7\n"
                          "beyond_horizon,0\n"
                          "on_time,5\n"
                          "late,1\n"
                          "unserved,1\n"
                          "weighted_unserved,1\n"
                          "total_delay_days,3\n"
                          "weighted_delay,3\n"
                          "max_delay_days,3\n"
                          "room_utilization,0.254098\n"      /* 31 batch-days / 122 place-days */
                          "staff_utilization,0.139489\n"     /* 71 h / 509 h */
                          "room_cost,29500\n"
                          "material_cost,200\n"
                          "waste_cost,0\n"
                          "cost,29700\n"
                          "status,optimal\n"
                          "delay_bound,3\n"
                          "gap,0\n"
                          "solve_seconds,1.25\n"
                          "batches,6\n"
                          "orders,1\n");
    free(got);
}

Test(plan_files, kpis_without_bound)
{
    valid_plan();
    SOL->status = SOLVE_FEASIBLE;
    SOL->delay_bound = -1;
    SOL->gap = 0.0123456789;
    write_ok(DIR_);
    has_line(DIR_, "kpis.csv", "status,feasible");
    has_line(DIR_, "kpis.csv", "delay_bound,");
    has_line(DIR_, "kpis.csv", "gap,0.0123457");
}

/* A French locale writes 0,254098 with printf: the files must not. The
 * scenario is read first: its reader's strtod follows LC_NUMERIC too. */
Test(plan_files, kpis_decimal_point_whatever_the_locale)
{
    valid_plan();
    SOL->orders[0].quantity = 2.5;
    if (!setlocale(LC_ALL, "fr_FR.UTF-8") && !setlocale(LC_ALL, "de_DE.UTF-8"))
        cr_skip_test("no French or German locale installed");
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    cr_assert_str_eq(probe, "0,5", "the locale does not use a decimal comma");
    write_ok(DIR_);
    setlocale(LC_ALL, "C");
    has_line(DIR_, "kpis.csv", "room_utilization,0.254098");
    has_line(DIR_, "kpis.csv", "staff_utilization,0.139489");
    has_line(DIR_, "kpis.csv", "solve_seconds,1.25");
    has_line(DIR_, "orders.csv", "SCF,2027-03-03,2027-03-08,2.5,250");
    has_line(DIR_, "roster.csv", "2027-03-05,carol,qc,7.5,P001");
}

/* Nothing planned: every file still has its header. */
Test(plan_files, empty_plan_has_headers)
{
    load(SCENARIO);
    write_ok(DIR_);
    char *orders = read_file(DIR_, "orders.csv"), *roster = read_file(DIR_, "roster.csv");
    cr_expect_str_eq(orders, "material,order_date,arrival,quantity,cost\n");
    cr_expect_str_eq(roster, "date,person,skill,hours,patients\n");
    free(orders);
    free(roster);
    has_line(DIR_, "calendar.csv", "P001,PAR,v1.0,,2027-02-24,,,,,2027-03-10,,unserved");
    has_line(DIR_, "calendar.csv", "P007,PAR,,,2027-03-30,,,,,2027-04-02,,unserved");
    has_line(DIR_, "kpis.csv", "unserved,7");
    has_line(DIR_, "kpis.csv", "room_utilization,0");
}

/* Ids with a comma or a quote are quoted (RFC 4180). */
Test(plan_files, csv_quoting)
{
    load("tests/fixtures/plan-quoting/scenario.ini");
    SOL->batch[0] = (struct sol_batch){day("2027-01-05"), 0, 0};
    write_ok(DIR_);
    has_line(DIR_, "calendar.csv",
             "\"P\"\"Q\",PAR,v1.0,\"A,1\",2027-01-05,2027-01-05,2027-01-06,2027-01-08,2027-01-09,"
             "2027-01-20,0,on_time");
    has_line(DIR_, "room_grid.csv", "date,\"A,1\"");
    has_line(DIR_, "room_grid.csv", "2027-01-05,\"P\"\"Q\"");
    has_line(DIR_, "room_grid.csv", "2027-01-07,\"changeover:P\"\"Q\"");
    has_line(DIR_, "room_grid.csv", "2027-01-08,");
}

/* ---- the directory ------------------------------------------------------------- */

Test(plan_files, no_temporaries_after_success)
{
    valid_plan();
    write_ok(DIR_);
    write_ok(DIR_);   /* over an earlier plan */
    char *names = listing(DIR_);
    cr_expect_str_eq(names, SIX_FILES);
    free(names);
}

Test(plan_files, creates_the_directory)
{
    valid_plan();
    char *dir = e2e_strf("%s/plan", DIR_);
    write_ok(dir);
    char *names = listing(dir);
    cr_expect_str_eq(names, SIX_FILES);
    free(names);
    free(dir);
}

/* Missing parents are created, like mkdir -p. */
Test(plan_files, missing_parents_are_created)
{
    valid_plan();
    char *dir = e2e_strf("%s/runs/2027-w12/plan", DIR_);
    write_ok(dir);
    char *names = listing(dir);
    cr_expect_str_eq(names, SIX_FILES);
    free(names);
    e2e_rmtree(dir);
    char *mid = e2e_strf("%s/runs/2027-w12", DIR_), *top = e2e_strf("%s/runs", DIR_);
    rmdir(mid);
    rmdir(top);
    free(mid);
    free(top);
    free(dir);
}

Test(plan_files, dir_is_a_file)
{
    valid_plan();
    char err[512] = "";
    cr_assert_eq(e2e_write(DIR_, "file", "x\n", 2), 0);
    char *dir = e2e_strf("%s/file", DIR_);
    cr_expect_eq(plan_files_write(S, SOL, dir, err, sizeof err), -1);
    cr_expect(strstr(err, "not a directory"), "%s", err);
    free(dir);
    dir = e2e_strf("%s/file/plan", DIR_);
    err[0] = '\0';
    cr_expect_eq(plan_files_write(S, SOL, dir, err, sizeof err), -1);
    cr_expect(strstr(err, dir) != NULL, "%s", err);
    free(dir);
}

/* The sixth temporary cannot be created (a directory holds its name): the
 * five written are removed and the earlier plan is left as it was. */
Test(plan_files, failed_write_keeps_earlier_files)
{
    valid_plan();
    write_ok(DIR_);
    char *before[PLAN_FILES_N];
    for (int i = 0; i < PLAN_FILES_N; i++)
        before[i] = read_file(DIR_, plan_files[i].name);

    for (int p = 0; p < S->npatients; p++)
        SOL->batch[p].start = DATE_NONE;   /* a different plan */
    SOL->norders = 0;
    /* A directory where the staged kpis.csv goes (the staging directory
     * is beside the plan directory) makes the last write fail. */
    char *slash = strrchr(DIR_, '/');
    cr_assert(slash);
    char *staging = e2e_strf("%.*s/.%s.plan.tmp.%ld", (int)(slash - DIR_), DIR_, slash + 1,
                             (long)getpid());
    char *blocker = e2e_strf("%s/kpis.csv", staging);
    cr_assert_eq(mkdir(staging, 0777), 0);
    cr_assert_eq(mkdir(blocker, 0777), 0);
    char err[512] = "";
    cr_expect_eq(plan_files_write(S, SOL, DIR_, err, sizeof err), -1);
    cr_expect(strstr(err, ".plan.tmp.") != NULL && strstr(err, "kpis.csv") != NULL, "%s", err);
    rmdir(blocker);
    rmdir(staging);
    free(blocker);
    free(staging);

    for (int i = 0; i < PLAN_FILES_N; i++) {
        char *now = read_file(DIR_, plan_files[i].name);
        cr_expect_str_eq(now, before[i], "%s changed", plan_files[i].name);
        free(now);
        free(before[i]);
    }
    char *names = listing(DIR_);
    cr_expect_str_eq(names, SIX_FILES);
    free(names);
}

/* A directory where a file goes: found before any file is replaced. */
Test(plan_files, directory_in_a_files_place)
{
    valid_plan();
    write_ok(DIR_);
    char *before = read_file(DIR_, "calendar.csv");
    char *path = e2e_strf("%s/kpis.csv", DIR_);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(mkdir(path, 0777), 0);
    SOL->batch[patient("P002")].start = DATE_NONE;
    char err[512] = "";
    cr_expect_eq(plan_files_write(S, SOL, DIR_, err, sizeof err), -1);
    cr_expect(strstr(err, "kpis.csv: is a directory") != NULL, "%s", err);
    rmdir(path);
    free(path);
    char *now = read_file(DIR_, "calendar.csv");
    cr_expect_str_eq(now, before);
    free(now);
    free(before);
    char *names = listing(DIR_);
    cr_expect_str_eq(names, "calendar.csv inventory.csv late.csv orders.csv plan.xlsx report.html room_grid.csv roster.csv");
    free(names);
}

Test(plan_files, check_dir)
{
    char err[512] = "";
    char *dir = e2e_strf("%s/plan", DIR_);
    cr_expect_eq(plan_files_check_dir(dir, err, sizeof err), 0, "%s", err);
    char *names = listing(dir);
    cr_expect_str_eq(names, "", "a probe was left: %s", names);
    free(names);
    cr_expect_eq(plan_files_check_dir(dir, err, sizeof err), 0, "%s", err);   /* exists */
    free(dir);

    cr_assert_eq(e2e_write(DIR_, "file", "x\n", 2), 0);
    dir = e2e_strf("%s/file/plan", DIR_);
    cr_expect_eq(plan_files_check_dir(dir, err, sizeof err), -1);
    cr_expect(strstr(err, dir) != NULL, "%s", err);
    free(dir);
}

/* ---- numbers ---------------------------------------------------------------------- */

Test(plan_numbers, integers_and_six_digits)
{
    char b[NUM_BUFSZ];
    cr_expect_str_eq(num_figure(2, b), "2");
    cr_expect_str_eq(num_figure(0, b), "0");
    cr_expect_str_eq(num_figure(-0.0, b), "0");
    cr_expect_str_eq(num_figure(-3, b), "-3");
    cr_expect_str_eq(num_figure(0.1 + 0.2, b), "0.3");
    cr_expect_str_eq(num_figure(7.5, b), "7.5");
    cr_expect_str_eq(num_figure(31.0 / 122, b), "0.254098");
    cr_expect_str_eq(num_figure(0.000125, b), "0.000125");
    cr_expect_str_eq(num_figure(1234567.8, b), "1234568");
    cr_expect_str_eq(num_figure(12345.678, b), "12345.7");
    cr_expect_str_eq(num_figure(-0.5, b), "-0.5");
    cr_expect_str_eq(num_figure(1e-20, b), "0");
}

Test(plan_numbers, quantities_keep_their_digits)
{
    char b[NUM_BUFSZ];
    cr_expect_str_eq(num_quantity(0.1 + 0.2, b), "0.3");
    cr_expect_str_eq(num_quantity(123456.5, b), "123456.5");
    cr_expect_str_eq(num_quantity(1.0 / 3, b), "0.333333333");
    cr_expect_str_eq(num_quantity(7.5, b), "7.5");
    cr_expect_str_eq(num_quantity(10, b), "10");
    cr_expect_str_eq(num_quantity(-1e-17, b), "0");
}

Test(plan_numbers, money_to_the_cent)
{
    char b[NUM_BUFSZ];
    cr_expect_str_eq(num_money(12.5, b), "12.5");
    cr_expect_str_eq(num_money(120, b), "120");
    cr_expect_str_eq(num_money(0.01, b), "0.01");
    cr_expect_str_eq(num_money(0.1 * 3, b), "0.3");
    cr_expect_str_eq(num_money(1234.567, b), "1234.57");
    cr_expect_str_eq(num_money(0.001, b), "0");
}

/* ---- summary ---------------------------------------------------------------------- */

static char *summary(int quiet)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    struct plan_view v;
    cr_assert_eq(pv_build(&v, S, SOL), 0);
    plan_summary(f, &v, quiet);
    pv_free(&v);
    fclose(f);
    return text;
}

Test(plan_summary, what_a_planner_reads)
{
    valid_plan();
    char *text = summary(0);
    cr_log_info("%s", text);
    cr_expect(e2e_has_line(text, "Scenario   verify test scenario"), "%s", text);
    cr_expect(e2e_has_line(text, "Status     optimal, solved in 1.3 s"), "%s", text);
    cr_expect(e2e_has_line(text, "Patients   7: 5 on time, 1 late, 1 unserved (3 delay days in all, at most 3)"),
              "%s", text);
    cr_expect_eq(e2e_count_lines(text, "  P003     2027-03-15  2027-03-18   3 d  "), 1, "%s", text);
    cr_expect_eq(e2e_count_lines(text, "  P007     2027-04-02  unserved       -  "), 1, "%s", text);
    cr_expect(e2e_has_line(text, "  2027-03-03  SCF              2  vial  2027-03-08"), "%s", text);
    cr_expect(e2e_has_line(text, "Use        rooms 25.4 %, staff 13.9 %"), "%s", text);
    cr_expect(e2e_has_line(text, "Cost       29700 (rooms 29500, materials 200)"), "%s", text);
    cr_expect_lt(e2e_count_lines(text, ""), 40, "%s", text);
    free(text);
}

Test(plan_summary, quiet_is_one_line)
{
    valid_plan();
    char *text = summary(1);
    cr_expect_str_eq(text, "verify test scenario: optimal, 5 on time, 1 late, 1 unserved, cost 29700\n");
    free(text);
}

Test(plan_summary, time_limit_and_many_late)
{
    valid_plan();
    SOL->status = SOLVE_TIME_LIMIT;
    SOL->gap = 0.015;
    SOL->delay_bound = 1;
    SOL->seconds = 60;
    char *text = summary(0);
    cr_expect(e2e_has_line(text, "Status     time limit reached after 60 s: the best plan found; "
                                 "weighted delay 3, proven at least 1"), "%s", text);
    free(text);
    /* The delay proven, the cost not yet. */
    SOL->delay_bound = 3;
    text = summary(0);
    cr_expect(e2e_has_line(text, "Status     time limit reached after 60 s: the best plan found; "
                                 "delay proven optimal, cost gap 1.5 %"), "%s", text);
    free(text);
    /* Stopped before the cost level had any bound (gap 1 in kpis.csv). */
    SOL->gap = 1;
    text = summary(0);
    cr_expect(e2e_has_line(text, "Status     time limit reached after 60 s: the best plan found; "
                                 "delay proven optimal, no bound on the cost yet"), "%s", text);
    free(text);
    SOL->gap = 0.015;
    SOL->delay_bound = -1;
    text = summary(0);
    cr_expect(e2e_has_line(text, "Status     time limit reached after 60 s: the best plan found; "
                                 "no bound on the delay yet"), "%s", text);
    free(text);
}
