/* planner check: validate a scenario and print what a planner wants to
 * know of it before planning. */
#include <stdlib.h>
#include <string.h>

#include "models/date.h"
#include "models/scenario.h"
#include "planner/commands.h"
#include "planner/options.h"
#include "planner/report.h"

/* check --help, after the options: every key of scenario.ini. */
static void print_keys(FILE *out)
{
    size_t n;
    const struct scn_key_doc *k = scn_keys(&n);
    fprintf(out, "Keys of scenario.ini:\n");
    int w = 12;
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(k[i].key) > w)
            w = (int)strlen(k[i].key);
    const char *section = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(section, k[i].section) != 0) {
            section = k[i].section;
            fprintf(out, "  [%s]\n", section);
        }
        fprintf(out, "    %-*s %-12s default %-20s %s\n", w, k[i].key, k[i].type, k[i].def, k[i].help);
    }
    fprintf(out, "  [merge]\n    %-*s %-12s default %-20s %s\n", w, "TABLE", "CSV file", "none",
            "rows added to or changing the table TABLE of [tables] (docs/scenario-format.md, section 7)");
}

static void print_horizon(const struct scenario *s)
{
    char a[DATE_BUFSZ], b[DATE_BUFSZ], c[DATE_BUFSZ];
    printf("Scenario   %s\n", s->name);
    printf("Horizon    %s .. %s, %d days (batches started by the end may use resources until %s)\n",
           date_format(s->start, a), date_format(s->end, b), s->end - s->start + 1,
           date_format(s->day_last, c));
    printf("Policy     allow_delay %s, max_delay ", s->allow_delay ? "yes" : "no");
    if (s->max_delay >= 0)
        printf("%d days", s->max_delay);
    else
        printf("none");
    printf("; time_limit %g s, mip_gap %g\n", s->time_limit, s->mip_gap);
}

static void print_patients(const struct scenario *s)
{
    int known = 0, fixed = 0;
    for (int i = 0; i < s->npatients; i++) {
        known += s->patients[i].kind == PATIENT_KNOWN;
        fixed += s->patients[i].fixed_start != DATE_NONE;
    }
    printf("\nPatients   %d in the horizon: %d known, %d forecast", s->npatients, known,
           s->npatients - known);
    if (fixed)
        printf(", %d with a fixed batch", fixed);
    printf("\n");
    int w = 4;
    for (int i = 0; i < s->nsites; i++)
        if (report_width(s->sites[i].id) > w)
            w = report_width(s->sites[i].id);
    printf("  ");
    report_pad(stdout, "site", w);
    printf("  known  forecast  ship  leaves on\n");
    for (int i = 0; i < s->nsites; i++) {
        const struct site *si = &s->sites[i];
        int k = 0, f = 0;
        char wd[64];
        for (int j = 0; j < s->npatients; j++)
            if (s->patients[j].site == i) {
                if (s->patients[j].kind == PATIENT_KNOWN)
                    k++;
                else
                    f++;
            }
        printf("  ");
        report_pad(stdout, si->id, w);
        printf("  %5d  %8d  %2d d  ", k, f, si->ship_days);
        report_pad(stdout, wd_format(si->ship_weekdays, wd, sizeof wd), 9);
        printf(" ");
        report_pad(stdout, si->name, 0);
        printf("\n");
    }
    if (s->beyond_horizon || s->forecast_before || s->forecast_after || s->forecast_replaced)
        printf("  left out: %d known beyond the horizon; forecast: %d included before start, "
               "%d ready after end, %d replaced by known patients\n",
               s->beyond_horizon, s->forecast_before, s->forecast_after, s->forecast_replaced);
}

static void print_processes(const struct scenario *s)
{
    char a[DATE_BUFSZ], b[DATE_BUFSZ], wd[64];
    printf("\nProcesses  %d\n", s->nprocesses);
    for (int i = 0; i < s->nprocesses; i++) {
        const struct process *p = &s->processes[i];
        printf("  %-8s %d d manufacturing + %d d changeover, released %d d after, starts %s", p->id,
               p->duration, p->changeover, p->qc_days, wd_format(p->start_days, wd, sizeof wd));
        if (p->approved_from != DATE_NONE || p->approved_until != DATE_FAR)
            printf(", approved %s .. %s",
                   p->approved_from == DATE_NONE ? "always" : date_format(p->approved_from, a),
                   p->approved_until == DATE_FAR ? "on" : date_format(p->approved_until, b));
        if (p->room_type)
            printf(", rooms of type %s", p->room_type);
        printf("\n");
    }
}

static void print_rooms(const struct scenario *s)
{
    long total = 0;
    int *open = calloc((size_t)s->nrooms + 1, sizeof *open);
    if (!open)
        return;
    for (int r = 0; r < s->nrooms; r++) {
        for (int d = s->start; d <= s->end; d++)
            open[r] += scn_room_open(s, r, d);
        total += (long)open[r] * s->rooms[r].capacity;
    }
    printf("\nRooms      %d, %ld available place-days from start to end\n", s->nrooms, total);
    for (int r = 0; r < s->nrooms; r++) {
        const struct room *ro = &s->rooms[r];
        printf("  %-8s type %-8s capacity %d, open %d of %d days, %g per batch-day\n", ro->id,
               ro->type[0] ? ro->type : "-", ro->capacity, open[r], s->end - s->start + 1,
               ro->cost_per_day);
    }
    free(open);
}

static void print_staff(const struct scenario *s)
{
    printf("\nStaff      %d person%s, %d skill%s\n", s->npersons, s->npersons == 1 ? "" : "s",
           s->nskills, s->nskills == 1 ? "" : "s");
    if (s->nskills)
        printf("  %-12s persons  person-hours from start to end (a person with several skills "
               "counts in each)\n", "skill");
    for (int k = 0; k < s->nskills; k++) {
        int n = 0;
        double hours = 0;
        for (int p = 0; p < s->npersons; p++) {
            if (!scn_person_has_skill(s, p, k))
                continue;
            n++;
            for (int d = s->start; d <= s->end; d++)
                hours += scn_person_hours(s, p, d);
        }
        printf("  %-12s %7d  %.0f\n", s->skills[k], n, hours);
    }
    if (s->nholidays)
        printf("  %d public holidays, %d roster exceptions in shifts\n", s->nholidays, s->nshifts);
}

static void print_materials(const struct scenario *s)
{
    printf("\nMaterials  %d, %d deliveries already ordered\n", s->nmaterials, s->ndeliveries);
    int wm = 8, wu = 4;
    for (int m = 0; m < s->nmaterials; m++) {
        int a = report_width(s->materials[m].id), b = report_width(s->materials[m].unit);
        wm = a > wm ? a : wm;
        wu = b > wu ? b : wu;
    }
    if (s->nmaterials) {
        printf("  ");
        report_pad(stdout, "material", wm);
        printf(" ");
        report_pad(stdout, "unit", wu);
        printf(" %10s %5s  %-10s %s\n", "on hand", "lots", "lead time", "shelf life");
    }
    for (int m = 0; m < s->nmaterials; m++) {
        const struct material *mt = &s->materials[m];
        double on_hand = 0;
        int lots = 0;
        for (int i = 0; i < s->nlots; i++)
            if (s->lots[i].material == m) {
                lots++;
                if (s->lots[i].arrival == s->start)
                    on_hand += s->lots[i].quantity;
            }
        char lead[32], life[32];
        if (mt->lead_time >= 0)
            snprintf(lead, sizeof lead, "%d d", mt->lead_time);
        else
            snprintf(lead, sizeof lead, "no orders");
        if (mt->shelf_life > 0)
            snprintf(life, sizeof life, "%d d", mt->shelf_life);
        else
            snprintf(life, sizeof life, "-");
        printf("  ");
        report_pad(stdout, mt->id, wm);
        printf(" ");
        report_pad(stdout, mt->unit[0] ? mt->unit : "-", wu);
        printf(" %10g %5d  %-10s %s\n", on_hand, lots, lead, life);
    }
}

/* ---- variants ------------------------------------------------------------ */

/* Likely mistakes that are valid input: a process version with no steps
 * (or no bom rows) among versions that have some looks perfect in a plan
 * (no staff, no material) while it is only unfinished; a forecast that a
 * [whatif] scales to zero is rarely meant. Added to d before it is shown. */
static void variant_warnings(const struct scenario *s, diag_list *d)
{
    int with_steps = 0, with_bom = 0;
    for (int i = 0; i < s->nprocesses; i++) {
        with_steps += s->processes[i].nsteps > 0;
        with_bom += s->processes[i].nbom > 0;
    }
    for (int i = 0; i < s->nprocesses; i++) {
        const struct process *p = &s->processes[i];
        if (!p->nsteps && with_steps)
            diag_add(d, DIAG_WARNING, p->file, p->line,
                     "process '%s' has no steps while %d other version%s %s: its batches would need no staff "
                     "(add its rows to steps.csv, or [merge] steps = ...)",
                     p->id, with_steps, with_steps == 1 ? "" : "s", with_steps == 1 ? "has some" : "have some");
        if (!p->nbom && with_bom)
            diag_add(d, DIAG_WARNING, p->file, p->line,
                     "process '%s' has no bom rows while %d other version%s %s: its batches would use no "
                     "material (add its rows to bom.csv, or [merge] bom = ...)",
                     p->id, with_bom, with_bom == 1 ? "" : "s", with_bom == 1 ? "has some" : "have some");
    }
    for (int si = 0; si < s->nsites; si++) {
        double given = 0;
        for (int i = 0; i < s->nforecast; i++)
            if (s->forecast[i].site == si)
                given += s->forecast[i].given;
        if (given <= 0 || s->sites[si].enrollment_scale > 0)
            continue;
        /* The modifier that set it: the site's own key, else the global. */
        const struct scn_modifier *by = NULL;
        for (int i = 0; i < s->nmodifiers; i++) {
            const struct scn_modifier *m = &s->modifiers[i];
            if (strcmp(m->key, "enrollment_scale") == 0 && (m->target == si || (!m->suffix && !by)))
                by = m;
        }
        diag_add(d, DIAG_WARNING, by ? by->file : s->path, by ? by->line : 0,
                 "enrollment_scale%s%s = 0 removes the forecast of site '%s' (%g expected inclusion%s)",
                 by && by->suffix ? "." : "", by && by->suffix ? by->suffix : "", s->sites[si].id, given,
                 given == 1 ? "" : "s");
    }
}

/* The site or material a suffix names, as its table spells it. */
static const char *suffix_id(const struct scenario *s, const struct scn_modifier *m)
{
    if (m->target < 0)
        return m->suffix;
    return strcmp(m->suffix_of, "site") == 0 ? s->sites[m->target].id : s->materials[m->target].id;
}

/* What the modifiers do, in the scenario's own figures: the expected
 * inclusions per site, the forecast dropped before a site opens, the lead
 * times changed. */
static void print_effects(const struct scenario *s)
{
    char a[DATE_BUFSZ];
    int scaled = 0, opens = 0, lead = 0;
    for (int i = 0; i < s->nmodifiers; i++) {
        const struct scn_modifier *m = &s->modifiers[i];
        if (strcmp(m->key, "site_opens") == 0) {
            printf("  whatif  %s.%s = %s\n", m->key, suffix_id(s, m), date_format((int)m->value, a));
            opens = 1;
        } else {
            printf("  whatif  %s%s%s = %g\n", m->key, m->suffix ? "." : "", m->suffix ? suffix_id(s, m) : "",
                   m->value);
            scaled |= strcmp(m->key, "enrollment_scale") == 0;
            lead |= strncmp(m->key, "lead_time_", 10) == 0;
        }
    }
    if (scaled) {
        const char *sep = "  effect  expected inclusions ";
        for (int si = 0; si < s->nsites; si++) {
            double given = 0, now = 0;
            int rows = 0;
            for (int i = 0; i < s->nforecast; i++)
                if (s->forecast[i].site == si) {
                    given += s->forecast[i].given;
                    now += s->forecast[i].patients;
                    rows++;
                }
            if (rows) {
                printf("%s%s %g -> %g", sep, s->sites[si].id, given, now);
                sep = ", ";
            }
        }
        printf("\n");
    }
    if (opens)
        printf("  effect  %d forecast patient%s included before %s site opens dropped\n", s->forecast_unopened,
               s->forecast_unopened == 1 ? "" : "s", s->forecast_unopened == 1 ? "its" : "their");
    if (lead) {
        const char *sep = "  effect  lead times ";
        int shown = 0;
        for (int mi = 0; mi < s->nmaterials; mi++) {
            const struct material *mt = &s->materials[mi];
            if (mt->lead_time == mt->lead_time_given)
                continue;
            if (shown++ == 8) {
                printf(", ...");
                break;
            }
            printf("%s%s %d -> %d d", sep, mt->id, mt->lead_time_given, mt->lead_time);
            sep = ", ";
        }
        printf("%s\n", shown ? "" : "  effect  no lead time changes");
    }
}

/* What a variant changes against its base: merged rows per file, tables
 * named again, modifiers. Nothing for a scenario without base or whatif. */
static void print_changes(const struct scenario *s)
{
    int replaced = 0;
    for (int t = 0; t < 16; t++)
        if (s->tables[t] && s->table_ini[t] && s->root_path && strcmp(s->table_ini[t], s->root_path) != 0) {
            int whole = 0;
            for (int i = 0; i < s->nmerges; i++)
                whole |= s->merges[i].whole && s->merges[i].slot == t;
            replaced += !whole;
        }
    if (!s->base_path && !s->nmerges && !s->nmodifiers)
        return;
    printf("\nVariant    ");
    if (s->base_path)
        printf("of %s: ", s->base_path);
    printf("%d merge%s, %d table%s named again, %d modifier%s\n", s->nmerges, s->nmerges == 1 ? "" : "s",
           replaced, replaced == 1 ? "" : "s", s->nmodifiers, s->nmodifiers == 1 ? "" : "s");
    int w = 0;
    for (int i = 0; i < s->nmerges; i++)
        if (report_width(s->merges[i].table) > w)
            w = report_width(s->merges[i].table);
    for (int i = 0; i < s->nmerges; i++) {
        const struct scn_merge *m = &s->merges[i];
        printf("  merge   ");
        report_pad(stdout, m->table, w);
        if (m->whole)
            printf("  %s: %d row%s, a table of its own\n", m->path, m->added, m->added == 1 ? "" : "s");
        else {
            printf("  %s: %d changed, %d added", m->path, m->changed, m->added);
            if (m->same)
                printf(", %d changing nothing", m->same);
            printf("\n");
        }
    }
    for (int t = 0; t < 16; t++)
        if (s->tables[t] && s->table_ini[t] && s->root_path && strcmp(s->table_ini[t], s->root_path) != 0) {
            int whole = 0;
            for (int i = 0; i < s->nmerges; i++)
                whole |= s->merges[i].whole && s->merges[i].slot == t;
            if (!whole)
                printf("  table   %s, named in %s\n", s->tables[t], s->table_ini[t]);
        }
    print_effects(s);
}

int cmd_check(int argc, char **argv)
{
    int quiet = 0;
    const struct opt rows[] = {
        {.key = 'q', .name = "quiet", .kind = OPT_FLAG, .help = "no summary and no warnings: errors only",
         .to = &quiet},
    };
    const struct opt_command cmd = {
        .name = "check",
        .operands = "SCENARIO.ini",
        .about = "Reads the scenario and every table it names, lists every problem as\n"
                 "FILE:LINE: message (errors, then warnings marked as such), and prints a\n"
                 "summary: horizon, patients per site, rooms and room-days, staff hours\n"
                 "per skill, materials.\n",
        .rows = rows,
        .nrows = sizeof rows / sizeof rows[0],
        .more = print_keys,
        .epilogue = "Exit status: 0 valid, 2 invalid (or a usage error).\n",
    };
    struct opt_operands ops;
    int parsed = opt_parse(&cmd, argc, argv, NULL, &ops);
    if (parsed != OPT_OK)
        return parsed == OPT_HELP ? EXIT_DONE : parsed;
    if (ops.n > 1) {
        fprintf(stderr, "planner check: one scenario at a time ('%s' and '%s')\n", ops.v[0], ops.v[1]);
        return EXIT_BAD_INPUT;
    }
    const char *path = ops.n ? ops.v[0] : NULL;
    if (!path || !*path) {
        fprintf(stderr, "planner check: which scenario? usage: planner check [-q] SCENARIO.ini\n");
        return EXIT_BAD_INPUT;
    }
    diag_list *d = diag_new();
    if (!d) {
        fprintf(stderr, "planner: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    struct scenario *s = NULL;
    enum scn_status st = scn_load(path, d, &s);
    report_warn_empty(d, s);
    if (st == SCN_OK)
        variant_warnings(s, d);
    report_diags(stderr, d, quiet);
    int rc = EXIT_DONE;
    if (st != SCN_OK) {
        fprintf(stderr, "planner check: %s: %zu error%s, %zu warning%s\n", path, diag_errors(d),
                diag_errors(d) == 1 ? "" : "s", diag_warnings(d), diag_warnings(d) == 1 ? "" : "s");
        rc = EXIT_BAD_INPUT;
    } else if (!quiet) {
        print_horizon(s);
        print_patients(s);
        print_processes(s);
        print_rooms(s);
        print_staff(s);
        print_materials(s);
        print_changes(s);
        printf("\n%s: valid, %zu warning%s\n", path, diag_warnings(d),
               diag_warnings(d) == 1 ? "" : "s");
    }
    scn_free(s);
    diag_free(d);
    return rc;
}
