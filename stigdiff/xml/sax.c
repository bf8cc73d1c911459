/*
 * The streaming XML harness (see sax.h): libxml2's SAX2 push parser with
 * the hardened options, one set of libxml2 callbacks that keep the depth
 * and the error state and hand names, attributes and text on to the
 * reader, and the feeding of a buffer or a descriptor in bounded pieces.
 */
#include "sax.h"
#include "util.h"
#include "error.h"
#include "xml.h"

#include <errno.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

/* Bytes handed to libxml2 at once: int lengths, bounded work per call. */
#define FEED_MAX (1 << 20)
/* Bytes read from a descriptor at once. */
#define READ_SIZE (1 << 16)

struct sd_sax {
	xmlParserCtxtPtr ctxt;
	struct sd_sax_handler h;
	void *ctx;
	const char *source;
	int forced;     /* an encoding was forced */
	int max_depth;
	int depth;
	int err;        /* the first error, 0 while none */
	int stopped;    /* sd_sax_stop(sax, 0): done on purpose */
	int halted;     /* err or stopped: no more callbacks */
	int root_seen;
	int at_end;     /* the final, terminating chunk is being parsed */
	int chunk_rc;   /* first nonzero result of xmlParseChunk() */
	int not_utf8, not_utf8_line;
};

int sd_sax_fail(struct sd_sax *sax, int code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (sax->err)
		return code;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sax->err = sd_error_set(code, "%s:%d: %s", sax->source,
				sd_sax_line(sax), msg);
	sax->halted = 1;
	xmlStopParser(sax->ctxt);
	return code;
}

void sd_sax_stop(struct sd_sax *sax, int err)
{
	if (sax->err)
		return;
	if (err < 0)
		sax->err = err;
	else
		sax->stopped = 1;
	sax->halted = 1;
	xmlStopParser(sax->ctxt);
}

int sd_sax_line(const struct sd_sax *sax)
{
	return xmlSAX2GetLineNumber(sax->ctxt);
}

int sd_sax_depth(const struct sd_sax *sax)
{
	return sax->depth;
}

const char *sd_sax_intern(struct sd_sax *sax, const char *name)
{
	return (const char *)xmlDictLookup(sax->ctxt->dict, BAD_CAST name, -1);
}

int sd_sax_interned(const struct sd_sax *sax, const char *name)
{
	return xmlDictOwns(sax->ctxt->dict, BAD_CAST name) == 1;
}

int sd_sax_not_utf8(const struct sd_sax *sax, int *line)
{
	*line = sax->not_utf8_line;
	return sax->not_utf8;
}

static void on_start(void *ud, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nb_ns, const xmlChar **ns,
		     int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
	struct sd_sax *sax = ud;
	struct sd_sax_attrs a = { (const char *const *)attrs, nb_attrs };

	(void)prefix;
	(void)nb_ns;
	(void)ns;
	(void)nb_defaulted;
	if (sax->halted)
		return;
	sax->root_seen = 1;
	if (sax->depth >= sax->max_depth) {
		sd_sax_fail(sax, SD_ELIMIT, "elements nested deeper than %d",
			    sax->max_depth);
		return;
	}
	sax->depth++;
	sax->h.start(sax->ctx, (const char *)local, (const char *)uri, &a);
}

static void on_end(void *ud, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	struct sd_sax *sax = ud;

	(void)prefix;
	if (sax->halted || sax->depth == 0)
		return;
	sax->h.end(sax->ctx, (const char *)local, (const char *)uri);
	sax->depth--;
}

static void on_text(void *ud, const xmlChar *text, int len)
{
	struct sd_sax *sax = ud;

	if (sax->halted || len <= 0)
		return;
	sax->h.text(sax->ctx, (const char *)text, (size_t)len);
}

static void on_entity_decl(void *ud, const xmlChar *name, int type,
			   const xmlChar *public_id, const xmlChar *system_id,
			   xmlChar *content)
{
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	sd_sax_fail(ud, SD_EPARSE,
		    "entity declaration '%s' refused (entities are not allowed)",
		    (const char *)name);
}

static int is_utf8(const xmlChar *enc)
{
	return !enc || !strcasecmp((const char *)enc, "utf-8") ||
	       !strcasecmp((const char *)enc, "utf8");
}

/* libxml2's errors: the first one, in one line naming source and line. */
static void on_error(void *ud, xmlErrorPtr e)
{
	struct sd_sax *sax = ud;
	int line;
	char msg[512];

	if (!e || e->level < XML_ERR_ERROR || sax->err)
		return;
	line = e->line > 0 ? e->line : 0;
	if (sax->at_end && sax->depth > 0) {
		/* libxml2 words a truncated document as "extra content". */
		sax->err = sd_error_set(SD_EPARSE,
					"%s:%d: document ends inside an element (truncated?)",
					sax->source, line);
		sax->halted = 1;
		xmlStopParser(sax->ctxt);
		return;
	}
	if (e->code == XML_ERR_INVALID_CHAR && !sax->forced &&
	    is_utf8(sax->ctxt->encoding)) {
		sax->not_utf8 = 1;
		sax->not_utf8_line = e->line;
	}
	sd_xml_one_line(e->message, msg, sizeof(msg));
	sax->err = sd_error_set(SD_EPARSE, "%s:%d: %s", sax->source, line, msg);
	sax->halted = 1;
	xmlStopParser(sax->ctxt);
}

static void no_start(void *ctx, const char *local, const char *uri,
		     const struct sd_sax_attrs *attrs)
{
	(void)ctx;
	(void)local;
	(void)uri;
	(void)attrs;
}

static void no_end(void *ctx, const char *local, const char *uri)
{
	(void)ctx;
	(void)local;
	(void)uri;
}

int sd_sax_new(struct sd_sax **out, const struct sd_sax_handler *h,
	       void *ctx, const struct sd_sax_opts *opts)
{
	struct sd_sax *sax = sd_xcalloc(1, sizeof(*sax));
	xmlSAXHandler cb;

	*out = NULL;
	sax->h = *h;
	if (!sax->h.start)
		sax->h.start = no_start;
	if (!sax->h.end)
		sax->h.end = no_end;
	sax->ctx = ctx;
	sax->source = opts->source;
	sax->forced = opts->encoding != NULL;
	sax->max_depth = opts->max_depth > 0 ? opts->max_depth
					     : SD_SAX_MAX_DEPTH_DEFAULT;

	memset(&cb, 0, sizeof(cb));
	cb.initialized = XML_SAX2_MAGIC;
	/* The depth is kept on every element; text only for a reader that
	 * wants it (libxml2 calls nothing that is not set). */
	cb.startElementNs = on_start;
	cb.endElementNs = on_end;
	cb.characters = h->text ? on_text : NULL;
	cb.cdataBlock = h->text ? on_text : NULL;
	cb.entityDecl = on_entity_decl;
	cb.serror = on_error;
	sax->ctxt = xmlCreatePushParserCtxt(&cb, sax, NULL, 0, sax->source);
	if (!sax->ctxt) {
		free(sax);
		return sd_error_set(SD_ERROR, "%s: cannot create XML parser",
				    opts->source);
	}
	xmlCtxtUseOptions(sax->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA |
				     XML_PARSE_BIG_LINES |
				     (sax->forced ? XML_PARSE_IGNORE_ENC : 0));
	if (sax->forced) {
		xmlCharEncodingHandlerPtr enc =
			xmlFindCharEncodingHandler(opts->encoding);

		if (!enc || xmlSwitchToEncoding(sax->ctxt, enc) < 0) {
			sd_sax_free(sax);
			return sd_error_set(SD_ERROR,
					    "%s: no %s decoder in libxml2",
					    opts->source, opts->encoding);
		}
	}
	/* Entities stay references, no DTD is loaded, none validates. */
	sax->ctxt->replaceEntities = 0;
	sax->ctxt->loadsubset = 0;
	sax->ctxt->validate = 0;
	*out = sax;
	return 0;
}

void sd_sax_free(struct sd_sax *sax)
{
	if (!sax)
		return;
	/* libxml2 builds a document for a DOCTYPE even under SAX. */
	if (sax->ctxt->myDoc)
		xmlFreeDoc(sax->ctxt->myDoc);
	xmlFreeParserCtxt(sax->ctxt);
	free(sax);
}

static void feed(struct sd_sax *sax, const char *data, size_t len)
{
	while (len && !sax->err && !sax->stopped) {
		int n = len > FEED_MAX ? FEED_MAX : (int)len;
		int rc = xmlParseChunk(sax->ctxt, data, n, 0);

		sax->chunk_rc = sax->chunk_rc ? sax->chunk_rc : rc;
		data += n;
		len -= (size_t)n;
	}
}

/*
 * After a parse whose callbacks reported nothing: 0 when the parser ended
 * well-formed, else SD_EPARSE. A document whose bytes are not in its
 * declared encoding fails only in xmlParseChunk()'s result, reaching no
 * callback.
 */
static int check_end(struct sd_sax *sax)
{
	xmlParserCtxtPtr ctxt = sax->ctxt;
	int line = ctxt->input ? ctxt->input->line : 0;

	if (ctxt->wellFormed && sax->chunk_rc != XML_ERR_INVALID_ENCODING)
		return 0;
	if (sax->chunk_rc == XML_ERR_INVALID_ENCODING ||
	    ctxt->errNo == XML_ERR_INVALID_ENCODING ||
	    ctxt->errNo == XML_I18N_CONV_FAILED)
		return sd_error_set(SD_EPARSE,
				    "%s:%d: bytes that are not in its declared encoding '%s'",
				    sax->source, line,
				    ctxt->encoding ? (const char *)ctxt->encoding
						   : "UTF-8");
	return sd_error_set(SD_EPARSE, "%s:%d: not well-formed XML (libxml2 error %d)",
			    sax->source, line, ctxt->errNo);
}

/* The end of the input: the terminating chunk, then what it all gave. */
static int finish(struct sd_sax *sax)
{
	int err;

	if (!sax->err && !sax->stopped) {
		int rc;

		sax->at_end = 1;
		rc = xmlParseChunk(sax->ctxt, NULL, 0, 1);
		sax->chunk_rc = sax->chunk_rc ? sax->chunk_rc : rc;
	}
	if (sax->err)
		return sax->err;
	if (sax->stopped)
		return 0;
	if ((err = check_end(sax)) < 0)
		return err;
	if (!sax->root_seen)
		return sd_error_set(SD_EPARSE, "%s: no XML element found",
				    sax->source);
	return 0;
}

int sd_sax_parse_memory(struct sd_sax *sax, const char *data, size_t len)
{
	if (!len)
		return sd_error_set(SD_EPARSE, "%s: empty file", sax->source);
	feed(sax, data, len);
	return finish(sax);
}

int sd_sax_parse_fd(struct sd_sax *sax, int fd, const char *path)
{
	char *buf = sd_xmalloc(READ_SIZE);
	int any = 0, err;

	for (;;) {
		ssize_t n;

		do
			n = read(fd, buf, READ_SIZE);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			err = sd_error_errno(SD_EIO, "cannot read '%s'", path);
			break;
		}
		if (n == 0) {
			err = any ? finish(sax)
				  : sd_error_set(SD_EPARSE, "%s: empty file",
						 sax->source);
			break;
		}
		any = 1;
		feed(sax, buf, (size_t)n);
		if (sax->err || sax->stopped) {
			err = finish(sax);
			break;
		}
	}
	free(buf);
	return err;
}

const char *sd_sax_attr(const struct sd_sax_attrs *attrs, const char *name,
			size_t *len)
{
	for (int i = 0; i < attrs->n; i++) {
		const char *const *a = attrs->v + 5 * i;

		if (!a[2] && !strcmp(a[0], name)) {
			*len = (size_t)(a[4] - a[3]);
			return a[3];
		}
	}
	return NULL;
}

char *sd_sax_attr_dup(const struct sd_sax_attrs *attrs, const char *name)
{
	size_t len;
	const char *p = sd_sax_attr(attrs, name, &len), *end;
	char *out, *o;

	if (!p)
		return NULL;
	out = o = sd_xmalloc(len + 1);
	/* With entities not substituted, libxml2 hands '&' over as "&#38;"
	 * and everything else decoded. */
	for (end = p + len; p < end;) {
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
