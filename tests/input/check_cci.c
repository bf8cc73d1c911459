/* DISA's CCI list: real items read right, NIST controls reduced to base
 * control and enhancement, and broken or hostile lists refused in one
 * line naming the file and line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cci.h"
#include "error.h"
#include "testutil.h"
#include "xccdf.h"

#define CCI_FILE "corpus/cci/U_CCI_List.xml"

/* The list compiled in (the default of every command). */
static struct sd_cci_list *load_embedded(void)
{
	struct sd_cci_list *l = NULL;

	ck_assert_msg(sd_cci_load(NULL, &l) == 0, "%s", sd_error_last());
	return l;
}

/* Write `text` to a temporary file; the caller frees the name. */
static char *write_tmp(const char *text)
{
	char *dir = sd_test_tmpdir();
	struct sd_buf b = SD_BUF_INIT;
	FILE *f;

	sd_buf_addf(&b, "%s/cci.xml", dir);
	free(dir);
	ck_assert_ptr_nonnull(f = fopen(b.ptr, "w"));
	fputs(text, f);
	fclose(f);
	return sd_buf_detach(&b);
}

static void remove_tmp(char *path)
{
	char *slash = strrchr(path, '/');

	remove(path);
	*slash = '\0';
	sd_test_rmtree(path);
}

START_TEST(test_cci__real_item_maps_to_sc8_in_both_revisions)
{
	struct sd_cci_list *l = load_embedded();
	const struct sd_cci *c = sd_cci_find(l, "CCI-002418");
	struct sd_strv v = SD_STRV_INIT;

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->id, "CCI-002418");
	ck_assert_str_eq(c->status, "draft");
	ck_assert_str_eq(c->type, "policy, technical");
	ck_assert_str_eq(c->date, "2022-03-01");
	ck_assert_str_eq(c->definition, "Protect the confidentiality and/or "
			 "integrity of transmitted information.");
	ck_assert_uint_eq(c->nrefs, 2);
	ck_assert_uint_eq(sd_cci_controls(c, "5", &v), 1);
	ck_assert_str_eq(v.v[0], "SC-8");
	ck_assert_uint_eq(sd_cci_controls(c, "4", &v), 0); /* already there */
	sd_strv_release(&v);
	ck_assert_str_eq(sd_cci_version(l), "2023-06-07");
	ck_assert_uint_eq(sd_cci_count(l), 5098);
	sd_cci_list_free(l);
}
END_TEST

START_TEST(test_cci__lookup_ignores_case_and_unknown_ids_are_null)
{
	struct sd_cci_list *l = load_embedded();

	ck_assert_ptr_nonnull(sd_cci_find(l, "cci-000001"));
	ck_assert_ptr_null(sd_cci_find(l, "CCI-999999"));
	ck_assert_ptr_null(sd_cci_find(l, "CCI-"));
	ck_assert_ptr_null(sd_cci_find(l, ""));
	ck_assert_str_eq(sd_cci_at(l, 0)->id, "CCI-000001");
	ck_assert_ptr_null(sd_cci_at(l, sd_cci_count(l)));
	sd_cci_list_free(l);
}
END_TEST

START_TEST(test_cci__statement_parts_reduce_to_the_control_or_enhancement)
{
	struct sd_cci_list *l = load_embedded();
	struct sd_strv v = SD_STRV_INIT;

	/* CCI-000002: rev 4 "AC-1 a 1", rev 5 "AC-1 a 1 (a)". */
	ck_assert_uint_eq(sd_cci_controls(sd_cci_find(l, "CCI-000002"), "5",
					  &v), 1);
	ck_assert_str_eq(v.v[0], "AC-1");
	sd_strv_release(&v);
	/* Only 800-53 rev 4 and 5 count: CCI-000001 has rev 3 and 800-53A
	 * references too, and rev 5 none. */
	ck_assert_uint_eq(sd_cci_controls(sd_cci_find(l, "CCI-000001"), "5",
					  &v), 0);
	ck_assert_uint_eq(sd_cci_controls(sd_cci_find(l, "CCI-000001"), "4",
					  &v), 1);
	sd_strv_release(&v);
	sd_cci_list_free(l);
}
END_TEST

START_TEST(test_cci__odd_indexes_are_read_as_disa_meant_them)
{
	char *path = write_tmp(
		"<cci_list xmlns=\"http://iase.disa.mil/cci\"><cci_items>\n"
		"<cci_item id=\"CCI-1\"><references>\n"
		"<reference title=\"NIST SP 800-53 Revision 5\" index=\"SC-37, SC-37 (1)\"/>\n"
		"<reference title=\"NIST SP 800-53 Revision 5\" index=\"SA-9  (1) (a)\"/>\n"
		"<reference title=\"NIST SP 800-53 Revision 5\" index=\"AR-8 a (1)\"/>\n"
		"<reference title=\"NIST SP 800-53 Revision 5\" index=\"AC-2 (12) (a)\"/>\n"
		"<reference title=\"NIST SP 800-53 Revision 5\" index=\"not a control\"/>\n"
		"<reference title=\"NIST SP 800-53A\" index=\"AC-9.1\"/>\n"
		"</references></cci_item></cci_items></cci_list>\n");
	struct sd_cci_list *l = NULL;
	struct sd_strv v = SD_STRV_INIT;

	ck_assert_msg(sd_cci_load(path, &l) == 0, "%s", sd_error_last());
	ck_assert_uint_eq(sd_cci_controls(sd_cci_find(l, "cci-1"), NULL, &v),
			  5);
	ck_assert_str_eq(v.v[0], "SC-37");
	ck_assert_str_eq(v.v[1], "SC-37 (1)");
	ck_assert_str_eq(v.v[2], "SA-9 (1)");
	ck_assert_str_eq(v.v[3], "AR-8");
	ck_assert_str_eq(v.v[4], "AC-2 (12)");
	sd_strv_release(&v);
	sd_cci_list_free(l);
	remove_tmp(path);
}
END_TEST

START_TEST(test_cci__controls_split_and_sort_as_nist_lists_them)
{
	char fam[32], base[32], enh[32];

	ck_assert_int_eq(sd_cci_control_split("AC-2 (4)", fam, base, enh), 0);
	ck_assert_str_eq(fam, "AC");
	ck_assert_str_eq(base, "AC-2");
	ck_assert_str_eq(enh, "AC-2 (4)");
	ck_assert_int_eq(sd_cci_control_split("SC-8", fam, base, enh), 0);
	ck_assert_str_eq(enh, "");
	ck_assert_int_eq(sd_cci_control_split("AC-2 a", fam, base, enh), -1);
	ck_assert_int_lt(sd_cci_control_cmp("AC-2", "AC-2 (4)"), 0);
	ck_assert_int_lt(sd_cci_control_cmp("AC-2 (4)", "AC-10"), 0);
	ck_assert_int_lt(sd_cci_control_cmp("AC-2 (4)", "AC-2 (12)"), 0);
	ck_assert_int_lt(sd_cci_control_cmp("AC-17", "AU-2"), 0);
	ck_assert_int_eq(sd_cci_control_cmp("SC-8", "SC-8"), 0);
}
END_TEST

START_TEST(test_cci__malformed_list_names_file_and_line)
{
	char *path = write_tmp(
		"<cci_list xmlns=\"http://iase.disa.mil/cci\">\n"
		"<cci_items>\n"
		"<cci_item id=\"CCI-1\"><status>draft</stat>\n"
		"</cci_items></cci_list>\n");
	struct sd_cci_list *l = NULL;
	char want[4096];

	ck_assert_int_eq(sd_cci_load(path, &l), SD_EPARSE);
	ck_assert_ptr_null(l);
	snprintf(want, sizeof(want), "%s:3: ", path);
	ck_assert_msg(!strncmp(sd_error_last(), want, strlen(want)), "%s",
		      sd_error_last());
	ck_assert_ptr_null(strchr(sd_error_last(), '\n'));
	remove_tmp(path);
}
END_TEST

START_TEST(test_cci__other_documents_and_missing_files_are_refused)
{
	char *path = write_tmp("<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\"/>\n");
	struct sd_cci_list *l = NULL;

	ck_assert_int_eq(sd_cci_load(path, &l), SD_EPARSE);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "not a DISA CCI list"));
	remove_tmp(path);
	ck_assert_int_lt(sd_cci_load("/nonexistent/cci.xml", &l), 0);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "/nonexistent/cci.xml"));
	ck_assert_ptr_null(l);
}
END_TEST

/* Found by fuzzing: a list with no items sorted a NULL
 * array (undefined behaviour). It reads as an empty list. */
START_TEST(test_cci__list_without_items_reads_empty)
{
	char *path = write_tmp("<cci_list xmlns=\"http://iase.disa.mil/cci\">"
			       "<metadata><version>1</version></metadata>"
			       "<cci_items/></cci_list>\n");
	struct sd_cci_list *l = NULL;

	ck_assert_int_eq(sd_cci_load(path, &l), 0);
	ck_assert_int_eq(sd_cci_count(l), 0);
	ck_assert_ptr_null(sd_cci_find(l, "CCI-000001"));
	ck_assert_str_eq(sd_cci_version(l), "1");
	sd_cci_list_free(l);
	remove_tmp(path);
}
END_TEST

START_TEST(test_cci__xxe_and_entity_expansion_are_refused)
{
	char *path = write_tmp(
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE cci_list [\n"
		"<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
		"]>\n"
		"<cci_list xmlns=\"http://iase.disa.mil/cci\"><cci_items>\n"
		"<cci_item id=\"CCI-1\"><definition>&xxe;</definition>"
		"</cci_item></cci_items></cci_list>\n");
	struct sd_cci_list *l = NULL;

	ck_assert_int_eq(sd_cci_load(path, &l), SD_EPARSE);
	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "entity declaration"));
	ck_assert_ptr_nonnull(strstr(sd_error_last(), ":3: "));
	remove_tmp(path);
}
END_TEST

START_TEST(test_cci__every_exchange_2019_rule_maps_to_a_rev5_control)
{
	struct sd_cci_list *l = load_embedded();
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
	struct sd_strv all = SD_STRV_INIT;

	for (size_t i = 0; i < b->nrules; i++) {
		struct sd_strv v = SD_STRV_INIT;

		ck_assert_msg(sd_cci_rule_controls(l, &b->rules[i].ccis, "5",
						   &v) > 0,
			      "%s maps to no control", b->rules[i].vuln_id);
		for (size_t k = 1; k < v.n; k++)
			ck_assert_int_lt(sd_cci_control_cmp(v.v[k - 1], v.v[k]),
					 0);
		sd_cci_rule_controls(l, &b->rules[i].ccis, "5", &all);
		sd_strv_release(&v);
	}
	/* The count `stigdiff controls` reports for this release. */
	ck_assert_uint_eq(all.n, 28);
	ck_assert_ptr_nonnull(sd_test_rule(b, "V-259642"));
	sd_strv_release(&all);
	sd_benchmark_free(b);
	sd_cci_list_free(l);
}
END_TEST

static void assert_same_lists(const struct sd_cci_list *a,
			      const struct sd_cci_list *b)
{
	ck_assert_int_eq(sd_strcmp_null(sd_cci_version(a), sd_cci_version(b)), 0);
	ck_assert_uint_eq(sd_cci_count(a), sd_cci_count(b));
	for (size_t i = 0; i < sd_cci_count(a); i++) {
		const struct sd_cci *x = sd_cci_at(a, i), *y = sd_cci_at(b, i);

		ck_assert_str_eq(x->id, y->id);
		ck_assert_int_eq(sd_strcmp_null(x->status, y->status), 0);
		ck_assert_int_eq(sd_strcmp_null(x->type, y->type), 0);
		ck_assert_int_eq(sd_strcmp_null(x->definition, y->definition), 0);
		ck_assert_int_eq(sd_strcmp_null(x->date, y->date), 0);
		ck_assert_uint_eq(x->nrefs, y->nrefs);
		for (size_t k = 0; k < x->nrefs; k++) {
			ck_assert_int_eq(sd_strcmp_null(x->refs[k].rev,
							y->refs[k].rev), 0);
			ck_assert_int_eq(sd_strcmp_null(x->refs[k].control,
							y->refs[k].control), 0);
			ck_assert_int_eq(sd_strcmp_null(x->refs[k].text,
							y->refs[k].text), 0);
		}
	}
}

/* The list compiled in is corpus/cci/U_CCI_List.xml as the reader
 * parses it, field for field: characters C escapes (quotes, '?', UTF-8)
 * included. */
START_TEST(test_cci__compiled_in_list_is_the_parsed_file)
{
	struct sd_cci_list *parsed = NULL, *table = load_embedded();
	const struct sd_cci *c;

	ck_assert_msg(sd_cci_load(CCI_FILE, &parsed) == 0, "%s",
		      sd_error_last());
	ck_assert_uint_gt(sd_cci_count(table), 5000);
	assert_same_lists(parsed, table);
	ck_assert_str_eq(sd_cci_version(table), "2023-06-07");
	ck_assert_ptr_nonnull(c = sd_cci_find(table, "cci-002418"));
	ck_assert_str_eq(c->type, "policy, technical");
	sd_cci_list_free(parsed);
	sd_cci_list_free(table);
}
END_TEST

Suite *suite_cci(void)
{
	Suite *s = suite_create("cci");
	TCase *tc = tcase_create("list");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cci__real_item_maps_to_sc8_in_both_revisions);
	tcase_add_test(tc, test_cci__lookup_ignores_case_and_unknown_ids_are_null);
	tcase_add_test(tc, test_cci__statement_parts_reduce_to_the_control_or_enhancement);
	tcase_add_test(tc, test_cci__odd_indexes_are_read_as_disa_meant_them);
	tcase_add_test(tc, test_cci__controls_split_and_sort_as_nist_lists_them);
	tcase_add_test(tc, test_cci__malformed_list_names_file_and_line);
	tcase_add_test(tc, test_cci__list_without_items_reads_empty);
	tcase_add_test(tc, test_cci__other_documents_and_missing_files_are_refused);
	tcase_add_test(tc, test_cci__xxe_and_entity_expansion_are_refused);
	tcase_add_test(tc, test_cci__every_exchange_2019_rule_maps_to_a_rev5_control);
	tcase_add_test(tc, test_cci__compiled_in_list_is_the_parsed_file);
	suite_add_tcase(s, tc);
	return s;
}
