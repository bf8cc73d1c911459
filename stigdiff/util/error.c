/* The process-wide last-error slot; see error.h. */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char last_msg[2048];
static int last_code;

static void set_va(int code, const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	last_code = code;
}

int sd_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_va(code, fmt, ap);
	va_end(ap);
	return code;
}

int sd_error_errno(int code, const char *fmt, ...)
{
	int saved = errno;
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	set_va(code, fmt, ap);
	va_end(ap);
	len = strlen(last_msg);
	snprintf(last_msg + len, sizeof(last_msg) - len, ": %s",
		 strerror(saved));
	return code;
}

const char *sd_error_last(void)
{
	return last_msg;
}

int sd_error_code(void)
{
	return last_code;
}

void sd_error_clear(void)
{
	last_msg[0] = '\0';
	last_code = 0;
}

static sd_warn_fn warn_fn;
static void *warn_ctx;
static unsigned long warn_count;

void sd_warn_set_handler(sd_warn_fn fn, void *ctx)
{
	warn_fn = fn;
	warn_ctx = ctx;
}

void sd_warn(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_count++;
	if (warn_fn)
		warn_fn(msg, warn_ctx);
}

unsigned long sd_warn_count(void)
{
	return warn_count;
}

static sd_tick_fn tick_fn;
static void *tick_ctx;

void sd_tick_set_handler(sd_tick_fn fn, void *ctx)
{
	tick_fn = fn;
	tick_ctx = ctx;
}

void sd_tick(const char *what, size_t done, size_t total, const char *unit)
{
	if (tick_fn)
		tick_fn(what, done, total, unit, tick_ctx);
}
