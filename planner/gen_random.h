/* The random numbers of planner generate: xoshiro256** (Blackman and
 * Vigna) seeded with splitmix64, one independent stream per part of what
 * is drawn, and the few draws the generator makes of it. Written down here
 * in full so that another implementation (the risk feature, a script that
 * checks a scenario) can reproduce every draw bit for bit.
 *
 * All arithmetic is on unsigned 64-bit integers modulo 2^64; rotl(x, k) is
 * (x << k) | (x >> (64 - k)).
 *
 * Seeding, rng_stream(seed, stream): x = seed ^ (stream * 0xd1b54a32d192ed03);
 * then four times, for i = 0 .. 3:
 *     x += 0x9e3779b97f4a7c15;  z = x;
 *     z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
 *     z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
 *     s[i] = z ^ (z >> 31);
 *
 * One step, rng_next: result = rotl(s[1] * 5, 7) * 9; t = s[1] << 17;
 * s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
 * s[3] = rotl(s[3], 45); the draw is result (computed before the update).
 *
 * Integers, rng_int(lo, hi): lo when hi <= lo; else span = hi - lo + 1,
 * limit = M - M % span with M = 2^64 - 1; draw x = rng_next until
 * x < limit (no modulo bias); the value is lo + x % span.
 * rng_pct(p) is rng_int(0, 99) < p. rng_shuffle(a, n) is Fisher-Yates from
 * the end: for i = n - 1 down to 1, j = rng_int(0, i), swap a[i] and a[j].
 *
 * Check values (tests/unit_gen_random.c asserts them): rng_stream(1, 1)
 * then rng_next gives 0xbaa24e21d05c2935, 0x19ac350577648864,
 * 0x7ef054b7f95a306a, 0x1d26476ef9005c9b; rng_stream(1, 1) then
 * rng_int(1, 6) eight times gives 2 3 5 4 5 5 6 1; rng_stream(1, 2) then
 * rng_shuffle of 0 .. 9 gives 2 4 5 3 8 9 0 7 6 1. */
#ifndef PLANNER_GEN_RANDOM_H
#define PLANNER_GEN_RANDOM_H

#include <stdint.h>

/* One stream's state; set it with rng_stream before the first draw. */
struct rng {
    uint64_t s[4];
};

/* Seeds r as stream number stream of seed: streams of one seed are
 * independent, so that a part drawn from its own stream keeps its draws
 * when another part draws more or fewer. */
void rng_stream(struct rng *r, uint64_t seed, uint64_t stream);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* A uniform integer in lo .. hi, both included; lo when hi <= lo. */
int rng_int(struct rng *r, int lo, int hi);

/* 1 with probability pct percent (pct 0 .. 100), else 0. */
int rng_pct(struct rng *r, int pct);

/* Shuffles a[0 .. n-1] in place, every order equally likely. */
void rng_shuffle(struct rng *r, int *a, int n);

#endif
