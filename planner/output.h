/* What plan writes and how: the formats of the plan directory and the CSV
 * dialect of its CSV files, from the scenario's [output] keys and the
 * plan flags that replace them (--csv NAME, --formats LIST).
 * docs/output-formats.md is the user's side of this.
 *
 *     struct output_settings o;
 *     if (output_from_scenario(&o, s, err, sizeof err) != 0 ||     [output]
 *         output_set_csv(&o, "excel-fr", err, sizeof err) != 0)    --csv
 *         ... err says why ...
 *     plan_files_publish_as(&view, dir, &o, check, arg, err, sizeof err);
 *
 * A format is a word that rows of the writers' table (planner/plan_files.c)
 * name: the formats that exist are those rows' words, and the default is
 * every one of them. csv is always written: verify, --previous and week
 * read a plan from its CSV files. */
#ifndef PLANNER_OUTPUT_H
#define PLANNER_OUTPUT_H

#include <stddef.h>

#include "models/scenario.h"
#include "planner/csv_write.h"

struct output_settings {
    struct csv_dialect csv;     /* the dialect of every CSV file */
    unsigned long files;        /* bit i: plan_files[i] is written */
};

/* The defaults: RFC 4180 (planner/csv_write.h) and every format. */
void output_init(struct output_settings *o);

/* The defaults with the scenario's [output] keys over them. Returns 0, or
 * -1 with the reason in err ("s.ini: [output] formats: ..."): a format
 * the scenario names has no writer in this program, or csv is left out. */
int output_from_scenario(struct output_settings *o, const struct scenario *s, char *err,
                         size_t size);

/* --csv NAME: a named dialect replaces delimiter, decimal and bom:
 * rfc4180 (',' '.' no BOM), excel (',' '.' BOM), excel-fr (';' ',' BOM).
 * Returns 0, or -1 with the reason in err. */
int output_set_csv(struct output_settings *o, const char *name, char *err, size_t size);

/* --formats LIST: the formats written, space- or comma-separated. Returns
 * 0, or -1 with the reason in err (an unknown format, csv left out). */
int output_set_formats(struct output_settings *o, const char *list, char *err, size_t size);

/* The formats that exist, space-separated in table order ("csv xlsx"),
 * into buf (size bytes). Returns buf. */
char *output_format_names(char *buf, size_t size);

/* The named dialects, space-separated ("rfc4180 excel excel-fr"). */
extern const char output_csv_names[];

#endif
