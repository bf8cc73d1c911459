/* Helpers shared by the Check suites: where the binary and data are. */
#ifndef SD_TESTUTIL_H
#define SD_TESTUTIL_H

#include <stddef.h>

#include "xccdf.h"

/* The stigdiff binary under test ($SD_BIN, else build/stigdiff). */
const char *sd_test_bin(void);
/* ../shared, or $SD_SHARED. */
const char *sd_test_shared(void);
/* Path of `rel` under ../shared when it exists, else NULL having
 * skipped the running test (sd_test_skip): callers return. */
#define sd_test_shared_path(rel, buf, n) \
	sd_test_shared_path_at(__FILE__, __func__, rel, buf, n)
const char *sd_test_shared_path_at(const char *file, const char *func,
				   const char *rel, char *buf, size_t n);
/* Skip the running test, saying why: one line on stderr and one in
 * $SD_TEST_SKIPS, from which the runner counts it as skipped, not passed.
 * Callers return right after; a test skips at most once. */
#define sd_test_skip(...) sd_test_skip_at(__FILE__, __func__, __VA_ARGS__)
void sd_test_skip_at(const char *file, const char *func, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

/* Load the single benchmark in `path` (fails the test on error). */
struct sd_benchmark *sd_test_load(const char *path);
/* Every benchmark under `path`, in walk order; *n gets the count. Free
 * with sd_test_free_all(). */
struct sd_benchmark **sd_test_load_all(const char *path, size_t *n);
void sd_test_free_all(struct sd_benchmark **v, size_t n);
/* The rule with this id (any form) or NULL. */
const struct sd_rule *sd_test_rule(const struct sd_benchmark *b,
				   const char *id);
/* Run a shell command; its exit status. */
int sd_test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A new empty temporary directory (removed by sd_test_rmtree). */
char *sd_test_tmpdir(void);
void sd_test_rmtree(char *dir);

#endif
