/* Unit tests of the report's helpers: rounding, safe display text measured in
 * columns, wrapping, and hostile text through the JSON, CSV and text
 * renderings of a hand-made struct system_metrics (no database). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"
#include "src/report_internal.h"

static void test_round1(void **state)
{
	char buf[32];

	(void)state;
	report_fmt1(buf, 12.25, "-"); /* printf alone gives 12.2 */
	assert_string_equal(buf, "12.3");
	report_fmt1(buf, 100.0 / 16, "-");
	assert_string_equal(buf, "6.3");
	report_fmt1(buf, 200.0 / 3, "-");
	assert_string_equal(buf, "66.7");
	report_fmt1(buf, 0.04, "-");
	assert_string_equal(buf, "0.0");
	report_fmt1(buf, -0.04, "-");
	assert_string_equal(buf, "0.0"); /* never "-0.0" */
	report_fmt1(buf, 114, "-");
	assert_string_equal(buf, "114.0");
	report_fmt1(buf, NAN, "null");
	assert_string_equal(buf, "null");
	assert_true(isnan(report_round1(NAN)));
}

static void expect_clean(const char *in, const char *want)
{
	char *got = report_clean(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_clean(void **state)
{
	(void)state;
	expect_clean("Zoë O'Brien", "Zoë O'Brien");
	expect_clean("a\tb\x01" "c\x7f", "a?b?c?");
	expect_clean("\x1b[31mred", "?[31mred");
	expect_clean("x\xc2\x85y", "x?y");       /* C1 NEL */
	/* RIGHT-TO-LEFT OVERRIDE */
	expect_clean("\xe2\x80\xae" "evil", "?evil");
	expect_clean("\xff" "x", "?x");          /* not UTF-8 */
	expect_clean("李小龍", "李小龍");
	expect_clean(NULL, "");
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(report_width("Zoë"), 3);
	assert_int_equal(report_width("李小龍"), 6);
	/* e + combining acute accent */
	assert_int_equal(report_width("e\xcc\x81"), 1);
	assert_int_equal(report_width("a\tb"), 3);      /* shown as a?b */
	assert_int_equal(report_width(""), 0);
}

/* What fn writes, as a new string. */
static char *capture_cell(const char *s, int width, bool right)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	report_cell(f, s, width, right);
	fclose(f);
	return buf;
}

static void expect_cell(const char *s, int width, bool right,
			const char *want)
{
	char *got = capture_cell(s, width, right);

	assert_string_equal(got, want);
	free(got);
}

static void test_cell(void **state)
{
	(void)state;
	expect_cell("ab", 4, false, "ab  ");
	expect_cell("ab", 4, true, "  ab");
	expect_cell("Zoë", 5, false, "Zoë  ");  /* 4 bytes, 3 columns */
	expect_cell("李小龍", 7, false, "李小龍 ");
	expect_cell("李小龍", 5, false, "李小~");
	/* a wide character is never split */
	expect_cell("李小龍", 4, false, "李~ ");
	expect_cell("abcdef", 4, false, "abc~");
	expect_cell("a\nb", 3, false, "a?b");
}

static void test_wrap(void **state)
{
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int lines = 0;

	(void)state;
	assert_non_null(f);
	fputs("Note: ", f);
	report_wrap(f, "alpha beta  gamma, delta\tepsilon 李小龍 "
		    "and a word that goes on "
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    " end of the note that keeps going for a while longer so "
		    "that it wraps", 6, 4, " ");
	fclose(f);
	assert_null(strchr(buf, '\t'));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		assert_true(report_width(line) <= REPORT_WIDTH);
		assert_true(n > 0 && line[n - 1] != ' '); /* none trailing */
		if (lines++ > 0)
			assert_memory_equal(line, "    ", 4);
	}
	assert_true(lines >= 3);
	free(buf);
}

/* ---- Renderings of hostile text --------------------------------------- */

static const char yaml[] =
	"system: { name: Test }\n"
	"sites:\n"
	"  - { code: AAA, name: Alpha, kind: acute, beds: 4 }\n";

static const char evil[] = "Q\"uote\\ \t\x01\x1b[2J é \xff end";

struct fake {
	struct config *cfg;
	struct system_metrics m;
	struct stay stay;
};

static void counts(struct flow_counts *c, const struct config *cfg)
{
	metrics_counts_init(c, cfg);
}

static int setup(void **state)
{
	struct fake *f = xcalloc(1, sizeof(*f));
	struct sr_error err = {0};
	struct system_metrics *m = &f->m;

	f->cfg = config_load_buffer("test.yaml", yaml, strlen(yaml), &err);
	if (!f->cfg)
		return -1;
	free(f->cfg->system_name);
	f->cfg->system_name = xstrdup(evil);
	m->cfg = f->cfg;
	m->day = date_from_ymd(2026, 11, 10);
	m->sites = xcalloc(1, sizeof(*m->sites));
	m->nsites = 1;
	m->sites[0].site = &f->cfg->sites[0];
	counts(&m->sites[0].c, f->cfg);
	m->sites[0].c.beds = 4;
	m->sites[0].opel.level = 1;
	m->sites[0].declared = 2;
	strcpy(m->sites[0].declared_at, "2026-11-10T07:00:00");
	strcpy(m->sites[0].declared_by, "bob");
	m->sites[0].declared_note = xstrdup(evil);
	for (int k = 0; k < SITE_KIND_COUNT; k++)
		counts(&m->kind[k], f->cfg);
	counts(&m->total, f->cfg);
	m->total.beds = m->kind[SITE_ACUTE].beds = 4;
	m->total.g2g = 1;
	m->level = 1;
	m->trajectory.target = -1;
	m->trajectory.expected_to_date = NAN;
	m->trajectory.verdict = TRAJ_NO_TARGET;
	m->sites[0].has_data = true;
	m->sites[0].trajectory = (struct trajectory_status){
		.site = m->sites[0].site, .target = -1,
		.expected_to_date = NAN, .verdict = TRAJ_NO_SITE_TARGET};
	stay_set(&f->stay, SF_SITE, "AAA");
	stay_set(&f->stay, SF_MRN, "M1");
	stay_set(&f->stay, SF_FAMILY_NAME, evil);
	stay_set(&f->stay, SF_GIVEN_NAME, "Zoë");
	stay_set(&f->stay, SF_NHS_NUMBER, "9990000018");
	stay_set(&f->stay, SF_ADMITTED_AT, "2026-11-01T10:00");
	stay_set(&f->stay, SF_G2G_DATE, "2026-11-05");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fake *f = *state;

	metrics_free(&f->m);
	stay_clear(&f->stay);
	config_free(f->cfg);
	free(f);
	return 0;
}

static char *render(struct fake *f, enum report_format format,
		    bool show_names)
{
	struct report_options opt = {format, show_names};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	assert_true(report_write(out, &f->m, &f->stay, 1, &opt));
	fclose(out);
	return buf;
}

static void test_json_escapes(void **state)
{
	char *json = render(*state, REPORT_JSON, true);
	static const char want[] =
		"\"Q\\\"uote\\\\ \\u0009\\u0001\\u001b[2J é \\ufffd end\"";

	assert_non_null(strstr(json, "\"system\": "));
	assert_non_null(strstr(json, want)); /* system, note, patient */
	assert_null(strchr(json, '\x1b'));
	assert_null(strchr(json, '\t'));
	assert_null(strstr(json, "9990000018"));
	assert_non_null(strstr(json, "\"mrn\": \"M1\""));
	assert_non_null(strstr(json, "\"occupancy_pct\": 0.0"));
	assert_non_null(strstr(json, "\"stranded_pct\": null"));
	assert_non_null(strstr(json, "\"target\": null"));
	assert_non_null(strstr(json, "\"status\": \"no target\""));
	free(json);
	json = render(*state, REPORT_JSON, false);
	assert_non_null(strstr(json, "\"mrn\": null"));
	assert_null(strstr(json, "O'Brien"));
	free(json);
}

static void test_text_neutralises(void **state)
{
	char *text = render(*state, REPORT_TEXT, true), *line, *save = NULL;

	for (const char *p = text; *p; p++)
		assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
	assert_non_null(strstr(text, "Q\"uote\\ ??"));
	assert_null(strstr(text, "9990000018"));
	assert_null(strstr(text, "999 000 0018"));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		assert_true(report_width(line) <= REPORT_WIDTH);
	free(text);
	text = render(*state, REPORT_TEXT, false);
	assert_null(strstr(text, "Zoë"));
	assert_null(strstr(text, "M1"));
	free(text);
}

/* The OPEL explanation shows values rounded like every other figure. */
static void test_explain_rounding(void **state)
{
	struct fake *f = *state;
	struct site_metrics *sm = &f->m.sites[0];
	char buf[256];

	sm->value[METRIC_OCCUPANCY_PCT] = 101.25; /* "%.1f" alone: 101.2 */
	sm->opel.level = 2;
	sm->opel.metric_level[METRIC_OCCUPANCY_PCT] = 2;
	sm->opel.drivers = 1u << METRIC_OCCUPANCY_PCT;
	report_explain(f->cfg, sm, buf, sizeof(buf));
	assert_non_null(strstr(buf, "occupancy_pct 101.3 >= "));
}

static void test_csv_rectangular(void **state)
{
	char *csv = render(*state, REPORT_CSV, false), *line, *save = NULL;
	long fields = -1;

	assert_memory_equal(csv, "\xef\xbb\xbf" "date,type,scope,", 19);
	for (line = strtok_r(csv, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		long n = 1;
		bool quoted = false;

		assert_true(line[strlen(line) - 1] == '\r');
		for (const char *p = line; *p; p++) {
			if (*p == '"')
				quoted = !quoted;
			else if (*p == ',' && !quoted)
				n++;
		}
		if (fields < 0)
			fields = n;
		assert_int_equal(n, fields);
	}
	free(csv);
}

/* ---- one table for the CSV columns, the JSON keys and the doc ------------ */

/* The CSV header the table gives: the row's own columns around the
 * figures of report_cols. */
static char *table_csv_header(const struct config *cfg)
{
	char *h = xstrdup("date,type,scope,name,kind"), *next;

	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *c = &report_cols[i];
		size_t n = report_col_nkeys(cfg, c->type);

		if (!(c->formats & REPORT_COL_CSV))
			continue;
		for (size_t k = 0; k < n; k++) {
			next = xasprintf("%s,%s%s", h, c->csv,
					 c->type == RC_INT || c->type == RC_NUM ?
						 "" : report_col_key(cfg, c->type,
								     k));
			free(h);
			h = next;
		}
	}
	next = xasprintf("%s,opel_computed,opel_declared,trajectory_target,"
			 "trajectory_projected,trajectory_status,moment,"
			 "moment_at,no_data\r", h);
	free(h);
	return next;
}

static void test_columns_csv_header(void **state)
{
	struct fake *f = *state;
	char *csv = render(f, REPORT_CSV, false), *want, *eol;

	eol = strchr(csv, '\n');
	assert_non_null(eol);
	*eol = '\0';
	want = table_csv_header(f->cfg);
	assert_string_equal(csv + 3, want); /* after the byte order mark */
	free(want);
	free(csv);
}

/* The keys of the JSON's "total" object, at every depth, in order, as
 * "group.key": read from the rendering (one member a line, small objects
 * on one line). */
static char *json_total_keys(const char *json)
{
	const char *p = strstr(json, "\n  \"total\": {\n"), *end;
	char *out = xstrdup(""), *next, group[64] = "";

	assert_non_null(p);
	p += strlen("\n  \"total\": {\n");
	end = strstr(p, "\n  },");
	assert_non_null(end);
	while (p < end) {
		const char *q = strchr(p, '"'), *close;
		size_t len;

		if (!q || q >= end)
			break;
		close = strchr(q + 1, '"');
		len = (size_t)(close - q - 1);
		if (close[1] != ':') { /* a string value */
			p = close + 1;
			continue;
		}
		/* A member of the top level of "total" starts a line at 4. */
		if (q[-1] == ' ' && q - 5 >= json && strncmp(q - 5, "\n    ",
							     5) == 0)
			group[0] = '\0';
		next = xasprintf("%s %s%s%.*s", out, group, *group ? "." : "",
				 (int)len, q + 1);
		free(out);
		out = next;
		if (strncmp(close + 1, ": {", 3) == 0 && !*group)
			snprintf(group, sizeof(group), "%.*s", (int)len, q + 1);
		else if (strncmp(close + 1, ": {", 3) == 0)
			snprintf(group + strlen(group),
				 sizeof(group) - strlen(group), ".%.*s",
				 (int)len, q + 1);
		p = close + 1;
		/* The end of a one-line object closes its group level. */
		while (*group && p < end && *p && *p != '"' && *p != '\n') {
			if (*p == '}') {
				char *dot = strrchr(group, '.');

				if (dot)
					*dot = '\0';
				else
					group[0] = '\0';
			}
			p++;
		}
	}
	return out;
}

static char *table_json_keys(const struct config *cfg)
{
	char *out = xstrdup(""), *next;
	const char *open = NULL;

	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *c = &report_cols[i];
		const char *g = c->group ? c->group : "";

		if (!(c->formats & REPORT_COL_JSON))
			continue;
		if (c->group && (!open || strcmp(open, c->group) != 0)) {
			next = xasprintf("%s %s", out, c->group);
			free(out);
			out = next;
		}
		open = c->group;
		next = xasprintf("%s %s%s%s", out, g, *g ? "." : "", c->key);
		free(out);
		out = next;
		for (size_t k = 0; c->type != RC_INT && c->type != RC_NUM &&
				   k < report_col_nkeys(cfg, c->type); k++) {
			next = xasprintf("%s %s%s%s.%s", out, g, *g ? "." : "",
					 c->key, report_col_key(cfg, c->type, k));
			free(out);
			out = next;
		}
	}
	return out;
}

static void test_columns_json_keys(void **state)
{
	struct fake *f = *state;
	char *json = render(f, REPORT_JSON, false);
	char *got = json_total_keys(json), *want = table_json_keys(f->cfg);

	assert_string_equal(got, want);
	free(got);
	free(want);
	free(json);
}

/* doc/report-json.md's table of the figures, as the table gives it. */
static char *doc_table(void)
{
	static const char *const types[] = {
		[RC_INT] = "count", [RC_NUM] = "one decimal; null / empty when undefined",
		[RC_REASON] = "count per delay reason code, and `none`",
		[RC_AGENCY] = "count per agency (`NHS`, `ASC`, `both`), and `none`",
		[RC_PATHWAY] = "count per pathway `0`-`3`, and `none`",
		[RC_LOS_BAND] = "count per band (`0-6`, `7-13`, `14-20`, `21+`)",
		[RC_FAMILY] = "count per blocker family (`hospital`, `hub`, "
			      "`interface`, `capacity`, `wellbeing`), and "
			      "`other`",
		[RC_OWNER] = "count per owner code of the config, and `none`",
		[RC_ROLE] = "count per escalation role of the config (CSV: "
			    "spaces as `_`)",
	};
	static const char *const keys[] = {
		[RC_INT] = "", [RC_NUM] = "", [RC_REASON] = ".CODE",
		[RC_AGENCY] = ".AGENCY", [RC_PATHWAY] = ".P",
		[RC_LOS_BAND] = ".BAND", [RC_FAMILY] = ".FAMILY",
		[RC_OWNER] = ".OWNER", [RC_ROLE] = ".ROLE",
	};
	char *out = xstrdup("| JSON (in COUNTS) | CSV column | type | meaning |\n"
			    "|---|---|---|---|\n"), *next, json[96];

	for (size_t i = 0; i < report_ncols; i++) {
		const struct report_col *c = &report_cols[i];
		const char *k = keys[c->type];

		if (c->formats & REPORT_COL_JSON)
			snprintf(json, sizeof(json), "`%s%s%s%s`",
				 c->group ? c->group : "", c->group ? "." : "",
				 c->key, k);
		else
			snprintf(json, sizeof(json), "(CSV only)");
		next = xasprintf("%s| %s | `%s%s` | %s | %s |\n", out, json,
				 c->csv, *k ? k + 1 : "", types[c->type],
				 c->help);
		free(out);
		out = next;
	}
	return out;
}

static void test_columns_doc(void **state)
{
	const char *root = getenv("SITREP_SOURCE_ROOT");
	static const char begin[] = "<!-- figures: begin (from report_cols) -->\n",
			  end[] = "<!-- figures: end -->";
	char *path, *doc = NULL, *want = doc_table(), *b, *e;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_non_null(root);
	path = xasprintf("%s/doc/report-json.md", root);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_true(getdelim(&doc, &len, '\0', fp) > 0);
	fclose(fp);
	b = strstr(doc, begin);
	assert_non_null(b);
	b += strlen(begin);
	e = strstr(b, end);
	assert_non_null(e);
	*e = '\0';
	if (strcmp(b, want) != 0)
		fprintf(stderr, "doc/report-json.md: the figures table should "
			"read:\n%s", want);
	assert_string_equal(b, want);
	free(want);
	free(doc);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round1),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test_setup_teardown(test_json_escapes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_text_neutralises, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_explain_rounding, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_csv_rectangular, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_columns_csv_header, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_columns_json_keys, setup,
						teardown),
		cmocka_unit_test(test_columns_doc),
	};

	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		fputs("no C.UTF-8 locale: skipped\n", stderr);
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
