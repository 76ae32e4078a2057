/* The national returns (include/sitrep/returns.h): rows from the store,
 * each counted here by the definitions the header states once. */
#include "sitrep/returns.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

const char *const return_band_names[RETURN_BANDS] = {
	"0", "1", "2-3", "4-6", "7-13", "14-20", "21+"};
const int return_los_days[RETURN_LOS_STEPS] = {7, 14, 21};

static int band_of(long days)
{
	static const long lo[RETURN_BANDS] = {0, 1, 2, 4, 7, 14, 21};
	int b = RETURN_BANDS - 1;

	while (b > 0 && days < lo[b])
		b--;
	return b;
}

void return_same_day_pct(const struct return_counts *c, long *num,
			 long *den)
{
	*num = 100 * c->band[0];
	*den = c->with_drd;
}

void return_mean_delay(const struct return_counts *c, bool excl_same_day,
		       long *num, long *den)
{
	*num = c->delay_days;
	*den = c->with_drd - (excl_same_day ? c->band[0] : 0);
}

bool return_tenths(long num, long den, long *tenths)
{
	if (den <= 0)
		return false;
	/* round(10 num / den) = floor((20 num + den) / (2 den)) */
	*tenths = (20 * num + den) / (2 * den);
	return true;
}

struct walk {
	struct national_return *r;
	size_t nreasons; /* the config's reasons; slot nreasons: none */
	sr_day day;      /* the day whose end the in-bed rows are for */
	bool week_end;   /* that day is the week's last */
	struct sr_error *err;
};

static struct return_site *site_of(struct walk *w, const char *code)
{
	for (size_t i = 0; i < w->r->nsites; i++)
		if (strcmp(w->r->sites[i].site->code, code) == 0)
			return &w->r->sites[i];
	return NULL; /* another kind's site */
}

static bool day_of(const char *s, sr_day *d)
{
	char buf[DATE_BUF];

	if (!s || strlen(s) < 10)
		return false;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	return date_parse(buf, d);
}

/* Counted: an adult on the period's last day, or of unknown age, in a
 * community return; everyone in an acute one. */
static bool counted(const struct walk *w, const char *birth)
{
	int by, bm, bd, y, m, d, age;
	sr_day b;

	if (w->r->kind != RETURN_COMMUNITY || !day_of(birth, &b))
		return true;
	date_to_ymd(b, &by, &bm, &bd);
	date_to_ymd(w->r->last, &y, &m, &d);
	age = y - by - (m < bm || (m == bm && d < bd));
	return age >= 18;
}

static size_t reason_slot(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->ndelay_reasons && code && *code; i++)
		if (strcmp(cfg->delay_reasons[i].code, code) == 0)
			return i;
	return cfg->ndelay_reasons;
}

static void count_in_bed(struct walk *w, struct return_counts *c,
			 const struct store_return_row *row, int los,
			 bool nctr)
{
	for (int k = 0; k < RETURN_LOS_STEPS; k++)
		if (w->r->period == RETURN_WEEK && los >= return_los_days[k])
			c->bed_days_los[k]++;
	if (nctr && w->r->period == RETURN_DAY)
		c->nctr_remaining++;
	if (nctr && w->week_end) {
		size_t slot = reason_slot(w->r->cfg, row->delay_reason);

		if (los >= 7)
			c->nctr_los7_by_reason[slot]++;
		if (los >= 14)
			c->nctr_los14_by_reason[slot]++;
	}
}

static bool in_bed_row(void *ctx, const struct store_return_row *row)
{
	struct walk *w = ctx;
	struct return_site *s = site_of(w, row->site);
	sr_day admitted, drd;
	bool nctr;
	int los;

	if (!s || !counted(w, row->birth_date) ||
	    !day_of(row->admitted_at, &admitted))
		return true;
	los = (int)(w->day - admitted);
	nctr = day_of(row->g2g_date, &drd) && drd <= w->day;
	count_in_bed(w, &s->c, row, los, nctr);
	count_in_bed(w, &w->r->total.c, row, los, nctr);
	return true;
}

static void add_destination(struct return_counts *c, int pathway,
			    const char *dest)
{
	for (size_t i = 0; i < c->ndest; i++)
		if (c->dest[i].pathway == pathway &&
		    ((!dest && !c->dest[i].destination) ||
		     (dest && c->dest[i].destination &&
		      strcmp(dest, c->dest[i].destination) == 0))) {
			c->dest[i].n++;
			return;
		}
	c->dest = xgrow(c->dest, &c->capdest, c->ndest + 1, sizeof(*c->dest));
	c->dest[c->ndest++] = (struct return_destination){
		pathway, dest ? xstrdup(dest) : NULL, 1};
}

static void count_discharge(struct walk *w, struct return_counts *c,
			    const struct store_return_row *row, sr_day out)
{
	int pathway = row->pathway && row->pathway[0] >= '0' &&
				      row->pathway[0] <= '3' && !row->pathway[1] ?
			      row->pathway[0] - '0' : 4;
	sr_day drd;

	c->discharges++;
	c->by_pathway[pathway]++;
	add_destination(c, pathway, row->destination);
	if (!day_of(row->g2g_date, &drd)) {
		c->without_drd++;
		return;
	}
	long delay = out > drd ? (long)(out - drd) : 0;

	c->with_drd++;
	c->band[band_of(delay)]++;
	c->delay_days += delay;
	if (w->r->period == RETURN_DAY && drd <= out) {
		c->nctr_discharged++;
		c->nctr++;
	}
}

static bool discharge_row(void *ctx, const struct store_return_row *row)
{
	struct walk *w = ctx;
	struct return_site *s = site_of(w, row->site);
	sr_day out;

	if (!s || !counted(w, row->birth_date) ||
	    !day_of(row->discharged_at, &out))
		return true;
	count_discharge(w, &s->c, row, out);
	count_discharge(w, &w->r->total.c, row, out);
	return true;
}

static int cmp_dest(const void *a, const void *b)
{
	const struct return_destination *x = a, *y = b;

	if (x->pathway != y->pathway)
		return x->pathway - y->pathway;
	if (!x->destination || !y->destination)
		return !x->destination - !y->destination; /* none last */
	return strcmp(x->destination, y->destination);
}

static void counts_init(struct return_counts *c, size_t nreasons)
{
	memset(c, 0, sizeof(*c));
	c->nctr_los7_by_reason = xcalloc(nreasons + 1, sizeof(long));
	c->nctr_los14_by_reason = xcalloc(nreasons + 1, sizeof(long));
}

static void counts_free(struct return_counts *c)
{
	for (size_t i = 0; i < c->ndest; i++)
		free(c->dest[i].destination);
	free(c->dest);
	free(c->nctr_los7_by_reason);
	free(c->nctr_los14_by_reason);
	memset(c, 0, sizeof(*c));
}

static void moment_of(const struct national_return *r, sr_day d,
		      struct sr_moment *m)
{
	moment_end_of_day(m, d);
	if (r->known[0])
		memcpy(m->known, r->known, sizeof(m->known));
}

enum sr_status return_compute(struct store *st, const struct config *cfg,
			      enum return_kind kind, enum return_period period,
			      sr_day first, sr_day last, const char *only_site,
			      const char *known, struct national_return *r,
			      struct sr_error *err)
{
	enum site_kind sk = kind == RETURN_ACUTE ? SITE_ACUTE : SITE_COMMUNITY;
	struct walk w = {.r = r, .nreasons = cfg->ndelay_reasons, .err = err};
	char from[MOMENT_INSTANT_BUF], to[MOMENT_INSTANT_BUF];
	struct sr_moment m;
	enum sr_status s;

	memset(r, 0, sizeof(*r));
	r->cfg = cfg;
	r->kind = kind;
	r->period = period;
	r->first = first;
	r->last = last;
	if (known)
		snprintf(r->known, sizeof(r->known), "%s", known);
	r->sites = xcalloc(cfg->nsites ? cfg->nsites : 1, sizeof(*r->sites));
	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *sc = &cfg->sites[i];

		if (sc->kind != sk ||
		    (only_site && strcmp(only_site, sc->code) != 0))
			continue;
		r->sites[r->nsites].site = sc;
		counts_init(&r->sites[r->nsites++].c, w.nreasons);
	}
	counts_init(&r->total.c, w.nreasons);
	if ((s = store_read_begin(st, err)) != SR_OK)
		goto fail;
	/* In a bed at each day's end: the daily return's day; every day of
	 * the week (bed days, and the week's end for NCTR by reason). */
	if (period != RETURN_MONTH) {
		for (sr_day d = first; s == SR_OK && d <= last; d++) {
			w.day = d;
			w.week_end = period == RETURN_WEEK && d == last;
			moment_of(r, d, &m);
			s = store_return_in_bed(st, &m, only_site, in_bed_row,
						&w, err);
		}
	}
	/* The discharges of the period: from its first day's 00:00 to the
	 * next day's after its last. */
	date_format(first, from);
	strcat(from, "T00:00:00");
	date_format(last + 1, to);
	strcat(to, "T00:00:00");
	moment_of(r, last, &m);
	if (s == SR_OK)
		s = store_return_discharges(st, &m, from, to, only_site,
					    discharge_row, &w, err);
	store_read_end(st);
	if (s != SR_OK)
		goto fail;
	r->total.c.nctr += r->total.c.nctr_remaining;
	for (size_t i = 0; i < r->nsites; i++)
		r->sites[i].c.nctr += r->sites[i].c.nctr_remaining;
	for (size_t i = 0; i <= r->nsites; i++) {
		struct return_counts *c = i < r->nsites ? &r->sites[i].c
							: &r->total.c;

		if (c->ndest)
			qsort(c->dest, c->ndest, sizeof(*c->dest), cmp_dest);
	}
	return SR_OK;
fail:
	return_free(r);
	return s;
}

void return_free(struct national_return *r)
{
	for (size_t i = 0; i < r->nsites; i++)
		counts_free(&r->sites[i].c);
	counts_free(&r->total.c);
	free(r->sites);
	r->sites = NULL;
	r->nsites = 0;
}
