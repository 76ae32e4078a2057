/* Date and time parsing: never crashes, and whatever parses formats back
 * to a canonical form that parses to the same value. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sitrep/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[DATETIME_BUF];
	sr_day d, d2;
	sr_minute t, t2;

	if (date_parse(s, &d)) {
		date_format(d, buf);
		FUZZ_ASSERT(strcmp(buf, s) == 0);
	}
	if (datetime_parse(s, &t)) {
		datetime_format(t, buf);
		FUZZ_ASSERT(datetime_parse(buf, &t2) && t2 == t);
	}
	if (month_parse(s, &d))
		FUZZ_ASSERT(date_first_of_month(d) == d);
	/* Day-first input reads to a date that formats and parses back. */
	if (date_read(s, &d) == DATE_READ_OK) {
		date_format(d, buf);
		FUZZ_ASSERT(date_parse(buf, &d2) && d2 == d);
	}
	if (datetime_read(s, &t) == DATE_READ_OK) {
		datetime_format(t, buf);
		FUZZ_ASSERT(datetime_parse(buf, &t2) && t2 == t);
	}
	if (date_parse_relative(s, 20780, &d)) {
		date_format(d, buf);
		FUZZ_ASSERT(date_parse(buf, &d2) && d2 == d);
	}
	free(s);
	return 0;
}
