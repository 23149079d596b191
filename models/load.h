/* Internal to models/: what scenario.c and the table readers share while a
 * scenario is being loaded. Not part of the models' public surface. */
#ifndef MODELS_LOAD_H
#define MODELS_LOAD_H

#include <stddef.h>

#include "models/cells.h"
#include "models/csv_table.h"
#include "models/diag.h"
#include "models/idmap.h"
#include "models/scenario.h"

/* Table slots in struct scenario's tables[]. */
enum load_table {
    TBL_SITES, TBL_PATIENTS, TBL_FORECAST, TBL_PROCESSES, TBL_STEPS, TBL_BOM,
    TBL_ROOMS, TBL_ROOM_SLOTS, TBL_STAFF, TBL_SHIFTS, TBL_HOLIDAYS,
    TBL_MATERIALS, TBL_DELIVERIES, TBL_COUNT
};

struct load_maps {
    struct idmap sites, processes, rooms, persons, skills, materials;
};

struct load {
    struct scenario *s;
    diag_list *d;
    arena *mem;
    int oom;                /* set when an allocation failed */
    struct load_maps maps;  /* ids of the tables read so far */
    /* the row being read */
    table *t;
    size_t row;
};

/* Reads every table named in s->tables into s and checks references.
 * Returns 0, or -1 when memory ran out (errors are in d either way). */
int load_tables(struct load *L);
/* Opens the table of slot which (enum load_table) for reading with c;
 * NULL when the scenario names no such table or it cannot be read (the
 * error is in L->d). Defined in tables.c. */
table *load_open(struct load *L, int which, const struct tab_column *cols, int ncols,
                 struct cells *c);
/* The file name of slot which as the scenario names it, for "is not a
 * site in my-sites.csv"; def, the contract's name, when it names none. */
const char *load_tname(const struct load *L, int which, const char *def);
/* Reads forecast.csv, expands its rows into patients and merges them with
 * the nknown known patients into s->patients (contract: forecast.csv).
 * Called by load_tables; defined in forecast.c. */
int load_forecast(struct load *L, struct patient *known, int nknown, const char **replaces);
/* Checks that fixed batches alone fit rooms, staff and materials. */
void load_check_fixed(struct load *L);

#endif
