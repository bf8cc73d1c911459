/*
 * The migration engine on real Exchange releases and on synthetic splits,
 * merges, weak matches and duplicates. Links are built here by V-ID (the
 * lineage matcher's job in the product), so these tests pin down what is
 * carried, what is reset, what is reported, and that the written
 * checklist passes the structural check.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "checklist.h"
#include "checklist_io.h"
#include "error.h"
#include "json.h"
#include "migrate.h"
#include "testutil.h"

#define X "corpus/xccdf/"
#define MBX_R3 X "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R3_Manual-xccdf.xml"
#define MBX_R6 X "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml"

static const char *const statuses[] = { "NotAFinding", "Open",
					"Not_Applicable", "Not_Reviewed" };

/* A checklist for `b`, filled the same way every time: status by rule
 * position, details and comments naming the rule, an override on every
 * seventh rule. */
static struct sd_checklist *filled(const struct sd_benchmark *b)
{
	struct sd_checklist *cl = sd_checklist_from_benchmark(b);
	char buf[256];

	sd_cl_pairs_set(&cl->asset, "HOST_NAME", "mbx01");
	sd_cl_pairs_set(&cl->asset, "HOST_FQDN", "mbx01.example.mil");
	for (size_t i = 0; i < cl->stigs[0].nvulns; i++) {
		struct sd_cl_vuln *v = &cl->stigs[0].vulns[i];
		const char *id = sd_cl_vuln_get(v, "Vuln_Num");

		free(v->field[SD_CL_STATUS]);
		v->field[SD_CL_STATUS] = sd_xstrdup(statuses[i % 4]);
		snprintf(buf, sizeof(buf), "details for %s", id);
		free(v->field[SD_CL_FINDING_DETAILS]);
		v->field[SD_CL_FINDING_DETAILS] = sd_xstrdup(buf);
		snprintf(buf, sizeof(buf), "comment for %s", id);
		free(v->field[SD_CL_COMMENTS]);
		v->field[SD_CL_COMMENTS] = sd_xstrdup(buf);
		if (i % 7 == 0) {
			free(v->field[SD_CL_SEVERITY_OVERRIDE]);
			v->field[SD_CL_SEVERITY_OVERRIDE] = sd_xstrdup("low");
			free(v->field[SD_CL_SEVERITY_JUSTIFICATION]);
			v->field[SD_CL_SEVERITY_JUSTIFICATION] =
				sd_xstrdup("compensating control in place");
		}
	}
	return cl;
}

/* Links by V-ID, as the matcher's same-id pass would give them. */
static struct sd_mig_link *links_by_vuln_id(const struct sd_cl_stig *s,
					    const struct sd_benchmark *nb,
					    size_t *n)
{
	struct sd_mig_link *l = calloc(s->nvulns + 1, sizeof(*l));

	*n = 0;
	for (size_t i = 0; i < s->nvulns; i++)
		for (size_t j = 0; j < nb->nrules; j++)
			if (!strcmp(sd_cl_vuln_get(&s->vulns[i], "Vuln_Num"),
				    nb->rules[j].vuln_id)) {
				l[*n].old_index = i;
				l[*n].new_index = j;
				l[*n].kind = "same-id";
				l[*n].score = 1.0;
				l[*n].evidence = "same vuln id";
				(*n)++;
			}
	return l;
}

static struct sd_checklist *reread(struct sd_checklist *cl,
				   enum sd_cl_format f)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct sd_checklist *out = NULL;
	struct sd_strv problems = SD_STRV_INIT;

	ck_assert_int_eq(sd_checklist_write(cl, f, fp), 0);
	fclose(fp);
	ck_assert_int_eq(sd_checklist_parse(buf, n, "migrated", NULL, &out), 0);
	free(buf);
	ck_assert_msg(sd_checklist_validate(out, &problems) == 0, "%s",
		      problems.n ? problems.v[0] : "");
	sd_strv_release(&problems);
	return out;
}

static const struct sd_cl_vuln *find(const struct sd_checklist *cl,
				     const char *vid)
{
	for (size_t i = 0; i < cl->stigs[0].nvulns; i++)
		if (!strcmp(sd_cl_vuln_get(&cl->stigs[0].vulns[i], "Vuln_Num"),
			    vid))
			return &cl->stigs[0].vulns[i];
	return NULL;
}

static char *normalized(const char *s)
{
	char *c = sd_xstrdup(s ? s : "");

	sd_text_normalize(c);
	return c;
}

START_TEST(test_migrate__mailbox_v2r3_to_v2r6_carries_all_but_changed_checks)
{
	struct sd_benchmark *old = sd_test_load(MBX_R3);
	struct sd_benchmark *nb = sd_test_load(MBX_R6);
	struct sd_checklist *cl = filled(old), *out;
	struct sd_checklist *orig = filled(old);
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_opts opts = SD_MIG_OPTS_INIT;
	size_t n, changed = 0, carried = 0;
	struct sd_mig_link *l = links_by_vuln_id(&cl->stigs[0], nb, &n);

	sd_migrate_stig(&cl->stigs[0], nb, l, n, NULL, &opts, ms);
	out = reread(cl, SD_CL_CKL);
	ck_assert_int_eq(out->stigs[0].nvulns, nb->nrules);
	ck_assert_str_eq(sd_cl_stig_get(&out->stigs[0], "releaseinfo"),
			 nb->release_info);
	ck_assert_str_eq(sd_cl_pairs_get(&out->asset, "HOST_NAME", NULL),
			 "mbx01");
	for (size_t i = 0; i < orig->stigs[0].nvulns; i++) {
		const struct sd_cl_vuln *o = &orig->stigs[0].vulns[i];
		const char *vid = sd_cl_vuln_get(o, "Vuln_Num");
		const struct sd_cl_vuln *v = find(out, vid);
		const struct sd_rule *r = sd_test_rule(nb, vid);
		char *a, *b;

		ck_assert_msg(v && r, "%s dropped", vid);
		a = normalized(sd_cl_vuln_get(o, "Check_Content"));
		b = normalized(r->check_content);
		ck_assert_str_eq(v->field[SD_CL_FINDING_DETAILS],
				 o->field[SD_CL_FINDING_DETAILS]);
		ck_assert_str_eq(v->field[SD_CL_SEVERITY_OVERRIDE],
				 o->field[SD_CL_SEVERITY_OVERRIDE]);
		ck_assert_str_eq(v->field[SD_CL_SEVERITY_JUSTIFICATION],
				 o->field[SD_CL_SEVERITY_JUSTIFICATION]);
		ck_assert(sd_starts_with(v->field[SD_CL_COMMENTS],
					 o->field[SD_CL_COMMENTS]));
		if (!strcmp(a, b)) {
			ck_assert_str_eq(v->field[SD_CL_STATUS],
					 o->field[SD_CL_STATUS]);
			ck_assert_str_eq(v->field[SD_CL_COMMENTS],
					 o->field[SD_CL_COMMENTS]);
			carried++;
		} else {
			ck_assert_str_eq(v->field[SD_CL_STATUS], "Not_Reviewed");
			ck_assert_msg(strstr(v->field[SD_CL_COMMENTS],
					     "check text changed"),
				      "%s: %s", vid, v->field[SD_CL_COMMENTS]);
			if (strcmp(o->field[SD_CL_STATUS], "Not_Reviewed"))
				ck_assert(strstr(v->field[SD_CL_COMMENTS],
						 "previous status ") != NULL);
			changed++;
		}
		free(a);
		free(b);
	}
	ck_assert_uint_eq(ms->count[SD_MIG_CARRIED], carried);
	ck_assert_uint_eq(ms->count[SD_MIG_CARRIED_CHECK_CHANGED], changed);
	ck_assert_uint_gt(carried, 0);
	ck_assert_uint_gt(changed, 0);
	ck_assert_uint_eq(ms->count[SD_MIG_DROPPED], 0);
	ck_assert_uint_eq(ms->lost_work, 0);
	free(l);
	sd_mig_report_release(&rep);
	sd_checklist_free(out);
	sd_checklist_free(orig);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
	sd_benchmark_free(old);
}
END_TEST

START_TEST(test_migrate__keep_status_on_change_keeps_it)
{
	struct sd_benchmark *old = sd_test_load(MBX_R3);
	struct sd_benchmark *nb = sd_test_load(MBX_R6);
	struct sd_checklist *cl = filled(old);
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_opts opts = SD_MIG_OPTS_INIT;
	size_t n;
	struct sd_mig_link *l = links_by_vuln_id(&cl->stigs[0], nb, &n);

	opts.keep_status_on_change = 1;
	sd_migrate_stig(&cl->stigs[0], nb, l, n, NULL, &opts, ms);
	ck_assert_uint_gt(ms->count[SD_MIG_CARRIED_CHECK_CHANGED], 0);
	ck_assert_uint_eq(ms->status_reset, 0);
	for (size_t i = 0; i < ms->nrows; i++) {
		const struct sd_mig_row *w = &ms->rows[i];

		if (w->decision != SD_MIG_CARRIED_CHECK_CHANGED)
			continue;
		ck_assert_str_eq(w->status_after, w->status_before);
	}
	free(l);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
	sd_benchmark_free(old);
}
END_TEST

/* A small benchmark and checklist for the synthetic cases. */
static struct sd_benchmark *mini(const char *id, int nrules,
				 const char *check_prefix)
{
	struct sd_benchmark *b = calloc(1, sizeof(*b));
	char buf[64];

	b->id = sd_xstrdup(id);
	b->title = sd_xstrdup("Demo Security Technical Implementation Guide");
	b->version = sd_xstrdup("1");
	b->release_info = sd_xstrdup("Release: 2 Benchmark Date: 01 Jan 2025");
	b->v = 1;
	b->r = 2;
	for (int i = 0; i < nrules; i++) {
		struct sd_rule *r = sd_benchmark_add_rule(b);

		snprintf(buf, sizeof(buf), "V-%d", 100 + i);
		r->vuln_id = sd_xstrdup(buf);
		snprintf(buf, sizeof(buf), "SV-%dr1_rule", 100 + i);
		r->rule_id = sd_xstrdup(buf);
		snprintf(buf, sizeof(buf), "DEMO-%03d", i);
		r->stig_id = sd_xstrdup(buf);
		snprintf(buf, sizeof(buf), "Rule %d must hold.", i);
		r->title = sd_xstrdup(buf);
		snprintf(buf, sizeof(buf), "%s check %d", check_prefix, i);
		r->check_content = sd_xstrdup(buf);
		r->severity = SD_SEV_MEDIUM;
		sd_rule_derive_ids(r);
	}
	return b;
}

static void set(struct sd_cl_vuln *v, enum sd_cl_field f, const char *s)
{
	free(v->field[f]);
	v->field[f] = sd_xstrdup(s);
}

static struct sd_mig_link link(size_t o, size_t n, const char *kind,
			       double score)
{
	struct sd_mig_link l = { o, n, kind, 0, 0, score, 0, "evidence", NULL };

	return l;
}

START_TEST(test_migrate__split_carries_to_both_and_merge_combines)
{
	struct sd_benchmark *old = mini("Demo", 4, "same");
	struct sd_benchmark *nb = mini("Demo", 4, "same");
	struct sd_checklist *cl = sd_checklist_from_benchmark(old), *out;
	struct sd_cl_stig *s = &cl->stigs[0];
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_link l[5];
	const struct sd_cl_vuln *v;

	/* Old 0 splits into new 0 and 1; old 1 and 2 merge into new 2. */
	set(&s->vulns[0], SD_CL_STATUS, "NotAFinding");
	set(&s->vulns[0], SD_CL_COMMENTS, "GPO checked");
	set(&s->vulns[0], SD_CL_SEVERITY_OVERRIDE, "low");
	set(&s->vulns[0], SD_CL_SEVERITY_JUSTIFICATION, "isolated host");
	set(&s->vulns[1], SD_CL_STATUS, "Open");
	set(&s->vulns[1], SD_CL_FINDING_DETAILS, "setting A missing");
	set(&s->vulns[2], SD_CL_STATUS, "Open");
	set(&s->vulns[2], SD_CL_FINDING_DETAILS, "setting B missing");
	set(&s->vulns[1], SD_CL_SEVERITY_OVERRIDE, "low");
	set(&s->vulns[1], SD_CL_SEVERITY_JUSTIFICATION, "A is mitigated");
	set(&s->vulns[2], SD_CL_SEVERITY_OVERRIDE, "high");
	set(&s->vulns[2], SD_CL_SEVERITY_JUSTIFICATION, "B is exposed");
	l[0] = link(0, 0, "split", 0.9);
	l[0].split = 1;
	l[1] = link(0, 1, "split", 0.8);
	l[1].split = 1;
	l[2] = link(1, 2, "merge", 0.9);
	l[2].merge = 1;
	l[3] = link(2, 2, "merge", 0.9);
	l[3].merge = 1;
	l[4] = link(3, 3, "same-id", 1);
	sd_migrate_stig(s, nb, l, 5, NULL, NULL, ms);
	out = reread(cl, SD_CL_CKLB);
	ck_assert_uint_eq(ms->count[SD_MIG_SPLIT], 2);
	ck_assert_uint_eq(ms->count[SD_MIG_MERGED], 2);
	ck_assert_uint_eq(ms->count[SD_MIG_CARRIED], 1);
	for (int i = 0; i < 2; i++) {
		v = &out->stigs[0].vulns[i];
		/* New rule 0 has the old check text: the status stays; new
		 * rule 1's differs: reset, with the old status noted. */
		ck_assert_str_eq(v->field[SD_CL_STATUS],
				 i == 0 ? "not_a_finding" : "not_reviewed");
		if (i == 1)
			ck_assert_ptr_nonnull(strstr(v->field[SD_CL_COMMENTS],
						     "check text changed; previous status NotAFinding, reset to Not_Reviewed"));
		ck_assert(sd_starts_with(v->field[SD_CL_COMMENTS], "GPO checked\n\n[stigdiff migrate] from V-100"));
		ck_assert_ptr_nonnull(strstr(v->field[SD_CL_COMMENTS], "split into"));
		ck_assert_str_eq(v->field[SD_CL_SEVERITY_OVERRIDE], "low");
		ck_assert_str_eq(v->field[SD_CL_SEVERITY_JUSTIFICATION],
				 "isolated host");
	}
	v = &out->stigs[0].vulns[2];
	ck_assert_str_eq(v->field[SD_CL_FINDING_DETAILS],
			 "From V-101 (SV-101r1_rule, DEMO-001):\nsetting A missing\n\n"
			 "From V-102 (SV-102r1_rule, DEMO-002):\nsetting B missing");
	/* Both overrides' justifications are kept, the first override
	 * carried; the second is in the note. */
	ck_assert_str_eq(v->field[SD_CL_SEVERITY_OVERRIDE], "low");
	ck_assert_str_eq(v->field[SD_CL_SEVERITY_JUSTIFICATION],
			 "From V-101 (SV-101r1_rule, DEMO-001):\nA is mitigated\n\n"
			 "From V-102 (SV-102r1_rule, DEMO-002):\nB is exposed");
	/* Both were Open, but V-101's check is not the new rule's. */
	ck_assert_str_eq(v->field[SD_CL_STATUS], "not_reviewed");
	ck_assert_str_eq(v->field[SD_CL_COMMENTS],
			 "[stigdiff migrate] merged from V-101 (SV-101r1_rule, DEMO-001) [Open, override low], "
			 "V-102 (SV-102r1_rule, DEMO-002) [Open, override high] of Demo V1R2; status Not_Reviewed");
	sd_mig_report_release(&rep);
	sd_checklist_free(out);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
	sd_benchmark_free(old);
}
END_TEST

START_TEST(test_migrate__weak_match_is_listed_for_review_not_carried)
{
	struct sd_benchmark *old = mini("Demo", 2, "old");
	struct sd_benchmark *nb = mini("Demo2", 2, "new");
	struct sd_checklist *cl = sd_checklist_from_benchmark(old);
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_opts opts = SD_MIG_OPTS_INIT;
	struct sd_mig_link l[2];
	struct sd_buf md = SD_BUF_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	set(&cl->stigs[0].vulns[0], SD_CL_STATUS, "NotAFinding");
	set(&cl->stigs[0].vulns[0], SD_CL_FINDING_DETAILS,
	    "```\nHKLM value = 1\n```");
	set(&cl->stigs[0].vulns[1], SD_CL_STATUS, "Open");
	l[0] = link(0, 0, "content", 0.42);
	l[0].below_threshold = 1;
	l[1] = link(1, 1, "content", 0.55);
	l[1].below_threshold = 1;
	opts.accept_below = 0.5;
	sd_migrate_stig(&cl->stigs[0], nb, l, 2, NULL, &opts, ms);
	ck_assert_uint_eq(ms->count[SD_MIG_REVIEW], 1);
	ck_assert_uint_eq(ms->count[SD_MIG_CARRIED_CHECK_CHANGED], 1);
	ck_assert_uint_eq(ms->count[SD_MIG_NEW], 1);
	ck_assert_uint_eq(ms->lost_work, 1);
	ck_assert_str_eq(cl->stigs[0].vulns[0].field[SD_CL_STATUS],
			 "Not_Reviewed");
	ck_assert_str_eq(cl->stigs[0].vulns[0].field[SD_CL_FINDING_DETAILS], "");
	rep.source = sd_xstrdup("old.ckl");
	fp = open_memstream(&text, &len);
	ck_assert_int_eq(sd_mig_report_markdown(&rep, fp), 0);
	fclose(fp);
	sd_buf_addstr(&md, text);
	/* The weak match is reported with its candidate, and the old work
	 * in full, fenced so its own backticks cannot break out. */
	ck_assert_ptr_nonnull(strstr(md.ptr, "| review | V-100 DEMO-000 | V-100 DEMO-000 | content | 0.42 |"));
	ck_assert_ptr_nonnull(strstr(md.ptr, "### Could not carry 1 rule\n"));
	/* What the assessor must do comes first. */
	ck_assert(strstr(md.ptr, "### Re-check these") < strstr(md.ptr, "### Could not carry"));
	ck_assert(strstr(md.ptr, "### Could not carry") < strstr(md.ptr, "### Rules"));
	ck_assert_ptr_nonnull(strstr(md.ptr, "- Candidate, not carried (--accept-below 0.42 would carry it): V-100 DEMO-000, content match, score 0.42: evidence"));
	ck_assert_ptr_nonnull(strstr(md.ptr, "````text\n```\nHKLM value = 1\n```\n````"));
	free(text);
	sd_buf_release(&md);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
	sd_benchmark_free(old);
}
END_TEST

START_TEST(test_migrate__duplicates_and_unknown_statuses_are_reported)
{
	struct sd_benchmark *old = mini("Demo", 2, "same");
	struct sd_benchmark *nb = mini("Demo", 2, "same");
	struct sd_checklist *cl = sd_checklist_from_benchmark(old);
	struct sd_cl_stig *s = &cl->stigs[0];
	struct sd_cl_vuln *d;
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_link l[3];
	size_t *dup;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	struct sd_json *j = NULL;
	const struct sd_json *rows;
	int seen_dup = 0;

	set(&s->vulns[0], SD_CL_STATUS, "Passed");
	set(&s->vulns[0], SD_CL_COMMENTS, "scanner said so");
	/* A second VULN for V-101 with its own work. */
	d = sd_cl_stig_add_vuln(s);
	sd_cl_pairs_copy(&d->data, &s->vulns[1].data);
	d->field[SD_CL_STATUS] = sd_xstrdup("Open");
	d->field[SD_CL_COMMENTS] = sd_xstrdup("second copy");
	dup = sd_migrate_duplicates(s);
	ck_assert_uint_eq(dup[2], 1);
	ck_assert_uint_eq(dup[1], SD_MIG_NONE);
	l[0] = link(0, 0, "same-id", 1);
	l[1] = link(1, 1, "same-id", 1);
	l[2] = link(2, 1, "same-id", 1);
	sd_migrate_stig(s, nb, l, 3, dup, NULL, ms);
	ck_assert_uint_eq(ms->count[SD_MIG_DUPLICATE], 1);
	ck_assert_uint_eq(ms->count[SD_MIG_CARRIED], 2);
	ck_assert_str_eq(s->vulns[0].field[SD_CL_STATUS], "Not_Reviewed");
	ck_assert_ptr_nonnull(strstr(s->vulns[0].field[SD_CL_COMMENTS],
				     "status 'Passed' is outside STIG Viewer's vocabulary"));
	fp = open_memstream(&text, &len);
	ck_assert_int_eq(sd_mig_report_json(&rep, fp), 0);
	fclose(fp);
	ck_assert_int_eq(sd_json_parse(text, len, "report", &j), 0);
	rows = sd_json_get(sd_json_at(sd_json_get(j, "stigs"), 0), "rules");
	for (size_t i = 0; i < sd_json_size(rows); i++) {
		const struct sd_json *r = sd_json_at(rows, i);

		if (strcmp(sd_json_get_str(r, "decision"), "duplicate"))
			continue;
		seen_dup = 1;
		ck_assert_str_eq(sd_json_get_str(sd_json_get(r, "old"), "comments"),
				 "second copy");
		ck_assert(!sd_json_is_true(sd_json_get(r, "carried")));
	}
	ck_assert(seen_dup);
	sd_json_free(j);
	free(text);
	free(dup);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
	sd_benchmark_free(old);
}
END_TEST

/* A VULN without a Rule_ID repeats the first VULN with its Vuln_Num; a
 * third copy of a rule points at the first, not at the second. */
START_TEST(test_migrate__duplicates_point_at_the_first_copy)
{
	struct sd_benchmark *old = mini("Demo", 3, "same");
	struct sd_checklist *cl = sd_checklist_from_benchmark(old);
	struct sd_cl_stig *s = &cl->stigs[0];
	struct sd_cl_vuln *d;
	size_t *dup;

	for (int copy = 0; copy < 2; copy++) {
		d = sd_cl_stig_add_vuln(s);
		sd_cl_pairs_copy(&d->data, &s->vulns[2].data);
	}
	d = sd_cl_stig_add_vuln(s);
	sd_cl_pairs_copy(&d->data, &s->vulns[0].data);
	sd_cl_pairs_set(&d->data, "Rule_ID", "");
	dup = sd_migrate_duplicates(s);
	ck_assert_uint_eq(dup[0], SD_MIG_NONE);
	ck_assert_uint_eq(dup[1], SD_MIG_NONE);
	ck_assert_uint_eq(dup[2], SD_MIG_NONE);
	ck_assert_uint_eq(dup[3], 2);
	ck_assert_uint_eq(dup[4], 2);
	ck_assert_uint_eq(dup[5], 0);
	free(dup);
	sd_checklist_free(cl);
	sd_benchmark_free(old);
}
END_TEST

START_TEST(test_migrate__multi_stig_ckl_keeps_the_other_stig_untouched)
{
	struct sd_checklist *cl = NULL, *out;
	struct sd_benchmark *nb;
	struct sd_mig_report rep = { 0 };
	struct sd_mig_stig *ms = sd_mig_report_add(&rep);
	struct sd_mig_link l = link(0, 0, "same-id", 1);
	char *before = NULL, *after = NULL, *again = NULL;
	size_t nb_len = 0, na = 0, nagain = 0;
	FILE *fp;
	const char *s1, *a1;

	ck_assert_int_eq(sd_checklist_load("tests/fixtures/checklist/MultiStig-Simple.ckl",
					   NULL, &cl),
			 0);
	fp = open_memstream(&before, &nb_len);
	sd_checklist_write(cl, SD_CL_CKL, fp);
	fclose(fp);
	nb = mini("RHEL_5_TRUNCATED", 1, "x");
	sd_migrate_stig(&cl->stigs[0], nb, &l, 1, NULL, NULL, ms);
	fp = open_memstream(&after, &na);
	sd_checklist_write(cl, SD_CL_CKL, fp);
	fclose(fp);
	/* Everything from the second iSTIG on is byte for byte the same. */
	s1 = strstr(strstr(before, "<iSTIG>") + 1, "<iSTIG>");
	a1 = strstr(strstr(after, "<iSTIG>") + 1, "<iSTIG>");
	ck_assert_ptr_nonnull(s1);
	ck_assert_ptr_nonnull(a1);
	ck_assert_str_eq(a1, s1);
	ck_assert_ptr_nonnull(strstr(after, "<!-- STIG Manager"));
	/* Writing again gives the same file. */
	fp = open_memstream(&again, &nagain);
	sd_checklist_write(cl, SD_CL_CKL, fp);
	fclose(fp);
	ck_assert_uint_eq(nagain, na);
	ck_assert(!memcmp(again, after, na));
	free(again);
	out = reread(cl, SD_CL_CKL);
	ck_assert_str_eq(sd_cl_vuln_get(&out->stigs[0].vulns[0], "Rule_Ver"),
			 "DEMO-000");
	sd_checklist_free(out);
	free(before);
	free(after);
	sd_mig_report_release(&rep);
	sd_checklist_free(cl);
	sd_benchmark_free(nb);
}
END_TEST

/* Rules carried into a document without an encoding declaration (which
 * libxml2 writes with character references) are written as nodes; into
 * a UTF-8 one, as text: the same rules either way. */
START_TEST(test_migrate__new_rules_read_back_the_same_in_any_encoding)
{
	static const char *const heads[] = {
		"<CHECKLIST>",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CHECKLIST>",
	};
	struct sd_benchmark *nb = mini("Demo", 3, "caf\xc3\xa9 <check> & \"x\"");

	for (size_t h = 0; h < SD_ARRAY_SIZE(heads); h++) {
		struct sd_buf text = SD_BUF_INIT;
		struct sd_checklist *cl = NULL, *out;
		struct sd_mig_report rep = { 0 };
		struct sd_mig_stig *ms = sd_mig_report_add(&rep);
		struct sd_mig_link l = link(0, 1, "same-id", 1);

		sd_buf_addf(&text,
			    "%s<ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS><iSTIG><STIG_INFO>"
			    "<SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>Demo</SID_DATA></SI_DATA></STIG_INFO>"
			    "<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>"
			    "<STIG_DATA><VULN_ATTRIBUTE>Check_Content</VULN_ATTRIBUTE><ATTRIBUTE_DATA>caf\xc3\xa9 &lt;check&gt; &amp; \"x\" check 1</ATTRIBUTE_DATA></STIG_DATA>"
			    "<STATUS>NotAFinding</STATUS><FINDING_DETAILS>d\r\n\xe2\x82\xac</FINDING_DETAILS>"
			    "<COMMENTS>c</COMMENTS></VULN></iSTIG></STIGS></CHECKLIST>\n",
			    heads[h]);
		ck_assert_int_eq(sd_checklist_parse(text.ptr, text.len, "mem",
						    NULL, &cl),
				 0);
		sd_migrate_stig(&cl->stigs[0], nb, &l, 1, NULL, NULL, ms);
		out = reread(cl, SD_CL_CKL);
		ck_assert_int_eq(out->stigs[0].nvulns, 3);
		ck_assert_str_eq(out->stigs[0].vulns[1].field[SD_CL_STATUS],
				 "NotAFinding");
		ck_assert_str_eq(out->stigs[0].vulns[1].field[SD_CL_FINDING_DETAILS],
				 "d\n\xe2\x82\xac");
		ck_assert_str_eq(sd_cl_vuln_get(&out->stigs[0].vulns[2],
						"Check_Content"),
				 "caf\xc3\xa9 <check> & \"x\" check 2");
		sd_checklist_free(out);
		sd_mig_report_release(&rep);
		sd_checklist_free(cl);
		sd_buf_release(&text);
	}
	sd_benchmark_free(nb);
}
END_TEST

Suite *suite_migrate(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("engine");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_migrate__mailbox_v2r3_to_v2r6_carries_all_but_changed_checks);
	tcase_add_test(tc, test_migrate__keep_status_on_change_keeps_it);
	tcase_add_test(tc, test_migrate__split_carries_to_both_and_merge_combines);
	tcase_add_test(tc, test_migrate__weak_match_is_listed_for_review_not_carried);
	tcase_add_test(tc, test_migrate__duplicates_and_unknown_statuses_are_reported);
	tcase_add_test(tc, test_migrate__duplicates_point_at_the_first_copy);
	tcase_add_test(tc, test_migrate__multi_stig_ckl_keeps_the_other_stig_untouched);
	tcase_add_test(tc, test_migrate__new_rules_read_back_the_same_in_any_encoding);
	suite_add_tcase(s, tc);
	return s;
}
