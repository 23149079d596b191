/* The plan directory (contract section 6): its files, the writer of each,
 * and publishing them all or nothing (planner/publish.h) from the plan
 * view (planner/plan_view.h).
 *
 * Numbers are written with '.' whatever the locale (planner/number.h):
 * integers without decimals, money to the cent, quantities and hours to
 * nine decimals (verify reads them back), other figures to six
 * significant digits. */
#ifndef PLANNER_PLAN_FILES_H
#define PLANNER_PLAN_FILES_H

#include <stddef.h>

#include "models/scenario.h"
#include "planner/number.h"
#include "planner/output.h"
#include "planner/plan_view.h"
#include "planner/plan_writers.h"
#include "solver/solver.h"

#define PLAN_FILES_N 9          /* files a plan directory may hold (every format) */
#define PLAN_NUMBUF NUM_BUFSZ   /* the old name of NUM_BUFSZ (generate.c still uses it) */

/* The files of a plan directory, in the order they are written. */
struct plan_file {
    const char *name;           /* "calendar.csv" */
    plan_writer write;          /* planner/plan_writers.h */
    const char *format;         /* the word of [output] formats that writes it: "csv";
                                   NULL: written whatever the formats */
};
extern const struct plan_file plan_files[PLAN_FILES_N];

/* A check of a complete plan directory before it is published: returns 0
 * when the plan may be published, else non-zero with a message in err. */
typedef int (*plan_files_check)(const char *dir, void *arg, char *err, size_t size);

/* Writes the files of view v that o selects, in o's CSV dialect (o NULL:
 * the scenario's [output] settings, planner/output.h), as
 * plan_files_publish does; -1 with the reason in err when the scenario's
 * [output] formats cannot be written. */
int plan_files_publish_as(const struct plan_view *v, const char *dir, const struct output_settings *o,
                          plan_files_check check, void *arg, char *err, size_t size);

/* Writes the files of view v (those of the scenario's [output] settings) into directory dir (created with its
 * missing parents, like mkdir -p), all or nothing: the files are staged
 * and flushed to disk, check(staged, arg) is called on the complete staged
 * directory (check may be NULL), and only when it returns 0 are the files
 * published (planner/publish.h says how, and what happens to symlinks,
 * other files in dir, two runs at once and mount points). Returns 0
 * published, 1 refused by check (err from check), -1 failure (err says
 * why, e.g. "out/.plan.tmp.12/roster.csv: No space left on device"). */
int plan_files_publish(const struct plan_view *v, const char *dir, plan_files_check check, void *arg,
                       char *err, size_t size);

/* plan_files_publish of the view of sol, without a check. Returns 0, or
 * -1 with the reason in err (out of memory included). */
int plan_files_write(const struct scenario *s, const struct solution *sol, const char *dir, char *err,
                     size_t size);

/* Checks before a long solve that plan_files_publish will be able to
 * publish into dir: creates dir when it is missing, then writes and
 * removes a probe where the plan will be staged. Returns 0, or -1 with the
 * reason in err. */
int plan_files_check_dir(const char *dir, char *err, size_t size);

#endif
