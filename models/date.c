#include "models/date.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const wd_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

int date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && date_is_leap(year));
}

/* Howard Hinnant's days_from_civil: exact for the whole proleptic
 * Gregorian range, no tables, no loops. */
int date_from_ymd(int year, int month, int day)
{
    assert(day >= 1 && day <= date_days_in_month(year, month));
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(int date, int *year, int *month, int *day)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

int date_weekday(int date)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (date + 3) % 7;
    return w < 0 ? w + 7 : w;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse_month(const char *s, int *year, int *month)
{
    int y, m;
    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m))
        return -1;
    if (y < 1 || m < 1 || m > 12)
        return -1;
    *year = y;
    *month = m;
    return 0;
}

int date_parse(const char *s, int *out)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
        return -1;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
        return -1;
    *out = date_from_ymd(y, m, d);
    return 0;
}

char *date_format(int date, char buf[DATE_BUFSZ])
{
    int y, m, d;
    date_to_ymd(date, &y, &m, &d);
    if (y < 1 || y > 9999)
        snprintf(buf, DATE_BUFSZ, "%s", y < 1 ? "-inf" : "+inf");
    else
        snprintf(buf, DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
    return buf;
}

const char *wd_name(int weekday)
{
    return weekday >= 0 && weekday < 7 ? wd_names[weekday] : "?";
}

static int wd_lookup(const char *s, size_t n)
{
    if (n != 3)
        return -1;
    for (int i = 0; i < 7; i++)
        if (strncasecmp(s, wd_names[i], 3) == 0)
            return i;
    return -1;
}

int wd_parse(const char *s, unsigned *mask)
{
    unsigned m = 0;
    const char *p = s;
    if (!s)
        return -1;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *tok = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        size_t len = (size_t)(p - tok);
        const char *dash = memchr(tok, '-', len);
        if (dash) {
            int a = wd_lookup(tok, (size_t)(dash - tok));
            int b = wd_lookup(dash + 1, len - (size_t)(dash - tok) - 1);
            if (a < 0 || b < 0)
                return -1;
            /* A range may wrap round the week: Fri-Mon is Fri Sat Sun Mon. */
            for (int i = a;; i = (i + 1) % 7) {
                m |= 1u << i;
                if (i == b)
                    break;
            }
        } else {
            int a = wd_lookup(tok, len);
            if (a < 0)
                return -1;
            m |= 1u << a;
        }
    }
    if (!m)
        return -1;
    *mask = m;
    return 0;
}

char *wd_format(unsigned mask, char *buf, size_t size)
{
    size_t used = 0;
    mask &= WD_ALL;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (mask == WD_ALL) {
        snprintf(buf, size, "every day");
        return buf;
    }
    if (mask == 0) {
        snprintf(buf, size, "no day");
        return buf;
    }
    /* Start on a day whose eve is off, so that a range wrapping round the
     * week reads as the user wrote it: Fri-Mon, not "Mon Fri-Sun". */
    int first = 0;
    while (!(mask & (1u << first)) || (mask & (1u << ((first + 6) % 7))))
        first++;
    for (int k = 0; k < 7;) {
        int i = (first + k) % 7;
        if (!(mask & (1u << i))) {
            k++;
            continue;
        }
        int len = 1;
        while (k + len < 7 && (mask & (1u << ((i + len) % 7))))
            len++;
        int j = (i + len - 1) % 7;
        int n;
        if (len >= 3)
            n = snprintf(buf + used, size - used, "%s%s-%s", used ? " " : "", wd_names[i], wd_names[j]);
        else if (len == 1)
            n = snprintf(buf + used, size - used, "%s%s", used ? " " : "", wd_names[i]);
        else
            n = snprintf(buf + used, size - used, "%s%s %s", used ? " " : "", wd_names[i], wd_names[j]);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
        k += len;
    }
    return buf;
}
