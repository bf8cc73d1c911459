/*
 * The benchmark and rule model every command works on, independent of the
 * XML it came from: XCCDF 1.1 manual benchmarks, XCCDF 1.2 benchmarks in
 * SCAP data streams and this project's normalized documents all load into
 * these structs (xccdf_parse.c is the only reader). No libxml2 types here.
 *
 * Text fields hold normalized text (see sd_text_normalize()): NULL means
 * the element was absent, "" that it was present and empty. All strings
 * are owned by their struct and freed with it.
 */
#ifndef SD_XCCDF_H
#define SD_XCCDF_H

#include <stddef.h>

#include "util.h"

enum sd_severity {
	SD_SEV_UNKNOWN = 0,
	SD_SEV_LOW,
	SD_SEV_MEDIUM,
	SD_SEV_HIGH
};

/* The fields of a Rule's escaped <description> pseudo-XML, DISA's order. */
enum sd_desc_field {
	SD_DESC_DISCUSSION = 0, /* VulnDiscussion */
	SD_DESC_FALSE_POSITIVES,
	SD_DESC_FALSE_NEGATIVES,
	SD_DESC_DOCUMENTABLE,
	SD_DESC_MITIGATIONS,
	SD_DESC_SEVERITY_OVERRIDE_GUIDANCE,
	SD_DESC_POTENTIAL_IMPACTS,
	SD_DESC_THIRD_PARTY_TOOLS,
	SD_DESC_MITIGATION_CONTROL,
	SD_DESC_RESPONSIBILITY,
	SD_DESC_IA_CONTROLS,
	SD_DESC_COUNT
};

/* "VulnDiscussion", "FalsePositives", ...: the tag DISA writes. */
const char *sd_desc_tag(enum sd_desc_field f);
/* "discussion", "false-positives", ...: the name in our formats. */
const char *sd_desc_name(enum sd_desc_field f);

struct sd_ident {
	char *system;
	char *value;
};

struct sd_rule {
	char *vuln_id;     /* Group id, V-259642 */
	char *group_title; /* Group title: an SRG id, or an old STIG id */
	char *srg;         /* group_title when it names an SRG, else NULL */
	char *rule_id;     /* SV-259642r961632_rule */
	char *rule_base;   /* SV-259642 */
	char *rule_rev;    /* r961632 */
	char *stig_id;     /* Rule <version>: EX19-ED-000236, EMG2-803 */
	enum sd_severity severity;
	char *severity_raw; /* the attribute as written */
	char *weight;
	char *title;
	char *desc[SD_DESC_COUNT];
	char *check_system;
	char *check_ref_name;
	char *check_ref_href;
	char *check_content;
	char *fix_id;
	char *fix_text;
	struct sd_strv ccis;     /* CCI-nnnnnn, document order */
	struct sd_strv legacy;   /* legacy V- and SV- ids */
	struct sd_ident *idents; /* every other ident */
	size_t nidents;
	struct sd_strv profiles; /* ids of the profiles selecting it */
	unsigned line;           /* source line of the Rule, for messages */
};

struct sd_profile {
	char *id;
	char *title;
};

struct sd_benchmark {
	char *id;
	char *title;
	char *description;
	char *version;      /* <version> as written: "2", "001.003" */
	char *release_info; /* plain-text release-info as written */
	int v, r;           /* V and R numbers; 0 when unknown */
	int rsub;           /* a draft's part of a release: "Release: 0.1"
			       gives r 0, rsub 1 (label V1R0.1) */
	char *date;         /* benchmark date, ISO 8601, or NULL */
	char *status;
	char *status_date;
	char *source;       /* path, archive!member!member */
	char *xccdf_version; /* "1.1" or "1.2" */
	struct sd_ident *plain_texts; /* other plain-text (id, text) */
	size_t nplain_texts;
	struct sd_profile *profiles;
	size_t nprofiles;
	struct sd_rule *rules;
	size_t nrules;
	size_t rules_cap;
	/* A stub that holds only some rules of its release (lineage
	 * --corpus reads the rules a trace shows): the count of the
	 * release's rules. 0: `rules` are all of them. */
	size_t nrules_whole;
};

/*
 * The rule's single-valued text fields, in canonical order, with the names
 * the normalized formats use. Writers, the normalized reader and diff walk
 * this one table. Severity (an enum) and the lists are not in it.
 */
struct sd_rule_field {
	const char *name; /* "title", "check-content", ... */
	size_t offset;    /* of a char * in struct sd_rule */
	int is_id;        /* identifier, not prose */
};
extern const struct sd_rule_field sd_rule_fields[];
extern const size_t sd_rule_nfields;
#define SD_RULE_FIELD(r, f) (*(char **)((char *)(r) + (f)->offset))
/* The table entry named `name`, or NULL. */
const struct sd_rule_field *sd_rule_field_find(const char *name);

/* Free everything `b` owns and `b` itself; accepts NULL. */
void sd_benchmark_free(struct sd_benchmark *b);
void sd_rule_release(struct sd_rule *r);
/* Make `dst` (its old content not freed) a deep copy of `src`. */
void sd_rule_copy(struct sd_rule *dst, const struct sd_rule *src);

/* Append a zeroed rule to `b` and return it (borrowed). */
struct sd_rule *sd_benchmark_add_rule(struct sd_benchmark *b);

/*
 * Put rules in the canonical order: numeric V-number, then vuln_id, then
 * rule_id, then source line. Recomputes nothing else.
 */
void sd_benchmark_sort(struct sd_benchmark *b);

/*
 * Order two releases of a benchmark: by version number, then release
 * number, then benchmark date (an unknown date first). <0, 0 or >0.
 */
int sd_release_cmp(int av, int ar, const char *adate, int bv, int br,
		   const char *bdate);

/* "V2R2" (a draft: "V1R0.1") into `out`, or "" when unknown; returns out. */
char *sd_benchmark_vr(const struct sd_benchmark *b, char out[32]);

/*
 * What kind of content a benchmark is, judged from the content itself:
 * SCAP benchmark content (most rules checked by a checking-language
 * reference such as OVAL, with no manual check text), an SRG (its title
 * says Security Requirements Guide), or a manual STIG.
 */
enum sd_bench_kind {
	SD_KIND_STIG = 0,
	SD_KIND_SRG,
	SD_KIND_SCAP
};
enum sd_bench_kind sd_benchmark_kind(const struct sd_benchmark *b);
/* "stig", "srg", "scap". */
const char *sd_bench_kind_name(enum sd_bench_kind k);
/* Does the benchmark's <status> say draft? */
int sd_benchmark_is_draft(const struct sd_benchmark *b);

enum sd_severity sd_severity_parse(const char *s);
const char *sd_severity_name(enum sd_severity s);     /* "high" ... */
const char *sd_severity_category(enum sd_severity s); /* "CAT I" ... */

/*
 * Fill rule_base and rule_rev from rule_id ("SV-1r2_rule" -> "SV-1",
 * "r2") and srg from group_title. Called by the reader; exposed for
 * builders of synthetic rules.
 */
void sd_rule_derive_ids(struct sd_rule *r);

/*
 * Does `id` name this rule? Accepts V-n, SV-n, SV-nrm, SV-nrm_rule, the
 * STIG id, and the legacy ids. Case-insensitive.
 */
int sd_rule_has_id(const struct sd_rule *r, const char *id);
/* The same without the legacy ids: an id of the rule's own. */
int sd_rule_has_own_id(const struct sd_rule *r, const char *id);

/* The numeric part of "V-1234" or "SV-1234r5_rule" (0 when none). */
unsigned long sd_id_number(const char *id);

/*
 * Normalize a text field in place: CR LF and CR become LF, trailing
 * blanks on each line go, and leading and trailing blank lines and
 * spaces of the whole field go. Inner text is kept verbatim.
 */
void sd_text_normalize(char *s);

/*
 * Parse DISA's "dd Mon yyyy" (also "d Month yyyy", ISO already) into
 * "yyyy-mm-dd". Returns 0, or -1 leaving `out` empty.
 */
int sd_date_iso(const char *in, char out[11]);

/* ---- Reading (xccdf_parse.c) ---- */

/* Receives each benchmark as the reader completes it; takes ownership. */
typedef int (*sd_benchmark_cb)(struct sd_benchmark *b, void *ctx);

struct sd_parse_opts {
	size_t max_field; /* longest text field accepted, bytes */
	size_t max_rules; /* most rules per benchmark */
	/*
	 * Deliver each benchmark's metadata only (no rules, no profiles'
	 * selections): a standalone benchmark document is not read past its
	 * first Group or Rule. For indexing many files cheaply.
	 */
	int header_only;
};
#define SD_PARSE_MAX_FIELD_DEFAULT ((size_t)4 << 20)
#define SD_PARSE_MAX_RULES_DEFAULT ((size_t)100000)

/*
 * Parse one XML document held in memory. `source` names it in messages
 * and in each benchmark's `source`. `cb` is called for every benchmark in
 * document order (a data stream may hold several). Returns 0, SD_EPARSE
 * with "source:line: message" in the error slot, SD_ELIMIT, SD_ENOTBENCH
 * when the document is well-formed so far but its root is not a
 * benchmark, data stream or normalized document, or a callback's negative
 * return. Entity declarations (billion laughs, XXE) are refused, nothing
 * is fetched from the network or the file system. `opts` may be NULL.
 */
int sd_xccdf_parse_memory(const char *data, size_t len, const char *source,
			  const struct sd_parse_opts *opts,
			  sd_benchmark_cb cb, void *ctx);

/* The same, reading `path` in chunks so memory holds one rule at a time. */
int sd_xccdf_parse_file(const char *path, const char *source,
			const struct sd_parse_opts *opts, sd_benchmark_cb cb,
			void *ctx);

/*
 * Split the decoded text of a Rule <description> into r->desc[]: known
 * tags fill their field; text outside them (descriptions that are not
 * pseudo-XML at all, unknown tags) becomes the discussion, or follows it
 * after a blank line.
 */
void sd_rule_parse_description(struct sd_rule *r, const char *text);

#endif
