/* Calendar dates and wall-clock times as plain integers, with strict ISO 8601
 * parsing and formatting. Pure: no time zone, no I/O except date_today().
 * Days count from 1970-01-01 in the proleptic Gregorian calendar; times are
 * minutes since 1970-01-01T00:00 on the local wall clock (the NHS records
 * local times; LOS counts midnights, so no zone arithmetic is needed). */
#ifndef SITREP_DATE_H
#define SITREP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t sr_day;
typedef int64_t sr_minute;

#define DATE_BUF 11     /* "YYYY-MM-DD" + NUL */
#define DATETIME_BUF 17 /* "YYYY-MM-DDTHH:MM" + NUL */
#define MINUTES_PER_DAY 1440

/* Strict "YYYY-MM-DD" (years 1900-2199); rejects impossible dates such as
 * 2026-02-30. Returns false on anything else, including trailing text. */
bool date_parse(const char *s, sr_day *out);
/* The day of a date or an instant as stored ("YYYY-MM-DD" and whatever
 * follows): date_parse of its first ten characters. */
bool date_parse_prefix(const char *s, sr_day *out);
/* "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM", optionally followed
 * by ":SS" (seconds are dropped). A bare date means 00:00. */
bool datetime_parse(const char *s, sr_minute *out);
/* Dates as people type them and spreadsheets write them: ISO 8601 as
 * above, or day first as a UK locale writes them (Excel and LibreOffice
 * Calc in en-GB): D/M/YYYY, the day and month of one or two digits, the
 * year of four, '/' between; with a time, D/M/YYYY H:MM or HH:MM, maybe
 * :SS (dropped). Never month first: 12/31/2026 is an impossible date, not
 * 31 December. A two-digit year (10/10/26) is refused: a birth date of
 * 01/05/25 could be 1925 or 2025, and no file of stays needs one. Returns
 * why a value did not read; X(enum, before the value, after it) gives the
 * message for a date (date_read_explain adapts it to a date and time). */
#define DATE_READ_TABLE(X)                                                  \
	X(DATE_READ_OK, "", "")                                             \
	/* neither ISO nor day first: the caller explains against ISO */    \
	X(DATE_READ_INVALID, "invalid date", " (expected YYYY-MM-DD)")      \
	X(DATE_READ_NOT_DAY_FIRST, "invalid date",                          \
	  " (expected DD/MM/YYYY, day first, or YYYY-MM-DD)")               \
	X(DATE_READ_SHORT_YEAR, "two-digit year in date",                   \
	  " (write the year in full: DD/MM/YYYY)")                          \
	X(DATE_READ_RANGE, "date", " out of range (years 1900 to 2199)")    \
	X(DATE_READ_IMPOSSIBLE, "impossible date",                          \
	  " (dates are read day first: DD/MM/YYYY)")

enum date_read {
#define DATE_READ_ENUM(e, before, after) e,
	DATE_READ_TABLE(DATE_READ_ENUM)
#undef DATE_READ_ENUM
};

enum date_read date_read(const char *s, sr_day *out);
enum date_read datetime_read(const char *s, sr_minute *out);
/* "impossible date '31/02/2026' (dates are read day first: DD/MM/YYYY)":
 * the message for r about a value quoted as shown (" '31/02/2026'", or ""
 * when the value must not be shown), of a date or of a date and time. */
void date_read_explain(enum date_read r, bool with_time, const char *shown,
		       char *buf, size_t size);

/* "YYYY-MM" (a month); out is the first day of that month. */
bool month_parse(const char *s, sr_day *out);

void date_format(sr_day d, char buf[DATE_BUF]);
void datetime_format(sr_minute t, char buf[DATETIME_BUF]);

sr_day date_from_ymd(int y, int m, int d);
void date_to_ymd(sr_day day, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(sr_day d);
bool date_is_weekend(sr_day d);
sr_day date_first_of_month(sr_day d);

static inline sr_day datetime_day(sr_minute t)
{
	return (sr_day)((t >= 0 ? t : t - (MINUTES_PER_DAY - 1)) / MINUTES_PER_DAY);
}
static inline int datetime_minute_of_day(sr_minute t)
{
	return (int)(t - (sr_minute)datetime_day(t) * MINUTES_PER_DAY);
}

/* Relative input for the console and CLI, relative to today: an ISO date
 * or a day-first one (date_read), "today", "tomorrow", "yesterday", "+N" /
 * "-N" days, or a weekday name or its first three letters (the next such
 * day after today). */
bool date_parse_relative(const char *s, sr_day today, sr_day *out);

/* The moment figures are for (DESIGN §2, §4): the end of a day (its
 * midnight census: a past day's report), or an instant (today's live
 * figures, or `--at`); and what is known: everything recorded (the
 * corrected history), or only what had been recorded by an instant
 * (`--as-known-at`: a report as it was printed then). Instants are
 * "YYYY-MM-DDTHH:MM:SS" (a state is in force at `at` when it began at or
 * before it and ended after it). */
#define MOMENT_INSTANT_BUF 20
struct sr_moment {
	sr_day day;       /* the day the moment falls in */
	bool end_of_day;  /* at is day's last second, "DT23:59:59" */
	char at[MOMENT_INSTANT_BUF];
	char known[MOMENT_INSTANT_BUF]; /* "": everything recorded */
};
/* The end of day d, as known now. */
void moment_end_of_day(struct sr_moment *m, sr_day d);
/* Minute t (its last second: times are shown to the minute, so "at
 * 08:00" is all that minute), as known now. */
void moment_at(struct sr_moment *m, sr_minute t);
/* Only what had been recorded by instant t (to the minute, seconds 59:
 * all of that minute). */
void moment_known_at(struct sr_moment *m, sr_minute t);

/* Today's date: $SITREP_TODAY (YYYY-MM-DD, for tests and replays) if set,
 * else the local calendar date. now() likewise honours $SITREP_NOW
 * (YYYY-MM-DDTHH:MM), else $SITREP_TODAY at 12:00, else the local time. */
sr_day date_today(void);
sr_minute datetime_now(void);

#endif
