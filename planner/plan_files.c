/* The plan directory: the table of its files and their writers, and
 * publishing them through planner/publish.h. Adding an output is adding a
 * planner/write_*.c and a row in the table below. */
#include "planner/plan_files.h"

#include <stdio.h>

#include "planner/publish.h"

#define PLAN_TAG "plan"     /* staging names: ".plan.tmp.PID", ".OUT.plan.tmp.PID" */

/* Each row names the format ([output] formats, --formats) that writes it:
 * the formats that exist are the words of this column. */
const struct plan_file plan_files[PLAN_FILES_N] = {
    {"calendar.csv", write_calendar, "csv"}, {"room_grid.csv", write_room_grid, "csv"},
    {"roster.csv", write_roster, "csv"},     {"orders.csv", write_orders, "csv"},
    {"inventory.csv", write_inventory, "csv"}, {"kpis.csv", write_kpis, "csv"},
    {"plan.xlsx", write_xlsx, "xlsx"},
    {"report.html", write_report_html, "html"},
    {"late.csv", write_late, "csv"},
};

/* What one pub_file's writer needs: the plan writer and the view. */
struct job {
    plan_writer write;
    const struct plan_view *v;
    const struct csv_dialect *d;
};

static int run_job(FILE *f, void *arg)
{
    const struct job *j = arg;
    return j->write(f, j->v, j->d);
}

/* The set as publish.h takes it (names only, for the probe: jobs NULL,
 * every file); returns how many files. */
static int file_set(struct pub_file set[PLAN_FILES_N], struct job *jobs, const struct plan_view *v,
                    const struct output_settings *o)
{
    int n = 0;
    for (int i = 0; i < PLAN_FILES_N; i++) {
        if (o && !(o->files >> i & 1))
            continue;
        set[n] = (struct pub_file){plan_files[i].name, NULL, NULL, NULL, 0};
        if (jobs) {
            jobs[n] = (struct job){plan_files[i].write, v, &o->csv};
            set[n].write = run_job;
            set[n].arg = &jobs[n];
        }
        n++;
    }
    return n;
}

int plan_files_publish_as(const struct plan_view *v, const char *dir, const struct output_settings *o,
                          plan_files_check check, void *arg, char *err, size_t size)
{
    struct pub_file set[PLAN_FILES_N];
    struct job jobs[PLAN_FILES_N];
    struct pub_options po;
    struct output_settings own;
    if (!o) {
        if (output_from_scenario(&own, v->s, err, size) != 0)
            return -1;
        o = &own;
    }
    int n = file_set(set, jobs, v, o);
    pub_options_init(&po, PLAN_TAG);
    po.check = check;
    po.check_arg = arg;
    return pub_publish(dir, set, n, &po, err, size);
}

int plan_files_publish(const struct plan_view *v, const char *dir, plan_files_check check, void *arg,
                       char *err, size_t size)
{
    return plan_files_publish_as(v, dir, NULL, check, arg, err, size);
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
    int n = file_set(set, NULL, NULL, NULL);
    return pub_probe(dir, PLAN_TAG, set, n, err, size);
}
