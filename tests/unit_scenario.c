/* Unit tests of models/scenario.h: loading scenario.ini with its tables
 * and checking them against the contract (shared spec:
 * scenario-format.md). Each test loads a small scenario from
 * tests/fixtures/<name>/ and looks at what a user would notice: the values
 * loaded, and the exact messages with their file and line. Only the public
 * surface of scenario.h (and date.h for day numbers). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "models/date.h"
#include "models/diag.h"
#include "models/scenario.h"

#define FIX "tests/fixtures/"

static diag_list *D;
static struct scenario *S;

static void setup(void)
{
    D = diag_new();
    cr_assert_not_null(D);
    S = NULL;
}

static void teardown(void)
{
    scn_free(S);
    diag_free(D);
}

TestSuite(scenario, .init = setup, .fini = teardown);
TestSuite(forecast, .init = setup, .fini = teardown);
TestSuite(versions, .init = setup, .fini = teardown);
TestSuite(inherit, .init = setup, .fini = teardown);
TestSuite(settings, .init = setup, .fini = teardown);
TestSuite(calendar, .init = setup, .fini = teardown);
TestSuite(fixed, .init = setup, .fini = teardown);
TestSuite(values, .init = setup, .fini = teardown);

static int day(const char *s)
{
    int d;
    cr_assert_eq(date_parse(s, &d), 0, "bad date in the test: %s", s);
    return d;
}

static const char *fmt(int d)
{
    static char buf[4][DATE_BUFSZ];
    static int i;
    i = (i + 1) % 4;
    return date_format(d, buf[i]);
}

static void dump(void)
{
    for (size_t i = 0; i < diag_kept(D); i++) {
        const struct diag *g = diag_get(D, i);
        cr_log_info("%s:%d: %s: %s", g->file ? g->file : "-", g->line,
                    g->level == DIAG_ERROR ? "error" : "warning", g->msg);
    }
}

/* Loads a scenario that must be valid, with no diagnostic at all. */
static struct scenario *load_ok(const char *path)
{
    enum scn_status st = scn_load(path, D, &S);
    if (st != SCN_OK || diag_kept(D) != 0) {
        dump();
        cr_assert_fail("%s: %s, %zu errors, %zu warnings (first: %s)", path, scn_strerror(st),
                       diag_errors(D), diag_warnings(D),
                       diag_kept(D) ? diag_get(D, 0)->msg : "none");
    }
    cr_assert_not_null(S);
    return S;
}

/* Loads a scenario that must be invalid. */
static void load_invalid(const char *path)
{
    enum scn_status st = scn_load(path, D, &S);
    if (st != SCN_INVALID)
        dump();
    cr_assert_eq(st, SCN_INVALID, "%s should be invalid, got %s", path, scn_strerror(st));
    cr_assert_null(S, "an invalid scenario gives no scenario");
    cr_assert_gt(diag_errors(D), 0);
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return s && a >= b && strcmp(s + a - b, tail) == 0;
}

/* The diagnostic with exactly this message; checks its level, that its
 * file ends with file (NULL: no file), and its line. */
static const struct diag *expect(enum diag_level level, const char *file, int line, const char *msg)
{
    for (size_t i = 0; i < diag_kept(D); i++) {
        const struct diag *g = diag_get(D, i);
        if (strcmp(g->msg, msg) != 0)
            continue;
        cr_assert_eq(g->level, level, "level of '%s'", msg);
        if (file)
            cr_assert(ends_with(g->file, file), "file of '%s' is '%s', expected ...%s", msg,
                      g->file ? g->file : "(null)", file);
        else
            cr_assert_null(g->file, "'%s' should name no file", msg);
        cr_assert_eq(g->line, line, "line of '%s'", msg);
        return g;
    }
    dump();
    cr_assert_fail("no diagnostic '%s' (%zu kept; see the log)", msg, diag_kept(D));
    return NULL;
}

/* The first diagnostic whose message contains needle. */
static const struct diag *expect_containing(const char *needle)
{
    for (size_t i = 0; i < diag_kept(D); i++)
        if (strstr(diag_get(D, i)->msg, needle))
            return diag_get(D, i);
    dump();
    cr_assert_fail("no diagnostic containing '%s'", needle);
    return NULL;
}

static const struct patient *patient(const char *id)
{
    int i = scn_find_patient(S, id);
    cr_assert_geq(i, 0, "patient '%s' is missing", id);
    return &S->patients[i];
}

/* ==== a minimal scenario and the defaults =============================== */

Test(scenario, minimal)
{
    load_ok(FIX "minimal/scenario.ini");
    cr_assert_str_eq(S->path, FIX "minimal/scenario.ini");
    cr_assert_str_eq(S->name, "scenario", "the default name is the INI file's stem");
    cr_assert_eq(S->start, day("2027-01-04"));
    cr_assert_eq(S->end, day("2027-03-31"));

    cr_assert_eq(S->nsites, 1);
    const struct site *si = &S->sites[0];
    cr_assert_str_eq(si->id, "PAR");
    cr_assert_str_eq(si->name, "H\xC3\xB4pital Saint-Louis");
    cr_assert_eq(si->ship_days, 1);
    cr_assert_eq(si->ship_weekdays, WD_MON_FRI);
    cr_assert_eq(si->ready_after, 14);
    cr_assert_eq(si->due_after, 45);
    cr_assert_eq(si->line, 2);

    cr_assert_eq(S->nprocesses, 1);
    const struct process *pr = &S->processes[0];
    cr_assert_str_eq(pr->id, "v1.0");
    cr_assert_eq(pr->duration, 8);
    cr_assert_eq(pr->qc_days, 8);
    cr_assert_eq(pr->changeover, 1);
    cr_assert_eq(pr->max_hold, 2);
    cr_assert_eq(pr->start_days, WD_MON_FRI);
    cr_assert_str_eq(pr->room_type, "gradeB");
    cr_assert_eq(pr->approved_from, DATE_NONE);
    cr_assert_eq(pr->approved_until, DATE_FAR);

    cr_assert_eq(S->nrooms, 1);
    cr_assert_str_eq(S->rooms[0].id, "B1");
    cr_assert_str_eq(S->rooms[0].type, "gradeB");
    cr_assert_eq(S->rooms[0].capacity, 2);
    cr_assert_float_eq(S->rooms[0].cost_per_day, 1500.0, 1e-9);
    cr_assert_eq(S->rooms[0].available, 1);

    cr_assert_eq(S->npatients, 1);
    const struct patient *p = patient("P-001");
    cr_assert_eq(p->kind, PATIENT_KNOWN);
    cr_assert_eq(p->site, 0);
    cr_assert_eq(p->ready, day("2027-01-12"));
    cr_assert_eq(p->due, day("2027-02-12"));
    cr_assert_eq(p->process, 0);
    cr_assert_float_eq(p->priority, 2.0, 1e-12);
    cr_assert_eq(p->max_hold, 3);
    cr_assert_eq(p->included, day("2026-12-17"));
    cr_assert_eq(p->fixed_start, DATE_NONE);
    cr_assert_eq(p->fixed_room, -1);
    cr_assert_eq(p->forecast_k, 0);
    cr_assert_eq(p->line, 2);
    cr_assert_eq(S->beyond_horizon, 0);

    /* the calendar runs past end by duration + changeover - 1 days */
    cr_assert_eq(S->day_last, day("2027-04-08"));
    cr_assert_eq(S->ndays, day("2027-04-08") - day("2027-01-04") + 1);

    cr_assert_eq(scn_find_site(S, "PAR"), 0);
    cr_assert_eq(scn_find_site(S, "par"), -1, "ids are case-sensitive");
    cr_assert_eq(scn_find_room(S, "B1"), 0);
    cr_assert_eq(scn_find_process(S, "v1.0"), 0);
    cr_assert_eq(scn_find_patient(S, "P-002"), -1);
    cr_assert_eq(scn_find_material(S, "M1"), -1);
    cr_assert_eq(scn_find_person(S, "ana"), -1);
    cr_assert_eq(scn_find_skill(S, "operator"), -1);
}

Test(scenario, defaults)
{
    load_ok(FIX "defaults/q3-what-if.ini");
    cr_assert_str_eq(S->name, "q3-what-if");
    cr_assert_float_eq(S->time_limit, 60.0, 1e-12);
    cr_assert_float_eq(S->mip_gap, 0.0001, 1e-15);
    cr_assert_eq(S->allow_delay, 1);
    cr_assert_eq(S->max_delay, -1);

    const struct site *si = &S->sites[0];
    cr_assert_str_eq(si->name, "PAR", "a site's name defaults to its id");
    cr_assert_eq(si->ship_days, 0);
    cr_assert_eq(si->ship_weekdays, WD_ALL);
    cr_assert_eq(si->ready_after, 0);
    cr_assert_eq(si->due_after, -1);

    const struct process *pr = &S->processes[0];
    cr_assert_eq(pr->qc_days, 0);
    cr_assert_eq(pr->changeover, 0);
    cr_assert_eq(pr->max_hold, -1, "unlimited");
    cr_assert_eq(pr->start_days, WD_ALL);
    cr_assert_null(pr->room_type, "any room");
    cr_assert_eq(pr->approved_from, DATE_NONE);
    cr_assert_eq(pr->approved_until, DATE_FAR);
    cr_assert_eq(pr->nsteps, 0);
    cr_assert_eq(pr->nbom, 0);

    const struct room *ro = &S->rooms[0];
    cr_assert_str_eq(ro->type, "");
    cr_assert_eq(ro->capacity, 1);
    cr_assert_float_eq(ro->cost_per_day, 0.0, 1e-12);
    cr_assert_eq(ro->available, 1);

    cr_assert_eq(S->npersons, 1);
    const struct person *pe = &S->persons[0];
    cr_assert_eq(pe->weekdays, WD_MON_FRI);
    cr_assert_float_eq(pe->hours, 7.5, 1e-12);
    cr_assert_eq(pe->nskills, 1);
    cr_assert_eq(S->nskills, 1);
    cr_assert_str_eq(S->skills[0], "operator");
    cr_assert_eq(scn_person_has_skill(S, 0, scn_find_skill(S, "operator")), 1);
    cr_assert_float_eq(scn_person_hours(S, 0, day("2027-01-08")), 7.5, 1e-12, "a Friday");
    cr_assert_float_eq(scn_person_hours(S, 0, day("2027-01-09")), 0.0, 1e-12, "a Saturday");

    const struct material *m = &S->materials[0];
    cr_assert_str_eq(m->unit, "");
    cr_assert_float_eq(m->stock, 0.0, 1e-12);
    cr_assert_eq(m->stock_expires, DATE_FAR);
    cr_assert_eq(m->lead_time, -1, "blank lead_time: cannot be ordered");
    cr_assert_float_eq(m->order_multiple, 1.0, 1e-12);
    cr_assert_float_eq(m->min_order, 0.0, 1e-12);
    cr_assert_eq(m->shelf_life, 0, "never expires");
    cr_assert_float_eq(m->unit_cost, 0.0, 1e-12);
    cr_assert_eq(S->ndeliveries, 1);
    cr_assert_eq(S->deliveries[0].expires, DATE_FAR, "no shelf life: never expires");
    cr_assert_eq(S->nlots, 1, "no stock: the delivery is the only lot");
    cr_assert_eq(S->lots[0].arrival, day("2027-01-10"));

    const struct patient *p = patient("P-1");
    cr_assert_eq(p->process, -1, "chosen by start date");
    cr_assert_float_eq(p->priority, 1.0, 1e-12);
    cr_assert_eq(p->max_hold, -1);
    cr_assert_eq(p->included, DATE_NONE);
    cr_assert_eq(p->fixed_start, DATE_NONE);
    cr_assert_eq(p->fixed_room, -1);
}

Test(scenario, name_is_the_stem_of_the_file_given)
{
    /* plan.2027.ini has base = q3-what-if.ini and no name anywhere */
    load_ok(FIX "defaults/plan.2027.ini");
    cr_assert_str_eq(S->name, "plan.2027");
    cr_assert_eq(S->end, day("2027-01-31"), "the rest comes from the base");
}

Test(scenario, missing_file)
{
    load_invalid(FIX "no-such-scenario/scenario.ini");
    cr_assert_eq(diag_errors(D), 1);
    expect(DIAG_ERROR, "no-such-scenario/scenario.ini", 0, "cannot read file: No such file or directory");
}

Test(scenario, free_null_is_a_no_op)
{
    scn_free(NULL);
    cr_assert_str_eq(scn_strerror(SCN_OK), "ok");
    cr_assert_str_eq(scn_strerror(SCN_INVALID), "the scenario is invalid");
}

/* ==== forecast expansion ================================================= */

static void expect_forecast(const char *id, int k, const char *included, const char *ready,
                            const char *due)
{
    const struct patient *p = patient(id);
    cr_assert_eq(p->kind, PATIENT_FORECAST, "%s", id);
    cr_assert_eq(p->forecast_k, k, "%s", id);
    cr_assert_eq(p->included, day(included), "%s included on %s, expected %s", id, fmt(p->included), included);
    cr_assert_eq(p->ready, day(ready), "%s ready on %s, expected %s", id, fmt(p->ready), ready);
    cr_assert_eq(p->due, day(due), "%s due on %s, expected %s", id, fmt(p->due), due);
    cr_assert_float_eq(p->priority, 1.0, 1e-12);
    cr_assert_eq(p->process, -1);
    cr_assert_eq(p->fixed_start, DATE_NONE);
    cr_assert_eq(p->line, 0);
}

Test(forecast, one_and_a_half_patients_in_a_31_day_month)
{
    load_ok(FIX "forecast/scenario.ini");
    /* C(d) = 1.5 j / 31: >= 0.5 first on day 11, >= 1.5 on day 31 */
    expect_forecast("F-X-1", 1, "2027-01-11", "2027-01-25", "2027-02-25");
    expect_forecast("F-X-2", 2, "2027-01-31", "2027-02-14", "2027-03-17");
    cr_assert_eq(scn_find_patient(S, "F-X-3"), -1, "2.5 is never reached");
}

Test(forecast, fractions_carry_over_months)
{
    load_ok(FIX "forecast/scenario.ini");
    /* 0.4 a month: C reaches 0.5 on 2027-02-07 (0.4 + 0.4 * 7/28), never 1.5 */
    expect_forecast("F-Y-1", 1, "2027-02-07", "2027-02-07", "2027-03-09");
    cr_assert_eq(scn_find_patient(S, "F-Y-2"), -1);
}

Test(forecast, a_month_with_no_patients)
{
    load_ok(FIX "forecast/scenario.ini");
    /* 1.0, 0, 1.0 (rows given out of order): day 16 of January and of March */
    expect_forecast("F-Z-1", 1, "2027-01-16", "2027-01-23", "2027-03-17");
    expect_forecast("F-Z-2", 2, "2027-03-16", "2027-03-23", "2027-05-15");
    cr_assert_eq(scn_find_patient(S, "F-Z-3"), -1);
}

Test(forecast, exactly_half_is_reached_despite_rounding)
{
    load_ok(FIX "forecast/scenario.ini");
    /* 0.2 + 0.7 * 12 / 28 is 0.5 exactly, 0.49999999999999994 in doubles */
    expect_forecast("F-V-1", 1, "2027-02-12", "2027-02-12", "2027-03-14");
}

Test(forecast, order_and_counts)
{
    load_ok(FIX "forecast/scenario.ini");
    static const char *const ids[] = {"F-X-1", "F-X-2", "F-Y-1", "F-Z-1", "F-Z-2", "F-V-1"};
    cr_assert_eq(S->npatients, 6);
    for (int i = 0; i < 6; i++)
        cr_assert_str_eq(S->patients[i].id, ids[i], "by site (sites.csv order), then k");
    cr_assert_eq(S->forecast_before, 0);
    cr_assert_eq(S->forecast_after, 0);
    cr_assert_eq(S->forecast_replaced, 0);
}

Test(forecast, leap_february_at_the_tolerance)
{
    load_ok(FIX "forecast-leap/scenario.ini");
    /* 0.58 * 25 / 29 is 0.5 exactly, 0.49999999999999994 in doubles */
    cr_assert_eq(S->npatients, 1);
    expect_forecast("F-T-1", 1, "2024-02-25", "2024-02-25", "2024-03-26");
}

Test(forecast, window_keeps_ids_stable)
{
    load_ok(FIX "forecast-window/scenario.ini");
    /* one a month from January; start 2027-04-15, end 2027-05-30 */
    cr_assert_eq(S->forecast_before, 3, "F-W-1..3 were included before start");
    cr_assert_eq(S->forecast_after, 1, "F-W-6 is ready after end");
    cr_assert_eq(S->npatients, 2);
    cr_assert_str_eq(S->patients[0].id, "F-W-4", "the first kept id is not F-W-1");
    expect_forecast("F-W-4", 4, "2027-04-15", "2027-04-29", "2027-05-30");
    expect_forecast("F-W-5", 5, "2027-05-16", "2027-05-30", "2027-06-30");
    cr_assert_eq(scn_find_patient(S, "F-W-3"), -1);
    cr_assert_eq(scn_find_patient(S, "F-W-6"), -1);
}

Test(forecast, replaces_removes_the_forecast_patient)
{
    load_ok(FIX "forecast-replaces/scenario.ini");
    cr_assert_eq(S->npatients, 6, "one known patient, five forecast ones");
    cr_assert_eq(S->forecast_replaced, 1);
    cr_assert_eq(scn_find_patient(S, "F-X-1"), -1);
    cr_assert_str_eq(S->patients[0].id, "P-100", "known patients first");
    cr_assert_eq(S->patients[0].kind, PATIENT_KNOWN);
    expect_forecast("F-X-2", 2, "2027-01-31", "2027-02-14", "2027-03-17");
}

Test(forecast, replacing_a_forecast_patient_that_does_not_exist)
{
    load_invalid(FIX "forecast-replaces-bad/scenario.ini");
    expect(DIAG_ERROR, "forecast-replaces-bad/patients.csv", 2,
           "column 'replaces': 'F-X-3' is not a forecast patient (ids are F-<site>-<k>; "
           "the forecast gives 6)");
}

Test(forecast, replacing_a_forecast_patient_twice)
{
    load_invalid(FIX "forecast-replaces-bad/scenario.ini");
    expect(DIAG_ERROR, "forecast-replaces-bad/patients.csv", 4,
           "column 'replaces': 'F-X-1' is already replaced by patient 'P-101' (line 3)");
}

Test(forecast, known_id_taken_by_a_forecast_patient)
{
    load_invalid(FIX "forecast-replaces-bad/scenario.ini");
    expect(DIAG_ERROR, "forecast-replaces-bad/patients.csv", 5,
           "column 'patient': 'F-Y-1' is also the id of a forecast patient; choose another id");
    cr_assert_eq(diag_errors(D), 3);
}

Test(forecast, bad_rows)
{
    load_invalid(FIX "forecast-bad/scenario.ini");
    const char *f = "forecast-bad/forecast.csv";
    expect(DIAG_ERROR, f, 3, "site 'X' month 2027-01 is given again (first on line 2)");
    expect(DIAG_ERROR, f, 4, "column 'month': '2027-13' is not a month (YYYY-MM)");
    expect(DIAG_ERROR, f, 5, "site 'N' has forecast rows but no due_after in sites.csv (line 3)");
    expect(DIAG_ERROR, f, 6, "column 'patients': '-1' must be at least 0");
    expect(DIAG_ERROR, f, 7, "column 'patients': '1001' is more than 1000 inclusions in a month");
    cr_assert_eq(diag_errors(D), 5, "1000 inclusions in a month (line 8) are allowed");
}

Test(forecast, known_patients_beyond_the_horizon)
{
    struct scenario *s;
    cr_assert_eq(scn_load(FIX "known-beyond/scenario.ini", D, &s), SCN_OK);
    S = s;
    cr_assert_eq(diag_errors(D), 0);
    cr_assert_eq(diag_warnings(D), 2);
    expect(DIAG_WARNING, "known-beyond/patients.csv", 3,
           "patient 'P-2' is ready on 2027-04-01, after the horizon's end: left out (beyond_horizon)");
    expect(DIAG_WARNING, "known-beyond/patients.csv", 4,
           "patient 'P-3' is ready on 2028-01-05, after the horizon's end: left out (beyond_horizon)");
    cr_assert_eq(S->beyond_horizon, 2);
    cr_assert_eq(S->npatients, 1, "ready on the last day is inside the horizon");
    cr_assert_str_eq(S->patients[0].id, "P-1");
    cr_assert_eq(scn_find_patient(S, "P-2"), -1);
}

/* ==== process versions ================================================== */

Test(versions, process_for_a_patient_without_one)
{
    load_ok(FIX "versions/scenario.ini");
    int p1 = scn_find_patient(S, "P-1");
    int v09 = scn_find_process(S, "v0.9"), v10 = scn_find_process(S, "v1.0"),
        v11 = scn_find_process(S, "v1.1");
    cr_assert(v09 == 0 && v10 == 1 && v11 == 2);
    cr_assert_eq(scn_process_for(S, p1, day("2026-01-01")), v09, "approved from -inf");
    cr_assert_eq(scn_process_for(S, p1, day("2027-01-05")), v09, "its last day");
    cr_assert_eq(scn_process_for(S, p1, day("2027-01-06")), -1, "no version approved");
    cr_assert_eq(scn_process_for(S, p1, day("2027-01-10")), -1, "no version approved");
    cr_assert_eq(scn_process_for(S, p1, day("2027-01-11")), v10, "its first day");
    cr_assert_eq(scn_process_for(S, p1, day("2027-06-30")), v10, "the day before the switch");
    cr_assert_eq(scn_process_for(S, p1, day("2027-07-01")), v11, "the switch day");
    cr_assert_eq(scn_process_for(S, p1, day("2027-12-31")), v11,
                 "v1.0 is still approved, v1.1 has the later approved_from");
}

Test(versions, process_for_a_patient_with_one)
{
    load_ok(FIX "versions/scenario.ini");
    int p2 = scn_find_patient(S, "P-2"), p3 = scn_find_patient(S, "P-3");
    cr_assert_eq(S->patients[p2].process, 0);
    cr_assert_eq(scn_process_for(S, p2, day("2027-01-05")), 0);
    cr_assert_eq(scn_process_for(S, p2, day("2027-01-06")), -1, "outside v0.9's window");
    cr_assert_eq(scn_process_for(S, p3, day("2027-01-10")), -1, "before v1.0's window");
    cr_assert_eq(scn_process_for(S, p3, day("2027-01-11")), 1);
    cr_assert_eq(scn_process_for(S, p3, day("2027-08-02")), 1, "v1.0 asked for, v1.1 newer: v1.0");
}

Test(versions, same_approved_from_with_overlapping_windows)
{
    load_invalid(FIX "versions-same-from/scenario.ini");
    expect(DIAG_ERROR, "versions-same-from/processes.csv", 3,
           "process 'v2' and 'v1' (line 2) are both approved from 2027-01-01 and their windows "
           "overlap: which one applies is undecided");
    expect(DIAG_ERROR, "versions-same-from/processes.csv", 5,
           "process 'v4' and 'v3' (line 4) are both approved from the beginning and their windows "
           "overlap: which one applies is undecided");
    cr_assert_eq(diag_errors(D), 2, "a one-day window of its own is fine");
}

Test(versions, approved_until_before_approved_from)
{
    load_invalid(FIX "versions-until-before/scenario.ini");
    cr_assert_eq(diag_errors(D), 1, "approved_until == approved_from is a one-day window");
    expect(DIAG_ERROR, "versions-until-before/processes.csv", 2,
           "column 'approved_until': 2027-01-31 is before approved_from 2027-02-01");
}

/* ==== inheritance ========================================================= */

Test(inherit, parent_alone)
{
    load_ok(FIX "inherit/parent/scenario.ini");
    cr_assert_str_eq(S->name, "Parent case");
    cr_assert_eq(S->end, day("2027-06-30"));
    cr_assert_eq(S->npatients, 2, "two forecast patients");
    cr_assert_str_eq(S->rooms[0].id, "PARENT-ROOM");
    cr_assert_float_eq(S->time_limit, 30.0, 1e-12);
    cr_assert_float_eq(S->mip_gap, 0.01, 1e-12);
}

Test(inherit, child_keys_win_and_paths_resolve_per_file)
{
    load_ok(FIX "inherit/scenario.ini");
    cr_assert_str_eq(S->name, "Parent case", "inherited");
    cr_assert_eq(S->start, day("2027-01-01"), "inherited");
    cr_assert_eq(S->end, day("2027-03-31"), "the child's");
    /* sites.csv and processes.csv named by parent/scenario.ini live in parent/ */
    cr_assert_eq(S->nsites, 1);
    cr_assert_str_eq(S->sites[0].id, "PS");
    cr_assert_str_eq(S->processes[0].id, "pv");
    /* rooms.csv named by the child lives next to the child */
    cr_assert_eq(S->nrooms, 1);
    cr_assert_str_eq(S->rooms[0].id, "CHILD-ROOM");
    cr_assert_float_eq(S->time_limit, 30.0, 1e-12, "inherited");
    cr_assert_float_eq(S->mip_gap, 0.05, 1e-12, "the child's");
}

Test(inherit, empty_value_removes_an_optional_table)
{
    load_ok(FIX "inherit/scenario.ini");
    cr_assert_eq(S->npatients, 1, "forecast = removes the parent's forecast");
    cr_assert_str_eq(S->patients[0].id, "P-1");
    cr_assert_eq(S->forecast_before + S->forecast_after + S->forecast_replaced, 0);
}

Test(inherit, chain_of_three)
{
    load_ok(FIX "inherit/grandchild/scenario.ini");
    cr_assert_str_eq(S->name, "Grandchild");
    cr_assert_eq(S->allow_delay, 0);
    cr_assert_eq(S->end, day("2027-03-31"), "from the child");
    cr_assert_str_eq(S->rooms[0].id, "CHILD-ROOM", "from the child, relative to the child");
    cr_assert_str_eq(S->sites[0].id, "PS", "from the parent, relative to the parent");
    cr_assert_eq(S->npatients, 1, "still no forecast");
    cr_assert_float_eq(S->time_limit, 30.0, 1e-12);
}

Test(inherit, cycle)
{
    load_invalid(FIX "inherit-cycle/a.ini");
    cr_assert_eq(diag_errors(D), 1);
    const struct diag *g = expect_containing("cycle");
    cr_assert_eq(g->level, DIAG_ERROR);
    cr_assert(ends_with(g->file, "inherit-cycle/b.ini"), "named by b.ini, got %s", g->file);
    cr_assert_eq(g->line, 3, "the line of b.ini's base key");
    cr_assert_not_null(strstr(g->msg, "a.ini"), "names the file: %s", g->msg);
}

/* ==== scenario.ini keys and the horizon =================================== */

Test(settings, unknown_key_with_did_you_mean)
{
    load_invalid(FIX "ini-unknown-key/scenario.ini");
    expect(DIAG_ERROR, "ini-unknown-key/scenario.ini", 15,
           "unknown key 'time_limt' in [solver] (did you mean 'time_limit'?)");
}

Test(settings, unknown_key_without_a_near_one)
{
    load_invalid(FIX "ini-unknown-key/scenario.ini");
    expect(DIAG_ERROR, "ini-unknown-key/scenario.ini", 12, "unknown key 'colour' in [policy]");
}

Test(settings, key_in_the_wrong_section)
{
    load_invalid(FIX "ini-unknown-key/scenario.ini");
    expect(DIAG_ERROR, "ini-unknown-key/scenario.ini", 9, "key 'start' belongs in [scenario], not [tables]");
    cr_assert_eq(diag_errors(D), 3);
}

Test(settings, unknown_section_is_a_warning)
{
    struct scenario *s;
    cr_assert_eq(scn_load(FIX "ini-unknown-section/scenario.ini", D, &s), SCN_OK);
    S = s;
    cr_assert_eq(diag_errors(D), 0);
    cr_assert_eq(diag_warnings(D), 1, "once per section");
    expect(DIAG_WARNING, "ini-unknown-section/scenario.ini", 10, "unknown section [extras] is ignored");
}

Test(settings, bad_values)
{
    load_invalid(FIX "ini-bad-values/scenario.ini");
    const char *f = "ini-bad-values/scenario.ini";
    expect(DIAG_ERROR, f, 2, "start: '2027-02-30' is not a date (YYYY-MM-DD)");
    expect(DIAG_ERROR, f, 11, "allow_delay: 'maybe' is not yes or no");
    expect(DIAG_ERROR, f, 12, "max_delay: '-1' must be between 0 and 3660");
    expect(DIAG_ERROR, f, 15, "time_limit: '1,5' is not a number (use '.' as the decimal separator)");
    expect(DIAG_ERROR, f, 16, "mip_gap: '2' must be between 0 and 1");
    cr_assert_eq(diag_errors(D), 5);
}

Test(settings, required_keys_and_tables)
{
    load_invalid(FIX "ini-missing/scenario.ini");
    expect(DIAG_ERROR, "ini-missing/scenario.ini", 0,
           "[scenario] end is required (last planned day, on or after start)");
    expect(DIAG_ERROR, "ini-missing/scenario.ini", 0,
           "[tables] rooms is required: name the CSV file of cleanrooms");
    cr_assert_eq(diag_errors(D), 2);
}

Test(settings, table_file_missing)
{
    load_invalid(FIX "ini-missing-table/scenario.ini");
    cr_assert_eq(diag_errors(D), 1);
    /* Reported at the key that names the file, with the path tried. */
    expect(DIAG_ERROR, "ini-missing-table/scenario.ini", 8,
           "rooms: cannot read 'tests/fixtures/ini-missing-table/no-such-rooms.csv': "
           "No such file or directory");
}

Test(settings, steps_need_staff)
{
    load_invalid(FIX "steps-no-staff/scenario.ini");
    const struct diag *g = expect_containing("[tables] staff is required when steps is given");
    cr_assert_eq(g->level, DIAG_ERROR);
    cr_assert(ends_with(g->file, "steps-no-staff/scenario.ini"));
    cr_assert_eq(g->line, 9, "at the steps key, since staff is not given at all");
}

Test(settings, horizon_of_3660_days)
{
    load_ok(FIX "horizon-max/scenario.ini");
    cr_assert_eq(S->end - S->start + 1, 3660);
    cr_assert_eq(S->ndays, 3660 + 8, "plus duration + changeover - 1 days");
}

Test(settings, horizon_of_3661_days)
{
    load_invalid(FIX "horizon-over/scenario.ini");
    cr_assert_eq(diag_errors(D), 1);
    expect(DIAG_ERROR, "horizon-over/scenario.ini", 3,
           "the horizon 2027-01-01 .. 2037-01-08 is 3661 days; at most 3660 are allowed");
}

Test(settings, horizon_of_one_day)
{
    load_ok(FIX "horizon-one-day/scenario.ini");
    cr_assert_eq(S->start, S->end);
}

Test(settings, end_before_start)
{
    load_invalid(FIX "end-before-start/scenario.ini");
    cr_assert_eq(diag_errors(D), 1);
    expect(DIAG_ERROR, "end-before-start/scenario.ini", 3, "end 2026-12-31 is before start 2027-01-01");
}

Test(settings, keys_documented)
{
    size_t n = 0;
    const struct scn_key_doc *k = scn_keys(&n);
    cr_assert_eq(n, 25);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(k[i].section, "solver") == 0 && strcmp(k[i].key, "time_limit") == 0) {
            cr_assert_str_eq(k[i].def, "60");
            found = 1;
        }
    cr_assert(found);
}

/* ==== calendars ========================================================== */

Test(calendar, room_slots_in_file_order_over_the_default)
{
    load_ok(FIX "rooms-calendar/scenario.ini");
    int b1 = scn_find_room(S, "B1"), b2 = scn_find_room(S, "B2");
    cr_assert_eq(S->rooms[b1].available, 0);
    cr_assert_eq(S->rooms[b2].available, 1, "blank available: yes");
    static const struct { const char *day; int b1, b2; } want[] = {
        {"2027-01-04", 0, 1}, /* B1 closed by default */
        {"2027-01-31", 0, 1},
        {"2027-02-01", 1, 1}, /* the B1 slot grants it */
        {"2027-02-09", 1, 1},
        {"2027-02-10", 0, 0}, /* the later '*' row blocks every room */
        {"2027-02-11", 1, 0}, /* the still later B1 row grants B1 again */
        {"2027-02-12", 0, 0},
        {"2027-02-13", 1, 1},
        {"2027-02-28", 1, 1},
        {"2027-03-01", 0, 1}, /* past the slot: default again */
        {"2026-12-31", 0, 1}, /* before the calendar */
        {"2030-02-11", 0, 1}, /* after it */
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        cr_assert_eq(scn_room_open(S, b1, day(want[i].day)), want[i].b1, "B1 on %s", want[i].day);
        cr_assert_eq(scn_room_open(S, b2, day(want[i].day)), want[i].b2, "B2 on %s", want[i].day);
    }
}

Test(calendar, roster_over_weekdays_holidays_and_shifts)
{
    load_ok(FIX "roster/scenario.ini");
    int ana = scn_find_person(S, "ana"), ben = scn_find_person(S, "ben");
    cr_assert_eq(S->persons[ana].weekdays, WD_MON_FRI, "default weekdays");
    cr_assert_eq(S->persons[ben].weekdays, 0x60u, "Sat Sun");
    static const struct { const char *day; double ana, ben; } want[] = {
        {"2027-01-04", 8, 0},   /* Mon: default roster */
        {"2027-01-05", 8, 0},
        {"2027-01-06", 4, 0},   /* holiday, but a shifts row gives ana 4 h */
        {"2027-01-07", 8, 0},
        {"2027-01-09", 0, 0},   /* Sat holiday: ben's working day, nobody works */
        {"2027-01-10", 0, 7.5}, /* Sun */
        {"2027-01-11", 0, 0},   /* ana absent Mon-Fri */
        {"2027-01-12", 0, 0},
        {"2027-01-13", 6, 0},   /* a later row wins over the absence */
        {"2027-01-14", 0, 0},
        {"2027-01-15", 0, 0},
        {"2027-01-18", 8, 0},   /* the Sat-only row does not touch a Monday */
        {"2027-01-23", 5, 7.5}, /* Sat: the Sat-only row */
        {"2027-01-24", 0, 7.5}, /* Sun: not in the row, default: ana is off */
        {"2027-01-30", 5, 7.5},
        {"2027-02-06", 0, 7.5}, /* after the calendar: default roster */
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        cr_assert_float_eq(scn_person_hours(S, ana, day(want[i].day)), want[i].ana, 1e-12, "ana on %s",
                           want[i].day);
        cr_assert_float_eq(scn_person_hours(S, ben, day(want[i].day)), want[i].ben, 1e-12, "ben on %s",
                           want[i].day);
    }
    cr_assert_eq(scn_is_holiday(S, day("2027-01-06")), 1);
    cr_assert_eq(scn_is_holiday(S, day("2027-01-09")), 1);
    cr_assert_eq(scn_is_holiday(S, day("2027-01-07")), 0);
    cr_assert_eq(S->nholidays, 2);
    cr_assert_str_eq(S->holidays[0].name, "Epiphany");
}

Test(calendar, skills)
{
    load_ok(FIX "roster/scenario.ini");
    int ana = scn_find_person(S, "ana"), ben = scn_find_person(S, "ben");
    int op = scn_find_skill(S, "operator"), qc = scn_find_skill(S, "qc");
    cr_assert_eq(S->nskills, 2);
    cr_assert(op >= 0 && qc >= 0);
    cr_assert_eq(scn_person_has_skill(S, ana, op), 1);
    cr_assert_eq(scn_person_has_skill(S, ana, qc), 1);
    cr_assert_eq(scn_person_has_skill(S, ben, op), 1);
    cr_assert_eq(scn_person_has_skill(S, ben, qc), 0);
}

Test(calendar, material_lots)
{
    load_ok(FIX "lots/scenario.ini");
    int m1 = scn_find_material(S, "M1"), m2 = scn_find_material(S, "M2");
    const struct material *a = &S->materials[m1], *b = &S->materials[m2];
    cr_assert_str_eq(a->unit, "kit");
    cr_assert_float_eq(a->stock, 10.0, 1e-12);
    cr_assert_eq(a->lead_time, -1);
    cr_assert_eq(a->shelf_life, 30);
    cr_assert_eq(b->lead_time, 7);
    cr_assert_float_eq(b->order_multiple, 10.0, 1e-12);
    cr_assert_float_eq(b->min_order, 20.0, 1e-12);
    cr_assert_float_eq(b->unit_cost, 75.5, 1e-12);

    /* expires defaults to date + shelf_life, from the delivery's own date */
    cr_assert_eq(S->deliveries[0].expires, day("2027-01-19"));
    cr_assert_eq(S->deliveries[1].expires, day("2027-03-03"));
    cr_assert_eq(S->deliveries[2].expires, day("2027-06-01"), "given");
    cr_assert_eq(S->deliveries[3].expires, DATE_FAR, "M2 has no shelf life");

    /* lots by material, then arrival, then expiry */
    static const struct { int material; const char *arrival; double qty; const char *expires; int delivery; }
    want[] = {
        {0, "2027-01-04", 5, "2027-01-19", 0},  /* delivered before start: on hand on start */
        {0, "2027-01-04", 10, NULL, -1},        /* the stock, on start, never expires */
        {0, "2027-02-01", 3, "2027-03-03", 1},
        {1, "2027-01-04", 2, NULL, 3},          /* delivered on start itself */
        {1, "2027-01-10", 4, "2027-06-01", 2},
    };
    cr_assert_eq(S->nlots, 5, "no lot for M2's empty stock");
    for (int i = 0; i < 5; i++) {
        const struct lot *l = &S->lots[i];
        cr_assert_eq(l->material, want[i].material == 0 ? m1 : m2, "lot %d", i);
        cr_assert_eq(l->arrival, day(want[i].arrival), "lot %d arrives %s", i, fmt(l->arrival));
        cr_assert_float_eq(l->quantity, want[i].qty, 1e-12, "lot %d", i);
        cr_assert_eq(l->expires, want[i].expires ? day(want[i].expires) : DATE_FAR, "lot %d", i);
        cr_assert_eq(l->delivery, want[i].delivery, "lot %d", i);
    }
}

/* ==== fixed batches ======================================================= */

Test(fixed, batches_that_fit_exactly)
{
    load_ok(FIX "fixed-ok/scenario.ini");
    const struct patient *p1 = patient("P-1");
    cr_assert_eq(p1->fixed_start, day("2027-01-01"), "may start before the horizon");
    cr_assert_eq(p1->fixed_room, scn_find_room(S, "B1"));
    cr_assert_eq(p1->process, 0, "the version is resolved for a fixed batch");
    cr_assert_eq(patient("P-2")->fixed_start, day("2027-01-05"));
    cr_assert_eq(patient("P-5")->fixed_start, DATE_NONE);
    cr_assert_eq(patient("P-5")->fixed_room, -1);
}

Test(fixed, start_without_room_and_room_without_start)
{
    load_invalid(FIX "fixed-no-room/scenario.ini");
    cr_assert_eq(diag_errors(D), 2);
    expect(DIAG_ERROR, "fixed-no-room/patients.csv", 2,
           "column 'room' is blank but 'start' is given: a fixed batch needs both");
    expect(DIAG_ERROR, "fixed-no-room/patients.csv", 3,
           "column 'start' is blank but 'room' is given: a fixed batch needs both");
}

Test(fixed, two_batches_overfill_a_room)
{
    load_invalid(FIX "fixed-overlap/scenario.ini");
    /* P-1 holds B1 on 01-06..01-09 (3 days + changeover), P-2 from 01-08 */
    cr_assert_eq(diag_errors(D), 2);
    expect(DIAG_ERROR, "fixed-overlap/patients.csv", 3,
           "fixed batches need room 'B1' on 2027-01-08 more than its capacity 1 allows");
    expect(DIAG_ERROR, "fixed-overlap/patients.csv", 3,
           "fixed batches need room 'B1' on 2027-01-09 more than its capacity 1 allows");
}

Test(fixed, batch_on_a_closed_room_day)
{
    load_invalid(FIX "fixed-closed/scenario.ini");
    cr_assert_eq(diag_errors(D), 1, "P-2 ends its changeover the day before B1 closes");
    expect(DIAG_ERROR, "fixed-closed/patients.csv", 2,
           "fixed batch of 'P-1' needs room 'B1' on 2027-01-05, when it is closed");
}

Test(fixed, batch_needs_staff_nobody_can_give)
{
    load_invalid(FIX "fixed-staff/scenario.ini");
    cr_assert_eq(diag_errors(D), 1, "P-2 on a Monday is staffed");
    const struct diag *g = expect_containing("2027-01-09");
    cr_assert_eq(g->level, DIAG_ERROR);
    cr_assert(ends_with(g->file, "fixed-staff/patients.csv"));
    cr_assert_eq(g->line, 2, "the line of P-1, the fixed batch named");
    cr_assert_not_null(strstr(g->msg, "'operator'"), "%s", g->msg);
    cr_assert_not_null(strstr(g->msg, "more than the persons present can give"), "%s", g->msg);
}

/* ==== invalid values ====================================================== */

#define BAD FIX "invalid-values/scenario.ini"
#define BADP "invalid-values/patients.csv"

Test(values, not_a_date)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 2, "column 'due': '2027-02-30' is not a date (YYYY-MM-DD)");
}

Test(values, decimal_comma)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 3, "column 'priority': '1,5' is not a number (use '.' as the decimal separator)");
}

Test(values, duplicate_id)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 4, "column 'patient': 'P-1' is used again (first on line 2)");
}

Test(values, dangling_reference)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 5, "column 'site': 'LYN' is not a site in sites.csv");
}

Test(values, priority_must_be_positive)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 6, "column 'priority': '0' must be greater than 0");
}

Test(values, huge_negative_whole_number)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 7, "column 'max_hold': '-99999999999999999999' must be at least 0");
}

Test(values, id_with_whitespace)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 8, "column 'patient': 'P 7' contains whitespace; ids may not");
}

Test(values, required_cell_blank)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 9, "column 'ready' is required but blank");
}

Test(values, whole_number_bounds)
{
    load_invalid(BAD);
    expect(DIAG_ERROR, BADP, 10, "column 'max_hold': '3661' must be at most 3660");
    expect(DIAG_ERROR, BADP, 11, "column 'max_hold': '2.5' is not a whole number");
}

Test(values, boundaries_accepted_and_all_errors_reported)
{
    load_invalid(BAD);
    /* line 12 (priority 0.001, max_hold 3660) is fine; every other problem
     * of both files is reported, nothing else */
    for (size_t i = 0; i < diag_kept(D); i++)
        cr_assert_neq(diag_get(D, i)->line, 12, "%s", diag_get(D, i)->msg);
    expect(DIAG_ERROR, "invalid-values/processes.csv", 3, "column 'duration': '0' must be at least 1");
    expect(DIAG_ERROR, "invalid-values/processes.csv", 3,
           "column 'start_days': 'Mon-Fry' is not a weekday list (e.g. 'Mon-Fri' or 'Mon Wed Fri')");
    cr_assert_eq(diag_errors(D), 12);
    cr_assert_eq(diag_warnings(D), 0);
}

Test(values, step_needs_more_people_than_have_the_skill)
{
    load_invalid(FIX "steps-people/scenario.ini");
    expect(DIAG_ERROR, "steps-people/steps.csv", 3,
           "column 'people': the step needs 3 people with skill 'operator' but staff.csv has 2");
}

Test(values, step_references)
{
    load_invalid(FIX "steps-people/scenario.ini");
    expect(DIAG_ERROR, "steps-people/steps.csv", 4,
           "column 'skill': 'qa' is not a skill of any person in staff.csv");
    expect(DIAG_ERROR, "steps-people/steps.csv", 5, "column 'process': 'v9' is not a process in processes.csv");
    cr_assert_eq(diag_errors(D), 3, "two people for two operators is fine (line 2)");
}
