/*
 * stigdiff: one binary, git-style subcommands. Libraries are initialised
 * and shut down here, once; the command table is the only list of
 * commands (help prints from it).
 */
/* sbrk() and madvise(MADV_HUGEPAGE) are outside POSIX. */
#define _DEFAULT_SOURCE
#include "cli.h"
#include "progress.h"
#include "render.h"
#include "corpus.h"
#include "error.h"
#include "version.h"
#include "xml.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

static const struct sd_command commands[] = {
	{ "unpack", cmd_unpack,
	  "find the benchmarks in DISA zips, directories and files" },
	{ "normalize", cmd_normalize,
	  "write benchmarks in stigdiff's normalized XML or JSON" },
	{ "diff", cmd_diff,
	  "what changed between two releases, rule by rule" },
	{ "notes", cmd_notes,
	  "release notes (Markdown or HTML) for two releases" },
	{ "map", cmd_map,
	  "map the rules of one benchmark to another's, with evidence" },
	{ "lineage", cmd_lineage,
	  "follow a rule across releases and products" },
	{ "corpus", cmd_corpus,
	  "every release of every benchmark as git history" },
	{ "checklist", cmd_checklist,
	  "STIG Viewer checklists: new, set, convert, stats, check" },
	{ "migrate", cmd_migrate,
	  "carry a checklist over to a new release or product, with a report" },
	{ "cci", cmd_cci,
	  "CCI definitions and their NIST SP 800-53 references" },
	{ "controls", cmd_controls,
	  "the rules of a benchmark per NIST SP 800-53 control" },
	{ "site", cmd_site,
	  "the corpus as a static website: pages, search, Turtle" },
	{ "export", cmd_export,
	  "the corpus as linked data (Turtle, RDF/XML), JSON or CSV" },
};

static void print_warning(const char *msg, void *ctx)
{
	(void)ctx;
	sd_progress_clear();
	fprintf(stderr, "warning: %s\n", msg);
}

static void usage(FILE *fp)
{
	fputs("usage: stigdiff <command> [options] [args]\n"
	      "       stigdiff help <command> | --help | --version\n\n"
	      "Commands:\n",
	      fp);
	for (size_t i = 0; i < SD_ARRAY_SIZE(commands); i++)
		fprintf(fp, "    %-12s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\nExit status: 0 success, 1 differences or problems found, "
	      "2 usage error\nor input that could not be processed.\n"
	      "\nEach command's manual: man stigdiff-<command> (installed), or\n"
	      "docs/stigdiff-<command>.md; file formats: docs/formats/.\n",
	      fp);
}

static const struct sd_command *find(const char *name)
{
	for (size_t i = 0; i < SD_ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int run(int argc, char **argv)
{
	const struct sd_command *c;

	if (argc < 2) {
		usage(stderr);
		return SD_EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("stigdiff %s\n", SD_VERSION);
		return SD_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    (!strcmp(argv[1], "help") && argc == 2)) {
		usage(stdout);
		return SD_EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		/* help CMD [SUB]: CMD [SUB] --help */
		char *help_argv[] = { argv[2], argc > 3 ? argv[3] : "--help",
				      "--help", NULL };

		c = find(argv[2]);
		if (!c) {
			sd_cli_error("unknown command '%s' (see 'stigdiff help')",
				     argv[2]);
			return SD_EXIT_TROUBLE;
		}
		return c->fn(argc > 3 ? 3 : 2, help_argv);
	}
	c = find(argv[1]);
	if (!c) {
		sd_cli_error("unknown command '%s' (see 'stigdiff help')",
			     argv[1]);
		return SD_EXIT_TROUBLE;
	}
	return c->fn(argc - 1, argv + 1);
}

/*
 * A command is a short run that parses a few megabytes, frees them and
 * parses more, and page faults were a third of a checklist migration.
 * So: keep freed memory for reuse rather than handing it back to the
 * kernel (the heap is still reused, streaming commands stay bounded),
 * grow the heap in one step, and let the kernel back that step with
 * huge pages where it offers them on request (transparent huge pages
 * in "madvise" mode): a 2 MiB fault instead of 512 small ones.
 */
static void heap_setup(void)
{
#ifdef __GLIBC__
	const uintptr_t huge = (uintptr_t)2 << 20, block = (uintptr_t)1 << 20;
	uintptr_t base, top, lo, hi, first;
	void *p;

	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 96 << 20);
	mallopt(M_TOP_PAD, 64 << 20);
	/* A block larger than the heap has left makes it grow by the pad:
	 * advise the part it grew by (not when another allocator, such as
	 * AddressSanitizer's, leaves the program break alone). */
	base = (uintptr_t)sbrk(0);
	p = malloc(block);
	first = (uintptr_t)p;
	top = (uintptr_t)sbrk(0);
	lo = (base + huge - 1) & ~(huge - 1);
	hi = top & ~(huge - 1);
#ifdef MADV_HUGEPAGE
	if (p && first < top && first + block > base && hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
	free(p);
#endif
}

int main(int argc, char **argv)
{
	int rc;

	heap_setup();
	sd_warn_set_handler(print_warning, NULL);
	sd_tick_set_handler(sd_progress_tick, NULL);
	sd_xml_init();
	sd_render_set_dir(getenv("STIGDIFF_XSLT_DIR"));
	rc = run(argc, argv);
	sd_progress_end();
	/* Results go to standard output: failing to write them is trouble. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc != SD_EXIT_TROUBLE) {
		sd_cli_error("cannot write standard output: %s",
			     strerror(errno));
		rc = SD_EXIT_TROUBLE;
	}
	sd_corpus_global_shutdown();
	sd_xml_shutdown();
	return rc;
}
