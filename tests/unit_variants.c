/* Unit tests of variants (contract section 7): [merge] through a base
 * chain of depth 2 and the [whatif] modifiers, through the public surface
 * of models/scenario.h. Fixtures in tests/variants/: base <- mid <- top
 * (mid merges patients, processes, room_slots and shifts; top merges
 * patients again, drops mid's room_slots merge and scales), errors (bad
 * variants), opens (site_opens, lead time modifiers, a table the chain
 * does not name). */
#include <criterion/criterion.h>
#include <string.h>

#include "models/date.h"
#include "models/diag.h"
#include "models/scenario.h"

#define VAR "tests/variants/"

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

TestSuite(merge, .init = setup, .fini = teardown);
TestSuite(whatif, .init = setup, .fini = teardown);

static int day(const char *s)
{
    int d;
    cr_assert_eq(date_parse(s, &d), 0, "bad date in the test: %s", s);
    return d;
}

static void dump(void)
{
    for (size_t i = 0; i < diag_kept(D); i++) {
        const struct diag *g = diag_get(D, i);
        cr_log_info("%s:%d: %s: %s", g->file ? g->file : "-", g->line,
                    g->level == DIAG_ERROR ? "error" : "warning", g->msg);
    }
}

/* Loads a scenario that must be valid with exactly nwarn warnings. */
static void load(const char *path, size_t nwarn)
{
    enum scn_status st = scn_load(path, D, &S);
    if (st != SCN_OK || diag_errors(D) || diag_warnings(D) != nwarn)
        dump();
    cr_assert_eq(st, SCN_OK, "%s: %s", path, scn_strerror(st));
    cr_assert_eq(diag_warnings(D), nwarn, "%s: %zu warnings", path, diag_warnings(D));
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return s && a >= b && strcmp(s + a - b, tail) == 0;
}

static void expect(enum diag_level level, const char *file, int line, const char *msg)
{
    for (size_t i = 0; i < diag_kept(D); i++) {
        const struct diag *g = diag_get(D, i);
        if (strcmp(g->msg, msg) != 0)
            continue;
        cr_assert_eq(g->level, level, "level of '%s'", msg);
        cr_assert(ends_with(g->file, file), "file of '%s' is '%s', expected ...%s", msg, g->file, file);
        cr_assert_eq(g->line, line, "line of '%s'", msg);
        return;
    }
    dump();
    cr_assert_fail("no diagnostic '%s'", msg);
}

static const struct patient *patient(const char *id)
{
    int i = scn_find_patient(S, id);
    cr_assert_geq(i, 0, "no patient %s", id);
    return &S->patients[i];
}

static int forecast_of(const char *site)
{
    int n = 0, si = scn_find_site(S, site);
    for (int i = 0; i < S->npatients; i++)
        n += S->patients[i].kind == PATIENT_FORECAST && S->patients[i].site == si;
    return n;
}

/* ---- [merge] ------------------------------------------------------------ */

Test(merge, a_cell_is_updated_and_a_row_appended_at_depth_1)
{
    load(VAR "mid/scenario.ini", 0);
    cr_assert_eq(patient("T-02")->due, day("2027-04-09"), "mid's due replaces the base's");
    cr_assert_eq(patient("T-02")->ready, day("2027-03-04"), "a blank cell keeps the base's");
    cr_assert_eq(patient("T-04")->due, day("2027-04-23"), "a new key is appended");
    cr_assert_eq(scn_find_patient(S, "T-04"), 3, "after the base's rows");
    cr_assert_eq(patient("T-04")->priority, 1, "blank: the column's default");
}

Test(merge, a_file_with_some_columns_changes_only_those)
{
    load(VAR "mid/scenario.ini", 0);
    const struct process *p = &S->processes[scn_find_process(S, "v1")];
    cr_assert_eq(p->qc_days, 8, "merged");
    cr_assert_eq(p->duration, 7, "absent column: the base's");
    cr_assert_eq(p->max_hold, 10);
    cr_assert_eq(S->nprocesses, 1);
}

Test(merge, depth_2_merges_over_the_parents_merge)
{
    load(VAR "top/scenario.ini", 0);
    cr_assert_eq(S->npatients - forecast_of("PAR") - forecast_of("NYC"), 4);
    cr_assert_eq(patient("T-04")->due, day("2027-04-30"), "top updates the row mid appended");
    cr_assert_eq(patient("T-02")->due, day("2027-04-09"), "mid's update stays");
    cr_assert_eq(patient("T-01")->priority, 3, "top's cell");
    cr_assert_eq(patient("T-01")->due, day("2027-03-26"), "the base's cell");
    cr_assert_eq(S->processes[0].qc_days, 8, "mid's merge of processes is inherited");
}

Test(merge, an_appended_slot_wins_over_the_parents_rows)
{
    load(VAR "mid/scenario.ini", 0);
    int b2 = scn_find_room(S, "B2");
    cr_assert_eq(scn_room_open(S, b2, day("2027-03-31")), 0, "the base's row");
    cr_assert_eq(scn_room_open(S, b2, day("2027-04-01")), 1, "mid's row, appended, wins");
    cr_assert_eq(scn_room_open(S, b2, day("2027-04-30")), 1);
    cr_assert_eq(scn_room_open(S, b2, day("2027-05-01")), 0);
    int anna = scn_find_person(S, "anna");
    cr_assert_eq(scn_person_hours(S, anna, day("2027-03-10")), 0, "mid's shifts row");
    cr_assert_eq(scn_person_hours(S, anna, day("2027-03-13")), 0, "a Saturday");
    cr_assert_eq(scn_person_hours(S, anna, day("2027-03-15")), 7.5);
}

Test(merge, an_empty_merge_key_drops_the_parents_merge)
{
    load(VAR "top/scenario.ini", 0);
    int b2 = scn_find_room(S, "B2");
    cr_assert_eq(scn_room_open(S, b2, day("2027-04-15")), 0, "mid's slot is dropped by 'room_slots ='");
    int anna = scn_find_person(S, "anna");
    cr_assert_eq(scn_person_hours(S, anna, day("2027-03-10")), 0, "mid's shifts merge stays");
}

Test(merge, the_scenario_lists_its_merges_with_counts)
{
    load(VAR "top/scenario.ini", 0);
    cr_assert_eq(S->nmerges, 4);
    static const struct { const char *table, *ini; int added, changed; } want[] = {
        {"patients", "mid/scenario.ini", 1, 1},
        {"processes", "mid/scenario.ini", 0, 1},
        {"shifts", "mid/scenario.ini", 1, 0},
        {"patients", "top/scenario.ini", 0, 2},
    };
    for (int i = 0; i < 4; i++) {
        cr_expect_str_eq(S->merges[i].table, want[i].table, "merge %d", i);
        cr_expect(ends_with(S->merges[i].ini, want[i].ini), "merge %d named by %s", i, S->merges[i].ini);
        cr_expect_eq(S->merges[i].added, want[i].added, "merge %d added", i);
        cr_expect_eq(S->merges[i].changed, want[i].changed, "merge %d changed", i);
    }
    cr_assert(ends_with(S->base_path, "mid/scenario.ini"));
    cr_assert(ends_with(S->root_path, "base/scenario.ini"));
}

Test(merge, a_table_the_chain_does_not_name_is_the_merged_file)
{
    load(VAR "opens/scenario.ini", 1);
    cr_assert_eq(S->ndeliveries, 1);
    cr_assert_eq(S->deliveries[0].date, day("2027-03-15"));
    cr_assert_eq(S->merges[S->nmerges - 2].whole, 1);
}

Test(merge, a_row_that_changes_nothing_is_a_warning)
{
    load(VAR "opens/scenario.ini", 1);
    expect(DIAG_WARNING, "opens/materials.csv", 2,
           "this row changes nothing: materials 'KIT' already has these values");
    cr_assert_eq(S->materials[scn_find_material(S, "MEDIUM")].unit_cost, 200);
}

Test(merge, errors_name_the_merged_file_and_line)
{
    cr_assert_eq(scn_load(VAR "errors/scenario.ini", D, &S), SCN_INVALID);
    expect(DIAG_ERROR, "errors/scenario.ini", 6,
           "unknown key 'patient' in [merge]: its keys are the tables' (sites, patients, forecast, "
           "...); did you mean 'patients'?");
    expect(DIAG_ERROR, "errors/patients.csv", 2,
           "column 'patient' is blank: a merged row names the patients row it changes or adds by its "
           "key (patient)");
    expect(DIAG_ERROR, "errors/patients.csv", 3, "column 'ready' is required but blank");
    expect(DIAG_WARNING, "errors/patients.csv", 4,
           "this row changes nothing: patients 'T-02' already has these values");
    expect(DIAG_ERROR, "errors/scenario.ini", 8,
           "[merge] rooms: cannot read 'tests/variants/errors/missing.csv': No such file or directory");
}

Test(merge, a_bad_cell_names_the_file_it_comes_from)
{
    /* A merged cell that is not a date: the merged file's line, not the
     * base's, though the row is the base's. */
    cr_assert_eq(scn_load(VAR "badcell/scenario.ini", D, &S), SCN_INVALID);
    expect(DIAG_ERROR, "badcell/patients.csv", 3, "column 'due': '2027-04-31' is not a date (YYYY-MM-DD)");
    cr_assert_eq(diag_errors(D), 1);
}

/* ---- [whatif] ----------------------------------------------------------- */

Test(whatif, enrollment_scale_multiplies_the_counts_before_expansion)
{
    load(VAR "base/scenario.ini", 0);
    cr_assert_eq(forecast_of("PAR"), 4, "2 + 1.5 = 3.5 expected: 4 patients");
    cr_assert_eq(forecast_of("NYC"), 1);
    scn_free(S);
    S = NULL;
    load(VAR "top/scenario.ini", 0);
    /* 3 + 2.25 = 5.25: the 5th patient when C reaches 4.5, on April 20. */
    cr_assert_eq(forecast_of("PAR"), 5);
    cr_assert_eq(patient("F-PAR-5")->included, day("2027-04-20"));
    cr_assert_eq(patient("F-PAR-1")->included, day("2027-03-06"), "3 in March: C = 0.5 on the 6th");
    /* 1.5 in March: the 2nd when C = 1.5, the month's last day. */
    cr_assert_eq(forecast_of("NYC"), 2);
    cr_assert_eq(patient("F-NYC-2")->included, day("2027-03-31"));
    cr_assert_eq(S->nforecast, 3);
    cr_assert_float_eq(S->forecast[1].given, 1.5, 1e-12, "PAR April as given");
    cr_assert_float_eq(S->forecast[1].patients, 2.25, 1e-12, "unrounded scaled mean");
}

Test(whatif, enrollment_scale_per_site_replaces_the_global_value)
{
    load(VAR "persite/scenario.ini", 0);
    cr_assert_eq(S->sites[scn_find_site(S, "NYC")].enrollment_scale, 0);
    cr_assert_eq(S->sites[scn_find_site(S, "PAR")].enrollment_scale, 2);
    cr_assert_eq(forecast_of("NYC"), 0);
    cr_assert_eq(forecast_of("PAR"), 7, "4 + 3 = 7");
}

Test(whatif, lead_time_scale_of_one_material)
{
    load(VAR "top/scenario.ini", 0);
    cr_assert_eq(S->materials[scn_find_material(S, "KIT")].lead_time, 28, "14 x 2");
    cr_assert_eq(S->materials[scn_find_material(S, "KIT")].lead_time_given, 14);
    cr_assert_eq(S->materials[scn_find_material(S, "MEDIUM")].lead_time, 7, "global scale 1");
    cr_assert_eq(S->materials[scn_find_material(S, "SPARE")].lead_time, -1, "not orderable stays");
}

Test(whatif, lead_time_scale_rounds_up)
{
    load(VAR "persite/scenario.ini", 0);
    cr_assert_eq(S->materials[scn_find_material(S, "KIT")].lead_time, 16, "14 x 1.1 = 15.4: 16");
    cr_assert_eq(S->materials[scn_find_material(S, "MEDIUM")].lead_time, 8, "7 x 1.1 = 7.7: 8");
}

Test(whatif, lead_time_scale_rounds_up_then_adds)
{
    load(VAR "opens/scenario.ini", 1);
    /* KIT: ceil(14 x 1.5) + 3 = 24; MEDIUM: ceil(7 x 1.5) - 20 = -9: 0. */
    cr_assert_eq(S->materials[scn_find_material(S, "KIT")].lead_time, 24);
    cr_assert_eq(S->materials[scn_find_material(S, "MEDIUM")].lead_time, 0);
    cr_assert_eq(S->materials[scn_find_material(S, "SPARE")].lead_time, -1);
}

Test(whatif, site_opens_drops_the_forecast_before_it)
{
    load(VAR "opens/scenario.ini", 1);
    /* NYC x 1.5 gives March 11 and March 31; it opens on March 20. */
    cr_assert_eq(forecast_of("NYC"), 1);
    cr_assert_eq(scn_find_patient(S, "F-NYC-1"), -1);
    cr_assert_eq(patient("F-NYC-2")->included, day("2027-03-31"), "ids stay as in the base");
    cr_assert_eq(S->forecast_unopened, 1);
    cr_assert_eq(S->sites[scn_find_site(S, "NYC")].opens, day("2027-03-20"));
    cr_assert_eq(patient("T-03")->site, scn_find_site(S, "NYC"), "known patients stay");
}

Test(whatif, modifier_errors_name_the_ini_line)
{
    cr_assert_eq(scn_load(VAR "errors/scenario.ini", D, &S), SCN_INVALID);
    expect(DIAG_ERROR, "errors/scenario.ini", 11, "[whatif] enrollment_scale.lyo: 'lyo' is not a site in sites.csv");
    expect(DIAG_ERROR, "errors/scenario.ini", 12, "lead_time_scale: '0' must be between 0.01 and 100");
    expect(DIAG_ERROR, "errors/scenario.ini", 13, "[whatif] site_opens needs a site: write site_opens.SITE = ...");
}

Test(whatif, the_modifiers_are_listed)
{
    load(VAR "opens/scenario.ini", 1);
    int found = 0;
    for (int i = 0; i < S->nmodifiers; i++) {
        const struct scn_modifier *m = &S->modifiers[i];
        if (strcmp(m->key, "lead_time_add") == 0 && m->suffix) {
            cr_assert_str_eq(m->suffix, "medium");
            cr_assert_eq(m->target, scn_find_material(S, "MEDIUM"));
            cr_assert_eq(m->value, -20);
            cr_assert_eq(m->line, 14);
            found++;
        }
    }
    cr_assert_eq(found, 1);
    cr_assert_eq(S->nmodifiers, 5);
}
