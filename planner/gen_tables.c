/* planner generate, the tables: scenario.ini and the thirteen CSV tables
 * of a generated scenario, each written from the struct gen into a buffer
 * in the scenario format (docs/scenario-format.md). Integers and strings
 * only, and dates by models/date: the same bytes in every locale.
 *
 * Tables with free text (names, units) are written with
 * planner/csv_write.h, which quotes what must be quoted; the others hold
 * only ids, dates, weekday lists and integers, none of which can hold a
 * comma or a quote, and are printed row by row. */
#include <inttypes.h>
#include <stdio.h>

#include "models/date.h"
#include "planner/csv_write.h"
#include "planner/gen.h"
#include "planner/number.h"
#include "planner/strbuf.h"

/* A date cell: blank for DATE_NONE. */
static const char *fmt_date(int d, char buf[DATE_BUFSZ])
{
    if (d == DATE_NONE || d == DATE_FAR) {
        buf[0] = '\0';
        return buf;
    }
    return date_format(d, buf);
}

/* Hundredths as a decimal with '.': 125 -> "1.25", 150 -> "1.5", 200 -> "2". */
static const char *fmt_hundredths(int v, char buf[NUM_BUFSZ])
{
    if (v % 100 == 0)
        snprintf(buf, NUM_BUFSZ, "%d", v / 100);
    else if (v % 10 == 0)
        snprintf(buf, NUM_BUFSZ, "%d.%d", v / 100, v % 100 / 10);
    else
        snprintf(buf, NUM_BUFSZ, "%d.%02d", v / 100, v % 100);
    return buf;
}

/* An integer field of a row written with planner/csv_write.h. */
static void field_int(struct csv_writer *w, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    csvw_number(w, buf);
}

const char *gen_fmt_weekdays(unsigned mask, char *buf, size_t size)
{
    return wd_format(mask, buf, size);
}

static const char *skills_text(const struct gperson *p, char *buf, size_t size)
{
    static const char *const names[NSKILLS] = {"operator", "qc", "supervisor"};
    size_t n = 0;
    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < NSKILLS; k++) {
            unsigned bit = 1u << k;
            if (!(p->skills & bit) || (pass == 0) != (p->primary == bit))
                continue;
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " " : "", names[k]);
        }
    return buf;
}

const char *gen_scenario_name(const struct gen *g, char *buf, size_t size)
{
    snprintf(buf, size, "Generated %s, size %s, seed %" PRIu64, g->P->preset->label, g->P->preset->name,
             g->P->seed);
    return buf;
}

void gen_write_ini(struct strbuf *b, const struct gen *g)
{
    char name[128], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    sb_puts(b, "; Synthetic data made by planner generate: not company data.\n"
               "; README.md says the command that made it and what it holds.\n\n");
    sb_printf(b, "[scenario]\nname  = %s\nstart = %s\nend   = %s\n\n", gen_scenario_name(g, name, sizeof name),
              date_format(g->start, d1), date_format(g->end, d2));
    sb_puts(b, "[tables]\n");
    static const char *const keys[] = {"sites", "patients", "forecast", "processes", "steps", "bom",
                                       "rooms", "room_slots", "staff", "shifts", "holidays",
                                       "materials", "deliveries"};
    for (int i = 0; i < N_OF(keys); i++)
        sb_printf(b, "%-10s = %s\n", keys[i], gen_file_names[GEN_F_SITES + i]);
    sb_printf(b, "\n[policy]\nallow_delay = yes\n\n[solver]\ntime_limit = %d\nmip_gap    = %s\n",
              g->P->preset->time_limit, g->P->preset->mip_gap);
}

void gen_write_sites(struct strbuf *b, const struct gen *g)
{
    char wd[64];
    struct csv_writer w;
    csvw_to_buf(&w, b, NULL);
    static const char *const head[] = {"site", "name", "ship_days", "ship_weekdays", "ready_after",
                                       "due_after"};
    csvw_row(&w, head, N_OF(head), 0);
    for (int i = 0; i < g->nsites; i++) {
        const struct gsite *s = &g->sites[i];
        csvw_field(&w, s->def->id);
        csvw_field(&w, s->def->name);
        field_int(&w, s->def->ship_days);
        csvw_field(&w, gen_fmt_weekdays(s->ship_mask, wd, sizeof wd));
        field_int(&w, s->ready_after);
        field_int(&w, s->due_after);
        csvw_end_row(&w);
    }
}

static int id_width(int n)
{
    int w = 3;
    for (int x = 1000; x <= n; x *= 10)
        w++;
    return w;
}

void gen_write_patients(struct strbuf *b, const struct gen *g)
{
    char d[5][DATE_BUFSZ];
    int w = id_width(g->npatients);
    sb_puts(b, "patient,site,ready,due,process,priority,max_hold,replaces,included,start,room\n");
    for (int i = 0; i < g->npatients; i++) {
        const struct gpatient *p = &g->patients[i];
        char hold[16] = "", prio[16] = "", repl[48] = "";
        if (p->max_hold >= 0)
            snprintf(hold, sizeof hold, "%d", p->max_hold);
        if (p->priority != 1)
            snprintf(prio, sizeof prio, "%d", p->priority);
        if (p->replaces_k)
            snprintf(repl, sizeof repl, "F-%s-%d", g->sites[p->site].def->id, p->replaces_k);
        sb_printf(b, "P-%0*d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", w, i + 1, g->sites[p->site].def->id,
                  fmt_date(p->ready, d[0]), fmt_date(p->due, d[1]),
                  p->process >= 0 ? g->proc[p->process].id : "", prio, hold, repl,
                  fmt_date(p->included, d[2]), fmt_date(p->fixed_start, d[3]),
                  p->fixed_room >= 0 ? g->rooms[p->fixed_room].id : "");
    }
}

void gen_write_forecast(struct strbuf *b, const struct gen *g)
{
    char num[NUM_BUFSZ];
    sb_puts(b, "site,month,patients\n");
    for (int s = 0; s < g->nsites; s++)
        for (int m = 0; m < g->P->months; m++) {
            int v = g->forecast[s * g->P->months + m];
            if (v < 0)
                continue;
            int y, mo, dd;
            date_to_ymd(gen_month_first_day(g, m), &y, &mo, &dd);
            sb_printf(b, "%s,%04d-%02d,%s\n", g->sites[s].def->id, y, mo, fmt_hundredths(v, num));
        }
}

void gen_write_processes(struct strbuf *b, const struct gen *g)
{
    char wd[64], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    sb_puts(b, "process,duration,qc_days,changeover,max_hold,start_days,room_type,approved_from,"
               "approved_until\n");
    for (int i = 0; i < 2; i++) {
        const struct gproc *p = &g->proc[i];
        sb_printf(b, "%s,%d,%d,%d,%d,%s,%s,%s,%s\n", p->id, p->duration, p->qc_days, p->changeover,
                  p->max_hold, gen_fmt_weekdays(p->start_mask, wd, sizeof wd), p->room_type ? p->room_type : "",
                  fmt_date(p->approved_from, d1), fmt_date(p->approved_until, d2));
    }
}

/* Seeding and harvest are witnessed (two operators); one operator checks
 * the culture every day and feeds it on days 3 and 5; QC samples on
 * harvest day and reads sterility out a week (or two) later, when the
 * supervisor reviews the batch record for release. */
void gen_write_steps(struct strbuf *b, const struct gen *g)
{
    sb_puts(b, "process,day,skill,people,hours\n");
    for (int i = 0; i < 2; i++) {
        const struct gproc *p = &g->proc[i];
        int h = p->duration - 1;
        sb_printf(b, "%s,0,operator,2,%d\n", p->id, i == 0 ? 6 : 5);
        sb_printf(b, "%s,1,operator,1,%d\n", p->id, i == 0 ? 3 : 2);
        for (int d = 2; d < h; d++)
            sb_printf(b, "%s,%d,operator,1,%d\n", p->id, d, d == 3 || d == 5 ? 2 : 1);
        sb_printf(b, "%s,%d,operator,2,%d\n", p->id, h, i == 0 ? 5 : 4);
        sb_printf(b, "%s,%d,qc,1,4\n", p->id, h);
        sb_printf(b, "%s,%d,qc,1,3\n", p->id, p->readout);
        sb_printf(b, "%s,%d,supervisor,1,2\n", p->id, p->readout);
    }
}

void gen_write_bom(struct strbuf *b, const struct gen *g)
{
    sb_puts(b, "process,day,material,quantity\n");
    for (int i = 0; i < 2; i++) {
        const struct gproc *p = &g->proc[i];
        /* By day, then in catalogue order. */
        int days[5] = {0, 1, 3, 5, p->duration - 1};
        for (int di = 0; di < 5; di++)
            for (int k = 0; k < g->nmaterials; k++) {
                const struct material_def *m = g->materials[k].def;
                for (int u = 0; u < m->nuses; u++) {
                    const struct material_use *mu = &m->uses[u];
                    int q = i == 0 ? mu->v1 : mu->v2;
                    int on = (mu->when == USE_SEED && di == 0) || (mu->when == USE_TRANSDUCE && di == 1) ||
                             (mu->when == USE_FEED && (di == 2 || di == 3)) ||
                             (mu->when == USE_HARVEST && di == 4);
                    if (on && q > 0)
                        sb_printf(b, "%s,%d,%s,%d\n", p->id, days[di], m->id, q);
                }
            }
    }
}

void gen_write_rooms(struct strbuf *b, const struct gen *g)
{
    sb_puts(b, "room,type,capacity,cost_per_day,available\n");
    for (int i = 0; i < g->nrooms; i++) {
        const struct groom *r = &g->rooms[i];
        sb_printf(b, "%s,%s,%d,%d,%s\n", r->id, r->type, r->capacity, r->cost, r->available ? "yes" : "no");
    }
}

void gen_write_slots(struct strbuf *b, const struct gen *g)
{
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    sb_puts(b, "room,from,to,available\n");
    for (int i = 0; i < g->nslots; i++) {
        const struct gslot *s = &g->slots[i];
        sb_printf(b, "%s,%s,%s,%s\n", s->room >= 0 ? g->rooms[s->room].id : "*", date_format(s->from, d1),
                  date_format(s->to, d2), s->available ? "yes" : "no");
    }
}

void gen_write_staff(struct strbuf *b, const struct gen *g)
{
    char sk[64], wd[64];
    sb_puts(b, "person,skills,hours,weekdays\n");
    for (int i = 0; i < g->npersons; i++) {
        const struct gperson *p = &g->persons[i];
        sb_printf(b, "%s,%s,%d,%s\n", p->id, skills_text(p, sk, sizeof sk), p->hours,
                  gen_fmt_weekdays(p->weekdays, wd, sizeof wd));
    }
}

void gen_write_shifts(struct strbuf *b, const struct gen *g)
{
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ], wd[64];
    sb_puts(b, "person,from,to,hours,weekdays\n");
    for (int i = 0; i < g->nshifts; i++) {
        const struct gshift *s = &g->shifts[i];
        sb_printf(b, "%s,%s,%s,%d,%s\n", g->persons[s->person].id, date_format(s->from, d1),
                  date_format(s->to, d2), s->hours, s->weekdays ? gen_fmt_weekdays(s->weekdays, wd, sizeof wd) : "");
    }
}

void gen_write_holidays(struct strbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    struct csv_writer w;
    csvw_to_buf(&w, b, NULL);
    static const char *const head[] = {"date", "name"};
    csvw_row(&w, head, N_OF(head), 0);
    for (int i = 0; i < g->nholidays; i++) {
        csvw_field(&w, date_format(g->holidays[i].date, d));
        csvw_field(&w, g->holidays[i].name);
        csvw_end_row(&w);
    }
}

void gen_write_materials(struct strbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    struct csv_writer w;
    csvw_to_buf(&w, b, NULL);
    static const char *const head[] = {"material", "unit", "stock", "stock_expires", "lead_time",
                                       "order_multiple", "min_order", "shelf_life", "unit_cost"};
    csvw_row(&w, head, N_OF(head), 0);
    for (int i = 0; i < g->nmaterials; i++) {
        const struct gmaterial *m = &g->materials[i];
        csvw_field(&w, m->def->id);
        csvw_field(&w, m->def->unit);
        field_int(&w, m->stock);
        csvw_field(&w, fmt_date(m->stock_expires, d));
        field_int(&w, m->def->lead_time);
        field_int(&w, m->def->order_multiple);
        field_int(&w, m->def->min_order);
        field_int(&w, m->def->shelf_life);
        field_int(&w, m->def->unit_cost);
        csvw_end_row(&w);
    }
}

void gen_write_deliveries(struct strbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    sb_puts(b, "material,date,quantity,expires\n");
    for (int i = 0; i < g->ndeliveries; i++) {
        const struct gdelivery *x = &g->deliveries[i];
        sb_printf(b, "%s,%s,%d,\n", g->materials[x->material].def->id, date_format(x->date, d), x->quantity);
    }
}
