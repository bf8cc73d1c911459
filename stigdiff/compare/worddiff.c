/*
 * Word diffs (Myers' algorithm on tokens) and the cosmetic-difference
 * test; see worddiff.h. The middle-snake search follows the structure of
 * Myers' 1986 paper ("An O(ND) Difference Algorithm and Its Variations",
 * section 4b): a forward and a backward search meet on a diagonal, which
 * splits the problem in two, so memory stays linear in the input.
 */
#include "worddiff.h"
#include "hash.h"
#include "utf8.h"
#include "util.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* ---- Characters ---- */

enum cls { C_SPACE, C_WORD, C_PUNCT };

/* Invalid UTF-8 bytes decode to a value no valid character has. */
#define BAD_BYTE 0x110000u

/* The character at s; a byte starting no valid sequence is one of its
 * own, BAD_BYTE + the byte. */
static size_t char_at(const unsigned char *s, unsigned *cp)
{
	uint32_t c;
	size_t n = sd_utf8_decode(s, &c);

	*cp = n ? c : BAD_BYTE + s[0];
	return n ? n : 1;
}

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f' || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f ||
	       c == 0x3000;
}

static enum cls classify(unsigned c)
{
	if (is_space(c))
		return C_SPACE;
	if (c < 0x80)
		return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			(c >= 'A' && c <= 'Z') || c == '_')
			       ? C_WORD
			       : C_PUNCT;
	/* Latin-1 signs, general punctuation (dashes, quotes, bullets),
	 * arrows and symbols, CJK punctuation; other letters are words. */
	if ((c >= 0xa1 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	    (c >= 0x2010 && c <= 0x205e) || (c >= 0x2190 && c <= 0x2bff) ||
	    (c >= 0x3001 && c <= 0x303f))
		return C_PUNCT;
	return C_WORD;
}

/* ---- Tokens ---- */

struct tok {
	const char *p;
	size_t len;
	unsigned id; /* equal tokens have equal ids; every blank run is 0 */
};

struct toks {
	struct tok *v;
	size_t n, cap;
	size_t words;
};

static void tokenize(const char *s, struct toks *t)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		const unsigned char *start = p;
		unsigned c;
		size_t n = char_at(p, &c);
		enum cls k = classify(c);

		p += n;
		if (k != C_PUNCT) {
			while (*p) {
				n = char_at(p, &c);
				if (classify(c) != k)
					break;
				p += n;
			}
		}
		SD_ALLOC_GROW(t->v, t->n, t->cap);
		t->v[t->n].p = (const char *)start;
		t->v[t->n].len = (size_t)(p - start);
		t->v[t->n].id = 0;
		if (k != C_SPACE) {
			t->v[t->n].id = 1; /* interned later */
			t->words++;
		}
		t->n++;
	}
}

/* Give every non-blank token of both texts an id: equal text, equal id. */
static void intern(struct toks *a, struct toks *b)
{
	struct sd_htab tab;
	const struct tok **first = NULL; /* the first token of each id */
	size_t nfirst = 0, cap = 0;
	struct toks *sides[2] = { a, b };

	sd_htab_init(&tab, a->words + b->words);
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < sides[s]->n; i++) {
			struct tok *t = &sides[s]->v[i];
			uint64_t h;
			size_t pos, k;

			if (!t->id)
				continue;
			h = sd_hash_bytes(t->p, t->len);
			for (k = sd_htab_find(&tab, h, &pos); k;
			     k = sd_htab_next(&tab, h, &pos))
				if (first[k - 1]->len == t->len &&
				    !memcmp(first[k - 1]->p, t->p, t->len))
					break;
			if (!k) {
				SD_ALLOC_GROW(first, nfirst, cap);
				first[nfirst] = t;
				sd_htab_put(&tab, h, nfirst);
				k = ++nfirst;
			}
			t->id = (unsigned)k;
		}
	}
	sd_htab_release(&tab);
	free(first);
}

/* ---- Myers ---- */

struct myers {
	const unsigned *a, *b;
	char *ra, *rb; /* 1: token deleted from a / inserted into b */
	long *fd, *bd; /* furthest reaching x per diagonal, both directions */
	long max_cost;
	int approximate;
};

/*
 * Find where a shortest edit script of a[a0..a1) into b[b0..b1) crosses
 * its middle: *xm, *ym split the problem in two. -1 when the script is
 * longer than the cost limit allows searching for.
 */
static int split(struct myers *m, long a0, long a1, long b0, long b1,
		 long *xm, long *ym)
{
	const unsigned *a = m->a, *b = m->b;
	long *fd = m->fd, *bd = m->bd;
	long dmin = a0 - b1, dmax = a1 - b0;
	long fmid = a0 - b0, bmid = a1 - b1;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	int odd = (int)((fmid - bmid) & 1);

	fd[fmid] = a0;
	bd[bmid] = a1;
	for (long c = 1;; c++) {
		long d;

		if (fmin > dmin)
			fd[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			fd[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			long tlo = fd[d - 1], thi = fd[d + 1];
			long x = tlo >= thi ? tlo + 1 : thi, y = x - d;

			while (x < a1 && y < b1 && a[x] == b[y])
				x++, y++;
			fd[d] = x;
			if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
				*xm = x;
				*ym = y;
				return 0;
			}
		}
		if (bmin > dmin)
			bd[--bmin - 1] = LONG_MAX;
		else
			++bmin;
		if (bmax < dmax)
			bd[++bmax + 1] = LONG_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			long tlo = bd[d - 1], thi = bd[d + 1];
			long x = tlo < thi ? tlo : thi - 1, y = x - d;

			while (x > a0 && y > b0 && a[x - 1] == b[y - 1])
				x--, y--;
			bd[d] = x;
			if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
				*xm = x;
				*ym = y;
				return 0;
			}
		}
		if (c >= m->max_cost)
			return -1;
	}
}

static void compare(struct myers *m, long a0, long a1, long b0, long b1)
{
	long xm, ym;

	while (a0 < a1 && b0 < b1 && m->a[a0] == m->b[b0])
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && m->a[a1 - 1] == m->b[b1 - 1])
		a1--, b1--;
	if (a0 == a1 || b0 == b1 || split(m, a0, a1, b0, b1, &xm, &ym) < 0) {
		if (a0 < a1 && b0 < b1)
			m->approximate = 1;
		memset(m->ra + a0, 1, (size_t)(a1 - a0));
		memset(m->rb + b0, 1, (size_t)(b1 - b0));
		return;
	}
	compare(m, a0, xm, b0, ym);
	compare(m, xm, a1, ym, b1);
}

/* ---- From marks to runs ---- */

/* An equal run (both ranges the same length) or a change. */
struct item {
	int equal;
	size_t a0, a1, b0, b1;
};

struct items {
	struct item *v;
	size_t n, cap;
};

static void push_item(struct items *it, int equal, size_t a0, size_t a1,
		      size_t b0, size_t b1)
{
	if (a0 == a1 && b0 == b1)
		return;
	if (it->n && it->v[it->n - 1].equal == equal) {
		it->v[it->n - 1].a1 = a1;
		it->v[it->n - 1].b1 = b1;
		return;
	}
	SD_ALLOC_GROW(it->v, it->n, it->cap);
	it->v[it->n++] = (struct item){ equal, a0, a1, b0, b1 };
}

static void build_items(const char *ra, size_t n, const char *rb, size_t m,
			struct items *it)
{
	size_t i = 0, j = 0;

	while (i < n || j < m) {
		size_t i0 = i, j0 = j;

		if (i < n && j < m && !ra[i] && !rb[j]) {
			while (i < n && j < m && !ra[i] && !rb[j])
				i++, j++;
			push_item(it, 1, i0, i, j0, j);
			continue;
		}
		while (i < n && ra[i])
			i++;
		while (j < m && rb[j])
			j++;
		if (i == i0 && j == j0) {
			/* Unpaired leftovers (cannot happen with a valid
			 * script): show them as changed, never drop them. */
			i = n;
			j = m;
		}
		push_item(it, 0, i0, i, j0, j);
	}
}

static size_t span_bytes(const struct toks *t, size_t from, size_t to)
{
	if (from >= to)
		return 0;
	return (size_t)(t->v[to - 1].p + t->v[to - 1].len - t->v[from].p);
}

/*
 * Fold an equal run caught between two changes into them when it is no
 * longer than the larger side of either change (in bytes): short common
 * words inside a rewrite make it harder to read, not easier.
 */
static int absorb_small_equalities(struct items *it, const struct toks *a,
				   const struct toks *b)
{
	size_t w = 0;
	int changed = 0;

	for (size_t r = 0; r < it->n; r++) {
		struct item cur = it->v[r];

		if (cur.equal && w > 0 && !it->v[w - 1].equal && r + 1 < it->n &&
		    !it->v[r + 1].equal) {
			const struct item *prev = &it->v[w - 1];
			const struct item *next = &it->v[r + 1];
			size_t len = span_bytes(b, cur.b0, cur.b1);
			size_t before = span_bytes(a, prev->a0, prev->a1);
			size_t after = span_bytes(a, next->a0, next->a1);
			size_t nb = span_bytes(b, prev->b0, prev->b1);
			size_t na = span_bytes(b, next->b0, next->b1);

			before = before > nb ? before : nb;
			after = after > na ? after : na;
			if (len <= before && len <= after) {
				it->v[w - 1].a1 = next->a1;
				it->v[w - 1].b1 = next->b1;
				r++;
				changed = 1;
				continue;
			}
		}
		it->v[w++] = cur;
	}
	it->n = w;
	return changed;
}

/*
 * Folding can leave a change whose deleted and inserted runs begin or end
 * alike ("[- x-]{+ x y+}"): give those tokens back to the equal runs
 * around it. Items are rebuilt in a new array.
 */
static void trim_changes(struct items *it, const struct toks *a,
			 const struct toks *b)
{
	struct items out = { 0 };

	for (size_t k = 0; k < it->n; k++) {
		struct item x = it->v[k];
		size_t p = 0, s = 0;

		if (x.equal) {
			push_item(&out, 1, x.a0, x.a1, x.b0, x.b1);
			continue;
		}
		while (x.a0 + p < x.a1 && x.b0 + p < x.b1 &&
		       a->v[x.a0 + p].id == b->v[x.b0 + p].id)
			p++;
		while (x.a0 + p + s < x.a1 && x.b0 + p + s < x.b1 &&
		       a->v[x.a1 - 1 - s].id == b->v[x.b1 - 1 - s].id)
			s++;
		push_item(&out, 1, x.a0, x.a0 + p, x.b0, x.b0 + p);
		push_item(&out, 0, x.a0 + p, x.a1 - s, x.b0 + p, x.b1 - s);
		push_item(&out, 1, x.a1 - s, x.a1, x.b1 - s, x.b1);
	}
	free(it->v);
	*it = out;
}

/* Move a lone change one token left (dir < 0) or right. */
static void shift(struct item *prev, struct item *cur, struct item *next,
		  int dir)
{
	size_t *r[] = { &prev->a1, &prev->b1, &next->a0, &next->b0,
			&cur->a0, &cur->a1, &cur->b0, &cur->b1 };

	for (size_t i = 0; i < SD_ARRAY_SIZE(r); i++)
		*r[i] = dir < 0 ? *r[i] - 1 : *r[i] + 1;
}

/*
 * A lone insertion (or deletion) between two equal runs can often sit at
 * several positions; pick the first that starts with a blank, else the
 * leftmost, so "a c" -> "a x c" reads "a{+ x+} c" every time.
 */
static void slide(struct items *it, const struct toks *a,
		  const struct toks *b)
{
	for (size_t k = 1; k + 1 < it->n; k++) {
		struct item *prev = &it->v[k - 1], *cur = &it->v[k];
		struct item *next = &it->v[k + 1];
		int on_b = cur->a0 == cur->a1;
		const struct toks *t = on_b ? b : a;
		size_t s0, s1, s;

		if (cur->equal || !prev->equal || !next->equal ||
		    (cur->a0 != cur->a1 && cur->b0 != cur->b1))
			continue;
		s0 = on_b ? cur->b0 : cur->a0;
		s1 = on_b ? cur->b1 : cur->a1;
		/* Leftmost, keeping a token in the equal run before. */
		while (prev->b1 - prev->b0 > 1 &&
		       t->v[s0 - 1].id == t->v[s1 - 1].id) {
			shift(prev, cur, next, -1);
			s0--;
			s1--;
		}
		if (t->v[s0].id == 0)
			continue;
		/* Right, to the first position starting with a blank. */
		for (s = 0; s + 1 < next->b1 - next->b0 &&
			    t->v[s0 + s].id == t->v[s1 + s].id;) {
			s++;
			if (t->v[s0 + s].id == 0) {
				while (s--)
					shift(prev, cur, next, 1);
				break;
			}
		}
	}
}

static void add_seg(struct sd_worddiff *wd, enum sd_wd_op op,
		    const struct toks *t, size_t from, size_t to)
{
	if (from >= to)
		return;
	SD_ALLOC_GROW(wd->segs, wd->nsegs, wd->cap);
	wd->segs[wd->nsegs].op = op;
	wd->segs[wd->nsegs].text = t->v[from].p;
	wd->segs[wd->nsegs].len = span_bytes(t, from, to);
	wd->nsegs++;
}

void sd_worddiff_release(struct sd_worddiff *wd)
{
	free(wd->segs);
	memset(wd, 0, sizeof(*wd));
}

void sd_worddiff_compute(struct sd_worddiff *wd, const char *old,
			 const char *new)
{
	struct toks a = { 0 }, b = { 0 };
	struct items it = { 0 };
	struct myers m;
	unsigned *ia, *ib;
	long *diag;
	size_t n, nm;

	sd_worddiff_release(wd);
	tokenize(old ? old : "", &a);
	tokenize(new ? new : "", &b);
	intern(&a, &b);
	n = a.n;
	nm = a.n + b.n;
	ia = sd_xmalloc((a.n + 1) * sizeof(*ia));
	ib = sd_xmalloc((b.n + 1) * sizeof(*ib));
	for (size_t i = 0; i < a.n; i++)
		ia[i] = a.v[i].id;
	for (size_t j = 0; j < b.n; j++)
		ib[j] = b.v[j].id;
	memset(&m, 0, sizeof(m));
	m.a = ia;
	m.b = ib;
	m.ra = sd_xcalloc(a.n + 1, 1);
	m.rb = sd_xcalloc(b.n + 1, 1);
	diag = sd_xmalloc(2 * (nm + 3) * sizeof(*diag));
	m.fd = diag + b.n + 1;
	m.bd = diag + (nm + 3) + b.n + 1;
	/* Bound the work on huge, wholly different texts: past this many
	 * edit steps a region is reported as replaced. */
	m.max_cost = (long)(40000000 / (nm + 1));
	if (m.max_cost < 64)
		m.max_cost = 64;
	if (m.max_cost > 8192)
		m.max_cost = 8192;
	compare(&m, 0, (long)n, 0, (long)b.n);
	/* Similarity counts the minimal script, before the clean-up. */
	for (size_t j = 0; j < b.n; j++)
		wd->common_words += !m.rb[j] && b.v[j].id != 0;
	build_items(m.ra, a.n, m.rb, b.n, &it);
	for (int pass = 0; pass < 32 && absorb_small_equalities(&it, &a, &b);
	     pass++)
		;
	trim_changes(&it, &a, &b);
	slide(&it, &a, &b);
	for (size_t k = 0; k < it.n; k++) {
		const struct item *x = &it.v[k];

		if (x->equal) {
			add_seg(wd, SD_WD_EQUAL, &b, x->b0, x->b1);
		} else {
			add_seg(wd, SD_WD_DELETE, &a, x->a0, x->a1);
			add_seg(wd, SD_WD_INSERT, &b, x->b0, x->b1);
		}
	}
	wd->old_words = a.words;
	wd->new_words = b.words;
	wd->approximate = m.approximate;
	free(diag);
	free(m.ra);
	free(m.rb);
	free(ia);
	free(ib);
	free(it.v);
	free(a.v);
	free(b.v);
}

double sd_worddiff_similarity(const struct sd_worddiff *wd)
{
	size_t total = wd->old_words + wd->new_words;

	if (!total)
		return 1.0;
	return 2.0 * (double)wd->common_words / (double)total;
}

/* ---- Cosmetic differences ---- */

static int closing_punct(unsigned c)
{
	return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' ||
	       c == '?' || c == ')' || c == ']';
}

static int opening_punct(unsigned c)
{
	return c == '(' || c == '[';
}

/*
 * Does closing punctuation at `p` end a word, so that a blank before it
 * is only spacing? It must be followed by a blank, the end of the text or
 * more closing punctuation: ".zip", ":\" and "\ .Net" start a name. A
 * period also stands for a path (`-Path . -Recurse`), so a blank before
 * one is spacing only when the period ends its line.
 */
static int trailing_punct(const unsigned char *p)
{
	unsigned cp, first;
	size_t n = char_at(p, &first);

	if (!closing_punct(first))
		return 0;
	for (p += n; *p; p += n) {
		n = char_at(p, &cp);
		if (cp == '\n')
			return 1;
		if (is_space(cp))
			return first != '.';
		if (!closing_punct(cp))
			return 0;
	}
	return 1;
}

static unsigned fold_quote(unsigned c)
{
	if (c >= 0x2018 && c <= 0x201b)
		return '\'';
	if (c >= 0x201c && c <= 0x201f)
		return '"';
	return c;
}

/* A text read as characters with some cosmetic differences folded. */
struct canon {
	const unsigned char *p;
	unsigned flags;
	unsigned prev;
	const unsigned char *run, *run_end; /* blanks being replayed */
};

static unsigned canon_next(struct canon *c)
{
	unsigned cp;
	size_t n;

	if (c->run && c->run < c->run_end) {
		n = char_at(c->run, &cp);
		c->run += n;
		return c->prev = cp;
	}
	c->run = NULL;
	if (!*c->p)
		return 0;
	n = char_at(c->p, &cp);
	if (is_space(cp)) {
		const unsigned char *start = c->p;

		while (*c->p) {
			n = char_at(c->p, &cp);
			if (!is_space(cp))
				break;
			c->p += n;
		}
		if ((c->flags & SD_COSMETIC_PUNCT) &&
		    ((*c->p && trailing_punct(c->p)) || opening_punct(c->prev)))
			return canon_next(c);
		if (c->flags & SD_COSMETIC_SPACE) {
			if (!*c->p)
				return 0;
			return c->prev = ' ';
		}
		c->run = start;
		c->run_end = c->p;
		return canon_next(c);
	}
	c->p += n;
	if (c->flags & SD_COSMETIC_QUOTES)
		cp = fold_quote(cp);
	if ((c->flags & SD_COSMETIC_CASE) && cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return c->prev = cp;
}

static int canon_equal(const char *a, const char *b, unsigned flags)
{
	struct canon ca = { (const unsigned char *)a, flags, 0, NULL, NULL };
	struct canon cb = { (const unsigned char *)b, flags, 0, NULL, NULL };

	for (;;) {
		unsigned x = canon_next(&ca), y = canon_next(&cb);

		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

unsigned sd_worddiff_cosmetic_as(const char *a, const char *b, unsigned all)
{
	static const unsigned kinds[] = { SD_COSMETIC_SPACE,
					  SD_COSMETIC_QUOTES,
					  SD_COSMETIC_PUNCT,
					  SD_COSMETIC_CASE };
	unsigned bits = 0;

	a = a ? a : "";
	b = b ? b : "";
	if (!strcmp(a, b) || !canon_equal(a, b, all))
		return 0;
	/* The kinds without which the texts would differ. */
	for (size_t i = 0; i < SD_ARRAY_SIZE(kinds); i++)
		if ((all & kinds[i]) && !canon_equal(a, b, all & ~kinds[i]))
			bits |= kinds[i];
	/* Either of two kinds would do: name the first that suffices. */
	for (size_t i = 0; !bits && i < SD_ARRAY_SIZE(kinds); i++)
		if ((all & kinds[i]) && canon_equal(a, b, kinds[i]))
			bits = kinds[i];
	return bits ? bits : all;
}

unsigned sd_worddiff_cosmetic(const char *a, const char *b)
{
	return sd_worddiff_cosmetic_as(a, b, SD_COSMETIC_SPACE |
						     SD_COSMETIC_QUOTES |
						     SD_COSMETIC_PUNCT);
}

const char *sd_worddiff_cosmetic_name(unsigned bit)
{
	switch (bit) {
	case SD_COSMETIC_SPACE: return "space";
	case SD_COSMETIC_QUOTES: return "quotes";
	case SD_COSMETIC_PUNCT: return "punctuation spacing";
	case SD_COSMETIC_CASE: return "case";
	default: return "";
	}
}
