/*
 * The CCI cache (cci.c, DIR/stigdiff/cci-cache of a corpus): the input
 * follows the header naming a real list (tests/fixtures/cci/two-items.xml)
 * and is read as that list's cache. A damaged cache must read as no
 * cache (the list is then parsed); one that reads gives items findable
 * by id. Seeds: tests/fuzz/corpus/cci_cache; dictionary tsv.dict.
 */
#include "buf.h"
#include "cci.h"
#include "fuzz.h"
#include "util.h"

#ifndef SD_FUZZ_ROOT
#define SD_FUZZ_ROOT "."
#endif

static char list[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sd_fuzz_setup();
	snprintf(list, sizeof(list), "%s/tests/fixtures/cci/two-items.xml",
		 SD_FUZZ_ROOT);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char head[128];
	struct sd_buf text = SD_BUF_INIT;
	struct sd_cci_list *l = NULL;
	const char *cache;

	if (!head[0]) {
		/* The header the list's cache is written under (magic and
		 * key lines), taken once from a cache stigdiff writes. */
		char *t = NULL, *nl;
		size_t n;

		cache = sd_fuzz_file("cci-cache", "", 0);
		if (sd_cci_load_cached(list, cache, &l) < 0 ||
		    sd_read_file(cache, 1 << 20, &t, &n) < 0 ||
		    !(nl = strchr(t, '\n')) || !(nl = strchr(nl + 1, '\n')))
			abort();
		snprintf(head, sizeof(head), "%.*s", (int)(nl + 1 - t), t);
		sd_cci_list_free(l);
		l = NULL;
		free(t);
	}
	sd_buf_addstr(&text, head);
	sd_buf_add(&text, data, size);
	cache = sd_fuzz_file("cci-cache", text.ptr, text.len);
	/* A cache that does not read is parsed and written again: the
	 * file is rewritten from the input each time. */
	if (sd_cci_load_cached(list, cache, &l) == 0) {
		for (size_t i = 0; i < sd_cci_count(l); i++)
			SD_FUZZ_ASSERT(sd_cci_find(l, sd_cci_at(l, i)->id),
				       "cached item not found by its id");
		sd_cci_list_free(l);
	}
	sd_buf_release(&text);
	sd_error_clear();
	return 0;
}
