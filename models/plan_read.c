/* Reading a plan directory (see plan_read.h): calendar.csv, roster.csv
 * and orders.csv, cell by cell with the readers of the scenario's tables
 * (cells.h), each reference resolved against the scenario, in whichever
 * CSV dialect the plan was written (found from each file's header line). */
#include "models/plan_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "models/cells.h"
#include "models/csv_table.h"
#include "models/date.h"
#include "models/idmap.h"
#include "models/text.h"

#define MAX_DELAY_DAYS 1000000   /* bound on delay_days */

/* The scenario's ids, indexed for the time of the read: a plan may hold
 * 200,000 rows and scn_find_* are linear. */
struct ids {
    struct idmap patients, sites, processes, rooms, persons, skills, materials;
};

/* The file being read and what went wrong so far. */
struct rd {
    const struct scenario *s;
    arena *mem;
    struct ids ids;
    struct cells c;     /* the row being read; c.bad counts the cells that are
                           not of their type, c.unknown the references that
                           name nothing in the scenario */
    int bad;            /* files that cannot be used, rows tab_read left out */
    int oom;
};

static int ids_build(struct rd *r)
{
    const struct scenario *s = r->s;
    struct ids *m = &r->ids;
    if (idmap_init(&m->patients, r->mem, (size_t)s->npatients) != 0 ||
        idmap_init(&m->sites, r->mem, (size_t)s->nsites) != 0 ||
        idmap_init(&m->processes, r->mem, (size_t)s->nprocesses) != 0 ||
        idmap_init(&m->rooms, r->mem, (size_t)s->nrooms) != 0 ||
        idmap_init(&m->persons, r->mem, (size_t)s->npersons) != 0 ||
        idmap_init(&m->skills, r->mem, (size_t)s->nskills) != 0 ||
        idmap_init(&m->materials, r->mem, (size_t)s->nmaterials) != 0)
        return -1;
    /* idmap_put keeps the first of an id given twice, as scn_find_* do. */
    for (int i = 0; i < s->npatients; i++)
        idmap_put(&m->patients, s->patients[i].id, i);
    for (int i = 0; i < s->nsites; i++)
        idmap_put(&m->sites, s->sites[i].id, i);
    for (int i = 0; i < s->nprocesses; i++)
        idmap_put(&m->processes, s->processes[i].id, i);
    for (int i = 0; i < s->nrooms; i++)
        idmap_put(&m->rooms, s->rooms[i].id, i);
    for (int i = 0; i < s->npersons; i++)
        idmap_put(&m->persons, s->persons[i].id, i);
    for (int i = 0; i < s->nskills; i++)
        idmap_put(&m->skills, s->skills[i], i);
    for (int i = 0; i < s->nmaterials; i++)
        idmap_put(&m->materials, s->materials[i].id, i);
    return 0;
}

/* Opens dir/name. NULL with *absent = 1 when the file does not exist and
 * may be left out; NULL with errors in d when it cannot be used. */
static table *open_file(struct rd *r, const char *dir, const char *name, int optional,
                        const struct tab_column *cols, int ncols, const char **path, int *absent)
{
    char buf[4096];
    struct stat st;
    diag_list *d = r->c.d;
    *absent = 0;
    *path = NULL;
    if (!text_join_path(dir, name, buf, sizeof buf)) {
        diag_add(d, DIAG_ERROR, dir, 0, "the path of %s is too long", name);
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
    size_t before = diag_errors(d);
    /* Any dialect plan writes: BOM, ';', decimal comma (csv_table.h). */
    table *t = tab_read_plan(buf, cols, ncols, d, r->mem);
    /* Rows tab_read left out (ragged, not UTF-8) make the file unreadable
     * too: verifying the rest would judge a plan that is not the one given. */
    r->bad += (int)(diag_errors(d) - before);
    if (!t && diag_errors(d) == before)
        r->bad++;
    r->c.t = t;
    r->c.cols = cols;
    r->c.max = CELL_MAX_PLAN;
    return t;
}

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
    struct cells *c = &r->c;
    table *t = open_file(r, p->dir, "calendar.csv", 0, calendar_cols, CA_N, &p->calendar_path,
                         &absent);
    if (!t)
        return r->oom ? -1 : 0;
    size_t n = tab_rows(t);
    CELL_ALLOC(r, p->batches, n);
    for (c->row = 0; c->row < n; c->row++) {
        struct plan_batch *b = &p->batches[p->nbatches++];
        b->line = cell_line(c);
        b->patient_id = cell_get(c, CA_PATIENT);
        cell_ref(c, CA_PATIENT, 1, &r->ids.patients, "patient of the scenario", NULL, &b->patient);
        b->site_id = cell_get(c, CA_SITE);
        cell_ref(c, CA_SITE, 0, &r->ids.sites, "site", "sites.csv", &b->site);
        b->process_id = cell_get(c, CA_PROCESS);
        cell_ref(c, CA_PROCESS, 0, &r->ids.processes, "process", "processes.csv", &b->process);
        b->room_id = cell_get(c, CA_ROOM);
        cell_ref(c, CA_ROOM, 0, &r->ids.rooms, "room", "rooms.csv", &b->room);
        cell_date(c, CA_READY, 0, DATE_NONE, &b->ready);
        cell_date(c, CA_START, 0, DATE_NONE, &b->start);
        cell_date(c, CA_END, 0, DATE_NONE, &b->end);
        cell_date(c, CA_RELEASE, 0, DATE_NONE, &b->release);
        cell_date(c, CA_DELIVERY, 0, DATE_NONE, &b->delivery);
        cell_date(c, CA_DUE, 0, DATE_NONE, &b->due);
        cell_int(c, CA_DELAY, 0, 0, MAX_DELAY_DAYS, PLAN_BLANK, &b->delay_days);
        const char *st = cell_need(c, CA_STATUS);
        if (st && strcmp(st, "on_time") == 0)
            b->status = PLAN_ON_TIME;
        else if (st && strcmp(st, "late") == 0)
            b->status = PLAN_LATE;
        else if (st && strcmp(st, "unserved") == 0)
            b->status = PLAN_UNSERVED;
        else if (st)
            CELL_ERR(c, "column 'status': '%s' is not on_time, late or unserved", diag_value(vb, st));
    }
    return 0;
}

/* ---- roster.csv ---------------------------------------------------------- */

enum { RS_DATE, RS_PERSON, RS_SKILL, RS_HOURS, RS_PATIENTS, RS_N };
static const struct tab_column roster_cols[RS_N] = {
    {"date", 1}, {"person", 1}, {"skill", 1}, {"hours", 1}, {"patients", 0}};

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
    struct cells *c = &r->c;
    table *t = open_file(r, p->dir, "roster.csv", !has_steps(r->s), roster_cols, RS_N,
                         &p->roster_path, &absent);
    if (!t)
        return r->oom ? -1 : 0;
    p->roster_has_patients = tab_has_column(t, RS_PATIENTS);
    size_t n = tab_rows(t);
    CELL_ALLOC(r, p->roster, n);
    for (c->row = 0; c->row < n; c->row++) {
        struct plan_assignment *a = &p->roster[p->nroster++];
        a->line = cell_line(c);
        cell_date(c, RS_DATE, 1, DATE_NONE, &a->date);
        cell_ref(c, RS_PERSON, 1, &r->ids.persons, "person", "staff.csv", &a->person);
        cell_ref(c, RS_SKILL, 1, &r->ids.skills, "skill of any person", "staff.csv", &a->skill);
        /* Any sign: hours that are not the shift's are verify's business. */
        cell_number(c, RS_HOURS, 1, -CELL_MAX_PLAN, 0, 0, &a->hours);
        const char *v = cell_get(c, RS_PATIENTS);
        if (v && cell_words(r->mem, v, &a->patients, &a->npatients) != 0) {
            r->oom = 1;
            return -1;
        }
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
    struct cells *c = &r->c;
    table *t = open_file(r, p->dir, "orders.csv", 1, order_cols, OR_N, &p->orders_path, &absent);
    if (!t)
        return r->oom ? -1 : 0;
    size_t n = tab_rows(t);
    CELL_ALLOC(r, p->orders, n);
    for (c->row = 0; c->row < n; c->row++) {
        struct plan_order *o = &p->orders[p->norders++];
        o->line = cell_line(c);
        cell_ref(c, OR_MATERIAL, 1, &r->ids.materials, "material", "materials.csv", &o->material);
        cell_date(c, OR_ORDER_DATE, 1, DATE_NONE, &o->order_date);
        cell_date(c, OR_ARRIVAL, 1, DATE_NONE, &o->arrival);
        /* Any sign: a quantity or cost off the terms is verify's business. */
        cell_number(c, OR_QUANTITY, 1, -CELL_MAX_PLAN, 0, 0, &o->quantity);
        cell_number(c, OR_COST, 1, -CELL_MAX_PLAN, 0, 0, &o->cost);
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
    r.c.d = d;
    r.mem = mem;
    if (ids_build(&r) != 0)
        goto done;
    /* Each file is read whatever happened to the others, so that one run
     * lists every problem. */
    if (read_calendar(&r, p) != 0 || read_roster(&r, p) != 0 || read_orders(&r, p) != 0 || r.oom)
        goto done;
    if (r.bad || r.c.bad) {
        status = PLAN_UNREADABLE;
        goto done;
    }
    status = r.c.unknown ? PLAN_UNRESOLVED : PLAN_OK;
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
