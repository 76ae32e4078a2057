/* The edit form's values: loading the stay and today's mark, checking what
 * is typed (edit_normalise) and the values together (stay_validate), and
 * saving through edit_apply against the version the form loaded. When
 * someone else saved meanwhile, the dialog lists every field the user
 * changed with both values, and the user chooses: nothing is lost
 * silently. */
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/util.h"

const struct form_field_info form_fields[FF_COUNT] = {
#define FF_INFO(e, label, sf, kind, hint) [e] = {label, sf, kind, hint},
	FORM_FIELDS(FF_INFO)
#undef FF_INFO
};

bool form_same(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b;
	return strcmp(a, b) == 0;
}

void form_set(char **dst, const char *s)
{
	free(*dst);
	*dst = s && *s ? xstrdup(s) : NULL;
}

bool form_modified(const struct form *fm, int f)
{
	return f != FF_FROM && !form_same(fm->val[f], fm->orig[f]);
}

bool form_any_modified(const struct form *fm)
{
	for (int f = 0; f < FF_COUNT; f++)
		if (form_modified(fm, f))
			return true;
	return false;
}

static bool mark_modified(const struct form *fm)
{
	return form_modified(fm, FF_MARK) || form_modified(fm, FF_RED_REASON);
}

/* ---- loading -----------------------------------------------------------*/

/* The stored stay (into s) and today's mark, as form values in dst. */
static enum sr_status read_stored(struct tui *t, int64_t id, struct stay *s,
				  char *dst[FF_COUNT], struct sr_error *err)
{
	char day[DATE_BUF], *colour = NULL, *reason = NULL;
	enum sr_status st = store_stay_get(t->st, id, s, err);

	if (st != SR_OK)
		return st;
	date_format(t->today, day);
	st = store_day_mark_get(t->st, id, day, &colour, &reason, err);
	if (st != SR_OK)
		return st;
	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf != SF_COUNT)
			form_set(&dst[f], s->v[form_fields[f].sf]);
	form_set(&dst[FF_MARK], colour);
	form_set(&dst[FF_RED_REASON], reason);
	free(colour);
	free(reason);
	return SR_OK;
}

enum sr_status form_load(struct view *v, struct tui *t, struct sr_error *err)
{
	struct form *fm = v->state;
	struct stay now = {0};
	char *vals[FF_COUNT] = {0};
	enum sr_status st = read_stored(t, fm->id, &now, vals, err);

	if (st == SR_OK && fm->base.id && form_any_modified(fm)) {
		/* Someone saved while the user is typing: keep what the user
		 * typed; saving will show the dialog. */
		if (now.version != fm->base.version) {
			fm->stored_version = now.version;
			tui_message(t, true, "someone else saved this patient "
				    "(version %lld): saving will ask whose "
				    "values to keep", (long long)now.version);
		}
	} else if (st == SR_OK) {
		stay_clear(&fm->base);
		stay_copy(&fm->base, &now);
		for (int f = 0; f < FF_COUNT; f++) {
			if (f == FF_FROM)
				continue;
			form_set(&fm->orig[f], vals[f]);
			form_set(&fm->val[f], vals[f]);
		}
		fm->stored_version = 0;
	}
	for (int f = 0; f < FF_COUNT; f++)
		free(vals[f]);
	stay_clear(&now);
	return st;
}

/* ---- checking ----------------------------------------------------------*/

static int field_of(enum stay_field sf)
{
	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf == sf)
			return f;
	return -1;
}

void form_set_error(struct tui *t, struct form *fm, int f, const char *msg)
{
	fm->err_field = f;
	fm->quit_after = false; /* a failed save does not leave */
	snprintf(fm->err, sizeof(fm->err), "%s", msg);
	tui_message(t, true, "%s%s%s", f >= 0 ? form_fields[f].label : "",
		    f >= 0 ? ": " : "", msg);
}

/* The edit context of a check or a save made now, on the console's day. */
static struct edit_ctx form_ctx(const struct tui *t)
{
	struct edit_ctx c;

	edit_ctx_init(&c, t->st, t->cfg);
	c.clock.today = t->today;
	return c;
}

bool form_check(struct tui *t, struct form *fm)
{
	struct stay s = {0};
	struct sr_error err = {0};
	struct edit_ctx ctx = form_ctx(t);
	enum stay_field bad = SF_COUNT;
	bool ok;

	fm->err_field = -1;
	fm->err[0] = '\0';
	if (fm->val[FF_RED_REASON] && !form_same(fm->val[FF_MARK], "red")) {
		form_set_error(t, fm, FF_RED_REASON,
			       "only a red day has a reason");
		return false;
	}
	stay_copy(&s, &fm->base);
	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf != SF_COUNT)
			stay_set(&s, form_fields[f].sf, fm->val[f]);
	ok = stay_validate(t->cfg, &s, &bad, &err) == SR_OK &&
	     stay_check_times(&s, ctx.clock.now, &bad, &err) == SR_OK;
	stay_clear(&s);
	if (!ok)
		form_set_error(t, fm, field_of(bad), err.msg);
	return ok;
}

/* "red", "green" (or any start of them) or nothing. */
static bool parse_mark(const char *in, char **out)
{
	size_t n = strlen(in);

	*out = NULL;
	for (int m = 0; n && !*out && m < DAY_MARK_COUNT; m++)
		if (strncasecmp(in, day_mark_name((enum day_mark)m), n) == 0)
			*out = xstrdup(day_mark_name((enum day_mark)m));
	return !n || *out;
}

/* A red-day reason by code or label, any case. */
static bool parse_red_reason(const struct config *cfg, const char *in,
			     char **out)
{
	*out = NULL;
	for (size_t i = 0; *in && i < cfg->nred_reasons; i++)
		if (!strcasecmp(in, cfg->red_reasons[i].code) ||
		    !strcasecmp(in, cfg->red_reasons[i].label)) {
			*out = xstrdup(cfg->red_reasons[i].code);
			break;
		}
	return !*in || *out;
}

/* The day has just been made red with no reason: offer the reason put
 * aside when it left red, else the stay's last red-day reason (from the
 * audit trail), else the last one marked in this session. */
static void red_reason_again(struct tui *t, struct form *fm)
{
	struct sr_error err = {0};
	char *last = NULL;

	if (fm->kept_red_reason) {
		fm->val[FF_RED_REASON] = fm->kept_red_reason;
		fm->kept_red_reason = NULL;
		return;
	}
	if (store_last_red_reason(t->st, fm->id, &last, &err) == SR_OK &&
	    last && config_red_reason(t->cfg, last)) {
		fm->val[FF_RED_REASON] = last;
		return;
	}
	free(last);
	if (t->last_red_reason[0] &&
	    config_red_reason(t->cfg, t->last_red_reason))
		form_set(&fm->val[FF_RED_REASON], t->last_red_reason);
}

void form_take_input(struct tui *t, struct form *fm, int f, const char *in)
{
	struct edit_ctx ctx = form_ctx(t);
	struct sr_error err = {0};
	char *out = NULL, *trim = xstrdup(in), *p = trim;
	const char *why = NULL;
	size_t n;

	while (*p == ' ')
		p++;
	for (n = strlen(p); n > 0 && p[n - 1] == ' '; n--)
		p[n - 1] = '\0';
	if (f == FF_FROM) {
		char from[20];

		if (edit_from(&ctx, p, from, &err) != SR_OK)
			why = err.msg + (strncmp(err.msg, "from: ", 6) ? 0 : 6);
		else if (from[0])
			out = xasprintf("%.16s", from);
	} else if (f == FF_MARK) {
		if (!parse_mark(p, &out))
			why = "type red, green, or nothing to remove the mark";
	} else if (f == FF_RED_REASON) {
		if (!parse_red_reason(t->cfg, p, &out))
			why = "unknown red-day reason (see red_reasons in the "
			      "config; <- -> lists them)";
	} else if (edit_normalise(&ctx, form_fields[f].sf,
				  fm->base.v[SF_SITE], in, &out, &err) !=
		   SR_OK) {
		why = err.msg;
	}
	free(trim);
	if (why) {
		form_set_error(t, fm, f, why);
		return;
	}
	free(fm->val[f]);
	fm->val[f] = out;
	/* A red-day reason makes the day red; a day not red has none, but
	 * its reason is kept aside and comes back with the red. */
	if (f == FF_RED_REASON && out)
		form_set(&fm->val[FF_MARK], "red");
	if (f == FF_MARK && !form_same(out, "red") && fm->val[FF_RED_REASON]) {
		free(fm->kept_red_reason);
		fm->kept_red_reason = fm->val[FF_RED_REASON];
		fm->val[FF_RED_REASON] = NULL;
	}
	if (f == FF_MARK && form_same(out, "red") && !fm->val[FF_RED_REASON])
		red_reason_again(t, fm);
	fm->discharge_ok = false;
	fm->left_ok = false;
	form_check(t, fm);
}

/* ---- conflicts -----------------------------------------------------------*/

static bool last_change(const struct audit_row *r, void *ctx)
{
	struct form *fm = ctx;

	snprintf(fm->their_by, sizeof(fm->their_by), "%s", r->by);
	snprintf(fm->their_at, sizeof(fm->their_at), "%.10s %.5s", r->at,
		 strlen(r->at) > 11 ? r->at + 11 : "");
	return true;
}

/* Reads the stored stay (and who changed it last) and opens the dialog
 * over every field that differs: those the user changed, each set to apply
 * the user's value, and those only the other user changed, shown with the
 * value the user loaded (their value is kept). */
static int enter_conflict(struct tui *t, struct form *fm)
{
	struct audit_filter af = {.stay = fm->id};
	struct sr_error err = {0};

	fm->their_by[0] = fm->their_at[0] = '\0';
	if (store_audit_each(t->st, &af, last_change, fm, &err) != SR_OK)
		fm->their_by[0] = '\0';
	stay_clear(&fm->theirs);
	if (read_stored(t, fm->id, &fm->theirs, fm->their, &err) != SR_OK) {
		form_set_error(t, fm, -1, err.msg);
		return TUI_REDRAW;
	}
	fm->csel = -1;
	for (int f = 0; f < FF_COUNT; f++) {
		fm->listed[f] = form_modified(fm, f);
		fm->mine[f] = true;
		fm->theirs_only[f] = !fm->listed[f] &&
				     !form_same(fm->their[f], fm->orig[f]);
		if (fm->listed[f] && fm->csel < 0)
			fm->csel = f;
	}
	fm->mode = M_CONFLICT;
	tui_message(t, true, "someone else saved this patient (now version "
		    "%lld): choose whose values to keep",
		    (long long)fm->theirs.version);
	return TUI_REDRAW;
}

bool form_left_meanwhile(const struct form *fm)
{
	return fm->theirs.v[SF_DISCHARGED_AT] && !fm->base.v[SF_DISCHARGED_AT];
}

size_t form_other_changes(const struct form *fm, enum stay_field *out,
			  size_t max)
{
	size_t n = 0;

	for (int sf = 0; sf < SF_COUNT && n < max; sf++) {
		bool in_form = false;

		for (int f = 0; f < FF_COUNT; f++)
			in_form |= form_fields[f].sf == (enum stay_field)sf;
		if (!in_form && !form_same(fm->base.v[sf], fm->theirs.v[sf]))
			out[n++] = (enum stay_field)sf;
	}
	return n;
}

void form_resolve(struct form *fm)
{
	for (int f = 0; f < FF_COUNT; f++) {
		if (f == FF_FROM)
			continue;
		if (!fm->listed[f] || !fm->mine[f])
			form_set(&fm->val[f], fm->their[f]);
		form_set(&fm->orig[f], fm->their[f]);
	}
	stay_clear(&fm->base);
	stay_copy(&fm->base, &fm->theirs);
	fm->stored_version = 0;
	fm->mode = M_EDIT;
}

/* Day marks carry no version: has the stored one moved since loading?
 * Asked before the fields are saved, so a moved mark saves nothing;
 * edit_mark_if asks again where it counts, in the mark's transaction. */
static bool mark_moved(struct tui *t, struct form *fm)
{
	char *their[FF_COUNT] = {0};
	struct stay s = {0};
	struct sr_error err = {0};
	bool moved = read_stored(t, fm->id, &s, their, &err) != SR_OK ||
		     !form_same(their[FF_MARK], fm->orig[FF_MARK]) ||
		     !form_same(their[FF_RED_REASON], fm->orig[FF_RED_REASON]);

	for (int f = 0; f < FF_COUNT; f++)
		free(their[f]);
	stay_clear(&s);
	return moved;
}

/* ---- saving ------------------------------------------------------------*/

/* Fields that keep changing once the patient has left: the discharge
 * itself and the note (as edit_apply has it), and the day's mark. */
static bool after_discharge(int f)
{
	return f == FF_DISCHARGED || f == FF_DESTINATION || f == FF_NOTE ||
	       f == FF_MARK || f == FF_RED_REASON;
}

/* The user changed a field of a stay that is stored as discharged, and
 * keeps it discharged: that needs a yes (edit_apply refuses it without). */
static bool changes_left_patient(const struct form *fm)
{
	if (!fm->base.v[SF_DISCHARGED_AT] || !fm->val[FF_DISCHARGED])
		return false;
	for (int f = 0; f < FF_COUNT; f++)
		if (!after_discharge(f) && form_modified(fm, f))
			return true;
	return false;
}

/* Whether a field that "Changes from" dates was changed. */
static bool dated_modified(const struct form *fm)
{
	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf != SF_COUNT &&
		    stay_field_dated(form_fields[f].sf) && form_modified(fm, f))
			return true;
	return false;
}

/* The stay's fields that changed, through edit_apply; on success the saved
 * stay becomes the base. */
static int save_fields(struct tui *t, struct form *fm,
		       const struct edit_ctx *ctx)
{
	struct edit_change ch[FF_COUNT];
	struct sr_error err = {0};
	struct edit_result res = {0};
	struct edit_request rq = {.id = fm->id,
				  .expected_version = fm->base.version,
				  .ch = ch,
				  .flags = fm->left_ok ? EDIT_DISCHARGED_OK : 0,
				  .from = fm->val[FF_FROM]};
	enum sr_status st;
	size_t n = 0;

	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf != SF_COUNT && form_modified(fm, f))
			ch[n++] = (struct edit_change){form_fields[f].sf,
						       fm->val[f]};
	if (!n)
		return 0;
	rq.n = n;
	st = edit_apply(ctx, &rq, &res, &err);
	if (st == SR_ECONFLICT) {
		edit_result_clear(&res);
		return enter_conflict(t, fm);
	}
	if (st != SR_OK && strncmp(err.msg, "from: ", 6) == 0) {
		form_set_error(t, fm, FF_FROM, err.msg + 6);
		edit_result_clear(&res);
		return TUI_REDRAW;
	}
	if (st != SR_OK) {
		form_set_error(t, fm, res.bad < SF_COUNT ? field_of(res.bad) :
				      -1, err.msg);
		edit_result_clear(&res);
		return TUI_REDRAW;
	}
	snprintf(fm->warning, sizeof(fm->warning), "%s", res.warning);
	stay_clear(&fm->base);
	stay_copy(&fm->base, &res.saved);
	edit_result_clear(&res);
	for (int f = 0; f < FF_COUNT; f++)
		if (form_fields[f].sf != SF_COUNT)
			form_set(&fm->orig[f], fm->base.v[form_fields[f].sf]);
	return 0;
}

int form_save(struct tui *t, struct form *fm)
{
	struct edit_ctx ctx = form_ctx(t);
	struct sr_error err = {0};
	int r;

	fm->mode = M_EDIT;
	fm->warning[0] = '\0';
	if (!form_any_modified(fm)) {
		tui_message(t, false, "nothing changed");
		return fm->quit_after ? TUI_QUIT : TUI_REDRAW;
	}
	if (!form_check(t, fm))
		return TUI_REDRAW;
	if (fm->val[FF_FROM] && !dated_modified(fm)) {
		form_set_error(t, fm, FF_FROM, "only changes of the ward, bed, "
			       "EDD, green to go, pathway, delay or "
			       "destination take effect from an earlier time: "
			       "empty it to save the others now");
		return TUI_REDRAW;
	}
	if (fm->val[FF_DISCHARGED] && form_modified(fm, FF_DISCHARGED) &&
	    !fm->discharge_ok) {
		fm->mode = M_ASK_DISCHARGE;
		tui_message(t, false, "discharge this patient? (y/n)");
		return TUI_REDRAW;
	}
	if (changes_left_patient(fm) && !fm->left_ok) {
		fm->mode = M_ASK_LEFT;
		tui_message(t, true, "this patient has left: save your changes "
			    "to the discharged stay? (y/N)");
		return TUI_REDRAW;
	}
	if (mark_modified(fm) && mark_moved(t, fm))
		return enter_conflict(t, fm);
	if ((r = save_fields(t, fm, &ctx)) != 0)
		return r;
	if (mark_modified(fm)) {
		/* Checked again in the mark's own transaction: someone may
		 * have marked the day since mark_moved looked. */
		enum sr_status st = edit_mark_if(&ctx, fm->id, t->today,
						 fm->orig[FF_MARK],
						 fm->orig[FF_RED_REASON],
						 fm->val[FF_MARK],
						 fm->val[FF_RED_REASON], &err);

		if (st == SR_ECONFLICT)
			return enter_conflict(t, fm);
		if (st != SR_OK) {
			form_set_error(t, fm, FF_MARK, err.msg);
			return TUI_REDRAW;
		}
		form_set(&fm->orig[FF_MARK], fm->val[FF_MARK]);
		form_set(&fm->orig[FF_RED_REASON], fm->val[FF_RED_REASON]);
		if (fm->val[FF_RED_REASON])
			strlcpy_ok(t->last_red_reason, fm->val[FF_RED_REASON],
				   sizeof(t->last_red_reason));
	}
	fm->left_ok = false;
	if (fm->warning[0])
		tui_message(t, true, "saved (version %lld); %s",
			    (long long)fm->base.version, fm->warning);
	else
		tui_message(t, false, "saved (version %lld)",
			    (long long)fm->base.version);
	return fm->quit_after ? TUI_QUIT : TUI_POP;
}
