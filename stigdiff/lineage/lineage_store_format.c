/*
 * The text of the stored lineage (see lineage_store.h and README.md,
 * "Corpus format"): a set of files in memory, lines of tab-separated
 * fields, the index, the ids/ files, and the rule records and hop
 * evidence that writer and readers must agree on word for word.
 */
#include "lineage_store_int.h"
#include "error.h"
#include "rulefile.h"
#include "hash.h"
#include "tsv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
/* ---- Files ---- */

/* The slot of file `name` in f's table (its index + 1 there, or 0). */
static size_t *files_slot(const struct sd_lineage_files *f, const char *name)
{
	size_t i = (size_t)sd_digest64(SD_DIGEST_INIT, name, strlen(name)) &
		   f->mask;

	for (; f->slot[i]; i = (i + 1) & f->mask)
		if (!strcmp(f->v[f->slot[i] - 1].name, name))
			break;
	return &f->slot[i];
}

void sd_lineage_files_put(struct sd_lineage_files *f, const char *name,
			  struct sd_buf *text)
{
	struct sd_lineage_file *x = NULL;
	size_t *slot;

	/* Thousands of parts: names found by a table, not a scan. */
	if ((f->n + 1) * 2 > f->mask + 1 || !f->slot) {
		size_t cap = f->slot ? (f->mask + 1) * 2 : 256;

		while ((f->n + 1) * 2 > cap)
			cap *= 2;
		free(f->slot);
		f->slot = sd_xcalloc(cap, sizeof(*f->slot));
		f->mask = cap - 1;
		for (size_t k = 0; k < f->n; k++)
			*files_slot(f, f->v[k].name) = k + 1;
	}
	slot = files_slot(f, name);
	if (*slot) {
		x = &f->v[*slot - 1];
		sd_buf_release(&x->text);
	} else {
		SD_ALLOC_GROW(f->v, f->n, f->cap);
		x = &f->v[f->n++];
		x->name = sd_xstrdup(name);
		*slot = f->n;
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
	size_t *slot;

	if (!f->slot)
		return NULL;
	slot = files_slot(f, name);
	return *slot ? &f->v[*slot - 1] : NULL;
}

void sd_lineage_files_release(struct sd_lineage_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		sd_buf_release(&f->v[i].text);
	}
	free(f->v);
	free(f->slot);
	f->v = NULL;
	f->slot = NULL;
	f->n = f->cap = f->mask = 0;
}

/* ---- Lines of text ---- */

/* The next line of [*p, end) split in place into at most `max` fields
 * (unescaped); returns the count, 0 at the end. The line is copied into
 * `buf` first. */
size_t sd_lineage_store_fields_here(char **p, char *end, char **f,
				    size_t max, unsigned *lineno)
{
	char *nl, *e, *s, *t;
	size_t n = 0;

	while (*p < end) {
		nl = memchr(*p, '\n', (size_t)(end - *p));
		e = nl ? nl : end;
		(*lineno)++;
		if (e == *p || **p == '#') {
			*p = e + (nl != NULL);
			continue;
		}
		s = *p;
		*e = '\0';
		*p = e + (nl != NULL);
		for (;;) {
			t = memchr(s, '\t', (size_t)(e - s));
			if (n == max)
				return max + 1;
			if (t)
				*t = '\0';
			if (sd_tsv_take(s, (size_t)((t ? t : e) - s), &f[n]) < 0)
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

size_t sd_lineage_store_fields(const char **p, const char *end,
			       struct sd_buf *buf, char **f, size_t max,
			       unsigned *lineno)
{
	const char *nl, *e;

	while (*p < end) {
		char *s;

		nl = memchr(*p, '\n', (size_t)(end - *p));
		e = nl ? nl : end;
		if (e == *p || **p == '#') {
			(*lineno)++;
			*p = e + (nl != NULL);
			continue;
		}
		sd_buf_reset(buf);
		sd_buf_add(buf, *p, (size_t)(e - *p));
		*p = e + (nl != NULL);
		s = buf->ptr;
		return sd_lineage_store_fields_here(&s, buf->ptr + buf->len, f,
						    max, lineno);
	}
	return 0;
}

/* ---- The index ---- */

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
	free(x->slot);
	memset(x, 0, sizeof(*x));
}

/* The slot of line `file` in x's table. */
static size_t *index_slot(const struct sd_lineage_index *x, const char *file)
{
	size_t i = (size_t)sd_digest64(SD_DIGEST_INIT, file, strlen(file)) &
		   x->mask;

	for (; x->slot[i]; i = (i + 1) & x->mask)
		if (!strcmp(x->lines[x->slot[i] - 1].file, file))
			break;
	return &x->slot[i];
}

/* Every line in the table, room for one more. */
static void index_hash(struct sd_lineage_index *x)
{
	if (!x->slot || (x->nlines + 1) * 2 > x->mask + 1) {
		size_t cap = 64;

		while ((x->nlines + 1) * 2 > cap)
			cap *= 2;
		free(x->slot);
		x->slot = sd_xcalloc(cap, sizeof(*x->slot));
		x->mask = cap - 1;
		x->nhashed = 0;
	}
	for (; x->nhashed < x->nlines; x->nhashed++)
		*index_slot(x, x->lines[x->nhashed].file) = x->nhashed + 1;
}

size_t sd_lineage_index_find(const struct sd_lineage_index *x,
			     const char *file)
{
	size_t *slot;

	if (!x->slot || x->nhashed < x->nlines) {
		for (size_t i = 0; i < x->nlines; i++)
			if (!strcmp(x->lines[i].file, file))
				return i;
		return SIZE_MAX;
	}
	slot = index_slot(x, file);
	return *slot ? *slot - 1 : SIZE_MAX;
}

size_t sd_lineage_index_add_line(struct sd_lineage_index *x, const char *file)
{
	size_t *slot;

	index_hash(x);
	slot = index_slot(x, file);
	if (*slot)
		return *slot - 1;
	SD_ALLOC_GROW(x->lines, x->nlines, x->caplines);
	memset(&x->lines[x->nlines], 0, sizeof(x->lines[0]));
	x->lines[x->nlines].file = sd_xstrdup(file);
	*slot = ++x->nlines;
	x->nhashed = x->nlines;
	return x->nlines - 1;
}

void sd_lineage_index_add_edge(struct sd_lineage_index *x, size_t a, size_t b,
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
	char *f[10];
	size_t n;
	int err = 0, seen_magic = 0;

	memset(x, 0, sizeof(*x));
	while (!err && (n = sd_lineage_store_fields(&p, end, &buf, f, 9, &lineno))) {
		if (!seen_magic) {
			/* Format 2 (one file per line) is read to be
			 * replaced: its readers say to link again. */
			if (n != 2 || !f[0] || !f[1] ||
			    strcmp(f[0], "stigdiff-lineage-index") ||
			    (strcmp(f[1], "3") && strcmp(f[1], "2")))
				err = perr(source, lineno,
					   "not a stigdiff lineage index (format 3)");
			else
				x->version = atoi(f[1]);
			seen_magic = 1;
		} else if (n == 2 && f[0] && !strcmp(f[0], "key") && f[1]) {
			free(x->key);
			x->key = sd_xstrdup(f[1]);
		} else if (n == (x->version == 2 ? 7 : 9) && f[0] &&
			   !strcmp(f[0], "line") && f[1] && f[2]) {
			size_t i = sd_lineage_index_add_line(x, f[1]);
			struct sd_lineage_index_line *l = &x->lines[i];

			if (l->key || read_size(f[4], &l->releases) < 0 ||
			    (x->version > 2 &&
			     (read_size(f[7], &l->parts) < 0 || !l->parts ||
			      l->parts > 100000 ||
			      read_size(f[8], &l->related) < 0 ||
			      l->related > 100000))) {
				err = perr(source, lineno,
					   "a line twice, or no release, part or related count");
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
			/* Written once each: no search for a repeat. */
			SD_ALLOC_GROW(x->edges, x->nedges, x->capedges);
			x->edges[x->nedges].a = sd_lineage_index_add_line(x, f[1]);
			x->edges[x->nedges].b = sd_lineage_index_add_line(x, f[2]);
			x->edges[x->nedges].type = type;
			x->nedges++;
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
		sd_buf_addf(out, "\t%zu\t%zu\n", v[i]->parts ? v[i]->parts : 1,
			    v[i]->related);
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

void sd_lineage_ids_add(struct sd_strv *v, const char *id, const char *file)
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

void sd_lineage_ids_add_part(struct sd_strv *v, const char *id,
			     const char *file, size_t part)
{
	char f[64];

	snprintf(f, sizeof(f), "%.40s.%zu", sd_lineage_store_short(file), part);
	sd_lineage_ids_add(v, id, f);
}

int sd_lineage_ids_names_line(const char *e, const char *file)
{
	const char *s = sd_lineage_store_short(file);
	size_t n = strlen(s);

	return !strncmp(e, s, n) && (e[n] == '\0' || e[n] == '.');
}

void sd_lineage_store_part_name(struct sd_buf *out, const char *file,
				size_t part)
{
	sd_buf_addf(out, "parts/%s.%zu.tsv", file, part);
}

void sd_lineage_store_related_name(struct sd_buf *out, const char *file,
				   size_t n)
{
	sd_buf_addf(out, "related/%s.%zu.tsv", file, n);
}

void sd_lineage_index_line_files(const struct sd_lineage_index *x, size_t l,
				 struct sd_strv *out)
{
	const char *f = x->lines[l].file;
	struct sd_buf b = SD_BUF_INIT;

	sd_buf_addf(&b, "lines/%s.tsv", f);
	sd_strv_push(out, b.ptr);
	if (x->version == 2) {
		sd_buf_reset(&b);
		sd_buf_addf(&b, "steps/%s.tsv", f);
		sd_strv_push(out, b.ptr);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "related/%s.tsv", f);
		sd_strv_push(out, b.ptr);
	} else {
		for (size_t p = 0; p < x->lines[l].parts; p++) {
			sd_buf_reset(&b);
			sd_lineage_store_part_name(&b, f, p);
			sd_strv_push(out, b.ptr);
		}
		for (size_t p = 0; p < x->lines[l].related; p++) {
			sd_buf_reset(&b);
			sd_lineage_store_related_name(&b, f, p);
			sd_strv_push(out, b.ptr);
		}
	}
	sd_buf_release(&b);
}

/* Sort and drop repeats. */
void sd_lineage_store_unique(struct sd_strv *v)
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

	sd_lineage_store_unique(&ids->v);
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

	while (!err && (n = sd_lineage_store_fields(&p, end, &buf, f, 2, &lineno))) {
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
	struct sd_strv drop; /* the short names of the lines left out, sorted */
	struct sd_lineage_ids *ids;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ids_read_one(void *ctx, const char *id, const char *file)
{
	struct ids_read_ctx *c = ctx;
	const char *dot = strchr(file, '.');
	char buf[64];
	const char *key = buf;
	size_t n = dot ? (size_t)(dot - file) : strlen(file);

	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, file, n);
	buf[n] = '\0';
	if (c->drop.n && bsearch(&key, c->drop.v, c->drop.n, sizeof(*c->drop.v),
				 cmp_str))
		return 0;
	sd_lineage_ids_add(&c->ids->v, id, file);
	return 0;
}

int sd_lineage_ids_read(const struct sd_lineage_source *src,
			const struct sd_strv *drop, struct sd_lineage_ids *ids)
{
	struct ids_read_ctx c = { SD_STRV_INIT, ids };
	int err = 0;

	for (size_t i = 0; drop && i < drop->n; i++)
		sd_strv_push(&c.drop, sd_lineage_store_short(drop->v[i]));
	if (c.drop.n > 1)
		qsort(c.drop.v, c.drop.n, sizeof(*c.drop.v), cmp_str);
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
	sd_strv_release(&c.drop);
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

/* ---- Rule records ---- */
int sd_lineage_store_has_words(const char *s)
{
	for (; s && *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9'))
			return 1;
	return 0;
}

int sd_lineage_store_field_mask(const struct sd_rule *r)
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
void sd_lineage_store_plain_evidence(const struct sd_rule *r,
				     struct sd_buf *out)
{
	static const char *const names[4] = { "title", "check-content",
					      "fix-text", "discussion" };
	int mask = sd_lineage_store_field_mask(r), any = 0;

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
int sd_lineage_store_stub_header(struct sd_benchmark *b, char **f)
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

void sd_lineage_store_split(struct sd_strv *v, const char *s)
{
	while (s && *s) {
		const char *e = strchr(s, ' ');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n)
			sd_strv_push_owned(v, sd_xstrndup(s, n));
		s += n + (e != NULL);
	}
}
void sd_lineage_store_stub_rule(struct sd_rule *r, const struct trec *t)
{
	r->vuln_id = dup_or_null(t->f[0]);
	r->rule_id = dup_or_null(t->f[1]);
	r->stig_id = dup_or_null(t->f[2]);
	r->group_title = dup_or_null(t->f[3]);
	r->severity_raw = dup_or_null(t->f[4]);
	r->severity = sd_severity_parse(t->f[4]);
	sd_lineage_store_split(&r->ccis, t->f[6]);
	sd_lineage_store_split(&r->legacy, t->f[7]);
	r->title = dup_or_null(t->f[8]);
	/* What the matcher saw of the texts: which had words. */
	r->check_content = t->mask & 1 ? sd_xstrdup("x") : NULL;
	r->fix_text = t->mask & 2 ? sd_xstrdup("x") : NULL;
	r->desc[SD_DESC_DISCUSSION] = t->mask & 4 ? sd_xstrdup("x") : NULL;
	sd_rule_derive_ids(r);
}

enum sd_match_kind sd_lineage_store_kind(const char *name, int *ok)
{
	for (int k = SD_MATCH_NONE; k <= SD_MATCH_MERGE; k++)
		if (name && !strcmp(sd_match_kind_name((enum sd_match_kind)k),
				    name))
			return (enum sd_match_kind)k;
	*ok = 0;
	return SD_MATCH_NONE;
}

int sd_lineage_store_score(const char *s, double *out)
{
	char *end;

	if (!s || !*s)
		return -1;
	*out = strtod(s, &end);
	return *end || !(*out >= 0 && *out <= 1) ? -1 : 0;
}
int sd_lineage_store_cmp_hop_a(const void *x, const void *y)
{
	const struct lhop *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

int sd_lineage_store_cmp_hop_b(const void *x, const void *y)
{
	const struct lhop *p = x, *q = y;

	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return p->a < q->a ? -1 : p->a > q->a;
}
