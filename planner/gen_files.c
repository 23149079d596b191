/* planner generate, the files: which files a generated scenario holds and
 * which writer makes each. Each file is built in memory, then the whole
 * set is handed to planner/publish.h, which puts it in place all or
 * nothing. */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "planner/gen.h"
#include "planner/publish.h"
#include "planner/strbuf.h"

#define GEN_FILE_MAX (256u << 20)   /* bytes in one generated file: a hard cap */

const char *const gen_file_names[GEN_NFILES] = {
    "scenario.ini", "sites.csv", "patients.csv", "forecast.csv", "processes.csv", "steps.csv",
    "bom.csv", "rooms.csv", "room_slots.csv", "staff.csv", "shifts.csv", "holidays.csv",
    "materials.csv", "deliveries.csv", "README.md"};

typedef void (*file_writer)(struct strbuf *b, const struct gen *g);

static const file_writer writers[GEN_NFILES] = {
    gen_write_ini, gen_write_sites, gen_write_patients, gen_write_forecast, gen_write_processes,
    gen_write_steps, gen_write_bom, gen_write_rooms, gen_write_slots, gen_write_staff,
    gen_write_shifts, gen_write_holidays, gen_write_materials, gen_write_deliveries,
    gen_write_readme};

/* publish creates missing parents (like mkdir -p), but generate promises
 * that DIR's parent must exist (docs/commands.md, exit status 3): a
 * mistyped -o makes no folders. Returns 0, or -1 with the reason in err,
 * as mkdir(dir) would give it. */
static int parent_exists(const char *dir, char *err, size_t size)
{
    char *copy = strdup(dir);
    if (!copy) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    struct stat st;
    int rc = 0;
    if (stat(dir, &st) != 0 && errno == ENOENT) {
        const char *parent = dirname(copy);
        if (stat(parent, &st) != 0) {
            snprintf(err, size, "%s: %s", dir, strerror(errno));
            rc = -1;
        } else if (!S_ISDIR(st.st_mode)) {
            snprintf(err, size, "%s: %s", dir, strerror(ENOTDIR));
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

int gen_files_write(const struct gen *g, const char *dir, char *err, size_t size)
{
    struct strbuf bufs[GEN_NFILES];
    struct pub_file files[GEN_NFILES];
    struct pub_options o;
    int rc = -1;
    for (int i = 0; i < GEN_NFILES; i++)
        sb_init(&bufs[i], GEN_FILE_MAX);
    for (int i = 0; i < GEN_NFILES; i++) {
        writers[i](&bufs[i], g);
        if (sb_failed(&bufs[i])) {
            snprintf(err, size, "%s: out of memory", gen_file_names[i]);
            goto done;
        }
        files[i] = (struct pub_file){gen_file_names[i], NULL, NULL, sb_str(&bufs[i]), bufs[i].len};
    }
    pub_options_init(&o, "scenario");
    if (parent_exists(dir, err, size) != 0 || pub_publish(dir, files, GEN_NFILES, &o, err, size) != PUB_OK) {
        size_t n = strlen(err);
        snprintf(err + n, size - n, "; nothing written");
        goto done;
    }
    rc = 0;
done:
    for (int i = 0; i < GEN_NFILES; i++)
        sb_free(&bufs[i]);
    return rc;
}
