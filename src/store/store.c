/* The SQLite store: file creation, pragmas, running the migrations,
 * transactions and the statement cache. The schema is in store_schema.c
 * and store_schema_later.c; bulk loads and the check of the totals in
 * store_bulk.c. See include/sitrep/store.h and DESIGN §4. */
#include "sitrep/store.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "sitrep/secure.h"
#include "sitrep/util.h"
#include "store_internal.h"

const char *store_path(const struct store *st)
{
	return st->path;
}

enum sr_status store_db_error(struct store *st, struct sr_error *err,
			      const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	enum sr_status status = SR_EDB;

	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		status = SR_EBUSY;
	if ((code & 0xff) == SQLITE_READONLY)
		return sr_fail(err, SR_EIO,
			       "%s: %s: the database is read-only for you "
			       "(sitrep needs to write to the file and to its "
			       "directory, for the -wal and -shm files)",
			       st->path, what);
	if ((code & 0xff) == SQLITE_FULL)
		return sr_fail(err, SR_EIO, "%s: %s: the disk is full; nothing "
			       "was saved", st->path, what);
	return sr_fail(err, status, "%s: %s: %s", st->path, what,
		       sqlite3_errmsg(st->db));
}

enum sr_status store_exec(struct store *st, const char *sql,
			  struct sr_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, "cannot run statement");
	return SR_OK;
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql,
			    struct sr_error *err)
{
	sqlite3_stmt *stmt = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		store_db_error(st, err, "cannot prepare statement");
		return NULL;
	}
	return stmt;
}

/* The writers' queue. SQLite's busy handler is not a queue: a writer that
 * finds the database locked sleeps 1, 2, 5, ... then 100 ms between tries
 * and whoever tries at the moment the lock is free wins, so under fifty
 * writers a long-waiting one sleeps longest and loses to newcomers (the
 * tail of the latency, DESIGN §7). Before BEGIN IMMEDIATE a writer
 * therefore takes an exclusive flock() on a side file, PATH-lock, and
 * keeps it until its COMMIT or ROLLBACK. The kernel keeps the blocked
 * requests for one lock in the order they came (since Linux 5.0 each new
 * waiter is queued behind the last conflicting one and only the head is
 * woken when the lock is released), so writers go in turn, each waking
 * the moment the one before it ends. SQLite's own locking still protects
 * the data: the side file is advisory and only orders the writers.
 * Readers never take it. When it cannot be had (a directory we cannot
 * create it in, a file system without locks, a wait past STORE_QUEUE_MS)
 * a writer goes straight to BEGIN IMMEDIATE and SQLite's busy handler,
 * as before the queue existed. */
#define STORE_QUEUE_MS 30000

static volatile sig_atomic_t queue_timer_fired;

static void on_queue_timer(int sig)
{
	(void)sig;
	queue_timer_fired = 1;
}

/* Opens PATH-lock, once per handle, creating it with the database file's
 * mode (as SQLite gives its -wal and -shm files) if it is not there;
 * queue_fd stays -1 if it cannot. flock() needs only read access, so it
 * is opened read-only. Never follows a symbolic link. */
static void queue_open(struct store *st)
{
	char *path = xasprintf("%s-lock", st->path);
	struct stat sb;
	mode_t mode = 0600;
	int fd;

	st->queue_tried = true;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (stat(st->path, &sb) == 0)
			mode = sb.st_mode & 0666;
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
			  O_CLOEXEC, mode);
		/* open() applied the umask; the database's mode exactly. */
		if (fd >= 0 && fchmod(fd, mode) != 0) {
			close(fd);
			fd = -1;
		} else if (fd < 0 && errno == EEXIST) { /* another was first */
			fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		}
	}
	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		close(fd);
		fd = -1;
	}
	st->queue_fd = fd;
	free(path);
}

/* Waits, at most STORE_QUEUE_MS, for the queue's lock; true once held.
 * The wait is one blocking flock() (that is what keeps the order), cut
 * short by an interval timer's SIGALRM, as flock(1) --timeout does. The
 * timer repeats every 50 ms after it first fires, so a signal that comes
 * just before flock() starts cannot leave it blocked for good. */
static bool queue_wait(int fd)
{
	struct sigaction sa, old_sa;
	struct itimerval timer = {{0, 50000}, {STORE_QUEUE_MS / 1000,
					       STORE_QUEUE_MS % 1000 * 1000}};
	struct itimerval off = {{0, 0}, {0, 0}}, old_timer;
	sigset_t mask;
	bool held = false;

	/* SIGALRM blocked (by a caller of ours), or an alarm of someone
	 * else's running: no timed wait, the busy handler instead. */
	if (sigprocmask(SIG_SETMASK, NULL, &mask) != 0 ||
	    sigismember(&mask, SIGALRM) ||
	    getitimer(ITIMER_REAL, &old_timer) != 0 ||
	    old_timer.it_value.tv_sec || old_timer.it_value.tv_usec)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_queue_timer;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the signal ends the flock() */
	if (sigaction(SIGALRM, &sa, &old_sa) != 0)
		return false;
	queue_timer_fired = 0;
	if (setitimer(ITIMER_REAL, &timer, NULL) == 0) {
		for (;;) {
			if (flock(fd, LOCK_EX) == 0) {
				held = true;
				break;
			}
			/* Another signal (a resize, say) only interrupts. */
			if (errno != EINTR || queue_timer_fired)
				break;
		}
		setitimer(ITIMER_REAL, &off, NULL);
	}
	sigaction(SIGALRM, &old_sa, NULL);
	return held;
}

/* Joins the writers' queue; true if this call took the lock. */
static bool queue_enter(struct store *st)
{
	if (st->queued)
		return false;
	if (!st->queue_tried)
		queue_open(st);
	if (st->queue_fd < 0)
		return false;
	if (flock(st->queue_fd, LOCK_EX | LOCK_NB) == 0 ||
	    (errno == EWOULDBLOCK && queue_wait(st->queue_fd)))
		st->queued = true;
	return st->queued;
}

static void queue_leave(struct store *st)
{
	if (!st->queued)
		return;
	flock(st->queue_fd, LOCK_UN);
	st->queued = false;
}

/* BEGIN IMMEDIATE takes the write lock up front, so the transaction never
 * fails half-way with SQLITE_BUSY on upgrade. Writers first queue for it
 * (above). The busy handler waits for writers outside the queue; on top of
 * it we retry with backoff for a bounded time so a user never sees
 * "database is locked" while others are merely busy. */
enum sr_status store_begin(struct store *st, struct sr_error *err)
{
	bool took = queue_enter(st);
	unsigned delay_us = 1000;
	int tries;

	if (!st->bulk_how) /* if turning the foreign keys on failed then */
		store_bulk_over(st);
	for (tries = 0; tries < 60; tries++) {
		int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL,
				      NULL);

		if (rc == SQLITE_OK && st->days_kept) {
			/* The days ended since the last write, in its
			 * transaction. */
			enum sr_status s = store_delay_days_close(
				st, date_today(), err);

			if (s != SR_OK)
				store_rollback(st);
			return s;
		}
		if (rc == SQLITE_OK)
			return SR_OK;
		if ((rc & 0xff) != SQLITE_BUSY &&
		    (rc & 0xff) != SQLITE_LOCKED) {
			enum sr_status s = store_db_error(
				st, err, "cannot start a transaction");

			if (took)
				queue_leave(st);
			return s;
		}
		usleep(delay_us);
		if (delay_us < 100000)
			delay_us *= 2;
	}
	if (took)
		queue_leave(st);
	return sr_fail(err, SR_EBUSY,
		       "%s: the database stayed busy; another sitrep is holding "
		       "a write lock, try again", st->path);
}

enum sr_status store_commit(struct store *st, struct sr_error *err)
{
	if (st->bulk_how) {
		store_rollback(st);
		return sr_fail(err, SR_EDB, "%s: a bulk load was not finished: "
			       "nothing was saved", st->path);
	}
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		enum sr_status s = store_db_error(st, err, "cannot commit");

		store_rollback(st);
		return s;
	}
	queue_leave(st);
	store_bulk_over(st);
	return SR_OK;
}

void store_rollback(struct store *st)
{
	store_bulk_forget(st); /* the rollback brings back what it dropped */
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	queue_leave(st);
	store_bulk_over(st);
}

enum sr_status store_read_begin(struct store *st, struct sr_error *err)
{
	if (st->read_depth == 0) {
		st->read_owned = false;
		if (sqlite3_get_autocommit(st->db)) {
			if (sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL,
					 NULL) != SQLITE_OK)
				return store_db_error(st, err,
						      "cannot start reading");
			st->read_owned = true;
		}
	}
	st->read_depth++;
	return SR_OK;
}

void store_read_end(struct store *st)
{
	if (st->read_depth == 0 || --st->read_depth > 0 || !st->read_owned)
		return;
	st->read_owned = false;
	/* Reads only: a commit that fails has nothing to keep. */
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK &&
	    !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_file_version(struct store *st)
{
	sqlite3_stmt *stmt = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* Creates path with the right mode before SQLite sees it: SQLite gives the
 * -wal and -shm files the same mode as the database file. In a setgid
 * directory (a group install, DESIGN §6) the file is group-writable as the
 * umask allows; otherwise it is private to its owner. */
static enum sr_status create_private(const char *path, struct sr_error *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	struct stat sb;
	mode_t mode = 0600;
	int fd;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID))
		mode = 0660;
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return SR_OK;
		return sr_fail(err, SR_EIO, "cannot create %s: %s", path,
			       strerror(errno));
	}
	/* open() applied the umask; make a private file exactly 0600. */
	if (mode == 0600 && fchmod(fd, 0600) != 0) {
		int e = errno;

		close(fd);
		return sr_fail(err, SR_EIO, "cannot set permissions on %s: %s",
			       path, strerror(e));
	}
	close(fd);
	return SR_OK;
}

/* How long SQLite's own busy handler waits for another connection's lock
 * before store_begin's retries take over. */
#define STORE_BUSY_MS 5000

/* The page size of a new file (an existing one keeps its own): 16 KiB
 * pages read a range of an index in a quarter of the reads of SQLite's
 * 4 KiB default, and on the project's machines a read costs more than
 * the bytes it copies (a trial on the national demo, copied with VACUUM:
 * a report's system time from 0.07-0.14 s to 0.04-0.09 s). */
#define STORE_PAGE_SIZE "16384"

static enum sr_status apply_pragmas(struct store *st, enum store_mode mode,
				    struct sr_error *err)
{
	static const char common[] =
		"PRAGMA foreign_keys = ON;"
		"PRAGMA trusted_schema = OFF;"
		"PRAGMA synchronous = FULL;";

	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	if (sqlite3_exec(st->db, common, NULL, NULL, NULL) == SQLITE_OK &&
	    (mode != STORE_READ_WRITE ||
	     sqlite3_exec(st->db, "PRAGMA page_size = " STORE_PAGE_SIZE ";"
			  "PRAGMA journal_mode = WAL", NULL, NULL,
			  NULL) == SQLITE_OK))
		return SR_OK;
	/* Locked even for reading: out of WAL mode, a demo filling the
	 * database through a rollback journal (store_journal_direct) has it
	 * to itself. */
	if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY)
		return sr_fail(err, SR_EBUSY, "%s: another program has the "
			       "database to itself (sitrep demo filling it?): "
			       "try again when it has finished", st->path);
	return store_db_error(st, err, "cannot set up the database");
}

static enum sr_status migrate(struct store *st, int upto, struct sr_error *err)
{
	for (;;) {
		enum sr_status s;
		int v;
		char *sql;

		if ((s = store_begin(st, err)) != SR_OK)
			return s;
		/* Read the version inside the write transaction: another
		 * process may have migrated while we waited for the lock. */
		v = store_file_version(st);
		if (v < 0) {
			store_rollback(st);
			return store_db_error(st, err,
					      "cannot read the schema version");
		}
		if (v >= upto) {
			store_rollback(st);
			return SR_OK;
		}
		sql = store_migration_sql(v);
		s = store_exec(st, sql, err);
		free(sql);
		if (s != SR_OK) {
			store_rollback(st);
			sr_error_prefix(err, "schema upgrade to version %d: ",
					v + 1);
			return s;
		}
		if ((s = store_commit(st, err)) != SR_OK)
			return s;
	}
}

/* Once, before SQLite's first use: no bulk allocation of page cache
 * memory. By default every page cache (SQLITE_DEFAULT_PCACHE_INITSZ)
 * starts with one allocation for 20 pages, 330 KB at our page size, and
 * that includes the cache of each ephemeral table a statement opens and
 * closes (a CHECK's IN list, an IN, a DISTINCT): an import opens about
 * ten a row. glibc serves so large a block from the top of the heap and
 * gives it back to the kernel on free (brk, a TLB flush on every core):
 * 40% of the CPU time of an import of 100,000 rows went there, 75% of
 * one of 20,000. Pages allocated one by one as needed cost nothing of
 * the kind. A later call (SQLite already initialised) fails harmlessly:
 * this is only a matter of speed. */
static void configure_sqlite(void)
{
	static bool done;

	if (!done) {
		done = true;
		(void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	}
}

static struct store *open_db(const char *path, enum store_mode mode,
			     struct sr_error *err)
{
	struct store *st;
	int flags = SQLITE_OPEN_NOMUTEX;

	if (mode == STORE_READ_WRITE) {
		if (create_private(path, err) != SR_OK)
			return NULL;
		flags |= SQLITE_OPEN_READWRITE;
	} else {
		struct stat sb;

		/* stat, not access(): a setgid install reaches the file by
		 * its effective group, which access() does not use. */
		if (stat(path, &sb) != 0) {
			sr_fail(err, SR_ENOTFOUND,
				"cannot open %s: %s (create it with 'sitrep init')",
				path, strerror(errno));
			return NULL;
		}
		flags |= SQLITE_OPEN_READONLY;
	}
	configure_sqlite();
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->queue_fd = -1;
	if (mode == STORE_READ_ONLY) /* never writes: no queue */
		st->queue_tried = true;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		sr_fail(err, SR_EDB, "cannot open %s: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		store_close(st);
		return NULL;
	}
	if (apply_pragmas(st, mode, err) != SR_OK) {
		store_close(st);
		return NULL;
	}
	return st;
}

struct store *store_open(const char *path, enum store_mode mode,
			 struct sr_error *err)
{
	struct store *st = open_db(path, mode, err);
	int v;

	if (!st)
		return NULL;
	v = store_file_version(st);
	if (v < 0) {
		store_db_error(st, err, "not a sitrep database");
		store_close(st);
		return NULL;
	}
	if (v > store_schema_version()) {
		sr_fail(err, SR_EUNSUPPORTED,
			"%s: database schema version %d is newer than this "
			"sitrep understands (%d); upgrade sitrep",
			path, v, store_schema_version());
		store_close(st);
		return NULL;
	}
	if (v < store_schema_version()) {
		if (mode == STORE_READ_ONLY) {
			sr_fail(err, SR_EUNSUPPORTED,
				"%s: database schema version %d needs an "
				"upgrade; open it once read-write", path, v);
			store_close(st);
			return NULL;
		}
		if (migrate(st, store_schema_version(), err) != SR_OK) {
			store_close(st);
			return NULL;
		}
	}
	st->days_kept = mode == STORE_READ_WRITE;
	return st;
}

struct store *store_open_at_version(const char *path, int upto,
				    struct sr_error *err)
{
	struct store *st;

	if (upto < 0 || upto > store_schema_version()) {
		sr_fail(err, SR_EINVAL, "no schema version %d", upto);
		return NULL;
	}
	st = open_db(path, STORE_READ_WRITE, err);
	if (st && migrate(st, upto, err) != SR_OK) {
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_finalize_cached(st);
	store_bulk_forget(st);
	sqlite3_close(st->db);
	if (st->queue_fd >= 0)
		close(st->queue_fd); /* and with it the lock, if held */
	free(st->path);
	free(st);
}

long long store_data_version(struct store *st)
{
	sqlite3_stmt *stmt = store_cached(st, SLOT_DATA_VERSION,
					  "PRAGMA data_version", NULL);
	long long v = -1;

	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	if (stmt)
		sqlite3_reset(stmt);
	return v;
}

enum sr_status store_integrity_check(struct store *st, struct sr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA integrity_check", err);
	enum sr_status s = SR_OK;
	int rc;

	if (!stmt)
		return SR_EDB;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		s = store_db_error(st, err, "integrity check failed to run");
	else if (strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0)
		s = sr_fail(err, SR_EDB, "%s: integrity check: %s", st->path,
			    (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	if (s == SR_OK)
		s = store_check_totals(st, err);
	return s == SR_OK ? store_check_facts(st, err) : s;
}

enum sr_status store_journal_in_memory(struct store *st, bool on,
				       struct sr_error *err)
{
	return store_exec(st, on ? "PRAGMA temp_store = MEMORY"
				 : "PRAGMA temp_store = DEFAULT", err);
}

bool store_journal_direct(struct store *st)
{
	sqlite3_stmt *stmt;
	bool direct = false;

	if (!sqlite3_get_autocommit(st->db))
		return false;
	/* Another connection's lock means no: at once, not after the busy
	 * timeout. */
	sqlite3_busy_timeout(st->db, 0);
	stmt = store_prepare(st, "PRAGMA journal_mode = DELETE", NULL);
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		direct = strcmp((const char *)sqlite3_column_text(stmt, 0),
				"delete") == 0;
	sqlite3_finalize(stmt);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	return direct;
}

enum sr_status store_journal_wal(struct store *st, struct sr_error *err)
{
	return store_exec(st, "PRAGMA journal_mode = WAL", err);
}

/* Runs head, the table's name, then tail: the table named from a fixed
 * list, never from input. The first column of its row, -1 on error. */
static long long table_query(struct store *st, const char *head,
			     const char *table, const char *tail)
{
	static const char *const tables[] = {
		"site", "ward", "stay", "day_mark", "opel_declared", "audit",
	};
	sqlite3_stmt *stmt;
	long long n = -1;
	size_t i;
	char *sql;

	for (i = 0; i < ARRAY_SIZE(tables); i++)
		if (strcmp(table, tables[i]) == 0)
			break;
	if (i == ARRAY_SIZE(tables))
		return -1;
	sql = xasprintf("%s%s%s", head, tables[i], tail);
	stmt = store_prepare(st, sql, NULL);
	free(sql);
	if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

long long store_count(struct store *st, const char *table)
{
	return table_query(st, "SELECT count(*) FROM ", table, "");
}

int store_has_rows(struct store *st, const char *table)
{
	/* Stops at the first row: count(*) reads them all (50 ms for the
	 * national stays, on every import). */
	return (int)table_query(st, "SELECT EXISTS (SELECT 1 FROM ", table,
				")");
}

char *store_default_path(const char *explicit_path)
{
	const char *env = getenv("SITREP_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	/* An install's setgid sitrep opens its own database only. */
	if (secure_mode() == SECURE_SETGID)
		return xstrdup(secure_system_db());
	if (explicit_path && *explicit_path)
		return xstrdup(explicit_path);
	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		return xasprintf("%s/sitrep/sitrep.db", xdg);
	return xasprintf("%s/.local/share/sitrep/sitrep.db",
			 home && *home ? home : ".");
}

sqlite3_stmt *store_cached(struct store *st, int slot, const char *sql,
			   struct sr_error *err)
{
	sqlite3_stmt *stmt;

	if (slot < 0 || slot >= STMT_SLOT_COUNT)
		die("statement slot %d out of range", slot);
	stmt = st->cached[slot];
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		return stmt;
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &stmt, NULL) != SQLITE_OK) {
		store_db_error(st, err, "cannot prepare statement");
		return NULL;
	}
	st->cached[slot] = stmt;
	return stmt;
}

void store_finalize_cached(struct store *st)
{
	for (int i = 0; i < STMT_SLOT_COUNT; i++) {
		sqlite3_finalize(st->cached[i]);
		st->cached[i] = NULL;
	}
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

char *store_column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? xstrdup((const char *)t) : NULL;
}
