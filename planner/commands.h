/* The program's commands: their entry points and exit codes. */
#ifndef PLANNER_COMMANDS_H
#define PLANNER_COMMANDS_H

#include <stddef.h>

/* Exit codes of the contract (section 5). */
enum exit_code {
    EXIT_DONE = 0,        /* check: valid; plan: every patient on time */
    EXIT_LATE = 1,        /* plan: late or unserved; verify: violations */
    EXIT_BAD_INPUT = 2,   /* bad input or usage */
    EXIT_NO_PLAN = 3      /* plan: no plan written */
};

/* Each command takes argv after the command's name (argv[0] is the
 * command) and returns an exit code. */
int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_risk(int argc, char **argv);

/* Writes the plan of view v (planner/plan_view.h) into dir after checking
 * it with verify_dir (plan_files_publish): 0 published; 1 the plan breaks
 * a rule (an internal error: the violations went to stderr, nothing was
 * published); -1 the files could not be written (err says why). */
struct plan_view;
int plan_publish(const struct plan_view *v, const char *dir, char *err, size_t size);

#endif
