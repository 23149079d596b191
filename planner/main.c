/* planner: the program. The only place that picks the exit code; every
 * command lives in its own file under planner/. */
#include <stdio.h>
#include <string.h>

#include "planner/commands.h"
#include "planner/options.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "dev"
#endif
#ifndef PLANNER_DOCDIR /* where make install puts the docs (Makefile DOCDIR) */
#define PLANNER_DOCDIR "/usr/local/share/doc/planner"
#endif

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"check", cmd_check, "validate a scenario and print what it holds"},
    {"plan", cmd_plan, "plan a scenario: calendar, roster, orders, KPIs and a summary"},
    {"verify", cmd_verify, "check a plan directory against every rule of its scenario"},
    {"export", cmd_export, "write the MILP that plan solves (MPS or LP) for another solver"},
    {"generate", cmd_generate, "write a realistic synthetic scenario (seeded, presets S, M, L, XL)"},
    {"compare", cmd_compare, "plan several scenarios side by side: a table of their figures"},
    {"risk", cmd_risk, "how likely a patient waits: plan sampled enrollments (Monte Carlo)"},
};

static int show_version;
static void usage(FILE *out);

/* The program's own options, before the command. */
static const struct opt options[] = {
    {.key = 'V', .name = "version", .kind = OPT_FLAG, .help = "the version", .to = &show_version},
};
static const struct opt_command program = {
    .rows = options,
    .nrows = sizeof options / sizeof options[0],
    .help = usage,
    .stop_at_operand = 1,   /* what follows the command is the command's */
};

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: planner COMMAND [ARGS]\n"
            "\n"
            "Production scheduling and capacity planning for patient-specific cell\n"
            "therapy manufacturing.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'planner COMMAND --help' describes a command and its options.\n\nOptions:\n");
    opt_print_rows(out, &program);
    fprintf(out,
            "\n"
            "Exit status: plan: 0 every patient on time, 1 late or unserved patients,\n"
            "3 no plan written; check: 0 valid; verify: 0 valid, 1 violations;\n"
            "export: 0 written, 3 not written; 2 for bad input or usage.\n"
            "Documentation: man planner, and " PLANNER_DOCDIR "/README.md;\n"
            "in the source tree, docs/README.md and man -l docs/planner.1.\n");
}

int main(int argc, char **argv)
{
    struct opt_operands ops;
    int parsed = opt_parse(&program, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (show_version) {
        printf("planner %s\n", PLANNER_VERSION);
        return EXIT_DONE;
    }
    if (ops.next >= argc) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *cmd = argv[ops.next];
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - ops.next, argv + ops.next);
    fprintf(stderr, "planner: unknown command '%s'; 'planner --help' lists them\n", cmd);
    return EXIT_BAD_INPUT;
}
