/*
 * STIG Viewer checklists: one model for STIG Viewer 2's .ckl (XML, read
 * and written by ckl.c) and STIG Viewer 3's .cklb (JSON, cklb.c).
 *
 * The model speaks .ckl's vocabulary: asset data, STIG_INFO and STIG_DATA
 * are ordered (name, value) pairs named as .ckl names them (HOST_NAME,
 * releaseinfo, Rule_ID, CCI_REF...); .cklb keys are mapped onto those
 * names (host_name, release_info, rule_id_src, ccis...) by a table in
 * checklist.c. The five assessment fields of a rule (STATUS,
 * FINDING_DETAILS, COMMENTS, SEVERITY_OVERRIDE, SEVERITY_JUSTIFICATION)
 * are members of their own. Text is kept exactly as read: a person's
 * comments are never normalized.
 *
 * Lossless writes: a checklist read from a file keeps the parsed document
 * (libxml2 tree or JSON value) and each STIG and rule keeps a pointer to
 * its node in it. Writing in the format it was read from updates that
 * document from the model and serializes it, so comments (Evaluate-STIG's),
 * unknown elements and keys, and element and key order survive. Writing
 * in the other format, or a checklist built from a benchmark, builds a
 * fresh document from the model.
 */
#ifndef SD_CHECKLIST_H
#define SD_CHECKLIST_H

#include <stddef.h>
#include <stdio.h>

#include "xccdf.h"

enum sd_cl_format {
	SD_CL_NONE = 0, /* built in memory, not read from a file */
	SD_CL_CKL,      /* STIG Viewer 2, XML */
	SD_CL_CKLB      /* STIG Viewer 3, JSON */
};

/* "ckl" or "cklb" (or "" for SD_CL_NONE). */
const char *sd_cl_format_name(enum sd_cl_format f);
/* Parse "ckl" or "cklb"; SD_CL_NONE when neither. */
enum sd_cl_format sd_cl_format_parse(const char *s);
/* The format a file name's extension names; SD_CL_NONE when neither. */
enum sd_cl_format sd_cl_format_of_path(const char *path);

enum sd_cl_status {
	SD_CL_NOT_REVIEWED = 0,
	SD_CL_OPEN,
	SD_CL_NOT_A_FINDING,
	SD_CL_NOT_APPLICABLE,
	SD_CL_STATUS_UNKNOWN /* outside both vocabularies */
};
#define SD_CL_NSTATUS 5

/*
 * Read a status in either vocabulary ("NotAFinding", "not_a_finding";
 * case, '_', '-' and spaces ignored). NULL and "" are Not_Reviewed, as
 * STIG Viewer reads them; anything else is SD_CL_STATUS_UNKNOWN.
 */
enum sd_cl_status sd_cl_status_parse(const char *s);
/* The status as `f` writes it ("NotAFinding" / "not_a_finding"); NULL
 * for SD_CL_STATUS_UNKNOWN. SD_CL_NONE gives the .ckl spelling. */
const char *sd_cl_status_name(enum sd_cl_status st, enum sd_cl_format f);

/* One named value. `value` NULL: present without data (an element with
 * no ATTRIBUTE_DATA or SID_DATA, a JSON null). */
struct sd_json;

struct sd_cl_pair {
	char *name;
	char *value;
};

struct sd_cl_pairs {
	struct sd_cl_pair *v;
	size_t n, cap;
};

/* Append (name, value), copying both; value may be NULL. */
void sd_cl_pairs_add(struct sd_cl_pairs *p, const char *name,
		     const char *value);
/* The value of the first pair named `name` (NULL when none, or when its
 * value is NULL); `found` (may be NULL) says whether a pair exists. */
const char *sd_cl_pairs_get(const struct sd_cl_pairs *p, const char *name,
			    int *found);
/* Set the first pair named `name` to a copy of `value`, appending one
 * when there is none. */
void sd_cl_pairs_set(struct sd_cl_pairs *p, const char *name,
		     const char *value);
void sd_cl_pairs_copy(struct sd_cl_pairs *dst, const struct sd_cl_pairs *src);
void sd_cl_pairs_release(struct sd_cl_pairs *p);

/* A rule's assessment: elements of a VULN, keys of a .cklb rule. */
enum sd_cl_field {
	SD_CL_STATUS = 0,
	SD_CL_FINDING_DETAILS,
	SD_CL_COMMENTS,
	SD_CL_SEVERITY_OVERRIDE,
	SD_CL_SEVERITY_JUSTIFICATION,
	SD_CL_NFIELDS
};
/* "STATUS", "FINDING_DETAILS", ...: the .ckl element. */
const char *sd_cl_field_name(enum sd_cl_field f);

/* One rule (a VULN, a .cklb rule). */
struct sd_cl_vuln {
	struct sd_cl_pairs data;     /* STIG_DATA in order; LEGACY_ID and
				      * CCI_REF repeat */
	char *field[SD_CL_NFIELDS]; /* NULL when the element was absent */
	void *origin;                /* its node in the kept document */
	unsigned line;               /* source line (0 when unknown) */
	struct sd_json *es;          /* Evaluate-STIG's record (owned) */
};

/* The STIG_DATA value named `name` (first one), or NULL. */
const char *sd_cl_vuln_get(const struct sd_cl_vuln *v, const char *name);
/* Vuln_Num, else Rule_ID, else Rule_Ver, else "(no id)": for messages. */
const char *sd_cl_vuln_label(const struct sd_cl_vuln *v);
/* Is `s` NULL, empty or only blanks? */
int sd_cl_blank(const char *s);
/* Does the rule carry any assessment: a status other than Not_Reviewed,
 * or non-blank details, comments, override or justification? */
int sd_cl_vuln_has_assessment(const struct sd_cl_vuln *v);
void sd_cl_vuln_release(struct sd_cl_vuln *v);

/* One STIG in a checklist (an iSTIG, an element of .cklb stigs[]). */
struct sd_cl_stig {
	struct sd_cl_pairs info; /* STIG_INFO: version, stigid, title... */
	struct sd_cl_vuln *vulns;
	size_t nvulns, cap;
	void *origin;
	struct sd_json *es; /* Evaluate-STIG's record of the STIG (owned) */
};

/* STIG_INFO value named `name` (stigid, title, releaseinfo...) or NULL. */
const char *sd_cl_stig_get(const struct sd_cl_stig *s, const char *name);
/* "V2R6" from version and releaseinfo into out, or "" when unknown. */
char *sd_cl_stig_vr(const struct sd_cl_stig *s, char out[32]);
/*
 * Give `s` every STIG_INFO field format `f` writes, as STIG Viewer writes
 * it: for .ckl the eleven SI_DATA of STIG Viewer 2.18 (version,
 * classification, customname, stigid, description, filename, releaseinfo,
 * title, uuid, notice, source), for .cklb the pairs behind stig_name,
 * stig_id, version, release_info and uuid. A missing one is derived from
 * the rest of the STIG where it can be (version from the rules' STIGRef,
 * classification from the rules', uuid from the ids) and empty otherwise;
 * nothing present changes. sd_checklist_write calls it.
 */
void sd_cl_stig_complete(struct sd_cl_stig *s, enum sd_cl_format f);
/* Append a zeroed rule and return it (borrowed). */
struct sd_cl_vuln *sd_cl_stig_add_vuln(struct sd_cl_stig *s);
/* Free every rule of `s`, leaving it with none. */
void sd_cl_stig_clear_vulns(struct sd_cl_stig *s);

struct sd_checklist {
	enum sd_cl_format format; /* what it was read from */
	char *source;             /* file name, for messages */
	struct sd_cl_pairs asset; /* ASSET / target_data */
	struct sd_cl_stig *stigs;
	size_t nstigs, cap;
	void *doc;  /* the kept document of `format`, or NULL */
	void (*doc_free)(void *doc); /* frees `doc`: set by its reader */
	int indent; /* .cklb as read: 0 compact, else spaces per level */
	int as_is;  /* write back only what changed: no STIG_INFO completion
		     * (`checklist set`) */
	/*
	 * Evaluate-STIG's records (result-engine data) of the checklist,
	 * of a STIG (above) and of a rule, as a JSON object: .cklb holds
	 * them as "evaluate-stig" keys; .ckl as XML comments
	 * <!--<Evaluate-STIG>...</Evaluate-STIG>--> before CHECKLIST, in an
	 * iSTIG and in a VULN, one element per key (README, "checklist").
	 */
	struct sd_json *es;
};

/* A new empty checklist (format SD_CL_NONE); free with sd_checklist_free. */
struct sd_checklist *sd_checklist_new(void);
/* Free `cl`, its document and everything in it; NULL is fine. */
void sd_checklist_free(struct sd_checklist *cl);
/* Append an empty STIG and return it (borrowed). */
struct sd_cl_stig *sd_checklist_add_stig(struct sd_checklist *cl);

/*
 * Asset fields a person sets (`checklist new` and `set`, `migrate`).
 * `key` is an option name (host-name, ip, mac, fqdn, role, asset-type,
 * tech-area, target-comment, web-or-database, web-db-site,
 * web-db-instance, marking), a .ckl name (HOST_NAME) or a .cklb key
 * (host_name). role takes STIG Viewer's None, Workstation, Member Server
 * or Domain Controller, asset-type Computing or Non-Computing,
 * web-or-database true or false (any case; stored as STIG Viewer spells
 * them); a host name is at most 255 bytes (STIG Manager's limit). Sets
 * the field in `cl->asset` (a copy of `value`); 0, or SD_EUSAGE with a
 * message naming the key.
 */
int sd_cl_asset_set(struct sd_checklist *cl, const char *key,
		    const char *value);
/* SD_EUSAGE when a web or database site or instance is given while
 * WEB_OR_DATABASE is not true (STIG Viewer shows them only then). */
int sd_cl_asset_check(const struct sd_checklist *cl);
/* The option names sd_cl_asset_set takes, NULL-terminated. */
extern const char *const sd_cl_asset_names[];

/* Limits on what a reader accepts. */
struct sd_cl_opts {
	size_t max_bytes; /* whole file */
	size_t max_field; /* one text value */
};
#define SD_CL_MAX_BYTES_DEFAULT ((size_t)256 << 20)
#define SD_CL_MAX_FIELD_DEFAULT ((size_t)8 << 20)
/* opts->max_field, or the default when opts is NULL or it is 0. */
size_t sd_cl_max_field(const struct sd_cl_opts *opts);

/*
 * A new checklist for benchmark `b` (borrowed), the way STIG Viewer
 * creates one: one STIG, every rule Not_Reviewed with empty assessment,
 * every rule field filled from the benchmark, asset data empty. UUIDs are
 * derived from the benchmark's id, version and rule ids, so the same
 * benchmark always gives the same file.
 */
struct sd_checklist *sd_checklist_from_benchmark(const struct sd_benchmark *b);
/* Fill `s` (an empty STIG) from `b` as sd_checklist_from_benchmark does. */
void sd_cl_stig_from_benchmark(struct sd_cl_stig *s,
			       const struct sd_benchmark *b);
/* Fill `v` (an empty rule) with the STIG_DATA of `r`; `stig_uuid` and
 * `stig_ref` (may be NULL) fill STIG_UUID and STIGRef. */
void sd_cl_vuln_from_rule(struct sd_cl_vuln *v, const struct sd_rule *r,
			  const char *stig_uuid, const char *stig_ref);

/*
 * The rule data of a checklist STIG as a benchmark (the caller owns it):
 * one struct sd_rule per VULN with ids, title, texts, severity, CCIs and
 * legacy ids from STIG_DATA, so the matcher can compare a checklist with a
 * benchmark. Benchmark id, title, version and release come from
 * STIG_INFO.
 */
struct sd_benchmark *sd_cl_stig_benchmark(const struct sd_cl_stig *s);

/*
 * The .cklb key for a .ckl name at one level of the document ("asset",
 * "stig", "rule"), or NULL when the name has no counterpart (then the
 * name itself is used as the key). Exposed for cklb.c.
 */
struct sd_cl_keymap {
	const char *ckl;   /* HOST_NAME, releaseinfo, Rule_ID */
	const char *cklb;  /* host_name, release_info, rule_id_src */
	int kind;          /* SD_CL_KEY_* */
};
enum { SD_CL_KEY_STRING = 0, SD_CL_KEY_BOOL, SD_CL_KEY_LIST,
       SD_CL_KEY_CHECK_REF };
extern const struct sd_cl_keymap sd_cl_asset_keys[];
extern const struct sd_cl_keymap sd_cl_stig_keys[];
extern const struct sd_cl_keymap sd_cl_rule_keys[];
/* The entry of `map` (terminated by a NULL ckl) by either name. */
const struct sd_cl_keymap *sd_cl_key_by_ckl(const struct sd_cl_keymap *map,
					     const char *ckl);
const struct sd_cl_keymap *sd_cl_key_by_cklb(const struct sd_cl_keymap *map,
					      const char *cklb);

#endif
