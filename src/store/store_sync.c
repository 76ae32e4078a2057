/* Keeps the site and ward tables in step with the config. A site or ward the
 * config no longer lists is marked inactive, never deleted: its stays and
 * their history stay reportable. */
#include <stdlib.h>
#include <string.h>

#include "sitrep/store.h"
#include "sitrep/util.h"
#include "store_internal.h"

static const char sql_site_get[] =
	"SELECT name, kind, beds, active FROM site WHERE code = ?1";
static const char sql_site_put[] =
	"INSERT INTO site (code, name, kind, beds, active)"
	" VALUES (?1, ?2, ?3, ?4, 1)"
	" ON CONFLICT (code) DO UPDATE SET name = ?2, kind = ?3, beds = ?4,"
	" active = 1";
static const char sql_ward_get[] =
	"SELECT name, beds, active FROM ward WHERE site = ?1 AND code = ?2";
static const char sql_ward_put[] =
	"INSERT INTO ward (site, code, name, beds, active)"
	" VALUES (?1, ?2, ?3, ?4, 1)"
	" ON CONFLICT (site, code) DO UPDATE SET name = ?3, beds = ?4,"
	" active = 1";
static const char sql_active_sites[] =
	"SELECT code FROM site WHERE active = 1 ORDER BY code";
static const char sql_active_wards[] =
	"SELECT site, code FROM ward WHERE active = 1 ORDER BY site, code";
static const char sql_site_retire[] =
	"UPDATE site SET active = 0 WHERE code = ?1";
static const char sql_ward_retire[] =
	"UPDATE ward SET active = 0 WHERE site = ?1 AND code = ?2";

enum change { UNCHANGED, ADDED, UPDATED, FAILED };

/* Prepared once: a national config has hundreds of sites and thousands of
 * wards, and the console checks them all at start-up. */
enum {
	SLOT_SITE_GET = SLOT_SYNC_FIRST,
	SLOT_SITE_PUT,
	SLOT_WARD_GET,
	SLOT_WARD_PUT,
};

/* Compares the site with the stored row and, unless check_only, writes it
 * if it differs. */
static enum change put_site(struct store *st, const struct site_cfg *s,
			    struct sr_error *err, bool check_only)
{
	sqlite3_stmt *get = store_cached(st, SLOT_SITE_GET, sql_site_get, err);
	sqlite3_stmt *put = NULL;
	enum change c = ADDED;

	if (!get)
		return FAILED;
	sqlite3_bind_text(get, 1, s->code, -1, SQLITE_STATIC);
	if (sqlite3_step(get) == SQLITE_ROW) {
		c = UNCHANGED;
		if (strcmp((const char *)sqlite3_column_text(get, 0), s->name) ||
		    strcmp((const char *)sqlite3_column_text(get, 1),
			   site_kind_name(s->kind)) ||
		    sqlite3_column_int(get, 2) != s->beds ||
		    sqlite3_column_int(get, 3) != 1)
			c = UPDATED;
	}
	sqlite3_reset(get);
	if (c == UNCHANGED || check_only)
		return c;
	put = store_cached(st, SLOT_SITE_PUT, sql_site_put, err);
	if (!put)
		return FAILED;
	sqlite3_bind_text(put, 1, s->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 2, s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 3, site_kind_name(s->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int(put, 4, s->beds);
	if (sqlite3_step(put) != SQLITE_DONE) {
		store_db_error(st, err, "cannot save site");
		c = FAILED;
	}
	sqlite3_reset(put);
	return c;
}

static enum change put_ward(struct store *st, const char *site,
			    const struct ward_cfg *w, struct sr_error *err,
			    bool check_only)
{
	sqlite3_stmt *get = store_cached(st, SLOT_WARD_GET, sql_ward_get, err);
	sqlite3_stmt *put = NULL;
	enum change c = ADDED;

	if (!get)
		return FAILED;
	sqlite3_bind_text(get, 1, site, -1, SQLITE_STATIC);
	sqlite3_bind_text(get, 2, w->code, -1, SQLITE_STATIC);
	if (sqlite3_step(get) == SQLITE_ROW) {
		c = UNCHANGED;
		if (strcmp((const char *)sqlite3_column_text(get, 0), w->name) ||
		    sqlite3_column_int(get, 1) != w->beds ||
		    sqlite3_column_int(get, 2) != 1)
			c = UPDATED;
	}
	sqlite3_reset(get);
	if (c == UNCHANGED || check_only)
		return c;
	put = store_cached(st, SLOT_WARD_PUT, sql_ward_put, err);
	if (!put)
		return FAILED;
	sqlite3_bind_text(put, 1, site, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 2, w->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(put, 3, w->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(put, 4, w->beds);
	if (sqlite3_step(put) != SQLITE_DONE) {
		store_db_error(st, err, "cannot save ward");
		c = FAILED;
	}
	sqlite3_reset(put);
	return c;
}

static void push(char ***list, size_t *n, char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = s;
}

/* Marks inactive every active site (wards: every active ward) that cfg does
 * not list, recording it in rep. */
static enum sr_status retire_missing(struct store *st, const struct config *cfg,
				     bool wards, struct store_sync_report *rep,
				     struct sr_error *err)
{
	sqlite3_stmt *list = store_prepare(st, wards ? sql_active_wards :
						       sql_active_sites, err);
	enum sr_status s = SR_OK;
	int rc;

	if (!list)
		return SR_EDB;
	while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
		const char *site = (const char *)sqlite3_column_text(list, 0);
		const char *ward = wards ?
			(const char *)sqlite3_column_text(list, 1) : NULL;
		const struct site_cfg *sc = config_site(cfg, site);
		sqlite3_stmt *retire;

		if (sc && (!wards || config_ward(sc, ward)))
			continue;
		retire = store_prepare(st, wards ? sql_ward_retire :
						   sql_site_retire, err);
		if (!retire) {
			s = SR_EDB;
			break;
		}
		sqlite3_bind_text(retire, 1, site, -1, SQLITE_TRANSIENT);
		if (wards)
			sqlite3_bind_text(retire, 2, ward, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(retire);
		sqlite3_finalize(retire);
		if (rc != SQLITE_DONE) {
			s = store_db_error(st, err, "cannot retire site or ward");
			break;
		}
		if (wards)
			push(&rep->dropped_wards, &rep->ndropped_wards,
			     xasprintf("%s/%s", site, ward));
		else
			push(&rep->dropped_sites, &rep->ndropped_sites,
			     xstrdup(site));
	}
	if (s == SR_OK && rc != SQLITE_DONE)
		s = store_db_error(st, err, "cannot list sites");
	sqlite3_finalize(list);
	return s;
}

static enum sr_status count(enum change c, size_t *added, size_t *updated)
{
	if (c == ADDED)
		(*added)++;
	else if (c == UPDATED)
		(*updated)++;
	return c == FAILED ? SR_EDB : SR_OK;
}

static enum sr_status sync_all(struct store *st, const struct config *cfg,
			       struct store_sync_report *rep,
			       struct sr_error *err)
{
	for (size_t i = 0; i < cfg->nsites; i++) {
		const struct site_cfg *s = &cfg->sites[i];

		if (count(put_site(st, s, err, false), &rep->sites_added,
			  &rep->sites_updated) != SR_OK)
			return SR_EDB;
		for (size_t j = 0; j < s->nwards; j++)
			if (count(put_ward(st, s->code, &s->wards[j], err,
					   false),
				  &rep->wards_added,
				  &rep->wards_updated) != SR_OK)
				return SR_EDB;
	}
	if (retire_missing(st, cfg, true, rep, err) != SR_OK)
		return SR_EDB;
	return retire_missing(st, cfg, false, rep, err);
}

static const char sql_counts[] =
	"SELECT (SELECT count(*) FROM site WHERE active = 1),"
	" (SELECT count(*) FROM ward WHERE active = 1)";

/* True when the tables already match cfg: every configured site and ward is
 * there, active and unchanged, and no other is active. Read-only, so that
 * the common case (nothing changed) takes no write lock. */
static bool in_step(struct store *st, const struct config *cfg)
{
	sqlite3_stmt *stmt = store_prepare(st, sql_counts, NULL);
	size_t wards = 0;
	bool same = false;

	for (size_t i = 0; i < cfg->nsites; i++)
		wards += cfg->sites[i].nwards;
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		same = (size_t)sqlite3_column_int64(stmt, 0) == cfg->nsites &&
		       (size_t)sqlite3_column_int64(stmt, 1) == wards;
	sqlite3_finalize(stmt);
	for (size_t i = 0; same && i < cfg->nsites; i++) {
		const struct site_cfg *sc = &cfg->sites[i];

		same = put_site(st, sc, NULL, true) == UNCHANGED;
		for (size_t j = 0; same && j < sc->nwards; j++)
			same = put_ward(st, sc->code, &sc->wards[j], NULL,
					true) == UNCHANGED;
	}
	return same;
}

enum sr_status store_sync_config(struct store *st, const struct config *cfg,
				 struct store_sync_report *rep,
				 struct sr_error *err)
{
	struct store_sync_report local;
	enum sr_status s;

	bool same;

	if (!rep)
		rep = &local;
	memset(rep, 0, sizeof(*rep));
	/* One read transaction for the whole comparison, not one a row. */
	if ((s = store_exec(st, "BEGIN", err)) != SR_OK)
		return s;
	same = in_step(st, cfg);
	store_exec(st, "COMMIT", NULL);
	if (same)
		return SR_OK;
	if ((s = store_begin(st, err)) != SR_OK)
		return s;
	s = sync_all(st, cfg, rep, err);
	if (s == SR_OK)
		s = store_commit(st, err);
	else
		store_rollback(st);
	if (s != SR_OK || rep == &local)
		store_sync_report_free(rep);
	return s;
}

void store_sync_report_free(struct store_sync_report *rep)
{
	for (size_t i = 0; i < rep->ndropped_sites; i++)
		free(rep->dropped_sites[i]);
	for (size_t i = 0; i < rep->ndropped_wards; i++)
		free(rep->dropped_wards[i]);
	free(rep->dropped_sites);
	free(rep->dropped_wards);
	memset(rep, 0, sizeof(*rep));
}
