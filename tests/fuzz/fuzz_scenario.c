/* libFuzzer harness: the whole loader (models/scenario.h, scn_load). The
 * input is a small archive, "name\0content\0name\0content...", unpacked
 * into a directory of this process under /dev/shm; scenario.ini there is
 * loaded. Inputs with a '/' are refused (return -1: not kept in the
 * corpus), so that no path leaves that directory. See
 * tests/fuzz/fuzz_targets.h and docs/fuzzing.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/fuzz/fuzz_targets.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void remove_dir(void)
{
    fuzz_scn_clean(dir);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* One directory per process: -jobs/-workers and parallel make runs
     * each get their own. */
    snprintf(dir, sizeof dir, "/dev/shm/planner-fuzz-%ld", (long)getpid());
    if (mkdir(dir, 0700) != 0) {
        fuzz_scn_clean(dir);  /* left by a crashed run with the same pid */
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            perror(dir);
            exit(1);
        }
    }
    atexit(remove_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_scenario_one(dir, data, size) < 0 ? -1 : 0;
}
