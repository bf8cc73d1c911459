/*
 * The normalized document: golden output for two real benchmarks,
 * byte-for-byte determinism, validity against xslt/normalized.rng, and
 * the JSON forms. Runs the stigdiff binary as a user would.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "testutil.h"

#define CORPUS "corpus/xccdf/"
#define GOLD "tests/fixtures/normalize/"

static void quiet(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* 0 when `path` validates; failures print only when `loud`. */
static int rng_valid(const char *path, int loud)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt("xslt/normalized.rng");
	xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
	xmlRelaxNGValidCtxtPtr vc;
	xmlDocPtr doc;
	int rc;

	ck_assert_ptr_nonnull(schema);
	vc = xmlRelaxNGNewValidCtxt(schema);
	if (!loud)
		xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	return rc;
}

START_TEST(test_normalize__real_benchmarks_match_their_golden_files)
{
	static const char *pairs[][2] = {
		{ CORPUS "U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml",
		  GOLD "exchange-2013-cas-v2r1.xml" },
		{ CORPUS "U_Exchange_2010_Client_Access_V1R9_Manual-xccdf.xml",
		  GOLD "exchange-2010-cas-v1r9.xml" },
	};

	for (size_t i = 0; i < 2; i++)
		ck_assert_msg(sd_test_sh("'%s' normalize '%s' | cmp -s - '%s'",
					 sd_test_bin(), pairs[i][0],
					 pairs[i][1]) == 0,
			      "%s differs from %s", pairs[i][0], pairs[i][1]);
	ck_assert(sd_test_sh("'%s' normalize --format json "
			     "tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml"
			     " | cmp -s - " GOLD "exch19-edge-3rules.json",
			     sd_test_bin()) == 0);
}
END_TEST

START_TEST(test_normalize__same_input_gives_identical_bytes)
{
	char *dir = sd_test_tmpdir();

	/* Twice, and with the inputs named in another order. */
	ck_assert_int_eq(sd_test_sh("'%s' normalize -o '%s/a.xml' corpus", sd_test_bin(), dir), 0);
	ck_assert_int_eq(sd_test_sh("'%s' normalize -o '%s/b.xml' corpus", sd_test_bin(), dir), 0);
	ck_assert_int_eq(sd_test_sh("cmp -s '%s/a.xml' '%s/b.xml'", dir, dir), 0);
	ck_assert_int_eq(sd_test_sh("'%s' normalize --format jsonl -o '%s/a.jsonl' corpus", sd_test_bin(), dir), 0);
	ck_assert_int_eq(sd_test_sh("'%s' normalize --format jsonl -o '%s/b.jsonl' corpus", sd_test_bin(), dir), 0);
	ck_assert_int_eq(sd_test_sh("cmp -s '%s/a.jsonl' '%s/b.jsonl'", dir, dir), 0);
	/* One JSON document per benchmark per line: 31 in the corpus. */
	ck_assert_int_eq(sd_test_sh("test $(wc -l < '%s/a.jsonl') -eq 31", dir), 0);
	sd_test_rmtree(dir);
}
END_TEST

START_TEST(test_normalize__every_output_validates_against_the_schema)
{
	char *dir = sd_test_tmpdir(), path[512];

	snprintf(path, sizeof(path), "%s/all.xml", dir);
	ck_assert_int_eq(sd_test_sh("'%s' normalize -o '%s' corpus "
				    "tests/fixtures/xccdf "
				    "tests/fixtures/xml/warnings.xml "
				    "tests/fixtures/xml/whitespace.xml 2>/dev/null",
				    sd_test_bin(), path),
			 0);
	ck_assert_int_eq(rng_valid(path, 1), 0);
	/* The schema is not vacuous: a rule with a bad CCI fails it. */
	ck_assert_int_eq(sd_test_sh("sed -i 's|<cci>CCI-|<cci>XCI-|' '%s'", path), 0);
	ck_assert_int_ne(rng_valid(path, 0), 0);
	sd_test_rmtree(dir);
}
END_TEST

START_TEST(test_normalize__output_appears_only_when_every_input_was_read)
{
	char *dir = sd_test_tmpdir();

	ck_assert_int_eq(sd_test_sh("'%s' normalize -o '%s/out.xml' corpus/reconstructed "
				    "tests/fixtures/xml/truncated.xml 2>/dev/null",
				    sd_test_bin(), dir),
			 2);
	ck_assert_int_ne(sd_test_sh("test -e '%s/out.xml'", dir), 0);
	ck_assert_int_ne(sd_test_sh("ls '%s' | grep -q tmp", dir), 0);
	/* --keep-going writes what it read and says so with exit 1. */
	ck_assert_int_eq(sd_test_sh("'%s' normalize --keep-going -o '%s/out.xml' "
				    "corpus/reconstructed tests/fixtures/xml/truncated.xml 2>/dev/null",
				    sd_test_bin(), dir),
			 1);
	ck_assert_int_eq(sd_test_sh("grep -q 'vuln-id=\"V-18703\"' '%s/out.xml'", dir), 0);
	sd_test_rmtree(dir);
}
END_TEST

Suite *suite_normalize(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("document");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_normalize__real_benchmarks_match_their_golden_files);
	tcase_add_test(tc, test_normalize__same_input_gives_identical_bytes);
	tcase_add_test(tc, test_normalize__every_output_validates_against_the_schema);
	tcase_add_test(tc, test_normalize__output_appears_only_when_every_input_was_read);
	suite_add_tcase(s, tc);
	return s;
}
