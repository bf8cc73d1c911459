/*
 * Rule lineage across a set of benchmarks, and the curated-link file;
 * see lineage.h. Mappings between releases are computed when a trace
 * first needs them and kept for later traces; so are each rule's steps
 * (its hops and candidates in one direction), which do not depend on
 * the trace and can therefore be written out and read back whole.
 */
#include "lineage.h"
#include "buf.h"
#include "error.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* qsort(), which must not be given a NULL array even when empty. */
static void sort_any(void *base, size_t n, size_t size,
		     int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* ---- Curated links ---- */

static char *field_dup(const char *s, size_t n)
{
	while (n && (s[0] == ' ' || s[0] == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	return sd_xstrndup(s, n);
}

int sd_lineage_links_parse(struct sd_lineage_links *l, const char *data,
			   size_t len, const char *source)
{
	static const char *const names[] = { "old id", "new id", "kind",
					     "reason", "source" };
	size_t start_n = l->n, start_strings = l->strings.n;
	unsigned line = 0;
	const char *p = data, *end = data + len;
	int err = 0;

	if (memchr(data, '\0', len))
		return sd_error_set(SD_EPARSE, "%s: NUL byte in link file",
				    source);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;
		char *f[5];
		int nf = 0;

		if (!eol)
			eol = end;
		line++;
		if (p == eol || *p == '#' ||
		    (eol - p == 1 && *p == '\r')) {
			p = eol + 1;
			continue;
		}
		for (;;) {
			const char *tab = memchr(q, '\t', (size_t)(eol - q));
			const char *fe = tab ? tab : eol;

			if (nf == 5) {
				for (int k = 0; k < nf; k++)
					free(f[k]);
				err = sd_error_set(SD_EPARSE,
						   "%s:%u: more than 5 tab-separated fields",
						   source, line);
				goto done;
			}
			f[nf++] = field_dup(q, (size_t)(fe - q));
			if (!tab)
				break;
			q = tab + 1;
		}
		for (int k = 0; k < 5; k++) {
			if (k < nf && *f[k])
				continue;
			err = sd_error_set(SD_EPARSE,
					   k < nf ? "%s:%u: empty %s"
						  : "%s:%u: no %s (5 tab-separated fields: old id, new id, kind, reason, source)",
					   source, line, names[k]);
			break;
		}
		if (!err && strcmp(f[2], "curated"))
			err = sd_error_set(SD_EPARSE,
					   "%s:%u: unknown kind '%s' (expected 'curated')",
					   source, line, f[2]);
		if (err) {
			for (int k = 0; k < nf; k++)
				free(f[k]);
			goto done;
		}
		SD_ALLOC_GROW(l->v, l->n, l->cap);
		l->v[l->n].old_id = f[0];
		l->v[l->n].new_id = f[1];
		l->v[l->n].reason = f[3];
		l->v[l->n].source = f[4];
		l->n++;
		sd_strv_push_owned(&l->strings, f[0]);
		sd_strv_push_owned(&l->strings, f[1]);
		free(f[2]);
		sd_strv_push_owned(&l->strings, f[3]);
		sd_strv_push_owned(&l->strings, f[4]);
		p = eol + 1;
	}
done:
	if (err) {
		while (l->strings.n > start_strings)
			free(l->strings.v[--l->strings.n]);
		if (l->strings.v)
			l->strings.v[l->strings.n] = NULL;
		l->n = start_n;
	}
	return err;
}

int sd_lineage_links_load(struct sd_lineage_links *l, const char *path)
{
	char *data;
	size_t len;
	int err;

	if ((err = sd_read_file(path, (size_t)16 << 20, &data, &len)) < 0)
		return err;
	err = sd_lineage_links_parse(l, data, len, path);
	free(data);
	return err;
}

void sd_lineage_links_release(struct sd_lineage_links *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
	sd_strv_release(&l->strings);
}

/* ---- Lines and releases ---- */

/* Lines scored for one rule, at most this many. */
#define MAX_LINES 16
#define MAX_HITS 64

/* A line a rule may hop to, with its best hit. */
struct cline {
	size_t line;
	double best;
};

/* The candidate lines of one rule in one direction, found once. */
struct clist {
	int done;
	size_t n;
	struct cline cl[MAX_LINES];
};

/*
 * One step out of a rule in one direction (a hop to the rule `rel`,
 * `rule`), or a candidate there. A rule's steps are a function of the
 * rule alone, not of the trace that reaches it: they are found once,
 * in the order a trace takes them, and can be stored and read back.
 */
struct edge {
	size_t rel, rule;
	enum sd_match_kind kind;
	double score;
	const char *evidence;
	const struct sd_match_link *link; /* a curated hop */
	unsigned char cross, cand;
};

struct elist {
	struct edge *v;
	size_t n, cap;
	int done;
};

struct rel {
	struct sd_benchmark *b;
	struct sd_match_set *set; /* made when first needed */
	size_t line;
	size_t pos; /* within its line */
	struct clist *cross[2]; /* per rule, backward and forward; lazily */
	struct elist *edges[2]; /* per rule, backward and forward; lazily */
};

struct line {
	size_t *rels; /* release order */
	size_t n, cap;
	unsigned long gen;
};

struct mcache {
	size_t a, b; /* releases */
	struct sd_match *m;
	double affinity;
};

/* One id form of a rule: `len` bytes of `s`. */
struct idkey {
	const char *s;
	size_t len;
	size_t rel, rule;
};

struct sd_lineage {
	struct rel *rels;
	size_t nrels;
	struct line *lines;
	size_t nlines;
	struct sd_lineage_opts o;
	struct mcache *mc;
	size_t nmc, capmc;
	/* Indexes over the first and the last release of every line. */
	struct sd_match_index *idx[2];
	struct sd_match_set **idx_sets[2];
	size_t *idx_rel[2];
	struct sd_strv strings;
	/* Every id form of every rule, sorted: where a trace starts. */
	struct idkey *ids;
	size_t nids, capids;
	int ids_ready;
};

unsigned long sd_lineage_generation(const struct sd_benchmark *b)
{
	const char *texts[2] = { b->title, b->id };

	for (int t = 0; t < 2; t++) {
		const char *s = texts[t];

		if (!s)
			continue;
		for (size_t i = 0; s[i]; i++) {
			unsigned long v = 0;
			size_t n = 0;

			if (s[i] < '0' || s[i] > '9')
				continue;
			if (i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
				      (s[i - 1] >= 'A' && s[i - 1] <= 'Z'))) {
				while (s[i + 1] >= '0' && s[i + 1] <= '9')
					i++;
				continue;
			}
			while (s[i + n] >= '0' && s[i + n] <= '9' && n < 9)
				v = v * 10 + (unsigned long)(s[i + n++] - '0');
			if (v)
				return v;
			i += n ? n - 1 : 0;
		}
	}
	return 0;
}

static int rel_cmp(const struct sd_benchmark *a, const struct sd_benchmark *b)
{
	int c = sd_release_cmp(a->v, a->r, a->date, b->v, b->r, b->date);

	return c ? c : sd_strcmp_null(a->source, b->source);
}

static int same_release(const struct sd_benchmark *a,
			const struct sd_benchmark *b)
{
	return !sd_strcmp_null(a->id, b->id) && a->v == b->v && a->r == b->r &&
	       (a->v || a->r) && !sd_strcmp_null(a->date, b->date);
}

int sd_lineage_new(struct sd_benchmark *const *benches, size_t n,
		   const struct sd_lineage_opts *opts, struct sd_lineage **out)
{
	struct sd_lineage *lin = sd_xcalloc(1, sizeof(*lin));

	if (opts)
		lin->o = *opts;
	lin->o.match.links = NULL;
	lin->o.match.nlinks = 0;
	if (lin->o.affinity <= 0)
		lin->o.affinity = SD_LINEAGE_AFFINITY;
	if (!lin->o.max_candidates)
		lin->o.max_candidates = 3;
	lin->rels = sd_xcalloc(n ? n : 1, sizeof(*lin->rels));
	lin->lines = sd_xcalloc(n ? n : 1, sizeof(*lin->lines));
	for (size_t i = 0; i < n; i++) {
		struct sd_benchmark *b = benches[i];
		size_t l, k;
		struct line *ln;
		int dup = 0;

		for (l = 0; l < lin->nlines; l++)
			if (b->id && !sd_strcmp_null(
					     lin->rels[lin->lines[l].rels[0]].b->id,
					     b->id))
				break;
		if (l == lin->nlines)
			lin->nlines++;
		ln = &lin->lines[l];
		for (k = 0; k < ln->n; k++)
			if (same_release(lin->rels[ln->rels[k]].b, b))
				dup = 1;
		if (dup) {
			sd_warn("'%s' repeats %s; using the first copy",
				b->source ? b->source : "?", b->id);
			continue;
		}
		lin->rels[lin->nrels].b = b;
		lin->rels[lin->nrels].line = l;
		/* Insert in release order. */
		SD_ALLOC_GROW(ln->rels, ln->n, ln->cap);
		for (k = ln->n; k > 0 &&
				rel_cmp(lin->rels[ln->rels[k - 1]].b, b) > 0;
		     k--)
			ln->rels[k] = ln->rels[k - 1];
		ln->rels[k] = lin->nrels;
		ln->n++;
		lin->nrels++;
	}
	for (size_t l = 0; l < lin->nlines; l++) {
		struct line *ln = &lin->lines[l];

		for (size_t k = 0; k < ln->n; k++)
			lin->rels[ln->rels[k]].pos = k;
		ln->gen = sd_lineage_generation(lin->rels[ln->rels[ln->n - 1]].b);
	}
	*out = lin;
	return 0;
}

size_t sd_lineage_benchmarks(const struct sd_lineage *lin)
{
	return lin->nrels;
}

/* Forget every rule's steps (found or read). */
static void steps_forget(struct sd_lineage *lin)
{
	for (size_t r = 0; r < lin->nrels; r++)
		for (int d = 0; d < 2; d++) {
			struct elist *e = lin->rels[r].edges[d];

			for (size_t k = 0; e && k < lin->rels[r].b->nrules; k++)
				free(e[k].v);
			free(e);
			lin->rels[r].edges[d] = NULL;
		}
}

void sd_lineage_free(struct sd_lineage *lin)
{
	if (!lin)
		return;
	for (size_t i = 0; i < lin->nmc; i++)
		sd_match_free(lin->mc[i].m);
	free(lin->mc);
	for (int d = 0; d < 2; d++) {
		sd_match_index_free(lin->idx[d]);
		free(lin->idx_sets[d]);
		free(lin->idx_rel[d]);
	}
	steps_forget(lin);
	for (size_t i = 0; i < lin->nrels; i++) {
		sd_match_set_free(lin->rels[i].set);
		free(lin->rels[i].cross[0]);
		free(lin->rels[i].cross[1]);
	}
	for (size_t l = 0; l < lin->nlines; l++)
		free(lin->lines[l].rels);
	free(lin->lines);
	free(lin->rels);
	free(lin->ids);
	sd_strv_release(&lin->strings);
	free(lin);
}

static struct sd_match_set *rel_set(struct sd_lineage *lin, size_t r)
{
	if (!lin->rels[r].set)
		lin->rels[r].set = sd_match_set_new(lin->rels[r].b);
	return lin->rels[r].set;
}

/* The mapping of release a to release b, computed once. */
static struct mcache *mapping(struct sd_lineage *lin, size_t a, size_t b)
{
	const struct sd_lineage_cache *cache = lin->o.cache;
	struct mcache *c;
	size_t matched = 0, na, nb, small;

	for (size_t i = 0; i < lin->nmc; i++)
		if (lin->mc[i].a == a && lin->mc[i].b == b)
			return &lin->mc[i];
	SD_ALLOC_GROW(lin->mc, lin->nmc, lin->capmc);
	c = &lin->mc[lin->nmc++];
	c->a = a;
	c->b = b;
	c->m = NULL;
	if (cache) {
		struct sd_buf text = SD_BUF_INIT;

		if (cache->get(cache->ctx, lin->rels[a].b, lin->rels[b].b,
			       &text) == 0 &&
		    sd_match_read(lin->rels[a].b, lin->rels[b].b, text.ptr,
				  text.len, &c->m) < 0)
			c->m = NULL;
		sd_buf_release(&text);
	}
	if (!c->m) {
		sd_match_run_sets(rel_set(lin, a), rel_set(lin, b),
				  &lin->o.match, &c->m);
		if (cache) {
			struct sd_buf text = SD_BUF_INIT;

			sd_match_write(c->m, &text);
			cache->put(cache->ctx, lin->rels[a].b, lin->rels[b].b,
				   &text);
			sd_buf_release(&text);
		}
	}
	for (size_t t = 0; t < sd_match_count(c->m); t++) {
		const struct sd_match_pair *p = sd_match_at(c->m, t);

		if (p->kind != SD_MATCH_NONE)
			matched++;
	}
	na = lin->rels[a].b->nrules;
	nb = lin->rels[b].b->nrules;
	small = na < nb ? na : nb;
	c->affinity = small ? (double)matched / (double)small : 0;
	return c;
}

/* Index d (0: first releases, 1: last releases) of every line. */
static struct sd_match_index *line_index(struct sd_lineage *lin, int d)
{
	if (lin->idx[d])
		return lin->idx[d];
	lin->idx_sets[d] = sd_xcalloc(lin->nlines ? lin->nlines : 1,
				      sizeof(*lin->idx_sets[d]));
	lin->idx_rel[d] = sd_xcalloc(lin->nlines ? lin->nlines : 1,
				     sizeof(*lin->idx_rel[d]));
	for (size_t l = 0; l < lin->nlines; l++) {
		const struct line *ln = &lin->lines[l];
		size_t r = ln->rels[d ? ln->n - 1 : 0];

		lin->idx_rel[d][l] = r;
		lin->idx_sets[d][l] = rel_set(lin, r);
	}
	lin->idx[d] = sd_match_index_new(lin->idx_sets[d], lin->nlines);
	return lin->idx[d];
}

/* ---- Tracing ---- */

struct tnode {
	size_t rel, rule;
};

struct tb {
	struct sd_lineage *lin;
	struct sd_lineage_trace *t;
	struct tnode *tn;
	size_t captn, caphops, capcands;
	size_t **node_of; /* per release, per rule: node + 1 */
	unsigned char *dir; /* per node: WANT_* and DONE_* bits */
	size_t *queue;      /* nodes with a direction still to follow */
	size_t nqueue, capqueue;
};

/* A start node is followed both ways; a node reached going forward
 * only forward, one reached going backward only backward. */
enum { WANT_FWD = 1, WANT_BACK = 2, DONE_FWD = 4, DONE_BACK = 8 };

static void want(struct tb *tb, size_t x, int bits)
{
	if (!(bits & ~tb->dir[x]))
		return;
	tb->dir[x] |= (unsigned char)bits;
	SD_ALLOC_GROW(tb->queue, tb->nqueue, tb->capqueue);
	tb->queue[tb->nqueue++] = x;
}

static size_t rule_index(const struct sd_benchmark *b, const struct sd_rule *r)
{
	return (size_t)(r - b->rules);
}

static size_t node_get(struct tb *tb, size_t rel, size_t rule)
{
	struct sd_lineage_trace *t = tb->t;
	const struct sd_benchmark *b = tb->lin->rels[rel].b;
	struct sd_lineage_node *nd;

	if (!tb->node_of[rel])
		tb->node_of[rel] = sd_xcalloc(b->nrules ? b->nrules : 1,
					      sizeof(size_t));
	if (tb->node_of[rel][rule])
		return tb->node_of[rel][rule] - 1;
	SD_ALLOC_GROW(t->nodes, t->nnodes, tb->captn);
	tb->tn = sd_xrealloc(tb->tn, tb->captn * sizeof(*tb->tn));
	tb->dir = sd_xrealloc(tb->dir, tb->captn);
	tb->dir[t->nnodes] = 0;
	nd = &t->nodes[t->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->bench = b;
	nd->rule = &b->rules[rule];
	nd->generation = tb->lin->lines[tb->lin->rels[rel].line].gen;
	tb->tn[t->nnodes].rel = rel;
	tb->tn[t->nnodes].rule = rule;
	tb->node_of[rel][rule] = ++t->nnodes;
	return t->nnodes - 1;
}

static void hop_add(struct tb *tb, size_t from, size_t to, const struct edge *e)
{
	struct sd_lineage_trace *t = tb->t;
	struct sd_lineage_hop *h;

	for (size_t i = 0; i < t->nhops; i++)
		if (t->hops[i].from == from && t->hops[i].to == to)
			return;
	SD_ALLOC_GROW(t->hops, t->nhops, tb->caphops);
	h = &t->hops[t->nhops++];
	h->from = from;
	h->to = to;
	h->kind = e->kind;
	h->score = e->score;
	h->evidence = e->evidence;
	h->link = e->link;
	h->cross = e->cross;
}

static void cand_add(struct tb *tb, size_t node, int forward,
		     const struct edge *e)
{
	struct sd_lineage_trace *t = tb->t;
	const struct sd_benchmark *b = tb->lin->rels[e->rel].b;
	const struct sd_rule *r = &b->rules[e->rule];
	struct sd_lineage_cand *c;

	for (size_t i = 0; i < t->ncands; i++)
		if (t->cands[i].node == node && t->cands[i].rule == r)
			return;
	SD_ALLOC_GROW(t->cands, t->ncands, tb->capcands);
	c = &t->cands[t->ncands++];
	c->node = node;
	c->forward = forward;
	c->bench = b;
	c->rule = r;
	c->score = e->score;
	c->evidence = e->evidence;
}

/* ---- The steps out of one rule ---- */

static struct edge *edge_push(struct elist *e, size_t rel, size_t rule)
{
	struct edge *ed;

	SD_ALLOC_GROW(e->v, e->n, e->cap);
	ed = &e->v[e->n++];
	memset(ed, 0, sizeof(*ed));
	ed->rel = rel;
	ed->rule = rule;
	return ed;
}

static void edge_hop(struct sd_lineage *lin, struct elist *e, size_t rel,
		     const struct sd_rule *r, const struct sd_match_pair *p,
		     const struct sd_match_link *link, const char *evidence,
		     int cross)
{
	struct edge *ed = edge_push(e, rel, rule_index(lin->rels[rel].b, r));

	ed->kind = p ? p->kind : SD_MATCH_CURATED;
	ed->score = p ? p->score : 1.0;
	ed->evidence = p ? p->evidence : evidence;
	ed->link = link;
	ed->cross = (unsigned char)cross;
}

static void edge_cand(struct sd_lineage *lin, struct elist *e, size_t rel,
		      const struct sd_rule *r, double score,
		      const char *evidence)
{
	size_t rule = rule_index(lin->rels[rel].b, r);
	struct edge *ed;

	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].cand && e->v[i].rel == rel && e->v[i].rule == rule)
			return;
	ed = edge_push(e, rel, rule);
	ed->cand = 1;
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
			edge_hop(lin, e, other_rel, other, p, NULL, NULL, 0);
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

		if (!sd_rule_has_id(rule, mine) ||
		    line_release_with(lin, line, mine, fwd) != rel)
			continue;
		sd_buf_addf(&ev, "curated link %s -> %s: %s (source: %s)",
			    lk->old_id, lk->new_id, lk->reason, lk->source);
		sd_strv_push_owned(&lin->strings, sd_buf_detach(&ev));
		for (size_t l = 0; l < lin->nlines; l++) {
			size_t r = line_release_with(lin, l, theirs, !fwd);
			const struct sd_benchmark *b;

			if (l == line || r == SIZE_MAX)
				continue;
			b = lin->rels[r].b;
			for (size_t i = 0; i < b->nrules; i++) {
				if (!sd_rule_has_id(&b->rules[i], theirs))
					continue;
				edge_hop(lin, e, r, &b->rules[i], NULL, lk,
					 lin->strings.v[lin->strings.n - 1], 1);
				found = 1;
			}
		}
	}
	return found;
}

static int cmp_cline(const void *a, const void *b, int desc_gen,
		     const struct sd_lineage *lin)
{
	const struct cline *x = a, *y = b;
	unsigned long gx = lin->lines[x->line].gen, gy = lin->lines[y->line].gen;

	if (gx != gy)
		return (gx < gy) == !desc_gen ? -1 : 1;
	if (x->best != y->best)
		return x->best < y->best ? 1 : -1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Cross-product hops of one rule within this much of the best are kept. */
#define CROSS_MARGIN 0.2

struct got {
	struct mcache *mc;
	const struct sd_match_pair *p;
	size_t other_rel;
};

/*
 * The lines of a later (fwd) or earlier generation that rule `rule` of
 * release `rel` may hop to, nearest generation first, then best hit:
 * the query of the line index, done once per rule and direction (every
 * trace through the rule asks the same).
 */
static size_t cross_lines(struct sd_lineage *lin, size_t rel, size_t rule,
			  int fwd, const struct cline **out)
{
	struct rel *rl = &lin->rels[rel];
	unsigned long gen = lin->lines[rl->line].gen;
	struct sd_match_hit hits[MAX_HITS];
	struct clist *c;
	size_t nh;

	if (!rl->cross[fwd])
		rl->cross[fwd] = sd_xcalloc(rl->b->nrules ? rl->b->nrules : 1,
					    sizeof(*rl->cross[fwd]));
	c = &rl->cross[fwd][rule];
	*out = c->cl;
	if (c->done)
		return c->n;
	c->done = 1;
	nh = sd_match_index_query(line_index(lin, fwd ? 0 : 1),
				  rel_set(lin, rel), rule, hits, MAX_HITS);
	for (size_t h = 0; h < nh && c->n < MAX_LINES; h++) {
		size_t l = hits[h].set, k;
		unsigned long g = lin->lines[l].gen;

		if (l == rl->line || !g || (fwd ? g <= gen : g >= gen))
			continue;
		for (k = 0; k < c->n && c->cl[k].line != l; k++)
			;
		if (k == c->n) {
			c->cl[c->n].line = l;
			c->cl[c->n].best = hits[h].score;
			c->n++;
		}
	}
	/* Insertion sort: nearest generation first, then best hit. */
	for (size_t i = 1; i < c->n; i++)
		for (size_t j = i; j > 0 && cmp_cline(&c->cl[j - 1], &c->cl[j],
						      !fwd, lin) > 0;
		     j--) {
			struct cline t = c->cl[j];

			c->cl[j] = c->cl[j - 1];
			c->cl[j - 1] = t;
		}
	return c->n;
}

/*
 * Content hops out of the line: forward from its last release to the
 * first release of lines of the nearest later generation with a match,
 * or backward from its first release to the last release of lines of
 * the nearest earlier one. Where a curated link was taken, or no hop is
 * found, the best content candidates are recorded instead.
 */
static void steps_cross(struct sd_lineage *lin, size_t rel, size_t ri,
			int fwd, int curated, struct elist *e)
{
	const struct sd_rule *rule = &lin->rels[rel].b->rules[ri];
	unsigned long gen = lin->lines[lin->rels[rel].line].gen, found_gen = 0;
	const struct cline *cl;
	struct got got[MAX_LINES * 4];
	size_t ncl, ngot = 0;
	double best = 0;

	if (!gen)
		return;
	ncl = cross_lines(lin, rel, ri, fwd, &cl);
	for (size_t c = 0; c < ncl; c++) {
		size_t other = lin->idx_rel[fwd ? 0 : 1][cl[c].line];
		unsigned long g = lin->lines[cl[c].line].gen;
		struct mcache *mc;

		if (found_gen && g != found_gen)
			break;
		mc = fwd ? mapping(lin, rel, other) : mapping(lin, other, rel);
		for (size_t t = 0; t < sd_match_count(mc->m); t++) {
			const struct sd_match_pair *p = sd_match_at(mc->m, t);
			const struct sd_rule *mine = fwd ? p->old_rule : p->new_rule;
			const struct sd_rule *o = fwd ? p->new_rule : p->old_rule;

			if (mine != rule)
				continue;
			if (o && mc->affinity >= lin->o.affinity && !curated &&
			    ngot < SD_ARRAY_SIZE(got)) {
				got[ngot].mc = mc;
				got[ngot].p = p;
				got[ngot].other_rel = other;
				if (p->score > best)
					best = p->score;
				ngot++;
				found_gen = g;
				continue;
			}
			if (o && mc->affinity < lin->o.affinity) {
				struct sd_buf ev = SD_BUF_INIT;

				sd_buf_addf(&ev, "%s; the two products share only %.0f%% of their rules (below %.0f%%)",
					    p->evidence, mc->affinity * 100,
					    lin->o.affinity * 100);
				sd_strv_push_owned(&lin->strings,
						   sd_buf_detach(&ev));
				edge_cand(lin, e, other, o, p->score,
					  lin->strings.v[lin->strings.n - 1]);
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
			edge_hop(lin, e, got[k].other_rel, o, p, NULL, NULL, 1);
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
			if (!e->v[k].cand || e->v[k].score >= threshold)
				e->v[n++] = e->v[k];
		e->n = n;
	}
}

/* The step lists of release `rel` in one direction, one per rule. */
static struct elist *rel_steps(struct sd_lineage *lin, size_t rel, int fwd)
{
	struct rel *rl = &lin->rels[rel];

	if (!rl->edges[fwd])
		rl->edges[fwd] = sd_xcalloc(rl->b->nrules ? rl->b->nrules : 1,
					    sizeof(*rl->edges[fwd]));
	return rl->edges[fwd];
}

/* The steps out of rule `rule` of release `rel` going forward or back. */
static const struct elist *steps(struct sd_lineage *lin, size_t rel,
				 size_t rule, int fwd)
{
	struct rel *rl = &lin->rels[rel];
	const struct line *ln = &lin->lines[rl->line];
	const struct sd_rule *r = &rl->b->rules[rule];
	struct elist *e;
	int curated;

	e = &rel_steps(lin, rel, fwd)[rule];
	if (e->done)
		return e;
	e->done = 1;
	if (fwd && rl->pos + 1 < ln->n)
		steps_line(lin, r, mapping(lin, rel, ln->rels[rl->pos + 1]), 1,
			   e);
	if (!fwd && rl->pos > 0)
		steps_line(lin, r, mapping(lin, ln->rels[rl->pos - 1], rel), 0,
			   e);
	curated = steps_curated(lin, rel, r, fwd, e);
	if (fwd ? rl->pos + 1 == ln->n : rl->pos == 0)
		steps_cross(lin, rel, rule, fwd, curated, e);
	return e;
}

/* Follow node x in the directions it still wants. */
static void visit(struct tb *tb, size_t x)
{
	for (int fwd = 1; fwd >= 0; fwd--) {
		int bit = fwd ? WANT_FWD : WANT_BACK;
		const struct elist *e;

		if (!(tb->dir[x] & bit) || (tb->dir[x] & (bit << 2)))
			continue;
		tb->dir[x] |= (unsigned char)(bit << 2);
		e = steps(tb->lin, tb->tn[x].rel, tb->tn[x].rule, fwd);
		for (size_t k = 0; k < e->n; k++) {
			const struct edge *ed = &e->v[k];
			size_t y;

			if (ed->cand) {
				cand_add(tb, x, fwd, ed);
				continue;
			}
			y = node_get(tb, ed->rel, ed->rule);
			hop_add(tb, fwd ? x : y, fwd ? y : x, ed);
			want(tb, y, fwd ? WANT_FWD : WANT_BACK);
		}
	}
}

/* Order of nodes: generation, line id, release, rule. */
static struct sd_lineage *sort_lin;
static struct tnode *sort_tn;

static int cmp_node_idx(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct rel *rx = &sort_lin->rels[sort_tn[x].rel];
	const struct rel *ry = &sort_lin->rels[sort_tn[y].rel];
	unsigned long gx = sort_lin->lines[rx->line].gen;
	unsigned long gy = sort_lin->lines[ry->line].gen;
	int c;

	if (gx != gy)
		return gx < gy ? -1 : 1;
	if (rx->line != ry->line) {
		c = sd_strcmp_null(rx->b->id, ry->b->id);
		if (c)
			return c;
		return rx->line < ry->line ? -1 : 1;
	}
	if (rx->pos != ry->pos)
		return rx->pos < ry->pos ? -1 : 1;
	return sort_tn[x].rule < sort_tn[y].rule ? -1
						 : sort_tn[x].rule > sort_tn[y].rule;
}

static int cmp_hop(const void *a, const void *b)
{
	const struct sd_lineage_hop *x = a, *y = b;

	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

static int cmp_lcand(const void *a, const void *b)
{
	const struct sd_lineage_cand *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->forward != y->forward)
		return x->forward ? -1 : 1;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return sd_strcmp_null(x->rule->rule_id, y->rule->rule_id);
}

/* Renumber nodes into display order; keep the best candidates. */
static void finish(struct tb *tb)
{
	struct sd_lineage_trace *t = tb->t;
	size_t *order = sd_xmalloc((t->nnodes ? t->nnodes : 1) * sizeof(*order));
	size_t *newpos = sd_xmalloc((t->nnodes ? t->nnodes : 1) * sizeof(*newpos));
	struct sd_lineage_node *nodes;
	size_t n = 0;

	for (size_t i = 0; i < t->nnodes; i++)
		order[i] = i;
	sort_lin = tb->lin;
	sort_tn = tb->tn;
	sort_any(order, t->nnodes, sizeof(*order), cmp_node_idx);
	nodes = sd_xmalloc((t->nnodes ? t->nnodes : 1) * sizeof(*nodes));
	for (size_t i = 0; i < t->nnodes; i++) {
		nodes[i] = t->nodes[order[i]];
		newpos[order[i]] = i;
	}
	free(t->nodes);
	t->nodes = nodes;
	for (size_t i = 0; i < t->nhops; i++) {
		t->hops[i].from = newpos[t->hops[i].from];
		t->hops[i].to = newpos[t->hops[i].to];
	}
	sort_any(t->hops, t->nhops, sizeof(*t->hops), cmp_hop);
	for (size_t i = 0; i < t->ncands; i++)
		t->cands[i].node = newpos[t->cands[i].node];
	sort_any(t->cands, t->ncands, sizeof(*t->cands), cmp_lcand);
	/* At most max_candidates per node and direction; none already a hop. */
	for (size_t i = 0; i < t->ncands; i++) {
		const struct sd_lineage_cand *c = &t->cands[i];
		size_t same = 0;
		int is_hop = 0;

		for (size_t k = n; k > 0 && t->cands[k - 1].node == c->node &&
				   t->cands[k - 1].forward == c->forward;
		     k--)
			same++;
		for (size_t h = 0; h < t->nhops; h++) {
			size_t o = c->forward ? t->hops[h].to : t->hops[h].from;
			size_t me = c->forward ? t->hops[h].from : t->hops[h].to;

			if (me == c->node && t->nodes[o].rule == c->rule)
				is_hop = 1;
		}
		if (same < tb->lin->o.max_candidates && !is_hop)
			t->cands[n++] = *c;
	}
	t->ncands = n;
	free(order);
	free(newpos);
}

/* ---- Where a trace starts ---- */

static int cmp_idkey_str(const struct idkey *k, const char *s, size_t len)
{
	int c = strncasecmp(k->s, s, k->len < len ? k->len : len);

	if (c)
		return c;
	return k->len < len ? -1 : k->len > len;
}

static int cmp_idkey(const void *a, const void *b)
{
	const struct idkey *x = a, *y = b;
	int c = cmp_idkey_str(x, y->s, y->len);

	if (c)
		return c;
	if (x->rel != y->rel)
		return x->rel < y->rel ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void idkey_add(struct sd_lineage *lin, const char *s, size_t len,
		      size_t rel, size_t rule)
{
	if (!s || !len)
		return;
	SD_ALLOC_GROW(lin->ids, lin->nids, lin->capids);
	lin->ids[lin->nids].s = s;
	lin->ids[lin->nids].len = len;
	lin->ids[lin->nids].rel = rel;
	lin->ids[lin->nids].rule = rule;
	lin->nids++;
}

/*
 * Index the id forms sd_rule_has_id() accepts, a superset of them: the
 * ids, the legacy ids, and the rule id whole, without "_rule" and cut
 * before each "r<digit>" (its revision). A lookup is checked with
 * sd_rule_has_id(), so the index only has to miss nothing.
 */
static void index_ids(struct sd_lineage *lin)
{
	lin->ids_ready = 1;
	for (size_t r = 0; r < lin->nrels; r++) {
		const struct sd_benchmark *b = lin->rels[r].b;

		for (size_t i = 0; i < b->nrules; i++) {
			const struct sd_rule *ru = &b->rules[i];
			const char *id = ru->rule_id;
			const char *plain[3] = { ru->vuln_id, ru->stig_id,
						 ru->rule_base };
			size_t len = id ? strlen(id) : 0;

			for (int k = 0; k < 3; k++)
				idkey_add(lin, plain[k],
					  plain[k] ? strlen(plain[k]) : 0, r, i);
			for (size_t k = 0; k < ru->legacy.n; k++)
				idkey_add(lin, ru->legacy.v[k],
					  strlen(ru->legacy.v[k]), r, i);
			idkey_add(lin, id, len, r, i);
			if (len > 5 && !strcasecmp(id + len - 5, "_rule"))
				idkey_add(lin, id, len - 5, r, i);
			for (size_t n = 0; n < len; n++)
				if (id[n] == 'r' && id[n + 1] >= '0' &&
				    id[n + 1] <= '9')
					idkey_add(lin, id, n, r, i);
		}
	}
	sort_any(lin->ids, lin->nids, sizeof(*lin->ids), cmp_idkey);
}

int sd_lineage_trace(struct sd_lineage *lin, const char *id,
		     struct sd_lineage_trace **out)
{
	struct tb tb;
	struct sd_lineage_trace *t = sd_xcalloc(1, sizeof(*t));

	*out = NULL;
	memset(&tb, 0, sizeof(tb));
	tb.lin = lin;
	tb.t = t;
	t->query = sd_xstrdup(id ? id : "");
	tb.node_of = sd_xcalloc(lin->nrels ? lin->nrels : 1,
				sizeof(*tb.node_of));
	if (!lin->ids_ready)
		index_ids(lin);
	if (id && *id) {
		size_t lo = 0, hi = lin->nids, len = strlen(id);

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (cmp_idkey_str(&lin->ids[mid], id, len) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Keys of one id are sorted by release and rule. */
		for (; lo < lin->nids && !cmp_idkey_str(&lin->ids[lo], id, len);
		     lo++) {
			const struct idkey *k = &lin->ids[lo];
			size_t x;

			if (!sd_rule_has_id(&lin->rels[k->rel].b->rules[k->rule],
					    id))
				continue;
			x = node_get(&tb, k->rel, k->rule); /* may move t->nodes */
			t->nodes[x].start = 1;
			want(&tb, x, WANT_FWD | WANT_BACK);
		}
	}
	if (!t->nnodes) {
		int err = sd_error_set(SD_ENOTFOUND,
				       "no rule '%s' in %zu benchmark%s", t->query,
				       lin->nrels, lin->nrels == 1 ? "" : "s");

		sd_lineage_trace_free(t);
		free(tb.node_of);
		return err;
	}
	for (size_t q = 0; q < tb.nqueue; q++)
		visit(&tb, tb.queue[q]);
	finish(&tb);
	for (size_t r = 0; r < lin->nrels; r++)
		free(tb.node_of[r]);
	free(tb.node_of);
	free(tb.tn);
	free(tb.dir);
	free(tb.queue);
	*out = t;
	return 0;
}

void sd_lineage_trace_free(struct sd_lineage_trace *t)
{
	if (!t)
		return;
	free(t->query);
	free(t->nodes);
	free(t->hops);
	free(t->cands);
	free(t);
}

/* ---- Stored steps ---- */

#define STORE_MAGIC "stigdiff-lineage-links\t1"
#define STORE_FIELDS 11

static const char *rule_key(const struct sd_rule *r)
{
	return r->vuln_id ? r->vuln_id : r->rule_id ? r->rule_id : "";
}

static void add_rule_ref(struct sd_buf *out, const struct sd_lineage *lin,
			 size_t rel, size_t rule)
{
	const struct sd_benchmark *b = lin->rels[rel].b;
	char label[64];

	sd_rulefile_label(b, label);
	sd_tsv_field(out, b->id);
	sd_buf_addch(out, '\t');
	sd_tsv_field(out, label);
	sd_buf_addch(out, '\t');
	sd_tsv_field(out, rule_key(&b->rules[rule]));
}

static int cmp_line_id(const void *a, const void *b)
{
	const struct sd_lineage *lin = sort_lin;
	const struct line *x = &lin->lines[*(const size_t *)a];
	const struct line *y = &lin->lines[*(const size_t *)b];

	return sd_strcmp_null(lin->rels[x->rels[0]].b->id,
			      lin->rels[y->rels[0]].b->id);
}

size_t sd_lineage_store_write(struct sd_lineage *lin, const char *key,
			      struct sd_buf *out)
{
	size_t *order = sd_xmalloc((lin->nlines ? lin->nlines : 1) *
				   sizeof(*order));
	size_t nlines = 0;

	sd_buf_addstr(out, STORE_MAGIC "\n");
	sd_buf_addstr(out, "# Every step of every rule's lineage, as 'stigdiff lineage' takes it:\n"
			   "# rule, direction (successor or predecessor), type (hop, cross,\n"
			   "# candidate), the other rule, kind, score, evidence. A rule is its\n"
			   "# benchmark id, release and vuln id. Written by 'stigdiff corpus link';\n"
			   "# see README.md, \"Corpus format\".\n");
	sd_buf_addf(out, "key\t%s\n", key);
	for (size_t l = 0; l < lin->nlines; l++)
		order[l] = l;
	sort_lin = lin;
	sort_any(order, lin->nlines, sizeof(*order), cmp_line_id);
	for (size_t l = 0; l < lin->nlines; l++) {
		const struct line *ln = &lin->lines[order[l]];

		for (size_t k = 0; k < ln->n; k++) {
			size_t rel = ln->rels[k];

			for (size_t i = 0; i < lin->rels[rel].b->nrules; i++)
				for (int fwd = 1; fwd >= 0; fwd--) {
					const struct elist *e =
						steps(lin, rel, i, fwd);

					for (size_t s = 0; s < e->n; s++) {
						const struct edge *ed = &e->v[s];

						add_rule_ref(out, lin, rel, i);
						sd_buf_addf(out, "\t%s\t%s\t",
							    fwd ? "successor"
								: "predecessor",
							    ed->cand ? "candidate"
							    : ed->cross ? "cross"
									: "hop");
						add_rule_ref(out, lin, ed->rel,
							     ed->rule);
						sd_buf_addf(out, "\t%s\t%.17g\t",
							    sd_match_kind_name(
								    ed->kind),
							    ed->score);
						sd_tsv_field(out, ed->evidence);
						sd_buf_addch(out, '\n');
						nlines++;
					}
				}
		}
	}
	free(order);
	return nlines;
}

/* The release `id`, `label`, looked for from `*hint` on; SIZE_MAX when
 * none. */
static size_t find_rel(const struct sd_lineage *lin, char (*labels)[64],
		       const char *id, const char *label, size_t *hint)
{
	for (size_t k = 0; k < lin->nrels; k++) {
		size_t r = (*hint + k) % lin->nrels;

		if (!strcmp(labels[r], label) &&
		    !sd_strcmp_null(lin->rels[r].b->id, id)) {
			*hint = r;
			return r;
		}
	}
	return SIZE_MAX;
}

/* The rule of release `rel` keyed `key`, looked for from `*hint` on. */
static size_t find_rule(const struct sd_lineage *lin, size_t rel,
			const char *key, size_t *hint)
{
	const struct sd_benchmark *b = lin->rels[rel].b;

	for (size_t k = 0; k < b->nrules; k++) {
		size_t i = (*hint + k) % b->nrules;

		if (!strcmp(rule_key(&b->rules[i]), key)) {
			*hint = i;
			return i;
		}
	}
	return SIZE_MAX;
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


static int kind_of(const char *name, enum sd_match_kind *out)
{
	for (int k = SD_MATCH_NONE; k <= SD_MATCH_MERGE; k++)
		if (!strcmp(sd_match_kind_name((enum sd_match_kind)k), name)) {
			*out = (enum sd_match_kind)k;
			return 0;
		}
	return -1;
}

/* One stored step (fields f[0..STORE_FIELDS)) into the lineage. */
static const char *store_line(struct sd_lineage *lin, char (*labels)[64],
			      char **f, size_t hint[3])
{
	size_t rel = find_rel(lin, labels, f[0], f[1], &hint[0]);
	size_t orel = find_rel(lin, labels, f[5], f[6], &hint[1]);
	size_t rule, orule, h = 0;
	int fwd, cand = 0, cross = 0;
	enum sd_match_kind kind;
	struct rel *rl;
	struct edge *ed;
	char *end;
	double score;

	if (!strcmp(f[3], "successor"))
		fwd = 1;
	else if (!strcmp(f[3], "predecessor"))
		fwd = 0;
	else
		return "direction is neither successor nor predecessor";
	if (!strcmp(f[4], "candidate"))
		cand = 1;
	else if (!strcmp(f[4], "cross"))
		cross = 1;
	else if (strcmp(f[4], "hop"))
		return "type is none of hop, cross, candidate";
	if (kind_of(f[8], &kind) < 0)
		return "unknown kind";
	score = strtod(f[9], &end);
	if (end == f[9] || *end || !(score >= 0 && score <= 1))
		return "score is not a number within 0..1";
	if (rel == SIZE_MAX || orel == SIZE_MAX)
		return "names a release the corpus does not hold";
	if ((rule = find_rule(lin, rel, f[2], &hint[2])) == SIZE_MAX ||
	    (orule = find_rule(lin, orel, f[7], &h)) == SIZE_MAX)
		return "names a rule its release does not hold";
	rl = &lin->rels[rel];
	ed = edge_push(&rel_steps(lin, rel, fwd)[rule], orel, orule);
	ed->kind = kind;
	ed->score = score;
	ed->cand = (unsigned char)cand;
	ed->cross = (unsigned char)cross;
	sd_strv_push(&lin->strings, f[10]);
	ed->evidence = lin->strings.v[lin->strings.n - 1];
	if (kind == SD_MATCH_CURATED && !cand) {
		const struct sd_rule *me = &rl->b->rules[rule];
		const struct sd_rule *o = &lin->rels[orel].b->rules[orule];

		if (!(ed->link = fwd ? find_link(lin, me, o)
				     : find_link(lin, o, me)))
			return "a curated hop no curated link names";
	}
	return NULL;
}

int sd_lineage_store_read(struct sd_lineage *lin, const char *data,
			  size_t len, const char *source, const char *key)
{
	char (*labels)[64] = sd_xcalloc(lin->nrels ? lin->nrels : 1,
					sizeof(*labels));
	const char *p = data, *endp = data + len, *why = NULL;
	struct sd_buf line = SD_BUF_INIT;
	size_t lineno = 0, hint[3] = { 0, 0, 0 };
	int state = 0, err = 0; /* 0: magic, 1: key, 2: steps */

	steps_forget(lin);
	for (size_t r = 0; r < lin->nrels; r++)
		sd_rulefile_label(lin->rels[r].b, labels[r]);
	while (p < endp && !why) {
		const char *nl = memchr(p, '\n', (size_t)(endp - p));
		const char *e = nl ? nl : endp;
		char *f[STORE_FIELDS] = { NULL };

		lineno++;
		if (state == 0) {
			if ((size_t)(e - p) != strlen(STORE_MAGIC) ||
			    memcmp(p, STORE_MAGIC, (size_t)(e - p)))
				why = "not a stigdiff lineage links file (format 1)";
			state = 1;
		} else if (e == p || *p == '#') {
			/* blank or a comment */
		} else if (state == 1) {
			if ((size_t)(e - p) < 4 || memcmp(p, "key\t", 4))
				why = "no key line";
			else if (strlen(key) != (size_t)(e - p - 4) ||
				 memcmp(p + 4, key, strlen(key))) {
				err = 1; /* computed from other releases */
				break;
			}
			state = 2;
		} else {
			/* The fields are read in place, in a copy. */
			int rc;

			sd_buf_reset(&line);
			sd_buf_add(&line, p, (size_t)(e - p));
			rc = sd_tsv_split(line.ptr, line.ptr + line.len, f,
					  STORE_FIELDS);
			for (size_t k = 0; k < STORE_FIELDS && !rc; k++)
				if (!f[k]) /* \N: no field here may be absent */
					rc = SD_TSV_ESCAPE;
			if (rc == SD_TSV_COUNT)
				why = "expected 11 tab-separated fields";
			else if (rc < 0)
				why = "a backslash escapes nothing known";
			else
				why = store_line(lin, labels, f, hint);
		}
		p = e + 1;
	}
	sd_buf_release(&line);
	if (!why && !err && state < 2)
		why = "no key line";
	if (why || err) {
		steps_forget(lin);
		free(labels);
		if (why)
			return sd_error_set(SD_EPARSE, "%s:%zu: %s", source,
					    lineno, why);
		return 1;
	}
	/* Every rule's steps are now known: none is computed. */
	for (size_t r = 0; r < lin->nrels; r++)
		for (int d = 0; d < 2; d++) {
			struct elist *e = rel_steps(lin, r, d);

			for (size_t k = 0; k < lin->rels[r].b->nrules; k++)
				e[k].done = 1;
		}
	free(labels);
	return 0;
}
