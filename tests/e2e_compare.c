/* End-to-end tests of `planner compare`: the built program compares the
 * small variants of tests/compare-cases/ (the tiny scenario as Base; T-02
 * due on the earliest day it can be delivered, so that one room makes
 * somebody late; the same with a second room B2, where everybody is on
 * time again; the same with allow_delay = no, which gets no plan; a
 * variant merging a missing file). What is asserted is what a user reads:
 * cells of compare.csv, the differing patients, exit codes, and that the
 * number of parallel plans changes nothing. */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define CASES "tests/compare-cases/"
#define BASE CASES "base/scenario.ini"
#define LATE CASES "late.ini"
#define ROOM CASES "room.ini"
#define REFUSE CASES "refuse.ini"
#define INVALID CASES "invalid.ini"

/* Runs, strings and directories are the test's (tests/e2e_util.h). */
#define STR E2E_STR
#define own e2e_own
/* planner ARGS... NULL with the exit status expected. */
#define run e2e_planner_exit

TestSuite(e2e_compare, .fini = e2e_release_all);

/* DIR/name under the test's own directory (not made). */
static const char *out(const char *name)
{
    static const char *tmp;
    if (!tmp)
        tmp = e2e_test_dir();
    return STR("%s/%s", tmp, name);
}

static char *slurp(const char *path)
{
    size_t len;
    char *text = e2e_slurp(path, &len);
    cr_assert_not_null(text, "cannot read %s", path);
    return own(text);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* ---- the table and the patients ------------------------------------------ */

Test(e2e_compare, three_scenarios_cells_and_patients)
{
    const char *dir = out("cmp");
    struct e2e_result *r = run(1, "compare", BASE, LATE, ROOM, "-o", dir, "-j", "2", NULL);
    const char *csv = slurp(STR("%s/compare.csv", dir));
    /* Header: the scenarios' names, quoted where they hold a comma. */
    cr_assert(e2e_has_line(csv, "kpi,Base,Tight T-02,\"Tight T-02, room B2\""), "%s", csv);
    /* kpis.csv's rows in its order, first. */
    cr_assert(strncmp(csv, "kpi,Base,Tight T-02,\"Tight T-02, room B2\"\npatients,3,3,3\n"
                           "beyond_horizon,0,0,0\non_time,3,2,3\nlate,0,1,0\nunserved,0,0,0\n",
                      strlen("kpi,Base,Tight T-02,\"Tight T-02, room B2\"\npatients,3,3,3\n"
                             "beyond_horizon,0,0,0\non_time,3,2,3\nlate,0,1,0\nunserved,0,0,0\n")) == 0,
              "%s", csv);
    /* One room: T-02 waits for T-01's batch and its changeover, 6 days late. */
    cr_assert(e2e_has_line(csv, "total_delay_days,0,6,0"), "%s", csv);
    cr_assert(e2e_has_line(csv, "weighted_delay,0,6,0"), "%s", csv);
    cr_assert(e2e_has_line(csv, "cost,40500,40500,40500"), "%s", csv);
    /* The wall clock differs from run to run: never in the comparison. */
    cr_assert_eq(e2e_count_lines(csv, "solve_seconds"), 0, "%s", csv);
    /* Per room: 12 of 21 place-days in B1 (3 batches x 7 + changeovers,
     * as kpis.csv counts them); with B2, 8 and 4 of 21. */
    cr_assert(e2e_has_line(csv, "room_utilization:B1,0.571429,0.571429,0.380952"), "%s", csv);
    cr_assert(e2e_has_line(csv, "room_utilization:B2,,,0.190476"), "%s", csv);
    cr_assert(e2e_has_line(csv, "staff_utilization:operator,0.133333,0.133333,0.133333"), "%s", csv);
    /* What binds, from each plan's late.csv: B1 holds T-02 back in one room. */
    cr_assert(e2e_has_line(csv, "binds:room:B1,0,1,0"), "%s", csv);
    cr_assert_eq(e2e_count_lines(csv, "binds:"), 1, "%s", csv);
    /* The patients that differ from Base: T-02 only, in the one-room variant. */
    cr_assert_str_eq(slurp(STR("%s/differences.csv", dir)),
                     "patient,scenario,base_status,base_delay_days,status,delay_days\n"
                     "T-02,Tight T-02,on_time,0,late,6\n");
    cr_assert(e2e_has_line(r->out, "  T-02         on_time (0 d) -> late (6 d)"), "%s", r->out);
    cr_assert(e2e_has_line(r->out, "  none"), "%s", r->out);
    /* The aligned table shows the difference to the first scenario. */
    cr_assert_not_null(strstr(r->out, "6 (+6)"), "%s", r->out);
    /* A plan directory per scenario, in the order given, that verify accepts. */
    cr_assert(exists(STR("%s/01-base/calendar.csv", dir)));
    cr_assert(exists(STR("%s/02-tight-t-02/kpis.csv", dir)));
    const char *third = STR("%s/03-tight-t-02-room-b2", dir);
    cr_assert(exists(STR("%s/calendar.csv", third)));
    run(0, "verify", ROOM, third, NULL);
    /* The plans side by side in one page: each scenario's name and rooms. */
    const char *html = slurp(STR("%s/report.html", dir));
    cr_assert_not_null(strstr(html, "Tight T-02, room B2"), "the report does not name the third scenario");
    int charts = 0;
    for (const char *p = strstr(html, "<svg"); p; p = strstr(p + 1, "<svg"))
        charts++;
    /* At least a chart per scenario (its rooms at a glance). */
    cr_assert_geq(charts, 3, "%d charts in the report", charts);
    cr_assert_null(strstr(html, "<script"), "a script in the report");
    cr_assert_not_null(strstr(r->out, STR("%s/report.html", dir)), "%s", r->out);
}

Test(e2e_compare, all_on_time_exits_0)
{
    const char *dir = out("cmp");
    run(0, "compare", BASE, ROOM, "-o", dir, "-q", NULL);
    cr_assert(e2e_has_line(slurp(STR("%s/compare.csv", dir)), "late,0,0"));
}

Test(e2e_compare, parallel_changes_nothing)
{
    const char *one = out("one"), *two = out("two");
    struct e2e_result *a = run(1, "compare", BASE, LATE, ROOM, "-o", one, "-j", "1", NULL);
    struct e2e_result *b = run(1, "compare", BASE, LATE, ROOM, "-o", two, "-j", "2", NULL);
    cr_assert_str_eq(slurp(STR("%s/compare.csv", one)), slurp(STR("%s/compare.csv", two)));
    cr_assert_str_eq(slurp(STR("%s/differences.csv", one)), slurp(STR("%s/differences.csv", two)));
    cr_assert_str_eq(slurp(STR("%s/report.html", one)), slurp(STR("%s/report.html", two)));
    /* stdout up to the last line, which names the directory. */
    const char *ea = strstr(a->out, "\nPlans in "), *eb = strstr(b->out, "\nPlans in ");
    cr_assert(ea && eb);
    cr_assert_eq(ea - a->out, eb - b->out);
    cr_assert(memcmp(a->out, b->out, (size_t)(ea - a->out)) == 0, "%s\n---\n%s", a->out, b->out);
}

/* ---- exit codes --------------------------------------------------------- */

Test(e2e_compare, invalid_variant_plans_nothing)
{
    const char *dir = out("cmp");
    struct e2e_result *r = run(2, "compare", BASE, LATE, INVALID, "-o", dir, NULL);
    cr_assert_not_null(strstr(r->err, "missing.csv"), "%s", r->err);
    cr_assert_not_null(strstr(r->err, "nothing planned"), "%s", r->err);
    cr_assert(!exists(dir), "%s made although a scenario is invalid", dir);
}

Test(e2e_compare, usage_errors)
{
    const char *dir = out("cmp");
    struct e2e_result *r = run(2, "compare", BASE, "-o", dir, NULL);
    cr_assert_not_null(strstr(r->err, "usage: planner compare"), "%s", r->err);
    run(2, "compare", BASE, LATE, "-j", "0", "-o", dir, NULL);
    run(2, "compare", BASE, LATE, "-j", "1.5", "-o", dir, NULL);
    cr_assert(!exists(dir));
}

Test(e2e_compare, scenario_without_plan_exits_3)
{
    const char *dir = out("cmp");
    struct e2e_result *r = run(3, "compare", BASE, REFUSE, "-o", dir, NULL);
    /* The child's own reason is passed on. */
    cr_assert_not_null(strstr(r->err, "allow_delay = no"), "%s", r->err);
    cr_assert_not_null(strstr(r->err, "refuse.ini: no plan"), "%s", r->err);
    /* The other scenarios are compared all the same, the missing column empty. */
    const char *csv = slurp(STR("%s/compare.csv", dir));
    cr_assert(e2e_has_line(csv, "kpi,Base,\"Tight T-02, no delay allowed\""), "%s", csv);
    cr_assert(e2e_has_line(csv, "patients,3,"), "%s", csv);
    cr_assert(!exists(STR("%s/02-tight-t-02-no-delay-allowed/calendar.csv", dir)));
}
