/* The program's commands and what they share: exit codes, diagnostics. */
#ifndef PLANNER_COMMANDS_H
#define PLANNER_COMMANDS_H

#include <stdio.h>

#include "models/diag.h"

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

/* Each command takes argv after the command's name (argv[0] is the
 * command) and returns an exit code. */
int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* Display width of a UTF-8 string (code points), for aligned tables. */
int report_width(const char *s);
/* Prints s left-aligned in width columns. */
void report_pad(FILE *out, const char *s, int width);

#endif
