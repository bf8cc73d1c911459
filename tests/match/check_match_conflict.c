/* Declared ids checked against content: DISA's real permutation of
 * OneNote 2013's legacy idents, and shifts, rotations, copies and a
 * reused vuln id made from real releases, scored against the truth. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "match.h"
#include "testutil.h"

#define XCCDF "corpus/xccdf/"
#define EDGE13_V1R5 XCCDF "U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R5_Manual-xccdf.xml"
#define EDGE13_V1R6 XCCDF "U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R6_Manual-xccdf.xml"
#define EDGE16_V2R5 XCCDF "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml"
#define EDGE16_V2R6 XCCDF "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"
#define FIX "tests/fixtures/conflict/"
#define ONENOTE_V1R3 FIX "U_MS_OneNote_2013_STIG_V1R3_Manual-xccdf__0fb15f78.zip"
#define ONENOTE_V1R4 FIX "U_MS_OneNote_2013_STIG_V1R4_Manual-xccdf__5851da25.zip"

static struct sd_match *run(const struct sd_benchmark *a,
			    const struct sd_benchmark *b, int trust)
{
	struct sd_match_opts o = { 0 };
	struct sd_match *m = NULL;

	o.trust_declared = trust;
	ck_assert_int_eq(sd_match_run(a, b, &o, &m), 0);
	return m;
}

/* The new rule old rule i is matched to (not a split: one), or -1. */
static long partner(const struct sd_match *m, const struct sd_benchmark *a,
		    const struct sd_benchmark *b, size_t i)
{
	long j = -1;

	for (size_t t = 0; t < sd_match_count(m); t++) {
		const struct sd_match_pair *p = sd_match_at(m, t);

		if (p->old_rule != &a->rules[i] || !p->new_rule ||
		    p->kind == SD_MATCH_NONE)
			continue;
		if (j >= 0)
			return -2; /* several */
		j = (long)(p->new_rule - b->rules);
	}
	return j;
}

struct score {
	size_t tp, fp, fn;
};

/* A mapping scored against truth[i] (new rule of old rule i, -1 none). */
static void score(const struct sd_match *m, const struct sd_benchmark *a,
		  const struct sd_benchmark *b, const long *truth,
		  struct score *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < a->nrules; i++) {
		long j = partner(m, a, b, i);

		if (truth[i] >= 0 && j == truth[i])
			s->tp++;
		else {
			if (j != -1)
				s->fp++;
			if (truth[i] >= 0)
				s->fn++;
		}
	}
}

/* The mapping DISA's correct legacy idents give (the unaltered run). */
static long *truth_of(const struct sd_benchmark *a,
		      const struct sd_benchmark *b)
{
	struct sd_match *m = run(a, b, 1);
	long *t = calloc(a->nrules + 1, sizeof(*t));

	for (size_t i = 0; i < a->nrules; i++)
		t[i] = partner(m, a, b, i);
	sd_match_free(m);
	return t;
}

static size_t conflict_pairs(const struct sd_match *m)
{
	size_t n = 0;

	for (size_t t = 0; t < sd_match_count(m); t++)
		if (sd_match_at(m, t)->declared_conflict) {
			ck_assert_ptr_nonnull(sd_match_at(m, t)->conflict);
			ck_assert(strstr(sd_match_at(m, t)->evidence,
					 "declared-conflict: ") ==
				  sd_match_at(m, t)->evidence);
			n++;
		}
	return n;
}

/* DISA's own error: V1R4's legacy idents permute six OneNote rules. The
 * rules keep their STIG ids and text; declared-conflict catches each. */
START_TEST(test_match_conflict__disa_permuted_onenote_legacy_ids_are_caught)
{
	struct sd_benchmark *a = sd_test_load(ONENOTE_V1R3);
	struct sd_benchmark *b = sd_test_load(ONENOTE_V1R4);
	struct sd_match *m = run(a, b, 0), *t = run(a, b, 1);
	size_t wrong_trusted = 0;

	ck_assert_int_eq(sd_match_conflicts(m), 6);
	ck_assert_int_eq(sd_match_conflicts(t), 0);
	for (size_t i = 0; i < a->nrules; i++) {
		long j = partner(m, a, b, i), k = partner(t, a, b, i);

		/* Content and STIG ids agree: every rule keeps its STIG id. */
		ck_assert_int_ge(j, 0);
		ck_assert_str_eq(a->rules[i].stig_id, b->rules[j].stig_id);
		ck_assert_str_eq(a->rules[i].title, b->rules[j].title);
		ck_assert_int_ge(k, 0);
		wrong_trusted += strcmp(a->rules[i].title, b->rules[k].title) != 0;
	}
	/* What trusting the declarations did (and --trust-declared does). */
	ck_assert_int_eq(wrong_trusted, 6);
	ck_assert_int_ge(conflict_pairs(m), 6);
	ck_assert_int_eq(conflict_pairs(t), 0);
	sd_match_free(m);
	sd_match_free(t);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* Rotate the legacy idents of new rules [from, to) by one: each rule
 * declares its neighbour's predecessor (DISA's shift by one rule). */
static void shift_legacy(struct sd_benchmark *b, size_t from, size_t to)
{
	struct sd_strv last = b->rules[to - 1].legacy;

	for (size_t j = to - 1; j > from; j--)
		b->rules[j].legacy = b->rules[j - 1].legacy;
	b->rules[from].legacy = last;
}

static void check_shift(int keep_stig_ids)
{
	struct sd_benchmark *a = sd_test_load(EDGE13_V1R5);
	struct sd_benchmark *b = sd_test_load(EDGE13_V1R6);
	long *truth = truth_of(a, b);
	struct sd_match *m, *t;
	struct score s, st;
	size_t n = b->nrules;

	ck_assert_int_ge(n, 60);
	shift_legacy(b, 3, n - 3);
	if (!keep_stig_ids)
		for (size_t j = 0; j < n; j++) {
			free(b->rules[j].stig_id);
			b->rules[j].stig_id = NULL;
		}
	m = run(a, b, 0);
	t = run(a, b, 1);
	score(m, a, b, truth, &s);
	score(t, a, b, truth, &st);
	/* Every shifted declaration set aside, every rule paired right. */
	ck_assert_int_eq(sd_match_conflicts(m), n - 6);
	ck_assert_int_eq(s.fp, 0);
	ck_assert_int_eq(s.fn, 0);
	ck_assert_int_eq(s.tp, n);
	/* Trusted, the shift is followed: all but the untouched rules wrong. */
	ck_assert_int_eq(st.tp, 6);
	sd_match_free(m);
	sd_match_free(t);
	free(truth);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}

START_TEST(test_match_conflict__legacy_ids_shifted_by_one_rule_are_set_aside)
{
	check_shift(1);
}
END_TEST

/* Without STIG ids to fall back on, content alone pairs them. */
START_TEST(test_match_conflict__shift_without_stig_ids_is_paired_by_content)
{
	check_shift(0);
}
END_TEST

/* Three rules' legacy idents permuted among themselves, the rest right:
 * only those three are conflicts. */
START_TEST(test_match_conflict__a_small_permutation_is_caught_alone)
{
	struct sd_benchmark *a = sd_test_load(EDGE13_V1R5);
	struct sd_benchmark *b = sd_test_load(EDGE13_V1R6);
	long *truth = truth_of(a, b);
	struct sd_match *m;
	struct score s;

	shift_legacy(b, 20, 23);
	m = run(a, b, 0);
	score(m, a, b, truth, &s);
	ck_assert_int_eq(sd_match_conflicts(m), 3);
	ck_assert_int_eq(s.fp + s.fn, 0);
	ck_assert_int_eq(conflict_pairs(m), 3);
	sd_match_free(m);
	free(truth);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* Two new rules also declaring the legacy ident of an unrelated old rule
 * (DISA copying idents): not a split, each rule stays with its own. */
START_TEST(test_match_conflict__copied_legacy_ids_make_no_false_split)
{
	struct sd_benchmark *a = sd_test_load(EDGE13_V1R5);
	struct sd_benchmark *b = sd_test_load(EDGE13_V1R6);
	long *truth = truth_of(a, b);
	struct sd_match *m, *t;
	struct score s;
	size_t counts[8];

	sd_strv_push(&b->rules[10].legacy, a->rules[40].vuln_id);
	sd_strv_push(&b->rules[30].legacy, a->rules[50].vuln_id);
	t = run(a, b, 1);
	sd_match_counts(t, counts);
	ck_assert_int_ge(counts[SD_MATCH_SPLIT] + counts[SD_MATCH_MERGE], 2);
	m = run(a, b, 0);
	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_SPLIT] + counts[SD_MATCH_MERGE], 0);
	score(m, a, b, truth, &s);
	ck_assert_int_eq(s.fp + s.fn, 0);
	ck_assert_int_eq(sd_match_conflicts(m), 2);
	sd_match_free(m);
	sd_match_free(t);
	free(truth);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* A vuln id DISA reused for another requirement: two rules of the new
 * release swap vuln ids (and rule ids); content pairs them back. */
START_TEST(test_match_conflict__a_reused_vuln_id_is_a_conflict)
{
	struct sd_benchmark *a = sd_test_load(EDGE16_V2R5);
	struct sd_benchmark *b = sd_test_load(EDGE16_V2R6);
	long *truth = truth_of(a, b);
	struct sd_match *m, *t;
	struct score s, st;
	char *v;

#define SWAP(f) (v = b->rules[5].f, b->rules[5].f = b->rules[15].f, \
		 b->rules[15].f = v)
	SWAP(vuln_id);
	SWAP(rule_id);
	SWAP(rule_base);
	SWAP(stig_id);
#undef SWAP
	t = run(a, b, 1);
	score(t, a, b, truth, &st);
	ck_assert_int_eq(st.fp, 2);
	m = run(a, b, 0);
	score(m, a, b, truth, &s);
	ck_assert_int_eq(s.fp + s.fn, 0);
	ck_assert_int_ge(sd_match_conflicts(m), 2);
	sd_match_free(m);
	sd_match_free(t);
	free(truth);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* Conflicts survive the compact text lineage keeps, word for word. */
START_TEST(test_match_conflict__conflicts_read_back_word_for_word)
{
	struct sd_benchmark *a = sd_test_load(ONENOTE_V1R3);
	struct sd_benchmark *b = sd_test_load(ONENOTE_V1R4);
	struct sd_match *m = run(a, b, 0), *r = NULL;
	struct sd_buf text = SD_BUF_INIT;

	sd_match_write(m, &text);
	ck_assert_int_eq(sd_match_read(a, b, text.ptr, text.len, &r), 0);
	ck_assert_int_eq(sd_match_conflicts(r), sd_match_conflicts(m));
	ck_assert_int_eq(sd_match_count(r), sd_match_count(m));
	for (size_t i = 0; i < sd_match_count(m); i++) {
		ck_assert_str_eq(sd_match_at(m, i)->evidence,
				 sd_match_at(r, i)->evidence);
		ck_assert_int_eq(sd_match_at(m, i)->declared_conflict,
				 sd_match_at(r, i)->declared_conflict);
	}
	sd_match_free(r);
	/* A set-aside line naming a rule out of range is refused. */
	sd_buf_addstr(&text, "x\t99\t0\t0\t0\t6\t1\t2\t0.2\t1\n");
	ck_assert_int_eq(sd_match_read(a, b, text.ptr, text.len, &r), SD_EPARSE);
	ck_assert_ptr_null(r);
	sd_buf_release(&text);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

Suite *suite_match_conflict(void)
{
	Suite *s = suite_create("match_conflict");
	TCase *tc = tcase_create("match_conflict");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_match_conflict__disa_permuted_onenote_legacy_ids_are_caught);
	tcase_add_test(tc, test_match_conflict__legacy_ids_shifted_by_one_rule_are_set_aside);
	tcase_add_test(tc, test_match_conflict__shift_without_stig_ids_is_paired_by_content);
	tcase_add_test(tc, test_match_conflict__a_small_permutation_is_caught_alone);
	tcase_add_test(tc, test_match_conflict__copied_legacy_ids_make_no_false_split);
	tcase_add_test(tc, test_match_conflict__a_reused_vuln_id_is_a_conflict);
	tcase_add_test(tc, test_match_conflict__conflicts_read_back_word_for_word);
	suite_add_tcase(s, tc);
	return s;
}
