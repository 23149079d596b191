/* The insides of planner generate shared by its files: the parameters of
 * a run, the shapes of the reference data, the scenario being generated
 * (struct gen), and what each planner/gen_*.c file offers the others.
 * Internal: only planner/generate.c and planner/gen_*.c include it.
 *
 * The files, in the order a run uses them: generate.c (presets, the
 * command line, building and freeing a struct gen), gen_random.c (the
 * random numbers), gen_world.c (calendar, processes, sites, rooms),
 * gen_staff.c (persons and shifts), gen_demand.c (patients, forecast,
 * materials), gen_tables.c (scenario.ini and the CSV tables),
 * gen_readme.c (README.md), gen_files.c (the list of files and writing
 * them all or nothing). */
#ifndef PLANNER_GEN_H
#define PLANNER_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "planner/gen_random.h"
#include "planner/strbuf.h"

#define GEN_MAX_PATIENTS 50000
#define GEN_MAX_MONTHS 120          /* 2027-01 .. 2036-12 stays inside 3660 days */
#define GEN_MAX_ROOMS 200
#define GEN_MAX_STAFF 2000
#define GEN_MIN_STAFF 6             /* two witnesses, QC and QA, with vacations */
#define GEN_MAX_TIGHTNESS 10        /* --tightness at most */
#define GEN_TAIL_DAYS 60            /* plan days past end that rosters and slots cover */

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A named size: the defaults that flags override. */
struct gen_preset {
    const char *name;       /* --size value */
    const char *label;      /* what it stands for */
    int months, patients, rooms, staff, materials, sites;
    int ramp_from, ramp_to; /* demand at the first and last month, percent */
    int time_limit;         /* [solver] time_limit, seconds */
    const char *mip_gap;    /* [solver] mip_gap */
};

/* What the run makes: every value resolved. */
struct gen_params {
    const struct gen_preset *preset;
    int months, patients, rooms, staff, materials, sites;
    uint64_t seed;
    int tightness;          /* millionths: 1000000 is 1 */
    int target;             /* patients in the horizon: patients x tightness */
    const char *dir;
};

/* The random streams, one per part of the scenario (rng_stream's stream
 * argument): a flag that changes one part leaves the others' draws as
 * they were. */
enum { RNG_CALENDAR = 1, RNG_PROCESS, RNG_SITES, RNG_ROOMS, RNG_STAFF, RNG_DEMAND, RNG_MATERIALS };

/* ---- reference data: the tables are in the file of the part that uses them ---- */

struct holiday_def {
    int easter;             /* 1: day is an offset from Easter Sunday */
    int month, day;
    const char *name;
};

struct site_def {
    const char *id, *name;
    int ship_days;          /* courier transit from the facility */
};

struct country_def {
    const char *country, *facility;
    const struct holiday_def *holidays;
    int nholidays;
    const struct site_def *sites;   /* the facility's own hospital first */
    int nsites;
};
#define MAX_SITES 12   /* every country lists this many */

/* When in a batch a material is used. */
enum use_day { USE_SEED, USE_TRANSDUCE, USE_FEED, USE_HARVEST };

struct material_use {
    enum use_day when;
    int v1, v2;             /* quantity per use in v1 and v2 (0: not used) */
};

struct material_def {
    const char *id, *unit;
    int lead_time;          /* days */
    int order_multiple, min_order;
    int shelf_life;         /* days */
    int unit_cost;          /* EUR */
    struct material_use uses[3];
    int nuses;
};
#define NCATALOGUE 42   /* materials in the catalogue (gen_demand.c) */

/* ---- the scenario being generated ------------------------------------------------ */

enum { SK_OPERATOR = 1, SK_QC = 2, SK_SUPERVISOR = 4 };
#define NSKILLS 3

struct gproc {
    const char *id;
    int duration, qc_days, changeover, max_hold;
    unsigned start_mask;
    const char *room_type;      /* NULL: any room */
    int approved_from, approved_until;  /* DATE_NONE / DATE_FAR when open */
    int readout;                /* day offset of the QC read-out and release review */
};

struct gsite {
    const struct site_def *def;
    unsigned ship_mask;
    int ready_after, due_after;
    int weight;                 /* share of the demand, relative */
    int active_from;            /* month index from which it has forecast rows */
};

struct groom {
    char id[16];
    const char *type;
    int capacity, cost, shared, suite;
    int available;              /* default when no slot covers a day */
};

struct gslot {
    int room;                   /* -1: every room */
    int from, to, available;
};

struct gperson {
    char id[32];
    unsigned skills;            /* SK_ bits */
    unsigned primary;           /* the SK_ bit written first */
    int hours;
    unsigned weekdays;
};

struct gshift {
    int person, from, to, hours;
    unsigned weekdays;          /* 0: every day */
};

struct gpatient {
    int site, ready, due, priority, max_hold, included;
    int fixed_start, fixed_room;    /* DATE_NONE, -1 unless fixed */
    int process;                    /* -1, or the version named */
    int replaces_k;                 /* k of F-<site>-<k> replaced, or 0 */
    int seq;                        /* order of making: the sort's last key */
};

struct gholiday {
    int date;
    const char *name;
};

struct gdelivery {
    int material, date, quantity;
};

struct gmaterial {
    const struct material_def *def;
    int stock, stock_expires;       /* DATE_NONE: never */
};

/* The scenario being generated: each part fills its fields from the ones
 * before it, the writers only read it. It owns its arrays (gen_free in
 * generate.c frees them). */
struct gen {
    const struct gen_params *P;
    const struct country_def *country;
    int start, end, ndays;          /* ndays: start .. end + GEN_TAIL_DAYS */
    int month0_year, month0;        /* the start's month */
    int switch_day;                 /* v2 approved from */
    struct gholiday *holidays;
    int nholidays;
    struct gproc proc[2];
    struct gsite sites[MAX_SITES];
    int nsites;
    struct groom *rooms;
    int nrooms, nsuites, places;
    struct gslot *slots;
    int nslots, capslots;
    unsigned char *open;            /* [room * ndays + i] */
    long *month_capacity;           /* [m]: open place-days usable by some version */
    struct gperson *persons;
    int npersons;
    struct gshift *shifts;
    int nshifts, capshifts;
    struct gpatient *patients;
    int npatients;
    int *forecast;                  /* [site * months + m]: hundredths; -1: no row */
    int nforecast_patients;         /* expanded inside the horizon */
    struct gmaterial *materials;
    int nmaterials;
    struct gdelivery *deliveries;
    int ndeliveries;
    int nfixed;
};

/* ---- gen_world.c: calendar, processes, sites, rooms ------------------------------- */

/* The first and the last day of month m of the horizon (m = 0: the
 * start's month). */
int gen_month_first_day(const struct gen *g, int m);
int gen_month_last_day(const struct gen *g, int m);

/* Month index (from the start's month) of day d. */
int gen_month_of(const struct gen *g, int d);

/* The first day from d on (d included) whose weekday is in mask (bit 0
 * Monday); d + 7 when mask is empty. */
int gen_next_in_mask(int d, unsigned mask);

/* The Monday on or after d. */
int gen_monday_on_or_after(int d);

/* Makes room for need elements of size bytes in *p (capacity *cap,
 * doubling from 64). Returns 0, or -1 out of memory with *p as it was. */
int gen_grow(void **p, int *cap, int need, size_t size);

/* Days from ready to delivery when the batch starts on the first allowed
 * start day and ships on the first shipping day: the patient's lead time
 * with no queue. */
int gen_nominal_lead(const struct gproc *pr, const struct gsite *si, int ready);

/* The parts, in the order they depend on each other, each drawing from its
 * own stream r. Those returning int return 0, or -1 out of memory (what
 * they allocated stays in g for gen_free). */
int gen_calendar(struct gen *g, struct rng *r);
void gen_processes(struct gen *g, struct rng *r);
void gen_sites(struct gen *g, struct rng *r);
int gen_rooms(struct gen *g, struct rng *r);

/* ---- gen_staff.c ------------------------------------------------------------------ */

int gen_staff(struct gen *g, struct rng *r);

/* ---- gen_demand.c ----------------------------------------------------------------- */

int gen_demand(struct gen *g, struct rng *r);
int gen_materials(struct gen *g, struct rng *r);

/* ---- gen_files.c: the files and writing them ------------------------------------ */

/* The files of a scenario directory, in the order they are written. */
enum gen_file {
    GEN_F_INI, GEN_F_SITES, GEN_F_PATIENTS, GEN_F_FORECAST, GEN_F_PROCESSES, GEN_F_STEPS, GEN_F_BOM,
    GEN_F_ROOMS, GEN_F_SLOTS, GEN_F_STAFF, GEN_F_SHIFTS, GEN_F_HOLIDAYS, GEN_F_MATERIALS,
    GEN_F_DELIVERIES, GEN_F_README, GEN_NFILES
};

/* Their names, by enum gen_file. */
extern const char *const gen_file_names[GEN_NFILES];

/* Writes every file of scenario g into directory dir (created when
 * missing; its parent must exist) through planner/publish.h: all or
 * nothing. Returns 0, or -1 with the message for the user in err (size
 * bytes), e.g. "patients.csv: out of memory" or "out/staff.csv: is a
 * directory; ...; nothing written". */
int gen_files_write(const struct gen *g, const char *dir, char *err, size_t size);

/* ---- gen_tables.c and gen_readme.c: the writers ---------------------------------- */

/* "Generated <label>, size <S>, seed <seed>" into buf (size bytes). */
const char *gen_scenario_name(const struct gen *g, char *buf, size_t size);

/* mask as the weekday list of the format ("Mon Tue"), into buf. */
const char *gen_fmt_weekdays(unsigned mask, char *buf, size_t size);

/* Each appends one file of scenario g to b (see enum gen_file); a
 * failure shows in sb_failed(b). */
void gen_write_ini(struct strbuf *b, const struct gen *g);
void gen_write_sites(struct strbuf *b, const struct gen *g);
void gen_write_patients(struct strbuf *b, const struct gen *g);
void gen_write_forecast(struct strbuf *b, const struct gen *g);
void gen_write_processes(struct strbuf *b, const struct gen *g);
void gen_write_steps(struct strbuf *b, const struct gen *g);
void gen_write_bom(struct strbuf *b, const struct gen *g);
void gen_write_rooms(struct strbuf *b, const struct gen *g);
void gen_write_slots(struct strbuf *b, const struct gen *g);
void gen_write_staff(struct strbuf *b, const struct gen *g);
void gen_write_shifts(struct strbuf *b, const struct gen *g);
void gen_write_holidays(struct strbuf *b, const struct gen *g);
void gen_write_materials(struct strbuf *b, const struct gen *g);
void gen_write_deliveries(struct strbuf *b, const struct gen *g);
void gen_write_readme(struct strbuf *b, const struct gen *g);

#endif
