/* Progress of long work for a person at a terminal, and nothing at all
 * when stderr is a pipe or a file (logs and scripts get only what the
 * command prints anyway). One status line on stderr, redrawn in place
 * ("\r", erase to the end of the line) and cleared when the work ends, so
 * that it never mixes with the output.
 *
 *     struct progress pr;
 *     progress_start(&pr, stderr, "planner risk", quiet);
 *     for (int i = 0; i < n; i++) {
 *         ... one sample ...
 *         progress_count(&pr, i + 1, n, "samples");
 *     }
 *     progress_end(&pr);          before printing anything else
 *
 * The line appears only once the work has lasted PROGRESS_DELAY seconds
 * (short runs never flicker) and is redrawn at most every PROGRESS_EVERY
 * seconds; it is cut to the terminal's width. Not thread-safe; a command
 * that forks keeps its progress in the parent. */
#ifndef PLANNER_PROGRESS_H
#define PLANNER_PROGRESS_H

#include <stdio.h>

#define PROGRESS_DELAY 1.0      /* seconds before the line first appears */
#define PROGRESS_EVERY 0.2      /* seconds between two redraws at most */

struct progress {
    FILE *out;                  /* where the line goes (stderr) */
    const char *cmd;            /* "planner plan": the line's prefix (borrowed) */
    int on;                     /* 1: out is a terminal and the command is not quiet */
    int shown;                  /* 1: a line is on the screen */
    int width;                  /* terminal columns */
    double start, last;         /* monotonic seconds: progress_start, last redraw */
};

/* Starts the progress of command cmd on out: on only when out is a
 * terminal and quiet is 0. */
void progress_start(struct progress *p, FILE *out, const char *cmd, int quiet);
/* The status line becomes "CMD: TEXT" (printf format), when it is on,
 * the delay has passed and the last redraw is old enough. */
void progress_show(struct progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "CMD: DONE/TOTAL WHAT (P %), S s": progress_show for counted work. */
void progress_count(struct progress *p, long done, long total, const char *what);
/* Seconds since progress_start. */
double progress_seconds(const struct progress *p);
/* Clears the line if one is shown; call before printing anything else
 * and when the work ends (safe twice). */
void progress_end(struct progress *p);

#endif
