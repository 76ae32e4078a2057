/* Prints the console's key table (src/tui/tui.h ACTION_TABLE) as roff, for
 * the KEYS section of man/sitrep.1: the key map, the help view and the man
 * page all come from the one table. tests/cli/test_keys.sh checks that the
 * man page holds exactly this. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

int main(void)
{
	size_t n;
	const struct action_info *a = tui_actions(&n);

	puts(".\\\" Generated from ACTION_TABLE by tools/gen_keys.c: do not edit.");
	for (size_t i = 0; i < n; i++) {
		char k1[32], k2[32];

		tui_key_name(a[i].key, true, k1, sizeof(k1));
		puts(".TP");
		if (a[i].alt)
			tui_key_name(a[i].alt, true, k2, sizeof(k2));
		if (a[i].alt && strcmp(k1, k2) != 0) {
			printf(".BR \"%s\" \", \" \"%s\"\n", k1, k2);
		} else {
			printf(".B \"%s\"\n", k1);
		}
		printf("%s\n", a[i].help);
	}
	return 0;
}
