/* planner generate: a seeded generator of realistic synthetic scenarios;
 * this file holds the presets and the command line, and builds the
 * scenario from its parts (planner/gen.h lists the files that make them).
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
 * The files are built in memory and written all or nothing
 * (planner/gen_files.c). */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "models/date.h"
#include "planner/commands.h"
#include "planner/gen.h"
#include "planner/options.h"

/* ---- presets ---------------------------------------------------------------- */

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
    char err[512];
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
    if (gen_files_write(&g, P.dir, err, sizeof err) != 0) {
        fprintf(stderr, "planner generate: %s\n", err);
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
    gen_free(&g);
    return rc;
}
