/*
 * The XML writer and escaper of xmlw.h: a buffered serializer. Markup and
 * escaped text collect in a buffer flushed to the FILE in large writes
 * (libxml2's writers cost a third of a normalize run in small calls).
 * Text is escaped as sd_xml_escape() says ('>' only after "]]"), plus
 * quotes and line breaks in attributes. Elements holding text are never
 * indented inside, so text is written exactly as given.
 */
#include "xmlw.h"
#include "buf.h"
#include "error.h"
#include "util.h"

#include <string.h>

#define MAX_DEPTH 128
#define FLUSH_AT 65536

struct frame {
	const char *name; /* borrowed from the caller */
	int has_children;
	int has_text;
};

struct sd_xw {
	FILE *fp;
	struct sd_buf out;
	int indent;
	int failed;
	int tag_open; /* "<name attr=..." written, '>' not yet */
	int depth;
	struct frame stack[MAX_DEPTH];
};

static int fail(struct sd_xw *w)
{
	if (!w->failed)
		w->failed = sd_write_failed("XML output");
	return w->failed;
}

static void flush(struct sd_xw *w)
{
	if (w->out.len && !w->failed &&
	    fwrite(w->out.ptr, 1, w->out.len, w->fp) != w->out.len)
		fail(w);
	sd_buf_reset(&w->out);
}

static void raw(struct sd_xw *w, const char *s, size_t n)
{
	/* Most pieces are a few bytes: copy in place when they fit. */
	if (w->out.len + n < w->out.cap) {
		memcpy(w->out.ptr + w->out.len, s, n);
		w->out.len += n;
		w->out.ptr[w->out.len] = '\0';
	} else {
		sd_buf_add(&w->out, s, n);
	}
	if (w->out.len >= FLUSH_AT)
		flush(w);
}

static void raws(struct sd_xw *w, const char *s)
{
	raw(w, s, strlen(s));
}

/* Append `s` escaped; `attr` also escapes quotes and line breaks. */
static void escaped(struct sd_xw *w, const char *s, int attr)
{
	sd_xml_escape(&w->out, s, attr ? SD_XML_ATTR : 0);
	if (w->out.len >= FLUSH_AT)
		flush(w);
}

static void close_tag(struct sd_xw *w)
{
	if (w->tag_open) {
		raw(w, ">", 1);
		w->tag_open = 0;
	}
}

static void newline_indent(struct sd_xw *w, int depth)
{
	static const char nl_spaces[] = "\n"
		"                                                                ";
	size_t n = 2 * (size_t)depth, chunk;

	if (!w->indent)
		return;
	chunk = n < 64 ? n : 64;
	raw(w, nl_spaces, 1 + chunk);
	for (n -= chunk; n > 0; n -= chunk) {
		chunk = n < 64 ? n : 64;
		raw(w, nl_spaces + 1, chunk);
	}
}

/* May the element being opened or closed at this level be indented? */
static int may_indent(struct sd_xw *w)
{
	return w->depth == 0 || !w->stack[w->depth - 1].has_text;
}

int sd_xw_open(struct sd_xw **out, FILE *fp, int indent)
{
	struct sd_xw *w;

	*out = NULL;
	w = sd_xcalloc(1, sizeof(*w));
	w->fp = fp;
	sd_buf_init(&w->out);
	sd_buf_grow(&w->out, FLUSH_AT + 4096);
	w->indent = indent;
	raws(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	*out = w;
	return w->failed;
}

int sd_xw_close(struct sd_xw *w)
{
	int err;

	if (!w)
		return 0;
	while (w->depth > 0 && !w->failed)
		sd_xw_end(w);
	raw(w, "\n", 1); /* after the root element */
	flush(w);
	if (!w->failed && fflush(w->fp))
		fail(w);
	err = w->failed;
	sd_buf_release(&w->out);
	free(w);
	return err;
}

int sd_xw_start(struct sd_xw *w, const char *name)
{
	if (w->failed)
		return w->failed;
	if (w->depth >= MAX_DEPTH)
		return fail(w);
	close_tag(w);
	if (w->depth > 0)
		w->stack[w->depth - 1].has_children = 1;
	if (w->depth > 0 && may_indent(w))
		newline_indent(w, w->depth);
	raw(w, "<", 1);
	raws(w, name);
	w->tag_open = 1;
	w->stack[w->depth].name = name;
	w->stack[w->depth].has_children = 0;
	w->stack[w->depth].has_text = 0;
	w->depth++;
	return w->failed;
}

int sd_xw_attr(struct sd_xw *w, const char *name, const char *value)
{
	if (w->failed || !value)
		return w->failed;
	if (!w->tag_open)
		return fail(w);
	raw(w, " ", 1);
	raws(w, name);
	raw(w, "=\"", 2);
	escaped(w, value, 1);
	raw(w, "\"", 1);
	return w->failed;
}

int sd_xw_text(struct sd_xw *w, const char *text)
{
	if (w->failed || !text || !*text)
		return w->failed;
	close_tag(w);
	if (w->depth > 0)
		w->stack[w->depth - 1].has_text = 1;
	escaped(w, text, 0);
	return w->failed;
}

int sd_xw_end(struct sd_xw *w)
{
	struct frame *f;

	if (w->failed)
		return w->failed;
	if (w->depth == 0)
		return fail(w);
	f = &w->stack[w->depth - 1];
	if (w->tag_open) {
		raw(w, "/>", 2);
		w->tag_open = 0;
	} else {
		if (f->has_children && !f->has_text)
			newline_indent(w, w->depth - 1);
		raw(w, "</", 2);
		raws(w, f->name);
		raw(w, ">", 1);
	}
	w->depth--;
	return w->failed;
}

int sd_xw_elem(struct sd_xw *w, const char *name, const char *text)
{
	if (w->failed || !text)
		return w->failed;
	sd_xw_start(w, name);
	close_tag(w); /* <x></x> even when empty: "present, empty" */
	sd_xw_text(w, text);
	return sd_xw_end(w);
}

int sd_xw_comment(struct sd_xw *w, const char *text)
{
	if (w->failed)
		return w->failed;
	close_tag(w);
	if (w->depth > 0) {
		w->stack[w->depth - 1].has_children = 1;
		if (may_indent(w))
			newline_indent(w, w->depth);
	}
	raw(w, "<!--", 4);
	/* "--" may not appear inside a comment. */
	for (const char *p = text; *p; p++) {
		raw(w, p, 1);
		if (p[0] == '-' && (p[1] == '-' || p[1] == '\0'))
			raw(w, " ", 1);
	}
	raw(w, "-->", 3);
	if (w->depth == 0)
		raw(w, "\n", 1);
	return w->failed;
}

int sd_xw_pi(struct sd_xw *w, const char *target, const char *content)
{
	if (w->failed)
		return w->failed;
	close_tag(w);
	if (w->depth > 0) {
		w->stack[w->depth - 1].has_children = 1;
		if (may_indent(w))
			newline_indent(w, w->depth);
	}
	raw(w, "<?", 2);
	raws(w, target);
	if (content && *content) {
		raw(w, " ", 1);
		raws(w, content);
	}
	raw(w, "?>", 2);
	if (w->depth == 0)
		raw(w, "\n", 1);
	return w->failed;
}

size_t sd_xml_escape(struct sd_buf *out, const char *s, unsigned flags)
{
	/* Bytes that need no look: not markup, no control, ASCII. */
	static unsigned char plain[256];
	static int ready;
	const unsigned char *p = (const unsigned char *)s, *run = p;
	const unsigned char *start = p;
	size_t replaced = 0;

	if (!ready) {
		for (int c = 0x20; c < 0x80; c++)
			plain[c] = !strchr("&<>\"-", c);
		ready = 1;
	}
	while (*p) {
		const char *e;
		size_t n = 1;

		if (plain[*p]) {
			p++;
			continue;
		}
		switch (*p) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>':
			/* Only "]]>" must not appear in text. */
			if (!(flags & SD_XML_GT) &&
			    !(p - start >= 2 && p[-1] == ']' && p[-2] == ']')) {
				p++;
				continue;
			}
			e = "&gt;";
			break;
		case '"':
			if (!(flags & SD_XML_ATTR)) {
				p++;
				continue;
			}
			e = "&quot;";
			break;
		case '-':
			/* A comment cannot hold "--"; "&#45;" reads back as
			 * '-'. What came before may be in `out` already. */
			if (!(flags & SD_XML_COMMENT) ||
			    (p > run ? p[-1] : out->len ? out->ptr[out->len - 1]
							: 0) != '-') {
				p++;
				continue;
			}
			e = "&#45;";
			break;
		case '\r': e = "&#13;"; break;
		case '\n':
		case '\t':
			if (!(flags & SD_XML_ATTR)) {
				p++;
				continue;
			}
			e = *p == '\n' ? "&#10;" : "&#9;";
			break;
		default:
			if ((n = sd_xml_char_len(p))) {
				p += n;
				continue;
			}
			/* A character XML refuses is replaced whole, a byte
			 * starting no character alone. */
			e = "\xef\xbf\xbd"; /* U+FFFD */
			n = sd_utf8_len(p) ? sd_utf8_len(p) : 1;
			replaced++;
		}
		sd_buf_add(out, run, (size_t)(p - run));
		sd_buf_addstr(out, e);
		p += n;
		run = p;
	}
	sd_buf_add(out, run, (size_t)(p - run));
	return replaced;
}

char *sd_xml_clean(const char *s)
{
	return sd_utf8_replace(s, sd_xml_char_len);
}
