/* Unit tests of planner/gen_random.h, the random numbers of planner
 * generate: the draws are the ones its header writes down (so another
 * implementation can reproduce a generated scenario), streams are
 * independent, and the integer draws keep to their bounds. Only the
 * public surface of gen_random.h. */
#include <criterion/criterion.h>
#include <stdint.h>

#include "planner/gen_random.h"

/* The check values of the header comment, computed from its description
 * by an independent implementation. */
Test(gen_random, the_documented_check_values)
{
    static const uint64_t want[4] = {UINT64_C(0xbaa24e21d05c2935), UINT64_C(0x19ac350577648864),
                                     UINT64_C(0x7ef054b7f95a306a), UINT64_C(0x1d26476ef9005c9b)};
    struct rng r;
    rng_stream(&r, 1, 1);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(rng_next(&r), want[i], "draw %d of seed 1, stream 1", i);

    static const int dice[8] = {2, 3, 5, 4, 5, 5, 6, 1};
    rng_stream(&r, 1, 1);
    for (int i = 0; i < 8; i++)
        cr_assert_eq(rng_int(&r, 1, 6), dice[i], "rng_int(1, 6) draw %d", i);

    static const int shuffled[10] = {2, 4, 5, 3, 8, 9, 0, 7, 6, 1};
    int a[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    rng_stream(&r, 1, 2);
    rng_shuffle(&r, a, 10);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(a[i], shuffled[i], "position %d after the shuffle", i);
}

/* The largest seed and a stream number that overflows when multiplied:
 * arithmetic modulo 2^64, no undefined behaviour (the SAN build checks). */
Test(gen_random, extreme_seed_and_stream)
{
    struct rng r;
    rng_stream(&r, UINT64_MAX, 7);
    cr_assert_eq(rng_next(&r), UINT64_C(0x195cf692b54fccaf));
    rng_stream(&r, 0, UINT64_MAX);
    (void)rng_next(&r);
}

Test(gen_random, streams_of_one_seed_differ)
{
    struct rng a, b;
    rng_stream(&a, 42, 1);
    rng_stream(&b, 42, 2);
    int same = 0;
    for (int i = 0; i < 16; i++)
        same += rng_next(&a) == rng_next(&b);
    cr_assert_eq(same, 0, "streams 1 and 2 of seed 42 share %d of 16 draws", same);
}

/* Bounds: both ends reachable, nothing outside, hi <= lo gives lo, and the
 * whole int range does not overflow. */
Test(gen_random, int_bounds)
{
    struct rng r;
    rng_stream(&r, 7, 1);
    int seen_lo = 0, seen_hi = 0;
    for (int i = 0; i < 1000; i++) {
        int x = rng_int(&r, -2, 2);
        cr_assert(x >= -2 && x <= 2, "rng_int(-2, 2) gave %d", x);
        seen_lo += x == -2;
        seen_hi += x == 2;
    }
    cr_assert(seen_lo > 0 && seen_hi > 0, "both ends drawn: %d times -2, %d times 2", seen_lo, seen_hi);
    cr_assert_eq(rng_int(&r, 5, 5), 5);
    cr_assert_eq(rng_int(&r, 5, 4), 5, "hi below lo gives lo");
    for (int i = 0; i < 100; i++)
        (void)rng_int(&r, INT32_MIN, INT32_MAX);
}

Test(gen_random, pct_ends)
{
    struct rng r;
    rng_stream(&r, 3, 3);
    for (int i = 0; i < 500; i++) {
        cr_assert_eq(rng_pct(&r, 0), 0, "0 percent never happens");
        cr_assert_eq(rng_pct(&r, 100), 1, "100 percent always happens");
    }
}
