/* Drawing text by display width (wcwidth, never strlen), with control and
 * invalid characters neutralised, plus names and NHS numbers as the screen
 * shows them and a one-line prompt. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/stay.h"
#include "sitrep/util.h"

/* Decodes the next character of s; a control or invalid byte becomes '?'
 * (one column). Returns the bytes consumed (0 at the end). */
static size_t next_char(const char *s, wchar_t *wc, int *width)
{
	mbstate_t ps;
	size_t n;

	if (!*s)
		return 0;
	memset(&ps, 0, sizeof(ps));
	n = mbrtowc(wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*width = 1;
		return 1;
	}
	*width = wcwidth(*wc);
	if (*width < 0 || (*wc >= 0x80 && *wc < 0xa0)) {
		*wc = L'?';
		*width = 1;
	}
	return n;
}

int tui_width(const char *s)
{
	int total = 0, w;
	wchar_t wc;
	size_t n;

	while (s && (n = next_char(s, &wc, &w)) > 0) {
		total += w;
		s += n;
	}
	return total;
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
	int total = tui_width(s), used = 0, limit, w;
	wchar_t wc;
	size_t n;

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
	while (s && (n = next_char(s, &wc, &w)) > 0 && used + w <= limit) {
		addnwstr(&wc, 1);
		used += w;
		s += n;
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

static void draw_prompt(struct tui *t, const char *question, const wchar_t *w,
			size_t len, size_t pos)
{
	int y = t->rows - 1, x;
	int qw = tui_width(question);
	int width = 0;

	tui_fill(t, y, 0, tui_attr(t, ROLE_STATUS));
	tui_text(t, y, 0, qw + 1, question, tui_attr(t, ROLE_STATUS), false);
	x = qw + 1;
	attrset(A_NORMAL);
	mvhline(y, x, ' ', t->cols - x);
	move(y, x);
	addnwstr(w, (int)len);
	for (size_t i = 0; i < pos; i++)
		width += wcwidth(w[i]) > 0 ? wcwidth(w[i]) : 1;
	move(y, x + width < t->cols ? x + width : t->cols - 1);
	refresh();
}

bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size)
{
	wchar_t w[256];
	size_t len = mbstowcs(w, buf, ARRAY_SIZE(w) - 1), pos;
	bool done = false, ok = false;

	if (len == (size_t)-1)
		len = 0;
	w[len] = L'\0';
	pos = len;
	while (!done) {
		wint_t ch;
		int rc;

		draw_prompt(t, question, w, len, pos);
		rc = tui_get_key(&ch);
		if (rc == ERR) {
			if (tui_interrupted())
				done = true;
			continue;
		}
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_LEFT && pos > 0)
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
		} else if (ch >= 32 && ch != 127 && len < ARRAY_SIZE(w) - 1) {
			memmove(w + pos + 1, w + pos,
				(len - pos + 1) * sizeof(*w));
			w[pos++] = (wchar_t)ch;
			len++;
		}
	}
	if (ok) {
		size_t n = wcstombs(buf, w, size - 1);

		if (n == (size_t)-1)
			n = 0;
		buf[n] = '\0';
	}
	return ok;
}
