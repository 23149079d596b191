/* planner: the program. The only place that picks the exit code; every
 * command lives in its own file under planner/. */
#include <stdio.h>
#include <string.h>

#include "planner/commands.h"

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
    fprintf(out,

            "\n"
            "Options:\n"
            "  -h, --help     this help; 'planner COMMAND --help' for a command's\n"
            "  -V, --version  the version\n"
            "\n"
            "Exit status: plan: 0 every patient on time, 1 late or unserved patients,\n"
            "3 no plan written; check: 0 valid; verify: 0 valid, 1 violations;\n"
            "export: 0 written, 3 not written; 2 for bad input or usage.\n"
            "Documentation: man planner, and " PLANNER_DOCDIR "/README.md;\n"
            "in the source tree, docs/README.md and man -l docs/planner.1.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_DONE;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("planner %s\n", PLANNER_VERSION);
        return EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "planner: unknown command '%s'; 'planner --help' lists them\n", cmd);
    return EXIT_BAD_INPUT;
}
