/* verify's rules as a function: the violations of a plan directory, for
 * `planner verify` and for plan's last check before publishing. */
#ifndef PLANNER_VERIFY_H
#define PLANNER_VERIFY_H

#include <stddef.h>

/* The violations verify finds in a plan directory. */
struct verify_report {
    char **shown;       /* the first ones (at most 200), malloc'd */
    size_t nshown;
    size_t count;       /* all of them */
};

/* Checks the plan files in dir against scenario s with verify's own rules
 * (the same as `planner verify`). An unreadable plan counts as one
 * violation. Returns 0 (r filled: free with verify_report_free), or -1 when
 * out of memory. */
struct scenario;
int verify_dir(const struct scenario *s, const char *dir, struct verify_report *r);
void verify_report_free(struct verify_report *r);

#endif
