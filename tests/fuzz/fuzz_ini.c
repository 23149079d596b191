/* libFuzzer harness: scenario.ini files (models/ini.h, ini_load: our line
 * scan, then iniparser). The input is the file, handed over as a memfd.
 * See tests/fuzz/fuzz_targets.h and docs/fuzzing.md. */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)fuzz_ini_one(data, size);
    return 0;
}
