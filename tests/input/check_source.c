/*
 * The input walker: nested zips, directories, and every kind of hostile or
 * broken archive the issue names. Each case checks what a user sees: which
 * benchmarks are found, which problems are reported, and that the walk goes
 * on with the other inputs.
 */
#include <check.h>
#include <string.h>

#include "error.h"
#include "source.h"
#include "testutil.h"

#define FX "tests/fixtures/zips/"

struct found {
	struct sd_strv sources;  /* each benchmark's source */
	struct sd_strv problems; /* each problem message */
};

static int on_bench(struct sd_benchmark *b, const struct sd_doc *doc,
		    void *ctx)
{
	struct found *f = ctx;

	(void)doc;
	sd_strv_push(&f->sources, b->source);
	sd_benchmark_free(b);
	return 0;
}

static void on_problem(int code, const char *msg, void *ctx)
{
	struct found *f = ctx;

	(void)code;
	sd_strv_push(&f->problems, msg);
}

static void walk(const char *path, const struct sd_source_opts *so,
		 struct found *f)
{
	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(sd_source_benchmarks(path, so, on_bench, f,
					      on_problem, f),
			 0);
}

static void release(struct found *f)
{
	sd_strv_release(&f->sources);
	sd_strv_release(&f->problems);
}

static int problem_has(const struct found *f, const char *needle)
{
	for (size_t i = 0; i < f->problems.n; i++)
		if (strstr(f->problems.v[i], needle))
			return 1;
	return 0;
}

START_TEST(test_source__nested_zip_member_is_named_by_its_path)
{
	struct found f;

	walk(FX "nested.zip", NULL, &f);
	ck_assert_int_eq(f.problems.n, 0);
	ck_assert_int_eq(f.sources.n, 1);
	/* The member name holds a space, as DISA's real ones do. */
	ck_assert_str_eq(f.sources.v[0],
			 FX "nested.zip!U_Test_V2R2_STIG.zip!"
			    "U_Test_V2R2_Manual_STIG.zip!"
			    "U_Test_ STIG_V2R2_Manual-xccdf.xml");
	release(&f);
}
END_TEST

START_TEST(test_source__real_disa_zip_inside_zip_is_opened)
{
	char path[512];
	struct found f;

	if (!sd_test_shared_path("disa/zips/U_Network_CSfC_WLAN_Policy_V1R3_STIG.zip",
				 path, sizeof(path)))
		return;
	walk(path, NULL, &f);
	ck_assert_int_eq(f.problems.n, 0);
	ck_assert_int_eq(f.sources.n, 1);
	ck_assert(strstr(f.sources.v[0],
			 "!U_Network_CSfC_WLAN_Policy_V1R2_Manual_STIG.zip!"
			 "U_Network_CSfC_WLAN_Policy_V1R2_Manual-xccdf.xml"));
	release(&f);
}
END_TEST

START_TEST(test_source__zip_nested_past_the_depth_limit_is_refused)
{
	struct sd_source_opts so = SD_SOURCE_OPTS_INIT;
	struct found f;

	walk(FX "too-deep.zip", NULL, &f);
	ck_assert_int_eq(f.sources.n, 0);
	ck_assert(problem_has(&f, "nested deeper than 4 (--max-depth)"));
	release(&f);

	/* It holds six zips, one inside the other: --max-depth N reads N
	 * zips inside zips (the limit was once one short). */
	so.limits.max_depth = 6;
	walk(FX "too-deep.zip", &so, &f);
	ck_assert_int_eq(f.problems.n, 0);
	ck_assert_int_eq(f.sources.n, 1);
	release(&f);
	so.limits.max_depth = 5;
	walk(FX "too-deep.zip", &so, &f);
	ck_assert_int_eq(f.sources.n, 0);
	ck_assert(problem_has(&f, "level0.zip: zip nested deeper than 5 (--max-depth)"));
	release(&f);
	/* A zip holding one zip needs --max-depth 1; 0 reads no inner zip. */
	so.limits.max_depth = 1;
	walk(FX "nested.zip", &so, &f);
	ck_assert_int_eq(f.sources.n, 0);
	release(&f);
	so.limits.max_depth = 2;
	walk(FX "nested.zip", &so, &f);
	ck_assert_int_eq(f.sources.n, 1);
	release(&f);
	so.limits.max_depth = 0;
	walk("tests/fixtures/reproducers/reproducers.zip", &so, &f);
	ck_assert_int_eq(f.sources.n, 4);
	release(&f);
}
END_TEST

START_TEST(test_source__zip_bomb_is_refused_by_ratio_and_by_size)
{
	struct sd_source_opts so = SD_SOURCE_OPTS_INIT;
	struct found f;

	walk(FX "bomb.zip", NULL, &f);
	ck_assert(problem_has(&f, FX "bomb.zip!bomb-xccdf.xml: compression ratio"));
	ck_assert(problem_has(&f, "(--max-ratio)"));
	release(&f);

	/* A generous ratio still meets the inflated-bytes limit. */
	so.limits.max_ratio = 1e6;
	so.limits.max_bytes = 1 << 20;
	walk(FX "bomb.zip", &so, &f);
	ck_assert(problem_has(&f, "(--max-bytes)"));
	ck_assert_int_eq(f.sources.n, 0);
	release(&f);
}
END_TEST

START_TEST(test_source__too_many_entries_is_refused)
{
	struct sd_source_opts so = SD_SOURCE_OPTS_INIT;
	struct found f;

	walk(FX "many-entries.zip", NULL, &f);
	ck_assert_int_eq(f.sources.n, 1);
	release(&f);
	so.limits.max_entries = 10;
	walk(FX "many-entries.zip", &so, &f);
	ck_assert_int_eq(f.sources.n, 0);
	ck_assert(problem_has(&f, "51 entries, over the limit of 10"));
	release(&f);
}
END_TEST

START_TEST(test_source__corrupt_and_truncated_zips_are_reported)
{
	struct found f;

	walk(FX "truncated.zip", NULL, &f);
	ck_assert_int_eq(f.sources.n, 0);
	ck_assert(problem_has(&f, "cannot open '" FX "truncated.zip'"));
	release(&f);

	walk(FX "bad-crc.zip", NULL, &f);
	ck_assert_int_eq(f.sources.n, 0);
	ck_assert(problem_has(&f, FX "bad-crc.zip!a-xccdf.xml: corrupt data"));
	release(&f);
}
END_TEST

START_TEST(test_source__encrypted_member_is_reported_and_others_read)
{
	struct found f;

	walk(FX "encrypted.zip", NULL, &f);
	ck_assert(problem_has(&f, FX "encrypted.zip!secret-xccdf.xml: member is encrypted"));
	ck_assert_int_eq(f.sources.n, 1);
	ck_assert_str_eq(f.sources.v[0], FX "encrypted.zip!plain-xccdf.xml");
	release(&f);
}
END_TEST

START_TEST(test_source__members_of_the_wrong_type_are_reported)
{
	struct found f;

	walk(FX "wrong-types.zip", NULL, &f);
	ck_assert(problem_has(&f, "fake-xccdf.xml: named .xml but is not XML"));
	ck_assert(problem_has(&f, "empty-xccdf.xml: empty file"));
	/* A JPEG not named .xml is simply not a benchmark. */
	ck_assert(!problem_has(&f, "logo.jpg"));
	ck_assert_int_eq(f.problems.n, 2);
	ck_assert_int_eq(f.sources.n, 1);
	release(&f);
}
END_TEST

START_TEST(test_source__empty_and_non_zip_files_are_reported)
{
	struct found f;

	walk(FX "empty-file.zip", NULL, &f);
	ck_assert(problem_has(&f, "empty-file.zip: empty file"));
	release(&f);
	walk(FX "not-a-zip.zip", NULL, &f);
	ck_assert(problem_has(&f, "not-a-zip.zip: not a zip or XML file"));
	release(&f);
	walk("tests/fixtures/no-such-file.zip", NULL, &f);
	ck_assert(problem_has(&f, "cannot open 'tests/fixtures/no-such-file.zip': No such file"));
	release(&f);
}
END_TEST

START_TEST(test_source__directory_is_walked_in_name_order_quietly)
{
	struct found f;

	walk("tests/fixtures/xccdf", NULL, &f);
	/* to-datastream.xsl is XML but not a benchmark: skipped quietly. */
	ck_assert_int_eq(f.problems.n, 0);
	ck_assert_int_eq(f.sources.n, 2);
	ck_assert_str_eq(f.sources.v[0],
			 "tests/fixtures/xccdf/exch19-edge-3rules-datastream.xml");
	ck_assert_str_eq(f.sources.v[1],
			 "tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml");
	release(&f);
}
END_TEST

START_TEST(test_source__xml_named_on_the_command_line_must_be_a_benchmark)
{
	struct found f;

	walk("tests/fixtures/xml/not-a-benchmark.xml", NULL, &f);
	ck_assert(problem_has(&f, "not a benchmark (root element 'cci_list')"));
	release(&f);
}
END_TEST

START_TEST(test_source__one_benchmark_is_picked_from_several)
{
	struct sd_benchmark *b = NULL;
	int err;

	err = sd_source_load_one("tests/fixtures/xccdf", NULL, NULL, &b);
	ck_assert_int_eq(err, SD_EAMBIGUOUS);
	ck_assert(strstr(sd_error_last(), "--benchmark"));
	err = sd_source_load_one("tests/fixtures/xccdf", "datastream", NULL,
				 &b);
	ck_assert_int_eq(err, 0);
	ck_assert_str_eq(b->xccdf_version, "1.2");
	sd_benchmark_free(b);
	err = sd_source_load_one("tests/fixtures/xccdf", "No_Such_STIG", NULL,
				 &b);
	ck_assert_int_eq(err, SD_ENOTFOUND);
	ck_assert(strstr(sd_error_last(), "found: MS_Exchange_2019_Edge_Server_STIG V2R2"));
}
END_TEST

Suite *suite_source(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("walk");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_source__nested_zip_member_is_named_by_its_path);
	tcase_add_test(tc, test_source__real_disa_zip_inside_zip_is_opened);
	tcase_add_test(tc, test_source__zip_nested_past_the_depth_limit_is_refused);
	tcase_add_test(tc, test_source__zip_bomb_is_refused_by_ratio_and_by_size);
	tcase_add_test(tc, test_source__too_many_entries_is_refused);
	tcase_add_test(tc, test_source__corrupt_and_truncated_zips_are_reported);
	tcase_add_test(tc, test_source__encrypted_member_is_reported_and_others_read);
	tcase_add_test(tc, test_source__members_of_the_wrong_type_are_reported);
	tcase_add_test(tc, test_source__empty_and_non_zip_files_are_reported);
	tcase_add_test(tc, test_source__directory_is_walked_in_name_order_quietly);
	tcase_add_test(tc, test_source__xml_named_on_the_command_line_must_be_a_benchmark);
	tcase_add_test(tc, test_source__one_benchmark_is_picked_from_several);
	suite_add_tcase(s, tc);
	return s;
}
