/* What every integration test's fixture ends with: its store closed, its
 * config freed and its private temporary directory removed. */
#ifndef SITREP_TEST_FIXTURE_H
#define SITREP_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/census.h"
#include "sitrep/config.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

/* Makes the directory dir (a mkdtemp template, rewritten) with a store in
 * it, synced with the config in yaml, and imports census into it as who:
 * 0, or -1 with the reason on stderr. */
static inline int fixture_open(char *dir, const char *yaml,
			       const char *census,
			       const struct store_actor *who,
			       struct config **cfg, struct store **st)
{
	struct census_options opt = {.name = "fixture.csv"};
	struct census_report rep = {0};
	struct sr_error err = {0};
	char *path;

	if (!mkdtemp(dir))
		return -1;
	path = xasprintf("%s/fixture.db", dir);
	*cfg = config_load_buffer("fixture.yaml", yaml, strlen(yaml), &err);
	*st = *cfg ? store_open(path, STORE_READ_WRITE, &err) : NULL;
	free(path);
	if (!*st || store_sync_config(*st, *cfg, NULL, &err) != SR_OK ||
	    census_import(*st, *cfg, census, strlen(census), &opt, who, &rep,
			  &err) != SR_OK) {
		fprintf(stderr, "%s\n", err.msg);
		for (size_t i = 0; i < rep.nerrors; i++)
			fprintf(stderr, "%s\n", rep.errors[i]);
		census_report_free(&rep);
		return -1;
	}
	census_report_free(&rep);
	return 0;
}

/* Removes dir and all in it. */
static inline void fixture_remove(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

static inline void fixture_close(const char *dir, struct store *st,
				 struct config *cfg)
{
	store_close(st);
	config_free(cfg);
	fixture_remove(dir);
}

#endif
