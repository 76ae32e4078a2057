/* Patient lists for the console: pages of the stays in a bed on a day,
 * filtered, searched and sorted in SQL so that a site of thousands opens at
 * once and the console never holds them all.
 *
 * "In a bed on day D" is the midnight census the figures use: admitted
 * before D+1 and not discharged before D+1. The search runs in SQL with
 * sitrep_search(), which matches the typed words against the folded names
 * and identifiers (text.h), and the ward sort orders beds naturally
 * ("A2" before "A10") with the sitrep_natural collation; both are
 * registered on the connection before the first list statement is
 * prepared. A list of every site (site NULL: the console's search from the
 * board) runs the same statements with the site taken from the site
 * table, so each part still seeks its index a site at a time. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/text.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* Statement slots of this file (see store_internal.h): a site's list,
 * then the list of every site. */
enum {
	SLOT_LIST_COUNT = SLOT_LIST_FIRST,
	SLOT_LIST_PAGE, /* + enum list_sort: one statement per sort */
	SLOT_ALL_COUNT = SLOT_LIST_PAGE + LIST_SORT_COUNT,
	SLOT_ALL_PAGE,
	SLOT_LIST_END = SLOT_ALL_PAGE + LIST_SORT_COUNT,
};
_Static_assert(SLOT_LIST_END <= SLOT_LIST_FIRST + 10,
	       "store_list.c has slots 40-49");

/* Parameters:
 *   ?1 the day, ?2 the day after, ?3 site (ignored for every site),
 *   ?4 ward or NULL, ?5 the search's terms (text_search_terms) or NULL,
 *   ?6 minimum LOS or NULL, ?7 latest green-to-go date or NULL,
 *   ?8 1: no EDD only, ?9 EDD before this date or NULL,
 *   ?10 limit, ?11 offset, ?12 1: a term has a digit (the NHS number
 *   is not in the covering indexes: read from the table only then).
 *
 * "In a bed on the day" in two disjoint parts, each with its own index:
 * not discharged (stay_in_bed, or a covering index of current stays), and
 * discharged after the day (stay_discharged; '+' keeps the planner off
 * stay_admitted, which would read every stay the site ever had). */
#define SITE_ONE " s.site = ?3"
#define SITE_ALL " s.site IN (SELECT code FROM site)"
#define IN_BED_NOW(site)                                              \
	site " AND s.discharged_at IS NULL AND s.admitted_at < ?2"
#define IN_BED_THEN(site)                                             \
	site " AND s.discharged_at >= ?2 AND +s.admitted_at < ?2"
#define LIST_FILTERS                                                      \
	" AND (?4 IS NULL OR s.ward = ?4)"                                \
	" AND (?5 IS NULL OR sitrep_search(?5, s.family_name,"            \
	"  s.given_name, s.mrn, CASE WHEN ?12 THEN s.nhs_number END))"    \
	" AND (?6 IS NULL OR julianday(?1)"                               \
	"  - julianday(substr(s.admitted_at, 1, 10)) >= ?6)"              \
	" AND (?7 IS NULL OR" STORE_SQL_DELAYED("s.g2g_date", "?7") ")"  \
	" AND (?8 = 0 OR s.edd IS NULL)"                                  \
	" AND (?9 IS NULL OR s.edd < ?9)"

#define LIST_COLUMNS STORE_STAY_COLUMNS ", m.colour"

#define LIST_COUNT(site)                                                  \
	"SELECT (SELECT count(*) FROM stay s WHERE" IN_BED_NOW(site)      \
	LIST_FILTERS ")"                                                  \
	" + (SELECT count(*) FROM stay s WHERE" IN_BED_THEN(site)         \
	LIST_FILTERS ")"

static const char sql_count[] = LIST_COUNT(SITE_ONE);
static const char sql_count_all[] = LIST_COUNT(SITE_ALL);

/* A page: first the ids of the page in order, from the sort keys alone
 * (k1.., then the id: a stable order), then the whole rows of those
 * ids only. */
#define LIST_PAGE(site, keys, order)                                        \
	"WITH p AS (SELECT s.id AS pid, " keys " FROM stay s WHERE"         \
	IN_BED_NOW(site) LIST_FILTERS                                       \
	" UNION ALL SELECT s.id, " keys " FROM stay s WHERE"                \
	IN_BED_THEN(site) LIST_FILTERS                                      \
	" ORDER BY " order ", pid LIMIT ?10 OFFSET ?11)"                    \
	" SELECT " LIST_COLUMNS " FROM p JOIN stay s ON s.id = p.pid"       \
	" LEFT JOIN day_mark m ON m.stay = s.id AND m.day = ?1"             \
	" ORDER BY " order ", pid"

/* One per enum list_sort, in its order. */
#define LIST_PAGES(site)                                                    \
	{                                                                   \
	/* Longest stay first: earliest admission. ('+': sorting the keys  \
	 * of a covering index beats walking stay_admitted in order and    \
	 * reading every stay it passes.) */                               \
	[SORT_LOS] = LIST_PAGE(site, "+s.admitted_at AS k1", "k1"),         \
	/* Green to go by the day (longest delay first), then green to go  \
	 * later, then not at all; longest stay first within each. */      \
	[SORT_DELAY] = LIST_PAGE(site,                                      \
		"CASE WHEN s.g2g_date <= ?1 THEN 0"                         \
		" WHEN s.g2g_date IS NOT NULL THEN 1 ELSE 2 END AS k1,"     \
		" s.g2g_date AS k2, s.admitted_at AS k3", "k1, k2, k3"),    \
	/* Earliest EDD first, none last. */                                \
	[SORT_EDD] = LIST_PAGE(site,                                        \
		"s.edd IS NULL AS k1, s.edd AS k2, s.admitted_at AS k3",    \
		"k1, k2, k3"),                                              \
	/* Ward, bed (naturally: A2 before A10), name; none last. (Names   \
	 * only break ties within a bed: NOCASE is enough there. Every     \
	 * site: by site first.) */                                         \
	[SORT_WARD] = LIST_PAGE(site,                                       \
		"s.site AS k0, s.ward IS NULL AS k1, s.ward AS k2,"         \
		" s.bed IS NULL AS k3, s.bed AS k4, s.family_name AS k5,"   \
		" s.given_name AS k6",                                      \
		"k0, k1, k2, k3, k4 COLLATE sitrep_natural,"                \
		" k5 COLLATE NOCASE, k6 COLLATE NOCASE"),                   \
	}

static const char *const sql_page[LIST_SORT_COUNT] = LIST_PAGES(SITE_ONE);
static const char *const sql_page_all[LIST_SORT_COUNT] =
	LIST_PAGES(SITE_ALL);

static const char *const filter_names[] = {
#define LIST_FILTER_NAME(e, name) [e] = name,
	LIST_FILTER_TABLE(LIST_FILTER_NAME)
#undef LIST_FILTER_NAME
};

static const char *const sort_names[] = {
#define LIST_SORT_NAME(e, name) [e] = name,
	LIST_SORT_TABLE(LIST_SORT_NAME)
#undef LIST_SORT_NAME
};

const char *list_filter_name(enum list_filter f)
{
	return (unsigned)f < LIST_FILTER_COUNT ? filter_names[f] : "?";
}

const char *list_sort_name(enum list_sort s)
{
	return (unsigned)s < LIST_SORT_COUNT ? sort_names[s] : "?";
}

/* ---- the search and natural order -------------------------------------*/

/* sitrep_search(terms, family, given, mrn, nhs): 1 when every term is in
 * one of the fields (text_search_match); runs per row of a search. */
static void sql_search(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *fields[4];
	const char *terms;

	if (argc != 5 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	terms = (const char *)sqlite3_value_text(argv[0]);
	for (int i = 0; i < 4; i++)
		fields[i] = (const char *)sqlite3_value_text(argv[i + 1]);
	if (!terms) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_int(ctx, text_search_match(terms, fields, 4));
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Beds as people read them: runs of digits compare as numbers ("A2" before
 * "A10"), letters without regard to case, then byte order to break ties. */
static int sql_natural(void *arg, int na, const void *va, int nb,
		       const void *vb)
{
	const unsigned char *a = va, *b = vb;
	int i = 0, j = 0;

	(void)arg;
	while (i < na && j < nb) {
		if (is_digit(a[i]) && is_digit(b[j])) {
			int si, sj, li, lj;

			while (i < na && a[i] == '0')
				i++;
			while (j < nb && b[j] == '0')
				j++;
			for (si = i; i < na && is_digit(a[i]); i++)
				;
			for (sj = j; j < nb && is_digit(b[j]); j++)
				;
			li = i - si;
			lj = j - sj;
			if (li != lj)
				return li < lj ? -1 : 1;
			for (int k = 0; k < li; k++)
				if (a[si + k] != b[sj + k])
					return a[si + k] < b[sj + k] ? -1 : 1;
			continue;
		}
		if (ascii_lower(a[i]) != ascii_lower(b[j]))
			return ascii_lower(a[i]) < ascii_lower(b[j]) ? -1 : 1;
		i++;
		j++;
	}
	if (i < na || j < nb)
		return i < na ? 1 : -1;
	{
		int m = na < nb ? na : nb;
		int c = memcmp(a, b, (size_t)m);

		if (c)
			return c < 0 ? -1 : 1;
		return na == nb ? 0 : na < nb ? -1 : 1;
	}
}

/* Registers sitrep_search() and sitrep_natural on the connection, once:
 * before this file's first statement is prepared (none of its slots is
 * filled before that). */
static enum sr_status register_helpers(struct store *st, struct sr_error *err)
{
	for (int i = SLOT_LIST_COUNT; i < SLOT_LIST_END; i++)
		if (st->cached[i])
			return SR_OK;
	if (sqlite3_create_function_v2(st->db, "sitrep_search", 5,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					       SQLITE_INNOCUOUS,
				       NULL, sql_search, NULL, NULL,
				       NULL) != SQLITE_OK ||
	    sqlite3_create_collation_v2(st->db, "sitrep_natural", SQLITE_UTF8,
					NULL, sql_natural, NULL) != SQLITE_OK)
		return store_db_error(st, err, "cannot set up patient lists");
	return SR_OK;
}

/* ---- the queries --------------------------------------------------------*/

static sqlite3_stmt *prepare_list(struct store *st, int slot, const char *sql,
				  const struct list_query *q,
				  struct sr_error *err)
{
	const struct store_day *d = q->day;
	sqlite3_stmt *stmt;

	if (!d) {
		sr_fail(err, SR_EINVAL, "a patient list needs a day");
		return NULL;
	}
	if ((unsigned)q->filter >= LIST_FILTER_COUNT ||
	    (unsigned)q->sort >= LIST_SORT_COUNT) {
		sr_fail(err, SR_EINVAL, "unknown list filter or sort");
		return NULL;
	}
	if (register_helpers(st, err) != SR_OK)
		return NULL;
	if (!(stmt = store_cached(st, slot, sql, err)))
		return NULL;
	store_bind_text(stmt, 1, d->day);
	store_bind_text(stmt, 2, d->next);
	store_bind_text(stmt, 3, q->site);
	store_bind_text(stmt, 4, q->ward);
	/* The search's terms; blank means none. */
	if (q->search) {
		char *terms = xmalloc(strlen(q->search) + 1);

		if (text_search_terms(q->search, terms) > 0) {
			sqlite3_bind_int(stmt, 12,
					 strpbrk(terms, "0123456789") != NULL);
			sqlite3_bind_text(stmt, 5, terms, -1, free);
		} else {
			free(terms);
		}
	}
	switch (q->filter) {
	case LIST_STRANDED:
		sqlite3_bind_int(stmt, 6, d->stranded_days);
		break;
	case LIST_SUPER_STRANDED:
		sqlite3_bind_int(stmt, 6, d->super_stranded_days);
		break;
	case LIST_DELAYED:
		store_bind_text(stmt, 7, d->day);
		break;
	case LIST_EDD_PASSED:
		store_bind_text(stmt, 9, d->day);
		break;
	case LIST_ALL:
	case LIST_NO_EDD:
	case LIST_FILTER_COUNT:
		break;
	}
	sqlite3_bind_int(stmt, 8, q->filter == LIST_NO_EDD);
	return stmt;
}

enum sr_status store_list_count(struct store *st, const struct list_query *q,
				long *n, struct sr_error *err)
{
	sqlite3_stmt *stmt = q->site ?
		prepare_list(st, SLOT_LIST_COUNT, sql_count, q, err) :
		prepare_list(st, SLOT_ALL_COUNT, sql_count_all, q, err);
	int rc;

	*n = 0;
	if (!stmt)
		return err && err->status != SR_OK ? err->status : SR_EDB;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return store_db_error(st, err, "cannot count patients");
	return SR_OK;
}

enum sr_status store_list_page(struct store *st, const struct list_query *q,
			       bool (*fn)(void *ctx, const struct stay *s,
					  const char *mark),
			       void *ctx, struct sr_error *err)
{
	sqlite3_stmt *stmt;
	struct stay s = {0};
	int rc;

	if ((unsigned)q->sort >= LIST_SORT_COUNT)
		return sr_fail(err, SR_EINVAL, "unknown list sort");
	if (q->site)
		stmt = prepare_list(st, SLOT_LIST_PAGE + (int)q->sort,
				    sql_page[q->sort], q, err);
	else
		stmt = prepare_list(st, SLOT_ALL_PAGE + (int)q->sort,
				    sql_page_all[q->sort], q, err);
	if (!stmt)
		return err && err->status != SR_OK ? err->status : SR_EDB;
	/* A limit of 0 or less: every row from offset on. */
	sqlite3_bind_int64(stmt, 10, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(stmt, 11, q->offset > 0 ? q->offset : 0);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *mark;
		bool more;

		store_row_stay(stmt, 0, &s);
		mark = (const char *)sqlite3_column_text(stmt,
							 STORE_STAY_NCOLUMNS);
		more = fn(ctx, &s, mark);
		stay_clear(&s);
		if (!more) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot list patients");
	return SR_OK;
}

/* The audit trail writes a red mark as "red: REASON" (store_audit.c). */
static const char sql_last_red[] =
	"SELECT substr(new, 6) FROM audit WHERE stay = ?1"
	" AND field LIKE 'day %' AND new LIKE 'red: %'"
	" ORDER BY id DESC LIMIT 1";

enum sr_status store_last_red_reason(struct store *st, int64_t stay,
				     char **reason, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_last_red, err);
	int rc;

	*reason = NULL;
	if (!stmt)
		return SR_EDB;
	sqlite3_bind_int64(stmt, 1, stay);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*reason = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_error(st, err, "cannot read the last red day");
	return SR_OK;
}
