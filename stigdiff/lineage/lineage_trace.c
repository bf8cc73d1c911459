/*
 * Tracing one rule through a lineage (see lineage.h): from every rule
 * that carries the id asked for, the steps followed forward and
 * backward, the nodes put in display order, and the answer in one line.
 */
#include "lineage_int.h"
#include "buf.h"
#include "error.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
/* ---- Tracing ---- */

struct tnode {
	size_t rel, rule;
};

struct tb {
	struct sd_lineage *lin;
	struct sd_lineage_trace *t;
	struct tnode *tn;
	size_t captn, caphops, capcands, cappeers;
	size_t **node_of; /* per release, per rule: node + 1 */
	unsigned char *dir; /* per node: WANT_* and DONE_* bits */
	size_t *queue;      /* nodes with a direction still to follow */
	size_t nqueue, capqueue;
};

/* A start node is followed both ways; a node reached going forward
 * only forward, one reached going backward only backward. Peers are
 * looked at once per node. */
enum { WANT_FWD = 1, WANT_BACK = 2, DONE_FWD = 4, DONE_BACK = 8,
       DONE_PEERS = 16 };

static void want(struct tb *tb, size_t x, int bits)
{
	if (!(bits & ~tb->dir[x] & (WANT_FWD | WANT_BACK)))
		return;
	tb->dir[x] |= (unsigned char)bits;
	SD_ALLOC_GROW(tb->queue, tb->nqueue, tb->capqueue);
	tb->queue[tb->nqueue++] = x;
}


static size_t node_get(struct tb *tb, size_t rel, size_t rule, int dir)
{
	struct sd_lineage_trace *t = tb->t;
	struct sd_lineage *lin = tb->lin;
	const struct sd_benchmark *b = lin->rels[rel].b;
	const struct line *ln = &lin->lines[lin->rels[rel].line];
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
	nd->generation = ln->prod.gen.known ? ln->prod.gen.major : 0;
	nd->line = ln->name;
	nd->line_id = lin->rels[rel].line;
	nd->dir = dir;
	nd->latest = lin->rels[rel].pos + 1 == ln->n;
	nd->superseded = ln->nsucc > 0;
	tb->tn[t->nnodes].rel = rel;
	tb->tn[t->nnodes].rule = rule;
	tb->node_of[rel][rule] = ++t->nnodes;
	return t->nnodes - 1;
}

static void hop_add(struct tb *tb, size_t from, size_t to,
		    const struct sd_lineage_step *e)
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
	h->cross = e->type == SD_LINEAGE_CROSS;
}

static void cand_add(struct tb *tb, size_t node, int forward,
		     const struct sd_lineage_step *e)
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

static void peer_add(struct tb *tb, size_t node,
		     const struct sd_lineage_step *e)
{
	struct sd_lineage_trace *t = tb->t;
	struct sd_lineage *lin = tb->lin;
	const struct sd_benchmark *b = lin->rels[e->rel].b;
	struct sd_lineage_peer *p;

	for (size_t i = 0; i < t->npeers; i++)
		if (t->peers[i].node == node &&
		    t->peers[i].rule == &b->rules[e->rule])
			return;
	SD_ALLOC_GROW(t->peers, t->npeers, tb->cappeers);
	p = &t->peers[t->npeers++];
	p->node = node;
	p->relation = e->type == SD_LINEAGE_PEER_SIBLING ? SD_LINEAGE_SIBLING
							 : SD_LINEAGE_RELATED;
	p->bench = b;
	p->rule = &b->rules[e->rule];
	p->line = lin->lines[lin->rels[e->rel].line].name;
	p->kind = e->kind;
	p->score = e->score;
	p->evidence = e->evidence;
}

/* Follow node x in the directions it still wants; its peers once. */
static void visit(struct tb *tb, size_t x)
{
	struct sd_lineage *lin = tb->lin;
	const struct elist *e;

	for (int fwd = 1; fwd >= 0; fwd--) {
		int bit = fwd ? WANT_FWD : WANT_BACK;

		if (!(tb->dir[x] & bit) || (tb->dir[x] & (bit << 2)))
			continue;
		tb->dir[x] |= (unsigned char)(bit << 2);
		e = sd_lineage_steps_of(lin, tb->tn[x].rel, tb->tn[x].rule, fwd);
		for (size_t k = 0; k < e->n; k++) {
			const struct sd_lineage_step *ed = &e->v[k];
			size_t y;

			if (ed->type == SD_LINEAGE_CANDIDATE) {
				cand_add(tb, x, fwd, ed);
				continue;
			}
			y = node_get(tb, ed->rel, ed->rule, fwd ? 1 : -1);
			hop_add(tb, fwd ? x : y, fwd ? y : x, ed);
			want(tb, y, fwd ? WANT_FWD : WANT_BACK);
		}
	}
	if (!(tb->dir[x] & DONE_PEERS)) {
		tb->dir[x] |= DONE_PEERS;
		e = sd_lineage_steps_of(lin, tb->tn[x].rel, tb->tn[x].rule, -1);
		for (size_t k = 0; k < e->n; k++)
			peer_add(tb, x, &e->v[k]);
	}
}

/* Order of nodes: generation, line, release, rule. */
static struct sd_lineage *sort_lin;
static struct tnode *sort_tn;

static int cmp_node_idx(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct rel *rx = &sort_lin->rels[sort_tn[x].rel];
	const struct rel *ry = &sort_lin->rels[sort_tn[y].rel];
	const struct sd_product *px = &sort_lin->lines[rx->line].prod;
	const struct sd_product *py = &sort_lin->lines[ry->line].prod;
	int c = sd_product_gen_cmp(&px->gen, &py->gen);

	if (c)
		return c;
	if (rx->line != ry->line) {
		c = strcmp(sort_lin->lines[rx->line].name,
			   sort_lin->lines[ry->line].name);
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

static int cmp_peer(const void *a, const void *b)
{
	const struct sd_lineage_peer *x = a, *y = b;
	int c;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	if (x->relation != y->relation)
		return x->relation < y->relation ? -1 : 1;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	c = strcmp(x->line, y->line);
	return c ? c : sd_strcmp_null(x->rule->rule_id, y->rule->rule_id);
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
	/* Peers: none that is on the chain itself. */
	n = 0;
	for (size_t i = 0; i < t->npeers; i++) {
		struct sd_lineage_peer p = t->peers[i];
		int on_chain = 0;

		p.node = newpos[p.node];
		for (size_t k = 0; k < t->nnodes && !on_chain; k++)
			on_chain = t->nodes[k].rule == p.rule;
		if (!on_chain)
			t->peers[n++] = p;
	}
	t->npeers = n;
	sort_any(t->peers, t->npeers, sizeof(*t->peers), cmp_peer);
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
		size_t hi2 = lo;
		int own = 0;

		/* Keys of one id are sorted by release and rule. A rule
		 * that only declares the id as a legacy one (DISA's later
		 * rule naming an old Vuln ID it replaced) is a start when no
		 * rule carries the id as its own. */
		for (; hi2 < lin->nids && !cmp_idkey_str(&lin->ids[hi2], id, len);
		     hi2++)
			own |= sd_rule_has_own_id(&lin->rels[lin->ids[hi2].rel].b->
						  rules[lin->ids[hi2].rule], id);
		for (; lo < hi2; lo++) {
			const struct idkey *k = &lin->ids[lo];
			const struct sd_rule *ru = &lin->rels[k->rel].b->rules[k->rule];
			size_t x;

			if (own ? !sd_rule_has_own_id(ru, id)
				: !sd_rule_has_id(ru, id))
				continue;
			x = node_get(&tb, k->rel, k->rule, 0); /* may move nodes */
			t->nodes[x].start = 1;
			t->nodes[x].dir = 0;
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
	free(t->peers);
	free(t);
}

/* ---- The answer in one line ---- */

/* Is node a later than node b: generation, then release date. */
static int later(const struct sd_lineage_trace *t, size_t a, size_t b)
{
	const struct sd_lineage_node *x = &t->nodes[a], *y = &t->nodes[b];
	int c;

	if (x->generation != y->generation)
		return x->generation > y->generation;
	c = sd_strcmp_null(x->bench->date, y->bench->date);
	return c > 0;
}

void sd_lineage_answer(const struct sd_lineage_trace *t, struct sd_buf *out,
		       unsigned char *today)
{
	size_t n = t->nnodes, best = SIZE_MAX, nend = 0, *prev;
	unsigned char *has_out = sd_xcalloc(n ? n : 1, 1);
	size_t *queue = sd_xmalloc((n ? n : 1) * sizeof(*queue));
	size_t nq = 0, hops = 0, curated = 0;
	char vr[32];

	if (today)
		memset(today, 0, n);
	for (size_t h = 0; h < t->nhops; h++)
		has_out[t->hops[h].from] = 1;
	/* The chain's ends forward: nodes reached from a start going
	 * forward that lead nowhere; the latest of them answers. */
	for (size_t i = 0; i < n; i++) {
		if (t->nodes[i].dir < 0 || has_out[i])
			continue;
		if (best == SIZE_MAX || later(t, i, best) ||
		    (!later(t, best, i) && t->nodes[i].latest &&
		     !t->nodes[best].latest))
			best = i;
	}
	for (size_t i = 0; i < n && best != SIZE_MAX; i++)
		if (t->nodes[i].dir >= 0 && !has_out[i] &&
		    t->nodes[i].latest == t->nodes[best].latest &&
		    !later(t, i, best) && !later(t, best, i) &&
		    t->nodes[i].line_id == t->nodes[best].line_id)
			nend++;
	/* Hops from a start to it (the first path found going back). */
	prev = sd_xmalloc((n ? n : 1) * sizeof(*prev));
	for (size_t i = 0; i < n; i++)
		prev[i] = SIZE_MAX;
	if (best != SIZE_MAX) {
		queue[nq++] = best;
		prev[best] = best;
		for (size_t q = 0; q < nq; q++) {
			size_t x = queue[q];

			if (t->nodes[x].start)
				break;
			for (size_t h = 0; h < t->nhops; h++)
				if (t->hops[h].to == x &&
				    prev[t->hops[h].from] == SIZE_MAX) {
					prev[t->hops[h].from] = h;
					queue[nq++] = t->hops[h].from;
				}
		}
		for (size_t q = 0; q < nq; q++) {
			size_t x = queue[q];

			if (!t->nodes[x].start)
				continue;
			while (x != best) {
				const struct sd_lineage_hop *hp =
					&t->hops[prev[x]];

				if (hp->cross) {
					hops++;
					curated += hp->kind == SD_MATCH_CURATED;
				}
				x = hp->to;
			}
			break;
		}
	}
	if (best == SIZE_MAX) {
		sd_buf_addf(out, "%s: no chain", t->query);
	} else {
		const struct sd_lineage_node *nd = &t->nodes[best];
		const char *vuln = nd->rule->vuln_id ? nd->rule->vuln_id : "?";
		const char *sid = nd->rule->stig_id;
		struct sd_buf who = SD_BUF_INIT;

		if (today)
			today[best] = 1;
		/* "V-254460 WN22-SO-000160"; a draft's rule may have one. */
		sd_buf_addstr(&who, vuln);
		if (sid && *sid && strcmp(sid, vuln))
			sd_buf_addf(&who, " %s", sid);
		if (nd->latest && nd->superseded)
			sd_buf_addf(out, "%s ends as %s in %s %s: no later "
				    "product holds it", t->query, who.ptr,
				    nd->line, sd_benchmark_vr(nd->bench, vr));
		else if (nd->start && !hops && nd->latest)
			sd_buf_addf(out, "%s is current: %s in %s %s", t->query,
				    who.ptr, nd->line,
				    sd_benchmark_vr(nd->bench, vr));
		else if (nd->latest)
			sd_buf_addf(out, "%s is today %s in %s %s", t->query,
				    who.ptr, nd->line,
				    sd_benchmark_vr(nd->bench, vr));
		else
			sd_buf_addf(out, "%s was last %s in %s %s; no later "
				    "release holds it", t->query, who.ptr,
				    nd->line, sd_benchmark_vr(nd->bench, vr));
		sd_buf_release(&who);
		if (nend > 1)
			sd_buf_addf(out, " and %zu more rule%s there", nend - 1,
				    nend == 2 ? "" : "s");
		sd_buf_addf(out, " (%zu hop%s", hops, hops == 1 ? "" : "s");
		if (curated)
			sd_buf_addf(out, ", %zu curated", curated);
		sd_buf_addch(out, ')');
	}
	free(prev);
	free(queue);
	free(has_out);
}
