/* Synthetic but realistic data for demonstrations, tests and benchmarks:
 * a bed-by-bed simulation of admissions and discharges over past days, with
 * long-tailed lengths of stay, green-to-go delays and their reasons,
 * discharge times and weekend dips, EDDs, red and green days, and
 * readmissions; each stay's values as dated facts from when they became
 * true (EDDs set and revised, discharge ready dates from their day), all
 * recorded when the demo runs. Deterministic: the same seed and day give
 * the same data, whatever the time of day. Also
 * generates the config of a region- or nation-sized system. */
#ifndef SITREP_DEMO_H
#define SITREP_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

#define DEMO_SCALE_TABLE(X)                                             \
	X(DEMO_SYSTEM, "system", "the configured system")               \
	X(DEMO_REGION, "region", "a generated region of about 5,000 beds") \
	X(DEMO_NATIONAL, "national",                                    \
	  "a generated nation of about 100,000 beds")

enum demo_scale {
#define DEMO_SCALE_ENUM(e, name, help) e,
	DEMO_SCALE_TABLE(DEMO_SCALE_ENUM)
#undef DEMO_SCALE_ENUM
};
bool demo_scale_parse(const char *s, enum demo_scale *out);

struct demo_options {
	int days;         /* days of history before today (default 90) */
	uint64_t seed;    /* same seed, same data */
	/* The day the data is for: the simulation runs up to its start
	 * (00:00), so the data depends on the day and the seed only, never
	 * on the time of day the demo runs at; red/green days are marked up
	 * to and including it. */
	sr_day today;
	sr_minute run_at; /* when the demo runs: nothing recorded later */
	const char *by;   /* audit name */
	void (*progress)(double done, void *ctx);
	void *progress_ctx;
};

struct demo_report {
	long stays, current, discharged, marks;
};

/* Writes the YAML config of a generated region or nation (deterministic in
 * seed) to f. */
void demo_write_config(FILE *f, enum demo_scale scale, uint64_t seed);

/* Fills an empty database (its sites synced from cfg) in one transaction.
 * Refused if it already holds stays. */
enum sr_status demo_fill(struct store *st, const struct config *cfg,
			 const struct demo_options *o, struct demo_report *rep,
			 struct sr_error *err);

#endif
