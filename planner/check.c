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
    const char *section = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(section, k[i].section) != 0) {
            section = k[i].section;
            fprintf(out, "  [%s]\n", section);
        }
        fprintf(out, "    %-12s %-12s default %-20s %s\n", k[i].key, k[i].type, k[i].def, k[i].help);
    }
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
        printf("\n%s: valid, %zu warning%s\n", path, diag_warnings(d),
               diag_warnings(d) == 1 ? "" : "s");
    }
    scn_free(s);
    diag_free(d);
    return rc;
}
