/*
 * Error codes and the one "last error" slot, after libgit2's convention:
 * fallible functions return 0 or a negative SD_E* code and leave a message
 * in the slot; only cmd_*.c turns it into a line on stderr.
 */
#ifndef SD_ERROR_H
#define SD_ERROR_H

#include <stddef.h>

enum {
	SD_OK = 0,
	SD_ERROR = -1,     /* generic failure */
	SD_ENOTFOUND = -2, /* a named thing does not exist */
	SD_EPARSE = -3,    /* malformed input */
	SD_ELIMIT = -4,    /* a configured limit was exceeded */
	SD_EIO = -5,       /* operating system I/O failure */
	SD_EUSAGE = -6,    /* bad arguments */
	SD_EEXISTS = -7,   /* refusing to overwrite */
	SD_ENOTBENCH = -8, /* well-formed input that is not a benchmark */
	SD_ELOCKED = -9,   /* another process holds a lock */
	SD_EAMBIGUOUS = -10 /* more than one thing matched */
};

/*
 * Set the last error message, printf-style. The previous message is
 * replaced. Always returns `code`, so callers can write
 * `return sd_error_set(SD_EIO, "cannot open '%s'", path);`.
 */
int sd_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Like sd_error_set() with ": <strerror(errno)>" appended. */
int sd_error_errno(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The last message (never NULL; "" when none was set). Borrowed. */
const char *sd_error_last(void);

/* The code given with the last message. */
int sd_error_code(void);

void sd_error_clear(void);

/*
 * Warnings: library code reports recoverable problems here, and the
 * installed handler (main.c prints "warning: ..." to stderr) decides what
 * to do. With no handler, warnings are counted and dropped.
 */
typedef void (*sd_warn_fn)(const char *msg, void *ctx);
void sd_warn_set_handler(sd_warn_fn fn, void *ctx);
void sd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Warnings issued since start-up. */
unsigned long sd_warn_count(void);

/*
 * Progress of long work (site, corpus link): library code tells how far
 * it is, `done` of `total` (0: unknown) `unit` of `what`, and the
 * installed handler (main.c draws progress.h's line) decides what to do.
 * The strings must live until the next tick of another `what`.
 */
typedef void (*sd_tick_fn)(const char *what, size_t done, size_t total,
			   const char *unit, void *ctx);
void sd_tick_set_handler(sd_tick_fn fn, void *ctx);
void sd_tick(const char *what, size_t done, size_t total, const char *unit);

#endif
