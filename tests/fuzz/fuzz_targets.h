/* What the fuzz harnesses do with one input, shared by the harnesses
 * (tests/fuzz/fuzz_*.c, built with clang and libFuzzer by `make fuzz`) and
 * by the regression tests (tests/fuzz_regress.c, built with the normal
 * `make check`), so that a committed crash input goes through exactly the
 * code that found it.
 *
 * The bodies live in this header, as static inline functions, because the
 * two builds link differently: `make check` compiles every tests/ .c file into one
 * binary, and each harness is a program of its own. Nothing here prints.
 *
 * The readers take paths, not bytes: an input is handed over as a memfd
 * (/proc/self/fd/N, no disk), or, for a whole scenario, as files in a
 * directory of its own. */
#ifndef TESTS_FUZZ_FUZZ_TARGETS_H
#define TESTS_FUZZ_FUZZ_TARGETS_H

#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/arena.h"
#include "models/diag.h"
#include "models/ini.h"
#include "models/scenario.h"
#include "models/csv_table.h"

/* glibc declares memfd_create only with _GNU_SOURCE, which the house's
 * -D_POSIX_C_SOURCE build does not set; the call is Linux's. */
int memfd_create(const char *name, unsigned int flags);

/* Touches every byte of every kept message, so that a dangling or
 * unterminated string in a diagnostic is caught by ASan here rather than
 * by a user's terminal. Returns a sum to keep the reads alive. */
static inline size_t fuzz_touch_diags(const diag_list *d)
{
    size_t sum = diag_errors(d) + diag_warnings(d);
    for (size_t i = 0; i < diag_kept(d); i++) {
        const struct diag *g = diag_get(d, i);
        sum += strlen(g->msg) + (size_t)g->line + (size_t)g->level;
        if (g->file)
            sum += strlen(g->file);
    }
    return sum;
}

/* Writes size bytes into a fresh memfd and puts its /proc path in path.
 * Returns the descriptor (the caller closes it), or -1. */
static inline int fuzz_memfd(const uint8_t *data, size_t size, char path[64])
{
    int fd = memfd_create("planner-fuzz", 0);
    if (fd < 0)
        return -1;
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

/* ---- CSV: tab_read ------------------------------------------------------ */

/* Reads the input (less its first byte, the schema selector) with
 * tab_read and reads back every cell. Returns the number of rows kept, or
 * -1 when the table was refused. */
static inline long fuzz_csv_one(const uint8_t *data, size_t size)
{
    /* Schemas from the contract, chosen by the first byte: all columns
     * optional but one, several required, a two-column one, and one with
     * no required column, so that the fuzzer reaches rows past the header. */
    static const struct tab_column sites[] = {
        {"site", 1}, {"name", 0}, {"ship_days", 0}, {"ship_weekdays", 0},
        {"ready_after", 0}, {"due_after", 0}};
    static const struct tab_column patients[] = {
        {"patient", 1}, {"site", 1}, {"ready", 1}, {"due", 0}, {"process", 0},
        {"priority", 0}, {"replaces", 0}, {"start", 0}, {"room", 0}};
    static const struct tab_column holidays[] = {{"date", 1}, {"name", 0}};
    static const struct tab_column optional[] = {{"a", 0}, {"b", 0}, {"c", 0}};
    static const struct {
        const struct tab_column *cols;
        int n;
    } schemas[] = {
        {sites, (int)(sizeof sites / sizeof sites[0])},
        {patients, (int)(sizeof patients / sizeof patients[0])},
        {holidays, (int)(sizeof holidays / sizeof holidays[0])},
        {optional, (int)(sizeof optional / sizeof optional[0])},
    };
    char path[64];
    long rows = -1;
    if (size < 1)
        return -1;
    int which = data[0] % (int)(sizeof schemas / sizeof schemas[0]);
    int fd = fuzz_memfd(data + 1, size - 1, path);
    if (fd < 0)
        return -1;
    diag_list *d = diag_new();
    arena *mem = arena_new(64u << 20);
    if (d && mem) {
        table *t = tab_read(path, schemas[which].cols, schemas[which].n, d, mem);
        if (t) {
            size_t sum = 0;
            rows = (long)tab_rows(t);
            for (size_t r = 0; r < tab_rows(t); r++) {
                sum += (size_t)tab_line(t, r);
                for (int c = 0; c < schemas[which].n; c++) {
                    const char *cell = tab_cell(t, r, c);
                    if (cell)
                        sum += strlen(cell) + (size_t)tab_has_column(t, c);
                }
            }
            sum += strlen(tab_path(t));
            if (sum == 1)
                rows++;  /* never true; keeps the reads from being dropped */
        }
        (void)fuzz_touch_diags(d);
    }
    arena_free(mem);
    diag_free(d);
    close(fd);
    return rows;
}

/* ---- INI: ini_load ------------------------------------------------------ */

/* Loads the input with ini_load and reads back every entry and section.
 * Returns the number of entries, or -1 when the file was refused. */
static inline long fuzz_ini_one(const uint8_t *data, size_t size)
{
    char path[64];
    long n = -1;
    int fd = fuzz_memfd(data, size, path);
    if (fd < 0)
        return -1;
    diag_list *d = diag_new();
    if (d) {
        ini_file *f = ini_load(path, d);
        if (f) {
            size_t sum = strlen(ini_path(f));
            n = (long)ini_count(f);
            for (size_t i = 0; i < ini_count(f); i++) {
                const struct ini_entry *e = ini_entry_at(f, i);
                sum += strlen(e->section) + strlen(e->key) + strlen(e->value) + (size_t)e->line;
                if (ini_find(f, e->section, e->key) == NULL || !ini_has_section(f, e->section))
                    sum++;  /* an entry that cannot be found again */
            }
            for (size_t i = 0; i < ini_section_count(f); i++)
                sum += strlen(ini_section_at(f, i)->name);
            if (sum == 1)
                n++;
            ini_free(f);
        }
        (void)fuzz_touch_diags(d);
    }
    diag_free(d);
    close(fd);
    return n;
}

/* ---- scenario: scn_load ------------------------------------------------- */

#define FUZZ_SCN_MAX_FILES 20
#define FUZZ_SCN_MAX_NAME 64

/* 1 if name is a plain file name we are willing to create. */
static inline int fuzz_scn_name_ok(const char *name, size_t n)
{
    if (n == 0 || n > FUZZ_SCN_MAX_NAME || (n == 1 && name[0] == '.') ||
        (n == 2 && name[0] == '.' && name[1] == '.'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Removes the plain files in dir (what fuzz_scn_unpack wrote). */
static inline void fuzz_scn_clean(const char *dir)
{
    char path[4096];
    DIR *dp = opendir(dir);
    struct dirent *e;
    if (!dp)
        return;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(dp);
}

/* Unpacks "name\0content\0name\0content..." into dir, which must exist
 * and be empty (the last content may end without its NUL). Returns the
 * number of files written, or -1 for an input the harness refuses: a bad
 * name, too many files, or a '/' anywhere in a file. The last rule keeps
 * every path a scenario names (base =, tables) inside dir: without a
 * slash, a path is relative to the file that names it. */
static inline int fuzz_scn_unpack(const char *dir, const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    int nfiles = 0;
    if (memchr(data, '/', size))
        return -1;
    while (p < end) {
        const char *name_end = memchr(p, '\0', (size_t)(end - p));
        if (!name_end)
            return nfiles;  /* a trailing name without content: ignored */
        size_t nlen = (size_t)(name_end - p);
        if (!fuzz_scn_name_ok(p, nlen) || nfiles == FUZZ_SCN_MAX_FILES)
            return -1;
        const char *content = name_end + 1;
        const char *content_end = memchr(content, '\0', (size_t)(end - content));
        if (!content_end)
            content_end = end;
        char path[4096];
        snprintf(path, sizeof path, "%s/%.*s", dir, (int)nlen, p);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            return -1;
        for (const char *w = content; w < content_end;) {
            ssize_t k = write(fd, w, (size_t)(content_end - w));
            if (k <= 0) {
                close(fd);
                return -1;
            }
            w += k;
        }
        close(fd);
        nfiles++;
        p = content_end < end ? content_end + 1 : end;
    }
    return nfiles;
}

/* Exercises the queries of a loaded scenario over its whole calendar. */
static inline size_t fuzz_scn_queries(const struct scenario *s)
{
    size_t sum = 0;
    for (int day = s->start - 1; day <= s->day_last + 1; day++) {
        sum += (size_t)scn_is_holiday(s, day);
        for (int r = 0; r < s->nrooms; r++)
            sum += (size_t)scn_room_open(s, r, day);
        for (int p = 0; p < s->npersons; p++)
            sum += (size_t)(scn_person_hours(s, p, day) > 0);
    }
    for (int i = 0; i < s->npatients; i++) {
        const struct patient *pt = &s->patients[i];
        sum += (size_t)(scn_process_for(s, i, pt->ready) + 1);
        sum += (size_t)(scn_find_patient(s, pt->id) == i);
    }
    for (int i = 0; i < s->nsites; i++)
        sum += (size_t)(scn_find_site(s, s->sites[i].id) + 1);
    for (int i = 0; i < s->nrooms; i++)
        sum += (size_t)(scn_find_room(s, s->rooms[i].id) + 1);
    for (int i = 0; i < s->nprocesses; i++)
        sum += (size_t)(scn_find_process(s, s->processes[i].id) + 1);
    for (int i = 0; i < s->nmaterials; i++)
        sum += (size_t)(scn_find_material(s, s->materials[i].id) + 1);
    for (int i = 0; i < s->npersons; i++) {
        sum += (size_t)(scn_find_person(s, s->persons[i].id) + 1);
        for (int k = 0; k < s->nskills; k++)
            sum += (size_t)scn_person_has_skill(s, i, k);
    }
    for (int k = 0; k < s->nskills; k++)
        sum += (size_t)(scn_find_skill(s, s->skills[k]) + 1);
    return sum + strlen(s->name);
}

/* Unpacks the input into dir (existing, empty), loads dir/scenario.ini
 * with scn_load, queries the result, and empties dir again. Returns the
 * scn_status, or -1 for an input fuzz_scn_unpack refuses. */
static inline int fuzz_scenario_one(const char *dir, const uint8_t *data, size_t size)
{
    char path[4096];
    int rc = -1;
    if (fuzz_scn_unpack(dir, data, size) >= 0) {
        diag_list *d = diag_new();
        if (d) {
            struct scenario *s = NULL;
            snprintf(path, sizeof path, "%s/scenario.ini", dir);
            rc = (int)scn_load(path, d, &s);
            if (s && fuzz_scn_queries(s) == 1)
                rc = SCN_OK;  /* never true; keeps the reads from being dropped */
            scn_free(s);
            (void)fuzz_touch_diags(d);
            diag_free(d);
        }
    }
    fuzz_scn_clean(dir);
    return rc;
}

#endif
