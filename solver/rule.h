/* The rule families of the formulation: one file each, one row each in
 * formulate.c's table, called in the table's order on one model.
 *
 *   rule_starts.c     one batch or unserved per patient; the x and u columns
 *   rule_rooms.c      cleanroom places per group and day
 *   rule_staff.c      skills, hours and people per day
 *   rule_materials.c  lots, expiry, lead time
 *
 * A family adds columns, rows of its own and coefficients in those rows
 * only (formulate.c asserts it), through model.h alone. To add a family:
 * write rule_xyz.c with int rule_xyz(struct model *M) (the opening comment
 * states its rules, as docs/model.md does in mathematics), declare it
 * below, and add its row to the table in formulate.c where its columns and
 * rows should fall (the order is that of the exported model).
 *
 * Internal to solver/. */
#ifndef SOLVER_RULE_H
#define SOLVER_RULE_H

#include "solver/model.h"

/* Adds the family's columns, rows and coefficients to M. Returns 0, or -1
 * when out of memory (M->oom may say the same). */
typedef int rule_family_fn(struct model *M);

int rule_starts(struct model *M);     /* first: the others use x0 */
int rule_rooms(struct model *M);
int rule_staff(struct model *M);
int rule_materials(struct model *M);

#endif
