/* Domain rules for a stay (see include/sitrep/stay.h). */
#include "sitrep/stay.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/text.h"
#include "sitrep/util.h"

#define IDENT_MAX STAY_IDENT_MAX
#define TEXT_MAX STAY_TEXT_MAX
#define NOTE_MAX STAY_NOTE_MAX
#define SHOW_MAX 40    /* bytes of a value quoted in an error message */
#define CODES_SHOWN 12 /* configured codes listed in an error message */

static const struct {
	const char *name;
	enum field_type type;
	bool required;
	bool identifies;
	bool dated;
} field_info[SF_COUNT] = {
#define STAY_FIELD_INFO(e, name, type, req, ident, dated) \
	[e] = {name, type, req, ident, dated},
	STAY_FIELD_TABLE(STAY_FIELD_INFO)
#undef STAY_FIELD_INFO
};

/* ---- pathways and marks ---- */

static const struct enum_name pathways[PATHWAY_COUNT] = {
	PATHWAY_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum pathway, pathways, PATHWAY_COUNT, pathway_name,
	       pathway_label, pathway_parse, false)

static const struct enum_name day_marks[DAY_MARK_COUNT] = {
	DAY_MARK_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum day_mark, day_marks, DAY_MARK_COUNT, day_mark_name,
	       day_mark_label, day_mark_parse, false)

static const struct enum_name edd_statuses[EDD_STATUS_COUNT] = {
	EDD_STATUS_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum edd_status, edd_statuses, EDD_STATUS_COUNT,
	       edd_status_name, edd_status_label, edd_status_parse, true)

#define SOURCE_ROW(e, name, label, up) [e] = {name, label},
static const struct enum_name sources[SOURCE_COUNT] = {
	SOURCE_TABLE(SOURCE_ROW)
};
#undef SOURCE_ROW
ENUM_FUNCTIONS(enum admission_source, sources, SOURCE_COUNT, source_name,
	       source_label, source_parse, true)

bool source_step_up(const char *source)
{
	static const bool up[SOURCE_COUNT] = {
#define SOURCE_UP(e, name, label, u) [e] = u,
		SOURCE_TABLE(SOURCE_UP)
#undef SOURCE_UP
	};
	enum admission_source s;

	return source && source_parse(source, &s) && up[s];
}

bool source_step_down(const char *source)
{
	return source && strcmp(source, source_name(SOURCE_ACUTE)) == 0;
}

/* ---- the field table ---- */

static bool field_ok(enum stay_field f)
{
	return (unsigned)f < SF_COUNT;
}

const char *stay_field_name(enum stay_field f)
{
	return field_ok(f) ? field_info[f].name : "?";
}

enum field_type stay_field_type(enum stay_field f)
{
	return field_ok(f) ? field_info[f].type : FT_TEXT;
}

bool stay_field_required(enum stay_field f)
{
	return field_ok(f) && field_info[f].required;
}

bool stay_field_identifies(enum stay_field f)
{
	/* An unknown field is treated as identifying: the safe side. */
	return !field_ok(f) || field_info[f].identifies;
}

bool stay_field_dated(enum stay_field f)
{
	return field_ok(f) && field_info[f].dated;
}

/* ASCII-only case-insensitive comparison, independent of the locale. */
static int ascii_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y || x == 0)
			return x - y;
	}
}

bool stay_field_parse(const char *name, enum stay_field *out)
{
	for (int f = 0; name && f < SF_COUNT; f++) {
		if (ascii_cmp(name, field_info[f].name) == 0) {
			*out = (enum stay_field)f;
			return true;
		}
	}
	return false;
}

/* ---- values ---- */

void stay_clear(struct stay *s)
{
	for (int f = 0; f < SF_COUNT; f++)
		free(s->v[f]);
	memset(s, 0, sizeof(*s));
}

void stay_set(struct stay *s, enum stay_field f, const char *val)
{
	char *copy;

	if (!field_ok(f))
		return;
	copy = val && *val ? xstrdup(val) : NULL;
	free(s->v[f]);
	s->v[f] = copy;
}

void stay_copy(struct stay *dst, const struct stay *src)
{
	if (dst == src)
		return;
	for (int f = 0; f < SF_COUNT; f++)
		stay_set(dst, (enum stay_field)f, src->v[f]);
	dst->id = src->id;
	dst->version = src->version;
}

/* ---- NHS numbers ---- */

enum nhs_check nhs_number_check(const char *in, char out[11])
{
	char digits[11];
	size_t n = 0;
	int sum = 0, check;

	for (const char *p = in ? in : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9')
			return NHS_NOT_DIGITS;
		if (n < 10)
			digits[n] = *p;
		n++;
	}
	if (n != 10)
		return NHS_BAD_LENGTH;
	for (int i = 0; i < 9; i++)
		sum += (digits[i] - '0') * (10 - i);
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	if (check == 10)
		return NHS_CHECK_10;
	if (check != digits[9] - '0')
		return NHS_BAD_CHECK;
	if (out) {
		memcpy(out, digits, 10);
		out[10] = '\0';
	}
	return NHS_OK;
}

const char *nhs_check_text(enum nhs_check c)
{
	static const char *const text[] = {
#define NHS_CHECK_TEXT(e, t) [e] = t,
		NHS_CHECK_TABLE(NHS_CHECK_TEXT)
#undef NHS_CHECK_TEXT
	};

	return (unsigned)c < ARRAY_SIZE(text) ? text[c] : "unknown problem";
}

void nhs_number_format(const char *digits, char out[13])
{
	size_t len = digits ? strlen(digits) : 0;

	if (len != 10) {
		strlcpy_ok(out, digits ? digits : "", 13);
		return;
	}
	memcpy(out, digits, 3);
	out[3] = ' ';
	memcpy(out + 4, digits + 3, 3);
	out[7] = ' ';
	memcpy(out + 8, digits + 6, 4);
	out[12] = '\0';
}

/* ---- UTF-8 text ---- */

/* Copies a value into buf for quoting in a message: at most SHOW_MAX bytes,
 * characters a terminal must not receive as '?', cut only between
 * characters. */
static void show(char *buf, size_t size, const char *s)
{
	size_t len = strlen(s), o = 0, n, k;
	struct text_char c;

	for (size_t i = 0; i < len; i += n) {
		n = text_next(s + i, len - i, TEXT_QUESTION, &c);
		k = strlen(c.shown);
		if (o + k + 4 > size || o + k > SHOW_MAX) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, c.shown, k);
		o += k;
	}
	buf[o] = '\0';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

static bool blank(const char *s)
{
	while (*s && is_space(*s))
		s++;
	return *s == '\0';
}

/* A copy of s without surrounding white space. */
static char *trimmed(const char *s)
{
	size_t len;

	while (is_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* A note with CRLF and lone CR turned into LF and trailing white space
 * removed; leading text is kept as typed. */
static char *note_text(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t o = 0;

	for (; *s; s++) {
		if (*s == '\r') {
			out[o++] = '\n';
			if (s[1] == '\n')
				s++;
		} else {
			out[o++] = *s;
		}
	}
	while (o > 0 && is_space(out[o - 1]))
		o--;
	out[o] = '\0';
	return out;
}

/* ---- normalising one field ---- */

/* What normalising one value needs; the checkers fill *out on success. */
struct norm {
	const struct config *cfg;
	enum stay_field field;
	const char *site_code;
	const char *raw; /* input as given */
	char *val;       /* input without surrounding white space, owned */
	char *out;
	struct sr_error *err;
};

/* Writes " 'value'" into buf for a non-identifying field, and nothing at
 * all for an identifying one. */
static void quoted(const struct norm *n, char *buf, size_t size)
{
	char tmp[SHOW_MAX + 8];

	buf[0] = '\0';
	if (stay_field_identifies(n->field))
		return;
	show(tmp, sizeof(tmp), n->val);
	snprintf(buf, size, " '%s'", tmp);
}

static enum sr_status accept(struct norm *n, char *canonical)
{
	n->out = canonical;
	return SR_OK;
}

static enum sr_status too_long(struct sr_error *err, size_t len, size_t max)
{
	return sr_fail(err, SR_EINVAL, "too long: %zu bytes, at most %zu",
		       len, max);
}

/* The one rule for stored text (include/sitrep/text.h): only plain
 * characters, and newline and tab in a note (TEXT_LINES). A refusal names
 * the character's class, code point and position in the value as typed,
 * never the value (the caller prefixes the field). */
static enum sr_status storable(struct norm *n, const char *s, unsigned flags)
{
	struct text_fault f;
	size_t lead = 0;

	if (text_storable(s, flags, &f))
		return SR_OK;
	if (!(flags & TEXT_LINES)) /* s is n->raw without leading space */
		while (n->raw[lead] && is_space(n->raw[lead]))
			lead++;
	return text_fault_fail(&f, lead + 1, n->err);
}

static enum sr_status norm_text(struct norm *n, size_t max)
{
	if (storable(n, n->val, 0) != SR_OK)
		return SR_EINVAL;
	if (strlen(n->val) > max)
		return too_long(n->err, strlen(n->val), max);
	return accept(n, xstrdup(n->val));
}

static enum sr_status norm_plain(struct norm *n)
{
	return norm_text(n, TEXT_MAX);
}

static enum sr_status norm_ident(struct norm *n)
{
	return norm_text(n, IDENT_MAX);
}

static enum sr_status norm_note(struct norm *n)
{
	char *note = note_text(n->raw);
	enum sr_status why = storable(n, note, TEXT_LINES);
	size_t len = strlen(note);

	if (why != SR_OK || len > NOTE_MAX)
		free(note);
	if (why != SR_OK)
		return why;
	if (len > NOTE_MAX)
		return too_long(n->err, len, NOTE_MAX);
	return accept(n, note);
}

size_t stay_field_max(enum stay_field f)
{
	switch (stay_field_type(f)) {
	case FT_TEXT:
		return TEXT_MAX;
	case FT_NOTE:
		return NOTE_MAX;
	case FT_IDENT:
		return IDENT_MAX;
	default:
		return 0;
	}
}

enum sr_status stay_text_normalise(const char *in, bool multiline, size_t max,
				   char **out, struct sr_error *err)
{
	struct norm n = {NULL, SF_NOTE, NULL, in, NULL, NULL, err};
	enum sr_status st;

	*out = NULL;
	if (!in || blank(in))
		return SR_OK;
	n.val = trimmed(in);
	if (multiline) {
		st = norm_note(&n);
		if (st == SR_OK && strlen(n.out) > max) {
			st = too_long(err, strlen(n.out), max);
			free(n.out);
		}
	} else {
		st = norm_text(&n, max);
	}
	free(n.val);
	if (st == SR_OK)
		*out = n.out;
	return st;
}

static const struct site_cfg *find_site(const struct config *cfg,
					const char *code)
{
	for (size_t i = 0; i < cfg->nsites; i++)
		if (strcmp(cfg->sites[i].code, code) == 0)
			return &cfg->sites[i];
	return NULL;
}

/* Fails with "unknown WHAT 'value' (expected A, B, ...)", listing the first
 * CODES_SHOWN of the configured codes (code(cfg, i) gives the i-th). */
static enum sr_status unknown_code(struct norm *n, const char *what,
				   const char *(*code)(const struct config *,
						       size_t),
				   size_t count)
{
	char q[SHOW_MAX + 16], codes[256] = "";
	size_t o = 0;

	quoted(n, q, sizeof(q));
	if (count == 0)
		return sr_fail(n->err, SR_EINVAL,
			       "unknown %s%s (none are configured)", what, q);
	for (size_t i = 0; i < count && i <= CODES_SHOWN && o < sizeof(codes);
	     i++) {
		int w = snprintf(codes + o, sizeof(codes) - o, "%s%s",
				 i ? ", " : "",
				 i < CODES_SHOWN ? code(n->cfg, i) : "...");

		o += w > 0 ? (size_t)w : 0;
	}
	return sr_fail(n->err, SR_EINVAL, "unknown %s%s (expected %s)", what, q,
		       codes);
}

static const char *site_code_at(const struct config *cfg, size_t i)
{
	return cfg->sites[i].code;
}

static const char *reason_code_at(const struct config *cfg, size_t i)
{
	return cfg->delay_reasons[i].code;
}

static enum sr_status norm_site(struct norm *n)
{
	const struct site_cfg *site;

	if (!n->cfg)
		return norm_text(n, IDENT_MAX);
	site = find_site(n->cfg, n->val);
	if (site)
		return accept(n, xstrdup(site->code));
	return unknown_code(n, "site", site_code_at, n->cfg->nsites);
}

static enum sr_status norm_ward(struct norm *n)
{
	const struct site_cfg *site;
	char q[SHOW_MAX + 16], sq[SHOW_MAX + 8];

	if (!n->cfg || !n->site_code)
		return norm_text(n, IDENT_MAX);
	quoted(n, q, sizeof(q));
	show(sq, sizeof(sq), n->site_code);
	site = find_site(n->cfg, n->site_code);
	if (!site)
		return sr_fail(n->err, SR_EINVAL,
			       "unknown ward%s: site '%s' is not configured", q,
			       sq);
	for (size_t i = 0; i < site->nwards; i++)
		if (strcmp(site->wards[i].code, n->val) == 0)
			return accept(n, xstrdup(site->wards[i].code));
	return sr_fail(n->err, SR_EINVAL, "unknown ward%s for site %s", q, sq);
}

static enum sr_status norm_nhs(struct norm *n)
{
	char digits[11];
	enum nhs_check c = nhs_number_check(n->val, digits);

	if (c != NHS_OK)
		return sr_fail(n->err, SR_EINVAL, "invalid NHS number: %s",
			       nhs_check_text(c));
	return accept(n, xstrdup(digits));
}

/* True if s has the shape dddd-dd-dd at its start. */
static bool date_shaped(const char *s)
{
	static const char shape[] = "dddd-dd-dd";

	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';

		if (shape[i] == 'd' ? !digit : s[i] != '-')
			return false;
	}
	return true;
}

/* Says what is wrong with a value that did not parse as a date (or date
 * and time), as precisely as the text allows: a day-first one as date_read
 * says, any other against ISO 8601. */
static enum sr_status date_problem(struct norm *n, bool with_time,
				   enum date_read r)
{
	const char *what = with_time ? "date and time" : "date";
	const char *expected = with_time ? "YYYY-MM-DDTHH:MM" : "YYYY-MM-DD";
	const char *v = n->val;
	char q[SHOW_MAX + 16], why[SHOW_MAX + 160];
	int y, m, d;

	quoted(n, q, sizeof(q));
	if (r != DATE_READ_INVALID) {
		date_read_explain(r, with_time, q, why, sizeof(why));
		return sr_fail(n->err, SR_EINVAL, "%s", why);
	}
	if (!date_shaped(v) || (!with_time && v[10]))
		return sr_fail(n->err, SR_EINVAL, "invalid %s%s (expected %s)",
			       what, q, expected);
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1900 || y > 2199)
		return sr_fail(n->err, SR_EINVAL,
			       "date%s out of range (years 1900 to 2199)", q);
	if (!date_valid_ymd(y, m, d))
		return sr_fail(n->err, SR_EINVAL, "impossible date%s", q);
	return sr_fail(n->err, SR_EINVAL, "invalid %s%s (expected %s)", what, q,
		       expected);
}

static enum sr_status norm_date(struct norm *n)
{
	char buf[DATE_BUF];
	sr_day d;
	enum date_read r = date_read(n->val, &d);

	if (r != DATE_READ_OK)
		return date_problem(n, false, r);
	date_format(d, buf);
	return accept(n, xstrdup(buf));
}

static enum sr_status norm_datetime(struct norm *n)
{
	char buf[DATETIME_BUF];
	sr_minute t;
	enum date_read r = datetime_read(n->val, &t);

	if (r != DATE_READ_OK)
		return date_problem(n, true, r);
	datetime_format(t, buf);
	return accept(n, xstrdup(buf));
}

static enum sr_status norm_pathway(struct norm *n)
{
	enum pathway p;

	if (!pathway_parse(n->val, &p))
		return sr_fail(n->err, SR_EINVAL,
			       "pathway must be 0, 1, 2 or 3");
	return accept(n, xstrdup(pathway_name(p)));
}

static enum sr_status norm_reason(struct norm *n)
{
	const struct config *cfg = n->cfg;

	if (!cfg)
		return norm_text(n, IDENT_MAX);
	for (size_t i = 0; i < cfg->ndelay_reasons; i++)
		if (ascii_cmp(cfg->delay_reasons[i].code, n->val) == 0)
			return accept(n, xstrdup(cfg->delay_reasons[i].code));
	return unknown_code(n, "delay reason", reason_code_at,
			    cfg->ndelay_reasons);
}

/* An agency by code or label, any case: "NHS", "asc", "Social care",
 * "both", "NHS and social care". */
static enum sr_status norm_agency(struct norm *n)
{
	char q[SHOW_MAX + 16];

	for (int a = 0; a < AGENCY_COUNT; a++)
		if (ascii_cmp(agency_code((enum agency)a), n->val) == 0 ||
		    ascii_cmp(agency_label((enum agency)a), n->val) == 0)
			return accept(n, xstrdup(agency_code((enum agency)a)));
	quoted(n, q, sizeof(q));
	return sr_fail(n->err, SR_EINVAL,
		       "unknown agency%s (expected NHS, ASC or both)", q);
}

static enum sr_status norm_edd_status(struct norm *n)
{
	enum edd_status e;

	if (!edd_status_parse(n->val, &e))
		return sr_fail(n->err, SR_EINVAL,
			       "edd_status must be confirmed or possible");
	return accept(n, xstrdup(edd_status_name(e)));
}

static enum sr_status norm_source(struct norm *n)
{
	enum admission_source s;

	if (!source_parse(n->val, &s))
		return sr_fail(n->err, SR_EINVAL, "source must be home, "
			       "community, acute or other");
	return accept(n, xstrdup(source_name(s)));
}

/* An area of residence: a code as the config's areas are written (any
 * code: a patient may live outside the system). */
static enum sr_status norm_area(struct norm *n)
{
	size_t len = strlen(n->val);

	if (len > 16 || strspn(n->val, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
		return sr_fail(n->err, SR_EINVAL, "area must be a code of 1 "
			       "to 16 letters, digits, '_' or '-'");
	return accept(n, xstrdup(n->val));
}

static enum sr_status (*const normalisers[])(struct norm *) = {
	[FT_SITE] = norm_site,
	[FT_WARD] = norm_ward,
	[FT_TEXT] = norm_plain,
	[FT_NOTE] = norm_note,
	[FT_IDENT] = norm_ident,
	[FT_NHS] = norm_nhs,
	[FT_DATE] = norm_date,
	[FT_DATETIME] = norm_datetime,
	[FT_PATHWAY] = norm_pathway,
	[FT_REASON] = norm_reason,
	[FT_AGENCY] = norm_agency,
	[FT_EDD_STATUS] = norm_edd_status,
	[FT_SOURCE] = norm_source,
	[FT_AREA] = norm_area,
};

enum sr_status stay_normalise(const struct config *cfg, enum stay_field f,
			      const char *site_code, const char *in,
			      char **out, struct sr_error *err)
{
	struct norm n = {cfg, f, site_code, in, NULL, NULL, err};
	enum sr_status st;

	*out = NULL;
	if (!field_ok(f))
		return sr_fail(err, SR_EINVAL, "unknown field");
	if (!in || blank(in))
		return SR_OK;
	n.val = trimmed(in);
	st = normalisers[stay_field_type(f)](&n);
	free(n.val);
	if (st == SR_OK)
		*out = n.out;
	return st;
}

/* ---- initials ---- */

/* Output that never overflows and never cuts a character in two: a piece
 * that does not fit whole ends the output. */
struct sink {
	char *buf;
	size_t size, len;
	bool full;
};

static void sink_put(struct sink *k, const char *s, size_t n)
{
	if (k->full || k->len + n >= k->size) {
		k->full = true;
		return;
	}
	memcpy(k->buf + k->len, s, n);
	k->len += n;
	k->buf[k->len] = '\0';
}

/* Writes the first character of each space-separated word of name (all
 * words, or only the first), joined by spaces; returns how many. */
static int put_initials(struct sink *k, const char *name, bool all_words)
{
	struct text_char c;
	int count = 0;

	while (name && *name) {
		if (is_space(*name)) {
			name++;
			continue;
		}
		text_next(name, strlen(name), TEXT_QUESTION, &c);
		if (count > 0)
			sink_put(k, " ", 1);
		sink_put(k, c.shown, strlen(c.shown));
		count++;
		if (!all_words)
			break;
		while (*name && !is_space(*name))
			name++;
	}
	return count;
}

void stay_initials(const char *given, const char *family, char *out,
		   size_t outsz)
{
	struct sink k = {out, outsz, 0, false};
	int words;

	if (outsz == 0)
		return;
	out[0] = '\0';
	words = put_initials(&k, given, false);
	if (words > 0)
		sink_put(&k, ".", 1);
	if (words > 0 && family && !blank(family))
		sink_put(&k, " ", 1);
	if (put_initials(&k, family, true) > 0)
		sink_put(&k, ".", 1);
	else if (words == 0)
		sink_put(&k, "?", 1);
	while (k.len > 0 && out[k.len - 1] == ' ')
		out[--k.len] = '\0'; /* cut short after a separator */
}
