/* The daily call (include/sitrep/call.h): the agenda and what changed since
 * the last call, from the rows the store gives (store.h: moments,
 * blockers, store_call.c), with the rules applied here once. */
#include "sitrep/call.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/stay.h"
#include "sitrep/util.h"

static const char *const reason_names[] = {
#define CALL_REASON_NAME(e, name, label) name,
	CALL_REASON_TABLE(CALL_REASON_NAME)
#undef CALL_REASON_NAME
};
static const char *const reason_labels[] = {
#define CALL_REASON_LABEL(e, name, label) label,
	CALL_REASON_TABLE(CALL_REASON_LABEL)
#undef CALL_REASON_LABEL
};
static const char *const change_names[] = {
#define CALL_CHANGE_NAME(e, name, label) name,
	CALL_CHANGE_TABLE(CALL_CHANGE_NAME)
#undef CALL_CHANGE_NAME
};
static const char *const change_labels[] = {
#define CALL_CHANGE_LABEL(e, name, label) label,
	CALL_CHANGE_TABLE(CALL_CHANGE_LABEL)
#undef CALL_CHANGE_LABEL
};

const char *call_reason_name(enum call_reason r)
{
	return r < CALL_REASON_COUNT ? reason_names[r] : "?";
}

const char *call_reason_label(enum call_reason r)
{
	return r < CALL_REASON_COUNT ? reason_labels[r] : "no longer flagged";
}

const char *call_change_name(enum call_change_kind k)
{
	return k < CALL_CHANGE_COUNT ? change_names[k] : "?";
}

const char *call_change_label(enum call_change_kind k)
{
	return k < CALL_CHANGE_COUNT ? change_labels[k] : "?";
}

/* ---- the rules (pure) ---- */

unsigned call_flags(const struct config *cfg, const struct call_facts *f,
		    int *role)
{
	unsigned flags = 0;
	bool overdue = f->open_blockers > 0 && f->overdue_days >= 1;

	/* Escalation: the days delayed (NCTR only) and the days the most
	 * overdue open blocker is past its due date. */
	*role = config_escalation(cfg, f->nctr ? f->delay_days : -1,
				  overdue ? f->overdue_days : -1);
	if (f->nctr && !f->was_nctr)
		flags |= 1u << CALL_NEW_NCTR;
	if (*role >= 0)
		flags |= 1u << CALL_ESCALATED;
	if (overdue)
		flags |= 1u << CALL_OVERDUE;
	if (f->nctr && f->open_blockers == 0)
		flags |= 1u << CALL_NO_BLOCKER;
	if (f->los >= cfg->super_stranded_days)
		flags |= 1u << CALL_SUPER_STRANDED;
	if (f->edd_passed && f->open_blockers == 0)
		flags |= 1u << CALL_EDD_PASSED;
	return flags;
}

enum call_reason call_first(unsigned flags)
{
	for (int r = 0; r < CALL_REASON_COUNT; r++)
		if (flags & (1u << r))
			return (enum call_reason)r;
	return CALL_REASON_COUNT;
}

void call_last(const struct config *cfg, sr_day today, char *out,
	       size_t size)
{
	char day[DATE_BUF];

	date_format(today - 1, day);
	snprintf(out, size, "%sT%02d:%02d:00", day, cfg->call_minute / 60,
		 cfg->call_minute % 60);
}

/* ---- reading ---- */

/* The open blockers of one stay, summed. */
struct open_sum {
	int64_t stay;
	int n;
	int overdue_days; /* -1: none past its due date */
	bool owned;       /* one is the filter's owner's */
};

struct build {
	const struct config *cfg;
	const struct call_filter *f;
	struct call *c;
	sr_day today, last_day;
	struct sr_error *err;
	enum sr_status s;
	/* The stays NCTR at the last call, sorted. */
	int64_t *was;
	size_t nwas, capwas;
	/* The open blockers now, by stay (read in stay order). */
	struct open_sum *open;
	size_t nopen, capopen;
	/* The stays of the agenda and the changes, for the owner filter. */
	size_t capitems, capchanges;
	/* Days open of the blockers closed in the last 7 days. */
	int *closed_days;
	size_t nclosed, capclosed;
	char week_ago[MOMENT_INSTANT_BUF], week_start[MOMENT_INSTANT_BUF];
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* NCTR on day d: a discharge ready date on or before d (DESIGN §2). */
static bool nctr_on(const char *drd, sr_day d, sr_day *g)
{
	return stay_nctr_on(drd, d, g);
}

static bool was_row(void *ctx, const struct store_bed_row *r)
{
	struct build *b = ctx;
	sr_day g;

	if (nctr_on(r->g2g_date, b->last_day, &g)) {
		b->was = xgrow(b->was, &b->capwas, b->nwas + 1,
			       sizeof(*b->was));
		b->was[b->nwas++] = r->stay;
	}
	return true;
}

static void figure_open(struct build *b, const struct blocker *bl)
{
	struct call_blocker_figures *fg = &b->c->blockers;
	const struct reason_cfg *rc = config_delay_reason(b->cfg, bl->code);
	enum agency a;
	size_t w = b->cfg->nowners;
	sr_day due;

	fg->open++;
	if (bl->due && date_parse(bl->due, &due) && due < b->today)
		fg->overdue++;
	fg->by_family[rc ? rc->family : FAMILY_COUNT]++;
	fg->by_agency[bl->agency && agency_parse(bl->agency, &a) ?
			      (int)a : AGENCY_COUNT]++;
	for (size_t i = 0; bl->owner && i < b->cfg->nowners; i++)
		if (strcmp(b->cfg->owners[i].code, bl->owner) == 0)
			w = i;
	fg->by_owner[w]++;
}

static bool open_row(const struct blocker *bl, void *ctx)
{
	struct build *b = ctx;
	struct open_sum *o;
	sr_day due;

	if (!b->nopen || b->open[b->nopen - 1].stay != bl->stay) {
		b->open = xgrow(b->open, &b->capopen, b->nopen + 1,
				sizeof(*b->open));
		o = &b->open[b->nopen++];
		memset(o, 0, sizeof(*o));
		o->stay = bl->stay;
		o->overdue_days = -1;
	}
	o = &b->open[b->nopen - 1];
	o->n++;
	if (!b->f->owner || (bl->owner && strcmp(bl->owner, b->f->owner) == 0))
		figure_open(b, bl);
	if (b->f->owner && bl->owner && strcmp(bl->owner, b->f->owner) == 0)
		o->owned = true;
	if (bl->due && date_parse(bl->due, &due) && due < b->today &&
	    (int)(b->today - due) > o->overdue_days)
		o->overdue_days = (int)(b->today - due);
	return true;
}

static const struct open_sum *open_of(const struct build *b, int64_t stay)
{
	size_t lo = 0, hi = b->nopen;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (b->open[mid].stay < stay)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->nopen && b->open[lo].stay == stay ? &b->open[lo] : NULL;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static void add_change(struct build *b, enum call_change_kind k,
		       int64_t stay, const char *site, const char *mrn,
		       const char *at, const char *what, const char *by)
{
	struct call *c = b->c;
	struct call_change *ch;

	c->changes = xgrow(c->changes, &b->capchanges, c->nchanges + 1,
			   sizeof(*c->changes));
	ch = &c->changes[c->nchanges++];
	memset(ch, 0, sizeof(*ch));
	ch->kind = k;
	ch->stay = stay;
	ch->site = dup_or_null(site);
	ch->mrn = dup_or_null(mrn);
	ch->at = dup_or_null(at);
	ch->what = dup_or_null(what);
	ch->by = dup_or_null(by);
	c->count[k]++;
}

static bool now_row(void *ctx, const struct store_bed_row *r)
{
	struct build *b = ctx;
	const struct open_sum *o = open_of(b, r->stay);
	struct call_facts f = {.delay_days = -1, .overdue_days = -1};
	sr_day admitted, g, edd;
	struct call_item *it;
	unsigned flags;
	int role;

	if (!date_parse_prefix(r->admitted_at, &admitted))
		return true;
	if (b->f->owner && !(o && o->owned))
		return true;
	b->c->in_bed++;
	f.los = (int)(b->today - admitted);
	f.nctr = nctr_on(r->g2g_date, b->today, &g);
	if (f.nctr)
		f.delay_days = (int)(b->today - g);
	f.edd_passed = date_parse_prefix(r->edd, &edd) && edd < b->today;
	f.open_blockers = o ? o->n : 0;
	f.overdue_days = o ? o->overdue_days : -1;
	f.was_nctr = b->nwas && bsearch(&r->stay, b->was, b->nwas,
					sizeof(*b->was), cmp_id) != NULL;
	/* Since the last call: NCTR now and not then (or admitted since);
	 * stranded or super-stranded today and not on the last call's day. */
	if (f.nctr && !f.was_nctr)
		add_change(b, CHANGE_NEW_NCTR, r->stay, r->site, NULL,
			   r->g2g_date, NULL, NULL);
	if (f.los >= b->cfg->stranded_days &&
	    (int)(b->last_day - admitted) < b->cfg->stranded_days)
		add_change(b, CHANGE_STRANDED, r->stay, r->site, NULL,
			   r->admitted_at, NULL, NULL);
	if (f.los >= b->cfg->super_stranded_days &&
	    (int)(b->last_day - admitted) < b->cfg->super_stranded_days)
		add_change(b, CHANGE_SUPER_STRANDED, r->stay, r->site, NULL,
			   r->admitted_at, NULL, NULL);
	flags = call_flags(b->cfg, &f, &role);
	if (!flags && !(b->f->nkeep &&
			bsearch(&r->stay, b->f->keep, b->f->nkeep,
				sizeof(*b->f->keep), cmp_id)))
		return true;
	b->c->items = xgrow(b->c->items, &b->capitems, b->c->n + 1,
			    sizeof(*b->c->items));
	it = &b->c->items[b->c->n++];
	memset(it, 0, sizeof(*it));
	it->stay = r->stay;
	it->flags = flags;
	it->reason = call_first(flags);
	it->role = role;
	it->facts = f;
	it->site = dup_or_null(r->site);
	it->ward = dup_or_null(r->ward);
	it->bed = dup_or_null(r->bed);
	it->admitted_at = dup_or_null(r->admitted_at);
	it->edd = dup_or_null(r->edd);
	it->drd = f.nctr ? dup_or_null(r->g2g_date) : NULL;
	return true;
}

static bool left_row(void *ctx, const struct store_left_row *r)
{
	struct build *b = ctx;

	add_change(b, CHANGE_DISCHARGED, r->stay, r->site, r->mrn,
		   r->discharged_at, NULL, NULL);
	return true;
}

/* A blocker that ended from 00:00 six days before today to now (closed,
 * or by the discharge): its days open, for the median. */
static bool closed_row(const struct blocker *bl, void *ctx)
{
	struct build *b = ctx;
	sr_day opened, closed;

	if (!bl->closed_at || !bl->closed_recorded_at ||
	    strcmp(bl->closed_at, b->week_start) < 0 ||
	    strcmp(bl->closed_at, b->c->at) > 0 ||
	    strcmp(bl->closed_recorded_at, b->c->at) > 0 ||
	    !date_parse_prefix(bl->opened_at, &opened) ||
	    !date_parse_prefix(bl->closed_at, &closed))
		return true;
	b->closed_days = xgrow(b->closed_days, &b->capclosed, b->nclosed + 1,
			       sizeof(*b->closed_days));
	b->closed_days[b->nclosed++] = (int)(closed - opened);
	return true;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void median_close(struct build *b)
{
	struct call_blocker_figures *fg = &b->c->blockers;
	size_t n = b->nclosed;

	fg->closed_7d = n;
	fg->median_days_to_close = NAN;
	if (!n)
		return;
	qsort(b->closed_days, n, sizeof(*b->closed_days), cmp_int);
	fg->median_days_to_close =
		n % 2 ? b->closed_days[n / 2] :
			(b->closed_days[n / 2 - 1] + b->closed_days[n / 2]) / 2.0;
}

static bool blocker_row(const struct blocker *bl, void *ctx)
{
	struct build *b = ctx;
	const char *since = b->c->since, *at = b->c->at;

	if (bl->recorded_at && strcmp(bl->recorded_at, since) > 0 &&
	    strcmp(bl->recorded_at, at) <= 0)
		add_change(b, CHANGE_OPENED, bl->stay, bl->site, NULL,
			   bl->opened_at, bl->code, bl->opened_by);
	if (bl->closed_recorded_at &&
	    strcmp(bl->closed_recorded_at, since) > 0 &&
	    strcmp(bl->closed_recorded_at, at) <= 0)
		add_change(b, CHANGE_CLOSED, bl->stay, bl->site, NULL,
			   bl->closed_at, bl->code, bl->closed_by);
	return true;
}

static bool edd_row(void *ctx, const struct store_edd_move *m)
{
	struct build *b = ctx;
	char what[64];

	snprintf(what, sizeof(what), "%.10s -> %.10s", m->was,
		 m->value ? m->value : "none");
	add_change(b, CHANGE_EDD_MOVED, m->stay, m->site, m->mrn,
		   m->recorded_at, what, m->recorded_by);
	return true;
}

/* The order of the agenda: by reason, the longest delayed, then the
 * longest stay, first; then site, ward, bed. */
static int cmp_item(const void *pa, const void *pb)
{
	const struct call_item *a = pa, *b = pb;
	int c;

	if (a->reason != b->reason)
		return a->reason < b->reason ? -1 : 1;
	if (a->facts.delay_days != b->facts.delay_days)
		return a->facts.delay_days > b->facts.delay_days ? -1 : 1;
	if (a->facts.los != b->facts.los)
		return a->facts.los > b->facts.los ? -1 : 1;
	if ((c = strcmp(a->site ? a->site : "", b->site ? b->site : "")))
		return c;
	if ((c = strcmp(a->ward ? a->ward : "", b->ward ? b->ward : "")))
		return c;
	if ((c = strcmp(a->bed ? a->bed : "", b->bed ? b->bed : "")))
		return c;
	return (a->stay > b->stay) - (a->stay < b->stay);
}

static int cmp_change(const void *pa, const void *pb)
{
	const struct call_change *a = pa, *b = pb;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->site ? a->site : "", b->site ? b->site : "")))
		return c;
	if ((c = strcmp(a->at ? a->at : "", b->at ? b->at : "")))
		return c;
	return (a->stay > b->stay) - (a->stay < b->stay);
}

/* Names, MRN and the primary blocker of each agenda item; the MRN of the
 * changes that lack it. */
static enum sr_status details(struct store *st, struct call *c,
			      struct sr_error *err)
{
	enum sr_status s = SR_OK;

	for (size_t i = 0; i < c->n && s == SR_OK; i++) {
		struct call_item *it = &c->items[i];
		struct stay sy = {0};
		int64_t id = 0;

		s = store_stay_get(st, it->stay, &sy, err);
		if (s == SR_OK) {
			it->mrn = dup_or_null(sy.v[SF_MRN]);
			it->given = dup_or_null(sy.v[SF_GIVEN_NAME]);
			it->family = dup_or_null(sy.v[SF_FAMILY_NAME]);
			s = store_blocker_primary(st, it->stay, c->at, &id,
						  err);
		}
		stay_clear(&sy);
		if (s == SR_OK && id) {
			struct blocker bl = {0};

			s = store_blocker_get(st, id, &bl, err);
			if (s == SR_OK) {
				it->blocker = bl.id;
				it->blocker_version = bl.version;
				it->code = dup_or_null(bl.code);
				it->agency = dup_or_null(bl.agency);
				it->owner = dup_or_null(bl.owner);
				it->due = dup_or_null(bl.due);
			}
			blocker_clear(&bl);
		}
	}
	for (size_t i = 0; i < c->nchanges && s == SR_OK; i++) {
		struct call_change *ch = &c->changes[i];
		struct stay sy = {0};

		if (ch->mrn)
			continue;
		s = store_stay_get(st, ch->stay, &sy, err);
		if (s == SR_OK)
			ch->mrn = dup_or_null(sy.v[SF_MRN]);
		stay_clear(&sy);
	}
	return s;
}

/* Under an owner filter, only the changes of the stays with an open
 * blocker of theirs (and their own blockers, already filtered). */
static void owner_only(struct build *b)
{
	struct call *c = b->c;
	size_t k = 0;

	for (size_t i = 0; i < c->nchanges; i++) {
		struct call_change *ch = &c->changes[i];
		const struct open_sum *o = open_of(b, ch->stay);
		bool keep = ch->kind == CHANGE_OPENED ||
			    ch->kind == CHANGE_CLOSED || (o && o->owned);

		if (keep) {
			c->changes[k++] = *ch;
			continue;
		}
		c->count[ch->kind]--;
		free(ch->site);
		free(ch->mrn);
		free(ch->at);
		free(ch->what);
		free(ch->by);
	}
	c->nchanges = k;
}

enum sr_status call_build(struct store *st, const struct config *cfg,
			  sr_minute now, const char *since,
			  const struct call_filter *f, struct call *out,
			  struct sr_error *err)
{
	struct build b = {.cfg = cfg, .f = f, .c = out, .err = err};
	struct blocker_filter bf = {.site = f->site, .open_only = true};
	struct sr_moment m_now, m_last;
	sr_minute last = 0;
	enum sr_status s;

	memset(out, 0, sizeof(*out));
	moment_at(&m_now, now);
	out->today = b.today = m_now.day;
	strlcpy_ok(out->at, m_now.at, sizeof(out->at));
	if (since)
		strlcpy_ok(out->since, since, sizeof(out->since));
	else
		call_last(cfg, b.today, out->since, sizeof(out->since));
	{
		char minute[DATETIME_BUF];

		strlcpy_ok(minute, out->since, sizeof(minute));
		if (!datetime_parse(minute, &last))
			last = now + 1;
	}
	if (last > now)
		return sr_fail(err, SR_EINVAL, "the last call (%.16s) is not "
			       "a time before now", out->since);
	moment_at(&m_last, last);
	b.last_day = m_last.day;
	out->blockers.by_owner = xcalloc(cfg->nowners + 1,
					 sizeof(*out->blockers.by_owner));
	/* Ended in the 7 days: from 00:00 six days before today (as the
	 * report's blockers.closed_7d); the window of recorded closings
	 * read starts a day earlier, which holds every one of them. */
	date_format(out->today - 6, b.week_start);
	strlcpy_ok(b.week_start + DATE_BUF - 1, "T00:00:00",
		   sizeof(b.week_start) - (DATE_BUF - 1));
	date_format(out->today - 7, b.week_ago);
	strlcpy_ok(b.week_ago + DATE_BUF - 1, "T00:00:00",
		   sizeof(b.week_ago) - (DATE_BUF - 1));
	if ((s = store_read_begin(st, err)) != SR_OK)
		return s;
	s = store_in_bed_each(st, &m_last, f->site, was_row, &b, err);
	if (s == SR_OK) {
		if (b.nwas)
			qsort(b.was, b.nwas, sizeof(*b.was), cmp_id);
		s = store_blockers_each(st, &bf, open_row, &b, err);
	}
	if (s == SR_OK)
		s = store_in_bed_each(st, &m_now, f->site, now_row, &b, err);
	if (s == SR_OK)
		s = store_discharged_between(st, out->since, out->at, f->site,
					     left_row, &b, err);
	if (s == SR_OK)
		s = store_blockers_recorded(st, out->since, out->at, f->site,
					    f->owner, blocker_row, &b, err);
	if (s == SR_OK)
		s = store_edd_moves(st, out->since, out->at, f->site, edd_row,
				    &b, err);
	if (s == SR_OK)
		s = store_blockers_recorded(st, b.week_ago, out->at, f->site,
					    f->owner, closed_row, &b, err);
	if (s == SR_OK)
		median_close(&b);
	if (s == SR_OK && f->owner)
		owner_only(&b);
	if (s == SR_OK)
		s = details(st, out, err);
	store_read_end(st);
	free(b.was);
	free(b.open);
	free(b.closed_days);
	if (s != SR_OK) {
		call_free(out);
		return s;
	}
	/* qsort's pointer must not be null, even for no elements. */
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), cmp_item);
	if (out->nchanges)
		qsort(out->changes, out->nchanges, sizeof(*out->changes),
		      cmp_change);
	return SR_OK;
}

void call_free(struct call *c)
{
	for (size_t i = 0; i < c->n; i++) {
		struct call_item *it = &c->items[i];
		char *text[] = {it->site, it->ward, it->bed, it->mrn,
				it->given, it->family, it->admitted_at,
				it->edd, it->drd, it->code, it->agency,
				it->owner, it->due};

		for (size_t k = 0; k < ARRAY_SIZE(text); k++)
			free(text[k]);
	}
	for (size_t i = 0; i < c->nchanges; i++) {
		struct call_change *ch = &c->changes[i];

		free(ch->site);
		free(ch->mrn);
		free(ch->at);
		free(ch->what);
		free(ch->by);
	}
	free(c->items);
	free(c->changes);
	free(c->blockers.by_owner);
	memset(c, 0, sizeof(*c));
}
