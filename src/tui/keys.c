/* The console's keys: the action table (tui.h ACTION_TABLE) as data, keys
 * to actions, and key names for the help view, the status line and the man
 * page (tools/gen_keys.c). */
#include "tui.h"

#include <stdio.h>
#include <string.h>

#include "sitrep/util.h"

static const struct action_info actions[] = {
#define ACTION_INFO(a, name, key, alt, help) {a, name, key, alt, help},
	ACTION_TABLE(ACTION_INFO)
#undef ACTION_INFO
};

const struct action_info *tui_actions(size_t *n)
{
	*n = ARRAY_SIZE(actions);
	return actions;
}

/* Whether a table entry is a curses key code (KEY_*) or a character: the
 * two share one number space, so a character such as U+0102 must not be
 * taken for KEY_DOWN. */
static bool matches(int entry, int k, bool is_key)
{
	return entry && entry == k && (entry >= KEY_MIN) == is_key;
}

enum action tui_action_for(wint_t ch, bool is_key)
{
	int k = (int)ch;

	if (!is_key && k == '\r')
		k = '\n';
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (matches(actions[i].key, k, is_key) ||
		    matches(actions[i].alt, k, is_key))
			return actions[i].action;
	return ACT_NONE;
}

void tui_key_name(int key, bool roff, char *buf, size_t size)
{
	const char *name;

	if (key == '\n' || key == KEY_ENTER)
		name = "Enter";
	else if (key == '\t')
		name = "Tab";
	else if (key == 27)
		name = "Esc";
	else if (key == ' ')
		name = "Space";
	else if (key > 0 && key < 32) {
		snprintf(buf, size, roff ? "Ctrl\\-%c" : "^%c", key + '@');
		return;
	} else if (key > 32 && key < 127) {
		snprintf(buf, size, "%s%c",
			 roff && (key == '-' || key == '\\') ? "\\" : "", key);
		return;
	} else if (key >= KEY_F(1) && key <= KEY_F(12)) {
		snprintf(buf, size, "F%d", key - KEY_F0);
		return;
	} else {
		switch (key) {
		case KEY_UP: name = "Up"; break;
		case KEY_DOWN: name = "Down"; break;
		case KEY_LEFT: name = "Left"; break;
		case KEY_RIGHT: name = "Right"; break;
		case KEY_PPAGE: name = "PageUp"; break;
		case KEY_NPAGE: name = "PageDown"; break;
		case KEY_HOME: name = "Home"; break;
		case KEY_END: name = "End"; break;
		default: name = "?"; break;
		}
	}
	snprintf(buf, size, "%s", name);
}

void tui_key_label(enum action a, char *buf, size_t size)
{
	char k1[16], k2[16];

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		if (actions[i].action != a)
			continue;
		tui_key_name(actions[i].key, false, k1, sizeof(k1));
		if (actions[i].alt) {
			tui_key_name(actions[i].alt, false, k2, sizeof(k2));
			snprintf(buf, size, "%s%s%s", k1,
				 strcmp(k1, k2) ? "/" : "",
				 strcmp(k1, k2) ? k2 : "");
		} else {
			snprintf(buf, size, "%s", k1);
		}
	}
}
