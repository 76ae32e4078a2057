/* A stay's time line (DESIGN §4): its dated facts (each the value of one
 * field from the time it became true) made into the states it went
 * through, each the values of every dated field in force over an interval
 * [from, to) of the stay. Pure: no I/O. The store keeps the facts as the
 * record and the states derived from them, so figures for any moment read
 * one row a stay.
 *
 * Instants are "YYYY-MM-DDTHH:MM:SS" (TIMELINE_INSTANT_BUF), compared as
 * text; TIMELINE_OPEN ends the state of a stay still in a bed. */
#ifndef SITREP_TIMELINE_H
#define SITREP_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/stay.h"

#define TIMELINE_INSTANT_BUF 20
#define TIMELINE_OPEN "9999"

/* One fact: field's value from valid_from on, until the next fact of the
 * same field. seq orders facts recorded for the same instant (the later
 * recorded wins). */
struct fact {
	enum stay_field field; /* a dated field (stay_field_dated) */
	const char *value;     /* NULL: cleared */
	const char *valid_from;
	int64_t seq;
	/* When timeline_fold_after moved valid_from to the minute before the
	 * discharge: the time it was dated (facts folded together keep the
	 * order they were dated in); NULL otherwise. */
	const char *dated;
};

/* One state: the dated fields' values over [from, to). last: to is the
 * stay's discharge (not the start of the next state). */
struct stay_span {
	const char *from, *to;
	bool last;
	const char *v[SF_COUNT]; /* dated fields only; the others NULL */
};

/* Normalises "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "...:SS" (a space for
 * the T accepted) to an instant; false for anything else. */
bool timeline_instant(const char *in, char out[TIMELINE_INSTANT_BUF]);

/* The states of a stay admitted at admitted and discharged at discharged
 * (NULL: in a bed), both instants, from its n facts (any order; sorted in
 * place). A fact from before admission counts from admission; facts from
 * the discharge on change nothing (timeline_fold_after first brings
 * them into the stay). Consecutive states with the same
 * values are one. out holds at least n + 1 spans; returns how many. The
 * spans point into the facts' strings and the two ends. */
size_t timeline_derive(const char *admitted, const char *discharged,
		       struct fact *f, size_t n, struct stay_span *out);

/* A discharged stay's facts dated at or after its discharge (a change
 * recorded in the minute of the discharge, or a correction of the values
 * it left with) count from the minute before it (not before admission):
 * their valid_from is pointed at cut, which this fills, and dated keeps
 * the time they were dated, so of two folded facts of a field the later
 * dated is the value the stay leaves with, as it was before the fold. */
void timeline_fold_after(const char *admitted, const char *discharged,
			 struct fact *f, size_t n,
			 char cut[TIMELINE_INSTANT_BUF]);

/* The value of field in force at instant t (the latest fact from t or
 * before; of two for the same instant the later recorded), NULL if none.
 * Facts in any order. */
const char *timeline_value_at(const struct fact *f, size_t n,
			      enum stay_field field, const char *t);

#endif
