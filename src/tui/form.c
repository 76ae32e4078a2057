/* The edit form of one stay, on screen: the fields a ward coordinator
 * keeps current, today's red or green day and the discharge, one per row
 * with changed ones marked '*' and a problem shown under its field; keys to
 * move, type (dates as 2026-11-24, +2, tomorrow, mon), cycle the configured
 * choices and save; the questions before leaving or discharging; and the
 * dialog that settles a conflict with someone else's save. The values and
 * the saving live in form_save.c. */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/metrics.h"
#include "sitrep/util.h"

#define LABEL_W 20

/* ---- editing -----------------------------------------------------------*/

/* Notes keep their line breaks in the one-line prompt as a visible mark
 * (three bytes for one). */
static void note_to_prompt(const char *in, char *out, size_t size)
{
	size_t o = 0, n;

	for (; in && *in; in += n) {
		unsigned char c = (unsigned char)*in;

		/* A whole character or none: never half of one. */
		n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (strnlen(in, n) < n)
			n = 1;
		if (*in == '\r')
			continue;
		if (o + (*in == '\n' ? 3 : n) >= size)
			break;
		if (*in == '\n') {
			memcpy(out + o, "\u21b5", 3);
			o += 3;
		} else {
			memcpy(out + o, in, n);
			o += n;
		}
	}
	out[o] = '\0';
}

static void note_from_prompt(char *s)
{
	char *p;

	while ((p = strstr(s, "\u21b5"))) {
		*p = '\n';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
}

/* The prompt's room for field f in bytes, with its terminating NUL: the
 * field's limit, and for a note two more bytes for each line break it has
 * now (shown as a three-byte mark). */
static size_t prompt_size(const struct form *fm, int f)
{
	size_t max = stay_field_max(form_fields[f].sf), breaks = 0;

	if (!max)
		return 128;
	for (const char *p = fm->val[f]; f == FF_NOTE && p && *p; p++)
		breaks += *p == '\n';
	return max + 2 * breaks + 1;
}

static int edit_field(struct tui *t, struct form *fm, int f)
{
	size_t size = prompt_size(fm, f);
	char *buf = xmalloc(size), question[160];
	sr_minute m;

	if (form_fields[f].kind == K_DATETIME && fm->val[f] &&
	    datetime_parse(fm->val[f], &m)) {
		char d[DATETIME_BUF];

		datetime_format(m, d);
		d[10] = ' ';
		snprintf(buf, size, "%s", d);
	} else if (f == FF_NOTE) {
		note_to_prompt(fm->val[f], buf, size);
	} else {
		snprintf(buf, size, "%s", fm->val[f] ? fm->val[f] : "");
	}
	snprintf(question, sizeof(question), "%s%s%s%s:", form_fields[f].label,
		 form_fields[f].hint[0] ? " (" : "", form_fields[f].hint,
		 form_fields[f].hint[0] ? ")" : "");
	if (tui_prompt(t, question, buf, size)) {
		if (f == FF_NOTE)
			note_from_prompt(buf);
		form_take_input(t, fm, f, buf);
	}
	free(buf);
	return TUI_REDRAW;
}

/* The choices of a choice field, "" (none) first. */
static size_t choices(const struct tui *t, const struct form *fm, int f,
		      const char **out, size_t max)
{
	const struct site_cfg *sc = config_site(t->cfg, fm->base.v[SF_SITE]);
	size_t n = 0;

	out[n++] = "";
	for (size_t i = 0; n < max; i++) {
		const char *c = NULL;

		if (f == FF_PATHWAY && i < PATHWAY_COUNT)
			c = pathway_name((enum pathway)i);
		else if (f == FF_REASON && i < t->cfg->ndelay_reasons)
			c = t->cfg->delay_reasons[i].code;
		else if (f == FF_AGENCY && i < AGENCY_COUNT)
			c = agency_code((enum agency)i);
		else if (f == FF_WARD && sc && i < sc->nwards)
			c = sc->wards[i].code;
		else if (f == FF_MARK && i < DAY_MARK_COUNT)
			c = day_mark_name((enum day_mark)i);
		else if (f == FF_RED_REASON && i < t->cfg->nred_reasons)
			c = t->cfg->red_reasons[i].code;
		else if (f == FF_EDD_STATUS && i < EDD_STATUS_COUNT)
			c = edd_status_name((enum edd_status)i);
		else if (f == FF_SOURCE && i < SOURCE_COUNT)
			c = source_name((enum admission_source)i);
		if (!c)
			break;
		out[n++] = c;
	}
	return n;
}

static int cycle(struct tui *t, struct form *fm, int f, int step)
{
	const char *list[256];
	size_t n, i;
	sr_day d;

	if (form_fields[f].kind == K_DATE) {
		char buf[DATE_BUF];

		if (!fm->val[f] || !date_parse(fm->val[f], &d))
			d = t->today;
		else
			d += step;
		date_format(d, buf);
		form_take_input(t, fm, f, buf);
		return TUI_REDRAW;
	}
	if (form_fields[f].kind != K_CHOICE) {
		tui_message(t, false, "Enter to type the %s",
			    form_fields[f].kind == K_DATETIME ?
				    "date and time" :
							   "text");
		return TUI_REDRAW;
	}
	n = choices(t, fm, f, list, ARRAY_SIZE(list));
	for (i = 0; i < n; i++)
		if (form_same(list[i][0] ? list[i] : NULL, fm->val[f]))
			break;
	if (i == n)
		i = 0;
	else
		i = step < 0 ? (i + n - 1) % n : (i + 1) % n;
	form_take_input(t, fm, f, list[i]);
	return TUI_REDRAW;
}

/* ---- drawing -----------------------------------------------------------*/

static void relative_day(sr_day d, sr_day today, char *buf, size_t size)
{
	static const char *const wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri",
					 "Sat", "Sun"};
	int diff = (int)(d - today);

	if (diff == 0)
		snprintf(buf, size, "%s, today", wd[date_weekday(d)]);
	else if (diff == 1)
		snprintf(buf, size, "%s, tomorrow", wd[date_weekday(d)]);
	else if (diff == -1)
		snprintf(buf, size, "%s, yesterday", wd[date_weekday(d)]);
	else if (diff > 0)
		snprintf(buf, size, "%s, in %d days", wd[date_weekday(d)],
			 diff);
	else
		snprintf(buf, size, "%s, %d days ago", wd[date_weekday(d)],
			 -diff);
}

/* A value as the form shows it: codes with their labels, dates with the
 * weekday and how far off they are. */
static void show_value(const struct tui *t, const struct form *fm, int f,
		       const char *v, char *buf, size_t size)
{
	const struct site_cfg *sc = config_site(t->cfg, fm->base.v[SF_SITE]);
	const struct ward_cfg *wc;
	const struct reason_cfg *rc;
	char rel[48];
	enum agency ag;
	enum pathway pw;
	sr_day d;

	if (!v) {
		snprintf(buf, size, "%s", f == FF_MARK ? "not marked" :
					  f == FF_FROM ? "now" : "-");
		return;
	}
	switch (f) {
	case FF_EDD:
	case FF_G2G:
		if (!date_parse(v, &d))
			break;
		relative_day(d, t->today, rel, sizeof(rel));
		snprintf(buf, size, "%s  %s%s", v, rel,
			 f == FF_EDD && d < t->today ? "  PASSED" : "");
		return;
	case FF_PATHWAY:
		if (pathway_parse(v, &pw))
			snprintf(buf, size, "%s  %s", v, pathway_label(pw));
		else
			break;
		return;
	case FF_REASON:
		if (!(rc = config_delay_reason(t->cfg, v)))
			break;
		snprintf(buf, size, "%s  %s", rc->code, rc->label);
		return;
	case FF_RED_REASON:
		if (!(rc = config_red_reason(t->cfg, v)))
			break;
		snprintf(buf, size, "%s  %s", rc->code, rc->label);
		return;
	case FF_AGENCY:
		if (!agency_parse(v, &ag))
			break;
		snprintf(buf, size, "%s  %s", agency_code(ag),
			 agency_label(ag));
		return;
	case FF_WARD:
		if (!sc || !(wc = config_ward(sc, v)))
			break;
		snprintf(buf, size, "%s  %s", wc->code, wc->name);
		return;
	case FF_DISCHARGED:
		snprintf(buf, size, "%.10s %s", v,
			 strlen(v) > 11 ? v + 11 : "");
		return;
	case FF_FROM:
		snprintf(buf, size, "%.10s %.5s  the changes above took "
			 "effect then", v, strlen(v) > 11 ? v + 11 : "");
		return;
	case FF_NOTE:
		note_to_prompt(v, buf, size);
		return;
	default:
		break;
	}
	snprintf(buf, size, "%s", v);
}

static void draw_top(struct tui *t, struct form *fm, int y, int rows)
{
	const struct stay *s = &fm->base;
	char name[160], nhs[32], mrn[64], line[512];
	int los = stay_los(s, t->today);

	tui_patient_name(t, s->v[SF_FAMILY_NAME], s->v[SF_GIVEN_NAME], name,
			 sizeof(name));
	tui_nhs_number(t, s->v[SF_NHS_NUMBER], nhs, sizeof(nhs));
	tui_mrn(t, s->v[SF_MRN], mrn, sizeof(mrn));
	snprintf(line, sizeof(line), "Edit  %s  MRN %s  NHS %s", name, mrn,
		 nhs[0] ? nhs : "-");
	tui_text(t, y, 0, t->cols, line, ATTR_BOLD, false);
	if (rows < 2)
		return;
	snprintf(line, sizeof(line), "%s  admitted %.10s %s  LOS %d%s  "
		 "version %lld", s->v[SF_SITE], s->v[SF_ADMITTED_AT],
		 strlen(s->v[SF_ADMITTED_AT]) > 11 ? s->v[SF_ADMITTED_AT] + 11 :
						     "", los,
		 los >= t->cfg->super_stranded_days ? " super-stranded" :
		 los >= t->cfg->stranded_days ? " stranded" : "",
		 (long long)s->version);
	tui_text(t, y + 1, 0, t->cols, line, tui_attr(t, ROLE_DIM), false);
	if (rows < 3)
		return;
	if (fm->err_field < 0 && fm->err[0])
		tui_text(t, y + 2, 0, t->cols, fm->err, tui_attr(t, ROLE_ERROR),
			 false);
	else if (fm->stored_version && fm->mode != M_CONFLICT)
		tui_text(t, y + 2, 0, t->cols, "someone else saved this "
			 "patient since you opened it: saving will ask whose "
			 "values to keep", tui_attr(t, ROLE_ERROR), false);
}

static void draw_field(struct tui *t, struct view *v, struct form *fm, int f,
		       int y)
{
	bool sel = f == fm->sel;
	int attr = sel ? tui_attr(t, ROLE_SELECTED) : ATTR_NORMAL;
	int vattr = attr;
	char buf[1100];

	show_value(t, fm, f, fm->val[f], buf, sizeof(buf));
	/* Said in words, not only by a colour. */
	if (f == FF_AREA && metrics_out_of_area(t->cfg, fm->val[f])) {
		size_t used = strlen(buf);

		snprintf(buf + used, sizeof(buf) - used, "  (out of area)");
	}
	if (!fm->val[f] && !sel)
		vattr = tui_attr(t, ROLE_DIM);
	else if (f == FF_MARK && !sel)
		vattr = tui_attr(t, form_same(fm->val[f], "red") ?
					    ROLE_RED_DAY :
							      ROLE_GREEN_DAY);
	tui_text(t, y, 0, 2, form_modified(fm, f) ? "* " : "  ",
		 attr | ATTR_BOLD,
		 false);
	tui_text(t, y, 2, LABEL_W, form_fields[f].label, attr, false);
	tui_text(t, y, 2 + LABEL_W, t->cols - 2 - LABEL_W, buf, vattr, false);
	if (sel) {
		v->cursor_y = y;
		v->cursor_x = 2 + LABEL_W;
	}
}

/* The fields, scrolled to keep the selection (and its error) in view. */
static void draw_fields(struct tui *t, struct view *v, struct form *fm,
			int y, int rows)
{
	int need;

	if (fm->sel < fm->top)
		fm->top = fm->sel;
	for (;;) {
		need = fm->sel - fm->top + 1;
		if (fm->err_field >= fm->top && fm->err_field <= fm->sel)
			need++;
		if (need <= rows || fm->top >= fm->sel)
			break;
		fm->top++;
	}
	for (int f = fm->top; f < FF_COUNT && rows > 0; f++, rows--) {
		draw_field(t, v, fm, f, y++);
		if (f == fm->err_field && rows > 1) {
			char line[SR_ERROR_MAX + 8];

			snprintf(line, sizeof(line), "    ^ %s", fm->err);
			tui_text(t, y++, 0, t->cols, line,
				 tui_attr(t, ROLE_ERROR), false);
			rows--;
		}
	}
}

/* One changed field of the dialog: whose value wins, then both values, on
 * three lines, or one when the screen is short. */
static int draw_choice(struct tui *t, struct view *v, struct form *fm, int f,
		       int y, bool tall)
{
	bool sel = f == fm->csel;
	int attr = sel ? tui_attr(t, ROLE_SELECTED) : ATTR_NORMAL;
	char line[2400], mine[1100], their[1100];

	show_value(t, fm, f, fm->their[f], their, sizeof(their));
	show_value(t, fm, f, fm->val[f], mine, sizeof(mine));
	if (sel) {
		v->cursor_y = y;
		v->cursor_x = 1;
	}
	if (!tall) {
		snprintf(line, sizeof(line), "[%s] %s: theirs: %s / yours: %s",
			 fm->mine[f] ? "mine" : "theirs", form_fields[f].label,
			 their, mine);
		tui_text(t, y, 0, t->cols, line, attr, false);
		return 1;
	}
	snprintf(line, sizeof(line), "[%s] %s",
		 fm->mine[f] ? "apply mine " : "keep theirs",
		 form_fields[f].label);
	tui_text(t, y, 0, t->cols, line, attr | ATTR_BOLD, false);
	snprintf(line, sizeof(line), "      theirs: %s%s", their,
		 form_same(fm->their[f], fm->orig[f]) ? "  (as you found it)" :
							  "");
	tui_text(t, y + 1, 0, t->cols, line,
		 fm->mine[f] ? tui_attr(t, ROLE_DIM) : ATTR_NORMAL, false);
	snprintf(line, sizeof(line), "      yours:  %s", mine);
	tui_text(t, y + 2, 0, t->cols, line,
		 fm->mine[f] ? ATTR_NORMAL : tui_attr(t, ROLE_DIM), false);
	return 3;
}

/* What the other save changed that the user did not: one line a field,
 * "their value (was what you loaded)", and that the patient has left; at
 * most max lines. Returns the lines drawn. */
static int draw_their_changes(struct tui *t, struct form *fm, int y, int max)
{
	enum stay_field other[SF_COUNT];
	size_t nother = form_other_changes(fm, other, SF_COUNT);
	char line[2400], their[1100], was[1100];
	int used = 0;

	if (form_left_meanwhile(fm) && used < max) {
		const char *at = fm->theirs.v[SF_DISCHARGED_AT];
		const char *to = fm->theirs.v[SF_DESTINATION];

		snprintf(line, sizeof(line), "THE PATIENT HAS LEFT: discharged "
			 "%.10s %s%s%s. Saving your changes asks first.", at,
			 strlen(at) > 11 ? at + 11 : "", to ? " to " : "",
			 to ? to : "");
		tui_text(t, y + used++, 0, t->cols, line,
			 tui_attr(t, ROLE_ERROR) | ATTR_BOLD, false);
	}
	for (int f = 0; f < FF_COUNT && used < max; f++) {
		if (!fm->theirs_only[f])
			continue;
		show_value(t, fm, f, fm->their[f], their, sizeof(their));
		show_value(t, fm, f, fm->orig[f], was, sizeof(was));
		snprintf(line, sizeof(line), "[theirs]    %s: %s  (was %s)",
			 form_fields[f].label, their, was);
		tui_text(t, y + used++, 0, t->cols, line, ATTR_NORMAL, false);
	}
	for (size_t i = 0; i < nother && used < max; i++) {
		enum stay_field sf = other[i];

		/* A name or NHS number is not repeated here: privacy mode
		 * masks them, and this line would not. */
		if (stay_field_identifies(sf))
			snprintf(line, sizeof(line), "[theirs]    %s changed",
				 stay_field_name(sf));
		else
			snprintf(line, sizeof(line), "[theirs]    %s: %s  "
				 "(was %s)", stay_field_name(sf),
				 fm->theirs.v[sf] ? fm->theirs.v[sf] : "-",
				 fm->base.v[sf] ? fm->base.v[sf] : "-");
		tui_text(t, y + used++, 0, t->cols, line, ATTR_NORMAL, false);
	}
	return used;
}

static void draw_conflict(struct tui *t, struct view *v, struct form *fm,
			  int y, int rows)
{
	int end = y + rows - (rows > 3), n = 0, before = 0;
	char line[256];
	bool tall;

	if (fm->their_by[0])
		snprintf(line, sizeof(line), "%s saved this patient at %s "
			 "(version %lld) meanwhile:",
			 fm->their_by, fm->their_at,
			 (long long)fm->theirs.version);
	else
		snprintf(line, sizeof(line), "Someone else saved this patient "
			 "(version %lld) meanwhile:",
			 (long long)fm->theirs.version);
	tui_text(t, y++, 0, t->cols, line, tui_attr(t, ROLE_ERROR), false);
	/* Their changes first, in up to half the room: the user's choices
	 * need the rest. */
	y += draw_their_changes(t, fm, y, (end - y) / 2);
	for (int f = 0; f < FF_COUNT; f++) {
		n += fm->listed[f];
		before += fm->listed[f] && f < fm->csel;
	}
	/* Three lines a field when they fit; else one, but three for the
	 * selected field, scrolled into view. */
	tall = 3 * n <= end - y;
	if (!tall && before > end - y - 3)
		before -= end - y - 3 > 0 ? end - y - 3 : 0;
	else
		before = 0;
	for (int f = 0; f < FF_COUNT && y < end; f++) {
		if (!fm->listed[f])
			continue;
		if (before > 0) {
			before--;
			continue;
		}
		y += draw_choice(t, v, fm, f, y,
				 tall || (f == fm->csel && y + 3 <= end));
	}
	if (rows > 3)
		tui_text(t, end, 0, t->cols, "<- -> choose  t all theirs  "
			 "m all mine  Enter or ^S save  Esc back to the form",
			 tui_attr(t, ROLE_DIM), false);
}

static void form_draw(struct view *v, struct tui *t)
{
	struct form *fm = v->state;
	int y = t->body_top, rows = t->body_rows;
	int top_rows = rows >= 14 ? 3 : rows >= 8 ? 2 : 1;
	char q[400], name[160];

	draw_top(t, fm, y, top_rows);
	y += top_rows;
	rows -= top_rows;
	if (fm->mode == M_CONFLICT) {
		draw_conflict(t, v, fm, y, rows);
		return;
	}
	if (rows > 3) {
		rows--;
		if (fm->mode == M_ASK_SAVE) {
			snprintf(q, sizeof(q), "Save your changes? y: save  "
				 "n: discard  Esc: keep editing");
		} else if (fm->mode == M_ASK_DISCHARGE) {
			tui_patient_name(t, fm->base.v[SF_FAMILY_NAME],
					 fm->base.v[SF_GIVEN_NAME], name,
					 sizeof(name));
			snprintf(q, sizeof(q), "Discharge %s at %.10s %s%s%s? "
				 "(y/n)", name, fm->val[FF_DISCHARGED],
				 fm->val[FF_DISCHARGED] + 11,
				 fm->val[FF_DESTINATION] ? " to " : "",
				 fm->val[FF_DESTINATION] ?
					 fm->val[FF_DESTINATION] : "");
		} else if (fm->mode == M_ASK_LEFT) {
			snprintf(q, sizeof(q), "This patient has left "
				 "(discharged %.10s %s). Save your changes to "
				 "the discharged stay? y: save  N: back",
				 fm->base.v[SF_DISCHARGED_AT],
				 fm->base.v[SF_DISCHARGED_AT] + 11);
		} else {
			snprintf(q, sizeof(q), "Enter edit  <- -> change  "
				 "^S/F2 save  H history  q back");
		}
		tui_text(t, y + rows, 0, t->cols, q,
			 fm->mode == M_EDIT ? tui_attr(t, ROLE_DIM) :
					      tui_attr(t, ROLE_STATUS) |
						      ATTR_BOLD, false);
	}
	draw_fields(t, v, fm, y, rows);
}

/* ---- keys ----------------------------------------------------------------*/

static int conflict_key(struct tui *t, struct form *fm, enum action a,
			wint_t ch)
{
	int step = a == ACT_UP ? -1 : 1;

	if (a == ACT_NONE) {
		if (ch == 't' || ch == 'm')
			for (int f = 0; f < FF_COUNT; f++)
				fm->mine[f] = ch == 'm';
		else if (ch == ' ' && fm->csel >= 0)
			fm->mine[fm->csel] = !fm->mine[fm->csel];
		else
			return -1;
		return TUI_REDRAW;
	}
	switch (a) {
	case ACT_UP:
	case ACT_DOWN:
		for (int f = fm->csel + step; f >= 0 && f < FF_COUNT;
		     f += step)
			if (fm->listed[f]) {
				fm->csel = f;
				break;
			}
		return TUI_REDRAW;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (fm->csel >= 0)
			fm->mine[fm->csel] = !fm->mine[fm->csel];
		return TUI_REDRAW;
	case ACT_OPEN:
	case ACT_SAVE:
		form_resolve(fm);
		return form_save(t, fm);
	case ACT_BACK:
		form_resolve(fm);
		form_check(t, fm);
		tui_message(t, false, "not saved yet: the form holds their "
			    "version with your changes marked *");
		return TUI_REDRAW;
	default:
		return 0;
	}
}

/* "This patient has left: save onto the discharged stay? (y/N)": only y
 * saves; any other key goes back to the form with nothing saved. */
static int ask_left_key(struct tui *t, struct form *fm, enum action a,
			wint_t ch)
{
	if (a == ACT_NONE && (ch == 'y' || ch == 'Y')) {
		fm->left_ok = true;
		return form_save(t, fm);
	}
	fm->mode = M_EDIT;
	fm->quit_after = false;
	tui_message(t, false, "not saved: the patient has left (your changes "
		    "are still in the form)");
	return TUI_REDRAW;
}

static int ask_key(struct tui *t, struct form *fm, enum action a, wint_t ch)
{
	bool yes = a == ACT_SAVE || (a == ACT_NONE && (ch == 'y' || ch == 'Y'));
	bool no = a == ACT_NONE && (ch == 'n' || ch == 'N');

	if (!yes && !no && a != ACT_BACK)
		return 0; /* swallow other keys */
	if (yes) {
		if (fm->mode == M_ASK_DISCHARGE)
			fm->discharge_ok = true;
		return form_save(t, fm);
	}
	if (no && fm->mode == M_ASK_SAVE)
		return fm->quit_after ? TUI_QUIT : TUI_POP;
	/* n to a discharge, or Esc / q: back to editing. */
	fm->mode = M_EDIT;
	fm->quit_after = false;
	tui_message(t, false, "not saved");
	return TUI_REDRAW;
}

static int form_key(struct view *v, struct tui *t, enum action a, wint_t ch)
{
	struct form *fm = v->state;

	if (fm->mode == M_CONFLICT)
		return conflict_key(t, fm, a, ch);
	if (fm->mode == M_ASK_LEFT)
		return ask_left_key(t, fm, a, ch);
	if (fm->mode != M_EDIT)
		return ask_key(t, fm, a, ch);
	switch (a) {
	case ACT_NONE:
		/* Q would leave the console at once: ask first. */
		if (tui_action_for(ch, false) == ACT_QUIT &&
		    form_any_modified(fm)) {
			fm->quit_after = true;
			fm->mode = M_ASK_SAVE;
			tui_message(t, false, "save your changes? (y/n/esc)");
			return TUI_REDRAW;
		}
		return -1;
	case ACT_UP:
		fm->sel = fm->sel > 0 ? fm->sel - 1 : 0;
		return TUI_REDRAW;
	case ACT_DOWN:
		fm->sel = fm->sel + 1 < FF_COUNT ? fm->sel + 1 : FF_COUNT - 1;
		return TUI_REDRAW;
	case ACT_HOME:
	case ACT_PAGE_UP:
		fm->sel = 0;
		return TUI_REDRAW;
	case ACT_END:
	case ACT_PAGE_DOWN:
		fm->sel = FF_COUNT - 1;
		return TUI_REDRAW;
	case ACT_LEFT:
	case ACT_RIGHT:
		return cycle(t, fm, fm->sel, a == ACT_LEFT ? -1 : 1);
	case ACT_OPEN:
	case ACT_EDIT:
		return edit_field(t, fm, fm->sel);
	case ACT_SAVE:
		return form_save(t, fm);
	case ACT_HISTORY:
		history_view_open(t, fm->id);
		return TUI_REDRAW;
	case ACT_BACK:
		if (!form_any_modified(fm))
			return TUI_POP;
		fm->mode = M_ASK_SAVE;
		tui_message(t, false, "save your changes? (y/n/esc)");
		return TUI_REDRAW;
	default:
		return 0;
	}
}

static int form_click(struct view *v, struct tui *t, int y, int x)
{
	struct form *fm = v->state;
	int top_rows = t->body_rows >= 14 ? 3 : t->body_rows >= 8 ? 2 : 1;
	int row = y - t->body_top - top_rows;

	(void)x;
	if (fm->mode != M_EDIT || row < 0)
		return 0;
	/* Rows below the error line are one further down. */
	for (int f = fm->top; f < FF_COUNT; f++, row--) {
		if (row == 0) {
			fm->sel = f;
			return TUI_REDRAW;
		}
		if (f == fm->err_field && --row == 0)
			return 0;
	}
	return 0;
}

static bool form_unsaved(struct view *v)
{
	return v->state && form_any_modified(v->state);
}

static void form_close(struct view *v)
{
	struct form *fm = v->state;

	if (!fm)
		return;
	for (int f = 0; f < FF_COUNT; f++) {
		free(fm->orig[f]);
		free(fm->val[f]);
		free(fm->their[f]);
	}
	free(fm->kept_red_reason);
	stay_clear(&fm->base);
	stay_clear(&fm->theirs);
	free(fm);
}

static const struct view_ops form_view = {
	.name = "form",
	.load = form_load,
	.draw = form_draw,
	.key = form_key,
	.click = form_click,
	.unsaved = form_unsaved,
	.close = form_close,
};

enum sr_status form_view_open(struct tui *t, int64_t stay_id)
{
	struct form *fm = xcalloc(1, sizeof(*fm));

	fm->id = stay_id;
	fm->err_field = -1;
	return tui_push(t, &form_view, fm);
}
