/* A whole stay as the queries that read one select it: the column list
 * (STORE_STAY_COLUMNS, store_internal.h) and the reader of its row, in one
 * place for the stay lookups, the exports, the patient lists and the
 * longest-delayed list. */
#include "sitrep/stay.h"
#include "store_internal.h"

void store_row_stay(sqlite3_stmt *stmt, int col, struct stay *out)
{
	stay_clear(out);
	out->id = sqlite3_column_int64(stmt, col);
	out->version = sqlite3_column_int64(stmt, col + 1);
	for (int f = 0; f < SF_COUNT; f++)
		out->v[f] = store_column_dup(stmt, col + 2 + f);
}
