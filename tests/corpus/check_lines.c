/* Product lines: renamed benchmarks continue one line, parallel products
 * and SCAP content get their own, re-issued versions become revisions,
 * and the answer does not depend on the order releases arrive in. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"

/* A synthetic release; its rules' identifiers are "ids" (one rule per
 * space-separated word, several ids of one rule joined by '+'). */
struct fake {
	const char *id, *title, *label, *date, *content;
	int scap;
	const char *ids;
};

static int fake_ids(size_t i, struct sd_strv *out, void *ctx)
{
	const struct fake *f = &((const struct fake *)ctx)[i];
	char *copy = strdup(f->ids ? f->ids : ""), *save = NULL;

	for (char *w = strtok_r(copy, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		for (char *p = w; *p; p++)
			if (*p == '+')
				*p = '\n';
		sd_strv_push(out, w);
	}
	free(copy);
	return 0;
}

/* Assign `n` fakes; `out` gets "slug@name" per release, in input order. */
static void assign(const struct fake *f, size_t n, char out[][96])
{
	struct sd_line_rel *lr = calloc(n, sizeof(*lr));
	struct sd_line *lines = NULL;
	size_t nlines = 0;

	for (size_t i = 0; i < n; i++) {
		lr[i].bench_id = f[i].id;
		lr[i].title = f[i].title;
		lr[i].label = f[i].label;
		lr[i].date = f[i].date;
		lr[i].content = f[i].content ? f[i].content : f[i].label;
		lr[i].scap = f[i].scap;
	}
	ck_assert_int_eq(sd_lines_assign(lr, n, fake_ids, (void *)f, &lines,
					 &nlines),
			 0);
	for (size_t i = 0; i < n; i++)
		snprintf(out[i], 96, "%s@%s", lines[lr[i].line].slug,
			 lr[i].name);
	sd_lines_free(lines, nlines, lr, n);
	free(lr);
}

static const struct fake firefox[] = {
	/* id continuity: the same Vuln IDs under three ids */
	{ "Firefox", "Mozilla Firefox", "V4R21", "2018-04-27", NULL, 0,
	  "V-1 V-2 V-3 V-4" },
	{ "Mozilla_FireFox_STIG", "Mozilla FireFox Security Technical Implementation Guide",
	  "V4R24", "2019-01-25", NULL, 0, "V-1 V-2 V-3 V-5" },
	{ "Firefox", "Mozilla Firefox", "V4R27", "2019-10-25", NULL, 0,
	  "V-1 V-2 V-3 V-5" },
	{ "Mozilla_Firefox_STIG", "Mozilla Firefox Security Technical Implementation Guide",
	  "V5R1", "2021-01-22", NULL, 0, "V-11+V-1 V-12+V-2 V-13+V-3" },
	/* a rewrite under a new id with new rule ids throughout: the same
	 * product words, every version after the others */
	{ "MOZ_Firefox_STIG", "Mozilla Firefox Security Technical Implementation Guide",
	  "V6R2", "2022-04-27", NULL, 0, "V-21 V-22" },
	/* SCAP content of the same product: a line of its own */
	{ "MOZ_Firefox_STIG", "Mozilla Firefox STIG SCAP Benchmark", "V6R1",
	  "2022-01-01", NULL, 1, "V-21" },
};

START_TEST(test_lines__renamed_benchmark_continues_its_line_named_as_now)
{
	char got[6][96];

	assign(firefox, 6, got);
	ck_assert_str_eq(got[0], "moz-firefox@V4R21");
	ck_assert_str_eq(got[1], "moz-firefox@V4R24");
	ck_assert_str_eq(got[2], "moz-firefox@V4R27");
	ck_assert_str_eq(got[3], "moz-firefox@V5R1");
	ck_assert_str_eq(got[4], "moz-firefox@V6R2");
	ck_assert_str_eq(got[5], "moz-firefox-scap@V6R1");
}
END_TEST

START_TEST(test_lines__any_arrival_order_gives_the_same_lines)
{
	char want[6][96], got[6][96];
	struct fake f[6];
	unsigned seed = 7;

	assign(firefox, 6, want);
	for (int round = 0; round < 20; round++) {
		size_t perm[6] = { 0, 1, 2, 3, 4, 5 };

		for (size_t i = 5; i > 0; i--) {
			size_t j = (seed = seed * 1103515245u + 12345u) % (i + 1);
			size_t t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
		for (size_t i = 0; i < 6; i++)
			f[i] = firefox[perm[i]];
		assign(f, 6, got);
		for (size_t i = 0; i < 6; i++)
			ck_assert_str_eq(got[i], want[perm[i]]);
	}
}
END_TEST

START_TEST(test_lines__parallel_products_sharing_versions_stay_apart)
{
	/* PowerStig's MS and DC subsets of the Windows Server 2016 STIG: the
	 * same title, the same rule ids, the same versions. */
	static const struct fake f[] = {
		{ "Windows_Server_2016_STIG", "Windows Server 2016 Security Technical Implementation Guide",
		  "V1R6", "2018-10-26", NULL, 0, "V-1 V-2 V-3 V-4" },
		{ "Windows_Server_2016_MS_STIG", "Windows Server 2016 Security Technical Implementation Guide",
		  "V1R6", "2018-10-26", NULL, 0, "V-1 V-2 V-3" },
		{ "Windows_Server_2016_MS_STIG", "Windows Server 2016 Security Technical Implementation Guide",
		  "V1R7", "2019-02-08", NULL, 0, "V-1 V-2 V-3" },
		{ "Windows_Server_2016_STIG", "Windows Server 2016 Security Technical Implementation Guide",
		  "V1R7", "2019-02-08", NULL, 0, "V-1 V-2 V-3 V-4" },
	};
	char got[4][96];

	assign(f, 4, got);
	ck_assert_str_eq(got[0], "windows-server-2016@V1R6");
	ck_assert_str_eq(got[1], "windows-server-2016-ms@V1R6");
	ck_assert_str_eq(got[2], "windows-server-2016-ms@V1R7");
	ck_assert_str_eq(got[3], "windows-server-2016@V1R7");
}
END_TEST

START_TEST(test_lines__member_server_and_domain_controller_stay_apart)
{
	/* Each with a single release, versions apart, sharing rules: the
	 * roles in their titles tell them apart. */
	static const struct fake f[] = {
		{ "Windows_2012_DC_STIG", "Windows Server 2012/2012 R2 Domain Controller Security Technical Implementation Guide",
		  "V3R5", "2022-11-14", NULL, 0, "V-1 V-2 V-3 V-4" },
		{ "Windows_2012_MS_STIG", "Windows Server 2012/2012 R2 Member Server Security Technical Implementation Guide",
		  "V3R6", "2023-05-11", NULL, 0, "V-1 V-2 V-3" },
	};
	char got[2][96];

	assign(f, 2, got);
	ck_assert_str_eq(got[0], "windows-2012-dc@V3R5");
	ck_assert_str_eq(got[1], "windows-2012-ms@V3R6");
}
END_TEST

START_TEST(test_lines__other_product_generations_are_other_lines)
{
	/* DISA reused Vuln IDs from Windows 2008 R2 in 2012, and 2008 in
	 * 2008 R2: the versions in the titles tell the products apart. */
	static const struct fake f[] = {
		{ "Windows_2008_DC_STIG", "Windows 2008 Domain Controller Security Technical Implementation Guide",
		  "V6R40", "2017-01-01", NULL, 0, "V-1 V-2 V-3" },
		{ "Windows_2008_R2_DC_STIG", "Windows Server 2008 R2 Domain Controller Security Technical Implementation Guide",
		  "V1R20", "2017-02-01", NULL, 0, "V-1 V-2 V-3" },
		{ "Windows_2012_DC_STIG", "Windows Server 2012/2012 R2 Domain Controller Security Technical Implementation Guide",
		  "V2R8", "2017-04-28", NULL, 0, "V-1 V-2 V-3" },
	};
	char got[3][96];

	assign(f, 3, got);
	ck_assert_str_eq(got[0], "windows-2008-dc@V6R40");
	ck_assert_str_eq(got[1], "windows-2008-r2-dc@V1R20");
	ck_assert_str_eq(got[2], "windows-2012-dc@V2R8");
}
END_TEST

START_TEST(test_lines__ids_differing_in_case_only_get_their_own_names)
{
	/* Two benchmarks whose ids differ in case only, no rule in common:
	 * the older keeps the plain name. */
	static const struct fake f[] = {
		{ "Solaris_11_X86_STIG", "Solaris 11 X86 Security Technical Implementation Guide",
		  "V2R8", "2023-07-26", NULL, 0, "V-9 V-8" },
		{ "Solaris_11_x86_STIG", "Solaris 11 x86 Security Technical Implementation Guide",
		  "V2R8", "2021-01-01", NULL, 0, "V-1 V-2" },
	};
	char got[2][96];

	assign(f, 2, got);
	ck_assert_str_eq(got[0], "solaris-11-x86-2@V2R8");
	ck_assert_str_eq(got[1], "solaris-11-x86@V2R8");
}
END_TEST

START_TEST(test_lines__reissued_version_becomes_revisions_in_date_order)
{
	static const struct fake f[] = {
		{ "IIS_10-0_Site_STIG", "IIS 10.0 Site", "V2R10", "2024-01-24", "bbb", 0, "V-1" },
		{ "IIS_10-0_Site_STIG", "IIS 10.0 Site", "V2R9", "2023-10-25", "aaa", 0, "V-1" },
		{ "IIS_10-0_Site_STIG", "IIS 10.0 Site", "V2R10", "2023-12-01", "ccc", 0, "V-1" },
		{ "IIS_10-0_Site_STIG", "IIS 10.0 Site", "V2R11", "2024-04-01", "ddd", 0, "V-1" },
	};
	char got[4][96];

	assign(f, 4, got);
	ck_assert_str_eq(got[1], "iis-10-0-site@V2R9");
	ck_assert_str_eq(got[2], "iis-10-0-site@V2R10-rev1");
	ck_assert_str_eq(got[0], "iis-10-0-site@V2R10");
	ck_assert_str_eq(got[3], "iis-10-0-site@V2R11");
}
END_TEST

START_TEST(test_lines__labels_order_by_number_and_drafts_first)
{
	ck_assert_int_lt(sd_lines_label_cmp("V1R9", "V1R10"), 0);
	ck_assert_int_lt(sd_lines_label_cmp("V1R10", "V2R1"), 0);
	ck_assert_int_lt(sd_lines_label_cmp("V1R0.1", "V1R1"), 0);
	ck_assert_int_lt(sd_lines_label_cmp("V1R0.1", "V1R0.2"), 0);
	ck_assert_int_eq(sd_lines_label_cmp("V3R2", "V3R2"), 0);
	ck_assert_int_gt(sd_lines_label_cmp("V10R1", "V9R30"), 0);
}
END_TEST

START_TEST(test_lines__titles_compare_modulo_wording)
{
	ck_assert(sd_lines_title_similar(
		"Windows Firewall with Advanced Security Security Technical Implementation Guide",
		"Microsoft Windows Defender Firewall with Advanced Security Security Technical Implementation Guide"));
	ck_assert(sd_lines_title_similar("Windows Defender Antivirus",
					 "Microsoft Defender Antivirus STIG"));
	/* A version on one side only does not tell products apart. */
	ck_assert(sd_lines_title_similar("Microsoft OneDrive for Business 2016",
					 "Microsoft OneDrive for Business"));
	ck_assert(!sd_lines_title_similar("Windows 10 Security Technical Implementation Guide",
					  "Windows 11 Security Technical Implementation Guide"));
	ck_assert(!sd_lines_title_similar("Windows 2008 Member Server",
					  "Windows Server 2008 R2 Member Server"));
	ck_assert(!sd_lines_title_similar("IIS 10.0 Server", "Apache Server 2.4 Windows Server"));
}
END_TEST

Suite *suite_lines(void)
{
	Suite *s = suite_create("lines");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, test_lines__renamed_benchmark_continues_its_line_named_as_now);
	tcase_add_test(tc, test_lines__any_arrival_order_gives_the_same_lines);
	tcase_add_test(tc, test_lines__parallel_products_sharing_versions_stay_apart);
	tcase_add_test(tc, test_lines__member_server_and_domain_controller_stay_apart);
	tcase_add_test(tc, test_lines__other_product_generations_are_other_lines);
	tcase_add_test(tc, test_lines__ids_differing_in_case_only_get_their_own_names);
	tcase_add_test(tc, test_lines__reissued_version_becomes_revisions_in_date_order);
	tcase_add_test(tc, test_lines__labels_order_by_number_and_drafts_first);
	tcase_add_test(tc, test_lines__titles_compare_modulo_wording);
	suite_add_tcase(s, tc);
	return s;
}
