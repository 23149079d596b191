/* End-to-end tests of the command line as users type it (planner/options.c,
 * docs/commands.md "Options"): every command takes `--name=value` and
 * `--name value`, clustered short flags (-qv), a short option's value
 * attached or apart (-oDIR, -o DIR), an unambiguous prefix of a long
 * option, options before or after the operands, and `--` before an operand
 * that starts with '-'. Wrong command lines get one line on stderr in the
 * house's words and exit 2, and --help lists every option of the table. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define TINY "scenarios/tiny/scenario.ini"

/* Runs, strings and directories are the test's (tests/e2e_util.h). */
#define STR E2E_STR
#define own e2e_own
#define tmpdir e2e_test_dir
/* planner ARGS... NULL with the exit status expected. */
#define planner e2e_planner_exit

TestSuite(e2e_options, .fini = e2e_release_all);

/* ---- running the program -------------------------------------------------- */

/* A usage error: exit 2, exactly this line on stderr, nothing on stdout. */
static void refused(const char *line, ...)
{
    const char *argv[24];
    int n = 0;
    va_list ap;
    argv[n++] = PLANNER_BIN;
    va_start(ap, line);
    for (const char *a; (a = va_arg(ap, const char *)) != NULL && n < 23;)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    struct e2e_result *r = e2e_run_ok(argv);
    cr_assert_eq(r->code, 2, "%s: exit %d, expected 2\nstderr:\n%s", e2e_cmdline(argv), r->code,
                 r->err);
    cr_assert_str_eq(r->err, STR("%s\n", line), "%s: stderr", e2e_cmdline(argv));
    cr_assert_str_empty(r->out, "a refused command line printed on stdout:\n%s", r->out);
}

/* dir (made by the program), to be removed after the test. */
static const char *later(const char *dir)
{
    e2e_remove_later(dir);
    return dir;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static char *slurp(const char *path)
{
    size_t len;
    char *s = e2e_slurp(path, &len);
    cr_assert_not_null(s, "cannot read %s", path);
    return own(s);
}

/* Moves the test into a fresh directory holding "-tiny", a link to
 * scenarios/tiny: an operand that starts with '-'. Returns the directory. */
static const char *dash_tiny(void)
{
    char cwd[PATH_MAX];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    const char *dir = tmpdir();
    cr_assert_eq(symlink(STR("%s/scenarios/tiny", cwd), STR("%s/-tiny", dir)), 0);
    cr_assert_eq(chdir(dir), 0);
    return dir;
}

/* --help and -h print the same text on stdout; it shows each item of
 * usage in its usage line and each option of rows in its list. Returns
 * the text. */
static const char *assert_help(const char *cmd, const char *const *usage, const char *const *rows)
{
    struct e2e_result *r = planner(0, cmd, "--help", NULL);
    struct e2e_result *h = planner(0, cmd, "-h", NULL);
    cr_assert_str_eq(h->out, r->out, "planner %s: -h and --help differ", cmd);
    cr_assert_str_empty(r->err);
    const char *list = strstr(r->out, "\nOptions:\n");
    cr_assert_not_null(list, "planner %s --help has no options:\n%s", cmd, r->out);
    size_t head = (size_t)(strstr(r->out, "\n\n") - r->out);
    for (const char *const *u = usage; *u; u++) {
        const char *at = strstr(r->out, *u);
        cr_assert(at && (size_t)(at - r->out) < head, "planner %s --help: the usage lacks %s:\n%s", cmd, *u,
                  r->out);
    }
    for (const char *const *o = rows; *o; o++)
        cr_assert(strstr(list, STR("\n  %s  ", *o)), "planner %s --help does not list '%s':\n%s", cmd, *o,
                  r->out);
    cr_assert(strstr(list, "\n  -h, --help  "), "planner %s --help does not list itself:\n%s", cmd, r->out);
    return r->out;
}

/* ---- the program's own options ---------------------------------------------- */

Test(e2e_options, program)
{
    struct e2e_result *v = planner(0, "-V", NULL);
    cr_assert(strncmp(v->out, "planner ", 8) == 0, "%s", v->out);
    cr_assert_str_eq(planner(0, "--version", NULL)->out, v->out);
    cr_assert_str_eq(planner(0, "--vers", NULL)->out, v->out);
    struct e2e_result *h = planner(0, "--help", NULL);
    cr_assert_str_eq(planner(0, "-h", NULL)->out, h->out);
    cr_assert(strstr(h->out, "\n  -V, --version  ") && strstr(h->out, "\n  -h, --help  "), "%s", h->out);
    refused("planner: unknown option '-x'; see 'planner --help'", "-x", "check", TINY, NULL);
    refused("planner: --version takes no value; see 'planner --help'", "--version=2", NULL);
    /* The program's options stop at the command: the rest is the command's. */
    refused("planner check: unknown option '-V'; see 'planner check --help'", "check", "-V", TINY, NULL);
    cr_assert_str_empty(planner(0, "--", "check", TINY, "-q", NULL)->out);
}

/* ---- check ------------------------------------------------------------------ */

Test(e2e_options, check)
{
    cr_assert_str_neq(planner(0, "check", TINY, NULL)->out, "");
    static const char *const quiet[][2] = {{"-q", NULL}, {"--quiet", NULL}, {"--qu", NULL}, {"-qq", NULL},
                                           {"-q", "--quiet"}};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        cr_assert_str_empty(planner(0, "check", TINY, quiet[i][0], quiet[i][1], NULL)->out, "check %s",
                            quiet[i][0]);
        cr_assert_str_empty(planner(0, "check", quiet[i][0], TINY, quiet[i][1], NULL)->out, "check %s",
                            quiet[i][0]);
        e2e_release_all();
    }
    /* Options after the operand whatever the environment says (this test
     * is a process of its own: the variable ends with it). */
    cr_assert_eq(setenv("POSIXLY_CORRECT", "1", 1), 0);
    cr_assert_str_empty(planner(0, "check", TINY, "-q", NULL)->out);
    refused("planner check: unknown option '-x'; see 'planner check --help'", "check", "-qx", TINY, NULL);
    refused("planner check: unknown option '--frob'; see 'planner check --help'", "check", TINY, "--frob=1",
            NULL);
    refused("planner check: --quiet takes no value; see 'planner check --help'", "check", TINY, "--quiet=1",
            NULL);
    static const char *const usage[] = {"Usage: planner check [-q] SCENARIO.ini", NULL};
    static const char *const rows[] = {"-q, --quiet", NULL};
    assert_help("check", usage, rows);
}

Test(e2e_options, check_operand_after_double_dash)
{
    dash_tiny();
    struct e2e_result *r = planner(0, "check", "--", "-tiny/scenario.ini", NULL);
    cr_assert(e2e_has_line(r->out, "-tiny/scenario.ini: valid, 0 warnings"), "%s", r->out);
    cr_assert_str_empty(planner(0, "check", "-q", "--", "-tiny/scenario.ini", NULL)->out);
    refused("planner check: unknown option '-t'; see 'planner check --help'", "check", "-tiny/scenario.ini",
            NULL);
}

/* ---- plan ------------------------------------------------------------------- */

Test(e2e_options, plan_time_limit_and_gap)
{
    const char *dir = tmpdir();
    static const char *const ok[][2] = {
        {"--time-limit=5", NULL}, {"--time-limit", "5"}, {"--time=5", NULL}, {"--time-limit=10000000", NULL},
        {"--gap=0.5", NULL},      {"--gap", "1"},        {"--gap=0", NULL},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct e2e_result *r = planner(0, "plan", TINY, "-q", "-o", dir, ok[i][0], ok[i][1], NULL);
        cr_assert_eq(e2e_count_lines(r->out, ""), 1, "plan %s %s:\n%s", ok[i][0], ok[i][1] ? ok[i][1] : "",
                     r->out);
        e2e_release_all();
        dir = tmpdir();
    }
    refused("planner plan: --time-limit: 'abc' is not a number from 0.001 to 10000000; see 'planner plan "
            "--help'", "plan", TINY, "-o", dir, "--time-limit=abc", NULL);
    refused("planner plan: --time-limit: '0' is not a number from 0.001 to 10000000; see 'planner plan "
            "--help'", "plan", TINY, "-o", dir, "--time-limit", "0", NULL);
    refused("planner plan: --time-limit: '10000001' is not a number from 0.001 to 10000000; see 'planner "
            "plan --help'", "plan", TINY, "-o", dir, "--time-limit=10000001", NULL);
    refused("planner plan: --gap: '1.5' is not a number from 0 to 1; see 'planner plan --help'", "plan", TINY,
            "-o", dir, "--gap=1.5", NULL);
    refused("planner plan: --time-limit needs a value (S); see 'planner plan --help'", "plan", TINY, "-o", dir,
            "--time-limit", NULL);
    refused("planner plan: --time-limit needs a value (S), not ''; see 'planner plan --help'", "plan", TINY,
            "-o", dir, "--time-limit=", NULL);
    cr_assert(!exists(STR("%s/calendar.csv", dir)), "a refused command line wrote a plan");
}

Test(e2e_options, plan_quiet_and_verbose)
{
    const char *dir = tmpdir();
    struct e2e_result *plain = planner(0, "plan", TINY, "-o", dir, NULL);
    cr_assert_gt(e2e_count_lines(plain->out, ""), 1, "%s", plain->out);
    cr_assert(!strstr(plain->err, "candidate starts"), "%s", plain->err);
    static const char *const forms[][2] = {{"-qv", NULL}, {"-q", "-v"}, {"-vq", NULL},
                                           {"--quiet", "--verbose"}, {"--verb", "-q"}};
    const char *first = NULL;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        struct e2e_result *r = planner(0, "plan", TINY, "-o", dir, forms[i][0], forms[i][1], NULL);
        cr_assert_eq(e2e_count_lines(r->out, ""), 1, "plan %s: not quiet:\n%s", forms[i][0], r->out);
        cr_assert(strstr(r->err, "candidate starts"), "plan %s: not verbose:\n%s", forms[i][0], r->err);
        if (!first)
            first = STR("%s", r->out);
        cr_assert_str_eq(r->out, first, "plan %s", forms[i][0]);
    }
}

Test(e2e_options, plan_output)
{
    const char *parent = tmpdir();
    const char *d[] = {STR("%s/a", parent), STR("%s/b", parent), STR("%s/c", parent), STR("%s/d", parent),
                       STR("%s/e", parent), STR("%s/f", parent)};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        later(d[i]);
    planner(0, "plan", TINY, "-q", "-o", d[0], NULL);
    planner(0, "plan", TINY, "-q", STR("-o%s", d[1]), NULL);
    planner(0, "plan", TINY, "-q", "--output", d[2], NULL);
    planner(0, "plan", TINY, "-q", STR("--output=%s", d[3]), NULL);
    planner(0, "plan", "-q", STR("--out=%s", d[4]), TINY, NULL);
    planner(0, "plan", STR("-qo%s", d[5]), TINY, NULL);
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        cr_assert(exists(STR("%s/calendar.csv", d[i])), "no plan in %s", d[i]);
    refused("planner plan: -o needs a value (DIR); see 'planner plan --help'", "plan", TINY, "-o", NULL);
    refused("planner plan: --output needs a value (DIR); see 'planner plan --help'", "plan", TINY, "--output",
            NULL);
    refused("planner plan: --output needs a value (DIR), not ''; see 'planner plan --help'", "plan", TINY,
            "-o", "", NULL);
}

Test(e2e_options, plan_and_verify_operands_after_double_dash)
{
    const char *dir = dash_tiny();
    later(STR("%s/-plan", dir));
    /* -o takes the next argument, whatever it starts with. */
    cr_assert_eq(e2e_count_lines(planner(0, "plan", "-q", "-o", "-plan", "--", "-tiny/scenario.ini", NULL)->out,
                                 ""), 1);
    cr_assert(exists("-plan/calendar.csv"));
    struct e2e_result *r = planner(0, "verify", "--", "-tiny/scenario.ini", "-plan", NULL);
    cr_assert(strstr(r->err, "plan is valid"), "%s", r->err);
    cr_assert_str_empty(planner(0, "verify", "-q", "--", "-tiny/scenario.ini", "-plan", NULL)->err);
    refused("planner plan: unknown option '-t'; see 'planner plan --help'", "plan", "-o", "-plan",
            "-tiny/scenario.ini", NULL);
    refused("planner verify: unknown option '-t'; see 'planner verify --help'", "verify", "-tiny/scenario.ini",
            "-plan", NULL);
}

Test(e2e_options, plan_errors_and_help)
{
    const char *dir = tmpdir();
    refused("planner plan: unknown option '-x'; see 'planner plan --help'", "plan", TINY, "-o", dir, "-qx",
            NULL);
    refused("planner plan: unknown option '--frobnicate'; see 'planner plan --help'", "plan", TINY, "-o", dir,
            "--frobnicate", NULL);
    refused("planner plan: option '--h' is ambiguous: --heuristic, --help; see 'planner plan --help'", "plan",
            TINY, "-o", dir, "--h", NULL);
    refused("planner plan: --heuristic takes no value; see 'planner plan --help'", "plan", TINY, "-o", dir,
            "--heuristic=yes", NULL);
    cr_assert(!exists(STR("%s/calendar.csv", dir)), "a refused command line wrote a plan");
    static const char *const usage[] = {"[-o DIR]", "[--time-limit S]", "[--gap G]", "[--heuristic]", "[-q]",
                                        "[-v]", "SCENARIO.ini", NULL};
    static const char *const rows[] = {"-o, --output DIR", "    --time-limit S", "    --gap G",
                                       "    --heuristic", "-q, --quiet", "-v, --verbose", NULL};
    const char *help = assert_help("plan", usage, rows);
    /* A number's bounds, from the table, end its help line. */
    cr_assert(strstr(help, "else 60 (0.001 .. 10000000)\n") && strstr(help, "else 0.0001 (0 .. 1)\n"), "%s",
              help);
}

/* ---- export ----------------------------------------------------------------- */

Test(e2e_options, export)
{
    const char *dir = tmpdir();
    const char *f[] = {STR("%s/a.mps", dir), STR("%s/b.lp", dir), STR("%s/c.mps", dir), STR("%s/d.lp", dir)};
    planner(0, "export", TINY, STR("--mps=%s", f[0]), NULL);
    planner(0, "export", "--lp", f[1], TINY, NULL);
    planner(0, "export", STR("--m=%s", f[2]), "--", TINY, NULL);
    planner(0, "export", TINY, "--lp", f[3], NULL);
    cr_assert(strstr(slurp(f[0]), "ROWS") && strstr(slurp(f[2]), "ROWS"), "not MPS");
    cr_assert(strstr(slurp(f[1]), "Subject To") && strstr(slurp(f[3]), "Subject To"), "not LP");
    refused("planner export: --mps needs a value (FILE); see 'planner export --help'", "export", TINY, "--mps",
            NULL);
    refused("planner export: --lp needs a value (FILE), not ''; see 'planner export --help'", "export", TINY,
            "--lp=", NULL);
    refused("planner export: one of --mps and --lp, once", "export", TINY, "--mps", f[0], "--lp", f[1], NULL);
    refused("planner export: unknown option '-q'; see 'planner export --help'", "export", TINY, "-q", NULL);
    static const char *const usage[] = {"[--mps FILE]", "[--lp FILE]", "SCENARIO.ini", NULL};
    static const char *const rows[] = {"    --mps FILE", "    --lp FILE", NULL};
    assert_help("export", usage, rows);
}

Test(e2e_options, export_operand_after_double_dash)
{
    const char *dir = dash_tiny();
    planner(0, "export", "--lp", "-model.lp", "--", "-tiny/scenario.ini", NULL);
    cr_assert(strstr(slurp(STR("%s/-model.lp", dir)), "Subject To"));
}

/* ---- verify ----------------------------------------------------------------- */

Test(e2e_options, verify)
{
    const char *dir = tmpdir();
    planner(0, "plan", TINY, "-q", "-o", dir, NULL);
    cr_assert(strstr(planner(0, "verify", TINY, dir, NULL)->err, "plan is valid"));
    cr_assert_str_empty(planner(0, "verify", TINY, dir, "-q", NULL)->err);
    cr_assert_str_empty(planner(0, "verify", "--quiet", TINY, dir, NULL)->err);
    cr_assert_str_empty(planner(0, "verify", TINY, "-qq", dir, NULL)->err);
    refused("planner verify: unknown option '-v'; see 'planner verify --help'", "verify", "-qv", TINY, dir,
            NULL);
    refused("planner verify: --quiet takes no value; see 'planner verify --help'", "verify", "--quiet=1", TINY,
            dir, NULL);
    static const char *const usage[] = {"Usage: planner verify [-q] SCENARIO.ini DIR", NULL};
    static const char *const rows[] = {"-q, --quiet", NULL};
    assert_help("verify", usage, rows);
}

/* ---- generate --------------------------------------------------------------- */

Test(e2e_options, generate_forms)
{
    const char *parent = tmpdir();
    const char *d[] = {STR("%s/a", parent), STR("%s/b", parent), STR("%s/c", parent), STR("%s/d", parent)};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        later(d[i]);
    planner(0, "generate", "--seed=7", "-o", d[0], NULL);
    planner(0, "generate", "--seed", "7", STR("-o%s", d[1]), NULL);
    planner(0, "generate", STR("--output=%s", d[2]), "--see", "7", "--size=S", NULL);
    planner(0, "generate", "--seed=8", "--output", d[3], NULL);
    const char *a = slurp(STR("%s/patients.csv", d[0]));
    cr_assert_str_eq(slurp(STR("%s/patients.csv", d[1])), a, "--seed 7 and --seed=7 differ");
    cr_assert_str_eq(slurp(STR("%s/patients.csv", d[2])), a, "--see 7 and --seed=7 differ");
    cr_assert_str_neq(slurp(STR("%s/patients.csv", d[3])), a, "--seed=8 was not read");
}

Test(e2e_options, generate_errors_and_help)
{
    const char *dir = STR("%s/out", tmpdir());
    refused("planner generate: unknown argument '-x'; see 'planner generate --help'", "generate", "-o", dir,
            "--", "-x", NULL);
    refused("planner generate: unknown option '-x'; see 'planner generate --help'", "generate", "-o", dir, "-x",
            NULL);
    refused("planner generate: option '--s' is ambiguous: --size, --staff, --sites, --seed; see 'planner "
            "generate --help'", "generate", "-o", dir, "--s=1", NULL);
    refused("planner generate: --seed needs a value (X); see 'planner generate --help'", "generate", "-o", dir,
            "--seed", NULL);
    refused("planner generate: --patients: '0' is not a whole number from 1 to 50000; see 'planner generate "
            "--help'", "generate", "-o", dir, "--patients=0", NULL);
    refused("planner generate: --seed is given twice ('1' and '2')", "generate", "-o", dir, "--seed=1", "--seed",
            "2", NULL);
    cr_assert(!exists(dir), "a refused command line wrote %s", dir);
    static const char *const usage[] = {"[--size S|M|L|XL]", "[--patients N]", "[--months M]", "[--rooms R]",
                                        "[--staff S]", "[--materials K]", "[--sites N]", "[--seed X]",
                                        "[--tightness T]", "[-o DIR]", NULL};
    static const char *const rows[] = {"    --size S|M|L|XL", "    --patients N", "    --months M",
                                       "    --rooms R", "    --staff S", "    --materials K", "    --sites N",
                                       "    --seed X", "    --tightness T", "-o, --output DIR", NULL};
    const char *help = assert_help("generate", usage, rows);
    cr_assert(strstr(help, "tightness 1 (1 .. 50000)\n") && strstr(help, "materials (1 .. 42)\n"), "%s", help);
}
