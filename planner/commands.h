/* The program's commands and what they share: exit codes, diagnostics. */
#ifndef PLANNER_COMMANDS_H
#define PLANNER_COMMANDS_H

#include <stdio.h>

#include "models/diag.h"
#include "models/scenario.h"

/* Exit codes of the contract (section 5). */
enum exit_code {
    EXIT_DONE = 0,        /* check: valid; plan: every patient on time */
    EXIT_LATE = 1,        /* plan: late or unserved; verify: violations */
    EXIT_BAD_INPUT = 2,   /* bad input or usage */
    EXIT_NO_PLAN = 3      /* plan: no plan written */
};

#define REPORT_MAX_SHOWN 50   /* diagnostics printed before "and N more" */

/* Prints the diagnostics of d to out as "FILE:LINE: message", warnings
 * marked, at most REPORT_MAX_SHOWN errors, then a count of the rest.
 * quiet: errors only. */
void report_diags(FILE *out, const diag_list *d, int quiet);
/* Adds to d a warning when s (NULL: nothing) has no patient at all: a
 * plan of nothing is valid but rarely what the user meant. */
void report_warn_empty(diag_list *d, const struct scenario *s);

/* Each command takes argv after the command's name (argv[0] is the
 * command) and returns an exit code. */
int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_generate(int argc, char **argv);

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

/* Writes the plan sol of s into dir after checking it with verify_dir
 * (plan_files_write_checked): 0 published; 1 the plan breaks a rule (an
 * internal error: the violations went to stderr, nothing was published);
 * -1 the files could not be written (err says why). */
struct solution;
int plan_publish(const struct scenario *s, const struct solution *sol, const char *dir, char *err,
                 size_t size);

/* Display width of a UTF-8 string (code points), for aligned tables. */
int report_width(const char *s);
/* Prints s left-aligned in width columns. */
void report_pad(FILE *out, const char *s, int width);

#endif
