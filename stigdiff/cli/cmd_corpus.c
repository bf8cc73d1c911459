/*
 * stigdiff corpus: the git-backed library of every release of every
 * benchmark. This file holds the command's usage and its dispatch to the
 * subcommands (cmd_corpus_int.h): those that write in
 * cmd_corpus_write.c, those that read in cmd_corpus_read.c. The history
 * itself lives in corpus/, the index in corpus/search.c.
 */
#include "cmd_corpus_int.h"
#include "cli.h"
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"stigdiff corpus <subcommand> [options] [args]\n\n"
	"A git repository holding every release of every benchmark as\n"
	"history: one directory per benchmark, one file per rule, one commit\n"
	"per release, a tag per release (<benchmark>/V2R2). Subcommands:\n\n"
	"    init DIR                 create an empty corpus\n"
	"    import [-C DIR] PATH...  add every benchmark release found\n"
	"    link [-C DIR] [--full]   compute and store every rule's lineage\n"
	"    list [-C DIR] [BENCH]    benchmarks, or the releases of one\n"
	"    log [-C DIR] ID          history of one rule (any id form)\n"
	"    show [-C DIR] BENCH[@VERSION][:ID]\n"
	"                             a release or one rule of it\n"
	"    search [-C DIR] WORD...  rules holding every word\n"
	"    diff [-C DIR] BENCH@V1 BENCH@V2\n"
	"                             what changed between two releases\n\n"
	"The corpus is -C DIR, else $STIGDIFF_CORPUS, else the current\n"
	"directory. 'stigdiff corpus <subcommand> --help' for options.";

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} subcommands[] = {
	{ "init", cmd_corpus_init },     { "import", cmd_corpus_import },
	{ "link", cmd_corpus_link },     { "list", cmd_corpus_list },
	{ "log", cmd_corpus_log },       { "show", cmd_corpus_show },
	{ "search", cmd_corpus_search }, { "diff", cmd_corpus_diff },
};

int cmd_corpus(int argc, char **argv)
{
	const char *e;
	char name[64];

	/* The corpus's test hooks (corpus.h; tests/cli/3005, 3011 and
	 * tests/faults.sh use them). */
	if ((e = getenv("SD_TEST_CORPUS_KILL_AT")))
		sd_corpus_test_kill_at(atol(e));
	if ((e = getenv("SD_TEST_CORPUS_FLUSH_BYTES")))
		sd_corpus_test_flush_at(strtoul(e, NULL, 10));

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		FILE *fp = argc < 2 ? stderr : stdout;

		fprintf(fp, "usage: %s\n", usage);
		return argc < 2 ? SD_EXIT_TROUBLE : SD_EXIT_OK;
	}
	for (size_t i = 0; i < SD_ARRAY_SIZE(subcommands); i++) {
		if (strcmp(subcommands[i].name, argv[1]))
			continue;
		snprintf(name, sizeof(name), "corpus %s", argv[1]);
		argv[1] = name;
		return subcommands[i].fn(argc - 1, argv + 1);
	}
	return sd_cli_usage_error(argv[0], "unknown subcommand '%s'", argv[1]);
}
