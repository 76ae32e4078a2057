/* Who may do what (issue 18): the config's access list maps Unix users
 * and groups to roles, each with a scope; this module says whether a
 * user's roles allow an action on a site, ward or blocker owner, and in
 * words why not. Pure: the caller gives the login and group names (the
 * edit layer, edit_ctx_init), no I/O.
 *
 * Without an access list every user may do everything (a developer's
 * checkout, a single-user laptop). With one, a user no entry names may do
 * nothing. */
#ifndef SITREP_ACCESS_H
#define SITREP_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

/* X(enum, config name, words) */
#define ACCESS_ROLE_TABLE(X)                                                \
	X(AR_BED_MANAGER, "bed_manager", "bed manager")                   \
	X(AR_WARD_COORDINATOR, "ward_coordinator", "ward coordinator")    \
	X(AR_SOCIAL_CARE, "social_care", "social care worker")                 \
	X(AR_VIEWER, "viewer", "viewer")

enum access_role {
#define ACCESS_ROLE_ENUM(e, name, words) e,
	ACCESS_ROLE_TABLE(ACCESS_ROLE_ENUM)
#undef ACCESS_ROLE_ENUM
	AR_COUNT
};

#define R_BM (1u << AR_BED_MANAGER)
#define R_WC (1u << AR_WARD_COORDINATOR)
#define R_SC (1u << AR_SOCIAL_CARE)
#define R_VW (1u << AR_VIEWER)

/* The actions, each with the roles that may take it. A ward
 * coordinator's are limited to the sites and wards of the entry; social
 * care's blocker changes to the blockers its owners own.
 * X(enum, name, words, roles) */
#define ACCESS_ACTION_TABLE(X)                                              \
	X(AA_READ, "read", "read the figures and lists",                   \
	  R_BM | R_WC | R_SC | R_VW)                                        \
	X(AA_IDENTIFIERS, "identifiers",                                   \
	  "see names, MRNs and NHS numbers", R_BM | R_WC | R_SC)            \
	X(AA_ADMIT, "admit", "admit a patient", R_BM | R_WC)               \
	X(AA_EDIT_STAY, "edit", "change a patient's record", R_BM | R_WC)  \
	X(AA_DISCHARGE, "discharge", "record a discharge", R_BM | R_WC)    \
	X(AA_MARK_DAY, "mark", "mark a red or green day", R_BM | R_WC)     \
	X(AA_BLOCKER, "blocker", "add or change a blocker",                \
	  R_BM | R_WC | R_SC)                                               \
	X(AA_BEDS, "beds", "close or open beds", R_BM)                     \
	X(AA_DECLARE_SITE, "declare_site", "declare a site's OPEL level",  \
	  R_BM)                                                             \
	X(AA_DECLARE_SYSTEM, "declare_system",                             \
	  "declare the system's OPEL level", R_BM)                          \
	X(AA_OPEL_INPUT, "opel_input", "enter an OPEL parameter's value",  \
	  R_BM)                                                             \
	X(AA_IMPORT, "import", "import a census", R_BM)                    \
	X(AA_ADMIN, "admin", "set up or fill the database", R_BM)

enum access_action {
#define ACCESS_ACTION_ENUM(e, name, words, roles) e,
	ACCESS_ACTION_TABLE(ACCESS_ACTION_ENUM)
#undef ACCESS_ACTION_ENUM
	AA_COUNT
};

/* An entry of the config's access list. wards are "SITE/WARD". */
struct access_grant {
	enum access_role role;
	char **users, **groups, **sites, **wards, **owners;
	size_t nusers, ngroups, nsites, nwards, nowners;
	int line;
};

#define ACCESS_MAX_GRANTS 16

/* A user's access: the entries that name them (by login, by one of their
 * groups, or "*"). */
struct access {
	bool configured; /* the config has an access list */
	const char *login;
	const struct access_grant *grant[ACCESS_MAX_GRANTS];
	size_t ngrants;
};

const char *access_role_name(enum access_role r);
const char *access_role_words(enum access_role r);
bool access_role_parse(const char *s, enum access_role *out);
const char *access_action_name(enum access_action a);
const char *access_action_words(enum access_action a);
unsigned access_action_roles(enum access_action a);

/* The entries of grants[0..n) naming login or one of groups[0..ngroups). */
void access_resolve(const struct access_grant *grants, size_t n,
		    bool configured, const char *login,
		    const char *const *groups, size_t ngroups,
		    struct access *out);

/* Whether a may take action on site and ward (NULL: none named; a ward
 * coordinator's scope then does not limit it) and, for a blocker, its
 * owner (NULL: none). When not, why says so in words: who, with which
 * roles, may not what, and what it takes. */
bool access_allows(const struct access *a, enum access_action action,
		   const char *site, const char *ward, const char *owner,
		   char *why, size_t size);

/* Whether a's roles take action in some scope (a ward coordinator's on
 * their wards, social care on their owners' blockers): for showing a
 * key, which each use still checks with access_allows. */
bool access_may_somewhere(const struct access *a, enum access_action action);

/* The user's roles and scopes in words: "ward coordinator (sites ACU;
 * wards COM/W1), viewer"; "every right (no access list in the config)";
 * "none". */
void access_describe(const struct access *a, char *buf, size_t size);

#endif
