/* Unit tests of planner/risk_draw.h, the draws of planner risk: the first
 * draws of a documented stream (another implementation must reproduce
 * them), the moments of each law with fixed seeds, and a sample's
 * enrollment depending on (seed, i) alone. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "planner/risk_draw.h"

TestSuite(unit_risk_draw);

Test(unit_risk_draw, uniform_is_the_top_53_bits)
{
    struct rng r;
    rng_stream(&r, 1, 1);
    /* gen_random.h's check value 0xbaa24e21d05c2935 >> 11, over 2^53. */
    cr_assert_eq(rd_uniform(&r), (double)(UINT64_C(0xbaa24e21d05c2935) >> 11) / 9007199254740992.0);
}

/* Mean and variance of n draws of f. */
#define MOMENTS(n, expr, mean, var)                                       \
    do {                                                                  \
        double s1 = 0, s2 = 0;                                            \
        for (int m_i = 0; m_i < (n); m_i++) {                                 \
            double x = (double)(expr);                                    \
            s1 += x;                                                      \
            s2 += x * x;                                                  \
        }                                                                 \
        *(mean) = s1 / (n);                                               \
        *(var) = s2 / (n) - *(mean) * *(mean);                            \
    } while (0)

Test(unit_risk_draw, normal_has_mean_0_and_variance_1)
{
    struct rng r;
    rng_stream(&r, 42, 0);
    double m, v;
    MOMENTS(100000, rd_normal(&r), &m, &v);
    /* Standard errors: 0.0032 and 0.0045; bounds at about 4 of them. */
    cr_assert(fabs(m) < 0.013, "mean %g", m);
    cr_assert(fabs(v - 1) < 0.02, "variance %g", v);
}

Test(unit_risk_draw, poisson_moments_small_and_split_means)
{
    static const double means[] = {0.3, 3.7, 29.9, 75.5, 250};
    struct rng r;
    for (int k = 0; k < 5; k++) {
        rng_stream(&r, 5, (uint64_t)k);
        double m, v, lam = means[k];
        MOMENTS(20000, rd_poisson(&r, lam), &m, &v);
        double se = sqrt(lam / 20000);
        cr_assert(fabs(m - lam) < 4 * se, "mean %g for %g", m, lam);
        cr_assert(fabs(v - lam) < 0.08 * lam, "variance %g for %g", v, lam);
    }
    cr_assert_eq(rd_poisson(&r, 0), 0);
    cr_assert_eq(rd_poisson(&r, -1), 0);
    /* P(N = 0) of Poisson(1) is exp(-1) = 0.3679. */
    rng_stream(&r, 5, 9);
    int zeros = 0;
    for (int k = 0; k < 20000; k++)
        zeros += rd_poisson(&r, 1) == 0;
    cr_assert(fabs(zeros / 20000.0 - exp(-1)) < 0.015, "P(0) %g", zeros / 20000.0);
}

Test(unit_risk_draw, gamma_moments_above_and_below_shape_1)
{
    static const double shapes[] = {0.25, 1, 4, 100};
    struct rng r;
    for (int k = 0; k < 4; k++) {
        rng_stream(&r, 11, (uint64_t)k);
        double m, v, a = shapes[k];
        MOMENTS(40000, rd_gamma(&r, a), &m, &v);
        cr_assert(fabs(m - a) < 4 * sqrt(a / 40000), "mean %g for shape %g", m, a);
        cr_assert(fabs(v - a) < 0.1 * a, "variance %g for shape %g", v, a);
    }
}

Test(unit_risk_draw, a_samples_enrollment_depends_on_seed_and_i_alone)
{
    /* A scenario with two sites of two months each (only what rd_enrollment reads). */
    struct forecast_month fm[4] = {{.site = 0, .month = 0, .patients = 3},
                                   {.site = 0, .month = 31, .patients = 5},
                                   {.site = 1, .month = 0, .patients = 2.5},
                                   {.site = 1, .month = 31, .patients = 0}};
    struct scenario s = {.forecast = fm, .nforecast = 4};
    int c1[4], c2[4], c3[4], *d1, *d2, *d3;
    long n1 = rd_enrollment(&s, 3, 17, 0.5, c1, &d1);
    long n2 = rd_enrollment(&s, 3, 16, 0.5, c2, &d2);   /* another sample between */
    long n3 = rd_enrollment(&s, 3, 17, 0.5, c3, &d3);
    cr_assert_eq(n1, n3);
    cr_assert_arr_eq(c1, c3, sizeof c1);
    cr_assert_arr_eq(d1, d3, (size_t)n1 * sizeof *d1);
    cr_assert_eq(c1[3], 0, "a mean of 0 draws nobody");
    for (long k = 0; k < n1; k++)
        cr_assert(d1[k] >= 1 && d1[k] <= 31, "day %d", d1[k]);
    /* Sample 16 is another sample (streams of (seed, i) are independent). */
    cr_assert(n2 != n1 || memcmp(c1, c2, sizeof c1) != 0 || memcmp(d1, d2, (size_t)n1 * sizeof *d1) != 0,
              "samples 16 and 17 drew the same enrollment");
    free(d1);
    free(d2);
    free(d3);
}
