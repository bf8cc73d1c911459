/*
 * Evaluate-STIG answer files (input/answerfile.c): the input as an answer
 * file, then every edit migrate --answer-file makes (an ID set, a copy, a
 * comment holding "--", a merge, a removal) and a write. Beyond no
 * crash: IDs are unique when read, and what is written reads back with
 * the same Vuln IDs in the same order.
 * Seeds: tests/fuzz/corpus/answerfile.
 */
#include "answerfile.h"
#include "fuzz.h"

/* Is `id` free in af (so an edit cannot make two Vulns share it)? */
static int unused(const struct sd_answerfile *af, const char *id)
{
	for (size_t i = 0; i < af->n; i++)
		if (!strcmp(af->v[i].id, id))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = sd_fuzz_file("af.xml", data, size);
	struct sd_answerfile *af = NULL, *back = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	if (sd_answerfile_load(path, 0, &af) < 0) {
		sd_error_clear();
		return 0;
	}
	for (size_t i = 0; i < af->n; i++)
		for (size_t k = 0; k < i; k++)
			SD_FUZZ_ASSERT(strcmp(af->v[i].id, af->v[k].id),
				       "Vuln ID '%s' read twice", af->v[i].id);
	if (af->n) {
		char *x = sd_af_vuln_xml(af, 0);

		free(x);
		sd_af_comment(af, 0, "a -- comment-");
		if (unused(af, "V-copy-1"))
			sd_af_copy(af, 0, "V-copy-1");
		if (unused(af, "V-first"))
			sd_af_set_id(af, 0, "V-first");
	}
	if (af->n > 2)
		sd_af_merge(af, 0, 2);
	if (af->n > 3)
		sd_af_remove(af, 3);
	fp = open_memstream(&text, &len);
	if (!fp)
		abort();
	SD_FUZZ_ASSERT(sd_answerfile_write(af, fp) == 0, "write failed: %s",
		       sd_error_last());
	fclose(fp);
	path = sd_fuzz_file("af2.xml", (const uint8_t *)text, len);
	SD_FUZZ_ASSERT(sd_answerfile_load(path, 0, &back) == 0,
		       "what was written does not read back: %s", sd_error_last());
	{
		size_t k = 0;

		for (size_t i = 0; i < af->n; i++) {
			if (!af->v[i].node)
				continue;
			SD_FUZZ_ASSERT(k < back->n && !strcmp(back->v[k].id, af->v[i].id),
				       "Vuln %zu reads back as another", i);
			k++;
		}
		SD_FUZZ_ASSERT(k == back->n, "%zu Vulns written, %zu read", k,
			       back->n);
	}
	sd_answerfile_free(back);
	sd_answerfile_free(af);
	free(text);
	sd_error_clear();
	return 0;
}
