/* Integration tests of census import/export and of the edit module on real
 * SQLite files in a temp directory. */
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
#include "sitrep/util.h"

#include "fixture.h"

struct fixture {
	char dir[64];
	char path[128];
	struct config *cfg;
	struct store *st;
};

static const struct store_actor alice = {.by = "alice", .at = "2026-11-23T08:00:00"};
static const struct store_actor bob = {.by = "bob", .at = "2026-11-23T08:05:00"};
static const struct edit_clock clock_ = {0};

static struct edit_clock test_clock(void)
{
	struct edit_clock c;

	assert_true(date_parse("2026-11-23", &c.today));
	assert_true(datetime_parse("2026-11-23T08:00", &c.now));
	return c;
}

/* An edit made by who on the test's clock. */
static struct edit_ctx ctx_as(const struct fixture *f,
			      const struct store_actor *who)
{
	struct edit_ctx x = {.st = f->st, .cfg = f->cfg, .clock = test_clock(),
			     .by = who->by};

	snprintf(x.at, sizeof(x.at), "%s", who->at);
	return x;
}

/* edit_apply of changes to stay id by who: the result into *res when
 * non-NULL, the field at fault into *bad when non-NULL. */
static enum sr_status apply(const struct fixture *f,
			    const struct store_actor *who, int64_t id,
			    int64_t version, const struct edit_change *ch,
			    size_t n, struct edit_result *res,
			    enum stay_field *bad, struct sr_error *err)
{
	struct edit_ctx x = ctx_as(f, who);
	struct edit_request rq = {id, version, ch, n, 0, NULL};
	struct edit_result local = {0};
	enum sr_status s = edit_apply(&x, &rq, res ? res : &local, err);

	if (bad)
		*bad = (res ? res : &local)->bad;
	edit_result_clear(&local);
	return s;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	const char *root = getenv("SITREP_SOURCE_ROOT");
	char *cfg_path = xasprintf("%s/config/sitrep.yaml", root ? root : ".");
	struct sr_error err = {0};

	(void)clock_;
	strcpy(f->dir, "/tmp/sitrep-census-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/test.db", f->dir);
	f->cfg = config_load(cfg_path, &err);
	free(cfg_path);
	if (!f->cfg) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	f->st = store_open(f->path, STORE_READ_WRITE, &err);
	if (!f->st || store_sync_config(f->st, f->cfg, NULL, &err) != SR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
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

static enum sr_status import(struct fixture *f, const char *csv,
			     const struct census_options *o,
			     struct census_report *rep)
{
	struct census_options def = {.name = "census.csv"};
	struct sr_error err = {0};
	enum sr_status s = census_import(f->st, f->cfg, csv, strlen(csv),
					 o ? o : &def, &alice, rep, &err);

	/* Whatever happened, a sound file whose totals agree with its
	 * stays (a first import loads in bulk, later ones row by row). */
	if (store_integrity_check(f->st, &err) != SR_OK)
		fail_msg("%s", err.msg);
	return s;
}

static char *export_all(struct fixture *f, const struct stay_filter *flt)
{
	struct stay_filter all = {0};
	struct sr_error err = {0};
	char *buf = NULL;
	size_t len = 0, rows;
	FILE *out = open_memstream(&buf, &len);

	assert_int_equal(census_export(f->st, flt ? flt : &all, out, &rows,
				       &err), SR_OK);
	fclose(out);
	return buf;
}

static const char census[] =
	"site,ward,mrn,nhs_number,family_name,given_name,admitted_at,edd,"
	"g2g_date,pathway,delay_reason,delay_agency,note\n"
	"SFT,AMU,M1,999 000 0018,O'Brien,Zoë,2026-11-01T10:00,2026-11-20,"
	"2026-11-15,1,E,ASC,\"waiting, for care\"\n"
	"SFT,AMU,M2,,\"Smith, Jr.\",Ó Briain,2026-11-20 14:30,,,,,,\n"
	"GWH,,M3,,王,秀英,2026-11-22,,,,,,\"two\nlines\"\n";

static void test_import_and_again(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	assert_int_equal(rep.rows, 3);
	assert_int_equal(rep.added, 3);
	assert_int_equal(store_count(f->st, "stay"), 3);
	assert_int_equal(store_count(f->st, "audit"), 3);
	census_report_free(&rep);

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	assert_int_equal(rep.added + rep.updated, 0);
	assert_int_equal(rep.unchanged, 3);
	assert_int_equal(store_count(f->st, "audit"), 3);
	census_report_free(&rep);
}

static void test_update_audited(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct stay s = {0};
	struct sr_error err = {0};
	char *changed = xstrdup(census);
	char *p = strstr(changed, "2026-11-20,2026-11-15");

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	memcpy(p, "2026-11-21", 10); /* M1's EDD */
	assert_int_equal(import(f, changed, NULL, &rep), SR_OK);
	assert_int_equal(rep.updated, 1);
	assert_int_equal(rep.unchanged, 2);
	assert_int_equal(store_count(f->st, "audit"), 4);
	assert_int_equal(store_stay_find(f->st, "SFT", "M1", "2026-11-01T10:00",
					 &s, &err), SR_OK);
	assert_string_equal(s.v[SF_EDD], "2026-11-21");
	assert_int_equal(s.version, 2);
	assert_string_equal(s.v[SF_NHS_NUMBER], "9990000018");
	assert_string_equal(s.v[SF_NOTE], "waiting, for care");
	stay_clear(&s);
	free(changed);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	char *first, *second;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	first = export_all(f, NULL);
	/* The export names every column and carries a BOM and CRLF. */
	assert_memory_equal(first, "\xEF\xBB\xBFsite,ward,bed,mrn,", 21);
	assert_non_null(strstr(first, "\r\n"));
	assert_non_null(strstr(first, "\"Smith, Jr.\""));
	assert_int_equal(import(f, first, NULL, &rep), SR_OK);
	assert_int_equal(rep.unchanged, 3);
	second = export_all(f, NULL);
	assert_string_equal(first, second);
	free(first);
	free(second);
}

/* Imports bad, expects it refused with want among the messages and the
 * database untouched. */
static void expect_refused(struct fixture *f, const char *bad,
			   const char *want)
{
	struct census_report rep;
	long long stays = store_count(f->st, "stay");
	long long audit = store_count(f->st, "audit");
	bool found = false;

	assert_int_equal(import(f, bad, NULL, &rep), SR_EINVAL);
	for (size_t i = 0; i < rep.nerrors; i++)
		found |= strcmp(rep.errors[i], want) == 0;
	if (!found) {
		for (size_t i = 0; i < rep.nerrors; i++)
			fprintf(stderr, "got: %s\n", rep.errors[i]);
		fail_msg("no error '%s'", want);
	}
	census_report_free(&rep);
	assert_int_equal(store_count(f->st, "stay"), stays);
	assert_int_equal(store_count(f->st, "audit"), audit);
}

/* A first census is loaded in bulk: a stay listed twice, anywhere in it,
 * is still refused naming both lines, and nothing is written; a good one
 * gets its audit rows as row by row would write them. */
static void test_first_census(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	char *twice = xasprintf("%sSFT,AMU,M9,,,,2026-11-02T08:00,,,,,,\n"
				"SFT,AMU,M1,,,,2026-11-01 10:00,,,,,,\n",
				census);

	expect_refused(f, twice, "census.csv:7: the same stay (site, mrn, "
		       "admitted_at) as line 2");
	assert_int_equal(store_count(f->st, "stay"), 0);
	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	assert_int_equal(rep.added, 3);
	census_report_free(&rep);
	assert_int_equal(store_count(f->st, "audit"), 3);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM audit"
				       " WHERE field = 'stay' AND new ="
				       " 'imported' AND by = 'alice' AND at ="
				       " '2026-11-23T08:00:00' AND old IS NULL"),
			 3);
	free(twice);
}

static void test_refused(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	census_report_free(&rep);
	expect_refused(f, "site,admitted_at\nSFT,2026-11-01\n",
		       "census.csv:1: missing required column 'mrn'");
	expect_refused(f, "site,mrn,admitted_at\nSFT,X1,2026-11-01\n"
			  "SFT,X2,2026-02-30\n",
		       "census.csv:3: admitted_at: impossible date '2026-02-30'");
	expect_refused(f, "site,mrn,admitted_at\nSFT,X1,2026-11-01\n"
			  "XXX,X2,2026-11-01\n",
		       "census.csv:3: site: unknown site 'XXX' (expected SFT, GWH, "
		       "RUH, CHP, SAV, WMR, ICT, AWP)");
	expect_refused(f, "site,mrn,admitted_at\nSFT,X1,2026-11-01\n"
			  "SFT,X1,2026-11-01\n",
		       "census.csv:3: the same stay (site, mrn, admitted_at) "
		       "as line 2");
	expect_refused(f, "site,mrn,admitted_at\nSFT,X1,2026-11-01\n"
			  "SFT,\"X2,2026-11-01\n",
		       "census.csv:3: unbalanced quote: the quoted field "
		       "opened on this line never closes");
	expect_refused(f, "site,mrn,admitted_at\nSFT,X1\n",
		       "census.csv:2: wrong number of fields: 2, expected 3");
	expect_refused(f, "",
		       "census.csv:1: empty file: no header row");
	expect_refused(f, "site,mrn,admitted_at,pathway\n"
			  "SFT,X1,2026-11-01,7\n",
		       "census.csv:2: pathway: pathway must be 0, 1, 2 or 3");
	expect_refused(f, "site,mrn,admitted_at,colour\nSFT,X1,2026-11-01,x\n",
		       "census.csv:1: 'colour' is not a census column");
	/* A valid row before a bad one is not written either. */
	expect_refused(f, "site,mrn,admitted_at,g2g_date\n"
			  "SFT,NEW1,2026-11-01,\n"
			  "SFT,NEW2,2026-11-05,2026-11-01\n",
		       "census.csv:3: g2g_date: green-to-go date 2026-11-01 is "
		       "before admission (2026-11-05)");
}

static void test_error_messages(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct sr_error err = {0};

	assert_int_equal(import(f, "site,mrn,admitted_at,nhs_number\n"
				   "SFT,SECRET1,2026-11-01,9434765918\n",
				NULL, &rep), SR_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	assert_null(strstr(rep.errors[0], "9434765918"));
	assert_null(strstr(rep.errors[0], "SECRET1"));
	assert_non_null(strstr(rep.errors[0], "census.csv:2: nhs_number: "));
	census_report_free(&rep);

	/* More than CENSUS_MAX_ERRORS: the first are kept, all are counted. */
	{
		char *bad = xstrdup("site,mrn,admitted_at\n");

		for (int i = 0; i < 25; i++) {
			char *next = xasprintf("%sSFT,B%d,bad\n", bad, i);

			free(bad);
			bad = next;
		}
		assert_int_equal(census_import(f->st, f->cfg, bad, strlen(bad),
			&(struct census_options){.name = "b.csv"}, &alice,
			&rep, &err), SR_EINVAL);
		assert_int_equal(rep.nerrors, CENSUS_MAX_ERRORS);
		assert_int_equal(rep.total_errors, 25);
		assert_string_equal(err.msg, "b.csv: 25 errors: nothing imported");
		census_report_free(&rep);
		free(bad);
	}
}

static void test_dry_run_and_discharge_missing(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct census_options o = {.name = "c.csv", .dry_run = true};
	struct stay s = {0};
	struct sr_error err = {0};
	/* M2 (SFT) is gone from the file; M3 (GWH) is not in it either, but
	 * GWH is not one of the file's sites. */
	static const char fewer[] =
		"site,mrn,admitted_at\nSFT,M1,2026-11-01T10:00\n";

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	o.discharge_missing = true;
	assert_int_equal(import(f, fewer, &o, &rep), SR_OK);
	assert_int_equal(rep.discharged, 1);
	assert_int_equal(store_count(f->st, "audit"), 3);
	o.dry_run = false;
	assert_int_equal(import(f, fewer, &o, &rep), SR_OK);
	assert_int_equal(rep.discharged, 1);
	assert_int_equal(rep.unchanged, 1);
	assert_int_equal(store_stay_find(f->st, "SFT", "M2", "2026-11-20T14:30",
					 &s, &err), SR_OK);
	assert_string_equal(s.v[SF_DISCHARGED_AT], "2026-11-23T08:00");
	stay_clear(&s);
	assert_int_equal(store_stay_find(f->st, "GWH", "M3", "2026-11-22T00:00",
					 &s, &err), SR_OK);
	assert_null(s.v[SF_DISCHARGED_AT]);
	stay_clear(&s);
}

/* Stays listed out of the order of their ids, and new ones among them:
 * a stay listed twice is still named by its first line, and
 * --discharge-missing still knows which stays the file listed. */
static void test_listed_out_of_order(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct census_options o = {.name = "census.csv",
				   .discharge_missing = true};
	struct stay s = {0};
	struct sr_error err = {0};
	static const char mixed[] =
		"site,mrn,admitted_at\n"
		"SFT,M4,2026-11-21T09:00\n"
		"GWH,M3,2026-11-22\n"
		"SFT,M1,2026-11-01T10:00\n"
		"SFT,M5,2026-11-21T10:00\n";
	char *twice = xasprintf("%sSFT,M1,2026-11-01 10:00\n"
				"SFT,M4,2026-11-21 09:00\n", mixed);

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	census_report_free(&rep);
	expect_refused(f, twice, "census.csv:6: the same stay (site, mrn, "
		       "admitted_at) as line 4");
	expect_refused(f, twice, "census.csv:7: the same stay (site, mrn, "
		       "admitted_at) as line 2");
	assert_int_equal(import(f, mixed, &o, &rep), SR_OK);
	assert_int_equal(rep.added, 2);
	assert_int_equal(rep.unchanged, 2);
	assert_int_equal(rep.discharged, 1);
	census_report_free(&rep);
	assert_int_equal(store_stay_find(f->st, "SFT", "M2", "2026-11-20T14:30",
					 &s, &err), SR_OK);
	assert_non_null(s.v[SF_DISCHARGED_AT]);
	stay_clear(&s);
	assert_int_equal(fixture_query(f->path, "SELECT count(*) FROM stay"
				       " WHERE discharged_at IS NULL"), 4);
	free(twice);
}

static int64_t id_of(struct fixture *f, const char *mrn)
{
	struct sr_error err = {0};
	int64_t id = 0;

	struct edit_ctx x = ctx_as(f, &alice);

	assert_int_equal(edit_find(&x, NULL, mrn, &id, &err), SR_OK);
	return id;
}

static void test_edit_conflict(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct edit_change edd = {SF_EDD, "tomorrow"};
	struct edit_change note = {SF_NOTE, "mine"};
	struct edit_result res = {0};
	struct sr_error err = {0};
	int64_t id;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	id = id_of(f, "M1");
	assert_int_equal(apply(f, &bob, id, 1, &edd, 1, &res, NULL, &err),
			 SR_OK);
	assert_int_equal(res.nchanged, 1);
	assert_int_equal(res.saved.version, 2);
	assert_string_equal(res.saved.v[SF_EDD], "2026-11-24");
	edit_result_clear(&res);
	/* alice still holds version 1. */
	assert_int_equal(apply(f, &alice, id, 1, &note, 1, &res, NULL, &err),
			 SR_ECONFLICT);
	assert_string_equal(err.msg,
		"stay 1 was changed by bob at 2026-11-23T08:05:00 (now version "
		"2; your edit was made on version 1): nothing saved, reload and "
		"try again");
	assert_int_equal(apply(f, &alice, id, 2, &note, 1, &res, NULL, &err),
			 SR_OK);
	assert_string_equal(res.saved.v[SF_NOTE], "mine");
	assert_string_equal(res.saved.v[SF_EDD], "2026-11-24");
	edit_result_clear(&res);
}

static void test_edit_rules(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct edit_ctx xa = ctx_as(f, &alice), xb = ctx_as(f, &bob);
	struct sr_error err = {0};
	enum stay_field bad;
	int64_t id;
	long long audit;
	sr_day day;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	id = id_of(f, "M1");
	audit = store_count(f->st, "audit");
	{
		struct edit_change ch = {SF_PATHWAY, "7"};

		assert_int_equal(apply(f, &alice, id, 0, &ch, 1, NULL, &bad, &err),
				 SR_EINVAL);
		assert_int_equal(bad, SF_PATHWAY);
	}
	{
		struct edit_change ch = {SF_WARD, "NOPE"};

		assert_int_equal(apply(f, &alice, id, 0, &ch, 1, NULL, &bad, &err),
				 SR_EINVAL);
		assert_int_equal(bad, SF_WARD);
	}
	{
		struct edit_change ch = {SF_SITE, "GWH"};

		assert_int_equal(apply(f, &alice, id, 0, &ch, 1, NULL, &bad, &err),
				 SR_EINVAL);
		assert_int_equal(bad, SF_SITE);
	}
	assert_int_equal(store_count(f->st, "audit"), audit);

	/* Marks: red with a reason, then green, then cleared: 3 audit rows. */
	assert_true(date_parse("2026-11-22", &day));
	assert_int_equal(edit_mark(&xa, id, day, "red", "test", &err),
			 SR_OK);
	assert_int_equal(edit_mark(&xa, id, day, "red", "test", &err),
			 SR_OK);
	assert_int_equal(store_count(f->st, "audit"), audit + 1);
	assert_int_equal(edit_mark(&xa, id, day, "green", "test", &err),
			 SR_EINVAL);
	assert_int_equal(edit_mark(&xa, id, day, "green", NULL, &err),
			 SR_OK);
	assert_int_equal(edit_mark(&xa, id, day, NULL, NULL, &err),
			 SR_OK);
	assert_int_equal(store_count(f->st, "audit"), audit + 3);
	assert_int_equal(store_count(f->st, "day_mark"), 0);
	/* Two people mark the same day, each from what they saw (no mark):
	 * the second is refused, and the first's mark stays; from the mark
	 * as it now is, the change goes through. */
	assert_int_equal(edit_mark_if(&xa, id, day, NULL, NULL, "red", "test", &err),
			 SR_OK);
	assert_int_equal(edit_mark_if(&xb, id, day, NULL, NULL, "green", NULL, &err),
			 SR_ECONFLICT);
	assert_non_null(strstr(err.msg, "changed by someone else (now red)"));
	assert_int_equal(edit_mark_if(&xb, id, day, "red", NULL, "green", NULL, &err),
			 SR_ECONFLICT);
	assert_int_equal(store_count(f->st, "audit"), audit + 4);
	{
		char *colour, *reason;

		assert_int_equal(store_day_mark_get(f->st, id, "2026-11-22",
						    &colour, &reason, &err),
				 SR_OK);
		assert_string_equal(colour, "red");
		assert_string_equal(reason, "test");
		free(colour);
		free(reason);
	}
	assert_int_equal(edit_mark_if(&xb, id, day, "red", "test", NULL, NULL, &err),
			 SR_OK);
	assert_int_equal(store_count(f->st, "audit"), audit + 5);
	assert_int_equal(store_count(f->st, "day_mark"), 0);
	/* Not before admission, not in the future. */
	assert_true(date_parse("2026-10-31", &day));
	assert_int_equal(edit_mark(&xa, id, day, "red", NULL, &err),
			 SR_EINVAL);
	assert_true(date_parse("2026-11-24", &day));
	assert_int_equal(edit_mark(&xa, id, day, "green", NULL, &err),
			 SR_EINVAL);
}

static void test_admit_and_find(void **state)
{
	struct fixture *f = *state;
	struct edit_ctx xa = ctx_as(f, &alice);
	struct edit_change ch[] = {
		{SF_SITE, "RUH"}, {SF_MRN, "M1"}, {SF_ADMITTED_AT, "now"},
		{SF_WARD, NULL}, {SF_FAMILY_NAME, "Robert'); DROP TABLE stay;--"},
	};
	struct census_report rep;
	struct edit_result res = {0};
	struct sr_error err = {0};
	int64_t id;

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	assert_int_equal(edit_admit(&xa, ch, ARRAY_SIZE(ch), &res, &err),
			 SR_OK);
	assert_string_equal(res.saved.v[SF_ADMITTED_AT], "2026-11-23T08:00");
	assert_string_equal(res.saved.v[SF_FAMILY_NAME],
			    "Robert'); DROP TABLE stay;--");
	edit_result_clear(&res);
	assert_int_equal(store_count(f->st, "stay"), 4);
	/* M1 is now in a bed at SFT and at RUH. */
	assert_int_equal(edit_find(&xa, NULL, "M1", &id, &err), SR_EINVAL);
	assert_null(strstr(err.msg, "M1"));
	assert_int_equal(edit_find(&xa, "RUH", "M1", &id, &err), SR_OK);
	assert_int_equal(edit_find(&xa, NULL, "NOBODY", &id, &err),
			 SR_ENOTFOUND);
	assert_null(strstr(err.msg, "NOBODY"));
	/* The same admission twice is refused. */
	assert_int_equal(edit_admit(&xa, ch, 3, NULL, &err), SR_EINVAL);
	assert_int_equal(store_count(f->st, "stay"), 4);
}

/* Regression: --discharge-missing used to discharge without the rules, so
 * a stay green to go after the import time was stored broken. */
static void test_discharge_missing_validated(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct census_options o = {.name = "d.csv", .discharge_missing = true};
	long long audit;
	static const char two[] =
		"site,mrn,admitted_at,g2g_date\n"
		"SFT,A,2026-11-20T10:00,2026-11-25\n"
		"SFT,B,2026-11-20T10:00,\n";
	static const char only_b[] =
		"site,mrn,admitted_at\nSFT,B,2026-11-20T10:00\n";

	assert_int_equal(import(f, two, NULL, &rep), SR_OK);
	audit = store_count(f->st, "audit");
	assert_int_equal(import(f, only_b, &o, &rep), SR_EINVAL);
	assert_int_equal(rep.total_errors, 1);
	assert_string_equal(rep.errors[0],
		"d.csv: --discharge-missing: stay 1 at SFT cannot be discharged "
		"at 2026-11-23T08:00: g2g_date: green-to-go date 2026-11-25 is "
		"after discharge (2026-11-23T08:00)");
	census_report_free(&rep);
	assert_int_equal(store_count(f->st, "audit"), audit);
}

/* Regression: times in the future were accepted. */
static void test_future_times_refused(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct edit_ctx xa = ctx_as(f, &alice);
	struct edit_result res = {0};
	struct edit_change ch[] = {
		{SF_SITE, "SFT"}, {SF_MRN, "F1"},
		{SF_ADMITTED_AT, "2026-11-23T08:01"},
	};
	struct sr_error err = {0};
	enum stay_field bad;

	expect_refused(f, "site,mrn,admitted_at\nSFT,F1,2027-01-01T00:00\n",
		       "census.csv:2: admitted_at: admission is in the future "
		       "(now is 2026-11-23T08:00)");
	assert_int_equal(edit_admit(&xa, ch, 3, &res, &err), SR_EINVAL);
	assert_int_equal(res.bad, SF_ADMITTED_AT);
	ch[2].value = "2026-11-23T08:00";
	assert_int_equal(edit_admit(&xa, ch, 3, &res, &err), SR_OK);
	edit_result_clear(&res);
	{
		struct edit_change dis = {SF_DISCHARGED_AT, "2026-11-24"};
		int64_t id = id_of(f, "F1");

		assert_int_equal(apply(f, &alice, id, 0, &dis, 1, NULL, &bad,
				       &err), SR_EINVAL);
		assert_int_equal(bad, SF_DISCHARGED_AT);
	}
	(void)rep;
}

/* Regression: an MRN already in a bed at a site could be admitted there
 * again, leaving two current stays. */
static void test_admit_twice_at_site_refused(void **state)
{
	struct fixture *f = *state;
	struct census_report rep;
	struct edit_ctx xa = ctx_as(f, &alice);
	struct edit_result res = {0};
	struct edit_change ch[] = {
		{SF_SITE, "SFT"}, {SF_MRN, "M1"},
		{SF_ADMITTED_AT, "2026-11-22T10:00"},
	};
	struct sr_error err = {0};

	assert_int_equal(import(f, census, NULL, &rep), SR_OK);
	assert_int_equal(edit_admit(&xa, ch, 3, &res, &err), SR_EINVAL);
	assert_int_equal(res.bad, SF_MRN);
	assert_string_equal(err.msg, "mrn: that patient is already in a bed "
				     "at SFT (stay 1): discharge that stay "
				     "first");
	assert_int_equal(store_count(f->st, "stay"), 3);
}

/* Regression: a header name was cut at its first space. */
static void test_header_with_space_refused(void **state)
{
	struct fixture *f = *state;

	expect_refused(f, "site, mrn extra ,admitted_at\nSFT,X,2026-11-01\n",
		       "census.csv:1: 'mrn extra' is not a census column");
	expect_refused(f, "site,mrn extra,admitted_at\nSFT,X,2026-11-01\n",
		       "census.csv:1: missing required column 'mrn'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_import_and_again),
		T(test_update_audited),
		T(test_round_trip),
		T(test_refused),
		T(test_error_messages),
		T(test_dry_run_and_discharge_missing),
		T(test_listed_out_of_order),
		T(test_edit_conflict),
		T(test_edit_rules),
		T(test_admit_and_find),
		T(test_discharge_missing_validated),
		T(test_future_times_refused),
		T(test_admit_twice_at_site_refused),
		T(test_header_with_space_refused),
		T(test_first_census),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
