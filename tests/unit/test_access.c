/* Unit tests of who may do what (src/access.c): every action of the
 * action table for every role, in and out of the role's scope, for a user
 * no entry names, with no access list at all, by group and by "*". The
 * matrix below is written from the words of issue 18 and sitrep.yaml(5),
 * not from the C table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sitrep/access.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char *acu[] = {"ACU"}, *com_w1[] = {"COM/W1"}, *asc[] = {"asc"};
static char *boss[] = {"boss"}, *ward[] = {"ward"}, *sc[] = {"sc"},
	    *view[] = {"view"}, *flow[] = {"flow"}, *all[] = {"*"};

static const struct access_grant grants[] = {
	{.role = AR_BED_MANAGER, .users = boss, .nusers = 1},
	{.role = AR_WARD_COORDINATOR, .users = ward, .nusers = 1,
	 .sites = acu, .nsites = 1, .wards = com_w1, .nwards = 1},
	{.role = AR_SOCIAL_CARE, .users = sc, .nusers = 1, .owners = asc,
	 .nowners = 1},
	{.role = AR_VIEWER, .users = view, .nusers = 1},
};

/* In scope: site ACU (ward A), owner asc. Y: allowed, N: refused. */
struct expect {
	enum access_action a;
	const char *roles; /* boss ward sc view: 'Y' or 'N' */
};
static const struct expect in_scope[] = {
	{AA_READ, "YYYY"},         {AA_IDENTIFIERS, "YYYN"},
	{AA_ADMIT, "YYNN"},        {AA_EDIT_STAY, "YYNN"},
	{AA_DISCHARGE, "YYNN"},    {AA_MARK_DAY, "YYNN"},
	{AA_BLOCKER, "YYYN"},      {AA_BEDS, "YNNN"},
	{AA_DECLARE_SITE, "YNNN"}, {AA_DECLARE_SYSTEM, "YNNN"},
	{AA_OPEL_INPUT, "YNNN"},   {AA_IMPORT, "YNNN"},
	{AA_ADMIN, "YNNN"},
};
static const char *const logins[] = {"boss", "ward", "sc", "view"};

static bool allows(const char *login, const char *const *groups, size_t ng,
		   enum access_action a, const char *site, const char *w,
		   const char *owner)
{
	struct access acc;
	char why[512];

	access_resolve(grants, N(grants), true, login, groups, ng, &acc);
	return access_allows(&acc, a, site, w, owner, why, sizeof(why));
}

static void test_every_action_every_role(void **state)
{
	(void)state;
	assert_int_equal(N(in_scope), AA_COUNT);
	for (size_t i = 0; i < N(in_scope); i++)
		for (size_t r = 0; r < N(logins); r++) {
			bool want = in_scope[i].roles[r] == 'Y';
			bool got = allows(logins[r], NULL, 0, in_scope[i].a,
					  "ACU", "A", "asc");

			if (got != want)
				fail_msg("%s by %s: %s, expected %s",
					 access_action_name(in_scope[i].a),
					 logins[r], got ? "allowed" : "refused",
					 want ? "allowed" : "refused");
		}
}

static void test_out_of_scope(void **state)
{
	(void)state;
	/* The ward coordinator: ACU's every ward, COM's W1 only. */
	assert_true(allows("ward", NULL, 0, AA_EDIT_STAY, "ACU", "B", NULL));
	assert_true(allows("ward", NULL, 0, AA_EDIT_STAY, "COM", "W1", NULL));
	assert_false(allows("ward", NULL, 0, AA_EDIT_STAY, "COM", "W2", NULL));
	assert_false(allows("ward", NULL, 0, AA_EDIT_STAY, "COM", NULL, NULL));
	assert_false(allows("ward", NULL, 0, AA_ADMIT, "COM", "W2", NULL));
	assert_false(allows("ward", NULL, 0, AA_DISCHARGE, "COM", NULL, NULL));
	assert_false(allows("ward", NULL, 0, AA_MARK_DAY, "COM", "W2", NULL));
	assert_false(allows("ward", NULL, 0, AA_BLOCKER, "COM", "W2", "asc"));
	/* Reading is not limited by the scope. */
	assert_true(allows("ward", NULL, 0, AA_READ, "COM", "W2", NULL));
	assert_true(allows("ward", NULL, 0, AA_IDENTIFIERS, "COM", NULL, NULL));
	/* Social care: the blockers its owners own, anywhere. */
	assert_true(allows("sc", NULL, 0, AA_BLOCKER, "COM", "W2", "asc"));
	assert_false(allows("sc", NULL, 0, AA_BLOCKER, "ACU", "A", "hub"));
	assert_false(allows("sc", NULL, 0, AA_BLOCKER, "ACU", "A", NULL));
	assert_false(allows("sc", NULL, 0, AA_EDIT_STAY, "ACU", "A", "asc"));
}

static void test_no_role_no_list(void **state)
{
	struct access acc;
	char why[512];

	(void)state;
	for (int a = 0; a < AA_COUNT; a++)
		assert_false(allows("eve", NULL, 0, (enum access_action)a,
				    "ACU", "A", "asc"));
	access_resolve(grants, N(grants), true, "eve", NULL, 0, &acc);
	assert_false(access_allows(&acc, AA_READ, NULL, NULL, NULL, why,
				   sizeof(why)));
	assert_string_equal(why, "eve has no role in the config's access "
				 "list, so may not read the figures and "
				 "lists");
	/* No list: everyone may do everything. */
	access_resolve(NULL, 0, false, "eve", NULL, 0, &acc);
	for (int a = 0; a < AA_COUNT; a++)
		assert_true(access_allows(&acc, (enum access_action)a, "X",
					  "Y", "z", why, sizeof(why)));
}

static void test_groups_and_everyone(void **state)
{
	static const struct access_grant g[] = {
		{.role = AR_BED_MANAGER, .groups = flow, .ngroups = 1},
		{.role = AR_VIEWER, .users = all, .nusers = 1},
	};
	const char *groups[] = {"staff", "flow"};
	struct access acc;
	char why[512];

	(void)state;
	access_resolve(g, N(g), true, "carol", groups, 2, &acc);
	assert_int_equal(acc.ngrants, 2);
	assert_true(access_allows(&acc, AA_DECLARE_SYSTEM, NULL, NULL, NULL,
				  why, sizeof(why)));
	access_resolve(g, N(g), true, "dan", groups, 1, &acc);
	assert_int_equal(acc.ngrants, 1);
	assert_true(access_allows(&acc, AA_READ, NULL, NULL, NULL, why,
				  sizeof(why)));
	assert_false(access_allows(&acc, AA_IDENTIFIERS, NULL, NULL, NULL,
				   why, sizeof(why)));
	assert_string_equal(why, "dan (viewer) may not see names, MRNs and "
				 "NHS numbers: it takes a bed manager, a ward "
				 "coordinator or a social care worker whose "
				 "scope covers it");
}

/* Somewhere: the role may take the action in some scope, whatever the
 * scope; the row of in_scope above, read for every role. */
static void test_somewhere(void **state)
{
	struct access acc;

	(void)state;
	for (size_t i = 0; i < N(in_scope); i++)
		for (size_t r = 0; r < N(logins); r++) {
			access_resolve(grants, N(grants), true, logins[r],
				       NULL, 0, &acc);
			if (access_may_somewhere(&acc, in_scope[i].a) !=
			    (in_scope[i].roles[r] == 'Y'))
				fail_msg("%s by %s somewhere",
					 access_action_name(in_scope[i].a),
					 logins[r]);
		}
	/* Out of every scope named, still somewhere. */
	access_resolve(grants, N(grants), true, "sc", NULL, 0, &acc);
	assert_true(access_may_somewhere(&acc, AA_BLOCKER));
	assert_false(access_allows(&acc, AA_BLOCKER, NULL, NULL, NULL, NULL,
				   0));
	access_resolve(grants, N(grants), true, "eve", NULL, 0, &acc);
	assert_false(access_may_somewhere(&acc, AA_READ));
	access_resolve(NULL, 0, false, "eve", NULL, 0, &acc);
	assert_true(access_may_somewhere(&acc, AA_ADMIN));
}

static void test_describe(void **state)
{
	struct access acc;
	char buf[256];

	(void)state;
	access_resolve(grants, N(grants), true, "ward", NULL, 0, &acc);
	access_describe(&acc, buf, sizeof(buf));
	assert_string_equal(buf, "ward coordinator (sites ACU; wards COM/W1)");
	access_resolve(grants, N(grants), true, "sc", NULL, 0, &acc);
	access_describe(&acc, buf, sizeof(buf));
	assert_string_equal(buf, "social care worker (blockers of asc)");
	access_resolve(grants, N(grants), true, "eve", NULL, 0, &acc);
	access_describe(&acc, buf, sizeof(buf));
	assert_string_equal(buf, "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_every_role),
		cmocka_unit_test(test_out_of_scope),
		cmocka_unit_test(test_no_role_no_list),
		cmocka_unit_test(test_groups_and_everyone),
		cmocka_unit_test(test_somewhere),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
