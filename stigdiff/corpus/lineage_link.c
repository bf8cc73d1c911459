/*
 * Lineage over a corpus, group by group; see lineage_link.h.
 *
 * The plan comes from release headers only (benchmark id, title, label
 * and date, from the commit messages): a lineage of rule-less benchmarks
 * gives the product lines and how they relate, hence the groups. A
 * group is computed by loading its lines one at a time (every release
 * of the line, mapped to the next), keeping each release as a stub (its
 * rules' ids, titles, SRG, CCIs: what evidence and traces name) and the
 * full text of the first and last release of each line only, for the
 * mappings between lines. A lineage of the stubs, handed every mapping,
 * then gives every step, which lineage_store_write.c writes.
 */
#include "lineage_link.h"
#include "error.h"
#include "match.h"
#include "product.h"
#include "rulefile.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAPS_MAGIC "stigdiff-lineage-maps\t1"
#define SIGS_MAGIC "stigdiff-lineage-signatures\t1"

/* One benchmark of the corpus. */
struct lslug {
	char *slug;
	char head[41];
	struct sd_corpus_release *rel;
	size_t nrel;
	const char *kind; /* the line's kind (static) */
	struct sd_product *prod; /* its latest release's, once known */
};

/* A mapping kept between runs: commits of its two releases and text. */
struct mapent {
	char a[41], b[41];
	char *text;
	size_t len;
	int used;
};

struct mapfile {
	struct mapent *v;
	size_t n, cap;
};

/* The signatures of a line's latest release, for related rules. */
struct sigline {
	char *file;
	char commit[41];
	size_t pos;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
	struct sd_match_sig *sig;
	char **disp; /* per rule: vuln, rule id, stig, title (4 each) */
	size_t nrules;
	int fresh;
};

struct sd_link {
	struct sd_strv parts; /* corpus lines split by role (line_of()) */
	struct sd_corpus *c;
	struct sd_link_opts o;
	char key[17];
	char digest[17]; /* products table and matcher, for the caches */
	struct lslug *slugs;
	size_t nslugs;
	/* Release headers, and where each is in the corpus. */
	struct sd_benchmark **heads;
	size_t nheads, *head_slug, *head_rel;
	struct sd_lineage *plan;
	size_t nlines;
	char **file, **sources;
	size_t *group, ngroups;
	int *stale_group, *computed_line;
	/* What is stored, and what this run makes. */
	struct sd_lineage_index stored;
	int have_stored;
	struct sd_lineage_index idx;
	struct sd_lineage_files files;
	struct sd_lineage_ids ids;
	struct sd_strv remove;
	struct sd_lineage_source src;
	struct mapfile *maps; /* per line */
	struct sigline *sigs; /* per line */
	struct sd_link_stats st;
	int stale;
	struct sd_corpus_import *im; /* opts.commit: blobs written early */
	size_t flushed;      /* files written as blobs so far */
	struct sd_buf dir;   /* stigdiff/lineage/ */
	struct sd_buf where; /* "CORPUS:lineage/", for messages */
};

/* ---- Reading what is stored ---- */

static int link_read(void *ctx, const char *name, struct sd_buf *out)
{
	struct sd_link *lk = ctx;
	const struct sd_lineage_file *f = sd_lineage_files_get(&lk->files, name);
	int err;

	if (f) {
		sd_buf_add(out, f->text.ptr, f->text.len);
		return 0;
	}
	if (sd_strv_contains(&lk->remove, name))
		return SD_ENOTFOUND;
	err = sd_corpus_lineage_file(lk->c, name, out);
	if (err == SD_ENOTFOUND)
		sd_error_clear();
	return err;
}

static int corpus_read(void *ctx, const char *name, struct sd_buf *out)
{
	int err = sd_corpus_lineage_file(ctx, name, out);

	if (err == SD_ENOTFOUND)
		sd_error_clear();
	return err;
}

static const char *line_of(void *ctx, const struct sd_benchmark *b,
			   const char **kind);

/* ---- Release headers ---- */

/* A rule-less benchmark from what the commit of a release says. */
static struct sd_benchmark *header(const char *slug,
				   const struct sd_corpus_release *r)
{
	struct sd_benchmark *b = sd_xcalloc(1, sizeof(*b));
	struct sd_buf src = SD_BUF_INIT;

	const char *version = r->version ? r->version : r->label;

	b->id = sd_xstrdup(r->bench_id && *r->bench_id ? r->bench_id : slug);
	b->title = r->title ? sd_xstrdup(r->title) : NULL;
	b->date = r->date ? sd_xstrdup(r->date) : NULL;
	if (version[0] == 'V' &&
	    sscanf(version, "V%dR%d.%d", &b->v, &b->r, &b->rsub) >= 1) {
		/* V2R2, V2, V1R0.2 */
	} else if (version[0] == 'v') {
		b->version = sd_xstrdup(version + 1);
	}
	sd_buf_addf(&src, "%s@%s", slug, r->label);
	b->source = sd_buf_detach(&src);
	return b;
}


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

static void mapfile_release(struct mapfile *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].text);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static void map_path(const struct sd_link *lk, const char *file,
		     struct sd_buf *out)
{
	sd_buf_reset(out);
	sd_buf_addf(out, "%s/maps/%s.cache", lk->dir.ptr, file);
}

/* Read cache file `path` if it starts with `head` (a missing or damaged
 * file counts as none: it is only a cache): 0 or -1. */
static int read_cache(const char *path, const struct sd_buf *head,
		      char **data, size_t *len)
{
	if (sd_read_file(path, 0, data, len) < 0 || *len < head->len ||
	    memcmp(*data, head->ptr, head->len)) {
		sd_error_clear();
		return -1;
	}
	return 0;
}

/* The mapping cache of line l, read once (a damaged file counts as
 * none: it is only a cache). */
static struct mapfile *maps_of(struct sd_link *lk, size_t l)
{
	struct mapfile *m = &lk->maps[l];
	struct sd_buf path = SD_BUF_INIT, head = SD_BUF_INIT;
	char *data = NULL, *p, *end;
	size_t len = 0;

	if (m->cap || !lk->o.keep_maps)
		return m;
	m->cap = 1; /* read */
	m->v = sd_xmalloc(sizeof(*m->v));
	map_path(lk, lk->file[l], &path);
	sd_buf_addf(&head, MAPS_MAGIC "\t%s\n", lk->digest);
	if (read_cache(path.ptr, &head, &data, &len) < 0)
		goto done;
	p = data + head.len;
	end = data + len;
	while (p < end) {
		char a[41], b[41];
		size_t n;
		char *nl = memchr(p, '\n', (size_t)(end - p));
		struct mapent *e;

		if (!nl || sscanf(p, "map\t%40s\t%40s\t%zu", a, b, &n) != 3 ||
		    strlen(a) != 40 || strlen(b) != 40 ||
		    n > (size_t)(end - nl - 1))
			break;
		SD_ALLOC_GROW(m->v, m->n, m->cap);
		e = &m->v[m->n++];
		memcpy(e->a, a, 41);
		memcpy(e->b, b, 41);
		e->text = sd_xstrndup(nl + 1, n);
		e->len = n;
		e->used = 0;
		p = nl + 1 + n;
	}
done:
	free(data);
	sd_buf_release(&path);
	sd_buf_release(&head);
	return m;
}

static struct mapent *map_find(struct mapfile *m, const char *a,
			       const char *b)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].a, a) && !strcmp(m->v[i].b, b))
			return &m->v[i];
	return NULL;
}

static void map_put(struct mapfile *m, const char *a, const char *b,
		    const struct sd_buf *text)
{
	struct mapent *e = map_find(m, a, b);

	if (!e) {
		if (!m->cap)
			m->cap = 1, m->v = sd_xmalloc(sizeof(*m->v));
		SD_ALLOC_GROW(m->v, m->n, m->cap);
		e = &m->v[m->n++];
		memcpy(e->a, a, 41);
		memcpy(e->b, b, 41);
	} else {
		free(e->text);
	}
	e->text = sd_xstrndup(text->ptr, text->len);
	e->len = text->len;
	e->used = 1;
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
	struct mapfile *mf = maps_of(lk, b->line);
	const char *ca = commit_of(lk, a->head), *cb = commit_of(lk, b->head);
	struct mapent *e = map_find(mf, ca, cb);
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
			map_put(mf, ca, cb, &text);
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
	struct sigline *s = &lk->sigs[l];
	const struct sd_benchmark *b = x->stub;
	const struct sd_corpus_release *cr =
		&lk->slugs[lk->head_slug[x->head]].rel[lk->head_rel[x->head]];
	size_t line, pos;
	char num[3][24];

	free(s->sig);
	for (size_t i = 0; i < s->nrules * 4; i++)
		free(s->disp[i]);
	free(s->disp);
	for (int k = 0; k < 8; k++)
		free(s->f[k]);
	free(s->file);
	memset(s, 0, sizeof(*s));
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
static int run_group(struct sd_link *lk, size_t *lines, size_t nl)
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
	memset(&lo, 0, sizeof(lo));
	lo.links = lk->o.links;
	lo.nlinks = lk->o.nlinks;
	lo.no_related = 1;
	lo.line_of = line_of;
	lo.line_ctx = lk;
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

/* ---- The plan ---- */

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

/* Lines relating to each other (successors, siblings) and lines a
 * curated link joins form a group. */
static void make_groups(struct sd_link *lk, const struct sd_lineage_ids *ids)
{
	size_t *p = sd_xmalloc((lk->nlines ? lk->nlines : 1) * sizeof(*p));
	size_t *root_group;

	for (size_t l = 0; l < lk->nlines; l++)
		p[l] = l;
	for (size_t a = 0; a < lk->nlines; a++)
		for (size_t b = a + 1; b < lk->nlines; b++)
			if (sd_lineage_line_relation(lk->plan, a, b) !=
			    SD_PRODUCT_RELATED)
				p[uf_find(p, a)] = uf_find(p, b);
	/* A curated link: every line holding its old id with every line
	 * holding its new id, as the ids known say. */
	for (size_t k = 0; ids && k < lk->o.nlinks; k++) {
		size_t first = SIZE_MAX;

		for (int side = 0; side < 2; side++) {
			const char *id = side ? lk->o.links[k].new_id
					      : lk->o.links[k].old_id;
			size_t len = strlen(id);

			for (size_t i = 0; i < ids->v.n; i++) {
				const char *e = ids->v.v[i];

				if (strncasecmp(e, id, len) || e[len] != '\t')
					continue;
				for (size_t l = 0; l < lk->nlines; l++)
					if (!strcmp(sd_lineage_store_short(lk->file[l]),
						    e + len + 1)) {
						if (first == SIZE_MAX)
							first = l;
						p[uf_find(p, l)] = uf_find(p, first);
					}
			}
		}
	}
	root_group = sd_xmalloc((lk->nlines ? lk->nlines : 1) *
				sizeof(*root_group));
	for (size_t l = 0; l < lk->nlines; l++)
		root_group[l] = SIZE_MAX;
	lk->ngroups = 0;
	for (size_t l = 0; l < lk->nlines; l++) {
		size_t r = uf_find(p, l);

		if (root_group[r] == SIZE_MAX)
			root_group[r] = lk->ngroups++;
		lk->group[l] = root_group[r];
	}
	free(root_group);
	free(p);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What line l is computed from: "slug@head" of its benchmarks. */
static char *line_sources(struct sd_link *lk, size_t l)
{
	const size_t *rels;
	size_t n = sd_lineage_line_releases(lk->plan, l, &rels);
	struct sd_strv v = SD_STRV_INIT;
	struct sd_buf b = SD_BUF_INIT;

	for (size_t k = 0; k < n; k++) {
		const struct lslug *s = &lk->slugs[lk->head_slug[rels[k]]];
		struct sd_buf e = SD_BUF_INIT;

		sd_buf_addf(&e, "%s@%s", s->slug, s->head);
		if (!sd_strv_contains(&v, e.ptr))
			sd_strv_push(&v, e.ptr);
		sd_buf_release(&e);
	}
	if (v.n > 1)
		qsort(v.v, v.n, sizeof(*v.v), cmp_strp);
	for (size_t i = 0; i < v.n; i++)
		sd_buf_addf(&b, "%s%s", i ? " " : "", v.v[i]);
	sd_strv_release(&v);
	return b.ptr ? sd_buf_detach(&b) : sd_xstrdup("");
}

/* The key every stored line depends on. */
static int make_key(struct sd_link *lk)
{
	struct sd_buf text = SD_BUF_INIT, cur = SD_BUF_INIT;
	int err = sd_corpus_lineage_file(lk->c, SD_CORPUS_CURATED, &cur);

	if (err == SD_ENOTFOUND) {
		sd_error_clear();
		err = 0;
	}
	if (err < 0)
		return err;
	snprintf(lk->digest, sizeof(lk->digest), "%016llx",
		 sd_digest64(sd_digest64(SD_DIGEST_INIT,
					 sd_product_table_digest(
						 sd_product_table_default()),
					 16),
			     "match " SD_MATCH_VERSION, strlen("match " SD_MATCH_VERSION)));
	sd_buf_addf(&text, "stigdiff lineage 2\n%s\n", lk->digest);
	sd_buf_add(&text, cur.ptr ? cur.ptr : "", cur.len);
	snprintf(lk->key, sizeof(lk->key), "%016llx",
		 sd_digest64(SD_DIGEST_INIT, text.ptr, text.len));
	sd_buf_release(&text);
	sd_buf_release(&cur);
	return 0;
}

/* Every benchmark and its head (refs only). */
static int read_heads(struct sd_link *lk)
{
	struct sd_strv slugs = SD_STRV_INIT;
	int err = sd_corpus_benchmarks(lk->c, &slugs);

	lk->slugs = sd_xcalloc(slugs.n + 1, sizeof(*lk->slugs));
	for (size_t i = 0; i < slugs.n && !err; i++) {
		struct lslug *s = &lk->slugs[lk->nslugs++];

		s->slug = sd_xstrdup(slugs.v[i]);
		err = sd_corpus_head(lk->c, s->slug, s->head);
	}
	sd_strv_release(&slugs);
	return err;
}

/* Every release of every benchmark, as headers (commit messages). */
static int read_releases(struct sd_link *lk)
{
	int err = 0;

	for (size_t i = 0; i < lk->nslugs && !err; i++) {
		struct lslug *s = &lk->slugs[i];

		if ((err = sd_corpus_releases(lk->c, s->slug, &s->rel,
					      &s->nrel)) < 0)
			break;
		s->kind = sd_corpus_line_kind(s->rel, s->nrel);
		for (size_t k = 0; k < s->nrel; k++) {
			size_t h = lk->nheads;

			lk->heads = sd_xrealloc(lk->heads,
						(h + 1) * sizeof(*lk->heads));
			lk->head_slug = sd_xrealloc(lk->head_slug,
						    (h + 1) * sizeof(size_t));
			lk->head_rel = sd_xrealloc(lk->head_rel,
						   (h + 1) * sizeof(size_t));
			lk->heads[h] = header(s->slug, &s->rel[k]);
			lk->head_slug[h] = i;
			lk->head_rel[h] = k;
			lk->nheads++;
		}
	}
	return err;
}

/*
 * The corpus line of header or stub `b` (its source is "slug@label"), but
 * for a release whose role shares nothing with the line's latest: a
 * corpus line continues a benchmark across DISA's renames, never from a
 * domain controller's benchmark to a member server's.
 */
static const char *line_of(void *ctx, const struct sd_benchmark *b,
			   const char **kind)
{
	struct sd_link *lk = ctx;
	const char *at = b->source ? strrchr(b->source, '@') : NULL;
	size_t lo = 0, hi = lk->nslugs;

	if (!at)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = lk->slugs[mid].slug;
		int c = strncmp(s, b->source, (size_t)(at - b->source));

		if (!c && s[at - b->source])
			c = 1;
		if (!c) {
			struct lslug *ls = &lk->slugs[mid];
			struct sd_product mine;

			if (!ls->nrel)
				return NULL;
			if (!ls->prod) {
				ls->prod = sd_xcalloc(1, sizeof(*ls->prod));
				sd_product_infer(ls->prod, NULL,
						 ls->rel[ls->nrel - 1].bench_id,
						 ls->rel[ls->nrel - 1].title);
			}
			sd_product_infer(&mine, NULL, b->id, b->title);
			*kind = ls->kind;
			if (sd_product_role_rank(ls->prod, &mine, NULL) == 4) {
				/* "slug role": the line's part of that role */
				struct sd_buf nm = SD_BUF_INIT;
				size_t k;

				sd_buf_addf(&nm, "%s %s", s, mine.role);
				for (k = 0; k < lk->parts.n &&
					    strcmp(lk->parts.v[k], nm.ptr);
				     k++)
					;
				if (k == lk->parts.n)
					sd_strv_push(&lk->parts, nm.ptr);
				sd_buf_release(&nm);
				s = lk->parts.v[k];
			}
			sd_product_release(&mine);
			return s;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- Signatures kept between runs ---- */

static void sigline_release(struct sigline *s)
{
	free(s->sig);
	for (size_t i = 0; s->disp && i < s->nrules * 4; i++)
		free(s->disp[i]);
	free(s->disp);
	for (int k = 0; k < 8; k++)
		free(s->f[k]);
	free(s->file);
	memset(s, 0, sizeof(*s));
}

static void sigs_path(const struct sd_link *lk, struct sd_buf *out)
{
	sd_buf_reset(out);
	sd_buf_addf(out, "%s/signatures", lk->dir.ptr);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Signatures of lines not computed this time, from the cache: only a
 * line whose latest release has the commit recorded. */
static void sigs_read(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT, head = SD_BUF_INIT, buf = SD_BUF_INIT;
	char *data = NULL;
	size_t len = 0;
	const char *p, *end;
	struct sigline *cur = NULL;
	size_t next = 0;

	sigs_path(lk, &path);
	sd_buf_addf(&head, SIGS_MAGIC "\t%s\n", lk->digest);
	if (read_cache(path.ptr, &head, &data, &len) < 0)
		goto done;
	p = data + head.len;
	end = data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		char *f[14];
		size_t nf;

		if (!nl)
			break;
		sd_buf_reset(&buf);
		sd_buf_add(&buf, p, (size_t)(nl - p));
		p = nl + 1;
		nf = 0;
		for (char *s = buf.ptr; s && nf < 14;) {
			char *t = strchr(s, '\t');

			if (t)
				*t = '\0';
			if (sd_tsv_take(s, strlen(s), &f[nf]) < 0)
				break;
			nf++;
			s = t ? t + 1 : NULL;
		}
		if (nf == 13 && f[0] && !strcmp(f[0], "line") && f[1] && f[2]) {
			size_t l, n;

			cur = NULL;
			for (l = 0; l < lk->nlines; l++)
				if (!strcmp(lk->file[l], f[1]))
					break;
			if (l == lk->nlines || lk->sigs[l].sig ||
			    !f[12] || sscanf(f[12], "%zu", &n) != 1)
				continue;
			{
				const size_t *rels;
				size_t nr = sd_lineage_line_releases(lk->plan, l,
								     &rels);

				if (strcmp(commit_of(lk, rels[nr - 1]), f[2]))
					continue;
			}
			cur = &lk->sigs[l];
			cur->file = sd_xstrdup(f[1]);
			memcpy(cur->commit, f[2], 41);
			cur->pos = f[3] ? strtoul(f[3], NULL, 10) : 0;
			for (int k = 0; k < 8; k++)
				cur->f[k] = dup_or_null(f[4 + k]);
			cur->nrules = n;
			cur->sig = sd_xcalloc(n ? n : 1, sizeof(*cur->sig));
			cur->disp = sd_xcalloc(n * 4 + 1, sizeof(*cur->disp));
			next = 0;
		} else if (cur && nf == 8 && f[0] && !strcmp(f[0], "sig") &&
			   next < cur->nrules && f[1] && f[2] &&
			   strlen(f[2]) == 4 * SD_MATCH_SKETCH) {
			struct sd_match_sig *sg = &cur->sig[next];

			sg->title = strtoull(f[1], NULL, 16);
			for (int k = 0; k < SD_MATCH_SKETCH; k++) {
				unsigned v = 0;

				for (int q = 0; q < 4; q++)
					v = v * 16 + (unsigned)hexval(f[2][k * 4 + q]);
				sg->sketch[k] = (unsigned short)v;
			}
			sg->empty = f[3] && *f[3] == '1';
			for (int k = 0; k < 4; k++)
				cur->disp[next * 4 + k] = dup_or_null(f[4 + k]);
			next++;
		}
	}
done:
	/* A line read only in part is no line: it is loaded again. */
	for (size_t l = 0; l < lk->nlines; l++)
		if (lk->sigs[l].sig && !lk->sigs[l].fresh && next < lk->sigs[l].nrules &&
		    cur == &lk->sigs[l])
			sigline_release(&lk->sigs[l]);
	free(data);
	sd_buf_release(&path);
	sd_buf_release(&head);
	sd_buf_release(&buf);
}

static void sigs_write(const struct sd_link *lk, struct sd_buf *out)
{
	sd_buf_addf(out, SIGS_MAGIC "\t%s\n", lk->digest);
	for (size_t l = 0; l < lk->nlines; l++) {
		const struct sigline *s = &lk->sigs[l];

		if (!s->sig)
			continue;
		sd_buf_addstr(out, "line\t");
		sd_tsv_field(out, s->file);
		sd_buf_addf(out, "\t%s\t%zu", s->commit, s->pos);
		for (int k = 0; k < 8; k++) {
			sd_buf_addch(out, '\t');
			sd_tsv_field_or_null(out, s->f[k]);
		}
		sd_buf_addf(out, "\t%zu\n", s->nrules);
		for (size_t i = 0; i < s->nrules; i++) {
			sd_buf_addf(out, "sig\t%016llx\t", s->sig[i].title);
			for (int k = 0; k < SD_MATCH_SKETCH; k++)
				sd_buf_addf(out, "%04x", s->sig[i].sketch[k]);
			sd_buf_addf(out, "\t%d", s->sig[i].empty);
			for (int k = 0; k < 4; k++) {
				sd_buf_addch(out, '\t');
				sd_tsv_field_or_null(out, s->disp[i * 4 + k]);
			}
			sd_buf_addch(out, '\n');
		}
	}
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
static int write_related(struct sd_link *lk)
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
		const struct sigline *s = &lk->sigs[l];

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
	sd_lineage_store_related(rr, n, p, np, &files, &lk->files);
	free(v);
	free(rr);
	free(p);
	sd_strv_release(&files);
	return 0;
}

/* ---- Open ---- */

void sd_link_free(struct sd_link *lk)
{
	if (!lk)
		return;
	sd_lineage_free(lk->plan);
	for (size_t i = 0; i < lk->nheads; i++)
		sd_benchmark_free(lk->heads[i]);
	free(lk->heads);
	free(lk->head_slug);
	free(lk->head_rel);
	for (size_t i = 0; i < lk->nslugs; i++) {
		free(lk->slugs[i].slug);
		if (lk->slugs[i].prod)
			sd_product_release(lk->slugs[i].prod);
		free(lk->slugs[i].prod);
		sd_corpus_releases_free(lk->slugs[i].rel, lk->slugs[i].nrel);
	}
	free(lk->slugs);
	sd_strv_release(&lk->parts);
	for (size_t l = 0; l < lk->nlines; l++) {
		free(lk->file[l]);
		free(lk->sources[l]);
		if (lk->maps)
			mapfile_release(&lk->maps[l]);
		if (lk->sigs)
			sigline_release(&lk->sigs[l]);
	}
	free(lk->file);
	free(lk->sources);
	free(lk->group);
	free(lk->stale_group);
	free(lk->computed_line);
	free(lk->maps);
	free(lk->sigs);
	if (lk->have_stored)
		sd_lineage_index_release(&lk->stored);
	sd_lineage_index_release(&lk->idx);
	sd_lineage_files_release(&lk->files);
	sd_strv_release(&lk->ids.v);
	sd_strv_release(&lk->remove);
	sd_corpus_import_free(lk->im);
	sd_buf_release(&lk->dir);
	sd_buf_release(&lk->where);
	free(lk);
}

/* The stored index, when it is for this key. */
static int read_stored(struct sd_link *lk)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	int err = sd_corpus_lineage_file(lk->c, "index.tsv", &text);

	if (err == SD_ENOTFOUND) {
		sd_error_clear();
		err = 0;
	} else if (err == 0) {
		sd_buf_addf(&name, "%s:lineage/index.tsv", sd_corpus_dir(lk->c));
		err = sd_lineage_index_parse(&lk->stored, text.ptr, text.len,
					     name.ptr);
		if (!err) {
			lk->have_stored = 1;
			if (strcmp(lk->stored.key, lk->key)) {
				/* Other options, curated links or products:
				 * nothing stored applies. */
				sd_lineage_index_release(&lk->stored);
				lk->have_stored = 0;
			}
		}
	}
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}

/* The index of what is kept: stored lines not computed again and still
 * there, with their edges. */
static void keep_stored(struct sd_link *lk)
{
	struct sd_lineage_index *x = &lk->idx;
	size_t *map;

	memset(x, 0, sizeof(*x));
	x->key = sd_xstrdup(lk->key);
	if (!lk->have_stored)
		return;
	map = sd_xmalloc((lk->stored.nlines ? lk->stored.nlines : 1) *
			 sizeof(*map));
	for (size_t i = 0; i < lk->stored.nlines; i++) {
		const struct sd_lineage_index_line *s = &lk->stored.lines[i];
		size_t l;

		map[i] = SIZE_MAX;
		for (l = 0; l < lk->nlines; l++)
			if (!strcmp(lk->file[l], s->file))
				break;
		if (l == lk->nlines || lk->computed_line[l])
			continue;
		SD_ALLOC_GROW(x->lines, x->nlines, x->caplines);
		x->lines[x->nlines].file = sd_xstrdup(s->file);
		x->lines[x->nlines].key = sd_xstrdup(s->key);
		x->lines[x->nlines].name = sd_xstrdup(s->name);
		x->lines[x->nlines].sources = sd_xstrdup(s->sources);
		x->lines[x->nlines].benchmarks = sd_xstrdup(s->benchmarks);
		x->lines[x->nlines].releases = s->releases;
		map[i] = x->nlines++;
	}
	for (size_t e = 0; e < lk->stored.nedges; e++) {
		const struct sd_lineage_index_edge *se = &lk->stored.edges[e];

		if (map[se->a] == SIZE_MAX || map[se->b] == SIZE_MAX)
			continue;
		SD_ALLOC_GROW(x->edges, x->nedges, x->capedges);
		x->edges[x->nedges].a = map[se->a];
		x->edges[x->nedges].b = map[se->b];
		x->edges[x->nedges].type = se->type;
		x->nedges++;
	}
	free(map);
}

static void write_maps(struct sd_link *lk, size_t l);

/* With opts.commit, the files made since the last call are written as
 * blobs now and their text freed. */
static int flush_files(struct sd_link *lk)
{
	int err = 0;

	if (!lk->im)
		return 0;
	for (; lk->flushed < lk->files.n && !err; lk->flushed++) {
		struct sd_lineage_file *f = &lk->files.v[lk->flushed];

		if (f->oid[0])
			continue;
		err = sd_corpus_import_blob(lk->im, f->text.ptr, f->text.len,
					    f->oid);
		sd_buf_release(&f->text);
		sd_buf_addstr(&f->text, "");
	}
	return err;
}

/* Do the stored lines name exactly the benchmark heads of the corpus?
 * (Then nothing is computed, and no plan is needed.) */
static int stored_current(struct sd_link *lk)
{
	struct sd_strv have = SD_STRV_INIT, want = SD_STRV_INIT;
	int same = 0;

	for (size_t i = 0; i < lk->stored.nlines; i++) {
		const char *s = lk->stored.lines[i].sources;

		while (s && *s) {
			const char *e = strchr(s, ' ');
			size_t n = e ? (size_t)(e - s) : strlen(s);

			sd_strv_push_owned(&have, sd_xstrndup(s, n));
			s += n + (e != NULL);
		}
	}
	for (size_t i = 0; i < lk->nslugs; i++) {
		struct sd_buf e = SD_BUF_INIT;

		sd_buf_addf(&e, "%s@%s", lk->slugs[i].slug, lk->slugs[i].head);
		sd_strv_push_owned(&want, sd_buf_detach(&e));
	}
	sd_strv_sort(&have);
	sd_strv_sort(&want);
	{
		size_t n = 0;

		/* Distinct entries of `have` (a benchmark may feed two
		 * lines) must be `want`. */
		for (size_t i = 0; i < have.n; i++) {
			if (n && !strcmp(have.v[i], have.v[n - 1])) {
				free(have.v[i]);
				continue;
			}
			have.v[n++] = have.v[i];
		}
		have.n = n;
		if (have.v)
			have.v[n] = NULL;
		same = n == want.n;
		for (size_t i = 0; same && i < n; i++)
			same = !strcmp(have.v[i], want.v[i]);
	}
	sd_strv_release(&have);
	sd_strv_release(&want);
	return same;
}

/* Mark the groups holding a line whose sources the store does not have,
 * or that related to a stored line now gone. Returns how many. */
static size_t mark_stale(struct sd_link *lk)
{
	size_t n = 0;

	memset(lk->stale_group, 0, (lk->ngroups + 1) * sizeof(int));
	for (size_t l = 0; l < lk->nlines; l++) {
		size_t s = lk->have_stored && !lk->o.full
				   ? sd_lineage_index_find(&lk->stored, lk->file[l])
				   : SIZE_MAX;

		if (s == SIZE_MAX ||
		    strcmp(lk->stored.lines[s].sources, lk->sources[l]))
			lk->stale_group[lk->group[l]] = 1;
	}
	for (size_t i = 0; lk->have_stored && i < lk->stored.nlines; i++) {
		size_t l;

		for (l = 0; l < lk->nlines; l++)
			if (!strcmp(lk->file[l], lk->stored.lines[i].file))
				break;
		if (l < lk->nlines)
			continue;
		lk->stale = 1;
		for (size_t e = 0; e < lk->stored.nedges; e++) {
			const struct sd_lineage_index_edge *se =
				&lk->stored.edges[e];
			size_t other = se->a == i ? se->b : se->b == i ? se->a
								  : SIZE_MAX;

			for (size_t q = 0; other != SIZE_MAX && q < lk->nlines; q++)
				if (!strcmp(lk->file[q],
					    lk->stored.lines[other].file))
					lk->stale_group[lk->group[q]] = 1;
		}
	}
	for (size_t g = 0; g < lk->ngroups; g++)
		n += lk->stale_group[g] != 0;
	return n;
}

/* Remove directory `path` and what it holds (best effort). */
static void remove_tree(const char *path, int depth)
{
	DIR *d = depth < 8 ? opendir(path) : NULL;
	struct dirent *e;

	while (d && (e = readdir(d))) {
		struct sd_buf p = SD_BUF_INIT;
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sd_buf_addf(&p, "%s/%s", path, e->d_name);
		if (lstat(p.ptr, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tree(p.ptr, depth + 1);
		else
			unlink(p.ptr);
		sd_buf_release(&p);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* The mapping cache of stigdiff before product lines (one file per pair
 * of releases, often larger than the corpus): no longer read. */
static void remove_old_cache(struct sd_corpus *c)
{
	struct sd_buf old = SD_BUF_INIT;
	struct stat sb;

	if (sd_corpus_private_path(c, "lineage-cache", &old) == 0 &&
	    stat(old.ptr, &sb) == 0 && S_ISDIR(sb.st_mode))
		remove_tree(old.ptr, 0);
	sd_error_clear();
	sd_buf_release(&old);
}

int sd_link_open(struct sd_link **out, struct sd_corpus *c,
		 const struct sd_link_opts *opts)
{
	struct sd_link *lk = sd_xcalloc(1, sizeof(*lk));
	struct sd_lineage_opts lo;
	struct sd_lineage_source csrc = { corpus_read, NULL, NULL };
	size_t done = 0;
	int err;

	*out = NULL;
	lk->c = c;
	if (opts)
		lk->o = *opts;
	lk->src.read = link_read;
	lk->src.ctx = lk;
	sd_buf_addf(&lk->where, "%s:lineage/", sd_corpus_dir(c));
	lk->src.where = lk->where.ptr;
	csrc.ctx = c;
	csrc.where = lk->where.ptr;
	if (lk->o.commit)
		remove_old_cache(c);
	if ((err = sd_corpus_private_path(c, "lineage", &lk->dir)) < 0 ||
	    (err = make_key(lk)) < 0 || (err = read_heads(lk)) < 0 ||
	    (err = read_stored(lk)) < 0 ||
	    (lk->o.commit &&
	     (err = sd_corpus_import_new(&lk->im, c, 0, NULL, NULL)) < 0))
		goto done;
	if (lk->have_stored && !lk->o.full && stored_current(lk)) {
		/* Nothing changed since it was stored. */
		lk->idx = lk->stored;
		lk->have_stored = 0;
		lk->st.lines = lk->idx.nlines;
		for (size_t i = 0; i < lk->idx.nlines; i++)
			lk->st.releases += lk->idx.lines[i].releases;
		goto done;
	}
	if ((err = read_releases(lk)) < 0)
		goto done;
	lk->st.releases = lk->nheads;
	memset(&lo, 0, sizeof(lo));
	lo.links = lk->o.links;
	lo.nlinks = lk->o.nlinks;
	lo.no_related = 1;
	lo.line_of = line_of;
	lo.line_ctx = lk;
	if ((err = sd_lineage_new(lk->heads, lk->nheads, &lo, &lk->plan)) < 0)
		goto done;
	/* The plan's releases are the headers, in order: none repeats. */
	for (size_t r = 0; r < lk->nheads && !err; r++)
		if (r >= sd_lineage_benchmarks(lk->plan) ||
		    sd_lineage_release(lk->plan, r) != lk->heads[r])
			err = sd_error_set(SD_EPARSE, "corpus '%s': release %s "
					   "appears twice", sd_corpus_dir(c),
					   lk->heads[r]->source);
	if (err < 0)
		goto done;
	lk->nlines = sd_lineage_lines(lk->plan);
	lk->file = sd_xcalloc(lk->nlines + 1, sizeof(*lk->file));
	lk->sources = sd_xcalloc(lk->nlines + 1, sizeof(*lk->sources));
	lk->group = sd_xcalloc(lk->nlines + 1, sizeof(*lk->group));
	lk->computed_line = sd_xcalloc(lk->nlines + 1, sizeof(int));
	lk->maps = sd_xcalloc(lk->nlines + 1, sizeof(*lk->maps));
	lk->sigs = sd_xcalloc(lk->nlines + 1, sizeof(*lk->sigs));
	lk->stale_group = sd_xcalloc(lk->nlines + 1, sizeof(int));
	for (size_t l = 0; l < lk->nlines; l++) {
		lk->file[l] = sd_lineage_store_line_file(
			sd_lineage_line_product(lk->plan, l)->key);
		lk->sources[l] = line_sources(lk, l);
	}
	lk->st.lines = lk->nlines;
	make_groups(lk, NULL);
	if (mark_stale(lk) && lk->have_stored && lk->o.nlinks) {
		/* Curated links join groups, as the stored ids say. */
		if ((err = sd_lineage_ids_read(&csrc, NULL, &lk->ids)) < 0)
			goto done;
		make_groups(lk, &lk->ids);
		sd_strv_release(&lk->ids.v);
		mark_stale(lk);
	}
	lk->st.groups = lk->ngroups;
	for (size_t g = 0; g < lk->ngroups; g++)
		lk->stale |= lk->stale_group[g];
	if (!lk->stale) {
		keep_stored(lk);
		goto done;
	}
	keep_stored(lk);
	/* Compute the stale groups, one at a time. */
	for (size_t gi = 0; gi < lk->ngroups && !err; gi++) {
		size_t *lines = NULL, nl = 0, nrel = 0;

		for (size_t l = 0; l < lk->nlines; l++)
			if (lk->group[l] == gi) {
				const size_t *rels;

				lines = sd_xrealloc(lines, (nl + 1) * sizeof(*lines));
				lines[nl++] = l;
				nrel += sd_lineage_line_releases(lk->plan, l, &rels);
			}
		if (lk->stale_group[gi]) {
			err = run_group(lk, lines, nl);
			lk->st.groups_computed++;
			/* The group's mappings to the cache now and its files
			 * to the object store: memory holds one group's. */
			for (size_t q = 0; !err && lk->o.write_maps && q < nl; q++)
				write_maps(lk, lines[q]);
			if (!err)
				err = flush_files(lk);
		}
		done += nrel;
		if (lk->o.progress)
			lk->o.progress(lk->o.progress_ctx, done, lk->nheads);
		free(lines);
	}
	if (err < 0)
		goto done;
	{
		struct sd_strv drop = SD_STRV_INIT;

		/* Ids of the lines kept, then those computed; related rules
		 * of every line; removed files of lines gone. */
		for (size_t i = 0; lk->have_stored && i < lk->stored.nlines; i++) {
			size_t l;
			const char *f = lk->stored.lines[i].file;

			for (l = 0; l < lk->nlines; l++)
				if (!strcmp(lk->file[l], f))
					break;
			if (l == lk->nlines || lk->computed_line[l])
				sd_strv_push(&drop, f);
			if (l == lk->nlines) {
				static const char *const dirs[] = { "lines", "steps",
								    "related" };

				for (int k = 0; k < 3; k++) {
					struct sd_buf nm = SD_BUF_INIT;

					sd_buf_addf(&nm, "%s/%s.tsv", dirs[k], f);
					sd_strv_push(&lk->remove, nm.ptr);
					sd_buf_release(&nm);
				}
			}
		}
		if (lk->have_stored) {
			struct sd_lineage_ids kept = SD_LINEAGE_IDS_INIT;

			err = sd_lineage_ids_read(&csrc, &drop, &kept);
			for (size_t i = 0; i < kept.v.n; i++)
				sd_strv_push(&lk->ids.v, kept.v.v[i]);
			sd_strv_release(&kept.v);
		}
		sd_strv_release(&drop);
	}
	if (!err && lk->o.keep_maps)
		sigs_read(lk);
	if (!err)
		err = write_related(lk);
	if (!err) {
		sd_lineage_ids_write(&lk->ids, &lk->files);
		sd_strv_push(&lk->remove, "links.tsv");
	}
done:
	if (err < 0)
		sd_link_free(lk);
	else
		*out = lk;
	return err;
}

int sd_link_stale(const struct sd_link *lk)
{
	return lk->stale;
}

void sd_link_stats(const struct sd_link *lk, struct sd_link_stats *out)
{
	*out = lk->st;
}

const struct sd_lineage_source *sd_link_source(const struct sd_link *lk)
{
	return &lk->src;
}

const struct sd_lineage_index *sd_link_index(const struct sd_link *lk)
{
	return &lk->idx;
}

/* ---- Commit ---- */

static int mkdir_p(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return sd_error_set(SD_EIO, "cannot create '%s': %s", path,
				    strerror(errno));
	return 0;
}

/* The mapping cache of the lines computed: the mappings used, no more. */
/* The mapping cache of line l: the mappings used, no more; then they
 * leave memory. Only a cache: a failed write costs the next link time. */
static void write_maps(struct sd_link *lk, size_t l)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;
	struct mapfile *m = &lk->maps[l];

	sd_buf_addf(&path, "%s/maps", lk->dir.ptr);
	if (mkdir_p(lk->dir.ptr) < 0 || mkdir_p(path.ptr) < 0) {
		sd_error_clear();
		goto done;
	}
	sd_buf_addf(&text, MAPS_MAGIC "\t%s\n", lk->digest);
	for (size_t i = 0; i < m->n; i++) {
		if (!m->v[i].used)
			continue;
		sd_buf_addf(&text, "map\t%s\t%s\t%zu\n", m->v[i].a,
			    m->v[i].b, m->v[i].len);
		sd_buf_add(&text, m->v[i].text, m->v[i].len);
	}
	map_path(lk, lk->file[l], &path);
	if (sd_write_file(path.ptr, text.ptr, text.len, 1) < 0)
		sd_error_clear();
done:
	mapfile_release(m);
	m->cap = 1; /* read, and written */
	sd_buf_release(&path);
	sd_buf_release(&text);
}

/* The signatures of every line, for the next link. */
static void write_caches(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;

	if (!lk->o.keep_maps)
		return;
	if (mkdir_p(lk->dir.ptr) < 0) {
		sd_error_clear();
		goto done;
	}
	sigs_write(lk, &text);
	sigs_path(lk, &path);
	if (sd_write_file(path.ptr, text.ptr, text.len, 1) < 0)
		sd_error_clear();
done:
	sd_buf_release(&path);
	sd_buf_release(&text);
}

/* The size of the caches kept, into the stats. */
static void measure_caches(struct sd_link *lk)
{
	struct sd_buf path = SD_BUF_INIT, text = SD_BUF_INIT;
	DIR *d;

	lk->st.cache_bytes = 0;
	sd_buf_reset(&path);
	sd_buf_addf(&path, "%s/maps", lk->dir.ptr);
	if ((d = opendir(path.ptr))) {
		struct dirent *de;

		while ((de = readdir(d))) {
			struct stat st;

			if (de->d_name[0] == '.')
				continue;
			sd_buf_reset(&text);
			sd_buf_addf(&text, "%s/%s", path.ptr, de->d_name);
			if (stat(text.ptr, &st) == 0)
				lk->st.cache_bytes += (size_t)st.st_size;
		}
		closedir(d);
	}
	sigs_path(lk, &text);
	{
		struct stat st;

		if (stat(text.ptr, &st) == 0)
			lk->st.cache_bytes += (size_t)st.st_size;
	}
	sd_buf_release(&path);
	sd_buf_release(&text);
}

int sd_link_commit(struct sd_link *lk, int *updated)
{
	struct sd_corpus_import *im = NULL;
	struct sd_corpus_file *f = NULL;
	struct sd_strv changed = SD_STRV_INIT;
	struct sd_buf index = SD_BUF_INIT, msg = SD_BUF_INIT;
	size_t n = 0;
	int err;

	*updated = 0;
	if (lk->stale)
		write_caches(lk);
	measure_caches(lk);
	if (!lk->stale)
		return 0;
	sd_lineage_index_write(&lk->idx, &index);
	f = sd_xcalloc(lk->files.n + 1, sizeof(*f));
	for (size_t i = 0; i < lk->files.n; i++) {
		f[n].name = lk->files.v[i].name;
		f[n].text = lk->files.v[i].text.ptr;
		f[n].len = lk->files.v[i].text.len;
		f[n].oid = lk->files.v[i].oid[0] ? lk->files.v[i].oid : NULL;
		n++;
	}
	f[n].name = "index.tsv";
	f[n].text = index.ptr;
	f[n].len = index.len;
	f[n].oid = NULL;
	n++;
	sd_buf_addf(&msg,
		    "lineage: computed links (%zu product lines, %zu computed)\n\n"
		    "Every step of every rule's lineage over the releases and curated\n"
		    "links of the corpus, written by 'stigdiff corpus link'. See\n"
		    "README.md, \"Corpus format\".\n",
		    lk->idx.nlines, lk->st.lines_computed);
	if (lk->im) {
		im = lk->im;
		lk->im = NULL;
	} else if ((err = sd_corpus_import_new(&im, lk->c, 0, NULL, NULL)) < 0) {
		goto done;
	}
	if ((err = sd_corpus_import_lineage_files(
		     im, f, n, (const char *const *)lk->remove.v, lk->remove.n,
		     msg.ptr, updated)) < 0 ||
	    (err = sd_corpus_import_prepare(im, &changed)) < 0 ||
	    (err = sd_corpus_import_commit(im)) < 0)
		goto done;
done:
	sd_corpus_import_free(im);
	sd_strv_release(&changed);
	sd_buf_release(&index);
	sd_buf_release(&msg);
	free(f);
	return err;
}
