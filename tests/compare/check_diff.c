/*
 * The diff model: pairing and its evidence, every classification, the
 * summary, and real Exchange releases checked against DISA's own revision
 * history and against expectations checked by hand.
 */
#include <check.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "error.h"
#include "testutil.h"

#define CORPUS "corpus/xccdf/"

/* ---- Synthetic benchmarks ---- */

static struct sd_benchmark *bench(const char *id, int v, int r)
{
	struct sd_benchmark *b = calloc(1, sizeof(*b));

	b->id = strdup(id);
	b->v = v;
	b->r = r;
	return b;
}

/* A medium rule with a title, check and fix; returns it (valid until the
 * next rule is added). */
static struct sd_rule *rule(struct sd_benchmark *b, const char *vuln,
			    const char *rule_id, const char *stig,
			    const char *check)
{
	struct sd_rule *r = sd_benchmark_add_rule(b);

	r->vuln_id = strdup(vuln);
	r->rule_id = strdup(rule_id);
	r->stig_id = strdup(stig);
	r->title = strdup("Exchange must do the right thing.");
	r->check_content = strdup(check);
	r->fix_text = strdup("Set it right.");
	r->severity = SD_SEV_MEDIUM;
	r->severity_raw = strdup("medium");
	sd_strv_push(&r->ccis, "CCI-000001");
	sd_rule_derive_ids(r);
	return r;
}

static void set(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
}

static struct sd_diff *run(const struct sd_benchmark *a,
			   const struct sd_benchmark *b, int strict)
{
	struct sd_diff_opts o = { 0 };
	struct sd_diff *d = NULL;

	o.strict = strict;
	ck_assert_int_eq(sd_diff_run(a, b, &o, &d), 0);
	return d;
}

/* The diff entry naming `id` (new side first), or NULL. */
static const struct sd_diff_rule *entry(const struct sd_diff *d,
					const char *id)
{
	for (size_t i = 0; i < d->nrules; i++)
		if (d->rules[i].new && sd_rule_has_id(d->rules[i].new, id))
			return &d->rules[i];
	for (size_t i = 0; i < d->nrules; i++)
		if (d->rules[i].old && sd_rule_has_id(d->rules[i].old, id))
			return &d->rules[i];
	return NULL;
}

static const struct sd_diff_change *change(const struct sd_diff_rule *dr,
					   const char *field)
{
	for (size_t i = 0; dr && i < dr->nchanges; i++)
		if (!strcmp(dr->changes[i].field, field))
			return &dr->changes[i];
	return NULL;
}

static char *summary(const struct sd_diff *d)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_diff_summary(d, &b);
	return sd_buf_detach(&b);
}

static char *note(const struct sd_diff_change *c)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_diff_change_note(c, &b);
	return sd_buf_detach(&b);
}

START_TEST(test_diff__identical_rules_are_unchanged)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_diff_counts c;
	char *s;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "Check it.");
	rule(b, "V-1", "SV-1r1_rule", "X-1", "Check it.");
	d = run(a, b, 0);
	sd_diff_counts(d, &c);
	ck_assert_int_eq(c.unchanged, 1);
	ck_assert_int_eq(d->rules[0].nchanges, 0);
	ck_assert_int_eq(d->rules[0].evidence, SD_PAIR_VULN_ID);
	ck_assert(!sd_diff_has_changes(d));
	s = summary(d);
	ck_assert_str_eq(s, "no changes");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__changed_check_lists_the_field_with_a_word_diff)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	const struct sd_diff_change *c;
	char *n;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "If it is set to 5, this is a finding.");
	rule(b, "V-1", "SV-1r2_rule", "X-1", "If it is set to 10, this is a finding.");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_CHANGED);
	ck_assert_ptr_nonnull(change(&d->rules[0], "revision"));
	c = change(&d->rules[0], "check-content");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->kind, SD_KIND_TEXT);
	ck_assert_int_eq(c->cosmetic, 0);
	ck_assert_int_eq(c->wd.nsegs, 4);
	ck_assert_int_eq(c->wd.segs[1].op, SD_WD_DELETE);
	ck_assert_int_eq(c->wd.segs[1].len, 1);
	ck_assert_int_eq(c->wd.segs[2].op, SD_WD_INSERT);
	ck_assert(!strncmp(c->wd.segs[2].text, "10", 2));
	n = note(c);
	ck_assert_str_eq(n, "Check text changed");
	free(n);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__renumbered_rule_is_paired_by_its_legacy_id)
{
	struct sd_benchmark *a = bench("B", 1, 3), *b = bench("B", 2, 1);
	struct sd_diff *d;
	const struct sd_diff_rule *dr;
	struct sd_rule *r;

	rule(a, "V-69717", "SV-84339r2_rule", "EX13-CA-000010", "Check it.");
	r = rule(b, "V-234766", "SV-234766r617239_rule", "EX13-CA-000010",
		 "Check it.");
	sd_strv_push(&r->legacy, "SV-84339");
	sd_strv_push(&r->legacy, "V-69717");
	/* A decoy with the same STIG ID must not win over the legacy id. */
	rule(a, "V-5", "SV-5r1_rule", "EX13-CA-000010", "Other.");
	d = run(a, b, 0);
	dr = entry(d, "V-234766");
	ck_assert_ptr_nonnull(dr);
	ck_assert_int_eq(dr->status, SD_DIFF_RENUMBERED);
	ck_assert_int_eq(dr->evidence, SD_PAIR_LEGACY);
	/* The V- id is preferred as evidence over the SV- one. */
	ck_assert_str_eq(dr->evidence_value, "V-69717");
	ck_assert_str_eq(dr->old->vuln_id, "V-69717");
	ck_assert_ptr_nonnull(change(dr, "vuln-id"));
	ck_assert_ptr_nonnull(change(dr, "legacy"));
	ck_assert_ptr_null(change(dr, "check-content"));
	ck_assert_int_eq(entry(d, "V-5")->status, SD_DIFF_REMOVED);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__pairing_falls_back_to_rule_base_then_stig_id)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	const struct sd_diff_rule *dr;

	rule(a, "V-1", "SV-11r1_rule", "X-1", "One.");
	rule(a, "V-2", "SV-12r1_rule", "X-2", "Two.");
	rule(b, "V-101", "SV-11r2_rule", "X-1", "One.");
	rule(b, "V-102", "SV-112r1_rule", "X-2", "Two.");
	d = run(a, b, 0);
	dr = entry(d, "V-101");
	ck_assert_int_eq(dr->evidence, SD_PAIR_RULE_BASE);
	ck_assert_str_eq(dr->evidence_value, "SV-11");
	ck_assert_int_eq(dr->status, SD_DIFF_RENUMBERED);
	dr = entry(d, "V-102");
	ck_assert_int_eq(dr->evidence, SD_PAIR_STIG_ID);
	ck_assert_str_eq(dr->evidence_value, "X-2");
	ck_assert_str_eq(dr->old->vuln_id, "V-2");
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__same_vuln_id_wins_over_a_matching_stig_id)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_diff_counts c;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	rule(a, "V-2", "SV-2r1_rule", "X-2", "Two.");
	/* V-1 now carries X-2: it pairs with V-1 (STIG ID changed), and
	 * V-2 is removed, not paired by its STIG ID. */
	rule(b, "V-1", "SV-1r1_rule", "X-2", "One.");
	d = run(a, b, 0);
	sd_diff_counts(d, &c);
	ck_assert_int_eq(entry(d, "V-1")->status, SD_DIFF_RENUMBERED);
	ck_assert_ptr_nonnull(change(entry(d, "V-1"), "stig-id"));
	ck_assert_int_eq(c.removed, 1);
	ck_assert_int_eq(c.renumbered, 1);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__revision_bump_alone_is_revised)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_rule *r;
	char *s;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "Same.");
	r = rule(b, "V-1", "SV-1r7_rule", "X-1", "Same.");
	set(&r->fix_id, "F-1r7_fix");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_REVISED);
	ck_assert_int_eq(change(&d->rules[0], "revision")->role,
			 SD_ROLE_BOOKKEEPING);
	ck_assert_int_eq(change(&d->rules[0], "fix-id")->role,
			 SD_ROLE_BOOKKEEPING);
	s = summary(d);
	ck_assert_str_eq(s, "1 revision-only");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__cosmetic_change_is_left_out_unless_strict)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	char *s;

	rule(a, "V-1", "SV-1r1_rule", "X-1",
	     "Set \"Enabled\" to True. Check the\nvalue .");
	rule(b, "V-1", "SV-1r2_rule", "X-1",
	     "Set \xe2\x80\x9c" "Enabled\xe2\x80\x9d to True.  Check the value.");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_COSMETIC);
	ck_assert_uint_eq(change(&d->rules[0], "check-content")->cosmetic,
			  SD_COSMETIC_SPACE | SD_COSMETIC_QUOTES |
				  SD_COSMETIC_PUNCT);
	ck_assert(!sd_diff_has_changes(d));
	s = summary(d);
	ck_assert_str_eq(s, "no changes");
	free(s);
	sd_diff_free(d);
	d = run(a, b, 1);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_CHANGED);
	s = summary(d);
	ck_assert_str_eq(s, "1 changed");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__added_and_removed_rules_keep_their_places)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	char *s;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	rule(a, "V-2", "SV-2r1_rule", "X-2", "Two.");
	rule(a, "V-3", "SV-3r1_rule", "X-3", "Three.");
	rule(b, "V-1", "SV-1r1_rule", "X-1", "One.");
	rule(b, "V-3", "SV-3r1_rule", "X-3", "Three.");
	rule(b, "V-4", "SV-4r1_rule", "X-4", "Four.");
	d = run(a, b, 0);
	ck_assert_int_eq(d->nrules, 4);
	ck_assert_str_eq(d->rules[1].old->vuln_id, "V-2");
	ck_assert_int_eq(d->rules[1].status, SD_DIFF_REMOVED);
	ck_assert_ptr_null(d->rules[1].new);
	ck_assert_int_eq(d->rules[3].status, SD_DIFF_ADDED);
	ck_assert_ptr_null(d->rules[3].old);
	ck_assert_int_eq(d->rules[3].evidence, SD_PAIR_NONE);
	s = summary(d);
	ck_assert_str_eq(s, "1 added, 1 removed");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__severity_and_cci_changes_say_what_changed)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_rule *r;
	char *n;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	r = rule(b, "V-1", "SV-1r1_rule", "X-1", "One.");
	r->severity = SD_SEV_HIGH;
	set(&r->severity_raw, "high");
	sd_strv_push(&r->ccis, "CCI-000366");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_CHANGED);
	n = note(change(&d->rules[0], "severity"));
	ck_assert_str_eq(n, "Severity raised from CAT II to CAT I");
	free(n);
	n = note(change(&d->rules[0], "ccis"));
	ck_assert_str_eq(n, "CCIs changed: added CCI-000366");
	free(n);
	sd_diff_free(d);
	d = run(b, a, 0);
	n = note(change(&d->rules[0], "severity"));
	ck_assert_str_eq(n, "Severity lowered from CAT I to CAT II");
	free(n);
	n = note(change(&d->rules[0], "ccis"));
	ck_assert_str_eq(n, "CCIs changed: removed CCI-000366");
	free(n);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__lists_compare_as_sets)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_rule *r;

	r = rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	sd_strv_push(&r->legacy, "V-80501");
	sd_strv_push(&r->legacy, "SV-95211");
	r = rule(b, "V-1", "SV-1r1_rule", "X-1", "One.");
	sd_strv_push(&r->legacy, "SV-95211");
	sd_strv_push(&r->legacy, "V-80501");
	sd_strv_push(&r->legacy, "V-80501");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_UNCHANGED);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__absent_and_empty_fields_are_the_same)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_rule *r;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	r = rule(b, "V-1", "SV-1r1_rule", "X-1", "One.");
	set(&r->desc[SD_DESC_MITIGATIONS], "");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_UNCHANGED);
	sd_diff_free(d);
	set(&r->desc[SD_DESC_MITIGATIONS], "Use a smart host.");
	d = run(a, b, 0);
	ck_assert_int_eq(d->rules[0].status, SD_DIFF_CHANGED);
	{
		char *n = note(change(&d->rules[0], "mitigations"));

		ck_assert_str_eq(n, "Mitigations added");
		free(n);
	}
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* Every single-valued field of the model is compared, with the role the
 * status depends on: a new field in sd_rule_fields cannot go unseen. */
START_TEST(test_diff__every_model_field_is_compared)
{
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];
		struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
		struct sd_rule *r;
		struct sd_diff *d;
		const struct sd_diff_change *c;

		/* The rule id is compared as its base and revision. */
		if (!strcmp(f->name, "rule-id"))
			goto next;
		rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
		r = rule(b, "V-1", "SV-1r1_rule", "X-1", "One.");
		set(&SD_RULE_FIELD(r, f), "something else entirely");
		/* Pairing must not depend on the field being changed. */
		if (!strcmp(f->name, "rule-base") || !strcmp(f->name, "revision"))
			set(&r->rule_id, "SV-1r1_rule");
		d = run(a, b, 0);
		c = change(&d->rules[0], f->name);
		ck_assert_msg(c != NULL, "field '%s' not compared", f->name);
		ck_assert_msg(d->rules[0].status != SD_DIFF_UNCHANGED,
			      "field '%s' changed, rule unchanged", f->name);
		if (!f->is_id)
			ck_assert_int_eq(d->rules[0].status, SD_DIFF_CHANGED);
		sd_diff_free(d);
	next:
		sd_benchmark_free(a);
		sd_benchmark_free(b);
	}
}
END_TEST

START_TEST(test_diff__fields_option_restricts_what_counts)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_strv fields = SD_STRV_INIT;
	struct sd_diff_opts o = { 0 };
	struct sd_diff *d = NULL;
	struct sd_rule *r;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "One.");
	rule(a, "V-2", "SV-2r1_rule", "X-2", "Two.");
	r = rule(b, "V-1", "SV-1r2_rule", "X-1", "One.");
	set(&r->title, "A new title.");
	rule(b, "V-2", "SV-2r1_rule", "X-2", "Two, rewritten.");
	sd_strv_push(&fields, "check");
	sd_strv_push(&fields, "fix");
	o.fields = &fields;
	ck_assert_int_eq(sd_diff_run(a, b, &o, &d), 0);
	ck_assert_int_eq(entry(d, "V-1")->status, SD_DIFF_UNCHANGED);
	ck_assert_int_eq(entry(d, "V-2")->status, SD_DIFF_CHANGED);
	ck_assert_int_eq(d->fields.n, 2);
	ck_assert_str_eq(d->fields.v[0], "check-content");
	sd_diff_free(d);
	sd_strv_push(&fields, "chek");
	ck_assert_int_eq(sd_diff_run(a, b, &o, &d), SD_EUSAGE);
	ck_assert_ptr_null(d);
	ck_assert(strstr(sd_error_last(), "unknown field 'chek'"));
	sd_strv_release(&fields);
	sd_strv_push(&fields, "description");
	ck_assert_int_eq(sd_diff_fields_check(&fields), 0);
	sd_strv_release(&fields);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__duplicate_and_missing_ids_pair_one_to_one)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d;
	struct sd_diff_counts c;
	struct sd_rule *r;

	rule(a, "V-1", "SV-1r1_rule", "X-1", "First.");
	rule(a, "V-1", "SV-1r1_rule", "X-1", "Second.");
	r = rule(a, "V-9", "SV-9r1_rule", "X-9", "No ids.");
	set(&r->vuln_id, NULL);
	set(&r->rule_id, NULL);
	set(&r->stig_id, NULL);
	sd_rule_derive_ids(r);
	rule(b, "V-1", "SV-1r1_rule", "X-1", "First.");
	rule(b, "V-1", "SV-1r1_rule", "X-1", "Second.");
	r = rule(b, "V-8", "SV-8r1_rule", "X-8", "No ids.");
	set(&r->vuln_id, "");
	set(&r->rule_id, NULL);
	set(&r->stig_id, "");
	sd_rule_derive_ids(r);
	d = run(a, b, 0);
	sd_diff_counts(d, &c);
	ck_assert_int_eq(c.unchanged, 2);
	/* Rules without ids pair with nothing, empty ids included. */
	ck_assert_int_eq(c.added, 1);
	ck_assert_int_eq(c.removed, 1);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__empty_benchmarks_have_no_changes)
{
	struct sd_benchmark *a = bench("B", 1, 1), *b = bench("B", 1, 2);
	struct sd_diff *d = run(a, b, 0);
	char *s = summary(d);

	ck_assert_int_eq(d->nrules, 0);
	ck_assert_str_eq(s, "no changes");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- The fixture pair: every classification once ---- */

START_TEST(test_diff__fixture_pair_shows_every_classification)
{
	struct sd_benchmark *a = sd_test_load("tests/fixtures/diff/old.xml");
	struct sd_benchmark *b = sd_test_load("tests/fixtures/diff/new.xml");
	struct sd_diff *d = run(a, b, 0);
	static const struct {
		const char *id;
		enum sd_diff_status status;
		enum sd_diff_evidence ev;
		const char *field;
	} want[] = {
		{ "V-259577", SD_DIFF_UNCHANGED, SD_PAIR_VULN_ID, NULL },
		{ "V-259578", SD_DIFF_CHANGED, SD_PAIR_VULN_ID, "check-content" },
		{ "V-300003", SD_DIFF_RENUMBERED, SD_PAIR_LEGACY, "vuln-id" },
		{ "V-259580", SD_DIFF_REVISED, SD_PAIR_VULN_ID, "check-system" },
		{ "V-259581", SD_DIFF_COSMETIC, SD_PAIR_VULN_ID, "fix-text" },
		{ "V-259582", SD_DIFF_REMOVED, SD_PAIR_NONE, NULL },
		{ "V-259583", SD_DIFF_CHANGED, SD_PAIR_VULN_ID, "severity" },
		{ "V-300008", SD_DIFF_RENUMBERED, SD_PAIR_STIG_ID, "rule-base" },
		{ "V-300009", SD_DIFF_RENUMBERED, SD_PAIR_RULE_BASE, "vuln-id" },
		{ "V-259586", SD_DIFF_ADDED, SD_PAIR_NONE, NULL },
	};
	char *s = summary(d);

	ck_assert_int_eq(d->nrules, SD_ARRAY_SIZE(want));
	for (size_t i = 0; i < SD_ARRAY_SIZE(want); i++) {
		const struct sd_diff_rule *dr = entry(d, want[i].id);

		ck_assert_msg(dr != NULL, "%s missing", want[i].id);
		ck_assert_msg(dr->status == want[i].status, "%s is %s",
			      want[i].id, sd_diff_status_name(dr->status));
		ck_assert_int_eq(dr->evidence, want[i].ev);
		if (want[i].field)
			ck_assert_msg(change(dr, want[i].field), "%s: no %s",
				      want[i].id, want[i].field);
	}
	ck_assert_str_eq(s, "1 added, 1 removed, 2 changed, 3 renumbered, 1 revision-only");
	free(s);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- Real releases ---- */

struct expect {
	const char *id;     /* as DISA's text names the rule */
	const char *status; /* "changed" or "removed" */
	const char *fields; /* content fields DISA says changed, or "" */
};

/* Does the diff of OLD -> NEW show each expectation? */
static void check_expectations(const char *old, const char *new,
			       const struct expect *e, size_t n)
{
	struct sd_benchmark *a = sd_test_load(old), *b = sd_test_load(new);
	struct sd_diff *d = run(a, b, 0);

	for (size_t i = 0; i < n; i++) {
		const struct sd_diff_rule *dr = entry(d, e[i].id);
		char fields[128], *tok, *save = NULL;

		ck_assert_msg(dr != NULL, "%s: %s not found", new, e[i].id);
		ck_assert_msg(!strcmp(sd_diff_status_name(dr->status),
				      e[i].status),
			      "%s -> %s: %s is %s, DISA says %s", old, new,
			      e[i].id, sd_diff_status_name(dr->status),
			      e[i].status);
		snprintf(fields, sizeof(fields), "%s", e[i].fields);
		for (tok = strtok_r(fields, " ", &save); tok;
		     tok = strtok_r(NULL, " ", &save)) {
			const struct sd_diff_change *c = change(dr, tok);

			ck_assert_msg(c && !c->cosmetic,
				      "%s: %s has no substantive %s change",
				      new, e[i].id, tok);
		}
	}
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}

/*
 * DISA's revision history of the Exchange 2013 STIGs (15 December 2021,
 * U_MS_Exchange_2013_Revision_History.pdf in
 * ../shared/disa/zips/U_MS_Exchange_2013_Y21M12_STIG.zip), read by hand:
 * every change it lists between releases the corpus holds. Where the
 * corpus skips releases (CAS V1R1 -> V1R3, Edge V1R2 -> V1R5, Mailbox
 * V1R2 -> V2R1), the changes of every release in between apply. Entries
 * for releases outside the corpus pairs (Edge V1R1 -> V1R2: V-69875;
 * Mailbox V1R1 -> V1R2: V-69955, V-69957, V-69997) cannot be checked.
 */
START_TEST(test_diff__every_change_in_disas_exchange_2013_history_is_found)
{
	/* CAS V1R1 -> V1R2: "V-69719 - Updated Rule Title"; "V-69781 -
	 * Updated Check content and Fix text by including additional
	 * ports". V1R2 -> V1R3: "V-69717 - Corrected check criteria for
	 * import-module"; "V-69775 - Added additional criteria for
	 * applicability". */
	static const struct expect cas_v1[] = {
		{ "V-69719", "changed", "title" },
		{ "V-69781", "changed", "check-content fix-text" },
		{ "V-69717", "changed", "check-content" },
		{ "V-69775", "changed", "check-content" },
	};
	/* CAS V1R3 -> V2R1 (renumbered): "EX13-CA-000065, EX13-CA-000075,
	 * EX13-CA-000080 - Updated to include default location of audit
	 * logs"; "EX13-CA-000160 - Updated command to output more complete
	 * information". */
	static const struct expect cas_v2[] = {
		{ "EX13-CA-000065", "changed", "fix-text" },
		{ "EX13-CA-000075", "changed", "fix-text" },
		{ "EX13-CA-000080", "changed", "fix-text" },
		{ "EX13-CA-000160", "changed", "check-content" },
	};
	/* Edge V1R2 -> V1R3: "V-69861, V-69863, V-69899 - Updated Check
	 * content to include SIPR/EEMSG options". V1R3 -> V1R4: "V-69879 -
	 * Updated Check content to include SIPR content"; "V-69789,
	 * V-69825, V-69883, V-69885, V-69887, V-69909, V-69923, V-69925 -
	 * Requirements removed". V1R4 -> V1R5: "V-69813 - Updated Check
	 * content ... DNSRoutingEnabled"; "V-69927 - Updated Check content
	 * to include availability statement"; "V-69815, V-69789, V-69885,
	 * V-69887, V-69923, V-69925 - Removed requirements". */
	static const struct expect edge[] = {
		{ "V-69861", "changed", "check-content" },
		{ "V-69863", "changed", "check-content" },
		{ "V-69899", "changed", "check-content" },
		{ "V-69879", "changed", "check-content" },
		{ "V-69813", "changed", "check-content" },
		{ "V-69927", "changed", "check-content" },
		{ "V-69789", "removed", "" },
		{ "V-69815", "removed", "" },
		{ "V-69825", "removed", "" },
		{ "V-69883", "removed", "" },
		{ "V-69885", "removed", "" },
		{ "V-69887", "removed", "" },
		{ "V-69909", "removed", "" },
		{ "V-69923", "removed", "" },
		{ "V-69925", "removed", "" },
	};
	/* Mailbox V1R2 -> V1R3: "V-69955 - Updated Check content by updating
	 * MessageTrackingLogSubjectLoggingEnabled statement". V1R3 -> V1R4:
	 * "V-70061 - Updated Check content to include availability
	 * statement"; "V-70063 - Removed this requirement". V1R4 -> V1R5:
	 * "V-69955 - Corrected Fix text to read $False"; "V-70043 -
	 * Clarified verbiage for allowed domains when Auto Forwarding".
	 * V1R5 -> V1R6: "V-69975, V-69977 - Corrected registry key setting"
	 * (the same entry lists V-69717 and V-69775, Client Access rules
	 * that the Mailbox STIG does not hold: copied from the CAS entry).
	 * V1R6 -> V2R1 (renumbered): "EX13-MB-000115 - Modified Rule Title,
	 * Check, and Fix to be for internal receive connectors". */
	static const struct expect mbx_v1[] = {
		{ "V-69955", "changed", "check-content fix-text" },
		{ "V-70061", "changed", "check-content" },
		{ "V-70063", "removed", "" },
		{ "V-70043", "changed", "check-content" },
		{ "V-69975", "changed", "check-content" },
		{ "V-69977", "changed", "check-content" },
		{ "EX13-MB-000115", "changed", "title check-content fix-text" },
	};
	/* Mailbox V2R1 -> V2R2: "EX13-MB-000060, EX13-MB-000070,
	 * EX13-MB-000075 - Updated to include default location of audit
	 * logs". */
	static const struct expect mbx_v2[] = {
		{ "EX13-MB-000060", "changed", "fix-text" },
		{ "EX13-MB-000070", "changed", "fix-text" },
		{ "EX13-MB-000075", "changed", "fix-text" },
	};
	struct sd_benchmark *mbx = sd_test_load(
		CORPUS "U_MS_Exchange_2013_Mailbox_STIG_V1R2_Manual-xccdf.xml");

	check_expectations(CORPUS "U_MS_Exchange_2013_CAS_STIG_V1R1_Manual-xccdf.xml",
			   CORPUS "U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml",
			   cas_v1, SD_ARRAY_SIZE(cas_v1));
	check_expectations(CORPUS "U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml",
			   CORPUS "U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml",
			   cas_v2, SD_ARRAY_SIZE(cas_v2));
	check_expectations(CORPUS "U_MS_Exchange_2013_Edge_STIG_V1R2_Manual-xccdf.xml",
			   CORPUS "U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R5_Manual-xccdf.xml",
			   edge, SD_ARRAY_SIZE(edge));
	check_expectations(CORPUS "U_MS_Exchange_2013_Mailbox_STIG_V1R2_Manual-xccdf.xml",
			   CORPUS "U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml",
			   mbx_v1, SD_ARRAY_SIZE(mbx_v1));
	check_expectations(CORPUS "U_MS_Exchange_2013_Mailbox_STIG_V2R1_Manual-xccdf.xml",
			   CORPUS "U_MS_Exchange_2013_Mailbox_STIG_V2R2_Manual-xccdf.xml",
			   mbx_v2, SD_ARRAY_SIZE(mbx_v2));
	/* The misplaced V-69717 / V-69775 are indeed not Mailbox rules. */
	ck_assert_ptr_null(sd_test_rule(mbx, "V-69717"));
	ck_assert_ptr_null(sd_test_rule(mbx, "V-69775"));
	sd_benchmark_free(mbx);
}
END_TEST

struct counted {
	const char *old, *new;
	size_t added, removed, changed, renumbered, revised, cosmetic,
		unchanged;
};

static void check_counts(const struct counted *w)
{
	struct sd_benchmark *a = sd_test_load(w->old), *b = sd_test_load(w->new);
	struct sd_diff *d = run(a, b, 0);
	struct sd_diff_counts c;

	sd_diff_counts(d, &c);
	ck_assert_msg(c.added == w->added && c.removed == w->removed &&
			      c.changed == w->changed &&
			      c.renumbered == w->renumbered &&
			      c.revised == w->revised &&
			      c.cosmetic == w->cosmetic &&
			      c.unchanged == w->unchanged,
		      "%s: %zu %zu %zu %zu %zu %zu %zu", w->new, c.added,
		      c.removed, c.changed, c.renumbered, c.revised,
		      c.cosmetic, c.unchanged);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}

/*
 * Consecutive releases, one per product line, checked by hand against
 * the XCCDF (the rule's Group in both files compared by eye).
 */
START_TEST(test_diff__exchange_2016_edge_v2r5_to_v2r6_by_hand)
{
	/* 68 rules in both. Every rule id got a new revision (DISA's
	 * content-management migration); one rule changed: EX16-ED-000430
	 * (V-221242) gained a first check paragraph making it Not
	 * Applicable on SIPR. */
	static const struct counted w = {
		CORPUS "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml",
		CORPUS "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml",
		0, 0, 1, 0, 67, 0, 0
	};
	struct sd_benchmark *a = sd_test_load(w.old), *b = sd_test_load(w.new);
	struct sd_diff *d = run(a, b, 0);
	const struct sd_diff_rule *dr = entry(d, "EX16-ED-000430");
	const struct sd_diff_change *c = change(dr, "check-content");

	check_counts(&w);
	ck_assert_int_eq(dr->status, SD_DIFF_CHANGED);
	ck_assert_str_eq(dr->new->vuln_id, "V-221242");
	ck_assert_int_eq(c->wd.nsegs, 2);
	ck_assert_int_eq(c->wd.segs[0].op, SD_WD_INSERT);
	ck_assert(!strncmp(c->wd.segs[0].text,
			   "If this server is in a SIPR Enclave, this requirement is Not Applicable.",
			   72));
	ck_assert_int_eq(c->wd.segs[1].op, SD_WD_EQUAL);
	/* Revised: "r879511" -> "r960735", nothing else. */
	dr = entry(d, "EX16-ED-000010");
	ck_assert_int_eq(dr->status, SD_DIFF_REVISED);
	ck_assert_int_eq(dr->nchanges, 1);
	ck_assert_str_eq(dr->changes[0].old, "r879511");
	ck_assert_str_eq(dr->changes[0].new, "r960735");
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__exchange_2019_edge_v2r1_to_v2r2_by_hand)
{
	/* Three rules gained a CCI (EX19-ED-000053 CCI-001749,
	 * EX19-ED-000195 CCI-001812, EX19-ED-000198 CCI-001814),
	 * EX19-ED-000133 gained the SIPR paragraph, three rules only got a
	 * new revision (EX19-ED-000098, -000099, -000159), 61 are
	 * untouched. */
	static const struct counted w = {
		CORPUS "U_MS_Exchange_2019_Edge_Server_STIG_V2R1_Manual-xccdf.xml",
		CORPUS "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml",
		0, 0, 4, 0, 3, 0, 61
	};
	static const char *cci[][2] = { { "EX19-ED-000053", "CCI-001749" },
					{ "EX19-ED-000195", "CCI-001812" },
					{ "EX19-ED-000198", "CCI-001814" } };
	struct sd_benchmark *a = sd_test_load(w.old), *b = sd_test_load(w.new);
	struct sd_diff *d = run(a, b, 0);

	check_counts(&w);
	for (size_t i = 0; i < 3; i++) {
		const struct sd_diff_change *c =
			change(entry(d, cci[i][0]), "ccis");

		ck_assert_ptr_nonnull(c);
		ck_assert_int_eq(c->added.n, 1);
		ck_assert_str_eq(c->added.v[0], cci[i][1]);
		ck_assert_int_eq(c->removed.n, 0);
	}
	ck_assert_ptr_nonnull(change(entry(d, "EX19-ED-000133"), "check-content"));
	ck_assert_int_eq(entry(d, "EX19-ED-000098")->status, SD_DIFF_REVISED);
	ck_assert_int_eq(entry(d, "EX19-ED-000099")->status, SD_DIFF_REVISED);
	ck_assert_int_eq(entry(d, "EX19-ED-000159")->status, SD_DIFF_REVISED);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__exchange_2013_cas_renumbering_by_hand)
{
	/* V1R3 -> V2R1: DISA's new content system renumbered all 33 rules;
	 * each V2R1 rule names its V1R3 V- and SV- ids as legacy idents.
	 * Four rules also changed (the revision history's four). */
	static const struct counted w = {
		CORPUS "U_MS_Exchange_2013_CAS_STIG_V1R3_Manual-xccdf.xml",
		CORPUS "U_MS_Exchange_2013_CAS_STIG_V2R1_Manual-xccdf.xml",
		0, 0, 4, 29, 0, 0, 0
	};
	struct sd_benchmark *a = sd_test_load(w.old), *b = sd_test_load(w.new);
	struct sd_diff *d = run(a, b, 0);
	const struct sd_diff_rule *dr = entry(d, "EX13-CA-000010");

	check_counts(&w);
	for (size_t i = 0; i < d->nrules; i++)
		ck_assert_int_eq(d->rules[i].evidence, SD_PAIR_LEGACY);
	ck_assert_str_eq(dr->old->vuln_id, "V-69717");
	ck_assert_str_eq(dr->new->vuln_id, "V-234766");
	ck_assert_str_eq(dr->evidence_value, "V-69717");
	dr = entry(d, "EX13-CA-000065");
	ck_assert(strstr(change(dr, "fix-text")->new,
			 "By default, the logs are located on the application partition"));
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_diff__exchange_2010_edge_v1r14_to_v1r15_by_hand)
{
	/* Four rules on automated replies and reports to remote domains
	 * were dropped (Exch-2-805, -808, -811, -814); 57 unchanged. */
	static const struct counted w = {
		CORPUS "U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml",
		CORPUS "U_MS_Exchange_2010_Edge_STIG_V1R15_Manual-xccdf.xml",
		0, 4, 0, 0, 0, 0, 57
	};
	static const char *gone[] = { "Exch-2-805", "Exch-2-808", "Exch-2-811",
				      "Exch-2-814" };
	struct sd_benchmark *a = sd_test_load(w.old), *b = sd_test_load(w.new);
	struct sd_diff *d = run(a, b, 0);

	check_counts(&w);
	for (size_t i = 0; i < SD_ARRAY_SIZE(gone); i++)
		ck_assert_int_eq(entry(d, gone[i])->status, SD_DIFF_REMOVED);
	sd_diff_free(d);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- Nothing substantive passes as cosmetic ---- */

static int cmp_release(const void *pa, const void *pb)
{
	const struct sd_benchmark *a = *(struct sd_benchmark *const *)pa;
	const struct sd_benchmark *b = *(struct sd_benchmark *const *)pb;
	int c = strcmp(a->id, b->id);

	if (c)
		return c;
	return a->v != b->v ? a->v - b->v : a->r - b->r;
}

/*
 * Across every consecutive pair of the corpus, every text field that
 * differs is reported as a change, and none as cosmetic: by hand, each
 * text change in these releases adds, drops or replaces words.
 */
START_TEST(test_diff__no_real_change_is_hidden_as_cosmetic)
{
	glob_t g;
	struct sd_benchmark **v;
	size_t pairs = 0, text_changes = 0;

	ck_assert_int_eq(glob(CORPUS "*.xml", 0, NULL, &g), 0);
	v = calloc(g.gl_pathc, sizeof(*v));
	for (size_t i = 0; i < g.gl_pathc; i++)
		v[i] = sd_test_load(g.gl_pathv[i]);
	qsort(v, g.gl_pathc, sizeof(*v), cmp_release);
	for (size_t i = 1; i < g.gl_pathc; i++) {
		struct sd_diff *d;

		if (strcmp(v[i - 1]->id, v[i]->id))
			continue;
		d = run(v[i - 1], v[i], 0);
		pairs++;
		for (size_t k = 0; k < d->nrules; k++) {
			const struct sd_diff_rule *dr = &d->rules[k];

			ck_assert_int_ne(dr->status, SD_DIFF_COSMETIC);
			if (!dr->old || !dr->new)
				continue;
			for (size_t f = 0; f < sd_rule_nfields; f++) {
				const struct sd_rule_field *rf = &sd_rule_fields[f];
				const char *x = SD_RULE_FIELD(dr->old, rf);
				const char *y = SD_RULE_FIELD(dr->new, rf);

				if (rf->is_id || !strcmp(x ? x : "", y ? y : ""))
					continue;
				text_changes++;
				ck_assert_int_eq(dr->status, SD_DIFF_CHANGED);
				ck_assert_ptr_nonnull(change(dr, rf->name));
				ck_assert_uint_eq(change(dr, rf->name)->cosmetic, 0);
			}
		}
		sd_diff_free(d);
	}
	ck_assert_int_eq(pairs, 20);
	ck_assert_int_gt(text_changes, 50);
	for (size_t i = 0; i < g.gl_pathc; i++)
		sd_benchmark_free(v[i]);
	free(v);
	globfree(&g);
}
END_TEST

/*
 * Real text, mutated: a dropped word, an inserted "not", a changed digit
 * are never cosmetic; re-wrapping, doubled blanks and curly quotes are.
 */
START_TEST(test_diff__mutated_real_text_is_classified_right)
{
	struct sd_benchmark *b = sd_test_load(
		CORPUS "U_MS_Exchange_2016_Mailbox_Server_STIG_V2R6_Manual-xccdf.xml");
	size_t tried = 0;

	for (size_t i = 0; i < b->nrules; i++) {
		const char *t = b->rules[i].check_content;
		const char *sp = t ? strchr(t, ' ') : NULL;
		char *m;
		size_t n;

		if (!sp || !strchr(sp + 1, ' '))
			continue;
		n = strlen(t);
		m = malloc(n + 16);
		/* Drop the second word. */
		{
			const char *sp2 = strchr(sp + 1, ' ');

			memcpy(m, t, (size_t)(sp - t));
			strcpy(m + (sp - t), sp2);
		}
		ck_assert_uint_eq(sd_worddiff_cosmetic(t, m), 0);
		/* Insert "not" after the first word. */
		memcpy(m, t, (size_t)(sp - t));
		strcpy(m + (sp - t), " not");
		strcat(m, sp);
		ck_assert_uint_eq(sd_worddiff_cosmetic(t, m), 0);
		/* Change the first digit. */
		strcpy(m, t);
		for (char *p = m; *p; p++)
			if (*p >= '0' && *p <= '9') {
				*p = *p == '9' ? '0' : (char)(*p + 1);
				ck_assert_uint_eq(sd_worddiff_cosmetic(t, m), 0);
				break;
			}
		/* Re-wrap: the first blank becomes a line break and a blank. */
		strcpy(m, t);
		memcpy(m, t, (size_t)(sp - t));
		strcpy(m + (sp - t), "\n  ");
		strcat(m, sp + 1);
		ck_assert_uint_eq(sd_worddiff_cosmetic(t, m), SD_COSMETIC_SPACE);
		free(m);
		tried++;
	}
	ck_assert_int_gt(tried, 50);
	sd_benchmark_free(b);
}
END_TEST

Suite *suite_diff(void)
{
	Suite *s = suite_create("diff");
	TCase *syn = tcase_create("synthetic");
	TCase *real = tcase_create("real");

	tcase_add_test(syn, test_diff__identical_rules_are_unchanged);
	tcase_add_test(syn, test_diff__changed_check_lists_the_field_with_a_word_diff);
	tcase_add_test(syn, test_diff__renumbered_rule_is_paired_by_its_legacy_id);
	tcase_add_test(syn, test_diff__pairing_falls_back_to_rule_base_then_stig_id);
	tcase_add_test(syn, test_diff__same_vuln_id_wins_over_a_matching_stig_id);
	tcase_add_test(syn, test_diff__revision_bump_alone_is_revised);
	tcase_add_test(syn, test_diff__cosmetic_change_is_left_out_unless_strict);
	tcase_add_test(syn, test_diff__added_and_removed_rules_keep_their_places);
	tcase_add_test(syn, test_diff__severity_and_cci_changes_say_what_changed);
	tcase_add_test(syn, test_diff__lists_compare_as_sets);
	tcase_add_test(syn, test_diff__absent_and_empty_fields_are_the_same);
	tcase_add_test(syn, test_diff__every_model_field_is_compared);
	tcase_add_test(syn, test_diff__fields_option_restricts_what_counts);
	tcase_add_test(syn, test_diff__duplicate_and_missing_ids_pair_one_to_one);
	tcase_add_test(syn, test_diff__empty_benchmarks_have_no_changes);
	tcase_add_test(syn, test_diff__fixture_pair_shows_every_classification);
	suite_add_tcase(s, syn);
	tcase_add_test(real, test_diff__every_change_in_disas_exchange_2013_history_is_found);
	tcase_add_test(real, test_diff__exchange_2016_edge_v2r5_to_v2r6_by_hand);
	tcase_add_test(real, test_diff__exchange_2019_edge_v2r1_to_v2r2_by_hand);
	tcase_add_test(real, test_diff__exchange_2013_cas_renumbering_by_hand);
	tcase_add_test(real, test_diff__exchange_2010_edge_v1r14_to_v1r15_by_hand);
	tcase_add_test(real, test_diff__no_real_change_is_hidden_as_cosmetic);
	tcase_add_test(real, test_diff__mutated_real_text_is_classified_right);
	tcase_set_timeout(real, 120);
	suite_add_tcase(s, real);
	return s;
}
