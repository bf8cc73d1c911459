/* Global libxml2 state; see xml.h. */
#include "xml.h"
#include "util.h"
#include "error.h"

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

char *sd_xml_attr_dup(const char *value, size_t len)
{
	char *out = sd_xmalloc(len + 1), *o = out;
	const char *p = value, *end = value + len;

	while (p < end) {
		if (*p == '&' && end - p >= 5 && !memcmp(p, "&#38;", 5)) {
			*o++ = '&';
			p += 5;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

int sd_xml_check_end(void *parser, int chunk_rc, const char *source)
{
	xmlParserCtxtPtr ctxt = parser;
	int line = ctxt->input ? ctxt->input->line : 0;

	if (ctxt->wellFormed && chunk_rc != XML_ERR_INVALID_ENCODING)
		return 0;
	if (chunk_rc == XML_ERR_INVALID_ENCODING ||
	    ctxt->errNo == XML_ERR_INVALID_ENCODING ||
	    ctxt->errNo == XML_I18N_CONV_FAILED)
		return sd_error_set(SD_EPARSE,
				    "%s:%d: bytes that are not in its declared encoding '%s'",
				    source, line,
				    ctxt->encoding ? (const char *)ctxt->encoding
						   : "UTF-8");
	return sd_error_set(SD_EPARSE, "%s:%d: not well-formed XML (libxml2 error %d)",
			    source, line, ctxt->errNo);
}
