/* UTF-8 decoding, character classes, display width, text cleaned for a
 * screen and the rule for stored text (see include/sitrep/text.h).
 *
 * Widths come from a table generated once from the C library's wcwidth()
 * (src/text_width.h) rather than from wcwidth() at run time: the result
 * then does not depend on the locale of whoever runs sitrep (a report
 * piped from cron in the C locale measures names as the console does), and
 * the module stays pure. */
#include "sitrep/text.h"

#include <stdio.h>
#include <string.h>

#include "sitrep/util.h"

struct width_range {
	uint32_t first, last;
	int width;
};

#include "text_width.h"

/* ---- decoding ---------------------------------------------------------*/

size_t text_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t c;
	size_t n;

	*cp = TEXT_INVALID;
	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* Unicode Table 3-7: the second byte's range depends on the first,
	 * which rules out overlong forms, surrogates and beyond U+10FFFF. */
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 1; /* continuation byte, C0, C1, F5-FF */
	}
	for (size_t i = 1; i < n; i++) {
		if (i >= len || s[i] < lo || s[i] > hi)
			return i; /* the maximal subpart, *cp invalid */
		c = (c << 6) | (s[i] & 0x3f);
		lo = 0x80, hi = 0xbf;
	}
	*cp = c;
	return n;
}

bool text_valid(const char *s, size_t len, size_t *bad)
{
	uint32_t cp;
	size_t n;

	for (size_t i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID) {
			if (bad)
				*bad = i;
			return false;
		}
	}
	return true;
}

size_t text_chars(const char *s)
{
	size_t len = s ? strlen(s) : 0, count = 0;
	uint32_t cp;

	for (size_t i = 0; i < len; count++)
		i += text_decode(s + i, len - i, &cp);
	return count;
}

/* ---- classes and width ------------------------------------------------*/

static const char *const class_labels[] = {
#define TEXT_CLASS_LABEL(e, label) label,
	TEXT_CLASS_TABLE(TEXT_CLASS_LABEL)
#undef TEXT_CLASS_LABEL
};

const char *text_class_label(enum text_class c)
{
	return (unsigned)c < ARRAY_SIZE(class_labels) ? class_labels[c] : "?";
}

enum text_class text_class(uint32_t cp)
{
	if (cp == TEXT_INVALID || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return TEXT_ILL_FORMED;
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return TEXT_CONTROL;
	if (cp < 0x61c)
		return TEXT_PLAIN; /* the common case, quickly */
	if (cp == 0x61c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return TEXT_BIDI;
	if (cp == 0x2028 || cp == 0x2029)
		return TEXT_SEPARATOR;
	if (cp == 0x180e || cp == 0x200b || (cp >= 0x2060 && cp <= 0x2064) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb))
		return TEXT_INVISIBLE;
	return TEXT_PLAIN;
}

int text_cp_width(uint32_t cp)
{
	size_t lo = 0, hi = ARRAY_SIZE(width_table);

	if (cp == 0)
		return 0; /* as wcwidth(L'\0') */
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return -1;
	if (cp < 0x300)
		return 1;
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < width_table[mid].first)
			hi = mid;
		else if (cp > width_table[mid].last)
			lo = mid + 1;
		else
			return width_table[mid].width;
	}
	return 1;
}

/* ---- text for a screen ------------------------------------------------*/

/* Writes the escape of character c into c->shown (s: its bytes, for an
 * ill-formed one). */
static void escape(const char *s, struct text_char *c)
{
	size_t o = 0;

	if (c->cp == TEXT_INVALID) {
		for (size_t i = 0; i < c->len; i++)
			o += (size_t)snprintf(c->shown + o, sizeof(c->shown) - o,
					      "\\x%02x", (unsigned char)s[i]);
	} else if (c->cp == '\n') {
		snprintf(c->shown, sizeof(c->shown), "\\n");
	} else if (c->cp == '\t') {
		snprintf(c->shown, sizeof(c->shown), "\\t");
	} else if (c->cp < 0x80) {
		snprintf(c->shown, sizeof(c->shown), "\\x%02x",
			 (unsigned)c->cp);
	} else if (c->cp <= 0xffff) {
		snprintf(c->shown, sizeof(c->shown), "\\u%04x",
			 (unsigned)c->cp);
	} else {
		snprintf(c->shown, sizeof(c->shown), "\\U%08x",
			 (unsigned)c->cp);
	}
}

void text_show_cp(uint32_t cp, enum text_style style, struct text_char *c)
{
	c->cp = cp;
	c->len = 0;
	c->cls = text_class(cp);
	c->width = c->cls == TEXT_PLAIN ? text_cp_width(cp) : -1;
	c->raw = c->width >= 0;
	c->shown[0] = '\0';
	if (c->raw)
		return;
	if (style == TEXT_QUESTION || cp == TEXT_INVALID)
		snprintf(c->shown, sizeof(c->shown), "?");
	else
		escape(NULL, c);
	c->width = (int)strlen(c->shown);
}

size_t text_next(const char *s, size_t len, enum text_style style,
		 struct text_char *c)
{
	uint32_t cp;
	size_t n = text_decode(s, len, &cp);

	if (n == 0) { /* the end: nothing to show */
		memset(c, 0, sizeof(*c));
		c->cp = TEXT_INVALID;
		c->raw = true;
		return 0;
	}
	text_show_cp(cp, style, c);
	c->len = n;
	if (c->raw) {
		memcpy(c->shown, s, n);
		c->shown[n] = '\0';
	} else if (style == TEXT_ESCAPE && cp == TEXT_INVALID) {
		escape(s, c);
		c->width = (int)strlen(c->shown);
	}
	return n;
}

char *text_clean(const char *s, enum text_style style)
{
	size_t len = s ? strlen(s) : 0, o = 0, cap = len + 1, n;
	char *out = xmalloc(cap);
	struct text_char c;

	for (size_t i = 0; i < len; i += n) {
		size_t k;

		n = text_next(s + i, len - i, style, &c);
		k = strlen(c.shown);
		out = xgrow(out, &cap, o + k + 1, 1);
		memcpy(out + o, c.shown, k);
		o += k;
	}
	out[o] = '\0';
	return out;
}

int text_width(const char *s, enum text_style style)
{
	size_t len = s ? strlen(s) : 0, n;
	struct text_char c;
	int total = 0;

	for (size_t i = 0; i < len; i += n) {
		n = text_next(s + i, len - i, style, &c);
		total += c.width;
	}
	return total;
}

size_t text_fit(const char *s, int cols, enum text_style style, int *used)
{
	size_t len = s ? strlen(s) : 0, i = 0, n;
	struct text_char c;
	int w = 0;

	for (; i < len; i += n) {
		n = text_next(s + i, len - i, style, &c);
		if (w + c.width > cols)
			break;
		w += c.width;
	}
	if (used)
		*used = w;
	return i;
}

/* ---- stored text ------------------------------------------------------*/

bool text_storable(const char *s, unsigned flags, struct text_fault *fault)
{
	size_t len = s ? strlen(s) : 0, n, at = 1;
	uint32_t cp;

	for (size_t i = 0; i < len; i += n, at++) {
		enum text_class cls;

		n = text_decode(s + i, len - i, &cp);
		cls = text_class(cp);
		if (cls == TEXT_PLAIN)
			continue;
		if ((flags & TEXT_LINES) && (cp == '\n' || cp == '\t'))
			continue;
		if (fault) {
			fault->at = at;
			fault->offset = i;
			fault->cp = cp;
			fault->byte = (unsigned char)s[i];
			fault->cls = cls;
			fault->flags = flags;
		}
		return false;
	}
	return true;
}

enum sr_status text_fault_fail(const struct text_fault *f, size_t first,
			       struct sr_error *err)
{
	size_t at = f->at + (first ? first - 1 : 0);

	if (f->cls == TEXT_ILL_FORMED)
		return sr_fail(err, SR_EINVAL,
			       "not valid UTF-8: byte 0x%02x at character %zu",
			       f->byte, at);
	return sr_fail(err, SR_EINVAL, "%s U+%04X at character %zu is not "
		       "allowed%s", text_class_label(f->cls), (unsigned)f->cp,
		       at, f->cls == TEXT_CONTROL && (f->flags & TEXT_LINES) ?
		       " (only newline and tab are)" : "");
}

enum sr_status text_check(const char *s, unsigned flags, struct sr_error *err)
{
	struct text_fault f;

	if (text_storable(s, flags, &f))
		return SR_OK;
	return text_fault_fail(&f, 1, err);
}
