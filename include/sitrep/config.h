/* The system's configuration, loaded from YAML: sites and wards, stranded
 * thresholds, OPEL thresholds per site kind, delay (blocker) and red-day
 * vocabularies, owners of blockers, escalation rules, the daily call's
 * time, and the DTOC trajectory (the system's, and optionally a site's).
 * Every load error names FILE:LINE:COLUMN. */
#ifndef SITREP_CONFIG_H
#define SITREP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/access.h"
#include "sitrep/date.h"
#include "sitrep/error.h"

/* Named enumerations. Each is one X-macro table whose rows begin
 * X(enum, name, label, ...): the name as written in the config, the CSV,
 * the database and on the command line; the label as shown to people.
 * From the table come the enum, a struct enum_name array indexed by it,
 * and the enumeration's NAME_name(), NAME_label() and NAME_parse(), the
 * parser refusing any name not in the table (include/sitrep/error.h's
 * SR_STATUS_TABLE is the model). */
struct enum_name {
	const char *name;
	const char *label;
};

/* The name or label of value v of a table of n rows; "?" when out of
 * range. */
const char *enum_name_of(const struct enum_name *t, size_t n, int v);
const char *enum_label_of(const struct enum_name *t, size_t n, int v);
/* The value named s (NULL refused), compared exactly or, with fold,
 * ignoring ASCII case; false if no row has that name. */
bool enum_parse(const struct enum_name *t, size_t n, const char *s,
		bool fold, int *out);

/* A table's row of struct enum_name: TABLE(ENUM_NAME_ROW). */
#define ENUM_NAME_ROW(e, name, label) [e] = {name, label},

/* Defines, in one .c file, an enumeration's name_fn, label_fn and
 * parse_fn (declared in its header) over rows, its count rows of struct
 * enum_name; fold: whether the parser ignores ASCII case. */
#define ENUM_FUNCTIONS(type, rows, count, name_fn, label_fn, parse_fn, fold) \
	const char *name_fn(type v)                                          \
	{                                                                    \
		return enum_name_of(rows, count, (int)v);                    \
	}                                                                    \
	const char *label_fn(type v)                                         \
	{                                                                    \
		return enum_label_of(rows, count, (int)v);                   \
	}                                                                    \
	bool parse_fn(const char *s, type *out)                              \
	{                                                                    \
		int v;                                                       \
                                                                             \
		if (!enum_parse(rows, count, s, fold, &v))                   \
			return false;                                        \
		*out = (type)v;                                              \
		return true;                                                 \
	}

/* X(enum, yaml name, label) */
#define SITE_KIND_TABLE(X)                                         \
	X(SITE_ACUTE, "acute", "Acute")                            \
	X(SITE_COMMUNITY, "community", "Community")                \
	X(SITE_MENTAL_HEALTH, "mental_health", "Mental health")

enum site_kind {
#define SITE_KIND_ENUM(e, name, label) e,
	SITE_KIND_TABLE(SITE_KIND_ENUM)
#undef SITE_KIND_ENUM
	SITE_KIND_COUNT
};

/* Metrics that OPEL thresholds can name. Higher values mean more pressure.
 * X(enum, yaml name, short label, definition) */
#define OPEL_METRIC_TABLE(X)                                                   \
	X(METRIC_OCCUPANCY_PCT, "occupancy_pct", "Occ%",                       \
	  "occupied beds as % of beds")                                        \
	X(METRIC_G2G_PCT, "g2g_pct", "G2G%",                                   \
	  "green-to-go patients as % of beds")                                 \
	X(METRIC_STRANDED_PCT, "stranded_pct", "Str%",                         \
	  "stranded patients as % of occupied beds")                           \
	X(METRIC_SUPER_STRANDED, "super_stranded", "Super",                    \
	  "super-stranded patients (count)")                                   \
	X(METRIC_DELAYED_BED_DAYS_7D, "delayed_bed_days_7d", "DBD7",           \
	  "delayed bed days in the 7 days to the day")

enum opel_metric {
#define OPEL_METRIC_ENUM(e, name, label, def) e,
	OPEL_METRIC_TABLE(OPEL_METRIC_ENUM)
#undef OPEL_METRIC_ENUM
	METRIC_COUNT
};

/* How a site's OPEL level follows from its metrics (opel.KIND.rule).
 * X(enum, yaml name, label) */
#define OPEL_RULE_TABLE(X)                                             \
	X(OPEL_RULE_HIGHEST, "highest", "highest metric level")        \
	X(OPEL_RULE_WEIGHTED, "weighted", "weighted score in bands")   \
	X(OPEL_RULE_POINTS, "points", "points per parameter, score in levels")

enum opel_rule_kind {
#define OPEL_RULE_ENUM(e, name, label) e,
	OPEL_RULE_TABLE(OPEL_RULE_ENUM)
#undef OPEL_RULE_ENUM
	OPEL_RULE_COUNT
};

/* How the system's level follows from the sites' (opel.system_rule).
 * X(enum, yaml name, label: "the LABEL of the sites' levels") */
#define SYSTEM_RULE_TABLE(X)                                             \
	X(SYSTEM_RULE_HIGHEST, "highest", "highest")                     \
	X(SYSTEM_RULE_BEDS_WEIGHTED, "beds_weighted", "beds-weighted mean")

enum system_rule_kind {
#define SYSTEM_RULE_ENUM(e, name, label) e,
	SYSTEM_RULE_TABLE(SYSTEM_RULE_ENUM)
#undef SYSTEM_RULE_ENUM
	SYSTEM_RULE_COUNT
};

/* Where the system's level comes from (opel.system_scoring): the sites'
 * levels (by system_rule), or the sites' points scores (OPEL 2024-26).
 * X(enum, yaml name, label) */
#define SYSTEM_SCORING_TABLE(X)                                              \
	X(SYSTEM_SCORING_LEVELS, "levels", "the sites' levels (system_rule)") \
	X(SYSTEM_SCORING_SCORES, "scores", "the pillars' points scores")

enum system_scoring {
#define SYSTEM_SCORING_ENUM(e, name, label) e,
	SYSTEM_SCORING_TABLE(SYSTEM_SCORING_ENUM)
#undef SYSTEM_SCORING_ENUM
	SYSTEM_SCORING_COUNT
};

/* Agencies responsible for a delay. X(enum, code, label) */
#define AGENCY_TABLE(X)                              \
	X(AGENCY_NHS, "NHS", "NHS")                  \
	X(AGENCY_ASC, "ASC", "Social care")          \
	X(AGENCY_BOTH, "both", "NHS and social care")

enum agency {
#define AGENCY_ENUM(e, code, label) e,
	AGENCY_TABLE(AGENCY_ENUM)
#undef AGENCY_ENUM
	AGENCY_COUNT
};

struct ward_cfg {
	char *code;
	char *name;
	int beds;
};

struct trajectory_point;

struct site_cfg {
	char *code;
	char *name;
	enum site_kind kind;
	int beds; /* sum of ward beds when wards are listed */
	struct ward_cfg *wards;
	size_t nwards;
	/* The site's own DTOC trajectory (optional): sorted by month, no
	 * duplicates; none when ntrajectory is 0. */
	struct trajectory_point *trajectory;
	size_t ntrajectory;
};

struct metric_threshold {
	bool enabled;
	double at[3]; /* value at which the metric reaches level 2, 3, 4 */
	double weight; /* weighted rule only; default 1 */
};

/* OPEL 2024-26 scoring (rule points): a parameter scores the points of
 * the highest band whose `from` is at or below its value (none below the
 * first band); bands ascend strictly by `from`, their points need not be
 * linear nor even rising. */
#define OPEL_PARAMS_MAX 16     /* parameters per site kind */
#define OPEL_PARAM_NAME_MAX 32 /* bytes of a parameter's name */

struct opel_band {
	double from;
	double points;
};

struct opel_param_cfg {
	char *name;  /* letters, digits, '_' or '-': typed by `opel input` */
	char *label; /* as shown; NULL: none */
	/* source: input (entered with a time and who: ED, ambulance
	 * figures), or the computed metric `metric`. */
	bool input;
	enum opel_metric metric;
	struct opel_band *bands;
	size_t nbands;
	double weight;        /* default 1 */
	double max_age_hours; /* inputs: older ones are unknown; 0: never */
};

struct opel_kind_cfg {
	enum opel_rule_kind rule;
	/* Under rule points the metrics only colour the board's cells. */
	struct metric_threshold metric[METRIC_COUNT];
	double bands[3]; /* weighted rule: score at which the site is at 2, 3, 4 */
	/* Rule points: the parameters and the score at which the site is at
	 * level 2, 3, 4 (levels). */
	struct opel_param_cfg *params;
	size_t nparams;
	double levels[3];
};

struct opel_cfg {
	struct opel_kind_cfg kind[SITE_KIND_COUNT];
	enum system_rule_kind system_rule;
	/* SYSTEM_SCORING_SCORES: the system's score is the weighted mean of
	 * the pillars' scores (a pillar: the sites of one kind, its score the
	 * mean of theirs), each pillar weighted by system_weight (default 1),
	 * and its level the band of system_levels it reaches. */
	enum system_scoring scoring;
	double system_weight[SITE_KIND_COUNT];
	double system_levels[3];
};

/* The families of the blocker vocabulary ("waiting for what", DESIGN
 * §2): NHS England's grouping of discharge delay reasons since 2024.
 * X(enum, yaml name, label) */
#define BLOCKER_FAMILY_TABLE(X)                                       \
	X(FAMILY_HOSPITAL, "hospital", "Hospital process")            \
	X(FAMILY_HUB, "hub", "Care transfer hub process")             \
	X(FAMILY_INTERFACE, "interface", "Interface process")         \
	X(FAMILY_CAPACITY, "capacity", "Capacity")                    \
	X(FAMILY_WELLBEING, "wellbeing", "Wellbeing concerns")

enum blocker_family {
#define BLOCKER_FAMILY_ENUM(e, name, label) e,
	BLOCKER_FAMILY_TABLE(BLOCKER_FAMILY_ENUM)
#undef BLOCKER_FAMILY_ENUM
	FAMILY_COUNT
};

/* The built-in blocker vocabularies (delay_vocabulary), used when the
 * config lists no delay_reasons. X(enum, yaml name, label) */
#define VOCABULARY_TABLE(X)                                                  \
	X(VOCAB_NATIONAL, "national",                                        \
	  "national discharge delay reasons (NHS England)")                  \
	X(VOCAB_DTOC, "dtoc", "delayed transfer of care codes A-O (legacy)")

enum vocabulary {
#define VOCABULARY_ENUM(e, name, label) e,
	VOCABULARY_TABLE(VOCABULARY_ENUM)
#undef VOCABULARY_ENUM
	VOCABULARY_COUNT
};

/* A delay reason (a blocker's code) and a red-day reason. family and
 * agency are a delay reason's only: agency is the agency a new blocker
 * with this code is given unless one is named (-1: none, it must be
 * named). */
struct reason_cfg {
	char *code;
	char *label;
	enum blocker_family family;
	int agency; /* enum agency, or -1 */
};

/* Who owns a blocker: a named person or a team (owners). */
struct owner_cfg {
	char *code; /* short unique code, as typed: "hub", "asc-north" */
	char *name; /* as shown */
	bool team;
	int agency; /* enum agency, or -1: any */
};

/* What an escalation rule measures. X(enum, yaml name, label) */
#define ESCALATE_ON_TABLE(X)                                  \
	X(ESCALATE_DELAY_DAYS, "delay_days", "days delayed")  \
	X(ESCALATE_OVERDUE_DAYS, "overdue_days", "days overdue")

enum escalate_on {
#define ESCALATE_ON_ENUM(e, name, label) e,
	ESCALATE_ON_TABLE(ESCALATE_ON_ENUM)
#undef ESCALATE_ON_ENUM
	ESCALATE_ON_COUNT
};

/* A rule: a patient delayed (or with a blocker overdue) at least `at`
 * days is escalated to role (an index into config.roles). */
struct escalation_cfg {
	enum escalate_on on;
	int at;
	size_t role;
};

struct trajectory_point {
	sr_day from; /* first day of the month from which the target applies */
	int bed_days; /* target delayed bed days per month */
};

struct notify_cfg;

struct config {
	char *path;
	char *system_name;
	int stranded_days;       /* default 7 */
	int super_stranded_days; /* default 21 */
	double midday_target_pct; /* default 33 */
	/* The share of community and intermediate-care admissions that
	 * should be step-up (from home or the community, not from an acute
	 * bed): default 50. */
	double step_up_target_pct;
	/* import --discharge-missing refuses (without --force) to discharge
	 * more than this % of a site's patients in a bed; default 50. */
	double discharge_missing_max_pct;
	struct site_cfg *sites;
	size_t nsites;
	struct opel_cfg opel;
	/* default: the built-in list of `vocabulary` */
	struct reason_cfg *delay_reasons;
	size_t ndelay_reasons;
	struct reason_cfg *red_reasons; /* default: SAFER red-day reasons */
	size_t nred_reasons;
	/* Why beds are closed (bed_reasons; code and label): default the
	 * built-in list (infection, staffing, estates, ...). */
	struct reason_cfg *bed_reasons;
	size_t nbed_reasons;
	/* The system's own areas of residence (areas; code, and the name in
	 * label): a patient resident elsewhere is out of area. None: no
	 * patient is judged out of area. */
	struct reason_cfg *areas;
	size_t nareas;
	struct trajectory_point *trajectory; /* sorted by month, no duplicates */
	size_t ntrajectory;
	/* The blocker vocabulary the delay_reasons came from (VOCAB_NATIONAL
	 * by default); own: the config listed them. */
	enum vocabulary vocabulary;
	bool own_vocabulary;
	struct owner_cfg *owners; /* none by default */
	size_t nowners;
	/* Escalation roles, least senior first, and the rules naming them
	 * (escalation.roles, escalation.rules); none by default. */
	char **roles;
	size_t nroles;
	struct escalation_cfg *escalations;
	size_t nescalations;
	int call_minute; /* the daily call, minutes after midnight; 08:30 */
	/* What the reports call a patient who no longer meets the criteria
	 * to reside: "NCTR" (default) or a local name such as "G2G". */
	char *nctr_label;
	/* notify: commands, thresholds, retries and action cards
	 * (sitrep/config_notify.h); NULL when the config has none. */
	struct notify_cfg *notify;
	/* access: who may do what (sitrep/access.h); has_access false:
	 * every user may do everything. */
	struct access_grant *access;
	size_t naccess;
	bool has_access;
};

/* Loads and validates path. On failure returns NULL with err holding
 * "PATH:LINE:COLUMN: what was expected". The caller frees with config_free. */
struct config *config_load(const char *path, struct sr_error *err);
/* Same from a buffer; name is used in messages in place of a path. */
struct config *config_load_buffer(const char *name, const char *buf,
				  size_t len, struct sr_error *err);
void config_free(struct config *cfg);

/* Resolves which file to load: explicit (from --config) if non-NULL, else
 * $SITREP_CONFIG, $XDG_CONFIG_HOME/sitrep/sitrep.yaml (or ~/.config/...),
 * /etc/sitrep/sitrep.yaml. Returns a newly allocated path, or NULL with err
 * listing where it looked. */
char *config_find(const char *explicit_path, struct sr_error *err);

const struct site_cfg *config_site(const struct config *cfg, const char *code);
const struct ward_cfg *config_ward(const struct site_cfg *site,
				   const char *code);
const struct reason_cfg *config_delay_reason(const struct config *cfg,
					     const char *code);
const struct reason_cfg *config_red_reason(const struct config *cfg,
					   const char *code);
const struct reason_cfg *config_bed_reason(const struct config *cfg,
					   const char *code);
const struct reason_cfg *config_area(const struct config *cfg,
				     const char *code);
const struct owner_cfg *config_owner(const struct config *cfg,
				     const char *code);
/* The most senior role (index into cfg->roles) that a patient delayed
 * delay_days days (-1: not delayed) with an open blocker overdue by
 * overdue_days days (-1: none overdue) is escalated to; -1: none. */
int config_escalation(const struct config *cfg, int delay_days,
		      int overdue_days);
/* The trajectory target for the month containing day, or -1 if none. */
int config_trajectory_for(const struct config *cfg, sr_day day);
/* The same from the site's own trajectory: -1 if it has none for day. */
int config_site_trajectory_for(const struct site_cfg *site, sr_day day);

const char *site_kind_name(enum site_kind kind);
const char *site_kind_label(enum site_kind kind);
bool site_kind_parse(const char *s, enum site_kind *out);
const char *opel_metric_name(enum opel_metric m);
const char *opel_metric_label(enum opel_metric m);
const char *opel_metric_definition(enum opel_metric m);
bool opel_metric_parse(const char *s, enum opel_metric *out);
const char *agency_code(enum agency a);
const char *agency_label(enum agency a);
/* Ignores case: exports write "nhs" or "Both" as often as not. */
bool agency_parse(const char *s, enum agency *out);
const char *blocker_family_name(enum blocker_family f);
const char *blocker_family_label(enum blocker_family f);
bool blocker_family_parse(const char *s, enum blocker_family *out);
const char *vocabulary_name(enum vocabulary v);
const char *vocabulary_label(enum vocabulary v);
bool vocabulary_parse(const char *s, enum vocabulary *out);
const char *escalate_on_name(enum escalate_on e);
const char *escalate_on_label(enum escalate_on e);
bool escalate_on_parse(const char *s, enum escalate_on *out);
const char *opel_rule_name(enum opel_rule_kind r);
const char *opel_rule_label(enum opel_rule_kind r);
bool opel_rule_parse(const char *s, enum opel_rule_kind *out);
const char *system_rule_name(enum system_rule_kind r);
const char *system_rule_label(enum system_rule_kind r);
bool system_rule_parse(const char *s, enum system_rule_kind *out);
const char *system_scoring_name(enum system_scoring s);
const char *system_scoring_label(enum system_scoring s);
bool system_scoring_parse(const char *s, enum system_scoring *out);
/* The parameter of kind k named name, or NULL. */
const struct opel_param_cfg *config_opel_param(const struct opel_kind_cfg *k,
					       const char *name);

#endif
