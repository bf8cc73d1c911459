/*
 * Stored lineage: writing a computed lineage as small files and reading
 * the few a query needs back as a lineage of stubs (rules with their ids
 * and titles, no text); see lineage_store.h for the files and README.md
 * ("Corpus format") for their fields.
 *
 * A line's hops between consecutive releases are mostly "same rule id,
 * same text": such a hop is not written. The reader makes it again
 * between a rule of one release and the rule of the next release that
 * is written as the same rule record (same ids, title, SRG, fields),
 * unless either has hops written there or a `nohop` line says the two
 * were not paired. The writer only leaves out a hop whose evidence it
 * can make again word for word, so stored and computed traces agree.
 */
#include "lineage_store.h"
#include "error.h"
#include "rulefile.h"
#include "hash.h"
#include "tsv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INDEX_MAGIC "stigdiff-lineage-index\t2"
#define LINE_MAGIC "stigdiff-lineage-line\t2"
#define STEPS_MAGIC "stigdiff-lineage-steps\t2"
#define IDS_MAGIC "stigdiff-lineage-ids\t2"
#define ID_PARTS 256

static void sort_any(void *base, size_t n, size_t size,
		     int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* ---- Files ---- */

void sd_lineage_files_put(struct sd_lineage_files *f, const char *name,
			  struct sd_buf *text)
{
	struct sd_lineage_file *x = NULL;

	for (size_t i = 0; i < f->n && !x; i++)
		if (!strcmp(f->v[i].name, name))
			x = &f->v[i];
	if (!x) {
		SD_ALLOC_GROW(f->v, f->n, f->cap);
		x = &f->v[f->n++];
		x->name = sd_xstrdup(name);
	} else {
		sd_buf_release(&x->text);
	}
	x->text = *text;
	x->oid[0] = '\0';
	sd_buf_init(text);
	if (!x->text.ptr)
		sd_buf_addstr(&x->text, "");
	/* Kept until stored: no more room than the text takes. */
	if (x->text.cap > x->text.len + 1) {
		x->text.ptr = sd_xrealloc(x->text.ptr, x->text.len + 1);
		x->text.cap = x->text.len + 1;
	}
}

const struct sd_lineage_file *sd_lineage_files_get(
	const struct sd_lineage_files *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name))
			return &f->v[i];
	return NULL;
}

void sd_lineage_files_release(struct sd_lineage_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		sd_buf_release(&f->v[i].text);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

/* ---- Lines of text ---- */

/* The next line of [*p, end) split in place into at most `max` fields
 * (unescaped); returns the count, 0 at the end. The line is copied into
 * `buf` first. */
static size_t next_fields(const char **p, const char *end, struct sd_buf *buf,
			  char **f, size_t max, unsigned *lineno)
{
	const char *nl, *e;
	size_t n = 0;
	char *s, *t;

	while (*p < end) {
		nl = memchr(*p, '\n', (size_t)(end - *p));
		e = nl ? nl : end;
		(*lineno)++;
		if (e == *p || **p == '#') {
			*p = e + (nl != NULL);
			continue;
		}
		sd_buf_reset(buf);
		sd_buf_add(buf, *p, (size_t)(e - *p));
		*p = e + (nl != NULL);
		s = buf->ptr;
		for (;;) {
			t = strchr(s, '\t');
			if (n == max)
				return max + 1;
			if (t)
				*t = '\0';
			if (sd_tsv_take(s, strlen(s), &f[n]) < 0)
				return max + 2;
			n++;
			if (!t)
				break;
			s = t + 1;
		}
		return n;
	}
	return 0;
}

static int perr(const char *source, unsigned line, const char *why)
{
	return sd_error_set(SD_EPARSE, "%s:%u: %s", source, line, why);
}

static int read_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (*end || v > (1ULL << 40))
		return -1;
	*out = (size_t)v;
	return 0;
}

static void add_field(struct sd_buf *b, const char *s)
{
	sd_buf_addch(b, '\t');
	sd_tsv_field_or_null(b, s);
}

/* ---- The index ---- */

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

void sd_lineage_index_release(struct sd_lineage_index *x)
{
	free(x->key);
	for (size_t i = 0; i < x->nlines; i++) {
		free(x->lines[i].file);
		free(x->lines[i].key);
		free(x->lines[i].name);
		free(x->lines[i].sources);
		free(x->lines[i].benchmarks);
	}
	free(x->lines);
	free(x->edges);
	memset(x, 0, sizeof(*x));
}

size_t sd_lineage_index_find(const struct sd_lineage_index *x,
			     const char *file)
{
	for (size_t i = 0; i < x->nlines; i++)
		if (!strcmp(x->lines[i].file, file))
			return i;
	return SIZE_MAX;
}

static size_t index_line(struct sd_lineage_index *x, const char *file)
{
	size_t i = sd_lineage_index_find(x, file);

	if (i != SIZE_MAX)
		return i;
	SD_ALLOC_GROW(x->lines, x->nlines, x->caplines);
	memset(&x->lines[x->nlines], 0, sizeof(x->lines[0]));
	x->lines[x->nlines].file = sd_xstrdup(file);
	return x->nlines++;
}

static void index_edge(struct sd_lineage_index *x, size_t a, size_t b,
		       int type)
{
	for (size_t i = 0; i < x->nedges; i++)
		if (x->edges[i].a == a && x->edges[i].b == b &&
		    x->edges[i].type == type)
			return;
	SD_ALLOC_GROW(x->edges, x->nedges, x->capedges);
	x->edges[x->nedges].a = a;
	x->edges[x->nedges].b = b;
	x->edges[x->nedges].type = type;
	x->nedges++;
}

static const char *const edge_names[] = { "fwd", "back", "sibling" };

int sd_lineage_index_parse(struct sd_lineage_index *x, const char *text,
			   size_t len, const char *source)
{
	const char *p = text, *end = text + len;
	struct sd_buf buf = SD_BUF_INIT;
	unsigned lineno = 0;
	char *f[8];
	size_t n;
	int err = 0, seen_magic = 0;

	memset(x, 0, sizeof(*x));
	while (!err && (n = next_fields(&p, end, &buf, f, 7, &lineno))) {
		if (!seen_magic) {
			if (n != 2 || !f[0] || !f[1] ||
			    strcmp(f[0], "stigdiff-lineage-index") ||
			    strcmp(f[1], "2"))
				err = perr(source, lineno,
					   "not a stigdiff lineage index (format 2)");
			seen_magic = 1;
		} else if (n == 2 && f[0] && !strcmp(f[0], "key") && f[1]) {
			free(x->key);
			x->key = sd_xstrdup(f[1]);
		} else if (n == 7 && f[0] && !strcmp(f[0], "line") && f[1] &&
			   f[2]) {
			size_t i = index_line(x, f[1]);
			struct sd_lineage_index_line *l = &x->lines[i];

			if (l->key || read_size(f[4], &l->releases) < 0) {
				err = perr(source, lineno,
					   "a line twice, or no release count");
				break;
			}
			l->key = sd_xstrdup(f[2]);
			l->name = sd_xstrdup(f[3] ? f[3] : "");
			l->benchmarks = sd_xstrdup(f[5] ? f[5] : "");
			l->sources = sd_xstrdup(f[6] ? f[6] : "");
		} else if (n == 4 && f[0] && !strcmp(f[0], "edge") && f[1] &&
			   f[2] && f[3]) {
			int type = -1;

			for (int k = 0; k < 3; k++)
				if (!strcmp(f[3], edge_names[k]))
					type = k;
			if (type < 0) {
				err = perr(source, lineno, "unknown edge type");
				break;
			}
			index_edge(x, index_line(x, f[1]), index_line(x, f[2]),
				   type);
		} else {
			err = perr(source, lineno, "not an index record");
		}
	}
	if (!err && !seen_magic)
		err = perr(source, 1, "empty index");
	for (size_t i = 0; !err && i < x->nlines; i++)
		if (!x->lines[i].key)
			err = perr(source, lineno, "an edge names a line the "
				   "index does not hold");
	if (!err && !x->key)
		err = perr(source, lineno, "no key line");
	sd_buf_release(&buf);
	if (err)
		sd_lineage_index_release(x);
	return err;
}

static int cmp_index_line(const void *a, const void *b)
{
	const struct sd_lineage_index_line *const *x = a, *const *y = b;

	return strcmp((*x)->file, (*y)->file);
}

void sd_lineage_index_write(const struct sd_lineage_index *x,
			    struct sd_buf *out)
{
	const struct sd_lineage_index_line **v =
		sd_xmalloc((x->nlines ? x->nlines : 1) * sizeof(*v));
	struct sd_strv edges = SD_STRV_INIT;

	sd_buf_addstr(out, INDEX_MAGIC "\n"
			   "# Every product line of the corpus, its files and "
			   "what it was computed from,\n"
			   "# and which lines a chain steps into from which. "
			   "Written by 'stigdiff corpus\n"
			   "# link'; see README.md, \"Corpus format\".\n");
	sd_buf_addstr(out, "key");
	add_field(out, x->key);
	sd_buf_addch(out, '\n');
	for (size_t i = 0; i < x->nlines; i++)
		v[i] = &x->lines[i];
	sort_any(v, x->nlines, sizeof(*v), cmp_index_line);
	for (size_t i = 0; i < x->nlines; i++) {
		sd_buf_addstr(out, "line");
		add_field(out, v[i]->file);
		add_field(out, v[i]->key);
		add_field(out, v[i]->name);
		sd_buf_addf(out, "\t%zu", v[i]->releases);
		add_field(out, v[i]->benchmarks);
		add_field(out, v[i]->sources);
		sd_buf_addch(out, '\n');
	}
	for (size_t i = 0; i < x->nedges; i++) {
		struct sd_buf e = SD_BUF_INIT;

		sd_buf_addstr(&e, "edge");
		add_field(&e, x->lines[x->edges[i].a].file);
		add_field(&e, x->lines[x->edges[i].b].file);
		sd_buf_addf(&e, "\t%s\n", edge_names[x->edges[i].type]);
		sd_strv_push_owned(&edges, sd_buf_detach(&e));
	}
	sd_strv_sort(&edges);
	for (size_t i = 0; i < edges.n; i++)
		if (!i || strcmp(edges.v[i], edges.v[i - 1]))
			sd_buf_addstr(out, edges.v[i]);
	sd_strv_release(&edges);
	free(v);
}

char *sd_lineage_store_line_file(const char *key)
{
	struct sd_buf b = SD_BUF_INIT;
	int dash = 0;

	for (const char *p = key; *p && b.len < 48; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len)
				sd_buf_addch(&b, '-');
			sd_buf_addch(&b, c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	sd_buf_addf(&b, "%s%08llx", b.len ? "-" : "",
		    sd_digest64(SD_DIGEST_INIT, key, strlen(key)) & 0xffffffffULL);
	return sd_buf_detach(&b);
}

/* ---- Ids ---- */

static unsigned id_part(const char *id)
{
	return (unsigned)(sd_digest64(SD_DIGEST_INIT, id, strlen(id)) %
			  ID_PARTS);
}

static char *upper(const char *s)
{
	char *u = sd_xstrdup(s);

	for (char *p = u; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

const char *sd_lineage_store_short(const char *file)
{
	const char *d = strrchr(file, '-');

	return d ? d + 1 : file;
}

static void id_add(struct sd_strv *v, const char *id, const char *file)
{
	struct sd_buf b = SD_BUF_INIT;
	char *u;

	if (!id || !*id || strchr(id, '\t') || strchr(id, '\n'))
		return;
	u = upper(id);
	sd_buf_addf(&b, "%s\t%s", u, sd_lineage_store_short(file));
	sd_strv_push_owned(v, sd_buf_detach(&b));
	free(u);
}

/* Sort and drop repeats. */
static void strv_unique(struct sd_strv *v)
{
	size_t n = 0;

	sd_strv_sort(v);
	for (size_t i = 0; i < v->n; i++) {
		if (n && !strcmp(v->v[n - 1], v->v[i])) {
			free(v->v[i]);
			continue;
		}
		v->v[n++] = v->v[i];
	}
	v->n = n;
	if (v->v)
		v->v[n] = NULL;
}

void sd_lineage_ids_write(struct sd_lineage_ids *ids,
			  struct sd_lineage_files *files)
{
	struct sd_buf part[ID_PARTS];

	strv_unique(&ids->v);
	for (int k = 0; k < ID_PARTS; k++) {
		sd_buf_init(&part[k]);
		sd_buf_addstr(&part[k], IDS_MAGIC "\n");
	}
	for (size_t i = 0; i < ids->v.n;) {
		const char *e = ids->v.v[i], *tab = strchr(e, '\t');
		size_t idlen = (size_t)(tab - e), j = i;
		char *id = sd_xstrndup(e, idlen);
		struct sd_buf *b = &part[id_part(id)];

		sd_buf_add(b, e, idlen);
		for (; j < ids->v.n && !strncmp(ids->v.v[j], e, idlen + 1); j++) {
			sd_buf_addch(b, j == i ? '\t' : ' ');
			sd_buf_addstr(b, ids->v.v[j] + idlen + 1);
		}
		sd_buf_addch(b, '\n');
		free(id);
		i = j;
	}
	for (int k = 0; k < ID_PARTS; k++) {
		char name[32];

		snprintf(name, sizeof(name), "ids/%02x.tsv", k);
		sd_lineage_files_put(files, name, &part[k]);
	}
}

/* Each entry of an ids/ file: the id and its lines. */
static int ids_each(const struct sd_buf *text, const char *name,
		    int (*fn)(void *ctx, const char *id, const char *file),
		    void *ctx)
{
	const char *p = text->ptr, *end = text->ptr + text->len;
	struct sd_buf buf = SD_BUF_INIT;
	unsigned lineno = 0;
	char *f[3];
	size_t n;
	int err = 0, first = 1;

	while (!err && (n = next_fields(&p, end, &buf, f, 2, &lineno))) {
		char *s;

		if (first) {
			if (n != 2 || !f[0] || strcmp(f[0], "stigdiff-lineage-ids"))
				err = perr(name, lineno,
					   "not a stigdiff lineage id file");
			first = 0;
			continue;
		}
		if (n != 2 || !f[0] || !f[1]) {
			err = perr(name, lineno, "expected an id and its lines");
			break;
		}
		for (s = f[1]; *s && !err;) {
			char *sp = strchr(s, ' ');

			if (sp)
				*sp = '\0';
			if (*s)
				err = fn(ctx, f[0], s);
			s = sp ? sp + 1 : s + strlen(s);
		}
	}
	sd_buf_release(&buf);
	return err < 0 ? err : 0;
}

struct ids_read_ctx {
	const struct sd_strv *drop;
	struct sd_lineage_ids *ids;
};

static int ids_read_one(void *ctx, const char *id, const char *file)
{
	struct ids_read_ctx *c = ctx;

	for (size_t i = 0; c->drop && i < c->drop->n; i++)
		if (!strcmp(sd_lineage_store_short(c->drop->v[i]), file))
			return 0;
	id_add(&c->ids->v, id, file);
	return 0;
}

int sd_lineage_ids_read(const struct sd_lineage_source *src,
			const struct sd_strv *drop, struct sd_lineage_ids *ids)
{
	struct ids_read_ctx c = { drop, ids };
	int err = 0;

	for (int k = 0; k < ID_PARTS && !err; k++) {
		struct sd_buf text = SD_BUF_INIT;
		char name[32];

		snprintf(name, sizeof(name), "ids/%02x.tsv", k);
		err = src->read(src->ctx, name, &text);
		if (err == SD_ENOTFOUND)
			err = 0;
		else if (!err)
			err = ids_each(&text, name, ids_read_one, &c);
		sd_buf_release(&text);
	}
	return err;
}

struct ids_find_ctx {
	const char *want;
	struct sd_strv *files;
};

static int ids_find_one(void *ctx, const char *id, const char *file)
{
	struct ids_find_ctx *c = ctx;

	if (!strcmp(id, c->want) && !sd_strv_contains(c->files, file))
		sd_strv_push(c->files, file);
	return 0;
}

int sd_lineage_ids_lookup(const struct sd_lineage_source *src, const char *id,
			  struct sd_strv *files)
{
	struct sd_strv forms = SD_STRV_INIT;
	size_t len = strlen(id);
	int err = 0;

	/* The id, and the rule id's base: "SV-1r2_rule", "SV-1r2" -> "SV-1". */
	sd_strv_push_owned(&forms, upper(id));
	for (size_t n = 1; n + 1 < len; n++)
		if ((id[n] == 'r' || id[n] == 'R') && id[n + 1] >= '0' &&
		    id[n + 1] <= '9' && id[n - 1] >= '0' && id[n - 1] <= '9') {
			char *b = sd_xstrndup(id, n);

			sd_strv_push_owned(&forms, upper(b));
			free(b);
			break;
		}
	for (size_t i = 0; i < forms.n && !err; i++) {
		struct sd_buf text = SD_BUF_INIT;
		struct ids_find_ctx c = { forms.v[i], files };
		char name[32];

		snprintf(name, sizeof(name), "ids/%02x.tsv", id_part(forms.v[i]));
		err = src->read(src->ctx, name, &text);
		if (err == SD_ENOTFOUND)
			err = 0;
		else if (!err)
			err = ids_each(&text, name, ids_find_one, &c);
		sd_buf_release(&text);
	}
	sd_strv_release(&forms);
	return err;
}

/* ---- Writing ---- */

int sd_lineage_store_has_words(const char *s)
{
	for (; s && *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9'))
			return 1;
	return 0;
}

static int field_mask(const struct sd_rule *r)
{
	return (sd_lineage_store_has_words(r->check_content) ? 1 : 0) |
	       (sd_lineage_store_has_words(r->fix_text) ? 2 : 0) |
	       (sd_lineage_store_has_words(r->desc[SD_DESC_DISCUSSION]) ? 4 : 0);
}

/*
 * The evidence of a same-rule-id hop between two rules with the same
 * record (identical text): what the matcher says of them, made from the
 * record alone.
 */
static void plain_evidence(const struct sd_rule *r, struct sd_buf *out)
{
	static const char *const names[4] = { "title", "check-content",
					      "fix-text", "discussion" };
	int mask = field_mask(r), any = 0;

	sd_buf_addf(out, "same rule id %s; content 1.00 (", r->rule_id);
	for (int f = 0; f < 4; f++) {
		int present = f ? (mask >> (f - 1)) & 1 : sd_lineage_store_has_words(r->title);

		sd_buf_addf(out, "%s%s %s", any++ ? ", " : "", names[f],
			    present ? "1.00" : "empty");
	}
	if (r->srg)
		sd_buf_addf(out, "; same SRG %s", r->srg);
	if (r->ccis.n)
		sd_buf_addstr(out, "; shared CCI");
	sd_buf_addch(out, ')');
}

static void join_strv(struct sd_buf *b, const struct sd_strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			sd_buf_addch(b, ' ');
		sd_buf_addstr(b, v->v[i]);
	}
}

/* A rule's record after the track number. */
static void rule_record(const struct sd_rule *r, struct sd_buf *out)
{
	struct sd_buf l = SD_BUF_INIT;

	add_field(out, r->vuln_id);
	add_field(out, r->rule_id);
	add_field(out, r->stig_id);
	add_field(out, r->group_title);
	add_field(out, r->severity_raw);
	sd_buf_addf(out, "\t%d\t", field_mask(r) | (sd_lineage_store_has_words(r->title) ? 8 : 0));
	join_strv(&l, &r->ccis);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	sd_buf_reset(&l);
	sd_buf_addch(out, '\t');
	join_strv(&l, &r->legacy);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	add_field(out, r->title);
	sd_buf_release(&l);
}

/* Rule records of a line: distinct texts, a number each. */
struct tracks {
	char **text;  /* the record after the number */
	unsigned long long *digest;
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1 */
	size_t mask;
};

static size_t track_of(struct tracks *t, const char *rec)
{
	unsigned long long d = sd_digest64(SD_DIGEST_INIT, rec, strlen(rec));
	size_t i;

	if ((t->n + 1) * 2 > t->mask + 1) {
		size_t cap = t->mask ? (t->mask + 1) * 2 : 256;

		free(t->slot);
		t->slot = sd_xcalloc(cap, sizeof(*t->slot));
		t->mask = cap - 1;
		for (size_t k = 0; k < t->n; k++) {
			for (i = t->digest[k] & t->mask; t->slot[i];
			     i = (i + 1) & t->mask)
				;
			t->slot[i] = k + 1;
		}
	}
	for (i = d & t->mask; t->slot[i]; i = (i + 1) & t->mask)
		if (t->digest[t->slot[i] - 1] == d &&
		    !strcmp(t->text[t->slot[i] - 1], rec))
			return t->slot[i] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->text = sd_xrealloc(t->text, t->cap * sizeof(*t->text));
		t->digest = sd_xrealloc(t->digest, t->cap * sizeof(*t->digest));
	}
	t->text[t->n] = sd_xstrdup(rec);
	t->digest[t->n] = d;
	t->slot[i] = ++t->n;
	return t->n - 1;
}

static void tracks_release(struct tracks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->digest);
	free(t->slot);
}

static const char *step_type_name(enum sd_lineage_step_type t)
{
	switch (t) {
	case SD_LINEAGE_HOP: return "hop";
	case SD_LINEAGE_CROSS: return "cross";
	case SD_LINEAGE_CANDIDATE: return "candidate";
	case SD_LINEAGE_PEER_SIBLING: return "sibling";
	default: return "related";
	}
}

/*
 * The releases the steps of one file name: "target" records, written
 * once each, which steps refer to by number (what the reader needs to
 * show a rule of a line it does not read).
 */
struct targets {
	struct sd_strv key;  /* "file\tpos" */
	struct sd_buf out;   /* the target records */
};

static size_t target_of(struct targets *t, const char *file, size_t pos,
			const char *bench_id, const char *title,
			const char *label, int v, int r, const char *version,
			const char *date, const char *source, size_t nrules)
{
	struct sd_buf k = SD_BUF_INIT;
	size_t i;

	sd_buf_addf(&k, "%s\t%zu", file, pos);
	for (i = t->key.n; i-- > 0;)
		if (!strcmp(t->key.v[i], k.ptr))
			break;
	if (i != SIZE_MAX) {
		sd_buf_release(&k);
		return i;
	}
	sd_strv_push_owned(&t->key, sd_buf_detach(&k));
	sd_buf_addf(&t->out, "target\t%zu", t->key.n - 1);
	add_field(&t->out, file);
	sd_buf_addf(&t->out, "\t%zu", pos);
	add_field(&t->out, bench_id);
	add_field(&t->out, title);
	add_field(&t->out, label);
	sd_buf_addf(&t->out, "\t%d\t%d", v, r);
	add_field(&t->out, version);
	add_field(&t->out, date);
	add_field(&t->out, source);
	sd_buf_addf(&t->out, "\t%zu\n", nrules);
	return t->key.n - 1;
}

static void targets_release(struct targets *t)
{
	sd_strv_release(&t->key);
	sd_buf_release(&t->out);
}

/* The other side of a step: its release (a target) and rule; the rule's
 * ids and title for a peer or a candidate, which a reader shows without
 * reading its line. */
static void other_record(struct sd_buf *out, struct targets *t,
			 const char *file, size_t pos, size_t rule,
			 const struct sd_benchmark *b, int peer)
{
	const struct sd_rule *r = &b->rules[rule];
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "\t%zu\t%zu",
		    target_of(t, file, pos, b->id, b->title, label, b->v, b->r,
			      b->version, b->date, b->source, b->nrules),
		    rule);
	add_field(out, peer ? r->vuln_id : NULL);
	add_field(out, peer ? r->rule_id : NULL);
	add_field(out, peer ? r->stig_id : NULL);
	add_field(out, peer ? r->title : NULL);
}

/* The file stems of lin's lines. */
static char **line_files(struct sd_lineage *lin)
{
	size_t n = sd_lineage_lines(lin);
	char **v = sd_xcalloc(n ? n : 1, sizeof(*v));

	for (size_t l = 0; l < n; l++)
		v[l] = sd_lineage_store_line_file(
			sd_lineage_line_product(lin, l)->key);
	return v;
}

static void release_record(struct sd_buf *out, size_t pos,
			   const struct sd_benchmark *b)
{
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "release\t%zu", pos);
	add_field(out, b->id);
	add_field(out, label);
	sd_buf_addf(out, "\t%d\t%d", b->v, b->r);
	if (b->rsub) /* a draft's V1R0.2 */
		sd_buf_addf(out, ".%d", b->rsub);
	add_field(out, b->version);
	add_field(out, b->date);
	add_field(out, b->source);
	add_field(out, b->title);
	sd_buf_addch(out, '\n');
}

/* The lines/ file of line l. */
static size_t write_line(struct sd_lineage *lin, size_t l, char **files,
			 struct sd_buf *out, struct sd_strv *ids)
{
	const struct sd_product *prod = sd_lineage_line_product(lin, l);
	const size_t *rels;
	size_t nrel = sd_lineage_line_releases(lin, l, &rels), nsteps = 0;
	struct tracks tr;
	size_t **tk = sd_xcalloc(nrel ? nrel : 1, sizeof(*tk));
	struct sd_buf rec = SD_BUF_INIT, body = SD_BUF_INIT;

	memset(&tr, 0, sizeof(tr));
	sd_buf_addstr(out, LINE_MAGIC "\n");
	sd_buf_addstr(out, "line");
	add_field(out, prod->key);
	add_field(out, sd_lineage_line_name(lin, l));
	sd_buf_addch(out, '\n');
	for (size_t k = 0; k < nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k]);

		release_record(out, k, b);
		tk[k] = sd_xcalloc(b->nrules ? b->nrules : 1, sizeof(**tk));
		for (size_t i = 0; i < b->nrules; i++) {
			const struct sd_rule *r = &b->rules[i];
			size_t before = tr.n;

			sd_buf_reset(&rec);
			rule_record(r, &rec);
			tk[k][i] = track_of(&tr, rec.ptr);
			if (tr.n > before)
				sd_buf_addf(&body, "rule\t%zu%s\n", tk[k][i],
					    rec.ptr);
			id_add(ids, r->vuln_id, files[l]);
			id_add(ids, r->stig_id, files[l]);
			id_add(ids, r->rule_base, files[l]);
			id_add(ids, r->rule_id, files[l]);
			for (size_t q = 0; q < r->legacy.n; q++)
				id_add(ids, r->legacy.v[q], files[l]);
		}
		sd_buf_addf(&body, "rules\t%zu\t", k);
		for (size_t i = 0; i < b->nrules; i++)
			sd_buf_addf(&body, "%s%zu", i ? "," : "", tk[k][i]);
		sd_buf_addch(&body, '\n');
	}
	/* Hops between consecutive releases: the plain ones left out. */
	for (size_t k = 0; k + 1 < nrel; k++) {
		const struct sd_benchmark *a = sd_lineage_release(lin, rels[k]);
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k + 1]);
		size_t *cnt_b = sd_xcalloc(b->nrules ? b->nrules : 1,
					   sizeof(*cnt_b));
		size_t *uniq_a = sd_xcalloc(tr.n ? tr.n : 1, sizeof(*uniq_a));
		size_t *uniq_b = sd_xcalloc(tr.n ? tr.n : 1, sizeof(*uniq_b));

		for (size_t i = 0; i < a->nrules; i++)
			uniq_a[tk[k][i]]++;
		for (size_t j = 0; j < b->nrules; j++)
			uniq_b[tk[k + 1][j]]++;
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					cnt_b[s[q].rule]++;
		}
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);
			size_t hops = 0, partner = SIZE_MAX, t = tk[k][i];
			int plain = 0;

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					hops++;
			/* The rule of the next release with the same record. */
			if (uniq_a[t] == 1 && uniq_b[t] == 1)
				for (size_t j = 0; j < b->nrules; j++)
					if (tk[k + 1][j] == t)
						partner = j;
			for (size_t q = 0; q < n; q++) {
				if (s[q].type != SD_LINEAGE_HOP)
					continue;
				if (hops == 1 && s[q].rule == partner &&
				    cnt_b[partner] == 1 &&
				    s[q].kind == SD_MATCH_SAME_ID &&
				    s[q].score == 1.0) {
					sd_buf_reset(&rec);
					plain_evidence(&a->rules[i], &rec);
					if (s[q].evidence &&
					    !strcmp(rec.ptr, s[q].evidence)) {
						plain = 1;
						continue;
					}
				}
				sd_buf_addf(&body, "hop\t%zu\t%zu\t%zu\t%s\t%.17g",
					    k, i, s[q].rule,
					    sd_match_kind_name(s[q].kind),
					    s[q].score);
				add_field(&body, s[q].evidence);
				sd_buf_addch(&body, '\n');
				nsteps += 2;
			}
			if (plain) {
				nsteps += 2;
			} else if (partner != SIZE_MAX && !hops &&
				   !cnt_b[partner]) {
				/* Same record, not paired: say so. */
				sd_buf_addf(&body, "nohop\t%zu\t%zu\n", k, i);
			}
		}
		free(cnt_b);
		free(uniq_a);
		free(uniq_b);
	}
	sd_buf_add(out, body.ptr ? body.ptr : "", body.len);
	for (size_t k = 0; k < nrel; k++)
		free(tk[k]);
	free(tk);
	tracks_release(&tr);
	sd_buf_release(&rec);
	sd_buf_release(&body);
	return nsteps;
}

/* The steps/ file of line l; edges into idx. */
static size_t write_steps(struct sd_lineage *lin, size_t l, char **files,
			  struct sd_buf *out, struct sd_lineage_index *idx,
			  size_t me)
{
	const size_t *rels;
	size_t nrel = sd_lineage_line_releases(lin, l, &rels), nsteps = 0;
	static const char *const dirs[3] = { "peer", "back", "fwd" };
	struct targets tg = { SD_STRV_INIT, SD_BUF_INIT };
	struct sd_buf body = SD_BUF_INIT;

	for (size_t k = 0; k < nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k]);

		for (size_t i = 0; i < b->nrules; i++)
			for (int d = 1; d >= -1; d--) {
				const struct sd_lineage_step *s;
				size_t n = sd_lineage_steps(lin, rels[k], i, d, &s);

				for (size_t q = 0; q < n; q++) {
					size_t ol, opos;

					if (s[q].type == SD_LINEAGE_HOP ||
					    s[q].type == SD_LINEAGE_PEER_RELATED)
						continue;
					sd_lineage_release_line(lin, s[q].rel, &ol,
								&opos);
					sd_buf_addf(&body, "step\t%zu\t%zu\t%s\t%s\t%s\t%.17g",
						    k, i, dirs[d + 1],
						    step_type_name(s[q].type),
						    sd_match_kind_name(s[q].kind),
						    s[q].score);
					add_field(&body, s[q].evidence);
					/* What is shown, not followed, says
					 * what to show of its rule. */
					other_record(&body, &tg, files[ol], opos,
						     s[q].rule,
						     sd_lineage_release(lin, s[q].rel),
						     d < 0 || s[q].type ==
							     SD_LINEAGE_CANDIDATE);
					sd_buf_addch(&body, '\n');
					nsteps++;
					if (ol == l)
						continue;
					if (d >= 0)
						index_edge(idx, me,
							   index_line(idx, files[ol]),
							   d ? SD_LINEAGE_EDGE_FWD
							     : SD_LINEAGE_EDGE_BACK);
					else
						index_edge(idx, me,
							   index_line(idx, files[ol]),
							   SD_LINEAGE_EDGE_SIBLING);
				}
			}
	}
	sd_buf_addstr(out, STEPS_MAGIC "\n");
	sd_buf_add(out, tg.out.ptr ? tg.out.ptr : "", tg.out.len);
	sd_buf_add(out, body.ptr ? body.ptr : "", body.len);
	targets_release(&tg);
	sd_buf_release(&body);
	return nsteps;
}

size_t sd_lineage_store_write(struct sd_lineage *lin,
			      const char *const *sources,
			      struct sd_lineage_files *files,
			      struct sd_lineage_index *idx,
			      struct sd_lineage_ids *ids)
{
	size_t nl = sd_lineage_lines(lin), nsteps = 0;
	char **lf = line_files(lin);

	for (size_t l = 0; l < nl; l++) {
		struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
		struct sd_strv lids = SD_STRV_INIT, bids = SD_STRV_INIT;
		struct sd_lineage_index_line *il;
		const size_t *rels;
		size_t nrel = sd_lineage_line_releases(lin, l, &rels), me;
		struct sd_buf bl = SD_BUF_INIT;

		me = index_line(idx, lf[l]);
		/* A line computed again: its old edges go. */
		for (size_t e = 0; e < idx->nedges;)
			if (idx->edges[e].a == me)
				idx->edges[e] = idx->edges[--idx->nedges];
			else
				e++;
		nsteps += write_line(lin, l, lf, &text, &lids);
		sd_buf_addf(&name, "lines/%s.tsv", lf[l]);
		sd_lineage_files_put(files, name.ptr, &text);
		nsteps += write_steps(lin, l, lf, &text, idx, me);
		sd_buf_reset(&name);
		sd_buf_addf(&name, "steps/%s.tsv", lf[l]);
		sd_lineage_files_put(files, name.ptr, &text);
		strv_unique(&lids);
		for (size_t i = 0; i < lids.n; i++)
			sd_strv_push(&ids->v, lids.v[i]);
		il = &idx->lines[me];
		free(il->key);
		free(il->name);
		free(il->sources);
		free(il->benchmarks);
		il->key = sd_xstrdup(sd_lineage_line_product(lin, l)->key);
		il->name = sd_xstrdup(sd_lineage_line_name(lin, l));
		il->sources = sd_xstrdup(sources && sources[l] ? sources[l] : "");
		il->releases = nrel;
		for (size_t k = 0; k < nrel; k++) {
			const char *id = sd_lineage_release(lin, rels[k])->id;

			if (id && !sd_strv_contains(&bids, id))
				sd_strv_push(&bids, id);
		}
		join_strv(&bl, &bids);
		il->benchmarks = bl.ptr ? sd_buf_detach(&bl) : sd_xstrdup("");
		sd_strv_release(&lids);
		sd_strv_release(&bids);
		sd_buf_release(&text);
		sd_buf_release(&name);
	}
	for (size_t l = 0; l < nl; l++)
		free(lf[l]);
	free(lf);
	return nsteps;
}

size_t sd_lineage_store_related(const struct sd_lineage_relrule *v, size_t n,
				const struct sd_lineage_relpair *p, size_t np,
				const struct sd_strv *line_files,
				struct sd_lineage_files *files)
{
	size_t q = 0, nsteps = 0;

	(void)n;
	/* Pairs come by `a`, the entries of a line together, lines in the
	 * order of `line_files`. */
	for (size_t f = 0; f < line_files->n; f++) {
		struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, body = SD_BUF_INIT;
		struct targets tg = { SD_STRV_INIT, SD_BUF_INIT };

		for (size_t i = q; i < np; i++) {
			const struct sd_lineage_relrule *a = &v[p[i].a];
			const struct sd_lineage_relrule *b = &v[p[i].b];
			
			if (strcmp(a->file, line_files->v[f]))
				break;
			/* The evidence follows from the score: not written. */
			sd_buf_addf(&body, "step\t%zu\t%zu\tpeer\trelated\tcontent\t%.17g",
				    a->pos, a->rule, p[i].score);
			add_field(&body, NULL);
			sd_buf_addf(&body, "\t%zu\t%zu",
				    target_of(&tg, b->file, b->pos, b->bench_id,
					      b->bench_title, b->label, b->v, b->r,
					      b->version, b->date, b->source,
					      b->nrules),
				    b->rule);
			add_field(&body, b->vuln);
			add_field(&body, b->rule_id);
			add_field(&body, b->stig);
			add_field(&body, b->title);
			sd_buf_addch(&body, '\n');
						nsteps++;
			q++;
		}
		sd_buf_addstr(&text, STEPS_MAGIC "\n");
		sd_buf_add(&text, tg.out.ptr ? tg.out.ptr : "", tg.out.len);
		sd_buf_add(&text, body.ptr ? body.ptr : "", body.len);
		sd_buf_addf(&name, "related/%s.tsv", line_files->v[f]);
		sd_lineage_files_put(files, name.ptr, &text);
		sd_buf_release(&name);
		sd_buf_release(&body);
		targets_release(&tg);
	}
	return nsteps;
}

/* ---- Reading ---- */

/* A release as the store holds it: a stub benchmark. */
struct sref {
	char *file;
	size_t pos;
	struct sd_benchmark *b;
	int foreign;     /* of a line not read: only the rules steps name */
	size_t rel;      /* in the lineage */
};

/* A step read, waiting for the lineage. */
struct pstep {
	size_t from, rule; /* sref, rule index */
	int dir;           /* 1 forward, 0 backward, -1 peer */
	struct sd_lineage_step s; /* s.rel: an sref until added */
	char *evidence;
	/* Read from steps/ or related/: the other rule, to be found. */
	char *ofile;
	size_t opos, orule;
	char *disp[12]; /* bench id, title, label, v, r, version, date,
			   source, vuln, rule id, stig id, title */
	int dropped;    /* into a line not read, never taken */
	size_t onrules; /* the other release's rules */
};

struct sd_lineage_stored {
	struct sd_lineage *lin;
	struct sref *v;
	size_t n, cap;
	struct pstep *steps;
	size_t nsteps, capsteps;
	struct sd_strv loaded; /* file stems read */
	/* Each line file read and its kind (the key's last field). */
	struct sd_strv kfile, kkind;
};

static void note_kind(struct sd_lineage_stored *st, const char *file,
		      const char *key)
{
	const char *bar = key ? strrchr(key, '|') : NULL;

	if (!bar || sd_strv_contains(&st->kfile, file))
		return;
	sd_strv_push(&st->kfile, file);
	sd_strv_push(&st->kkind, bar + 1);
}

/* The stored line of `b` names its group, as 'corpus link' formed it. */
static const char *stored_line_of(void *ctx, const struct sd_benchmark *b,
				  const char **kind)
{
	struct sd_lineage_stored *st = ctx;

	for (size_t i = 0; i < st->n; i++)
		if (st->v[i].b == b) {
			for (size_t k = 0; k < st->kfile.n; k++)
				if (!strcmp(st->kfile.v[k], st->v[i].file))
					*kind = st->kkind.v[k];
			return st->v[i].file;
		}
	return NULL;
}

/* `opts` with the stored lines as groups. */
static struct sd_lineage_opts stored_opts(struct sd_lineage_stored *st,
					  const struct sd_lineage_opts *opts)
{
	struct sd_lineage_opts o;

	if (opts)
		o = *opts;
	else
		memset(&o, 0, sizeof(o));
	o.line_of = stored_line_of;
	o.line_ctx = st;
	return o;
}

void sd_lineage_stored_free(struct sd_lineage_stored *st)
{
	if (!st)
		return;
	sd_lineage_free(st->lin);
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].file);
		sd_benchmark_free(st->v[i].b);
	}
	for (size_t i = 0; i < st->nsteps; i++) {
		free(st->steps[i].evidence);
		free(st->steps[i].ofile);
		for (int k = 0; k < 12; k++)
			free(st->steps[i].disp[k]);
	}
	free(st->steps);
	free(st->v);
	sd_strv_release(&st->loaded);
	sd_strv_release(&st->kfile);
	sd_strv_release(&st->kkind);
	free(st);
}

struct sd_lineage *sd_lineage_stored_lineage(struct sd_lineage_stored *st)
{
	return st->lin;
}

static size_t sref_find(const struct sd_lineage_stored *st, const char *file,
			size_t pos)
{
	for (size_t i = st->n; i-- > 0;)
		if (st->v[i].pos == pos && !strcmp(st->v[i].file, file))
			return i;
	return SIZE_MAX;
}

static size_t sref_add(struct sd_lineage_stored *st, const char *file,
		       size_t pos, int foreign)
{
	struct sref *s;

	SD_ALLOC_GROW(st->v, st->n, st->cap);
	s = &st->v[st->n];
	memset(s, 0, sizeof(*s));
	s->file = sd_xstrdup(file);
	s->pos = pos;
	s->foreign = foreign;
	s->b = sd_xcalloc(1, sizeof(*s->b));
	return st->n++;
}

static int read_int(const char *s, int *out)
{
	size_t v;

	if (read_size(s, &v) < 0 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

/* A stub benchmark's header from fields id, title, v, r, version, date,
 * source. */
static int stub_header(struct sd_benchmark *b, char **f)
{
	char *dot = strchr(f[3], '.');

	if (dot) {
		*dot = '\0';
		if (read_int(dot + 1, &b->rsub) < 0)
			return -1;
	}
	if (read_int(f[2], &b->v) < 0 || read_int(f[3], &b->r) < 0)
		return -1;
	b->id = dup_or_null(f[0]);
	b->title = dup_or_null(f[1]);
	b->version = dup_or_null(f[4]);
	b->date = dup_or_null(f[5]);
	b->source = dup_or_null(f[6]);
	return 0;
}

static void split_push(struct sd_strv *v, const char *s)
{
	while (s && *s) {
		const char *e = strchr(s, ' ');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n)
			sd_strv_push_owned(v, sd_xstrndup(s, n));
		s += n + (e != NULL);
	}
}

/* A rule record's fields (vuln .. title) as a stub rule. */
struct trec {
	char *f[9]; /* vuln, rule id, stig, group title, severity, mask,
		       ccis, legacy, title */
	int mask;
};

static void stub_rule(struct sd_rule *r, const struct trec *t)
{
	r->vuln_id = dup_or_null(t->f[0]);
	r->rule_id = dup_or_null(t->f[1]);
	r->stig_id = dup_or_null(t->f[2]);
	r->group_title = dup_or_null(t->f[3]);
	r->severity_raw = dup_or_null(t->f[4]);
	r->severity = sd_severity_parse(t->f[4]);
	split_push(&r->ccis, t->f[6]);
	split_push(&r->legacy, t->f[7]);
	r->title = dup_or_null(t->f[8]);
	/* What the matcher saw of the texts: which had words. */
	r->check_content = t->mask & 1 ? sd_xstrdup("x") : NULL;
	r->fix_text = t->mask & 2 ? sd_xstrdup("x") : NULL;
	r->desc[SD_DESC_DISCUSSION] = t->mask & 4 ? sd_xstrdup("x") : NULL;
	sd_rule_derive_ids(r);
}

static enum sd_match_kind kind_named(const char *name, int *ok)
{
	for (int k = SD_MATCH_NONE; k <= SD_MATCH_MERGE; k++)
		if (name && !strcmp(sd_match_kind_name((enum sd_match_kind)k),
				    name))
			return (enum sd_match_kind)k;
	*ok = 0;
	return SD_MATCH_NONE;
}

static int read_score(const char *s, double *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	*out = strtod(s, &end);
	return *end || !(*out >= 0 && *out <= 1) ? -1 : 0;
}

static struct pstep *pstep_push(struct sd_lineage_stored *st)
{
	struct pstep *p;

	SD_ALLOC_GROW(st->steps, st->nsteps, st->capsteps);
	p = &st->steps[st->nsteps++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* A hop between consecutive releases, while a line is read. */
struct lhop {
	size_t k;    /* from release k to k + 1 */
	int made;    /* made again here: its evidence is ours */
	size_t a, b;
	enum sd_match_kind kind;
	double score;
	char *evidence;
};

static int cmp_lhop_a(const void *x, const void *y)
{
	const struct lhop *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static int cmp_lhop_b(const void *x, const void *y)
{
	const struct lhop *p = x, *q = y;

	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return p->a < q->a ? -1 : p->a > q->a;
}

/* The hops of releases k -> k+1 of a line (explicit ones in `h`, sorted
 * by `a`), with the plain ones made again, as steps. */
static void line_hops(struct sd_lineage_stored *st, size_t ra, size_t rb,
		      size_t **tk, size_t k, size_t ntracks, struct lhop *h,
		      size_t nh, const unsigned char *nohop)
{
	const struct sd_benchmark *a = st->v[ra].b, *b = st->v[rb].b;
	size_t *ua = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*ua));
	size_t *ub = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*ub));
	unsigned char *ha = sd_xcalloc(a->nrules ? a->nrules : 1, 1);
	unsigned char *hb = sd_xcalloc(b->nrules ? b->nrules : 1, 1);
	size_t *at_b = sd_xcalloc(ntracks ? ntracks : 1, sizeof(*at_b));
	struct lhop *all = sd_xmalloc((nh + a->nrules + 1) * sizeof(*all));
	size_t n = 0;
	struct sd_buf ev = SD_BUF_INIT;

	for (size_t i = 0; i < a->nrules; i++)
		ua[tk[k][i]]++;
	for (size_t j = 0; j < b->nrules; j++) {
		ub[tk[k + 1][j]]++;
		at_b[tk[k + 1][j]] = j;
	}
	for (size_t q = 0; q < nh; q++) {
		ha[h[q].a] = 1;
		hb[h[q].b] = 1;
		all[n] = h[q];
		all[n++].made = 0;
	}
	for (size_t i = 0; i < a->nrules; i++) {
		size_t t = tk[k][i], j;

		if (ua[t] != 1 || ub[t] != 1 || ha[i] || nohop[i])
			continue;
		j = at_b[t];
		if (hb[j])
			continue;
		sd_buf_reset(&ev);
		plain_evidence(&a->rules[i], &ev);
		all[n].a = i;
		all[n].b = j;
		all[n].kind = SD_MATCH_SAME_ID;
		all[n].score = 1.0;
		all[n].evidence = sd_buf_detach(&ev);
		all[n].made = 1;
		n++;
	}
	for (int side = 0; side < 2; side++) {
		sort_any(all, n, sizeof(*all), side ? cmp_lhop_b : cmp_lhop_a);
		for (size_t q = 0; q < n; q++) {
			struct pstep *p = pstep_push(st);

			p->from = side ? rb : ra;
			p->rule = side ? all[q].b : all[q].a;
			p->dir = !side;
			p->s.type = SD_LINEAGE_HOP;
			p->s.rel = side ? ra : rb;
			p->s.rule = side ? all[q].a : all[q].b;
			p->s.kind = all[q].kind;
			p->s.score = all[q].score;
			p->evidence = sd_xstrdup(all[q].evidence ? all[q].evidence
								 : "");
		}
	}
	for (size_t q = 0; q < n; q++)
		if (all[q].made)
			free(all[q].evidence);
	free(all);
	free(ua);
	free(ub);
	free(ha);
	free(hb);
	free(at_b);
}

/* Read lines/<file>.tsv: its releases as stubs, its hops as steps. */
static int read_line(struct sd_lineage_stored *st,
		     const struct sd_lineage_source *src, const char *file)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, buf = SD_BUF_INIT;
	struct trec *tr = NULL;
	size_t ntr = 0, captr = 0, first = st->n, nrel = 0;
	size_t **tk = NULL;
	struct lhop *h = NULL;
	size_t nh = 0, caph = 0;
	unsigned char **nohop = NULL;
	const char *p, *end;
	unsigned lineno = 0;
	char *f[12];
	size_t n;
	int err, magic = 0;

	sd_buf_addf(&name, "lines/%s.tsv", file);
	if ((err = src->read(src->ctx, name.ptr, &text)) < 0) {
		if (err == SD_ENOTFOUND)
			err = sd_error_set(SD_EPARSE, "%s%s: missing, though "
					   "the index names it",
					   src->where ? src->where : "", name.ptr);
		goto done;
	}
	sd_buf_reset(&name);
	sd_buf_addf(&name, "%slines/%s.tsv", src->where ? src->where : "", file);
	sd_strv_push(&st->loaded, file);
	p = text.ptr;
	end = text.ptr + text.len;
	while (!err && (n = next_fields(&p, end, &buf, f, 11, &lineno))) {
		const char *what = f[0] ? f[0] : "";
		size_t k, a, b;

		if (!magic) {
			magic = 1;
			if (n != 2 || strcmp(what, "stigdiff-lineage-line") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage line file (format 2)");
		} else if (!strcmp(what, "line") && n == 3) {
			/* the key and name */
			note_kind(st, file, f[1]);
		} else if (!strcmp(what, "release") && n == 10) {
			size_t r;

			if (read_size(f[1], &k) < 0 || k != nrel) {
				err = perr(name.ptr, lineno, "releases out of order");
				break;
			}
			r = sref_add(st, file, k, 0);
			{
				char *hf[7] = { f[2], f[9], f[4], f[5], f[6],
						f[7], f[8] };

				if (stub_header(st->v[r].b, hf) < 0)
					err = perr(name.ptr, lineno,
						   "a release without numbers");
			}
			tk = sd_xrealloc(tk, (nrel + 1) * sizeof(*tk));
			tk[nrel] = NULL;
			nohop = sd_xrealloc(nohop, (nrel + 1) * sizeof(*nohop));
			nohop[nrel] = NULL;
			nrel++;
		} else if (!strcmp(what, "rule") && n == 11) {
			struct trec *t;

			if (read_size(f[1], &k) < 0 || k != ntr) {
				err = perr(name.ptr, lineno, "rules out of order");
				break;
			}
			SD_ALLOC_GROW(tr, ntr, captr);
			t = &tr[ntr++];
			for (int q = 0; q < 9; q++)
				t->f[q] = dup_or_null(f[2 + q]);
			t->mask = t->f[5] ? atoi(t->f[5]) : 0;
		} else if (!strcmp(what, "rules") && n == 3) {
			struct sd_benchmark *bb;
			size_t cnt = 0;

			if (read_size(f[1], &k) < 0 || k >= nrel || tk[k]) {
				err = perr(name.ptr, lineno, "rules of no release");
				break;
			}
			bb = st->v[first + k].b;
			for (const char *q = f[2] ? f[2] : ""; *q; q++)
				cnt += *q == ',';
			cnt += f[2] && *f[2];
			tk[k] = sd_xcalloc(cnt ? cnt : 1, sizeof(**tk));
			nohop[k] = sd_xcalloc(cnt ? cnt : 1, 1);
			for (char *q = f[2] ? f[2] : ""; *q && !err;) {
				char *c = strchr(q, ',');
				size_t t;

				if (c)
					*c = '\0';
				if (read_size(q, &t) < 0 || t >= ntr) {
					err = perr(name.ptr, lineno,
						   "names no rule record");
					break;
				}
				tk[k][bb->nrules] = t;
				stub_rule(sd_benchmark_add_rule(bb), &tr[t]);
				q = c ? c + 1 : q + strlen(q);
			}
		} else if (!strcmp(what, "hop") && n == 7) {
			int ok = 1;
			struct lhop *x;

			if (read_size(f[1], &k) < 0 || k + 1 >= nrel || !tk[k] ||
			    !tk[k + 1] || read_size(f[2], &a) < 0 ||
			    read_size(f[3], &b) < 0 ||
			    a >= st->v[first + k].b->nrules ||
			    b >= st->v[first + k + 1].b->nrules) {
				err = perr(name.ptr, lineno,
					   "a hop between rules the line does not hold");
				break;
			}
			SD_ALLOC_GROW(h, nh, caph);
			x = &h[nh++];
			x->k = k;
			x->a = a;
			x->b = b;
			x->kind = kind_named(f[4], &ok);
			x->evidence = sd_xstrdup(f[6] ? f[6] : "");
			if (!ok || read_score(f[5], &x->score) < 0)
				err = perr(name.ptr, lineno,
					   "a hop without kind or score");
		} else if (!strcmp(what, "nohop") && n == 3) {
			if (read_size(f[1], &k) < 0 || k >= nrel || !nohop[k] ||
			    read_size(f[2], &a) < 0 ||
			    a >= st->v[first + k].b->nrules) {
				err = perr(name.ptr, lineno, "a nohop of no rule");
				break;
			}
			nohop[k][a] = 1;
		} else {
			err = perr(name.ptr, lineno, "not a line record");
		}
	}
	for (size_t k = 0; !err && k < nrel; k++)
		if (!tk[k])
			err = perr(name.ptr, lineno, "a release without its rules");
	/* Hops come by release in the file: each release's run. */
	{
		size_t q = 0;

		for (size_t k = 0; !err && k + 1 < nrel; k++) {
			size_t e = q;

			while (e < nh && h[e].k == k)
				e++;
			sort_any(h + q, e - q, sizeof(*h), cmp_lhop_a);
			line_hops(st, first + k, first + k + 1, tk, k, ntr,
				  h + q, e - q, nohop[k]);
			q = e;
		}
		if (!err && q != nh)
			err = perr(name.ptr, lineno, "hops out of release order");
	}
done:
	for (size_t q = 0; q < ntr; q++)
		for (int k = 0; k < 9; k++)
			free(tr[q].f[k]);
	free(tr);
	for (size_t k = 0; k < nrel; k++) {
		free(tk[k]);
		free(nohop[k]);
	}
	free(tk);
	free(nohop);
	for (size_t q = 0; q < nh; q++)
		free(h[q].evidence);
	free(h);
	sd_buf_release(&text);
	sd_buf_release(&name);
	sd_buf_release(&buf);
	return err;
}

/* A target record of a steps file: a release and how to show it. */
struct tgt {
	char *file;
	size_t pos, nrules;
	char *f[8]; /* bench id, title, label, v, r, version, date, source */
};

/* Read steps/<file>.tsv or related/<file>.tsv (`dir`): steps of the
 * line's rules whose other rule is found later. */
static int read_steps(struct sd_lineage_stored *st,
		      const struct sd_lineage_source *src, const char *dir,
		      const char *file)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, buf = SD_BUF_INIT;
	struct tgt *tg = NULL;
	size_t ntg = 0, captg = 0;
	const char *p, *end;
	unsigned lineno = 0;
	char *f[16];
	size_t n;
	int err, magic = 0;

	sd_buf_addf(&name, "%s/%s.tsv", dir, file);
	if ((err = src->read(src->ctx, name.ptr, &text)) < 0) {
		if (err == SD_ENOTFOUND)
			err = strcmp(dir, "related")
				      ? sd_error_set(SD_EPARSE,
						     "%s%s: missing, though the index names it",
						     src->where ? src->where : "",
						     name.ptr)
				      : 0;
		goto done;
	}
	sd_buf_reset(&name);
	sd_buf_addf(&name, "%s%s/%s.tsv", src->where ? src->where : "", dir,
		    file);
	p = text.ptr;
	end = text.ptr + text.len;
	while (!err && (n = next_fields(&p, end, &buf, f, 14, &lineno))) {
		struct pstep *ps;
		size_t pos, rule, from, t;
		int ok = 1, type = -1, d;
		static const char *const types[] = { "cross", "candidate",
						     "sibling", "related" };
		static const enum sd_lineage_step_type tv[] = {
			SD_LINEAGE_CROSS, SD_LINEAGE_CANDIDATE,
			SD_LINEAGE_PEER_SIBLING, SD_LINEAGE_PEER_RELATED
		};

		if (!magic) {
			magic = 1;
			if (n != 2 || !f[0] || strcmp(f[0], "stigdiff-lineage-steps") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage steps file (format 2)");
			continue;
		}
		if (n == 13 && f[0] && !strcmp(f[0], "target")) {
			struct tgt *x;

			if (read_size(f[1], &t) < 0 || t != ntg || !f[2] ||
			    read_size(f[3], &pos) < 0 ||
			    read_size(f[12], &rule) < 0 || rule > 1000000) {
				err = perr(name.ptr, lineno, "targets out of order");
				break;
			}
			SD_ALLOC_GROW(tg, ntg, captg);
			x = &tg[ntg++];
			x->file = sd_xstrdup(f[2]);
			x->pos = pos;
			x->nrules = rule;
			for (int k = 0; k < 8; k++)
				x->f[k] = dup_or_null(f[4 + k]);
			continue;
		}
		if (n != 14 || !f[0] || strcmp(f[0], "step") || !f[3] || !f[4]) {
			err = perr(name.ptr, lineno, "expected a step of 14 fields");
			break;
		}
		d = !strcmp(f[3], "fwd") ? 1 : !strcmp(f[3], "back") ? 0
		    : !strcmp(f[3], "peer") ? -1 : 2;
		for (int k = 0; k < 4; k++)
			if (!strcmp(f[4], types[k]))
				type = k;
		if (read_size(f[1], &pos) < 0 || read_size(f[2], &rule) < 0 ||
		    (from = sref_find(st, file, pos)) == SIZE_MAX ||
		    rule >= st->v[from].b->nrules || d == 2 || type < 0 ||
		    (d < 0) != (type >= 2) || read_size(f[8], &t) < 0 ||
		    t >= ntg) {
			err = perr(name.ptr, lineno,
				   "a step of a rule the line does not hold, or of no known type or target");
			break;
		}
		ps = pstep_push(st);
		ps->from = from;
		ps->rule = rule;
		ps->dir = d;
		ps->s.type = tv[type];
		ps->s.kind = kind_named(f[5], &ok);
		ps->ofile = sd_xstrdup(tg[t].file);
		ps->opos = tg[t].pos;
		ps->onrules = tg[t].nrules;
		for (int k = 0; k < 8; k++)
			ps->disp[k] = dup_or_null(tg[t].f[k]);
		for (int k = 0; k < 4; k++)
			ps->disp[8 + k] = dup_or_null(f[10 + k]);
		if (!ok || read_score(f[6], &ps->s.score) < 0 ||
		    read_size(f[9], &ps->orule) < 0) {
			err = perr(name.ptr, lineno,
				   "a step without kind, score or other rule");
			break;
		}
		if (!f[7] && type == 3) {
			/* A related rule's evidence follows from its score. */
			struct sd_buf ev = SD_BUF_INIT;

			sd_lineage_related_evidence(2 * ps->s.score - 1, &ev);
			ps->evidence = sd_buf_detach(&ev);
		} else {
			ps->evidence = sd_xstrdup(f[7] ? f[7] : "");
		}
	}
done:
	for (size_t i = 0; i < ntg; i++) {
		free(tg[i].file);
		for (int k = 0; k < 8; k++)
			free(tg[i].f[k]);
	}
	free(tg);
	sd_buf_release(&text);
	sd_buf_release(&name);
	sd_buf_release(&buf);
	return err;
}

/* The other rule of step ps: in a line read, or a stub of its own. */
static int resolve(struct sd_lineage_stored *st, struct pstep *ps)
{
	size_t r = sref_find(st, ps->ofile, ps->opos);
	struct sref *o;

	if (r != SIZE_MAX && !st->v[r].foreign) {
		if (ps->orule >= st->v[r].b->nrules)
			return sd_error_set(SD_EPARSE,
					    "lineage: a step names rule %zu of "
					    "%s release %zu, which has %zu",
					    ps->orule, ps->ofile, ps->opos,
					    st->v[r].b->nrules);
		ps->s.rel = r;
		ps->s.rule = ps->orule;
		return 0;
	}
	if (sd_strv_contains(&st->loaded, ps->ofile))
		return sd_error_set(SD_EPARSE, "lineage: a step names release "
				    "%zu of %s, which it does not hold",
				    ps->opos, ps->ofile);
	/* A hop or candidate into a line not read: no trace takes it (the
	 * lines read are those a trace reaches). */
	if (ps->dir >= 0) {
		ps->dropped = 1;
		return 0;
	}
	if (r == SIZE_MAX) {
		char *hf[7] = { ps->disp[0], ps->disp[1], ps->disp[3],
				ps->disp[4], ps->disp[5], ps->disp[6],
				ps->disp[7] };

		r = sref_add(st, ps->ofile, ps->opos, 1);
		if (stub_header(st->v[r].b, hf) < 0)
			return sd_error_set(SD_EPARSE, "lineage: a step names a "
					    "release of %s without numbers",
					    ps->ofile);
	}
	o = &st->v[r];
	/* A release of a line not read: its rules where they are, those no
	 * step names left empty. */
	if (ps->orule >= ps->onrules)
		return sd_error_set(SD_EPARSE, "lineage: a step names rule %zu "
				    "of %s release %zu, which has %zu",
				    ps->orule, ps->ofile, ps->opos, ps->onrules);
	while (o->b->nrules < ps->onrules)
		sd_benchmark_add_rule(o->b);
	if (!o->b->rules[ps->orule].vuln_id && !o->b->rules[ps->orule].rule_id) {
		struct sd_rule *ru = &o->b->rules[ps->orule];

		ru->vuln_id = dup_or_null(ps->disp[8]);
		ru->rule_id = dup_or_null(ps->disp[9]);
		ru->stig_id = dup_or_null(ps->disp[10]);
		ru->title = dup_or_null(ps->disp[11]);
		sd_rule_derive_ids(ru);
	}
	ps->s.rel = r;
	ps->s.rule = ps->orule;
	return 0;
}

struct pref {
	const struct sd_benchmark *b;
	size_t sref;
};

static int cmp_pref(const void *a, const void *b)
{
	const struct pref *x = a, *y = b;

	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * The lineage over the releases read (st->v), grouped as the stored
 * lines are, with the steps read added.
 */
static int make_lineage(struct sd_lineage_stored *st,
			const struct sd_lineage_opts *opts)
{
	struct sd_lineage_opts o = stored_opts(st, opts);
	struct sd_benchmark **benches;
	struct pref *pr = NULL;
	size_t n;
	int err;

	benches = sd_xmalloc((st->n ? st->n : 1) * sizeof(*benches));
	for (size_t i = 0; i < st->n; i++)
		benches[i] = st->v[i].b;
	if ((err = sd_lineage_new(benches, st->n, &o, &st->lin)) < 0)
		goto done;
	n = sd_lineage_benchmarks(st->lin);
	if (n != st->n) {
		err = sd_error_set(SD_EPARSE, "lineage: the stored lines repeat "
				   "a release");
		goto done;
	}
	pr = sd_xmalloc((n ? n : 1) * sizeof(*pr));
	for (size_t i = 0; i < n; i++) {
		pr[i].b = st->v[i].b;
		pr[i].sref = i;
	}
	sort_any(pr, n, sizeof(*pr), cmp_pref);
	for (size_t r = 0; r < n; r++) {
		struct pref key = { sd_lineage_release(st->lin, r), 0 };
		struct pref *hit = bsearch(&key, pr, n, sizeof(*pr), cmp_pref);

		st->v[hit->sref].rel = r;
	}
	for (size_t i = 0; i < st->nsteps && !err; i++) {
		struct pstep *ps = &st->steps[i];
		struct sd_lineage_step s = ps->s;

		if (ps->dropped)
			continue;
		s.rel = st->v[ps->s.rel].rel;
		s.evidence = ps->evidence;
		if (sd_lineage_step_add(st->lin, st->v[ps->from].rel, ps->rule,
					ps->dir, &s) < 0)
			err = sd_error_set(SD_EPARSE, "lineage: a curated hop "
					   "from %s no curated link names",
					   st->v[ps->from].file);
	}
	sd_lineage_steps_known(st->lin);
done:
	free(pr);
	free(benches);
	return err;
}

/* Read the files of lines `files`, then make the lineage. */
static int load_lines(struct sd_lineage_stored *st,
		      const struct sd_lineage_source *src,
		      const struct sd_strv *files,
		      const struct sd_lineage_opts *opts)
{
	int err = 0;

	for (size_t i = 0; i < files->n && !err; i++)
		err = read_line(st, src, files->v[i]);
	for (size_t i = 0; i < files->n && !err; i++) {
		err = read_steps(st, src, "steps", files->v[i]);
		if (!err)
			err = read_steps(st, src, "related", files->v[i]);
	}
	for (size_t i = 0; i < st->nsteps && !err; i++)
		if (st->steps[i].ofile)
			err = resolve(st, &st->steps[i]);
	if (err)
		return err;
	return make_lineage(st, opts);
}

static size_t index_releases(const struct sd_lineage_index *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < idx->nlines; i++)
		n += idx->lines[i].releases;
	return n;
}

/* ---- Reading for one trace: only the rules it reaches ---- */

/* A step out of the line, read, its other rule named. */
struct xst {
	size_t pos, rule;
	int dir;
	enum sd_lineage_step_type type;
	enum sd_match_kind kind;
	double score;
	char *evidence, *ofile;
	size_t opos, orule, onrules;
	char *disp[12];
};

/* A line file as read, before any stub is made. */
struct rline {
	char *file;
	char *key;
	size_t nrel;
	char *(*hdr)[7]; /* id, title, v, r, version, date, source */
	struct trec *tr;
	size_t ntr, captr;
	size_t **tk, *nr;    /* per release: rule records of its rules */
	struct lhop *h;      /* explicit hops, by release and old rule */
	size_t nh, caph;
	unsigned char **nohop;
	unsigned char **out, **in; /* per release: rules with explicit hops
				      out (to the next) and in (from the
				      previous) */
	struct xst *xs;      /* by release, rule, then file order */
	size_t nxs, capxs;
	unsigned char **seen; /* per release per rule: WANT bits, 4 shown,
				 8 followed forward, 16 backward */
	size_t first;        /* its first stub */
};

enum { R_FWD = 1, R_BACK = 2, R_SHOWN = 4, R_DONE_FWD = 8, R_DONE_BACK = 16 };

struct rq {
	struct rline *v;
	size_t n, cap;
	struct { size_t line, pos, rule; } *q;
	size_t nq, capq;
};

static void rline_release(struct rline *l)
{
	for (size_t k = 0; k < l->nrel; k++) {
		for (int q = 0; q < 7; q++)
			free(l->hdr[k][q]);
		free(l->tk[k]);
		free(l->nohop[k]);
		free(l->out[k]);
		free(l->in[k]);
		free(l->seen[k]);
	}
	for (size_t t = 0; t < l->ntr; t++)
		for (int q = 0; q < 9; q++)
			free(l->tr[t].f[q]);
	for (size_t i = 0; i < l->nh; i++)
		free(l->h[i].evidence);
	for (size_t i = 0; i < l->nxs; i++) {
		free(l->xs[i].evidence);
		free(l->xs[i].ofile);
		for (int q = 0; q < 12; q++)
			free(l->xs[i].disp[q]);
	}
	free(l->hdr);
	free(l->tk);
	free(l->nr);
	free(l->nohop);
	free(l->out);
	free(l->in);
	free(l->seen);
	free(l->tr);
	free(l->h);
	free(l->xs);
	free(l->file);
	free(l->key);
}

/* Parse lines/<file>.tsv into l. */
static int parse_line(const struct sd_lineage_source *src, const char *file,
		      struct rline *l)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, buf = SD_BUF_INIT;
	const char *p, *end;
	unsigned lineno = 0;
	char *f[12];
	size_t n, k, a, b;
	int err, magic = 0;

	memset(l, 0, sizeof(*l));
	l->file = sd_xstrdup(file);
	sd_buf_addf(&name, "lines/%s.tsv", file);
	if ((err = src->read(src->ctx, name.ptr, &text)) < 0) {
		if (err == SD_ENOTFOUND)
			err = sd_error_set(SD_EPARSE, "%s%s: missing, though "
					   "the index names it",
					   src->where ? src->where : "", name.ptr);
		goto done;
	}
	sd_buf_reset(&name);
	sd_buf_addf(&name, "%slines/%s.tsv", src->where ? src->where : "", file);
	p = text.ptr;
	end = text.ptr + text.len;
	while (!err && (n = next_fields(&p, end, &buf, f, 11, &lineno))) {
		const char *what = f[0] ? f[0] : "";

		if (!magic) {
			magic = 1;
			if (n != 2 || strcmp(what, "stigdiff-lineage-line") ||
			    !f[1] || strcmp(f[1], "2"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage line file (format 2)");
		} else if (!strcmp(what, "line") && n == 3) {
			free(l->key);
			l->key = dup_or_null(f[1]);
		} else if (!strcmp(what, "release") && n == 10) {
			if (read_size(f[1], &k) < 0 || k != l->nrel) {
				err = perr(name.ptr, lineno, "releases out of order");
				break;
			}
			l->hdr = sd_xrealloc(l->hdr, (k + 1) * sizeof(*l->hdr));
			{
				const char *hf[7] = { f[2], f[9], f[4], f[5], f[6],
						      f[7], f[8] };

				for (int q = 0; q < 7; q++)
					l->hdr[k][q] = dup_or_null(hf[q]);
			}
#define GROW1(arr) arr = sd_xrealloc(arr, (k + 1) * sizeof(*arr)), arr[k] = 0
			GROW1(l->tk);
			GROW1(l->nr);
			GROW1(l->nohop);
			GROW1(l->out);
			GROW1(l->in);
			GROW1(l->seen);
#undef GROW1
			l->nrel++;
		} else if (!strcmp(what, "rule") && n == 11) {
			struct trec *t;

			if (read_size(f[1], &k) < 0 || k != l->ntr) {
				err = perr(name.ptr, lineno, "rules out of order");
				break;
			}
			SD_ALLOC_GROW(l->tr, l->ntr, l->captr);
			t = &l->tr[l->ntr++];
			for (int q = 0; q < 9; q++)
				t->f[q] = dup_or_null(f[2 + q]);
			t->mask = t->f[5] ? atoi(t->f[5]) : 0;
		} else if (!strcmp(what, "rules") && n == 3) {
			size_t cnt = 0, i = 0;

			if (read_size(f[1], &k) < 0 || k >= l->nrel || l->tk[k]) {
				err = perr(name.ptr, lineno, "rules of no release");
				break;
			}
			for (const char *q = f[2] ? f[2] : ""; *q; q++)
				cnt += *q == ',';
			cnt += f[2] && *f[2];
			l->tk[k] = sd_xcalloc(cnt ? cnt : 1, sizeof(**l->tk));
			for (char *q = f[2] ? f[2] : ""; *q && !err; i++) {
				char *c = strchr(q, ',');
				size_t t;

				if (c)
					*c = '\0';
				if (read_size(q, &t) < 0 || t >= l->ntr)
					err = perr(name.ptr, lineno,
						   "names no rule record");
				else
					l->tk[k][i] = t;
				q = c ? c + 1 : q + strlen(q);
			}
			l->nr[k] = i;
			l->nohop[k] = sd_xcalloc(i ? i : 1, 1);
			l->out[k] = sd_xcalloc(i ? i : 1, 1);
			l->in[k] = sd_xcalloc(i ? i : 1, 1);
			l->seen[k] = sd_xcalloc(i ? i : 1, 1);
		} else if (!strcmp(what, "hop") && n == 7) {
			struct lhop *x;
			int ok = 1;

			if (read_size(f[1], &k) < 0 || k + 1 >= l->nrel ||
			    !l->tk[k] || !l->tk[k + 1] || read_size(f[2], &a) < 0 ||
			    read_size(f[3], &b) < 0 || a >= l->nr[k] ||
			    b >= l->nr[k + 1] || (l->nh && l->h[l->nh - 1].k > k)) {
				err = perr(name.ptr, lineno,
					   "a hop between rules the line does not hold");
				break;
			}
			SD_ALLOC_GROW(l->h, l->nh, l->caph);
			x = &l->h[l->nh++];
			memset(x, 0, sizeof(*x));
			x->k = k;
			x->a = a;
			x->b = b;
			x->kind = kind_named(f[4], &ok);
			x->evidence = sd_xstrdup(f[6] ? f[6] : "");
			l->out[k][a] = 1;
			l->in[k + 1][b] = 1;
			if (!ok || read_score(f[5], &x->score) < 0)
				err = perr(name.ptr, lineno,
					   "a hop without kind or score");
		} else if (!strcmp(what, "nohop") && n == 3) {
			if (read_size(f[1], &k) < 0 || k >= l->nrel ||
			    !l->nohop[k] || read_size(f[2], &a) < 0 ||
			    a >= l->nr[k]) {
				err = perr(name.ptr, lineno, "a nohop of no rule");
				break;
			}
			l->nohop[k][a] = 1;
		} else {
			err = perr(name.ptr, lineno, "not a line record");
		}
	}
	for (k = 0; !err && k < l->nrel; k++)
		if (!l->tk[k])
			err = perr(name.ptr, lineno, "a release without its rules");
done:
	sd_buf_release(&text);
	sd_buf_release(&name);
	sd_buf_release(&buf);
	return err;
}

/* Read steps/ or related/ of line l into l->xs. */
static int parse_steps(const struct sd_lineage_source *src, const char *dir,
		       struct rline *l)
{
	struct sd_lineage_stored tmp;
	struct sref one;
	int err;

	/* read_steps() reads into a stored lineage: lend it one whose
	 * srefs are this line's releases, then take its steps. */
	memset(&tmp, 0, sizeof(tmp));
	memset(&one, 0, sizeof(one));
	tmp.v = sd_xcalloc(l->nrel ? l->nrel : 1, sizeof(*tmp.v));
	for (size_t k = 0; k < l->nrel; k++) {
		tmp.v[k].file = l->file;
		tmp.v[k].pos = k;
		tmp.v[k].b = sd_xcalloc(1, sizeof(*tmp.v[k].b));
		tmp.v[k].b->nrules = l->nr[k];
	}
	tmp.n = l->nrel;
	err = read_steps(&tmp, src, dir, l->file);
	for (size_t i = 0; i < tmp.nsteps; i++) {
		struct pstep *ps = &tmp.steps[i];
		struct xst *x;

		SD_ALLOC_GROW(l->xs, l->nxs, l->capxs);
		x = &l->xs[l->nxs++];
		x->pos = tmp.v[ps->from].pos;
		x->rule = ps->rule;
		x->dir = ps->dir;
		x->type = ps->s.type;
		x->kind = ps->s.kind;
		x->score = ps->s.score;
		x->evidence = ps->evidence;
		x->ofile = ps->ofile;
		x->opos = ps->opos;
		x->orule = ps->orule;
		x->onrules = ps->onrules;
		memcpy(x->disp, ps->disp, sizeof(x->disp));
	}
	free(tmp.steps);
	for (size_t k = 0; k < l->nrel; k++)
		free(tmp.v[k].b); /* no rules were added */
	free(tmp.v);
	return err;
}

/* The line whose file is `file`, read when first asked; SIZE_MAX when
 * the index has none. */
static int rq_line(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, const char *file,
		   size_t *out)
{
	int err;

	for (size_t i = 0; i < rq->n; i++)
		if (!strcmp(rq->v[i].file, file)) {
			*out = i;
			return 0;
		}
	*out = SIZE_MAX;
	if (sd_lineage_index_find(idx, file) == SIZE_MAX)
		return 0;
	SD_ALLOC_GROW(rq->v, rq->n, rq->cap);
	if ((err = parse_line(src, file, &rq->v[rq->n])) < 0 ||
	    (err = parse_steps(src, "steps", &rq->v[rq->n])) < 0 ||
	    (err = parse_steps(src, "related", &rq->v[rq->n])) < 0) {
		rline_release(&rq->v[rq->n]);
		return err;
	}
	*out = rq->n++;
	return 0;
}

static void rq_want(struct rq *rq, size_t line, size_t pos, size_t rule,
		    int bits)
{
	unsigned char *s = &rq->v[line].seen[pos][rule];

	*s |= R_SHOWN;
	if (!(bits & ~*s & (R_FWD | R_BACK)))
		return;
	*s |= (unsigned char)bits;
	SD_ALLOC_GROW(rq->q, rq->nq, rq->capq);
	rq->q[rq->nq].line = line;
	rq->q[rq->nq].pos = pos;
	rq->q[rq->nq].rule = rule;
	rq->nq++;
}

/* The rule of release k holding record t, when it is the only one. */
static size_t only_with(const struct rline *l, size_t k, size_t t)
{
	size_t at = SIZE_MAX;

	for (size_t i = 0; i < l->nr[k]; i++)
		if (l->tk[k][i] == t) {
			if (at != SIZE_MAX)
				return SIZE_MAX;
			at = i;
		}
	return at;
}

/* The plain hop of rule `a` of release k to release k + 1, made again
 * as the writer left it out; SIZE_MAX when there is none. */
static size_t plain_next(const struct rline *l, size_t k, size_t a)
{
	size_t b;

	if (k + 1 >= l->nrel || l->out[k][a] || l->nohop[k][a] ||
	    only_with(l, k, l->tk[k][a]) != a)
		return SIZE_MAX;
	b = only_with(l, k + 1, l->tk[k][a]);
	return b != SIZE_MAX && !l->in[k + 1][b] ? b : SIZE_MAX;
}

static size_t plain_prev(const struct rline *l, size_t k, size_t b)
{
	size_t a;

	if (!k || l->in[k][b] || only_with(l, k, l->tk[k][b]) != b)
		return SIZE_MAX;
	a = only_with(l, k - 1, l->tk[k][b]);
	return a != SIZE_MAX && plain_next(l, k - 1, a) == b ? a : SIZE_MAX;
}

/* Does record t carry `id` as sd_rule_has_id() reads it? */
static int trec_has_id(const struct trec *t, const char *id)
{
	struct sd_rule r;
	int has;

	memset(&r, 0, sizeof(r));
	r.vuln_id = t->f[0];
	r.rule_id = t->f[1];
	r.stig_id = t->f[2];
	split_push(&r.legacy, t->f[7]);
	sd_rule_derive_ids(&r);
	has = sd_rule_has_id(&r, id);
	free(r.rule_base);
	free(r.rule_rev);
	free(r.srg);
	sd_strv_release(&r.legacy);
	return has;
}

/*
 * Walk the chain of `id` as a trace will (each rule followed forward,
 * backward or both, as lineage.c's visit() does), reading lines as it
 * reaches them: afterwards every rule a trace shows is marked.
 */
static int rq_walk(struct rq *rq, const struct sd_lineage_source *src,
		   const struct sd_lineage_index *idx, const char *id)
{
	int err = 0;

	for (size_t L = 0; L < rq->n; L++)
		for (size_t k = 0; k < rq->v[L].nrel; k++)
			for (size_t i = 0; i < rq->v[L].nr[k]; i++)
				if (trec_has_id(&rq->v[L].tr[rq->v[L].tk[k][i]], id))
					rq_want(rq, L, k, i, R_FWD | R_BACK);
	for (size_t qi = 0; qi < rq->nq && !err; qi++) {
		size_t L = rq->q[qi].line, k = rq->q[qi].pos, i = rq->q[qi].rule;

		for (int fwd = 1; fwd >= 0 && !err; fwd--) {
			int bit = fwd ? R_FWD : R_BACK, done = fwd ? R_DONE_FWD
								 : R_DONE_BACK;
			struct rline *l = &rq->v[L];
			size_t o;

			if (!(l->seen[k][i] & bit) || (l->seen[k][i] & done))
				continue;
			l->seen[k][i] |= (unsigned char)done;
			/* Within the line. */
			for (size_t h = 0; h < l->nh; h++) {
				const struct lhop *x = &l->h[h];

				if (fwd && x->k == k && x->a == i)
					rq_want(rq, L, k + 1, x->b, R_FWD);
				else if (!fwd && k && x->k == k - 1 && x->b == i)
					rq_want(rq, L, k - 1, x->a, R_BACK);
			}
			o = fwd ? plain_next(l, k, i) : plain_prev(l, k, i);
			if (o != SIZE_MAX)
				rq_want(rq, L, fwd ? k + 1 : k - 1, o,
					fwd ? R_FWD : R_BACK);
			/* Out of it: hops followed, candidates shown. */
			for (size_t s = 0; s < rq->v[L].nxs && !err; s++) {
				const struct xst *x = &rq->v[L].xs[s];
				size_t L2;

				if (x->pos != k || x->rule != i || x->dir != fwd ||
				    x->type != SD_LINEAGE_CROSS)
					continue;
				if ((err = rq_line(rq, src, idx, x->ofile, &L2)) < 0)
					break;
				if (L2 == SIZE_MAX || x->opos >= rq->v[L2].nrel ||
				    x->orule >= rq->v[L2].nr[x->opos]) {
					err = sd_error_set(SD_EPARSE,
							   "%s%s: a step names a rule the index's lines do not hold",
							   src->where ? src->where : "",
							   rq->v[L].file);
					break;
				}
				rq_want(rq, L2, x->opos, x->orule,
					fwd ? R_FWD : R_BACK);
			}
		}
	}
	return err;
}

/* Make the stubs of the lines read, with the rules a trace shows, and
 * the lineage over them with those rules' steps. */
static int rq_build(struct rq *rq, struct sd_lineage_stored *st,
		    const struct sd_lineage_opts *opts)
{
	int err = 0;

	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];

		l->first = st->n;
		for (size_t k = 0; k < l->nrel; k++) {
			size_t r = sref_add(st, l->file, k, 0);
			struct sd_benchmark *b = st->v[r].b;

			note_kind(st, l->file, l->key);
			if (stub_header(b, l->hdr[k]) < 0)
				return sd_error_set(SD_EPARSE, "lineage: %s: a "
						    "release without numbers",
						    l->file);
			/* Every rule keeps its place; only those shown
			 * are filled (calloc: the rest may never be
			 * touched, so a long line costs little). */
			b->rules = sd_xcalloc(l->nr[k] ? l->nr[k] : 1,
					      sizeof(*b->rules));
			b->nrules = b->rules_cap = l->nr[k];
			for (size_t i = 0; i < l->nr[k]; i++)
				if (l->seen[k][i] & R_SHOWN)
					stub_rule(&b->rules[i],
						  &l->tr[l->tk[k][i]]);
		}
	}
	/* Steps of the rules followed, in the order the writer kept. */
	for (size_t L = 0; L < rq->n; L++) {
		struct rline *l = &rq->v[L];

		for (size_t k = 0; k < l->nrel; k++)
			for (size_t i = 0; i < l->nr[k]; i++) {
				unsigned char sn = l->seen[k][i];

				for (int fwd = 1; fwd >= -1; fwd--) {
					size_t o;

					if ((fwd == 1 && !(sn & R_DONE_FWD)) ||
					    (fwd == 0 && !(sn & R_DONE_BACK)) ||
					    (fwd < 0 && !(sn & (R_DONE_FWD |
								R_DONE_BACK))))
						continue;
					/* Within the line: the other rule's
					 * order, explicit and plain together. */
					if (fwd >= 0) {
						size_t nrel2 = fwd ? k + 1 : k - 1;
						size_t cap = l->nr[k] + 1, m = 0;
						struct lhop *all = NULL;

						if (!fwd && !k)
							goto cross;
						if (fwd && k + 1 >= l->nrel)
							goto cross;
						all = sd_xmalloc((l->nh + 2) * sizeof(*all));
						for (size_t h = 0; h < l->nh; h++) {
							const struct lhop *x = &l->h[h];

							if ((fwd && x->k == k && x->a == i) ||
							    (!fwd && x->k == k - 1 && x->b == i))
								all[m++] = *x;
						}
						o = fwd ? plain_next(l, k, i)
							: plain_prev(l, k, i);
						if (o != SIZE_MAX) {
							struct sd_buf ev = SD_BUF_INIT;

							plain_evidence(&st->v[l->first + k].b->rules[i],
								       &ev);
							all[m].k = fwd ? k : k - 1;
							all[m].a = fwd ? i : o;
							all[m].b = fwd ? o : i;
							all[m].kind = SD_MATCH_SAME_ID;
							all[m].score = 1.0;
							all[m].evidence = sd_buf_detach(&ev);
							all[m].made = 1;
							m++;
						}
						sort_any(all, m, sizeof(*all),
							 fwd ? cmp_lhop_a : cmp_lhop_b);
						for (size_t h = 0; h < m; h++) {
							struct pstep *ps = pstep_push(st);

							ps->from = l->first + k;
							ps->rule = i;
							ps->dir = fwd;
							ps->s.type = SD_LINEAGE_HOP;
							ps->s.rel = l->first + nrel2;
							ps->s.rule = fwd ? all[h].b : all[h].a;
							ps->s.kind = all[h].kind;
							ps->s.score = all[h].score;
							ps->evidence = all[h].made
									       ? all[h].evidence
									       : sd_xstrdup(all[h].evidence);
						}
						free(all);
						(void)cap;
					}
cross:
					for (size_t s = 0; s < l->nxs; s++) {
						const struct xst *x = &l->xs[s];
						struct pstep *ps;

						if (x->pos != k || x->rule != i ||
						    x->dir != fwd)
							continue;
						ps = pstep_push(st);
						ps->from = l->first + k;
						ps->rule = i;
						ps->dir = fwd;
						ps->s.type = x->type;
						ps->s.kind = x->kind;
						ps->s.score = x->score;
						ps->evidence = sd_xstrdup(x->evidence);
						ps->ofile = sd_xstrdup(x->ofile);
						ps->opos = x->opos;
						ps->orule = x->orule;
						ps->onrules = x->onrules;
						for (int q = 0; q < 12; q++)
							ps->disp[q] = dup_or_null(x->disp[q]);
					}
				}
			}
	}
	/* The other rules of steps out of a line: in a line read (their
	 * rule shown), else a stub of its own. */
	for (size_t i = 0; i < st->nsteps && !err; i++) {
		struct pstep *ps = &st->steps[i];
		size_t r;

		if (!ps->ofile)
			continue;
		r = sref_find(st, ps->ofile, ps->opos);
		if (r != SIZE_MAX && !st->v[r].foreign) {
			struct sd_rule *ru;
			size_t L;

			if (ps->orule >= st->v[r].b->nrules) {
				err = sd_error_set(SD_EPARSE, "lineage: a step "
						   "names a rule %s does not hold",
						   ps->ofile);
				break;
			}
			ru = &st->v[r].b->rules[ps->orule];
			for (L = 0; L < rq->n && strcmp(rq->v[L].file, ps->ofile);
			     L++)
				;
			if (!ru->vuln_id && !ru->rule_id && L < rq->n)
				stub_rule(ru, &rq->v[L].tr[rq->v[L].tk[ps->opos]
							       [ps->orule]]);
			ps->s.rel = r;
			ps->s.rule = ps->orule;
			continue;
		}
		/* A line not read: its hops are never taken (the walk read
		 * every line a trace goes to); shown rules get a stub. */
		if (ps->s.type == SD_LINEAGE_CROSS) {
			ps->dropped = 1;
			continue;
		}
		ps->dir = ps->dir < 0 ? -1 : ps->dir;
		{
			int d = ps->dir;

			ps->dir = -1; /* resolve() makes stubs for peers only */
			err = resolve(st, ps);
			ps->dir = d;
		}
	}
	if (err)
		return err;
	return make_lineage(st, opts);
}

int sd_lineage_stored_open(const struct sd_lineage_source *src,
			   const struct sd_lineage_index *idx,
			   const struct sd_lineage_opts *opts, const char *id,
			   struct sd_lineage_stored **out)
{
	struct sd_lineage_stored *st = sd_xcalloc(1, sizeof(*st));
	struct sd_strv start = SD_STRV_INIT;
	struct rq rq;
	int err;

	*out = NULL;
	memset(&rq, 0, sizeof(rq));
	if ((err = sd_lineage_ids_lookup(src, id, &start)) < 0)
		goto done;
	/* The ids name lines by the end of their file stem. */
	for (size_t i = 0; i < start.n && !err; i++)
		for (size_t l = 0; l < idx->nlines && !err; l++) {
			size_t at;

			if (!strcmp(sd_lineage_store_short(idx->lines[l].file),
				    start.v[i]))
				err = rq_line(&rq, src, idx, idx->lines[l].file,
					      &at);
		}
	if (!err && !rq.n) {
		size_t nb = index_releases(idx);

		err = sd_error_set(SD_ENOTFOUND, "no rule '%s' in %zu benchmark%s",
				   id, nb, nb == 1 ? "" : "s");
	}
	if (!err)
		err = rq_walk(&rq, src, idx, id);
	if (!err)
		err = rq_build(&rq, st, opts);
done:
	for (size_t i = 0; i < rq.n; i++)
		rline_release(&rq.v[i]);
	free(rq.v);
	free(rq.q);
	sd_strv_release(&start);
	if (err < 0)
		sd_lineage_stored_free(st);
	else
		*out = st;
	return err;
}

int sd_lineage_stored_open_all(const struct sd_lineage_source *src,
			       const struct sd_lineage_index *idx,
			       const struct sd_lineage_opts *opts,
			       struct sd_lineage_stored **out)
{
	struct sd_lineage_stored *st = sd_xcalloc(1, sizeof(*st));
	struct sd_strv want = SD_STRV_INIT;
	int err;

	*out = NULL;
	for (size_t i = 0; i < idx->nlines; i++)
		sd_strv_push(&want, idx->lines[i].file);
	err = load_lines(st, src, &want, opts);
	sd_strv_release(&want);
	if (err < 0)
		sd_lineage_stored_free(st);
	else
		*out = st;
	return err;
}
