/* Patient lists for the console: pages of the stays in a bed on a day,
 * filtered, searched and sorted in SQL so that a site of thousands opens at
 * once and the console never holds them all.
 *
 * "In a bed on day D" is the midnight census the figures use: admitted
 * before D+1 and not discharged before D+1. The search folds case in SQL
 * with sitrep_fold() (ASCII, Latin, Greek and Cyrillic letters), and the
 * ward sort orders beds naturally ("A2" before "A10") with the
 * sitrep_natural collation; both are registered on the connection before
 * the first list statement is prepared. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

/* Statement slots of this file (see store_internal.h). */
enum {
	SLOT_LIST_COUNT = SLOT_LIST_FIRST,
	SLOT_LIST_PAGE, /* + enum list_sort: one statement per sort */
	SLOT_LIST_END = SLOT_LIST_PAGE + LIST_SORT_COUNT,
};

/* Parameters:
 *   ?1 the day, ?2 the day after, ?3 site, ?4 ward or NULL,
 *   ?5 name pattern ('%text%') or NULL, ?6 MRN pattern ('text%'),
 *   ?7 minimum LOS or NULL, ?8 latest green-to-go date or NULL,
 *   ?9 1: no EDD only, ?10 EDD before this date or NULL,
 *   ?11 limit, ?12 offset.
 *
 * "In a bed on the day" in two disjoint parts, each with its own index:
 * not discharged (stay_in_bed, or a covering index of current stays), and
 * discharged after the day (stay_discharged; '+' keeps the planner off
 * stay_admitted, which would read every stay the site ever had). */
#define IN_BED_NOW                                                    \
	" s.site = ?3 AND s.discharged_at IS NULL AND s.admitted_at < ?2"
#define IN_BED_THEN                                                   \
	" s.site = ?3 AND s.discharged_at >= ?2 AND +s.admitted_at < ?2"
#define LIST_FILTERS                                                      \
	" AND (?4 IS NULL OR s.ward = ?4)"                                \
	" AND (?5 IS NULL OR sitrep_fold(s.family_name) LIKE ?5 ESCAPE '\\'" \
	"  OR sitrep_fold(s.given_name) LIKE ?5 ESCAPE '\\'"              \
	"  OR s.mrn LIKE ?6 ESCAPE '\\')"                                 \
	" AND (?7 IS NULL OR julianday(?1)"                               \
	"  - julianday(substr(s.admitted_at, 1, 10)) >= ?7)"              \
	" AND (?8 IS NULL OR" STORE_SQL_DELAYED("s.g2g_date", "?8") ")"  \
	" AND (?9 = 0 OR s.edd IS NULL)"                                  \
	" AND (?10 IS NULL OR s.edd < ?10)"

#define LIST_COLUMNS STORE_STAY_COLUMNS ", m.colour"

static const char sql_count[] =
	"SELECT (SELECT count(*) FROM stay s WHERE" IN_BED_NOW LIST_FILTERS ")"
	" + (SELECT count(*) FROM stay s WHERE" IN_BED_THEN LIST_FILTERS ")";

/* A page: first the ids of the page in order, from the sort keys alone
 * (k1.., then the id: a stable order), then the whole rows of those
 * ids only. */
#define LIST_PAGE(keys, order)                                              \
	"WITH p AS (SELECT s.id AS pid, " keys " FROM stay s WHERE"         \
	IN_BED_NOW LIST_FILTERS                                             \
	" UNION ALL SELECT s.id, " keys " FROM stay s WHERE"                \
	IN_BED_THEN LIST_FILTERS                                            \
	" ORDER BY " order ", pid LIMIT ?11 OFFSET ?12)"                    \
	" SELECT " LIST_COLUMNS " FROM p JOIN stay s ON s.id = p.pid"       \
	" LEFT JOIN day_mark m ON m.stay = s.id AND m.day = ?1"             \
	" ORDER BY " order ", pid"

/* One per enum list_sort, in its order. */
static const char *const sql_page[LIST_SORT_COUNT] = {
	/* Longest stay first: earliest admission. ('+': sorting the keys
	 * of a covering index beats walking stay_admitted in order and
	 * reading every stay it passes.) */
	[SORT_LOS] = LIST_PAGE("+s.admitted_at AS k1", "k1"),
	/* Green to go by the day (longest delay first), then green to go
	 * later, then not at all; longest stay first within each. */
	[SORT_DELAY] = LIST_PAGE(
		"CASE WHEN s.g2g_date <= ?1 THEN 0"
		" WHEN s.g2g_date IS NOT NULL THEN 1 ELSE 2 END AS k1,"
		" s.g2g_date AS k2, s.admitted_at AS k3", "k1, k2, k3"),
	/* Earliest EDD first, none last. */
	[SORT_EDD] = LIST_PAGE(
		"s.edd IS NULL AS k1, s.edd AS k2, s.admitted_at AS k3",
		"k1, k2, k3"),
	/* Ward, bed (naturally: A2 before A10), name; none last. (Names
	 * only break ties within a bed: NOCASE is enough there.) */
	[SORT_WARD] = LIST_PAGE(
		"s.ward IS NULL AS k1, s.ward AS k2, s.bed IS NULL AS k3,"
		" s.bed AS k4, s.family_name AS k5, s.given_name AS k6",
		"k1, k2, k3, k4 COLLATE sitrep_natural, k5 COLLATE NOCASE,"
		" k6 COLLATE NOCASE"),
};

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

/* ---- case folding and natural order -----------------------------------*/

/* Decodes one UTF-8 character; invalid bytes come back as themselves with
 * *ok false. Returns the bytes used (at least 1). */
static size_t list_utf8_decode(const unsigned char *s, size_t n, unsigned *cp,
			  bool *ok)
{
	size_t len;
	unsigned c = s[0];

	*ok = true;
	*cp = c;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		*ok = false;
		return 1;
	}
	if (len > n) {
		*ok = false;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*ok = false;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

static size_t utf8_encode(unsigned cp, unsigned char *out)
{
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Lower case of the letters names are written in (Latin-1, Latin
 * Extended-A, Greek, Cyrillic); anything else unchanged. No locale: the
 * store gives the same answer whatever the user's environment. */
static unsigned fold_char(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde)
		return c == 0xd7 ? c : c + 0x20;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return c & 1 ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42f)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

/* Folds n bytes of s into out, which holds at least 4n + 1 bytes (at most
 * 4 bytes per character in and out). */
static void fold_into(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char *o = (unsigned char *)out;
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		bool ok;
		size_t len = list_utf8_decode(p + i, n - i, &cp, &ok);

		if (ok)
			o += utf8_encode(fold_char(cp), o);
		else
			*o++ = p[i];
		i += len;
	}
	*o = '\0';
}

static char *fold_text(const char *s, size_t n)
{
	char *out = xmalloc(n * 4 + 1);

	fold_into(s, n, out);
	return out;
}

/* sitrep_fold(text): runs per row of a search, so names (short) fold on
 * the stack. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[512];
	const char *s;
	size_t n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	n = (size_t)sqlite3_value_bytes(argv[0]);
	if (n * 4 + 1 <= sizeof(buf)) {
		fold_into(s, n, buf);
		sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_result_text(ctx, fold_text(s, n), -1, free);
	}
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

/* Registers sitrep_fold() and sitrep_natural on the connection, once:
 * before this file's first statement is prepared (none of its slots is
 * filled before that). */
static enum sr_status register_helpers(struct store *st, struct sr_error *err)
{
	for (int i = SLOT_LIST_COUNT; i < SLOT_LIST_END; i++)
		if (st->cached[i])
			return SR_OK;
	if (sqlite3_create_function_v2(st->db, "sitrep_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC |
					       SQLITE_INNOCUOUS,
				       NULL, sql_fold, NULL, NULL,
				       NULL) != SQLITE_OK ||
	    sqlite3_create_collation_v2(st->db, "sitrep_natural", SQLITE_UTF8,
					NULL, sql_natural, NULL) != SQLITE_OK)
		return store_db_error(st, err, "cannot set up patient lists");
	return SR_OK;
}

/* ---- the queries --------------------------------------------------------*/

/* LIKE pattern of text with its wildcards and the escape character
 * escaped: prefix and suffix are "%" or "". */
static char *like_pattern(const char *text, size_t n, bool leading)
{
	char *out = xmalloc(n * 2 + 3), *o = out;

	if (leading)
		*o++ = '%';
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			*o++ = '\\';
		*o++ = text[i];
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static sqlite3_stmt *prepare_list(struct store *st, int slot, const char *sql,
				  const struct list_query *q,
				  struct sr_error *err)
{
	const struct store_day *d = q->day;
	sqlite3_stmt *stmt;
	const char *s = q->search;
	size_t n;

	if (!q->site || !d) {
		sr_fail(err, SR_EINVAL,
			"a patient list needs a site and a day");
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
	/* The search, trimmed; blank means none. */
	while (s && is_space(*s))
		s++;
	n = s ? strlen(s) : 0;
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (n > 0) {
		char *folded = fold_text(s, n);

		sqlite3_bind_text(stmt, 5,
				  like_pattern(folded, strlen(folded), true),
				  -1, free);
		sqlite3_bind_text(stmt, 6, like_pattern(s, n, false), -1,
				  free);
		free(folded);
	}
	switch (q->filter) {
	case LIST_STRANDED:
		sqlite3_bind_int(stmt, 7, d->stranded_days);
		break;
	case LIST_SUPER_STRANDED:
		sqlite3_bind_int(stmt, 7, d->super_stranded_days);
		break;
	case LIST_DELAYED:
		store_bind_text(stmt, 8, d->day);
		break;
	case LIST_EDD_PASSED:
		store_bind_text(stmt, 10, d->day);
		break;
	case LIST_ALL:
	case LIST_NO_EDD:
	case LIST_FILTER_COUNT:
		break;
	}
	sqlite3_bind_int(stmt, 9, q->filter == LIST_NO_EDD);
	return stmt;
}

enum sr_status store_list_count(struct store *st, const struct list_query *q,
				long *n, struct sr_error *err)
{
	sqlite3_stmt *stmt = prepare_list(st, SLOT_LIST_COUNT, sql_count, q,
					  err);
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
	stmt = prepare_list(st, SLOT_LIST_PAGE + (int)q->sort,
			    sql_page[q->sort], q, err);
	if (!stmt)
		return err && err->status != SR_OK ? err->status : SR_EDB;
	/* A limit of 0 or less: every row from offset on. */
	sqlite3_bind_int64(stmt, 11, q->limit > 0 ? q->limit : -1);
	sqlite3_bind_int64(stmt, 12, q->offset > 0 ? q->offset : 0);
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
