/* Running planner children N at a time (planner/child.h): fork, exec of
 * the program's own file, output into an anonymous temporary file, a
 * polling loop that reaps, starts and shows progress, and stopping the
 * children on SIGINT or SIGTERM. */
#define _POSIX_C_SOURCE 200809L
#include "planner/child.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "planner/progress.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* The program's own file: readlink of /proc/self/exe (valgrind answers
 * with the client's path, so children run under it too). */
static int self_path(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return -1;
    buf[n] = '\0';
    return 0;
}

static void set_output(struct child_job *j, const char *text)
{
    free(j->output);
    j->output = strdup(text);
}

static int start(struct child_job *j, const char *exe)
{
    FILE *log = tmpfile();
    if (!log) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot make a temporary file: %s\n", strerror(errno));
        set_output(j, msg);
        return -1;
    }
    fflush(NULL);   /* nothing buffered is written twice by the child */
    pid_t pid = fork();
    if (pid < 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot start a process: %s\n", strerror(errno));
        set_output(j, msg);
        fclose(log);
        return -1;
    }
    if (pid == 0) {
        int fd = fileno(log);
        if (dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
            _exit(127);
        /* The child plans as `planner plan` does alone: default signals. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        /* execv's prototype wants char *const[]; the strings are not changed. */
        char *argv[CHILD_MAX_ARGS];
        memcpy(argv, j->argv, sizeof argv);
        execv(exe, argv);
        dprintf(STDERR_FILENO, "cannot run %s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    j->pid = pid;
    j->log = log;
    j->started = 1;
    return 0;
}

/* Reads the finished child's output from its temporary file. */
static void finish(struct child_job *j, int status)
{
    FILE *log = j->log;
    j->log = NULL;
    j->pid = 0;
    if (WIFEXITED(status)) {
        j->code = WEXITSTATUS(status);
        j->signal = 0;
    } else {
        j->code = -1;
        j->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    free(j->output);
    j->output = NULL;
    if (!log)
        return;
    long len = -1;
    if (fseek(log, 0, SEEK_END) == 0)
        len = ftell(log);
    if (len >= 0 && len < (1L << 24) && fseek(log, 0, SEEK_SET) == 0) {
        j->output = malloc((size_t)len + 1);
        if (j->output) {
            size_t got = fread(j->output, 1, (size_t)len, log);
            j->output[got] = '\0';
        }
    }
    fclose(log);
}

static void nap(void)
{
    struct timespec ts = {0, 50 * 1000 * 1000};   /* 50 ms */
    nanosleep(&ts, NULL);
}

int child_run_all(struct child_job *jobs, int n, int parallel, struct progress *pr, const char *what)
{
    char exe[PATH_MAX];
    int rc = 0;
    for (int i = 0; i < n; i++) {
        jobs[i].code = -1;
        jobs[i].started = 0;
        jobs[i].signal = 0;
        jobs[i].output = NULL;
        jobs[i].pid = 0;
        jobs[i].log = NULL;
    }
    if (self_path(exe, sizeof exe) != 0) {
        for (int i = 0; i < n; i++)
            set_output(&jobs[i], "cannot find the planner's own file (/proc/self/exe)\n");
        return -1;
    }
    if (parallel < 1)
        parallel = 1;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    int next = 0, running = 0, done = 0, stopping = 0;
    while (done < n) {
        if (interrupted && !stopping) {
            stopping = 1;
            rc = 1;
            for (int i = 0; i < n; i++)
                if (jobs[i].pid > 0)
                    kill(jobs[i].pid, SIGTERM);
        }
        while (!stopping && running < parallel && next < n) {
            if (start(&jobs[next], exe) != 0) {
                rc = -1;
                done++;
            } else {
                running++;
            }
            next++;
        }
        if (stopping && running == 0)
            break;
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (int i = 0; i < n; i++)
                if (jobs[i].pid == pid) {
                    finish(&jobs[i], status);
                    running--;
                    done++;
                }
            continue;
        }
        if (pid < 0 && errno != EINTR)
            break;   /* no child left to wait for: nothing more will end */
        if (pr) {
            const char *label = "";
            for (int i = 0; i < n; i++)
                if (jobs[i].pid > 0) {
                    label = jobs[i].label ? jobs[i].label : "";
                    break;
                }
            progress_show(pr, "%d/%d %s, running %d (%s), %.0f s", done, n, what, running, label,
                          progress_seconds(pr));
        }
        nap();
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (pr)
        progress_end(pr);
    return rc;
}

void child_jobs_free(struct child_job *jobs, int n)
{
    for (int i = 0; i < n; i++) {
        free(jobs[i].output);
        jobs[i].output = NULL;
    }
}
