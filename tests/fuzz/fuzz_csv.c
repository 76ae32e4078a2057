/* The CSV reader: never crashes; and what it reads, written back by the
 * writer and read again, gives the same fields (the round trip that export
 * then import relies on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sitrep/csv.h"
#include "sitrep/util.h"

static void round_trip(struct csv_record *rec)
{
	char *buf = NULL, **copy = xcalloc(rec->nfields, sizeof(*copy));
	size_t len = 0, n = rec->nfields;
	FILE *f = open_memstream(&buf, &len);
	struct csv_reader *r;
	struct csv_record again;
	struct sr_error err = {0};

	/* As export does: a BOM first, so a field that itself starts with
	 * U+FEFF is not taken for one. */
	csv_write_bom(f);
	for (size_t i = 0; i < n; i++) {
		copy[i] = xstrdup(rec->field[i]);
		if (i)
			fputc(',', f);
		csv_write_field(f, copy[i]);
	}
	csv_end_record(f);
	fclose(f);
	r = csv_reader_new(buf, len);
	/* A record of one empty field writes as a blank line: no record. */
	if (n == 1 && !copy[0][0]) {
		FUZZ_ASSERT(csv_next(r, &again, &err) == SR_ENOTFOUND);
	} else {
		FUZZ_ASSERT(csv_next(r, &again, &err) == SR_OK);
		FUZZ_ASSERT(again.nfields == n);
		for (size_t i = 0; i < n; i++) {
			csv_unguard(again.field[i]);
			FUZZ_ASSERT(strcmp(again.field[i], copy[i]) == 0);
		}
	}
	csv_reader_free(r);
	for (size_t i = 0; i < n; i++)
		free(copy[i]);
	free(copy);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r = csv_reader_new((const char *)data, size);
	struct csv_record rec;
	struct sr_error err = {0};
	int records = 0;

	while (csv_next(r, &rec, &err) == SR_OK && records++ < 1000)
		round_trip(&rec);
	csv_reader_free(r);
	return 0;
}
