/*
 * Inside the benchmark reader (xccdf_parse*.c), shared by its files and
 * by nothing else; the reader's public face is model/xccdf.h. Names of
 * this header are the reader's own: sd_xp_ ("XCCDF parse").
 *
 * The files, lowest first (each calls only files listed before it):
 *   xccdf_parse_elems.c   which element is which, and what it means
 *                         where it stands (the state machine)
 *   xccdf_parse_build.c   the benchmark, rule and profile objects both
 *                         formats fill
 *   xccdf_parse_finish.c  a benchmark complete: release, profile
 *                         selections, checks on its rules, delivery
 *   xccdf_parse_xccdf.c   XCCDF 1.1 and 1.2 (alone or in data streams)
 *   xccdf_parse_norm.c    this project's normalized documents
 *   xccdf_parse.c         the SAX callbacks that dispatch to the above,
 *                         the second reading as Windows-1252, the API
 */
#ifndef SD_XCCDF_PARSE_INT_H
#define SD_XCCDF_PARSE_INT_H

#include "xccdf.h"
#include "buf.h"
#include "sax.h"

#include <stdlib.h>

#define NS_XCCDF11 "http://checklists.nist.gov/xccdf/1.1"
#define NS_XCCDF12 "http://checklists.nist.gov/xccdf/1.2"
#define NS_DS "http://scap.nist.gov/schema/scap/source/1.2"

#define MAX_DEPTH SD_SAX_MAX_DEPTH_DEFAULT
#define MAX_GROUP_DEPTH 32

/* Warnings about misplaced elements printed per document, then counted. */
#define MAX_PLACE_WARNINGS 10

enum ns_class { NS_OTHER, NS_XCCDF, NS_SCAPDS, NS_NORM };

/* The elements the reader knows; the normalized format's come last. */
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

/* Entries of the element table (xccdf_parse_elems.c). */
#define XP_NELEMS 27

/*
 * What an open element means, given what encloses it: the state machine
 * of the reader. Each open element has a frame; an element's state comes
 * from its name and its parent's state only (sd_xp_next_state()), and
 * the actions that touch the benchmark, the rule or a Group run only in
 * the state that guarantees the object exists. An element XCCDF (or the
 * normalized format) does not allow where it stands is ignored with its
 * whole subtree, with a warning naming its line; an element of no
 * interest (xhtml, dc:, Value, notice, ...) is skipped quietly. The
 * normalized format's states come last.
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

struct group_frame {
	char *id;
	char *title;
	size_t first_rule;
};

/* A Profile's <select>: recorded on the rules when the benchmark ends. */
struct selection {
	char *profile;
	char *idref;
};

/*
 * One reading of a document: as it declares itself, or again with
 * Windows-1252 forced when the first reading found bytes that are not
 * UTF-8 (see parse_source() in xccdf_parse.c).
 */
struct attempt {
	const char *force_enc; /* NULL: the declared or detected encoding */
	size_t skip;           /* benchmarks an earlier reading delivered */
	size_t delivered;
	int not_utf8;          /* stopped on bytes that are not UTF-8 */
	int line;              /* ... at this line (again: the first's) */
};

/* The reader's state during one reading. */
struct pstate {
	struct sd_sax *sax;
	struct attempt *att;
	const char *interned[XP_NELEMS]; /* the table's names, interned */
	const char *last_uri;            /* one-entry namespace cache */
	enum ns_class last_ns;
	const char *source;
	struct sd_parse_opts opts;
	sd_benchmark_cb cb;
	void *cbctx;
	int done; /* header_only: stopped early on purpose */
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

/* Replace the string in *slot by `value` (owned). */
static inline void set_str(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

/* ---- xccdf_parse_elems.c ---- */

/* Fill st->interned from the element table. */
void sd_xp_intern(struct pstate *st);

/* The element `local` of namespace `uri` (NULL: none). */
enum elem sd_xp_lookup(struct pstate *st, const char *local,
		       const char *uri);

/*
 * The state of element `e` opened under a parent in state `up`; E_OTHER
 * elements are those of no interest. *bad is set when `e` is one the
 * formats do not allow there (the caller warns).
 */
enum state sd_xp_next_state(enum state up, enum elem e, int *bad);

/* An element out of place: one warning naming its line (up to a count). */
void sd_xp_misplaced(struct pstate *st, const char *local);

/* ---- xccdf_parse_build.c ---- */

/* Attribute `name` (no namespace), blanks normalized, new; or NULL. */
char *sd_xp_attr(const struct sd_sax_attrs *attrs, const char *name);

/* XCCDF 1.2 ids carry a prefix: xccdf_mil.disa.stig_rule_SV-1r2_rule.
 * Strips it from `id` in place; returns `id`. */
char *sd_xp_strip_12(char *id);

/* A new benchmark from the element just pushed (st->b). */
void sd_xp_new_benchmark(struct pstate *st, const char *xccdf_version,
			 const struct sd_sax_attrs *attrs);
/* A new rule of st->b (st->rule), with its Group's id if any. */
void sd_xp_start_rule(struct pstate *st, const struct sd_sax_attrs *attrs);
/* A new profile of st->b, `id` owned; it becomes the open Profile. */
void sd_xp_add_profile(struct pstate *st, char *id);
/* An <ident> of `r`: a CCI, a legacy id or another (both owned). */
void sd_xp_add_ident(struct sd_rule *r, char *system, char *value);
/* A <plain-text> of `b`: the release info or another (both owned). */
void sd_xp_add_plain_text(struct sd_benchmark *b, char *id, char *text);

/* ---- xccdf_parse_finish.c ---- */

/* The benchmark (st->b) ends: complete it and hand it to the callback. */
void sd_xp_end_benchmark(struct pstate *st);
/* header_only: deliver the benchmark read so far and skip the rest. */
void sd_xp_deliver_header(struct pstate *st);

/* ---- xccdf_parse_xccdf.c and xccdf_parse_norm.c ---- */

/*
 * Element `e` was pushed in state `s` under a parent in state `up`: what
 * its start means in XCCDF (an allowed element: not misplaced) or in the
 * normalized format.
 */
void sd_xp_xccdf_start(struct pstate *st, enum state s, enum elem e,
		       enum state up, const char *uri,
		       const struct sd_sax_attrs *attrs);
void sd_xp_norm_start(struct pstate *st, enum state s, enum elem e,
		      const struct sd_sax_attrs *attrs);

/* A text field `e` under a parent in state `up` ends with `text` (owned). */
void sd_xp_xccdf_text(struct pstate *st, enum elem e, enum state up,
		      char *text);
void sd_xp_norm_text(struct pstate *st, enum elem e, enum state up,
		     const char *local, char *text);

/* An XCCDF Group ends: its rules get its id and title. */
void sd_xp_end_group(struct pstate *st);

#endif
