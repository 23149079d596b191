/* End-to-end tests of `planner plan`: the built program plans the tiny
 * scenarios of tests/plan-cases/ into a fresh directory under /tmp, and the
 * plan files are compared with optima worked out by hand
 * (tests/plan-cases/README.md gives the arithmetic of each case).
 *
 * Each case is built so that what is asserted is forced: a batch's row of
 * calendar.csv is asserted whole only where the rules leave a single
 * optimal start (a tight due date, max_hold 0, ...); elsewhere only the
 * figures that every optimum shares (kpis, counts) are. Every written plan
 * must also pass `planner verify`. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define CASES "tests/plan-cases/"
#define INI(name) CASES name "/scenario.ini"

/* The plan files of the contract (section 6). */
static const char *const plan_files[] = {"calendar.csv", "room_grid.csv", "roster.csv",
                                         "orders.csv",   "inventory.csv", "kpis.csv"};
#define NPLAN_FILES (sizeof plan_files / sizeof plan_files[0])

/* ---- what a test owns ---------------------------------------------------- */

/* Runs, strings and directories are the test's (tests/e2e_util.h). */
#define STR E2E_STR
#define own e2e_own
#define tmpdir e2e_test_dir
#define next_line e2e_next_line
#define line_len e2e_line_len

TestSuite(e2e_plan_rooms, .fini = e2e_release_all);
TestSuite(e2e_plan_starts, .fini = e2e_release_all);
TestSuite(e2e_plan_staff, .fini = e2e_release_all);
TestSuite(e2e_plan_materials, .fini = e2e_release_all);
TestSuite(e2e_plan_objective, .fini = e2e_release_all);
TestSuite(e2e_plan_policy, .fini = e2e_release_all);
TestSuite(e2e_plan_delivery, .fini = e2e_release_all);
TestSuite(e2e_plan_forecast, .fini = e2e_release_all);
TestSuite(e2e_plan_output, .fini = e2e_release_all);
TestSuite(e2e_plan_cli, .fini = e2e_release_all);

/* ---- running the program -------------------------------------------------- */

/* planner ARGS... NULL: it must end by itself (no crash, no hang) with the
 * exit status expected. */
#define run e2e_planner_exit

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* planner plan INI -o DIR into a fresh directory, with the exit status
 * expected; a written plan (0 or 1) has every plan file. Returns DIR. */
static const char *plan_into(const char *dir, const char *ini, int want_code)
{
    run(want_code, "plan", ini, "-o", dir, NULL);
    if (want_code == 0 || want_code == 1)
        for (size_t i = 0; i < NPLAN_FILES; i++)
            cr_assert(file_exists(STR("%s/%s", dir, plan_files[i])), "plan %s: exit %d but no %s in %s",
                      ini, want_code, plan_files[i], dir);
    return dir;
}

static const char *plan(const char *ini, int want_code)
{
    return plan_into(tmpdir(), ini, want_code);
}

/* planner verify INI DIR: the written plan keeps every rule. */
static void verify_ok(const char *ini, const char *dir)
{
    run(0, "verify", ini, dir, NULL);
}

/* ---- reading the plan ------------------------------------------------------ */

/* The text of DIR/FILE, CRLF line ends made LF (the contract does not fix
 * them), owned by the test. */
static const char *out_file(const char *dir, const char *file)
{
    size_t len = 0;
    char *text = e2e_slurp(STR("%s/%s", dir, file), &len);
    cr_assert_not_null(text, "cannot read %s/%s", dir, file);
    own(text);
    cr_assert_eq(strlen(text), len, "%s/%s holds a NUL byte", dir, file);
    char *w = text;
    for (const char *r = text; *r; r++)
        if (!(r[0] == '\r' && r[1] == '\n'))
            *w++ = *r;
    *w = '\0';
    return text;
}

/* Number of rows of a CSV file below its header (blank lines not counted). */
static size_t nrows(const char *dir, const char *file)
{
    size_t n = 0;
    for (const char *p = next_line(out_file(dir, file)); *p; p = next_line(p))
        n += line_len(p) > 0;
    return n;
}

/* The first line (header) of DIR/FILE is header. */
static void assert_header(const char *dir, const char *file, const char *header)
{
    const char *text = out_file(dir, file);
    cr_assert(line_len(text) == strlen(header) && strncmp(text, header, strlen(header)) == 0,
              "%s: header is\n  %.*s\nexpected\n  %s", file, (int)line_len(text), text, header);
}

/* DIR/FILE holds line as a whole line. */
static void assert_line(const char *dir, const char *file, const char *line)
{
    const char *text = out_file(dir, file);
    cr_assert(e2e_has_line(text, line), "%s lacks the line\n  %s\n%s was:\n%.6000s", file, line, file, text);
}

static void assert_no_line_starting(const char *dir, const char *file, const char *prefix)
{
    const char *text = out_file(dir, file);
    cr_assert_eq(e2e_count_lines(text, prefix), 0, "%s has a line starting '%s':\n%.6000s", file, prefix,
                 text);
}

/* The line of n bytes matches pattern field by field (comma-separated); a
 * pattern field "*" matches any field, so an unserved row can leave its
 * process and delay_days to the implementation. */
static int fields_match(const char *line, size_t n, const char *pat)
{
    const char *a = line, *end = line + n, *b = pat;
    for (;;) {
        size_t la = 0;
        while (a + la < end && a[la] != ',')
            la++;
        size_t lb = strcspn(b, ",");
        if (!(lb == 1 && b[0] == '*') && (la != lb || strncmp(a, b, la) != 0))
            return 0;
        a += la;
        b += lb;
        if (a == end || !*b)
            return a == end && !*b;
        a++;
        b++;
    }
}

/* The value of kpi name in kpis.csv (`kpi,value`): exactly one row names it. */
static const char *kpi(const char *dir, const char *name)
{
    const char *text = out_file(dir, "kpis.csv");
    const char *prefix = STR("%s,", name);
    cr_assert_eq(e2e_count_lines(text, prefix), 1, "kpis.csv: expected one row '%s':\n%s", name, text);
    const char *p = text;
    while (strncmp(p, prefix, strlen(prefix)) != 0)
        p = next_line(p);
    p += strlen(prefix);
    return STR("%.*s", (int)line_len(p), p);
}

static void assert_kpi(const char *dir, const char *name, const char *want)
{
    const char *got = kpi(dir, name);
    cr_assert_str_eq(got, want, "kpis.csv: %s,%s but the optimum gives %s,%s\nkpis.csv:\n%s", name, got,
                     name, want, out_file(dir, "kpis.csv"));
}

/* The objective's outcome: the rows total_delay_days, weighted_delay and
 * unserved, and a solve that completed. */
static void assert_outcome(const char *dir, const char *total_delay, const char *weighted_delay,
                           const char *unserved)
{
    assert_kpi(dir, "total_delay_days", total_delay);
    assert_kpi(dir, "weighted_delay", weighted_delay);
    assert_kpi(dir, "unserved", unserved);
    assert_kpi(dir, "status", "optimal");
}

/* Counts of patients on time and late. */
static void assert_counts(const char *dir, const char *on_time, const char *late)
{
    assert_kpi(dir, "on_time", on_time);
    assert_kpi(dir, "late", late);
}

/* The row of calendar.csv for the patient named by pattern's first field:
 * exactly one, matching pattern. */
static void assert_cal_row(const char *dir, const char *pattern)
{
    const char *text = out_file(dir, "calendar.csv");
    size_t idlen = strcspn(pattern, ",");
    const char *found = NULL;
    for (const char *p = next_line(text); *p; p = next_line(p))
        if (strncmp(p, pattern, idlen) == 0 && p[idlen] == ',') {
            cr_assert_null(found, "calendar.csv: two rows for %.*s:\n%s", (int)idlen, pattern, text);
            found = p;
        }
    cr_assert_not_null(found, "calendar.csv: no row for %.*s:\n%s", (int)idlen, pattern, text);
    cr_assert(fields_match(found, line_len(found), pattern),
              "calendar.csv: the row is\n  %.*s\nexpected\n  %s\ncalendar.csv:\n%s", (int)line_len(found), found,
              pattern, text);
}

/* calendar.csv is exactly these rows, in this order (start, then patient,
 * unserved last), below the contract's header. */
static void assert_calendar_(const char *dir, const char *const rows[])
{
    const char *text = out_file(dir, "calendar.csv");
    assert_header(dir, "calendar.csv",
                  "patient,site,process,room,ready,start,end,release,delivery,due,delay_days,status");
    const char *p = next_line(text);
    size_t i = 0;
    for (; rows[i]; i++) {
        cr_assert(*p, "calendar.csv has %zu rows, expected more; missing\n  %s\ncalendar.csv:\n%s", i, rows[i],
                  text);
        cr_assert(fields_match(p, line_len(p), rows[i]),
                  "calendar.csv row %zu is\n  %.*s\nexpected\n  %s\ncalendar.csv:\n%s", i + 1, (int)line_len(p), p,
                  rows[i], text);
        p = next_line(p);
    }
    cr_assert(!*p, "calendar.csv has more than the %zu rows expected:\n%s", i, text);
}

#define CALENDAR(dir, ...) assert_calendar_(dir, (const char *const[]){__VA_ARGS__, NULL})

/* Days since 1970-01-01 of an ISO date (proleptic Gregorian); the test
 * fails on anything else. */
static long iso_days(const char *s)
{
    int y, m, d;
    char tail;
    cr_assert_eq(sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail), 3, "'%s' is not a date", s);
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Field i (0-based) of a CSV line without quotes, as a new owned string. */
static const char *field(const char *line, int i)
{
    const char *p = line;
    for (int k = 0; k < i; k++) {
        p += strcspn(p, ",\n");
        cr_assert_eq(*p, ',', "'%.*s' has no field %d", (int)line_len(line), line, i);
        p++;
    }
    return STR("%.*s", (int)strcspn(p, ",\n"), p);
}

/* planner plan --heuristic INI -o DIR: the constructive heuristic's plan
 * alone, no MILP (published only if verify's rules accept it). */
static const char *plan_heuristic(const char *ini, int want_code)
{
    const char *dir = tmpdir();
    run(want_code, "plan", "--heuristic", ini, "-o", dir, NULL);
    return dir;
}

/* Where the rules leave one start per patient, the heuristic must find it
 * too: its calendar.csv is the MILP's (DIR's), and verify accepts it. */
static void assert_heuristic_agrees(const char *ini, int want_code, const char *dir)
{
    const char *h = plan_heuristic(ini, want_code);
    const char *want = out_file(dir, "calendar.csv"), *got = out_file(h, "calendar.csv");
    cr_assert_str_eq(got, want, "plan --heuristic %s: calendar.csv is\n%s\nthe optimum's is\n%s", ini, got,
                     want);
    verify_ok(ini, h);
}

/* ---- rooms ------------------------------------------------------------------ */

/* One room of capacity 1: P1 (due Mar 6) must start on its ready day
 * Mar 1; P2 then starts Mar 6 and is 2 days late (P2 first would make P1
 * 5 days late). */
Test(e2e_plan_rooms, capacity_one_batch_at_a_time)
{
    const char *d = plan(INI("room-capacity"), 1);
    assert_outcome(d, "2", "2", "0");
    assert_counts(d, "1", "1");
    assert_kpi(d, "max_delay_days", "2");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-10,2027-03-11,2027-03-11,2027-03-09,2,late");
    assert_header(d, "room_grid.csv", "date,R1");
    assert_line(d, "room_grid.csv", "2027-03-05,P1");
    assert_line(d, "room_grid.csv", "2027-03-06,P2");
    assert_line(d, "room_grid.csv", "2027-03-11,");
    verify_ok(INI("room-capacity"), d);
}

/* The same room with capacity 2 holds both batches from Mar 1. */
Test(e2e_plan_rooms, capacity_two_batches_side_by_side)
{
    const char *d = plan(INI("room-capacity-2"), 0);
    assert_outcome(d, "0", "0", "0");
    assert_counts(d, "2", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time");
    assert_line(d, "room_grid.csv", "2027-03-01,P1 P2");
    assert_line(d, "room_grid.csv", "2027-03-05,P1 P2");
    assert_line(d, "room_grid.csv", "2027-03-06,");
    verify_ok(INI("room-capacity-2"), d);
}

/* Duration 3, changeover 2: P1 Mar 1-3, changeover Mar 4-5; P2 starts Mar 6,
 * released Mar 9, due Mar 7: 2 days late (5 for P1 the other way round). */
Test(e2e_plan_rooms, changeover_keeps_the_room)
{
    const char *d = plan(INI("changeover"), 1);
    assert_outcome(d, "2", "2", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-03,2027-03-04,2027-03-04,2027-03-04,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-08,2027-03-09,2027-03-09,2027-03-07,2,late");
    assert_line(d, "room_grid.csv", "2027-03-03,P1");
    assert_line(d, "room_grid.csv", "2027-03-04,changeover:P1");
    assert_line(d, "room_grid.csv", "2027-03-05,changeover:P1");
    assert_line(d, "room_grid.csv", "2027-03-06,P2");
    assert_line(d, "room_grid.csv", "2027-03-09,changeover:P2");
    assert_line(d, "room_grid.csv", "2027-03-10,changeover:P2");
    verify_ok(INI("changeover"), d);
}

/* R1 is not ours by default; granted Mar 5-20, but a later row closes every
 * room Mar 5-7: open Mar 8-20. P1 starts Mar 8 (3 days late). P2, ready
 * Mar 16 with max_hold 10, would need its changeover day after Mar 20:
 * unserved. */
Test(e2e_plan_rooms, slots_grant_and_block_later_row_wins)
{
    const char *d = plan(INI("room-slots"), 1);
    assert_outcome(d, "3", "3", "1");
    assert_kpi(d, "weighted_unserved", "1");
    assert_counts(d, "0", "1");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-08,2027-03-12,2027-03-13,2027-03-13,2027-03-10,3,late",
             "P2,PAR,*,,2027-03-16,,,,,2027-03-31,*,unserved");
    assert_line(d, "room_grid.csv", "2027-03-04,closed");
    assert_line(d, "room_grid.csv", "2027-03-07,closed");
    assert_line(d, "room_grid.csv", "2027-03-08,P1");
    assert_line(d, "room_grid.csv", "2027-03-13,changeover:P1");
    assert_line(d, "room_grid.csv", "2027-03-14,");
    assert_line(d, "room_grid.csv", "2027-03-20,");
    assert_line(d, "room_grid.csv", "2027-03-21,closed");
    verify_ok(INI("room-slots"), d);
}

/* v1 needs type B: RB is closed Mar 1-3, so P1 starts Mar 4 in RB (3 days
 * late) although RA is free; P2 (v2, type A) takes RA on Mar 1. */
Test(e2e_plan_rooms, room_type_is_respected)
{
    const char *d = plan(INI("room-type"), 1);
    assert_outcome(d, "3", "3", "0");
    CALENDAR(d, "P2,PAR,v2,RA,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P1,PAR,v1,RB,2027-03-01,2027-03-04,2027-03-08,2027-03-09,2027-03-09,2027-03-06,3,late");
    assert_header(d, "room_grid.csv", "date,RA,RB");
    assert_line(d, "room_grid.csv", "2027-03-01,P2,closed");
    assert_line(d, "room_grid.csv", "2027-03-04,P2,P1");
    assert_line(d, "room_grid.csv", "2027-03-06,,P1");
    verify_ok(INI("room-type"), d);
}

/* R1 is closed on the horizon's first day (Mar 1) only: P1, ready Mar 1 with
 * a tight due date, starts Mar 2 and is exactly 1 day late, which counts
 * as late. */
Test(e2e_plan_rooms, room_closed_on_the_first_day)
{
    const char *d = plan(INI("closed-first-day"), 1);
    assert_outcome(d, "1", "1", "0");
    assert_counts(d, "0", "1");
    assert_kpi(d, "max_delay_days", "1");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-02,2027-03-06,2027-03-07,2027-03-07,2027-03-06,1,late");
    assert_line(d, "room_grid.csv", "2027-03-01,closed");
    assert_line(d, "room_grid.csv", "2027-03-02,P1");
    verify_ok(INI("closed-first-day"), d);
    assert_heuristic_agrees(INI("closed-first-day"), 1, d);
}

/* ---- start rules -------------------------------------------------------------- */

/* Starts on Wed and Sat only: P2 (ready Mon Mar 1) starts Wed Mar 3, P1
 * (ready Thu Mar 4) Sat Mar 6; 2 days late each. */
Test(e2e_plan_starts, weekday_starts)
{
    const char *d = plan(INI("start-days"), 1);
    assert_outcome(d, "4", "4", "0");
    assert_counts(d, "0", "2");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-03,2027-03-06,2027-03-07,2027-03-07,2027-03-05,2,late",
             "P1,PAR,v1,R1,2027-03-04,2027-03-06,2027-03-09,2027-03-10,2027-03-10,2027-03-08,2,late");
    /* Both in R1 on Mar 6, by start: P2 then P1. */
    assert_line(d, "room_grid.csv", "2027-03-06,P2 P1");
    verify_ok(INI("start-days"), d);
}

/* P2 may wait 2 days (its own max_hold): it goes first on Mar 1; P1 follows
 * on Mar 6, 5 days late. */
Test(e2e_plan_starts, max_hold_forces_the_order)
{
    const char *d = plan(INI("max-hold"), 1);
    assert_outcome(d, "5", "5", "0");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-20,0,on_time",
             "P1,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-10,2027-03-11,2027-03-11,2027-03-06,5,late");
    verify_ok(INI("max-hold"), d);
}

/* The process allows no hold; P2's own max_hold 5 replaces it: P1 on Mar 1,
 * P2 on Mar 6, exactly 5 days after ready. */
Test(e2e_plan_starts, patient_max_hold_replaces_the_process)
{
    const char *d = plan(INI("max-hold-override"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-20,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-10,2027-03-11,2027-03-11,2027-03-20,0,on_time");
    verify_ok(INI("max-hold-override"), d);
}

/* v2 (3 days) approved from Mar 8 replaces v1 (6 days): P2 started Mar 1
 * uses v1, P1 started Mar 8 uses v2; P3 is pinned to v1. All on time only
 * with those versions. */
Test(e2e_plan_starts, version_switch_by_start_day)
{
    const char *d = plan(INI("version-switch"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-06,2027-03-07,2027-03-07,2027-03-07,0,on_time",
             "P1,PAR,v2,R1,2027-03-08,2027-03-08,2027-03-10,2027-03-11,2027-03-11,2027-03-11,0,on_time",
             "P3,PAR,v1,R1,2027-03-08,2027-03-08,2027-03-13,2027-03-14,2027-03-14,2027-03-14,0,on_time");
    verify_ok(INI("version-switch"), d);
}

/* P1 pinned to v2 waits for its approval (Mar 8): 3 days late. P2 pinned to
 * v1 is ready after v1's last day: unserved. P3 (no process) on Mar 9 gets
 * v2, the later approved_from. */
Test(e2e_plan_starts, approval_windows)
{
    const char *d = plan(INI("version-window"), 1);
    assert_outcome(d, "3", "3", "1");
    CALENDAR(d, "P1,PAR,v2,R1,2027-03-01,2027-03-08,2027-03-10,2027-03-11,2027-03-11,2027-03-08,3,late",
             "P3,PAR,v2,R1,2027-03-09,2027-03-09,2027-03-11,2027-03-12,2027-03-12,2027-03-12,0,on_time",
             "P2,PAR,*,,2027-03-11,,,,,2027-03-25,*,unserved");
    verify_ok(INI("version-window"), d);
}

/* v1 is approved until Wed Mar 10, its last day included: P1 (pinned to
 * v1, ready Mar 10, tight due) starts that day, on time; P2 (pinned to v1,
 * ready Mar 11) has no day left and is unserved. */
Test(e2e_plan_starts, approval_ends_on_its_last_day)
{
    const char *d = plan(INI("approval-last-day"), 1);
    assert_outcome(d, "0", "0", "1");
    assert_counts(d, "1", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-10,2027-03-10,2027-03-12,2027-03-13,2027-03-13,2027-03-13,0,on_time",
             "P2,PAR,*,,2027-03-11,,,,,2027-03-14,*,unserved");
    verify_ok(INI("approval-last-day"), d);
    assert_heuristic_agrees(INI("approval-last-day"), 1, d);
}

/* Fixed batches stay put, whatever the start rules: P0 (started Sat Feb 27)
 * holds R1 on Mar 1, P1 holds it Mar 4-6. P2 (Mon/Tue starts) cannot start
 * Mar 1 or Mar 2: Mon Mar 8, 7 days late. */
Test(e2e_plan_starts, fixed_batches_stay_where_they_are)
{
    const char *d = plan(INI("fixed-batch"), 1);
    assert_outcome(d, "7", "7", "0");
    CALENDAR(d, "P0,PAR,v1,R1,2027-02-25,2027-02-27,2027-03-01,2027-03-02,2027-03-02,2027-03-03,0,on_time",
             "P1,PAR,v1,R1,2027-03-01,2027-03-04,2027-03-06,2027-03-07,2027-03-07,2027-03-10,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-08,2027-03-10,2027-03-11,2027-03-11,2027-03-04,7,late");
    /* Plan days begin at the horizon's start: the past is not in the grid. */
    assert_no_line_starting(d, "room_grid.csv", "2027-02-");
    assert_line(d, "room_grid.csv", "2027-03-01,P0");
    assert_line(d, "room_grid.csv", "2027-03-02,");
    assert_line(d, "room_grid.csv", "2027-03-04,P1");
    assert_line(d, "room_grid.csv", "2027-03-08,P2");
    verify_ok(INI("fixed-batch"), d);
}

/* P1 is ready on Wed Mar 31, the horizon's last day, and starts that day:
 * its batch runs on to Apr 4, past the horizon, and is on time. */
Test(e2e_plan_starts, start_on_the_horizons_last_day)
{
    const char *d = plan(INI("last-day"), 0);
    assert_outcome(d, "0", "0", "0");
    assert_counts(d, "1", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-31,2027-03-31,2027-04-04,2027-04-05,2027-04-05,2027-04-05,0,on_time");
    assert_line(d, "room_grid.csv", "2027-03-31,P1");
    assert_line(d, "room_grid.csv", "2027-04-04,P1");
    verify_ok(INI("last-day"), d);
    assert_heuristic_agrees(INI("last-day"), 0, d);
}

/* ---- staff ---------------------------------------------------------------------- */

/* A start needs 6 operator hours, alice has 8 a day, Mon-Fri: P1 Fri Mar 5,
 * P2 Mon Mar 8 (2 days late; P1 would be 3 the other way round). */
Test(e2e_plan_staff, hours_limit_the_starts_a_day)
{
    const char *d = plan(INI("staff-hours"), 1);
    assert_outcome(d, "2", "2", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-05,2027-03-05,2027-03-06,2027-03-07,2027-03-07,2027-03-07,0,on_time",
             "P2,PAR,v1,R1,2027-03-05,2027-03-08,2027-03-09,2027-03-10,2027-03-10,2027-03-08,2,late");
    assert_header(d, "roster.csv", "date,person,skill,hours,patients");
    cr_assert_eq(nrows(d, "roster.csv"), 2, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-05,alice,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-08,alice,operator,8,P2");
    verify_ok(INI("staff-hours"), d);
}

/* Seeding needs two operators; bob works Mon-Wed: ready Thu Mar 4, the first
 * day with both is Mon Mar 8: 4 days late. */
Test(e2e_plan_staff, two_person_step)
{
    const char *d = plan(INI("two-person"), 1);
    assert_outcome(d, "4", "4", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-04,2027-03-08,2027-03-09,2027-03-10,2027-03-10,2027-03-06,4,late");
    cr_assert_eq(nrows(d, "roster.csv"), 2, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-08,alice,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-08,bob,operator,8,P1");
    verify_ok(INI("two-person"), d);
}

/* P0 is fixed on Mon Mar 1 and its 6 operator hours count: alice and bob
 * give 16 h, so beside it only one of P1 and P2 (6 h each) starts Mar 1.
 * P1 (priority 2) does; P2 starts Mar 2, 1 day late. Either batch alone
 * fits beside P0 (12 h): only the day's sum shows the fixed hours. */
Test(e2e_plan_staff, fixed_batch_takes_its_staff_hours)
{
    const char *d = plan(INI("fixed-staff-hours"), 1);
    assert_outcome(d, "1", "1", "0");
    assert_counts(d, "2", "1");
    CALENDAR(d, "P0,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-02,2027-03-03,2027-03-04,2027-03-04,2027-03-03,1,late");
    cr_assert_eq(nrows(d, "roster.csv"), 4, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-01,alice,operator,8,P0 P1");
    assert_line(d, "roster.csv", "2027-03-01,bob,operator,8,P0 P1");
    verify_ok(INI("fixed-staff-hours"), d);
    assert_heuristic_agrees(INI("fixed-staff-hours"), 1, d);
}

/* P1's seeding needs 2 operators x 2 h; bob alone has 8 h, enough hours,
 * but the step needs two persons. alice is operator and the only QC, and
 * P2's QC step needs her: on Mar 1 only one of them starts. P1 (priority
 * 2) does; P2 starts Mar 2, 1 day late. */
Test(e2e_plan_staff, two_persons_although_one_has_the_hours)
{
    const char *d = plan(INI("two-person-busy"), 1);
    assert_outcome(d, "1", "1", "0");
    assert_counts(d, "1", "1");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P2,PAR,v2,R1,2027-03-01,2027-03-02,2027-03-03,2027-03-04,2027-03-04,2027-03-03,1,late");
    cr_assert_eq(nrows(d, "roster.csv"), 3, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-01,alice,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-01,bob,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-02,alice,qc,8,P2");
    verify_ok(INI("two-person-busy"), d);
    assert_heuristic_agrees(INI("two-person-busy"), 1, d);
}

/* alice is operator on a batch's first day and qc on its second, never both
 * on one day: P1 Mon (op) / Tue (qc), P2 Wed / Thu, 1 day late. */
Test(e2e_plan_staff, one_skill_a_day_for_a_multi_skilled_person)
{
    const char *d = plan(INI("multi-skill"), 1);
    assert_outcome(d, "1", "1", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-03,2027-03-04,2027-03-05,2027-03-05,2027-03-04,1,late");
    cr_assert_eq(nrows(d, "roster.csv"), 4, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-01,alice,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-02,alice,qc,8,P1");
    assert_line(d, "roster.csv", "2027-03-03,alice,operator,8,P2");
    assert_line(d, "roster.csv", "2027-03-04,alice,qc,8,P2");
    verify_ok(INI("multi-skill"), d);
}

/* Steps on days 0 and 2, holiday Wed Mar 3: a Mon start puts day 2 on the
 * holiday; Tue Mar 2 works (the room runs through the holiday): 1 day
 * late. */
Test(e2e_plan_staff, holiday_has_nobody)
{
    const char *d = plan(INI("holiday"), 1);
    assert_outcome(d, "1", "1", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-02,2027-03-04,2027-03-05,2027-03-05,2027-03-04,1,late");
    cr_assert_eq(nrows(d, "roster.csv"), 2, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-02,alice,operator,8,P1");
    assert_line(d, "roster.csv", "2027-03-04,alice,operator,8,P1");
    assert_line(d, "room_grid.csv", "2027-03-03,P1");
    verify_ok(INI("holiday"), d);
}

/* alice is absent Mar 1-7, then a later row gives her 6 h on the Saturdays
 * of that week: start Sat Mar 6, 5 days late, on the roster for 6 h. */
Test(e2e_plan_staff, shift_exceptions_later_row_wins)
{
    const char *d = plan(INI("shift-exception"), 1);
    assert_outcome(d, "5", "5", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-07,2027-03-08,2027-03-08,2027-03-03,5,late");
    cr_assert_eq(nrows(d, "roster.csv"), 1, "roster.csv:\n%s", out_file(d, "roster.csv"));
    assert_line(d, "roster.csv", "2027-03-06,alice,operator,6,P1");
    verify_ok(INI("shift-exception"), d);
}

/* ---- materials ---------------------------------------------------------------- */

/* One kit in stock: P1 (due Mar 3) takes it on Mar 1; a kit ordered on the
 * first day arrives Mar 6 (lead time 5): P2 starts then, 4 days late. */
Test(e2e_plan_materials, stock_and_lead_time)
{
    const char *d = plan(INI("stock-lead-time"), 1);
    assert_outcome(d, "4", "4", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-07,2027-03-08,2027-03-08,2027-03-04,4,late");
    assert_header(d, "orders.csv", "material,order_date,arrival,quantity,cost");
    cr_assert_eq(nrows(d, "orders.csv"), 1, "orders.csv:\n%s", out_file(d, "orders.csv"));
    assert_line(d, "orders.csv", "KIT,2027-03-01,2027-03-06,1,100");
    assert_kpi(d, "material_cost", "100");
    assert_header(d, "inventory.csv", "date,material,received,consumed,expired,on_hand");
    assert_line(d, "inventory.csv", "2027-03-06,KIT,1,1,0,0");
    verify_ok(INI("stock-lead-time"), d);
}

/* 3 kits needed by Mar 4 (lead time 3: ordered Mar 1), packs of 4, at
 * least 6: one order of 8 at 1.5625 = 12.5. */
Test(e2e_plan_materials, order_multiple_and_minimum)
{
    const char *d = plan(INI("order-multiple-min"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-04,2027-03-04,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P2,PAR,v1,R1,2027-03-04,2027-03-04,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P3,PAR,v1,R1,2027-03-04,2027-03-04,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time");
    cr_assert_eq(nrows(d, "orders.csv"), 1, "orders.csv:\n%s", out_file(d, "orders.csv"));
    assert_line(d, "orders.csv", "KIT,2027-03-01,2027-03-04,8,12.5");
    assert_kpi(d, "material_cost", "12.5");
    assert_line(d, "inventory.csv", "2027-03-04,KIT,8,3,0,5");
    assert_line(d, "inventory.csv", "2027-03-31,KIT,0,0,0,5");
    verify_ok(INI("order-multiple-min"), d);
}

/* The stock vial is unusable from Mar 4, the other lot until Mar 19, nothing
 * can be ordered: P1 must start Mar 3, on the stock vial (earliest expiry
 * first), leaving the other lot to P2 on Mar 10. */
Test(e2e_plan_materials, expiring_lot_forces_the_date_fefo)
{
    const char *d = plan(INI("fefo"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-03,2027-03-03,2027-03-04,2027-03-05,2027-03-05,2027-03-31,0,on_time",
             "P2,PAR,v1,R1,2027-03-10,2027-03-10,2027-03-11,2027-03-12,2027-03-12,2027-03-12,0,on_time");
    assert_header(d, "orders.csv", "material,order_date,arrival,quantity,cost");
    cr_assert_eq(nrows(d, "orders.csv"), 0, "orders.csv:\n%s", out_file(d, "orders.csv"));
    assert_kpi(d, "waste_cost", "0");
    assert_kpi(d, "material_cost", "0");
    assert_line(d, "inventory.csv", "2027-03-03,MED,0,1,0,1");
    assert_line(d, "inventory.csv", "2027-03-04,MED,0,0,0,1");
    assert_line(d, "inventory.csv", "2027-03-10,MED,0,1,0,0");
    assert_line(d, "inventory.csv", "2027-03-20,MED,0,0,0,0");
    verify_ok(INI("fefo"), d);
}

/* The kit in stock is unusable from Thu Mar 4; an order placed Mar 1 (lead
 * time 4) arrives Mar 5: on Mar 4 nothing is usable. P1, ready Mar 4 with
 * a tight due date, starts Mar 5 on the ordered kit: 1 day late. */
Test(e2e_plan_materials, lot_expires_a_day_before_an_order_can_arrive)
{
    const char *d = plan(INI("expiry-gap"), 1);
    assert_outcome(d, "1", "1", "0");
    assert_counts(d, "0", "1");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-04,2027-03-05,2027-03-06,2027-03-07,2027-03-07,2027-03-06,1,late");
    cr_assert_eq(nrows(d, "orders.csv"), 1, "orders.csv:\n%s", out_file(d, "orders.csv"));
    assert_line(d, "orders.csv", "KIT,2027-03-01,2027-03-05,1,100");
    assert_line(d, "inventory.csv", "2027-03-04,KIT,0,0,1,0");
    assert_line(d, "inventory.csv", "2027-03-05,KIT,1,1,0,0");
    verify_ok(INI("expiry-gap"), d);
    assert_heuristic_agrees(INI("expiry-gap"), 1, d);
}

/* Ordered vials are usable 2 days from arrival, lead time 2, at least 2 an
 * order: P1 (Mar 3) needs an order of Mar 1 exactly; P2 (Mar 10) one of
 * Mar 7 or Mar 8. 4 vials at 10 = 40; 2 expire unused: waste 20. */
Test(e2e_plan_materials, shelf_life_needs_two_orders)
{
    const char *d = plan(INI("shelf-life"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-03,2027-03-03,2027-03-04,2027-03-05,2027-03-05,2027-03-05,0,on_time",
             "P2,PAR,v1,R1,2027-03-10,2027-03-10,2027-03-11,2027-03-12,2027-03-12,2027-03-12,0,on_time");
    const char *orders = out_file(d, "orders.csv");
    cr_assert_eq(nrows(d, "orders.csv"), 2, "orders.csv:\n%s", orders);
    assert_line(d, "orders.csv", "MED,2027-03-01,2027-03-03,2,20");
    cr_assert(e2e_has_line(orders, "MED,2027-03-07,2027-03-09,2,20") ||
                  e2e_has_line(orders, "MED,2027-03-08,2027-03-10,2,20"),
              "orders.csv: the second order is of 2 vials for 20, arriving Mar 9 or 10:\n%s", orders);
    assert_kpi(d, "material_cost", "40");
    assert_kpi(d, "waste_cost", "20");
    assert_line(d, "inventory.csv", "2027-03-03,MED,2,1,0,1");
    assert_line(d, "inventory.csv", "2027-03-05,MED,0,0,1,0");
    verify_ok(INI("shelf-life"), d);
}

/* ---- the objective ---------------------------------------------------------- */

/* max_delay 3, room closed Mar 1-4: P2 is exactly 3 days late (served), P1
 * would be 4 (unserved instead). */
Test(e2e_plan_objective, max_delay_leaves_a_patient_unserved)
{
    const char *d = plan(INI("unserved-max-delay"), 1);
    assert_outcome(d, "3", "3", "1");
    assert_kpi(d, "weighted_unserved", "1");
    assert_kpi(d, "max_delay_days", "3");
    assert_counts(d, "0", "1");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-05,2027-03-09,2027-03-10,2027-03-10,2027-03-07,3,late",
             "P1,PAR,*,,2027-03-01,,,,,2027-03-06,*,unserved");
    verify_ok(INI("unserved-max-delay"), d);
}

/* One kit that cannot be ordered, two patients: the one of priority 2 gets it
 * (weighted_unserved 1, not 2). */
Test(e2e_plan_objective, nothing_fits_the_lower_priority_is_unserved)
{
    const char *d = plan(INI("unserved-no-stock"), 1);
    assert_outcome(d, "0", "0", "1");
    assert_kpi(d, "weighted_unserved", "1");
    assert_counts(d, "1", "0");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P1,PAR,*,,2027-03-01,,,,,2027-03-03,*,unserved");
    assert_kpi(d, "material_cost", "0");
    verify_ok(INI("unserved-no-stock"), d);
}

/* Priorities 1, 3, 2 for one room, equal 2-day batches, all due Mar 3: the
 * order P2, P3, P1 gives delays 0, 2, 4: weighted 0 + 4 + 4 = 8 (any other
 * order weighs at least 10). */
Test(e2e_plan_objective, higher_priority_first)
{
    const char *d = plan(INI("priorities"), 1);
    assert_outcome(d, "6", "8", "0");
    assert_kpi(d, "max_delay_days", "4");
    assert_counts(d, "1", "2");
    CALENDAR(d, "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-03,2027-03-03,2027-03-03,0,on_time",
             "P3,PAR,v1,R1,2027-03-01,2027-03-03,2027-03-04,2027-03-05,2027-03-05,2027-03-03,2,late",
             "P1,PAR,v1,R1,2027-03-01,2027-03-05,2027-03-06,2027-03-07,2027-03-07,2027-03-03,4,late");
    verify_ok(INI("priorities"), d);
}

/* Everything fits with slack (many optima tie): only what every optimum
 * shares. 3 batches x (4 + 1) room days x 100 = 1500; stock 2, one kit
 * ordered at 50. P4 is ready after the end: beyond the horizon, no row. */
Test(e2e_plan_objective, all_on_time)
{
    const char *d = plan(INI("all-on-time"), 0);
    assert_outcome(d, "0", "0", "0");
    assert_counts(d, "3", "0");
    assert_kpi(d, "beyond_horizon", "1");
    assert_kpi(d, "weighted_unserved", "0");
    assert_kpi(d, "max_delay_days", "0");
    assert_kpi(d, "room_cost", "1500");
    assert_kpi(d, "material_cost", "50");
    assert_kpi(d, "waste_cost", "0");
    assert_kpi(d, "cost", "1550");
    cr_assert_eq(nrows(d, "calendar.csv"), 3, "calendar.csv:\n%s", out_file(d, "calendar.csv"));
    assert_cal_row(d, "P1,PAR,v1,*,2027-03-01,*,*,*,*,2027-03-20,0,on_time");
    assert_cal_row(d, "P2,PAR,v1,*,2027-03-02,*,*,*,*,2027-03-22,0,on_time");
    assert_cal_row(d, "P3,PAR,v1,*,2027-03-03,*,*,*,*,2027-03-25,0,on_time");
    assert_no_line_starting(d, "calendar.csv", "P4,");
    /* One order of one kit, placed from start on, arriving lead_time 3 later. */
    const char *orders = out_file(d, "orders.csv");
    cr_assert_eq(nrows(d, "orders.csv"), 1, "orders.csv:\n%s", orders);
    const char *row = next_line(orders);
    cr_assert(fields_match(row, line_len(row), "KIT,*,*,1,50"), "orders.csv:\n%s", orders);
    long placed = iso_days(field(row, 1)), arrives = iso_days(field(row, 2));
    cr_assert_geq(placed, iso_days("2027-03-01"), "order before the start:\n%s", orders);
    cr_assert_eq(arrives - placed, 3, "arrival is not order_date + lead_time 3:\n%s", orders);
    /* Every March day has a KIT row; by Mar 31 (after every start) none left. */
    cr_assert_eq(e2e_count_lines(out_file(d, "inventory.csv"), "2027-03-"), 31, "inventory.csv:\n%s",
                 out_file(d, "inventory.csv"));
    assert_line(d, "inventory.csv", "2027-03-31,KIT,0,0,0,0");
    assert_header(d, "room_grid.csv", "date,R1,R2");
    cr_assert_gt(nrows(d, "roster.csv"), 0, "roster.csv has no rows although steps need alice or bob");
    verify_ok(INI("all-on-time"), d);
}

/* ---- allow_delay = no ------------------------------------------------------- */

/* room-capacity with allow_delay = no: someone must be late, so no plan
 * (exit 3), an explanation on stderr, and no plan file. */
Test(e2e_plan_policy, strict_and_late_writes_no_plan)
{
    const char *dir = tmpdir();
    struct e2e_result *r = run(3, "plan", INI("strict-late"), "-o", dir, NULL);
    cr_assert_gt(strlen(r->err), 0, "exit 3 without an explanation on stderr");
    for (size_t i = 0; i < NPLAN_FILES; i++)
        cr_assert(!file_exists(STR("%s/%s", dir, plan_files[i])), "exit 3 but %s was written", plan_files[i]);
}

/* room-capacity-2 with allow_delay = no: everybody fits, the plan is written. */
Test(e2e_plan_policy, strict_and_all_fit_plans)
{
    const char *d = plan(INI("strict-fits"), 0);
    assert_outcome(d, "0", "0", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P2,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time");
    verify_ok(INI("strict-fits"), d);
}

/* ---- release and delivery ---------------------------------------------------- */

/* No hold. P2 (FAR: ships Fri-Mon, 3 days) released Sat Mar 6, leaves that
 * day, delivered Tue Mar 9, on time. P1 (PAR: Mon-Thu, 1 day) released Sun
 * Mar 7, leaves Mon Mar 8, delivered Tue Mar 9: 1 day late. */
Test(e2e_plan_delivery, ship_days_and_weekdays)
{
    const char *d = plan(INI("shipping"), 1);
    assert_outcome(d, "1", "1", "0");
    CALENDAR(d, "P2,FAR,v1,R1,2027-03-02,2027-03-02,2027-03-04,2027-03-06,2027-03-09,2027-03-09,0,on_time",
             "P1,PAR,v1,R1,2027-03-03,2027-03-03,2027-03-05,2027-03-07,2027-03-09,2027-03-08,1,late");
    verify_ok(INI("shipping"), d);
}

/* No hold, 2 days of manufacturing then 5 of QC: P1 released Mar 8 (2 days
 * late); the room is free during QC, so P2 starts Mar 3. */
Test(e2e_plan_delivery, qc_days_delay_release_not_the_room)
{
    const char *d = plan(INI("qc-days"), 1);
    assert_outcome(d, "2", "2", "0");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-02,2027-03-08,2027-03-08,2027-03-06,2,late",
             "P2,PAR,v1,R1,2027-03-03,2027-03-03,2027-03-04,2027-03-10,2027-03-10,2027-03-10,0,on_time");
    assert_line(d, "room_grid.csv", "2027-03-02,P1");
    assert_line(d, "room_grid.csv", "2027-03-03,P2");
    verify_ok(INI("qc-days"), d);
}

/* ---- forecast -------------------------------------------------------------------- */

/* 0.4 in February, 3 in March (C = 0.4 + 3j/31): k = 1 on Mar 2 (before the
 * start Mar 8: dropped), k = 2 on Mar 12, k = 3 on Mar 22; ready +2, due
 * +7, 5-day batches started on the ready day are just on time. */
Test(e2e_plan_forecast, forecast_patients)
{
    const char *d = plan(INI("forecast"), 0);
    assert_outcome(d, "0", "0", "0");
    assert_kpi(d, "patients", "2");
    CALENDAR(d, "F-PAR-2,PAR,v1,R1,2027-03-14,2027-03-14,2027-03-18,2027-03-19,2027-03-19,2027-03-19,0,on_time",
             "F-PAR-3,PAR,v1,R1,2027-03-24,2027-03-24,2027-03-28,2027-03-29,2027-03-29,2027-03-29,0,on_time");
    verify_ok(INI("forecast"), d);
}

/* P1 replaces F-PAR-2: F-PAR-2 has no row, P1 is planned with its own dates. */
Test(e2e_plan_forecast, known_patient_replaces_a_forecast_one)
{
    const char *d = plan(INI("forecast-replaces"), 0);
    assert_outcome(d, "0", "0", "0");
    assert_kpi(d, "patients", "2");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-15,2027-03-15,2027-03-19,2027-03-20,2027-03-20,2027-03-20,0,on_time",
             "F-PAR-3,PAR,v1,R1,2027-03-24,2027-03-24,2027-03-28,2027-03-29,2027-03-29,2027-03-29,0,on_time");
    verify_ok(INI("forecast-replaces"), d);
}

/* ---- the plan files ---------------------------------------------------------- */

/* Headers of the contract; a file with no rows still has its header (no
 * steps: no roster; no bom: no orders). */
Test(e2e_plan_output, headers_and_empty_files)
{
    const char *d = plan(INI("room-capacity"), 1);
    assert_header(d, "calendar.csv",
                  "patient,site,process,room,ready,start,end,release,delivery,due,delay_days,status");
    assert_header(d, "room_grid.csv", "date,R1");
    assert_header(d, "roster.csv", "date,person,skill,hours,patients");
    assert_header(d, "orders.csv", "material,order_date,arrival,quantity,cost");
    assert_header(d, "inventory.csv", "date,material,received,consumed,expired,on_hand");
    assert_header(d, "kpis.csv", "kpi,value");
    cr_assert_eq(nrows(d, "roster.csv"), 0, "roster.csv:\n%s", out_file(d, "roster.csv"));
    cr_assert_eq(nrows(d, "orders.csv"), 0, "orders.csv:\n%s", out_file(d, "orders.csv"));
    cr_assert_eq(nrows(d, "inventory.csv"), 0, "inventory.csv:\n%s", out_file(d, "inventory.csv"));
    /* One grid row per plan day: Mar 1 .. Mar 31 (P2 ends Mar 10). */
    cr_assert_eq(nrows(d, "room_grid.csv"), 31, "room_grid.csv:\n%s", out_file(d, "room_grid.csv"));
    static const char *const kpis[] = {
        "patients",   "beyond_horizon",    "on_time",   "late",         "unserved",   "weighted_unserved",
        "total_delay_days", "weighted_delay", "max_delay_days", "room_utilization", "staff_utilization",
        "room_cost",  "material_cost",     "waste_cost", "cost",         "status",     "delay_bound",
        "gap",        "solve_seconds"};
    for (size_t i = 0; i < sizeof kpis / sizeof kpis[0]; i++)
        kpi(d, kpis[i]);
    assert_kpi(d, "patients", "2");
    assert_kpi(d, "beyond_horizon", "0");
    assert_kpi(d, "cost", "0");
}

/* Two runs on the same input give byte-identical plan files (kpis.csv
 * aside: solve_seconds). all-on-time has many tied optima. */
Test(e2e_plan_output, deterministic)
{
    const char *a = plan(INI("all-on-time"), 0);
    const char *b = plan(INI("all-on-time"), 0);
    static const char *const files[] = {"calendar.csv", "room_grid.csv", "roster.csv", "orders.csv",
                                        "inventory.csv"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t la = 0, lb = 0;
        char *ta = own(e2e_slurp(STR("%s/%s", a, files[i]), &la));
        char *tb = own(e2e_slurp(STR("%s/%s", b, files[i]), &lb));
        cr_assert(la == lb && memcmp(ta, tb, la) == 0, "%s differs between two runs:\n%s\n---\n%s", files[i], ta,
                  tb);
    }
}

/* ---- command line -------------------------------------------------------------- */

Test(e2e_plan_cli, missing_scenario_is_bad_input)
{
    const char *dir = tmpdir();
    struct e2e_result *r = run(2, "plan", CASES "no-such-case/scenario.ini", "-o", dir, NULL);
    cr_assert(strstr(r->err, "no-such-case"), "stderr does not name the file:\n%s", r->err);
    cr_assert(!file_exists(STR("%s/calendar.csv", dir)), "a plan was written for a missing scenario");
}

Test(e2e_plan_cli, no_scenario_is_a_usage_error)
{
    run(2, "plan", NULL);
}

Test(e2e_plan_cli, help)
{
    struct e2e_result *r = run(0, "plan", "--help", NULL);
    cr_assert(strstr(r->out, "plan"), "plan --help prints no usage on stdout:\n%s", r->out);
}
