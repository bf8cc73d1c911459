/*
 * The one streaming XML reader every stigdiff reader of untrusted XML
 * stands on (the benchmark reader, the CCI list reader): libxml2's SAX2
 * push parser set up once, the same way for all of them.
 *
 * What a reader gets without asking: no entity declaration accepted
 * (billion laughs, XXE: refused with the entity's name and line), no DTD
 * loaded, nothing fetched from the network, elements nested at most
 * `max_depth` deep, libxml2's default size limits (never
 * XML_PARSE_HUGE; a reader adds its own limit per field), and one error
 * convention: "source:line: why" in the error slot, libxml2's own words
 * for a document that is not well-formed, "document ends inside an
 * element (truncated?)" for a cut one, and "empty file" and "no XML
 * element found" for documents with nothing in them. No libxml2 type
 * appears here: readers see names, attributes and text as C strings.
 *
 * Use: sd_sax_new(), intern the names the reader compares (optional),
 * one sd_sax_parse_*() call, sd_sax_free(). The callbacks run during the
 * parse and may stop it (sd_sax_fail(), sd_sax_stop()).
 */
#ifndef SD_SAX_H
#define SD_SAX_H

#include <stddef.h>

struct sd_sax;

/*
 * An element's attributes as libxml2's SAX2 reader delivers them, looked
 * up with sd_sax_attr() and sd_sax_attr_dup(); borrowed for the length
 * of the start callback.
 */
struct sd_sax_attrs {
	const char *const *v; /* n tuples (local, prefix, uri, value, end) */
	int n;
};

/*
 * The reader's callbacks, each given the `ctx` of sd_sax_new(); any may
 * be NULL. `local` is the element's local name and `uri` its namespace
 * (NULL when it has none); both are borrowed, and names come interned in
 * the parser's dictionary (see sd_sax_intern()). `text` is character data
 * and CDATA alike, in pieces of any size, not NUL-terminated. No callback
 * runs after the parse was stopped.
 */
struct sd_sax_handler {
	void (*start)(void *ctx, const char *local, const char *uri,
		      const struct sd_sax_attrs *attrs);
	void (*end)(void *ctx, const char *local, const char *uri);
	void (*text)(void *ctx, const char *text, size_t len);
};

#define SD_SAX_MAX_DEPTH_DEFAULT 256

struct sd_sax_opts {
	/* The document's name in every message ("file.zip!member.xml"). */
	const char *source;
	/* Read the bytes as this encoding whatever the document declares
	 * ("windows-1252"); NULL: as declared or detected. */
	const char *encoding;
	/* Elements nested deeper fail with SD_ELIMIT; 0: the default. */
	int max_depth;
};

/*
 * A parser for one document, calling `h` with `ctx`. `opts->source` is
 * borrowed and must outlive the parser. Returns 0 and *out, which the
 * caller frees with sd_sax_free(), or an error (an encoding libxml2 has
 * no decoder for, no memory).
 */
int sd_sax_new(struct sd_sax **out, const struct sd_sax_handler *h,
	       void *ctx, const struct sd_sax_opts *opts);
void sd_sax_free(struct sd_sax *sax);

/*
 * Parse the document in [data, data + len) (fed in pieces of at most
 * 1 MiB) or read from `fd` until its end (`path` names it in read
 * errors; the descriptor stays open). One parse per parser. Returns 0
 * when the document was read to its end, or stopped by sd_sax_stop();
 * else the first error: one a callback gave to sd_sax_fail() or
 * sd_sax_stop(), the refusal of an entity declaration, a nesting limit,
 * a read error, or the document not being well-formed XML.
 */
int sd_sax_parse_memory(struct sd_sax *sax, const char *data, size_t len);
int sd_sax_parse_fd(struct sd_sax *sax, int fd, const char *path);

/*
 * From a callback: stop the parse with error `code` and the message
 * "source:line: <fmt...>". Only the first error counts. Returns `code`.
 */
int sd_sax_fail(struct sd_sax *sax, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * From a callback: stop the parse. `err` is 0 for a reader that has read
 * all it wanted (the parse then returns 0), or a negative code whose
 * message is already in the error slot.
 */
void sd_sax_stop(struct sd_sax *sax, int err);

/* The line the parser stands on (from 1). */
int sd_sax_line(const struct sd_sax *sax);

/* Elements open, counting the one a start or end callback is about. */
int sd_sax_depth(const struct sd_sax *sax);

/*
 * `name` interned in the parser's dictionary: a name a callback gets is
 * this very pointer when sd_sax_interned() says the dictionary holds it,
 * so a reader compares pointers instead of text. Valid until
 * sd_sax_free().
 */
const char *sd_sax_intern(struct sd_sax *sax, const char *name);
int sd_sax_interned(const struct sd_sax *sax, const char *name);

/*
 * After a parse that failed: nonzero when it stopped on bytes that are
 * not UTF-8 in a document declaring UTF-8 or no encoding at all (and
 * read with no `encoding` forced); *line is where.
 */
int sd_sax_not_utf8(const struct sd_sax *sax, int *line);

/*
 * The attribute `name` of no namespace: its value, not NUL-terminated,
 * with its length in *len; NULL when the element has none. Borrowed.
 * A '&' in the value arrives written "&#38;" (libxml2 does that when
 * entities are not substituted): sd_sax_attr_dup() decodes it.
 */
const char *sd_sax_attr(const struct sd_sax_attrs *attrs, const char *name,
			size_t *len);

/* The same value decoded, as a new string; NULL when there is none. */
char *sd_sax_attr_dup(const struct sd_sax_attrs *attrs, const char *name);

#endif
