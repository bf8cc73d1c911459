/*
 * Table-driven option parsing. A command describes its options once in an
 * array of struct sd_opt; the same table parses argv and prints --help, so
 * the two cannot drift apart.
 */
#ifndef SD_OPT_H
#define SD_OPT_H

#include <stdio.h>

struct sd_strv;

enum sd_opt_type {
	SD_OPT_END = 0,
	SD_OPT_FLAG,   /* int: set to 1 */
	SD_OPT_STRING, /* const char *: points into argv */
	SD_OPT_LIST,   /* struct sd_strv: each use appends, commas split */
	SD_OPT_MULTI,  /* struct sd_strv: each use appends one whole value */
	SD_OPT_SIZE,   /* size_t: accepts K, M, G suffixes */
	SD_OPT_DOUBLE, /* double */
	SD_OPT_GROUP   /* a heading line in --help, no option */
};

struct sd_opt {
	enum sd_opt_type type;
	char short_name;       /* 0 when none */
	const char *long_name; /* NULL when none */
	void *value;
	const char *argh; /* name of the argument in --help, e.g. "DIR" */
	const char *help;
};

/*
 * Parse argv[1..argc-1] (argv[0] is the command name) against `opts`.
 * Options and operands may be mixed; "--" ends options. Operands are
 * appended to `args`. Returns 0, 1 when --help was asked for (and printed
 * to stdout), or SD_EUSAGE with the message in the error slot.
 */
int sd_opt_parse(int argc, char **argv, const struct sd_opt *opts,
		 const char *usage, struct sd_strv *args);

/* Print "usage: ..." and the option table to `fp`. */
void sd_opt_usage(FILE *fp, const char *usage, const struct sd_opt *opts);

#endif
