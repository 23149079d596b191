/* [merge] (contract section 7): the rows of a variant's merged CSV files
 * put into its parent's tables, cell by cell for keyed tables, appended
 * for the others, with every row and cell keeping the file and line it
 * comes from. Internal to models/. */
#ifndef MODELS_MERGE_H
#define MODELS_MERGE_H

#include "models/load.h"

/* Applies, in order, every merge of s->merges into table slot which, read
 * with schema cols. *t is the table as the chain names it (NULL when it is
 * unreadable: the merges are then skipped). Problems go to L->d naming the
 * merged file and line; rows that change nothing are warnings. Fills the
 * merges' counts. Returns 0, or -1 when memory ran out (L->oom set). */
int merge_table(struct load *L, int which, table *t, const struct tab_column *cols, int ncols);

/* The key columns of table slot which (names of its schema), or NULL for
 * a table whose merged rows are appended. */
const char *const *merge_key(int which);

#endif
