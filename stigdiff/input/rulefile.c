/*
 * The corpus text form of rules and benchmark metadata (see rulefile.h
 * and README.md, "Corpus format").
 *
 * A file is a header of `name: value` lines (single-line identifiers)
 * followed by blocks, each a `[name]` or `[name ARG]` line and the
 * field's text. Blocks are separated by one blank line. A text line
 * that starts with '[' or '\' is written with a '\' in front, so a
 * header line is always recognisable; ARG is percent-encoded.
 */
#include "rulefile.h"
#include "error.h"
#include "hash.h"
#include "words.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Fields the reader derives from others (sd_rule_derive_ids). */
static const char *const derived_fields[] = { "rule-base", "revision",
					      "srg" };

static int is_derived(const char *name)
{
	for (size_t i = 0; i < SD_ARRAY_SIZE(derived_fields); i++)
		if (!strcmp(derived_fields[i], name))
			return 1;
	return 0;
}

/* ---- Writing ---- */

struct writer {
	struct sd_buf *out;
	int blocks; /* nonzero once anything is written: blank line next */
};

static void put_line(struct writer *w, const char *name, const char *value)
{
	sd_buf_addstr(w->out, name);
	sd_buf_addch(w->out, ':');
	if (*value) {
		sd_buf_addch(w->out, ' ');
		sd_buf_addstr(w->out, value);
	}
	sd_buf_addch(w->out, '\n');
}

static void put_arg(struct sd_buf *out, const char *arg)
{
	for (const unsigned char *p = (const unsigned char *)arg; *p; p++) {
		if (*p <= ' ' || *p == '%' || *p == ']' || *p == 0x7f)
			sd_buf_addf(out, "%%%02X", *p);
		else
			sd_buf_addch(out, (char)*p);
	}
}

static void put_block(struct writer *w, const char *name, const char *arg,
		      const char *text)
{
	const char *p = text, *nl;

	if (w->blocks++)
		sd_buf_addch(w->out, '\n');
	sd_buf_addch(w->out, '[');
	sd_buf_addstr(w->out, name);
	if (arg) {
		sd_buf_addch(w->out, ' ');
		put_arg(w->out, arg);
	}
	sd_buf_addstr(w->out, "]\n");
	if (!*text)
		return;
	for (;;) {
		nl = strchr(p, '\n');
		if (*p == '[' || *p == '\\')
			sd_buf_addch(w->out, '\\');
		if (!nl) {
			sd_buf_addstr(w->out, p);
			sd_buf_addch(w->out, '\n');
			break;
		}
		sd_buf_add(w->out, p, (size_t)(nl - p + 1));
		p = nl + 1;
	}
}

static int one_line(const char *s)
{
	return !strchr(s, '\n');
}

static int list_one_line(const struct sd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!one_line(sv->v[i]))
			return 0;
	return 1;
}

static const char *severity_text(const struct sd_rule *r)
{
	if (r->severity != SD_SEV_UNKNOWN)
		return sd_severity_name(r->severity);
	return r->severity_raw;
}

/* The lists of a rule, with the names they carry in the file. */
struct rule_list {
	const char *name;
	size_t offset;
};
static const struct rule_list rule_lists[] = {
	{ "cci", offsetof(struct sd_rule, ccis) },
	{ "legacy", offsetof(struct sd_rule, legacy) },
	{ "profile", offsetof(struct sd_rule, profiles) },
};
#define RULE_LIST(r, l) ((struct sd_strv *)((char *)(r) + (l)->offset))

void sd_rulefile_write_rule(struct sd_buf *out, const struct sd_rule *r)
{
	struct writer w = { out, 0 };
	const char *sev = severity_text(r);
	size_t start = out->len;

	/* Header: every single-line identifier, in a fixed order. */
	if (r->vuln_id && one_line(r->vuln_id))
		put_line(&w, "vuln-id", r->vuln_id);
	if (sev && one_line(sev))
		put_line(&w, "severity", sev);
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];
		const char *v = SD_RULE_FIELD(r, f);

		if (f->is_id && v && one_line(v) && !is_derived(f->name))
			put_line(&w, f->name, v);
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(rule_lists); i++) {
		const struct sd_strv *sv = RULE_LIST(r, &rule_lists[i]);

		if (list_one_line(sv))
			for (size_t j = 0; j < sv->n; j++)
				put_line(&w, rule_lists[i].name, sv->v[j]);
	}
	/* A blank line goes between the header and the first block. */
	w.blocks = out->len > start;

	/* Blocks: prose fields, then identifiers that span lines. */
	if (r->vuln_id && !one_line(r->vuln_id))
		put_block(&w, "vuln-id", NULL, r->vuln_id);
	if (sev && !one_line(sev))
		put_block(&w, "severity", NULL, sev);
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];
		const char *v = SD_RULE_FIELD(r, f);

		if (v && !is_derived(f->name) && (!f->is_id || !one_line(v)))
			put_block(&w, f->name, NULL, v);
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(rule_lists); i++) {
		const struct sd_strv *sv = RULE_LIST(r, &rule_lists[i]);

		if (!list_one_line(sv))
			for (size_t j = 0; j < sv->n; j++)
				put_block(&w, rule_lists[i].name, NULL,
					  sv->v[j]);
	}
	for (size_t i = 0; i < r->nidents; i++)
		put_block(&w, "ident",
			  r->idents[i].system ? r->idents[i].system : "",
			  r->idents[i].value ? r->idents[i].value : "");
}

void sd_rulefile_write_benchmark(struct sd_buf *out,
				 const struct sd_benchmark *b)
{
	struct writer w = { out, 0 };
	size_t start = out->len;
	char label[32];
	const struct {
		const char *name;
		const char *value;
	} lines[] = {
		{ "id", b->id },
		{ "xccdf-version", b->xccdf_version },
		{ "version", b->version },
		{ "version-label", sd_benchmark_vr(b, label)[0] ? label : NULL },
		{ "release-info", b->release_info },
		{ "date", b->date },
		{ "status", b->status },
		{ "status-date", b->status_date },
	};

	for (size_t i = 0; i < SD_ARRAY_SIZE(lines); i++)
		if (lines[i].value && one_line(lines[i].value))
			put_line(&w, lines[i].name, lines[i].value);
	w.blocks = out->len > start;
	for (size_t i = 0; i < SD_ARRAY_SIZE(lines); i++)
		if (lines[i].value && !one_line(lines[i].value))
			put_block(&w, lines[i].name, NULL, lines[i].value);
	if (b->title)
		put_block(&w, "title", NULL, b->title);
	if (b->description)
		put_block(&w, "description", NULL, b->description);
	for (size_t i = 0; i < b->nplain_texts; i++)
		put_block(&w, "plain-text",
			  b->plain_texts[i].system ? b->plain_texts[i].system
						   : "",
			  b->plain_texts[i].value ? b->plain_texts[i].value
						  : "");
	for (size_t i = 0; i < b->nprofiles; i++)
		put_block(&w, "profile",
			  b->profiles[i].id ? b->profiles[i].id : "",
			  b->profiles[i].title ? b->profiles[i].title : "");
}

/* ---- Reading ---- */

/*
 * Walks a file as (name, arg, value) items: header lines and blocks
 * alike. Values and args are new strings owned by the reader until
 * taken.
 */
struct reader {
	const char *p, *end;
	const char *file;
	unsigned line;      /* of the next line to read */
	unsigned item_line; /* where the current item starts */
	int in_blocks;
	char *name, *arg, *value;
};

static int reader_error(struct reader *rd, const char *msg)
{
	return sd_error_set(SD_EPARSE, "%s:%u: %s", rd->file, rd->item_line,
			    msg);
}

static void reader_clear(struct reader *rd)
{
	free(rd->name);
	free(rd->arg);
	free(rd->value);
	rd->name = rd->arg = rd->value = NULL;
}

/* The current line [p, eol) and where the next one starts. */
static const char *line_end(const struct reader *rd, const char **next)
{
	const char *nl = memchr(rd->p, '\n', (size_t)(rd->end - rd->p));

	*next = nl ? nl + 1 : rd->end;
	return nl ? nl : rd->end;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int decode_arg(struct reader *rd, const char *s, const char *e,
		      char **out)
{
	struct sd_buf b = SD_BUF_INIT;

	for (; s < e; s++) {
		if (*s == '%') {
			int hi, lo;

			if (e - s < 3 || (hi = hexval(s[1])) < 0 ||
			    (lo = hexval(s[2])) < 0 || !(hi | lo)) {
				sd_buf_release(&b);
				return reader_error(rd,
						    "bad %-escape in block name");
			}
			sd_buf_addch(&b, (char)(hi << 4 | lo));
			s += 2;
		} else {
			sd_buf_addch(&b, *s);
		}
	}
	*out = sd_buf_detach(&b);
	return 0;
}

static int read_block_head(struct reader *rd, const char *s, const char *e)
{
	const char *sp;

	if (e - s < 3 || e[-1] != ']')
		return reader_error(rd, "malformed block line");
	s++;
	e--;
	sp = memchr(s, ' ', (size_t)(e - s));
	rd->name = sd_xstrndup(s, (size_t)((sp ? sp : e) - s));
	if (sp)
		return decode_arg(rd, sp + 1, e, &rd->arg);
	return 0;
}

/*
 * Read the next item. Returns 1 with name/arg/value set, 0 at the end,
 * or SD_EPARSE.
 */
static int reader_next(struct reader *rd)
{
	const char *eol, *next;
	struct sd_buf val = SD_BUF_INIT;
	int err, nlines = 0;

	reader_clear(rd);
	/* Blank lines separate header from blocks and blocks from blocks. */
	while (rd->p < rd->end) {
		eol = line_end(rd, &next);
		if (eol != rd->p)
			break;
		rd->in_blocks = 1;
		rd->p = next;
		rd->line++;
	}
	if (rd->p >= rd->end)
		return 0;
	rd->item_line = rd->line;
	eol = line_end(rd, &next);
	if (*rd->p != '[') {
		const char *colon = memchr(rd->p, ':', (size_t)(eol - rd->p));

		if (rd->in_blocks)
			return reader_error(rd, "text outside a block");
		if (!colon || colon == rd->p ||
		    (colon + 1 < eol && colon[1] != ' '))
			return reader_error(rd, "expected 'name: value'");
		rd->name = sd_xstrndup(rd->p, (size_t)(colon - rd->p));
		rd->value = colon + 1 < eol
				    ? sd_xstrndup(colon + 2,
						  (size_t)(eol - colon - 2))
				    : sd_xstrdup("");
		rd->p = next;
		rd->line++;
		return 1;
	}
	rd->in_blocks = 1;
	if ((err = read_block_head(rd, rd->p, eol)) < 0)
		return err;
	rd->p = next;
	rd->line++;
	/* The text runs to the next block line; one blank line before it
	 * is the separator. */
	while (rd->p < rd->end && *rd->p != '[') {
		const char *s = rd->p;

		eol = line_end(rd, &next);
		if (*s == '\\')
			s++;
		if (nlines++)
			sd_buf_addch(&val, '\n');
		sd_buf_add(&val, s, (size_t)(eol - s));
		rd->p = next;
		rd->line++;
	}
	if (rd->p < rd->end && nlines) {
		/* Drop the separator: the last line read, which is empty. */
		if (val.len && val.ptr[val.len - 1] != '\n' &&
		    nlines > 1) {
			sd_buf_release(&val);
			return reader_error(rd, "no blank line before block");
		}
		if (nlines == 1 && val.len) {
			sd_buf_release(&val);
			return reader_error(rd, "no blank line before block");
		}
		sd_buf_setlen(&val, val.len ? val.len - 1 : 0);
	}
	rd->value = sd_buf_detach(&val);
	return 1;
}

static int set_once(struct reader *rd, char **slot)
{
	if (*slot)
		return reader_error(rd, "field given twice");
	*slot = rd->value;
	rd->value = NULL;
	return 0;
}

static int rule_item(struct reader *rd, struct sd_rule *r)
{
	const struct sd_rule_field *f;

	if (rd->arg && strcmp(rd->name, "ident"))
		return reader_error(rd, "unexpected block argument");
	if (!strcmp(rd->name, "vuln-id"))
		return set_once(rd, &r->vuln_id);
	if (!strcmp(rd->name, "severity")) {
		int err = set_once(rd, &r->severity_raw);

		r->severity = sd_severity_parse(r->severity_raw);
		return err;
	}
	if (!strcmp(rd->name, "ident")) {
		struct sd_ident *id;

		if (!rd->arg)
			return reader_error(rd, "ident block without system");
		r->idents = sd_xrealloc(r->idents,
					(r->nidents + 1) * sizeof(*r->idents));
		id = &r->idents[r->nidents++];
		id->system = rd->arg;
		id->value = rd->value;
		rd->arg = rd->value = NULL;
		return 0;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(rule_lists); i++) {
		if (!strcmp(rd->name, rule_lists[i].name)) {
			sd_strv_push_owned(RULE_LIST(r, &rule_lists[i]),
					   rd->value);
			rd->value = NULL;
			return 0;
		}
	}
	f = sd_rule_field_find(rd->name);
	if (!f || is_derived(f->name))
		return reader_error(rd, "unknown field");
	return set_once(rd, &SD_RULE_FIELD(r, f));
}

int sd_rulefile_parse_rule(const char *text, size_t len, const char *name,
			   struct sd_rule *r)
{
	struct reader rd = { text, text + len, name, 1, 1, 0, NULL, NULL, NULL };
	int err;

	while ((err = reader_next(&rd)) > 0)
		if ((err = rule_item(&rd, r)) < 0)
			break;
	reader_clear(&rd);
	if (err < 0)
		return err;
	sd_rule_derive_ids(r);
	return 0;
}

static int bench_item(struct reader *rd, struct sd_benchmark *b)
{
	struct {
		const char *name;
		char **slot;
	} fields[] = {
		{ "id", &b->id },
		{ "xccdf-version", &b->xccdf_version },
		{ "version", &b->version },
		{ "release-info", &b->release_info },
		{ "date", &b->date },
		{ "status", &b->status },
		{ "status-date", &b->status_date },
		{ "title", &b->title },
		{ "description", &b->description },
	};

	if (!strcmp(rd->name, "plain-text") || !strcmp(rd->name, "profile")) {
		if (!rd->arg)
			return reader_error(rd, "block without its id");
		if (rd->name[1] == 'l') {
			struct sd_ident *t;

			b->plain_texts = sd_xrealloc(
				b->plain_texts,
				(b->nplain_texts + 1) * sizeof(*t));
			t = &b->plain_texts[b->nplain_texts++];
			t->system = rd->arg;
			t->value = rd->value;
		} else {
			struct sd_profile *p;

			b->profiles = sd_xrealloc(
				b->profiles, (b->nprofiles + 1) * sizeof(*p));
			p = &b->profiles[b->nprofiles++];
			p->id = rd->arg;
			p->title = rd->value;
		}
		rd->arg = rd->value = NULL;
		return 0;
	}
	if (rd->arg)
		return reader_error(rd, "unexpected block argument");
	if (!strcmp(rd->name, "version-label")) {
		int v = 0, r = 0, rsub = 0;
		char extra;

		if (sscanf(rd->value, "V%dR%d.%d%c", &v, &r, &rsub, &extra) != 3 &&
		    (rsub = 0,
		     sscanf(rd->value, "V%dR%d%c", &v, &r, &extra) != 2) &&
		    (r = 0, sscanf(rd->value, "V%d%c", &v, &extra) != 1))
			return reader_error(rd, "bad version-label");
		b->v = v;
		b->r = r;
		b->rsub = rsub;
		return 0;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(fields); i++)
		if (!strcmp(rd->name, fields[i].name))
			return set_once(rd, fields[i].slot);
	return reader_error(rd, "unknown field");
}

int sd_rulefile_parse_benchmark(const char *text, size_t len,
				const char *name, struct sd_benchmark **out)
{
	struct reader rd = { text, text + len, name, 1, 1, 0, NULL, NULL, NULL };
	struct sd_benchmark *b = sd_xcalloc(1, sizeof(*b));
	int err;

	while ((err = reader_next(&rd)) > 0)
		if ((err = bench_item(&rd, b)) < 0)
			break;
	reader_clear(&rd);
	if (err < 0) {
		sd_benchmark_free(b);
		return err;
	}
	*out = b;
	return 0;
}

/* ---- Names ---- */

char *sd_rulefile_slug(const char *id)
{
	struct sd_buf b = SD_BUF_INIT;
	struct sd_word w;

	/* Words lower-cased, joined by '-', cut after 80 bytes. */
	while (b.len < 80 && sd_words_next(&id, SD_WORDS_ASCII, &w)) {
		if (b.len)
			sd_buf_addch(&b, '-');
		for (size_t i = 0; i < w.len && (i == 0 || b.len < 80); i++)
			sd_buf_addch(&b, sd_words_fold(w.s[i]));
	}
	if (b.len > 5 && sd_ends_with(b.ptr, "-stig"))
		sd_buf_setlen(&b, b.len - 5);
	if (!b.len) {
		sd_buf_release(&b);
		return NULL;
	}
	/* refs/heads/main and refs/heads/lineage are not benchmarks. */
	if (!strcmp(b.ptr, "main") || !strcmp(b.ptr, "lineage"))
		sd_buf_addstr(&b, "-benchmark");
	return sd_buf_detach(&b);
}

int sd_rulefile_label(const struct sd_benchmark *b, char out[64])
{
	size_t n = 0;

	if (b->v > 0) {
		char vr[32];

		snprintf(out, 64, "%s", sd_benchmark_vr(b, vr));
		return 0;
	}
	out[0] = '\0';
	if (!b->version)
		return -1;
	out[n++] = 'v';
	for (const unsigned char *p = (const unsigned char *)b->version;
	     *p && n < 40; p++)
		out[n++] = isalnum(*p) && *p < 0x80 ? (char)*p : '-';
	out[n] = '\0';
	if (n == 1) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* Names made distinct: `names` and the set of them, the reserved
 * name of the benchmark file first (not in `names`). */
struct nameset {
	struct sd_htab t;
	const struct sd_strv *names;
};

static const char *nameset_at(const struct nameset *ns, size_t k)
{
	return k ? ns->names->v[k - 1] : SD_RULEFILE_BENCHMARK;
}

/* Is `s` a name of the set already? Else its hash is in *h. */
static int nameset_has(const struct nameset *ns, const char *s, uint64_t *h)
{
	size_t pos, k;

	*h = sd_hash_str(s);
	for (k = sd_htab_find(&ns->t, *h, &pos); k;
	     k = sd_htab_next(&ns->t, *h, &pos))
		if (!strcmp(nameset_at(ns, k - 1), s))
			return 1;
	return 0;
}

void sd_rulefile_names(const struct sd_benchmark *b, struct sd_strv *names)
{
	struct nameset ns;
	uint64_t h;

	sd_htab_init(&ns.t, b->nrules + 1);
	ns.names = names;
	/* Item 0 is the benchmark file, item k the name names->v[k - 1]. */
	nameset_has(&ns, SD_RULEFILE_BENCHMARK, &h);
	sd_htab_put(&ns.t, h, 0);
	for (size_t i = 0; i < b->nrules; i++) {
		const struct sd_rule *r = &b->rules[i];
		const char *id = r->vuln_id && *r->vuln_id ? r->vuln_id
			       : r->rule_id && *r->rule_id ? r->rule_id
							   : "rule";
		struct sd_buf base = SD_BUF_INIT, name = SD_BUF_INIT;

		for (const unsigned char *p = (const unsigned char *)id;
		     *p && base.len < 100; p++)
			sd_buf_addch(&base, (isalnum(*p) && *p < 0x80) ||
						    *p == '-' || *p == '_' ||
						    (*p == '.' && base.len)
					    ? (char)*p
					    : '_');
		sd_buf_addf(&name, "%s%s", base.ptr, SD_RULEFILE_EXT);
		for (unsigned k = 2; nameset_has(&ns, name.ptr, &h); k++) {
			sd_buf_reset(&name);
			sd_buf_addf(&name, "%s~%u%s", base.ptr, k,
				    SD_RULEFILE_EXT);
		}
		sd_strv_push_owned(names, sd_buf_detach(&name));
		sd_htab_put(&ns.t, h, names->n);
		sd_buf_release(&base);
	}
	sd_htab_release(&ns.t);
}
