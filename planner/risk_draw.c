/* The random draws of planner risk, exactly as planner/risk_draw.h and
 * docs/risk.md write them down. */
#include <math.h>
#include <stdlib.h>

#include "models/date.h"
#include "planner/risk_draw.h"

double rd_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1p-53;
}

double rd_normal(struct rng *r)
{
    for (;;) {
        double a = 2 * rd_uniform(r) - 1;
        double b = 2 * rd_uniform(r) - 1;
        double q = a * a + b * b;
        if (q < 1 && q > 0)
            return a * sqrt(-2 * log(q) / q);
    }
}

double rd_gamma(struct rng *r, double shape)
{
    if (shape < 1) {
        double g = rd_gamma(r, shape + 1);
        return g * pow(rd_uniform(r), 1 / shape);
    }
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = rd_normal(r), v = 1 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = rd_uniform(r);
        if (u < 1 - 0.0331 * x * x * x * x)
            return d * v;
        if (log(u) < x * x / 2 + d * (1 - v + log(v)))
            return d * v;
    }
}

/* Knuth's product of uniforms, for a mean of at most 30 (exp(-30) is far
 * from underflow). */
static long poisson_small(struct rng *r, double m)
{
    double lim = exp(-m), t = rd_uniform(r);
    long n = 0;
    while (t > lim) {
        n++;
        t *= rd_uniform(r);
    }
    return n;
}

long rd_poisson(struct rng *r, double mean)
{
    if (!(mean > 0))
        return 0;
    long n = 0;
    while (mean > 30) {
        n += poisson_small(r, 30);
        mean -= 30;
    }
    return n + poisson_small(r, mean);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

long rd_enrollment(const struct scenario *s, unsigned long long seed, unsigned long long i, double rate_cv,
                   int *count, int **day)
{
    struct rng r;
    rng_stream(&r, seed, i);
    size_t cap = 64, n = 0;
    int *d = malloc(cap * sizeof *d);
    if (!d)
        return -1;
    double g = 1;
    for (int f = 0; f < s->nforecast; f++) {
        const struct forecast_month *m = &s->forecast[f];
        if (rate_cv > 0 && (f == 0 || s->forecast[f - 1].site != m->site)) {
            double shape = 1 / (rate_cv * rate_cv);
            g = rd_gamma(&r, shape) / shape;
        }
        long c = rd_poisson(&r, m->patients * g);
        if (c > 1000000 || n + (size_t)c > 10000000) {
            free(d);
            return -1;
        }
        count[f] = (int)c;
        if (n + (size_t)c > cap) {
            while (n + (size_t)c > cap)
                cap *= 2;
            int *nd = realloc(d, cap * sizeof *nd);
            if (!nd) {
                free(d);
                return -1;
            }
            d = nd;
        }
        int y, mo, dd;
        date_to_ymd(m->month, &y, &mo, &dd);
        int days = date_days_in_month(y, mo);
        for (long j = 0; j < c; j++)
            d[n + (size_t)j] = rng_int(&r, 1, days);
        qsort(d + n, (size_t)c, sizeof *d, int_cmp);
        n += (size_t)c;
    }
    *day = d;
    return (long)n;
}
