/* sitrep import-series: published aggregates into imported_series
 * (include/sitrep/imported.h). Every row is checked before anything is
 * written; the rows are then stored in one transaction, with an audit row
 * for the import and one for each value replaced. */
#include "sitrep/imported.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/csv.h"
#include "sitrep/date.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

enum col { C_PERIOD, C_AREA, C_METRIC, C_VALUE, C_SOURCE, C_COUNT };
static const char *const col_names[C_COUNT] = {"period", "area", "metric",
					       "value", "source"};

#define AREA_MAX 32
#define METRIC_MAX 48
#define SOURCE_MAX 255

struct row {
	char period[DATE_BUF];
	char area[AREA_MAX + 1], metric[METRIC_MAX + 1];
	double value;
	char *source;
	size_t line;
};

static bool metric_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > METRIC_MAX)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		      *s == '_'))
			return false;
	return true;
}

/* A period: a month YYYY-MM or a day YYYY-MM-DD, valid. */
static bool period_ok(const char *s)
{
	sr_day d;

	if (strlen(s) == 7)
		return month_parse(s, &d);
	return strlen(s) == 10 && date_parse(s, &d);
}

static bool text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static enum sr_status bad(struct sr_error *err, size_t line, enum col c,
			  const char *why)
{
	return sr_fail(err, SR_EINVAL, "line %zu, %s: %s", line, col_names[c],
		       why);
}

static enum sr_status read_row(const struct csv_record *rec, const int *at,
			       const struct imported_options *opt,
			       struct row *r, struct sr_error *err)
{
	const char *f[C_COUNT] = {0};
	char *end;

	for (int c = 0; c < C_COUNT; c++)
		if (at[c] >= 0 && (size_t)at[c] < rec->nfields) {
			csv_unguard(rec->field[at[c]]);
			f[c] = rec->field[at[c]];
		}
	memset(r, 0, sizeof(*r));
	r->line = rec->line;
	if (!f[C_PERIOD] || !period_ok(f[C_PERIOD]))
		return bad(err, rec->line, C_PERIOD, "not a month (YYYY-MM) "
			   "or a day (YYYY-MM-DD)");
	snprintf(r->period, sizeof(r->period), "%s", f[C_PERIOD]);
	if (!f[C_AREA] || !text_ok(f[C_AREA], AREA_MAX))
		return bad(err, rec->line, C_AREA, "1 to 32 characters, no "
			   "control characters");
	snprintf(r->area, sizeof(r->area), "%s", f[C_AREA]);
	if (!f[C_METRIC] || !metric_ok(f[C_METRIC]))
		return bad(err, rec->line, C_METRIC, "1 to 48 of a-z, 0-9 "
			   "and _");
	snprintf(r->metric, sizeof(r->metric), "%s", f[C_METRIC]);
	errno = 0;
	r->value = f[C_VALUE] ? strtod(f[C_VALUE], &end) : 0;
	if (!f[C_VALUE] || end == f[C_VALUE] || *end || errno ||
	    !isfinite(r->value))
		return bad(err, rec->line, C_VALUE, "not a number");
	if (f[C_SOURCE] && *f[C_SOURCE]) {
		if (!text_ok(f[C_SOURCE], SOURCE_MAX))
			return bad(err, rec->line, C_SOURCE, "at most 255 "
				   "characters, no control characters");
		r->source = xstrdup(f[C_SOURCE]);
	} else if (opt->source) {
		r->source = xstrdup(opt->source);
	}
	return SR_OK;
}

/* The columns named by the header: at[c] the field index of column c. */
static enum sr_status read_header(const struct csv_record *rec, int *at,
				  struct sr_error *err)
{
	for (int c = 0; c < C_COUNT; c++)
		at[c] = -1;
	for (size_t i = 0; i < rec->nfields; i++) {
		int c = 0;

		while (c < C_COUNT && strcmp(rec->field[i], col_names[c]))
			c++;
		if (c == C_COUNT)
			return sr_fail(err, SR_EINVAL, "line %zu: unknown "
				       "column '%.40s' (the columns: period, "
				       "area, metric, value, source)",
				       rec->line, rec->field[i]);
		if (at[c] >= 0)
			return sr_fail(err, SR_EINVAL, "line %zu: column %s "
				       "twice", rec->line, col_names[c]);
		at[c] = (int)i;
	}
	for (int c = 0; c < C_SOURCE; c++)
		if (at[c] < 0)
			return sr_fail(err, SR_EINVAL, "line %zu: no %s column "
				       "(the header names period, area, metric, "
				       "value and optionally source)",
				       rec->line, col_names[c]);
	return SR_OK;
}

static void rows_free(struct row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].source);
	free(r);
}

static int cmp_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if ((c = strcmp(x->metric, y->metric)) != 0 ||
	    (c = strcmp(x->area, y->area)) != 0 ||
	    (c = strcmp(x->period, y->period)) != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Stores the rows (checked) in the caller's transaction. */
static enum sr_status store_rows(struct store *st, struct row *r, size_t n,
				 const struct imported_options *opt,
				 const struct store_actor *who,
				 struct imported_report *rep,
				 struct sr_error *err)
{
	enum sr_status s = SR_OK;

	for (size_t i = 0; s == SR_OK && i < n; i++) {
		char *source = NULL, key[128], was[128], now[128];
		double old = 0;
		bool found;

		s = store_imported_get(st, r[i].metric, r[i].area, r[i].period,
				       &found, &old, &source, err);
		if (s != SR_OK)
			break;
		snprintf(key, sizeof(key), "%s %s %s", r[i].metric, r[i].area,
			 r[i].period);
		if (found && old == r[i].value && same_text(source,
							    r[i].source)) {
			rep->unchanged++;
		} else if (found && !opt->replace) {
			s = sr_fail(err, SR_EINVAL, "line %zu: %s is imported "
				    "already with the value %.17g%s%s (give "
				    "--replace to take this file's %.17g)",
				    r[i].line, key, old, source ? " from " : "",
				    source ? source : "", r[i].value);
		} else {
			if (found) {
				snprintf(was, sizeof(was), "%.80s = %.17g", key,
					 old);
				snprintf(now, sizeof(now), "%.80s = %.17g", key,
					 r[i].value);
				s = store_audit_add(st, 0, "imported_series",
						    was, now, who, err);
				rep->replaced++;
			} else {
				rep->added++;
			}
			if (s == SR_OK && !opt->dry_run)
				s = store_imported_put(st, r[i].metric,
						       r[i].area, r[i].period,
						       r[i].value, r[i].source,
						       who, err);
		}
		free(source);
	}
	return s;
}

enum sr_status imported_import(struct store *st, const char *buf, size_t len,
			       const struct imported_options *opt,
			       const struct store_actor *who,
			       struct imported_report *rep,
			       struct sr_error *err)
{
	struct csv_reader *rd = csv_reader_new(buf, len);
	struct csv_record rec;
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	int at[C_COUNT];
	enum sr_status s;

	memset(rep, 0, sizeof(*rep));
	s = csv_next(rd, &rec, err);
	if (s == SR_ENOTFOUND)
		s = sr_fail(err, SR_EINVAL, "the file is empty: no header");
	if (s == SR_OK)
		s = read_header(&rec, at, err);
	while (s == SR_OK && (s = csv_next(rd, &rec, err)) == SR_OK) {
		rows = xgrow(rows, &cap, n + 1, sizeof(*rows));
		if ((s = read_row(&rec, at, opt, &rows[n], err)) != SR_OK)
			break;
		n++;
	}
	if (s == SR_EINVAL && strncmp(err->msg, "line ", 5) != 0) {
		char why[SR_ERROR_MAX];

		snprintf(why, sizeof(why), "%s", err->msg);
		s = sr_fail(err, SR_EINVAL, "line %zu: %s", rec.line, why);
	}
	csv_reader_free(rd);
	if (s == SR_ENOTFOUND)
		s = SR_OK;
	/* One value per key in a file. */
	if (s == SR_OK && n > 1) {
		qsort(rows, n, sizeof(*rows), cmp_key);
		for (size_t i = 1; i < n; i++)
			if (cmp_key(&rows[i - 1], &rows[i]) != 0 &&
			    !strcmp(rows[i - 1].metric, rows[i].metric) &&
			    !strcmp(rows[i - 1].area, rows[i].area) &&
			    !strcmp(rows[i - 1].period, rows[i].period)) {
				s = sr_fail(err, SR_EINVAL, "line %zu: %s %s %s "
					    "again (first on line %zu)",
					    rows[i].line, rows[i].metric,
					    rows[i].area, rows[i].period,
					    rows[i - 1].line);
				break;
			}
	}
	if (s == SR_OK && n == 0)
		s = sr_fail(err, SR_EINVAL, "no rows under the header");
	if (s == SR_OK)
		s = store_tx_begin(st, err);
	if (s == SR_OK) {
		rep->rows = (long)n;
		s = store_rows(st, rows, n, opt, who, rep, err);
		if (s == SR_OK && !opt->dry_run &&
		    rep->added + rep->replaced > 0) {
			char what[96];

			snprintf(what, sizeof(what), "%ld rows: %ld added, %ld "
				 "replaced, %ld unchanged", rep->rows,
				 rep->added, rep->replaced, rep->unchanged);
			s = store_audit_add(st, 0, "import_series", NULL, what,
					    who, err);
		}
		if (s == SR_OK && !opt->dry_run)
			s = store_tx_commit(st, err);
		else
			store_tx_rollback(st);
	}
	rows_free(rows, n);
	return s;
}
