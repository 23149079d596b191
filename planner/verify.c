/* planner verify: does a plan directory keep every rule of the contract?
 *
 * The plan is read back (models/plan_read.h) and every rule is recomputed
 * from the plan files and the scenario alone, with no solver code: a plan
 * written by hand, by a spreadsheet or by a broken solver is judged the
 * same way. This file holds the command, verify_dir and the report; the
 * rules come in four families, one file each (see verify_rules.h):
 *
 *   calendar   one row per patient; start rules; process version; fixed
 *              batches; end, release, delivery, delay and status; policy
 *   rooms      capacity and availability, day by day
 *   staff      the roster's persons, and step demand per day and skill
 *   materials  the orders, and a day-by-day stock simulation (FEFO)
 *
 * Violations are collected, all of them, and printed on stdout one per
 * line (the first VERIFY_MAX_SHOWN, then a count of the rest). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "planner/commands.h"
#include "planner/options.h"
#include "planner/report.h"
#include "planner/verify.h"
#include "planner/verify_rules.h"

void violation(struct verify *V, const char *fmt, ...)
{
    V->count++;
    if (V->nshown >= VERIFY_MAX_SHOWN)
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = malloc(strlen(buf) + 1);
    if (!copy) {
        V->oom = 1;
        return;
    }
    memcpy(copy, buf, strlen(buf) + 1);
    V->shown[V->nshown++] = copy;
}

/* ---- the command --------------------------------------------------------- */

/* The help of verify, around its options. */
static const char verify_about[] =
    "Checks the plan in directory DIR (calendar.csv, roster.csv, orders.csv; the\n"
    "other plan files are derived from these and are not read) against every\n"
    "rule of the scenario, with no help from the solver: a plan edited by hand\n"
    "is judged the same way. Each violation is printed on stdout, one a line,\n"
    "naming the rule, the patient, room, person or material, and the day;\n"
    "then a summary on stderr.\n"
    "\n"
    "  calendar   every patient once; start rules (horizon, ready, max_hold,\n"
    "             start_days, approval, room type); process version; fixed\n"
    "             batches; end, release, delivery, delay_days, status;\n"
    "             max_delay and allow_delay\n"
    "  rooms      batches per room and day within capacity; rooms open\n"
    "  staff      roster persons present, skilled, once a day, with their shift\n"
    "             hours; step hours and people covered per day and skill\n"
    "  materials  orders (orderable, from start, lead time, multiple, minimum,\n"
    "             cost); stock day by day, earliest expiry first\n";
static const char verify_epilogue[] =
    "Exit status: 0 the plan keeps every rule (late patients are not violations\n"
    "unless allow_delay = no), 1 violations found, 2 the scenario or the plan\n"
    "cannot be read (or a usage error).\n";

/* Prints the warnings of d, at most REPORT_MAX_SHOWN (its errors are
 * violations, printed by the caller). */
static void print_warnings(const diag_list *d)
{
    size_t shown = 0;
    for (size_t i = 0; i < diag_kept(d) && shown < REPORT_MAX_SHOWN; i++) {
        const struct diag *g = diag_get(d, i);
        if (g->level != DIAG_WARNING)
            continue;
        shown++;
        if (g->file && g->line > 0)
            fprintf(stderr, "%s:%d: warning: %s\n", g->file, g->line, g->msg);
        else if (g->file)
            fprintf(stderr, "%s: warning: %s\n", g->file, g->msg);
        else
            fprintf(stderr, "planner: warning: %s\n", g->msg);
    }
    if (diag_warnings(d) > shown)
        fprintf(stderr, "... and %zu more warning%s not shown\n", diag_warnings(d) - shown,
                diag_warnings(d) - shown == 1 ? "" : "s");
}

/* The rule families in the order they run: calendar first, as it collects
 * the placed batches the others judge. A new family is a file and a row. */
static int (*const families[])(struct verify *V) = {
    verify_calendar, verify_rooms, verify_staff, verify_materials,
};

/* Runs every family over a plan that was read. Returns -1 when memory ran
 * out. */
static int verify_plan(struct verify *V)
{
    const struct scenario *s = V->s;
    /* Ids the scenario does not have are violations of the plan, found
     * when it was read. */
    for (size_t i = 0; i < diag_kept(V->d); i++) {
        const struct diag *g = diag_get(V->d, i);
        if (g->level == DIAG_ERROR)
            violation(V, "%s:%d: %s", g->file, g->line, g->msg);
    }
    size_t kept_errors = 0;
    for (size_t i = 0; i < diag_kept(V->d); i++)
        kept_errors += diag_get(V->d, i)->level == DIAG_ERROR;
    V->count += diag_errors(V->d) - kept_errors;

    V->ndays = s->day_last - s->start + 1;
    for (size_t i = 0; i < sizeof families / sizeof *families; i++)
        if (families[i](V) != 0)
            return -1;
    return V->oom ? -1 : 0;
}

int verify_dir(const struct scenario *s, const char *dir, struct verify_report *r)
{
    struct verify V;
    struct plan *p = NULL;
    diag_list *pd = diag_new();
    int rc = -1;
    memset(r, 0, sizeof *r);
    memset(&V, 0, sizeof V);
    V.shown = malloc(VERIFY_MAX_SHOWN * sizeof *V.shown);
    if (!pd || !V.shown)
        goto done;
    enum plan_status ps = plan_read(dir, s, pd, &p);
    if (ps == PLAN_NOMEM)
        goto done;
    if (ps == PLAN_UNREADABLE) {
        /* Our own files unreadable: as loud as a violation. */
        const struct diag *g = diag_kept(pd) ? diag_get(pd, 0) : NULL;
        char buf[600];
        snprintf(buf, sizeof buf, "%s: %s%s%s", dir, plan_strerror(ps), g ? ": " : "", g ? g->msg : "");
        r->shown = malloc(sizeof *r->shown);
        if (!r->shown || !(r->shown[0] = strdup(buf))) {
            free(r->shown);
            r->shown = NULL;
            goto done;
        }
        r->nshown = r->count = 1;
        rc = 0;
        goto done;
    }
    V.s = s;
    V.p = p;
    V.d = pd;
    if (verify_plan(&V) != 0)
        goto done;
    r->shown = V.shown;
    r->nshown = V.nshown;
    r->count = V.count;
    V.shown = NULL;
    V.nshown = 0;
    rc = 0;
done:
    for (size_t i = 0; i < V.nshown; i++)
        free(V.shown[i]);
    free(V.shown);
    free(V.row_of);
    free(V.batches);
    plan_free(p);
    diag_free(pd);
    return rc;
}

void verify_report_free(struct verify_report *r)
{
    for (size_t i = 0; i < r->nshown; i++)
        free(r->shown[i]);
    free(r->shown);
    memset(r, 0, sizeof *r);
}

int cmd_verify(int argc, char **argv)
{
    int quiet = 0, rc = EXIT_BAD_INPUT;
    const struct opt rows[] = {
        {.key = 'q', .name = "quiet", .kind = OPT_FLAG, .help = "violations only: no warnings, no summary",
         .to = &quiet},
    };
    const struct opt_command cmd = {.name = "verify", .operands = "SCENARIO.ini DIR", .about = verify_about,
                                    .rows = rows, .nrows = sizeof rows / sizeof rows[0],
                                    .epilogue = verify_epilogue};
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (ops.n > 2) {
        fprintf(stderr, "planner verify: one scenario and one plan directory ('%s' is one too many)\n",
                ops.v[2]);
        return EXIT_BAD_INPUT;
    }
    const char *ini = ops.n > 0 ? ops.v[0] : NULL, *dir = ops.n > 1 ? ops.v[1] : NULL;
    if (!ini || !dir) {
        fprintf(stderr, "planner verify: %s? usage: planner verify [-q] SCENARIO.ini DIR\n",
                ini ? "which plan directory" : "which scenario and plan directory");
        return EXIT_BAD_INPUT;
    }

    struct verify V;
    struct scenario *s = NULL;
    struct plan *p = NULL;
    diag_list *sd = diag_new(), *pd = diag_new();
    memset(&V, 0, sizeof V);
    V.shown = malloc(VERIFY_MAX_SHOWN * sizeof *V.shown);
    if (!sd || !pd || !V.shown)
        goto nomem;

    enum scn_status st = scn_load(ini, sd, &s);
    report_diags(stderr, sd, quiet);
    if (st != SCN_OK) {
        fprintf(stderr, "planner verify: %s: %s (see 'planner check %s')\n", ini, scn_strerror(st), ini);
        goto done;
    }
    enum plan_status ps = plan_read(dir, s, pd, &p);
    if (ps == PLAN_UNREADABLE || ps == PLAN_NOMEM) {
        report_diags(stderr, pd, quiet);
        fprintf(stderr, "planner verify: %s: %s\n", dir, plan_strerror(ps));
        goto done;
    }
    V.s = s;
    V.p = p;
    V.d = pd;
    if (verify_plan(&V) != 0)
        goto nomem;

    for (size_t i = 0; i < V.nshown; i++)
        printf("%s\n", V.shown[i]);
    if (V.count > V.nshown)
        printf("... and %zu more violation%s\n", V.count - V.nshown, V.count - V.nshown == 1 ? "" : "s");
    fflush(stdout);
    if (!quiet)
        print_warnings(pd);
    if (V.count) {
        if (!quiet)
            fprintf(stderr, "%zu violation%s\n", V.count, V.count == 1 ? "" : "s");
        rc = EXIT_LATE;
    } else {
        int n[3] = {0, 0, 0};
        for (int i = 0; i < s->npatients; i++)
            n[p->batches[V.row_of[i]].status]++;
        if (!quiet)
            fprintf(stderr, "plan is valid: %d on time, %d late, %d unserved\n", n[PLAN_ON_TIME],
                    n[PLAN_LATE], n[PLAN_UNSERVED]);
        rc = EXIT_DONE;
    }
    goto done;
nomem:
    fprintf(stderr, "planner: out of memory\n");
    rc = EXIT_BAD_INPUT;
done:
    for (size_t i = 0; i < V.nshown; i++)
        free(V.shown[i]);
    free(V.shown);
    free(V.row_of);
    free(V.batches);
    plan_free(p);
    scn_free(s);
    diag_free(sd);
    diag_free(pd);
    return rc;
}
