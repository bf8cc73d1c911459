/* The corpus through its C interface: every release reads back as it was
 * imported, the lock serialises writers, search answers from its index
 * without reading a rule (how fast: make bench). The command-line properties
 * (determinism, order, idempotence, interrupted imports, stock git) are
 * golden cases tests/cli/300x-corpus-*. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corpus.h"
#include "error.h"
#include "search.h"
#include "source.h"
#include "testutil.h"

static char *dir;
static struct sd_corpus *corpus;

static void setup(void)
{
	dir = sd_test_tmpdir();
}

static void teardown(void)
{
	sd_corpus_free(corpus);
	corpus = NULL;
	sd_test_rmtree(dir);
	sd_corpus_global_shutdown();
}

/* Import `path` with the command line into the corpus at `dir`/c. */
static void import_cli(const char *path)
{
	ck_assert_int_eq(sd_test_sh("'%s' corpus init '%s/c' >/dev/null && "
				    "'%s' corpus import -C '%s/c' %s >/dev/null",
				    sd_test_bin(), dir, sd_test_bin(), dir, path),
			 0);
}

static void open_corpus(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/c", dir);
	ck_assert_msg(sd_corpus_open(&corpus, path) == 0, "%s",
		      sd_error_last());
}

static void assert_same_strv(const struct sd_strv *a, const struct sd_strv *b)
{
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		ck_assert_str_eq(a->v[i], b->v[i]);
}

static void assert_same_rules(const struct sd_benchmark *a,
			      const struct sd_benchmark *b)
{
	ck_assert_uint_eq(a->nrules, b->nrules);
	for (size_t i = 0; i < a->nrules; i++) {
		const struct sd_rule *x = &a->rules[i], *y = &b->rules[i];

		ck_assert_str_eq(x->vuln_id, y->vuln_id);
		ck_assert_int_eq(x->severity, y->severity);
		for (size_t f = 0; f < sd_rule_nfields; f++)
			ck_assert_msg(!sd_strcmp_null(
					      SD_RULE_FIELD(x, &sd_rule_fields[f]),
					      SD_RULE_FIELD(y, &sd_rule_fields[f])),
				      "%s %s differs", x->vuln_id,
				      sd_rule_fields[f].name);
		assert_same_strv(&x->ccis, &y->ccis);
		assert_same_strv(&x->legacy, &y->legacy);
		assert_same_strv(&x->profiles, &y->profiles);
		ck_assert_int_eq(sd_strcmp_null(x->severity_raw,
						y->severity_raw), 0);
		ck_assert_uint_eq(x->nidents, y->nidents);
		for (size_t k = 0; k < x->nidents; k++) {
			ck_assert_str_eq(x->idents[k].system,
					 y->idents[k].system);
			ck_assert_str_eq(x->idents[k].value, y->idents[k].value);
		}
	}
}

struct check_load {
	size_t releases;
};

static int compare_release(struct sd_benchmark *b, const struct sd_doc *doc,
			   void *ctx)
{
	struct check_load *cl = ctx;
	struct sd_benchmark *back = NULL;
	char *slug = NULL, *label = NULL, *id = NULL, vr[32], spec[256];

	(void)doc;
	sd_benchmark_sort(b);
	snprintf(spec, sizeof(spec), "%s@%s", b->id, sd_benchmark_vr(b, vr));
	ck_assert_msg(sd_corpus_resolve(corpus, spec, &slug, &label, &id) == 0,
		      "%s", sd_error_last());
	ck_assert_ptr_null(id);
	ck_assert_int_eq(sd_corpus_load(corpus, slug, label, &back), 0);
	ck_assert_str_eq(back->id, b->id);
	ck_assert_str_eq(back->title, b->title);
	ck_assert_int_eq(sd_strcmp_null(back->date, b->date), 0);
	assert_same_rules(b, back);
	cl->releases++;
	sd_benchmark_free(back);
	sd_benchmark_free(b);
	free(slug);
	free(label);
	return 0;
}

START_TEST(test_corpus__every_release_reads_back_as_imported)
{
	struct check_load cl = { 0 };

	import_cli("corpus/xccdf");
	open_corpus();
	ck_assert_int_eq(sd_source_benchmarks("corpus/xccdf", NULL,
					      compare_release, &cl, NULL, NULL),
			 0);
	ck_assert_uint_eq(cl.releases, 30);
}
END_TEST

/* Loading a benchmark's releases together shares the rule files they
 * have in common; each must still equal the release loaded alone. */
START_TEST(test_corpus__releases_loaded_together_equal_each_loaded_alone)
{
	struct sd_strv slugs = SD_STRV_INIT;
	size_t loaded = 0;

	import_cli("corpus/xccdf");
	open_corpus();
	ck_assert_int_eq(sd_corpus_benchmarks(corpus, &slugs), 0);
	for (size_t i = 0; i < slugs.n; i++) {
		struct sd_corpus_release *rel = NULL;
		struct sd_benchmark **all;
		size_t n = 0;

		ck_assert_int_eq(sd_corpus_releases(corpus, slugs.v[i], &rel, &n), 0);
		all = sd_xcalloc(n + 1, sizeof(*all));
		ck_assert_msg(sd_corpus_load_releases(corpus, slugs.v[i], rel, n,
						      all) == 0,
			      "%s", sd_error_last());
		for (size_t k = 0; k < n; k++, loaded++) {
			struct sd_benchmark *alone = NULL;

			ck_assert_int_eq(sd_corpus_load(corpus, slugs.v[i],
							 rel[k].label, &alone), 0);
			ck_assert_str_eq(all[k]->source, alone->source);
			assert_same_rules(alone, all[k]);
			sd_benchmark_free(alone);
			sd_benchmark_free(all[k]);
		}
		free(all);
		sd_corpus_releases_free(rel, n);
	}
	ck_assert_uint_eq(loaded, 30);
	sd_strv_release(&slugs);
}
END_TEST

START_TEST(test_corpus__releases_are_in_benchmark_date_order)
{
	struct sd_corpus_release *rel = NULL;
	size_t n = 0;

	import_cli("corpus/xccdf");
	open_corpus();
	ck_assert_int_eq(sd_corpus_releases(corpus, "exchange-2010-mailbox-server",
					    &rel, &n),
			 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(rel[0].label, "V1R9");
	ck_assert_str_eq(rel[1].label, "V1R10");
	ck_assert_str_eq(rel[1].date, "2017-07-28");
	ck_assert_uint_eq(rel[1].nrules, 33);
	sd_corpus_releases_free(rel, n);
}
END_TEST

struct hits {
	size_t n;
	int saw_v259642;
};

static int count_hit(const struct sd_search_hit *h, void *ctx)
{
	struct hits *hs = ctx;

	hs->n++;
	if (!strcmp(h->vuln_id, "V-259642")) {
		ck_assert_str_eq(h->slug, "ms-exchange-2019-edge-server");
		ck_assert_str_eq(h->label, "V2R2");
		ck_assert_str_eq(h->stig_id, "EX19-ED-000236");
		hs->saw_v259642 = 1;
	}
	return 0;
}

/* How fast: make bench (bench/40-corpus.sh, "corpus search"). */
START_TEST(test_corpus__search_answers_from_its_index_alone)
{
	struct hits hs = { 0, 0 };

	import_cli("corpus/");
	open_corpus();
	/* The index needs no rule: hide the object database entirely. */
	ck_assert_int_eq(sd_test_sh("mv '%s/c/objects' '%s/c/objects.away'",
				    dir, dir),
			 0);
	ck_assert_msg(sd_search_query(corpus, "send connectors encrypt",
				      count_hit, &hs) == 0,
		      "%s", sd_error_last());
	ck_assert_uint_eq(hs.n, 42);
	ck_assert(hs.saw_v259642);
	/* One letter: the widest prefix, still from the index. */
	hs.n = 0;
	ck_assert_int_eq(sd_search_query(corpus, "e", count_hit, &hs), 0);
	ck_assert_uint_ge(hs.n, 600);
	ck_assert_int_eq(sd_test_sh("mv '%s/c/objects.away' '%s/c/objects'",
				    dir, dir),
			 0);
}
END_TEST

START_TEST(test_corpus__a_stale_index_is_rebuilt_before_a_query)
{
	struct hits hs = { 0, 0 };

	import_cli("corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml");
	ck_assert_int_eq(sd_test_sh("rm -r '%s/c/stigdiff/search' && "
				    "echo junk > '%s/c/stigdiff/x' && "
				    "mkdir '%s/c/stigdiff/search' && "
				    "echo 'stigdiff-search 1 0000' > "
				    "'%s/c/stigdiff/search/ms-exchange-2019-edge-server.idx'",
				    dir, dir, dir, dir),
			 0);
	open_corpus();
	ck_assert_int_eq(sd_search_query(corpus, "send connectors encrypt",
				      count_hit, &hs),
			 0);
	ck_assert_uint_eq(hs.n, 6);
	ck_assert(hs.saw_v259642);
}
END_TEST

START_TEST(test_corpus__id_lookup_accepts_every_id_form)
{
	const char *ids[] = { "V-221262", "SV-221262", "SV-221262r811179_rule",
			      "ex16-ed-000690", "SV-95313" };

	import_cli("corpus/xccdf");
	open_corpus();
	for (size_t i = 0; i < SD_ARRAY_SIZE(ids); i++) {
		struct hits hs = { 0, 0 };

		ck_assert_int_eq(sd_search_id(corpus, ids[i], count_hit, &hs), 0);
		ck_assert_msg(hs.n == 1, "%s: %zu hits", ids[i], hs.n);
	}
}
END_TEST

START_TEST(test_corpus__a_held_lock_makes_imports_wait_or_fail)
{
	char cmd[2048], out[512], pidmsg[128];
	char *text = NULL;
	size_t len;
	pid_t pid;
	int status;

	import_cli("corpus/reconstructed");
	open_corpus();
	ck_assert_int_eq(sd_corpus_lock(corpus, 0), 0);
	snprintf(out, sizeof(out), "%s/out", dir);
	/* --no-wait: a clear failure naming the holder, nothing changed. */
	ck_assert_int_eq(sd_test_sh("'%s' corpus import --no-wait -C '%s/c' "
				    "corpus/xccdf/*2019_Edge*V2R2* > '%s' 2>&1",
				    sd_test_bin(), dir, out),
			 2);
	ck_assert_int_eq(sd_read_file(out, 0, &text, &len), 0);
	snprintf(pidmsg, sizeof(pidmsg), "is locked by another import (pid %ld)",
		 (long)getpid());
	ck_assert_msg(strstr(text, pidmsg), "got: %s", text);
	free(text);
	ck_assert_int_ne(sd_test_sh("git -C '%s/c' rev-parse -q --verify "
				    "refs/heads/ms-exchange-2019-edge-server",
				    dir),
			 0);
	/* Without it the import waits for the lock, then runs. */
	snprintf(cmd, sizeof(cmd),
		 "'%s' corpus import -C '%s/c' corpus/xccdf/*2019_Edge*V2R2* "
		 "> '%s' 2>&1",
		 sd_test_bin(), dir, out);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	/* It says it waits, and does, as long as the lock is held (polled:
	 * no fixed delay to guess on a loaded machine; the test's timeout
	 * ends a wait that never comes). */
	for (;;) {
		int waiting;

		ck_assert_int_eq(waitpid(pid, &status, WNOHANG), 0);
		if (sd_read_file(out, 0, &text, &len) == 0) {
			waiting = strstr(text, "; waiting\n") != NULL;
			free(text);
			text = NULL;
			if (waiting)
				break;
		}
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	ck_assert_int_eq(waitpid(pid, &status, WNOHANG), 0);
	sd_corpus_free(corpus);
	corpus = NULL;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(sd_read_file(out, 0, &text, &len), 0);
	ck_assert_msg(strstr(text, "; waiting\n"), "got: %s", text);
	ck_assert_msg(strstr(text, "added       ms-exchange-2019-edge-server@V2R2"),
		      "got: %s", text);
	free(text);
}
END_TEST

START_TEST(test_corpus__import_without_the_lock_is_refused)
{
	struct sd_corpus_import *im = NULL;

	import_cli("corpus/reconstructed");
	open_corpus();
	ck_assert_int_eq(sd_corpus_import_new(&im, corpus, 0, NULL, NULL),
			 SD_ELOCKED);
	ck_assert_ptr_null(im);
}
END_TEST

Suite *suite_corpus(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("corpus");

	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_corpus__every_release_reads_back_as_imported);
	tcase_add_test(tc, test_corpus__releases_loaded_together_equal_each_loaded_alone);
	tcase_add_test(tc, test_corpus__releases_are_in_benchmark_date_order);
	tcase_add_test(tc, test_corpus__search_answers_from_its_index_alone);
	tcase_add_test(tc, test_corpus__a_stale_index_is_rebuilt_before_a_query);
	tcase_add_test(tc, test_corpus__id_lookup_accepts_every_id_form);
	tcase_add_test(tc, test_corpus__a_held_lock_makes_imports_wait_or_fail);
	tcase_add_test(tc, test_corpus__import_without_the_lock_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
