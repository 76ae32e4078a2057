/* The config's access list (issue 18; include/sitrep/access.h,
 * sitrep.yaml(5)): each entry a role, the users and groups it is given to
 * ("*": everyone), and its scope: a ward coordinator's sites and wards
 * (SITE/WARD), social care's owners. Walked by config_check.c's checker:
 * ck_access for the top-level key, ck_access_refs once the sites and
 * owners are read. */
#include "config_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"

/* A list of non-empty strings into *arr, *n. */
static int get_strings(struct checker *ck, const char *key,
		       const struct ynode *v, char ***arr, size_t *n)
{
	if (v->type == Y_SCALAR && !ck_is_null(v)) { /* one, unbracketed */
		*arr = xcalloc(1, sizeof(**arr));
		*n = 1;
		return ck_get_string(ck, key, v, &(*arr)[0]);
	}
	if (ck_want_list(ck, key, v, key))
		return -1;
	*arr = xcalloc(v->n, sizeof(**arr));
	for (size_t i = 0; i < v->n; i++) {
		if (ck_get_string(ck, key, v->kid[i], &(*arr)[i]))
			return -1;
		(*n)++;
	}
	return 0;
}

#define STRINGS(member)                                                    \
	static int h_##member(struct checker *ck, const char *key,         \
			      const struct ynode *v, void *obj)            \
	{                                                                  \
		struct access_grant *g = obj;                              \
		return get_strings(ck, key, v, &g->member, &g->n##member); \
	}
STRINGS(users)
STRINGS(groups)
STRINGS(sites)
STRINGS(wards)
STRINGS(owners)

static int h_role(struct checker *ck, const char *key, const struct ynode *v,
		  void *obj)
{
	static const char *const names[] = {
#define ROLE_NAME(e, name, words) [e] = name,
		ACCESS_ROLE_TABLE(ROLE_NAME)
#undef ROLE_NAME
	};
	struct access_grant *g = obj;
	int r;

	if (ck_get_choice(ck, key, key, v, names, ARRAY_SIZE(names), &r))
		return -1;
	g->role = (enum access_role)r;
	return 0;
}

static const struct field grant_fields[] = {
	CUSTOM("role", h_role, true),
	CUSTOM("users", h_users, false),
	CUSTOM("groups", h_groups, false),
	CUSTOM("sites", h_sites, false),
	CUSTOM("wards", h_wards, false),
	CUSTOM("owners", h_owners, false),
};

int ck_access(struct checker *ck, const char *key, const struct ynode *v,
	      void *obj)
{
	struct config *cfg = obj;

	if (ck_want_list(ck, key, v, "entry"))
		return -1;
	cfg->access = xcalloc(v->n, sizeof(*cfg->access));
	cfg->has_access = true;
	for (size_t i = 0; i < v->n; i++) {
		struct access_grant *g = &cfg->access[i];

		cfg->naccess++;
		g->line = v->kid[i]->line;
		if (WALK(ck, v->kid[i], "access entry", grant_fields, g, NULL))
			return -1;
		if (!g->nusers && !g->ngroups)
			return ck_fail(ck, v->kid[i], "access entry for %s "
				       "names no users and no groups (give "
				       "users, groups or both; \"*\" is "
				       "everyone)", access_role_name(g->role));
		if ((g->nsites || g->nwards) &&
		    g->role != AR_WARD_COORDINATOR)
			return ck_fail(ck, v->kid[i], "sites and wards are a "
				       "ward coordinator's scope, not a %s's",
				       access_role_words(g->role));
		if (g->nowners && g->role != AR_SOCIAL_CARE)
			return ck_fail(ck, v->kid[i], "owners are social "
				       "care's scope, not a %s's",
				       access_role_words(g->role));
	}
	return 0;
}

void config_access_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->naccess; i++) {
		struct access_grant *g = &cfg->access[i];
		char **lists[] = {g->users, g->groups, g->sites, g->wards,
				  g->owners};
		size_t ns[] = {g->nusers, g->ngroups, g->nsites, g->nwards,
			       g->nowners};

		for (size_t l = 0; l < ARRAY_SIZE(lists); l++) {
			for (size_t k = 0; k < ns[l]; k++)
				free(lists[l][k]);
			free(lists[l]);
		}
	}
	free(cfg->access);
}

int ck_access_refs(struct checker *ck)
{
	const struct config *cfg = ck->cfg;

	for (size_t i = 0; i < cfg->naccess; i++) {
		const struct access_grant *g = &cfg->access[i];

		for (size_t k = 0; k < g->nsites; k++)
			if (!config_site(cfg, g->sites[k]))
				return config_fail_at(ck->err, ck->name,
						      g->line, 1, "access: "
						      "unknown site '%.16s'",
						      g->sites[k]);
		for (size_t k = 0; k < g->nwards; k++) {
			char site[32];
			const char *slash = strchr(g->wards[k], '/');
			const struct site_cfg *s = NULL;

			if (slash && (size_t)(slash - g->wards[k]) < sizeof(site)) {
				memcpy(site, g->wards[k],
				       (size_t)(slash - g->wards[k]));
				site[slash - g->wards[k]] = '\0';
				s = config_site(cfg, site);
			}
			if (!s || !config_ward(s, slash + 1))
				return config_fail_at(ck->err, ck->name,
						      g->line, 1, "access: "
						      "unknown ward '%.40s' "
						      "(expected SITE/WARD of "
						      "the sites)",
						      g->wards[k]);
		}
		for (size_t k = 0; k < g->nowners; k++)
			if (!config_owner(cfg, g->owners[k]))
				return config_fail_at(ck->err, ck->name,
						      g->line, 1, "access: "
						      "unknown owner '%.16s'",
						      g->owners[k]);
	}
	return 0;
}
