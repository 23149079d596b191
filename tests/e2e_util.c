#define _GNU_SOURCE /* pipe2 */
#include "tests/e2e_util.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PLANNER_BIN
#error "PLANNER_BIN: the Makefile defines it as the path of the built planner"
#endif

#define E2E_MAX_ARGS 64

/* A growable byte buffer for one captured stream. */
struct sink {
    char *data;
    size_t len, cap;
};

static int sink_add(struct sink *s, const char *buf, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *d = realloc(s->data, cap);
        if (!d)
            return -1;
        s->data = d;
        s->cap = cap;
    }
    memcpy(s->data + s->len, buf, n);
    s->len += n;
    s->data[s->len] = '\0';
    return 0;
}

static char *sink_take(struct sink *s)
{
    if (!s->data && sink_add(s, "", 0) != 0)
        return NULL;
    char *d = s->data;
    s->data = NULL;
    return d;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(struct e2e_result *r, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "e2e_run: %s: %s", what, strerror(errno));
    free(r->err);
    r->err = strdup(msg);
    r->err_len = r->err ? strlen(r->err) : 0;
}

int e2e_run(struct e2e_result *r, double timeout, const char *const argv[])
{
    /* execv wants char *const[] for historical reasons; it does not write. */
    char *args[E2E_MAX_ARGS + 1];
    size_t nargs = 0;
    for (; argv[nargs] && nargs < E2E_MAX_ARGS; nargs++)
        args[nargs] = (char *)(uintptr_t)argv[nargs];
    args[nargs] = NULL;
    int out[2] = {-1, -1}, err[2] = {-1, -1};
    struct sink so = {0}, se = {0};
    int rc = -1;
    pid_t pid = -1;

    memset(r, 0, sizeof *r);
    r->code = -1;
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        fail(r, "pipe");
        goto done;
    }
    double t0 = now();
    pid = fork();
    if (pid < 0) {
        fail(r, "fork");
        goto done;
    }
    if (pid == 0) {
        /* The child: only async-signal-safe calls until execv. */
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
            _exit(126);
        execv(args[0], args);
        static const char msg[] = "e2e_run: execv failed\n";
        ssize_t w = write(2, msg, sizeof msg - 1);
        (void)w;
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    out[1] = err[1] = -1;

    /* Drain both pipes together: a child that fills one pipe while we
     * block on the other would never finish. */
    struct pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    struct sink *sinks[2] = {&so, &se};
    int open_fds = 2;
    double deadline = t0 + timeout;
    while (open_fds > 0) {
        double left = deadline - now();
        if (left <= 0) {
            r->timed_out = 1;
            kill(pid, SIGKILL);
            break;
        }
        int n = poll(fds, 2, (int)(left * 1000) + 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fail(r, "poll");
            kill(pid, SIGKILL);
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buf[65536];
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            } else if (sink_add(sinks[i], buf, (size_t)got) != 0) {
                fail(r, "out of memory");
                kill(pid, SIGKILL);
                open_fds = 0;
            }
        }
    }
    out[0] = fds[0].fd;
    err[0] = fds[1].fd;

    /* The pipes are closed or the child was killed: waiting is bounded
     * (a child that closed its outputs and lives on is killed too). */
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            fail(r, "waitpid");
            goto done;
        }
        if (now() > deadline && !r->timed_out) {
            r->timed_out = 1;
            kill(pid, SIGKILL);
        }
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    r->seconds = now() - t0;
    if (WIFEXITED(status)) {
        r->exited = 1;
        r->code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status))
        r->signal = WTERMSIG(status);
    if (!r->err) {
        r->out_len = so.len;
        r->err_len = se.len;
        r->out = sink_take(&so);
        r->err = sink_take(&se);
        if (r->out && r->err)
            rc = 0;
    }
done:
    for (int i = 0; i < 2; i++) {
        if (out[i] >= 0)
            close(out[i]);
        if (err[i] >= 0)
            close(err[i]);
    }
    free(so.data);
    free(se.data);
    if (!r->out)
        r->out = strdup("");
    if (!r->err)
        r->err = strdup("");
    return rc;
}

int e2e_planner(struct e2e_result *r, ...)
{
    const char *argv[E2E_MAX_ARGS + 1];
    int n = 0;
    va_list ap;
    argv[n++] = PLANNER_BIN;
    va_start(ap, r);
    for (const char *a; n < E2E_MAX_ARGS && (a = va_arg(ap, const char *)) != NULL;)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    return e2e_run(r, E2E_TIMEOUT_S, argv);
}

void e2e_result_free(struct e2e_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

int e2e_has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

size_t e2e_count_lines(const char *text, const char *prefix)
{
    size_t count = 0, n = strlen(prefix);
    for (const char *p = text; p && *p;) {
        if (strncmp(p, prefix, n) == 0)
            count++;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return count;
}

char *e2e_strf(const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s)
        abort();
    vsnprintf(s, (size_t)n + 1, fmt, aq);
    va_end(aq);
    return s;
}

char *e2e_tmpdir(void)
{
    char *dir = e2e_strf("/tmp/planner-e2e.XXXXXX");
    if (!mkdtemp(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

int e2e_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = e2e_strf("%s/%s", dir, e->d_name);
        struct stat st;
        /* A folder a command made inside (a plan per scenario, a risk
         * run's output) goes with it; a link is removed, never followed. */
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? e2e_rmtree(path) != 0 : unlink(path) != 0)
            rc = -1;
        free(path);
    }
    closedir(d);
    return rmdir(dir) == 0 ? rc : -1;
}

int e2e_write(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = e2e_strf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    free(path);
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

char *e2e_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct sink s = {0};
    if (!f)
        return NULL;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (sink_add(&s, buf, got) != 0) {
            fclose(f);
            free(s.data);
            return NULL;
        }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(s.data);
        return NULL;
    }
    *len = s.len;
    return sink_take(&s);
}

int e2e_under_valgrind(void)
{
    const char *p = getenv("LD_PRELOAD");
    return p && strstr(p, "vgpreload") != NULL;
}

int e2e_stderr_begin(struct e2e_capture *c)
{
    char path[] = "/tmp/e2e-stderr-XXXXXX";
    c->saved = c->fd = -1;
    fflush(stderr);
    c->fd = mkstemp(path);
    if (c->fd < 0)
        return -1;
    unlink(path);
    c->saved = dup(2);
    if (c->saved < 0 || dup2(c->fd, 2) < 0) {
        close(c->fd);
        if (c->saved >= 0)
            close(c->saved);
        c->saved = c->fd = -1;
        return -1;
    }
    return 0;
}

char *e2e_stderr_end(struct e2e_capture *c)
{
    if (c->saved < 0)
        return NULL;
    fflush(stderr);
    dup2(c->saved, 2);
    close(c->saved);
    c->saved = -1;
    struct sink text = {0};
    char buf[4096];
    ssize_t n;
    int ok = lseek(c->fd, 0, SEEK_SET) == 0;
    while (ok && (n = read(c->fd, buf, sizeof buf)) > 0)
        ok = sink_add(&text, buf, (size_t)n) == 0;
    close(c->fd);
    c->fd = -1;
    if (!ok) {
        free(text.data);
        return NULL;
    }
    return sink_take(&text);
}

/* ---- what a test owns ------------------------------------------------------- */

/* Criterion runs each test in a process of its own: these are one test's. */
#define MAX_RESULTS 24
#define MAX_OWNED 1024
#define MAX_DIRS 16

static struct e2e_result results[MAX_RESULTS];
static int nresults;
static void *owned[MAX_OWNED];
static int nowned;
static char *dirs[MAX_DIRS];    /* owned strings too */
static int ndirs;

void e2e_release_all(void)
{
    for (int i = 0; i < nresults; i++)
        e2e_result_free(&results[i]);
    for (int i = ndirs - 1; i >= 0; i--)
        e2e_rmtree(dirs[i]);
    for (int i = 0; i < nowned; i++)
        free(owned[i]);
    nresults = nowned = ndirs = 0;
}

void *e2e_own(void *p)
{
    cr_assert_not_null(p, "out of memory");
    if (nowned == MAX_OWNED) {
        free(p);
        cr_assert_fail("a test owns more than %d allocations", MAX_OWNED);
    }
    owned[nowned++] = p;
    return p;
}

const char *e2e_test_dir(void)
{
    cr_assert_lt(ndirs, MAX_DIRS, "a test makes more than %d directories", MAX_DIRS);
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir, "cannot make a directory under /tmp");
    dirs[ndirs++] = e2e_own(dir);
    return dir;
}

void e2e_remove_later(const char *dir)
{
    cr_assert_lt(ndirs, MAX_DIRS, "a test makes more than %d directories", MAX_DIRS);
    dirs[ndirs++] = E2E_STR("%s", dir);
}

const char *e2e_cmdline(const char *const argv[])
{
    char *s = E2E_STR("%s", argv[0]);
    for (int i = 1; argv[i]; i++)
        s = E2E_STR("%s %s", s, argv[i]);
    return s;
}

struct e2e_result *e2e_test_result(void)
{
    cr_assert_lt(nresults, MAX_RESULTS, "a test runs programs more than %d times", MAX_RESULTS);
    return &results[nresults++];
}

void e2e_test_result_drop(struct e2e_result *r)
{
    cr_assert(nresults > 0 && r == &results[nresults - 1], "not the last result handed out");
    e2e_result_free(&results[--nresults]);
}

struct e2e_result *e2e_run_ok(const char *const argv[])
{
    struct e2e_result *r = e2e_test_result();
    int rc = e2e_run(r, E2E_TIMEOUT_S, argv);
    cr_assert_eq(rc, 0, "cannot run %s: %s", argv[0], r->err);
    cr_assert(!r->timed_out, "%s: still running after %g s (hang guard)", e2e_cmdline(argv), E2E_TIMEOUT_S);
    cr_assert(r->exited, "%s: killed by signal %d\nstderr:\n%.4000s", e2e_cmdline(argv), r->signal, r->err);
    return r;
}

struct e2e_result *e2e_planner_exit(int want_code, const char *first, ...)
{
    const char *argv[E2E_MAX_ARGS + 1];
    int n = 0;
    va_list ap;
    argv[n++] = PLANNER_BIN;
    va_start(ap, first);
    for (const char *a = first; a && n < E2E_MAX_ARGS; a = va_arg(ap, const char *))
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    struct e2e_result *r = e2e_run_ok(argv);
    if (want_code >= 0)
        cr_assert_eq(r->code, want_code, "%s: exit %d, expected %d\nstderr:\n%.4000s\nstdout:\n%.4000s",
                     e2e_cmdline(argv), r->code, want_code, r->err, r->out);
    return r;
}

const char *e2e_next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : p + strlen(p);
}

size_t e2e_line_len(const char *p)
{
    return strcspn(p, "\n");
}
