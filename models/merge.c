/* [merge]: a variant's rows into its parent's tables (see merge.h). A
 * merged file is read with the table's own schema, except that in a keyed
 * table only the key is required: a merged row names the row it changes
 * by its key and gives only the cells it changes. */
#include "models/merge.h"

#include <stdio.h>
#include <string.h>

#include "models/cells.h"

/* The key of each keyed table, as the contract lists them. */
static const char *const key_sites[] = {"site", NULL};
static const char *const key_patients[] = {"patient", NULL};
static const char *const key_forecast[] = {"site", "month", NULL};
static const char *const key_processes[] = {"process", NULL};
static const char *const key_rooms[] = {"room", NULL};
static const char *const key_staff[] = {"person", NULL};
static const char *const key_materials[] = {"material", NULL};
static const char *const key_holidays[] = {"date", NULL};

const char *const *merge_key(int which)
{
    switch (which) {
    case TBL_SITES: return key_sites;
    case TBL_PATIENTS: return key_patients;
    case TBL_FORECAST: return key_forecast;
    case TBL_PROCESSES: return key_processes;
    case TBL_ROOMS: return key_rooms;
    case TBL_STAFF: return key_staff;
    case TBL_MATERIALS: return key_materials;
    case TBL_HOLIDAYS: return key_holidays;
    default: return NULL;
    }
}

#define MAX_KEY_COLS 2
#define KEY_SEP "\x1f"   /* joins the cells of a two-column key */

/* The key of row of t as one string, in mem; NULL when a key cell is
 * blank (*blank: its column) or memory ran out (*blank = -1). */
static const char *row_key(const table *t, size_t row, const int *kc, int nk, arena *mem, int *blank)
{
    const char *parts[MAX_KEY_COLS] = {NULL};
    for (int i = 0; i < nk; i++)
        if (!(parts[i] = tab_cell(t, row, kc[i]))) {
            *blank = kc[i];
            return NULL;
        }
    const char *k = nk == 1 ? parts[0] : arena_printf(mem, "%s" KEY_SEP "%s", parts[0], parts[1]);
    if (!k)
        *blank = -1;
    return k;
}

/* The key as the user reads it: "'PAR' 2027-07". */
static void show_key(const table *t, size_t row, const int *kc, int nk, char *buf, size_t sz)
{
    char vb[DIAG_VALUE_SZ];
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < nk && used < sz; i++) {
        int n = snprintf(buf + used, sz - used, "%s'%s'", i ? " " : "", diag_value(vb, tab_cell(t, row, kc[i])));
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int merge_one(struct load *L, struct scn_merge *m, table *t, const struct tab_column *cols,
                     int ncols)
{
    const char *const *key = merge_key(m->slot);
    struct tab_column *mcols = arena_array(L->mem, (size_t)ncols, sizeof *mcols);
    int kc[MAX_KEY_COLS], nk = 0;
    if (!mcols)
        return L->oom = 1, -1;
    for (int c = 0; c < ncols; c++) {
        mcols[c] = cols[c];
        if (key)
            mcols[c].required = 0;
    }
    for (int i = 0; key && key[i]; i++)
        for (int c = 0; c < ncols; c++)
            if (strcmp(cols[c].name, key[i]) == 0) {
                mcols[c].required = 1;
                kc[nk++] = c;
            }
    table *mt = tab_read(m->path, mcols, ncols, L->d, L->mem);
    if (!mt)
        return 0; /* reported, naming the merged file */
    size_t n = tab_rows(mt);
    if (!key) {
        for (size_t r = 0; r < n; r++) {
            if (tab_append_row(t, mt, r, L->mem) != 0)
                return L->oom = 1, -1;
            m->added++;
        }
        return 0;
    }
    /* Keys of the table so far; new keys join as they are appended, so a
     * second row of the merged file with the same key updates the first. */
    struct idmap ids;
    size_t rows = tab_rows(t);
    if (idmap_init(&ids, L->mem, rows + n + 1) != 0)
        return L->oom = 1, -1;
    for (size_t r = 0; r < rows; r++) {
        int blank;
        const char *k = row_key(t, r, kc, nk, L->mem, &blank);
        if (k)
            idmap_put(&ids, k, (int)r);
        else if (blank < 0)
            return L->oom = 1, -1;
    }
    for (size_t r = 0; r < n; r++) {
        int blank;
        const char *k = row_key(mt, r, kc, nk, L->mem, &blank);
        if (!k) {
            if (blank < 0)
                return L->oom = 1, -1;
            diag_add(L->d, DIAG_ERROR, tab_path(mt), tab_line(mt, r),
                     "column '%s' is blank: a merged row names the %s row it changes or adds by its "
                     "key (%s%s%s)", cols[blank].name, m->table, key[0], key[1] ? " and " : "",
                     key[1] ? key[1] : "");
            continue;
        }
        int at = idmap_get(&ids, k);
        if (at < 0) {
            if (tab_append_row(t, mt, r, L->mem) != 0)
                return L->oom = 1, -1;
            idmap_put(&ids, k, (int)tab_rows(t) - 1);
            m->added++;
            continue;
        }
        int changed = tab_update_row(t, (size_t)at, mt, r, L->mem);
        if (changed < 0)
            return L->oom = 1, -1;
        if (changed == 0) {
            char kb[2 * DIAG_VALUE_SZ + 4];
            show_key(mt, r, kc, nk, kb, sizeof kb);
            diag_add(L->d, DIAG_WARNING, tab_path(mt), tab_line(mt, r),
                     "this row changes nothing: %s %s already has these values", m->table, kb);
            m->same++;
        } else {
            m->changed++;
            m->cells += changed;
        }
    }
    return 0;
}

int merge_table(struct load *L, int which, table *t, const struct tab_column *cols, int ncols)
{
    struct scenario *s = L->s;
    for (int i = 0; i < s->nmerges; i++) {
        struct scn_merge *m = &s->merges[i];
        if (m->slot != which || m->whole)
            continue;
        if (!t)
            continue; /* the table itself is unreadable: reported */
        if (merge_one(L, m, t, cols, ncols) != 0)
            return -1;
    }
    return 0;
}
