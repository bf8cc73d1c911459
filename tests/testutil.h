/* Helpers shared by the Check suites: where the binary and data are. */
#ifndef SD_TESTUTIL_H
#define SD_TESTUTIL_H

#include <stddef.h>

#include "xccdf.h"

/* The stigdiff binary under test ($SD_BIN, else build/stigdiff). */
const char *sd_test_bin(void);
/* ../shared, or $SD_SHARED. */
const char *sd_test_shared(void);
/* Path of `rel` under ../shared when it exists, else NULL: tests that
 * need it print why they skip and return. */
const char *sd_test_shared_path(const char *rel, char *buf, size_t n);

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
