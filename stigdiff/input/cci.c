/*
 * The reader of DISA's CCI list, through the streaming harness (sax.h):
 * the list is 3 MB of small items, so building a tree would cost more
 * than the items themselves. The harness refuses entity declarations and
 * the network, as for every reader.
 */
#include "cci.h"
#include "cci_table.h"
#include "buf.h"
#include "error.h"
#include "sax.h"


#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_CCI "http://iase.disa.mil/cci"
#define CCI_MAX_FILE (256u << 20)
#define CCI_MAX_DEPTH 64

struct sd_cci_list {
	struct sd_cci *v;
	size_t n, cap;
	char *version;
	/* The compiled-in list (sd_cci_load(NULL)): the strings are the
	 * table's, the references one array. */
	int table;
	struct sd_cci_ref *refs;
};

static void list_clear(struct sd_cci_list *l);

/* What the text being collected belongs to. */
enum field { F_NONE, F_STATUS, F_DATE, F_DEFINITION, F_TYPE, F_VERSION };

struct cstate {
	struct sd_sax *sax;
	struct sd_cci_list *l;
	struct sd_cci *item; /* the item being read, or NULL */
	size_t refcap;
	enum field field;
	struct sd_buf text;
	int in_metadata;
};

static int attr_is(const struct sd_sax_attrs *attrs, const char *name,
		   const char *value)
{
	size_t len, n = strlen(value);
	const char *v = sd_sax_attr(attrs, name, &len);

	return v && len == n && !memcmp(v, value, n);
}

static void add_ref(struct cstate *st, const struct sd_sax_attrs *attrs)
{
	struct sd_cci *c = st->item;
	struct sd_cci_ref *r;

	SD_ALLOC_GROW(c->refs, c->nrefs, st->refcap);
	r = &c->refs[c->nrefs++];
	memset(r, 0, sizeof(*r));
	/* Only the titles DISA gives NIST SP 800-53 rev 4 and rev 5 count:
	 * "NIST SP 800-53" (rev 3) and 800-53A indexes are another scheme. */
	if (attr_is(attrs, "title", "NIST SP 800-53 Revision 4"))
		r->rev = sd_xstrdup("4");
	else if (attr_is(attrs, "title", "NIST SP 800-53 Revision 5"))
		r->rev = sd_xstrdup("5");
	r->text = sd_sax_attr_dup(attrs, "index");
	r->control = sd_xstrdup(r->text ? r->text : "");
}

static void on_start(void *ctx, const char *name, const char *uri,
		     const struct sd_sax_attrs *attrs)
{
	struct cstate *st = ctx;
	int ours = uri && !strcmp(uri, NS_CCI);

	if (sd_sax_depth(st->sax) == 1) {
		if (!ours || strcmp(name, "cci_list"))
			sd_sax_fail(st->sax, SD_EPARSE,
				    "root element '%s' is not a DISA CCI list",
				    name);
		return;
	}
	if (!ours)
		return;
	st->field = F_NONE;
	if (!strcmp(name, "metadata")) {
		st->in_metadata = 1;
	} else if (!strcmp(name, "version") && st->in_metadata) {
		st->field = F_VERSION;
	} else if (!strcmp(name, "cci_item")) {
		struct sd_cci_list *l = st->l;

		SD_ALLOC_GROW(l->v, l->n, l->cap);
		st->item = &l->v[l->n++];
		memset(st->item, 0, sizeof(*st->item));
		st->refcap = 0;
		st->item->id = sd_sax_attr_dup(attrs, "id");
		if (!st->item->id)
			sd_sax_fail(st->sax, SD_EPARSE, "cci_item without an id");
	} else if (st->item && !strcmp(name, "reference")) {
		add_ref(st, attrs);
	} else if (st->item) {
		if (!strcmp(name, "status"))
			st->field = F_STATUS;
		else if (!strcmp(name, "publishdate"))
			st->field = F_DATE;
		else if (!strcmp(name, "definition"))
			st->field = F_DEFINITION;
		else if (!strcmp(name, "type"))
			st->field = F_TYPE;
	}
	sd_buf_reset(&st->text);
}

/* Several <type> elements are joined: CCI-002418 is policy and technical. */
static void set_field(char **slot, struct sd_buf *text, int join)
{
	if (join && *slot) {
		struct sd_buf b = SD_BUF_INIT;

		sd_buf_addf(&b, "%s, %s", *slot, text->ptr ? text->ptr : "");
		free(*slot);
		*slot = sd_buf_detach(&b);
		return;
	}
	free(*slot);
	*slot = sd_xstrdup(text->ptr ? text->ptr : "");
}

static void on_end(void *ctx, const char *name, const char *uri)
{
	struct cstate *st = ctx;

	(void)uri;
	switch (st->field) {
	case F_STATUS: set_field(&st->item->status, &st->text, 0); break;
	case F_DATE: set_field(&st->item->date, &st->text, 0); break;
	case F_DEFINITION: set_field(&st->item->definition, &st->text, 0); break;
	case F_TYPE: set_field(&st->item->type, &st->text, 1); break;
	case F_VERSION: set_field(&st->l->version, &st->text, 0); break;
	case F_NONE: break;
	}
	st->field = F_NONE;
	if (!strcmp(name, "cci_item"))
		st->item = NULL;
	else if (!strcmp(name, "metadata"))
		st->in_metadata = 0;
}

static void on_text(void *ctx, const char *s, size_t len)
{
	struct cstate *st = ctx;

	if (st->field != F_NONE)
		sd_buf_add(&st->text, s, len);
}

static int item_cmp(const void *a, const void *b)
{
	return strcasecmp(((const struct sd_cci *)a)->id,
			  ((const struct sd_cci *)b)->id);
}

static int parse(const char *source, const char *data, size_t len,
		 struct sd_cci_list *l)
{
	static const struct sd_sax_handler h = { on_start, on_end, on_text };
	struct sd_sax_opts o = { source, NULL, CCI_MAX_DEPTH };
	struct cstate st;
	int err;

	memset(&st, 0, sizeof(st));
	st.l = l;
	sd_buf_init(&st.text);
	if ((err = sd_sax_new(&st.sax, &h, &st, &o)) == 0)
		err = sd_sax_parse_memory(st.sax, data, len);
	sd_sax_free(st.sax);
	sd_buf_release(&st.text);
	return err;
}

/* The compiled-in list (cci_table.h): items and references point into
 * the table's text, which is never freed. */
static void load_table(const struct sd_cci_table *t, struct sd_cci_list *l)
{
	const char *text = t->text;
#define TABLE_STR(off) ((off) == SD_CCI_TABLE_NONE ? NULL : (char *)text + (off))

	l->table = 1;
	l->n = l->cap = t->nitems;
	l->v = t->nitems ? sd_xcalloc(t->nitems, sizeof(*l->v)) : NULL;
	l->refs = t->nrefs ? sd_xcalloc(t->nrefs, sizeof(*l->refs)) : NULL;
	l->version = TABLE_STR(t->version);
	for (size_t i = 0; i < t->nrefs; i++) {
		l->refs[i].rev = TABLE_STR(t->refs[i].rev);
		l->refs[i].control = TABLE_STR(t->refs[i].control);
		l->refs[i].text = TABLE_STR(t->refs[i].text);
	}
	for (size_t i = 0; i < t->nitems; i++) {
		const struct sd_cci_table_item *it = &t->items[i];
		struct sd_cci *c = &l->v[i];

		c->id = TABLE_STR(it->id);
		c->status = TABLE_STR(it->status);
		c->type = TABLE_STR(it->type);
		c->definition = TABLE_STR(it->definition);
		c->date = TABLE_STR(it->date);
		c->refs = it->nrefs ? l->refs + it->ref : NULL;
		c->nrefs = it->nrefs;
	}
#undef TABLE_STR
}

int sd_cci_load(const char *path, struct sd_cci_list **out)
{
	struct sd_cci_list *l = sd_xcalloc(1, sizeof(*l));
	char *data = NULL;
	size_t len = 0;
	int err;

	*out = NULL;
	if (!path) {
		load_table(&sd_cci_table, l);
		*out = l;
		return 0;
	}
	if ((err = sd_read_file(path, CCI_MAX_FILE, &data, &len)) < 0)
		goto done;
	if ((err = parse(path, data, len, l)) < 0)
		goto done;
	/* DISA writes items in id order; sorting makes lookup not depend
	 * on it. */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), item_cmp);
	*out = l;
	l = NULL;
done:
	sd_cci_list_free(l);
	free(data);
	return err;
}

const struct sd_cci *sd_cci_find(const struct sd_cci_list *l, const char *id)
{
	struct sd_cci key;

	if (!l || !id || !l->n)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.id = (char *)id;
	return bsearch(&key, l->v, l->n, sizeof(*l->v), item_cmp);
}

size_t sd_cci_count(const struct sd_cci_list *l)
{
	return l ? l->n : 0;
}

const struct sd_cci *sd_cci_at(const struct sd_cci_list *l, size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

const char *sd_cci_version(const struct sd_cci_list *l)
{
	return l ? l->version : NULL;
}

/* "AC-2" at the start of `s`: two or three capitals, '-', digits.
 * Returns its length, 0 when `s` does not start with one. */
static size_t base_len(const char *s)
{
	size_t i = 0;

	while (i < 3 && isupper((unsigned char)s[i]))
		i++;
	if (i < 2 || s[i] != '-' || !isdigit((unsigned char)s[i + 1]))
		return 0;
	i++;
	while (isdigit((unsigned char)s[i]))
		i++;
	return i;
}

/*
 * One item of an index ("AC-2 (4) (a)", "AC-2 a", "SA-9  (1)") reduced
 * to canonical form into `out` (64 bytes). An enhancement is a "(n)"
 * right after the control number; "(1)" later on ("AR-8 a (1)") numbers
 * a part of the statement, not an enhancement.
 */
static int canonical(const char *s, size_t n, char *out)
{
	size_t b, i, e;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	if (!(b = base_len(s)) || b > n || b > 20)
		return -1;
	if (b < n && !isspace((unsigned char)s[b]))
		return -1;
	i = b;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i < n && s[i] == '(' && i + 1 < n &&
	    isdigit((unsigned char)s[i + 1])) {
		e = i + 1;
		while (e < n && isdigit((unsigned char)s[e]))
			e++;
		if (e < n && s[e] == ')' && e - i < 8) {
			snprintf(out, 64, "%.*s (%.*s)", (int)b, s,
				 (int)(e - i - 1), s + i + 1);
			return 0;
		}
	}
	snprintf(out, 64, "%.*s", (int)b, s);
	return 0;
}

size_t sd_cci_controls(const struct sd_cci *c, const char *rev,
		       struct sd_strv *out)
{
	size_t added = 0;

	if (!c)
		return 0;
	for (size_t i = 0; i < c->nrefs; i++) {
		const struct sd_cci_ref *r = &c->refs[i];
		const char *p;

		if (!r->rev || (rev && strcmp(rev, r->rev)))
			continue;
		/* "SC-37, SC-37 (1)": DISA sometimes lists two in one. */
		for (p = r->control; *p;) {
			size_t n = strcspn(p, ",");
			char canon[64];

			if (!canonical(p, n, canon) &&
			    !sd_strv_contains(out, canon)) {
				sd_strv_push(out, canon);
				added++;
			}
			p += n;
			if (*p)
				p++;
		}
	}
	return added;
}

int sd_cci_control_split(const char *control, char *family, char *base,
			 char *enhancement)
{
	size_t b = base_len(control), f;

	if (!b || b > 20 || strlen(control) > 31)
		return -1;
	f = strcspn(control, "-");
	snprintf(family, 32, "%.*s", (int)f, control);
	snprintf(base, 32, "%.*s", (int)b, control);
	if (control[b] == ' ' && control[b + 1] == '(')
		snprintf(enhancement, 32, "%s", control);
	else if (!control[b])
		enhancement[0] = '\0';
	else
		return -1;
	return 0;
}

int sd_cci_control_cmp(const char *a, const char *b)
{
	size_t fa = strcspn(a, "-"), fb = strcspn(b, "-");
	int c = strncmp(a, b, fa < fb ? fa : fb);
	long na, nb;

	if (c || fa != fb)
		return c ? c : (fa < fb ? -1 : 1);
	if (!a[fa] || !b[fb])
		return strcmp(a, b);
	na = strtol(a + fa + 1, NULL, 10);
	nb = strtol(b + fb + 1, NULL, 10);
	if (na != nb)
		return na < nb ? -1 : 1;
	a = strchr(a, '(');
	b = strchr(b, '(');
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	na = strtol(a + 1, NULL, 10);
	nb = strtol(b + 1, NULL, 10);
	return na < nb ? -1 : na > nb;
}

void sd_cci_list_free(struct sd_cci_list *l)
{
	if (l)
		list_clear(l);
	free(l);
}

/* Free what `l` holds and leave it empty. */
static void list_clear(struct sd_cci_list *l)
{
	for (size_t i = 0; i < l->n && !l->table; i++) {
		struct sd_cci *c = &l->v[i];

		for (size_t j = 0; j < c->nrefs; j++) {
			free(c->refs[j].rev);
			free(c->refs[j].control);
			free(c->refs[j].text);
		}
		free(c->refs);
		free(c->id);
		free(c->status);
		free(c->type);
		free(c->definition);
		free(c->date);
	}
	free(l->v);
	if (!l->table)
		free(l->version);
	free(l->refs);
	memset(l, 0, sizeof(*l));
}

size_t sd_cci_rule_controls(const struct sd_cci_list *l,
			    const struct sd_strv *ccis, const char *rev,
			    struct sd_strv *out)
{
	size_t added = 0;

	for (size_t i = 0; i < ccis->n; i++)
		added += sd_cci_controls(sd_cci_find(l, ccis->v[i]), rev, out);
	if (added)
		sd_cci_controls_sort(out);
	return added;
}

static int control_ptr_cmp(const void *a, const void *b)
{
	return sd_cci_control_cmp(*(char *const *)a, *(char *const *)b);
}

void sd_cci_controls_sort(struct sd_strv *v)
{
	if (v->n > 1)
		qsort(v->v, v->n, sizeof(*v->v), control_ptr_cmp);
}
