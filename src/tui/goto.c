/* "Go to a date or time": the console shows an earlier moment (its board,
 * lists and DTOC review, from the facts in force then, DESIGN §4),
 * read-only, until the user comes back to now. A date alone is the end of
 * that day (its midnight census, as a past day's report); a date and a
 * time, that minute (what the 08:00 call saw). Today, now, or nothing at
 * all: back to now. */
#include "tui.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[] = {
	"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
	"JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
};

void tui_moment(const struct tui *t, struct sr_moment *m)
{
	if (t->past) {
		*m = t->moment;
		return;
	}
	/* Today's figures are live: as at this minute. */
	moment_at(m, datetime_now());
}

sr_day tui_day(const struct tui *t)
{
	return t->past ? t->moment.day : t->today;
}

void tui_moment_label(const struct tui *t, char *buf, size_t size)
{
	int y, m, d, ty, tm, td;
	sr_minute at;
	char year[8] = "";

	date_to_ymd(t->moment.day, &y, &m, &d);
	date_to_ymd(t->today, &ty, &tm, &td);
	if (y != ty)
		snprintf(year, sizeof(year), " %d", y);
	if (t->moment.end_of_day) {
		snprintf(buf, size, "END OF %d %s%s", d, month_names[m - 1],
			 year);
		return;
	}
	if (!datetime_parse(t->moment.at, &at))
		at = (sr_minute)t->moment.day * MINUTES_PER_DAY;
	at %= MINUTES_PER_DAY;
	snprintf(buf, size, "AT %02d/%02d%s %02d:%02d", d, m, year,
		 (int)(at / 60), (int)(at % 60));
}

bool tui_read_only(struct tui *t)
{
	char label[48];

	if (!t->past)
		return false;
	tui_moment_label(t, label, sizeof(label));
	tui_message(t, true, "read-only: this is %s; t then Enter goes back "
		    "to now to change anything", label);
	return true;
}

/* "H:MM" or "HH:MM", the whole of s: minutes into the day. */
static bool read_time(const char *s, int *minutes)
{
	int h = 0, m = 0, n = 0;

	if (!isdigit((unsigned char)s[0]))
		return false;
	while (isdigit((unsigned char)s[n]) && n < 2)
		h = h * 10 + (s[n++] - '0');
	if (s[n++] != ':' || !isdigit((unsigned char)s[n]) ||
	    !isdigit((unsigned char)s[n + 1]) || s[n + 2])
		return false;
	m = (s[n] - '0') * 10 + (s[n + 1] - '0');
	if (h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* What was typed, trimmed: *live for now, else *m. False (with why) when
 * it names no moment, or one still to come. */
static bool read_moment(const struct tui *t, const char *in, bool *live,
			struct sr_moment *m, char *why, size_t size)
{
	char s[64], *sp;
	sr_minute now = datetime_now(), at;
	sr_day day;
	int minutes;
	size_t n;

	while (*in == ' ')
		in++;
	n = strlen(in);
	while (n > 0 && in[n - 1] == ' ')
		n--;
	if (n >= sizeof(s)) {
		snprintf(why, size, "not a date or time: too long");
		return false;
	}
	memcpy(s, in, n);
	s[n] = '\0';
	*live = false;
	if (!s[0] || strcmp(s, "now") == 0) {
		*live = true;
		return true;
	}
	if (date_parse_relative(s, t->today, &day)) {
		/* Today's end is still to come: today is now. */
		if (day == t->today) {
			*live = true;
			return true;
		}
		if (day > t->today) {
			snprintf(why, size, "%s has not come yet: a day up to "
				 "yesterday, or a time up to now", s);
			return false;
		}
		moment_end_of_day(m, day);
		return true;
	}
	if (read_time(s, &minutes)) {
		at = (sr_minute)t->today * MINUTES_PER_DAY + minutes;
	} else if ((sp = strrchr(s, ' ')) && read_time(sp + 1, &minutes)) {
		*sp = '\0';
		if (!date_parse_relative(s, t->today, &day)) {
			snprintf(why, size, "not a date: '%s' (2026-12-03, "
				 "03/12/2026, yesterday, -2)", s);
			return false;
		}
		at = (sr_minute)day * MINUTES_PER_DAY + minutes;
	} else if (datetime_read(s, &at) != DATE_READ_OK) {
		snprintf(why, size, "not a date or time: '%s' (2026-12-03, "
			 "03/12/2026 08:00, yesterday 08:00, -2, 08:00)", s);
		return false;
	}
	if (at > now) {
		snprintf(why, size, "%s has not come yet: a time up to now",
			 s);
		return false;
	}
	moment_at(m, at);
	return true;
}

int tui_goto(struct tui *t)
{
	char buf[64] = "", why[160], label[48];
	struct sr_moment m;
	bool live;

	for (struct view *v = t->top; v; v = v->below) {
		if (v->ops->unsaved && v->ops->unsaved(v)) {
			tui_message(t, true, "changes not saved yet: save or "
				    "discard them before going to another "
				    "time");
			return TUI_REDRAW;
		}
	}
	if (!tui_prompt(t, t->past ? "go to date/time (Enter: back to now):" :
				     "go to date/time (2026-12-03 08:00, "
				     "03/12/2026, yesterday, -2):",
			buf, sizeof(buf)))
		return TUI_REDRAW;
	if (!read_moment(t, buf, &live, &m, why, sizeof(why))) {
		tui_message(t, true, "%s", why);
		return TUI_REDRAW;
	}
	if (live) {
		bool was = t->past;

		t->past = false;
		tui_message(t, false, was ? "back to now: changes allowed "
				      "again" : "this is now");
	} else {
		t->past = true;
		t->moment = m;
		tui_moment_label(t, label, sizeof(label));
		tui_message(t, false, "%s, read-only: t then Enter comes back "
			    "to now", label);
	}
	tui_reload_all(t);
	return TUI_REDRAW;
}
