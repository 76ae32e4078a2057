/* Help: every key of the action table, with what it does. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>

#include "sitrep/edit.h"
#include "sitrep/util.h"

struct help {
	size_t top;
};

static enum sr_status help_load(struct view *v, struct tui *t,
				struct sr_error *err)
{
	(void)t;
	(void)err;
	if (!v->state)
		v->state = xcalloc(1, sizeof(struct help));
	return SR_OK;
}

static void help_draw(struct view *v, struct tui *t)
{
	struct help *h = v->state;
	size_t n;
	const struct action_info *a = tui_actions(&n);
	int y = t->body_top;

	struct edit_ctx who;
	char roles[256], line[400];

	/* Who sitrep takes you to be, and what you may do. */
	edit_ctx_init(&who, NULL, t->cfg);
	access_describe(&who.acc, roles, sizeof(roles));
	snprintf(line, sizeof(line), "Keys (q to go back). You are %s: %s",
		 who.by, roles);
	tui_text(t, y++, 0, t->cols, line, tui_attr(t, ROLE_HEADING), false);
	if (h->top >= n)
		h->top = n ? n - 1 : 0;
	for (size_t i = h->top; i < n && y < t->body_top + t->body_rows; i++) {
		char keys[32];

		bool may = tui_role_may(t, a[i].action, NULL, 0);
		char help[256];

		/* Keys the role cannot use: dim, and said in words. */
		snprintf(help, sizeof(help), "%s%s", a[i].help,
			 may ? "" : " (not for your role)");
		tui_key_label(a[i].action, keys, sizeof(keys));
		tui_text(t, y, 2, 14, keys, may ? ATTR_BOLD : ATTR_DIM, false);
		tui_text(t, y, 16, t->cols - 16, help,
			 may ? ATTR_NORMAL : ATTR_DIM, false);
		y++;
	}
	v->cursor_y = t->body_top;
}

static int help_key(struct view *v, struct tui *t, enum action a, wint_t ch)
{
	struct help *h = v->state;

	size_t n, shown = t->body_rows > 1 ? (size_t)t->body_rows - 1 : 1;

	(void)ch;
	tui_actions(&n);
	switch (a) {
	case ACT_HOME:
		h->top = 0;
		return TUI_REDRAW;
	case ACT_END:
		h->top = n > shown ? n - shown : 0;
		return TUI_REDRAW;
	case ACT_NONE:
		return -1;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
		h->top++;
		return TUI_REDRAW;
	case ACT_UP:
	case ACT_PAGE_UP:
		if (h->top)
			h->top--;
		return TUI_REDRAW;
	case ACT_BACK:
	case ACT_HELP:
		return TUI_POP;
	default:
		return 0;
	}
}

static void help_close(struct view *v)
{
	free(v->state);
}

const struct view_ops help_view = {
	.name = "help",
	.load = help_load,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
};
