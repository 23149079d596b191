/* The formulation: the weights of the objective levels, then the rule
 * families from a table, one row each (SCIP's plug-in habit): adding a
 * family is adding its file and its row. */
#include "solver/formulate.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "solver/rule.h"

struct rule_family {
    const char *name;       /* as in its file name, rule_<name>.c */
    rule_family_fn *add;
};

/* The order is the model's: it fixes the column and row numbers, hence the
 * exported model and, through GLPK's search, the plan. */
static const struct rule_family families[] = {
    {"starts", rule_starts},
    {"rooms", rule_rooms},
    {"staff", rule_staff},
    {"materials", rule_materials},
};

/* Unserved and delay can share one objective exactly when the weighted
 * unserved count moves in steps of at least some known delta: with
 * priorities that are whole multiples of 10^-k (k <= 6), delta = 10^-k, and
 * W = (1 + largest possible weighted delay) / delta makes the smallest
 * change of weighted unserved outweigh any delay. Priorities like 1/3 have
 * no such delta: the levels are then solved one after the other. */
static void choose_weights(struct model *M)
{
    const struct scenario *s = M->s;
    const struct cands *C = M->C;
    double total = 0, scale = 1;
    int k = 0;
    for (; k <= 6; k++, scale *= 10) {
        int ok = 1;
        for (int p = 0; p < s->npatients && ok; p++) {
            double w = s->patients[p].priority * scale;
            ok = fabs(w - floor(w + 0.5)) < 1e-9 * (1 + w);
        }
        if (ok)
            break;
    }
    for (int p = 0; p < s->npatients; p++) {
        int worst = 0;
        for (int c = C->first[p]; c < C->first[p] + C->count[p]; c++)
            if (C->c[c].delay > worst)
                worst = C->c[c].delay;
        total += s->patients[p].priority * worst;
    }
    M->unserved_weight = (1 + ceil(total)) * scale;
    /* Past ~1e9 the combined coefficients lose the unit steps in the
     * simplex's double arithmetic: stage instead. */
    M->combined = k <= 6 && M->unserved_weight < 1e9;
}

struct model *formulate_build(const struct scenario *s, const struct cands *C, int names)
{
    struct model *M = model_new(s, C, names);
    if (!M)
        return NULL;
    choose_weights(M);
    for (size_t f = 0; f < sizeof families / sizeof families[0] && !M->oom; f++) {
        int nnz = M->nnz, nrows = M->nrows;
        if (families[f].add(M) < 0)
            M->oom = 1;
        /* A family writes only in its own rows, each pair once: a slip
         * here would abort GLPK far from its cause (families[f].name). */
        assert(M->oom || model_pairs_unique(M, nnz, nrows));
    }
    if (M->oom) {
        model_free(M);
        return NULL;
    }
    return M;
}
