/* Folding text for search: case and diacritics, by table, with no locale.
 * See include/sitrep/text.h. */
#include "sitrep/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

/* Base letters of the Latin blocks, one character per code point from the
 * block's first: a letter is the fold; '*' a fold of two letters (in
 * two_letters below); '.' no fold (the character stays as it is). Where
 * Unicode decomposes a letter, the base is its decomposition's first letter
 * (Ǻ is A, ring, acute: a); letters with a stroke or hook, which Unicode
 * does not decompose, fold to the letter they are written on (Ø o, Ł l). */

/* U+00C0-U+00FF: Latin-1 letters. */
static const char latin1[] =
	"aaaaaa*ceeeeiiiidnooooo.ouuuuy**"
	"aaaaaa*ceeeeiiiidnooooo.ouuuuy*y";

/* U+0100-U+017F: Latin Extended-A. */
static const char latin_ext_a[] =
	"aaaaaacccccccc"  /* 0100 */
	"dddd"            /* 010E */
	"eeeeeeeeee"      /* 0112 */
	"gggggggg"        /* 011C */
	"hhhh"            /* 0124 */
	"iiiiiiiiii"      /* 0128 */
	"**"              /* 0132 Ĳ ĳ */
	"jjkkk"           /* 0134 */
	"llllllllll"      /* 0139 */
	"nnnnnnnnn"       /* 0143 (0149 ŉ, 014A-B Ŋ ŋ) */
	"oooooo"          /* 014C */
	"**"              /* 0152 Œ œ */
	"rrrrrr"          /* 0154 */
	"ssssssss"        /* 015A */
	"tttttt"          /* 0162 */
	"uuuuuuuuuuuu"    /* 0168 */
	"wwyyy"           /* 0174 */
	"zzzzzzs";        /* 0179 (017F ſ) */

/* U+1E00-U+1EFF: Latin Extended Additional (Vietnamese, Welsh, ...). */
static const char latin_ext_add[] =
	"aabbbbbbccddddddddddeeeeeeeeeeff" /* 1E00 */
	"gghhhhhhhhhhiiiikkkkkkllllllllmm" /* 1E20 */
	"mmmmnnnnnnnnoooooooopppprrrrrrrr" /* 1E40 */
	"ssssssssssttttttttuuuuuuuuuuvvvv" /* 1E60 */
	"wwwwwwwwwwxxxxyyzzzzzzhtwyasss*." /* 1E80 */
	"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" /* 1EA0 */
	"eeeeeeeeiiiioooooooooooooooooooo" /* 1EC0 */
	"oooouuuuuuuuuuuuuuyyyyyyyy......"; /* 1EE0 */

_Static_assert(sizeof(latin1) == 64 + 1, "one base per U+00C0-U+00FF");
_Static_assert(sizeof(latin_ext_a) == 128 + 1, "one per U+0100-U+017F");
_Static_assert(sizeof(latin_ext_add) == 256 + 1, "one per U+1E00-U+1EFF");

/* Latin Extended-B: the letters of living languages' names, sorted. */
static const struct {
	uint16_t cp;
	char base;
} latin_ext_b[] = {
	{0x0180, 'b'}, {0x0181, 'b'}, {0x0187, 'c'}, {0x0188, 'c'},
	{0x0189, 'd'}, {0x018A, 'd'}, {0x0191, 'f'}, {0x0192, 'f'},
	{0x0193, 'g'}, {0x0197, 'i'}, {0x0198, 'k'}, {0x0199, 'k'},
	{0x019A, 'l'}, {0x019D, 'n'}, {0x019E, 'n'}, {0x019F, 'o'},
	{0x01A0, 'o'}, {0x01A1, 'o'}, {0x01A4, 'p'}, {0x01A5, 'p'},
	{0x01AB, 't'}, {0x01AC, 't'}, {0x01AD, 't'}, {0x01AE, 't'},
	{0x01AF, 'u'}, {0x01B0, 'u'}, {0x01B2, 'v'}, {0x01B3, 'y'},
	{0x01B4, 'y'}, {0x01B5, 'z'}, {0x01B6, 'z'}, {0x01CD, 'a'},
	{0x01CE, 'a'}, {0x01CF, 'i'}, {0x01D0, 'i'}, {0x01D1, 'o'},
	{0x01D2, 'o'}, {0x01D3, 'u'}, {0x01D4, 'u'}, {0x01D5, 'u'},
	{0x01D6, 'u'}, {0x01D7, 'u'}, {0x01D8, 'u'}, {0x01D9, 'u'},
	{0x01DA, 'u'}, {0x01DB, 'u'}, {0x01DC, 'u'}, {0x01DE, 'a'},
	{0x01DF, 'a'}, {0x01E0, 'a'}, {0x01E1, 'a'}, {0x01E4, 'g'},
	{0x01E5, 'g'}, {0x01E6, 'g'}, {0x01E7, 'g'}, {0x01E8, 'k'},
	{0x01E9, 'k'}, {0x01EA, 'o'}, {0x01EB, 'o'}, {0x01EC, 'o'},
	{0x01ED, 'o'}, {0x01F0, 'j'}, {0x01F4, 'g'}, {0x01F5, 'g'},
	{0x01F8, 'n'}, {0x01F9, 'n'}, {0x01FA, 'a'}, {0x01FB, 'a'},
	{0x01FE, 'o'}, {0x01FF, 'o'}, {0x0200, 'a'}, {0x0201, 'a'},
	{0x0202, 'a'}, {0x0203, 'a'}, {0x0204, 'e'}, {0x0205, 'e'},
	{0x0206, 'e'}, {0x0207, 'e'}, {0x0208, 'i'}, {0x0209, 'i'},
	{0x020A, 'i'}, {0x020B, 'i'}, {0x020C, 'o'}, {0x020D, 'o'},
	{0x020E, 'o'}, {0x020F, 'o'}, {0x0210, 'r'}, {0x0211, 'r'},
	{0x0212, 'r'}, {0x0213, 'r'}, {0x0214, 'u'}, {0x0215, 'u'},
	{0x0216, 'u'}, {0x0217, 'u'}, {0x0218, 's'}, {0x0219, 's'},
	{0x021A, 't'}, {0x021B, 't'}, {0x021E, 'h'}, {0x021F, 'h'},
	{0x0226, 'a'}, {0x0227, 'a'}, {0x0228, 'e'}, {0x0229, 'e'},
	{0x022A, 'o'}, {0x022B, 'o'}, {0x022C, 'o'}, {0x022D, 'o'},
	{0x022E, 'o'}, {0x022F, 'o'}, {0x0230, 'o'}, {0x0231, 'o'},
	{0x0232, 'y'}, {0x0233, 'y'},
};

/* The folds of two letters ('*' in the tables). */
static const struct {
	uint32_t cp;
	char fold[3];
} two_letters[] = {
	{0x00C6, "ae"}, {0x00DE, "th"}, {0x00DF, "ss"}, {0x00E6, "ae"},
	{0x00FE, "th"}, {0x0132, "ij"}, {0x0133, "ij"}, {0x0152, "oe"},
	{0x0153, "oe"}, {0x01E2, "ae"}, {0x01E3, "ae"}, {0x01FC, "ae"},
	{0x01FD, "ae"}, {0x1E9E, "ss"},
};

static char table_base(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return latin_ext_a[cp - 0x100];
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return latin_ext_add[cp - 0x1E00];
	if (cp >= 0x180 && cp <= 0x24F) {
		size_t lo = 0, hi = ARRAY_SIZE(latin_ext_b);

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (latin_ext_b[mid].cp == cp)
				return latin_ext_b[mid].base;
			if (latin_ext_b[mid].cp < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = 0; i < ARRAY_SIZE(two_letters); i++)
			if (two_letters[i].cp == cp)
				return '*';
	}
	return '.';
}

/* Lower case of the Greek and Cyrillic capitals; anything else
 * unchanged. */
static uint32_t lower_greek_cyrillic(uint32_t c)
{
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c;
}

static size_t utf8_put(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Folds the character cp into out; returns the bytes written, never more
 * than cp's own UTF-8 length. */
static size_t fold_char(uint32_t cp, char *out)
{
	char base;

	if (cp < 0x80) {
		*out = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (cp >= 0x300 && cp <= 0x36F) /* combining diacritical marks */
		return 0;
	base = table_base(cp);
	if (base == '*') {
		for (size_t i = 0; i < ARRAY_SIZE(two_letters); i++) {
			if (two_letters[i].cp == cp) {
				memcpy(out, two_letters[i].fold, 2);
				return 2;
			}
		}
	}
	if (base != '.' && base != '*') {
		*out = base;
		return 1;
	}
	/* The Greek and Cyrillic lower cases are as long as their
	 * capitals. */
	return utf8_put(lower_greek_cyrillic(cp), out);
}

size_t text_fold(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t len;

		if (c < 0x80) {
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		len = text_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID) { /* not well-formed: the bytes as
					   * they are */
			memcpy(out + o, s + i, len);
			o += len;
			i += len;
			continue;
		}
		o += fold_char(cp, out + o);
		i += len;
	}
	out[o] = '\0';
	return o;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

size_t text_search_terms(const char *search, char *out)
{
	size_t n = strlen(search), o = 0, terms = 0;
	bool digits = true, any = false;
	char *folded = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++) {
		if (search[i] >= '0' && search[i] <= '9')
			any = true;
		else if (!is_space(search[i]))
			digits = false;
	}
	if (digits && any) { /* an NHS number or MRN digits, in groups */
		for (size_t i = 0; i < n; i++)
			if (search[i] >= '0' && search[i] <= '9')
				out[o++] = search[i];
		out[o] = '\0';
		free(folded);
		return 1;
	}
	n = text_fold(search, n, folded);
	for (size_t i = 0; i < n;) {
		while (i < n && is_space(folded[i]))
			i++;
		if (i == n)
			break;
		if (terms++)
			out[o++] = ' ';
		while (i < n && !is_space(folded[i]))
			out[o++] = folded[i++];
	}
	out[o] = '\0';
	free(folded);
	return terms;
}

/* Whether the term t (len bytes) occurs in the folded field h, spaces in
 * h skipped ("obriain" is in "o briain"). */
static bool contains(const char *h, const char *t, size_t len)
{
	for (; *h; h++) {
		const char *p = h;
		size_t i = 0;

		if (*h == ' ')
			continue;
		while (i < len && *p) {
			if (*p == ' ') {
				p++;
				continue;
			}
			if (*p != t[i])
				break;
			p++;
			i++;
		}
		if (i == len)
			return true;
	}
	return len == 0;
}

/* Whether the term t (len bytes) starts a word of the folded field h:
 * its start, or after a character that is not a letter or digit (space,
 * hyphen, apostrophe). */
static bool starts_word(const char *h, const char *t, size_t len)
{
	for (size_t i = 0; h[i]; i++) {
		unsigned char prev = i ? (unsigned char)h[i - 1] : ' ';
		bool boundary = prev < 0x80 && !(prev >= 'a' && prev <= 'z') &&
				!(prev >= '0' && prev <= '9');

		if (boundary && strncmp(h + i, t, len) == 0)
			return true;
	}
	return len == 0;
}

/* A term this short is an initial or the start of a name or MRN: "f" is
 * in most names and every MRN with an f in its letters. */
#define TERM_ANYWHERE 3

bool text_search_match(const char *terms, const char *const *fields,
		       size_t n)
{
	bool stack_found[32], *found = stack_found, all = true;
	char stack_buf[256], *buf = stack_buf;
	size_t nterms = 0, cap = sizeof(stack_buf);

	for (const char *t = terms; *t; t++)
		if (t == terms || (t[-1] == ' ' && *t != ' '))
			nterms++;
	if (nterms == 0)
		return true;
	if (nterms > ARRAY_SIZE(stack_found))
		found = xmalloc(nterms * sizeof(*found));
	memset(found, 0, nterms * sizeof(*found));
	/* Each field folded once, then every term not yet found sought in
	 * it. */
	for (size_t f = 0; f < n; f++) {
		const char *t = terms;
		size_t len, k = 0;

		if (!fields[f])
			continue;
		len = strlen(fields[f]);
		if (len + 1 > cap) {
			if (buf != stack_buf)
				free(buf);
			buf = xmalloc(len + 1);
			cap = len + 1;
		}
		text_fold(fields[f], len, buf);
		while (*t) {
			const char *end = strchr(t, ' ');
			size_t tl = end ? (size_t)(end - t) : strlen(t);

			if (!found[k])
				found[k] = tl >= TERM_ANYWHERE ?
						   contains(buf, t, tl) :
						   starts_word(buf, t, tl);
			k++;
			t += tl;
			while (*t == ' ')
				t++;
		}
	}
	for (size_t k = 0; k < nterms; k++)
		all = all && found[k];
	if (buf != stack_buf)
		free(buf);
	if (found != stack_found)
		free(found);
	return all;
}
