/* libFuzzer harness: CSV tables (models/csv_table.h, tab_read over libcsv).
 * The first byte picks the column schema; the rest is the file, handed
 * over as a memfd. See tests/fuzz/fuzz_targets.h and docs/fuzzing.md. */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)fuzz_csv_one(data, size);
    return 0;
}
