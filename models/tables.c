/* The CSV tables of a scenario: one reader per table, each checking its
 * columns against the contract (types, bounds, defaults, references).
 * The cells are read by cells.c; the forecast is expanded by forecast.c. */
#include <stdlib.h>
#include <string.h>

#include "models/cells.h"
#include "models/date.h"
#include "models/load.h"
#include "models/merge.h"
#include "models/whatif.h"
#include "models/text.h"

#define MAX_DAYS 3660        /* bound on day counts and offsets */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *load_tname(const struct load *L, int which, const char *def)
{
    return L->s->tables[which] ? base_name(L->s->tables[which]) : def;
}

table *load_open(struct load *L, int which, const struct tab_column *cols, int ncols,
                 struct cells *r)
{
    const char *path = L->s->tables[which];
    memset(r, 0, sizeof *r);
    r->d = L->d;
    r->cols = cols;
    if (!path)
        return NULL;
    r->t = tab_read(path, cols, ncols, L->d, L->mem);
    /* A variant's merged files, level by level; a table no level names
     * is its first merged file, read whole. */
    for (int i = 0; i < L->s->nmerges; i++)
        if (L->s->merges[i].slot == which && L->s->merges[i].whole && r->t)
            L->s->merges[i].added = (int)tab_rows(r->t);
    if (merge_table(L, which, r->t, cols, ncols) != 0)
        return NULL;
    return r->t;
}

/* Registers the id of row r in m; reports a duplicate. */
static void unique_id(struct cells *r, struct idmap *m, const char *id, int index, int col,
                      const int *lines)
{
    char vb[DIAG_VALUE_SZ];
    if (!*id)
        return;
    int prev = idmap_put(m, id, index);
    if (prev >= 0)
        CELL_ERR(r, "column '%s': '%s' is used again (first on line %d)", r->cols[col].name,
                 diag_value(vb, id), lines[prev]);
}

/* ---- sites.csv ---------------------------------------------------------- */

enum { SI_SITE, SI_NAME, SI_SHIP_DAYS, SI_SHIP_WEEKDAYS, SI_READY_AFTER, SI_DUE_AFTER, SI_N };
static const struct tab_column site_cols[SI_N] = {
    {"site", 1}, {"name", 0}, {"ship_days", 0}, {"ship_weekdays", 0}, {"ready_after", 0}, {"due_after", 0}};

static int read_sites(struct load *L)
{
    struct cells r;
    struct scenario *s = L->s;
    table *t = load_open(L, TBL_SITES, site_cols, SI_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    CELL_ALLOC(L, s->sites, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&L->maps.sites, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct site *si = &s->sites[s->nsites];
        si->line = lines[s->nsites] = cell_line(&r);
        cell_id(&r, SI_SITE, &si->id);
        si->name = cell_text(&r, SI_NAME, si->id);
        cell_int(&r, SI_SHIP_DAYS, 0, 0, MAX_DAYS, 0, &si->ship_days);
        cell_weekdays(&r, SI_SHIP_WEEKDAYS, WD_ALL, &si->ship_weekdays);
        cell_int(&r, SI_READY_AFTER, 0, 0, MAX_DAYS, 0, &si->ready_after);
        cell_int(&r, SI_DUE_AFTER, 0, 0, MAX_DAYS, -1, &si->due_after);
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
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = load_open(L, TBL_PROCESSES, process_cols, PR_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    CELL_ALLOC(L, s->processes, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&L->maps.processes, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct process *p = &s->processes[s->nprocesses];
        p->line = lines[s->nprocesses] = cell_line(&r);
        p->file = cell_path(&r);
        cell_id(&r, PR_PROCESS, &p->id);
        cell_int(&r, PR_DURATION, 1, 1, MAX_DAYS, 1, &p->duration);
        cell_int(&r, PR_QC_DAYS, 0, 0, MAX_DAYS, 0, &p->qc_days);
        cell_int(&r, PR_CHANGEOVER, 0, 0, MAX_DAYS, 0, &p->changeover);
        cell_int(&r, PR_MAX_HOLD, 0, 0, MAX_DAYS, -1, &p->max_hold);
        cell_weekdays(&r, PR_START_DAYS, WD_ALL, &p->start_days);
        p->room_type = cell_get(&r, PR_ROOM_TYPE);
        cell_date(&r, PR_APPROVED_FROM, 0, DATE_NONE, &p->approved_from);
        cell_date(&r, PR_APPROVED_UNTIL, 0, DATE_FAR, &p->approved_until);
        if (p->approved_until < p->approved_from)
            CELL_ERR(&r, "column 'approved_until': %s is before approved_from %s",
                     date_format(p->approved_until, a), date_format(p->approved_from, b));
        /* Two versions approved from the same day with overlapping windows
         * leave "the latest approved_from" undecided. */
        for (int j = 0; j < s->nprocesses; j++) {
            const struct process *q = &s->processes[j];
            if (q->approved_from == p->approved_from && q->approved_until >= p->approved_from &&
                p->approved_until >= q->approved_from && p->approved_until >= p->approved_from)
                CELL_ERR(&r, "process '%s' and '%s' (line %d) are both approved from %s and their windows "
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
    struct cells r;
    struct scenario *s = L->s;
    table *t = load_open(L, TBL_ROOMS, room_cols, RO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    CELL_ALLOC(L, s->rooms, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&L->maps.rooms, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct room *ro = &s->rooms[s->nrooms];
        ro->line = lines[s->nrooms] = cell_line(&r);
        cell_id(&r, RO_ROOM, &ro->id);
        if (strcmp(ro->id, "*") == 0)
            CELL_ERR(&r, "column 'room': '*' is reserved for 'every room' in room_slots.csv");
        ro->type = cell_text(&r, RO_TYPE, "");
        cell_int(&r, RO_CAPACITY, 0, 1, 1000, 1, &ro->capacity);
        cell_number(&r, RO_COST, 0, 0, 0, 0, &ro->cost_per_day);
        cell_bool(&r, RO_AVAILABLE, 1, &ro->available);
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
    struct cells r;
    struct scenario *s = L->s;
    table *t = load_open(L, TBL_STAFF, staff_cols, ST_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    CELL_ALLOC(L, s->persons, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&L->maps.persons, L->mem, n) != 0 || idmap_init(&L->maps.skills, L->mem, 1000) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct person *p = &s->persons[s->npersons];
        p->line = lines[s->npersons] = cell_line(&r);
        cell_id(&r, ST_PERSON, &p->id);
        cell_number(&r, ST_HOURS, 1, 0, 1, 0, &p->hours);
        if (p->hours > 24) {
            CELL_ERR(&r, "column 'hours': '%g' is more than 24 hours a day", p->hours);
            p->hours = 24;
        }
        cell_weekdays(&r, ST_WEEKDAYS, WD_MON_FRI, &p->weekdays);
        const char *sk = cell_need(&r, ST_SKILLS);
        if (sk && text_has_control(sk)) {
            char vb[DIAG_VALUE_SZ];
            CELL_ERR_COL(&r, ST_SKILLS, "column 'skills': '%s' contains a control character; ids may not",
                     diag_value(vb, sk));
            sk = NULL;
        }
        if (sk) {
            /* Space-separated skill ids; each new one becomes a skill. */
            const char **names;
            int nnames;
            size_t cnt = 0;
            if (cell_words(L->mem, sk, &names, &nnames) != 0)
                return L->oom = 1, -1;
            CELL_ALLOC(L, p->skills, nnames);
            for (int w = 0; w < nnames; w++) {
                int k = add_skill(L, names[w]);
                if (k == -1)
                    return -1;
                if (k == -2) {
                    CELL_ERR(&r, "column 'skills': more than 1000 different skills");
                    break;
                }
                int dup = 0;
                for (size_t i = 0; i < cnt; i++)
                    dup |= p->skills[i] == k;
                if (!dup)
                    p->skills[cnt++] = k;
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
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    table *t = load_open(L, TBL_MATERIALS, material_cols, MA_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *lines;
    CELL_ALLOC(L, s->materials, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&L->maps.materials, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct material *m = &s->materials[s->nmaterials];
        m->line = lines[s->nmaterials] = cell_line(&r);
        cell_id(&r, MA_MATERIAL, &m->id);
        m->unit = cell_text(&r, MA_UNIT, "");
        cell_qty(&r, MA_STOCK, 0, 0, 0, &m->stock);
        cell_date(&r, MA_STOCK_EXPIRES, 0, DATE_FAR, &m->stock_expires);
        cell_int(&r, MA_LEAD_TIME, 0, 0, MAX_DAYS, -1, &m->lead_time);
        cell_qty(&r, MA_ORDER_MULTIPLE, 0, 1, 1, &m->order_multiple);
        cell_qty(&r, MA_MIN_ORDER, 0, 0, 0, &m->min_order);
        cell_int(&r, MA_SHELF_LIFE, 0, 1, 100000, 0, &m->shelf_life);
        cell_number(&r, MA_UNIT_COST, 0, 0, 0, 0, &m->unit_cost);
        if (m->stock > 0 && m->stock_expires <= s->start)
            CELL_WARN(&r, "initial stock of '%s' expires on %s, on or before start: it is never usable",
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
    struct cells r;
    struct scenario *s = L->s;
    table *t = load_open(L, TBL_STEPS, step_cols, SP_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *proc;
    struct step *all;
    CELL_ALLOC(L, all, n);
    CELL_ALLOC(L, proc, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct step *st = &all[r.row];
        st->line = cell_line(&r);
        cell_ref(&r, SP_PROCESS, 1, &L->maps.processes, "process", load_tname(L, TBL_PROCESSES, "processes.csv"), &proc[r.row]);
        cell_int(&r, SP_DAY, 1, 0, MAX_DAYS, 0, &st->day);
        cell_ref(&r, SP_SKILL, 1, &L->maps.skills, "skill of any person", load_tname(L, TBL_STAFF, "staff.csv"), &st->skill);
        cell_int(&r, SP_PEOPLE, 0, 1, 1000, 1, &st->people);
        cell_number(&r, SP_HOURS, 1, 0, 1, 0, &st->hours);
        if (st->hours > 24)
            CELL_ERR(&r, "column 'hours': '%g' is more than 24 hours a day", st->hours);
        if (st->skill >= 0) {
            int holders = 0;
            for (int p = 0; p < s->npersons; p++)
                holders += scn_person_has_skill(s, p, st->skill);
            if (st->people > holders)
                CELL_ERR(&r, "column 'people': the step needs %d people with skill '%s' but staff.csv has %d",
                         st->people, s->skills[st->skill], holders);
        }
    }
    /* Group the steps under their processes, in file order. */
    for (int p = 0; p < s->nprocesses; p++) {
        int cnt = 0;
        for (size_t i = 0; i < n; i++)
            cnt += proc[i] == p;
        CELL_ALLOC(L, s->processes[p].steps, cnt);
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
    struct cells r;
    struct scenario *s = L->s;
    table *t = load_open(L, TBL_BOM, bom_cols, BO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    int *proc;
    struct bom_line *all;
    CELL_ALLOC(L, all, n);
    CELL_ALLOC(L, proc, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct bom_line *b = &all[r.row];
        b->line = cell_line(&r);
        cell_ref(&r, BO_PROCESS, 1, &L->maps.processes, "process", load_tname(L, TBL_PROCESSES, "processes.csv"), &proc[r.row]);
        cell_int(&r, BO_DAY, 0, 0, MAX_DAYS, 0, &b->day);
        cell_ref(&r, BO_MATERIAL, 1, &L->maps.materials, "material", load_tname(L, TBL_MATERIALS, "materials.csv"), &b->material);
        cell_qty(&r, BO_QUANTITY, 1, 1, 0, &b->quantity);
    }
    for (int p = 0; p < s->nprocesses; p++) {
        int cnt = 0;
        for (size_t i = 0; i < n; i++)
            cnt += proc[i] == p;
        CELL_ALLOC(L, s->processes[p].bom, cnt);
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
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = load_open(L, TBL_ROOM_SLOTS, slot_cols, SL_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    CELL_ALLOC(L, s->slots, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct room_slot *sl = &s->slots[s->nslots++];
        const char *v = cell_get(&r, SL_ROOM);
        sl->line = cell_line(&r);
        if (v && strcmp(v, "*") == 0)
            sl->room = -1;
        else if (cell_ref(&r, SL_ROOM, 1, &L->maps.rooms, "room", load_tname(L, TBL_ROOMS, "rooms.csv"), &sl->room) != 0)
            sl->room = -2; /* matches nothing */
        cell_date(&r, SL_FROM, 1, DATE_FAR, &sl->from);
        cell_date(&r, SL_TO, 1, DATE_NONE, &sl->to);
        cell_bool(&r, SL_AVAILABLE, 1, &sl->available);
        if (sl->from != DATE_FAR && sl->to != DATE_NONE && sl->to < sl->from)
            CELL_ERR(&r, "column 'to': %s is before from %s", date_format(sl->to, a), date_format(sl->from, b));
    }
    return 0;
}

enum { SH_PERSON, SH_FROM, SH_TO, SH_HOURS, SH_WEEKDAYS, SH_N };
static const struct tab_column shift_cols[SH_N] = {
    {"person", 1}, {"from", 1}, {"to", 1}, {"hours", 1}, {"weekdays", 0}};

static int read_shifts(struct load *L)
{
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = load_open(L, TBL_SHIFTS, shift_cols, SH_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    CELL_ALLOC(L, s->shifts, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct shift *sh = &s->shifts[s->nshifts++];
        sh->line = cell_line(&r);
        cell_ref(&r, SH_PERSON, 1, &L->maps.persons, "person", load_tname(L, TBL_STAFF, "staff.csv"), &sh->person);
        cell_date(&r, SH_FROM, 1, DATE_FAR, &sh->from);
        cell_date(&r, SH_TO, 1, DATE_NONE, &sh->to);
        cell_number(&r, SH_HOURS, 1, 0, 0, 0, &sh->hours);
        if (sh->hours > 24)
            CELL_ERR(&r, "column 'hours': '%g' is more than 24 hours a day", sh->hours);
        cell_weekdays(&r, SH_WEEKDAYS, WD_ALL, &sh->weekdays);
        if (sh->from != DATE_FAR && sh->to != DATE_NONE && sh->to < sh->from)
            CELL_ERR(&r, "column 'to': %s is before from %s", date_format(sh->to, a), date_format(sh->from, b));
    }
    return 0;
}

enum { HO_DATE, HO_NAME, HO_N };
static const struct tab_column holiday_cols[HO_N] = {{"date", 1}, {"name", 0}};

static int read_holidays(struct load *L)
{
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ];
    table *t = load_open(L, TBL_HOLIDAYS, holiday_cols, HO_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    CELL_ALLOC(L, s->holidays, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct holiday *h = &s->holidays[s->nholidays];
        h->line = cell_line(&r);
        h->name = cell_text(&r, HO_NAME, "");
        if (cell_date(&r, HO_DATE, 1, DATE_NONE, &h->date) != 0)
            continue;
        int dup = 0;
        for (int i = 0; i < s->nholidays && !dup; i++)
            if (s->holidays[i].date == h->date) {
                CELL_WARN(&r, "holiday %s is listed again (first on line %d)", date_format(h->date, a),
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
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = load_open(L, TBL_DELIVERIES, delivery_cols, DE_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    CELL_ALLOC(L, s->deliveries, n);
    for (r.row = 0; r.row < n; r.row++) {
        struct delivery *dv = &s->deliveries[s->ndeliveries++];
        dv->line = cell_line(&r);
        cell_ref(&r, DE_MATERIAL, 1, &L->maps.materials, "material", load_tname(L, TBL_MATERIALS, "materials.csv"), &dv->material);
        cell_date(&r, DE_DATE, 1, DATE_NONE, &dv->date);
        cell_qty(&r, DE_QUANTITY, 1, 1, 0, &dv->quantity);
        int def = DATE_FAR;
        if (dv->material >= 0 && s->materials[dv->material].shelf_life > 0 && dv->date != DATE_NONE)
            def = dv->date + s->materials[dv->material].shelf_life;
        cell_date(&r, DE_EXPIRES, 0, def, &dv->expires);
        if (dv->date != DATE_NONE && dv->expires <= dv->date)
            CELL_WARN(&r, "the lot expires on %s, on or before it arrives on %s: it is never usable",
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
    CELL_ALLOC(L, s->lots, s->nmaterials + s->ndeliveries);
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


static int read_patients(struct load *L)
{
    struct cells r;
    struct scenario *s = L->s;
    char a[DATE_BUFSZ], b[DATE_BUFSZ];
    table *t = load_open(L, TBL_PATIENTS, patient_cols, PA_N, &r);
    size_t n = t ? tab_rows(t) : 0;
    struct patient *known;
    const char **replaces;
    int *lines;
    struct idmap ids;
    CELL_ALLOC(L, known, n);
    CELL_ALLOC(L, replaces, n);
    CELL_ALLOC(L, lines, n);
    if (idmap_init(&ids, L->mem, n) != 0)
        return L->oom = 1, -1;
    for (r.row = 0; r.row < n; r.row++) {
        struct patient *p = &known[r.row];
        p->kind = PATIENT_KNOWN;
        p->line = lines[r.row] = cell_line(&r);
        p->file = cell_path(&r);
        cell_id(&r, PA_PATIENT, &p->id);
        cell_ref(&r, PA_SITE, 1, &L->maps.sites, "site", load_tname(L, TBL_SITES, "sites.csv"), &p->site);
        cell_date(&r, PA_READY, 1, DATE_NONE, &p->ready);
        cell_date(&r, PA_DUE, 1, DATE_NONE, &p->due);
        cell_ref(&r, PA_PROCESS, 0, &L->maps.processes, "process", load_tname(L, TBL_PROCESSES, "processes.csv"), &p->process);
        cell_priority(&r, PA_PRIORITY, &p->priority);
        cell_int(&r, PA_MAX_HOLD, 0, 0, MAX_DAYS, -1, &p->max_hold);
        replaces[r.row] = cell_get(&r, PA_REPLACES);
        cell_date(&r, PA_INCLUDED, 0, DATE_NONE, &p->included);
        cell_date(&r, PA_START, 0, DATE_NONE, &p->fixed_start);
        cell_ref(&r, PA_ROOM, 0, &L->maps.rooms, "room", load_tname(L, TBL_ROOMS, "rooms.csv"), &p->fixed_room);
        if (cell_get(&r, PA_START) && !cell_get(&r, PA_ROOM))
            CELL_ERR(&r, "column 'room' is blank but 'start' is given: a fixed batch needs both");
        if (!cell_get(&r, PA_START) && cell_get(&r, PA_ROOM))
            CELL_ERR(&r, "column 'start' is blank but 'room' is given: a fixed batch needs both");
        if (p->ready != DATE_NONE && p->due != DATE_NONE && p->due < p->ready)
            CELL_WARN(&r, "due %s is before ready %s: the patient cannot be on time",
                      date_format(p->due, a), date_format(p->ready, b));
        if (p->fixed_start != DATE_NONE && p->fixed_start > s->end)
            CELL_ERR(&r, "column 'start': %s is after the horizon's end %s", date_format(p->fixed_start, a),
                     date_format(s->end, b));
        unique_id(&r, &ids, p->id, (int)r.row, PA_PATIENT, lines);
    }
    return load_forecast(L, known, (int)n, replaces);
}

/* ---- the whole load ----------------------------------------------------- */

int load_tables(struct load *L)
{
    struct scenario *s = L->s;
    /* "[tables] staff is required when steps is given" and the like are
     * reported by scenario.c, which knows the keys' lines. */
    if (read_sites(L) || read_processes(L) || read_rooms(L) || read_staff(L) ||
        read_materials(L) || whatif_apply(L) || read_steps(L) || read_bom(L) || read_slots(L) || read_shifts(L) ||
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
            diag_add(L->d, DIAG_WARNING, pr->file, pr->line,
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
