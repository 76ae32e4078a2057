/* The morning report (see include/sitrep/report.h): reading its figures
 * in one snapshot, the format switch and the helpers every rendering
 * shares: rounding, and text that is safe to print and measured in display
 * columns. */
#include "sitrep/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "sitrep/text.h"
#include "sitrep/util.h"

static const char *const format_names[] = {
#define REPORT_FORMAT_NAME(e, name) name,
	REPORT_FORMAT_TABLE(REPORT_FORMAT_NAME)
#undef REPORT_FORMAT_NAME
};

bool report_format_parse(const char *s, enum report_format *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(format_names); i++)
		if (strcmp(s, format_names[i]) == 0) {
			*out = (enum report_format)i;
			return true;
		}
	return false;
}

double report_round1(double v)
{
	double r;

	if (isnan(v))
		return v;
	r = round(v * 10.0) / 10.0;
	return r == 0 ? 0 : r; /* no "-0.0" */
}

void report_fmt1(char buf[32], double v, const char *nan_text)
{
	if (isnan(v) || isinf(v))
		snprintf(buf, 32, "%s", nan_text);
	else
		snprintf(buf, 32, "%.1f", report_round1(v));
}

/* Text goes through the text module: whatever a terminal must not receive
 * raw (controls, bidirectional controls, bytes that are not UTF-8...) is
 * a '?', and widths come from its table, whatever the locale. */
char *report_clean(const char *s)
{
	return text_clean(s, TEXT_QUESTION);
}

int report_width(const char *s)
{
	return text_width(s, TEXT_QUESTION);
}

/* The character at s (len bytes left): returns its length in bytes and
 * sets *width to its display columns. */
static size_t char_at(const char *s, size_t len, int *width)
{
	struct text_char c;
	size_t n = text_next(s, len, TEXT_QUESTION, &c);

	*width = c.width;
	return n;
}

static void spaces(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* Writes the first characters of clean text s that fit in cols columns;
 * returns the columns used. */
static int put_fitting(FILE *f, const char *s, int cols)
{
	size_t len = strlen(s), n;
	int used = 0, w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		if (used + w > cols)
			break;
		fwrite(s + i, 1, n, f);
		used += w;
	}
	return used;
}

void report_cell(FILE *f, const char *s, int width, bool right)
{
	char *c = report_clean(s);
	int w = report_width(c);

	if (w <= width) {
		if (right)
			spaces(f, width - w);
		fputs(c, f);
		if (!right)
			spaces(f, width - w);
	} else if (width > 0) {
		w = put_fitting(f, c, width - 1);
		fputc('~', f);
		spaces(f, width - 1 - w);
	}
	free(c);
}

/* Writes clean text s[0..len), breaking the line (then indenting) where a
 * character would pass the edge; *col tracks the column. */
static void put_breaking(FILE *f, const char *s, size_t len, int *col,
			 int indent)
{
	size_t n;
	int w;

	for (size_t i = 0; i < len; i += n) {
		n = char_at(s + i, len - i, &w);
		if (*col + w > REPORT_WIDTH && *col > indent) {
			fputc('\n', f);
			spaces(f, indent);
			*col = indent;
		}
		fwrite(s + i, 1, n, f);
		*col += w;
	}
}

static int width_n(const char *s, size_t len)
{
	char *part = xstrndup(s, len);
	int w = report_width(part);

	free(part);
	return w;
}

void report_wrap(FILE *f, const char *text, int at, int indent,
		 const char *sep)
{
	char *clean = report_clean(text);
	size_t seplen = strlen(sep), taillen = seplen;
	const char *p = clean;
	int col = at, pending = 0;
	bool fresh = true; /* nothing written on this line yet */

	while (taillen > 0 && sep[taillen - 1] == ' ')
		taillen--; /* what of sep stays at the end of a line */
	while (*p) {
		const char *end = strstr(p, sep);
		size_t toklen = end ? (size_t)(end - p) : strlen(p);
		int need = width_n(p, toklen) + (end ? (int)taillen : 0);

		if (toklen == 0 && end) { /* separators in a row */
			pending += (int)seplen;
			p = end + seplen;
			continue;
		}
		if (fresh) {
			pending = 0;
		} else if (col + pending + need > REPORT_WIDTH) {
			fputc('\n', f);
			spaces(f, indent);
			col = indent;
		} else {
			spaces(f, pending);
			col += pending;
		}
		put_breaking(f, p, toklen, &col, indent);
		if (end) {
			fwrite(sep, 1, taillen, f);
			col += (int)taillen;
		}
		pending = end ? (int)(seplen - taillen) : 0;
		fresh = false;
		p = end ? end + seplen : p + toklen;
	}
	fputc('\n', f);
	free(clean);
}

static bool has_text(const char *s)
{
	return s && *s;
}

char *report_patient(const struct stay *s, bool show_names)
{
	const char *family = s->v[SF_FAMILY_NAME], *given = s->v[SF_GIVEN_NAME];
	char buf[64];

	if (!has_text(family) && !has_text(given))
		return NULL;
	if (!show_names) {
		stay_initials(given, family, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (has_text(family) && has_text(given))
		return xasprintf("%s, %s", family, given);
	return xstrdup(has_text(family) ? family : given);
}

void report_explain(const struct config *cfg, const struct site_metrics *sm,
		    char *buf, size_t size)
{
	double value[METRIC_COUNT];

	for (int i = 0; i < METRIC_COUNT; i++)
		value[i] = report_round1(sm->value[i]);
	opel_explain(&cfg->opel.kind[sm->site->kind], value, &sm->opel, buf,
		     size);
}

void report_kinds_present(const struct system_metrics *m,
			  bool present[SITE_KIND_COUNT])
{
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		present[k] = false;
	for (size_t i = 0; i < m->nsites; i++)
		present[m->sites[i].site->kind] = true;
}

bool report_filtered(const struct system_metrics *m)
{
	return m->nsites < m->cfg->nsites;
}

struct report_declared report_declared_whole(const struct system_metrics *m)
{
	const struct site_metrics *sm = &m->sites[0];

	if (report_filtered(m) && m->nsites == 1)
		return (struct report_declared){sm->declared, sm->declared_at,
						sm->declared_by,
						sm->declared_note};
	return (struct report_declared){m->declared, m->declared_at,
					m->declared_by, m->declared_note};
}

const char *report_trajectory_status(const struct trajectory_status *t)
{
	return metrics_verdict_text(t->verdict);
}

/* ---- the moment --------------------------------------------------------*/

static const char *const day_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};
static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

const char *report_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}

void report_long_date(sr_day d, bool with_year, char *buf, size_t size)
{
	int y, mo, dd;

	date_to_ymd(d, &y, &mo, &dd);
	if (with_year)
		snprintf(buf, size, "%s %d %s %d", day_names[date_weekday(d)],
			 dd, month_names[mo - 1], y);
	else
		snprintf(buf, size, "%s %d %s", day_names[date_weekday(d)], dd,
			 month_names[mo - 1]);
}

void report_moment(const struct system_metrics *m, char *buf, size_t size)
{
	char day[48];
	int minute = datetime_minute_of_day(m->as_at);

	report_long_date(m->day, true, day, sizeof(day));
	if (m->live)
		snprintf(buf, size, "as at %02d:%02d, %s", minute / 60,
			 minute % 60, day);
	else
		snprintf(buf, size, "at the end of %s (the midnight census)",
			 day);
}

void report_moment_at(const struct system_metrics *m,
		      char buf[DATETIME_BUF])
{
	datetime_format(m->as_at, buf);
}

/* ---- the figures of a row ----------------------------------------------*/

#define GETTER(name, expr)                                                 \
	static double get_##name(const struct flow_counts *c, size_t k)    \
	{                                                                  \
		(void)k;                                                   \
		return (double)(expr);                                     \
	}

GETTER(beds, c->beds)
GETTER(beds_closed, c->closed)
GETTER(beds_escalation, c->escalation)
GETTER(beds_available, metrics_available(c))
GETTER(free_beds, metrics_free_beds(c))
GETTER(occupied, c->occupied)
GETTER(occupancy_pct, metrics_pct(c->occupied, metrics_available(c)))
GETTER(edd_today_confirmed, c->edd_today_confirmed)
GETTER(edd_today_possible, c->edd_today_possible)
GETTER(edd_tomorrow_confirmed, c->edd_tomorrow_confirmed)
GETTER(edd_tomorrow_possible, c->edd_tomorrow_possible)
GETTER(adm_expected_noon, c->adm_expected_noon)
GETTER(adm_expected_midnight, c->adm_expected_midnight)
GETTER(projected_noon, c->projected_noon)
GETTER(projected_midnight, c->projected_midnight)
GETTER(adm_mtd, c->adm_mtd)
GETTER(adm_mtd_step_up, c->adm_mtd_step_up)
GETTER(adm_mtd_step_down, c->adm_mtd_step_down)
GETTER(step_up_pct, metrics_step_up_pct(c))
GETTER(dis28_weekend, c->dis28_weekend)
GETTER(dis28_weekday, c->dis28_weekday)
GETTER(weekend_rate_pct, 100 * metrics_weekend_ratio(c))
GETTER(stranded, c->stranded)
GETTER(stranded_pct, metrics_pct(c->stranded, c->occupied))
GETTER(super_stranded, c->super_stranded)
GETTER(super_stranded_pct, metrics_pct(c->super_stranded, c->occupied))
GETTER(g2g, c->g2g)
GETTER(g2g_pct_beds, metrics_pct(c->g2g, metrics_available(c)))
GETTER(g2g_by_reason, c->g2g_by_reason[k])
GETTER(g2g_by_agency, c->g2g_by_agency[k])
GETTER(g2g_by_los, c->g2g_by_los[k])
GETTER(dbd_day, c->g2g)
GETTER(dbd_7d, c->delayed_bed_days_7d)
GETTER(dbd_mtd, c->delayed_bed_days_mtd)
GETTER(dbd_mtd_by_reason, c->dbd_mtd_by_reason[k])
GETTER(dbd_mtd_by_agency, c->dbd_mtd_by_agency[k])
GETTER(dis_d1, c->discharges_d1)
GETTER(dis_d1_am, c->discharges_d1_am)
GETTER(dis_d1_am_pct, metrics_pct(c->discharges_d1_am, c->discharges_d1))
GETTER(dis_d1_pathway, c->discharges_d1_pathway[k])
GETTER(w7_n, c->w7.discharges)
GETTER(w7_g2g, metrics_mean(c->w7.g2g_to_discharge, c->w7.with_g2g))
GETTER(w7_los, metrics_mean(c->w7.los, c->w7.discharges))
GETTER(w7_edd, metrics_pct(c->w7.on_or_before_edd, c->w7.discharges))
GETTER(w30_n, c->w30.discharges)
GETTER(w30_g2g, metrics_mean(c->w30.g2g_to_discharge, c->w30.with_g2g))
GETTER(w30_los, metrics_mean(c->w30.los, c->w30.discharges))
GETTER(w30_edd, metrics_pct(c->w30.on_or_before_edd, c->w30.discharges))
GETTER(no_edd, c->no_edd)
GETTER(edd_passed, c->edd_passed)
GETTER(red_days, c->red_days)
GETTER(green_days, c->green_days)
GETTER(readmissions_30d, c->readmissions_30d)
GETTER(blockers_open, c->blockers_open)
GETTER(blockers_overdue, c->blockers_overdue)
GETTER(blockers_by_family, c->blockers_by_family[k])
GETTER(blockers_by_agency, c->blockers_by_agency[k])
GETTER(blockers_by_owner, c->blockers_by_owner[k])
GETTER(blockers_closed_7d, c->blockers_closed_7d)
GETTER(blockers_median, c->blockers_median_days_to_close)
GETTER(escalated, c->escalated)
GETTER(escalated_by_role, c->escalated_by_role[k])

#define BOTH (REPORT_COL_JSON | REPORT_COL_CSV)
#define COL(group, key, csv, type, formats, get, help) \
	{group, key, csv, type, formats, get_##get, help},

const struct report_col report_cols[] = {
	COL(NULL, "beds", "beds", RC_INT, BOTH, beds,
	    "configured beds (the bed base)")
	COL(NULL, "beds_closed", "beds_closed", RC_INT, BOTH, beds_closed,
	    "beds closed at the moment (bed state)")
	COL(NULL, "beds_escalation", "beds_escalation", RC_INT, BOTH,
	    beds_escalation, "escalation beds open at the moment")
	COL(NULL, "beds_available", "beds_available", RC_INT, BOTH,
	    beds_available, "beds - closed + escalation")
	COL(NULL, "free_beds", "free_beds", RC_INT, BOTH, free_beds,
	    "available - occupied (negative: over capacity)")
	COL(NULL, "occupied", "occupied", RC_INT, BOTH, occupied,
	    "patients in a bed at the moment of the report")
	COL(NULL, "occupancy_pct", "occupancy_pct", RC_NUM, BOTH,
	    occupancy_pct, "occupied as % of available beds")
	COL("bed_balance", "edd_today_confirmed", "edd_today_confirmed",
	    RC_INT, BOTH, edd_today_confirmed,
	    "in a bed with an EDD of D, a confirmed discharge")
	COL("bed_balance", "edd_today_possible", "edd_today_possible", RC_INT,
	    BOTH, edd_today_possible,
	    "in a bed with an EDD of D, a possible discharge (or not said)")
	COL("bed_balance", "edd_tomorrow_confirmed", "edd_tomorrow_confirmed",
	    RC_INT, BOTH, edd_tomorrow_confirmed,
	    "in a bed with an EDD of D+1, confirmed")
	COL("bed_balance", "edd_tomorrow_possible", "edd_tomorrow_possible",
	    RC_INT, BOTH, edd_tomorrow_possible,
	    "in a bed with an EDD of D+1, possible (or not said)")
	COL("bed_balance", "expected_admissions_to_noon",
	    "expected_admissions_to_noon", RC_NUM, BOTH, adm_expected_noon,
	    "mean admissions from the moment's time to 12:00 on the same "
	    "weekday of the 4 weeks before")
	COL("bed_balance", "expected_admissions_to_midnight",
	    "expected_admissions_to_midnight", RC_NUM, BOTH,
	    adm_expected_midnight,
	    "the same to midnight")
	COL("bed_balance", "projected_free_noon", "projected_free_noon",
	    RC_NUM, BOTH, projected_noon,
	    "free beds + confirmed EDD-today discharges - expected admissions "
	    "to noon (null after noon or at a day's end)")
	COL("bed_balance", "projected_free_midnight",
	    "projected_free_midnight", RC_NUM, BOTH, projected_midnight,
	    "free beds + all EDD-today discharges - expected admissions to "
	    "midnight (null at a day's end)")
	COL("admissions_mtd", "count", "admissions_mtd", RC_INT, BOTH, adm_mtd,
	    "admissions from the 1st of D's month to the moment")
	COL("admissions_mtd", "step_up", "admissions_mtd_step_up", RC_INT,
	    BOTH, adm_mtd_step_up, "... from home or the community")
	COL("admissions_mtd", "step_down", "admissions_mtd_step_down", RC_INT,
	    BOTH, adm_mtd_step_down, "... from an acute bed")
	COL("admissions_mtd", "step_up_pct", "admissions_mtd_step_up_pct",
	    RC_NUM, BOTH, step_up_pct, "step-up as % of step-up and step-down")
	COL("discharges_28d", "weekend", "discharges_28d_weekend", RC_INT,
	    BOTH, dis28_weekend,
	    "discharges dated D-28 .. D-1 on Saturdays and Sundays (8 days)")
	COL("discharges_28d", "weekday", "discharges_28d_weekday", RC_INT,
	    BOTH, dis28_weekday, "... on the 20 other days")
	COL("discharges_28d", "weekend_rate_pct",
	    "discharges_28d_weekend_rate_pct", RC_NUM, BOTH, weekend_rate_pct,
	    "discharges per weekend day as % of those per weekday")
	COL(NULL, "stranded", "stranded", RC_INT, BOTH, stranded,
	    "in a bed with LOS >= stranded_days")
	COL(NULL, "stranded_pct", "stranded_pct", RC_NUM, BOTH, stranded_pct,
	    "stranded as % of occupied")
	COL(NULL, "super_stranded", "super_stranded", RC_INT, BOTH,
	    super_stranded, "in a bed with LOS >= super_stranded_days")
	COL(NULL, "super_stranded_pct", "super_stranded_pct", RC_NUM, BOTH,
	    super_stranded_pct, "super-stranded as % of occupied")
	COL(NULL, "g2g", "g2g", RC_INT, BOTH, g2g,
	    "delayed: in a bed with g2g_date <= D (green to go)")
	COL(NULL, "g2g_pct_beds", "g2g_pct_beds", RC_NUM, BOTH, g2g_pct_beds,
	    "g2g as % of available beds")
	COL(NULL, "delayed_patients_by_reason", "delayed_patients_reason_",
	    RC_REASON, BOTH, g2g_by_reason,
	    "delayed patients by delay reason")
	COL(NULL, "delayed_patients_by_agency", "delayed_patients_agency_",
	    RC_AGENCY, BOTH, g2g_by_agency,
	    "delayed patients by responsible agency")
	COL(NULL, "delayed_patients_by_los", "delayed_patients_los_",
	    RC_LOS_BAND, BOTH, g2g_by_los,
	    "delayed patients by length of stay on D: 0-6, 7-13, 14-20, "
	    "21+ days")
	COL("delayed_bed_days", "day", "delayed_bed_days_day", RC_INT, BOTH,
	    dbd_day, "delayed bed days of D (equals g2g)")
	COL("delayed_bed_days", "7d", "delayed_bed_days_7d", RC_INT, BOTH,
	    dbd_7d, "delayed bed days of D-6 .. D")
	COL("delayed_bed_days", "mtd", "delayed_bed_days_mtd", RC_INT, BOTH,
	    dbd_mtd, "delayed bed days from the 1st of D's month to D")
	COL(NULL, "bed_days_mtd_by_reason", "dbd_mtd_reason_", RC_REASON,
	    REPORT_COL_CSV, dbd_mtd_by_reason,
	    "delayed bed days month to date by reason (JSON: under dtoc)")
	COL(NULL, "bed_days_mtd_by_agency", "dbd_mtd_agency_", RC_AGENCY,
	    REPORT_COL_CSV, dbd_mtd_by_agency,
	    "delayed bed days month to date by agency (JSON: under dtoc)")
	COL("discharges_yesterday", "total", "discharges_yesterday", RC_INT,
	    BOTH, dis_d1, "discharges dated D-1")
	COL("discharges_yesterday", "before_midday",
	    "discharges_yesterday_before_midday", RC_INT, BOTH, dis_d1_am,
	    "... before 12:00")
	COL("discharges_yesterday", "before_midday_pct",
	    "discharges_yesterday_before_midday_pct", RC_NUM, BOTH,
	    dis_d1_am_pct, "before midday as % of them")
	COL("discharges_yesterday", "by_pathway",
	    "discharges_yesterday_pathway_", RC_PATHWAY, BOTH, dis_d1_pathway,
	    "discharges of D-1 by pathway")
	COL("discharges_7d", "count", "discharges_7d", RC_INT, BOTH, w7_n,
	    "discharges dated D-7 .. D-1")
	COL("discharges_7d", "mean_g2g_to_discharge_days",
	    "discharges_7d_mean_g2g_to_discharge_days", RC_NUM, BOTH, w7_g2g,
	    "mean days from g2g_date to discharge, of those with one")
	COL("discharges_7d", "mean_los_days", "discharges_7d_mean_los_days",
	    RC_NUM, BOTH, w7_los, "mean length of stay")
	COL("discharges_7d", "on_or_before_edd_pct",
	    "discharges_7d_on_or_before_edd_pct", RC_NUM, BOTH, w7_edd,
	    "discharged on or before the EDD, % (no EDD: missed)")
	COL("discharges_30d", "count", "discharges_30d", RC_INT, BOTH, w30_n,
	    "discharges dated D-30 .. D-1")
	COL("discharges_30d", "mean_g2g_to_discharge_days",
	    "discharges_30d_mean_g2g_to_discharge_days", RC_NUM, BOTH,
	    w30_g2g, "as for 7 days")
	COL("discharges_30d", "mean_los_days", "discharges_30d_mean_los_days",
	    RC_NUM, BOTH, w30_los, "as for 7 days")
	COL("discharges_30d", "on_or_before_edd_pct",
	    "discharges_30d_on_or_before_edd_pct", RC_NUM, BOTH, w30_edd,
	    "as for 7 days")
	COL(NULL, "no_edd", "no_edd", RC_INT, BOTH, no_edd,
	    "in a bed with no EDD")
	COL(NULL, "edd_passed", "edd_passed", RC_INT, BOTH, edd_passed,
	    "in a bed with EDD < D")
	COL(NULL, "red_days", "red_days", RC_INT, BOTH, red_days,
	    "red day marks of D")
	COL(NULL, "green_days", "green_days", RC_INT, BOTH, green_days,
	    "green day marks of D")
	COL(NULL, "readmissions_30d", "readmissions_30d", RC_INT, BOTH,
	    readmissions_30d,
	    "admitted D-29 .. D within 28 days of a discharge (same NHS number)")
	COL("blockers", "open", "blockers_open", RC_INT, BOTH, blockers_open,
	    "blockers open at the moment")
	COL("blockers", "overdue", "blockers_overdue", RC_INT, BOTH,
	    blockers_overdue, "... with a due date before D")
	COL("blockers", "by_family", "blockers_family_", RC_FAMILY, BOTH,
	    blockers_by_family, "open blockers by family of their code")
	COL("blockers", "by_agency", "blockers_agency_", RC_AGENCY, BOTH,
	    blockers_by_agency, "open blockers by responsible agency")
	COL("blockers", "by_owner", "blockers_owner_", RC_OWNER, BOTH,
	    blockers_by_owner, "open blockers by owner")
	COL("blockers", "closed_7d", "blockers_closed_7d", RC_INT, BOTH,
	    blockers_closed_7d, "blockers ended D-6 00:00 .. the moment")
	COL("blockers", "median_days_to_close",
	    "blockers_median_days_to_close", RC_NUM, BOTH, blockers_median,
	    "median days open (end date - opening date) of those")
	COL("escalated", "total", "escalated", RC_INT, BOTH, escalated,
	    "patients in a bed escalated by the config's rules")
	COL("escalated", "by_role", "escalated_role_", RC_ROLE, BOTH,
	    escalated_by_role, "... by the most senior role they reach")
};
const size_t report_ncols = ARRAY_SIZE(report_cols);

#undef COL
#undef BOTH
#undef GETTER

size_t report_col_nkeys(const struct config *cfg, enum report_col_type t)
{
	switch (t) {
	case RC_REASON: return cfg->ndelay_reasons + 1;
	case RC_AGENCY: return AGENCY_COUNT + 1;
	case RC_PATHWAY: return 5;
	case RC_LOS_BAND: return METRICS_LOS_BANDS;
	case RC_FAMILY: return FAMILY_COUNT + 1;
	case RC_OWNER: return cfg->nowners + 1;
	case RC_ROLE: return cfg->nroles;
	case RC_INT:
	case RC_NUM: break;
	}
	return 1;
}

const char *report_col_key(const struct config *cfg, enum report_col_type t,
			   size_t k)
{
	switch (t) {
	case RC_REASON:
		return k < cfg->ndelay_reasons ? cfg->delay_reasons[k].code :
						 "none";
	case RC_AGENCY:
		return k < AGENCY_COUNT ? agency_code((enum agency)k) : "none";
	case RC_PATHWAY:
		return k < PATHWAY_COUNT ? pathway_name((enum pathway)k) :
					   "none";
	case RC_LOS_BAND: {
		static const char *const bands[METRICS_LOS_BANDS] = {
			"0-6", "7-13", "14-20", "21+",
		};

		return k < METRICS_LOS_BANDS ? bands[k] : "";
	}
	case RC_FAMILY:
		return k < FAMILY_COUNT ?
			       blocker_family_name((enum blocker_family)k) :
			       "other";
	case RC_OWNER:
		return k < cfg->nowners ? cfg->owners[k].code : "none";
	case RC_ROLE:
		return k < cfg->nroles ? cfg->roles[k] : "";
	case RC_INT:
	case RC_NUM: break;
	}
	return "";
}

enum sr_status report_read(struct store *st, const struct config *cfg,
			   const struct sr_moment *mo, const char *site,
			   bool (*fn)(void *ctx, const struct stay *s),
			   void *ctx, struct system_metrics *m,
			   struct sr_error *err)
{
	enum sr_status s = metrics_compute_at(st, cfg, mo, site, m, err);

	for (size_t i = 0; s == SR_OK && i < m->nlongest; i++)
		if (!fn(ctx, &m->longest[i]))
			break;
	return s;
}

bool report_write(FILE *out, const struct system_metrics *m,
		  const struct stay *delayed, size_t n,
		  const struct report_options *opt)
{
	if (n > REPORT_LONGEST)
		n = REPORT_LONGEST;
	switch (opt->format) {
	case REPORT_TEXT:
		report_text(out, m, delayed, n, opt->show_names);
		break;
	case REPORT_CSV:
		report_csv(out, m);
		break;
	case REPORT_JSON:
		report_json(out, m, delayed, n, opt->show_names);
		break;
	}
	return fflush(out) == 0 && !ferror(out);
}
