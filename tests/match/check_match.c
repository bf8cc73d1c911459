/* Rule matching: DISA's renumbering as ground truth, cross-product
 * pairs checked by hand, splits, curated links and bad input. */
#include <check.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "match.h"
#include "source.h"
#include "testutil.h"

#define XCCDF "corpus/xccdf/"
#define EDGE13_V1R5 XCCDF "U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R5_Manual-xccdf.xml"
#define EDGE13_V1R6 XCCDF "U_MS_Exchange_2013_Edge_Transport_Server_STIG_V1R6_Manual-xccdf.xml"
#define EDGE16_V2R5 XCCDF "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R5_Manual-xccdf.xml"
#define EDGE16_V2R6 XCCDF "U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml"
#define EDGE19_V2R2 XCCDF "U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml"
#define FIX "tests/fixtures/match/"

static struct sd_match *run(const struct sd_benchmark *a,
			    const struct sd_benchmark *b, int ignore_legacy)
{
	struct sd_match_opts o = { 0 };
	struct sd_match *m = NULL;

	o.ignore_legacy = ignore_legacy;
	ck_assert_int_eq(sd_match_run(a, b, &o, &m), 0);
	return m;
}

/* The pair holding old rule `old_id` and new rule `new_id` (NULL: none). */
static const struct sd_match_pair *find_pair(const struct sd_match *m,
					     const char *old_id,
					     const char *new_id)
{
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *p = sd_match_at(m, i);

		if ((old_id ? p->old_rule && sd_rule_has_id(p->old_rule, old_id)
			    : !p->old_rule) &&
		    (new_id ? p->new_rule && sd_rule_has_id(p->new_rule, new_id)
			    : !p->new_rule))
			return p;
	}
	return NULL;
}

/* ---- DISA's renumbering as ground truth ---- */

struct lib {
	struct sd_benchmark **v;
	size_t n;
};

static int older(const struct sd_benchmark *a, const struct sd_benchmark *b)
{
	return a->v < b->v || (a->v == b->v && a->r < b->r);
}

/* Old rule index DISA's legacy idents name for new rule j, or -1. */
static long declared_old(const struct sd_benchmark *a, const struct sd_rule *n)
{
	for (size_t k = 0; k < n->legacy.n; k++)
		for (size_t i = 0; i < a->nrules; i++)
			if (!strcmp(a->rules[i].vuln_id, n->legacy.v[k]) ||
			    !strcmp(a->rules[i].rule_base, n->legacy.v[k]))
				return (long)i;
	return -1;
}

struct score {
	size_t tp, fp, fn;
};

/* Content-only mapping of a -> b scored against the legacy idents. */
static int score_pair(const struct sd_benchmark *a,
		      const struct sd_benchmark *b, struct score *s)
{
	struct sd_match *m;
	size_t truth = 0, renumbered = 0;

	for (size_t j = 0; j < b->nrules; j++) {
		long i = declared_old(a, &b->rules[j]);

		if (i < 0)
			continue;
		truth++;
		if (strcmp(a->rules[i].vuln_id, b->rules[j].vuln_id))
			renumbered++;
	}
	if (!truth || !renumbered)
		return 0;
	m = run(a, b, 1);
	memset(s, 0, sizeof(*s));
	for (size_t t = 0; t < sd_match_count(m); t++) {
		const struct sd_match_pair *p = sd_match_at(m, t);
		long i;

		if (!p->old_rule || !p->new_rule || p->kind == SD_MATCH_NONE)
			continue;
		ck_assert(p->kind == SD_MATCH_CONTENT || p->kind == SD_MATCH_SPLIT ||
			  p->kind == SD_MATCH_MERGE);
		i = declared_old(a, p->new_rule);
		if (i >= 0 && &a->rules[i] == p->old_rule)
			s->tp++;
		else
			s->fp++;
	}
	s->fn = truth - s->tp;
	sd_match_free(m);
	return 1;
}

START_TEST(test_match__content_alone_recovers_disa_renumbering)
{
	struct lib l;
	struct score all = { 0, 0, 0 }, s;
	size_t consecutive = 0, pairs = 0;
	char buf[4096];
	/* DISA's shared set when it is there (new releases count), else the
	 * same files embedded in corpus/. */
	snprintf(buf, sizeof(buf), "%s/disa/xccdf", sd_test_shared());
	l.v = sd_test_load_all(access(buf, R_OK) ? "corpus/xccdf" : buf, &l.n);
	ck_assert_int_ge(l.n, 30);
	for (size_t x = 0; x < l.n; x++)
		for (size_t y = 0; y < l.n; y++) {
			const struct sd_benchmark *a = l.v[x], *b = l.v[y];
			int next = 1;

			if (strcmp(a->id, b->id) || !older(a, b) ||
			    !score_pair(a, b, &s))
				continue;
			pairs++;
			all.tp += s.tp;
			all.fp += s.fp;
			all.fn += s.fn;
			for (size_t z = 0; z < l.n; z++)
				if (!strcmp(l.v[z]->id, a->id) &&
				    older(a, l.v[z]) && older(l.v[z], b))
					next = 0;
			if (!next)
				continue;
			/* A release and the one that renumbered it. */
			consecutive++;
			ck_assert_msg((double)s.tp / (s.tp + s.fp) >= 0.99 &&
					      (double)s.tp / (s.tp + s.fn) >= 0.98,
				      "%s V%dR%d -> V%dR%d: tp %zu fp %zu fn %zu",
				      a->id, a->v, a->r, b->v, b->r, s.tp, s.fp,
				      s.fn);
		}
	/* At least CAS V1R3->V2R1, Edge V1R5->V1R6, Mailbox V1R2->V2R1; the
	 * pairs across several releases (CAS V1R1->V2R2) count together. */
	ck_assert_int_ge(consecutive, 3);
	ck_assert_int_ge(pairs, 9);
	ck_assert_msg((double)all.tp / (all.tp + all.fp) >= 0.99,
		      "precision %zu/%zu", all.tp, all.tp + all.fp);
	ck_assert_msg((double)all.tp / (all.tp + all.fn) >= 0.98,
		      "recall %zu/%zu", all.tp, all.tp + all.fn);
	sd_test_free_all(l.v, l.n);
}
END_TEST

START_TEST(test_match__legacy_idents_pair_a_renumbered_release)
{
	struct sd_benchmark *a = sd_test_load(EDGE13_V1R5);
	struct sd_benchmark *b = sd_test_load(EDGE13_V1R6);
	struct sd_match *m = run(a, b, 0);
	size_t counts[8];
	const struct sd_match_pair *p = find_pair(m, "V-69933", "V-234761");

	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_LEGACY_ID], 63);
	ck_assert_int_eq(counts[SD_MATCH_NONE], 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(sd_match_kind_name(p->kind), "legacy-id");
	ck_assert(strstr(p->evidence, "SV-84555") != NULL);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* With the legacy idents gone, the renumbered Edge rules still pair by
 * their STIG ids (the Rule version), which DISA kept. */
START_TEST(test_match__stig_ids_pair_a_renumbering_without_legacy_idents)
{
	struct sd_benchmark *a = sd_test_load(EDGE13_V1R5);
	struct sd_benchmark *b = sd_test_load(EDGE13_V1R6);
	struct sd_match *m;
	size_t counts[8];
	const struct sd_match_pair *p;

	for (size_t i = 0; i < b->nrules; i++)
		sd_strv_release(&b->rules[i].legacy);
	m = run(a, b, 0);
	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_SAME_STIG_ID], 63);
	ck_assert_int_eq(counts[SD_MATCH_LEGACY_ID], 0);
	p = find_pair(m, "V-69933", "V-234761");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(sd_match_kind_name(p->kind), "same-stig-id");
	ck_assert(strstr(p->evidence, "EX13-EG-000345") != NULL);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__same_product_release_pairs_by_rule_id)
{
	struct sd_benchmark *a = sd_test_load(EDGE16_V2R5);
	struct sd_benchmark *b = sd_test_load(EDGE16_V2R6);
	struct sd_match *m = run(a, b, 0);
	const struct sd_match_pair *p = find_pair(m, "V-221262", "V-221262");
	size_t counts[8];

	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_SAME_ID], 68);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->kind, SD_MATCH_SAME_ID);
	ck_assert(strstr(p->evidence, "rule base SV-221262") != NULL);
	ck_assert(strstr(p->evidence, "r879810 -> r961632") != NULL);
	sd_match_free(m);
	/* The same two releases by content alone agree. */
	m = run(a, b, 1);
	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_CONTENT], 68);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- Across products ---- */

START_TEST(test_match__send_connector_encryption_chain_by_content)
{
	struct sd_benchmark *e13 = sd_test_load(EDGE13_V1R6);
	struct sd_benchmark *e16 = sd_test_load(EDGE16_V2R6);
	struct sd_benchmark *e19 = sd_test_load(EDGE19_V2R2);
	struct sd_match *m1 = run(e13, e16, 1), *m2 = run(e16, e19, 1);
	const struct sd_match_pair *p1 = find_pair(m1, "V-234761", "V-221262");
	const struct sd_match_pair *p2 = find_pair(m2, "V-221262", "V-259642");

	ck_assert_ptr_nonnull(p1);
	ck_assert_ptr_nonnull(p2);
	ck_assert_int_eq(p1->kind, SD_MATCH_CONTENT);
	ck_assert_int_eq(p2->kind, SD_MATCH_CONTENT);
	ck_assert_str_eq(p2->new_rule->title,
			 "Exchange internal Send connectors must require encryption.");
	ck_assert(p1->score >= SD_MATCH_THRESHOLD && p2->score >= SD_MATCH_THRESHOLD);
	ck_assert(strstr(p2->evidence, "title 1.00") != NULL);
	ck_assert(strstr(p2->evidence, "same SRG SRG-APP-000439") != NULL);
	sd_match_free(m1);
	sd_match_free(m2);
	sd_benchmark_free(e13);
	sd_benchmark_free(e16);
	sd_benchmark_free(e19);
}
END_TEST

/*
 * Twenty cross-product pairs, each checked by reading both rules' title,
 * check and fix text (2026-11-24). NULL on one side: the rule has no
 * counterpart in the other product (checked the same way); "split": the
 * old rule has two new counterparts (Exchange 2019 Edge carries the
 * signed-scripts rule twice, under two SRGs).
 */
static const struct hand_pair {
	int from_2016; /* 0: 2013 Edge V1R6 -> 2016 Edge V2R6;
			  1: 2016 Edge V2R6 -> 2019 Edge V2R2 */
	const char *old_id, *new_id;
	enum sd_match_kind kind;
} hand[] = {
	/* Receive connector timeout: same text. */
	{ 0, "EX13-EG-000005", "EX16-ED-000010", SD_MATCH_CONTENT },
	/* Internet-facing Receive connectors offer TLS before basic auth. */
	{ 0, "EX13-EG-000090", "EX16-ED-000180", SD_MATCH_CONTENT },
	/* Malformed From address: title reworded ("a malformed"). */
	{ 0, "EX13-EG-000215", "EX16-ED-000430", SD_MATCH_CONTENT },
	/* Antispam filtering configured: same title, check rewritten. */
	{ 0, "EX13-EG-000275", "EX16-ED-000550", SD_MATCH_CONTENT },
	/* Internal Send connectors require encryption. */
	{ 0, "EX13-EG-000345", "EX16-ED-000690", SD_MATCH_CONTENT },
	/* Built-in Malware Agent disabled. */
	{ 0, "EX13-EG-003010", "EX16-ED-003010", SD_MATCH_CONTENT },
	/* Send connectors and Receive connectors clearly named: not crossed. */
	{ 0, "EX13-EG-000130", "EX16-ED-000260", SD_MATCH_CONTENT },
	{ 0, "EX13-EG-000140", "EX16-ED-000280", SD_MATCH_CONTENT },
	/* Global outbound message size: 2016 Edge has no such rule. */
	{ 0, "EX13-EG-000105", NULL, SD_MATCH_NONE },
	/* Software monitored for unauthorized changes: none in 2016 Edge. */
	{ 0, "EX13-EG-000300", NULL, SD_MATCH_NONE },
	/* Receive connector timeout again; the SRG changed, the text did not. */
	{ 1, "EX16-ED-000010", "EX19-ED-000159", SD_MATCH_CONTENT },
	/* Signed scripts: 2019 has it twice. */
	{ 1, "EX16-ED-000150", "EX19-ED-000053", SD_MATCH_SPLIT },
	{ 1, "EX16-ED-000150", "EX19-ED-000198", SD_MATCH_SPLIT },
	/* Internal Send connectors use domain security: check rewritten. */
	{ 1, "EX16-ED-000170", "EX19-ED-000098", SD_MATCH_CONTENT },
	/* "antispam" became "anti-spam". */
	{ 1, "EX16-ED-000530", "EX19-ED-000140", SD_MATCH_CONTENT },
	/* Service pack became Cumulative Update. */
	{ 1, "EX16-ED-000700", "EX19-ED-000244", SD_MATCH_CONTENT },
	/* Hyperlinks from non-.mil domains unclickable: same title. */
	{ 1, "EX16-ED-000570", "EX19-ED-000238", SD_MATCH_CONTENT },
	/* Send connectors clearly named: dropped in 2019. */
	{ 1, "EX16-ED-000260", NULL, SD_MATCH_NONE },
	/* Third-party scanner periodic scans: dropped in 2019. */
	{ 1, "EX16-ED-000720", NULL, SD_MATCH_NONE },
	/* SchUseStrongCrypto: new in 2019. */
	{ 1, NULL, "EX19-ED-000006", SD_MATCH_NONE },
};

START_TEST(test_match__hand_checked_cross_product_pairs_hold)
{
	struct sd_benchmark *e13 = sd_test_load(EDGE13_V1R6);
	struct sd_benchmark *e16 = sd_test_load(EDGE16_V2R6);
	struct sd_benchmark *e19 = sd_test_load(EDGE19_V2R2);
	struct sd_match *m[2] = { run(e13, e16, 1), run(e16, e19, 1) };

	ck_assert_int_eq(SD_ARRAY_SIZE(hand), 20);
	for (size_t i = 0; i < SD_ARRAY_SIZE(hand); i++) {
		const struct hand_pair *h = &hand[i];
		const struct sd_match_pair *p =
			find_pair(m[h->from_2016], h->old_id, h->new_id);

		ck_assert_msg(p != NULL, "no pair %s -> %s",
			      h->old_id ? h->old_id : "-",
			      h->new_id ? h->new_id : "-");
		ck_assert_msg(p->kind == h->kind, "%s -> %s: %s",
			      h->old_id ? h->old_id : "-",
			      h->new_id ? h->new_id : "-",
			      sd_match_kind_name(p->kind));
	}
	sd_match_free(m[0]);
	sd_match_free(m[1]);
	sd_benchmark_free(e13);
	sd_benchmark_free(e16);
	sd_benchmark_free(e19);
}
END_TEST

/* ---- Synthetic benchmarks ---- */

static struct sd_benchmark *bench(const char *id, const char *title)
{
	struct sd_benchmark *b = sd_xcalloc(1, sizeof(*b));

	b->id = sd_xstrdup(id);
	b->title = sd_xstrdup(title);
	return b;
}

static struct sd_rule *add(struct sd_benchmark *b, const char *vuln,
			   const char *rule_title, const char *check,
			   const char *fix)
{
	struct sd_rule *r = sd_benchmark_add_rule(b);
	char rid[64];

	snprintf(rid, sizeof(rid), "S%sr1_rule", vuln);
	r->vuln_id = sd_xstrdup(vuln);
	r->rule_id = sd_xstrdup(rid);
	r->title = rule_title ? sd_xstrdup(rule_title) : NULL;
	r->check_content = check ? sd_xstrdup(check) : NULL;
	r->fix_text = fix ? sd_xstrdup(fix) : NULL;
	sd_rule_derive_ids(r);
	return r;
}

START_TEST(test_match__product_version_numbers_are_folded)
{
	struct sd_benchmark *a = bench("A_STIG", "Widget Server 2016 STIG");
	struct sd_benchmark *b = bench("B_STIG", "Widget Server 2019 STIG");
	struct sd_match *m;
	const struct sd_match_pair *p;

	add(a, "V-1", "Widget Server 2016 must log every administrative login.",
	    "Open the Widget 2016 console; if login logging is off, this is a finding.",
	    "Turn on login logging in the Widget 2016 console.");
	add(a, "V-2", "Widget Server 2016 must cap sessions at 15 minutes.",
	    "Open the Widget 2016 console; if the idle limit exceeds 15 minutes, this is a finding.",
	    "Set the idle limit to 15 minutes in the Widget 2016 console.");
	add(b, "V-9", "Widget Server 2019 must log every administrative login.",
	    "Open the Widget 2019 console; if login logging is off, this is a finding.",
	    "Turn on login logging in the Widget 2019 console.");
	m = run(a, b, 0);
	p = find_pair(m, "V-1", "V-9");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->kind, SD_MATCH_CONTENT);
	ck_assert(p->score > 0.999);
	ck_assert_ptr_nonnull(find_pair(m, "V-2", NULL));
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__near_tie_is_reported_as_split_not_silent_pick)
{
	struct sd_benchmark *a = bench("A_STIG", "Widget 1 STIG");
	struct sd_benchmark *b = bench("B_STIG", "Widget 2 STIG");
	struct sd_match *m;
	const struct sd_match_pair *p1, *p2;

	add(a, "V-1", "The widget must encrypt replication and backup traffic.",
	    "Run Get-Repl and Get-Backup; if Encryption is not Required, this is a finding.",
	    "Run Set-Repl -Encryption Required and Set-Backup -Encryption Required.");
	add(b, "V-11", "The widget must encrypt replication traffic.",
	    "Run Get-Repl; if Encryption is not Required, this is a finding.",
	    "Run Set-Repl -Encryption Required.");
	add(b, "V-12", "The widget must encrypt backup traffic.",
	    "Run Get-Backup; if Encryption is not Required, this is a finding.",
	    "Run Set-Backup -Encryption Required.");
	m = run(a, b, 0);
	p1 = find_pair(m, "V-1", "V-11");
	p2 = find_pair(m, "V-1", "V-12");
	ck_assert_ptr_nonnull(p1);
	ck_assert_ptr_nonnull(p2);
	ck_assert_str_eq(sd_match_kind_name(p1->kind), "split");
	ck_assert_str_eq(sd_match_kind_name(p2->kind), "split");
	sd_match_free(m);
	/* The reverse direction is a merge. */
	m = run(b, a, 0);
	ck_assert_int_eq(find_pair(m, "V-11", "V-1")->kind, SD_MATCH_MERGE);
	ck_assert_int_eq(find_pair(m, "V-12", "V-1")->kind, SD_MATCH_MERGE);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__two_new_rules_declaring_one_legacy_id_are_a_split)
{
	struct sd_benchmark *a = bench("W_STIG", "Widget 1 STIG");
	struct sd_benchmark *b = bench("W_STIG", "Widget 1 STIG");
	struct sd_match *m;
	struct sd_rule *r;

	add(a, "V-5", "One.", "Check one.", "Fix one.");
	r = add(b, "V-105", "Alpha.", "Check alpha.", "Fix alpha.");
	sd_strv_push(&r->legacy, "V-5");
	r = add(b, "V-106", "Beta.", "Check beta.", "Fix beta.");
	sd_strv_push(&r->legacy, "V-5");
	m = run(a, b, 0);
	ck_assert_int_eq(find_pair(m, "V-5", "V-105")->kind, SD_MATCH_SPLIT);
	ck_assert_int_eq(find_pair(m, "V-5", "V-106")->kind, SD_MATCH_SPLIT);
	ck_assert(strstr(find_pair(m, "V-5", "V-106")->evidence,
			 "new rule declares legacy id V-5") != NULL);
	sd_match_free(m);
	/* --ignore-legacy: nothing declared, and the text differs. */
	m = run(a, b, 1);
	ck_assert_ptr_nonnull(find_pair(m, "V-5", NULL));
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__curated_link_pairs_rules_content_cannot)
{
	struct sd_benchmark *a = bench("OLD_STIG", "Mailer 2003 STIG");
	struct sd_benchmark *b = bench("NEW_STIG", "Mailer 2010 STIG");
	struct sd_match_link link = { "OLD-803", "V-77", "a person read both",
				      "test" };
	struct sd_match_opts o = { 0 };
	struct sd_match *m = NULL;
	const struct sd_match_pair *p;
	struct sd_rule *r;

	r = add(a, "V-3", "Virtual server outbound security is TLS.",
		"Open the virtual server dialog.", "Select TLS.");
	r->stig_id = sd_xstrdup("OLD-803");
	add(b, "V-77", "Send connectors must require encryption.",
	    "Run Get-SendConnector.", "Run Set-SendConnector -RequireTLS.");
	m = run(a, b, 0);
	ck_assert_ptr_nonnull(find_pair(m, "V-3", NULL));
	sd_match_free(m);
	o.links = &link;
	o.nlinks = 1;
	ck_assert_int_eq(sd_match_run(a, b, &o, &m), 0);
	p = find_pair(m, "OLD-803", "V-77");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(sd_match_kind_name(p->kind), "curated");
	ck_assert_ptr_eq(p->link, &link);
	ck_assert(strstr(p->evidence, "a person read both") != NULL);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- Bad input ---- */

START_TEST(test_match__zero_rules_on_either_side_match_nothing)
{
	struct sd_benchmark *z = sd_test_load(FIX "zero-rules.xml");
	struct sd_benchmark *b = sd_test_load(EDGE19_V2R2);
	struct sd_match *m = run(z, b, 0);
	size_t uo, un;

	sd_match_unmatched(m, &uo, &un);
	ck_assert_int_eq(uo, 0);
	ck_assert_int_eq(un, 68);
	ck_assert_int_eq(sd_match_count(m), 68);
	sd_match_free(m);
	m = run(b, z, 0);
	sd_match_unmatched(m, &uo, &un);
	ck_assert_int_eq(uo, 68);
	sd_match_free(m);
	m = run(z, z, 0);
	ck_assert_int_eq(sd_match_count(m), 0);
	sd_match_free(m);
	sd_benchmark_free(z);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__empty_text_never_matches)
{
	struct sd_benchmark *a = sd_test_load(FIX "empty-text-old.xml");
	struct sd_benchmark *b = sd_test_load(FIX "empty-text-new.xml");
	struct sd_match *m = run(a, b, 0);
	size_t counts[8];

	sd_match_counts(m, counts);
	ck_assert_int_eq(counts[SD_MATCH_NONE], 6);
	ck_assert_int_eq(sd_match_count(m), 6);
	ck_assert_ptr_null(find_pair(m, "V-1", NULL)->candidate);
	ck_assert_double_eq(find_pair(m, "V-1", NULL)->score, 0);
	sd_match_free(m);
	/* Empty text against itself: still nothing from text. */
	m = run(a, a, 1);
	ck_assert_ptr_nonnull(find_pair(m, "V-1", NULL));
	ck_assert_ptr_nonnull(find_pair(m, "V-2", NULL));
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

START_TEST(test_match__duplicate_ids_are_not_trusted_content_decides)
{
	struct sd_benchmark *a = sd_test_load(FIX "dup-ids-old.xml");
	struct sd_benchmark *b = sd_test_load(FIX "dup-ids-new.xml");
	struct sd_match *m = run(a, b, 0);

	ck_assert_int_eq(sd_match_count(m), 3);
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *p = sd_match_at(m, i);

		ck_assert_int_eq(p->kind, SD_MATCH_CONTENT);
		ck_assert_str_eq(p->old_rule->title, p->new_rule->title);
	}
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* ---- Signatures, compact mappings, product names, splits ---- */

START_TEST(test_match__one_requirement_in_three_products_shares_a_folded_title)
{
	struct sd_benchmark *e13 = sd_test_load(EDGE13_V1R6);
	struct sd_benchmark *e16 = sd_test_load(EDGE16_V2R6);
	struct sd_benchmark *e19 = sd_test_load(EDGE19_V2R2);
	struct sd_match_set *s13 = sd_match_set_new(e13);
	struct sd_match_set *s16 = sd_match_set_new(e16);
	struct sd_match_set *s19 = sd_match_set_new(e19);
	const struct sd_match_sig *a, *b, *c, *other;

	/* "Exchange internal Send connectors must require encryption." */
	a = sd_match_set_sig(s13, (size_t)(sd_test_rule(e13, "EX13-EG-000345") - e13->rules));
	b = sd_match_set_sig(s16, (size_t)(sd_test_rule(e16, "EX16-ED-000690") - e16->rules));
	c = sd_match_set_sig(s19, (size_t)(sd_test_rule(e19, "EX19-ED-000236") - e19->rules));
	/* "Exchange Send connectors must be clearly named." */
	other = sd_match_set_sig(s16, (size_t)(sd_test_rule(e16, "EX16-ED-000260") - e16->rules));
	ck_assert(a->title != 0);
	ck_assert(a->title == b->title && b->title == c->title);
	ck_assert(other->title != b->title);
	/* 2013 and 2016 check the same way; 2019 rewrote the check. */
	ck_assert(sd_match_sig_similarity(a, b) > sd_match_sig_similarity(b, other));
	ck_assert(sd_match_sig_similarity(b, b) == 1.0);
	sd_match_set_free(s13);
	sd_match_set_free(s16);
	sd_match_set_free(s19);
	sd_benchmark_free(e13);
	sd_benchmark_free(e16);
	sd_benchmark_free(e19);
}
END_TEST

/* A mapping written compactly reads back pair for pair, word for word,
 * onto other copies of the same releases. */
START_TEST(test_match__a_mapping_reads_back_word_for_word)
{
	struct sd_benchmark *a = sd_test_load(EDGE16_V2R6);
	struct sd_benchmark *b = sd_test_load(EDGE19_V2R2);
	struct sd_benchmark *a2 = sd_test_load(EDGE16_V2R6);
	struct sd_benchmark *b2 = sd_test_load(EDGE19_V2R2);
	struct sd_match *m = run(a, b, 0), *r = NULL;
	struct sd_buf text = SD_BUF_INIT;
	size_t kinds = 0, counts[8];

	sd_match_write(m, &text);
	ck_assert(text.len < 100 * (a->nrules + b->nrules));
	ck_assert_int_eq(sd_match_read(a2, b2, text.ptr, text.len, &r), 0);
	ck_assert_int_eq(sd_match_count(r), sd_match_count(m));
	for (size_t i = 0; i < sd_match_count(m); i++) {
		const struct sd_match_pair *x = sd_match_at(m, i);
		const struct sd_match_pair *y = sd_match_at(r, i);

		ck_assert_int_eq(x->kind, y->kind);
		ck_assert(x->score == y->score);
		ck_assert_int_eq(x->below_threshold, y->below_threshold);
		ck_assert_str_eq(x->evidence, y->evidence);
		ck_assert_str_eq(x->candidate_evidence ? x->candidate_evidence : "",
				 y->candidate_evidence ? y->candidate_evidence : "");
		ck_assert_int_eq(x->old_rule ? (long)(x->old_rule - a->rules) : -1,
				 y->old_rule ? (long)(y->old_rule - a2->rules) : -1);
		ck_assert_int_eq(x->candidate != NULL, y->candidate != NULL);
	}
	sd_match_counts(m, counts);
	for (int k = 0; k < 8; k++)
		kinds += counts[k] > 0;
	ck_assert(kinds >= 3); /* content, split and none at least */
	sd_match_free(r);
	/* Damage is refused, not half read. */
	text.ptr[text.len / 2] = 'x';
	ck_assert_int_eq(sd_match_read(a2, b2, text.ptr, text.len, &r), SD_EPARSE);
	ck_assert_int_eq(sd_match_read(b2, a2, text.ptr, text.len, &r), SD_EPARSE);
	ck_assert_ptr_null(r);
	sd_buf_release(&text);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
	sd_benchmark_free(a2);
	sd_benchmark_free(b2);
}
END_TEST

/* The mappings of prepared sets, each used in several runs (as `corpus
 * link` uses a release: new in one mapping, old in the next, and against
 * other lines), are those of sets made for one run: pair for pair,
 * score for score. A run reads a set and changes nothing in it. */
static void same_mapping(const struct sd_match *x, const struct sd_match *y)
{
	struct sd_buf tx = SD_BUF_INIT, ty = SD_BUF_INIT;

	ck_assert_int_eq(sd_match_count(x), sd_match_count(y));
	for (size_t i = 0; i < sd_match_count(x); i++) {
		const struct sd_match_pair *p = sd_match_at(x, i);
		const struct sd_match_pair *q = sd_match_at(y, i);

		ck_assert_int_eq(p->kind, q->kind);
		ck_assert(p->score == q->score);
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			ck_assert(p->field[f] == q->field[f]);
		ck_assert_str_eq(p->evidence, q->evidence);
	}
	sd_match_write(x, &tx);
	sd_match_write(y, &ty);
	ck_assert_str_eq(tx.ptr, ty.ptr);
	sd_buf_release(&tx);
	sd_buf_release(&ty);
}

START_TEST(test_match__prepared_sets_reused_across_runs_map_as_fresh_ones)
{
	const char *paths[] = { EDGE13_V1R5, EDGE13_V1R6, EDGE16_V2R6,
				EDGE19_V2R2 };
	struct sd_benchmark *b[4];
	struct sd_match_set *s[4];
	/* Old, new: along a line, across lines, back again. */
	static const int runs[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 2 },
				       { 2, 1 }, { 1, 0 }, { 0, 1 }, { 0, 3 } };

	for (int k = 0; k < 4; k++) {
		b[k] = sd_test_load(paths[k]);
		s[k] = sd_match_set_new(b[k]);
	}
	for (size_t t = 0; t < SD_ARRAY_SIZE(runs); t++) {
		struct sd_match *m = NULL, *fresh = run(b[runs[t][0]],
							b[runs[t][1]], 0);

		ck_assert_int_eq(sd_match_run_sets(s[runs[t][0]], s[runs[t][1]],
						   NULL, &m), 0);
		same_mapping(m, fresh);
		sd_match_free(m);
		sd_match_free(fresh);
	}
	for (int k = 0; k < 4; k++) {
		sd_match_set_free(s[k]);
		sd_benchmark_free(b[k]);
	}
}
END_TEST

/* A vendor rewording the product's name across generations ("The Red
 * Hat Enterprise Linux operating system must" -> "RHEL 8 must") reads
 * the same once both names are folded. */
START_TEST(test_match__product_names_of_two_generations_are_folded)
{
	struct sd_benchmark *a = bench("RHEL_7_STIG",
				       "Red Hat Enterprise Linux 7 Security Technical Implementation Guide");
	struct sd_benchmark *b = bench("RHEL_8_STIG",
				       "Red Hat Enterprise Linux 8 Security Technical Implementation Guide");
	struct sd_match *m;
	const struct sd_match_pair *p;

	add(a, "V-71", "The Red Hat Enterprise Linux operating system must disable the graphical user interface automounter unless required.",
	    "Verify the operating system disables the ability to automount devices in a graphical user interface.",
	    "Configure the graphical user interface automounter to be disabled.");
	add(a, "V-72", "The Red Hat Enterprise Linux operating system must be configured so that the x86 Ctrl-Alt-Delete key sequence is disabled.",
	    "Verify the operating system is not configured to reboot the system when Ctrl-Alt-Delete is pressed.",
	    "Configure the system to disable the Ctrl-Alt-Delete sequence.");
	add(b, "V-81", "RHEL 8 must disable the graphical user interface automounter unless required.",
	    "Verify RHEL 8 disables the ability to automount devices in a graphical user interface.",
	    "Configure the graphical user interface automounter to be disabled.");
	add(b, "V-82", "The x86 Ctrl-Alt-Delete key sequence must be disabled on RHEL 8.",
	    "Verify RHEL 8 is not configured to reboot the system when Ctrl-Alt-Delete is pressed.",
	    "Configure RHEL 8 to disable the Ctrl-Alt-Delete sequence.");
	m = run(a, b, 1);
	p = find_pair(m, "V-71", "V-81");
	ck_assert_ptr_nonnull(p);
	ck_assert(p->score > 0.95);
	p = find_pair(m, "V-72", "V-82");
	ck_assert_ptr_nonnull(p);
	ck_assert(p->score > 0.8);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

/* A second partner that only resembles the first ("/var/log" beside
 * "/var") is no split: it covers nothing the first leaves out. */
START_TEST(test_match__a_neighbouring_rule_is_not_a_split_partner)
{
	struct sd_benchmark *a = bench("A_STIG", "Widget 1 STIG");
	struct sd_benchmark *b = bench("B_STIG", "Widget 2 STIG");
	struct sd_match *m;

	add(a, "V-1", "The widget must use a separate file system for /var.",
	    "Run mount | grep /var; if /var is not a separate file system, this is a finding.",
	    "Migrate /var onto a separate file system.");
	add(b, "V-11", "The widget must use a separate file system for /var.",
	    "Run mount | grep /var; if /var is not a separate file system, this is a finding.",
	    "Migrate /var onto a separate file system.");
	add(b, "V-12", "The widget must use a separate file system for /var/log.",
	    "Run mount | grep /var/log; if /var/log is not a separate file system, this is a finding.",
	    "Migrate /var/log onto a separate file system.");
	m = run(a, b, 1);
	ck_assert_int_eq(find_pair(m, "V-1", "V-11")->kind, SD_MATCH_CONTENT);
	ck_assert_ptr_null(find_pair(m, "V-1", "V-12"));
	ck_assert_int_eq(find_pair(m, NULL, "V-12")->kind, SD_MATCH_NONE);
	sd_match_free(m);
	sd_benchmark_free(a);
	sd_benchmark_free(b);
}
END_TEST

Suite *suite_match(void)
{
	Suite *s = suite_create("match");
	TCase *tc = tcase_create("match");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_match__content_alone_recovers_disa_renumbering);
	tcase_add_test(tc, test_match__stig_ids_pair_a_renumbering_without_legacy_idents);
	tcase_add_test(tc, test_match__legacy_idents_pair_a_renumbered_release);
	tcase_add_test(tc, test_match__same_product_release_pairs_by_rule_id);
	tcase_add_test(tc, test_match__send_connector_encryption_chain_by_content);
	tcase_add_test(tc, test_match__hand_checked_cross_product_pairs_hold);
	tcase_add_test(tc, test_match__product_version_numbers_are_folded);
	tcase_add_test(tc, test_match__near_tie_is_reported_as_split_not_silent_pick);
	tcase_add_test(tc, test_match__two_new_rules_declaring_one_legacy_id_are_a_split);
	tcase_add_test(tc, test_match__curated_link_pairs_rules_content_cannot);
	tcase_add_test(tc, test_match__zero_rules_on_either_side_match_nothing);
	tcase_add_test(tc, test_match__empty_text_never_matches);
	tcase_add_test(tc, test_match__duplicate_ids_are_not_trusted_content_decides);
	tcase_add_test(tc, test_match__one_requirement_in_three_products_shares_a_folded_title);
	tcase_add_test(tc, test_match__a_mapping_reads_back_word_for_word);
	tcase_add_test(tc, test_match__prepared_sets_reused_across_runs_map_as_fresh_ones);
	tcase_add_test(tc, test_match__product_names_of_two_generations_are_folded);
	tcase_add_test(tc, test_match__a_neighbouring_rule_is_not_a_split_partner);
	suite_add_tcase(s, tc);
	return s;
}
