#include <string.h>

#include "models/scenario.h"
#include "planner/report.h"

/* s with control characters (ESC, BEL, line breaks, C1 controls) shown
 * as \xNN: a path or a message must never steer the terminal. */
static void put_escaped(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02X", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fprintf(out, "\\xC2\\x%02X", p[1]);
            p++;
        } else
            fputc(*p, out);
}

void report_warn_empty(diag_list *d, const struct scenario *s)
{
    if (!s || s->npatients > 0)
        return;
    diag_add(d, DIAG_WARNING, s->path, 0,
             "no patient to plan: the patients table has none and the forecast none in the "
             "horizon; the plan will be empty");
}

void report_diags(FILE *out, const diag_list *d, int quiet)
{
    size_t shown = 0, hidden_errors = 0, hidden_warnings = 0;
    for (size_t i = 0; i < diag_kept(d); i++) {
        const struct diag *g = diag_get(d, i);
        if (quiet && g->level == DIAG_WARNING)
            continue;
        if (shown >= REPORT_MAX_SHOWN) {
            if (g->level == DIAG_ERROR)
                hidden_errors++;
            else
                hidden_warnings++;
            continue;
        }
        const char *lvl = g->level == DIAG_WARNING ? "warning: " : "";
        if (g->file) {
            put_escaped(out, g->file);
            if (g->line > 0)
                fprintf(out, ":%d", g->line);
            fprintf(out, ": %s", lvl);
        } else
            fprintf(out, "planner: %s", lvl);
        put_escaped(out, g->msg);
        fputc('\n', out);
        shown++;
    }
    /* Past DIAG_KEEP the list holds counts only. */
    size_t kept_e = 0, kept_w = 0;
    for (size_t i = 0; i < diag_kept(d); i++)
        if (diag_get(d, i)->level == DIAG_ERROR)
            kept_e++;
        else
            kept_w++;
    hidden_errors += diag_errors(d) - kept_e;
    hidden_warnings += diag_warnings(d) - kept_w;
    if (quiet)
        hidden_warnings = 0;
    if (hidden_errors || hidden_warnings)
        fprintf(out, "... and %zu more error%s and %zu more warning%s not shown\n", hidden_errors,
                hidden_errors == 1 ? "" : "s", hidden_warnings, hidden_warnings == 1 ? "" : "s");
}

int report_width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xc0) != 0x80;
    return w;
}

void report_pad(FILE *out, const char *s, int width)
{
    /* A quoted cell may hold a line break: keep the table on its rows. */
    for (const char *c = s; *c; c++)
        fputc(*c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c, out);
    for (int w = report_width(s); w < width; w++)
        fputc(' ', out);
}
