/* Checked allocation and small helpers (see include/sitrep/util.h). */
#include "sitrep/secure.h"
#include "sitrep/util.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void (*die_hook)(void);

_Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook)
		die_hook();
	fputs("sitrep: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		die("out of memory (%zu bytes)", size);
	return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die("array too large");
		n *= 2;
	}
	if (elem && n > SIZE_MAX / elem)
		die("array too large");
	*cap = n;
	return xrealloc(p, n * elem);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	int n;
	char *p;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("cannot format string");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

bool strlcpy_ok(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n == 0)
		return false;
	if (len >= n) {
		memcpy(dst, src, n - 1);
		dst[n - 1] = '\0';
		return false;
	}
	memcpy(dst, src, len + 1);
	return true;
}

const char *util_login_name(void)
{
	static char name[64];
	const char *env = getenv("SITREP_USER");
	struct passwd *pw;

	/* $SITREP_USER names the tests' users; an install's setgid sitrep
	 * knows the user only by the real uid (its environment is cleaned
	 * anyway), so the audit trail cannot be told a false name. */
	if (env && *env && secure_mode() != SECURE_SETGID) {
		strlcpy_ok(name, env, sizeof(name));
		return name;
	}
	pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		strlcpy_ok(name, pw->pw_name, sizeof(name));
	else
		snprintf(name, sizeof(name), "uid:%lu", (unsigned long)getuid());
	return name;
}

void progress_phase(double done, void *phase)
{
	const struct progress_phase *p = phase;

	if (p->fn)
		p->fn(p->from + p->span * done, p->ctx);
}
