/* Status codes and error messages (see include/sitrep/error.h). */
#include "sitrep/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *text;
	int exit_code;
} status_info[] = {
#define SR_STATUS_INFO(name, code, text) {text, code},
	SR_STATUS_TABLE(SR_STATUS_INFO)
#undef SR_STATUS_INFO
};

enum sr_status sr_fail(struct sr_error *err, enum sr_status status,
		       const char *fmt, ...)
{
	if (err) {
		va_list ap;

		err->status = status;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return status;
}

void sr_error_prefix(struct sr_error *err, const char *fmt, ...)
{
	char prefix[SR_ERROR_MAX];
	size_t plen, olen;
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	plen = strlen(prefix);
	if (plen > sizeof(err->msg) - 1)
		plen = sizeof(err->msg) - 1;
	olen = strlen(err->msg);
	if (plen + olen > sizeof(err->msg) - 1)
		olen = sizeof(err->msg) - 1 - plen;
	memmove(err->msg + plen, err->msg, olen);
	memcpy(err->msg, prefix, plen);
	err->msg[plen + olen] = '\0';
}

void sr_error_clear(struct sr_error *err)
{
	if (err) {
		err->status = SR_OK;
		err->msg[0] = '\0';
	}
}

const char *sr_status_text(enum sr_status status)
{
	if ((size_t)status >= sizeof(status_info) / sizeof(status_info[0]))
		return "unknown status";
	return status_info[status].text;
}

int sr_status_exit_code(enum sr_status status)
{
	if ((size_t)status >= sizeof(status_info) / sizeof(status_info[0]))
		return 1;
	return status_info[status].exit_code;
}
