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
#include "planner/options.h"
#include "planner/output.h"
#include "planner/plan_files.h"
#include "planner/plan_view.h"
#include "planner/progress.h"
#include "planner/report.h"
#include "planner/summary.h"
#include "planner/verify.h"
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

/* The help of plan and export, around their options. */
static const char plan_about[] =
    "Plans every patient of the scenario: the fewest unserved patients, then\n"
    "the least delay, then the least cost (docs/model.md). Writes calendar.csv,\n"
    "room_grid.csv, roster.csv, orders.csv, inventory.csv, kpis.csv and the\n"
    "other formats (plan.xlsx, report.html: docs/output-formats.md) into DIR\n"
    "(all or nothing) and prints a summary.\n";
static const char plan_epilogue[] =
    "Ctrl-C (or SIGTERM) stops the search and writes the best plan found.\n"
    "While a long search runs, a status line on stderr shows its progress when\n"
    "stderr is a terminal (with -v: a log line every 5 s, terminal or not).\n"
    "\n"
    "Exit status: 0 plan written, every patient on time; 1 plan written with\n"
    "late or unserved patients; 2 bad input or usage; 3 no plan written\n"
    "(allow_delay = no and some patient would be late, or the plan could not\n"
    "be written).\n";
static const char export_about[] =
    "Writes the mixed-integer program that 'planner plan' solves (its\n"
    "unserved and delay levels in one objective: docs/model.md) in free MPS\n"
    "or CPLEX LP format, to compare with glpsol or cbc:\n"
    "  planner export scenario.ini --mps model.mps && cbc model.mps solve\n"
    "One of --mps and --lp, once.\n";
static const char export_epilogue[] =
    "Exit status: 0 written; 2 bad input or usage; 3 the file could not be\n"
    "written.\n";

/* export's --mps and --lp: one file, one format. */
struct export_target {
    const char *file;
    enum export_format format;
};

static int export_file(const struct opt *row, const char *value, void *ctx)
{
    struct export_target *t = ctx;
    if (t->file) {
        fprintf(stderr, "planner export: one of --mps and --lp, once\n");
        return EXIT_BAD_INPUT;
    }
    t->format = strcmp(row->name, "mps") == 0 ? EXPORT_MPS : EXPORT_LP;
    t->file = value;
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

/* The search's progress: with -v, a log line every 5 s (bench/run.sh
 * reads them); otherwise a status line on a terminal only
 * (planner/progress.h), nothing in a pipe. */
struct plan_progress {
    struct progress line;
    int verbose;
};

static void progress(const struct solve_progress *p, void *arg)
{
    struct plan_progress *pp = arg;
    char text[256];
    if (!p->have_plan)
        snprintf(text, sizeof text, "%5.0f s  %s level: no plan yet, bound %.6g", p->seconds, p->stage,
                 p->bound > -DBL_MAX ? p->bound : 0);
    else if (p->bound <= -DBL_MAX)
        /* The LP relaxation is still being solved: no bound to show. */
        snprintf(text, sizeof text, "%5.0f s  %s level: best %.6g, bound not known yet (LP relaxation)",
                 p->seconds, p->stage, p->best);
    else
        snprintf(text, sizeof text, "%5.0f s  %s level: best %.6g, bound %.6g, gap %.2f %%", p->seconds,
                 p->stage, p->best, p->bound, p->gap < DBL_MAX ? 100 * p->gap : 100.0);
    if (pp->verbose)
        fprintf(stderr, "planner: %s\n", text);
    else
        progress_show(&pp->line, "%s", text);
}

static void glpk_log(const char *text, void *arg)
{
    (void)arg;
    fputs(text, stderr);
}

/* allow_delay = no: a plan with late or unserved patients is no plan.
 * Lateness is the view's (the same as kpis.csv and the summary). */
static int refuse_delay(const struct plan_view *v)
{
    const struct scenario *s = v->s;
    const struct solution *sol = v->sol;
    int bad = 0;
    char a[DATE_BUFSZ], b[DATE_BUFSZ], why[512];
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (!pv_late_or_unserved(v, p))
            continue;
        solve_explain(s, sol, p, why, sizeof why);
        bad++;
        if (v->batch_of[p] < 0) {
            fprintf(stderr, "planner plan: %s cannot be served (due %s): %s\n", pt->id,
                    date_format(pt->due, a), why);
            continue;
        }
        const struct batch_times *t = &v->batches[v->batch_of[p]].t;
        fprintf(stderr, "planner plan: %s would be delivered on %s, %d day%s after due %s: %s\n", pt->id,
                date_format(t->delivery, a), t->delay, t->delay == 1 ? "" : "s", date_format(pt->due, b),
                why);
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

/* plan_publish in the output settings o (NULL: the scenario's [output]). */
static int publish_as(const struct plan_view *v, const char *dir, const struct output_settings *o,
                      char *err, size_t size)
{
    struct self_check c = {v->s};
    return plan_files_publish_as(v, dir, o, self_verify, &c, err, size);
}

int plan_publish(const struct plan_view *v, const char *dir, char *err, size_t size)
{
    return publish_as(v, dir, NULL, err, size);
}

int cmd_plan(int argc, char **argv)
{
    const char *dir = "out", *csv_name = NULL, *formats = NULL;
    int quiet = 0, verbose = 0, heuristic = 0;
    double time_limit = -1, gap = -1;
    const struct opt rows[] = {
        {.key = 'o', .name = "output", .kind = OPT_STRING, .arg = "DIR",
         .help = "plan directory (default: out)", .to = &dir},
        {.name = "time-limit", .kind = OPT_NUMBER, .arg = "S",
         .help = "seconds of wall clock for the search; default: the\nscenario's [solver] time_limit, else 60",
         .to = &time_limit, .lo = 0.001, .hi = 1e7},
        {.name = "gap", .kind = OPT_NUMBER, .arg = "G",
         .help = "relative gap at which the cost level stops; default:\nthe scenario's mip_gap, else 0.0001",
         .to = &gap, .lo = 0, .hi = 1},
        {.name = "heuristic", .kind = OPT_FLAG, .help = "the constructive heuristic's plan only, no MILP",
         .to = &heuristic},
        {.key = 'q', .name = "quiet", .kind = OPT_FLAG, .help = "one summary line, errors only on stderr",
         .to = &quiet},
        {.key = 'v', .name = "verbose", .kind = OPT_FLAG, .help = "GLPK's own log on stderr", .to = &verbose},
        {.name = "csv", .kind = OPT_STRING, .arg = "DIALECT",
         .help = "CSV dialect, replacing [output] delimiter, decimal and\nbom: rfc4180 (the default), excel (a BOM), "
                 "excel-fr\n(';', a decimal comma and a BOM)",
         .to = &csv_name},
        {.name = "formats", .kind = OPT_STRING, .arg = "LIST",
         .help = "formats to write, replacing [output] formats: csv and\nany of xlsx ... (default: every format)",
         .to = &formats},
    };
    const struct opt_command cmd = {.name = "plan", .operands = "SCENARIO.ini", .about = plan_about,
                                    .rows = rows, .nrows = sizeof rows / sizeof rows[0],
                                    .epilogue = plan_epilogue};
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (ops.n > 1) {
        fprintf(stderr, "planner plan: one scenario at a time ('%s' and '%s')\n", ops.v[0], ops.v[1]);
        return EXIT_BAD_INPUT;
    }
    const char *path = ops.n ? ops.v[0] : NULL;
    if (!path || !*path) {
        fprintf(stderr, "planner plan: which scenario? usage: planner plan SCENARIO.ini [-o DIR]\n");
        return EXIT_BAD_INPUT;
    }
    struct output_settings out;
    char err[1024];
    /* The flags' own mistakes first, before a scenario is read. */
    if ((csv_name && output_set_csv(&out, csv_name, err, sizeof err) != 0) ||
        (formats && output_set_formats(&out, formats, err, sizeof err) != 0)) {
        fprintf(stderr, "planner plan: %s\n", err);
        return EXIT_BAD_INPUT;
    }
    struct scenario *s = load("plan", path, quiet);
    if (!s)
        return EXIT_BAD_INPUT;
    int rc = EXIT_NO_PLAN;
    struct solution *sol = NULL;
    struct plan_view view = {0};
    /* [output], then the flags over it. */
    if (output_from_scenario(&out, s, err, sizeof err) != 0 ||
        (csv_name && output_set_csv(&out, csv_name, err, sizeof err) != 0) ||
        (formats && output_set_formats(&out, formats, err, sizeof err) != 0)) {
        fprintf(stderr, "planner plan: %s\n", err);
        rc = EXIT_BAD_INPUT;
        goto done;
    }
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
    struct plan_progress pp = {.verbose = verbose};
    progress_start(&pp.line, stderr, "planner plan", quiet || verbose);
    o.progress = quiet || !(verbose || pp.line.on) ? NULL : progress;
    o.arg = &pp;
    if (pp.line.on)
        o.progress_every = 1;
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
    progress_end(&pp.line);
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
    /* Delays, lateness and the KPIs, once, for everything below. */
    if (pv_build(&view, s, sol) != 0) {
        fprintf(stderr, "planner plan: out of memory; no plan written\n");
        goto done;
    }
    if (!s->allow_delay && refuse_delay(&view))
        goto done;
    if (publish_as(&view, dir, &out, err, sizeof err) != 0) {
        fprintf(stderr, "planner plan: %s; no plan written\n", err);
        goto done;
    }
    plan_summary(stdout, &view, quiet);
    rc = view.k.late + view.k.unserved > 0 ? EXIT_LATE : EXIT_DONE;
done:
    pv_free(&view);
    solution_free(sol);
    scn_free(s);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    struct export_target target = {NULL, EXPORT_MPS};
    static const struct opt rows[] = {
        {.name = "mps", .kind = OPT_CALL, .arg = "FILE", .help = "free MPS (glpsol --freemps, cbc)",
         .call = export_file},
        {.name = "lp", .kind = OPT_CALL, .arg = "FILE", .help = "CPLEX LP (glpsol --lp, cbc)",
         .call = export_file},
    };
    static const struct opt_command cmd = {.name = "export", .operands = "SCENARIO.ini",
                                           .about = export_about, .rows = rows,
                                           .nrows = sizeof rows / sizeof rows[0],
                                           .epilogue = export_epilogue};
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, &target, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (ops.n > 1) {
        fprintf(stderr, "planner export: one scenario at a time ('%s' and '%s')\n", ops.v[0], ops.v[1]);
        return EXIT_BAD_INPUT;
    }
    const char *path = ops.n ? ops.v[0] : NULL, *file = target.file;
    enum export_format f = target.format;
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
