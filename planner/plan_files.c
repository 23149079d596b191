/* The plan directory: the table of its six files and their writers, and
 * publishing them through planner/publish.h. Adding an output is adding a
 * planner/write_*.c and a row in the table below. */
#include "planner/plan_files.h"

#include <stdio.h>

#include "planner/publish.h"

#define PLAN_TAG "plan"     /* staging names: ".plan.tmp.PID", ".OUT.plan.tmp.PID" */

const struct plan_file plan_files[PLAN_FILES_N] = {
    {"calendar.csv", write_calendar}, {"room_grid.csv", write_room_grid}, {"roster.csv", write_roster},
    {"orders.csv", write_orders},     {"inventory.csv", write_inventory}, {"kpis.csv", write_kpis},
    {"late.csv", write_late},
};

/* What one pub_file's writer needs: the plan writer and the view. */
struct job {
    plan_writer write;
    const struct plan_view *v;
};

static int run_job(FILE *f, void *arg)
{
    const struct job *j = arg;
    return j->write(f, j->v, NULL);
}

/* The set as publish.h takes it (names only, for the probe: jobs NULL). */
static void file_set(struct pub_file set[PLAN_FILES_N], struct job *jobs, const struct plan_view *v)
{
    for (int i = 0; i < PLAN_FILES_N; i++) {
        set[i] = (struct pub_file){plan_files[i].name, NULL, NULL, NULL, 0};
        if (jobs) {
            jobs[i] = (struct job){plan_files[i].write, v};
            set[i].write = run_job;
            set[i].arg = &jobs[i];
        }
    }
}

int plan_files_publish(const struct plan_view *v, const char *dir, plan_files_check check, void *arg,
                       char *err, size_t size)
{
    struct pub_file set[PLAN_FILES_N];
    struct job jobs[PLAN_FILES_N];
    struct pub_options o;
    file_set(set, jobs, v);
    pub_options_init(&o, PLAN_TAG);
    o.check = check;
    o.check_arg = arg;
    return pub_publish(dir, set, PLAN_FILES_N, &o, err, size);
}

int plan_files_write(const struct scenario *s, const struct solution *sol, const char *dir, char *err,
                     size_t size)
{
    struct plan_view v;
    int rc = -1;
    if (pv_build(&v, s, sol) != 0)
        snprintf(err, size, "%s: out of memory", dir);
    else
        rc = plan_files_publish(&v, dir, NULL, NULL, err, size);
    pv_free(&v);
    return rc;
}

int plan_files_check_dir(const char *dir, char *err, size_t size)
{
    struct pub_file set[PLAN_FILES_N];
    file_set(set, NULL, NULL);
    return pub_probe(dir, PLAN_TAG, set, PLAN_FILES_N, err, size);
}
