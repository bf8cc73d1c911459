/*
 * The only reader of benchmark XML: XCCDF 1.1 benchmarks, XCCDF 1.2
 * benchmarks (alone or inside SCAP source data streams) and this
 * project's normalized documents, through libxml2's SAX2 interface so
 * that memory holds the rule being read, not the document.
 *
 * Elements are recognised from one table by namespace class and local
 * name; their meaning then depends on the enclosing element, kept on a
 * depth-bounded stack. Untrusted input is the normal case: no entity
 * declarations (billion laughs, XXE) are accepted, nothing is loaded from
 * the network or disk, and every text field has a size limit.
 */
#include "xccdf.h"
#include "buf.h"
#include "error.h"
#include "normalize.h"
#include "xml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#define NS_XCCDF11 "http://checklists.nist.gov/xccdf/1.1"
#define NS_XCCDF12 "http://checklists.nist.gov/xccdf/1.2"
#define NS_DS "http://scap.nist.gov/schema/scap/source/1.2"

#define MAX_DEPTH 256
#define MAX_GROUP_DEPTH 32

enum ns_class { NS_OTHER, NS_XCCDF, NS_SCAPDS, NS_NORM };

enum elem {
	E_OTHER = 0,
	/* XCCDF 1.1 and 1.2 */
	E_BENCHMARK, E_STATUS, E_TITLE, E_DESCRIPTION, E_PLAIN_TEXT,
	E_VERSION, E_PROFILE, E_SELECT, E_GROUP, E_RULE, E_IDENT,
	E_FIXTEXT, E_FIX, E_CHECK, E_CHECK_CONTENT_REF, E_CHECK_CONTENT,
	/* SCAP source data stream */
	E_DS_COLLECTION,
	/* normalized documents */
	E_N_ROOT, E_N_BENCHMARK, E_N_FIELD, E_N_PROFILE, E_N_RULE,
	E_N_CCI, E_N_LEGACY, E_N_IDENT, E_N_PROFILE_REF, E_N_PLAIN_TEXT,
	E_N_STATUS
};

static const struct {
	enum ns_class ns;
	const char *name;
	enum elem code;
} elem_table[] = {
	{ NS_XCCDF, "Benchmark", E_BENCHMARK },
	{ NS_XCCDF, "status", E_STATUS },
	{ NS_XCCDF, "title", E_TITLE },
	{ NS_XCCDF, "description", E_DESCRIPTION },
	{ NS_XCCDF, "plain-text", E_PLAIN_TEXT },
	{ NS_XCCDF, "version", E_VERSION },
	{ NS_XCCDF, "Profile", E_PROFILE },
	{ NS_XCCDF, "select", E_SELECT },
	{ NS_XCCDF, "Group", E_GROUP },
	{ NS_XCCDF, "Rule", E_RULE },
	{ NS_XCCDF, "ident", E_IDENT },
	{ NS_XCCDF, "fixtext", E_FIXTEXT },
	{ NS_XCCDF, "fix", E_FIX },
	{ NS_XCCDF, "check", E_CHECK },
	{ NS_XCCDF, "check-content-ref", E_CHECK_CONTENT_REF },
	{ NS_XCCDF, "check-content", E_CHECK_CONTENT },
	{ NS_SCAPDS, "data-stream-collection", E_DS_COLLECTION },
	{ NS_NORM, SD_NORM_ROOT, E_N_ROOT },
	{ NS_NORM, "benchmark", E_N_BENCHMARK },
	{ NS_NORM, "profile", E_N_PROFILE },
	{ NS_NORM, "rule", E_N_RULE },
	{ NS_NORM, "cci", E_N_CCI },
	{ NS_NORM, "legacy", E_N_LEGACY },
	{ NS_NORM, "ident", E_N_IDENT },
	{ NS_NORM, "profile-ref", E_N_PROFILE_REF },
	{ NS_NORM, "plain-text", E_N_PLAIN_TEXT },
	{ NS_NORM, "status", E_N_STATUS },
};

struct group_frame {
	char *id;
	char *title;
	size_t first_rule;
};

struct selection {
	char *profile;
	char *idref;
};

#define NTABLE (sizeof(elem_table) / sizeof(elem_table[0]))

/*
 * What an open element means, given what encloses it: the state machine
 * of the reader. Each open element has a frame; an element's state comes
 * from its name and its parent's state only (next_state()), and the
 * actions that touch the benchmark, the rule or a Group run only in the
 * state that guarantees the object exists. An element XCCDF (or the
 * normalized format) does not allow where it stands is ignored with its
 * whole subtree, with a warning naming its line; an element of no
 * interest (xhtml, dc:, Value, notice, ...) is skipped quietly.
 */
enum state {
	S_DOC,     /* before the root element */
	S_IGNORE,  /* a subtree of no interest: nothing in it is read */
	S_SKIP,    /* header_only: the rest of a delivered benchmark */
	S_OUTSIDE, /* outside any benchmark: a data stream's wrappers */
	S_TEXT,    /* a text field, captured; its meaning is its element's */
	S_MARKUP,  /* markup inside a text field: its text is the field's */
	S_BENCH, S_PROFILE, S_GROUP, S_RULE, S_CHECK,
	S_N_ROOT, S_N_BENCH, S_N_PROFILE, S_N_RULE
};

struct frame {
	unsigned char state; /* enum state */
	unsigned char elem;  /* enum elem */
};

/* Warnings about misplaced elements printed per document, then counted. */
#define MAX_PLACE_WARNINGS 10

/*
 * One reading of a document: as it declares itself, or again with
 * Windows-1252 forced when the first reading found bytes that are not
 * UTF-8 (see parse_source()).
 */
struct attempt {
	const char *force_enc; /* NULL: the declared or detected encoding */
	size_t skip;           /* benchmarks an earlier reading delivered */
	size_t delivered;
	int not_utf8;          /* stopped on bytes that are not UTF-8 */
	int line;              /* ... at this line (again: the first's) */
};

struct pstate {
	xmlParserCtxtPtr ctxt;
	struct attempt *att;
	const xmlChar *interned[NTABLE]; /* elem_table names in ctxt->dict */
	const xmlChar *last_uri;         /* one-entry namespace cache */
	enum ns_class last_ns;
	const char *source;
	struct sd_parse_opts opts;
	sd_benchmark_cb cb;
	void *cbctx;
	int err;
	int root_done;
	int at_end; /* the final, terminating chunk is being parsed */
	int done;   /* header_only: stopped early on purpose */
	unsigned long misplaced; /* elements ignored for their place */

	int depth;
	struct frame stack[MAX_DEPTH];

	/* Set exactly while an S_BENCH or S_N_BENCH frame is open. */
	struct sd_benchmark *b;
	int b_depth;
	/* Set exactly while an S_RULE or S_N_RULE frame is open. */
	struct sd_rule *rule;
	/* One per open S_GROUP frame. */
	struct group_frame groups[MAX_GROUP_DEPTH];
	int ngroups;
	struct selection *sel;
	size_t nsel, sel_cap;
	struct sd_strv profile_stack; /* one id per open Profile frame */
	int have_check;               /* the rule's first check was seen */

	/* The S_TEXT element being captured (depth of its frame, or -1). */
	int text_depth;
	struct sd_buf text;
	char *attr_a; /* ident system, plain-text id */
};

static void stop(struct pstate *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stop(struct pstate *st, int code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (st->err)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st->err = sd_error_set(code, "%s:%d: %s", st->source,
			       xmlSAX2GetLineNumber(st->ctxt), msg);
	xmlStopParser(st->ctxt);
}

static enum ns_class ns_of(const xmlChar *uri)
{
	if (!uri)
		return NS_XCCDF; /* unqualified XCCDF 1.1, seen in the wild */
	if (!strcmp((const char *)uri, NS_XCCDF11) ||
	    !strcmp((const char *)uri, NS_XCCDF12))
		return NS_XCCDF;
	if (!strcmp((const char *)uri, NS_DS))
		return NS_SCAPDS;
	if (!strcmp((const char *)uri, SD_NORM_NS))
		return NS_NORM;
	return NS_OTHER;
}

/*
 * Element names arrive interned in the parser's dictionary, as do the
 * table's (see parse_chunks), so pointers are compared first; a name the
 * dictionary does not own is compared as text.
 */
static enum elem lookup(struct pstate *st, const xmlChar *local,
			const xmlChar *uri)
{
	enum ns_class ns;
	int owned;

	if (uri != st->last_uri || !uri) {
		st->last_uri = uri;
		st->last_ns = ns_of(uri);
	}
	ns = st->last_ns;
	if (ns == NS_OTHER)
		return E_OTHER;
	owned = xmlDictOwns(st->ctxt->dict, local) == 1;
	for (size_t i = 0; i < NTABLE; i++)
		if (elem_table[i].ns == ns &&
		    (owned ? local == st->interned[i]
			   : !strcmp(elem_table[i].name, (const char *)local)))
			return elem_table[i].code;
	/* Every other normalized element is a field (next_state() says where). */
	return ns == NS_NORM ? E_N_FIELD : E_OTHER;
}

/* The value of attribute `name` (no namespace) as a new string, or NULL. */
static char *attr(int nb, const xmlChar **attrs, const char *name)
{
	for (int i = 0; i < nb; i++) {
		const xmlChar **a = attrs + i * 5;

		if (!a[2] && !strcmp((const char *)a[0], name)) {
			char *v = sd_xml_attr_dup((const char *)a[3],
						  (size_t)(a[4] - a[3]));

			/* Normalized as element text is (found by fuzzing:
			 * " x " read back from the normalized form as "x"). */
			sd_text_normalize(v);
			return v;
		}
	}
	return NULL;
}

/* XCCDF 1.2 ids carry a prefix: xccdf_mil.disa.stig_rule_SV-1r2_rule. */
static char *strip_12(char *id)
{
	static const char *kinds[] = { "_group_", "_rule_", "_benchmark_",
				       "_profile_", "_value_" };

	if (!id || !sd_starts_with(id, "xccdf_"))
		return id;
	for (size_t i = 0; i < SD_ARRAY_SIZE(kinds); i++) {
		char *p = strstr(id + 6, kinds[i]);

		if (p) {
			p += strlen(kinds[i]);
			memmove(id, p, strlen(p) + 1);
			/* What follows the prefix is the id: no blanks
			 * around it either (found by fuzzing). */
			sd_text_normalize(id);
			break;
		}
	}
	return id;
}

static void set_str(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

static enum state parent_state(const struct pstate *st)
{
	return st->depth > 0 ? (enum state)st->stack[st->depth - 1].state
			     : S_DOC;
}

static const char *elem_name(enum elem e)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (elem_table[i].code == e)
			return elem_table[i].name;
	return NULL;
}

/* An element out of place: one warning naming its line (up to a count). */
static void misplaced(struct pstate *st, const xmlChar *local)
{
	const char *up = st->depth > 0
		? elem_name((enum elem)st->stack[st->depth - 1].elem) : NULL;

	/* Read again as Windows-1252: said already, up to where the first
	 * reading stopped. */
	if (st->att->force_enc &&
	    xmlSAX2GetLineNumber(st->ctxt) <= st->att->line)
		return;
	if (++st->misplaced > MAX_PLACE_WARNINGS)
		return;
	if (up)
		sd_warn("%s:%d: <%s> is out of place in <%s>: ignored",
			st->source, xmlSAX2GetLineNumber(st->ctxt),
			(const char *)local, up);
	else
		sd_warn("%s:%d: <%s> is out of place: ignored", st->source,
			xmlSAX2GetLineNumber(st->ctxt), (const char *)local);
}

/*
 * The state of element `e` opened under a parent in state `up`; E_OTHER
 * elements are those of no interest. *bad is set when `e` is one the
 * formats do not allow there (the caller warns).
 */
static enum state next_state(enum state up, enum elem e, int *bad)
{
	*bad = 0;
	switch (up) {
	case S_DOC:
		return e == E_BENCHMARK ? S_BENCH
		       : e == E_DS_COLLECTION ? S_OUTSIDE
		       : e == E_N_ROOT ? S_N_ROOT : S_IGNORE;
	case S_IGNORE:
	case S_SKIP:
		return up;
	case S_OUTSIDE:
		/* Data streams wrap benchmarks in their own elements. */
		if (e == E_BENCHMARK)
			return S_BENCH;
		if (e == E_OTHER || e == E_DS_COLLECTION)
			return S_OUTSIDE;
		break;
	case S_TEXT:
	case S_MARKUP:
		if (e == E_OTHER)
			return S_MARKUP;
		break;
	case S_BENCH:
		switch (e) {
		case E_STATUS: case E_TITLE: case E_DESCRIPTION:
		case E_PLAIN_TEXT: case E_VERSION:
			return S_TEXT;
		case E_PROFILE: return S_PROFILE;
		case E_GROUP: return S_GROUP;
		case E_RULE: return S_RULE;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_PROFILE:
		switch (e) {
		case E_TITLE: return S_TEXT;
		case E_SELECT: case E_STATUS: case E_DESCRIPTION:
		case E_VERSION: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_GROUP:
		switch (e) {
		case E_TITLE: return S_TEXT;
		case E_GROUP: return S_GROUP;
		case E_RULE: return S_RULE;
		case E_STATUS: case E_DESCRIPTION: case E_VERSION:
		case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_RULE:
		switch (e) {
		case E_TITLE: case E_DESCRIPTION: case E_VERSION:
		case E_IDENT: case E_FIXTEXT:
			return S_TEXT;
		case E_CHECK: return S_CHECK;
		case E_FIX: case E_STATUS: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_CHECK:
		switch (e) {
		case E_CHECK_CONTENT: return S_TEXT;
		case E_CHECK_CONTENT_REF: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_N_ROOT:
		if (e == E_N_BENCHMARK)
			return S_N_BENCH;
		if (e == E_OTHER)
			return S_IGNORE;
		break;
	case S_N_BENCH:
		switch (e) {
		case E_N_FIELD: case E_N_PLAIN_TEXT: case E_N_STATUS:
			return S_TEXT;
		case E_N_PROFILE: return S_N_PROFILE;
		case E_N_RULE: return S_N_RULE;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_N_RULE:
		switch (e) {
		case E_N_FIELD: case E_N_CCI: case E_N_LEGACY:
		case E_N_IDENT: case E_N_PROFILE_REF:
			return S_TEXT;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_N_PROFILE:
		if (e == E_N_FIELD)
			return S_TEXT;
		if (e == E_OTHER)
			return S_IGNORE;
		break;
	}
	*bad = 1;
	return S_IGNORE;
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

static void new_benchmark(struct pstate *st, const char *xccdf_version,
			  int nb, const xmlChar **attrs)
{
	st->b = sd_xcalloc(1, sizeof(*st->b));
	st->b->id = strip_12(attr(nb, attrs, "id"));
	st->b->source = sd_xstrdup(st->source);
	if (xccdf_version)
		st->b->xccdf_version = sd_xstrdup(xccdf_version);
	st->b_depth = st->depth - 1; /* called after the push */
}

static void start_rule(struct pstate *st, int nb, const xmlChar **attrs)
{
	struct sd_rule *r = sd_benchmark_add_rule(st->b);

	r->line = (unsigned)xmlSAX2GetLineNumber(st->ctxt);
	r->rule_id = strip_12(attr(nb, attrs, "id"));
	r->severity_raw = attr(nb, attrs, "severity");
	r->severity = sd_severity_parse(r->severity_raw);
	r->weight = attr(nb, attrs, "weight");
	if (st->ngroups > 0) {
		struct group_frame *g = &st->groups[st->ngroups - 1];

		if (g->id)
			r->vuln_id = sd_xstrdup(g->id);
	}
	st->rule = r;
	st->have_check = 0;
}

static void end_benchmark(struct pstate *st);

/* header_only: deliver the benchmark read so far and skip the rest. */
static void deliver_header(struct pstate *st)
{
	end_benchmark(st);
	st->stack[st->b_depth].state = S_SKIP;
	if (st->b_depth == 0) {
		st->done = 1;
		xmlStopParser(st->ctxt);
	}
}

static void add_profile(struct pstate *st, char *id)
{
	struct sd_benchmark *b = st->b;

	b->profiles = sd_xrealloc(b->profiles,
				  (b->nprofiles + 1) * sizeof(*b->profiles));
	b->profiles[b->nprofiles].id = id;
	b->profiles[b->nprofiles].title = NULL;
	b->nprofiles++;
	sd_strv_push(&st->profile_stack, id ? id : "");
}

static void add_selection(struct pstate *st, int nb, const xmlChar **attrs)
{
	char *idref = strip_12(attr(nb, attrs, "idref"));
	char *sel = attr(nb, attrs, "selected");

	if (idref && (!sel || !strcmp(sel, "true") || !strcmp(sel, "1"))) {
		SD_ALLOC_GROW(st->sel, st->nsel, st->sel_cap);
		st->sel[st->nsel].profile = sd_xstrdup(
			st->profile_stack.v[st->profile_stack.n - 1]);
		st->sel[st->nsel++].idref = idref;
		idref = NULL;
	}
	free(idref);
	free(sel);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
		     const xmlChar *uri, int nb_ns, const xmlChar **ns,
		     int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
	struct pstate *st = ctx;
	enum elem e = lookup(st, local, uri);
	enum state up = parent_state(st), s;
	int bad;

	(void)prefix;
	(void)nb_ns;
	(void)ns;
	(void)nb_defaulted;
	if (st->err)
		return;
	if (st->depth >= MAX_DEPTH) {
		stop(st, SD_ELIMIT, "elements nested deeper than %d",
		     MAX_DEPTH);
		return;
	}
	if (!st->root_done) {
		st->root_done = 1;
		if (e != E_BENCHMARK && e != E_DS_COLLECTION && e != E_N_ROOT) {
			st->err = sd_error_set(SD_ENOTBENCH,
					       "%s: not a benchmark (root element '%s')",
					       st->source, (const char *)local);
			xmlStopParser(st->ctxt);
			return;
		}
	}
	s = next_state(up, e, &bad);
	if (bad)
		misplaced(st, local);
	if (st->opts.header_only && (up == S_BENCH || up == S_N_BENCH) &&
	    (s == S_GROUP || s == S_RULE || s == S_N_RULE)) {
		/* The header is complete: deliver it, skip to its end. */
		deliver_header(st);
		s = S_SKIP;
	}
	if (s == S_GROUP && st->ngroups >= MAX_GROUP_DEPTH) {
		stop(st, SD_ELIMIT, "Groups nested deeper than %d",
		     MAX_GROUP_DEPTH);
		return;
	}
	if ((s == S_RULE || s == S_N_RULE) &&
	    st->b->nrules >= st->opts.max_rules) {
		stop(st, SD_ELIMIT, "more than %zu rules", st->opts.max_rules);
		return;
	}
	if (s == S_CHECK && st->have_check)
		s = S_IGNORE; /* XCCDF allows more; the first one is read */
	st->stack[st->depth].state = (unsigned char)s;
	st->stack[st->depth].elem = (unsigned char)e;
	st->depth++;

	switch (s) {
	case S_BENCH:
		new_benchmark(st,
			      uri && !strcmp((const char *)uri, NS_XCCDF12)
				      ? "1.2" : "1.1",
			      nb_attrs, attrs);
		break;
	case S_N_BENCH:
		new_benchmark(st, NULL, nb_attrs, attrs);
		st->b->xccdf_version = attr(nb_attrs, attrs, "xccdf-version");
		break;
	case S_PROFILE:
	case S_N_PROFILE:
		add_profile(st, strip_12(attr(nb_attrs, attrs, "id")));
		break;
	case S_GROUP:
		st->groups[st->ngroups].id =
			strip_12(attr(nb_attrs, attrs, "id"));
		st->groups[st->ngroups].title = NULL;
		st->groups[st->ngroups].first_rule = st->b->nrules;
		st->ngroups++;
		break;
	case S_RULE:
		start_rule(st, nb_attrs, attrs);
		break;
	case S_N_RULE:
		start_rule(st, 0, NULL);
		free(st->rule->vuln_id);
		st->rule->vuln_id = attr(nb_attrs, attrs, "vuln-id");
		break;
	case S_CHECK:
		set_str(&st->rule->check_system,
			attr(nb_attrs, attrs, "system"));
		break;
	case S_TEXT:
		begin_text(st);
		if (e == E_STATUS || e == E_N_STATUS)
			set_str(&st->b->status_date,
				attr(nb_attrs, attrs, "date"));
		else if (e == E_PLAIN_TEXT || e == E_N_PLAIN_TEXT)
			set_str(&st->attr_a, attr(nb_attrs, attrs, "id"));
		else if (e == E_IDENT || e == E_N_IDENT)
			set_str(&st->attr_a, attr(nb_attrs, attrs, "system"));
		else if (e == E_FIXTEXT && !st->rule->fix_id)
			st->rule->fix_id = attr(nb_attrs, attrs, "fixref");
		break;
	case S_IGNORE:
		if (bad)
			break;
		if (e == E_SELECT && up == S_PROFILE)
			add_selection(st, nb_attrs, attrs);
		else if (e == E_FIX && up == S_RULE && !st->rule->fix_id)
			st->rule->fix_id = attr(nb_attrs, attrs, "id");
		else if (e == E_CHECK_CONTENT_REF && up == S_CHECK) {
			set_str(&st->rule->check_ref_name,
				attr(nb_attrs, attrs, "name"));
			set_str(&st->rule->check_ref_href,
				attr(nb_attrs, attrs, "href"));
		}
		break;
	default:
		break;
	}
}

static void add_ident(struct sd_rule *r, char *system, char *value)
{
	if (system && strstr(system, "/cci") && sd_starts_with(value, "CCI-")) {
		sd_strv_push_owned(&r->ccis, value);
		free(system);
		return;
	}
	if (system && !strcmp(system, "http://cyber.mil/legacy")) {
		sd_strv_push_owned(&r->legacy, value);
		free(system);
		return;
	}
	r->idents = sd_xrealloc(r->idents,
				(r->nidents + 1) * sizeof(*r->idents));
	r->idents[r->nidents].system = system ? system : sd_xstrdup("");
	r->idents[r->nidents].value = value;
	r->nidents++;
}

static void add_plain_text(struct sd_benchmark *b, char *id, char *text)
{
	if (id && !strcmp(id, "release-info")) {
		set_str(&b->release_info, text);
		free(id);
		return;
	}
	b->plain_texts = sd_xrealloc(b->plain_texts,
				     (b->nplain_texts + 1) *
					     sizeof(*b->plain_texts));
	b->plain_texts[b->nplain_texts].system = id ? id : sd_xstrdup("");
	b->plain_texts[b->nplain_texts].value = text;
	b->nplain_texts++;
}

/* A field of a normalized benchmark or rule, by element name. */
static void set_norm_field(struct pstate *st, enum state up,
			   const char *name, char *text)
{
	struct sd_benchmark *b = st->b;

	if (up == S_N_RULE) {
		const struct sd_rule_field *f = sd_rule_field_find(name);

		if (f) {
			set_str(&SD_RULE_FIELD(st->rule, f), text);
			return;
		}
		if (!strcmp(name, "severity")) {
			set_str(&st->rule->severity_raw, text);
			st->rule->severity = sd_severity_parse(text);
			return;
		}
	} else if (up == S_N_PROFILE) {
		if (!strcmp(name, "title") && b->nprofiles) {
			set_str(&b->profiles[b->nprofiles - 1].title, text);
			return;
		}
	} else if (!strcmp(name, "title")) {
		set_str(&b->title, text);
		return;
	} else if (!strcmp(name, "description")) {
		set_str(&b->description, text);
		return;
	} else if (!strcmp(name, "version-text")) {
		set_str(&b->version, text);
		return;
	} else if (!strcmp(name, "release-info")) {
		set_str(&b->release_info, text);
		return;
	} else if (!strcmp(name, "date")) {
		set_str(&b->date, text);
		return;
	} else if (!strcmp(name, "source")) {
		set_str(&b->source, text);
		return;
	} else if (!strcmp(name, "version")) {
		b->v = atoi(text);
	} else if (!strcmp(name, "release")) {
		b->r = atoi(text);
	}
	/* Derived (category, version-label) and unknown fields: dropped. */
	free(text);
}

static void end_rule(struct pstate *st)
{
	struct sd_rule *r = st->rule;

	sd_rule_derive_ids(r);
	st->rule = NULL;
}

static void end_group(struct pstate *st)
{
	struct group_frame *g = &st->groups[st->ngroups - 1];

	/* Rules read before the Group's title still get it. */
	for (size_t i = g->first_rule; i < st->b->nrules; i++) {
		struct sd_rule *r = &st->b->rules[i];

		if (!r->vuln_id && g->id)
			r->vuln_id = sd_xstrdup(g->id);
		if (!r->group_title && g->title) {
			r->group_title = sd_xstrdup(g->title);
			sd_rule_derive_ids(r);
		}
	}
	free(g->id);
	free(g->title);
	st->ngroups--;
}

/* "Release: 2 Benchmark Date: 30 Jan 2025" and <version> to V, R, date. */
static void derive_release(struct sd_benchmark *b)
{
	const char *ri = b->release_info, *p;
	char iso[11];

	if (b->version && !b->v)
		b->v = atoi(b->version);
	if (ri && (p = strstr(ri, "Release:")) && !b->r) {
		const char *q = p + 8;
		char *end;
		long major;

		while (*q == ' ')
			q++;
		major = strtol(q, &end, 10);
		if (*end == '.' && end[1] >= '0' && end[1] <= '9') {
			if (major == 0)	/* a draft: "Release: 0.1" */
				b->rsub = atoi(end + 1);
			else	/* SCAP benchmarks: "Release: 1.3" for V1R3 */
				b->r = atoi(end + 1);
		} else {
			b->r = (int)major;
		}
	}
	if (!b->r && !b->rsub && b->version && (p = strchr(b->version, '.')))
		b->r = atoi(p + 1);
	if (!b->date && ri && (p = strstr(ri, "Date:")) &&
	    sd_date_iso(p + 5, iso) == 0)
		b->date = sd_xstrdup(iso);
	if (!b->date && b->status_date && sd_date_iso(b->status_date, iso) == 0)
		b->date = sd_xstrdup(iso);
}

static const struct sd_benchmark *sort_bench;
static int sort_by_vuln;

static const char *index_key(size_t i)
{
	const struct sd_rule *r = &sort_bench->rules[i];

	return sort_by_vuln ? r->vuln_id : r->rule_id;
}

static int cmp_index(const void *a, const void *b)
{
	return sd_strcmp_null(index_key(*(const size_t *)a),
			      index_key(*(const size_t *)b));
}

/* Indices of rules whose key equals `id`, via binary search on `idx`. */
static size_t find_first(const size_t *idx, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sd_strcmp_null(index_key(idx[mid]), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void select_by(struct sd_benchmark *b, size_t *idx, int by_vuln,
		      const struct selection *sel, size_t nsel, char *hit)
{
	sort_bench = b;
	sort_by_vuln = by_vuln;
	for (size_t i = 0; i < b->nrules; i++)
		idx[i] = i;
	qsort(idx, b->nrules, sizeof(*idx), cmp_index);
	for (size_t i = 0; i < nsel; i++) {
		size_t j = find_first(idx, b->nrules, sel[i].idref);

		for (; j < b->nrules &&
		       !sd_strcmp_null(index_key(idx[j]), sel[i].idref);
		     j++) {
			struct sd_strv *p = &b->rules[idx[j]].profiles;

			hit[i] = 1;
			if (!p->n || strcmp(p->v[p->n - 1], sel[i].profile))
				sd_strv_push(p, sel[i].profile);
		}
	}
}

/* Profiles select Groups (or Rules) by id; record them on each rule. */
static void apply_selections(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	size_t *idx;
	char *hit;

	if (st->nsel && b->nrules) {
		idx = sd_xmalloc(b->nrules * sizeof(*idx));
		hit = sd_xcalloc(st->nsel, 1);
		select_by(b, idx, 1, st->sel, st->nsel, hit);
		select_by(b, idx, 0, st->sel, st->nsel, hit);
		free(idx);
		free(hit);
	}
	for (size_t i = 0; i < st->nsel; i++) {
		free(st->sel[i].profile);
		free(st->sel[i].idref);
	}
	st->nsel = 0;
}

/* How a warning names a rule: its id, else its Group's, else its line. */
static const char *rule_name(const struct sd_rule *r, char *buf, size_t n)
{
	if (r->rule_id)
		snprintf(buf, n, "rule '%s'", r->rule_id);
	else if (r->vuln_id)
		snprintf(buf, n, "rule in '%s'", r->vuln_id);
	else
		snprintf(buf, n, "rule");
	return buf;
}

/* Warnings about a benchmark's rules, reported in line order. */
struct rule_note {
	unsigned line;
	size_t seq;
	char *msg;
};

struct rule_notes {
	struct rule_note *v;
	size_t n, cap;
};

static void rule_note(struct rule_notes *ns, unsigned line, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));

static void rule_note(struct rule_notes *ns, unsigned line, const char *fmt,
		      ...)
{
	char msg[512]; /* ids are cut, not the warning */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 16;
		ns->v = sd_xrealloc(ns->v, ns->cap * sizeof(*ns->v));
	}
	ns->v[ns->n] = (struct rule_note){ line, ns->n, sd_xstrdup(msg) };
	ns->n++;
}

static int rule_note_cmp(const void *a, const void *b)
{
	const struct rule_note *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_rule_id(const void *a, const void *b)
{
	const struct sd_rule *x = *(const struct sd_rule *const *)a;
	const struct sd_rule *y = *(const struct sd_rule *const *)b;
	int c = strcmp(x->rule_id, y->rule_id);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Rules sharing a rule id, each after the first reported. */
static void note_duplicate_ids(const struct sd_benchmark *b,
			       struct rule_notes *ns)
{
	const struct sd_rule **v = sd_xmalloc((b->nrules + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < b->nrules; i++)
		if (b->rules[i].rule_id)
			v[n++] = &b->rules[i];
	qsort(v, n, sizeof(*v), by_rule_id);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i]->rule_id, v[first]->rule_id))
			first = i;
		else
			rule_note(ns, v[i]->line,
				  "duplicate rule id '%s' (also line %u)",
				  v[i]->rule_id, v[first]->line);
	}
	free(v);
}

static void check_rules(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	struct rule_notes ns = { NULL, 0, 0 };
	char name[256];

	for (size_t i = 0; i < b->nrules; i++) {
		struct sd_rule *r = &b->rules[i];

		rule_name(r, name, sizeof(name));
		if (!r->vuln_id)
			rule_note(&ns, r->line, "%s has no Group id", name);
		if (!r->rule_id)
			rule_note(&ns, r->line, "%s has no id", name);
		if (!r->stig_id || !*r->stig_id)
			rule_note(&ns, r->line, "%s has no STIG id (version)",
				  name);
		if (r->severity == SD_SEV_UNKNOWN)
			rule_note(&ns, r->line, "%s has unknown severity '%s'",
				  name, r->severity_raw ? r->severity_raw : "");
		if (!r->title || !*r->title)
			rule_note(&ns, r->line, "%s has no title", name);
		/* Rules are in canonical order: equal V- ids are adjacent. */
		if (i > 0 && r->vuln_id && b->rules[i - 1].vuln_id &&
		    !strcmp(r->vuln_id, b->rules[i - 1].vuln_id))
			rule_note(&ns, r->line,
				  "duplicate rule '%s' (also line %u)",
				  r->vuln_id, b->rules[i - 1].line);
	}
	note_duplicate_ids(b, &ns);
	if (ns.n)
		qsort(ns.v, ns.n, sizeof(*ns.v), rule_note_cmp);
	for (size_t i = 0; i < ns.n; i++) {
		sd_warn("%s:%u: %s", st->source, ns.v[i].line, ns.v[i].msg);
		free(ns.v[i].msg);
	}
	free(ns.v);
}

static void end_benchmark(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	int err;

	if (st->att->delivered++ < st->att->skip) {
		/* Delivered by the reading before this one. */
		st->b = NULL;
		sd_benchmark_free(b);
		return;
	}
	derive_release(b);
	apply_selections(st);
	sd_benchmark_sort(b);
	check_rules(st);
	st->b = NULL;
	err = st->cb ? st->cb(b, st->cbctx) : (sd_benchmark_free(b), 0);
	if (err < 0 && !st->err) {
		st->err = err;
		xmlStopParser(st->ctxt);
	}
}

/* A captured text field ends: `e` opened under a parent in state `up`. */
static void end_text(struct pstate *st, enum elem e, enum state up,
		     const xmlChar *local)
{
	char *text = take_text(st, e == E_DESCRIPTION && up == S_RULE);
	struct sd_benchmark *b = st->b;
	struct sd_rule *r = st->rule;

	switch (e) {
	case E_STATUS:
	case E_N_STATUS:
		set_str(&b->status, text);
		return;
	case E_TITLE:
		if (up == S_BENCH)
			set_str(&b->title, text);
		else if (up == S_RULE)
			set_str(&r->title, text);
		else if (up == S_GROUP)
			set_str(&st->groups[st->ngroups - 1].title, text);
		else /* S_PROFILE */
			set_str(&b->profiles[b->nprofiles - 1].title, text);
		return;
	case E_DESCRIPTION:
		if (up == S_BENCH) {
			set_str(&b->description, text);
			return;
		}
		sd_rule_parse_description(r, text);
		break;
	case E_VERSION:
		set_str(up == S_BENCH ? &b->version : &r->stig_id, text);
		return;
	case E_PLAIN_TEXT:
	case E_N_PLAIN_TEXT:
		add_plain_text(b, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_IDENT:
	case E_N_IDENT:
		add_ident(r, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_FIXTEXT:
		if (!r->fix_text) {
			r->fix_text = text;
			return;
		}
		break;
	case E_CHECK_CONTENT:
		if (!r->check_content) {
			r->check_content = text;
			return;
		}
		break;
	case E_N_CCI:
		sd_strv_push_owned(&r->ccis, text);
		return;
	case E_N_LEGACY:
		sd_strv_push_owned(&r->legacy, text);
		return;
	case E_N_PROFILE_REF:
		sd_strv_push_owned(&r->profiles, text);
		return;
	case E_N_FIELD:
		set_norm_field(st, up, (const char *)local, text);
		return;
	default:
		break;
	}
	free(text);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
		   const xmlChar *uri)
{
	struct pstate *st = ctx;
	struct frame f;

	(void)prefix;
	(void)uri;
	if (st->err || st->depth == 0)
		return;
	f = st->stack[--st->depth];
	switch ((enum state)f.state) {
	case S_TEXT:
		end_text(st, (enum elem)f.elem, parent_state(st), local);
		break;
	case S_BENCH:
	case S_N_BENCH:
		end_benchmark(st);
		break;
	case S_PROFILE:
	case S_N_PROFILE:
		free(st->profile_stack.v[--st->profile_stack.n]);
		st->profile_stack.v[st->profile_stack.n] = NULL;
		break;
	case S_GROUP:
		end_group(st);
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

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct pstate *st = ctx;
	enum state s = parent_state(st);

	if (st->text_depth < 0 || (s != S_TEXT && s != S_MARKUP) ||
	    st->err || len <= 0)
		return;
	if (st->text.len + (size_t)len > st->opts.max_field) {
		stop(st, SD_ELIMIT, "text field longer than %zu bytes",
		     st->opts.max_field);
		return;
	}
	sd_buf_add(&st->text, ch, (size_t)len);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type,
			   const xmlChar *public_id, const xmlChar *system_id,
			   xmlChar *content)
{
	struct pstate *st = ctx;

	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	stop(st, SD_EPARSE,
	     "entity declaration '%s' refused (entities are not allowed)",
	     (const char *)name);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct pstate *st = ctx;
	char msg[512];
	size_t n;

	if (!e || e->level < XML_ERR_ERROR || st->err)
		return;
	if (st->at_end && st->depth > 0) {
		/* libxml2 words a truncated document as "extra content". */
		st->err = sd_error_set(SD_EPARSE,
				       "%s:%d: document ends inside an element (truncated?)",
				       st->source, e->line > 0 ? e->line : 0);
		xmlStopParser(st->ctxt);
		return;
	}
	if (e->code == XML_ERR_INVALID_CHAR && !st->att->force_enc &&
	    (!st->ctxt->encoding ||
	     !strcasecmp((const char *)st->ctxt->encoding, "utf-8") ||
	     !strcasecmp((const char *)st->ctxt->encoding, "utf8"))) {
		st->att->not_utf8 = 1;
		st->att->line = e->line;
	}
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	st->err = sd_error_set(SD_EPARSE, "%s:%d: %s", st->source,
			       e->line > 0 ? e->line : 0, msg);
	xmlStopParser(st->ctxt);
}

typedef int (*chunk_fn)(void *src, const char **data, size_t *len);

static int parse_chunks(chunk_fn next, void *src, const char *source,
			const struct sd_parse_opts *opts, sd_benchmark_cb cb,
			void *cbctx, struct attempt *att)
{
	struct pstate st;
	xmlSAXHandler sax;
	const char *data;
	size_t len;
	int err = 0, any = 0, prc = 0; /* first failure of xmlParseChunk */

	memset(&st, 0, sizeof(st));
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.entityDecl = on_entity_decl;
	sax.serror = on_error;

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

	st.ctxt = xmlCreatePushParserCtxt(&sax, &st, NULL, 0, source);
	if (!st.ctxt)
		return sd_error_set(SD_ERROR, "%s: cannot create XML parser",
				    source);
	xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA |
				   (att->force_enc ? XML_PARSE_IGNORE_ENC : 0));
	if (att->force_enc) {
		xmlCharEncodingHandlerPtr h =
			xmlFindCharEncodingHandler(att->force_enc);

		if (!h || xmlSwitchToEncoding(st.ctxt, h) < 0) {
			xmlFreeParserCtxt(st.ctxt);
			return sd_error_set(SD_ERROR,
					    "%s: no %s decoder in libxml2",
					    source, att->force_enc);
		}
	}
	for (size_t i = 0; i < NTABLE; i++)
		st.interned[i] = xmlDictLookup(st.ctxt->dict,
					       BAD_CAST elem_table[i].name, -1);
	st.ctxt->replaceEntities = 0;
	st.ctxt->loadsubset = 0;
	st.ctxt->validate = 0;

	for (;;) {
		int r = next(src, &data, &len);

		if (r < 0) {
			err = r;
			break;
		}
		if (r == 0) {
			st.at_end = 1;
			r = xmlParseChunk(st.ctxt, NULL, 0, 1);
			prc = prc ? prc : r;
			break;
		}
		any = 1;
		/* Feed at most 1 MiB at a time: int lengths, bounded work. */
		while (len && !st.err && !st.done) {
			int n = len > (1 << 20) ? (1 << 20) : (int)len;

			r = xmlParseChunk(st.ctxt, data, n, 0);
			prc = prc ? prc : r;
			data += n;
			len -= (size_t)n;
		}
		if (st.err || st.done)
			break;
	}
	if (!err && !any)
		err = sd_error_set(SD_EPARSE, "%s: empty file", source);
	if (!err)
		err = st.err;
	if (!err && !st.done)
		err = sd_xml_check_end(st.ctxt, prc, source);
	if (!err && !st.root_done)
		err = sd_error_set(SD_EPARSE, "%s: no XML element found",
				   source);
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
	/* libxml2 builds a document for a DOCTYPE even under SAX. */
	if (st.ctxt->myDoc)
		xmlFreeDoc(st.ctxt->myDoc);
	xmlFreeParserCtxt(st.ctxt);
	return err;
}

/*
 * Read a document from `next`, and once more from its start (`rewind`)
 * as Windows-1252 when the first reading stopped on bytes that are not
 * UTF-8 in a document declaring UTF-8 or no encoding at all: DISA
 * published such files for years. A second reading that fails too
 * reports the first one's error.
 */
static int parse_source(chunk_fn next, int (*rewind)(void *), void *src,
			const char *source, const struct sd_parse_opts *opts,
			sd_benchmark_cb cb, void *ctx)
{
	struct attempt first = { NULL, 0, 0, 0, 0 }, again;
	char *msg;
	int err;

	err = parse_chunks(next, src, source, opts, cb, ctx, &first);
	if (err != SD_EPARSE || !first.not_utf8 || rewind(src) < 0)
		return err;
	msg = sd_xstrdup(sd_error_last());
	memset(&again, 0, sizeof(again));
	again.force_enc = "windows-1252";
	again.skip = first.delivered;
	again.line = first.line; /* warnings up to here were given */
	err = parse_chunks(next, src, source, opts, cb, ctx, &again);
	if (err == 0)
		sd_warn("%s:%d: not UTF-8 as declared; read as Windows-1252",
			source, first.line);
	else if (err == SD_EPARSE)
		err = sd_error_set(SD_EPARSE, "%s", msg);
	free(msg);
	return err;
}

struct mem_src {
	const char *data;
	size_t len;
	int done;
};

static int mem_next(void *p, const char **data, size_t *len)
{
	struct mem_src *m = p;

	if (m->done || !m->len)
		return 0;
	m->done = 1;
	*data = m->data;
	*len = m->len;
	return 1;
}

static int mem_rewind(void *p)
{
	((struct mem_src *)p)->done = 0;
	return 0;
}

int sd_xccdf_parse_memory(const char *data, size_t len, const char *source,
			  const struct sd_parse_opts *opts,
			  sd_benchmark_cb cb, void *ctx)
{
	struct mem_src m = { data, len, 0 };

	return parse_source(mem_next, mem_rewind, &m, source, opts, cb, ctx);
}

struct fd_src {
	int fd;
	const char *path;
	char buf[1 << 16];
};

static int fd_next(void *p, const char **data, size_t *len)
{
	struct fd_src *f = p;
	ssize_t n;

	do
		n = read(f->fd, f->buf, sizeof(f->buf));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return sd_error_errno(SD_EIO, "cannot read '%s'", f->path);
	if (n == 0)
		return 0;
	*data = f->buf;
	*len = (size_t)n;
	return 1;
}

static int fd_rewind(void *p)
{
	return lseek(((struct fd_src *)p)->fd, 0, SEEK_SET) == 0 ? 0 : -1;
}

int sd_xccdf_parse_file(const char *path, const char *source,
			const struct sd_parse_opts *opts, sd_benchmark_cb cb,
			void *ctx)
{
	struct fd_src *f;
	int err;

	f = sd_xmalloc(sizeof(*f));
	f->path = path;
	f->fd = open(path, O_RDONLY);
	if (f->fd < 0) {
		free(f);
		return sd_error_errno(SD_EIO, "cannot open '%s'", path);
	}
	err = parse_source(fd_next, fd_rewind, f, source ? source : path, opts,
			   cb, ctx);
	close(f->fd);
	free(f);
	return err;
}
