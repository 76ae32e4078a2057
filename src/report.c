/* The morning report (see include/sitrep/report.h): reading its figures
 * in one snapshot, the format switch and the helpers every rendering
 * shares: rounding, and text that is safe to print and measured in display
 * columns. */
#include "sitrep/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "report_internal.h"
#include "sitrep/util.h"

static const char *const format_names[] = {
#define REPORT_FORMAT_NAME(e, name) name,
	REPORT_FORMAT_TABLE(REPORT_FORMAT_NAME)
#undef REPORT_FORMAT_NAME
};

bool report_format_parse(const char *s, enum report_format *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(format_names); i++)
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum report_format)i;
			return true;
		}
	return false;
}

double report_round1(double v)
{
	double r;

	if (isnan(v))
		return v;
	r = round(v * 10.0) / 10.0;
	return r == 0 ? 0 : r; /* no "-0.0" */
}

void report_fmt1(char buf[32], double v, const char *nan_text)
{
	if (isnan(v) || isinf(v))
		snprintf(buf, 32, "%s", nan_text);
	else
		snprintf(buf, 32, "%.1f", report_round1(v));
}

/* Length of the well-formed UTF-8 sequence at s, else 1: how much to skip
 * when a character cannot be shown. */
static size_t utf8_skip(const unsigned char *s, size_t len)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;

	if (n > len)
		return 1;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Bidirectional embeddings, overrides and isolates: they reorder the text
 * around them on a terminal, so a name could disguise the columns. */
static bool bidi_control(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) ||
	       (wc >= 0x2066 && wc <= 0x2069);
}

/* The character at s (len bytes left): returns its length in bytes and
 * sets *width to its display columns, or -1 if it is to be shown as '?'. */
static size_t char_at(const char *s, size_t len, int *width)
{
	mbstate_t ps;
	wchar_t wc;
	size_t n;

	memset(&ps, 0, sizeof(ps));
	n = mbrtowc(&wc, s, len, &ps);
	if (n == 0 || n > len) { /* NUL, invalid or cut short */
		*width = -1;
		return utf8_skip((const unsigned char *)s, len);
	}
	*width = bidi_control(wc) ? -1 : wcwidth(wc);
	return n;
}

char *report_clean(const char *s)
{
	size_t len = s ? strlen(s) : 0, o = 0, n;
	char *out = xmalloc(len + 1);
	int w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		if (w < 0) {
			out[o++] = '?';
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

int report_width(const char *s)
{
	size_t len = s ? strlen(s) : 0, n;
	int total = 0, w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		total += w < 0 ? 1 : w;
	}
	return total;
}

static void spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* Writes the first characters of clean text s that fit in cols columns;
 * returns the columns used. */
static int put_fitting(FILE *f, const char *s, int cols)
{
	size_t len = strlen(s), n;
	int used = 0, w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		if (w < 0)
			w = 1;
		if (used + w > cols)
			break;
		fwrite(s + i, 1, n, f);
		used += w;
	}
	return used;
}

void report_cell(FILE *f, const char *s, int width, bool right)
{
	char *c = report_clean(s);
	int w = report_width(c);

	if (w <= width) {
		if (right)
			spaces(f, width - w);
		fputs(c, f);
		if (!right)
			spaces(f, width - w);
	} else if (width > 0) {
		w = put_fitting(f, c, width - 1);
		fputc('~', f);
		spaces(f, width - 1 - w);
	}
	free(c);
}

/* Writes clean text s[0..len), breaking the line (then indenting) where a
 * character would pass the edge; *col tracks the column. */
static void put_breaking(FILE *f, const char *s, size_t len, int *col,
			 int indent)
{
	size_t n;
	int w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		if (w < 0)
			w = 1;
		if (*col + w > REPORT_WIDTH && *col > indent) {
			fputc('\n', f);
			spaces(f, indent);
			*col = indent;
		}
		fwrite(s + i, 1, n, f);
		*col += w;
	}
}

static int width_n(const char *s, size_t len)
{
	char *part = xstrndup(s, len);
	int w = report_width(part);

	free(part);
	return w;
}

void report_wrap(FILE *f, const char *text, int at, int indent,
		 const char *sep)
{
	char *clean = report_clean(text);
	size_t seplen = strlen(sep), taillen = seplen;
	const char *p = clean;
	int col = at, pending = 0;
	bool fresh = true; /* nothing written on this line yet */

	while (taillen > 0 && sep[taillen - 1] == ' ')
		taillen--; /* what of sep stays at the end of a line */
	while (*p) {
		const char *end = strstr(p, sep);
		size_t toklen = end ? (size_t)(end - p) : strlen(p);
		int need = width_n(p, toklen) + (end ? (int)taillen : 0);

		if (toklen == 0 && end) { /* separators in a row */
			pending += (int)seplen;
			p = end + seplen;
			continue;
		}
		if (fresh) {
			pending = 0;
		} else if (col + pending + need > REPORT_WIDTH) {
			fputc('\n', f);
			spaces(f, indent);
			col = indent;
		} else {
			spaces(f, pending);
			col += pending;
		}
		put_breaking(f, p, toklen, &col, indent);
		if (end) {
			fwrite(sep, 1, taillen, f);
			col += (int)taillen;
		}
		pending = end ? (int)(seplen - taillen) : 0;
		fresh = false;
		p = end ? end + seplen : p + toklen;
	}
	fputc('\n', f);
	free(clean);
}

static bool has_text(const char *s)
{
	return s && *s;
}

char *report_patient(const struct stay *s, bool show_names)
{
	const char *family = s->v[SF_FAMILY_NAME], *given = s->v[SF_GIVEN_NAME];
	char buf[64];

	if (!has_text(family) && !has_text(given))
		return NULL;
	if (!show_names) {
		stay_initials(given, family, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (has_text(family) && has_text(given))
		return xasprintf("%s, %s", family, given);
	return xstrdup(has_text(family) ? family : given);
}

void report_explain(const struct config *cfg, const struct site_metrics *sm,
		    char *buf, size_t size)
{
	double value[METRIC_COUNT];

	for (int i = 0; i < METRIC_COUNT; i++)
		value[i] = report_round1(sm->value[i]);
	opel_explain(&cfg->opel.kind[sm->site->kind], value, &sm->opel, buf,
		     size);
}

void report_kinds_present(const struct system_metrics *m,
			  bool present[SITE_KIND_COUNT])
{
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		present[k] = false;
	for (size_t i = 0; i < m->nsites; i++)
		present[m->sites[i].site->kind] = true;
}

bool report_filtered(const struct system_metrics *m)
{
	return m->nsites < m->cfg->nsites;
}

const char *report_trajectory_status(const struct trajectory_status *t)
{
	if (t->target < 0)
		return "no target";
	return t->on_track ? "on track" : "over";
}

enum sr_status report_read(struct store *st, const struct config *cfg,
			   sr_day day, const char *site,
			   bool (*fn)(void *ctx, const struct stay *s),
			   void *ctx, struct system_metrics *m,
			   struct sr_error *err)
{
	struct store_day q;
	enum sr_status s;

	if ((s = store_read_begin(st, err)) != SR_OK)
		return s;
	store_day_init(&q, day, cfg->stranded_days, cfg->super_stranded_days);
	s = store_longest_delayed(st, &q, site, REPORT_LONGEST, fn, ctx, err);
	if (s == SR_OK)
		s = metrics_compute(st, cfg, day, site, m, err);
	store_read_end(st);
	return s;
}

bool report_write(FILE *out, const struct system_metrics *m,
		  const struct stay *delayed, size_t n,
		  const struct report_options *opt)
{
	if (n > REPORT_LONGEST)
		n = REPORT_LONGEST;
	switch (opt->format) {
	case REPORT_TEXT:
		report_text(out, m, delayed, n, opt->show_names);
		break;
	case REPORT_CSV:
		report_csv(out, m);
		break;
	case REPORT_JSON:
		report_json(out, m, delayed, n, opt->show_names);
		break;
	}
	return fflush(out) == 0 && !ferror(out);
}
