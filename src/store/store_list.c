/* Patient lists for the console: pages of the stays in a bed at a moment,
 * filtered, searched and sorted in SQL so that a site of thousands opens at
 * once and the console never holds them all.
 *
 * "In a bed at a moment" is what the dated facts say (DESIGN §4): the stay
 * has a state in force then, as now known or as known at an earlier time,
 * and the list shows that state's values, so a list of an earlier moment
 * shows the ward and the EDD of then. The search runs in SQL with
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
 *   ?1 the day (marks, LOS, the delayed and EDD filters), ?2 the instant
 *   the list is for (struct sr_moment's at), ?3 site (ignored for every
 *   site), ?4 ward or NULL, ?5 the search's terms (text_search_terms) or
 *   NULL, ?6 minimum LOS or NULL, ?7 latest green-to-go date or NULL,
 *   ?8 1: no EDD only, ?9 EDD before this date or NULL, ?10 limit,
 *   ?11 offset, ?12 1: a term has a digit (the NHS number is not in the
 *   covering indexes: read from the table only then), ?13 NULL: as now
 *   known, else the instant K of an as-known-at list.
 *
 * A stay is listed when one of its states (stay_state, DESIGN §4) is in
 * force at ?2: valid_from <= ?2 < valid_to. Its ward, bed, EDD, discharge
 * ready date, pathway, reason and agency are that state's; its identity
 * (names, MRN, NHS number, admission) the stay's own.
 *
 * Three ways to the rows, each a part guarded by constants (SQLite tests
 * them once, before the part's loop, so only one part runs), so that the
 * file keeps its ten statements:
 *  - no search, as now known: the states not superseded, a site at a time
 *    from those ending after ?2 (today: the stays in a bed now), through
 *    stay_state_at, an index covering what the filters and the sorts
 *    read;
 *  - a search, as now known: the names are the stay's, so the stays come
 *    first, as they did before the states: those not discharged through
 *    stay_list (which covers the names and the MRN), those discharged
 *    after ?2 through stay_out; then each one the search finds looks up
 *    its state in force (stay_state_stay). A state in force at ?2 exists
 *    exactly when the stay was admitted by then and not discharged;
 *  - as known at K (a reprint: rare): the states recorded by K and not
 *    superseded by then, through stay_state_at too, the names of a
 *    search read per state. */
#define SITE_ONE(t) " " t ".site = ?3"
#define SITE_ALL(t) " " t ".site IN (SELECT code FROM site)"
#define IN_FORCE " AND x.valid_to > ?2 AND x.valid_from <= ?2"
#define SEARCH(t)                                                         \
	"sitrep_search(?5," t ".family_name," t ".given_name," t ".mrn,"    \
	"CASE WHEN ?12 THEN " t ".nhs_number END)"

/* The states listed (x), filtered, with what the sorts read: the parts
 * of the three ways, then the filters, written once (none of them is an
 * index seek: each part's rows are tested as they come). */
#define STATE_COLUMNS                                                     \
	"x.id,x.stay,x.site,x.ward,x.bed,x.admitted_at,x.g2g_date,x.edd"
#define FILTERS                                                           \
	" (?4 IS NULL OR x.ward = ?4)"                                      \
	" AND (?6 IS NULL OR julianday(?1)"                                 \
	"  - julianday(substr(x.admitted_at, 1, 10)) >= ?6)"                \
	" AND (?7 IS NULL OR" STORE_SQL_DELAYED("x.g2g_date", "?7") ")"    \
	" AND (?8 = 0 OR x.edd IS NULL)"                                    \
	" AND (?9 IS NULL OR x.edd < ?9)"
#define SPAN_OF_STATE " x.span = k.span AND x.valid_to <= k.hi AND"
#define PART_STATES(site, cols)                                           \
	"SELECT " cols " FROM span_class k"                               \
	" CROSS JOIN stay_state x INDEXED BY stay_state_at"               \
	" WHERE ?13 IS NULL AND ?5 IS NULL AND x.superseded_at IS NULL AND" \
	SPAN_OF_STATE site("x") IN_FORCE
#define STATE_OF_STAY                                                     \
	" CROSS JOIN stay_state x INDEXED BY stay_state_stay"             \
	" ON x.stay=s.id AND x.superseded_at IS NULL" IN_FORCE
#define FOUND_IN(index)                                                   \
	"SELECT " STATE_COLUMNS " FROM stay s INDEXED BY " index            \
	STATE_OF_STAY " WHERE ?13 IS NULL AND ?5 IS NOT NULL AND"
#define PARTS_OTHER(site)                                                 \
	FOUND_IN("stay_list") site("s") " AND s.discharged_at IS NULL"      \
	" AND s.admitted_at <= ?2 AND " SEARCH("s") " UNION ALL "           \
	FOUND_IN("stay_out") site("s") " AND s.discharged_at > ?2"          \
	" AND +s.admitted_at <= ?2 AND " SEARCH("s")                        \
	" UNION ALL SELECT " STATE_COLUMNS " FROM span_class k"            \
	" CROSS JOIN stay_state x INDEXED BY stay_state_at"              \
	" WHERE ?13 IS NOT NULL AND" SPAN_OF_STATE                         \
	" x.recorded_at <= ?13 AND"                                         \
	" (x.superseded_at IS NULL OR x.superseded_at > ?13) AND"          \
	site("x") IN_FORCE " AND (?5 IS NULL OR"                           \
	" (SELECT " SEARCH("n") " FROM stay n WHERE n.id = x.stay))"
#define LISTED(site)                                                      \
	"(" PART_STATES(site, STATE_COLUMNS) " UNION ALL " PARTS_OTHER(site) \
	") x WHERE" FILTERS

/* A stay's columns (STORE_STAY_COLUMNS' order), the dated ones from the
 * state x. */
#define LIST_SRC_true "x."
#define LIST_SRC_false "s."
#define LIST_COLUMN_(e, name, type, req, ident, dated) \
	", " LIST_SRC_##dated name
#define LIST_COLUMNS                                                      \
	"s.id, s.version" STAY_FIELD_TABLE(LIST_COLUMN_) ", m.colour"

/* The first part, which today's lists run, counted apart: a count of
 * its index alone, not of rows handed over from a subquery. */
#define LIST_COUNT(site)                                                  \
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?2")                      \
	" SELECT (SELECT count(*) FROM (" PART_STATES(site, STATE_COLUMNS)   \
	") x WHERE" FILTERS ") + (SELECT count(*) FROM (" PARTS_OTHER(site) \
	") x WHERE" FILTERS ")"

static const char sql_count[] = LIST_COUNT(SITE_ONE);
static const char sql_count_all[] = LIST_COUNT(SITE_ALL);

/* A page: first the states of the page in order, from the sort keys
 * alone (k1.., then the stay: a stable order), then the whole rows of
 * those only. */
#define LIST_PAGE(site, keys, order)                                        \
	"WITH RECURSIVE" STORE_SQL_SPAN_CLASSES("?2")                      \
	", p AS (SELECT x.id AS xid, x.stay AS pid, " keys " FROM "      \
	LISTED(site) " ORDER BY " order ", pid LIMIT ?10 OFFSET ?11)"       \
	" SELECT " LIST_COLUMNS " FROM p JOIN stay_state x ON x.id = p.xid" \
	" JOIN stay s ON s.id = p.pid"                                      \
	" LEFT JOIN day_mark m ON m.stay = p.pid AND m.day = ?1"            \
	" ORDER BY " order ", pid"

/* The name of the stay of a state without a bed or a ward (the ties of
 * the ward sort): read for such states only. */
#define NAME_IF_NO_BED(col)                                                 \
	" CASE WHEN x.bed IS NULL OR x.ward IS NULL THEN"                   \
	" (SELECT " col " FROM stay WHERE id = x.stay) END"

/* One per enum list_sort, in its order. */
#define LIST_PAGES(site)                                                    \
	{                                                                   \
	/* Longest stay first: earliest admission. */                       \
	[SORT_LOS] = LIST_PAGE(site, "x.admitted_at AS k1", "k1"),          \
	/* Green to go by the day (longest delay first), then green to go  \
	 * later, then not at all; longest stay first within each. */      \
	[SORT_DELAY] = LIST_PAGE(site,                                      \
		"CASE WHEN x.g2g_date <= ?1 THEN 0"                         \
		" WHEN x.g2g_date IS NOT NULL THEN 1 ELSE 2 END AS k1,"     \
		" x.g2g_date AS k2, x.admitted_at AS k3", "k1, k2, k3"),    \
	/* Earliest EDD first, none last. */                                \
	[SORT_EDD] = LIST_PAGE(site,                                        \
		"x.edd IS NULL AS k1, x.edd AS k2, x.admitted_at AS k3",    \
		"k1, k2, k3"),                                              \
	/* Ward, bed (naturally: A2 before A10), name; none last. Every    \
	 * site: by site first. The names only order the stays without a  \
	 * bed (NOCASE is enough there); two in one bed (shared: an error  \
	 * `sitrep check` reports) go by stay, as every tie does. */       \
	[SORT_WARD] = LIST_PAGE(site,                                       \
		"x.site AS k0, x.ward IS NULL AS k1, x.ward AS k2,"         \
		" x.bed IS NULL AS k3, x.bed AS k4,"                        \
		NAME_IF_NO_BED("family_name") " AS k5,"                     \
		NAME_IF_NO_BED("given_name") " AS k6",                      \
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
	struct sr_moment end;
	const struct sr_moment *m = q->moment;
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
	/* No moment: the end of the day (its midnight census). */
	if (!m) {
		sr_day day;

		if (!date_parse(d->day, &day)) {
			sr_fail(err, SR_EINVAL, "a patient list needs a day");
			return NULL;
		}
		moment_end_of_day(&end, day);
		m = &end;
	}
	if (register_helpers(st, err) != SR_OK)
		return NULL;
	if (!(stmt = store_cached(st, slot, sql, err)))
		return NULL;
	store_bind_text(stmt, 1, d->day);
	store_bind_text(stmt, 2, m->at);
	store_bind_text(stmt, 3, q->site);
	store_bind_text(stmt, 4, q->ward);
	store_bind_text(stmt, 13, m->known);
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
		/* In a bed at the moment: a discharge is later news. */
		stay_set(&s, SF_DISCHARGED_AT, NULL);
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
