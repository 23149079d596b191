/* planner generate, the scenario's frame: the calendar (horizon, public
 * holidays, the day process v2 takes over), the two process versions, the
 * clinical sites and the cleanrooms with their slots. The date helpers the
 * other parts share are here too. The countries, their holidays and their
 * hospitals are the reference data this file draws from. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "planner/gen.h"

#define GEN_TARGET_LOAD 85          /* percent of open place-days that demand fills at tightness 1,
                                       less 60 / rooms */
#define GEN_MAX_LOAD 75             /* ... and at most this */

static const struct holiday_def holidays_fr[] = {
    {0, 1, 1, "New Year's Day"}, {1, 0, 1, "Easter Monday"}, {0, 5, 1, "Labour Day"},
    {0, 5, 8, "Victory in Europe Day"}, {1, 0, 39, "Ascension Day"}, {1, 0, 50, "Whit Monday"},
    {0, 7, 14, "Bastille Day"}, {0, 8, 15, "Assumption Day"}, {0, 11, 1, "All Saints' Day"},
    {0, 11, 11, "Armistice Day"}, {0, 12, 25, "Christmas Day"},
};
static const struct holiday_def holidays_de[] = {
    {0, 1, 1, "New Year's Day"}, {0, 1, 6, "Epiphany"}, {1, 0, -2, "Good Friday"},
    {1, 0, 1, "Easter Monday"}, {0, 5, 1, "Labour Day"}, {1, 0, 39, "Ascension Day"},
    {1, 0, 50, "Whit Monday"}, {1, 0, 60, "Corpus Christi"}, {0, 8, 15, "Assumption Day"},
    {0, 10, 3, "German Unity Day"}, {0, 11, 1, "All Saints' Day"}, {0, 12, 25, "Christmas Day"},
    {0, 12, 26, "St Stephen's Day"},
};
static const struct holiday_def holidays_nl[] = {
    {0, 1, 1, "New Year's Day"}, {1, 0, 1, "Easter Monday"}, {0, 4, 27, "King's Day"},
    {0, 5, 5, "Liberation Day"}, {1, 0, 39, "Ascension Day"}, {1, 0, 50, "Whit Monday"},
    {0, 12, 25, "Christmas Day"}, {0, 12, 26, "Boxing Day"},
};

static const struct site_def sites_fr[] = {
    {"PAR", "Hôpital Saint-Louis (AP-HP), Paris", 1},
    {"LYO", "Centre hospitalier Lyon-Sud, Lyon", 1},
    {"LIL", "CHU de Lille, Lille", 1},
    {"NTE", "CHU de Nantes, Nantes", 1},
    {"MRS", "Institut Paoli-Calmettes, Marseille", 2},
    {"TLS", "IUCT-Oncopole, Toulouse", 2},
    {"BDX", "CHU de Bordeaux, Pessac", 2},
    {"BRU", "Institut Jules Bordet, Brussels", 1},
    {"GVA", "Hôpitaux Universitaires de Genève, Geneva", 2},
    {"MIL", "Istituto Nazionale dei Tumori, Milan", 2},
    {"BCN", "Hospital Clínic, Barcelona", 2},
    {"NYC", "Memorial Sloan Kettering Cancer Center, New York", 3},
};
static const struct site_def sites_de[] = {
    {"MUC", "LMU Klinikum, Munich", 1},
    {"WUE", "Universitätsklinikum Würzburg, Würzburg", 1},
    {"HD", "Universitätsklinikum Heidelberg, Heidelberg", 1},
    {"FRA", "Universitätsklinikum Frankfurt, Frankfurt", 1},
    {"BER", "Charité, Berlin", 1},
    {"HH", "Universitätsklinikum Hamburg-Eppendorf, Hamburg", 1},
    {"CGN", "Uniklinik Köln, Cologne", 1},
    {"VIE", "AKH Wien, Vienna", 2},
    {"ZRH", "Universitätsspital Zürich, Zurich", 2},
    {"CPH", "Rigshospitalet, Copenhagen", 2},
    {"PRG", "Fakultní nemocnice Motol, Prague", 2},
    {"BOS", "Dana-Farber Cancer Institute, Boston", 3},
};
static const struct site_def sites_nl[] = {
    {"LEI", "Leiden University Medical Center, Leiden", 1},
    {"AMS", "Amsterdam UMC, Amsterdam", 1},
    {"UTR", "Princess Máxima Center, Utrecht", 1},
    {"RTD", "Erasmus MC, Rotterdam", 1},
    {"GRO", "UMC Groningen, Groningen", 1},
    {"NIJ", "Radboudumc, Nijmegen", 1},
    {"ANR", "UZ Antwerpen, Antwerp", 1},
    {"LON", "King's College Hospital, London", 2},
    {"CPH", "Rigshospitalet, Copenhagen", 2},
    {"STO", "Karolinska University Hospital, Stockholm", 2},
    {"MAD", "Hospital Universitario 12 de Octubre, Madrid", 2},
    {"PHL", "Children's Hospital of Philadelphia, Philadelphia", 3},
};

static const struct country_def countries[] = {
    {"France", "Paris", holidays_fr, N_OF(holidays_fr), sites_fr, N_OF(sites_fr)},
    {"Bavaria, Germany", "Munich", holidays_de, N_OF(holidays_de), sites_de, N_OF(sites_de)},
    {"the Netherlands", "Leiden", holidays_nl, N_OF(holidays_nl), sites_nl, N_OF(sites_nl)},
};

/* ---- date helpers ------------------------------------------------------------- */

int gen_month_first_day(const struct gen *g, int m)
{
    int y = g->month0_year, mo = g->month0 + m;
    y += (mo - 1) / 12;
    mo = (mo - 1) % 12 + 1;
    return date_from_ymd(y, mo, 1);
}

int gen_month_last_day(const struct gen *g, int m)
{
    return gen_month_first_day(g, m + 1) - 1;
}

/* Month index (from the start's month) of day d. */
int gen_month_of(const struct gen *g, int d)
{
    int y, mo, dd;
    date_to_ymd(d, &y, &mo, &dd);
    return (y - g->month0_year) * 12 + (mo - g->month0);
}

int gen_next_in_mask(int d, unsigned mask)
{
    for (int i = 0; i < 7; i++, d++)
        if (mask & (1u << date_weekday(d)))
            return d;
    return d;
}

/* The Monday on or after d. */
int gen_monday_on_or_after(int d)
{
    return gen_next_in_mask(d, 1u);
}

/* Easter Sunday (anonymous Gregorian algorithm). */
static int easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, gg = (b - f + 1) / 3;
    int h = (19 * a + b - d - gg + 15) % 30;
    int i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return date_from_ymd(y, month, day);
}

int gen_grow(void **p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return 0;
    int c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int add_slot(struct gen *g, int room, int from, int to, int available)
{
    void *p = g->slots;
    if (gen_grow(&p, &g->capslots, g->nslots + 1, sizeof *g->slots) != 0)
        return -1;
    g->slots = p;
    g->slots[g->nslots++] = (struct gslot){room, from, to, available};
    return 0;
}

/* Days from ready to delivery when the batch starts on the first allowed
 * start day and ships on the first shipping day: the patient's lead time
 * with no queue. */
int gen_nominal_lead(const struct gproc *pr, const struct gsite *si, int ready)
{
    int s = gen_next_in_mask(ready, pr->start_mask);
    int release = s + pr->duration + pr->qc_days;
    int leave = gen_next_in_mask(release, si->ship_mask);
    return leave + si->def->ship_days - ready;
}

/* ---- the parts, in the order they depend on each other ----------------------------- */

int gen_calendar(struct gen *g, struct rng *r)
{
    g->country = &countries[rng_int(r, 0, N_OF(countries) - 1)];
    g->start = date_from_ymd(2027, 1, 4);          /* a Monday */
    g->month0_year = 2027;
    g->month0 = 1;
    g->end = gen_month_last_day(g, g->P->months - 1);
    g->ndays = g->end - g->start + 1 + GEN_TAIL_DAYS;
    int ylast, mo, dd;
    date_to_ymd(g->start + g->ndays - 1, &ylast, &mo, &dd);
    int n = (ylast - 2027 + 1) * g->country->nholidays;
    g->holidays = calloc((size_t)n, sizeof *g->holidays);
    if (!g->holidays)
        return -1;
    for (int y = 2027; y <= ylast; y++) {
        int easter = easter_sunday(y);
        for (int i = 0; i < g->country->nholidays; i++) {
            const struct holiday_def *h = &g->country->holidays[i];
            int d = h->easter ? easter + h->day : date_from_ymd(y, h->month, h->day);
            if (d < g->start || d > g->start + g->ndays - 1)
                continue;
            /* Fixed dates first, Easter's after them: sort by date. */
            int j = g->nholidays++;
            while (j > 0 && g->holidays[j - 1].date > d) {
                g->holidays[j] = g->holidays[j - 1];
                j--;
            }
            g->holidays[j] = (struct gholiday){d, h->name};
        }
    }
    /* The version switch: the first Monday of the middle month. */
    int mid = g->P->months / 2;
    g->switch_day = gen_monday_on_or_after(gen_month_first_day(g, mid));
    if (g->switch_day <= g->start)
        g->switch_day = gen_monday_on_or_after(g->start + (g->end - g->start + 1) / 2);
    if (g->switch_day > g->end)
        g->switch_day = g->end;
    return 0;
}

void gen_processes(struct gen *g, struct rng *r)
{
    int qc = rng_int(r, 7, 14);
    int changeover = rng_int(r, 1, 2);
    /* Sterility is read 7 days after harvest (14 with the compendial
     * method), on the harvest's weekday: a weekday by construction. */
    int wait = qc >= 14 ? 14 : 7;
    g->proc[0] = (struct gproc){"v1", 9, qc, changeover, 4, 0x0fu /* Mon-Thu */, "gradeB",
                                DATE_NONE, g->switch_day - 1, 8 + wait};
    /* One draw per statement: the expressions of an initializer list are
     * evaluated in no fixed order, and the output must not depend on it. */
    int hold2 = rng_int(r, 5, 6);
    unsigned days2 = rng_pct(r, 50) ? 0x1fu : 0x0fu;
    g->proc[1] = (struct gproc){"v2", 8, qc, changeover, hold2, days2, "gradeB", g->switch_day, DATE_FAR,
                                7 + wait};
}

void gen_sites(struct gen *g, struct rng *r)
{
    const struct country_def *c = g->country;
    int order[MAX_SITES];
    for (int i = 0; i < c->nsites; i++)
        order[i] = i;
    rng_shuffle(r, order + 1, c->nsites - 1);  /* the facility's own hospital stays first */
    g->nsites = g->P->sites;
    int late_from = g->P->months * 2 / 5;
    for (int i = 0; i < g->nsites; i++) {
        struct gsite *s = &g->sites[i];
        s->def = &c->sites[order[i]];
        /* A shipment must arrive on a weekday: the later the arrival, the
         * fewer departure days. */
        s->ship_mask = i == 0 ? 0x1fu : s->def->ship_days == 1 ? 0x0fu : s->def->ship_days == 2 ? 0x07u : 0x03u;
        s->ready_after = rng_int(r, 14, 28);
        s->weight = i == 0 ? 100 : rng_int(r, 40, 100);
        s->active_from = i < 2 || late_from < 2 ? 0 : rng_int(r, 1, late_from);
        /* Due: the lead time of v1 without a queue (start on the next
         * allowed day, ship on the next shipping day) for a patient ready on
         * the second worst weekday, plus a day at most: patients ready on
         * the worst weekday may be a day late with no queue at all, the
         * others keep a few days that a queue eats. */
        int lead[7];
        for (int wd = 0; wd < 7; wd++) {
            int x = gen_nominal_lead(&g->proc[0], s, g->start + wd), j = wd;
            for (; j > 0 && lead[j - 1] > x; j--)
                lead[j] = lead[j - 1];
            lead[j] = x;
        }
        s->due_after = s->ready_after + lead[5] + rng_int(r, 0, 1);
    }
}

/* Rooms come in suites that share air handling and are requalified
 * together; shared rooms are booked from another programme in windows;
 * grade C suites, for the closed v2 process only, open with v2. Rooms of
 * one suite have one cost and one calendar, so the planner pools them.
 *
 * The capacity is sized against the demand of tightness 1 (the preset's or
 * --patients' count): a batch holds a place for duration + changeover, and
 * those place-days should fill GEN_TARGET_LOAD - 60 / rooms percent of the
 * open place-days. Short of that even with the shared rooms granted all the
 * time, rooms of our suites get a second isolator (capacity 2), the last
 * rooms first, at most half of them; then the shared rooms are granted
 * for the share of the time that makes up the rest (a fifth at least). */
int gen_rooms(struct gen *g, struct rng *r)
{
    int R = g->P->rooms;
    int nc = R >= 4 && rng_pct(r, 50) ? (R / 4 > 0 ? R / 4 : 1) : 0;
    int nb = R - nc;
    int ns = nb >= 2 ? (nb / 6 > 0 ? nb / 6 : 1) : 0;
    int no = nb - ns;
    g->nsuites = no <= 3 ? no : (no + 3) / 4;
    g->rooms = calloc((size_t)R, sizeof *g->rooms);
    if (!g->rooms)
        return -1;
    g->nrooms = R;
    int suite_cost[GEN_MAX_ROOMS];
    for (int s = 0; s < g->nsuites; s++)
        suite_cost[s] = 50 * rng_int(r, 28, 40);    /* 1400 .. 2000 per batch-day */
    int shared_cost = 50 * rng_int(r, 40, 48);
    int c_cost = 50 * rng_int(r, 18, 24);
    for (int i = 0; i < R; i++) {
        struct groom *ro = &g->rooms[i];
        ro->capacity = 1;
        ro->available = 1;
        if (i < no) {
            ro->suite = i * g->nsuites / no;
            snprintf(ro->id, sizeof ro->id, "B%d", i + 1);
            ro->type = "gradeB";
            ro->cost = suite_cost[ro->suite];
        } else if (i < nb) {
            snprintf(ro->id, sizeof ro->id, "B%d", i + 1);
            ro->type = "gradeB";
            ro->cost = shared_cost;
            ro->shared = 1;
            ro->suite = -1;
            ro->available = 0;
        } else {
            snprintf(ro->id, sizeof ro->id, "C%d", i - nb + 1);
            ro->type = "gradeC";
            ro->cost = c_cost;
            ro->suite = -2;
            ro->available = 0;
        }
    }
    if (nc)
        g->proc[1].room_type = NULL;    /* v2 is closed: any grade */

    int last_day = g->start + g->ndays - 1, horizon = g->end - g->start + 1;
    /* Requalification shutdown: once a year per suite, 1 or 2 weeks,
     * spread from March to November so that suites do not close together;
     * now and then a short unplanned block too (maintenance of the air
     * handling, an environmental excursion under investigation). */
    int y0, y1, mo, dd;
    date_to_ymd(g->start, &y0, &mo, &dd);
    date_to_ymd(g->end, &y1, &mo, &dd);
    struct gslot *closed = NULL;    /* .room holds the suite */
    int nclosed = 0, capclosed = 0, rc = -1;
    unsigned char *granted = NULL;
    for (int s = 0; s < g->nsuites; s++) {
        int weeks = rng_int(r, 1, 2);
        int month = 3 + (s * 9) / g->nsuites;
        for (int y = y0; y <= y1; y++) {
            int from = gen_monday_on_or_after(date_from_ymd(y, month, 1) + 7 * rng_int(r, 0, 2));
            int to = from + 7 * weeks - 1;
            int block = rng_pct(r, 60), b = date_from_ymd(y, 1, 1) + rng_int(r, 0, 364), len = rng_int(r, 2, 4);
            void *p = closed;
            if (gen_grow(&p, &capclosed, nclosed + 2, sizeof *closed) != 0)
                goto done;
            closed = p;
            if (from >= g->start + 42 && from <= g->end)
                closed[nclosed++] = (struct gslot){s, from, to, 0};
            if (block && b >= g->start + 42 && b <= g->end && (b < from - 14 || b > to + 14))
                closed[nclosed++] = (struct gslot){s, b, b + len - 1, 0};
        }
    }

    /* Place-days in two periods, before v2 and from v2 on (grade C rooms
     * serve only the second): ours, the shared rooms' if granted all the
     * time, and what the demand needs, pro rata. Few rooms absorb less: a
     * patient whose material cannot wait finds all of them busy more often
     * than with many. */
    int load = GEN_TARGET_LOAD - 60 / R > GEN_MAX_LOAD ? GEN_MAX_LOAD : GEN_TARGET_LOAD - 60 / R;
    int64_t need_all = (int64_t)g->P->patients *
                       (g->proc[0].duration + g->proc[1].duration + 2 * g->proc[0].changeover) * 100 / (2 * load);
    int period_from[2] = {g->start, g->switch_day}, period_to[2] = {g->switch_day - 1, g->end};
    int64_t ours[2] = {0, 0}, shared_full[2], need[2];
    int64_t *suite_open = calloc(2 * ((size_t)g->nsuites + 1), sizeof *suite_open);
    if (!suite_open)
        goto done;
    for (int t = 0; t < 2; t++) {
        int len = period_to[t] - period_from[t] + 1;
        shared_full[t] = (int64_t)ns * len;
        need[t] = need_all * len / horizon;
        for (int s = 0; s < g->nsuites; s++) {
            int64_t *o = &suite_open[2 * s + t];
            *o = len;
            for (int k = 0; k < nclosed; k++) {
                int from = closed[k].from > period_from[t] ? closed[k].from : period_from[t];
                int to = closed[k].to < period_to[t] ? closed[k].to : period_to[t];
                if (closed[k].room == s && to >= from)
                    *o -= to - from + 1;
            }
        }
        for (int i = 0; i < no; i++)
            ours[t] += suite_open[2 * g->rooms[i].suite + t];
        if (t == 1)
            ours[t] += (int64_t)nc * len;
    }
    for (int i = no - 1, upgrades = 0; i >= 0 && upgrades < (R + 1) / 2 &&
                                       (ours[0] + shared_full[0] < need[0] || ours[1] + shared_full[1] < need[1]);
         i--) {
        g->rooms[i].capacity = 2;
        for (int t = 0; t < 2; t++)
            ours[t] += suite_open[2 * g->rooms[i].suite + t];
        upgrades++;
    }
    free(suite_open);
    int share = 0;  /* percent of the time the shared rooms are granted */
    for (int t = 0; t < 2; t++)
        if (shared_full[t] > 0 && (need[t] - ours[t]) * 100 / shared_full[t] > share)
            share = (int)((need[t] - ours[t]) * 100 / shared_full[t]);
    share = share < 20 ? 20 : share > 100 ? 100 : share;

    /* Shared rooms: granted in windows of 6-12 weeks, the gaps sized to
     * the share, and whenever a suite of ours is closed (booked ahead to
     * cover it, from two weeks before to two weeks after, so that the
     * batches moved there can finish). */
    granted = calloc((size_t)g->ndays, 1);
    if (!granted)
        goto done;
    if (ns) {
        for (int d = g->start; d <= g->end;) {
            int weeks = rng_int(r, 6, 12);
            int to = d + 7 * weeks - 1;
            if (to >= g->end - 28 || share >= 90)
                to = last_day;
            for (int x = d; x <= to && x <= last_day; x++)
                granted[x - g->start] = 1;
            int gap = (weeks * (100 - share) * 2 + share) / (2 * share);   /* weeks, rounded */
            gap += rng_int(r, -1, 1);
            d = to + 1 + 7 * (gap > 1 ? gap : 1);
        }
        for (int k = 0; k < nclosed; k++)
            for (int x = closed[k].from - 14; x <= closed[k].to + 14; x++)
                if (x >= g->start && x <= last_day)
                    granted[x - g->start] = 1;
        /* Nobody books a room back for less than two weeks. */
        for (int x = g->start; x <= last_day; x++) {
            if (granted[x - g->start])
                continue;
            int y = x;
            while (y < last_day && !granted[y + 1 - g->start])
                y++;
            if (x > g->start && y < last_day && y - x + 1 < 14)
                memset(granted + (x - g->start), 1, (size_t)(y - x + 1));
            x = y;
        }
        for (int i = no; i < nb; i++)
            for (int x = g->start; x <= last_day;) {
                if (!granted[x - g->start]) {
                    x++;
                    continue;
                }
                int y = x;
                while (y < last_day && granted[y + 1 - g->start])
                    y++;
                if (add_slot(g, i, x, y, 1) != 0)
                    goto done;
                x = y + 1;
            }
    }
    /* Grade C suites: commissioned for v2, two weeks before its approval. */
    for (int i = nb; i < R; i++)
        if (add_slot(g, i, g->switch_day - 14, last_day, 1) != 0)
            goto done;
    for (int k = 0; k < nclosed; k++)
        for (int i = 0; i < no; i++)
            if (g->rooms[i].suite == closed[k].room && add_slot(g, i, closed[k].from, closed[k].to, 0) != 0)
                goto done;

    /* Open days, rows applied in file order over the default. */
    g->open = malloc((size_t)R * (size_t)g->ndays);
    if (!g->open)
        goto done;
    for (int i = 0; i < R; i++)
        memset(g->open + (size_t)i * (size_t)g->ndays, g->rooms[i].available, (size_t)g->ndays);
    for (int k = 0; k < g->nslots; k++) {
        const struct gslot *sl = &g->slots[k];
        for (int i = 0; i < R; i++) {
            if (sl->room >= 0 && sl->room != i)
                continue;
            for (int d = sl->from; d <= sl->to; d++)
                if (d >= g->start && d < g->start + g->ndays)
                    g->open[(size_t)i * (size_t)g->ndays + (size_t)(d - g->start)] = (unsigned char)sl->available;
        }
    }
    g->places = 0;
    for (int i = 0; i < R; i++)
        g->places += g->rooms[i].capacity;
    g->month_capacity = calloc((size_t)g->P->months, sizeof *g->month_capacity);
    if (!g->month_capacity)
        goto done;
    for (int i = 0; i < R; i++)
        for (int d = g->start; d <= g->end; d++) {
            /* Before the switch only v1 runs, in grade B. */
            if (strcmp(g->rooms[i].type, "gradeC") == 0 && d < g->switch_day)
                continue;
            if (g->open[(size_t)i * (size_t)g->ndays + (size_t)(d - g->start)])
                g->month_capacity[gen_month_of(g, d)] += g->rooms[i].capacity;
        }
    rc = 0;
done:
    free(closed);
    free(granted);
    return rc;
}
