/* Rule lineage over the embedded corpus, curated links and their file. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "lineage.h"
#include "lineage_cache.h"
#include "lineage_store.h"
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

/* The same rule: benchmark, release and ids. */
static void assert_same_rule(const struct sd_benchmark *ab,
			     const struct sd_rule *ar,
			     const struct sd_benchmark *bb,
			     const struct sd_rule *br)
{
	ck_assert_str_eq(ab->id, bb->id);
	ck_assert(ab->v == bb->v && ab->r == bb->r);
	ck_assert_str_eq(ar->vuln_id ? ar->vuln_id : "", br->vuln_id ? br->vuln_id : "");
	ck_assert_str_eq(ar->rule_id ? ar->rule_id : "", br->rule_id ? br->rule_id : "");
	ck_assert_str_eq(ar->stig_id ? ar->stig_id : "", br->stig_id ? br->stig_id : "");
}

/* Two traces are the same: nodes, hops, candidates and peers, field by
 * field (the rules compared by their ids: a stored trace holds copies). */
static void assert_same_trace(const struct sd_lineage_trace *a,
			      const struct sd_lineage_trace *b)
{
	ck_assert_int_eq(a->nnodes, b->nnodes);
	ck_assert_int_eq(a->nhops, b->nhops);
	ck_assert_int_eq(a->ncands, b->ncands);
	ck_assert_int_eq(a->npeers, b->npeers);
	for (size_t i = 0; i < a->nnodes; i++) {
		const struct sd_lineage_node *x = &a->nodes[i], *y = &b->nodes[i];

		assert_same_rule(x->bench, x->rule, y->bench, y->rule);
		ck_assert_int_eq(x->start, y->start);
		ck_assert_int_eq(x->dir, y->dir);
		ck_assert_int_eq(x->latest, y->latest);
		ck_assert_str_eq(x->line, y->line);
		ck_assert_str_eq(x->rule->title ? x->rule->title : "",
				 y->rule->title ? y->rule->title : "");
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
		assert_same_rule(x->bench, x->rule, y->bench, y->rule);
		ck_assert(x->score == y->score);
		ck_assert_str_eq(x->evidence, y->evidence);
	}
	for (size_t i = 0; i < a->npeers; i++) {
		const struct sd_lineage_peer *x = &a->peers[i], *y = &b->peers[i];

		ck_assert(x->node == y->node && x->relation == y->relation);
		assert_same_rule(x->bench, x->rule, y->bench, y->rule);
		ck_assert(x->score == y->score && x->kind == y->kind);
		ck_assert_str_eq(x->evidence, y->evidence);
	}
}

static int mem_read(void *ctx, const char *name, struct sd_buf *out)
{
	const struct sd_lineage_file *f = sd_lineage_files_get(ctx, name);

	if (!f)
		return SD_ENOTFOUND;
	sd_buf_add(out, f->text.ptr, f->text.len);
	return 0;
}

/* A source that notes the names it is asked for. */
struct counted {
	struct sd_lineage_files *files;
	struct sd_strv read;
};

static int counted_read(void *ctx, const char *name, struct sd_buf *out)
{
	struct counted *c = ctx;

	sd_strv_push(&c->read, name);
	return mem_read(c->files, name, out);
}

/* The computed lineage of `lin` as stored files (related rules left
 * out), and their index. */
static void store(struct sd_lineage *lin, struct sd_lineage_files *files,
		  struct sd_lineage_index *idx)
{
	struct sd_lineage_ids ids = SD_LINEAGE_IDS_INIT;

	memset(idx, 0, sizeof(*idx));
	idx->key = sd_xstrdup("k1");
	ck_assert(sd_lineage_store_write(lin, NULL, files, idx, &ids) > 1000);
	sd_lineage_ids_write(&ids, files);
	sd_strv_release(&ids.v);
}

/* Replace `from` by `to` in file `name` of `files`, once. */
static void edit(struct sd_lineage_files *files, const char *name,
		 const char *from, const char *to)
{
	const struct sd_lineage_file *f = sd_lineage_files_get(files, name);
	const char *at = strstr(f->text.ptr, from);
	struct sd_buf b = SD_BUF_INIT;

	ck_assert_ptr_nonnull(at);
	sd_buf_add(&b, f->text.ptr, (size_t)(at - f->text.ptr));
	sd_buf_addstr(&b, to);
	sd_buf_addstr(&b, at + strlen(from));
	sd_lineage_files_put(files, name, &b);
}

/*
 * Stored steps (lineage/ of a corpus) give the traces computing gives,
 * reading only the lines a trace can reach; the steps are read, not
 * computed; a damaged file is refused with its name and line.
 */
START_TEST(test_lineage__stored_steps_trace_as_computed_ones)
{
	struct sd_lineage_links links = SD_LINEAGE_LINKS_INIT;
	struct sd_lineage_files files = SD_LINEAGE_FILES_INIT;
	struct sd_lineage_index idx;
	struct sd_lineage_source src = { mem_read, &files, NULL };
	struct sd_lineage_opts o;
	struct lib l;
	struct sd_lineage *lin;
	struct sd_lineage_stored *st = NULL;
	size_t traced = 0, partial = 0;
	char name[128];

	ck_assert_int_eq(sd_lineage_links_load(&links,
					       "corpus/lineage/curated.tsv"), 0);
	memset(&o, 0, sizeof(o));
	o.links = links.v;
	o.nlinks = links.n;
	o.no_related = 1;
	l.v = sd_test_load_all("corpus", &l.n);
	ck_assert_int_eq(sd_lineage_new(l.v, l.n, &o, &lin), 0);
	store(lin, &files, &idx);
	/* Every fifth rule of every release, and the curated chain. */
	for (size_t b = 0; b <= l.n; b++)
		for (size_t i = 0; b == l.n ? i < 1 : i < l.v[b]->nrules; i += 5) {
			const char *id = b == l.n ? "EMG2-803"
						  : l.v[b]->rules[i].vuln_id;
			struct sd_lineage_trace *x = NULL, *y = NULL;

			if (!id)
				continue;
			ck_assert_int_eq(sd_lineage_trace(lin, id, &x), 0);
			ck_assert_msg(sd_lineage_stored_open(&src, &idx, &o, id,
							     &st) == 0,
				      "%s: %s", id, sd_error_last());
			ck_assert_int_eq(sd_lineage_trace(sd_lineage_stored_lineage(st),
							  id, &y), 0);
			assert_same_trace(x, y);
			if (b == l.n)
				ck_assert(x->nhops > 3);
			/* Only what the chain reaches was read. */
			if (sd_lineage_benchmarks(sd_lineage_stored_lineage(st)) <
			    l.n)
				partial++;
			sd_lineage_trace_free(x);
			sd_lineage_trace_free(y);
			sd_lineage_stored_free(st);
			traced++;
		}
	ck_assert(traced > 100);
	ck_assert(partial > 0);
	/* A chain through a line reads the parts of its own tracks: of
	 * the lines EX19-ED-000236's chain reaches (their lines/ files
	 * read), parts are left unread, and the trace is the same. */
	{
		struct counted cn = { &files, SD_STRV_INIT };
		struct sd_lineage_source csrc = { counted_read, &cn, NULL };
		struct sd_lineage_trace *x = NULL, *y = NULL;
		size_t heads = 0, parts_read = 0, parts_all = 0;

		ck_assert_int_eq(sd_lineage_stored_open(&csrc, &idx, &o,
							"EX19-ED-000236", &st), 0);
		ck_assert_int_eq(sd_lineage_trace(lin, "EX19-ED-000236", &x), 0);
		ck_assert_int_eq(sd_lineage_trace(sd_lineage_stored_lineage(st),
						  "EX19-ED-000236", &y), 0);
		assert_same_trace(x, y);
		for (size_t i = 0; i < idx.nlines; i++) {
			char head[256];

			snprintf(head, sizeof(head), "lines/%s.tsv", idx.lines[i].file);
			if (!sd_strv_contains(&cn.read, head))
				continue;
			heads++;
			parts_all += idx.lines[i].parts;
			for (size_t p = 0; p < idx.lines[i].parts; p++) {
				char part[256];

				snprintf(part, sizeof(part), "parts/%s.%zu.tsv",
					 idx.lines[i].file, p);
				parts_read += sd_strv_contains(&cn.read, part);
			}
		}
		ck_assert_uint_gt(heads, 1);
		ck_assert_uint_gt(parts_read, 0);
		ck_assert_msg(parts_read < parts_all, "%zu of %zu parts read",
			      parts_read, parts_all);
		sd_lineage_trace_free(x);
		sd_lineage_trace_free(y);
		sd_lineage_stored_free(st);
		sd_strv_release(&cn.read);
	}
	/* The traces of several ids from one reading (the site's) are
	 * their traces alone. */
	{
		static const char *const ids[] = { "EMG2-803", "EX16-ED-000690",
						   "V-259642", "EX13-EG-000345" };
		struct sd_lineage_trace *x = NULL, *y = NULL;

		ck_assert_int_eq(sd_lineage_stored_open_ids(&src, &idx, &o, ids, 4,
							    &st), 0);
		for (size_t i = 0; i < 4; i++) {
			ck_assert_int_eq(sd_lineage_trace(lin, ids[i], &x), 0);
			ck_assert_int_eq(sd_lineage_trace(sd_lineage_stored_lineage(st),
							  ids[i], &y), 0);
			assert_same_trace(x, y);
			sd_lineage_trace_free(x);
			sd_lineage_trace_free(y);
		}
		sd_lineage_stored_free(st);
	}
	ck_assert_int_eq(sd_lineage_stored_open(&src, &idx, &o, "V-999999", &st),
			 SD_ENOTFOUND);
	/* The steps are read, not computed: an edited evidence shows. */
	{
		struct sd_lineage_trace *y = NULL;
		int seen = 0, edited = 0;

		/* Every hop out of the 2019 line's first release, in
		 * whichever part it is. */
		for (size_t i = 0; i < files.n; i++) {
			const struct sd_lineage_file *f = &files.v[i];
			struct sd_buf b = SD_BUF_INIT;
			const char *at, *ev, *end = f->text.ptr;

			if (strncmp(f->name, "parts/exchange-2019", 19))
				continue;
			while ((at = strstr(end, "\tback\tcross\t"))) {
				ev = strchr(strchr(at + 12, '\t') + 1, '\t') + 1;
				sd_buf_add(&b, end, (size_t)(ev - end));
				sd_buf_addstr(&b, "evidence as stored");
				end = strchr(ev, '\t');
			}
			if (end == f->text.ptr) {
				sd_buf_release(&b);
				continue;
			}
			sd_buf_addstr(&b, end);
			snprintf(name, sizeof(name), "%s", f->name);
			sd_lineage_files_put(&files, name, &b);
			edited++;
		}
		ck_assert(edited > 0);
		ck_assert_int_eq(sd_lineage_stored_open(&src, &idx, &o,
							"EX19-ED-000236", &st), 0);
		ck_assert_int_eq(sd_lineage_trace(sd_lineage_stored_lineage(st),
						  "EX19-ED-000236", &y), 0);
		for (size_t h = 0; h < y->nhops; h++)
			seen |= !strcmp(y->hops[h].evidence, "evidence as stored");
		ck_assert(seen);
		sd_lineage_trace_free(y);
		sd_lineage_stored_free(st);
	}
	/* A hop naming a rule its part does not hold. */
	for (size_t i = 0; i < files.n; i++)
		if (!strncmp(files.v[i].name, "parts/exchange-2016-0-edge", 26) &&
		    strstr(files.v[i].text.ptr, "\nhop\t")) {
			snprintf(name, sizeof(name), "%s", files.v[i].name);
			edit(&files, name, "\nhop\t", "\nhop\t99");
		}
	ck_assert_int_eq(sd_lineage_stored_open(&src, &idx, &o, "EX16-ED-000690",
						&st), SD_EPARSE);
	ck_assert_msg(strstr(sd_error_last(), "parts/exchange-2016-0-edge") &&
			      strstr(sd_error_last(), "does not hold"),
		      "%s", sd_error_last());
	sd_lineage_index_release(&idx);
	sd_lineage_files_release(&files);
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

/*
 * A rule that only declares an id as a legacy ident (DISA's later rule
 * naming the Vuln or rule id it replaced) is reached through its hop,
 * not taken as a start of its own, when a rule carries the id as its
 * own; an id no rule owns still starts from the rules declaring it.
 */
START_TEST(test_lineage__a_legacy_ident_starts_only_when_no_rule_owns_the_id)
{
	struct lib l;
	struct sd_lineage *lin = corpus_lineage(&l, NULL);
	struct sd_lineage_trace *t = NULL;
	size_t starts = 0;
	long v1r6;

	ck_assert_int_eq(sd_lineage_trace(lin, "SV-84555", &t), 0);
	for (size_t k = 0; k < t->nnodes; k++)
		if (t->nodes[k].start) {
			ck_assert(sd_rule_has_own_id(t->nodes[k].rule, "SV-84555"));
			starts++;
		}
	ck_assert_uint_gt(starts, 0);
	v1r6 = node_of(t, "2013_Edge_Transport_Server_STIG_V1R6", "V-234761");
	ck_assert(v1r6 >= 0 && !t->nodes[v1r6].start);
	sd_lineage_trace_free(t);
	starts = 0;
	ck_assert_int_eq(sd_lineage_trace(lin, "SV-95445", &t), 0);
	for (size_t k = 0; k < t->nnodes; k++)
		if (t->nodes[k].start) {
			ck_assert(!sd_rule_has_own_id(t->nodes[k].rule, "SV-95445"));
			starts++;
		}
	ck_assert_uint_gt(starts, 0);
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

/* A commit id of 40 hex digits made of `c`. */
static const char *commit40(char c, char out[41])
{
	memset(out, c, 40);
	out[40] = '\0';
	return out;
}

START_TEST(test_lineage__kept_mappings_read_back_as_written)
{
	struct sd_lineage_maps m = { NULL, 0, 0, 0 }, back = { NULL, 0, 0, 0 };
	struct sd_buf text = SD_BUF_INIT, file = SD_BUF_INIT;
	char a[41], b[41], c[41];

	sd_buf_addstr(&text, "pair\tline one\nline two\n");
	sd_lineage_maps_put(&m, commit40('a', a), commit40('b', b), &text);
	sd_buf_reset(&text);
	sd_buf_addstr(&text, "other");
	sd_lineage_maps_put(&m, b, commit40('c', c), &text);
	m.v[1].used = 0; /* not taken this run: not written back */
	sd_lineage_maps_write(&m, "0123456789abcdef", &file);
	sd_lineage_maps_parse(&back, file.ptr, file.len, "0123456789abcdef");
	ck_assert_uint_eq(back.n, 1);
	ck_assert_str_eq(back.v[0].a, a);
	ck_assert_str_eq(back.v[0].b, b);
	ck_assert_str_eq(back.v[0].text, "pair\tline one\nline two\n");
	ck_assert_ptr_nonnull(sd_lineage_maps_find(&back, a, b));
	ck_assert_ptr_null(sd_lineage_maps_find(&back, b, a));
	sd_lineage_maps_release(&back);
	/* Kept for other products or another matcher: none of it. */
	sd_lineage_maps_parse(&back, file.ptr, file.len, "fedcba9876543210");
	ck_assert_uint_eq(back.n, 0);
	/* Cut short: what comes before the damage. */
	sd_lineage_maps_put(&m, a, c, &text);
	sd_buf_reset(&file);
	sd_lineage_maps_write(&m, "0123456789abcdef", &file);
	sd_lineage_maps_parse(&back, file.ptr, file.len - 2,
			      "0123456789abcdef");
	ck_assert_uint_eq(back.n, 1);
	sd_lineage_maps_release(&back);
	sd_lineage_maps_release(&m);
	sd_buf_release(&text);
	sd_buf_release(&file);
}
END_TEST

/* The slot of sd_lineage_sigs_parse(): siglines[0] for "lines/a", none
 * for the others. */
static struct sd_lineage_sigline *slot_a(void *ctx, const char *file,
					 const char *commit)
{
	struct sd_lineage_sigline *v = ctx;

	(void)commit;
	return !strcmp(file, "a") ? &v[0] : NULL;
}

START_TEST(test_lineage__kept_signatures_read_back_as_written)
{
	struct sd_lineage_sigline v[2], back[1];
	struct sd_buf file = SD_BUF_INIT;
	char cm[41];

	memset(v, 0, sizeof(v));
	memset(back, 0, sizeof(back));
	for (int l = 0; l < 2; l++) {
		v[l].file = strdup(l ? "b" : "a");
		memcpy(v[l].commit, commit40(l ? 'e' : 'd', cm), 41);
		v[l].pos = 3;
		v[l].f[0] = strdup("Bench_STIG");
		v[l].f[1] = strdup("A title\twith a tab");
		v[l].nrules = 2;
		v[l].sig = calloc(2, sizeof(*v[l].sig));
		v[l].disp = calloc(2 * 4 + 1, sizeof(*v[l].disp));
		v[l].sig[1].title = 0x1234abcdULL;
		v[l].sig[1].sketch[5] = 0xbeef;
		v[l].sig[1].empty = 1;
		v[l].disp[4] = strdup("V-2");
	}
	sd_lineage_sigs_write(v, 2, "0123456789abcdef", &file);
	sd_lineage_sigs_parse(file.ptr, file.len, "0123456789abcdef", slot_a,
			      back);
	ck_assert_str_eq(back[0].file, "a");
	ck_assert_str_eq(back[0].commit, v[0].commit);
	ck_assert_uint_eq(back[0].pos, 3);
	ck_assert_str_eq(back[0].f[1], "A title\twith a tab");
	ck_assert_ptr_null(back[0].f[2]);
	ck_assert_uint_eq(back[0].nrules, 2);
	ck_assert(back[0].sig[1].title == 0x1234abcdULL);
	ck_assert_uint_eq(back[0].sig[1].sketch[5], 0xbeef);
	ck_assert_int_eq(back[0].sig[1].empty, 1);
	ck_assert_str_eq(back[0].disp[4], "V-2");
	ck_assert_ptr_null(back[0].disp[0]);
	sd_lineage_sigline_release(&back[0]);
	/* The last line cut short is no line: its rules would be missing. */
	sd_buf_reset(&file);
	sd_lineage_sigs_write(v, 1, "0123456789abcdef", &file);
	sd_lineage_sigs_parse(file.ptr, file.len - 20, "0123456789abcdef",
			      slot_a, back);
	ck_assert_ptr_null(back[0].sig);
	for (int l = 0; l < 2; l++)
		sd_lineage_sigline_release(&v[l]);
	sd_buf_release(&file);
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
	tcase_add_test(tc, test_lineage__a_legacy_ident_starts_only_when_no_rule_owns_the_id);
	tcase_add_test(tc, test_lineage__unknown_id_is_not_found);
	tcase_add_test(tc, test_lineage__zero_rules_and_repeated_releases_do_not_break_it);
	tcase_add_test(tc, test_lineage__generation_comes_from_the_title);
	tcase_add_test(tc, test_lineage__link_file_errors_name_the_line);
	tcase_add_test(tc, test_lineage__stored_steps_trace_as_computed_ones);
	tcase_add_test(tc, test_lineage__kept_mappings_read_back_as_written);
	tcase_add_test(tc, test_lineage__kept_signatures_read_back_as_written);
	suite_add_tcase(s, tc);
	return s;
}
