/*
 * The only reader of benchmark XML: XCCDF 1.1 benchmarks, XCCDF 1.2
 * benchmarks (alone or inside SCAP source data streams) and this
 * project's normalized documents, streamed through the SAX harness
 * (sax.h) so that memory holds the rule being read, not the document.
 *
 * This file holds the harness's callbacks: each element is recognised
 * (xccdf_parse_elems.c), pushed on a depth-bounded stack with the state
 * its place gives it, and handed to its format's file (xccdf_parse_xccdf.c
 * or xccdf_parse_norm.c); a benchmark's end completes and delivers it
 * (xccdf_parse_finish.c). Here too: the limits on rules, Groups and
 * field sizes, header_only reading, and the second reading as
 * Windows-1252 of a document that is not the UTF-8 it declares.
 * Untrusted input is the normal case: the harness refuses entity
 * declarations (billion laughs, XXE) and loads nothing from the network
 * or disk.
 */
#include "xccdf_parse_int.h"
#include "error.h"
#include "normalize.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static enum state parent_state(const struct pstate *st)
{
	return st->depth > 0 ? (enum state)st->stack[st->depth - 1].state
			     : S_DOC;
}

static void begin_text(struct pstate *st)
{
	st->text_depth = st->depth - 1; /* called after the push */
	sd_buf_reset(&st->text);
}

/* The captured text as a new string, normalized unless `raw`. */
static char *take_text(struct pstate *st, int raw)
{
	char *s = sd_xstrndup(st->text.ptr, st->text.len);

	st->text_depth = -1;
	if (!raw)
		sd_text_normalize(s);
	return s;
}

static void end_rule(struct pstate *st)
{
	struct sd_rule *r = st->rule;

	sd_rule_derive_ids(r);
	st->rule = NULL;
}

static void on_start(void *ctx, const char *local, const char *uri,
		     const struct sd_sax_attrs *attrs)
{
	struct pstate *st = ctx;
	enum elem e = sd_xp_lookup(st, local, uri);
	enum state up = parent_state(st), s;
	int bad;

	if (st->depth == 0 && e != E_BENCHMARK && e != E_DS_COLLECTION &&
	    e != E_N_ROOT) {
		sd_sax_stop(st->sax, sd_error_set(SD_ENOTBENCH,
						  "%s: not a benchmark (root element '%s')",
						  st->source, local));
		return;
	}
	s = sd_xp_next_state(up, e, &bad);
	if (bad)
		sd_xp_misplaced(st, local);
	if (st->opts.header_only && (up == S_BENCH || up == S_N_BENCH) &&
	    (s == S_GROUP || s == S_RULE || s == S_N_RULE)) {
		/* The header is complete: deliver it, skip to its end. */
		sd_xp_deliver_header(st);
		s = S_SKIP;
	}
	if (s == S_GROUP && st->ngroups >= MAX_GROUP_DEPTH) {
		sd_sax_fail(st->sax, SD_ELIMIT, "Groups nested deeper than %d",
			    MAX_GROUP_DEPTH);
		return;
	}
	if ((s == S_RULE || s == S_N_RULE) &&
	    st->b->nrules >= st->opts.max_rules) {
		sd_sax_fail(st->sax, SD_ELIMIT, "more than %zu rules",
			    st->opts.max_rules);
		return;
	}
	if (s == S_CHECK && st->have_check)
		s = S_IGNORE; /* XCCDF allows more; the first one is read */
	st->stack[st->depth].state = (unsigned char)s;
	st->stack[st->depth].elem = (unsigned char)e;
	st->depth++;

	if (s == S_TEXT)
		begin_text(st);
	/* The formats' own meanings; a misplaced element has none. */
	if (s >= S_N_ROOT || (s == S_TEXT && e >= E_N_ROOT))
		sd_xp_norm_start(st, s, e, attrs);
	else if (!bad)
		sd_xp_xccdf_start(st, s, e, up, uri, attrs);
}

/* A captured text field ends: `e` opened under a parent in state `up`. */
static void end_text(struct pstate *st, enum elem e, enum state up,
		     const char *local)
{
	char *text = take_text(st, e == E_DESCRIPTION && up == S_RULE);

	if (e >= E_N_ROOT)
		sd_xp_norm_text(st, e, up, local, text);
	else
		sd_xp_xccdf_text(st, e, up, text);
}

static void on_end(void *ctx, const char *local, const char *uri)
{
	struct pstate *st = ctx;
	struct frame f;

	(void)uri;
	if (st->depth == 0)
		return;
	f = st->stack[--st->depth];
	switch ((enum state)f.state) {
	case S_TEXT:
		end_text(st, (enum elem)f.elem, parent_state(st), local);
		break;
	case S_BENCH:
	case S_N_BENCH:
		sd_xp_end_benchmark(st);
		break;
	case S_PROFILE:
	case S_N_PROFILE:
		free(st->profile_stack.v[--st->profile_stack.n]);
		st->profile_stack.v[st->profile_stack.n] = NULL;
		break;
	case S_GROUP:
		sd_xp_end_group(st);
		break;
	case S_RULE:
	case S_N_RULE:
		end_rule(st);
		break;
	case S_CHECK:
		st->have_check = 1;
		break;
	default:
		break;
	}
}

static void on_text(void *ctx, const char *ch, size_t len)
{
	struct pstate *st = ctx;
	enum state s = parent_state(st);

	if (st->text_depth < 0 || (s != S_TEXT && s != S_MARKUP))
		return;
	if (st->text.len + len > st->opts.max_field) {
		sd_sax_fail(st->sax, SD_ELIMIT,
			    "text field longer than %zu bytes",
			    st->opts.max_field);
		return;
	}
	sd_buf_add(&st->text, ch, len);
}

/* A document in memory or behind a descriptor (`path` names it). */
struct input {
	const char *data;
	size_t len;
	int fd;
	const char *path;
};

static int parse_once(const struct input *in, const char *source,
		      const struct sd_parse_opts *opts, sd_benchmark_cb cb,
		      void *cbctx, struct attempt *att)
{
	static const struct sd_sax_handler h = { on_start, on_end, on_text };
	struct sd_sax_opts so = { source, att->force_enc, MAX_DEPTH };
	struct pstate st;
	int err;

	memset(&st, 0, sizeof(st));
	st.source = source;
	st.text_depth = -1;
	st.att = att;
	st.opts.max_field = opts && opts->max_field ? opts->max_field
						    : SD_PARSE_MAX_FIELD_DEFAULT;
	st.opts.max_rules = opts && opts->max_rules ? opts->max_rules
						    : SD_PARSE_MAX_RULES_DEFAULT;
	st.opts.header_only = opts && opts->header_only;
	st.cb = cb;
	st.cbctx = cbctx;
	sd_buf_init(&st.text);

	if ((err = sd_sax_new(&st.sax, &h, &st, &so)) < 0)
		return err;
	/* Element names arrive interned: sd_xp_lookup() compares pointers. */
	sd_xp_intern(&st);
	err = in->data ? sd_sax_parse_memory(st.sax, in->data, in->len)
		       : sd_sax_parse_fd(st.sax, in->fd, in->path);
	if (err == SD_EPARSE)
		att->not_utf8 = sd_sax_not_utf8(st.sax, &att->line);
	if (!err && !st.done && (st.depth || st.b))
		err = sd_error_set(SD_EPARSE, "%s: document ends early",
				   source);
	if (st.misplaced > MAX_PLACE_WARNINGS)
		sd_warn("%s: %lu more elements out of place ignored", source,
			st.misplaced - MAX_PLACE_WARNINGS);

	/* Release whatever an error left half-built. */
	sd_benchmark_free(st.b);
	while (st.ngroups > 0) {
		st.ngroups--;
		free(st.groups[st.ngroups].id);
		free(st.groups[st.ngroups].title);
	}
	for (size_t i = 0; i < st.nsel; i++) {
		free(st.sel[i].profile);
		free(st.sel[i].idref);
	}
	free(st.sel);
	sd_strv_release(&st.profile_stack);
	free(st.attr_a);
	sd_buf_release(&st.text);
	sd_sax_free(st.sax);
	return err;
}

/*
 * Read a document, and once more from its start as Windows-1252 when the
 * first reading stopped on bytes that are not UTF-8 in a document
 * declaring UTF-8 or no encoding at all: DISA published such files for
 * years. A second reading that fails too reports the first one's error.
 */
static int parse_source(const struct input *in, const char *source,
			const struct sd_parse_opts *opts, sd_benchmark_cb cb,
			void *ctx)
{
	struct attempt first = { NULL, 0, 0, 0, 0 }, again;
	char *msg;
	int err;

	err = parse_once(in, source, opts, cb, ctx, &first);
	if (err != SD_EPARSE || !first.not_utf8 ||
	    (!in->data && lseek(in->fd, 0, SEEK_SET) != 0))
		return err;
	msg = sd_xstrdup(sd_error_last());
	memset(&again, 0, sizeof(again));
	again.force_enc = "windows-1252";
	again.skip = first.delivered;
	again.line = first.line; /* warnings up to here were given */
	err = parse_once(in, source, opts, cb, ctx, &again);
	if (err == 0)
		sd_warn("%s:%d: not UTF-8 as declared; read as Windows-1252",
			source, first.line);
	else if (err == SD_EPARSE)
		err = sd_error_set(SD_EPARSE, "%s", msg);
	free(msg);
	return err;
}

int sd_xccdf_parse_memory(const char *data, size_t len, const char *source,
			  const struct sd_parse_opts *opts,
			  sd_benchmark_cb cb, void *ctx)
{
	struct input in = { data ? data : "", len, -1, NULL };

	return parse_source(&in, source, opts, cb, ctx);
}

int sd_xccdf_parse_file(const char *path, const char *source,
			const struct sd_parse_opts *opts, sd_benchmark_cb cb,
			void *ctx)
{
	struct input in = { NULL, 0, -1, path };
	int err;

	if ((in.fd = open(path, O_RDONLY)) < 0)
		return sd_error_errno(SD_EIO, "cannot open '%s'", path);
	err = parse_source(&in, source ? source : path, opts, cb, ctx);
	close(in.fd);
	return err;
}
