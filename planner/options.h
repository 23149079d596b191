/* Command-line options from one table per command: getopt_long parses
 * argv as every GNU tool does, and the same table makes the --help text.
 *
 * What a user may type (docs/commands.md, "Options"):
 *   -q -v, -qv            short options, alone or clustered
 *   -o DIR, -oDIR         a short option's value, apart or attached
 *   --time-limit 5, --time-limit=5, --time=5 (an unambiguous prefix)
 *   --                    ends the options: what follows is an operand
 * Options and operands may come in any order (`planner plan S.ini -o out`),
 * whatever POSIXLY_CORRECT says: commands are parsed in getopt's
 * "return in order" mode ('-'), which no environment variable changes.
 * The program's own options (before the command) stop at the first
 * operand instead ('+'): `planner -V`, but `planner check -q`.
 * No option takes an empty value. -h and --help are added to every table. */
#ifndef PLANNER_OPTIONS_H
#define PLANNER_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#define OPT_MAX_ROWS 40       /* options in one table, -h excluded */
#define OPT_MAX_OPERANDS 64   /* operands kept; more are counted (compare takes many) */

/* What an option does with its value. */
enum opt_kind {
    OPT_FLAG,     /* no value: *(int *)to = 1 */
    OPT_STRING,   /* *(const char **)to = the value (borrowed from argv) */
    OPT_NUMBER,   /* *(double *)to = the value, a finite number from lo to hi */
    OPT_CALL      /* call(row, value, ctx): value NULL when arg is NULL */
};

/* One row of a command's table. */
struct opt {
    char key;               /* short name ('q'), 0 for none */
    const char *name;       /* long name without the dashes; every row has one */
    enum opt_kind kind;
    const char *arg;        /* the value's name in --help ("DIR"); NULL: takes none */
    const char *help;       /* one line; a '\n' starts a continuation line */
    void *to;               /* where the value goes (FLAG, STRING, NUMBER) */
    double lo, hi;          /* NUMBER's bounds; --help shows them when lo < hi */
    /* OPT_CALL: returns 0, or an exit code after printing why. */
    int (*call)(const struct opt *row, const char *value, void *ctx);
};

/* A command's options and help. */
struct opt_command {
    const char *name;       /* "plan": messages start "planner plan: "; NULL for
                               the program's own options ("planner: ") */
    const char *operands;   /* after the options in the usage line: "SCENARIO.ini" */
    const char *about;      /* paragraphs between the usage line and the options */
    const struct opt *rows;
    size_t nrows;
    void (*more)(FILE *out);  /* a section after the options, or NULL (check's
                                 list of INI keys) */
    const char *epilogue;   /* the last paragraphs (exit status, ...) */
    void (*help)(FILE *out);  /* prints the whole help instead, or NULL */
    int stop_at_operand;    /* 1: stop at the first operand (the program's own
                               options, before the command) */
};

/* The operands of a command line, in order. */
struct opt_operands {
    const char *v[OPT_MAX_OPERANDS];  /* borrowed from argv */
    int n;                  /* how many were given (may exceed OPT_MAX_OPERANDS) */
    int next;               /* stop_at_operand: argv index of the first operand
                               (argc when none); else argc */
};

#define OPT_OK 0
#define OPT_HELP (-1)

/* Parses argv[1..argc-1] by c's table (argv[0] is the command's name),
 * storing values and calling callbacks (with ctx) as options come.
 * Returns OPT_OK (ops filled), OPT_HELP (the help went to stdout: exit 0),
 * or an exit code after a message on stderr (EXIT_BAD_INPUT for an unknown
 * option, a missing, empty or bad value; a callback's code). */
int opt_parse(const struct opt_command *c, int argc, char **argv, void *ctx, struct opt_operands *ops);

/* The help made from c: usage line, about, options, more, epilogue, each
 * block after a blank line. */
void opt_help(FILE *out, const struct opt_command *c);

/* The options of c, aligned, -h last ("  -q, --quiet   help"). */
void opt_print_rows(FILE *out, const struct opt_command *c);

#endif
