/*
 * The corpus's text form of a rule and of benchmark.txt (rulefile.c):
 * each input is read as both. What reads is written and read again, and
 * the second writing must equal the first (README: "The form reads back
 * to the same fields"). Seeds: tests/fuzz/corpus/rulefile (rule files
 * and benchmark.txt of a corpus); dictionary rulefile.dict.
 */
#include "buf.h"
#include "fuzz.h"
#include "rulefile.h"
#include "xccdf.h"

static void rule(const char *text, size_t len)
{
	struct sd_rule r, back;
	struct sd_buf one = SD_BUF_INIT, two = SD_BUF_INIT;

	memset(&r, 0, sizeof(r));
	memset(&back, 0, sizeof(back));
	if (sd_rulefile_parse_rule(text, len, "fuzz.txt", &r) == 0) {
		sd_rulefile_write_rule(&one, &r);
		SD_FUZZ_ASSERT(sd_rulefile_parse_rule(one.ptr, one.len,
						      "written", &back) == 0,
			       "a written rule does not read back: %s\n%s",
			       sd_error_last(), one.ptr);
		sd_rulefile_write_rule(&two, &back);
		SD_FUZZ_ASSERT(one.len == two.len &&
				       !memcmp(one.ptr, two.ptr, one.len),
			       "a rule file is not a fixed point:\n%s\n---\n%s",
			       one.ptr, two.ptr);
	}
	sd_rule_release(&r);
	sd_rule_release(&back);
	sd_buf_release(&one);
	sd_buf_release(&two);
}

static void bench(const char *text, size_t len)
{
	struct sd_benchmark *b = NULL, *back = NULL;
	struct sd_buf one = SD_BUF_INIT, two = SD_BUF_INIT;
	char label[64];

	if (sd_rulefile_parse_benchmark(text, len, "benchmark.txt", &b) == 0) {
		char *slug = sd_rulefile_slug(b->id ? b->id : "");

		free(slug);
		sd_rulefile_label(b, label);
		sd_rulefile_write_benchmark(&one, b);
		SD_FUZZ_ASSERT(sd_rulefile_parse_benchmark(one.ptr, one.len,
							   "written",
							   &back) == 0,
			       "a written benchmark.txt does not read back: %s\n%s",
			       sd_error_last(), one.ptr);
		sd_rulefile_write_benchmark(&two, back);
		SD_FUZZ_ASSERT(one.len == two.len &&
				       !memcmp(one.ptr, two.ptr, one.len),
			       "benchmark.txt is not a fixed point:\n%s\n---\n%s",
			       one.ptr, two.ptr);
	}
	sd_benchmark_free(b);
	sd_benchmark_free(back);
	sd_buf_release(&one);
	sd_buf_release(&two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rule((const char *)data, size);
	bench((const char *)data, size);
	sd_error_clear();
	return 0;
}
