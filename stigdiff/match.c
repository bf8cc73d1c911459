/*
 * Rule matching between benchmarks; see match.h for the evidence and the
 * rules of assignment.
 *
 * Text becomes features: lower-cased runs of letters and digits and each
 * pair of neighbouring runs, hashed to 64 bits. A number that appears in
 * the benchmark's own title (the product version: 2016 in "Exchange
 * 2016") is read as one token meaning "the product version", so the same
 * sentence in the Exchange 2016 and 2019 STIGs gives the same features.
 * Features are weighted by term frequency (1 + log tf) times inverse
 * document frequency over the rules of both benchmarks, per field; field
 * similarity is the cosine of those vectors.
 */
#include "match.h"
#include "buf.h"
#include "error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* qsort(), which must not be given a NULL array even when empty. */
static void sort_any(void *base, size_t n, size_t size,
		     int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* Weights of title, check, fix and discussion in the content score. */
static const double field_weight[SD_MATCH_NFIELDS] = { 0.3, 0.3, 0.2, 0.2 };
static const char *const field_name[SD_MATCH_NFIELDS] = {
	"title", "check-content", "fix-text", "discussion"
};
/*
 * The combined score divides by the weight of the fields present on both
 * sides, but never by less than this: a rule pair that shares only a
 * title scores at most 0.3 / 0.5 = 0.6, so a bare title match stays weak.
 */
#define MIN_FIELD_WEIGHT 0.5
/* Supporting evidence: added to a content score that has some already. */
#define SRG_BONUS 0.03
#define CCI_BONUS 0.02
#define BONUS_FLOOR 0.3
/* Content candidates scored exactly, per new rule. */
#define CANDIDATES 6

const char *sd_match_kind_name(enum sd_match_kind k)
{
	static const char *const names[] = {
		"none", "same-id", "legacy-id", "same-stig-id", "content",
		"curated", "split", "merge"
	};

	return (unsigned)k < SD_ARRAY_SIZE(names) ? names[k] : "none";
}

/* ---- Features ---- */

struct feat {
	uint64_t h;
	float w; /* 1 + log(tf) in a set; normalized weight in a run */
};

struct fvec {
	struct feat *v;
	size_t n;
};

struct mrule {
	struct fvec f[SD_MATCH_NFIELDS];
};

struct dfent {
	uint64_t h;
	uint32_t df;
};

struct sd_match_set {
	const struct sd_benchmark *b;
	struct mrule *rules;
	struct dfent *df; /* distinct features of all rules, with rule counts */
	size_t ndf;
};

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
/* The token standing for the benchmark's product version number. */
#define VERSION_TOKEN 0x5eed5eed5eed5eedULL

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = FNV_OFFSET;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* The digit runs of a benchmark title: its product version numbers. */
static void title_numbers(const struct sd_benchmark *b, struct sd_strv *out)
{
	const char *p = b->title ? b->title : "";

	while (*p) {
		size_t n = 0;

		while (p[n] && is_word(p[n]))
			n++;
		if (all_digits(p, n)) {
			char *s = sd_xstrndup(p, n);

			if (!sd_strv_contains(out, s))
				sd_strv_push_owned(out, s);
			else
				free(s);
		}
		p += n ? n : 1;
	}
}

struct hashes {
	uint64_t *v;
	size_t n, cap;
};

static void hashes_push(struct hashes *hs, uint64_t h)
{
	SD_ALLOC_GROW(hs->v, hs->n, hs->cap);
	hs->v[hs->n++] = h;
}

/* Byte classes for text_features: 0 not a word byte, 1 digit, 2 other
 * word byte; fold[] lowers ASCII capitals. */
static unsigned char word_class[256], fold[256];

static void word_tables(void)
{
	if (word_class['a'])
		return;
	for (int c = 0; c < 256; c++) {
		fold[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a'
							      : c);
		word_class[c] = (unsigned char)(c >= '0' && c <= '9' ? 1
						: is_word((char)c) ? 2 : 0);
	}
}

/* Whether the digit run s[0..n) is one of `versions`. */
static int is_version(const struct sd_strv *versions, const char *s, size_t n)
{
	for (size_t i = 0; i < versions->n; i++)
		if (!strncmp(versions->v[i], s, n) && !versions->v[i][n])
			return 1;
	return 0;
}

/*
 * Append the features of `text` (words and word pairs) to `hs`. A word
 * is a run of ASCII letters and digits, hashed lowercased; a run of 64
 * bytes or more is hashed as it is. A digit run naming the product
 * version (one of `versions`) hashes to VERSION_TOKEN.
 */
static void text_features(const char *text, const struct sd_strv *versions,
			  struct hashes *hs)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t prev = 0;
	int have_prev = 0;

	if (!text)
		return;
	word_tables();
	while (*p) {
		const unsigned char *w = p;
		uint64_t h = FNV_OFFSET;
		int digits = 1;

		if (!word_class[*p]) {
			p++;
			continue;
		}
		for (; word_class[*p]; p++) {
			h ^= fold[*p];
			h *= FNV_PRIME;
			digits &= word_class[*p] == 1;
		}
		if ((size_t)(p - w) >= 64)
			h = fnv((const char *)w, (size_t)(p - w));
		else if (digits &&
			 is_version(versions, (const char *)w, (size_t)(p - w)))
			h = VERSION_TOKEN;
		hashes_push(hs, h);
		if (have_prev)
			hashes_push(hs, (prev * 0x9e3779b97f4a7c15ULL) ^ h ^
						0x2545f4914f6cdd1dULL);
		prev = h;
		have_prev = 1;
	}
}

/* Sort 64-bit values: quicksort, insertion sort for short runs. */
static void sort_u64(uint64_t *v, size_t n)
{
	while (n > 16) {
		uint64_t a = v[0], b = v[n / 2], c = v[n - 1], pivot, t;
		size_t i = 0, j = n - 1;

		pivot = a < b ? (b < c ? b : (a < c ? c : a))
			      : (a < c ? a : (b < c ? c : b));
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
			i++;
			j--;
		}
		/* Recurse into the smaller part, loop on the larger. */
		if (j + 1 < n - j - 1) {
			sort_u64(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_u64(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Sorted distinct features of `hs` with 1 + log(count) as weight. */
static void fvec_from(struct hashes *hs, struct fvec *out)
{
	size_t n = 0;

	out->v = NULL;
	out->n = 0;
	if (!hs->n)
		return;
	sort_u64(hs->v, hs->n);
	out->v = sd_xmalloc(hs->n * sizeof(*out->v));
	for (size_t i = 0; i < hs->n;) {
		size_t j = i;

		while (j < hs->n && hs->v[j] == hs->v[i])
			j++;
		out->v[n].h = hs->v[i];
		out->v[n].w = (float)(1.0 + log((double)(j - i)));
		n++;
		i = j;
	}
	out->n = n;
}

static const char *rule_field_text(const struct sd_rule *r, int f)
{
	switch (f) {
	case SD_MATCH_F_TITLE: return r->title;
	case SD_MATCH_F_CHECK: return r->check_content;
	case SD_MATCH_F_FIX: return r->fix_text;
	default: return r->desc[SD_DESC_DISCUSSION];
	}
}

/* A feature while fields are merged: the weight summed in double. */
struct mfeat {
	uint64_t h;
	double w;
};

/* Merge sorted `a` with field `f` scaled by `scale` into `out`: equal
 * features add their weights. Returns the length of `out`. */
static size_t merge_into(const struct mfeat *a, size_t na,
			 const struct fvec *f, double scale, struct mfeat *out)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na && j < f->n) {
		uint64_t h = f->v[j].h;

		if (a[i].h < h) {
			out[n++] = a[i++];
		} else if (a[i].h > h) {
			out[n].h = h;
			out[n++].w = scale * f->v[j++].w;
		} else {
			out[n].h = h;
			out[n++].w = a[i++].w + scale * f->v[j++].w;
		}
	}
	while (i < na)
		out[n++] = a[i++];
	for (; j < f->n; j++) {
		out[n].h = f->v[j].h;
		out[n++].w = scale * f->v[j].w;
	}
	return n;
}

/*
 * The distinct features of a rule's fields together. Unweighted: each
 * weighs 1. Weighted: the field weights scaled by the square root of the
 * field's share of the score, summed, and the result made unit length.
 * The fields are merged one after the other into two scratch arrays, so
 * each feature's weight is summed in field order.
 */
static struct fvec merge_fields(const struct fvec f[SD_MATCH_NFIELDS],
				int weighted)
{
	struct fvec out = { NULL, 0 };
	struct mfeat *cur, *next, *t;
	size_t total = 0, n = 0;
	double norm = 0;

	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		total += f[k].n;
	if (!total)
		return out;
	cur = sd_xmalloc(2 * total * sizeof(*cur));
	next = cur + total;
	for (int k = 0; k < SD_MATCH_NFIELDS; k++) {
		double scale = weighted ? sqrt(field_weight[k]) : 0;

		n = merge_into(cur, n, &f[k], scale, next);
		t = cur;
		cur = next;
		next = t;
	}
	out.v = sd_xmalloc(n * sizeof(*out.v));
	out.n = n;
	for (size_t k = 0; k < n; k++)
		norm += cur[k].w * cur[k].w;
	norm = sqrt(norm);
	for (size_t k = 0; k < n; k++) {
		out.v[k].h = cur[k].h;
		out.v[k].w = !weighted ? 1
			     : norm > 0 ? (float)((float)cur[k].w / norm)
					: 0;
	}
	free(cur < next ? cur : next);
	return out;
}

void sd_match_set_free(struct sd_match_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->b->nrules; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			free(s->rules[i].f[f].v);
	}
	free(s->rules);
	free(s->df);
	free(s);
}

const struct sd_benchmark *sd_match_set_benchmark(const struct sd_match_set *s)
{
	return s->b;
}

/* ---- Vocabulary: feature -> document frequency, open addressing ---- */

struct vent {
	uint64_t h;
	uint32_t df;
	uint32_t used;
	float idf;
	uint32_t post; /* first posting, in the inverted index */
	uint32_t npost;
};

struct vocab {
	struct vent *t;
	size_t mask;
	size_t n;
	double ndocs;
};

/* A table for about `expect` distinct features; it grows past that. */
static void vocab_init(struct vocab *v, size_t expect)
{
	size_t cap = 64;

	while (cap < expect + expect / 2)
		cap <<= 1;
	v->t = sd_xcalloc(cap, sizeof(*v->t));
	v->mask = cap - 1;
	v->n = 0;
	v->ndocs = 0;
}

static size_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static struct vent *vocab_find(const struct vocab *v, uint64_t h)
{
	for (size_t i = mix(h) & v->mask;; i = (i + 1) & v->mask) {
		if (!v->t[i].used)
			return NULL;
		if (v->t[i].h == h)
			return &v->t[i];
	}
}

static void vocab_add(struct vocab *v, uint64_t h, uint32_t df);

/* Double the table (entries hold no postings yet when it grows). */
static void vocab_grow(struct vocab *v)
{
	struct vent *old = v->t;
	size_t oldcap = v->mask + 1;

	v->t = sd_xcalloc(oldcap * 2, sizeof(*v->t));
	v->mask = oldcap * 2 - 1;
	v->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			vocab_add(v, old[i].h, old[i].df);
	free(old);
}

static void vocab_add(struct vocab *v, uint64_t h, uint32_t df)
{
	size_t i;

	if ((v->n + 1) * 10 > (v->mask + 1) * 7)
		vocab_grow(v);
	for (i = mix(h) & v->mask; v->t[i].used; i = (i + 1) & v->mask)
		if (v->t[i].h == h) {
			v->t[i].df += df;
			return;
		}
	v->t[i].used = 1;
	v->t[i].h = h;
	v->t[i].df = df;
	v->n++;
}

static void vocab_add_set(struct vocab *v, const struct sd_match_set *s)
{
	for (size_t i = 0; i < s->ndf; i++)
		vocab_add(v, s->df[i].h, s->df[i].df);
	v->ndocs += (double)s->b->nrules;
}

static void vocab_finish(struct vocab *v)
{
	for (size_t i = 0; i <= v->mask; i++)
		if (v->t[i].used)
			v->t[i].idf = (float)log(1.0 + (v->ndocs + 1.0) /
							   (v->t[i].df + 1.0));
}

static void vocab_release(struct vocab *v)
{
	free(v->t);
	v->t = NULL;
}

struct sd_match_set *sd_match_set_new(const struct sd_benchmark *b)
{
	struct sd_match_set *s = sd_xcalloc(1, sizeof(*s));
	struct sd_strv versions = SD_STRV_INIT;
	struct hashes hs = { NULL, 0, 0 };
	struct vocab df;

	s->b = b;
	s->rules = sd_xcalloc(b->nrules ? b->nrules : 1, sizeof(*s->rules));
	title_numbers(b, &versions);
	vocab_init(&df, 1024);
	for (size_t i = 0; i < b->nrules; i++) {
		struct mrule *mr = &s->rules[i];
		struct fvec all;

		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			hs.n = 0;
			text_features(rule_field_text(&b->rules[i], f),
				      &versions, &hs);
			fvec_from(&hs, &mr->f[f]);
		}
		/* Document frequency: each distinct feature of the rule. */
		all = merge_fields(mr->f, 0);
		for (size_t k = 0; k < all.n; k++)
			vocab_add(&df, all.v[k].h, 1);
		free(all.v);
	}
	s->df = sd_xmalloc((df.n ? df.n : 1) * sizeof(*s->df));
	for (size_t t = 0; t <= df.mask; t++)
		if (df.t[t].used) {
			s->df[s->ndf].h = df.t[t].h;
			s->df[s->ndf].df = df.t[t].df;
			s->ndf++;
		}
	vocab_release(&df);
	free(hs.v);
	sd_strv_release(&versions);
	return s;
}

/*
 * Weighted, unit-length copy of `in` (tf weight times idf); features
 * missing from the vocabulary count as seen once. Returns the vector;
 * an empty input gives an empty vector.
 */
static struct fvec weigh(const struct vocab *v, const struct fvec *in)
{
	struct fvec out = { NULL, 0 };
	double norm = 0;

	if (!in->n)
		return out;
	out.v = sd_xmalloc(in->n * sizeof(*out.v));
	out.n = in->n;
	for (size_t k = 0; k < in->n; k++) {
		const struct vent *e = vocab_find(v, in->v[k].h);
		double idf = e ? e->idf
			       : log(1.0 + (v->ndocs + 1.0) / 1.0);
		double w = in->v[k].w * idf;

		out.v[k].h = in->v[k].h;
		out.v[k].w = (float)w;
		norm += w * w;
	}
	norm = sqrt(norm);
	for (size_t k = 0; k < out.n; k++)
		out.v[k].w = norm > 0 ? (float)(out.v[k].w / norm) : 0;
	return out;
}

static double cosine(const struct fvec *a, const struct fvec *b)
{
	double dot = 0;
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i].h < b->v[j].h) {
			i++;
		} else if (a->v[i].h > b->v[j].h) {
			j++;
		} else {
			dot += (double)a->v[i].w * b->v[j].w;
			i++;
			j++;
		}
	}
	return dot > 1 ? 1 : dot;
}

/*
 * The whole-rule vector of a prepared rule under vocabulary v: its dot
 * product with another's approximates the weighted field score, which is
 * what candidate generation needs.
 */
static struct fvec weigh_combined(const struct vocab *v, const struct mrule *mr)
{
	struct fvec f[SD_MATCH_NFIELDS], out;

	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		f[k] = weigh(v, &mr->f[k]);
	out = merge_fields(f, 1);
	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		free(f[k].v);
	return out;
}

/* ---- A run ---- */

/* A rule's vectors weighted for one run. */
struct wrule {
	struct fvec f[SD_MATCH_NFIELDS];
	struct fvec all; /* only for rules left to content matching */
};

struct cand {
	size_t i, j; /* old, new rule */
	double score;
	double field[SD_MATCH_NFIELDS];
};

struct ipair {
	struct sd_match_pair p;
	size_t i, j; /* rule indexes; (size_t)-1 for none */
};

struct sd_match {
	const struct sd_benchmark *old, *new;
	struct ipair *pairs;
	size_t n, cap;
	struct sd_strv strings; /* evidence, owned */
};

struct run {
	const struct sd_match_set *A, *B;
	const struct sd_match_opts *o;
	double threshold, review, tie;
	int same_line;
	struct vocab voc;
	struct wrule *wa, *wb;
	int *a_used, *b_used; /* pairs each rule is in */
	struct cand *cands;
	size_t ncands, capcands;
	struct sd_match *m;
};

#define NONE ((size_t)-1)

static void weigh_rules(struct run *r, const struct sd_match_set *s,
			struct wrule **out)
{
	size_t n = s->b->nrules;

	*out = sd_xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			(*out)[i].f[f] = weigh(&r->voc, &s->rules[i].f[f]);
	}
}

static void free_wrules(struct wrule *w, size_t n)
{
	if (!w)
		return;
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			free(w[i].f[f].v);
		free(w[i].all.v);
	}
	free(w);
}

static int shares_cci(const struct sd_rule *a, const struct sd_rule *b)
{
	for (size_t i = 0; i < a->ccis.n; i++)
		if (sd_strv_contains(&b->ccis, a->ccis.v[i]))
			return 1;
	return 0;
}

static int same_srg(const struct sd_rule *a, const struct sd_rule *b)
{
	return a->srg && b->srg && !strcmp(a->srg, b->srg);
}

/* The content score of old rule i and new rule j, fields into c. */
static void score_pair(struct run *r, size_t i, size_t j, struct cand *c)
{
	const struct sd_rule *a = &r->A->b->rules[i], *b = &r->B->b->rules[j];
	double sum = 0, wsum = 0;

	c->i = i;
	c->j = j;
	for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
		if (!r->wa[i].f[f].n || !r->wb[j].f[f].n) {
			c->field[f] = -1;
			continue;
		}
		c->field[f] = cosine(&r->wa[i].f[f], &r->wb[j].f[f]);
		sum += field_weight[f] * c->field[f];
		wsum += field_weight[f];
	}
	c->score = wsum > 0 ? sum / (wsum < MIN_FIELD_WEIGHT ? MIN_FIELD_WEIGHT
							  : wsum)
			    : 0;
	if (c->score >= BONUS_FLOOR) {
		if (same_srg(a, b))
			c->score += SRG_BONUS;
		if (shares_cci(a, b))
			c->score += CCI_BONUS;
	}
	if (c->score > 1)
		c->score = 1;
}

static const char *keep(struct sd_match *m, struct sd_buf *b)
{
	char *s = sd_buf_detach(b);

	sd_strv_push_owned(&m->strings, s);
	return s;
}

/* "title 0.98, check-content 1.00, ...; same SRG ...; shared CCI" */
static void describe_content(struct run *r, const struct cand *c,
			     struct sd_buf *out)
{
	const struct sd_rule *a = &r->A->b->rules[c->i];
	const struct sd_rule *b = &r->B->b->rules[c->j];
	int any = 0;

	for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
		if (c->field[f] < 0)
			sd_buf_addf(out, "%s%s empty", any++ ? ", " : "",
				    field_name[f]);
		else
			sd_buf_addf(out, "%s%s %.2f", any++ ? ", " : "",
				    field_name[f], c->field[f]);
	}
	if (same_srg(a, b))
		sd_buf_addf(out, "; same SRG %s", a->srg);
	else if (a->srg && b->srg)
		sd_buf_addf(out, "; SRG %s vs %s", a->srg, b->srg);
	if (a->ccis.n && b->ccis.n)
		sd_buf_addf(out, shares_cci(a, b) ? "; shared CCI"
						  : "; no shared CCI");
}

static struct ipair *add_pair(struct run *r, size_t i, size_t j,
			      enum sd_match_kind kind, double score)
{
	struct sd_match *m = r->m;
	struct ipair *ip;

	SD_ALLOC_GROW(m->pairs, m->n, m->cap);
	ip = &m->pairs[m->n++];
	memset(ip, 0, sizeof(*ip));
	ip->i = i;
	ip->j = j;
	ip->p.old_rule = i != NONE ? &r->A->b->rules[i] : NULL;
	ip->p.new_rule = j != NONE ? &r->B->b->rules[j] : NULL;
	ip->p.kind = kind;
	ip->p.score = score;
	for (int f = 0; f < SD_MATCH_NFIELDS; f++)
		ip->p.field[f] = -1;
	if (i != NONE)
		r->a_used[i]++;
	if (j != NONE)
		r->b_used[j]++;
	return ip;
}

/* A declared pair: score 1, evidence `why` plus the content similarity. */
static struct ipair *add_declared(struct run *r, size_t i, size_t j,
				  enum sd_match_kind kind, const char *why)
{
	struct ipair *ip = add_pair(r, i, j, kind, 1.0);
	struct sd_buf ev = SD_BUF_INIT;
	struct cand c;

	score_pair(r, i, j, &c);
	memcpy(ip->p.field, c.field, sizeof(c.field));
	sd_buf_addf(&ev, "%s; content %.2f (", why, c.score);
	describe_content(r, &c, &ev);
	sd_buf_addch(&ev, ')');
	ip->p.evidence = keep(r->m, &ev);
	return ip;
}

/* ---- Declared evidence ---- */

struct key {
	const char *s;
	size_t idx;
	int legacy; /* the key is a legacy ident of its rule */
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcasecmp(x->s, y->s);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

struct keys {
	struct key *v;
	size_t n, cap;
};

static void keys_add(struct keys *k, const char *s, size_t idx, int legacy)
{
	if (!s || !*s)
		return;
	SD_ALLOC_GROW(k->v, k->n, k->cap);
	k->v[k->n].s = s;
	k->v[k->n].idx = idx;
	k->v[k->n].legacy = legacy;
	k->n++;
}

/* First entry with key s, or k->n. */
static size_t keys_find(const struct keys *k, const char *s)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcasecmp(k->v[mid].s, s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->n && !strcasecmp(k->v[lo].s, s) ? lo : k->n;
}

/* Rules holding key s in k (distinct rules). */
static size_t keys_count(const struct keys *k, size_t at, const char *s)
{
	size_t n = 0, last = NONE;

	for (; at < k->n && !strcasecmp(k->v[at].s, s); at++)
		if (k->v[at].idx != last) {
			n++;
			last = k->v[at].idx;
		}
	return n;
}

typedef const char *(*key_fn)(const struct sd_rule *r);
static const char *key_rule_id(const struct sd_rule *r) { return r->rule_id; }
static const char *key_rule_base(const struct sd_rule *r) { return r->rule_base; }
static const char *key_vuln_id(const struct sd_rule *r) { return r->vuln_id; }
static const char *key_stig_id(const struct sd_rule *r) { return r->stig_id; }

/*
 * Pair free rules whose `key` is equal and unique on both sides (a key
 * two rules of one benchmark share proves nothing).
 */
static void match_by_key(struct run *r, key_fn key, enum sd_match_kind kind,
			 const char *what)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;
	struct keys ka = { NULL, 0, 0 }, kb = { NULL, 0, 0 };
	struct sd_buf why = SD_BUF_INIT;

	for (size_t i = 0; i < A->nrules; i++)
		keys_add(&ka, key(&A->rules[i]), i, 0);
	for (size_t j = 0; j < B->nrules; j++)
		keys_add(&kb, key(&B->rules[j]), j, 0);
	sort_any(ka.v, ka.n, sizeof(*ka.v), cmp_key);
	sort_any(kb.v, kb.n, sizeof(*kb.v), cmp_key);
	for (size_t j = 0; j < B->nrules; j++) {
		const char *s = key(&B->rules[j]);
		size_t at;

		if (!s || !*s || r->b_used[j])
			continue;
		at = keys_find(&ka, s);
		if (at == ka.n || keys_count(&ka, at, s) != 1 ||
		    keys_count(&kb, keys_find(&kb, s), s) != 1 ||
		    r->a_used[ka.v[at].idx])
			continue;
		sd_buf_reset(&why);
		sd_buf_addf(&why, "same %s %s", what, s);
		if (key == key_rule_base || key == key_vuln_id) {
			const struct sd_rule *a = &A->rules[ka.v[at].idx];

			if (a->rule_rev && B->rules[j].rule_rev &&
			    strcmp(a->rule_rev, B->rules[j].rule_rev))
				sd_buf_addf(&why, ", revision %s -> %s",
					    a->rule_rev, B->rules[j].rule_rev);
		}
		add_declared(r, ka.v[at].idx, j, kind, why.ptr);
	}
	sd_buf_release(&why);
	free(ka.v);
	free(kb.v);
}

struct lpair {
	size_t i, j;
	const char *id;
	int side; /* 1: the new rule declares it, 2: the old, 3: both */
};

/*
 * Legacy idents: a new rule's legacy id naming an old rule's V- or SV-
 * id, an old rule's naming a new rule's, or both carrying the same one.
 * Several new rules naming one old rule are a split, the reverse a merge.
 */
static void match_legacy(struct run *r)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;
	struct keys ka = { NULL, 0, 0 };
	struct lpair *lp = NULL;
	size_t nlp = 0, caplp = 0;
	size_t *ocount = sd_xcalloc(A->nrules, sizeof(*ocount));
	size_t *ncount = sd_xcalloc(B->nrules, sizeof(*ncount));
	struct sd_buf why = SD_BUF_INIT;

	for (size_t i = 0; i < A->nrules; i++) {
		const struct sd_rule *a = &A->rules[i];

		if (r->a_used[i])
			continue;
		keys_add(&ka, a->vuln_id, i, 0);
		keys_add(&ka, a->rule_base, i, 0);
		for (size_t k = 0; k < a->legacy.n; k++)
			keys_add(&ka, a->legacy.v[k], i, 1);
	}
	sort_any(ka.v, ka.n, sizeof(*ka.v), cmp_key);
	for (size_t j = 0; j < B->nrules; j++) {
		const struct sd_rule *b = &B->rules[j];
		struct keys kj = { NULL, 0, 0 };

		if (r->b_used[j])
			continue;
		keys_add(&kj, b->vuln_id, j, 0);
		keys_add(&kj, b->rule_base, j, 0);
		for (size_t k = 0; k < b->legacy.n; k++)
			keys_add(&kj, b->legacy.v[k], j, 1);
		for (size_t q = 0; q < kj.n; q++) {
			size_t at = keys_find(&ka, kj.v[q].s);

			for (; at < ka.n && !strcasecmp(ka.v[at].s, kj.v[q].s);
			     at++) {
				int side = (kj.v[q].legacy ? 1 : 0) |
					   (ka.v[at].legacy ? 2 : 0);
				int dup = 0;

				if (!side)
					continue; /* plain id: same-id's job */
				for (size_t t = 0; t < nlp; t++)
					if (lp[t].i == ka.v[at].idx &&
					    lp[t].j == j)
						dup = 1;
				if (dup)
					continue;
				SD_ALLOC_GROW(lp, nlp, caplp);
				lp[nlp].i = ka.v[at].idx;
				lp[nlp].j = j;
				lp[nlp].id = kj.v[q].s;
				lp[nlp].side = side;
				nlp++;
				ocount[ka.v[at].idx]++;
				ncount[j]++;
			}
		}
		free(kj.v);
	}
	for (size_t t = 0; t < nlp; t++) {
		enum sd_match_kind kind = SD_MATCH_LEGACY_ID;

		if (ocount[lp[t].i] > 1)
			kind = SD_MATCH_SPLIT;
		else if (ncount[lp[t].j] > 1)
			kind = SD_MATCH_MERGE;
		sd_buf_reset(&why);
		sd_buf_addf(&why, "%s%s %s",
			    kind == SD_MATCH_LEGACY_ID ? "" : "legacy id; ",
			    lp[t].side == 1	  ? "new rule declares legacy id"
			    : lp[t].side == 2 ? "old rule declares legacy id"
					      : "both declare legacy id",
			    lp[t].id);
		add_declared(r, lp[t].i, lp[t].j, kind, why.ptr);
	}
	sd_buf_release(&why);
	free(lp);
	free(ka.v);
	free(ocount);
	free(ncount);
}

static void match_curated(struct run *r)
{
	const struct sd_benchmark *A = r->A->b, *B = r->B->b;

	for (size_t l = 0; l < r->o->nlinks; l++) {
		const struct sd_match_link *k = &r->o->links[l];

		for (size_t i = 0; i < A->nrules; i++) {
			if (r->a_used[i] || !sd_rule_has_id(&A->rules[i],
							    k->old_id))
				continue;
			for (size_t j = 0; j < B->nrules; j++) {
				struct sd_buf why = SD_BUF_INIT;
				struct ipair *ip;

				if (r->b_used[j] ||
				    !sd_rule_has_id(&B->rules[j], k->new_id))
					continue;
				sd_buf_addf(&why, "curated link %s -> %s: %s (source: %s)",
					    k->old_id, k->new_id,
					    k->reason ? k->reason : "",
					    k->source ? k->source : "");
				ip = add_declared(r, i, j, SD_MATCH_CURATED,
						  why.ptr);
				ip->p.link = k;
				sd_buf_release(&why);
			}
		}
	}
}

/* ---- Content ---- */

struct acc {
	double *v;
	size_t *touched;
	size_t ntouched;
};

static int cmp_hit_desc(const void *a, const void *b)
{
	const struct sd_match_hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->set != y->set)
		return x->set < y->set ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/*
 * The inverted index of one run: postings of every old rule's weighted
 * whole-rule vector, per feature, skipping features so common that they
 * would make the index all-pairs (they carry little weight anyway).
 */
struct postings {
	size_t *rule;
	float *w;
};

static size_t df_cap(double ndocs)
{
	size_t cap = (size_t)(ndocs / 5);

	return cap < 8 ? 8 : cap;
}

static void build_postings(struct vocab *v, struct fvec *const *vecs,
			   size_t n, struct postings *p)
{
	size_t cap = df_cap(v->ndocs), total = 0, at = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < vecs[i]->n; k++) {
			struct vent *e = vocab_find(v, vecs[i]->v[k].h);

			if (e && e->df <= cap)
				e->npost++;
		}
	for (size_t t = 0; t <= v->mask; t++)
		if (v->t[t].used) {
			v->t[t].post = (uint32_t)at;
			at += v->t[t].npost;
			v->t[t].npost = 0;
		}
	total = at;
	p->rule = sd_xmalloc((total ? total : 1) * sizeof(*p->rule));
	p->w = sd_xmalloc((total ? total : 1) * sizeof(*p->w));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < vecs[i]->n; k++) {
			struct vent *e = vocab_find(v, vecs[i]->v[k].h);

			if (e && e->df <= cap) {
				p->rule[e->post + e->npost] = i;
				p->w[e->post + e->npost] = vecs[i]->v[k].w;
				e->npost++;
			}
		}
}

/* Accumulate q's dot products with the indexed vectors into a. */
static void query_postings(const struct vocab *v, const struct postings *p,
			   const struct fvec *q, struct acc *a)
{
	for (size_t k = 0; k < q->n; k++) {
		const struct vent *e = vocab_find(v, q->v[k].h);

		if (!e)
			continue;
		for (uint32_t t = e->post; t < e->post + e->npost; t++) {
			size_t i = p->rule[t];

			if (a->v[i] == 0)
				a->touched[a->ntouched++] = i;
			a->v[i] += (double)q->v[k].w * p->w[t];
		}
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->j < y->j ? -1 : x->j > y->j;
}

/* Candidate pairs among the rules declared evidence left free. */
static void content_candidates(struct run *r)
{
	size_t na = r->A->b->nrules, nb = r->B->b->nrules;
	struct fvec **vecs = sd_xcalloc(na ? na : 1, sizeof(*vecs));
	struct postings p;
	struct acc a;
	struct sd_match_hit *hits = sd_xmalloc((na ? na : 1) * sizeof(*hits));

	/* Whole-rule vectors only for the rules left to content matching. */
	for (size_t i = 0; i < na; i++) {
		if (!r->a_used[i])
			r->wa[i].all = merge_fields(r->wa[i].f, 1);
		vecs[i] = &r->wa[i].all;
	}
	build_postings(&r->voc, vecs, na, &p);
	a.v = sd_xcalloc(na ? na : 1, sizeof(*a.v));
	a.touched = sd_xmalloc((na ? na : 1) * sizeof(*a.touched));
	for (size_t j = 0; j < nb; j++) {
		size_t nh = 0;

		if (r->b_used[j])
			continue;
		r->wb[j].all = merge_fields(r->wb[j].f, 1);
		a.ntouched = 0;
		query_postings(&r->voc, &p, &r->wb[j].all, &a);
		for (size_t t = 0; t < a.ntouched; t++) {
			size_t i = a.touched[t];

			hits[nh].set = 0;
			hits[nh].rule = i;
			hits[nh].score = a.v[i];
			nh++;
			a.v[i] = 0;
		}
		sort_any(hits, nh, sizeof(*hits), cmp_hit_desc);
		for (size_t t = 0; t < nh && t < CANDIDATES; t++) {
			SD_ALLOC_GROW(r->cands, r->ncands, r->capcands);
			score_pair(r, hits[t].rule, j, &r->cands[r->ncands]);
			if (r->cands[r->ncands].score > 0)
				r->ncands++;
		}
	}
	sort_any(r->cands, r->ncands, sizeof(*r->cands), cmp_cand);
	free(p.rule);
	free(p.w);
	free(a.v);
	free(a.touched);
	free(hits);
	free(vecs);
}

static struct ipair *add_content(struct run *r, const struct cand *c,
				 enum sd_match_kind kind)
{
	struct ipair *ip = add_pair(r, c->i, c->j, kind, c->score);
	struct sd_buf ev = SD_BUF_INIT;

	memcpy(ip->p.field, c->field, sizeof(c->field));
	describe_content(r, c, &ev);
	ip->p.evidence = keep(r->m, &ev);
	return ip;
}

/* The content pair holding old rule i (new rule j when i is NONE). */
static struct ipair *content_pair_of(struct run *r, size_t i, size_t j)
{
	for (size_t t = 0; t < r->m->n; t++) {
		struct ipair *ip = &r->m->pairs[t];
		enum sd_match_kind k = ip->p.kind;

		if (k != SD_MATCH_CONTENT && k != SD_MATCH_SPLIT &&
		    k != SD_MATCH_MERGE)
			continue;
		if ((i != NONE && ip->i == i) || (j != NONE && ip->j == j))
			return ip;
	}
	return NULL;
}

/* Prefix the evidence of a pair that became part of a split or merge. */
static void mark_split(struct run *r, struct ipair *ip, enum sd_match_kind k)
{
	struct sd_buf ev = SD_BUF_INIT;

	if (ip->p.kind == k)
		return;
	if (ip->p.kind == SD_MATCH_CONTENT)
		ip->p.kind = k;
	sd_buf_addf(&ev, "%s near-tie; %s",
		    k == SD_MATCH_SPLIT ? "split:" : "merge:", ip->p.evidence);
	ip->p.evidence = keep(r->m, &ev);
}

static void match_content(struct run *r)
{
	/* One-to-one, best score first. */
	for (size_t t = 0; t < r->ncands; t++) {
		const struct cand *c = &r->cands[t];

		if (c->score < r->threshold)
			break;
		if (r->a_used[c->i] || r->b_used[c->j])
			continue;
		add_content(r, c, SD_MATCH_CONTENT);
	}
	if (r->tie < 0)
		return;
	/*
	 * Leftovers: a free rule whose best candidate is taken by a pair it
	 * nearly ties with joins that pair as a split or a merge.
	 */
	for (size_t t = 0; t < r->ncands; t++) {
		const struct cand *c = &r->cands[t];
		struct ipair *taken;

		if (c->score < r->threshold)
			break;
		if (!r->b_used[c->j] && r->a_used[c->i]) {
			taken = content_pair_of(r, c->i, NONE);
			if (taken && c->score >= taken->p.score - r->tie) {
				mark_split(r, taken, SD_MATCH_SPLIT);
				mark_split(r, add_content(r, c, SD_MATCH_CONTENT),
					   SD_MATCH_SPLIT);
			}
		} else if (!r->a_used[c->i] && r->b_used[c->j]) {
			taken = content_pair_of(r, NONE, c->j);
			if (taken && c->score >= taken->p.score - r->tie) {
				mark_split(r, taken, SD_MATCH_MERGE);
				mark_split(r, add_content(r, c, SD_MATCH_CONTENT),
					   SD_MATCH_MERGE);
			}
		}
	}
}

/* Unmatched rules, each with its best content candidate if any. */
static void add_unmatched(struct run *r)
{
	size_t na = r->A->b->nrules, nb = r->B->b->nrules;
	size_t *best_a = sd_xmalloc((na ? na : 1) * sizeof(*best_a));
	size_t *best_b = sd_xmalloc((nb ? nb : 1) * sizeof(*best_b));

	/* Candidates are sorted best first: the first seen is the best. */
	for (size_t i = 0; i < na; i++)
		best_a[i] = NONE;
	for (size_t j = 0; j < nb; j++)
		best_b[j] = NONE;
	for (size_t t = 0; t < r->ncands; t++) {
		if (best_a[r->cands[t].i] == NONE)
			best_a[r->cands[t].i] = t;
		if (best_b[r->cands[t].j] == NONE)
			best_b[r->cands[t].j] = t;
	}
	for (int side = 0; side < 2; side++) {
		size_t n = side ? nb : na;

		for (size_t x = 0; x < n; x++) {
			size_t bi = side ? best_b[x] : best_a[x];
			const struct cand *c = bi != NONE ? &r->cands[bi] : NULL;
			const struct sd_rule *other;
			struct sd_buf ev = SD_BUF_INIT;
			struct ipair *ip;

			if (side ? r->b_used[x] : r->a_used[x])
				continue;
			ip = side ? add_pair(r, NONE, x, SD_MATCH_NONE, 0)
				  : add_pair(r, x, NONE, SD_MATCH_NONE, 0);
			if (!c) {
				sd_buf_addstr(&ev, "no content candidate");
				ip->p.evidence = keep(r->m, &ev);
				continue;
			}
			other = side ? &r->A->b->rules[c->i]
				     : &r->B->b->rules[c->j];
			ip->p.candidate = other;
			ip->p.score = c->score;
			ip->p.below_threshold = c->score >= r->review;
			memcpy(ip->p.field, c->field, sizeof(c->field));
			describe_content(r, c, &ev);
			ip->p.candidate_evidence = keep(r->m, &ev);
			sd_buf_addf(&ev, "best candidate %s %s %.2f, ",
				    other->vuln_id ? other->vuln_id : "?",
				    other->stig_id ? other->stig_id : "",
				    c->score);
			if (side ? r->a_used[c->i] : r->b_used[c->j])
				sd_buf_addstr(&ev, "matched elsewhere (");
			else
				sd_buf_addf(&ev, "below threshold %.2f (",
					    r->threshold);
			sd_buf_addf(&ev, "%s)", ip->p.candidate_evidence);
			ip->p.evidence = keep(r->m, &ev);
		}
	}
	free(best_a);
	free(best_b);
}

static int cmp_ipair(const void *a, const void *b)
{
	const struct ipair *x = a, *y = b;
	size_t xi = x->i, yi = y->i; /* NONE sorts last */

	if (xi != yi)
		return xi < yi ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return 0;
}

int sd_match_run_sets(const struct sd_match_set *old,
		      const struct sd_match_set *new,
		      const struct sd_match_opts *opts, struct sd_match **out)
{
	static const struct sd_match_opts defaults;
	struct run r;
	size_t na, nb;

	*out = NULL;
	if (!old || !new)
		return sd_error_set(SD_EUSAGE, "no benchmark to match");
	memset(&r, 0, sizeof(r));
	r.A = old;
	r.B = new;
	r.o = opts ? opts : &defaults;
	r.threshold = r.o->threshold > 0 ? r.o->threshold : SD_MATCH_THRESHOLD;
	r.review = r.o->review > 0 ? r.o->review : SD_MATCH_REVIEW;
	r.tie = r.o->tie ? r.o->tie : SD_MATCH_TIE;
	r.same_line = old->b->id && new->b->id && !strcmp(old->b->id,
							  new->b->id);
	na = old->b->nrules;
	nb = new->b->nrules;
	r.m = sd_xcalloc(1, sizeof(*r.m));
	r.m->old = old->b;
	r.m->new = new->b;
	r.a_used = sd_xcalloc(na ? na : 1, sizeof(int));
	r.b_used = sd_xcalloc(nb ? nb : 1, sizeof(int));

	vocab_init(&r.voc, old->ndf + new->ndf);
	vocab_add_set(&r.voc, old);
	vocab_add_set(&r.voc, new);
	vocab_finish(&r.voc);
	weigh_rules(&r, old, &r.wa);
	weigh_rules(&r, new, &r.wb);

	match_curated(&r);
	if (!r.o->ignore_legacy) {
		if (r.same_line) {
			match_by_key(&r, key_rule_id, SD_MATCH_SAME_ID,
				     "rule id");
			match_by_key(&r, key_rule_base, SD_MATCH_SAME_ID,
				     "rule base");
			match_by_key(&r, key_vuln_id, SD_MATCH_SAME_ID,
				     "vuln id");
		}
		match_legacy(&r);
		if (r.same_line)
			match_by_key(&r, key_stig_id, SD_MATCH_SAME_STIG_ID,
				     "STIG id");
	}
	content_candidates(&r);
	match_content(&r);
	add_unmatched(&r);
	sort_any(r.m->pairs, r.m->n, sizeof(*r.m->pairs), cmp_ipair);

	*out = r.m;
	vocab_release(&r.voc);
	free_wrules(r.wa, na);
	free_wrules(r.wb, nb);
	free(r.a_used);
	free(r.b_used);
	free(r.cands);
	return 0;
}

int sd_match_run(const struct sd_benchmark *old, const struct sd_benchmark *new,
		 const struct sd_match_opts *opts, struct sd_match **out)
{
	struct sd_match_set *a, *b;
	int err;

	*out = NULL;
	if (!old || !new)
		return sd_error_set(SD_EUSAGE, "no benchmark to match");
	a = sd_match_set_new(old);
	b = sd_match_set_new(new);
	err = sd_match_run_sets(a, b, opts, out);
	sd_match_set_free(a);
	sd_match_set_free(b);
	return err;
}

size_t sd_match_count(const struct sd_match *m)
{
	return m ? m->n : 0;
}

const struct sd_match_pair *sd_match_at(const struct sd_match *m, size_t i)
{
	return m && i < m->n ? &m->pairs[i].p : NULL;
}

const struct sd_benchmark *sd_match_old(const struct sd_match *m)
{
	return m->old;
}

const struct sd_benchmark *sd_match_new(const struct sd_match *m)
{
	return m->new;
}

void sd_match_counts(const struct sd_match *m, size_t counts[8])
{
	for (int k = 0; k < 8; k++)
		counts[k] = 0;
	for (size_t t = 0; t < m->n; t++)
		counts[m->pairs[t].p.kind]++;
}

void sd_match_unmatched(const struct sd_match *m, size_t *old_n,
			size_t *new_n)
{
	*old_n = *new_n = 0;
	for (size_t t = 0; t < m->n; t++) {
		if (m->pairs[t].p.kind != SD_MATCH_NONE)
			continue;
		if (m->pairs[t].p.old_rule)
			(*old_n)++;
		else
			(*new_n)++;
	}
}

void sd_match_free(struct sd_match *m)
{
	if (!m)
		return;
	free(m->pairs);
	sd_strv_release(&m->strings);
	free(m);
}

/* ---- A mapping as text ---- */

#define MATCH_MAGIC "stigdiff-match\t1"

static void add_index(struct sd_buf *out, size_t i)
{
	if (i == NONE)
		sd_buf_addch(out, '-');
	else
		sd_buf_add_uint(out, i);
}

void sd_match_write(const struct sd_match *m, struct sd_buf *out)
{
	sd_buf_addf(out, MATCH_MAGIC "\t%zu\t%zu\n", m->old->nrules,
		    m->new->nrules);
	for (size_t k = 0; k < m->n; k++) {
		const struct ipair *ip = &m->pairs[k];
		const struct sd_match_pair *p = &ip->p;
		const struct sd_benchmark *other = ip->i != NONE ? m->new : m->old;

		add_index(out, ip->i);
		sd_buf_addch(out, '\t');
		add_index(out, ip->j);
		sd_buf_addf(out, "\t%d\t%.17g\t%d\t", (int)p->kind, p->score,
			    p->below_threshold);
		add_index(out, p->candidate
				       ? (size_t)(p->candidate - other->rules)
				       : NONE);
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			sd_buf_addf(out, "\t%.17g", p->field[f]);
		sd_buf_addch(out, '\t');
		sd_tsv_field(out, p->evidence);
		sd_buf_addch(out, '\t');
		sd_tsv_field(out, p->candidate_evidence);
		sd_buf_addch(out, '\n');
	}
}

/* Field text [s, e) as an index below `n` (or NONE for "-"); -1 if not. */
static int read_index(const char *s, const char *e, size_t n, size_t *out)
{
	size_t v = 0;

	if (e - s == 1 && *s == '-') {
		*out = NONE;
		return 0;
	}
	if (s == e || e - s > 9)
		return -1;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (v >= n)
		return -1;
	*out = v;
	return 0;
}

static int read_number(const char *s, const char *e, double *out)
{
	char tmp[64], *end;

	if (s == e || e - s >= (long)sizeof(tmp))
		return -1;
	memcpy(tmp, s, (size_t)(e - s));
	tmp[e - s] = '\0';
	*out = strtod(tmp, &end);
	return *end ? -1 : 0;
}

#define MATCH_FIELDS (8 + SD_MATCH_NFIELDS)

/* One pair line [p, e) into m; -1 when malformed. */
static int read_pair(struct sd_match *m, const char *p, const char *e)
{
	const char *f[MATCH_FIELDS + 1];
	size_t nf = 0, i, j, cand;
	double kind, below;
	struct ipair *ip;
	char *ev, *cev;

	f[nf++] = p;
	for (const char *q = p; q < e && nf <= MATCH_FIELDS; q++)
		if (*q == '\t')
			f[nf++] = q + 1;
	if (nf != MATCH_FIELDS)
		return -1;
	f[nf] = e + 1;
#define FE(k) (f[(k) + 1] - 1)
	if (read_index(f[0], FE(0), m->old->nrules, &i) < 0 ||
	    read_index(f[1], FE(1), m->new->nrules, &j) < 0 ||
	    (i == NONE && j == NONE) ||
	    read_number(f[2], FE(2), &kind) < 0 ||
	    kind < SD_MATCH_NONE || kind > SD_MATCH_MERGE ||
	    read_number(f[4], FE(4), &below) < 0 ||
	    read_index(f[5], FE(5), i != NONE ? m->new->nrules
					      : m->old->nrules, &cand) < 0)
		return -1;
	SD_ALLOC_GROW(m->pairs, m->n, m->cap);
	ip = &m->pairs[m->n];
	memset(ip, 0, sizeof(*ip));
	if (read_number(f[3], FE(3), &ip->p.score) < 0)
		return -1;
	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		if (read_number(f[6 + k], FE(6 + k), &ip->p.field[k]) < 0)
			return -1;
	ev = sd_tsv_unescape(f[6 + SD_MATCH_NFIELDS],
			     (size_t)(FE(6 + SD_MATCH_NFIELDS) -
				      f[6 + SD_MATCH_NFIELDS]));
	cev = sd_tsv_unescape(f[7 + SD_MATCH_NFIELDS],
			      (size_t)(FE(7 + SD_MATCH_NFIELDS) -
				       f[7 + SD_MATCH_NFIELDS]));
#undef FE
	if (!ev || !cev) {
		free(ev);
		free(cev);
		return -1;
	}
	ip->i = i;
	ip->j = j;
	ip->p.old_rule = i != NONE ? &m->old->rules[i] : NULL;
	ip->p.new_rule = j != NONE ? &m->new->rules[j] : NULL;
	ip->p.kind = (enum sd_match_kind)kind;
	ip->p.below_threshold = below != 0;
	if (cand != NONE)
		ip->p.candidate = i != NONE ? &m->new->rules[cand]
					    : &m->old->rules[cand];
	/* An absent evidence reads back empty: the writer wrote none. */
	sd_strv_push_owned(&m->strings, ev);
	ip->p.evidence = *ev ? ev : NULL;
	sd_strv_push_owned(&m->strings, cev);
	ip->p.candidate_evidence = *cev ? cev : NULL;
	m->n++;
	return 0;
}

int sd_match_read(const struct sd_benchmark *old, const struct sd_benchmark *new,
		  const char *data, size_t len, struct sd_match **out)
{
	struct sd_match *m = sd_xcalloc(1, sizeof(*m));
	const char *p = data, *end = data + len;
	char head[96];
	int ok = 1;

	*out = NULL;
	m->old = old;
	m->new = new;
	snprintf(head, sizeof(head), MATCH_MAGIC "\t%zu\t%zu\n", old->nrules,
		 new->nrules);
	if (len < strlen(head) || memcmp(data, head, strlen(head)))
		ok = 0;
	else
		p += strlen(head);
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl || read_pair(m, p, nl) < 0)
			ok = 0;
		else
			p = nl + 1;
	}
	if (!ok) {
		sd_match_free(m);
		return sd_error_set(SD_EPARSE, "not a stored mapping of these "
				    "two benchmarks");
	}
	*out = m;
	return 0;
}

/* ---- A library index ---- */

struct sd_match_index {
	struct sd_match_set *const *sets;
	size_t nsets;
	size_t *first; /* global number of each set's first rule */
	size_t nrules;
	struct vocab voc;
	struct postings post;
	struct acc acc; /* a query's scores, zero between queries */
};

struct sd_match_index *sd_match_index_new(struct sd_match_set *const *sets,
					  size_t nsets)
{
	struct sd_match_index *x = sd_xcalloc(1, sizeof(*x));
	struct fvec **vecs;
	struct fvec *weighted;
	size_t expect = 0, g = 0;

	x->sets = sets;
	x->nsets = nsets;
	x->first = sd_xcalloc(nsets + 1, sizeof(*x->first));
	for (size_t s = 0; s < nsets; s++) {
		x->first[s] = x->nrules;
		x->nrules += sets[s]->b->nrules;
		expect += sets[s]->ndf;
	}
	x->first[nsets] = x->nrules;
	vocab_init(&x->voc, expect);
	for (size_t s = 0; s < nsets; s++)
		vocab_add_set(&x->voc, sets[s]);
	vocab_finish(&x->voc);
	vecs = sd_xcalloc(x->nrules ? x->nrules : 1, sizeof(*vecs));
	weighted = sd_xcalloc(x->nrules ? x->nrules : 1, sizeof(*weighted));
	for (size_t s = 0; s < nsets; s++)
		for (size_t i = 0; i < sets[s]->b->nrules; i++, g++) {
			weighted[g] = weigh_combined(&x->voc, &sets[s]->rules[i]);
			vecs[g] = &weighted[g];
		}
	build_postings(&x->voc, vecs, x->nrules, &x->post);
	for (size_t t = 0; t < x->nrules; t++)
		free(weighted[t].v);
	free(weighted);
	free(vecs);
	return x;
}

void sd_match_index_free(struct sd_match_index *x)
{
	if (!x)
		return;
	vocab_release(&x->voc);
	free(x->post.rule);
	free(x->post.w);
	free(x->first);
	free(x->acc.v);
	free(x->acc.touched);
	free(x);
}

size_t sd_match_index_query(struct sd_match_index *x,
			    const struct sd_match_set *set, size_t rule,
			    struct sd_match_hit *hits, size_t max)
{
	struct acc *a = &x->acc;
	struct fvec q;
	size_t n = 0;

	if (rule >= set->b->nrules || !x->nrules || !max)
		return 0;
	if (!a->v) {
		a->v = sd_xcalloc(x->nrules, sizeof(*a->v));
		a->touched = sd_xmalloc(x->nrules * sizeof(*a->touched));
	}
	q = weigh_combined(&x->voc, &set->rules[rule]);
	a->ntouched = 0;
	query_postings(&x->voc, &x->post, &q, a);
	/* The best `max` in cmp_hit_desc() order, kept sorted as they come. */
	for (size_t t = 0; t < a->ntouched; t++) {
		size_t g = a->touched[t], lo = 0, hi = x->nsets, k;
		struct sd_match_hit h;

		/* The last set whose first rule is at or before g. */
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;

			if (x->first[mid] <= g)
				lo = mid;
			else
				hi = mid;
		}
		h.set = lo;
		h.rule = g - x->first[lo];
		h.score = a->v[g] > 1 ? 1 : a->v[g];
		a->v[g] = 0;
		if (n == max && cmp_hit_desc(&h, &hits[n - 1]) >= 0)
			continue;
		for (k = n < max ? n : max - 1;
		     k > 0 && cmp_hit_desc(&h, &hits[k - 1]) < 0; k--)
			hits[k] = hits[k - 1];
		hits[k] = h;
		if (n < max)
			n++;
	}
	free(q.v);
	return n;
}
