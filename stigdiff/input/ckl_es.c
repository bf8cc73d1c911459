/*
 * Evaluate-STIG's records in a .ckl: the XML comments holding one
 * <Evaluate-STIG> element, read into JSON objects and written back from
 * them (the model keeps them as .cklb does).
 */
#include "ckl_int.h"
#include "error.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Evaluate-STIG's records: XML comments <-> JSON objects ---- */

/*
 * Evaluate-STIG writes its result-engine data into a .ckl as comments
 * holding one <Evaluate-STIG> element (before CHECKLIST, in an iSTIG, in
 * a VULN) and into a .cklb as "evaluate-stig" objects at the same three
 * levels. Each child element is a key: an element holding elements is an
 * object, one holding text a string, a repeated name an array; keys keep
 * their names both ways, so a record crosses the formats and comes back
 * as it was.
 */
#define ES_ROOT "Evaluate-STIG"
#define ES_MAX_DEPTH 32

/* Does comment `c` hold an Evaluate-STIG record? */
static int es_comment(xmlNodePtr c)
{
	const char *p = (const char *)c->content;

	if (!p)
		return 0;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return sd_starts_with(p, "<" ES_ROOT ">") ||
	       sd_starts_with(p, "<" ES_ROOT " ") ||
	       sd_starts_with(p, "<" ES_ROOT "/");
}

static struct sd_json *es_value(struct rstate *st, xmlNodePtr e, int depth)
{
	struct sd_json *o;
	int elems = 0;

	if (e->properties)
		sd_warn("%s:%ld: Evaluate-STIG <%s>: attributes not read",
			st->source, xmlGetLineNo(e), NAME(e));
	for (xmlNodePtr c = e->children; c; c = c->next)
		elems += c->type == XML_ELEMENT_NODE;
	if (!elems) {
		xmlChar *t = xmlNodeGetContent(e);
		struct sd_json *s = sd_json_string_new(t ? (char *)t : "");

		xmlFree(t);
		return s;
	}
	o = sd_json_object_new();
	if (depth >= ES_MAX_DEPTH)
		return o;
	for (xmlNodePtr c = e->children; c; c = c->next) {
		struct sd_json *v, *cur;

		if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
			sd_warn("%s:%ld: Evaluate-STIG <%s>: text beside elements not read",
				st->source, xmlGetLineNo(e), NAME(e));
		if (c->type != XML_ELEMENT_NODE)
			continue;
		v = es_value(st, c, depth + 1);
		cur = sd_json_get(o, NAME(c));
		if (!cur) {
			sd_json_set(o, NAME(c), v);
		} else if (sd_json_type(cur) == SD_JSON_ARRAY) {
			sd_json_append(cur, v);
		} else {
			struct sd_json *a = sd_json_array_new();

			sd_json_append(a, sd_json_incref(cur));
			sd_json_append(a, v);
			sd_json_set(o, NAME(c), a);
		}
	}
	return o;
}

/*
 * The record in comment `c` as a JSON object (NULL when the comment
 * holds no readable <Evaluate-STIG> element: it then stays a comment).
 */
struct sd_json *sd_ckl_es_read(struct rstate *st, xmlNodePtr c)
{
	const char *text = (const char *)c->content;
	struct sd_json *o = NULL;
	xmlDocPtr doc;
	xmlNodePtr root;

	if (!es_comment(c))
		return NULL;
	/* No DTD can precede <Evaluate-STIG>: no entity is declared. */
	doc = xmlReadMemory(text, (int)strlen(text), st->source, "UTF-8",
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && !strcmp(NAME(root), ES_ROOT)) {
		o = es_value(st, root, 0);
		if (sd_json_type(o) != SD_JSON_OBJECT) {
			sd_json_free(o); /* <Evaluate-STIG/> or only text */
			o = sd_json_object_new();
		}
	} else {
		sd_warn("%s:%ld: an Evaluate-STIG comment that is not XML: kept as a comment",
			st->source, xmlGetLineNo(c));
	}
	xmlFreeDoc(doc);
	return o;
}

/* Text inside a comment: escaped as XML, and never two '-' in a row
 * (a comment cannot hold "--"; "&#45;" reads back as '-'). Control
 * characters XML cannot hold become U+FFFD; *replaced says so. */
static void es_text(struct sd_buf *b, const char *s, int *replaced)
{
	if (sd_xml_escape(b, s, SD_XML_GT | SD_XML_COMMENT))
		*replaced = 1;
}

static void es_elem(struct sd_buf *b, const char *key,
		    const struct sd_json *v, const char *source, int depth,
		    int *replaced)
{
	char *t;

	if (sd_json_type(v) == SD_JSON_ARRAY) {
		for (size_t i = 0; i < sd_json_size(v); i++)
			es_elem(b, key, sd_json_at(v, i), source, depth,
				replaced);
		return;
	}
	sd_buf_addf(b, "<%s>", key);
	switch (sd_json_type(v)) {
	case SD_JSON_OBJECT:
		if (depth >= ES_MAX_DEPTH)
			break;
		for (void *it = sd_json_iter(v); it;
		     it = sd_json_iter_next(v, it)) {
			const char *k = sd_json_iter_key(it);

			if (xmlValidateNCName(BAD_CAST k, 0) != 0 ||
			    strstr(k, "--")) {
				sd_warn("%s: evaluate-stig key '%s' is not an XML element name; left out",
					source, k);
				continue;
			}
			es_elem(b, k, sd_json_iter_value(it), source,
				depth + 1, replaced);
		}
		break;
	case SD_JSON_STRING:
		es_text(b, sd_json_str(v), replaced);
		break;
	case SD_JSON_NULL:
		break;
	default: /* numbers, booleans: their JSON text */
		t = sd_json_dumps(v, SD_JSON_COMPACT);
		t[strcspn(t, "\n")] = '\0';
		es_text(b, t, replaced);
		free(t);
	}
	sd_buf_addf(b, "</%s>", key);
}

/* The comment text of record `es`: <Evaluate-STIG>...</Evaluate-STIG>. */
char *sd_ckl_es_comment_text(const struct sd_json *es, const char *source)
{
	struct sd_buf b = SD_BUF_INIT;
	int replaced = 0;

	es_elem(&b, ES_ROOT, es, source, 0, &replaced);
	if (replaced)
		sd_warn("%s: Evaluate-STIG record: characters XML cannot hold written as U+FFFD",
			source);
	return sd_buf_detach(&b);
}
