/* The totals that triggers keep for the figures (discharge_day, mark_day,
 * readmission: migration 6) against the same totals computed afresh from
 * the stays, after every kind of change a user can make: admissions,
 * discharges and their undoing, moves between sites, NHS numbers set,
 * changed and cleared, dates moved, red and green days set, changed and
 * removed. A seeded random walk of a few hundred changes, checked every
 * few steps with store_check_totals; and a total changed behind the
 * triggers' back must make that check fail. A bulk load (indexes and
 * triggers set aside, totals computed at the end) gives the same. The
 * delayed patients of each closed day (delay_day, migration 12) too, and
 * the board, which sums them, agrees with the report, which reads the
 * states. And the patients in a bed and stranded at each closed day's end
 * (bed_day, migration 20): equal to the states' counts after every kind
 * of change, a bulk load and a site added, and read by
 * store_state_series as the scan of the states reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/metrics.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

#include "fixture.h"

static const char config_yaml[] =
	"system: { name: Totals }\n"
	"opel:\n"
	"  acute:\n"
	"    rule: highest\n"
	"    metrics:\n"
	"      occupancy_pct: { levels: [50, 70, 90] }\n"
	"  system_rule: highest\n"
	"sites:\n"
	"  - code: ACU\n"
	"    name: Acute\n"
	"    kind: acute\n"
	"    wards: [ { code: A, name: Ward A, beds: 20 } ]\n"
	"  - code: HOS\n"
	"    name: Hospital\n"
	"    kind: acute\n"
	"    wards: [ { code: B, name: Ward B, beds: 20 } ]\n";

static const char *const sites[] = {"ACU", "HOS"};
static const char *const wards[] = {"A", "B"};
/* Few NHS numbers (valid, 999 range), so stays share them often. */
static const char *const nhs[] = {
	"9990000018", "9990000026", "9990000034", "9990000042",
};

struct fixture {
	char dir[64];
	char path[128];
	struct config *cfg;
	struct store *st;
	uint64_t rng;
	int64_t ids[512];
	size_t nids;
	int mrn;
};

static const struct store_actor who = {.by = "tester", .at = "2026-11-20T08:00:00"};

static unsigned below(struct fixture *f, unsigned n)
{
	f->rng = f->rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((f->rng >> 33) % n);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct sr_error err = {0};

	strcpy(f->dir, "/tmp/sitrep-totals-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	f->cfg = config_load_buffer("totals.yaml", config_yaml,
				    strlen(config_yaml), &err);
	f->st = f->cfg ? store_open(f->path, STORE_READ_WRITE, &err) : NULL;
	if (!f->st || store_sync_config(f->st, f->cfg, NULL, &err) != SR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	f->rng = 20261120;
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

/* A day of October or November 2026, and a time on it. */
static sr_day some_day(struct fixture *f)
{
	sr_day d;

	assert_true(date_parse("2026-10-01", &d));
	return d + (sr_day)below(f, 50);
}

static void set_time(struct fixture *f, struct stay *s, enum stay_field fl,
		     sr_day d)
{
	char day[DATE_BUF], buf[32];

	date_format(d, day);
	snprintf(buf, sizeof(buf), "%sT%02u:%02u", day, below(f, 24),
		 below(f, 4) * 15);
	stay_set(s, fl, buf);
}

static void set_day(struct stay *s, enum stay_field fl, sr_day d)
{
	char day[DATE_BUF];

	date_format(d, day);
	stay_set(s, fl, day);
}

/* Sets the dates of s afresh: admitted, maybe discharged 0-20 days later,
 * maybe green to go and an EDD in between. */
static void redate(struct fixture *f, struct stay *s)
{
	sr_day a = some_day(f), e = a + (sr_day)below(f, 21);

	set_time(f, s, SF_ADMITTED_AT, a);
	stay_set(s, SF_DISCHARGED_AT, NULL);
	if (below(f, 3) != 0)
		set_time(f, s, SF_DISCHARGED_AT, e);
	stay_set(s, SF_G2G_DATE, NULL);
	if (below(f, 2) == 0)
		set_day(s, SF_G2G_DATE, a + (sr_day)below(f, (unsigned)(e - a) + 1));
	stay_set(s, SF_EDD, NULL);
	if (below(f, 4) != 0)
		set_day(s, SF_EDD, a + (sr_day)below(f, 15));
}

static void admit(struct fixture *f)
{
	struct stay s = {0};
	struct sr_error err = {0};
	unsigned site = below(f, 2);
	char mrn[16];

	snprintf(mrn, sizeof(mrn), "M%d", ++f->mrn);
	stay_set(&s, SF_SITE, sites[site]);
	stay_set(&s, SF_WARD, wards[site]);
	stay_set(&s, SF_MRN, mrn);
	if (below(f, 5) != 0)
		stay_set(&s, SF_NHS_NUMBER, nhs[below(f, 4)]);
	redate(f, &s);
	if (below(f, 2) == 0)
		stay_set(&s, SF_PATHWAY, (const char *[]){"0", "1", "2", "3"}
			 [below(f, 4)]);
	assert_int_equal(store_stay_insert(f->st, &s, "admitted", &who, &err),
			 SR_OK);
	if (f->nids < ARRAY_SIZE(f->ids))
		f->ids[f->nids++] = s.id;
	stay_clear(&s);
}

static void change(struct fixture *f)
{
	struct stay s = {0};
	struct sr_error err = {0};
	int64_t id = f->ids[below(f, (unsigned)f->nids)];
	unsigned site;

	assert_int_equal(store_stay_get(f->st, id, &s, &err), SR_OK);
	switch (below(f, 7)) {
	case 0: /* a move to the other site */
		site = strcmp(s.v[SF_SITE], "ACU") == 0;
		stay_set(&s, SF_SITE, sites[site]);
		stay_set(&s, SF_WARD, wards[site]);
		break;
	case 1: /* another NHS number, or none */
		stay_set(&s, SF_NHS_NUMBER,
			 below(f, 5) ? nhs[below(f, 4)] : NULL);
		break;
	case 2: /* a discharge undone, or recorded */
		if (s.v[SF_DISCHARGED_AT])
			stay_set(&s, SF_DISCHARGED_AT, NULL);
		else
			set_time(f, &s, SF_DISCHARGED_AT, some_day(f) + 30);
		break;
	case 3:
		stay_set(&s, SF_PATHWAY, below(f, 3) ? (const char *[]){
			"0", "1", "2", "3"}[below(f, 4)] : NULL);
		break;
	default: /* every date at once */
		redate(f, &s);
		break;
	}
	/* A change the rules refuse (a discharge before admission, say)
	 * leaves the stay as it was: both are fine here. */
	(void)store_stay_update(f->st, &s, 0, &who, NULL, &err);
	stay_clear(&s);
}

static void mark(struct fixture *f)
{
	static const char *const colours[] = {"red", "green", NULL};
	struct sr_error err = {0};
	char day[DATE_BUF];

	date_format(some_day(f), day);
	assert_int_equal(store_day_mark(f->st,
					f->ids[below(f, (unsigned)f->nids)],
					day, colours[below(f, 3)], NULL, &who,
					&err), SR_OK);
}

static void step(struct fixture *f)
{
	struct sr_error err = {0};
	unsigned what = f->nids < 8 ? 0 : below(f, 10);

	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	if (what < 3)
		admit(f);
	else if (what < 7)
		change(f);
	else
		mark(f);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
}

static void check(struct fixture *f)
{
	struct sr_error err = {0};

	if (store_check_totals(f->st, &err) != SR_OK)
		fail_msg("%s", err.msg);
}

static void test_random_changes(void **state)
{
	struct fixture *f = *state;

	for (int i = 1; i <= 600; i++) {
		step(f);
		if (i % 10 == 0)
			check(f);
	}
	check(f);
	/* The walk did reach what the totals count. */
	assert_true(store_count(f->st, "day_mark") > 20);
}

/* Changes one total behind the triggers' back, through another
 * connection: the check must notice. */
static void tamper(struct fixture *f, const char *sql, const char *table)
{
	struct sr_error err = {0};
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_changes(db), 1);
	sqlite3_close(db);
	assert_int_equal(store_check_totals(f->st, &err), SR_EDB);
	assert_non_null(strstr(err.msg, table));
	assert_int_equal(store_integrity_check(f->st, &err), SR_EDB);
}

static void test_tampering_is_noticed(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	tamper(f, "UPDATE discharge_day SET los_days = los_days + 1"
	       " WHERE (site, day, pathway) IN (SELECT site, day, pathway"
	       " FROM discharge_day WHERE n > 0 LIMIT 1)",
	       "discharge_day");
}

static void test_tampered_marks(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	tamper(f, "DELETE FROM mark_day WHERE (site, day, colour) IN"
	       " (SELECT site, day, colour FROM mark_day WHERE n > 0 LIMIT 1)",
	       "mark_day");
}

static void test_tampered_readmissions(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	tamper(f, "DELETE FROM readmission WHERE stay ="
	       " (SELECT min(stay) FROM readmission)", "readmission");
}

static void same_counts(const struct flow_counts *a,
			const struct flow_counts *b, const char *what,
			const char *day)
{
	if (a->occupied != b->occupied || a->stranded != b->stranded ||
	    a->super_stranded != b->super_stranded || a->g2g != b->g2g ||
	    a->delayed_bed_days_mtd != b->delayed_bed_days_mtd ||
	    a->delayed_bed_days_7d != b->delayed_bed_days_7d ||
	    a->discharges_d1 != b->discharges_d1 ||
	    a->discharges_d1_am != b->discharges_d1_am)
		fail_msg("%s on %s: the board's figures differ from the "
			 "report's (occupied %d/%d, DBD mtd %ld/%ld, 7d "
			 "%ld/%ld)", what, day, a->occupied, b->occupied,
			 a->delayed_bed_days_mtd, b->delayed_bed_days_mtd,
			 a->delayed_bed_days_7d, b->delayed_bed_days_7d);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(a->discharges_d1_pathway[i],
				 b->discharges_d1_pathway[i]);
}

/* The board's figures, from the totals, against the report's, from the
 * stays, on every day of the walk's range and after it. */
static void test_board_figures(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	sr_day first;

	/* The store adds the days ended before its today at each write,
	 * back to the first admission: to 9 December, so the board reads
	 * its delayed bed days from those totals wherever they hold the days
	 * it sums (and from the states before that). */
	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 0; i < 500; i++)
		step(f);
	assert_int_equal(fixture_query(f->path, "SELECT count(DISTINCT day)"
				       " FROM delay_day"),
			 fixture_query(f->path, "SELECT julianday('2026-12-09')"
				       " - julianday(min(date(admitted_at))) + 1"
				       " FROM stay"));
	assert_int_equal(fixture_query(f->path, "SELECT (SELECT min(day) FROM"
				       " delay_day) = (SELECT min(date("
				       "admitted_at)) FROM stay)"), 1);
	assert_true(fixture_query(f->path, "SELECT sum(n) FROM delay_day") >
		    0);
	check(f);
	assert_true(date_parse("2026-09-25", &first));
	for (sr_day d = first; d < first + 90; d++) {
		struct system_metrics all, board;
		char day[DATE_BUF];

		date_format(d, day);
		assert_int_equal(metrics_compute(f->st, f->cfg, d, NULL, &all,
						 &err), SR_OK);
		assert_int_equal(metrics_compute_board(f->st, f->cfg, d,
						       &board, &err), SR_OK);
		assert_true(board.board_only && !all.board_only);
		same_counts(&board.total, &all.total, "system", day);
		for (size_t i = 0; i < all.nsites; i++) {
			same_counts(&board.sites[i].c, &all.sites[i].c,
				    all.sites[i].site->code, day);
			assert_int_equal(board.sites[i].opel.level,
					 all.sites[i].opel.level);
		}
		assert_int_equal(board.level, all.level);
		if (d == first + 55) /* the walk's days are busy here */
			assert_true(all.total.delayed_bed_days_mtd > 0);
		metrics_free(&all);
		metrics_free(&board);
	}
	unsetenv("SITREP_TODAY");
}

static void test_tampered_delay_days(void **state)
{
	struct fixture *f = *state;

	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	tamper(f, "UPDATE delay_day SET n = n + 1 WHERE (site, day) IN"
	       " (SELECT site, day FROM delay_day LIMIT 1)", "delay_day");
	unsetenv("SITREP_TODAY");
}

/* ---- bed_day (migration 20) against the scan of the states ---------- */

/* A pathway or a green-to-go day set from a time in the stay's first
 * days, backdated: its state then is superseded and split in two. */
static void backdate(struct fixture *f)
{
	static const char *const pathways[] = {"0", "1", "2", "3"};
	struct stay s = {0};
	struct sr_error err = {0};
	int64_t id = f->ids[below(f, (unsigned)f->nids)];
	struct store_actor back = who;
	char from[32], day[DATE_BUF];
	sr_day a;

	assert_int_equal(store_stay_get(f->st, id, &s, &err), SR_OK);
	snprintf(day, sizeof(day), "%.10s", s.v[SF_ADMITTED_AT]);
	assert_true(date_parse(day, &a));
	date_format(a + (sr_day)below(f, 12), day);
	snprintf(from, sizeof(from), "%sT%02u:30:00", day, below(f, 24));
	back.from = from;
	if (below(f, 2) == 0) {
		stay_set(&s, SF_PATHWAY, pathways[below(f, 4)]);
		back.touched = 1u << SF_PATHWAY;
	} else {
		date_format(a + (sr_day)below(f, 10), day);
		stay_set(&s, SF_G2G_DATE, day);
		back.touched = 1u << SF_G2G_DATE;
	}
	(void)store_stay_update(f->st, &s, 0, &back, NULL, &err);
	stay_clear(&s);
}

/* The series of each kind and threshold, from..to of site (NULL: all):
 * the kept totals (bed_day, delay_day) wherever they hold the days
 * (f->st), against the same read from a copy of the file without them,
 * where every day comes from the states. */
struct days_read {
	long n[200];
	size_t count;
};

static void put_n(void *ctx, const char *day, long n)
{
	struct days_read *r = ctx;

	(void)day;
	assert_true(r->count < ARRAY_SIZE(r->n));
	r->n[r->count++] = n;
}

static struct store *copy_without_totals(struct fixture *f)
{
	struct sr_error err = {0};
	char *copy = xasprintf("%s/scan.db", f->dir);
	char *sql = xasprintf("VACUUM INTO '%s'", copy);
	struct store *st;
	sqlite3 *db;

	remove(copy);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(sqlite3_open(copy, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM bed_day;"
				      " DELETE FROM delay_day", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	st = store_open(copy, STORE_READ_ONLY, &err);
	if (!st)
		fail_msg("%s", err.msg);
	free(sql);
	free(copy);
	return st;
}

static void same_series(struct fixture *f, struct store *scan,
			const char *from, const char *to)
{
	static const char *const where[] = {NULL, "ACU", "HOS", "NEW"};
	static const struct {
		enum store_series kind;
		int los;
	} series[] = {
		{SERIES_IN_BED, 0}, {SERIES_LOS, 0},  {SERIES_LOS, 7},
		{SERIES_LOS, 14},   {SERIES_LOS, 21}, {SERIES_LOS, 3},
		{SERIES_DELAYED, 0},
	};
	struct sr_error err = {0};
	long total = 0;

	for (size_t w = 0; w < ARRAY_SIZE(where); w++)
		for (size_t k = 0; k < ARRAY_SIZE(series); k++) {
			struct days_read a = {0}, b = {0};

			assert_int_equal(store_state_series(
				f->st, series[k].kind, series[k].los, from, to,
				where[w], put_n, &a, &err), SR_OK);
			assert_int_equal(store_state_series(
				scan, series[k].kind, series[k].los, from, to,
				where[w], put_n, &b, &err), SR_OK);
			assert_int_equal(a.count, b.count);
			for (size_t i = 0; i < a.count; i++) {
				if (a.n[i] != b.n[i])
					fail_msg("%s los %d, day %zu from "
						 "%s: %ld kept, %ld scanned",
						 where[w] ? where[w] : "all",
						 series[k].los, i, from,
						 a.n[i], b.n[i]);
				total += a.n[i];
			}
		}
	assert_true(total > 0);
}

static void bed_days_match(struct fixture *f)
{
	struct store *scan;

	check(f);
	scan = copy_without_totals(f);
	/* Inside the table; across its first day (the days before the
	 * first admission scanned); across its last (today and after
	 * scanned); and all of it. */
	same_series(f, scan, "2026-10-05", "2026-12-01");
	same_series(f, scan, "2026-09-20", "2026-10-20");
	same_series(f, scan, "2026-11-20", "2026-12-15");
	same_series(f, scan, "2026-09-25", "2026-12-12");
	store_close(scan);
}

static void bed_step(struct fixture *f)
{
	struct sr_error err = {0};

	if (f->nids < 8 || below(f, 5) != 0) {
		step(f);
		return;
	}
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	backdate(f);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
}

/* Admissions, discharges recorded and undone, dates corrected (every
 * state superseded), backdated moves and green-to-go days: the totals of
 * the closed days stay equal to the states' counts, for the system and
 * each site, whichever threshold is kept. */
static void test_bed_days(void **state)
{
	struct fixture *f = *state;

	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 1; i <= 400; i++) {
		bed_step(f);
		if (i % 25 == 0)
			check(f);
	}
	/* Every closed day back to the first admission. */
	assert_int_equal(fixture_query(f->path, "SELECT count(DISTINCT day)"
				       " FROM bed_day"),
			 fixture_query(f->path, "SELECT julianday('2026-12-09')"
				       " - julianday(min(date(admitted_at))) + 1"
				       " FROM stay"));
	/* The walk reached every threshold. */
	assert_true(fixture_query(f->path, "SELECT count(*) FROM bed_day"
				  " WHERE los21 > 0") > 0);
	assert_true(fixture_query(f->path, "SELECT sum(in_bed) - sum(los7)"
				  " FROM bed_day") > 0);
	bed_days_match(f);
	unsetenv("SITREP_TODAY");
}

/* Days closed later than they ended (the store's today moved on by a
 * week between writes) and a site added to the config once the table
 * holds days, with a stay backdated there. */
static void test_bed_days_later(void **state)
{
	static const char more_yaml[] =
		"system: { name: Totals }\n"
		"sites:\n"
		"  - code: ACU\n"
		"    name: Acute\n"
		"    kind: acute\n"
		"    wards: [ { code: A, name: Ward A, beds: 20 } ]\n"
		"  - code: HOS\n"
		"    name: Hospital\n"
		"    kind: acute\n"
		"    wards: [ { code: B, name: Ward B, beds: 20 } ]\n"
		"  - code: NEW\n"
		"    name: New\n"
		"    kind: acute\n"
		"    wards: [ { code: N, name: Ward N, beds: 20 } ]\n";
	struct fixture *f = *state;
	struct sr_error err = {0};
	struct config *more;
	struct stay s = {0};

	setenv("SITREP_TODAY", "2026-11-01", 1);
	for (int i = 0; i < 150; i++)
		bed_step(f);
	check(f);
	setenv("SITREP_TODAY", "2026-11-08", 1);
	for (int i = 0; i < 100; i++)
		bed_step(f);
	check(f);
	more = config_load_buffer("more.yaml", more_yaml, strlen(more_yaml),
				  &err);
	assert_non_null(more);
	assert_int_equal(store_sync_config(f->st, more, NULL, &err), SR_OK);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM bed_day"
				       " WHERE site = 'NEW'"),
			 fixture_query(f->path, "SELECT count(DISTINCT day)"
				       " FROM bed_day"));
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM"
				       " delay_day WHERE site = 'NEW'"),
			 fixture_query(f->path, "SELECT count(DISTINCT day)"
				       " FROM delay_day"));
	stay_set(&s, SF_SITE, "NEW");
	stay_set(&s, SF_WARD, "N");
	stay_set(&s, SF_MRN, "N1");
	stay_set(&s, SF_ADMITTED_AT, "2026-10-02T10:00");
	stay_set(&s, SF_G2G_DATE, "2026-10-20");
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_stay_insert(f->st, &s, "admitted", &who, &err),
			 SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	stay_clear(&s);
	assert_int_equal(fixture_query(f->path, "SELECT los21 FROM bed_day"
				       " WHERE site = 'NEW' AND"
				       " day = '2026-11-06'"), 1);
	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 0; i < 100; i++)
		bed_step(f);
	bed_days_match(f);
	config_free(more);
	unsetenv("SITREP_TODAY");
}

/* A bulk load fills the table at its end, from the states it loaded. */
static void test_bed_days_bulk(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};

	setenv("SITREP_TODAY", "2026-12-10", 1);
	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_OK);
	for (int i = 0; i < 300; i++)
		admit(f);
	assert_int_equal(store_bulk_end(f->st, NULL, NULL, &err), SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	assert_true(fixture_query(f->path, "SELECT sum(los14) FROM bed_day")
		    > 0);
	bed_days_match(f);
	for (int i = 0; i < 150; i++)
		bed_step(f);
	bed_days_match(f);
	unsetenv("SITREP_TODAY");
}

/* A total of bed_day changed behind the triggers' back, then a day's
 * row of a site taken out (the day no longer whole): the check notices
 * both. */
static void test_tampered_bed_days(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;

	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	tamper(f, "UPDATE bed_day SET los14 = los14 + 1 WHERE (site, day) IN"
	       " (SELECT site, day FROM bed_day WHERE los14 > 0 LIMIT 1)",
	       "bed_day");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE bed_day SET los14 ="
				      " los14 - 1 WHERE (site, day) IN"
				      " (SELECT site, day FROM bed_day"
				      "  WHERE los14 > 0 LIMIT 1)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	check(f);
	tamper(f, "DELETE FROM bed_day WHERE (site, day) IN"
	       " (SELECT site, day FROM bed_day ORDER BY in_bed, day LIMIT 1)",
	       "bed_day");
	unsetenv("SITREP_TODAY");
}

/* A day's row of a site taken out of delay_day: the day is no longer
 * whole, which a series summing it would miss. */
static void test_missing_delay_day(void **state)
{
	struct fixture *f = *state;

	setenv("SITREP_TODAY", "2026-12-10", 1);
	for (int i = 0; i < 100; i++)
		step(f);
	check(f);
	tamper(f, "DELETE FROM delay_day WHERE (site, day) IN"
	       " (SELECT site, day FROM delay_day ORDER BY n, day LIMIT 1)",
	       "delay_day");
	unsetenv("SITREP_TODAY");
}

/* The schema as text, read through a connection of its own. */
static char *schema(struct fixture *f)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	char *out = xstrdup(""), *next;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name, sql FROM"
					    " sqlite_schema ORDER BY 1, 2",
					    -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		next = xasprintf("%s%s %s %s\n", out,
				 sqlite3_column_text(stmt, 0),
				 sqlite3_column_text(stmt, 1),
				 sqlite3_column_text(stmt, 2));
		free(out);
		out = next;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return out;
}

/* A stay at a site the database does not know: foreign keys refuse it
 * (SR_EDB) when they are on; in a bulk load the insert goes through. */
static enum sr_status admit_nowhere(struct fixture *f)
{
	struct stay s = {0};
	struct sr_error err = {0};
	enum sr_status status;

	stay_set(&s, SF_SITE, "NOWHERE");
	stay_set(&s, SF_MRN, "M0");
	redate(f, &s);
	stay_set(&s, SF_DISCHARGED_AT, NULL);
	status = store_stay_insert(f->st, &s, "admitted", &who, &err);
	stay_clear(&s);
	return status;
}

static long long audit_rows(struct fixture *f, const char *where)
{
	char *sql = xasprintf("SELECT count(*) FROM audit WHERE %s", where);
	long long n = fixture_query(f->path, sql);

	free(sql);
	return n;
}

/* A bulk load: the same totals, audit and schema as row by row, and the
 * foreign keys on again afterwards. */
static void test_bulk_load(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	char *before = schema(f), *after;

	assert_non_null(strstr(before, "readmission_insert"));
	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_OK);
	assert_true(store_bulk_loading(f->st));
	for (int i = 0; i < 300; i++)
		admit(f);
	for (int i = 0; i < 100; i++)
		mark(f);
	assert_int_equal(store_bulk_end(f->st, NULL, NULL, &err), SR_OK);
	assert_false(store_bulk_loading(f->st));
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	check(f);
	assert_true(store_count(f->st, "stay") == 300);
	/* One audit row a stay, as the stay itself says it was written,
	 * in the order of the stays. */
	assert_int_equal(audit_rows(f, "field = 'stay' AND new = 'admitted'"
				    " AND old IS NULL"), 300);
	assert_int_equal(audit_rows(f, "field = 'stay' AND (at, by) IS NOT"
				    " (SELECT updated_at, updated_by FROM stay"
				    "  WHERE id = audit.stay)"), 0);
	assert_int_equal(audit_rows(f, "field = 'stay' AND stay <> (SELECT"
				    " count(*) FROM audit b WHERE b.field ="
				    " 'stay' AND b.id <= audit.id)"), 0);
	after = schema(f);
	assert_string_equal(before, after);
	/* And the triggers work again afterwards, and the foreign keys. */
	for (int i = 0; i < 200; i++)
		step(f);
	check(f);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(admit_nowhere(f), SR_EDB);
	store_tx_rollback(f->st);
	free(before);
	free(after);
}

/* A bulk load with a stay whose site the database does not know is
 * refused at its end, all of it. */
static void test_bulk_bad_reference(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	char *before = schema(f), *after;

	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_OK);
	for (int i = 0; i < 10; i++)
		admit(f);
	assert_int_equal(admit_nowhere(f), SR_OK);
	assert_int_equal(store_bulk_end(f->st, NULL, NULL, &err), SR_EINVAL);
	assert_non_null(strstr(err.msg, "stay row 11 refers to a site"));
	assert_null(strstr(err.msg, "NOWHERE"));
	assert_false(store_bulk_loading(f->st));
	assert_true(store_count(f->st, "stay") == 0);
	assert_true(store_count(f->st, "audit") == 0);
	after = schema(f);
	assert_string_equal(before, after);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(admit_nowhere(f), SR_EDB);
	store_tx_rollback(f->st);
	free(before);
	free(after);
}

/* A rollback, or a commit before store_bulk_end, leaves the database as
 * it was; a database with stays, or a transaction already open, is
 * refused. */
static void test_bulk_undone(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	char *before = schema(f), *after;

	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_OK);
	admit(f);
	store_tx_rollback(f->st);
	assert_false(store_bulk_loading(f->st));
	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_OK);
	admit(f);
	assert_int_equal(store_tx_commit(f->st, &err), SR_EDB);
	assert_non_null(strstr(err.msg, "bulk load was not finished"));
	assert_true(store_count(f->st, "stay") == 0);
	after = schema(f);
	assert_string_equal(before, after);
	free(after);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(admit_nowhere(f), SR_EDB);
	store_tx_rollback(f->st);

	f->nids = 0;
	step(f);
	assert_int_equal(store_bulk_begin(f->st, "admitted", &err),
			 SR_ECONFLICT);
	assert_non_null(strstr(err.msg, "without stays"));
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_bulk_begin(f->st, "admitted", &err), SR_EINVAL);
	store_tx_rollback(f->st);
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(admit_nowhere(f), SR_EDB);
	store_tx_rollback(f->st);
	after = schema(f);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_changes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampering_is_noticed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_marks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_readmissions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_board_figures, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_delay_days, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bed_days, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bed_days_later, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bed_days_bulk, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tampered_bed_days, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing_delay_day, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bulk_load, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bulk_bad_reference, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bulk_undone, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
