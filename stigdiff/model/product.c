/*
 * Product inference from benchmark titles and ids, and the relations
 * between products; see product.h. The curated table is data
 * (corpus/lineage/products.tsv, compiled in as sd_product_table_text):
 * nothing here names a product.
 */
#include "product.h"
#include "buf.h"
#include "error.h"
#include "hash.h"
#include "words.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The table's text, generated from corpus/lineage/products.tsv. */
extern const char sd_product_table_text[];

/* A phrase: its words. */
struct phrase {
	struct sd_strv w;
	const char *a, *b; /* kind/vendor/replacement/group, borrowed */
	int drop;
};

struct plist {
	struct phrase *v;
	size_t n, cap;
};

struct sd_product_table {
	struct plist noise, kind, vendor, alias, role, group, subject, server;
	struct sd_strv rolestop;
	struct sd_strv subjects; /* the subject phrases as text */
	struct sd_strv strings; /* what phrases borrow */
	char digest[17];
};

static void split_words(const char *s, struct sd_strv *out)
{
	while (*s) {
		const char *e;

		while (*s == ' ')
			s++;
		for (e = s; *e && *e != ' '; e++)
			;
		if (e > s)
			sd_strv_push_owned(out, sd_xstrndup(s, (size_t)(e - s)));
		s = e;
	}
}

static void plist_release(struct plist *l)
{
	for (size_t i = 0; i < l->n; i++)
		sd_strv_release(&l->v[i].w);
	free(l->v);
}

void sd_product_table_free(struct sd_product_table *t)
{
	if (!t)
		return;
	plist_release(&t->noise);
	plist_release(&t->kind);
	plist_release(&t->vendor);
	plist_release(&t->alias);
	plist_release(&t->role);
	plist_release(&t->group);
	plist_release(&t->subject);
	sd_strv_release(&t->rolestop);
	plist_release(&t->server);
	sd_strv_release(&t->subjects);
	sd_strv_release(&t->strings);
	free(t);
}

static const char *keep_str(struct sd_product_table *t, const char *s)
{
	sd_strv_push(&t->strings, s);
	return t->strings.v[t->strings.n - 1];
}

static struct phrase *plist_add(struct plist *l, const char *words)
{
	struct phrase *p;

	SD_ALLOC_GROW(l->v, l->n, l->cap);
	p = &l->v[l->n++];
	memset(p, 0, sizeof(*p));
	split_words(words, &p->w);
	return p;
}

/* Longer phrases first, so the longest match wins. */
static int cmp_phrase_len(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;

	if (x->w.n != y->w.n)
		return x->w.n > y->w.n ? -1 : 1;
	return 0;
}

static void plist_sort(struct plist *l)
{
	/* qsort is not stable: keep file order among equal lengths. */
	for (size_t i = 1; i < l->n; i++)
		for (size_t j = i; j > 0 && cmp_phrase_len(&l->v[j - 1],
							    &l->v[j]) > 0; j--) {
			struct phrase t = l->v[j];

			l->v[j] = l->v[j - 1];
			l->v[j - 1] = t;
		}
}

int sd_product_table_parse(struct sd_product_table **out, const char *text,
			   size_t len, const char *source)
{
	struct sd_product_table *t = sd_xcalloc(1, sizeof(*t));
	const char *p = text, *end = text + len;
	unsigned line = 0;
	int err = 0;

	*out = NULL;
	snprintf(t->digest, sizeof(t->digest), "%016llx",
		 sd_digest64(SD_DIGEST_INIT, text, len));
	while (p < end && !err) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char *f[5] = { NULL };
		char *copy;
		size_t nf = 0;

		if (!eol)
			eol = end;
		line++;
		copy = sd_xstrndup(p, (size_t)(eol - p));
		p = eol + 1;
		if (!*copy || *copy == '#') {
			free(copy);
			continue;
		}
		for (char *q = copy; q && nf < 5;) {
			char *tab = strchr(q, '\t');

			if (tab)
				*tab++ = '\0';
			if (*q)
				f[nf++] = q;
			q = tab;
		}
#define NEED(n)                                                          \
	if (nf != (n)) {                                                 \
		err = sd_error_set(SD_EPARSE, "%s:%u: '%s' takes %d field%s", \
				   source, line, f[0], (n) - 1,          \
				   (n) == 2 ? "" : "s");                 \
		free(copy);                                              \
		break;                                                   \
	}
		if (!strcmp(f[0], "noise")) {
			NEED(2);
			plist_add(&t->noise, f[1]);
		} else if (!strcmp(f[0], "kind")) {
			NEED(3);
			plist_add(&t->kind, f[2])->a = keep_str(t, f[1]);
		} else if (!strcmp(f[0], "vendor")) {
			struct phrase *ph;

			NEED(4);
			if (strcmp(f[3], "drop") && strcmp(f[3], "keep")) {
				err = sd_error_set(SD_EPARSE,
						   "%s:%u: vendor ends in 'drop' or 'keep', not '%s'",
						   source, line, f[3]);
				free(copy);
				break;
			}
			ph = plist_add(&t->vendor, f[1]);
			ph->a = keep_str(t, f[2]);
			ph->drop = !strcmp(f[3], "drop");
		} else if (!strcmp(f[0], "alias")) {
			struct phrase *ph;

			if (nf == 4 && strcmp(f[3], "after")) {
				err = sd_error_set(SD_EPARSE,
						   "%s:%u: an alias ends in 'after' or nothing, not '%s'",
						   source, line, f[3]);
				free(copy);
				break;
			}
			if (nf != 4) {
				NEED(3);
			}
			ph = plist_add(&t->alias, f[1]);
			ph->a = keep_str(t, f[2]);
			ph->drop = nf == 4; /* only after the version */
		} else if (!strcmp(f[0], "role")) {
			NEED(2);
			plist_add(&t->role, f[1]);
		} else if (!strcmp(f[0], "rolestop")) {
			NEED(2);
			sd_strv_push(&t->rolestop, f[1]);
		} else if (!strcmp(f[0], "server")) {
			NEED(2);
			plist_add(&t->server, f[1]);
		} else if (!strcmp(f[0], "group")) {
			NEED(3);
			plist_add(&t->group, f[2])->a = keep_str(t, f[1]);
		} else if (!strcmp(f[0], "subject")) {
			NEED(2);
			plist_add(&t->subject, f[1]);
			sd_strv_push(&t->subjects, f[1]);
		} else {
			err = sd_error_set(SD_EPARSE, "%s:%u: unknown record '%s'",
					   source, line, f[0]);
		}
#undef NEED
		free(copy);
	}
	if (err) {
		sd_product_table_free(t);
		return err;
	}
	plist_sort(&t->noise);
	plist_sort(&t->kind);
	plist_sort(&t->vendor);
	plist_sort(&t->alias);
	plist_sort(&t->role);
	plist_sort(&t->subject);
	plist_sort(&t->server);
	*out = t;
	return 0;
}

static struct sd_product_table *default_table;

const struct sd_product_table *sd_product_table_default(void)
{
	if (!default_table &&
	    sd_product_table_parse(&default_table, sd_product_table_text,
				   strlen(sd_product_table_text),
				   "corpus/lineage/products.tsv") < 0) {
		/* The build compiles a table the tests parse: cannot fail. */
		sd_die_bug(sd_error_last());
	}
	return default_table;
}

const char *sd_product_table_digest(const struct sd_product_table *t)
{
	return t->digest;
}

const struct sd_strv *sd_product_subjects(const struct sd_product_table *t)
{
	return &t->subjects;
}

/* ---- Words of a title or an id ---- */

struct tok {
	char *w;
	int num;              /* a version number (digits, or digits.digits) */
	unsigned long major, minor;
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static void toks_release(struct toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].w);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void tok_push(struct toks *t, char *w)
{
	struct tok *k;

	SD_ALLOC_GROW(t->v, t->n, t->cap);
	k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->w = w;
	if (all_digits(w) && strlen(w) <= 9) {
		k->num = 1;
		k->major = strtoul(w, NULL, 10);
	}
}

/*
 * Lower-case runs of ASCII letters and digits. A number, one separator
 * ('.' in a title, '.' or '-' in an id) and a number or "x" read as one
 * version: "10.0", "8.5", "2-4", "7.x".
 */
static void tokenize(const char *s, int is_id, struct toks *out)
{
	const char *p = s, *start = s; /* where the last word ended */
	int joinable = 0; /* the last token may take a ".n" */
	struct sd_word wd;

	while (sd_words_next(&p, SD_WORDS_ASCII, &wd)) {
		char *w = sd_xstrndup(wd.s, wd.len);

		for (char *q = w; *q; q++)
			*q = sd_words_fold(*q);
		if (joinable && wd.s - start == 1 &&
		    (*start == '.' || (is_id && *start == '-')) &&
		    ((all_digits(w) && strlen(w) <= 9) || !strcmp(w, "x"))) {
			struct tok *k = &out->v[out->n - 1];
			struct sd_buf b = SD_BUF_INIT;

			sd_buf_addf(&b, "%s.%s", k->w, w);
			free(k->w);
			k->w = sd_buf_detach(&b);
			if (*w != 'x')
				k->minor = strtoul(w, NULL, 10);
			free(w);
			joinable = 0;
		} else {
			tok_push(out, w);
			joinable = out->v[out->n - 1].num;
		}
		start = p;
	}
}

/* Does phrase ph match the tokens at i? */
static int phrase_at(const struct toks *t, size_t i, const struct phrase *ph)
{
	if (i + ph->w.n > t->n || !ph->w.n)
		return 0;
	for (size_t k = 0; k < ph->w.n; k++)
		if (strcmp(t->v[i + k].w, ph->w.v[k]))
			return 0;
	return 1;
}

static void toks_remove(struct toks *t, size_t i, size_t n)
{
	for (size_t k = i; k < i + n; k++)
		free(t->v[k].w);
	memmove(&t->v[i], &t->v[i + n], (t->n - i - n) * sizeof(*t->v));
	t->n -= n;
}

/* Remove every match of the phrases of l; the first one's `a` into *what. */
static void remove_phrases(struct toks *t, const struct plist *l,
			   const char **what)
{
	for (size_t i = 0; i < t->n;) {
		size_t k;

		for (k = 0; k < l->n && !phrase_at(t, i, &l->v[k]); k++)
			;
		if (k == l->n) {
			i++;
			continue;
		}
		if (what && !*what)
			*what = l->v[k].a;
		toks_remove(t, i, l->v[k].w.n);
	}
}

/* Replace each alias by its words (not read again); an alias marked
 * `after` only after a version number. */
static void apply_aliases(struct toks *t, const struct plist *l)
{
	int seen_version = 0;

	for (size_t i = 0; i < t->n;) {
		const struct phrase *ph = NULL;
		struct sd_strv rep = SD_STRV_INIT;

		if (t->v[i].num)
			seen_version = 1;
		for (size_t k = 0; k < l->n && !ph; k++)
			if (phrase_at(t, i, &l->v[k]) &&
			    (!l->v[k].drop || seen_version))
				ph = &l->v[k];
		if (!ph) {
			i++;
			continue;
		}
		split_words(ph->a, &rep);
		toks_remove(t, i, ph->w.n);
		for (size_t k = 0; k < rep.n; k++) {
			SD_ALLOC_GROW(t->v, t->n, t->cap);
			memmove(&t->v[i + k + 1], &t->v[i + k],
				(t->n - i - k) * sizeof(*t->v));
			t->n++;
			memset(&t->v[i + k], 0, sizeof(t->v[i + k]));
			t->v[i + k].w = sd_xstrdup(rep.v[k]);
		}
		i += rep.n;
		sd_strv_release(&rep);
	}
}

/* "r2", "R2": a release after a version. */
static int release_word(const char *w, unsigned long *n)
{
	if (w[0] != 'r' || !all_digits(w + 1) || strlen(w) > 4)
		return 0;
	*n = strtoul(w + 1, NULL, 10);
	return 1;
}

/* What one of a title or an id says. */
struct side {
	struct sd_strv before; /* words before the version: the family */
	struct sd_strv role;
	struct sd_strv name;   /* the words naming the product, vendor kept */
	const char *kind, *vendor;
	int vendor_drop;
	size_t name_vendor; /* leading words of `name` naming the vendor */
	int server;
	struct sd_product_gen gen;
	char *gen_text;
};

static void side_release(struct side *s)
{
	sd_strv_release(&s->before);
	sd_strv_release(&s->role);
	sd_strv_release(&s->name);
	free(s->gen_text);
}

static void add_role(struct side *s, const char *w)
{
	if (!sd_strv_contains(&s->role, w))
		sd_strv_push(&s->role, w);
}

/* The role phrase of the table at tokens i, or NULL. */
static const struct phrase *role_at(const struct sd_product_table *tb,
				    const struct toks *t, size_t i)
{
	for (size_t k = 0; k < tb->role.n; k++)
		if (phrase_at(t, i, &tb->role.v[k]))
			return &tb->role.v[k];
	return NULL;
}

static int is_role_phrase(const struct sd_product_table *tb,
			  const struct phrase *ph)
{
	for (size_t k = 0; k < tb->role.n; k++) {
		const struct phrase *r = &tb->role.v[k];
		size_t q;

		if (r->w.n != ph->w.n)
			continue;
		for (q = 0; q < r->w.n && !strcmp(r->w.v[q], ph->w.v[q]); q++)
			;
		if (q == r->w.n)
			return 1;
	}
	return 0;
}

static void read_side(const struct sd_product_table *tb, const char *text,
		      int is_id, struct side *s)
{
	struct toks t = { NULL, 0, 0 };
	size_t v, end, vendor_words = 0, nonrole = 0;

	memset(s, 0, sizeof(*s));
	tokenize(text, is_id, &t);
	remove_phrases(&t, &tb->kind, &s->kind);
	remove_phrases(&t, &tb->noise, NULL);
	/* A vendor only at the start. */
	for (size_t k = 0; k < tb->vendor.n; k++)
		if (phrase_at(&t, 0, &tb->vendor.v[k])) {
			s->vendor = tb->vendor.v[k].a;
			vendor_words = tb->vendor.v[k].w.n;
			s->vendor_drop = tb->vendor.v[k].drop;
			break;
		}
	/* The naming words: up to the version, as written (aliases not yet
	 * read: "rhel" names RHEL in rule text as it does in the id). */
	for (size_t i = 0; i < t.n && !t.v[i].num; i++)
		sd_strv_push(&s->name, t.v[i].w);
	s->name_vendor = vendor_words;
	if (s->vendor_drop)
		toks_remove(&t, 0, vendor_words);
	apply_aliases(&t, &tb->alias);
	/* Server marks: a word such as "server" is dropped, a role such
	 * as "domain controller" kept. */
	for (size_t i = 0; i < t.n;) {
		size_t k;

		for (k = 0; k < tb->server.n &&
			    !phrase_at(&t, i, &tb->server.v[k]); k++)
			;
		if (k == tb->server.n) {
			i++;
			continue;
		}
		s->server = 1;
		if (is_role_phrase(tb, &tb->server.v[k]))
			i += tb->server.v[k].w.n;
		else
			toks_remove(&t, i, tb->server.v[k].w.n);
	}
	/* Role phrases wherever they are, unless they are all the words
	 * before the version ("Microsoft Edge" is the product Edge). */
	for (v = 0; v < t.n && !t.v[v].num; v++)
		;
	for (size_t i = 0; i < v;) {
		const struct phrase *r = role_at(tb, &t, i);

		if (!r)
			nonrole++;
		i += r ? r->w.n : 1;
	}
	for (size_t i = 0; i < t.n;) {
		const struct phrase *r = role_at(tb, &t, i);

		if (!r || (i < v && !nonrole)) {
			i++;
			continue;
		}
		for (size_t q = 0; q < r->w.n; q++)
			add_role(s, r->w.v[q]);
		toks_remove(&t, i, r->w.n);
	}
	for (v = 0; v < t.n && !t.v[v].num; v++)
		;
	end = v;
	if (v < t.n) {
		struct sd_buf gt = SD_BUF_INIT;
		unsigned long rn;

		s->gen.known = 1;
		s->gen.major = t.v[v].major;
		s->gen.minor = t.v[v].minor;
		sd_buf_addstr(&gt, t.v[v].w);
		/* Alternatives and a release: "2012/2012 R2", "8/8.1". */
		for (end = v + 1; end < t.n; end++) {
			if (release_word(t.v[end].w, &rn)) {
				if (!s->gen.minor)
					s->gen.minor = rn;
				sd_buf_addf(&gt, " R%lu", rn);
			} else if (!t.v[end].num) {
				break;
			}
		}
		s->gen_text = sd_buf_detach(&gt);
	}
	for (size_t i = 0; i < v; i++)
		sd_strv_push(&s->before, t.v[i].w);
	for (size_t i = end; i < t.n; i++)
		if (!t.v[i].num)
			add_role(s, t.v[i].w);
	sd_strv_sort(&s->role);
	toks_release(&t);
}

static char *join(const struct sd_strv *w)
{
	struct sd_buf b = SD_BUF_INIT;

	for (size_t i = 0; i < w->n; i++) {
		if (i)
			sd_buf_addch(&b, ' ');
		sd_buf_addstr(&b, w->v[i]);
	}
	if (!b.ptr)
		sd_buf_addstr(&b, "");
	return sd_buf_detach(&b);
}

void sd_product_release(struct sd_product *p)
{
	free(p->family);
	free(p->group);
	free(p->vendor);
	free(p->role);
	free(p->kind);
	free(p->gen_text);
	free(p->key);
	sd_strv_release(&p->names);
	memset(p, 0, sizeof(*p));
}

static void make_key(struct sd_product *p)
{
	struct sd_buf b = SD_BUF_INIT;

	free(p->key);
	sd_buf_addf(&b, "%s|", p->family);
	if (p->gen.known)
		sd_buf_addf(&b, "%lu.%lu", p->gen.major, p->gen.minor);
	sd_buf_addf(&b, "|%s|%s|%s", p->role, p->server ? "server" : "",
		    p->kind);
	p->key = sd_buf_detach(&b);
}

void sd_product_set_kind(struct sd_product *p, const char *kind)
{
	free(p->kind);
	p->kind = sd_xstrdup(kind && *kind ? kind : "stig");
	make_key(p);
}

static void add_name(struct sd_product *p, const char *s)
{
	if (*s && !sd_strv_contains(&p->names, s))
		sd_strv_push(&p->names, s);
}

/* The names of family `fam` from the table's aliases: "rhel". */
static void alias_names(struct sd_product *p, const struct sd_product_table *t,
			const char *fam)
{
	add_name(p, fam);
	for (size_t k = 0; k < t->alias.n; k++)
		if (!strcmp(t->alias.v[k].a, fam)) {
			char *s = join(&t->alias.v[k].w);

			add_name(p, s);
			free(s);
		}
}

void sd_product_infer(struct sd_product *p, const struct sd_product_table *t,
		      const char *id, const char *title)
{
	struct side ts, is;
	const struct side *g;

	if (!t)
		t = sd_product_table_default();
	memset(p, 0, sizeof(*p));
	read_side(t, title, 0, &ts);
	read_side(t, id, 1, &is);
	p->family = join(ts.before.n ? &ts.before : &is.before);
	if (!*p->family && !ts.gen.known) {
		/* No title at all: everything from the id. */
		free(p->family);
		p->family = join(&is.before);
	}
	g = ts.gen.known ? &ts : &is;
	p->gen = g->gen;
	p->gen_text = g->gen_text ? sd_xstrdup(g->gen_text) : NULL;
	p->role = join(ts.role.n ? &ts.role : &is.role);
	p->server = ts.server || is.server;
	p->kind = sd_xstrdup(ts.kind ? ts.kind : is.kind ? is.kind : "stig");
	p->vendor = ts.vendor ? sd_xstrdup(ts.vendor)
		    : is.vendor ? sd_xstrdup(is.vendor) : NULL;
	p->group = NULL;
	for (size_t k = 0; k < t->group.n; k++) {
		char *fam = join(&t->group.v[k].w);

		if (!strcmp(fam, p->family) && !p->group)
			p->group = sd_xstrdup(t->group.v[k].a);
		free(fam);
	}
	if (!p->group)
		p->group = sd_xstrdup(p->family);
	/* Names in rule text: the title's and the id's words before the
	 * version, the family and its aliases, the group's families. */
	{
		char *n1 = join(&ts.name), *n2 = join(&is.name);

		add_name(p, n1);
		add_name(p, n2);
		free(n1);
		free(n2);
	}
	for (int k = 0; k < 2; k++) {
		/* A name without its vendor: "windows server". */
		const struct side *sd = k ? &is : &ts;
		struct sd_strv rest = SD_STRV_INIT;
		char *s;

		if (!sd->name_vendor || sd->name.n <= sd->name_vendor)
			continue;
		for (size_t i = sd->name_vendor; i < sd->name.n; i++)
			sd_strv_push(&rest, sd->name.v[i]);
		s = join(&rest);
		add_name(p, s);
		free(s);
		sd_strv_release(&rest);
	}
	alias_names(p, t, p->family);
	for (size_t k = 0; k < t->group.n; k++)
		if (!strcmp(t->group.v[k].a, p->group)) {
			char *fam = join(&t->group.v[k].w);

			alias_names(p, t, fam);
			free(fam);
		}
	make_key(p);
	side_release(&ts);
	side_release(&is);
}

int sd_product_gen_cmp(const struct sd_product_gen *a,
		       const struct sd_product_gen *b)
{
	if (a->known != b->known)
		return a->known ? 1 : -1;
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	return 0;
}

const char *sd_product_relation_name(enum sd_product_relation r)
{
	static const char *const names[] = { "same", "successor", "predecessor",
					     "sibling", "related" };

	return (unsigned)r < SD_ARRAY_SIZE(names) ? names[r] : "related";
}

/* A draft continues the kind it is a draft of: a draft of a later
 * generation is still its product's successor. */
static const char *kind_class(const char *kind)
{
	return !strcmp(kind, "draft") ? "stig" : kind;
}

enum sd_product_relation sd_product_relation(const struct sd_product *a,
					     const struct sd_product *b)
{
	int g = sd_product_gen_cmp(&a->gen, &b->gen);

	if (!strcmp(a->key, b->key))
		return SD_PRODUCT_SAME;
	if (strcmp(a->group, b->group))
		return SD_PRODUCT_RELATED;
	if (strcmp(a->family, b->family))
		return g == 0 || !a->gen.known || !b->gen.known
			       ? SD_PRODUCT_SIBLING
			       : SD_PRODUCT_RELATED;
	if (strcmp(kind_class(a->kind), kind_class(b->kind)))
		return g == 0 ? SD_PRODUCT_SIBLING : SD_PRODUCT_RELATED;
	if (a->server != b->server || g == 0 || !a->gen.known ||
	    !b->gen.known)
		return SD_PRODUCT_SIBLING;
	return g < 0 ? SD_PRODUCT_SUCCESSOR : SD_PRODUCT_PREDECESSOR;
}

/* Does role word list `a` share a word with `b` that is no stop word? */
static int roles_share(const char *a, const char *b,
		       const struct sd_product_table *t)
{
	struct sd_strv wa = SD_STRV_INIT, wb = SD_STRV_INIT;
	int shared = 0;

	split_words(a, &wa);
	split_words(b, &wb);
	for (size_t i = 0; i < wa.n && !shared; i++)
		if (sd_strv_contains(&wb, wa.v[i]) &&
		    !sd_strv_contains(&t->rolestop, wa.v[i]))
			shared = 1;
	sd_strv_release(&wa);
	sd_strv_release(&wb);
	return shared;
}

int sd_product_role_rank(const struct sd_product *a,
			 const struct sd_product *b,
			 const struct sd_product_table *t)
{
	if (!t)
		t = sd_product_table_default();
	if (!*b->role && *a->role)
		return 0;
	if (!strcmp(a->role, b->role))
		return 1;
	if (!*a->role)
		return 2;
	if (roles_share(a->role, b->role, t))
		return 3;
	return 4;
}

void sd_product_describe(const struct sd_product *p, struct sd_buf *out)
{
	sd_buf_addf(out, "family %s", *p->family ? p->family : "(none)");
	if (p->gen.known)
		sd_buf_addf(out, ", generation %s",
			    p->gen_text ? p->gen_text : "?");
	if (*p->role)
		sd_buf_addf(out, ", role %s", p->role);
	if (p->server)
		sd_buf_addstr(out, ", server");
	sd_buf_addf(out, ", %s", p->kind);
	if (strcmp(p->group, p->family))
		sd_buf_addf(out, ", group %s", p->group);
}

char *sd_product_display_name(const char *title, const char *id)
{
	static const char *const tails[] = {
		"security technical implementation guide", "(stig)", "stig",
		"benchmark", "manual"
	};
	size_t n;
	char *s;
	int again = 1;

	if (!title || !*title)
		return sd_xstrdup(id ? id : "");
	s = sd_xstrdup(title);
	n = strlen(s);
	while (again) {
		again = 0;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '-'))
			n--;
		for (size_t k = 0; k < SD_ARRAY_SIZE(tails); k++) {
			size_t t = strlen(tails[k]);

			if (n > t && !strncasecmp(s + n - t, tails[k], t) &&
			    s[n - t - 1] == ' ') {
				n -= t;
				again = 1;
				break;
			}
		}
	}
	s[n] = '\0';
	if (!n) {
		free(s);
		return sd_xstrdup(title);
	}
	return s;
}
