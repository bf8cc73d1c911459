/*
 * XSLT through libxslt (see render.h). The stylesheet is kept until the
 * result is saved, so its xsl:output (method, encoding, doctype) applies.
 * libxml2 and libxslt report errors through global handlers: while a
 * rendering runs they collect into a buffer, and the first message
 * becomes the error, so nothing is printed from here.
 */
#include "render.h"
#include "buf.h"
#include "error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

static void collect(void *ctx, const char *fmt, ...)
{
	struct sd_buf *b = ctx;
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (b->len < 4096)
		sd_buf_addstr(b, msg);
}

/* The first line of the collected messages, for a one-line error. */
static const char *first_line(struct sd_buf *b)
{
	char *nl;

	while (b->len && (b->ptr[0] == '\n' || b->ptr[0] == ' '))
		memmove(b->ptr, b->ptr + 1, b->len--);
	if ((nl = strchr(b->ptr, '\n')))
		sd_buf_setlen(b, (size_t)(nl - b->ptr));
	return b->len ? b->ptr : "unknown error";
}

/* Parse the stylesheet document: a file, or a compiled-in one. */
static xmlDocPtr read_stylesheet(const char *name, const char *file,
				 char **shown)
{
	const char *dir = getenv("STIGDIFF_XSLT_DIR");
	struct sd_buf path = SD_BUF_INIT;
	xmlDocPtr doc = NULL;

	if (!file && dir && *dir) {
		sd_buf_addf(&path, "%s/%s", dir, name);
		file = path.ptr;
	}
	if (file) {
		*shown = sd_xstrdup(file);
		doc = xmlReadFile(file, NULL, XML_PARSE_NONET);
		if (!doc)
			sd_error_set(SD_EPARSE, "cannot read stylesheet '%s'",
				     file);
		sd_buf_release(&path);
		return doc;
	}
	*shown = sd_xstrdup(name);
	for (size_t i = 0; i < sd_render_nembedded; i++) {
		const struct sd_render_embedded *e = &sd_render_embedded[i];

		if (strcmp(e->name, name))
			continue;
		doc = xmlReadMemory(e->text, (int)strlen(e->text), e->name,
				    NULL, XML_PARSE_NONET);
		if (!doc)
			sd_error_set(SD_EPARSE, "cannot read stylesheet '%s'",
				     name);
		return doc;
	}
	sd_error_set(SD_ENOTFOUND, "no stylesheet '%s'", name);
	return NULL;
}

static xsltSecurityPrefsPtr new_security(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();

	if (!sec)
		sd_die_oom();
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
			     xsltSecurityForbid);
	return sec;
}

int sd_render_run(const char *name, const char *file, const char *xml,
		  size_t len, const char *const *params, FILE *out)
{
	struct sd_buf msgs = SD_BUF_INIT;
	xmlDocPtr sdoc = NULL, doc = NULL, res = NULL;
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr tctxt = NULL;
	xsltSecurityPrefsPtr sec = new_security();
	char *shown = NULL;
	int err = 0;

	xmlSetGenericErrorFunc(&msgs, collect);
	xsltSetGenericErrorFunc(&msgs, collect);
	xsltSetDefaultSecurityPrefs(sec);
	if (!(sdoc = read_stylesheet(name, file, &shown))) {
		err = sd_error_code();
		if (msgs.len)
			sd_error_set(err, "%s: %s", sd_error_last(),
				     first_line(&msgs));
		goto done;
	}
	if (!(style = xsltParseStylesheetDoc(sdoc)) || style->errors) {
		err = sd_error_set(SD_EPARSE, "stylesheet '%s': %s", shown,
				   first_line(&msgs));
		goto done;
	}
	sdoc = NULL; /* the stylesheet owns it now */
	if (!(doc = xmlReadMemory(xml, (int)len, "diff.xml", NULL,
				  XML_PARSE_NONET))) {
		err = sd_error_set(SD_EPARSE, "cannot read the diff XML: %s",
				   first_line(&msgs));
		goto done;
	}
	if (!(tctxt = xsltNewTransformContext(style, doc)))
		sd_die_oom();
	xsltSetCtxtSecurityPrefs(sec, tctxt);
	for (size_t i = 0; params && params[i] && params[i + 1]; i += 2)
		if (xsltQuoteOneUserParam(tctxt, (const xmlChar *)params[i],
					  (const xmlChar *)params[i + 1]) < 0) {
			err = sd_error_set(SD_EPARSE,
					   "stylesheet parameter '%s': %s",
					   params[i], first_line(&msgs));
			goto done;
		}
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tctxt);
	if (!res || tctxt->state == XSLT_STATE_ERROR ||
	    tctxt->state == XSLT_STATE_STOPPED) {
		err = sd_error_set(SD_EPARSE, "stylesheet '%s' failed: %s",
				   shown, first_line(&msgs));
		goto done;
	}
	if (xsltSaveResultToFile(out, res, style) < 0 || ferror(out))
		err = sd_error_set(SD_EIO, "cannot write the rendered output");
done:
	xmlFreeDoc(res);
	if (tctxt)
		xsltFreeTransformContext(tctxt);
	xmlFreeDoc(doc);
	if (style)
		xsltFreeStylesheet(style);
	else
		xmlFreeDoc(sdoc);
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(sec);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	sd_buf_release(&msgs);
	free(shown);
	return err;
}

int sd_render_notes(const struct sd_diff *d, enum sd_diff_format fmt,
		    const char *stylesheet, const char *title, FILE *out)
{
	const char *params[] = { "title", title, NULL };
	char *xml = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&xml, &len);
	int err;

	if (!mem)
		return sd_error_errno(SD_EIO, "cannot buffer the diff XML");
	err = sd_diff_write(d, mem, SD_DIFF_XML, NULL);
	if (fclose(mem) != 0 && !err)
		err = sd_error_errno(SD_EIO, "cannot buffer the diff XML");
	if (!err)
		err = sd_render_run(fmt == SD_DIFF_HTML ? "notes-html.xsl"
							: "notes-md.xsl",
				    stylesheet, xml, len,
				    title ? params : NULL, out);
	free(xml);
	return err;
}
