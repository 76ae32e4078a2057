/* OPEL inputs as both front ends enter them (issue 16): a figure sitrep
 * cannot compute (ED, ambulance) for a parameter of the 2024-26 scoring,
 * checked once here against the config, then recorded with the time it
 * was measured, who entered it and when (store_opel_input.c). */
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/edit.h"
#include "sitrep/util.h"

/* Whether sites of kind k exist. */
static bool kind_in_use(const struct config *cfg, enum site_kind k)
{
	for (size_t i = 0; i < cfg->nsites; i++)
		if (cfg->sites[i].kind == k)
			return true;
	return false;
}

/* The input parameter called name of kind k, or NULL. */
static const struct opel_param_cfg *input_of(const struct config *cfg,
					     enum site_kind k,
					     const char *name)
{
	const struct opel_kind_cfg *kc = &cfg->opel.kind[k];
	const struct opel_param_cfg *p;

	if (kc->rule != OPEL_RULE_POINTS)
		return NULL;
	p = config_opel_param(kc, name);
	return p && p->input ? p : NULL;
}

void edit_opel_input_names(const struct config *cfg, const char *site,
			   char *buf, size_t size)
{
	const struct site_cfg *sc = site ? config_site(cfg, site) : NULL;
	const char *names[SITE_KIND_COUNT * OPEL_PARAMS_MAX];
	size_t n = 0;

	for (int k = 0; k < SITE_KIND_COUNT; k++) {
		const struct opel_kind_cfg *kc = &cfg->opel.kind[k];

		if (sc ? sc->kind != (enum site_kind)k :
			 !kind_in_use(cfg, (enum site_kind)k))
			continue;
		for (size_t i = 0; i < kc->nparams && kc->rule ==
				   OPEL_RULE_POINTS; i++) {
			bool seen = false;

			if (!kc->params[i].input)
				continue;
			for (size_t j = 0; j < n && !seen; j++)
				seen = strcmp(names[j], kc->params[i].name) == 0;
			if (!seen)
				names[n++] = kc->params[i].name;
		}
	}
	if (size)
		buf[0] = '\0';
	for (size_t i = 0, o = 0; i < n && o < size; i++) {
		int w = snprintf(buf + o, size - o, "%s%s",
				 i == 0 ? "" : i + 1 == n ? " or " : ", ",
				 names[i]);

		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* [+-]digits[.digits] as typed, whatever the locale's decimal point. */
static bool parse_value(const char *in, double *out)
{
	const char *dp = localeconv()->decimal_point;
	char buf[64], *end;
	size_t o = 0, digits = 0, n;

	in += strspn(in, " ");
	n = strlen(in);
	while (n && in[n - 1] == ' ')
		n--;
	if (n == 0 || n > 24)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];

		if (isdigit((unsigned char)c)) {
			digits++;
			buf[o++] = c;
		} else if ((c == '-' || c == '+') && i == 0) {
			buf[o++] = c;
		} else if (c == '.' && !memchr(in + i + 1, '.', n - i - 1)) {
			o += (size_t)snprintf(buf + o, 8, "%.7s", dp);
		} else {
			return false;
		}
	}
	buf[o] = '\0';
	if (!digits)
		return false;
	*out = strtod(buf, &end);
	return *end == '\0' && isfinite(*out);
}

/* The parameter for site sc (NULL: the system), or a message saying what
 * can be entered there. */
static enum sr_status check_parameter(const struct config *cfg,
				      const struct site_cfg *sc,
				      const char *parameter,
				      struct sr_error *err)
{
	char names[512];
	const struct opel_kind_cfg *kc;
	const struct opel_param_cfg *p;

	if (!parameter || !*parameter)
		return sr_fail(err, SR_EINVAL, "parameter: which OPEL "
			       "parameter? (one configured with source "
			       "input)");
	if (!sc) {
		for (int k = 0; k < SITE_KIND_COUNT; k++)
			if (kind_in_use(cfg, (enum site_kind)k) &&
			    input_of(cfg, (enum site_kind)k, parameter))
				return SR_OK;
		edit_opel_input_names(cfg, NULL, names, sizeof(names));
		if (!names[0])
			return sr_fail(err, SR_EINVAL, "parameter: the config "
				       "gives no OPEL parameter with source "
				       "input to enter (opel.KIND.parameters)");
		return sr_fail(err, SR_EINVAL, "parameter: '%.32s' is not an "
			       "OPEL input of any site kind in use (inputs: "
			       "%s)", parameter, names);
	}
	if (input_of(cfg, sc->kind, parameter))
		return SR_OK;
	kc = &cfg->opel.kind[sc->kind];
	p = kc->rule == OPEL_RULE_POINTS ? config_opel_param(kc, parameter) :
					   NULL;
	if (p)
		return sr_fail(err, SR_EINVAL, "parameter: '%s' of %s sites is "
			       "computed from %s, not entered", p->name,
			       site_kind_name(sc->kind),
			       opel_metric_name(p->metric));
	edit_opel_input_names(cfg, sc->code, names, sizeof(names));
	if (!names[0])
		return sr_fail(err, SR_EINVAL, "parameter: %s is %s, and "
			       "opel.%s has no parameter with source input "
			       "(nothing to enter)", sc->code,
			       site_kind_name(sc->kind),
			       site_kind_name(sc->kind));
	return sr_fail(err, SR_EINVAL, "parameter: '%.32s' is not an OPEL "
		       "input of %s sites (inputs: %s)", parameter,
		       site_kind_name(sc->kind), names);
}

enum sr_status edit_opel_input_check(const struct edit_ctx *ctx,
				     const char *site, const char *parameter,
				     const char *value, const char *at,
				     struct opel_input *out, char at_buf[20],
				     struct sr_error *err)
{
	const struct site_cfg *sc = NULL;
	enum sr_status s;

	memset(out, 0, sizeof(*out));
	if (site && !(sc = config_site(ctx->cfg, site)))
		return sr_fail(err, SR_EINVAL, "unknown site '%.32s': give a "
			       "site code from the config, or system", site);
	if ((s = check_parameter(ctx->cfg, sc, parameter, err)) != SR_OK)
		return s;
	if (!value || !*value)
		return sr_fail(err, SR_EINVAL, "value: what was measured? (a "
			       "number, e.g. 47 or 12.5)");
	if (!parse_value(value, &out->value))
		return sr_fail(err, SR_EINVAL, "value: '%.32s' is not a number "
			       "(e.g. 47 or 12.5)", value);
	if ((s = edit_time(ctx, "at", at, false, at_buf, err)) != SR_OK)
		return s;
	if (!at_buf[0])
		strlcpy_ok(at_buf, ctx->at, 20);
	out->site = sc ? sc->code : STORE_SYSTEM;
	out->parameter = parameter;
	out->at = at_buf;
	return SR_OK;
}

enum sr_status edit_opel_input(const struct edit_ctx *ctx, const char *site,
			       const char *parameter, const char *value,
			       const char *at, int64_t *id,
			       struct sr_error *err)
{
	struct store_actor who = {.by = ctx->by, .at = ctx->at};
	struct opel_input in;
	char at_buf[20];
	enum sr_status s;

	s = edit_opel_input_check(ctx, site, parameter, value, at, &in, at_buf,
				  err);
	if (s == SR_OK && (s = edit_allow(ctx, AA_OPEL_INPUT, site, NULL, NULL,
					  err)) == SR_EPERM)
		edit_refusal_record(ctx, 0, err);
	if (s != SR_OK)
		return s;
	return store_opel_input_add(ctx->st, &in, &who, id, err);
}
