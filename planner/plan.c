/* planner plan: a scenario in, a plan directory out, and a summary a
 * planner reads in ten seconds. planner export: the MILP that plan solves,
 * for another solver. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/batch.h"
#include "models/date.h"
#include "models/scenario.h"
#include "planner/commands.h"
#include "planner/plan_files.h"
#include "planner/summary.h"
#include "solver/solver.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    if (stop_requested) {
        /* A second Ctrl-C: the user will not wait for the plan. The
         * signal is blocked in its handler, so it ends the program as soon
         * as the handler returns. */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    stop_requested = 1;
}

static void plan_usage(FILE *out)
{
    fprintf(out,
            "Usage: planner plan SCENARIO.ini [-o DIR] [--time-limit S] [--gap G] [-q] [-v]\n"
            "\n"
            "Plans every patient of the scenario: the fewest unserved patients, then\n"
            "the least delay, then the least cost (docs/model.md). Writes calendar.csv,\n"
            "room_grid.csv, roster.csv, orders.csv, inventory.csv and kpis.csv into DIR\n"
            "(all or nothing) and prints a summary.\n"
            "\n"
            "  -o, --output DIR    plan directory (default: out)\n"
            "  --time-limit S      seconds of wall clock for the search (default: the\n"
            "                      scenario's [solver] time_limit, else 60)\n"
            "  --gap G             relative gap at which the cost level stops (default:\n"
            "                      the scenario's mip_gap, else 0.0001)\n"
            "  --heuristic         the constructive heuristic's plan only, no MILP\n"
            "  -q, --quiet         one summary line, errors only on stderr\n"
            "  -v, --verbose       GLPK's own log on stderr\n"
            "  -h, --help          this help\n"
            "\n"
            "Ctrl-C (or SIGTERM) stops the search and writes the best plan found.\n"
            "While a long search runs, a progress line goes to stderr every 5 s.\n"
            "\n"
            "Exit status: 0 plan written, every patient on time; 1 plan written with\n"
            "late or unserved patients; 2 bad input or usage; 3 no plan written\n"
            "(allow_delay = no and some patient would be late, or the plan could not\n"
            "be written).\n");
}

static void export_usage(FILE *out)
{
    fprintf(out,
            "Usage: planner export SCENARIO.ini (--mps FILE | --lp FILE)\n"
            "\n"
            "Writes the mixed-integer program that 'planner plan' solves (its\n"
            "unserved and delay levels in one objective: docs/model.md) in free MPS\n"
            "or CPLEX LP format, to compare with glpsol or cbc:\n"
            "  planner export scenario.ini --mps model.mps && cbc model.mps solve\n"
            "\n"
            "  --mps FILE   free MPS (glpsol --freemps, cbc)\n"
            "  --lp FILE    CPLEX LP (glpsol --lp, cbc)\n"
            "  -h, --help   this help\n"
            "\n"
            "Exit status: 0 written; 2 bad input or usage; 3 the file could not be\n"
            "written.\n");
}

/* A number option: strtod with every check. */
static int parse_number(const char *cmd, const char *opt, const char *text, double lo, double hi,
                        double *out)
{
    char *end;
    errno = 0;
    double v = text ? strtod(text, &end) : 0;
    if (!text || end == text || *end || errno || !isfinite(v) || v < lo || v > hi) {
        fprintf(stderr, "planner %s: %s needs a number from %g to %g, not '%s'\n", cmd, opt, lo, hi,
                text ? text : "");
        return -1;
    }
    *out = v;
    return 0;
}

static struct scenario *load(const char *cmd, const char *path, int quiet)
{
    diag_list *d = diag_new();
    if (!d) {
        fprintf(stderr, "planner: out of memory\n");
        return NULL;
    }
    struct scenario *s = NULL;
    enum scn_status st = scn_load(path, d, &s);
    report_warn_empty(d, s);
    report_diags(stderr, d, quiet);
    if (st != SCN_OK)
        fprintf(stderr, "planner %s: %s: %zu error%s; nothing planned\n", cmd, path, diag_errors(d),
                diag_errors(d) == 1 ? "" : "s");
    diag_free(d);
    return s;
}

static void progress(const struct solve_progress *p, void *arg)
{
    (void)arg;
    if (!p->have_plan) {
        fprintf(stderr, "planner: %5.0f s  %s level: no plan yet, bound %.6g\n", p->seconds, p->stage,
                p->bound > -DBL_MAX ? p->bound : 0);
        return;
    }
    fprintf(stderr, "planner: %5.0f s  %s level: best %.6g, bound %.6g, gap %.2f %%\n", p->seconds,
            p->stage, p->best, p->bound > -DBL_MAX ? p->bound : 0,
            p->gap < DBL_MAX ? 100 * p->gap : 100.0);
}

static void glpk_log(const char *text, void *arg)
{
    (void)arg;
    fputs(text, stderr);
}

/* allow_delay = no: a plan with late or unserved patients is no plan. */
static int refuse_delay(const struct scenario *s, const struct solution *sol)
{
    int bad = 0;
    char a[DATE_BUFSZ], b[DATE_BUFSZ], why[512];
    for (int p = 0; p < s->npatients; p++) {
        const struct sol_batch *bt = &sol->batch[p];
        const struct patient *pt = &s->patients[p];
        if (bt->start == DATE_NONE) {
            solve_explain(s, sol, p, why, sizeof why);
            fprintf(stderr, "planner plan: %s cannot be served (due %s): %s\n", pt->id,
                    date_format(pt->due, a), why);
            bad++;
            continue;
        }
        struct batch_times t;
        batch_times(s, p, bt->process, bt->start, &t);
        if (t.delay > 0) {
            solve_explain(s, sol, p, why, sizeof why);
            fprintf(stderr, "planner plan: %s would be delivered on %s, %d day%s after due %s: %s\n",
                    pt->id, date_format(t.delivery, a), t.delay, t.delay == 1 ? "" : "s",
                    date_format(pt->due, b), why);
            bad++;
        }
    }
    if (bad)
        fprintf(stderr,
                "planner plan: allow_delay = no and %d patient%s would be late or unserved%s; "
                "no plan written\n",
                bad, bad == 1 ? "" : "s",
                sol->status == SOLVE_OPTIMAL ? "" : " in the best plan found (not proven optimal)");
    return bad;
}

/* The last guard: the plan, as it will be published, checked by verify's
 * own rules (independent of the formulation). A violation here is a bug in
 * the planner, never the user's fault: no plan is published. */
struct self_check {
    const struct scenario *s;
};

static int self_verify(const char *staging, void *arg, char *err, size_t size)
{
    const struct scenario *s = ((const struct self_check *)arg)->s;
    struct verify_report r;
    if (verify_dir(s, staging, &r) != 0) {
        snprintf(err, size, "out of memory while verifying the plan");
        return -1;
    }
    if (r.count == 0) {
        verify_report_free(&r);
        return 0;
    }
    for (size_t i = 0; i < r.nshown && i < 20; i++)
        fprintf(stderr, "planner plan: internal error: the plan breaks a rule: %s\n", r.shown[i]);
    snprintf(err, size,
             "internal error: the plan found breaks %zu rule%s of the scenario (a bug: please "
             "report it with the scenario)",
             r.count, r.count == 1 ? "" : "s");
    verify_report_free(&r);
    return 1;
}

int plan_publish(const struct scenario *s, const struct solution *sol, const char *dir, char *err,
                 size_t size)
{
    struct self_check c = {s};
    return plan_files_write_checked(s, sol, dir, self_verify, &c, err, size);
}

int cmd_plan(int argc, char **argv)
{
    const char *path = NULL, *dir = "out";
    int quiet = 0, verbose = 0, heuristic = 0;
    double time_limit = -1, gap = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            plan_usage(stdout);
            return EXIT_DONE;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            verbose = 1;
        } else if (strcmp(a, "--heuristic") == 0) {
            heuristic = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "planner plan: %s needs a directory\n", a);
                return EXIT_BAD_INPUT;
            }
            dir = argv[++i];
        } else if (strcmp(a, "--time-limit") == 0) {
            if (parse_number("plan", a, i + 1 < argc ? argv[++i] : NULL, 0.001, 1e7, &time_limit) < 0)
                return EXIT_BAD_INPUT;
        } else if (strcmp(a, "--gap") == 0) {
            if (parse_number("plan", a, i + 1 < argc ? argv[++i] : NULL, 0, 1, &gap) < 0)
                return EXIT_BAD_INPUT;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "planner plan: unknown option '%s'; see 'planner plan --help'\n", a);
            return EXIT_BAD_INPUT;
        } else if (path) {
            fprintf(stderr, "planner plan: one scenario at a time ('%s' and '%s')\n", path, a);
            return EXIT_BAD_INPUT;
        } else {
            path = a;
        }
    }
    if (!path || !*path) {
        fprintf(stderr, "planner plan: which scenario? usage: planner plan SCENARIO.ini [-o DIR]\n");
        return EXIT_BAD_INPUT;
    }
    struct scenario *s = load("plan", path, quiet);
    if (!s)
        return EXIT_BAD_INPUT;
    int rc = EXIT_NO_PLAN;
    struct solution *sol = NULL;
    char err[1024];
    /* Before a long solve: can the plan be written at all? */
    if (plan_files_check_dir(dir, err, sizeof err) != 0) {
        fprintf(stderr, "planner plan: %s\n", err);
        rc = EXIT_BAD_INPUT;
        goto done;
    }
    struct solve_options o;
    solve_options_init(&o, s);
    if (time_limit > 0)
        o.time_limit = time_limit;
    if (gap >= 0)
        o.mip_gap = gap;
    o.heuristic_only = heuristic;
    o.glpk_output = verbose;
    o.log = glpk_log;
    o.progress = quiet ? NULL : progress;
    o.stop = &stop_requested;
    /* Half the machine's memory: the size estimate refuses beyond. */
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0)
        o.memory = (double)pages * (double)page / 2;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    /* A signal blocked by whoever started us (and pending) counts too. */
    sigset_t stop_set;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGINT);
    sigaddset(&stop_set, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &stop_set, NULL);
    enum solve_error e = solve(s, &o, &sol, err, sizeof err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (e != SOLVE_OK) {
        fprintf(stderr, "planner plan: %s; no plan written\n", err);
        goto done;
    }
    if (sol->note[0])
        fprintf(stderr, "planner plan: %s\n", sol->note);
    if (verbose) {
        const struct solve_stats *st = &sol->stats;
        fprintf(stderr,
                "planner plan: %d candidate starts, %d room group%s; model %d rows, %d columns "
                "(%d binary), %d nonzeros; %d MIP stage%s, %ld nodes; heuristic: weighted "
                "unserved %g, weighted delay %g in %.3f s; LP-guided plans %d, %d of them better\n",
                st->candidates, st->room_groups, st->room_groups == 1 ? "" : "s", st->rows, st->cols,
                st->binaries, st->nonzeros, st->stages, st->stages == 1 ? "" : "s", st->nodes,
                st->heur_weighted_unserved, st->heur_weighted_delay, st->heur_seconds, st->guided,
                st->guided_better);
    }
    if (!s->allow_delay && refuse_delay(s, sol))
        goto done;
    if (plan_publish(s, sol, dir, err, sizeof err) != 0) {
        fprintf(stderr, "planner plan: %s; no plan written\n", err);
        goto done;
    }
    plan_summary(stdout, s, sol, quiet);
    rc = EXIT_DONE;
    for (int p = 0; p < s->npatients && rc == EXIT_DONE; p++) {
        const struct sol_batch *b = &sol->batch[p];
        if (b->start == DATE_NONE) {
            rc = EXIT_LATE;
        } else {
            struct batch_times t;
            batch_times(s, p, b->process, b->start, &t);
            if (t.delay > 0)
                rc = EXIT_LATE;
        }
    }
done:
    solution_free(sol);
    scn_free(s);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    const char *path = NULL, *file = NULL;
    enum export_format f = EXPORT_MPS;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            export_usage(stdout);
            return EXIT_DONE;
        } else if (strcmp(a, "--mps") == 0 || strcmp(a, "--lp") == 0) {
            if (file) {
                fprintf(stderr, "planner export: one of --mps and --lp, once\n");
                return EXIT_BAD_INPUT;
            }
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "planner export: %s needs a file name\n", a);
                return EXIT_BAD_INPUT;
            }
            f = strcmp(a, "--mps") == 0 ? EXPORT_MPS : EXPORT_LP;
            file = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "planner export: unknown option '%s'; see 'planner export --help'\n", a);
            return EXIT_BAD_INPUT;
        } else if (path) {
            fprintf(stderr, "planner export: one scenario at a time ('%s' and '%s')\n", path, a);
            return EXIT_BAD_INPUT;
        } else {
            path = a;
        }
    }
    if (!path || !file) {
        fprintf(stderr, "planner export: usage: planner export SCENARIO.ini (--mps FILE | --lp FILE)\n");
        return EXIT_BAD_INPUT;
    }
    struct scenario *s = load("export", path, 0);
    if (!s)
        return EXIT_BAD_INPUT;
    /* GLPK writes the file itself: give it a temporary name beside the
     * target and rename when complete, so a failure leaves no half model. */
    size_t n = strlen(file) + 32;
    char *tmp = malloc(n);
    char err[1024];
    int rc = EXIT_NO_PLAN;
    if (!tmp) {
        fprintf(stderr, "planner: out of memory\n");
        goto done;
    }
    snprintf(tmp, n, "%s.tmp.%ld", file, (long)getpid());
    double w = 0, fixed = 0;
    enum solve_error e = solve_export(s, f, tmp, &w, &fixed, err, sizeof err);
    if (e != SOLVE_OK) {
        unlink(tmp);
        fprintf(stderr, "planner export: %s\n", err);
        goto done;
    }
    if (err[0])
        fprintf(stderr, "planner export: warning: %s\n", err);
    if (rename(tmp, file) != 0) {
        fprintf(stderr, "planner export: %s: %s\n", file, strerror(errno));
        unlink(tmp);
        goto done;
    }
    /* What the objective means, to compare with plan's kpis.csv. */
    /* The fixed batches' delay is a constant, left out of the file. */
    if (fixed > 0)
        printf("%s: objective = %.15g x weighted_unserved + weighted_delay - %.15g\n", file, w, fixed);
    else
        printf("%s: objective = %.15g x weighted_unserved + weighted_delay\n", file, w);
    rc = EXIT_DONE;
done:
    free(tmp);
    scn_free(s);
    return rc;
}
