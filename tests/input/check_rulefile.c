/* The corpus text form of rules and benchmarks: it reads well, it
 * round-trips every rule of the embedded corpus, and it survives text
 * that looks like its own syntax. */
#include <check.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "rulefile.h"
#include "source.h"
#include "testutil.h"

static void assert_rules_equal(const struct sd_rule *a, const struct sd_rule *b)
{
	ck_assert_int_eq(sd_strcmp_null(a->vuln_id, b->vuln_id), 0);
	ck_assert_int_eq(a->severity, b->severity);
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];

		ck_assert_msg(!sd_strcmp_null(SD_RULE_FIELD(a, f),
					      SD_RULE_FIELD(b, f)),
			      "%s: field %s differs", a->vuln_id, f->name);
	}
	ck_assert_int_eq(a->ccis.n, b->ccis.n);
	for (size_t i = 0; i < a->ccis.n; i++)
		ck_assert_str_eq(a->ccis.v[i], b->ccis.v[i]);
	ck_assert_int_eq(a->legacy.n, b->legacy.n);
	for (size_t i = 0; i < a->legacy.n; i++)
		ck_assert_str_eq(a->legacy.v[i], b->legacy.v[i]);
	ck_assert_int_eq(a->profiles.n, b->profiles.n);
	for (size_t i = 0; i < a->profiles.n; i++)
		ck_assert_str_eq(a->profiles.v[i], b->profiles.v[i]);
	ck_assert_int_eq(a->nidents, b->nidents);
	for (size_t i = 0; i < a->nidents; i++) {
		ck_assert_str_eq(a->idents[i].system, b->idents[i].system);
		ck_assert_str_eq(a->idents[i].value, b->idents[i].value);
	}
}

/* Write, read back, compare fields, write again and compare bytes. */
static void round_trip(const struct sd_rule *r)
{
	struct sd_buf a = SD_BUF_INIT, b = SD_BUF_INIT;
	struct sd_rule back;
	int err;

	memset(&back, 0, sizeof(back));
	sd_rulefile_write_rule(&a, r);
	err = sd_rulefile_parse_rule(a.ptr, a.len, "rule.txt", &back);
	ck_assert_msg(err == 0, "%s: %s\n%s", r->vuln_id, sd_error_last(),
		      a.ptr);
	assert_rules_equal(r, &back);
	sd_rulefile_write_rule(&b, &back);
	ck_assert_str_eq(a.ptr, b.ptr);
	sd_rule_release(&back);
	sd_buf_release(&a);
	sd_buf_release(&b);
}

struct count {
	size_t benchmarks, rules;
};

static int round_trip_bench(struct sd_benchmark *b, const struct sd_doc *doc,
			    void *ctx)
{
	struct count *c = ctx;
	struct sd_buf meta = SD_BUF_INIT, again = SD_BUF_INIT;
	struct sd_benchmark *back = NULL;

	(void)doc;
	for (size_t i = 0; i < b->nrules; i++)
		round_trip(&b->rules[i]);
	sd_rulefile_write_benchmark(&meta, b);
	ck_assert_int_eq(sd_rulefile_parse_benchmark(meta.ptr, meta.len,
						     "benchmark.txt", &back),
			 0);
	ck_assert_str_eq(back->id, b->id);
	ck_assert_str_eq(back->title, b->title);
	ck_assert_int_eq(back->v, b->v);
	ck_assert_int_eq(back->r, b->r);
	ck_assert_int_eq(sd_strcmp_null(back->date, b->date), 0);
	ck_assert_int_eq(back->nprofiles, b->nprofiles);
	sd_rulefile_write_benchmark(&again, back);
	ck_assert_str_eq(meta.ptr, again.ptr);
	c->benchmarks++;
	c->rules += b->nrules;
	sd_benchmark_free(back);
	sd_benchmark_free(b);
	sd_buf_release(&meta);
	sd_buf_release(&again);
	return 0;
}

START_TEST(test_rulefile__every_embedded_rule_round_trips)
{
	struct count c = { 0, 0 };

	ck_assert_int_eq(sd_source_benchmarks("corpus", NULL, round_trip_bench,
					      &c, NULL, NULL),
			 0);
	ck_assert_uint_eq(c.benchmarks, 31);
	ck_assert_uint_eq(c.rules, 1733);
}
END_TEST

START_TEST(test_rulefile__rule_file_reads_as_fields_in_a_fixed_order)
{
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
	const struct sd_rule *r = sd_test_rule(b, "V-259642");
	struct sd_buf out = SD_BUF_INIT;
	const char *title, *disc, *check, *fix;

	ck_assert_ptr_nonnull(r);
	sd_rulefile_write_rule(&out, r);
	ck_assert(sd_starts_with(out.ptr,
				 "vuln-id: V-259642\n"
				 "severity: high\n"
				 "rule-id: SV-259642r961632_rule\n"
				 "stig-id: EX19-ED-000236\n"
				 "group-title: SRG-APP-000439\n"));
	ck_assert(strstr(out.ptr, "\ncci: CCI-002418\n"));
	/* Derived fields are not stored: one id change is one line. */
	ck_assert_ptr_null(strstr(out.ptr, "revision:"));
	ck_assert_ptr_null(strstr(out.ptr, "rule-base:"));
	title = strstr(out.ptr, "\n\n[title]\nExchange internal Send connectors "
				"must require encryption.\n\n[discussion]\n");
	disc = strstr(out.ptr, "[discussion]\nThe Simple Mail Transfer");
	check = strstr(out.ptr, "\n[check-content]\n");
	fix = strstr(out.ptr, "\n[fix-text]\n");
	ck_assert(title && disc && check && fix);
	ck_assert(title < disc && disc < check && check < fix);
	/* Nothing volatile: no source path or line. */
	ck_assert_ptr_null(strstr(out.ptr, "corpus/xccdf"));
	ck_assert(sd_ends_with(out.ptr, "\n"));
	ck_assert(!sd_ends_with(out.ptr, "\n\n"));
	sd_buf_release(&out);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_rulefile__text_that_looks_like_syntax_round_trips)
{
	struct sd_rule r;

	memset(&r, 0, sizeof(r));
	r.vuln_id = sd_xstrdup("V-1");
	r.rule_id = sd_xstrdup("SV-1r2_rule");
	r.stig_id = sd_xstrdup("two\nlines");
	r.title = sd_xstrdup("[title]\n\\backslash\n\n[not a block]");
	r.check_content = sd_xstrdup("");
	r.fix_text = sd_xstrdup("ends with a newline\n");
	r.desc[SD_DESC_DISCUSSION] = sd_xstrdup("\nstarts blank");
	r.severity_raw = sd_xstrdup("urgent");
	sd_strv_push(&r.ccis, "CCI-000001");
	sd_strv_push(&r.ccis, "CCI-\n2");
	r.idents = sd_xcalloc(1, sizeof(*r.idents));
	r.nidents = 1;
	r.idents[0].system = sd_xstrdup("sys with ] and % and\nnewline");
	r.idents[0].value = sd_xstrdup("value");
	sd_rule_derive_ids(&r);
	round_trip(&r);
	sd_rule_release(&r);
}
END_TEST

START_TEST(test_rulefile__a_rule_with_only_blocks_round_trips)
{
	struct sd_rule r;

	memset(&r, 0, sizeof(r));
	r.title = sd_xstrdup("only a title");
	round_trip(&r);
	sd_rule_release(&r);
}
END_TEST

static int parse_fails(const char *text, const char *want)
{
	struct sd_rule r;
	int err;

	memset(&r, 0, sizeof(r));
	err = sd_rulefile_parse_rule(text, strlen(text), "V-9.txt", &r);
	sd_rule_release(&r);
	ck_assert_int_eq(err, SD_EPARSE);
	ck_assert_msg(strstr(sd_error_last(), want), "got '%s'",
		      sd_error_last());
	return 1;
}

START_TEST(test_rulefile__malformed_files_name_file_and_line)
{
	parse_fails("vuln-id: V-9\nflavour: sweet\n", "V-9.txt:2: unknown field");
	parse_fails("vuln-id: V-9\nno colon here\n", "V-9.txt:2: expected");
	parse_fails("vuln-id: V-9\n\n[title]\nx\n\n[title]\ny\n",
		    "V-9.txt:6: field given twice");
	parse_fails("\n[title]\nx\n\nstray: text\n[fix-text]\n",
		    "no blank line before block");
	parse_fails("[title\n", "V-9.txt:1: malformed block line");
	parse_fails("[ident sys%zz]\nv\n", "bad %-escape");
	parse_fails("[ident]\nv\n", "ident block without system");
	parse_fails("[rule-base]\nSV-1\n", "unknown field");
}
END_TEST

START_TEST(test_rulefile__names_are_distinct_and_safe)
{
	struct sd_benchmark b;
	struct sd_strv names = SD_STRV_INIT;
	const char *ids[] = { "V-1", "V-1", "../../etc/passwd", "benchmark",
			      NULL, ".hidden" };

	memset(&b, 0, sizeof(b));
	for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++) {
		struct sd_rule *r = sd_benchmark_add_rule(&b);

		if (ids[i])
			r->vuln_id = sd_xstrdup(ids[i]);
	}
	b.rules[4].rule_id = sd_xstrdup("SV-7r1_rule");
	sd_rulefile_names(&b, &names);
	ck_assert_uint_eq(names.n, 6);
	ck_assert_str_eq(names.v[0], "V-1.txt");
	ck_assert_str_eq(names.v[1], "V-1~2.txt");
	ck_assert_str_eq(names.v[2], "_._.._etc_passwd.txt");
	ck_assert_str_eq(names.v[3], "benchmark~2.txt");
	ck_assert_str_eq(names.v[4], "SV-7r1_rule.txt");
	ck_assert_str_eq(names.v[5], "_hidden.txt");
	sd_strv_release(&names);
	for (size_t i = 0; i < b.nrules; i++)
		sd_rule_release(&b.rules[i]);
	free(b.rules);
}
END_TEST

START_TEST(test_rulefile__slug_and_label_come_from_the_benchmark)
{
	struct sd_benchmark b;
	char label[64], *s;

	s = sd_rulefile_slug("MS_Exchange_2019_Edge_Server_STIG");
	ck_assert_str_eq(s, "ms-exchange-2019-edge-server");
	free(s);
	s = sd_rulefile_slug("Exchange_2010_Edge_Transport_Server_STIG");
	ck_assert_str_eq(s, "exchange-2010-edge-transport-server");
	free(s);
	s = sd_rulefile_slug("__CSfC Campus/WLAN__");
	ck_assert_str_eq(s, "csfc-campus-wlan");
	free(s);
	ck_assert_ptr_null(sd_rulefile_slug("../"));
	ck_assert_ptr_null(sd_rulefile_slug(NULL));

	memset(&b, 0, sizeof(b));
	b.v = 2;
	b.r = 10;
	ck_assert_int_eq(sd_rulefile_label(&b, label), 0);
	ck_assert_str_eq(label, "V2R10");
	b.v = 0;
	b.version = "001.003 draft";
	ck_assert_int_eq(sd_rulefile_label(&b, label), 0);
	ck_assert_str_eq(label, "v001-003-draft");
	b.version = NULL;
	ck_assert_int_eq(sd_rulefile_label(&b, label), -1);
}
END_TEST

Suite *suite_rulefile(void)
{
	Suite *s = suite_create("rulefile");
	TCase *tc = tcase_create("format");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_rulefile__every_embedded_rule_round_trips);
	tcase_add_test(tc, test_rulefile__rule_file_reads_as_fields_in_a_fixed_order);
	tcase_add_test(tc, test_rulefile__text_that_looks_like_syntax_round_trips);
	tcase_add_test(tc, test_rulefile__a_rule_with_only_blocks_round_trips);
	tcase_add_test(tc, test_rulefile__malformed_files_name_file_and_line);
	tcase_add_test(tc, test_rulefile__names_are_distinct_and_safe);
	tcase_add_test(tc, test_rulefile__slug_and_label_come_from_the_benchmark);
	suite_add_tcase(s, tc);
	return s;
}
