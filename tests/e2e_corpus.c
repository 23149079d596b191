/* The bad-input corpus: every case of tests/corpus/EXPECTED.tsv is run
 * through the built program, from the repository root (one test per row).
 *
 * - exit 2, a malformed scenario: `planner check` and `planner plan -o TMP`
 *   both exit 2, print the expected line on stderr (whole and exact),
 *   nothing on stdout, and TMP stays empty (no plan written);
 * - exit 0, a valid variant: `planner check` exits 0 and says "valid"; the
 *   expected line (a warning), unless "-", is on stderr.
 *
 * Big inputs (a 10 MB line, 200,000 patients) are generated into /tmp. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define CORPUS "tests/corpus/"
#define MANIFEST CORPUS "EXPECTED.tsv"
#define MANIFEST_HEADER "case\texit\texpected"
#define MIN_MALFORMED 60

/* ---- the manifest ---------------------------------------------------------- */

struct corpus_case {
    const char *name;       /* directory under tests/corpus/ */
    const char *expected;   /* the whole stderr line, or "-" */
    int exit;               /* 2 malformed, 0 valid */
    int line;               /* of the manifest */
};

static char *dup_with(void *(*alloc)(size_t), const char *s, size_t n)
{
    char *p = alloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int valid_name(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    return 1;
}

static void free_with(void (*release)(void *), struct corpus_case *cases, size_t n)
{
    for (size_t i = 0; cases && i < n; i++) {
        release((void *)(uintptr_t)cases[i].name);
        release((void *)(uintptr_t)cases[i].expected);
    }
    release(cases);
}

/* Reads the manifest into an array made with alloc and release (cr_malloc
 * and cr_free for the parameters, malloc and free elsewhere); NULL with
 * the reason in err when it is missing or malformed. */
static struct corpus_case *read_manifest(void *(*alloc)(size_t), void (*release)(void *),
                                         size_t *count, char *err, size_t errlen)
{
    size_t len, n = 0, cap = 0;
    char *text = e2e_slurp(MANIFEST, &len);
    struct corpus_case *cases = NULL;
    *count = 0;
    if (!text) {
        snprintf(err, errlen, "%s: cannot read it (tests run from the repository root)", MANIFEST);
        return NULL;
    }
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            cap++;
    cases = alloc((cap + 1) * sizeof *cases);
    int lineno = 0, header = 0, ok = cases != NULL;
    for (char *p = text; ok && *p;) {
        char *line = p;
        size_t l = strcspn(p, "\n");
        p += l + (p[l] == '\n');
        lineno++;
        if (l && line[l - 1] == '\r')
            l--;
        line[l] = '\0';
        if (l == 0 || line[0] == '#')
            continue;
        if (!header) {
            header = 1;
            if (strcmp(line, MANIFEST_HEADER) != 0) {
                snprintf(err, errlen, "%s:%d: the header must be 'case<TAB>exit<TAB>expected'", MANIFEST,
                         lineno);
                ok = 0;
            }
            continue;
        }
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || strchr(t2 + 1, '\t')) {
            snprintf(err, errlen, "%s:%d: a row has 3 fields separated by tabs", MANIFEST, lineno);
            ok = 0;
            break;
        }
        size_t nl = (size_t)(t1 - line);
        const char *ex = t1 + 1, *expected = t2 + 1;
        int code = (t2 - ex == 1 && (*ex == '0' || *ex == '2')) ? *ex - '0' : -1;
        if (!valid_name(line, nl) || code < 0 || !*expected || (code == 2 && strcmp(expected, "-") == 0)) {
            snprintf(err, errlen,
                     "%s:%d: expected a case name (a-z, 0-9, -), an exit of 0 or 2 and an expected "
                     "line ('-' only for exit 0)", MANIFEST, lineno);
            ok = 0;
            break;
        }
        struct corpus_case *c = &cases[n];
        c->name = dup_with(alloc, line, nl);
        c->expected = dup_with(alloc, expected, strlen(expected));
        c->exit = code;
        c->line = lineno;
        n++;
        if (!c->name || !c->expected) {
            snprintf(err, errlen, "out of memory");
            ok = 0;
        }
    }
    if (ok && !header) {
        snprintf(err, errlen, "%s: no header and no rows", MANIFEST);
        ok = 0;
    }
    if (!cases)
        snprintf(err, errlen, "out of memory");
    free(text);
    if (!ok) {
        free_with(release, cases, n);
        return NULL;
    }
    *count = n;
    return cases;
}

/* ---- running the program ---------------------------------------------------- */

/* Runs argv; 1 when the program ended by itself (no crash, no hang), else
 * an expectation fails naming the case. */
static int run(const struct corpus_case *c, const char *cmd, struct e2e_result *r,
               const char *const argv[])
{
    if (e2e_run(r, E2E_TIMEOUT_S, argv) != 0) {
        cr_expect_fail("%s: cannot run %s: %s", c->name, argv[0], r->err);
        return 0;
    }
    cr_expect(!r->timed_out, "%s: planner %s: still running after %g s (hang guard)", c->name, cmd,
              E2E_TIMEOUT_S);
    cr_expect(r->timed_out || r->exited, "%s: planner %s: killed by signal %d\nstderr:\n%.3000s",
              c->name, cmd, r->signal, r->err);
    return !r->timed_out && r->exited;
}

static void expect_exit(const struct corpus_case *c, const char *cmd, const struct e2e_result *r)
{
    cr_expect_eq(r->code, c->exit, "%s: planner %s: exit %d, expected %d\nstderr:\n%.3000s", c->name,
                 cmd, r->code, c->exit, r->err);
}

static void expect_line(const struct corpus_case *c, const char *cmd, const struct e2e_result *r)
{
    if (strcmp(c->expected, "-") == 0)
        return;
    cr_expect(e2e_has_line(r->err, c->expected),
              "%s: planner %s: stderr lacks the line (%s:%d)\n  %s\nstderr was:\n%.3000s", c->name,
              cmd, MANIFEST, c->line, c->expected, r->err);
}

/* The names of what dir holds ("" when empty), into buf. */
static const char *dir_listing(const char *dir, char *buf, size_t size)
{
    size_t used = 0;
    DIR *d = opendir(dir);
    buf[0] = '\0';
    if (!d) {
        snprintf(buf, size, "(cannot list %s: %s)", dir, strerror(errno));
        return buf;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", used ? " " : "", e->d_name);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    closedir(d);
    return buf;
}

static void check_case(const struct corpus_case *c)
{
    char *ini = e2e_strf(CORPUS "%s/scenario.ini", c->name);
    struct e2e_result r;

    if (run(c, "check", &r, (const char *const[]){PLANNER_BIN, "check", ini, NULL})) {
        expect_exit(c, "check", &r);
        expect_line(c, "check", &r);
        if (c->exit == 2) {
            cr_expect_str_empty(r.out, "%s: planner check wrote to stdout:\n%.3000s", c->name, r.out);
        } else {
            char *valid = e2e_strf("%s: valid, ", ini);
            cr_expect_eq(e2e_count_lines(r.out, valid), 1, "%s: planner check: no line '%s...':\n%.3000s",
                         c->name, valid, r.out);
            free(valid);
        }
    }
    e2e_result_free(&r);

    if (c->exit == 2) {
        char *dir = e2e_tmpdir(), listing[1024];
        cr_expect_not_null(dir, "%s: cannot make a directory under /tmp", c->name);
        if (dir && run(c, "plan", &r, (const char *const[]){PLANNER_BIN, "plan", ini, "-o", dir, NULL})) {
            expect_exit(c, "plan", &r);
            expect_line(c, "plan", &r);
            cr_expect_str_empty(r.out, "%s: planner plan wrote to stdout:\n%.3000s", c->name, r.out);
            cr_expect_str_empty(dir_listing(dir, listing, sizeof listing),
                                "%s: planner plan -o %s on bad input left: %s", c->name, dir, listing);
        }
        e2e_result_free(&r);
        if (dir)
            cr_expect_eq(e2e_rmtree(dir), 0, "%s: cannot remove %s (plan left a directory in it?)",
                         c->name, dir);
        free(dir);
    }
    free(ini);
}

/* ---- one test per manifest row ---------------------------------------------- */

static void free_cases(struct criterion_test_params *p)
{
    free_with(cr_free, p->params, p->length);
}

/* A broken manifest gives no rows here: e2e_corpus::manifest says why. */
ParameterizedTestParameters(e2e_corpus, each_case)
{
    char err[512];
    size_t n;
    struct corpus_case *cases = read_manifest(cr_malloc, cr_free, &n, err, sizeof err);
    return cr_make_param_array(struct corpus_case, cases, n, free_cases);
}

ParameterizedTest(struct corpus_case *c, e2e_corpus, each_case)
{
    check_case(c);
}

/* ---- the manifest itself ------------------------------------------------------ */

/* What the corpus must cover, by case name: removing one of these fails. */
static const char *const required_cases[] = {
    /* CSV structure and encoding */
    "csv-quote-in-field", "csv-text-after-quote", "csv-unclosed-quote", "csv-ragged-short",
    "csv-ragged-long", "csv-missing-column", "csv-empty-file", "csv-header-only-sites",
    "csv-invalid-utf8",
    /* values */
    "date-feb-30", "date-month-13", "int-negative", "num-negative", "int-not-number",
    "num-not-number", "int-overflow", "num-decimal-comma", "ini-yesno", "yesno-csv",
    "weekdays-typo", "bom-negative-quantity", "min-order-negative", "shelf-life-zero",
    "ship-weekdays-empty",
    /* scenario.ini */
    "ini-end-before-start", "ini-horizon-too-long", "ini-duplicate-key", "ini-unknown-key",
    "ini-base-cycle", "ini-base-missing", "ini-missing-table-file", "ini-table-is-directory",
    /* duplicate ids, in each table that has ids */
    "dup-site", "dup-patient", "dup-process", "dup-room", "dup-person", "dup-material",
    /* dangling references */
    "ref-site", "ref-process", "ref-room", "ref-skill", "ref-material", "ref-person",
    "ref-replaces",
    /* rules across rows */
    "fixed-no-room", "process-overlap", "fixed-overfill", "steps-more-people",
    /* valid variants */
    "good", "valid-bom-crlf", "valid-quoted-fields", "valid-blank-lines",
    "valid-columns-reordered", "valid-unknown-column", "valid-header-only-patients",
};

static const struct corpus_case *find_case(const struct corpus_case *cases, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

/* The manifest parses; its rows are unique, name existing cases and lines
 * that name a file of the case; every directory of the corpus is listed;
 * at least 60 malformed cases and the required ones are there. */
Test(e2e_corpus, manifest)
{
    char err[512];
    size_t n;
    struct corpus_case *cases = read_manifest(malloc, free, &n, err, sizeof err);
    cr_assert_not_null(cases, "%s", err);
    size_t malformed = 0, valid = 0;
    for (size_t i = 0; i < n; i++) {
        const struct corpus_case *c = &cases[i];
        malformed += c->exit == 2;
        valid += c->exit == 0;
        const struct corpus_case *first = find_case(cases, i, c->name);
        cr_expect_null(first, "%s:%d: case '%s' is listed again (first on line %d)", MANIFEST, c->line,
                       c->name, first ? first->line : 0);
        char *ini = e2e_strf(CORPUS "%s/scenario.ini", c->name);
        struct stat st;
        cr_expect(stat(ini, &st) == 0 && S_ISREG(st.st_mode), "%s:%d: no file %s", MANIFEST, c->line, ini);
        free(ini);
        if (strcmp(c->expected, "-") != 0) {
            char *prefix = e2e_strf(CORPUS "%s/", c->name);
            cr_expect(strncmp(c->expected, prefix, strlen(prefix)) == 0,
                      "%s:%d: the expected line names no file of the case (%s...): %s", MANIFEST, c->line,
                      prefix, c->expected);
            free(prefix);
        }
    }
    DIR *d = opendir(CORPUS);
    cr_expect_not_null(d, "no directory %s", CORPUS);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        struct stat st;
        char *path = e2e_strf(CORPUS "%s", e->d_name);
        if (e->d_name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            cr_expect_not_null(find_case(cases, n, e->d_name), "%s is not listed in %s", path, MANIFEST);
        free(path);
    }
    if (d)
        closedir(d);
    for (size_t i = 0; i < sizeof required_cases / sizeof required_cases[0]; i++)
        cr_expect_not_null(find_case(cases, n, required_cases[i]), "%s lacks the required case '%s'",
                           MANIFEST, required_cases[i]);
    cr_expect_geq(malformed, MIN_MALFORMED, "%zu malformed cases, at least %d expected", malformed,
                  MIN_MALFORMED);
    cr_expect_gt(valid, 0);
    free_with(free, cases, n);
}

/* ---- big inputs, generated ----------------------------------------------------- */

/* A scenario in a fresh directory under /tmp: the corpus's good case with
 * patients.csv replaced by len bytes of data. Returns the directory. */
static char *big_case(const char *data, size_t len)
{
    char cwd[PATH_MAX];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir, "cannot make a directory under /tmp");
    char *ini = e2e_strf("; generated by tests/e2e_corpus.c\n[scenario]\nbase = %s/" CORPUS
                         "good/scenario.ini\n[tables]\npatients = patients.csv\n", cwd);
    int ok = e2e_write(dir, "scenario.ini", ini, strlen(ini)) == 0 &&
             e2e_write(dir, "patients.csv", data, len) == 0;
    free(ini);
    if (!ok) {
        e2e_rmtree(dir);
        free(dir);
        cr_assert_fail("cannot write the generated scenario under /tmp");
    }
    return dir;
}

/* patients.csv is one line of 10 MB (no line end): check and plan refuse it
 * with the expected message, in bounded time (the hang guard), without a
 * crash, and plan writes nothing. */
static void ten_megabyte_line(const char *what, char fill, const char *message)
{
    size_t len = (size_t)10 << 20;
    char *data = malloc(len);
    cr_assert_not_null(data);
    memset(data, fill, len);
    char *dir = big_case(data, len);
    free(data);
    char *ini = e2e_strf("%s/scenario.ini", dir);
    char *out = e2e_strf("%s/plan", dir);
    char *line = e2e_strf("%s/patients.csv:1: %s", dir, message);
    struct corpus_case c = {what, line, 2, 0};
    struct e2e_result r;
    if (run(&c, "check", &r, (const char *const[]){PLANNER_BIN, "check", ini, NULL})) {
        expect_exit(&c, "check", &r);
        expect_line(&c, "check", &r);
    }
    e2e_result_free(&r);
    if (run(&c, "plan", &r, (const char *const[]){PLANNER_BIN, "plan", ini, "-o", out, NULL})) {
        expect_exit(&c, "plan", &r);
        expect_line(&c, "plan", &r);
        cr_expect(access(out, F_OK) != 0, "%s: planner plan created %s", what, out);
    }
    e2e_result_free(&r);
    cr_expect_eq(e2e_rmtree(dir), 0, "cannot remove %s", dir);
    free(line);
    free(out);
    free(ini);
    free(dir);
}

TestSuite(e2e_corpus_big);

Test(e2e_corpus_big, ten_megabyte_line_of_letters)
{
    ten_megabyte_line("10 MB of letters on one line", 'x', "missing required column 'patient'");
}

Test(e2e_corpus_big, ten_megabyte_line_of_commas)
{
    ten_megabyte_line("10 MB of commas on one line", ',', "record has more than 4096 fields");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* fork + execv of argv with stdout and stderr into files, waited for with
 * wait4 for the child's rusage; killed past the hang guard. Returns the
 * wait status, or -1 when it could not run. */
static int run_rusage(char *const argv[], const char *out, const char *err, struct rusage *ru,
                      int *timed_out)
{
    int status = -1;
    *timed_out = 0;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int i = open("/dev/null", O_RDONLY), o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600),
            e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (i < 0 || o < 0 || e < 0 || dup2(i, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    double deadline = now() + E2E_TIMEOUT_S;
    for (;;) {
        pid_t w = wait4(pid, &status, *timed_out ? 0 : WNOHANG, ru);
        if (w == pid)
            return status;
        if (w < 0 && errno != EINTR)
            return -1;
        if (!*timed_out && now() > deadline) {
            *timed_out = 1;
            kill(pid, SIGKILL);
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
}

/* 200,000 valid known patients (every column of patients.csv used): check
 * accepts them, and the child's peak memory stays under 1 GB. */
Test(e2e_corpus_big, two_hundred_thousand_patients)
{
    const int rows = 200000;
    size_t cap = (size_t)rows * 96 + 256, len = 0;
    char *data = malloc(cap);
    cr_assert_not_null(data);
    len += (size_t)snprintf(data, cap, "patient,site,ready,due,process,priority,max_hold,included\n");
    for (int i = 0; i < rows && len < cap; i++)
        len += (size_t)snprintf(data + len, cap - len, "X%06d,%s,2027-03-%02d,2027-04-%02d,%s,%d,%s,2027-02-%02d\n",
                                i, i % 2 ? "PAR" : "NYC", 1 + i % 28, 1 + i % 28,
                                i % 3 == 0 ? "v1" : i % 3 == 1 ? "v2" : "", 1 + i % 3, i % 5 ? "" : "7",
                                1 + i % 28);
    cr_assert_lt(len, cap);
    char *dir = big_case(data, len);
    free(data);
    char *ini = e2e_strf("%s/scenario.ini", dir);
    char *out = e2e_strf("%s/stdout.txt", dir), *err = e2e_strf("%s/stderr.txt", dir);
    char *argv[] = {PLANNER_BIN, "check", ini, NULL};
    struct rusage ru;
    int timed_out;
    memset(&ru, 0, sizeof ru);
    int status = run_rusage(argv, out, err, &ru, &timed_out);
    size_t olen = 0, elen = 0;
    char *o = e2e_slurp(out, &olen), *e = e2e_slurp(err, &elen);
    cr_expect(status >= 0, "cannot run %s", PLANNER_BIN);
    cr_expect(!timed_out, "planner check on 200,000 patients: still running after %g s (hang guard)",
              E2E_TIMEOUT_S);
    cr_expect(status < 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 0),
              "planner check on 200,000 patients: status %#x, expected exit 0\nstderr:\n%.3000s", status,
              e ? e : "");
    cr_expect(o && strstr(o, "200002 in the horizon: 200000 known, 2 forecast"),
              "the summary does not count 200,000 known patients:\n%.3000s", o ? o : "");
    /* ru_maxrss is in kilobytes on Linux. */
    cr_expect_lt(ru.ru_maxrss, 1L << 20, "planner check on 200,000 patients peaked at %ld MB (limit 1 GB)",
                 ru.ru_maxrss >> 10);
    free(o);
    free(e);
    cr_expect_eq(e2e_rmtree(dir), 0, "cannot remove %s", dir);
    free(out);
    free(err);
    free(ini);
    free(dir);
}
