/* The schedule model as arrays, before it is handed to GLPK.
 *
 * Columns and rows are collected here with their bounds, kinds and one
 * objective row per lexicographic level, so that the model can be built
 * once and solved level by level, exported, or copied. What goes into the
 * arrays is the formulation's business (formulate.h and the rule families
 * of rule.h); this header knows none of it, so that a rule file depends
 * on the arrays only.
 *
 * Internal to solver/. Indices of columns and rows are 1-based, as GLPK's. */
#ifndef SOLVER_MODEL_H
#define SOLVER_MODEL_H

#include "models/scenario.h"
#include "solver/cand.h"

enum col_kind { COL_BINARY, COL_CONTINUOUS };
enum row_sense { ROW_LE, ROW_GE, ROW_EQ };
enum level { LEVEL_UNSERVED, LEVEL_DELAY, LEVEL_COST, NLEVELS };

struct model {
    const struct scenario *s;
    const struct cands *C;
    int names;              /* 1: give columns and rows readable names */

    /* Columns 1 .. ncols. */
    int ncols, cap_cols;
    unsigned char *kind;    /* enum col_kind */
    double *lb, *ub;        /* ub < 0: no upper bound */
    double *obj[NLEVELS];   /* objective coefficient per level */
    double obj_const[NLEVELS];  /* the fixed batches' part of each level */
    char **col_name;        /* when names */

    /* Rows 1 .. nrows. */
    int nrows, cap_rows;
    unsigned char *sense;   /* enum row_sense */
    double *rhs;
    char **row_name;

    /* Coefficients (1-based triplets, GLPK's load format). */
    int nnz, cap_nnz;
    int *ia, *ja;
    double *ar;

    /* Where the decisions live. */
    int x0;                 /* column of candidate c is x0 + c */
    int *u_col;             /* [patient]: unserved column, 0 for fixed batches */
    int *y_first;           /* [person * ndays + i]: first y column, 0 if none */
    int *y_skill;           /* [column]: skill of a y column, -1 otherwise */
    int *relevant;          /* [skill * ndays + i]: 1 if some batch may need it */
    int nbinaries;

    double unserved_weight; /* W of the combined level (see formulate.c) */
    int combined;           /* 1: unserved and delay in one level, exactly */
    int oom;                /* 1: an allocation failed; the model is unusable */
};

/* An empty model for scenario s and its candidates C (both borrowed for
 * the model's life), with the decision maps sized for them. names: give
 * columns and rows readable names. NULL when out of memory; the caller
 * frees with model_free. */
struct model *model_new(const struct scenario *s, const struct cands *C, int names);
void model_free(struct model *M);   /* NULL is a no-op */

/* Adds a column; returns its index (0 and M->oom set when out of memory). */
int model_col(struct model *M, enum col_kind kind, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Adds a row "sum <sense> rhs"; returns its index. */
int model_row(struct model *M, enum row_sense sense, double rhs, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds coefficient a at (row, col), both existing. Each (row, col) pair at
 * most once (model_pairs_unique checks it). */
void model_coef(struct model *M, int row, int col, double a);

/* 1 if coefficients first+1 .. nnz all lie in rows after row and no (row,
 * col) pair among them repeats: what a rule family promises of the
 * coefficients it added. Linear in their number; also 1 when there is no
 * memory to tell. For assert(). */
int model_pairs_unique(const struct model *M, int first, int row);

/* Value of the combined objective of a level for column values v[1..ncols]. */
double model_level_value(const struct model *M, int level, const double *v);

#endif
