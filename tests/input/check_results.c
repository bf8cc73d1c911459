/*
 * The scan-result reader (input/results.c): TestResults of XCCDF 1.1 and
 * 1.2 wherever they sit (alone, in a Benchmark, in an ARF report), what
 * is kept of each rule result, and refusals that leave nothing behind.
 */
#include <check.h>
#include <string.h>

#include "error.h"
#include "results.h"
#include "testutil.h"

#define X12 "http://checklists.nist.gov/xccdf/1.2"
#define X11 "http://checklists.nist.gov/xccdf/1.1"

static int parse(const char *doc, struct sd_results *r)
{
	return sd_results_parse_memory(doc, strlen(doc), "t.xml", 0, r);
}

START_TEST(test_results__arf_report_gives_its_test_result_only)
{
	const char *doc =
		"<arf:asset-report-collection xmlns:arf='http://scap.nist.gov/schema/asset-reporting-format/1.1'>"
		"<arf:report-requests><arf:report-request id='r'><arf:content>"
		"<Benchmark xmlns='" X12 "' id='b'><Rule id='xccdf_x_rule_SV-9r1_rule'><title>t</title></Rule></Benchmark>"
		"</arf:content></arf:report-request></arf:report-requests>"
		"<arf:reports><arf:report id='x'><arf:content>"
		"<TestResult xmlns='" X12 "' id='tr1' test-system='cpe:/a:redhat:openscap:1.3' start-time='s' end-time='e'>"
		"<benchmark href='#ds' id='xccdf_mil.disa.stig_benchmark_B'/><target>host1</target><target-address>10.0.0.1</target-address>"
		"<rule-result idref='xccdf_mil.disa.stig_rule_SV-1r2_rule' time='t1' version='AB-01'>"
		"<result> fail </result><ident system='http://cyber.mil/legacy'>SV-77</ident>"
		"<message>first</message><message>second</message></rule-result>"
		"<rule-result idref='SV-2r1_rule'><result>pass</result></rule-result>"
		"</TestResult></arf:content></arf:report></arf:reports></arf:asset-report-collection>";
	struct sd_results r = SD_RESULTS_INIT;

	ck_assert_int_eq(parse(doc, &r), 1);
	ck_assert_str_eq(r.v[0].id, "tr1");
	ck_assert_str_eq(r.v[0].xccdf_version, "1.2");
	ck_assert_str_eq(r.v[0].test_system, "cpe:/a:redhat:openscap:1.3");
	ck_assert_str_eq(r.v[0].target, "host1");
	ck_assert_str_eq(r.v[0].target_address, "10.0.0.1");
	ck_assert_str_eq(r.v[0].benchmark, "xccdf_mil.disa.stig_benchmark_B");
	ck_assert_uint_eq(r.v[0].nrules, 2);
	ck_assert_str_eq(r.v[0].rules[0].rule_id, "SV-1r2_rule");
	ck_assert_str_eq(r.v[0].rules[0].result, "fail");
	ck_assert_str_eq(r.v[0].rules[0].version, "AB-01");
	ck_assert_str_eq(r.v[0].rules[0].message, "first\nsecond");
	ck_assert_uint_eq(r.v[0].rules[0].legacy.n, 1);
	ck_assert_str_eq(r.v[0].rules[1].rule_id, "SV-2r1_rule");
	ck_assert_ptr_null(r.v[0].rules[1].message);
	sd_results_release(&r);
}
END_TEST

START_TEST(test_results__xccdf11_and_several_test_results_read)
{
	const char *doc =
		"<Benchmark xmlns='" X11 "' id='b'>"
		"<TestResult id='a'><rule-result idref='SV-1r1_rule'><result>notchecked</result></rule-result></TestResult>"
		"<TestResult id='b'><rule-result idref='SV-1r1_rule'><result>pass</result></rule-result></TestResult>"
		"</Benchmark>";
	struct sd_results r = SD_RESULTS_INIT;

	ck_assert_int_eq(parse(doc, &r), 2);
	ck_assert_str_eq(r.v[0].xccdf_version, "1.1");
	ck_assert_str_eq(r.v[1].id, "b");
	ck_assert_str_eq(r.v[1].source, "t.xml");
	sd_results_release(&r);
}
END_TEST

START_TEST(test_results__document_without_test_result_gives_none)
{
	struct sd_results r = SD_RESULTS_INIT;

	ck_assert_int_eq(parse("<Benchmark xmlns='" X12 "'><TestResults/></Benchmark>", &r), 0);
	ck_assert_uint_eq(r.n, 0);
	/* Another namespace is not XCCDF. */
	ck_assert_int_eq(parse("<TestResult xmlns='urn:other'><rule-result idref='x'><result>pass</result></rule-result></TestResult>", &r), 0);
	sd_results_release(&r);
}
END_TEST

START_TEST(test_results__refused_document_leaves_nothing)
{
	static const char *const bad[] = {
		"<TestResult xmlns='" X12 "'><rule-result idref='a'><result>pass</result></rule-result>",
		"<TestResult xmlns='" X12 "'><rule-result idref='a'/></TestResult>",
		"<TestResult xmlns='" X12 "'><rule-result><result>pass</result></rule-result></TestResult>",
		"<!DOCTYPE x [<!ENTITY e 'x'>]><TestResult xmlns='" X12 "'/>",
	};
	struct sd_results r = SD_RESULTS_INIT;

	ck_assert_int_eq(parse("<TestResult xmlns='" X12 "' id='ok'/>", &r), 1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		ck_assert_int_lt(parse(bad[i], &r), 0);
		ck_assert_ptr_nonnull(strstr(sd_error_last(), "t.xml:"));
		ck_assert_uint_eq(r.n, 1);
	}
	sd_results_release(&r);
	sd_error_clear();
}
END_TEST

START_TEST(test_results__long_field_is_refused)
{
	struct sd_results r = SD_RESULTS_INIT;
	const char *doc = "<TestResult xmlns='" X12 "'><rule-result idref='a'><result>pass</result>"
			  "<message>0123456789012345678901234567890123456789</message></rule-result></TestResult>";

	ck_assert_int_eq(sd_results_parse_memory(doc, strlen(doc), "t.xml", 16, &r), SD_ELIMIT);
	ck_assert_uint_eq(r.n, 0);
	sd_results_release(&r);
	sd_error_clear();
}
END_TEST

Suite *suite_results(void)
{
	Suite *s = suite_create("results");
	TCase *tc = tcase_create("reader");

	tcase_add_test(tc, test_results__arf_report_gives_its_test_result_only);
	tcase_add_test(tc, test_results__xccdf11_and_several_test_results_read);
	tcase_add_test(tc, test_results__document_without_test_result_gives_none);
	tcase_add_test(tc, test_results__refused_document_leaves_nothing);
	tcase_add_test(tc, test_results__long_field_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
