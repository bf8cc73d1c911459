/*
 * The steps out of one rule (see lineage.h): hops within its line,
 * curated links, hops across product generations with the candidates
 * left out, and its peers (siblings and related rules). Found when a
 * trace first needs them, or handed over from the stored lineage.
 */
#include "lineage_int.h"
#include "buf.h"

#include <stdint.h>
#include <string.h>
static size_t rule_index(const struct sd_benchmark *b, const struct sd_rule *r)
{
	return (size_t)(r - b->rules);
}
/* ---- The steps out of one rule ---- */

static struct sd_lineage_step *edge_push(struct elist *e, int type, size_t rel,
					 size_t rule)
{
	struct sd_lineage_step *ed;

	SD_ALLOC_GROW(e->v, e->n, e->cap);
	ed = &e->v[e->n++];
	memset(ed, 0, sizeof(*ed));
	ed->type = (enum sd_lineage_step_type)type;
	ed->rel = rel;
	ed->rule = rule;
	return ed;
}

static void edge_hop(struct sd_lineage *lin, struct elist *e, size_t rel,
		     const struct sd_rule *r, const struct sd_match_pair *p,
		     const struct sd_match_link *link, const char *evidence,
		     int type)
{
	struct sd_lineage_step *ed =
		edge_push(e, type, rel, rule_index(lin->rels[rel].b, r));

	ed->kind = p ? p->kind : SD_MATCH_CURATED;
	ed->score = p ? p->score : 1.0;
	ed->evidence = p ? p->evidence : evidence;
	ed->link = link;
}

static void edge_cand(struct sd_lineage *lin, struct elist *e, size_t rel,
		      const struct sd_rule *r, double score,
		      const char *evidence)
{
	size_t rule = rule_index(lin->rels[rel].b, r);
	struct sd_lineage_step *ed;

	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].type == SD_LINEAGE_CANDIDATE && e->v[i].rel == rel &&
		    e->v[i].rule == rule)
			return;
	ed = edge_push(e, SD_LINEAGE_CANDIDATE, rel, rule);
	ed->kind = SD_MATCH_NONE;
	ed->score = score;
	ed->evidence = evidence;
}

/* Within a line: the pairs of mapping a -> b holding `rule`. */
static void steps_line(struct sd_lineage *lin, const struct sd_rule *rule,
		       struct mcache *mc, int fwd, struct elist *e)
{
	size_t other_rel = fwd ? mc->b : mc->a;

	for (size_t t = 0; t < sd_match_count(mc->m); t++) {
		const struct sd_match_pair *p = sd_match_at(mc->m, t);
		const struct sd_rule *mine = fwd ? p->old_rule : p->new_rule;
		const struct sd_rule *other = fwd ? p->new_rule : p->old_rule;

		if (mine == rule && other)
			edge_hop(lin, e, other_rel, other, p, NULL, NULL,
				 SD_LINEAGE_HOP);
	}
}

/* Releases of line l holding a rule with `id`: first or last. */
static size_t line_release_with(struct sd_lineage *lin, size_t l,
				const char *id, int last)
{
	const struct line *ln = &lin->lines[l];

	for (size_t k = 0; k < ln->n; k++) {
		size_t r = ln->rels[last ? ln->n - 1 - k : k];
		const struct sd_benchmark *b = lin->rels[r].b;

		for (size_t i = 0; i < b->nrules; i++)
			if (sd_rule_has_id(&b->rules[i], id))
				return r;
	}
	return SIZE_MAX;
}

/*
 * Curated links out of (fwd) or into `rule` of release `rel`: the link
 * applies at the last release of its line naming its old id (first
 * naming its new id).
 */
static int steps_curated(struct sd_lineage *lin, size_t rel,
			 const struct sd_rule *rule, int fwd, struct elist *e)
{
	size_t line = lin->rels[rel].line;
	int found = 0;

	for (size_t k = 0; k < lin->o.nlinks; k++) {
		const struct sd_match_link *lk = &lin->o.links[k];
		const char *mine = fwd ? lk->old_id : lk->new_id;
		const char *theirs = fwd ? lk->new_id : lk->old_id;
		struct sd_buf ev = SD_BUF_INIT;
		const char *evs;

		if (!sd_rule_has_id(rule, mine) ||
		    line_release_with(lin, line, mine, fwd) != rel)
			continue;
		sd_buf_addf(&ev, "curated link %s -> %s: %s (source: %s)",
			    lk->old_id, lk->new_id, lk->reason, lk->source);
		evs = sd_lineage_keep_str(lin, sd_buf_detach(&ev));
		for (size_t l = 0; l < lin->nlines; l++) {
			size_t r = line_release_with(lin, l, theirs, !fwd);
			const struct sd_benchmark *b;

			if (l == line || r == SIZE_MAX)
				continue;
			b = lin->rels[r].b;
			for (size_t i = 0; i < b->nrules; i++) {
				if (!sd_rule_has_id(&b->rules[i], theirs))
					continue;
				edge_hop(lin, e, r, &b->rules[i], NULL, lk, evs,
					 SD_LINEAGE_CROSS);
				found = 1;
			}
		}
	}
	return found;
}

/* Cross-product hops of one rule within this much of the best are kept. */
#define CROSS_MARGIN 0.2

struct got {
	struct mcache *mc;
	const struct sd_match_pair *p;
	size_t other_rel;
};

/*
 * Hops out of the line: forward from its last release to the first
 * release of each line succeeding it, backward from its first release
 * to the last release of each line it succeeds (relate_chain()). A line
 * whose role fits is the same product a generation on: a content match
 * is enough. Lines taken for want of any fitting role (every line of
 * the next generation) must also share enough of their rules (the
 * affinity) to count as successive products. Where a curated link was
 * taken, or no hop is found, the best content candidates are recorded
 * instead.
 */
static void steps_cross(struct sd_lineage *lin, size_t rel, size_t ri,
			int fwd, int curated, struct elist *e)
{
	const struct sd_rule *rule = &lin->rels[rel].b->rules[ri];
	const struct line *ln = &lin->lines[lin->rels[rel].line];
	const size_t *others = fwd ? ln->succ : ln->pred;
	size_t nothers = fwd ? ln->nsucc : ln->npred, ngot = 0, cap = 0;
	struct got *got = NULL;
	double best = 0, affinity = ln->fit[fwd] ? 0 : lin->o.affinity;

	for (size_t c = 0; c < nothers; c++) {
		size_t other = fwd ? first_rel(lin, others[c])
				   : last_rel(lin, others[c]);
		struct mcache *mc = fwd ? sd_lineage_mapping(lin, rel, other)
					: sd_lineage_mapping(lin, other, rel);

		for (size_t t = 0; t < sd_match_count(mc->m); t++) {
			const struct sd_match_pair *p = sd_match_at(mc->m, t);
			const struct sd_rule *mine = fwd ? p->old_rule : p->new_rule;
			const struct sd_rule *o = fwd ? p->new_rule : p->old_rule;

			if (mine != rule)
				continue;
			if (o && mc->affinity >= affinity && !curated) {
				SD_ALLOC_GROW(got, ngot, cap);
				got[ngot].mc = mc;
				got[ngot].p = p;
				got[ngot].other_rel = other;
				if (p->score > best)
					best = p->score;
				ngot++;
				continue;
			}
			if (o && mc->affinity < affinity) {
				struct sd_buf ev = SD_BUF_INIT;

				sd_buf_addf(&ev, "%s; the two products share only %.0f%% of their rules (below %.0f%%)",
					    p->evidence, mc->affinity * 100,
					    lin->o.affinity * 100);
				edge_cand(lin, e, other, o, p->score,
					  sd_lineage_keep_str(
						  lin, sd_buf_detach(&ev)));
			} else if (o || p->candidate) {
				edge_cand(lin, e, other, o ? o : p->candidate,
					  p->score,
					  o ? p->evidence : p->candidate_evidence);
			}
		}
	}
	for (size_t k = 0; k < ngot; k++) {
		const struct sd_match_pair *p = got[k].p;
		const struct sd_rule *o = fwd ? p->new_rule : p->old_rule;

		if (p->score < best - CROSS_MARGIN)
			edge_cand(lin, e, got[k].other_rel, o, p->score,
				  p->evidence);
		else
			edge_hop(lin, e, got[k].other_rel, o, p, NULL, NULL,
				 SD_LINEAGE_CROSS);
	}
	/*
	 * Where a content hop was taken, only matches left out (far below the
	 * best, or between unrelated products) remain worth showing.
	 */
	if (ngot) {
		double threshold = lin->o.match.threshold > 0
					   ? lin->o.match.threshold
					   : SD_MATCH_THRESHOLD;
		size_t n = 0;

		for (size_t k = 0; k < e->n; k++)
			if (e->v[k].type != SD_LINEAGE_CANDIDATE ||
			    e->v[k].score >= threshold)
				e->v[n++] = e->v[k];
		e->n = n;
	}
	free(got);
}

/* ---- Related rules ---- */

struct sigkey {
	unsigned long long title;
	size_t i;
};

static int cmp_sigkey(const void *a, const void *b)
{
	const struct sigkey *x = a, *y = b;

	if (x->title != y->title)
		return x->title < y->title ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_relpair(const void *a, const void *b)
{
	const struct sd_lineage_relpair *x = a, *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* Members of one title compared with each other, at most. */
#define RELATED_SPAN 48

void sd_lineage_related(const struct sd_lineage_sigrule *v, size_t n,
			struct sd_lineage_relpair **out, size_t *nout)
{
	struct sigkey *k = sd_xmalloc((n ? n : 1) * sizeof(*k));
	struct sd_lineage_relpair *p = NULL;
	size_t nk = 0, np = 0, cap = 0, kept = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i].sig->title) {
			k[nk].title = v[i].sig->title;
			k[nk].i = i;
			nk++;
		}
	sort_any(k, nk, sizeof(*k), cmp_sigkey);
	for (size_t s = 0; s < nk;) {
		size_t e = s;

		while (e < nk && k[e].title == k[s].title)
			e++;
		for (size_t x = s; x < e; x++)
			for (size_t y = s; y < e && y < s + RELATED_SPAN; y++) {
				const struct sd_lineage_sigrule *a = &v[k[x].i];
				const struct sd_lineage_sigrule *b = &v[k[y].i];
				double share;

				if (a->line == b->line ||
				    sd_product_relation(a->prod, b->prod) !=
					    SD_PRODUCT_RELATED)
					continue;
				share = sd_match_sig_similarity(a->sig, b->sig);
				SD_ALLOC_GROW(p, np, cap);
				p[np].a = k[x].i;
				p[np].b = k[y].i;
				p[np].score = 0.5 + 0.5 * share;
				np++;
			}
		s = e;
	}
	free(k);
	sort_any(p, np, sizeof(*p), cmp_relpair);
	/* The best SD_LINEAGE_MAX_RELATED per rule. */
	for (size_t i = 0; i < np; i++) {
		size_t same = 0;

		for (size_t q = kept; q > 0 && p[q - 1].a == p[i].a; q--)
			same++;
		if (same < SD_LINEAGE_MAX_RELATED)
			p[kept++] = p[i];
	}
	*out = p;
	*nout = kept;
}

void sd_lineage_related_evidence(double share, struct sd_buf *out)
{
	sd_buf_addf(out, "same title once product names are folded; check "
			 "and fix text about %.0f%% alike (estimated)",
		    share * 100);
}

/* Related rules of every line's latest release, found once. */
static void find_related(struct sd_lineage *lin)
{
	struct sd_lineage_sigrule *v = NULL;
	struct sd_lineage_relpair *p = NULL;
	size_t n = 0, cap = 0, np = 0;

	lin->related_ready = 1;
	lin->related = sd_xcalloc(lin->nrels ? lin->nrels : 1,
				  sizeof(*lin->related));
	if (lin->o.no_related)
		return;
	for (size_t l = 0; l < lin->nlines; l++) {
		size_t r = last_rel(lin, l);
		const struct sd_match_set *s = sd_lineage_rel_set(lin, r);

		for (size_t i = 0; i < lin->rels[r].b->nrules; i++) {
			SD_ALLOC_GROW(v, n, cap);
			v[n].line = l;
			v[n].rule = i;
			v[n].sig = sd_match_set_sig(s, i);
			v[n].prod = &lin->lines[l].prod;
			n++;
		}
	}
	sd_lineage_related(v, n, &p, &np);
	for (size_t i = 0; i < np; i++) {
		size_t ra = last_rel(lin, v[p[i].a].line), rule = v[p[i].a].rule;
		struct relrule **lst;
		size_t len = 0;

		if (!lin->related[ra])
			lin->related[ra] = sd_xcalloc(lin->rels[ra].b->nrules,
						      sizeof(*lin->related[ra]));
		lst = &lin->related[ra][rule];
		while (*lst && (*lst)[len].rel != SIZE_MAX)
			len++;
		*lst = sd_xrealloc(*lst, (len + 2) * sizeof(**lst));
		(*lst)[len].rel = last_rel(lin, v[p[i].b].line);
		(*lst)[len].rule = v[p[i].b].rule;
		(*lst)[len].score = p[i].score;
		(*lst)[len].share = 2 * p[i].score - 1;
		(*lst)[len + 1].rel = SIZE_MAX;
	}
	free(p);
	free(v);
}

/* Siblings and related rules of a rule of a line's latest release. */
static void steps_peers(struct sd_lineage *lin, size_t rel, size_t ri,
			struct elist *e)
{
	const struct rel *rl = &lin->rels[rel];
	const struct line *ln = &lin->lines[rl->line];
	const struct sd_rule *rule = &rl->b->rules[ri];
	const struct relrule *rr;

	if (rl->pos + 1 != ln->n)
		return;
	for (size_t s = 0; s < ln->nsib; s++) {
		size_t x, y;
		struct mcache *mc;

		sd_lineage_sibling_pair(lin, rl->line, ln->sib[s], &x, &y);
		mc = sd_lineage_mapping(lin, x, y);
		for (size_t t = 0; t < sd_match_count(mc->m); t++) {
			const struct sd_match_pair *p = sd_match_at(mc->m, t);
			const struct sd_rule *mine = x == rel ? p->old_rule
							      : p->new_rule;
			const struct sd_rule *o = x == rel ? p->new_rule
							   : p->old_rule;

			if (mine == rule && o && p->kind != SD_MATCH_NONE)
				edge_hop(lin, e, x == rel ? y : x, o, p, NULL,
					 NULL, SD_LINEAGE_PEER_SIBLING);
		}
	}
	if (!lin->related_ready)
		find_related(lin);
	if (!lin->related[rel])
		return;
	for (rr = lin->related[rel][ri]; rr && rr->rel != SIZE_MAX; rr++) {
		struct sd_lineage_step *ed =
			edge_push(e, SD_LINEAGE_PEER_RELATED, rr->rel, rr->rule);
		struct sd_buf ev = SD_BUF_INIT;

		sd_lineage_related_evidence(rr->share, &ev);
		ed->kind = SD_MATCH_CONTENT;
		ed->score = rr->score;
		ed->evidence = sd_lineage_keep_str(lin, sd_buf_detach(&ev));
	}
}

/* The step lists of release `rel` in one direction, one per rule. */
static struct elist *rel_steps(struct sd_lineage *lin, size_t rel, int d)
{
	struct rel *rl = &lin->rels[rel];

	if (!rl->edges[d])
		rl->edges[d] = sd_xcalloc(rl->b->nrules ? rl->b->nrules : 1,
					  sizeof(*rl->edges[d]));
	return rl->edges[d];
}

/* The steps out of rule `rule` of release `rel`: forward (fwd 1),
 * backward (0) or its peers (-1). */
const struct elist *sd_lineage_steps_of(struct sd_lineage *lin, size_t rel,
					size_t rule, int fwd)
{
	struct rel *rl = &lin->rels[rel];
	const struct line *ln = &lin->lines[rl->line];
	const struct sd_rule *r = &rl->b->rules[rule];
	struct elist *e;
	int curated;

	e = &rel_steps(lin, rel, fwd < 0 ? 2 : fwd)[rule];
	if (e->done)
		return e;
	e->done = 1;
	if (fwd < 0) {
		steps_peers(lin, rel, rule, e);
		return e;
	}
	if (fwd && rl->pos + 1 < ln->n)
		steps_line(lin, r,
			   sd_lineage_mapping(lin, rel, ln->rels[rl->pos + 1]),
			   1, e);
	if (!fwd && rl->pos > 0)
		steps_line(lin, r,
			   sd_lineage_mapping(lin, ln->rels[rl->pos - 1], rel),
			   0, e);
	curated = steps_curated(lin, rel, r, fwd, e);
	if (fwd ? rl->pos + 1 == ln->n : rl->pos == 0)
		steps_cross(lin, rel, rule, fwd, curated, e);
	return e;
}

size_t sd_lineage_steps(struct sd_lineage *lin, size_t rel, size_t rule,
			int fwd, const struct sd_lineage_step **out)
{
	const struct elist *e = sd_lineage_steps_of(lin, rel, rule, fwd);

	*out = e->v;
	return e->n;
}

/* The curated link behind a hop from rule `a` to rule `b`. */
static const struct sd_match_link *find_link(const struct sd_lineage *lin,
					     const struct sd_rule *a,
					     const struct sd_rule *b)
{
	for (size_t k = 0; k < lin->o.nlinks; k++)
		if (sd_rule_has_id(a, lin->o.links[k].old_id) &&
		    sd_rule_has_id(b, lin->o.links[k].new_id))
			return &lin->o.links[k];
	return NULL;
}

int sd_lineage_step_add(struct sd_lineage *lin, size_t rel, size_t rule,
			int fwd, const struct sd_lineage_step *s)
{
	struct elist *e = &rel_steps(lin, rel, fwd < 0 ? 2 : fwd)[rule];
	struct sd_lineage_step *ed = edge_push(e, s->type, s->rel, s->rule);

	ed->kind = s->kind;
	ed->score = s->score;
	sd_strv_push(&lin->strings, s->evidence ? s->evidence : "");
	ed->evidence = lin->strings.v[lin->strings.n - 1];
	if (s->kind == SD_MATCH_CURATED && s->type == SD_LINEAGE_CROSS) {
		const struct sd_rule *me = &lin->rels[rel].b->rules[rule];
		const struct sd_rule *o = &lin->rels[s->rel].b->rules[s->rule];

		if (!(ed->link = fwd ? find_link(lin, me, o)
				     : find_link(lin, o, me)))
			return -1;
	}
	return 0;
}

void sd_lineage_steps_known(struct sd_lineage *lin)
{
	for (size_t r = 0; r < lin->nrels; r++)
		for (int d = 0; d < 3; d++) {
			struct elist *e = rel_steps(lin, r, d);

			for (size_t k = 0; k < lin->rels[r].b->nrules; k++)
				e[k].done = 1;
		}
}

/* Follow node x in the directions it still wants; its peers once. */
