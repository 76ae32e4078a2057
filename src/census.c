/* Census import and export (see include/sitrep/census.h).
 *
 * Import runs in one write transaction, in a single pass: each row is
 * checked and written as it is read; errors are collected, and if there is
 * any the transaction is rolled back, so the database holds all of the file
 * or none of it. A dry run rolls back too, after counting. */
#include "sitrep/census.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/csv.h"
#include "sitrep/util.h"

/* Stays touched by this import: stay id -> the line that named it, to find
 * a stay listed twice and, for --discharge-missing, the stays not listed.
 * The stays an import adds get ids one after another (all of them, in a
 * bulk load): while they do, their lines are kept in a plain array, 4
 * bytes a stay; any other id goes to a hash table. */
struct seen {
	int64_t *id;
	size_t *line;
	size_t cap, n;
	int64_t first;   /* the id of run[0] */
	uint32_t *run;   /* lines of the stays first, first + 1, ... */
	size_t nrun, run_cap;
	bool run_over;   /* an id broke the run: no more go into it */
};

static size_t seen_slot(const struct seen *t, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
	size_t i = (size_t)(h >> 17) & (t->cap - 1);

	while (t->id[i] && t->id[i] != id)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static bool in_run(const struct seen *t, int64_t id)
{
	return t->nrun && id >= t->first && (uint64_t)(id - t->first) < t->nrun;
}

static size_t seen_get(const struct seen *t, int64_t id)
{
	if (in_run(t, id))
		return t->run[id - t->first];
	return t->cap ? t->line[seen_slot(t, id)] : 0;
}

/* The hash table's part: id -> line. */
static void hash_put(struct seen *t, int64_t id, size_t line)
{
	size_t i = seen_slot(t, id);

	if (!t->id[i])
		t->n++;
	t->id[i] = id;
	t->line[i] = line;
}

static void seen_put(struct seen *t, int64_t id, size_t line)
{
	if (in_run(t, id) && line <= UINT32_MAX) {
		t->run[id - t->first] = (uint32_t)line;
		return;
	}
	if (!t->run_over && line <= UINT32_MAX &&
	    (t->nrun == 0 || id == t->first + (int64_t)t->nrun)) {
		if (t->nrun == 0)
			t->first = id;
		t->run = xgrow(t->run, &t->run_cap, t->nrun + 1,
			       sizeof(*t->run));
		t->run[t->nrun++] = (uint32_t)line;
		return;
	}
	t->run_over = true;
	if (2 * (t->n + 1) > t->cap) {
		struct seen bigger = {.cap = t->cap ? 2 * t->cap : 1024};

		bigger.id = xcalloc(bigger.cap, sizeof(*bigger.id));
		bigger.line = xcalloc(bigger.cap, sizeof(*bigger.line));
		for (size_t j = 0; j < t->cap; j++)
			if (t->id[j])
				hash_put(&bigger, t->id[j], t->line[j]);
		free(t->id);
		free(t->line);
		t->id = bigger.id;
		t->line = bigger.line;
		t->cap = bigger.cap;
		t->n = bigger.n;
	}
	hash_put(t, id, line);
}

static void seen_free(struct seen *t)
{
	free(t->id);
	free(t->line);
	free(t->run);
}

struct import {
	struct store *st;
	const struct config *cfg;
	const struct census_options *opt;
	const struct store_actor *who;
	struct census_report *rep;
	int column[SF_COUNT]; /* CSV column of each field, -1 if absent */
	size_t ncolumns;
	struct seen seen;
	bool *site_listed; /* per cfg->sites index */
	size_t last_site;  /* the site of the row before: listed already */
	bool bulk;         /* into a database without stays: store_bulk_* */
	sr_minute now;     /* the import's time (who->at) */
	int extracted;     /* the extracted_at column, -1 if absent */
	unsigned touched;  /* the dated fields the file has columns of */
	char as_of[20];    /* opt->as_of as an instant, "" if none */
	char latest[20];   /* the latest extracted_at read, "" if none */
	struct progress_phase bar; /* the rows' share of the progress */
};

static void add_error(struct import *im, size_t line, const char *column,
		      const char *why)
{
	struct census_report *rep = im->rep;

	if (rep->nerrors < CENSUS_MAX_ERRORS) {
		if (line == 0)
			rep->errors[rep->nerrors++] = xasprintf(
				"%s: %s", im->opt->name, why);
		else if (column)
			rep->errors[rep->nerrors++] = xasprintf(
				"%s:%zu: %s: %s", im->opt->name, line, column,
				why);
		else
			rep->errors[rep->nerrors++] = xasprintf(
				"%s:%zu: %s", im->opt->name, line, why);
	}
	rep->total_errors++;
}

static enum sr_status read_header(struct import *im, struct csv_record *h)
{
	bool ok = true;

	for (int f = 0; f < SF_COUNT; f++)
		im->column[f] = -1;
	im->extracted = -1;
	im->ncolumns = h->nfields;
	for (size_t i = 0; i < h->nfields; i++) {
		char *name = h->field[i];
		enum stay_field f;
		char why[256];

		name += strspn(name, " ");
		for (size_t n = strlen(name); n && name[n - 1] == ' '; n--)
			name[n - 1] = '\0';
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		if (strcmp(name, CENSUS_EXTRACTED_AT) == 0 &&
		    im->extracted < 0) {
			im->extracted = (int)i;
		} else if (strcmp(name, CENSUS_EXTRACTED_AT) == 0) {
			snprintf(why, sizeof(why),
				 "column '%s' appears twice", name);
			add_error(im, h->line, NULL, why);
			ok = false;
		} else if (!stay_field_parse(name, &f)) {
			snprintf(why, sizeof(why),
				 "'%.64s' is not a census column", name);
			add_error(im, h->line, NULL, why);
			ok = false;
		} else if (im->column[f] >= 0) {
			snprintf(why, sizeof(why),
				 "column '%s' appears twice", name);
			add_error(im, h->line, NULL, why);
			ok = false;
		} else {
			im->column[f] = (int)i;
			if (stay_field_dated(f))
				im->touched |= 1u << f;
		}
	}
	for (int f = 0; f < SF_COUNT; f++) {
		char why[128];

		if (!stay_field_required((enum stay_field)f) ||
		    im->column[f] >= 0)
			continue;
		snprintf(why, sizeof(why), "missing required column '%s'",
			 stay_field_name((enum stay_field)f));
		add_error(im, h->line, NULL, why);
		ok = false;
	}
	return ok ? SR_OK : SR_EINVAL;
}

/* A census time as typed (ISO or day first, a date for 00:00) into an
 * instant, not after now; else false with why. */
static bool census_time(const char *in, sr_minute now, char out[20],
			char *why, size_t size)
{
	char buf[DATETIME_BUF], shown[48];
	sr_minute t;
	enum date_read r = datetime_read(in, &t);

	if (r != DATE_READ_OK) {
		snprintf(shown, sizeof(shown), " '%.32s'", in);
		date_read_explain(r, true, shown, why, size);
		return false;
	}
	datetime_format(t, buf);
	if (t > now) {
		buf[10] = ' ';
		snprintf(why, size, "%s is in the future: a census is of its "
			 "time or earlier", buf);
		return false;
	}
	snprintf(out, 20, "%s:00", buf);
	return true;
}

/* The census time of a row: its extracted_at, else --as-of; into out,
 * "" for now. Returns false after recording an error. */
static bool row_time(struct import *im, struct csv_record *rec, char out[20])
{
	char why[192], *raw;

	strlcpy_ok(out, im->as_of, 20);
	if (im->extracted < 0 || (size_t)im->extracted >= rec->nfields)
		return true;
	raw = rec->field[im->extracted];
	csv_unguard(raw);
	raw += strspn(raw, " ");
	if (!*raw)
		return true;
	if (!census_time(raw, im->now, out, why, sizeof(why))) {
		add_error(im, rec->line, CENSUS_EXTRACTED_AT, why);
		return false;
	}
	if (strcmp(out, im->latest) > 0)
		strlcpy_ok(im->latest, out, sizeof(im->latest));
	return true;
}

/* Normalises the row's values into row (fields of absent columns stay
 * NULL). Returns false after recording an error. */
static bool read_row(struct import *im, struct csv_record *rec,
		     struct stay *row)
{
	bool ok = true;

	if (rec->nfields != im->ncolumns) {
		char why[96];

		snprintf(why, sizeof(why),
			 "wrong number of fields: %zu, expected %zu",
			 rec->nfields, im->ncolumns);
		add_error(im, rec->line, NULL, why);
		return false;
	}
	for (int f = 0; f < SF_COUNT; f++) {
		struct sr_error e = {0};
		char *raw, *val = NULL;

		if (im->column[f] < 0)
			continue;
		raw = rec->field[im->column[f]];
		csv_unguard(raw);
		if (stay_normalise(im->cfg, (enum stay_field)f,
				   row->v[SF_SITE], raw, &val, &e) != SR_OK) {
			add_error(im, rec->line,
				  stay_field_name((enum stay_field)f), e.msg);
			ok = false;
			continue;
		}
		row->v[f] = val;
	}
	return ok;
}

static bool check(struct import *im, size_t line, const struct stay *s)
{
	struct sr_error e = {0};
	enum stay_field bad;

	if (stay_validate(im->cfg, s, &bad, &e) == SR_OK &&
	    stay_check_times(s, im->now, &bad, &e) == SR_OK)
		return true;
	add_error(im, line, stay_field_name(bad), e.msg);
	return false;
}

static void mark_site(struct import *im, const char *site)
{
	/* A census lists a site's stays together: try the last one first
	 * rather than walk a national config's hundreds of sites per row. */
	if (im->last_site < im->cfg->nsites &&
	    strcmp(im->cfg->sites[im->last_site].code, site) == 0)
		return;
	for (size_t i = 0; i < im->cfg->nsites; i++)
		if (strcmp(im->cfg->sites[i].code, site) == 0) {
			im->site_listed[i] = true;
			im->last_site = i;
		}
}

static void duplicate(struct import *im, size_t line, size_t first)
{
	char why[96];

	snprintf(why, sizeof(why),
		 "the same stay (site, mrn, admitted_at) as line %zu", first);
	add_error(im, line, NULL, why);
}

/* Adds a stay the database does not hold. In a bulk load nothing is
 * looked up first: a stay listed twice is found by the unique key. */
static enum sr_status add_row(struct import *im, size_t line,
			      struct stay *row, struct sr_error *err)
{
	struct stay cur = {0};
	enum sr_status s;

	if (!check(im, line, row))
		return SR_OK;
	s = store_stay_insert(im->st, row, "imported", im->who, err);
	if (s == SR_OK) {
		seen_put(&im->seen, row->id, line);
		im->rep->added++;
		return s;
	}
	if (s != SR_EINVAL || !im->bulk)
		return s;
	s = store_stay_find(im->st, row->v[SF_SITE], row->v[SF_MRN],
			    row->v[SF_ADMITTED_AT], &cur, err);
	if (s == SR_OK)
		duplicate(im, line, seen_get(&im->seen, cur.id));
	stay_clear(&cur);
	return s;
}

/* Writes one valid row: updates the stay with its key, or adds it. The
 * row's dated values are facts from its census time when (an instant;
 * "" for now), each compared with the value in force then. A database
 * failure is fatal (returned); a rule broken by the merged stay is a row
 * error (recorded, SR_OK returned). */
static enum sr_status write_row(struct import *im, size_t line,
				struct stay *row, const char *when,
				struct sr_error *err)
{
	struct store_actor who = *im->who;
	struct stay cur = {0};
	enum sr_status s;
	size_t changed = 0, first;

	if (*when) {
		who.from = when;
		who.touched = im->touched;
	}
	if (im->bulk)
		return add_row(im, line, row, err);
	s = store_stay_find(im->st, row->v[SF_SITE], row->v[SF_MRN],
			    row->v[SF_ADMITTED_AT], &cur, err);
	if (s == SR_ENOTFOUND)
		return add_row(im, line, row, err);
	if (s != SR_OK)
		return s;
	if ((first = seen_get(&im->seen, cur.id)) != 0) {
		duplicate(im, line, first);
		stay_clear(&cur);
		return SR_OK;
	}
	seen_put(&im->seen, cur.id, line);
	for (int f = 0; f < SF_COUNT; f++)
		if (im->column[f] >= 0)
			stay_set(&cur, (enum stay_field)f, row->v[f]);
	if (check(im, line, &cur)) {
		s = store_stay_update(im->st, &cur, cur.version, &who,
				      &changed, err);
		if (s == SR_OK && changed)
			im->rep->updated++;
		else if (s == SR_OK)
			im->rep->unchanged++;
	}
	stay_clear(&cur);
	return s;
}

/* A stay the file no longer lists is discharged at the import's time;
 * if that breaks a rule (it was admitted, or is green to go, later) the
 * import is refused, naming the stay by number and site only. */
static bool discharge_ok(struct import *im, const struct stay *s)
{
	struct sr_error e = {0};
	enum stay_field bad;
	char why[SR_ERROR_MAX + 96];

	if (stay_validate(im->cfg, s, &bad, &e) == SR_OK)
		return true;
	snprintf(why, sizeof(why),
		 "--discharge-missing: stay %lld at %s cannot be discharged "
		 "at %s: %s: %s", (long long)s->id, s->v[SF_SITE],
		 s->v[SF_DISCHARGED_AT], stay_field_name(bad), e.msg);
	add_error(im, 0, NULL, why);
	return false;
}

/* A file that lists a few of a site's patients is far more likely cut short
 * (or exported with a filter) than the whole census of a site that emptied:
 * discharging more than the configured share of the site's patients in a
 * bed is refused, as a row error is, unless forced (issue 12, defect 15).
 * The message names the site and counts only. Returns whether to go on. */
static bool within_limit(struct import *im, const char *site, size_t missing,
			 size_t current)
{
	double limit = im->cfg->discharge_missing_max_pct;
	double pct = current ? 100.0 * (double)missing / (double)current : 0;
	char why[256];

	if ((double)missing * 100 <= limit * (double)current)
		return true;
	if (im->opt->force) {
		if (im->rep->nforced < CENSUS_MAX_ERRORS)
			im->rep->forced[im->rep->nforced++] = xasprintf(
				"%s: --force: --discharge-missing discharges "
				"%zu of the %zu patients in a bed at %s "
				"(%.1f%%, over the limit of %g%%)",
				im->opt->name, missing, current, site, pct,
				limit);
		return true;
	}
	snprintf(why, sizeof(why),
		 "--discharge-missing would discharge %zu of the %zu patients "
		 "in a bed at %s (%.1f%%), over the limit of %g%% "
		 "(discharge_missing_max_pct in the config): is the file the "
		 "whole census of %s? --force discharges them", missing,
		 current, site, pct, limit, site);
	add_error(im, 0, NULL, why);
	return false;
}

static enum sr_status discharge_missing(struct import *im,
					struct sr_error *err)
{
	char at[DATETIME_BUF];
	enum sr_status s = SR_OK;

	/* At the census time, to the minute. */
	strlcpy_ok(at, im->as_of[0] ? im->as_of :
		       im->latest[0] ? im->latest : im->who->at, sizeof(at));
	for (size_t i = 0; i < im->cfg->nsites && s == SR_OK; i++) {
		const char *site = im->cfg->sites[i].code;
		int64_t *ids;
		size_t n, missing = 0;

		if (!im->site_listed[i])
			continue;
		s = store_stay_current_ids(im->st, site, &ids, &n, err);
		for (size_t j = 0; j < n && s == SR_OK; j++)
			missing += !seen_get(&im->seen, ids[j]);
		/* Past the limit here, or refused at a site before: count
		 * the other sites' for the messages, discharge no one. */
		if (s == SR_OK && (!within_limit(im, site, missing, n) ||
				   im->rep->total_errors))
			n = 0;
		for (size_t j = 0; j < n && s == SR_OK; j++) {
			struct stay cur = {0};

			if (seen_get(&im->seen, ids[j]))
				continue;
			s = store_stay_get(im->st, ids[j], &cur, err);
			if (s != SR_OK)
				break;
			stay_set(&cur, SF_DISCHARGED_AT, at);
			if (discharge_ok(im, &cur)) {
				s = store_stay_update(im->st, &cur, cur.version,
						      im->who, NULL, err);
				im->rep->discharged += s == SR_OK;
			}
			stay_clear(&cur);
		}
		free(ids);
	}
	return s;
}

static enum sr_status import_rows(struct import *im, struct csv_reader *r,
				  size_t len, struct sr_error *err)
{
	struct csv_record rec;
	enum sr_status s;
	struct sr_error e = {0};

	s = csv_next(r, &rec, &e);
	if (s == SR_ENOTFOUND) {
		add_error(im, 1, NULL, "empty file: no header row");
		return SR_OK;
	}
	if (s == SR_OK)
		s = read_header(im, &rec);
	while (s == SR_OK && (s = csv_next(r, &rec, &e)) == SR_OK) {
		struct stay row = {0};
		char when[20];

		im->rep->rows++;
		if (read_row(im, &rec, &row) && row_time(im, &rec, when)) {
			mark_site(im, row.v[SF_SITE]);
			s = write_row(im, rec.line, &row, when, err);
		}
		stay_clear(&row);
		if (s != SR_OK)
			return s;
		if ((im->rep->rows & 4095) != 0)
			continue;
		progress_phase((double)csv_offset(r) / (double)len, &im->bar);
		if (im->opt->consumed)
			im->opt->consumed(csv_offset(r), im->opt->consumed_ctx);
	}
	if (s == SR_EINVAL && e.msg[0]) /* the CSV itself is malformed */
		add_error(im, rec.line, NULL, e.msg);
	if (s != SR_ENOTFOUND && s != SR_EINVAL)
		return s;
	if (im->rep->total_errors == 0 && im->opt->discharge_missing)
		return discharge_missing(im, err);
	return SR_OK;
}

static enum sr_status import_tx(struct store *st, const struct config *cfg,
				const char *buf, size_t len,
				const struct census_options *opt,
				const struct store_actor *who,
				struct census_report *rep, struct sr_error *err)
{
	struct import im = {
		.st = st, .cfg = cfg, .opt = opt, .who = who, .rep = rep,
		.last_site = SIZE_MAX,
	};
	struct csv_reader *r;
	enum sr_status s;
	char why[192];

	memset(rep, 0, sizeof(*rep));
	if (!datetime_parse(who->at, &im.now))
		im.now = datetime_now();
	if (opt->as_of &&
	    !census_time(opt->as_of, im.now, im.as_of, why, sizeof(why)))
		return sr_fail(err, SR_EINVAL, "--as-of: %s", why);
	/* A first census, into a database without stays, is a bulk load:
	 * the indexes set aside and built once at the end. Otherwise row by
	 * row, statement journals in memory (set before the transaction:
	 * temp_store cannot change inside one). SR_ECONFLICT: another
	 * writer added stays in between. */
	if (!opt->dry_run && store_has_rows(st, "stay") == 0) {
		s = store_bulk_begin(st, "imported", err);
		if (s != SR_OK && s != SR_ECONFLICT)
			return s;
		im.bulk = s == SR_OK;
	}
	if (!im.bulk &&
	    ((s = store_journal_in_memory(st, true, err)) != SR_OK ||
	     (s = store_tx_begin(st, err)) != SR_OK))
		return s;
	/* In bulk, building the indexes at the end takes about a quarter of
	 * the time. */
	im.bar = (struct progress_phase){opt->progress, opt->progress_ctx, 0,
					 im.bulk ? 0.75 : 1};
	im.site_listed = xcalloc(cfg->nsites, sizeof(*im.site_listed));
	r = csv_reader_new(buf, len);
	s = import_rows(&im, r, len, err);
	csv_reader_free(r);
	free(im.site_listed);
	seen_free(&im.seen);
	if (s == SR_OK && rep->total_errors)
		s = sr_fail(err, SR_EINVAL, "%s: %zu error%s: nothing imported",
			    opt->name, rep->total_errors,
			    rep->total_errors == 1 ? "" : "s");
	if (s == SR_OK && im.bulk) {
		im.bar.from = im.bar.span;
		im.bar.span = 1 - im.bar.from;
		s = store_bulk_end(st, progress_phase, &im.bar, err);
	}
	if (s != SR_OK || opt->dry_run) {
		store_tx_rollback(st);
		return s;
	}
	if (opt->progress)
		opt->progress(1.0, opt->progress_ctx);
	return store_tx_commit(st, err);
}

enum sr_status census_import(struct store *st, const struct config *cfg,
			     const char *buf, size_t len,
			     const struct census_options *opt,
			     const struct store_actor *who,
			     struct census_report *rep, struct sr_error *err)
{
	enum sr_status s = import_tx(st, cfg, buf, len, opt, who, rep, err);

	/* Back to temporary files for what the connection does next. */
	store_journal_in_memory(st, false, NULL);
	return s;
}

void census_report_free(struct census_report *rep)
{
	for (size_t i = 0; i < rep->nerrors; i++)
		free(rep->errors[i]);
	rep->nerrors = 0;
	for (size_t i = 0; i < rep->nforced; i++)
		free(rep->forced[i]);
	rep->nforced = 0;
}

struct export {
	FILE *out;
	size_t rows;
};

static bool export_one(const struct stay *s, void *ctx)
{
	struct export *ex = ctx;

	for (int f = 0; f < SF_COUNT; f++) {
		if (f)
			fputc(',', ex->out);
		csv_write_field(ex->out, s->v[f]);
	}
	csv_end_record(ex->out);
	ex->rows++;
	return true;
}

enum sr_status census_export(struct store *st, const struct stay_filter *f,
			     FILE *out, size_t *rows, struct sr_error *err)
{
	struct export ex = {.out = out};
	enum sr_status s;

	csv_write_bom(out);
	for (int i = 0; i < SF_COUNT; i++) {
		if (i)
			fputc(',', out);
		fputs(stay_field_name((enum stay_field)i), out);
	}
	csv_end_record(out);
	s = store_stay_each(st, f, export_one, &ex, err);
	if (rows)
		*rows = ex.rows;
	if (s == SR_OK && ferror(out))
		s = sr_fail(err, SR_EIO, "cannot write the export");
	return s;
}
