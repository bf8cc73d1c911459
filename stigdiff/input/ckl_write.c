/*
 * Writing .ckl: the kept libxml2 tree brought up to date from the model
 * (values in place, missing elements added indented as their siblings,
 * removed ones dropped), or a fresh tree; new rules go through
 * ckl_text.c on the fast path.
 */
#include "ckl_int.h"
#include "ckl.h"
#include "error.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- writing ---- */


static int is_blank_text(const xmlNode *n)
{
	const xmlChar *p;

	if (!n || n->type != XML_TEXT_NODE)
		return 0;
	for (p = n->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

/* Replace the content of element `n` with the text `value`. */
static void set_text(struct wstate *w, xmlNodePtr n, const char *value,
		     const char *rule, const char *what)
{
	char *safe = sd_xml_clean(value ? value : "");
	xmlNodePtr c = n->children, next;

	if (safe)
		sd_warn("%s: %s%s%s%s: characters XML cannot hold written as U+FFFD",
			w->source, rule ? "rule '" : "", rule ? rule : "",
			rule ? "' " : "", what);
	for (; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	xmlAddChild(n, xmlNewDocText(w->doc, BAD_CAST(safe ? safe
							  : value ? value
								  : "")));
	free(safe);
}

/* Does the text of element `n` equal `value` (NULL as "")? */
static int text_equals(xmlNodePtr n, const char *value)
{
	xmlChar *t;
	int eq = !strcmp(text_view(n, &t), value ? value : "");

	xmlFree(t);
	return eq;
}

static void sync_text(struct wstate *w, xmlNodePtr n, const char *value,
		      const char *rule, const char *what)
{
	if (!text_equals(n, value))
		set_text(w, n, value, rule, what);
}

/* A new comment node holding record `es`. */
static xmlNodePtr es_node(struct wstate *w, const struct sd_json *es)
{
	char *t = sd_ckl_es_comment_text(es, w->source);
	xmlNodePtr c = xmlNewDocComment(w->doc, BAD_CAST t);

	free(t);
	return c;
}

/* A new element with one of the format's own names. */
static xmlNodePtr known_elem(struct wstate *w, const char *name)
{
	return xmlNewDocNode(w->doc, NULL, BAD_CAST name, NULL);
}

/* A new element named from data (asset entries): checked first. A name
 * with a colon is an XML name but names an undeclared namespace prefix:
 * only names without one (NCNames) read back. */
static xmlNodePtr new_elem(struct wstate *w, const char *name)
{
	if (xmlValidateNCName(BAD_CAST name, 0) != 0) {
		sd_warn("%s: '%s' is not an XML element name; left out",
			w->source, name);
		return NULL;
	}
	return xmlNewDocNode(w->doc, NULL, BAD_CAST name, NULL);
}

/* <name>value</name>, added to `parent` unless NULL. */
static xmlNodePtr new_text_elem(struct wstate *w, xmlNodePtr parent,
				const char *name, const char *value,
				const char *rule, const char *what)
{
	xmlNodePtr n = known_elem(w, name);

	set_text(w, n, value, rule, what);
	if (parent)
		xmlAddChild(parent, n);
	return n;
}

/* An asset entry: its name comes from the data, so it is checked. */
static xmlNodePtr new_asset_elem(struct wstate *w, const struct sd_cl_pair *p)
{
	xmlNodePtr n = new_elem(w, p->name);

	if (n)
		set_text(w, n, p->value, NULL, p->name);
	return n;
}

static void add_ws(struct wstate *w, xmlNodePtr before, const char *ws,
		   xmlNodePtr parent)
{
	xmlNodePtr t = xmlNewDocText(w->doc, BAD_CAST ws);

	if (before)
		xmlAddPrevSibling(before, t);
	else
		xmlAddChild(parent, t);
}

/*
 * Indent the element-only content of a freshly built `n` whose own start
 * tag sits at indentation `base`: one newline and base+unit before each
 * child, newline and base before the end tag.
 */
static void indent_tree(struct wstate *w, xmlNodePtr n, const char *base)
{
	struct sd_buf in = SD_BUF_INIT, out = SD_BUF_INIT;
	int has_elem = 0;
	size_t blen = strlen(base);

	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE)
			return; /* text content: leave it as it is */
		if (c->type == XML_ELEMENT_NODE)
			has_elem = 1;
	}
	if (!has_elem)
		return;
	sd_buf_addch(&out, '\n');
	sd_buf_add(&out, base, blen);
	sd_buf_add(&in, out.ptr, out.len);
	sd_buf_addstr(&in, w->unit);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		add_ws(w, c, in.ptr, n);
		if (c->type == XML_ELEMENT_NODE)
			indent_tree(w, c, in.ptr + 1);
	}
	add_ws(w, NULL, out.ptr, n);
	sd_buf_release(&in);
	sd_buf_release(&out);
}

/* The indentation (after the last newline) of the blank text before `n`. */
static const char *indent_before(xmlNodePtr n, size_t *len)
{
	const char *t, *nl;

	*len = 0;
	if (!n || !is_blank_text(n->prev))
		return NULL;
	t = (const char *)n->prev->content;
	nl = strrchr(t, '\n');
	if (!nl)
		return NULL;
	*len = strlen(nl + 1);
	return nl + 1;
}

/*
 * Indent the freshly placed `n` at indentation `ind` (len bytes; NULL:
 * the document is not indented there): a line break and `ind` before
 * node `at` (n itself, or the node after it), and n's own content.
 */
static void indent_placed(struct wstate *w, xmlNodePtr at, xmlNodePtr n,
			  const char *ind, size_t len)
{
	struct sd_buf ws = SD_BUF_INIT;

	if (!ind)
		return;
	sd_buf_addch(&ws, '\n');
	sd_buf_add(&ws, ind, len);
	add_ws(w, at, ws.ptr, NULL);
	indent_tree(w, n, ws.ptr + 1);
	sd_buf_release(&ws);
}

/* Insert the freshly built `n` right after `after`, indented as it is. */
static void place_after(struct wstate *w, xmlNodePtr after, xmlNodePtr n)
{
	size_t len;
	const char *ind = indent_before(after, &len);

	xmlAddNextSibling(after, n);
	indent_placed(w, n, n, ind, len);
}

/* Insert the freshly built `n` right before `before`, indented as it is:
 * the blank text before `before` now precedes n, so `before` gets a new
 * one. */
static void place_before(struct wstate *w, xmlNodePtr before, xmlNodePtr n)
{
	size_t len;
	const char *ind = indent_before(before, &len);

	xmlAddPrevSibling(before, n);
	indent_placed(w, before, n, ind, len);
}

/*
 * Append the freshly built `n` to `parent` after its last element child;
 * as the first one, indented one level deeper than `parent` when the
 * document is indented (or `parent` is the root element).
 */
static void append_elem(struct wstate *w, xmlNodePtr parent, xmlNodePtr n)
{
	struct sd_buf ws = SD_BUF_INIT;
	xmlNodePtr last = NULL, next;
	const char *ind;
	size_t len;

	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			last = c;
	if (last) {
		place_after(w, last, n);
		return;
	}
	ind = indent_before(parent, &len);
	if (!ind && parent != xmlDocGetRootElement(w->doc)) {
		xmlAddChild(parent, n);
		return;
	}
	for (xmlNodePtr c = parent->children; c; c = next) {
		next = c->next;
		if (is_blank_text(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	sd_buf_addch(&ws, '\n');
	if (ind)
		sd_buf_add(&ws, ind, len);
	sd_buf_addstr(&ws, w->unit);
	add_ws(w, parent->children, ws.ptr, parent);
	xmlAddChild(parent, n);
	indent_tree(w, n, ws.ptr + 1);
	sd_buf_setlen(&ws, ws.len - strlen(w->unit));
	add_ws(w, NULL, ws.ptr, parent);
	sd_buf_release(&ws);
}

/* Unlink and free `n` with the blank text before it. */
static void drop(xmlNodePtr n)
{
	if (is_blank_text(n->prev)) {
		xmlNodePtr t = n->prev;

		xmlUnlinkNode(t);
		xmlFreeNode(t);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static xmlNodePtr build_pair(struct wstate *w, const char *outer,
			     const char *key, const char *val,
			     const struct sd_cl_pair *p, int omit_null)
{
	xmlNodePtr o = known_elem(w, outer);

	new_text_elem(w, o, key, p->name, NULL, p->name);
	if (p->value || !omit_null)
		new_text_elem(w, o, val, p->value, NULL, p->name);
	return o;
}

static xmlNodePtr build_vuln(struct wstate *w, const struct sd_cl_vuln *v)
{
	xmlNodePtr vn = known_elem(w, "VULN");
	const char *label = sd_cl_vuln_label(v);

	for (size_t i = 0; i < v->data.n; i++)
		xmlAddChild(vn, build_pair(w, "STIG_DATA", "VULN_ATTRIBUTE",
					   "ATTRIBUTE_DATA", &v->data.v[i],
					   0));
	for (int f = 0; f < SD_CL_NFIELDS; f++)
		new_text_elem(w, vn, sd_cl_field_name(f), field_text(v, f),
			      label, sd_cl_field_name(f));
	if (v->es)
		xmlAddChild(vn, es_node(w, v->es));
	return vn;
}

/*
 * A rule with no node in the document. On the fast path it is only marked
 * by a comment here and written as text after libxml2 has written the
 * rest (sd_ckl_write_spliced); otherwise it is built as nodes.
 */
static xmlNodePtr fresh_vuln(struct wstate *w, const struct sd_cl_vuln *v)
{
	char text[80];
	struct mark *m;

	if (!w->fast)
		return build_vuln(w, v);
	SD_ALLOC_GROW(w->marks, w->nmarks, w->mcap);
	m = &w->marks[w->nmarks];
	snprintf(text, sizeof(text), "%s%zu", w->prefix, w->nmarks);
	m->node = xmlNewDocComment(w->doc, BAD_CAST text);
	m->v = v;
	m->indent = NULL;
	w->nmarks++;
	return m->node;
}

static xmlNodePtr build_info(struct wstate *w, const struct sd_cl_stig *s)
{
	xmlNodePtr info = known_elem(w, "STIG_INFO");

	for (size_t i = 0; i < s->info.n; i++)
		xmlAddChild(info, build_pair(w, "SI_DATA", "SID_NAME",
					     "SID_DATA", &s->info.v[i], 1));
	return info;
}

static xmlNodePtr build_istig(struct wstate *w, const struct sd_cl_stig *s)
{
	xmlNodePtr is = known_elem(w, "iSTIG");

	if (s->es)
		xmlAddChild(is, es_node(w, s->es));
	xmlAddChild(is, build_info(w, s));
	for (size_t i = 0; i < s->nvulns; i++)
		xmlAddChild(is, fresh_vuln(w, &s->vulns[i]));
	return is;
}

static xmlNodePtr build_asset(struct wstate *w, const struct sd_cl_pairs *a)
{
	xmlNodePtr asset = known_elem(w, "ASSET"), n;


	for (size_t i = 0; i < a->n; i++)
		if ((n = new_asset_elem(w, &a->v[i])))
			xmlAddChild(asset, n);
	return asset;
}

/* The n-th (0-based) element child named `name` of `parent`. */
static xmlNodePtr nth_child(xmlNodePtr parent, const char *name, size_t nth)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (is_elem(c, name) && nth-- == 0)
			return c;
	return NULL;
}

/* How many pairs before index i share its name. */
static size_t occurrence(const struct sd_cl_pairs *p, size_t i)
{
	size_t k = 0;

	for (size_t j = 0; j < i; j++)
		if (!strcmp(p->v[j].name, p->v[i].name))
			k++;
	return k;
}

/* The KEY-named element child of an OUTER pair element says `name`. */
static int pair_is(xmlNodePtr outer, const char *key, const char *name)
{
	xmlNodePtr k = first_child(outer, key);

	return k && text_equals(k, name);
}

static xmlNodePtr nth_pair(xmlNodePtr parent, const char *outer,
			   const char *key, const char *name, size_t nth)
{
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (is_elem(c, outer) && pair_is(c, key, name) && nth-- == 0)
			return c;
	return NULL;
}

/*
 * Bring the OUTER pair elements of `parent` in line with `pairs`: values
 * updated in place, missing pairs added after the last one, pairs the
 * model no longer has removed.
 */
static void sync_pairs(struct wstate *w, xmlNodePtr parent, const char *outer,
		       const char *key, const char *val,
		       const struct sd_cl_pairs *pairs, int omit_null)
{
	size_t nodes = 0, k = 0;
	xmlNodePtr *used, last = NULL, next;

	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (is_elem(c, outer))
			nodes++;
	used = sd_xcalloc(nodes + pairs->n + 1, sizeof(*used));
	for (size_t i = 0; i < pairs->n; i++) {
		const struct sd_cl_pair *p = &pairs->v[i];
		xmlNodePtr n = nth_pair(parent, outer, key, p->name,
					occurrence(pairs, i));

		if (n) {
			xmlNodePtr v = first_child(n, val);

			if (v && (p->value || !omit_null))
				sync_text(w, v, p->value, NULL, p->name);
			else if (v)
				drop(v);
			else if (p->value || !omit_null)
				append_elem(w, n,
					    new_text_elem(w, NULL, val,
							  p->value, NULL,
							  p->name));
		} else {
			n = build_pair(w, outer, key, val, p, omit_null);
			if (last)
				place_after(w, last, n);
			else if (first_child(parent, outer))
				place_before(w, first_child(parent, outer), n);
			else
				append_elem(w, parent, n);
		}
		used[k++] = n;
		last = n;
	}
	for (xmlNodePtr c = parent->children; c; c = next) {
		int keep = 0;

		next = c->next;
		if (!is_elem(c, outer))
			continue;
		for (size_t i = 0; i < k && !keep; i++)
			keep = used[i] == c;
		if (!keep)
			drop(c);
	}
	free(used);
}

static void sync_vuln(struct wstate *w, xmlNodePtr vn,
		      const struct sd_cl_vuln *v)
{
	xmlNodePtr prev = NULL;
	const char *label = sd_cl_vuln_label(v);

	sync_pairs(w, vn, "STIG_DATA", "VULN_ATTRIBUTE", "ATTRIBUTE_DATA",
		   &v->data, 0);
	for (xmlNodePtr c = vn->children; c; c = c->next)
		if (is_elem(c, "STIG_DATA"))
			prev = c;
	for (int f = 0; f < SD_CL_NFIELDS; f++) {
		xmlNodePtr n = first_child(vn, sd_cl_field_name(f));

		if (n) {
			if (v->field[f])
				sync_text(w, n, v->field[f], label,
					  sd_cl_field_name(f));
		} else if (v->field[f]) {
			n = new_text_elem(w, NULL, sd_cl_field_name(f),
					  v->field[f], label,
					  sd_cl_field_name(f));
			if (prev)
				place_after(w, prev, n);
			else
				append_elem(w, vn, n);
		}
		if (n)
			prev = n;
	}
}

/* Is every rule of `s` backed by a VULN of `is`, in document order? */
static int vulns_in_place(xmlNodePtr is, const struct sd_cl_stig *s)
{
	size_t i = 0;

	for (xmlNodePtr c = is->children; c; c = c->next) {
		if (!is_elem(c, "VULN"))
			continue;
		if (i >= s->nvulns || s->vulns[i].origin != c)
			return 0;
		i++;
	}
	return i == s->nvulns;
}

static void sync_istig(struct wstate *w, xmlNodePtr is,
		       const struct sd_cl_stig *s)
{
	xmlNodePtr info = first_child(is, "STIG_INFO"), next, last;

	if (!info) {
		info = build_info(w, s);
		if (first_child(is, NULL))
			place_before(w, first_child(is, NULL), info);
		else
			append_elem(w, is, info);
	} else {
		sync_pairs(w, info, "SI_DATA", "SID_NAME", "SID_DATA",
			   &s->info, 1);
	}
	if (vulns_in_place(is, s)) {
		for (size_t i = 0; i < s->nvulns; i++)
			sync_vuln(w, s->vulns[i].origin, &s->vulns[i]);
		return;
	}
	/*
	 * The rule list changed: VULNs no rule refers to go; the others
	 * are updated and, with the new ones, put in the model's order.
	 */
	for (xmlNodePtr c = is->children; c; c = next) {
		int keep = 0;

		next = c->next;
		if (!is_elem(c, "VULN"))
			continue;
		for (size_t i = 0; i < s->nvulns && !keep; i++)
			keep = s->vulns[i].origin == c;
		if (is_blank_text(c->prev)) {
			xmlNodePtr t = c->prev;

			xmlUnlinkNode(t);
			xmlFreeNode(t);
		}
		xmlUnlinkNode(c);
		if (!keep)
			xmlFreeNode(c);
	}
	last = info;
	for (size_t i = 0; i < s->nvulns; i++) {
		xmlNodePtr vn = s->vulns[i].origin;

		if (vn)
			sync_vuln(w, vn, &s->vulns[i]);
		else
			vn = fresh_vuln(w, &s->vulns[i]);
		place_after(w, last, vn);
		last = vn;
	}
}

static void sync_doc(struct wstate *w, struct sd_checklist *cl)
{
	xmlNodePtr root = xmlDocGetRootElement(w->doc);
	xmlNodePtr asset = first_child(root, "ASSET");
	xmlNodePtr stigs = first_child(root, "STIGS"), next, last = NULL;

	if (asset) {
		for (size_t i = 0; i < cl->asset.n; i++) {
			const struct sd_cl_pair *p = &cl->asset.v[i];
			xmlNodePtr n = nth_child(asset, p->name,
						 occurrence(&cl->asset, i));

			if (n) {
				if (p->value)
					sync_text(w, n, p->value, NULL,
						  p->name);
			} else if ((n = new_asset_elem(w, p))) {
				append_elem(w, asset, n);
			}
		}
	} else if (cl->asset.n) {
		asset = build_asset(w, &cl->asset);
		if (first_child(root, NULL))
			place_before(w, first_child(root, NULL), asset);
		else
			append_elem(w, root, asset);
	}
	for (xmlNodePtr c = stigs->children; c; c = next) {
		int keep = 0;

		next = c->next;
		if (!is_elem(c, "iSTIG"))
			continue;
		for (size_t i = 0; i < cl->nstigs && !keep; i++)
			keep = cl->stigs[i].origin == c;
		if (!keep)
			drop(c);
	}
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_cl_stig *s = &cl->stigs[i];

		if (s->origin) {
			sync_istig(w, s->origin, s);
		} else {
			s->origin = build_istig(w, s);
			if (last)
				place_after(w, last, s->origin);
			else
				append_elem(w, stigs, s->origin);
		}
		last = s->origin;
	}
}

/*
 * Link the rules of an iSTIG to their VULN nodes after a write. Rules
 * written as text (the fast path) have none and keep origin NULL: the
 * next write writes them again.
 */
static void link_vulns(struct sd_cl_stig *s)
{
	size_t i = 0;

	for (xmlNodePtr c = ((xmlNodePtr)s->origin)->children;
	     c && i < s->nvulns; c = c->next) {
		if (!is_elem(c, "VULN"))
			continue;
		while (i < s->nvulns && s->vulns[i].origin != c &&
		       s->vulns[i].origin)
			i++;
		if (i < s->nvulns)
			s->vulns[i++].origin = c;
	}
}

/* The indentation unit of a document read from a file: what the first
 * child of the root element is indented by; a tab when unknown. */
static const char *detect_unit(xmlDocPtr doc, char buf[16])
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr c = root ? first_child(root, NULL) : NULL;
	const char *ind;
	size_t len;

	ind = c ? indent_before(c, &len) : NULL;
	if (!ind || !len || len >= 16)
		return "\t";
	memcpy(buf, ind, len);
	buf[len] = '\0';
	return buf;
}

static xmlDocPtr build_doc(struct wstate *w, struct sd_checklist *cl)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root, stigs;

	w->doc = doc;
	doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	root = xmlNewDocNode(doc, NULL, BAD_CAST "CHECKLIST", NULL);
	xmlDocSetRootElement(doc, root);
	if (cl->es)
		xmlAddPrevSibling(root, es_node(w, cl->es));
	xmlAddChild(root, build_asset(w, &cl->asset));
	stigs = xmlNewDocNode(doc, NULL, BAD_CAST "STIGS", NULL);
	xmlAddChild(root, stigs);
	for (size_t i = 0; i < cl->nstigs; i++)
		xmlAddChild(stigs, build_istig(w, &cl->stigs[i]));
	indent_tree(w, root, "");
	return doc;
}

/*
 * Is `enc` an encoding whose documents stigdiff reads back: one writing
 * ASCII as ASCII (UTF-8, US-ASCII, ISO-8859-n, Windows-125n)? A checklist
 * declaring another (UTF-7, UTF-16, EBCDIC) is written as UTF-8.
 */
static int ascii_compatible(const xmlChar *enc)
{
	const char *e = (const char *)enc;

	return !strcasecmp(e, "UTF-8") || !strcasecmp(e, "US-ASCII") ||
	       !strcasecmp(e, "ASCII") ||
	       !strncasecmp(e, "ISO-8859-", 9) ||
	       !strncasecmp(e, "windows-125", 11) ||
	       !strncasecmp(e, "cp125", 5);
}

int sd_ckl_write(struct sd_checklist *cl, FILE *fp)
{
	struct wstate w;
	xmlDocPtr doc;
	xmlBufferPtr buf;
	xmlSaveCtxtPtr save;
	int err = 0;
	char unit[16];

	memset(&w, 0, sizeof(w));
	w.unit = "\t";
	w.source = cl->source ? cl->source : "checklist";
	snprintf(w.prefix, sizeof(w.prefix), "stigdiff-rule-%lx-",
		 (unsigned long)(uintptr_t)&w);
	if (cl->format == SD_CL_CKL && cl->doc) {
		doc = w.doc = cl->doc;
		if (doc->encoding && !ascii_compatible(doc->encoding)) {
			sd_warn("%s: written as UTF-8, not in its declared encoding '%s'",
				w.source, (const char *)doc->encoding);
			xmlFree((xmlChar *)doc->encoding);
			doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
		}
		/* libxml2 writes other encodings differently: no fast path. */
		w.fast = doc->encoding &&
			 !xmlStrcasecmp(doc->encoding, BAD_CAST "UTF-8");
		w.unit = detect_unit(doc, unit);
		sync_doc(&w, cl);
		for (size_t i = 0; i < cl->nstigs; i++)
			link_vulns(&cl->stigs[i]);
	} else {
		w.fast = 1;
		doc = build_doc(&w, cl);
	}
	for (size_t i = 0; i < w.nmarks; i++) {
		size_t len;
		const char *ind = indent_before(w.marks[i].node, &len);

		w.marks[i].indent = ind ? sd_xstrndup(ind, len) : NULL;
	}
	/* STIG Viewer writes empty elements as <X></X>; so do we. */
	buf = xmlBufferCreate();
	save = buf ? xmlSaveToBuffer(buf, NULL, XML_SAVE_NO_EMPTY) : NULL;
	if (!save || xmlSaveDoc(save, doc) < 0 || xmlSaveClose(save) < 0)
		err = sd_error_set(SD_EIO, "cannot serialize the checklist");
	else
		err = sd_ckl_write_spliced(&w, (const char *)xmlBufferContent(buf),
				    (size_t)xmlBufferLength(buf), fp);
	xmlBufferFree(buf);
	for (size_t i = 0; i < w.nmarks; i++) {
		if (doc == cl->doc)
			drop(w.marks[i].node);
		free(w.marks[i].indent);
	}
	free(w.marks);
	if (doc != cl->doc)
		xmlFreeDoc(doc);
	return err;
}

