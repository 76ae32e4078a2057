/* RFC 4180 CSV reading and writing (see include/sitrep/csv.h). */
#include "sitrep/csv.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

struct csv_reader {
	const char *buf;
	size_t len;
	size_t pos;
	size_t line; /* current physical line, 1-based */
	char *text;  /* the current record's unquoted field texts */
	size_t text_cap;
	size_t *start; /* offsets of the fields in text */
	size_t start_cap;
	char **field;
	size_t field_cap;
};

struct csv_reader *csv_reader_new(const char *buf, size_t len)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->buf = buf;
	r->len = len;
	r->line = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
	return r;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->start);
	free(r->field);
	free(r);
}

size_t csv_offset(const struct csv_reader *r)
{
	return r->pos;
}

static void put(struct csv_reader *r, size_t *n, char c)
{
	r->text = xgrow(r->text, &r->text_cap, *n + 1, 1);
	r->text[(*n)++] = c;
}

/* Consumes a line ending at pos (CRLF, LF or a lone CR) if there is one. */
static bool eat_eol(struct csv_reader *r)
{
	if (r->pos < r->len && r->buf[r->pos] == '\r') {
		r->pos++;
		if (r->pos < r->len && r->buf[r->pos] == '\n')
			r->pos++;
		r->line++;
		return true;
	}
	if (r->pos < r->len && r->buf[r->pos] == '\n') {
		r->pos++;
		r->line++;
		return true;
	}
	return false;
}

/* Reads a quoted field whose opening quote is at pos. */
static enum sr_status quoted(struct csv_reader *r, size_t *n, size_t *eline,
			     struct sr_error *err)
{
	size_t opened = r->line;

	r->pos++;
	for (;;) {
		char c;

		if (r->pos >= r->len) {
			*eline = opened;
			return sr_fail(err, SR_EINVAL,
				       "unbalanced quote: the quoted field "
				       "opened on this line never closes");
		}
		c = r->buf[r->pos++];
		if (c == '"') {
			if (r->pos < r->len && r->buf[r->pos] == '"') {
				put(r, n, '"');
				r->pos++;
				continue;
			}
			break;
		}
		if (c == '\0') {
			*eline = r->line;
			return sr_fail(err, SR_EINVAL, "NUL byte");
		}
		if (c == '\n' || (c == '\r' && (r->pos >= r->len ||
						r->buf[r->pos] != '\n')))
			r->line++;
		put(r, n, c);
	}
	if (r->pos < r->len && r->buf[r->pos] != ',' &&
	    r->buf[r->pos] != '\n' && r->buf[r->pos] != '\r') {
		*eline = r->line;
		return sr_fail(err, SR_EINVAL,
			       "text after the closing quote of a field (a "
			       "quote inside a quoted field must be doubled)");
	}
	return SR_OK;
}

static enum sr_status unquoted(struct csv_reader *r, size_t *n,
			       size_t *eline, struct sr_error *err)
{
	while (r->pos < r->len) {
		char c = r->buf[r->pos];

		if (c == ',' || c == '\n' || c == '\r')
			break;
		if (c == '"' || c == '\0') {
			*eline = r->line;
			return sr_fail(err, SR_EINVAL, c ?
				       "quote inside an unquoted field (quote "
				       "the whole field and double the quote)" :
				       "NUL byte");
		}
		put(r, n, c);
		r->pos++;
	}
	return SR_OK;
}

enum sr_status csv_next(struct csv_reader *r, struct csv_record *rec,
			struct sr_error *err)
{
	size_t n = 0, nf = 0;

	/* Blank lines carry no record. */
	while (r->pos < r->len && eat_eol(r))
		;
	if (r->pos >= r->len)
		return SR_ENOTFOUND;
	rec->line = r->line;
	for (;;) {
		enum sr_status s;

		r->start = xgrow(r->start, &r->start_cap, nf + 1,
				 sizeof(*r->start));
		r->start[nf++] = n;
		if (r->pos < r->len && r->buf[r->pos] == '"')
			s = quoted(r, &n, &rec->line, err);
		else
			s = unquoted(r, &n, &rec->line, err);
		if (s != SR_OK)
			return s;
		put(r, &n, '\0');
		if (r->pos < r->len && r->buf[r->pos] == ',') {
			r->pos++;
			continue;
		}
		eat_eol(r);
		break;
	}
	r->field = xgrow(r->field, &r->field_cap, nf, sizeof(*r->field));
	for (size_t i = 0; i < nf; i++)
		r->field[i] = r->text + r->start[i];
	rec->field = r->field;
	rec->nfields = nf;
	return SR_OK;
}

static bool formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t';
}

/* True when s is zero or more apostrophes then a formula character: such
 * text gets one more apostrophe on the way out, and loses one on the way in. */
static bool guarded_shape(const char *s, size_t min_apostrophes)
{
	size_t k = strspn(s, "'");

	return k >= min_apostrophes && formula_start(s[k]);
}

void csv_unguard(char *s)
{
	if (guarded_shape(s, 1))
		memmove(s, s + 1, strlen(s));
}

void csv_write_field(FILE *f, const char *s)
{
	size_t len;
	bool guard, quote;

	if (!s || !*s)
		return;
	len = strlen(s);
	guard = guarded_shape(s, 0);
	quote = strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[len - 1] == ' ';
	if (quote)
		fputc('"', f);
	if (guard)
		fputc('\'', f);
	if (!quote) {
		fwrite(s, 1, len, f);
		return;
	}
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csv_end_record(FILE *f)
{
	fputs("\r\n", f);
}

void csv_write_bom(FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
}
