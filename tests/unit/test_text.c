/* Unit tests of the text module: UTF-8 decoding of good and bad input
 * (overlong forms, surrogates, beyond U+10FFFF, cut short, maximal
 * subparts), the character classes, display widths (ASCII, Latin,
 * combining marks, CJK, Hangul, emoji, unassigned), text cleaned for a
 * screen in both styles, fitting to a width, and the stored-text rule with
 * its messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sitrep/text.h"
#include "sitrep/util.h"

/* ---- decoding ---------------------------------------------------------*/

/* Decodes all of s (n bytes) and checks the lengths and code points. */
static void expect_decode(const char *s, size_t n, const size_t *lens,
			  const uint32_t *cps, size_t count)
{
	size_t i = 0, k = 0, len;
	uint32_t cp;

	while (i < n) {
		len = text_decode(s + i, n - i, &cp);
		assert_true(k < count);
		assert_int_equal(len, lens[k]);
		assert_int_equal(cp, cps[k]);
		i += len;
		k++;
	}
	assert_int_equal(k, count);
}

#define DECODES(s, ...)                                                    \
	do {                                                               \
		static const size_t l_[] = {__VA_ARGS__};                  \
		expect_decode_pairs(s, sizeof(s) - 1, l_, ARRAY_SIZE(l_)); \
	} while (0)

/* pairs: length, code point, length, code point... */
static void expect_decode_pairs(const char *s, size_t n, const size_t *pairs,
				size_t npairs)
{
	size_t lens[16];
	uint32_t cps[16];

	assert_true(npairs % 2 == 0 && npairs / 2 <= 16);
	for (size_t i = 0; i < npairs / 2; i++) {
		lens[i] = pairs[2 * i];
		cps[i] = (uint32_t)pairs[2 * i + 1];
	}
	expect_decode(s, n, lens, cps, npairs / 2);
}

#define BAD TEXT_INVALID

static void test_decode_well_formed(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(text_decode("", 0, &cp), 0);
	assert_int_equal(cp, BAD);
	DECODES("A", 1, 'A');
	DECODES("\x7f", 1, 0x7f);
	DECODES("\xc2\x80", 2, 0x80);           /* smallest two-byte */
	DECODES("\xc3\xab", 2, 0xeb);           /* ë */
	DECODES("\xdf\xbf", 2, 0x7ff);
	DECODES("\xe0\xa0\x80", 3, 0x800);      /* smallest three-byte */
	DECODES("\xe2\x80\xae", 3, 0x202e);     /* RLO */
	DECODES("\xed\x9f\xbf", 3, 0xd7ff);     /* just below surrogates */
	DECODES("\xee\x80\x80", 3, 0xe000);     /* just above them */
	DECODES("\xef\xbf\xbf", 3, 0xffff);
	DECODES("\xf0\x90\x80\x80", 4, 0x10000);
	DECODES("\xf0\x9f\x98\x80", 4, 0x1f600); /* emoji */
	DECODES("\xf4\x8f\xbf\xbf", 4, 0x10ffff); /* the last code point */
	DECODES("Zo\xc3\xab", 1, 'Z', 1, 'o', 2, 0xeb);
	/* An embedded NUL is a character when the length says so. */
	assert_int_equal(text_decode("\0x", 2, &cp), 1);
	assert_int_equal(cp, 0);
}

static void test_decode_ill_formed(void **state)
{
	(void)state;
	DECODES("\x80", 1, BAD);                  /* stray continuation */
	DECODES("\xbf" "a", 1, BAD, 1, 'a');
	DECODES("\xc0\xaf", 1, BAD, 1, BAD);      /* overlong '/' */
	DECODES("\xc1\xbf", 1, BAD, 1, BAD);
	DECODES("\xe0\x80\xaf", 1, BAD, 1, BAD, 1, BAD); /* overlong */
	DECODES("\xe0\x9f\xbf", 1, BAD, 1, BAD, 1, BAD);
	DECODES("\xf0\x80\x80\xaf", 1, BAD, 1, BAD, 1, BAD, 1, BAD);
	DECODES("\xf0\x8f\xbf\xbf", 1, BAD, 1, BAD, 1, BAD, 1, BAD);
	DECODES("\xed\xa0\x80", 1, BAD, 1, BAD, 1, BAD); /* U+D800 */
	DECODES("\xed\xbf\xbf", 1, BAD, 1, BAD, 1, BAD); /* U+DFFF */
	DECODES("\xf4\x90\x80\x80", 1, BAD, 1, BAD, 1, BAD, 1, BAD);
	DECODES("\xf5\x80", 1, BAD, 1, BAD);      /* no such lead byte */
	DECODES("\xff", 1, BAD);
	DECODES("\xfe", 1, BAD);
	/* Cut short: the maximal subpart is one bad unit. */
	DECODES("\xc3", 1, BAD);
	DECODES("\xe2\x80", 2, BAD);
	DECODES("\xf0\x9f\x98", 3, BAD);
	DECODES("\xe2\x80" "a", 2, BAD, 1, 'a');
	DECODES("\xf0\x9f\x98" "\xc3\xab", 3, BAD, 2, 0xeb);
	DECODES("Zo\xc3\x28", 1, 'Z', 1, 'o', 1, BAD, 1, '(');
	/* The length limits the decoder, not the NUL. */
	{
		uint32_t cp;

		assert_int_equal(text_decode("\xc3\xab", 1, &cp), 1);
		assert_int_equal(cp, BAD);
	}
}

static void test_valid_and_chars(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(text_valid("", 0, NULL));
	assert_true(text_valid("Zo\xc3\xab \xe6\x9d\x8e", 8, &bad));
	assert_int_equal(bad, 99);
	assert_false(text_valid("ab\xed\xa0\x80", 5, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_valid("abc\xc3", 4, &bad));
	assert_int_equal(bad, 3);
	assert_int_equal(text_chars(NULL), 0);
	assert_int_equal(text_chars(""), 0);
	assert_int_equal(text_chars("Zo\xc3\xab"), 3);
	assert_int_equal(text_chars("\xe6\x9d\x8e\xe5\xb0\x8f"), 2);
	assert_int_equal(text_chars("a\xe2\x80" "b"), 3); /* one bad unit */
}

/* ---- classes ----------------------------------------------------------*/

static void test_classes(void **state)
{
	static const uint32_t bidi[] = {0x061c, 0x200e, 0x200f, 0x202a,
					0x202b, 0x202c, 0x202d, 0x202e,
					0x2066, 0x2067, 0x2068, 0x2069};
	static const uint32_t invisible[] = {0x180e, 0x200b, 0x2060, 0x2061,
					     0x2064, 0xfeff, 0xfff9, 0xfffb};
	static const uint32_t plain[] = {
		' ', 'A', '~', 0xa0, 0xad, 0xeb, 0x0301, 0x05d0, 0x0627,
		0x200c, 0x200d, /* joiners: needed by Persian, Indic, emoji */
		0x2027, 0x202f, 0x2065, 0x206a, 0x3000, 0x674e, 0xfe0f,
		0xfffd, 0x1f600, 0x10ffff};

	(void)state;
	for (uint32_t cp = 0; cp < 0x20; cp++)
		assert_int_equal(text_class(cp), TEXT_CONTROL);
	for (uint32_t cp = 0x7f; cp <= 0x9f; cp++)
		assert_int_equal(text_class(cp), TEXT_CONTROL);
	for (size_t i = 0; i < ARRAY_SIZE(bidi); i++)
		assert_int_equal(text_class(bidi[i]), TEXT_BIDI);
	assert_int_equal(text_class(0x2028), TEXT_SEPARATOR);
	assert_int_equal(text_class(0x2029), TEXT_SEPARATOR);
	for (size_t i = 0; i < ARRAY_SIZE(invisible); i++)
		assert_int_equal(text_class(invisible[i]), TEXT_INVISIBLE);
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
		assert_int_equal(text_class(plain[i]), TEXT_PLAIN);
	assert_int_equal(text_class(TEXT_INVALID), TEXT_ILL_FORMED);
	assert_int_equal(text_class(0xd800), TEXT_ILL_FORMED);
	assert_int_equal(text_class(0x110000), TEXT_ILL_FORMED);
	assert_string_equal(text_class_label(TEXT_BIDI),
			    "bidirectional control character");
	assert_string_equal(text_class_label(TEXT_CONTROL),
			    "control character");
}

/* ---- widths -----------------------------------------------------------*/

static void test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width(0), 0);
	assert_int_equal(text_cp_width('A'), 1);
	assert_int_equal(text_cp_width(0x1b), -1);
	assert_int_equal(text_cp_width(0x7f), -1);
	assert_int_equal(text_cp_width(0x85), -1);
	assert_int_equal(text_cp_width(0xa0), 1);
	assert_int_equal(text_cp_width(0xeb), 1);     /* ë */
	assert_int_equal(text_cp_width(0x0301), 0);   /* combining acute */
	assert_int_equal(text_cp_width(0x0300), 0);
	assert_int_equal(text_cp_width(0x036f), 0);
	assert_int_equal(text_cp_width(0x0370), 1);
	assert_int_equal(text_cp_width(0x0378), -1);  /* unassigned */
	assert_int_equal(text_cp_width(0x05b0), 0);   /* Hebrew point */
	assert_int_equal(text_cp_width(0x0e31), 0);   /* Thai vowel mark */
	assert_int_equal(text_cp_width(0x1100), 2);   /* Hangul choseong */
	assert_int_equal(text_cp_width(0x1160), 0);   /* ... jungseong */
	assert_int_equal(text_cp_width(0x200b), 0);
	assert_int_equal(text_cp_width(0x202e), 0);   /* as wcwidth */
	assert_int_equal(text_cp_width(0x2028), -1);
	assert_int_equal(text_cp_width(0x3000), 2);   /* ideographic space */
	assert_int_equal(text_cp_width(0x3042), 2);   /* hiragana a */
	assert_int_equal(text_cp_width(0x4e00), 2);   /* CJK */
	assert_int_equal(text_cp_width(0x674e), 2);   /* 李 */
	assert_int_equal(text_cp_width(0x9fff), 2);
	assert_int_equal(text_cp_width(0xac00), 2);   /* Hangul syllable */
	assert_int_equal(text_cp_width(0xd7a3), 2);
	assert_int_equal(text_cp_width(0xff01), 2);   /* fullwidth ! */
	assert_int_equal(text_cp_width(0xff61), 1);   /* halfwidth 。 */
	assert_int_equal(text_cp_width(0xfe0f), 0);   /* variation sel. */
	assert_int_equal(text_cp_width(0xfffd), 1);
	assert_int_equal(text_cp_width(0xffff), -1);  /* noncharacter */
	assert_int_equal(text_cp_width(0x1f600), 2);  /* emoji */
	assert_int_equal(text_cp_width(0x20000), 2);  /* CJK ext. B */
	assert_int_equal(text_cp_width(0xe0100), 0);
	assert_int_equal(text_cp_width(0xd800), -1);
	assert_int_equal(text_cp_width(0x110000), -1);
	assert_int_equal(text_cp_width(TEXT_INVALID), -1);
}

/* The table agrees with the C library's wcwidth() in a UTF-8 locale over
 * the scripts names are written in (a newer C library may know newer
 * characters: those are left out). Skipped without C.UTF-8. */
static void test_cp_width_matches_wcwidth(void **state)
{
	static const uint32_t ranges[][2] = {
		{0x20, 0x7e},     {0xa0, 0x24f},    {0x300, 0x36f},
		{0x370, 0x3ff},   {0x400, 0x52f},   {0x590, 0x5ff},
		{0x600, 0x6ff},   {0x900, 0x97f},   {0xe00, 0xe7f},
		{0x1100, 0x11ff}, {0x1e00, 0x1eff}, {0x2000, 0x206f},
		{0x3000, 0x30ff}, {0x4e00, 0x9fa5}, {0xac00, 0xd7a3},
		{0xff00, 0xffef}, {0x1f300, 0x1f64f},
	};
	char *old = xstrdup(setlocale(LC_CTYPE, NULL));
	int differ = 0;

	(void)state;
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8")) {
		free(old);
		skip();
	}
	for (size_t r = 0; r < ARRAY_SIZE(ranges); r++)
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
			if (text_cp_width(cp) != wcwidth((wchar_t)cp)) {
				if (differ++ < 5)
					print_message("U+%04X: %d, wcwidth %d\n",
						      (unsigned)cp,
						      text_cp_width(cp),
						      wcwidth((wchar_t)cp));
			}
	setlocale(LC_CTYPE, old);
	free(old);
	assert_int_equal(differ, 0);
}

/* ---- text for a screen ------------------------------------------------*/

static void expect_clean(const char *in, enum text_style style,
			 const char *want, int width)
{
	char *got = text_clean(in, style);

	assert_string_equal(got, want);
	assert_int_equal(text_width(in, style), width);
	/* The cleaned text is itself clean, and as wide. */
	assert_int_equal(text_width(got, style), width);
	free(got);
}

static void test_clean_escape(void **state)
{
	(void)state;
	expect_clean(NULL, TEXT_ESCAPE, "", 0);
	expect_clean("Zo\xc3\xab O'Brien", TEXT_ESCAPE, "Zo\xc3\xab O'Brien", 11);
	expect_clean("\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", TEXT_ESCAPE,
		     "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", 6);
	expect_clean("e\xcc\x81", TEXT_ESCAPE, "e\xcc\x81", 1);
	expect_clean("a\tb\nc", TEXT_ESCAPE, "a\\tb\\nc", 7);
	expect_clean("\x1b[2J", TEXT_ESCAPE, "\\x1b[2J", 7);
	expect_clean("x\x7fy", TEXT_ESCAPE, "x\\x7fy", 6);
	expect_clean("x\xc2\x9by", TEXT_ESCAPE, "x\\u009by", 8);   /* C1 CSI */
	/* Each bidirectional control, shown and never passed on. */
	expect_clean("Ab\xe2\x80\xae" "cd", TEXT_ESCAPE, "Ab\\u202ecd", 10);
	expect_clean("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
		     TEXT_ESCAPE, "\\u202a\\u202b\\u202c\\u202d", 24);
	expect_clean("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
		     TEXT_ESCAPE, "\\u2066\\u2067\\u2068\\u2069", 24);
	expect_clean("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", TEXT_ESCAPE,
		     "\\u200e\\u200f\\u061c", 18);
	expect_clean("a\xe2\x80\xa8" "b", TEXT_ESCAPE, "a\\u2028b", 8);
	expect_clean("Sm\xe2\x80\x8bith", TEXT_ESCAPE, "Sm\\u200bith", 11);
	/* Bytes that are not UTF-8, one escape per byte of a bad unit. */
	expect_clean("\xff" "x", TEXT_ESCAPE, "\\xffx", 5);
	expect_clean("a\xe2\x80", TEXT_ESCAPE, "a\\xe2\\x80", 9);
	expect_clean("\xed\xa0\x80", TEXT_ESCAPE, "\\xed\\xa0\\x80", 12);
	/* Unassigned, and beyond the BMP. */
	expect_clean("\xcd\xb8", TEXT_ESCAPE, "\\u0378", 6);
	expect_clean("\xf3\xb0\x80\x80", TEXT_ESCAPE, "\xf3\xb0\x80\x80", 1);
	expect_clean("\xf3\xaf\xbf\xbf", TEXT_ESCAPE, "\\U000effff", 10);
}

static void test_clean_question(void **state)
{
	(void)state;
	expect_clean("Zo\xc3\xab", TEXT_QUESTION, "Zo\xc3\xab", 3);
	expect_clean("a\tb\x01" "c\x7f", TEXT_QUESTION, "a?b?c?", 6);
	expect_clean("\x1b[31mred", TEXT_QUESTION, "?[31mred", 8);
	expect_clean("x\xc2\x85y", TEXT_QUESTION, "x?y", 3);
	expect_clean("\xe2\x80\xae" "evil", TEXT_QUESTION, "?evil", 5);
	expect_clean("\xe2\x81\xa7x", TEXT_QUESTION, "?x", 2);
	expect_clean("\xff" "x", TEXT_QUESTION, "?x", 2);
	expect_clean("\xe2\x80" "x", TEXT_QUESTION, "?x", 2);
	expect_clean("\xe6\x9d\x8e", TEXT_QUESTION, "\xe6\x9d\x8e", 2);
}

static void test_next(void **state)
{
	struct text_char c;

	(void)state;
	assert_int_equal(text_next("", 0, TEXT_ESCAPE, &c), 0);
	assert_int_equal(text_next("\xe6\x9d\x8e", 3, TEXT_ESCAPE, &c), 3);
	assert_true(c.raw);
	assert_int_equal(c.cp, 0x674e);
	assert_int_equal(c.width, 2);
	assert_int_equal(c.cls, TEXT_PLAIN);
	assert_int_equal(text_next("\xe2\x80\xae", 3, TEXT_ESCAPE, &c), 3);
	assert_false(c.raw);
	assert_int_equal(c.cls, TEXT_BIDI);
	assert_string_equal(c.shown, "\\u202e");
	assert_int_equal(c.width, 6);
	assert_int_equal(text_next("\xe2\x80\xae", 3, TEXT_QUESTION, &c), 3);
	assert_string_equal(c.shown, "?");
	assert_int_equal(c.width, 1);
}

static void test_fit(void **state)
{
	int used = -1;

	(void)state;
	assert_int_equal(text_fit(NULL, 5, TEXT_ESCAPE, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(text_fit("Abbott", 10, TEXT_ESCAPE, &used), 6);
	assert_int_equal(used, 6);
	assert_int_equal(text_fit("Abbott", 3, TEXT_ESCAPE, &used), 3);
	/* A wide character is kept whole or not at all. */
	assert_int_equal(text_fit("\xe6\x9d\x8e\xe5\xb0\x8f", 3, TEXT_ESCAPE,
				  &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("\xe6\x9d\x8e\xe5\xb0\x8f", 1, TEXT_ESCAPE,
				  &used), 0);
	/* Combining marks stay with their letter. */
	assert_int_equal(text_fit("e\xcc\x81" "x", 1, TEXT_ESCAPE, &used), 3);
	assert_int_equal(used, 1);
	/* An escape is kept whole or not at all. */
	assert_int_equal(text_fit("a\xe2\x80\xae" "b", 5, TEXT_ESCAPE, &used),
			 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a\xe2\x80\xae" "b", 7, TEXT_ESCAPE, &used),
			 4);
	assert_int_equal(used, 7);
	assert_int_equal(text_fit("a\xe2\x80\xae" "b", 2, TEXT_QUESTION, &used),
			 4);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("abc", 0, TEXT_ESCAPE, NULL), 0);
}

/* ---- stored text ------------------------------------------------------*/

static void expect_refused(const char *s, unsigned flags, const char *msg)
{
	struct sr_error err;

	sr_error_clear(&err);
	assert_false(text_storable(s, flags, NULL));
	assert_int_equal(text_check(s, flags, &err), SR_EINVAL);
	assert_int_equal(err.status, SR_EINVAL);
	assert_string_equal(err.msg, msg);
}

static void test_storable(void **state)
{
	struct sr_error err;
	struct text_fault f;

	(void)state;
	sr_error_clear(&err);
	assert_true(text_storable(NULL, 0, NULL));
	assert_true(text_storable("", 0, NULL));
	assert_true(text_storable("Zo\xc3\xab O'Brien-Smith", 0, NULL));
	assert_true(text_storable("\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", 0,
				  NULL));
	assert_true(text_storable("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 0,
				  NULL)); /* Arabic: right to left is fine */
	assert_true(text_storable("\xd9\x85\xe2\x80\x8c\xd9\x85", 0, NULL));
	assert_int_equal(text_check("line one\nline\ttwo", TEXT_LINES, &err),
			 SR_OK);
	assert_int_equal(err.status, SR_OK);

	expect_refused("Ab\xe2\x80\xae" "cd", 0,
		       "bidirectional control character U+202E at character 3 "
		       "is not allowed");
	expect_refused("abcd\xe2\x81\xa6", TEXT_LINES,
		       "bidirectional control character U+2066 at character 5 "
		       "is not allowed");
	expect_refused("\xd8\x9c", 0, "bidirectional control character U+061C "
		       "at character 1 is not allowed");
	expect_refused("a\x01", 0, "control character U+0001 at character 2 "
		       "is not allowed");
	expect_refused("Smith\tJones", 0, "control character U+0009 at "
		       "character 6 is not allowed");
	expect_refused("a\nb", 0, "control character U+000A at character 2 "
		       "is not allowed");
	expect_refused("bell\a", TEXT_LINES, "control character U+0007 at "
		       "character 5 is not allowed (only newline and tab are)");
	expect_refused("x\xc2\x9b", 0, "control character U+009B at character "
		       "2 is not allowed");
	expect_refused("\xc3\xab\xe2\x80\xa9", 0, "line or paragraph separator "
		       "U+2029 at character 2 is not allowed");
	expect_refused("Sm\xe2\x80\x8bith", 0, "invisible character U+200B at "
		       "character 3 is not allowed");
	expect_refused("\xc3\xab\xc3\xab\xff", 0,
		       "not valid UTF-8: byte 0xff at character 3");
	expect_refused("Zo\xc0\xaf", 0,
		       "not valid UTF-8: byte 0xc0 at character 3");
	expect_refused("Zo\xed\xa0\x80", 0,
		       "not valid UTF-8: byte 0xed at character 3");
	expect_refused("Zo\xc3", TEXT_LINES,
		       "not valid UTF-8: byte 0xc3 at character 3");

	/* The fault, and numbering from a later start. */
	assert_false(text_storable("a\xc3\xab\xe2\x80\xae", 0, &f));
	assert_int_equal(f.at, 3);
	assert_int_equal(f.offset, 3);
	assert_int_equal(f.cp, 0x202e);
	assert_int_equal(f.cls, TEXT_BIDI);
	assert_int_equal(text_fault_fail(&f, 4, &err), SR_EINVAL);
	assert_string_equal(err.msg, "bidirectional control character U+202E "
			    "at character 6 is not allowed");
}

/* Random bytes (a fixed sequence): whatever the input, the cleaned text is
 * well-formed, holds nothing a terminal must not receive, measures the
 * same, and a fitted prefix ends on a character boundary. */
static void test_random_bytes(void **state)
{
	uint32_t seed = 12345;
	char in[64];

	(void)state;
	for (int round = 0; round < 20000; round++) {
		size_t n = 0, len;
		int used;
		char *clean;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % (sizeof(in) - 1);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly the bytes UTF-8 is made of, some ASCII. */
			in[i] = (char)((seed >> 16) & 1 ? 0x80 | ((seed >> 17) & 0x7f)
						  : (seed >> 17) & 0xff);
			if (in[i] == '\0')
				in[i] = 'x';
		}
		in[len] = '\0';
		for (int st = TEXT_ESCAPE; st <= TEXT_QUESTION; st++) {
			clean = text_clean(in, (enum text_style)st);
			assert_true(text_valid(clean, strlen(clean), NULL));
			assert_true(text_storable(clean, 0, NULL));
			assert_int_equal(text_width(clean, (enum text_style)st),
					 text_width(in, (enum text_style)st));
			free(clean);
			n = text_fit(in, 7, (enum text_style)st, &used);
			assert_true(n <= len && used <= 7);
			if (n < len) { /* the next character would not fit */
				struct text_char c;

				text_next(in + n, len - n, (enum text_style)st,
					  &c);
				assert_true(used + c.width > 7);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_well_formed),
		cmocka_unit_test(test_decode_ill_formed),
		cmocka_unit_test(test_valid_and_chars),
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_cp_width_matches_wcwidth),
		cmocka_unit_test(test_clean_escape),
		cmocka_unit_test(test_clean_question),
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_storable),
		cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
