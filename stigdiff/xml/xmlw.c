/*
 * The XML writer of xmlw.h: a buffered serializer. Markup and escaped
 * text collect in a buffer flushed to the FILE in large writes (libxml2's
 * writers cost a third of a normalize run in small calls). Escaping:
 * & < (and > after "]]") in text, plus " and line breaks in attributes; characters XML
 * 1.0 cannot carry at all (C0 controls other than tab and line breaks,
 * invalid UTF-8) become U+FFFD. Elements holding text are never indented
 * inside, so text is written exactly as given.
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

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80)
		return 2;
	if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[0] != 0xe0 || p[1] >= 0xa0) &&
	    (p[0] != 0xed || p[1] < 0xa0))
		return 3;
	if (p[0] >= 0xf0 && p[0] <= 0xf4 && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80 &&
	    (p[0] != 0xf0 || p[1] >= 0x90) && (p[0] != 0xf4 || p[1] < 0x90))
		return 4;
	return 0;
}

/* Append `s` escaped; `attr` also escapes quotes and line breaks. */
static void escaped(struct sd_xw *w, const char *s, int attr)
{
	/* Bytes that need a look: markup, controls, every non-ASCII byte. */
	static char special[256];
	static int ready;

	if (!ready) {
		for (int c = 1; c < 256; c++)
			special[c] = c < 0x20 || c >= 0x80 || c == '&' ||
				     c == '<' || c == '>' || c == '"';
		ready = 1;
	}
	const char *start = s;

	while (*s) {
		const char *run = s;
		unsigned char c;
		size_t n;

		while (*s && !special[(unsigned char)*s])
			s++;
		if (s > run)
			raw(w, run, (size_t)(s - run));
		if (!*s)
			break;
		c = (unsigned char)*s;
		switch (c) {
		case '&': raws(w, "&amp;"); s++; continue;
		case '<': raws(w, "&lt;"); s++; continue;
		case '>':
			/* Only "]]>" must not appear; keep other '>' readable. */
			raws(w, s - start >= 2 && s[-1] == ']' && s[-2] == ']'
					? "&gt;" : ">");
			s++;
			continue;
		case '"':
			raws(w, attr ? "&quot;" : "\"");
			s++;
			continue;
		case '\r': raws(w, "&#13;"); s++; continue;
		case '\n':
		case '\t':
			if (attr)
				raws(w, c == '\n' ? "&#10;" : "&#9;");
			else
				raw(w, s, 1);
			s++;
			continue;
		default:
			break;
		}
		n = c < 0x20 ? 0 : utf8_len((const unsigned char *)s);
		if (n) {
			raw(w, s, n);
			s += n;
		} else {
			raws(w, "\xef\xbf\xbd"); /* U+FFFD */
			s++;
		}
	}
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
