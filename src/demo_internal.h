/* Shared by demo.c and demo_config.c: a small deterministic random number
 * generator (splitmix64-seeded xoshiro256**, the same stream on every
 * machine), names and NHS numbers. */
#ifndef SITREP_DEMO_INTERNAL_H
#define SITREP_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
double rng_unit(struct rng *r);               /* [0, 1) */
uint32_t rng_below(struct rng *r, uint32_t n); /* [0, n) */
double rng_exp(struct rng *r, double mean);
double rng_lognormal(struct rng *r, double mu, double sigma);

/* The next valid NHS number of the never-issued 999 range after *body
 * (which it advances; bodies whose check digit would be 10 are skipped).
 * The range holds about 909,000 valid numbers; once they are used up it
 * returns false and an empty number: reusing one would make strangers
 * one patient, and their stays readmissions. */
bool demo_nhs_number(long *body, char out[11]);
/* A little under how many numbers the range holds. */
#define DEMO_NHS_NUMBERS 900000.0
void demo_name(struct rng *r, const char **family, const char **given);

#endif
