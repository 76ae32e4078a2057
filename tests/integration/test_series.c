/* store_delayed_series on a real database: a hand-built census across the
 * end of October 2026, the day-by-day counts written out beside each
 * assertion, and the series checked against metrics_compute's G2G count of
 * every day (system and each site), which is the definition it must keep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/census.h"
#include "sitrep/metrics.h"
#include "sitrep/util.h"

#include "fixture.h"

#define CONFIG_HEAD                                      \
	"system: { name: Fixture }\n"                    \
	"delay_vocabulary: dtoc\n"                       \
	"trajectory:\n"                                  \
	"  - { from: 2026-10, bed_days: 100 }\n"         \
	"sites:\n"                                       \
	"  - code: ACU\n"                                \
	"    name: Acute\n"                              \
	"    kind: acute\n"                              \
	"    beds: 10\n"

static const char config_yaml[] =
	CONFIG_HEAD
	"  - code: COM\n"
	"    name: Community\n"
	"    kind: community\n"
	"    beds: 5\n";

/* The same system after COM has left the config. */
static const char config_acu_only[] = CONFIG_HEAD;

/* Days in a bed at the end of the day with g2g_date on or before it:
 * S1 10-29 onwards; S2 10-27 .. 10-31 (left 11-01 11:00); S3 10-30 only
 * (admitted 23:00, left 00:30 the next day); S4 green to go after the
 * range; S5 never green to go; S6 left on its green-to-go day; S7 from
 * 10-30 to 11-07 (past the range); C1 to 11-01 (left 11-02 10:00); C2 from
 * 11-02; C3 admitted after the range. */
static const char census[] =
	"site,mrn,admitted_at,g2g_date,delay_reason,discharged_at\n"
	"ACU,S1,2026-10-20T10:00,2026-10-29,E,\n"
	"ACU,S2,2026-10-25T09:00,2026-10-27,A,2026-11-01T11:00\n"
	"ACU,S3,2026-10-30T23:00,2026-10-30,,2026-10-31T00:30\n"
	"ACU,S4,2026-10-01T10:00,2026-11-05,,\n"
	"ACU,S5,2026-10-01T10:00,,,\n"
	"ACU,S6,2026-10-26T10:00,2026-10-28,,2026-10-28T15:00\n"
	"ACU,S7,2026-10-29T10:00,2026-10-30,G,2026-11-08T10:00\n"
	"COM,C1,2026-09-01T10:00,2026-10-10,D1,2026-11-02T10:00\n"
	"COM,C2,2026-11-01T10:00,2026-11-02,,\n"
	"COM,C3,2026-11-05T10:00,2026-11-06,,\n";

struct fixture {
	char dir[64];
	struct config *cfg;
	struct store *st;
};

struct series {
	char day[64][DATE_BUF];
	long n[64];
	size_t count;
};

static const struct store_actor loader = {.by = "loader", .at = "2026-11-10T23:00:00"};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/sitrep-series-XXXXXX");
	if (fixture_open(f->dir, config_yaml, census, &loader, &f->cfg,
			 &f->st) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fixture_close(f->dir, f->st, f->cfg);
	free(f);
	return 0;
}

static void collect(void *ctx, const char *day, long delayed)
{
	struct series *s = ctx;

	assert_true(s->count < ARRAY_SIZE(s->n));
	strlcpy_ok(s->day[s->count], day, DATE_BUF);
	s->n[s->count++] = delayed;
}

static void series(struct fixture *f, const char *from, const char *to,
		   const char *site, struct series *out)
{
	struct sr_error err = {0};

	memset(out, 0, sizeof(*out));
	assert_int_equal(store_delayed_series(f->st, from, to, site, collect,
					      out, &err), SR_OK);
}

static void assert_counts(const struct series *s, const long *want,
			  size_t n)
{
	assert_int_equal(s->count, n);
	for (size_t i = 0; i < n; i++)
		if (s->n[i] != want[i])
			fail_msg("day %zu (%s): %ld delayed, want %ld", i,
				 s->day[i], s->n[i], want[i]);
}

static void test_hand_counted(void **state)
{
	struct fixture *f = *state;
	struct series s;
	/* 10-28 .. 11-03. ACU: S2; S1 S2; S1 S2 S3 S7; S1 S2 S7; S1 S7;
	 * S1 S7; S1 S7. COM: C1 to 11-01, then C2. */
	static const long acu[] = {1, 2, 4, 3, 2, 2, 2};
	static const long com[] = {1, 1, 1, 1, 1, 1, 1};
	static const long all[] = {2, 3, 5, 4, 3, 3, 3};
	static const char *const days[] = {
		"2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31",
		"2026-11-01", "2026-11-02", "2026-11-03",
	};

	series(f, "2026-10-28", "2026-11-03", "ACU", &s);
	assert_counts(&s, acu, ARRAY_SIZE(acu));
	series(f, "2026-10-28", "2026-11-03", "COM", &s);
	assert_counts(&s, com, ARRAY_SIZE(com));
	series(f, "2026-10-28", "2026-11-03", NULL, &s);
	assert_counts(&s, all, ARRAY_SIZE(all));
	/* Every day once, oldest first, across the month end. */
	for (size_t i = 0; i < ARRAY_SIZE(days); i++)
		assert_string_equal(s.day[i], days[i]);
}

static void test_one_day_and_empty(void **state)
{
	struct fixture *f = *state;
	struct series s;
	static const long one[] = {5};
	static const long none[] = {0, 0, 0};

	series(f, "2026-10-30", "2026-10-30", NULL, &s);
	assert_counts(&s, one, 1);
	assert_string_equal(s.day[0], "2026-10-30");
	/* Before anyone was green to go, and a site with no stays: zeros,
	 * but still one value per day. */
	series(f, "2026-09-01", "2026-09-03", NULL, &s);
	assert_counts(&s, none, 3);
	series(f, "2026-10-28", "2026-10-30", "NOPE", &s);
	assert_counts(&s, none, 3);
}

/* The series is the G2G figure of each day: compare with metrics_compute
 * over two months, for the system and for each site. */
static void test_matches_metrics(void **state)
{
	struct fixture *f = *state;
	const char *sites[] = {NULL, "ACU", "COM"};
	sr_day from, to;
	char a[DATE_BUF], b[DATE_BUF];

	assert_true(date_parse("2026-10-01", &from));
	assert_true(date_parse("2026-11-30", &to));
	date_format(from, a);
	date_format(to, b);
	for (size_t k = 0; k < ARRAY_SIZE(sites); k++) {
		struct series s;

		series(f, a, b, sites[k], &s);
		assert_int_equal(s.count, (size_t)(to - from + 1));
		for (sr_day d = from; d <= to; d++) {
			struct system_metrics m;
			struct sr_error err = {0};

			assert_int_equal(metrics_compute(f->st, f->cfg, d,
							 sites[k], &m, &err),
					 SR_OK);
			if (s.n[d - from] != m.total.g2g) {
				char day[DATE_BUF];

				date_format(d, day);
				fail_msg("%s %s: series %ld, metrics %d",
					 sites[k] ? sites[k] : "system", day,
					 s.n[d - from], m.total.g2g);
			}
			metrics_free(&m);
		}
	}
}

static void expect_invalid(struct fixture *f, const char *from,
			   const char *to)
{
	struct series s = {0};
	struct sr_error err = {0};

	assert_int_equal(store_delayed_series(f->st, from, to, NULL, collect,
					      &s, &err), SR_EINVAL);
	assert_int_equal(s.count, 0);
	assert_true(err.msg[0] != '\0');
}

static void test_bad_ranges(void **state)
{
	struct fixture *f = *state;

	expect_invalid(f, "2026-11-03", "2026-10-28"); /* backwards */
	expect_invalid(f, "2026-02-30", "2026-03-01"); /* no such day */
	expect_invalid(f, "2026-10-28", "2026-11-03T10:00");
	expect_invalid(f, "", "2026-11-03");
	expect_invalid(f, NULL, "2026-11-03");
	expect_invalid(f, "1990-01-01", "2026-11-03"); /* too long */
}

/* A site dropped from the config keeps its history (asked for by code) but
 * leaves the system's series, as it leaves metrics_compute's total. */
static void test_dropped_site(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct store_sync_report rep = {0};
	struct config *acu = config_load_buffer("acu.yaml", config_acu_only,
						strlen(config_acu_only),
						&err);
	struct system_metrics m;
	struct series s;
	static const long acu_days[] = {1, 2, 4, 3, 2, 2, 2};
	static const long com_days[] = {1, 1, 1, 1, 1, 1, 1};
	sr_day d;

	assert_non_null(acu);
	assert_int_equal(store_sync_config(f->st, acu, &rep, &err), SR_OK);
	assert_int_equal(rep.ndropped_sites, 1);
	store_sync_report_free(&rep);
	series(f, "2026-10-28", "2026-11-03", NULL, &s);
	assert_counts(&s, acu_days, ARRAY_SIZE(acu_days));
	series(f, "2026-10-28", "2026-11-03", "COM", &s);
	assert_counts(&s, com_days, ARRAY_SIZE(com_days));
	assert_true(date_parse("2026-10-30", &d));
	assert_int_equal(metrics_compute(f->st, acu, d, NULL, &m, &err), SR_OK);
	assert_int_equal(m.total.g2g, 4); /* S1 S2 S3 S7 */
	metrics_free(&m);
	config_free(acu);
}

/* ---- dated facts (issue 13) -------------------------------------------------*/

/* Sets (or clears: NULL) the discharge ready date of the ACU stay mrn,
 * recorded at `at`, true from `from` (NULL: from `at`). */
static void set_g2g(struct fixture *f, const char *mrn, const char *g2g,
		    const char *at, const char *from)
{
	struct store_actor who = {.by = "ward", .at = at, .from = from,
				  .touched = from ? 1u << SF_G2G_DATE : 0};
	struct sr_error err = {0};
	struct stay s = {0};
	int64_t *ids;
	size_t n, changed = 0;

	assert_int_equal(store_stay_by_mrn(f->st, "ACU", mrn, &ids, &n, &err),
			 SR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_stay_get(f->st, ids[0], &s, &err), SR_OK);
	stay_set(&s, SF_G2G_DATE, g2g);
	assert_int_equal(store_stay_update(f->st, &s, s.version, &who,
					   &changed, &err), SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	assert_int_equal(changed, 1);
	stay_clear(&s);
	free(ids);
}

/* A discharge ready date set today counts from today: the days before
 * keep their counts. */
static void test_set_today_leaves_past(void **state)
{
	struct fixture *f = *state;
	struct series s;
	static const long before[] = {1, 2, 4, 3, 2, 2, 2};
	/* 11-09: S1 S4; 11-10: S5 too (set that evening); 11-11. */
	static const long after[] = {2, 3, 3};

	set_g2g(f, "S5", "2026-10-29", "2026-11-10T23:30:00", NULL);
	series(f, "2026-10-28", "2026-11-03", "ACU", &s);
	assert_counts(&s, before, ARRAY_SIZE(before));
	series(f, "2026-11-09", "2026-11-11", "ACU", &s);
	assert_counts(&s, after, ARRAY_SIZE(after));
}

/* A backdated date counts from when it was true; a date that ends (the
 * patient meets the criteria to reside again) stops counting then. */
static void test_backdated_and_ended(void **state)
{
	struct fixture *f = *state;
	struct series s;
	/* S5 from 10-31 midday: 10-31 on. */
	static const long s5[] = {1, 2, 4, 4, 3, 3, 3};
	/* S1 meets the criteria again from 11-01 08:00: not from 11-01. */
	static const long s1[] = {1, 2, 4, 4, 2, 2, 2};

	set_g2g(f, "S5", "2026-10-29", "2026-11-10T23:30:00",
		"2026-10-31T12:00:00");
	series(f, "2026-10-28", "2026-11-03", "ACU", &s);
	assert_counts(&s, s5, ARRAY_SIZE(s5));
	set_g2g(f, "S1", NULL, "2026-11-10T23:40:00", "2026-11-01T08:00:00");
	series(f, "2026-10-28", "2026-11-03", "ACU", &s);
	assert_counts(&s, s1, ARRAY_SIZE(s1));
	/* A state ending at the day's last minute has ended by its end. */
	set_g2g(f, "S4", "2026-10-28", "2026-11-10T23:50:00",
		"2026-10-28T00:00:00");
	set_g2g(f, "S4", NULL, "2026-11-10T23:55:00", "2026-10-28T23:59:00");
	series(f, "2026-10-28", "2026-10-28", "ACU", &s);
	assert_counts(&s, s1, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_hand_counted),
		T(test_one_day_and_empty),
		T(test_matches_metrics),
		T(test_bad_ranges),
		T(test_dropped_site),
		T(test_set_today_leaves_past),
		T(test_backdated_and_ended),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
