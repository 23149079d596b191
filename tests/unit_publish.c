/* The last guard before a plan is published: plan_publish checks the plan
 * files with verify's rules and refuses a plan that breaks one, leaving the
 * previous plan as it was. The wrong plans here are injected on purpose. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/scenario.h"
#include "planner/commands.h"
#include "planner/plan_files.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define CASE "tests/plan-cases/room-capacity/scenario.ini"

static struct scenario *load(void)
{
    diag_list *d = diag_new();
    struct scenario *s = NULL;
    cr_assert_eq(scn_load(CASE, d, &s), SCN_OK);
    diag_free(d);
    return s;
}

static struct solution *optimal(const struct scenario *s)
{
    struct solve_options o;
    struct solution *sol = NULL;
    char err[256];
    solve_options_init(&o, s);
    cr_assert_eq(solve(s, &o, &sol, err, sizeof err), SOLVE_OK, "%s", err);
    return sol;
}

/* Names in dir, sorted, space-separated (caller frees). */
static char *listing(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    cr_assert(n >= 0);
    char *out = calloc(1, 1024);
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.' || strlen(list[i]->d_name) > 2) {
            if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
                strncat(out, list[i]->d_name, 1000 - strlen(out));
                strcat(out, " ");
            }
        }
        free(list[i]);
    }
    free(list);
    return out;
}

Test(publish, valid_plan_is_published)
{
    struct scenario *s = load();
    struct solution *sol = optimal(s);
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(plan_publish(s, sol, dir, err, sizeof err), 0, "%s", err);
    char *names = listing(dir);
    cr_expect_str_eq(names, "calendar.csv inventory.csv kpis.csv orders.csv room_grid.csv roster.csv ");
    free(names);
    e2e_rmtree(dir);
    free(dir);
    solution_free(sol);
    scn_free(s);
}

/* Two batches in one room of capacity 1 on the same days: a solver bug the
 * guard must catch. The previous plan stays, byte for byte, and nothing is
 * left behind. */
Test(publish, wrong_plan_is_refused_and_the_previous_plan_stays)
{
    struct scenario *s = load();
    struct solution *sol = optimal(s);
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(plan_publish(s, sol, dir, err, sizeof err), 0, "%s", err);
    char *path = e2e_strf("%s/calendar.csv", dir);
    size_t n0;
    char *before = e2e_slurp(path, &n0);
    cr_assert(before);

    int p1 = scn_find_patient(s, "P1"), p2 = scn_find_patient(s, "P2");
    cr_assert(p1 >= 0 && p2 >= 0);
    sol->batch[p2] = sol->batch[p1];
    struct e2e_capture cap;
    cr_assert_eq(e2e_stderr_begin(&cap), 0);
    int rc = plan_publish(s, sol, dir, err, sizeof err);
    char *said = e2e_stderr_end(&cap);
    cr_assert_not_null(said);
    cr_expect_eq(rc, 1);
    cr_expect(strstr(err, "internal error") != NULL, "%s", err);
    cr_expect_str_eq(said, "planner plan: internal error: the plan breaks a rule: room R1 on 2027-03-01 .. "
                           "2027-03-05: 2 batches (P1 P2) but capacity 1\n");
    free(said);

    size_t n1;
    char *after = e2e_slurp(path, &n1);
    cr_assert(after);
    cr_expect_eq(n0, n1);
    cr_expect_str_eq(after, before);
    char *names = listing(dir);
    cr_expect_str_eq(names, "calendar.csv inventory.csv kpis.csv orders.csv room_grid.csv roster.csv ");
    free(names);
    /* No staging directory left beside the plan directory either. */
    char *parent = strdup(dir);
    *strrchr(parent, '/') = '\0';
    char *base = strrchr(dir, '/') + 1;
    DIR *d = opendir(parent);
    cr_assert(d);
    struct dirent *e;
    char *prefix = e2e_strf(".%s.plan.tmp.", base);
    while ((e = readdir(d)) != NULL)
        cr_expect(strncmp(e->d_name, prefix, strlen(prefix)) != 0, "stray %s", e->d_name);
    closedir(d);
    free(prefix);
    free(parent);
    free(before);
    free(after);
    free(path);
    e2e_rmtree(dir);
    free(dir);
    solution_free(sol);
    scn_free(s);
}
