/*
 * `corpus link`'s plan (see lineage_link_int.h): the lineage of the
 * corpus's release headers, its lines grouped, and what of the stored
 * lineage still holds.
 */
#include "lineage_link_int.h"
#include "error.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Reading what is stored ---- */

int sd_link_read(void *ctx, const char *name, struct sd_buf *out)
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

int sd_link_corpus_read(void *ctx, const char *name, struct sd_buf *out)
{
	int err = sd_corpus_lineage_file(ctx, name, out);

	if (err == SD_ENOTFOUND)
		sd_error_clear();
	return err;
}

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


/* ---- The plan ---- */

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x)
		x = p[x] = p[p[x]];
	return x;
}

/* Lines relating to each other (successors, siblings) and lines a
 * curated link joins form a group. */
void sd_link_make_groups(struct sd_link *lk, const struct sd_lineage_ids *ids)
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
					if (sd_lineage_ids_names_line(e + len + 1,
								      lk->file[l])) {
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
char *sd_link_line_sources(struct sd_link *lk, size_t l)
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
int sd_link_make_key(struct sd_link *lk)
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
int sd_link_read_heads(struct sd_link *lk)
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
int sd_link_read_releases(struct sd_link *lk)
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
const char *sd_link_line_of(void *ctx, const struct sd_benchmark *b,
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

void sd_link_lineage_opts(struct sd_link *lk, struct sd_lineage_opts *lo)
{
	memset(lo, 0, sizeof(*lo));
	lo->links = lk->o.links;
	lo->nlinks = lk->o.nlinks;
	lo->no_related = 1;
	lo->line_of = sd_link_line_of;
	lo->line_ctx = lk;
}

/* The stored index, when it is for this key. */
int sd_link_read_stored(struct sd_link *lk)
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
		if (!err && lk->stored.version < 3 && !lk->o.commit) {
			err = sd_error_set(SD_EPARSE, "%s: lineage stored by an "
					   "older stigdiff (format %d); run "
					   "'stigdiff corpus link -C %s' to store "
					   "it again", name.ptr,
					   lk->stored.version, sd_corpus_dir(lk->c));
			sd_lineage_index_release(&lk->stored);
		} else if (!err) {
			lk->have_stored = 1;
			if (lk->stored.version < 3 ||
			    strcmp(lk->stored.key, lk->key)) {
				/* An older format; other options, curated
				 * links or products: nothing stored applies,
				 * and its files go (those written again
				 * stay). */
				for (size_t i = 0; i < lk->stored.nlines; i++)
					sd_lineage_index_line_files(&lk->stored, i,
								    &lk->remove);
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
void sd_link_keep_stored(struct sd_link *lk)
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
		x->lines[x->nlines].parts = s->parts;
		x->lines[x->nlines].related = s->related;
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

/* Do the stored lines name exactly the benchmark heads of the corpus?
 * (Then nothing is computed, and no plan is needed.) */
int sd_link_stored_current(struct sd_link *lk)
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
size_t sd_link_mark_stale(struct sd_link *lk)
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
