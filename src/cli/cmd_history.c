/* sitrep history: everything that happened to one stay on a time line:
 * its admission, each dated fact (from what to what, when it became true,
 * when and by whom recorded), each red or green mark as recorded, and the
 * changes of its other fields. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "target.h"
#include "sitrep/csv.h"
#include "sitrep/text.h"

enum history_format { HF_TEXT, HF_CSV, HF_JSON };

struct out {
	enum history_format format;
	size_t n;
};

/* An instant as shown: "YYYY-MM-DD HH:MM"; a day as it is. */
static void shown_time(const char *t, char buf[DATETIME_BUF])
{
	snprintf(buf, DATETIME_BUF, "%.16s", t ? t : "");
	if (strlen(buf) > 10)
		buf[10] = ' ';
}

static const char *kind_name(enum history_kind k)
{
	switch (k) {
#define HISTORY_KIND_NAME(e, name) \
	case e:                    \
		return name;
		HISTORY_KIND_TABLE(HISTORY_KIND_NAME)
#undef HISTORY_KIND_NAME
	}
	return "?";
}

static void put_text(const struct history_event *e)
{
	char valid[DATETIME_BUF], rec[DATETIME_BUF];
	size_t w = strlen(e->field);

	shown_time(e->valid_from, valid);
	shown_time(e->recorded_at, rec);
	printf("%-16s  ", valid);
	cli_put_safe(stdout, e->field);
	printf("%*s  ", w < 13 ? (int)(13 - w) : 0, "");
	if (e->kind == HISTORY_ADMITTED) {
		cli_put_safe(stdout, e->new_value);
	} else {
		cli_put_safe(stdout, e->old_value ? e->old_value : "-");
		fputs(" \u2192 ", stdout);
		cli_put_safe(stdout, e->new_value ? e->new_value : "-");
	}
	printf("  recorded %s by ", rec);
	/* The login name comes from $SITREP_USER: printed safely too. */
	cli_put_safe(stdout, e->recorded_by ? e->recorded_by : "?");
	if (e->backdated)
		fputs(" (backdated)", stdout);
	putchar('\n');
}

static void put_csv(const struct history_event *e, size_t n)
{
	if (n == 0) {
		csv_write_bom(stdout);
		fputs("valid_from,kind,field,old_value,new_value,recorded_at,"
		      "recorded_by,backdated", stdout);
		csv_end_record(stdout);
	}
	csv_write_field(stdout, e->valid_from);
	putchar(',');
	csv_write_field(stdout, kind_name(e->kind));
	putchar(',');
	csv_write_field(stdout, e->field);
	putchar(',');
	csv_write_field(stdout, e->old_value);
	putchar(',');
	csv_write_field(stdout, e->new_value);
	putchar(',');
	csv_write_field(stdout, e->recorded_at);
	putchar(',');
	csv_write_field(stdout, e->recorded_by);
	putchar(',');
	csv_write_field(stdout, e->backdated ? "1" : "0");
	csv_end_record(stdout);
}

static void put_json(const struct history_event *e, size_t n)
{
	fputs(n ? ",\n  {" : "  {", stdout);
	fputs("\"valid_from\": ", stdout);
	cli_put_json(stdout, e->valid_from);
	fputs(", \"kind\": ", stdout);
	cli_put_json(stdout, kind_name(e->kind));
	fputs(", \"field\": ", stdout);
	cli_put_json(stdout, e->field);
	fputs(", \"old\": ", stdout);
	cli_put_json(stdout, e->old_value);
	fputs(", \"new\": ", stdout);
	cli_put_json(stdout, e->new_value);
	fputs(", \"recorded_at\": ", stdout);
	cli_put_json(stdout, e->recorded_at);
	fputs(", \"recorded_by\": ", stdout);
	cli_put_json(stdout, e->recorded_by);
	printf(", \"backdated\": %s}", e->backdated ? "true" : "false");
}

static bool put_event(void *ctx, const struct history_event *e)
{
	struct out *o = ctx;

	if (o->format == HF_TEXT)
		put_text(e);
	else if (o->format == HF_CSV)
		put_csv(e, o->n);
	else
		put_json(e, o->n);
	o->n++;
	return true;
}

static enum sr_status cmd_history(struct cli *cli, struct cmd_args *args,
				  struct sr_error *err)
{
	const char *format = cmd_arg(args, "format");
	struct out o = {HF_TEXT, 0};
	struct target t = {0};
	struct edit_ctx ctx;
	struct store *st;
	enum sr_status s;
	int next = 0;

	if (format && strcmp(format, "csv") == 0)
		o.format = HF_CSV;
	else if (format && strcmp(format, "json") == 0)
		o.format = HF_JSON;
	else if (format && strcmp(format, "text") != 0)
		return cmd_usage(err, args->entry, "--format is text, csv or "
				 "json");
	if ((s = target_parse(args, &t, false, err)) != SR_OK)
		return s;
	if (!(st = cli_open_store(cli, STORE_READ_ONLY, err)))
		return err->status;
	edit_ctx_init(&ctx, st, NULL);
	s = target_resolve(&ctx, &t, args, &next, err);
	if (s == SR_OK && next < args->argc)
		s = cmd_usage(err, args->entry, "name one patient, by MRN or "
			      "--stay");
	if (s == SR_OK && o.format == HF_JSON)
		printf("{\"stay\": %lld, \"events\": [\n", (long long)t.stay);
	if (s == SR_OK)
		s = store_stay_history(st, t.stay, put_event, &o, err);
	if (s == SR_OK && o.format == HF_JSON)
		printf("%s]}\n", o.n ? "\n" : "");
	store_close(st);
	return s;
}

/* The target options but --expect-version: history changes nothing. */
static const struct cmd_option options[] = {
	TARGET_OPTIONS,
	{"format", "FORMAT", "text (default), csv or json"},
	{NULL, NULL, NULL},
};

const struct cmd_entry cmd_history_entry = {
	.name = "history",
	.usage = "[--site CODE | --stay ID] [--format text|csv|json] [MRN]",
	.summary = "the history of one stay: every change on a time line",
	.options = options,
	.min_operands = 0,
	.max_operands = 1,
	.exec = cmd_history,
};
