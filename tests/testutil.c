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

const char *sd_test_shared_path(const char *rel, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", sd_test_shared(), rel);
	if (access(buf, R_OK) == 0)
		return buf;
	fprintf(stderr, "skipping: %s is absent\n", buf);
	return NULL;
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
