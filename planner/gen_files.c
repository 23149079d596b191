/* planner generate, the files: which files a generated scenario holds,
 * which writer makes each, and writing them all or nothing. The files are
 * built in memory, then written to temporaries in DIR and renamed into
 * place only when all of them are complete, like plan_files_write. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/gen.h"

#define GEN_FILE_MAX (256u << 20)   /* bytes in one generated file: a hard cap */

const char *const gen_file_names[GEN_NFILES] = {
    "scenario.ini", "sites.csv", "patients.csv", "forecast.csv", "processes.csv", "steps.csv",
    "bom.csv", "rooms.csv", "room_slots.csv", "staff.csv", "shifts.csv", "holidays.csv",
    "materials.csv", "deliveries.csv", "README.md"};

void gb_write(struct gbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = cap <= GEN_FILE_MAX ? realloc(b->p, cap) : NULL;
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void gb_puts(struct gbuf *b, const char *s)
{
    gb_write(b, s, strlen(s));
}

/* Integers and strings only: %d and %s print the same in every locale. */
void gb_printf(struct gbuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        gb_write(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gb_write(b, big, (size_t)n);
    free(big);
}

/* A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line
 * break; a comma before it unless first. */
void gb_csv(struct gbuf *b, const char *text, int first)
{
    if (!first)
        gb_puts(b, ",");
    if (!strpbrk(text, ",\"\r\n")) {
        gb_puts(b, text);
        return;
    }
    gb_puts(b, "\"");
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            gb_puts(b, "\"");
        gb_write(b, c, 1);
    }
    gb_puts(b, "\"");
}

typedef void (*file_writer)(struct gbuf *b, const struct gen *g);

static const file_writer writers[GEN_NFILES] = {
    gen_write_ini, gen_write_sites, gen_write_patients, gen_write_forecast, gen_write_processes, gen_write_steps, gen_write_bom,
    gen_write_rooms, gen_write_slots, gen_write_staff, gen_write_shifts, gen_write_holidays, gen_write_materials,
    gen_write_deliveries, gen_write_readme};

/* ---- writing, all or nothing ------------------------------------------------------ */

static char *path_join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

static int ensure_dir(const char *dir, char *err, size_t size)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (errno == EEXIST)
        snprintf(err, size, "%s: exists and is not a directory", dir);
    else
        snprintf(err, size, "%s: %s", dir, strerror(errno));
    return -1;
}

static int write_file(const char *path, const struct gbuf *b, char *err, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t w = b->len ? fwrite(b->p, 1, b->len, f) : 0;
    int bad = w != b->len || ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    int saved = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        snprintf(err, size, "%s: %s", path, strerror(saved ? saved : EIO));
        return -1;
    }
    return 0;
}

static int write_all(const struct gbuf *bufs, const char *dir, char *err, size_t size)
{
    char *tmp[GEN_NFILES] = {0}, *final[GEN_NFILES] = {0};
    int made[GEN_NFILES] = {0};
    char pid[32];
    int rc = -1;
    snprintf(pid, sizeof pid, ".tmp.%ld", (long)getpid());
    if (ensure_dir(dir, err, size) != 0)
        return -1;
    for (int i = 0; i < GEN_NFILES; i++) {
        tmp[i] = path_join(dir, ".", gen_file_names[i], pid);
        final[i] = path_join(dir, "", gen_file_names[i], "");
        if (!tmp[i] || !final[i]) {
            snprintf(err, size, "out of memory");
            goto done;
        }
        made[i] = 1;
        if (write_file(tmp[i], &bufs[i], err, size) != 0)
            goto done;
    }
    /* The renames are not one atomic step: refuse before the first one
     * what would make a later one fail (a directory in a file's place). */
    for (int i = 0; i < GEN_NFILES; i++) {
        struct stat st;
        if (lstat(final[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(err, size, "%s: is a directory; remove it or choose another output directory", final[i]);
            goto done;
        }
    }
    for (int i = 0; i < GEN_NFILES; i++) {
        if (rename(tmp[i], final[i]) != 0) {
            snprintf(err, size, "%s: %s", final[i], strerror(errno));
            goto done;
        }
        made[i] = 0;
    }
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    rc = 0;
done:
    for (int i = 0; i < GEN_NFILES; i++) {
        if (made[i] && tmp[i])
            (void)unlink(tmp[i]);
        free(tmp[i]);
        free(final[i]);
    }
    return rc;
}

int gen_files_write(const struct gen *g, const char *dir, char *err, size_t size)
{
    struct gbuf bufs[GEN_NFILES];
    int rc = -1;
    memset(bufs, 0, sizeof bufs);
    for (int i = 0; i < GEN_NFILES; i++) {
        writers[i](&bufs[i], g);
        if (bufs[i].failed) {
            snprintf(err, size, "%s: out of memory", gen_file_names[i]);
            goto done;
        }
    }
    if (write_all(bufs, dir, err, size) != 0) {
        size_t n = strlen(err);
        snprintf(err + n, size - n, "; nothing written");
        goto done;
    }
    rc = 0;
done:
    for (int i = 0; i < GEN_NFILES; i++)
        free(bufs[i].p);
    return rc;
}
