/* Regression tests from fuzzing (docs/fuzzing.md). Every input under
 * tests/fuzz/regressions/ is fed to the entry point of the harness that
 * found it (its name starts with csv-, ini- or scenario-), through the same
 * code as the harness (tests/fuzz/fuzz_targets.h), in the normal build:
 * under `make SAN=1 check` a memory error or undefined behaviour fails the
 * test. The seed corpora are replayed too, so that the harness code, which
 * only `make fuzz` builds otherwise, keeps compiling and working in CI.
 *
 * Run from the repository root (as `make check` does). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/scenario.h"
#include "tests/e2e_util.h"
#include "tests/fuzz/fuzz_targets.h"

#define REGRESSIONS "tests/fuzz/regressions"
#define SEEDS "tests/fuzz/seeds"

enum harness { H_CSV, H_INI, H_SCENARIO };

/* Feeds the file at path to the harness's entry point; returns what it
 * returned. A crash or a sanitizer report ends the test process. */
static long feed(enum harness h, const char *path)
{
    size_t len = 0;
    char *data = e2e_slurp(path, &len);
    long rc = 0;
    cr_assert_not_null(data, "cannot read %s", path);
    if (h == H_CSV) {
        rc = fuzz_csv_one((const uint8_t *)data, len);
    } else if (h == H_INI) {
        rc = fuzz_ini_one((const uint8_t *)data, len);
    } else {
        char *dir = e2e_tmpdir();
        cr_assert_not_null(dir);
        rc = fuzz_scenario_one(dir, (const uint8_t *)data, len);
        int left = rmdir(dir) != 0;  /* fails unless the harness emptied it */
        if (left)
            e2e_rmtree(dir);
        cr_assert(!left, "%s: the harness left files in %s", path, dir);
        free(dir);
    }
    free(data);
    return rc;
}

static long feed_file(enum harness h, const char *dir, const char *name)
{
    char *path = e2e_strf("%s/%s", dir, name);
    long rc = feed(h, path);
    free(path);
    return rc;
}

/* Feeds every file of dir whose name starts with prefix (every file for
 * ""). Returns how many. */
static int feed_dir(enum harness h, const char *dir, const char *prefix)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int n = 0;
    cr_assert_not_null(dp, "cannot open %s (run from the repository root)", dir);
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        (void)feed_file(h, dir, e->d_name);
        n++;
    }
    closedir(dp);
    return n;
}

/* ==== every committed regression input ================================= */

Test(fuzz_regress, every_regression_input_runs_clean)
{
    feed_dir(H_CSV, REGRESSIONS, "csv-");
    feed_dir(H_INI, REGRESSIONS, "ini-");
    feed_dir(H_SCENARIO, REGRESSIONS, "scenario-");
}

/* ==== the harnesses themselves, on their seeds ========================= */

Test(fuzz_harness, csv_seeds_run_clean)
{
    cr_assert_gt(feed_dir(H_CSV, SEEDS "/csv", ""), 10);
}

Test(fuzz_harness, ini_seeds_run_clean)
{
    cr_assert_gt(feed_dir(H_INI, SEEDS "/ini", ""), 10);
}

Test(fuzz_harness, scenario_seeds_run_clean)
{
    cr_assert_gt(feed_dir(H_SCENARIO, SEEDS "/scenario", ""), 10);
}

/* The first byte picks the schema: '0' is sites.csv's (site required). */
Test(fuzz_harness, csv_input_is_a_schema_byte_then_the_file)
{
    static const char in[] = "0site,name\nPAR,Paris\nNYC,New York\n";
    cr_assert_eq(fuzz_csv_one((const uint8_t *)in, sizeof in - 1), 2);
    static const char no_site[] = "0name\nParis\n";
    cr_assert_eq(fuzz_csv_one((const uint8_t *)no_site, sizeof no_site - 1), -1,
                 "a required column is missing: the table is refused");
    cr_assert_eq(fuzz_csv_one((const uint8_t *)"", 0), -1);
}

Test(fuzz_harness, ini_input_is_the_file)
{
    static const char in[] = "[scenario]\nstart = 2027-03-01\nend = 2027-03-31\n";
    cr_assert_eq(fuzz_ini_one((const uint8_t *)in, sizeof in - 1), 2);
    static const char dup[] = "[a]\nk = 1\nk = 2\n";
    cr_assert_eq(fuzz_ini_one((const uint8_t *)dup, sizeof dup - 1), -1);
}

Test(fuzz_harness, scenario_good_case_loads)
{
    cr_assert_eq(feed(H_SCENARIO, SEEDS "/scenario/cases--good.pack"), SCN_OK);
    cr_assert_eq(feed(H_SCENARIO, SEEDS "/scenario/cases--bad-date.pack"), SCN_INVALID);
}

/* The archive's rules keep every path inside the harness's directory. */
Test(fuzz_harness, scenario_archive_refuses_slashes_and_bad_names)
{
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir);
    static const char slash[] = "scenario.ini\0[scenario]\nbase = /etc/passwd\n";
    cr_assert_eq(fuzz_scenario_one(dir, (const uint8_t *)slash, sizeof slash - 1), -1);
    static const char dotdot[] = "..\0x";
    cr_assert_eq(fuzz_scenario_one(dir, (const uint8_t *)dotdot, sizeof dotdot - 1), -1);
    static const char space[] = "a b\0x";
    cr_assert_eq(fuzz_scenario_one(dir, (const uint8_t *)space, sizeof space - 1), -1);
    /* No scenario.ini: loaded and refused, not an error of the harness. */
    static const char other[] = "sites.csv\0site\nPAR\n";
    cr_assert_eq(fuzz_scenario_one(dir, (const uint8_t *)other, sizeof other - 1), SCN_INVALID);
    int left = rmdir(dir) != 0;
    if (left)
        e2e_rmtree(dir);
    cr_assert(!left, "the harness left files in %s", dir);
    free(dir);
}
