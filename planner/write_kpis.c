/* kpis.csv: the plan's figures (the view's KPIs) and the solver's status,
 * bound, gap and time, one "kpi,value" row each. */
#include "planner/plan_writers.h"

#include "planner/number.h"

static void kpi_text(struct csv_writer *w, const char *name, const char *value)
{
    const char *row[2] = {name, value};
    csvw_row(w, row, 2, 0);
}

static void kpi_number(struct csv_writer *w, const char *name, const char *value)
{
    const char *row[2] = {name, value};
    csvw_row(w, row, 2, 1ul << 1);
}

static void kpi_int(struct csv_writer *w, const char *name, int value)
{
    char buf[NUM_BUFSZ];
    snprintf(buf, sizeof buf, "%d", value);
    kpi_number(w, name, buf);
}

static void kpi_num(struct csv_writer *w, const char *name, double value)
{
    char buf[NUM_BUFSZ];
    kpi_number(w, name, num_figure(value, buf));
}

static void kpi_money(struct csv_writer *w, const char *name, double value)
{
    char buf[NUM_BUFSZ];
    kpi_number(w, name, num_money(value, buf));
}

int write_kpis(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    const struct plan_kpis *k = &v->k;
    const struct solution *sol = v->sol;
    char buf[NUM_BUFSZ];
    struct csv_writer w;
    csvw_to_file(&w, f, d);
    kpi_text(&w, "kpi", "value");
    kpi_int(&w, "patients", k->patients);
    kpi_int(&w, "beyond_horizon", k->beyond_horizon);
    kpi_int(&w, "on_time", k->on_time);
    kpi_int(&w, "late", k->late);
    kpi_int(&w, "unserved", k->unserved);
    kpi_num(&w, "weighted_unserved", k->weighted_unserved);
    kpi_int(&w, "total_delay_days", k->total_delay_days);
    kpi_num(&w, "weighted_delay", k->weighted_delay);
    kpi_int(&w, "max_delay_days", k->max_delay_days);
    kpi_num(&w, "room_utilization", k->room_utilization);
    kpi_num(&w, "staff_utilization", k->staff_utilization);
    kpi_money(&w, "room_cost", k->room_cost);
    kpi_money(&w, "material_cost", k->material_cost);
    kpi_money(&w, "waste_cost", k->waste_cost);
    kpi_money(&w, "cost", k->cost);
    kpi_text(&w, "status", solve_status_name(sol->status));
    kpi_number(&w, "delay_bound", sol->delay_bound < 0 ? "" : num_figure(sol->delay_bound, buf));
    kpi_num(&w, "gap", sol->gap);
    kpi_num(&w, "solve_seconds", sol->seconds);
    /* Beyond the contract's list. */
    kpi_int(&w, "batches", k->batches);
    kpi_int(&w, "orders", k->orders);
    return 0;
}
