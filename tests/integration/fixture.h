/* What every integration test's fixture ends with: its store closed, its
 * config freed and its private temporary directory removed. */
#ifndef SITREP_TEST_FIXTURE_H
#define SITREP_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "sitrep/config.h"
#include "sitrep/store.h"
#include "sitrep/util.h"

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
