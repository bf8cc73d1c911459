/*
 * Zip members through the archive layer (archive.c) and the input walker
 * (source.c) in memory: nested zips, limits on entries, bytes, ratio and
 * depth, members sniffed as zip or XML, and every benchmark found read by
 * the XCCDF reader. Seeds: tests/fuzz/corpus/zip (small zips with the
 * layout of DISA's: nested, a data stream, PDFs beside the XML);
 * dictionary zip.dict.
 */
#include "fuzz.h"
#include "source.h"

static int take(struct sd_benchmark *b, const struct sd_doc *doc, void *ctx)
{
	(void)doc;
	(void)ctx;
	sd_benchmark_free(b);
	return 0;
}

static void problem(int code, const char *msg, void *ctx)
{
	(void)ctx;
	SD_FUZZ_ASSERT(code < 0 && msg && *msg, "a problem without a message");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_source_opts o = SD_SOURCE_OPTS_INIT;

	/* Bounded for the fuzzer: 64 MiB inflated, 1 MiB per text field. */
	o.limits.max_bytes = (size_t)64 << 20;
	o.parse.max_field = 1 << 20;
	sd_source_benchmarks_memory((const char *)data, size, "fuzz.zip", &o,
				    take, NULL, problem, NULL);
	sd_error_clear();
	return 0;
}
