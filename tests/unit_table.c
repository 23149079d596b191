/* Unit tests of models/text.h (the small helpers the readers share) and
 * models/csv_table.h (CSV tables matched to a column schema). Only the public
 * surface of those modules; each table test writes its CSV bytes to a
 * fresh directory under /tmp so that the bytes (BOM, CRLF, NUL) are exactly
 * what the test shows. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/arena.h"
#include "models/diag.h"
#include "models/csv_table.h"
#include "models/text.h"

/* ==== text.h ============================================================ */

#define UTF8(lit) text_is_utf8(lit, sizeof lit - 1)

Test(text, utf8_valid_multibyte)
{
    cr_assert_eq(UTF8(""), 1);
    cr_assert_eq(UTF8("plain ASCII, 123"), 1);
    cr_assert_eq(UTF8("\xc3\xa9"), 1, "U+00E9 e acute, two bytes");
    cr_assert_eq(UTF8("H\xc3\xb4pital Saint-Louis"), 1);
    cr_assert_eq(UTF8("\xe2\x82\xac"), 1, "U+20AC euro, three bytes");
    cr_assert_eq(UTF8("\xf0\x9d\x84\x9e"), 1, "U+1D11E, four bytes");
    cr_assert_eq(UTF8("\xc2\x80"), 1, "U+0080, smallest two-byte");
    cr_assert_eq(UTF8("\xe0\xa0\x80"), 1, "U+0800, smallest three-byte");
    cr_assert_eq(UTF8("\xed\x9f\xbf"), 1, "U+D7FF, just below the surrogates");
    cr_assert_eq(UTF8("\xee\x80\x80"), 1, "U+E000, just above the surrogates");
    cr_assert_eq(UTF8("\xef\xbf\xbf"), 1, "U+FFFF");
    cr_assert_eq(UTF8("\xf0\x90\x80\x80"), 1, "U+10000, smallest four-byte");
    cr_assert_eq(UTF8("\xf4\x8f\xbf\xbf"), 1, "U+10FFFF, the last code point");
    cr_assert_eq(UTF8("a\xc3\xa9"), 1, "a two-byte sequence that ends the text");
    cr_assert_eq(UTF8("ab\xe2\x82\xac"), 1, "a three-byte sequence that ends the text");
}

Test(text, utf8_overlong_forms_rejected)
{
    cr_assert_eq(UTF8("\xc0\xaf"), 0, "overlong '/'");
    cr_assert_eq(UTF8("\xc1\xbf"), 0);
    cr_assert_eq(UTF8("\xe0\x80\xaf"), 0, "overlong '/' in three bytes");
    cr_assert_eq(UTF8("\xe0\x9f\xbf"), 0, "overlong U+07FF");
    cr_assert_eq(UTF8("\xf0\x80\x80\xaf"), 0, "overlong '/' in four bytes");
    cr_assert_eq(UTF8("\xf0\x8f\xbf\xbf"), 0, "overlong U+FFFF");
}

Test(text, utf8_surrogates_and_out_of_range_rejected)
{
    cr_assert_eq(UTF8("\xed\xa0\x80"), 0, "U+D800");
    cr_assert_eq(UTF8("\xed\xbf\xbf"), 0, "U+DFFF");
    cr_assert_eq(UTF8("x\xed\xb0\x80yz"), 0);
    cr_assert_eq(UTF8("\xf4\x90\x80\x80"), 0, "U+110000");
    cr_assert_eq(UTF8("\xf5\x80\x80\x80"), 0);
    cr_assert_eq(UTF8("\xff"), 0);
    cr_assert_eq(UTF8("\x80"), 0, "a lone continuation byte");
    cr_assert_eq(UTF8("abc\xbf"), 0);
    cr_assert_eq(UTF8("P\xe9rez"), 0, "Latin-1 e acute");
}

Test(text, utf8_truncated_sequences_rejected)
{
    cr_assert_eq(UTF8("\xc3"), 0, "two-byte lead at the end");
    cr_assert_eq(UTF8("ab\xe2\x82"), 0, "three-byte sequence cut at the end");
    cr_assert_eq(UTF8("\xf0\x9d\x84"), 0, "four-byte sequence cut at the end");
    cr_assert_eq(UTF8("\xe2\x82x"), 0, "three-byte sequence cut by ASCII near the end");
    cr_assert_eq(UTF8("\xe2\x82xyzw"), 0, "three-byte sequence cut by ASCII");
    cr_assert_eq(UTF8("\xf0\x9d\x84xyz"), 0);
    /* n counts: a valid sequence cut by n is truncated */
    cr_assert_eq(text_is_utf8("\xc3\xa9", 1), 0);
    cr_assert_eq(text_is_utf8("\xe2\x82\xac", 2), 0);
    cr_assert_eq(text_is_utf8("\xe2\x82\xac", 3), 1);
}

Test(text, utf8_nul_rejected)
{
    cr_assert_eq(text_is_utf8("ab\0cd", 5), 0);
    cr_assert_eq(text_is_utf8("ab\0cd", 2), 1, "only the first n bytes count");
}

Test(text, utf8_len)
{
    cr_assert_eq(text_utf8_len((const unsigned char *)"a"), 1);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xc3\xa9"), 2);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xe2\x82\xac"), 3);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xf0\x9d\x84\x9e"), 4);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xc0\xaf"), 0);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xed\xa0\x80"), 0);
    cr_assert_eq(text_utf8_len((const unsigned char *)"\xe2\x82"), 0);
}

Test(text, distance)
{
    cr_assert_eq(text_distance("kitten", "sitting", 5), 3);
    cr_assert_eq(text_distance("due", "due", 2), 0);
    cr_assert_eq(text_distance("Due", "dUE", 2), 0, "case-insensitive");
    cr_assert_eq(text_distance("time_limt", "time_limit", 2), 1);
    cr_assert_eq(text_distance("prority", "priority", 2), 1);
    cr_assert_eq(text_distance("", "abc", 5), 3);
    cr_assert_eq(text_distance("abc", "", 5), 3);
    cr_assert_eq(text_distance("ab", "ba", 5), 2, "a swap is two edits");
    cr_assert_eq(text_distance("abcd", "wxyz", 4), 4, "exactly the limit");
}

Test(text, distance_stops_at_limit)
{
    cr_assert_eq(text_distance("abcdef", "uvwxyz", 2), 3, "limit + 1 when larger");
    cr_assert_eq(text_distance("foo", "due", 2), 3);
    cr_assert_eq(text_distance("a", "abcdefgh", 0), 1);
}

/* text.h promises the Levenshtein distance for any two names; identical
 * names are at distance 0 whatever their length. */
Test(text, distance_of_long_identical_names)
{
    char a[80];
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    cr_assert_eq(text_distance(a, a, 2), 0, "two identical %zu-character names", strlen(a));
    a[63] = '\0';
    cr_assert_eq(text_distance(a, a, 2), 0, "two identical 63-character names");
}

Test(text, has_space)
{
    cr_assert_eq(text_has_space("P-001"), 0);
    cr_assert_eq(text_has_space(""), 0);
    cr_assert_eq(text_has_space("P 001"), 1);
    cr_assert_eq(text_has_space("P\t001"), 1);
    cr_assert_eq(text_has_space("P001\r"), 1);
    cr_assert_eq(text_has_space("\nP"), 1);
}

Test(text, dirname)
{
    char buf[64];
    cr_assert_str_eq(text_dirname("scenarios/smart101/scenario.ini", buf, sizeof buf), "scenarios/smart101");
    cr_assert_str_eq(text_dirname("scenario.ini", buf, sizeof buf), ".");
    cr_assert_str_eq(text_dirname("/scenario.ini", buf, sizeof buf), "/");
    cr_assert_str_eq(text_dirname("./scenario.ini", buf, sizeof buf), ".");
    cr_assert_str_eq(text_dirname("../base/scenario.ini", buf, sizeof buf), "../base");
    cr_assert_str_eq(text_dirname("/abs/dir/x.csv", buf, sizeof buf), "/abs/dir");
    cr_assert_eq(text_dirname("a/b", buf, sizeof buf), buf);
}

Test(text, join_path)
{
    char buf[64];
    cr_assert_str_eq(text_join_path("scenarios/base", "sites.csv", buf, sizeof buf), "scenarios/base/sites.csv");
    cr_assert_str_eq(text_join_path(".", "sites.csv", buf, sizeof buf), "sites.csv");
    cr_assert_str_eq(text_join_path("dir/", "sites.csv", buf, sizeof buf), "dir/sites.csv");
    cr_assert_str_eq(text_join_path("/", "sites.csv", buf, sizeof buf), "/sites.csv");
    cr_assert_str_eq(text_join_path("dir", "/abs/sites.csv", buf, sizeof buf), "/abs/sites.csv");
    cr_assert_str_eq(text_join_path("what-if", "../base/sites.csv", buf, sizeof buf),
                     "what-if/../base/sites.csv");
}

Test(text, join_path_buffer_bounds)
{
    char buf[16];
    /* "ab/c" needs 5 bytes with its NUL: exactly enough, one less fails */
    cr_assert_str_eq(text_join_path("ab", "c", buf, 5), "ab/c");
    cr_assert_null(text_join_path("ab", "c", buf, 4));
    cr_assert_str_eq(text_join_path(".", "abc", buf, 4), "abc");
    cr_assert_null(text_join_path(".", "abcd", buf, 4));
    cr_assert_null(text_join_path("x", "/abs/long/path", buf, 8));
}

Test(text, dirname_then_join_resolves_relative_to_the_file)
{
    char dir[64], buf[64];
    text_dirname("tests/fixtures/child/scenario.ini", dir, sizeof dir);
    cr_assert_str_eq(text_join_path(dir, "../parent/sites.csv", buf, sizeof buf),
                     "tests/fixtures/child/../parent/sites.csv");
    text_dirname("scenario.ini", dir, sizeof dir);
    cr_assert_str_eq(text_join_path(dir, "sites.csv", buf, sizeof buf), "sites.csv");
}

/* ==== table.h =========================================================== */

enum { C_PATIENT, C_SITE, C_READY, C_DUE, C_PRIORITY, C_N };
static const struct tab_column cols[C_N] = {
    {"patient", 1}, {"site", 1}, {"ready", 1}, {"due", 1}, {"priority", 0}};

#define HDR "patient,site,ready,due\n"

static char dir[64];
static char paths[8][128];
static int npaths;
static diag_list *D;
static arena *M;

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/planner-unit-table-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    D = diag_new();
    M = arena_new(0);
    cr_assert(D && M);
}

static void teardown(void)
{
    for (int i = 0; i < npaths; i++)
        remove(paths[i]);
    rmdir(dir);
    diag_free(D);
    arena_free(M);
}

/* Writes n bytes to <dir>/name and returns the path. */
static const char *put(const char *name, const char *bytes, size_t n)
{
    cr_assert_lt(npaths, 8);
    char *path = paths[npaths++];
    snprintf(path, sizeof paths[0], "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
    return path;
}

/* Writes a literal (which may contain NUL bytes) as patients.csv and reads
 * it with the schema above. */
#define READ(lit) tab_read(put("patients.csv", lit, sizeof lit - 1), cols, C_N, D, M)

static int ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return s && a >= b && strcmp(s + a - b, tail) == 0;
}

static void assert_diag(size_t i, enum diag_level level, const char *file, int line, const char *msg)
{
    const struct diag *g = diag_get(D, i);
    cr_assert_not_null(g, "diagnostic %zu is missing (%zu kept)", i, diag_kept(D));
    cr_assert_str_eq(g->msg, msg);
    cr_assert_eq(g->level, level, "level of '%s'", g->msg);
    cr_assert(ends_with(g->file, file), "file of '%s' is '%s', expected ...%s", g->msg,
              g->file ? g->file : "(null)", file);
    cr_assert_eq(g->line, line, "line of '%s'", g->msg);
}

static void assert_no_diag(void)
{
    if (diag_kept(D) > 0)
        cr_assert_fail("unexpected diagnostic: line %d: %s", diag_get(D, 0)->line, diag_get(D, 0)->msg);
    cr_assert_eq(diag_errors(D), 0);
    cr_assert_eq(diag_warnings(D), 0);
}

#define CELL(t, row, col) tab_cell(t, row, col)

TestSuite(table, .init = setup, .fini = teardown);

Test(table, plain_file)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,NYC,2027-01-06,2027-02-06\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 2);
    cr_assert(ends_with(tab_path(t), "/patients.csv"));
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
    cr_assert_str_eq(CELL(t, 0, C_SITE), "PAR");
    cr_assert_str_eq(CELL(t, 0, C_READY), "2027-01-05");
    cr_assert_str_eq(CELL(t, 1, C_DUE), "2027-02-06");
    cr_assert_eq(tab_line(t, 0), 2);
    cr_assert_eq(tab_line(t, 1), 3);
    cr_assert_eq(tab_has_column(t, C_DUE), 1);
    cr_assert_eq(tab_has_column(t, C_PRIORITY), 0);
    cr_assert_null(CELL(t, 0, C_PRIORITY), "a column the file lacks reads as blank");
}

Test(table, bom_is_stripped_from_the_first_header)
{
    table *t = READ("\xEF\xBB\xBFpatient,site,ready,due\nP-1,PAR,2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_has_column(t, C_PATIENT), 1);
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
    cr_assert_eq(tab_line(t, 0), 2);
}

Test(table, bom_before_a_quoted_header)
{
    table *t = READ("\xEF\xBB\xBF\"patient\",site,ready,due\nP-1,PAR,2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
}

Test(table, crlf_line_ends)
{
    table *t = READ("patient,site,ready,due\r\n"
                    "P-1,PAR,2027-01-05,2027-02-05\r\n"
                    "\r\n"
                    "P-2,NYC,2027-01-06,2027-02-06\r\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_eq(tab_has_column(t, C_DUE), 1, "the last header name has no CR");
    cr_assert_str_eq(CELL(t, 0, C_DUE), "2027-02-05");
    cr_assert_str_eq(CELL(t, 1, C_DUE), "2027-02-06");
    cr_assert_eq(tab_line(t, 0), 2);
    cr_assert_eq(tab_line(t, 1), 4);
}

Test(table, quoted_commas)
{
    table *t = READ(HDR "\"P-1\",\"Paris, Saint-Louis\",2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
    cr_assert_str_eq(CELL(t, 0, C_SITE), "Paris, Saint-Louis");
    cr_assert_str_eq(CELL(t, 0, C_READY), "2027-01-05");
}

Test(table, doubled_quotes_inside_quotes)
{
    table *t = READ(HDR "P-1,\"the \"\"big\"\" one\",2027-01-05,\"\"\"\"\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_SITE), "the \"big\" one");
    cr_assert_str_eq(CELL(t, 0, C_DUE), "\"");
}

Test(table, embedded_newline_and_the_next_records_line)
{
    table *t = READ(HDR "P-1,\"two\nlines\",2027-01-05,2027-02-05\n"
                        "P-2,NYC,2027-01-06,2027-02-06\n"
                        "P-3,\"three\nphysical\nlines\",2027-01-07,2027-02-07\n"
                        "P-4,NYC,2027-01-08,2027-02-08\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 4);
    cr_assert_str_eq(CELL(t, 0, C_SITE), "two\nlines");
    cr_assert_eq(tab_line(t, 0), 2, "a record's line is its first physical line");
    cr_assert_eq(tab_line(t, 1), 4);
    cr_assert_eq(tab_line(t, 2), 5);
    cr_assert_eq(tab_line(t, 3), 8);
    cr_assert_str_eq(CELL(t, 2, C_SITE), "three\nphysical\nlines");
}

Test(table, embedded_crlf_and_an_error_after_it)
{
    /* the ragged record after a two-line record is reported on line 4 */
    table *t = READ("patient,site,ready,due\r\n"
                    "P-1,\"two\r\nlines\",2027-01-05,2027-02-05\r\n"
                    "P-2,NYC,2027-01-06\r\n");
    cr_assert_not_null(t);
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_str_eq(CELL(t, 0, C_SITE), "two\r\nlines");
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 4, "row has 3 fields, the header has 4");
}

Test(table, cr_line_ends)
{
    /* old Mac line ends: a lone CR ends a line, like LF; CRLF counts once */
    table *t = READ("patient,site,ready,due\r"
                    "P-1,\"two\rlines\",2027-01-05,2027-02-05\r"
                    "\r"
                    "P-2,NYC,2027-01-06,2027-02-06\n"
                    "P-3,NYC,2027-01-07\r\n"
                    "P-4,NYC,2027-01-08\r");
    cr_assert_not_null(t);
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_str_eq(CELL(t, 0, C_SITE), "two\rlines");
    cr_assert_eq(tab_line(t, 0), 2);
    cr_assert_eq(tab_line(t, 1), 5);
    cr_assert_eq(diag_errors(D), 2);
    assert_diag(0, DIAG_ERROR, "patients.csv", 6, "row has 3 fields, the header has 4");
    assert_diag(1, DIAG_ERROR, "patients.csv", 7, "row has 3 fields, the header has 4");
}

/* A field of 196,581 bytes: the line goes to libcsv in pieces, its CR is
 * the last byte of a piece and its LF the first of the next. */
Test(table, field_longer_than_the_pieces_fed)
{
    const size_t big = 196581, cr = 196607; /* 3 * 65536 - 1: the CR's offset in its line */
    const char *tail = "P-2,NYC,2027-01-06\r\nP-3,NYC,2027-01-07,2027-02-07\n";
    size_t len = strlen(HDR) + cr + 2 + strlen(tail);
    char *text = malloc(len + 1), *p = text;
    cr_assert_not_null(text);
    p += sprintf(p, "%sP-1,", HDR);
    memset(p, 'x', big);
    p += big;
    p += sprintf(p, ",2027-01-05,2027-02-05\r\n%s", tail);
    cr_assert_eq((size_t)(p - text), len);
    cr_assert_eq(text[strlen(HDR) + cr], '\r');
    table *t = tab_read(put("patients.csv", text, len), cols, C_N, D, M);
    free(text);
    cr_assert_not_null(t);
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_eq(strlen(CELL(t, 0, C_SITE)), big);
    cr_assert_str_eq(CELL(t, 0, C_DUE), "2027-02-05");
    cr_assert_eq(tab_line(t, 0), 2);
    cr_assert_eq(tab_line(t, 1), 4, "the CRLF across two pieces is one line end");
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 3, "row has 3 fields, the header has 4");
}

Test(table, blank_and_all_empty_rows_are_skipped_lines_kept)
{
    table *t = READ(HDR "\n"
                        "P-1,PAR,2027-01-05,2027-02-05\n"
                        ",,,\n"
                        "   \n"
                        " , , , \n"
                        "\"\",\"\",,\n"
                        ",,\n"
                        "P-2,NYC,2027-01-06,2027-02-06\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_eq(tab_line(t, 0), 3);
    cr_assert_eq(tab_line(t, 1), 9);
}

Test(table, blank_lines_before_the_header)
{
    table *t = READ("\n\npatient,site,ready,due\nP-1,PAR,2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_eq(tab_line(t, 0), 4);
}

Test(table, columns_in_any_order_case_and_spaces)
{
    table *t = READ(" DUE ,Ready,  site,PATIENT\t, Priority\n"
                    "2027-02-05,2027-01-05,PAR,P-1,2\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
    cr_assert_str_eq(CELL(t, 0, C_SITE), "PAR");
    cr_assert_str_eq(CELL(t, 0, C_READY), "2027-01-05");
    cr_assert_str_eq(CELL(t, 0, C_DUE), "2027-02-05");
    cr_assert_str_eq(CELL(t, 0, C_PRIORITY), "2");
}

Test(table, cells_are_trimmed_and_blank_is_null)
{
    table *t = READ("patient,site,ready,due,priority\n"
                    "  P-1 ,\tPAR\t,2027-01-05,2027-02-05,   \n"
                    "P-2,NYC,2027-01-06,2027-02-06,\n");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-1");
    cr_assert_str_eq(CELL(t, 0, C_SITE), "PAR");
    cr_assert_null(CELL(t, 0, C_PRIORITY), "spaces only: blank");
    cr_assert_null(CELL(t, 1, C_PRIORITY), "empty: blank");
    cr_assert_eq(tab_has_column(t, C_PRIORITY), 1);
}

Test(table, unknown_column_is_a_warning)
{
    table *t = READ("patient,site,foo,ready,due\nP-1,PAR,x,2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    cr_assert_eq(diag_errors(D), 0);
    cr_assert_eq(diag_warnings(D), 1);
    assert_diag(0, DIAG_WARNING, "patients.csv", 1, "unknown column 'foo' is ignored");
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_str_eq(CELL(t, 0, C_READY), "2027-01-05", "columns after the unknown one still map");
}

Test(table, unknown_column_near_a_known_one)
{
    table *t = READ("patient,site,ready,due,prority\nP-1,PAR,2027-01-05,2027-02-05,2\n");
    cr_assert_not_null(t);
    cr_assert_eq(diag_errors(D), 0);
    assert_diag(0, DIAG_WARNING, "patients.csv", 1,
                "unknown column 'prority' is ignored (did you mean 'priority'?)");
    cr_assert_null(CELL(t, 0, C_PRIORITY));
}

Test(table, unnamed_column_is_a_warning)
{
    table *t = READ("patient,site,ready,due,\nP-1,PAR,2027-01-05,2027-02-05,x\n");
    cr_assert_not_null(t);
    cr_assert_eq(diag_errors(D), 0);
    assert_diag(0, DIAG_WARNING, "patients.csv", 1, "column 5 has no name in the header; it is ignored");
    cr_assert_eq(tab_rows(t), 1);
}

Test(table, missing_required_column)
{
    table *t = READ("patient,site,ready\nP-1,PAR,2027-01-05\n");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 1, "missing required column 'due'");
}

Test(table, every_missing_required_column_is_named)
{
    table *t = READ("patient,priority\nP-1,1\n");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 3);
    assert_diag(0, DIAG_ERROR, "patients.csv", 1, "missing required column 'site'");
    assert_diag(1, DIAG_ERROR, "patients.csv", 1, "missing required column 'ready'");
    assert_diag(2, DIAG_ERROR, "patients.csv", 1, "missing required column 'due'");
}

Test(table, column_given_twice)
{
    table *t = READ("patient,site,ready,due,SITE\nP-1,PAR,2027-01-05,2027-02-05,NYC\n");
    cr_assert_null(t);
    assert_diag(0, DIAG_ERROR, "patients.csv", 1, "column 'site' appears twice in the header");
}

Test(table, ragged_rows)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,NYC,2027-01-06\n"
                        "P-3,NYC,2027-01-07,2027-02-07,1,extra\n"
                        "P-4\n"
                        "P-5,NYC,2027-01-09,2027-02-09\n");
    cr_assert_not_null(t, "bad rows are left out, the rest is returned");
    cr_assert_eq(diag_errors(D), 3);
    assert_diag(0, DIAG_ERROR, "patients.csv", 3, "row has 3 fields, the header has 4");
    assert_diag(1, DIAG_ERROR, "patients.csv", 4, "row has 6 fields, the header has 4"
                " (a decimal comma? numbers use '.'; a text with a comma must be quoted)");
    assert_diag(2, DIAG_ERROR, "patients.csv", 5, "row has 1 field, the header has 4");
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_str_eq(CELL(t, 1, C_PATIENT), "P-5");
    cr_assert_eq(tab_line(t, 1), 6);
}

Test(table, quote_inside_an_unquoted_field)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,PA\"R,2027-01-06,2027-02-06\n"
                        "P-3,NYC,2027-01-07,2027-02-07\n");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    const struct diag *g = diag_get(D, 0);
    cr_assert_not_null(strstr(g->msg, "malformed CSV"), "%s", g->msg);
    cr_assert_eq(g->line, 3);
    cr_assert(ends_with(g->file, "patients.csv"));
}

Test(table, text_after_a_closing_quote)
{
    table *t = READ(HDR "\n"
                        "P-1,\"PAR\"x,2027-01-05,2027-02-05\n");
    cr_assert_null(t);
    const struct diag *g = diag_get(D, 0);
    cr_assert_not_null(g);
    cr_assert_not_null(strstr(g->msg, "malformed CSV"), "%s", g->msg);
    cr_assert_eq(g->line, 3);
}

Test(table, malformed_quote_after_a_multiline_record)
{
    table *t = READ(HDR "P-1,\"two\nlines\",2027-01-05,2027-02-05\n"
                        "P-2,\"N\"YC,2027-01-06,2027-02-06\n");
    cr_assert_null(t);
    const struct diag *g = diag_get(D, 0);
    cr_assert_not_null(g);
    cr_assert_not_null(strstr(g->msg, "malformed CSV"), "%s", g->msg);
    cr_assert_eq(g->line, 4);
}

Test(table, unterminated_quote_at_eof)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,\"NYC,2027-01-06,2027-02-06\n"
                        "P-3,NYC,2027-01-07,2027-02-07\n");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 3,
                "malformed CSV: a quoted field opened on this line is never closed");
}

Test(table, empty_file)
{
    table *t = READ("");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 1, "file is empty: a header row is needed");
}

Test(table, only_a_bom_and_blank_lines_is_empty)
{
    table *t = READ("\xEF\xBB\xBF\n\r\n  \n,,,\n");
    cr_assert_null(t);
    assert_diag(0, DIAG_ERROR, "patients.csv", 1, "file is empty: a header row is needed");
}

Test(table, header_only)
{
    table *t = READ(HDR);
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 0);
    cr_assert_eq(tab_has_column(t, C_SITE), 1);
}

Test(table, header_only_without_newline)
{
    table *t = READ("patient,site,ready,due");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 0);
    cr_assert_eq(tab_has_column(t, C_DUE), 1);
}

Test(table, last_line_without_newline)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,NYC,2027-01-06,2027-02-06");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_str_eq(CELL(t, 1, C_DUE), "2027-02-06");
    cr_assert_eq(tab_line(t, 1), 3);
}

Test(table, last_line_quoted_without_newline)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,\"2027-02-05\"");
    cr_assert_not_null(t);
    assert_no_diag();
    cr_assert_str_eq(CELL(t, 0, C_DUE), "2027-02-05");
}

Test(table, missing_file)
{
    char path[160];
    snprintf(path, sizeof path, "%s/nowhere.csv", dir);
    table *t = tab_read(path, cols, C_N, D, M);
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "/nowhere.csv", 0, "cannot read file: No such file or directory");
}

Test(table, a_directory)
{
    table *t = tab_read(dir, cols, C_N, D, M);
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    const struct diag *g = diag_get(D, 0);
    cr_assert_str_eq(g->msg, "is a directory, not a file");
    cr_assert_str_eq(g->file, dir);
    cr_assert_eq(g->line, 0);
}

Test(table, nul_byte)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,N\0YC,2027-01-06,2027-02-06\n");
    cr_assert_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 3, "contains a NUL byte (is this a binary file?)");
}

Test(table, invalid_utf8_in_a_cell)
{
    table *t = READ(HDR "P-1,PAR,2027-01-05,2027-02-05\n"
                        "P-2,H\xF4pital,2027-01-06,2027-02-06\n"
                        "P-3,H\xC3\xB4pital,2027-01-07,2027-02-07\n");
    cr_assert_not_null(t, "the bad row is left out, the rest is returned");
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 3,
                "column 'site': 'H\\xF4pital' is not valid UTF-8 (save the file as UTF-8)");
    cr_assert_eq(tab_rows(t), 2);
    cr_assert_str_eq(CELL(t, 1, C_SITE), "H\xC3\xB4pital");
    cr_assert_eq(tab_line(t, 1), 4);
}

Test(table, long_invalid_value_is_shortened_in_the_message)
{
    table *t = READ(HDR "P-1,\xE9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,2027-01-05,2027-02-05\n");
    cr_assert_not_null(t);
    /* 40 characters shown (the bad byte as \xE9, 39 x), then "..." */
    assert_diag(0, DIAG_ERROR, "patients.csv", 2,
                "column 'site': '\\xE9xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not valid UTF-8 "
                "(save the file as UTF-8)");
}

Test(table, every_problem_of_a_file_is_reported)
{
    /* unknown column, then two bad rows: all three are reported */
    table *t = READ("patient,site,ready,due,colour\n"
                    "P-1,PAR,2027-01-05\n"
                    "P-2,PAR,2027-01-06,2027-02-06,red\n"
                    "P-3,\xFF,2027-01-07,2027-02-07,blue\n");
    cr_assert_not_null(t);
    cr_assert_eq(diag_warnings(D), 1);
    cr_assert_eq(diag_errors(D), 2);
    assert_diag(0, DIAG_WARNING, "patients.csv", 1, "unknown column 'colour' is ignored");
    assert_diag(1, DIAG_ERROR, "patients.csv", 2, "row has 3 fields, the header has 5");
    assert_diag(2, DIAG_ERROR, "patients.csv", 4,
                "column 'site': '\\xFF' is not valid UTF-8 (save the file as UTF-8)");
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-2");
}

/* A row of n fields "x,x,...,x" after the 4-column header. */
static table *read_wide_row(int n)
{
    size_t size = strlen(HDR) + 2 * (size_t)n + 64;
    char *buf = malloc(size);
    cr_assert_not_null(buf);
    strcpy(buf, HDR);
    char *p = buf + strlen(buf);
    for (int i = 0; i < n; i++) {
        *p++ = 'x';
        *p++ = i + 1 < n ? ',' : '\n';
    }
    strcpy(p, "P-2,NYC,2027-01-06,2027-02-06\n");
    table *t = tab_read(put("patients.csv", buf, strlen(buf)), cols, C_N, D, M);
    free(buf);
    return t;
}

Test(table, record_of_4096_fields)
{
    table *t = read_wide_row(TAB_MAX_FIELDS);
    cr_assert_not_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 2, "row has 4096 fields, the header has 4"
                " (a decimal comma? numbers use '.'; a text with a comma must be quoted)");
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_eq(tab_line(t, 0), 3);
}

Test(table, record_of_4097_fields)
{
    table *t = read_wide_row(TAB_MAX_FIELDS + 1);
    cr_assert_not_null(t);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, "patients.csv", 2, "record has more than 4096 fields");
    cr_assert_eq(tab_rows(t), 1);
    cr_assert_str_eq(CELL(t, 0, C_PATIENT), "P-2");
}
