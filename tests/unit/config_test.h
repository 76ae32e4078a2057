/* What the unit tests of the configuration share: a minimal valid config to
 * build on, loading from text, and tables of malformed configs, each case
 * run as a test of its own so that a failure names it. Include after
 * cmocka.h. */
#ifndef SITREP_TESTS_CONFIG_TEST_H
#define SITREP_TESTS_CONFIG_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"
#include "sitrep/util.h"

/* A site, kind and beds that make the rest of a config valid. */
#define SYSTEM "system:\n  name: Wiltshire\n"
#define SITE(extra) "sites:\n  - { code: SFT, name: Salisbury, kind: acute, " \
	extra " }\n"
#define SITES SITE("beds: 452")

/* rel under the source tree ($SITREP_SOURCE_ROOT); the caller frees. */
static inline char *source_path(const char *rel)
{
	const char *root = getenv("SITREP_SOURCE_ROOT");

	return xasprintf("%s/%s", root && *root ? root : ".", rel);
}

/* The config at rel under the source tree; the test fails if it does not
 * load. */
static inline struct config *load_source(const char *rel)
{
	struct sr_error err = {0};
	char *path = source_path(rel);
	struct config *cfg = config_load(path, &err);

	free(path);
	if (!cfg)
		fail_msg("%s", err.msg);
	return cfg;
}

static inline struct config *load_text(const char *text)
{
	struct sr_error err = {0};
	struct config *cfg = config_load_buffer("t.yaml", text, strlen(text),
						&err);

	if (!cfg)
		fail_msg("unexpected error: %s", err.msg);
	return cfg;
}

/* text must fail to load with exactly "t.yaml:" + want. Buffers are on the
 * stack: a failed assertion must not leak. */
static inline void expect_text_error(const char *text, const char *want)
{
	struct sr_error err = {0};
	struct config *cfg = config_load_buffer("t.yaml", text, strlen(text),
						&err);
	char full[SR_ERROR_MAX];

	snprintf(full, sizeof(full), "t.yaml:%s", want);
	config_free(cfg);
	assert_null(cfg);
	assert_int_equal(err.status, SR_ECONFIG);
	assert_string_equal(err.msg, full);
}

struct bad_case {
	const char *name;
	const char *text;       /* inline YAML, or a fixture file name */
	const char *want;       /* the message after "NAME:" */
};

/* A case loaded with config_load_buffer under the name t.yaml. */
static inline void test_bad_text(void **state)
{
	const struct bad_case *c = *state;

	expect_text_error(c->text, c->want);
}

/* A table of cases, each run by fn. */
struct bad_table {
	const struct bad_case *cases;
	size_t n;
	CMUnitTestFunction fn;
};

/* Runs the fixed tests, then one named test per case of each table. */
static inline int run_config_tests(const char *group,
				   const struct CMUnitTest *fixed,
				   size_t nfixed,
				   const struct bad_table *tables,
				   size_t ntables)
{
	size_t n = nfixed, i = 0;
	struct CMUnitTest *tests;
	int rc;

	for (size_t t = 0; t < ntables; t++)
		n += tables[t].n;
	tests = xcalloc(n, sizeof(*tests));
	for (; i < nfixed; i++)
		tests[i] = fixed[i];
	for (size_t t = 0; t < ntables; t++)
		for (size_t j = 0; j < tables[t].n; j++, i++)
			tests[i] = (struct CMUnitTest){tables[t].cases[j].name,
				tables[t].fn, NULL, NULL,
				(void *)&tables[t].cases[j]};
	rc = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
	free(tests);
	return rc;
}

#endif
