/* The morning report and OPEL declarations: sitrep report, sitrep opel
 * declare and sitrep opel history. */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep/edit.h"
#include "sitrep/metrics.h"
#include "sitrep/report.h"
#include "sitrep/util.h"

/* The longest-delayed stays, copied out of the store's callback. */
struct delayed {
	struct stay *s;
	size_t n, cap;
};

static bool collect(void *ctx, const struct stay *s)
{
	struct delayed *d = ctx;

	d->s = xgrow(d->s, &d->cap, d->n + 1, sizeof(*d->s));
	memset(&d->s[d->n], 0, sizeof(*d->s));
	stay_copy(&d->s[d->n++], s);
	return true;
}

static void delayed_free(struct delayed *d)
{
	for (size_t i = 0; i < d->n; i++)
		stay_clear(&d->s[i]);
	free(d->s);
}

/* The report measures names with wcwidth: stored text is UTF-8 whatever the
 * terminal's locale, so decode it as UTF-8 when the locale does not. */
static void utf8_ctype(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static enum sr_status report_day(const char *arg, sr_day *day,
				 struct sr_error *err)
{
	sr_day today = date_today();
	char t[DATE_BUF], d[DATE_BUF];

	if (!arg) {
		*day = today;
		return SR_OK;
	}
	if (!date_parse_relative(arg, today, day))
		return sr_fail(err, SR_EINVAL, "--date takes a date: "
			       "YYYY-MM-DD, today, yesterday or -N");
	if (*day > today) {
		date_format(*day, d);
		date_format(today, t);
		return sr_fail(err, SR_EINVAL, "--date %s is after today (%s)",
			       d, t);
	}
	return SR_OK;
}

/* Reads the figures of day and the longest-delayed stays, then closes the
 * store before anything is written. */
static enum sr_status gather(struct cli *cli, const struct config *cfg,
			     sr_day day, const char *site,
			     struct system_metrics *m, struct delayed *d,
			     struct sr_error *err)
{
	struct store *st = cli_open_store(cli, STORE_READ_ONLY, err);
	enum sr_status s;

	if (!st)
		return err->status;
	s = report_read(st, cfg, day, site, collect, d, m, err);
	store_close(st);
	return s;
}

enum sr_status cmd_report(struct cli *cli, int argc, char **argv,
			  struct sr_error *err)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'd'},
		{"site", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"show-names", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static const char args[] = "[--date DATE] [--site CODE] "
				   "[--format text|csv|json] [--show-names]";
	struct report_options opt = {REPORT_TEXT, false};
	const char *date_arg = NULL, *site = NULL;
	struct delayed d = {0};
	struct system_metrics m;
	struct config *cfg;
	enum sr_status s;
	sr_day day;
	int c;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'd': date_arg = optarg; break;
		case 's': site = optarg; break;
		case 'n': opt.show_names = true; break;
		case 'f':
			if (!report_format_parse(optarg, &opt.format))
				return sr_fail(err, SR_EINVAL, "--format takes "
					       "text, csv or json");
			break;
		case 'h':
			cli_print_usage("report");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "report", args);
		}
	}
	if (argc != optind)
		return cli_usage(err, "report", args);
	if ((s = report_day(date_arg, &day, err)) != SR_OK)
		return s;
	if (!(cfg = cli_load_config(cli, err)))
		return err->status;
	if (site && !config_site(cfg, site)) {
		config_free(cfg);
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': not in "
			       "the config", site);
	}
	s = gather(cli, cfg, day, site, &m, &d, err);
	if (s == SR_OK) {
		if (opt.format == REPORT_TEXT)
			utf8_ctype();
		if (!report_write(stdout, &m, d.s, d.n, &opt))
			s = sr_fail(err, SR_EIO, "cannot write the report: %s",
				    strerror(errno));
		metrics_free(&m);
	}
	delayed_free(&d);
	config_free(cfg);
	return s;
}

/* ---- sitrep opel -------------------------------------------------------- */

static const char opel_args[] =
	"declare SITE|system LEVEL --note TEXT | history [SITE|system]";

/* The store's code for a site operand: "system" is the system as a whole;
 * the store's own code for it is no site ("" matches none). */
static const char *site_code(const char *arg)
{
	if (strcmp(arg, STORE_SYSTEM) == 0)
		return "";
	return strcmp(arg, "system") == 0 ? STORE_SYSTEM : arg;
}

static enum sr_status check_declaration(const struct config *cfg,
					const char *site_arg,
					const char *level, const char *note,
					char **clean, struct sr_error *err)
{
	const char *site = site_code(site_arg);

	*clean = NULL;
	if (strcmp(site, STORE_SYSTEM) != 0 && !config_site(cfg, site))
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': give a "
			       "site code from the config, or 'system'",
			       site_arg);
	if (strlen(level) != 1 || level[0] < '1' || level[0] > '4')
		return sr_fail(err, SR_EINVAL, "the OPEL level is 1, 2, 3 or "
			       "4");
	if (stay_normalise(cfg, SF_DESTINATION, NULL, note, clean, err) !=
	    SR_OK) {
		sr_error_prefix(err, "--note: ");
		return err->status;
	}
	if (!*clean)
		return sr_fail(err, SR_EINVAL, "--note is empty: say why the "
			       "level is declared");
	return SR_OK;
}

static enum sr_status opel_declare(struct cli *cli, const char *site_arg,
				   const char *level, const char *note,
				   struct sr_error *err)
{
	const char *site = site_code(site_arg);
	struct store_actor who = {.by = util_login_name()};
	struct config *cfg = cli_load_config(cli, err);
	struct store *st = NULL;
	char stamp[20], *clean = NULL;
	enum sr_status s;

	if (!cfg)
		return err->status;
	s = check_declaration(cfg, site_arg, level, note, &clean, err);
	if (s == SR_OK && !(st = cli_open_store(cli, STORE_READ_WRITE, err)))
		s = err->status;
	if (s == SR_OK)
		s = store_sync_config(st, cfg, NULL, err);
	edit_stamp(stamp);
	who.at = stamp;
	if (s == SR_OK)
		s = store_opel_declare(st, site, level[0] - '0', clean, &who,
				       err);
	if (s == SR_OK)
		printf("%s: OPEL %c declared by %s at %s\n", site_arg, level[0],
		       who.by, who.at);
	free(clean);
	store_close(st);
	config_free(cfg);
	return s;
}

static bool print_declaration(void *ctx, const struct opel_declaration *d)
{
	size_t *n = ctx;
	const char *site = strcmp(d->site, STORE_SYSTEM) ? d->site : "system";

	printf("%s  %-8s  %d  %-12s  ", d->at, site, d->level, d->by);
	cli_put_safe(stdout, d->note);
	putchar('\n');
	(*n)++;
	return true;
}

static enum sr_status opel_history(struct cli *cli, const char *site_arg,
				   struct sr_error *err)
{
	const char *site = site_arg ? site_code(site_arg) : NULL;
	struct config *cfg = cli_load_config(cli, err);
	struct store *st;
	enum sr_status s;
	size_t n = 0;

	if (!cfg)
		return err->status;
	if (site && !*site) {
		config_free(cfg);
		return sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			       site_arg);
	}
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err))) {
		config_free(cfg);
		return err->status;
	}
	s = store_opel_history(st, site, print_declaration, &n, err);
	/* A site dropped from the config keeps its history. */
	if (s == SR_OK && n == 0 && site && strcmp(site, STORE_SYSTEM) != 0 &&
	    !config_site(cfg, site))
		s = sr_fail(err, SR_ENOTFOUND, "unknown site '%.32s'",
			    site_arg);
	store_close(st);
	config_free(cfg);
	return s;
}

enum sr_status cmd_opel(struct cli *cli, int argc, char **argv,
			struct sr_error *err)
{
	static const struct option opts[] = {
		{"note", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *note = NULL, *verb;
	int c, left;

	while ((c = cli_getopt(argc, argv, opts)) != -1) {
		switch (c) {
		case 'n': note = optarg; break;
		case 'h':
			cli_print_usage("opel");
			return SR_OK;
		default:
			return cli_bad_option(err, argc, argv, "opel",
					      opel_args);
		}
	}
	if (optind >= argc)
		return cli_usage(err, "opel", opel_args);
	verb = argv[optind++];
	left = argc - optind;
	if (strcmp(verb, "declare") == 0 && left == 2 && note)
		return opel_declare(cli, argv[optind], argv[optind + 1], note,
				    err);
	if (strcmp(verb, "history") == 0 && left <= 1 && !note)
		return opel_history(cli, left ? argv[optind] : NULL, err);
	return cli_usage(err, "opel", opel_args);
}
