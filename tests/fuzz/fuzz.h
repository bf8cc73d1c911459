/*
 * What every fuzz target shares (tests/fuzz/fuzz_<name>.c, built by
 * `make fuzz` with clang's libFuzzer, ASan and UBSan): quiet warnings,
 * a NUL-terminated copy of the input, a private temporary directory, and
 * an abort that names a broken property (libFuzzer saves the input).
 */
#ifndef SD_FUZZ_H
#define SD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "xccdf.h"
#include "xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* libxml2 set up as main() does it; warnings are expected on hostile
 * input: dropped, not printed. */
static inline void sd_fuzz_setup(void)
{
	sd_xml_init();
	sd_warn_set_handler(NULL, NULL);
}

/* The input as a new NUL-terminated string (the caller frees). */
static inline char *sd_fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A property every input must keep: abort (a finding) when it breaks. */
#define SD_FUZZ_ASSERT(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz property broken: " __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* A benchmark reader's callback keeping the first benchmark in
 * *(struct sd_benchmark **)ctx and freeing the others. */
static inline int sd_fuzz_keep_one(struct sd_benchmark *b, void *ctx)
{
	struct sd_benchmark **out = ctx;

	if (*out)
		sd_benchmark_free(b);
	else
		*out = b;
	return 0;
}

/* A directory of this process under $TMPDIR (made once). */
const char *sd_fuzz_tmpdir(void);
/* Write `data` to `name` in sd_fuzz_tmpdir(); returns the path (static). */
const char *sd_fuzz_file(const char *name, const void *data, size_t size);

#endif
