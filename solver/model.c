/* The schedule model's arrays: columns, rows and coefficients, grown as
 * the rule families add them (formulate.c says which and in what order). */
#include "solver/model.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(void **p, int *cap, int need, size_t size)
{
    if (need < *cap)
        return 0;
    int ncap = *cap ? *cap * 2 : 1024;
    while (ncap <= need)
        ncap *= 2;
    void *np = realloc(*p, (size_t)ncap * size);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

static char *vname(const char *fmt, va_list ap)
{
    char buf[256];
    vsnprintf(buf, sizeof buf, fmt, ap);
    return strdup(buf);
}

int model_col(struct model *M, enum col_kind kind, double lb, double ub, const char *fmt, ...)
{
    assert(kind == COL_BINARY || kind == COL_CONTINUOUS);
    if (M->oom)
        return 0;
    int j = M->ncols + 1, cap = M->cap_cols, ok = 1;
    if (j >= cap) {
        /* Every per-column array grows together. */
        int c = cap;
        ok = grow((void **)&M->kind, &c, j, 1) == 0;
        c = cap;
        ok = ok && grow((void **)&M->lb, &c, j, sizeof(double)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ub, &c, j, sizeof(double)) == 0;
        for (int l = 0; l < NLEVELS && ok; l++) {
            c = cap;
            ok = grow((void **)&M->obj[l], &c, j, sizeof(double)) == 0;
        }
        c = cap;
        ok = ok && grow((void **)&M->y_skill, &c, j, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->col_name, &c, j, sizeof(char *)) == 0;
        if (!ok) {
            M->oom = 1;
            return 0;
        }
        M->cap_cols = c;
    }
    M->ncols = j;
    M->kind[j] = (unsigned char)kind;
    M->lb[j] = lb;
    M->ub[j] = ub;
    for (int l = 0; l < NLEVELS; l++)
        M->obj[l][j] = 0;
    M->y_skill[j] = -1;
    M->col_name[j] = NULL;
    if (kind == COL_BINARY)
        M->nbinaries++;
    if (M->names) {
        va_list ap;
        va_start(ap, fmt);
        M->col_name[j] = vname(fmt, ap);
        va_end(ap);
        if (!M->col_name[j])
            M->oom = 1;
    }
    return j;
}

int model_row(struct model *M, enum row_sense sense, double rhs, const char *fmt, ...)
{
    assert(sense == ROW_LE || sense == ROW_GE || sense == ROW_EQ);
    if (M->oom)
        return 0;
    int i = M->nrows + 1, cap = M->cap_rows, ok = 1;
    if (i >= cap) {
        int c = cap;
        ok = grow((void **)&M->sense, &c, i, 1) == 0;
        c = cap;
        ok = ok && grow((void **)&M->rhs, &c, i, sizeof(double)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->row_name, &c, i, sizeof(char *)) == 0;
        if (!ok) {
            M->oom = 1;
            return 0;
        }
        M->cap_rows = c;
    }
    M->nrows = i;
    M->sense[i] = (unsigned char)sense;
    M->rhs[i] = rhs;
    M->row_name[i] = NULL;
    if (M->names) {
        va_list ap;
        va_start(ap, fmt);
        M->row_name[i] = vname(fmt, ap);
        va_end(ap);
        if (!M->row_name[i])
            M->oom = 1;
    }
    return i;
}

void model_coef(struct model *M, int row, int col, double a)
{
    /* After out of memory the indices may be the 0 of a failed add. */
    if (M->oom)
        return;
    assert(row >= 1 && row <= M->nrows && col >= 1 && col <= M->ncols);
    if (a == 0)
        return;
    int k = M->nnz + 1, cap = M->cap_nnz, c = cap, ok;
    if (k >= cap) {
        ok = grow((void **)&M->ia, &c, k, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ja, &c, k, sizeof(int)) == 0;
        c = cap;
        ok = ok && grow((void **)&M->ar, &c, k, sizeof(double)) == 0;
        if (!ok) {
            M->oom = 1;
            return;
        }
        M->cap_nnz = c;
    }
    M->nnz = k;
    M->ia[k] = row;
    M->ja[k] = col;
    M->ar[k] = a;
}

void model_free(struct model *M)
{
    if (!M)
        return;
    if (M->col_name)
        for (int j = 1; j <= M->ncols; j++)
            free(M->col_name[j]);
    if (M->row_name)
        for (int i = 1; i <= M->nrows; i++)
            free(M->row_name[i]);
    free(M->col_name);
    free(M->row_name);
    free(M->kind);
    free(M->lb);
    free(M->ub);
    for (int l = 0; l < NLEVELS; l++)
        free(M->obj[l]);
    free(M->sense);
    free(M->rhs);
    free(M->ia);
    free(M->ja);
    free(M->ar);
    free(M->u_col);
    free(M->y_first);
    free(M->y_skill);
    free(M->relevant);
    free(M);
}

struct model *model_new(const struct scenario *s, const struct cands *C, int names)
{
    assert(s && C);
    struct model *M = calloc(1, sizeof *M);
    if (!M)
        return NULL;
    M->s = s;
    M->C = C;
    M->names = names;
    size_t np = (size_t)(s->npatients ? s->npatients : 1);
    size_t pd = (size_t)(s->npersons ? s->npersons : 1) * (size_t)s->ndays;
    size_t kd = (size_t)(s->nskills ? s->nskills : 1) * (size_t)s->ndays;
    M->u_col = calloc(np, sizeof(int));
    M->y_first = calloc(pd, sizeof(int));
    M->relevant = calloc(kd, sizeof(int));
    if (!M->u_col || !M->y_first || !M->relevant) {
        model_free(M);
        return NULL;
    }
    return M;
}

/* Buckets the coefficients by row (a counting sort), then stamps each
 * row's columns: two passes over them, no sorting, so that the check costs
 * little next to building the rows and can stay on in release builds. */
int model_pairs_unique(const struct model *M, int first, int row)
{
    int nr = M->nrows - row, unique = 1;
    int *start = calloc((size_t)nr + 2, sizeof(int));
    int *cols = malloc(sizeof(int) * (size_t)(M->nnz - first + 1));
    int *stamp = malloc(sizeof(int) * ((size_t)M->ncols + 1));
    if (!start || !cols || !stamp)
        goto done;
    for (int k = first + 1; k <= M->nnz; k++) {
        if (M->ia[k] <= row) {
            unique = 0;
            goto done;
        }
        start[M->ia[k] - row + 1]++;
    }
    for (int i = 1; i <= nr + 1; i++)
        start[i] += start[i - 1];
    for (int k = first + 1; k <= M->nnz; k++)
        cols[start[M->ia[k] - row]++] = M->ja[k];
    /* The fill moved start[i] to where row i + 1 begins. */
    for (int j = 0; j <= M->ncols; j++)
        stamp[j] = 0;
    for (int i = 1, from = start[0]; i <= nr && unique; from = start[i], i++)
        for (int e = from; e < start[i] && unique; e++) {
            unique = stamp[cols[e]] != i;
            stamp[cols[e]] = i;
        }
done:
    free(start);
    free(cols);
    free(stamp);
    return unique;
}

double model_level_value(const struct model *M, int level, const double *v)
{
    assert(level >= 0 && level < NLEVELS && v);
    double z = M->obj_const[level];
    for (int j = 1; j <= M->ncols; j++)
        z += M->obj[level][j] * v[j];
    return z;
}
