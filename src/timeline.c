/* A stay's facts made into its states (timeline.h). */
#include <stdlib.h>
#include <string.h>

#include "sitrep/date.h"
#include "sitrep/timeline.h"

bool timeline_instant(const char *in, char out[TIMELINE_INSTANT_BUF])
{
	char buf[DATETIME_BUF];
	sr_minute t;
	size_t len;
	int sec = 0;

	if (!in)
		return false;
	len = strlen(in);
	if (!datetime_parse(in, &t))
		return false;
	/* datetime_parse drops seconds: keep them when given. */
	if (len == 19) {
		if (in[16] != ':' || in[17] < '0' || in[17] > '5' ||
		    in[18] < '0' || in[18] > '9')
			return false;
		sec = (in[17] - '0') * 10 + (in[18] - '0');
	}
	datetime_format(t, buf);
	memcpy(out, buf, 16);
	out[16] = ':';
	out[17] = (char)('0' + sec / 10);
	out[18] = (char)('0' + sec % 10);
	out[19] = '\0';
	return true;
}

void timeline_fold_after(const char *admitted, const char *discharged,
			 struct fact *f, size_t n,
			 char cut[TIMELINE_INSTANT_BUF])
{
	char buf[DATETIME_BUF];
	sr_minute t;

	if (!datetime_parse(discharged, &t))
		return;
	datetime_format(t - 1, buf);
	if (!timeline_instant(buf, cut))
		return;
	if (strcmp(cut, admitted) < 0)
		memcpy(cut, admitted, TIMELINE_INSTANT_BUF);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].valid_from, discharged) >= 0) {
			f[i].dated = f[i].valid_from;
			f[i].valid_from = cut;
		}
}

static int by_time(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	int c = strcmp(x->valid_from, y->valid_from);

	if (c)
		return c;
	/* Folded to the same minute: in the order they were dated. */
	c = strcmp(x->dated ? x->dated : x->valid_from,
		   y->dated ? y->dated : y->valid_from);
	if (c)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

static bool same_values(const struct stay_span *a, const struct stay_span *b)
{
	for (int i = 0; i < SF_COUNT; i++)
		if (!same(a->v[i], b->v[i]))
			return false;
	return true;
}

size_t timeline_derive(const char *admitted, const char *discharged,
		       struct fact *f, size_t n, struct stay_span *out)
{
	const char *end = discharged ? discharged : TIMELINE_OPEN;
	struct stay_span cur = {.from = admitted};
	size_t i = 0, k = 0;

	if (n > 1)
		qsort(f, n, sizeof(*f), by_time);
	/* Facts from before admission (or at it) make the first state. */
	while (i < n && strcmp(f[i].valid_from, admitted) <= 0) {
		cur.v[f[i].field] = f[i].value;
		i++;
	}
	for (;;) {
		const char *next = end;

		if (i < n && strcmp(f[i].valid_from, end) < 0)
			next = f[i].valid_from;
		cur.to = next;
		cur.last = next == end;
		/* The same values as the state before: it goes on. */
		if (k > 0 && same_values(&out[k - 1], &cur)) {
			out[k - 1].to = cur.to;
			out[k - 1].last = cur.last;
		} else {
			out[k++] = cur;
		}
		if (cur.last)
			break;
		cur.from = next;
		while (i < n && strcmp(f[i].valid_from, next) == 0) {
			cur.v[f[i].field] = f[i].value;
			i++;
		}
	}
	if (!discharged)
		out[k - 1].last = false;
	return k;
}

const char *timeline_value_at(const struct fact *f, size_t n,
			      enum stay_field field, const char *t)
{
	const struct fact *best = NULL;

	for (size_t i = 0; i < n; i++) {
		if (f[i].field != field || strcmp(f[i].valid_from, t) > 0)
			continue;
		if (!best || by_time(&f[i], best) > 0)
			best = &f[i];
	}
	return best ? best->value : NULL;
}
