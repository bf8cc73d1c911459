/*
 * What the .ckl reader and writer (ckl.c, ckl_es.c, ckl_write.c,
 * ckl_text.c) share: element helpers, the reader's and writer's state,
 * and the functions one file calls in another. Not a public header.
 */
#ifndef SD_CKL_INT_H
#define SD_CKL_INT_H

#include "checklist.h"
#include "buf.h"
#include "xmlw.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#define NAME(n) ((const char *)(n)->name)

struct rstate {
	const char *source;
	size_t max_field;
	int err;
};

static inline int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       (!name || !strcmp(NAME(n), name));
}

static inline xmlNodePtr first_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/*
 * The text of element `n` without copying when it is one text node (the
 * usual case); otherwise libxml2's concatenation, which *tmp holds for
 * the caller to xmlFree().
 */
static inline const char *text_view(xmlNodePtr n, xmlChar **tmp)
{
	*tmp = NULL;
	if (!n->children)
		return "";
	if (!n->children->next && n->children->type == XML_TEXT_NODE)
		return n->children->content ? (const char *)n->children->content
					    : "";
	*tmp = xmlNodeGetContent(n);
	return *tmp ? (const char *)*tmp : "";
}

/* A rule written as text in place of a comment; see "fresh rules". */
struct mark {
	xmlNodePtr node;
	const struct sd_cl_vuln *v;
	char *indent; /* of the VULN line; NULL: not indented */
};

struct wstate {
	xmlDocPtr doc;
	const char *unit; /* one level of indentation */
	const char *source;
	int fast;         /* fresh rules as text (UTF-8 documents) */
	char prefix[48];  /* of the marking comments */
	struct mark *marks;
	size_t nmarks, mcap;
};

/* A new VULN's assessment element text: a known status as .ckl spells it,
 * anything else (an empty one too) as it is. */
static inline const char *field_text(const struct sd_cl_vuln *v, int f)
{
	enum sd_cl_status st;

	/* An empty status stays empty (see cklb.c's sync_fields). */
	if (f != SD_CL_STATUS || !v->field[f] || !*v->field[f])
		return v->field[f];
	st = sd_cl_status_parse(v->field[f]);
	return st != SD_CL_STATUS_UNKNOWN ? sd_cl_status_name(st, SD_CL_CKL)
					  : v->field[f];
}

/* ckl_es.c: Evaluate-STIG's record in comment `c`, or NULL (the caller
 * owns it); the comment text of record `es` (the caller frees it). */
struct sd_json *sd_ckl_es_read(struct rstate *st, xmlNodePtr c);
char *sd_ckl_es_comment_text(const struct sd_json *es, const char *source);
/* ckl_write.c: bytes of a valid, XML-safe character at p, or 0. */
/* ckl_text.c: write `out` (libxml2's serialization, `len` bytes) to `fp`
 * with each marking comment replaced by its rule as text. */
int sd_ckl_write_spliced(struct wstate *w, const char *out, size_t len,
			 FILE *fp);

#endif
