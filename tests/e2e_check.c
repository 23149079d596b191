/* End-to-end tests of `planner check`: the built program is run on the
 * scenarios of scenarios/ and on the cases of tests/cases/, and its exit
 * status, stdout and stderr are compared with what the contract
 * (scenario-format.md) and docs/commands.md promise.
 *
 * tests/cases/good is a small scenario with every table, whose summary is
 * worked out by hand below. Each other case inherits it
 * (base = ../good/scenario.ini) and breaks one thing; its scenario.ini
 * says what. Large and random inputs are generated into /tmp. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define CASES "tests/cases/"
#define INI(name) CASES name "/scenario.ini"

/* ---- what a test owns ---------------------------------------------------- */

/* Runs, strings and directories are the test's (tests/e2e_util.h). */
#define STR E2E_STR
#define own e2e_own

TestSuite(e2e_examples, .fini = e2e_release_all);
TestSuite(e2e_good, .fini = e2e_release_all);
TestSuite(e2e_ini, .fini = e2e_release_all);
TestSuite(e2e_values, .fini = e2e_release_all);
TestSuite(e2e_refs, .fini = e2e_release_all);
TestSuite(e2e_rules, .fini = e2e_release_all);
TestSuite(e2e_csv, .fini = e2e_release_all);
TestSuite(e2e_all_errors, .fini = e2e_release_all);
TestSuite(e2e_robust, .fini = e2e_release_all);
TestSuite(e2e_cli, .fini = e2e_release_all);

/* ---- running the program -------------------------------------------------- */

/* planner ARGS... NULL, with the exit status expected: it must end by
 * itself (no crash, no hang). */
#define planner e2e_planner_exit

/* planner check [-q] ini, with the exit status expected. */
static struct e2e_result *check(const char *ini, int quiet, int want_code)
{
    return quiet ? planner(want_code, "check", "-q", ini, NULL)
                 : planner(want_code, "check", ini, NULL);
}

/* ---- looking at the output ------------------------------------------------ */

static void assert_line(const char *text, const char *line, const char *stream)
{
    cr_assert(e2e_has_line(text, line), "%s lacks the line\n  %s\n%s was:\n%.6000s", stream, line,
              stream, text);
}

/* Compares one line of n bytes with words, every run of blanks counting
 * as one space: the words and figures must match, column widths may
 * change. */
static int same_words(const char *line, size_t n, const char *words)
{
    const char *a = line, *end = line + n, *b = words;
    for (;;) {
        int ba = 0, bb = 0;
        while (a < end && (*a == ' ' || *a == '\t'))
            a++, ba = 1;
        while (*b == ' ')
            b++, bb = 1;
        if (a == end || !*b)
            return a == end && !*b;
        if (ba != bb && a != line && b != words)
            return 0;
        if (*a != *b)
            return 0;
        a++;
        b++;
    }
}

static void assert_words(const char *text, const char *words)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (same_words(p, n, words))
            return;
        p += n + (p[n] == '\n');
    }
    cr_assert_fail("stdout lacks a line with the words\n  %s\nstdout was:\n%.6000s", words, text);
}

/* The one line of text that starts with start holds each of parts. */
static void assert_contains(const char *text, const char *start, const char *const parts[])
{
    cr_assert_eq(e2e_count_lines(text, start), 1, "expected one line starting '%s':\n%s", start, text);
    const char *p = text;
    while (strncmp(p, start, strlen(start)) != 0)
        p = strchr(p, '\n') + 1;
    char *line = STR("%.*s", (int)strcspn(p, "\n"), p);
    for (size_t i = 0; parts[i]; i++)
        cr_assert(strstr(line, parts[i]), "'%s' lacks '%s'", line, parts[i]);
}

/* Every line of err but the final count starts with one of the prefixes
 * (NULL-terminated): a diagnostic always names a file of the scenario,
 * whatever bytes it read. At least one names file. */
static void assert_all_name(const char *err, const char *file, ...)
{
    cr_assert_gt(e2e_count_lines(err, STR("%s:", file)), 0, "no diagnostic names %s:\n%s", file, err);
    for (const char *p = err; *p;) {
        size_t n = strcspn(p, "\n");
        int ok = strncmp(p, "planner check: ", 15) == 0 || strncmp(p, "... and ", 8) == 0;
        va_list ap;
        va_start(ap, file);
        for (const char *pre; !ok && (pre = va_arg(ap, const char *)) != NULL;)
            ok = strncmp(p, pre, strlen(pre)) == 0;
        va_end(ap);
        cr_assert(ok, "a diagnostic names no file of the scenario:\n%.*s\nstderr:\n%.6000s", (int)n, p,
                  err);
        p += n + (p[n] == '\n');
    }
}

static const char *const headings[] = {"Horizon ", "Patients ", "Rooms ", "Staff ", "Materials "};

/* The summary has each heading once. */
static void assert_headings(const char *ini, const char *out)
{
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        cr_assert_eq(e2e_count_lines(out, headings[i]), 1, "%s: summary heading '%s' missing:\n%s", ini,
                     headings[i], out);
}

/* check on an invalid case: exit 2, nothing on stdout, each expected line
 * on stderr, and the final count of errors and warnings. */
static void expect_invalid(const char *ini, int errors, int warnings, const char *const lines[])
{
    struct e2e_result *r = check(ini, 0, 2);
    cr_assert_str_empty(r->out, "stdout of an invalid scenario:\n%s", r->out);
    for (size_t i = 0; lines[i]; i++)
        assert_line(r->err, lines[i], "stderr");
    assert_line(r->err,
                STR("planner check: %s: %d error%s, %d warning%s", ini, errors, errors == 1 ? "" : "s",
                    warnings, warnings == 1 ? "" : "s"),
                "stderr");
}

#define INVALID(ini, errors, warnings, ...) \
    expect_invalid(ini, errors, warnings, (const char *const[]){__VA_ARGS__, NULL})

/* check on a valid case: exit 0, exactly the expected lines (warnings) on
 * stderr, the summary's headings and its last line. Returns stdout. */
static const char *expect_valid(const char *ini, int warnings, const char *const lines[])
{
    struct e2e_result *r = check(ini, 0, 0);
    for (size_t i = 0; lines[i]; i++)
        assert_line(r->err, lines[i], "stderr");
    cr_assert_eq(e2e_count_lines(r->err, ""), (size_t)warnings, "expected %d warnings, stderr:\n%s",
                 warnings, r->err);
    assert_headings(ini, r->out);
    assert_line(r->out, STR("%s: valid, %d warning%s", ini, warnings, warnings == 1 ? "" : "s"),
                "stdout");
    return r->out;
}

#define VALID(ini, warnings, ...) \
    expect_valid(ini, warnings, (const char *const[]){__VA_ARGS__, NULL})
/* A valid case without warnings. */
#define VALID0(ini) expect_valid(ini, 0, (const char *const[]){NULL})

/* ---- generated scenarios ------------------------------------------------- */

/* An absolute path of a file of the source tree (tests run from its
 * root). */
static char *abs_path(const char *rel)
{
    char cwd[PATH_MAX];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    return STR("%s/%s", cwd, rel);
}

/* A scenario in a fresh directory under /tmp (removed after the test):
 * the good case with the table `key` replaced by `file`, whose len bytes
 * are data. */
struct tmp_case {
    const char *dir;
    const char *ini;       /* dir/scenario.ini */
    const char *table;     /* dir/file, as messages name it */
};

static struct tmp_case tmp_case(const char *key, const char *file, const void *data, size_t len)
{
    struct tmp_case c;
    const char *dir = e2e_test_dir();
    const char *ini = STR("; generated by tests/e2e_check.c\n[scenario]\nbase = %s\n[tables]\n%s = %s\n",
                          abs_path(INI("good")), key, file);
    cr_assert_eq(e2e_write(dir, "scenario.ini", ini, strlen(ini)), 0);
    cr_assert_eq(e2e_write(dir, file, data, len), 0);
    c.dir = dir;
    c.ini = STR("%s/scenario.ini", dir);
    c.table = STR("%s/%s", dir, file);
    return c;
}

/* A growable text for generated tables; t->s is owned once built. */
struct text {
    char *s;
    size_t len, cap;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(struct text *t, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0);
    if (!t->s || t->len + (size_t)n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + (size_t)n + 1)
            cap *= 2;
        char *s = malloc(cap);
        cr_assert_not_null(s);
        if (t->s)
            memcpy(s, t->s, t->len);
        /* The old buffer is owned already: the new one is registered and
         * the old one stays until the end of the test (a few, doubling). */
        t->s = own(s);
        t->cap = cap;
    }
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, aq);
    va_end(aq);
    t->len += (size_t)n;
}

/* Random bytes from a fixed seed (a 64-bit LCG, top byte): the same
 * garbage on every run and every machine. */
static unsigned char next_byte(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (unsigned char)(*state >> 56);
}

/* ---- the example scenarios ------------------------------------------------ */

/* Every .ini of every directory of scenarios/ is an example a user copies:
 * check passes (warnings are allowed), with the whole summary. */
Test(e2e_examples, every_scenario_is_valid)
{
    DIR *d = opendir("scenarios");
    cr_assert_not_null(d, "no scenarios/ directory (tests run from the repository root)");
    int checked = 0, smart = 0, tiny = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        struct stat st;
        const char *dir = STR("scenarios/%s", e->d_name);
        if (e->d_name[0] == '.' || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        DIR *sd = opendir(dir);
        for (struct dirent *f; sd && (f = readdir(sd)) != NULL;) {
            size_t n = strlen(f->d_name);
            if (n < 5 || strcmp(f->d_name + n - 4, ".ini") != 0)
                continue;
            const char *ini = STR("%s/%s", dir, f->d_name);
            struct e2e_result *r = check(ini, 0, 0);
            assert_headings(ini, r->out);
            cr_assert_eq(e2e_count_lines(r->out, STR("%s: valid, ", ini)), 1, "%s: no 'valid' line:\n%s",
                         ini, r->out);
            /* There may be many examples: the slot is given back. */
            e2e_test_result_drop(r);
            checked++;
        }
        if (sd)
            closedir(sd);
        smart |= strcmp(e->d_name, "smart101-phase1") == 0;
        tiny |= strcmp(e->d_name, "tiny") == 0;
    }
    closedir(d);
    cr_assert(smart && tiny, "scenarios/smart101-phase1 and scenarios/tiny are expected");
    cr_assert_geq(checked, 2);
}

/* scenarios/tiny: three known patients (T-01 .. T-03), no forecast. */
Test(e2e_examples, tiny_counts_its_three_patients)
{
    const char *out = VALID0("scenarios/tiny/scenario.ini");
    assert_words(out, "Scenario Tiny example");
    assert_words(out, "Patients 3 in the horizon: 3 known, 0 forecast");
}

/* ---- the good case: a summary worked out by hand -------------------------- */

/* tests/cases/good, March 2027 (Mondays 1, 8, 15, 22, 29; 23 weekdays):
 * - patients: P1, P3 at PAR, P2 at NYC. The PAR forecast (1 in February,
 *   2 in March, 1 in April; the k-th patient on the first day with
 *   C(d) >= k - 0.5) gives F-PAR-1 on Feb 14 (before start), F-PAR-2 on
 *   Mar 8 (replaced by P1), F-PAR-3 on Mar 24 and F-PAR-4 on Apr 15 (ready
 *   Apr 17, after end): 4 patients in the horizon, 3 known, 1 forecast.
 * - rooms: R1 closed Mar 20-21 and (all rooms) Mar 28: 28 days x 1; R2
 *   open 30 days x 2: 88 place-days.
 * - staff, holiday Wed Mar 17: alice (operator qc, 8 h Mon-Fri) 22 days
 *   x 8 + 4 h on the holiday by shifts = 180; bob (operator, 8 h) 23 - 1
 *   holiday - 5 days off (Mar 8-12) = 17 x 8 = 136; carol (qc, 6 h Mon Wed
 *   Fri) 14 - 1 holiday = 13 x 6 = 78. operator 180 + 136 = 316, qc
 *   180 + 78 = 258.
 * - the last day a batch may use: the longest tail is v1's 5 + 1 days, so
 *   a batch started on Mar 31 uses up to Apr 5. */
Test(e2e_good, summary_has_the_figures_computed_by_hand)
{
    const char *out = VALID0(INI("good"));
    assert_words(out, "Scenario e2e good case");
    assert_words(out, "Horizon 2027-03-01 .. 2027-03-31, 31 days (batches started by the end may "
                      "use resources until 2027-04-05)");
    assert_words(out, "Policy allow_delay yes, max_delay 30 days; time_limit 10 s, mip_gap 0.001");
    assert_words(out, "Patients 4 in the horizon: 3 known, 1 forecast, 1 with a fixed batch");
    assert_words(out, "site known forecast ship leaves on");
    assert_words(out, "PAR 2 1 1 d Mon-Fri Paris");
    assert_words(out, "NYC 1 0 3 d Mon Tue New York");
    assert_words(out, "left out: 0 known beyond the horizon; forecast: 1 included before start, "
                      "1 ready after end, 1 replaced by known patients");
    assert_words(out, "Processes 2");
    /* The process lines' wording is free; their figures are not. */
    assert_contains(out, "  v1 ", (const char *const[]){"5 d", "1 d", "3 d", "Mon-Fri", "clean", NULL});
    assert_contains(out, "  v2 ", (const char *const[]){"4 d", "1 d", "3 d", "Tue-Fri", "2027-03-15",
                                                        "clean", NULL});
    assert_words(out, "Rooms 2, 88 available place-days from start to end");
    assert_words(out, "R1 type clean capacity 1, open 28 of 31 days, 100 per batch-day");
    assert_words(out, "R2 type clean capacity 2, open 30 of 31 days, 150 per batch-day");
    assert_words(out, "Staff 3 persons, 2 skills");
    assert_words(out, "operator 2 316");
    assert_words(out, "qc 2 258");
    assert_contains(out, "  1 public holiday", (const char *const[]){"2 roster exceptions", NULL});
    assert_words(out, "Materials 2, 3 deliveries already ordered");
    /* KIT: stock 5 on hand, a delivery on Mar 10; MED: no stock, a
     * delivery of 4 dated before start (on hand on the first day) and 6
     * on Mar 15. */
    assert_words(out, "KIT kit 5 2 14 d 100 d");
    assert_words(out, "MED bottle 4 2 no orders -");
}

Test(e2e_good, quiet_prints_nothing)
{
    struct e2e_result *r = check(INI("good"), 1, 0);
    cr_assert_str_empty(r->out, "check -q wrote to stdout:\n%s", r->out);
    cr_assert_str_empty(r->err, "check -q wrote to stderr:\n%s", r->err);
}

Test(e2e_good, quiet_hides_warnings_too)
{
    struct e2e_result *r = check(INI("unknown-column"), 1, 0);
    cr_assert_str_empty(r->out);
    cr_assert_str_empty(r->err, "check -q shows a warning:\n%s", r->err);
}

Test(e2e_good, quiet_still_shows_errors)
{
    struct e2e_result *r = check(INI("bad-date"), 1, 2);
    cr_assert_str_empty(r->out);
    assert_line(r->err,
                "tests/cases/bad-date/patients.csv:3: column 'due': '2027-02-30' is not a date (YYYY-MM-DD)",
                "stderr");
}

Test(e2e_good, bom_crlf_and_quoted_fields)
{
    const char *out = VALID0(INI("crlf-bom"));
    assert_words(out, "Scenario crlf and bom");
    assert_words(out, "PAR 2 1 1 d Mon-Fri Paris, H\xC3\xB4pital \"Saint-Louis\"");
}

Test(e2e_good, horizon_of_exactly_3660_days)
{
    const char *out = VALID0(INI("horizon-max"));
    assert_words(out, "Horizon 2027-03-01 .. 2037-03-07, 3660 days (batches started by the end may "
                      "use resources until 2037-03-12)");
}

/* ---- scenario.ini --------------------------------------------------------- */

Test(e2e_ini, end_before_start)
{
    INVALID(INI("end-before-start"), 1, 0,
            "tests/cases/end-before-start/scenario.ini:5: end 2027-02-01 is before start 2027-03-01");
}

Test(e2e_ini, horizon_over_3660_days)
{
    INVALID(INI("horizon-too-long"), 1, 0,
            "tests/cases/horizon-too-long/scenario.ini:5: the horizon 2027-03-01 .. 2037-03-08 is "
            "3661 days; at most 3660 are allowed");
}

Test(e2e_ini, unknown_key_with_did_you_mean)
{
    INVALID(INI("unknown-key"), 1, 0,
            "tests/cases/unknown-key/scenario.ini:5: unknown key 'time_limt' in [solver] "
            "(did you mean 'time_limit'?)");
}

Test(e2e_ini, key_in_the_wrong_section)
{
    INVALID(INI("wrong-section"), 1, 0,
            "tests/cases/wrong-section/scenario.ini:4: key 'time_limit' belongs in [solver], not [scenario]");
}

Test(e2e_ini, duplicate_key)
{
    INVALID(INI("duplicate-key"), 1, 0,
            "tests/cases/duplicate-key/scenario.ini:6: key 'max_delay' is given twice in [policy] "
            "(first on line 5)");
}

/* The warning points at the section's header, line 4 ([notes]), where
 * the user has to look; its first key is on line 5. */
Test(e2e_ini, unknown_section_is_a_warning)
{
    VALID(INI("unknown-section"), 1,
          "tests/cases/unknown-section/scenario.ini:4: warning: unknown section [notes] is ignored");
}

Test(e2e_ini, yes_no_maybe)
{
    INVALID(INI("yesno-ini"), 1, 0,
            "tests/cases/yesno-ini/scenario.ini:5: allow_delay: 'maybe' is not yes or no");
}

Test(e2e_ini, base_cycle_of_two_files)
{
    INVALID(INI("base-cycle"), 1, 0,
            "tests/cases/base-cycle/other.ini:3: base 'tests/cases/base-cycle/scenario.ini' makes a "
            "cycle: that file is already a child in this chain");
}

Test(e2e_ini, base_is_the_file_itself)
{
    INVALID(CASES "base-cycle/self.ini", 1, 0,
            "tests/cases/base-cycle/self.ini:4: base 'tests/cases/base-cycle/./self.ini' makes a "
            "cycle: that file is already a child in this chain");
}

/* The child renames the scenario, brings its own patients.csv (one NYC
 * patient) and removes the forecast with an empty value; all the rest is
 * the parent's. */
Test(e2e_ini, inheritance_child_overrides_the_parent)
{
    const char *out = VALID0(INI("inherit-ok"));
    assert_words(out, "Scenario e2e child");
    assert_words(out, "Patients 1 in the horizon: 1 known, 0 forecast");
    assert_words(out, "PAR 0 0 1 d Mon-Fri Paris");
    assert_words(out, "NYC 1 0 3 d Mon Tue New York");
    cr_assert_eq(e2e_count_lines(out, "  left out:"), 0, "no forecast, nothing left out:\n%s", out);
    assert_words(out, "Rooms 2, 88 available place-days from start to end");
    assert_words(out, "operator 2 316");
}

Test(e2e_ini, missing_scenario_file)
{
    INVALID(CASES "no-such-case/scenario.ini", 1, 0,
            "tests/cases/no-such-case/scenario.ini: cannot read file: No such file or directory");
}

/* Steps need a staff table; the child removes it (staff =). The steps and
 * shifts of the parent then name skills and persons nobody has. */
Test(e2e_ini, steps_without_staff)
{
    struct e2e_result *r = check(INI("steps-no-staff"), 0, 2);
    assert_line(r->err,
                "tests/cases/steps-no-staff/scenario.ini:5: [tables] staff is required when steps "
                "is given",
                "stderr");
    assert_line(r->err,
                "tests/cases/steps-no-staff/../good/steps.csv:2: column 'skill': 'operator' is not a "
                "skill of any person in staff.csv",
                "stderr");
}

/* ---- table values ----------------------------------------------------------- */

Test(e2e_values, impossible_date_february_30)
{
    INVALID(INI("bad-date"), 1, 0,
            "tests/cases/bad-date/patients.csv:3: column 'due': '2027-02-30' is not a date (YYYY-MM-DD)");
}

/* 2027-02-29 on line 2 is refused; 2028-02-29 on line 3 is a leap day. */
Test(e2e_values, february_29_of_a_common_year)
{
    INVALID(INI("bad-date-leap"), 1, 0,
            "tests/cases/bad-date-leap/holidays.csv:2: column 'date': '2027-02-29' is not a date "
            "(YYYY-MM-DD)");
}

Test(e2e_values, not_a_number)
{
    INVALID(INI("not-number"), 1, 0,
            "tests/cases/not-number/patients.csv:3: column 'priority': 'high' is not a number");
}

Test(e2e_values, not_a_whole_number)
{
    INVALID(INI("not-integer"), 1, 0,
            "tests/cases/not-integer/processes.csv:2: column 'duration': 'five' is not a whole number");
}

Test(e2e_values, decimal_comma_gets_a_hint)
{
    INVALID(INI("decimal-comma"), 1, 0,
            "tests/cases/decimal-comma/bom.csv:3: column 'quantity': '1,5' is not a number "
            "(use '.' as the decimal separator)");
}

Test(e2e_values, negative_whole_number)
{
    INVALID(INI("negative-int"), 1, 0,
            "tests/cases/negative-int/sites.csv:3: column 'ship_days': '-1' must be at least 0");
}

Test(e2e_values, negative_number)
{
    INVALID(INI("negative-number"), 1, 0,
            "tests/cases/negative-number/materials.csv:2: column 'stock': '-3' must be at least 0");
}

Test(e2e_values, integer_overflow)
{
    INVALID(INI("overflow"), 1, 0,
            "tests/cases/overflow/processes.csv:3: column 'qc_days': '99999999999999999999' must be "
            "at most 3660");
}

/* strtol clamps to LONG_MIN and says ERANGE: the value is too small, not
 * too large. */
Test(e2e_values, integer_overflow_negative)
{
    INVALID(INI("overflow-negative"), 1, 0,
            "tests/cases/overflow-negative/processes.csv:3: column 'qc_days': '-99999999999999999999' "
            "must be at least 0");
}

Test(e2e_values, bad_weekday_list)
{
    INVALID(INI("bad-weekdays"), 1, 0,
            "tests/cases/bad-weekdays/processes.csv:2: column 'start_days': 'Mon-Fry' is not a weekday "
            "list (e.g. 'Mon-Fri' or 'Mon Wed Fri')");
}

Test(e2e_values, yes_no_maybe)
{
    INVALID(INI("yesno-csv"), 1, 0,
            "tests/cases/yesno-csv/rooms.csv:3: column 'available': 'maybe' is not yes or no");
}

Test(e2e_values, duplicate_id)
{
    INVALID(INI("duplicate-id"), 1, 0,
            "tests/cases/duplicate-id/patients.csv:5: column 'patient': 'P2' is used again "
            "(first on line 3)");
}

/* ---- references -------------------------------------------------------------- */

Test(e2e_refs, site)
{
    INVALID(INI("ref-site"), 1, 0,
            "tests/cases/ref-site/patients.csv:3: column 'site': 'LYO' is not a site in sites.csv");
}

Test(e2e_refs, process)
{
    INVALID(INI("ref-process"), 1, 0,
            "tests/cases/ref-process/steps.csv:4: column 'process': 'v9' is not a process in "
            "processes.csv");
}

Test(e2e_refs, room)
{
    INVALID(INI("ref-room"), 1, 0,
            "tests/cases/ref-room/room_slots.csv:2: column 'room': 'R9' is not a room in rooms.csv");
}

Test(e2e_refs, material)
{
    INVALID(INI("ref-material"), 1, 0,
            "tests/cases/ref-material/bom.csv:3: column 'material': 'XYZ' is not a material in "
            "materials.csv");
}

Test(e2e_refs, person)
{
    INVALID(INI("ref-person"), 1, 0,
            "tests/cases/ref-person/shifts.csv:3: column 'person': 'dan' is not a person in staff.csv");
}

Test(e2e_refs, skill)
{
    INVALID(INI("ref-skill"), 1, 0,
            "tests/cases/ref-skill/steps.csv:3: column 'skill': 'welder' is not a skill of any person "
            "in staff.csv");
}

Test(e2e_refs, replaces_a_forecast_patient_that_does_not_exist)
{
    INVALID(INI("replaces-missing"), 1, 0,
            "tests/cases/replaces-missing/patients.csv:2: column 'replaces': 'F-PAR-9' is not a "
            "forecast patient (ids are F-<site>-<k>; the forecast gives 4)");
}

/* ---- rules across rows ---------------------------------------------------------- */

Test(e2e_rules, fixed_batch_with_start_and_no_room)
{
    INVALID(INI("fixed-no-room"), 1, 0,
            "tests/cases/fixed-no-room/patients.csv:4: column 'room' is blank but 'start' is given: "
            "a fixed batch needs both");
}

/* P3 holds R1 (capacity 1) Mar 1-6 (5 days + 1 changeover), P4 from
 * Mar 5: two days too many, and Mar 7 is free again. */
Test(e2e_rules, two_fixed_batches_overfill_a_room)
{
    INVALID(INI("fixed-overfill"), 2, 0,
            "tests/cases/fixed-overfill/patients.csv:5: fixed batches need room 'R1' on 2027-03-05 "
            "more than its capacity 1 allows",
            "tests/cases/fixed-overfill/patients.csv:5: fixed batches need room 'R1' on 2027-03-06 "
            "more than its capacity 1 allows");
}

Test(e2e_rules, process_versions_with_the_same_approved_from_overlap)
{
    INVALID(INI("process-overlap"), 1, 0,
            "tests/cases/process-overlap/processes.csv:3: process 'v2' and 'v1' (line 2) are both "
            "approved from 2027-03-15 and their windows overlap: which one applies is undecided");
}

/* ---- CSV structure ----------------------------------------------------------------- */

Test(e2e_csv, missing_required_column)
{
    INVALID(INI("missing-column"), 1, 0,
            "tests/cases/missing-column/patients.csv:1: missing required column 'due'");
}

Test(e2e_csv, unknown_columns_are_warnings)
{
    VALID(INI("unknown-column"), 2,
          "tests/cases/unknown-column/patients.csv:1: warning: unknown column 'notes' is ignored",
          "tests/cases/unknown-column/patients.csv:1: warning: unknown column 'priorty' is ignored "
          "(did you mean 'priority'?)");
}

Test(e2e_csv, ragged_row)
{
    INVALID(INI("ragged-row"), 1, 0,
            "tests/cases/ragged-row/patients.csv:3: row has 8 fields, the header has 9");
}

Test(e2e_csv, broken_quoting)
{
    INVALID(INI("broken-quoting"), 1, 0,
            "tests/cases/broken-quoting/patients.csv:3: malformed CSV: a quote inside an unquoted "
            "field, or text after a closing quote (quote the whole field and double the quotes "
            "inside: \"a \"\"b\"\" c\")");
}

Test(e2e_csv, truncated_inside_a_quoted_field)
{
    INVALID(INI("truncated"), 1, 0,
            "tests/cases/truncated/patients.csv:5: malformed CSV: a quoted field opened on this line "
            "is never closed");
}

Test(e2e_csv, empty_file)
{
    INVALID(INI("empty-file"), 1, 0,
            "tests/cases/empty-file/patients.csv:1: file is empty: a header row is needed");
}

/* No known patient: the two PAR forecast patients of March are in the
 * horizon, F-PAR-2 no longer replaced. */
Test(e2e_csv, header_only_patients_is_valid)
{
    const char *out = VALID0(INI("header-only"));
    assert_words(out, "Patients 2 in the horizon: 0 known, 2 forecast");
    assert_words(out, "PAR 0 2 1 d Mon-Fri Paris");
}

Test(e2e_csv, missing_table_file)
{
    INVALID(INI("missing-table"), 1, 0,
            "tests/cases/missing-table/scenario.ini:5: patients: cannot read 'tests/cases/missing-table/nothere.csv': No such file or directory");
}

Test(e2e_csv, directory_in_place_of_a_table)
{
    INVALID(INI("table-is-dir"), 1, 0,
            "tests/cases/table-is-dir/scenario.ini:5: patients: 'tests/cases/table-is-dir/patients.d' is a directory, not a file");
}

/* Lines are physical lines: a quoted name over lines 2-3, a blank line 4
 * and an all-empty row 5 (both skipped), CRLF ends and a BOM. */
Test(e2e_csv, line_numbers_count_physical_lines)
{
    INVALID(INI("multiline-crlf"), 1, 0,
            "tests/cases/multiline-crlf/sites.csv:6: column 'ship_days': 'three' is not a whole number");
}

/* ---- every error in one run ------------------------------------------------------- */

Test(e2e_all_errors, three_bad_dates_on_three_lines)
{
    INVALID(INI("many-errors"), 3, 0,
            "tests/cases/many-errors/patients.csv:2: column 'ready': '2027-13-02' is not a date (YYYY-MM-DD)",
            "tests/cases/many-errors/patients.csv:3: column 'due': '2027-04-31' is not a date (YYYY-MM-DD)",
            "tests/cases/many-errors/patients.csv:4: column 'start': '03/01/2027' is not a date (YYYY-MM-DD)");
}

Test(e2e_all_errors, errors_in_two_tables)
{
    INVALID(INI("errors-in-two-files"), 2, 0,
            "tests/cases/errors-in-two-files/processes.csv:3: column 'start_days': 'Tuesday' is not a "
            "weekday list (e.g. 'Mon-Fri' or 'Mon Wed Fri')",
            "tests/cases/errors-in-two-files/patients.csv:2: column 'due': '2027-3-25' is not a date "
            "(YYYY-MM-DD)");
}

/* A bad key in scenario.ini does not hide the tables' problems. */
Test(e2e_all_errors, ini_and_table_errors)
{
    INVALID(INI("ini-and-table-errors"), 2, 0,
            "tests/cases/ini-and-table-errors/scenario.ini:5: unknown key 'time_limt' in [solver] "
            "(did you mean 'time_limit'?)",
            "tests/cases/ini-and-table-errors/patients.csv:4: column 'due': '2027-03-32' is not a date "
            "(YYYY-MM-DD)");
}

/* ---- robustness: generated inputs ------------------------------------------------- */

static const char *const garbage_tables[] = {"sites", "processes", "rooms", "patients", "staff"};

/* Random bytes with NULs: refused as binary, at the line of the first NUL. */
Test(e2e_robust, binary_garbage_table)
{
    for (size_t k = 0; k < sizeof garbage_tables / sizeof garbage_tables[0]; k++) {
        unsigned char data[4096];
        uint64_t state = 20270301u + k;
        int line = 1, seen_nul = 0;
        for (size_t i = 0; i < sizeof data; i++) {
            data[i] = next_byte(&state);
            seen_nul |= data[i] == 0;
            line += !seen_nul && data[i] == '\n';
        }
        cr_assert(seen_nul, "the seed gives no NUL byte");
        struct tmp_case c = tmp_case(garbage_tables[k], STR("%s.csv", garbage_tables[k]), data,
                                     sizeof data);
        struct e2e_result *r = check(c.ini, 0, 2);
        assert_line(r->err, STR("%s:%d: contains a NUL byte (is this a binary file?)", c.table, line),
                    "stderr");
    }
}

/* Random bytes without NULs go through the CSV parser: refused, no crash,
 * and every message names a file of the scenario (the garbage one, or a
 * table of the good case that now refers to what is missing). */
Test(e2e_robust, text_garbage_table)
{
    for (size_t k = 0; k < sizeof garbage_tables / sizeof garbage_tables[0]; k++) {
        for (int variant = 0; variant < 2; variant++) {
            unsigned char data[8192];
            uint64_t state = 4242u + 10 * k + (unsigned)variant;
            for (size_t i = 0; i < sizeof data; i++) {
                unsigned char b = next_byte(&state);
                if (variant == 1) /* CSV-ish: commas, quotes, line ends */
                    b = (unsigned char)" ,\"\n\r,abc-0129\"\n"[b % 16];
                data[i] = b ? b : 'x';
            }
            struct tmp_case c = tmp_case(garbage_tables[k], STR("%s.csv", garbage_tables[k]), data,
                                         sizeof data);
            struct e2e_result *r = check(c.ini, 0, 2);
            cr_assert_str_empty(r->out);
            assert_all_name(r->err, c.table, STR("%s/", c.dir), abs_path(CASES "good/"), NULL);
        }
    }
}

/* A garbage scenario.ini: refused, no crash, messages name it. */
Test(e2e_robust, garbage_scenario_ini)
{
    unsigned char data[4096];
    uint64_t state = 99;
    for (size_t i = 0; i < sizeof data; i++) {
        unsigned char b = next_byte(&state);
        data[i] = b ? b : '=';
    }
    struct tmp_case c = tmp_case("sites", "sites.csv", "site\n", 5);
    cr_assert_eq(e2e_write(c.dir, "scenario.ini", data, sizeof data), 0);
    struct e2e_result *r = check(c.ini, 0, 2);
    assert_all_name(r->err, c.ini, STR("%s:", c.ini), NULL);
}

/* A key continued (trailing backslash) over 1,500 lines is longer than
 * an INI line may be: one error, on the line where it starts, and the
 * scan goes on after its last line. */
Test(e2e_robust, overlong_continued_ini_line)
{
    struct text t = {0};
    text_add(&t, "[scenario]\nbase = %s\nname = x\\\n", abs_path(INI("good")));
    for (int i = 0; i < 1500; i++)
        text_add(&t, "y\\\n");
    text_add(&t, "z\n");
    struct tmp_case c = tmp_case("sites", "sites.csv", "site\n", 5);
    cr_assert_eq(e2e_write(c.dir, "scenario.ini", t.s, t.len), 0);
    struct e2e_result *r = check(c.ini, 0, 2);
    assert_line(r->err, STR("%s:3: line is longer than 1000 characters", c.ini), "stderr");
    assert_line(r->err, STR("planner check: %s: 1 error, 0 warnings", c.ini), "stderr");
}

/* A 1 MB value on one line: read in bounded time, shown cut to 40
 * characters in the message. */
Test(e2e_robust, one_megabyte_value)
{
    struct text t = {0};
    text_add(&t, "patient,site,ready,due\nP1,PAR,2027-03-02,");
    for (int i = 0; i < (1 << 20) / 8; i++)
        text_add(&t, "20270330");
    text_add(&t, "\n");
    struct tmp_case c = tmp_case("patients", "patients.csv", t.s, t.len);
    struct e2e_result *r = check(c.ini, 0, 2);
    cr_assert_lt(r->seconds, 20.0, "a 1 MB line took %g s", r->seconds);
    assert_line(r->err,
                STR("%s:2: column 'due': '2027033020270330202703302027033020270330...' is not a "
                    "date (YYYY-MM-DD)", c.table),
                "stderr");
}

/* A 1 MB id is a valid id (no whitespace). */
Test(e2e_robust, one_megabyte_id)
{
    struct text t = {0};
    text_add(&t, "patient,site,ready,due\n");
    for (int i = 0; i < (1 << 20) / 8; i++)
        text_add(&t, "ABCDEFGH");
    text_add(&t, ",NYC,2027-03-02,2027-03-30\n");
    struct tmp_case c = tmp_case("patients", "patients.csv", t.s, t.len);
    struct e2e_result *r = check(c.ini, 0, 0);
    cr_assert_lt(r->seconds, 20.0, "a 1 MB line took %g s", r->seconds);
    assert_words(r->out, "Patients 3 in the horizon: 1 known, 2 forecast");
}

/* A 1 MB line of empty fields: more fields than a record may have. */
Test(e2e_robust, one_megabyte_of_commas)
{
    struct text t = {0};
    text_add(&t, "patient,site,ready,due\nP1,PAR,2027-03-02,2027-03-30");
    for (int i = 0; i < (1 << 20) / 8; i++)
        text_add(&t, ",,,,,,,,");
    text_add(&t, "\nP2,PAR,2027-03-02,2027-03-31\n");
    struct tmp_case c = tmp_case("patients", "patients.csv", t.s, t.len);
    struct e2e_result *r = check(c.ini, 0, 2);
    cr_assert_lt(r->seconds, 20.0, "a 1 MB line took %g s", r->seconds);
    assert_line(r->err, STR("%s:2: record has more than 4096 fields", c.table), "stderr");
}

Test(e2e_robust, twenty_thousand_patients)
{
    struct text t = {0};
    text_add(&t, "patient,site,ready,due\n");
    for (int i = 0; i < 20000; i++)
        text_add(&t, "X%05d,%s,2027-03-%02d,2027-04-%02d\n", i, i % 2 ? "PAR" : "NYC", 1 + i % 28,
                 1 + i % 28);
    struct tmp_case c = tmp_case("patients", "patients.csv", t.s, t.len);
    struct e2e_result *r = check(c.ini, 0, 0);
    assert_words(r->out, "Patients 20002 in the horizon: 20000 known, 2 forecast");
    assert_words(r->out, "PAR 10000 2 1 d Mon-Fri Paris");
    assert_words(r->out, "NYC 10000 0 3 d Mon Tue New York");
    cr_assert_str_empty(r->err, "stderr:\n%s", r->err);
}

/* n rows with one error each: the first 50 shown in file order, then the
 * count of the rest, then the total. */
static void many_bad_rows(int n)
{
    struct text t = {0};
    text_add(&t, "patient,site,ready,due\n");
    for (int i = 0; i < n; i++)
        text_add(&t, "X%05d,PAR,2027-03-01,2027-02-30\n", i);
    struct tmp_case c = tmp_case("patients", "patients.csv", t.s, t.len);
    struct e2e_result *r = check(c.ini, 0, 2);
    cr_assert_eq(e2e_count_lines(r->err, STR("%s:", c.table)), 50, "expected 50 messages:\n%.6000s",
                 r->err);
    assert_line(r->err, STR("%s:2: column 'due': '2027-02-30' is not a date (YYYY-MM-DD)", c.table),
                "stderr");
    assert_line(r->err, STR("%s:51: column 'due': '2027-02-30' is not a date (YYYY-MM-DD)", c.table),
                "stderr");
    assert_line(r->err, STR("... and %d more errors and 0 more warnings not shown", n - 50), "stderr");
    assert_line(r->err, STR("planner check: %s: %d errors, 0 warnings", c.ini, n), "stderr");
    cr_assert_eq(e2e_count_lines(r->err, ""), 52, "stderr:\n%.6000s", r->err);
}

Test(e2e_robust, ten_thousand_bad_rows)
{
    many_bad_rows(10000);
}

/* Past the 10,000 messages kept in memory only the count grows. */
Test(e2e_robust, twelve_thousand_bad_rows)
{
    many_bad_rows(12000);
}

/* ---- the command line --------------------------------------------------------------- */

Test(e2e_cli, help)
{
    struct e2e_result *r = planner(0, "--help", NULL);
    cr_assert(strstr(r->out, "Usage: planner COMMAND"), "%s", r->out);
    cr_assert(strstr(r->out, "  check "), "planner --help does not list check:\n%s", r->out);
}

Test(e2e_cli, version)
{
    struct e2e_result *r = planner(0, "--version", NULL);
    cr_assert(strncmp(r->out, "planner ", 8) == 0 && r->out[8] >= '0' && r->out[8] <= '9',
              "planner --version printed: %s", r->out);
    cr_assert_eq(e2e_count_lines(r->out, ""), 1, "%s", r->out);
}

Test(e2e_cli, check_help_lists_the_ini_keys)
{
    static const char *const sections[] = {"[scenario]", "[tables]", "[policy]", "[solver]"};
    static const char *const keys[] = {"name", "start", "end", "base", "sites", "patients",
                                       "forecast", "processes", "steps", "bom", "rooms",
                                       "room_slots", "staff", "shifts", "holidays", "materials",
                                       "deliveries", "allow_delay", "max_delay", "time_limit",
                                       "mip_gap"};
    struct e2e_result *r = planner(0, "check", "--help", NULL);
    cr_assert(strstr(r->out, "Usage: planner check"), "%s", r->out);
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        cr_assert(strstr(r->out, sections[i]), "check --help lacks %s:\n%s", sections[i], r->out);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        cr_assert(strstr(r->out, STR("\n    %s ", keys[i])), "check --help lacks the key %s:\n%s",
                  keys[i], r->out);
}

Test(e2e_cli, check_without_a_file)
{
    struct e2e_result *r = planner(2, "check", NULL);
    assert_line(r->err, "planner check: which scenario? usage: planner check [-q] SCENARIO.ini", "stderr");
    cr_assert_str_empty(r->out);
}

Test(e2e_cli, check_with_two_files)
{
    struct e2e_result *r = planner(2, "check", INI("good"), "scenarios/tiny/scenario.ini", NULL);
    cr_assert_str_empty(r->out);
    cr_assert(strstr(r->err, "one scenario at a time"), "%s", r->err);
}

Test(e2e_cli, no_command)
{
    struct e2e_result *r = planner(2, NULL);
    cr_assert(strstr(r->err, "Usage: planner"), "%s", r->err);
    cr_assert_str_empty(r->out);
}

Test(e2e_cli, unknown_command)
{
    struct e2e_result *r = planner(2, "frobnicate", INI("good"), NULL);
    assert_line(r->err, "planner: unknown command 'frobnicate'; 'planner --help' lists them", "stderr");
    cr_assert_str_empty(r->out);
}

Test(e2e_cli, unknown_option_of_check)
{
    struct e2e_result *r = planner(2, "check", "--frobnicate", INI("good"), NULL);
    assert_line(r->err, "planner check: unknown option '--frobnicate'; see 'planner check --help'",
                "stderr");
    cr_assert_str_empty(r->out);
}

Test(e2e_cli, unknown_global_option)
{
    struct e2e_result *r = planner(2, "--frobnicate", NULL);
    cr_assert_str_empty(r->out);
    cr_assert(strstr(r->err, "--frobnicate"), "the message does not name the option:\n%s", r->err);
}

/* docs/commands.md writes `planner check scenario.ini -q`: the option
 * after the file works too. */
Test(e2e_cli, quiet_after_the_file)
{
    struct e2e_result *r = planner(0, "check", INI("good"), "-q", NULL);
    cr_assert_str_empty(r->out);
    cr_assert_str_empty(r->err);
}

/* ---- the harness itself ------------------------------------------------------------- */

TestSuite(e2e_harness, .fini = e2e_release_all);

/* The checks above rely on these: a crash is seen as a signal, a hang is
 * cut by the guard, and both streams are read in full even when large. */
Test(e2e_harness, sees_a_crash)
{
    struct e2e_result *r = e2e_test_result();
    const char *argv[] = {"/bin/sh", "-c", "kill -SEGV $$", NULL};
    cr_assert_eq(e2e_run(r, E2E_TIMEOUT_S, argv), 0);
    cr_assert(!r->exited && r->signal == SIGSEGV, "exited %d, signal %d", r->exited, r->signal);
}

Test(e2e_harness, cuts_a_hang)
{
    struct e2e_result *r = e2e_test_result();
    /* The guard (5 s) leaves the shell time to start even under valgrind;
     * the sleep would outlast it by far. */
    const char *argv[] = {"/bin/sh", "-c", "echo started; exec sleep 120", NULL};
    cr_assert_eq(e2e_run(r, 5, argv), 0);
    cr_assert(r->timed_out && r->signal == SIGKILL, "timed out %d, signal %d", r->timed_out, r->signal);
    cr_assert_str_eq(r->out, "started\n");
    cr_assert_lt(r->seconds, 110.0);
}

Test(e2e_harness, reads_both_streams_in_full)
{
    struct e2e_result *r = e2e_test_result();
    const char *argv[] = {"/bin/sh", "-c",
                          "head -c 1000000 /dev/zero | tr '\\0' o; head -c 700000 /dev/zero | tr '\\0' e >&2; exit 3",
                          NULL};
    cr_assert_eq(e2e_run(r, E2E_TIMEOUT_S, argv), 0);
    cr_assert(r->exited && r->code == 3);
    cr_assert_eq(r->out_len, 1000000);
    cr_assert_eq(r->err_len, 700000);
    cr_assert_eq(strspn(r->out, "o"), 1000000);
    cr_assert_eq(strspn(r->err, "e"), 700000);
}
