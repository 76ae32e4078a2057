/* The bed state of one site (issue 16): its wards' base, beds closed,
 * escalation beds, available, occupied and free beds at the moment shown,
 * and the closures and escalation beds in force. From here the bed
 * manager closes beds (c), opens escalation beds (e) and ends the
 * selected one (x: beds reopened, escalation beds closed); the board
 * counts the change at once. Opened from the board (B). */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/metrics.h"
#include "sitrep/util.h"

struct state_row {
	int64_t id;
	bool escalation;
	int count;
	char ward[32], reason[32], from[20], to[20];
};

struct beds {
	char site[32];
	bool loaded;
	struct system_metrics m;
	struct state_row *rows;
	size_t n, cap, sel;
};

static bool collect(void *ctx, const struct bed_state *b)
{
	struct beds *v = ctx;
	struct state_row *r;

	v->rows = xgrow(v->rows, &v->cap, v->n + 1, sizeof(*v->rows));
	r = &v->rows[v->n++];
	memset(r, 0, sizeof(*r));
	r->id = b->id;
	r->escalation = b->escalation;
	r->count = b->count;
	strlcpy_ok(r->ward, b->ward ? b->ward : "(site)", sizeof(r->ward));
	strlcpy_ok(r->reason, b->reason ? b->reason : "-", sizeof(r->reason));
	snprintf(r->from, sizeof(r->from), "%.16s", b->from);
	snprintf(r->to, sizeof(r->to), "%.16s", b->to ? b->to : "");
	r->from[10] = ' ';
	if (r->to[0])
		r->to[10] = ' ';
	return true;
}

static enum sr_status beds_load(struct view *vw, struct tui *t,
				struct sr_error *err)
{
	struct beds *v = vw->state;
	struct sr_moment mo;
	enum sr_status s;

	if (v->loaded)
		metrics_free(&v->m);
	v->loaded = false;
	v->n = 0;
	tui_moment(t, &mo);
	if ((s = store_read_begin(t->st, err)) != SR_OK)
		return s;
	s = metrics_compute_at(t->st, t->cfg, &mo, v->site, &v->m, err);
	if (s == SR_OK) {
		v->loaded = true;
		s = store_bed_states(t->st, mo.at,
				     mo.known[0] ? mo.known : NULL, v->site, 0,
				     collect, v, err);
	}
	store_read_end(t->st);
	if (v->sel >= v->n)
		v->sel = v->n ? v->n - 1 : 0;
	return s;
}

static void put_row(struct tui *t, int y, const char *name, int base,
		    int closed, int escalation, int occupied, int attr)
{
	char line[160];
	int available = base - closed + escalation;

	snprintf(line, sizeof(line), "%-10.10s %6d %7d %6d %6d %6d %6d", name,
		 base, closed, escalation, available, occupied,
		 available - occupied);
	tui_text(t, y, 0, t->cols, line,
		 available - occupied < 0 ? tui_attr(t, ROLE_CROSSED) : attr,
		 false);
}

static void beds_draw(struct view *vw, struct tui *t)
{
	struct beds *v = vw->state;
	int y = t->body_top, last = t->body_top + t->body_rows;
	char line[256], when[32];
	const struct site_metrics *sm;

	vw->cursor_y = y;
	vw->cursor_x = 0;
	if (!v->loaded || !v->m.nsites)
		return;
	sm = &v->m.sites[0];
	metrics_moment_short(&v->m, when, sizeof(when));
	snprintf(line, sizeof(line), "Beds  %s  %s  %s", sm->site->code,
		 sm->site->name, when);
	tui_text(t, y++, 0, t->cols, line, ATTR_BOLD, false);
	tui_text(t, y++, 0, t->cols, "Ward         Base  Closed  Escal  Avail"
		 "    Occ   Free", tui_attr(t, ROLE_HEADING), false);
	put_row(t, y++, sm->site->code, sm->c.beds, sm->c.closed,
		sm->c.escalation, sm->c.occupied, ATTR_BOLD);
	for (size_t i = 0; i < sm->nwards && y < last - 3; i++) {
		const struct ward_beds *w = &sm->wards[i];

		put_row(t, y++, w->ward->code, w->beds, w->closed,
			w->escalation, w->occupied, ATTR_NORMAL);
	}
	if (y < last - 1) {
		y++;
		tui_text(t, y++, 0, t->cols, v->n ? "In force (x ends the "
			 "selected one)" : "No beds closed and no escalation "
			 "beds open", tui_attr(t, ROLE_HEADING), false);
	}
	for (size_t i = 0; i < v->n && y < last; i++, y++) {
		const struct state_row *r = &v->rows[i];
		bool sel = i == v->sel;

		snprintf(line, sizeof(line), "#%-5lld %-8s %4d %-10s %-10s "
			 "from %s%s%s", (long long)r->id, r->ward, r->count,
			 r->escalation ? "escalation" : "closed", r->reason,
			 r->from, r->to[0] ? " to " : "", r->to);
		tui_text(t, y, 0, t->cols, line,
			 sel ? tui_attr(t, ROLE_SELECTED) : ATTR_NORMAL, true);
		if (sel) {
			vw->cursor_y = y;
			vw->cursor_x = 0;
		}
	}
}

/* Asks the questions of a change and records it. */
static int change(struct tui *t, struct beds *v, bool escalation)
{
	char ward[64] = "", count[16] = "", reason[64] = "", q[200];
	char list[160] = "";
	struct edit_beds in = {.site = v->site, .escalation = escalation};
	struct sr_error err;
	struct edit_ctx ctx;
	int64_t id;

	if (tui_read_only(t))
		return TUI_REDRAW;
	for (size_t i = 0, at = 0; i < t->cfg->nbed_reasons; i++) {
		int w = snprintf(list + at, sizeof(list) - at, "%s%s",
				 i ? ", " : "", t->cfg->bed_reasons[i].code);

		if (w < 0 || (size_t)w >= sizeof(list) - at)
			break;
		at += (size_t)w;
	}
	snprintf(q, sizeof(q), "%s at %s: ward (Enter: the site as a whole):",
		 escalation ? "open escalation beds" : "close beds", v->site);
	if (!tui_prompt(t, q, ward, sizeof(ward)))
		return TUI_REDRAW;
	if (!tui_prompt(t, "how many beds:", count, sizeof(count)))
		return TUI_REDRAW;
	snprintf(q, sizeof(q), "reason (%s)%s:", list,
		 escalation ? ", Enter: none" : "");
	if (!tui_prompt(t, q, reason, sizeof(reason)))
		return TUI_REDRAW;
	in.ward = ward[strspn(ward, " ")] ? ward : NULL;
	in.count = count;
	in.reason = reason;
	edit_ctx_init(&ctx, t->st, t->cfg);
	if (edit_beds_add(&ctx, &in, &id, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	tui_message(t, false, "#%lld: %s beds %s", (long long)id, count,
		    escalation ? "of escalation open" : "closed");
	return TUI_RELOAD;
}

static int end_selected(struct tui *t, struct beds *v)
{
	char answer[8] = "", q[120];
	const struct state_row *r;
	struct sr_error err;
	struct edit_ctx ctx;

	if (tui_read_only(t))
		return TUI_REDRAW;
	if (!v->n) {
		tui_message(t, true, "nothing to end");
		return TUI_REDRAW;
	}
	r = &v->rows[v->sel];
	snprintf(q, sizeof(q), "%s #%lld (%d beds, %s) now? y/n:",
		 r->escalation ? "close escalation beds" : "reopen beds",
		 (long long)r->id, r->count, r->ward);
	if (!tui_prompt(t, q, answer, sizeof(answer)) ||
	    (answer[0] != 'y' && answer[0] != 'Y'))
		return TUI_REDRAW;
	edit_ctx_init(&ctx, t->st, t->cfg);
	if (edit_beds_end(&ctx, r->id, NULL, &err) != SR_OK) {
		tui_message(t, true, "%s", err.msg);
		return TUI_REDRAW;
	}
	tui_message(t, false, "#%lld ended", (long long)r->id);
	return TUI_RELOAD;
}

static int beds_key(struct view *vw, struct tui *t, enum action a, wint_t ch)
{
	struct beds *v = vw->state;

	switch (a) {
	case ACT_NONE:
		if (ch == 'c')
			return change(t, v, false);
		if (ch == 'e')
			return change(t, v, true);
		if (ch == 'x')
			return end_selected(t, v);
		return -1;
	case ACT_UP:
		if (v->sel)
			v->sel--;
		return TUI_REDRAW;
	case ACT_DOWN:
		if (v->sel + 1 < v->n)
			v->sel++;
		return TUI_REDRAW;
	case ACT_BACK:
	case ACT_BEDS:
		return TUI_POP;
	default:
		return 0;
	}
}

static void beds_close(struct view *vw)
{
	struct beds *v = vw->state;

	if (!v)
		return;
	if (v->loaded)
		metrics_free(&v->m);
	free(v->rows);
	free(v);
}

static const struct view_ops beds_view = {
	.name = "beds",
	.hint = "c close beds  e escalation beds  x end selected  j/k select  "
		"q back",
	.hint_needs = (const struct tui_hint_need[]){
		{"c close beds", AA_BEDS},
		{"e escalation beds", AA_BEDS},
		{"x end selected", AA_BEDS},
		{NULL, AA_READ},
	},
	.load = beds_load,
	.draw = beds_draw,
	.key = beds_key,
	.close = beds_close,
};

enum sr_status beds_view_open(struct tui *t, const char *site)
{
	struct beds *v = xcalloc(1, sizeof(*v));

	strlcpy_ok(v->site, site, sizeof(v->site));
	return tui_push(t, &beds_view, v);
}
