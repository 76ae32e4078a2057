/* The report as CSV for a spreadsheet: RFC 4180 with a UTF-8 byte-order
 * mark and CRLF, one header row, then a row per site, per kind present
 * ("kind:acute") and for the system, every COUNTS figure of the JSON as a
 * flat column. One walk over the columns writes the header and each row,
 * so they cannot drift apart. */
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

/* A column whose name is prefix + suffix. */
static void col_int2(struct row *r, const char *prefix, const char *suffix,
		     long v)
{
	char *name = xasprintf("%s%s", prefix, suffix);

	col_int(r, name, v);
	free(name);
}

static void cols_by_reason(struct row *r, const char *prefix,
			   const struct config *cfg, const int *iv,
			   const long *lv)
{
	for (size_t i = 0; i <= cfg->ndelay_reasons; i++)
		col_int2(r, prefix, i < cfg->ndelay_reasons ?
			 cfg->delay_reasons[i].code : "none",
			 iv ? iv[i] : lv[i]);
}

static void cols_by_agency(struct row *r, const char *prefix, const int *iv,
			   const long *lv)
{
	for (int a = 0; a <= AGENCY_COUNT; a++)
		col_int2(r, prefix, a < AGENCY_COUNT ?
			 agency_code((enum agency)a) : "none",
			 iv ? iv[a] : lv[a]);
}

static void cols_window(struct row *r, const char *prefix,
			const struct discharge_window *w)
{
	char *name[4];

	name[0] = xasprintf("%s", prefix);
	name[1] = xasprintf("%s_mean_g2g_to_discharge_days", prefix);
	name[2] = xasprintf("%s_mean_los_days", prefix);
	name[3] = xasprintf("%s_on_or_before_edd_pct", prefix);
	col_int(r, name[0], w->discharges);
	col_num(r, name[1], metrics_mean(w->g2g_to_discharge, w->with_g2g));
	col_num(r, name[2], metrics_mean(w->los, w->discharges));
	col_num(r, name[3], metrics_pct(w->on_or_before_edd, w->discharges));
	for (int i = 0; i < 4; i++)
		free(name[i]);
}

static void cols_yesterday(struct row *r, const struct flow_counts *c)
{
	col_int(r, "discharges_yesterday", c->discharges_d1);
	col_int(r, "discharges_yesterday_before_midday", c->discharges_d1_am);
	col_num(r, "discharges_yesterday_before_midday_pct",
		metrics_pct(c->discharges_d1_am, c->discharges_d1));
	for (int p = 0; p < 5; p++)
		col_int2(r, "discharges_yesterday_pathway_", p < PATHWAY_COUNT ?
			 pathway_name((enum pathway)p) : "none",
			 c->discharges_d1_pathway[p]);
}

static void cols_counts(struct row *r, const struct config *cfg,
			const struct flow_counts *c)
{
	col_int(r, "beds", c->beds);
	col_int(r, "occupied", c->occupied);
	col_num(r, "occupancy_pct", metrics_pct(c->occupied, c->beds));
	col_int(r, "stranded", c->stranded);
	col_num(r, "stranded_pct", metrics_pct(c->stranded, c->occupied));
	col_int(r, "super_stranded", c->super_stranded);
	col_num(r, "super_stranded_pct",
		metrics_pct(c->super_stranded, c->occupied));
	col_int(r, "g2g", c->g2g);
	col_num(r, "g2g_pct_beds", metrics_pct(c->g2g, c->beds));
	cols_by_reason(r, "delayed_patients_reason_", cfg, c->g2g_by_reason,
		       NULL);
	cols_by_agency(r, "delayed_patients_agency_", c->g2g_by_agency, NULL);
	col_int(r, "delayed_bed_days_day", c->g2g);
	col_int(r, "delayed_bed_days_7d", c->delayed_bed_days_7d);
	col_int(r, "delayed_bed_days_mtd", c->delayed_bed_days_mtd);
	cols_by_reason(r, "dbd_mtd_reason_", cfg, NULL, c->dbd_mtd_by_reason);
	cols_by_agency(r, "dbd_mtd_agency_", NULL, c->dbd_mtd_by_agency);
	cols_yesterday(r, c);
	cols_window(r, "discharges_7d", &c->w7);
	cols_window(r, "discharges_30d", &c->w30);
	col_int(r, "no_edd", c->no_edd);
	col_int(r, "edd_passed", c->edd_passed);
	col_int(r, "red_days", c->red_days);
	col_int(r, "green_days", c->green_days);
	col_int(r, "readmissions_30d", c->readmissions_30d);
}

/* What one row is about. */
struct scope {
	const char *type;  /* "site", "kind" or "system" */
	const char *scope; /* the site code, "kind:NAME" or "system" */
	const char *name, *kind;
	const struct flow_counts *c;
	int computed, declared; /* levels; 0: none */
};

static void write_row(struct row *r, const struct system_metrics *m,
		      const struct scope *s)
{
	char day[DATE_BUF];

	date_format(m->day, day);
	r->first = true;
	cell(r, "date", day);
	cell(r, "type", s->type);
	cell(r, "scope", s->scope);
	cell(r, "name", s->name);
	cell(r, "kind", s->kind);
	cols_counts(r, m->cfg, s->c);
	col_level(r, "opel_computed", s->computed);
	col_level(r, "opel_declared", s->declared);
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
		scope = xasprintf("kind:%s", site_kind_name((enum site_kind)k));
		write_row(r, m, &(struct scope){
			"kind", scope, site_kind_label((enum site_kind)k),
			site_kind_name((enum site_kind)k), &m->kind[k], 0, 0});
		free(scope);
	}
}

void report_csv(FILE *f, const struct system_metrics *m)
{
	struct row r = {.f = f, .header = true};
	struct scope sys = {"system", "system", m->cfg->system_name, "",
			    &m->total, m->level, m->declared};

	csv_write_bom(f);
	write_row(&r, m, &sys);
	r.header = false;
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];

		write_row(&r, m, &(struct scope){
			"site", sm->site->code, sm->site->name,
			site_kind_name(sm->site->kind), &sm->c,
			sm->opel.level, sm->declared});
	}
	kind_rows(&r, m);
	write_row(&r, m, &sys);
}
