/* Products from real DISA titles and ids: families, generations, roles,
 * renames, relations; the curated table's errors. */
#include <check.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "product.h"

struct expect {
	const char *id, *title;
	const char *family, *role;
	unsigned long major, minor;
	int server;
	const char *kind;
};

/* Titles and ids as DISA writes them (../shared/disa/library). */
static const struct expect cases[] = {
	{ "Windows_2012_MS_STIG",
	  "Microsoft Windows Server 2012/2012 R2 Member Server Security Technical Implementation Guide",
	  "windows", "member", 2012, 2, 1, "stig" },
	/* The title says nothing of the role; the id does. */
	{ "Windows_Server_2016_DC_STIG",
	  "Windows Server 2016 Security Technical Implementation Guide",
	  "windows", "controller domain", 2016, 0, 1, "stig" },
	{ "Windows_2008_DC_STIG",
	  "Windows 2008 Domain Controller Security Technical Implementation Guide",
	  "windows", "controller domain", 2008, 0, 1, "stig" },
	{ "MS_Windows_10_STIG",
	  "Microsoft Windows 10 Security Technical Implementation Guide",
	  "windows", "", 10, 0, 0, "stig" },
	{ "MS_Exchange_2019_Edge_Server_STIG",
	  "Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide",
	  "exchange", "edge", 2019, 0, 1, "stig" },
	{ "MS_Exchange_2013_CAS_STIG",
	  "MS Exchange 2013 Client Access Server Security Technical Implementation Guide",
	  "exchange", "access client", 2013, 0, 1, "stig" },
	{ "IIS_10-0_Site_STIG",
	  "Microsoft IIS 10.0 Site Security Technical Implementation Guide",
	  "iis", "site", 10, 0, 0, "stig" },
	{ "RHEL_8_STIG",
	  "Red Hat Enterprise Linux 8 Security Technical Implementation Guide",
	  "red hat enterprise linux", "", 8, 0, 0, "stig" },
	/* "DC" is Document Cloud here: no version before it. */
	{ "Adobe_Acrobat_Pro_DC_Continuous_STIG",
	  "Adobe Acrobat Professional DC Continuous Track Security Technical Implementation Guide",
	  "adobe acrobat professional dc continuous track", "", 0, 0, 0,
	  "stig" },
	/* A role word that is the whole product is the product. */
	{ "MS_Edge_STIG",
	  "Microsoft Edge Security Technical Implementation Guide",
	  "edge", "", 0, 0, 0, "stig" },
	{ "Microsoft_OneDrive_for_Business_2016",
	  "Microsoft OneDrive Security Technical Implementation Guide",
	  "onedrive", "", 2016, 0, 0, "stig" },
	{ "Application_Server_SRG",
	  "Application Server Security Requirements Guide",
	  "application", "", 0, 0, 1, "srg" },
};

START_TEST(test_product__titles_and_ids_give_family_generation_and_role)
{
	for (size_t i = 0; i < SD_ARRAY_SIZE(cases); i++) {
		const struct expect *e = &cases[i];
		struct sd_product p;

		sd_product_infer(&p, NULL, e->id, e->title);
		ck_assert_msg(!strcmp(p.family, e->family), "%s: family '%s'",
			      e->id, p.family);
		ck_assert_msg(!strcmp(p.role, e->role), "%s: role '%s'", e->id,
			      p.role);
		ck_assert_msg(p.gen.known == (e->major != 0) &&
				      (!e->major || (p.gen.major == e->major &&
						     p.gen.minor == e->minor)),
			      "%s: generation %lu.%lu", e->id, p.gen.major,
			      p.gen.minor);
		ck_assert_msg(p.server == e->server, "%s: server %d", e->id,
			      p.server);
		ck_assert_str_eq(p.kind, e->kind);
		sd_product_release(&p);
	}
}
END_TEST

static enum sd_product_relation rel(const char *aid, const char *atitle,
				    const char *bid, const char *btitle)
{
	struct sd_product a, b;
	enum sd_product_relation r;

	sd_product_infer(&a, NULL, aid, atitle);
	sd_product_infer(&b, NULL, bid, btitle);
	r = sd_product_relation(&a, &b);
	sd_product_release(&a);
	sd_product_release(&b);
	return r;
}

START_TEST(test_product__renamed_benchmarks_are_one_product)
{
	/* DISA's renames in the library: one product each. */
	ck_assert_int_eq(rel("Windows_10_STIG", "Windows 10 Security Technical Implementation Guide",
			     "MS_Windows_10_STIG", "Microsoft Windows 10 Security Technical Implementation Guide"),
			 SD_PRODUCT_SAME);
	ck_assert_int_eq(rel("Firefox", "Mozilla Firefox Security Technical Implementation Guide",
			     "MOZ_Firefox_STIG", "Mozilla Firefox Security Technical Implementation Guide"),
			 SD_PRODUCT_SAME);
	ck_assert_int_eq(rel("RHEL_6_STIG", "Red Hat Enterprise Linux 6 Security Technical Implementation Guide",
			     "Red_Hat_Enterprise_Linux_6_STIG", "Red Hat Enterprise Linux 6 Security Technical Implementation Guide"),
			 SD_PRODUCT_SAME);
}
END_TEST

START_TEST(test_product__relations_follow_family_generation_and_role)
{
	/* The next generation of one product. */
	ck_assert_int_eq(rel("Windows_2012_MS_STIG", "Microsoft Windows Server 2012/2012 R2 Member Server STIG",
			     "MS_Windows_Server_2022_STIG", "Microsoft Windows Server 2022 STIG"),
			 SD_PRODUCT_SUCCESSOR);
	ck_assert_int_eq(rel("Microsoft_Windows_11_STIG", "Microsoft Windows 11 STIG",
			     "MS_Windows_10_STIG", "Microsoft Windows 10 STIG"),
			 SD_PRODUCT_PREDECESSOR);
	/* Client and server: never a successor. */
	ck_assert_int_eq(rel("MS_Windows_10_STIG", "Microsoft Windows 10 STIG",
			     "Windows_Server_2016_STIG", "Windows Server 2016 STIG"),
			 SD_PRODUCT_SIBLING);
	ck_assert_int_eq(rel("Windows_7_STIG", "Windows 7 STIG",
			     "Windows_2008_MS_STIG", "Windows 2008 Member Server STIG"),
			 SD_PRODUCT_SIBLING);
	/* Member server and domain controller of one generation. */
	ck_assert_int_eq(rel("Windows_2012_MS_STIG", "Microsoft Windows Server 2012/2012 R2 Member Server STIG",
			     "Windows_2012_DC_STIG", "Microsoft Windows Server 2012/2012 R2 Domain Controller STIG"),
			 SD_PRODUCT_SIBLING);
	/* A curated group: Red Hat and Oracle Linux of one generation. */
	ck_assert_int_eq(rel("RHEL_8_STIG", "Red Hat Enterprise Linux 8 STIG",
			     "OL_8_STIG", "Oracle Linux 8 STIG"),
			 SD_PRODUCT_SIBLING);
	ck_assert_int_eq(rel("RHEL_7_STIG", "Red Hat Enterprise Linux 7 STIG",
			     "RHEL_8_STIG", "Red Hat Enterprise Linux 8 STIG"),
			 SD_PRODUCT_SUCCESSOR);
	/* Other vendors, other families: related at most. */
	ck_assert_int_eq(rel("RHEL_7_STIG", "Red Hat Enterprise Linux 7 STIG",
			     "SLES_15_STIG", "SUSE Linux Enterprise Server 15 STIG"),
			 SD_PRODUCT_RELATED);
	ck_assert_int_eq(rel("MS_Windows_Server_2022_STIG", "Microsoft Windows Server 2022 STIG",
			     "MS_Exchange_2019_Edge_Server_STIG", "Microsoft Exchange 2019 Edge Server STIG"),
			 SD_PRODUCT_RELATED);
}
END_TEST

START_TEST(test_product__role_rank_prefers_the_whole_product_then_the_same_role)
{
	struct sd_product ms12, dc12, s16, ms16, edge16, edge19, mb16, hub10;

	sd_product_infer(&ms12, NULL, "Windows_2012_MS_STIG", "Windows Server 2012/2012 R2 Member Server STIG");
	sd_product_infer(&dc12, NULL, "Windows_2012_DC_STIG", "Windows Server 2012/2012 R2 Domain Controller STIG");
	sd_product_infer(&s16, NULL, "Windows_Server_2016_STIG", "Windows Server 2016 STIG");
	sd_product_infer(&ms16, NULL, "Windows_Server_2016_MS_STIG", "Windows Server 2016 STIG");
	sd_product_infer(&edge16, NULL, "MS_Exchange_2016_Edge_Transport_Server_STIG", "Microsoft Exchange 2016 Edge Transport Server STIG");
	sd_product_infer(&edge19, NULL, "MS_Exchange_2019_Edge_Server_STIG", "Microsoft Exchange 2019 Edge Server STIG");
	sd_product_infer(&mb16, NULL, "MS_Exchange_2016_Mailbox_Server_STIG", "Microsoft Exchange 2016 Mailbox Server STIG");
	sd_product_infer(&hub10, NULL, "Exchange_2010_Hub_Transport_Server_STIG", "Exchange 2010 Hub Transport Server STIG");
	ck_assert_int_eq(sd_product_role_rank(&ms12, &s16, NULL), 0);
	ck_assert_int_eq(sd_product_role_rank(&ms12, &ms16, NULL), 1);
	ck_assert_int_eq(sd_product_role_rank(&s16, &dc12, NULL), 2);
	ck_assert_int_eq(sd_product_role_rank(&edge16, &edge19, NULL), 3);
	ck_assert_int_eq(sd_product_role_rank(&edge16, &mb16, NULL), 4);
	/* "transport" is too common to tie Hub Transport to Edge Transport. */
	ck_assert_int_eq(sd_product_role_rank(&hub10, &edge16, NULL), 4);
	sd_product_release(&ms12);
	sd_product_release(&dc12);
	sd_product_release(&s16);
	sd_product_release(&ms16);
	sd_product_release(&edge16);
	sd_product_release(&edge19);
	sd_product_release(&mb16);
	sd_product_release(&hub10);
}
END_TEST

START_TEST(test_product__names_fold_in_rule_text)
{
	struct sd_product p;

	sd_product_infer(&p, NULL, "RHEL_8_STIG",
			 "Red Hat Enterprise Linux 8 Security Technical Implementation Guide");
	ck_assert(sd_strv_contains(&p.names, "red hat enterprise linux"));
	ck_assert(sd_strv_contains(&p.names, "rhel"));
	/* The group's other family names it too. */
	ck_assert(sd_strv_contains(&p.names, "oracle linux"));
	sd_product_release(&p);
}
END_TEST

START_TEST(test_product__display_name_drops_the_boilerplate)
{
	char *n = sd_product_display_name(
		"Microsoft Exchange 2019 Edge Server Security Technical Implementation Guide",
		"MS_Exchange_2019_Edge_Server_STIG");

	ck_assert_str_eq(n, "Microsoft Exchange 2019 Edge Server");
	free(n);
	n = sd_product_display_name(NULL, "X_STIG");
	ck_assert_str_eq(n, "X_STIG");
	free(n);
}
END_TEST

START_TEST(test_product__table_errors_name_the_line)
{
	struct sd_product_table *t = NULL;
	static const char bad[] = "# c\nvendor\tms\tmicrosoft\tmaybe\n";
	static const char unknown[] = "\nnoise\tstig\ncolour\tred\n";
	static const char fields[] = "alias\trhel\n";
	static const char good[] = "noise\tstig\nrole\tedge\n";

	ck_assert_int_eq(sd_product_table_parse(&t, bad, strlen(bad), "p.tsv"),
			 SD_EPARSE);
	ck_assert_str_eq(sd_error_last(),
			 "p.tsv:2: vendor ends in 'drop' or 'keep', not 'maybe'");
	ck_assert_int_eq(sd_product_table_parse(&t, unknown, strlen(unknown),
						"p.tsv"),
			 SD_EPARSE);
	ck_assert_str_eq(sd_error_last(), "p.tsv:3: unknown record 'colour'");
	ck_assert_int_eq(sd_product_table_parse(&t, fields, strlen(fields),
						"p.tsv"),
			 SD_EPARSE);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(sd_product_table_parse(&t, good, strlen(good), "p.tsv"),
			 0);
	ck_assert_int_eq(strlen(sd_product_table_digest(t)), 16);
	sd_product_table_free(t);
}
END_TEST

Suite *suite_product(void)
{
	Suite *s = suite_create("product");
	TCase *tc = tcase_create("product");

	tcase_add_test(tc, test_product__titles_and_ids_give_family_generation_and_role);
	tcase_add_test(tc, test_product__renamed_benchmarks_are_one_product);
	tcase_add_test(tc, test_product__relations_follow_family_generation_and_role);
	tcase_add_test(tc, test_product__role_rank_prefers_the_whole_product_then_the_same_role);
	tcase_add_test(tc, test_product__names_fold_in_rule_text);
	tcase_add_test(tc, test_product__display_name_drops_the_boilerplate);
	tcase_add_test(tc, test_product__table_errors_name_the_line);
	suite_add_tcase(s, tc);
	return s;
}
