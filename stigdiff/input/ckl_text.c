/*
 * New rules of a .ckl as text: libxml2 writes the tree with a marking
 * comment where each new VULN goes, and the VULN is written in its place
 * byte for byte as libxml2 would write it (UTF-8 documents only), which
 * is much faster than building the nodes.
 */
#include "ckl_int.h"
#include "error.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- fresh rules as text ---- */

/*
 * Text as libxml2 writes it in a UTF-8 document: & < > and CR escaped,
 * characters XML cannot hold as U+FFFD (with the same warning as
 * set_text).
 */
static void esc(struct wstate *w, struct sd_buf *b, const char *s,
		const char *rule, const char *what)
{
	if (sd_xml_escape(b, s ? s : "", SD_XML_GT))
		sd_warn("%s: %s%s%s%s: characters XML cannot hold written as U+FFFD",
			w->source, rule ? "rule '" : "", rule ? rule : "",
			rule ? "' " : "", what);
}

/* A line break and `level` units below `ind` (nothing when unindented). */
static void nl(struct wstate *w, struct sd_buf *b, const char *ind, int level)
{
	if (!ind)
		return;
	sd_buf_addch(b, '\n');
	sd_buf_addstr(b, ind);
	while (level-- > 0)
		sd_buf_addstr(b, w->unit);
}

static void text_elem(struct wstate *w, struct sd_buf *b, const char *name,
		      const char *value, const char *rule, const char *what)
{
	sd_buf_addch(b, '<');
	sd_buf_addstr(b, name);
	sd_buf_addch(b, '>');
	esc(w, b, value, rule, what);
	sd_buf_addstr(b, "</");
	sd_buf_addstr(b, name);
	sd_buf_addch(b, '>');
}

/* The VULN build_vuln() would build, as libxml2 would write it. */
static void render_vuln(struct wstate *w, struct sd_buf *b,
			const struct sd_cl_vuln *v, const char *ind)
{
	const char *label = sd_cl_vuln_label(v);

	sd_buf_addstr(b, "<VULN>");
	for (size_t i = 0; i < v->data.n; i++) {
		const struct sd_cl_pair *p = &v->data.v[i];

		nl(w, b, ind, 1);
		sd_buf_addstr(b, "<STIG_DATA>");
		nl(w, b, ind, 2);
		text_elem(w, b, "VULN_ATTRIBUTE", p->name, NULL, p->name);
		nl(w, b, ind, 2);
		text_elem(w, b, "ATTRIBUTE_DATA", p->value, NULL, p->name);
		nl(w, b, ind, 1);
		sd_buf_addstr(b, "</STIG_DATA>");
	}
	for (int f = 0; f < SD_CL_NFIELDS; f++) {
		nl(w, b, ind, 1);
		text_elem(w, b, sd_cl_field_name(f), field_text(v, f), label,
			  sd_cl_field_name(f));
	}
	if (v->es) {
		char *t = sd_ckl_es_comment_text(v->es, w->source);

		nl(w, b, ind, 1);
		sd_buf_addf(b, "<!--%s-->", t);
		free(t);
	}
	nl(w, b, ind, 0);
	sd_buf_addstr(b, "</VULN>");
}

/*
 * Write what libxml2 wrote (`out`), with each marking comment replaced by
 * its rule, then take the marks out of the document again.
 */
int sd_ckl_write_spliced(struct wstate *w, const char *out, size_t len,
			 FILE *fp)
{
	struct sd_buf b = SD_BUF_INIT, needle = SD_BUF_INIT;
	const char *p = out, *end = out + len;
	size_t next = 0;
	int err = 0;

	sd_buf_addf(&needle, "<!--%s", w->prefix);
	while (p < end) {
		const char *m = p;
		char *q;
		size_t idx;

		while ((m = memchr(m, '<', (size_t)(end - m))) &&
		       ((size_t)(end - m) < needle.len ||
			memcmp(m, needle.ptr, needle.len)))
			m++;
		if (!m) {
			sd_buf_add(&b, p, (size_t)(end - p));
			break;
		}
		sd_buf_add(&b, p, (size_t)(m - p));
		idx = strtoul(m + needle.len, &q, 10);
		if (idx != next++ || idx >= w->nmarks || strncmp(q, "-->", 3)) {
			err = sd_error_set(SD_ERROR,
					   "%s: internal error writing rules",
					   w->source);
			break;
		}
		render_vuln(w, &b, w->marks[idx].v, w->marks[idx].indent);
		p = q + 3;
	}
	if (!err && fwrite(b.ptr, 1, b.len, fp) != b.len)
		err = sd_write_failed("the checklist");
	sd_buf_release(&b);
	sd_buf_release(&needle);
	return err;
}
