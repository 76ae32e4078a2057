/* sitrep whoami: who sitrep takes the user to be (the login name the audit
 * trail records), the mode it runs in and why, and the files it opens. */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/secure.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

static enum sr_status cmd_whoami(struct cli *cli, struct cmd_args *args,
				 struct sr_error *err)
{
	char *db = store_default_path(cli->db_opt);
	char *cfg = config_find(cli->config_opt, err);
	struct group *g;

	(void)args;
	fputs("login: ", stdout);
	cli_put_safe(stdout, util_login_name());
	printf("\nmode: %s\n", secure_mode_name());
	if (secure_mode() == SECURE_SETGID) {
		g = getgrgid(getegid());
		printf("  installed setgid to the group %s: only sitrep opens "
		       "the database, the login is the real user's, and files "
		       "you name are opened with your own rights\n",
		       g ? g->gr_name : "?");
	} else {
		printf("  not an install: the database is the one --db, "
		       "SITREP_DB or the XDG location names, and its file's "
		       "permissions alone protect it\n");
	}
	/* The roles: the config read without its access check (whoami is
	 * for everyone, a user without a role included). */
	if (cfg) {
		struct sr_error e = {0};
		struct config *c = config_load(cfg, &e);
		struct edit_ctx ctx;
		char roles[512];

		if (c) {
			edit_ctx_init(&ctx, NULL, c);
			access_describe(&ctx.acc, roles, sizeof(roles));
			fputs("roles: ", stdout);
			cli_put_safe(stdout, roles);
			fputc('\n', stdout);
			for (int a = 0; a < AA_COUNT; a++) {
				bool any = access_allows(&ctx.acc,
							 (enum access_action)a,
							 NULL, NULL, NULL,
							 NULL, 0);

				if (!any && c->has_access)
					continue;
				printf("  may %s\n", access_action_words(
					       (enum access_action)a));
			}
			config_free(c);
		} else {
			fputs("roles: unknown: ", stdout);
			cli_put_safe(stdout, e.msg);
			fputc('\n', stdout);
		}
	}
	fputs("database: ", stdout);
	cli_put_safe(stdout, db);
	fputs("\nconfig: ", stdout);
	cli_put_safe(stdout, cfg ? cfg : "none found");
	fputc('\n', stdout);
	free(db);
	free(cfg);
	return SR_OK;
}

const struct cmd_entry cmd_whoami_entry = {
	.name = "whoami",
	.usage = "",
	.summary = "print the login sitrep records, its mode and its files",
	.options = (const struct cmd_option[]){{NULL, NULL, NULL}},
	.min_operands = 0,
	.max_operands = 0,
	.exec = cmd_whoami,
};
