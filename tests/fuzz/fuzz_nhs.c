/* NHS numbers and the other field normalisers: never crash, never echo an
 * identifying value in a message, and a canonical value normalises to
 * itself. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sitrep/stay.h"

static struct ward_cfg wards[] = {{.code = "W1", .name = "Ward", .beds = 4}};
static struct site_cfg sites[] = {
	{.code = "S1", .name = "Site", .kind = SITE_ACUTE, .beds = 4,
	 .wards = wards, .nwards = 1},
};
static struct reason_cfg reasons[] = {{.code = "E", .label = "Care"}};
static const struct config cfg = {
	.system_name = "Fuzz", .stranded_days = 7, .super_stranded_days = 21,
	.sites = sites, .nsites = 1, .delay_reasons = reasons,
	.ndelay_reasons = 1,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), digits[11], pretty[13];

	if (nhs_number_check(s, digits) == NHS_OK) {
		FUZZ_ASSERT(strlen(digits) == 10);
		nhs_number_format(digits, pretty);
		FUZZ_ASSERT(nhs_number_check(pretty, digits) == NHS_OK);
	}
	for (int f = 0; f < SF_COUNT; f++) {
		struct sr_error err = {0};
		char *out = NULL, *again = NULL;

		if (stay_normalise(&cfg, (enum stay_field)f, "S1", s, &out,
				   &err) != SR_OK) {
			/* An identifier-like input (with a digit, six
			 * bytes or more) never comes back in a message. */
			if (stay_field_identifies((enum stay_field)f) &&
			    strlen(s) >= 6 && strpbrk(s, "0123456789"))
				FUZZ_ASSERT(!strstr(err.msg, s));
			continue;
		}
		if (out) {
			FUZZ_ASSERT(stay_normalise(&cfg, (enum stay_field)f,
						   "S1", out, &again,
						   &err) == SR_OK);
			FUZZ_ASSERT(again && strcmp(again, out) == 0);
		}
		free(out);
		free(again);
	}
	free(s);
	return 0;
}
