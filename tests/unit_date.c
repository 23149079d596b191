/* Unit tests of models/date.h: calendar dates as day numbers, ISO parsing
 * and formatting, weekday sets. Only the public surface of date.h. */
#include <criterion/criterion.h>
#include <string.h>

#include "models/date.h"

/* Parses s, which must be a valid date, and returns its day number. */
static int day_of(const char *s)
{
    int d = 0;
    cr_assert_eq(date_parse(s, &d), 0, "'%s' should be a valid date", s);
    return d;
}

static void assert_rejected(const char *s)
{
    int d = 12345;
    cr_assert_eq(date_parse(s, &d), -1, "'%s' should be rejected", s);
    cr_assert_eq(d, 12345, "a rejected date must leave *out alone ('%s')", s);
}

/* ---- leap years and month ends ---------------------------------------- */

Test(date, leap_years)
{
    cr_assert_eq(date_is_leap(2024), 1);
    cr_assert_eq(date_is_leap(2027), 0);
    cr_assert_eq(date_is_leap(1900), 0, "divisible by 100, not by 400");
    cr_assert_eq(date_is_leap(2000), 1, "divisible by 400");
    cr_assert_eq(date_is_leap(2100), 0);
}

Test(date, february_29_only_in_leap_years)
{
    char buf[DATE_BUFSZ];
    cr_assert_str_eq(date_format(day_of("2024-02-29"), buf), "2024-02-29");
    cr_assert_str_eq(date_format(day_of("2000-02-29"), buf), "2000-02-29");
    assert_rejected("2027-02-29");
    assert_rejected("1900-02-29");
    /* the day after 2024-02-28 is the 29th, the day after the 29th March 1st */
    cr_assert_eq(day_of("2024-02-29") - day_of("2024-02-28"), 1);
    cr_assert_eq(day_of("2024-03-01") - day_of("2024-02-29"), 1);
    cr_assert_eq(day_of("2027-03-01") - day_of("2027-02-28"), 1);
}

Test(date, days_in_month)
{
    static const int days2027[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++)
        cr_assert_eq(date_days_in_month(2027, m), days2027[m - 1], "month %d", m);
    cr_assert_eq(date_days_in_month(2024, 2), 29);
    cr_assert_eq(date_days_in_month(1900, 2), 28);
    cr_assert_eq(date_days_in_month(2000, 2), 29);
    cr_assert_eq(date_days_in_month(2027, 0), 0);
    cr_assert_eq(date_days_in_month(2027, 13), 0);
}

Test(date, month_ends_are_the_last_valid_day)
{
    static const char *const last[] = {"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30",
                                       "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31",
                                       "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31"};
    static const char *const past[] = {"2027-01-32", "2027-02-29", "2027-03-32", "2027-04-31",
                                       "2027-05-32", "2027-06-31", "2027-07-32", "2027-08-32",
                                       "2027-09-31", "2027-10-32", "2027-11-31", "2027-12-32"};
    for (int i = 0; i < 12; i++) {
        day_of(last[i]);
        assert_rejected(past[i]);
    }
    assert_rejected("2027-02-30");
    assert_rejected("2027-00-10");
    assert_rejected("2027-13-01");
    assert_rejected("2027-01-00");
    /* year end rolls over */
    cr_assert_eq(day_of("2028-01-01") - day_of("2027-12-31"), 1);
}

/* ---- malformed strings ------------------------------------------------- */

Test(date, malformed_strings_are_rejected)
{
    assert_rejected("2027-1-05");     /* month not zero-padded */
    assert_rejected("2027-01-5");     /* day not zero-padded */
    assert_rejected("2027-01-05x");   /* trailing text */
    assert_rejected("2027-01-05 ");   /* trailing space */
    assert_rejected(" 2027-01-05");   /* leading space */
    assert_rejected("");
    assert_rejected("27-01-05");      /* two-digit year */
    assert_rejected("2027/01/05");
    assert_rejected("2027.01.05");
    assert_rejected("20270105");
    assert_rejected("2027-01");       /* a month, not a date */
    assert_rejected("+027-01-05");
    assert_rejected("2027-0a-05");
    assert_rejected("0000-01-01");    /* year 0 is outside 1..9999 */
    int d;
    cr_assert_eq(date_parse(NULL, &d), -1);
}

Test(date, first_and_last_supported_days)
{
    char buf[DATE_BUFSZ];
    cr_assert_eq(day_of("0001-01-01"), -719162);
    cr_assert_str_eq(date_format(-719162, buf), "0001-01-01");
    cr_assert_eq(day_of("9999-12-31"), 2932896);
    cr_assert_str_eq(date_format(2932896, buf), "9999-12-31");
}

/* date.h: DATE_NONE is "below every valid day number" and DATE_FAR is
 * "+infinity: above every valid day number"; the calendar covers years
 * 1..9999, which date_parse accepts. */
Test(date, no_date_and_far_bound_every_valid_day)
{
    cr_assert_lt(DATE_NONE, day_of("0001-01-01"));
    cr_assert_gt(DATE_FAR, day_of("4707-11-28"));
    cr_assert_gt(DATE_FAR, day_of("9999-12-31"),
                 "DATE_FAR (%d) must be above the last date date_parse accepts (9999-12-31 = %d)",
                 DATE_FAR, day_of("9999-12-31"));
}

/* ---- day numbers, round trips, weekdays -------------------------------- */

Test(date, epoch_is_day_zero)
{
    char buf[DATE_BUFSZ];
    cr_assert_eq(day_of("1970-01-01"), 0);
    cr_assert_eq(date_from_ymd(1970, 1, 1), 0);
    cr_assert_eq(day_of("1969-12-31"), -1);
    cr_assert_str_eq(date_format(-1, buf), "1969-12-31");
    cr_assert_eq(day_of("2027-01-04"), 20822);
    cr_assert_eq(date_from_ymd(2027, 1, 4), 20822);
}

Test(date, format_returns_its_buffer)
{
    char buf[DATE_BUFSZ];
    cr_assert_eq(date_format(0, buf), buf);
    cr_assert_eq(strlen(buf), DATE_BUFSZ - 1);
}

Test(date, round_trip_over_four_centuries)
{
    /* every day from 1899-12-01 to 2301-01-31 survives format -> parse
     * and ymd -> day -> ymd unchanged */
    char buf[DATE_BUFSZ];
    int from = day_of("1899-12-01"), to = day_of("2301-01-31");
    for (int d = from; d <= to; d++) {
        int y, m, dd, back;
        date_to_ymd(d, &y, &m, &dd);
        cr_assert_eq(date_from_ymd(y, m, dd), d);
        cr_assert_eq(date_parse(date_format(d, buf), &back), 0, "%s", buf);
        cr_assert_eq(back, d, "%s", buf);
        if (d > from) {
            int py, pm, pd;
            date_to_ymd(d - 1, &py, &pm, &pd);
            /* consecutive days: either the next day of the month or the
             * 1st after a month end */
            if (dd == 1)
                cr_assert_eq(pd, date_days_in_month(py, pm), "%s", buf);
            else
                cr_assert_eq(pd + 1, dd, "%s", buf);
        }
    }
}

Test(date, to_ymd_of_known_days)
{
    int y, m, d;
    date_to_ymd(day_of("2024-02-29"), &y, &m, &d);
    cr_assert(y == 2024 && m == 2 && d == 29);
    date_to_ymd(0, &y, &m, &d);
    cr_assert(y == 1970 && m == 1 && d == 1);
    date_to_ymd(-1, &y, &m, &d);
    cr_assert(y == 1969 && m == 12 && d == 31);
}

Test(date, weekday_of_known_dates)
{
    cr_assert_eq(date_weekday(day_of("2027-01-04")), 0, "2027-01-04 is a Monday");
    cr_assert_eq(date_weekday(day_of("1970-01-01")), 3, "1970-01-01 is a Thursday");
    cr_assert_eq(date_weekday(day_of("1969-12-31")), 2, "1969-12-31 is a Wednesday");
    cr_assert_eq(date_weekday(day_of("1969-12-28")), 6, "1969-12-28 is a Sunday");
    cr_assert_eq(date_weekday(day_of("2024-02-29")), 3, "2024-02-29 is a Thursday");
    cr_assert_eq(date_weekday(day_of("2000-01-01")), 5, "2000-01-01 is a Saturday");
    cr_assert_eq(date_weekday(day_of("0001-01-01")), 0, "0001-01-01 is a Monday (proleptic)");
    cr_assert_eq(date_weekday(day_of("2027-01-10")), 6, "2027-01-10 is a Sunday");
    for (int i = 0; i < 14; i++)
        cr_assert_eq(date_weekday(day_of("2027-01-04") + i), i % 7);
}

Test(date, weekday_names)
{
    cr_assert_str_eq(wd_name(0), "Mon");
    cr_assert_str_eq(wd_name(3), "Thu");
    cr_assert_str_eq(wd_name(6), "Sun");
    cr_assert_str_eq(wd_name(7), "?");
    cr_assert_str_eq(wd_name(-1), "?");
}

/* ---- months -------------------------------------------------------------- */

Test(date, parse_month)
{
    int y = 0, m = 0;
    cr_assert_eq(date_parse_month("2027-01", &y, &m), 0);
    cr_assert_eq(y, 2027);
    cr_assert_eq(m, 1);
    cr_assert_eq(date_parse_month("2027-12", &y, &m), 0);
    cr_assert_eq(m, 12);
    y = m = 77;
    cr_assert_eq(date_parse_month("2027-13", &y, &m), -1);
    cr_assert_eq(date_parse_month("2027-00", &y, &m), -1);
    cr_assert_eq(date_parse_month("2027-1", &y, &m), -1);
    cr_assert_eq(date_parse_month("2027-01-01", &y, &m), -1);
    cr_assert_eq(date_parse_month("2027/01", &y, &m), -1);
    cr_assert_eq(date_parse_month("27-01", &y, &m), -1);
    cr_assert_eq(date_parse_month("2027-01x", &y, &m), -1);
    cr_assert_eq(date_parse_month("", &y, &m), -1);
    cr_assert_eq(date_parse_month("0000-01", &y, &m), -1);
    cr_assert_eq(date_parse_month(NULL, &y, &m), -1);
    cr_assert(y == 77 && m == 77, "a rejected month leaves the outputs alone");
}

/* ---- weekday lists ------------------------------------------------------ */

static unsigned wd(const char *s)
{
    unsigned m = 0;
    cr_assert_eq(wd_parse(s, &m), 0, "'%s' should be a weekday list", s);
    return m;
}

#define MON 0x01u
#define TUE 0x02u
#define WED 0x04u
#define THU 0x08u
#define FRI 0x10u
#define SAT 0x20u
#define SUN 0x40u

Test(weekdays, ranges_and_lists)
{
    cr_assert_eq(wd("Mon-Fri"), WD_MON_FRI);
    cr_assert_eq(wd("Mon-Fri"), MON | TUE | WED | THU | FRI);
    cr_assert_eq(wd("Mon Wed Fri"), MON | WED | FRI);
    cr_assert_eq(wd("Sat Sun"), SAT | SUN);
    cr_assert_eq(wd("Mon-Sun"), WD_ALL);
    cr_assert_eq(wd("Wed"), WED);
    cr_assert_eq(wd("Mon-Mon"), MON, "a one-day range");
    cr_assert_eq(wd("Mon Mon"), MON, "a repeated day counts once");
    cr_assert_eq(wd("Mon-Wed Fri"), MON | TUE | WED | FRI);
    cr_assert_eq(wd("  Tue   Thu  "), TUE | THU, "extra spaces");
}

Test(weekdays, ranges_wrap_round_the_week)
{
    cr_assert_eq(wd("Fri-Mon"), FRI | SAT | SUN | MON);
    cr_assert_eq(wd("Sun-Mon"), SUN | MON);
    cr_assert_eq(wd("Tue-Mon"), WD_ALL);
}

Test(weekdays, case_does_not_matter)
{
    cr_assert_eq(wd("mon-fri"), WD_MON_FRI);
    cr_assert_eq(wd("MON WED FRI"), MON | WED | FRI);
    cr_assert_eq(wd("sAt-SuN"), SAT | SUN);
}

Test(weekdays, rejects)
{
    static const char *const bad[] = {"Mon-Fry", "", "   ", "Monday", "Mo", "Mon,Wed", "Mon-",
                                      "-Fri", "Mon-Wed-Fri", "Mon--Fri", "Lun", "Mon Funday"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned m = 0xabcu;
        cr_assert_eq(wd_parse(bad[i], &m), -1, "'%s' should be rejected", bad[i]);
        cr_assert_eq(m, 0xabcu, "a rejected list leaves *mask alone ('%s')", bad[i]);
    }
    unsigned m;
    cr_assert_eq(wd_parse(NULL, &m), -1);
}

Test(weekdays, canonical_format)
{
    char buf[64];
    cr_assert_str_eq(wd_format(WD_ALL, buf, sizeof buf), "every day");
    cr_assert_str_eq(wd_format(WD_MON_FRI, buf, sizeof buf), "Mon-Fri");
    cr_assert_str_eq(wd_format(MON | WED, buf, sizeof buf), "Mon Wed");
    cr_assert_str_eq(wd_format(MON | TUE, buf, sizeof buf), "Mon Tue", "two days are no range");
    cr_assert_str_eq(wd_format(MON | TUE | WED, buf, sizeof buf), "Mon-Wed");
    cr_assert_str_eq(wd_format(SAT | SUN, buf, sizeof buf), "Sat Sun");
    cr_assert_str_eq(wd_format(SUN, buf, sizeof buf), "Sun");
    cr_assert_str_eq(wd_format(MON | WED | FRI, buf, sizeof buf), "Mon Wed Fri");
    cr_assert_str_eq(wd_format(MON | TUE | WED | FRI | SAT | SUN, buf, sizeof buf), "Fri-Wed",
                     "a range wrapping round the week reads from its first day");
    cr_assert_str_eq(wd_format(FRI | SAT | SUN | MON, buf, sizeof buf), "Fri-Mon");
    cr_assert_str_eq(wd_format(0, buf, sizeof buf), "no day");
    cr_assert_eq(wd_format(WD_MON_FRI, buf, sizeof buf), buf);
}

Test(weekdays, format_parses_back_to_the_same_set)
{
    char buf[64];
    for (unsigned m = 1; m <= WD_ALL; m++) {
        wd_format(m, buf, sizeof buf);
        if (m == WD_ALL)
            continue; /* "every day" is prose, not a list */
        cr_assert_eq(wd(buf), m, "mask 0x%02x formats as '%s'", m, buf);
    }
    /* a wrapping range reads back as the same set */
    cr_assert_str_eq(wd_format(wd("Fri-Mon"), buf, sizeof buf), "Fri-Mon");
}
