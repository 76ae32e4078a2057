/* Drawing text by display width (never strlen), with whatever a terminal
 * must not receive raw shown as an escape (the text module), plus names
 * and NHS numbers as the screen shows them and a one-line prompt. */
#include "tui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/stay.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

/* Draws one character as the screen shows it (text_next(TEXT_ESCAPE)):
 * itself, or the visible escape of a control, bidirectional control,
 * separator, invisible or unprintable character or of bytes that are not
 * UTF-8, so that stored text can never drive the terminal or reorder a
 * row. */
static void put_char(const struct text_char *c)
{
	wchar_t wc = (wchar_t)c->cp;

	if (c->raw)
		addnwstr(&wc, 1);
	else
		addstr(c->shown);
}

int tui_width(const char *s)
{
	return text_width(s, TEXT_ESCAPE);
}

void tui_fill(struct tui *t, int y, int x, int attr)
{
	if (y < 0 || y >= t->rows || x >= t->cols)
		return;
	attrset(attr);
	mvhline(y, x, ' ', t->cols - x);
	attrset(A_NORMAL);
}

int tui_text(struct tui *t, int y, int x, int width, const char *s, int attr,
	     bool align_right)
{
	int total = tui_width(s), used = 0, limit;
	size_t len = s ? strlen(s) : 0, n;
	struct text_char c;

	if (y < 0 || y >= t->rows || x >= t->cols || width <= 0)
		return 0;
	if (x + width > t->cols)
		width = t->cols - x;
	attrset(attr);
	move(y, x);
	if (align_right && total < width) {
		hline(' ', width - total);
		move(y, x + width - total);
		used = width - total;
	}
	/* Too wide: keep what fits in width - 1 and mark the cut with '~'. */
	limit = total > width ? width - 1 : width;
	for (size_t i = 0; i < len; i += n) {
		n = text_next(s + i, len - i, TEXT_ESCAPE, &c);
		if (used + c.width > limit)
			break;
		put_char(&c);
		used += c.width;
	}
	if (total > width) {
		addch('~');
		used++;
	}
	if (used < width)
		hline(' ', width - used);
	attrset(A_NORMAL);
	return width;
}

void tui_patient_name(const struct tui *t, const char *family,
		      const char *given, char *buf, size_t size)
{
	if (t->privacy) {
		stay_initials(given, family, buf, size);
		return;
	}
	if (family && given)
		snprintf(buf, size, "%s, %s", family, given);
	else
		snprintf(buf, size, "%s", family ? family : given ? given : "");
}

void tui_nhs_number(const struct tui *t, const char *digits, char *buf,
		    size_t size)
{
	char nhs[13];

	if (!digits) {
		snprintf(buf, size, "%s", "");
		return;
	}
	if (t->privacy) {
		snprintf(buf, size, "%s", "*** *** ****");
		return;
	}
	nhs_number_format(digits, nhs);
	snprintf(buf, size, "%s", nhs);
}

void tui_mrn(const struct tui *t, const char *mrn, char *buf, size_t size)
{
	size_t o = 0;

	if (!t->privacy || !mrn) {
		snprintf(buf, size, "%s", mrn ? mrn : "");
		return;
	}
	for (const char *p = mrn; *p && o + 1 < size; p++)
		if (((unsigned char)*p & 0xc0) != 0x80) /* a lead byte */
			buf[o++] = '*';
	buf[o] = '\0';
}

/* ---- a one-line prompt ------------------------------------------------*/

/* The question, then the answer scrolled so that the cursor shows; a
 * notice (the limit reached) after the question when there is one. */
static void draw_prompt(struct tui *t, const char *question, const wchar_t *w,
			size_t len, size_t pos, const char *notice)
{
	int y = t->rows - 1, x;
	int qw = tui_width(question), nw = *notice ? tui_width(notice) + 1 : 0;
	int width = 0, room;
	size_t from = 0;
	struct text_char c;

	tui_fill(t, y, 0, tui_attr(t, ROLE_STATUS));
	tui_text(t, y, 0, qw + 1, question, tui_attr(t, ROLE_STATUS), false);
	if (nw)
		tui_text(t, y, qw + 1, nw, notice,
			 tui_attr(t, ROLE_ERROR) | ATTR_BOLD, false);
	x = qw + 1 + nw;
	if (x > t->cols - 8)
		x = t->cols > 8 ? t->cols - 8 : 0;
	room = t->cols - x - 1;
	/* Scroll: the cursor stays within the room left. Each character is
	 * as wide as tui_text() shows it (escapes for what is not text). */
	for (size_t i = 0; i < pos; i++) {
		text_show_cp((uint32_t)w[i], TEXT_ESCAPE, &c);
		width += c.width;
	}
	while (from < pos && width >= room) {
		text_show_cp((uint32_t)w[from], TEXT_ESCAPE, &c);
		width -= c.width;
		from++;
	}
	attrset(A_NORMAL);
	mvhline(y, x, ' ', t->cols - x);
	move(y, x);
	for (size_t i = from, drawn = 0; i < len; i++) {
		text_show_cp((uint32_t)w[i], TEXT_ESCAPE, &c);
		if (x + (int)drawn + c.width < t->cols) {
			put_char(&c);
			drawn += (size_t)c.width;
		} else {
			break; /* nothing more fits */
		}
	}
	move(y, x + width < t->cols ? x + width : t->cols - 1);
	refresh();
}

/* Bytes of w[0..len) in the locale's multibyte form (UTF-8). */
static size_t mb_bytes(const wchar_t *w, size_t len)
{
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	size_t total = 0;

	memset(&ps, 0, sizeof(ps));
	for (size_t i = 0; i < len; i++) {
		size_t n = wcrtomb(mb, w[i], &ps);

		total += n == (size_t)-1 ? 1 : n;
	}
	return total;
}

bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size)
{
	return tui_prompt_recall(t, question, buf, size, NULL);
}

bool tui_prompt_recall(struct tui *t, const char *question, char *buf,
		       size_t size, const char *recall)
{
	/* A character takes at least a byte: size characters always fit. */
	wchar_t *w = xcalloc(size + 1, sizeof(*w));
	wchar_t *w0 = xcalloc(size + 1, sizeof(*w0));
	size_t len = mbstowcs(w, buf, size), pos;
	bool done = false, ok = false;
	char notice[64] = "";

	if (len == (size_t)-1)
		len = 0;
	w[len] = L'\0';
	wcscpy(w0, w);
	pos = len;
	while (!done) {
		wint_t ch;
		int rc;

		draw_prompt(t, question, w, len, pos, notice);
		rc = tui_get_key(&ch);
		if (rc == ERR) {
			if (!tui_interrupted())
				continue; /* the poll timeout */
			/* ^C asks first when what was typed would be lost. */
			if (tui_must_end(t, wcscmp(w, w0) != 0))
				done = true;
			else
				tui_redraw(t);
			continue;
		}
		notice[0] = '\0';
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_RESIZE) {
				tui_redraw(t); /* the view underneath, new size */
			} else if (ch == KEY_UP && recall && *recall) {
				/* The last answer back, to change it. */
				size_t n = mbstowcs(w, recall, size);

				len = n == (size_t)-1 ? 0 : n;
				w[len] = L'\0';
				pos = len;
			} else if (ch == KEY_LEFT && pos > 0)
				pos--;
			else if (ch == KEY_RIGHT && pos < len)
				pos++;
			else if (ch == KEY_HOME)
				pos = 0;
			else if (ch == KEY_END)
				pos = len;
			else if (ch == KEY_BACKSPACE && pos > 0) {
				memmove(w + pos - 1, w + pos,
					(len - pos + 1) * sizeof(*w));
				pos--;
				len--;
			} else if (ch == KEY_DC && pos < len) {
				memmove(w + pos, w + pos + 1,
					(len - pos) * sizeof(*w));
				len--;
			} else if (ch == KEY_ENTER) {
				done = ok = true;
			}
			continue;
		}
		if (ch == '\n' || ch == '\r') {
			done = ok = true;
		} else if (ch == 27 || ch == KEY_CTRL('g')) {
			done = true;
		} else if ((ch == 127 || ch == 8) && pos > 0) {
			memmove(w + pos - 1, w + pos,
				(len - pos + 1) * sizeof(*w));
			pos--;
			len--;
		} else if (ch == KEY_CTRL('u')) {
			memmove(w, w + pos, (len - pos + 1) * sizeof(*w));
			len -= pos;
			pos = 0;
		} else if (ch >= 32 && ch != 127) {
			wchar_t one = (wchar_t)ch;

			/* Never more than the answer can hold: the text is
			 * refused with a notice here, not cut later. */
			if (len >= size ||
			    mb_bytes(w, len) + mb_bytes(&one, 1) > size - 1) {
				snprintf(notice, sizeof(notice),
					 "[full: %zu bytes]", size - 1);
				beep();
				continue;
			}
			memmove(w + pos + 1, w + pos,
				(len - pos + 1) * sizeof(*w));
			w[pos++] = one;
			len++;
		}
	}
	if (ok) {
		size_t n = wcstombs(buf, w, size - 1);

		if (n == (size_t)-1)
			n = 0;
		buf[n] = '\0';
	}
	free(w);
	free(w0);
	return ok;
}

void tui_sparkline(struct tui *t, int y, int x, const long *v, int n, long lo,
		   long hi)
{
	static const char *const utf8[] = {"\u2581", "\u2582", "\u2583",
					   "\u2584", "\u2585", "\u2586",
					   "\u2587", "\u2588"};
	static const char *const ascii[] = {"_", ".", "-", "=", "#"};
	const char *const *glyph = t->utf8 ? utf8 : ascii;
	int levels = t->utf8 ? 8 : 5;

	for (int i = 0; i < n && x < t->cols; i++, x++) {
		int k = hi > lo ? (int)((v[i] - lo) * (levels - 1) / (hi - lo))
				: (hi > 0 ? levels / 2 : 0);

		tui_text(t, y, x, 1, glyph[k],
			 i == n - 1 ? ATTR_BOLD : ATTR_NORMAL, false);
	}
}
