/* Global libxml2 state; see xml.h. */
#include "xml.h"
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
