/*
 * The stored lineage (lineage_store.h): a corpus's lineage/ files, as
 * `corpus link` writes them, read back as `lineage --corpus` and `site`
 * read them. The input is the set of files, each one "=== NAME" line
 * followed by its text (index.tsv, lines/..., steps/..., related/...,
 * ids/...); the index is parsed, every line opened, and a few rules
 * traced. The seeds (tests/fuzz/corpus/links) are what `corpus link`
 * stored for the corpus of tests/fuzz/mkseeds.py; dictionary tsv.dict.
 */
#include "fuzz.h"
#include "lineage.h"
#include "lineage_store.h"

#include <string.h>

struct files {
	const char *data;
	size_t len;
};

/* File `name` of the input: the text after its "=== name" line, up to
 * the next such line. */
static int read_file(void *ctx, const char *name, struct sd_buf *out)
{
	const struct files *f = ctx;
	size_t n = strlen(name);

	for (size_t i = 0; i + 4 + n <= f->len; i++) {
		const char *p = f->data + i;
		size_t start, end;

		if ((i && p[-1] != '\n') || memcmp(p, "=== ", 4) ||
		    memcmp(p + 4, name, n) || (i + 4 + n < f->len &&
						p[4 + n] != '\n'))
			continue;
		start = i + 4 + n + (i + 4 + n < f->len);
		for (end = start; end < f->len; end++)
			if ((end == start || f->data[end - 1] == '\n') &&
			    end + 4 <= f->len && !memcmp(f->data + end, "=== ", 4))
				break;
		sd_buf_add(out, f->data + start, end - start);
		return 0;
	}
	return SD_ENOTFOUND;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ids[] = { "V-259577", "V-259642",
					   "EX19-ED-000236", "V-33590" };
	struct files f = { (const char *)data, size };
	struct sd_lineage_source src = { read_file, &f, "fuzz:lineage/" };
	struct sd_lineage_index idx;
	struct sd_lineage_opts opts;
	struct sd_lineage_stored *st = NULL;
	struct sd_buf text = SD_BUF_INIT;

	memset(&idx, 0, sizeof(idx));
	memset(&opts, 0, sizeof(opts));
	if (read_file(&f, "index.tsv", &text) == 0 &&
	    sd_lineage_index_parse(&idx, text.ptr, text.len, "index.tsv") == 0) {
		if (sd_lineage_stored_open_ids(&src, &idx, &opts, ids,
					       SD_ARRAY_SIZE(ids), &st) == 0) {
			for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++) {
				struct sd_lineage_trace *t = NULL;

				if (sd_lineage_trace(sd_lineage_stored_lineage(st),
						     ids[i], &t) == 0)
					sd_lineage_trace_free(t);
			}
			sd_lineage_stored_free(st);
		}
		for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++) {
			st = NULL;
			if (sd_lineage_stored_open(&src, &idx, &opts, ids[i],
						   &st) == 0)
				sd_lineage_stored_free(st);
		}
	}
	sd_lineage_index_release(&idx);
	sd_buf_release(&text);
	sd_error_clear();
	return 0;
}
