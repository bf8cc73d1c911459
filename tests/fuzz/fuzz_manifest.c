/*
 * The site manifest (site_manifest.c, DIR/.stigdiff-site): the input as the
 * manifest of a site directory. A run may remove the files its manifest
 * names, so none may lie outside the directory, whatever the manifest
 * says. Seeds: tests/fuzz/corpus/manifest (a real site's manifest,
 * trimmed); dictionary manifest.dict.
 */
#include "fuzz.h"
#include "site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_strv files = SD_STRV_INIT;

	sd_fuzz_file(".stigdiff-site", data, size);
	sd_site_manifest_files(sd_fuzz_tmpdir(), &files);
	for (size_t i = 0; i < files.n; i++) {
		const char *f = files.v[i];

		SD_FUZZ_ASSERT(*f && *f != '/' && strcmp(f, "..") &&
				       strncmp(f, "../", 3) &&
				       !strstr(f, "/../") &&
				       !(strlen(f) >= 3 &&
					 !strcmp(f + strlen(f) - 3, "/..")),
			       "a manifest names '%s', outside the site", f);
	}
	sd_strv_release(&files);
	sd_error_clear();
	return 0;
}
