/* The board pack (sitrep pack): one self-contained HTML page for the A&E
 * delivery board, for a day or a month. Inline CSS and SVG, no script, no
 * network; printable on A4 landscape, a section a page. It holds the
 * system summary (OPEL, beds, NCTR, delayed bed days against the
 * trajectory as a chart, the changes since an earlier day), every board
 * figure per site, NCTR and delayed bed days by reason family and agency,
 * the SPC charts of the headline figures (the trend and spc modules'
 * output, drawn as SVG), the longest-delayed patients with their open
 * blockers and owners, and the definition of every figure.
 *
 * Every figure is the report's (report_cols, metrics): each cell carries
 * data-figure="PATH", the path of the same value in `sitrep report
 * --format json` (doc/report-json.md), so a browser test can hold the page
 * against the report. The same data and moment give the same bytes: the
 * page holds no clock time but the moment's. */
#ifndef SITREP_REPORT_PACK_H
#define SITREP_REPORT_PACK_H

#include <stdbool.h>
#include <stdio.h>

#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

struct pack_options {
	bool month;      /* a month's pack: charts by month, not by week */
	sr_day since;    /* the changes since the end of this day */
	bool show_names; /* names and MRNs; else initials only */
	const char *version; /* sitrep's, shown on the page */
};

struct pack;

/* Reads what the pack for moment mo shows, in one read snapshot. A chart
 * that cannot be drawn (too little data) is not an error: the page says
 * why in its place. The caller frees with pack_free. */
enum sr_status pack_read(struct store *st, const struct config *cfg,
			 const struct sr_moment *mo,
			 const struct pack_options *o, struct pack **out,
			 struct sr_error *err);
/* Writes the page. Returns false if writing failed. */
bool pack_write(FILE *out, const struct pack *p);
void pack_free(struct pack *p);

#endif
