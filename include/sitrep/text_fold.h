/* Folding text for search (module "text"): what a user types and what is
 * stored are both folded, so that "bjorn" finds Björn and "MULLER" finds
 * Müller. Pure: no locale, no I/O; the same answer whatever the user's
 * environment. */
#ifndef SITREP_TEXT_FOLD_H
#define SITREP_TEXT_FOLD_H

#include <stdbool.h>
#include <stddef.h>

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
