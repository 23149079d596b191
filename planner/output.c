/* The plan's output settings (planner/output.h): named CSV dialects, the
 * formats of the writers' table, the scenario's [output] keys. */
#include "planner/output.h"

#include <stdio.h>
#include <string.h>

#include "planner/plan_files.h"

/* The named dialects of --csv. */
static const struct {
    const char *name;
    struct csv_dialect d;
} dialects[] = {
    {"rfc4180", {',', '.', 0, "\n"}},
    {"excel", {',', '.', 1, "\n"}},
    {"excel-fr", {';', ',', 1, "\n"}},
};
#define NDIALECTS ((int)(sizeof dialects / sizeof dialects[0]))

const char output_csv_names[] = "rfc4180 excel excel-fr";

static unsigned long every_file(void)
{
    return PLAN_FILES_N >= (int)(8 * sizeof(unsigned long)) ? ~0ul : (1ul << PLAN_FILES_N) - 1;
}

void output_init(struct output_settings *o)
{
    csvw_dialect_init(&o->csv);
    o->files = every_file();
}

char *output_format_names(char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < PLAN_FILES_N; i++) {
        int seen = !plan_files[i].format;
        for (int j = 0; j < i && !seen; j++)
            seen = plan_files[j].format && strcmp(plan_files[j].format, plan_files[i].format) == 0;
        if (seen)
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? " " : "", plan_files[i].format);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

/* The files of a list of formats (words separated by spaces, tabs or
 * commas); where names the list in messages. */
static int files_of(const char *list, const char *where, unsigned long *files, char *err, size_t size)
{
    static const char seps[] = " \t,";
    char names[128];
    unsigned long set = 0;
    int csv = 0;
    /* A row that names no format is always written. */
    for (int i = 0; i < PLAN_FILES_N; i++)
        if (!plan_files[i].format)
            set |= 1ul << i;
    for (const char *w = list + strspn(list, seps); *w; w += strspn(w, seps)) {
        size_t n = strcspn(w, seps);
        int found = 0;
        for (int i = 0; i < PLAN_FILES_N; i++)
            if (plan_files[i].format && strlen(plan_files[i].format) == n &&
                strncmp(plan_files[i].format, w, n) == 0) {
                set |= 1ul << i;
                found = 1;
            }
        if (!found) {
            snprintf(err, size, "%s: '%.*s' is not a format this planner writes (it writes: %s)", where,
                     (int)(n < 40 ? n : 40), w, output_format_names(names, sizeof names));
            return -1;
        }
        csv |= n == 3 && strncmp(w, "csv", 3) == 0;
        w += n;
    }
    if (!csv) {
        snprintf(err, size,
                 "%s: csv is always written (verify, week and --previous read the plan from its "
                 "CSV files): add csv to '%s'",
                 where, list);
        return -1;
    }
    *files = set;
    return 0;
}

int output_from_scenario(struct output_settings *o, const struct scenario *s, char *err,
                         size_t size)
{
    char where[512];
    output_init(o);
    if (s->out_delimiter)
        o->csv.delimiter = s->out_delimiter[0];
    if (s->out_decimal)
        o->csv.decimal = s->out_decimal[0];
    o->csv.bom = s->out_bom;
    snprintf(where, sizeof where, "%s: [output] formats", s->path ? s->path : "scenario");
    return s->out_formats ? files_of(s->out_formats, where, &o->files, err, size) : 0;
}

int output_set_csv(struct output_settings *o, const char *name, char *err, size_t size)
{
    for (int i = 0; i < NDIALECTS; i++)
        if (strcmp(dialects[i].name, name) == 0) {
            o->csv = dialects[i].d;
            return 0;
        }
    snprintf(err, size, "--csv: '%.40s' is not a CSV dialect (one of: %s)", name, output_csv_names);
    return -1;
}

int output_set_formats(struct output_settings *o, const char *list, char *err, size_t size)
{
    return files_of(list, "--formats", &o->files, err, size);
}
