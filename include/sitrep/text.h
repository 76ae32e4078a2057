/* Text as sitrep handles it: UTF-8 decoding with a defined result for bad
 * bytes, the classes of characters that must never reach a terminal raw
 * (controls, bidirectional controls, separators, invisible characters),
 * display width, text cleaned for a screen, and the one rule for text that
 * is stored. Pure: no I/O, no locale (widths come from a table, see
 * tools/gen_text_width.c), so every output measures text the same way. */
#ifndef SITREP_TEXT_H
#define SITREP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/error.h"

/* What text_decode() yields for an ill-formed sequence: not a code point. */
#define TEXT_INVALID UINT32_MAX

/* Decodes the character at s (len bytes available) into *cp and returns
 * its length in bytes (0 only when len is 0). An ill-formed sequence
 * (a stray continuation byte, an overlong form, a surrogate, beyond
 * U+10FFFF, cut short) gives *cp = TEXT_INVALID and the length of its
 * maximal subpart (Unicode §3.9: one bad unit per U+FFFD): at least 1, so a
 * loop always advances. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is well-formed UTF-8; else *bad (if not NULL) is the
 * byte offset of the first ill-formed sequence. */
bool text_valid(const char *s, size_t len, size_t *bad);

/* Characters (code points, an ill-formed sequence counting one) in s. */
size_t text_chars(const char *s);

/* Classes of characters: X(enum, label used in messages). Everything but
 * TEXT_PLAIN is refused in stored text and neutralised on a screen.
 * - control: C0 (U+0000-U+001F), DEL, C1 (U+0080-U+009F; U+009B is CSI);
 * - bidirectional: the embeddings, overrides and isolates U+202A-U+202E,
 *   U+2066-U+2069, the marks U+200E, U+200F, U+061C: they reorder the
 *   text around them, so a name could disguise its columns;
 * - separator: U+2028, U+2029 (a line break to some programs, not others);
 * - invisible: zero-width space U+200B, word joiner and invisible
 *   operators U+2060-U+2064, U+FEFF, U+180E, annotation marks
 *   U+FFF9-U+FFFB: two names that look the same must be the same (joiners
 *   U+200C and U+200D are plain: Persian, Indic scripts and emoji need
 *   them);
 * - ill-formed: bytes that are not UTF-8. */
#define TEXT_CLASS_TABLE(X)                                               \
	X(TEXT_PLAIN, "character")                                        \
	X(TEXT_CONTROL, "control character")                              \
	X(TEXT_BIDI, "bidirectional control character")                   \
	X(TEXT_SEPARATOR, "line or paragraph separator")                  \
	X(TEXT_INVISIBLE, "invisible character")                          \
	X(TEXT_ILL_FORMED, "byte that is not UTF-8")

enum text_class {
#define TEXT_CLASS_ENUM(e, label) e,
	TEXT_CLASS_TABLE(TEXT_CLASS_ENUM)
#undef TEXT_CLASS_ENUM
	TEXT_CLASS_COUNT
};

enum text_class text_class(uint32_t cp);
const char *text_class_label(enum text_class c);

/* Display columns of one code point, as wcwidth() gives them in a UTF-8
 * locale with the same Unicode version (14.0), whatever the locale: 0 for
 * combining marks and format characters, 2 for East Asian wide and
 * fullwidth characters and emoji, -1 for controls, unassigned code points,
 * noncharacters, separators and TEXT_INVALID, else 1. */
int text_cp_width(uint32_t cp);

/* How a screen shows a character that must not reach it raw. */
enum text_style {
	/* Visible and unambiguous: \n and \t, \xNN for other C0 controls,
	 * DEL and each byte that is not UTF-8, \uNNNN (or \UNNNNNNNN) for
	 * the rest: "Ab\u202ecd". For lines and forms. */
	TEXT_ESCAPE,
	/* One '?' per character or ill-formed sequence: for columns. */
	TEXT_QUESTION,
};

/* One character as a screen shows it. */
struct text_char {
	uint32_t cp;         /* TEXT_INVALID for an ill-formed sequence */
	size_t len;          /* bytes of input it takes */
	enum text_class cls;
	int width;           /* columns as shown */
	/* True when shown as itself (plain and printable); false when shown
	 * as the ASCII text in `shown` instead. */
	bool raw;
	char shown[24];      /* NUL-terminated: the bytes to write */
};

/* Reads the next character of s[0..len) into *c; returns its length in
 * bytes (0 at the end). A character is shown raw when it is TEXT_PLAIN and
 * printable (text_cp_width() >= 0); else as style says. */
size_t text_next(const char *s, size_t len, enum text_style style,
		 struct text_char *c);

/* The same for a code point already decoded (a wide character typed at a
 * prompt): c->len is 0; TEXT_INVALID is shown as '?'. */
void text_show_cp(uint32_t cp, enum text_style style, struct text_char *c);

/* s as a screen shows it (NULL as ""); the caller frees the result. */
char *text_clean(const char *s, enum text_style style)
	__attribute__((malloc, returns_nonnull));
/* Display columns of s as text_clean() shows it (NULL: 0). */
int text_width(const char *s, enum text_style style);
/* The byte length of the longest prefix of s whose cleaned form fits in
 * cols columns: never inside a character (nor inside an escape), and
 * keeping the zero-width marks that follow the last character kept. Its
 * width goes to *used (if not NULL). */
size_t text_fit(const char *s, int cols, enum text_style style, int *used);

/* Stored text. A one-line value (name, MRN, bed, destination) admits only
 * TEXT_PLAIN characters; a note also newline and tab (TEXT_LINES). */
enum { TEXT_LINES = 1 << 0 };

/* The first character that stored text may not hold. */
struct text_fault {
	size_t at;           /* its number in the text, the first being 1 */
	size_t offset;       /* its byte offset */
	uint32_t cp;         /* TEXT_INVALID for an ill-formed byte */
	unsigned char byte;  /* the first byte, for an ill-formed one */
	enum text_class cls;
	unsigned flags;      /* as given to text_storable() */
};

/* True when s is text that may be stored (see TEXT_LINES); else fills
 * *fault (if not NULL) with the first character that may not. */
bool text_storable(const char *s, unsigned flags, struct text_fault *fault);
/* Fails err (SR_EINVAL) with what is wrong and where, never the text
 * itself: "bidirectional control character U+202E at character 5 is not
 * allowed", "not valid UTF-8: byte 0xff at character 3". Characters are
 * numbered from first (1 for the start of the text). The caller prefixes
 * the field's name. */
enum sr_status text_fault_fail(const struct text_fault *f, size_t first,
			       struct sr_error *err);
/* text_storable() and text_fault_fail() in one: SR_OK or SR_EINVAL. */
enum sr_status text_check(const char *s, unsigned flags,
			  struct sr_error *err);

/* ---- folding for search (src/text_fold.c) ------------------------------
 * What a user types and what is stored are both folded, so that "bjorn"
 * finds Björn and "MULLER" finds Müller: the same answer whatever the
 * user's locale. */

/* Folds n bytes of UTF-8 text into out: letters to lower case; Latin
 * letters with diacritics to their base letters (é e, Ø o, Ł l, ễ e) and
 * the ligatures and special letters to their usual spelling (ß ss, Æ ae,
 * Œ oe, Þ th, Ĳ ij); combining diacritical marks (U+0300-U+036F) dropped;
 * Greek and Cyrillic capitals to lower case. Anything else, and bytes that
 * are not well-formed UTF-8, are copied unchanged. The fold is never longer
 * than its input: out holds n + 1 bytes. Returns the bytes written (before
 * the terminating NUL). */
size_t text_fold(const char *s, size_t n, char *out);

/* The terms of a typed search, for text_search_match: the search folded,
 * split into words at white space, written to out as words separated by
 * one space. A search of digits and spaces only ("943 476 5919") is one
 * term, its digits, so that an NHS number typed in groups is found whole.
 * out holds strlen(search) + 1 bytes. Returns the number of terms (0 for a
 * blank search, out then ""). */
size_t text_search_terms(const char *search, char *out);

/* Whether every term of terms (as text_search_terms writes them) is found
 * in at least one of the n fields, each field folded first: a term of three
 * characters or more anywhere in the field, its spaces ignored ("41613" in
 * MRN AWP0041613, "obriain" in Ó Briain); a shorter one at the start of a
 * word of the field, as an initial ("evans f": Evans, Fiona, not every name
 * with an f in it). NULL fields match nothing; no terms match everything. */
bool text_search_match(const char *terms, const char *const *fields,
		       size_t n);

#endif
