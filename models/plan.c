#include "models/plan.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/date.h"
#include "models/table.h"
#include "models/text.h"

#define MAX_QTY 1e30   /* bound on quantities, hours and money: a cost is up to 1e9 x 1e12 */

/* ---- an index of the scenario's patients -------------------------------
 * A plan may hold 200,000 rows and scn_find_patient is linear, so the
 * patients get a hash index of their own for the time of the read. */

struct patient_index {
    int *slot;          /* patient index + 1; 0 = empty */
    size_t cap;         /* a power of two, at least twice the count */
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int index_build(struct patient_index *ix, const struct scenario *s, arena *mem)
{
    ix->cap = 16;
    while (ix->cap < 2 * (size_t)s->npatients + 2)
        ix->cap *= 2;
    ix->slot = arena_array(mem, ix->cap, sizeof *ix->slot);
    if (!ix->slot)
        return -1;
    for (int i = 0; i < s->npatients; i++) {
        size_t j = hash(s->patients[i].id) & (ix->cap - 1);
        while (ix->slot[j])
            j = (j + 1) & (ix->cap - 1);
        ix->slot[j] = i + 1;
    }
    return 0;
}

static int index_find(const struct patient_index *ix, const struct scenario *s, const char *id)
{
    for (size_t j = hash(id) & (ix->cap - 1); ix->slot[j]; j = (j + 1) & (ix->cap - 1))
        if (strcmp(s->patients[ix->slot[j] - 1].id, id) == 0)
            return ix->slot[j] - 1;
    return -1;
}

/* ---- cell readers ------------------------------------------------------ */

/* The row being read and what went wrong so far. */
struct rd {
    const struct scenario *s;
    diag_list *d;
    arena *mem;
    table *t;
    const struct tab_column *cols;
    size_t row;
    int bad;            /* cells that are not of their type: unreadable */
    int unresolved;     /* references that name nothing in the scenario */
    int oom;
};

#define ERR(r, ...) diag_add((r)->d, DIAG_ERROR, tab_path((r)->t), tab_line((r)->t, (r)->row), __VA_ARGS__)

static const char *cell(const struct rd *r, int col)
{
    return tab_cell(r->t, r->row, col);
}

/* A cell that must not be blank; NULL (with an error) when it is. */
static const char *need(struct rd *r, int col)
{
    const char *v = cell(r, col);
    if (!v) {
        ERR(r, "column '%s' is required but blank", r->cols[col].name);
        r->bad++;
    }
    return v;
}

/* A date, or DATE_NONE when blank (and not required). */
static int get_date(struct rd *r, int col, int required)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    int day;
    if (!v)
        return DATE_NONE;
    if (date_parse(v, &day) != 0) {
        ERR(r, "column '%s': '%s' is not a date (YYYY-MM-DD)", r->cols[col].name, diag_value(vb, v));
        r->bad++;
        return DATE_NONE;
    }
    return day;
}

/* A whole number >= 0, or PLAN_BLANK when blank. */
static int get_count(struct rd *r, int col)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = cell(r, col);
    char *end;
    if (!v)
        return PLAN_BLANK;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end || errno == ERANGE || n < 0 || n > 1000000) {
        ERR(r, "column '%s': '%s' is not a whole number of days (0 or more)", r->cols[col].name,
            diag_value(vb, v));
        r->bad++;
        return PLAN_BLANK;
    }
    return (int)n;
}

/* A required number written with '.', no hex, inf or nan. */
static double get_num(struct rd *r, int col)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = need(r, col);
    char *end;
    if (!v)
        return 0;
    errno = 0;
    double x = strtod(v, &end);
    if (end != v && !*end && strspn(v, "0123456789+-.eE") == strlen(v) &&
        ((errno == ERANGE && fabs(x) > 1) || (isfinite(x) && fabs(x) > MAX_QTY))) {
        ERR(r, "column '%s': '%s' is too large", r->cols[col].name, diag_value(vb, v));
        r->bad++;
        return 0;
    }
    if (end == v || *end || strspn(v, "0123456789+-.eE") != strlen(v) || !isfinite(x)) {
        ERR(r, "column '%s': '%s' is not a number%s", r->cols[col].name, diag_value(vb, v),
            strchr(v, ',') ? " (use '.' as the decimal separator)" : "");
        r->bad++;
        return 0;
    }
    return x;
}

/* A reference: the index found by find, -1 when blank or unknown (an
 * unknown id is reported and counted as unresolved). *id is the cell. */
static int get_ref(struct rd *r, int col, int required, const char **id,
                   int (*find)(const struct scenario *, const char *), const char *what)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = required ? need(r, col) : cell(r, col);
    *id = v;
    if (!v)
        return -1;
    int i = find(r->s, v);
    if (i < 0) {
        ERR(r, "column '%s': '%s' is not %s", r->cols[col].name, diag_value(vb, v), what);
        r->unresolved++;
    }
    return i;
}

/* Opens dir/name. NULL with *absent = 1 when the file does not exist and
 * may be left out; NULL with errors in d when it cannot be used. */
static table *open_file(struct rd *r, const char *dir, const char *name, int optional,
                        const struct tab_column *cols, int ncols, const char **path, int *absent)
{
    char buf[4096];
    struct stat st;
    *absent = 0;
    *path = NULL;
    if (!text_join_path(dir, name, buf, sizeof buf)) {
        diag_add(r->d, DIAG_ERROR, dir, 0, "the path of %s is too long", name);
        r->bad++;
        return NULL;
    }
    if (optional && stat(buf, &st) != 0 && errno == ENOENT) {
        *absent = 1;
        return NULL;
    }
    if (!(*path = arena_strdup(r->mem, buf))) {
        r->oom = 1;
        return NULL;
    }
    size_t before = diag_errors(r->d);
    table *t = tab_read(buf, cols, ncols, r->d, r->mem);
    /* Rows tab_read left out (ragged, not UTF-8) make the file unreadable
     * too: verifying the rest would judge a plan that is not the one given. */
    r->bad += (int)(diag_errors(r->d) - before);
    if (!t && diag_errors(r->d) == before)
        r->bad++;
    r->t = t;
    r->cols = cols;
    return t;
}

#define ALLOC(r, ptr, n)                                                          \
    do {                                                                          \
        (ptr) = arena_array((r)->mem, (size_t)(n) ? (size_t)(n) : 1, sizeof *(ptr)); \
        if (!(ptr)) {                                                             \
            (r)->oom = 1;                                                         \
            return -1;                                                            \
        }                                                                         \
    } while (0)

/* ---- calendar.csv ------------------------------------------------------ */

enum { CA_PATIENT, CA_SITE, CA_PROCESS, CA_ROOM, CA_READY, CA_START, CA_END, CA_RELEASE,
       CA_DELIVERY, CA_DUE, CA_DELAY, CA_STATUS, CA_N };
static const struct tab_column calendar_cols[CA_N] = {
    {"patient", 1}, {"site", 0}, {"process", 1}, {"room", 1}, {"ready", 0}, {"start", 1},
    {"end", 1}, {"release", 1}, {"delivery", 1}, {"due", 0}, {"delay_days", 1}, {"status", 1}};

static int read_calendar(struct rd *r, struct plan *p)
{
    char vb[DIAG_VALUE_SZ];
    int absent;
    struct patient_index ix;
    table *t = open_file(r, p->dir, "calendar.csv", 0, calendar_cols, CA_N, &p->calendar_path,
                         &absent);
    if (!t)
        return r->oom ? -1 : 0;
    if (index_build(&ix, r->s, r->mem) != 0) {
        r->oom = 1;
        return -1;
    }
    size_t n = tab_rows(t);
    ALLOC(r, p->batches, n);
    for (r->row = 0; r->row < n; r->row++) {
        struct plan_batch *b = &p->batches[p->nbatches++];
        b->line = tab_line(t, r->row);
        b->patient_id = need(r, CA_PATIENT);
        b->patient = -1;
        if (b->patient_id) {
            b->patient = index_find(&ix, r->s, b->patient_id);
            if (b->patient < 0) {
                ERR(r, "column 'patient': '%s' is not a patient of the scenario",
                    diag_value(vb, b->patient_id));
                r->unresolved++;
            }
        }
        b->site = get_ref(r, CA_SITE, 0, &b->site_id, scn_find_site, "a site in sites.csv");
        b->process = get_ref(r, CA_PROCESS, 0, &b->process_id, scn_find_process,
                             "a process in processes.csv");
        b->room = get_ref(r, CA_ROOM, 0, &b->room_id, scn_find_room, "a room in rooms.csv");
        b->ready = get_date(r, CA_READY, 0);
        b->start = get_date(r, CA_START, 0);
        b->end = get_date(r, CA_END, 0);
        b->release = get_date(r, CA_RELEASE, 0);
        b->delivery = get_date(r, CA_DELIVERY, 0);
        b->due = get_date(r, CA_DUE, 0);
        b->delay_days = get_count(r, CA_DELAY);
        const char *st = need(r, CA_STATUS);
        if (st && strcmp(st, "on_time") == 0)
            b->status = PLAN_ON_TIME;
        else if (st && strcmp(st, "late") == 0)
            b->status = PLAN_LATE;
        else if (st && strcmp(st, "unserved") == 0)
            b->status = PLAN_UNSERVED;
        else if (st) {
            ERR(r, "column 'status': '%s' is not on_time, late or unserved", diag_value(vb, st));
            r->bad++;
        }
    }
    return 0;
}

/* ---- roster.csv ---------------------------------------------------------- */

enum { RS_DATE, RS_PERSON, RS_SKILL, RS_HOURS, RS_PATIENTS, RS_N };
static const struct tab_column roster_cols[RS_N] = {
    {"date", 1}, {"person", 1}, {"skill", 1}, {"hours", 1}, {"patients", 0}};

/* Splits a space-separated list into arena strings. */
static int split_ids(struct rd *r, const char *v, const char ***out, int *n)
{
    size_t len = strlen(v);
    *n = 0;
    ALLOC(r, *out, len / 2 + 1);
    for (const char *q = v; *q;) {
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            break;
        const char *e = q;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (!((*out)[(*n)++] = arena_strndup(r->mem, q, (size_t)(e - q)))) {
            r->oom = 1;
            return -1;
        }
        q = e;
    }
    return 0;
}

static int has_steps(const struct scenario *s)
{
    for (int i = 0; i < s->nprocesses; i++)
        if (s->processes[i].nsteps > 0)
            return 1;
    return 0;
}

static int read_roster(struct rd *r, struct plan *p)
{
    int absent;
    const char *id;
    table *t = open_file(r, p->dir, "roster.csv", !has_steps(r->s), roster_cols, RS_N,
                         &p->roster_path, &absent);
    if (!t)
        return r->oom ? -1 : 0;
    p->roster_has_patients = tab_has_column(t, RS_PATIENTS);
    size_t n = tab_rows(t);
    ALLOC(r, p->roster, n);
    for (r->row = 0; r->row < n; r->row++) {
        struct plan_assignment *a = &p->roster[p->nroster++];
        a->line = tab_line(t, r->row);
        a->date = get_date(r, RS_DATE, 1);
        a->person = get_ref(r, RS_PERSON, 1, &id, scn_find_person, "a person in staff.csv");
        a->skill = get_ref(r, RS_SKILL, 1, &id, scn_find_skill, "a skill of any person in staff.csv");
        a->hours = get_num(r, RS_HOURS);
        const char *v = cell(r, RS_PATIENTS);
        if (v && split_ids(r, v, &a->patients, &a->npatients) != 0)
            return -1;
    }
    return 0;
}

/* ---- orders.csv ---------------------------------------------------------- */

enum { OR_MATERIAL, OR_ORDER_DATE, OR_ARRIVAL, OR_QUANTITY, OR_COST, OR_N };
static const struct tab_column order_cols[OR_N] = {
    {"material", 1}, {"order_date", 1}, {"arrival", 1}, {"quantity", 1}, {"cost", 1}};

static int read_orders(struct rd *r, struct plan *p)
{
    int absent;
    const char *id;
    table *t = open_file(r, p->dir, "orders.csv", 1, order_cols, OR_N, &p->orders_path, &absent);
    if (!t)
        return r->oom ? -1 : 0;
    size_t n = tab_rows(t);
    ALLOC(r, p->orders, n);
    for (r->row = 0; r->row < n; r->row++) {
        struct plan_order *o = &p->orders[p->norders++];
        o->line = tab_line(t, r->row);
        o->material = get_ref(r, OR_MATERIAL, 1, &id, scn_find_material, "a material in materials.csv");
        o->order_date = get_date(r, OR_ORDER_DATE, 1);
        o->arrival = get_date(r, OR_ARRIVAL, 1);
        o->quantity = get_num(r, OR_QUANTITY);
        o->cost = get_num(r, OR_COST);
    }
    return 0;
}

/* ---- the whole read ------------------------------------------------------ */

enum plan_status plan_read(const char *dir, const struct scenario *s, diag_list *d,
                           struct plan **out)
{
    struct rd r;
    struct plan *p = NULL;
    struct stat st;
    arena *mem = NULL;
    enum plan_status status = PLAN_NOMEM;

    *out = NULL;
    if (stat(dir, &st) != 0) {
        diag_add(d, DIAG_ERROR, dir, 0, "cannot read the plan directory: %s", strerror(errno));
        return PLAN_UNREADABLE;
    }
    if (!S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, dir, 0, "not a directory: a plan is a directory of CSV files");
        return PLAN_UNREADABLE;
    }
    mem = arena_new(0);
    if (!mem || !(p = arena_alloc(mem, sizeof *p)) || !(p->dir = arena_strdup(mem, dir)))
        goto done;
    p->mem = mem;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.d = d;
    r.mem = mem;
    /* Each file is read whatever happened to the others, so that one run
     * lists every problem. */
    if (read_calendar(&r, p) != 0 || read_roster(&r, p) != 0 || read_orders(&r, p) != 0 || r.oom)
        goto done;
    if (r.bad) {
        status = PLAN_UNREADABLE;
        goto done;
    }
    status = r.unresolved ? PLAN_UNRESOLVED : PLAN_OK;
    *out = p;
    mem = NULL;
done:
    if (status == PLAN_NOMEM)
        diag_add(d, DIAG_ERROR, dir, 0, "out of memory while reading the plan");
    arena_free(mem);
    return status;
}

void plan_free(struct plan *p)
{
    if (p)
        arena_free(p->mem);
}

const char *plan_strerror(enum plan_status st)
{
    switch (st) {
    case PLAN_OK: return "ok";
    case PLAN_UNRESOLVED: return "the plan names ids the scenario does not have";
    case PLAN_UNREADABLE: return "the plan cannot be read";
    case PLAN_NOMEM: return "out of memory";
    }
    return "unknown status";
}

const char *plan_outcome_name(enum plan_outcome o)
{
    switch (o) {
    case PLAN_ON_TIME: return "on_time";
    case PLAN_LATE: return "late";
    case PLAN_UNSERVED: return "unserved";
    }
    return "?";
}
