/* Checked allocation, a last-resort die(), and small string helpers shared by
 * every module. Allocation failure is fatal: the allocators never return NULL. */
#ifndef SITREP_UTIL_H
#define SITREP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t size) __attribute__((malloc, returns_nonnull));
void *xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));
void *xrealloc(void *p, size_t size) __attribute__((returns_nonnull));
/* Grows an array of n elements of size elem so that it can hold at least need;
 * *cap is updated. Returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
	__attribute__((returns_nonnull));
char *xstrdup(const char *s) __attribute__((malloc, returns_nonnull));
char *xstrndup(const char *s, size_t n) __attribute__((malloc, returns_nonnull));
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), malloc, returns_nonnull));

/* A hook run by die() before printing, so the console can restore the
 * terminal first. NULL by default. */
extern void (*die_hook)(void);
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copies src into dst of size n, always terminating; returns false if cut. */
bool strlcpy_ok(char *dst, const char *src, size_t n);

/* One phase of a longer job's progress: progress_phase(done, phase) reports
 * phase->fn(from + span * done, ctx), so a job's steps share one bar. */
struct progress_phase {
	void (*fn)(double done, void *ctx); /* NULL: nothing to report */
	void *ctx;
	double from, span;
};
void progress_phase(double done, void *phase);

/* The login name of the person running sitrep, for the audit trail:
 * $SITREP_USER (tests), else the password entry of the real uid, else "uid:N".
 * Returns a static buffer. */
const char *util_login_name(void);

#endif
