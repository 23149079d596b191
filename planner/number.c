/* Locale-proof number formatting (planner/number.h). */
#include "planner/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* printf writes the locale's decimal separator (',' under fr_FR, several
 * bytes in some locales): put '.' in its place. The output of %f holds
 * only digits, a sign and that separator. */
static void decimal_point(char *buf)
{
    size_t j = 0;
    int dot = 0;
    for (size_t i = 0; buf[i]; i++) {
        char c = buf[i];
        if ((c >= '0' && c <= '9') || c == '-')
            buf[j++] = c;
        else if (!dot) {
            buf[j++] = '.';
            dot = 1;
        }
    }
    buf[j] = '\0';
}

/* Drops trailing zeros after a '.', then a bare '.', then a sign on 0. */
static void trim_number(char *buf)
{
    if (strchr(buf, '.')) {
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    if (strcmp(buf, "-0") == 0) {
        buf[0] = '0';
        buf[1] = '\0';
    }
}

char *num_figure(double v, char buf[NUM_BUFSZ])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    double r = round(v);
    if (fabs(r) < 1e15 && fabs(v - r) <= 1e-9 * fmax(1.0, fabs(v))) {
        snprintf(buf, NUM_BUFSZ, "%.0f", r);
    } else {
        /* Six significant digits in fixed notation: spreadsheets read
         * "0.000125" everywhere, "1.25e-04" not always. */
        int decimals = fabs(v) > 0 ? 5 - (int)floor(log10(fabs(v))) : 0;
        if (decimals < 0)
            decimals = 0;
        if (decimals > 17)
            decimals = 17;
        snprintf(buf, NUM_BUFSZ, "%.*f", decimals, v);
        decimal_point(buf);
    }
    trim_number(buf);
    return buf;
}

char *num_quantity(double v, char buf[NUM_BUFSZ])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    /* Nine decimals hide the binary noise of sums (0.30000000000000004)
     * and keep every digit a quantity was given with. */
    snprintf(buf, NUM_BUFSZ, fabs(v) < 1e15 ? "%.9f" : "%.0f", v);
    decimal_point(buf);
    trim_number(buf);
    return buf;
}

char *num_money(double v, char buf[NUM_BUFSZ])
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, NUM_BUFSZ, "%.2f", num_cents(v));
    decimal_point(buf);
    trim_number(buf);
    return buf;
}

double num_cents(double v)
{
    return round(v * 100) / 100;
}
