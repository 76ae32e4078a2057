/* Who may do what (include/sitrep/access.h): the action table read
 * against a user's entries of the config's access list. */
#include "sitrep/access.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *words;
} roles[] = {
#define ACCESS_ROLE_ROW(e, name, words) {name, words},
	ACCESS_ROLE_TABLE(ACCESS_ROLE_ROW)
#undef ACCESS_ROLE_ROW
};

static const struct {
	const char *name, *words;
	unsigned roles;
} actions[] = {
#define ACCESS_ACTION_ROW(e, name, words, r) {name, words, r},
	ACCESS_ACTION_TABLE(ACCESS_ACTION_ROW)
#undef ACCESS_ACTION_ROW
};

const char *access_role_name(enum access_role r)
{
	return r < AR_COUNT ? roles[r].name : "?";
}

const char *access_role_words(enum access_role r)
{
	return r < AR_COUNT ? roles[r].words : "?";
}

bool access_role_parse(const char *s, enum access_role *out)
{
	for (int r = 0; r < AR_COUNT; r++)
		if (strcmp(s, roles[r].name) == 0) {
			*out = (enum access_role)r;
			return true;
		}
	return false;
}

const char *access_action_name(enum access_action a)
{
	return a < AA_COUNT ? actions[a].name : "?";
}

const char *access_action_words(enum access_action a)
{
	return a < AA_COUNT ? actions[a].words : "?";
}

unsigned access_action_roles(enum access_action a)
{
	return a < AA_COUNT ? actions[a].roles : 0;
}

static bool listed(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

void access_resolve(const struct access_grant *grants, size_t n,
		    bool configured, const char *login,
		    const char *const *groups, size_t ngroups,
		    struct access *out)
{
	memset(out, 0, sizeof(*out));
	out->configured = configured;
	out->login = login;
	for (size_t i = 0; i < n && out->ngrants < ACCESS_MAX_GRANTS; i++) {
		const struct access_grant *g = &grants[i];
		bool named = listed(g->users, g->nusers, login) ||
			     listed(g->users, g->nusers, "*");

		for (size_t k = 0; !named && k < ngroups; k++)
			named = listed(g->groups, g->ngroups, groups[k]);
		if (named)
			out->grant[out->ngrants++] = g;
	}
}

/* Whether the site and ward are in a ward coordinator's scope. */
static bool in_scope(const struct access_grant *g, const char *site,
		     const char *ward)
{
	char sw[80];

	if (!site)
		return true;
	if (listed(g->sites, g->nsites, site))
		return true;
	if (!ward)
		return false;
	snprintf(sw, sizeof(sw), "%s/%s", site, ward);
	return listed(g->wards, g->nwards, sw);
}

static bool grant_allows(const struct access_grant *g,
			 enum access_action action, const char *site,
			 const char *ward, const char *owner)
{
	if (!(actions[action].roles & (1u << g->role)))
		return false;
	switch (g->role) {
	case AR_WARD_COORDINATOR:
		return action == AA_READ || action == AA_IDENTIFIERS ||
		       in_scope(g, site, ward);
	case AR_SOCIAL_CARE:
		return action != AA_BLOCKER ||
		       listed(g->owners, g->nowners, owner);
	case AR_BED_MANAGER:
	case AR_VIEWER:
	case AR_COUNT:
		break;
	}
	return true;
}

/* The roles that may take action, in words: "a bed manager or a ward
 * coordinator". */
static void takes(enum access_action action, char *buf, size_t size)
{
	size_t used = 0;
	unsigned r = actions[action].roles;
	int n = 0, total = 0;

	for (int i = 0; i < AR_COUNT; i++)
		total += (r >> i) & 1;
	buf[0] = '\0';
	for (int i = 0; i < AR_COUNT && used < size; i++) {
		if (!((r >> i) & 1))
			continue;
		n++;
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
					 n == 1 ? "" : n == total ? " or " :
								    ", ",
					 "a", roles[i].words);
	}
}

bool access_may_somewhere(const struct access *a, enum access_action action)
{
	if (!a->configured)
		return true;
	for (size_t i = 0; i < a->ngrants; i++)
		if (actions[action].roles & (1u << a->grant[i]->role))
			return true;
	return false;
}

bool access_allows(const struct access *a, enum access_action action,
		   const char *site, const char *ward, const char *owner,
		   char *why, size_t size)
{
	char who[256], need[128], where[96] = "";

	if (!a->configured)
		return true;
	for (size_t i = 0; i < a->ngrants; i++)
		if (grant_allows(a->grant[i], action, site, ward, owner))
			return true;
	if (!why)
		return false;
	access_describe(a, who, sizeof(who));
	takes(action, need, sizeof(need));
	if (action == AA_BLOCKER && owner)
		snprintf(where, sizeof(where), " owned by %s", owner);
	else if (site && ward)
		snprintf(where, sizeof(where), " at %s/%s", site, ward);
	else if (site)
		snprintf(where, sizeof(where), " at %s", site);
	if (!a->ngrants)
		snprintf(why, size, "%s has no role in the config's access "
			 "list, so may not %s", a->login ? a->login : "?",
			 actions[action].words);
	else
		snprintf(why, size, "%s (%s) may not %s%s: it takes %s%s",
			 a->login ? a->login : "?", who, actions[action].words,
			 where, need,
			 (actions[action].roles & (R_WC | R_SC)) ?
				 " whose scope covers it" : "");
	return false;
}

static void put_list(char *buf, size_t size, size_t *used, const char *what,
		     char *const *list, size_t n, bool *first)
{
	if (!n || *used >= size)
		return;
	*used += (size_t)snprintf(buf + *used, size - *used, "%s%s ",
				  *first ? "" : "; ", what);
	*first = false;
	for (size_t i = 0; i < n && *used < size; i++)
		*used += (size_t)snprintf(buf + *used, size - *used, "%s%s",
					  i ? ", " : "", list[i]);
}

void access_describe(const struct access *a, char *buf, size_t size)
{
	size_t used = 0;

	if (!a->configured) {
		snprintf(buf, size, "every right (no access list in the "
			 "config)");
		return;
	}
	if (!a->ngrants) {
		snprintf(buf, size, "none");
		return;
	}
	buf[0] = '\0';
	for (size_t i = 0; i < a->ngrants && used < size; i++) {
		const struct access_grant *g = a->grant[i];
		bool first = true;

		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i ? ", " : "", roles[g->role].words);
		if (g->role == AR_WARD_COORDINATOR ||
		    g->role == AR_SOCIAL_CARE) {
			if (used < size)
				used += (size_t)snprintf(buf + used,
							 size - used, " (");
			put_list(buf, size, &used, "sites", g->sites, g->nsites,
				 &first);
			put_list(buf, size, &used, "wards", g->wards, g->nwards,
				 &first);
			put_list(buf, size, &used, "blockers of", g->owners,
				 g->nowners, &first);
			if (first && used < size)
				used += (size_t)snprintf(buf + used,
							 size - used, "nothing");
			if (used < size)
				used += (size_t)snprintf(buf + used,
							 size - used, ")");
		}
	}
}
