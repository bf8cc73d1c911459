/*
 * A benchmark's rule text as features for matching (match.h, match_int.h).
 *
 * Text becomes words (lower-cased runs of ASCII letters and digits) and
 * each pair of neighbouring words, hashed to 64 bits. Before that, the
 * names of the product are folded into one token: a name of the
 * benchmark's product or of its group (product.h: "Windows Server",
 * "Red Hat Enterprise Linux", "RHEL" when a version follows), with the
 * version numbers after it, a "the" before it and "operating system"
 * after it, and the generic subjects ("the operating system", "the
 * system"). So "The Red Hat Enterprise Linux operating system must" and
 * "RHEL 8 must", or "The system must" and "Windows Server 2019 must",
 * read the same. A number of the benchmark's own title standing alone
 * is one token "the product version".
 *
 * Technical tokens (a path, a registry key, a setting such as
 * "HKEY_LOCAL_MACHINE\Software\...\Client" or "/etc/ssh/sshd_config")
 * are also kept whole, counted twice: they are what tells two rules
 * about neighbouring settings apart, and inverse document frequency
 * makes the rare ones weigh.
 */
#include "match_int.h"
#include "hash.h"
#include "product.h"
#include "words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sd_match_sort(void *base, size_t n, size_t size,
		   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

const double sd_match_field_weight[SD_MATCH_NFIELDS] = { 0.3, 0.3, 0.2, 0.2 };

/* The token standing for the benchmark's product version number. */
#define VERSION_TOKEN 0x5eed5eed5eed5eedULL
/* The token standing for the product's name. */
#define PRODUCT_TOKEN 0x9a0d9a0d9a0d9a0dULL
/* Salt of a technical token's hash. */
#define TECH_SALT 0x7ec47ec47ec47ec4ULL

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* One word of a text. */
struct word {
	uint64_t h;
	const unsigned char *s;
	unsigned len;
	unsigned char digits; /* all digits */
	unsigned char release; /* "r2": a release after a version */
};

struct words {
	struct word *v;
	size_t n, cap;
	uint64_t *toks; /* text_features()' scratch */
	size_t tcap;
};

/*
 * The words of `text` (words.h, ASCII letters and digits), hashed
 * lower-cased; a run of 64 bytes or more is hashed as it is (a path, a
 * key: as the matcher always has).
 */
static void cut_words(const char *text, struct words *out)
{
	struct sd_word w;

	out->n = 0;
	while (sd_words_next(&text, SD_WORDS_ASCII, &w)) {
		const unsigned char *s = (const unsigned char *)w.s;
		struct word *wd;

		SD_ALLOC_GROW(out->v, out->n, out->cap);
		wd = &out->v[out->n++];
		wd->h = w.len >= 64 ? sd_hash_bytes(w.s, w.len) : w.hash;
		wd->s = s;
		wd->len = (unsigned)w.len;
		wd->digits = (unsigned char)w.digits;
		wd->release = w.len >= 2 && w.len <= 3 &&
			      sd_words_fold((char)s[0]) == 'r' &&
			      is_digit(s[1]) && (w.len == 2 || is_digit(s[2]));
	}
}

/* A phrase as word hashes. */
struct phrase {
	uint64_t *w;
	size_t n;
};

/* What folds in one benchmark's text. */
struct folding {
	struct phrase *names;    /* the product's names */
	size_t nnames;
	struct phrase *subjects; /* "the operating system" */
	size_t nsubjects;
	struct phrase *tails;    /* "operating system", "os", "system" */
	size_t ntails;
	uint64_t the;
	struct sd_strv versions; /* numbers of the title */
	uint64_t first[4]; /* bits of the first words of names and subjects */
};

/* A filter of first words: a word whose bit is not set starts no name
 * or subject (name_at() tries them all only after it). */
static size_t first_bit(uint64_t h, uint64_t *mask)
{
	*mask = 1ULL << (h & 63);
	return (size_t)(h >> 6) & 3;
}

static void phrase_of(const char *s, struct phrase *p, struct words *scratch)
{
	cut_words(s, scratch);
	p->n = scratch->n;
	p->w = sd_xmalloc((p->n ? p->n : 1) * sizeof(*p->w));
	for (size_t i = 0; i < p->n; i++)
		p->w[i] = scratch->v[i].h;
}

static void add_phrase(struct phrase **v, size_t *n, const char *s,
		       struct words *scratch)
{
	struct phrase p;

	phrase_of(s, &p, scratch);
	if (!p.n) {
		free(p.w);
		return;
	}
	*v = sd_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = p;
}

/* Longer phrases first: the longest name wins. */
static int cmp_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;

	return x->n != y->n ? (x->n > y->n ? -1 : 1) : 0;
}

/* The digit runs of a benchmark title: its product version numbers. */
static void title_numbers(const char *title, struct sd_strv *out)
{
	struct sd_word w;

	while (sd_words_next(&title, SD_WORDS_ASCII, &w)) {
		char *n;

		if (!w.digits)
			continue;
		n = sd_xstrndup(w.s, w.len);
		if (!sd_strv_contains(out, n))
			sd_strv_push_owned(out, n);
		else
			free(n);
	}
}

static void folding_init(struct folding *fd, const struct sd_benchmark *b)
{
	const struct sd_product_table *t = sd_product_table_default();
	const struct sd_strv *subj = sd_product_subjects(t);
	struct words scratch = { NULL, 0, 0, NULL, 0 };
	struct sd_product p;

	memset(fd, 0, sizeof(*fd));
	title_numbers(b->title, &fd->versions);
	sd_product_infer(&p, t, b->id, b->title);
	for (size_t i = 0; i < p.names.n; i++)
		add_phrase(&fd->names, &fd->nnames, p.names.v[i], &scratch);
	for (size_t i = 0; i < subj->n; i++) {
		add_phrase(&fd->subjects, &fd->nsubjects, subj->v[i], &scratch);
		/* Its words after "the" follow a name: "RHEL operating
		 * system". */
		if (!strncmp(subj->v[i], "the ", 4))
			add_phrase(&fd->tails, &fd->ntails, subj->v[i] + 4,
				   &scratch);
	}
	add_phrase(&fd->tails, &fd->ntails, "systems", &scratch);
	sd_match_sort(fd->names, fd->nnames, sizeof(*fd->names), cmp_phrase);
	sd_match_sort(fd->subjects, fd->nsubjects, sizeof(*fd->subjects),
		      cmp_phrase);
	sd_match_sort(fd->tails, fd->ntails, sizeof(*fd->tails), cmp_phrase);
	for (size_t k = 0; k < fd->nnames + fd->nsubjects; k++) {
		const struct phrase *ph = k < fd->nnames ? &fd->names[k]
			: &fd->subjects[k - fd->nnames];
		uint64_t m;
		size_t at = first_bit(ph->w[0], &m);

		fd->first[at] |= m;
	}
	cut_words("the", &scratch);
	fd->the = scratch.v[0].h;
	free(scratch.v);
	free(scratch.toks);
	sd_product_release(&p);
}

static void folding_release(struct folding *fd)
{
	for (size_t i = 0; i < fd->nnames; i++)
		free(fd->names[i].w);
	for (size_t i = 0; i < fd->nsubjects; i++)
		free(fd->subjects[i].w);
	for (size_t i = 0; i < fd->ntails; i++)
		free(fd->tails[i].w);
	free(fd->names);
	free(fd->subjects);
	free(fd->tails);
	sd_strv_release(&fd->versions);
}

static int phrase_at(const struct words *w, size_t i, const struct phrase *p)
{
	if (i + p->n > w->n)
		return 0;
	for (size_t k = 0; k < p->n; k++)
		if (w->v[i + k].h != p->w[k])
			return 0;
	return 1;
}

/* Words a product name at i takes (with its versions and "operating
 * system"), or 0. */
static size_t name_at(const struct folding *fd, const struct words *w,
		      size_t i)
{
	uint64_t m;

	if (!(fd->first[first_bit(w->v[i].h, &m)] & m))
		return 0;
	for (size_t k = 0; k < fd->nnames; k++) {
		const struct phrase *p = &fd->names[k];
		size_t j = i + p->n;

		if (!phrase_at(w, i, p))
			continue;
		/* One word names the product only before a version. */
		if (p->n == 1 && (j >= w->n || !w->v[j].digits))
			continue;
		while (j < w->n && (w->v[j].digits || w->v[j].release))
			j++;
		for (size_t t = 0; t < fd->ntails; t++)
			if (phrase_at(w, j, &fd->tails[t])) {
				j += fd->tails[t].n;
				break;
			}
		return j - i;
	}
	for (size_t k = 0; k < fd->nsubjects; k++)
		if (phrase_at(w, i, &fd->subjects[k]))
			return fd->subjects[k].n;
	return 0;
}

static int is_version(const struct sd_strv *versions, const struct word *w)
{
	for (size_t i = 0; i < versions->n; i++)
		if (strlen(versions->v[i]) == w->len &&
		    !memcmp(versions->v[i], w->s, w->len))
			return 1;
	return 0;
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

/* What a byte is to a technical token: TECH_BREAK ends one or stands
 * between them (a control byte or space, or one of "'(),;<>[]{}),
 * TECH_MARK makes a run technical (\\ / _ =), TECH_LETTER an ASCII
 * letter. */
enum { TECH_BREAK = 1, TECH_MARK = 2, TECH_LETTER = 4 };
static const unsigned char tech_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 2,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 1, 0,
	0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 2, 1, 0, 2,
	0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 0, 1, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int tech_break(unsigned char c)
{
	return tech_class[c] & TECH_BREAK;
}

/*
 * Technical tokens of `text` (whitespace-separated runs holding a path
 * separator, an underscore or '=', with a letter, four bytes or more),
 * lower-cased, trailing punctuation dropped: each pushed twice.
 */
static void tech_features(const char *text, struct hashes *hs)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		const unsigned char *s, *e;
		int marks = 0;

		while (*p && tech_break(*p))
			p++;
		s = p;
		while (*p && !tech_break(*p))
			p++;
		e = p;
		while (e > s && (e[-1] == '.' || e[-1] == ':' || e[-1] == '!' ||
				 e[-1] == '?'))
			e--;
		if (e - s < 4)
			continue;
		for (const unsigned char *q = s; q < e; q++)
			marks |= tech_class[*q];
		if ((marks & TECH_MARK) && (marks & TECH_LETTER)) {
			uint64_t h = SD_HASH_INIT ^ TECH_SALT;

			for (const unsigned char *q = s; q < e; q++)
				h = sd_hash_byte(h, *q == '\\' ? '/'
					: (unsigned char)sd_words_fold((char)*q));
			hashes_push(hs, h);
			hashes_push(hs, h);
		}
	}
}

/*
 * Append the features of `text` to `hs`: the tokens after folding, each
 * pair of neighbouring tokens, and the technical tokens. With `key`, the
 * tokens' sequence is also hashed into *key (the folded title).
 */
static void text_features(const char *text, const struct folding *fd,
			  struct words *w, struct hashes *hs,
			  unsigned long long *key)
{
	uint64_t prev = 0, k = SD_HASH_INIT;
	size_t ntok = 0, i = 0, last_the_at = SIZE_MAX;
	int have_prev = 0;
	uint64_t *toks;

	if (key)
		*key = 0;
	if (!text)
		return;
	cut_words(text, w);
	if (w->n > w->tcap) {
		w->tcap = w->n;
		w->toks = sd_xrealloc(w->toks, w->tcap * sizeof(*w->toks));
	}
	toks = w->toks;
	while (i < w->n) {
		size_t take = name_at(fd, w, i);
		uint64_t h;

		if (take) {
			/* "the Windows Server 2019 ..." folds whole */
			if (ntok && last_the_at == ntok - 1)
				ntok--;
			h = PRODUCT_TOKEN;
			i += take;
		} else {
			h = w->v[i].h;
			if (w->v[i].digits && is_version(&fd->versions, &w->v[i]))
				h = VERSION_TOKEN;
			if (h == fd->the)
				last_the_at = ntok;
			i++;
		}
		/* Two names in a row ("the system" after a name) are one. */
		if (h == PRODUCT_TOKEN && ntok && toks[ntok - 1] == PRODUCT_TOKEN)
			continue;
		toks[ntok++] = h;
	}
	for (size_t t = 0; t < ntok; t++) {
		uint64_t h = toks[t];

		hashes_push(hs, h);
		if (have_prev)
			hashes_push(hs, (prev * 0x9e3779b97f4a7c15ULL) ^ h ^
						0x2545f4914f6cdd1dULL);
		prev = h;
		have_prev = 1;
		k = (k ^ h) * SD_HASH_PRIME;
	}
	if (key)
		*key = ntok ? k : 0;
	tech_features(text, hs);
}

/*
 * SD_SORT_BY(NAME, TYPE, KEY): static void NAME(TYPE *v, size_t n), which
 * sorts v by the 64-bit KEY(element), ascending: quicksort with a median
 * of three, insertion sort for short runs, no call per comparison (as
 * qsort makes). One algorithm for the feature hashes and the feature
 * entries.
 */
#define SD_SORT_BY(NAME, TYPE, KEY)                                        \
	static void NAME(TYPE *v, size_t n)                                \
	{                                                                  \
		while (n > 16) {                                           \
			uint64_t a = KEY(v[0]), b = KEY(v[n / 2]);         \
			uint64_t c = KEY(v[n - 1]), pivot;                 \
			size_t i = 0, j = n - 1;                           \
			TYPE t;                                            \
									   \
			pivot = a < b ? (b < c ? b : (a < c ? c : a))      \
				      : (a < c ? a : (b < c ? c : b));     \
			for (;;) {                                         \
				while (KEY(v[i]) < pivot)                  \
					i++;                               \
				while (KEY(v[j]) > pivot)                  \
					j--;                               \
				if (i >= j)                                \
					break;                             \
				t = v[i];                                  \
				v[i] = v[j];                               \
				v[j] = t;                                  \
				i++;                                       \
				j--;                                       \
			}                                                  \
			/* Recurse into the smaller part, loop on the      \
			 * larger. */                                      \
			if (j + 1 < n - j - 1) {                           \
				NAME(v, j + 1);                            \
				v += j + 1;                                \
				n -= j + 1;                                \
			} else {                                           \
				NAME(v + j + 1, n - j - 1);                \
				n = j + 1;                                 \
			}                                                  \
		}                                                          \
		for (size_t i = 1; i < n; i++) {                           \
			TYPE x = v[i];                                     \
			size_t j = i;                                      \
									   \
			for (; j > 0 && KEY(v[j - 1]) > KEY(x); j--)       \
				v[j] = v[j - 1];                           \
			v[j] = x;                                          \
		}                                                          \
	}

#define SD_KEY_SELF(x) (x)
SD_SORT_BY(sort_u64, uint64_t, SD_KEY_SELF)

/* The features of a set's rules, one block (fvec_from() appends). */
struct fblock {
	struct feat *v;
	size_t n, cap;
};

/* Sorted distinct features of `hs` with 1 + log(count) as weight,
 * appended to `blk`; *at is where they start there (the block may move
 * while it grows: the vectors point into it once it is whole). */
static void fvec_from(struct hashes *hs, struct fblock *blk, size_t *at,
		      size_t *count)
{
	size_t n = 0;

	*at = blk->n;
	*count = 0;
	if (!hs->n)
		return;
	sort_u64(hs->v, hs->n);
	if (blk->n + hs->n > blk->cap) {
		blk->cap = (blk->n + hs->n) * 3 / 2;
		blk->v = sd_xrealloc(blk->v, blk->cap * sizeof(*blk->v));
	}
	for (size_t i = 0; i < hs->n;) {
		struct feat *out = &blk->v[blk->n + n];
		size_t j = i;

		while (j < hs->n && hs->v[j] == hs->v[i])
			j++;
		out->h = hs->v[i];
		/* log(1) is 0 exactly: the usual count spares the call. */
		out->w = j - i == 1 ? 1.0f : (float)(1.0 + log((double)(j - i)));
		out->x = 0; /* its df[] entry, once there is one */
		n++;
		i = j;
	}
	blk->n += n;
	*count = n;
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
			out[n].x = f->v[j].x;
			out[n++].w = scale * f->v[j++].w;
		} else {
			out[n].h = h;
			out[n].x = a[i].x;
			out[n++].w = a[i++].w + scale * f->v[j++].w;
		}
	}
	while (i < na)
		out[n++] = a[i++];
	for (; j < f->n; j++) {
		out[n].h = f->v[j].h;
		out[n].x = f->v[j].x;
		out[n++].w = scale * f->v[j].w;
	}
	return n;
}

/* The fields are merged one after the other into two scratch arrays, so
 * each feature's weight is summed in field order. */
size_t sd_match_merge_fields(const struct fvec f[SD_MATCH_NFIELDS],
			     struct mfeat *scratch, struct feat *out)
{
	struct mfeat *cur, *next, *t;
	size_t total = 0, n = 0;
	double norm = 0;

	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		total += f[k].n;
	if (!total)
		return 0;
	cur = scratch;
	next = cur + total;
	for (int k = 0; k < SD_MATCH_NFIELDS; k++) {
		double scale = sqrt(sd_match_field_weight[k]);

		n = merge_into(cur, n, &f[k], scale, next);
		t = cur;
		cur = next;
		next = t;
	}
	for (size_t k = 0; k < n; k++)
		norm += cur[k].w * cur[k].w;
	norm = sqrt(norm);
	for (size_t k = 0; k < n; k++) {
		out[k].h = cur[k].h;
		out[k].x = cur[k].x;
		out[k].w = norm > 0 ? (float)((float)cur[k].w / norm) : 0;
	}
	return n;
}

/* ---- Signatures ---- */

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/*
 * Min-hashes of the check and fix features of rule mr that are its own:
 * held by at most a tenth of the benchmark's rules (so the wording every
 * check of a STIG shares does not make every two rules alike).
 */
static void sketch(const struct sd_match_set *s, const struct mrule *mr,
		   struct sd_match_sig *sig)
{
	uint64_t min[SD_MATCH_SKETCH];
	uint32_t cap = (uint32_t)(s->b->nrules / 10 > 2 ? s->b->nrules / 10 : 2);
	int any = 0;

	for (int k = 0; k < SD_MATCH_SKETCH; k++)
		min[k] = UINT64_MAX;
	for (int f = SD_MATCH_F_CHECK; f <= SD_MATCH_F_FIX; f++)
		for (size_t i = 0; i < mr->f[f].n; i++) {
			uint64_t h = mr->f[f].v[i].h;

			if (s->df[mr->f[f].v[i].x].df > cap)
				continue;
			any = 1;
			for (int k = 0; k < SD_MATCH_SKETCH; k++) {
				uint64_t x = mix64(h ^ (0x9e3779b97f4a7c15ULL *
							(uint64_t)(k + 1)));

				if (x < min[k])
					min[k] = x;
			}
		}
	for (int k = 0; k < SD_MATCH_SKETCH; k++)
		sig->sketch[k] = any ? (uint16_t)(min[k] >> 48) : 0;
	sig->empty = !any;
}

double sd_match_sig_similarity(const struct sd_match_sig *a,
			       const struct sd_match_sig *b)
{
	int same = 0;

	if (a->empty || b->empty)
		return 0;
	for (int k = 0; k < SD_MATCH_SKETCH; k++)
		same += a->sketch[k] == b->sketch[k];
	return (double)same / SD_MATCH_SKETCH;
}

const struct sd_match_sig *sd_match_set_sig(const struct sd_match_set *s,
					    size_t rule)
{
	return rule < s->b->nrules ? &s->sigs[rule] : NULL;
}

/* ---- A prepared benchmark ---- */

void sd_match_set_free(struct sd_match_set *s)
{
	if (!s)
		return;
	free(s->feats);
	free(s->rules);
	free(s->df);
	free(s->sigs);
	free(s);
}

const struct sd_benchmark *sd_match_set_benchmark(const struct sd_match_set *s)
{
	return s->b;
}

/* A distinct feature of a set while its rules are counted. */
struct dcount {
	uint64_t h;
	uint32_t df;
	uint32_t last; /* the last rule counted, + 1 */
};

/* A feature and its entry while the entries are sorted. */
struct hx {
	uint64_t h;
	uint32_t e;
};

#define SD_KEY_HX(x) ((x).h)
/* By feature, ascending (features are distinct). */
SD_SORT_BY(sort_hx, struct hx, SD_KEY_HX)

/*
 * The set's distinct features in sorted order with the number of rules
 * holding each (s->df), and each rule feature's entry there (x): counted
 * in a hash table as the rules' features come, then sorted once.
 */
static void set_counts(struct sd_match_set *s)
{
	struct sd_htab t;
	struct dcount *d = NULL;
	size_t n = 0, cap = 0;
	struct hx *order;
	uint32_t *rank;

	sd_htab_init(&t, 1024);
	for (size_t i = 0; i < s->b->nrules; i++)
		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			struct fvec *v = &s->rules[i].f[f];

			for (size_t k = 0; k < v->n; k++) {
				size_t pos, e = sd_htab_find(&t, v->v[k].h, &pos);

				if (!e) {
					SD_ALLOC_GROW(d, n, cap);
					d[n].h = v->v[k].h;
					d[n].df = 0;
					d[n].last = 0;
					sd_htab_put(&t, d[n].h, n);
					e = ++n;
				}
				e--;
				if (d[e].last != i + 1) {
					d[e].df++;
					d[e].last = (uint32_t)(i + 1);
				}
				v->v[k].x = (uint32_t)e;
			}
		}
	sd_htab_release(&t);
	order = sd_xmalloc((n ? n : 1) * sizeof(*order));
	rank = sd_xmalloc((n ? n : 1) * sizeof(*rank));
	for (size_t e = 0; e < n; e++) {
		order[e].h = d[e].h;
		order[e].e = (uint32_t)e;
	}
	sort_hx(order, n);
	s->df = sd_xmalloc((n ? n : 1) * sizeof(*s->df));
	for (size_t k = 0; k < n; k++) {
		s->df[k].h = order[k].h;
		s->df[k].df = d[order[k].e].df;
		rank[order[k].e] = (uint32_t)k;
	}
	s->ndf = n;
	for (size_t i = 0; i < s->b->nrules; i++)
		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			struct fvec *v = &s->rules[i].f[f];

			for (size_t k = 0; k < v->n; k++)
				v->v[k].x = rank[v->v[k].x];
		}
	free(d);
	free(order);
	free(rank);
}

struct sd_match_set *sd_match_set_new(const struct sd_benchmark *b)
{
	struct sd_match_set *s = sd_xcalloc(1, sizeof(*s));
	struct hashes hs = { NULL, 0, 0 };
	struct words w = { NULL, 0, 0, NULL, 0 };
	struct folding fd;
	struct fblock blk = { NULL, 0, 0 };
	size_t n = b->nrules ? b->nrules : 1;
	size_t *at = sd_xmalloc(n * SD_MATCH_NFIELDS * sizeof(*at));

	s->b = b;
	s->rules = sd_xcalloc(n, sizeof(*s->rules));
	s->sigs = sd_xcalloc(n, sizeof(*s->sigs));
	folding_init(&fd, b);
	for (size_t i = 0; i < b->nrules; i++) {
		struct mrule *mr = &s->rules[i];

		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			hs.n = 0;
			text_features(rule_field_text(&b->rules[i], f), &fd, &w,
				      &hs,
				      f == SD_MATCH_F_TITLE ? &s->sigs[i].title
							    : NULL);
			fvec_from(&hs, &blk, &at[i * SD_MATCH_NFIELDS + f],
				  &mr->f[f].n);
		}
	}
	s->feats = blk.v;
	for (size_t i = 0; i < b->nrules; i++)
		for (int f = 0; f < SD_MATCH_NFIELDS; f++)
			s->rules[i].f[f].v = s->rules[i].f[f].n
				? s->feats + at[i * SD_MATCH_NFIELDS + f] : NULL;
	free(at);
	set_counts(s);
	for (size_t i = 0; i < b->nrules; i++)
		sketch(s, &s->rules[i], &s->sigs[i]);
	folding_release(&fd);
	free(hs.v);
	free(w.v);
	free(w.toks);
	return s;
}
