/* Domain rules for a stay (one patient's time in one site): the fields, their
 * canonical text forms, NHS number Modulus 11 checking, cross-field rules and
 * derived values (LOS, delay days). Pure: no I/O.
 *
 * A stay's values are kept as canonical strings (NULL = empty), the same text
 * the store holds and the census CSV carries, so round trips are exact. */
#ifndef SITREP_STAY_H
#define SITREP_STAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"

enum field_type {
	FT_SITE,     /* a configured site code */
	FT_WARD,     /* a configured ward code of the stay's site */
	FT_TEXT,     /* free text, one line */
	FT_NOTE,     /* free text, newlines allowed */
	FT_IDENT,    /* identifier text (MRN, bed): no control characters */
	FT_NHS,      /* NHS number: 10 digits, Modulus 11 */
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* YYYY-MM-DDTHH:MM */
	FT_PATHWAY,  /* 0-3 */
	FT_REASON,   /* a configured delay reason code */
	FT_AGENCY,   /* NHS, ASC or both */
	FT_EDD_STATUS, /* confirmed or possible (EDD_STATUS_TABLE) */
	FT_SOURCE,   /* where the patient came from (SOURCE_TABLE) */
	FT_AREA,     /* an area code: 1-16 of A-Z a-z 0-9 _ - */
};

/* Census columns in export order.
 * X(enum, column name, type, required on import, patient identifier,
 *   dated: changes during the stay are dated facts (DESIGN §4), kept with
 *   the time each became true; the others describe the whole stay) */
#define STAY_FIELD_TABLE(X)                                               \
	X(SF_SITE, "site", FT_SITE, true, false, false)                   \
	X(SF_WARD, "ward", FT_WARD, false, false, true)                   \
	X(SF_BED, "bed", FT_IDENT, false, false, true)                    \
	X(SF_MRN, "mrn", FT_IDENT, true, true, false)                     \
	X(SF_NHS_NUMBER, "nhs_number", FT_NHS, false, true, false)        \
	X(SF_FAMILY_NAME, "family_name", FT_TEXT, false, true, false)     \
	X(SF_GIVEN_NAME, "given_name", FT_TEXT, false, true, false)       \
	X(SF_BIRTH_DATE, "birth_date", FT_DATE, false, true, false)       \
	X(SF_ADMITTED_AT, "admitted_at", FT_DATETIME, true, false, false) \
	X(SF_EDD, "edd", FT_DATE, false, false, true)                     \
	X(SF_G2G_DATE, "g2g_date", FT_DATE, false, false, true)           \
	X(SF_PATHWAY, "pathway", FT_PATHWAY, false, false, true)          \
	X(SF_DELAY_REASON, "delay_reason", FT_REASON, false, false, true) \
	X(SF_DELAY_AGENCY, "delay_agency", FT_AGENCY, false, false, true) \
	X(SF_DISCHARGED_AT, "discharged_at", FT_DATETIME, false, false,   \
	  false)                                                          \
	X(SF_DESTINATION, "destination", FT_TEXT, false, false, true)     \
	X(SF_NOTE, "note", FT_NOTE, false, false, false)                  \
	X(SF_EDD_STATUS, "edd_status", FT_EDD_STATUS, false, false, true) \
	X(SF_SOURCE, "source", FT_SOURCE, false, false, false)            \
	X(SF_AREA, "area", FT_AREA, false, false, false)

enum stay_field {
#define STAY_FIELD_ENUM(e, name, type, req, ident, dated) e,
	STAY_FIELD_TABLE(STAY_FIELD_ENUM)
#undef STAY_FIELD_ENUM
	SF_COUNT
};

/* Discharge pathways (DESIGN §2), stored as their digit.
 * X(enum, name, label) */
#define PATHWAY_TABLE(X)                                                   \
	X(PATHWAY_0, "0", "home, no new support")                          \
	X(PATHWAY_1, "1", "home with support (reablement, D2A)")           \
	X(PATHWAY_2, "2", "rehab or short-term care bed")                  \
	X(PATHWAY_3, "3", "long-term care home")

enum pathway {
#define PATHWAY_ENUM(e, name, label) e,
	PATHWAY_TABLE(PATHWAY_ENUM)
#undef PATHWAY_ENUM
	PATHWAY_COUNT
};

const char *pathway_name(enum pathway p);
const char *pathway_label(enum pathway p);
bool pathway_parse(const char *s, enum pathway *out);

/* How sure the ward is of a discharge on the EDD (issue 16): confirmed
 * (the patient is going: transport, medicines and destination arranged)
 * or possible. X(enum, name, label) */
#define EDD_STATUS_TABLE(X)                                   \
	X(EDD_CONFIRMED, "confirmed", "confirmed discharge")  \
	X(EDD_POSSIBLE, "possible", "possible discharge")

enum edd_status {
#define EDD_STATUS_ENUM(e, name, label) e,
	EDD_STATUS_TABLE(EDD_STATUS_ENUM)
#undef EDD_STATUS_ENUM
	EDD_STATUS_COUNT
};

const char *edd_status_name(enum edd_status e);
const char *edd_status_label(enum edd_status e);
bool edd_status_parse(const char *s, enum edd_status *out);

/* Where the patient was admitted from (issue 16): a community or
 * intermediate-care admission from home or from the community is a
 * step-up (admission avoided), one from an acute bed a step-down
 * (discharge supported). X(enum, name, label, step-up) */
#define SOURCE_TABLE(X)                                                    \
	X(SOURCE_HOME, "home", "home (usual place of residence)", true)    \
	X(SOURCE_COMMUNITY, "community", "community (GP, community team, " \
	  "care home)", true)                                              \
	X(SOURCE_ACUTE, "acute", "an acute hospital bed", false)           \
	X(SOURCE_OTHER, "other", "elsewhere (another hospital, ...)", false)

enum admission_source {
#define SOURCE_ENUM(e, name, label, up) e,
	SOURCE_TABLE(SOURCE_ENUM)
#undef SOURCE_ENUM
	SOURCE_COUNT
};

const char *source_name(enum admission_source s);
const char *source_label(enum admission_source s);
bool source_parse(const char *s, enum admission_source *out);
/* Step-up: from home or the community; step-down: from an acute bed;
 * neither: elsewhere, or not recorded (NULL). */
bool source_step_up(const char *source);
bool source_step_down(const char *source);

/* A day's red / green mark (SAFER), stored as its name, in the order the
 * console offers them. X(enum, name, label) */
#define DAY_MARK_TABLE(X)                  \
	X(DAY_MARK_GREEN, "green", "Green") \
	X(DAY_MARK_RED, "red", "Red")

enum day_mark {
#define DAY_MARK_ENUM(e, name, label) e,
	DAY_MARK_TABLE(DAY_MARK_ENUM)
#undef DAY_MARK_ENUM
	DAY_MARK_COUNT
};

const char *day_mark_name(enum day_mark m);
const char *day_mark_label(enum day_mark m);
bool day_mark_parse(const char *s, enum day_mark *out);

struct stay {
	int64_t id;      /* 0 when not stored yet */
	int64_t version; /* optimistic concurrency; 0 when not stored yet */
	char *v[SF_COUNT];
};

const char *stay_field_name(enum stay_field f);
enum field_type stay_field_type(enum stay_field f);
bool stay_field_required(enum stay_field f);
/* True for fields that identify a patient: never put their values in an
 * error message or a log line. */
bool stay_field_identifies(enum stay_field f);
/* True for the fields whose changes are dated facts (DESIGN §4): ward,
 * bed, EDD, discharge ready date, pathway, delay reason and agency,
 * destination, and whether the EDD is a confirmed or possible discharge. */
bool stay_field_dated(enum stay_field f);
bool stay_field_parse(const char *name, enum stay_field *out);

/* Frees the values (not the struct itself) and zeroes it. */
void stay_clear(struct stay *s);
/* Replaces value f with a copy of val (NULL or "" clears it). */
void stay_set(struct stay *s, enum stay_field f, const char *val);
void stay_copy(struct stay *dst, const struct stay *src);

/* NHS numbers: what a check found. X(enum, text) */
#define NHS_CHECK_TABLE(X)                                             \
	X(NHS_OK, "valid")                                             \
	X(NHS_BAD_LENGTH, "must have 10 digits")                       \
	X(NHS_NOT_DIGITS, "only digits and spaces are allowed")        \
	X(NHS_CHECK_10, "check digit computes to 10 (never issued)")   \
	X(NHS_BAD_CHECK, "check digit does not match")

enum nhs_check {
#define NHS_CHECK_ENUM(e, text) e,
	NHS_CHECK_TABLE(NHS_CHECK_ENUM)
#undef NHS_CHECK_ENUM
};
/* Checks in (spaces allowed anywhere); on NHS_OK writes the 10 digits to out. */
enum nhs_check nhs_number_check(const char *in, char out[11]);
const char *nhs_check_text(enum nhs_check c);
/* "9434765919" -> "943 476 5919". */
void nhs_number_format(const char *digits, char out[13]);

/* Limits of free text, in bytes of UTF-8 once normalised (surrounding
 * white space removed; a note's CRLF as LF). Longer text is refused with a
 * message naming the limit, never cut. */
#define STAY_IDENT_MAX 32  /* MRN, bed */
#define STAY_TEXT_MAX 255  /* names, destination */
#define STAY_NOTE_MAX 4000 /* note */
/* The limit of field f in bytes (0: not free text; codes and dates). */
size_t stay_field_max(enum stay_field f);

/* Checks free text: one line (multiline false: no control characters) or
 * several (newlines and tabs allowed, CRLF made LF), valid UTF-8, at most
 * max bytes once surrounding white space is removed. *out is newly
 * allocated, NULL for blank input. The message never quotes the text. */
enum sr_status stay_text_normalise(const char *in, bool multiline, size_t max,
				   char **out, struct sr_error *err);

/* Checks one raw value for field f and returns its canonical form in *out
 * (newly allocated, NULL for empty). Site and ward are checked against cfg
 * (the ward against site_code, which may be NULL to skip that check). On
 * failure err says why without echoing identifying values. */
enum sr_status stay_normalise(const struct config *cfg, enum stay_field f,
			      const char *site_code, const char *in,
			      char **out, struct sr_error *err);

/* Cross-field rules on a stay of canonical values: required fields present;
 * admitted <= green-to-go <= discharged; EDD not before admission;
 * discharge destination only when discharged. On failure *bad names the offending field. */
enum sr_status stay_validate(const struct config *cfg, const struct stay *s,
			     enum stay_field *bad, struct sr_error *err);

/* Times that cannot be in the future: admission and discharge may not be
 * after now (a green-to-go date or an EDD may). On failure *bad names the
 * field. */
enum sr_status stay_check_times(const struct stay *s, sr_minute now,
				enum stay_field *bad, struct sr_error *err);

/* Derived values on day d (see DESIGN §2). Return -1 where undefined. */
int stay_los(const struct stay *s, sr_day d);        /* midnights since admission */
int stay_delay_days(const struct stay *s, sr_day d); /* d - g2g_date, if G2G by d */
/* Criteria to reside (DESIGN §2): on day d a patient in a bed no longer
 * meets them when the discharge ready date in force (drd: "YYYY-MM-DD",
 * or an instant whose date counts; NULL or "" none) is d or before: *day
 * the DRD, and the delay is d - *day days. A DRD ended (the patient meets
 * the criteria again) is no DRD in force; a later one starts a new run. */
bool stay_nctr_on(const char *drd, sr_day d, sr_day *day);
/* In a bed at the end of day d (the midnight census): admitted on or before d
 * and not discharged on or before d. */
bool stay_in_bed(const struct stay *s, sr_day d);

/* The number a bed label ends with ("B33" -> 33, "12" -> 12), or -1 when it
 * ends with no digits. */
int stay_bed_number(const char *bed);
/* The beds configured where the stay is: its ward's count, or the site's
 * when the site lists no wards; 0 when unknown. */
int stay_beds_configured(const struct config *cfg, const struct stay *s);

/* Writes initials ("Z. Ó B.") for privacy mode and patient tables. */
void stay_initials(const char *given, const char *family, char *out,
		   size_t outsz);

#endif
