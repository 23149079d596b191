/* The status line of long commands (planner/progress.h): a terminal
 * only, redrawn in place, rate-limited, cleared at the end. */
#include "planner/progress.h"

#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 512

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_start(struct progress *p, FILE *out, const char *cmd, int quiet)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->cmd = cmd;
    p->on = !quiet && out && isatty(fileno(out));
    p->width = 80;
    struct winsize ws;
    if (p->on && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
        p->width = ws.ws_col;
    p->start = now();
    p->last = -1;
}

double progress_seconds(const struct progress *p)
{
    return now() - p->start;
}

void progress_show(struct progress *p, const char *fmt, ...)
{
    if (!p->on)
        return;
    double t = now();
    if (t - p->start < PROGRESS_DELAY || (p->last >= 0 && t - p->last < PROGRESS_EVERY))
        return;
    char line[LINE_MAX_BYTES];
    int n = snprintf(line, sizeof line, "%s: ", p->cmd);
    if (n < 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    /* One column short of the width: a full line would wrap on some
     * terminals. The text is ASCII (ids may not be: then it is cut a few
     * columns early, never late). */
    size_t max = (size_t)p->width - 1;
    if (strlen(line) > max)
        line[max] = '\0';
    fprintf(p->out, "\r%s\033[K", line);
    fflush(p->out);
    p->shown = 1;
    p->last = t;
}

void progress_count(struct progress *p, long done, long total, const char *what)
{
    long pct = total > 0 ? done * 100 / total : 0;
    progress_show(p, "%ld/%ld %s (%ld %%), %ld s", done, total, what, pct, (long)progress_seconds(p));
}

void progress_end(struct progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->shown = 0;
}
