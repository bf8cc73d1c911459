/*
 * Writing a computed lineage as the stored lineage's files (see
 * lineage_store.h).
 *
 * A line's hops between consecutive releases are mostly "same rule id,
 * same text": such a hop is not written. The reader makes it again
 * between a rule of one release and the rule of the next release that
 * is written as the same rule record (same ids, title, SRG, fields),
 * unless either has hops written there or a `nohop` line says the two
 * were not paired. The writer only leaves out a hop whose evidence it
 * can make again word for word, so stored and computed traces agree.
 */
#include "lineage_store_int.h"
#include "error.h"
#include "rulefile.h"
#include "hash.h"
#include "tsv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* ---- Writing ---- */


static void join_strv(struct sd_buf *b, const struct sd_strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			sd_buf_addch(b, ' ');
		sd_buf_addstr(b, v->v[i]);
	}
}

/* A rule's record after the track number. */
static void rule_record(const struct sd_rule *r, struct sd_buf *out)
{
	struct sd_buf l = SD_BUF_INIT;

	add_field(out, r->vuln_id);
	add_field(out, r->rule_id);
	add_field(out, r->stig_id);
	add_field(out, r->group_title);
	add_field(out, r->severity_raw);
	sd_buf_addf(out, "\t%d\t",
		    sd_lineage_store_field_mask(r) |
			    (sd_lineage_store_has_words(r->title) ? 8 : 0));
	join_strv(&l, &r->ccis);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	sd_buf_reset(&l);
	sd_buf_addch(out, '\t');
	join_strv(&l, &r->legacy);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	add_field(out, r->title);
	sd_buf_release(&l);
}

/* Rule records of a line: distinct texts, a number each. */
struct tracks {
	char **text;  /* the record after the number */
	unsigned long long *digest;
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1 */
	size_t mask;
};

static size_t track_of(struct tracks *t, const char *rec)
{
	unsigned long long d = sd_digest64(SD_DIGEST_INIT, rec, strlen(rec));
	size_t i;

	if ((t->n + 1) * 2 > t->mask + 1) {
		size_t cap = t->mask ? (t->mask + 1) * 2 : 256;

		free(t->slot);
		t->slot = sd_xcalloc(cap, sizeof(*t->slot));
		t->mask = cap - 1;
		for (size_t k = 0; k < t->n; k++) {
			for (i = t->digest[k] & t->mask; t->slot[i];
			     i = (i + 1) & t->mask)
				;
			t->slot[i] = k + 1;
		}
	}
	for (i = d & t->mask; t->slot[i]; i = (i + 1) & t->mask)
		if (t->digest[t->slot[i] - 1] == d &&
		    !strcmp(t->text[t->slot[i] - 1], rec))
			return t->slot[i] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->text = sd_xrealloc(t->text, t->cap * sizeof(*t->text));
		t->digest = sd_xrealloc(t->digest, t->cap * sizeof(*t->digest));
	}
	t->text[t->n] = sd_xstrdup(rec);
	t->digest[t->n] = d;
	t->slot[i] = ++t->n;
	return t->n - 1;
}

static void tracks_release(struct tracks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->digest);
	free(t->slot);
}

static const char *step_type_name(enum sd_lineage_step_type t)
{
	switch (t) {
	case SD_LINEAGE_HOP: return "hop";
	case SD_LINEAGE_CROSS: return "cross";
	case SD_LINEAGE_CANDIDATE: return "candidate";
	case SD_LINEAGE_PEER_SIBLING: return "sibling";
	default: return "related";
	}
}

/*
 * The releases the steps of one file name: "target" records, written
 * once each, which steps refer to by number (what the reader needs to
 * show a rule of a line it does not read).
 */
struct targets {
	struct sd_strv key;  /* "file\tpos" */
	struct sd_buf out;   /* the target records */
};

static size_t target_of(struct targets *t, const char *file, size_t pos,
			const char *bench_id, const char *title,
			const char *label, int v, int r, const char *version,
			const char *date, const char *source, size_t nrules)
{
	struct sd_buf k = SD_BUF_INIT;
	size_t i;

	sd_buf_addf(&k, "%s\t%zu", file, pos);
	for (i = t->key.n; i-- > 0;)
		if (!strcmp(t->key.v[i], k.ptr))
			break;
	if (i != SIZE_MAX) {
		sd_buf_release(&k);
		return i;
	}
	sd_strv_push_owned(&t->key, sd_buf_detach(&k));
	sd_buf_addf(&t->out, "target\t%zu", t->key.n - 1);
	add_field(&t->out, file);
	sd_buf_addf(&t->out, "\t%zu", pos);
	add_field(&t->out, bench_id);
	add_field(&t->out, title);
	add_field(&t->out, label);
	sd_buf_addf(&t->out, "\t%d\t%d", v, r);
	add_field(&t->out, version);
	add_field(&t->out, date);
	add_field(&t->out, source);
	sd_buf_addf(&t->out, "\t%zu\n", nrules);
	return t->key.n - 1;
}

static void targets_release(struct targets *t)
{
	sd_strv_release(&t->key);
	sd_buf_release(&t->out);
}

/* The other side of a step: its release (a target) and rule; the rule's
 * ids and title for a peer or a candidate, which a reader shows without
 * reading its line. */
static void other_record(struct sd_buf *out, struct targets *t,
			 const char *file, size_t pos, size_t rule,
			 const struct sd_benchmark *b, int peer)
{
	const struct sd_rule *r = &b->rules[rule];
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "\t%zu\t%zu",
		    target_of(t, file, pos, b->id, b->title, label, b->v, b->r,
			      b->version, b->date, b->source, b->nrules),
		    rule);
	add_field(out, peer ? r->vuln_id : NULL);
	add_field(out, peer ? r->rule_id : NULL);
	add_field(out, peer ? r->stig_id : NULL);
	add_field(out, peer ? r->title : NULL);
}

/* The file stems of lin's lines. */
static char **line_files(struct sd_lineage *lin)
{
	size_t n = sd_lineage_lines(lin);
	char **v = sd_xcalloc(n ? n : 1, sizeof(*v));

	for (size_t l = 0; l < n; l++)
		v[l] = sd_lineage_store_line_file(
			sd_lineage_line_product(lin, l)->key);
	return v;
}

static void release_record(struct sd_buf *out, size_t pos,
			   const struct sd_benchmark *b)
{
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "release\t%zu", pos);
	add_field(out, b->id);
	add_field(out, label);
	sd_buf_addf(out, "\t%d\t%d", b->v, b->r);
	if (b->rsub) /* a draft's V1R0.2 */
		sd_buf_addf(out, ".%d", b->rsub);
	add_field(out, b->version);
	add_field(out, b->date);
	add_field(out, b->source);
	add_field(out, b->title);
	sd_buf_addf(out, "\t%zu\n", b->nrules);
}

/* ---- A line in parts ---- */

/*
 * A line as written: its rule records (tracks), the record each rule of
 * each release holds, and the part each record is written in. A part is
 * a set of whole tracks closed under the line's hops: every rule holding
 * a record, and every rule a hop joins to it, is in the record's part,
 * so a chain through the line reads the parts of its own tracks only.
 */
struct wline {
	struct tracks tr;
	const size_t *rels;
	size_t nrel;
	size_t **tk;    /* per release per rule: its record */
	size_t *part;   /* per record */
	size_t nparts;
};

static size_t wfind(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

/* A component of tracks and what its text is expected to weigh. */
struct wcomp {
	size_t root, first; /* its root, its lowest record */
	size_t weight;
	size_t part;
};

static int cmp_wcomp_weight(const void *a, const void *b)
{
	const struct wcomp *x = a, *y = b;

	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The records of line l, and its parts. */
static void wline_make(struct sd_lineage *lin, size_t l, struct wline *w)
{
	struct sd_buf rec = SD_BUF_INIT;
	size_t *uf, *weight, *of, total = 0, nc = 0, *load;
	struct wcomp *c;

	memset(w, 0, sizeof(*w));
	w->nrel = sd_lineage_line_releases(lin, l, &w->rels);
	w->tk = sd_xcalloc(w->nrel ? w->nrel : 1, sizeof(*w->tk));
	for (size_t k = 0; k < w->nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, w->rels[k]);

		w->tk[k] = sd_xcalloc(b->nrules ? b->nrules : 1, sizeof(**w->tk));
		for (size_t i = 0; i < b->nrules; i++) {
			sd_buf_reset(&rec);
			rule_record(&b->rules[i], &rec);
			w->tk[k][i] = track_of(&w->tr, rec.ptr);
		}
	}
	sd_buf_release(&rec);
	uf = sd_xmalloc((w->tr.n ? w->tr.n : 1) * sizeof(*uf));
	weight = sd_xcalloc(w->tr.n ? w->tr.n : 1, sizeof(*weight));
	for (size_t t = 0; t < w->tr.n; t++) {
		uf[t] = t;
		weight[t] = strlen(w->tr.text[t]) + 16;
	}
	/* Hops join tracks; every rule and step weighs on its track. */
	for (size_t k = 0; k < w->nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, w->rels[k]);

		for (size_t i = 0; i < b->nrules; i++) {
			weight[w->tk[k][i]] += 6;
			for (int d = 1; d >= -1; d--) {
				const struct sd_lineage_step *s;
				size_t n = sd_lineage_steps(lin, w->rels[k], i, d, &s);

				for (size_t q = 0; q < n; q++) {
					if (s[q].type == SD_LINEAGE_PEER_RELATED)
						continue;
					weight[w->tk[k][i]] += 160;
					if (s[q].type == SD_LINEAGE_HOP && d == 1 &&
					    k + 1 < w->nrel)
						uf[wfind(uf, w->tk[k][i])] =
							wfind(uf, w->tk[k + 1][s[q].rule]);
				}
			}
		}
	}
	/* Components, heaviest first, each to the lightest part. */
	of = sd_xmalloc((w->tr.n ? w->tr.n : 1) * sizeof(*of));
	c = sd_xcalloc(w->tr.n ? w->tr.n : 1, sizeof(*c));
	for (size_t t = 0; t < w->tr.n; t++)
		of[t] = SIZE_MAX;
	for (size_t t = 0; t < w->tr.n; t++) {
		size_t r = wfind(uf, t);

		if (of[r] == SIZE_MAX) {
			of[r] = nc;
			c[nc].root = r;
			c[nc].first = t;
			nc++;
		}
		c[of[r]].weight += weight[t];
		total += weight[t];
	}
	w->nparts = (total + SD_LINEAGE_PART_BYTES - 1) / SD_LINEAGE_PART_BYTES;
	if (w->nparts > nc)
		w->nparts = nc;
	if (!w->nparts)
		w->nparts = 1;
	sort_any(c, nc, sizeof(*c), cmp_wcomp_weight);
	load = sd_xcalloc(w->nparts, sizeof(*load));
	for (size_t i = 0; i < nc; i++) {
		size_t best = 0;

		for (size_t p = 1; p < w->nparts; p++)
			if (load[p] < load[best])
				best = p;
		c[i].part = best;
		load[best] += c[i].weight;
	}
	/* Parts numbered by their lowest record. */
	{
		size_t *num = sd_xmalloc(w->nparts * sizeof(*num)), next = 0;

		for (size_t p = 0; p < w->nparts; p++)
			num[p] = SIZE_MAX;
		for (size_t i = 0; i < nc; i++)
			of[c[i].root] = c[i].part;
		w->part = sd_xmalloc((w->tr.n ? w->tr.n : 1) * sizeof(*w->part));
		for (size_t t = 0; t < w->tr.n; t++) {
			size_t p = of[wfind(uf, t)];

			if (num[p] == SIZE_MAX)
				num[p] = next++;
			w->part[t] = num[p];
		}
		w->nparts = next ? next : 1;
		free(num);
	}
	free(load);
	free(c);
	free(of);
	free(uf);
	free(weight);
}

static void wline_release(struct wline *w)
{
	for (size_t k = 0; k < w->nrel; k++)
		free(w->tk[k]);
	free(w->tk);
	free(w->part);
	tracks_release(&w->tr);
}

/* What one part's file is made of, in the order it is written. */
struct wpart {
	struct sd_buf rec, rules, hops, steps;
	struct targets tg;
	size_t nrec;
	size_t *local; /* per record of the line: its number in its part */
};

/* The head file (lines/) of line l: the line and its releases. */
static void write_head(struct sd_lineage *lin, size_t l,
		       const struct wline *w, struct sd_buf *out)
{
	const struct sd_product *prod = sd_lineage_line_product(lin, l);

	sd_buf_addstr(out, LINE_MAGIC "\n");
	sd_buf_addstr(out, "line");
	add_field(out, prod->key);
	add_field(out, sd_lineage_line_name(lin, l));
	sd_buf_addf(out, "\t%zu\n", w->nparts);
	for (size_t k = 0; k < w->nrel; k++)
		release_record(out, k, sd_lineage_release(lin, w->rels[k]));
}

/* Line l's rule records, rules and hops into its parts `pt`. */
static size_t write_tracks(struct sd_lineage *lin, size_t l,
			   const struct wline *w, struct wpart *pt,
			   char **files, struct sd_strv *ids)
{
	struct sd_buf rec = SD_BUF_INIT;
	size_t nsteps = 0, nrel = w->nrel;
	const size_t *rels = w->rels;
	size_t *const *tk = w->tk;
	unsigned char *named = sd_xcalloc(w->tr.n ? w->tr.n : 1, 1);

	for (size_t t = 0; t < w->tr.n; t++) {
		struct wpart *p = &pt[w->part[t]];

		p->local[t] = p->nrec++;
		sd_buf_addf(&p->rec, "rule\t%zu%s\n", p->local[t], w->tr.text[t]);
	}
	for (size_t k = 0; k < nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k]);

		for (size_t p = 0; p < w->nparts; p++) {
			size_t prev = SIZE_MAX;
			int any = 0;

			for (size_t i = 0; i < b->nrules; i++) {
				if (w->part[tk[k][i]] != p)
					continue;
				if (any)
					sd_buf_addch(&pt[p].rules, ',');
				else
					sd_buf_addf(&pt[p].rules, "rules\t%zu\t", k);
				/* "i:t", or "t" for the rule after the last. */
				if (prev + 1 != i)
					sd_buf_addf(&pt[p].rules, "%zu:", i);
				sd_buf_addf(&pt[p].rules, "%zu",
					    pt[p].local[tk[k][i]]);
				prev = i;
				any = 1;
			}
			if (any)
				sd_buf_addch(&pt[p].rules, '\n');
		}
		/* A record's ids once: every rule holding it has them. */
		for (size_t i = 0; i < b->nrules; i++) {
			const struct sd_rule *r = &b->rules[i];
			size_t p = w->part[tk[k][i]];

			if (named[tk[k][i]])
				continue;
			named[tk[k][i]] = 1;
			sd_lineage_ids_add_part(ids, r->vuln_id, files[l], p);
			sd_lineage_ids_add_part(ids, r->stig_id, files[l], p);
			sd_lineage_ids_add_part(ids, r->rule_base, files[l], p);
			sd_lineage_ids_add_part(ids, r->rule_id, files[l], p);
			for (size_t q = 0; q < r->legacy.n; q++)
				sd_lineage_ids_add_part(ids, r->legacy.v[q],
							files[l], p);
		}
	}
	/* Hops between consecutive releases: the plain ones left out. */
	for (size_t k = 0; k + 1 < nrel; k++) {
		const struct sd_benchmark *a = sd_lineage_release(lin, rels[k]);
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k + 1]);
		size_t *cnt_b = sd_xcalloc(b->nrules ? b->nrules : 1,
					   sizeof(*cnt_b));
		size_t *uniq_a = sd_xcalloc(w->tr.n ? w->tr.n : 1, sizeof(*uniq_a));
		size_t *uniq_b = sd_xcalloc(w->tr.n ? w->tr.n : 1, sizeof(*uniq_b));

		for (size_t i = 0; i < a->nrules; i++)
			uniq_a[tk[k][i]]++;
		for (size_t j = 0; j < b->nrules; j++)
			uniq_b[tk[k + 1][j]]++;
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					cnt_b[s[q].rule]++;
		}
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);
			size_t hops = 0, partner = SIZE_MAX, t = tk[k][i];
			struct sd_buf *body = &pt[w->part[t]].hops;
			int plain = 0;

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					hops++;
			/* The rule of the next release with the same record. */
			if (uniq_a[t] == 1 && uniq_b[t] == 1)
				for (size_t j = 0; j < b->nrules; j++)
					if (tk[k + 1][j] == t)
						partner = j;
			for (size_t q = 0; q < n; q++) {
				if (s[q].type != SD_LINEAGE_HOP)
					continue;
				if (hops == 1 && s[q].rule == partner &&
				    cnt_b[partner] == 1 &&
				    s[q].kind == SD_MATCH_SAME_ID &&
				    s[q].score == 1.0) {
					sd_buf_reset(&rec);
					sd_lineage_store_plain_evidence(&a->rules[i], &rec);
					if (s[q].evidence &&
					    !strcmp(rec.ptr, s[q].evidence)) {
						plain = 1;
						continue;
					}
				}
				sd_buf_addf(body, "hop\t%zu\t%zu\t%zu\t%s\t%.17g",
					    k, i, s[q].rule,
					    sd_match_kind_name(s[q].kind),
					    s[q].score);
				add_field(body, s[q].evidence);
				sd_buf_addch(body, '\n');
				nsteps += 2;
			}
			if (plain) {
				nsteps += 2;
			} else if (partner != SIZE_MAX && !hops &&
				   !cnt_b[partner]) {
				/* Same record, not paired: say so. */
				sd_buf_addf(body, "nohop\t%zu\t%zu\n", k, i);
			}
		}
		free(cnt_b);
		free(uniq_a);
		free(uniq_b);
	}
	sd_buf_release(&rec);
	free(named);
	return nsteps;
}

/* Line l's steps out of the line into its parts; edges into idx. */
static size_t write_steps(struct sd_lineage *lin, size_t l,
			  const struct wline *wl, struct wpart *pt, char **files,
			  struct sd_lineage_index *idx, size_t me)
{
	const struct wline *w = &wl[l];
	size_t nsteps = 0;
	static const char *const dirs[3] = { "peer", "back", "fwd" };

	for (size_t k = 0; k < w->nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, w->rels[k]);

		for (size_t i = 0; i < b->nrules; i++)
			for (int d = 1; d >= -1; d--) {
				struct wpart *p = &pt[w->part[w->tk[k][i]]];
				const struct sd_lineage_step *s;
				size_t n = sd_lineage_steps(lin, w->rels[k], i, d, &s);

				for (size_t q = 0; q < n; q++) {
					size_t ol, opos;

					if (s[q].type == SD_LINEAGE_HOP ||
					    s[q].type == SD_LINEAGE_PEER_RELATED)
						continue;
					sd_lineage_release_line(lin, s[q].rel, &ol,
								&opos);
					sd_buf_addf(&p->steps, "step\t%zu\t%zu\t%s\t%s\t%s\t%.17g",
						    k, i, dirs[d + 1],
						    step_type_name(s[q].type),
						    sd_match_kind_name(s[q].kind),
						    s[q].score);
					add_field(&p->steps, s[q].evidence);
					/* What is shown, not followed, says
					 * what to show of its rule. */
					other_record(&p->steps, &p->tg, files[ol], opos,
						     s[q].rule,
						     sd_lineage_release(lin, s[q].rel),
						     d < 0 || s[q].type ==
							     SD_LINEAGE_CANDIDATE);
					/* The part holding the other rule. */
					sd_buf_addf(&p->steps, "\t%zu\n",
						    wl[ol].part[wl[ol].tk[opos][s[q].rule]]);
					nsteps++;
					if (ol == l)
						continue;
					if (d >= 0)
						sd_lineage_index_add_edge(idx, me,
							   sd_lineage_index_add_line(idx, files[ol]),
							   d ? SD_LINEAGE_EDGE_FWD
							     : SD_LINEAGE_EDGE_BACK);
					else
						sd_lineage_index_add_edge(idx, me,
							   sd_lineage_index_add_line(idx, files[ol]),
							   SD_LINEAGE_EDGE_SIBLING);
				}
			}
	}
	return nsteps;
}

size_t sd_lineage_store_write(struct sd_lineage *lin,
			      const char *const *sources,
			      struct sd_lineage_files *files,
			      struct sd_lineage_index *idx,
			      struct sd_lineage_ids *ids)
{
	size_t nl = sd_lineage_lines(lin), nsteps = 0;
	char **lf = line_files(lin);
	struct wline *wl = sd_xcalloc(nl ? nl : 1, sizeof(*wl));

	/* Every line's parts first: steps name the part of their other
	 * rule, which is in a line of `lin`. */
	for (size_t l = 0; l < nl; l++)
		wline_make(lin, l, &wl[l]);
	for (size_t l = 0; l < nl; l++) {
		struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
		struct sd_strv lids = SD_STRV_INIT, bids = SD_STRV_INIT;
		struct sd_lineage_index_line *il;
		const struct wline *w = &wl[l];
		struct wpart *pt = sd_xcalloc(w->nparts, sizeof(*pt));
		size_t me;
		struct sd_buf bl = SD_BUF_INIT;

		me = sd_lineage_index_add_line(idx, lf[l]);
		/* A line computed again: its old edges go. */
		for (size_t e = 0; e < idx->nedges;)
			if (idx->edges[e].a == me)
				idx->edges[e] = idx->edges[--idx->nedges];
			else
				e++;
		for (size_t p = 0; p < w->nparts; p++) {
			sd_buf_init(&pt[p].rec);
			sd_buf_init(&pt[p].rules);
			sd_buf_init(&pt[p].hops);
			sd_buf_init(&pt[p].steps);
			sd_buf_init(&pt[p].tg.out);
			pt[p].local = sd_xcalloc(w->tr.n ? w->tr.n : 1,
						 sizeof(*pt[p].local));
		}
		write_head(lin, l, w, &text);
		sd_buf_addf(&name, "lines/%s.tsv", lf[l]);
		sd_lineage_files_put(files, name.ptr, &text);
		nsteps += write_tracks(lin, l, w, pt, lf, &lids);
		nsteps += write_steps(lin, l, wl, pt, lf, idx, me);
		for (size_t p = 0; p < w->nparts; p++) {
			struct wpart *x = &pt[p];

			sd_buf_addstr(&text, PART_MAGIC "\n");
			sd_buf_add(&text, x->rec.ptr ? x->rec.ptr : "", x->rec.len);
			sd_buf_add(&text, x->rules.ptr ? x->rules.ptr : "", x->rules.len);
			sd_buf_add(&text, x->hops.ptr ? x->hops.ptr : "", x->hops.len);
			sd_buf_add(&text, x->tg.out.ptr ? x->tg.out.ptr : "",
				   x->tg.out.len);
			sd_buf_add(&text, x->steps.ptr ? x->steps.ptr : "",
				   x->steps.len);
			sd_buf_reset(&name);
			sd_lineage_store_part_name(&name, lf[l], p);
			sd_lineage_files_put(files, name.ptr, &text);
			sd_buf_release(&x->rec);
			sd_buf_release(&x->rules);
			sd_buf_release(&x->hops);
			sd_buf_release(&x->steps);
			targets_release(&x->tg);
			free(x->local);
		}
		free(pt);
		sd_lineage_store_unique(&lids);
		for (size_t i = 0; i < lids.n; i++)
			sd_strv_push(&ids->v, lids.v[i]);
		il = &idx->lines[me];
		free(il->key);
		free(il->name);
		free(il->sources);
		free(il->benchmarks);
		il->key = sd_xstrdup(sd_lineage_line_product(lin, l)->key);
		il->name = sd_xstrdup(sd_lineage_line_name(lin, l));
		il->sources = sd_xstrdup(sources && sources[l] ? sources[l] : "");
		il->releases = w->nrel;
		il->parts = w->nparts;
		for (size_t k = 0; k < w->nrel; k++) {
			const char *id = sd_lineage_release(lin, w->rels[k])->id;

			if (id && !sd_strv_contains(&bids, id))
				sd_strv_push(&bids, id);
		}
		join_strv(&bl, &bids);
		il->benchmarks = bl.ptr ? sd_buf_detach(&bl) : sd_xstrdup("");
		sd_strv_release(&lids);
		sd_strv_release(&bids);
		sd_buf_release(&text);
		sd_buf_release(&name);
	}
	for (size_t l = 0; l < nl; l++) {
		wline_release(&wl[l]);
		free(lf[l]);
	}
	free(wl);
	free(lf);
	return nsteps;
}

size_t sd_lineage_store_related(const struct sd_lineage_relrule *v, size_t n,
				const struct sd_lineage_relpair *p, size_t np,
				const struct sd_strv *line_files,
				struct sd_lineage_files *files,
				struct sd_lineage_index *idx)
{
	size_t q = 0, nsteps = 0;

	(void)n;
	/* Pairs come by `a`, the entries of a line together, lines in the
	 * order of `line_files`; a line's entries by rule, so that each
	 * file of SD_LINEAGE_RELATED_RULES rules is written at once. */
	for (size_t f = 0; f < line_files->n; f++) {
		size_t buckets = 0, li = idx ? sd_lineage_index_find(idx,
					line_files->v[f]) : SIZE_MAX;

		while (q < np && !strcmp(v[p[q].a].file, line_files->v[f])) {
			struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT,
				      body = SD_BUF_INIT;
			struct targets tg = { SD_STRV_INIT, SD_BUF_INIT };
			size_t bucket = v[p[q].a].rule / SD_LINEAGE_RELATED_RULES;

			for (; q < np; q++) {
				const struct sd_lineage_relrule *a = &v[p[q].a];
				const struct sd_lineage_relrule *b = &v[p[q].b];

				if (strcmp(a->file, line_files->v[f]) ||
				    a->rule / SD_LINEAGE_RELATED_RULES != bucket)
					break;
				/* The evidence follows from the score: not
				 * written; nor the other rule's part. */
				sd_buf_addf(&body, "step\t%zu\t%zu\tpeer\trelated\tcontent\t%.17g",
					    a->pos, a->rule, p[q].score);
				add_field(&body, NULL);
				sd_buf_addf(&body, "\t%zu\t%zu",
					    target_of(&tg, b->file, b->pos,
						      b->bench_id, b->bench_title,
						      b->label, b->v, b->r,
						      b->version, b->date,
						      b->source, b->nrules),
					    b->rule);
				add_field(&body, b->vuln);
				add_field(&body, b->rule_id);
				add_field(&body, b->stig);
				add_field(&body, b->title);
				add_field(&body, NULL);
				sd_buf_addch(&body, '\n');
				nsteps++;
			}
			sd_buf_addstr(&text, STEPS_MAGIC "\n");
			sd_buf_add(&text, tg.out.ptr ? tg.out.ptr : "", tg.out.len);
			sd_buf_add(&text, body.ptr ? body.ptr : "", body.len);
			sd_lineage_store_related_name(&name, line_files->v[f],
						      bucket);
			sd_lineage_files_put(files, name.ptr, &text);
			if (bucket + 1 > buckets)
				buckets = bucket + 1;
			sd_buf_release(&name);
			sd_buf_release(&body);
			targets_release(&tg);
		}
		if (li != SIZE_MAX)
			idx->lines[li].related = buckets;
	}
	return nsteps;
}
