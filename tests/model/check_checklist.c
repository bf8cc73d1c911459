/*
 * STIG Viewer checklists: reading .ckl and .cklb, lossless round trips,
 * conversion both ways, checklists built from real DISA benchmarks, the
 * structural check, and hostile or broken input.
 */
#include <check.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "checklist.h"
#include "checklist_io.h"
#include "error.h"
#include "json.h"
#include "testutil.h"

#define FIX "tests/fixtures/checklist/"
#define EDGE16 "corpus/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"

static struct sd_checklist *load(const char *path)
{
	struct sd_checklist *cl = NULL;
	int err = sd_checklist_load(path, NULL, &cl);

	ck_assert_msg(err == 0, "cannot load %s: %s", path, sd_error_last());
	return cl;
}

static struct sd_checklist *parse(const char *text)
{
	struct sd_checklist *cl = NULL;
	int err = sd_checklist_parse(text, strlen(text), "mem", NULL, &cl);

	ck_assert_msg(err == 0, "cannot parse: %s", sd_error_last());
	return cl;
}

/* Parse expecting failure; the error message (borrowed). */
static const char *parse_fails(const char *text, size_t len)
{
	struct sd_checklist *cl = NULL;
	int err = sd_checklist_parse(text, len, "bad.ckl", NULL, &cl);

	ck_assert_int_lt(err, 0);
	ck_assert_ptr_null(cl);
	return sd_error_last();
}

/* The checklist written in format f, as a string the caller frees. */
static char *write_mem(struct sd_checklist *cl, enum sd_cl_format f,
		       size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(sd_checklist_write(cl, f, fp), 0);
	fclose(fp);
	if (len)
		*len = n;
	return buf;
}

/* Write in f, read back: the reread checklist. */
static struct sd_checklist *through(struct sd_checklist *cl,
				    enum sd_cl_format f)
{
	size_t n;
	char *text = write_mem(cl, f, &n);
	struct sd_checklist *out = NULL;
	int err = sd_checklist_parse(text, n, "written", NULL, &out);

	ck_assert_msg(err == 0, "cannot reread: %s", sd_error_last());
	free(text);
	return out;
}

/* `first`, a checklist written in f, read and written again: the same
 * bytes. Frees `first`. */
static void assert_rewrite_stable(char *first, size_t n1, enum sd_cl_format f)
{
	struct sd_checklist *again = NULL;
	size_t n2;
	char *second;

	ck_assert_int_eq(sd_checklist_parse(first, n1, "first", NULL, &again),
			 0);
	second = write_mem(again, f, &n2);
	ck_assert_msg(n1 == n2 && !memcmp(first, second, n1),
		      "%s rewrite unstable", sd_cl_format_name(f));
	free(first);
	free(second);
	sd_checklist_free(again);
}

static void assert_valid(const struct sd_checklist *cl)
{
	struct sd_strv problems = SD_STRV_INIT;
	size_t n = sd_checklist_validate(cl, &problems);

	ck_assert_msg(n == 0, "%zu problems, first: %s", n,
		      n ? problems.v[0] : "");
	sd_strv_release(&problems);
}

static size_t count_problems(const struct sd_checklist *cl)
{
	struct sd_strv problems = SD_STRV_INIT;
	size_t n = sd_checklist_validate(cl, &problems);

	sd_strv_release(&problems);
	return n;
}

/* The pair a->v[k] is in b, as the same occurrence of its name. */
static void assert_nth_pair(const struct sd_cl_pairs *b,
			    const struct sd_cl_pairs *a, size_t k)
{
	const char *name = a->v[k].name, *x = a->v[k].value;
	size_t nth = 0;

	/* .cklb links rules to their STIG: stig_uuid is the STIG's uuid. */
	if (!strcmp(name, "STIG_UUID"))
		return;
	for (size_t i = 0; i < k; i++)
		nth += !strcmp(a->v[i].name, name);
	for (size_t i = 0; i < b->n; i++) {
		const char *y = b->v[i].value;

		if (strcmp(b->v[i].name, name) || nth--)
			continue;
		ck_assert_msg(!strcmp(x ? x : "", y ? y : ""),
			      "%s differs: '%s' and '%s'", name, x ? x : "",
			      y ? y : "");
		return;
	}
	ck_abort_msg("%s is lost", name);
}

/* Every asset pair and every rule's assessment fields are equal. */
static void assert_same_work(const struct sd_checklist *a,
			     const struct sd_checklist *b)
{
	ck_assert_int_eq(a->nstigs, b->nstigs);
	for (size_t i = 0; i < a->asset.n; i++) {
		const char *name = a->asset.v[i].name;
		const char *av = a->asset.v[i].value;
		const char *bv = sd_cl_pairs_get(&b->asset, name, NULL);

		/* STIG Viewer reads an empty WEB_OR_DATABASE as false. */
		if (!strcmp(name, "WEB_OR_DATABASE")) {
			av = av && !strcmp(av, "true") ? "true" : "false";
			bv = bv && !strcmp(bv, "true") ? "true" : "false";
		}
		ck_assert_msg(!strcmp(av ? av : "", bv ? bv : ""),
			      "asset %s differs", name);
	}
	for (size_t i = 0; i < a->nstigs; i++) {
		ck_assert_int_eq(a->stigs[i].nvulns, b->stigs[i].nvulns);
		for (size_t j = 0; j < a->stigs[i].nvulns; j++) {
			const struct sd_cl_vuln *va = &a->stigs[i].vulns[j];
			const struct sd_cl_vuln *vb = &b->stigs[i].vulns[j];

			ck_assert_str_eq(sd_cl_vuln_label(va),
					 sd_cl_vuln_label(vb));
			ck_assert_int_eq(
				sd_cl_status_parse(va->field[SD_CL_STATUS]),
				sd_cl_status_parse(vb->field[SD_CL_STATUS]));
			for (int f = SD_CL_FINDING_DETAILS; f < SD_CL_NFIELDS;
			     f++)
				ck_assert_msg(
					!strcmp(va->field[f] ? va->field[f] : "",
						vb->field[f] ? vb->field[f] : ""),
					"rule %s: %s differs",
					sd_cl_vuln_label(va),
					sd_cl_field_name(f));
			/* Rule data: the same values under the same names
			 * (order may differ between the formats). */
			for (size_t k = 0; k < va->data.n; k++)
				assert_nth_pair(&vb->data, &va->data, k);
		}
	}
}

/* Fill every rule deterministically: statuses in turn, details,
 * comments with markup and line breaks, an override every fifth rule. */
static void fill(struct sd_checklist *cl)
{
	static const char *const st[] = { "Open", "NotAFinding",
					   "Not_Applicable", "Not_Reviewed" };
	char buf[256];

	sd_cl_pairs_set(&cl->asset, "HOST_NAME", "exch-edge-01");
	sd_cl_pairs_set(&cl->asset, "HOST_IP", "10.0.0.5");
	sd_cl_pairs_set(&cl->asset, "HOST_FQDN", "exch-edge-01.example.mil");
	sd_cl_pairs_set(&cl->asset, "TARGET_COMMENT", "DMZ <edge> & relay");
	sd_cl_pairs_set(&cl->asset, "WEB_OR_DATABASE", "true");
	sd_cl_pairs_set(&cl->asset, "WEB_DB_SITE", "site-1");
	for (size_t i = 0; i < cl->stigs[0].nvulns; i++) {
		struct sd_cl_vuln *v = &cl->stigs[0].vulns[i];

		free(v->field[SD_CL_STATUS]);
		v->field[SD_CL_STATUS] = sd_xstrdup(st[i % 4]);
		free(v->field[SD_CL_FINDING_DETAILS]);
		snprintf(buf, sizeof(buf), "Checked %s:\n  Get-X | fl\r\n<ok> & \"done\" \xc3\xa9",
			 sd_cl_vuln_label(v));
		v->field[SD_CL_FINDING_DETAILS] = sd_xstrdup(buf);
		free(v->field[SD_CL_COMMENTS]);
		snprintf(buf, sizeof(buf), "comment %zu", i);
		v->field[SD_CL_COMMENTS] = sd_xstrdup(buf);
		if (i % 5 == 0) {
			free(v->field[SD_CL_SEVERITY_OVERRIDE]);
			v->field[SD_CL_SEVERITY_OVERRIDE] = sd_xstrdup("low");
			free(v->field[SD_CL_SEVERITY_JUSTIFICATION]);
			v->field[SD_CL_SEVERITY_JUSTIFICATION] =
				sd_xstrdup("mitigated by the perimeter relay");
		}
	}
}

START_TEST(test_checklist__reads_evaluate_stig_ckl_fields)
{
	struct sd_checklist *cl =
		load(FIX "ResultEngineWithEvalStigModuleAndOverride.ckl");
	const struct sd_cl_vuln *v;

	ck_assert_int_eq(cl->format, SD_CL_CKL);
	ck_assert_str_eq(sd_cl_pairs_get(&cl->asset, "HOST_NAME", NULL),
			 "DESKTOP-x516M");
	ck_assert_int_eq(cl->nstigs, 1);
	ck_assert_str_eq(sd_cl_stig_get(&cl->stigs[0], "stigid"),
			 "MS_Windows_10_STIG");
	ck_assert_int_eq(cl->stigs[0].nvulns, 1);
	v = &cl->stigs[0].vulns[0];
	ck_assert_str_eq(sd_cl_vuln_get(v, "Vuln_Num"), "V-220697");
	ck_assert_str_eq(sd_cl_vuln_get(v, "Rule_ID"), "SV-220697r569187_rule");
	ck_assert_str_eq(v->field[SD_CL_STATUS], "Not_Applicable");
	ck_assert_str_eq(v->field[SD_CL_FINDING_DETAILS], "x");
	ck_assert_str_eq(v->field[SD_CL_COMMENTS], "");
	ck_assert(sd_cl_vuln_has_assessment(v));
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__ckl_round_trip_keeps_comments_and_is_stable)
{
	static const char *const files[] = {
		FIX "ResultEngineWithEvalStigModuleAndOverride.ckl",
		FIX "SingleResultEngineModule.ckl", FIX "MultiStig-Simple.ckl",
		FIX "html-decode.ckl",
	};

	for (size_t i = 0; i < SD_ARRAY_SIZE(files); i++) {
		struct sd_checklist *cl = load(files[i]), *again;
		size_t n1, n2;
		char *first = write_mem(cl, SD_CL_CKL, &n1), *second;

		again = NULL;
		ck_assert_int_eq(sd_checklist_parse(first, n1, "first", NULL,
						    &again),
				 0);
		second = write_mem(again, SD_CL_CKL, &n2);
		ck_assert_msg(n1 == n2 && !memcmp(first, second, n1),
			      "%s: second round trip differs", files[i]);
		assert_same_work(cl, again);
		if (strstr(files[i], "Evaluate") || strstr(files[i], "Result"))
			ck_assert_msg(strstr(first, "<!--<Evaluate-STIG>"),
				      "%s lost its comments", files[i]);
		free(first);
		free(second);
		sd_checklist_free(again);
		sd_checklist_free(cl);
	}
}
END_TEST

START_TEST(test_checklist__ckl_round_trip_keeps_every_comment_in_place)
{
	struct sd_checklist *cl =
		load(FIX "ResultEngineWithEvalStigModuleAndOverride.ckl");
	char *out = write_mem(cl, SD_CL_CKL, NULL);
	const char *vuln_comment = strstr(
		out, "<!--<Evaluate-STIG><AnswerFile>MS_Windows_10_STIG_Answer_file.xml");

	/* The answer-file note stays inside its VULN, after the fields. */
	ck_assert_ptr_nonnull(vuln_comment);
	ck_assert_ptr_nonnull(strstr(out, "<SEVERITY_JUSTIFICATION></SEVERITY_JUSTIFICATION>"));
	ck_assert(strstr(out, "<SEVERITY_JUSTIFICATION>") < vuln_comment);
	ck_assert(strstr(vuln_comment, "</VULN>") != NULL);
	ck_assert_ptr_nonnull(strstr(out, "<!--<Evaluate-STIG><global>"));
	free(out);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__entity_references_are_decoded_and_rewritten)
{
	struct sd_checklist *cl = load(FIX "html-decode.ckl"), *again;
	const char *fd = cl->stigs[0].vulns[0].field[SD_CL_FINDING_DETAILS];

	ck_assert_str_eq(fd, "& < > \" ' & < & < > \" ' A . % , ~");
	again = through(cl, SD_CL_CKL);
	ck_assert_str_eq(again->stigs[0].vulns[0].field[SD_CL_FINDING_DETAILS],
			 fd);
	sd_checklist_free(again);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__cklb_round_trip_keeps_unknown_keys_and_order)
{
	struct sd_checklist *cl = load(FIX "TwoResultEngineModules.cklb");
	size_t n1;
	char *first = write_mem(cl, SD_CL_CKLB, &n1);
	const char *es = strstr(first, "\"evaluate-stig\""), *p;

	/* Evaluate-STIG's objects stay first, at root and in the STIG. */
	ck_assert_ptr_eq(es, first + 6);
	ck_assert_ptr_nonnull(strstr(es, "\"version\": \"1.2310.1\""));
	p = strstr(first, "\"stigs\": [");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "{");
	ck_assert_ptr_nonnull(p);
	ck_assert(sd_starts_with(p, "{\n            \"evaluate-stig\": {"));
	ck_assert_ptr_nonnull(strstr(first, "\"name\": \"Scan-GoogleChrome_Checks\""));
	ck_assert_ptr_nonnull(strstr(first, "\"cklb_version\": \"1.0\""));
	assert_rewrite_stable(first, n1, SD_CL_CKLB);
	sd_checklist_free(cl);
}
END_TEST

/* STIG Viewer 3 also saves a checklist on one line: it stays one line. */
START_TEST(test_checklist__one_line_cklb_stays_one_line)
{
	static const char *const texts[] = {
		"{\"title\":\"t\",\"target_data\":{\"host_name\":\"h\"},\"stigs\":[]}",
		"{\"title\":\"t\",\"target_data\":{\"host_name\":\"h\"},\"stigs\":[]}\n",
	};

	for (size_t i = 0; i < SD_ARRAY_SIZE(texts); i++) {
		struct sd_checklist *cl = parse(texts[i]);
		size_t n1;
		char *first = write_mem(cl, SD_CL_CKLB, &n1);

		ck_assert_ptr_eq(strchr(first, '\n'), first + n1 - 1);
		assert_rewrite_stable(first, n1, SD_CL_CKLB);
		sd_checklist_free(cl);
	}
}
END_TEST

START_TEST(test_checklist__cklb_statuses_read_in_both_vocabularies)
{
	struct sd_checklist *cl = load(FIX "all-possible-results.cklb");
	int seen[SD_CL_NSTATUS] = { 0 };

	for (size_t i = 0; i < cl->stigs[0].nvulns; i++)
		seen[sd_cl_status_parse(cl->stigs[0].vulns[i]
						.field[SD_CL_STATUS])]++;
	ck_assert_int_eq(seen[SD_CL_OPEN], 1);
	ck_assert_int_eq(seen[SD_CL_NOT_A_FINDING], 1);
	ck_assert_int_eq(seen[SD_CL_NOT_APPLICABLE], 1);
	ck_assert_int_eq(seen[SD_CL_NOT_REVIEWED], 1);
	ck_assert_int_eq(sd_cl_status_parse("NotAFinding"), SD_CL_NOT_A_FINDING);
	ck_assert_int_eq(sd_cl_status_parse("not_a_finding"),
			 SD_CL_NOT_A_FINDING);
	ck_assert_int_eq(sd_cl_status_parse("Passed"), SD_CL_STATUS_UNKNOWN);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__new_from_exchange_benchmark_validates_in_both_formats)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *cl = sd_checklist_from_benchmark(b), *ckl, *cklb;
	const struct sd_cl_vuln *v;

	ck_assert_int_eq(cl->stigs[0].nvulns, b->nrules);
	ckl = through(cl, SD_CL_CKL);
	cklb = through(cl, SD_CL_CKLB);
	assert_valid(ckl);
	assert_valid(cklb);
	for (size_t i = 0; i < ckl->stigs[0].nvulns; i++) {
		ck_assert_str_eq(ckl->stigs[0].vulns[i].field[SD_CL_STATUS],
				 "Not_Reviewed");
		ck_assert_str_eq(cklb->stigs[0].vulns[i].field[SD_CL_STATUS],
				 "not_reviewed");
	}
	/* The rule fields come from the benchmark. */
	v = &ckl->stigs[0].vulns[0];
	ck_assert_str_eq(sd_cl_vuln_get(v, "Rule_ID"), b->rules[0].rule_id);
	ck_assert_str_eq(sd_cl_vuln_get(v, "Rule_Ver"), b->rules[0].stig_id);
	ck_assert_str_eq(sd_cl_vuln_get(v, "Check_Content"),
			 b->rules[0].check_content);
	ck_assert_str_eq(sd_cl_vuln_get(v, "CCI_REF"), b->rules[0].ccis.v[0]);
	ck_assert_str_eq(sd_cl_stig_get(&ckl->stigs[0], "releaseinfo"),
			 b->release_info);
	assert_same_work(ckl, cklb);
	sd_checklist_free(ckl);
	sd_checklist_free(cklb);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_checklist__new_checklist_is_the_same_every_time)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *x = sd_checklist_from_benchmark(b);
	struct sd_checklist *y = sd_checklist_from_benchmark(b);
	size_t nx, ny;
	char *tx = write_mem(x, SD_CL_CKLB, &nx), *ty = write_mem(y, SD_CL_CKLB, &ny);

	ck_assert(nx == ny && !memcmp(tx, ty, nx));
	free(tx);
	free(ty);
	sd_checklist_free(x);
	sd_checklist_free(y);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_checklist__conversion_keeps_every_assessment_and_asset_field)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *cl = sd_checklist_from_benchmark(b);
	struct sd_checklist *ckl, *cklb, *back_ckl, *back_cklb;

	fill(cl);
	ckl = through(cl, SD_CL_CKL);
	cklb = through(ckl, SD_CL_CKLB);       /* ckl -> cklb */
	back_ckl = through(cklb, SD_CL_CKL);   /* cklb -> ckl */
	back_cklb = through(back_ckl, SD_CL_CKLB);
	assert_same_work(ckl, cklb);
	assert_same_work(ckl, back_ckl);
	assert_same_work(cklb, back_cklb);
	assert_valid(cklb);
	assert_valid(back_ckl);
	ck_assert_str_eq(sd_cl_pairs_get(&cklb->asset, "WEB_OR_DATABASE", NULL),
			 "true");
	ck_assert_str_eq(cklb->stigs[0].vulns[0].field[SD_CL_SEVERITY_OVERRIDE],
			 "low");
	ck_assert_str_eq(cklb->stigs[0].vulns[0].field[SD_CL_STATUS], "open");
	sd_checklist_free(back_cklb);
	sd_checklist_free(back_ckl);
	sd_checklist_free(cklb);
	sd_checklist_free(ckl);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_checklist__real_ckl_converts_to_cklb_and_back)
{
	static const char *const files[] = {
		FIX "MultiStig-Simple.ckl", FIX "SingleResultEngineModule.ckl",
		FIX "TwoResultEngineModules.cklb", FIX "all-possible-results.cklb",
	};

	for (size_t i = 0; i < SD_ARRAY_SIZE(files); i++) {
		struct sd_checklist *cl = load(files[i]);
		enum sd_cl_format other =
			cl->format == SD_CL_CKL ? SD_CL_CKLB : SD_CL_CKL;
		struct sd_checklist *conv = through(cl, other);
		struct sd_checklist *back = through(conv, cl->format);

		assert_same_work(cl, conv);
		assert_same_work(cl, back);
		/* No problem the original did not have (MultiStig-Simple
		 * holds one rule twice). */
		ck_assert_uint_le(count_problems(conv), count_problems(cl));
		sd_checklist_free(back);
		sd_checklist_free(conv);
		sd_checklist_free(cl);
	}
}
END_TEST

START_TEST(test_checklist__edited_assessment_is_written_in_place)
{
	struct sd_checklist *cl = load(FIX "SingleResultEngineModule.ckl"), *again;
	struct sd_cl_vuln *v;

	ck_assert_int_eq(cl->nstigs, 2);
	v = &cl->stigs[1].vulns[0];
	char *out;

	free(v->field[SD_CL_COMMENTS]);
	v->field[SD_CL_COMMENTS] = sd_xstrdup("reviewed again\nby the ISSO");
	free(v->field[SD_CL_SEVERITY_OVERRIDE]);
	v->field[SD_CL_SEVERITY_OVERRIDE] = sd_xstrdup("low");
	out = write_mem(cl, SD_CL_CKL, NULL);
	ck_assert_ptr_nonnull(strstr(out, "<COMMENTS>reviewed again\nby the ISSO</COMMENTS>"));
	ck_assert_ptr_nonnull(strstr(out, "\t\t\t\t<SEVERITY_OVERRIDE>low</SEVERITY_OVERRIDE>"));
	ck_assert_ptr_nonnull(strstr(out, "<!--<Evaluate-STIG><time>"));
	again = parse(out);
	ck_assert_str_eq(again->stigs[1].vulns[0].field[SD_CL_COMMENTS],
			 "reviewed again\nby the ISSO");
	free(out);
	sd_checklist_free(again);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__missing_elements_are_added_indented)
{
	static const char text[] =
		"<?xml version=\"1.0\"?>\n<CHECKLIST>\n  <ASSET>\n    <HOST_NAME>a</HOST_NAME>\n  </ASSET>\n"
		"  <STIGS>\n    <iSTIG>\n      <STIG_INFO>\n        <SI_DATA>\n          <SID_NAME>stigid</SID_NAME>\n"
		"          <SID_DATA>X</SID_DATA>\n        </SI_DATA>\n      </STIG_INFO>\n      <VULN>\n"
		"        <STIG_DATA>\n          <VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>\n"
		"          <ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA>\n        </STIG_DATA>\n      </VULN>\n"
		"    </iSTIG>\n  </STIGS>\n</CHECKLIST>\n";
	struct sd_checklist *cl = parse(text);
	struct sd_cl_vuln *v = &cl->stigs[0].vulns[0];
	char *out;

	ck_assert_ptr_null(v->field[SD_CL_STATUS]);
	v->field[SD_CL_STATUS] = sd_xstrdup("Open");
	v->field[SD_CL_COMMENTS] = sd_xstrdup("c");
	out = write_mem(cl, SD_CL_CKL, NULL);
	ck_assert_ptr_nonnull(strstr(out, "</STIG_DATA>\n        <STATUS>Open</STATUS>\n        <COMMENTS>c</COMMENTS>\n      </VULN>"));
	free(out);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__entity_declarations_are_refused)
{
	static const char laughs[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE CHECKLIST [\n"
		"<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
		"<CHECKLIST><ASSET><HOST_NAME>&b;</HOST_NAME></ASSET><STIGS/></CHECKLIST>\n";
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE CHECKLIST [\n"
		"<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
		"<CHECKLIST><ASSET><HOST_NAME>&x;</HOST_NAME></ASSET><STIGS/></CHECKLIST>\n";
	const char *msg = parse_fails(laughs, strlen(laughs));

	ck_assert_msg(strstr(msg, "bad.ckl:3: entity declaration 'a' refused"),
		      "%s", msg);
	msg = parse_fails(xxe, strlen(xxe));
	ck_assert_msg(strstr(msg, "entity declaration 'x' refused"), "%s", msg);
}
END_TEST

START_TEST(test_checklist__non_checklists_fail_with_a_clear_message)
{
	char *xccdf = NULL;
	size_t n;
	const char *msg;

	ck_assert_int_eq(sd_read_file(EDGE16, 0, &xccdf, &n), 0);
	msg = parse_fails(xccdf, n);
	ck_assert_msg(strstr(msg, "bad.ckl: not a STIG Viewer checklist (root element 'Benchmark'"),
		      "%s", msg);
	free(xccdf);
	msg = parse_fails("[1, 2]", 6);
	ck_assert_msg(strstr(msg, "not a checklist"), "%s", msg);
	msg = parse_fails("{\"title\": \"x\"}", 14);
	ck_assert_msg(strstr(msg, "no \"stigs\" array"), "%s", msg);
	msg = parse_fails("{\"stigs\": [1]}", 14);
	ck_assert_msg(strstr(msg, "stigs[0] is not an object"), "%s", msg);
	msg = parse_fails("{\"stigs\": [], \"stigs\": []}", 26);
	ck_assert_msg(strstr(msg, "bad.ckl:1:"), "%s", msg);
	msg = parse_fails("   \n", 4);
	ck_assert_msg(strstr(msg, "empty file"), "%s", msg);
	msg = parse_fails("<CHECKLIST><ASSET></CHECKLIST>", 30);
	ck_assert_msg(strstr(msg, "bad.ckl:1:"), "%s", msg);
}
END_TEST

START_TEST(test_checklist__byte_order_marks_are_accepted)
{
	struct sd_checklist *a = parse("\xef\xbb\xbf{\"target_data\": {\"host_name\": \"h\"}, \"stigs\": []}");
	struct sd_checklist *b = parse("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				       "<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS/></CHECKLIST>");

	ck_assert_int_eq(a->format, SD_CL_CKLB);
	ck_assert_int_eq(b->format, SD_CL_CKL);
	ck_assert_str_eq(sd_cl_pairs_get(&a->asset, "HOST_NAME", NULL), "h");
	ck_assert_str_eq(sd_cl_pairs_get(&b->asset, "HOST_NAME", NULL), "h");
	sd_checklist_free(a);
	sd_checklist_free(b);
}
END_TEST

START_TEST(test_checklist__malformed_real_file_names_file_and_line)
{
	struct sd_checklist *cl = NULL;

	ck_assert_int_lt(sd_checklist_load(FIX "all-possible-results.ckl", NULL,
					   &cl),
			 0);
	ck_assert_str_eq(sd_error_last(),
			 FIX "all-possible-results.ckl:255: Opening and ending tag mismatch: iSTIG line 21 and VULN");
}
END_TEST

START_TEST(test_checklist__invalid_utf8_is_an_error_on_one_line)
{
	static const char ckl[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CHECKLIST><ASSET>\n"
		"<HOST_NAME>caf\xe9 host</HOST_NAME></ASSET><STIGS/></CHECKLIST>\n";
	static const char cklb[] = "{\"stigs\": [], \"title\": \"caf\xe9\"}";
	const char *msg = parse_fails(ckl, strlen(ckl));

	ck_assert_msg(strstr(msg, "bad.ckl:3:") && strstr(msg, "UTF-8") &&
			      !strchr(msg, '\n'),
		      "%s", msg);
	msg = parse_fails(cklb, strlen(cklb));
	ck_assert_msg(strstr(msg, "bad.ckl:1:27: unable to decode byte 0xe9"),
		      "%s", msg);
}
END_TEST

START_TEST(test_checklist__megabyte_finding_details_survive_both_formats)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *cl = sd_checklist_from_benchmark(b), *x, *y;
	char *big = malloc((1 << 20) + 1);

	for (size_t i = 0; i < (1 << 20); i++)
		big[i] = "abc <&>\n\"'"[i % 11];
	big[1 << 20] = '\0';
	free(cl->stigs[0].vulns[3].field[SD_CL_FINDING_DETAILS]);
	cl->stigs[0].vulns[3].field[SD_CL_FINDING_DETAILS] = big;
	x = through(cl, SD_CL_CKL);
	y = through(x, SD_CL_CKLB);
	ck_assert_str_eq(x->stigs[0].vulns[3].field[SD_CL_FINDING_DETAILS], big);
	ck_assert_str_eq(y->stigs[0].vulns[3].field[SD_CL_FINDING_DETAILS], big);
	sd_checklist_free(x);
	sd_checklist_free(y);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_checklist__field_over_the_limit_is_refused)
{
	struct sd_cl_opts opts = { 0, 10 };
	struct sd_checklist *cl = NULL;
	static const char ckl[] =
		"<CHECKLIST><ASSET><HOST_NAME>twelve bytes</HOST_NAME></ASSET><STIGS/></CHECKLIST>";
	static const char cklb[] =
		"{\"target_data\": {\"host_name\": \"twelve bytes\"}, \"stigs\": []}";

	ck_assert_int_eq(sd_checklist_parse(ckl, strlen(ckl), "a.ckl", &opts,
					    &cl),
			 SD_ELIMIT);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "a.ckl:1: HOST_NAME holds more than 10 bytes"));
	ck_assert_int_eq(sd_checklist_parse(cklb, strlen(cklb), "a.cklb", &opts,
					    &cl),
			 SD_ELIMIT);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "a.cklb: target_data.host_name holds more than 10 bytes"));
	/* Keys no table names are kept and written back: limited too. */
	{
		static const char *const cklbs[] = {
			"{\"stigs\": [], \"tool\": \"over ten bytes\"}",
			"{\"stigs\": [{\"rules\": [{\"evaluate-stig\": {\"answer_file\": \"over ten bytes\"}}]}]}",
			NULL,
		};
		static const char *const where[] = {
			"a.cklb: tool holds more than 10 bytes",
			"a.cklb: stigs[0].rules[0].evaluate-stig.answer_file holds more than 10 bytes",
			"a.cklb: stigs[0] a key of 5000 bytes",
		};

		struct sd_buf key = SD_BUF_INIT;

		sd_buf_addstr(&key, "{\"stigs\": [{\"");
		for (int i = 0; i < 5000; i++)
			sd_buf_addch(&key, 'k');
		sd_buf_addstr(&key, "\": 1}]}");
		for (size_t i = 0; i < 3; i++) {
			const char *t = cklbs[i] ? cklbs[i] : key.ptr;

			ck_assert_int_eq(sd_checklist_parse(t, strlen(t),
							    "a.cklb", &opts,
							    &cl),
					 SD_ELIMIT);
			ck_assert_str_eq(sd_error_last(), where[i]);
		}
		sd_buf_release(&key);
	}
	{
		static const char unknown[] =
			"<CHECKLIST><ASSET/><STIGS/>\n<TOOL>over ten bytes</TOOL></CHECKLIST>";
		static const char comment[] =
			"<CHECKLIST><!-- over ten bytes --><ASSET/><STIGS/></CHECKLIST>";

		ck_assert_int_eq(sd_checklist_parse(unknown, strlen(unknown),
						    "a.ckl", &opts, &cl),
				 SD_ELIMIT);
		ck_assert_str_eq(sd_error_last(),
				 "a.ckl:2: TOOL holds more than 10 bytes");
		ck_assert_int_eq(sd_checklist_parse(comment, strlen(comment),
						    "a.ckl", &opts, &cl),
				 SD_ELIMIT);
		ck_assert_str_eq(sd_error_last(),
				 "a.ckl:1: a comment holds more than 10 bytes");
	}
}
END_TEST

/* A one-rule .cklb with the given rule keys, written as .ckl and reread. */
static struct sd_checklist *one_rule_as_ckl(const char *rule_keys)
{
	struct sd_buf text = SD_BUF_INIT;
	struct sd_checklist *cl, *x;

	sd_buf_addf(&text,
		    "{\"target_data\": {\"host_name\": \"h\"}, \"stigs\": [{\"stig_id\": \"X\", "
		    "\"uuid\": \"u\", \"rules\": [{\"group_id\": \"V-1\", %s}]}]}",
		    rule_keys);
	cl = parse(text.ptr);
	x = through(cl, SD_CL_CKL);
	sd_checklist_free(cl);
	sd_buf_release(&text);
	return x;
}

START_TEST(test_checklist__control_characters_from_json_become_replacement_in_xml)
{
	struct sd_checklist *x = one_rule_as_ckl(
		"\"comments\": \"bell\\u0007here\", \"status\": \"open\"");

	ck_assert_str_eq(x->stigs[0].vulns[0].field[SD_CL_COMMENTS],
			 "bell\xef\xbf\xbdhere");
	ck_assert_str_eq(x->stigs[0].vulns[0].field[SD_CL_STATUS], "Open");
	sd_checklist_free(x);
}
END_TEST

static struct sd_strv warnings;

static void collect(const char *msg, void *ctx)
{
	(void)ctx;
	sd_strv_push(&warnings, msg);
}

/* Found by fuzzing: an asset key of a .cklb that is an XML name only
 * with a namespace prefix made a .ckl stigdiff could not read back. */
START_TEST(test_checklist__asset_key_that_is_no_element_name_is_named_and_left_out)
{
	struct sd_checklist *cl = parse(
		"{\"target_data\": {\"host_name\": \"h\", \"mac:addr\": \"m\", "
		"\"site_key\": \"s\"}, \"stigs\": []}");
	struct sd_checklist *x;

	sd_warn_set_handler(collect, NULL);
	x = through(cl, SD_CL_CKL);
	sd_warn_set_handler(NULL, NULL);
	ck_assert_int_eq(warnings.n, 1);
	ck_assert_str_eq(warnings.v[0],
			 "mem: 'mac:addr' is not an XML element name; left out");
	ck_assert_str_eq(sd_cl_pairs_get(&x->asset, "site_key", NULL), "s");
	ck_assert_ptr_null(sd_cl_pairs_get(&x->asset, "mac:addr", NULL));
	sd_checklist_free(cl);
	sd_checklist_free(x);
	sd_strv_release(&warnings);
}
END_TEST

/* Found by fuzzing: a .ckl declaring UTF-7 was written back in UTF-7,
 * which no checklist reader (stigdiff's included) takes. */
START_TEST(test_checklist__ckl_in_an_encoding_not_read_back_is_written_as_utf8)
{
	static const char text[] =
		"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n"
		"<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS/></CHECKLIST>\n";
	struct sd_checklist *cl = parse(text), *x;
	char *out;

	sd_warn_set_handler(collect, NULL);
	out = write_mem(cl, SD_CL_CKL, NULL);
	sd_warn_set_handler(NULL, NULL);
	ck_assert(strstr(out, "encoding=\"UTF-8\""));
	ck_assert_int_eq(warnings.n, 1);
	ck_assert(strstr(warnings.v[0], "written as UTF-8"));
	x = parse(out);
	ck_assert_str_eq(sd_cl_pairs_get(&x->asset, "HOST_NAME", NULL), "h");
	free(out);
	sd_checklist_free(cl);
	sd_checklist_free(x);
	sd_strv_release(&warnings);
}
END_TEST

START_TEST(test_checklist__validator_reports_what_stig_viewer_needs)
{
	static const char text[] =
		"<CHECKLIST><ASSET/><STIGS><iSTIG><STIG_INFO><SI_DATA><SID_NAME>stigid</SID_NAME>"
		"<SID_DATA>X</SID_DATA></SI_DATA></STIG_INFO>"
		"<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>"
		"<STATUS>Passed</STATUS></VULN>"
		"<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>"
		"<STATUS>Open</STATUS></VULN></iSTIG></STIGS></CHECKLIST>";
	struct sd_checklist *cl = parse(text);
	struct sd_strv p = SD_STRV_INIT;
	struct sd_buf all = SD_BUF_INIT;

	ck_assert_uint_gt(sd_checklist_validate(cl, &p), 0);
	for (size_t i = 0; i < p.n; i++)
		sd_buf_addf(&all, "%s\n", p.v[i]);
	ck_assert_ptr_nonnull(strstr(all.ptr, "mem: STIG 'X' rule 'V-1': no Rule_ID\n"));
	ck_assert_ptr_nonnull(strstr(all.ptr, "mem: STIG 'X' rule 'V-1': no FINDING_DETAILS\n"));
	ck_assert_ptr_nonnull(strstr(all.ptr, "status 'Passed' is not in the ckl vocabulary"));
	ck_assert_ptr_nonnull(strstr(all.ptr, "mem: STIG 'X': rule 'V-1' appears more than once"));
	sd_buf_release(&all);
	sd_strv_release(&p);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__ckl_without_stig_info_version_is_a_problem)
{
	static const char text[] =
		"<CHECKLIST><ASSET/><STIGS><iSTIG><STIG_INFO>"
		"<SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>X</SID_DATA></SI_DATA>"
		"<SI_DATA><SID_NAME>releaseinfo</SID_NAME><SID_DATA>Release: 1 Benchmark Date: 1 Jan 2024</SID_DATA></SI_DATA>"
		"</STIG_INFO></iSTIG></STIGS></CHECKLIST>";
	struct sd_checklist *cl = parse(text);
	struct sd_strv p = SD_STRV_INIT;
	int seen = 0;

	ck_assert_uint_gt(sd_checklist_validate(cl, &p), 0);
	for (size_t i = 0; i < p.n; i++)
		seen |= !strcmp(p.v[i], "mem: STIG 'X': no STIG_INFO version");
	ck_assert_msg(seen, "no problem names the missing version");
	sd_strv_release(&p);
	sd_checklist_free(cl);
}
END_TEST

/* STIG Viewer 2.18's SI_DATA, in its order. */
static const char *const stig_info_names[] = {
	"version", "classification", "customname", "stigid", "description",
	"filename", "releaseinfo", "title", "uuid", "notice", "source",
};

/* The written .ckl's STIG_INFO starts with STIG Viewer's eleven names. */
static void assert_full_stig_info(const struct sd_checklist *cl)
{
	for (size_t i = 0; i < cl->nstigs; i++) {
		const struct sd_cl_pairs *info = &cl->stigs[i].info;

		ck_assert_uint_ge(info->n, SD_ARRAY_SIZE(stig_info_names));
		for (size_t k = 0; k < SD_ARRAY_SIZE(stig_info_names); k++)
			ck_assert_str_eq(info->v[k].name, stig_info_names[k]);
	}
}

START_TEST(test_checklist__cklb_without_version_converts_to_ckl_with_full_stig_info)
{
	/* Evaluate-STIG writes no "version" key in its .cklb STIGs. */
	struct sd_checklist *cl = load(FIX "TwoResultEngineModules.cklb");
	struct sd_checklist *x = through(cl, SD_CL_CKL);
	const struct sd_cl_stig *s = &x->stigs[0];

	assert_full_stig_info(x);
	assert_valid(x);
	ck_assert_str_eq(sd_cl_stig_get(s, "stigid"),
			 "Google_Chrome_Current_Windows");
	ck_assert_str_eq(sd_cl_stig_get(s, "releaseinfo"),
			 "Release: 8 Benchmark Date: 26 Jan 2023");
	ck_assert_str_eq(sd_cl_stig_get(s, "uuid"),
			 "697cae4e-cbce-4a9e-9378-e6db74f7abe2");
	/* Unknown: written empty, not made up. */
	ck_assert_ptr_null(sd_cl_stig_get(s, "version"));
	ck_assert_str_eq(sd_cl_stig_get(s, "classification"), "UNCLASSIFIED");
	/* The .cklb-only keys ride along as SI_DATA after the eleven. */
	ck_assert_str_eq(sd_cl_stig_get(s, "reference_identifier"), "4081");
	sd_checklist_free(x);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__new_checklist_has_full_stig_info_in_both_formats)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *cl = sd_checklist_from_benchmark(b), *x, *y;
	size_t n;
	char *text;

	x = through(cl, SD_CL_CKL);
	assert_full_stig_info(x);
	ck_assert_str_eq(sd_cl_stig_get(&x->stigs[0], "version"), "2");
	text = write_mem(cl, SD_CL_CKLB, &n);
	for (size_t k = 0; k < 8; k++) {
		static const char *const keys[] = {
			"\"stig_name\": \"", "\"display_name\": \"",
			"\"stig_id\": \"", "\"version\": \"2\"",
			"\"release_info\": \"Release: ", "\"uuid\": \"",
			"\"reference_identifier\": \"", "\"size\": ",
		};

		ck_assert_msg(strstr(text, keys[k]), "no %s", keys[k]);
	}
	y = through(cl, SD_CL_CKLB);
	assert_valid(y);
	free(text);
	sd_checklist_free(y);
	sd_checklist_free(x);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_checklist__empty_status_stays_empty_in_both_formats)
{
	static const char text[] =
		"<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS><iSTIG><STIG_INFO>"
		"<SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>X</SID_DATA></SI_DATA>"
		"</STIG_INFO><VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE>"
		"<ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA><STATUS/>"
		"<COMMENTS>kept</COMMENTS></VULN></iSTIG></STIGS></CHECKLIST>";
	struct sd_checklist *cl = parse(text);
	struct sd_checklist *b = through(cl, SD_CL_CKLB);
	struct sd_checklist *c = through(b, SD_CL_CKL);

	/* STIG Manager reads no status as no review, not_reviewed as one. */
	ck_assert_str_eq(b->stigs[0].vulns[0].field[SD_CL_STATUS], "");
	ck_assert_str_eq(c->stigs[0].vulns[0].field[SD_CL_STATUS], "");
	ck_assert_str_eq(c->stigs[0].vulns[0].field[SD_CL_COMMENTS], "kept");
	sd_checklist_free(c);
	sd_checklist_free(b);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__asset_fields_are_checked_and_spelled_as_stig_viewer_does)
{
	struct sd_checklist *cl = sd_checklist_new();

	ck_assert_int_eq(sd_cl_asset_set(cl, "role", "domain controller"), 0);
	ck_assert_str_eq(sd_cl_pairs_get(&cl->asset, "ROLE", NULL),
			 "Domain Controller");
	ck_assert_int_eq(sd_cl_asset_set(cl, "host_name", "h1"), 0);
	ck_assert_int_eq(sd_cl_asset_set(cl, "HOST_IP", "10.0.0.1"), 0);
	ck_assert_str_eq(sd_cl_pairs_get(&cl->asset, "HOST_NAME", NULL), "h1");
	ck_assert_str_eq(sd_cl_pairs_get(&cl->asset, "HOST_IP", NULL),
			 "10.0.0.1");
	ck_assert_int_eq(sd_cl_asset_set(cl, "role", "Server"), SD_EUSAGE);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "role 'Server'"));
	ck_assert_int_eq(sd_cl_asset_set(cl, "colour", "red"), SD_EUSAGE);
	ck_assert_int_eq(sd_cl_asset_set(cl, "web-db-site", "s"), 0);
	ck_assert_int_eq(sd_cl_asset_check(cl), SD_EUSAGE);
	ck_assert_int_eq(sd_cl_asset_set(cl, "web-or-database", "TRUE"), 0);
	ck_assert_int_eq(sd_cl_asset_check(cl), 0);
	ck_assert_str_eq(sd_cl_pairs_get(&cl->asset, "WEB_OR_DATABASE", NULL),
			 "true");
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__set_host_name_keeps_everything_else_of_a_real_ckl)
{
	struct sd_checklist *cl = load(FIX "MultiStig-Simple.ckl");
	struct sd_checklist *orig = load(FIX "MultiStig-Simple.ckl");
	struct sd_checklist *x;

	cl->as_is = 1;
	ck_assert_int_eq(sd_cl_asset_set(cl, "host-name", "renamed"), 0);
	x = through(cl, SD_CL_CKL);
	ck_assert_str_eq(sd_cl_pairs_get(&x->asset, "HOST_NAME", NULL),
			 "renamed");
	ck_assert_uint_eq(x->asset.n, orig->asset.n);
	sd_cl_pairs_set(&orig->asset, "HOST_NAME", "renamed");
	assert_same_work(orig, x);
	for (size_t i = 0; i < orig->nstigs; i++) {
		ck_assert_uint_eq(x->stigs[i].info.n, orig->stigs[i].info.n);
		for (size_t k = 0; k < orig->stigs[i].info.n; k++)
			assert_nth_pair(&x->stigs[i].info,
					&orig->stigs[i].info, k);
	}
	sd_checklist_free(x);
	sd_checklist_free(orig);
	sd_checklist_free(cl);
}
END_TEST

START_TEST(test_checklist__unknown_status_is_kept_as_written)
{
	struct sd_checklist *x =
		one_rule_as_ckl("\"status\": \"passed_with_notes\"");

	ck_assert_str_eq(x->stigs[0].vulns[0].field[SD_CL_STATUS],
			 "passed_with_notes");
	sd_checklist_free(x);
}
END_TEST

START_TEST(test_checklist__stig_as_benchmark_gives_rule_ids_and_texts)
{
	struct sd_benchmark *b = sd_test_load(EDGE16);
	struct sd_checklist *cl = sd_checklist_from_benchmark(b);
	struct sd_benchmark *back = sd_cl_stig_benchmark(&cl->stigs[0]);

	ck_assert_int_eq(back->nrules, b->nrules);
	ck_assert_int_eq(back->v, b->v);
	ck_assert_int_eq(back->r, b->r);
	for (size_t i = 0; i < b->nrules; i++) {
		const struct sd_rule *x = &b->rules[i], *y = &back->rules[i];

		ck_assert_str_eq(y->rule_id, x->rule_id);
		ck_assert_str_eq(y->rule_base, x->rule_base);
		ck_assert_str_eq(y->vuln_id, x->vuln_id);
		ck_assert_str_eq(y->stig_id, x->stig_id);
		ck_assert_str_eq(y->check_content, x->check_content);
		ck_assert_str_eq(y->title, x->title);
		ck_assert_int_eq(y->severity, x->severity);
		ck_assert_int_eq(y->ccis.n, x->ccis.n);
		ck_assert_int_eq(y->legacy.n, x->legacy.n);
	}
	sd_benchmark_free(back);
	sd_checklist_free(cl);
	sd_benchmark_free(b);
}
END_TEST

/* Every file of ../shared/checklists parses (and then round-trips
 * stably in both formats) or fails with a one-line message naming it. */
/*
 * Call fn(path, name, ctx) for every file of ../shared/checklists/ckl and
 * cklb. Returns 0, or -1 (having said why) when ../shared is absent.
 */
static int each_shared_checklist(void (*fn)(const char *path,
					    const char *name, void *ctx),
				 void *ctx)
{
	static const char *const dirs[] = { "checklists/ckl",
					    "checklists/cklb" };

	for (size_t d = 0; d < SD_ARRAY_SIZE(dirs); d++) {
		char buf[4096], path[4096];
		const char *dir = sd_test_shared_path(dirs[d], buf, sizeof(buf));
		DIR *dp;
		struct dirent *e;

		if (!dir)
			return -1;
		ck_assert_ptr_nonnull(dp = opendir(dir));
		while ((e = readdir(dp))) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			fn(path, e->d_name, ctx);
		}
		closedir(dp);
	}
	return 0;
}

struct shared_counts {
	size_t parsed, failed;
};

static void parses_or_fails(const char *path, const char *name, void *ctx)
{
	struct shared_counts *n = ctx;
	struct sd_checklist *cl = NULL;

	(void)name;
	if (sd_checklist_load(path, NULL, &cl) < 0) {
		const char *msg = sd_error_last();

		ck_assert_msg(sd_starts_with(msg, path) && !strchr(msg, '\n'),
			      "unclear error: %s", msg);
		n->failed++;
		return;
	}
	/* The first write of the file, in either format, read and written
	 * again, gives the same bytes. */
	for (int f = SD_CL_CKL; f <= SD_CL_CKLB; f++) {
		size_t n1;
		char *x = write_mem(cl, f, &n1);
		struct sd_checklist *a = NULL;

		ck_assert_int_eq(sd_checklist_parse(x, n1, "first", NULL, &a), 0);
		assert_same_work(cl, a);
		sd_checklist_free(a);
		assert_rewrite_stable(x, n1, f);
	}
	sd_checklist_free(cl);
	n->parsed++;
}

START_TEST(test_checklist__every_shared_checklist_parses_or_fails_clearly)
{
	struct shared_counts n = { 0, 0 };

	if (each_shared_checklist(parses_or_fails, &n) < 0)
		return;
	ck_assert_uint_gt(n.parsed, 50);
	ck_assert_uint_gt(n.failed, 2);
}
END_TEST

/*
 * Evaluate-STIG's result-engine records cross between the formats: the
 * .ckl comments (before CHECKLIST, in an iSTIG, in a VULN) become
 * "evaluate-stig" objects at the same places, key for element, and back.
 */
START_TEST(test_checklist__evaluate_stig_records_cross_both_ways)
{
	struct sd_checklist *ckl = load(FIX "ResultEngineWithEvalStigModuleAndOverride.ckl");
	struct sd_checklist *b = through(ckl, SD_CL_CKLB), *c;
	char *text = write_mem(b, SD_CL_CKLB, NULL), *xml;
	struct sd_json *j = NULL;
	const struct sd_json *rule;

	ck_assert_int_eq(sd_json_parse(text, strlen(text), "t", &j), 0);
	/* Root: first key, the comment's elements as keys. */
	ck_assert_str_eq(sd_json_iter_key(sd_json_iter(j)), "evaluate-stig");
	ck_assert_str_eq(sd_json_get_str(sd_json_get(sd_json_get(j, "evaluate-stig"), "global"), "version"),
			 "1.2204.1");
	ck_assert_str_eq(sd_json_get_str(sd_json_get(sd_json_get(j, "evaluate-stig"), "stiglist"), "shortname"),
			 "Win10");
	rule = sd_json_at(sd_json_get(sd_json_at(sd_json_get(j, "stigs"), 0), "rules"), 0);
	ck_assert_str_eq(sd_json_get_str(sd_json_get(rule, "evaluate-stig"), "AnswerFile"),
			 "MS_Windows_10_STIG_Answer_file.xml");
	ck_assert_str_eq(sd_json_get_str(sd_json_get(rule, "evaluate-stig"), "afmod"), "True");
	/* And back: the same comments, where Evaluate-STIG puts them. */
	c = through(b, SD_CL_CKL);
	xml = write_mem(c, SD_CL_CKL, NULL);
	ck_assert(strstr(xml, "?>\n<!--<Evaluate-STIG><global><version>1.2204.1</version>"
			      "<time>2022-06-03T12:19:27.9454169-04:00</time></global>"));
	ck_assert(strstr(xml, "<SEVERITY_JUSTIFICATION></SEVERITY_JUSTIFICATION>\n\t\t\t\t"
			      "<!--<Evaluate-STIG><AnswerFile>MS_Windows_10_STIG_Answer_file.xml"
			      "</AnswerFile><afmod>True</afmod></Evaluate-STIG>-->\n\t\t\t</VULN>"));
	free(xml);
	free(text);
	sd_json_free(j);
	sd_checklist_free(ckl);
	sd_checklist_free(b);
	sd_checklist_free(c);

	/* From a .cklb: STIG-level records become iSTIG comments; values a
	 * comment cannot hold as they are ("--", markup) are escaped, and
	 * read back the same; numbers and booleans come back as text. */
	b = parse("{\"evaluate-stig\": {\"version\": \"1.2310.1\", \"odd\": \"a\\u0007b\\rc\"}, \"target_data\": {\"host_name\": \"h\"},"
		  " \"stigs\": [{\"evaluate-stig\": {\"time\": \"t\", \"module\": {\"name\": \"a--b<c>&d\","
		  " \"version\": 2}, \"flag\": true, \"list\": [\"x\", \"y\"]}, \"stig_id\": \"X\", \"uuid\": \"u\","
		  " \"display_name\": \"Shown\", \"reference_identifier\": \"4081\", \"size\": 12, \"rules\": []}]}");
	c = through(b, SD_CL_CKL);
	xml = write_mem(c, SD_CL_CKL, NULL);
	ck_assert(strstr(xml, "<iSTIG>\n\t\t\t<!--<Evaluate-STIG><time>t</time><module><name>a-&#45;b&lt;c&gt;&amp;d</name>"
			      "<version>2</version></module><flag>true</flag><list>x</list><list>y</list></Evaluate-STIG>-->"));
	ck_assert(!strstr(xml + 4, "--b"));
	ck_assert_str_eq(sd_json_get_str(sd_json_get(c->stigs[0].es, "module"), "name"), "a--b<c>&d");
	ck_assert_str_eq(sd_json_get_str(sd_json_get(c->stigs[0].es, "module"), "version"), "2");
	ck_assert_int_eq(sd_json_size(sd_json_get(c->stigs[0].es, "list")), 2);
	ck_assert_str_eq(sd_json_get_str(c->es, "version"), "1.2310.1");
	/* A control character XML cannot hold is U+FFFD; CR survives. */
	ck_assert_str_eq(sd_json_get_str(c->es, "odd"), "a\xef\xbf\xbd" "b\rc");
	/* The STIG-level keys STIG Viewer 3 adds ride in STIG_INFO. */
	ck_assert_str_eq(sd_cl_stig_get(&c->stigs[0], "display_name"), "Shown");
	ck_assert_str_eq(sd_cl_stig_get(&c->stigs[0], "reference_identifier"), "4081");
	ck_assert_str_eq(sd_cl_stig_get(&c->stigs[0], "size"), "12");
	free(xml);
	text = write_mem(c, SD_CL_CKLB, NULL);
	ck_assert(strstr(text, "\"display_name\": \"Shown\""));
	ck_assert(strstr(text, "\"reference_identifier\": \"4081\""));
	ck_assert(strstr(text, "\"size\": 12"));
	free(text);
	sd_checklist_free(b);
	sd_checklist_free(c);
}
END_TEST

/* ---- every shared checklist, both ways round ---- */

struct rt_tally {
	size_t files, refused, fields, es_records, lost;
	struct sd_strv refused_why, lost_what, not_carried;
};

/* Blank and absent are the same to a person: NULL equals "". */
static int rt_same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static void rt_lost(struct rt_tally *t, const char *file, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));

static void rt_lost(struct rt_tally *t, const char *file, const char *fmt,
		    ...)
{
	struct sd_buf b = SD_BUF_INIT;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sd_buf_addf(&b, "%s: %s", file, msg);
	sd_strv_push(&t->lost_what, b.ptr);
	sd_buf_release(&b);
	t->lost++;
}

/*
 * The conversions the README documents as changes, by design: .cklb's
 * is_web_database is a boolean (an empty WEB_OR_DATABASE is false), and
 * a rule's stig_uuid is its STIG's uuid, whatever a .ckl VULN said.
 */
static int rt_by_design(struct rt_tally *t, const char *name, const char *was,
			const char *now)
{
	const char *why = NULL;

	if (rt_same_text(was, now))
		return 0;
	if (!strcmp(name, "WEB_OR_DATABASE") && rt_same_text(was, "") &&
	    rt_same_text(now, "false"))
		why = "an empty WEB_OR_DATABASE is false in .cklb (a boolean)";
	else if (!strcmp(name, "STIG_UUID"))
		why = "a VULN's STIG_UUID becomes its STIG's uuid in .cklb";
	if (why && !sd_strv_contains(&t->not_carried, why))
		sd_strv_push(&t->not_carried, why);
	return why != NULL;
}

/* Every pair of `a` is in `b` with its value (by name and occurrence). */
static void rt_pairs(struct rt_tally *t, const char *file, const char *where,
		     const struct sd_cl_pairs *a, const struct sd_cl_pairs *b)
{
	for (size_t i = 0; i < a->n; i++) {
		size_t nth = 0, seen = 0;
		const char *got = NULL;
		int found = 0;

		for (size_t j = 0; j < i; j++)
			nth += !strcmp(a->v[j].name, a->v[i].name);
		for (size_t j = 0; j < b->n && !found; j++)
			if (!strcmp(b->v[j].name, a->v[i].name) &&
			    seen++ == nth) {
				found = 1;
				got = b->v[j].value;
			}
		t->fields++;
		if (found && rt_by_design(t, a->v[i].name, a->v[i].value, got))
			continue;
		if (!found)
			rt_lost(t, file, "%s %s: gone", where, a->v[i].name);
		else if (!rt_same_text(a->v[i].value, got))
			rt_lost(t, file, "%s %s: '%.40s' became '%.40s'", where,
				a->v[i].name, a->v[i].value ? a->v[i].value : "",
				got ? got : "");
	}
}

static void rt_es(struct rt_tally *t, const char *file, const char *where,
		  const struct sd_json *a, const struct sd_json *b)
{
	char *x, *y;

	if (!a && !b)
		return;
	t->fields++;
	t->es_records += a != NULL;
	x = a ? sd_json_dumps(a, SD_JSON_COMPACT) : sd_xstrdup("(none)");
	y = b ? sd_json_dumps(b, SD_JSON_COMPACT) : sd_xstrdup("(none)");
	if (strcmp(x, y))
		rt_lost(t, file, "%s Evaluate-STIG record %.60s became %.60s",
			where, x, y);
	free(x);
	free(y);
}

/* What `b` (the checklist after two conversions) kept of `a`. */
static void rt_compare(struct rt_tally *t, const char *file,
		       const struct sd_checklist *a,
		       const struct sd_checklist *b)
{
	char where[256];

	rt_pairs(t, file, "asset", &a->asset, &b->asset);
	rt_es(t, file, "checklist", a->es, b->es);
	if (a->nstigs != b->nstigs) {
		rt_lost(t, file, "%zu STIGs became %zu", a->nstigs, b->nstigs);
		return;
	}
	for (size_t i = 0; i < a->nstigs; i++) {
		const struct sd_cl_stig *s = &a->stigs[i], *u = &b->stigs[i];

		snprintf(where, sizeof(where), "STIG %zu", i);
		rt_pairs(t, file, where, &s->info, &u->info);
		rt_es(t, file, where, s->es, u->es);
		if (s->nvulns != u->nvulns) {
			rt_lost(t, file, "%s: %zu rules became %zu", where,
				s->nvulns, u->nvulns);
			continue;
		}
		for (size_t k = 0; k < s->nvulns; k++) {
			const struct sd_cl_vuln *v = &s->vulns[k];
			const struct sd_cl_vuln *w = &u->vulns[k];

			snprintf(where, sizeof(where), "STIG %zu rule %s", i,
				 sd_cl_vuln_label(v));
			rt_pairs(t, file, where, &v->data, &w->data);
			rt_es(t, file, where, v->es, w->es);
			for (int f = 0; f < SD_CL_NFIELDS; f++) {
				const char *x = v->field[f], *y = w->field[f];

				t->fields++;
				if (f == SD_CL_STATUS &&
				    sd_cl_status_parse(x) != SD_CL_STATUS_UNKNOWN
					    ? sd_cl_status_parse(x) ==
						      sd_cl_status_parse(y)
					    : rt_same_text(x, y))
					continue;
				rt_lost(t, file, "%s %s: '%.40s' became '%.40s'",
					where, sd_cl_field_name(f),
					x ? x : "", y ? y : "");
			}
		}
	}
}

/* What a file holds that, by design, no conversion carries: comments
 * other than Evaluate-STIG's, root keys other than the model's. */
static void rt_not_carried(struct rt_tally *t, const char *data, size_t len,
			   const struct sd_checklist *cl)
{
	if (cl->format == SD_CL_CKL) {
		size_t others = 0;

		for (const char *p = data; (p = strstr(p, "<!--")); p += 4) {
			const char *q = p + 4;

			while (*q == ' ' || *q == '\n' || *q == '\t')
				q++;
			others += !sd_starts_with(q, "<Evaluate-STIG");
		}
		if (others && !sd_strv_contains(&t->not_carried,
						".ckl comments other than Evaluate-STIG's"))
			sd_strv_push(&t->not_carried,
				     ".ckl comments other than Evaluate-STIG's");
	} else {
		struct sd_json *root = NULL;

		if (sd_json_parse(data, len, "rt", &root) == 0)
			for (void *it = sd_json_iter(root); it;
			     it = sd_json_iter_next(root, it)) {
				const char *k = sd_json_iter_key(it);
				char key[128];

				if (!strcmp(k, "target_data") ||
				    !strcmp(k, "stigs") ||
				    !strcmp(k, "evaluate-stig"))
					continue;
				snprintf(key, sizeof(key), ".cklb root key %s", k);
				if (!sd_strv_contains(&t->not_carried, key))
					sd_strv_push(&t->not_carried, key);
			}
		/* Rule keys a new .cklb derives again (README). */
		for (size_t i = 0; root && i < sd_json_size(sd_json_get(root, "stigs")); i++) {
			const struct sd_json *rules = sd_json_get(
				sd_json_at(sd_json_get(root, "stigs"), i), "rules");

			for (size_t k = 0; k < sd_json_size(rules); k++) {
				const struct sd_json *r = sd_json_at(rules, k);
				static const char *const derived[] = {
					"uuid", "rule_id", "group_tree",
					"createdAt", "updatedAt", "STIGUuid"
				};

				for (size_t d = 0; d < SD_ARRAY_SIZE(derived); d++) {
					char key[128];

					if (!sd_json_get(r, derived[d]))
						continue;
					snprintf(key, sizeof(key),
						 ".cklb rule key %s (derived again)",
						 derived[d]);
					if (!sd_strv_contains(&t->not_carried, key))
						sd_strv_push(&t->not_carried, key);
				}
			}
		}
		sd_json_free(root);
	}
}

/*
 * Issue 19: for every checklist of ../shared/checklists, .ckl -> .cklb ->
 * .ckl and .cklb -> .ckl -> .cklb keep every field a person or Evaluate-
 * STIG entered: asset and target data, STIG_INFO, every rule's STIG_DATA,
 * status, finding details, comments, severity override and
 * justification, and the Evaluate-STIG records. Files stigdiff refuses
 * (malformed on purpose) are counted apart.
 */
/* One file both ways round, tallied in `ctx` (a struct rt_tally). */
static void round_trip(const char *path, const char *name, void *ctx)
{
	struct rt_tally *t = ctx;
	struct sd_checklist *a = NULL, *b, *c;
	char *data = NULL;
	size_t len;

	t->files++;
	ck_assert_int_eq(sd_read_file(path, 0, &data, &len), 0);
	sd_warn_set_handler(collect, NULL);
	if (sd_checklist_parse(data, len, path, NULL, &a) < 0) {
		sd_warn_set_handler(NULL, NULL);
		t->refused++;
		sd_strv_push(&t->refused_why, sd_error_last());
		free(data);
		return;
	}
	b = through(a, a->format == SD_CL_CKL ? SD_CL_CKLB : SD_CL_CKL);
	c = through(b, a->format);
	sd_warn_set_handler(NULL, NULL);
	rt_compare(t, name, a, c);
	rt_not_carried(t, data, len, a);
	sd_checklist_free(a);
	sd_checklist_free(b);
	sd_checklist_free(c);
	free(data);
}

START_TEST(test_checklist__every_shared_checklist_crosses_both_ways_losing_nothing)
{
	struct rt_tally t;
	struct sd_buf all = SD_BUF_INIT;

	memset(&t, 0, sizeof(t));
	if (each_shared_checklist(round_trip, &t) < 0)
		return;
	for (size_t i = 0; i < t.lost_what.n; i++)
		sd_buf_addf(&all, "\n  %s", t.lost_what.v[i]);
	fprintf(stderr,
		"round trips: %zu files, %zu refused as malformed, %zu fields "
		"compared (%zu Evaluate-STIG records), %zu lost%s\n",
		t.files, t.refused, t.fields, t.es_records, t.lost,
		all.len ? all.ptr : "");
	for (size_t i = 0; i < t.refused_why.n; i++)
		fprintf(stderr, "  refused: %s\n", t.refused_why.v[i]);
	for (size_t i = 0; i < t.not_carried.n; i++)
		fprintf(stderr, "  not carried by design: %s\n",
			t.not_carried.v[i]);
	ck_assert_msg(t.lost == 0, "%zu fields lost:%s", t.lost, all.ptr);
	ck_assert_uint_gt(t.files, 60);
	ck_assert_uint_ge(t.es_records, 14);
	ck_assert_uint_le(t.refused, 5);
	sd_buf_release(&all);
	sd_strv_release(&t.refused_why);
	sd_strv_release(&t.lost_what);
	sd_strv_release(&t.not_carried);
	sd_strv_release(&warnings);
}
END_TEST

Suite *suite_checklist(void)
{
	Suite *s = suite_create("checklist");
	TCase *tc = tcase_create("formats");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_checklist__reads_evaluate_stig_ckl_fields);
	tcase_add_test(tc, test_checklist__ckl_round_trip_keeps_comments_and_is_stable);
	tcase_add_test(tc, test_checklist__ckl_round_trip_keeps_every_comment_in_place);
	tcase_add_test(tc, test_checklist__entity_references_are_decoded_and_rewritten);
	tcase_add_test(tc, test_checklist__cklb_round_trip_keeps_unknown_keys_and_order);
	tcase_add_test(tc, test_checklist__one_line_cklb_stays_one_line);
	tcase_add_test(tc, test_checklist__cklb_statuses_read_in_both_vocabularies);
	tcase_add_test(tc, test_checklist__new_from_exchange_benchmark_validates_in_both_formats);
	tcase_add_test(tc, test_checklist__new_checklist_is_the_same_every_time);
	tcase_add_test(tc, test_checklist__conversion_keeps_every_assessment_and_asset_field);
	tcase_add_test(tc, test_checklist__real_ckl_converts_to_cklb_and_back);
	tcase_add_test(tc, test_checklist__edited_assessment_is_written_in_place);
	tcase_add_test(tc, test_checklist__missing_elements_are_added_indented);
	tcase_add_test(tc, test_checklist__entity_declarations_are_refused);
	tcase_add_test(tc, test_checklist__non_checklists_fail_with_a_clear_message);
	tcase_add_test(tc, test_checklist__byte_order_marks_are_accepted);
	tcase_add_test(tc, test_checklist__malformed_real_file_names_file_and_line);
	tcase_add_test(tc, test_checklist__invalid_utf8_is_an_error_on_one_line);
	tcase_add_test(tc, test_checklist__megabyte_finding_details_survive_both_formats);
	tcase_add_test(tc, test_checklist__field_over_the_limit_is_refused);
	tcase_add_test(tc, test_checklist__control_characters_from_json_become_replacement_in_xml);
	tcase_add_test(tc, test_checklist__validator_reports_what_stig_viewer_needs);
	tcase_add_test(tc, test_checklist__unknown_status_is_kept_as_written);
	tcase_add_test(tc, test_checklist__ckl_without_stig_info_version_is_a_problem);
	tcase_add_test(tc, test_checklist__cklb_without_version_converts_to_ckl_with_full_stig_info);
	tcase_add_test(tc, test_checklist__new_checklist_has_full_stig_info_in_both_formats);
	tcase_add_test(tc, test_checklist__empty_status_stays_empty_in_both_formats);
	tcase_add_test(tc, test_checklist__asset_fields_are_checked_and_spelled_as_stig_viewer_does);
	tcase_add_test(tc, test_checklist__set_host_name_keeps_everything_else_of_a_real_ckl);
	tcase_add_test(tc, test_checklist__stig_as_benchmark_gives_rule_ids_and_texts);
	tcase_add_test(tc, test_checklist__every_shared_checklist_parses_or_fails_clearly);
	tcase_add_test(tc, test_checklist__asset_key_that_is_no_element_name_is_named_and_left_out);
	tcase_add_test(tc, test_checklist__ckl_in_an_encoding_not_read_back_is_written_as_utf8);
	tcase_add_test(tc, test_checklist__every_shared_checklist_crosses_both_ways_losing_nothing);
	tcase_add_test(tc, test_checklist__evaluate_stig_records_cross_both_ways);
	suite_add_tcase(s, tc);
	return s;
}
