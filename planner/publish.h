/* Publishing a directory of files all or nothing: every command that
 * writes files (plan, generate; later compare, risk, ...) hands a set of
 * named files to pub_publish, which writes them to a staging directory,
 * flushes them to disk, optionally checks the complete staged set, and
 * only then puts all of them in place at once.
 *
 * What the output directory DIR can count on (docs/commands.md, "The
 * output directory"):
 * - DIR and its missing parents are created (like mkdir -p).
 * - A symlink to a directory is followed: the files go into its target and
 *   the link stays a link.
 * - All or nothing: after a failure, a refusal by the check, or a second
 *   run at the same moment, DIR holds the previous set or the new one,
 *   complete, never a mix. Two runs into one DIR take turns (a lock on DIR
 *   held while publishing); the later one's files stand.
 * - When DIR holds nothing but the set's own files, it is swapped for the
 *   staged directory in one atomic step (renameat2 RENAME_EXCHANGE): a run
 *   killed at any moment leaves the old set or the new one. Otherwise
 *   (other files in DIR, DIR a mount point, DIR the current directory or
 *   one above it, a file system that cannot swap) the files are staged
 *   inside DIR and renamed one by one, the files they replace kept aside
 *   as hard links and put back if a rename fails; only a kill in the
 *   microseconds between two renames can leave a mix there.
 * - Nothing but the set's own names is ever replaced in DIR, and nothing
 *   is deleted that this module did not create: leftovers of killed runs
 *   (".BASE.TAG.tmp.PID" beside DIR, ".TAG.tmp.PID" inside it) are removed
 *   name by name, never through a symlink.
 *
 * Usage (errors in err, size bytes, as "PATH: reason" the user can act on):
 *
 *     if (pub_probe(dir, "plan", err, sizeof err) != 0) ... before solving ...
 *     struct pub_file files[] = {{"calendar.csv", write_calendar, view, NULL, 0},
 *                                {"README.md", NULL, NULL, text, text_len}};
 *     struct pub_options o;
 *     pub_options_init(&o, "plan");
 *     o.check = my_check;  o.check_arg = &ctx;            optional
 *     switch (pub_publish(dir, files, 2, &o, err, sizeof err)) ...
 */
#ifndef PLANNER_PUBLISH_H
#define PLANNER_PUBLISH_H

#include <stddef.h>
#include <stdio.h>

#define PUB_MAX_FILES 64        /* files in one published set */

enum pub_status {
    PUB_OK = 0,                 /* published */
    PUB_REFUSED = 1,            /* the check refused the staged set; DIR unchanged */
    PUB_ERROR = -1              /* nothing published (err says why); DIR unchanged */
};

/* Writes one file's content to f (opened for writing by pub_publish, which
 * also flushes and closes it and finds write errors through f): returns 0,
 * or -1 when memory ran out. */
typedef int (*pub_writer)(FILE *f, void *arg);

/* One file of the set: produced by write(f, arg), or, when write is NULL,
 * the len bytes at data. Borrowed by pub_publish for the call. */
struct pub_file {
    const char *name;           /* a plain name (no '/', not "." or ".."), unique in the set */
    pub_writer write;           /* or NULL */
    void *arg;                  /* handed to write */
    const char *data;           /* when write is NULL: the content */
    size_t len;                 /* bytes at data */
};

/* A check of the complete staged directory (its path in staged) before it
 * is published: returns 0 to publish, else non-zero with a message in err
 * (size bytes); pub_publish then returns PUB_REFUSED. */
typedef int (*pub_check)(const char *staged, void *arg, char *err, size_t size);

struct pub_options {
    const char *tag;            /* a short word in the staging names, e.g. "plan" */
    pub_check check;            /* NULL: no check */
    void *check_arg;            /* handed to check */
};

/* Options with tag (borrowed; letters, digits, '-' and '_') and no check. */
void pub_options_init(struct pub_options *o, const char *tag);

/* Publishes the n files (1 <= n <= PUB_MAX_FILES) into dir as the header
 * comment says. Returns PUB_OK, PUB_REFUSED (err from the check) or
 * PUB_ERROR (err says why, e.g. "out/.plan.tmp.123/roster.csv: No space
 * left on device", "out/kpis.csv: is a directory; remove it or choose
 * another output directory"). */
enum pub_status pub_publish(const char *dir, const struct pub_file *files, int n,
                            const struct pub_options *o, char *err, size_t size);

/* Before a long computation: checks that pub_publish with this tag will be
 * able to publish into dir. Creates dir (and missing parents) when it is
 * missing, then creates, writes and removes a probe file where the files
 * will be staged (beside dir, else inside it; inside when dir is a mount
 * point or holds other files than the set's, named in files, n). Returns 0,
 * or -1 with the reason in err ("out: cannot write in this directory:
 * Read-only file system"). files may be NULL (n 0): then beside dir is
 * probed first, as for a dir holding only the set. */
int pub_probe(const char *dir, const char *tag, const struct pub_file *files, int n, char *err,
              size_t size);

#endif
