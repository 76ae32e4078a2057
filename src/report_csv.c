/* The report as CSV for a spreadsheet: RFC 4180 with a UTF-8 byte-order
 * mark and CRLF, one header row, then a row per site, per kind present
 * ("kind:acute") and for the system, every figure of report_cols (the
 * JSON's COUNTS) as a flat column. One walk over the columns writes the
 * header and each row, so they cannot drift apart. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "sitrep/csv.h"
#include "sitrep/util.h"

struct row {
	FILE *f;
	bool header; /* write the column names, not the values */
	bool first;
};

static void cell(struct row *r, const char *name, const char *value)
{
	if (!r->first)
		fputc(',', r->f);
	r->first = false;
	csv_write_field(r->f, r->header ? name : value);
}

static void col_int(struct row *r, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	cell(r, name, buf);
}

/* A level 1-4, or empty for none. */
static void col_level(struct row *r, const char *name, int level)
{
	char buf[8];

	snprintf(buf, sizeof(buf), "%d", level);
	cell(r, name, level > 0 ? buf : "");
}

/* One decimal place; empty when undefined. */
static void col_num(struct row *r, const char *name, double v)
{
	char buf[32];

	report_fmt1(buf, v, "");
	cell(r, name, buf);
}

/* The figures of report_cols, each a column (a keyed one a column per
 * key: prefix + key). */
static void cols_counts(struct row *r, const struct config *cfg,
			const struct flow_counts *c)
{
	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *col = &report_cols[i];
		size_t n = report_col_nkeys(cfg, col->type);

		if (!(col->formats & REPORT_COL_CSV))
			continue;
		for (size_t k = 0; k < n; k++) {
			char *name = col->type == RC_INT || col->type == RC_NUM ?
				     xstrdup(col->csv) :
				     xasprintf("%s%s", col->csv,
					       report_col_key(cfg, col->type,
							      k));
			double v = col->get(c, k);

			/* A key as a column name: a role's words joined. */
			for (char *p = name; *p; p++)
				if (*p == ' ')
					*p = '_';
			if (col->type == RC_NUM)
				col_num(r, name, v);
			else
				col_int(r, name, lround(v));
			free(name);
		}
	}
}

/* What one row is about. */
struct scope {
	const char *type;  /* "site", "kind" or "system" */
	const char *scope; /* the site code, "kind:NAME" or "system" */
	const char *name, *kind;
	const struct flow_counts *c;
	int computed, declared; /* levels; 0: none */
	const struct trajectory_status *tr; /* NULL: none (a kind) */
	bool no_data;
};

/* The trajectory the row is judged against: its target (empty when
 * none), the projection and the verdict ("no site target": the site sets
 * none). */
static void cols_trajectory(struct row *r, const struct trajectory_status *t)
{
	if (t && t->target >= 0)
		col_int(r, "trajectory_target", t->target);
	else
		cell(r, "trajectory_target", "");
	col_num(r, "trajectory_projected", t ? t->projected : NAN);
	cell(r, "trajectory_status", t ? report_trajectory_status(t) : "");
}

static void write_row(struct row *r, const struct system_metrics *m,
		      const struct scope *s)
{
	char day[DATE_BUF], at[DATETIME_BUF];

	date_format(m->day, day);
	report_moment_at(m, at);
	r->first = true;
	cell(r, "date", day);
	cell(r, "type", s->type);
	cell(r, "scope", s->scope);
	cell(r, "name", s->name);
	cell(r, "kind", s->kind);
	cols_counts(r, m->cfg, s->c);
	col_level(r, "opel_computed", s->computed);
	col_level(r, "opel_declared", s->declared);
	cols_trajectory(r, s->tr);
	/* Which moment the counts are for: "as at" an instant (today's
	 * live figures, or --at; at moment_at) or "end of day" (the midnight
	 * census, moment_at being D+1 00:00). The same words for both kinds
	 * of instant: a report --at 08:00 reads as the one printed then. */
	cell(r, "moment", m->live ? "as at" : "end of day");
	cell(r, "moment_at", at);
	cell(r, "no_data", s->no_data ? "true" : "false");
	csv_end_record(r->f);
}

static void kind_rows(struct row *r, const struct system_metrics *m)
{
	bool present[SITE_KIND_COUNT];

	report_kinds_present(m, present);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		char *scope;

		if (!present[k])
			continue;
		bool no_data = true;

		for (size_t i = 0; i < m->nsites; i++)
			if ((int)m->sites[i].site->kind == k &&
			    m->sites[i].has_data)
				no_data = false;
		scope = xasprintf("kind:%s", site_kind_name((enum site_kind)k));
		write_row(r, m, &(struct scope){
			"kind", scope, site_kind_label((enum site_kind)k),
			site_kind_name((enum site_kind)k), &m->kind[k], 0, 0,
			NULL, no_data});
		free(scope);
	}
}

void report_csv(FILE *f, const struct system_metrics *m)
{
	struct row r = {.f = f, .header = true};
	struct scope sys = {"system", "system", m->cfg->system_name, "",
			    &m->total, m->level,
			    report_declared_whole(m).level, &m->trajectory,
			    m->no_data};

	csv_write_bom(f);
	write_row(&r, m, &sys);
	r.header = false;
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];

		write_row(&r, m, &(struct scope){
			"site", sm->site->code, sm->site->name,
			site_kind_name(sm->site->kind), &sm->c,
			sm->opel.level, sm->declared, &sm->trajectory,
			!sm->has_data});
	}
	kind_rows(&r, m);
	write_row(&r, m, &sys);
}
