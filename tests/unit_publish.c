/* Publishing a directory: the module (planner/publish.h) with small sets
 * of files, and the last guard before a plan is published: plan_publish
 * checks the plan files with verify's rules and refuses a plan that breaks
 * one, leaving the previous plan as it was (the wrong plans here are
 * injected on purpose). */
#define _XOPEN_SOURCE 700   /* nftw */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/scenario.h"
#include "planner/commands.h"
#include "planner/plan_files.h"
#include "planner/plan_view.h"
#include "planner/publish.h"
#include "solver/solver.h"
#include "tests/e2e_util.h"

#define CASE "tests/plan-cases/room-capacity/scenario.ini"

static struct scenario *load(void)
{
    diag_list *d = diag_new();
    struct scenario *s = NULL;
    cr_assert_eq(scn_load(CASE, d, &s), SCN_OK);
    diag_free(d);
    return s;
}

static struct solution *optimal(const struct scenario *s)
{
    struct solve_options o;
    struct solution *sol = NULL;
    char err[256];
    solve_options_init(&o, s);
    cr_assert_eq(solve(s, &o, &sol, err, sizeof err), SOLVE_OK, "%s", err);
    return sol;
}

/* Names in dir, sorted, space-separated (caller frees). */
static char *listing(const char *dir)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    cr_assert(n >= 0);
    char *out = calloc(1, 1024);
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.' || strlen(list[i]->d_name) > 2) {
            if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
                strncat(out, list[i]->d_name, 1000 - strlen(out));
                strcat(out, " ");
            }
        }
        free(list[i]);
    }
    free(list);
    return out;
}

/* plan_publish of the view of sol. */
static int publish_plan(const struct scenario *s, const struct solution *sol, const char *dir, char *err,
                        size_t size)
{
    struct plan_view v;
    cr_assert_eq(pv_build(&v, s, sol), 0);
    int rc = plan_publish(&v, dir, err, size);
    pv_free(&v);
    return rc;
}

Test(publish, valid_plan_is_published)
{
    struct scenario *s = load();
    struct solution *sol = optimal(s);
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish_plan(s, sol, dir, err, sizeof err), 0, "%s", err);
    char *names = listing(dir);
    cr_expect_str_eq(names, "calendar.csv inventory.csv kpis.csv late.csv orders.csv plan.xlsx report.html room_grid.csv roster.csv ");
    free(names);
    e2e_rmtree(dir);
    free(dir);
    solution_free(sol);
    scn_free(s);
}

/* Two batches in one room of capacity 1 on the same days: a solver bug the
 * guard must catch. The previous plan stays, byte for byte, and nothing is
 * left behind. */
Test(publish, wrong_plan_is_refused_and_the_previous_plan_stays)
{
    struct scenario *s = load();
    struct solution *sol = optimal(s);
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish_plan(s, sol, dir, err, sizeof err), 0, "%s", err);
    char *path = e2e_strf("%s/calendar.csv", dir);
    size_t n0;
    char *before = e2e_slurp(path, &n0);
    cr_assert(before);

    int p1 = scn_find_patient(s, "P1"), p2 = scn_find_patient(s, "P2");
    cr_assert(p1 >= 0 && p2 >= 0);
    sol->batch[p2] = sol->batch[p1];
    struct e2e_capture cap;
    cr_assert_eq(e2e_stderr_begin(&cap), 0);
    int rc = publish_plan(s, sol, dir, err, sizeof err);
    char *said = e2e_stderr_end(&cap);
    cr_assert_not_null(said);
    cr_expect_eq(rc, 1);
    cr_expect(strstr(err, "internal error") != NULL, "%s", err);
    cr_expect_str_eq(said, "planner plan: internal error: the plan breaks a rule: room R1 on 2027-03-01 .. "
                           "2027-03-05: 2 batches (P1 P2) but capacity 1\n");
    free(said);

    size_t n1;
    char *after = e2e_slurp(path, &n1);
    cr_assert(after);
    cr_expect_eq(n0, n1);
    cr_expect_str_eq(after, before);
    char *names = listing(dir);
    cr_expect_str_eq(names, "calendar.csv inventory.csv kpis.csv late.csv orders.csv plan.xlsx report.html room_grid.csv roster.csv ");
    free(names);
    /* No staging directory left beside the plan directory either. */
    char *parent = strdup(dir);
    *strrchr(parent, '/') = '\0';
    char *base = strrchr(dir, '/') + 1;
    DIR *d = opendir(parent);
    cr_assert(d);
    struct dirent *e;
    char *prefix = e2e_strf(".%s.plan.tmp.", base);
    while ((e = readdir(d)) != NULL)
        cr_expect(strncmp(e->d_name, prefix, strlen(prefix)) != 0, "stray %s", e->d_name);
    closedir(d);
    free(prefix);
    free(parent);
    free(before);
    free(after);
    free(path);
    e2e_rmtree(dir);
    free(dir);
    solution_free(sol);
    scn_free(s);
}

/* ---- the publish module (planner/publish.h) -------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes path and everything under it, never following a symlink. */
static void rm_rf(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int write_text(FILE *f, void *arg)
{
    fputs(arg, f);
    return 0;
}

static int write_oom(FILE *f, void *arg)
{
    (void)arg;
    fputs("half", f);
    return -1;
}

/* Two files: one from a writer, one from a buffer, with content tag. */
static void two_files(struct pub_file f[2], const char *tag)
{
    static char text[64];
    snprintf(text, sizeof text, "%s", tag);
    memset(f, 0, 2 * sizeof *f);
    f[0].name = "a.csv";
    f[0].write = write_text;
    f[0].arg = text;
    f[1].name = "b.txt";
    f[1].data = tag;
    f[1].len = strlen(tag);
}

static enum pub_status publish2(const char *dir, const char *tag, char *err, size_t size)
{
    struct pub_file f[2];
    struct pub_options o;
    two_files(f, tag);
    pub_options_init(&o, "test");
    return pub_publish(dir, f, 2, &o, err, size);
}

static char *file_in(const char *dir, const char *name)
{
    char *path = e2e_strf("%s/%s", dir, name);
    size_t n;
    char *text = e2e_slurp(path, &n);
    free(path);
    return text;
}

static void expect_set(const char *dir, const char *tag)
{
    char *a = file_in(dir, "a.csv"), *b = file_in(dir, "b.txt");
    cr_expect(a && b, "a.csv or b.txt missing in %s", dir);
    if (a && b) {
        cr_expect_str_eq(a, tag);
        cr_expect_str_eq(b, tag);
    }
    free(a);
    free(b);
}

Test(pub, writer_and_buffer_files_into_a_new_directory)
{
    char *top = e2e_tmpdir(), err[512] = "";
    char *dir = e2e_strf("%s/x/y", top);
    cr_assert_eq(publish2(dir, "one\n", err, sizeof err), PUB_OK, "%s", err);
    expect_set(dir, "one\n");
    char *names = listing(dir);
    cr_expect_str_eq(names, "a.csv b.txt ");
    free(names);
    cr_assert_eq(publish2(dir, "two\n", err, sizeof err), PUB_OK, "%s", err);
    expect_set(dir, "two\n");
    names = listing(top);
    cr_expect_str_eq(names, "x ", "a staging directory was left beside: %s", names);
    free(names);
    rm_rf(top);
    free(dir);
    free(top);
}

static int refuse(const char *staged, void *arg, char *err, size_t size)
{
    /* The check sees the complete set in the staged directory. */
    char *a = file_in(staged, "a.csv");
    *(int *)arg = a && strcmp(a, "new\n") == 0;
    free(a);
    snprintf(err, size, "no thanks");
    return 1;
}

Test(pub, a_refusal_or_a_failed_writer_keeps_the_previous_set)
{
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish2(dir, "old\n", err, sizeof err), PUB_OK, "%s", err);
    struct pub_file f[2];
    struct pub_options o;
    int saw = 0;
    two_files(f, "new\n");
    pub_options_init(&o, "test");
    o.check = refuse;
    o.check_arg = &saw;
    cr_expect_eq(pub_publish(dir, f, 2, &o, err, sizeof err), PUB_REFUSED);
    cr_expect_str_eq(err, "no thanks");
    cr_expect_eq(saw, 1, "the check did not see the staged files");
    expect_set(dir, "old\n");

    o.check = NULL;
    f[1].write = write_oom;
    cr_expect_eq(pub_publish(dir, f, 2, &o, err, sizeof err), PUB_ERROR);
    cr_expect(strstr(err, "b.txt: out of memory"), "%s", err);
    expect_set(dir, "old\n");
    char *names = listing(dir);
    cr_expect_str_eq(names, "a.csv b.txt ");
    free(names);
    rm_rf(dir);
    free(dir);
}

/* The user's own files in the directory stay, and the set is replaced. */
Test(pub, other_files_in_the_directory_stay)
{
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish2(dir, "old\n", err, sizeof err), PUB_OK, "%s", err);
    cr_assert_eq(e2e_write(dir, "notes.txt", "mine\n", 5), 0);
    cr_assert_eq(publish2(dir, "new\n", err, sizeof err), PUB_OK, "%s", err);
    expect_set(dir, "new\n");
    char *mine = file_in(dir, "notes.txt");
    cr_expect_str_eq(mine, "mine\n");
    free(mine);
    char *names = listing(dir);
    cr_expect_str_eq(names, "a.csv b.txt notes.txt ");
    free(names);
    rm_rf(dir);
    free(dir);
}

Test(pub, probe)
{
    char *top = e2e_tmpdir(), err[512] = "";
    char *dir = e2e_strf("%s/new", top);
    cr_expect_eq(pub_probe(dir, "test", NULL, 0, err, sizeof err), 0, "%s", err);
    char *names = listing(top);
    cr_expect_str_eq(names, "new ", "the probe left %s", names);
    free(names);
    names = listing(dir);
    cr_expect_str_eq(names, "");
    free(names);
    cr_assert_eq(e2e_write(top, "file", "x", 1), 0);
    char *bad = e2e_strf("%s/file/sub", top);
    cr_expect_eq(pub_probe(bad, "test", NULL, 0, err, sizeof err), -1);
    cr_expect(strstr(err, bad), "%s", err);
    free(bad);
    rm_rf(top);
    free(dir);
    free(top);
}

/* A file of the set that is a symlink in dir is replaced by the file, not
 * written through: what it pointed to stays as it was. */
Test(pub, a_symlink_in_a_files_place_is_replaced_not_followed)
{
    char *dir = e2e_tmpdir(), *victim_dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(e2e_write(victim_dir, "victim", "precious\n", 9), 0);
    cr_assert_eq(e2e_write(dir, "notes.txt", "mine\n", 5), 0);
    char *victim = e2e_strf("%s/victim", victim_dir), *a = e2e_strf("%s/a.csv", dir);
    cr_assert_eq(symlink(victim, a), 0);
    cr_assert_eq(publish2(dir, "new\n", err, sizeof err), PUB_OK, "%s", err);
    expect_set(dir, "new\n");
    struct stat st;
    cr_expect(lstat(a, &st) == 0 && S_ISREG(st.st_mode), "a.csv is still a symlink");
    char *kept = file_in(victim_dir, "victim");
    cr_expect_str_eq(kept, "precious\n");
    free(kept);
    free(victim);
    free(a);
    rm_rf(dir);
    rm_rf(victim_dir);
    free(dir);
    free(victim_dir);
}

/* The swap replaces the directory: the new one keeps the old one's
 * permissions. */
Test(pub, the_directory_keeps_its_permissions)
{
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish2(dir, "old\n", err, sizeof err), PUB_OK, "%s", err);
    cr_assert_eq(chmod(dir, 0750), 0);
    cr_assert_eq(publish2(dir, "new\n", err, sizeof err), PUB_OK, "%s", err);
    struct stat st;
    cr_assert_eq(stat(dir, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0750, "mode %o", (unsigned)(st.st_mode & 07777));
    expect_set(dir, "new\n");
    rm_rf(dir);
    free(dir);
}

/* The check makes the second staged file immutable: its rename fails after
 * the first file was renamed into place. That first file is put back: the
 * directory holds the previous set, whole. */
static int pin_second(const char *staged, void *arg, char *err, size_t size)
{
    (void)err;
    (void)size;
    char *p = e2e_strf("%s/b.txt", staged);
    int fd = open(p, O_RDONLY), flags = 0;
    *(int *)arg = fd >= 0 && ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0 &&
                  (flags |= FS_IMMUTABLE_FL, ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0);
    if (fd >= 0)
        close(fd);
    free(p);
    return 0;
}

static void unpin(const char *path)
{
    int fd = open(path, O_RDONLY), flags = 0;
    if (fd >= 0 && ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
        flags &= ~FS_IMMUTABLE_FL;
        (void)ioctl(fd, FS_IOC_SETFLAGS, &flags);
    }
    if (fd >= 0)
        close(fd);
}

Test(pub, a_failed_rename_is_rolled_back)
{
    char *dir = e2e_tmpdir(), err[512] = "";
    cr_assert_eq(publish2(dir, "old\n", err, sizeof err), PUB_OK, "%s", err);
    cr_assert_eq(e2e_write(dir, "notes.txt", "mine\n", 5), 0);   /* file by file */
    struct pub_file f[2];
    struct pub_options o;
    int pinned = 0;
    two_files(f, "new\n");
    pub_options_init(&o, "test");
    o.check = pin_second;
    o.check_arg = &pinned;
    enum pub_status rc = pub_publish(dir, f, 2, &o, err, sizeof err);
    char *staging = e2e_strf("%s/.test.tmp.%ld", dir, (long)getpid());
    char *pin = e2e_strf("%s/b.txt", staging);
    unpin(pin);
    rm_rf(staging);
    free(pin);
    free(staging);
    if (!pinned) {
        rm_rf(dir);
        free(dir);
        cr_skip_test("cannot make a file immutable here (needs root and a file system with the flag)");
    }
    cr_expect_eq(rc, PUB_ERROR);
    cr_expect(strstr(err, "b.txt: Operation not permitted"), "%s", err);
    expect_set(dir, "old\n");
    char *names = listing(dir);
    cr_expect_str_eq(names, "a.csv b.txt notes.txt ");
    free(names);
    rm_rf(dir);
    free(dir);
}
