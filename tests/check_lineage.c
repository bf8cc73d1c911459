/* Rule lineage over the embedded corpus, curated links and their file. */
#include <check.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "lineage.h"
#include "source.h"
#include "testutil.h"

struct lib {
	struct sd_benchmark **v;
	size_t n;
};

static void lib_free(struct lib *l)
{
	sd_test_free_all(l->v, l->n);
}

static struct sd_lineage *corpus_lineage(struct lib *l,
					 struct sd_lineage_links *links)
{
	struct sd_lineage_opts o;
	struct sd_lineage *lin = NULL;

	memset(&o, 0, sizeof(o));
	l->v = sd_test_load_all("corpus", &l->n);
	ck_assert_int_eq(l->n, 31);
	if (links) {
		o.links = links->v;
		o.nlinks = links->n;
	}
	ck_assert_int_eq(sd_lineage_new(l->v, l->n, &o, &lin), 0);
	return lin;
}

/* Node holding `id` in the benchmark whose source contains `where`. */
static long node_of(const struct sd_lineage_trace *t, const char *where,
		    const char *id)
{
	for (size_t i = 0; i < t->nnodes; i++)
		if (strstr(t->nodes[i].bench->source, where) &&
		    sd_rule_has_id(t->nodes[i].rule, id))
			return (long)i;
	return -1;
}

static const struct sd_lineage_hop *hop_into(const struct sd_lineage_trace *t,
					     long to)
{
	for (size_t h = 0; h < t->nhops; h++)
		if ((long)t->hops[h].to == to)
			return &t->hops[h];
	return NULL;
}

START_TEST(test_lineage__emg2_803_reaches_exchange_2019_through_a_curated_hop)
{
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct lib l;
	struct sd_lineage *lin;
	struct sd_lineage_trace *t = NULL;
	const struct sd_lineage_hop *h;
	long start, edge10, edge13, edge16, edge19;
	size_t curated = 0;

	ck_assert_int_eq(sd_lineage_links_load(&links,
					       "corpus/lineage/curated.tsv"), 0);
	lin = corpus_lineage(&l, &links);
	ck_assert_int_eq(sd_lineage_trace(lin, "EMG2-803", &t), 0);
	start = node_of(t, "Exchange_2003", "V-18703");
	edge10 = node_of(t, "2010_Edge_V1R12", "Exch-2-766");
	edge13 = node_of(t, "2013_Edge_STIG_V1R2", "EX13-EG-000345");
	edge16 = node_of(t, "2016_Edge_Transport_Server_STIG_V2R2", "V-221262");
	edge19 = node_of(t, "2019_Edge_Server_STIG_V2R2", "V-259642");
	ck_assert(start == 0 && t->nodes[start].start);
	ck_assert(edge10 > 0 && edge13 > 0 && edge16 > 0 && edge19 > 0);
	/* The one hop a person decided: 2003 -> 2010. */
	h = hop_into(t, edge10);
	ck_assert_int_eq(h->kind, SD_MATCH_CURATED);
	ck_assert_int_eq((long)h->from, start);
	ck_assert_ptr_nonnull(h->link);
	ck_assert(strstr(h->evidence, "Send connectors") != NULL);
	/* The product changes after it are content. */
	ck_assert_int_eq(hop_into(t, edge13)->kind, SD_MATCH_CONTENT);
	ck_assert_int_eq(hop_into(t, edge16)->kind, SD_MATCH_CONTENT);
	ck_assert_int_eq(hop_into(t, node_of(t, "2019_Edge_Server_STIG_V1R1",
					       "V-259642"))->kind,
			 SD_MATCH_CONTENT);
	for (size_t i = 0; i < t->nhops; i++)
		if (t->hops[i].kind == SD_MATCH_CURATED)
			curated++;
	ck_assert_int_eq(curated, 2); /* Exch-2-766 is in Edge and Hub 2010 */
	/* Nodes come oldest generation first. */
	for (size_t i = 1; i < t->nnodes; i++)
		ck_assert(t->nodes[i - 1].generation <= t->nodes[i].generation);
	/* The weak content candidates stay visible for EMG2-803. */
	ck_assert(t->ncands > 0 && t->cands[0].node == 0 && t->cands[0].forward);
	ck_assert(t->cands[0].score < SD_MATCH_THRESHOLD);
	sd_lineage_trace_free(t);
	/* Backward from the newest id reaches the 2003 rule. */
	ck_assert_int_eq(sd_lineage_trace(lin, "EX19-ED-000236", &t), 0);
	ck_assert(node_of(t, "Exchange_2003", "EMG2-803") == 0);
	sd_lineage_trace_free(t);
	sd_lineage_free(lin);
	lib_free(&l);
	sd_lineage_links_release(&links);
}
END_TEST

/* Two traces are the same: nodes, hops and candidates, field by field. */
static void assert_same_trace(const struct sd_lineage_trace *a,
			      const struct sd_lineage_trace *b)
{
	ck_assert_int_eq(a->nnodes, b->nnodes);
	ck_assert_int_eq(a->nhops, b->nhops);
	ck_assert_int_eq(a->ncands, b->ncands);
	for (size_t i = 0; i < a->nnodes; i++) {
		ck_assert_ptr_eq(a->nodes[i].rule, b->nodes[i].rule);
		ck_assert_int_eq(a->nodes[i].start, b->nodes[i].start);
	}
	for (size_t i = 0; i < a->nhops; i++) {
		const struct sd_lineage_hop *x = &a->hops[i], *y = &b->hops[i];

		ck_assert(x->from == y->from && x->to == y->to);
		ck_assert(x->kind == y->kind && x->score == y->score);
		ck_assert(x->cross == y->cross && x->link == y->link);
		ck_assert_str_eq(x->evidence, y->evidence);
	}
	for (size_t i = 0; i < a->ncands; i++) {
		const struct sd_lineage_cand *x = &a->cands[i], *y = &b->cands[i];

		ck_assert(x->node == y->node && x->forward == y->forward);
		ck_assert(x->rule == y->rule && x->score == y->score);
		ck_assert_str_eq(x->evidence, y->evidence);
	}
}

/*
 * Stored steps (the corpus's lineage/links.tsv) give the traces computing
 * gives; a file for other releases is not taken; a damaged one is refused
 * with its line, and tracing then computes.
 */
START_TEST(test_lineage__stored_steps_trace_as_computed_ones)
{
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct sd_lineage_opts o;
	struct lib l;
	struct sd_lineage *lin, *stored = NULL;
	struct sd_buf text = SD_BUF_INIT, bad = SD_BUF_INIT;
	size_t traced = 0, nsteps;
	const char *p;

	ck_assert_int_eq(sd_lineage_links_load(&links,
					       "corpus/lineage/curated.tsv"), 0);
	lin = corpus_lineage(&l, &links);
	memset(&o, 0, sizeof(o));
	o.links = links.v;
	o.nlinks = links.n;
	ck_assert_int_eq(sd_lineage_new(l.v, l.n, &o, &stored), 0);
	nsteps = sd_lineage_store_write(lin, "k1", &text);
	ck_assert(nsteps > 1000);
	ck_assert_int_eq(sd_lineage_store_read(stored, text.ptr, text.len,
					       "links.tsv", "k2"), 1);
	ck_assert_int_eq(sd_lineage_store_read(stored, text.ptr, text.len,
					       "links.tsv", "k1"), 0);
	/* Every fifth rule of every release, and the curated chain. */
	for (size_t b = 0; b < l.n; b++)
		for (size_t i = 0; i < l.v[b]->nrules; i += 5) {
			const char *id = l.v[b]->rules[i].vuln_id;
			struct sd_lineage_trace *x = NULL, *y = NULL;

			if (!id)
				continue;
			ck_assert_int_eq(sd_lineage_trace(lin, id, &x), 0);
			ck_assert_int_eq(sd_lineage_trace(stored, id, &y), 0);
			assert_same_trace(x, y);
			sd_lineage_trace_free(x);
			sd_lineage_trace_free(y);
			traced++;
		}
	ck_assert(traced > 100);
	{
		struct sd_lineage_trace *x = NULL, *y = NULL;

		ck_assert_int_eq(sd_lineage_trace(lin, "EMG2-803", &x), 0);
		ck_assert_int_eq(sd_lineage_trace(stored, "EMG2-803", &y), 0);
		ck_assert(x->nhops > 3);
		assert_same_trace(x, y);
		sd_lineage_trace_free(x);
		sd_lineage_trace_free(y);
	}
	/* The steps are read, not computed: an edited evidence shows. */
	p = text.ptr;
	for (int n = 0; n < 9; n++)
		p = strchr(p, '\n') + 1;
	{
		const char *e = strchr(p, '\n'), *last = e;
		const char *f2 = strchr(strchr(p, '\t') + 1, '\t') + 1;
		char id[64] = "";
		struct sd_lineage_trace *y = NULL;
		int seen = 0;

		while (last[-1] != '\t')
			last--;
		memcpy(id, f2, (size_t)(strchr(f2, '\t') - f2));
		sd_buf_add(&bad, text.ptr, (size_t)(last - text.ptr));
		sd_buf_addstr(&bad, "evidence as stored");
		sd_buf_add(&bad, e, (size_t)(text.ptr + text.len - e));
		ck_assert_int_eq(sd_lineage_store_read(stored, bad.ptr, bad.len,
						       "links.tsv", "k1"), 0);
		ck_assert_int_eq(sd_lineage_trace(stored, id, &y), 0);
		for (size_t h = 0; h < y->nhops; h++)
			seen |= !strcmp(y->hops[h].evidence, "evidence as stored");
		for (size_t c = 0; c < y->ncands; c++)
			seen |= !strcmp(y->cands[c].evidence, "evidence as stored");
		ck_assert_msg(seen, "%s: the stored evidence is not used", id);
		sd_lineage_trace_free(y);
		sd_buf_reset(&bad);
	}
	/* A step cut short on its tenth line (header, comments, key first). */
	sd_buf_add(&bad, text.ptr, (size_t)(p - text.ptr));
	sd_buf_addstr(&bad, "Exchange_2010_Client_Access_STIG\tV1R9\n");
	ck_assert_int_eq(sd_lineage_store_read(stored, bad.ptr, bad.len,
					       "links.tsv", "k1"), SD_EPARSE);
	ck_assert(strstr(sd_error_last(), "links.tsv:10:") != NULL);
	/* A rule no release holds. */
	sd_buf_reset(&bad);
	sd_buf_add(&bad, text.ptr, (size_t)(p - text.ptr));
	sd_buf_addstr(&bad, "Exchange_2010_Client_Access_STIG\tV1R9\tV-1\tsuccessor\thop\t"
			    "Exchange_2010_Client_Access_STIG\tV1R9\tV-2\tsame-id\t1\tx\n");
	ck_assert_int_eq(sd_lineage_store_read(stored, bad.ptr, bad.len,
					       "links.tsv", "k1"), SD_EPARSE);
	ck_assert(strstr(sd_error_last(), "does not hold") != NULL);
	/* Not a links file at all. */
	ck_assert_int_eq(sd_lineage_store_read(stored, "key\tk1\n", 7,
					       "links.tsv", "k1"), SD_EPARSE);
	/* Refused files leave nothing behind: traces compute again. */
	{
		struct sd_lineage_trace *x = NULL, *y = NULL;

		ck_assert_int_eq(sd_lineage_trace(lin, "V-259642", &x), 0);
		ck_assert_int_eq(sd_lineage_trace(stored, "V-259642", &y), 0);
		assert_same_trace(x, y);
		sd_lineage_trace_free(x);
		sd_lineage_trace_free(y);
	}
	sd_buf_release(&text);
	sd_buf_release(&bad);
	sd_lineage_free(stored);
	sd_lineage_free(lin);
	lib_free(&l);
	sd_lineage_links_release(&links);
}
END_TEST

START_TEST(test_lineage__without_the_curated_link_emg2_803_stands_alone)
{
	struct lib l;
	struct sd_lineage *lin = corpus_lineage(&l, NULL);
	struct sd_lineage_trace *t = NULL;

	ck_assert_int_eq(sd_lineage_trace(lin, "EMG2-803", &t), 0);
	ck_assert_int_eq(t->nnodes, 1);
	ck_assert_int_eq(t->nhops, 0);
	ck_assert_int_eq(t->ncands, 3);
	for (size_t c = 0; c < t->ncands; c++)
		ck_assert(t->cands[c].score < 0.2);
	sd_lineage_trace_free(t);
	sd_lineage_free(lin);
	lib_free(&l);
}
END_TEST

START_TEST(test_lineage__renumbered_rule_keeps_its_chain_within_a_product)
{
	struct lib l;
	struct sd_lineage *lin = corpus_lineage(&l, NULL);
	struct sd_lineage_trace *t = NULL;
	long v1r5, v1r6;

	/* The pre-2021 id, carried as a legacy ident afterwards. */
	ck_assert_int_eq(sd_lineage_trace(lin, "SV-84555", &t), 0);
	v1r5 = node_of(t, "2013_Edge_Transport_Server_STIG_V1R5", "V-69933");
	v1r6 = node_of(t, "2013_Edge_Transport_Server_STIG_V1R6", "V-234761");
	ck_assert(v1r5 >= 0 && v1r6 >= 0);
	ck_assert_int_eq(hop_into(t, v1r6)->kind, SD_MATCH_LEGACY_ID);
	ck_assert_int_eq((long)hop_into(t, v1r6)->from, v1r5);
	ck_assert(!hop_into(t, v1r6)->cross);
	sd_lineage_trace_free(t);
	sd_lineage_free(lin);
	lib_free(&l);
}
END_TEST

START_TEST(test_lineage__unknown_id_is_not_found)
{
	struct lib l;
	struct sd_lineage *lin = corpus_lineage(&l, NULL);
	struct sd_lineage_trace *t = NULL;

	ck_assert_int_eq(sd_lineage_trace(lin, "V-999999", &t), SD_ENOTFOUND);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(sd_error_last(), "no rule 'V-999999' in 31 benchmarks");
	ck_assert_int_eq(sd_lineage_trace(lin, "", &t), SD_ENOTFOUND);
	sd_lineage_free(lin);
	lib_free(&l);
}
END_TEST

START_TEST(test_lineage__zero_rules_and_repeated_releases_do_not_break_it)
{
	struct lib l;
	struct sd_lineage *lin = NULL;
	struct sd_lineage_trace *t = NULL;

	struct sd_benchmark **twice;
	size_t n2;

	l.v = sd_test_load_all("tests/fixtures/match", &l.n);
	twice = sd_test_load_all("tests/fixtures/match", &n2);
	l.v = sd_xrealloc(l.v, (l.n + n2) * sizeof(*l.v));
	memcpy(l.v + l.n, twice, n2 * sizeof(*twice));
	l.n += n2;
	free(twice);
	ck_assert_int_eq(l.n, 10);
	ck_assert_int_eq(sd_lineage_new(l.v, l.n, NULL, &lin), 0);
	ck_assert_int_eq(sd_lineage_benchmarks(lin), 5);
	ck_assert_int_eq(sd_lineage_trace(lin, "V-101", &t), 0);
	ck_assert_int_ge(t->nnodes, 2);
	sd_lineage_trace_free(t);
	ck_assert_int_eq(sd_lineage_trace(lin, "ET-001", &t), 0);
	ck_assert_int_eq(t->nnodes, 1);
	ck_assert_int_eq(t->nhops, 0);
	sd_lineage_trace_free(t);
	sd_lineage_free(lin);
	lib_free(&l);
}
END_TEST

START_TEST(test_lineage__generation_comes_from_the_title)
{
	struct sd_benchmark b;

	memset(&b, 0, sizeof(b));
	b.title = "Microsoft Exchange 2019 Edge Server STIG";
	ck_assert_int_eq(sd_lineage_generation(&b), 2019);
	b.title = "Red Hat Enterprise Linux 9 STIG V1R2";
	ck_assert_int_eq(sd_lineage_generation(&b), 9);
	b.title = "Cisco IOS XE Router NDM";
	b.id = "Cisco_IOS-XE_Router_NDM_STIG";
	ck_assert_int_eq(sd_lineage_generation(&b), 0);
	b.title = "Application Server SRG";
	b.id = "x86_App_2";
	ck_assert_int_eq(sd_lineage_generation(&b), 2);
}
END_TEST

static int parse(struct sd_lineage_links *l, const char *text,
		 const char *name)
{
	return sd_lineage_links_parse(l, text, strlen(text), name);
}

START_TEST(test_lineage__link_file_errors_name_the_line)
{
	struct sd_lineage_links l = SD_LINEAGE_LINKS_INIT;
	static const char good[] =
		"# comment\n\nA-1\tB-2\tcurated\twhy\twhere\r\n";

	ck_assert_int_eq(sd_lineage_links_parse(&l, good, strlen(good), "x.tsv"), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].source, "where");
	ck_assert_int_eq(parse(&l, "A\tB\tcurated\twhy\n", "y.tsv"),
			 SD_EPARSE);
	ck_assert_str_eq(sd_error_last(),
			 "y.tsv:1: no source (5 tab-separated fields: old id, new id, kind, reason, source)");
	ck_assert_int_eq(parse(&l, "#\nA\tB\tguess\tw\ts\n", "z.tsv"),
			 SD_EPARSE);
	ck_assert_str_eq(sd_error_last(),
			 "z.tsv:2: unknown kind 'guess' (expected 'curated')");
	ck_assert_int_eq(parse(&l, "A\t\tcurated\tw\ts\n", "e.tsv"),
			 SD_EPARSE);
	ck_assert_str_eq(sd_error_last(), "e.tsv:1: empty new id");
	ck_assert_int_eq(parse(&l, "A\tB\tcurated\tw\ts\tx\n", "m.tsv"),
			 SD_EPARSE);
	ck_assert_int_eq(sd_lineage_links_parse(&l, "A\0B", 3, "n.tsv"),
			 SD_EPARSE);
	/* Failures append nothing. */
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(sd_lineage_links_load(&l, "tests/fixtures/match/none.tsv"),
			 SD_EIO);
	sd_lineage_links_release(&l);
}
END_TEST

Suite *suite_lineage(void)
{
	Suite *s = suite_create("lineage");
	TCase *tc = tcase_create("lineage");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_lineage__emg2_803_reaches_exchange_2019_through_a_curated_hop);
	tcase_add_test(tc, test_lineage__without_the_curated_link_emg2_803_stands_alone);
	tcase_add_test(tc, test_lineage__renumbered_rule_keeps_its_chain_within_a_product);
	tcase_add_test(tc, test_lineage__unknown_id_is_not_found);
	tcase_add_test(tc, test_lineage__zero_rules_and_repeated_releases_do_not_break_it);
	tcase_add_test(tc, test_lineage__generation_comes_from_the_title);
	tcase_add_test(tc, test_lineage__link_file_errors_name_the_line);
	tcase_add_test(tc, test_lineage__stored_steps_trace_as_computed_ones);
	suite_add_tcase(s, tc);
	return s;
}
