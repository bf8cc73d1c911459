/*
 * A progress line for long work (corpus import and link, site, normalize
 * and unpack over many inputs): on a terminal, one line on standard
 * error rewritten in place, "import: 120/350 files, 35/s, 7s left";
 * nothing when standard error is not a terminal unless --progress asks,
 * nothing with --quiet. One line at a time; commands only (library code
 * reports through callbacks).
 */
#ifndef SD_PROGRESS_H
#define SD_PROGRESS_H

#include <stddef.h>

enum sd_progress_mode {
	SD_PROGRESS_AUTO = 0, /* on when standard error is a terminal */
	SD_PROGRESS_ON,       /* --progress */
	SD_PROGRESS_OFF       /* --quiet */
};

/* The options --progress and --quiet for a command's table; after
 * parsing, sd_progress_configure(progress, quiet). */
#define SD_OPT_PROGRESS(progress, quiet) \
	{ SD_OPT_FLAG, 0, "progress", (progress), NULL, \
	  "show a progress line even when standard error is not a terminal" }, \
	{ SD_OPT_FLAG, 'q', "quiet", (quiet), NULL, \
	  "no progress line" }
void sd_progress_configure(int progress, int quiet);
/* Will sd_progress_start() show a line? (Skip counting when not.) */
int sd_progress_wanted(void);

/* Begin a line: `what` ("import"), `total` units of `unit` ("files"; 0
 * when unknown). Strings are borrowed until sd_progress_end(). */
void sd_progress_start(const char *what, size_t total, const char *unit);
/* `n` more units done; redraws at most ten times a second. */
void sd_progress_add(size_t n);
/* The handler of sd_tick() (error.h): a new `what` starts a new line. */
void sd_progress_tick(const char *what, size_t done, size_t total,
		      const char *unit, void *ctx);
/* Erase the line before other output on the terminal; the next update
 * draws it again. */
void sd_progress_clear(void);
/* Erase the line for good. */
void sd_progress_end(void);

#endif
