/* sitrep check-config: validate a config file and print its summary. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "sitrep/config_notify.h"
#include "sitrep/util.h"

static void print_thresholds(const struct opel_kind_cfg *k)
{
	int any = 0;

	printf("    rule %s", opel_rule_name(k->rule));
	if (k->rule == OPEL_RULE_WEIGHTED)
		printf(" (score bands %g, %g, %g)", k->bands[0], k->bands[1],
		       k->bands[2]);
	if (k->rule == OPEL_RULE_POINTS)
		printf(" (score levels %g, %g, %g)", k->levels[0],
		       k->levels[1], k->levels[2]);
	putchar('\n');
	for (size_t i = 0; i < k->nparams; i++) {
		const struct opel_param_cfg *p = &k->params[i];

		printf("    %-22s %s, points", p->name, p->input ? "input" :
		       opel_metric_name(p->metric));
		for (size_t b = 0; b < p->nbands; b++)
			printf(" %g:%g", p->bands[b].from, p->bands[b].points);
		if (p->weight != 1)
			printf(" (weight %g)", p->weight);
		if (p->max_age_hours > 0)
			printf(", unknown after %g h", p->max_age_hours);
		putchar('\n');
	}
	for (int m = 0; m < METRIC_COUNT; m++) {
		const struct metric_threshold *t = &k->metric[m];

		if (!t->enabled)
			continue;
		any = 1;
		printf("    %-22s level 2 at %g, 3 at %g, 4 at %g", 
		       opel_metric_name((enum opel_metric)m), t->at[0],
		       t->at[1], t->at[2]);
		if (k->rule == OPEL_RULE_WEIGHTED)
			printf(" (weight %g)", t->weight);
		putchar('\n');
	}
	if (!any)
		puts("    no metrics: sites of this kind stay at level 1");
}

/* A trajectory's points, one a line, under its title ("none" without). */
static void print_trajectory(const char *title,
			     const struct trajectory_point *p, size_t n,
			     const char *indent)
{
	if (!n) {
		printf("%s: none\n", title);
		return;
	}
	printf("%s (delayed bed days per month):\n", title);
	for (size_t i = 0; i < n; i++) {
		int y, m, d;

		date_to_ymd(p[i].from, &y, &m, &d);
		printf("%s  from %04d-%02d  %d\n", indent, y, m, p[i].bed_days);
	}
}

/* The blocker vocabulary, owners, escalation and the daily call. */
static void print_blockers(const struct config *cfg)
{
	static const char *const vocab[] = {
#define VOCAB_LABEL(e, name, label) label,
		VOCABULARY_TABLE(VOCAB_LABEL)
#undef VOCAB_LABEL
	};
	size_t per[FAMILY_COUNT] = {0}, teams = 0;

	printf("delay reasons: %zu (%s); red-day reasons: %zu\n",
	       cfg->ndelay_reasons,
	       cfg->own_vocabulary ? "the config's own" :
				     vocab[cfg->vocabulary],
	       cfg->nred_reasons);
	for (size_t i = 0; i < cfg->ndelay_reasons; i++)
		per[cfg->delay_reasons[i].family]++;
	fputs("  by family:", stdout);
	for (int f = 0; f < FAMILY_COUNT; f++)
		printf("%s %s %zu", f ? "," : "",
		       blocker_family_name((enum blocker_family)f), per[f]);
	putchar('\n');
	for (size_t i = 0; i < cfg->nowners; i++)
		teams += cfg->owners[i].team;
	printf("owners: %zu (%zu team%s, %zu person%s)\n", cfg->nowners,
	       teams, teams == 1 ? "" : "s", cfg->nowners - teams,
	       cfg->nowners - teams == 1 ? "" : "s");
	if (!cfg->nroles)
		puts("escalation: none");
	for (size_t r = 0; r < cfg->nroles; r++) {
		printf("%s", r ? "  " : "escalation:\n  ");
		cli_put_safe(stdout, cfg->roles[r]);
		fputs(":", stdout);
		for (size_t i = 0, n = 0; i < cfg->nescalations; i++) {
			const struct escalation_cfg *e = &cfg->escalations[i];

			if (e->role != r)
				continue;
			printf("%s %s >= %d", n++ ? "," : "",
			       e->on == ESCALATE_DELAY_DAYS ? "delayed" :
							      "overdue",
			       e->at);
		}
		puts(" days");
	}
	printf("daily call: %02d:%02d; a patient who no longer meets the "
	       "criteria to reside: ", cfg->call_minute / 60,
	       cfg->call_minute % 60);
	cli_put_safe(stdout, cfg->nctr_label);
	putchar('\n');
}

/* Notifications (sitrep watch) and action cards. */
static void print_notify(const struct notify_cfg *n)
{
	if (!n) {
		puts("notify: none");
		return;
	}
	printf("notify: %zu command%s, %zu threshold%s; %d attempts in "
	       "all, %d s apart\n", n->ncommands,
	       n->ncommands == 1 ? "" : "s", n->nthresholds,
	       n->nthresholds == 1 ? "" : "s", n->attempts, n->after_seconds);
	for (int e = 0; e < NOTIFY_EVENT_COUNT; e++) {
		printf("  %s:", notify_event_name((enum notify_event)e));
		for (size_t i = 0; i < n->non[e]; i++)
			printf(" %s", n->commands[n->on[e][i]].name);
		puts(n->non[e] ? "" : " nobody");
	}
	printf("  action cards:");
	for (int l = 2; l < NOTIFY_LEVELS; l++)
		if (n->nactions[l])
			printf(" OPEL %d (%zu line%s)", l, n->nactions[l],
			       n->nactions[l] == 1 ? "" : "s");
	puts(n->nactions[2] || n->nactions[3] || n->nactions[4] ? "" :
	     " none");
}

static void print_summary(const struct config *cfg)
{
	int total = 0;

	printf("system: %s\n", cfg->system_name);
	printf("sites: %zu\n", cfg->nsites);
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		int n = 0, beds = 0;

		for (size_t i = 0; i < cfg->nsites; i++)
			if ((int)cfg->sites[i].kind == k) {
				n++;
				beds += cfg->sites[i].beds;
			}
		if (!n)
			continue;
		printf("  %s: %d site%s, %d beds\n",
		       site_kind_label((enum site_kind)k), n, n == 1 ? "" : "s",
		       beds);
		for (size_t i = 0; i < cfg->nsites; i++) {
			const struct site_cfg *s = &cfg->sites[i];

			if ((int)s->kind != k)
				continue;
			printf("    %-8s %-44s %5d beds, %zu ward%s\n", s->code,
			       s->name, s->beds, s->nwards,
			       s->nwards == 1 ? "" : "s");
		}
		total += beds;
	}
	printf("beds: %d\n", total);
	printf("stranded: length of stay >= %d days; super-stranded >= %d\n",
	       cfg->stranded_days, cfg->super_stranded_days);
	printf("discharges before midday target: %g%%\n",
	       cfg->midday_target_pct);
	print_blockers(cfg);
	printf("import --discharge-missing: refused past %g%% of a site's "
	       "patients in a bed, unless --force\n",
	       cfg->discharge_missing_max_pct);
	puts("OPEL thresholds:");
	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		printf("  %s\n", site_kind_label((enum site_kind)k));
		print_thresholds(&cfg->opel.kind[k]);
	}
	if (cfg->opel.scoring == SYSTEM_SCORING_SCORES)
		printf("  system level: the pillars' scores (weights acute %g, "
		       "community %g, mental health %g) at levels %g, %g, "
		       "%g\n", cfg->opel.system_weight[SITE_ACUTE],
		       cfg->opel.system_weight[SITE_COMMUNITY],
		       cfg->opel.system_weight[SITE_MENTAL_HEALTH],
		       cfg->opel.system_levels[0], cfg->opel.system_levels[1],
		       cfg->opel.system_levels[2]);
	else
		printf("  system level: %s\n",
		       cfg->opel.system_rule == SYSTEM_RULE_BEDS_WEIGHTED ?
			       "beds-weighted mean of site levels" :
			       "highest site level");
	print_trajectory("DTOC trajectory", cfg->trajectory,
			 cfg->ntrajectory, "");
	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *s = &cfg->sites[i];
		char *what;

		if (!s->ntrajectory)
			continue;
		what = xasprintf("  %s's own trajectory", s->code);
		print_trajectory(what, s->trajectory, s->ntrajectory, "  ");
		free(what);
	}
	print_notify(cfg->notify);
}

static enum sr_status cmd_check_config(struct cli *cli,
				       struct cmd_args *args,
				       struct sr_error *err)
{
	struct config *cfg;
	char *path;

	/* A file named is that file (read with the user's own rights under
	 * a setgid install), else the config sitrep would use. */
	path = args->argc ? xstrdup(args->argv[0]) :
			    config_find(cli->config_opt, err);
	if (!path)
		return err->status;
	cfg = config_load(path, err);
	if (cfg) {
		printf("%s: ok\n", path);
		print_summary(cfg);
		config_free(cfg);
	}
	free(path);
	return cfg ? SR_OK : err->status;
}

static const struct cmd_option options[] = {{NULL, NULL, NULL}};

const struct cmd_entry cmd_check_config_entry = {
	.name = "check-config",
	.usage = "[FILE]",
	.summary = "validate a config file and print its summary",
	.options = options,
	.min_operands = 0,
	.max_operands = 1,
	.exec = cmd_check_config,
};
