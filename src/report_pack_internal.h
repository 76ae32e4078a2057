/* Shared by the board pack's files: report_pack.c (reading, the page and
 * its tables), report_pack_sections.c (the delays and the longest-delayed
 * patients) and report_pack_chart.c (the SVG charts). */
#ifndef SITREP_REPORT_PACK_INTERNAL_H
#define SITREP_REPORT_PACK_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/metrics.h"
#include "sitrep/report_pack.h"
#include "sitrep/trend.h"

/* The SPC charts of the headline figures, in the pack's order. */
#define PACK_CHARTS 7

struct pack_chart {
	enum trend_figure fig;
	bool ok;        /* t holds the chart; else why says why not */
	bool last_year; /* limits from last year's periods, charted first */
	char why_no_last_year[SR_ERROR_MAX];
	struct trend t;
	char why[SR_ERROR_MAX];
};

/* A blocker open at the moment, of one of the longest-delayed stays. */
struct pack_blocker {
	int64_t stay;
	char *code, *agency, *owner, *due, *opened_at;
};

struct pack {
	const struct config *cfg;
	struct pack_options o;
	struct system_metrics m;    /* the moment's figures, the report's */
	struct system_metrics then; /* the board's at the end of o.since */
	bool has_then;
	struct pack_blocker *bl;
	size_t nbl, capbl;
	struct pack_chart chart[PACK_CHARTS];
	/* The trajectory chart: the system's delayed bed days of each day
	 * of the month before the moment's day (day 1 first); the moment's
	 * own is the rest of the month to date (m.trajectory.mtd). */
	double *dbd_day;
	size_t ndbd;
};

/* Writes s as HTML text: what a terminal must not receive raw as '?'
 * (report_clean), then & < > " ' as references. */
void pack_html(FILE *f, const char *s);

/* A section's opening: <section id="id"> and its <h2>, title as is. */
void pack_heading(FILE *f, const char *id, const char *title);
/* A table row's opening and its header cell, label as is. */
void pack_row_head(FILE *f, const char *label);
/* A table cell holding a value as the report's JSON has it (a count, or
 * one decimal, or "–" for its null), with its JSON path in data-figure
 * (NULL or "": none). */
void pack_cell(FILE *f, const char *path, double v, bool whole);
/* A figure of counts c (report_cols' group and key) in a cell; prefix is
 * the JSON path of the counts ("total", "sites/ACU", ...; NULL: none). */
void pack_fig_cell(FILE *f, const char *prefix,
		   const struct flow_counts *c, const char *group,
		   const char *key);

/* The page's delays section, and its longest-delayed patients with the
 * blockers open at the moment. */
void pack_delays(FILE *f, const struct pack *p);
void pack_patients(FILE *f, const struct pack *p);

/* The charts, each an <svg role="img"> with a title and a description. */
void pack_svg_trajectory(FILE *f, const struct pack *p);
void pack_svg_spc(FILE *f, const struct pack_chart *c, bool month);
/* The Making Data Count icons of a chart, each an SVG with its words
 * beside it. */
void pack_spc_icons(FILE *f, const struct pack_chart *c);

#endif
