/* Notifications (include/sitrep/notify.h): the subjects sitrep watch
 * compares, the JSON document of a change, one evaluation in one write
 * transaction, and the retry policy of the queue the store keeps. The
 * document carries aggregate figures only: codes and names of sites, levels,
 * counts and percentages, the drivers of a level, times; never a patient's
 * name, MRN or NHS number, nor a declaration's note (free text). */
#include "sitrep/notify.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/opel.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

/* ---- subjects ----------------------------------------------------------*/

static const char *const system_code = "system";

static struct notify_subject *add(struct notify_subject **arr, size_t *n,
				  size_t *cap, enum notify_event e,
				  const struct site_metrics *site)
{
	struct notify_subject *s;

	*arr = xgrow(*arr, cap, *n + 1, sizeof(**arr));
	s = &(*arr)[(*n)++];
	memset(s, 0, sizeof(*s));
	s->event = e;
	s->site = site;
	return s;
}

static void level_value(char *buf, int level)
{
	if (level > 0)
		snprintf(buf, NOTIFY_VALUE_MAX, "%d", level);
	else
		snprintf(buf, NOTIFY_VALUE_MAX, "none");
}

static bool covers(const struct notify_threshold *t,
		   const struct site_cfg *site)
{
	if (t->site)
		return strcmp(t->site, site->code) == 0;
	return t->kind < 0 || t->kind == (int)site->kind;
}

static bool have(const struct notify_subject *s, size_t n, const char *subj)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].subject, subj) == 0)
			return true;
	return false;
}

size_t notify_subjects(const struct config *cfg,
		       const struct system_metrics *m,
		       struct notify_subject **out)
{
	const struct notify_cfg *nc = cfg->notify;
	size_t n = 0, cap = 0;
	struct notify_subject *s;

	*out = NULL;
	for (size_t i = 0; i < m->nsites; i++) {
		const struct site_metrics *sm = &m->sites[i];

		s = add(out, &n, &cap, NOTIFY_SITE_COMPUTED, sm);
		snprintf(s->subject, sizeof(s->subject), "level:%s",
			 sm->site->code);
		level_value(s->value, sm->opel.level);
		s = add(out, &n, &cap, NOTIFY_SITE_DECLARED, sm);
		snprintf(s->subject, sizeof(s->subject), "declared:%s",
			 sm->site->code);
		level_value(s->value, sm->declared);
	}
	s = add(out, &n, &cap, NOTIFY_SYSTEM_COMPUTED, NULL);
	snprintf(s->subject, sizeof(s->subject), "level:%s", system_code);
	level_value(s->value, m->level);
	s = add(out, &n, &cap, NOTIFY_SYSTEM_DECLARED, NULL);
	snprintf(s->subject, sizeof(s->subject), "declared:%s", system_code);
	level_value(s->value, m->declared);
	for (size_t t = 0; nc && t < nc->nthresholds; t++) {
		const struct notify_threshold *th = &nc->thresholds[t];

		for (size_t i = 0; i < m->nsites; i++) {
			const struct site_metrics *sm = &m->sites[i];
			double v = sm->value[th->metric];
			char subj[NOTIFY_SUBJECT_MAX];

			if (!covers(th, sm->site) || !sm->known[th->metric] ||
			    isnan(v))
				continue;
			snprintf(subj, sizeof(subj), "threshold:%s:%s:%g",
				 sm->site->code, opel_metric_name(th->metric),
				 th->value);
			if (have(*out, n, subj))
				continue;
			s = add(out, &n, &cap, NOTIFY_THRESHOLD, sm);
			memcpy(s->subject, subj, sizeof(subj));
			s->threshold = th;
			s->figure = v;
			snprintf(s->value, sizeof(s->value), "%s",
				 v >= th->value ? "above" : "below");
		}
	}
	return n;
}

bool notify_wanted(const struct notify_subject *s, const char *old)
{
	if (s->event != NOTIFY_THRESHOLD || !s->threshold)
		return true;
	switch (s->threshold->direction) {
	case NOTIFY_ABOVE:
		return strcmp(s->value, "above") == 0;
	case NOTIFY_BELOW:
		return strcmp(s->value, "below") == 0;
	case NOTIFY_BOTH:
	case NOTIFY_DIRECTION_COUNT:
		break;
	}
	return true;
}

/* ---- the JSON document -------------------------------------------------*/

/* A string, escaped: quote, backslash, controls and separators as \uXXXX,
 * an ill-formed byte as U+FFFD; NULL as null. */
static void put_string(FILE *f, const char *s)
{
	size_t len, k;
	uint32_t cp;

	if (!s) {
		fputs("null", f);
		return;
	}
	len = strlen(s);
	putc('"', f);
	for (size_t i = 0; i < len; i += k) {
		k = text_decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID)
			fputs("\\ufffd", f);
		else if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (char)cp);
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
			 cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, f);
	}
	putc('"', f);
}

/* A number: whole ones as such, else to one decimal place; NaN (not
 * defined: no beds) as null. */
static void put_number(FILE *f, double v)
{
	if (isnan(v) || isinf(v))
		fputs("null", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.1f", round(v * 10.0) / 10.0);
}

static void put_level(FILE *f, int level)
{
	if (level > 0)
		fprintf(f, "%d", level);
	else
		fputs("null", f);
}

static void key(FILE *f, const char *k)
{
	fprintf(f, ",\"%s\":", k);
}

static int level_of(const char *v)
{
	return v && v[0] >= '1' && v[0] <= '4' && !v[1] ? v[0] - '0' : 0;
}

/* The counts and OPEL metrics of a site (value[], as the levels use
 * them) or of the system (from its totals). */
static void put_figures(FILE *f, const struct flow_counts *c,
			const struct site_metrics *sm)
{
	double v[METRIC_COUNT];

	if (sm) {
		for (int m = 0; m < METRIC_COUNT; m++)
			v[m] = sm->known[m] ? sm->value[m] : NAN;
	} else {
		v[METRIC_OCCUPANCY_PCT] = metrics_pct(c->occupied,
						      metrics_available(c));
		v[METRIC_G2G_PCT] = metrics_pct(c->g2g, metrics_available(c));
		v[METRIC_STRANDED_PCT] = metrics_pct(c->stranded, c->occupied);
		v[METRIC_SUPER_STRANDED] = c->super_stranded;
		v[METRIC_DELAYED_BED_DAYS_7D] = (double)c->delayed_bed_days_7d;
	}
	fprintf(f, "{\"beds\":%d,\"closed\":%d,\"escalation\":%d,"
		"\"available\":%d,\"occupied\":%d,\"free\":%d,\"stranded\":%d,"
		"\"nctr\":%d", c->beds, c->closed, c->escalation,
		metrics_available(c), c->occupied, metrics_free_beds(c),
		c->stranded, c->g2g);
	for (int m = 0; m < METRIC_COUNT; m++) {
		key(f, opel_metric_name((enum opel_metric)m));
		put_number(f, v[m]);
	}
	putc('}', f);
}

/* A site's drivers: the metrics that drove its computed level. */
static void put_site_drivers(FILE *f, const struct config *cfg,
			     const struct site_metrics *sm)
{
	const struct opel_kind_cfg *k = &cfg->opel.kind[sm->site->kind];
	bool first = true;
	char why[512];

	putc('[', f);
	for (int m = 0; m < METRIC_COUNT; m++) {
		if (!(sm->opel.drivers & (1u << m)))
			continue;
		fprintf(f, "%s{\"metric\":", first ? "" : ",");
		put_string(f, opel_metric_name((enum opel_metric)m));
		key(f, "value");
		put_number(f, sm->value[m]);
		key(f, "level");
		put_level(f, sm->opel.metric_level[m]);
		putc('}', f);
		first = false;
	}
	/* The 2024-26 scoring: the parameters that scored points. */
	for (size_t i = 0; k->rule == OPEL_RULE_POINTS && i < k->nparams &&
			   i < OPEL_PARAMS_MAX; i++) {
		if (!(sm->opel.param_drivers & (1u << i)))
			continue;
		fprintf(f, "%s{\"parameter\":", first ? "" : ",");
		put_string(f, k->params[i].name);
		key(f, "value");
		put_number(f, sm->opel.param_value[i]);
		key(f, "points");
		put_number(f, sm->opel.param_points[i]);
		putc('}', f);
		first = false;
	}
	putc(']', f);
	opel_explain(k, sm->value, &sm->opel, why, sizeof(why));
	key(f, "explanation");
	put_string(f, why);
}

/* The system's drivers: the sites above level 1, highest first. */
static void put_system_drivers(FILE *f, const struct config *cfg,
			       const struct system_metrics *m)
{
	char why[512];
	int len, first = 1;

	if (cfg->opel.scoring == SYSTEM_SCORING_SCORES)
		len = snprintf(why, sizeof(why), "the pillars' points scores");
	else
		len = snprintf(why, sizeof(why), "the %s of the sites' levels",
			       system_rule_label(cfg->opel.system_rule));
	putc('[', f);
	for (int level = OPEL_LEVEL_MAX; level > OPEL_LEVEL_MIN; level--) {
		for (size_t i = 0; i < m->nsites; i++) {
			const struct site_metrics *sm = &m->sites[i];

			if (sm->opel.level != level)
				continue;
			fprintf(f, "%s{\"site\":", first ? "" : ",");
			put_string(f, sm->site->code);
			fprintf(f, ",\"level\":%d}", level);
			if (len > 0 && (size_t)len < sizeof(why))
				len += snprintf(why + len,
						sizeof(why) - (size_t)len,
						"%s %s %d", first ? ":" : ",",
						sm->site->code, level);
			first = 0;
		}
	}
	putc(']', f);
	key(f, "explanation");
	put_string(f, why);
}

char *notify_document(const struct config *cfg,
		      const struct system_metrics *m,
		      const struct notify_subject *s, const char *old,
		      const char *time)
{
	const struct site_metrics *sm = s->site;
	bool declared = s->event == NOTIFY_SITE_DECLARED ||
			s->event == NOTIFY_SYSTEM_DECLARED;
	int computed = sm ? sm->opel.level : m->level;
	int decl = sm ? sm->declared : m->declared;
	char asat[DATETIME_BUF], *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		die("out of memory");
	fprintf(f, "{\"sitrep_notification\":%d,\"event\":",
		NOTIFY_DOCUMENT_VERSION);
	put_string(f, notify_event_name(s->event));
	key(f, "subject");
	put_string(f, s->subject);
	key(f, "system");
	put_string(f, cfg->system_name);
	key(f, "site");
	put_string(f, sm ? sm->site->code : NULL);
	key(f, "site_name");
	put_string(f, sm ? sm->site->name : NULL);
	key(f, "kind");
	put_string(f, sm ? site_kind_name(sm->site->kind) : NULL);
	if (s->event == NOTIFY_THRESHOLD) {
		const struct notify_threshold *t = s->threshold;

		key(f, "metric");
		put_string(f, opel_metric_name(t->metric));
		key(f, "threshold");
		put_number(f, t->value);
		key(f, "direction");
		put_string(f, notify_direction_name(t->direction));
		key(f, "value");
		put_number(f, s->figure);
		key(f, "old_state");
		put_string(f, old);
		key(f, "new_state");
		put_string(f, s->value);
		key(f, "change");
		put_string(f, strcmp(s->value, "above") == 0 ? "up" : "down");
	} else {
		int was = level_of(old), now = level_of(s->value);

		key(f, "level_type");
		put_string(f, declared ? "declared" : "computed");
		key(f, "old_level");
		put_level(f, was);
		key(f, "new_level");
		put_level(f, now);
		key(f, "change");
		put_string(f, now > was ? "up" : "down");
	}
	key(f, "computed_level");
	put_level(f, computed);
	key(f, "declared_level");
	put_level(f, decl);
	if (declared && decl > 0) {
		key(f, "declared_at");
		put_string(f, sm ? sm->declared_at : m->declared_at);
		key(f, "declared_by");
		put_string(f, sm ? sm->declared_by : m->declared_by);
	}
	key(f, "drivers");
	if (sm)
		put_site_drivers(f, cfg, sm);
	else
		put_system_drivers(f, cfg, m);
	key(f, "figures");
	put_figures(f, sm ? &sm->c : &m->total, sm);
	key(f, "time");
	put_string(f, time);
	datetime_format(m->as_at, asat);
	key(f, "as_at");
	put_string(f, m->live ? asat : NULL);
	fputs("}\n", f);
	if (fclose(f) != 0 || !buf)
		die("out of memory");
	return buf;
}

/* ---- one evaluation ----------------------------------------------------*/

struct eval {
	const struct config *cfg;
	const struct system_metrics *m;
	const struct notify_subject *subj;
	const char *now;
};

static char *document(void *ctx, size_t i, const char *old)
{
	const struct eval *e = ctx;

	if (!notify_wanted(&e->subj[i], old))
		return NULL;
	return notify_document(e->cfg, e->m, &e->subj[i], old, e->now);
}

enum sr_status notify_evaluate(struct store *st, const struct config *cfg,
			       const char *now, struct notify_eval *out,
			       struct sr_error *err)
{
	const struct notify_cfg *nc = cfg->notify;
	const char **names[NOTIFY_EVENT_COUNT] = {NULL};
	struct store_notify_subject *ss = NULL;
	struct store_notify_counts counts;
	struct notify_subject *subj = NULL;
	struct system_metrics m;
	struct sr_moment mo;
	enum sr_status s;
	struct eval e;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	for (int ev = 0; nc && ev < NOTIFY_EVENT_COUNT; ev++) {
		names[ev] = xcalloc(nc->non[ev] + 1, sizeof(*names[ev]));
		for (size_t c = 0; c < nc->non[ev]; c++)
			names[ev][c] = nc->commands[nc->on[ev][c]].name;
	}
	/* The figures are read inside the write transaction: a watcher that
	 * waited for another's sees what that one recorded, and the same
	 * figures. */
	if ((s = store_tx_begin(st, err)) != SR_OK)
		goto out;
	metrics_moment_of_day(&mo, date_today());
	if ((s = metrics_compute_board_at(st, cfg, &mo, &m, err)) != SR_OK) {
		store_tx_rollback(st);
		goto out;
	}
	n = notify_subjects(cfg, &m, &subj);
	ss = xcalloc(n ? n : 1, sizeof(*ss));
	for (size_t i = 0; i < n; i++) {
		ss[i].subject = subj[i].subject;
		ss[i].value = subj[i].value;
		ss[i].commands = names[subj[i].event];
		ss[i].ncommands = nc ? nc->non[subj[i].event] : 0;
	}
	e = (struct eval){cfg, &m, subj, now};
	s = store_notify_compare(st, ss, n, now, document, &e, &counts, err);
	if (s == SR_OK)
		s = store_tx_commit(st, err);
	else
		store_tx_rollback(st);
	metrics_free(&m);
	if (s == SR_OK) {
		out->subjects = n;
		out->first_seen = counts.first_seen;
		out->changed = counts.changed;
		out->queued = counts.queued;
	}
out:
	for (int ev = 0; ev < NOTIFY_EVENT_COUNT; ev++)
		free(names[ev]);
	free(ss);
	free(subj);
	return s;
}

/* ---- delivery ----------------------------------------------------------*/

/* Seconds since 1970-01-01T00:00:00 on the wall clock. */
static bool read_time(const char *at, long long *secs)
{
	char min[DATETIME_BUF];
	sr_minute t;
	int sec = 0;

	if (!at || strlen(at) < 16)
		return false;
	memcpy(min, at, 16);
	min[16] = '\0';
	if (!datetime_parse(min, &t))
		return false;
	if (at[16] == ':' && at[17] >= '0' && at[17] <= '5' &&
	    at[18] >= '0' && at[18] <= '9' && !at[19])
		sec = (at[17] - '0') * 10 + (at[18] - '0');
	else if (at[16])
		return false;
	*secs = (long long)t * 60 + sec;
	return true;
}

bool notify_time_add(const char *at, long seconds, char out[NOTIFY_TIME_BUF])
{
	char min[DATETIME_BUF];
	long long t;
	sr_minute m;

	if (!read_time(at, &t))
		return false;
	t += seconds;
	m = (sr_minute)(t >= 0 ? t / 60 : (t - 59) / 60);
	datetime_format(m, min);
	snprintf(out, NOTIFY_TIME_BUF, "%.16s:%02d", min,
		 (int)(t - (long long)m * 60));
	return true;
}

enum sr_status notify_claim(struct store *st, const struct config *cfg,
			    const char *now, const char *claimer,
			    struct store_notify_job *job, bool *found,
			    struct sr_error *err)
{
	const struct notify_cfg *nc = cfg->notify;
	char stale[NOTIFY_TIME_BUF];
	long longest = NOTIFY_TIMEOUT_DEFAULT;

	for (size_t i = 0; nc && i < nc->ncommands; i++)
		if (nc->commands[i].timeout_seconds > longest)
			longest = nc->commands[i].timeout_seconds;
	/* A command is killed at its timeout (and a few seconds later if
	 * it ignores SIGTERM): a claim much older than that lost its
	 * watcher. */
	if (!notify_time_add(now, -(longest + 60), stale))
		return sr_fail(err, SR_EINVAL, "cannot read the time '%.20s'",
			       now);
	return store_notify_claim(st, now, stale, claimer,
				  nc ? nc->attempts : NOTIFY_ATTEMPTS_DEFAULT,
				  job, found, err);
}

enum sr_status notify_finish(struct store *st, const struct config *cfg,
			     const struct store_notify_job *job,
			     const char *claimer, const char *at,
			     int exit_status, bool ok, const char *outcome,
			     char next_at[NOTIFY_TIME_BUF], bool *kept,
			     struct sr_error *err)
{
	const struct notify_cfg *nc = cfg->notify;
	int attempts = nc ? nc->attempts : NOTIFY_ATTEMPTS_DEFAULT;
	int after = nc ? nc->after_seconds : NOTIFY_RETRY_DEFAULT;

	next_at[0] = '\0';
	if (!ok && job->attempt < attempts &&
	    !notify_time_add(at, after, next_at))
		next_at[0] = '\0';
	return store_notify_finish(st, job, claimer, at, exit_status, outcome,
				   ok ? "sent" : "failed",
				   next_at[0] ? next_at : NULL, kept, err);
}
