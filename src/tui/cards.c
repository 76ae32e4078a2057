/* Action cards (issue 16): when the board, reloaded, finds a site's or the
 * system's OPEL level (computed or declared) risen since the frame before,
 * the config's action lines for the new level (notify.actions) in a box
 * over the screen, with what rose, until a key is pressed. Nothing when the
 * config gives no actions for the level, nor for a moment gone to: only
 * now against the now before. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config_notify.h"
#include "sitrep/metrics.h"
#include "sitrep/opel.h"
#include "sitrep/util.h"

#define BOX_W 76
#define RISES_MAX 8   /* rises listed; more are counted */

struct rise {
	char who[48];  /* "SFT Salisbury", "System" */
	int from, to;  /* from 0: none declared before */
	bool declared;
};

struct cards {
	struct rise rise[RISES_MAX];
	size_t n;      /* listed */
	size_t more;   /* not listed */
	int level;     /* the card's: the highest level risen to with actions */
};

/* Words for each level, so that a level never rests on colour. */
static const char *const level_words[] = {
	"", "steady state", "moderate pressure", "severe pressure",
	"extreme pressure",
};

static bool has_actions(const struct tui *t, int level)
{
	size_t n;

	config_notify_actions(t->cfg, level, &n);
	return n > 0;
}

static void add_rise(struct tui *t, struct cards *c, const char *who,
		     int from, int to, bool declared)
{
	struct rise *r;

	if (to <= from || to < OPEL_LEVEL_MIN || to > OPEL_LEVEL_MAX)
		return;
	if (has_actions(t, to) && to > c->level)
		c->level = to;
	for (size_t i = 0; i < c->n; i++) {
		r = &c->rise[i];
		if (strcmp(r->who, who) == 0 && r->declared == declared) {
			r->to = to; /* risen again before a key */
			return;
		}
	}
	if (c->n == RISES_MAX) {
		c->more++;
		return;
	}
	r = &c->rise[c->n++];
	strlcpy_ok(r->who, who, sizeof(r->who));
	r->from = from;
	r->to = to;
	r->declared = declared;
}

static const struct site_metrics *site_in(const struct system_metrics *m,
					  const char *code)
{
	for (size_t i = 0; i < m->nsites; i++)
		if (strcmp(m->sites[i].site->code, code) == 0)
			return &m->sites[i];
	return NULL;
}

static void find_rises(struct tui *t, struct cards *c,
		       const struct system_metrics *old,
		       const struct system_metrics *now)
{
	char who[48];

	for (size_t i = 0; i < now->nsites; i++) {
		const struct site_metrics *s = &now->sites[i];
		const struct site_metrics *was = site_in(old, s->site->code);

		if (!was)
			continue;
		snprintf(who, sizeof(who), "%s %s", s->site->code,
			 s->site->name);
		add_rise(t, c, who, was->opel.level, s->opel.level, false);
		add_rise(t, c, who, was->declared, s->declared, true);
	}
	add_rise(t, c, "System", old->level, now->level, false);
	add_rise(t, c, "System", old->declared, now->declared, true);
}

static void draw_frame(int y, int x, int h, int w)
{
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

static void cards_draw(struct view *v, struct tui *t)
{
	struct cards *c = v->state;
	struct view *below = v->below;
	size_t nact, shown_rises = c->n + (c->more > 0);
	char *const *act = config_notify_actions(t->cfg, c->level, &nact);
	int w = t->cols < BOX_W ? t->cols : BOX_W, iw = w - 4;
	int x = (t->cols - w) / 2, h, y, row, last;
	int attr = tui_level_attr(t, c->level) | ATTR_BOLD;
	char line[256];

	/* The view below shows through around the card. */
	if (below && below->ops->draw && below->ops != v->ops)
		below->ops->draw(below, t);
	/* Frame, title, rises, blank, heading, actions, blank, keys. */
	h = 2 + 1 + (int)shown_rises + 1 + 1 + (int)nact + 1 + 1;
	if (h > t->body_rows)
		h = t->body_rows;
	if (h < 5 || w < 20)
		return;
	y = t->body_top + (t->body_rows - h) / 2;
	for (int i = 0; i < h; i++)
		tui_text(t, y + i, x, w, "", ATTR_NORMAL, false);
	draw_frame(y, x, h, w);
	snprintf(line, sizeof(line), " OPEL %d: %s ", c->level,
		 level_words[c->level]);
	tui_text(t, y, x + 2, tui_width(line) < iw ? tui_width(line) : iw,
		 line, attr, false);
	row = y + 1;
	last = y + h - 2;
	v->cursor_y = row;
	v->cursor_x = x + 2;
	tui_text(t, row++, x + 2, iw, "The OPEL level has risen:", ATTR_BOLD,
		 false);
	for (size_t i = 0; i < c->n && row < last; i++) {
		const struct rise *r = &c->rise[i];

		if (r->declared && !r->from)
			snprintf(line, sizeof(line), "  %s: declared OPEL %d "
				 "(none before)", r->who, r->to);
		else
			snprintf(line, sizeof(line), "  %s: %s OPEL %d -> %d",
				 r->who, r->declared ? "declared" : "computed",
				 r->from, r->to);
		tui_text(t, row++, x + 2, iw, line,
			 tui_level_attr(t, r->to), false);
	}
	if (c->more && row < last) {
		snprintf(line, sizeof(line), "  and %zu more", c->more);
		tui_text(t, row++, x + 2, iw, line, ATTR_NORMAL, false);
	}
	if (row < last)
		row++;
	if (row < last) {
		snprintf(line, sizeof(line), "Actions for OPEL %d:", c->level);
		tui_text(t, row++, x + 2, iw, line, attr, false);
	}
	for (size_t i = 0; i < nact && row < last; i++) {
		/* The last row that fits says what did not. */
		if (row == last - 1 && i + 1 < nact) {
			snprintf(line, sizeof(line), "  ... %zu more: a taller "
				 "window shows them", nact - i);
			tui_text(t, row++, x + 2, iw, line, ATTR_NORMAL,
				 false);
			break;
		}
		snprintf(line, sizeof(line), "  - %s", act[i]);
		tui_text(t, row++, x + 2, iw, line, ATTR_NORMAL, false);
	}
	tui_text(t, last, x + 2, iw, "Any key: close", tui_attr(t, ROLE_DIM),
		 false);
}

static int cards_key(struct view *v, struct tui *t, enum action a,
		     wint_t ch)
{
	return TUI_POP;
}

static void cards_close(struct view *v)
{
	free(v->state);
}

static const struct view_ops cards_view = {
	.name = "cards",
	.hint = "OPEL action card: any key closes it",
	.draw = cards_draw,
	.key = cards_key,
	.close = cards_close,
};

void cards_after_reload(struct tui *t, const struct system_metrics *old,
			const struct system_metrics *now)
{
	struct cards found = {0}, *c;

	/* Now against the now before: not a moment gone to, nor the first
	 * frame back from one (t->moment keeps the last gone to). */
	if (!old || t->past || !old->live || !now->live ||
	    (t->moment.at[0] && strcmp(old->moment.at, t->moment.at) == 0))
		return;
	find_rises(t, &found, old, now);
	if (!found.level)
		return;
	/* A card not yet closed takes the new rises. */
	if (t->top && t->top->ops == &cards_view) {
		c = t->top->state;
		for (size_t i = 0; i < found.n; i++)
			add_rise(t, c, found.rise[i].who, found.rise[i].from,
				 found.rise[i].to, found.rise[i].declared);
		c->more += found.more;
		return;
	}
	c = xmalloc(sizeof(*c));
	*c = found;
	tui_push(t, &cards_view, c);
}
