/* Unit tests of models/ini.h: scenario.ini files read with iniparser after
 * a line scan of our own (lines, duplicates, syntax errors). Only the
 * public surface of ini.h; each test writes its INI bytes to a fresh
 * directory under /tmp. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/diag.h"
#include "models/ini.h"

static char dir[64];
static char path[128];
static diag_list *D;
static ini_file *F;

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/planner-unit-ini-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/scenario.ini", dir);
    D = diag_new();
    cr_assert_not_null(D);
}

static void teardown(void)
{
    ini_free(F);
    remove(path);
    rmdir(dir);
    diag_free(D);
}

TestSuite(ini, .init = setup, .fini = teardown);

static ini_file *load_bytes(const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
    F = ini_load(path, D);
    return F;
}

#define LOAD(lit) load_bytes(lit, sizeof lit - 1)

static int ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return s && a >= b && strcmp(s + a - b, tail) == 0;
}

static void assert_diag(size_t i, enum diag_level level, int line, const char *msg)
{
    const struct diag *g = diag_get(D, i);
    cr_assert_not_null(g, "diagnostic %zu is missing (%zu kept)", i, diag_kept(D));
    cr_assert_str_eq(g->msg, msg);
    cr_assert_eq(g->level, level, "level of '%s'", g->msg);
    cr_assert(ends_with(g->file, "/scenario.ini"), "file of '%s' is '%s'", g->msg,
              g->file ? g->file : "(null)");
    cr_assert_eq(g->line, line, "line of '%s'", g->msg);
}

static void assert_no_diag(void)
{
    if (diag_kept(D) > 0)
        cr_assert_fail("unexpected diagnostic: line %d: %s", diag_get(D, 0)->line, diag_get(D, 0)->msg);
}

/* The value of section:key, which must be there, and its line. */
static const char *value(const char *section, const char *key, int line)
{
    const struct ini_entry *e = ini_find(F, section, key);
    cr_assert_not_null(e, "[%s] %s is missing", section, key);
    cr_assert_eq(e->line, line, "line of [%s] %s", section, key);
    return e->value;
}

Test(ini, sections_keys_values_and_lines)
{
    cr_assert_not_null(LOAD("; SMART101 what-if\n"
                            "\n"
                            "[scenario]\n"
                            "name  = Base case\n"
                            "start = 2027-01-04\n"
                            "end   = 2027-12-31\n"
                            "\n"
                            "[tables]\n"
                            "sites = sites.csv\n"));
    assert_no_diag();
    cr_assert_str_eq(ini_path(F), path);
    cr_assert_eq(ini_count(F), 4);
    cr_assert_str_eq(value("scenario", "name", 4), "Base case");
    cr_assert_str_eq(value("scenario", "start", 5), "2027-01-04");
    cr_assert_str_eq(value("scenario", "end", 6), "2027-12-31");
    cr_assert_str_eq(value("tables", "sites", 9), "sites.csv");
    /* entries come in file order */
    const struct ini_entry *e0 = ini_entry_at(F, 0), *e3 = ini_entry_at(F, 3);
    cr_assert_str_eq(e0->section, "scenario");
    cr_assert_str_eq(e0->key, "name");
    cr_assert_str_eq(e3->section, "tables");
    cr_assert_str_eq(e3->key, "sites");
    cr_assert_null(ini_entry_at(F, 4));
    cr_assert_null(ini_find(F, "scenario", "base"));
    cr_assert_null(ini_find(F, "tables", "start"), "a key belongs to its section");
    cr_assert_eq(ini_has_section(F, "scenario"), 1);
    cr_assert_eq(ini_has_section(F, "tables"), 1);
    cr_assert_eq(ini_has_section(F, "solver"), 0);
}

Test(ini, empty_section_is_known)
{
    cr_assert_not_null(LOAD("[scenario]\nstart = 2027-01-04\n[policy]\n"));
    assert_no_diag();
    cr_assert_eq(ini_has_section(F, "policy"), 1);
    cr_assert_eq(ini_count(F), 1);
}

Test(ini, byte_order_mark_accepted)
{
    cr_assert_not_null(LOAD("\xEF\xBB\xBF[scenario]\nstart = 2027-01-04\n"));
    assert_no_diag();
    cr_assert_eq(ini_has_section(F, "scenario"), 1);
    cr_assert_str_eq(value("scenario", "start", 2), "2027-01-04");
}

Test(ini, crlf_line_ends)
{
    cr_assert_not_null(LOAD("[scenario]\r\n"
                            "name = Base case\r\n"
                            "\r\n"
                            "start = 2027-01-04\r\n"
                            "end = 2027-12-31"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "name", 2), "Base case");
    cr_assert_str_eq(value("scenario", "start", 4), "2027-01-04");
    cr_assert_str_eq(value("scenario", "end", 5), "2027-12-31", "last line without a newline");
}

Test(ini, comment_lines)
{
    cr_assert_not_null(LOAD("; a comment\n"
                            "# another comment\n"
                            "[scenario]\n"
                            "   ; an indented comment\n"
                            "\t# and another = not a key\n"
                            ";start = 2000-01-01\n"
                            "start = 2027-01-04\n"));
    assert_no_diag();
    cr_assert_eq(ini_count(F), 1);
    cr_assert_str_eq(value("scenario", "start", 7), "2027-01-04");
}

Test(ini, inline_comment_after_an_unquoted_value)
{
    cr_assert_not_null(LOAD("[scenario]\n"
                            "start = 2027-01-04   ; first planned day\n"
                            "end = 2027-12-31# last planned day\n"
                            "name = Cohort #2\n"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "start", 2), "2027-01-04");
    cr_assert_str_eq(value("scenario", "end", 3), "2027-12-31");
    cr_assert_str_eq(value("scenario", "name", 4), "Cohort", "unquoted, '#' starts a comment");
}

Test(ini, quoted_value_keeps_semicolon_and_hash)
{
    cr_assert_not_null(LOAD("[scenario]\n"
                            "name = \"Cohort #2\"\n"
                            "[tables]\n"
                            "sites = \"sites; v2 #final.csv\"   ; quoted, then a comment\n"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "name", 2), "Cohort #2");
    cr_assert_str_eq(value("tables", "sites", 4), "sites; v2 #final.csv");
}

Test(ini, quoted_value_keeps_its_spaces)
{
    cr_assert_not_null(LOAD("[scenario]\nname = \"  padded  \"\n"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "name", 2), "  padded  ");
}

Test(ini, key_given_twice)
{
    cr_assert_null(LOAD("[scenario]\n"
                        "start = 2027-01-04\n"
                        "end = 2027-12-31\n"
                        "start = 2027-02-01\n"));
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 4, "key 'start' is given twice in [scenario] (first on line 2)");
}

Test(ini, key_given_twice_in_another_case_and_a_reopened_section)
{
    cr_assert_null(LOAD("[scenario]\n"
                        "start = 2027-01-04\n"
                        "[tables]\n"
                        "start = x\n"
                        "[SCENARIO]\n"
                        "Start = 2027-02-01\n"));
    cr_assert_eq(diag_errors(D), 1, "the same key in another section is no duplicate");
    assert_diag(0, DIAG_ERROR, 6, "key 'start' is given twice in [scenario] (first on line 2)");
}

Test(ini, key_before_any_section)
{
    cr_assert_null(LOAD("start = 2027-01-04\n[scenario]\nend = 2027-12-31\n"));
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 1, "key 'start' comes before any [section] header");
}

Test(ini, line_that_is_neither)
{
    cr_assert_null(LOAD("[scenario]\nstart 2027-01-04\nend = 2027-12-31\n"));
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 2, "'start 2027-01-04' is neither 'key = value' nor a [section] header");
}

Test(ini, broken_section_headers)
{
    cr_assert_null(LOAD("[scenario\n[]\n[tables] sites = x\n[solver]\n"));
    cr_assert_eq(diag_errors(D), 3);
    assert_diag(0, DIAG_ERROR, 1, "'[scenario' is not a section header like [scenario]");
    assert_diag(1, DIAG_ERROR, 2, "'[]' is not a section header like [scenario]");
    assert_diag(2, DIAG_ERROR, 3, "'[tables] sites = x' is not a section header like [scenario]");
}

Test(ini, key_without_a_name)
{
    cr_assert_null(LOAD("[scenario]\n = 2027-01-04\nmy start = 2027-01-04\n"));
    cr_assert_eq(diag_errors(D), 2);
    assert_diag(0, DIAG_ERROR, 2, "'= 2027-01-04' has no valid key name before '='");
    assert_diag(1, DIAG_ERROR, 3, "'my start = 2027-01-04' has no valid key name before '='");
}

Test(ini, every_error_is_reported)
{
    cr_assert_null(LOAD("orphan = 1\n"
                        "[scenario]\n"
                        "start = 2027-01-04\n"
                        "what is this\n"
                        "start = 2027-01-05\n"));
    cr_assert_eq(diag_errors(D), 3);
    assert_diag(0, DIAG_ERROR, 1, "key 'orphan' comes before any [section] header");
    assert_diag(1, DIAG_ERROR, 4, "'what is this' is neither 'key = value' nor a [section] header");
    assert_diag(2, DIAG_ERROR, 5, "key 'start' is given twice in [scenario] (first on line 3)");
}

Test(ini, keys_and_sections_lowercased_values_not)
{
    cr_assert_not_null(LOAD("[Scenario]\nSTART = 2027-01-04\nName = SMART101 Base\n"));
    assert_no_diag();
    cr_assert_eq(ini_has_section(F, "scenario"), 1);
    cr_assert_str_eq(value("scenario", "start", 2), "2027-01-04");
    cr_assert_str_eq(value("scenario", "name", 3), "SMART101 Base");
    cr_assert_str_eq(ini_entry_at(F, 0)->section, "scenario");
    cr_assert_str_eq(ini_entry_at(F, 0)->key, "start");
}

Test(ini, empty_values)
{
    cr_assert_not_null(LOAD("[tables]\n"
                            "forecast =\n"
                            "shifts =    ; none this time\n"
                            "steps = \"\"\n"
                            "bom=\n"));
    assert_no_diag();
    cr_assert_eq(ini_count(F), 4);
    cr_assert_str_eq(value("tables", "forecast", 2), "");
    cr_assert_str_eq(value("tables", "shifts", 3), "");
    cr_assert_str_eq(value("tables", "steps", 4), "");
    cr_assert_str_eq(value("tables", "bom", 5), "");
}

Test(ini, value_with_an_equals_sign)
{
    cr_assert_not_null(LOAD("[scenario]\nname = a=b\n"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "name", 2), "a=b");
}

Test(ini, line_numbers_after_a_continuation_line)
{
    cr_assert_not_null(LOAD("[scenario]\n"
                            "name = SMART101 \\\n"
                            "  base case\n"
                            "start = 2027-01-04\n"));
    assert_no_diag();
    value("scenario", "name", 2);
    cr_assert_str_eq(value("scenario", "start", 4), "2027-01-04");
}

/* A line of exactly n characters (before its line end): "name = xxx...". */
static char *long_line_file(size_t n, const char *eol)
{
    const char *head = "[scenario]\n";
    size_t size = strlen(head) + n + strlen(eol) + 64;
    char *buf = malloc(size);
    cr_assert_not_null(buf);
    strcpy(buf, head);
    strcat(buf, "name = ");
    size_t at = strlen(buf);
    memset(buf + at, 'x', n - 7);
    buf[at + n - 7] = '\0';
    strcat(buf, eol);
    strcat(buf, "start = 2027-01-04\n");
    return buf;
}

Test(ini, line_of_1000_characters_is_fine)
{
    char *text = long_line_file(1000, "\n");
    load_bytes(text, strlen(text));
    free(text);
    cr_assert_not_null(F);
    assert_no_diag();
    cr_assert_eq(strlen(value("scenario", "name", 2)), 993);
    cr_assert_str_eq(value("scenario", "start", 3), "2027-01-04");
}

Test(ini, line_over_1000_characters)
{
    char *text = long_line_file(1001, "\n");
    load_bytes(text, strlen(text));
    free(text);
    cr_assert_null(F);
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 2, "line is longer than 1000 characters");
}

/* CRLF is a line end like LF (contract, conventions): the CR is not one of
 * the line's characters. */
Test(ini, line_of_1000_characters_with_crlf_is_fine)
{
    char *text = long_line_file(1000, "\r\n");
    load_bytes(text, strlen(text));
    free(text);
    if (diag_kept(D))
        cr_assert_fail("a 1000-character line ending in CRLF was refused: line %d: %s",
                diag_get(D, 0)->line, diag_get(D, 0)->msg);
    cr_assert_not_null(F);
    cr_assert_eq(strlen(value("scenario", "name", 2)), 993);
}

/* Unquoted, ';' and '#' start a comment (contract, conventions), on a
 * section header line too; the scan accepts the line, so iniparser must
 * not refuse the file. */
Test(ini, comment_after_a_section_header)
{
    LOAD("[scenario] ; the base case\nstart = 2027-01-04\n");
    if (diag_kept(D))
        cr_assert_fail("'[scenario] ; comment' was refused: %s:%d: %s",
                diag_get(D, 0)->file ? diag_get(D, 0)->file : "(null)", diag_get(D, 0)->line,
                diag_get(D, 0)->msg);
    cr_assert_not_null(F);
    cr_assert_eq(ini_has_section(F, "scenario"), 1);
    cr_assert_str_eq(value("scenario", "start", 2), "2027-01-04");
}

Test(ini, invalid_utf8_line)
{
    cr_assert_null(LOAD("[scenario]\nname = Caf\xE9 cr\xE8me\n"));
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 2, "'name = Caf\\xE9 cr\\xE8me' is not valid UTF-8 (save the file as UTF-8)");
}

Test(ini, valid_utf8_value)
{
    cr_assert_not_null(LOAD("[scenario]\nname = H\xC3\xB4pital Saint-Louis \xE2\x82\xAC\n"));
    assert_no_diag();
    cr_assert_str_eq(value("scenario", "name", 2), "H\xC3\xB4pital Saint-Louis \xE2\x82\xAC");
}

Test(ini, nul_byte)
{
    cr_assert_null(LOAD("[scenario]\nname = a\0b\n"));
    cr_assert_eq(diag_errors(D), 1);
    assert_diag(0, DIAG_ERROR, 2, "contains a NUL byte (is this a binary file?)");
}

Test(ini, missing_file)
{
    F = ini_load("tests/fixtures/no-such-dir/scenario.ini", D);
    cr_assert_null(F);
    cr_assert_eq(diag_errors(D), 1);
    const struct diag *g = diag_get(D, 0);
    cr_assert_str_eq(g->msg, "cannot read file: No such file or directory");
    cr_assert_str_eq(g->file, "tests/fixtures/no-such-dir/scenario.ini");
    cr_assert_eq(g->line, 0);
}

Test(ini, a_directory)
{
    F = ini_load(dir, D);
    cr_assert_null(F);
    const struct diag *g = diag_get(D, 0);
    cr_assert_not_null(g);
    cr_assert_str_eq(g->msg, "is a directory, not a file");
    cr_assert_eq(g->line, 0);
}

Test(ini, empty_file)
{
    cr_assert_not_null(LOAD(""));
    assert_no_diag();
    cr_assert_eq(ini_count(F), 0);
}

Test(ini, free_null_is_a_no_op)
{
    ini_free(NULL);
}
