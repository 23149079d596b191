/* planner verify: plan_read through its public surface, then the command
 * end to end on hand-computed plans.
 *
 * tests/plans/scenario/ is a small scenario (one site, three process
 * versions, three rooms, three persons, two materials) and
 * tests/plans/valid/ a plan for it computed by hand (tests/plans/README.md
 * gives the arithmetic). Every other directory of tests/plans/ is a copy of
 * the valid plan with one rule broken, and the test names the exact
 * violation text it must produce. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "models/date.h"
#include "models/diag.h"
#include "models/plan_read.h"
#include "models/scenario.h"
#include "tests/e2e_util.h"

#define SCENARIO "tests/plans/scenario/scenario.ini"

/* ---- running the program -------------------------------------------------- */

struct run {
    int status;         /* exit status, or -1 if it did not exit */
    char *out, *err;    /* what it wrote (malloc'd, NUL-terminated) */
};

/* Runs PLANNER_BIN with args (NULL-terminated, without the program name),
 * from the source tree's root, under e2e_run's hang guard, and collects
 * stdout and stderr. */
static struct run run_planner(const char *const *args)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = PLANNER_BIN;
    for (; *args && n < 15; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    struct e2e_result e;
    int rc = e2e_run(&e, E2E_TIMEOUT_S, argv);
    cr_assert_eq(rc, 0, "cannot run %s: %s", PLANNER_BIN, e.err);
    struct run r = {e.exited ? e.code : -1, e.out, e.err};
    e.out = e.err = NULL;   /* now r's */
    e2e_result_free(&e);
    return r;
}

static void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
}

static struct run verify(const char *scenario, const char *plan)
{
    const char *args[] = {"verify", scenario, plan, NULL};
    return run_planner(args);
}

/* The plan tests/plans/<name> breaks rules: exit 1 and exactly these lines
 * on stdout. */
static void expect_violations(const char *scenario, const char *name, const char *lines)
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/plans/%s", name);
    struct run r = verify(scenario, dir);
    cr_expect_eq(r.status, 1, "%s: exit %d, stderr:\n%s", name, r.status, r.err);
    cr_expect_str_eq(r.out, lines, "%s: stdout differs", name);
    run_free(&r);
}

/* The plan cannot be read: exit 2, nothing on stdout, where on stderr. */
static void expect_unreadable(const char *name, const char *where)
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/plans/%s", name);
    struct run r = verify(SCENARIO, dir);
    cr_expect_eq(r.status, 2, "%s: exit %d", name, r.status);
    cr_expect_str_empty(r.out, "%s: stdout: %s", name, r.out);
    cr_expect(strstr(r.err, where) != NULL, "%s: stderr lacks '%s':\n%s", name, where, r.err);
    run_free(&r);
}

/* ---- plan_read ------------------------------------------------------------- */

struct loaded {
    diag_list *sd;      /* the scenario's diagnostics */
    diag_list *d;       /* the plan's */
    struct scenario *s;
    struct plan *p;
    enum plan_status st;
};

static struct loaded load(const char *scenario, const char *dir)
{
    struct loaded L = {.sd = diag_new(), .d = diag_new()};
    cr_assert(L.sd && L.d);
    cr_assert_eq(scn_load(scenario, L.sd, &L.s), SCN_OK);
    L.st = plan_read(dir, L.s, L.d, &L.p);
    return L;
}

static void unload(struct loaded *L)
{
    plan_free(L->p);
    scn_free(L->s);
    diag_free(L->sd);
    diag_free(L->d);
}

static int day(const char *iso)
{
    int d;
    cr_assert_eq(date_parse(iso, &d), 0);
    return d;
}

Test(verify_read, valid_plan_rows_resolve)
{
    struct loaded L = load(SCENARIO, "tests/plans/valid");
    cr_assert_eq(L.st, PLAN_OK);
    cr_assert_eq(L.p->nbatches, 7);
    cr_assert_eq(L.p->nroster, 14);
    cr_assert_eq(L.p->norders, 1);
    const struct plan_batch *b = &L.p->batches[2];   /* P003 */
    cr_expect_str_eq(b->patient_id, "P003");
    cr_expect_eq(b->patient, scn_find_patient(L.s, "P003"));
    cr_expect_eq(b->room, scn_find_room(L.s, "A1"));
    cr_expect_eq(b->process, scn_find_process(L.s, "v1.0"));
    cr_expect_eq(b->start, day("2027-03-09"));
    cr_expect_eq(b->delivery, day("2027-03-18"));
    cr_expect_eq(b->delay_days, 3);
    cr_expect_eq(b->status, PLAN_LATE);
    cr_expect_eq(b->line, 4);
    const struct plan_batch *u = &L.p->batches[6];   /* P007, unserved */
    cr_expect_eq(u->status, PLAN_UNSERVED);
    cr_expect_null(u->room_id);
    cr_expect_eq(u->room, -1);
    cr_expect_eq(u->start, DATE_NONE);
    cr_expect_eq(u->delay_days, PLAN_BLANK);
    const struct plan_assignment *a = &L.p->roster[4];  /* 2027-03-09 alice */
    cr_expect_eq(a->person, scn_find_person(L.s, "alice"));
    cr_expect_eq(a->skill, scn_find_skill(L.s, "operator"));
    cr_expect_eq(a->npatients, 2);
    cr_expect_str_eq(a->patients[1], "P005");
    cr_expect_eq(L.p->orders[0].material, scn_find_material(L.s, "SCF"));
    cr_expect_eq(L.p->orders[0].arrival, day("2027-03-08"));
    cr_expect_float_eq(L.p->orders[0].cost, 200.0, 1e-9);
    cr_expect_eq(L.p->roster_has_patients, 1);
    unload(&L);
}

/* Columns by name in any order, a byte-order mark, CRLF, spaces and case
 * in the header: the same plan. */
Test(verify_read, reordered_columns_read_the_same)
{
    struct loaded A = load(SCENARIO, "tests/plans/valid");
    struct loaded B = load(SCENARIO, "tests/plans/valid-reordered");
    cr_assert_eq(B.st, PLAN_OK);
    cr_assert_eq(B.p->nbatches, A.p->nbatches);
    for (int i = 0; i < A.p->nbatches; i++) {
        const struct plan_batch *a = &A.p->batches[i], *b = &B.p->batches[i];
        cr_expect_eq(a->patient, b->patient);
        cr_expect_eq(a->room, b->room);
        cr_expect_eq(a->start, b->start);
        cr_expect_eq(a->release, b->release);
        cr_expect_eq(a->status, b->status);
    }
    cr_assert_eq(B.p->nroster, A.p->nroster);
    cr_assert_eq(B.p->norders, A.p->norders);
    cr_expect_float_eq(B.p->orders[0].quantity, 2.0, 1e-9);
    unload(&A);
    unload(&B);
}

Test(verify_read, unknown_id_is_an_error_but_the_plan_is_kept)
{
    struct loaded L = load(SCENARIO, "tests/plans/unknown-room");
    cr_assert_eq(L.st, PLAN_UNRESOLVED);
    cr_assert_not_null(L.p);
    cr_expect_eq(diag_errors(L.d), 1);
    const struct diag *g = diag_get(L.d, 0);
    cr_expect_str_eq(g->file, "tests/plans/unknown-room/calendar.csv");
    cr_expect_eq(g->line, 6);
    cr_expect_str_eq(g->msg, "column 'room': 'Z9' is not a room in rooms.csv");
    cr_expect_str_eq(L.p->batches[4].room_id, "Z9");
    cr_expect_eq(L.p->batches[4].room, -1);
    unload(&L);
}

Test(verify_read, bad_cell_makes_the_plan_unreadable)
{
    struct loaded L = load(SCENARIO, "tests/plans/bad-date");
    cr_expect_eq(L.st, PLAN_UNREADABLE);
    cr_expect_null(L.p);
    cr_assert_eq(diag_errors(L.d), 1);
    cr_expect_eq(diag_get(L.d, 0)->line, 4);
    unload(&L);
}

Test(verify_read, missing_orders_is_no_orders)
{
    struct loaded L = load(SCENARIO, "tests/plans/no-orders");
    cr_assert_eq(L.st, PLAN_OK);
    cr_expect_eq(L.p->norders, 0);
    cr_expect_null(L.p->orders_path);
    unload(&L);
}

Test(verify_read, missing_roster_is_an_error_when_there_are_steps)
{
    struct loaded L = load(SCENARIO, "tests/plans/no-roster");
    cr_expect_eq(L.st, PLAN_UNREADABLE);
    unload(&L);
}

Test(verify_read, missing_calendar_is_an_error)
{
    struct loaded L = load(SCENARIO, "tests/plans/no-calendar");
    cr_expect_eq(L.st, PLAN_UNREADABLE);
    unload(&L);
}

/* ---- the command: valid plans ---------------------------------------------- */

Test(verify_cmd, valid_plan)
{
    struct run r = verify(SCENARIO, "tests/plans/valid");
    cr_expect_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_expect_str_empty(r.out);
    cr_expect(strstr(r.err, "plan is valid: 5 on time, 1 late, 1 unserved\n") != NULL, "%s", r.err);
    run_free(&r);
}

Test(verify_cmd, valid_plan_reordered_columns_crlf_bom)
{
    struct run r = verify(SCENARIO, "tests/plans/valid-reordered");
    cr_expect_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_expect_str_empty(r.out);
    run_free(&r);
}

Test(verify_cmd, quiet_prints_nothing_for_a_valid_plan)
{
    const char *args[] = {"verify", "-q", SCENARIO, "tests/plans/valid", NULL};
    struct run r = run_planner(args);
    cr_expect_eq(r.status, 0);
    cr_expect_str_empty(r.out);
    cr_expect_str_empty(r.err);
    run_free(&r);
}

/* The roster's patients column is informational: a warning, not a
 * violation. */
Test(verify_cmd, roster_patients_column_mismatch_warns)
{
    struct run r = verify(SCENARIO, "tests/plans/roster-patients");
    cr_expect_eq(r.status, 0, "stdout:\n%s", r.out);
    cr_expect_str_empty(r.out);
    cr_expect(strstr(r.err, "tests/plans/roster-patients/roster.csv:6: warning: alice on 2027-03-09 "
                            "(operator): the patients column says 'P003', but the operator steps of "
                            "that day are for P003 P005\n") != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "tests/plans/roster-patients/roster.csv:15: warning: carol on 2027-03-22 "
                            "(qc): the patients column says 'P004 P006', but the qc steps of that "
                            "day are for P004\n") != NULL, "%s", r.err);
    run_free(&r);
}

Test(verify_cmd, help_and_usage)
{
    const char *help[] = {"verify", "--help", NULL};
    struct run r = run_planner(help);
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.out, "Usage: planner verify [-q] SCENARIO.ini DIR") != NULL);
    run_free(&r);
    const char *one[] = {"verify", SCENARIO, NULL};
    r = run_planner(one);
    cr_expect_eq(r.status, 2);
    run_free(&r);
    const char *three[] = {"verify", SCENARIO, "tests/plans/valid", "x", NULL};
    r = run_planner(three);
    cr_expect_eq(r.status, 2);
    run_free(&r);
    const char *opt[] = {"verify", "--frobnicate", SCENARIO, "tests/plans/valid", NULL};
    r = run_planner(opt);
    cr_expect_eq(r.status, 2);
    run_free(&r);
}

/* ---- the command: one broken rule per plan ----------------------------------- */

/* calendar */
Test(verify_calendar, start_before_ready)
{
    expect_violations(SCENARIO, "start-before-ready",
                      "P006: starts 2027-03-23, before its ready day 2027-03-24\n");
}

Test(verify_calendar, start_on_a_wrong_weekday)
{
    expect_violations(SCENARIO, "wrong-weekday",
                      "P006: starts 2027-03-25, a Thursday, not an allowed start day of v2.0 (Mon-Wed)\n");
}

Test(verify_calendar, hold_exceeded)
{
    expect_violations(SCENARIO, "hold-exceeded",
                      "P006: starts 2027-03-30, 6 days after ready 2027-03-24, more than the "
                      "patient's max_hold 5\n");
}

Test(verify_calendar, wrong_process_version)
{
    expect_violations(SCENARIO, "wrong-version",
                      "P004: process v1.0, but a batch of P004 starting 2027-03-15 uses v1.1\n");
}

Test(verify_calendar, room_of_the_wrong_type)
{
    expect_violations(SCENARIO, "room-type",
                      "P004: room C1 is of type 'other', but v1.1 needs a room of type 'clean'\n");
}

Test(verify_calendar, wrong_end_release_delivery_delay)
{
    expect_violations(SCENARIO, "wrong-dates",
                      "P002: end 2027-03-08, but a batch of v1.0 started 2027-03-03 ends on 2027-03-07\n"
                      "P003: delay_days 2, but delivery 2027-03-18 and due 2027-03-15 give 3\n"
                      "P005: release 2027-03-18, but v1.0 (5 manufacturing + 3 QC days) started "
                      "2027-03-09 gives 2027-03-17\n"
                      "P004: delivery 2027-03-24, but release 2027-03-22, shipping on Mon-Thu and 1 "
                      "day to PAR give 2027-03-23\n");
}

Test(verify_calendar, wrong_status)
{
    expect_violations(SCENARIO, "wrong-status",
                      "P002: status late, but the batch is delivered on time\n"
                      "P003: status on_time, but the batch is delivered 3 days late\n");
}

Test(verify_calendar, missing_patient)
{
    expect_violations(SCENARIO, "missing-patient",
                      "P005: missing from calendar.csv (every patient of the scenario has one row)\n");
}

Test(verify_calendar, duplicate_patient)
{
    expect_violations(SCENARIO, "duplicate-patient",
                      "P002: listed again in calendar.csv (line 9; first on line 3)\n");
}

Test(verify_calendar, unknown_patient)
{
    expect_violations(SCENARIO, "unknown-patient",
                      "tests/plans/unknown-patient/calendar.csv:9: column 'patient': 'P999' is not "
                      "a patient of the scenario\n");
}

Test(verify_calendar, unknown_room)
{
    expect_violations(SCENARIO, "unknown-room",
                      "tests/plans/unknown-room/calendar.csv:6: column 'room': 'Z9' is not a room "
                      "in rooms.csv\n");
}

Test(verify_calendar, fixed_batch_moved)
{
    expect_violations(SCENARIO, "fixed-moved",
                      "P001: a fixed batch (start 2027-02-26 in room A1 in patients.csv), but the "
                      "plan has 2027-02-26 in C1\n");
}

Test(verify_calendar, unserved_row_with_a_start)
{
    expect_violations(SCENARIO, "unserved-with-start",
                      "P007: unserved, but start is given (an unserved row leaves room, start, end, "
                      "release and delivery blank)\n");
}

Test(verify_calendar, allow_delay_no_with_late_and_unserved)
{
    expect_violations("tests/plans/scenario-strict/scenario.ini", "valid",
                      "P003: delivered 3 days late, but allow_delay = no\n"
                      "P007: unserved, but allow_delay = no\n");
}

/* A patient with its own process: the start must be in that version's
 * approval, and the version times the batch. */
Test(verify_calendar, patient_process_outside_its_approval)
{
    expect_violations("tests/plans/scenario-approval/scenario.ini", "valid",
                      "P003: starts 2027-03-09, outside the approval of v1.1 (approved from 2027-03-15)\n"
                      "P003: process v1.0, but a batch of P003 starting 2027-03-09 uses v1.1\n"
                      "P003: release 2027-03-17, but v1.1 (5 manufacturing + 2 QC days) started "
                      "2027-03-09 gives 2027-03-16\n"
                      "P003: delivery 2027-03-18, but release 2027-03-16, shipping on Mon-Thu and 1 "
                      "day to PAR give 2027-03-17\n"
                      "P003: delay_days 3, but delivery 2027-03-17 and due 2027-03-15 give 2\n");
}

Test(verify_calendar, start_on_a_day_no_version_is_approved)
{
    expect_violations("tests/plans/scenario-gap/scenario.ini", "valid",
                      "P004: starts 2027-03-15, a day on which no process version is approved\n");
}

Test(verify_calendar, max_delay_exceeded)
{
    expect_violations("tests/plans/scenario-maxdelay/scenario.ini", "valid",
                      "P003: delivered 3 days late, more than max_delay 2\n");
}

/* rooms */
Test(verify_rooms, capacity_exceeded)
{
    expect_violations(SCENARIO, "room-capacity",
                      "room A1 on 2027-03-09 .. 2027-03-13: 2 batches (P003 P005) but capacity 1\n"
                      "room A1 on 2027-03-14: 2 batches (changeover:P003 changeover:P005) but capacity 1\n");
}

Test(verify_rooms, closed_room_days)
{
    expect_violations(SCENARIO, "room-closed",
                      "room A1 on 2027-03-17 .. 2027-03-18: closed, but used by P004\n");
}

/* The plan cases of tests/plan-cases/ with the hand plan their optimum
 * avoids: each breaks the one rule the case is about. */
#define CASE(name) "tests/plan-cases/" name "/scenario.ini"

/* P1 is ready on the horizon's last day and starts the day after. */
Test(verify_calendar, start_the_day_after_the_horizon)
{
    expect_violations(CASE("last-day"), "last-day-after",
                      "P1: starts 2027-04-01, after the horizon's end 2027-03-31\n");
}

/* P2 starts beside P1 and the fixed P0: 18 operator hours, alice and bob
 * give 16 (the fixed batch's 6 h count). */
Test(verify_staff, fixed_batch_hours_count)
{
    expect_violations(CASE("fixed-staff-hours"), "fixed-hours-overbooked",
                      "operator on 2027-03-01: steps need 18 h but persons assigned give 16 h (alice bob)\n");
}

/* alice serves QC for P2, so bob alone serves P1's two-person step: his 8 h
 * are enough hours, but one person. */
Test(verify_staff, two_person_step_with_one_person_who_has_the_hours)
{
    expect_violations(CASE("two-person-busy"), "two-person-busy-both",
                      "operator on 2027-03-01: a step needs 2 people but 1 person is assigned (bob)\n");
}

/* The plan case closed-first-day (R1 closed on 2027-03-01, the horizon's
 * first day) with P1 started that day anyway. */
Test(verify_rooms, room_closed_on_the_first_day)
{
    expect_violations(CASE("closed-first-day"), "first-day-closed",
                      "room R1 on 2027-03-01: closed, but used by P1\n");
}

Test(verify_rooms, start_on_a_changeover_day)
{
    expect_violations(SCENARIO, "changeover-overlap",
                      "room A1 on 2027-03-03: 2 batches (P002 changeover:P001) but capacity 1\n");
}

/* staff */
Test(verify_staff, person_absent)
{
    expect_violations(SCENARIO, "person-absent",
                      "bob on 2027-03-17: on the roster, but not working that day (no shift hours)\n");
}

Test(verify_staff, person_without_the_skill)
{
    expect_violations(SCENARIO, "person-no-skill",
                      "bob on 2027-03-10: assigned to qc, which is not one of their skills (operator)\n");
}

Test(verify_staff, person_twice_a_day)
{
    expect_violations(SCENARIO, "person-twice",
                      "alice on 2027-03-05: on the roster twice (lines 4 and 6); a person works in "
                      "one skill a day\n");
}

Test(verify_staff, hours_not_the_shift)
{
    expect_violations(SCENARIO, "hours-wrong",
                      "carol on 2027-03-10: 8 h on the roster, but the shift gives 7.5 h\n");
}

Test(verify_staff, step_hours_not_covered)
{
    expect_violations(SCENARIO, "hours-not-covered",
                      "operator on 2027-03-11: steps need 12 h but persons assigned give 8 h (alice)\n");
}

/* bob works 7.5 h on 2027-03-09 (tests/plans/scenario-halfhour), the day
 * the plan needs 16 operator hours of alice and bob: half an hour short. */
Test(verify_staff, half_an_hour_missing)
{
    expect_violations("tests/plans/scenario-halfhour/scenario.ini", "halfhour-short",
                      "operator on 2027-03-09: steps need 16 h but persons assigned give 15.5 h (alice bob)\n");
}

Test(verify_staff, two_person_step_with_one_person)
{
    expect_violations(SCENARIO, "two-person-step",
                      "operator on 2027-03-15: a step needs 2 people but 1 person is assigned (alice)\n");
}

/* materials */
Test(verify_materials, shortage)
{
    expect_violations(SCENARIO, "material-shortage",
                      "SCF on 2027-03-10: consumption 2 vial but only 1 usable (FEFO)\n");
}

Test(verify_materials, fefo_with_an_expired_lot)
{
    expect_violations(SCENARIO, "fefo-expired",
                      "SCF on 2027-03-16: consumption 1 vial but only 0 usable (FEFO)\n");
}

Test(verify_materials, missing_orders_file_means_no_orders)
{
    expect_violations(SCENARIO, "no-orders",
                      "SCF on 2027-03-10: consumption 2 vial but only 1 usable (FEFO)\n"
                      "SCF on 2027-03-16: consumption 1 vial but only 0 usable (FEFO)\n");
}

Test(verify_materials, order_before_start)
{
    expect_violations(SCENARIO, "order-before-start",
                      "SCF order of 2027-02-26: placed before the horizon's start 2027-03-01\n");
}

Test(verify_materials, order_with_wrong_arrival)
{
    expect_violations(SCENARIO, "order-wrong-arrival",
                      "SCF order of 2027-03-03: arrival 2027-03-09, but lead_time 5 gives 2027-03-08\n");
}

Test(verify_materials, order_not_a_multiple)
{
    expect_violations(SCENARIO, "order-not-multiple",
                      "SCF order of 2027-03-03: quantity 2.25 is not a whole multiple of "
                      "order_multiple 0.5\n");
}

Test(verify_materials, order_below_min_order)
{
    expect_violations(SCENARIO, "order-below-min",
                      "SCF order of 2027-03-03: quantity 1.5 is below min_order 2\n");
}

Test(verify_materials, order_for_a_material_that_cannot_be_ordered)
{
    expect_violations(SCENARIO, "order-not-orderable",
                      "KIT order of 2027-03-01: KIT cannot be ordered (materials.csv gives it no "
                      "lead_time)\n");
}

Test(verify_materials, order_with_wrong_cost)
{
    expect_violations(SCENARIO, "order-wrong-cost",
                      "SCF order of 2027-03-03: cost 150, but 2 x unit_cost 100 = 200\n");
}

/* ---- unreadable input ------------------------------------------------------------ */

Test(verify_unreadable, missing_calendar)
{
    expect_unreadable("no-calendar",
                      "tests/plans/no-calendar/calendar.csv: cannot read file: No such file or directory\n");
}

Test(verify_unreadable, missing_roster_with_steps)
{
    expect_unreadable("no-roster", "tests/plans/no-roster/roster.csv: cannot read file:");
}

/* Without steps there is no staff rule: roster.csv may be left out. */
Test(verify_unreadable, missing_roster_without_steps_is_fine)
{
    struct run r = verify("tests/plans/scenario-nosteps/scenario.ini", "tests/plans/no-roster");
    cr_expect_eq(r.status, 0, "stdout:\n%s\nstderr:\n%s", r.out, r.err);
    cr_expect_str_empty(r.out);
    run_free(&r);
}

Test(verify_unreadable, broken_quoting)
{
    expect_unreadable("garbage", "tests/plans/garbage/calendar.csv:3: malformed CSV");
}

Test(verify_unreadable, not_a_date)
{
    expect_unreadable("bad-date", "tests/plans/bad-date/calendar.csv:4: column 'start': "
                                  "'2027-13-09' is not a date (YYYY-MM-DD)\n");
}

Test(verify_unreadable, not_a_status)
{
    expect_unreadable("bad-status", "tests/plans/bad-status/calendar.csv:4: column 'status': "
                                    "'delayed' is not on_time, late or unserved\n");
}

Test(verify_unreadable, no_such_directory)
{
    expect_unreadable("does-not-exist", "tests/plans/does-not-exist: cannot read the plan directory");
}

Test(verify_unreadable, invalid_scenario)
{
    struct run r = verify("tests/plans/no-such-scenario.ini", "tests/plans/valid");
    cr_expect_eq(r.status, 2);
    cr_expect_str_empty(r.out);
    cr_expect(strstr(r.err, "tests/plans/no-such-scenario.ini: cannot read file") != NULL, "%s", r.err);
    run_free(&r);
}

/* ---- many violations ------------------------------------------------------------ */

/* 300 rows of unknown patients and 7 patients missing: every violation is
 * counted, 200 are printed. */
Test(verify_cmd, violations_are_capped_in_printing)
{
    char dir[] = "/tmp/planner-verify-XXXXXX", path[512];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/calendar.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "patient,process,room,start,end,release,delivery,delay_days,status\n");
    for (int i = 0; i < 300; i++)
        fprintf(f, "X%03d,,,,,,,,unserved\n", i);
    fclose(f);
    snprintf(path, sizeof path, "%s/roster.csv", dir);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "date,person,skill,hours\n");
    fclose(f);
    struct run r = verify(SCENARIO, dir);
    cr_expect_eq(r.status, 1);
    int lines = 0;
    for (const char *c = r.out; *c; c++)
        lines += *c == '\n';
    cr_expect_eq(lines, 201);
    cr_expect(strstr(r.out, "\n... and 107 more violations\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.err, "307 violations\n") != NULL, "%s", r.err);
    run_free(&r);
    snprintf(path, sizeof path, "%s/calendar.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/roster.csv", dir);
    unlink(path);
    rmdir(dir);
}
