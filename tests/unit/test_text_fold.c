/* Unit tests for src/text_fold.c: folding case and diacritics, the terms of
 * a typed search and matching them against a patient's fields (defect 5 of
 * issue 12: "bjorn" missed Björn, "41613" missed AWP0041613, "evans f"
 * found nothing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sitrep/text.h"

static const char *fold(const char *s)
{
	static char out[1024];
	size_t n = text_fold(s, strlen(s), out);

	assert_int_equal(n, strlen(out));
	assert_true(n <= strlen(s));
	return out;
}

static const char *terms(const char *s, size_t want)
{
	static char out[1024];

	assert_int_equal(text_search_terms(s, out), want);
	return out;
}

/* family, given, MRN, NHS number: as the store passes them. */
static bool match(const char *search, const char *family, const char *given,
		  const char *mrn, const char *nhs)
{
	char t[256];
	const char *fields[] = {family, given, mrn, nhs};

	text_search_terms(search, t);
	return text_search_match(t, fields, 4);
}

static void test_fold_ascii(void **state)
{
	(void)state;
	assert_string_equal(fold(""), "");
	assert_string_equal(fold("Smith"), "smith");
	assert_string_equal(fold("O'BRIEN-JONES 42"), "o'brien-jones 42");
	assert_string_equal(fold("AWP0041613"), "awp0041613");
	assert_string_equal(fold("%_\\"), "%_\\");
}

static void test_fold_latin(void **state)
{
	(void)state;
	assert_string_equal(fold("Björn"), "bjorn");
	assert_string_equal(fold("BJÖRN"), "bjorn");
	assert_string_equal(fold("Ó Briain"), "o briain");
	assert_string_equal(fold("Müller"), "muller");
	assert_string_equal(fold("Zoë"), "zoe");
	assert_string_equal(fold("Seán"), "sean");
	assert_string_equal(fold("François"), "francois");
	assert_string_equal(fold("ÀÁÂÃÄÅ àáâãäå"), "aaaaaa aaaaaa");
	assert_string_equal(fold("ÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ"),
			    "ceeeeiiiinooooouuuuy");
	assert_string_equal(fold("ÿ"), "y");
	/* Letters Unicode does not decompose: the letter they are on. */
	assert_string_equal(fold("Søren Ørsted"), "soren orsted");
	assert_string_equal(fold("Łukasz Żółkiewski"), "lukasz zolkiewski");
	assert_string_equal(fold("Đorđević"), "dordevic");
	assert_string_equal(fold("Ðóra"), "dora");
	/* Two letters for one. */
	assert_string_equal(fold("Straße"), "strasse");
	assert_string_equal(fold("STRAẞE"), "strasse");
	assert_string_equal(fold("Æsa Þór"), "aesa thor");
	assert_string_equal(fold("Œdipe Ĳsselmeer"), "oedipe ijsselmeer");
	/* Latin Extended-A and -B, and the Vietnamese of Extended
	 * Additional. */
	assert_string_equal(fold("Dvořák Čapek Šťastný"),
			    "dvorak capek stastny");
	assert_string_equal(fold("Ştefan Țurcan Ș"), "stefan turcan s");
	assert_string_equal(fold("Nguyễn Thị Minh Đặng"),
			    "nguyen thi minh dang");
	assert_string_equal(fold("Ǎǐǒǔ"), "aiou");
	assert_string_equal(fold("Ẁales ŵ ŷ"), "wales w y");
	assert_string_equal(fold("İstanbul ı"), "istanbul i");
	/* Not a letter: unchanged. */
	assert_string_equal(fold("× ÷"), "× ÷");
}

static void test_fold_combining(void **state)
{
	(void)state;
	/* Decomposed spellings fold like the composed ones. */
	assert_string_equal(fold("Zoe\xcc\x88"), "zoe");
	assert_string_equal(fold("Ame\xcc\x81lie"), "amelie");
	assert_string_equal(fold("Ame\xcc\x81lie"), fold("Amélie"));
}

static void test_fold_other_scripts(void **state)
{
	(void)state;
	assert_string_equal(fold("ΑΒΓ αβγ"), "αβγ αβγ");
	assert_string_equal(fold("ИВАНОВ Иванов"), "иванов иванов");
	assert_string_equal(fold("ЁЖ"), "ёж");
	assert_string_equal(fold("王秀英"), "王秀英");
	assert_string_equal(fold("😀"), "😀");
}

static void test_fold_invalid(void **state)
{
	char out[16];

	(void)state;
	/* Bytes that are not UTF-8 stay as they are. */
	assert_string_equal(fold("a\xff" "B"), "a\xff" "b");
	assert_string_equal(fold("\xc3"), "\xc3");
	assert_string_equal(fold("\xe2\x82"), "\xe2\x82");
	assert_string_equal(fold("\xc0\xaf"), "\xc0\xaf"); /* overlong */
	assert_string_equal(fold("\xed\xa0\x80"), "\xed\xa0\x80"); /* surrogate */
	/* n bytes only: a character cut by n is not read past it. */
	assert_int_equal(text_fold("É\xc3\x89", 3, out), 2);
	assert_string_equal(out, "e\xc3");
	assert_int_equal(text_fold("ABC", 2, out), 2);
	assert_string_equal(out, "ab");
}

static void test_terms(void **state)
{
	(void)state;
	assert_string_equal(terms("", 0), "");
	assert_string_equal(terms("   \t ", 0), "");
	assert_string_equal(terms("Evans", 1), "evans");
	assert_string_equal(terms("  evans   F ", 2), "evans f");
	assert_string_equal(terms("Björn\tÅSE", 2), "bjorn ase");
	/* Digits and spaces only: one term, the digits. */
	assert_string_equal(terms("943 476 5919", 1), "9434765919");
	assert_string_equal(terms(" 41613 ", 1), "41613");
	/* Letters with them: words. */
	assert_string_equal(terms("AWP 41613", 2), "awp 41613");
}

static void test_defect05_search_accents(void **state)
{
	(void)state;
	assert_true(match("bjorn", "Andersson", "Björn", "X1", NULL));
	assert_true(match("BJÖRN", "Andersson", "Bjorn", "X1", NULL));
	assert_true(match("andersson bjorn", "Andersson", "Björn", NULL, NULL));
	assert_true(match("zoe", "Zoe\xcc\x88", NULL, NULL, NULL));
	assert_false(match("bjarne", "Andersson", "Björn", "X1", NULL));
}

static void test_defect05_search_identifiers(void **state)
{
	(void)state;
	/* Anywhere in the MRN, any case. */
	assert_true(match("41613", "Evans", "Fiona", "AWP0041613", NULL));
	assert_true(match("awp004", "Evans", "Fiona", "AWP0041613", NULL));
	assert_false(match("41614", "Evans", "Fiona", "AWP0041613", NULL));
	/* The NHS number, typed whole or in part, with or without spaces. */
	assert_true(match("943 476 5919", "Evans", NULL, "M1", "9434765919"));
	assert_true(match("4765919", "Evans", NULL, "M1", "9434765919"));
	assert_true(match("476 59", "Evans", NULL, "M1", "9434765919"));
	assert_false(match("943 476 5918", "Evans", NULL, "M1", "9434765919"));
	/* An MRN stored with a space is found without it. */
	assert_true(match("ab1234", "Evans", NULL, "AB 1234", NULL));
}

static void test_defect05_search_words(void **state)
{
	(void)state;
	/* Every word must match some field. */
	assert_true(match("evans f", "Evans", "Fiona", "M1", NULL));
	assert_true(match("f evans", "Evans", "Fiona", "M1", NULL));
	assert_true(match("fio eva", "Evans", "Fiona", "M1", NULL));
	assert_true(match("evans m1", "Evans", "Fiona", "M1", NULL));
	assert_false(match("evans g", "Evans", "Fiona", "M1", NULL));
	assert_false(match("evans x", "Evans", NULL, NULL, NULL));
	/* A word of one or two letters is an initial: it starts a word of
	 * a field, or it matches nothing (every name with an f in it, every
	 * MRN with an F in its letters, would match otherwise). */
	assert_false(match("evans f", "Evans", "Jennifer", "SFT0041", NULL));
	assert_true(match("evans je", "Evans", "Jennifer", "SFT0041", NULL));
	assert_false(match("evans nn", "Evans", "Jennifer", "SFT0041", NULL));
	assert_true(match("evans nnif", "Evans", "Jennifer", "SFT0041",
			  NULL));
	assert_true(match("b", "O'Brien", NULL, NULL, NULL));
	assert_true(match("ja", "Smith-Jameson", NULL, NULL, NULL));
	assert_true(match("sf", "Evans", NULL, "SFT0041", NULL));
	assert_false(match("41", "Evans", NULL, "SFT0041", NULL));
	assert_true(match("041", "Evans", NULL, "SFT0041", NULL));
	/* One field may match several words. */
	assert_true(match("de cruz", "de la Cruz", "Ana", NULL, NULL));
	/* Spaces inside a field are ignored: "obriain" finds Ó Briain. */
	assert_true(match("obriain", "Ó Briain", "Seán", NULL, NULL));
	/* No field matches nothing; no terms match everything. */
	assert_false(match("a", NULL, NULL, NULL, NULL));
	assert_true(match("", "Evans", NULL, NULL, NULL));
	assert_true(match("   ", NULL, NULL, NULL, NULL));
}

static void test_match_many_terms_and_long_fields(void **state)
{
	char search[400] = "", name[1200] = "", t[400];
	const char *fields[2];

	(void)state;
	/* More words than the match keeps on its stack, a field longer
	 * than its stack buffer. */
	for (int i = 0; i < 40; i++)
		strcat(search, "é ");
	strcat(search, "würth");
	for (int i = 0; i < 200; i++)
		strcat(name, "É");
	strcat(name, "WÜRTH");
	fields[0] = name;
	fields[1] = NULL;
	assert_int_equal(text_search_terms(search, t), 41);
	assert_true(text_search_match(t, fields, 2));
	strcat(search, " x");
	text_search_terms(search, t);
	assert_false(text_search_match(t, fields, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_ascii),
		cmocka_unit_test(test_fold_latin),
		cmocka_unit_test(test_fold_combining),
		cmocka_unit_test(test_fold_other_scripts),
		cmocka_unit_test(test_fold_invalid),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_defect05_search_accents),
		cmocka_unit_test(test_defect05_search_identifiers),
		cmocka_unit_test(test_defect05_search_words),
		cmocka_unit_test(test_match_many_terms_and_long_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
