/* Every figure of the metrics module on a hand-built fixture: two sites,
 * stays across October and November 2026, the arithmetic written out
 * beside each assertion. The day D is Tuesday 2026-11-10. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/census.h"
#include "sitrep/metrics.h"
#include "sitrep/report.h"
#include "sitrep/util.h"

#include "fixture.h"

static const char config_yaml[] =
	"system: { name: Fixture }\n"
	"delay_vocabulary: dtoc\n" /* the census's codes: A, B, D1, E, ... */
	"thresholds: { stranded_days: 7, super_stranded_days: 21 }\n"
	"opel:\n"
	"  acute:\n"
	"    rule: highest\n"
	"    metrics:\n"
	"      occupancy_pct: { levels: [50, 70, 90] }\n"
	"      g2g_pct: { levels: [15, 25, 35] }\n"
	"      super_stranded: { levels: [1, 2, 3] }\n"
	"  community:\n"
	"    rule: weighted\n"
	"    metrics:\n"
	"      occupancy_pct: { levels: [30, 50, 70], weight: 2 }\n"
	"      g2g_pct: { levels: [10, 20, 30] }\n"
	"    bands: [2, 4, 6]\n"
	"  system_rule: highest\n"
	"trajectory:\n"
	"  - { from: 2026-10, bed_days: 100 }\n"
	"sites:\n"
	"  - code: ACU\n"
	"    name: Acute\n"
	"    kind: acute\n"
	"    wards: [ { code: A, name: Ward A, beds: 10 } ]\n"
	"  - code: COM\n"
	"    name: Community\n"
	"    kind: community\n"
	"    beds: 5\n";

/* S8 and S9 share an NHS number: S9 is a readmission 3 days after S8. */
static const char census[] =
	"site,mrn,nhs_number,admitted_at,edd,g2g_date,pathway,delay_reason,"
	"delay_agency,discharged_at\n"
	/* ACU, in a bed on D */
	"ACU,S1,,2026-10-01T10:00,2026-10-20,2026-10-25,,E,ASC,\n"
	"ACU,S2,,2026-11-01T09:00,,2026-11-09,,D2,ASC,\n"
	"ACU,S3,,2026-11-08T23:00,2026-11-12,,,,,\n"
	"ACU,S4,,2026-11-10T08:00,2026-11-10,,,,,\n"
	"ACU,S9,9990000018,2026-11-06T10:00,2026-11-15,,,,,\n"
	"ACU,S10,,2026-11-07T10:00,,2026-11-12,,,,\n"
	/* ACU, discharged */
	"ACU,S5,,2026-10-20T10:00,2026-11-05,2026-11-02,1,A,NHS,"
	"2026-11-09T11:30\n"
	"ACU,S6,,2026-11-05T12:00,2026-11-09,,0,,,2026-11-09T15:00\n"
	"ACU,S7,,2026-11-10T01:00,,,,,,2026-11-10T09:00\n"
	"ACU,S8,9990000018,2026-10-15T10:00,2026-11-04,2026-10-28,2,E,both,"
	"2026-11-03T10:00\n"
	/* COM */
	"COM,C1,,2026-09-01T10:00,,2026-10-10,,D1,ASC,\n"
	"COM,C2,,2026-11-09T10:00,,,,,,\n"
	"COM,C3,,2026-10-01T10:00,,2026-10-20,3,B,ASC,2026-11-08T10:00\n";

struct fixture {
	char dir[64];
	struct config *cfg;
	struct store *st;
	sr_day d;
};

static const struct store_actor loader = {.by = "loader", .at = "2026-11-10T23:00:00"};

static int64_t stay_id(struct fixture *f, const char *site, const char *mrn)
{
	int64_t *ids, id;
	size_t n;
	struct sr_error err = {0};

	assert_int_equal(store_stay_by_mrn(f->st, site, mrn, &ids, &n, &err),
			 SR_OK);
	assert_int_equal(n, 1);
	id = ids[0];
	free(ids);
	return id;
}

static void mark(struct fixture *f, const char *mrn, const char *site,
		 const char *day, const char *colour)
{
	struct sr_error err = {0};

	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_day_mark(f->st, stay_id(f, site, mrn), day,
					colour, NULL, &loader, &err), SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
}

static void declare(struct fixture *f, const char *site, int level,
		    const char *at)
{
	struct store_actor who = {.by = "alice", .at = at};
	struct sr_error err = {0};

	assert_int_equal(store_opel_declare(f->st, site, level, "call", &who,
					    &err), SR_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/sitrep-metrics-XXXXXX");
	if (fixture_open(f->dir, config_yaml, census, &loader, &f->cfg,
			 &f->st) != 0)
		return -1;
	*state = f;
	mark(f, "S1", "ACU", "2026-11-10", "red");
	mark(f, "S2", "ACU", "2026-11-10", "green");
	mark(f, "S3", "ACU", "2026-11-10", "green");
	mark(f, "S1", "ACU", "2026-11-09", "green"); /* not D */
	mark(f, "C1", "COM", "2026-11-10", "red");
	declare(f, "ACU", 3, "2026-11-10T07:00:00");
	declare(f, "ACU", 2, "2026-11-11T07:00:00"); /* after D */
	declare(f, STORE_SYSTEM, 4, "2026-11-09T08:00:00");
	assert_true(date_parse("2026-11-10", &f->d));
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fixture_close(f->dir, f->st, f->cfg);
	free(f);
	return 0;
}

static size_t reason(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->ndelay_reasons; i++)
		if (strcmp(cfg->delay_reasons[i].code, code) == 0)
			return i;
	fail_msg("no reason %s", code);
	return 0;
}

static void test_acute_site(void **state)
{
	struct fixture *f = *state;
	struct system_metrics m;
	struct sr_error err = {0};
	const struct flow_counts *c;
	const struct site_metrics *s;

	assert_int_equal(metrics_compute(f->st, f->cfg, f->d, NULL, &m, &err),
			 SR_OK);
	assert_int_equal(m.nsites, 2);
	s = &m.sites[0];
	c = &s->c;
	assert_string_equal(s->site->code, "ACU");
	assert_int_equal(c->beds, 10);
	/* In a bed at the end of D: S1 S2 S3 S4 S9 S10 (S5 S6 left on D-1,
	 * S7 on D, S8 on 11-03). */
	assert_int_equal(c->occupied, 6);
	assert_true(fabs(s->value[METRIC_OCCUPANCY_PCT] - 60.0) < 1e-9);
	/* LOS: S1 40, S2 9, S3 2, S4 0, S9 4, S10 3. */
	assert_int_equal(c->stranded, 2);       /* S1, S2 */
	assert_int_equal(c->super_stranded, 1); /* S1 */
	assert_true(fabs(s->value[METRIC_STRANDED_PCT] - 100.0 * 2 / 6) < 1e-9);
	/* G2G by D: S1 (10-25), S2 (11-09); S10's 11-12 is after D. */
	assert_int_equal(c->g2g, 2);
	assert_true(fabs(s->value[METRIC_G2G_PCT] - 20.0) < 1e-9);
	assert_int_equal(c->g2g_by_reason[reason(f->cfg, "E")], 1);
	assert_int_equal(c->g2g_by_reason[reason(f->cfg, "D2")], 1);
	assert_int_equal(c->g2g_by_agency[AGENCY_ASC], 2);
	assert_int_equal(c->g2g_by_agency[AGENCY_NHS], 0);
	assert_int_equal(c->no_edd, 2);     /* S2, S10 */
	assert_int_equal(c->edd_passed, 1); /* S1; S4's EDD is D itself */
	/* Delayed bed days, Nov 1-10: S1 10 (1..10), S2 2 (9, 10),
	 * S5 7 (2..8), S8 2 (1, 2) = 21. */
	assert_int_equal(c->delayed_bed_days_mtd, 21);
	assert_int_equal(c->dbd_mtd_by_reason[reason(f->cfg, "E")], 12);
	assert_int_equal(c->dbd_mtd_by_reason[reason(f->cfg, "D2")], 2);
	assert_int_equal(c->dbd_mtd_by_reason[reason(f->cfg, "A")], 7);
	assert_int_equal(c->dbd_mtd_by_agency[AGENCY_ASC], 12);
	assert_int_equal(c->dbd_mtd_by_agency[AGENCY_NHS], 7);
	assert_int_equal(c->dbd_mtd_by_agency[AGENCY_BOTH], 2);
	/* Nov 4-10: S1 7, S2 2, S5 5 (4..8), S8 0. */
	assert_int_equal(c->delayed_bed_days_7d, 14);
	/* D-1 (Monday 11-09): S5 at 11:30 (pathway 1), S6 at 15:00 (0). */
	assert_false(m.yesterday_weekend);
	assert_int_equal(c->discharges_d1, 2);
	assert_int_equal(c->discharges_d1_am, 1);
	assert_int_equal(c->discharges_d1_pathway[0], 1);
	assert_int_equal(c->discharges_d1_pathway[1], 1);
	assert_int_equal(c->discharges_d1_pathway[4], 0);
	/* Discharges 11-03..11-09: S5, S6, S8. G2G to discharge: S5 7,
	 * S8 6. LOS: S5 20, S6 4, S8 19. On or before EDD: S6, S8. */
	assert_int_equal(c->w7.discharges, 3);
	assert_int_equal(c->w7.with_g2g, 2);
	assert_int_equal(c->w7.g2g_to_discharge, 13);
	assert_int_equal(c->w7.los, 43);
	assert_int_equal(c->w7.on_or_before_edd, 2);
	assert_int_equal(c->w30.discharges, 3);
	assert_int_equal(c->red_days, 1);   /* S1 */
	assert_int_equal(c->green_days, 2); /* S2, S3 */
	assert_int_equal(c->readmissions_30d, 1); /* S9 after S8 */
	/* OPEL, highest rule: occupancy 60 >= 50 (L2), G2G 20 >= 15 (L2),
	 * super-stranded 1 >= 1 (L2). */
	assert_int_equal(s->opel.level, 2);
	assert_int_equal(s->opel.drivers, (1u << METRIC_OCCUPANCY_PCT) |
					    (1u << METRIC_G2G_PCT) |
					    (1u << METRIC_SUPER_STRANDED));
	/* Declared 3 on D; the 2 declared on 11-11 is not yet in force. */
	assert_int_equal(s->declared, 3);
	assert_string_equal(s->declared_at, "2026-11-10T07:00:00");
	assert_string_equal(s->declared_by, "alice");
	assert_string_equal(s->declared_note, "call");
	metrics_free(&m);
}

static void test_community_site_and_system(void **state)
{
	struct fixture *f = *state;
	struct system_metrics m;
	struct sr_error err = {0};
	const struct flow_counts *c, *t;
	const struct site_metrics *s;

	assert_int_equal(metrics_compute(f->st, f->cfg, f->d, NULL, &m, &err),
			 SR_OK);
	s = &m.sites[1];
	c = &s->c;
	assert_int_equal(c->beds, 5);
	assert_int_equal(c->occupied, 2); /* C1, C2 */
	assert_int_equal(c->stranded, 1); /* C1: LOS 70 */
	assert_int_equal(c->super_stranded, 1);
	assert_int_equal(c->g2g, 1);
	assert_int_equal(c->no_edd, 2);
	/* C1 10 (Nov 1..10) + C3 7 (1..7). */
	assert_int_equal(c->delayed_bed_days_mtd, 17);
	assert_int_equal(c->dbd_mtd_by_reason[reason(f->cfg, "D1")], 10);
	assert_int_equal(c->dbd_mtd_by_reason[reason(f->cfg, "B")], 7);
	assert_int_equal(c->delayed_bed_days_7d, 11); /* C1 7 + C3 4 */
	assert_int_equal(c->discharges_d1, 0);
	/* C3 on 11-08: G2G 19 days before, LOS 38, no EDD. */
	assert_int_equal(c->w7.discharges, 1);
	assert_int_equal(c->w7.g2g_to_discharge, 19);
	assert_int_equal(c->w7.los, 38);
	assert_int_equal(c->w7.on_or_before_edd, 0);
	assert_int_equal(c->red_days, 1);
	/* Weighted: occupancy 40 (L2, weight 2: 2) + G2G 20 (L3, weight 1:
	 * 2) = 4, reaching the second band: level 3. */
	assert_true(fabs(s->opel.score - 4) < 1e-9);
	assert_int_equal(s->opel.level, 3);
	assert_int_equal(s->declared, 0);

	t = &m.total;
	assert_int_equal(t->beds, 15);
	assert_int_equal(t->occupied, 8);
	assert_int_equal(t->stranded, 3);
	assert_int_equal(t->super_stranded, 2);
	assert_int_equal(t->g2g, 3);
	assert_int_equal(t->delayed_bed_days_mtd, 38);
	assert_int_equal(t->delayed_bed_days_7d, 25);
	assert_int_equal(t->w7.discharges, 4);
	assert_int_equal(m.kind[SITE_ACUTE].occupied, 6);
	assert_int_equal(m.kind[SITE_COMMUNITY].occupied, 2);
	assert_int_equal(m.kind[SITE_MENTAL_HEALTH].beds, 0);
	assert_int_equal(m.level, 3); /* highest of 2 and 3 */
	assert_int_equal(m.declared, 4);
	/* Trajectory: 100 a month; Nov 10 of 30: expected 33.3; 38 so far
	 * projects to 38 * 30 / 10 = 114: over. */
	assert_int_equal(m.trajectory.target, 100);
	assert_true(fabs(m.trajectory.expected_to_date - 100.0 / 3) < 1e-9);
	assert_true(fabs(m.trajectory.projected - 114) < 1e-9);
	assert_false(m.trajectory.on_track);
	metrics_free(&m);
}

static void test_weekend_and_only_site(void **state)
{
	struct fixture *f = *state;
	struct system_metrics m;
	struct sr_error err = {0};

	/* D = Monday 11-09: D-1 is Sunday 11-08, when C3 left at 10:00. */
	assert_int_equal(metrics_compute(f->st, f->cfg, f->d - 1, "COM", &m,
					 &err), SR_OK);
	assert_true(m.yesterday_weekend);
	assert_int_equal(m.nsites, 1);
	assert_int_equal(m.total.discharges_d1, 1);
	assert_int_equal(m.total.discharges_d1_am, 1);
	assert_int_equal(m.total.discharges_d1_pathway[3], 1);
	assert_int_equal(m.total.beds, 5);
	metrics_free(&m);
	assert_int_equal(metrics_compute(f->st, f->cfg, f->d, "NOPE", &m,
					 &err), SR_ENOTFOUND);
}

/* A line of the figures that must not move when later days change. */
static char *snapshot(struct fixture *f, sr_day d)
{
	struct system_metrics m;
	struct sr_error err = {0};
	const struct flow_counts *c;
	char *s;

	assert_int_equal(metrics_compute(f->st, f->cfg, d, NULL, &m, &err),
			 SR_OK);
	c = &m.total;
	s = xasprintf("%d %d %d %d %d %d %d %ld %ld %d %d %d %d %d %d %ld %ld "
		      "%d %d %d", c->occupied, c->stranded, c->super_stranded,
		      c->g2g, c->no_edd, c->edd_passed, c->readmissions_30d,
		      c->delayed_bed_days_7d, c->delayed_bed_days_mtd,
		      c->discharges_d1, c->discharges_d1_am, c->red_days,
		      c->green_days, c->w7.discharges, c->w30.discharges,
		      c->w7.los, c->w30.g2g_to_discharge, m.level, m.declared,
		      m.sites[0].declared);
	metrics_free(&m);
	return s;
}

static void test_past_day_is_stable(void **state)
{
	struct fixture *f = *state;
	struct store_actor later = {.by = "bob", .at = "2026-11-12T10:00:00"};
	struct census_options opt = {.name = "later.csv"};
	struct census_report rep;
	struct sr_error err = {0};
	static const char later_csv[] =
		"site,mrn,admitted_at,discharged_at,g2g_date\n"
		"ACU,S2,2026-11-01T09:00,2026-11-12T10:00,2026-11-09\n"
		"ACU,S3,2026-11-08T23:00,,2026-11-11\n"
		"ACU,N1,2026-11-12T08:00,,\n";
	char *before = snapshot(f, f->d), *after;

	assert_int_equal(census_import(f->st, f->cfg, later_csv,
				       strlen(later_csv), &opt, &later, &rep,
				       &err), SR_OK);
	census_report_free(&rep);
	declare(f, "ACU", 1, "2026-11-12T07:00:00");
	mark(f, "S3", "ACU", "2026-11-11", "red");
	after = snapshot(f, f->d);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* ... while the later day does see them. */
	before = snapshot(f, f->d + 2);
	assert_non_null(before);
	free(before);
}

/* ---- issue 12, defect 19: one snapshot per report ------------------------ */

struct writer {
	struct fixture *f;
	size_t seen;
};

/* Called by report_read for each longest-delayed stay. At the first one,
 * a second user (another connection to the file) makes S3 green to go
 * since 11-05 and commits: a report that read its figures in several
 * snapshots would count S3 in the figures but not in the list. */
static bool write_between(void *ctx, const struct stay *s)
{
	struct writer *w = ctx;
	struct store_actor bob = {.by = "bob", .at = "2026-11-10T12:00:00"};
	struct sr_error err = {0};
	struct store *other;
	struct stay st = {0};
	char *path;

	(void)s;
	if (w->seen++ > 0)
		return true;
	path = xasprintf("%s/fixture.db", w->f->dir);
	other = store_open(path, STORE_READ_WRITE, &err);
	free(path);
	assert_non_null(other);
	assert_int_equal(store_tx_begin(other, &err), SR_OK);
	assert_int_equal(store_stay_get(other, stay_id(w->f, "ACU", "S3"), &st,
					&err), SR_OK);
	stay_set(&st, SF_G2G_DATE, "2026-11-05");
	assert_int_equal(store_stay_update(other, &st, 0, &bob, NULL, &err),
			 SR_OK);
	assert_int_equal(store_tx_commit(other, &err), SR_OK);
	stay_clear(&st);
	store_close(other);
	return true;
}

static void test_defect19_report_one_snapshot(void **state)
{
	struct fixture *f = *state;
	struct writer w = {f, 0};
	struct system_metrics m;
	struct sr_error err = {0};
	struct sr_moment mo;

	metrics_moment_of_day(&mo, f->d);
	assert_int_equal(report_read(f->st, f->cfg, &mo, NULL, write_between,
				     &w, &m, &err), SR_OK);
	/* The list had 3 (C1, S1, S2) and so do the figures: the report's
	 * snapshot was taken before bob's write. */
	assert_int_equal(w.seen, 3);
	assert_int_equal(m.total.g2g, 3);
	assert_int_equal(m.sites[0].c.g2g, 2);
	assert_int_equal(m.sites[0].c.delayed_bed_days_mtd, 21);
	metrics_free(&m);
	/* The write did happen: the next report sees it. */
	assert_int_equal(metrics_compute(f->st, f->cfg, f->d, NULL, &m, &err),
			 SR_OK);
	assert_int_equal(m.total.g2g, 4);
	metrics_free(&m);
}

/* ---- issue 12, defect 21: one definition of "delayed" -------------------- */

static long listed(struct fixture *f, const char *site, const char *day,
		   enum list_filter filter)
{
	struct store_day q;
	struct list_query lq = {.site = site, .filter = filter, .day = &q};
	struct sr_error err = {0};
	sr_day d;
	long n;

	assert_true(date_parse(day, &d));
	store_day_init(&q, d, f->cfg->stranded_days,
		       f->cfg->super_stranded_days);
	assert_int_equal(store_list_count(f->st, &lq, &n, &err), SR_OK);
	return n;
}

static void add_day(void *ctx, const char *day, long delayed)
{
	long *n = ctx;

	(void)day;
	*n += delayed;
}

static void test_defect21_delayed_one_definition(void **state)
{
	struct fixture *f = *state;
	struct store_actor bob = {.by = "bob", .at = "2026-11-10T12:00:00"};
	struct system_metrics m;
	struct sr_error err = {0};
	struct stay st = {0};
	long series = 0;

	/* S3 green to go on D itself: delayed on D (DESIGN §2: g2g_date set
	 * and <= D, in a bed), though for no whole day yet. */
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_stay_get(f->st, stay_id(f, "ACU", "S3"), &st,
					&err), SR_OK);
	stay_set(&st, SF_G2G_DATE, "2026-11-10");
	assert_int_equal(store_stay_update(f->st, &st, 0, &bob, NULL, &err),
			 SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	stay_clear(&st);
	assert_int_equal(metrics_compute(f->st, f->cfg, f->d, NULL, &m, &err),
			 SR_OK);
	/* ACU: S1, S2 and S3; COM: C1. */
	assert_int_equal(m.sites[0].c.g2g, 3);
	assert_int_equal(m.sites[1].c.g2g, 1);
	/* The list's "delayed" filter counts the same patients ... */
	assert_int_equal(listed(f, "ACU", "2026-11-10", LIST_DELAYED),
			 m.sites[0].c.g2g);
	assert_int_equal(listed(f, "COM", "2026-11-10", LIST_DELAYED),
			 m.sites[1].c.g2g);
	/* ... and so does the console's series of delayed patients. */
	assert_int_equal(store_delayed_series(f->st, "2026-11-10",
					      "2026-11-10", NULL, add_day,
					      &series, &err), SR_OK);
	assert_int_equal(series, m.total.g2g);
	metrics_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_acute_site),
		T(test_community_site_and_system),
		T(test_weekend_and_only_site),
		T(test_past_day_is_stable),
		T(test_defect19_report_one_snapshot),
		T(test_defect21_delayed_one_definition),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
