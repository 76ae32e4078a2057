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

/* ---- escape sequences curses did not decode ---------------------------*/

/* CSI n ~ (VT220 and PuTTY keys, tmux's Home and End): n to the key. */
static int tilde_key(int n)
{
	switch (n) {
	case 1: case 7: return KEY_HOME; /* 7, 8: rxvt */
	case 4: case 8: return KEY_END;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	case 11: case 12: case 13: case 14: case 15:
		return KEY_F(n - 10);
	case 17: case 18: case 19: case 20: case 21:
		return KEY_F(n - 11);
	case 23: case 24:
		return KEY_F(n - 12);
	default:
		return 0;
	}
}

/* The final letter of CSI or SS3 (xterm's cursor, Home, End and F1-F4,
 * in normal or application mode). */
static int letter_key(unsigned char c, bool ss3)
{
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case 'P': return KEY_F(1);
	case 'Q': return KEY_F(2);
	case 'R': return KEY_F(3);
	case 'S': return KEY_F(4);
	case 'Z': return ss3 ? 0 : KEY_BTAB;
	case 'M': return ss3 ? KEY_ENTER : 0; /* keypad Enter */
	default: return 0;
	}
}

enum tui_esc tui_escape_decode(const unsigned char *seq, size_t n, int *key)
{
	bool ss3;
	size_t i;
	int p1 = -1;
	unsigned char fin;

	*key = 0;
	if (n == 0)
		return TUI_ESC_MORE;
	if (seq[0] != '[' && seq[0] != 'O')
		return TUI_ESC_UNKNOWN; /* Alt with a key */
	if (n > TUI_ESC_MAX)
		return TUI_ESC_UNKNOWN;
	ss3 = seq[0] == 'O';
	/* An X10 mouse report the terminal sent undecoded: ESC [ M and
	 * three bytes, taken whole and ignored. */
	if (!ss3 && n >= 2 && seq[1] == 'M')
		return n < 5 ? TUI_ESC_MORE : TUI_ESC_UNKNOWN;
	/* Parameters (0x30-0x3f), intermediates (0x20-0x2f), one final
	 * byte (0x40-0x7e). */
	for (i = 1; i < n && seq[i] >= 0x20 && seq[i] <= 0x3f; i++)
		;
	if (i == n)
		return TUI_ESC_MORE;
	fin = seq[i];
	if (fin < 0x40 || fin > 0x7e || i + 1 != n)
		return TUI_ESC_UNKNOWN;
	/* The first parameter; a private one (<, =, >, ?) is no key. */
	if (i > 1) {
		if (seq[1] < '0' || seq[1] > ';')
			return TUI_ESC_UNKNOWN;
		p1 = 0;
		for (size_t j = 1; j < i && seq[j] >= '0' && seq[j] <= '9';
		     j++)
			p1 = p1 < 1000 ? p1 * 10 + (seq[j] - '0') : p1;
		for (size_t j = 1; j < i; j++)
			if (seq[j] < '0' || seq[j] > ';')
				return TUI_ESC_UNKNOWN;
	}
	if (fin == '~' && !ss3)
		*key = tilde_key(p1);
	else if (p1 <= 1) /* "1;5" and the like: the key with a modifier */
		*key = letter_key(fin, ss3);
	return *key ? TUI_ESC_KEY : TUI_ESC_UNKNOWN;
}
