/* End-to-end and API tests of the solver: the objective levels, the
 * limits of a search, and the program's command line around them.
 *
 * - parity: every case of tests/plan-cases/ and every scenario of
 *   scenarios/ is planned, exported (`planner export --mps`) and solved
 *   by CBC and by glpsol; both optima must equal W x weighted_unserved +
 *   weighted_delay of the plan (docs/model.md, "Objective");
 * - the staged objective (priorities that are not multiples of 10^-6), the
 *   cost level under the delay level, hand-computed
 *   (tests/plan-cases/README.md);
 * - stdout carries data only (-q, -v);
 * - solve() through the API: a stop flag already set, heuristic_only, a
 *   complete solve;
 * - a time limit end to end on a generated medium scenario;
 * - bad command lines of plan and export, an output directory under a
 *   regular file.
 *
 * External programs are run by absolute path (/usr/bin/cbc,
 * /usr/bin/glpsol); a test that needs one that is missing is skipped. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/date.h"
#include "models/diag.h"
#include "models/scenario.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define CASES "tests/plan-cases/"
#define INI(name) CASES name "/scenario.ini"
#define CBC "/usr/bin/cbc"
#define GLPSOL "/usr/bin/glpsol"

/* Objectives of CBC and glpsol against the plan's. */
#define OBJ_TOL 1e-6

/* ---- what a test owns ---------------------------------------------------- */

/* A failed assertion leaves the test at once: runs, strings and
 * directories are the test's (tests/e2e_util.h); the loaded scenario and
 * solutions are registered here, and all is released by every suite's
 * fini. */
#define STR E2E_STR
#define own e2e_own
#define tmpdir e2e_test_dir
#define remove_later e2e_remove_later
#define next_line e2e_next_line
#define line_len e2e_line_len

static struct scenario *scn;
static diag_list *diags;
static struct solution *sols[4];
static int nsols;

static void release_all(void)
{
    for (int i = 0; i < nsols; i++)
        solution_free(sols[i]);
    scn_free(scn);
    diag_free(diags);
    nsols = 0;
    scn = NULL;
    diags = NULL;
    e2e_release_all();
}

TestSuite(e2e_solver_parity, .fini = release_all);
TestSuite(e2e_solver_levels, .fini = release_all);
TestSuite(e2e_solver_stdout, .fini = release_all);
TestSuite(e2e_solver_api, .fini = release_all);
TestSuite(e2e_solver_limits, .fini = release_all);
TestSuite(e2e_solver_cli, .fini = release_all);

/* ---- running programs ------------------------------------------------------ */

/* Runs argv (argv[0] an absolute path): it must end by itself, without a
 * signal; the exit status is left to the caller. planner: ARGS... NULL
 * with the exit status expected (-1: any). */
#define run_argv e2e_run_ok
#define cmdline e2e_cmdline
#define planner e2e_planner_exit

static void need_program(const char *path)
{
    if (access(path, X_OK) != 0)
        cr_skip_test("%s is not installed (apt-get install coinor-cbc glpk-utils)", path);
}

static int file_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* The names in dir other than . and .., space-separated and sorted
 * ("" when empty). */
static const char *dir_listing(const char *dir)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, NULL, alphasort);
    cr_assert_geq(n, 0, "cannot list %s: %s", dir, strerror(errno));
    char *s = STR("%s", "");
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") != 0 && strcmp(list[i]->d_name, "..") != 0)
            s = STR("%s%s%s", s, *s ? " " : "", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    return s;
}

/* ---- reading files ----------------------------------------------------------- */

/* The text of path, CRLF made LF, owned by the test. */
static const char *slurp(const char *path)
{
    size_t len = 0;
    char *text = e2e_slurp(path, &len);
    cr_assert_not_null(text, "cannot read %s", path);
    own(text);
    cr_assert_eq(strlen(text), len, "%s holds a NUL byte", path);
    char *w = text;
    for (const char *r = text; *r; r++)
        if (!(r[0] == '\r' && r[1] == '\n'))
            *w++ = *r;
    *w = '\0';
    return text;
}

/* The value of kpi name in DIR/kpis.csv: exactly one row names it. */
static const char *kpi(const char *dir, const char *name)
{
    const char *text = slurp(STR("%s/kpis.csv", dir));
    const char *prefix = STR("%s,", name);
    cr_assert_eq(e2e_count_lines(text, prefix), 1, "kpis.csv: expected one row '%s':\n%s", name, text);
    const char *p = text;
    while (strncmp(p, prefix, strlen(prefix)) != 0)
        p = next_line(p);
    p += strlen(prefix);
    return STR("%.*s", (int)line_len(p), p);
}

static double kpi_number(const char *dir, const char *name)
{
    const char *v = kpi(dir, name);
    char *end;
    double x = strtod(v, &end);
    cr_assert(end != v && *end == '\0', "kpis.csv: %s,%s is not a number", name, v);
    return x;
}

static void assert_kpi(const char *dir, const char *name, const char *want)
{
    const char *got = kpi(dir, name);
    cr_assert_str_eq(got, want, "kpis.csv: %s,%s but the optimum gives %s,%s\nkpis.csv:\n%s", name, got, name,
                     want, slurp(STR("%s/kpis.csv", dir)));
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

/* The line of n bytes matches pattern field by field; a pattern field "*"
 * matches anything. */
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

/* calendar.csv is exactly these rows (after the header), in this order. */
static void assert_calendar_(const char *dir, const char *const rows[])
{
    const char *text = slurp(STR("%s/calendar.csv", dir));
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

/* ---- the scenario through the library ------------------------------------------ */

static struct scenario *load(const char *ini)
{
    cr_assert_null(scn, "one scenario a test");
    diags = diag_new();
    cr_assert_not_null(diags);
    enum scn_status st = scn_load(ini, diags, &scn);
    if (st != SCN_OK)
        for (size_t i = 0; i < diag_kept(diags); i++)
            cr_log_error("%s:%d: %s", diag_get(diags, i)->file ? diag_get(diags, i)->file : "-",
                         diag_get(diags, i)->line, diag_get(diags, i)->msg);
    cr_assert_eq(st, SCN_OK, "%s: %s", ini, scn_strerror(st));
    return scn;
}

/* ==== 1. parity with CBC and glpsol ============================================= */

/* The scenario directories: every directory of tests/plan-cases/, then of
 * scenarios/, each sorted by name (the parameter is an index into this
 * list, which the runner and each test recompute alike). */
#define MAX_CASES 256

static int case_filter(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static int list_cases(char names[][320], int max)
{
    static const char *const roots[] = {"tests/plan-cases", "scenarios"};
    int n = 0;
    for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++) {
        struct dirent **list = NULL;
        int k = scandir(roots[r], &list, case_filter, alphasort);
        for (int i = 0; i < k; i++) {
            char ini[512];
            struct stat st;
            snprintf(ini, sizeof ini, "%s/%s/scenario.ini", roots[r], list[i]->d_name);
            if (n < max && stat(ini, &st) == 0 && S_ISREG(st.st_mode))
                snprintf(names[n++], 320, "%s/%s", roots[r], list[i]->d_name);
            free(list[i]);
        }
        free(list);
    }
    return n;
}

ParameterizedTestParameters(e2e_solver_parity, cbc_and_glpsol_agree_with_the_plan)
{
    static int params[MAX_CASES];
    static char names[MAX_CASES][320];
    int n = list_cases(names, MAX_CASES);
    for (int i = 0; i < n; i++)
        params[i] = i;
    return cr_make_param_array(int, params, (size_t)n);
}

/* "FILE: objective = W x weighted_unserved + weighted_delay[ - C]" on
 * stdout; *fixed gets C (the fixed batches' weighted delay, 0 if absent). */
static double export_weight(const struct e2e_result *r, const char *file, double *fixed)
{
    const char *prefix = STR("%s: objective = ", file);
    const char *p = strstr(r->out, prefix);
    cr_assert_not_null(p, "export prints no '%sW x ...' line:\n%s", prefix, r->out);
    p += strlen(prefix);
    char *end;
    double w = strtod(p, &end);
    cr_assert(end != p && strncmp(end, " x weighted_unserved + weighted_delay", 37) == 0,
              "export: cannot read W in:\n%s", r->out);
    *fixed = 0;
    if (strncmp(end + 37, " - ", 3) == 0)
        *fixed = strtod(end + 40, NULL);
    cr_assert_gt(w, 0, "export: W = %g", w);
    return w;
}

/* The optimum CBC finds for the model. */
static double cbc_optimum(const char *mps)
{
    struct e2e_result *r = run_argv((const char *const[]){CBC, mps, "solve", NULL});
    cr_assert_eq(r->code, 0, "cbc %s solve: exit %d\n%.4000s", mps, r->code, r->out);
    cr_assert(strstr(r->out, "Result - Optimal solution found"), "cbc %s: no optimal solution:\n%.6000s",
              mps, r->out);
    const char *p = strstr(r->out, "Objective value:");
    cr_assert_not_null(p, "cbc %s: no 'Objective value:' line:\n%.6000s", mps, r->out);
    p += strlen("Objective value:");
    char *end;
    double z = strtod(p, &end);
    cr_assert(end != p, "cbc %s: cannot read the objective in:\n%.6000s", mps, r->out);
    return z;
}

/* The optimum glpsol finds, read from its plain-text solution file
 * (`-w`: "s mip ROWS COLS o VALUE", VALUE with 15 significant digits). */
static double glpsol_optimum(const char *mps, const char *solfile)
{
    struct e2e_result *r = run_argv((const char *const[]){GLPSOL, "--freemps", mps, "-w", solfile, NULL});
    cr_assert_eq(r->code, 0, "glpsol --freemps %s: exit %d\n%.4000s", mps, r->code, r->out);
    const char *text = slurp(solfile);
    const char *p = text;
    while (*p && strncmp(p, "s mip ", 6) != 0)
        p = next_line(p);
    cr_assert(*p, "glpsol: no 's mip' line in %s:\n%.2000s", solfile, text);
    int rows, cols;
    char status;
    double z;
    cr_assert_eq(sscanf(p, "s mip %d %d %c %lf", &rows, &cols, &status, &z), 4, "glpsol: cannot read '%.*s'",
                 (int)line_len(p), p);
    cr_assert_eq(status, 'o', "glpsol: status '%c', not optimal: %.*s", status, (int)line_len(p), p);
    return z;
}

/* Weighted unserved and weighted delay of the plan in DIR recomputed from
 * calendar.csv (status, delay_days) with the exact priorities of the
 * scenario (kpis.csv rounds to six significant digits). */
static void exact_levels(const struct scenario *s, const char *dir, double *wu, double *wd)
{
    const char *text = slurp(STR("%s/calendar.csv", dir));
    *wu = *wd = 0;
    for (const char *p = next_line(text); *p; p = next_line(p)) {
        if (line_len(p) == 0)
            continue;
        const char *id = field(p, 0);
        int pt = scn_find_patient(s, id);
        cr_assert_geq(pt, 0, "calendar.csv names %s, not a patient of the scenario", id);
        double w = s->patients[pt].priority;
        const char *status = field(p, 11);
        if (strcmp(status, "unserved") == 0) {
            *wu += w;
        } else {
            char *end;
            const char *dl = field(p, 10);
            long d = strtol(dl, &end, 10);
            cr_assert(end != dl && *end == '\0' && d >= 0, "calendar.csv: delay_days '%s' of %s", dl, id);
            *wd += w * (double)d;
        }
    }
}

ParameterizedTest(int *param, e2e_solver_parity, cbc_and_glpsol_agree_with_the_plan)
{
    static char names[MAX_CASES][320];
    int n = list_cases(names, MAX_CASES);
    cr_assert_lt(*param, n, "the case list changed while the tests ran");
    const char *dir = names[*param];
    const char *ini = STR("%s/scenario.ini", dir);
    cr_log_info("%s", dir);
    need_program(CBC);
    need_program(GLPSOL);

    const char *work = tmpdir();
    const char *out = STR("%s/plan", work);
    const char *mps = STR("%s/model.mps", work);
    struct e2e_result *pr = planner(-1, "plan", ini, "-o", out, "-q", NULL);
    cr_assert(pr->code == 0 || pr->code == 1 || pr->code == 3, "planner plan %s: exit %d\nstderr:\n%.4000s",
              ini, pr->code, pr->err);
    if (file_exists(out))
        remove_later(out);
    struct e2e_result *ex = planner(0, "export", ini, "--mps", mps, NULL);
    double fixed;
    double w = export_weight(ex, mps, &fixed);
    int staged = strstr(ex->err, "warning") != NULL;

    double zc = cbc_optimum(mps);
    double zg = glpsol_optimum(mps, STR("%s/glpsol.sol", work));
    cr_assert_leq(fabs(zc - zg), OBJ_TOL, "%s: cbc %.10g, glpsol %.10g", dir, zc, zg);

    if (pr->code == 3) {
        /* allow_delay = no with someone late: no plan, nothing to compare
         * but the two solvers (done above). */
        cr_assert(!file_exists(STR("%s/kpis.csv", out)), "%s: exit 3 but kpis.csv was written", dir);
        return;
    }
    const struct scenario *s = load(ini);
    double wu, wd;
    exact_levels(s, out, &wu, &wd);
    double kwu = kpi_number(out, "weighted_unserved"), kwd = kpi_number(out, "weighted_delay");
    /* kpis.csv agrees with the calendar to its six significant digits. */
    cr_assert_leq(fabs(kwu - wu), 1e-5 * fmax(1, wu), "%s: kpis weighted_unserved %g, calendar gives %.10g",
                  dir, kwu, wu);
    cr_assert_leq(fabs(kwd - wd), 1e-5 * fmax(1, wd), "%s: kpis weighted_delay %g, calendar gives %.10g", dir,
                  kwd, wd);
    cr_assert_str_eq(kpi(out, "status"), "optimal", "%s: the plan is not proven optimal", dir);
    /* The exported objective is W x weighted_unserved + weighted_delay
     * (docs/model.md). kpis.csv rounds weighted_unserved to six digits,
     * which W ~ 1e9 of a staged model (fractional priorities) magnifies:
     * there the exact priorities are used. */
    double want = (staged ? w * wu + wd : w * kwu + kwd) - fixed;
    cr_assert_leq(fabs(zc - want), OBJ_TOL,
                  "%s: cbc finds %.10g; the plan has W x weighted_unserved + weighted_delay = %.10g x %.10g + "
                  "%.10g = %.10g (kpis.csv: %s, %s)",
                  dir, zc, w, staged ? wu : kwu, staged ? wd : kwd, want, kpi(out, "weighted_unserved"),
                  kpi(out, "weighted_delay"));
    cr_assert_leq(fabs(zg - want), OBJ_TOL,
                  "%s: glpsol finds %.10g; the plan has W x weighted_unserved + weighted_delay = %.10g", dir, zg,
                  want);
}

/* A generated Phase III scenario (150 patients, 18 months, 4 rooms, 20
 * staff, 15 materials): the plan is proven optimal within the
 * scenario's time limit (about a second on a 2-core machine, where GLPK
 * alone with its default settings needs tens of seconds; the LP-guided
 * heuristic makes the difference, docs/benchmarks.md), and cbc agrees
 * with its objective. */
Test(e2e_solver_parity, generated_phase3_is_proven_optimal_and_cbc_agrees)
{
    if (e2e_under_valgrind())
        cr_skip_test("a 150-patient plan under valgrind takes longer than its time limit");
    need_program(CBC);
    const char *work = tmpdir();
    const char *scn_dir = STR("%s/scenario", work);
    const char *ini = STR("%s/scenario.ini", scn_dir);
    const char *out = STR("%s/plan", work);
    const char *mps = STR("%s/model.mps", work);
    planner(0, "generate", "--size", "M", "--seed", "2", "-o", scn_dir, NULL);
    /* Exit 1: a plan, with some patients late or unserved (the preset is
     * tight on purpose). */
    planner(1, "plan", ini, "-o", out, "-q", NULL);
    remove_later(out);
    remove_later(scn_dir);
    cr_assert_str_eq(kpi(out, "status"), "optimal");
    cr_assert_leq(kpi_number(out, "gap"), 0.0001, "the cost level stops at the scenario's mip_gap");
    struct e2e_result *ex = planner(0, "export", ini, "--mps", mps, NULL);
    double fixed;
    double w = export_weight(ex, mps, &fixed);
    double zc = cbc_optimum(mps);
    double want = w * kpi_number(out, "weighted_unserved") + kpi_number(out, "weighted_delay") - fixed;
    cr_assert_leq(fabs(zc - want), OBJ_TOL, "cbc finds %.10g; the plan has %.10g (W %.10g)", zc, want, w);
    /* And verify accepts it. */
    planner(0, "verify", ini, out, NULL);
}

/* ==== 2. the staged objective ===================================================== */

/* Priorities 1 and 0.3333333333 (not multiples of 10^-6): the unserved
 * and delay levels are solved one after the other. P1 (priority 1, v1,
 * 5 days) and P2 (priority 1/3, v2, 2 days) may start on Mar 1 only
 * (max_hold 0): one of them is unserved. Serving P1 leaves 0.3333333333
 * unserved and P3 (tight due Mar 6) starts Mar 6: 5 days late. Serving P2
 * would make P3 only 2 days late but leave 1 unserved: the unserved level
 * comes first. */
Test(e2e_solver_levels, fractional_priorities_are_solved_in_stages)
{
    const char *ini = INI("fractional-priorities");
    const char *d = tmpdir();
    planner(1, "plan", ini, "-o", d, NULL);
    assert_kpi(d, "unserved", "1");
    assert_kpi(d, "total_delay_days", "5");
    assert_kpi(d, "weighted_delay", "5");
    assert_kpi(d, "status", "optimal");
    assert_kpi(d, "delay_bound", "5");
    double wu = kpi_number(d, "weighted_unserved");
    cr_assert_leq(fabs(wu - 0.3333333333), 1e-6, "kpis.csv: weighted_unserved %s, expected 0.3333333333", kpi(d, "weighted_unserved"));
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P3,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-10,2027-03-11,2027-03-11,2027-03-06,5,late",
             "P2,PAR,*,,2027-03-01,,,,,2027-03-03,*,unserved");
    planner(0, "verify", ini, d, NULL);

    /* export: a warning on stderr (the levels cannot share one objective
     * exactly), the model written all the same. */
    const char *mps = STR("%s/model.mps", tmpdir());
    struct e2e_result *ex = planner(0, "export", ini, "--mps", mps, NULL);
    cr_assert(strstr(ex->err, "warning"), "export of fractional priorities does not warn:\nstderr:\n%s", ex->err);
    cr_assert(strstr(ex->err, "priorities"), "the warning does not say why (priorities):\n%s", ex->err);
    cr_assert(file_exists(mps), "export exited 0 but wrote no %s", mps);
    double fixed_unused;
    export_weight(ex, mps, &fixed_unused);
    cr_assert_eq(e2e_count_lines(ex->out, ""), 1, "export prints one line on stdout:\n%s", ex->out);
}

/* Through the API as well: a complete solve proves the delay level. */
Test(e2e_solver_levels, fractional_priorities_through_the_api)
{
    const struct scenario *s = load(INI("fractional-priorities"));
    struct solve_options o;
    solve_options_init(&o, s);
    char err[512];
    struct solution *sol = NULL;
    cr_assert_eq(solve(s, &o, &sol, err, sizeof err), SOLVE_OK, "%s", err);
    sols[nsols++] = sol;
    cr_assert_eq(sol->status, SOLVE_OPTIMAL);
    cr_assert_eq(sol->batch[scn_find_patient(s, "P2")].start, DATE_NONE, "P2 (priority 1/3) is the one unserved");
    cr_assert_neq(sol->batch[scn_find_patient(s, "P1")].start, DATE_NONE);
    cr_assert_leq(fabs(sol->delay_bound - 5), 1e-9, "delay_bound %g, expected 5", sol->delay_bound);
    cr_assert_geq(sol->stats.stages, 2, "the unserved and delay levels in stages: %d MIP stage(s)",
                  sol->stats.stages);
}

/* ==== 3. the cost level ==================================================================== */

/* R1 at 100 and R2 at 40 per batch-day, both free all month; v1 is 5 days
 * plus 1 day of changeover. Every plan tied on delay (0) that uses R1
 * costs more: both batches go to R2, P1 Mar 1-5 (tight), P2 after the
 * changeover. Room cost 2 x 6 x 40 = 480. */
Test(e2e_solver_levels, cheaper_room_when_delay_ties)
{
    const char *ini = INI("cost-cheaper-room");
    const char *d = tmpdir();
    planner(0, "plan", ini, "-o", d, NULL);
    assert_kpi(d, "weighted_delay", "0");
    assert_kpi(d, "unserved", "0");
    assert_kpi(d, "status", "optimal");
    assert_kpi(d, "room_cost", "480");
    assert_kpi(d, "cost", "480");
    CALENDAR(d, "P1,PAR,v1,R2,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time",
             "P2,PAR,v1,R2,2027-03-01,*,*,*,*,2027-03-20,0,on_time");
    /* R1 is never used: every row of room_grid.csv is "date,,..." */
    const char *grid = slurp(STR("%s/room_grid.csv", d));
    for (const char *p = next_line(grid); *p; p = next_line(p))
        cr_assert_str_eq(field(p, 1), "", "room_grid.csv: R1 used:\n%s", grid);
    planner(0, "verify", ini, d, NULL);
}

/* R1 costs 10 but is closed on Mar 1; R2 costs 100. P1 (tight due Mar 6)
 * in R1 on Mar 2 would cost 50 and be 1 day late: the delay level comes
 * first, P1 goes to R2 on Mar 1 for 500. */
Test(e2e_solver_levels, delay_before_cost)
{
    const char *ini = INI("cost-delay-first");
    const char *d = tmpdir();
    planner(0, "plan", ini, "-o", d, NULL);
    assert_kpi(d, "weighted_delay", "0");
    assert_kpi(d, "total_delay_days", "0");
    assert_kpi(d, "status", "optimal");
    assert_kpi(d, "room_cost", "500");
    assert_kpi(d, "cost", "500");
    CALENDAR(d, "P1,PAR,v1,R2,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-06,0,on_time");
    planner(0, "verify", ini, d, NULL);
}

/* A fixed batch that is late counts in weighted_delay: P1 (priority 2),
 * booked in R1 Mar 1-5, delivers Mar 6, due Mar 4: 2 days late; P2 waits
 * for the room, Mar 6-10, delivers Mar 11, due Mar 9: 2 days late.
 * weighted_delay 2 x 2 + 2 = 6, and the proven bound of a complete solve
 * is that optimum. */
Test(e2e_solver_levels, late_fixed_batch_counts_in_the_delay)
{
    const char *ini = INI("fixed-late");
    const char *d = tmpdir();
    planner(1, "plan", ini, "-o", d, NULL);
    assert_kpi(d, "total_delay_days", "4");
    assert_kpi(d, "weighted_delay", "6");
    assert_kpi(d, "status", "optimal");
    CALENDAR(d, "P1,PAR,v1,R1,2027-03-01,2027-03-01,2027-03-05,2027-03-06,2027-03-06,2027-03-04,2,late",
             "P2,PAR,v1,R1,2027-03-01,2027-03-06,2027-03-10,2027-03-11,2027-03-11,2027-03-09,2,late");
    planner(0, "verify", ini, d, NULL);
    assert_kpi(d, "delay_bound", "6");
}

/* ==== 4. stdout carries data only ========================================================== */

/* The summary of plan with its solve time masked (every digit and '.' of
 * the Status line): two runs differ in nothing else. */
static const char *mask_seconds(const char *text)
{
    char *s = STR("%s", text);
    int in_status = strncmp(s, "Status ", 7) == 0;
    for (char *q = s; *q; q++) {
        if (*q == '\n')
            in_status = strncmp(q + 1, "Status ", 7) == 0;
        else if (in_status && ((*q >= '0' && *q <= '9') || *q == '.'))
            *q = '#';
    }
    return s;
}

Test(e2e_solver_stdout, quiet_is_one_line)
{
    struct e2e_result *r = planner(1, "plan", INI("priorities"), "-o", tmpdir(), "-q", NULL);
    cr_assert_gt(r->out_len, 0, "plan -q prints nothing");
    cr_assert_eq(r->out[r->out_len - 1], '\n', "plan -q: the line has no end:\n%s", r->out);
    cr_assert_eq(e2e_count_lines(r->out, ""), 1, "plan -q prints more than one line:\n%s", r->out);
    cr_assert_str_eq(r->err, "", "plan -q of a valid scenario writes on stderr:\n%s", r->err);
}

Test(e2e_solver_stdout, verbose_log_goes_to_stderr_only)
{
    /* priorities: GLPK runs (the heuristic's plan is not proven). */
    struct e2e_result *plain = planner(1, "plan", INI("priorities"), "-o", tmpdir(), NULL);
    struct e2e_result *verbose = planner(1, "plan", INI("priorities"), "-o", tmpdir(), "-v", NULL);
    cr_assert_str_eq(mask_seconds(verbose->out), mask_seconds(plain->out),
                     "plan -v changes stdout\n--- with -v:\n%s\n--- without:\n%s", verbose->out, plain->out);
    cr_assert_gt(verbose->err_len, 0, "plan -v writes nothing on stderr");
    cr_assert_gt(verbose->err_len, plain->err_len, "plan -v adds nothing on stderr");
}

/* ==== 5. solve() through the API ============================================================ */

/* Every patient is served (a start, a version and a room) or unserved
 * (none of them); skills and orders in range. */
static void assert_complete(const struct scenario *s, const struct solution *sol)
{
    cr_assert_eq(sol->npatients, s->npatients);
    cr_assert_eq(sol->npersons, s->npersons);
    cr_assert_eq(sol->ndays, s->ndays);
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE) {
            cr_assert(b->process == -1 && b->room == -1, "%s unserved with process %d, room %d",
                      s->patients[p].id, b->process, b->room);
            cr_assert_eq(s->patients[p].fixed_start, DATE_NONE, "fixed batch %s dropped", s->patients[p].id);
        } else {
            cr_assert(b->process >= 0 && b->process < s->nprocesses, "%s: process %d", s->patients[p].id,
                      b->process);
            cr_assert(b->room >= 0 && b->room < s->nrooms, "%s: room %d", s->patients[p].id, b->room);
            cr_assert(b->start >= s->start - 3660 && b->start <= s->end, "%s: start %d", s->patients[p].id,
                      b->start);
        }
    }
    for (size_t i = 0; i < (size_t)s->npersons * (size_t)s->ndays; i++)
        cr_assert(sol->skill_of[i] >= -1 && sol->skill_of[i] < s->nskills, "skill_of[%zu] = %d", i,
                  sol->skill_of[i]);
    for (int i = 0; i < sol->norders; i++)
        cr_assert(sol->orders[i].material >= 0 && sol->orders[i].material < s->nmaterials &&
                      sol->orders[i].quantity > 0,
                  "order %d", i);
}

/* Weighted delay of sol by the contract's timeline, computed here. */
static double weighted_delay(const struct scenario *s, const struct solution *sol)
{
    double wd = 0;
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE)
            continue;
        const struct process *v = &s->processes[b->process];
        const struct site *si = &s->sites[s->patients[p].site];
        int d = b->start + v->duration + v->qc_days;
        while (!(si->ship_weekdays & (1u << date_weekday(d))))
            d++;
        int late = d + si->ship_days - s->patients[p].due;
        if (late > 0)
            wd += s->patients[p].priority * late;
    }
    return wd;
}

static struct solution *api_solve(const struct scenario *s, const struct solve_options *o)
{
    char err[512] = "";
    struct solution *sol = NULL;
    cr_assert_lt(nsols, 4);
    enum solve_error e = solve(s, o, &sol, err, sizeof err);
    cr_assert_eq(e, SOLVE_OK, "solve: error %d: %s", e, err);
    cr_assert_not_null(sol);
    sols[nsols++] = sol;
    return sol;
}

/* The stop flag is set before solve() starts: it stops at once with the
 * heuristic's plan, complete, status interrupted. */
Test(e2e_solver_api, stop_flag_already_set)
{
    static const char *const inis[] = {INI("priorities"), INI("room-slots")};
    for (size_t i = 0; i < sizeof inis / sizeof inis[0]; i++) {
        const struct scenario *s = load(inis[i]);
        volatile sig_atomic_t stop = 1;
        struct solve_options o;
        solve_options_init(&o, s);
        o.stop = &stop;
        struct solution *sol = api_solve(s, &o);
        cr_assert_eq(sol->status, SOLVE_INTERRUPTED, "%s: status %s, expected interrupted", inis[i],
                     solve_status_name(sol->status));
        assert_complete(s, sol);
        /* A bound, if any, is a lower bound of the plan's delay. */
        cr_assert(sol->delay_bound == -1 || sol->delay_bound <= weighted_delay(s, sol) + 1e-9,
                  "%s: delay_bound %g above the plan's weighted delay %g", inis[i], sol->delay_bound,
                  weighted_delay(s, sol));
        release_all();
    }
}

Test(e2e_solver_api, heuristic_only)
{
    const struct scenario *s = load(INI("priorities"));
    struct solve_options o;
    solve_options_init(&o, s);
    o.heuristic_only = 1;
    struct solution *sol = api_solve(s, &o);
    cr_assert_eq(sol->status, SOLVE_FEASIBLE, "status %s, expected feasible", solve_status_name(sol->status));
    cr_assert_eq(sol->delay_bound, -1, "delay_bound %g without a search, expected -1", sol->delay_bound);
    assert_complete(s, sol);
    cr_assert_eq(sol->stats.stages, 0, "heuristic_only ran %d MIP stage(s)", sol->stats.stages);
}

/* A complete solve proves the delay level: delay_bound is the plan's
 * weighted delay (hand-computed in tests/plan-cases/README.md). */
static void assert_optimal_bound(const char *ini, double optimum)
{
    const struct scenario *s = load(ini);
    struct solve_options o;
    solve_options_init(&o, s);
    struct solution *sol = api_solve(s, &o);
    cr_assert_eq(sol->status, SOLVE_OPTIMAL, "%s: status %s", ini, solve_status_name(sol->status));
    assert_complete(s, sol);
    double wd = weighted_delay(s, sol);
    cr_assert_leq(fabs(wd - optimum), 1e-9, "%s: weighted delay %g, the optimum is %g", ini, wd, optimum);
    cr_assert_leq(fabs(sol->delay_bound - wd), 1e-6, "%s: optimal, delay_bound %g but weighted delay %g", ini,
                  sol->delay_bound, wd);
    cr_assert_eq(sol->gap, 0, "%s: gap %g", ini, sol->gap);
    release_all();
}

Test(e2e_solver_api, optimal_bound_is_the_weighted_delay)
{
    assert_optimal_bound(INI("priorities"), 8);
    assert_optimal_bound(INI("room-slots"), 3);
    assert_optimal_bound(INI("unserved-no-stock"), 0);
    assert_optimal_bound(INI("stock-lead-time"), 4);
}

/* The same with a late fixed batch: its delay (2 days x priority 2) is
 * part of the weighted delay, 6 in all. */
Test(e2e_solver_api, optimal_bound_counts_a_late_fixed_batch)
{
    assert_optimal_bound(INI("fixed-late"), 6);
}

/* ==== 6. a time limit end to end ============================================================= */

/* A medium scenario, the same at every run: 300 patients over 2027, 7-day
 * batches (plus 2 days of QC and a changeover day) in two rooms of four
 * places at different costs, at most 14 days of hold, shipping Mon-Fri in
 * one day, dues 0 to 3 days after the earliest delivery: queues make some
 * patients late. */
static void write_medium(const char *dir)
{
    static const char ini[] = "[scenario]\n"
                              "name  = medium generated\n"
                              "start = 2027-01-04\n"
                              "end   = 2027-12-31\n"
                              "[tables]\n"
                              "sites     = sites.csv\n"
                              "patients  = patients.csv\n"
                              "processes = processes.csv\n"
                              "rooms     = rooms.csv\n"
                              "[solver]\n"
                              "time_limit = 60\n";
    static const char sites[] = "site,name,ship_days,ship_weekdays\nPAR,Paris,1,Mon-Fri\n";
    static const char processes[] = "process,duration,qc_days,changeover,max_hold\nv1,7,2,1,14\n";
    static const char rooms[] = "room,type,capacity,cost_per_day\nR1,,4,100\nR2,,4,120\n";
    cr_assert_eq(e2e_write(dir, "scenario.ini", ini, sizeof ini - 1), 0);
    cr_assert_eq(e2e_write(dir, "sites.csv", sites, sizeof sites - 1), 0);
    cr_assert_eq(e2e_write(dir, "processes.csv", processes, sizeof processes - 1), 0);
    cr_assert_eq(e2e_write(dir, "rooms.csv", rooms, sizeof rooms - 1), 0);
    size_t cap = 64 * 1024, len = 0;
    char *csv = own(malloc(cap));
    len += (size_t)snprintf(csv + len, cap - len, "patient,site,ready,due,priority\n");
    int start;
    cr_assert_eq(date_parse("2027-01-04", &start), 0);
    unsigned x = 20270104u;
    for (int i = 0; i < 300; i++) {
        x = x * 1103515245u + 12345u;
        int ready = start + i * 355 / 300 + (int)((x >> 16) % 3);
        x = x * 1103515245u + 12345u;
        int due = ready + 7 + 2 + 1 + (int)((x >> 16) % 4);
        x = x * 1103515245u + 12345u;
        int prio = 1 + (int)((x >> 16) % 3 == 0);
        char a[DATE_BUFSZ], b[DATE_BUFSZ];
        len += (size_t)snprintf(csv + len, cap - len, "P%03d,PAR,%s,%s,%d\n", i + 1, date_format(ready, a),
                                date_format(due, b), prio);
        cr_assert_lt(len, cap);
    }
    cr_assert_eq(e2e_write(dir, "patients.csv", csv, len), 0);
}

Test(e2e_solver_limits, time_limit_writes_the_best_plan)
{
    const char *sdir = tmpdir();
    const char *out = tmpdir();
    write_medium(sdir);
    const char *ini = STR("%s/scenario.ini", sdir);
    planner(0, "check", ini, "-q", NULL);
    struct e2e_result *r = planner(-1, "plan", ini, "-o", out, "--time-limit", "0.001", NULL);
    cr_assert(r->code == 0 || r->code == 1, "plan --time-limit 0.001: exit %d, expected 0 or 1\nstderr:\n%.4000s",
              r->code, r->err);
    const char *status = kpi(out, "status");
    cr_assert(strcmp(status, "time_limit") == 0 || strcmp(status, "optimal") == 0,
              "kpis.csv: status,%s after --time-limit 0.001", status);
    cr_log_info("--time-limit 0.001: status %s, weighted_delay %s, delay_bound %s, unserved %s", status,
                kpi(out, "weighted_delay"), kpi(out, "delay_bound"), kpi(out, "unserved"));
    if (strcmp(status, "time_limit") == 0)
        cr_assert(strstr(r->out, "time limit"), "stdout does not say the time limit stopped the search:\n%s",
                  r->out);
    /* delay_bound is blank when no bound is known; else at most the
     * plan's weighted delay. */
    if (*kpi(out, "delay_bound")) {
        double bound = kpi_number(out, "delay_bound"), wd = kpi_number(out, "weighted_delay");
        cr_assert_leq(bound, wd + 1e-6, "delay_bound %g above the plan's weighted delay %g", bound, wd);
    }
    planner(0, "verify", ini, out, NULL);
}

/* ==== 7. bad command lines ===================================================================== */

/* plan with a bad command line: exit 2, nothing on stdout, stderr names
 * what is wrong, no plan written. Returns the run. */
static const struct e2e_result *plan_usage_error(const char *what, const char *a, const char *b, const char *c)
{
    const char *dir = tmpdir();
    struct e2e_result *r = planner(2, "plan", INI("priorities"), "-o", dir, a, b, c, NULL);
    cr_assert(strstr(r->err, what), "plan ... %s %s: stderr does not name '%s':\n%s", a, b ? b : "", what,
              r->err);
    cr_assert_str_eq(r->out, "", "plan with a bad command line prints on stdout:\n%s", r->out);
    cr_assert_str_eq(dir_listing(dir), "", "plan with a bad command line wrote into %s", dir);
    return r;
}

Test(e2e_solver_cli, time_limit_not_a_number)
{
    const struct e2e_result *r = plan_usage_error("--time-limit", "--time-limit", "abc", NULL);
    cr_assert(strstr(r->err, "abc"), "stderr does not quote the value:\n%s", r->err);
}

Test(e2e_solver_cli, time_limit_without_value)
{
    plan_usage_error("--time-limit", "--time-limit", NULL, NULL);
}

Test(e2e_solver_cli, gap_above_one)
{
    plan_usage_error("--gap", "--gap", "2", NULL);
}

Test(e2e_solver_cli, output_without_value)
{
    /* -o last, its value missing (the -o DIR before it is fine). */
    plan_usage_error("-o", "-o", NULL, NULL);
}

Test(e2e_solver_cli, unknown_option)
{
    plan_usage_error("--frobnicate", "--frobnicate", NULL, NULL);
}

Test(e2e_solver_cli, two_scenarios)
{
    plan_usage_error(INI("room-capacity"), INI("room-capacity"), NULL, NULL);
}

Test(e2e_solver_cli, export_needs_a_format)
{
    struct e2e_result *r = planner(2, "export", INI("priorities"), NULL);
    cr_assert_gt(r->err_len, 0, "export without --mps or --lp: no message on stderr");
    cr_assert_str_eq(r->out, "", "stdout: %s", r->out);
}

Test(e2e_solver_cli, export_one_format_only)
{
    const char *dir = tmpdir();
    const char *mps = STR("%s/m.mps", dir), *lp = STR("%s/m.lp", dir);
    struct e2e_result *r = planner(2, "export", INI("priorities"), "--mps", mps, "--lp", lp, NULL);
    cr_assert_gt(r->err_len, 0, "export with --mps and --lp: no message on stderr");
    cr_assert_str_eq(dir_listing(dir), "", "export with --mps and --lp wrote a file");
}

/* The target's directory does not exist: exit 3, the path named, and no
 * temporary file anywhere near. */
Test(e2e_solver_cli, export_into_a_missing_directory)
{
    const char *dir = tmpdir();
    const char *mps = STR("%s/missing/model.mps", dir);
    struct e2e_result *r = planner(3, "export", INI("priorities"), "--mps", mps, NULL);
    cr_assert(strstr(r->err, "model.mps"), "stderr does not name the file:\n%s", r->err);
    cr_assert_str_eq(r->out, "", "export that failed prints on stdout:\n%s", r->out);
    cr_assert_str_eq(dir_listing(dir), "", "export left something behind in %s", dir);
}

/* The target is a directory: the model is written to a temporary file
 * beside it, the rename fails, exit 3, and the temporary file is gone. */
Test(e2e_solver_cli, export_onto_a_directory)
{
    const char *dir = tmpdir();
    const char *target = STR("%s/model.mps", dir);
    cr_assert_eq(mkdir(target, 0755), 0);
    remove_later(target);
    struct e2e_result *r = planner(3, "export", INI("priorities"), "--mps", target, NULL);
    cr_assert(strstr(r->err, "model.mps"), "stderr does not name the file:\n%s", r->err);
    cr_assert_str_eq(dir_listing(dir), "model.mps", "export left a temporary file in %s", dir);
    cr_assert_str_eq(dir_listing(target), "", "export wrote into the directory %s", target);
}

/* The happy path of both formats, for contrast: exit 0, the file, no
 * temporary left. */
Test(e2e_solver_cli, export_writes_only_the_file)
{
    const char *dir = tmpdir();
    planner(0, "export", INI("priorities"), "--mps", STR("%s/m.mps", dir), NULL);
    planner(0, "export", INI("priorities"), "--lp", STR("%s/m.lp", dir), NULL);
    cr_assert_str_eq(dir_listing(dir), "m.lp m.mps", "files in %s", dir);
}

/* ==== 8. the output directory ================================================================ */

/* -o below a regular file: exit 2 before the search (with -v, neither
 * GLPK's log nor the model's size appears), a message naming the path,
 * nothing created, the file untouched. */
Test(e2e_solver_cli, output_under_a_regular_file)
{
    const char *dir = tmpdir();
    cr_assert_eq(e2e_write(dir, "file", "x\n", 2), 0);
    const char *out = STR("%s/file/plan", dir);
    struct e2e_result *r = planner(2, "plan", INI("priorities"), "-o", out, "-v", NULL);
    cr_assert(strstr(r->err, out) || strstr(r->err, STR("%s/file", dir)), "stderr does not name the path:\n%s",
              r->err);
    cr_assert_null(strstr(r->err, "mip ="), "GLPK ran before the output directory was checked:\n%s", r->err);
    cr_assert_null(strstr(r->err, "candidate starts"), "the model was solved before the output directory "
                                                       "was checked:\n%s", r->err);
    cr_assert_str_eq(r->out, "", "stdout: %s", r->out);
    cr_assert_str_eq(dir_listing(dir), "file", "something was created in %s", dir);
    cr_assert_str_eq(slurp(STR("%s/file", dir)), "x\n", "the file was changed");
}

/* -o naming the regular file itself. */
Test(e2e_solver_cli, output_is_a_regular_file)
{
    const char *dir = tmpdir();
    cr_assert_eq(e2e_write(dir, "file", "x\n", 2), 0);
    const char *out = STR("%s/file", dir);
    struct e2e_result *r = planner(2, "plan", INI("priorities"), "-o", out, "-v", NULL);
    cr_assert(strstr(r->err, out), "stderr does not name the path:\n%s", r->err);
    cr_assert_null(strstr(r->err, "mip ="), "GLPK ran before the output directory was checked:\n%s", r->err);
    cr_assert_str_eq(r->out, "", "stdout: %s", r->out);
    cr_assert_str_eq(dir_listing(dir), "file", "something was created in %s", dir);
    cr_assert_str_eq(slurp(STR("%s/file", dir)), "x\n", "the file was changed");
}
