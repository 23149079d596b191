/* End-to-end test helpers: run a program as a user would (fork + execv),
 * capture what it writes, and look at the result line by line.
 *
 * The first part uses no Criterion: the helpers return statuses and the
 * tests assert; every string handed out is owned by the caller or by the
 * e2e_result it came from (freed with e2e_result_free). The last part,
 * "what a test owns", asserts with Criterion and owns what it hands out
 * until the end of the test. */
#ifndef TESTS_E2E_UTIL_H
#define TESTS_E2E_UTIL_H

#include <stddef.h>

/* A hang guard, not a performance bound: a run that exceeds it is killed
 * and reported as timed out. Generous so that sanitizer and valgrind runs
 * never hit it. */
#define E2E_TIMEOUT_S 60.0

struct e2e_result {
    char *out;          /* everything written to stdout, NUL-terminated */
    size_t out_len;     /* bytes in out (out may hold NUL bytes) */
    char *err;          /* everything written to stderr, NUL-terminated */
    size_t err_len;
    int exited;         /* 1: the program called exit (no signal) */
    int code;           /* exit status when exited, else -1 */
    int signal;         /* terminating signal, or 0 */
    int timed_out;      /* 1: killed by the hang guard */
    double seconds;     /* wall-clock time of the run */
};

/* Runs argv[0] (a path; no PATH search) with argv, stdin from /dev/null,
 * stdout and stderr captured in memory. Waits at most timeout seconds,
 * then kills the process (SIGKILL) and sets timed_out. Returns 0 when the
 * program ran (whatever its status), -1 when it could not be started
 * (then r->err says why). Free r with e2e_result_free, in every case. */
int e2e_run(struct e2e_result *r, double timeout, const char *const argv[]);

/* e2e_run on PLANNER_BIN with the arguments given, NULL-terminated, and
 * the default hang guard. */
int e2e_planner(struct e2e_result *r, ...);

void e2e_result_free(struct e2e_result *r);   /* zeroes r; safe twice */

/* 1 if text holds line as a whole line (between line starts and '\n' or
 * the end). */
int e2e_has_line(const char *text, const char *line);
/* Number of lines of text that start with prefix. */
size_t e2e_count_lines(const char *text, const char *prefix);

/* printf into a new string; the caller frees it. Aborts on out of memory
 * (a test cannot go on without it). */
char *e2e_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A fresh directory under /tmp; the caller removes it with e2e_rmtree and
 * frees the string. NULL on failure. */
char *e2e_tmpdir(void);
/* Removes dir and everything below it (links removed, never followed). 0
 * on success. */
int e2e_rmtree(const char *dir);
/* Writes len bytes of data to dir/name. 0 on success. */
int e2e_write(const char *dir, const char *name, const void *data, size_t len);
/* Reads the whole file at path into a new NUL-terminated buffer (the
 * caller frees it); *len gets its size. NULL on failure. */
char *e2e_slurp(const char *path, size_t *len);

/* 1 when this process runs under valgrind (make valgrind preloads it),
 * for the tests whose runs would take minutes there. */
int e2e_under_valgrind(void);

/* Sends this process's stderr (fd 2) to a temporary file until
 * e2e_stderr_end, for in-process calls whose messages a test expects:
 * the test asserts them instead of letting them reach make check's
 * output. 0 on success. */
struct e2e_capture {
    int saved;          /* the original fd 2, or -1 */
    int fd;             /* the temporary file */
};
int e2e_stderr_begin(struct e2e_capture *c);
/* Restores fd 2 and returns what was written meanwhile, NUL-terminated
 * (the caller frees it); NULL on failure. */
char *e2e_stderr_end(struct e2e_capture *c);

/* ---- what a test owns -------------------------------------------------------
 * These assert with Criterion. A failed assertion leaves the test at once,
 * so a test frees nothing itself: its runs, strings and directories are
 * registered here and released by e2e_release_all, which every suite that
 * uses them names as its .fini. */

void e2e_release_all(void);
/* Registers heap block p (asserted not NULL: out of memory) to be freed
 * after the test; returns it. */
void *e2e_own(void *p);
/* printf into a string that lives until the end of the test. */
#define E2E_STR(...) ((char *)e2e_own(e2e_strf(__VA_ARGS__)))
/* A fresh empty directory under /tmp, removed after the test. */
const char *e2e_test_dir(void);
/* Registers a directory made inside a registered one for removal (the
 * last registered is removed first, so before its parent). */
void e2e_remove_later(const char *dir);

/* An empty result slot of the test's, for a raw e2e_run. */
struct e2e_result *e2e_test_result(void);
/* Gives back r, the last slot handed out, freeing its output: for a test
 * that runs the program more often than there are slots. */
void e2e_test_result_drop(struct e2e_result *r);

/* Runs argv (argv[0] a path) under the hang guard: it must end by itself,
 * without a signal. The exit status is left to the caller; the result is
 * the test's. */
struct e2e_result *e2e_run_ok(const char *const argv[]);
/* The command line of argv, for messages (the test's). */
const char *e2e_cmdline(const char *const argv[]);
/* planner ARGS... NULL, as e2e_run_ok, with the exit status expected
 * (-1: any). */
struct e2e_result *e2e_planner_exit(int want_code, const char *first, ...);

/* The line after the one p is on ("" at the end), and the length of the
 * line p starts. */
const char *e2e_next_line(const char *p);
size_t e2e_line_len(const char *p);

#endif
