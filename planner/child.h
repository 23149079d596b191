/* Running the planner itself as child processes, N at a time (fork and
 * exec of /proc/self/exe), for the commands that plan several scenarios
 * (compare, bottlenecks). Each child's stdout and stderr are collected in
 * an anonymous temporary file and handed back with its exit status.
 * SIGINT and SIGTERM received by the parent stop the children (each gets
 * SIGTERM, so that `planner plan` writes the best plan it has) and start
 * no further ones.
 *
 *     struct child_job jobs[n];            argv set, NULL-terminated
 *     child_run_all(jobs, n, 2, &pr, "planned");
 *     ... jobs[i].code, jobs[i].output ...
 *     child_jobs_free(jobs, n);
 */
#ifndef PLANNER_CHILD_H
#define PLANNER_CHILD_H

#include <stddef.h>
#include <sys/types.h>

struct progress;

#define CHILD_MAX_ARGS 16

/* One run of the planner. */
struct child_job {
    const char *argv[CHILD_MAX_ARGS];  /* argv[0] ignored ("planner"), NULL-terminated;
                                          borrowed */
    const char *label;      /* shown in the progress line (borrowed) */
    int code;               /* exit status; -1: killed by a signal, or never run */
    int started;            /* 1 once forked */
    int signal;             /* the signal that ended it, or 0 */
    char *output;           /* its stdout and stderr, NUL-terminated (owned; free
                               with child_jobs_free); NULL if never run */
    pid_t pid;              /* while running */
    void *log;              /* FILE *: the temporary file, while running */
};

/* Runs the n jobs, at most parallel at once, in order of index, showing
 * "DONE/N what" on pr (may be NULL). Returns 0 when every job ran to its
 * end, 1 when interrupted (SIGINT or SIGTERM: the rest were not started),
 * -1 when a process or a temporary file could not be made (the job's
 * output says why). */
int child_run_all(struct child_job *jobs, int n, int parallel, struct progress *pr, const char *what);

/* Frees each job's output (safe twice). */
void child_jobs_free(struct child_job *jobs, int n);

#endif
