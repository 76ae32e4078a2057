/* The report's text on delays (see report_text.c): delayed bed days month
 * to date by reason, agency and length of stay in the layout of the DTOC
 * plan's appendix, the blockers, the escalated patients and the longest
 * delayed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_text_internal.h"
#include "sitrep/util.h"

/* ---- DTOC ---------------------------------------------------------------
 * The layout of the DTOC plan's appendix: sites as rows, codes as columns,
 * totals; columns that do not fit in the width go to a further panel. */

struct dtoc_table {
	size_t ncols;
	struct col *cols;
	/* value of column j for a site row i (i == nsites: the total) */
	long (*value)(const struct system_metrics *m, size_t i, size_t j);
};

static const struct flow_counts *row_counts(const struct system_metrics *m,
					    size_t i)
{
	return i < m->nsites ? &m->sites[i].c : &m->total;
}

static long reason_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j <= m->cfg->ndelay_reasons ? c->dbd_mtd_by_reason[j] :
					     c->delayed_bed_days_mtd;
}

static long agency_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j <= AGENCY_COUNT ? c->dbd_mtd_by_agency[j] :
				   c->delayed_bed_days_mtd;
}

static long los_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	return j < METRICS_LOS_BANDS ? c->g2g_by_los[j] : c->g2g;
}

/* The blockers' table: by family, then open, overdue, ended in 7 days
 * and patients escalated. */
enum { BT_OPEN = FAMILY_COUNT + 1, BT_OVERDUE, BT_CLOSED, BT_ESCALATED,
       BT_COUNT };

static long blocker_value(const struct system_metrics *m, size_t i, size_t j)
{
	const struct flow_counts *c = row_counts(m, i);

	switch (j) {
	case BT_OPEN: return c->blockers_open;
	case BT_OVERDUE: return c->blockers_overdue;
	case BT_CLOSED: return c->blockers_closed_7d;
	case BT_ESCALATED: return c->escalated;
	default: return j <= FAMILY_COUNT ? c->blockers_by_family[j] : 0;
	}
}

static int digits(long v)
{
	int n = 1;

	while (v >= 10 || v <= -10) {
		v /= 10;
		n++;
	}
	return n + (v < 0);
}

/* Widths: the header, the widest value (the total row's is the largest,
 * all being non-negative), at least 4. */
static void dtoc_widths(struct text *t, struct dtoc_table *d)
{
	for (size_t j = 0; j < d->ncols; j++) {
		int w = report_width(d->cols[j].head);
		int v = digits(d->value(t->m, t->m->nsites, j));

		w = v > w ? v : w;
		d->cols[j].width = w > 4 ? w : 4;
	}
}

static void dtoc_panel(struct text *t, const struct dtoc_table *d,
		       size_t from, size_t to)
{
	const struct system_metrics *m = t->m;
	char (*cells)[32] = xcalloc(to - from, sizeof(*cells));

	report_put_line(t, "Site", d->cols + from, NULL, to - from);
	for (size_t i = 0; i <= m->nsites; i++) {
		for (size_t j = from; j < to; j++)
			report_fmt_int(cells[j - from], d->value(m, i, j));
		report_put_line(t, i < m->nsites ? m->sites[i].site->code
						 : "Total",
				d->cols + from, cells, to - from);
	}
	free(cells);
}

static void dtoc_table(struct text *t, struct dtoc_table *d)
{
	size_t from = 0;

	dtoc_widths(t, d);
	while (from < d->ncols) {
		size_t to = from;
		int used = t->w0;

		while (to < d->ncols &&
		       (to == from ||
			used + 1 + d->cols[to].width <= REPORT_WIDTH))
			used += 1 + d->cols[to++].width;
		if (from > 0)
			fputc('\n', t->f);
		dtoc_panel(t, d, from, to);
		from = to;
	}
}

static void dtoc_by_reason(struct text *t)
{
	const struct config *cfg = t->cfg;
	size_t n = cfg->ndelay_reasons;
	struct dtoc_table d = {n + 2, xcalloc(n + 2, sizeof(struct col)),
			       reason_value};
	char *legend = xstrdup(""), *next;

	for (size_t i = 0; i < n; i++) {
		d.cols[i].head = cfg->delay_reasons[i].code;
		next = xasprintf("%s%s%s %s", legend, i ? "; " : "",
				 cfg->delay_reasons[i].code,
				 cfg->delay_reasons[i].label);
		free(legend);
		legend = next;
	}
	d.cols[n].head = "none";
	d.cols[n + 1].head = "Total";
	dtoc_table(t, &d);
	next = xasprintf("%s%snone not recorded.", legend, n ? "; " : "");
	fputs("  ", t->f);
	report_wrap(t->f, next, 2, 2, " ");
	free(next);
	free(legend);
	free(d.cols);
}

void report_text_dtoc(struct text *t)
{
	struct col agency_cols[AGENCY_COUNT + 2];
	struct dtoc_table d = {AGENCY_COUNT + 2, agency_cols, agency_value};
	char from[48], to[48];
	int y, mo, day;

	date_to_ymd(t->m->day, &y, &mo, &day);
	snprintf(from, sizeof(from), "1 %s", report_month_name(mo));
	report_long_date(t->m->day, true, to, sizeof(to));
	fprintf(t->f, "\nDelayed bed days month to date (%s to %s) by reason\n",
		from, to);
	dtoc_by_reason(t);
	fputs("\nDelayed bed days month to date by responsible agency\n",
	      t->f);
	for (int a = 0; a < AGENCY_COUNT; a++)
		agency_cols[a].head = agency_code((enum agency)a);
	agency_cols[AGENCY_COUNT].head = "none";
	agency_cols[AGENCY_COUNT + 1].head = "Total";
	dtoc_table(t, &d);
	fputs("  NHS the NHS; ASC adult social care; both NHS and social "
	      "care; none not recorded.\n", t->f);
	{
		static const char *const heads[METRICS_LOS_BANDS] = {
			"0-6", "7-13", "14-20", "21+",
		};
		struct col los_cols[METRICS_LOS_BANDS + 1];
		struct dtoc_table l = {METRICS_LOS_BANDS + 1, los_cols,
				       los_value};

		memset(los_cols, 0, sizeof(los_cols));
		fprintf(t->f, "\nPatients who no longer meet the criteria to "
			"reside (%s) by length of stay\n", t->cfg->nctr_label);
		for (int b = 0; b < METRICS_LOS_BANDS; b++)
			los_cols[b].head = heads[b];
		los_cols[METRICS_LOS_BANDS].head = "Total";
		dtoc_table(t, &l);
		fputs("  length of stay on the day: days since the "
		      "admission date.\n", t->f);
	}
}

/* "name n, name n, ..." of the system's counts, into a new string. */
static char *named_counts(const char *lead, const char *const *names,
			  const int *v, size_t n)
{
	char *out = xstrdup(lead), *next;

	for (size_t i = 0; i < n; i++) {
		next = xasprintf("%s%s%s %d", out, i ? ", " : " ", names[i],
				 v[i]);
		free(out);
		out = next;
	}
	next = xasprintf("%s.", out);
	free(out);
	return next;
}

void report_text_blockers(struct text *t)
{
	static const char *const heads[BT_COUNT] = {
		[FAMILY_HOSPITAL] = "Hospital", [FAMILY_HUB] = "Hub",
		[FAMILY_INTERFACE] = "Interface",
		[FAMILY_CAPACITY] = "Capacity",
		[FAMILY_WELLBEING] = "Wellbeing", [FAMILY_COUNT] = "other",
		[BT_OPEN] = "Open", [BT_OVERDUE] = "Overdue",
		[BT_CLOSED] = "Ended 7d", [BT_ESCALATED] = "Escalated",
	};
	const struct config *cfg = t->cfg;
	const struct flow_counts *c = &t->m->total;
	struct col cols[BT_COUNT];
	struct dtoc_table d = {BT_COUNT, cols, blocker_value};
	const char **names;
	char *line, median[32];
	size_t n;

	memset(cols, 0, sizeof(cols));
	for (int j = 0; j < BT_COUNT; j++)
		cols[j].head = heads[j];
	fputs("\nBlockers (what patients wait for) open at the moment, by "
	      "family\n", t->f);
	dtoc_table(t, &d);
	if (isnan(c->blockers_median_days_to_close))
		snprintf(median, sizeof(median), "-");
	else
		snprintf(median, sizeof(median), "%.1f",
			 c->blockers_median_days_to_close);
	line = xasprintf("Overdue: open with a due date before the day. "
			 "Ended 7d: ended (closed, or by the discharge) from "
			 "00:00 six days before; median days open of those: "
			 "%s. Escalated: patients in a bed the escalation "
			 "rules name a role for.", median);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	n = AGENCY_COUNT + 1;
	names = xcalloc(n + cfg->nowners + cfg->nroles + 1, sizeof(*names));
	for (size_t i = 0; i < AGENCY_COUNT; i++)
		names[i] = agency_code((enum agency)i);
	names[AGENCY_COUNT] = "none";
	line = named_counts("Open by agency (total):", names,
			    c->blockers_by_agency, n);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	for (size_t i = 0; i < cfg->nowners; i++)
		names[i] = cfg->owners[i].code;
	names[cfg->nowners] = "none";
	line = named_counts("Open by owner (total):", names,
			    c->blockers_by_owner, cfg->nowners + 1);
	fputs("  ", t->f);
	report_wrap(t->f, line, 2, 2, " ");
	free(line);
	if (cfg->nroles) {
		for (size_t i = 0; i < cfg->nroles; i++)
			names[i] = cfg->roles[i];
		line = named_counts("Escalated to (total):", names,
				    c->escalated_by_role, cfg->nroles);
		fputs("  ", t->f);
		report_wrap(t->f, line, 2, 2, " ");
		free(line);
	}
	free(names);
}

/* ---- Escalated ----------------------------------------------------------- */

enum { ES_NUM, ES_PATIENT, ES_MRN, ES_SITE, ES_WARD, ES_DELAY, ES_OVERDUE,
       ES_REASON, ES_TO, ES_COUNT };

static const struct {
	const char *head;
	int max;
	bool right;
} es_cols[ES_COUNT] = {
	[ES_NUM] = {"#", 3, true},          [ES_PATIENT] = {"Patient", 20, false},
	[ES_MRN] = {"MRN", 12, false},      [ES_SITE] = {"Site", 8, false},
	[ES_WARD] = {"Ward", 8, false},     [ES_DELAY] = {"Delay", 5, true},
	[ES_OVERDUE] = {"Overdue", 7, true}, [ES_REASON] = {"Reason", 8, false},
	[ES_TO] = {"To", 40, false},
};

static void es_cells(const struct system_metrics *m, size_t i,
		     const char *patient, const char **cell, char (*num)[16])
{
	const struct metrics_escalation *e = &m->escalations[i];
	const struct stay *s = &e->stay;

	snprintf(num[0], 16, "%zu", i + 1);
	snprintf(num[1], 16, "%d", e->delay_days);
	snprintf(num[2], 16, "%d", e->overdue_days);
	cell[ES_NUM] = num[0];
	cell[ES_PATIENT] = patient ? patient : "-";
	cell[ES_MRN] = s->v[SF_MRN] ? s->v[SF_MRN] : "-";
	cell[ES_SITE] = s->v[SF_SITE];
	cell[ES_WARD] = s->v[SF_WARD] ? s->v[SF_WARD] : "-";
	cell[ES_DELAY] = e->delay_days >= 0 ? num[1] : "-";
	cell[ES_OVERDUE] = e->overdue_days >= 0 ? num[2] : "-";
	cell[ES_REASON] = s->v[SF_DELAY_REASON] ? s->v[SF_DELAY_REASON] : "-";
	cell[ES_TO] = m->cfg->roles[e->role];
}

static void es_line(FILE *f, const char **cell, const int *width,
		    bool show_names)
{
	for (int j = 0; j < ES_COUNT; j++) {
		if (j == ES_MRN && !show_names)
			continue;
		if (j > 0)
			fputs("  ", f);
		if (j == ES_TO) { /* no trailing spaces */
			int w = report_width(cell[j]);

			report_cell(f, cell[j], w < width[j] ? w : width[j],
				    false);
		} else {
			report_cell(f, cell[j], width[j], es_cols[j].right);
		}
	}
	fputc('\n', f);
}

void report_text_escalated(struct text *t, bool show_names)
{
	const struct system_metrics *m = t->m;
	const char *cell[ES_COUNT];
	char num[3][16], *patient[METRICS_ESCALATED] = {0};
	int width[ES_COUNT], used = 0;

	if (!t->cfg->nroles)
		return;
	fprintf(t->f, "\nEscalated: %d patient%s; %s%zu, the most senior "
		"role first (%s)\n", m->total.escalated,
		m->total.escalated == 1 ? "" : "s",
		(int)m->nescalations < m->total.escalated ? "the first " : "",
		m->nescalations,
		show_names ? "names shown" : "initials; --show-names for "
					     "names");
	if (!m->nescalations)
		return;
	for (int j = 0; j < ES_COUNT; j++)
		width[j] = report_width(es_cols[j].head);
	for (size_t i = 0; i < m->nescalations; i++) {
		patient[i] = report_patient(&m->escalations[i].stay,
					    show_names);
		es_cells(m, i, patient[i], cell, num);
		for (int j = 0; j < ES_COUNT; j++) {
			int w = report_width(cell[j]);

			w = w < es_cols[j].max ? w : es_cols[j].max;
			width[j] = w > width[j] ? w : width[j];
		}
	}
	for (int j = 0; j < ES_TO; j++)
		if (j != ES_MRN || show_names)
			used += width[j] + 2;
	if (width[ES_TO] > REPORT_WIDTH - used)
		width[ES_TO] = REPORT_WIDTH - used;
	for (int j = 0; j < ES_COUNT; j++)
		cell[j] = es_cols[j].head;
	es_line(t->f, cell, width, show_names);
	for (size_t i = 0; i < m->nescalations; i++) {
		es_cells(m, i, patient[i], cell, num);
		es_line(t->f, cell, width, show_names);
		free(patient[i]);
	}
	fputs("  Delay: days since the discharge ready date; Overdue: days "
	      "the most overdue open\n  blocker is past its due date; Reason: "
	      "the primary blocker's code.\n", t->f);
}

/* ---- Longest delayed ---------------------------------------------------- */

enum { LD_NUM, LD_PATIENT, LD_MRN, LD_SITE, LD_WARD, LD_G2G, LD_DELAY,
       LD_LOS, LD_REASON, LD_AGENCY, LD_PATHWAY, LD_COUNT };

static const struct {
	const char *head;
	int min;
	bool right;
} ld_cols[LD_COUNT] = {
	[LD_NUM] = {"#", 2, true},       [LD_PATIENT] = {"Patient", 8, false},
	[LD_MRN] = {"MRN", 4, false},    [LD_SITE] = {"Site", 4, false},
	[LD_WARD] = {"Ward", 4, false},  [LD_G2G] = {"DRD", 10, false},
	[LD_DELAY] = {"Delay", 5, true}, [LD_LOS] = {"LOS", 4, true},
	[LD_REASON] = {"Reason", 6, false},
	[LD_AGENCY] = {"Agency", 6, false},
	[LD_PATHWAY] = {"Pathway", 7, false},
};

/* The cells of one delayed stay (cells[LD_PATIENT] and [LD_MRN] point into
 * the stay or *patient, which the caller frees). */
static void ld_cells(const struct stay *s, size_t i, sr_day d,
		     bool show_names, char *patient, const char **cell,
		     char (*num)[32])
{
	snprintf(num[0], 32, "%zu", i + 1);
	snprintf(num[1], 32, "%d", stay_delay_days(s, d));
	snprintf(num[2], 32, "%d", stay_los(s, d));
	cell[LD_NUM] = num[0];
	cell[LD_PATIENT] = patient ? patient : "-";
	cell[LD_MRN] = show_names && s->v[SF_MRN] ? s->v[SF_MRN] : "-";
	cell[LD_SITE] = s->v[SF_SITE];
	cell[LD_WARD] = s->v[SF_WARD] ? s->v[SF_WARD] : "-";
	cell[LD_G2G] = s->v[SF_G2G_DATE];
	cell[LD_DELAY] = num[1];
	cell[LD_LOS] = num[2];
	cell[LD_REASON] = s->v[SF_DELAY_REASON] ? s->v[SF_DELAY_REASON] : "-";
	cell[LD_AGENCY] = s->v[SF_DELAY_AGENCY] ? s->v[SF_DELAY_AGENCY] : "-";
	cell[LD_PATHWAY] = s->v[SF_PATHWAY] ? s->v[SF_PATHWAY] : "-";
}

/* Column widths no narrower than floor[] (MRN only with show_names): the
 * row's total width. */
static int ld_total(const int *width, bool show_names)
{
	int total = -2;

	for (int j = 0; j < LD_COUNT; j++)
		if (j != LD_MRN || show_names)
			total += width[j] + 2;
	return total;
}

/* Shrinks the widest column above its floor until the row fits or none
 * can give more. */
static void ld_shrink(int *width, const int *floor, bool show_names)
{
	int total = ld_total(width, show_names);

	while (total > REPORT_WIDTH) {
		int widest = -1;

		for (int j = 0; j < LD_COUNT; j++)
			if ((j != LD_MRN || show_names) &&
			    width[j] > floor[j] &&
			    (widest < 0 || width[j] > width[widest]))
				widest = j;
		if (widest < 0)
			break;
		width[widest]--;
		total--;
	}
}

/* Fits the row in the width: codes give way first (to 8 columns), then the
 * patient (to 14), then every column to its minimum. */
static void ld_fit(int *width, bool show_names)
{
	int floor[LD_COUNT];

	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = width[j];
	floor[LD_SITE] = floor[LD_WARD] = floor[LD_REASON] = 8;
	floor[LD_MRN] = 10;
	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = floor[j] < width[j] ? floor[j] : width[j];
	ld_shrink(width, floor, show_names);
	floor[LD_PATIENT] = width[LD_PATIENT] < 14 ? width[LD_PATIENT] : 14;
	ld_shrink(width, floor, show_names);
	for (int j = 0; j < LD_COUNT; j++)
		floor[j] = ld_cols[j].min;
	ld_shrink(width, floor, show_names);
}

static void ld_line(FILE *f, const char **cell, const int *width,
		    bool show_names)
{
	int last = LD_PATHWAY;

	for (int j = 0; j < LD_COUNT; j++) {
		if (j == LD_MRN && !show_names)
			continue;
		if (j > 0)
			fputs("  ", f);
		if (j == last) { /* no trailing spaces */
			int w = report_width(cell[j]);

			report_cell(f, cell[j], w < width[j] ? w : width[j],
				    false);
		} else {
			report_cell(f, cell[j], width[j], ld_cols[j].right);
		}
	}
	fputc('\n', f);
}

void report_text_longest_delayed(struct text *t, const struct stay *s,
				 size_t n, bool show_names)
{
	const char *cell[LD_COUNT];
	char num[3][32], **patient = xcalloc(n ? n : 1, sizeof(char *));
	int width[LD_COUNT];

	fprintf(t->f, "\nLongest delayed: %zu of %d %s patient%s, longest "
		"first (%s)\n", n, t->m->total.g2g, t->cfg->nctr_label,
		t->m->total.g2g == 1 ? "" : "s",
		show_names ? "names shown" : "initials; --show-names for "
					     "names");
	if (n == 0) {
		fputs("  No patient in a bed is ready to leave (all meet the "
		      "criteria to reside).\n", t->f);
		free(patient);
		return;
	}
	for (int j = 0; j < LD_COUNT; j++) {
		width[j] = report_width(ld_cols[j].head);
		if (width[j] < ld_cols[j].min)
			width[j] = ld_cols[j].min;
	}
	for (size_t i = 0; i < n; i++) {
		patient[i] = report_patient(&s[i], show_names);
		ld_cells(&s[i], i, t->m->day, show_names, patient[i], cell,
			 num);
		for (int j = 0; j < LD_COUNT; j++) {
			int w = report_width(cell[j]);

			width[j] = w > width[j] ? w : width[j];
		}
	}
	ld_fit(width, show_names);
	for (int j = 0; j < LD_COUNT; j++)
		cell[j] = ld_cols[j].head;
	ld_line(t->f, cell, width, show_names);
	for (size_t i = 0; i < n; i++) {
		ld_cells(&s[i], i, t->m->day, show_names, patient[i], cell,
			 num);
		ld_line(t->f, cell, width, show_names);
		free(patient[i]);
	}
	free(patient);
}
