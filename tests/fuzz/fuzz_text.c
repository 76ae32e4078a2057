/* The text module over any bytes: decoding always advances and stays in
 * bounds, cleaned text (both styles) is well-formed, storable and as wide
 * as the input shows, a fitted prefix ends between characters, and text
 * that may be stored is valid UTF-8 and shown raw. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sitrep/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	size_t len = strlen(s), n;
	uint32_t cp;

	for (size_t i = 0; i < size; i += n) {
		n = text_decode((const char *)data + i, size - i, &cp);
		FUZZ_ASSERT(n >= 1 && n <= 4 && n <= size - i);
		FUZZ_ASSERT(cp == TEXT_INVALID || cp <= 0x10ffff);
	}
	for (int st = TEXT_ESCAPE; st <= TEXT_QUESTION; st++) {
		char *clean = text_clean(s, (enum text_style)st);
		int used;

		FUZZ_ASSERT(text_valid(clean, strlen(clean), NULL));
		FUZZ_ASSERT(text_storable(clean, 0, NULL));
		FUZZ_ASSERT(text_width(clean, (enum text_style)st) ==
			    text_width(s, (enum text_style)st));
		free(clean);
		for (int cols = 0; cols < 12; cols += 5) {
			n = text_fit(s, cols, (enum text_style)st, &used);
			FUZZ_ASSERT(n <= len && used >= 0 && used <= cols);
			FUZZ_ASSERT(n == len || (((unsigned char)s[n] & 0xc0) !=
						 0x80 || !text_valid(s, len, NULL)));
		}
	}
	if (text_storable(s, 0, NULL)) {
		char *clean = text_clean(s, TEXT_ESCAPE);
		bool printable = true;

		FUZZ_ASSERT(text_valid(s, len, NULL));
		for (size_t i = 0; i < len; i += n) {
			n = text_decode(s + i, len - i, &cp);
			printable = printable && text_cp_width(cp) >= 0;
		}
		/* Storable text is shown as it is, unless it holds a code
		 * point no screen can draw (unassigned). */
		FUZZ_ASSERT(!printable || strcmp(clean, s) == 0);
		free(clean);
	}
	free(s);
	return 0;
}
