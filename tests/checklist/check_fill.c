/*
 * Scan results into a checklist (checklist/fill.c) on the real Exchange
 * 2019 Edge release: result values to statuses, the matcher's tiers
 * (rule id, SV number across a revision, legacy id, STIG id), several
 * results for one rule, manual reviews kept, unmatched results counted.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "fill.h"
#include "source.h"
#include "testutil.h"

#define E19 "corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"

START_TEST(test_fill__result_values_map_as_users_expect)
{
	static const struct {
		const char *value;
		enum sd_cl_status st;
		int reason;
	} t[] = {
		{ "pass", SD_CL_NOT_A_FINDING, 0 }, { "PASS", SD_CL_NOT_A_FINDING, 0 },
		{ "fixed", SD_CL_NOT_A_FINDING, 0 }, { "fail", SD_CL_OPEN, 0 },
		{ "notapplicable", SD_CL_NOT_APPLICABLE, 0 },
		{ "notchecked", SD_CL_NOT_REVIEWED, 1 }, { "unknown", SD_CL_NOT_REVIEWED, 1 },
		{ "error", SD_CL_NOT_REVIEWED, 1 }, { "notselected", SD_CL_NOT_REVIEWED, 1 },
		{ "informational", SD_CL_NOT_REVIEWED, 1 }, { "bogus", SD_CL_NOT_REVIEWED, 1 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++) {
		const char *why = NULL;

		ck_assert_int_eq(sd_res_status(t[i].value, &why), t[i].st);
		ck_assert_int_eq(why != NULL, t[i].reason);
	}
}
END_TEST

/* One TestResult of (idref, result, version, legacy) rows. */
static void add_set(struct sd_results *r, const char *const (*rows)[4],
		    size_t n)
{
	struct sd_test_result *t;

	SD_ALLOC_GROW(r->v, r->n, r->cap);
	t = &r->v[r->n++];
	memset(t, 0, sizeof(*t));
	t->source = sd_xstrdup("scan.xml");
	t->xccdf_version = sd_xstrdup("1.2");
	for (size_t i = 0; i < n; i++) {
		struct sd_rule_result *rr;

		SD_ALLOC_GROW(t->rules, t->nrules, t->cap);
		rr = &t->rules[t->nrules++];
		memset(rr, 0, sizeof(*rr));
		rr->idref = sd_xstrdup(rows[i][0]);
		rr->rule_id = sd_xstrdup(rows[i][0]);
		rr->result = sd_xstrdup(rows[i][1]);
		if (rows[i][2])
			rr->version = sd_xstrdup(rows[i][2]);
		if (rows[i][3])
			sd_strv_push(&rr->legacy, rows[i][3]);
	}
}

static const struct sd_cl_vuln *vuln(const struct sd_checklist *cl,
				     const char *vid)
{
	for (size_t i = 0; i < cl->stigs[0].nvulns; i++)
		if (!strcmp(sd_cl_vuln_get(&cl->stigs[0].vulns[i], "Vuln_Num"), vid))
			return &cl->stigs[0].vulns[i];
	return NULL;
}

START_TEST(test_fill__every_tier_finds_its_rule_and_every_result_is_counted)
{
	struct sd_benchmark *b = NULL;
	struct sd_checklist *cl;
	struct sd_results in = SD_RESULTS_INIT;
	struct sd_res_report rep;
	const struct sd_cl_vuln *v;
	const char *rule0, *ver1, *rule2;
	char idrev[128], leg[64];

	ck_assert_int_eq(sd_source_load_one(E19, NULL, NULL, &b), 0);
	cl = sd_checklist_from_benchmark(b);
	rule0 = b->rules[0].rule_id;
	ver1 = b->rules[1].stig_id;
	rule2 = b->rules[2].rule_id;
	/* Rule 0 by its id, rule 1 by its STIG id only, rule 2 under
	 * another revision (the SV number agrees); an id no rule has. */
	snprintf(idrev, sizeof(idrev), "%s", rule2);
	strcpy(strchr(idrev, 'r'), "r1_rule");
	snprintf(leg, sizeof(leg), "SV-999999r1_rule");
	{
		const char *const rows[][4] = {
			{ rule0, "pass", NULL, NULL },
			{ "SV-888888r1_rule", "fail", ver1, NULL },
			{ idrev, "error", NULL, NULL },
			{ leg, "pass", NULL, NULL },
		};
		add_set(&in, rows, 4);
	}
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(sd_results_apply(cl, &in, NULL, &rep), 0);
	ck_assert_uint_eq(rep.nrows, 4);
	ck_assert_uint_eq(rep.count[SD_RES_FILLED], 3);
	ck_assert_uint_eq(rep.count[SD_RES_UNMATCHED], 1);
	ck_assert_str_eq(rep.rows[0].kind, "same-id");
	ck_assert_str_eq(rep.rows[1].kind, "same-stig-id");
	ck_assert_str_eq(rep.rows[2].kind, "same-id");
	ck_assert_uint_eq(rep.rows[3].vuln, SD_RES_NONE);
	v = vuln(cl, b->rules[0].vuln_id);
	ck_assert_str_eq(v->field[SD_CL_STATUS], "NotAFinding");
	v = vuln(cl, b->rules[1].vuln_id);
	ck_assert_str_eq(v->field[SD_CL_STATUS], "Open");
	v = vuln(cl, b->rules[2].vuln_id);
	ck_assert_str_eq(v->field[SD_CL_STATUS], "Not_Reviewed");
	ck_assert_ptr_nonnull(strstr(v->field[SD_CL_FINDING_DETAILS], "Reason: the check could not be run"));
	ck_assert_uint_eq(rep.rules_filled + rep.rules_without, b->nrules);
	sd_res_report_release(&rep);
	sd_results_release(&in);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_fill__manual_review_kept_and_later_scan_supersedes)
{
	struct sd_benchmark *b = NULL;
	struct sd_checklist *cl;
	struct sd_results in = SD_RESULTS_INIT;
	struct sd_res_report rep;
	struct sd_res_opts over = { 1 };
	struct sd_cl_vuln *v;

	ck_assert_int_eq(sd_source_load_one(E19, NULL, NULL, &b), 0);
	cl = sd_checklist_from_benchmark(b);
	v = &cl->stigs[0].vulns[0];
	free(v->field[SD_CL_COMMENTS]);
	v->field[SD_CL_COMMENTS] = sd_xstrdup("checked by hand");
	{
		const char *const first[][4] = {
			{ b->rules[0].rule_id, "pass", NULL, NULL },
			{ b->rules[1].rule_id, "fail", NULL, NULL },
		};
		const char *const second[][4] = {
			{ b->rules[0].rule_id, "fail", NULL, NULL },
			{ b->rules[1].rule_id, "pass", NULL, NULL },
		};
		add_set(&in, first, 2);
		add_set(&in, second, 2);
	}
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(sd_results_apply(cl, &in, NULL, &rep), 0);
	ck_assert_uint_eq(rep.count[SD_RES_SUPERSEDED], 2);
	ck_assert_uint_eq(rep.count[SD_RES_KEPT_MANUAL], 1);
	ck_assert_uint_eq(rep.count[SD_RES_FILLED], 1);
	ck_assert_str_eq(rep.rows[2].old_comments, "checked by hand");
	ck_assert_str_eq(cl->stigs[0].vulns[0].field[SD_CL_COMMENTS], "checked by hand");
	ck_assert_str_eq(cl->stigs[0].vulns[1].field[SD_CL_STATUS], "NotAFinding");
	sd_res_report_release(&rep);
	/* A second import: rule 1's results are an import's, replaced;
	 * --overwrite replaces rule 0's review, its comments stay. */
	memset(&rep, 0, sizeof(rep));
	ck_assert_int_eq(sd_results_apply(cl, &in, &over, &rep), 0);
	ck_assert_uint_eq(rep.count[SD_RES_OVERWRITTEN], 1);
	ck_assert_uint_eq(rep.count[SD_RES_FILLED], 1);
	ck_assert_str_eq(cl->stigs[0].vulns[0].field[SD_CL_STATUS], "Open");
	ck_assert_str_eq(cl->stigs[0].vulns[0].field[SD_CL_COMMENTS], "checked by hand");
	sd_res_report_release(&rep);
	sd_results_release(&in);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

Suite *suite_fill(void)
{
	Suite *s = suite_create("fill");
	TCase *tc = tcase_create("results");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fill__result_values_map_as_users_expect);
	tcase_add_test(tc, test_fill__every_tier_finds_its_rule_and_every_result_is_counted);
	tcase_add_test(tc, test_fill__manual_review_kept_and_later_scan_supersedes);
	suite_add_tcase(s, tc);
	return s;
}
