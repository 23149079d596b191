/* Internal to models/: what scenario.c and the table readers share while a
 * scenario is being loaded. Not part of the models' public surface. */
#ifndef MODELS_LOAD_H
#define MODELS_LOAD_H

#include <stddef.h>

#include "models/diag.h"
#include "models/scenario.h"
#include "models/csv_table.h"

/* Table slots in struct scenario's tables[]. */
enum load_table {
    TBL_SITES, TBL_PATIENTS, TBL_FORECAST, TBL_PROCESSES, TBL_STEPS, TBL_BOM,
    TBL_ROOMS, TBL_ROOM_SLOTS, TBL_STAFF, TBL_SHIFTS, TBL_HOLIDAYS,
    TBL_MATERIALS, TBL_DELIVERIES, TBL_COUNT
};

/* An index from ids to positions (the tables may hold 200,000 rows). */
struct idmap {
    const char **keys;
    int *vals;
    size_t cap;              /* a power of two, at least twice the count */
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
/* Expands forecast rows into patients and merges them with the known
 * patients (contract: forecast.csv). Called by load_tables. */
int load_forecast(struct load *L, table *forecast, struct patient *known,
                  int nknown, const char **replaces);
/* Checks that fixed batches alone fit rooms, staff and materials. */
void load_check_fixed(struct load *L);

#endif
