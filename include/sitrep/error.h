/* Status codes and the error value that carries a user-facing message up the
 * layers. Fallible functions return an enum sr_status and fill a caller-provided
 * struct sr_error; only main decides what to print and which exit code to use. */
#ifndef SITREP_ERROR_H
#define SITREP_ERROR_H

#include <stddef.h>

/* X(name, exit code, short description) */
#define SR_STATUS_TABLE(X)                                   \
	X(SR_OK, 0, "ok")                                    \
	X(SR_EINVAL, 65, "invalid input")                    \
	X(SR_ENOTFOUND, 66, "not found")                     \
	X(SR_EIO, 74, "input/output error")                  \
	X(SR_EDB, 70, "database error")                      \
	X(SR_EBUSY, 75, "database busy")                     \
	X(SR_ECONFLICT, 76, "edit conflict")                 \
	X(SR_ECONFIG, 78, "configuration error")             \
	X(SR_ENOMEM, 71, "out of memory")                    \
	X(SR_EUNSUPPORTED, 69, "not supported")              \
	X(SR_EPERM, 77, "not permitted")

enum sr_status {
#define SR_STATUS_ENUM(name, code, text) name,
	SR_STATUS_TABLE(SR_STATUS_ENUM)
#undef SR_STATUS_ENUM
};

#define SR_ERROR_MAX 1024

struct sr_error {
	enum sr_status status;
	char msg[SR_ERROR_MAX];
};

/* Records status and a printf-style message in err (which may be NULL) and
 * returns status, so callers can write `return sr_fail(err, SR_EINVAL, ...)`. */
enum sr_status sr_fail(struct sr_error *err, enum sr_status status,
		       const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefixes an existing message with more context ("FILE: " + old message). */
void sr_error_prefix(struct sr_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void sr_error_clear(struct sr_error *err);
const char *sr_status_text(enum sr_status status);
int sr_status_exit_code(enum sr_status status);

#endif
