/* The console's patient lists (store_list_count and store_list_page) on a
 * hand-built fixture: every filter, sort, the search (case, accents, LIKE
 * wildcards, words, MRN and NHS number digits), every site at once, wards,
 * paging, the day's marks, and one snapshot per screen. The day D is
 * Tuesday 2026-11-10; stranded is LOS >= 7, super-stranded LOS >= 21. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/census.h"
#include "sitrep/edit.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

#include "fixture.h"

static const char config_yaml[] =
	"system: { name: Fixture }\n"
	"thresholds: { stranded_days: 7, super_stranded_days: 21 }\n"
	"sites:\n"
	"  - code: ACU\n"
	"    name: Acute\n"
	"    kind: acute\n"
	"    wards:\n"
	"      - { code: A, name: Ward A, beds: 10 }\n"
	"      - { code: B, name: Ward B, beds: 10 }\n"
	"  - code: COM\n"
	"    name: Community\n"
	"    kind: community\n"
	"    beds: 5\n";

/* In a bed at ACU at the end of D, with LOS on D:
 *   K1001 Smith      A/A10  LOS 40  EDD 11-05 (passed)  G2G 11-01 (+9)
 *   K1002 O'Brien    A/A2   LOS 16  no EDD              G2G 11-10 (+0)
 *   K2001 Ó Briain   B/B1   LOS 7   EDD 11-10           G2G 11-12 (not yet)
 *   K2002 Müller     B/B3   LOS 0   EDD 11-20
 *   M3001 Per%cent   A/A1   LOS 1   EDD 11-09 (passed)
 *   M3002 Jones      -/-    LOS 21  no EDD              G2G 11-09 (+1)
 *   K2003 Brown      B/B2   LOS 5   EDD 11-12           (leaves 11-12)
 * Not in a bed: K9001 (left on D at 09:00), COM's Smith (another site). */
static const char census[] =
	"site,ward,bed,mrn,family_name,given_name,admitted_at,edd,g2g_date,"
	"discharged_at\n"
	"ACU,A,A10,K1001,Smith,John,2026-10-01T10:00,2026-11-05,2026-11-01,\n"
	"ACU,A,A2,K1002,O'Brien,Zoë,2026-10-25T09:00,,2026-11-10,\n"
	"ACU,B,B1,K2001,Ó Briain,Seán,2026-11-03T23:00,2026-11-10,"
	"2026-11-12,\n"
	"ACU,B,B3,K2002,Müller,Anna,2026-11-10T08:00,2026-11-20,,\n"
	"ACU,A,A1,M3001,Per%cent,Under_score,2026-11-09T12:00,2026-11-09,,\n"
	"ACU,,,M3002,Jones,Amy,2026-10-20T10:00,,2026-11-09,\n"
	"ACU,B,B2,K2003,Brown,Bea,2026-11-05T10:00,2026-11-12,,"
	"2026-11-12T10:00\n"
	"ACU,A,A3,K9001,Gone,Gail,2026-11-01T10:00,,,2026-11-10T09:00\n"
	"COM,,,K1001,Smith,Jane,2026-10-01T10:00,,,\n";

struct fixture {
	char dir[64];
	struct config *cfg;
	struct store *st;
	struct store_day day;
};

static const struct store_actor loader = {.by = "loader", .at = "2026-11-12T23:00:00"};

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

static void mark(struct fixture *f, const char *mrn, const char *day,
		 const char *colour)
{
	struct sr_error err = {0};

	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_day_mark(f->st, stay_id(f, "ACU", mrn), day,
					colour, NULL, &loader, &err), SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
}

static void day_init(struct fixture *f, const char *day, int stranded,
		     int super)
{
	sr_day d;

	assert_true(date_parse(day, &d));
	store_day_init(&f->day, d, stranded, super);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/sitrep-list-XXXXXX");
	if (fixture_open(f->dir, config_yaml, census, &loader, &f->cfg,
			 &f->st) != 0)
		return -1;
	*state = f;
	mark(f, "K1001", "2026-11-10", "red");
	mark(f, "K1002", "2026-11-10", "green");
	mark(f, "K2001", "2026-11-09", "red"); /* not D */
	day_init(f, "2026-11-10", 7, 21);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fixture_close(f->dir, f->st, f->cfg);
	free(f);
	return 0;
}

/* ---- helpers -------------------------------------------------------------*/

/* A page as "MRN MRN ..." (and the marks as "MRN:colour"). */
struct collect {
	char mrns[512];
	char marks[512];
	char sites[512];
	bool any_site; /* a list of every site */
	int64_t ids[32];
	size_t n, stop_after;
};

static bool collect_fn(void *ctx, const struct stay *s, const char *mark)
{
	struct collect *c = ctx;
	size_t len = strlen(c->mrns);

	snprintf(c->mrns + len, sizeof(c->mrns) - len, "%s%s",
		 len ? " " : "", s->v[SF_MRN]);
	if (mark) {
		len = strlen(c->marks);
		snprintf(c->marks + len, sizeof(c->marks) - len, "%s%s:%s",
			 len ? " " : "", s->v[SF_MRN], mark);
	}
	assert_true(s->id > 0);
	assert_true(s->version > 0);
	len = strlen(c->sites);
	snprintf(c->sites + len, sizeof(c->sites) - len, "%s%s",
		 len ? " " : "", s->v[SF_SITE]);
	if (!c->any_site)
		assert_string_equal(s->v[SF_SITE], "ACU");
	if (c->n < ARRAY_SIZE(c->ids))
		c->ids[c->n] = s->id;
	c->n++;
	return !c->stop_after || c->n < c->stop_after;
}

static struct list_query query(struct fixture *f, enum list_filter filter,
			       enum list_sort sort, const char *ward,
			       const char *search)
{
	struct list_query q = {
		.site = "ACU", .ward = ward, .filter = filter, .sort = sort,
		.search = search, .day = &f->day, .offset = 0, .limit = 100,
	};

	return q;
}

static long count(struct fixture *f, const struct list_query *q)
{
	struct sr_error err = {0};
	long n = -1;

	assert_int_equal(store_list_count(f->st, q, &n, &err), SR_OK);
	return n;
}

/* The page's MRNs; also checks that the count agrees with a full page. */
static const char *page(struct fixture *f, struct list_query *q,
			struct collect *c)
{
	struct sr_error err = {0};

	memset(c, 0, sizeof(*c));
	c->any_site = !q->site;
	assert_int_equal(store_list_page(f->st, q, collect_fn, c, &err),
			 SR_OK);
	if (q->offset == 0 && q->limit >= 100)
		assert_int_equal(count(f, q), (long)c->n);
	return c->mrns;
}

static const char *list(struct fixture *f, enum list_filter filter,
			enum list_sort sort, const char *ward,
			const char *search)
{
	static struct collect c;
	struct list_query q = query(f, filter, sort, ward, search);

	return page(f, &q, &c);
}

static const char *search(struct fixture *f, const char *text)
{
	return list(f, LIST_ALL, SORT_LOS, NULL, text);
}

/* ---- tests ---------------------------------------------------------------*/

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(list_filter_name(LIST_ALL), "all");
	assert_string_equal(list_filter_name(LIST_SUPER_STRANDED),
			    "super-stranded");
	assert_string_equal(list_filter_name(LIST_EDD_PASSED), "EDD passed");
	assert_string_equal(list_sort_name(SORT_LOS), "LOS");
	assert_string_equal(list_sort_name(SORT_DELAY), "delay days");
	assert_string_equal(list_sort_name(SORT_WARD), "ward");
	assert_string_equal(list_filter_name(LIST_FILTER_COUNT), "?");
	assert_string_equal(list_sort_name(LIST_SORT_COUNT), "?");
}

static void test_in_bed_on_day(void **state)
{
	struct fixture *f = *state;

	/* K9001 left on D, COM's patient is at another site. */
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001 K2003 M3001 K2002");
	/* On D-1: K2002 not yet admitted, K9001 still in. */
	day_init(f, "2026-11-09", 7, 21);
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K9001 K2001 K2003 M3001");
	/* On 11-12 K2003 has left (at 10:00). */
	day_init(f, "2026-11-12", 7, 21);
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001 M3001 K2002");
	day_init(f, "2026-11-10", 7, 21);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;

	/* LOS >= 7: 40, 21, 16, 7 (K2001 exactly at the threshold). */
	assert_string_equal(list(f, LIST_STRANDED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001");
	/* LOS >= 21: 40, 21. */
	assert_string_equal(list(f, LIST_SUPER_STRANDED, SORT_LOS, NULL, NULL),
			    "K1001 M3002");
	/* Delayed, g2g_date <= D: 11-01, 11-09, 11-10 (K2001's 11-12 is not
	 * yet). */
	assert_string_equal(list(f, LIST_DELAYED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002");
	assert_string_equal(list(f, LIST_NO_EDD, SORT_LOS, NULL, NULL),
			    "M3002 K1002");
	/* EDD < D: 11-05, 11-09 (K2001's EDD is D itself: not passed). */
	assert_string_equal(list(f, LIST_EDD_PASSED, SORT_LOS, NULL, NULL),
			    "K1001 M3001");
}

static void test_thresholds_from_day(void **state)
{
	struct fixture *f = *state;

	day_init(f, "2026-11-10", 16, 40);
	assert_string_equal(list(f, LIST_STRANDED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002");
	assert_string_equal(list(f, LIST_SUPER_STRANDED, SORT_LOS, NULL, NULL),
			    "K1001");
	/* A day later every LOS is one more: 41 22 17 8, then K2003 at 6. */
	day_init(f, "2026-11-11", 7, 21);
	assert_string_equal(list(f, LIST_STRANDED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001");
	day_init(f, "2026-11-12", 7, 21);
	assert_string_equal(list(f, LIST_DELAYED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001");
	day_init(f, "2026-11-10", 7, 21);
}

static void test_sorts(void **state)
{
	struct fixture *f = *state;

	/* Longest stay first. */
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001 K2003 M3001 K2002");
	/* Delay days 9, 1, 0; then not green to go: K2001 (ready 11-12),
	 * then no date, longest stay first. */
	assert_string_equal(list(f, LIST_ALL, SORT_DELAY, NULL, NULL),
			    "K1001 M3002 K1002 K2001 K2003 M3001 K2002");
	assert_string_equal(list(f, LIST_DELAYED, SORT_DELAY, NULL, NULL),
			    "K1001 M3002 K1002");
	/* Earliest EDD first, none last (longest stay first among them). */
	assert_string_equal(list(f, LIST_ALL, SORT_EDD, NULL, NULL),
			    "K1001 M3001 K2001 K2003 K2002 M3002 K1002");
	/* Ward, then bed in natural order (A1 A2 A10), no ward last. */
	assert_string_equal(list(f, LIST_ALL, SORT_WARD, NULL, NULL),
			    "M3001 K1002 K1001 K2001 K2003 K2002 M3002");
}

static void test_delay_sort_differs_from_los(void **state)
{
	struct fixture *f = *state;
	struct edit_ctx x = {.st = f->st, .cfg = f->cfg, .by = loader.by};
	struct edit_change ch = {SF_G2G_DATE, "2026-10-21"};
	struct edit_request rq = {0, 0, &ch, 1, 0, NULL};
	struct sr_error err = {0};

	/* Jones (M3002, LOS 21) ready since 10-21: 20 delay days, now ahead
	 * of Smith (LOS 40, ready 11-01: 9 days). */
	assert_true(date_parse("2026-11-12", &x.clock.today));
	assert_true(datetime_parse("2026-11-12T12:00", &x.clock.now));
	snprintf(x.at, sizeof(x.at), "%s", loader.at);
	rq.id = stay_id(f, "ACU", "M3002");
	assert_int_equal(edit_apply(&x, &rq, NULL, &err), SR_OK);
	/* The change is true from when it was made (11-12): the list of
	 * 11-10 is as it was (issue 13); that of 11-12 has it. */
	assert_string_equal(list(f, LIST_DELAYED, SORT_DELAY, NULL, NULL),
			    "K1001 M3002 K1002");
	day_init(f, "2026-11-12", 7, 21);
	assert_string_equal(list(f, LIST_DELAYED, SORT_DELAY, NULL, NULL),
			    "M3002 K1001 K1002 K2001");
	assert_string_equal(list(f, LIST_DELAYED, SORT_LOS, NULL, NULL),
			    "K1001 M3002 K1002 K2001");
}

static void test_wards(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(list(f, LIST_ALL, SORT_WARD, "A", NULL),
			    "M3001 K1002 K1001");
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, "B", NULL),
			    "K2001 K2003 K2002");
	assert_string_equal(list(f, LIST_STRANDED, SORT_LOS, "A", NULL),
			    "K1001 K1002");
	assert_string_equal(list(f, LIST_ALL, SORT_LOS, "Z", NULL), "");
}

static void test_search_names(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(search(f, "smith"), "K1001");
	assert_string_equal(search(f, "SMI"), "K1001");
	assert_string_equal(search(f, "  mith \t"), "K1001");
	/* A quote is only a character. */
	assert_string_equal(search(f, "o'brien"), "K1002");
	/* Given names too, and case folds beyond ASCII. */
	assert_string_equal(search(f, "zoë"), "K1002");
	assert_string_equal(search(f, "ZOË"), "K1002");
	assert_string_equal(search(f, "ó briain"), "K2001");
	assert_string_equal(search(f, "Ó BRIAIN"), "K2001");
	assert_string_equal(search(f, "MÜLLER"), "K2002");
	assert_string_equal(search(f, "seÁn"), "K2001");
	/* "briain" and "brien" are different names. */
	assert_string_equal(search(f, "bri"), "K1002 K2001");
	assert_string_equal(search(f, "nobody"), "");
	/* Blank is no search. */
	assert_string_equal(search(f, "   "),
			    "K1001 M3002 K1002 K2001 K2003 M3001 K2002");
	assert_string_equal(search(f, ""),
			    "K1001 M3002 K1002 K2001 K2003 M3001 K2002");
}

/* Names longer than the fold's stack buffer fold on the heap. */
static void test_search_long_name(void **state)
{
	struct fixture *f = *state;
	struct census_options opt = {.name = "long.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	char csv[1024], name[400] = "";

	for (int i = 0; i < 60; i++)
		strcat(name, "Ó");
	strcat(name, "WÜRTH");
	for (int i = 0; i < 60; i++)
		strcat(name, "É");
	snprintf(csv, sizeof(csv), "site,mrn,family_name,admitted_at\n"
		 "ACU,L1,%s,2026-11-08T10:00\n", name);
	assert_int_equal(census_import(f->st, f->cfg, csv, strlen(csv), &opt,
				       &loader, &rep, &err), SR_OK);
	census_report_free(&rep);
	assert_string_equal(search(f, "óówürthéé"), "L1");
	assert_string_equal(search(f, "ÓÓWÜRTHÉÉ"), "L1");
}

static void test_search_wildcards(void **state)
{
	struct fixture *f = *state;

	/* % and _ match only themselves, never all; alone they are too
	 * short to be sought inside a word (and start none). */
	assert_string_equal(search(f, "%"), "");
	assert_string_equal(search(f, "_"), "");
	assert_string_equal(search(f, "r%c"), "M3001");
	assert_string_equal(search(f, "%ce"), "M3001");
	assert_string_equal(search(f, "r_s"), "M3001");
	assert_string_equal(search(f, "r_c"), "");
	assert_string_equal(search(f, "er_s"), "M3001");
	assert_string_equal(search(f, "\\"), "");
	assert_string_equal(search(f, "%%"), "");
	assert_string_equal(search(f, "'; DROP TABLE stay; --"), "");
	assert_int_equal(store_count(f->st, "stay"), 9);
}

static void test_search_mrn(void **state)
{
	struct fixture *f = *state;

	/* Anywhere in the MRN, any case. */
	assert_string_equal(search(f, "K1"), "K1001 K1002");
	assert_string_equal(search(f, "k20"), "K2001 K2003 K2002");
	assert_string_equal(search(f, "K2002"), "K2002");
	assert_string_equal(search(f, "m3"), "M3002 M3001");
	/* One letter is an initial: the start of a name (Müller) or an MRN
	 * (M3001, M3002), not the m inside Smith or Amy. */
	assert_string_equal(search(f, "m"), "M3002 M3001 K2002");
	assert_string_equal(search(f, "mit"), "K1001");
	/* With a filter, a sort and a ward. */
	assert_string_equal(list(f, LIST_STRANDED, SORT_WARD, NULL, "k"),
			    "K1002 K1001 K2001");
	assert_string_equal(list(f, LIST_ALL, SORT_WARD, "B", "k"),
			    "K2001 K2003 K2002");
}

/* Issue 12, defect 5: "bjorn" missed Björn, "41613" missed AWP0041613
 * (only a prefix of the MRN matched), "evans f" found nothing (the whole
 * search was one substring of one field). */
static void test_defect05_search(void **state)
{
	struct fixture *f = *state;
	struct census_options opt = {.name = "more.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	static const char more[] =
		"site,mrn,nhs_number,family_name,given_name,admitted_at\n"
		"ACU,AWP0041613,9434765919,Evans,Fiona,2026-11-08T10:00\n"
		"ACU,AWP0041614,,Evans,George,2026-11-08T11:00\n"
		"ACU,AWP0041615,,Andersson,Björn,2026-11-08T12:00\n";

	assert_int_equal(census_import(f->st, f->cfg, more, strlen(more),
				       &opt, &loader, &rep, &err), SR_OK);
	census_report_free(&rep);
	assert_string_equal(search(f, "bjorn"), "AWP0041615");
	assert_string_equal(search(f, "BJÖRN andersson"), "AWP0041615");
	assert_string_equal(search(f, "41613"), "AWP0041613");
	assert_string_equal(search(f, "1001"), "K1001");
	assert_string_equal(search(f, "evans f"), "AWP0041613");
	assert_string_equal(search(f, "f evans"), "AWP0041613");
	assert_string_equal(search(f, "evans"), "AWP0041613 AWP0041614");
	assert_string_equal(search(f, "evans awp"), "AWP0041613 AWP0041614");
	assert_string_equal(search(f, "evans x"), "");
	/* The NHS number, whole or in part, with or without its spaces. */
	assert_string_equal(search(f, "943 476 5919"), "AWP0041613");
	assert_string_equal(search(f, "9434765919"), "AWP0041613");
	assert_string_equal(search(f, "4765"), "AWP0041613");
}

/* The console's search from the board: every site, paged like a site's
 * list. */
static void test_every_site(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_WARD, NULL, "smith");
	struct collect c;

	q.site = NULL;
	assert_int_equal(count(f, &q), 2);
	page(f, &q, &c);
	assert_string_equal(c.mrns, "K1001 K1001");
	/* By site first in the ward sort: ACU's Smith, then COM's. */
	assert_string_equal(c.sites, "ACU COM");
	q.limit = 1;
	q.offset = 1;
	page(f, &q, &c);
	assert_string_equal(c.mrns, "K1001");
	assert_string_equal(c.sites, "COM");
	/* Without a search: everyone in a bed anywhere. */
	q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	q.site = NULL;
	assert_int_equal(count(f, &q), 8);
	q.search = "k1001";
	assert_int_equal(count(f, &q), 2);
	q.filter = LIST_DELAYED; /* COM's Smith has no green-to-go date */
	assert_int_equal(count(f, &q), 1);
}

/* A stay admitted by another connection's SQL, with the state it is in
 * a bed by (the lists read the states). */
#define RAW_STAY(mrn)                                                    \
	"INSERT INTO stay (site, mrn, admitted_at)"                      \
	" VALUES ('ACU', '" mrn "', '2026-11-08T10:00');"                \
	"INSERT INTO stay_state (stay, site, admitted_at, valid_from,"   \
	" valid_to, last, recorded_at, span) VALUES (last_insert_rowid()," \
	" 'ACU', '2026-11-08T10:00', '2026-11-08T10:00:00', '9999', 0,"  \
	" '2026-11-12T23:00:00', 14)"

/* Issue 12, defect 19: a list's counts and its page come from one
 * snapshot. Another connection admits a patient between the count and the
 * page: inside store_read_begin/store_read_end neither sees it; after, both
 * do. */
static void test_defect19_one_snapshot(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	struct sr_error err = {0};
	struct collect c;
	char *path = xasprintf("%s/fixture.db", f->dir), *errmsg = NULL;
	sqlite3 *other = NULL;
	long before = -1, after = -1;

	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 5000);
	assert_int_equal(store_read_begin(f->st, &err), SR_OK);
	before = count(f, &q);
	assert_int_equal(before, 7);
	assert_int_equal(sqlite3_exec(other,
				      RAW_STAY("R1"),
				      NULL, NULL, &errmsg), SQLITE_OK);
	memset(&c, 0, sizeof(c));
	assert_int_equal(store_list_page(f->st, &q, collect_fn, &c, &err),
			 SR_OK);
	after = count(f, &q);
	store_read_end(f->st);
	/* The rows shown are the rows counted. */
	assert_int_equal((long)c.n, before);
	assert_int_equal(after, before);
	/* Outside the snapshot the new stay is there. */
	assert_int_equal(count(f, &q), before + 1);
	sqlite3_free(errmsg);
	sqlite3_close(other);
	free(path);
}

/* Snapshots nest: an inner pair (the figures' own) keeps the outer one. */
static void test_read_nesting(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	struct sr_error err = {0};
	char *path = xasprintf("%s/fixture.db", f->dir);
	sqlite3 *other = NULL;

	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 5000);
	assert_int_equal(store_read_begin(f->st, &err), SR_OK);
	assert_int_equal(count(f, &q), 7);
	assert_int_equal(store_read_begin(f->st, &err), SR_OK);
	assert_int_equal(sqlite3_exec(other,
				      RAW_STAY("R2"),
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(count(f, &q), 7);
	store_read_end(f->st);
	assert_int_equal(count(f, &q), 7); /* still the outer snapshot */
	store_read_end(f->st);
	assert_int_equal(count(f, &q), 8);
	/* An end too many is harmless. */
	store_read_end(f->st);
	assert_int_equal(count(f, &q), 8);
	/* Inside a write transaction, a read pair neither begins nor
	 * commits. */
	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_read_begin(f->st, &err), SR_OK);
	store_read_end(f->st);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	sqlite3_close(other);
	free(path);
}

/* The reason of a stay's latest red day, for the console's marking key:
 * kept by the audit trail through red, none, green and red again. */
static void test_last_red_reason(void **state)
{
	struct fixture *f = *state;
	struct sr_error err = {0};
	int64_t id = stay_id(f, "ACU", "K2002");
	char *reason = (char *)"x";
	static const struct {
		const char *day, *colour, *reason, *want;
	} steps[] = {
		{"2026-11-10", NULL, NULL, NULL},
		{"2026-11-10", "red", NULL, NULL},
		{"2026-11-10", "red", "AT", "AT"},
		{"2026-11-10", NULL, NULL, "AT"},
		{"2026-11-10", "green", NULL, "AT"},
		{"2026-11-10", "red", "AR", "AR"},
		{"2026-11-10", "red", NULL, "AR"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		if (steps[i].colour || i > 0) {
			assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
			assert_int_equal(store_day_mark(f->st, id, steps[i].day,
							steps[i].colour,
							steps[i].reason,
							&loader, &err), SR_OK);
			assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
		}
		assert_int_equal(store_last_red_reason(f->st, id, &reason,
						       &err), SR_OK);
		if (steps[i].want)
			assert_string_equal(reason, steps[i].want);
		else
			assert_null(reason);
		free(reason);
	}
	/* Another stay's reasons are not this one's. */
	assert_int_equal(store_last_red_reason(f->st, stay_id(f, "ACU",
							      "K1002"),
					       &reason, &err), SR_OK);
	assert_null(reason);
}

static void test_marks(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	struct collect c;

	page(f, &q, &c);
	/* K2001's red mark is of D-1. */
	assert_string_equal(c.marks, "K1001:red K1002:green");
	day_init(f, "2026-11-09", 7, 21);
	q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	page(f, &q, &c);
	assert_string_equal(c.marks, "K2001:red");
	day_init(f, "2026-11-10", 7, 21);
}

/* Every page size and sort: the pages, put together, are the whole list
 * in the same order, each stay once. */
static void test_paging(void **state)
{
	struct fixture *f = *state;

	for (int s = 0; s < LIST_SORT_COUNT; s++) {
		struct list_query q = query(f, LIST_ALL, (enum list_sort)s,
					    NULL, NULL);
		struct collect all, part;
		char joined[512];

		page(f, &q, &all);
		assert_int_equal(all.n, 7);
		for (long size = 1; size <= 8; size++) {
			joined[0] = '\0';
			for (long off = 0; off < 9; off += size) {
				q.offset = off;
				q.limit = size;
				page(f, &q, &part);
				assert_true(part.n <= (size_t)size);
				if (part.n && joined[0])
					strcat(joined, " ");
				strcat(joined, part.mrns);
			}
			assert_string_equal(joined, all.mrns);
		}
		/* Past the end: nothing. */
		q.offset = 7;
		q.limit = 5;
		page(f, &q, &part);
		assert_int_equal(part.n, 0);
		/* No limit: everything from the offset. */
		q.offset = 5;
		q.limit = 0;
		page(f, &q, &part);
		assert_int_equal(part.n, 2);
	}
}

/* Equal keys (the same admission time and no ward) are ordered by stay id,
 * so a page boundary never repeats or skips a stay. */
static void test_ties_by_id(void **state)
{
	struct fixture *f = *state;
	struct census_options opt = {.name = "more.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	static const char more[] =
		"site,mrn,family_name,admitted_at\n"
		"ACU,T3,Tie,2026-11-08T10:00\n"
		"ACU,T1,Tie,2026-11-08T10:00\n"
		"ACU,T2,Tie,2026-11-08T10:00\n";
	struct list_query q = query(f, LIST_ALL, SORT_WARD, NULL, "tie");
	struct collect c;

	assert_int_equal(census_import(f->st, f->cfg, more, strlen(more),
				       &opt, &loader, &rep, &err), SR_OK);
	census_report_free(&rep);
	for (int s = 0; s < LIST_SORT_COUNT; s++) {
		q.sort = (enum list_sort)s;
		assert_string_equal(page(f, &q, &c), "T3 T1 T2");
		assert_true(c.ids[0] < c.ids[1] && c.ids[1] < c.ids[2]);
	}
	q.limit = 1;
	q.offset = 1;
	assert_string_equal(page(f, &q, &c), "T1");
	assert_int_equal(count(f, &q), 3);
}

/* The ward sort: stays without a bed go by name after the beds of their
 * ward (their names are read for that, and only for them). */
static void test_ward_sort_no_bed_by_name(void **state)
{
	struct fixture *f = *state;
	struct census_options opt = {.name = "nobed.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	static const char more[] =
		"site,ward,mrn,family_name,given_name,admitted_at\n"
		"ACU,A,N1,zed,Ann,2026-11-08T10:00\n"
		"ACU,A,N2,Abel,Bob,2026-11-08T11:00\n"
		"ACU,A,N3,Abel,Al,2026-11-08T12:00\n";

	assert_int_equal(census_import(f->st, f->cfg, more, strlen(more),
				       &opt, &loader, &rep, &err), SR_OK);
	census_report_free(&rep);
	assert_string_equal(list(f, LIST_ALL, SORT_WARD, "A", NULL),
			    "M3001 K1002 K1001 N3 N2 N1");
	assert_string_equal(list(f, LIST_ALL, SORT_WARD, "A", "n"),
			    "N3 N2 N1");
}

static void test_stop_early(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	struct collect c = {.stop_after = 2};
	struct sr_error err = {0};

	assert_int_equal(store_list_page(f->st, &q, collect_fn, &c, &err),
			 SR_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.mrns, "K1001 M3002");
	/* The statement was reset: the next page runs normally. */
	assert_int_equal(count(f, &q), 7);
}

/* ---- moments (issue 13) ----------------------------------------------------*/

/* The MRNs of the list of moment m (its day's thresholds and marks),
 * sorted by LOS. */
static const char *at_moment(struct fixture *f, const struct sr_moment *m,
			     enum list_filter filter, const char *ward,
			     const char *search)
{
	static struct collect c;
	struct store_day day;
	struct list_query q = {
		.site = "ACU", .ward = ward, .filter = filter, .sort = SORT_LOS,
		.search = search, .day = &day, .moment = m, .limit = 100,
	};

	store_day_init(&day, m->day, 7, 21);
	return page(f, &q, &c);
}

/* "MRN ward/bed EDD" of one stay in the list of moment m. */
struct one {
	const char *mrn;
	char got[128];
	bool discharged;
};

static bool one_fn(void *ctx, const struct stay *s, const char *mark)
{
	struct one *o = ctx;

	(void)mark;
	if (strcmp(s->v[SF_MRN], o->mrn) == 0) {
		snprintf(o->got, sizeof(o->got), "%s/%s %s",
			 s->v[SF_WARD] ? s->v[SF_WARD] : "-",
			 s->v[SF_BED] ? s->v[SF_BED] : "-",
			 s->v[SF_EDD] ? s->v[SF_EDD] : "-");
		o->discharged = s->v[SF_DISCHARGED_AT] != NULL;
	}
	return true;
}

static const char *row_of(struct fixture *f, const struct sr_moment *m,
			  const char *mrn, const char *search,
			  enum list_sort sort)
{
	static struct one o;
	struct store_day day;
	struct list_query q = {
		.site = "ACU", .sort = sort, .search = search, .day = &day,
		.moment = m, .limit = 100,
	};
	struct sr_error err = {0};

	memset(&o, 0, sizeof(o));
	o.mrn = mrn;
	store_day_init(&day, m->day, 7, 21);
	assert_int_equal(store_list_page(f->st, &q, one_fn, &o, &err), SR_OK);
	assert_false(o.discharged);
	return o.got;
}

static void moment_of(struct sr_moment *m, const char *when)
{
	sr_minute t;
	sr_day d;

	if (date_parse(when, &d)) {
		moment_end_of_day(m, d);
		return;
	}
	assert_true(datetime_parse(when, &t));
	moment_at(m, t);
}

/* K1001 moved to B/B5 with a new EDD, recorded at `at` but true from
 * `from` (a backdated correction). */
static void move_k1001(struct fixture *f, const char *at, const char *from)
{
	struct store_actor who = {.by = "ward", .at = at, .from = from,
				  .touched = 1u << SF_WARD | 1u << SF_BED |
					     1u << SF_EDD};
	struct sr_error err = {0};
	struct stay s = {0};
	size_t changed = 0;

	assert_int_equal(store_tx_begin(f->st, &err), SR_OK);
	assert_int_equal(store_stay_get(f->st, stay_id(f, "ACU", "K1001"), &s,
					&err), SR_OK);
	stay_set(&s, SF_WARD, "B");
	stay_set(&s, SF_BED, "B5");
	stay_set(&s, SF_EDD, "2026-11-20");
	assert_int_equal(store_stay_update(f->st, &s, s.version, &who,
					   &changed, &err), SR_OK);
	assert_int_equal(store_tx_commit(f->st, &err), SR_OK);
	assert_true(changed > 0);
	stay_clear(&s);
}

/* A list at an earlier moment shows the ward, bed and EDD in force then,
 * not the current ones; filters and searches see them too. */
static void test_moment_values_then(void **state)
{
	struct fixture *f = *state;
	struct sr_moment m;

	move_k1001(f, "2026-11-12T23:30:00", "2026-11-08T12:00:00");
	moment_of(&m, "2026-11-07");
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_LOS),
			    "A/A10 2026-11-05");
	moment_of(&m, "2026-11-08T11:59");
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_WARD),
			    "A/A10 2026-11-05");
	moment_of(&m, "2026-11-08T12:00");
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_EDD),
			    "B/B5 2026-11-20");
	moment_of(&m, "2026-11-10");
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_DELAY),
			    "B/B5 2026-11-20");
	/* A search reads the stays first: the same values. */
	assert_string_equal(row_of(f, &m, "K1001", "smith", SORT_WARD),
			    "B/B5 2026-11-20");
	moment_of(&m, "2026-11-07");
	assert_string_equal(row_of(f, &m, "K1001", "smith", SORT_LOS),
			    "A/A10 2026-11-05");
	/* Ward and EDD filters on the values of then. */
	assert_string_equal(at_moment(f, &m, LIST_ALL, "A", NULL),
			    "K1001 K1002 K9001");
	moment_of(&m, "2026-11-10");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "A", NULL),
			    "K1002 M3001");
	assert_string_equal(at_moment(f, &m, LIST_EDD_PASSED, NULL, NULL),
			    "M3001");
	moment_of(&m, "2026-11-08T08:00");
	assert_string_equal(at_moment(f, &m, LIST_EDD_PASSED, NULL, NULL),
			    "K1001");
	/* Without a moment: the end of the day, as before. */
	assert_string_equal(list(f, LIST_ALL, SORT_WARD, "B", NULL),
			    "K2001 K2003 K2002 K1001");
}

/* A stay discharged later is listed at an earlier moment (without its
 * discharge); one admitted later is not. */
static void test_moment_discharged_later(void **state)
{
	struct fixture *f = *state;
	struct sr_moment m;

	/* K9001 left on 11-10 at 09:00. */
	moment_of(&m, "2026-11-10T08:59");
	assert_string_equal(row_of(f, &m, "K9001", NULL, SORT_LOS),
			    "A/A3 -");
	assert_string_equal(row_of(f, &m, "K9001", "gone", SORT_WARD),
			    "A/A3 -");
	assert_string_equal(at_moment(f, &m, LIST_ALL, NULL, "gone"),
			    "K9001");
	moment_of(&m, "2026-11-10T09:00");
	assert_string_equal(at_moment(f, &m, LIST_ALL, NULL, "gone"), "");
	assert_string_equal(row_of(f, &m, "K9001", NULL, SORT_LOS), "");
	/* K2003 leaves 11-12 at 10:00: in a bed on 11-11 at midnight. */
	moment_of(&m, "2026-11-11");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "B", NULL),
			    "K2001 K2003 K2002");
	moment_of(&m, "2026-11-12");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "B", NULL),
			    "K2001 K2002");
	/* K2002 admitted 11-10 at 08:00. */
	moment_of(&m, "2026-11-10T07:59");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "B", NULL),
			    "K2001 K2003");
	moment_of(&m, "2026-11-10T08:00");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "B", NULL),
			    "K2001 K2003 K2002");
}

/* As known at an instant: a backdated change recorded after it is hidden;
 * known after it, shown. */
static void test_moment_as_known(void **state)
{
	struct fixture *f = *state;
	struct sr_moment m;
	sr_minute k;

	move_k1001(f, "2026-11-12T23:30:00", "2026-11-08T12:00:00");
	moment_of(&m, "2026-11-10");
	assert_true(datetime_parse("2026-11-12T23:20", &k));
	moment_known_at(&m, k);
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_LOS),
			    "A/A10 2026-11-05");
	assert_string_equal(row_of(f, &m, "K1001", "smith", SORT_WARD),
			    "A/A10 2026-11-05");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "A", NULL),
			    "K1001 K1002 M3001");
	assert_string_equal(at_moment(f, &m, LIST_EDD_PASSED, NULL, NULL),
			    "K1001 M3001");
	assert_true(datetime_parse("2026-11-12T23:30", &k));
	moment_known_at(&m, k);
	assert_string_equal(row_of(f, &m, "K1001", NULL, SORT_LOS),
			    "B/B5 2026-11-20");
	assert_string_equal(at_moment(f, &m, LIST_ALL, "A", NULL),
			    "K1002 M3001");
	/* Before anything was recorded: nobody. */
	assert_true(datetime_parse("2026-11-12T22:00", &k));
	moment_known_at(&m, k);
	assert_string_equal(at_moment(f, &m, LIST_ALL, NULL, NULL), "");
	assert_string_equal(at_moment(f, &m, LIST_ALL, NULL, "smith"), "");
}

static void test_bad_query(void **state)
{
	struct fixture *f = *state;
	struct list_query q = query(f, LIST_ALL, SORT_LOS, NULL, NULL);
	struct collect c = {0};
	struct sr_error err = {0};
	long n = 5;

	q.day = NULL;
	assert_int_equal(store_list_count(f->st, &q, &n, &err), SR_EINVAL);
	assert_int_equal(n, 0);
	q.day = &f->day;
	q.sort = LIST_SORT_COUNT;
	assert_int_equal(store_list_page(f->st, &q, collect_fn, &c, &err),
			 SR_EINVAL);
	q.sort = SORT_LOS;
	q.filter = LIST_FILTER_COUNT;
	assert_int_equal(store_list_count(f->st, &q, &n, &err), SR_EINVAL);
	q.filter = LIST_ALL;
	q.site = "NOPE";
	assert_int_equal(store_list_count(f->st, &q, &n, &err), SR_OK);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_in_bed_on_day, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_thresholds_from_day, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sorts, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_delay_sort_differs_from_los, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_names, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_search_long_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_search_wildcards, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_search_mrn, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_defect05_search, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_every_site, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_defect19_one_snapshot,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_nesting, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_last_red_reason, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_marks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ties_by_id, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ward_sort_no_bed_by_name,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_early, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_moment_values_then, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_moment_discharged_later,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_moment_as_known, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_query, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
