/*
 * A lineage over a set of benchmarks (see lineage.h): its releases
 * grouped into product lines, how the lines relate (product.h), and the
 * mappings between releases, computed when first needed and kept.
 */
#include "lineage_int.h"
#include "buf.h"
#include "error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

unsigned long sd_lineage_generation(const struct sd_benchmark *b)
{
	struct sd_product p;
	unsigned long g;

	sd_product_infer(&p, NULL, b->id, b->title);
	g = p.gen.known ? p.gen.major : 0;
	sd_product_release(&p);
	return g;
}

const char *sd_lineage_relation_name(enum sd_lineage_relation r)
{
	static const char *const names[] = { "successor", "sibling",
					     "related" };

	return (unsigned)r < SD_ARRAY_SIZE(names) ? names[r] : "related";
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

/* "2019-10-25" as a day number (months of 31 days: only compared), or
 * -1. */
static long day_of(const char *d)
{
	int y, m, dd;

	if (!d || sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return -1;
	return (long)y * 372 + (m - 1) * 31 + (dd - 1);
}

/* The releases of one benchmark id, while lines are formed. */
struct idgroup {
	const char *id; /* NULL: a benchmark without an id, alone */
	const char *kind; /* the named line's kind, or NULL */
	int named;        /* a line its source named: releases in its order */
	size_t *rels;
	size_t n, cap;
	size_t latest;
	struct sd_product prod;
	long first_day;
};

static struct sd_lineage *sort_lin;

static int cmp_group_rel(const void *a, const void *b)
{
	return rel_cmp(sort_lin->rels[*(const size_t *)a].b,
		       sort_lin->rels[*(const size_t *)b].b);
}

/* Groups by product key, then first date, then id. */
static int cmp_group(const void *a, const void *b)
{
	const struct idgroup *x = a, *y = b;
	int c = strcmp(x->prod.key, y->prod.key);

	if (c)
		return c;
	if (x->first_day != y->first_day)
		return x->first_day < y->first_day ? -1 : 1;
	c = sd_strcmp_null(x->id, y->id);
	if (c)
		return c;
	return x->rels[0] < y->rels[0] ? -1 : x->rels[0] > y->rels[0];
}

static void push_size(size_t **v, size_t *n, size_t x)
{
	*v = sd_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = x;
}

/* Date ranges of lines a and b overlapping, in days (0: none). */
static long overlap(const struct line *a, const struct line *b)
{
	long s = a->first_day > b->first_day ? a->first_day : b->first_day;
	long e = a->last_day < b->last_day ? a->last_day : b->last_day;

	if (a->first_day < 0 || b->first_day < 0)
		return 0;
	return e >= s ? e - s + 1 : 0;
}

struct sibc {
	size_t line;
	int same_gen;
	long overlap;
};

static int cmp_sibc(const void *a, const void *b)
{
	const struct sibc *x = a, *y = b;

	if (x->same_gen != y->same_gen)
		return x->same_gen ? -1 : 1;
	if (x->overlap != y->overlap)
		return x->overlap > y->overlap ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * The lines line l hops to going forward (fwd) or backward: of its
 * family, the nearest generation on that side holding lines whose role
 * fits (sd_product_role_rank() below 4), those of the best fit; with no
 * fit at all, every line of the nearest generation.
 */
static int fit_rank(const struct sd_product *a, const struct sd_product *b,
		    const struct sd_product_table *t)
{
	/* Of one generation, a published line before a draft. */
	return sd_product_role_rank(a, b, t) * 2 +
	       (!strcmp(b->kind, "draft") && strcmp(a->kind, "draft"));
}

static void relate_chain(struct sd_lineage *lin, size_t l, int fwd)
{
	const struct sd_product_table *t = sd_product_table_default();
	const struct sd_product *a = &lin->lines[l].prod;
	enum sd_product_relation want = fwd ? SD_PRODUCT_SUCCESSOR
					    : SD_PRODUCT_PREDECESSOR;
	const struct sd_product_gen *best_gen = NULL;
	int best_rank = 10, fit = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t m = 0; m < lin->nlines; m++) {
			const struct sd_product *b = &lin->lines[m].prod;
			int rank, g;

			if (m == l || sd_product_relation(a, b) != want)
				continue;
			rank = fit_rank(a, b, t);
			if (pass == 0) {
				if (rank < 8)
					fit = 1;
				continue;
			}
			if (fit && rank >= 8)
				continue;
			g = best_gen ? sd_product_gen_cmp(&b->gen, best_gen) : 0;
			if (!best_gen || (fwd ? g < 0 : g > 0) ||
			    (g == 0 && rank < best_rank)) {
				best_gen = &b->gen;
				best_rank = rank;
			}
		}
	if (!best_gen)
		return;
	lin->lines[l].fit[fwd] = fit;
	for (size_t m = 0; m < lin->nlines; m++) {
		const struct sd_product *b = &lin->lines[m].prod;

		if (m == l || sd_product_relation(a, b) != want ||
		    sd_product_gen_cmp(&b->gen, best_gen) ||
		    fit_rank(a, b, t) != best_rank)
			continue;
		if (fwd)
			push_size(&lin->lines[l].succ, &lin->lines[l].nsucc, m);
		else
			push_size(&lin->lines[l].pred, &lin->lines[l].npred, m);
	}
}

/*
 * Sibling lines of line l: the same generation (another role, kind or
 * family of the group) always, others (client and server, unknown
 * generations) only while both were published; at most
 * SD_LINEAGE_MAX_SIBLINGS, the same generation first, then the longest
 * time side by side.
 */
static void relate_siblings(struct sd_lineage *lin, size_t l)
{
	struct line *ln = &lin->lines[l];
	struct sibc *c = NULL;
	size_t n = 0;

	for (size_t m = 0; m < lin->nlines; m++) {
		const struct line *o = &lin->lines[m];
		int same_gen;

		if (m == l || sd_product_relation(&ln->prod, &o->prod) !=
				      SD_PRODUCT_SIBLING)
			continue;
		same_gen = !sd_product_gen_cmp(&ln->prod.gen, &o->prod.gen) &&
			   ln->prod.server == o->prod.server;
		if (!same_gen && !overlap(ln, o))
			continue;
		c = sd_xrealloc(c, (n + 1) * sizeof(*c));
		c[n].line = m;
		c[n].same_gen = same_gen;
		c[n].overlap = overlap(ln, o);
		n++;
	}
	sort_any(c, n, sizeof(*c), cmp_sibc);
	for (size_t k = 0; k < n && k < SD_LINEAGE_MAX_SIBLINGS; k++)
		push_size(&ln->sib, &ln->nsib, c[k].line);
	free(c);
}

int sd_lineage_new(struct sd_benchmark *const *benches, size_t n,
		   const struct sd_lineage_opts *opts, struct sd_lineage **out)
{
	struct sd_lineage *lin = sd_xcalloc(1, sizeof(*lin));
	struct idgroup *g = NULL;
	size_t ng = 0;

	if (opts)
		lin->o = *opts;
	lin->o.match.links = NULL;
	lin->o.match.nlinks = 0;
	if (lin->o.affinity <= 0)
		lin->o.affinity = SD_LINEAGE_AFFINITY;
	if (!lin->o.max_candidates)
		lin->o.max_candidates = 3;
	lin->rels = sd_xcalloc(n ? n : 1, sizeof(*lin->rels));
	/* Releases by benchmark id, a release read twice counted once. */
	for (size_t i = 0; i < n; i++) {
		struct sd_benchmark *b = benches[i];
		const char *gid = b->id, *kind = NULL, *named = NULL;
		size_t k;
		int dup = 0;

		if (lin->o.line_of) {
			named = lin->o.line_of(lin->o.line_ctx, b, &kind);
			if (named)
				gid = named;
		}
		for (k = 0; k < ng && (!gid || sd_strcmp_null(g[k].id, gid));
		     k++)
			;
		if (k == ng) {
			g = sd_xrealloc(g, (ng + 1) * sizeof(*g));
			memset(&g[ng], 0, sizeof(g[ng]));
			g[ng].id = gid;
			g[ng].kind = kind;
			g[ng].named = named != NULL;
			ng++;
		}
		/* A named line's releases are distinct (re-published ones
		 * too); read files may repeat one. */
		for (size_t q = 0; !named && q < g[k].n; q++)
			if (same_release(lin->rels[g[k].rels[q]].b, b))
				dup = 1;
		if (dup) {
			sd_warn("'%s' repeats %s; using the first copy",
				b->source ? b->source : "?", b->id);
			continue;
		}
		lin->rels[lin->nrels].b = b;
		SD_ALLOC_GROW(g[k].rels, g[k].n, g[k].cap);
		g[k].rels[g[k].n++] = lin->nrels++;
	}
	/* Each id's product, from its latest release. */
	sort_lin = lin;
	for (size_t k = 0; k < ng; k++) {
		const struct sd_benchmark *last;

		if (!g[k].named)
			sort_any(g[k].rels, g[k].n, sizeof(*g[k].rels),
				 cmp_group_rel);
		last = lin->rels[g[k].rels[g[k].n - 1]].b;
		sd_product_infer(&g[k].prod, NULL, last->id, last->title);
		if (g[k].kind)
			sd_product_set_kind(&g[k].prod, g[k].kind);
		g[k].first_day = -1;
		for (size_t q = 0; q < g[k].n; q++) {
			long d = day_of(lin->rels[g[k].rels[q]].b->date);

			if (d >= 0 && (g[k].first_day < 0 || d < g[k].first_day))
				g[k].first_day = d;
		}
	}
	sort_any(g, ng, sizeof(*g), cmp_group);
	/* Ids of one product make one line, in the order of their first
	 * release. */
	lin->lines = sd_xcalloc(ng ? ng : 1, sizeof(*lin->lines));
	for (size_t k = 0; k < ng; k++) {
		struct line *ln;

		if (lin->nlines &&
		    !strcmp(g[k].prod.key, lin->lines[lin->nlines - 1].prod.key)) {
			ln = &lin->lines[lin->nlines - 1];
			sd_product_release(&g[k].prod);
		} else {
			ln = &lin->lines[lin->nlines++];
			ln->prod = g[k].prod;
			ln->first_day = ln->last_day = -1;
		}
		for (size_t q = 0; q < g[k].n; q++) {
			struct rel *r = &lin->rels[g[k].rels[q]];
			long d = day_of(r->b->date);

			r->line = (size_t)(ln - lin->lines);
			r->pos = ln->n;
			SD_ALLOC_GROW(ln->rels, ln->n, ln->cap);
			ln->rels[ln->n++] = g[k].rels[q];
			if (d >= 0 && (ln->first_day < 0 || d < ln->first_day))
				ln->first_day = d;
			if (d > ln->last_day)
				ln->last_day = d;
		}
		free(g[k].rels);
	}
	free(g);
	for (size_t l = 0; l < lin->nlines; l++) {
		struct line *ln = &lin->lines[l];
		const struct sd_benchmark *last = lin->rels[ln->rels[ln->n - 1]].b;

		ln->name = sd_product_display_name(last->title, last->id);
	}
	for (size_t l = 0; l < lin->nlines; l++) {
		relate_chain(lin, l, 1);
		relate_chain(lin, l, 0);
		relate_siblings(lin, l);
	}
	*out = lin;
	return 0;
}

size_t sd_lineage_benchmarks(const struct sd_lineage *lin)
{
	return lin->nrels;
}

size_t sd_lineage_lines(const struct sd_lineage *lin)
{
	return lin->nlines;
}

const struct sd_product *sd_lineage_line_product(const struct sd_lineage *lin,
						 size_t l)
{
	return &lin->lines[l].prod;
}

const char *sd_lineage_line_name(const struct sd_lineage *lin, size_t l)
{
	return lin->lines[l].name;
}

size_t sd_lineage_line_releases(const struct sd_lineage *lin, size_t l,
				const size_t **rels)
{
	*rels = lin->lines[l].rels;
	return lin->lines[l].n;
}

const struct sd_benchmark *sd_lineage_release(const struct sd_lineage *lin,
					      size_t rel)
{
	return lin->rels[rel].b;
}

void sd_lineage_release_line(const struct sd_lineage *lin, size_t rel,
			     size_t *line, size_t *pos)
{
	*line = lin->rels[rel].line;
	*pos = lin->rels[rel].pos;
}

static int contains(const size_t *v, size_t n, size_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

enum sd_product_relation sd_lineage_line_relation(const struct sd_lineage *lin,
						  size_t a, size_t b)
{
	const struct line *la = &lin->lines[a], *lb = &lin->lines[b];

	if (a == b)
		return SD_PRODUCT_SAME;
	if (contains(la->succ, la->nsucc, b) || contains(lb->pred, lb->npred, a))
		return SD_PRODUCT_SUCCESSOR;
	if (contains(la->pred, la->npred, b) || contains(lb->succ, lb->nsucc, a))
		return SD_PRODUCT_PREDECESSOR;
	if (contains(la->sib, la->nsib, b) || contains(lb->sib, lb->nsib, a))
		return SD_PRODUCT_SIBLING;
	return SD_PRODUCT_RELATED;
}

/* Forget every rule's steps (found or read). */
static void steps_forget(struct sd_lineage *lin)
{
	for (size_t r = 0; r < lin->nrels; r++)
		for (int d = 0; d < 3; d++) {
			struct elist *e = lin->rels[r].edges[d];

			for (size_t k = 0; e && k < lin->rels[r].b->nrules; k++)
				free(e[k].v);
			free(e);
			lin->rels[r].edges[d] = NULL;
		}
}

static void related_free(struct sd_lineage *lin)
{
	if (!lin->related)
		return;
	for (size_t r = 0; r < lin->nrels; r++) {
		for (size_t k = 0; lin->related[r] && k < lin->rels[r].b->nrules;
		     k++)
			free(lin->related[r][k]);
		free(lin->related[r]);
	}
	free(lin->related);
	lin->related = NULL;
}

void sd_lineage_free(struct sd_lineage *lin)
{
	if (!lin)
		return;
	for (size_t i = 0; i < lin->nmc; i++)
		sd_match_free(lin->mc[i].m);
	free(lin->mc);
	steps_forget(lin);
	related_free(lin);
	for (size_t i = 0; i < lin->nrels; i++) {
		sd_match_set_free(lin->rels[i].set);
		free(lin->rels[i].maps);
	}
	for (size_t l = 0; l < lin->nlines; l++) {
		struct line *ln = &lin->lines[l];

		free(ln->rels);
		free(ln->name);
		free(ln->succ);
		free(ln->pred);
		free(ln->sib);
		sd_product_release(&ln->prod);
	}
	free(lin->lines);
	free(lin->rels);
	free(lin->ids);
	free(lin->scratch);
	sd_strv_release(&lin->strings);
	free(lin);
}

struct sd_match_set *sd_lineage_rel_set(struct sd_lineage *lin, size_t r)
{
	if (!lin->rels[r].set)
		lin->rels[r].set = sd_match_set_new(lin->rels[r].b);
	return lin->rels[r].set;
}

const char *sd_lineage_keep_str(struct sd_lineage *lin, char *s)
{
	sd_strv_push_owned(&lin->strings, s);
	return s;
}

/* The mapping of release a to release b, computed once. */
struct mcache *sd_lineage_mapping(struct sd_lineage *lin, size_t a,
				  size_t b)
{
	const struct sd_lineage_cache *cache = lin->o.cache;
	struct rel *ra = &lin->rels[a];
	struct mcache *c;
	size_t matched = 0, na, nb, small, at;

	for (size_t i = 0; i < ra->nmaps; i++)
		if (ra->maps[i].other == b && lin->mc[ra->maps[i].mc].a == a)
			return &lin->mc[ra->maps[i].mc];
	at = lin->nmc;
	SD_ALLOC_GROW(lin->mc, lin->nmc, lin->capmc);
	c = &lin->mc[lin->nmc++];
	c->a = a;
	c->b = b;
	c->m = NULL;
	if (cache && cache->take)
		c->m = cache->take(cache->ctx, lin->rels[a].b, lin->rels[b].b);
	if (!c->m && cache && cache->get) {
		struct sd_buf text = SD_BUF_INIT;

		if (cache->get(cache->ctx, lin->rels[a].b, lin->rels[b].b,
			       &text) == 0 &&
		    sd_match_read(lin->rels[a].b, lin->rels[b].b, text.ptr,
				  text.len, &c->m) < 0) {
			sd_error_clear();
			c->m = NULL;
		}
		sd_buf_release(&text);
	}
	if (!c->m) {
		sd_match_run_sets(sd_lineage_rel_set(lin, a),
				  sd_lineage_rel_set(lin, b), &lin->o.match,
				  &c->m);
		if (cache && cache->put) {
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
	for (int side = 0; side < 2; side++) {
		struct rel *r = &lin->rels[side ? b : a];

		SD_ALLOC_GROW(r->maps, r->nmaps, r->capmaps);
		r->maps[r->nmaps].other = side ? a : b;
		r->maps[r->nmaps].mc = at;
		r->nmaps++;
	}
	return c;
}

/* The sibling mapping of lines a and b: their latest releases, the one
 * published first as the old side. */
void sd_lineage_sibling_pair(const struct sd_lineage *lin, size_t a, size_t b,
			     size_t *old, size_t *new)
{
	size_t x = last_rel(lin, a), y = last_rel(lin, b);
	int c = sd_strcmp_null(lin->rels[x].b->date, lin->rels[y].b->date);

	if (c > 0 || (c == 0 && a > b)) {
		size_t t = x;

		x = y;
		y = t;
	}
	*old = x;
	*new = y;
}

struct needs {
	size_t *v; /* pairs */
	size_t n, cap;
};

static void need(struct needs *nd, size_t a, size_t b)
{
	for (size_t i = 0; i < nd->n; i += 2)
		if (nd->v[i] == a && nd->v[i + 1] == b)
			return;
	if (nd->n + 2 > nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 16;
		nd->v = sd_xrealloc(nd->v, nd->cap * sizeof(*nd->v));
	}
	nd->v[nd->n++] = a;
	nd->v[nd->n++] = b;
}

void sd_lineage_needs(struct sd_lineage *lin,
		      void (*fn)(void *ctx, size_t old_rel, size_t new_rel),
		      void *ctx)
{
	for (size_t l = 0; l < lin->nlines; l++) {
		const struct line *ln = &lin->lines[l];
		struct needs nd = { NULL, 0, 0 };

		for (size_t k = 0; k + 1 < ln->n; k++)
			need(&nd, ln->rels[k], ln->rels[k + 1]);
		for (size_t s = 0; s < ln->nsucc; s++)
			need(&nd, last_rel(lin, l), first_rel(lin, ln->succ[s]));
		for (size_t s = 0; s < ln->npred; s++)
			need(&nd, last_rel(lin, ln->pred[s]), first_rel(lin, l));
		for (size_t s = 0; s < ln->nsib; s++) {
			size_t x, y;

			sd_lineage_sibling_pair(lin, l, ln->sib[s], &x, &y);
			need(&nd, x, y);
		}
		for (size_t i = 0; i < nd.n; i += 2)
			fn(ctx, nd.v[i], nd.v[i + 1]);
		free(nd.v);
	}
}
