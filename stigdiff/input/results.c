/*
 * The scan-result reader (results.h): TestResult elements of XCCDF 1.1 or
 * 1.2, wherever they sit in a document, read by the SAX harness. The
 * reader keeps a small state: inside a TestResult, inside one of its
 * rule-results, and which text field is being collected.
 */
#include "results.h"
#include "buf.h"
#include "error.h"
#include "sax.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NS_XCCDF_11 "http://checklists.nist.gov/xccdf/1.1"
#define NS_XCCDF_12 "http://checklists.nist.gov/xccdf/1.2"
#define NS_LEGACY "http://cyber.mil/legacy"
#define RESULTS_MAX_FIELD ((size_t)4 << 20)
#define RESULTS_MAX_DEPTH 256

enum field { F_NONE, F_TARGET, F_ADDRESS, F_RESULT, F_MESSAGE, F_LEGACY };

struct rstate {
	struct sd_sax *sax;
	struct sd_results *out;
	size_t first;      /* out->n before this document */
	size_t max_field;
	size_t nrules;     /* rule results of this document */
	struct sd_test_result *tr; /* the TestResult open, or NULL */
	int tr_depth;
	struct sd_rule_result *rr; /* its rule-result open, or NULL */
	enum field field;
	struct sd_buf text;
};

static void rule_result_release(struct sd_rule_result *r)
{
	free(r->idref);
	free(r->rule_id);
	free(r->result);
	free(r->time);
	free(r->severity);
	free(r->version);
	free(r->message);
	sd_strv_release(&r->legacy);
}

static void test_result_release(struct sd_test_result *t)
{
	free(t->source);
	free(t->id);
	free(t->xccdf_version);
	free(t->test_system);
	free(t->start_time);
	free(t->end_time);
	free(t->target);
	free(t->target_address);
	free(t->benchmark);
	free(t->profile);
	for (size_t i = 0; i < t->nrules; i++)
		rule_result_release(&t->rules[i]);
	free(t->rules);
}

void sd_results_release(struct sd_results *r)
{
	for (size_t i = 0; i < r->n; i++)
		test_result_release(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/*
 * The rule id an idref names: DISA's XCCDF 1.2 ids carry the 1.1 id after
 * "_rule_" ("xccdf_mil.disa.stig_rule_SV-1r2_rule"); any other idref
 * (OpenSCAP's --stig-viewer "SV-1r2_rule", another vendor's) is itself.
 */
static char *rule_id_of(const char *idref)
{
	const char *p;

	if (!strncmp(idref, "xccdf_", 6) && (p = strstr(idref, "_rule_")) &&
	    p[6])
		return sd_xstrdup(p + 6);
	return sd_xstrdup(idref);
}

/* A copy of `s` without leading and trailing white space. */
static char *trimmed(const char *s)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return sd_xstrndup(s, n);
}

static int is_xccdf(const char *uri)
{
	return uri && (!strcmp(uri, NS_XCCDF_12) || !strcmp(uri, NS_XCCDF_11));
}

static void start_test_result(struct rstate *st, const char *uri,
			      const struct sd_sax_attrs *attrs)
{
	struct sd_results *o = st->out;
	struct sd_test_result *t;

	SD_ALLOC_GROW(o->v, o->n, o->cap);
	t = &o->v[o->n++];
	memset(t, 0, sizeof(*t));
	t->id = sd_sax_attr_dup(attrs, "id");
	t->xccdf_version = sd_xstrdup(strcmp(uri, NS_XCCDF_11) ? "1.2" : "1.1");
	t->test_system = sd_sax_attr_dup(attrs, "test-system");
	t->start_time = sd_sax_attr_dup(attrs, "start-time");
	t->end_time = sd_sax_attr_dup(attrs, "end-time");
	t->line = (unsigned)sd_sax_line(st->sax);
	st->tr = t;
	st->tr_depth = sd_sax_depth(st->sax);
}

static void start_rule_result(struct rstate *st,
			      const struct sd_sax_attrs *attrs)
{
	struct sd_test_result *t = st->tr;
	struct sd_rule_result *r;
	char *idref = sd_sax_attr_dup(attrs, "idref");

	if (!idref || !*idref) {
		free(idref);
		sd_sax_fail(st->sax, SD_EPARSE, "rule-result without an idref");
		return;
	}
	if (++st->nrules > SD_RESULTS_MAX_RULES) {
		free(idref);
		sd_sax_fail(st->sax, SD_ELIMIT,
			    "more than %zu rule results in one document",
			    SD_RESULTS_MAX_RULES);
		return;
	}
	SD_ALLOC_GROW(t->rules, t->nrules, t->cap);
	r = &t->rules[t->nrules++];
	memset(r, 0, sizeof(*r));
	r->idref = idref;
	r->rule_id = rule_id_of(idref);
	r->time = sd_sax_attr_dup(attrs, "time");
	r->severity = sd_sax_attr_dup(attrs, "severity");
	r->version = sd_sax_attr_dup(attrs, "version");
	r->line = (unsigned)sd_sax_line(st->sax);
	st->rr = r;
}

static void on_start(void *ctx, const char *name, const char *uri,
		     const struct sd_sax_attrs *attrs)
{
	struct rstate *st = ctx;
	int depth = sd_sax_depth(st->sax);

	st->field = F_NONE;
	if (!is_xccdf(uri))
		return;
	if (!st->tr) {
		if (!strcmp(name, "TestResult"))
			start_test_result(st, uri, attrs);
		return;
	}
	if (st->rr) {
		if (!strcmp(name, "result"))
			st->field = F_RESULT;
		else if (!strcmp(name, "message"))
			st->field = F_MESSAGE;
		else if (!strcmp(name, "ident")) {
			size_t n;
			const char *sys = sd_sax_attr(attrs, "system", &n);

			if (sys && n == strlen(NS_LEGACY) &&
			    !memcmp(sys, NS_LEGACY, n))
				st->field = F_LEGACY;
		}
	} else if (depth == st->tr_depth + 1) {
		if (!strcmp(name, "rule-result"))
			start_rule_result(st, attrs);
		else if (!strcmp(name, "target"))
			st->field = F_TARGET;
		else if (!strcmp(name, "target-address"))
			st->field = F_ADDRESS;
		else if (!strcmp(name, "benchmark") && !st->tr->benchmark) {
			st->tr->benchmark = sd_sax_attr_dup(attrs, "id");
			if (!st->tr->benchmark)
				st->tr->benchmark =
					sd_sax_attr_dup(attrs, "href");
		} else if (!strcmp(name, "profile") && !st->tr->profile)
			st->tr->profile = sd_sax_attr_dup(attrs, "idref");
	}
	sd_buf_reset(&st->text);
}

/* Keep the text collected for `slot` (the first one only: a second
 * <target> is another name of the same host). */
static void take(char **slot, struct sd_buf *text)
{
	if (!*slot)
		*slot = trimmed(text->ptr ? text->ptr : "");
}

static void add_message(struct sd_rule_result *r, struct sd_buf *text)
{
	char *m = trimmed(text->ptr ? text->ptr : "");

	if (!*m) {
		free(m);
		return;
	}
	if (r->message) {
		struct sd_buf b = SD_BUF_INIT;

		sd_buf_addf(&b, "%s\n%s", r->message, m);
		free(r->message);
		free(m);
		r->message = sd_buf_detach(&b);
	} else {
		r->message = m;
	}
}

static void on_end(void *ctx, const char *name, const char *uri)
{
	struct rstate *st = ctx;

	switch (st->field) {
	case F_TARGET: take(&st->tr->target, &st->text); break;
	case F_ADDRESS: take(&st->tr->target_address, &st->text); break;
	case F_RESULT: take(&st->rr->result, &st->text); break;
	case F_MESSAGE: add_message(st->rr, &st->text); break;
	case F_LEGACY: {
		char *id = trimmed(st->text.ptr ? st->text.ptr : "");

		if (*id)
			sd_strv_push(&st->rr->legacy, id);
		free(id);
		break;
	}
	case F_NONE: break;
	}
	st->field = F_NONE;
	if (!st->tr || !is_xccdf(uri))
		return;
	if (st->rr && !strcmp(name, "rule-result") &&
	    sd_sax_depth(st->sax) == st->tr_depth + 1) {
		if (!st->rr->result || !*st->rr->result)
			sd_sax_fail(st->sax, SD_EPARSE,
				    "rule-result '%s' without a result",
				    st->rr->idref);
		st->rr = NULL;
	} else if (!strcmp(name, "TestResult") &&
		   sd_sax_depth(st->sax) == st->tr_depth) {
		st->tr = NULL;
		st->rr = NULL;
	}
}

static void on_text(void *ctx, const char *s, size_t len)
{
	struct rstate *st = ctx;

	if (st->field == F_NONE)
		return;
	if (st->text.len + len > st->max_field) {
		st->field = F_NONE;
		sd_sax_fail(st->sax, SD_ELIMIT,
			    "a text field longer than %zu bytes", st->max_field);
		return;
	}
	sd_buf_add(&st->text, s, len);
}

/* Parse from memory (data) or a descriptor (fd >= 0). */
static int parse(const char *data, size_t len, int fd, const char *path,
		 const char *source, size_t max_field, struct sd_results *out)
{
	static const struct sd_sax_handler h = { on_start, on_end, on_text };
	struct sd_sax_opts o = { source, NULL, RESULTS_MAX_DEPTH };
	struct rstate st;
	int err;

	memset(&st, 0, sizeof(st));
	st.out = out;
	st.first = out->n;
	st.max_field = max_field ? max_field : RESULTS_MAX_FIELD;
	sd_buf_init(&st.text);
	if ((err = sd_sax_new(&st.sax, &h, &st, &o)) == 0)
		err = fd >= 0 ? sd_sax_parse_fd(st.sax, fd, path)
			      : sd_sax_parse_memory(st.sax, data, len);
	sd_sax_free(st.sax);
	sd_buf_release(&st.text);
	if (err < 0) {
		/* Nothing of a document that failed. */
		for (size_t i = st.first; i < out->n; i++)
			test_result_release(&out->v[i]);
		out->n = st.first;
		return err;
	}
	for (size_t i = st.first; i < out->n; i++)
		out->v[i].source = sd_xstrdup(source);
	return (int)(out->n - st.first);
}

int sd_results_parse_memory(const char *data, size_t len, const char *source,
			    size_t max_field, struct sd_results *out)
{
	return parse(data ? data : "", len, -1, NULL, source, max_field, out);
}

int sd_results_parse_file(const char *path, const char *source,
			  size_t max_field, struct sd_results *out)
{
	int fd, err;

	if ((fd = open(path, O_RDONLY)) < 0)
		return sd_error_errno(SD_EIO, "cannot open '%s'", path);
	err = parse(NULL, 0, fd, path, source ? source : path, max_field,
		    out);
	close(fd);
	return err;
}

struct walk {
	const struct sd_source_opts *opts;
	struct sd_results *out;
	sd_problem_cb problem;
	void *pctx;
};

static int on_doc(const struct sd_doc *doc, void *p)
{
	struct walk *w = p;
	size_t mf = w->opts->parse.max_field;
	int n;

	n = doc->data ? sd_results_parse_memory(doc->data, doc->len,
						doc->display, mf, w->out)
		      : sd_results_parse_file(doc->path, doc->display, mf,
					      w->out);
	if (n == 0 && doc->explicit_input) {
		sd_error_set(SD_ENOTFOUND, "%s: no XCCDF TestResult in it",
			     doc->display);
		n = SD_ENOTFOUND;
	} else if (n == 0) {
		if (w->opts->skipped)
			w->opts->skipped(doc->display, "no XCCDF TestResult",
					 w->opts->skipped_ctx);
		return 0;
	}
	if (n < 0) {
		if (w->problem)
			w->problem(n, sd_error_last(), w->pctx);
		return 0;
	}
	return 1;
}

int sd_results_load(const char *path, const struct sd_source_opts *opts,
		    struct sd_results *out, sd_problem_cb problem, void *pctx)
{
	static const struct sd_source_opts defaults = SD_SOURCE_OPTS_INIT;
	struct walk w = { opts ? opts : &defaults, out, problem, pctx };

	return sd_source_walk(path, w.opts, on_doc, &w, problem, pctx);
}
