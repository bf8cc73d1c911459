/*
 * Loading a corpus for the site and the export (site.h): every release of
 * every benchmark, the rule pages of each benchmark (one per vuln id ever
 * seen, holding its latest content), and the lineage of each page,
 * computed once. Writing the pages is site_write.c; the bulk export is
 * site_export.c.
 */
#include "site.h"
#include "site_int.h"
#include "error.h"
#include "product.h"

#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

int sd_site_quarter(const char *date, char out[8])
{
	int y, m, d;
	char extra;

	if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
	    y < 1000 || y > 9999 || m < 1 || m > 12)
		return 0;
	snprintf(out, 8, "%04d-Q%d", y % 10000, ((m - 1) / 3 + 1) & 7);
	return 1;
}

/* A page name from a vuln id: the characters of a file name only. */
char *sd_site_page_name(const struct sd_rule *r)
{
	const char *id = r->vuln_id ? r->vuln_id : r->rule_id;
	char *s;

	if (!id || !*id)
		return NULL;
	s = sd_xstrdup(id);
	for (char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      (*p == '.' && p != s)))
			*p = '_';
	return s;
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

static int page_name_cmp(const void *a, const void *b)
{
	const struct site_page *x = a, *y = b;
	unsigned long nx = sd_id_number(x->name), ny = sd_id_number(y->name);

	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* One page per vuln id ever seen, holding its newest content. */
static void collect_pages(struct site_bench *sb)
{
	struct sd_strv seen = SD_STRV_INIT;

	for (size_t i = sb->nrel; i-- > 0;) {
		const struct sd_benchmark *b = sb->b[i];

		for (size_t k = 0; k < b->nrules; k++) {
			char *name = sd_site_page_name(&b->rules[k]);
			struct site_page *p;

			if (!name || sd_strv_contains(&seen, name)) {
				free(name);
				continue;
			}
			sd_strv_push(&seen, name);
			SD_ALLOC_GROW(sb->pages, sb->npages, sb->pages_cap);
			p = &sb->pages[sb->npages++];
			memset(p, 0, sizeof(*p));
			p->name = name;
			p->rel = i;
			p->rule = k;
			p->vuln = dup_or_null(b->rules[k].vuln_id);
			p->stig = dup_or_null(b->rules[k].stig_id);
			p->rule_id = dup_or_null(b->rules[k].rule_id);
			p->title = dup_or_null(b->rules[k].title);
			p->severity = (int)b->rules[k].severity;
		}
	}
	qsort(sb->pages, sb->npages, sizeof(*sb->pages), page_name_cmp);
	sd_strv_release(&seen);
}

/*
 * The product family of benchmark `sb` for people (the home page's
 * groups, the search filter): the curated group or family product.h
 * infers from its latest release, spelt as the title spells it when the
 * title holds it ("SQL Server"), else each word capitalized. SRGs form
 * one family of their own. A new string.
 */
static char *family_name(const struct site_bench *sb)
{
	const struct sd_benchmark *b = sb->b[sb->nrel - 1];
	struct sd_product p;
	const char *t = b->title ? b->title : "";
	char *name;
	size_t n;

	if (!strcmp(sd_corpus_line_kind(sb->rel, sb->nrel), "srg"))
		return sd_xstrdup("Security Requirements Guides");
	sd_product_infer(&p, NULL, b->id, b->title);
	name = sd_xstrdup(p.group && *p.group ? p.group
			  : p.family && *p.family ? p.family : "other");
	sd_product_release(&p);
	n = strlen(name);
	for (const char *q = t; *q; q++)
		if (!strncasecmp(q, name, n) && (q == t || !isalnum((unsigned char)q[-1]))) {
			memcpy(name, q, n);
			return name;
		}
	for (size_t i = 0; i < n; i++)
		if (!i || name[i - 1] == ' ')
			name[i] = (char)toupper((unsigned char)name[i]);
	return name;
}

/* Benchmark `slug`'s head and releases' metadata; its releases are read
 * when it is opened. */
static int load_bench(struct sd_site *s, const char *slug)
{
	struct site_bench *sb;
	int err;

	SD_ALLOC_GROW(s->v, s->n, s->cap);
	sb = &s->v[s->n++];
	memset(sb, 0, sizeof(*sb));
	sb->slug = sd_xstrdup(slug);
	if ((err = sd_corpus_head(s->c, slug, sb->head)) < 0 ||
	    (err = sd_corpus_releases(s->c, slug, &sb->rel, &sb->nrel)) < 0)
		return err;
	return 0;
}

/* What the pages of the whole site need of benchmark `sb` (open), kept
 * when it is closed: its pages, family, title and rule counts. */
static void bench_summary(const struct sd_site *s, struct site_bench *sb)
{
	const struct sd_benchmark *b = sb->b[sb->nrel - 1];

	collect_pages(sb);
	sb->family = family_name(sb);
	if (!sb->title) /* load_titles() read it already */
		sb->title = dup_or_null(b->title);
	sb->nrules = b->nrules;
	for (size_t i = 0; i < b->nrules; i++)
		sb->sev[b->rules[i].severity]++;
	for (size_t k = 0; k < sb->npages; k++)
		sd_site_rmf_page(s, sb, &sb->pages[k]);
	sb->opened = 1;
}

/*
 * With lineage, a page's links name the other benchmarks by their
 * latest release's title before those are opened: read each latest
 * release once, one at a time.
 */
static int load_titles(struct sd_site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct site_bench *sb = &s->v[i];
		struct sd_benchmark *b = NULL;
		int err;

		if (!sb->nrel)
			continue;
		sd_tick("site: reading titles", i, s->n, "lines");
		if ((err = sd_corpus_load(s->c, sb->slug,
					  sb->rel[sb->nrel - 1].label, &b)) < 0)
			return err;
		sb->title = dup_or_null(b->title);
		sd_benchmark_free(b);
	}
	return 0;
}

/* Which benchmark and release `b` is (a release the stored lineage
 * names: its source is "<slug>@<label>"). */
static int find_release(const struct sd_site *s, const struct sd_benchmark *b,
			size_t *bench, size_t *rel)
{
	const char *at = b->source ? strrchr(b->source, '@') : NULL;

	if (!at)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		if (strncmp(s->v[i].slug, b->source, (size_t)(at - b->source)) ||
		    s->v[i].slug[at - b->source])
			continue;
		for (size_t k = 0; k < s->v[i].nrel; k++)
			if (!strcmp(s->v[i].rel[k].label, at + 1)) {
				*bench = i;
				*rel = k;
				return 0;
			}
	}
	return -1;
}

/*
 * The hop that brings the chain into node k's product line (a
 * successor) or out of it (a predecessor): the evidence for that line's
 * place on the chain, whichever of its releases is shown.
 */
static const struct sd_lineage_hop *line_hop(const struct sd_lineage_trace *t,
					     size_t k, int successor)
{
	size_t line = t->nodes[k].line_id;

	for (size_t h = 0; h < t->nhops; h++) {
		const struct sd_lineage_hop *hop = &t->hops[h];
		size_t end = successor ? hop->to : hop->from;

		if (hop->cross && t->nodes[end].line_id == line)
			return hop;
	}
	return NULL;
}

static char *path_of(const char *slug, const char *page)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_buf_addf(&b, "stig/%s/%s", slug, page);
	return sd_buf_detach(&b);
}

/* A link of page p to the rule `r` of release `orel` of benchmark `ob`;
 * NULL when p links that page already. */
static struct site_link *link_add(struct sd_site *s, struct site_page *p,
				  size_t ob, size_t orel,
				  const struct sd_rule *r, const char *relation)
{
	struct site_link *l;
	char *name = sd_site_page_name(r);

	if (!name)
		return NULL;
	for (size_t j = 0; j < p->nlinks; j++)
		if (!strcmp(p->links[j].slug, s->v[ob].slug) &&
		    !strcmp(p->links[j].page, name)) {
			free(name);
			return NULL;
		}
	SD_ALLOC_GROW(p->links, p->nlinks, p->links_cap);
	l = &p->links[p->nlinks++];
	memset(l, 0, sizeof(*l));
	l->relation = relation;
	l->slug = s->v[ob].slug;
	l->page = name;
	l->bench = s->v[ob].title;
	l->label = s->v[ob].rel[orel].label;
	l->vuln = dup_or_null(r->vuln_id);
	l->stig = dup_or_null(r->stig_id);
	l->title = dup_or_null(r->title);
	l->path = path_of(l->slug, l->page);
	return l;
}

/*
 * The lineage of page `p` of benchmark `bi`: the rules of other
 * benchmarks on its chain, each once (its newest release in the chain),
 * predecessors and successors, with the hop's kind, score and evidence;
 * then its siblings and related rules.
 */
static void page_lineage(struct sd_site *s, size_t bi, struct site_page *p,
			 struct sd_lineage *lin)
{
	struct site_bench *sb = &s->v[bi];
	const struct sd_rule *r = &sb->b[p->rel]->rules[p->rule];
	struct sd_lineage_trace *t = NULL;
	char num[32];

	if (!lin || !r->vuln_id || sd_lineage_trace(lin, r->vuln_id, &t) < 0) {
		sd_error_clear();
		return;
	}
	/* Newest first, so each other benchmark shows its latest rule. */
	for (size_t k = t->nnodes; k-- > 0;) {
		const struct sd_lineage_node *nd = &t->nodes[k];
		const struct sd_lineage_hop *hop;
		struct site_link *l;
		size_t ob, orel;

		if (nd->start || find_release(s, nd->bench, &ob, &orel) < 0 ||
		    ob == bi)
			continue;
		if (!(l = link_add(s, p, ob, orel, nd->rule,
				   nd->dir > 0 ? "successor" : "predecessor")))
			continue;
		if ((hop = line_hop(t, k, nd->dir > 0))) {
			l->kind = sd_match_kind_name(hop->kind);
			snprintf(num, sizeof(num), "%.3f", hop->score);
			l->score = sd_xstrdup(num);
			l->evidence = dup_or_null(hop->evidence);
		}
	}
	/* Other benchmarks' rules carrying the same id (the start: a
	 * legacy id, a benchmark renamed) are on the chain too. */
	for (size_t k = t->nnodes; k-- > 0;) {
		const struct sd_lineage_node *nd = &t->nodes[k];
		struct site_link *l;
		size_t ob, orel;

		if (!nd->start || find_release(s, nd->bench, &ob, &orel) < 0 ||
		    ob == bi)
			continue;
		if ((l = link_add(s, p, ob, orel, nd->rule,
				  ob < bi ? "predecessor" : "successor")))
			l->kind = "same-id";
	}
	for (size_t q = 0; q < t->npeers; q++) {
		const struct sd_lineage_peer *pr = &t->peers[q];
		struct site_link *l;
		size_t ob, orel;

		if (find_release(s, pr->bench, &ob, &orel) < 0 || ob == bi)
			continue;
		if (!(l = link_add(s, p, ob, orel, pr->rule,
				   sd_lineage_relation_name(pr->relation))))
			continue;
		l->kind = sd_match_kind_name(pr->kind);
		snprintf(num, sizeof(num), "%.3f", pr->score);
		l->score = sd_xstrdup(num);
		l->evidence = dup_or_null(pr->evidence);
	}
	sd_lineage_trace_free(t);
}

/*
 * The lineage of benchmark `bi`'s pages: what the traces of their rules
 * reach, read from the stored lineage for this benchmark alone (memory
 * holds one benchmark's chains, not the library's). NULL when no line
 * holds its rules.
 */
static int bench_stored(struct sd_site *s, size_t bi,
			struct sd_lineage_stored **out)
{
	struct site_bench *sb = &s->v[bi];
	const char **ids = sd_xcalloc(sb->npages + 1, sizeof(*ids));
	struct sd_lineage_opts lo;
	size_t n = 0;
	int err;

	memset(&lo, 0, sizeof(lo));
	lo.links = s->links.v;
	lo.nlinks = s->links.n;

	for (size_t k = 0; k < sb->npages; k++) {
		const struct site_page *p = &sb->pages[k];
		const char *id = sb->b[p->rel]->rules[p->rule].vuln_id;

		if (id)
			ids[n++] = id;
	}
	*out = NULL;
	err = n ? sd_lineage_stored_open_ids(sd_link_source(s->link),
					     sd_link_index(s->link), &lo, ids, n,
					     out)
		: 0;
	if (err == SD_ENOTFOUND) {
		sd_error_clear();
		err = 0;
	}
	free(ids);
	return err;
}

/*
 * The corpus's stored lineage (what changed since 'corpus link' stored
 * it computed, with a warning); it is read a benchmark at a time, when
 * that benchmark is opened (bench_lineage()).
 */
static int load_lineage(struct sd_site *s)
{
	struct sd_link_opts ko;
	struct sd_link_stats st;
	int err;

	if ((err = sd_corpus_curated(s->c, &s->links)) < 0)
		return err;
	memset(&ko, 0, sizeof(ko));
	ko.links = s->links.v;
	ko.nlinks = s->links.n;
	ko.keep_maps = 1;
	if ((err = sd_link_open(&s->link, s->c, &ko)) < 0)
		return err;
	sd_link_stats(s->link, &st);
	if (sd_link_stale(s->link))
		sd_warn("%s: lineage not stored for these releases (%zu of %zu "
			"product groups changed); computed them ('stigdiff "
			"corpus link' stores them)",
			sd_corpus_dir(s->c), st.groups_computed, st.groups);
	return 0;
}

/* The lineage links of each page of benchmark `i` (open) and its
 * lineage digest, which tells whether its pages must be rendered
 * again. Without lineage the digest is that of no links. */
static int bench_lineage(struct sd_site *s, size_t i)
{
	unsigned long long h = SD_SITE_DIGEST_INIT;
	struct sd_lineage_stored *stored = NULL;
	int err;

	if (s->lineage && sd_link_index(s->link)->nlines &&
	    (err = bench_stored(s, i, &stored)) < 0)
		return err;
	for (size_t k = 0; s->lineage && k < s->v[i].npages; k++) {
		struct site_page *p = &s->v[i].pages[k];

		if (stored)
			page_lineage(s, i, p, sd_lineage_stored_lineage(stored));
		h = sd_site_digest(h, p->name);
		for (size_t j = 0; j < p->nlinks; j++) {
			const struct site_link *l = &p->links[j];
			const char *f[] = { l->path, l->bench,
					    l->vuln, l->stig, l->title,
					    l->kind, l->score,
					    l->evidence };

			h = sd_site_digest(h, l->relation);
			for (size_t q = 0; q < SD_ARRAY_SIZE(f); q++)
				h = sd_site_digest(h, f[q]);
		}
	}
	sd_lineage_stored_free(stored);
	if (!s->lineage) {
		memset(s->v[i].lineage_hash, 0, sizeof(s->v[i].lineage_hash));
		return 0;
	}
	snprintf(s->v[i].lineage_hash, sizeof(s->v[i].lineage_hash),
		 "%016llx", h);
	return 0;
}

/*
 * Each line's sibling lines (a manual STIG's SCAP content and the other
 * way round), from the releases' metadata.
 */
static void find_siblings(struct sd_site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct site_bench *sb = &s->v[i];

		sb->siblings = sd_xcalloc(s->n, sizeof(*sb->siblings));
		for (size_t o = 0; o < s->n; o++)
			if (o != i &&
			    sd_corpus_are_siblings(s->c, sb->slug, sb->rel,
						   sb->nrel, s->v[o].slug,
						   s->v[o].rel, s->v[o].nrel))
				sb->siblings[sb->nsiblings++] = o;
	}
}

/* Siblings are named on a line's page, so they enter the digest that
 * tells whether the page must be rendered again. */
static void siblings_digest(struct sd_site *s, struct site_bench *sb)
{
	unsigned long long h = SD_SITE_DIGEST_INIT;

	if (!sb->nsiblings)
		return;
	for (size_t k = 0; k < sb->nsiblings; k++)
		h = sd_site_digest(h, s->v[sb->siblings[k]].slug);
	h = sd_site_digest(h, sb->lineage_hash);
	snprintf(sb->lineage_hash, sizeof(sb->lineage_hash), "%016llx", h);
}

int sd_site_load(struct sd_site **out, struct sd_corpus *c,
		 const char *base_url, int lineage)
{
	struct sd_site *s = sd_xcalloc(1, sizeof(*s));
	struct sd_strv slugs = SD_STRV_INIT;
	int err;

	*out = NULL;
	s->c = c;
	s->lineage = lineage;
	if (base_url) {
		/* Page paths resolve under the URL as a directory. */
		struct sd_buf b = SD_BUF_INIT;

		sd_buf_addstr(&b, base_url);
		if (!sd_ends_with(base_url, "/"))
			sd_buf_addch(&b, '/');
		s->base_url = sd_buf_detach(&b);
	}
	s->links = (struct sd_lineage_links)SD_LINEAGE_LINKS_INIT;
	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	for (size_t i = 0; i < slugs.n; i++) {
		sd_tick("site: reading", i, slugs.n, "lines");
		if ((err = load_bench(s, slugs.v[i])) < 0)
			goto done;
	}
	if (lineage && (err = load_titles(s)) == 0)
		err = load_lineage(s);
	if (!err)
		find_siblings(s);
	if (!err)
		err = sd_site_rmf_load(s);
done:
	sd_strv_release(&slugs);
	if (err < 0)
		sd_site_free(s);
	else
		*out = s;
	return err;
}

int sd_site_bench_open(struct sd_site *s, size_t i)
{
	struct site_bench *sb = &s->v[i];
	int err;

	if (sb->b || !sb->nrel)
		return 0;
	sb->b = sd_xcalloc(sb->nrel + 1, sizeof(*sb->b));
	if ((err = sd_corpus_load_releases(s->c, sb->slug, sb->rel, sb->nrel,
					   sb->b)) < 0) {
		free(sb->b);
		sb->b = NULL;
		return err;
	}
	if (!sb->opened)
		bench_summary(s, sb);
	if ((err = bench_lineage(s, i)) < 0)
		return err;
	siblings_digest(s, sb);
	return 0;
}

static void free_links(struct site_page *p)
{
	for (size_t j = 0; j < p->nlinks; j++) {
		struct site_link *l = &p->links[j];

		free(l->page);
		free(l->path);
		free(l->vuln);
		free(l->stig);
		free(l->title);
		free(l->score);
		free(l->evidence);
	}
	free(p->links);
	p->links = NULL;
	p->nlinks = p->links_cap = 0;
}

void sd_site_bench_close(struct sd_site *s, size_t i)
{
	struct site_bench *sb = &s->v[i];

	sd_site_bench_history_free(sb);
	for (size_t k = 0; k < sb->npages; k++)
		free_links(&sb->pages[k]);
	for (size_t k = 0; sb->b && k < sb->nrel; k++)
		sd_benchmark_free(sb->b[k]);
	free(sb->b);
	sb->b = NULL;
}

/* ---- History: each rule followed from release to release ---- */

static size_t chain_new(struct site_bench *sb)
{
	SD_ALLOC_GROW(sb->chains, sb->nchains, sb->chains_cap);
	memset(&sb->chains[sb->nchains], 0, sizeof(sb->chains[0]));
	return sb->nchains++;
}

static void chain_push(struct site_chain *ch, size_t rel, size_t pair)
{
	SD_ALLOC_GROW(ch->rows, ch->n, ch->cap);
	ch->rows[ch->n].rel = rel;
	ch->rows[ch->n++].pair = pair;
}

int sd_site_bench_history(struct site_bench *sb)
{
	static struct sd_benchmark empty;
	int err;

	sb->diffs = sd_xcalloc(sb->nrel + 1, sizeof(*sb->diffs));
	sb->chain = sd_xcalloc(sb->nrel + 1, sizeof(*sb->chain));
	for (size_t i = 0; i < sb->nrel; i++) {
		const struct sd_benchmark *prev = i ? sb->b[i - 1] : &empty;
		struct sd_diff *d;

		if ((err = sd_diff_run(prev, sb->b[i], NULL, &sb->diffs[i])) < 0)
			return err;
		d = sb->diffs[i];
		sb->chain[i] = sd_xcalloc(sb->b[i]->nrules + 1, sizeof(size_t));
		for (size_t k = 0; k < d->nrules; k++) {
			const struct sd_diff_rule *dr = &d->rules[k];
			size_t c = dr->old ? sb->chain[i - 1][dr->old - prev->rules]
					   : chain_new(sb);

			if (dr->new)
				sb->chain[i][dr->new - sb->b[i]->rules] = c;
			chain_push(&sb->chains[c], i, k);
		}
	}
	return 0;
}

void sd_site_bench_history_free(struct site_bench *sb)
{
	for (size_t i = 0; sb->diffs && i < sb->nrel; i++) {
		sd_diff_free(sb->diffs[i]);
		free(sb->chain[i]);
	}
	free(sb->diffs);
	free(sb->chain);
	sb->diffs = NULL;
	sb->chain = NULL;
	for (size_t i = 0; i < sb->nchains; i++)
		free(sb->chains[i].rows);
	free(sb->chains);
	sb->chains = NULL;
	sb->nchains = sb->chains_cap = 0;
}

void sd_site_free(struct sd_site *s)
{
	if (!s)
		return;
	sd_link_free(s->link);
	sd_site_rmf_free(s);
	for (size_t i = 0; i < s->n; i++) {
		struct site_bench *sb = &s->v[i];

		sd_site_bench_close(s, i);
		for (size_t k = 0; k < sb->npages; k++) {
			struct site_page *p = &sb->pages[k];

			free(p->name);
			free(p->vuln);
			free(p->stig);
			free(p->rule_id);
			free(p->title);
			sd_strv_release(&p->controls);
		}
		free(sb->pages);
		free(sb->siblings);
		sd_corpus_releases_free(sb->rel, sb->nrel);
		free(sb->slug);
		free(sb->family);
		free(sb->title);
	}
	free(s->v);
	sd_lineage_links_release(&s->links);
	free(s->base_url);
	free(s);
}
