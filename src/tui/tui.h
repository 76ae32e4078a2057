/* The console: shared state, the view interface, the action table and the
 * drawing helpers every view uses. Only files under src/tui/ include
 * curses.h; views talk to the store through the library's modules. */
#ifndef SITREP_TUI_H
#define SITREP_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <curses.h>
#include <wchar.h>

#include "sitrep/access.h"
#include "sitrep/config.h"
#include "sitrep/date.h"
#include "sitrep/error.h"
#include "sitrep/store.h"
#include "console.h"

/* Keys: X(action, name, key, alternative key, help). The key map, the help
 * view and the man page's key table all come from here. */
#define KEY_CTRL(c) ((c) & 0x1f)
#define ACTION_TABLE(X)                                                       \
	X(ACT_UP, "up", KEY_UP, 'k', "move up")                              \
	X(ACT_DOWN, "down", KEY_DOWN, 'j', "move down")                      \
	X(ACT_LEFT, "left", KEY_LEFT, 'h', "previous column or choice")      \
	X(ACT_RIGHT, "right", KEY_RIGHT, 'l', "next column or choice")       \
	X(ACT_PAGE_UP, "page-up", KEY_PPAGE, KEY_CTRL('b'), "page up")       \
	X(ACT_PAGE_DOWN, "page-down", KEY_NPAGE, KEY_CTRL('f'), "page down") \
	X(ACT_HOME, "first", KEY_HOME, 'g', "first row")                     \
	X(ACT_END, "last", KEY_END, 'G', "last row")                         \
	X(ACT_OPEN, "open", '\n', KEY_ENTER, "open the selected row")        \
	X(ACT_BACK, "back", 'q', 27, "back; on the board, quit")             \
	X(ACT_QUIT, "quit", 'Q', 0, "quit sitrep")                           \
	X(ACT_HELP, "help", '?', KEY_F(1), "this help")                      \
	X(ACT_NEXT_VIEW, "next-view", '\t', 0,                               \
	  "next view: board, DTOC review")                                    \
	X(ACT_SEARCH, "search", '/', 0,                                       \
	  "search by words of the name, MRN or NHS number; on the board, "  \
	  "every site")                                                      \
	X(ACT_FILTER, "filter", 'f', 0,                                       \
	  "filter: all, stranded, super-stranded, delayed (G2G), no EDD, "    \
	  "EDD passed")                                                        \
	X(ACT_SORT, "sort", 's', 0, "sort: LOS, delay days, EDD, ward")       \
	X(ACT_EDIT, "edit", 'e', 0, "edit the selected patient")             \
	X(ACT_HISTORY, "history", 'H', 0,                                     \
	  "history of the selected patient: every change on a time line")    \
	X(ACT_MARK_GREEN, "mark-green", 'y', 0,                               \
	  "today green for the selected patient (yes: moved on)")             \
	X(ACT_MARK_RED, "mark-red", 'n', 0,                                   \
	  "today red for the selected patient (no): asks only why")           \
	X(ACT_MARK_CLEAR, "mark-clear", 'x', 0,                               \
	  "clear today's red or green mark of the selected patient")          \
	X(ACT_SAVE, "save", KEY_CTRL('s'), KEY_F(2), "save the form")        \
	X(ACT_DECLARE, "declare", 'o', 0,                                     \
	  "declare the selected site's OPEL level; there e enters a figure " \
	  "sitrep cannot compute (ED, ambulance)")                           \
	X(ACT_DTOC, "dtoc", 'd', 0, "delayed transfers of care review")      \
	X(ACT_TRENDS, "trends", 'T', 0,                                       \
	  "SPC trends of the selected site or the system: Left/Right "       \
	  "figure, b day/week/month, a against last year, i imported")       \
	X(ACT_CALL, "call", 'c', 0,                                           \
	  "the daily call: who to discuss, what changed since the last; "   \
	  "there space next, b new blocker, c close, O reopen, a assign, "    \
	  "u due, v changes, f owner")                                        \
	X(ACT_PRIVACY, "privacy", 'p', 0,                                     \
	  "privacy mode: initials, masked MRNs and NHS numbers")              \
	X(ACT_REFRESH, "refresh", KEY_CTRL('l'), 'r', "reload and redraw")  \
	X(ACT_GOTO, "go-to", 't', 0,                                          \
	  "go to a date or time, read-only; t, Enter: back to now")          \
	X(ACT_BEDS, "beds", 'B', 0,                                           \
	  "bed state: free beds by ward; there c close, e escalate, x end")

enum action {
	ACT_NONE,
#define ACTION_ENUM(a, name, key, alt, help) a,
	ACTION_TABLE(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *name;
	int key, alt;
	const char *help;
};
const struct action_info *tui_actions(size_t *n);
/* The access action (sitrep/access.h) a key's action needs whatever the
 * site, or -1 when it needs none beyond reading; and whether the user's
 * roles allow it somewhere (why: the refusal, when not). */
int tui_action_access(enum action a);
struct tui;
bool tui_role_may(const struct tui *t, enum action a, char *why,
		  size_t size);
/* The action bound to a key (from wget_wch: is_key for KEY_* codes). */
enum action tui_action_for(wint_t ch, bool is_key);
/* A key's name: "Up", "^S", "F2", "Enter"; roff escapes it for the man
 * page. */
void tui_key_name(int key, bool roff, char *buf, size_t size);
/* "j/Down" style label of an action's keys, for help and hints. */
void tui_key_label(enum action a, char *buf, size_t size);

/* Escape sequences curses did not decode (Home as ESC[1~ and F1 as ESC[11~
 * under TERM=xterm-256color, as PuTTY and tmux send them): seq holds the n
 * bytes read so far after the ESC. TUI_ESC_MORE: a sequence not yet
 * complete; TUI_ESC_KEY: *key is the KEY_* code it stands for;
 * TUI_ESC_UNKNOWN: not one we know (or Alt with a key), to be ignored. */
enum tui_esc { TUI_ESC_MORE, TUI_ESC_KEY, TUI_ESC_UNKNOWN };
#define TUI_ESC_MAX 32 /* longer sequences are not keys */
enum tui_esc tui_escape_decode(const unsigned char *seq, size_t n, int *key);

/* Colour roles: X(role, foreground, background, colour attributes,
 * monochrome attributes). A level is never shown by colour alone: views
 * also print its digit. */
#define ROLE_TABLE(X)                                                        \
	X(ROLE_NORMAL, -1, -1, 0, 0)                                         \
	X(ROLE_TITLE, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD)   \
	X(ROLE_HEADING, COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE)        \
	X(ROLE_SELECTED, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE)              \
	X(ROLE_STATUS, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE)               \
	X(ROLE_DIM, COLOR_WHITE, -1, A_DIM, A_DIM)                           \
	X(ROLE_OPEL1, COLOR_GREEN, -1, 0, 0)                                 \
	X(ROLE_OPEL2, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                      \
	X(ROLE_OPEL3, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE)           \
	X(ROLE_OPEL4, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)    \
	X(ROLE_CROSSED, COLOR_RED, -1, A_BOLD, A_BOLD)                       \
	X(ROLE_ERROR, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)    \
	X(ROLE_OK, COLOR_GREEN, -1, A_BOLD, A_BOLD)                          \
	X(ROLE_PRIVACY, COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD) \
	X(ROLE_RED_DAY, COLOR_RED, -1, 0, A_BOLD)                            \
	X(ROLE_GREEN_DAY, COLOR_GREEN, -1, 0, 0)                             \
	X(ROLE_IMPROVE, COLOR_CYAN, -1, A_BOLD, A_BOLD)                      \
	X(ROLE_CONCERN, COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE)

enum role {
#define ROLE_ENUM(r, fg, bg, attr, mono) r,
	ROLE_TABLE(ROLE_ENUM)
#undef ROLE_ENUM
	ROLE_COUNT
};

/* curses attributes are unsigned; views combine them as int. */
#define ATTR_BOLD ((int)A_BOLD)
#define ATTR_NORMAL ((int)A_NORMAL)
#define ATTR_DIM ((int)A_DIM)

/* What a key handler asks the loop to do next. */
enum {
	TUI_REDRAW = 1 << 0, /* draw again from state */
	TUI_RELOAD = 1 << 1, /* fetch from the store, then draw */
	TUI_POP = 1 << 2,    /* close this view, back to the one below */
	TUI_QUIT = 1 << 3,   /* leave the console */
};

struct tui;
struct view;

/* A part of a view's hint (the text between two spaces) for a key that
 * takes an action of the access table: the status line leaves it out
 * when the user's roles cannot take the action anywhere. */
struct tui_hint_need {
	const char *part;
	enum access_action need;
};

struct view_ops {
	const char *name;
	/* The keys worth knowing here, for the status line (optional):
	 * parts "KEY what" with two spaces between; hint_needs (ending
	 * with a NULL part; optional) names the parts a role may lack. */
	const char *hint;
	const struct tui_hint_need *hint_needs;
	/* Fetches what the view shows from the store (never holding a
	 * transaction open afterwards). */
	enum sr_status (*load)(struct view *v, struct tui *t,
			       struct sr_error *err);
	/* Draws the whole view from its state into the body rows
	 * [t->body_top, t->body_top + t->body_rows). */
	void (*draw)(struct view *v, struct tui *t);
	/* Handles an action and returns TUI_* flags. Plain characters come
	 * first with ACT_NONE (for views that take text): return -1 to let
	 * the character's action, if any, follow. */
	int (*key)(struct view *v, struct tui *t, enum action a, wint_t ch);
	/* A mouse click at screen row y, column x (optional). */
	int (*click)(struct view *v, struct tui *t, int y, int x);
	/* Whether the view holds changes not saved yet (optional): ^C then
	 * asks before it ends the console. */
	bool (*unsaved)(struct view *v);
	/* Work left for after the view is on screen (optional), done before
	 * the console waits for the next key: true when the view must be
	 * drawn again. What the user came for is drawn first. */
	bool (*idle)(struct view *v, struct tui *t);
	void (*close)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	void *state;
	struct view *below;
	/* Where the hardware cursor goes after drawing (the selected row),
	 * so screen readers follow the selection; -1: leave it. */
	int cursor_y, cursor_x;
};

struct tui {
	struct store *st;
	const struct config *cfg;
	struct view *top;
	int rows, cols;
	int body_top, body_rows; /* between the title and the status line */
	bool colour;   /* colours in use (not NO_COLOR, terminal has them) */
	bool privacy;  /* presentation mode: initials, masked NHS numbers */
	bool privacy_locked; /* the user's role may not see identifiers */
	struct access acc;   /* what the login user may do (edit layer's) */
	bool utf8;     /* the user's terminal takes UTF-8 (block characters) */
	sr_day today;
	long long data_version; /* to notice other users' changes */
	char message[256];      /* one-line message in the status line */
	bool message_error;
	int tab_index;          /* which top-level view Tab shows next */
	/* The daily call's patients discussed today (call.c), this session. */
	int64_t *call_done;
	size_t ncall_done, capcall_done;
	sr_day call_day;
	bool quitting;          /* the user said yes to ending on ^C */
	/* Patient lists: filter and sort kept for the session, shared by
	 * every list; the reason of the last red day marked from a list. */
	enum list_filter list_filter;
	enum list_sort list_sort;
	char last_red_reason[64];
	/* An earlier moment gone to (goto.c): every view shows it, and
	 * nothing can be changed, until the user comes back to now. */
	bool past;
	struct sr_moment moment;
};

/* The moment the views show (goto.c): the one gone to, else now (today's
 * figures are live); and its day. */
void tui_moment(const struct tui *t, struct sr_moment *m);
sr_day tui_day(const struct tui *t);
/* "END OF 2 DEC" or "AT 03/12 08:00" (with the year when not this one):
 * the moment gone to, for the title. */
void tui_moment_label(const struct tui *t, char *buf, size_t size);
/* True (with a message in the status line) when the console shows an
 * earlier moment: changes are refused there. */
bool tui_read_only(struct tui *t);
/* Asks for a date or time and shows it read-only, or now again (the go-to
 * key). Returns TUI_* flags. */
int tui_goto(struct tui *t);
/* Every view on the stack fetches again (the moment changed). */
void tui_reload_all(struct tui *t);

/* Views stack: push a new view on top (loading it); pop the top one. */
enum sr_status tui_push(struct tui *t, const struct view_ops *ops,
			void *state);
void tui_message(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Drawing helpers. */
int tui_attr(const struct tui *t, enum role r);
int tui_level_attr(const struct tui *t, int level);
/* Writes UTF-8 text at (y, x) in exactly width columns: control and
 * invalid characters shown as '?', cut with '~' when too wide, padded with
 * spaces (right-aligned when align_right). Returns columns written. */
int tui_text(struct tui *t, int y, int x, int width, const char *s, int attr,
	     bool align_right);
/* Display width of UTF-8 text (control and invalid characters count 1). */
int tui_width(const char *s);
/* n values as a one-line sparkline from (y, x), scaled between lo and hi
 * (block characters, or _.-=# without UTF-8), the last in bold. */
void tui_sparkline(struct tui *t, int y, int x, const long *v, int n, long lo,
		   long hi);
/* Fills a row from x to the right edge with spaces in attr. */
void tui_fill(struct tui *t, int y, int x, int attr);
/* A patient's name as the screen shows it: "FAMILY, Given", or initials
 * in privacy mode. */
void tui_patient_name(const struct tui *t, const char *family,
		      const char *given, char *buf, size_t size);
/* An NHS number as "943 476 5919", masked in privacy mode. */
void tui_nhs_number(const struct tui *t, const char *digits, char *buf,
		    size_t size);
/* An MRN as it is, or one '*' a character in privacy mode. */
void tui_mrn(const struct tui *t, const char *mrn, char *buf, size_t size);
/* Reads a key like get_wch (ERR on the poll timeout), noticing a terminal
 * that has gone away; tui_interrupted() then says the console must end. */
int tui_get_key(wint_t *ch);
bool tui_interrupted(void);
/* After a signal: whether the console must end. SIGTERM and SIGHUP end
 * it; so does ^C (SIGINT), unless a view holds unsaved changes (or typed:
 * a prompt over such a view holds typed text): then it asks in the status
 * line, and a no clears the signal so that editing goes on. */
bool tui_must_end(struct tui *t, bool typed);
/* Draws the whole screen again from the views' state at the terminal's
 * size now (a prompt then draws itself over the status line). */
void tui_redraw(struct tui *t);
/* A one-line prompt in the status line; returns false if cancelled (also
 * when a signal arrives: the caller's loop then ends the console).
 * buf holds the initial text and receives the answer (UTF-8). */
bool tui_prompt(struct tui *t, const char *question, char *buf, size_t size);
/* tui_prompt, where Up brings recall (the last answer, say) back into the
 * prompt to be changed; NULL or "" for nothing to recall. */
bool tui_prompt_recall(struct tui *t, const char *question, char *buf,
		       size_t size, const char *recall);

/* Top-level views. */
extern const struct view_ops board_view;
extern const struct view_ops dtoc_view;
extern const struct view_ops help_view;
/* A patient list of a site (and ward, or NULL for all wards). */
enum sr_status list_view_open(struct tui *t, const char *site,
			      const char *ward);
/* The patients of every site that a search finds, with their site. */
enum sr_status list_view_search(struct tui *t, const char *search);

/* Marks day (YYYY-MM-DD) of stay id colour ("red", "green"; NULL clears) with reason,
 * if its mark is still seen (as the caller showed it, "" for none); says
 * what happened in the status line. Returns TUI_* flags (marks.c). */
int tui_mark_today(struct tui *t, int64_t id, const char *day,
		   const char *seen,
		   const char *colour, const char *reason);
/* Asks why from the red-day reasons (the patient's last one offered), then
 * marks day of stay id red as tui_mark_today does. */
int tui_mark_red(struct tui *t, int64_t id, const char *day,
		 const char *seen);
/* The edit form of a stay. */
enum sr_status form_view_open(struct tui *t, int64_t stay_id);
/* The history of a stay: every change on a time line (history.c). */
enum sr_status history_view_open(struct tui *t, int64_t stay_id);
/* The daily call (call.c): the agenda and, from it, what changed since
 * the last call. */
enum sr_status call_view_open(struct tui *t);
extern const struct view_ops call_view;
extern const struct view_ops call_changes_view;
/* The SPC trends of a site (NULL: the system), trends.c. */
enum sr_status trends_view_open(struct tui *t, const char *site);
/* The bed state of site (beds.c). */
enum sr_status beds_view_open(struct tui *t, const char *site);
/* The OPEL declaration dialog for a site (or STORE_SYSTEM). */
enum sr_status declare_view_open(struct tui *t, const char *site);
/* The action card (cards.c): called by the board with the figures of
 * the frame before (NULL: none) and those just read; when a site's or the
 * system's level has risen and the config has actions for the new level,
 * shows them over the screen until a key is pressed. */
struct system_metrics;
void cards_after_reload(struct tui *t, const struct system_metrics *old,
			const struct system_metrics *now);

#endif
