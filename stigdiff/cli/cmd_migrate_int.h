/*
 * The part of stigdiff migrate in a file of its own (not for other
 * commands): cmd_migrate_answer.c carries Evaluate-STIG answer files;
 * cmd_migrate() hands argv over to it when --answer-file is given;
 * cmd_migrate_answer.c also holds the check of --accept-below both use.
 */
#ifndef SD_CMD_MIGRATE_INT_H
#define SD_CMD_MIGRATE_INT_H

int cmd_migrate_answer_file(int argc, char **argv);
struct sd_mig_opts;
int cmd_migrate_accept_below(const char *argv0, double score,
			     struct sd_mig_opts *mo);

#endif
