/* The scenario: everything the planner knows about one what-if, loaded from
 * scenario.ini and its CSV tables and checked against the contract
 * (shared spec: scenario-format.md).
 *
 * All dates are day numbers (models/date.h). Indices refer into the
 * scenario's own arrays; -1 means "none". A scenario owns all its memory
 * (one arena) and is freed with scn_free. Nothing here prints. */
#ifndef MODELS_SCENARIO_H
#define MODELS_SCENARIO_H

#include <stddef.h>

#include "models/arena.h"
#include "models/diag.h"

#define SCN_MAX_HORIZON 3660     /* days from start to end, both included */
#define SCN_MAX_BASE_DEPTH 16    /* scenario.ini files chained by base = */

struct site {
    const char *id;
    const char *name;
    int ship_days;          /* days from leaving the facility to arrival */
    unsigned ship_weekdays; /* weekdays a shipment may leave (WD_ bits) */
    int ready_after;        /* days from inclusion to starting material */
    int due_after;          /* days from inclusion to due; -1 when not given */
    double enrollment_scale; /* [whatif]: multiplies its forecast counts (1: as given) */
    int opens;              /* [whatif] site_opens: no forecast inclusion before; DATE_NONE */
    int line;               /* sites.csv line */
};

enum patient_kind { PATIENT_KNOWN, PATIENT_FORECAST };

struct patient {
    const char *id;
    enum patient_kind kind;
    int site;               /* index into sites */
    int ready;              /* date: earliest manufacturing start */
    int due;                /* date: latest on-time delivery */
    int process;            /* index, or -1: chosen by start date */
    double priority;        /* weight of delay days and of being unserved */
    int max_hold;           /* days from ready to start; -1: the process's */
    int included;           /* date, or DATE_NONE */
    int fixed_start;        /* date of a fixed batch's start, or DATE_NONE */
    int fixed_room;         /* room of a fixed batch, or -1 */
    int forecast_k;         /* k of F-<site>-<k>; 0 for known patients */
    int line;               /* patients.csv line; 0 for forecast patients */
    const char *file;       /* the file of line (a merged file for merged rows) */
};

struct step {
    int day;                /* offset from the batch's start */
    int skill;              /* index into skills */
    int people;             /* distinct persons needed */
    double hours;           /* hours each of them works */
    int line;
};

struct bom_line {
    int day;                /* offset from the batch's start */
    int material;           /* index into materials */
    double quantity;        /* in the material's unit */
    int line;
};

struct process {
    const char *id;
    int duration;           /* manufacturing days (room occupied) */
    int qc_days;            /* days after manufacturing until release */
    int changeover;         /* room days after manufacturing */
    int max_hold;           /* days from ready to start; -1: unlimited */
    unsigned start_days;    /* weekdays allowed for day 0 (WD_ bits) */
    const char *room_type;  /* NULL: any room */
    int approved_from;      /* first start day allowed, or DATE_NONE */
    int approved_until;     /* last start day allowed, or DATE_FAR */
    struct step *steps;     /* staff needed, by day offset */
    int nsteps;
    struct bom_line *bom;   /* materials used, by day offset */
    int nbom;
    int line;
    const char *file;       /* the file of line (a merged file for merged rows) */
};

struct room {
    const char *id;
    const char *type;       /* "" when blank */
    int capacity;           /* batches at once */
    double cost_per_day;    /* per occupied batch-day */
    int available;          /* default on days no slot row covers */
    int line;
};

struct room_slot {
    int room;               /* index, or -1 for '*' (every room) */
    int from, to;           /* dates, both included */
    int available;
    int line;
};

struct person {
    const char *id;
    int *skills;            /* indices into skills */
    int nskills;
    double hours;           /* shift hours on working days */
    unsigned weekdays;      /* default working weekdays */
    int line;
};

struct shift {
    int person;
    int from, to;           /* dates, both included */
    double hours;           /* 0 = absent */
    unsigned weekdays;      /* the row applies on these weekdays only */
    int line;
};

struct holiday {
    int date;
    const char *name;
    int line;
};

struct material {
    const char *id;
    const char *unit;       /* "" when blank */
    double stock;           /* on hand on the first day */
    int stock_expires;      /* first day the stock is unusable, or DATE_FAR */
    int lead_time;          /* days from order to arrival; -1: not orderable
                               (after the [whatif] lead time modifiers) */
    int lead_time_given;    /* as materials.csv says, before [whatif] */
    double order_multiple;  /* an order is a whole multiple of this */
    double min_order;       /* smallest order */
    int shelf_life;         /* days a lot is usable; 0: never expires */
    double unit_cost;
    int line;
};

struct delivery {
    int material;
    int date;               /* arrival */
    double quantity;
    int expires;            /* first unusable day, or DATE_FAR */
    int line;
};

/* A lot of material known before planning: the initial stock or a
 * delivery. Lots dated before start are on hand on start. */
struct lot {
    int material;
    int arrival;            /* usable from this day (>= start) */
    double quantity;
    int expires;            /* first unusable day, or DATE_FAR */
    int delivery;           /* index into deliveries, or -1 for stock */
};

/* One row of forecast.csv: expected inclusions of a site in a month. */
struct forecast_month {
    int site;
    int month;              /* date of the month's first day */
    double given;           /* expected inclusions as forecast.csv says */
    double patients;        /* given x the site's enrollment_scale, unrounded:
                               the mean the expansion (and a Poisson draw) uses */
    const char *file;       /* forecast.csv, or the merged file of the row */
    int line;
};

/* A [merge] file of a variant (contract section 7), in the order applied:
 * level by level down the base chain, the parent's first. */
struct scn_merge {
    const char *table;      /* the [tables] key it merges into, e.g. "patients" */
    int slot;               /* index into tables[] */
    const char *path;       /* the CSV file merged */
    const char *ini;        /* the scenario.ini whose [merge] names it */
    int line;               /* the key's line there */
    int whole;              /* 1: no level names the table, this file is it */
    int added;              /* rows appended (new keys, or unkeyed rows) */
    int changed;            /* rows of the table updated */
    int same;               /* merged rows that changed nothing */
    int cells;              /* cells whose value changed */
};

/* A [whatif] key as given (contract section 7 and docs/scenario-format.md),
 * global or with a suffix naming a site or a material. */
struct scn_modifier {
    const char *key;        /* the key's family, e.g. "enrollment_scale" */
    const char *suffix;     /* the suffix as written (lower case), or NULL */
    const char *suffix_of;  /* "site" or "material": what the suffix names */
    int target;             /* site or material index of the suffix; -1 */
    double value;           /* numbers, whole numbers and dates (a day number) */
    const char *file;       /* the scenario.ini that gives it */
    int line;
};

struct scenario {
    const char *path;       /* the scenario.ini given to scn_load */
    const char *name;
    int start, end;         /* the horizon, both included */
    int day_last;           /* last day a batch started on end can use */
    int ndays;              /* day_last - start + 1: calendar length */

    /* Settings: set, with their defaults, from scenario.c's key table. */
    int allow_delay;        /* 0: late or unserved patients mean no plan */
    int max_delay;          /* days; -1: no limit */
    double time_limit;      /* seconds */
    double mip_gap;         /* relative gap of the cost level */
    double enrollment_scale; /* [whatif] global values; per site or material */
    double lead_time_scale;  /* in struct site and struct material */
    int lead_time_add;       /* days */
    const char *out_delimiter;  /* [output] delimiter: "," or ";"; NULL: not given (",") */
    const char *out_decimal;    /* [output] decimal: "." or ","; NULL: not given (".") */
    int out_bom;                /* [output] bom: 1 a UTF-8 BOM opens each CSV file */
    const char *out_formats;    /* [output] formats: space-separated; NULL: every format */
    double risk_rate_cv;     /* [risk] rate_cv: CV of each site's Gamma rate factor */
    double risk_time_limit;  /* [risk] time_limit: seconds per sample's solve */

    struct site *sites;           int nsites;
    struct patient *patients;     int npatients;  /* in the horizon */
    struct process *processes;    int nprocesses;
    const char **skills;          int nskills;
    struct room *rooms;           int nrooms;
    struct room_slot *slots;      int nslots;
    struct person *persons;       int npersons;
    struct shift *shifts;         int nshifts;
    struct holiday *holidays;     int nholidays;
    struct material *materials;   int nmaterials;
    struct delivery *deliveries;  int ndeliveries;
    struct lot *lots;             int nlots;      /* by material, arrival */

    int beyond_horizon;     /* known patients with ready after end */
    int forecast_before;    /* forecast patients included before start */
    int forecast_after;     /* forecast patients with ready after end */
    int forecast_replaced;  /* forecast patients replaced by known ones */
    int forecast_unopened;  /* forecast patients included before their site opens */

    /* Variants (contract section 7). */
    const char *base_path;        /* the parent scenario.ini, or NULL */
    const char *root_path;        /* the first file of the base chain */
    const char *table_ini[16];    /* the scenario.ini that named each table */
    struct scn_merge *merges;     int nmerges;
    struct scn_modifier *modifiers; int nmodifiers;
    struct forecast_month *forecast; int nforecast;

    /* Calendars over start .. day_last (index day - start). */
    unsigned char *room_open;     /* [room * ndays + i]: 1 if available */
    double *person_hours;         /* [person * ndays + i]: shift hours */
    unsigned char *is_holiday;    /* [i] */

    const char *tables[16];       /* resolved table paths, NULL if absent */
    arena *mem;
};

enum scn_status {
    SCN_OK = 0,      /* loaded; warnings may have been added */
    SCN_INVALID,     /* errors were added to the diagnostics */
    SCN_NOMEM        /* out of memory */
};

/* Loads the scenario at ini_path with every table it names, and checks it.
 * Problems (errors and warnings) go to d. On SCN_OK *out is the scenario
 * (caller frees with scn_free); otherwise *out is NULL. */
enum scn_status scn_load(const char *ini_path, diag_list *d, struct scenario **out);
void scn_free(struct scenario *s);   /* NULL is a no-op */
const char *scn_strerror(enum scn_status st);

/* Room r is available on day (rows of room_slots.csv in file order over
 * the room's default; a later row wins). Any day, inside the calendar or
 * not. */
int scn_room_open(const struct scenario *s, int room, int day);
/* Shift hours of person p on day: the last shifts.csv row that covers the
 * day, else 0 on a holiday, else the default weekdays and hours. */
double scn_person_hours(const struct scenario *s, int person, int day);
int scn_is_holiday(const struct scenario *s, int day);
/* The process version a batch of patient pt starting on day uses, or -1
 * when none is approved that day (contract: "Which version"). */
int scn_process_for(const struct scenario *s, int patient, int day);
/* 1 if person p has skill k. */
int scn_person_has_skill(const struct scenario *s, int person, int skill);
/* Index of an id, or -1. */
int scn_find_site(const struct scenario *s, const char *id);
int scn_find_room(const struct scenario *s, const char *id);
int scn_find_process(const struct scenario *s, const char *id);
int scn_find_material(const struct scenario *s, const char *id);
int scn_find_person(const struct scenario *s, const char *id);
int scn_find_skill(const struct scenario *s, const char *id);
int scn_find_patient(const struct scenario *s, const char *id);

/* The patients of one sampled enrollment (planner risk): the known
 * patients of s, then for forecast row i (s->forecast[i]) count[i]
 * inclusions on days day[..] of its month (1-based, ascending, rows one
 * after the other in day[]), expanded as forecast.c expands the forecast:
 * F-<site>-<k> numbered over the site's months, inclusions before start
 * or before the site opens and patients ready after end left out. A known
 * patient's `replaces` takes no sampled patient's place. The array and
 * ids live in mem; *out gets it, *nout its length. 0, or -1 out of memory. */
int scn_expand_sampled(const struct scenario *s, arena *mem, const int *count, const int *day,
                       struct patient **out, int *nout);

/* The keys scenario.ini accepts, for --help and for documentation, in
 * the key table's order (sections together); def is the default as the
 * user reads it. *n gets their number; the array is static, never freed. */
struct scn_key_doc {
    const char *section, *key, *type, *def, *help;
};
const struct scn_key_doc *scn_keys(size_t *n);

#endif
