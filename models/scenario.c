#include "models/scenario.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "models/date.h"
#include "models/limits.h"
#include "models/ini.h"
#include "models/load.h"
#include "models/text.h"

/* One row per scenario.ini key: the field it sets, its default, its
 * bounds and its help. Defaults, validation, check's --help and the
 * unknown-key hints all come from this table (Redis' standardConfig
 * habit).
 *
 * A new key of a known type is one row: KEY_NUM("risk", "time_limit",
 * risk_time_limit, 0.001, 1e7, 10, NULL, "..."), with its field added to
 * struct scenario (the macro checks at compile time that the field has
 * the key's C type). A new section is its keys' rows: a section is known
 * when some key names it. A new type (a choice among words such as
 * delimiter's ',' or ';', a list such as formats) is one enum value, its
 * macro, its case in apply_value, its type name in scn_keys. Keys with a
 * suffix ([whatif] enrollment_scale.SITE) need a field saying so, read by
 * find_key; [merge], whose keys are the tables', its own reader. */
enum key_type { K_TEXT, K_DATE, K_PATH, K_TABLE, K_BOOL, K_INT, K_NUM,
                K_CHOICE,   /* one of the words in choices; NULL when not given */
                K_WORDS };  /* words from choices, each once; NULL when not given */

/* What the suffix of a key names ([whatif] enrollment_scale.SITE). */
enum key_suffix {
    SFX_NONE,       /* the key takes no suffix */
    SFX_SITE,       /* key.SITE, a site id of sites.csv */
    SFX_MATERIAL    /* key.MATERIAL, a material id of materials.csv */
};
static const char *const suffix_names[] = {NULL, "site", "material"};

#define NO_FIELD ((size_t)-1)   /* base: read by read_ini, set nowhere */

struct key_def {
    const char *section, *key;
    enum key_type type;
    int required;           /* 1: must be given (tables: the file too) */
    size_t field;           /* offsetof its field in struct scenario */
    double min, max;        /* K_INT, K_NUM bounds */
    double def;             /* K_DATE, K_BOOL, K_INT, K_NUM default */
    const char *shown;      /* the default as the user reads it; NULL: def */
    const char *help;
    const char *choices;    /* K_CHOICE, K_WORDS: the words allowed, space-separated */
    enum key_suffix suffix; /* key.SUFFIX is accepted too; with NO_FIELD the
                               key is accepted only with its suffix */
};

/* The field's offset, and a compile-time check that it is of type T: a
 * pointer comparison of distinct types is a diagnostic. */
#define FIELD(f, T) (offsetof(struct scenario, f) + 0 * sizeof(&((struct scenario *)0)->f == (T *)0))
#define KEY_TEXT(sec, key, f, shown, help) {sec, key, K_TEXT, 0, FIELD(f, const char *), 0, 0, 0, shown, help, NULL, SFX_NONE}
#define KEY_DATE(sec, key, f, help) {sec, key, K_DATE, 1, FIELD(f, int), 0, 0, DATE_NONE, "required", help, NULL, SFX_NONE}
#define KEY_TABLE(sec, key, slot, req, shown, help) \
    {sec, key, K_TABLE, req, FIELD(tables[slot], const char *), 0, 0, 0, shown, help, NULL, SFX_NONE}
#define KEY_BOOL(sec, key, f, def, help) {sec, key, K_BOOL, 0, FIELD(f, int), 0, 0, def, NULL, help, NULL, SFX_NONE}
#define KEY_INT(sec, key, f, min, max, def, shown, help) \
    {sec, key, K_INT, 0, FIELD(f, int), min, max, def, shown, help, NULL, SFX_NONE}
#define KEY_NUM(sec, key, f, min, max, def, shown, help) \
    {sec, key, K_NUM, 0, FIELD(f, double), min, max, def, shown, help, NULL, SFX_NONE}
/* A key that also takes a suffix: key.SITE or key.MATERIAL gives the value
 * for one site or material instead of the global one. */
#define KEY_NUM_SFX(sec, key, f, min, max, def, sfx, help) \
    {sec, key, K_NUM, 0, FIELD(f, double), min, max, def, NULL, help, NULL, sfx}
#define KEY_INT_SFX(sec, key, f, min, max, def, sfx, help) \
    {sec, key, K_INT, 0, FIELD(f, int), min, max, def, NULL, help, NULL, sfx}
/* A key given only with its suffix (site_opens.SITE = DATE). */
#define KEY_DATE_SFX_ONLY(sec, key, sfx, help) \
    {sec, key, K_DATE, 0, NO_FIELD, 0, 0, DATE_NONE, "none", help, NULL, sfx}
#define KEY_CHOICE(sec, key, f, choices, shown, help) \
    {sec, key, K_CHOICE, 0, FIELD(f, const char *), 0, 0, 0, shown, help, choices, SFX_NONE}
#define KEY_WORDS(sec, key, f, choices, shown, help) \
    {sec, key, K_WORDS, 0, FIELD(f, const char *), 0, 0, 0, shown, help, choices, SFX_NONE}

static const struct key_def keys[] = {
    KEY_TEXT("scenario", "name", name, "the file's stem", "display name of the scenario"),
    KEY_DATE("scenario", "start", start, "first planned day (YYYY-MM-DD)"),
    KEY_DATE("scenario", "end", end, "last planned day, on or after start"),
    {"scenario", "base", K_PATH, 0, NO_FIELD, 0, 0, 0, "none", "parent scenario.ini whose keys this one overrides", NULL, SFX_NONE},
    KEY_TABLE("tables", "sites", TBL_SITES, 1, NULL, "clinical sites"),
    KEY_TABLE("tables", "patients", TBL_PATIENTS, 0, NULL, "known patients"),
    KEY_TABLE("tables", "forecast", TBL_FORECAST, 0, NULL, "enrollment forecast per site and month"),
    KEY_TABLE("tables", "processes", TBL_PROCESSES, 1, NULL, "process versions"),
    KEY_TABLE("tables", "steps", TBL_STEPS, 0, NULL, "staff needed by each process, per day"),
    KEY_TABLE("tables", "bom", TBL_BOM, 0, NULL, "materials used by each process, per day"),
    KEY_TABLE("tables", "rooms", TBL_ROOMS, 1, NULL, "cleanrooms"),
    KEY_TABLE("tables", "room_slots", TBL_ROOM_SLOTS, 0, NULL, "cleanroom slots granted or blocked"),
    KEY_TABLE("tables", "staff", TBL_STAFF, 0, "required with steps", "persons, skills and default roster"),
    KEY_TABLE("tables", "shifts", TBL_SHIFTS, 0, NULL, "exceptions to the default roster"),
    KEY_TABLE("tables", "holidays", TBL_HOLIDAYS, 0, NULL, "public holidays"),
    KEY_TABLE("tables", "materials", TBL_MATERIALS, 0, "required with bom", "materials, stock and lead times"),
    KEY_TABLE("tables", "deliveries", TBL_DELIVERIES, 0, NULL, "purchase orders already placed"),
    KEY_BOOL("policy", "allow_delay", allow_delay, 1, "no: a scenario with a late or unserved patient gets no plan"),
    KEY_INT("policy", "max_delay", max_delay, 0, 3660, -1, "no limit", "most days a batch may deliver late"),
    KEY_NUM("solver", "time_limit", time_limit, 0.001, 1e7, 60, NULL, "seconds of search (wall clock)"),
    KEY_NUM("solver", "mip_gap", mip_gap, 0, 1, 0.0001, NULL, "relative gap at which the cost level may stop"),
    KEY_NUM_SFX("whatif", "enrollment_scale", enrollment_scale, 0, 100, 1, SFX_SITE,
                "multiplies every forecast count (of one site: .SITE) before expansion"),
    KEY_NUM_SFX("whatif", "lead_time_scale", lead_time_scale, 0.01, 100, 1, SFX_MATERIAL,
                "orderable materials' lead_time = ceil(lead_time x scale) (one: .MATERIAL)"),
    KEY_INT_SFX("whatif", "lead_time_add", lead_time_add, -3660, 3660, 0, SFX_MATERIAL,
                "days added to lead times after scaling, result at least 0 (one: .MATERIAL)"),
    KEY_DATE_SFX_ONLY("whatif", "site_opens", SFX_SITE,
                      "site_opens.SITE = DATE: the site's forecast before DATE is dropped"),
    /* [output]: how plan writes its files (docs/output-formats.md). A ';'
     * must be quoted in INI (delimiter = ";"): unquoted it starts a comment. */
    KEY_CHOICE("output", "delimiter", out_delimiter, ", ;", ",", "between CSV fields: , or \";\" (quoted)"),
    KEY_CHOICE("output", "decimal", out_decimal, ". ,", ".", "decimal mark of CSV numbers: . or , (needs delimiter ;)"),
    KEY_BOOL("output", "bom", out_bom, 0, "yes: a UTF-8 byte order mark opens each CSV file (Excel)"),
    KEY_WORDS("output", "formats", out_formats, "csv xlsx html ics", "every format",
              "the outputs plan writes, e.g. csv xlsx (csv always)"),
    KEY_NUM("risk", "rate_cv", risk_rate_cv, 0, 10, 0, NULL,
            "planner risk: CV of each site's enrollment rate (Poisson-gamma); 0: Poisson"),
    KEY_NUM("risk", "time_limit", risk_time_limit, 0.001, 1e7, 10, NULL,
            "planner risk: seconds of search per sample"),
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

/* The merged value of one key over the base chain. */
struct setting {
    const char *value;      /* NULL: not given anywhere */
    const char *file;       /* the INI file that gave it */
    const char *dir;        /* its directory, for relative paths */
    int line;
};

/* A [merge] key of some level of the chain. */
struct pending_merge {
    int slot;               /* table slot */
    int level;              /* order of its file in the chain, root first */
    struct setting st;
};

/* A key given with a suffix (enrollment_scale.par): the child's value of
 * the same key and suffix replaces the parent's, an empty one removes it. */
struct suffixed {
    int k;                  /* row of the key table */
    const char *suffix;
    struct setting st;
};

#define MAX_MERGES ((SCN_MAX_BASE_DEPTH + 1) * TBL_COUNT)   /* a key once per file */
#define MAX_SUFFIXED 4096

struct ini_load {
    diag_list *d;
    arena *mem;
    struct setting set[NKEYS];
    struct pending_merge merges[MAX_MERGES];
    int nmerges;
    struct suffixed *sfx;   /* MAX_SUFFIXED, allocated on first use */
    int nsfx;
    int levels;             /* files of the chain read so far */
    const char *root;       /* the first file of the chain (level 0) */
    const char *parent;     /* the base = of the file given, or NULL */
    const char *chain[SCN_MAX_BASE_DEPTH + 1];   /* real paths, child first */
    int depth;
    int unreadable;         /* a file of the chain could not be parsed */
};

static int find_key(const char *section, const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].key, key) == 0)
            return i;
    return -1;
}

/* The row of a suffixed key "key.suffix", or -1; *suffix points into key. */
static int find_suffixed(const char *section, const char *key, const char **suffix)
{
    const char *dot = strchr(key, '.');
    if (!dot || !dot[1])
        return -1;
    for (int i = 0; i < NKEYS; i++)
        if (keys[i].suffix != SFX_NONE && strcmp(keys[i].section, section) == 0 &&
            strlen(keys[i].key) == (size_t)(dot - key) && strncmp(keys[i].key, key, (size_t)(dot - key)) == 0) {
            *suffix = dot + 1;
            return i;
        }
    return -1;
}

static int known_section(const char *section)
{
    if (strcmp(section, "merge") == 0)
        return 1; /* its keys are the tables' (read_merge) */
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].section, section) == 0)
            return 1;
    return 0;
}

static void unknown_key(struct ini_load *I, const char *file, const struct ini_entry *e)
{
    char vb[DIAG_VALUE_SZ];
    const char *hint = NULL, *hint_section = NULL;
    int best = 3;
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(keys[i].key, e->key) == 0 && strcmp(keys[i].section, e->section) != 0) {
            diag_add(I->d, DIAG_ERROR, file, e->line,
                     "key '%s' belongs in [%s], not [%s]", e->key, keys[i].section, e->section);
            return;
        }
        if (strcmp(keys[i].section, e->section) != 0)
            continue;
        int dist = text_distance(e->key, keys[i].key, 2);
        if (dist < best) {
            best = dist;
            hint = keys[i].key;
            hint_section = keys[i].section;
        }
    }
    if (hint)
        diag_add(I->d, DIAG_ERROR, file, e->line, "unknown key '%s' in [%s] (did you mean '%s'?)",
                 diag_value(vb, e->key), hint_section, hint);
    else
        diag_add(I->d, DIAG_ERROR, file, e->line, "unknown key '%s' in [%s]",
                 diag_value(vb, e->key), e->section);
}

/* The slot in tables[] of table key k. */
static int table_slot(int k)
{
    assert(keys[k].type == K_TABLE);
    return (int)((keys[k].field - offsetof(struct scenario, tables)) / sizeof(const char *));
}

/* The [merge]s of table key k inherited from the levels above level are
 * dropped: the table is named again, or its merge emptied. */
static void drop_merges(struct ini_load *I, int k, int level)
{
    int kept = 0;
    for (int i = 0; i < I->nmerges; i++)
        if (I->merges[i].slot != table_slot(k) ||
            I->merges[i].level == level)
            I->merges[kept++] = I->merges[i];
    I->nmerges = kept;
}

/* [merge] TABLE = FILE.csv: its keys are the keys of [tables]. */
static void read_merge(struct ini_load *I, const struct ini_entry *e, const struct setting *st, int level)
{
    char vb[DIAG_VALUE_SZ];
    int k = find_key("tables", e->key);
    if (k < 0) {
        const char *hint = NULL;
        int best = 3;
        for (int i = 0; i < NKEYS; i++) {
            int dist = keys[i].type == K_TABLE ? text_distance(e->key, keys[i].key, 2) : 3;
            if (dist < best) {
                best = dist;
                hint = keys[i].key;
            }
        }
        diag_add(I->d, DIAG_ERROR, st->file, e->line,
                 "unknown key '%s' in [merge]: its keys are the tables' (sites, patients, forecast, "
                 "...)%s%s%s", diag_value(vb, e->key), hint ? "; did you mean '" : "", hint ? hint : "",
                 hint ? "'?" : "");
        return;
    }
    if (!st->value[0]) {
        drop_merges(I, k, level); /* the inherited merges of the table */
        return;
    }
    assert(I->nmerges < MAX_MERGES); /* ini.c refuses a key twice in a file */
    I->merges[I->nmerges++] = (struct pending_merge){
        table_slot(k), level, *st};
}

static int set_suffixed(struct ini_load *I, int k, const char *suffix, const struct setting *st)
{
    if (!I->sfx && !(I->sfx = arena_array(I->mem, MAX_SUFFIXED, sizeof *I->sfx)))
        return -1;
    const char *sfx = arena_strdup(I->mem, suffix);
    if (!sfx)
        return -1;
    for (int i = 0; i < I->nsfx; i++)
        if (I->sfx[i].k == k && strcmp(I->sfx[i].suffix, sfx) == 0) {
            I->sfx[i].st = *st; /* the child's value replaces the parent's */
            return 0;
        }
    if (I->nsfx == MAX_SUFFIXED) {
        diag_add(I->d, DIAG_ERROR, st->file, st->line, "more than %d keys with a suffix", MAX_SUFFIXED);
        return 0;
    }
    I->sfx[I->nsfx++] = (struct suffixed){k, sfx, *st};
    return 0;
}

/* Reads one INI file of the base chain: its parent first, then its own
 * keys over the parent's. Returns -1 on out of memory. */
static int read_ini(struct ini_load *I, const char *path, const char *named_by, int named_line)
{
    char dir[4096], real[PATH_MAX];
    ini_file *f = NULL;
    int rc = 0;

    if (!realpath(path, real)) {
        if (named_by)
            diag_add(I->d, DIAG_ERROR, named_by, named_line, "base '%s': cannot read file: %s",
                     path, strerror(errno));
        else
            diag_add(I->d, DIAG_ERROR, path, 0, "cannot read file: %s", strerror(errno));
        I->unreadable = 1;
        return 0;
    }
    struct stat sb;
    if (named_by && stat(real, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        diag_add(I->d, DIAG_ERROR, named_by, named_line, "base '%s' is a directory, not a file", path);
        I->unreadable = 1;
        return 0;
    }
    if (named_by && stat(real, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        diag_add(I->d, DIAG_ERROR, named_by, named_line,
                 "base '%s' is not a regular file (a FIFO, a device or a socket)", path);
        I->unreadable = 1;
        return 0;
    }
    for (int i = 0; i < I->depth; i++)
        if (strcmp(I->chain[i], real) == 0) {
            diag_add(I->d, DIAG_ERROR, named_by, named_line,
                     "base '%s' makes a cycle: that file is already a child in this chain", path);
            I->unreadable = 1;
            return 0;
        }
    if (I->depth >= SCN_MAX_BASE_DEPTH) {
        diag_add(I->d, DIAG_ERROR, named_by, named_line,
                 "base chain is deeper than %d files", SCN_MAX_BASE_DEPTH);
        I->unreadable = 1;
        return 0;
    }
    I->chain[I->depth] = arena_strdup(I->mem, real);
    if (!I->chain[I->depth])
        return -1;
    I->depth++;

    f = ini_load(path, I->d);
    if (!f) {
        I->unreadable = 1;
        goto done;
    }
    const char *file = arena_strdup(I->mem, path);
    const char *fdir = arena_strdup(I->mem, text_dirname(path, dir, sizeof dir));
    if (!file || !fdir) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < ini_section_count(f); i++) {
        const struct ini_section *sec = ini_section_at(f, i);
        if (!known_section(sec->name))
            diag_add(I->d, DIAG_WARNING, file, sec->line, "unknown section [%s] is ignored", sec->name);
    }
    const struct ini_entry *base = ini_find(f, "scenario", "base");
    if (base && base->value[0]) {
        char joined[4096];
        if (!text_join_path(fdir, base->value, joined, sizeof joined))
            diag_add(I->d, DIAG_ERROR, file, base->line, "base: path is too long");
        else {
            if (!named_by && !(I->parent = arena_strdup(I->mem, joined))) {
                rc = -1;
                goto done;
            }
            if (read_ini(I, joined, file, base->line) != 0) {
                rc = -1;
                goto done;
            }
        }
    }
    int level = I->levels++;
    if (level == 0)
        I->root = file;
    for (size_t i = 0; i < ini_count(f); i++) {
        const struct ini_entry *e = ini_entry_at(f, i);
        if (!known_section(e->section))
            continue;
        struct setting st = {arena_strdup(I->mem, e->value), file, fdir, e->line};
        if (!st.value) {
            rc = -1;
            goto done;
        }
        if (strcmp(e->section, "merge") == 0) {
            read_merge(I, e, &st, level);
            continue;
        }
        const char *suffix = NULL;
        int k = find_key(e->section, e->key);
        if (k < 0 && (k = find_suffixed(e->section, e->key, &suffix)) >= 0) {
            if (set_suffixed(I, k, suffix, &st) != 0) {
                rc = -1;
                goto done;
            }
            continue;
        }
        if (k < 0) {
            unknown_key(I, file, e);
            continue;
        }
        if (keys[k].type == K_PATH)
            continue; /* base is not inherited: each file names its own */
        if (keys[k].field == NO_FIELD) {
            diag_add(I->d, DIAG_ERROR, file, e->line, "[%s] %s needs a %s: write %s.%s = ...",
                     keys[k].section, keys[k].key, suffix_names[keys[k].suffix], keys[k].key,
                     keys[k].suffix == SFX_SITE ? "SITE" : "MATERIAL");
            continue;
        }
        if (keys[k].type == K_TABLE)
            drop_merges(I, k, level); /* the table is replaced whole */
        I->set[k] = st;
    }
done:
    ini_free(f);
    I->depth--;
    return rc;
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = {"yes", "y", "true", "1"};
    static const char *const no[] = {"no", "n", "false", "0"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

/* 1 when the n bytes at w are one of the space-separated words of list. */
static int choice_of(const char *list, const char *w, size_t n)
{
    for (const char *c = list; *c; c += strspn(c, " ")) {
        size_t m = strcspn(c, " ");
        if (m == n && strncmp(c, w, n) == 0)
            return 1;
        c += m;
    }
    return 0;
}

/* 1 when the word of n bytes at w (inside text) appears in text before w. */
static int word_before(const char *text, const char *w, size_t n)
{
    for (const char *c = text + strspn(text, " \t"); c < w; c += strspn(c, " \t")) {
        size_t m = strcspn(c, " \t");
        if (m == n && strncmp(c, w, n) == 0)
            return 1;
        c += m;
    }
    return 0;
}

/* Where key kd lands in s. */
static void *field_of(struct scenario *s, const struct key_def *kd)
{
    assert(kd->field != NO_FIELD && kd->field < sizeof *s);
    return (char *)s + kd->field;
}

/* Every key's default, before any value given is read. */
static void set_defaults(struct scenario *s)
{
    for (int k = 0; k < NKEYS; k++) {
        const struct key_def *kd = &keys[k];
        if (kd->field == NO_FIELD)
            continue;
        switch (kd->type) {
        case K_TEXT:
        case K_TABLE:
        case K_CHOICE:
        case K_WORDS:
            *(const char **)field_of(s, kd) = NULL;
            break;
        case K_DATE:
        case K_BOOL:
        case K_INT:
            *(int *)field_of(s, kd) = (int)kd->def;
            break;
        case K_NUM:
            *(double *)field_of(s, kd) = kd->def;
            break;
        case K_PATH:
            break;
        }
    }
}

/* Checks the value v given for key kd and stores it at dst (of the key's
 * C type); a bad value is reported and leaves dst as it is. Returns 0 when
 * the value was stored. */
static int apply_value(struct ini_load *I, struct scenario *s, const struct key_def *kd,
                       const struct setting *st, void *dst)
{
    char vb[DIAG_VALUE_SZ];
    const char *v = st->value;
    size_t errors0 = diag_errors(I->d);
    switch (kd->type) {
    case K_TEXT:
        if (text_has_control(v))
            diag_add(I->d, DIAG_ERROR, st->file, st->line,
                     "%s: '%s' contains a control character (an escape sequence?)", kd->key,
                     diag_value(vb, v));
        *(const char **)dst = v;
        break;
    case K_DATE: {
        int day;
        if (date_parse(v, &day) != 0)
            diag_add(I->d, DIAG_ERROR, st->file, st->line,
                     "%s: '%s' is not a date (YYYY-MM-DD)", kd->key, diag_value(vb, v));
        else
            *(int *)dst = day;
        break;
    }
    case K_TABLE: {
        char joined[4096];
        struct stat sb;
        if (!text_join_path(st->dir, v, joined, sizeof joined))
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: path is too long", kd->key);
        else if (stat(joined, &sb) != 0)
            /* Reported where the user named it, with the path tried. */
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: cannot read '%s': %s", kd->key,
                     joined, strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' is a directory, not a file",
                     kd->key, joined);
        else if (!S_ISREG(sb.st_mode))
            diag_add(I->d, DIAG_ERROR, st->file, st->line,
                     "%s: '%s' is not a regular file (a FIFO, a device or a socket)", kd->key, joined);
        else
            *(const char **)dst = arena_strdup(s->mem, joined);
        break;
    }
    case K_BOOL: {
        int yes;
        if (parse_bool(v, &yes) != 0)
            diag_add(I->d, DIAG_ERROR, st->file, st->line,
                     "%s: '%s' is not yes or no", kd->key, diag_value(vb, v));
        else
            *(int *)dst = yes;
        break;
    }
    case K_INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (*end || end == v || errno)
            diag_add(I->d, DIAG_ERROR, st->file, st->line,
                     "%s: '%s' is not a whole number", kd->key, diag_value(vb, v));
        else if (n < kd->min || n > kd->max)
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' must be between %g and %g",
                     kd->key, diag_value(vb, v), kd->min, kd->max);
        else
            *(int *)dst = (int)n;
        break;
    }
    case K_NUM: {
        char *end;
        errno = 0;
        double x = strtod(v, &end);
        if (*end || end == v || errno || !isfinite(x) || strpbrk(v, "xXnN"))
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' is not a number%s", kd->key,
                     diag_value(vb, v), strchr(v, ',') ? " (use '.' as the decimal separator)" : "");
        else if (x < kd->min || x > kd->max)
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' must be between %g and %g",
                     kd->key, diag_value(vb, v), kd->min, kd->max);
        else
            *(double *)dst = x;
        break;
    }
    case K_CHOICE:
        if (!choice_of(kd->choices, v, strlen(v)))
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' is not one of: %s", kd->key,
                     diag_value(vb, v), kd->choices);
        else
            *(const char **)field_of(s, kd) = v;
        break;
    case K_WORDS: {
        int ok = 1;
        for (const char *w = v + strspn(v, " \t"); *w; w += strspn(w, " \t")) {
            size_t n = strcspn(w, " \t");
            char word[DIAG_VALUE_SZ];
            snprintf(word, sizeof word, "%.*s", (int)(n < 60 ? n : 60), w);
            if (!choice_of(kd->choices, w, n)) {
                diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' is not one of: %s",
                         kd->key, word, kd->choices);
                ok = 0;
            } else if (word_before(v, w, n)) {
                diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: '%s' is given twice", kd->key,
                         word);
                ok = 0;
            }
            w += n;
        }
        if (ok)
            *(const char **)field_of(s, kd) = v;
        break;
    }
    case K_PATH:
        break;
    }
    return diag_errors(I->d) == errors0 ? 0 : -1;
}

/* Records a [whatif] key in s->modifiers, for the modifiers' meaning
 * (whatif.c) and for check's list of what a variant changes. */
static void add_modifier(struct ini_load *I, struct scenario *s, const struct key_def *kd,
                         const char *suffix, const struct setting *st, const void *value)
{
    (void)I;
    struct scn_modifier *md = &s->modifiers[s->nmodifiers++];
    md->key = kd->key;
    md->suffix = suffix;
    md->suffix_of = suffix ? suffix_names[kd->suffix] : NULL;
    md->target = -1;
    md->value = kd->type == K_NUM ? *(const double *)value : *(const int *)value;
    md->file = st->file;
    md->line = st->line;
}

/* The keys given with a suffix, in the order of the chain: checked like
 * their global key, resolved against sites and materials by whatif.c. */
static void apply_suffixed(struct ini_load *I, struct scenario *s)
{
    for (int i = 0; i < I->nsfx; i++) {
        const struct suffixed *x = &I->sfx[i];
        const struct key_def *kd = &keys[x->k];
        if (!x->st.value[0])
            continue; /* an empty value removes the parent's */
        double num = 0;
        int whole = 0;
        void *dst = kd->type == K_NUM ? (void *)&num : (void *)&whole;
        /* Messages name the key as written: "site_opens.par: ...". */
        struct key_def named = *kd;
        if (!(named.key = arena_printf(I->mem, "%s.%s", kd->key, x->suffix)))
            named.key = kd->key;
        if (apply_value(I, s, &named, &x->st, dst) == 0)
            add_modifier(I, s, kd, x->suffix, &x->st, dst);
    }
}

/* A table that no level of the chain names is the first file merged into
 * it (contract: "the same as naming it in [tables]"). Before the settings
 * are applied, so that a required table merged this way is given. */
static void promote_merges(struct ini_load *I)
{
    for (int i = 0; i < I->nmerges; i++) {
        struct pending_merge *pm = &I->merges[i];
        int k = -1;
        for (int j = 0; j < NKEYS && k < 0; j++)
            if (keys[j].type == K_TABLE && table_slot(j) == pm->slot)
                k = j;
        if (I->set[k].value && I->set[k].value[0])
            continue;
        I->set[k] = pm->st;
        pm->level = -1; /* marks it whole */
    }
}

/* The merges as the scenario keeps them, their paths resolved relative to
 * the file that names them. */
static int resolve_merges(struct ini_load *I, struct scenario *s)
{
    s->merges = arena_array(s->mem, (size_t)I->nmerges + 1, sizeof *s->merges);
    if (!s->merges)
        return -1;
    for (int i = 0; i < I->nmerges; i++) {
        const struct pending_merge *pm = &I->merges[i];
        struct scn_merge *m = &s->merges[s->nmerges];
        int k = -1;
        for (int j = 0; j < NKEYS && k < 0; j++)
            if (keys[j].type == K_TABLE && table_slot(j) == pm->slot)
                k = j;
        memset(m, 0, sizeof *m);
        m->table = keys[k].key;
        m->slot = pm->slot;
        m->ini = pm->st.file;
        m->line = pm->st.line;
        m->whole = pm->level < 0;
        if (m->whole) {
            if (!(m->path = s->tables[pm->slot]))
                continue; /* reported by apply_value */
        } else {
            char joined[4096];
            struct stat sb;
            if (!text_join_path(pm->st.dir, pm->st.value, joined, sizeof joined)) {
                diag_add(I->d, DIAG_ERROR, pm->st.file, pm->st.line, "[merge] %s: path is too long", m->table);
                continue;
            }
            if (stat(joined, &sb) != 0) {
                diag_add(I->d, DIAG_ERROR, pm->st.file, pm->st.line, "[merge] %s: cannot read '%s': %s",
                         m->table, joined, strerror(errno));
                continue;
            }
            if (S_ISDIR(sb.st_mode)) {
                diag_add(I->d, DIAG_ERROR, pm->st.file, pm->st.line,
                         "[merge] %s: '%s' is a directory, not a file", m->table, joined);
                continue;
            }
            if (!(m->path = arena_strdup(s->mem, joined)))
                return -1;
        }
        s->nmerges++;
    }
    for (int k = 0; k < NKEYS; k++)
        if (keys[k].type == K_TABLE && I->set[k].value && I->set[k].value[0])
            s->table_ini[table_slot(k)] = I->set[k].file;
    s->root_path = I->root;
    s->base_path = I->parent;
    return 0;
}

/* Turns the merged settings into scenario fields. */
static void apply_settings(struct ini_load *I, struct scenario *s, const char *ini_path)
{
    set_defaults(s);
    s->modifiers = arena_array(s->mem, (size_t)NKEYS + (size_t)I->nsfx, sizeof *s->modifiers);
    if (!s->modifiers) {
        s->name = NULL; /* reported as out of memory */
        return;
    }
    for (int k = 0; k < NKEYS; k++) {
        const struct key_def *kd = &keys[k];
        const struct setting *st = &I->set[k];
        const char *v = st->value;
        if (v && !*v && (kd->type == K_CHOICE || kd->type == K_WORDS)) {
            /* delimiter = ; gives "": the ';' started a comment. */
            diag_add(I->d, DIAG_ERROR, st->file, st->line, "%s: no value; one of: %s%s", kd->key,
                     kd->choices, strchr(kd->choices, ';') ? " (quote a ';': \";\")" : "");
            continue;
        }
        if (!v || !*v) {
            if (kd->required && kd->type != K_TABLE)
                diag_add(I->d, DIAG_ERROR, st->file ? st->file : ini_path, st->line,
                         "[%s] %s is required (%s)", kd->section, kd->key, kd->help);
            else if (kd->required)
                diag_add(I->d, DIAG_ERROR, st->file ? st->file : ini_path, st->line,
                         "[tables] %s is required: name the CSV file of %s", kd->key, kd->help);
            continue;
        }
        if (kd->field == NO_FIELD)
            continue; /* given only with a suffix: see apply_suffixed */
        apply_value(I, s, kd, st, field_of(s, kd));
        if (strcmp(kd->section, "whatif") == 0)
            add_modifier(I, s, kd, NULL, st, field_of(s, kd));
    }
    apply_suffixed(I, s);
    if (s->out_decimal && *s->out_decimal == ',' && !(s->out_delimiter && *s->out_delimiter == ';')) {
        const struct setting *sd = &I->set[find_key("output", "decimal")];
        diag_add(I->d, DIAG_ERROR, sd->file, sd->line,
                 "decimal ',' needs delimiter \";\" (a decimal comma between commas would split "
                 "numbers)");
    }
    if (s->start != DATE_NONE && s->end != DATE_NONE) {
        const struct setting *se = &I->set[find_key("scenario", "end")];
        char a[DATE_BUFSZ], b[DATE_BUFSZ];
        if (s->end < s->start)
            diag_add(I->d, DIAG_ERROR, se->file, se->line, "end %s is before start %s",
                     date_format(s->end, a), date_format(s->start, b));
        else if (s->end - s->start + 1 > SCN_MAX_HORIZON)
            diag_add(I->d, DIAG_ERROR, se->file, se->line,
                     "the horizon %s .. %s is %d days; at most %d are allowed",
                     date_format(s->start, a), date_format(s->end, b), s->end - s->start + 1,
                     SCN_MAX_HORIZON);
    }
    /* steps needs staff, bom needs materials: reported at the key that
     * removes the needed table (staff =), else, when it is not given at
     * all, at the key that names the table needing it (steps = ...). */
    static const char *const needs[][2] = {{"staff", "steps"}, {"materials", "bom"}};
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++) {
        int kn = find_key("tables", needs[i][0]), kb = find_key("tables", needs[i][1]);
        const struct setting *need = &I->set[kn], *by = &I->set[kb];
        if (*(const char **)field_of(s, &keys[kb]) && !*(const char **)field_of(s, &keys[kn]) &&
            (!need->value || !*need->value))
            diag_add(I->d, DIAG_ERROR, need->file ? need->file : by->file,
                     need->file ? need->line : by->line, "[tables] %s is required when %s is given",
                     needs[i][0], needs[i][1]);
    }
    if (!s->name) {
        /* Default name: the stem of the scenario file given. */
        const char *slash = strrchr(ini_path, '/');
        const char *stem = slash ? slash + 1 : ini_path;
        const char *dot = strrchr(stem, '.');
        s->name = arena_strndup(s->mem, stem, dot && dot != stem ? (size_t)(dot - stem) : strlen(stem));
    }
}

/* ---- calendars -------------------------------------------------------- */

int scn_room_open(const struct scenario *s, int room, int day)
{
    assert(room >= 0 && room < s->nrooms);
    if (day >= s->start && day - s->start < s->ndays && s->room_open)
        return s->room_open[(size_t)room * (size_t)s->ndays + (size_t)(day - s->start)];
    for (int i = s->nslots - 1; i >= 0; i--) {
        const struct room_slot *sl = &s->slots[i];
        if ((sl->room == room || sl->room < 0) && sl->from <= day && day <= sl->to)
            return sl->available;
    }
    return s->rooms[room].available;
}

int scn_is_holiday(const struct scenario *s, int day)
{
    if (day >= s->start && day - s->start < s->ndays && s->is_holiday)
        return s->is_holiday[day - s->start];
    for (int i = 0; i < s->nholidays; i++)
        if (s->holidays[i].date == day)
            return 1;
    return 0;
}

double scn_person_hours(const struct scenario *s, int person, int day)
{
    assert(person >= 0 && person < s->npersons);
    if (day >= s->start && day - s->start < s->ndays && s->person_hours)
        return s->person_hours[(size_t)person * (size_t)s->ndays + (size_t)(day - s->start)];
    unsigned wd = 1u << date_weekday(day);
    for (int i = s->nshifts - 1; i >= 0; i--) {
        const struct shift *sh = &s->shifts[i];
        if (sh->person == person && sh->from <= day && day <= sh->to && (sh->weekdays & wd))
            return sh->hours;
    }
    if (scn_is_holiday(s, day))
        return 0;
    const struct person *p = &s->persons[person];
    return (p->weekdays & wd) ? p->hours : 0;
}

static int build_calendars(struct scenario *s)
{
    size_t nd = (size_t)s->ndays;
    unsigned char *open = arena_array(s->mem, (size_t)(s->nrooms ? s->nrooms : 1) * nd, 1);
    double *hours = arena_array(s->mem, (size_t)(s->npersons ? s->npersons : 1) * nd, sizeof(double));
    unsigned char *hol = arena_array(s->mem, nd, 1);
    if (!open || !hours || !hol)
        return -1;
    for (size_t i = 0; i < nd; i++)
        hol[i] = (unsigned char)scn_is_holiday(s, s->start + (int)i);
    s->is_holiday = hol;
    for (int r = 0; r < s->nrooms; r++)
        for (size_t i = 0; i < nd; i++)
            open[(size_t)r * nd + i] = (unsigned char)scn_room_open(s, r, s->start + (int)i);
    for (int p = 0; p < s->npersons; p++)
        for (size_t i = 0; i < nd; i++)
            hours[(size_t)p * nd + i] = scn_person_hours(s, p, s->start + (int)i);
    s->room_open = open;
    s->person_hours = hours;
    return 0;
}

/* ---- queries ---------------------------------------------------------- */

int scn_process_for(const struct scenario *s, int patient, int day)
{
    assert(patient >= 0 && patient < s->npatients);
    const struct patient *pt = &s->patients[patient];
    if (pt->process >= 0) {
        const struct process *pr = &s->processes[pt->process];
        return pr->approved_from <= day && day <= pr->approved_until ? pt->process : -1;
    }
    int best = -1;
    for (int i = 0; i < s->nprocesses; i++) {
        const struct process *pr = &s->processes[i];
        if (pr->approved_from <= day && day <= pr->approved_until &&
            (best < 0 || pr->approved_from > s->processes[best].approved_from))
            best = i;
    }
    return best;
}

int scn_person_has_skill(const struct scenario *s, int person, int skill)
{
    assert(person >= 0 && person < s->npersons);
    const struct person *p = &s->persons[person];
    for (int i = 0; i < p->nskills; i++)
        if (p->skills[i] == skill)
            return 1;
    return 0;
}

#define FIND(fn, arr, n)                                          \
    int fn(const struct scenario *s, const char *id)              \
    {                                                             \
        for (int i = 0; i < s->n; i++)                            \
            if (strcmp(s->arr[i].id, id) == 0)                    \
                return i;                                         \
        return -1;                                                \
    }
FIND(scn_find_site, sites, nsites)
FIND(scn_find_room, rooms, nrooms)
FIND(scn_find_process, processes, nprocesses)
FIND(scn_find_material, materials, nmaterials)
FIND(scn_find_person, persons, npersons)
FIND(scn_find_patient, patients, npatients)
#undef FIND

int scn_find_skill(const struct scenario *s, const char *id)
{
    for (int i = 0; i < s->nskills; i++)
        if (strcmp(s->skills[i], id) == 0)
            return i;
    return -1;
}

const struct scn_key_doc *scn_keys(size_t *n)
{
    static struct scn_key_doc docs[NKEYS];
    static char shown[NKEYS][32];
    static const char *const type_names[] = {"text", "date", "path", "CSV file", "yes/no",
                                             "whole number", "number", "choice", "words"};
    for (int i = 0; i < NKEYS; i++) {
        const struct key_def *kd = &keys[i];
        docs[i].section = kd->section;
        docs[i].key = kd->key;
        if (kd->suffix != SFX_NONE) {
            static char names[NKEYS][48];
            const char *sfx = kd->suffix == SFX_SITE ? "SITE" : "MATERIAL";
            snprintf(names[i], sizeof names[i], kd->field == NO_FIELD ? "%s.%s" : "%s[.%s]", kd->key, sfx);
            docs[i].key = names[i];
        }
        docs[i].type = type_names[kd->type];
        if (kd->shown)
            docs[i].def = kd->shown;
        else if (kd->required)
            docs[i].def = "required";
        else if (kd->type == K_BOOL)
            docs[i].def = kd->def ? "yes" : "no";
        else if (kd->type == K_INT || kd->type == K_NUM) {
            snprintf(shown[i], sizeof shown[i], "%g", kd->def);
            docs[i].def = shown[i];
        } else
            docs[i].def = "none";
        docs[i].help = kd->help;
    }
    *n = NKEYS;
    return docs;
}

const char *scn_strerror(enum scn_status st)
{
    switch (st) {
    case SCN_OK: return "ok";
    case SCN_INVALID: return "the scenario is invalid";
    case SCN_NOMEM: return "out of memory";
    }
    return "unknown status";
}

void scn_free(struct scenario *s)
{
    if (!s)
        return;
    arena_free(s->mem);
}

enum scn_status scn_load(const char *ini_path, diag_list *d, struct scenario **out)
{
    struct ini_load I;
    struct scenario *s = NULL;
    arena *mem = NULL;
    enum scn_status st = SCN_NOMEM;
    size_t errors0 = diag_errors(d);

    *out = NULL;
    memset(&I, 0, sizeof I);
    mem = arena_new(0);
    if (!mem || !(s = arena_alloc(mem, sizeof *s)))
        goto done;
    s->mem = mem;
    s->path = arena_strdup(mem, ini_path);
    I.d = d;
    I.mem = mem;
    if (!s->path || read_ini(&I, ini_path, NULL, 0) != 0)
        goto done;
    /* A file that cannot be parsed would only add misleading "missing key"
     * errors; stop there. */
    if (I.unreadable) {
        st = SCN_INVALID;
        goto done;
    }
    promote_merges(&I);
    apply_settings(&I, s, ini_path);
    if (!s->name || resolve_merges(&I, s) != 0)
        goto done;
    /* Bad keys elsewhere do not hide the tables' problems: every problem
     * is listed in one run. Without a valid horizon the tables cannot be
     * checked, so that stops here. */
    if (s->start == DATE_NONE || s->end == DATE_NONE || s->end < s->start ||
        s->end - s->start + 1 > SCN_MAX_HORIZON) {
        st = SCN_INVALID;
        goto done;
    }
    struct load L = {.s = s, .d = d, .mem = mem};
    if (load_tables(&L) != 0 || L.oom)
        goto done;
    const struct setting *end_key = &I.set[find_key("scenario", "end")];
    lim_check_dates(s, d, end_key->file, end_key->line);
    if (diag_errors(d) == errors0) {
        if (build_calendars(s) != 0)
            goto done;
        load_check_fixed(&L);
        if (L.oom)
            goto done;
    }
    if (diag_errors(d) > errors0) {
        st = SCN_INVALID;
        goto done;
    }
    *out = s;
    mem = NULL;
    st = SCN_OK;
done:
    if (st == SCN_NOMEM)
        diag_add(d, DIAG_ERROR, ini_path, 0, "out of memory while loading the scenario");
    arena_free(mem);
    return st;
}
