/* Global libxml2 state; see xml.h. */
#include "xml.h"
#include "error.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/parserInternals.h>

static xmlExternalEntityLoader default_loader;

/*
 * Local files only (our own stylesheets); every URL with a scheme other
 * than file: is refused, whatever options a parser was given. Untrusted
 * documents never get this far: their readers refuse entity declarations
 * and DTD loading outright.
 */
static xmlParserInputPtr local_only(const char *url, const char *id,
				    xmlParserCtxtPtr ctxt)
{
	if (url && strstr(url, "://") && !sd_starts_with(url, "file://"))
		return NULL;
	return default_loader(url, id, ctxt);
}

/* libxml2's generic error channel: messages of no parser (encoding
 * conversion) would reach stderr as several lines of their own. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void sd_xml_init(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(local_only);
}

void sd_xml_shutdown(void)
{
	xmlCleanupParser();
}

void sd_xml_one_line(const char *message, char *out, size_t n)
{
	size_t len;

	snprintf(out, n, "%s", message ? message : "error");
	len = strlen(out);
	while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
	for (char *p = out; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

struct tree_read {
	const char *source;
	int err;
};

static void refuse_entity_decl(void *ctx, const xmlChar *name, int type,
			       const xmlChar *public_id,
			       const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr c = ctx;
	struct tree_read *st = c->_private;

	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	if (!st->err)
		st->err = sd_error_set(
			SD_EPARSE,
			"%s:%d: entity declaration '%s' refused (entities are not allowed)",
			st->source, c->input ? c->input->line : 0,
			(const char *)name);
	xmlStopParser(c);
}

static void first_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	struct tree_read *st = c->_private;
	char msg[512];

	if (!e || e->level < XML_ERR_ERROR || st->err)
		return;
	sd_xml_one_line(e->message, msg, sizeof(msg));
	st->err = sd_error_set(SD_EPARSE, "%s:%d: %s", st->source,
			       e->line > 0 ? e->line : 0, msg);
}

int sd_xml_read_tree(const char *data, size_t len, const char *source,
		     struct _xmlDoc **out)
{
	struct tree_read st = { source, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	*out = NULL;
	if (len > (size_t)0x7fffffff)
		return sd_error_set(SD_ELIMIT, "%s: too large", source);
	if (!(ctxt = xmlNewParserCtxt()))
		sd_die_oom();
	ctxt->_private = &st;
	ctxt->sax->entityDecl = refuse_entity_decl;
	ctxt->sax->serror = first_error;
	ctxt->sax->warning = NULL;
	ctxt->sax->error = NULL;
	/* Never XML_PARSE_NOENT or XML_PARSE_DTDLOAD. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, source, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (!st.err && (!doc || !ctxt->wellFormed))
		st.err = sd_error_set(SD_EPARSE, "%s: not well-formed XML",
				      source);
	xmlFreeParserCtxt(ctxt);
	if (st.err) {
		xmlFreeDoc(doc);
		return st.err;
	}
	*out = doc;
	return 0;
}
