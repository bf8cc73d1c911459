/*
 * Scan results: the XCCDF 1.1 and 1.2 TestResult documents scanners
 * write (SCC, OpenSCAP's --results and --stig-viewer files), alone,
 * inside a benchmark, inside an ARF asset report collection, or in a zip
 * (the walker of source.c finds them). A streaming reader over the one
 * SAX harness (xml/sax.h): only the TestResults' own data is kept, so an
 * ARF report holding the whole data stream and OVAL results costs no
 * more memory than its rule results.
 *
 * What is kept of a TestResult: its id, the tool (test-system), start and
 * end time, target, benchmark and profile, and per rule-result the rule
 * reference (idref), the rule id it names (DISA's
 * "xccdf_mil.disa.stig_rule_SV-1r2_rule" read as "SV-1r2_rule"), the
 * result, time, severity, the rule's version (DISA's STIG id) and the
 * messages. Nothing here interprets a result: checklist/results.h does.
 */
#ifndef SD_RESULTS_H
#define SD_RESULTS_H

#include <stddef.h>

#include "source.h"
#include "util.h"

struct sd_rule_result {
	char *idref;    /* as written */
	char *rule_id;  /* the rule id it names (see above), never NULL */
	char *result;   /* pass, fail, ... as written (trimmed) */
	char *time;     /* NULL when absent */
	char *severity;
	char *version;  /* the rule's version: DISA's STIG id */
	char *message;  /* every <message>, one per line, or NULL */
	struct sd_strv legacy; /* idents of http://cyber.mil/legacy */
	unsigned line;  /* of the rule-result */
};

struct sd_test_result {
	char *source;        /* the document ("a.zip!results.xml") */
	char *id;
	char *xccdf_version; /* "1.1" or "1.2" */
	char *test_system;   /* the tool: "cpe:/a:spawar:scc:5.7" */
	char *start_time, *end_time;
	char *target;        /* host name */
	char *target_address;
	char *benchmark;     /* <benchmark id> (else href), or NULL */
	char *profile;       /* <profile idref>, or NULL */
	struct sd_rule_result *rules;
	size_t nrules, cap;
	unsigned line;
};

struct sd_results {
	struct sd_test_result *v;
	size_t n, cap;
};
#define SD_RESULTS_INIT { NULL, 0, 0 }
void sd_results_release(struct sd_results *r);

/* Rule results accepted in one document (more fail with SD_ELIMIT). */
#define SD_RESULTS_MAX_RULES ((size_t)500000)

/*
 * Read the TestResults of one XML document held in memory ([data, data +
 * len), borrowed) or in the file `path`, appending them to `out`;
 * `source` names it in messages; text fields longer than `max_field`
 * bytes (0: 4 MiB) fail with SD_ELIMIT. Returns how many TestResults
 * were read (0: none in a well-formed document), or a negative code with
 * "source:line: why" in the error slot and nothing appended.
 */
int sd_results_parse_memory(const char *data, size_t len, const char *source,
			    size_t max_field, struct sd_results *out);
int sd_results_parse_file(const char *path, const char *source,
			  size_t max_field, struct sd_results *out);

/*
 * Walk `path` (an XML file, a zip, nested zips, a directory: source.h)
 * and read every TestResult into `out`. A document named on the command
 * line holding none is a problem ("no XCCDF TestResult"); documents
 * without one inside zips and directories are skipped (opts->skipped).
 * Each unreadable input or member goes to `problem` and the walk goes
 * on. Returns 0 when the walk completed, else a negative code.
 */
int sd_results_load(const char *path, const struct sd_source_opts *opts,
		    struct sd_results *out, sd_problem_cb problem, void *pctx);

#endif
