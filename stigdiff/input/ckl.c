/*
 * STIG Viewer 2 checklists (.ckl) through libxml2's tree API (the only
 * module using it). Reading keeps the parsed tree in the checklist so a
 * write in the same format updates it in place: comments (STIG Manager's
 * banner, Evaluate-STIG's result-engine notes), unknown elements and
 * element order survive, and a second round trip is byte-identical to the
 * first. Untrusted input: no network, no DTD loading, no entity
 * substitution, and a document declaring any entity is refused.
 */
#include "ckl_int.h"
#include "ckl.h"
#include "error.h"
#include "json.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- reading ---- */

/* The text of `n` (copied), or an error when it exceeds the limit. */
static char *text_of(struct rstate *st, xmlNodePtr n)
{
	xmlChar *t;
	const char *v = text_view(n, &t);
	size_t len = strlen(v);
	char *s;

	if (len > st->max_field) {
		if (!st->err)
			st->err = sd_error_set(
				SD_ELIMIT,
				"%s:%ld: %s holds more than %zu bytes",
				st->source, xmlGetLineNo(n), NAME(n),
				st->max_field);
		xmlFree(t);
		return sd_xstrdup("");
	}
	s = sd_xstrndup(v, len);
	xmlFree(t);
	return s;
}

/*
 * The first piece of text anywhere in the document longer than `max`
 * bytes: a text node, a comment or an attribute value (unknown elements
 * and comments are kept and written back, so the limit covers them
 * too). Reported as an error naming its line; 0 when there is none.
 */
static int check_lengths(struct rstate *st, xmlNodePtr n)
{
	for (; n && !st->err; n = n->next) {
		const char *what = NULL;
		xmlNodePtr at = n;

		if ((n->type == XML_TEXT_NODE ||
		     n->type == XML_CDATA_SECTION_NODE) && n->content &&
		    strlen((const char *)n->content) > st->max_field) {
			at = n->parent ? n->parent : n;
			what = at->type == XML_ELEMENT_NODE ? NAME(at) : "text";
		} else if (n->type == XML_COMMENT_NODE && n->content &&
			   strlen((const char *)n->content) > st->max_field) {
			what = "a comment";
		} else if (n->type == XML_ELEMENT_NODE) {
			for (xmlAttrPtr a = n->properties; a && !what;
			     a = a->next)
				if (a->children && a->children->content &&
				    strlen((const char *)a->children->content) >
					    st->max_field)
					what = "an attribute";
			if (!what)
				check_lengths(st, n->children);
		}
		if (what && !st->err)
			st->err = sd_error_set(SD_ELIMIT,
					       "%s:%ld: %s holds more than %zu bytes",
					       st->source, xmlGetLineNo(at),
					       what, st->max_field);
	}
	return st->err;
}

/* A pair from <OUTER><KEY>name</KEY><VAL>value</VAL></OUTER>. */
static void read_pair(struct rstate *st, xmlNodePtr outer, const char *key,
		      const char *val, struct sd_cl_pairs *into)
{
	xmlNodePtr k = first_child(outer, key), v = first_child(outer, val);
	char *name, *value = NULL;

	if (!k) {
		sd_warn("%s:%ld: %s without %s ignored", st->source,
			xmlGetLineNo(outer), NAME(outer), key);
		return;
	}
	name = text_of(st, k);
	if (v)
		value = text_of(st, v);
	SD_ALLOC_GROW(into->v, into->n, into->cap);
	into->v[into->n].name = name;
	into->v[into->n].value = value;
	into->n++;
}

static void read_vuln(struct rstate *st, xmlNodePtr vn, struct sd_cl_vuln *v)
{
	v->origin = vn;
	v->line = (unsigned)xmlGetLineNo(vn);
	for (xmlNodePtr c = vn->children; c && !st->err; c = c->next) {
		if (c->type == XML_COMMENT_NODE && !v->es)
			v->es = sd_ckl_es_read(st, c);
		if (!is_elem(c, NULL))
			continue;
		if (!strcmp(NAME(c), "STIG_DATA")) {
			read_pair(st, c, "VULN_ATTRIBUTE", "ATTRIBUTE_DATA",
				  &v->data);
			continue;
		}
		for (int f = 0; f < SD_CL_NFIELDS; f++) {
			if (strcmp(NAME(c), sd_cl_field_name(f)))
				continue;
			if (v->field[f])
				sd_warn("%s:%ld: second %s in rule '%s' ignored",
					st->source, xmlGetLineNo(c), NAME(c),
					sd_cl_vuln_label(v));
			else
				v->field[f] = text_of(st, c);
		}
	}
}

static void read_istig(struct rstate *st, xmlNodePtr is, struct sd_cl_stig *s)
{
	s->origin = is;
	for (xmlNodePtr c = is->children; c && !st->err; c = c->next) {
		if (c->type == XML_COMMENT_NODE && !s->es)
			s->es = sd_ckl_es_read(st, c);
		if (is_elem(c, "STIG_INFO")) {
			for (xmlNodePtr d = c->children; d; d = d->next)
				if (is_elem(d, "SI_DATA"))
					read_pair(st, d, "SID_NAME", "SID_DATA",
						  &s->info);
		} else if (is_elem(c, "VULN")) {
			read_vuln(st, c, sd_cl_stig_add_vuln(s));
		}
	}
}

int sd_ckl_parse(const char *data, size_t len, const char *source,
		 const struct sd_cl_opts *opts, struct sd_checklist *cl)
{
	struct rstate st = { source, sd_cl_max_field(opts), 0 };
	xmlDocPtr doc;
	xmlNodePtr root, stigs = NULL;

	if ((st.err = sd_xml_read_tree(data, len, source, &doc)) < 0)
		return st.err;
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp(NAME(root), "CHECKLIST")) {
		st.err = sd_error_set(
			SD_EPARSE,
			"%s: not a STIG Viewer checklist (root element '%s', expected CHECKLIST)",
			source, root ? NAME(root) : "none");
		xmlFreeDoc(doc);
		return st.err;
	}
	if (check_lengths(&st, doc->children) < 0) {
		xmlFreeDoc(doc);
		return st.err;
	}
	cl->format = SD_CL_CKL;
	cl->doc = doc;
	cl->doc_free = sd_ckl_doc_free;
	/* Evaluate-STIG writes its checklist record before CHECKLIST. */
	for (xmlNodePtr c = doc->children; c && !cl->es; c = c->next)
		if (c->type == XML_COMMENT_NODE)
			cl->es = sd_ckl_es_read(&st, c);
	for (xmlNodePtr c = root->children; c && !st.err; c = c->next) {
		if (is_elem(c, "ASSET")) {
			for (xmlNodePtr a = c->children; a && !st.err;
			     a = a->next) {
				char *t;

				if (!is_elem(a, NULL))
					continue;
				t = text_of(&st, a);
				sd_cl_pairs_add(&cl->asset, NAME(a), t);
				free(t);
			}
		} else if (is_elem(c, "STIGS")) {
			stigs = c;
			for (xmlNodePtr s = c->children; s && !st.err;
			     s = s->next)
				if (is_elem(s, "iSTIG"))
					read_istig(&st, s,
						   sd_checklist_add_stig(cl));
		}
	}
	if (!st.err && !stigs)
		st.err = sd_error_set(SD_EPARSE,
				      "%s: not a STIG Viewer checklist (no STIGS element in CHECKLIST)",
				      source);
	return st.err;
}

void sd_ckl_doc_free(void *doc)
{
	xmlFreeDoc(doc);
}

/* ---- structure checks of the tree ---- */

void sd_ckl_validate(const struct sd_checklist *cl, struct sd_strv *problems)
{
	xmlNodePtr root = xmlDocGetRootElement(cl->doc);
	const char *src = cl->source ? cl->source : "checklist";
	struct sd_buf b = SD_BUF_INIT;

	if (!first_child(root, "ASSET")) {
		sd_buf_addf(&b, "%s: no ASSET element", src);
		sd_strv_push_owned(problems, sd_buf_detach(&b));
	}
	for (size_t i = 0; i < cl->nstigs; i++)
		if (!first_child(cl->stigs[i].origin, "STIG_INFO")) {
			sd_buf_addf(&b, "%s: iSTIG %zu has no STIG_INFO", src,
				    i + 1);
			sd_strv_push_owned(problems, sd_buf_detach(&b));
		}
}
