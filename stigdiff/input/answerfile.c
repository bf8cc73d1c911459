/*
 * Evaluate-STIG answer files (answerfile.h) through libxml2's tree API:
 * read with the hardening the .ckl reader uses (entity declarations
 * refused, no network, no DTD), edited in place, written back whole.
 */
#include "answerfile.h"
#include "buf.h"
#include "error.h"
#include "util.h"
#include "xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AF_MAX_BYTES ((size_t)64 << 20)
#define AF_MAX_FIELD ((size_t)8 << 20)
#define NAME(n) ((const char *)(n)->name)

static int is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && (!name || !strcmp(NAME(n), name));
}

/* Any text, comment or attribute longer than `max`: its line. */
static long too_long(xmlNodePtr n, size_t max)
{
	for (; n; n = n->next) {
		long at;

		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
		     n->type == XML_COMMENT_NODE) &&
		    n->content && strlen((const char *)n->content) > max)
			return n->parent ? xmlGetLineNo(n->parent) : 1;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			if (a->children && a->children->content &&
			    strlen((const char *)a->children->content) > max)
				return xmlGetLineNo(n);
		if ((at = too_long(n->children, max)))
			return at;
	}
	return 0;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? sd_xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static size_t count_answers(xmlNodePtr vuln)
{
	size_t k = 0;

	for (xmlNodePtr c = vuln->children; c; c = c->next) {
		size_t a = 0;

		if (!is_elem(c, "AnswerKey"))
			continue;
		for (xmlNodePtr d = c->children; d; d = d->next)
			a += is_elem(d, "Answer");
		k += a ? a : 1;
	}
	return k;
}

static struct sd_af_vuln *add(struct sd_answerfile *af, size_t at)
{
	SD_ALLOC_GROW(af->v, af->n, af->cap);
	memmove(&af->v[at + 1], &af->v[at], (af->n - at) * sizeof(*af->v));
	af->n++;
	memset(&af->v[at], 0, sizeof(af->v[at]));
	return &af->v[at];
}

int sd_answerfile_load(const char *path, size_t max_field,
		       struct sd_answerfile **out)
{
	struct sd_answerfile *af = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *data = NULL;
	size_t len = 0;
	long line;
	int err;

	*out = NULL;
	if ((err = sd_read_file(path, AF_MAX_BYTES, &data, &len)) < 0)
		return err;
	err = sd_xml_read_tree(data, len, path, &doc);
	free(data);
	if (err < 0)
		goto fail;
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp(NAME(root), "STIGComments")) {
		err = sd_error_set(SD_EPARSE,
				   "%s: not an Evaluate-STIG answer file (root element '%s', expected STIGComments)",
				   path, root ? NAME(root) : "none");
		goto fail;
	}
	if ((line = too_long(doc->children,
			     max_field ? max_field : AF_MAX_FIELD))) {
		err = sd_error_set(SD_ELIMIT, "%s:%ld: a text longer than %zu bytes",
				   path, line, max_field ? max_field : AF_MAX_FIELD);
		goto fail;
	}
	af = sd_xcalloc(1, sizeof(*af));
	af->source = sd_xstrdup(path);
	af->name = attr(root, "Name");
	af->doc = doc;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		struct sd_af_vuln *v;

		if (!is_elem(c, "Vuln"))
			continue;
		v = add(af, af->n);
		v->id = attr(c, "ID");
		v->line = (unsigned)xmlGetLineNo(c);
		v->node = c;
		v->nanswers = count_answers(c);
		if (!v->id || !*v->id) {
			err = sd_error_set(SD_EPARSE, "%s:%u: Vuln without an ID",
					   path, v->line);
			sd_answerfile_free(af);
			return err;
		}
		for (size_t k = 0; k + 1 < af->n; k++)
			if (!strcmp(af->v[k].id, v->id)) {
				err = sd_error_set(SD_EPARSE,
						   "%s:%u: Vuln ID '%s' repeats line %u",
						   path, v->line, v->id,
						   af->v[k].line);
				sd_answerfile_free(af);
				return err;
			}
	}
	*out = af;
	return 0;
fail:
	xmlFreeDoc(doc);
	return err;
}

void sd_answerfile_free(struct sd_answerfile *af)
{
	if (!af)
		return;
	for (size_t i = 0; i < af->n; i++)
		free(af->v[i].id);
	free(af->v);
	free(af->source);
	free(af->name);
	xmlFreeDoc(af->doc);
	free(af);
}

char *sd_af_vuln_xml(const struct sd_answerfile *af, size_t i)
{
	xmlBufferPtr b;
	char *s;

	if (!af->v[i].node)
		return sd_xstrdup("");
	if (!(b = xmlBufferCreate()))
		sd_die_oom();
	xmlNodeDump(b, af->doc, af->v[i].node, 0, 0);
	s = sd_xstrdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

void sd_af_set_id(struct sd_answerfile *af, size_t i, const char *id)
{
	if (!af->v[i].node)
		return;
	xmlSetProp(af->v[i].node, (const xmlChar *)"ID", (const xmlChar *)id);
	free(af->v[i].id);
	af->v[i].id = sd_xstrdup(id);
}

size_t sd_af_copy(struct sd_answerfile *af, size_t i, const char *id)
{
	xmlNodePtr src = af->v[i].node, copy, after = src;
	size_t at = i + 1;
	struct sd_af_vuln *v;

	/* After the copies already made of it (they follow it). */
	while (at < af->n && af->v[at].line == af->v[i].line &&
	       af->v[at].node) {
		after = af->v[at].node;
		at++;
	}
	if (!(copy = xmlDocCopyNode(src, af->doc, 1)))
		sd_die_oom();
	xmlAddNextSibling(after, copy);
	/* The indentation the original has. */
	if (src->prev && src->prev->type == XML_TEXT_NODE &&
	    xmlIsBlankNode(src->prev)) {
		xmlNodePtr ws = xmlNewDocText(af->doc, src->prev->content);

		if (!ws)
			sd_die_oom();
		xmlAddPrevSibling(copy, ws);
	}
	v = add(af, at);
	v->line = af->v[i].line;
	v->nanswers = af->v[i].nanswers;
	v->node = copy;
	v->id = NULL;
	sd_af_set_id(af, at, id);
	return at;
}

void sd_af_remove(struct sd_answerfile *af, size_t i)
{
	xmlNodePtr n = af->v[i].node;

	if (!n)
		return;
	/* The white space before it goes with it. */
	if (n->prev && n->prev->type == XML_TEXT_NODE &&
	    xmlIsBlankNode(n->prev)) {
		xmlNodePtr ws = n->prev;

		xmlUnlinkNode(ws);
		xmlFreeNode(ws);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	af->v[i].node = NULL;
}

void sd_af_comment(struct sd_answerfile *af, size_t i, const char *text)
{
	xmlNodePtr n = af->v[i].node, c;
	struct sd_buf b = SD_BUF_INIT;

	if (!n)
		return;
	for (const char *p = text; *p; p++) {
		sd_buf_addch(&b, *p);
		if (*p == '-' && p[1] == '-')
			sd_buf_addch(&b, ' ');
	}
	if (b.len && b.ptr[b.len - 1] == '-')
		sd_buf_addch(&b, ' ');
	if (!(c = xmlNewDocComment(af->doc, (const xmlChar *)(b.ptr ? b.ptr : ""))))
		sd_die_oom();
	sd_buf_release(&b);
	if (n->children) {
		xmlNodePtr first = n->children;

		xmlAddPrevSibling(first, c);
		/* Keep the indentation of what follows. */
		if (first->type == XML_TEXT_NODE && xmlIsBlankNode(first)) {
			xmlNodePtr ws = xmlNewDocText(af->doc, first->content);

			xmlAddPrevSibling(c, ws);
		}
	} else {
		xmlAddChild(n, c);
	}
}

static int has_key(xmlNodePtr vuln, const xmlChar *name)
{
	for (xmlNodePtr c = vuln->children; c; c = c->next)
		if (is_elem(c, "AnswerKey")) {
			xmlChar *n = xmlGetProp(c, (const xmlChar *)"Name");
			int same = n && name && !xmlStrcmp(n, name);

			xmlFree(n);
			if (same)
				return 1;
		}
	return 0;
}

size_t sd_af_merge(struct sd_answerfile *af, size_t dst, size_t src)
{
	xmlNodePtr d = af->v[dst].node, s = af->v[src].node, c, next;
	size_t left = 0;

	if (!d || !s)
		return 0;
	for (c = s->children; c; c = next) {
		xmlChar *name;

		next = c->next;
		if (!is_elem(c, "AnswerKey"))
			continue;
		name = xmlGetProp(c, (const xmlChar *)"Name");
		if (has_key(d, name)) {
			left++;
		} else {
			xmlNodePtr last = d->last;

			while (last && last->type != XML_ELEMENT_NODE)
				last = last->prev;
			xmlUnlinkNode(c);
			if (!last) {
				xmlAddChild(d, c);
			} else {
				/* After dst's last element, indented as it is. */
				xmlAddNextSibling(last, c);
				if (last->prev && last->prev->type == XML_TEXT_NODE &&
				    xmlIsBlankNode(last->prev)) {
					xmlNodePtr ws = xmlNewDocText(
						af->doc, last->prev->content);

					if (!ws)
						sd_die_oom();
					xmlAddPrevSibling(c, ws);
				}
			}
		}
		xmlFree(name);
	}
	if (!left)
		sd_af_remove(af, src);
	af->v[dst].nanswers = count_answers(d);
	if (af->v[src].node)
		af->v[src].nanswers = count_answers(s);
	return left;
}

int sd_answerfile_write(const struct sd_answerfile *af, FILE *fp)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr save;
	int err = 0;

	if (!buf)
		sd_die_oom();
	/* UTF-8, spelled as the file declares it ("utf-8" stays "utf-8");
	 * a file in another encoding is written in UTF-8 (a UTF-7 one
	 * written back in UTF-7 did not read back). */
	const char *enc = (const char *)((xmlDocPtr)af->doc)->encoding;

	if (!enc || (strcasecmp(enc, "utf-8") && strcasecmp(enc, "utf8")))
		enc = "UTF-8";
	save = xmlSaveToBuffer(buf, enc, XML_SAVE_NO_EMPTY);
	if (!save || xmlSaveDoc(save, af->doc) < 0 || xmlSaveClose(save) < 0)
		err = sd_error_set(SD_EIO, "%s: cannot serialize", af->source);
	else if (fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf),
			fp) != (size_t)xmlBufferLength(buf))
		err = sd_error_errno(SD_EIO, "cannot write the answer file");
	xmlBufferFree(buf);
	return err;
}
