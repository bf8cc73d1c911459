/* Helpers shared by the Check suites; see testutil.h. */
#include "testutil.h"
#include "error.h"
#include "source.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *sd_test_bin(void)
{
	const char *b = getenv("SD_BIN");

	return b && *b ? b : "build/stigdiff";
}

const char *sd_test_shared(void)
{
	const char *s = getenv("SD_SHARED");

	return s && *s ? s : "../shared";
}

const char *sd_test_shared_path_at(const char *file, const char *func,
				   const char *rel, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", sd_test_shared(), rel);
	if (access(buf, R_OK) == 0)
		return buf;
	sd_test_skip_at(file, func, "%s is absent", buf);
	return NULL;
}

void sd_test_skip_at(const char *file, const char *func, const char *fmt,
		     ...)
{
	const char *log = getenv("SD_TEST_SKIPS");
	const char *base = strrchr(file, '/');
	size_t len = strlen(func);
	char reason[1024];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	base = base ? base + 1 : file;
	/* START_TEST(name) defines name_fn. */
	if (len > 3 && !strcmp(func + len - 3, "_fn"))
		len -= 3;
	fprintf(stderr, "SKIP: %s %.*s: %s\n", base, (int)len, func, reason);
	/* One line, appended: tests run in forked children. */
	if (log && *log && (f = fopen(log, "a"))) {
		fprintf(f, "%s %.*s: %s\n", base, (int)len, func, reason);
		fclose(f);
	}
}

struct sd_benchmark *sd_test_load(const char *path)
{
	struct sd_benchmark *b = NULL;
	int err = sd_source_load_one(path, NULL, NULL, &b);

	ck_assert_msg(err == 0, "cannot load %s: %s", path, sd_error_last());
	return b;
}

struct load_all {
	struct sd_benchmark **v;
	size_t n, cap;
};

static int load_all_cb(struct sd_benchmark *b, const struct sd_doc *doc,
		       void *ctx)
{
	struct load_all *l = ctx;

	(void)doc;
	SD_ALLOC_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = b;
	return 0;
}

struct sd_benchmark **sd_test_load_all(const char *path, size_t *n)
{
	struct load_all l = { NULL, 0, 0 };

	ck_assert_int_eq(sd_source_benchmarks(path, NULL, load_all_cb, &l,
					      NULL, NULL),
			 0);
	*n = l.n;
	return l.v;
}

void sd_test_free_all(struct sd_benchmark **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_benchmark_free(v[i]);
	free(v);
}

const struct sd_rule *sd_test_rule(const struct sd_benchmark *b,
				   const char *id)
{
	for (size_t i = 0; i < b->nrules; i++)
		if (sd_rule_has_id(&b->rules[i], id))
			return &b->rules[i];
	return NULL;
}

int sd_test_sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc < 0 ? rc : WEXITSTATUS(rc);
}

char *sd_test_tmpdir(void)
{
	char *d = strdup("/tmp/sd-test-XXXXXX");

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

void sd_test_rmtree(char *dir)
{
	if (!dir)
		return;
	sd_test_sh("rm -rf '%s'", dir);
	free(dir);
}
