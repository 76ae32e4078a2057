/* The board pack's charts as inline SVG: the delayed bed days of the month
 * against the trajectory, and the XmR chart of a headline figure from the
 * trend and spc modules' output (its points, mean, process limits,
 * special causes and Making Data Count icons). Each chart is an
 * <svg role="img"> whose title and description say in words what it
 * shows; colour is never the only signal (special causes carry their
 * rule's letter, last year's points are hollow, lines differ by dash).
 * Colours: Making Data Count's hues, darkened where needed to keep a 3:1
 * contrast against white for marks and 4.5:1 for text (WCAG AA). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "report_pack_internal.h"
#include "sitrep/spc.h"

#define INK "#212b32"         /* text */
#define INK_SOFT "#4c6272"    /* axes, labels, the data line */
#define GRID "#d8dde0"        /* decorative */
#define COMMON "#6b7780"      /* common cause */
#define IMPROVEMENT "#1d6fb8" /* special cause improvement */
#define CONCERN "#b35c00"     /* special cause concern */
#define NEUTRAL "#490092"     /* special cause, neither */
#define ACTUAL "#005eb8"      /* the month's delayed bed days */
#define TARGET "#b0261a"      /* a target line */

#define W 520
#define H 230      /* an SPC chart */
#define H_TRAJ 180 /* the trajectory */
#define LEFT 46
#define RIGHT 12
#define TOP 14
#define BOTTOM 34

struct scale {
	double lo, hi;
	double x0, x1, y0, y1; /* plot area: y0 top, y1 bottom */
	size_t n;              /* points along x */
};

static double sx(const struct scale *s, double i)
{
	if (s->n <= 1)
		return (s->x0 + s->x1) / 2;
	return s->x0 + i * (s->x1 - s->x0) / (double)(s->n - 1);
}

static double sy(const struct scale *s, double v)
{
	return s->y1 - (v - s->lo) / (s->hi - s->lo) * (s->y1 - s->y0);
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most 5 ticks. */
static double tick_step(double range)
{
	double raw = range / 4, p = pow(10, floor(log10(raw)));

	if (raw <= p)
		return p;
	if (raw <= 2 * p)
		return 2 * p;
	if (raw <= 5 * p)
		return 5 * p;
	return 10 * p;
}

/* Widens [lo, hi] to whole ticks; returns the step. */
static double nice_range(double *lo, double *hi)
{
	double step;

	if (!(*hi > *lo)) {
		*hi = *lo + 1;
		*lo -= 1;
	}
	step = tick_step(*hi - *lo);
	*lo = floor(*lo / step) * step;
	*hi = ceil(*hi / step) * step;
	return step;
}

static void put_num(FILE *f, double v, double step)
{
	if (step >= 1 || v == floor(v))
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.1f", v);
}

static void axes(FILE *f, const struct scale *s, double step)
{
	for (double v = s->lo; v <= s->hi + step / 2; v += step) {
		double y = sy(s, v);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"" GRID "\"/>", s->x0, y, s->x1,
			y);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			   "font-size=\"10\" fill=\"" INK_SOFT "\">", s->x0 - 4,
			y + 3.5);
		put_num(f, v, step);
		fputs("</text>", f);
	}
	fprintf(f, "\n<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"" INK_SOFT "\"/>\n", s->x0, s->y1, s->x1, s->y1);
}

static void x_label(FILE *f, const struct scale *s, double x,
		    const char *text, const char *anchor)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		   "font-size=\"10\" fill=\"" INK_SOFT "\">", x, s->y1 + 14,
		anchor);
	pack_html(f, text);
	fputs("</text>\n", f);
}

static void svg_open(FILE *f, int h, const char *label)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		   "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		   "aria-label=\"", W, h, W, h);
	pack_html(f, label);
	fputs("\">\n<title>", f);
	pack_html(f, label);
	fputs("</title>\n", f);
}

/* ---- the trajectory -----------------------------------------------------*/

void pack_svg_trajectory(FILE *f, const struct pack *p)
{
	const struct trajectory_status *t = &p->m.trajectory;
	int dim = t->days_in_month, day = t->day_of_month;
	struct scale s = {0, 0, LEFT, W - RIGHT, TOP, H_TRAJ - BOTTOM,
			  (size_t)dim + 1};
	char label[400], a[32], b[32];
	double cum = 0, step, top;
	int y, mo, d;

	date_to_ymd(p->m.day, &y, &mo, &d);
	report_fmt1(a, t->expected_to_date, "none");
	report_fmt1(b, t->projected, "none");
	if (t->target >= 0)
		snprintf(label, sizeof(label), "Delayed bed days, %s %d: %ld "
			 "by day %d of %d against %s expected to date; the "
			 "month's end projected at %s against a trajectory of "
			 "%d (%s)", report_month_name(mo), y, t->mtd, day, dim,
			 a, b, t->target, report_trajectory_status(t));
	else
		snprintf(label, sizeof(label), "Delayed bed days, %s %d: %ld "
			 "by day %d of %d, projected at %s at the month's end; "
			 "no trajectory for the month", report_month_name(mo),
			 y, t->mtd, day, dim, b);
	top = (double)t->mtd;
	if (t->target > top)
		top = t->target;
	if (!isnan(t->projected) && t->projected > top)
		top = t->projected;
	s.hi = top > 0 ? top * 1.05 : 1;
	step = nice_range(&s.lo, &s.hi);
	svg_open(f, H_TRAJ, label);
	fputs("<desc>Each day's cumulative delayed bed days from the 1st: ",
	      f);
	for (size_t i = 0; i < p->ndbd; i++) {
		cum += p->dbd_day[i];
		fprintf(f, "%sday %zu %.0f", i ? ", " : "", i + 1, cum);
	}
	fprintf(f, "%sday %d %ld.</desc>\n", p->ndbd ? ", " : "", day, t->mtd);
	axes(f, &s, step);
	if (t->target >= 0)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"" TARGET "\" stroke-width=\"1.5\" "
			   "stroke-dasharray=\"6 4\"/>\n", sx(&s, 0), sy(&s, 0),
			sx(&s, dim), sy(&s, t->target));
	fprintf(f, "<polyline fill=\"none\" stroke=\"" ACTUAL "\" "
		   "stroke-width=\"2\" points=\"%.1f,%.1f", sx(&s, 0),
		sy(&s, 0));
	cum = 0;
	for (size_t i = 0; i < p->ndbd; i++) {
		cum += p->dbd_day[i];
		fprintf(f, " %.1f,%.1f", sx(&s, (double)(i + 1)), sy(&s, cum));
	}
	fprintf(f, " %.1f,%.1f\"/>\n", sx(&s, day), sy(&s, (double)t->mtd));
	fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" ACTUAL
		   "\"/>\n", sx(&s, day), sy(&s, (double)t->mtd));
	if (!isnan(t->projected) && day < dim)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"" ACTUAL "\" stroke-width=\"1.5\" "
			   "stroke-dasharray=\"2 3\"/>\n", sx(&s, day),
			sy(&s, (double)t->mtd), sx(&s, dim),
			sy(&s, t->projected));
	snprintf(a, sizeof(a), "1 %.3s", report_month_name(mo));
	x_label(f, &s, sx(&s, 1), a, "middle");
	snprintf(a, sizeof(a), "%d %.3s", day, report_month_name(mo));
	if (day > 4 && day < dim - 4)
		x_label(f, &s, sx(&s, day), a, "middle");
	snprintf(a, sizeof(a), "%d %.3s", dim, report_month_name(mo));
	x_label(f, &s, sx(&s, dim), a, "end");
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"" INK
		   "\">solid: month to date; dashed: trajectory; dotted: "
		   "projection</text>\n", LEFT, H_TRAJ - 6);
	fputs("</svg>\n", f);
}

/* ---- the XmR chart ------------------------------------------------------*/

static const char *type_colour(enum spc_type t)
{
	switch (t) {
	case SPC_IMPROVEMENT: return IMPROVEMENT;
	case SPC_CONCERN: return CONCERN;
	case SPC_NEUTRAL_HIGH:
	case SPC_NEUTRAL_LOW: return NEUTRAL;
	case SPC_COMMON: break;
	}
	return COMMON;
}

static const char *type_words(enum spc_type t)
{
	switch (t) {
	case SPC_IMPROVEMENT: return "special cause improvement";
	case SPC_CONCERN: return "special cause concern";
	case SPC_NEUTRAL_HIGH:
	case SPC_NEUTRAL_LOW: return "special cause, neither better nor worse";
	case SPC_COMMON: break;
	}
	return "common cause variation";
}

static void finite_range(const struct trend *t, const struct spc_options *o,
			 double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t i = 0; i < t->n; i++) {
		const double v[] = {t->p[i].value, t->pt[i].lpl, t->pt[i].upl};

		for (size_t k = 0; k < 3; k++)
			if (isfinite(v[k])) {
				if (v[k] < *lo)
					*lo = v[k];
				if (v[k] > *hi)
					*hi = v[k];
			}
	}
	if (o->has_target) {
		if (o->target < *lo)
			*lo = o->target;
		if (o->target > *hi)
			*hi = o->target;
	}
	if (!isfinite(*lo)) {
		*lo = 0;
		*hi = 1;
	}
}

/* A segment's horizontal line at value v from point a to point b. */
static void seg_line(FILE *f, const struct scale *s, size_t a, size_t b,
		     double v, const char *dash)
{
	if (!isfinite(v))
		return;
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		   "stroke=\"" INK_SOFT "\" stroke-width=\"1.2\"%s%s%s/>\n",
		sx(s, (double)a), sy(s, v), sx(s, (double)b), sy(s, v),
		dash ? " stroke-dasharray=\"" : "", dash ? dash : "",
		dash ? "\"" : "");
}

void pack_svg_spc(FILE *f, const struct pack_chart *c, bool month)
{
	const struct trend *t = &c->t;
	const struct spc_point *last = &t->pt[t->n - 1];
	struct scale s = {0, 0, LEFT, W - RIGHT, TOP, H - BOTTOM, t->n};
	char label[400], a[DATE_BUF], b[DATE_BUF], m1[32], m2[32], m3[32];
	double step;

	(void)month;
	trend_period_label(t->by, &t->p[t->nbase], a);
	trend_period_label(t->by, &t->p[t->n - 1], b);
	report_fmt1(m1, t->p[t->n - 1].value, "none");
	report_fmt1(m2, last->mean, "none");
	report_fmt1(m3, last->lpl, "none");
	snprintf(label, sizeof(label), "%s by %s, %s to %s: last value %s, "
		 "mean %s, process limits %s to ", t->title, trend_by_name(t->by),
		 a, b, m1, m2, m3);
	report_fmt1(m1, last->upl, "none");
	snprintf(label + strlen(label), sizeof(label) - strlen(label),
		 "%s; the last point: %s", m1, type_words(last->type));
	finite_range(t, &t->o, &s.lo, &s.hi);
	step = nice_range(&s.lo, &s.hi);
	svg_open(f, H, label);
	fputs("<desc>", f);
	for (size_t i = 0; i < t->n; i++) {
		trend_period_label(t->by, &t->p[i], a);
		report_fmt1(m1, t->p[i].value, "none");
		fprintf(f, "%s%s%s %s%s", i ? "; " : "",
			i < t->nbase ? "last year " : "", a, m1,
			t->pt[i].rule ? " (special cause)" : "");
	}
	fputs(".</desc>\n", f);
	axes(f, &s, step);
	/* Each segment's mean and limits. */
	for (size_t i = 0; i < t->n;) {
		size_t j = i;

		while (j + 1 < t->n && t->pt[j + 1].segment == t->pt[i].segment)
			j++;
		seg_line(f, &s, i, j, t->pt[i].mean, NULL);
		seg_line(f, &s, i, j, t->pt[i].upl, "5 3");
		seg_line(f, &s, i, j, t->pt[i].lpl, "5 3");
		i = j + 1;
	}
	if (t->o.has_target) {
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"" TARGET "\" stroke-width=\"1.2\" "
			   "stroke-dasharray=\"1 3\"/>", s.x0, sy(&s, t->o.target),
			s.x1, sy(&s, t->o.target));
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			   "font-size=\"10\" fill=\"" TARGET "\">target ",
			s.x1, sy(&s, t->o.target) - 3);
		put_num(f, t->o.target, 0.1);
		fputs("</text>\n", f);
	}
	fputs("<polyline fill=\"none\" stroke=\"" INK_SOFT "\" "
	      "stroke-width=\"1\" points=\"", f);
	for (size_t i = 0; i < t->n; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", sx(&s, (double)i),
			sy(&s, t->p[i].value));
	fputs("\"/>\n", f);
	for (size_t i = 0; i < t->n; i++) {
		const struct spc_point *q = &t->pt[i];
		double x = sx(&s, (double)i), y = sy(&s, t->p[i].value);

		if (i < t->nbase)
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.8\" "
				   "fill=\"#fff\" stroke=\"" COMMON "\"/>", x, y);
		else
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" "
				   "fill=\"%s\"/>", x, y, type_colour(q->type));
		if (q->rule && i >= t->nbase)
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				   "text-anchor=\"middle\" font-size=\"9\" "
				   "fill=\"" INK "\">%s</text>", x,
				q->rule_side < 0 ? y + 12 : y - 6,
				spc_rule_letter(q->rule));
		fputc('\n', f);
	}
	trend_period_label(t->by, &t->p[0], a);
	x_label(f, &s, sx(&s, 0), a, "start");
	if (t->nbase > 0 && t->nbase < t->n - 1) {
		trend_period_label(t->by, &t->p[t->nbase], a);
		x_label(f, &s, sx(&s, (double)t->nbase), a, "middle");
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			   "y2=\"%.1f\" stroke=\"" INK_SOFT "\" "
			   "stroke-dasharray=\"1 2\"/>\n",
			sx(&s, (double)t->nbase - 0.5), s.y0,
			sx(&s, (double)t->nbase - 0.5), s.y1);
	}
	trend_period_label(t->by, &t->p[t->n - 1], a);
	x_label(f, &s, sx(&s, (double)(t->n - 1)), a, "end");
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"" INK
		   "\">solid: mean; dashed: process limits%s</text>\n", LEFT,
		H - 6, t->nbase ? "; hollow: last year" : "");
	fputs("</svg>\n", f);
}

/* ---- the icons ----------------------------------------------------------*/

static void icon(FILE *f, const char *fill, const char *letter,
		 const char *words)
{
	fprintf(f, "<span><svg xmlns=\"http://www.w3.org/2000/svg\" "
		   "viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" "
		   "aria-hidden=\"true\"><circle cx=\"12\" cy=\"12\" r=\"11\" "
		   "fill=\"%s\"/><text x=\"12\" y=\"16.5\" "
		   "text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" "
		   "fill=\"#fff\" data-bg=\"%s\">%s</text></svg>%s</span>",
		fill, fill, letter, words);
}

void pack_spc_icons(FILE *f, const struct pack_chart *c)
{
	const struct spc_summary *sum = &c->t.sum;
	char words[96];
	const char *side = sum->icon_side > 0 ? "H" : sum->icon_side < 0 ?
								 "L" :
								 "C";

	snprintf(words, sizeof(words), "Variation: %s%s",
		 type_words(sum->icon),
		 sum->icon == SPC_COMMON ? "" :
		 sum->icon_side > 0	 ? ", high" :
		 sum->icon_side < 0	 ? ", low" :
					   "");
	fputs("<div class=\"icons\">", f);
	icon(f, type_colour(sum->icon), sum->icon == SPC_COMMON ? "C" : side,
	     words);
	switch (sum->assurance) {
	case SPC_ASSURANCE_PASS:
		icon(f, IMPROVEMENT, "P", "Assurance: the target is always met");
		break;
	case SPC_ASSURANCE_FAIL:
		icon(f, CONCERN, "F", "Assurance: the target is never met");
		break;
	case SPC_ASSURANCE_INCONSISTENT:
		icon(f, COMMON, "?", "Assurance: the target is met only at "
				     "times");
		break;
	case SPC_ASSURANCE_NONE:
		break;
	}
	fputs("</div>\n", f);
}
