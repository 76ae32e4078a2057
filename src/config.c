/* Loads the YAML configuration (see include/sitrep/config.h and
 * man/sitrep.yaml.5): reads the file, composes libyaml events into a tree of
 * nodes that keep their line and column, and hands the tree to
 * config_check.c, then fills in the defaults. Also finds the file, and
 * answers look-ups on the result. */
#include "sitrep/config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

#include "sitrep/secure.h"
#include "config_internal.h"
#include "sitrep/config_notify.h"
#include "sitrep/util.h"

#define MAX_DEPTH 32             /* nesting deeper than any valid config */
#define MAX_FILE (16 * 1024 * 1024)
#define SYSTEM_CONFIG "/etc/sitrep/sitrep.yaml"

/* ---- the node tree ---------------------------------------------------- */

struct loader {
	const char *name;       /* file name for messages */
	const char *buf;
	size_t len;
	struct sr_error *err;
	yaml_parser_t parser;
};

static int mark_num(size_t n)
{
	return n >= INT_MAX ? INT_MAX : (int)n + 1;
}

static int fail(struct loader *ld, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct loader *ld, int line, int col, const char *fmt, ...)
{
	char msg[SR_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return config_fail_at(ld->err, ld->name, line, col, "%s", msg);
}

static void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		ynode_free(n->kid[i]);
	free(n->kid);
	free(n->text);
	free(n);
}

static struct ynode *ynode_new(enum ynode_type type, const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = mark_num(mark->line);
	n->col = mark_num(mark->column);
	return n;
}

/* ---- pass one: events to tree ----------------------------------------- */

/* Line and column of a byte offset, for reader (encoding) errors. */
static void offset_position(const struct loader *ld, size_t off, int *line,
			    int *col)
{
	size_t l = 0, c = 0;

	for (size_t i = 0; i < off && i < ld->len; i++) {
		if (ld->buf[i] == '\n') {
			l++;
			c = 0;
		} else if (((unsigned char)ld->buf[i] & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = mark_num(l);
	*col = mark_num(c);
}

static int syntax_error(struct loader *ld)
{
	const yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem ? p->problem : "cannot parse";
	int line, col;

	if (p->error == YAML_MEMORY_ERROR)
		die("out of memory");
	if (p->error == YAML_READER_ERROR) {
		offset_position(ld, p->problem_offset, &line, &col);
		return fail(ld, line, col, "syntax error: %s", problem);
	}
	line = mark_num(p->problem_mark.line);
	col = mark_num(p->problem_mark.column);
	if (!p->context)
		return fail(ld, line, col, "syntax error: %s", problem);
	return fail(ld, line, col, "syntax error: %s (%s at line %d column %d)",
		    problem, p->context, mark_num(p->context_mark.line),
		    mark_num(p->context_mark.column));
}

static int next_event(struct loader *ld, yaml_event_t *ev)
{
	if (yaml_parser_parse(&ld->parser, ev))
		return 0;
	return syntax_error(ld);
}

static const char *event_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		return (const char *)ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT:
		return (const char *)ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT:
		return (const char *)ev->data.mapping_start.anchor;
	case YAML_ALIAS_EVENT:
		return (const char *)ev->data.alias.anchor;
	default:
		return NULL;
	}
}

static int check_event(struct loader *ld, const yaml_event_t *ev, int depth)
{
	const char *anchor = event_anchor(ev);
	int line = mark_num(ev->start_mark.line);
	int col = mark_num(ev->start_mark.column);

	if (ev->type == YAML_ALIAS_EVENT)
		return fail(ld, line, col, "alias '*%s' not supported "
			    "(write the value out in full)", anchor);
	if (anchor)
		return fail(ld, line, col, "anchor '&%s' not supported "
			    "(write the value out in full)", anchor);
	if (depth > MAX_DEPTH)
		return fail(ld, line, col, "nesting deeper than %d levels",
			    MAX_DEPTH);
	if (ev->type != YAML_SCALAR_EVENT &&
	    ev->type != YAML_SEQUENCE_START_EVENT &&
	    ev->type != YAML_MAPPING_START_EVENT)
		return fail(ld, line, col, "unexpected YAML event");
	return 0;
}

static int compose(struct loader *ld, yaml_event_t *ev, int depth,
		   struct ynode **out);

static int compose_children(struct loader *ld, struct ynode *n,
			    yaml_event_type_t end, int depth)
{
	yaml_event_t ev;
	struct ynode *kid;
	int rc;

	for (;;) {
		if (next_event(ld, &ev))
			return -1;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return 0;
		}
		rc = compose(ld, &ev, depth + 1, &kid);
		if (kid) {
			n->kid = xgrow(n->kid, &n->cap, n->n + 1,
				       sizeof(*n->kid));
			n->kid[n->n++] = kid;
		}
		if (rc)
			return rc;
	}
}

/* Composes the node that starts with *ev (deleted here) into *out; on error
 * *out may hold a partial tree, which the caller frees. */
static int compose(struct loader *ld, yaml_event_t *ev, int depth,
		   struct ynode **out)
{
	yaml_event_type_t end = YAML_MAPPING_END_EVENT;
	struct ynode *n;

	*out = NULL;
	if (check_event(ld, ev, depth)) {
		yaml_event_delete(ev);
		return -1;
	}
	if (ev->type == YAML_SCALAR_EVENT) {
		n = ynode_new(Y_SCALAR, &ev->start_mark);
		n->len = ev->data.scalar.length;
		n->text = xstrndup((const char *)ev->data.scalar.value, n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		*out = n;
		return 0;
	}
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		end = YAML_SEQUENCE_END_EVENT;
		n = ynode_new(Y_SEQ, &ev->start_mark);
	} else {
		n = ynode_new(Y_MAP, &ev->start_mark);
	}
	yaml_event_delete(ev);
	*out = n;
	return compose_children(ld, n, end, depth);
}

/* Skips a start event (stream or document); fails on a syntax error. */
static int skip_event(struct loader *ld)
{
	yaml_event_t ev;

	if (next_event(ld, &ev))
		return -1;
	yaml_event_delete(&ev);
	return 0;
}

/* The single document of the stream as a tree; *root stays NULL for an
 * empty stream. */
static int compose_stream(struct loader *ld, struct ynode **root)
{
	yaml_event_t ev;
	int line, col;

	*root = NULL;
	if (skip_event(ld) || next_event(ld, &ev))
		return -1;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return 0;
	}
	yaml_event_delete(&ev);
	if (next_event(ld, &ev) || compose(ld, &ev, 0, root))
		return -1;
	if (skip_event(ld) || next_event(ld, &ev))
		return -1;
	line = mark_num(ev.start_mark.line);
	col = mark_num(ev.start_mark.column);
	if (ev.type != YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return fail(ld, line, col, "more than one document "
			    "(expected a single YAML document)");
	}
	yaml_event_delete(&ev);
	return 0;
}

/* ---- defaults --------------------------------------------------------- */

#define NO_AGENCY (-1)          /* the agency is named on each blocker */

struct reason_default {
	const char *code, *label;
	enum blocker_family family;
	int agency;             /* enum agency, or NO_AGENCY */
};

/* The national discharge delay reasons, grouped in NHS England's five
 * families: written from the delay-reason metric names of the Acute
 * Discharge Situation Report ("Discharge delays (acute)" statistics,
 * https://www.england.nhs.uk/statistics/statistical-work-areas/discharge-delays/)
 * without the guidance document at hand, so to be checked against it
 * before a system reports with them (man/sitrep.yaml.5 says so). Codes are
 * sitrep's own. Default agencies: hospital process the NHS's; hub and
 * interface both; capacity social care's for care at home and care homes,
 * both for rehabilitation, beds and equipment, none for housing (a housing
 * authority is neither); wellbeing concerns none. */
static const struct reason_default vocab_national[] = {
	{"HP-MED", "Awaiting medical decision or intervention (incl. "
	 "discharge summary)", FAMILY_HOSPITAL, AGENCY_NHS},
	{"HP-THERAPY", "Awaiting therapy review of need for supported "
	 "discharge", FAMILY_HOSPITAL, AGENCY_NHS},
	{"HP-REFER", "Awaiting referral to care transfer hub or receiving "
	 "service", FAMILY_HOSPITAL, AGENCY_NHS},
	{"HP-TTO", "Awaiting medicines to take home", FAMILY_HOSPITAL,
	 AGENCY_NHS},
	{"HP-TRANSPORT", "Awaiting transport", FAMILY_HOSPITAL, AGENCY_NHS},
	{"HUB-REFERRAL", "Awaiting confirmation that the referral is received "
	 "and actioned", FAMILY_HUB, AGENCY_BOTH},
	{"HUB-NEEDS", "Awaiting confirmation of immediate care needs and "
	 "pathway", FAMILY_HUB, AGENCY_BOTH},
	{"HUB-FUNDING", "Awaiting decision on funding eligibility (incl. "
	 "fast-track CHC)", FAMILY_HUB, AGENCY_BOTH},
	{"IF-P1", "Pathway 1: home-based rehab, reablement or recovery being "
	 "arranged", FAMILY_INTERFACE, AGENCY_BOTH},
	{"IF-P2", "Pathway 2: bed-based rehab, reablement or recovery being "
	 "arranged", FAMILY_INTERFACE, AGENCY_BOTH},
	{"IF-P3", "Pathway 3: residential or nursing home being arranged",
	 FAMILY_INTERFACE, AGENCY_BOTH},
	{"IF-OOA", "Out-of-area discharge being arranged", FAMILY_INTERFACE,
	 AGENCY_BOTH},
	{"CAP-P1", "Pathway 1: home-based rehab, reablement or recovery not "
	 "yet available", FAMILY_CAPACITY, AGENCY_BOTH},
	{"CAP-CARE", "Home-based social care not yet available (incl. "
	 "restart)", FAMILY_CAPACITY, AGENCY_ASC},
	{"CAP-P2", "Pathway 2: bed-based rehab, reablement or recovery not "
	 "yet available", FAMILY_CAPACITY, AGENCY_BOTH},
	{"CAP-P3", "Pathway 3: residential or nursing home placement not yet "
	 "available", FAMILY_CAPACITY, AGENCY_ASC},
	{"CAP-EQUIP", "Equipment or housing adaptations not yet available",
	 FAMILY_CAPACITY, AGENCY_BOTH},
	{"CAP-HOUSING", "Housing not yet available (incl. homelessness)",
	 FAMILY_CAPACITY, NO_AGENCY},
	{"WB-CONCERN", "Patient, family or carer concerns over discharge "
	 "readiness", FAMILY_WELLBEING, NO_AGENCY},
	{"WB-CHOICE", "Patient, family or carer choice", FAMILY_WELLBEING,
	 NO_AGENCY},
	{"WB-MCA", "Awaiting mental capacity assessment or best-interests "
	 "decision", FAMILY_WELLBEING, NO_AGENCY},
	{"WB-SAFEGUARD", "Safeguarding concern being resolved",
	 FAMILY_WELLBEING, NO_AGENCY},
};

/* The delayed transfer of care codes A-O (the seed plans report by them),
 * each in the family a bed manager would file it under today: assessment
 * and funding are the care transfer hub's; a place, package, equipment or
 * home to go to is capacity; choice and disputes are wellbeing concerns;
 * "other" is left with the hospital. Agencies as the DTOC returns
 * attributed them where one is usual; none (named on each blocker) for
 * choice, disputes, housing and other. */
static const struct reason_default vocab_dtoc[] = {
	{"A", "Completion of assessment", FAMILY_HUB, AGENCY_BOTH},
	{"B", "Public funding", FAMILY_HUB, AGENCY_BOTH},
	{"C", "Further non-acute NHS care", FAMILY_CAPACITY, AGENCY_NHS},
	{"D1", "Residential home", FAMILY_CAPACITY, AGENCY_ASC},
	{"D2", "Nursing home", FAMILY_CAPACITY, AGENCY_ASC},
	{"E", "Care package in own home", FAMILY_CAPACITY, AGENCY_ASC},
	{"F", "Community equipment / adaptations", FAMILY_CAPACITY,
	 AGENCY_BOTH},
	{"G", "Patient or family choice", FAMILY_WELLBEING, NO_AGENCY},
	{"H", "Disputes", FAMILY_WELLBEING, NO_AGENCY},
	{"I", "Housing", FAMILY_CAPACITY, NO_AGENCY},
	{"O", "Other", FAMILY_HOSPITAL, NO_AGENCY},
};

static const struct {
	const struct reason_default *reasons;
	size_t n;
} vocabularies[VOCABULARY_COUNT] = {
	[VOCAB_NATIONAL] = {vocab_national, ARRAY_SIZE(vocab_national)},
	[VOCAB_DTOC] = {vocab_dtoc, ARRAY_SIZE(vocab_dtoc)},
};

/* Red-day reasons have neither family nor agency. */
#define RED_REASON(code, label) {code, label, FAMILY_HOSPITAL, NO_AGENCY}

static const struct reason_default safer_red_reasons[] = {
	RED_REASON("test", "Awaiting test"),
	RED_REASON("result", "Awaiting test result"),
	RED_REASON("review", "Awaiting review"),
	RED_REASON("therapy", "Awaiting therapy"),
	RED_REASON("package", "Awaiting care package"),
	RED_REASON("transport", "Awaiting transport"),
	RED_REASON("tto", "Awaiting medicines to take home"),
};

/* Why beds are closed (bed_reasons), when the config lists none. */
static const struct reason_default bed_closure_reasons[] = {
	RED_REASON("infection", "Infection control (D&V, norovirus, flu)"),
	RED_REASON("staffing", "Staffing"),
	RED_REASON("estates", "Estates or maintenance"),
	RED_REASON("cleaning", "Deep clean"),
	RED_REASON("equipment", "Equipment"),
	RED_REASON("other", "Other"),
};

static struct reason_cfg *copy_reasons(const struct reason_default *from,
				       size_t n)
{
	struct reason_cfg *r = xcalloc(n, sizeof(*r));

	for (size_t i = 0; i < n; i++) {
		r[i].code = xstrdup(from[i].code);
		r[i].label = xstrdup(from[i].label);
		r[i].family = from[i].family;
		r[i].agency = from[i].agency;
	}
	return r;
}

/* A config holding the defaults of every optional key but the reasons. */
static struct config *config_new(const char *path)
{
	struct config *cfg = xcalloc(1, sizeof(*cfg));

	cfg->path = xstrdup(path);
	cfg->stranded_days = 7;
	cfg->super_stranded_days = 21;
	cfg->midday_target_pct = 33;
	cfg->step_up_target_pct = 50;
	cfg->discharge_missing_max_pct = 50;
	for (size_t k = 0; k < SITE_KIND_COUNT; k++) {
		for (size_t m = 0; m < METRIC_COUNT; m++)
			cfg->opel.kind[k].metric[m].weight = 1;
		cfg->opel.system_weight[k] = 1;
	}
	cfg->vocabulary = VOCAB_NATIONAL;
	cfg->call_minute = 8 * 60 + 30;
	cfg->nctr_label = xstrdup("NCTR");
	return cfg;
}

/* The default lists, for those the file left out: the delay reasons of the
 * vocabulary it chose. */
static void default_reasons(struct config *cfg)
{
	if (!cfg->ndelay_reasons) {
		cfg->ndelay_reasons = vocabularies[cfg->vocabulary].n;
		cfg->delay_reasons = copy_reasons(
			vocabularies[cfg->vocabulary].reasons,
			cfg->ndelay_reasons);
	}
	if (!cfg->nred_reasons) {
		cfg->nred_reasons = ARRAY_SIZE(safer_red_reasons);
		cfg->red_reasons = copy_reasons(safer_red_reasons,
						cfg->nred_reasons);
	}
	if (!cfg->nbed_reasons) {
		cfg->nbed_reasons = ARRAY_SIZE(bed_closure_reasons);
		cfg->bed_reasons = copy_reasons(bed_closure_reasons,
						cfg->nbed_reasons);
	}
}

/* ---- loading ---------------------------------------------------------- */

struct config *config_load_buffer(const char *name, const char *buf,
				  size_t len, struct sr_error *err)
{
	struct loader ld = {.name = name, .buf = buf, .len = len, .err = err};
	struct config *cfg = config_new(name);
	struct ynode *root = NULL;
	int rc;

	if (!yaml_parser_initialize(&ld.parser))
		die("out of memory");
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)buf,
				     len);
	rc = compose_stream(&ld, &root);
	yaml_parser_delete(&ld.parser);
	if (rc == 0)
		rc = config_check(name, root, cfg, err);
	ynode_free(root);
	if (rc) {
		config_free(cfg);
		return NULL;
	}
	default_reasons(cfg);
	return cfg;
}

/* Reads all of path into a new buffer; *len excludes the NUL added. */
static char *read_file(const char *path, size_t *len, struct sr_error *err)
{
	/* Any config but the installed one (check-config FILE) is read with
	 * the user's own rights, never a setgid install's group's. */
	const char *sys = secure_system_config();
	FILE *f = sys && strcmp(path, sys) == 0 ? fopen(path, "rb") :
						  secure_fopen_user(path, "rb");
	size_t cap = 0, n = 0, got;
	char *buf = NULL;

	if (!f) {
		sr_fail(err, errno == ENOENT ? SR_ENOTFOUND : SR_EIO,
			"cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		buf = xgrow(buf, &cap, n + 4096, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0 && n <= MAX_FILE);
	if (ferror(f) || n > MAX_FILE) {
		if (ferror(f))
			sr_fail(err, SR_EIO, "cannot read %s: %s", path,
				strerror(errno));
		else
			sr_fail(err, SR_ECONFIG, "cannot read %s: larger than "
				"%d MiB", path, MAX_FILE >> 20);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

struct config *config_load(const char *path, struct sr_error *err)
{
	size_t len;
	char *buf = read_file(path, &len, err);
	struct config *cfg;

	if (!buf)
		return NULL;
	cfg = config_load_buffer(path, buf, len, err);
	free(buf);
	return cfg;
}

static void free_reasons(struct reason_cfg *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].code);
		free(r[i].label);
	}
	free(r);
}

static void free_params(struct opel_kind_cfg *k)
{
	for (size_t i = 0; i < k->nparams; i++) {
		free(k->params[i].name);
		free(k->params[i].label);
		free(k->params[i].bands);
	}
	free(k->params);
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t k = 0; k < SITE_KIND_COUNT; k++)
		free_params(&cfg->opel.kind[k]);
	for (size_t i = 0; i < cfg->nsites; i++) {
		struct site_cfg *s = &cfg->sites[i];

		for (size_t j = 0; j < s->nwards; j++) {
			free(s->wards[j].code);
			free(s->wards[j].name);
		}
		free(s->wards);
		free(s->trajectory);
		free(s->code);
		free(s->name);
	}
	free(cfg->sites);
	free_reasons(cfg->delay_reasons, cfg->ndelay_reasons);
	free_reasons(cfg->red_reasons, cfg->nred_reasons);
	free_reasons(cfg->bed_reasons, cfg->nbed_reasons);
	free_reasons(cfg->areas, cfg->nareas);
	for (size_t i = 0; i < cfg->nowners; i++) {
		free(cfg->owners[i].code);
		free(cfg->owners[i].name);
	}
	free(cfg->owners);
	config_access_free(cfg);
	for (size_t i = 0; i < cfg->nroles; i++)
		free(cfg->roles[i]);
	free(cfg->roles);
	free(cfg->escalations);
	free(cfg->nctr_label);
	config_notify_free(cfg->notify);
	free(cfg->trajectory);
	free(cfg->system_name);
	free(cfg->path);
	free(cfg);
}

/* ---- finding the file ------------------------------------------------- */

static char *user_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/sitrep/sitrep.yaml", xdg);
	if (home && *home)
		return xasprintf("%s/.config/sitrep/sitrep.yaml", home);
	return NULL;
}

char *config_find(const char *explicit_path, struct sr_error *err)
{
	const char *env = getenv("SITREP_CONFIG");
	char *user;

	/* An install's setgid sitrep reads its own config only. */
	if (secure_mode() == SECURE_SETGID)
		return xstrdup(secure_system_config());
	if (explicit_path)
		return xstrdup(explicit_path);
	if (env && *env)
		return xstrdup(env);
	user = user_config_path();
	if (user && access(user, F_OK) == 0)
		return user;
	if (access(SYSTEM_CONFIG, F_OK) == 0) {
		free(user);
		return xstrdup(SYSTEM_CONFIG);
	}
	sr_fail(err, SR_ENOTFOUND, "no configuration file found (looked for "
		"%s%s%s; use --config FILE or set SITREP_CONFIG)",
		user ? user : "", user ? " and " : "", SYSTEM_CONFIG);
	free(user);
	return NULL;
}

/* ---- look-ups --------------------------------------------------------- */

const struct site_cfg *config_site(const struct config *cfg, const char *code)
{
	for (size_t i = 0; i < cfg->nsites; i++)
		if (!strcmp(cfg->sites[i].code, code))
			return &cfg->sites[i];
	return NULL;
}

const struct ward_cfg *config_ward(const struct site_cfg *site,
				   const char *code)
{
	for (size_t i = 0; i < site->nwards; i++)
		if (!strcmp(site->wards[i].code, code))
			return &site->wards[i];
	return NULL;
}

static const struct reason_cfg *find_reason(const struct reason_cfg *r,
					    size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].code, code))
			return &r[i];
	return NULL;
}

const struct reason_cfg *config_delay_reason(const struct config *cfg,
					     const char *code)
{
	return find_reason(cfg->delay_reasons, cfg->ndelay_reasons, code);
}

const struct reason_cfg *config_red_reason(const struct config *cfg,
					   const char *code)
{
	return find_reason(cfg->red_reasons, cfg->nred_reasons, code);
}

const struct reason_cfg *config_bed_reason(const struct config *cfg,
					   const char *code)
{
	return find_reason(cfg->bed_reasons, cfg->nbed_reasons, code);
}

const struct reason_cfg *config_area(const struct config *cfg,
				     const char *code)
{
	return find_reason(cfg->areas, cfg->nareas, code);
}

const struct owner_cfg *config_owner(const struct config *cfg,
				     const char *code)
{
	for (size_t i = 0; i < cfg->nowners; i++)
		if (!strcmp(cfg->owners[i].code, code))
			return &cfg->owners[i];
	return NULL;
}

int config_escalation(const struct config *cfg, int delay_days,
		      int overdue_days)
{
	int role = -1;

	for (size_t i = 0; i < cfg->nescalations; i++) {
		const struct escalation_cfg *e = &cfg->escalations[i];
		int measure = e->on == ESCALATE_DELAY_DAYS ? delay_days :
							     overdue_days;

		/* -1 (not delayed, none overdue) reaches no rule, even one
		 * at 0. */
		if (measure >= 0 && measure >= e->at && (int)e->role > role)
			role = (int)e->role;
	}
	return role;
}

static int trajectory_for(const struct trajectory_point *p, size_t n,
			  sr_day day)
{
	int target = -1;

	/* Points start on the first of their month, so from <= day exactly
	 * when the point's month is not after day's month. */
	for (size_t i = 0; i < n; i++)
		if (p[i].from <= day)
			target = p[i].bed_days;
	return target;
}

int config_trajectory_for(const struct config *cfg, sr_day day)
{
	return trajectory_for(cfg->trajectory, cfg->ntrajectory, day);
}

int config_site_trajectory_for(const struct site_cfg *site, sr_day day)
{
	return trajectory_for(site->trajectory, site->ntrajectory, day);
}

/* ---- names ------------------------------------------------------------ */

const char *enum_name_of(const struct enum_name *t, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? t[v].name : "?";
}

const char *enum_label_of(const struct enum_name *t, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? t[v].label : "?";
}

bool enum_parse(const struct enum_name *t, size_t n, const char *s,
		bool fold, int *out)
{
	for (size_t i = 0; s && i < n; i++) {
		if (fold ? !strcasecmp(s, t[i].name) : !strcmp(s, t[i].name)) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

static const struct enum_name site_kinds[SITE_KIND_COUNT] = {
	SITE_KIND_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum site_kind, site_kinds, SITE_KIND_COUNT, site_kind_name,
	       site_kind_label, site_kind_parse, false)

static const struct enum_name agencies[AGENCY_COUNT] = {
	AGENCY_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum agency, agencies, AGENCY_COUNT, agency_code, agency_label,
	       agency_parse, true)

static const struct enum_name blocker_families[FAMILY_COUNT] = {
	BLOCKER_FAMILY_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum blocker_family, blocker_families, FAMILY_COUNT,
	       blocker_family_name, blocker_family_label, blocker_family_parse,
	       false)

static const struct enum_name vocabulary_names[VOCABULARY_COUNT] = {
	VOCABULARY_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum vocabulary, vocabulary_names, VOCABULARY_COUNT,
	       vocabulary_name, vocabulary_label, vocabulary_parse, false)

static const struct enum_name escalate_ons[ESCALATE_ON_COUNT] = {
	ESCALATE_ON_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum escalate_on, escalate_ons, ESCALATE_ON_COUNT,
	       escalate_on_name, escalate_on_label, escalate_on_parse, false)

static const struct enum_name opel_rules[OPEL_RULE_COUNT] = {
	OPEL_RULE_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum opel_rule_kind, opel_rules, OPEL_RULE_COUNT,
	       opel_rule_name, opel_rule_label, opel_rule_parse, false)

static const struct enum_name system_rules[SYSTEM_RULE_COUNT] = {
	SYSTEM_RULE_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum system_rule_kind, system_rules, SYSTEM_RULE_COUNT,
	       system_rule_name, system_rule_label, system_rule_parse, false)

static const struct enum_name system_scorings[SYSTEM_SCORING_COUNT] = {
	SYSTEM_SCORING_TABLE(ENUM_NAME_ROW)
};
ENUM_FUNCTIONS(enum system_scoring, system_scorings, SYSTEM_SCORING_COUNT,
	       system_scoring_name, system_scoring_label, system_scoring_parse,
	       false)

const struct opel_param_cfg *config_opel_param(const struct opel_kind_cfg *k,
					       const char *name)
{
	for (size_t i = 0; name && i < k->nparams; i++)
		if (strcmp(k->params[i].name, name) == 0)
			return &k->params[i];
	return NULL;
}

/* The metrics have a definition as well. */
static const struct enum_name metrics[METRIC_COUNT] = {
#define OPEL_METRIC_ROW(e, name, label, def) [e] = {name, label},
	OPEL_METRIC_TABLE(OPEL_METRIC_ROW)
#undef OPEL_METRIC_ROW
};
ENUM_FUNCTIONS(enum opel_metric, metrics, METRIC_COUNT, opel_metric_name,
	       opel_metric_label, opel_metric_parse, false)

const char *opel_metric_definition(enum opel_metric m)
{
	static const char *const definitions[METRIC_COUNT] = {
#define OPEL_METRIC_DEFINITION(e, name, label, def) [e] = def,
		OPEL_METRIC_TABLE(OPEL_METRIC_DEFINITION)
#undef OPEL_METRIC_DEFINITION
	};

	return (size_t)m < METRIC_COUNT ? definitions[m] : "?";
}
