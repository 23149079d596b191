/* plan.xlsx: the plan as one workbook (libxlsxwriter) with a sheet per CSV
 * file of the plan directory (Calendar, Roster, Orders, Inventory, KPIs),
 * each made from that file's own writer so that the two never disagree,
 * and Rooms, the room grid drawn as a Gantt chart: a row per place of
 * each room, a column per day, a colour per patient, changeovers and
 * closed days shaded, weekends marked.
 *
 * Cells are typed: dates are date cells (Excel serial days shown as
 * yyyy-mm-dd), numbers are number cells. libxlsxwriter writes numbers
 * with printf, which follows the locale (its issue #64): the whole
 * workbook is built and closed under the "C" locale of this thread
 * (uselocale), whatever LC_ALL or a setlocale call elsewhere says.
 *
 * libxlsxwriter 1.1.4 writes to a path only: the workbook goes to a
 * temporary file (under $TMPDIR, else /tmp), removed at once, and is then
 * copied into the plan's file. */
#include "planner/plan_writers.h"

#include <csv.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "models/date.h"

#define EXCEL_1970 25569        /* Excel's serial day of 1970-01-01 (day 0) */
#define MAX_COLS 64             /* columns of a sheet made from a CSV file */
#define MAX_WIDTH 60            /* widest column, in characters */
#define PALETTE_N 16            /* patient colours, reused in turn */

/* The sheets made from CSV writers: the writer, and each column's type,
 * one letter per column: t text, d date, n number, g a number when it
 * reads as one, else text (kpis' values). Re-planning's Changes sheet is
 * one more row here, with the writer of changes.csv. */
struct csv_sheet {
    const char *name;
    plan_writer write;
    const char *types;
    int status_column;          /* calendar: the status column (late,
                                   unserved rows highlighted); -1 none */
};
static const struct csv_sheet csv_sheets[] = {
    {"Calendar", write_calendar, "ttttddddddnt", 11},
    {"Roster", write_roster, "dttnt", -1},
    {"Orders", write_orders, "tddnn", -1},
    {"Inventory", write_inventory, "dtnnnn", -1},
    {"KPIs", write_kpis, "tg", -1},
};
#define NCSV_SHEETS ((int)(sizeof csv_sheets / sizeof csv_sheets[0]))

/* Pastel fills that black text reads on. */
static const lxw_color_t palette[PALETTE_N] = {
    0x9DC3E6, 0xA9D18E, 0xFFD966, 0xF4B183, 0xC9A0DC, 0x8FD3C8, 0xF8CBAD, 0xB4C7E7,
    0xC5E0B4, 0xFFE699, 0xD5A6BD, 0x9FC5E8, 0xB6D7A8, 0xEA9999, 0xA2C4C9, 0xD9D2E9,
};

struct styles {
    lxw_format *header, *date, *number, *late, *late_date, *unserved, *unserved_date;
    lxw_format *day_head, *weekend_head, *weekday, *weekend_day, *weekend, *closed, *changeover, *lane;
    lxw_format *patient[PALETTE_N];
};

static lxw_format *fmt(lxw_workbook *wb, lxw_color_t fill, const char *num_format, int bold)
{
    lxw_format *f = workbook_add_format(wb);
    if (fill)
        format_set_bg_color(f, fill);
    if (num_format)
        format_set_num_format(f, num_format);
    if (bold)
        format_set_bold(f);
    return f;
}

static void make_styles(lxw_workbook *wb, struct styles *st)
{
    st->header = fmt(wb, 0xD9E1F2, NULL, 1);
    format_set_bottom(st->header, LXW_BORDER_THIN);
    st->date = fmt(wb, 0, "yyyy-mm-dd", 0);
    st->number = fmt(wb, 0, NULL, 0);
    st->late = fmt(wb, 0xFFE5B4, NULL, 0);
    st->late_date = fmt(wb, 0xFFE5B4, "yyyy-mm-dd", 0);
    st->unserved = fmt(wb, 0xF4CCCC, NULL, 0);
    st->unserved_date = fmt(wb, 0xF4CCCC, "yyyy-mm-dd", 0);
    st->day_head = fmt(wb, 0xD9E1F2, "dd mmm", 1);
    format_set_rotation(st->day_head, 90);
    st->weekend_head = fmt(wb, 0xBFBFBF, "dd mmm", 1);
    format_set_rotation(st->weekend_head, 90);
    st->weekday = fmt(wb, 0xD9E1F2, NULL, 1);
    st->weekend_day = fmt(wb, 0xBFBFBF, NULL, 1);
    st->weekend = fmt(wb, 0xEDEDED, NULL, 0);
    st->closed = fmt(wb, 0x7F7F7F, NULL, 0);
    format_set_font_color(st->closed, LXW_COLOR_WHITE);
    st->changeover = fmt(wb, 0xD0D0D0, NULL, 0);
    format_set_pattern(st->changeover, LXW_PATTERN_LIGHT_UP);
    format_set_fg_color(st->changeover, 0x808080);
    st->lane = fmt(wb, 0xD9E1F2, NULL, 1);
    for (int i = 0; i < PALETTE_N; i++)
        st->patient[i] = fmt(wb, palette[i], NULL, 0);
}

/* ---- sheets from CSV writers ------------------------------------------- */

/* One CSV file being turned into a sheet, record by record. */
struct sheet_fill {
    lxw_worksheet *ws;
    const struct csv_sheet *def;
    const struct styles *st;
    char *fields[MAX_COLS];     /* the record being read (malloc'd copies) */
    int nfields;
    int row;                    /* the sheet's next row */
    int width[MAX_COLS];        /* widest text of each column, characters */
    int failed;                 /* out of memory */
};

static void on_field(void *s, size_t n, void *data)
{
    struct sheet_fill *sf = data;
    if (sf->nfields >= MAX_COLS || sf->failed)
        return;
    char *copy = malloc(n + 1);
    if (!copy) {
        sf->failed = 1;
        return;
    }
    if (n)
        memcpy(copy, s, n);
    copy[n] = '\0';
    sf->fields[sf->nfields++] = copy;
}

/* Characters of UTF-8 text (bytes that do not continue a sequence). */
static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Writes one cell of a data row as its column's type says. */
static void put_cell(struct sheet_fill *sf, int col, const char *text, lxw_format *plain, lxw_format *dated)
{
    char type = col < (int)strlen(sf->def->types) ? sf->def->types[col] : 't';
    int day;
    char *end;
    int w = text_width(text);
    if (!*text) {
        if (plain)
            worksheet_write_blank(sf->ws, (lxw_row_t)sf->row, (lxw_col_t)col, plain);
        return;
    }
    if (type == 'd' && date_parse(text, &day) == 0) {
        worksheet_write_number(sf->ws, (lxw_row_t)sf->row, (lxw_col_t)col, day + EXCEL_1970, dated);
        w = 10;
    } else if (type == 'n' || type == 'g') {
        double x = strtod(text, &end);
        if (end != text && !*end)
            worksheet_write_number(sf->ws, (lxw_row_t)sf->row, (lxw_col_t)col, x, plain);
        else
            worksheet_write_string(sf->ws, (lxw_row_t)sf->row, (lxw_col_t)col, text, plain);
    } else
        worksheet_write_string(sf->ws, (lxw_row_t)sf->row, (lxw_col_t)col, text, plain);
    if (w > sf->width[col])
        sf->width[col] = w;
}

static void on_record(int c, void *data)
{
    struct sheet_fill *sf = data;
    (void)c;
    if (!sf->failed && sf->nfields > 0) {
        const struct styles *st = sf->st;
        lxw_format *plain = NULL, *dated = st->date;
        int sc = sf->def->status_column;
        if (sf->row == 0) {
            plain = st->header;
            dated = st->header;
        } else if (sc >= 0 && sc < sf->nfields && strcmp(sf->fields[sc], "late") == 0) {
            plain = st->late;
            dated = st->late_date;
        } else if (sc >= 0 && sc < sf->nfields && strcmp(sf->fields[sc], "unserved") == 0) {
            plain = st->unserved;
            dated = st->unserved_date;
        }
        for (int i = 0; i < sf->nfields; i++) {
            if (sf->row == 0) {
                worksheet_write_string(sf->ws, 0, (lxw_col_t)i, sf->fields[i], st->header);
                if (text_width(sf->fields[i]) > sf->width[i])
                    sf->width[i] = text_width(sf->fields[i]);
            } else
                put_cell(sf, i, sf->fields[i], plain, dated);
        }
        sf->row++;
    }
    for (int i = 0; i < sf->nfields; i++)
        free(sf->fields[i]);
    sf->nfields = 0;
}

/* The sheet def->name from the CSV that def->write makes of v. Returns 0,
 * or -1 when memory ran out. */
static int csv_sheet(lxw_workbook *wb, const struct styles *st, const struct csv_sheet *def,
                     const struct plan_view *v)
{
    char *text = NULL;
    size_t len = 0;
    struct csv_parser p;
    struct sheet_fill sf;
    int rc = -1, parser = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return -1;
    int wrote = def->write(m, v, NULL);
    if (fclose(m) != 0 || wrote != 0)
        goto done;
    memset(&sf, 0, sizeof sf);
    sf.def = def;
    sf.st = st;
    sf.ws = workbook_add_worksheet(wb, def->name);
    if (!sf.ws || csv_init(&p, CSV_APPEND_NULL) != 0)
        goto done;
    parser = 1;
    if (csv_parse(&p, text, len, on_field, on_record, &sf) != len ||
        csv_fini(&p, on_field, on_record, &sf) != 0 || sf.failed)
        goto done;
    worksheet_freeze_panes(sf.ws, 1, 0);
    int ncols = (int)strlen(def->types);
    if (sf.row > 0)
        worksheet_autofilter(sf.ws, 0, 0, (lxw_row_t)(sf.row - 1), (lxw_col_t)(ncols - 1));
    for (int i = 0; i < ncols; i++) {
        int w = sf.width[i] + 2 < MAX_WIDTH ? sf.width[i] + 2 : MAX_WIDTH;
        worksheet_set_column(sf.ws, (lxw_col_t)i, (lxw_col_t)i, w < 8 ? 8 : w, NULL);
    }
    rc = 0;
done:
    if (parser) {
        for (int i = 0; i < sf.nfields; i++)
            free(sf.fields[i]);
        csv_free(&p);
    }
    free(text);
    return rc;
}

/* ---- Rooms: the Gantt chart -------------------------------------------- */

/* Row 0 the dates (weekends darker), row 1 the weekday letters; then per
 * room one row per place ("R1 #2"): the batches in the order they start,
 * each on the first place free from its start to its last changeover day.
 * A batch shows its id on its first day and its colour on every day, its
 * changeover days hatched grey; closed days of the room are dark grey,
 * free weekend days light grey. */
static int rooms_sheet(lxw_workbook *wb, const struct styles *st, const struct plan_view *v)
{
    const struct scenario *s = v->s;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Rooms");
    int nb = v->nbatches, rc = -1;
    int *lane_of = calloc((size_t)(nb ? nb : 1), sizeof *lane_of);
    int *free_from = calloc((size_t)(nb ? nb : 1), sizeof *free_from);
    if (!ws || !lane_of || !free_from)
        goto done;
    worksheet_write_string(ws, 0, 0, "room / day", st->header);
    worksheet_write_string(ws, 1, 0, "", st->header);
    for (int i = 0; i < v->ndays; i++) {
        int day = s->start + i, wd = date_weekday(day);
        worksheet_write_number(ws, 0, (lxw_col_t)(i + 1), day + EXCEL_1970,
                               wd >= 5 ? st->weekend_head : st->day_head);
        worksheet_write_string(ws, 1, (lxw_col_t)(i + 1), wd_name(wd), wd >= 5 ? st->weekend_day : st->weekday);
    }
    int row = 2, name_width = 10;
    char name[256];
    for (int r = 0; r < s->nrooms; r++) {
        /* Places: batches of this room by start, each on the first place
         * whose previous batch has left (free_from: first free day). */
        int nlanes = 0;
        for (int j = 0; j < nb; j++) {
            const struct pv_batch *b = &v->batches[j];
            if (b->room != r)
                continue;
            int l = 0;
            while (l < nlanes && free_from[l] > b->t.start)
                l++;
            if (l == nlanes)
                nlanes++;
            free_from[l] = b->t.last_room_day + 1;
            lane_of[j] = l;
        }
        int lanes = nlanes > s->rooms[r].capacity ? nlanes : s->rooms[r].capacity;
        if (lanes < 1)
            lanes = 1;
        for (int l = 0; l < lanes; l++) {
            lxw_row_t at = (lxw_row_t)(row + l);
            if (lanes > 1)
                snprintf(name, sizeof name, "%s #%d", s->rooms[r].id, l + 1);
            else
                snprintf(name, sizeof name, "%s", s->rooms[r].id);
            worksheet_write_string(ws, at, 0, name, st->lane);
            if (text_width(name) > name_width)
                name_width = text_width(name);
            for (int i = 0; i < v->ndays; i++) {
                int day = s->start + i;
                /* "closed" once per closed run, on the room's first row:
                 * the text runs on over the empty cells after it. */
                if (!scn_room_open(s, r, day) && l == 0 && (i == 0 || scn_room_open(s, r, day - 1)))
                    worksheet_write_string(ws, at, (lxw_col_t)(i + 1), "closed", st->closed);
                else if (!scn_room_open(s, r, day))
                    worksheet_write_blank(ws, at, (lxw_col_t)(i + 1), st->closed);
                else if (date_weekday(day) >= 5)
                    worksheet_write_blank(ws, at, (lxw_col_t)(i + 1), st->weekend);
            }
        }
        /* The batches over the background (a cell written twice keeps the
         * last: a batch in a closed room still shows). */
        for (int j = 0; j < nb; j++) {
            const struct pv_batch *b = &v->batches[j];
            if (b->room != r)
                continue;
            lxw_row_t at = (lxw_row_t)(row + lane_of[j]);
            for (int day = b->t.start; day <= b->t.last_room_day; day++) {
                int i = day - s->start;
                if (i < 0 || i >= v->ndays)
                    continue;
                /* The id on the batch's first day shown; the colour on every
                 * day (the id runs on over the blank cells after it). */
                if (day <= b->t.end && (day == b->t.start || i == 0))
                    worksheet_write_string(ws, at, (lxw_col_t)(i + 1), b->id, st->patient[j % PALETTE_N]);
                else
                    worksheet_write_blank(ws, at, (lxw_col_t)(i + 1),
                                          day <= b->t.end ? st->patient[j % PALETTE_N] : st->changeover);
            }
        }
        row += lanes;
    }
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_set_column(ws, 0, 0, name_width + 2, NULL);
    if (v->ndays > 0)
        worksheet_set_column(ws, 1, (lxw_col_t)v->ndays, 4, NULL);
    worksheet_set_row(ws, 0, 42, NULL);
    rc = 0;
done:
    free(lane_of);
    free(free_from);
    return rc;
}

/* ---- the workbook ------------------------------------------------------ */

/* Copies the open file tmp (from its start) to f. */
static int copy_file(FILE *tmp, FILE *f)
{
    char buf[65536];
    size_t n;
    rewind(tmp);
    while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
        if (fwrite(buf, 1, n, f) != n)
            return 0; /* f's error flag: the caller finds it */
    return ferror(tmp) ? -1 : 0;
}

int write_xlsx(FILE *f, const struct plan_view *v, const struct csv_dialect *d)
{
    (void)d;
    const char *dir = getenv("TMPDIR");
    char path[4096] = "";
    int rc = -1, fd = -1;
    FILE *tmp = NULL;
    lxw_workbook *wb = NULL;
    if (!dir || !*dir)
        dir = "/tmp";
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0)
        return -1;
    locale_t old = uselocale(c_locale);
    char templ[4096];
    if ((size_t)snprintf(templ, sizeof templ, "%s/.planner-xlsx.XXXXXX", dir) >= sizeof templ ||
        (fd = mkstemp(templ)) < 0) {
        /* A writer can only say "out of memory": say the real reason here. */
        fprintf(stderr, "planner: plan.xlsx: cannot create a temporary file in %s: %s\n", dir,
                strerror(errno));
        goto done;
    }
    memcpy(path, templ, sizeof path);
    char tmpdir[4096];
    snprintf(tmpdir, sizeof tmpdir, "%s", dir);   /* the option is not const */
    lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = tmpdir};
    wb = workbook_new_opt(path, &opt);
    if (!wb)
        goto done;
    /* The creation time goes into docProps/core.xml: the scenario's first
     * day (midnight UTC), not the clock, so that one plan gives one file. */
    lxw_doc_properties props = {.created = (time_t)v->s->start * 86400};
    workbook_set_properties(wb, &props);
    struct styles st;
    make_styles(wb, &st);
    if (csv_sheet(wb, &st, &csv_sheets[0], v) != 0 || rooms_sheet(wb, &st, v) != 0)
        goto done;
    for (int i = 1; i < NCSV_SHEETS; i++)
        if (csv_sheet(wb, &st, &csv_sheets[i], v) != 0)
            goto done;
    lxw_error e = workbook_close(wb);
    wb = NULL;
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "planner: plan.xlsx: %s\n", lxw_strerror(e));
        goto done;
    }
    if (!(tmp = fdopen(fd, "rb")))
        goto done;
    fd = -1;
    rc = copy_file(tmp, f);
done:
    if (wb)
        workbook_close(wb);
    if (tmp)
        fclose(tmp);
    if (fd >= 0)
        close(fd);
    if (path[0])
        unlink(path);
    uselocale(old);
    freelocale(c_locale);
    return rc;
}
