/*
 * The corpus search index (see search.h). A segment file is text:
 *
 *   stigdiff-search 1 <head> <docs> <terms> <docs-offset> <terms-offset>
 *   <doc>\t<file>\t<last>\t<labels>\t<vuln-id>\t<stig-id>\t<ids>\t<title>
 *   ...
 *   <word>\t<doc> <doc> ...
 *   ...
 *
 * Numbers in the first line are zero-padded to 12 digits so its length
 * is fixed. A doc is one distinct version (blob) of one rule file;
 * <last> is the position in the history of the newest release holding
 * it, <labels> those releases, <ids> the rule id then the legacy ids.
 * Word lines are sorted bytewise, doc lines by number.
 */
#include "search.h"
#include "buf.h"
#include "corpus.h"
#include "error.h"
#include "hash.h"
#include "rulefile.h"
#include "words.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEG_MAGIC "stigdiff-search 1 "

/* ---- Building a segment (words as words.h keeps them) ---- */

struct doc {
	char *key; /* "<file> <blob>" */
	struct sd_strv labels;
	size_t last;
	char *name, *vuln, *stig, *ids, *title;
};

/* The item of `t` whose key is `key`, by index + 1; 0 when none. */
static size_t table_find(const struct sd_htab *t, uint64_t h, const char *key,
			 const char *(*key_of)(const void *items, size_t i),
			 const void *items)
{
	size_t pos, k;

	for (k = sd_htab_find(t, h, &pos); k; k = sd_htab_next(t, h, &pos))
		if (!strcmp(key_of(items, k - 1), key))
			break;
	return k;
}

/* A word and the docs holding it, in doc order without repeats. */
struct term {
	char *word;
	size_t *docs;
	size_t ndocs, cap;
};

struct builder {
	struct doc *docs;
	size_t ndocs, docs_cap;
	struct sd_htab doc_index; /* by key */
	struct term *terms;
	size_t nterms, terms_cap;
	struct sd_htab term_index; /* by word */
	size_t cur; /* the doc being tokenized */
};


static const char *doc_key(const void *items, size_t i)
{
	return ((const struct doc *)items)[i].key;
}

static const char *term_key(const void *items, size_t i)
{
	return ((const struct term *)items)[i].word;
}

/* Record that the current doc holds word `w`. */
static void add_posting(const char *w, void *ctx)
{
	struct builder *bd = ctx;
	uint64_t h = sd_hash_str(w);
	size_t k = table_find(&bd->term_index, h, w, term_key, bd->terms);
	struct term *t;

	if (!k) {
		SD_ALLOC_GROW(bd->terms, bd->nterms, bd->terms_cap);
		t = &bd->terms[bd->nterms];
		memset(t, 0, sizeof(*t));
		t->word = sd_xstrdup(w);
		sd_htab_put(&bd->term_index, h, bd->nterms);
		k = ++bd->nterms;
	}
	t = &bd->terms[k - 1];
	/* Docs are tokenized one after the other: a repeat is the last. */
	if (t->ndocs && t->docs[t->ndocs - 1] == bd->cur)
		return;
	SD_ALLOC_GROW(t->docs, t->ndocs, t->cap);
	t->docs[t->ndocs++] = bd->cur;
}

static int cmp_term(const void *pa, const void *pb)
{
	const struct term *a = pa, *b = pb;

	return strcmp(a->word, b->word);
}

/* Tabs and line breaks would break a line of the segment. */
static char *flat(const char *s)
{
	char *r = sd_xstrdup(s ? s : "");

	for (char *p = r; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return r;
}

static const char *const indexed_fields[] = { "title", "discussion",
					      "check-content", "fix-text",
					      "rule-id", "stig-id", "srg" };

static void index_rule(struct builder *bd, struct doc *d,
		       const struct sd_rule *r)
{
	struct sd_buf ids = SD_BUF_INIT;

	for (size_t i = 0; i < SD_ARRAY_SIZE(indexed_fields); i++) {
		const struct sd_rule_field *f =
			sd_rule_field_find(indexed_fields[i]);

		sd_words_keys(SD_RULE_FIELD(r, f), add_posting, bd);
	}
	sd_words_keys(r->vuln_id, add_posting, bd);
	for (size_t i = 0; i < r->ccis.n; i++)
		sd_words_keys(r->ccis.v[i], add_posting, bd);
	sd_buf_addstr(&ids, r->rule_id ? r->rule_id : "-");
	for (size_t i = 0; i < r->legacy.n; i++) {
		sd_words_keys(r->legacy.v[i], add_posting, bd);
		sd_buf_addf(&ids, " %s", r->legacy.v[i]);
	}
	d->vuln = flat(r->vuln_id);
	d->stig = flat(r->stig_id);
	d->title = flat(r->title);
	d->ids = flat(ids.ptr);
	sd_buf_release(&ids);
}

static void builder_release(struct builder *bd)
{
	for (size_t i = 0; i < bd->ndocs; i++) {
		struct doc *d = &bd->docs[i];

		free(d->key);
		free(d->name);
		free(d->vuln);
		free(d->stig);
		free(d->ids);
		free(d->title);
		sd_strv_release(&d->labels);
	}
	free(bd->docs);
	sd_htab_release(&bd->doc_index);
	for (size_t i = 0; i < bd->nterms; i++) {
		free(bd->terms[i].word);
		free(bd->terms[i].docs);
	}
	free(bd->terms);
	sd_htab_release(&bd->term_index);
}

/* Add release `pos` of the history: each new rule version becomes a doc. */
static int add_release(struct sd_corpus *c, struct builder *bd,
		       const char *slug, const char *label, size_t pos)
{
	struct sd_corpus_entry *e = NULL;
	struct sd_buf key = SD_BUF_INIT, text = SD_BUF_INIT;
	size_t n = 0;
	int err;

	if ((err = sd_corpus_entries(c, slug, label, &e, &n)) < 0)
		return err;
	for (size_t i = 0; i < n && !err; i++) {
		struct sd_rule r;
		uint64_t h;
		size_t k;
		struct doc *d;

		if (!strcmp(e[i].name, SD_RULEFILE_BENCHMARK))
			continue;
		sd_buf_reset(&key);
		sd_buf_addf(&key, "%s %s", e[i].name, e[i].oid);
		h = sd_hash_str(key.ptr);
		k = table_find(&bd->doc_index, h, key.ptr, doc_key, bd->docs);
		if (k) {
			d = &bd->docs[k - 1];
			sd_strv_push(&d->labels, label);
			d->last = pos;
			continue;
		}
		sd_buf_reset(&text);
		if ((err = sd_corpus_read_blob(c, e[i].oid, &text)) < 0)
			break;
		memset(&r, 0, sizeof(r));
		err = sd_rulefile_parse_rule(text.ptr, text.len, e[i].name, &r);
		if (err == 0) {
			SD_ALLOC_GROW(bd->docs, bd->ndocs, bd->docs_cap);
			sd_htab_put(&bd->doc_index, h, bd->ndocs);
			bd->cur = bd->ndocs;
			d = &bd->docs[bd->ndocs++];
			memset(d, 0, sizeof(*d));
			d->key = sd_buf_detach(&key);
			d->name = sd_xstrdup(e[i].name);
			sd_strv_push(&d->labels, label);
			d->last = pos;
			index_rule(bd, d, &r);
		}
		sd_rule_release(&r);
	}
	sd_buf_release(&key);
	sd_buf_release(&text);
	sd_corpus_entries_free(e, n);
	return err;
}

static int segment_path(struct sd_corpus *c, const char *slug,
			struct sd_buf *out)
{
	int err = sd_corpus_private_path(c, "search", out);

	if (err < 0)
		return err;
	if ((err = sd_mkdirs(out->ptr)) < 0)
		return err;
	sd_buf_addf(out, "/%s.idx", slug);
	return 0;
}

static int write_segment(struct sd_corpus *c, const char *slug,
			 const char *head, struct builder *bd)
{
	struct sd_buf docs = SD_BUF_INIT, terms = SD_BUF_INIT, out = SD_BUF_INIT;
	struct sd_buf path = SD_BUF_INIT;
	size_t nterms = 0, header;
	int err;

	for (size_t i = 0; i < bd->ndocs; i++) {
		const struct doc *d = &bd->docs[i];

		sd_buf_addf(&docs, "%zu\t%s\t%zu\t", i, d->name, d->last);
		for (size_t k = 0; k < d->labels.n; k++)
			sd_buf_addf(&docs, "%s%s", k ? "," : "", d->labels.v[k]);
		sd_buf_addf(&docs, "\t%s\t%s\t%s\t%s\n", d->vuln, d->stig,
			    d->ids, d->title);
	}
	if (bd->nterms)
		qsort(bd->terms, bd->nterms, sizeof(*bd->terms), cmp_term);
	for (size_t i = 0; i < bd->nterms; i++) {
		const struct term *t = &bd->terms[i];

		sd_buf_addstr(&terms, t->word);
		for (size_t k = 0; k < t->ndocs; k++) {
			sd_buf_addch(&terms, k ? ' ' : '\t');
			sd_buf_add_uint(&terms, t->docs[k]);
		}
		sd_buf_addch(&terms, '\n');
	}
	nterms = bd->nterms;
	header = strlen(SEG_MAGIC) + 40 + 4 * 13 + 1;
	sd_buf_addf(&out, "%s%s %012zu %012zu %012zu %012zu\n", SEG_MAGIC,
		    head, bd->ndocs, nterms, header, header + docs.len);
	sd_buf_add(&out, docs.ptr, docs.len);
	sd_buf_add(&out, terms.ptr, terms.len);
	if ((err = segment_path(c, slug, &path)) == 0)
		err = sd_write_file(path.ptr, out.ptr, out.len, 1);
	sd_buf_release(&docs);
	sd_buf_release(&terms);
	sd_buf_release(&out);
	sd_buf_release(&path);
	return err;
}

/* ---- Reading a segment ---- */

struct segment {
	const char *s;
	size_t len;
	char head[41];
	size_t ndocs, docs_off, terms_off;
	void *map;
};

static void segment_close(struct segment *sg)
{
	if (sg->map)
		munmap(sg->map, sg->len);
	memset(sg, 0, sizeof(*sg));
}

/* Map the segment of `slug`: 1 when usable, 0 when missing or not a
 * segment, negative on I/O trouble. */
static int segment_open(struct sd_corpus *c, const char *slug,
			struct segment *sg)
{
	struct sd_buf path = SD_BUF_INIT;
	struct stat st;
	size_t nterms;
	int fd, r = 0;

	memset(sg, 0, sizeof(*sg));
	if ((r = segment_path(c, slug, &path)) < 0)
		goto done;
	fd = open(path.ptr, O_RDONLY);
	if (fd < 0) {
		r = errno == ENOENT ? 0
				    : sd_error_errno(SD_EIO, "cannot open '%s'",
						     path.ptr);
		goto done;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (sg->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
			    fd, 0)) == MAP_FAILED)
		sg->map = NULL;
	close(fd);
	if (!sg->map)
		goto done;
	sg->s = sg->map;
	sg->len = (size_t)st.st_size;
	if (sg->len < strlen(SEG_MAGIC) + 41 ||
	    memcmp(sg->s, SEG_MAGIC, strlen(SEG_MAGIC)) ||
	    sscanf(sg->s + strlen(SEG_MAGIC), "%40s %zu %zu %zu %zu",
		   sg->head, &sg->ndocs, &nterms, &sg->docs_off,
		   &sg->terms_off) != 5 ||
	    sg->docs_off > sg->terms_off || sg->terms_off > sg->len ||
	    (sg->terms_off < sg->len && sg->s[sg->len - 1] != '\n')) {
		segment_close(sg);
		goto done;
	}
	r = 1;
done:
	sd_buf_release(&path);
	return r;
}

int sd_search_update(struct sd_corpus *c, const char *slug)
{
	struct sd_corpus_release *rel = NULL;
	struct builder bd;
	struct segment sg;
	char head[41];
	size_t n = 0;
	int err;

	if (sd_corpus_head(c, slug, head) < 0) {
		/* A line an import removed: its index goes too. */
		struct sd_buf path = SD_BUF_INIT;

		if ((err = segment_path(c, slug, &path)) == 0 &&
		    unlink(path.ptr) < 0 && errno != ENOENT)
			err = sd_error_errno(SD_EIO, "cannot remove '%s'",
					     path.ptr);
		sd_buf_release(&path);
		return err;
	}
	if (segment_open(c, slug, &sg) > 0 && !strcmp(sg.head, head)) {
		segment_close(&sg);
		return 0;
	}
	segment_close(&sg);
	memset(&bd, 0, sizeof(bd));
	if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0)
		goto done;
	for (size_t i = 0; i < n && !err; i++)
		err = add_release(c, &bd, slug, rel[i].label, i);
	if (!err)
		err = write_segment(c, slug, head, &bd);
done:
	builder_release(&bd);
	sd_corpus_releases_free(rel, n);
	return err;
}

static size_t line_after(const struct segment *sg, size_t pos)
{
	const char *nl = memchr(sg->s + pos, '\n', sg->len - pos);

	return nl ? (size_t)(nl - sg->s) + 1 : sg->len;
}

static size_t line_start(const struct segment *sg, size_t lo, size_t pos)
{
	while (pos > lo && sg->s[pos - 1] != '\n')
		pos--;
	return pos;
}

/* Compare the word of the line at `pos` with `key` (its first n bytes). */
static int word_cmp(const struct segment *sg, size_t pos, const char *key,
		    size_t n)
{
	const char *w = sg->s + pos, *tab = memchr(w, '\t', sg->len - pos);
	size_t wl = tab ? (size_t)(tab - w) : 0;
	int c = memcmp(w, key, wl < n ? wl : n);

	if (c)
		return c;
	return wl < n ? -1 : 0;
}

/* The first word line in the segment whose word is >= the prefix. */
static size_t lower_bound(const struct segment *sg, const char *key)
{
	size_t lo = sg->terms_off, hi = sg->len, n = strlen(key);

	while (lo < hi) {
		size_t mid = line_start(sg, lo, lo + (hi - lo) / 2);

		if (word_cmp(sg, mid, key, n) < 0)
			lo = line_after(sg, mid);
		else
			hi = mid;
	}
	return lo;
}

struct docset {
	size_t *v;
	size_t n, cap;
};

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return (a > b) - (a < b);
}

/* Every doc holding a word that starts with `prefix`, sorted. */
static void docs_with_prefix(const struct segment *sg, const char *prefix,
			     struct docset *out)
{
	size_t pos = lower_bound(sg, prefix), n = strlen(prefix), k = 0;

	out->n = 0;
	while (pos < sg->len && word_cmp(sg, pos, prefix, n) == 0) {
		size_t end = line_after(sg, pos);
		const char *p = memchr(sg->s + pos, '\t', end - pos);

		while (p && p < sg->s + end - 1) {
			char *e;

			SD_ALLOC_GROW(out->v, out->n, out->cap);
			out->v[out->n++] = strtoul(p + 1, &e, 10);
			p = e;
		}
		pos = end;
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), cmp_size);
	for (size_t i = 0; i < out->n; i++)
		if (!k || out->v[k - 1] != out->v[i])
			out->v[k++] = out->v[i];
	out->n = k;
}

static void intersect(struct docset *a, const struct docset *b)
{
	size_t i = 0, j = 0, k = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			a->v[k++] = a->v[i];
			i++;
			j++;
		}
	}
	a->n = k;
}

/* The fields of doc line `doc`; NULL when the segment is damaged. */
struct docline {
	char *f[8]; /* doc, file, last, labels, vuln, stig, ids, title */
	char *buf;
};

static int doc_line(const struct segment *sg, size_t doc, struct docline *d)
{
	size_t lo = sg->docs_off, hi = sg->terms_off;

	memset(d, 0, sizeof(*d));
	while (lo < hi) {
		size_t mid = line_start(sg, lo, lo + (hi - lo) / 2);
		size_t num = strtoul(sg->s + mid, NULL, 10);

		if (num < doc) {
			lo = line_after(sg, mid);
		} else if (num > doc) {
			hi = mid;
		} else {
			size_t end = line_after(sg, mid), k = 0;
			char *p;

			d->buf = sd_xstrndup(sg->s + mid, end - mid - 1);
			for (p = d->buf; k < 8; k++) {
				d->f[k] = p;
				p = strchr(p, '\t');
				if (!p)
					break;
				*p++ = '\0';
			}
			return k == 7 ? 0 : -1;
		}
	}
	return -1;
}

/* The hit of one rule file: the doc with the newest release. */
struct best {
	struct docline line;
	size_t last;
	int set;
};

static int cmp_docline_name(const void *pa, const void *pb)
{
	const struct best *a = pa, *b = pb;
	unsigned long na = sd_id_number(a->line.f[4]);
	unsigned long nb = sd_id_number(b->line.f[4]);

	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a->line.f[1], b->line.f[1]);
}

/*
 * Report the docs `ds` of segment `sg`, one hit per rule file; `keep`
 * (when not NULL) filters doc lines.
 */
static int report(const char *slug, const struct segment *sg,
		  const struct docset *ds,
		  int (*keep)(const struct docline *d, void *kctx), void *kctx,
		  sd_search_fn fn, void *ctx)
{
	struct best *best = NULL;
	size_t nbest = 0, cap = 0;
	int err = 0;

	for (size_t i = 0; i < ds->n; i++) {
		struct docline d;
		size_t last, k;

		if (doc_line(sg, ds->v[i], &d) < 0 || (keep && !keep(&d, kctx))) {
			free(d.buf);
			continue;
		}
		last = strtoul(d.f[2], NULL, 10);
		for (k = 0; k < nbest; k++)
			if (!strcmp(best[k].line.f[1], d.f[1]))
				break;
		if (k == nbest) {
			SD_ALLOC_GROW(best, nbest, cap);
			best[nbest++].set = 0;
		}
		if (best[k].set && best[k].last >= last) {
			free(d.buf);
			continue;
		}
		if (best[k].set)
			free(best[k].line.buf);
		best[k].line = d;
		best[k].last = last;
		best[k].set = 1;
	}
	if (nbest > 1)
		qsort(best, nbest, sizeof(*best), cmp_docline_name);
	for (size_t i = 0; i < nbest; i++) {
		struct sd_search_hit h;
		char *labels = best[i].line.f[3], *lastl = strrchr(labels, ',');

		h.slug = slug;
		h.label = lastl ? lastl + 1 : labels;
		h.name = best[i].line.f[1];
		h.vuln_id = best[i].line.f[4];
		h.stig_id = best[i].line.f[5];
		h.title = best[i].line.f[7];
		if (!err && (err = fn(&h, ctx)) > 0)
			err = 0;
		free(best[i].line.buf);
	}
	free(best);
	return err < 0 ? err : 0;
}

struct words {
	struct sd_strv v;
};

static void collect_word(const char *w, void *ctx)
{
	struct words *ws = ctx;

	if (!sd_strv_contains(&ws->v, w))
		sd_strv_push(&ws->v, w);
}

static int run_query(struct sd_corpus *c, const char *text,
		     int (*keep)(const struct docline *d, void *kctx),
		     void *kctx, sd_search_fn fn, void *ctx)
{
	struct sd_strv slugs = SD_STRV_INIT;
	struct words ws = { SD_STRV_INIT };
	struct docset acc = { NULL, 0, 0 }, one = { NULL, 0, 0 };
	int err;

	sd_words_keys(text, collect_word, &ws);
	if (!ws.v.n) {
		err = sd_error_set(SD_EUSAGE, "no word to search for in '%s'",
				   text);
		goto done;
	}
	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	for (size_t i = 0; i < slugs.n && !err; i++) {
		struct segment sg;
		char head[41];
		int r;

		if ((err = sd_corpus_head(c, slugs.v[i], head)) < 0)
			break;
		r = segment_open(c, slugs.v[i], &sg);
		if (r < 0) {
			err = r;
			break;
		}
		if (!r || strcmp(sg.head, head)) {
			segment_close(&sg);
			if ((err = sd_search_update(c, slugs.v[i])) < 0 ||
			    (err = segment_open(c, slugs.v[i], &sg)) < 0)
				break;
			if (!err) {
				err = sd_error_set(SD_EIO,
						   "cannot read the search index "
						   "of '%s'",
						   slugs.v[i]);
				break;
			}
			err = 0;
		}
		for (size_t w = 0; w < ws.v.n; w++) {
			if (!w) {
				docs_with_prefix(&sg, ws.v.v[w], &acc);
			} else {
				docs_with_prefix(&sg, ws.v.v[w], &one);
				intersect(&acc, &one);
			}
			if (!acc.n)
				break;
		}
		if (acc.n)
			err = report(slugs.v[i], &sg, &acc, keep, kctx, fn, ctx);
		segment_close(&sg);
	}
done:
	free(acc.v);
	free(one.v);
	sd_strv_release(&ws.v);
	sd_strv_release(&slugs);
	return err;
}

int sd_search_query(struct sd_corpus *c, const char *query, sd_search_fn fn,
		    void *ctx)
{
	return run_query(c, query, NULL, NULL, fn, ctx);
}

/* Does the doc line carry `id` (any form)? */
static int has_id(const struct docline *d, void *ctx)
{
	struct sd_rule r;
	char *ids = sd_xstrdup(d->f[6]), *save = NULL, *tok;
	int yes;

	memset(&r, 0, sizeof(r));
	r.vuln_id = sd_xstrdup(d->f[4]);
	r.stig_id = sd_xstrdup(d->f[5]);
	for (tok = strtok_r(ids, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (!r.rule_id)
			r.rule_id = sd_xstrdup(tok);
		else
			sd_strv_push(&r.legacy, tok);
	}
	sd_rule_derive_ids(&r);
	yes = sd_rule_has_id(&r, ctx);
	sd_rule_release(&r);
	free(ids);
	return yes;
}

int sd_search_id(struct sd_corpus *c, const char *id, sd_search_fn fn,
		 void *ctx)
{
	return run_query(c, id, has_id, (void *)id, fn, ctx);
}
