/*
 * Product lines from releases (lines.h): id groups, the evidence that
 * two groups are one product renamed, and the names and labels of the
 * lines that result.
 */
#include "lines.h"
#include "buf.h"
#include "product.h"
#include "rulefile.h"
#include "words.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Of two adjacent releases, the share of rules that must continue. */
#define CONTINUITY 0.5

/* ---- Labels ---- */

/* V, R and a draft's part of "V2R10", "V1R0.1"; 0 when not of that form. */
static int label_parts(const char *label, int *v, int *r, int *rsub)
{
	char extra;

	*v = *r = *rsub = 0;
	if (sscanf(label, "V%dR%d.%d%c", v, r, rsub, &extra) == 3)
		return 1;
	*rsub = 0;
	if (sscanf(label, "V%dR%d%c", v, r, &extra) == 2)
		return 1;
	*r = 0;
	if (sscanf(label, "V%d%c", v, &extra) == 1)
		return 1;
	*v = 0;
	return 0;
}

int sd_lines_label_cmp(const char *a, const char *b)
{
	int av, ar, as, bv, br, bs;
	int ka = label_parts(a, &av, &ar, &as), kb = label_parts(b, &bv, &br, &bs);

	if (ka && kb) {
		if (av != bv)
			return av < bv ? -1 : 1;
		if (ar != br)
			return ar < br ? -1 : 1;
		if (as != bs)
			return as < bs ? -1 : 1;
		return 0;
	}
	if (ka != kb)
		return ka ? 1 : -1; /* labels of another form first */
	return strcmp(a, b);
}

/* ---- Titles ---- */

static const char *const boilerplate[] = {
	"security", "technical", "implementation", "guide", "stig",
	"microsoft", "ms", "scap", "benchmark", "the", "for", "and", "of",
	"with", "version", NULL
};

/* The words of a title that name its product, lower case. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(char c)
{
	return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

void sd_lines_title_words(const char *t, struct sd_strv *out)
{
	struct sd_buf w = SD_BUF_INIT;
	struct sd_word wd;

	while (sd_words_next(&t, SD_WORDS_ASCII, &wd)) {
		int skip = 0;

		sd_buf_reset(&w);
		for (;;) {
			for (size_t i = 0; i < wd.len; i++)
				sd_buf_addch(&w, sd_words_fold(wd.s[i]));
			/* A '.' between a digit and a letter or digit stays:
			 * 8.5, 11.x */
			if (t[0] != '.' || !is_digit(w.ptr[w.len - 1]) ||
			    !is_alnum(t[1]))
				break;
			sd_buf_addch(&w, '.');
			t++;
			sd_words_next(&t, SD_WORDS_ASCII, &wd);
		}
		for (size_t i = 0; boilerplate[i] && !skip; i++)
			skip = !strcmp(w.ptr, boilerplate[i]);
		if (!skip && !sd_strv_contains(out, w.ptr))
			sd_strv_push(out, w.ptr);
	}
	sd_buf_release(&w);
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (isdigit((unsigned char)*s))
			return 1;
	return 0;
}

int sd_lines_words_similar(const struct sd_strv *wa, const struct sd_strv *wb)
{
	size_t shared = 0, digits_a = 0, digits_b = 0, digits_shared = 0;

	for (size_t i = 0; i < wa->n; i++) {
		int in_b = sd_strv_contains(wb, wa->v[i]);

		shared += in_b;
		if (has_digit(wa->v[i])) {
			digits_a++;
			digits_shared += in_b;
		}
	}
	for (size_t i = 0; i < wb->n; i++)
		digits_b += has_digit(wb->v[i]) != 0;
	/* Versions in both titles must be the same versions. */
	if (digits_a && digits_b &&
	    (digits_shared != digits_a || digits_shared != digits_b))
		return 0;
	return wa->n && wb->n && 2 * shared >= wa->n + wb->n - shared;
}

/* The same words, in any order? */
static int words_equal(const struct sd_strv *wa, const struct sd_strv *wb)
{
	if (wa->n != wb->n || !wa->n)
		return 0;
	for (size_t i = 0; i < wa->n; i++)
		if (!sd_strv_contains(wb, wa->v[i]))
			return 0;
	return 1;
}

int sd_lines_title_similar(const char *a, const char *b)
{
	struct sd_strv wa = SD_STRV_INIT, wb = SD_STRV_INIT;
	int similar;

	sd_lines_title_words(a, &wa);
	sd_lines_title_words(b, &wb);
	similar = sd_lines_words_similar(&wa, &wb);
	sd_strv_release(&wa);
	sd_strv_release(&wb);
	return similar;
}

/* ---- Assignment ---- */

/* An id group: the releases of one benchmark id and content class. */
struct group {
	const char *bench_id;
	int scap;
	size_t *rel; /* in line order */
	size_t n;
	struct sd_strv *titles; /* the words of each distinct title */
	size_t ntitles;
	char *role; /* the product's role (product.h), "" for none */
	size_t parent; /* union-find */
};

struct assign {
	struct sd_line_rel *rel;
	size_t nrel;
	sd_line_ids_fn ids_fn;
	void *ctx;
	struct sd_strv *ids; /* per release, loaded once, sorted */
	char *loaded;
	struct group *g;
	size_t ng;
};

static int cmp_rel(const struct sd_line_rel *a, const struct sd_line_rel *b)
{
	int c = sd_lines_label_cmp(a->label, b->label);

	if (c)
		return c;
	if ((c = strcmp(a->label, b->label)))
		return c;
	if ((c = sd_strcmp_null(a->date, b->date)))
		return c;
	return sd_strcmp_null(a->content, b->content);
}

static struct sd_line_rel *sort_rel;

static int cmp_rel_index(const void *pa, const void *pb)
{
	return cmp_rel(&sort_rel[*(const size_t *)pa],
		       &sort_rel[*(const size_t *)pb]);
}

static void sort_indices(struct sd_line_rel *rel, size_t *idx, size_t n)
{
	sort_rel = rel;
	if (n > 1)
		qsort(idx, n, sizeof(*idx), cmp_rel_index);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Load release i's identifiers once: ids[i] every identifier, sorted
 * (for lookups), ids[nrel + i] each rule's identifiers as the callback
 * gave them (for counting rules).
 */
static int load_ids(struct assign *a, size_t i)
{
	struct sd_strv *rules = &a->ids[a->nrel + i], *all = &a->ids[i];
	int err;

	if (a->loaded[i])
		return 0;
	a->loaded[i] = 1;
	if ((err = a->ids_fn(i, rules, a->ctx)) < 0)
		return err;
	for (size_t k = 0; k < rules->n; k++) {
		const char *s = rules->v[k];

		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);

			if (len)
				sd_strv_push_owned(all, sd_xstrndup(s, len));
			if (!nl)
				break;
			s = nl + 1;
		}
	}
	if (all->n > 1)
		qsort(all->v, all->n, sizeof(*all->v), cmp_str);
	return 0;
}

static int holds(const struct sd_strv *sorted, const char *id)
{
	return sorted->n && bsearch(&id, sorted->v, sorted->n,
				    sizeof(*sorted->v), cmp_str) != NULL;
}

/* Rules of `x` sharing an identifier with release `y`. */
static size_t shared_rules(const struct sd_strv *x_rules,
			   const struct sd_strv *y_ids)
{
	size_t hits = 0;

	for (size_t k = 0; k < x_rules->n; k++) {
		const char *s = x_rules->v[k];
		int hit = 0;

		while (*s && !hit) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);
			char one[256];

			if (len && len < sizeof(one)) {
				memcpy(one, s, len);
				one[len] = '\0';
				hit = holds(y_ids, one);
			}
			if (!nl)
				break;
			s = nl + 1;
		}
		hits += hit;
	}
	return hits;
}

/* The share of the smaller release's rules that continue in the other. */
static int continuity(struct assign *a, size_t x, size_t y, double *out)
{
	const struct sd_strv *xr, *yr;
	size_t small;
	int err;

	if ((err = load_ids(a, x)) < 0 || (err = load_ids(a, y)) < 0)
		return err;
	xr = &a->ids[a->nrel + x];
	yr = &a->ids[a->nrel + y];
	small = xr->n < yr->n ? xr->n : yr->n;
	if (!small) {
		*out = 0;
		return 0;
	}
	*out = (double)(xr->n <= yr->n ? shared_rules(xr, &a->ids[y])
				       : shared_rules(yr, &a->ids[x])) /
	       (double)small;
	return 0;
}

/* Do groups (or lines) `g` and `h` share a version label? */
static int share_version(const struct assign *a, const size_t *g, size_t ng,
			 const size_t *h, size_t nh)
{
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; k < nh; k++)
			if (!strcmp(a->rel[g[i]].label, a->rel[h[k]].label))
				return 1;
	return 0;
}

static int titles_similar(const struct group *g, const struct group *h)
{
	for (size_t i = 0; i < g->ntitles; i++)
		for (size_t k = 0; k < h->ntitles; k++)
			if (sd_lines_words_similar(&g->titles[i], &h->titles[k]))
				return 1;
	return 0;
}

/*
 * Do g and h name their product with the same words, and does one
 * group's every version come after the other's? DISA rewrote some
 * STIGs under a new id with new rule ids throughout (Mozilla_Firefox_STIG
 * V5 -> MOZ_Firefox_STIG V6): the title and the version numbers are
 * then all that carries the line over.
 */
static int title_succession(const struct assign *a, const struct group *g,
			    const struct group *h)
{
	int same = 0;

	for (size_t i = 0; i < g->ntitles && !same; i++)
		for (size_t k = 0; k < h->ntitles && !same; k++)
			same = words_equal(&g->titles[i], &h->titles[k]);
	if (!same)
		return 0;
	return cmp_rel(&a->rel[g->rel[g->n - 1]], &a->rel[h->rel[0]]) < 0 ||
	       cmp_rel(&a->rel[h->rel[h->n - 1]], &a->rel[g->rel[0]]) < 0;
}

/*
 * The continuity of groups g and h: the best share over the releases
 * adjacent in version order that come one from each.
 */
static int group_continuity(struct assign *a, const struct group *g,
			    const struct group *h, double *best)
{
	size_t i = 0, k = 0, prev = (size_t)-1;
	int prev_g = -1, err;

	*best = 0;
	while (i < g->n || k < h->n) {
		int take_g = k >= h->n ||
			     (i < g->n && cmp_rel(&a->rel[g->rel[i]],
						  &a->rel[h->rel[k]]) < 0);
		size_t cur = take_g ? g->rel[i++] : h->rel[k++];

		if (prev != (size_t)-1 && prev_g != take_g) {
			double s;

			if ((err = continuity(a, prev, cur, &s)) < 0)
				return err;
			if (s > *best)
				*best = s;
		}
		prev = cur;
		prev_g = take_g;
	}
	return 0;
}

/* Do two roles (product.h: words, space-separated) share no word? A
 * product without a role may be any. */
static int other_roles(const char *a, const char *b)
{
	char *copy, *save = NULL;
	int shared = 0;

	if (!*a || !*b)
		return 0;
	copy = sd_xstrdup(a);
	for (char *w = strtok_r(copy, " ", &save); w && !shared;
	     w = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(w);

		for (const char *p = strstr(b, w); p && !shared;
		     p = strstr(p + 1, w))
			shared = (p == b || p[-1] == ' ') &&
				 (p[n] == '\0' || p[n] == ' ');
	}
	free(copy);
	return !shared;
}

struct edge {
	size_t g, h;
	double score;
};

static int cmp_edge(const void *pa, const void *pb)
{
	const struct edge *x = pa, *y = pb;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return (x->h > y->h) - (x->h < y->h);
}

static size_t find(struct group *g, size_t i)
{
	while (g[i].parent != i)
		i = g[i].parent = g[g[i].parent].parent;
	return i;
}

static int cmp_by_group(const void *pa, const void *pb)
{
	const struct sd_line_rel *x = &sort_rel[*(const size_t *)pa];
	const struct sd_line_rel *y = &sort_rel[*(const size_t *)pb];

	if ((x->scap != 0) != (y->scap != 0))
		return (x->scap != 0) - (y->scap != 0);
	return strcmp(x->bench_id, y->bench_id);
}

/* Group releases by (content class, benchmark id), each in line order. */
static void make_groups(struct assign *a)
{
	size_t *idx = sd_xcalloc(a->nrel + 1, sizeof(*idx));

	for (size_t i = 0; i < a->nrel; i++)
		idx[i] = i;
	sort_rel = a->rel;
	if (a->nrel > 1)
		qsort(idx, a->nrel, sizeof(*idx), cmp_by_group);
	a->g = sd_xcalloc(a->nrel + 1, sizeof(*a->g));
	for (size_t i = 0, j; i < a->nrel; i = j) {
		struct group *g = &a->g[a->ng];

		for (j = i + 1; j < a->nrel && !cmp_by_group(&idx[i], &idx[j]);
		     j++)
			;
		g->bench_id = a->rel[idx[i]].bench_id;
		g->scap = a->rel[idx[i]].scap != 0;
		g->n = j - i;
		g->rel = sd_xcalloc(g->n, sizeof(*g->rel));
		memcpy(g->rel, idx + i, g->n * sizeof(*idx));
		sort_indices(a->rel, g->rel, g->n);
		g->titles = sd_xcalloc(g->n, sizeof(*g->titles));
		for (size_t k = 0; k < g->n; k++) {
			const char *t = a->rel[g->rel[k]].title;
			size_t m;

			for (m = 0; m < k; m++)
				if (!sd_strcmp_null(t, a->rel[g->rel[m]].title))
					break;
			if (m == k)
				sd_lines_title_words(t, &g->titles[g->ntitles++]);
		}
		{
			const struct sd_line_rel *last = &a->rel[g->rel[g->n - 1]];
			struct sd_product p;

			sd_product_infer(&p, NULL, last->bench_id, last->title);
			g->role = sd_xstrdup(p.role ? p.role : "");
			sd_product_release(&p);
		}
		g->parent = a->ng++;
		sort_rel = a->rel;
	}
	free(idx);
}

/* Join groups into lines, strongest evidence first. */
static int join_groups(struct assign *a)
{
	struct edge *e = NULL;
	size_t ne = 0, cap = 0;
	int err = 0;

	for (size_t g = 0; g < a->ng; g++)
		for (size_t h = g + 1; h < a->ng; h++) {
			double s;

			/* Products of other roles (member server, domain
			 * controller) are parallel, whatever their rules. */
			if (a->g[g].scap != a->g[h].scap ||
			    other_roles(a->g[g].role, a->g[h].role) ||
			    !titles_similar(&a->g[g], &a->g[h]) ||
			    share_version(a, a->g[g].rel, a->g[g].n, a->g[h].rel,
					  a->g[h].n))
				continue;
			if ((err = group_continuity(a, &a->g[g], &a->g[h],
						    &s)) < 0)
				goto done;
			if (s < CONTINUITY &&
			    title_succession(a, &a->g[g], &a->g[h]))
				s = CONTINUITY;
			if (s < CONTINUITY)
				continue;
			SD_ALLOC_GROW(e, ne, cap);
			e[ne].g = g;
			e[ne].h = h;
			e[ne++].score = s;
		}
	if (ne > 1)
		qsort(e, ne, sizeof(*e), cmp_edge);
	for (size_t i = 0; i < ne; i++) {
		size_t rg = find(a->g, e[i].g), rh = find(a->g, e[i].h);
		struct group *x, *y;

		if (rg == rh)
			continue;
		x = &a->g[rg];
		y = &a->g[rh];
		/* The roots hold every release of their line so far. */
		if (share_version(a, x->rel, x->n, y->rel, y->n))
			continue;
		x->rel = sd_xrealloc(x->rel, (x->n + y->n) * sizeof(*x->rel));
		memcpy(x->rel + x->n, y->rel, y->n * sizeof(*y->rel));
		x->n += y->n;
		y->n = 0;
		y->parent = rg;
		sort_indices(a->rel, x->rel, x->n);
	}
done:
	free(e);
	return err;
}

struct claim {
	char *base;
	size_t line;
};

static const struct sd_line_rel *claim_rel;
static const struct sd_line *claim_lines;

static int cmp_claim(const void *pa, const void *pb)
{
	const struct claim *x = pa, *y = pb;
	const struct sd_line_rel *rx = &claim_rel[claim_lines[x->line].rel[0]];
	const struct sd_line_rel *ry = &claim_rel[claim_lines[y->line].rel[0]];
	int c = strcmp(x->base, y->base);

	if (c)
		return c;
	if ((c = sd_strcmp_null(rx->date, ry->date)))
		return c;
	if ((c = strcmp(rx->bench_id, ry->bench_id)))
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Name each line; label each release within its line. */
static void name_lines(struct assign *a, struct sd_line *lines, size_t n)
{
	struct claim *cl = sd_xcalloc(n ? n : 1, sizeof(*cl));

	for (size_t l = 0; l < n; l++) {
		const struct sd_line_rel *last =
			&a->rel[lines[l].rel[lines[l].n - 1]];
		char *slug = sd_rulefile_slug(last->bench_id);
		struct sd_buf b = SD_BUF_INIT;

		sd_buf_addstr(&b, slug ? slug : "benchmark");
		if (last->scap)
			sd_buf_addstr(&b, "-scap");
		free(slug);
		cl[l].base = sd_buf_detach(&b);
		cl[l].line = l;
	}
	claim_rel = a->rel;
	claim_lines = lines;
	if (n > 1)
		qsort(cl, n, sizeof(*cl), cmp_claim);
	for (size_t i = 0, rank = 0; i < n; i++) {
		struct sd_buf b = SD_BUF_INIT;

		rank = i && !strcmp(cl[i].base, cl[i - 1].base) ? rank + 1 : 0;
		sd_buf_addstr(&b, cl[i].base);
		if (rank)
			sd_buf_addf(&b, "-%zu", rank + 1);
		lines[cl[i].line].slug = sd_buf_detach(&b);
	}
	for (size_t i = 0; i < n; i++)
		free(cl[i].base);
	free(cl);
	for (size_t l = 0; l < n; l++)
		for (size_t i = 0; i < lines[l].n;) {
			size_t j = i + 1, rev = 0;
			struct sd_line_rel *r = &a->rel[lines[l].rel[i]];

			while (j < lines[l].n &&
			       !strcmp(a->rel[lines[l].rel[j]].label, r->label))
				j++;
			for (size_t k = i; k < j; k++) {
				struct sd_line_rel *x = &a->rel[lines[l].rel[k]];
				struct sd_buf b = SD_BUF_INIT;

				x->line = l;
				sd_buf_addstr(&b, x->label);
				if (k + 1 < j)
					sd_buf_addf(&b, "-rev%zu", ++rev);
				x->name = sd_buf_detach(&b);
			}
			i = j;
		}
}

int sd_lines_assign(struct sd_line_rel *rel, size_t n, sd_line_ids_fn ids,
		    void *ctx, struct sd_line **lines_out, size_t *nlines_out)
{
	struct assign a;
	struct sd_line *lines = NULL;
	size_t nlines = 0;
	int err;

	memset(&a, 0, sizeof(a));
	a.rel = rel;
	a.nrel = n;
	a.ids_fn = ids;
	a.ctx = ctx;
	a.ids = sd_xcalloc(2 * n + 1, sizeof(*a.ids));
	a.loaded = sd_xcalloc(n + 1, 1);
	make_groups(&a);
	if ((err = join_groups(&a)) < 0)
		goto done;
	lines = sd_xcalloc(a.ng ? a.ng : 1, sizeof(*lines));
	for (size_t g = 0; g < a.ng; g++) {
		if (a.g[g].parent != g || !a.g[g].n)
			continue;
		lines[nlines].rel = a.g[g].rel;
		lines[nlines++].n = a.g[g].n;
		a.g[g].rel = NULL;
	}
	name_lines(&a, lines, nlines);
	*lines_out = lines;
	*nlines_out = nlines;
	lines = NULL;
done:
	for (size_t g = 0; g < a.ng; g++) {
		free(a.g[g].rel);
		free(a.g[g].role);
		for (size_t t = 0; t < a.g[g].ntitles; t++)
			sd_strv_release(&a.g[g].titles[t]);
		free(a.g[g].titles);
	}
	free(a.g);
	for (size_t i = 0; i < 2 * n; i++)
		sd_strv_release(&a.ids[i]);
	free(a.ids);
	free(a.loaded);
	free(lines);
	return err;
}

void sd_lines_free(struct sd_line *lines, size_t nlines,
		   struct sd_line_rel *rel, size_t n)
{
	for (size_t l = 0; l < nlines; l++) {
		free(lines[l].slug);
		free(lines[l].rel);
	}
	free(lines);
	for (size_t i = 0; i < n; i++) {
		free(rel[i].name);
		rel[i].name = NULL;
	}
}
