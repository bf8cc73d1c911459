/*
 * What changed between two releases of a benchmark, rule by rule.
 *
 * sd_diff_run() pairs the rules of OLD and NEW (same Vuln ID; else same
 * rule base SV-n; else a legacy ident of the new rule naming the old one;
 * else same STIG ID), compares every field of each pair, and classifies
 * it: unchanged, changed (a content field differs), renumbered (only
 * identifiers differ), revised (only DISA's bookkeeping differs: the rule
 * revision, check and fix ids), cosmetic (content differs only in
 * spacing, quote style or spacing around punctuation), added, removed.
 * Changed prose fields carry a word diff (worddiff.h).
 *
 * The writers (diff_write.c) render the result as text, JSON, XML (the
 * input of the release-notes stylesheets) and CSV.
 */
#ifndef SD_DIFF_H
#define SD_DIFF_H

#include <stdio.h>

#include "buf.h"
#include "util.h"
#include "worddiff.h"
#include "xccdf.h"

#define SD_DIFF_NS "urn:x-stigdiff:diff:1"
#define SD_DIFF_FORMAT_VERSION 1

/*
 * A pairing decided by the caller ahead of diff's own id passes: the
 * matcher's (match.h), where it set a declaration aside because content
 * contradicts it (cli_diff.c makes them).
 */
struct sd_diff_fix {
	size_t old_index, new_index; /* rule indexes in OLD and NEW */
	int forbid; /* 1: never pair these two; 0: pair them */
	const char *note; /* why, in words (copied into the diff) */
};

/* Zero-initialised: the defaults. */
struct sd_diff_opts {
	int strict; /* cosmetic differences count as changes */
	int fold_case; /* an ASCII letter's case is a cosmetic difference */
	/* Compare only these fields (names as in README and in a diff's
	 * `fields`, or the aliases check, fix, description); NULL or
	 * empty: all. */
	const struct sd_strv *fields;
	const struct sd_diff_fix *fixes; /* borrowed; applied first */
	size_t nfixes;
	/* Statuses and the fields that differ only: changed prose gets no
	 * word diff (wd stays empty). For callers that count, such as the
	 * corpus's commit summaries. */
	int statuses_only;
};

/* In the order reports list them. */
enum sd_diff_status {
	SD_DIFF_ADDED = 0,
	SD_DIFF_REMOVED,
	SD_DIFF_CHANGED,
	SD_DIFF_RENUMBERED,
	SD_DIFF_REVISED,
	SD_DIFF_COSMETIC,
	SD_DIFF_UNCHANGED,
	SD_DIFF_NSTATUS
};
/* "added", "removed", ..., "unchanged". */
const char *sd_diff_status_name(enum sd_diff_status s);
/* The status named `s`, or -1. */
int sd_diff_status_parse(const char *s);

/* Why two rules were paired, strongest first. */
enum sd_diff_evidence {
	SD_PAIR_NONE = 0, /* added or removed */
	SD_PAIR_VULN_ID,  /* same Vuln ID */
	SD_PAIR_RULE_BASE, /* same rule base SV-n */
	SD_PAIR_LEGACY,   /* a legacy ident of the new rule names the old */
	SD_PAIR_STIG_ID,  /* same STIG ID */
	SD_PAIR_CONFLICT  /* the caller's: a declaration content contradicts
			   * was set aside (struct sd_diff_fix) */
};
/* "", "vuln-id", "rule-base", "legacy-id", "stig-id", "declared-conflict". */
const char *sd_diff_evidence_name(enum sd_diff_evidence e);

/* What a field is for, which decides the status its change gives. */
enum sd_diff_role {
	SD_ROLE_CONTENT,    /* what the rule says: changed / cosmetic */
	SD_ROLE_IDENTITY,   /* what it is called: renumbered */
	SD_ROLE_BOOKKEEPING /* DISA's revision and check/fix ids: revised */
};

enum sd_diff_kind {
	SD_KIND_TEXT,  /* prose, with a word diff */
	SD_KIND_VALUE, /* one short value */
	SD_KIND_LIST   /* a set of values (order does not count) */
};

/* One field that differs between the two rules of a pair. */
struct sd_diff_change {
	const char *field; /* "check-content", "severity", "ccis", ... */
	const char *label; /* "Check text", "Severity", "CCIs", ... */
	enum sd_diff_kind kind;
	enum sd_diff_role role;
	unsigned cosmetic; /* SD_COSMETIC_* bits when only cosmetic, else 0 */
	const char *old;   /* TEXT, VALUE: borrowed; NULL when absent */
	const char *new;
	struct sd_strv old_list; /* LIST: sorted, without duplicates */
	struct sd_strv new_list;
	struct sd_strv removed;  /* LIST: in old only, sorted */
	struct sd_strv added;    /* LIST: in new only, sorted */
	struct sd_worddiff wd;  /* TEXT */
	int severity_dir; /* severity: +1 raised, -1 lowered, 0 otherwise */
	/* ccis, after sd_diff_controls(): the NIST SP 800-53 controls of
	 * the old and new CCIs (NIST order) for revision nist_rev, and
	 * those only in one side; nist_rev NULL when not computed. */
	const char *nist_rev;
	struct sd_strv old_controls, new_controls;
	struct sd_strv controls_removed, controls_added;
};

struct sd_diff_rule {
	enum sd_diff_status status;
	const struct sd_rule *old; /* NULL when added */
	const struct sd_rule *new; /* NULL when removed */
	enum sd_diff_evidence evidence;
	const char *evidence_value; /* the id that paired them (borrowed) */
	struct sd_diff_change *changes; /* the differing fields compared */
	size_t nchanges;
};

/* A diff; read its members, do not change them. */
struct sd_diff {
	const struct sd_benchmark *old; /* borrowed */
	const struct sd_benchmark *new;
	int strict;
	struct sd_strv fields; /* the fields compared, canonical names */
	struct sd_strv notes;  /* the fixes' notes, which evidence_value names */
	/* Rules in report order: new rules in canonical order, each removed
	 * rule just before the first new rule that follows it in OLD. */
	struct sd_diff_rule *rules;
	size_t nrules;
};

/*
 * Diff OLD against NEW. `opts` may be NULL (defaults). On success *out is
 * a diff the caller frees with sd_diff_free(); it borrows both benchmarks,
 * which must outlive it. Fails with SD_EUSAGE on an unknown field name.
 */
int sd_diff_run(const struct sd_benchmark *old, const struct sd_benchmark *new,
		const struct sd_diff_opts *opts, struct sd_diff **out);
/* Free a diff; NULL is fine. The benchmarks are not touched. */
void sd_diff_free(struct sd_diff *d);

/*
 * Compare two versions of one rule as sd_diff_run() compares a pair
 * (evidence is left empty). *out borrows both rules; release it with
 * sd_diff_rule_release().
 */
int sd_diff_rules(const struct sd_rule *old, const struct sd_rule *new,
		  const struct sd_diff_opts *opts, struct sd_diff_rule *out);
void sd_diff_rule_release(struct sd_diff_rule *r);

struct sd_diff_counts {
	size_t added, removed, changed, renumbered, revised, cosmetic,
		unchanged;
};
void sd_diff_counts(const struct sd_diff *d, struct sd_diff_counts *out);
/* The count of one status. */
size_t sd_diff_count(const struct sd_diff_counts *c, enum sd_diff_status s);

/*
 * One line for people, appended to `out`: "2 added, 1 removed, 5 changed,
 * 3 renumbered, 60 revision-only" (zero counts omitted; cosmetic ones
 * only with --strict, where they count as changed), or "no changes".
 */
void sd_diff_summary(const struct sd_diff *d, struct sd_buf *out);

/*
 * Is a rule of this status a difference that counts (in the summary and
 * the exit status)? Everything but unchanged and cosmetic.
 */
int sd_diff_status_is_change(enum sd_diff_status s);
/* Does any rule of `d` differ in a way that counts? */
int sd_diff_has_changes(const struct sd_diff *d);

/*
 * One line saying what changed in a field, appended to `out`: "Check text
 * changed", "Severity raised from CAT II to CAT I", "CCIs changed: added
 * CCI-000366; removed CCI-001453", "Rule revision r1 -> r2".
 */
void sd_diff_change_note(const struct sd_diff_change *c, struct sd_buf *out);

struct sd_cci_list;
/* Does some rule of `d` have a CCI change (worth loading the CCI list)? */
int sd_diff_has_cci_change(const struct sd_diff *d);
/*
 * Give every CCI change of `d` the NIST SP 800-53 controls (revision
 * `rev`, "4" or "5", kept as a pointer) of its old and new CCIs from `l`;
 * sd_diff_change_note() and the writers then show them.
 */
void sd_diff_controls(struct sd_diff *d, const struct sd_cci_list *l,
		      const char *rev);

/* Are these --fields names known? 0, or SD_EUSAGE naming the bad one. */
int sd_diff_fields_check(const struct sd_strv *names);

/* ---- Writers (diff_write.c) ---- */

/*
 * The word diff of one text field, appended to `out`: the lines of the
 * new text holding a change, each after `indent`, deletions and
 * insertions marked [-x-] {+y+} (red and green with `color`), "..."
 * standing for the lines left out.
 */
void sd_diff_word_lines(const struct sd_worddiff *wd, int color,
			const char *indent, struct sd_buf *out);

enum sd_diff_format {
	SD_DIFF_TEXT,
	SD_DIFF_JSON,
	SD_DIFF_XML,
	SD_DIFF_CSV,
	SD_DIFF_MD,  /* release notes through xslt/notes-md.xsl */
	SD_DIFF_HTML /* release notes through xslt/notes-html.xsl */
};
/* "text", "json", ...: -1 when unknown. */
int sd_diff_format_parse(const char *s);

struct sd_diff_write_opts {
	unsigned only;  /* bit (1 << status) per status to list; 0: all */
	int color;      /* text: ANSI colours */
	int no_word_diff; /* XML: changed texts without their word diff */
};

/*
 * Write `d` to `fp` (borrowed) as text, JSON, XML or CSV. Rules whose
 * status `only` leaves out are not listed (counts still cover every
 * rule). Returns 0 or SD_EIO.
 */
int sd_diff_write(const struct sd_diff *d, FILE *fp, enum sd_diff_format fmt,
		  const struct sd_diff_write_opts *wo);

struct sd_xw;
/* The <diff> element of the XML format, written into `w` (borrowed). */
void sd_diff_xml(struct sd_xw *w, const struct sd_diff *d,
		 const struct sd_diff_write_opts *wo);

struct sd_json;
/* The JSON document of `d` (a new reference); the schema is in README. */
struct sd_json *sd_diff_json(const struct sd_diff *d,
			     const struct sd_diff_write_opts *wo);

#endif
