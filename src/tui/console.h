/* The console's entry point, for the command line: no curses here, so only
 * files under src/tui/ see curses.h. */
#ifndef SITREP_TUI_CONSOLE_H
#define SITREP_TUI_CONSOLE_H

#include "sitrep/config.h"
#include "sitrep/error.h"
#include "sitrep/store.h"

/* Runs the console until the user quits or a signal arrives; restores the
 * terminal on every path. Refused without a terminal. */
enum sr_status tui_run(struct store *st, const struct config *cfg,
		       struct sr_error *err);

#endif
