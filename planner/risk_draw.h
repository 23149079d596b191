/* The random draws of planner risk: uniform, normal, Gamma and Poisson
 * variates from a planner/gen_random.h stream, and one sample's enrollment.
 * Written down exactly (docs/risk.md, "Reproducing a sample") so that
 * another implementation gets the same draws bit for bit, given the same
 * C library functions exp, log, sqrt and pow (a libm rounding differently
 * in the last bit may very rarely flip an accept or reject).
 *
 *   uniform    U = (rng_next >> 11) x 2^-53, in [0, 1)
 *   normal     Marsaglia's polar method: a = 2U - 1, b = 2U - 1 (in that
 *              order), q = a^2 + b^2; again while q >= 1 or q == 0; the
 *              value is a x sqrt(-2 log(q) / q) (b's twin is not kept)
 *   gamma(k)   Marsaglia-Tsang, k >= 1: d = k - 1/3, c = 1 / sqrt(9 d);
 *              loop: x = normal, v = 1 + c x, again if v <= 0; v = v^3,
 *              u = U; d v if u < 1 - 0.0331 x^4, or if log(u) < x^2 / 2 +
 *              d (1 - v + log(v)); else again. k < 1: gamma(k + 1) x
 *              pow(U, 1 / k) (the gamma drawn first).
 *   poisson(m) m <= 0: 0. Otherwise m is split into parts of 30 and a
 *              rest (Poisson laws add up): for each part p in that order,
 *              Knuth's product: L = exp(-p), n = 0, t = U; while t > L:
 *              n += 1, t *= U; the part gives n. The value is the sum. */
#ifndef PLANNER_RISK_DRAW_H
#define PLANNER_RISK_DRAW_H

#include "models/scenario.h"
#include "planner/gen_random.h"

double rd_uniform(struct rng *r);
double rd_normal(struct rng *r);
double rd_gamma(struct rng *r, double shape);   /* shape > 0; mean shape */
long rd_poisson(struct rng *r, double mean);

/* Draws sample i's enrollment: the stream is rng_stream(seed, i); for
 * each site with forecast rows (s->forecast is by site, then month): with
 * rate_cv c > 0 first G = gamma(k) / k with k = 1/c^2 (mean 1, CV c),
 * else G = 1;
 * then for each of its months N = poisson(patients x G) and N days
 * rng_int(1, days in month), sorted ascending. count[] gets s->nforecast
 * counts; *day a malloc'd array of their days (caller frees). Returns the
 * total, or -1 out of memory. */
long rd_enrollment(const struct scenario *s, unsigned long long seed, unsigned long long i, double rate_cv,
                   int *count, int **day);

#endif
