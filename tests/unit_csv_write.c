/* Unit tests of planner/strbuf.h, planner/csv_write.h and planner/number.h:
 * the text every output file is made of. Boundaries on purpose: the cap
 * exactly reached and passed by one byte, fields that need quoting and
 * those that look like they might. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/csv_write.h"
#include "planner/number.h"
#include "planner/strbuf.h"

/* ---- strbuf -------------------------------------------------------------- */

Test(strbuf, empty_is_an_empty_string)
{
    struct strbuf b;
    sb_init(&b, 0);
    cr_expect_str_eq(sb_str(&b), "");
    cr_expect_eq(b.len, 0);
    cr_expect_eq(sb_failed(&b), 0);
    sb_free(&b);
    struct strbuf z = {0};   /* a zeroed one is valid too */
    sb_puts(&z, "x");
    cr_expect_str_eq(sb_str(&z), "x");
    sb_free(&z);
}

Test(strbuf, grows_and_keeps_everything)
{
    struct strbuf b;
    sb_init(&b, 0);
    for (int i = 0; i < 10000; i++)
        sb_printf(&b, "%d,", i % 10);
    cr_expect_eq(b.len, 20000);
    cr_expect_eq(strncmp(sb_str(&b), "0,1,2,", 6), 0);
    cr_expect_str_eq(sb_str(&b) + 19996, "8,9,");
    sb_printf(&b, "%s", "");   /* nothing */
    cr_expect_eq(b.len, 20000);
    /* printf output longer than any small buffer */
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sb_reset(&b);
    sb_printf(&b, "<%s>", big);
    cr_expect_eq(b.len, 1001);
    cr_expect_eq(sb_str(&b)[1000], '>');
    cr_expect_eq(sb_failed(&b), 0);
    sb_free(&b);
}

Test(strbuf, bytes_with_nul_inside)
{
    struct strbuf b;
    sb_init(&b, 0);
    sb_write(&b, "a\0b", 3);
    sb_putc(&b, 'c');
    cr_expect_eq(b.len, 4);
    cr_expect_eq(memcmp(sb_str(&b), "a\0bc", 5), 0);
    sb_free(&b);
}

/* A cap of 8 bytes holds 7 bytes of text and the NUL; the 8th byte fails
 * the buffer, and the failure is sticky. */
Test(strbuf, hard_cap)
{
    struct strbuf b;
    sb_init(&b, 8);
    sb_puts(&b, "1234567");
    cr_expect_eq(sb_failed(&b), 0);
    cr_expect_str_eq(sb_str(&b), "1234567");
    sb_putc(&b, '8');
    cr_expect_eq(sb_failed(&b), 1);
    cr_expect_str_eq(sb_str(&b), "1234567", "text before the failure is kept");
    sb_reset(&b);
    sb_puts(&b, "x");
    cr_expect_eq(sb_failed(&b), 1, "a failure stays until sb_free");
    sb_free(&b);
    cr_expect_eq(sb_failed(&b), 0);
    sb_puts(&b, "1234567");
    cr_expect_eq(sb_failed(&b), 0, "the cap survives sb_free");
    sb_puts(&b, "8");
    cr_expect_eq(sb_failed(&b), 1);
    sb_free(&b);
    /* A huge write never wraps around the size computation. */
    sb_init(&b, 0);
    sb_write(&b, "", (size_t)-1);
    cr_expect_eq(sb_failed(&b), 1);
    sb_free(&b);
}

/* ---- CSV ------------------------------------------------------------------ */

static char *row_of(const struct csv_dialect *d, const char *const *fields, int n, unsigned long numeric)
{
    static struct strbuf b;
    struct csv_writer w;
    sb_free(&b);
    csvw_to_buf(&w, &b, d);
    csvw_row(&w, fields, n, numeric);
    cr_assert_eq(csvw_failed(&w), 0);
    return strdup(sb_str(&b));
}

Test(csv_write, rfc4180_quoting_exactly_as_the_contract_says)
{
    const char *const f[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", " spaced ", "semi;colon",
                             "\""};
    char *r = row_of(NULL, f, 9, 0);
    cr_expect_str_eq(r, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",, spaced ,semi;colon,\"\"\"\"\n");
    free(r);
}

Test(csv_write, file_and_buffer_give_the_same_bytes)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    struct csv_writer w;
    csvw_to_file(&w, f, NULL);
    csvw_field(&w, "P\"Q");
    csvw_number(&w, "0.5");
    csvw_field(&w, "");
    csvw_end_row(&w);
    csvw_end_row(&w);   /* an empty row is an empty line */
    cr_expect_eq(csvw_failed(&w), 0);
    fclose(f);
    cr_expect_str_eq(text, "\"P\"\"Q\",0.5,\n\n");
    free(text);
}

/* The default dialect leaves numbers alone; another dialect changes their
 * decimal mark only, adds its BOM once, and quotes its own delimiter. */
Test(csv_write, dialects)
{
    struct csv_dialect d;
    csvw_dialect_init(&d);
    cr_expect_eq(d.delimiter, ',');
    cr_expect_eq(d.decimal, '.');
    cr_expect_eq(d.bom, 0);
    cr_expect_str_eq(d.eol, "\n");
    const char *const f[] = {"1.5", "2027-01-07", "a;b", "12"};
    char *r = row_of(&d, f, 4, 0x1 | 0x8);
    cr_expect_str_eq(r, "1.5,2027-01-07,a;b,12\n");
    free(r);

    d.delimiter = ';';
    d.decimal = ',';
    d.bom = 1;
    d.eol = "\r\n";
    struct strbuf b;
    struct csv_writer w;
    sb_init(&b, 0);
    csvw_to_buf(&w, &b, &d);
    csvw_row(&w, f, 4, 0x1 | 0x8);
    csvw_row(&w, f, 4, 0);
    cr_expect_str_eq(sb_str(&b), "\xEF\xBB\xBF" "1,5;2027-01-07;\"a;b\";12\r\n1.5;2027-01-07;\"a;b\";12\r\n");
    sb_free(&b);

    /* A decimal comma with a comma delimiter: the number is quoted. */
    d.delimiter = ',';
    d.bom = 0;
    d.eol = "\n";
    r = row_of(&d, f, 2, 0x1);
    cr_expect_str_eq(r, "\"1,5\",2027-01-07\n");
    free(r);
}

Test(csv_write, a_full_buffer_is_reported)
{
    struct strbuf b;
    struct csv_writer w;
    sb_init(&b, 16);
    csvw_to_buf(&w, &b, NULL);
    csvw_field(&w, "0123456789");
    csvw_field(&w, "abcd");   /* 15 bytes with the comma: fits with the NUL */
    cr_expect_eq(csvw_failed(&w), 0);
    csvw_end_row(&w);         /* the 16th byte does not */
    cr_expect_eq(csvw_failed(&w), 1);
    sb_free(&b);
}

/* ---- numbers -------------------------------------------------------------- */

Test(number, figures)
{
    char b[NUM_BUFSZ];
    cr_expect_str_eq(num_figure(2, b), "2");
    cr_expect_str_eq(num_figure(-0.0, b), "0");
    cr_expect_str_eq(num_figure(0.1 + 0.2, b), "0.3");
    cr_expect_str_eq(num_figure(0.000125, b), "0.000125");
    cr_expect_str_eq(num_figure(1234567.8, b), "1234568");
    cr_expect_str_eq(num_figure(12345.678, b), "12345.7");
    cr_expect_str_eq(num_figure(1.0 / 0.0, b), "");
    cr_expect_str_eq(num_quantity(1.0 / 3, b), "0.333333333");
    cr_expect_str_eq(num_quantity(-1e-17, b), "0");
    cr_expect_str_eq(num_money(1234.567, b), "1234.57");
    cr_expect_str_eq(num_money(0.005, b), "0.01");
    cr_expect_str_eq(num_money(0.004, b), "0");
    cr_expect_eq(num_cents(0.1 * 3), 0.3);
}

/* Under a locale with a decimal comma, still '.'. */
Test(number, whatever_the_locale)
{
    if (!setlocale(LC_NUMERIC, "fr_FR.UTF-8") && !setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        cr_skip_test("no locale with a decimal comma installed");
    char b[NUM_BUFSZ];
    cr_expect_str_eq(num_figure(7.5, b), "7.5");
    cr_expect_str_eq(num_quantity(0.25, b), "0.25");
    cr_expect_str_eq(num_money(12.5, b), "12.5");
    setlocale(LC_NUMERIC, "C");
}
