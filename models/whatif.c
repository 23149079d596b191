/* [whatif]: what a modifier means (see whatif.h). scenario.c reads and
 * checks the values with its key table; here the suffixes are resolved
 * and the sites and materials changed. The forecast counts are scaled by
 * forecast.c, which reads each site's enrollment_scale and opens. */
#include "models/whatif.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include "models/date.h"

#define MAX_LEAD_TIME 3660   /* days: a longer lead time is as good as none */

/* The index of id among n ids (exact, else the one equal ignoring case:
 * INI keys are lower-cased); -1 none, -2 ambiguous. */
static int find_id(const char *id, int n, const char *(*at)(const struct scenario *, int),
                   const struct scenario *s)
{
    int found = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(at(s, i), id) == 0)
            return i;
    for (int i = 0; i < n; i++)
        if (strcasecmp(at(s, i), id) == 0)
            found = found >= 0 ? -2 : i;
    return found;
}

static const char *site_id(const struct scenario *s, int i) { return s->sites[i].id; }
static const char *material_id(const struct scenario *s, int i) { return s->materials[i].id; }

int whatif_apply(struct load *L)
{
    struct scenario *s = L->s;
    for (int i = 0; i < s->nsites; i++) {
        s->sites[i].enrollment_scale = s->enrollment_scale;
        s->sites[i].opens = DATE_NONE;
    }
    double *scale = NULL;
    int *add = NULL;
    CELL_ALLOC(L, scale, s->nmaterials);
    CELL_ALLOC(L, add, s->nmaterials);
    for (int m = 0; m < s->nmaterials; m++) {
        s->materials[m].lead_time_given = s->materials[m].lead_time;
        scale[m] = s->lead_time_scale;
        add[m] = s->lead_time_add;
    }
    /* Suffixed keys replace the global value for their site or material. */
    for (int i = 0; i < s->nmodifiers; i++) {
        struct scn_modifier *md = &s->modifiers[i];
        if (!md->suffix)
            continue;
        int on_site = strcmp(md->suffix_of, "site") == 0;
        md->target = on_site ? find_id(md->suffix, s->nsites, site_id, s)
                             : find_id(md->suffix, s->nmaterials, material_id, s);
        if (md->target == -2) {
            diag_add(L->d, DIAG_ERROR, md->file, md->line,
                     "[whatif] %s.%s: several %ss have the id '%s' but for upper or lower case; "
                     "keys ignore case, rename one", md->key, md->suffix, md->suffix_of, md->suffix);
            continue;
        }
        if (md->target < 0) {
            diag_add(L->d, DIAG_ERROR, md->file, md->line, "[whatif] %s.%s: '%s' is not a %s in %s",
                     md->key, md->suffix, md->suffix, md->suffix_of,
                     on_site ? load_tname(L, TBL_SITES, "sites.csv")
                             : load_tname(L, TBL_MATERIALS, "materials.csv"));
            continue;
        }
        if (strcmp(md->key, "enrollment_scale") == 0)
            s->sites[md->target].enrollment_scale = md->value;
        else if (strcmp(md->key, "site_opens") == 0)
            s->sites[md->target].opens = (int)md->value;
        else if (strcmp(md->key, "lead_time_scale") == 0)
            scale[md->target] = md->value;
        else if (strcmp(md->key, "lead_time_add") == 0)
            add[md->target] = (int)md->value;
    }
    for (int m = 0; m < s->nmaterials; m++) {
        struct material *mt = &s->materials[m];
        if (mt->lead_time < 0)
            continue; /* not orderable stays so */
        /* ceil of the exact product: 28 x 1.5 is 42, not 43 for a rounding
         * error of the binary fraction. */
        double lt = ceil(mt->lead_time * scale[m] - 1e-9) + add[m];
        mt->lead_time = lt < 0 ? 0 : lt > MAX_LEAD_TIME ? MAX_LEAD_TIME : (int)lt;
    }
    return 0;
}
