/* Calendar dates and wall-clock times (see include/sitrep/date.h). */
#include "sitrep/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2199
#define RELATIVE_MAX 3650

/* Days in a 400-year Gregorian cycle, and from 0000-03-01 to 1970-01-01. */
#define DAYS_PER_ERA 146097
#define EPOCH_SHIFT 719468

static const char *const weekday_names[7] = {
	"monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday",
};

static int64_t floor_div(int64_t a, int64_t b)
{
	return (a >= 0 ? a : a - (b - 1)) / b;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return d >= 1 && d <= date_days_in_month(y, m);
}

/*
 * Counting years from March makes February the last month of the year, so
 * the leap day never shifts the day-of-year of any other month. Within a
 * March-based year, the day of year of month mp (March = 0) is
 * (153 * mp + 2) / 5; the year itself is split into 400-year eras that all
 * have the same length.
 */
sr_day date_from_ymd(int y, int m, int d)
{
	int64_t year = m <= 2 ? (int64_t)y - 1 : y;
	int64_t era = floor_div(year, 400);
	int64_t yoe = year - era * 400;
	int64_t mp = m > 2 ? m - 3 : m + 9;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (sr_day)(era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

void date_to_ymd(sr_day day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + EPOCH_SHIFT;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;
	/* Remove the leap days before doe to find the year of the era. */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (yoe * 365 + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = month;
	*y = (int)(yoe + era * 400 + (month <= 2));
}

int date_weekday(sr_day d)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	return (int)(((int64_t)d % 7 + 7 + 3) % 7);
}

bool date_is_weekend(sr_day d)
{
	return date_weekday(d) >= 5;
}

sr_day date_first_of_month(sr_day d)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	return d - (day - 1);
}

/* Reads exactly n ASCII digits. */
static bool read_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parses the "YYYY-MM-DD" at the start of s (10 characters). */
static bool parse_ymd(const char *s, sr_day *out)
{
	int y, m, d;

	if (!read_digits(s, 4, &y) || s[4] != '-' ||
	    !read_digits(s + 5, 2, &m) || s[7] != '-' ||
	    !read_digits(s + 8, 2, &d))
		return false;
	if (y < YEAR_MIN || y > YEAR_MAX || !date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool date_parse(const char *s, sr_day *out)
{
	if (!s || strlen(s) != 10)
		return false;
	return parse_ymd(s, out);
}

bool date_parse_prefix(const char *s, sr_day *out)
{
	if (!s || strnlen(s, 10) != 10)
		return false;
	return parse_ymd(s, out);
}

bool month_parse(const char *s, sr_day *out)
{
	int y, m;

	if (!s || strlen(s) != 7)
		return false;
	if (!read_digits(s, 4, &y) || s[4] != '-' || !read_digits(s + 5, 2, &m))
		return false;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return false;
	*out = date_from_ymd(y, m, 1);
	return true;
}

/* Parses "HH:MM" or "HH:MM:SS" making up the whole of s. */
static bool parse_hm(const char *s, int *minutes)
{
	int h, m, sec;

	if (!read_digits(s, 2, &h) || s[2] != ':' || !read_digits(s + 3, 2, &m))
		return false;
	if (h > 23 || m > 59)
		return false;
	if (s[5] == ':') {
		if (!read_digits(s + 6, 2, &sec) || sec > 59 || s[8] != '\0')
			return false;
	} else if (s[5] != '\0') {
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

bool datetime_parse(const char *s, sr_minute *out)
{
	size_t len;
	sr_day day;
	int minutes = 0;

	if (!s)
		return false;
	len = strlen(s);
	if (len < 10 || !parse_ymd(s, &day))
		return false;
	if (len > 10) {
		if (s[10] != 'T' && s[10] != ' ')
			return false;
		if (!parse_hm(s + 11, &minutes))
			return false;
	}
	*out = (sr_minute)day * MINUTES_PER_DAY + minutes;
	return true;
}

/* Reads 1 to max digits at *p (stopping at the first non-digit, and at
 * max + 1 digits, which is then too many). Returns how many. */
static int read_number(const char **p, int max, int *out)
{
	int n = 0, v = 0;

	while (**p >= '0' && **p <= '9' && n <= max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n;
}

/* Day first, the whole of s: D/M/YYYY, with a time (" H:MM", maybe ":SS")
 * if with_time. The shape is checked before the calendar, so that a
 * malformed value is not called impossible. */
static enum date_read read_day_first(const char *s, bool with_time,
				     sr_minute *out)
{
	const char *p = s;
	int d, m, y, h = 0, min = 0, sec, nd, nm, ny;

	nd = read_number(&p, 2, &d);
	if (nd < 1 || nd > 2 || *p++ != '/')
		return DATE_READ_NOT_DAY_FIRST;
	nm = read_number(&p, 2, &m);
	if (nm < 1 || nm > 2 || *p++ != '/')
		return DATE_READ_NOT_DAY_FIRST;
	ny = read_number(&p, 4, &y);
	if (ny != 2 && ny != 4)
		return DATE_READ_NOT_DAY_FIRST;
	if (*p == ' ' && with_time) {
		int nh;

		p++;
		nh = read_number(&p, 2, &h);
		if (nh < 1 || nh > 2 || h > 23 || *p++ != ':' ||
		    read_number(&p, 2, &min) != 2 || min > 59)
			return DATE_READ_NOT_DAY_FIRST;
		if (*p == ':') {
			p++;
			if (read_number(&p, 2, &sec) != 2 || sec > 59)
				return DATE_READ_NOT_DAY_FIRST;
		}
	}
	if (*p)
		return DATE_READ_NOT_DAY_FIRST;
	if (ny == 2)
		return DATE_READ_SHORT_YEAR;
	if (y < YEAR_MIN || y > YEAR_MAX)
		return DATE_READ_RANGE;
	if (!date_valid_ymd(y, m, d))
		return DATE_READ_IMPOSSIBLE;
	*out = (sr_minute)date_from_ymd(y, m, d) * MINUTES_PER_DAY + h * 60 +
	       min;
	return DATE_READ_OK;
}

/* Day first only when the value has a '/' in it: anything else is
 * explained against ISO 8601, as before day-first dates were read. */
enum date_read date_read(const char *s, sr_day *out)
{
	sr_minute t;
	enum date_read r;

	if (!s)
		return DATE_READ_INVALID;
	if (date_parse(s, out))
		return DATE_READ_OK;
	if (!strchr(s, '/'))
		return DATE_READ_INVALID;
	if ((r = read_day_first(s, false, &t)) == DATE_READ_OK)
		*out = datetime_day(t);
	return r;
}

enum date_read datetime_read(const char *s, sr_minute *out)
{
	if (!s)
		return DATE_READ_INVALID;
	if (datetime_parse(s, out))
		return DATE_READ_OK;
	if (!strchr(s, '/'))
		return DATE_READ_INVALID;
	return read_day_first(s, true, out);
}

void date_read_explain(enum date_read r, bool with_time, const char *shown,
		       char *buf, size_t size)
{
	static const struct {
		const char *before, *after;
	} text[] = {
#define DATE_READ_TEXT(e, before, after) [e] = {before, after},
		DATE_READ_TABLE(DATE_READ_TEXT)
#undef DATE_READ_TEXT
	};
	const char *before = text[r].before, *after = text[r].after;

	if (with_time && r == DATE_READ_NOT_DAY_FIRST) {
		before = "invalid date and time";
		after = " (expected DD/MM/YYYY HH:MM, day first, or "
			"YYYY-MM-DDTHH:MM)";
	} else if (with_time && r == DATE_READ_INVALID) {
		before = "invalid date and time";
		after = " (expected YYYY-MM-DDTHH:MM)";
	}
	snprintf(buf, size, "%s%s%s", before, shown ? shown : "", after);
}

/* Writes v as exactly width decimal digits (v must fit). */
static void put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void date_format(sr_day d, char buf[DATE_BUF])
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	if (y < 0 || y > 9999) {
		memcpy(buf, "0000-00-00", DATE_BUF);
		return;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, day, 2);
	buf[10] = '\0';
}

void datetime_format(sr_minute t, char buf[DATETIME_BUF])
{
	int mod = datetime_minute_of_day(t);

	date_format(datetime_day(t), buf);
	buf[10] = 'T';
	put_digits(buf + 11, mod / 60, 2);
	buf[13] = ':';
	put_digits(buf + 14, mod % 60, 2);
	buf[16] = '\0';
}

/* ASCII-only case-insensitive equality, independent of the locale. */
static bool ascii_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

static bool parse_offset(const char *s, size_t len, int *out)
{
	int n = 0;

	if (len < 2 || len > 5 || (s[0] != '+' && s[0] != '-'))
		return false;
	for (size_t i = 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		n = n * 10 + (s[i] - '0');
	}
	if (n > RELATIVE_MAX)
		return false;
	*out = s[0] == '-' ? -n : n;
	return true;
}

static int parse_weekday(const char *s, size_t len)
{
	for (int i = 0; i < 7; i++) {
		const char *name = weekday_names[i];

		if ((len == 3 || len == strlen(name)) && len <= strlen(name) &&
		    ascii_eq(s, name, len))
			return i;
	}
	return -1;
}

static bool relative_word(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && ascii_eq(s, word, len);
}

bool date_parse_relative(const char *s, sr_day today, sr_day *out)
{
	char buf[16];
	size_t len;
	int n, wd;

	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';

	if (date_read(buf, out) == DATE_READ_OK)
		return true;
	if (relative_word(buf, len, "today"))
		n = 0;
	else if (relative_word(buf, len, "tomorrow"))
		n = 1;
	else if (relative_word(buf, len, "yesterday"))
		n = -1;
	else if (!parse_offset(buf, len, &n)) {
		wd = parse_weekday(buf, len);
		if (wd < 0)
			return false;
		n = (wd - date_weekday(today) + 7) % 7;
		if (n == 0)
			n = 7;
	}
	*out = today + n;
	return true;
}

static bool clock_now(struct tm *tm)
{
	time_t t = time(NULL);

	return t != (time_t)-1 && localtime_r(&t, tm) != NULL;
}

/* A frozen clock from the environment: $SITREP_NOW, then $SITREP_TODAY
 * (at midday). Invalid values are ignored. */
static bool env_now(sr_minute *out)
{
	const char *now = getenv("SITREP_NOW");
	const char *today = getenv("SITREP_TODAY");
	sr_day d;

	if (now && datetime_parse(now, out))
		return true;
	if (today && date_parse(today, &d)) {
		*out = (sr_minute)d * MINUTES_PER_DAY + 12 * 60;
		return true;
	}
	return false;
}

sr_day date_today(void)
{
	const char *today = getenv("SITREP_TODAY");
	struct tm tm;
	sr_minute t;
	sr_day d;

	if (today && date_parse(today, &d))
		return d;
	if (env_now(&t))
		return datetime_day(t);
	if (!clock_now(&tm))
		return 0;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

sr_minute datetime_now(void)
{
	struct tm tm;
	sr_minute t;

	if (env_now(&t))
		return t;
	if (!clock_now(&tm))
		return 0;
	return (sr_minute)date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
					tm.tm_mday) * MINUTES_PER_DAY +
	       tm.tm_hour * 60 + tm.tm_min;
}

static void instant(sr_minute t, int sec, char out[MOMENT_INSTANT_BUF])
{
	char buf[DATETIME_BUF];

	datetime_format(t, buf);
	snprintf(out, MOMENT_INSTANT_BUF, "%s:%02d", buf, sec);
}

void moment_end_of_day(struct sr_moment *m, sr_day d)
{
	memset(m, 0, sizeof(*m));
	m->day = d;
	m->end_of_day = true;
	instant((sr_minute)d * MINUTES_PER_DAY + MINUTES_PER_DAY - 1, 59,
		m->at);
}

void moment_at(struct sr_moment *m, sr_minute t)
{
	memset(m, 0, sizeof(*m));
	m->day = datetime_day(t);
	m->end_of_day = false;
	instant(t, 59, m->at);
}

void moment_known_at(struct sr_moment *m, sr_minute t)
{
	instant(t, 59, m->known);
}
