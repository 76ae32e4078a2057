/* Who may do what, checked for every change (include/sitrep/edit.h, "Who
 * may do what"): the login user's entries of the config's access list,
 * found once per process, and refusals written to the audit trail. */
#include "sitrep/edit.h"

#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sitrep/util.h"

#define MAX_GROUPS 64

size_t edit_user_groups(const char *const **names)
{
	static const char *name[MAX_GROUPS + 1];
	static size_t n;
	static bool done;

	if (!done) {
		gid_t gid[MAX_GROUPS];
		int ng = getgroups(MAX_GROUPS, gid);

		done = true;
		if (ng < 0)
			ng = 0;
		/* The real group first; getgroups() never holds the
		 * effective group a setgid install adds (it is not a
		 * supplementary group of the user's). */
		for (int i = -1; i < ng && n < MAX_GROUPS + 1; i++) {
			struct group *g = getgrgid(i < 0 ? getgid() : gid[i]);

			if (g && g->gr_name)
				name[n++] = xstrdup(g->gr_name);
		}
	}
	*names = name;
	return n;
}

void edit_access_init(struct edit_ctx *ctx)
{
	const char *const *groups;
	size_t ng;

	if (!ctx->cfg || !ctx->cfg->has_access) {
		access_resolve(NULL, 0, false, ctx->by, NULL, 0, &ctx->acc);
		return;
	}
	ng = edit_user_groups(&groups);
	access_resolve(ctx->cfg->access, ctx->cfg->naccess, true, ctx->by,
		       groups, ng, &ctx->acc);
}

enum sr_status edit_allow(const struct edit_ctx *ctx,
			  enum access_action action, const char *site,
			  const char *ward, const char *owner,
			  struct sr_error *err)
{
	char why[512];

	if (access_allows(&ctx->acc, action, site, ward, owner, why,
			  sizeof(why)))
		return SR_OK;
	return sr_fail(err, SR_EPERM, "%s", why);
}

void edit_refusal_record(const struct edit_ctx *ctx, int64_t stay,
			 const struct sr_error *err)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};
	struct sr_error e = {0};

	if (!ctx->st || err->status != SR_EPERM)
		return;
	if (store_tx_begin(ctx->st, &e) != SR_OK)
		return;
	if (store_audit_add(ctx->st, stay, "refused", NULL, err->msg, &who,
			    &e) == SR_OK)
		store_tx_commit(ctx->st, &e);
	else
		store_tx_rollback(ctx->st);
}
