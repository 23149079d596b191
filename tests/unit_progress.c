/* planner/progress.h: a status line on a terminal (a pseudo-terminal
 * here), nothing in a pipe or when quiet, cut to the terminal's width,
 * cleared at the end. The line waits PROGRESS_DELAY seconds before it
 * first appears: the tests wait that long (a lower bound, never an upper
 * one, so a slow machine cannot make them fail). */
#define _XOPEN_SOURCE 600
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "planner/progress.h"
#include "tests/e2e_util.h"

static void wait_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* A pseudo-terminal of cols columns: *master to read what was written to
 * the returned FILE (its slave side), in raw mode (no "\n" -> "\r\n"). */
static FILE *pty(int cols, int *master)
{
    *master = posix_openpt(O_RDWR | O_NOCTTY);
    cr_assert_geq(*master, 0);
    cr_assert_eq(grantpt(*master), 0);
    cr_assert_eq(unlockpt(*master), 0);
    int slave = open(ptsname(*master), O_RDWR | O_NOCTTY);
    cr_assert_geq(slave, 0);
    struct termios t;
    cr_assert_eq(tcgetattr(slave, &t), 0);
    cfmakeraw(&t);
    cr_assert_eq(tcsetattr(slave, TCSANOW, &t), 0);
    struct winsize ws = {.ws_row = 24, .ws_col = (unsigned short)cols};
    cr_assert_eq(ioctl(slave, TIOCSWINSZ, &ws), 0);
    FILE *f = fdopen(slave, "w");
    cr_assert_not_null(f);
    return f;
}

/* What is waiting on fd, without blocking. */
static void drain(int fd, char *buf, size_t size)
{
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    size_t len = 0;
    ssize_t n;
    while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    fcntl(fd, F_SETFL, flags);
}

Test(progress, a_terminal_gets_a_line_after_the_delay_then_a_clear)
{
    int m;
    FILE *f = pty(80, &m);
    char got[1024];
    struct progress p;
    progress_start(&p, f, "planner test", 0);
    cr_expect_eq(p.on, 1);
    cr_expect_eq(p.width, 80);
    progress_count(&p, 1, 4, "samples");   /* before the delay: nothing */
    drain(m, got, sizeof got);
    cr_expect_str_eq(got, "");
    wait_s(PROGRESS_DELAY + 0.05);
    progress_count(&p, 2, 4, "samples");
    progress_count(&p, 3, 4, "samples");   /* too soon after the last: skipped */
    drain(m, got, sizeof got);
    cr_expect(strncmp(got, "\rplanner test: 2/4 samples (50 %), 1 s\033[K", 40) == 0, "%s", got);
    cr_expect_eq(strstr(got, "3/4") == NULL, 1, "%s", got);
    wait_s(PROGRESS_EVERY + 0.05);
    progress_show(&p, "%s level: best %d", "delay", 17);
    progress_end(&p);
    progress_end(&p);                       /* twice: no second clear */
    drain(m, got, sizeof got);
    cr_expect_str_eq(got, "\rplanner test: delay level: best 17\033[K\r\033[K");
    fclose(f);
    close(m);
}

Test(progress, the_line_is_cut_to_the_terminal_width)
{
    int m;
    FILE *f = pty(30, &m);
    char got[1024];
    struct progress p;
    progress_start(&p, f, "planner test", 0);
    wait_s(PROGRESS_DELAY + 0.05);
    progress_show(&p, "%s", "a very long line that a 30-column terminal would wrap");
    progress_end(&p);
    drain(m, got, sizeof got);
    /* 29 columns: one short of the width. */
    cr_expect_str_eq(got, "\rplanner test: a very long lin\033[K\r\033[K");
    fclose(f);
    close(m);
}

Test(progress, quiet_in_a_pipe_and_when_asked)
{
    int fd[2];
    cr_assert_eq(pipe(fd), 0);
    FILE *f = fdopen(fd[1], "w");
    cr_assert_not_null(f);
    struct progress p, q;
    progress_start(&p, f, "planner test", 0);
    cr_expect_eq(p.on, 0);
    int m;
    FILE *t = pty(80, &m);
    progress_start(&q, t, "planner test", 1);
    cr_expect_eq(q.on, 0, "quiet: no line even on a terminal");
    wait_s(PROGRESS_DELAY + 0.05);
    progress_count(&p, 1, 2, "samples");
    progress_count(&q, 1, 2, "samples");
    progress_end(&p);
    progress_end(&q);
    fclose(f);
    char got[256];
    ssize_t n = read(fd[0], got, sizeof got);
    cr_expect_eq(n, 0, "a pipe got %zd bytes", n);
    drain(m, got, sizeof got);
    cr_expect_str_eq(got, "");
    close(fd[0]);
    fclose(t);
    close(m);
}

/* planner plan in a pipe (as e2e_planner runs it): the summary on
 * stdout, and on stderr nothing at all (no status line, no escape). */
Test(progress, plan_in_a_pipe_writes_nothing_on_stderr)
{
    char *dir = e2e_tmpdir();
    cr_assert_not_null(dir);
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "plan", "scenarios/smart101-phase1/scenario.ini", "-o", dir, NULL), 0);
    int code = r.code;
    size_t err_len = r.err_len;
    char err[256];
    snprintf(err, sizeof err, "%s", r.err);
    int summary = strstr(r.out, "Status     optimal") != NULL;
    e2e_result_free(&r);
    e2e_rmtree(dir);
    free(dir);
    cr_expect_eq(code, 0);
    cr_expect(summary, "no summary on stdout");
    cr_expect_eq(err_len, 0, "stderr: %s", err);
}
