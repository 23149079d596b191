/* End-to-end tests of variants (contract section 7) as a user meets them:
 * what check prints about a variant (the "Variant" section, the warnings
 * about likely mistakes), the order dates a plan gets from the lead time
 * modifiers, and the CTO's examples of scenarios/smart101-phase1/whatif/
 * (each checked, planned and verified). Fixtures in tests/variants/. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "tests/e2e_util.h"

#define VAR "tests/variants/"
#define WHATIF "scenarios/smart101-phase1/whatif/"

static struct e2e_result R;
static char *tmp;

static void setup(void)
{
    memset(&R, 0, sizeof R);
    tmp = NULL;
}

static void teardown(void)
{
    e2e_result_free(&R);
    if (tmp)
        e2e_rmtree(tmp);
    free(tmp);
}

TestSuite(e2e_variants, .init = setup, .fini = teardown, .timeout = 300);

/* Runs planner with args; the exit status must be want. */
#define RUN(want, ...)                                                                          \
    do {                                                                                        \
        e2e_result_free(&R);                                                                    \
        cr_assert_eq(e2e_planner(&R, __VA_ARGS__, (char *)NULL), 0, "cannot run: %s", R.err);   \
        cr_assert_eq(R.code, want, "exit %d, expected %d\nstdout:\n%s\nstderr:\n%s", R.code,    \
                     want, R.out, R.err);                                                       \
    } while (0)

static void has_line(const char *text, const char *line)
{
    cr_assert(e2e_has_line(text, line), "no line '%s' in:\n%s", line, text);
}

/* The lines of check's "Variant" section, up to the blank line. */
static char *variant_section(const char *out)
{
    const char *v = strstr(out, "\nVariant ");
    cr_assert_not_null(v, "no Variant section in:\n%s", out);
    const char *end = strstr(v + 1, "\n\n");
    cr_assert_not_null(end);
    char *s = strndup(v + 1, (size_t)(end - v));
    cr_assert_not_null(s);
    return s;
}

Test(e2e_variants, check_lists_what_a_depth_2_variant_changes)
{
    RUN(0, "check", VAR "top/scenario.ini");
    char *v = variant_section(R.out);
    cr_expect_str_eq(v,
        "Variant    of tests/variants/top/../mid/scenario.ini: 4 merges, 0 tables named again, 2 modifiers\n"
        "  merge   patients   tests/variants/top/../mid/patients.csv: 1 changed, 1 added\n"
        "  merge   processes  tests/variants/top/../mid/processes.csv: 1 changed, 0 added\n"
        "  merge   shifts     tests/variants/top/../mid/shifts.csv: 1 row, a table of its own\n"
        "  merge   patients   tests/variants/top/patients.csv: 2 changed, 0 added\n"
        "  whatif  enrollment_scale = 1.5\n"
        "  whatif  lead_time_scale.KIT = 2\n"
        "  effect  expected inclusions PAR 3.5 -> 5.25, NYC 1 -> 1.5\n"
        "  effect  lead times KIT 14 -> 28 d\n");
    free(v);
    has_line(R.out, "Patients   11 in the horizon: 4 known, 7 forecast");
}

Test(e2e_variants, check_lists_site_opens_lead_times_and_unchanged_rows)
{
    RUN(0, "check", VAR "opens/scenario.ini");
    char *v = variant_section(R.out);
    cr_expect(strstr(v, "  merge   materials   tests/variants/opens/materials.csv: 1 changed, 0 added, 1 changing nothing\n"), "%s", v);
    cr_expect(strstr(v, "  merge   deliveries  tests/variants/opens/deliveries.csv: 1 row, a table of its own\n"), "%s", v);
    cr_expect(strstr(v, "  whatif  site_opens.NYC = 2027-03-20\n"), "%s", v);
    cr_expect(strstr(v, "  whatif  lead_time_add.MEDIUM = -20\n"), "%s", v);
    cr_expect(strstr(v, "  effect  1 forecast patient included before its site opens dropped\n"), "%s", v);
    cr_expect(strstr(v, "  effect  lead times KIT 14 -> 24 d, MEDIUM 7 -> 0 d\n"), "%s", v);
    free(v);
    has_line(R.err, "tests/variants/opens/materials.csv:2: warning: this row changes nothing: materials 'KIT' "
                    "already has these values");
}

Test(e2e_variants, a_scenario_without_base_has_no_variant_section)
{
    RUN(0, "check", VAR "base/scenario.ini");
    cr_assert_null(strstr(R.out, "\nVariant "), "%s", R.out);
}

Test(e2e_variants, a_table_named_again_is_listed)
{
    RUN(0, "check", "scenarios/whatif-second-room/scenario.ini");
    char *v = variant_section(R.out);
    cr_expect(strstr(v, "0 merges, 1 table named again, 0 modifiers\n"), "%s", v);
    cr_expect(strstr(v, "  table   scenarios/whatif-second-room/room_slots.csv, named in "
                        "scenarios/whatif-second-room/scenario.ini\n"), "%s", v);
    free(v);
}

Test(e2e_variants, check_warns_about_a_version_without_steps_or_bom)
{
    RUN(0, "check", VAR "noversion/scenario.ini");
    has_line(R.err, "tests/variants/noversion/processes.csv:2: warning: process 'v2' has no steps while 1 other "
                    "version has some: its batches would need no staff (add its rows to steps.csv, or [merge] "
                    "steps = ...)");
    has_line(R.err, "tests/variants/noversion/processes.csv:2: warning: process 'v2' has no bom rows while 1 "
                    "other version has some: its batches would use no material (add its rows to bom.csv, or "
                    "[merge] bom = ...)");
    has_line(R.out, "tests/variants/noversion/scenario.ini: valid, 2 warnings");
}

Test(e2e_variants, check_warns_about_a_forecast_scaled_to_zero)
{
    RUN(0, "check", VAR "persite/scenario.ini");
    has_line(R.err, "tests/variants/persite/scenario.ini:5: warning: enrollment_scale.nyc = 0 removes the "
                    "forecast of site 'NYC' (1 expected inclusion)");
    has_line(R.out, "  effect  expected inclusions PAR 3.5 -> 7, NYC 1 -> 0");
}

Test(e2e_variants, check_names_the_merged_file_and_line_of_each_error)
{
    RUN(2, "check", VAR "errors/scenario.ini");
    has_line(R.err, "tests/variants/errors/patients.csv:2: column 'patient' is blank: a merged row names the "
                    "patients row it changes or adds by its key (patient)");
    has_line(R.err, "tests/variants/errors/patients.csv:3: column 'ready' is required but blank");
    has_line(R.err, "tests/variants/errors/scenario.ini:11: [whatif] enrollment_scale.lyo: 'lyo' is not a "
                    "site in sites.csv");
    has_line(R.err, "planner check: tests/variants/errors/scenario.ini: 7 errors, 1 warning");
    cr_assert_str_empty(R.out);
}

/* The file name in dir, read whole; the caller frees it. */
static char *slurp_in(const char *dir, const char *name)
{
    char *path = e2e_strf("%s/%s", dir, name);
    size_t len;
    char *text = e2e_slurp(path, &len);
    cr_assert_not_null(text, "cannot read %s", path);
    free(path);
    return text;
}

/* Each order of material m in orders.csv arrives lead days after it is
 * placed, and none arrives before start + lead. Returns the orders. */
static int orders_lead(const char *csv, const char *m, int lead, const char *first_arrival)
{
    int n = 0, start, first;
    cr_assert_eq(date_parse("2027-03-01", &start), 0);
    cr_assert_eq(date_parse(first_arrival, &first), 0);
    int earliest = 1 << 30;
    for (const char *l = strchr(csv, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
        char mat[32], od[11], ar[11];
        const char *p = l + 1, *c1 = strchr(p, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        cr_assert(c1 && c2 && (size_t)(c1 - p) < sizeof mat);
        memcpy(mat, p, (size_t)(c1 - p));
        mat[c1 - p] = 0;
        if (strcmp(mat, m) != 0)
            continue;
        memcpy(od, c1 + 1, 10);
        od[10] = 0;
        memcpy(ar, c2 + 1, 10);
        ar[10] = 0;
        int o, a;
        cr_assert_eq(date_parse(od, &o), 0, "%s", od);
        cr_assert_eq(date_parse(ar, &a), 0, "%s", ar);
        cr_expect_eq(a - o, lead, "%s ordered %s arrives %s: %d days, lead time %d", m, od, ar, a - o, lead);
        cr_expect_geq(o, start);
        if (a < earliest)
            earliest = a;
        n++;
    }
    cr_expect_eq(earliest, first, "first %s arrival", m);
    return n;
}

Test(e2e_variants, lead_time_modifiers_move_the_order_dates)
{
    tmp = e2e_tmpdir();
    cr_assert_not_null(tmp);
    /* Base: KIT 14 days. The first KIT ordered on start arrives March 15 at
     * the earliest: the plan orders on March 4 for March 18. */
    char *dir = e2e_strf("%s/base", tmp);
    RUN(1, "plan", VAR "base/scenario.ini", "-o", dir, "-q");
    char *csv = slurp_in(dir, "orders.csv");
    cr_assert_not_null(csv);
    cr_expect_eq(orders_lead(csv, "KIT", 14, "2027-03-18"), 5);
    orders_lead(csv, "MEDIUM", 7, "2027-04-20");
    free(csv);
    e2e_rmtree(dir);
    free(dir);
    /* top: lead_time_scale.KIT = 2: 28 days; ordered on March 2, the
     * first KIT arrives on March 30. */
    dir = e2e_strf("%s/top", tmp);
    RUN(1, "plan", VAR "top/scenario.ini", "-o", dir, "-q");
    csv = slurp_in(dir, "orders.csv");
    cr_assert_not_null(csv);
    cr_expect_eq(orders_lead(csv, "KIT", 28, "2027-03-30"), 4);
    orders_lead(csv, "MEDIUM", 7, "2027-04-27");
    free(csv);
    RUN(0, "verify", VAR "top/scenario.ini", dir);
    e2e_rmtree(dir);
    free(dir);
    /* opens: KIT ceil(14 x 1.5) + 3 = 24; MEDIUM ceil(7 x 1.5) - 20: 0,
     * it arrives on the day it is ordered. */
    dir = e2e_strf("%s/opens", tmp);
    RUN(1, "plan", VAR "opens/scenario.ini", "-o", dir, "-q");
    csv = slurp_in(dir, "orders.csv");
    cr_assert_not_null(csv);
    orders_lead(csv, "KIT", 24, "2027-04-06");
    orders_lead(csv, "MEDIUM", 0, "2027-04-14");
    free(csv);
    e2e_rmtree(dir);
    free(dir);
}

/* The CTO's questions: each is valid, says what it changes, plans, and its
 * plan passes verify. */
static const struct {
    const char *ini;
    const char *change;   /* a line of its Variant section */
    int plan_exit;        /* 0 every patient on time, 1 some late or unserved */
} examples[] = {
    {WHATIF "enrollment-plus50.ini", "  effect  expected inclusions PAR 17 -> 25.5, NYC 9.25 -> 13.875", 1},
    {WHATIF "second-site.ini", "  effect  1 forecast patient included before its site opens dropped", 1},
    {WHATIF "process-2-0.ini", "  merge   bom        " WHATIF "v2-bom.csv: 0 changed, 12 added", 0},
    {WHATIF "one-more-slot.ini", "  merge   room_slots  " WHATIF "extra-slots.csv: 0 changed, 6 added", 1},
    {WHATIF "lead-time-doubled.ini",
     "  effect  lead times SCF 42 -> 84 d, FLT3L 42 -> 84 d, TPO 42 -> 84 d, IL7 42 -> 84 d", 1},
};

Test(e2e_variants, the_whatif_examples_check_plan_and_verify)
{
    tmp = e2e_tmpdir();
    cr_assert_not_null(tmp);
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        RUN(0, "check", examples[i].ini);
        has_line(R.out, examples[i].change);
        cr_assert_str_empty(R.err, "%s: no warning expected:\n%s", examples[i].ini, R.err);
        /* Under valgrind a plan of the example takes minutes: one is planned. */
        if (e2e_under_valgrind() && i > 0)
            continue;
        char *dir = e2e_strf("%s/%zu", tmp, i);
        RUN(examples[i].plan_exit, "plan", examples[i].ini, "-o", dir, "-q");
        RUN(0, "verify", examples[i].ini, dir);
        e2e_rmtree(dir);
        free(dir);
    }
}
