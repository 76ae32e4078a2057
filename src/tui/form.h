/* The edit form's insides, shared by its two halves: form.c draws it and
 * takes keys; form_save.c holds its values, checks them, and saves them
 * (settling a conflict with someone else's save). Nothing else includes
 * this file. */
#ifndef SITREP_TUI_FORM_H
#define SITREP_TUI_FORM_H

#include "tui.h"

#include "sitrep/edit.h"
#include "sitrep/stay.h"

enum form_kind { K_DATE, K_DATETIME, K_CHOICE, K_TEXT };

/* X(field, label, stay field (SF_COUNT: today's mark, or when the changes
 * took effect), kind, prompt hint). FF_FROM is no value of the stay: it
 * dates the changes of the dated fields (edit_request.from), is not a
 * change by itself, and stays as typed when the form reloads. */
#define FORM_FIELDS(X)                                                       \
	X(FF_EDD, "Expected discharge", SF_EDD, K_DATE,                      \
	  "2026-11-24, +2, tomorrow, mon")                                   \
	X(FF_G2G, "Green to go", SF_G2G_DATE, K_DATE,                        \
	  "2026-11-24, today, -1, mon")                                      \
	X(FF_PATHWAY, "Pathway", SF_PATHWAY, K_CHOICE, "0, 1, 2 or 3")       \
	X(FF_REASON, "Delay reason", SF_DELAY_REASON, K_CHOICE, "a code")    \
	X(FF_AGENCY, "Delay agency", SF_DELAY_AGENCY, K_CHOICE,              \
	  "NHS, ASC or both")                                                \
	X(FF_WARD, "Ward", SF_WARD, K_CHOICE, "a ward code")                 \
	X(FF_BED, "Bed", SF_BED, K_TEXT, "")                                 \
	X(FF_NOTE, "Note", SF_NOTE, K_TEXT,                                  \
	  "Enter ends the note; a \u21b5 in it is a line break")            \
	X(FF_MARK, "Today red/green", SF_COUNT, K_CHOICE, "red or green")    \
	X(FF_RED_REASON, "Red-day reason", SF_COUNT, K_CHOICE, "a code")     \
	X(FF_DISCHARGED, "Discharged at", SF_DISCHARGED_AT, K_DATETIME,      \
	  "2026-11-24 15:30, now")                                           \
	X(FF_DESTINATION, "Destination", SF_DESTINATION, K_TEXT, "")        \
	X(FF_EDD_STATUS, "EDD confirmed?", SF_EDD_STATUS, K_CHOICE,          \
	  "confirmed or possible")                                           \
	X(FF_SOURCE, "Admitted from", SF_SOURCE, K_CHOICE,                   \
	  "home, community, acute or other")                                 \
	X(FF_AREA, "Area", SF_AREA, K_TEXT, "area of residence, a code")    \
	X(FF_FROM, "Changes from", SF_COUNT, K_DATETIME,                     \
	  "empty: now; 2026-11-28 for 00:00, 28/11/2026 14:10")

enum form_field {
#define FF_ENUM(e, label, sf, kind, hint) e,
	FORM_FIELDS(FF_ENUM)
#undef FF_ENUM
	FF_COUNT
};

struct form_field_info {
	const char *label;
	enum stay_field sf;
	enum form_kind kind;
	const char *hint;
};
extern const struct form_field_info form_fields[FF_COUNT];

/* M_ASK_LEFT: save changes onto a stay whose patient has left (y/N). */
enum form_mode { M_EDIT, M_ASK_SAVE, M_ASK_DISCHARGE, M_ASK_LEFT, M_CONFLICT };

struct form {
	int64_t id;
	struct stay base;     /* as loaded: saves go against base.version */
	char *orig[FF_COUNT]; /* values loaded (canonical; NULL empty) */
	char *val[FF_COUNT];  /* values shown */
	int sel, top;
	int err_field; /* the field the error is about; -1 none */
	char err[SR_ERROR_MAX];
	enum form_mode mode;
	bool quit_after;   /* leave the console once saved or discarded */
	bool discharge_ok; /* the user confirmed the discharge */
	bool left_ok;      /* ... and saving onto a discharged stay */
	char warning[SR_ERROR_MAX]; /* the last save's warning, or "" */
	int64_t stored_version; /* a newer version seen while editing */
	/* The conflict dialog: the stored values, and for each field the
	 * user changed whether to apply theirs or keep mine. */
	struct stay theirs;
	char *their[FF_COUNT];
	bool listed[FF_COUNT], mine[FF_COUNT];
	bool theirs_only[FF_COUNT]; /* changed by them only: shown, kept */
	int csel;
	char their_by[64], their_at[24]; /* the latest change, from the audit */
	/* The red-day reason put aside when the mark left red, offered again
	 * when it comes back to red (defect 8: red -> none -> green -> red
	 * keeps the reason). */
	char *kept_red_reason;
};

bool form_same(const char *a, const char *b);
/* Replaces *dst with a copy of s (NULL for NULL or ""). */
void form_set(char **dst, const char *s);
bool form_modified(const struct form *fm, int f);
bool form_any_modified(const struct form *fm);

/* The view's load: the stay and today's mark; a reload keeps what the user
 * typed (and notes a newer stored version). */
enum sr_status form_load(struct view *v, struct tui *t, struct sr_error *err);
/* Shows msg beside field f (-1: above the fields) and in the status line. */
void form_set_error(struct tui *t, struct form *fm, int f, const char *msg);
/* Checks the values together, as the save will. */
bool form_check(struct tui *t, struct form *fm);
/* Takes typed text for field f, or refuses it with the reason shown. */
void form_take_input(struct tui *t, struct form *fm, int f, const char *in);
/* Saves what changed; returns TUI_* flags (TUI_POP once saved). May ask to
 * confirm a discharge or open the conflict dialog instead. */
int form_save(struct tui *t, struct form *fm);
/* In the conflict dialog: the patient was discharged by the other save. */
bool form_left_meanwhile(const struct form *fm);
/* In the conflict dialog: the stay's fields outside the form that the
 * other save changed (into out, at most max); how many. */
size_t form_other_changes(const struct form *fm, enum stay_field *out,
			  size_t max);
/* Leaves the conflict dialog with the stored stay as the new base and the
 * user's choices as the values. */
void form_resolve(struct form *fm);

#endif
