/*
 * Rule histories over a line of the corpus (`corpus log`; see corpus.h),
 * built on the corpus's reading functions and diff.h.
 *
 * `corpus log` follows each rule through its benchmark's releases the way
 * `stigdiff diff` pairs rules between consecutive releases (Vuln ID, rule
 * base, legacy id, STIG ID), so a rule DISA renumbered keeps one history.
 * A chain is one rule's history: a row per release, and the ids of its
 * newest version.
 */
#include "corpus.h"
#include "diff.h"

#include <stdlib.h>
#include <string.h>

struct chain {
	struct sd_buf rows;
	const char *vuln_id; /* newest version's, borrowed from `ids` */
	const char *stig_id;
	int wanted;          /* some version carries the ID asked for */
};

struct chains {
	struct chain *v;
	size_t n, cap;
	struct sd_strv ids; /* owns the strings chains point at */
};

static size_t chain_add(struct chains *cs)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 64;
		cs->v = sd_xrealloc(cs->v, cs->cap * sizeof(*cs->v));
	}
	memset(&cs->v[cs->n], 0, sizeof(cs->v[cs->n]));
	sd_buf_init(&cs->v[cs->n].rows);
	return cs->n++;
}

static void chains_release(struct chains *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		sd_buf_release(&cs->v[i].rows);
	free(cs->v);
	sd_strv_release(&cs->ids);
}

/* One release's row of a chain for diff's verdict on the pair `dr`. */
static void log_row(struct sd_buf *out, const struct sd_corpus_release *rel,
		    const struct sd_diff_rule *dr)
{
	const struct sd_rule *r = dr->new;

	sd_buf_addf(out, "  %-6s %s  ", rel->label, rel->date ? rel->date : "-");
	if (!dr->old) {
		sd_buf_addf(out, "%-10s %s  %s\n", "added",
			    r->rule_id ? r->rule_id : "-",
			    r->title ? r->title : "");
		return;
	}
	if (!r) {
		sd_buf_addstr(out, "removed\n");
		return;
	}
	if (dr->status == SD_DIFF_UNCHANGED) {
		sd_buf_addstr(out, "unchanged\n");
		return;
	}
	sd_buf_addf(out, "%-10s %s  ", sd_diff_status_name(dr->status),
		    r->rule_id ? r->rule_id : "-");
	for (size_t i = 0; i < dr->nchanges; i++)
		sd_buf_addf(out, "%s%s", i ? ", " : "", dr->changes[i].field);
	if (dr->evidence != SD_PAIR_VULN_ID)
		sd_buf_addf(out, " (was %s, paired by %s %s)",
			    dr->old->vuln_id ? dr->old->vuln_id : "-",
			    sd_diff_evidence_name(dr->evidence),
			    dr->evidence_value ? dr->evidence_value : "");
	sd_buf_addch(out, '\n');
}

/* Give every rule of `b` its chain: its partner's in `prev` (diffed),
 * else a new one; rows for every pair. `chain` has b->nrules slots. */
static int log_release(struct chains *cs, const struct sd_benchmark *prev,
		       const size_t *prev_chain, const struct sd_benchmark *b,
		       const struct sd_corpus_release *rel, size_t *chain)
{
	struct sd_diff *d = NULL;
	struct sd_benchmark empty = { 0 };

	int err;

	if ((err = sd_diff_run(prev ? prev : &empty, b, NULL, &d)) < 0)
		return err;
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *dr = &d->rules[i];
		size_t k = dr->old ? prev_chain[dr->old - prev->rules]
				   : chain_add(cs);

		if (dr->new)
			chain[dr->new - b->rules] = k;
		log_row(&cs->v[k].rows, rel, dr);
	}
	sd_diff_free(d);
	return 0;
}

/* Note the newest ids of each chain and whether it carries `id`. */
static void log_mark(struct chains *cs, const struct sd_benchmark *b,
		     const size_t *chain, const char *id)
{
	for (size_t i = 0; i < b->nrules; i++) {
		struct chain *ch = &cs->v[chain[i]];
		const struct sd_rule *r = &b->rules[i];

		if (sd_rule_has_id(r, id))
			ch->wanted = 1;
		sd_strv_push(&cs->ids, r->vuln_id ? r->vuln_id : "-");
		ch->vuln_id = cs->ids.v[cs->ids.n - 1];
		sd_strv_push(&cs->ids, r->stig_id ? r->stig_id : "-");
		ch->stig_id = cs->ids.v[cs->ids.n - 1];
	}
}

int sd_corpus_log(struct sd_corpus *c, const char *slug, const char *id,
		  sd_corpus_log_fn fn, void *ctx)
{
	struct sd_corpus_release *rel = NULL;
	struct sd_benchmark *prev = NULL, *b = NULL;
	struct chains cs = { NULL, 0, 0, SD_STRV_INIT };
	size_t *prev_chain = NULL, *chain = NULL, n = 0;
	int err;

	if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0)
		return err;
	for (size_t i = 0; i < n; i++) {
		if ((err = sd_corpus_load(c, slug, rel[i].label, &b)) < 0)
			break;
		chain = sd_xmalloc((b->nrules + 1) * sizeof(*chain));
		if ((err = log_release(&cs, prev, prev_chain, b, &rel[i],
				       chain)) < 0)
			break;
		log_mark(&cs, b, chain, id);
		sd_benchmark_free(prev);
		free(prev_chain);
		prev = b;
		prev_chain = chain;
		b = NULL;
		chain = NULL;
	}
	for (size_t k = 0; !err && k < cs.n; k++)
		if (cs.v[k].wanted)
			fn(ctx, cs.v[k].vuln_id, cs.v[k].stig_id,
			   cs.v[k].rows.ptr);
	sd_benchmark_free(b);
	sd_benchmark_free(prev);
	free(chain);
	free(prev_chain);
	chains_release(&cs);
	sd_corpus_releases_free(rel, n);
	return err;
}

