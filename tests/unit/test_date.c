/* Unit tests for src/date.c: the calendar, strict parsing, formatting,
 * relative dates and the frozen clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "sitrep/date.h"

static sr_day ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static sr_day parsed(const char *s)
{
	sr_day d = -999999;

	assert_true(date_parse(s, &d));
	return d;
}

static void assert_date(sr_day d, const char *want)
{
	char buf[DATE_BUF];

	date_format(d, buf);
	assert_string_equal(buf, want);
}

static void assert_datetime(sr_minute t, const char *want)
{
	char buf[DATETIME_BUF];

	datetime_format(t, buf);
	assert_string_equal(buf, want);
}

/* ---- the calendar ---- */

static void test_known_day_numbers(void **state)
{
	(void)state;
	/* Expected values from an independent calendar implementation. */
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1969, 12, 31), -1);
	assert_int_equal(ymd(1900, 1, 1), -25567);
	assert_int_equal(ymd(2000, 1, 1), 10957);
	assert_int_equal(ymd(2000, 3, 1), 11017);
	assert_int_equal(ymd(2024, 2, 29), 19782);
	assert_int_equal(ymd(2026, 11, 23), 20780);
	assert_int_equal(ymd(2199, 12, 31), 84005);
	assert_int_equal(ymd(1600, 3, 1), -135080);
}

/* Walks the calendar a day at a time from 1600 to 2400 with a naive
 * stepper and checks that day numbers follow on and convert back. */
static void test_round_trip_every_day(void **state)
{
	int y = 1600, m = 1, d = 1, ry, rm, rd;
	sr_day expect = ymd(1600, 1, 1);

	(void)state;
	assert_true(expect < 0);
	while (y < 2400) {
		assert_int_equal(ymd(y, m, d), expect);
		date_to_ymd(expect, &ry, &rm, &rd);
		assert_int_equal(ry, y);
		assert_int_equal(rm, m);
		assert_int_equal(rd, d);
		expect++;
		if (++d > date_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2400, 2), 29);
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_false(date_valid_ymd(2100, 2, 29));
	assert_int_equal(ymd(2024, 3, 1) - ymd(2024, 2, 28), 2);
	assert_int_equal(ymd(2100, 3, 1) - ymd(2100, 2, 28), 1);
}

static void test_month_ends(void **state)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	(void)state;
	for (int m = 1; m <= 12; m++) {
		assert_int_equal(date_days_in_month(2026, m), days[m - 1]);
		assert_true(date_valid_ymd(2026, m, days[m - 1]));
		assert_false(date_valid_ymd(2026, m, days[m - 1] + 1));
		assert_false(date_valid_ymd(2026, m, 0));
	}
	assert_int_equal(date_days_in_month(2026, 0), 0);
	assert_int_equal(date_days_in_month(2026, 13), 0);
	assert_false(date_valid_ymd(2026, 0, 1));
	assert_false(date_valid_ymd(2026, 13, 1));
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 3); /* 1970-01-01, Thursday */
	assert_int_equal(date_weekday(-1), 2); /* 1969-12-31, Wednesday */
	assert_int_equal(date_weekday(ymd(2026, 11, 23)), 0); /* Monday */
	assert_int_equal(date_weekday(ymd(2000, 1, 1)), 5);   /* Saturday */
	assert_int_equal(date_weekday(ymd(1900, 1, 1)), 0);   /* Monday */
	assert_int_equal(date_weekday(ymd(2199, 12, 31)), 1); /* Tuesday */
	assert_int_equal(date_weekday(ymd(1600, 3, 1)), 2);   /* Wednesday */
	for (sr_day d = -30; d < 30; d++)
		assert_int_equal(date_weekday(d + 1),
				 (date_weekday(d) + 1) % 7);
	assert_false(date_is_weekend(ymd(2026, 11, 27)));
	assert_true(date_is_weekend(ymd(2026, 11, 28)));
	assert_true(date_is_weekend(ymd(2026, 11, 29)));
	assert_false(date_is_weekend(ymd(2026, 11, 30)));
	assert_true(date_is_weekend(-5)); /* 1969-12-27, Saturday */
}

static void test_first_of_month(void **state)
{
	(void)state;
	assert_int_equal(date_first_of_month(ymd(2026, 11, 23)),
			 ymd(2026, 11, 1));
	assert_int_equal(date_first_of_month(ymd(2026, 11, 1)),
			 ymd(2026, 11, 1));
	assert_int_equal(date_first_of_month(ymd(2024, 2, 29)),
			 ymd(2024, 2, 1));
	assert_int_equal(date_first_of_month(-1), ymd(1969, 12, 1));
	assert_int_equal(date_first_of_month(ymd(1900, 1, 31)),
			 ymd(1900, 1, 1));
}

/* ---- strict dates ---- */

static void test_date_parse_good(void **state)
{
	(void)state;
	assert_int_equal(parsed("2026-11-23"), ymd(2026, 11, 23));
	assert_int_equal(parsed("2024-02-29"), ymd(2024, 2, 29));
	assert_int_equal(parsed("2000-02-29"), ymd(2000, 2, 29));
	assert_int_equal(parsed("1900-01-01"), -25567);
	assert_int_equal(parsed("2199-12-31"), 84005);
	assert_int_equal(parsed("1969-12-31"), -1);
	assert_int_equal(parsed("2026-04-30"), ymd(2026, 4, 30));
}

static void test_date_parse_bad(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2026-02-29", "2100-02-29", "1900-02-29",
		"2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
		"2026-01-32", "1899-12-31", "2200-01-01", "0000-01-01",
		"2026-1-01",  "2026-01-1",  "26-01-01",   "20260101",
		" 2026-01-01", "2026-01-01 ", "2026-01-01x", "2026-01-01T00:00",
		"2026/01/01", "2026-01/01", "+026-01-01", "-026-01-01",
		"2026-0a-01", "", "2026", "2026-01-01\n", "\t2026-01-01",
		"2026-１1-01",
	};
	sr_day d = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse(bad[i], &d))
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(d, 42);
	}
	assert_false(date_parse(NULL, &d));
}

static void test_date_format(void **state)
{
	(void)state;
	assert_date(0, "1970-01-01");
	assert_date(-1, "1969-12-31");
	assert_date(-25567, "1900-01-01");
	assert_date(ymd(2024, 2, 29), "2024-02-29");
	assert_date(ymd(2199, 12, 31), "2199-12-31");
	assert_date(ymd(1, 1, 1), "0001-01-01");
	assert_date(ymd(9999, 12, 31), "9999-12-31");
	/* Out of four-digit range: a fixed text that never parses back. */
	assert_date(ymd(10000, 1, 1), "0000-00-00");
	assert_date(ymd(-1, 1, 1), "0000-00-00");
	assert_date(INT32_MAX, "0000-00-00");
	assert_date(INT32_MIN, "0000-00-00");
	for (sr_day d = -25567; d <= 84005; d += 37) {
		char buf[DATE_BUF];
		sr_day back;

		date_format(d, buf);
		assert_true(date_parse(buf, &back));
		assert_int_equal(back, d);
	}
}

static void test_month_parse(void **state)
{
	sr_day d = 42;

	(void)state;
	assert_true(month_parse("2026-11", &d));
	assert_int_equal(d, ymd(2026, 11, 1));
	assert_true(month_parse("1900-01", &d));
	assert_int_equal(d, ymd(1900, 1, 1));
	assert_true(month_parse("2199-12", &d));
	d = 42;
	assert_false(month_parse("2026-13", &d));
	assert_false(month_parse("2026-00", &d));
	assert_false(month_parse("2026-1", &d));
	assert_false(month_parse("2026-11-01", &d));
	assert_false(month_parse("1899-12", &d));
	assert_false(month_parse("2026-11 ", &d));
	assert_false(month_parse("", &d));
	assert_false(month_parse(NULL, &d));
	assert_int_equal(d, 42);
}

/* ---- date and time ---- */

static sr_minute at(int y, int m, int d, int hh, int mm)
{
	return (sr_minute)ymd(y, m, d) * MINUTES_PER_DAY + hh * 60 + mm;
}

static void test_datetime_parse_good(void **state)
{
	static const struct {
		const char *in;
		const char *canonical;
	} good[] = {
		{"2026-11-23T08:05", "2026-11-23T08:05"},
		{"2026-11-23 08:05", "2026-11-23T08:05"},
		{"2026-11-23T08:05:59", "2026-11-23T08:05"},
		{"2026-11-23 08:05:00", "2026-11-23T08:05"},
		{"2026-11-23", "2026-11-23T00:00"},
		{"2026-11-23T00:00", "2026-11-23T00:00"},
		{"2026-11-23T23:59", "2026-11-23T23:59"},
		{"2024-02-29T12:30", "2024-02-29T12:30"},
		{"1969-12-31T23:59", "1969-12-31T23:59"},
		{"1900-01-01T00:00", "1900-01-01T00:00"},
	};
	sr_minute t;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!datetime_parse(good[i].in, &t))
			fail_msg("rejected '%s'", good[i].in);
		assert_datetime(t, good[i].canonical);
	}
	assert_true(datetime_parse("2026-11-23T08:05", &t));
	assert_int_equal(t, at(2026, 11, 23, 8, 5));
	assert_true(datetime_parse("1969-12-31T23:59", &t));
	assert_int_equal(t, -1);
}

static void test_datetime_parse_bad(void **state)
{
	static const char *const bad[] = {
		"2026-11-23T24:00", "2026-11-23T08:60", "2026-11-23T08:05:60",
		"2026-11-23T8:05", "2026-11-23T08:5", "2026-11-23T08:05Z",
		"2026-11-23T08:05 ", "2026-11-23T", "2026-11-23 ",
		"2026-11-23t08:05", "2026-11-23T08:05:5", "2026-11-23T08:05:",
		"2026-11-23  08:05", "2026-02-30T08:00", "2026-11-23T08-05",
		"2026-11-23T08:05+01:00", "2026-11-23T08:05:00.5",
		"2026-11-23_08:05", " 2026-11-23T08:05", "2026-11-23T08",
		"2026-11-23T0805", "", "2026-11", "2200-01-01T00:00",
		"2026-11-23T-1:00",
	};
	sr_minute t = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (datetime_parse(bad[i], &t))
			fail_msg("accepted '%s'", bad[i]);
		assert_int_equal(t, 42);
	}
	assert_false(datetime_parse(NULL, &t));
}

static void test_datetime_negative(void **state)
{
	(void)state;
	assert_int_equal(datetime_day(0), 0);
	assert_int_equal(datetime_day(1439), 0);
	assert_int_equal(datetime_day(1440), 1);
	assert_int_equal(datetime_day(-1), -1);
	assert_int_equal(datetime_minute_of_day(-1), 1439);
	assert_int_equal(datetime_day(-1440), -1);
	assert_int_equal(datetime_minute_of_day(-1440), 0);
	assert_int_equal(datetime_day(-1441), -2);
	assert_int_equal(datetime_minute_of_day(-1441), 1439);
	assert_datetime(-1, "1969-12-31T23:59");
	assert_datetime(-1440, "1969-12-31T00:00");
	assert_datetime(-1441, "1969-12-30T23:59");
	assert_datetime(at(1900, 1, 1, 0, 1), "1900-01-01T00:01");
	for (sr_minute t = at(1969, 12, 30, 0, 0); t < at(1970, 1, 2, 0, 0);
	     t += 7) {
		char buf[DATETIME_BUF];
		sr_minute back;

		datetime_format(t, buf);
		assert_true(datetime_parse(buf, &back));
		assert_int_equal(back, t);
	}
}

/* ---- relative dates ---- */

static sr_day relative(const char *s, sr_day today)
{
	sr_day d = -999999;

	if (!date_parse_relative(s, today, &d))
		fail_msg("rejected '%s'", s);
	return d;
}

static void test_relative_words(void **state)
{
	sr_day today = ymd(2026, 11, 23); /* a Monday */

	(void)state;
	assert_int_equal(relative("today", today), today);
	assert_int_equal(relative("TODAY", today), today);
	assert_int_equal(relative("Tomorrow", today), today + 1);
	assert_int_equal(relative("yesterday", today), today - 1);
	assert_int_equal(relative("  tomorrow ", today), today + 1);
	assert_int_equal(relative("2026-12-01", today), ymd(2026, 12, 1));
	assert_int_equal(relative("2020-01-01", today), ymd(2020, 1, 1));
	assert_int_equal(relative("yesterday", 0), -1);
}

static void test_relative_offsets(void **state)
{
	sr_day today = ymd(2026, 11, 23);
	sr_day d = 42;

	(void)state;
	assert_int_equal(relative("+0", today), today);
	assert_int_equal(relative("-0", today), today);
	assert_int_equal(relative("+1", today), today + 1);
	assert_int_equal(relative("-7", today), today - 7);
	assert_int_equal(relative("+14", today), today + 14);
	assert_int_equal(relative("+3650", today), today + 3650);
	assert_int_equal(relative("-3650", today), today - 3650);
	assert_int_equal(relative("+0007", today), today + 7);
	assert_false(date_parse_relative("+3651", today, &d));
	assert_false(date_parse_relative("-99999", today, &d));
	assert_false(date_parse_relative("+", today, &d));
	assert_false(date_parse_relative("1", today, &d));
	assert_false(date_parse_relative("+1x", today, &d));
	assert_false(date_parse_relative("+ 1", today, &d));
	assert_false(date_parse_relative("++1", today, &d));
	assert_false(date_parse_relative("+1.5", today, &d));
	assert_int_equal(d, 42);
}

static void test_relative_weekdays(void **state)
{
	sr_day mon = ymd(2026, 11, 23);
	sr_day sun = ymd(2026, 11, 29);

	(void)state;
	/* Always the next such day strictly after today. */
	assert_int_equal(relative("mon", mon), ymd(2026, 11, 30));
	assert_int_equal(relative("Monday", mon), ymd(2026, 11, 30));
	assert_int_equal(relative("tue", mon), ymd(2026, 11, 24));
	assert_int_equal(relative("TUESDAY", mon), ymd(2026, 11, 24));
	assert_int_equal(relative("wed", mon), ymd(2026, 11, 25));
	assert_int_equal(relative("thursday", mon), ymd(2026, 11, 26));
	assert_int_equal(relative("Fri", mon), ymd(2026, 11, 27));
	assert_int_equal(relative("sat", mon), ymd(2026, 11, 28));
	assert_int_equal(relative("sunday", mon), ymd(2026, 11, 29));
	assert_int_equal(relative("sun", sun), ymd(2026, 12, 6));
	assert_int_equal(relative("mon", sun), ymd(2026, 11, 30));
	/* Across the epoch: Wednesday 1969-12-31 to Thursday 1970-01-01. */
	assert_int_equal(relative("thu", -1), 0);
	assert_int_equal(relative("wed", -1), 6);
}

static void test_relative_bad(void **state)
{
	static const char *const bad[] = {
		"", "   ", "mo", "tues", "mondays", "monday!", "tod",
		"next monday", "2026-02-30", "2026-11-23T10:00", "now",
		"todayy", "lundi",
	};
	sr_day d = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse_relative(bad[i], 0, &d))
			fail_msg("accepted '%s'", bad[i]);
	}
	assert_false(date_parse_relative(NULL, 0, &d));
	assert_int_equal(d, 42);
}

/* ---- the frozen clock ---- */

static sr_day clock_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int clean_env(void **state)
{
	(void)state;
	unsetenv("SITREP_TODAY");
	unsetenv("SITREP_NOW");
	return 0;
}

static void test_today_from_env(void **state)
{
	(void)state;
	setenv("SITREP_TODAY", "2026-11-23", 1);
	assert_int_equal(date_today(), ymd(2026, 11, 23));
	assert_int_equal(datetime_now(), at(2026, 11, 23, 12, 0));
	setenv("SITREP_TODAY", "1969-12-31", 1);
	assert_int_equal(date_today(), -1);
	assert_int_equal(datetime_now(), at(1969, 12, 31, 12, 0));
}

static void test_now_from_env(void **state)
{
	(void)state;
	setenv("SITREP_TODAY", "2026-11-23", 1);
	setenv("SITREP_NOW", "2026-11-24T08:30", 1);
	assert_int_equal(datetime_now(), at(2026, 11, 24, 8, 30));
	/* SITREP_TODAY still decides today when both are set. */
	assert_int_equal(date_today(), ymd(2026, 11, 23));
	/* With only SITREP_NOW, today follows it. */
	unsetenv("SITREP_TODAY");
	assert_int_equal(date_today(), ymd(2026, 11, 24));
	setenv("SITREP_NOW", "2026-11-24 07:15:30", 1);
	assert_int_equal(datetime_now(), at(2026, 11, 24, 7, 15));
}

static void test_invalid_env_ignored(void **state)
{
	sr_day before, today, after;
	sr_minute now;

	(void)state;
	setenv("SITREP_TODAY", "2026-02-30", 1);
	setenv("SITREP_NOW", "soon", 1);
	before = clock_today();
	today = date_today();
	now = datetime_now();
	after = clock_today();
	assert_true(today == before || today == after);
	assert_true(datetime_day(now) == before || datetime_day(now) == after);

	setenv("SITREP_TODAY", "", 1);
	assert_true(date_today() >= before);
	unsetenv("SITREP_TODAY");
	unsetenv("SITREP_NOW");
	today = date_today();
	assert_true(today == before || today == clock_today());
}

static void test_now_from_clock(void **state)
{
	time_t t0 = time(NULL), t1;
	struct tm tm;
	sr_minute now, lo, hi;

	(void)state;
	localtime_r(&t0, &tm);
	lo = at(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min);
	now = datetime_now();
	t1 = time(NULL);
	localtime_r(&t1, &tm);
	hi = at(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min);
	assert_true(now >= lo && now <= hi);
}

/* ---- issue 12, defect 20: day-first dates from a UK spreadsheet ---- */

#define N(a) (sizeof(a) / sizeof(*(a)))

static sr_day read_day(const char *s)
{
	sr_day d = -999999;

	assert_int_equal(date_read(s, &d), DATE_READ_OK);
	return d;
}

static sr_minute read_time(const char *s)
{
	sr_minute t = -999999;

	assert_int_equal(datetime_read(s, &t), DATE_READ_OK);
	return t;
}

static enum date_read day_why(const char *s)
{
	sr_day d = -999999;
	enum date_read r = date_read(s, &d);

	assert_int_not_equal(r, DATE_READ_OK);
	assert_int_equal(d, -999999); /* not written on failure */
	return r;
}

static enum date_read time_why(const char *s)
{
	sr_minute t = -999999;
	enum date_read r = datetime_read(s, &t);

	assert_int_not_equal(r, DATE_READ_OK);
	assert_int_equal(t, -999999);
	return r;
}

/* As Excel and LibreOffice Calc write them in an en-GB locale. */
static void test_defect20_day_first_dates(void **state)
{
	(void)state;
	assert_date(read_day("10/10/2026"), "2026-10-10");
	assert_date(read_day("23/11/2026"), "2026-11-23");
	assert_date(read_day("01/02/2026"), "2026-02-01"); /* 1 February */
	assert_date(read_day("1/2/2026"), "2026-02-01");
	assert_date(read_day("3/11/2026"), "2026-11-03");
	assert_date(read_day("29/02/2024"), "2024-02-29");
	assert_date(read_day("31/12/2199"), "2199-12-31");
	assert_date(read_day("01/01/1900"), "1900-01-01");
	/* ISO as before. */
	assert_date(read_day("2026-10-10"), "2026-10-10");
	/* Stored values stay strictly ISO. */
	assert_false(date_parse("10/10/2026", &(sr_day){0}));
}

static void test_defect20_day_first_datetimes(void **state)
{
	(void)state;
	assert_datetime(read_time("10/10/2026 21:39"), "2026-10-10T21:39");
	assert_datetime(read_time("10/10/2026 21:39:05"), "2026-10-10T21:39");
	assert_datetime(read_time("1/2/2026 9:05"), "2026-02-01T09:05");
	assert_datetime(read_time("01/02/2026 00:00"), "2026-02-01T00:00");
	assert_datetime(read_time("31/12/2026 23:59:59"), "2026-12-31T23:59");
	/* A bare date is midnight, as an ISO one is. */
	assert_datetime(read_time("10/10/2026"), "2026-10-10T00:00");
	assert_datetime(read_time("2026-10-10T21:39"), "2026-10-10T21:39");
	assert_datetime(read_time("2026-10-10 21:39:05"), "2026-10-10T21:39");
}

/* Never month first: what only reads month first is impossible. */
static void test_defect20_never_month_first(void **state)
{
	(void)state;
	assert_int_equal(day_why("12/31/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("02/13/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("13/13/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("31/02/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("29/02/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("31/04/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("00/01/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(day_why("01/00/2026"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(time_why("12/31/2026 21:39"), DATE_READ_IMPOSSIBLE);
	assert_int_equal(time_why("31/02/2026 08:00"), DATE_READ_IMPOSSIBLE);
	/* Day first, 4/5 is 4 May, never 5 April. */
	assert_date(read_day("4/5/2026"), "2026-05-04");
}

/* A two-digit year, other separators and other shapes are refused. */
static void test_defect20_refused(void **state)
{
	static const char *const not_day_first[] = {
		"2026/10/10", "10/10/02026", "100/10/2026", "10/100/2026",
		"10/10/202", "10/10/20261", "/10/2026", "10//2026", "10/10/",
		"10/10", "10/10/2026 21:39", "10/10/2026x", " 10/10/2026",
		"+1/10/2026", "-1/10/2026", "1 0/10/2026",
		"\xd9\xa1\xd9\xa0/10/2026",
	};
	static const char *const bad_time[] = {
		"10/10/2026 24:00", "10/10/2026 21:9", "10/10/2026 21:60",
		"10/10/2026 21:39:5", "10/10/2026 21:39:60", "10/10/2026T21:39",
		"10/10/2026 ", "10/10/2026  21:39", "10/10/2026 21:39 PM",
		"10/10/2026 9:39pm", "10/10/2026 123:00", "10/10/2026 21:39:05.5",
		"10/10/2026 21", "10/10/2026 :39",
	};

	(void)state;
	for (size_t i = 0; i < N(not_day_first); i++)
		assert_int_equal(day_why(not_day_first[i]),
				 DATE_READ_NOT_DAY_FIRST);
	for (size_t i = 0; i < N(bad_time); i++)
		assert_int_equal(time_why(bad_time[i]),
				 DATE_READ_NOT_DAY_FIRST);
	/* The century of 01/05/25 is a guess: refused, never guessed. */
	assert_int_equal(day_why("10/10/26"), DATE_READ_SHORT_YEAR);
	assert_int_equal(day_why("1/5/25"), DATE_READ_SHORT_YEAR);
	assert_int_equal(time_why("10/10/26 21:39"), DATE_READ_SHORT_YEAR);
	assert_int_equal(day_why("10/10/1899"), DATE_READ_RANGE);
	assert_int_equal(day_why("01/01/2200"), DATE_READ_RANGE);
	/* Without a '/', the caller explains against ISO 8601 as before. */
	assert_int_equal(day_why("10-10-2026"), DATE_READ_INVALID);
	assert_int_equal(day_why("10.10.2026"), DATE_READ_INVALID);
	assert_int_equal(day_why("2026-02-30"), DATE_READ_INVALID);
	assert_int_equal(day_why(""), DATE_READ_INVALID);
	assert_int_equal(day_why(NULL), DATE_READ_INVALID);
	assert_int_equal(time_why("10 October 2026"), DATE_READ_INVALID);
}

static void explained(enum date_read r, bool with_time, const char *shown,
		      const char *want)
{
	char buf[256];

	date_read_explain(r, with_time, shown, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_defect20_messages(void **state)
{
	(void)state;
	explained(DATE_READ_IMPOSSIBLE, false, " '12/31/2026'",
		  "impossible date '12/31/2026' (dates are read day first: "
		  "DD/MM/YYYY)");
	explained(DATE_READ_IMPOSSIBLE, true, " '12/31/2026 21:39'",
		  "impossible date '12/31/2026 21:39' (dates are read day "
		  "first: DD/MM/YYYY)");
	explained(DATE_READ_SHORT_YEAR, false, " '10/10/26'",
		  "two-digit year in date '10/10/26' (write the year in full: "
		  "DD/MM/YYYY)");
	/* A value that identifies a patient is not shown. */
	explained(DATE_READ_SHORT_YEAR, false, "",
		  "two-digit year in date (write the year in full: "
		  "DD/MM/YYYY)");
	explained(DATE_READ_RANGE, false, " '01/01/2200'",
		  "date '01/01/2200' out of range (years 1900 to 2199)");
	explained(DATE_READ_NOT_DAY_FIRST, false, " '2026/10/10'",
		  "invalid date '2026/10/10' (expected DD/MM/YYYY, day first, "
		  "or YYYY-MM-DD)");
	explained(DATE_READ_NOT_DAY_FIRST, true, " '10/10/2026T21:39'",
		  "invalid date and time '10/10/2026T21:39' (expected "
		  "DD/MM/YYYY HH:MM, day first, or YYYY-MM-DDTHH:MM)");
	explained(DATE_READ_INVALID, true, "",
		  "invalid date and time (expected YYYY-MM-DDTHH:MM)");
}

/* The CLI's and the console's date input reads them too. */
static void test_defect20_relative(void **state)
{
	sr_day d;

	(void)state;
	assert_true(date_parse_relative("10/10/2026", ymd(2026, 11, 23), &d));
	assert_date(d, "2026-10-10");
	assert_true(date_parse_relative(" 1/2/2026 ", ymd(2026, 11, 23), &d));
	assert_date(d, "2026-02-01");
	assert_false(date_parse_relative("12/31/2026", ymd(2026, 11, 23), &d));
	assert_false(date_parse_relative("10/10/26", ymd(2026, 11, 23), &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_day_numbers),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_month_ends),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_first_of_month),
		cmocka_unit_test(test_date_parse_good),
		cmocka_unit_test(test_date_parse_bad),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_month_parse),
		cmocka_unit_test(test_datetime_parse_good),
		cmocka_unit_test(test_datetime_parse_bad),
		cmocka_unit_test(test_datetime_negative),
		cmocka_unit_test(test_relative_words),
		cmocka_unit_test(test_relative_offsets),
		cmocka_unit_test(test_relative_weekdays),
		cmocka_unit_test(test_relative_bad),
		cmocka_unit_test_setup_teardown(test_today_from_env, clean_env,
						clean_env),
		cmocka_unit_test_setup_teardown(test_now_from_env, clean_env,
						clean_env),
		cmocka_unit_test_setup_teardown(test_invalid_env_ignored,
						clean_env, clean_env),
		cmocka_unit_test_setup_teardown(test_now_from_clock, clean_env,
						clean_env),
		cmocka_unit_test(test_defect20_day_first_dates),
		cmocka_unit_test(test_defect20_day_first_datetimes),
		cmocka_unit_test(test_defect20_never_month_first),
		cmocka_unit_test(test_defect20_refused),
		cmocka_unit_test(test_defect20_messages),
		cmocka_unit_test(test_defect20_relative),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
