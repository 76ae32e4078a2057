/* Generated systems for scale tests, and the small pieces of randomness
 * the demo needs (see demo_internal.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "demo_internal.h"
#include "sitrep/demo.h"
#include "sitrep/stay.h"
#include "sitrep/util.h"

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rng_unit(r) * n) : 0;
}

double rng_exp(struct rng *r, double mean)
{
	return -mean * log(1.0 - rng_unit(r));
}

double rng_lognormal(struct rng *r, double mu, double sigma)
{
	/* Box-Muller; one normal per call keeps the stream simple. */
	double u1 = 1.0 - rng_unit(r), u2 = rng_unit(r);
	double z = sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);

	return exp(mu + sigma * z);
}

bool demo_nhs_number(long *body, char out[11])
{
	while (*body < 1000000) {
		char digits[11];
		int sum = 0, check;

		snprintf(digits, sizeof(digits), "999%06ld", *body % 1000000);
		(*body)++;
		for (int i = 0; i < 9; i++)
			sum += (10 - i) * (digits[i] - '0');
		check = 11 - sum % 11;
		if (check == 11)
			check = 0;
		if (check == 10)
			continue;
		digits[9] = (char)('0' + check);
		digits[10] = '\0';
		memcpy(out, digits, 11);
		return true;
	}
	out[0] = '\0';
	return false;
}
/* A mix of the names a system serves, including letters outside ASCII. */
static const char *const families[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
	"Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
	"Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
	"Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James",
	"Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett",
	"Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
	"Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
	"Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis",
	"Adams", "Singh", "Begum", "Ali", "Hussain", "Ahmed", "Kaur",
	"O'Brien", "Ó Briain", "Nowak", "Kowalski", "Müller", "Łukasz",
	"Nguyen", "Okafor", "Mensah", "Wang", "Li", "Zhang", "Chen",
	"MacDonald", "Fitzgerald", "Llewellyn", "Pritchard", "Hawkins",
};

static const char *const givens[] = {
	"Margaret", "Joan", "Dorothy", "Patricia", "Jean", "Mary", "Barbara",
	"Elizabeth", "Sheila", "Brenda", "Irene", "Eileen", "Maureen",
	"Pauline", "Susan", "Christine", "Janet", "Linda", "Zoë", "Siân",
	"Aoife", "Renée", "Agnieszka", "Priya", "Fatima", "Amara", "Mei",
	"John", "David", "Michael", "Peter", "Robert", "William", "James",
	"Brian", "Kenneth", "Anthony", "George", "Alan", "Ronald", "Derek",
	"Keith", "Colin", "Trevor", "Gareth", "Rhys", "Seán", "Dáithí",
	"Tomasz", "Mohammed", "Ravi", "Kwame", "Chukwuemeka", "Wei", "José",
	"François", "Björn", "Jürgen",
};

void demo_name(struct rng *r, const char **family, const char **given)
{
	*family = families[rng_below(r, ARRAY_SIZE(families))];
	*given = givens[rng_below(r, ARRAY_SIZE(givens))];
}

/* ---- generated systems ------------------------------------------------*/

static const char *const towns[] = {
	"Ashford", "Barnfield", "Castlebridge", "Dunmore", "Eastwick",
	"Fairhaven", "Glenrothes", "Hartley", "Ivybridge", "Kingsmead",
	"Longford", "Marston", "Northam", "Oakley", "Penrith", "Queensbury",
	"Redhill", "Stanford", "Thornbury", "Upton", "Westbury", "Yarmouth",
};

static const char *const wards[] = {
	"Acute Medical Unit", "Cardiology", "Respiratory", "Elderly Care",
	"Stroke", "General Surgery", "Orthopaedics", "Trauma", "Gastro",
	"Renal", "Haematology", "Oncology", "Frailty", "Surgical Assessment",
	"Short Stay", "Rehabilitation",
};

struct plan {
	int acute, community, mental_health;
};

static void write_site(FILE *f, struct rng *r, const char *code,
		       const char *name, const char *kind, int nwards,
		       int ward_beds)
{
	fprintf(f, "  - code: %s\n    name: \"%s\"\n    kind: %s\n    wards:\n",
		code, name, kind);
	for (int w = 0; w < nwards; w++)
		fprintf(f, "      - { code: W%02d, name: \"%s %d\", beds: %d }\n",
			w + 1, wards[w % ARRAY_SIZE(wards)], w / 16 + 1,
			ward_beds - 4 + (int)rng_below(r, 9));
}

static void write_opel(FILE *f)
{
	fputs("opel:\n"
	      "  acute:\n"
	      "    rule: highest\n"
	      "    metrics:\n"
	      "      occupancy_pct:       { levels: [92, 95, 98] }\n"
	      "      g2g_pct:             { levels: [10, 15, 20] }\n"
	      "      stranded_pct:        { levels: [50, 60, 70] }\n"
	      "  community:\n"
	      "    rule: weighted\n"
	      "    metrics:\n"
	      "      occupancy_pct:       { levels: [90, 95, 98], weight: 2 }\n"
	      "      g2g_pct:             { levels: [20, 30, 40], weight: 2 }\n"
	      "      stranded_pct:        { levels: [60, 70, 80] }\n"
	      "    bands: [2, 4, 7]\n"
	      "  mental_health:\n"
	      "    rule: highest\n"
	      "    metrics:\n"
	      "      occupancy_pct:       { levels: [92, 96, 100] }\n"
	      "  system_rule: beds_weighted\n", f);
}

void demo_write_config(FILE *f, enum demo_scale scale, uint64_t seed)
{
	struct plan p = scale == DEMO_NATIONAL ? (struct plan){130, 220, 55} :
						 (struct plan){6, 12, 3};
	struct rng r;
	char code[16], name[96];

	rng_seed(&r, seed ^ 0x5EED);
	fprintf(f, "# Generated by 'sitrep demo --scale %s --seed %llu': an "
		"illustrative\n# system for scale tests, not a real one.\n",
		scale == DEMO_NATIONAL ? "national" : "region",
		(unsigned long long)seed);
	fprintf(f, "system:\n  name: \"Generated %s\"\n",
		scale == DEMO_NATIONAL ? "nation" : "region");
	write_opel(f);
	fputs("trajectory:\n", f);
	fprintf(f, "  - { from: 2017-12, bed_days: %d }\n",
		scale == DEMO_NATIONAL ? 160000 : 8000);
	fputs("sites:\n", f);
	for (int i = 0; i < p.acute; i++) {
		snprintf(code, sizeof(code), "AC%03d", i + 1);
		snprintf(name, sizeof(name), "%s General Hospital %d",
			 towns[i % ARRAY_SIZE(towns)], i / 22 + 1);
		write_site(f, &r, code, name, "acute", 18 + (int)rng_below(&r, 12),
			   28);
	}
	for (int i = 0; i < p.community; i++) {
		snprintf(code, sizeof(code), "CH%03d", i + 1);
		snprintf(name, sizeof(name), "%s Community Hospital %d",
			 towns[(i + 5) % ARRAY_SIZE(towns)], i / 22 + 1);
		write_site(f, &r, code, name, "community", 1 + (int)rng_below(&r, 2),
			   16);
	}
	for (int i = 0; i < p.mental_health; i++) {
		snprintf(code, sizeof(code), "MH%03d", i + 1);
		snprintf(name, sizeof(name), "%s Mental Health Unit %d",
			 towns[(i + 11) % ARRAY_SIZE(towns)], i / 22 + 1);
		write_site(f, &r, code, name, "mental_health",
			   4 + (int)rng_below(&r, 4), 18);
	}
}
