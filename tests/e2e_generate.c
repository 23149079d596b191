/* End-to-end tests of `planner generate`: the built program writes
 * scenarios into fresh directories under /tmp, and check, plan and verify
 * read them back, as a user would. What is tested is what docs/commands.md
 * promises: same options, same bytes; the presets and the flags over
 * them; a scenario that check accepts and that plans and verifies; exit 2
 * naming the option and the value; exit 3, all or nothing, when the
 * directory cannot be written. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/e2e_util.h"

/* The files of a generated scenario. */
static const char *const files[] = {
    "scenario.ini", "sites.csv", "patients.csv", "forecast.csv", "processes.csv", "steps.csv",
    "bom.csv", "rooms.csv", "room_slots.csv", "staff.csv", "shifts.csv", "holidays.csv",
    "materials.csv", "deliveries.csv", "README.md"};
#define NFILES (sizeof files / sizeof files[0])

/* ---- what a test owns ---------------------------------------------------- */

/* Runs, strings and directories are the test's (tests/e2e_util.h). */
#define STR E2E_STR
#define own e2e_own
#define tmpdir e2e_test_dir

/* A path inside a fresh directory, not yet made: generate makes it.
 * Registered after its parent, so removed before it. */
static const char *new_dir(void)
{
    const char *d = STR("%s/scenario", tmpdir());
    e2e_remove_later(d);
    return d;
}

TestSuite(e2e_generate, .fini = e2e_release_all);

/* ---- running the program -------------------------------------------------- */

/* planner ARGS... NULL, with the exit status expected; planner_any:
 * whatever its status. Both must end by themselves (no crash, no hang). */
#define planner e2e_planner_exit
#define planner_any(...) e2e_planner_exit(-1, __VA_ARGS__)

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char *path = STR("%s/%s", dir, name);
    char *data = e2e_slurp(path, len);
    cr_assert_not_null(data, "cannot read %s", path);
    return own(data);
}

/* Lines of a file, less its header. */
static size_t rows(const char *dir, const char *name)
{
    size_t len;
    const char *text = slurp(dir, name, &len);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    cr_assert_gt(n, 0, "%s/%s has no header", dir, name);
    return n - 1;
}

/* The number after "Patients" in check's summary: patients in the horizon. */
static int horizon_patients(const char *ini)
{
    struct e2e_result *r = planner(0, "check", ini, NULL);
    const char *p = strstr(r->out, "\nPatients");
    cr_assert_not_null(p, "check's summary has no Patients line:\n%s", r->out);
    return (int)strtol(p + strlen("\nPatients"), NULL, 10);
}

/* Every file of a and b holds the same bytes. */
static int same_files(const char *a, const char *b)
{
    for (size_t i = 0; i < NFILES; i++) {
        size_t la, lb;
        const char *x = slurp(a, files[i], &la), *y = slurp(b, files[i], &lb);
        if (la != lb || memcmp(x, y, la) != 0)
            return 0;
    }
    return 1;
}

/* dir holds the scenario's files and nothing else (no temporary). */
static void assert_only_scenario_files(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot list %s", dir);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int known = 0;
        for (size_t i = 0; i < NFILES && !known; i++)
            known = strcmp(e->d_name, files[i]) == 0;
        if (!known) {
            char *name = STR("%s", e->d_name);
            closedir(d);
            cr_assert_fail("%s holds '%s'", dir, name);
        }
        n++;
    }
    closedir(d);
    cr_assert_eq(n, NFILES, "%s holds %zu files, not %zu", dir, n, NFILES);
}

/* ---- same seed, same bytes ------------------------------------------------------ */

Test(e2e_generate, same_seed_same_bytes)
{
    const char *a = new_dir(), *b = new_dir();
    planner(0, "generate", "--size", "M", "--seed", "7", "-o", a, NULL);
    planner(0, "generate", "--seed=7", "--size=M", "--output", b, NULL);
    cr_assert(same_files(a, b), "two runs with seed 7 differ (%s, %s)", a, b);
    /* Written again over itself: still the same, no temporary left. */
    planner(0, "generate", "--size", "M", "--seed", "7", "-o", a, NULL);
    cr_assert(same_files(a, b));
    assert_only_scenario_files(a);
}

Test(e2e_generate, different_seed_different_scenario)
{
    const char *a = new_dir(), *b = new_dir();
    planner(0, "generate", "--seed", "1", "-o", a, NULL);
    planner(0, "generate", "--seed", "2", "-o", b, NULL);
    cr_assert(!same_files(a, b), "seeds 1 and 2 wrote the same files");
    size_t la, lb;
    const char *pa = slurp(a, "patients.csv", &la), *pb = slurp(b, "patients.csv", &lb);
    cr_assert(la != lb || memcmp(pa, pb, la) != 0, "seeds 1 and 2 have the same patients");
}

/* The largest seed is a seed like any other. */
Test(e2e_generate, seed_bounds)
{
    const char *a = new_dir(), *b = new_dir();
    planner(0, "generate", "--seed", "18446744073709551615", "-o", a, NULL);
    planner(0, "generate", "--seed", "0", "-o", b, NULL);
    cr_assert(!same_files(a, b));
    planner(0, "check", "-q", STR("%s/scenario.ini", a), NULL);
    planner(0, "check", "-q", STR("%s/scenario.ini", b), NULL);
}

/* ---- the scenario works --------------------------------------------------------- */

Test(e2e_generate, s_checks_plans_and_verifies)
{
    const char *dir = new_dir(), *plan = tmpdir();
    const char *ini = STR("%s/scenario.ini", dir);
    struct e2e_result *g = planner(0, "generate", "-o", dir, NULL);
    cr_assert(strstr(g->err, "about 40 patients"), "%s", g->err);
    struct e2e_result *c = planner(0, "check", ini, NULL);
    cr_assert(strstr(c->out, "valid, 0 warnings"), "%s\n%s", c->out, c->err);
    cr_assert(strstr(c->out, "Patients   40 in the horizon"), "%s", c->out);
    struct e2e_result *p = planner_any("plan", ini, "-o", plan, "--time-limit", "20", "-q", NULL);
    cr_assert(p->code == 0 || p->code == 1, "plan: exit %d\n%s", p->code, p->err);
    struct e2e_result *v = planner(0, "verify", ini, plan, NULL);
    cr_assert(strstr(v->out, "plan is valid") || strstr(v->err, "plan is valid"), "%s%s", v->out, v->err);
    /* Every patient of the horizon is in the calendar. */
    cr_assert_eq(rows(plan, "calendar.csv"), 40);
}

/* Every preset, three seeds: check accepts it with no warning. */
Test(e2e_generate, every_preset_checks)
{
    static const char *const sizes[] = {"S", "M", "L", "XL"};
    static const int patients[] = {40, 150, 500, 1500};
    for (int s = 0; s < 4; s++)
        for (int seed = 1; seed <= 3; seed++) {
            const char *dir = new_dir();
            planner(0, "generate", "--size", sizes[s], "--seed", STR("%d", seed), "-o", dir, NULL);
            const char *ini = STR("%s/scenario.ini", dir);
            struct e2e_result *c = planner(0, "check", ini, NULL);
            cr_assert(strstr(c->out, "valid, 0 warnings"), "%s seed %d:\n%s", sizes[s], seed, c->err);
            int n = horizon_patients(ini);
            cr_assert(n >= patients[s] * 95 / 100 && n <= patients[s] * 105 / 100,
                      "%s seed %d: %d patients, not about %d", sizes[s], seed, n, patients[s]);
            /* Keep within the directory budget. */
            e2e_release_all();
        }
}

/* ---- flags over the preset ------------------------------------------------------ */

Test(e2e_generate, flags_override_the_preset)
{
    const char *dir = new_dir(), *plan = tmpdir();
    const char *ini = STR("%s/scenario.ini", dir);
    planner(0, "generate", "--size", "M", "--patients", "10", "--months", "6", "--rooms", "3", "--staff",
            "12", "--materials", "5", "--sites", "4", "-o", dir, NULL);
    int n = horizon_patients(ini);
    cr_assert(n >= 8 && n <= 12, "--patients 10 gave %d patients in the horizon", n);
    cr_assert_eq(rows(dir, "rooms.csv"), 3);
    cr_assert_eq(rows(dir, "staff.csv"), 12);
    cr_assert_eq(rows(dir, "materials.csv"), 5);
    cr_assert_eq(rows(dir, "sites.csv"), 4);
    size_t len;
    const char *text = slurp(dir, "scenario.ini", &len);
    cr_assert(strstr(text, "end   = 2027-06-30"), "--months 6 should end on 2027-06-30:\n%s", text);
    /* The plan holds the same patients as check counts. */
    struct e2e_result *p = planner_any("plan", ini, "-o", plan, "--time-limit", "20", "-q", NULL);
    cr_assert(p->code == 0 || p->code == 1, "plan: exit %d\n%s", p->code, p->err);
    cr_assert_eq(rows(plan, "calendar.csv"), (size_t)n);
    planner(0, "verify", ini, plan, NULL);
}

Test(e2e_generate, tightness_scales_the_demand)
{
    const char *a = new_dir(), *b = new_dir();
    planner(0, "generate", "--tightness", "1.5", "-o", a, NULL);
    planner(0, "generate", "--tightness", "0.5", "-o", b, NULL);
    int na = horizon_patients(STR("%s/scenario.ini", a)), nb = horizon_patients(STR("%s/scenario.ini", b));
    cr_assert(na >= 57 && na <= 63, "tightness 1.5: %d patients, not about 60", na);
    cr_assert(nb >= 18 && nb <= 22, "tightness 0.5: %d patients, not about 20", nb);
    /* The rooms do not follow the demand: tightness is demand against them. */
    size_t la, lb;
    const char *ra = slurp(a, "rooms.csv", &la), *rb = slurp(b, "rooms.csv", &lb);
    cr_assert(la == lb && memcmp(ra, rb, la) == 0, "rooms differ with tightness");
}

/* A one-month horizon has no month left for a forecast: every patient is
 * known, and the scenario is still valid. */
Test(e2e_generate, one_month)
{
    const char *dir = new_dir();
    planner(0, "generate", "--months", "1", "--patients", "5", "-o", dir, NULL);
    const char *ini = STR("%s/scenario.ini", dir);
    struct e2e_result *c = planner(0, "check", ini, NULL);
    cr_assert(strstr(c->out, "valid, 0 warnings"), "%s\n%s", c->out, c->err);
    int n = horizon_patients(ini);
    cr_assert(n >= 4 && n <= 6, "%d patients, not about 5", n);
}

Test(e2e_generate, readme_names_the_command)
{
    const char *dir = new_dir();
    planner(0, "generate", "--size", "L", "--seed", "3", "--staff", "45", "-o", dir, NULL);
    size_t len;
    const char *text = slurp(dir, "README.md", &len);
    cr_assert(strstr(text, "planner generate --size L --patients 500 --months 24 --rooms 10 --staff 45 "
                           "--materials 30 --sites 5 --seed 3 --tightness 1 -o DIR"),
              "README.md:\n%.3000s", text);
    cr_assert(strstr(text, "Synthetic data"));
}

/* ---- usage and bad values -------------------------------------------------------- */

Test(e2e_generate, help)
{
    struct e2e_result *r = planner(0, "generate", "--help", NULL);
    cr_assert(strstr(r->out, "Usage: planner generate"), "%s", r->out);
    cr_assert(strstr(r->out, "--tightness"));
    cr_assert(strstr(r->out, "XL"));
    r = planner(0, "--help", NULL);
    cr_assert(strstr(r->out, "generate"), "the program's help lacks generate:\n%s", r->out);
}

/* Each bad value: exit 2, a message naming the option and the value, and
 * nothing written. */
Test(e2e_generate, bad_values)
{
    static const char *const bad[][2] = {
        {"--size", "XXL"},     {"--size", ""},         {"--patients", "0"},   {"--patients", "abc"},
        {"--patients", "12x"}, {"--patients", "-5"},   {"--months", "0"},     {"--months", "121"},
        {"--rooms", "0"},      {"--staff", "3"},       {"--materials", "0"},  {"--materials", "99"},
        {"--sites", "0"},      {"--sites", "13"},      {"--seed", "-1"},      {"--seed", "1e3"},
        {"--seed", "18446744073709551616"},            {"--tightness", "0"},  {"--tightness", "-1"},
        {"--tightness", "nan"}, {"--tightness", "11"}, {"--tightness", "1,5"}, {"--patients", "99999999999999999999"},
    };
    const char *parent = tmpdir();
    const char *dir = STR("%s/out", parent);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct e2e_result *r = planner(2, "generate", bad[i][0], bad[i][1], "-o", dir, NULL);
        cr_assert(strstr(r->err, bad[i][0]) && strstr(r->err, STR("'%s'", bad[i][1])),
                  "%s %s: the message names neither:\n%s", bad[i][0], bad[i][1], r->err);
        struct stat st;
        cr_assert_neq(stat(dir, &st), 0, "%s %s: something was written", bad[i][0], bad[i][1]);
        e2e_release_all();
        parent = tmpdir();
        dir = STR("%s/out", parent);
    }
}

Test(e2e_generate, usage_errors)
{
    const char *dir = STR("%s/out", tmpdir());
    struct e2e_result *r = planner(2, "generate", "--bogus", "-o", dir, NULL);
    cr_assert(strstr(r->err, "--bogus"), "%s", r->err);
    r = planner(2, "generate", "extra", "-o", dir, NULL);
    cr_assert(strstr(r->err, "'extra'"), "%s", r->err);
    r = planner(2, "generate", "--seed", NULL);
    cr_assert(strstr(r->err, "--seed"), "%s", r->err);
    r = planner(2, "generate", "-o", NULL);
    cr_assert(strstr(r->err, "-o"), "%s", r->err);
    r = planner(2, "generate", "--seed", "1", "--seed", "2", "-o", dir, NULL);
    cr_assert(strstr(r->err, "--seed") && strstr(r->err, "twice"), "%s", r->err);
    r = planner(2, "generate", "-o", "", NULL);
    cr_assert(strstr(r->err, "--output"), "%s", r->err);
}

/* ---- cannot write: exit 3, nothing half written ------------------------------------- */

Test(e2e_generate, cannot_write)
{
    const char *parent = tmpdir();
    /* The parent does not exist. */
    struct e2e_result *r = planner(3, "generate", "-o", STR("%s/no/such", parent), NULL);
    cr_assert(strstr(r->err, "nothing written"), "%s", r->err);
    /* DIR is a file. */
    const char *file = STR("%s/file", parent);
    cr_assert_eq(e2e_write(parent, "file", "x", 1), 0);
    r = planner(3, "generate", "-o", file, NULL);
    cr_assert(strstr(r->err, file), "%s", r->err);
    /* A file of the scenario cannot be replaced: it is a directory. The
     * files written before it are not touched, and no temporary stays. */
    const char *dir = STR("%s/sc", parent);
    cr_assert_eq(mkdir(dir, 0777), 0);
    cr_assert_eq(e2e_write(dir, "sites.csv", "old\n", 4), 0);
    const char *blocker = STR("%s/staff.csv", dir);
    cr_assert_eq(mkdir(blocker, 0777), 0);
    r = planner(3, "generate", "-o", dir, NULL);
    cr_assert(strstr(r->err, "staff.csv"), "%s", r->err);
    size_t len;
    const char *old = slurp(dir, "sites.csv", &len);
    cr_assert(len == 4 && memcmp(old, "old\n", 4) == 0, "sites.csv was replaced");
    struct stat st;
    cr_assert_neq(stat(STR("%s/scenario.ini", dir), &st), 0, "scenario.ini was written");
    cr_assert_eq(rmdir(blocker), 0, "a temporary was left in the way");
    cr_assert_eq(unlink(STR("%s/sites.csv", dir)), 0);
    cr_assert_eq(rmdir(dir), 0, "a temporary was left in %s", dir);
}
