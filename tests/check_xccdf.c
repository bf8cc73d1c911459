/* The XCCDF reader: 1.1 and 1.2 benchmarks, the description pseudo-XML,
 * and input it must refuse. */
#include <check.h>
#include <string.h>

#include "error.h"
#include "testutil.h"
#include "xccdf.h"

START_TEST(test_xccdf__reads_exchange_2019_edge_rule_fields)
{
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
	const struct sd_rule *r = sd_test_rule(b, "V-259642");

	ck_assert_int_eq(b->nrules, 68);
	ck_assert_int_eq(b->v, 2);
	ck_assert_int_eq(b->r, 2);
	ck_assert_str_eq(b->date, "2025-01-30");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->rule_id, "SV-259642r961632_rule");
	ck_assert_str_eq(r->rule_base, "SV-259642");
	ck_assert_str_eq(r->rule_rev, "r961632");
	ck_assert_str_eq(r->stig_id, "EX19-ED-000236");
	ck_assert_str_eq(r->srg, "SRG-APP-000439");
	ck_assert_int_eq(r->severity, SD_SEV_HIGH);
	ck_assert_str_eq(r->title,
			 "Exchange internal Send connectors must require encryption.");
	ck_assert(sd_starts_with(r->desc[SD_DESC_DISCUSSION],
				 "The Simple Mail Transfer Protocol (SMTP)"));
	ck_assert_str_eq(r->desc[SD_DESC_DOCUMENTABLE], "false");
	ck_assert_str_eq(r->desc[SD_DESC_FALSE_POSITIVES], "");
	ck_assert_int_eq(r->ccis.n, 1);
	ck_assert_str_eq(r->ccis.v[0], "CCI-002418");
	ck_assert_int_eq(r->profiles.n, 9);
	ck_assert(strstr(r->check_content, "Get-SendConnector") != NULL);
	ck_assert_str_eq(r->fix_id, "F-63289r942239_fix");
	sd_benchmark_free(b);
}
END_TEST

Suite *suite_xccdf(void)
{
	Suite *s = suite_create("xccdf");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, test_xccdf__reads_exchange_2019_edge_rule_fields);
	suite_add_tcase(s, tc);
	return s;
}
