/* Command-line options: getopt_long over one table per command, the
 * house's messages when a command line is wrong, and the --help text made
 * from the same table. */
#include "planner/options.h"

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "planner/commands.h"

#define USAGE_WIDTH 80      /* columns of the usage line before it wraps */
#define VAL_LONG_ONLY 256   /* getopt's val of row i without a short name: this + i */

/* Added to every table, shown last. */
static const struct opt help_row = {.key = 'h', .name = "help", .kind = OPT_FLAG, .help = "this help"};

/* Row i of c, the help row after the last. */
static const struct opt *row_at(const struct opt_command *c, size_t i)
{
    return i < c->nrows ? &c->rows[i] : &help_row;
}

static int val_of(const struct opt_command *c, size_t i)
{
    const struct opt *r = row_at(c, i);
    return r->key ? (unsigned char)r->key : VAL_LONG_ONLY + (int)i;
}

/* The row whose getopt val is val, or NULL. */
static const struct opt *row_of(const struct opt_command *c, int val)
{
    for (size_t i = 0; i <= c->nrows; i++)
        if (val_of(c, i) == val)
            return row_at(c, i);
    return NULL;
}

/* "planner plan: MESSAGE; see 'planner plan --help'" on stderr. */
static void say(const struct opt_command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const struct opt_command *c, const char *fmt, ...)
{
    const char *sep = c->name ? " " : "", *name = c->name ? c->name : "";
    va_list ap;
    fprintf(stderr, "planner%s%s: ", sep, name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; see 'planner%s%s --help'\n", sep, name);
}

/* Stores or hands over the value of row r. */
static int take(const struct opt_command *c, const struct opt *r, const char *value, void *ctx)
{
    if (r->arg && !*value) {
        say(c, "--%s needs a value (%s), not ''", r->name, r->arg);
        return EXIT_BAD_INPUT;
    }
    switch (r->kind) {
    case OPT_FLAG:
        *(int *)r->to = 1;
        return 0;
    case OPT_STRING:
        *(const char **)r->to = value;
        return 0;
    case OPT_NUMBER: {
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (end == value || *end || errno || !isfinite(v) || v < r->lo || v > r->hi) {
            say(c, "--%s: '%s' is not a number from %.15g to %.15g", r->name, value, r->lo, r->hi);
            return EXIT_BAD_INPUT;
        }
        *(double *)r->to = v;
        return 0;
    }
    case OPT_CALL:
        return r->call(r, value, ctx);
    }
    assert(!"an option of no kind");
    return EXIT_BAD_INPUT;
}

/* Lists in buf the long names that start with the first len characters
 * of name; returns how many do. */
static int prefixed(const struct opt_command *c, const char *name, size_t len, char *buf, size_t size)
{
    int n = 0;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i <= c->nrows; i++) {
        const struct opt *r = row_at(c, i);
        if (strncmp(r->name, name, len) != 0)
            continue;
        int w = snprintf(buf + used, size - used, "%s--%s", n ? ", " : "", r->name);
        if (w > 0 && (size_t)w < size - used)
            used += (size_t)w;
        n++;
    }
    return n;
}

/* Says what is wrong after getopt_long returned ch ('?' or ':'); argv[i]
 * is the element it was reading. */
static int complain(const struct opt_command *c, char **argv, int i, int ch)
{
    const struct opt *r = optopt ? row_of(c, optopt) : NULL;
    const char *elem = argv[i];
    /* optopt is 0 for an unknown long option, the row's val for a long
     * option with a missing or unwanted value, and the character for a
     * short option: only a long option's element starts with "--". */
    int is_long = (!optopt || r) && strncmp(elem, "--", 2) == 0;
    char typed[64], names[512];
    if (is_long) {
        size_t len = strcspn(elem + 2, "=");
        snprintf(typed, sizeof typed, "--%.*s", (int)len, elem + 2);
        if (!optopt && prefixed(c, elem + 2, len, names, sizeof names) > 1) {
            say(c, "option '%s' is ambiguous: %s", typed, names);
            return EXIT_BAD_INPUT;
        }
    } else {
        snprintf(typed, sizeof typed, "-%c", optopt);
    }
    if (!r)
        say(c, "unknown option '%s'", typed);
    else if (ch == ':')
        say(c, "%s needs a value (%s)", typed, r->arg);
    else
        say(c, "%s takes no value", typed);
    return EXIT_BAD_INPUT;
}

static void add_operand(struct opt_operands *ops, const char *s)
{
    if (ops->n < OPT_MAX_OPERANDS)
        ops->v[ops->n] = s;
    ops->n++;
}

int opt_parse(const struct opt_command *c, int argc, char **argv, void *ctx, struct opt_operands *ops)
{
    struct option longs[OPT_MAX_ROWS + 2];
    char shorts[2 * OPT_MAX_ROWS + 8];
    size_t k = 0;
    assert(c->nrows <= OPT_MAX_ROWS);
    /* '-': operands come back in place (code 1), so that options may
     * follow them whatever POSIXLY_CORRECT says; '+': stop at the first.
     * ':': a missing value returns ':', not '?'. */
    shorts[k++] = c->stop_at_operand ? '+' : '-';
    shorts[k++] = ':';
    for (size_t i = 0; i <= c->nrows; i++) {
        const struct opt *r = row_at(c, i);
        assert(r->name && r->help);
        assert(r->kind == OPT_CALL || (r->kind == OPT_FLAG) == (r->arg == NULL));
        assert(r->kind == OPT_CALL ? r->call != NULL : (r->to != NULL || r == &help_row));
        longs[i] = (struct option){r->name, r->arg ? required_argument : no_argument, NULL, val_of(c, i)};
        if (r->key) {
            shorts[k++] = r->key;
            if (r->arg)
                shorts[k++] = ':';
        }
    }
    longs[c->nrows + 1] = (struct option){NULL, 0, NULL, 0};
    shorts[k] = '\0';

    memset(ops, 0, sizeof *ops);
    ops->next = argc;
    /* 0, not 1: glibc starts afresh (a second command line in one
     * process, the tests) and reads the '-' or '+' again. */
    optind = 0;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (ch == 1) {
            add_operand(ops, optarg);
            continue;
        }
        if (ch == '?' || ch == ':')
            return complain(c, argv, optind - 1, ch);
        const struct opt *r = row_of(c, ch);
        assert(r);
        if (r == &help_row) {
            if (c->help)
                c->help(stdout);
            else
                opt_help(stdout, c);
            return OPT_HELP;
        }
        int rc = take(c, r, optarg, ctx);
        if (rc != 0)
            return rc;
    }
    if (c->stop_at_operand)
        ops->next = optind;
    else
        for (int i = optind; i < argc; i++)
            add_operand(ops, argv[i]);
    return OPT_OK;
}

/* Adds item to the usage line at column *col, wrapping to indent. */
static void usage_item(FILE *out, const char *item, int *col, int indent)
{
    int len = (int)strlen(item);
    if (*col + 1 + len > USAGE_WIDTH && *col > indent) {
        fprintf(out, "\n%*s", indent, "");
        *col = indent;
    } else {
        fputc(' ', out);
        (*col)++;
    }
    fputs(item, out);
    *col += len;
}

void opt_help(FILE *out, const struct opt_command *c)
{
    char item[128];
    int col = fprintf(out, "Usage: planner%s%s", c->name ? " " : "", c->name ? c->name : "");
    int indent = col + 1;
    for (size_t i = 0; i < c->nrows; i++) {
        const struct opt *r = &c->rows[i];
        if (r->key)
            snprintf(item, sizeof item, "[-%c%s%s]", r->key, r->arg ? " " : "", r->arg ? r->arg : "");
        else
            snprintf(item, sizeof item, "[--%s%s%s]", r->name, r->arg ? " " : "", r->arg ? r->arg : "");
        usage_item(out, item, &col, indent);
    }
    if (c->operands)
        usage_item(out, c->operands, &col, indent);
    fprintf(out, "\n");
    if (c->about)
        fprintf(out, "\n%s", c->about);
    fprintf(out, "\nOptions:\n");
    opt_print_rows(out, c);
    if (c->more) {
        fprintf(out, "\n");
        c->more(out);
    }
    if (c->epilogue)
        fprintf(out, "\n%s", c->epilogue);
}

/* "-o, --output DIR" or "    --gap G" into buf; returns its length. */
static int left_column(const struct opt *r, char *buf, size_t size)
{
    const char *a = r->arg ? r->arg : "";
    int n = r->key ? snprintf(buf, size, "-%c, --%s%s%s", r->key, r->name, *a ? " " : "", a)
                   : snprintf(buf, size, "    --%s%s%s", r->name, *a ? " " : "", a);
    return n < 0 ? 0 : n >= (int)size ? (int)size - 1 : n;
}

void opt_print_rows(FILE *out, const struct opt_command *c)
{
    char left[128];
    int width = 0;
    for (size_t i = 0; i <= c->nrows; i++) {
        int w = left_column(row_at(c, i), left, sizeof left);
        width = w > width ? w : width;
    }
    for (size_t i = 0; i <= c->nrows; i++) {
        const struct opt *r = row_at(c, i);
        left_column(r, left, sizeof left);
        fprintf(out, "  %-*s  ", width, left);
        for (const char *h = r->help; *h; h++) {
            if (*h == '\n')
                fprintf(out, "\n  %-*s  ", width, "");
            else
                fputc(*h, out);
        }
        if (r->lo < r->hi)
            fprintf(out, " (%.15g .. %.15g)", r->lo, r->hi);
        fprintf(out, "\n");
    }
}
