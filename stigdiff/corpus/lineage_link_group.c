/*
 * `corpus link` computes one group of product lines (see
 * lineage_link_int.h): each line loaded in turn and mapped release to
 * release, the mappings between lines made while both ends are loaded,
 * then the group's lineage over the stubs; and the signatures of every
 * line's latest release, for related rules.
 */
#include "lineage_link_int.h"
#include "error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

/* A stub of `b`: its header and rules with ids, title, SRG, CCIs and
 * legacy ids; of the texts only whether each had words. */
static struct sd_benchmark *stub_of(const struct sd_benchmark *b)
{
	struct sd_benchmark *s = sd_xcalloc(1, sizeof(*s));

	s->id = dup_or_null(b->id);
	s->title = dup_or_null(b->title);
	s->version = dup_or_null(b->version);
	s->v = b->v;
	s->r = b->r;
	s->rsub = b->rsub;
	s->date = dup_or_null(b->date);
	s->source = dup_or_null(b->source);
	for (size_t i = 0; i < b->nrules; i++) {
		const struct sd_rule *r = &b->rules[i];
		struct sd_rule *t = sd_benchmark_add_rule(s);

		t->vuln_id = dup_or_null(r->vuln_id);
		t->rule_id = dup_or_null(r->rule_id);
		t->stig_id = dup_or_null(r->stig_id);
		t->group_title = dup_or_null(r->group_title);
		t->severity_raw = dup_or_null(r->severity_raw);
		t->severity = r->severity;
		t->title = dup_or_null(r->title);
		for (size_t k = 0; k < r->ccis.n; k++)
			sd_strv_push(&t->ccis, r->ccis.v[k]);
		for (size_t k = 0; k < r->legacy.n; k++)
			sd_strv_push(&t->legacy, r->legacy.v[k]);
		t->check_content = sd_lineage_store_has_words(r->check_content) ? sd_xstrdup("x")
							       : NULL;
		t->fix_text = sd_lineage_store_has_words(r->fix_text) ? sd_xstrdup("x") : NULL;
		t->desc[SD_DESC_DISCUSSION] =
			sd_lineage_store_has_words(r->desc[SD_DESC_DISCUSSION]) ? sd_xstrdup("x")
							       : NULL;
		sd_rule_derive_ids(t);
	}
	return s;
}

/* ---- The mapping cache ---- */

void sd_link_map_path(const struct sd_link *lk, const char *file,
		      struct sd_buf *out)
{
	sd_buf_reset(out);
	sd_buf_addf(out, "%s/maps/%s.cache", lk->dir.ptr, file);
}

/* The mapping cache of line l, read once (a missing or damaged file
 * counts as none: it is only a cache). */
static struct sd_lineage_maps *maps_of(struct sd_link *lk, size_t l)
{
	struct sd_lineage_maps *m = &lk->maps[l];
	struct sd_buf path = SD_BUF_INIT;
	char *data = NULL;
	size_t len = 0;

	if (m->loaded || !lk->o.keep_maps)
		return m;
	m->loaded = 1;
	sd_link_map_path(lk, lk->file[l], &path);
	if (sd_read_file(path.ptr, 0, &data, &len) == 0)
		sd_lineage_maps_parse(m, data, len, lk->digest);
	else
		sd_error_clear();
	free(data);
	sd_buf_release(&path);
	return m;
}

/* ---- One group ---- */

/* A release of the group while it is computed. */
struct grel {
	size_t head;             /* in lk->heads */
	size_t line;             /* in the plan */
	struct sd_benchmark *full; /* while loaded */
	struct sd_match_set *set;
	struct sd_benchmark *stub;
};

/* A mapping made for the group, handed to its lineage. */
struct gmap {
	size_t a, b; /* grels */
	struct sd_match *m;
	int taken;
};

struct group_run {
	struct sd_link *lk;
	struct grel *r;
	size_t nr, capr;
	struct gmap *m;
	size_t nm, capm;
	int missing; /* the lineage asked for a mapping not made */
};

static const char *commit_of(const struct sd_link *lk, size_t head)
{
	return lk->slugs[lk->head_slug[head]].rel[lk->head_rel[head]].commit;
}

static size_t grel_of_stub(const struct group_run *g,
			   const struct sd_benchmark *b)
{
	for (size_t i = 0; i < g->nr; i++)
		if (g->r[i].stub == b)
			return i;
	return SIZE_MAX;
}

static struct sd_match *g_take(void *ctx, const struct sd_benchmark *a,
			       const struct sd_benchmark *b)
{
	struct group_run *g = ctx;
	size_t x = grel_of_stub(g, a), y = grel_of_stub(g, b);

	for (size_t i = 0; i < g->nm; i++)
		if (g->m[i].a == x && g->m[i].b == y && !g->m[i].taken) {
			g->m[i].taken = 1;
			return g->m[i].m;
		}
	g->missing = 1;
	return NULL;
}

static struct sd_match_set *g_set(struct group_run *g, size_t i)
{
	if (!g->r[i].set)
		g->r[i].set = sd_match_set_new(g->r[i].full);
	return g->r[i].set;
}

/* The mapping of grels x -> y: from the cache, else matched (both must
 * be loaded). */
static int g_map(struct group_run *g, size_t x, size_t y)
{
	struct sd_link *lk = g->lk;
	struct grel *a = &g->r[x], *b = &g->r[y];
	struct sd_lineage_maps *mf = maps_of(lk, b->line);
	const char *ca = commit_of(lk, a->head), *cb = commit_of(lk, b->head);
	struct sd_lineage_mapent *e = sd_lineage_maps_find(mf, ca, cb);
	struct sd_match *m = NULL;
	struct gmap *gm;

	for (size_t i = 0; i < g->nm; i++)
		if (g->m[i].a == x && g->m[i].b == y)
			return 0;
	if (e && sd_match_read(a->stub, b->stub, e->text, e->len, &m) == 0) {
		e->used = 1;
		lk->st.maps_read++;
	} else {
		struct sd_buf text = SD_BUF_INIT;

		sd_error_clear();
		m = NULL;
		if (!a->full || !b->full)
			return sd_error_set(SD_ERROR, "lineage: a mapping of "
					    "releases no longer loaded");
		sd_match_run_sets(g_set(g, x), g_set(g, y), NULL, &m);
		sd_match_rebase(m, a->stub, b->stub);
		lk->st.maps_computed++;
		if (lk->o.keep_maps) {
			sd_match_write(m, &text);
			sd_lineage_maps_put(mf, ca, cb, &text);
		}
		sd_buf_release(&text);
	}
	SD_ALLOC_GROW(g->m, g->nm, g->capm);
	gm = &g->m[g->nm++];
	gm->a = x;
	gm->b = y;
	gm->m = m;
	gm->taken = 0;
	return 0;
}

static void g_unload(struct grel *r)
{
	sd_match_set_free(r->set);
	r->set = NULL;
	sd_benchmark_free(r->full);
	r->full = NULL;
}

/* The signatures of line l's latest release (loaded in grel x). */
static void sigs_from(struct sd_link *lk, size_t l, struct grel *x,
		      struct sd_match_set *set)
{
	struct sd_lineage_sigline *s = &lk->sigs[l];
	const struct sd_benchmark *b = x->stub;
	const struct sd_corpus_release *cr =
		&lk->slugs[lk->head_slug[x->head]].rel[lk->head_rel[x->head]];
	size_t line, pos;
	char num[3][24];

	sd_lineage_sigline_release(s);
	sd_lineage_release_line(lk->plan, x->head, &line, &pos);
	s->file = sd_xstrdup(lk->file[l]);
	memcpy(s->commit, cr->commit, 41);
	s->pos = pos;
	snprintf(num[0], sizeof(num[0]), "%d", b->v);
	snprintf(num[1], sizeof(num[1]), "%d", b->r);
	s->f[0] = dup_or_null(b->id);
	s->f[1] = dup_or_null(b->title);
	s->f[2] = sd_xstrdup(cr->label);
	s->f[3] = sd_xstrdup(num[0]);
	s->f[4] = sd_xstrdup(num[1]);
	s->f[5] = dup_or_null(b->version);
	s->f[6] = dup_or_null(b->date);
	s->f[7] = dup_or_null(b->source);
	s->nrules = b->nrules;
	s->sig = sd_xcalloc(b->nrules ? b->nrules : 1, sizeof(*s->sig));
	s->disp = sd_xcalloc(b->nrules * 4 + 1, sizeof(*s->disp));
	for (size_t i = 0; i < b->nrules; i++) {
		s->sig[i] = *sd_match_set_sig(set, i);
		s->disp[i * 4] = dup_or_null(b->rules[i].vuln_id);
		s->disp[i * 4 + 1] = dup_or_null(b->rules[i].rule_id);
		s->disp[i * 4 + 2] = dup_or_null(b->rules[i].stig_id);
		s->disp[i * 4 + 3] = dup_or_null(b->rules[i].title);
	}
	s->fresh = 1;
}

/* Load the releases of line l of the plan (heads `hs`, in line order)
 * from the corpus, as full benchmarks into g->r[first..]. */
static int load_line(struct group_run *g, size_t first, size_t n)
{
	struct sd_link *lk = g->lk;
	int err = 0;

	for (size_t i = 0; i < n && !err;) {
		size_t s = lk->head_slug[g->r[first + i].head], k = i;
		struct sd_corpus_release *rel;
		struct sd_benchmark **out;

		/* A run of releases of one benchmark, loaded together. */
		while (k < n && lk->head_slug[g->r[first + k].head] == s)
			k++;
		rel = sd_xcalloc(k - i, sizeof(*rel));
		out = sd_xcalloc(k - i, sizeof(*out));
		for (size_t q = i; q < k; q++)
			rel[q - i] = lk->slugs[s].rel[lk->head_rel[g->r[first + q].head]];
		err = sd_corpus_load_releases(lk->c, lk->slugs[s].slug, rel,
					      k - i, out);
		for (size_t q = i; q < k && !err; q++) {
			g->r[first + q].full = out[q - i];
			g->r[first + q].stub = stub_of(out[q - i]);
		}
		lk->st.releases_loaded += k - i;
		free(rel);
		free(out);
		i = k;
	}
	return err;
}

/* The mappings between lines a group takes, as plan releases. */
struct gneeds {
	size_t *v; /* pairs: old, new */
	size_t n, cap;
	const size_t *inline_; /* plan line of each plan release */
	const unsigned char *in_group; /* per plan line */
};

static void need_cross(void *ctx, size_t a, size_t b)
{
	struct gneeds *nd = ctx;
	size_t la = nd->inline_[a], lb = nd->inline_[b];

	/* Within a line each release meets the next as it is loaded. */
	if (la == lb || !nd->in_group[la])
		return;
	if (nd->n + 2 > nd->cap) {
		nd->cap = nd->cap ? nd->cap * 2 : 32;
		nd->v = sd_xrealloc(nd->v, nd->cap * sizeof(*nd->v));
	}
	nd->v[nd->n++] = a;
	nd->v[nd->n++] = b;
}

/* The grel of plan release `rel`, or SIZE_MAX while its line is not
 * loaded. */
static size_t grel_of_head(const struct group_run *g, size_t rel)
{
	for (size_t i = 0; i < g->nr; i++)
		if (g->r[i].head == rel)
			return i;
	return SIZE_MAX;
}

static struct sd_lineage *sort_plan;

/* Lines by generation, then product key: a line's successors and
 * siblings come soon after it. */
static int cmp_line_gen(const void *a, const void *b)
{
	const struct sd_product *x =
		sd_lineage_line_product(sort_plan, *(const size_t *)a);
	const struct sd_product *y =
		sd_lineage_line_product(sort_plan, *(const size_t *)b);
	int c = sd_product_gen_cmp(&x->gen, &y->gen);

	return c ? c : strcmp(x->key, y->key);
}

/*
 * Compute the lines `lines` (plan lines) of one group and store them.
 * Memory holds a line's releases while it is read, then the stub of
 * every release and the full text of line ends whose mappings to other
 * lines are still to be made.
 */
int sd_link_run_group(struct sd_link *lk, size_t *lines, size_t nl)
{
	struct group_run g;
	struct sd_lineage_opts lo;
	struct sd_lineage_cache cache;
	struct sd_lineage *lin = NULL;
	struct sd_benchmark **stubs = NULL;
	char **sources = NULL;
	size_t *start = sd_xcalloc(nl + 1, sizeof(*start));
	size_t nplan = sd_lineage_benchmarks(lk->plan);
	size_t *inline_ = sd_xmalloc((nplan ? nplan : 1) * sizeof(*inline_));
	unsigned char *in_group = sd_xcalloc(lk->nlines + 1, 1);
	unsigned char *done_pair = NULL;
	struct gneeds nd;
	int err = 0;

	memset(&g, 0, sizeof(g));
	memset(&nd, 0, sizeof(nd));
	g.lk = lk;
	sort_plan = lk->plan;
	qsort(lines, nl, sizeof(*lines), cmp_line_gen);
	for (size_t r = 0; r < nplan; r++) {
		size_t pos;

		sd_lineage_release_line(lk->plan, r, &inline_[r], &pos);
	}
	for (size_t li = 0; li < nl; li++)
		in_group[lines[li]] = 1;
	nd.inline_ = inline_;
	nd.in_group = in_group;
	sd_lineage_needs(lk->plan, need_cross, &nd);
	done_pair = sd_xcalloc(nd.n / 2 + 1, 1);
	/* Each line: load it, map each release to the next, keep stubs and
	 * the full text of its ends while a mapping needs them. */
	for (size_t li = 0; li < nl && !err; li++) {
		const size_t *rels;
		size_t n = sd_lineage_line_releases(lk->plan, lines[li], &rels);

		start[li] = g.nr;
		for (size_t k = 0; k < n; k++) {
			SD_ALLOC_GROW(g.r, g.nr, g.capr);
			memset(&g.r[g.nr], 0, sizeof(g.r[0]));
			g.r[g.nr].head = rels[k];
			g.r[g.nr].line = lines[li];
			g.nr++;
		}
		if ((err = load_line(&g, start[li], n)) < 0)
			break;
		for (size_t k = 0; k + 1 < n && !err; k++) {
			err = g_map(&g, start[li] + k, start[li] + k + 1);
			if (k > 0)
				g_unload(&g.r[start[li] + k]);
		}
		if (err < 0)
			break;
		sigs_from(lk, lines[li], &g.r[g.nr - 1], g_set(&g, g.nr - 1));
		lk->computed_line[lines[li]] = 1;
		lk->st.lines_computed++;
		/* The mappings between lines both loaded now; then the ends
		 * no mapping waits for any more. */
		for (size_t q = 0; q < nd.n && !err; q += 2) {
			size_t x = grel_of_head(&g, nd.v[q]);
			size_t y = grel_of_head(&g, nd.v[q + 1]);

			if (done_pair[q / 2] || x == SIZE_MAX || y == SIZE_MAX)
				continue;
			err = g_map(&g, x, y);
			done_pair[q / 2] = 1;
		}
		for (size_t i = 0; i < g.nr; i++) {
			int waits = 0;

			if (!g.r[i].full)
				continue;
			for (size_t q = 0; q < nd.n && !waits; q += 2)
				waits = !done_pair[q / 2] &&
					(nd.v[q] == g.r[i].head ||
					 nd.v[q + 1] == g.r[i].head);
			if (!waits)
				g_unload(&g.r[i]);
		}
	}
	start[nl] = g.nr;
	if (err < 0)
		goto done;
	/* The group's lineage over the stubs, every mapping handed over. */
	stubs = sd_xmalloc((g.nr ? g.nr : 1) * sizeof(*stubs));
	for (size_t i = 0; i < g.nr; i++)
		stubs[i] = g.r[i].stub;
	sd_link_lineage_opts(lk, &lo);
	memset(&cache, 0, sizeof(cache));
	cache.take = g_take;
	cache.ctx = &g;
	lo.cache = &cache;
	if ((err = sd_lineage_new(stubs, g.nr, &lo, &lin)) < 0)
		goto done;
	sources = sd_xcalloc(sd_lineage_lines(lin) + 1, sizeof(*sources));
	for (size_t l = 0; l < sd_lineage_lines(lin); l++) {
		char *f = sd_lineage_store_line_file(
			sd_lineage_line_product(lin, l)->key);

		for (size_t li = 0; li < nl; li++)
			if (!strcmp(lk->file[lines[li]], f))
				sources[l] = lk->sources[lines[li]];
		free(f);
	}
	lk->st.steps += sd_lineage_store_write(lin, (const char *const *)sources,
					       &lk->files, &lk->idx, &lk->ids);
	if (g.missing)
		err = sd_error_set(SD_ERROR, "lineage: a mapping was needed that "
				   "was not made (a bug)");
done:
	sd_lineage_free(lin);
	for (size_t i = 0; i < g.nm; i++)
		if (!g.m[i].taken)
			sd_match_free(g.m[i].m);
	for (size_t i = 0; i < g.nr; i++) {
		g_unload(&g.r[i]);
		sd_benchmark_free(g.r[i].stub);
	}
	free(g.r);
	free(g.m);
	free(stubs);
	free(sources);
	free(start);
	free(inline_);
	free(in_group);
	free(done_pair);
	free(nd.v);
	return err;
}

/* ---- Signatures kept between runs ---- */

void sd_link_sigs_path(const struct sd_link *lk, struct sd_buf *out)
{
	sd_buf_reset(out);
	sd_buf_addf(out, "%s/signatures", lk->dir.ptr);
}

/* sd_lineage_sigs_parse()'s slot: the signatures of line `file` when
 * it has none yet and its latest release is `commit`. */
static struct sd_lineage_sigline *sig_slot(void *ctx, const char *file,
					   const char *commit)
{
	struct sd_link *lk = ctx;
	const size_t *rels;
	size_t l, nr;

	for (l = 0; l < lk->nlines; l++)
		if (!strcmp(lk->file[l], file))
			break;
	if (l == lk->nlines || lk->sigs[l].sig)
		return NULL;
	nr = sd_lineage_line_releases(lk->plan, l, &rels);
	if (strcmp(commit_of(lk, rels[nr - 1]), commit))
		return NULL;
	return &lk->sigs[l];
}

/* Signatures of lines not computed this time, from the cache: only a
 * line whose latest release has the commit recorded. */
void sd_link_sigs_read(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT;
	char *data = NULL;
	size_t len = 0;

	sd_link_sigs_path(lk, &path);
	if (sd_read_file(path.ptr, 0, &data, &len) == 0)
		sd_lineage_sigs_parse(data, len, lk->digest, sig_slot, lk);
	else
		sd_error_clear();
	free(data);
	sd_buf_release(&path);
}

/* Line l's signatures from its latest release, loaded for them. */
static int sigs_load(struct sd_link *lk, size_t l)
{
	const size_t *rels;
	size_t n = sd_lineage_line_releases(lk->plan, l, &rels);
	struct group_run g;
	int err;

	memset(&g, 0, sizeof(g));
	g.lk = lk;
	g.r = sd_xcalloc(1, sizeof(*g.r));
	g.nr = g.capr = 1;
	g.r[0].head = rels[n - 1];
	g.r[0].line = l;
	if ((err = load_line(&g, 0, 1)) == 0)
		sigs_from(lk, l, &g.r[0], g_set(&g, 0));
	g_unload(&g.r[0]);
	sd_benchmark_free(g.r[0].stub);
	free(g.r);
	return err;
}

/* Related rules of every line's latest release into related/ files. */
int sd_link_write_related(struct sd_link *lk)
{
	struct sd_lineage_sigrule *v = NULL;
	struct sd_lineage_relrule *rr = NULL;
	struct sd_lineage_relpair *p = NULL;
	struct sd_strv files = SD_STRV_INIT;
	size_t n = 0, cap = 0, np = 0;
	int err = 0;

	for (size_t l = 0; l < lk->nlines && !err; l++)
		if (!lk->sigs[l].sig)
			err = sigs_load(lk, l);
	if (err < 0)
		return err;
	for (size_t l = 0; l < lk->nlines; l++) {
		const struct sd_lineage_sigline *s = &lk->sigs[l];

		sd_strv_push(&files, lk->file[l]);
		for (size_t i = 0; i < s->nrules; i++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 1024;
				v = sd_xrealloc(v, cap * sizeof(*v));
				rr = sd_xrealloc(rr, cap * sizeof(*rr));
			}
			v[n].line = l;
			v[n].rule = i;
			v[n].sig = &s->sig[i];
			v[n].prod = sd_lineage_line_product(lk->plan, l);
			rr[n].file = s->file;
			rr[n].pos = s->pos;
			rr[n].rule = i;
			rr[n].bench_id = s->f[0];
			rr[n].bench_title = s->f[1];
			rr[n].label = s->f[2];
			rr[n].v = s->f[3] ? atoi(s->f[3]) : 0;
			rr[n].r = s->f[4] ? atoi(s->f[4]) : 0;
			rr[n].version = s->f[5];
			rr[n].date = s->f[6];
			rr[n].source = s->f[7];
			rr[n].nrules = s->nrules;
			rr[n].vuln = s->disp[i * 4];
			rr[n].rule_id = s->disp[i * 4 + 1];
			rr[n].stig = s->disp[i * 4 + 2];
			rr[n].title = s->disp[i * 4 + 3];
			n++;
		}
	}
	sd_lineage_related(v, n, &p, &np);
	sd_lineage_store_related(rr, n, p, np, &files, &lk->files, &lk->idx);
	free(v);
	free(rr);
	free(p);
	sd_strv_release(&files);
	return 0;
}
