/*
 * Rule lineage across a set of benchmarks, and the curated-link file;
 * see lineage.h. Product lines and how they relate are found when the
 * lineage is made (product.h); mappings between releases are computed
 * when a trace first needs them and kept for later traces; so are each
 * rule's steps (its hops and candidates in one direction, its peers),
 * which do not depend on the trace and can therefore be stored and read
 * back whole (lineage_store.c).
 */
#include "lineage.h"
#include "buf.h"
#include "error.h"
#include "rulefile.h"

#include <stdint.h>
#include <stdio.h>
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

/* One step out of a rule, and the rule's steps in one direction. */
struct elist {
	struct sd_lineage_step *v;
	size_t n, cap;
	int done;
};

/* A mapping a release takes part in: with release `other`. */
struct relmap {
	size_t other, mc;
};

struct rel {
	struct sd_benchmark *b;
	struct sd_match_set *set; /* made when first needed */
	size_t line;
	size_t pos; /* within its line */
	struct elist *edges[3]; /* per rule: backward, forward, peers */
	struct relmap *maps;    /* mappings holding it */
	size_t nmaps, capmaps;
};

struct line {
	size_t *rels; /* release order */
	size_t n, cap;
	struct sd_product prod;
	char *name;
	long first_day, last_day; /* dates as days, -1 unknown */
	size_t *succ, nsucc; /* lines succeeding it */
	size_t *pred, npred; /* lines it succeeds */
	int fit[2];          /* their role fits (sd_product_role_rank() below
				4), backward and forward */
	size_t *sib, nsib;   /* sibling lines */
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

/* Related rules of one rule of a line's latest release. */
struct relrule {
	size_t rel, rule;
	double score, share;
};

struct sd_lineage {
	struct rel *rels;
	size_t nrels;
	struct line *lines;
	size_t nlines;
	struct sd_lineage_opts o;
	struct mcache *mc;
	size_t nmc, capmc;
	struct sd_strv strings;
	/* Every id form of every rule, sorted: where a trace starts. */
	struct idkey *ids;
	size_t nids, capids;
	int ids_ready;
	/* Related rules, found once over every line's latest release:
	 * related[rel][rule] is a list ending where rel is SIZE_MAX. */
	int related_ready;
	struct relrule ***related;
	struct sd_lineage_step *scratch; /* sd_lineage_steps() */
};

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

static struct sd_match_set *rel_set(struct sd_lineage *lin, size_t r)
{
	if (!lin->rels[r].set)
		lin->rels[r].set = sd_match_set_new(lin->rels[r].b);
	return lin->rels[r].set;
}

static const char *keep_str(struct sd_lineage *lin, char *s)
{
	sd_strv_push_owned(&lin->strings, s);
	return s;
}

/* The mapping of release a to release b, computed once. */
static struct mcache *mapping(struct sd_lineage *lin, size_t a, size_t b)
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
		sd_match_run_sets(rel_set(lin, a), rel_set(lin, b),
				  &lin->o.match, &c->m);
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

static size_t first_rel(const struct sd_lineage *lin, size_t l)
{
	return lin->lines[l].rels[0];
}

static size_t last_rel(const struct sd_lineage *lin, size_t l)
{
	return lin->lines[l].rels[lin->lines[l].n - 1];
}

/* The sibling mapping of lines a and b: their latest releases, the one
 * published first as the old side. */
static void sibling_pair(const struct sd_lineage *lin, size_t a, size_t b,
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

			sibling_pair(lin, l, ln->sib[s], &x, &y);
			need(&nd, x, y);
		}
		for (size_t i = 0; i < nd.n; i += 2)
			fn(ctx, nd.v[i], nd.v[i + 1]);
		free(nd.v);
	}
}

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

static size_t rule_index(const struct sd_benchmark *b, const struct sd_rule *r)
{
	return (size_t)(r - b->rules);
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
		evs = keep_str(lin, sd_buf_detach(&ev));
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
		struct mcache *mc = fwd ? mapping(lin, rel, other)
					: mapping(lin, other, rel);

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
					  keep_str(lin, sd_buf_detach(&ev)));
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
		const struct sd_match_set *s = rel_set(lin, r);

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

		sibling_pair(lin, rl->line, ln->sib[s], &x, &y);
		mc = mapping(lin, x, y);
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
		ed->evidence = keep_str(lin, sd_buf_detach(&ev));
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
static const struct elist *steps(struct sd_lineage *lin, size_t rel,
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

size_t sd_lineage_steps(struct sd_lineage *lin, size_t rel, size_t rule,
			int fwd, const struct sd_lineage_step **out)
{
	const struct elist *e = steps(lin, rel, rule, fwd);

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
static void visit(struct tb *tb, size_t x)
{
	struct sd_lineage *lin = tb->lin;
	const struct elist *e;

	for (int fwd = 1; fwd >= 0; fwd--) {
		int bit = fwd ? WANT_FWD : WANT_BACK;

		if (!(tb->dir[x] & bit) || (tb->dir[x] & (bit << 2)))
			continue;
		tb->dir[x] |= (unsigned char)(bit << 2);
		e = steps(lin, tb->tn[x].rel, tb->tn[x].rule, fwd);
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
		e = steps(lin, tb->tn[x].rel, tb->tn[x].rule, -1);
		for (size_t k = 0; k < e->n; k++)
			peer_add(tb, x, &e->v[k]);
	}
}

/* Order of nodes: generation, line, release, rule. */
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
		/* Keys of one id are sorted by release and rule. */
		for (; lo < lin->nids && !cmp_idkey_str(&lin->ids[lo], id, len);
		     lo++) {
			const struct idkey *k = &lin->ids[lo];
			size_t x;

			if (!sd_rule_has_id(&lin->rels[k->rel].b->rules[k->rule],
					    id))
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
