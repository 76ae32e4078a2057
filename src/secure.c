/* The two modes (include/sitrep/secure.h): finding which, and in the
 * setgid mode the classic precautions of a setgid program (as games and
 * mail tools with shared files take them): a clean environment, standard
 * descriptors that are open, no core dump, a group-friendly umask, the
 * group's rights only where sitrep itself chooses the path. */
#define _GNU_SOURCE /* setresgid, clearenv */
#include "sitrep/secure.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep/util.h"

static enum secure_mode mode = SECURE_USER;
static gid_t install_gid;
static const char *system_db, *system_config;

/* What a setgid sitrep keeps of the environment: the terminal, the
 * locale, the time zone and the console's own switches. A value holding
 * '/' (a path: a locale or zone file of the user's) or longer than
 * KEEP_MAX is dropped too. */
static const char *const keep[] = {
	"TERM",        "LANG",     "LC_ALL",      "LC_CTYPE",   "LC_COLLATE",
	"LC_MESSAGES", "LC_TIME",  "LC_NUMERIC",  "LC_MONETARY", "TZ",
	"NO_COLOR",    "COLUMNS",  "LINES",
};
#define KEEP_MAX 128
#define SAFE_PATH "/usr/bin:/bin"

static void clean_environment(void)
{
	char *value[sizeof(keep) / sizeof(keep[0])];
	size_t n = sizeof(keep) / sizeof(keep[0]);

	for (size_t i = 0; i < n; i++) {
		const char *v = getenv(keep[i]);

		value[i] = v && strlen(v) <= KEEP_MAX && !strchr(v, '/') ?
				   xstrdup(v) :
				   NULL;
	}
	clearenv();
	for (size_t i = 0; i < n; i++) {
		if (value[i])
			setenv(keep[i], value[i], 1);
		free(value[i]);
	}
	setenv("PATH", SAFE_PATH, 1);
}

/* A closed 0, 1 or 2 would be the next file opened: the database could
 * then receive what is printed. Each closed one is /dev/null instead. */
static void standard_descriptors(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);

		if (n < 0)
			_exit(127);
		if (n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
}

/* $SITREP_DB and $SITREP_CONFIG may only name the installed files. */
static enum sr_status check_env(const char *name, const char *installed,
				struct sr_error *err)
{
	const char *v = getenv(name);

	if (!v || !*v)
		return SR_OK;
	return secure_check_path(name, v, installed, err);
}

enum sr_status secure_init(const struct secure_paths *paths,
			   struct sr_error *err)
{
	struct rlimit none = {0, 0};
	enum sr_status s;

	system_db = paths->db;
	system_config = paths->config;
	if (getegid() == getgid() && !getauxval(AT_SECURE))
		return SR_OK;
	mode = SECURE_SETGID;
	install_gid = getegid();
	standard_descriptors();
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(007);
	s = check_env("SITREP_DB", system_db, err);
	if (s == SR_OK)
		s = check_env("SITREP_CONFIG", system_config, err);
	clean_environment();
	return s;
}

enum secure_mode secure_mode(void)
{
	return mode;
}

const char *secure_mode_name(void)
{
	return mode == SECURE_SETGID ? "setgid" : "user";
}

const char *secure_system_db(void)
{
	return system_db;
}

const char *secure_system_config(void)
{
	return system_config;
}

/* Whether the user's path names the installed file: the same text, or
 * the same device and inode (through a symbolic link, or with "./" in
 * it), the user's path looked up with the user's own rights. */
static bool same_file(const char *user, const char *installed)
{
	struct stat su, si;
	bool found;

	if (strcmp(user, installed) == 0)
		return true;
	secure_user_rights();
	found = stat(user, &su) == 0;
	secure_group_rights();
	return found && stat(installed, &si) == 0 && su.st_dev == si.st_dev &&
	       su.st_ino == si.st_ino;
}

enum sr_status secure_check_path(const char *option, const char *path,
				 const char *installed, struct sr_error *err)
{
	bool ok;

	if (mode != SECURE_SETGID)
		return SR_OK;
	ok = same_file(path, installed);
	if (ok)
		return SR_OK;
	return sr_fail(err, SR_EINVAL, "%s: this sitrep is installed setgid "
		       "and opens only %s, not another file", option,
		       installed);
}

void secure_user_rights(void)
{
	if (mode == SECURE_SETGID && setegid(getgid()) != 0)
		die("cannot give up the install's group: %s", strerror(errno));
}

void secure_group_rights(void)
{
	if (mode == SECURE_SETGID && setegid(install_gid) != 0)
		die("cannot take the install's group back: %s",
		    strerror(errno));
}

FILE *secure_fopen_user(const char *path, const char *how)
{
	FILE *f;
	int e;

	secure_user_rights();
	f = fopen(path, how);
	e = errno;
	secure_group_rights();
	errno = e;
	return f;
}

int secure_drop_group(void)
{
	gid_t g = getgid();

	if (mode != SECURE_SETGID)
		return 0;
	if (setresgid(g, g, g) != 0)
		return -1;
	if (getegid() != g) {
		errno = EPERM;
		return -1;
	}
	return 0;
}
