/* The board pack's delays section (the system's delayed patients and
 * delayed bed days by reason family, by agency and by site and family)
 * and its longest-delayed patients, each with the blockers open at the
 * moment and who owns them. The rest of the page is report_pack.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/util.h"
#include "report_internal.h"
#include "report_pack_internal.h"

/* ---- delays -------------------------------------------------------------*/

/* The reason codes of family fam (FAMILY_COUNT: "none"), as the JSON keys
 * joined by '+': the path's last part, the family's sum. */
static void family_keys(const struct config *cfg, int fam, char *buf,
			size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	if (fam == FAMILY_COUNT) {
		snprintf(buf, size, "none");
		return;
	}
	for (size_t r = 0; r < cfg->ndelay_reasons; r++) {
		if ((int)cfg->delay_reasons[r].family != fam)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 used ? "+" : "",
					 cfg->delay_reasons[r].code);
		if (used >= size)
			break;
	}
}

/* The sum of counts v over family fam's reasons (the last slot: none). */
static long family_sum(const struct config *cfg, int fam, const int *pat,
		       const long *days, bool want_days)
{
	long sum = 0;

	if (fam == FAMILY_COUNT)
		return want_days ? days[cfg->ndelay_reasons] :
				   pat[cfg->ndelay_reasons];
	for (size_t r = 0; r < cfg->ndelay_reasons; r++)
		if ((int)cfg->delay_reasons[r].family == fam)
			sum += want_days ? days[r] : pat[r];
	return sum;
}

static void delays_by_family(FILE *f, const struct pack *p)
{
	const struct config *cfg = p->cfg;
	const struct flow_counts *c = &p->m.total;
	char keys[512], path[640];

	fputs("<table class=\"families\">\n<caption>By reason family (the "
	      "system)</caption>\n<thead><tr><th scope=\"col\">Family</th>"
	      "<th scope=\"col\">Reasons</th><th scope=\"col\">", f);
	pack_html(f, cfg->nctr_label);
	fputs(" patients</th><th scope=\"col\">Delayed bed days MTD</th>"
	      "</tr></thead>\n<tbody>\n", f);
	for (int fam = 0; fam <= FAMILY_COUNT; fam++) {
		bool any = fam == FAMILY_COUNT;

		for (size_t r = 0; !any && r < cfg->ndelay_reasons; r++)
			any = (int)cfg->delay_reasons[r].family == fam;
		if (!any)
			continue;
		family_keys(cfg, fam, keys, sizeof(keys));
		pack_row_head(f, fam == FAMILY_COUNT ? "Not recorded" :
			      blocker_family_label((enum blocker_family)fam));
		fputs("<td class=\"text\">", f);
		if (fam == FAMILY_COUNT)
			fputs("&ndash;", f);
		else
			for (size_t r = 0, n = 0; r < cfg->ndelay_reasons; r++)
				if ((int)cfg->delay_reasons[r].family == fam) {
					fputs(n++ ? ", " : "", f);
					pack_html(f, cfg->delay_reasons[r].code);
				}
		fputs("</td>", f);
		snprintf(path, sizeof(path),
			 "total/delayed_patients_by_reason/%s", keys);
		pack_cell(f, path, (double)family_sum(cfg, fam,
						      c->g2g_by_reason, NULL,
						      false), true);
		snprintf(path, sizeof(path),
			 "dtoc/total/bed_days_mtd_by_reason/%s", keys);
		pack_cell(f, path, (double)family_sum(cfg, fam, NULL,
						      c->dbd_mtd_by_reason,
						      true), true);
		fputs("</tr>\n", f);
	}
	fputs("<tr class=\"sum\"><th scope=\"row\">Total</th><td></td>", f);
	pack_fig_cell(f, "total", c, NULL, "g2g");
	pack_cell(f, "dtoc/total/bed_days_mtd",
		  (double)c->delayed_bed_days_mtd, true);
	fputs("</tr>\n</tbody>\n</table>\n", f);
}

static void delays_by_agency(FILE *f, const struct pack *p)
{
	const struct flow_counts *c = &p->m.total;
	char path[96];

	fputs("<table class=\"agencies\">\n<caption>By responsible agency (the "
	      "system)</caption>\n<thead><tr><th scope=\"col\">Agency</th>"
	      "<th scope=\"col\">", f);
	pack_html(f, p->cfg->nctr_label);
	fputs(" patients</th><th scope=\"col\">Delayed bed days MTD</th>"
	      "</tr></thead>\n<tbody>\n", f);
	for (int a = 0; a <= AGENCY_COUNT; a++) {
		const char *code = a < AGENCY_COUNT ?
					   agency_code((enum agency)a) : "none";

		pack_row_head(f, a < AGENCY_COUNT ?
					 agency_label((enum agency)a) :
					 "Not recorded");
		snprintf(path, sizeof(path),
			 "total/delayed_patients_by_agency/%s", code);
		pack_cell(f, path, c->g2g_by_agency[a], true);
		snprintf(path, sizeof(path),
			 "dtoc/total/bed_days_mtd_by_agency/%s", code);
		pack_cell(f, path, (double)c->dbd_mtd_by_agency[a], true);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

static void delays_by_site(FILE *f, const struct pack *p)
{
	const struct config *cfg = p->cfg;
	char keys[512], path[640];

	fputs("<table class=\"site-families\">\n<caption>Delayed bed days "
	      "month to date by site and reason family</caption>\n<thead><tr>"
	      "<th scope=\"col\">Site</th>", f);
	for (int fam = 0; fam < FAMILY_COUNT; fam++)
		fprintf(f, "<th scope=\"col\">%s</th>",
			blocker_family_label((enum blocker_family)fam));
	fputs("<th scope=\"col\">Not recorded</th><th scope=\"col\">Total"
	      "</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < p->m.nsites; i++) {
		const struct site_metrics *s = &p->m.sites[i];

		fputs("<tr><th scope=\"row\">", f);
		pack_html(f, s->site->code);
		fputs("</th>", f);
		for (int fam = 0; fam <= FAMILY_COUNT; fam++) {
			family_keys(cfg, fam, keys, sizeof(keys));
			snprintf(path, sizeof(path),
				 "dtoc/by_site/%s/bed_days_mtd_by_reason/%s",
				 s->site->code, keys);
			pack_cell(f, keys[0] ? path : NULL,
				  (double)family_sum(cfg, fam, NULL,
						     s->c.dbd_mtd_by_reason,
						     true), true);
		}
		snprintf(path, sizeof(path), "dtoc/by_site/%s/bed_days_mtd",
			 s->site->code);
		pack_cell(f, path, (double)s->c.delayed_bed_days_mtd, true);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

void pack_delays(FILE *f, const struct pack *p)
{
	char title[160];

	snprintf(title, sizeof(title), "Delays: %s patients and delayed bed "
		 "days", p->cfg->nctr_label);
	fputs("<section id=\"delays\" aria-labelledby=\"h-delays\">\n"
	      "<h2 id=\"h-delays\">", f);
	pack_html(f, title);
	fputs("</h2>\n<p>Patients in a bed at the moment who no longer meet "
	      "the criteria to reside, by the reason and agency in force "
	      "then; delayed bed days from the 1st of the month.</p>\n", f);
	delays_by_family(f, p);
	delays_by_agency(f, p);
	delays_by_site(f, p);
	fputs("</section>\n", f);
}

/* ---- patients -----------------------------------------------------------*/

static void put_or_dash(FILE *f, const char *s)
{
	if (s && *s)
		pack_html(f, s);
	else
		fputs("&ndash;", f);
}

static void blockers_of(FILE *f, const struct pack *p, int64_t stay)
{
	size_t n = 0;

	for (size_t i = 0; i < p->nbl; i++) {
		const struct pack_blocker *b = &p->bl[i];
		const struct reason_cfg *r;
		const struct owner_cfg *o;

		if (b->stay != stay)
			continue;
		fputs(n++ ? "<br>" : "", f);
		r = b->code ? config_delay_reason(p->cfg, b->code) : NULL;
		put_or_dash(f, b->code);
		if (r) {
			fputs(" ", f);
			pack_html(f, r->label);
		}
		fputs("; owner ", f);
		o = b->owner ? config_owner(p->cfg, b->owner) : NULL;
		if (o)
			pack_html(f, o->name);
		else
			put_or_dash(f, b->owner);
		if (b->due) {
			char today[DATE_BUF];

			date_format(p->m.day, today);
			fputs("; due ", f);
			pack_html(f, b->due);
			if (strcmp(b->due, today) < 0)
				fputs(" <strong>(overdue)</strong>", f);
		}
	}
	if (!n)
		fputs("none open", f);
}

/* A text cell for each of the stay's fields, in order. */
static void text_cells(FILE *f, const struct stay *s,
		       const enum stay_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("<td class=\"text\">", f);
		put_or_dash(f, s->v[fields[i]]);
		fputs("</td>", f);
	}
}

void pack_patients(FILE *f, const struct pack *p)
{
	static const enum stay_field where[] = {SF_SITE, SF_WARD, SF_G2G_DATE};
	static const enum stay_field why[] = {SF_DELAY_REASON, SF_DELAY_AGENCY,
					      SF_PATHWAY};
	const struct system_metrics *m = &p->m;
	char path[64];

	pack_heading(f, "patients", "Longest-delayed patients");
	fprintf(f, "<p>The %zu patients in a bed at the moment who have no "
		   "longer met the criteria to reside for longest, with the "
		   "blockers open then and who owns them. %s</p>\n",
		m->nlongest, p->o.show_names ? "Names are shown "
		"(--show-names): keep this page as patient-identifiable "
		"data." : "Initials only.");
	if (!m->nlongest) {
		fputs("<p>None.</p>\n</section>\n", f);
		return;
	}
	fputs("<table class=\"patients\">\n<caption>Longest delayed first"
	      "</caption>\n<thead><tr><th scope=\"col\">#</th>"
	      "<th scope=\"col\">Patient</th><th scope=\"col\">Site</th>"
	      "<th scope=\"col\">Ward</th><th scope=\"col\">Ready since</th>"
	      "<th scope=\"col\">Days delayed</th><th scope=\"col\">Length of "
	      "stay</th><th scope=\"col\">Reason</th><th scope=\"col\">Agency"
	      "</th><th scope=\"col\">Pathway</th><th scope=\"col\">Open "
	      "blockers: owner, due</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < m->nlongest; i++) {
		const struct stay *s = &m->longest[i];
		char *who = report_patient(s, p->o.show_names);
		int delay = stay_delay_days(s, m->day);
		int los = stay_los(s, m->day);

		fprintf(f, "<tr><td>%zu</td><td class=\"text\" "
			   "data-figure=\"longest_delayed/%zu/patient\">", i + 1,
			i);
		put_or_dash(f, who);
		free(who);
		fputs("</td>", f);
		text_cells(f, s, where, ARRAY_SIZE(where));
		snprintf(path, sizeof(path), "longest_delayed/%zu/delay_days",
			 i);
		pack_cell(f, path, delay < 0 ? NAN : delay, true);
		snprintf(path, sizeof(path), "longest_delayed/%zu/los", i);
		pack_cell(f, path, los < 0 ? NAN : los, true);
		text_cells(f, s, why, ARRAY_SIZE(why));
		fputs("<td class=\"text\">", f);
		blockers_of(f, p, s->id);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}
