/*
 * The subcommands of stigdiff corpus, which cmd_corpus.c dispatches to
 * (not for other commands): entry points like cmd_corpus() itself, each
 * takes its own argv, argv[0] naming it ("corpus import"), and returns
 * the exit status.
 *
 *   cmd_corpus_write.c  init, import, link: the subcommands that write
 *   cmd_corpus_read.c   list, show, log, search, diff: those that read
 */
#ifndef SD_CMD_CORPUS_INT_H
#define SD_CMD_CORPUS_INT_H

int cmd_corpus_init(int argc, char **argv);
int cmd_corpus_import(int argc, char **argv);
int cmd_corpus_link(int argc, char **argv);

int cmd_corpus_list(int argc, char **argv);
int cmd_corpus_show(int argc, char **argv);
int cmd_corpus_log(int argc, char **argv);
int cmd_corpus_search(int argc, char **argv);
int cmd_corpus_diff(int argc, char **argv);

#endif
