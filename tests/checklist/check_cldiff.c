/*
 * Drift between two checklists (checklist/cldiff.c) on the Exchange 2019
 * Edge release: status moves and their annotations, statuses compared
 * across the two formats' vocabularies, and STIGs present on one side.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "cldiff.h"
#include "source.h"
#include "testutil.h"

#define E19 "corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
#define E16 "corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"

static void set(struct sd_cl_vuln *v, enum sd_cl_field f, const char *s)
{
	free(v->field[f]);
	v->field[f] = sd_xstrdup(s);
}

/* The row about the rule with STIG id `sid` (either side), or NULL. */
static const struct sd_cldiff_row *row(const struct sd_cldiff *d,
				       const char *sid)
{
	for (size_t i = 0; i < d->nrows; i++) {
		const struct sd_cldiff_row *r = &d->rows[i];
		const char *s = r->has_new ? r->new.stig_id : r->old.stig_id;

		if (s && !strcmp(s, sid))
			return r;
	}
	return NULL;
}

START_TEST(test_cldiff__moves_are_annotated_by_what_changed_in_the_rule)
{
	struct sd_benchmark *b = NULL;
	struct sd_checklist *a, *n;
	struct sd_cldiff d;
	struct sd_cl_vuln *va, *vn;
	const struct sd_cldiff_row *r;
	char sid[4][64];

	ck_assert_int_eq(sd_source_load_one(E19, NULL, NULL, &b), 0);
	a = sd_checklist_from_benchmark(b);
	n = sd_checklist_from_benchmark(b);
	for (int i = 0; i < 4; i++)
		snprintf(sid[i], sizeof(sid[i]), "%s", b->rules[i].stig_id);
	/* 0: NotAFinding -> Open, rule unchanged: a regression. */
	set(&a->stigs[0].vulns[0], SD_CL_STATUS, "NotAFinding");
	set(&n->stigs[0].vulns[0], SD_CL_STATUS, "Open");
	/* 1: NotAFinding -> Open with a new check: a re-review. */
	va = &a->stigs[0].vulns[1];
	vn = &n->stigs[0].vulns[1];
	set(va, SD_CL_STATUS, "NotAFinding");
	set(vn, SD_CL_STATUS, "Open");
	sd_cl_pairs_set(&vn->data, "Check_Content", "Verify something else entirely.");
	/* 2: Open -> Not_Applicable: remediated, drift. */
	set(&a->stigs[0].vulns[2], SD_CL_STATUS, "Open");
	set(&n->stigs[0].vulns[2], SD_CL_STATUS, "not_applicable");
	/* 3: the same status in the two vocabularies: no row. */
	set(&a->stigs[0].vulns[3], SD_CL_STATUS, "Not_Applicable");
	set(&n->stigs[0].vulns[3], SD_CL_STATUS, "not_applicable");
	memset(&d, 0, sizeof(d));
	ck_assert_int_eq(sd_cldiff_run(a, n, &d), 0);
	ck_assert_uint_eq(d.nrows, 3);
	r = row(&d, sid[0]);
	ck_assert_int_eq(r->change, SD_CLDIFF_NEW_FINDING);
	ck_assert_int_eq(r->note, SD_CLDIFF_REGRESSION);
	r = row(&d, sid[1]);
	ck_assert_int_eq(r->change, SD_CLDIFF_NEW_FINDING);
	ck_assert_int_eq(r->note, SD_CLDIFF_REREVIEW);
	ck_assert(r->check_changed);
	r = row(&d, sid[2]);
	ck_assert_int_eq(r->change, SD_CLDIFF_REMEDIATED);
	ck_assert_int_eq(r->note, SD_CLDIFF_DRIFT);
	ck_assert_ptr_null(row(&d, sid[3]));
	ck_assert_uint_eq(d.stigs[0].unchanged, b->nrules - 3);
	sd_cldiff_release(&d);
	sd_checklist_free(a);
	sd_checklist_free(n);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_cldiff__stig_on_one_side_is_all_added_or_dropped)
{
	struct sd_benchmark *b19 = NULL, *b16 = NULL;
	struct sd_checklist *a, *n;
	struct sd_cldiff d;

	ck_assert_int_eq(sd_source_load_one(E19, NULL, NULL, &b19), 0);
	ck_assert_int_eq(sd_source_load_one(E16, NULL, NULL, &b16), 0);
	a = sd_checklist_from_benchmark(b19);
	n = sd_checklist_from_benchmark(b19);
	sd_cl_stig_from_benchmark(sd_checklist_add_stig(n), b16);
	memset(&d, 0, sizeof(d));
	ck_assert_int_eq(sd_cldiff_run(a, n, &d), 0);
	ck_assert_uint_eq(d.nstigs, 2);
	ck_assert_uint_eq(d.count[SD_CLDIFF_ADDED], b16->nrules);
	ck_assert_uint_eq(d.nrows, b16->nrules);
	sd_cldiff_release(&d);
	memset(&d, 0, sizeof(d));
	ck_assert_int_eq(sd_cldiff_run(n, a, &d), 0);
	ck_assert_uint_eq(d.count[SD_CLDIFF_DROPPED], b16->nrules);
	sd_cldiff_release(&d);
	sd_checklist_free(a);
	sd_checklist_free(n);
	sd_benchmark_free(b19);
	sd_benchmark_free(b16);
}
END_TEST

Suite *suite_cldiff(void)
{
	Suite *s = suite_create("cldiff");
	TCase *tc = tcase_create("drift");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cldiff__moves_are_annotated_by_what_changed_in_the_rule);
	tcase_add_test(tc, test_cldiff__stig_on_one_side_is_all_added_or_dropped);
	suite_add_tcase(s, tc);
	return s;
}
