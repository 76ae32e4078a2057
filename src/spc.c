/* XmR charts (Making Data Count): see include/sitrep/spc.h. Each segment
 * is computed on its own: limits from its baseline, then the four rules
 * over its points, then each point's type from the rule of highest
 * precedence that marks it. */
#include "sitrep/spc.h"

#include <math.h>
#include <stdio.h>

/* The mean and limits of the segment y[0..m-1] from its first b points. */
static void segment_limits(const double *y, size_t m, size_t b, bool screen,
			   struct spc_point *lim)
{
	if (b == 0 || b > m)
		b = m;
	double sum = 0;
	for (size_t i = 0; i < b; i++)
		sum += y[i];
	lim->mean = sum / (double)b;
	lim->lpl = lim->upl = lim->nlpl = lim->nupl = NAN;
	if (b < 2)
		return;
	double mr = 0;
	for (size_t i = 1; i < b; i++)
		mr += fabs(y[i] - y[i - 1]);
	double amr = mr / (double)(b - 1);
	if (screen && amr > 0) {
		double kept = 0;
		size_t nkept = 0;
		for (size_t i = 1; i < b; i++) {
			double r = fabs(y[i] - y[i - 1]);
			if (r < SPC_SCREEN * amr) {
				kept += r;
				nkept++;
			}
		}
		if (nkept > 0)
			amr = kept / (double)nkept;
	}
	double near = (2.0 * SPC_LIMIT / 3.0) * amr;
	lim->upl = lim->mean + SPC_LIMIT * amr;
	lim->lpl = lim->mean - SPC_LIMIT * amr;
	lim->nupl = lim->mean + near;
	lim->nlpl = lim->mean - near;
}

/* Marks p[i] with rule r and side s unless a rule of higher precedence
 * (a smaller enum value) already marks it. */
static void mark(struct spc_point *p, enum spc_rule r, int s)
{
	if (p->rule == SPC_RULE_NONE || r < p->rule) {
		p->rule = r;
		p->rule_side = s;
	}
}

/* The step from a to b: +1 rising, -1 falling, 0 a tie. */
static int step(double a, double b)
{
	return (b > a) - (b < a);
}

/* The rules over one segment p[0..m-1] with values y[0..m-1]. */
static void segment_rules(const double *y, struct spc_point *p, size_t m)
{
	for (size_t i = 0; i < m; i++)
		if (p[i].outside)
			mark(&p[i], SPC_RULE_OUTSIDE, y[i] > p[i].upl ? 1 : -1);

	/* Trend: run = how many steps in a row in one direction end at i. */
	size_t run = 0;
	int dir = 0;
	for (size_t i = 1; i < m; i++) {
		int s = step(y[i - 1], y[i]);
		run = s != 0 && s == dir ? run + 1 : (s != 0);
		dir = s;
		if (run >= SPC_RUN - 1)
			for (size_t j = i + 1 - SPC_RUN; j <= i; j++)
				mark(&p[j], SPC_RULE_TREND, dir);
	}

	/* Two of three: a window of three on one side of the mean, two or
	 * more of them beyond the near limit on that side. */
	for (size_t i = 0; i + 3 <= m; i++) {
		int s = p[i].side;
		if (s == 0 || p[i + 1].side != s || p[i + 2].side != s)
			continue;
		int close = p[i].close + p[i + 1].close + p[i + 2].close;
		if (close < 2)
			continue;
		for (size_t j = i; j < i + 3; j++)
			if (p[j].close)
				mark(&p[j], SPC_RULE_TWO_OF_THREE, s);
	}

	/* Shift: SPC_RUN points in a row on one side of the mean. */
	run = 0;
	for (size_t i = 0; i < m; i++) {
		int s = p[i].side;
		run = s != 0 && i > 0 && s == p[i - 1].side ? run + 1 : (s != 0);
		if (run >= SPC_RUN)
			for (size_t j = i + 1 - SPC_RUN; j <= i; j++)
				mark(&p[j], SPC_RULE_SHIFT, s);
	}
}

static enum spc_type point_type(enum spc_direction d, int side)
{
	if (side == 0)
		return SPC_COMMON;
	if (d == SPC_NEUTRAL)
		return side > 0 ? SPC_NEUTRAL_HIGH : SPC_NEUTRAL_LOW;
	return side == (int)d ? SPC_IMPROVEMENT : SPC_CONCERN;
}

int spc_compute(const double *y, size_t n, const struct spc_options *o,
		struct spc_point *pt, struct spc_summary *sum, char *err,
		size_t errsize)
{
	if (n == 0) {
		snprintf(err, errsize, "no values: a chart needs at least one");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!isfinite(y[i])) {
			snprintf(err, errsize, "value %zu is not a finite number",
				 i + 1);
			return -1;
		}
	if (o->baseline == 1) {
		snprintf(err, errsize, "a baseline of 1 point has no moving "
			 "range: give 0 (every point) or 2 or more");
		return -1;
	}
	for (size_t r = 0; r < o->nrebase; r++) {
		size_t at = o->rebase[r];
		if (at == 0 || at >= n || (r > 0 && at <= o->rebase[r - 1])) {
			snprintf(err, errsize, "rebase point %zu: must be inside "
				 "the series (1 to %zu) and after the one before",
				 at, n - 1);
			return -1;
		}
	}

	size_t start = 0;
	for (size_t seg = 0; seg <= o->nrebase; seg++) {
		size_t end = seg < o->nrebase ? o->rebase[seg] : n;
		size_t m = end - start;
		struct spc_point lim;
		segment_limits(y + start, m, o->baseline, o->screen, &lim);
		for (size_t i = start; i < end; i++) {
			struct spc_point *p = &pt[i];
			*p = lim;
			p->segment = seg;
			p->side = (y[i] > p->mean) - (y[i] < p->mean);
			/* Comparisons with NaN limits are false: no limits,
			 * nothing outside or close. */
			p->outside = y[i] > p->upl || y[i] < p->lpl;
			p->close = !p->outside &&
				   (y[i] > p->nupl || y[i] < p->nlpl);
			p->rule = SPC_RULE_NONE;
			p->rule_side = 0;
		}
		segment_rules(y + start, pt + start, m);
		for (size_t i = start; i < end; i++)
			pt[i].type = point_type(o->direction, pt[i].rule_side);
		if (seg == o->nrebase)
			sum->trial = m < SPC_TRIAL_BELOW;
		start = end;
	}

	const struct spc_point *last = &pt[n - 1];
	sum->icon = last->type;
	sum->icon_side = last->rule_side;
	sum->assurance = SPC_ASSURANCE_NONE;
	if (o->has_target && o->direction != SPC_NEUTRAL &&
	    !isnan(last->upl)) {
		int above = o->target > last->upl, below = o->target < last->lpl;
		if (!above && !below)
			sum->assurance = SPC_ASSURANCE_INCONSISTENT;
		else if ((above && o->direction == SPC_UP) ||
			 (below && o->direction == SPC_DOWN))
			sum->assurance = SPC_ASSURANCE_FAIL;
		else
			sum->assurance = SPC_ASSURANCE_PASS;
	}
	return 0;
}

const char *spc_rule_letter(enum spc_rule r)
{
	static const char *const l[] = {"-", "O", "T", "2", "S"};
	return (size_t)r < sizeof l / sizeof *l ? l[r] : "?";
}

const char *spc_rule_name(enum spc_rule r)
{
	static const char *const l[] = {"none", "outside", "trend",
					"two_of_three", "shift"};
	return (size_t)r < sizeof l / sizeof *l ? l[r] : "?";
}

const char *spc_type_name(enum spc_type t)
{
	static const char *const l[] = {"common", "improvement", "concern",
					"neutral_high", "neutral_low"};
	return (size_t)t < sizeof l / sizeof *l ? l[t] : "?";
}

const char *spc_icon_name(enum spc_type t, int side)
{
	switch (t) {
	case SPC_COMMON:
		return "common_cause";
	case SPC_IMPROVEMENT:
		return side > 0 ? "improvement_high" : "improvement_low";
	case SPC_CONCERN:
		return side > 0 ? "concern_high" : "concern_low";
	case SPC_NEUTRAL_HIGH:
		return "neutral_high";
	case SPC_NEUTRAL_LOW:
		return "neutral_low";
	}
	return "?";
}

const char *spc_assurance_name(enum spc_assurance a)
{
	static const char *const l[] = {"none", "pass", "fail",
					"inconsistent"};
	return (size_t)a < sizeof l / sizeof *l ? l[a] : "?";
}
