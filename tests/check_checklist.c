/*
 * STIG Viewer checklists: reading .ckl and .cklb, lossless round trips,
 * conversion both ways, checklists built from real DISA benchmarks, the
 * structural check, and hostile or broken input.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "checklist.h"
#include "error.h"
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
START_TEST(test_checklist__every_shared_checklist_parses_or_fails_clearly)
{
	static const char *const dirs[] = { "checklists/ckl",
					    "checklists/cklb" };
	size_t parsed = 0, failed = 0;

	for (size_t d = 0; d < SD_ARRAY_SIZE(dirs); d++) {
		char buf[4096], path[4096];
		const char *dir = sd_test_shared_path(dirs[d], buf, sizeof(buf));
		DIR *dp;
		struct dirent *e;

		if (!dir)
			return;
		ck_assert_ptr_nonnull(dp = opendir(dir));
		while ((e = readdir(dp))) {
			struct sd_checklist *cl = NULL;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (sd_checklist_load(path, NULL, &cl) < 0) {
				const char *msg = sd_error_last();

				ck_assert_msg(sd_starts_with(msg, path) &&
						      !strchr(msg, '\n'),
					      "unclear error: %s", msg);
				failed++;
				continue;
			}
			/* The first write of the file, in either format,
			 * read and written again, gives the same bytes. */
			for (int f = SD_CL_CKL; f <= SD_CL_CKLB; f++) {
				size_t n1;
				char *x = write_mem(cl, f, &n1);
				struct sd_checklist *a = NULL;

				ck_assert_int_eq(sd_checklist_parse(x, n1, "first",
								    NULL, &a),
						 0);
				assert_same_work(cl, a);
				sd_checklist_free(a);
				assert_rewrite_stable(x, n1, f);
			}
			sd_checklist_free(cl);
			parsed++;
		}
		closedir(dp);
	}
	ck_assert_uint_gt(parsed, 50);
	ck_assert_uint_gt(failed, 2);
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
	tcase_add_test(tc, test_checklist__stig_as_benchmark_gives_rule_ids_and_texts);
	tcase_add_test(tc, test_checklist__every_shared_checklist_parses_or_fails_clearly);
	tcase_add_test(tc, test_checklist__asset_key_that_is_no_element_name_is_named_and_left_out);
	tcase_add_test(tc, test_checklist__ckl_in_an_encoding_not_read_back_is_written_as_utf8);
	suite_add_tcase(s, tc);
	return s;
}
