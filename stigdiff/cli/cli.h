/*
 * What a command is, and the helpers every cmd_*.c shares: option parsing
 * with the exit codes of the project (0 success, 1 the command ran and
 * found differences or problems, 2 usage error or unprocessable input),
 * one-line error reporting, and the input-limit options.
 *
 * Adding a command: write cmd_<name>.c with `int cmd_<name>(int argc,
 * char **argv)`, declare it below, add a line to the table in main.c, and
 * document it in README.md and CHANGELOG.md.
 */
#ifndef SD_CLI_H
#define SD_CLI_H

#include "opt.h"
#include "source.h"
#include "util.h"

struct sd_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

enum { SD_EXIT_OK = 0, SD_EXIT_FOUND = 1, SD_EXIT_TROUBLE = 2 };

/*
 * Parse a command's options. Returns 0 to go on; otherwise the command
 * should return *rc at once (0 after --help, 2 after a usage error, which
 * has been printed with a hint).
 */
int sd_cli_parse(int argc, char **argv, const struct sd_opt *opts,
		 const char *usage, struct sd_strv *args, int *rc);

/* "error: <message>" on stderr. */
void sd_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the last error and return SD_EXIT_TROUBLE. */
int sd_cli_fail(void);
/* "no benchmark ['ID'] in 'PATH', ...": inputs that held none (or none
 * with the id `select`, when not NULL). */
void sd_cli_no_benchmark(const struct sd_strv *inputs, const char *select);
/* A usage error: message, a hint to --help, returns SD_EXIT_TROUBLE. */
int sd_cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A problem callback (source.h) that prints and counts. */
struct sd_cli_problems {
	int count;
};
void sd_cli_problem(int code, const char *msg, void *ctx);

/* Options for struct sd_source_opts, spliced into a command's table. */
#define SD_OPT_INPUT_LIMITS(so) \
	{ SD_OPT_GROUP, 0, NULL, NULL, NULL, "Input:" }, \
	{ SD_OPT_SIZE, 0, "max-bytes", &(so)->limits.max_bytes, "N", \
	  "inflated bytes per input, all members (default 1G)" }, \
	{ SD_OPT_DOUBLE, 0, "max-ratio", &(so)->limits.max_ratio, "R", \
	  "compression ratio per member over 1M (default 200)" }, \
	{ SD_OPT_SIZE, 0, "max-entries", &(so)->limits.max_entries, "N", \
	  "members per zip (default 10000)" }, \
	{ SD_OPT_SIZE, 0, "max-depth", &(so)->max_depth_opt, "N", \
	  "zips inside zips (default 4)" }, \
	{ SD_OPT_SIZE, 0, "max-field", &(so)->parse.max_field, "N", \
	  "bytes in one XML text field (default 4M)" }, \
	{ SD_OPT_FLAG, 0, "verbose", &(so)->verbose, NULL, \
	  "list what is skipped in zips and directories, and why" }

/*
 * Asset options of `checklist new` and `migrate`, spliced into their
 * tables: v[] in the order of sd_cl_asset_names (values point into argv),
 * web set by --web-or-database.
 */
struct sd_cli_asset {
	const char *v[12];
	int web;
};
#define SD_OPT_ASSET(a) \
	{ SD_OPT_GROUP, 0, NULL, NULL, NULL, "Asset:" }, \
	{ SD_OPT_STRING, 0, "host-name", &(a)->v[0], "NAME", \
	  "the asset's host name (STIG Manager needs one)" }, \
	{ SD_OPT_STRING, 0, "ip", &(a)->v[1], "ADDR", "its IP address" }, \
	{ SD_OPT_STRING, 0, "mac", &(a)->v[2], "ADDR", "its MAC address" }, \
	{ SD_OPT_STRING, 0, "fqdn", &(a)->v[3], "NAME", \
	  "its fully qualified domain name" }, \
	{ SD_OPT_STRING, 0, "role", &(a)->v[4], "ROLE", \
	  "None, Workstation, Member Server or Domain Controller" }, \
	{ SD_OPT_STRING, 0, "asset-type", &(a)->v[5], "TYPE", \
	  "Computing or Non-Computing" }, \
	{ SD_OPT_STRING, 0, "tech-area", &(a)->v[6], "AREA", \
	  "technology area (Windows OS, UNIX OS, Web Review, ...)" }, \
	{ SD_OPT_STRING, 0, "target-comment", &(a)->v[7], "TEXT", \
	  "comment on the asset" }, \
	{ SD_OPT_FLAG, 0, "web-or-database", &(a)->web, NULL, \
	  "the checklist is for a web site or database" }, \
	{ SD_OPT_STRING, 0, "web-db-site", &(a)->v[9], "SITE", \
	  "its site (with --web-or-database)" }, \
	{ SD_OPT_STRING, 0, "web-db-instance", &(a)->v[10], "NAME", \
	  "its instance (with --web-or-database)" }, \
	{ SD_OPT_STRING, 0, "marking", &(a)->v[11], "MARK", \
	  "classification marking (CUI, ...)" }

struct sd_checklist;
/* Set the asset fields `a` gives in `cl`: 0, or the exit status after a
 * usage error naming the option. */
int sd_cli_asset_apply(const struct sd_cli_asset *a, const char *cmd,
		       struct sd_checklist *cl);

/* Source options plus the size_t the depth option parses into. */
struct sd_cli_source {
	struct sd_limits limits;
	struct sd_parse_opts parse;
	size_t max_depth_opt;
	int verbose; /* tell what is skipped: "note: ...: skipped, ..." */
};
#define SD_CLI_SOURCE_INIT { SD_LIMITS_INIT, { 0, 0, 0 }, SD_LIMIT_MAX_DEPTH, 0 }
/* The struct sd_source_opts these options describe. */
void sd_cli_source_opts(const struct sd_cli_source *cs,
			struct sd_source_opts *out);

/*
 * A progress line over the files in `paths` (progress.h), ticked as the
 * walk with `so` reads each; nothing when no line is wanted. The caller
 * ends it with sd_progress_end().
 */
void sd_cli_progress_inputs(const char *what, const struct sd_strv *paths,
			    struct sd_source_opts *so);

/*
 * The corpus option, one spelling for every command that reads a corpus:
 * -C DIR, --corpus DIR. `help` says what the command reads there and
 * its default; SD_CORPUS_HELP is that of the commands that always read
 * one (sd_cli_open_corpus()).
 */
#define SD_OPT_CORPUS(dir, help) \
	{ SD_OPT_STRING, 'C', "corpus", (dir), "DIR", (help) }
#define SD_CORPUS_HELP "the corpus (default $STIGDIFF_CORPUS, else .)"

struct sd_corpus;
/*
 * The corpus directory a command reads: `dir` (its -C DIR) when given,
 * else $STIGDIFF_CORPUS when set and not empty, else "." when `cwd` (the
 * commands that always read a corpus), else NULL (those that read one
 * only for a name that is no file: migrate --to, controls).
 */
const char *sd_cli_corpus_dir(const char *dir, int cwd);
/*
 * Open the corpus sd_cli_corpus_dir(dir, 1) names into *c, with a
 * warning when an import into it was interrupted: 0, or the exit status
 * after printing why.
 */
int sd_cli_open_corpus(const char *dir, struct sd_corpus **c);
/*
 * What every corpus subcommand but init does first: parse the options,
 * check that there are between `min` and `max` operands (`what` names
 * them in the message), open the corpus *dir names
 * (sd_cli_open_corpus()). Returns 0 to go on; otherwise the subcommand
 * returns *rc.
 */
int sd_cli_corpus_start(int argc, char **argv, const struct sd_opt *opts,
			const char *usage_text, size_t min, size_t max,
			const char *what, struct sd_strv *args,
			const char **dir, struct sd_corpus **c, int *rc);
/*
 * Load release BENCH[@VERSION] `spec` of corpus `c` (corpus.h's
 * sd_corpus_resolve()) into *out; a spec naming a rule (":ID") is a
 * usage error saying "'SPEC' names a rule; <takes> (BENCH@VERSION)".
 * 0, or a negative code with the message in the error slot.
 */
int sd_cli_corpus_release(struct sd_corpus *c, const char *spec,
			  const char *takes, struct sd_benchmark **out);

/* Options diff and notes share, spliced into their tables. */
#define SD_OPT_DIFF_COMMON(output, force, select, strict, fields, trust) \
	{ SD_OPT_STRING, 'o', "output", (output), "FILE", \
	  "write to FILE instead of standard output" }, \
	{ SD_OPT_FLAG, 'f', "force", (force), NULL, \
	  "compare different benchmarks; overwrite FILE" }, \
	{ SD_OPT_STRING, 'b', "benchmark", (select), "ID", \
	  "this benchmark id (or source member) in each input" }, \
	{ SD_OPT_FLAG, 0, "strict", (strict), NULL, \
	  "count cosmetic differences (spacing, quotes) as changes" }, \
	{ SD_OPT_LIST, 0, "fields", (fields), "FIELD,...", \
	  "compare only these fields (check, fix, title, ccis, ...)" }, \
	{ SD_OPT_FLAG, 0, "trust-declared", (trust), NULL, \
	  "pair rules as DISA declares even where content contradicts it" }

/*
 * Load OLD and NEW for diff and notes (one benchmark each; `select` as
 * --benchmark). Different benchmark ids are an error unless `force`
 * (then a warning); OLD later than NEW is a warning. Returns SD_EXIT_OK
 * with both owned by the caller, or SD_EXIT_TROUBLE after printing why.
 */
int sd_cli_load_pair(const char *old_path, const char *new_path,
		     const char *select, const struct sd_source_opts *so,
		     int force, struct sd_benchmark **old,
		     struct sd_benchmark **new);

/*
 * The checks sd_cli_load_pair() makes once both are loaded (names are
 * for messages). On SD_EXIT_TROUBLE both are freed and set to NULL.
 */
int sd_cli_check_pair(const char *old_path, const char *new_path, int force,
		      struct sd_benchmark **old, struct sd_benchmark **new);

/* ---- The diff run diff, notes and corpus diff share (cli_diff.c) ---- */

/*
 * Where stigdiff diff gets OLD and NEW when they are not paths (stigdiff
 * corpus diff: two corpus releases). `where` is the -C/--corpus value,
 * NULL when not given. Returns SD_EXIT_OK with both owned by the caller,
 * or SD_EXIT_TROUBLE after printing why.
 */
typedef int (*sd_cli_pair_loader)(const char *where, const char *old,
				  const char *new, int force,
				  struct sd_benchmark **o,
				  struct sd_benchmark **n);

/*
 * stigdiff diff with all its options and formats; `load` NULL reads OLD
 * and NEW from paths, else through `load`, with -C/--corpus DIR added
 * to the options. Returns the exit status.
 */
int sd_cli_diff(int argc, char **argv, const char *usage,
		sd_cli_pair_loader load);

struct sd_json;
/* A benchmark's identity as a JSON object: id, title, version (V2R2),
 * date, source, rules (count). A new reference. */
struct sd_json *sd_cli_benchmark_json(const struct sd_benchmark *b);
/* A score as a JSON number rounded to three decimals. */
struct sd_json *sd_cli_score_json(double score);

/*
 * NIST SP 800-53 controls next to CCIs: --cci FILE and --nist-rev 4|5
 * (default 5). The CCI list is loaded on first need (sd_cli_nist_list),
 * so a command that meets no CCI pays nothing for it.
 */
struct sd_cci_list;
struct sd_cli_nist {
	const char *cci; /* --cci FILE, NULL: the embedded list */
	const char *rev; /* "4" or "5" */
	struct sd_cci_list *list;
	int tried;
};
#define SD_CLI_NIST_INIT { NULL, "5", NULL, 0 }
#define SD_OPT_NIST(n) \
	{ SD_OPT_STRING, 0, "cci", &(n)->cci, "FILE", \
	  "DISA's CCI list (default: the list compiled in)" }, \
	{ SD_OPT_STRING, 0, "nist-rev", &(n)->rev, "REV", \
	  "NIST SP 800-53 revision of the controls shown: 4 or 5 (default 5)" }
/* Is --nist-rev valid? 0, or a usage error printed and SD_EXIT_TROUBLE. */
int sd_cli_nist_check(const char *cmd, const struct sd_cli_nist *n);
/*
 * The CCI list, loaded on the first call: the list compiled in, or
 * --cci FILE. A FILE that cannot be read is an error (NULL, *err set to
 * its negative code, the message in the error slot).
 */
const struct sd_cci_list *sd_cli_nist_list(struct sd_cli_nist *n, int *err);
void sd_cli_nist_release(struct sd_cli_nist *n);
struct sd_diff;
/* Controls next to the CCI changes of `d`; the list is loaded only when
 * `d` has one. Returns 0 or a negative code (message in the slot). */
int sd_cli_diff_controls(struct sd_cli_nist *n, struct sd_diff *d);

/*
 * Load one benchmark named on the command line: a path (XCCDF, data
 * stream, zip, directory), or when no such file exists and a corpus is
 * given (sd_cli_corpus_dir(corpus, 0)), a corpus release BENCH[@VERSION].
 * `who` names the option or command in messages ("--to"). The caller
 * owns *out.
 */
int sd_cli_load_release(const char *who, const char *spec, const char *select,
			const struct sd_source_opts *so, const char *corpus,
			struct sd_benchmark **out);

int cmd_unpack(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_notes(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_lineage(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_cci(int argc, char **argv);
int cmd_controls(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
