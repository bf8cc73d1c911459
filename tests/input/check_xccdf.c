/*
 * The XCCDF reader: real 1.1 benchmarks, the same content as XCCDF 1.2 in
 * a data stream, the description pseudo-XML, text normalization, and the
 * input it must refuse (entities, broken XML, limits) or survive with
 * warnings (missing fields, duplicates, unknown severities).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "json.h"
#include "normalize.h"
#include "testutil.h"
#include "xccdf.h"

#define XML "tests/fixtures/xml/"

START_TEST(test_xccdf__reads_exchange_2019_edge_rule_fields)
{
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
	const struct sd_rule *r = sd_test_rule(b, "V-259642");

	ck_assert_int_eq(b->nrules, 68);
	ck_assert_str_eq(b->id, "MS_Exchange_2019_Edge_Server_STIG");
	ck_assert_int_eq(b->v, 2);
	ck_assert_int_eq(b->r, 2);
	ck_assert_str_eq(b->date, "2025-01-30");
	ck_assert_str_eq(b->status, "accepted");
	ck_assert_int_eq(b->nprofiles, 9);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->rule_id, "SV-259642r961632_rule");
	ck_assert_str_eq(r->rule_base, "SV-259642");
	ck_assert_str_eq(r->rule_rev, "r961632");
	ck_assert_str_eq(r->stig_id, "EX19-ED-000236");
	ck_assert_str_eq(r->srg, "SRG-APP-000439");
	ck_assert_int_eq(r->severity, SD_SEV_HIGH);
	ck_assert_str_eq(sd_severity_category(r->severity), "CAT I");
	ck_assert_str_eq(r->weight, "10.0");
	ck_assert_str_eq(r->title,
			 "Exchange internal Send connectors must require encryption.");
	ck_assert(sd_starts_with(r->desc[SD_DESC_DISCUSSION],
				 "The Simple Mail Transfer Protocol (SMTP)"));
	/* Paragraph breaks inside a field are kept. */
	ck_assert(strstr(r->desc[SD_DESC_DISCUSSION], "within the domain.\n\nThe use"));
	ck_assert_str_eq(r->desc[SD_DESC_DOCUMENTABLE], "false");
	ck_assert_str_eq(r->desc[SD_DESC_FALSE_POSITIVES], "");
	ck_assert_str_eq(r->desc[SD_DESC_IA_CONTROLS], "");
	ck_assert_int_eq(r->ccis.n, 1);
	ck_assert_str_eq(r->ccis.v[0], "CCI-002418");
	ck_assert_int_eq(r->profiles.n, 9);
	/* Entities in check text are decoded. */
	ck_assert(strstr(r->check_content, "internal <'SMTP Domain'>"));
	ck_assert_str_eq(r->check_system, "C-63381r942238_chk");
	ck_assert_str_eq(r->check_ref_name, "M");
	ck_assert_str_eq(r->fix_id, "F-63289r942239_fix");
	ck_assert(sd_starts_with(r->fix_text, "If using \"DomainValidation\""));
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_xccdf__legacy_idents_and_old_cci_system_are_read)
{
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml");
	struct sd_benchmark *old = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml");
	const struct sd_rule *r = sd_test_rule(b, "EX13-CA-000005");
	const struct sd_rule *o = sd_test_rule(old, "EX13-CA-000005");

	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->vuln_id, "V-234765");
	ck_assert_int_eq(r->legacy.n, 2);
	ck_assert(sd_strv_contains(&r->legacy, "SV-84337"));
	ck_assert(sd_strv_contains(&r->legacy, "V-69715"));
	/* Every id form finds the rule, legacy ones included. */
	ck_assert(sd_rule_has_id(r, "V-69715"));
	ck_assert(sd_rule_has_id(r, "SV-234765"));
	ck_assert(sd_rule_has_id(r, "SV-234765r617236_rule"));
	ck_assert(sd_rule_has_id(r, "sv-234765r617236"));
	ck_assert(!sd_rule_has_id(r, "V-2347"));
	/* V1R3 writes CCIs under http://iase.disa.mil/cci. */
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(o->ccis.n, 1);
	ck_assert_str_eq(o->ccis.v[0], "CCI-000068");
	ck_assert_int_eq(o->nidents, 0);
	sd_benchmark_free(b);
	sd_benchmark_free(old);
}
END_TEST

static char *rules_json(const struct sd_benchmark *b)
{
	struct sd_buf all = SD_BUF_INIT;

	for (size_t i = 0; i < b->nrules; i++) {
		struct sd_json *j = sd_norm_rule_json(&b->rules[i]);
		char *s = sd_json_dumps(j, SD_JSON_COMPACT);

		sd_buf_addstr(&all, s);
		sd_buf_addch(&all, '\n');
		free(s);
		sd_json_free(j);
	}
	return sd_buf_detach(&all);
}

START_TEST(test_xccdf__xccdf_12_data_stream_gives_the_same_rule_fields)
{
	struct sd_benchmark *b11 = sd_test_load(
		"tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml");
	struct sd_benchmark *b12 = sd_test_load(
		"tests/fixtures/xccdf/exch19-edge-3rules-datastream.xml");
	char *j11 = rules_json(b11), *j12 = rules_json(b12);

	ck_assert_str_eq(b12->xccdf_version, "1.2");
	ck_assert_str_eq(b11->xccdf_version, "1.1");
	ck_assert_str_eq(b12->id, b11->id);
	ck_assert_int_eq(b12->v, 2);
	ck_assert_int_eq(b12->r, 2);
	ck_assert_str_eq(b12->date, b11->date);
	ck_assert_int_eq(b12->nrules, 3);
	ck_assert_str_eq(j12, j11);
	free(j11);
	free(j12);
	sd_benchmark_free(b11);
	sd_benchmark_free(b12);
}
END_TEST

START_TEST(test_xccdf__scap_benchmark_release_and_oval_check_are_read)
{
	char path[512];
	struct sd_benchmark *b;
	const struct sd_rule *r;

	if (!sd_test_shared_path("disa/zips/U_MS_Edge_V1R3_STIG_SCAP_1-2_Benchmark.zip",
				 path, sizeof(path)))
		return;
	b = sd_test_load(path);
	ck_assert_str_eq(b->id, "MS_Edge_STIG");
	ck_assert_int_eq(b->v, 1); /* <version>001.003</version> */
	ck_assert_int_eq(b->r, 3); /* Release: 1.3 */
	ck_assert_str_eq(b->date, "2023-10-25");
	r = sd_test_rule(b, "V-235720");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->rule_id, "SV-235720r879550_rule");
	ck_assert_str_eq(r->stig_id, "EDGE-00-000002");
	ck_assert_ptr_null(r->check_content);
	ck_assert_str_eq(r->check_ref_name, "oval:mil.disa.stig.edge:def:100");
	ck_assert_int_eq(r->profiles.n, b->nprofiles > 0 ? r->profiles.n : 0);
	ck_assert_int_gt(r->profiles.n, 0);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_xccdf__description_pseudo_xml_edge_cases)
{
	struct sd_rule r;

	memset(&r, 0, sizeof(r));
	sd_rule_parse_description(&r, "Plain text, no tags at all.");
	ck_assert_str_eq(r.desc[SD_DESC_DISCUSSION], "Plain text, no tags at all.");
	ck_assert_ptr_null(r.desc[SD_DESC_DOCUMENTABLE]);
	sd_rule_release(&r);

	sd_rule_parse_description(&r,
		"<VulnDiscussion>Use <'Identity'> and a < sign.</VulnDiscussion>"
		"<Unknown>kept</Unknown><Documentable>true</Documentable>"
		"<Mitigations></Mitigations><FalsePositives>unclosed");
	ck_assert_str_eq(r.desc[SD_DESC_DISCUSSION],
			 "Use <'Identity'> and a < sign.\n\n"
			 "<Unknown>kept</Unknown><FalsePositives>unclosed");
	ck_assert_str_eq(r.desc[SD_DESC_DOCUMENTABLE], "true");
	ck_assert_str_eq(r.desc[SD_DESC_MITIGATIONS], "");
	ck_assert_ptr_null(r.desc[SD_DESC_FALSE_POSITIVES]);
	sd_rule_release(&r);
}
END_TEST

START_TEST(test_xccdf__text_normalization_is_documented_and_nothing_more)
{
	struct sd_benchmark *b = sd_test_load(XML "whitespace.xml");

	ck_assert_str_eq(b->title, "WS");
	ck_assert_str_eq(b->rules[0].check_content,
			 "Line one.\nLine two.\n\n\nLine   three keeps inner   spaces.");
	sd_benchmark_free(b);
}
END_TEST

static struct sd_strv warnings;

static void collect(const char *msg, void *ctx)
{
	(void)ctx;
	sd_strv_push(&warnings, msg);
}

static int warned(const char *needle)
{
	for (size_t i = 0; i < warnings.n; i++)
		if (strstr(warnings.v[i], needle))
			return 1;
	return 0;
}

START_TEST(test_xccdf__bad_rules_are_kept_and_warned_with_file_and_line)
{
	struct sd_benchmark *b;

	sd_warn_set_handler(collect, NULL);
	b = sd_test_load(XML "warnings.xml");
	sd_warn_set_handler(NULL, NULL);
	ck_assert_int_eq(b->nrules, 6);
	ck_assert(warned(XML "warnings.xml:7: rule 'SV-2r1_rule' has unknown severity 'severe'"));
	ck_assert(warned(XML "warnings.xml:14: rule in 'V-3' has no STIG id (version)"));
	ck_assert(warned(XML "warnings.xml:19: duplicate rule id 'SV-2r1_rule' (also line 7)"));
	ck_assert(warned(XML "warnings.xml:12: duplicate rule 'V-1' (also line 9)"));
	ck_assert(warned(XML "warnings.xml:14: rule in 'V-3' has no id"));
	ck_assert(warned(XML "warnings.xml:17: rule 'SV-9r1_rule' has no Group id"));
	/* Canonical order: rules without a V- id first, then by number. */
	ck_assert_ptr_null(b->rules[0].vuln_id);
	ck_assert_str_eq(b->rules[1].rule_id, "SV-1r1_rule");
	ck_assert_str_eq(b->rules[2].rule_id, "SV-1r2_rule");
	ck_assert_str_eq(b->rules[3].vuln_id, "V-2");
	ck_assert_int_eq(b->rules[3].severity, SD_SEV_UNKNOWN);
	ck_assert_str_eq(b->rules[3].severity_raw, "severe");
	ck_assert_str_eq(b->rules[1].desc[SD_DESC_DISCUSSION],
			 "Plain text with no pseudo-XML <b> at all");
	sd_benchmark_free(b);
	sd_strv_release(&warnings);
}
END_TEST

static int count_cb(struct sd_benchmark *b, void *ctx)
{
	(*(int *)ctx)++;
	sd_benchmark_free(b);
	return 0;
}

static int parse_file(const char *path, const struct sd_parse_opts *o)
{
	int n = 0;

	return sd_xccdf_parse_file(path, NULL, o, count_cb, &n);
}

/* Refused before any expansion; how fast: make bench (bench/15-hostile.sh). */
START_TEST(test_xccdf__entity_declarations_are_refused)
{
	static const char *files[] = { XML "billion-laughs.xml", XML "xxe.xml",
				       XML "xxe-parameter.xml" };

	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(parse_file(files[i], NULL), SD_EPARSE);
		ck_assert_msg(strstr(sd_error_last(), "refused (entities are not allowed)"),
			      "%s: %s", files[i], sd_error_last());
		ck_assert(sd_starts_with(sd_error_last(), files[i]));
		/* Nothing from /etc/passwd ever reaches a message. */
		ck_assert(!strstr(sd_error_last(), "root:"));
	}
}
END_TEST

START_TEST(test_xccdf__broken_xml_is_an_error_naming_file_and_line)
{
	ck_assert_int_eq(parse_file(XML "mismatched-tag.xml", NULL), SD_EPARSE);
	ck_assert(sd_starts_with(sd_error_last(), XML "mismatched-tag.xml:3: "));
	ck_assert_int_eq(parse_file(XML "truncated.xml", NULL), SD_EPARSE);
	ck_assert(strstr(sd_error_last(), "truncated.xml:15: document ends inside an element"));
	ck_assert_int_eq(parse_file(XML "undeclared-entity.xml", NULL), SD_EPARSE);
	ck_assert(strstr(sd_error_last(), "Entity 'nope' not defined"));
	ck_assert_int_eq(parse_file(XML "empty.xml", NULL), SD_EPARSE);
	ck_assert(strstr(sd_error_last(), "empty.xml: empty file"));
	ck_assert_int_eq(parse_file(XML "not-a-benchmark.xml", NULL), SD_ENOTBENCH);
	ck_assert_int_eq(parse_file("tests/fixtures/none.xml", NULL), SD_EIO);
}
END_TEST

static char *huge_title_doc(size_t n)
{
	struct sd_buf d = SD_BUF_INIT;

	sd_buf_addstr(&d, "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\" id=\"H\">"
			  "<Group id=\"V-1\"><Rule id=\"SV-1r1_rule\" severity=\"low\"><title>");
	sd_buf_grow(&d, n);
	memset(d.ptr + d.len, 'x', n);
	sd_buf_setlen(&d, d.len + n);
	sd_buf_addstr(&d, "</title></Rule></Group></Benchmark>");
	return sd_buf_detach(&d);
}

START_TEST(test_xccdf__huge_field_is_refused_unless_allowed)
{
	size_t n = (size_t)6 << 20;
	char *doc = huge_title_doc(n);
	struct sd_parse_opts o = { .max_field = (size_t)8 << 20 };
	int count = 0;

	ck_assert_int_eq(sd_xccdf_parse_memory(doc, strlen(doc), "huge.xml",
					       NULL, count_cb, &count),
			 SD_ELIMIT);
	ck_assert(strstr(sd_error_last(), "huge.xml:1: text field longer than 4194304 bytes"));
	ck_assert_int_eq(sd_xccdf_parse_memory(doc, strlen(doc), "huge.xml",
					       &o, count_cb, &count),
			 0);
	ck_assert_int_eq(count, 1);
	free(doc);
}
END_TEST

START_TEST(test_xccdf__deep_nesting_and_rule_count_limits_hold)
{
	struct sd_buf d = SD_BUF_INIT;
	struct sd_parse_opts o = { .max_rules = 2 };
	int count = 0;

	sd_buf_addstr(&d, "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.1\" id=\"D\">");
	for (int i = 0; i < 300; i++)
		sd_buf_addstr(&d, "<x>");
	for (int i = 0; i < 300; i++)
		sd_buf_addstr(&d, "</x>");
	sd_buf_addstr(&d, "</Benchmark>");
	ck_assert_int_eq(sd_xccdf_parse_memory(d.ptr, d.len, "deep.xml", NULL,
					       count_cb, &count),
			 SD_ELIMIT);
	ck_assert(strstr(sd_error_last(), "nested deeper than 256"));
	sd_buf_release(&d);

	ck_assert_int_eq(parse_file(XML "warnings.xml", &o), SD_ELIMIT);
	ck_assert(strstr(sd_error_last(), "more than 2 rules"));
}
END_TEST

static char *bench_json(const struct sd_benchmark *b)
{
	struct sd_json *j = sd_norm_benchmark_json(b);
	char *s = sd_json_dumps(j, SD_JSON_COMPACT);

	sd_json_free(j);
	return s;
}

START_TEST(test_xccdf__normalized_document_reads_back_identically)
{
	struct sd_benchmark *b = sd_test_load(
		"corpus/xccdf/U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml");
	char *dir = sd_test_tmpdir(), path[512];
	struct sd_norm_writer *w;
	struct sd_benchmark *back;
	FILE *fp;
	char *j1, *j2;

	snprintf(path, sizeof(path), "%s/n.xml", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(sd_norm_writer_open(&w, fp, SD_NORM_XML), 0);
	ck_assert_int_eq(sd_norm_writer_add(w, b), 0);
	ck_assert_int_eq(sd_norm_writer_close(w), 0);
	fclose(fp);
	back = sd_test_load(path);
	j1 = bench_json(b);
	j2 = bench_json(back);
	/* Everything, the original source included, survives the trip. */
	ck_assert_str_eq(j2, j1);
	free(j1);
	free(j2);
	sd_benchmark_free(b);
	sd_benchmark_free(back);
	sd_test_rmtree(dir);
}
END_TEST

struct headers {
	int n;
	char id[128];
	char date[16];
	size_t nrules;
};

static int header_cb(struct sd_benchmark *b, void *ctx)
{
	struct headers *h = ctx;

	h->n++;
	snprintf(h->id, sizeof(h->id), "%s", b->id ? b->id : "");
	snprintf(h->date, sizeof(h->date), "%s", b->date ? b->date : "");
	h->nrules += b->nrules;
	sd_benchmark_free(b);
	return 0;
}

START_TEST(test_xccdf__header_only_gives_identity_without_rules)
{
	static const char *files[] = {
		"corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml",
		"tests/fixtures/xccdf/exch19-edge-3rules-datastream.xml",
	};
	struct sd_parse_opts o = { .header_only = 1 };

	for (size_t i = 0; i < 2; i++) {
		struct headers h = { 0, "", "", 0 };

		ck_assert_int_eq(sd_xccdf_parse_file(files[i], NULL, &o,
						     header_cb, &h),
				 0);
		ck_assert_int_eq(h.n, 1);
		ck_assert_str_eq(h.id, "MS_Exchange_2019_Edge_Server_STIG");
		ck_assert_str_eq(h.date, "2025-01-30");
		ck_assert_int_eq(h.nrules, 0);
	}
	/* A standalone document is not read past its first Group: a broken
	 * tail goes unnoticed here, and is reported by a full read. */
	{
		struct headers h = { 0, "", "", 0 };

		ck_assert_int_eq(sd_xccdf_parse_file(XML "truncated.xml", NULL,
						     &o, header_cb, &h),
				 0);
		ck_assert_int_eq(h.n, 1);
		ck_assert_int_eq(parse_file(XML "truncated.xml", NULL), SD_EPARSE);
	}
}
END_TEST

#define REPRO "tests/fixtures/reproducers/"

/* The single benchmark in `path`, its warnings in `warnings`. */
static struct sd_benchmark *load_warned(const char *path)
{
	struct sd_benchmark *b;

	sd_warn_set_handler(collect, NULL);
	b = sd_test_load(path);
	sd_warn_set_handler(NULL, NULL);
	return b;
}

/*
 * Found by fuzzing (../shared/reproducers): elements out of their place
 * crashed the reader. Each is now ignored, with its line, and nothing of
 * it reaches the rule that is read.
 */
START_TEST(test_xccdf__check_outside_a_rule_is_ignored_with_its_line)
{
	struct sd_benchmark *b;
	const struct sd_rule *r;

	b = load_warned(REPRO "check-outside-rule.xml");
	ck_assert(warned(REPRO "check-outside-rule.xml:7: <check> is out of place in <Benchmark>: ignored"));
	ck_assert_int_eq(warnings.n, 1);
	ck_assert_int_eq(b->nrules, 1);
	r = &b->rules[0];
	ck_assert_str_eq(r->rule_id, "SV-1r1_rule");
	ck_assert_str_eq(r->check_system, "C-1r1_chk");
	ck_assert_str_eq(r->check_content, "Check it.");
	/* The stray check's reference went nowhere. */
	ck_assert_ptr_null(r->check_ref_name);
	ck_assert_ptr_null(r->check_ref_href);
	sd_benchmark_free(b);
	sd_strv_release(&warnings);
}
END_TEST

START_TEST(test_xccdf__rule_inside_a_profile_is_ignored_with_its_line)
{
	struct sd_benchmark *b;
	const struct sd_rule *r;

	b = load_warned(REPRO "fixtext-in-skipped-rule.xml");
	ck_assert(warned(REPRO "fixtext-in-skipped-rule.xml:8: <Rule> is out of place in <Profile>: ignored"));
	ck_assert_int_eq(warnings.n, 1);
	ck_assert_int_eq(b->nrules, 1);
	r = &b->rules[0];
	ck_assert_str_eq(r->fix_text, "Fix it.");
	ck_assert_str_eq(r->fix_id, "F-1r1_fix");
	/* The Profile itself is read: its title and its selection. */
	ck_assert_int_eq(b->nprofiles, 1);
	ck_assert_str_eq(b->profiles[0].title, "MAC-1");
	ck_assert_int_eq(r->profiles.n, 1);
	ck_assert_str_eq(r->profiles.v[0], "MAC-1_Classified");
	sd_benchmark_free(b);
	sd_strv_release(&warnings);
}
END_TEST

START_TEST(test_xccdf__check_nested_in_a_check_is_ignored_and_nothing_leaks)
{
	struct sd_benchmark *b;
	const struct sd_rule *r;

	b = load_warned(REPRO "second-check-leak.xml");
	ck_assert(warned(REPRO "second-check-leak.xml:11: <check> is out of place in <check>: ignored"));
	ck_assert_int_eq(warnings.n, 1);
	r = &b->rules[0];
	/* The rule's first check is its check; the nested one is not read
	 * and the second one is an alternative XCCDF allows (ASan checks
	 * that neither leaks). */
	ck_assert_str_eq(r->check_system, "C-1r1_chk");
	ck_assert_ptr_null(r->check_content);
	sd_benchmark_free(b);
	sd_strv_release(&warnings);
}
END_TEST

static int keep_first(struct sd_benchmark *b, void *ctx)
{
	struct sd_benchmark **out = ctx;

	if (*out)
		sd_benchmark_free(b);
	else
		*out = b;
	return 0;
}

/* Every element a reader acts on, put where it does not belong. */
START_TEST(test_xccdf__every_known_element_out_of_place_is_only_warned)
{
	static const char doc[] =
		"<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.1' id='B'>\n"
		"<ident system='s'>x</ident><fixtext>f</fixtext><fix id='F'/>\n"
		"<check-content>c</check-content><check-content-ref name='n'/>\n"
		"<select idref='V-1'/><Benchmark id='inner'><Rule id='R0'/></Benchmark>\n"
		"<Group id='V-1'><Profile id='P'><title>p</title></Profile>\n"
		"<plain-text id='release-info'>Release: 9</plain-text>\n"
		"<Rule id='SV-1r1_rule' severity='low'><version>S-1</version>\n"
		"<title>T<Rule id='R2'><title>inner</title></Rule></title>\n"
		"<Group id='V-2'/><check system='c'><title>t</title>\n"
		"<check-content>ok</check-content></check></Rule></Group>\n"
		"<title>B<title>nested</title></title>\n"
		"</Benchmark>\n";
	struct sd_benchmark *b = NULL;
	int err;

	sd_warn_set_handler(collect, NULL);
	err = sd_xccdf_parse_memory(doc, sizeof(doc) - 1, "mem", NULL,
				    keep_first, &b);
	sd_warn_set_handler(NULL, NULL);
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->id, "B");
	ck_assert_int_eq(b->nrules, 1);
	ck_assert_int_eq(b->nprofiles, 0);
	ck_assert_ptr_null(b->release_info);
	ck_assert_str_eq(b->title, "B");
	ck_assert_str_eq(b->rules[0].rule_id, "SV-1r1_rule");
	ck_assert_str_eq(b->rules[0].title, "T");
	ck_assert_str_eq(b->rules[0].check_content, "ok");
	ck_assert_int_eq(b->rules[0].profiles.n, 0);
	ck_assert_int_eq(b->rules[0].nidents, 0);
	ck_assert(warned("mem:2: <ident> is out of place in <Benchmark>"));
	ck_assert(warned("mem:4: <Benchmark> is out of place in <Benchmark>"));
	ck_assert(warned("mem:8: <Rule> is out of place in <title>"));
	/* Ten warnings, then one line counting the rest. */
	ck_assert_int_eq(warnings.n, 11);
	ck_assert(warned("mem: 3 more elements out of place ignored"));
	sd_benchmark_free(b);
	sd_strv_release(&warnings);
}
END_TEST

/* Found by fuzzing: libxml2 hands '&' in an attribute over as "&#38;"
 * when entities are not substituted; the value is the decoded one. */
START_TEST(test_xccdf__ampersand_in_an_attribute_is_read_as_written)
{
	static const char doc[] =
		"<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.1' id='A&amp;B&#38;C&lt;'>"
		"<plain-text id='x&amp;y'>t</plain-text><version>1</version>"
		"<Group id='V-1'><Rule id='SV-1r1_rule' severity='low'>"
		"<version>S&amp;1</version><title>t</title><fixtext fixref=' F-1 '>f</fixtext>"
		"<ident system='http://x&amp;y'>I&amp;J</ident></Rule></Group>"
		"</Benchmark>";
	struct sd_benchmark *b = NULL;

	ck_assert_int_eq(sd_xccdf_parse_memory(doc, sizeof(doc) - 1, "mem",
					       NULL, keep_first, &b),
			 0);
	ck_assert_str_eq(b->id, "A&B&C<");
	ck_assert_str_eq(b->plain_texts[0].system, "x&y");
	ck_assert_str_eq(b->rules[0].stig_id, "S&1");
	ck_assert_str_eq(b->rules[0].idents[0].system, "http://x&y");
	ck_assert_str_eq(b->rules[0].idents[0].value, "I&J");
	/* Blanks around a value go, as around element text (found by
	 * fuzzing: the normalized form did not read back to itself). */
	ck_assert_str_eq(b->rules[0].fix_id, "F-1");
	sd_benchmark_free(b);
	/* So do blanks after an XCCDF 1.2 id's prefix. */
	{
		static const char v12[] =
			"<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2'"
			" id='xccdf_mil.disa.stig_benchmark_ S_Edge'><version>1</version>"
			"<Group id='xccdf_mil.disa.stig_group_ V-1 '><Rule"
			" id='xccdf_mil.disa.stig_rule_ SV-1r1_rule' severity='low'>"
			"<version>X</version><title>t</title></Rule></Group></Benchmark>";

		b = NULL;
		ck_assert_int_eq(sd_xccdf_parse_memory(v12, sizeof(v12) - 1,
						       "mem", NULL, keep_first,
						       &b),
				 0);
		ck_assert_str_eq(b->id, "S_Edge");
		ck_assert_str_eq(b->rules[0].vuln_id, "V-1");
		ck_assert_str_eq(b->rules[0].rule_id, "SV-1r1_rule");
		sd_benchmark_free(b);
	}
}
END_TEST

START_TEST(test_xccdf__dates_severities_and_labels)
{
	char iso[11], vr[32];
	struct sd_benchmark b;

	ck_assert_int_eq(sd_date_iso("30 Jan 2025", iso), 0);
	ck_assert_str_eq(iso, "2025-01-30");
	ck_assert_int_eq(sd_date_iso("7 July 2019", iso), 0);
	ck_assert_str_eq(iso, "2019-07-07");
	ck_assert_int_eq(sd_date_iso("2024-12-06", iso), 0);
	ck_assert_str_eq(iso, "2024-12-06");
	ck_assert_int_eq(sd_date_iso("32 Jan 2025", iso), -1);
	ck_assert_int_eq(sd_date_iso("soon", iso), -1);
	ck_assert_int_eq(sd_severity_parse("HIGH"), SD_SEV_HIGH);
	ck_assert_int_eq(sd_severity_parse("CAT III"), SD_SEV_LOW);
	ck_assert_int_eq(sd_severity_parse("severe"), SD_SEV_UNKNOWN);
	memset(&b, 0, sizeof(b));
	b.v = 2;
	b.r = 6;
	ck_assert_str_eq(sd_benchmark_vr(&b, vr), "V2R6");
	b.r = 0;
	ck_assert_str_eq(sd_benchmark_vr(&b, vr), "V2");
}
END_TEST

Suite *suite_xccdf(void)
{
	Suite *s = suite_create("xccdf");
	TCase *tc = tcase_create("read");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_xccdf__reads_exchange_2019_edge_rule_fields);
	tcase_add_test(tc, test_xccdf__legacy_idents_and_old_cci_system_are_read);
	tcase_add_test(tc, test_xccdf__xccdf_12_data_stream_gives_the_same_rule_fields);
	tcase_add_test(tc, test_xccdf__scap_benchmark_release_and_oval_check_are_read);
	tcase_add_test(tc, test_xccdf__description_pseudo_xml_edge_cases);
	tcase_add_test(tc, test_xccdf__text_normalization_is_documented_and_nothing_more);
	tcase_add_test(tc, test_xccdf__bad_rules_are_kept_and_warned_with_file_and_line);
	tcase_add_test(tc, test_xccdf__entity_declarations_are_refused);
	tcase_add_test(tc, test_xccdf__broken_xml_is_an_error_naming_file_and_line);
	tcase_add_test(tc, test_xccdf__huge_field_is_refused_unless_allowed);
	tcase_add_test(tc, test_xccdf__deep_nesting_and_rule_count_limits_hold);
	tcase_add_test(tc, test_xccdf__normalized_document_reads_back_identically);
	tcase_add_test(tc, test_xccdf__header_only_gives_identity_without_rules);
	tcase_add_test(tc, test_xccdf__dates_severities_and_labels);
	tcase_add_test(tc, test_xccdf__check_outside_a_rule_is_ignored_with_its_line);
	tcase_add_test(tc, test_xccdf__rule_inside_a_profile_is_ignored_with_its_line);
	tcase_add_test(tc, test_xccdf__check_nested_in_a_check_is_ignored_and_nothing_leaks);
	tcase_add_test(tc, test_xccdf__every_known_element_out_of_place_is_only_warned);
	tcase_add_test(tc, test_xccdf__ampersand_in_an_attribute_is_read_as_written);
	suite_add_tcase(s, tc);
	return s;
}
