/* RFC 4180 CSV over an in-memory buffer: quoted fields with embedded commas,
 * quotes and newlines, CRLF or LF, an optional UTF-8 byte-order mark. Pure:
 * the reader never does I/O, so it is unit-tested and fuzzed directly.
 * The writer quotes only when needed and guards spreadsheets against
 * formula injection in a way the reader undoes, so round trips are exact. */
#ifndef SITREP_CSV_H
#define SITREP_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sitrep/error.h"

struct csv_reader;

/* Reads from buf[0..len) (not copied: it must outlive the reader). */
struct csv_reader *csv_reader_new(const char *buf, size_t len);
void csv_reader_free(struct csv_reader *r);

/* A record: fields are NUL-terminated and valid until the next call. */
struct csv_record {
	char **field;
	size_t nfields;
	size_t line; /* 1-based line on which the record starts */
};

/* Reads the next record into rec. Returns SR_OK with rec filled, SR_ENOTFOUND
 * at the end of input, or SR_EINVAL with err saying why and rec->line where
 * (for an unbalanced quote, the line where the quoted field opened). Blank
 * lines are not records. */
enum sr_status csv_next(struct csv_reader *r, struct csv_record *rec,
			struct sr_error *err);

/* Bytes consumed so far (for progress). */
size_t csv_offset(const struct csv_reader *r);

/* Writes one field, quoted if it holds a comma, quote, CR or LF, or leading
 * or trailing space. A field starting with = + - @ or a tab is written with
 * a leading apostrophe so a spreadsheet shows it as text; csv_unguard()
 * removes exactly that apostrophe. NULL is written as an empty field. */
void csv_write_field(FILE *f, const char *s);
/* Ends a record with CRLF (RFC 4180). */
void csv_end_record(FILE *f);
/* Writes the UTF-8 byte-order mark (Excel needs it to read UTF-8). */
void csv_write_bom(FILE *f);

/* Undoes the formula guard in place: "'=x" -> "=x". Other text unchanged. */
void csv_unguard(char *s);

#endif
