/* The report as JSON: exactly the shape of doc/report-json.md (version 1),
 * indented two spaces, small objects on one line. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

#define JW_DEPTH 16

struct jw {
	FILE *f;
	int depth;
	bool first[JW_DEPTH];
	bool oneline[JW_DEPTH];
};

/* A JSON string: quote and backslash escaped; control characters (C0,
 * DEL, C1), bidirectional controls, separators and invisible characters
 * (include/sitrep/text.h) as \uXXXX, so the document is safe to print on
 * a terminal and means the same text; other UTF-8 as is; an ill-formed
 * sequence as U+FFFD. */
void report_json_string(FILE *f, const char *s)
{
	size_t len = s ? strlen(s) : 0, n;
	uint32_t cp;

	fputc('"', f);
	for (size_t i = 0; i < len; i += n) {
		/* A run of printable ASCII needs no escape: written at once. */
		for (n = 0; i + n < len && (unsigned char)s[i + n] >= 0x20 &&
			    (unsigned char)s[i + n] < 0x7f && s[i + n] != '"' &&
			    s[i + n] != '\\';
		     n++)
			;
		if (n > 0) {
			fwrite(s + i, 1, n, f);
			continue;
		}
		n = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID)
			fputs("\\ufffd", f);
		else if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (text_class(cp) != TEXT_PLAIN)
			fprintf(f, "\\u%04x", (unsigned)cp); /* all in the BMP */
		else
			fwrite(s + i, 1, n, f);
	}
	fputc('"', f);
}

/* Starts the next member (key non-NULL) or element at the current depth. */
static void jw_next(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first[w->depth])
			fputc(',', w->f);
		if (w->oneline[w->depth]) {
			if (!w->first[w->depth])
				fputc(' ', w->f);
		} else {
			fprintf(w->f, "\n%*s", 2 * w->depth, "");
		}
		w->first[w->depth] = false;
	}
	if (key) {
		report_json_string(w->f, key);
		fputs(": ", w->f);
	}
}

static void jw_open(struct jw *w, const char *key, char bracket,
		    bool oneline)
{
	jw_next(w, key);
	fputc(bracket, w->f);
	if (w->depth + 1 >= JW_DEPTH)
		die("report: JSON nested too deep");
	w->depth++;
	w->first[w->depth] = true;
	w->oneline[w->depth] = oneline || w->oneline[w->depth - 1];
}

static void jw_close(struct jw *w, char bracket)
{
	bool empty = w->first[w->depth], oneline = w->oneline[w->depth];

	w->depth--;
	if (!empty && !oneline)
		fprintf(w->f, "\n%*s", 2 * w->depth, "");
	fputc(bracket, w->f);
}

static void jw_int(struct jw *w, const char *key, long v)
{
	jw_next(w, key);
	fprintf(w->f, "%ld", v);
}

/* A figure to one decimal place; null when undefined. */
static void jw_num(struct jw *w, const char *key, double v)
{
	char buf[32];

	jw_next(w, key);
	report_fmt1(buf, v, "null");
	fputs(buf, w->f);
}

/* A number as configured or computed, not rounded: 33, 2.5. */
static void jw_plain(struct jw *w, const char *key, double v)
{
	jw_next(w, key);
	fprintf(w->f, "%.15g", v);
}

static void jw_str(struct jw *w, const char *key, const char *s)
{
	jw_next(w, key);
	if (s)
		report_json_string(w->f, s);
	else
		fputs("null", w->f);
}

static void jw_bool(struct jw *w, const char *key, bool v)
{
	jw_next(w, key);
	fputs(v ? "true" : "false", w->f);
}

static void jw_null(struct jw *w, const char *key)
{
	jw_next(w, key);
	fputs("null", w->f);
}

/* ---- COUNTS ------------------------------------------------------------ */

static void jw_value(struct jw *w, const char *key,
		     const struct report_col *col, double v)
{
	if (col->type == RC_NUM)
		jw_num(w, key, v);
	else
		jw_int(w, key, lround(v));
}

/* The COUNTS members of report_cols, into the object already open: a
 * figure with a group goes into an object of that name (consecutive
 * figures share it), a keyed one is an object of its keys. */
static void counts(struct jw *w, const struct config *cfg,
		   const struct flow_counts *c)
{
	const char *group = NULL;

	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *col = &report_cols[i];
		size_t n = report_col_nkeys(cfg, col->type);

		if (!(col->formats & REPORT_COL_JSON))
			continue;
		if (group && (!col->group || strcmp(group, col->group) != 0)) {
			jw_close(w, '}');
			group = NULL;
		}
		if (col->group && !group) {
			group = col->group;
			jw_open(w, group, '{', true);
		}
		if (col->type == RC_INT || col->type == RC_NUM) {
			jw_value(w, col->key, col, col->get(c, 0));
			continue;
		}
		jw_open(w, col->key, '{', true);
		for (size_t k = 0; k < n; k++)
			jw_value(w, report_col_key(cfg, col->type, k), col,
				 col->get(c, k));
		jw_close(w, '}');
	}
	if (group)
		jw_close(w, '}');
}

/* Delayed bed days by reason or agency, for the dtoc section. */
static void keyed(struct jw *w, const char *key, const struct config *cfg,
		  enum report_col_type t, const long *v)
{
	jw_open(w, key, '{', true);
	for (size_t k = 0; k < report_col_nkeys(cfg, t); k++)
		jw_int(w, report_col_key(cfg, t, k), v[k]);
	jw_close(w, '}');
}

/* ---- OPEL ---------------------------------------------------------------*/

static void declared(struct jw *w, int level, const char *at, const char *by,
		     const char *note)
{
	if (level <= 0) {
		jw_null(w, "declared");
		return;
	}
	jw_open(w, "declared", '{', true);
	jw_int(w, "level", level);
	jw_str(w, "at", at);
	jw_str(w, "by", by);
	jw_str(w, "note", note);
	jw_close(w, '}');
}

/* Rule points: each parameter's source, value (the input's, with when
 * and by whom), weight, points, and whether it was known (an input older
 * than max_age_hours is stale, not known). */
static void site_parameters(struct jw *w, const struct opel_kind_cfg *k,
			    const struct site_metrics *sm)
{
	const struct opel_result *r = &sm->opel;

	jw_open(w, "parameters", '{', false);
	for (size_t i = 0; i < k->nparams && i < OPEL_PARAMS_MAX; i++) {
		const struct opel_param_cfg *p = &k->params[i];
		const struct metrics_input *in = &sm->input[i];
		unsigned bit = 1u << i;

		jw_open(w, p->name, '{', true);
		jw_str(w, "source", p->input ? "input" :
			    opel_metric_name(p->metric));
		jw_num(w, "value", r->param_value[i]);
		jw_bool(w, "known", r->param_known & bit);
		jw_plain(w, "points", r->param_points[i]);
		jw_plain(w, "weight", p->weight);
		if (p->input) {
			jw_bool(w, "stale", r->param_stale & bit);
			jw_str(w, "at", in->v.known ? in->at : NULL);
			jw_str(w, "by", in->v.known ? in->by : NULL);
			jw_bool(w, "system", in->v.known && in->system);
		}
		jw_close(w, '}');
	}
	jw_close(w, '}');
}

static void site_opel(struct jw *w, const struct config *cfg,
		      const struct site_metrics *sm)
{
	const struct opel_kind_cfg *k = &cfg->opel.kind[sm->site->kind];
	bool points = k->rule == OPEL_RULE_POINTS;
	char explain[512];

	report_explain(cfg, sm, explain, sizeof(explain));
	jw_open(w, "opel", '{', false);
	jw_int(w, "computed", sm->opel.level);
	jw_plain(w, "score", sm->opel.score);
	jw_open(w, "drivers", '[', true);
	/* Under rule points, the parameters that scored. */
	for (size_t i = 0; points && sm->opel.level > OPEL_LEVEL_MIN &&
			   i < k->nparams && i < OPEL_PARAMS_MAX; i++)
		if (sm->opel.param_drivers & (1u << i))
			jw_str(w, NULL, k->params[i].name);
	for (int i = 0; !points && i < METRIC_COUNT; i++)
		if (sm->opel.drivers & (1u << i))
			jw_str(w, NULL, opel_metric_name((enum opel_metric)i));
	jw_close(w, ']');
	jw_str(w, "explain", explain);
	if (points)
		site_parameters(w, k, sm);
	jw_open(w, "metrics", '{', false);
	for (int i = 0; i < METRIC_COUNT; i++) {
		if (!k->metric[i].enabled)
			continue;
		jw_open(w, opel_metric_name((enum opel_metric)i), '{', true);
		jw_num(w, "value", sm->known[i] ? sm->value[i] : NAN);
		jw_int(w, "level", sm->opel.metric_level[i]);
		jw_close(w, '}');
	}
	jw_close(w, '}');
	declared(w, sm->declared, sm->declared_at, sm->declared_by,
		 sm->declared_note);
	jw_close(w, '}');
}

/* ---- Sections -----------------------------------------------------------*/

static void head(struct jw *w, const struct system_metrics *m)
{
	const struct config *cfg = m->cfg;
	char day[DATE_BUF], at[DATETIME_BUF];
	struct report_declared whole;

	jw_str(w, "format", "sitrep-report");
	jw_int(w, "version", 1);
	jw_str(w, "system", cfg->system_name);
	date_format(m->day, day);
	jw_str(w, "date", day);
	/* Which moment the counts are for: "as at" an instant (today's live
	 * figures, or --at; at "at")
	 * or "end of day" (a past day's midnight census: "at" is D+1
	 * 00:00). */
	report_moment_at(m, at);
	jw_open(w, "moment", '{', true);
	jw_str(w, "kind", m->live ? "as at" : "end of day");
	jw_str(w, "at", at);
	jw_close(w, '}');
	jw_bool(w, "no_data", m->no_data);
	date_format(m->day - 1, day);
	jw_open(w, "yesterday", '{', true);
	jw_str(w, "date", day);
	jw_bool(w, "weekend", m->yesterday_weekend);
	jw_close(w, '}');
	jw_open(w, "thresholds", '{', true);
	jw_int(w, "stranded_days", cfg->stranded_days);
	jw_int(w, "super_stranded_days", cfg->super_stranded_days);
	jw_plain(w, "midday_target_pct", cfg->midday_target_pct);
	jw_close(w, '}');
	whole = report_declared_whole(m);
	jw_open(w, "opel", '{', true);
	jw_int(w, "computed", m->level);
	if (cfg->opel.scoring == SYSTEM_SCORING_SCORES)
		jw_num(w, "score", m->score);
	declared(w, whole.level, whole.at, whole.by, whole.note);
	if (report_filtered(m))
		jw_str(w, "site", m->sites[0].site->code);
	jw_close(w, '}');
}

/* The month to date against a trajectory: the system's, or a site's own
 * ("scope": "site"); target null with a status saying why ("no target",
 * "no site target"), and no verdict without data ("no data"). */
static void trajectory(struct jw *w, const struct system_metrics *m,
		       const struct trajectory_status *t)
{
	char day[DATE_BUF];

	date_format(m->day, day);
	day[7] = '\0';
	jw_open(w, "trajectory", '{', true);
	jw_str(w, "month", day);
	jw_str(w, "scope", t->site ? "site" : "system");
	if (t->site)
		jw_str(w, "site", t->site->code);
	if (t->target < 0)
		jw_null(w, "target");
	else
		jw_int(w, "target", t->target);
	jw_int(w, "mtd", t->mtd);
	jw_num(w, "expected_to_date", t->expected_to_date);
	jw_num(w, "projected", t->projected);
	jw_str(w, "status", report_trajectory_status(t));
	jw_close(w, '}');
}

static void kinds_and_sites(struct jw *w, const struct system_metrics *m)
{
	bool present[SITE_KIND_COUNT];

	jw_open(w, "total", '{', false);
	counts(w, m->cfg, &m->total);
	jw_close(w, '}');
	report_kinds_present(m, present);
	jw_open(w, "kinds", '[', false);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		if (!present[k])
			continue;
		jw_open(w, NULL, '{', false);
		jw_str(w, "kind", site_kind_name((enum site_kind)k));
		counts(w, m->cfg, &m->kind[k]);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "sites", '[', false);
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];

		jw_open(w, NULL, '{', false);
		jw_str(w, "code", sm->site->code);
		jw_str(w, "name", sm->site->name);
		jw_str(w, "kind", site_kind_name(sm->site->kind));
		counts(w, m->cfg, &sm->c);
		site_opel(w, m->cfg, sm);
		trajectory(w, m, &sm->trajectory);
		jw_bool(w, "no_data", !sm->has_data);
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void dtoc_counts(struct jw *w, const struct config *cfg,
			const struct flow_counts *c)
{
	keyed(w, "bed_days_mtd_by_reason", cfg, RC_REASON,
	      c->dbd_mtd_by_reason);
	keyed(w, "bed_days_mtd_by_agency", cfg, RC_AGENCY,
	      c->dbd_mtd_by_agency);
	jw_int(w, "bed_days_mtd", c->delayed_bed_days_mtd);
}

static void dtoc(struct jw *w, const struct system_metrics *m)
{
	const struct config *cfg = m->cfg;

	jw_open(w, "dtoc", '{', false);
	jw_open(w, "reasons", '[', false);
	for (size_t i = 0; i < cfg->ndelay_reasons; i++) {
		jw_open(w, NULL, '{', true);
		jw_str(w, "code", cfg->delay_reasons[i].code);
		jw_str(w, "label", cfg->delay_reasons[i].label);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "by_site", '[', false);
	for (size_t i = 0; i < m->nsites; i++) {
		jw_open(w, NULL, '{', false);
		jw_str(w, "site", m->sites[i].site->code);
		dtoc_counts(w, cfg, &m->sites[i].c);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "total", '{', false);
	dtoc_counts(w, cfg, &m->total);
	jw_close(w, '}');
	jw_close(w, '}');
}

/* Opens a listed patient's object: where, who (initials unless
 * show_names) and since when. */
static void patient_head(struct jw *w, const struct stay *s, bool show_names)
{
	char *patient = report_patient(s, show_names);

	jw_open(w, NULL, '{', true);
	jw_str(w, "site", s->v[SF_SITE]);
	jw_str(w, "ward", s->v[SF_WARD]);
	jw_str(w, "bed", s->v[SF_BED]);
	jw_str(w, "patient", patient);
	jw_str(w, "mrn", show_names ? s->v[SF_MRN] : NULL);
	jw_str(w, "admitted_at", s->v[SF_ADMITTED_AT]);
	free(patient);
}

static void delayed_stay(struct jw *w, const struct stay *s, sr_day d,
			 bool show_names)
{
	const char *pathway = s->v[SF_PATHWAY];

	patient_head(w, s, show_names);
	jw_str(w, "g2g_date", s->v[SF_G2G_DATE]);
	jw_int(w, "delay_days", stay_delay_days(s, d));
	jw_int(w, "los", stay_los(s, d));
	jw_str(w, "reason", s->v[SF_DELAY_REASON]);
	jw_str(w, "agency", s->v[SF_DELAY_AGENCY]);
	if (pathway && *pathway)
		jw_int(w, "pathway", strtol(pathway, NULL, 10));
	else
		jw_null(w, "pathway");
	jw_close(w, '}');
}

static void escalation(struct jw *w, const struct system_metrics *m,
		       const struct metrics_escalation *e, bool show_names)
{
	const struct stay *s = &e->stay;

	patient_head(w, s, show_names);
	jw_str(w, "escalated_to", m->cfg->roles[e->role]);
	if (e->delay_days >= 0)
		jw_int(w, "delay_days", e->delay_days);
	else
		jw_null(w, "delay_days");
	if (e->overdue_days >= 0)
		jw_int(w, "overdue_days", e->overdue_days);
	else
		jw_null(w, "overdue_days");
	jw_str(w, "reason", s->v[SF_DELAY_REASON]);
	jw_str(w, "agency", s->v[SF_DELAY_AGENCY]);
	jw_close(w, '}');
}

void report_json(FILE *f, const struct system_metrics *m,
		 const struct stay *delayed, size_t n, bool show_names)
{
	struct jw w = {.f = f};

	jw_open(&w, NULL, '{', false);
	head(&w, m);
	trajectory(&w, m, &m->trajectory);
	kinds_and_sites(&w, m);
	dtoc(&w, m);
	jw_open(&w, "longest_delayed", '[', false);
	for (size_t i = 0; i < n; i++)
		delayed_stay(&w, &delayed[i], m->day, show_names);
	jw_close(&w, ']');
	jw_open(&w, "escalations", '[', false);
	for (size_t i = 0; i < m->nescalations; i++)
		escalation(&w, m, &m->escalations[i], show_names);
	jw_close(&w, ']');
	jw_close(&w, '}');
	fputc('\n', f);
}
