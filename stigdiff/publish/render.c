/*
 * XSLT through libxslt (see render.h). The stylesheet is kept until the
 * result is saved, so its xsl:output (method, encoding, doctype) applies.
 * libxml2 and libxslt report errors through global handlers: while a
 * rendering runs they collect into a buffer and become the error (or a
 * warning, for xsl:message), so nothing is printed from here.
 */
#include "render.h"
#include "buf.h"
#include "error.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/documents.h>
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

/*
 * The collected messages as one line: the first, and for a runtime error
 * the second joined to it (libxslt says where, then what: "runtime error:
 * file x.xsl line 3 element document" and "File write for x refused");
 * a parser's second line only quotes the source.
 */
static const char *one_line(struct sd_buf *b)
{
	struct sd_buf out = SD_BUF_INIT;
	const char *p = b->ptr;
	int lines = 0, want;

	while (*p == '\n')
		p++;
	want = 1;
	if (sd_starts_with(p, "runtime error") ||
	    sd_starts_with(p, "compilation error"))
		want = 2;
	while (*p && lines < want) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), n = len;

		while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
			n--;
		if (n) {
			if (lines++)
				sd_buf_addstr(&out, ": ");
			sd_buf_add(&out, p, n);
		}
		p += len + (nl != NULL);
	}
	sd_buf_release(b);
	*b = out;
	return b->len ? b->ptr : "unknown error";
}

/*
 * The text of a stylesheet: the file `file`, or the one called `name`
 * (under sd_render_set_dir()'s directory when set, else compiled in). Files are read
 * whole, so a missing one gets the system's reason. `*data` is what the
 * caller frees (NULL for a compiled-in one); `*shown` names it in
 * messages and is the base for xsl:import and xsl:include.
 */
/* Where stylesheets are read by name (sd_render_set_dir), or NULL. */
static const char *xslt_dir;

void sd_render_set_dir(const char *dir)
{
	xslt_dir = dir;
}

static int stylesheet_text(const char *name, const char *file,
			   const char **text, size_t *len, char **data,
			   char **shown)
{
	const char *dir = xslt_dir;
	struct sd_buf path = SD_BUF_INIT;
	int err = 0;

	*text = NULL;
	*data = NULL;
	if (!file && dir && *dir) {
		sd_buf_addf(&path, "%s/%s", dir, name);
		file = path.ptr;
	}
	*shown = sd_xstrdup(file ? file : name);
	if (file) {
		if ((err = sd_read_file(file, (size_t)64 << 20, data, len)) == 0)
			*text = *data;
	} else {
		for (size_t i = 0; i < sd_render_nembedded && !*text; i++)
			if (!strcmp(sd_render_embedded[i].name, name)) {
				*text = sd_render_embedded[i].text;
				*len = strlen(*text);
			}
		if (!*text)
			err = sd_error_set(SD_ENOTFOUND, "no stylesheet '%s'",
					   name);
	}
	sd_buf_release(&path);
	return err;
}

/* libxslt's own loader, kept before load_doc() replaces it:
 * xsltSetLoaderFunc() sets the very pointer xsltDocDefaultLoader names,
 * so calling that from load_doc() would call load_doc() forever (an
 * imported stylesheet read from STIGDIFF_XSLT_DIR did). */
static xsltDocLoaderFunc libxslt_loader;

/*
 * xsl:import and xsl:include of a compiled-in stylesheet: its base is its
 * bare name, so the href of another one ("notes-md.xsl") arrives as that
 * name, and is served from the binary. Everything else goes to libxslt's
 * own loader.
 */
static xmlDocPtr load_doc(const xmlChar *uri, xmlDictPtr dict, int options,
			  void *ctxt, xsltLoadType type)
{
	const char *name = (const char *)uri;
	const char *dir = xslt_dir;

	if (type == XSLT_LOAD_STYLESHEET && name && !strchr(name, '/') &&
	    !(dir && *dir))
		for (size_t i = 0; i < sd_render_nembedded; i++)
			if (!strcmp(sd_render_embedded[i].name, name)) {
				const char *text = sd_render_embedded[i].text;
				xmlParserCtxtPtr p = xmlNewParserCtxt();
				xmlDocPtr doc;

				if (!p)
					sd_die_oom();
				if (dict) {
					if (p->dict)
						xmlDictFree(p->dict);
					p->dict = dict;
					xmlDictReference(dict);
				}
				doc = xmlCtxtReadMemory(p, text, (int)strlen(text),
							name, NULL,
							options | XML_PARSE_NONET);
				xmlFreeParserCtxt(p);
				return doc;
			}
	return libxslt_loader(uri, dict, options, ctxt, type);
}

/* Once: EXSLT (node-set, strings, dates) for stylesheets users write,
 * and the loader of compiled-in stylesheets. */
static void setup(void)
{
	static int done;

	if (!done) {
		exsltRegisterAll();
		libxslt_loader = xsltDocDefaultLoader;
		xsltSetLoaderFunc(load_doc);
		done = 1;
	}
}

/* Parse the stylesheet document: a file, or a compiled-in one. */
static xmlDocPtr read_stylesheet(const char *name, const char *file,
				 struct sd_buf *msgs, char **shown)
{
	const char *text;
	char *data;
	size_t len = 0;
	xmlDocPtr doc = NULL;

	if (stylesheet_text(name, file, &text, &len, &data, shown) < 0)
		goto done;
	if (len > INT_MAX) {
		sd_error_set(SD_ELIMIT, "stylesheet '%s' is too large", *shown);
		goto done;
	}
	doc = xmlReadMemory(text, (int)len, *shown, NULL, XML_PARSE_NONET);
	if (!doc)
		sd_error_set(SD_EPARSE, "cannot parse stylesheet '%s': %s",
			     *shown, one_line(msgs));
done:
	free(data);
	return doc;
}

int sd_render_source(const char *name, struct sd_buf *out)
{
	const char *text;
	char *data, *shown;
	size_t len = 0;
	int err = stylesheet_text(name, NULL, &text, &len, &data, &shown);

	if (!err)
		sd_buf_add(out, text, len);
	free(data);
	free(shown);
	return err;
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

/*
 * Run `style` on `doc` with the string parameters `params` (name, value,
 * ..., NULL) under `sec`. On success *res is the result document (the
 * caller frees it); `shown` names the stylesheet in errors.
 */
static int transform(xsltStylesheetPtr style, xmlDocPtr doc,
		     const char *const *params, xsltSecurityPrefsPtr sec,
		     struct sd_buf *msgs, const char *shown, xmlDocPtr *res)
{
	xsltTransformContextPtr tctxt = xsltNewTransformContext(style, doc);
	int err = 0;

	*res = NULL;
	if (!tctxt)
		sd_die_oom();
	xsltSetCtxtSecurityPrefs(sec, tctxt);
	for (size_t i = 0; params && params[i] && params[i + 1]; i += 2)
		if (xsltQuoteOneUserParam(tctxt, (const xmlChar *)params[i],
					  (const xmlChar *)params[i + 1]) < 0) {
			err = sd_error_set(SD_EPARSE,
					   "stylesheet parameter '%s': %s",
					   params[i], one_line(msgs));
			goto done;
		}
	*res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, tctxt);
	if (!*res || tctxt->state == XSLT_STATE_ERROR ||
	    tctxt->state == XSLT_STATE_STOPPED) {
		err = sd_error_set(SD_EPARSE, "stylesheet '%s' failed: %s",
				   shown, one_line(msgs));
		xmlFreeDoc(*res);
		*res = NULL;
	}
done:
	xsltFreeTransformContext(tctxt);
	return err;
}

int sd_render_run(const char *name, const char *file, const char *xml,
		  size_t len, const char *const *params, FILE *out)
{
	struct sd_buf msgs = SD_BUF_INIT;
	xmlDocPtr sdoc = NULL, doc = NULL, res = NULL;
	xsltStylesheetPtr style = NULL;
	xsltSecurityPrefsPtr sec = new_security();
	char *shown = NULL;
	int err = 0;

	setup();
	xmlSetGenericErrorFunc(&msgs, collect);
	xsltSetGenericErrorFunc(&msgs, collect);
	xsltSetDefaultSecurityPrefs(sec);
	if (!(sdoc = read_stylesheet(name, file, &msgs, &shown))) {
		err = sd_error_code();
		goto done;
	}
	style = xsltParseStylesheetDoc(sdoc);
	if (!style || style->errors || strstr(msgs.ptr, "compilation error")) {
		if (!style)
			xmlFreeDoc(sdoc);
		sdoc = NULL;
		err = sd_error_set(SD_EPARSE, "stylesheet '%s': %s", shown,
				   one_line(&msgs));
		goto done;
	}
	sdoc = NULL; /* the stylesheet owns it now */
	if (!(doc = xmlReadMemory(xml, (int)len, "diff.xml", NULL,
				  XML_PARSE_NONET))) {
		err = sd_error_set(SD_EPARSE, "cannot read the diff XML: %s",
				   one_line(&msgs));
		goto done;
	}
	if ((err = transform(style, doc, params, sec, &msgs, shown, &res)) < 0)
		goto done;
	if (xsltSaveResultToFile(out, res, style) < 0 || ferror(out))
		err = sd_write_failed("the rendered output");
	else if (msgs.len) /* xsl:message, warnings */
		sd_warn("stylesheet '%s': %s", shown, one_line(&msgs));
done:
	xmlFreeDoc(res);
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

/*
 * Compiled stylesheets kept for sd_render_page(): a site renders hundreds
 * of pages through the same few stylesheets, and compiling one costs more
 * than most pages.
 */
static struct {
	char *name;
	xsltStylesheetPtr style;
} cache[8];

static xsltStylesheetPtr cached_style(const char *name, struct sd_buf *msgs)
{
	size_t i;
	char *shown = NULL;
	xmlDocPtr sdoc;
	xsltStylesheetPtr style;

	setup();
	for (i = 0; i < SD_ARRAY_SIZE(cache) && cache[i].name; i++)
		if (!strcmp(cache[i].name, name))
			return cache[i].style;
	if (i == SD_ARRAY_SIZE(cache)) {
		sd_error_set(SD_ELIMIT, "too many page stylesheets");
		return NULL;
	}
	if (!(sdoc = read_stylesheet(name, NULL, msgs, &shown))) {
		free(shown);
		return NULL;
	}
	style = xsltParseStylesheetDoc(sdoc);
	if (!style || style->errors) {
		if (style)
			xsltFreeStylesheet(style);
		else
			xmlFreeDoc(sdoc);
		sd_error_set(SD_EPARSE, "stylesheet '%s': %s", shown,
			     one_line(msgs));
		free(shown);
		return NULL;
	}
	free(shown);
	cache[i].name = sd_xstrdup(name);
	cache[i].style = style;
	return style;
}

void sd_render_cache_clear(void)
{
	for (size_t i = 0; i < SD_ARRAY_SIZE(cache) && cache[i].name; i++) {
		xsltFreeStylesheet(cache[i].style);
		free(cache[i].name);
		cache[i].name = NULL;
		cache[i].style = NULL;
	}
}

int sd_render_page(const char *name, const char *xml, size_t len,
		   const char *const *params, struct sd_buf *out)
{
	struct sd_buf msgs = SD_BUF_INIT;
	xmlDocPtr doc = NULL, res = NULL;
	xsltStylesheetPtr style;
	xsltSecurityPrefsPtr sec = new_security();
	xmlChar *text = NULL;
	int tlen = 0, err = 0;

	xmlSetGenericErrorFunc(&msgs, collect);
	xsltSetGenericErrorFunc(&msgs, collect);
	xsltSetDefaultSecurityPrefs(sec);
	if (!(style = cached_style(name, &msgs))) {
		err = sd_error_code();
		goto done;
	}
	if (len > INT_MAX ||
	    !(doc = xmlReadMemory(xml, (int)len, "page.xml", NULL,
				  XML_PARSE_NONET | XML_PARSE_HUGE))) {
		err = sd_error_set(SD_EPARSE, "cannot read the page XML: %s",
				   one_line(&msgs));
		goto done;
	}
	if ((err = transform(style, doc, params, sec, &msgs, name, &res)) < 0)
		goto done;
	if (xsltSaveResultToString(&text, &tlen, res, style) < 0) {
		err = sd_error_set(SD_EIO, "cannot serialize the page");
		goto done;
	}
	if (text)
		sd_buf_add(out, text, (size_t)tlen);
done:
	xmlFree(text);
	xmlFreeDoc(res);
	xmlFreeDoc(doc);
	xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(sec);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	sd_buf_release(&msgs);
	return err;
}

const char *sd_render_asset(const char *name)
{
	for (size_t i = 0; i < sd_render_nembedded; i++)
		if (!strcmp(sd_render_embedded[i].name, name))
			return sd_render_embedded[i].text;
	return NULL;
}
