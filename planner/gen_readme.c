/* planner generate, README.md: what a generated scenario holds and how
 * it was made, with the command that makes exactly these files. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "models/date.h"
#include "planner/gen.h"
#include "planner/number.h"
#include "planner/strbuf.h"

/* Millionths as a decimal with '.': 1500000 -> "1.5", 1000000 -> "1". */
static const char *fmt_millionths(int v, char buf[NUM_BUFSZ])
{
    int n = snprintf(buf, NUM_BUFSZ, "%d.%06d", v / 1000000, v % 1000000);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

/* The command that makes exactly these files, every value spelled out. */
static void canonical_command(struct strbuf *b, const struct gen_params *P)
{
    char t[NUM_BUFSZ];
    sb_printf(b,
              "planner generate --size %s --patients %d --months %d --rooms %d --staff %d "
              "--materials %d --sites %d --seed %" PRIu64 " --tightness %s -o DIR",
              P->preset->name, P->patients, P->months, P->rooms, P->staff, P->materials, P->sites,
              P->seed, fmt_millionths(P->tightness, t));
}

void gen_write_readme(struct strbuf *b, const struct gen *g)
{
    const struct gen_params *P = g->P;
    char name[128], d1[DATE_BUFSZ], d2[DATE_BUFSZ], wd[64], t[NUM_BUFSZ];
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
    sb_printf(b, "# %s\n\n", gen_scenario_name(g, name, sizeof name));
    sb_puts(b, "**Synthetic data, not company data.** This scenario was made by\n"
               "`planner generate`; every figure is drawn at random within ranges that\n"
               "are realistic for autologous CAR-T-like cell therapy. The same command\n"
               "writes the same bytes on every machine.\n\n"
               "Made by (DIR is this directory):\n\n```\n");
    canonical_command(b, P);
    sb_printf(b, "\n```\n\nwhich is the %s preset (`--size %s`) with the values above.\n\n", P->preset->label,
              P->preset->name);
    sb_puts(b, "```\nplanner check scenario.ini\nplanner plan  scenario.ini -o plan\n"
               "planner verify scenario.ini plan\n```\n\n## What it holds\n\n| | |\n|---|---|\n");
    sb_printf(b, "| horizon | %s .. %s (%d months) |\n", date_format(g->start, d1), date_format(g->end, d2),
              P->months);
    sb_printf(b, "| facility | %s (public holidays of %s) |\n", g->country->facility, g->country->country);
    sb_printf(b, "| patients | about %d in the horizon (%d x tightness %s): %d known, of which %d running "
                 "on the first day, %d of priority 2, %d with cryopreserved starting material; %d from "
                 "the forecast |\n",
              g->npatients + g->nforecast_patients - replaced, P->patients,
              fmt_millionths(P->tightness, t), g->npatients, g->nfixed, prio, cryo,
              g->nforecast_patients - replaced);
    sb_printf(b, "| sites | %d |\n", g->nsites);
    sb_printf(b, "| processes | v1 %d days until %s, v2 %d days from %s; QC %d days; changeover %d |\n",
              g->proc[0].duration, date_format(g->proc[0].approved_until, d1), g->proc[1].duration,
              date_format(g->proc[1].approved_from, d2), g->proc[0].qc_days, g->proc[0].changeover);
    sb_printf(b, "| rooms | %d (%d places): %d grade B in %d suite%s, %d shared, %d grade C; %d with two "
                 "isolators |\n",
              g->nrooms, g->places, nb - nshared, g->nsuites, g->nsuites == 1 ? "" : "s", nshared, nc, cap2);
    sb_printf(b, "| staff | %d: %d operators, %d QC, %d supervisors (multi-skilled counted in each), %d "
                 "multi-skilled, %d part-time |\n",
              g->npersons, count[0], count[1], count[2], multi, part);
    sb_printf(b, "| materials | %d, %d purchase order%s already placed |\n\n", g->nmaterials, g->ndeliveries,
              g->ndeliveries == 1 ? "" : "s");

    sb_puts(b, "## Sites\n\n| site | name | ship days | leaves on | ready after | due after | forecast from |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < g->nsites; i++) {
        const struct gsite *s = &g->sites[i];
        int y, mo, dd;
        date_to_ymd(gen_month_first_day(g, s->active_from > 1 ? s->active_from : 1), &y, &mo, &dd);
        sb_printf(b, "| %s | %s | %d | %s | %d | %d | %04d-%02d |\n", s->def->id, s->def->name, s->def->ship_days,
                  gen_fmt_weekdays(s->ship_mask, wd, sizeof wd), s->ready_after, s->due_after, y, mo);
    }
    sb_puts(b,
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
