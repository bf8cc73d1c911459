/*
 * A fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput() once on
 * each file named (a directory: each file in it, in name order). `make
 * test` builds every target this way with the ordinary compiler (and
 * ASan and UBSan under SANITIZE=1) and replays the seeds and every input
 * a fuzzing run found (tests/fuzz/regress/<target>/): tests/fuzz/check_fuzz.c.
 */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int one(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (!fp) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			if (!(data = realloc(data, cap)))
				abort();
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n);
	fclose(fp);
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

static int walk(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (stat(path, &st) < 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return one(path);
	if (!(d = opendir(path))) {
		perror(path);
		return 1;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			if (!(names = realloc(names, (n + 1) * sizeof(*names))))
				abort();
			names[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
			sprintf(names[n++], "%s/%s", path, e->d_name);
		}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp);
	for (size_t i = 0; i < n; i++) {
		rc |= walk(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		rc |= walk(argv[i]);
	return rc;
}
