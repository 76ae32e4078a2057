/* Unit tests of the RFC 4180 reader and writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/csv.h"
#include "sitrep/util.h"

/* Reads all of text and returns the records joined as "a|b;c|d;" so that a
 * test states the whole expected parse on one line. */
static size_t error_line;

static char *parse_all(const char *text, struct sr_error *err)
{
	struct csv_reader *r = csv_reader_new(text, strlen(text));
	struct csv_record rec = {0};
	char *out = xstrdup("");
	enum sr_status s;

	while ((s = csv_next(r, &rec, err)) == SR_OK) {
		for (size_t i = 0; i < rec.nfields; i++) {
			char *next = xasprintf("%s%s%s", out, i ? "|" : "",
					       rec.field[i]);
			free(out);
			out = next;
		}
		char *next = xasprintf("%s;", out);
		free(out);
		out = next;
	}
	csv_reader_free(r);
	error_line = rec.line;
	if (s != SR_ENOTFOUND) {
		free(out);
		return NULL;
	}
	return out;
}

static void expect_parse(const char *text, const char *want)
{
	struct sr_error err = {0};
	char *got = parse_all(text, &err);

	if (!got)
		fail_msg("parse of %s failed: %s", text, err.msg);
	assert_string_equal(got, want);
	free(got);
}

static void expect_error(const char *text, size_t line, const char *want)
{
	struct sr_error err = {0};
	char *got = parse_all(text, &err);

	assert_null(got);
	assert_int_equal(err.status, SR_EINVAL);
	assert_string_equal(err.msg, want);
	assert_int_equal(error_line, line);
}

static void test_plain(void **state)
{
	expect_parse("a,b,c\n1,2,3\n", "a|b|c;1|2|3;");
	expect_parse("a,b,c\n1,2,3", "a|b|c;1|2|3;");
	expect_parse("a,,c\n,,\n", "a||c;||;");
	expect_parse("", "");
	expect_parse("\n\n", "");
	expect_parse("x", "x;");
}

static void test_line_endings(void **state)
{
	expect_parse("a,b\r\n1,2\r\n", "a|b;1|2;");
	expect_parse("a,b\r1,2\r", "a|b;1|2;");
	expect_parse("a,b\n\n1,2\n\n", "a|b;1|2;");
}

static void test_bom(void **state)
{
	expect_parse("\xEF\xBB\xBFsite,mrn\nA,1\n", "site|mrn;A|1;");
	/* A BOM elsewhere is data. */
	expect_parse("a,\xEF\xBB\xBF" "b\n", "a|\xEF\xBB\xBF" "b;");
}

static void test_quoted(void **state)
{
	expect_parse("\"a,b\",c\n", "a,b|c;");
	expect_parse("\"say \"\"hi\"\"\",x\n", "say \"hi\"|x;");
	expect_parse("\"line1\nline2\",x\n", "line1\nline2|x;");
	expect_parse("\"line1\r\nline2\",x\r\n", "line1\r\nline2|x;");
	expect_parse("\"\",x\n", "|x;");
	expect_parse("\"O'Brien\",Zoë\n", "O'Brien|Zoë;");
	expect_parse("a,\"b\"\n", "a|b;");
}

static void test_line_numbers(void **state)
{
	const char *text = "h1,h2\n\"multi\nline\",x\nlast,y\n";
	struct csv_reader *r = csv_reader_new(text, strlen(text));
	struct sr_error err = {0};
	struct csv_record rec;

	assert_int_equal(csv_next(r, &rec, &err), SR_OK);
	assert_int_equal(rec.line, 1);
	assert_int_equal(csv_next(r, &rec, &err), SR_OK);
	assert_int_equal(rec.line, 2);
	assert_int_equal(csv_next(r, &rec, &err), SR_OK);
	assert_int_equal(rec.line, 4);
	assert_string_equal(rec.field[0], "last");
	assert_int_equal(csv_next(r, &rec, &err), SR_ENOTFOUND);
	assert_int_equal(csv_offset(r), strlen(text));
	csv_reader_free(r);
}

static void test_errors(void **state)
{
	expect_error("a,b\n\"open,x\nmore\n", 2,
		     "unbalanced quote: the quoted field opened on this line "
		     "never closes");
	expect_error("a,b\nc,d\n\"x\"y,z\n", 3,
		     "text after the closing quote of a field (a quote inside "
		     "a quoted field must be doubled)");
	expect_error("a,b\nx\"y,z\n", 2,
		     "quote inside an unquoted field (quote the whole field "
		     "and double the quote)");
	{
		static const char nul[] = "a,b\nx\0y,z\n";
		struct csv_reader *r = csv_reader_new(nul, sizeof(nul) - 1);
		struct sr_error err = {0};
		struct csv_record rec;

		assert_int_equal(csv_next(r, &rec, &err), SR_OK);
		assert_int_equal(csv_next(r, &rec, &err), SR_EINVAL);
		assert_string_equal(err.msg, "NUL byte");
		assert_int_equal(rec.line, 2);
		csv_reader_free(r);
	}
}

static char *write_fields(const char *const *fields, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		csv_write_field(f, fields[i]);
	}
	csv_end_record(f);
	fclose(f);
	return buf;
}

static void test_writer(void **state)
{
	static const char *const fields[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "", " lead",
		"=SUM(A1)", "Zoë",
	};
	char *out = write_fields(fields, ARRAY_SIZE(fields));

	assert_string_equal(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
				 ",\" lead\",'=SUM(A1),Zoë\r\n");
	free(out);
}

/* Whatever goes out comes back, byte for byte. */
static void test_round_trip(void **state)
{
	static const char *const fields[] = {
		"O'Brien", "Ó Briain", "王秀英", "=cmd|' /C calc'!A0",
		"'=already", "''=twice", "-3", "@SUM", "+44", "'plain",
		"\tTab", "a\r\nb", "\"", "trailing ", "Robert'); DROP TABLE stay;--",
	};
	char *out = write_fields(fields, ARRAY_SIZE(fields));
	struct csv_reader *r = csv_reader_new(out, strlen(out));
	struct sr_error err = {0};
	struct csv_record rec;

	assert_int_equal(csv_next(r, &rec, &err), SR_OK);
	assert_int_equal(rec.nfields, ARRAY_SIZE(fields));
	for (size_t i = 0; i < rec.nfields; i++) {
		csv_unguard(rec.field[i]);
		assert_string_equal(rec.field[i], fields[i]);
	}
	assert_int_equal(csv_next(r, &rec, &err), SR_ENOTFOUND);
	csv_reader_free(r);
	free(out);
}

static void test_unguard(void **state)
{
	char a[] = "'=x", b[] = "'plain", c[] = "''@y", d[] = "=raw";

	csv_unguard(a);
	csv_unguard(b);
	csv_unguard(c);
	csv_unguard(d);
	assert_string_equal(a, "=x");
	assert_string_equal(b, "'plain");
	assert_string_equal(c, "'@y");
	assert_string_equal(d, "=raw");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unguard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
