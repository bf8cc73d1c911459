/* The helpers of fuzz.h, linked into every fuzz target. */
#include "fuzz.h"

#include <sys/stat.h>
#include <unistd.h>

#define MAX_NAMES 8

static char dir[512];
static char names[MAX_NAMES][64];
static size_t nnames;

/* dir/name into `out` (of size n); aborts when it does not fit. */
static void join(char *out, size_t n, const char *name)
{
	if ((size_t)snprintf(out, n, "%s/%s", dir, name) >= n)
		abort();
}

/* Leave nothing behind: the files written, then the directory. */
static void cleanup(void)
{
	char path[sizeof(dir) + sizeof(names[0]) + 1];

	for (size_t i = 0; i < nnames; i++) {
		join(path, sizeof(path), names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The set-up of a target that needs no other (a target may define its
 * own, calling sd_fuzz_setup() first). */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sd_fuzz_setup();
	return 0;
}

const char *sd_fuzz_tmpdir(void)
{
	if (!dir[0]) {
		const char *t = getenv("TMPDIR");

		if ((size_t)snprintf(dir, sizeof(dir), "%s/sd-fuzz-XXXXXX",
				     t && *t ? t : "/tmp") >= sizeof(dir) ||
		    !mkdtemp(dir))
			abort();
		atexit(cleanup);
	}
	return dir;
}

const char *sd_fuzz_file(const char *name, const void *data, size_t size)
{
	static char path[sizeof(dir) + sizeof(names[0]) + 1];
	FILE *fp;
	size_t i;

	for (i = 0; i < nnames && strcmp(names[i], name); i++)
		;
	if (i == nnames) {
		if (nnames == MAX_NAMES || strlen(name) >= sizeof(names[0]))
			abort();
		strcpy(names[nnames++], name);
	}
	sd_fuzz_tmpdir();
	join(path, sizeof(path), name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	return path;
}
