/* End-to-end tests of planner risk (contract section 10) as a user meets
 * them: closed-form cases whose Wilson interval must hold the true
 * probability (fixed seeds: deterministic), -j and --merge never changing
 * a byte, the GNU parallel recipe of docs/risk.md, and the messages of bad
 * options and bad [risk] values. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/e2e_util.h"

TestSuite(e2e_risk, .fini = e2e_release_all, .timeout = 600);

#define run e2e_planner_exit

/* One site whose March 2027 forecast is lambda inclusions; one room of
 * capacity 2 whose batches last 60 days: of the N inclusions of the
 * month, min(N, 2) can be served, so some patient is unserved exactly
 * when N > 2. due_after 300: nobody served is late. */
static const char *closed_form(double lambda, double rate_cv)
{
    const char *d = e2e_test_dir();
    static const char sites[] = "site,name,ship_days,ship_weekdays,ready_after,due_after\nS,Site,0,Mon-Sun,0,300\n";
    static const char proc[] = "process,duration,qc_days,changeover,max_hold,start_days\nv1,60,0,0,,Mon-Sun\n";
    static const char rooms[] = "room,capacity,cost_per_day\nB1,2,0\n";
    char *fc = E2E_STR("site,month,patients\nS,2027-03,%g\n", lambda);
    char *ini = E2E_STR("[scenario]\nstart = 2027-03-01\nend = 2027-03-31\n[tables]\nsites = sites.csv\n"
                        "forecast = forecast.csv\nprocesses = processes.csv\nrooms = rooms.csv\n"
                        "[risk]\nrate_cv = %g\n", rate_cv);
    cr_assert_eq(e2e_write(d, "sites.csv", sites, strlen(sites)), 0);
    cr_assert_eq(e2e_write(d, "processes.csv", proc, strlen(proc)), 0);
    cr_assert_eq(e2e_write(d, "rooms.csv", rooms, strlen(rooms)), 0);
    cr_assert_eq(e2e_write(d, "forecast.csv", fc, strlen(fc)), 0);
    cr_assert_eq(e2e_write(d, "scenario.ini", ini, strlen(ini)), 0);
    return d;
}

static char *slurp(const char *path)
{
    size_t n;
    char *t = e2e_slurp(path, &n);
    cr_assert_not_null(t, "cannot read %s", path);
    return e2e_own(t);
}

/* value, ci_low, ci_high of metric name in DIR/risk.csv. */
static void metric(const char *dir, const char *name, double *v, double *lo, double *hi)
{
    const char *t = slurp(E2E_STR("%s/risk.csv", dir));
    char *key = E2E_STR("\n%s,", name);
    const char *p = strstr(t, key);
    cr_assert_not_null(p, "no %s in %s/risk.csv:\n%s", name, dir, t);
    char *end;
    p += strlen(key);
    *v = strtod(p, &end);
    *lo = *end == ',' ? strtod(end + 1, &end) : NAN;
    *hi = *end == ',' ? strtod(end + 1, &end) : NAN;
}

static void same_files(const char *a, const char *b)
{
    static const char *const names[] = {"risk.csv", "risk_samples.csv", "risk_months.csv", "risk_patients.csv"};
    for (int k = 0; k < 4; k++) {
        const char *x = slurp(E2E_STR("%s/%s", a, names[k])), *y = slurp(E2E_STR("%s/%s", b, names[k]));
        cr_assert_str_eq(x, y, "%s differs between %s and %s", names[k], a, b);
    }
}

Test(e2e_risk, poisson_closed_form_is_inside_the_wilson_interval)
{
    if (e2e_under_valgrind())
        cr_skip_test("1000 solves take too long under valgrind; the other tests run the same code there");
    const char *d = closed_form(3, 0);
    const char *out = E2E_STR("%s/out", d);
    run(0, "risk", E2E_STR("%s/scenario.ini", d), "--samples", "1000", "-j", "2", "-o", out, NULL);
    /* P(N > 2) for N ~ Poisson(3). */
    double truth = 1 - exp(-3) * (1 + 3 + 4.5), v, lo, hi;
    metric(out, "p_any_unserved", &v, &lo, &hi);
    cr_assert(lo <= truth && truth <= hi, "P(N > 2) = %g outside [%g, %g] (estimate %g)", truth, lo, hi, v);
    cr_assert(hi - lo < 0.07, "interval [%g, %g] too wide for 1000 samples", lo, hi);
    metric(out, "samples", &v, &lo, &hi);
    cr_assert_eq(v, 1000);
    /* The same with lambda 1: P(N > 2) = 0.0803; the interval of lambda 3
     * must not hold it (the test can tell the two apart). */
    cr_assert(!(lo <= 0.0803 && 0.0803 <= hi));
}

Test(e2e_risk, rate_cv_gives_the_negative_binomial)
{
    /* rate_cv 1: Gamma shape 1, N is geometric with P(N > 2) =
     * (lambda / (1 + lambda))^3 = 0.421875 for lambda 3 (Poisson: 0.577). */
    if (e2e_under_valgrind())
        cr_skip_test("1000 solves take too long under valgrind; the other tests run the same code there");
    const char *d = closed_form(3, 1);
    const char *out = E2E_STR("%s/out", d);
    run(0, "risk", E2E_STR("%s/scenario.ini", d), "--samples", "1000", "-j", "2", "-o", out, NULL);
    double truth = pow(0.75, 3), v, lo, hi;
    metric(out, "p_any_unserved", &v, &lo, &hi);
    cr_assert(lo <= truth && truth <= hi, "P(N > 2) = %g outside [%g, %g] (estimate %g)", truth, lo, hi, v);
    double poisson = 1 - exp(-3) * 8.5;
    cr_assert(!(lo <= poisson && poisson <= hi), "cannot tell rate_cv 1 from Poisson: [%g, %g]", lo, hi);
}

Test(e2e_risk, jobs_never_change_a_byte)
{
    const char *d = closed_form(4, 0.5);
    const char *ini = E2E_STR("%s/scenario.ini", d);
    run(0, "risk", ini, "--samples", "30", "-j", "1", "-o", E2E_STR("%s/j1", d), NULL);
    run(0, "risk", ini, "--samples", "30", "-j", "2", "-o", E2E_STR("%s/j2", d), NULL);
    run(0, "risk", ini, "--samples", "30", "-j", "3", "-o", E2E_STR("%s/j3", d), NULL);
    same_files(E2E_STR("%s/j1", d), E2E_STR("%s/j2", d));
    same_files(E2E_STR("%s/j1", d), E2E_STR("%s/j3", d));
    /* Another seed gives other samples. */
    run(0, "risk", ini, "--samples", "30", "--seed", "2", "-o", E2E_STR("%s/s2", d), NULL);
    cr_assert_str_neq(slurp(E2E_STR("%s/j1/risk_samples.csv", d)), slurp(E2E_STR("%s/s2/risk_samples.csv", d)));
}

Test(e2e_risk, merge_of_halves_is_one_run)
{
    const char *d = closed_form(4, 0.5);
    const char *ini = E2E_STR("%s/scenario.ini", d);
    run(0, "risk", ini, "--samples", "30", "-o", E2E_STR("%s/all", d), NULL);
    run(0, "risk", ini, "--samples", "13", "-o", E2E_STR("%s/a", d), NULL);
    run(0, "risk", ini, "--samples", "17", "--first", "13", "-o", E2E_STR("%s/b", d), NULL);
    struct e2e_result *r = run(0, "risk", "--merge", E2E_STR("%s/b", d), E2E_STR("%s/a", d), "-o",
                               E2E_STR("%s/m", d), NULL);
    same_files(E2E_STR("%s/all", d), E2E_STR("%s/m", d));
    cr_assert(e2e_has_line(r->out, "Samples: 30"), "%s", r->out);
    /* Overlapping ranges and mixed seeds are refused. */
    r = run(2, "risk", "--merge", E2E_STR("%s/a", d), E2E_STR("%s/all", d), "-o", E2E_STR("%s/x", d), NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: sample 0 is given twice: merge runs of disjoint ranges "
                                   "(--first, --samples)"), "%s", r->err);
    run(0, "risk", ini, "--samples", "3", "--first", "40", "--seed", "9", "-o", E2E_STR("%s/c", d), NULL);
    r = run(2, "risk", "--merge", E2E_STR("%s/a", d), E2E_STR("%s/c", d), "-o", E2E_STR("%s/x", d), NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: runs of different seeds (1 and 9) cannot be merged"), "%s",
              r->err);
    cr_assert_eq(access(E2E_STR("%s/x/risk.csv", d), F_OK), -1, "a refused merge wrote files");
}

Test(e2e_risk, the_gnu_parallel_recipe_of_the_docs)
{
    if (access("/usr/bin/parallel", X_OK) != 0)
        cr_skip_test("GNU parallel is not installed (setup.sh --tests installs it)");
    const char *d = closed_form(4, 0.5);
    const char *ini = E2E_STR("%s/scenario.ini", d);
    const char *bin = PLANNER_BIN;
    /* docs/risk.md: 4 ranges of 10 samples, 2 at a time, then merged. */
    const char *cmd = E2E_STR("cd %s && seq 0 3 | /usr/bin/parallel -j2 --will-cite "
                              "'%s risk %s --samples 10 --first $(({}*10)) -q -o part-{}' >/dev/null && "
                              "%s risk --merge part-0 part-1 part-2 part-3 -q -o merged >/dev/null",
                              d, bin, ini, bin);
    const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    struct e2e_result *r = e2e_run_ok(argv);
    cr_assert_eq(r->code, 0, "%s\n%s", cmd, r->err);
    run(0, "risk", ini, "--samples", "40", "-o", E2E_STR("%s/one", d), NULL);
    same_files(E2E_STR("%s/one", d), E2E_STR("%s/merged", d));
    for (int k = 0; k < 4; k++)
        e2e_remove_later(E2E_STR("%s/part-%d", d, k));
    e2e_remove_later(E2E_STR("%s/merged", d));
}

Test(e2e_risk, the_bundled_example_answers_on_stdout)
{
    const char *d = e2e_test_dir();
    struct e2e_result *r = run(0, "risk", "scenarios/smart101-phase1/scenario.ini", "--samples", "10", "-o",
                               E2E_STR("%s/out", d), NULL);
    cr_assert(e2e_has_line(r->out, "Samples: 10"), "%s", r->out);
    cr_assert_eq(e2e_count_lines(r->out, "P(some patient late or unserved): "), 1, "%s", r->out);
    cr_assert_eq(e2e_count_lines(r->out, "Months at risk: "), 1, "%s", r->out);
    cr_assert_eq(e2e_count_lines(r->out, "What binds:     rooms, in "), 1, "%s", r->out);
    cr_assert_str_eq(r->err, "", "a pipe gets no progress line");
    const char *t = slurp(E2E_STR("%s/out/risk_samples.csv", d));
    cr_assert_eq(strncmp(t, "sample,seed,patients,failures,late,unserved,weighted_delay,total_delay_days,status,", 83), 0,
                 "%s", t);
    cr_assert_eq(e2e_count_lines(t, ""), 11);
}

Test(e2e_risk, bad_options_and_bad_risk_values)
{
    const char *d = closed_form(3, 0);
    const char *ini = E2E_STR("%s/scenario.ini", d);
    struct e2e_result *r = run(2, "risk", ini, "--samples", "0", NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: --samples: '0' is not a number from 1 to 10000000; see "
                                   "'planner risk --help'"), "%s", r->err);
    r = run(2, "risk", ini, "--samples", "1.5", NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: --samples, --seed, --first and -j take whole numbers"), "%s",
              r->err);
    r = run(2, "risk", NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: which scenario? usage: planner risk SCENARIO.ini [-o DIR]"));
    r = run(2, "risk", "--merge", NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: --merge: which directories? usage: planner risk --merge DIR... -o DIR"));
    r = run(2, "risk", ini, ini, NULL);
    cr_assert(e2e_has_line(r->err, "planner risk: one scenario at a time (or --merge DIR...)"));
    r = run(2, "risk", "--merge", E2E_STR("%s/none", d), "-o", E2E_STR("%s/x", d), NULL);
    cr_assert_neq(strstr(r->err, "none/risk_samples.csv"), NULL, "%s", r->err);
    static const char *const bad[][2] = {{"rate_cv = -1", "rate_cv: '-1' must be between 0 and 10"},
                                         {"rate_cv = lots", "rate_cv: 'lots'"},
                                         {"time_limit = 0", "time_limit: '0' must be between 0.001 and 1e+07"}};
    for (int k = 0; k < 3; k++) {
        char *ini2 = E2E_STR("[scenario]\nstart = 2027-03-01\nend = 2027-03-31\n[tables]\nsites = sites.csv\n"
                             "forecast = forecast.csv\nprocesses = processes.csv\nrooms = rooms.csv\n"
                             "[risk]\n%s\n", bad[k][0]);
        cr_assert_eq(e2e_write(d, "bad.ini", ini2, strlen(ini2)), 0);
        r = run(2, "risk", E2E_STR("%s/bad.ini", d), "-o", E2E_STR("%s/x", d), NULL);
        cr_assert_neq(strstr(r->err, bad[k][1]), NULL, "%s: %s", bad[k][0], r->err);
        cr_assert_neq(strstr(r->err, "bad.ini:10: "), NULL, "%s", r->err);
        cr_assert(e2e_has_line(r->err, E2E_STR("planner risk: %s/bad.ini: 1 error; nothing sampled", d)), "%s",
                  r->err);
    }
}
