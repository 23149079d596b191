/* The output directory's guarantees (docs/commands.md, "The output
 * directory"), through the program as a user runs it: a symlink to a
 * directory is written through and stays a link; a symlink planted where
 * a killed run's staging directory would be is never followed; a publish
 * that fails leaves the previous plan whole; two runs into one directory
 * take turns; a mount point gets its plan, and a read-only one is refused
 * before the solve.
 *
 * Each test fails on the code before planner/publish.c (checked by
 * running this suite against that build). The mount tests need root and
 * mount(2); they are skipped with a message otherwise. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/e2e_util.h"

#define TINY "scenarios/tiny/scenario.ini"
#define OTHER "tests/plan-cases/room-capacity/scenario.ini"
#define SIX "calendar.csv inventory.csv kpis.csv late.csv orders.csv plan.xlsx report.html room_grid.csv roster.csv"

static const char *const plan_names[6] = {"calendar.csv", "room_grid.csv", "roster.csv",
                                          "orders.csv",   "inventory.csv", "kpis.csv"};

static char *TOP;           /* this test's directory under /tmp */
static char *MOUNTED[2];    /* mount points to undo in fini */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void setup(void)
{
    TOP = e2e_tmpdir();
    cr_assert_not_null(TOP);
}

static void teardown(void)
{
    for (int i = 0; i < 2; i++) {
        if (MOUNTED[i])
            (void)umount2(MOUNTED[i], MNT_DETACH);
        free(MOUNTED[i]);
        MOUNTED[i] = NULL;
    }
    /* Never follows a symlink: the victims of the tests are plain dirs. */
    nftw(TOP, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(TOP);
}

TestSuite(e2e_publish, .init = setup, .fini = teardown);

/* ---- helpers ------------------------------------------------------------------- */

static char *path(const char *name)
{
    return e2e_strf("%s/%s", TOP, name);
}

/* planner plan SCENARIO -o dir -q: the exit code (0 or 1 is a plan). */
static int plan(const char *scenario, const char *dir, char **err_out)
{
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "plan", scenario, "-o", dir, "-q", NULL), 0);
    cr_assert(r.exited, "planner did not exit");
    int code = r.code;
    if (err_out)
        *err_out = strdup(r.err);
    e2e_result_free(&r);
    return code;
}

/* The names in dir (hidden ones included), sorted, space-separated. */
static char *names(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    if (n < 0)
        return strdup("(unreadable)");
    char *out = calloc(1, 4096);
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
            if (out[0])
                strncat(out, " ", 4095 - strlen(out));
            strncat(out, list[i]->d_name, 4095 - strlen(out));
        }
        free(list[i]);
    }
    free(list);
    return out;
}

static void expect_names(const char *dir, const char *want)
{
    char *got = names(dir);
    cr_expect_str_eq(got, want, "in %s", dir);
    free(got);
}

/* The six files of dir concatenated, kpis.csv without solve_seconds (the
 * one row that differs between two runs of one scenario). */
static char *plan_text(const char *dir)
{
    char *all = strdup("");
    for (int i = 0; i < 6; i++) {
        char *p = e2e_strf("%s/%s", dir, plan_names[i]);
        size_t n;
        char *text = e2e_slurp(p, &n);
        free(p);
        if (!text)
            text = strdup("(missing)\n");
        char *row = strstr(text, "\nsolve_seconds,");
        if (row) {
            char *end = strchr(row + 1, '\n');
            memmove(row, end ? end : row + strlen(row), strlen(end ? end : "") + 1);
        }
        char *next = e2e_strf("%s== %s\n%s", all, plan_names[i], text);
        free(all);
        free(text);
        all = next;
    }
    return all;
}

static int is_symlink(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0 && S_ISLNK(st.st_mode);
}

/* A pid that no process has now: a killed run's. */
static long dead_pid(void)
{
    for (long pid = 4000000; pid > 1000; pid -= 7)
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            return pid;
    cr_assert_fail("no free pid");
    return -1;
}

/* ---- 1. a symlink to a directory ------------------------------------------------ */

Test(e2e_publish, through_a_symlink_the_target_gets_the_plan_and_the_link_stays)
{
    char *real = path("real"), *link = path("link");
    cr_assert_eq(plan(TINY, real, NULL), 0);
    char *first = plan_text(real);
    cr_assert_eq(symlink("real", link), 0);
    for (int run = 0; run < 2; run++) {
        char *err = NULL;
        cr_expect_eq(plan(TINY, link, &err), 0, "run %d: %s", run, err);
        free(err);
        cr_expect(is_symlink(link), "run %d: %s is no longer a symlink", run, link);
        expect_names(real, SIX);
        expect_names(TOP, "link real");   /* no stray staging directory or link */
    }
    char *now = plan_text(real);
    cr_expect_str_eq(now, first);
    /* The user's files next to the plan in the target stay too. */
    cr_assert_eq(e2e_write(real, "notes.txt", "mine\n", 5), 0);
    cr_expect_eq(plan(TINY, link, NULL), 0);
    expect_names(real, "calendar.csv inventory.csv kpis.csv late.csv notes.txt orders.csv plan.xlsx report.html room_grid.csv roster.csv");
    cr_expect(is_symlink(link));
    free(now);
    free(first);
    free(real);
    free(link);
}

/* ---- 2. stale-staging cleanup never follows a link ------------------------------- */

Test(e2e_publish, a_symlink_named_like_a_dead_runs_staging_is_left_alone)
{
    char *victim = path("victim"), *out = path("out"), *inner_victim = path("victim2");
    cr_assert_eq(mkdir(victim, 0777), 0);
    cr_assert_eq(mkdir(inner_victim, 0777), 0);
    cr_assert_eq(mkdir(out, 0777), 0);
    /* Files with the plan's own names and others, in both victims. */
    for (int i = 0; i < 2; i++) {
        const char *v = i ? inner_victim : victim;
        cr_assert_eq(e2e_write(v, "calendar.csv", "precious\n", 9), 0);
        cr_assert_eq(e2e_write(v, "thesis.tex", "precious\n", 9), 0);
    }
    long pid = dead_pid();
    char *beside = e2e_strf("%s/.out.plan.tmp.%ld", TOP, pid);
    char *inside = e2e_strf("%s/.plan.tmp.%ld", out, pid);
    cr_assert_eq(symlink(victim, beside), 0);
    cr_assert_eq(symlink(inner_victim, inside), 0);
    char *err = NULL;
    cr_expect_eq(plan(TINY, out, &err), 0, "%s", err);
    free(err);
    expect_names(victim, "calendar.csv thesis.tex");
    expect_names(inner_victim, "calendar.csv thesis.tex");
    cr_expect(is_symlink(beside) && is_symlink(inside), "a planted link was removed");
    char *in_out = e2e_strf(".plan.tmp.%ld %s", pid, SIX);
    expect_names(out, in_out);
    free(in_out);
    free(beside);
    free(inside);
    free(victim);
    free(inner_victim);
    free(out);
}

/* ---- 3. all or nothing, and two runs at once ------------------------------------ */

/* A plan file that cannot be replaced (immutable, as root can make it):
 * the publish fails and the directory holds the previous plan, whole,
 * never the files renamed before the failure. */
Test(e2e_publish, a_failed_publish_leaves_the_previous_plan_whole)
{
    char *out = path("out");
    cr_assert_eq(plan(TINY, out, NULL), 0);
    cr_assert_eq(e2e_write(out, "notes.txt", "mine\n", 5), 0);   /* file by file, not a swap */
    char *before = plan_text(out);
    char *kpis = e2e_strf("%s/kpis.csv", out);
    int fd = open(kpis, O_RDONLY);
    cr_assert(fd >= 0);
    int flags = 0;
    if (ioctl(fd, FS_IOC_GETFLAGS, &flags) != 0 ||
        (flags |= FS_IMMUTABLE_FL, ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0)) {
        close(fd);
        cr_skip_test("cannot make a file immutable here (not root, or %s)", strerror(errno));
    }
    char *err = NULL;
    int code = plan(OTHER, out, &err);   /* another plan altogether */
    flags &= ~FS_IMMUTABLE_FL;
    (void)ioctl(fd, FS_IOC_SETFLAGS, &flags);
    close(fd);
    cr_expect_eq(code, 3, "%s", err);
    cr_expect(strstr(err, "no plan written"), "%s", err);
    char *after = plan_text(out);
    cr_expect_str_eq(after, before, "the directory holds a mix of two plans");
    expect_names(out, "calendar.csv inventory.csv kpis.csv late.csv notes.txt orders.csv plan.xlsx report.html room_grid.csv roster.csv");
    free(err);
    free(after);
    free(before);
    free(kpis);
    free(out);
}

/* Another run publishing into the directory holds its lock: a second run
 * waits for it (seen in /proc/locks as a blocked flock on the directory),
 * leaves the directory alone meanwhile, then publishes its whole plan. */
Test(e2e_publish, a_second_run_waits_for_the_first)
{
    char *out = path("out");
    cr_assert_eq(plan(TINY, out, NULL), 0);
    cr_assert_eq(e2e_write(out, "notes.txt", "mine\n", 5), 0);
    char *before = plan_text(out);
    int fd = open(out, O_RDONLY | O_DIRECTORY);
    cr_assert(fd >= 0);
    cr_assert_eq(flock(fd, LOCK_EX), 0);
    struct stat st;
    cr_assert_eq(fstat(fd, &st), 0);

    pid_t child = fork();
    cr_assert(child >= 0);
    if (child == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execl(PLANNER_BIN, PLANNER_BIN, "plan", OTHER, "-o", out, "-q", (char *)NULL);
        _exit(127);
    }
    /* Wait (hang guard only) until the child blocks on our lock, or exits. */
    char *inode = e2e_strf(":%lu ", (unsigned long)st.st_ino);
    int waiting = 0, status = 0, exited = 0;
    for (int i = 0; i < 6000 && !waiting && !exited; i++) {
        size_t n;
        char *locks = e2e_slurp("/proc/locks", &n);
        for (char *line = locks; line && *line && !waiting;) {
            char *end = strchr(line, '\n');
            if (end)
                *end = '\0';
            waiting = strstr(line, "->") && strstr(line, "FLOCK") && strstr(line, inode);
            line = end ? end + 1 : line + strlen(line);
        }
        free(locks);
        exited = !waiting && waitpid(child, &status, WNOHANG) == child;
        if (!waiting && !exited) {
            struct timespec ms = {0, 10000000};
            nanosleep(&ms, NULL);
        }
    }
    cr_expect(waiting, "the second run did not wait for the directory's lock");
    char *during = plan_text(out);
    cr_expect_str_eq(during, before, "the second run published while the first held the lock");
    flock(fd, LOCK_UN);
    close(fd);
    if (!exited)
        cr_assert_eq(waitpid(child, &status, 0), child);
    cr_expect(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "second run: status %d", status);

    char *ref = path("ref");
    cr_assert_eq(plan(OTHER, ref, NULL) <= 1, 1);
    char *want = plan_text(ref), *after = plan_text(out);
    cr_expect_str_eq(after, want);
    expect_names(out, "calendar.csv inventory.csv kpis.csv late.csv notes.txt orders.csv plan.xlsx report.html room_grid.csv roster.csv");
    free(want);
    free(after);
    free(during);
    free(ref);
    free(inode);
    free(before);
    free(out);
}

/* ---- 4. mount points ---------------------------------------------------------- */

static int mount_tmpfs(const char *dir, int slot)
{
    if (geteuid() != 0)
        return -1;
    if (mount("none", dir, "tmpfs", 0, "size=16m") != 0)
        return -1;
    MOUNTED[slot] = strdup(dir);
    return 0;
}

Test(e2e_publish, a_mount_point_gets_its_plan)
{
    char *mnt = path("mnt");
    cr_assert_eq(mkdir(mnt, 0777), 0);
    if (mount_tmpfs(mnt, 0) != 0)
        cr_skip_test("cannot mount a tmpfs here (needs root): %s", strerror(errno));
    char *err = NULL;
    cr_expect_eq(plan(TINY, mnt, &err), 0, "%s", err);
    free(err);
    expect_names(mnt, SIX);
    expect_names(TOP, "mnt");
    err = NULL;
    cr_expect_eq(plan(TINY, mnt, &err), 0, "again: %s", err);   /* over its own plan */
    free(err);
    expect_names(mnt, SIX);
    expect_names(TOP, "mnt");
    free(mnt);
}

/* A read-only mount: refused before the solve (exit 2), not after it. */
Test(e2e_publish, a_read_only_mount_is_refused_before_solving)
{
    char *src = path("src"), *ro = path("ro");
    cr_assert_eq(mkdir(src, 0777), 0);
    cr_assert_eq(mkdir(ro, 0777), 0);
    if (geteuid() != 0 || mount(src, ro, NULL, MS_BIND, NULL) != 0)
        cr_skip_test("cannot bind-mount here (needs root): %s", strerror(errno));
    MOUNTED[0] = strdup(ro);
    if (mount(NULL, ro, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
        cr_skip_test("cannot remount read-only here: %s", strerror(errno));
    struct e2e_result r;
    cr_assert_eq(e2e_planner(&r, "plan", TINY, "-o", ro, "-v", NULL), 0);
    cr_expect(r.exited && r.code == 2, "exit %d\n%s", r.code, r.err);
    cr_expect(strstr(r.err, "Read-only file system"), "%s", r.err);
    cr_expect_null(strstr(r.err, "candidate starts"), "the model was solved first:\n%s", r.err);
    e2e_result_free(&r);
    expect_names(ro, "");
    expect_names(TOP, "ro src");
    free(src);
    free(ro);
}

/* "cd out; planner plan ../s.ini -o .": the folder the user stands in
 * stays the folder that holds the plan (it is not swapped for a new one,
 * which would leave the user's shell in a deleted, empty folder). */
Test(e2e_publish, the_current_directory_stays_the_plan_directory)
{
    char *out = path("out"), *scenario = realpath(TINY, NULL);
    cr_assert_not_null(scenario);
    cr_assert_eq(mkdir(out, 0777), 0);
    cr_assert_eq(chdir(out), 0);
    for (int run = 0; run < 2; run++) {
        char *err = NULL;
        cr_expect_eq(plan(scenario, ".", &err), 0, "run %d: %s", run, err);
        free(err);
        expect_names(".", SIX);
    }
    expect_names(TOP, "out");
    cr_assert_eq(chdir("/"), 0);
    free(scenario);
    free(out);
}
