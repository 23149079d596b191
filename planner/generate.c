/* planner generate: a seeded generator of realistic synthetic scenarios.
 *
 * The output is an ordinary scenario directory (scenario.ini, the thirteen
 * tables, a README.md) that check, plan and verify accept. The figures
 * follow autologous CAR-T-like manufacturing: a 9-day process v1 replaced
 * mid-horizon by an 8-day v2, QC release 7-14 days after harvest, fresh
 * starting material that waits at most a few days, cleanrooms grouped in
 * suites that are requalified once a year, a roster with vacations, a
 * weekend rota and on-call duty on public holidays, GMP materials with
 * lead times of 5 to 45 days.
 *
 * Same parameters, same bytes, on every machine: the random numbers come
 * from our own xoshiro256** seeded with splitmix64 (one stream per part of
 * the scenario, so that --staff 30 changes the roster and nothing else),
 * every computation that decides an output is done in integers (libm
 * results and floating-point contraction differ between machines), and
 * numbers are printed without the locale.
 *
 * The files are built in memory, then written to temporaries in DIR and
 * renamed into place only when all of them are complete: all or nothing,
 * like plan_files_write. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/date.h"
#include "planner/commands.h"
#include "planner/options.h"
#include "planner/plan_files.h"

#define GEN_FILE_MAX (256u << 20)   /* bytes in one generated file: a hard cap */
#define GEN_MAX_PATIENTS 50000
#define GEN_MAX_MONTHS 120          /* 2027-01 .. 2036-12 stays inside 3660 days */
#define GEN_MAX_ROOMS 200
#define GEN_MAX_STAFF 2000
#define GEN_MIN_STAFF 6             /* two witnesses, QC and QA, with vacations */
#define GEN_MAX_TIGHTNESS 10        /* --tightness at most */
#define GEN_TARGET_LOAD 85          /* percent of open place-days that demand fills at tightness 1,
                                       less 60 / rooms */
#define GEN_MAX_LOAD 75             /* ... and at most this */
#define GEN_TAIL_DAYS 60            /* plan days past end that rosters and slots cover */

/* ---- presets ---------------------------------------------------------------- */

/* A named size: the defaults that flags override. */
struct gen_preset {
    const char *name;       /* --size value */
    const char *label;      /* what it stands for */
    int months, patients, rooms, staff, materials, sites;
    int ramp_from, ramp_to; /* demand at the first and last month, percent */
    int time_limit;         /* [solver] time_limit, seconds */
    const char *mip_gap;    /* [solver] mip_gap */
};

static const struct gen_preset presets[] = {
    {"S", "Phase I/II", 12, 40, 2, 8, 8, 2, 80, 110, 60, "0.0001"},
    {"M", "Phase III", 18, 150, 4, 20, 15, 3, 70, 120, 60, "0.0001"},
    {"L", "commercial", 24, 500, 10, 40, 30, 5, 85, 125, 60, "0.001"},
    {"XL", "stress", 36, 1500, 20, 80, 40, 6, 90, 115, 120, "0.001"},
};
#define NPRESETS ((int)(sizeof presets / sizeof presets[0]))

/* ---- the command line, one row per option ------------------------------------- */

enum gen_opt {
    OPT_SIZE, OPT_PATIENTS, OPT_MONTHS, OPT_ROOMS, OPT_STAFF, OPT_MATERIALS, OPT_SITES,
    OPT_SEED, OPT_TIGHTNESS, OPT_OUT, NOPTS
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

/* ---- random numbers ------------------------------------------------------------- */

/* xoshiro256** (Blackman and Vigna), seeded with splitmix64. */
struct rng {
    uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* One stream per part of the scenario: a flag that changes one part leaves
 * the others' draws as they were. */
static void rng_stream(struct rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * UINT64_C(0xd1b54a32d192ed03));
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

/* Uniform integer in lo .. hi (both included), without modulo bias. */
static int rng_int(struct rng *r, int lo, int hi)
{
    if (hi <= lo)
        return lo;
    uint64_t span = (uint64_t)((int64_t)hi - lo) + 1;
    uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    uint64_t x;
    do
        x = rng_next(r);
    while (x >= limit);
    return lo + (int)(x % span);
}

/* 1 with probability pct percent. */
static int rng_pct(struct rng *r, int pct)
{
    return rng_int(r, 0, 99) < pct;
}

static void rng_shuffle(struct rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = rng_int(r, 0, i);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

enum { RNG_CALENDAR = 1, RNG_PROCESS, RNG_SITES, RNG_ROOMS, RNG_STAFF, RNG_DEMAND, RNG_MATERIALS };

/* ---- reference data ------------------------------------------------------------ */

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

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct country_def countries[] = {
    {"France", "Paris", holidays_fr, N_OF(holidays_fr), sites_fr, N_OF(sites_fr)},
    {"Bavaria, Germany", "Munich", holidays_de, N_OF(holidays_de), sites_de, N_OF(sites_de)},
    {"the Netherlands", "Leiden", holidays_nl, N_OF(holidays_nl), sites_nl, N_OF(sites_nl)},
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

/* The catalogue, most critical first: --materials K takes the first K. */
static const struct material_def catalogue[] = {
    {"LV-VECTOR", "vial (lentiviral vector, one transduction)", 45, 1, 2, 365, 18000, {{USE_TRANSDUCE, 1, 1}}, 1},
    {"ACT-REAGENT", "vial (CD3/CD28 activation reagent)", 28, 5, 5, 365, 1150, {{USE_SEED, 1, 1}}, 1},
    {"MEDIUM", "bag 1 L (serum-free T-cell medium)", 21, 10, 20, 180, 240, {{USE_SEED, 2, 2}, {USE_FEED, 1, 1}}, 2},
    {"CS10", "bag 100 mL (cryopreservation medium)", 21, 4, 4, 540, 380, {{USE_HARVEST, 1, 1}}, 1},
    {"IL2", "vial 1 MIU (interleukin-2, GMP)", 30, 10, 10, 540, 95, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"TUBING-SET", "closed-system tubing set", 42, 5, 5, 730, 2400, {{USE_SEED, 1, 1}}, 1},
    {"HSA-20", "vial 100 mL (albumin 20 %)", 14, 10, 10, 730, 75, {{USE_SEED, 2, 2}, {USE_HARVEST, 1, 1}}, 2},
    {"CRYOBAG", "cryopreservation bag", 35, 25, 25, 1095, 45, {{USE_HARVEST, 3, 2}}, 1},
    {"STERILITY", "culture bottle pair (sterility test)", 14, 50, 50, 365, 24, {{USE_HARVEST, 2, 2}}, 1},
    {"ENDOTOXIN", "cartridge (endotoxin test)", 21, 25, 25, 540, 38, {{USE_HARVEST, 1, 1}}, 1},
    {"MYCO-PCR", "test (mycoplasma PCR)", 30, 10, 10, 365, 190, {{USE_HARVEST, 1, 1}}, 1},
    {"VCN-PCR", "test (vector copy number qPCR)", 30, 10, 10, 365, 160, {{USE_HARVEST, 1, 1}}, 1},
    {"FLOW-PANEL", "test (CAR, CD3, CD4, CD8 flow panel)", 28, 10, 10, 270, 310, {{USE_HARVEST, 1, 1}}, 1},
    {"CD4-BEADS", "vial (CD4 selection reagent)", 35, 2, 2, 365, 2700, {{USE_SEED, 1, 1}}, 1},
    {"CD8-BEADS", "vial (CD8 selection reagent)", 35, 2, 2, 365, 2700, {{USE_SEED, 1, 1}}, 1},
    {"BUFFER", "bag 1 L (PBS/EDTA buffer)", 10, 12, 12, 365, 55, {{USE_SEED, 3, 2}}, 1},
    {"IL7", "vial 10 ug (interleukin-7, GMP)", 40, 5, 10, 540, 620, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"IL15", "vial 10 ug (interleukin-15, GMP)", 40, 5, 10, 540, 680, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"ENHANCER", "vial (transduction enhancer)", 28, 5, 5, 365, 420, {{USE_TRANSDUCE, 1, 1}}, 1},
    {"CULTURE-BAG", "culture bag 1 L", 30, 10, 10, 730, 110, {{USE_SEED, 1, 1}, {USE_FEED, 1, 1}}, 2},
    {"PLASMALYTE", "bag 500 mL (electrolyte solution)", 7, 20, 20, 730, 9, {{USE_HARVEST, 2, 2}}, 1},
    {"DNASE", "vial (DNase, GMP grade)", 21, 5, 5, 365, 330, {{USE_SEED, 1, 1}}, 1},
    {"AB-SERUM", "bottle 100 mL (human AB serum)", 42, 5, 5, 365, 540, {{USE_SEED, 1, 0}}, 1},
    {"TRANSFER-BAG", "transfer bag 600 mL", 14, 20, 20, 1095, 14, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"SAMPLE-TUBE", "sterile sample tube", 10, 100, 100, 1095, 1, {{USE_HARVEST, 12, 12}}, 1},
    {"LABEL-SET", "GMP label set", 7, 50, 50, 730, 3, {{USE_SEED, 1, 1}, {USE_HARVEST, 1, 1}}, 2},
    {"GOWN-KIT", "sterile gowning kit", 5, 20, 40, 1095, 28, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"GLOVES", "pair of sterile gloves", 5, 100, 100, 1095, 2, {{USE_SEED, 6, 6}, {USE_FEED, 2, 2}, {USE_HARVEST, 6, 6}}, 3},
    {"EM-PLATE", "settle plate (environmental monitoring)", 14, 100, 100, 90, 4, {{USE_SEED, 4, 4}, {USE_HARVEST, 4, 4}}, 2},
    {"WIPES", "pack of sterile wipes", 5, 24, 24, 730, 11, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"SYRINGE-50", "sterile syringe 50 mL", 7, 50, 50, 1095, 2, {{USE_SEED, 4, 4}, {USE_FEED, 2, 2}, {USE_HARVEST, 4, 4}}, 3},
    {"FILTER", "sterile filter 0.2 um", 10, 20, 20, 1095, 18, {{USE_SEED, 2, 2}}, 1},
    {"COUNT-SLIDE", "cell counting slide", 14, 50, 50, 730, 5, {{USE_SEED, 2, 2}, {USE_HARVEST, 2, 2}}, 2},
    {"VIABILITY-DYE", "vial (7-AAD viability dye)", 21, 5, 5, 365, 140, {{USE_HARVEST, 1, 1}}, 1},
    {"DMSO", "vial 5 mL (DMSO, GMP)", 21, 10, 10, 730, 60, {{USE_HARVEST, 1, 1}}, 1},
    {"DEXTRAN", "bag 500 mL (dextran 40)", 14, 10, 10, 730, 32, {{USE_HARVEST, 1, 1}}, 1},
    {"SHIPPER-LINER", "dry shipper liner", 10, 10, 10, 1095, 85, {{USE_HARVEST, 1, 1}}, 1},
    {"TEMP-LOGGER", "temperature data logger", 21, 10, 10, 1095, 65, {{USE_HARVEST, 1, 1}}, 1},
    {"EDTA-TUBE", "EDTA blood tube", 7, 100, 100, 540, 1, {{USE_SEED, 4, 4}}, 1},
    {"PIPETTE", "sterile serological pipette", 5, 100, 100, 1095, 1, {{USE_SEED, 10, 10}, {USE_FEED, 4, 4}, {USE_HARVEST, 10, 10}}, 3},
    {"FICOLL", "bottle 500 mL (density gradient medium)", 14, 6, 6, 365, 95, {{USE_SEED, 1, 1}}, 1},
    {"CELL-STRAINER", "sterile cell strainer", 10, 50, 50, 1095, 6, {{USE_HARVEST, 1, 1}}, 1},
};
#define NCATALOGUE N_OF(catalogue)

static const char *const first_names[] = {
    "anna", "ben", "chloe", "david", "elena", "farid", "greta", "hugo", "ines", "jonas",
    "karim", "lea", "marco", "nadia", "oscar", "paula", "quentin", "rosa", "samir", "tina",
    "ugo", "vera", "william", "xenia", "yann", "zoe", "adrien", "beatriz", "camille", "dmitri",
    "emma", "felix", "gabriel", "hanna", "ivan", "julia", "kenji", "lucas", "maria", "nils",
    "olga", "pierre", "rania", "sofia", "thomas", "ulla", "victor", "wen", "yusuf", "zainab",
    "alice", "bruno", "clara", "diego", "eva", "frank", "giulia", "henrik", "irene", "jakob",
    "katrin", "leon", "mila", "noah", "omar", "petra", "raphael", "sara", "tobias", "valentina",
    "amir", "birgit", "cedric", "dora", "emil", "fatima", "gustav", "helena", "isak", "jana",
    "kai", "lina", "mateo", "nora", "otto", "pia", "rafael", "selma", "timo", "ursula",
    "vincent", "wiebke", "aylin", "bastien", "celine", "daan", "elif", "fabian", "gemma", "hamid",
};
#define NNAMES N_OF(first_names)

/* The options; --help is made from this table. Each value is kept as
 * given (gen_given) and read by parse_value once all are known: the
 * preset first, the flags over it. lo .. hi bound an integer option. */
static int gen_given(const struct opt *row, const char *value, void *ctx);
static const struct opt options[NOPTS] = {
    {.name = "size", .kind = OPT_CALL, .arg = "S|M|L|XL", .call = gen_given,
     .help = "preset: S Phase I/II, M Phase III, L commercial, XL stress (default S)"},
    {.name = "patients", .kind = OPT_CALL, .arg = "N", .call = gen_given, .lo = 1, .hi = GEN_MAX_PATIENTS,
     .help = "patients in the horizon at tightness 1"},
    {.name = "months", .kind = OPT_CALL, .arg = "M", .call = gen_given, .lo = 1, .hi = GEN_MAX_MONTHS,
     .help = "horizon in calendar months, from 2027-01-04"},
    {.name = "rooms", .kind = OPT_CALL, .arg = "R", .call = gen_given, .lo = 1, .hi = GEN_MAX_ROOMS,
     .help = "cleanrooms"},
    {.name = "staff", .kind = OPT_CALL, .arg = "S", .call = gen_given, .lo = GEN_MIN_STAFF, .hi = GEN_MAX_STAFF,
     .help = "persons: operators, QC analysts, supervisors"},
    {.name = "materials", .kind = OPT_CALL, .arg = "K", .call = gen_given, .lo = 1, .hi = NCATALOGUE,
     .help = "GMP materials in the bill of materials"},
    {.name = "sites", .kind = OPT_CALL, .arg = "N", .call = gen_given, .lo = 1, .hi = MAX_SITES,
     .help = "clinical sites (treatment centres)"},
    {.name = "seed", .kind = OPT_CALL, .arg = "X", .call = gen_given,
     .help = "random seed, 0 .. 18446744073709551615 (default 1)"},
    {.name = "tightness", .kind = OPT_CALL, .arg = "T", .call = gen_given,
     .help = "demand against capacity, > 0 and <= 10, 6 decimals at most (default 1)"},
    {.key = 'o', .name = "output", .kind = OPT_CALL, .arg = "DIR", .call = gen_given,
     .help = "directory to write (default out); its parent must exist"},
};

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

/* ---- small helpers ------------------------------------------------------------- */

static int month_first_day(const struct gen *g, int m)
{
    int y = g->month0_year, mo = g->month0 + m;
    y += (mo - 1) / 12;
    mo = (mo - 1) % 12 + 1;
    return date_from_ymd(y, mo, 1);
}

static int month_last_day(const struct gen *g, int m)
{
    return month_first_day(g, m + 1) - 1;
}

/* Month index (from the start's month) of day d. */
static int month_of(const struct gen *g, int d)
{
    int y, mo, dd;
    date_to_ymd(d, &y, &mo, &dd);
    return (y - g->month0_year) * 12 + (mo - g->month0);
}

static int is_holiday(const struct gen *g, int d)
{
    for (int i = 0; i < g->nholidays; i++)
        if (g->holidays[i].date == d)
            return 1;
    return 0;
}

static int next_in_mask(int d, unsigned mask)
{
    for (int i = 0; i < 7; i++, d++)
        if (mask & (1u << date_weekday(d)))
            return d;
    return d;
}

/* The Monday on or after d. */
static int monday_on_or_after(int d)
{
    return next_in_mask(d, 1u);
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

static int grow(void **p, int *cap, int need, size_t size)
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
    if (grow(&p, &g->capslots, g->nslots + 1, sizeof *g->slots) != 0)
        return -1;
    g->slots = p;
    g->slots[g->nslots++] = (struct gslot){room, from, to, available};
    return 0;
}

static int add_shift(struct gen *g, int person, int from, int to, int hours, unsigned weekdays)
{
    void *p = g->shifts;
    if (grow(&p, &g->capshifts, g->nshifts + 1, sizeof *g->shifts) != 0)
        return -1;
    g->shifts = p;
    g->shifts[g->nshifts++] = (struct gshift){person, from, to, hours, weekdays};
    return 0;
}

/* Days from ready to delivery when the batch starts on the first allowed
 * start day and ships on the first shipping day: the patient's lead time
 * with no queue. */
static int nominal_lead(const struct gproc *pr, const struct gsite *si, int ready)
{
    int s = next_in_mask(ready, pr->start_mask);
    int release = s + pr->duration + pr->qc_days;
    int leave = next_in_mask(release, si->ship_mask);
    return leave + si->def->ship_days - ready;
}

/* The version a batch starting around day d gets. */
static const struct gproc *proc_at(const struct gen *g, int d)
{
    return d >= g->switch_day ? &g->proc[1] : &g->proc[0];
}

/* ---- the parts, in the order they depend on each other ----------------------------- */

static int gen_calendar(struct gen *g, struct rng *r)
{
    g->country = &countries[rng_int(r, 0, N_OF(countries) - 1)];
    g->start = date_from_ymd(2027, 1, 4);          /* a Monday */
    g->month0_year = 2027;
    g->month0 = 1;
    g->end = month_last_day(g, g->P->months - 1);
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
    g->switch_day = monday_on_or_after(month_first_day(g, mid));
    if (g->switch_day <= g->start)
        g->switch_day = monday_on_or_after(g->start + (g->end - g->start + 1) / 2);
    if (g->switch_day > g->end)
        g->switch_day = g->end;
    return 0;
}

static void gen_processes(struct gen *g, struct rng *r)
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

static void gen_sites(struct gen *g, struct rng *r)
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
            int x = nominal_lead(&g->proc[0], s, g->start + wd), j = wd;
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
static int gen_rooms(struct gen *g, struct rng *r)
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
            int from = monday_on_or_after(date_from_ymd(y, month, 1) + 7 * rng_int(r, 0, 2));
            int to = from + 7 * weeks - 1;
            int block = rng_pct(r, 60), b = date_from_ymd(y, 1, 1) + rng_int(r, 0, 364), len = rng_int(r, 2, 4);
            void *p = closed;
            if (grow(&p, &capclosed, nclosed + 2, sizeof *closed) != 0)
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
                g->month_capacity[month_of(g, d)] += g->rooms[i].capacity;
        }
    rc = 0;
done:
    free(closed);
    free(granted);
    return rc;
}

/* ---- staff ---------------------------------------------------------------------- */

static int person_has(const struct gperson *p, unsigned sk)
{
    return (p->skills & sk) != 0;
}

/* Week index of day d in the roster's week table (weeks start on Mondays). */
static int week_of(int first_monday, int d)
{
    return (d - first_monday) / 7;
}

static int gen_staff(struct gen *g, struct rng *r)
{
    int S = g->P->staff;
    int nsup = (S + 5) / 10 > 0 ? (S + 5) / 10 : 1;
    int nqc = S / 4 > 2 ? S / 4 : 2;
    int nop = S - nsup - nqc;
    g->persons = calloc((size_t)S, sizeof *g->persons);
    if (!g->persons)
        return -1;
    g->npersons = S;
    int names[NNAMES];
    for (int i = 0; i < NNAMES; i++)
        names[i] = i;
    rng_shuffle(r, names, NNAMES);
    int op_qc = nop / 6 > 0 ? nop / 6 : 1;          /* operators also qualified for QC */
    int op_sup = nsup < 2 ? 2 - nsup : nop / 12;    /* senior operators who can release */
    for (int i = 0; i < S; i++) {
        struct gperson *p = &g->persons[i];
        /* Beyond the name list, the names come round again with a number. */
        if (i < NNAMES)
            snprintf(p->id, sizeof p->id, "%s", first_names[names[i]]);
        else
            snprintf(p->id, sizeof p->id, "%s%d", first_names[names[i % NNAMES]], i / NNAMES + 1);
        p->hours = 8;
        p->weekdays = WD_MON_FRI;
        if (i < nop) {
            p->primary = SK_OPERATOR;
            p->skills = SK_OPERATOR;
            if (i < op_qc)
                p->skills |= SK_QC;
            else if (i < op_qc + op_sup)
                p->skills |= SK_SUPERVISOR;
        } else if (i < nop + nqc) {
            p->primary = p->skills = SK_QC;
        } else {
            p->primary = SK_SUPERVISOR;
            p->skills = SK_SUPERVISOR | SK_OPERATOR;
        }
        /* A few part-timers: four days, or shorter days. */
        if (p->primary != SK_SUPERVISOR && rng_pct(r, 12)) {
            if (rng_pct(r, 50))
                p->weekdays = 0x0fu;
            else
                p->hours = 6;
        }
    }

    /* Vacations, greedily: each person takes a spring week, three summer
     * weeks, an autumn week and a Christmas week, in weeks where at most a
     * quarter of the holders of each of their skills (one, with fewer than
     * eight) are away; who finds no such week works through. */
    int first_monday = monday_on_or_after(g->start - 6);
    int nweeks = (g->ndays + 13) / 7 + 2;
    int holders[NSKILLS] = {0, 0, 0};
    for (int i = 0; i < S; i++)
        for (int k = 0; k < NSKILLS; k++)
            holders[k] += person_has(&g->persons[i], 1u << k);
    int max_off[NSKILLS];
    for (int k = 0; k < NSKILLS; k++)
        max_off[k] = holders[k] / 4 > 1 ? holders[k] / 4 : 1;
    int *off = calloc((size_t)nweeks * NSKILLS, sizeof *off);
    unsigned char *away = calloc((size_t)S * (size_t)nweeks, 1);
    int *order = malloc((size_t)S * sizeof *order);
    int rc = -1;
    if (!off || !away || !order)
        goto done;
    for (int i = 0; i < S; i++)
        order[i] = i;
    rng_shuffle(r, order, S);
    int y0, y1, mo, dd;
    date_to_ymd(g->start, &y0, &mo, &dd);
    date_to_ymd(g->end, &y1, &mo, &dd);
    for (int y = y0; y <= y1; y++) {
        /* window first Monday, last Monday, weeks in a row */
        int blocks[4][3] = {
            {monday_on_or_after(date_from_ymd(y, 2, 1)), date_from_ymd(y, 5, 25), 1},
            {monday_on_or_after(date_from_ymd(y, 6, 22)), date_from_ymd(y, 8, 17), 3},
            {monday_on_or_after(date_from_ymd(y, 10, 1)), date_from_ymd(y, 11, 24), 1},
            {monday_on_or_after(date_from_ymd(y, 12, 18)), date_from_ymd(y, 12, 31), 1},
        };
        for (int oi = 0; oi < S; oi++) {
            int p = order[oi];
            const struct gperson *pe = &g->persons[p];
            for (int b = 0; b < 4; b++) {
                int lo = blocks[b][0], hi = blocks[b][1], len = blocks[b][2];
                int n = (hi - lo) / 7 + 1;
                if (n < 1)
                    continue;
                int shift = rng_int(r, 0, n - 1);
                for (int t = 0; t < n; t++) {
                    int mon = lo + 7 * ((shift + t) % n);
                    if (mon < g->start || mon + 7 * len - 1 > g->end + 21)
                        continue;
                    int w0 = week_of(first_monday, mon), ok = 1;
                    for (int w = w0; w < w0 + len && ok; w++)
                        for (int k = 0; k < NSKILLS; k++)
                            if (person_has(pe, 1u << k) && off[w * NSKILLS + k] >= max_off[k])
                                ok = 0;
                    if (!ok)
                        continue;
                    for (int w = w0; w < w0 + len; w++) {
                        away[(size_t)p * (size_t)nweeks + (size_t)w] = 1;
                        for (int k = 0; k < NSKILLS; k++)
                            if (person_has(pe, 1u << k))
                                off[w * NSKILLS + k]++;
                    }
                    if (add_shift(g, p, mon, mon + 7 * len - 1, 0, 0) != 0)
                        goto done;
                    break;
                }
            }
        }
    }

    /* Weekend rota: a batch's daily checks fall on Saturdays and Sundays
     * too, at most 2 hours a batch: 2 hours per place, 8-hour shifts,
     * operators taken in turn among those not on vacation that week. */
    int nwe = (g->places * 2 + 7) / 8;
    int *ops = malloc((size_t)S * sizeof *ops), nops = 0, turn = 0;
    if (!ops)
        goto done;
    for (int i = 0; i < S; i++)
        if (g->persons[i].primary == SK_OPERATOR)
            ops[nops++] = i;
    rng_shuffle(r, ops, nops);
    int rota_end = g->end + 28;
    for (int sat = next_in_mask(g->start, 1u << 5); sat <= rota_end; sat += 7) {
        int w = week_of(first_monday, sat);
        for (int k = 0, tries = 0; k < nwe && tries < nops; tries++) {
            int p = ops[turn++ % nops];
            if (away[(size_t)p * (size_t)nweeks + (size_t)w])
                continue;
            if (add_shift(g, p, sat, sat + 1, 8, (1u << 5) | (1u << 6)) != 0) {
                free(ops);
                goto done;
            }
            k++;
        }
    }
    /* On-call on weekday public holidays: enough operators for the checks
     * and one more for a seeding or harvest, one QC analyst and one
     * supervisor, so that a holiday stops no batch that is already running. */
    int noc = nwe + 1 > 2 ? nwe + 1 : 2;
    for (int h = 0; h < g->nholidays; h++) {
        int d = g->holidays[h].date;
        if (d > rota_end || date_weekday(d) >= 5)
            continue;
        int w = week_of(first_monday, d);
        for (int k = 0, tries = 0; k < noc && tries < nops; tries++) {
            int p = ops[turn++ % nops];
            if (away[(size_t)p * (size_t)nweeks + (size_t)w])
                continue;
            if (add_shift(g, p, d, d, 8, 0) != 0) {
                free(ops);
                goto done;
            }
            k++;
        }
        for (unsigned sk = SK_QC; sk <= SK_SUPERVISOR; sk <<= 1)
            for (int i = 0; i < S; i++) {
                int p = (i + h) % S;
                if (g->persons[p].primary == sk && !away[(size_t)p * (size_t)nweeks + (size_t)w]) {
                    if (add_shift(g, p, d, d, 8, 0) != 0) {
                        free(ops);
                        goto done;
                    }
                    break;
                }
            }
    }
    free(ops);
    rc = 0;
done:
    free(off);
    free(away);
    free(order);
    return rc;
}

/* ---- demand ----------------------------------------------------------------------- */

/* Forecast patients of site s whose ready day is at most the end, given
 * the monthly rows (hundredths): floor(C(end - ready_after) + 0.5), the
 * contract's expansion in exact integers. */
static int forecast_count_site(const struct gen *g, int s)
{
    int x = g->end - g->sites[s].ready_after;
    if (x < g->start)
        return 0;
    int mx = month_of(g, x);
    int64_t cum = 0;
    for (int m = 0; m < mx; m++)
        if (g->forecast[s * g->P->months + m] > 0)
            cum += g->forecast[s * g->P->months + m];
    int p = g->forecast[s * g->P->months + mx];
    if (p < 0)
        p = 0;
    int y, mo, j;
    date_to_ymd(x, &y, &mo, &j);
    int64_t n = date_days_in_month(y, mo);
    /* k <= C + 1/2  <=>  200 n k <= 2 (cum n + p j) + 100 n */
    return (int)((2 * (cum * n + (int64_t)p * j) + 100 * n) / (200 * n));
}

/* The inclusion day of F-<site>-k, or DATE_NONE. */
static int forecast_inclusion(const struct gen *g, int s, int k)
{
    int64_t cum = 0;
    for (int m = 0; m < g->P->months; m++) {
        int p = g->forecast[s * g->P->months + m];
        if (p <= 0)
            continue;
        int first = month_first_day(g, m);
        int64_t n = month_last_day(g, m) - first + 1;
        for (int j = 1; j <= n; j++)
            if (2 * (cum * n + (int64_t)p * j) >= (int64_t)(2 * k - 1) * 100 * n)
                return first + j - 1;
        cum += p;
    }
    return DATE_NONE;
}

static int forecast_total(struct gen *g, const int64_t *w, const int64_t *sumwt, int64_t alpha)
{
    int M = g->P->months, total = 0;
    for (int s = 0; s < g->nsites; s++) {
        for (int m = 0; m < M; m++) {
            int *v = &g->forecast[s * M + m];
            if (m < 1 || m < g->sites[s].active_from || sumwt[m] == 0)
                *v = -1;
            else
                *v = (int)(alpha * w[m] * g->sites[s].weight / (sumwt[m] << 24));
        }
        total += forecast_count_site(g, s);
    }
    return total;
}

static int patient_cmp(const void *pa, const void *pb)
{
    const struct gpatient *a = pa, *b = pb;
    int fa = a->fixed_start != DATE_NONE, fb = b->fixed_start != DATE_NONE;
    if (fa != fb)
        return fb - fa;
    if (a->ready != b->ready)
        return a->ready < b->ready ? -1 : 1;
    if (a->site != b->site)
        return a->site - b->site;
    /* qsort is not stable, and libraries differ: no two keys equal. */
    return a->seq - b->seq;
}

static int gen_demand(struct gen *g, struct rng *r)
{
    const struct gen_params *P = g->P;
    int M = P->months, target = P->target;
    int64_t *w = calloc((size_t)M, sizeof *w), *sumwt = calloc((size_t)M, sizeof *sumwt);
    int rc = -1;
    g->forecast = calloc((size_t)g->nsites * (size_t)M, sizeof *g->forecast);
    /* The known patients: at most the target, and one that replaces a
     * forecast patient. */
    g->patients = calloc((size_t)target + 2, sizeof *g->patients);
    if (!w || !sumwt || !g->forecast || !g->patients)
        goto done;

    /* Batches already running on the first day: one, two from 4 rooms. */
    int nfixed = P->rooms >= 4 ? 2 : 1;
    if (nfixed > target)
        nfixed = target;
    const struct gproc *v1 = &g->proc[0];
    int room = 0, day = g->start - 1;
    for (int f = 0; f < nfixed; f++) {
        /* A start on an allowed weekday in the week before, in a grade B
         * room of a suite (not shared), harvest on a working day. */
        while (room < g->nrooms && (g->rooms[room].shared || g->rooms[room].suite < 0))
            room++;
        while (day > g->start - v1->duration + 1 &&
               (!(v1->start_mask & (1u << date_weekday(day))) || is_holiday(g, day + v1->duration - 1) ||
                is_holiday(g, day + v1->readout)))
            day--;
        if (room >= g->nrooms || day <= g->start - v1->duration + 1)
            break;
        struct gpatient *pt = &g->patients[g->npatients++];
        const struct gsite *si = &g->sites[0];
        pt->site = 0;
        pt->ready = day - rng_int(r, 0, 1);
        pt->due = pt->ready + nominal_lead(v1, si, pt->ready) + rng_int(r, 2, 4);
        pt->priority = 1;
        pt->max_hold = -1;
        pt->included = pt->ready - si->ready_after;
        pt->fixed_start = day;
        pt->fixed_room = room;
        pt->process = 0;
        room++;
        day--;
        g->nfixed++;
    }

    /* Known patients fill the ready days up to the forecast's first ready
     * day at each site; the forecast starts with the second month. */
    int f0 = month_first_day(g, 1);
    int active0 = 0;
    for (int s = 0; s < g->nsites; s++)
        if (g->sites[s].active_from == 0)
            active0 += g->sites[s].weight;
    int horizon = g->end - g->start + 1;
    int known_target = target - g->npatients;
    for (int s = 0; s < g->nsites && known_target > 0; s++) {
        const struct gsite *si = &g->sites[s];
        if (si->active_from != 0)
            continue;
        int last_ready = f0 + si->ready_after - 1;
        if (f0 > g->end)
            last_ready = g->end;
        if (last_ready > g->end)
            last_ready = g->end;
        int days = last_ready - g->start + 1;
        int n = (int)(((int64_t)target * days * si->weight * 2 + (int64_t)horizon * active0) /
                      ((int64_t)horizon * active0 * 2));
        if (f0 > g->end) {  /* no forecast at all: every patient is known */
            n = (int)(((int64_t)target * si->weight * 2 + active0) / ((int64_t)active0 * 2));
            int later = 0;  /* active sites after this one */
            for (int t = s + 1; t < g->nsites; t++)
                later += g->sites[t].active_from == 0;
            if (!later)
                n = known_target;
        }
        if (n > known_target)
            n = known_target;
        for (int i = 0; i < n; i++) {
            struct gpatient *pt = &g->patients[g->npatients++];
            pt->site = s;
            pt->ready = g->start + rng_int(r, 0, days - 1);
            const struct gproc *pr = proc_at(g, pt->ready);
            pt->due = pt->ready + nominal_lead(pr, si, pt->ready) + rng_int(r, 0, 2);
            pt->priority = rng_pct(r, 12) ? 2 : 1;
            /* Cryopreserved starting material can wait. */
            pt->max_hold = rng_pct(r, 15) ? (rng_pct(r, 50) ? 10 : 14) : -1;
            pt->included = pt->ready - si->ready_after - rng_int(r, 0, 3);
            pt->fixed_start = DATE_NONE;
            pt->fixed_room = -1;
            pt->process = -1;
        }
        known_target -= n;
    }
    /* A few patients of priority 2 at least, when there are a few. */
    int known = g->npatients - g->nfixed, prio = 0;
    for (int i = g->nfixed; i < g->npatients; i++)
        prio += g->patients[i].priority == 2;
    for (int i = g->nfixed; prio == 0 && known >= 3 && i < g->npatients; i += 3) {
        g->patients[i].priority = 2;
        prio++;
    }

    /* The forecast: a monthly curve (ramp, summer and Christmas dips,
     * half following the rooms' capacity so that the load is even, noise)
     * split between the active sites by weight, then scaled so that the
     * horizon holds the target. */
    int64_t cap_sum = 0;
    for (int m = 0; m < M; m++)
        cap_sum += g->month_capacity[m];
    int64_t cap_mean = cap_sum / M > 0 ? cap_sum / M : 1;
    for (int m = 0; m < M; m++) {
        int y, mo, dd;
        date_to_ymd(month_first_day(g, m), &y, &mo, &dd);
        int season = mo == 8 ? 80 : mo == 12 ? 85 : mo == 7 ? 95 : 100;
        int ramp = M > 1 ? P->preset->ramp_from + (P->preset->ramp_to - P->preset->ramp_from) * m / (M - 1)
                         : 100;
        int64_t cap = g->month_capacity[m + 1 < M ? m + 1 : m];
        int64_t capf = 50 + 50 * cap / cap_mean;
        if (capf > 150)
            capf = 150;
        int noise = rng_int(r, 85, 115);
        w[m] = (int64_t)season * ramp * capf * noise / 1000;
        for (int s = 0; s < g->nsites; s++)
            if (m >= g->sites[s].active_from)
                sumwt[m] += g->sites[s].weight;
    }
    int fc_target = target - g->npatients;
    int64_t lo = 0, hi = (int64_t)1 << 34;
    if (fc_target <= 0 || forecast_total(g, w, sumwt, hi) < fc_target)
        lo = hi = fc_target <= 0 ? 0 : hi;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (forecast_total(g, w, sumwt, mid) >= fc_target)
            hi = mid;
        else
            lo = mid + 1;
    }
    int above = forecast_total(g, w, sumwt, lo);
    if (lo > 0) {
        int below = forecast_total(g, w, sumwt, lo - 1);
        if (fc_target - below < above - fc_target)
            lo--;
    }
    g->nforecast_patients = forecast_total(g, w, sumwt, lo);

    /* One pre-screened patient takes the place of the first forecast
     * patient of the main site. */
    if (g->nforecast_patients > 0) {
        int incl = forecast_inclusion(g, 0, 1);
        const struct gsite *si = &g->sites[0];
        if (incl != DATE_NONE && incl + si->ready_after <= g->end - 7) {
            struct gpatient *pt = &g->patients[g->npatients++];
            pt->site = 0;
            pt->ready = incl + si->ready_after + rng_int(r, -2, 2);
            if (pt->ready < g->start)
                pt->ready = g->start;
            pt->due = pt->ready + si->due_after - si->ready_after;
            pt->priority = 1;
            pt->max_hold = -1;
            pt->included = incl - rng_int(r, 3, 10);
            pt->fixed_start = DATE_NONE;
            pt->fixed_room = -1;
            pt->process = -1;
            pt->replaces_k = 1;
        }
    }
    for (int i = 0; i < g->npatients; i++)
        g->patients[i].seq = i;
    qsort(g->patients, (size_t)g->npatients, sizeof *g->patients, patient_cmp);
    rc = 0;
done:
    free(w);
    free(sumwt);
    return rc;
}

/* ---- materials -------------------------------------------------------------------- */

static int material_per_batch(const struct material_def *m, int version)
{
    int q = 0;
    for (int u = 0; u < m->nuses; u++) {
        int per = version == 0 ? m->uses[u].v1 : m->uses[u].v2;
        q += m->uses[u].when == USE_FEED ? 2 * per : per;
    }
    return q;
}

static int round_up(int q, int multiple)
{
    return (q + multiple - 1) / multiple * multiple;
}

static int gen_materials(struct gen *g, struct rng *r)
{
    int K = g->P->materials;
    g->materials = calloc((size_t)K, sizeof *g->materials);
    g->deliveries = calloc((size_t)K, sizeof *g->deliveries);
    if (!g->materials || !g->deliveries)
        return -1;
    g->nmaterials = K;
    int horizon = g->end - g->start + 1;
    for (int i = 0; i < K; i++) {
        struct gmaterial *m = &g->materials[i];
        const struct material_def *d = &catalogue[i];
        m->def = d;
        /* Stock for the batches that start before an order placed on the
         * first day can arrive, and three weeks more, at 1.4 times the
         * average rate (the first weeks are busy), plus the running ones. */
        int q = material_per_batch(d, 0);
        int cover = d->lead_time + (d->unit_cost >= 1000 ? 14 : 21);
        int64_t batches = ((int64_t)g->P->target * cover * 14 + (int64_t)horizon * 10 - 1) /
                          ((int64_t)horizon * 10) + g->nfixed + 2;
        int need = (int)batches * q;
        m->stock = round_up(need + rng_int(r, 0, need / 4), d->order_multiple);
        m->stock_expires = DATE_NONE;
        /* Some stock runs out of shelf life, later than any order placed
         * on the first day could arrive. */
        if (rng_pct(r, 25)) {
            int hi = d->shelf_life < 300 ? d->shelf_life : 300;
            int lo = d->lead_time + 45;
            if (hi > lo)
                m->stock_expires = g->start + rng_int(r, lo, hi);
        }
        /* A purchase order placed last month: part of the stock is still
         * on its way. */
        if (rng_pct(r, 35) && m->stock > d->order_multiple) {
            int arriving = round_up(m->stock * 2 / 5, d->order_multiple);
            if (arriving < m->stock) {
                m->stock -= arriving;
                int when = g->start + rng_int(r, 5, d->lead_time > 7 ? d->lead_time - 2 : 5);
                /* What remains on hand covers the batches until then. */
                int until = (int)(((int64_t)g->P->target * (when - g->start + 14) * 14 +
                                   (int64_t)horizon * 10 - 1) / ((int64_t)horizon * 10)) + g->nfixed + 2;
                if (m->stock >= until * q)
                    g->deliveries[g->ndeliveries++] = (struct gdelivery){i, when, arriving};
                else
                    m->stock += arriving;
            }
        }
    }
    return 0;
}

/* ---- text out ---------------------------------------------------------------------- */

struct gbuf {
    char *p;
    size_t len, cap;
    int failed;             /* out of memory, or over GEN_FILE_MAX */
};

static void gb_write(struct gbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = cap <= GEN_FILE_MAX ? realloc(b->p, cap) : NULL;
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void gb_puts(struct gbuf *b, const char *s)
{
    gb_write(b, s, strlen(s));
}

/* Integers and strings only: %d and %s print the same in every locale. */
__attribute__((format(printf, 2, 3))) static void gb_printf(struct gbuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        gb_write(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    gb_write(b, big, (size_t)n);
    free(big);
}

/* A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line
 * break; a comma before it unless first. */
static void gb_csv(struct gbuf *b, const char *text, int first)
{
    if (!first)
        gb_puts(b, ",");
    if (!strpbrk(text, ",\"\r\n")) {
        gb_puts(b, text);
        return;
    }
    gb_puts(b, "\"");
    for (const char *c = text; *c; c++) {
        if (*c == '"')
            gb_puts(b, "\"");
        gb_write(b, c, 1);
    }
    gb_puts(b, "\"");
}

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
static const char *fmt_hundredths(int v, char buf[PLAN_NUMBUF])
{
    if (v % 100 == 0)
        snprintf(buf, PLAN_NUMBUF, "%d", v / 100);
    else if (v % 10 == 0)
        snprintf(buf, PLAN_NUMBUF, "%d.%d", v / 100, v % 100 / 10);
    else
        snprintf(buf, PLAN_NUMBUF, "%d.%02d", v / 100, v % 100);
    return buf;
}

/* Millionths as a decimal with '.': 1500000 -> "1.5", 1000000 -> "1". */
static const char *fmt_millionths(int v, char buf[PLAN_NUMBUF])
{
    int n = snprintf(buf, PLAN_NUMBUF, "%d.%06d", v / 1000000, v % 1000000);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

static const char *fmt_weekdays(unsigned mask, char *buf, size_t size)
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

/* ---- the files ------------------------------------------------------------------------ */

enum gen_file {
    F_INI, F_SITES, F_PATIENTS, F_FORECAST, F_PROCESSES, F_STEPS, F_BOM, F_ROOMS, F_SLOTS,
    F_STAFF, F_SHIFTS, F_HOLIDAYS, F_MATERIALS, F_DELIVERIES, F_README, NFILES
};

static const char *const file_names[NFILES] = {
    "scenario.ini", "sites.csv", "patients.csv", "forecast.csv", "processes.csv", "steps.csv",
    "bom.csv", "rooms.csv", "room_slots.csv", "staff.csv", "shifts.csv", "holidays.csv",
    "materials.csv", "deliveries.csv", "README.md"};

static const char *scenario_name(const struct gen *g, char *buf, size_t size)
{
    snprintf(buf, size, "Generated %s, size %s, seed %" PRIu64, g->P->preset->label, g->P->preset->name,
             g->P->seed);
    return buf;
}

static void write_ini(struct gbuf *b, const struct gen *g)
{
    char name[128], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    gb_puts(b, "; Synthetic data made by planner generate: not company data.\n"
               "; README.md says the command that made it and what it holds.\n\n");
    gb_printf(b, "[scenario]\nname  = %s\nstart = %s\nend   = %s\n\n", scenario_name(g, name, sizeof name),
              date_format(g->start, d1), date_format(g->end, d2));
    gb_puts(b, "[tables]\n");
    static const char *const keys[] = {"sites", "patients", "forecast", "processes", "steps", "bom",
                                       "rooms", "room_slots", "staff", "shifts", "holidays",
                                       "materials", "deliveries"};
    for (int i = 0; i < N_OF(keys); i++)
        gb_printf(b, "%-10s = %s\n", keys[i], file_names[F_SITES + i]);
    gb_printf(b, "\n[policy]\nallow_delay = yes\n\n[solver]\ntime_limit = %d\nmip_gap    = %s\n",
              g->P->preset->time_limit, g->P->preset->mip_gap);
}

static void write_sites(struct gbuf *b, const struct gen *g)
{
    char wd[64];
    gb_puts(b, "site,name,ship_days,ship_weekdays,ready_after,due_after\n");
    for (int i = 0; i < g->nsites; i++) {
        const struct gsite *s = &g->sites[i];
        gb_csv(b, s->def->id, 1);
        gb_csv(b, s->def->name, 0);
        gb_printf(b, ",%d,%s,%d,%d\n", s->def->ship_days, fmt_weekdays(s->ship_mask, wd, sizeof wd),
                  s->ready_after, s->due_after);
    }
}

static int id_width(int n)
{
    int w = 3;
    for (int x = 1000; x <= n; x *= 10)
        w++;
    return w;
}

static void write_patients(struct gbuf *b, const struct gen *g)
{
    char d[5][DATE_BUFSZ];
    int w = id_width(g->npatients);
    gb_puts(b, "patient,site,ready,due,process,priority,max_hold,replaces,included,start,room\n");
    for (int i = 0; i < g->npatients; i++) {
        const struct gpatient *p = &g->patients[i];
        char hold[16] = "", prio[16] = "", repl[48] = "";
        if (p->max_hold >= 0)
            snprintf(hold, sizeof hold, "%d", p->max_hold);
        if (p->priority != 1)
            snprintf(prio, sizeof prio, "%d", p->priority);
        if (p->replaces_k)
            snprintf(repl, sizeof repl, "F-%s-%d", g->sites[p->site].def->id, p->replaces_k);
        gb_printf(b, "P-%0*d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", w, i + 1, g->sites[p->site].def->id,
                  fmt_date(p->ready, d[0]), fmt_date(p->due, d[1]),
                  p->process >= 0 ? g->proc[p->process].id : "", prio, hold, repl,
                  fmt_date(p->included, d[2]), fmt_date(p->fixed_start, d[3]),
                  p->fixed_room >= 0 ? g->rooms[p->fixed_room].id : "");
    }
}

static void write_forecast(struct gbuf *b, const struct gen *g)
{
    char num[PLAN_NUMBUF];
    gb_puts(b, "site,month,patients\n");
    for (int s = 0; s < g->nsites; s++)
        for (int m = 0; m < g->P->months; m++) {
            int v = g->forecast[s * g->P->months + m];
            if (v < 0)
                continue;
            int y, mo, dd;
            date_to_ymd(month_first_day(g, m), &y, &mo, &dd);
            gb_printf(b, "%s,%04d-%02d,%s\n", g->sites[s].def->id, y, mo, fmt_hundredths(v, num));
        }
}

static void write_processes(struct gbuf *b, const struct gen *g)
{
    char wd[64], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    gb_puts(b, "process,duration,qc_days,changeover,max_hold,start_days,room_type,approved_from,"
               "approved_until\n");
    for (int i = 0; i < 2; i++) {
        const struct gproc *p = &g->proc[i];
        gb_printf(b, "%s,%d,%d,%d,%d,%s,%s,%s,%s\n", p->id, p->duration, p->qc_days, p->changeover,
                  p->max_hold, fmt_weekdays(p->start_mask, wd, sizeof wd), p->room_type ? p->room_type : "",
                  fmt_date(p->approved_from, d1), fmt_date(p->approved_until, d2));
    }
}

/* Seeding and harvest are witnessed (two operators); one operator checks
 * the culture every day and feeds it on days 3 and 5; QC samples on
 * harvest day and reads sterility out a week (or two) later, when the
 * supervisor reviews the batch record for release. */
static void write_steps(struct gbuf *b, const struct gen *g)
{
    gb_puts(b, "process,day,skill,people,hours\n");
    for (int i = 0; i < 2; i++) {
        const struct gproc *p = &g->proc[i];
        int h = p->duration - 1;
        gb_printf(b, "%s,0,operator,2,%d\n", p->id, i == 0 ? 6 : 5);
        gb_printf(b, "%s,1,operator,1,%d\n", p->id, i == 0 ? 3 : 2);
        for (int d = 2; d < h; d++)
            gb_printf(b, "%s,%d,operator,1,%d\n", p->id, d, d == 3 || d == 5 ? 2 : 1);
        gb_printf(b, "%s,%d,operator,2,%d\n", p->id, h, i == 0 ? 5 : 4);
        gb_printf(b, "%s,%d,qc,1,4\n", p->id, h);
        gb_printf(b, "%s,%d,qc,1,3\n", p->id, p->readout);
        gb_printf(b, "%s,%d,supervisor,1,2\n", p->id, p->readout);
    }
}

static void write_bom(struct gbuf *b, const struct gen *g)
{
    gb_puts(b, "process,day,material,quantity\n");
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
                        gb_printf(b, "%s,%d,%s,%d\n", p->id, days[di], m->id, q);
                }
            }
    }
}

static void write_rooms(struct gbuf *b, const struct gen *g)
{
    gb_puts(b, "room,type,capacity,cost_per_day,available\n");
    for (int i = 0; i < g->nrooms; i++) {
        const struct groom *r = &g->rooms[i];
        gb_printf(b, "%s,%s,%d,%d,%s\n", r->id, r->type, r->capacity, r->cost, r->available ? "yes" : "no");
    }
}

static void write_slots(struct gbuf *b, const struct gen *g)
{
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    gb_puts(b, "room,from,to,available\n");
    for (int i = 0; i < g->nslots; i++) {
        const struct gslot *s = &g->slots[i];
        gb_printf(b, "%s,%s,%s,%s\n", s->room >= 0 ? g->rooms[s->room].id : "*", date_format(s->from, d1),
                  date_format(s->to, d2), s->available ? "yes" : "no");
    }
}

static void write_staff(struct gbuf *b, const struct gen *g)
{
    char sk[64], wd[64];
    gb_puts(b, "person,skills,hours,weekdays\n");
    for (int i = 0; i < g->npersons; i++) {
        const struct gperson *p = &g->persons[i];
        gb_printf(b, "%s,%s,%d,%s\n", p->id, skills_text(p, sk, sizeof sk), p->hours,
                  fmt_weekdays(p->weekdays, wd, sizeof wd));
    }
}

static void write_shifts(struct gbuf *b, const struct gen *g)
{
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ], wd[64];
    gb_puts(b, "person,from,to,hours,weekdays\n");
    for (int i = 0; i < g->nshifts; i++) {
        const struct gshift *s = &g->shifts[i];
        gb_printf(b, "%s,%s,%s,%d,%s\n", g->persons[s->person].id, date_format(s->from, d1),
                  date_format(s->to, d2), s->hours, s->weekdays ? fmt_weekdays(s->weekdays, wd, sizeof wd) : "");
    }
}

static void write_holidays(struct gbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    gb_puts(b, "date,name\n");
    for (int i = 0; i < g->nholidays; i++) {
        gb_csv(b, date_format(g->holidays[i].date, d), 1);
        gb_csv(b, g->holidays[i].name, 0);
        gb_puts(b, "\n");
    }
}

static void write_materials(struct gbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    gb_puts(b, "material,unit,stock,stock_expires,lead_time,order_multiple,min_order,shelf_life,unit_cost\n");
    for (int i = 0; i < g->nmaterials; i++) {
        const struct gmaterial *m = &g->materials[i];
        gb_csv(b, m->def->id, 1);
        gb_csv(b, m->def->unit, 0);
        gb_printf(b, ",%d,%s,%d,%d,%d,%d,%d\n", m->stock, fmt_date(m->stock_expires, d), m->def->lead_time,
                  m->def->order_multiple, m->def->min_order, m->def->shelf_life, m->def->unit_cost);
    }
}

static void write_deliveries(struct gbuf *b, const struct gen *g)
{
    char d[DATE_BUFSZ];
    gb_puts(b, "material,date,quantity,expires\n");
    for (int i = 0; i < g->ndeliveries; i++) {
        const struct gdelivery *x = &g->deliveries[i];
        gb_printf(b, "%s,%s,%d,\n", g->materials[x->material].def->id, date_format(x->date, d), x->quantity);
    }
}

/* The command that makes exactly these files, every value spelled out. */
static void canonical_command(struct gbuf *b, const struct gen_params *P)
{
    char t[PLAN_NUMBUF];
    gb_printf(b,
              "planner generate --size %s --patients %d --months %d --rooms %d --staff %d "
              "--materials %d --sites %d --seed %" PRIu64 " --tightness %s -o DIR",
              P->preset->name, P->patients, P->months, P->rooms, P->staff, P->materials, P->sites,
              P->seed, fmt_millionths(P->tightness, t));
}

static void write_readme(struct gbuf *b, const struct gen *g)
{
    const struct gen_params *P = g->P;
    char name[128], d1[DATE_BUFSZ], d2[DATE_BUFSZ], wd[64], t[PLAN_NUMBUF];
    int replaced = 0, prio = 0, cryo = 0;
    for (int i = 0; i < g->npatients; i++) {
        replaced += g->patients[i].replaces_k != 0;
        prio += g->patients[i].priority > 1;
        cryo += g->patients[i].max_hold >= 0;
    }
    int count[NSKILLS] = {0, 0, 0}, multi = 0, part = 0;
    for (int i = 0; i < g->npersons; i++) {
        const struct gperson *p = &g->persons[i];
        for (int k = 0; k < NSKILLS; k++)
            count[k] += (p->skills & (1u << k)) != 0;
        multi += (p->skills & (p->skills - 1)) != 0;
        part += p->hours < 8 || p->weekdays != WD_MON_FRI;
    }
    int nb = 0, nc = 0, nshared = 0, cap2 = 0;
    for (int i = 0; i < g->nrooms; i++) {
        nb += strcmp(g->rooms[i].type, "gradeB") == 0;
        nc += strcmp(g->rooms[i].type, "gradeC") == 0;
        nshared += g->rooms[i].shared;
        cap2 += g->rooms[i].capacity > 1;
    }
    gb_printf(b, "# %s\n\n", scenario_name(g, name, sizeof name));
    gb_puts(b, "**Synthetic data, not company data.** This scenario was made by\n"
               "`planner generate`; every figure is drawn at random within ranges that\n"
               "are realistic for autologous CAR-T-like cell therapy. The same command\n"
               "writes the same bytes on every machine.\n\n"
               "Made by (DIR is this directory):\n\n```\n");
    canonical_command(b, P);
    gb_printf(b, "\n```\n\nwhich is the %s preset (`--size %s`) with the values above.\n\n", P->preset->label,
              P->preset->name);
    gb_puts(b, "```\nplanner check scenario.ini\nplanner plan  scenario.ini -o plan\n"
               "planner verify scenario.ini plan\n```\n\n## What it holds\n\n| | |\n|---|---|\n");
    gb_printf(b, "| horizon | %s .. %s (%d months) |\n", date_format(g->start, d1), date_format(g->end, d2),
              P->months);
    gb_printf(b, "| facility | %s (public holidays of %s) |\n", g->country->facility, g->country->country);
    gb_printf(b, "| patients | about %d in the horizon (%d x tightness %s): %d known, of which %d running "
                 "on the first day, %d of priority 2, %d with cryopreserved starting material; %d from "
                 "the forecast |\n",
              g->npatients + g->nforecast_patients - replaced, P->patients,
              fmt_millionths(P->tightness, t), g->npatients, g->nfixed, prio, cryo,
              g->nforecast_patients - replaced);
    gb_printf(b, "| sites | %d |\n", g->nsites);
    gb_printf(b, "| processes | v1 %d days until %s, v2 %d days from %s; QC %d days; changeover %d |\n",
              g->proc[0].duration, date_format(g->proc[0].approved_until, d1), g->proc[1].duration,
              date_format(g->proc[1].approved_from, d2), g->proc[0].qc_days, g->proc[0].changeover);
    gb_printf(b, "| rooms | %d (%d places): %d grade B in %d suite%s, %d shared, %d grade C; %d with two "
                 "isolators |\n",
              g->nrooms, g->places, nb - nshared, g->nsuites, g->nsuites == 1 ? "" : "s", nshared, nc, cap2);
    gb_printf(b, "| staff | %d: %d operators, %d QC, %d supervisors (multi-skilled counted in each), %d "
                 "multi-skilled, %d part-time |\n",
              g->npersons, count[0], count[1], count[2], multi, part);
    gb_printf(b, "| materials | %d, %d purchase order%s already placed |\n\n", g->nmaterials, g->ndeliveries,
              g->ndeliveries == 1 ? "" : "s");

    gb_puts(b, "## Sites\n\n| site | name | ship days | leaves on | ready after | due after | forecast from |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < g->nsites; i++) {
        const struct gsite *s = &g->sites[i];
        int y, mo, dd;
        date_to_ymd(month_first_day(g, s->active_from > 1 ? s->active_from : 1), &y, &mo, &dd);
        gb_printf(b, "| %s | %s | %d | %s | %d | %d | %04d-%02d |\n", s->def->id, s->def->name, s->def->ship_days,
                  fmt_weekdays(s->ship_mask, wd, sizeof wd), s->ready_after, s->due_after, y, mo);
    }
    gb_puts(b,
            "\n## How it is made\n\n"
            "- **Processes.** v1 occupies a grade B room for 9 days and starts Monday to\n"
            "  Thursday, so that its harvest (day 8) falls on a weekday; v2, approved\n"
            "  from the first Monday of the middle month, takes 8 days and keeps the\n"
            "  harvest on the start's weekday. Fresh starting material waits at most\n"
            "  4 days for v1, 5-6 for v2 (`max_hold`); a few known patients have\n"
            "  cryopreserved material (10 or 14 days). Release comes 7-14 days after\n"
            "  manufacturing; sterility is read a week (two with 14 days of QC) after\n"
            "  harvest, on a weekday.\n"
            "- **Staff steps.** Seeding and harvest are witnessed (`people = 2`); an\n"
            "  operator checks every culture daily, weekends included, and feeds it on\n"
            "  days 3 and 5; QC samples on harvest day and reads out later, when a\n"
            "  supervisor reviews the batch record.\n"
            "- **Roster.** Everyone works Monday to Friday, 8 h, except a few\n"
            "  part-timers. `shifts.csv` holds vacations (a spring week, three summer\n"
            "  weeks, an autumn week, a Christmas week, staggered so that each skill\n"
            "  keeps three quarters of its people), then a weekend rota of operators\n"
            "  (`Sat Sun`, 8 h, 2 hours per place), then on-call duty on weekday\n"
            "  public holidays (operators, a QC analyst, a supervisor).\n"
            "- **Rooms.** Owned grade B rooms form suites, each requalified once a year\n"
            "  for one or two weeks (`room_slots.csv`), with now and then a short\n"
            "  unplanned block. Shared rooms are closed by default and granted in\n"
            "  windows, and around our suites' shutdowns; grade C rooms, for the\n"
            "  closed v2 process only, open two weeks before v2's approval. The\n"
            "  capacity is sized for the demand at tightness 1: rooms get a second\n"
            "  isolator and the shared rooms a share of the time until the batches\n"
            "  would fill 55-75 % of the open place-days (less with few rooms).\n"
            "- **Demand.** Known patients (`patients.csv`) are those included before\n"
            "  the forecast's first month; the forecast (`forecast.csv`) follows a\n"
            "  monthly curve (ramp-up, summer and Christmas dips, half following the\n"
            "  rooms' capacity) split between the sites active that month, scaled so\n"
            "  that the horizon holds about patients x tightness patients. Due dates\n"
            "  are the lead time without a queue (start on the next allowed day,\n"
            "  manufacture, QC, wait for a shipping day, ship) plus 0-2 days for known\n"
            "  patients; a site's `due_after` takes the lead time of the second worst\n"
            "  weekday to be ready on, plus 0-1 day. At tightness 1 the rooms bind: a\n"
            "  first-come-first-served plan leaves some patients late or, when their\n"
            "  fresh material cannot wait for a place, unserved. A forecast patient\n"
            "  ready in the last days of the horizon may find no start day left\n"
            "  before the end.\n"
            "- **Materials.** Stock covers the batches until an order placed on the\n"
            "  first day arrives, and three weeks more; some of it expires, and some\n"
            "  is still on its way (`deliveries.csv`).\n");
}

typedef void (*file_writer)(struct gbuf *b, const struct gen *g);

static const file_writer writers[NFILES] = {
    write_ini, write_sites, write_patients, write_forecast, write_processes, write_steps, write_bom,
    write_rooms, write_slots, write_staff, write_shifts, write_holidays, write_materials,
    write_deliveries, write_readme};

/* ---- writing, all or nothing ------------------------------------------------------ */

static char *path_join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

static int ensure_dir(const char *dir, char *err, size_t size)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (errno == EEXIST)
        snprintf(err, size, "%s: exists and is not a directory", dir);
    else
        snprintf(err, size, "%s: %s", dir, strerror(errno));
    return -1;
}

static int write_file(const char *path, const struct gbuf *b, char *err, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t w = b->len ? fwrite(b->p, 1, b->len, f) : 0;
    int bad = w != b->len || ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    int saved = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        snprintf(err, size, "%s: %s", path, strerror(saved ? saved : EIO));
        return -1;
    }
    return 0;
}

static int write_all(const struct gbuf *bufs, const char *dir, char *err, size_t size)
{
    char *tmp[NFILES] = {0}, *final[NFILES] = {0};
    int made[NFILES] = {0};
    char pid[32];
    int rc = -1;
    snprintf(pid, sizeof pid, ".tmp.%ld", (long)getpid());
    if (ensure_dir(dir, err, size) != 0)
        return -1;
    for (int i = 0; i < NFILES; i++) {
        tmp[i] = path_join(dir, ".", file_names[i], pid);
        final[i] = path_join(dir, "", file_names[i], "");
        if (!tmp[i] || !final[i]) {
            snprintf(err, size, "out of memory");
            goto done;
        }
        made[i] = 1;
        if (write_file(tmp[i], &bufs[i], err, size) != 0)
            goto done;
    }
    /* The renames are not one atomic step: refuse before the first one
     * what would make a later one fail (a directory in a file's place). */
    for (int i = 0; i < NFILES; i++) {
        struct stat st;
        if (lstat(final[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(err, size, "%s: is a directory; remove it or choose another output directory", final[i]);
            goto done;
        }
    }
    for (int i = 0; i < NFILES; i++) {
        if (rename(tmp[i], final[i]) != 0) {
            snprintf(err, size, "%s: %s", final[i], strerror(errno));
            goto done;
        }
        made[i] = 0;
    }
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    rc = 0;
done:
    for (int i = 0; i < NFILES; i++) {
        if (made[i] && tmp[i])
            (void)unlink(tmp[i]);
        free(tmp[i]);
        free(final[i]);
    }
    return rc;
}

/* ---- the command ------------------------------------------------------------------- */

/* generate --help, after the options: the presets. */
static void print_presets(FILE *out)
{
    fprintf(out, "Presets:\n");
    fprintf(out, "  size  %-11s months patients rooms staff materials sites\n", "");
    for (int i = 0; i < NPRESETS; i++)
        fprintf(out, "  %-5s %-11s %6d %8d %5d %5d %9d %5d\n", presets[i].name, presets[i].label,
                presets[i].months, presets[i].patients, presets[i].rooms, presets[i].staff,
                presets[i].materials, presets[i].sites);
}

static const struct opt_command generate_command = {
    .name = "generate",
    .about = "Writes a realistic synthetic scenario (autologous CAR-T-like) into DIR:\n"
             "scenario.ini, its thirteen tables and a README.md naming the command. The\n"
             "same options give the same bytes on every machine. Flags override the\n"
             "preset's values.\n",
    .rows = options,
    .nrows = NOPTS,
    .more = print_presets,
    .epilogue = "--tightness scales the demand against the capacity: the horizon holds\n"
                "about patients x T patients, with the same rooms, staff and materials.\n"
                "At 1 the rooms bind: a first-come-first-served plan leaves some patients\n"
                "late or unserved.\n"
                "\n"
                "Exit status: 0 written, 2 usage or a bad value, 3 the files could not be\n"
                "written (nothing is half written: all files or none).\n",
};

/* Keeps an option's value in ctx (const char *given[NOPTS]); once only. */
static int gen_given(const struct opt *row, const char *value, void *ctx)
{
    const char **given = ctx;
    int k = (int)(row - options);
    if (given[k]) {
        fprintf(stderr, "planner generate: --%s is given twice ('%s' and '%s')\n", row->name, given[k],
                value);
        return EXIT_BAD_INPUT;
    }
    given[k] = value;
    return 0;
}

static int bad_value(int opt, const char *value, const char *why)
{
    fprintf(stderr, "planner generate: --%s: '%s' %s; see 'planner generate --help'\n", options[opt].name,
            value, why);
    return EXIT_BAD_INPUT;
}

/* Parses an option's value into the params. Returns 0 or an exit code. */
static int parse_value(int opt, const char *v, struct gen_params *P)
{
    char *end = NULL;
    char why[96];
    switch (opt) {
    case OPT_SIZE:
        for (int i = 0; i < NPRESETS; i++)
            if (strcasecmp(v, presets[i].name) == 0) {
                P->preset = &presets[i];
                return 0;
            }
        return bad_value(opt, v, "is not a size: S, M, L or XL");
    case OPT_SEED: {
        if (!*v || !(*v >= '0' && *v <= '9'))
            return bad_value(opt, v, "is not a whole number from 0 to 18446744073709551615");
        errno = 0;
        unsigned long long x = strtoull(v, &end, 10);
        if (errno || *end)
            return bad_value(opt, v, "is not a whole number from 0 to 18446744073709551615");
        P->seed = (uint64_t)x;
        return 0;
    }
    case OPT_TIGHTNESS: {
        /* Decimal digits read by hand, not strtod: no locale, no binary
         * rounding, the same count of patients everywhere. */
        const char *c = v;
        int64_t x = 0;
        int whole = 0, decimals = -1;
        for (; *c >= '0' && *c <= '9' && x <= 10000000; c++, whole++)
            x = x * 10 + (*c - '0') * 1000000;
        if (*c == '.')
            for (c++, decimals = 0; *c >= '0' && *c <= '9' && decimals < 6; c++, decimals++) {
                int64_t unit = 100000;
                for (int k = 0; k < decimals; k++)
                    unit /= 10;
                x += (*c - '0') * unit;
            }
        if (*c || (whole == 0 && decimals <= 0) || x <= 0 || x > (int64_t)GEN_MAX_TIGHTNESS * 1000000)
            return bad_value(opt, v, "is not a number above 0 and at most 10, with 6 decimals at most");
        P->tightness = (int)x;
        return 0;
    }
    case OPT_OUT:
        if (!*v)
            return bad_value(opt, v, "is not a directory name");
        P->dir = v;
        return 0;
    default: {
        errno = 0;
        long x = strtol(v, &end, 10);
        snprintf(why, sizeof why, "is not a whole number from %ld to %ld", (long)options[opt].lo,
                 (long)options[opt].hi);
        if (!*v || errno || *end || x < options[opt].lo || x > options[opt].hi)
            return bad_value(opt, v, why);
        int *field[] = {[OPT_PATIENTS] = &P->patients, [OPT_MONTHS] = &P->months, [OPT_ROOMS] = &P->rooms,
                        [OPT_STAFF] = &P->staff, [OPT_MATERIALS] = &P->materials, [OPT_SITES] = &P->sites};
        *field[opt] = (int)x;
        return 0;
    }
    }
}

static void gen_free(struct gen *g)
{
    free(g->holidays);
    free(g->rooms);
    free(g->slots);
    free(g->open);
    free(g->month_capacity);
    free(g->persons);
    free(g->shifts);
    free(g->patients);
    free(g->forecast);
    free(g->materials);
    free(g->deliveries);
}

/* Every part, each from its own random stream. Returns 0 or -1 (memory). */
static int gen_build(struct gen *g, const struct gen_params *P)
{
    struct rng r;
    memset(g, 0, sizeof *g);
    g->P = P;
    rng_stream(&r, P->seed, RNG_CALENDAR);
    if (gen_calendar(g, &r) != 0)
        return -1;
    rng_stream(&r, P->seed, RNG_PROCESS);
    gen_processes(g, &r);
    rng_stream(&r, P->seed, RNG_SITES);
    gen_sites(g, &r);
    rng_stream(&r, P->seed, RNG_ROOMS);
    if (gen_rooms(g, &r) != 0)
        return -1;
    rng_stream(&r, P->seed, RNG_STAFF);
    if (gen_staff(g, &r) != 0)
        return -1;
    rng_stream(&r, P->seed, RNG_DEMAND);
    if (gen_demand(g, &r) != 0)
        return -1;
    rng_stream(&r, P->seed, RNG_MATERIALS);
    return gen_materials(g, &r);
}

int cmd_generate(int argc, char **argv)
{
    const char *given[NOPTS] = {0};
    struct opt_operands ops;
    int parsed = opt_parse(&generate_command, argc, argv, given, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (ops.n > 0) {
        fprintf(stderr, "planner generate: unknown argument '%s'; see 'planner generate --help'\n", ops.v[0]);
        return EXIT_BAD_INPUT;
    }

    /* The preset first, then the flags over it. */
    struct gen_params P = {.preset = &presets[0], .seed = 1, .tightness = 1000000, .dir = "out"};
    int rc;
    if (given[OPT_SIZE] && (rc = parse_value(OPT_SIZE, given[OPT_SIZE], &P)) != 0)
        return rc;
    P.months = P.preset->months;
    P.patients = P.preset->patients;
    P.rooms = P.preset->rooms;
    P.staff = P.preset->staff;
    P.materials = P.preset->materials;
    P.sites = P.preset->sites;
    for (int k = 0; k < NOPTS; k++)
        if (k != OPT_SIZE && given[k] && (rc = parse_value(k, given[k], &P)) != 0)
            return rc;
    /* In integers, rounded half up: the same count on every machine. */
    int64_t t = ((int64_t)P.patients * P.tightness + 500000) / 1000000;
    if (t > GEN_MAX_PATIENTS) {
        fprintf(stderr, "planner generate: --patients %d x --tightness %s makes %" PRId64 " patients, more than %d\n",
                P.patients, given[OPT_TIGHTNESS], t, GEN_MAX_PATIENTS);
        return EXIT_BAD_INPUT;
    }
    P.target = t < 1 ? 1 : (int)t;

    struct gen g;
    struct gbuf bufs[NFILES];
    char err[512];
    memset(bufs, 0, sizeof bufs);
    rc = EXIT_NO_PLAN;
    if (gen_build(&g, &P) != 0) {
        fprintf(stderr, "planner generate: out of memory\n");
        goto done;
    }
    /* The contract takes at most 1000 inclusions a month at a site. */
    for (int i = 0; i < g.nsites * P.months; i++)
        if (g.forecast[i] > 100000) {
            fprintf(stderr,
                    "planner generate: %d patients over %d month%s at %d site%s need more than 1000 "
                    "inclusions a month at a site; give more --months or --sites, or fewer --patients\n",
                    P.target, P.months, P.months == 1 ? "" : "s", P.sites, P.sites == 1 ? "" : "s");
            rc = EXIT_BAD_INPUT;
            goto done;
        }
    for (int i = 0; i < NFILES; i++) {
        writers[i](&bufs[i], &g);
        if (bufs[i].failed) {
            fprintf(stderr, "planner generate: %s: out of memory\n", file_names[i]);
            goto done;
        }
    }
    if (write_all(bufs, P.dir, err, sizeof err) != 0) {
        fprintf(stderr, "planner generate: %s; nothing written\n", err);
        goto done;
    }
    char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
    int total = g.npatients + g.nforecast_patients;
    for (int i = 0; i < g.npatients; i++)
        total -= g.patients[i].replaces_k != 0;
    fprintf(stderr, "planner generate: %s/scenario.ini: %s .. %s, about %d patient%s, %d room%s, %d staff, %d material%s, %d site%s\n",
            P.dir, date_format(g.start, d1), date_format(g.end, d2), total, total == 1 ? "" : "s",
            g.nrooms, g.nrooms == 1 ? "" : "s", g.npersons, g.nmaterials, g.nmaterials == 1 ? "" : "s",
            g.nsites, g.nsites == 1 ? "" : "s");
    rc = EXIT_DONE;
done:
    for (int i = 0; i < NFILES; i++)
        free(bufs[i].p);
    gen_free(&g);
    return rc;
}
