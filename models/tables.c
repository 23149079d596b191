/* The CSV tables of a scenario: one reader per table, each checking its
 * columns against the contract (types, bounds, defaults, references). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/date.h"
#include "models/limits.h"
#include "models/load.h"
#include "models/text.h"

#define MAX_DAYS 3660        /* bound on day counts and offsets */
#define MAX_QTY 1e12         /* bound on quantities and money */

/* ---- an id index (the tables may hold 200,000 patients) -------------- */

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int idmap_init(struct idmap *m, arena *mem, size_t n)
{
    m->cap = 16;
    while (m->cap < 2 * n + 2)
        m->cap *= 2;
    m->keys = arena_array(mem, m->cap, sizeof *m->keys);
    m->vals = arena_array(mem, m->cap, sizeof *m->vals);
    return m->keys && m->vals ? 0 : -1;
}

/* The value stored under key, or -1. */
static int idmap_get(const struct idmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* Stores key -> val unless key is there; returns the earlier value or -1. */
static int idmap_put(struct idmap *m, const char *key, int val)
{
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->vals[i] = val;
            return -1;
        }
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* ---- cell readers ------------------------------------------------------ */

struct rd {
    struct load *L;
    table *t;
    const struct tab_column *cols;
    const char *tname;       /* file name for "not a site in sites.csv" */
    size_t row;
};

static int line_of(const struct rd *r) { return tab_line(r->t, r->row); }

#define ERR(r, ...) diag_add((r)->L->d, DIAG_ERROR, tab_path((r)->t), line_of(r), __VA_ARGS__)
#define WARN(r, ...) diag_add((r)->L->d, DIAG_WARNING, tab_path((r)->t), line_of(r), __VA_ARGS__)

static const char *cell(const struct rd *r, int col)
{
    return tab_cell(r->t, r->row, col);
}

/* Required cell: NULL (with an error) when blank. */
static const char *need(const struct rd *r, int col)
{
    const char *v = cell(r, col);
    if (!v)
        ERR(r, "column '%s' is required but blank", r->cols[col].name);
    return v;
}

static int get_id(const struct rd *r, int col, const char **out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = need(r, col);
    *out = v ? v : "";
    if (!v)
        return -1;
    if (text_has_space(v)) {
        ERR(r, "column '%s': '%s' contains whitespace; ids may not", r->cols[col].name,
            diag_value(vb, v));
        return -1;
    }
    if (text_has_control(v)) {
        ERR(r, "column '%s': '%s' contains a control character; ids may not", r->cols[col].name,
            diag_value(vb, v));
        return -1;
    }
    return 0;
}

static int get_int(const struct rd *r, int col, int required, long min, long max, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    char *end;
    *out = def;
    if (!v)
        return required ? -1 : 0;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end) {
        ERR(r, "column '%s': '%s' is not a whole number", r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    if (errno == ERANGE || n < min || n > max) {
        if (n < min)
            ERR(r, "column '%s': '%s' must be at least %ld", r->cols[col].name, diag_value(vb, v), min);
        else
            ERR(r, "column '%s': '%s' must be at most %ld", r->cols[col].name, diag_value(vb, v), max);
        return -1;
    }
    *out = (int)n;
    return 0;
}

/* A number: digits, one '.', an exponent; no hex, inf or nan (strtod
 * takes those), and a friendly word for a decimal comma. strict_min: the
 * value must be greater than min, not equal. */
static int get_num(const struct rd *r, int col, int required, double min, int strict_min,
                   double def, double *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    *out = def;
    if (!v)
        return required ? -1 : 0;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end != v && !*end && strspn(v, "0123456789+-.eE") == strlen(v) && errno == ERANGE &&
        fabs(x) > 1) {
        ERR(r, "column '%s': '%s' is too large", r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    if (end == v || *end || strspn(v, "0123456789+-.eE") != strlen(v) || !isfinite(x)) {
        ERR(r, "column '%s': '%s' is not a number%s", r->cols[col].name, diag_value(vb, v),
            strchr(v, ',') ? " (use '.' as the decimal separator)" : "");
        return -1;
    }
    if (x < min || (strict_min && x <= min)) {
        ERR(r, "column '%s': '%s' must be %s %g", r->cols[col].name, diag_value(vb, v),
            strict_min ? "greater than" : "at least", min);
        return -1;
    }
    if (x > MAX_QTY) {
        ERR(r, "column '%s': '%s' is too large", r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    *out = x;
    return 0;
}

/* A quantity of material: a number within LIM_QTY_MAX, where the
 * tolerance LIM_QTY_EXACT is exact (docs/model.md, exactness). */
static int get_qty(const struct rd *r, int col, int required, int strict_min, double def, double *out)
{
    char vb[DIAG_VALUE_SZ];
    if (get_num(r, col, required, 0, strict_min, def, out) != 0)
        return -1;
    if (*out > LIM_QTY_MAX) {
        ERR(r, "column '%s': '%s' is too large: quantities are at most %.0f in the material's unit "
            "(exact to %.6f)", r->cols[col].name, diag_value(vb, cell(r, col)), LIM_QTY_MAX, LIM_QTY_EXACT);
        *out = def;
        return -1;
    }
    return 0;
}

/* A priority: within the range the solver holds exactly (limits.h). */
static int get_priority(const struct rd *r, int col, double *out)
{
    char vb[DIAG_VALUE_SZ];
    if (get_num(r, col, 0, 0, 1, 1, out) != 0)
        return -1;
    if (!lim_priority_ok(*out)) {
        ERR(r, "column '%s': '%s' must be from 0.000001 to 1000000 (the solver holds priorities "
            "exactly up to a ratio of 1e12)", r->cols[col].name, diag_value(vb, cell(r, col)));
        *out = 1;
        return -1;
    }
    return 0;
}

/* A free text (a name, a unit): any characters but terminal controls,
 * which would be obeyed when the text is printed. def when blank. */
static const char *get_text(const struct rd *r, int col, const char *def)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell(r, col);
    if (!v)
        return def;
    if (text_has_control(v)) {
        ERR(r, "column '%s': '%s' contains a control character (an escape sequence?)",
            r->cols[col].name, diag_value(vb, v));
        return def;
    }
    return v;
}

static int get_date(const struct rd *r, int col, int required, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    *out = def;
    if (!v)
        return required ? -1 : 0;
    if (date_parse(v, out) != 0) {
        *out = def;
        ERR(r, "column '%s': '%s' is not a date (YYYY-MM-DD)", r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

static int get_weekdays(const struct rd *r, int col, unsigned def, unsigned *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell(r, col);
    *out = def;
    if (!v)
        return 0;
    if (wd_parse(v, out) != 0) {
        *out = def;
        ERR(r, "column '%s': '%s' is not a weekday list (e.g. 'Mon-Fri' or 'Mon Wed Fri')",
            r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

static int get_bool(const struct rd *r, int col, int def, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell(r, col);
    *out = def;
    if (!v)
        return 0;
    if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "y") == 0 || strcasecmp(v, "true") == 0 ||
        strcmp(v, "1") == 0)
        *out = 1;
    else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "n") == 0 ||
             strcasecmp(v, "false") == 0 || strcmp(v, "0") == 0)
        *out = 0;
    else {
        ERR(r, "column '%s': '%s' is not yes or no", r->cols[col].name, diag_value(vb, v));
        return -1;
    }
    return 0;
}

/* A reference to another table's id. *out is -1 when blank or unknown. */
static int get_ref(const struct rd *r, int col, int required, const struct idmap *m,
                   const char *what, const char *where, int *out)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    *out = -1;
    if (!v)
        return required ? -1 : 0;
    *out = idmap_get(m, v);
    if (*out < 0) {
        if (where)
            ERR(r, "column '%s': '%s' is not a %s in %s", r->cols[col].name, diag_value(vb, v), what,
                where);
        else
            ERR(r, "column '%s': '%s' is not a %s", r->cols[col].name, diag_value(vb, v), what);
        return -1;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The file name of a table as the scenario names it, for "is not a site
 * in my-sites.csv"; the contract's name when it is not given. */
static const char *tname(const struct load *L, int which, const char *def)
{
    return L->s->tables[which] ? base_name(L->s->tables[which]) : def;
}

/* Opens a table; NULL when it is not named (or cannot be read: the error
 * is in d). */
static table *open_table(struct load *L, int which, const struct tab_column *cols, int ncols,
                         struct rd *r)
{
    const char *path = L->s->tables[which];
    memset(r, 0, sizeof *r);
    r->L = L;
    r->cols = cols;
    if (!path)
        return NULL;
    r->t = tab_read(path, cols, ncols, L->d, L->mem);
    r->tname = base_name(path);
    return r->t;
}

/* Registers the id of row r in m; reports a duplicate. */
static void unique_id(struct rd *r, struct idmap *m, const char *id, int index, int col,
                      const int *lines)
{
    char vb[DIAG_VALUE_SZ];
    if (!*id)
        return;
    int prev = idmap_put(m, id, index);
    if (prev >= 0)
        ERR(r, "column '%s': '%s' is used again (first on line %d)", r->cols[col].name,
            diag_value(vb, id), lines[prev]);
}

#define ALLOC(L, ptr, n)                                                         \
    do {                                                                         \
        (ptr) = arena_array((L)->mem, (size_t)(n) ? (size_t)(n) : 1, sizeof *(ptr)); \
        if (!(ptr)) {                                                            \
            (L)->oom = 1;                                                        \
            return -1;                                                           \
        }                                                                        \
    } while (0)


/* ---- sites.csv ---------------------------------------------------------- */

enum { SI_SITE, SI_NAME, SI_SHIP_DAYS, SI_SHIP_WEEKDAYS, SI_READY_AFTER, SI_DUE_AFTER, SI_N };
static const struct tab_column site_cols[SI_N] = {
    {"site", 1}, {"name", 0}, {"ship_days", 0}, {"ship_weekdays", 0}, {"ready_after", 0}, {"due_after", 0}};

static int read_sites(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    table *t = open_table(L, TBL_SITES, site_cols, SI_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    ALLOC(L, s->sites, n);
    ALLOC(L, lines, n);
    if (idmap_init(&L->maps.sites, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct site *si = &s->sites[s->nsites];
        si->line = lines[s->nsites] = line_of(&r);
        get_id(&r, SI_SITE, &si->id);
        si->name = get_text(&r, SI_NAME, si->id);
        get_int(&r, SI_SHIP_DAYS, 0, 0, MAX_DAYS, 0, &si->ship_days);
        get_weekdays(&r, SI_SHIP_WEEKDAYS, WD_ALL, &si->ship_weekdays);
        get_int(&r, SI_READY_AFTER, 0, 0, MAX_DAYS, 0, &si->ready_after);
        get_int(&r, SI_DUE_AFTER, 0, 0, MAX_DAYS, -1, &si->due_after);
        unique_id(&r, &L->maps.sites, si->id, s->nsites, SI_SITE, lines);
        s->nsites++;
    }
    if (t && n == 0)
        diag_add(L->d, DIAG_WARNING, tab_path(t), 1, "no sites: no patient can be served");
    return 0;
}

/* ---- processes.csv ---------------------------------------------------- */

enum { PR_PROCESS, PR_DURATION, PR_QC_DAYS, PR_CHANGEOVER, PR_MAX_HOLD, PR_START_DAYS,
       PR_ROOM_TYPE, PR_APPROVED_FROM, PR_APPROVED_UNTIL, PR_N };
static const struct tab_column process_cols[PR_N] = {
    {"process", 1}, {"duration", 1}, {"qc_days", 0}, {"changeover", 0}, {"max_hold", 0},
    {"start_days", 0}, {"room_type", 0}, {"approved_from", 0}, {"approved_until", 0}};

static int read_processes(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = open_table(L, TBL_PROCESSES, process_cols, PR_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    ALLOC(L, s->processes, n);
    ALLOC(L, lines, n);
    if (idmap_init(&L->maps.processes, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct process *p = &s->processes[s->nprocesses];
        p->line = lines[s->nprocesses] = line_of(&r);
        get_id(&r, PR_PROCESS, &p->id);
        get_int(&r, PR_DURATION, 1, 1, MAX_DAYS, 1, &p->duration);
        get_int(&r, PR_QC_DAYS, 0, 0, MAX_DAYS, 0, &p->qc_days);
        get_int(&r, PR_CHANGEOVER, 0, 0, MAX_DAYS, 0, &p->changeover);
        get_int(&r, PR_MAX_HOLD, 0, 0, MAX_DAYS, -1, &p->max_hold);
        get_weekdays(&r, PR_START_DAYS, WD_ALL, &p->start_days);
        p->room_type = cell(&r, PR_ROOM_TYPE);
        get_date(&r, PR_APPROVED_FROM, 0, DATE_NONE, &p->approved_from);
        get_date(&r, PR_APPROVED_UNTIL, 0, DATE_FAR, &p->approved_until);
        if (p->approved_until < p->approved_from)
            ERR(&r, "column 'approved_until': %s is before approved_from %s",
                date_format(p->approved_until, a), date_format(p->approved_from, b));
        /* Two versions approved from the same day with overlapping windows
         * leave "the latest approved_from" undecided. */
        for (int j = 0; j < s->nprocesses; j++) {
            const struct process *q = &s->processes[j];
            if (q->approved_from == p->approved_from && q->approved_until >= p->approved_from &&
                p->approved_until >= q->approved_from && p->approved_until >= p->approved_from)
                ERR(&r, "process '%s' and '%s' (line %d) are both approved from %s and their windows "
                        "overlap: which one applies is undecided",
                    p->id, q->id, q->line,
                    p->approved_from == DATE_NONE ? "the beginning" : date_format(p->approved_from, a));
        }
        unique_id(&r, &L->maps.processes, p->id, s->nprocesses, PR_PROCESS, lines);
        s->nprocesses++;
    }
    return 0;
}

/* ---- rooms.csv -------------------------------------------------------- */

enum { RO_ROOM, RO_TYPE, RO_CAPACITY, RO_COST, RO_AVAILABLE, RO_N };
static const struct tab_column room_cols[RO_N] = {
    {"room", 1}, {"type", 0}, {"capacity", 0}, {"cost_per_day", 0}, {"available", 0}};

static int read_rooms(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    table *t = open_table(L, TBL_ROOMS, room_cols, RO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    ALLOC(L, s->rooms, n);
    ALLOC(L, lines, n);
    if (idmap_init(&L->maps.rooms, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct room *ro = &s->rooms[s->nrooms];
        ro->line = lines[s->nrooms] = line_of(&r);
        get_id(&r, RO_ROOM, &ro->id);
        if (strcmp(ro->id, "*") == 0)
            ERR(&r, "column 'room': '*' is reserved for 'every room' in room_slots.csv");
        ro->type = get_text(&r, RO_TYPE, "");
        get_int(&r, RO_CAPACITY, 0, 1, 1000, 1, &ro->capacity);
        get_num(&r, RO_COST, 0, 0, 0, 0, &ro->cost_per_day);
        get_bool(&r, RO_AVAILABLE, 1, &ro->available);
        unique_id(&r, &L->maps.rooms, ro->id, s->nrooms, RO_ROOM, lines);
        s->nrooms++;
    }
    if (t && n == 0)
        diag_add(L->d, DIAG_WARNING, tab_path(t), 1, "no rooms: no batch can be made");
    return 0;
}

/* ---- staff.csv -------------------------------------------------------- */

enum { ST_PERSON, ST_SKILLS, ST_HOURS, ST_WEEKDAYS, ST_N };
static const struct tab_column staff_cols[ST_N] = {
    {"person", 1}, {"skills", 1}, {"hours", 1}, {"weekdays", 0}};

static int add_skill(struct load *L, const char *name)
{
    struct scenario *s = L->s;
    int k = idmap_get(&L->maps.skills, name);
    if (k >= 0)
        return k;
    if (s->nskills >= 1000)
        return -2;
    const char **sk = arena_array(L->mem, (size_t)s->nskills + 1, sizeof *sk);
    char *copy = arena_strdup(L->mem, name);
    if (!sk || !copy) {
        L->oom = 1;
        return -1;
    }
    if (s->nskills)
        memcpy(sk, s->skills, (size_t)s->nskills * sizeof *sk);
    sk[s->nskills] = copy;
    s->skills = sk;
    idmap_put(&L->maps.skills, copy, s->nskills);
    return s->nskills++;
}

static int read_staff(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    table *t = open_table(L, TBL_STAFF, staff_cols, ST_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    ALLOC(L, s->persons, n);
    ALLOC(L, lines, n);
    if (idmap_init(&L->maps.persons, L->mem, n) != 0 || idmap_init(&L->maps.skills, L->mem, 1000) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct person *p = &s->persons[s->npersons];
        p->line = lines[s->npersons] = line_of(&r);
        get_id(&r, ST_PERSON, &p->id);
        get_num(&r, ST_HOURS, 1, 0, 1, 0, &p->hours);
        if (p->hours > 24) {
            ERR(&r, "column 'hours': '%g' is more than 24 hours a day", p->hours);
            p->hours = 24;
        }
        get_weekdays(&r, ST_WEEKDAYS, WD_MON_FRI, &p->weekdays);
        const char *sk = need(&r, ST_SKILLS);
        if (sk && text_has_control(sk)) {
            char vb[DIAG_VALUE_SZ];
            ERR(&r, "column 'skills': '%s' contains a control character; ids may not", diag_value(vb, sk));
            sk = NULL;
        }
        if (sk) {
            /* Space-separated skill ids; each new one becomes a skill. */
            size_t len = strlen(sk), cnt = 0;
            ALLOC(L, p->skills, len / 2 + 1);
            for (const char *q = sk; *q;) {
                while (*q == ' ' || *q == '\t')
                    q++;
                if (!*q)
                    break;
                const char *e = q;
                while (*e && *e != ' ' && *e != '\t')
                    e++;
                char *name = arena_strndup(L->mem, q, (size_t)(e - q));
                if (!name)
                    return L->oom = 1, -1;
                int k = add_skill(L, name);
                if (k == -1)
                    return -1;
                if (k == -2) {
                    ERR(&r, "column 'skills': more than 1000 different skills");
                    break;
                }
                int dup = 0;
                for (size_t i = 0; i < cnt; i++)
                    dup |= p->skills[i] == k;
                if (!dup)
                    p->skills[cnt++] = k;
                q = e;
            }
            p->nskills = (int)cnt;
        }
        unique_id(&r, &L->maps.persons, p->id, s->npersons, ST_PERSON, lines);
        s->npersons++;
    }
    return 0;
}

/* ---- materials.csv ---------------------------------------------------- */

enum { MA_MATERIAL, MA_UNIT, MA_STOCK, MA_STOCK_EXPIRES, MA_LEAD_TIME, MA_ORDER_MULTIPLE,
       MA_MIN_ORDER, MA_SHELF_LIFE, MA_UNIT_COST, MA_N };
static const struct tab_column material_cols[MA_N] = {
    {"material", 1}, {"unit", 0}, {"stock", 0}, {"stock_expires", 0}, {"lead_time", 0},
    {"order_multiple", 0}, {"min_order", 0}, {"shelf_life", 0}, {"unit_cost", 0}};

static int read_materials(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    table *t = open_table(L, TBL_MATERIALS, material_cols, MA_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    ALLOC(L, s->materials, n);
    ALLOC(L, lines, n);
    if (idmap_init(&L->maps.materials, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct material *m = &s->materials[s->nmaterials];
        m->line = lines[s->nmaterials] = line_of(&r);
        get_id(&r, MA_MATERIAL, &m->id);
        m->unit = get_text(&r, MA_UNIT, "");
        get_qty(&r, MA_STOCK, 0, 0, 0, &m->stock);
        get_date(&r, MA_STOCK_EXPIRES, 0, DATE_FAR, &m->stock_expires);
        get_int(&r, MA_LEAD_TIME, 0, 0, MAX_DAYS, -1, &m->lead_time);
        get_qty(&r, MA_ORDER_MULTIPLE, 0, 1, 1, &m->order_multiple);
        get_qty(&r, MA_MIN_ORDER, 0, 0, 0, &m->min_order);
        get_int(&r, MA_SHELF_LIFE, 0, 1, 100000, 0, &m->shelf_life);
        get_num(&r, MA_UNIT_COST, 0, 0, 0, 0, &m->unit_cost);
        if (m->stock > 0 && m->stock_expires <= s->start)
            WARN(&r, "initial stock of '%s' expires on %s, on or before start: it is never usable",
                 m->id, date_format(m->stock_expires, a));
        unique_id(&r, &L->maps.materials, m->id, s->nmaterials, MA_MATERIAL, lines);
        s->nmaterials++;
    }
    return 0;
}

/* ---- steps.csv, bom.csv ----------------------------------------------- */

enum { SP_PROCESS, SP_DAY, SP_SKILL, SP_PEOPLE, SP_HOURS, SP_N };
static const struct tab_column step_cols[SP_N] = {
    {"process", 1}, {"day", 1}, {"skill", 1}, {"people", 0}, {"hours", 1}};

static int read_steps(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    table *t = open_table(L, TBL_STEPS, step_cols, SP_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *proc;
    struct step *all;
    ALLOC(L, all, n);
    ALLOC(L, proc, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct step *st = &all[r.row];
        st->line = line_of(&r);
        get_ref(&r, SP_PROCESS, 1, &L->maps.processes, "process", tname(L, TBL_PROCESSES, "processes.csv"), &proc[r.row]);
        get_int(&r, SP_DAY, 1, 0, MAX_DAYS, 0, &st->day);
        get_ref(&r, SP_SKILL, 1, &L->maps.skills, "skill of any person", tname(L, TBL_STAFF, "staff.csv"), &st->skill);
        get_int(&r, SP_PEOPLE, 0, 1, 1000, 1, &st->people);
        get_num(&r, SP_HOURS, 1, 0, 1, 0, &st->hours);
        if (st->hours > 24)
            ERR(&r, "column 'hours': '%g' is more than 24 hours a day", st->hours);
        if (st->skill >= 0) {
            int holders = 0;
            for (int p = 0; p < s->npersons; p++)
                holders += scn_person_has_skill(s, p, st->skill);
            if (st->people > holders)
                ERR(&r, "column 'people': the step needs %d people with skill '%s' but staff.csv has %d",
                    st->people, s->skills[st->skill], holders);
        }
    }
    /* Group the steps under their processes, in file order. */
    for (int p = 0; p < s->nprocesses; p++) {
        int cnt = 0;
        for (size_t i = 0; i < n; i++)
            cnt += proc[i] == p;
        ALLOC(L, s->processes[p].steps, cnt);
        for (size_t i = 0; i < n; i++)
            if (proc[i] == p)
                s->processes[p].steps[s->processes[p].nsteps++] = all[i];
    }
    return 0;
}

enum { BO_PROCESS, BO_DAY, BO_MATERIAL, BO_QUANTITY, BO_N };
static const struct tab_column bom_cols[BO_N] = {
    {"process", 1}, {"day", 0}, {"material", 1}, {"quantity", 1}};

static int read_bom(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    table *t = open_table(L, TBL_BOM, bom_cols, BO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *proc;
    struct bom_line *all;
    ALLOC(L, all, n);
    ALLOC(L, proc, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct bom_line *b = &all[r.row];
        b->line = line_of(&r);
        get_ref(&r, BO_PROCESS, 1, &L->maps.processes, "process", tname(L, TBL_PROCESSES, "processes.csv"), &proc[r.row]);
        get_int(&r, BO_DAY, 0, 0, MAX_DAYS, 0, &b->day);
        get_ref(&r, BO_MATERIAL, 1, &L->maps.materials, "material", tname(L, TBL_MATERIALS, "materials.csv"), &b->material);
        get_qty(&r, BO_QUANTITY, 1, 1, 0, &b->quantity);
    }
    for (int p = 0; p < s->nprocesses; p++) {
        int cnt = 0;
        for (size_t i = 0; i < n; i++)
            cnt += proc[i] == p;
        ALLOC(L, s->processes[p].bom, cnt);
        for (size_t i = 0; i < n; i++)
            if (proc[i] == p)
                s->processes[p].bom[s->processes[p].nbom++] = all[i];
    }
    return 0;
}

/* ---- room_slots.csv, shifts.csv, holidays.csv ------------------------- */

enum { SL_ROOM, SL_FROM, SL_TO, SL_AVAILABLE, SL_N };
static const struct tab_column slot_cols[SL_N] = {
    {"room", 1}, {"from", 1}, {"to", 1}, {"available", 0}};

static int read_slots(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = open_table(L, TBL_ROOM_SLOTS, slot_cols, SL_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    ALLOC(L, s->slots, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct room_slot *sl = &s->slots[s->nslots++];
        const char *v = cell(&r, SL_ROOM);
        sl->line = line_of(&r);
        if (v && strcmp(v, "*") == 0)
            sl->room = -1;
        else if (get_ref(&r, SL_ROOM, 1, &L->maps.rooms, "room", tname(L, TBL_ROOMS, "rooms.csv"), &sl->room) != 0)
            sl->room = -2; /* matches nothing */
        get_date(&r, SL_FROM, 1, DATE_FAR, &sl->from);
        get_date(&r, SL_TO, 1, DATE_NONE, &sl->to);
        get_bool(&r, SL_AVAILABLE, 1, &sl->available);
        if (sl->from != DATE_FAR && sl->to != DATE_NONE && sl->to < sl->from)
            ERR(&r, "column 'to': %s is before from %s", date_format(sl->to, a), date_format(sl->from, b));
    }
    return 0;
}

enum { SH_PERSON, SH_FROM, SH_TO, SH_HOURS, SH_WEEKDAYS, SH_N };
static const struct tab_column shift_cols[SH_N] = {
    {"person", 1}, {"from", 1}, {"to", 1}, {"hours", 1}, {"weekdays", 0}};

static int read_shifts(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = open_table(L, TBL_SHIFTS, shift_cols, SH_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    ALLOC(L, s->shifts, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct shift *sh = &s->shifts[s->nshifts++];
        sh->line = line_of(&r);
        get_ref(&r, SH_PERSON, 1, &L->maps.persons, "person", tname(L, TBL_STAFF, "staff.csv"), &sh->person);
        get_date(&r, SH_FROM, 1, DATE_FAR, &sh->from);
        get_date(&r, SH_TO, 1, DATE_NONE, &sh->to);
        get_num(&r, SH_HOURS, 1, 0, 0, 0, &sh->hours);
        if (sh->hours > 24)
            ERR(&r, "column 'hours': '%g' is more than 24 hours a day", sh->hours);
        get_weekdays(&r, SH_WEEKDAYS, WD_ALL, &sh->weekdays);
        if (sh->from != DATE_FAR && sh->to != DATE_NONE && sh->to < sh->from)
            ERR(&r, "column 'to': %s is before from %s", date_format(sh->to, a), date_format(sh->from, b));
    }
    return 0;
}

enum { HO_DATE, HO_NAME, HO_N };
static const struct tab_column holiday_cols[HO_N] = {{"date", 1}, {"name", 0}};

static int read_holidays(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    table *t = open_table(L, TBL_HOLIDAYS, holiday_cols, HO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    ALLOC(L, s->holidays, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct holiday *h = &s->holidays[s->nholidays];
        h->line = line_of(&r);
        h->name = get_text(&r, HO_NAME, "");
        if (get_date(&r, HO_DATE, 1, DATE_NONE, &h->date) != 0)
            continue;
        int dup = 0;
        for (int i = 0; i < s->nholidays && !dup; i++)
            if (s->holidays[i].date == h->date) {
                WARN(&r, "holiday %s is listed again (first on line %d)", date_format(h->date, a),
                     s->holidays[i].line);
                dup = 1;
            }
        if (!dup)
            s->nholidays++;
    }
    return 0;
}

/* ---- deliveries.csv and the lot calendar ------------------------------ */

enum { DE_MATERIAL, DE_DATE, DE_QUANTITY, DE_EXPIRES, DE_N };
static const struct tab_column delivery_cols[DE_N] = {
    {"material", 1}, {"date", 1}, {"quantity", 1}, {"expires", 0}};

static int read_deliveries(struct load *L)
{
    struct rd r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = open_table(L, TBL_DELIVERIES, delivery_cols, DE_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    ALLOC(L, s->deliveries, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct delivery *dv = &s->deliveries[s->ndeliveries++];
        dv->line = line_of(&r);
        get_ref(&r, DE_MATERIAL, 1, &L->maps.materials, "material", tname(L, TBL_MATERIALS, "materials.csv"), &dv->material);
        get_date(&r, DE_DATE, 1, DATE_NONE, &dv->date);
        get_qty(&r, DE_QUANTITY, 1, 1, 0, &dv->quantity);
        int def = DATE_FAR;
        if (dv->material >= 0 && s->materials[dv->material].shelf_life > 0 && dv->date != DATE_NONE)
            def = dv->date + s->materials[dv->material].shelf_life;
        get_date(&r, DE_EXPIRES, 0, def, &dv->expires);
        if (dv->date != DATE_NONE && dv->expires <= dv->date)
            WARN(&r, "the lot expires on %s, on or before it arrives on %s: it is never usable",
                 date_format(dv->expires, a), date_format(dv->date, b));
    }
    return 0;
}

static int lot_cmp(const void *pa, const void *pb)
{
    const struct lot *a = pa, *b = pb;
    if (a->material != b->material)
        return a->material < b->material ? -1 : 1;
    if (a->arrival != b->arrival)
        return a->arrival < b->arrival ? -1 : 1;
    if (a->expires != b->expires)
        return a->expires < b->expires ? -1 : 1;
    return a->delivery < b->delivery ? -1 : a->delivery > b->delivery;
}

static int build_lots(struct load *L)
{
    struct scenario *s = L->s;
    ALLOC(L, s->lots, s->nmaterials + s->ndeliveries);
    for (int m = 0; m < s->nmaterials; m++)
        if (s->materials[m].stock > 0)
            s->lots[s->nlots++] = (struct lot){m, s->start, s->materials[m].stock,
                                               s->materials[m].stock_expires, -1};
    for (int i = 0; i < s->ndeliveries; i++) {
        const struct delivery *dv = &s->deliveries[i];
        if (dv->material < 0 || dv->date == DATE_NONE)
            continue;
        /* A delivery dated before start is a lot on hand on the first day. */
        s->lots[s->nlots++] = (struct lot){dv->material, dv->date < s->start ? s->start : dv->date,
                                           dv->quantity, dv->expires, i};
    }
    qsort(s->lots, (size_t)s->nlots, sizeof *s->lots, lot_cmp);
    return 0;
}

/* ---- patients.csv ------------------------------------------------------- */

enum { PA_PATIENT, PA_SITE, PA_READY, PA_DUE, PA_PROCESS, PA_PRIORITY, PA_MAX_HOLD, PA_REPLACES,
       PA_INCLUDED, PA_START, PA_ROOM, PA_N };
static const struct tab_column patient_cols[PA_N] = {
    {"patient", 1}, {"site", 1}, {"ready", 1}, {"due", 1}, {"process", 0}, {"priority", 0},
    {"max_hold", 0}, {"replaces", 0}, {"included", 0}, {"start", 0}, {"room", 0}};

enum { FO_SITE, FO_MONTH, FO_PATIENTS, FO_N };
static const struct tab_column forecast_cols[FO_N] = {{"site", 1}, {"month", 1}, {"patients", 1}};

static int read_patients(struct load *L)
{
    struct rd r, rf;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = open_table(L, TBL_PATIENTS, patient_cols, PA_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    struct patient *known;
    const char **replaces;
    int *lines;
    struct idmap ids;
    ALLOC(L, known, n);
    ALLOC(L, replaces, n);
    ALLOC(L, lines, n);
    if (idmap_init(&ids, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct patient *p = &known[r.row];
        p->kind = PATIENT_KNOWN;
        p->line = lines[r.row] = line_of(&r);
        get_id(&r, PA_PATIENT, &p->id);
        get_ref(&r, PA_SITE, 1, &L->maps.sites, "site", tname(L, TBL_SITES, "sites.csv"), &p->site);
        get_date(&r, PA_READY, 1, DATE_NONE, &p->ready);
        get_date(&r, PA_DUE, 1, DATE_NONE, &p->due);
        get_ref(&r, PA_PROCESS, 0, &L->maps.processes, "process", tname(L, TBL_PROCESSES, "processes.csv"), &p->process);
        get_priority(&r, PA_PRIORITY, &p->priority);
        get_int(&r, PA_MAX_HOLD, 0, 0, MAX_DAYS, -1, &p->max_hold);
        replaces[r.row] = cell(&r, PA_REPLACES);
        get_date(&r, PA_INCLUDED, 0, DATE_NONE, &p->included);
        get_date(&r, PA_START, 0, DATE_NONE, &p->fixed_start);
        get_ref(&r, PA_ROOM, 0, &L->maps.rooms, "room", tname(L, TBL_ROOMS, "rooms.csv"), &p->fixed_room);
        if (cell(&r, PA_START) && !cell(&r, PA_ROOM))
            ERR(&r, "column 'room' is blank but 'start' is given: a fixed batch needs both");
        if (!cell(&r, PA_START) && cell(&r, PA_ROOM))
            ERR(&r, "column 'start' is blank but 'room' is given: a fixed batch needs both");
        if (p->ready != DATE_NONE && p->due != DATE_NONE && p->due < p->ready)
            WARN(&r, "due %s is before ready %s: the patient cannot be on time",
                 date_format(p->due, a), date_format(p->ready, b));
        if (p->fixed_start != DATE_NONE && p->fixed_start > s->end)
            ERR(&r, "column 'start': %s is after the horizon's end %s", date_format(p->fixed_start, a),
                date_format(s->end, b));
        unique_id(&r, &ids, p->id, (int)r.row, PA_PATIENT, lines);
    }
    table *ft = open_table(L, TBL_FORECAST, forecast_cols, FO_N, &rf);
    if (L->s->tables[TBL_FORECAST] && !ft)
        return 0; /* unreadable: the error is reported */
    return load_forecast(L, ft, known, (int)n, replaces);
}

/* ---- forecast expansion ----------------------------------------------- */

struct month_row {
    int site, year, month, line;
    double patients;
};

static int month_cmp(const void *pa, const void *pb)
{
    const struct month_row *a = pa, *b = pb;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

#define MAX_FORECAST_MONTH 1000.0   /* expected inclusions in one month */
#define MAX_PATIENTS 1000000

int load_forecast(struct load *L, table *ft, struct patient *known, int nknown,
                  const char **replaces)
{
    struct scenario *s = L->s;
    struct rd r;
    char vb[DIAG_VALUE_SZ], a[DATE_BUFSZ];
    size_t n = ft ? tab_rows(ft) : 0;
    struct month_row *rows;
    ALLOC(L, rows, n);
    memset(&r, 0, sizeof r);
    r.L = L;
    r.t = ft;
    r.cols = forecast_cols;
    size_t nrows = 0;
    for (r.row = 0; r.row < n; r.row++) {
        struct month_row *m = &rows[nrows];
        m->line = line_of(&r);
        int ok = get_ref(&r, FO_SITE, 1, &L->maps.sites, "site", tname(L, TBL_SITES, "sites.csv"), &m->site) == 0;
        const char *mv = need(&r, FO_MONTH);
        if (mv && date_parse_month(mv, &m->year, &m->month) != 0) {
            ERR(&r, "column 'month': '%s' is not a month (YYYY-MM)", diag_value(vb, mv));
            ok = 0;
        } else if (!mv)
            ok = 0;
        ok &= get_num(&r, FO_PATIENTS, 1, 0, 0, 0, &m->patients) == 0;
        if (ok && m->patients > MAX_FORECAST_MONTH) {
            ERR(&r, "column 'patients': '%g' is more than %g inclusions in a month", m->patients,
                MAX_FORECAST_MONTH);
            ok = 0;
        }
        if (ok && s->sites[m->site].due_after < 0) {
            ERR(&r, "site '%s' has forecast rows but no due_after in sites.csv (line %d)",
                s->sites[m->site].id, s->sites[m->site].line);
            ok = 0;
        }
        if (ok)
            nrows++;
    }
    qsort(rows, nrows, sizeof *rows, month_cmp);
    for (size_t i = 1; i < nrows; i++)
        if (rows[i].site == rows[i - 1].site && rows[i].year == rows[i - 1].year &&
            rows[i].month == rows[i - 1].month)
            diag_add(L->d, DIAG_ERROR, tab_path(ft), rows[i].line,
                     "site '%s' month %04d-%02d is given again (first on line %d)",
                     s->sites[rows[i].site].id, rows[i].year, rows[i].month, rows[i - 1].line);

    /* Count the forecast patients first, then expand into an array. */
    size_t total = 0;
    for (size_t i = 0; i < nrows; i++)
        total += (size_t)ceil(rows[i].patients) + 1;
    struct patient *fc;
    ALLOC(L, fc, total);
    size_t nfc = 0;
    for (size_t i = 0; i < nrows;) {
        int site = rows[i].site, k = 1;
        double base = 0; /* expected inclusions of the site's earlier months */
        const struct site *si = &s->sites[site];
        for (; i < nrows && rows[i].site == site; i++) {
            int nd = date_days_in_month(rows[i].year, rows[i].month);
            int first = date_from_ymd(rows[i].year, rows[i].month, 1);
            double p = rows[i].patients;
            for (int j = 1; j <= nd; j++) {
                /* C(d) in closed form, compared with a tolerance, as the
                 * contract demands: no drift from a running sum of p/n. */
                double c = base + p * j / nd;
                while (c >= k - 0.5 - 1e-9 && nfc < total) {
                    struct patient *pt = &fc[nfc++];
                    pt->kind = PATIENT_FORECAST;
                    pt->id = arena_printf(L->mem, "F-%s-%d", si->id, k);
                    if (!pt->id)
                        return L->oom = 1, -1;
                    pt->site = site;
                    pt->included = first + j - 1;
                    pt->ready = pt->included + si->ready_after;
                    pt->due = pt->included + si->due_after;
                    pt->process = -1;
                    pt->priority = 1;
                    pt->max_hold = -1;
                    pt->fixed_start = DATE_NONE;
                    pt->fixed_room = -1;
                    pt->forecast_k = k;
                    k++;
                }
            }
            base += p;
        }
    }

    /* replaces: a known patient takes the place of a forecast one. */
    struct idmap fmap;
    unsigned char *replaced;
    int *replaced_by;
    ALLOC(L, replaced, nfc);
    ALLOC(L, replaced_by, nfc);
    if (idmap_init(&fmap, L->mem, nfc) != 0)
        return L->oom = 1, -1;
    for (size_t i = 0; i < nfc; i++)
        idmap_put(&fmap, fc[i].id, (int)i);
    for (int i = 0; i < nknown; i++) {
        if (!replaces[i])
            continue;
        int f = idmap_get(&fmap, replaces[i]);
        if (f < 0) {
            diag_add(L->d, DIAG_ERROR, s->tables[TBL_PATIENTS], known[i].line,
                     "column 'replaces': '%s' is not a forecast patient (ids are F-<site>-<k>; "
                     "the forecast gives %zu)", diag_value(vb, replaces[i]), nfc);
            continue;
        }
        if (replaced[f]) {
            diag_add(L->d, DIAG_ERROR, s->tables[TBL_PATIENTS], known[i].line,
                     "column 'replaces': '%s' is already replaced by patient '%s' (line %d)",
                     replaces[i], known[replaced_by[f]].id, known[replaced_by[f]].line);
            continue;
        }
        replaced[f] = 1;
        replaced_by[f] = i;
    }

    /* The patients of the horizon: known ones in file order, then the
     * forecast ones by site and k. */
    ALLOC(L, s->patients, (size_t)nknown + nfc);
    for (int i = 0; i < nknown; i++) {
        struct patient *p = &known[i];
        if (p->ready != DATE_NONE && p->ready > s->end && p->fixed_start == DATE_NONE) {
            diag_add(L->d, DIAG_WARNING, s->tables[TBL_PATIENTS], p->line,
                     "patient '%s' is ready on %s, after the horizon's end: left out (beyond_horizon)",
                     p->id, date_format(p->ready, a));
            s->beyond_horizon++;
            continue;
        }
        s->patients[s->npatients++] = *p;
    }
    for (size_t i = 0; i < nfc; i++) {
        if (replaced[i])
            s->forecast_replaced++;
        else if (fc[i].included < s->start)
            s->forecast_before++;
        else if (fc[i].ready > s->end)
            s->forecast_after++;
        else
            s->patients[s->npatients++] = fc[i];
    }
    if (s->npatients > MAX_PATIENTS)
        diag_add(L->d, DIAG_ERROR, s->path, 0, "%d patients: at most %d are supported", s->npatients,
                 MAX_PATIENTS);
    /* Known ids must not collide with forecast ids. */
    for (int i = 0; i < nknown; i++)
        if (idmap_get(&fmap, known[i].id) >= 0)
            diag_add(L->d, DIAG_ERROR, s->tables[TBL_PATIENTS], known[i].line,
                     "column 'patient': '%s' is also the id of a forecast patient; choose another id",
                     known[i].id);
    return 0;
}

/* ---- the whole load ----------------------------------------------------- */

int load_tables(struct load *L)
{
    struct scenario *s = L->s;
    /* "[tables] staff is required when steps is given" and the like are
     * reported by scenario.c, which knows the keys' lines. */
    if (read_sites(L) || read_processes(L) || read_rooms(L) || read_staff(L) ||
        read_materials(L) || read_steps(L) || read_bom(L) || read_slots(L) || read_shifts(L) ||
        read_holidays(L) || read_deliveries(L) || build_lots(L) || read_patients(L))
        return -1;

    /* Rooms of the type a process needs. */
    for (int p = 0; p < s->nprocesses; p++) {
        const struct process *pr = &s->processes[p];
        if (!pr->room_type)
            continue;
        int any = 0;
        for (int r = 0; r < s->nrooms && !any; r++)
            any = strcmp(s->rooms[r].type, pr->room_type) == 0;
        if (!any)
            diag_add(L->d, DIAG_WARNING, s->tables[TBL_PROCESSES], pr->line,
                     "process '%s' needs a room of type '%s' and rooms.csv has none", pr->id,
                     pr->room_type);
    }
    /* The calendar runs past end by the longest tail of any batch. */
    int tail = 1;
    for (int p = 0; p < s->nprocesses; p++) {
        const struct process *pr = &s->processes[p];
        int t = pr->duration + pr->changeover;
        for (int i = 0; i < pr->nsteps; i++)
            if (pr->steps[i].day + 1 > t)
                t = pr->steps[i].day + 1;
        for (int i = 0; i < pr->nbom; i++)
            if (pr->bom[i].day + 1 > t)
                t = pr->bom[i].day + 1;
        if (t > tail)
            tail = t;
    }
    s->day_last = s->end + tail - 1;
    s->ndays = s->day_last - s->start + 1;
    return 0;
}
