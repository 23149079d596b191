/* End-to-end tests of the explanations: late.csv names every cause of a
 * late or unserved patient (every room with its state, every skill and
 * every material short), one row each, and the summary's one-line reason
 * no longer names a full room alone where another was closed. Scenarios:
 * tests/explain-cases/ (each scenario.ini says what binds and why). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/e2e_util.h"

static struct e2e_result r;
static char *dir;

static void release(void)
{
    e2e_result_free(&r);
    if (dir)
        e2e_rmtree(dir);
    free(dir);
    dir = NULL;
}

TestSuite(e2e_explain, .fini = release);

static char *plan_late_csv(const char *ini, int want_code)
{
    dir = e2e_tmpdir();
    cr_assert_not_null(dir);
    cr_assert_eq(e2e_planner(&r, "plan", ini, "-o", dir, NULL), 0);
    cr_assert(r.exited && r.code == want_code, "exit %d\n%s", r.code, r.err);
    char *path = e2e_strf("%s/late.csv", dir);
    size_t len;
    char *text = e2e_slurp(path, &len);
    free(path);
    cr_assert_not_null(text, "no late.csv in %s", dir);
    return text;
}

Test(e2e_explain, every_cause_one_row_each)
{
    char *csv = plan_late_csv("tests/explain-cases/every-cause/scenario.ini", 1);
    cr_expect_str_eq(csv,
                     "patient,status,delay_days,resource,kind,date,detail\n"
                     "L,unserved,,B1,room,2027-03-02,room B1 closed on 2027-03-02\n"
                     "L,unserved,,B2,room,2027-03-02,room B2 full on 2027-03-02 with A\n"
                     "L,unserved,,operator,skill,2027-03-02,\"skill operator short on 2027-03-02: "
                     "10 h needed, 5 h free\"\n"
                     "L,unserved,,KIT,material,2027-03-02,material KIT short on 2027-03-02; an order "
                     "placed on 2027-03-01 arrives on 2027-04-30\n"
                     "L,unserved,,PLATE,material,2027-03-02,material PLATE short on 2027-03-02; an "
                     "order placed on 2027-03-01 arrives on 2027-04-30\n");
    free(csv);
    /* The summary's one line names the closed room too. */
    cr_assert_not_null(strstr(r.out, "room B2 full on 2027-03-02; room B1 closed on 2027-03-02"), "%s",
                       r.out);
}

Test(e2e_explain, late_patient_names_who_fills_the_room)
{
    char *csv = plan_late_csv("tests/compare-cases/late.ini", 1);
    cr_expect_str_eq(csv, "patient,status,delay_days,resource,kind,date,detail\n"
                          "T-02,late,6,B1,room,2027-03-04,room B1 full on 2027-03-04 with T-01\n");
    free(csv);
}

Test(e2e_explain, on_time_plan_has_only_the_header)
{
    char *csv = plan_late_csv("tests/compare-cases/base/scenario.ini", 0);
    cr_expect_str_eq(csv, "patient,status,delay_days,resource,kind,date,detail\n");
    free(csv);
}
