/* Unit tests of the constructive heuristic (solver/heur.h), the per-day
 * staff assignment (solver/staffday.h) and the explanations of late and
 * unserved patients (solve_explain, solver/explain.h).
 *
 * The small scenarios under tests/fixtures/heur-<name>/ (horizon from
 * 2027-01-04, a Monday; the site ships every day with no transit, so
 * delivery = release) each isolate one rule. Generated scenarios (written
 * to a temporary directory) mix every rule at a larger size. Every plan
 * the heuristic returns is written out and checked by verify's rules
 * (verify_dir, the code of `planner verify`), which share no code with
 * the solver. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/batch.h"
#include "models/date.h"
#include "models/diag.h"
#include "models/scenario.h"
#include "planner/commands.h"
#include "planner/plan_files.h"
#include "planner/verify.h"
#include "solver/cand.h"
#include "solver/explain.h"
#include "solver/heur.h"
#include "solver/solver.h"
#include "solver/staffday.h"
#include "tests/e2e_util.h"

#define FIX "tests/fixtures/"

static diag_list *D;
static struct scenario *S;
static struct cands *C;
static struct solution *SOL;
static int *CHOSEN;
static char *TMP;

static void setup(void)
{
    D = diag_new();
    cr_assert_not_null(D);
    S = NULL;
    C = NULL;
    SOL = NULL;
    CHOSEN = NULL;
    TMP = NULL;
}

static void teardown(void)
{
    solution_free(SOL);
    free(CHOSEN);
    cand_free(C);
    scn_free(S);
    diag_free(D);
    if (TMP) {
        e2e_rmtree(TMP);
        free(TMP);
    }
}

TestSuite(staffday, .init = setup, .fini = teardown);
TestSuite(heur, .init = setup, .fini = teardown);
TestSuite(explain, .init = setup, .fini = teardown);

static int day(const char *s)
{
    int d;
    cr_assert_eq(date_parse(s, &d), 0, "bad date in the test: %s", s);
    return d;
}

static const char *fmt(int d)
{
    static char buf[4][DATE_BUFSZ];
    static int i;
    i = (i + 1) % 4;
    return d == DATE_NONE ? "none" : date_format(d, buf[i]);
}

static void load(const char *path)
{
    enum scn_status st = scn_load(path, D, &S);
    if (st != SCN_OK)
        for (size_t i = 0; i < diag_kept(D); i++)
            cr_log_error("%s:%d: %s", diag_get(D, i)->file ? diag_get(D, i)->file : "-",
                         diag_get(D, i)->line, diag_get(D, i)->msg);
    cr_assert_eq(st, SCN_OK, "%s: %s", path, scn_strerror(st));
    cr_assert_eq(diag_errors(D), 0);
}

static int patient(const char *id)
{
    int p = scn_find_patient(S, id);
    cr_assert_geq(p, 0, "patient %s is missing", id);
    return p;
}

/* ==== the independent check ============================================= */

struct score {
    int unserved;
    double weighted_unserved;
    int total_delay;
    double weighted_delay;
};

static int delay_of(const struct scenario *s, int p)
{
    const struct sol_batch *b = &SOL->batch[p];
    struct batch_times t;
    batch_times(s, p, b->process, b->start, &t);
    return t.delay;
}

/* Checks SOL against every rule of the contract with verify's rules
 * (planner verify's own code, independent of the solver): the plan is
 * written as `planner plan` writes it, to a temporary directory, and
 * verify_dir reads it back. Returns the plan's score. */
static struct score check_plan(void)
{
    const struct scenario *s = S;
    struct score sc = {0, 0, 0, 0};
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir, "cannot make a directory under /tmp");
    char err[512] = "";
    int wrote = plan_files_write(s, SOL, dir, err, sizeof err);
    struct verify_report r = {NULL, 0, 0};
    int checked = wrote == 0 ? verify_dir(s, dir, &r) : -1;
    e2e_rmtree(dir);
    free(dir);
    cr_assert_eq(wrote, 0, "the heuristic's plan cannot be written: %s", err);
    cr_assert_eq(checked, 0, "verify_dir: out of memory");
    char shown[4096] = "";
    size_t used = 0;
    for (size_t i = 0; i < r.nshown && i < 20 && used < sizeof shown; i++) {
        int n = snprintf(shown + used, sizeof shown - used, "  %s\n", r.shown[i]);
        used += n > 0 ? (size_t)n : 0;
    }
    size_t count = r.count;
    verify_report_free(&r);
    cr_assert_eq(count, 0, "the heuristic's plan breaks %zu rule%s:\n%s", count, count == 1 ? "" : "s",
                 shown);
    for (int p = 0; p < s->npatients; p++) {
        const struct patient *pt = &s->patients[p];
        if (SOL->batch[p].start == DATE_NONE) {
            sc.unserved++;
            sc.weighted_unserved += pt->priority;
        } else if (pt->fixed_start == DATE_NONE) {
            int dl = delay_of(s, p);
            sc.total_delay += dl;
            sc.weighted_delay += pt->priority * dl;
        }
    }
    for (int i = 1; i < SOL->norders; i++)
        cr_assert(SOL->orders[i - 1].material < SOL->orders[i].material ||
                      (SOL->orders[i - 1].material == SOL->orders[i].material &&
                       SOL->orders[i - 1].order_date <= SOL->orders[i].order_date),
                  "orders by material, then date");
    return sc;
}

/* Builds the candidates and the heuristic's plan of S, checks it. */
static struct score plan(void)
{
    C = cand_build(S);
    cr_assert_not_null(C);
    SOL = solution_new(S);
    CHOSEN = malloc(sizeof(int) * (size_t)(S->npatients + 1));
    cr_assert(SOL && CHOSEN);
    cr_assert_eq(heur_build(S, C, CHOSEN, SOL), HEUR_OK);
    for (int p = 0; p < S->npatients; p++) {
        if (CHOSEN[p] < 0)
            continue;
        const struct cand *x = &C->c[CHOSEN[p]];
        cr_assert_eq(x->patient, p);
        cr_assert_eq(x->start, SOL->batch[p].start);
        cr_assert_eq(x->process, SOL->batch[p].process);
        cr_assert_eq(C->group_of[SOL->batch[p].room], x->group);
    }
    return check_plan();
}

static void starts_on(const char *id, const char *date)
{
    int p = patient(id);
    cr_assert_str_eq(fmt(SOL->batch[p].start), date, "%s starts on %s, expected %s", id,
                     fmt(SOL->batch[p].start), date);
}

static void in_room(const char *id, const char *room)
{
    int p = patient(id);
    cr_assert_geq(SOL->batch[p].room, 0, "%s has no room", id);
    cr_assert_str_eq(S->rooms[SOL->batch[p].room].id, room);
}

static const char *skill_on(const char *person, const char *date)
{
    int q = scn_find_person(S, person);
    cr_assert_geq(q, 0);
    int k = SOL->skill_of[(size_t)q * (size_t)S->ndays + (size_t)(day(date) - S->start)];
    return k < 0 ? "-" : S->skills[k];
}

/* ==== staffday ============================================================ */

/* A day of at most 8 persons and 4 skills, written as in staff.csv. */
struct day_case {
    int nskills, npersons;
    struct person persons[8];
    int skills[8][4];
    double hours[8];
    double need_h[4];
    int need_p[4];
    int got[8];
};

static void person_is(struct day_case *c, int q, double hours, int n, const int *skills)
{
    for (int j = 0; j < n; j++)
        c->skills[q][j] = skills[j];
    c->persons[q] = (struct person){"p", c->skills[q], n, hours, WD_ALL, 0};
    c->hours[q] = hours;
}

static enum staffday_verdict solve_case(struct day_case *c)
{
    staffday *w = staffday_new(c->nskills, c->npersons, 0);
    cr_assert_not_null(w);
    enum staffday_verdict v =
        staffday_solve(w, c->persons, c->hours, c->need_h, c->need_p, c->got);
    staffday_free(w);
    return v;
}

/* The assignment in c->got covers the demand with persons present and
 * skilled. */
static void covers(const struct day_case *c)
{
    double h[4] = {0};
    int n[4] = {0};
    for (int q = 0; q < c->npersons; q++) {
        int k = c->got[q];
        if (k < 0)
            continue;
        int has = 0;
        for (int j = 0; j < c->persons[q].nskills; j++)
            has |= c->persons[q].skills[j] == k;
        cr_assert(has, "person %d given skill %d they lack", q, k);
        cr_assert_gt(c->hours[q], 0, "person %d absent", q);
        h[k] += c->hours[q];
        n[k]++;
    }
    for (int k = 0; k < c->nskills; k++) {
        cr_assert_geq(h[k], c->need_h[k] - 1e-9, "skill %d: %g h of %g", k, h[k], c->need_h[k]);
        cr_assert_geq(n[k], c->need_p[k], "skill %d: %d people of %d", k, n[k], c->need_p[k]);
    }
}

Test(staffday, exact_fit)
{
    struct day_case c = {.nskills = 1, .npersons = 2};
    person_is(&c, 0, 8, 1, (int[]){0});
    person_is(&c, 1, 8, 1, (int[]){0});
    c.need_h[0] = 16;
    c.need_p[0] = 2;
    cr_assert_eq(solve_case(&c), STAFFDAY_FEASIBLE);
    covers(&c);
    cr_assert_eq(c.got[0], 0);
    cr_assert_eq(c.got[1], 0);
}

Test(staffday, one_hour_short)
{
    struct day_case c = {.nskills = 1, .npersons = 2};
    person_is(&c, 0, 8, 1, (int[]){0});
    person_is(&c, 1, 8, 1, (int[]){0});
    c.need_h[0] = 17;
    c.need_p[0] = 1;
    cr_assert_eq(solve_case(&c), STAFFDAY_INFEASIBLE);
    cr_assert_eq(c.got[0], -1, "no assignment on failure");
    cr_assert_eq(c.got[1], -1);
}

Test(staffday, tolerance)
{
    /* 3 x 0.1 h is not 0.3 h in binary; the tolerance says it is. */
    struct day_case c = {.nskills = 1, .npersons = 1};
    person_is(&c, 0, 0.3, 1, (int[]){0});
    c.need_h[0] = 0.1 + 0.1 + 0.1;
    c.need_p[0] = 1;
    cr_assert_eq(solve_case(&c), STAFFDAY_FEASIBLE);
}

Test(staffday, people_short)
{
    /* Hours enough, but the step needs two persons at once. */
    struct day_case c = {.nskills = 1, .npersons = 2};
    person_is(&c, 0, 12, 1, (int[]){0});
    person_is(&c, 1, 0, 1, (int[]){0});   /* absent */
    c.need_h[0] = 4;
    c.need_p[0] = 2;
    cr_assert_eq(solve_case(&c), STAFFDAY_INFEASIBLE);
}

Test(staffday, nobody_needed)
{
    struct day_case c = {.nskills = 2, .npersons = 2};
    person_is(&c, 0, 8, 2, (int[]){0, 1});
    person_is(&c, 1, 8, 1, (int[]){1});
    c.need_h[1] = 4;
    c.need_p[1] = 1;
    cr_assert_eq(solve_case(&c), STAFFDAY_FEASIBLE);
    covers(&c);
    cr_assert_eq(c.got[0], -1, "the versatile person stays free");
    cr_assert_eq(c.got[1], 1);
}

Test(staffday, multi_skill_needs_backtracking)
{
    /* Y needs 12 h: only ana (Y alone, 10 h) with dora (Y or Z, 4 h)
     * gives it while leaving bob and carl (X, Y or Z) for X (8 h) and Z
     * (5 h, more than dora has). The search's first choices give Y a
     * versatile person and must be undone. */
    enum { X, Y, Z };
    struct day_case c = {.nskills = 3, .npersons = 4};
    person_is(&c, 0, 10, 1, (int[]){Y});       /* ana */
    person_is(&c, 1, 8, 3, (int[]){X, Y, Z});  /* bob */
    person_is(&c, 2, 4, 2, (int[]){Y, Z});     /* dora */
    person_is(&c, 3, 10, 3, (int[]){X, Y, Z}); /* carl */
    c.need_h[X] = 8;
    c.need_h[Y] = 12;
    c.need_h[Z] = 5;
    c.need_p[X] = c.need_p[Y] = c.need_p[Z] = 1;
    staffday *w = staffday_new(3, 4, 0);
    cr_assert_not_null(w);
    cr_assert_eq(staffday_solve(w, c.persons, c.hours, c.need_h, c.need_p, c.got),
                 STAFFDAY_FEASIBLE);
    cr_assert_gt(staffday_nodes(w), 5, "solved without undoing a choice (%ld nodes)",
                 staffday_nodes(w));
    staffday_free(w);
    covers(&c);
    cr_assert_eq(c.got[0], Y);
    cr_assert_eq(c.got[2], Y);
    cr_assert((c.got[1] == X && c.got[3] == Z) || (c.got[1] == Z && c.got[3] == X));
}

Test(staffday, infeasible_by_sharing)
{
    /* Each skill alone fits, both together do not: ana is needed twice. */
    struct day_case c = {.nskills = 2, .npersons = 2};
    person_is(&c, 0, 8, 2, (int[]){0, 1});
    person_is(&c, 1, 8, 1, (int[]){0});
    c.need_h[0] = 12;
    c.need_p[0] = 2;
    c.need_h[1] = 4;
    c.need_p[1] = 1;
    cr_assert_eq(solve_case(&c), STAFFDAY_INFEASIBLE);
}

Test(staffday, node_cap_gives_unknown)
{
    /* 8 identical persons, one short of the demand: proving it takes
     * more than one node. */
    struct day_case c = {.nskills = 2, .npersons = 8};
    for (int q = 0; q < 8; q++)
        person_is(&c, q, 8, 2, (int[]){0, 1});
    c.need_h[0] = 32;
    c.need_h[1] = 33;
    c.need_p[0] = c.need_p[1] = 1;
    staffday *w = staffday_new(2, 8, 1);
    cr_assert_not_null(w);
    enum staffday_verdict v = staffday_solve(w, c.persons, c.hours, c.need_h, c.need_p, c.got);
    cr_assert(v == STAFFDAY_UNKNOWN || v == STAFFDAY_INFEASIBLE);
    cr_assert_leq(staffday_nodes(w), 2);
    staffday_free(w);
    cr_assert_eq(solve_case(&c), STAFFDAY_INFEASIBLE);
}

/* Brute force: every person to one of their skills or none. */
static int brute(const struct day_case *c, int q, double *h, int *n)
{
    if (q == c->npersons) {
        for (int k = 0; k < c->nskills; k++)
            if (h[k] < c->need_h[k] - 1e-9 || n[k] < c->need_p[k])
                return 0;
        return 1;
    }
    if (brute(c, q + 1, h, n))
        return 1;
    if (c->hours[q] <= 0)
        return 0;
    for (int j = 0; j < c->persons[q].nskills; j++) {
        int k = c->persons[q].skills[j];
        h[k] += c->hours[q];
        n[k]++;
        int ok = brute(c, q + 1, h, n);
        h[k] -= c->hours[q];
        n[k]--;
        if (ok)
            return 1;
    }
    return 0;
}

Test(staffday, agrees_with_brute_force)
{
    unsigned seed = 12345;
    int feasible = 0;
    for (int t = 0; t < 3000; t++) {
        struct day_case c = {0};
        seed = seed * 1103515245u + 12345u;
        c.nskills = 1 + (int)((seed >> 16) % 4);
        seed = seed * 1103515245u + 12345u;
        c.npersons = 1 + (int)((seed >> 16) % 7);
        for (int q = 0; q < c.npersons; q++) {
            int sk[4], n = 0;
            seed = seed * 1103515245u + 12345u;
            unsigned mask = (seed >> 16) % (1u << c.nskills);
            if (!mask)
                mask = 1;
            for (int k = 0; k < c.nskills; k++)
                if (mask & (1u << k))
                    sk[n++] = k;
            seed = seed * 1103515245u + 12345u;
            double h = ((seed >> 16) % 6) * 2.0;   /* 0 (absent) .. 10 h */
            person_is(&c, q, h, n, sk);
        }
        for (int k = 0; k < c.nskills; k++) {
            seed = seed * 1103515245u + 12345u;
            c.need_h[k] = (double)((seed >> 16) % 18);
            seed = seed * 1103515245u + 12345u;
            c.need_p[k] = c.need_h[k] > 0 ? 1 + (int)((seed >> 16) % 3) : 0;
        }
        double h[4] = {0};
        int n[4] = {0};
        int expect = brute(&c, 0, h, n);
        enum staffday_verdict v = solve_case(&c);
        cr_assert_eq(v == STAFFDAY_FEASIBLE, expect, "case %d: staffday %d, brute force %d", t, v,
                     expect);
        if (expect) {
            covers(&c);
            feasible++;
        }
    }
    cr_assert_gt(feasible, 300, "the random cases should mix both answers (%d feasible)", feasible);
    cr_assert_lt(feasible, 2700);
}

/* ==== the heuristic on small scenarios ==================================== */

Test(heur, one_room_second_patient_waits)
{
    load(FIX "heur-room/scenario.ini");
    struct score sc = plan();
    starts_on("P1", "2027-01-04");
    /* duration 3 + changeover 1 */
    starts_on("P2", "2027-01-08");
    in_room("P2", "R1");
    cr_assert_eq(delay_of(S, patient("P1")), 0);
    cr_assert_eq(delay_of(S, patient("P2")), 3);
    cr_assert_eq(sc.unserved, 0);
    cr_assert_eq(sc.total_delay, 3);
}

Test(heur, two_person_step_moves_or_is_unserved)
{
    load(FIX "heur-people/scenario.ini");
    struct score sc = plan();
    starts_on("P1", "2027-01-06");   /* Wednesday: ana and bob */
    cr_assert_str_eq(skill_on("ana", "2027-01-06"), "operator");
    cr_assert_str_eq(skill_on("bob", "2027-01-06"), "operator");
    cr_assert_str_eq(skill_on("ana", "2027-01-05"), "-", "no work, no assignment");
    cr_assert_eq(SOL->batch[patient("P2")].start, DATE_NONE, "P2 can never have two QC");
    cr_assert_eq(sc.unserved, 1);
    cr_assert_eq(sc.total_delay, 2);
}

Test(heur, multi_skilled_person_on_two_days)
{
    load(FIX "heur-multiskill/scenario.ini");
    struct score sc = plan();
    starts_on("P1", "2027-01-04");
    cr_assert_str_eq(skill_on("ana", "2027-01-04"), "operator");
    cr_assert_str_eq(skill_on("bob", "2027-01-04"), "operator");
    cr_assert_str_eq(skill_on("carl", "2027-01-04"), "-");
    cr_assert_str_eq(skill_on("ana", "2027-01-05"), "qc");
    cr_assert_str_eq(skill_on("carl", "2027-01-05"), "qc");
    cr_assert_str_eq(skill_on("bob", "2027-01-05"), "-");
    /* P2 on 2027-01-04 lacks operator hours; on 2027-01-05 its operators
     * and P1's QC need four persons of three. */
    starts_on("P2", "2027-01-06");
    cr_assert_eq(sc.total_delay, 1);
}

Test(heur, non_orderable_material_for_one_batch)
{
    load(FIX "heur-material/scenario.ini");
    struct score sc = plan();
    starts_on("P1", "2027-01-04");
    cr_assert_eq(SOL->batch[patient("P2")].start, DATE_NONE);
    cr_assert_eq(sc.unserved, 1);
    cr_assert_eq(SOL->norders, 0);
}

Test(heur, lead_time_exactly_long_enough)
{
    load(FIX "heur-lead/scenario.ini");
    struct score sc = plan();
    starts_on("P1", "2027-01-04");
    starts_on("P2", "2027-01-09");   /* start + lead_time 5 */
    cr_assert_eq(sc.total_delay, 5);
    cr_assert_eq(SOL->norders, 1);
    cr_assert_eq(SOL->orders[0].material, scn_find_material(S, "M2"));
    cr_assert_str_eq(fmt(SOL->orders[0].order_date), "2027-01-04");
    cr_assert_float_eq(SOL->orders[0].quantity, 1.0, 1e-9);
}

Test(heur, improvement_swaps_a_blocking_batch)
{
    load(FIX "heur-swap/scenario.ini");
    struct score sc = plan();
    starts_on("B", "2027-01-05");
    starts_on("A", "2027-01-08");
    cr_assert_eq(sc.unserved, 0);
    cr_assert_eq(sc.total_delay, 0);
}

Test(heur, fixed_batch_before_the_horizon)
{
    load(FIX "heur-fixed/scenario.ini");
    plan();
    starts_on("F", "2027-01-02");
    in_room("F", "R1");
    cr_assert_eq(CHOSEN[patient("F")], -1);
    starts_on("P", "2027-01-05");
    in_room("P", "R2");
    cr_assert_str_eq(skill_on("ana", "2027-01-04"), "operator", "F's step");
    cr_assert_str_eq(skill_on("ana", "2027-01-05"), "operator", "P's first step");
}

Test(heur, deterministic)
{
    load(FIX "heur-multiskill/scenario.ini");
    plan();
    struct solution *again = solution_new(S);
    int *chosen = malloc(sizeof(int) * (size_t)S->npatients);
    cr_assert(again && chosen);
    cr_assert_eq(heur_build(S, C, chosen, again), HEUR_OK);
    for (int p = 0; p < S->npatients; p++) {
        cr_assert_eq(chosen[p], CHOSEN[p]);
        cr_assert_eq(again->batch[p].room, SOL->batch[p].room);
    }
    cr_assert_eq(memcmp(again->skill_of, SOL->skill_of,
                        sizeof(int) * (size_t)S->npersons * (size_t)S->ndays),
                 0);
    solution_free(again);
    free(chosen);
}

/* The candidate of patient id starting on date (first process). */
static int cand_on(const char *id, const char *date)
{
    int p = patient(id), d = day(date);
    for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
        if (C->c[c].start == d)
            return c;
    cr_assert_fail("%s has no candidate on %s", id, date);
    return -1;
}

static const char *order_name(enum heur_order how)
{
    return how == HEUR_BY_DUE ? "by due" : how == HEUR_BY_SURE ? "most certain first" : "by LP start";
}

/* An LP (0/1) with P2 on the first day and P1 after it, in one room. */
static double *lp_p2_first(void)
{
    double *w = calloc((size_t)C->n, sizeof(double));
    cr_assert_not_null(w);
    w[cand_on("P2", "2027-01-04")] = 1;
    w[cand_on("P1", "2027-01-08")] = 1;
    return w;
}

/* The guided heuristic's plan, checked. */
static struct score guided(const double *w, enum heur_order how)
{
    cr_assert_eq(heur_guided(S, C, w, how, CHOSEN, SOL), HEUR_OK);
    return check_plan();
}

Test(heur, guided_follows_the_lp_between_equal_plans)
{
    load(FIX "heur-tie/scenario.ini");
    plan();
    starts_on("P1", "2027-01-04");
    starts_on("P2", "2027-01-08");
    double *w = lp_p2_first();
    for (int how = 0; how < HEUR_ORDERS; how++) {
        struct score sc = guided(w, (enum heur_order)how);
        cr_log_info("%s: P1 %s, P2 %s", order_name(how), fmt(SOL->batch[patient("P1")].start),
                    fmt(SOL->batch[patient("P2")].start));
        starts_on("P2", "2027-01-04");
        starts_on("P1", "2027-01-08");
        cr_assert_eq(sc.total_delay, 0);
    }
    /* A half-and-half LP: the larger value wins. */
    w[cand_on("P1", "2027-01-04")] = 0.4;
    w[cand_on("P2", "2027-01-04")] = 0.6;
    guided(w, HEUR_BY_SURE);
    starts_on("P2", "2027-01-04");
    free(w);
}

Test(heur, guided_by_a_worse_lp_is_repaired)
{
    /* The LP puts P2 (due a day later) first: P1 would be 4 days late;
     * the improvement step swaps them back to 3 days in all. */
    load(FIX "heur-room/scenario.ini");
    plan();
    double *w = lp_p2_first();
    for (int how = 0; how < HEUR_ORDERS; how++) {
        struct score sc = guided(w, (enum heur_order)how);
        starts_on("P1", "2027-01-04");
        starts_on("P2", "2027-01-08");
        cr_assert_eq(sc.total_delay, 3, "%s: %d delay days", order_name(how), sc.total_delay);
    }
    free(w);
}

/* Polishing keeps every patient's delivery and takes cheaper rooms: the
 * heuristic puts P2 in R1 (100 a day) on the first day, where the cost
 * level wants it in R2 (40 a day) a few days later, still on time. With an
 * LP that says nothing (all zero), the room-cost pass alone moves it. */
Test(heur, polish_moves_to_a_cheaper_room_without_delay)
{
    load("tests/plan-cases/cost-cheaper-room/scenario.ini");
    plan();
    in_room("P1", "R2");
    in_room("P2", "R1");
    double *w = calloc((size_t)C->n, sizeof(double));
    cr_assert_not_null(w);
    cr_assert_eq(heur_polish(S, C, w, CHOSEN, SOL), HEUR_OK);
    struct score sc = check_plan();
    in_room("P1", "R2");
    in_room("P2", "R2");
    starts_on("P1", "2027-03-01");
    cr_assert_eq(sc.total_delay, 0);
    cr_assert_eq(sc.unserved, 0);
    free(w);
}

/* ==== generated scenarios ================================================ */

static unsigned rng_state;

static int rnd(int n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (int)((rng_state >> 8) % (unsigned)n);
}

static FILE *open_in(const char *dir, const char *name)
{
    char *path = e2e_strf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    free(path);
    return f;
}

/* Writes a scenario with every kind of rule: two processes on two room
 * types, three skills with multi-skilled and weekend staff, holidays, a
 * closed room, a non-orderable material delivered in expiring lots, an
 * orderable one with lead time, minimum and shelf life, and two fixed
 * batches. Returns the INI path (caller frees). */
static char *generate(int npatients, int nrooms, int ndays, unsigned seed)
{
    rng_state = seed;
    TMP = e2e_tmpdir();
    cr_assert_not_null(TMP);
    int start = day("2027-01-04"), end = start + ndays - 1;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    FILE *f = open_in(TMP, "scenario.ini");
    fprintf(f, "[scenario]\nstart = %s\nend = %s\n", date_format(start, a), date_format(end, b));
    fprintf(f, "[tables]\nsites = sites.csv\npatients = patients.csv\nprocesses = processes.csv\n"
               "steps = steps.csv\nbom = bom.csv\nrooms = rooms.csv\nroom_slots = slots.csv\n"
               "staff = staff.csv\nholidays = holidays.csv\nmaterials = materials.csv\n"
               "deliveries = deliveries.csv\n");
    fclose(f);

    f = open_in(TMP, "sites.csv");
    fprintf(f, "site,ship_days,ship_weekdays\nS1,1,Mon-Fri\nS2,2,Mon Wed\nS3,0,\n");
    fclose(f);

    f = open_in(TMP, "processes.csv");
    fprintf(f, "process,duration,qc_days,changeover,max_hold,start_days,room_type,approved_from\n"
               "v1,7,5,1,20,Mon-Fri,A,\n"
               "v2,9,3,2,30,Mon-Thu,B,2026-01-01\n");
    fclose(f);

    f = open_in(TMP, "steps.csv");
    fprintf(f, "process,day,skill,people,hours\n"
               "v1,0,operator,2,4\nv1,3,operator,1,2\nv1,6,operator,1,3\nv1,12,qc,1,4\n"
               "v2,0,operator,2,5\nv2,4,operator,1,2\nv2,8,operator,1,4\nv2,10,qc,2,3\n"
               "v2,10,operator,1,1\n");
    fclose(f);

    f = open_in(TMP, "bom.csv");
    fprintf(f, "process,day,material,quantity\nv1,0,K1,1\nv1,0,K2,2\nv2,0,K1,1\nv2,2,K3,1.5\n"
               "v2,5,K2,0.5\n");
    fclose(f);

    f = open_in(TMP, "rooms.csv");
    fprintf(f, "room,type,capacity,cost_per_day\n");
    for (int r = 0; r < nrooms; r++)
        fprintf(f, "R%d,%s,%d,%d\n", r + 1, r % 2 ? "B" : "A", 1 + (r % 3 == 0), 100 + 10 * (r % 4));
    fclose(f);

    f = open_in(TMP, "slots.csv");
    fprintf(f, "room,from,to,available\nR2,%s,%s,no\n", date_format(start + 30, a),
            date_format(start + 44, b));
    fclose(f);

    int npersons = 6 + nrooms * 2;
    f = open_in(TMP, "staff.csv");
    fprintf(f, "person,skills,hours,weekdays\n");
    for (int q = 0; q < npersons; q++) {
        static const char *skills[] = {"operator", "qc", "operator qc", "operator", "qc operator"};
        static const char *days[] = {"Mon-Fri", "Mon-Fri", "Mon-Sun", "Sat-Tue", "Mon-Fri"};
        fprintf(f, "N%d,%s,%s,%s\n", q + 1, skills[q % 5], q % 3 ? "8" : "7.5", days[(q / 2) % 5]);
    }
    fclose(f);

    f = open_in(TMP, "holidays.csv");
    fprintf(f, "date,name\n%s,one\n%s,two\n", date_format(start + 17, a),
            date_format(start + 150, b));
    fclose(f);

    f = open_in(TMP, "materials.csv");
    fprintf(f, "material,stock,stock_expires,lead_time,order_multiple,min_order,shelf_life,"
               "unit_cost\n"
               "K1,%d,%s,,,,,50\nK2,20,,21,5,10,60,3\nK3,0,,0,1,,,1\n",
            npatients / 10, date_format(start + 60, a));
    fclose(f);

    f = open_in(TMP, "deliveries.csv");
    fprintf(f, "material,date,quantity,expires\n");
    for (int d = 20; d < ndays; d += 30)
        fprintf(f, "K1,%s,%d,%s\n", date_format(start + d, a), 2 + npatients * 30 * 8 / 10 / ndays,
                date_format(start + d + 90, b));
    fclose(f);

    f = open_in(TMP, "patients.csv");
    fprintf(f, "patient,site,ready,due,process,priority,start,room\n");
    for (int p = 0; p < npatients; p++) {
        int ready = start + rnd(ndays > 40 ? ndays - 40 : 1);
        int v = rnd(2);
        const char *prio[] = {"1", "1", "2", "0.5"};
        if (p < 2) {
            /* Fixed: R1 (type A, v1) and R2 (type B, v2) at the start. */
            char c[DATE_BUFSZ];
            fprintf(f, "X%d,S3,%s,%s,v%d,1,%s,R%d\n", p, date_format(start - 3, a),
                    date_format(start + 30, b), p + 1, date_format(start - 3 + 5 * p, c),
                    p + 1);
            continue;
        }
        fprintf(f, "P%04d,S%d,%s,%s,v%d,%s,,\n", p, 1 + rnd(3), date_format(ready, a),
                date_format(ready + 22 + rnd(20), b), v + 1, prio[rnd(4)]);
    }
    fclose(f);
    return e2e_strf("%s/scenario.ini", TMP);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

Test(heur, generated_plans_keep_every_rule)
{
    static const struct {
        int patients, rooms, days;
    } sizes[] = {{40, 2, 120}, {150, 4, 240}, {300, 4, 365}};
    for (size_t t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
        char *ini = generate(sizes[t].patients, sizes[t].rooms, sizes[t].days, 7u + (unsigned)t);
        load(ini);
        free(ini);
        struct score sc = plan();
        cr_log_info("%d patients, %d rooms, %d days: %d unserved (weighted %g), %d delay days "
                    "(weighted %g), %d orders",
                    sizes[t].patients, sizes[t].rooms, sizes[t].days, sc.unserved,
                    sc.weighted_unserved, sc.total_delay, sc.weighted_delay, SOL->norders);
        cr_assert_lt(sc.unserved, S->npatients / 2);
        solution_free(SOL);
        free(CHOSEN);
        cand_free(C);
        scn_free(S);
        SOL = NULL;
        CHOSEN = NULL;
        C = NULL;
        S = NULL;
        e2e_rmtree(TMP);
        free(TMP);
        TMP = NULL;
    }
}

/* An LP that is the heuristic's own plan (0/1 values) leads the guided
 * heuristic, in every order, to a plan that keeps every rule and is no
 * worse; a fractional LP (the plan's values halved, the rest spread over
 * the other candidates) still gives a plan that keeps every rule. */
Test(heur, guided_plans_keep_every_rule)
{
    char *ini = generate(150, 4, 240, 11u);
    load(ini);
    free(ini);
    struct score base = plan();
    double *w = calloc((size_t)C->n, sizeof(double));
    int *first = malloc(sizeof(int) * (size_t)S->npatients);
    cr_assert(w && first);
    memcpy(first, CHOSEN, sizeof(int) * (size_t)S->npatients);
    for (int round = 0; round < 2; round++) {
        for (int p = 0; p < S->npatients; p++)
            for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
                w[c] = round == 0 ? (c == first[p]) : c == first[p] ? 0.5 : 0.5 / C->count[p];
        for (int how = 0; how < HEUR_ORDERS; how++) {
            struct score sc = guided(w, (enum heur_order)how);
            cr_log_info("%s LP, %s: weighted unserved %g, weighted delay %g (heuristic %g, %g)",
                        round == 0 ? "0/1" : "fractional", order_name(how), sc.weighted_unserved,
                        sc.weighted_delay, base.weighted_unserved, base.weighted_delay);
            if (round == 0)
                cr_assert(sc.weighted_unserved < base.weighted_unserved - 1e-9 ||
                              (sc.weighted_unserved <= base.weighted_unserved + 1e-9 &&
                               sc.weighted_delay <= base.weighted_delay + 1e-9),
                          "%s: worse than the plan it was given", order_name(how));
        }
    }
    free(w);
    free(first);
}

/* Every rule holds on a large scenario too. (Speed is measured by the
 * benchmarks, never asserted in a test.) */
Test(heur, large_scenario_plan_keeps_every_rule)
{
    char *ini = generate(1500, 20, 3 * 365, 99u);
    load(ini);
    free(ini);
    C = cand_build(S);
    cr_assert_not_null(C);
    SOL = solution_new(S);
    CHOSEN = malloc(sizeof(int) * (size_t)S->npatients);
    cr_assert(SOL && CHOSEN);
    double t0 = now();
    cr_assert_eq(heur_build(S, C, CHOSEN, SOL), HEUR_OK);
    double secs = now() - t0;
    struct score sc = check_plan();
    cr_log_info("1500 patients, 20 rooms, 3 years: %d candidates, heuristic %.3f s, %d unserved "
                "(weighted %g), %d delay days (weighted %g)",
                C->n, secs, sc.unserved, sc.weighted_unserved, sc.total_delay, sc.weighted_delay);
    /* check_plan() asserted every rule; the scenario is overloaded on
     * purpose, yet most patients are served. */
    cr_assert_lt(sc.unserved, S->npatients / 2);
}

/* ==== explanations ======================================================== */

static const char *explain(const char *id)
{
    static char buf[512];
    solve_explain(S, SOL, patient(id), buf, sizeof buf);
    cr_log_info("%s: %s", id, buf);
    return buf;
}

Test(explain, room_full)
{
    load(FIX "heur-room/scenario.ini");
    plan();
    cr_assert_str_eq(explain("P2"), "start 2027-01-04 would deliver on 2027-01-09 (due "
                                    "2027-01-10): room R1 full on 2027-01-04");
    cr_assert_str_eq(explain("P1"), "on time: delivery 2027-01-09, due 2027-01-09");
    /* The same plan without P2: unserved, for the same reason. */
    SOL->batch[patient("P2")] = (struct sol_batch){DATE_NONE, -1, -1};
    cr_assert_str_eq(explain("P2"), "earliest start 2027-01-04: room R1 full on 2027-01-04");
}

Test(explain, staff_hours_short)
{
    load(FIX "heur-multiskill/scenario.ini");
    plan();
    cr_assert_str_eq(explain("P2"), "start 2027-01-04 would deliver on 2027-01-06 (due "
                                    "2027-01-07): skill operator short on 2027-01-04 (12 h "
                                    "needed, 4 h free)");
}

Test(explain, no_start_allowed)
{
    load(FIX "heur-people/scenario.ini");
    plan();
    cr_assert_str_eq(explain("P1"), "no start allowed before 2027-01-06 that delivers earlier "
                                    "(ready 2027-01-04; no staff with the skills on its step "
                                    "days)");
    cr_assert_str_eq(explain("P2"), "no start allowed from 2027-01-04 to 2027-01-31 (ready "
                                    "2027-01-04; no staff with the skills on its step days)");
}

Test(explain, start_rules_named)
{
    load(FIX "heur-rules/scenario.ini");
    plan();
    cr_assert_eq(SOL->batch[patient("H")].start, DATE_NONE);
    cr_assert_str_eq(explain("H"), "no start allowed from 2027-01-05 to 2027-01-31 (ready "
                                   "2027-01-05; hold: last start 2027-01-08; start days Mon)");
    starts_on("Q", "2027-01-20");
    cr_assert_str_eq(explain("Q"), "no start allowed before 2027-01-20 that delivers earlier "
                                   "(ready 2027-01-04; approval of v2 from 2027-01-20)");
}

Test(explain, hand_made_plan)
{
    load(FIX "heur-swap/scenario.ini");
    plan();
    /* The plan before the improvement: A first, B unserved. */
    SOL->batch[patient("A")] = (struct sol_batch){day("2027-01-04"), 0, 0};
    SOL->batch[patient("B")] = (struct sol_batch){DATE_NONE, -1, -1};
    cr_assert_str_eq(explain("B"), "earliest start 2027-01-05: room R1 full on 2027-01-05");
    /* Without A, B's start fits: the plan was not the best. */
    SOL->batch[patient("A")] = (struct sol_batch){DATE_NONE, -1, -1};
    cr_assert_str_eq(explain("B"), "earliest start 2027-01-05: fits beside the other batches "
                                   "(room R1)");
}

Test(explain, material_cannot_be_ordered)
{
    load(FIX "heur-material/scenario.ini");
    plan();
    cr_assert_str_eq(explain("P2"), "earliest start 2027-01-04: material M1 short on 2027-01-04 "
                                    "(cannot be ordered)");
}

Test(explain, material_order_arrives_later)
{
    load(FIX "heur-lead/scenario.ini");
    plan();
    cr_assert_str_eq(explain("P2"), "start 2027-01-04 would deliver on 2027-01-05 (due "
                                    "2027-01-05): material M2 short on 2027-01-04; an order "
                                    "placed on 2027-01-04 arrives on 2027-01-09");
}

Test(explain, fixed_batch)
{
    load(FIX "heur-fixed/scenario.ini");
    plan();
    cr_assert_str_eq(explain("F"), "fixed batch: starts on 2027-01-02 in room R1 as given");
    cr_assert_str_eq(explain("P"), "on time: delivery 2027-01-08, due 2027-01-10");
}

Test(explain, truncates_to_the_buffer)
{
    load(FIX "heur-room/scenario.ini");
    plan();
    char small[12];
    solve_explain(S, SOL, patient("P2"), small, sizeof small);
    cr_assert_str_eq(small, "start 2027-");
    char none[1] = {'x'};
    solve_explain(S, SOL, patient("P2"), none, 0);
    cr_assert_eq(none[0], 'x', "size 0 writes nothing");
}
