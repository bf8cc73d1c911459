/*
 * The site's search (site_run.h): one index over every rule page of the
 * site, split so that a query loads only what its words need, and the
 * search page whose script (xslt/search.js) reads it. Words are cut as
 * `corpus search` cuts them (words.h).
 *
 * The index is script files (they load from file:// through <script>
 * as well as over http), each one call of stigdiffSearch() with a JSON
 * object (docs/formats/site.md):
 *   search/index.js   the benchmarks (slug, title, family, first doc),
 *                     the families and the first word of each term shard
 *   search/t<N>.js    term shard N: words in byte order, each with its
 *                     postings, delta-coded; shards split by word range
 *   search/d<N>.js    doc shard N: docs N*64 .. N*64+63 (page, ids, title)
 * A posting is doc * 16 + severity * 4 + field (0 text, 1 title, 2 an
 * id), so ranking and the severity filter need no doc shard. Docs are
 * numbered benchmark by benchmark, the latest release first, so a lower
 * number is a newer rule: the order among equal ranks.
 */
#include "site_run.h"
#include "error.h"
#include "hash.h"
#include "json.h"
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Docs per doc shard, and the bytes a term shard grows to at most
 * (but for one word larger than that). */
#define DOC_SHARD 64
#define TERM_SHARD_BYTES 32768

enum { FIELD_TEXT, FIELD_TITLE, FIELD_ID };

/*
 * A word and its postings, increasing, held as the differences the
 * shards write, each in 7-bit groups (low first, the high bit set on all
 * but the last): about 2 bytes a posting instead of 4, which the index
 * of a whole library (millions of postings) is made of. The last one
 * stays apart until the next doc: its field may still rise.
 */
struct term {
	char *word;
	unsigned char *v; /* the differences but the last's */
	size_t len, cap;
	uint32_t prev; /* the posting before `last` (0: none) */
	uint32_t last; /* valid when n > 0 */
	size_t n;      /* postings, `last` included */
};

static void term_put(struct term *t, uint32_t delta)
{
	if (t->len + 5 > t->cap) {
		t->cap = t->cap + t->cap / 4 + 16;
		t->v = sd_xrealloc(t->v, t->cap);
	}
	while (delta >= 0x80) {
		t->v[t->len++] = (unsigned char)(delta | 0x80);
		delta >>= 7;
	}
	t->v[t->len++] = (unsigned char)delta;
}

/* The difference of posting k of `t` to the one before; k goes from 0
 * up by one, `at` (from 0) is where the next one is read. */
static uint32_t term_delta(const struct term *t, size_t k, size_t *at)
{
	uint32_t d = 0;

	if (k + 1 == t->n)
		return t->last - t->prev;
	for (int sh = 0;; sh += 7) {
		unsigned char c = t->v[(*at)++];

		d |= (uint32_t)(c & 0x7f) << sh;
		if (!(c & 0x80))
			return d;
	}
}

/* The index being built (site_run.h: sd_site_search_add()). */
struct site_search {
	struct term *t;
	size_t n, cap;
	struct sd_htab h;
	size_t ndoc; /* docs added so far */
};

static struct term *term_of(struct site_search *ix, const char *w)
{
	uint64_t h = sd_hash_str(w);
	size_t pos, k;

	for (k = sd_htab_find(&ix->h, h, &pos); k;
	     k = sd_htab_next(&ix->h, h, &pos))
		if (!strcmp(ix->t[k - 1].word, w))
			return &ix->t[k - 1];
	SD_ALLOC_GROW(ix->t, ix->n, ix->cap);
	memset(&ix->t[ix->n], 0, sizeof(ix->t[ix->n]));
	ix->t[ix->n].word = sd_xstrdup(w);
	sd_htab_put(&ix->h, h, ix->n);
	return &ix->t[ix->n++];
}

/* What index_doc() adds words with. */
struct doc_ctx {
	struct site_search *ix;
	uint32_t doc, sev, field;
};

/* A word of the doc: a posting, or a better field for the doc's one. */
static void add_word(const char *key, void *ctx)
{
	struct doc_ctx *d = ctx;
	struct term *t = term_of(d->ix, key);

	if (t->n && t->last >> 4 == d->doc) {
		if ((t->last & 3) < d->field)
			t->last = (t->last & ~3u) | d->field;
		return;
	}
	if (t->n) {
		term_put(t, t->last - t->prev);
		t->prev = t->last;
	}
	t->last = d->doc << 4 | d->sev << 2 | d->field;
	t->n++;
}

/* Index doc `doc`, rule `r`: each word once, with its best field. */
static void index_doc(struct site_search *ix, size_t doc, const struct sd_rule *r)
{
	const char *ids[] = { r->vuln_id, r->rule_id, r->stig_id };
	const char *texts[] = { r->desc[SD_DESC_DISCUSSION], r->check_content,
				r->fix_text, r->group_title };
	struct doc_ctx d = { ix, (uint32_t)doc, (uint32_t)r->severity, FIELD_ID };

	for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++)
		sd_words_keys(ids[i], add_word, &d);
	d.field = FIELD_TITLE;
	sd_words_keys(r->title, add_word, &d);
	d.field = FIELD_TEXT;
	for (size_t i = 0; i < SD_ARRAY_SIZE(texts); i++)
		sd_words_keys(texts[i], add_word, &d);
}

static int term_cmp(const void *a, const void *b)
{
	return strcmp(((const struct term *)a)->word,
		      ((const struct term *)b)->word);
}

/* Benchmarks newest first (latest release date, then slug). */
static int bench_cmp(const void *a, const void *b)
{
	const struct site_bench *x = *(const struct site_bench *const *)a;
	const struct site_bench *y = *(const struct site_bench *const *)b;
	int c = sd_strcmp_null(y->rel[y->nrel - 1].date,
			       x->rel[x->nrel - 1].date);

	return c ? c : strcmp(x->slug, y->slug);
}

struct site_bench **sd_site_search_order(struct sd_site *s, size_t *n)
{
	struct site_bench **order = sd_xcalloc(s->n + 1, sizeof(*order));

	*n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].nrel)
			order[(*n)++] = &s->v[i];
	qsort(order, *n, sizeof(*order), bench_cmp);
	return order;
}

/* Write `root` as the one call of stigdiffSearch() to `rel`. */
static int write_js(struct site_run *o, const char *rel, struct sd_json *root)
{
	return sd_site_write_js(o, "-", rel, "stigdiffSearch", root);
}

static struct sd_json *part_new(const char *format, size_t shard)
{
	struct sd_json *j = sd_json_object_new();

	sd_json_set_str(j, "format", format);
	sd_json_set_int(j, "format-version", 1);
	sd_json_set_int(j, "shard", (long long)shard);
	return j;
}

/* The digits of `v` and a comma: what a posting costs in a shard. */
static size_t num_bytes(uint32_t v)
{
	size_t n = 2;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* search/t<N>.js for terms [a, b) of the sorted index. */
static int term_shard(struct site_run *o, const struct site_search *ix, size_t a,
		      size_t b, size_t shard)
{
	struct sd_json *root = part_new("stigdiff-search-terms", shard);
	struct sd_json *words = sd_json_array_new();
	struct sd_buf rel = SD_BUF_INIT;
	int err;

	for (size_t i = a; i < b; i++) {
		struct sd_json *w = sd_json_array_new();

		sd_json_append(w, sd_json_string_new(ix->t[i].word));
		for (size_t k = 0, at = 0; k < ix->t[i].n; k++)
			sd_json_append(w, sd_json_int_new(
				(long long)term_delta(&ix->t[i], k, &at)));
		sd_json_append(words, w);
	}
	sd_json_set(root, "words", words);
	sd_buf_addf(&rel, "search/t%zu.js", shard);
	err = write_js(o, rel.ptr, root);
	sd_buf_release(&rel);
	return err;
}

/* A doc of a doc shard: [page, vuln id, STIG id, rule id, title]. */
static struct sd_json *doc_json(const struct site_page *p)
{
	struct sd_json *d = sd_json_array_new();

	sd_json_append(d, sd_json_string_new(p->name));
	sd_json_append(d, sd_site_json_str(p->vuln));
	sd_json_append(d, sd_site_json_str(p->stig));
	sd_json_append(d, sd_site_json_str(p->rule_id));
	sd_json_append(d, sd_site_json_str(p->title));
	return d;
}

void sd_site_search_free(struct site_run *o)
{
	struct site_search *ix = o->search;

	if (!ix)
		return;
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->t[i].word);
		free(ix->t[i].v);
	}
	free(ix->t);
	sd_htab_release(&ix->h);
	free(ix);
	o->search = NULL;
}

/* Find or add family `f` to `fams`; its index. */
static size_t family_index(struct sd_strv *fams, const char *f)
{
	for (size_t i = 0; i < fams->n; i++)
		if (!strcmp(fams->v[i], f))
			return i;
	sd_strv_push(fams, f);
	return fams->n - 1;
}

/* The pages of `sb` in doc order: the rules of its latest release, then
 * the rules it no longer holds. An array of sb->npages; caller frees. */
static const struct site_page **bench_docs(const struct site_bench *sb)
{
	const struct site_page **v = sd_xcalloc(sb->npages + 1, sizeof(*v));
	size_t n = 0;

	for (int removed = 0; removed < 2; removed++)
		for (size_t k = 0; k < sb->npages; k++)
			if ((sb->pages[k].rel != sb->nrel - 1) == removed)
				v[n++] = &sb->pages[k];
	return v;
}

void sd_site_search_add(struct site_run *o, const struct site_bench *sb)
{
	struct site_search *ix = o->search;
	const struct site_page **docs;

	if (!ix) {
		ix = o->search = sd_xcalloc(1, sizeof(*ix));
		ix->h = (struct sd_htab)SD_HTAB_INIT;
	}
	docs = bench_docs(sb);
	for (size_t k = 0; k < sb->npages; k++)
		index_doc(ix, ix->ndoc++, sd_site_page_rule(sb, docs[k]));
	free(docs);
}

int sd_site_search_index(struct site_run *o)
{
	struct sd_site *s = o->s;
	struct site_search empty = { NULL, 0, 0, SD_HTAB_INIT, 0 };
	struct site_search *ix = o->search ? o->search : &empty;
	struct sd_json *root = sd_json_object_new();
	struct sd_json *benches = sd_json_array_new(), *shards = sd_json_array_new();
	struct sd_json *docs = NULL, *fams_json = sd_json_array_new();
	struct sd_strv fams = SD_STRV_INIT;
	struct sd_buf rel = SD_BUF_INIT;
	size_t norder = 0, ndoc = 0, nterm_shards = 0;
	struct site_bench **order = sd_site_search_order(s, &norder);
	int err = 0;

	/* Docs: benchmark by benchmark, newest first, as they were
	 * indexed (sd_site_search_add()). */
	for (size_t i = 0; i < norder && !err; i++) {
		const struct site_bench *sb = order[i];
		const struct site_page **pages;
		struct sd_json *bj = sd_json_array_new();

		sd_json_append(bj, sd_json_string_new(sb->slug));
		sd_json_append(bj, sd_json_string_new(sb->title ? sb->title
							     : sb->slug));
		sd_json_append(bj, sd_json_int_new(
			(long long)family_index(&fams, sb->family)));
		sd_json_append(bj, sd_json_int_new((long long)ndoc));
		sd_json_append(benches, bj);
		pages = bench_docs(sb);
		for (size_t k = 0; k < sb->npages && !err; k++) {
			if (!docs)
				docs = sd_json_array_new();
			sd_json_append(docs, doc_json(pages[k]));
			if (++ndoc % DOC_SHARD == 0) {
				struct sd_json *d = part_new(
					"stigdiff-search-docs",
					ndoc / DOC_SHARD - 1);

				sd_json_set(d, "docs", docs);
				docs = NULL;
				sd_buf_reset(&rel);
				sd_buf_addf(&rel, "search/d%zu.js",
					    ndoc / DOC_SHARD - 1);
				err = write_js(o, rel.ptr, d);
			}
		}
		free(pages);
	}
	if (docs && !err) {
		struct sd_json *d = part_new("stigdiff-search-docs",
					     ndoc / DOC_SHARD);

		sd_json_set(d, "docs", docs);
		docs = NULL;
		sd_buf_reset(&rel);
		sd_buf_addf(&rel, "search/d%zu.js", ndoc / DOC_SHARD);
		err = write_js(o, rel.ptr, d);
	}
	sd_json_free(docs);
	/* Term shards: consecutive words up to TERM_SHARD_BYTES each. */
	if (ix->n)
		qsort(ix->t, ix->n, sizeof(*ix->t), term_cmp);
	for (size_t a = 0; a < ix->n && !err;) {
		size_t b = a, bytes = 0;

		while (b < ix->n && (b == a || bytes < TERM_SHARD_BYTES)) {
			bytes += strlen(ix->t[b].word) + 4;
			for (size_t k = 0, at = 0; k < ix->t[b].n; k++)
				bytes += num_bytes(term_delta(&ix->t[b], k, &at));
			b++;
		}
		if (bytes > TERM_SHARD_BYTES && b - a > 1)
			b--; /* the word that overflowed starts the next */
		sd_json_append(shards, sd_json_string_new(ix->t[a].word));
		err = term_shard(o, ix, a, b, nterm_shards++);
		a = b;
	}
	for (size_t i = 0; i < fams.n; i++)
		sd_json_append(fams_json, sd_json_string_new(fams.v[i]));
	sd_json_set_str(root, "format", "stigdiff-search");
	sd_json_set_int(root, "format-version", 3);
	sd_json_set_int(root, "docs", (long long)ndoc);
	sd_json_set_int(root, "doc-shard", DOC_SHARD);
	sd_json_set(root, "families", fams_json);
	sd_json_set(root, "benchmarks", benches);
	sd_json_set(root, "shards", shards);
	if (!err)
		err = write_js(o, "search/index.js", root);
	else
		sd_json_free(root);
	sd_site_search_free(o);
	free(order);
	sd_strv_release(&fams);
	sd_buf_release(&rel);
	return err;
}

int sd_site_search_page(struct site_run *o)
{
	struct site_px x;

	sd_site_px_open(o, &x, "search", "");
	return sd_site_px_finish(o, &x, "-", "search.html");
}
