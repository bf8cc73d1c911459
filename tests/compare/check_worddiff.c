/* Word diffs: correct and minimal edit scripts, readable runs, and the
 * line between cosmetic and substantive differences. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "worddiff.h"

/* The diff as "eq|-del|+ins" runs, for compact expectations. */
static char *runs(const char *old, const char *new)
{
	struct sd_worddiff wd = SD_WORDDIFF_INIT;
	struct sd_buf b = SD_BUF_INIT;

	sd_worddiff_compute(&wd, old, new);
	for (size_t i = 0; i < wd.nsegs; i++) {
		const struct sd_wd_seg *s = &wd.segs[i];

		sd_buf_addstr(&b, s->op == SD_WD_EQUAL ? "="
				  : s->op == SD_WD_DELETE ? "-" : "+");
		sd_buf_addch(&b, '[');
		sd_buf_add(&b, s->text, s->len);
		sd_buf_addch(&b, ']');
	}
	sd_worddiff_release(&wd);
	return sd_buf_detach(&b);
}

/* Side `side` (0 old, 1 new) rebuilt from the runs. */
static char *rebuild(const struct sd_worddiff *wd, int side)
{
	struct sd_buf b = SD_BUF_INIT;

	for (size_t i = 0; i < wd->nsegs; i++) {
		const struct sd_wd_seg *s = &wd->segs[i];

		if (s->op == SD_WD_EQUAL ||
		    s->op == (side ? SD_WD_INSERT : SD_WD_DELETE))
			sd_buf_add(&b, s->text, s->len);
	}
	return sd_buf_detach(&b);
}

static size_t lcs(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), r;
	size_t *t = calloc((n + 1) * (m + 1), sizeof(*t));

	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++)
			t[i * (m + 1) + j] =
				a[i - 1] == b[j - 1]
					? t[(i - 1) * (m + 1) + j - 1] + 1
				: t[(i - 1) * (m + 1) + j] > t[i * (m + 1) + j - 1]
					? t[(i - 1) * (m + 1) + j]
					: t[i * (m + 1) + j - 1];
	r = t[n * (m + 1) + m];
	free(t);
	return r;
}

START_TEST(test_worddiff__replaced_word_is_one_deletion_and_one_insertion)
{
	char *r = runs("Set the value to 00:05:00 now.",
		       "Set the value to 00:10:00 now.");

	ck_assert_str_eq(r, "=[Set the value to 00:]-[05]+[10]=[:00 now.]");
	free(r);
}
END_TEST

START_TEST(test_worddiff__inserted_sentence_reads_as_one_run)
{
	char *r = runs("Note: If a third-party product is used.",
		       "If this server is in a SIPR Enclave, this requirement is Not Applicable.\n\n"
		       "Note: If a third-party product is used.");

	ck_assert_str_eq(r, "+[If this server is in a SIPR Enclave, this requirement is Not Applicable.\n\n]"
			    "=[Note: If a third-party product is used.]");
	free(r);
}
END_TEST

START_TEST(test_worddiff__lone_insertion_starts_with_its_blank)
{
	char *r = runs("a c", "a x c");

	ck_assert_str_eq(r, "=[a]+[ x]=[ c]");
	free(r);
	r = runs("a. b.", "a. c. b.");
	ck_assert_str_eq(r, "=[a.]+[ c.]=[ b.]");
	free(r);
}
END_TEST

START_TEST(test_worddiff__short_common_words_inside_a_rewrite_are_folded)
{
	char *r = runs("Review the settings carefully.",
		       "Check the configuration carefully.");

	ck_assert_str_eq(r, "-[Review the settings]+[Check the configuration]=[ carefully.]");
	free(r);
}
END_TEST

/* Real text (Exchange 2013 Mailbox EX13-MB-000260, V1R2 -> V2R1): the
 * unchanged command line stays equal although its last word recurs in the
 * inserted sentence. */
START_TEST(test_worddiff__folded_change_gives_back_common_ends)
{
	char *r = runs("Get-RemoteDomain | Select Name, Identity, AutoReplyEnabled\n\n"
		       "If the value of AutoReplyEnabled is not set to False, this is a finding.",
		       "Get-RemoteDomain | Select Name, Identity, AutoReplyEnabled\n"
		       "If the value of \xe2\x80\x9c" "AutoReplyEnabled\xe2\x80\x9d is set to \xe2\x80\x9c"
		       "True\xe2\x80\x9d and is configured to only Reply to .MIL or .GOV sites, this is not a finding.\n\n"
		       "If the value of AutoReplyEnabled is not set to False, this is a finding.");

	ck_assert_str_eq(r, "=[Get-RemoteDomain | Select Name, Identity, AutoReplyEnabled]"
			    "+[\nIf the value of \xe2\x80\x9c" "AutoReplyEnabled\xe2\x80\x9d is set to \xe2\x80\x9c"
			    "True\xe2\x80\x9d and is configured to only Reply to .MIL or .GOV sites, this is not a finding.]"
			    "=[\n\nIf the value of AutoReplyEnabled is not set to False, this is a finding.]");
	free(r);
}
END_TEST

START_TEST(test_worddiff__rewrapped_lines_are_equal_runs)
{
	struct sd_worddiff wd = SD_WORDDIFF_INIT;

	sd_worddiff_compute(&wd, "one two\nthree four", "one two three\nfour five");
	ck_assert_int_eq(wd.nsegs, 2);
	ck_assert_int_eq(wd.segs[0].op, SD_WD_EQUAL);
	ck_assert_int_eq(wd.segs[1].op, SD_WD_INSERT);
	ck_assert_int_eq(wd.common_words, 4);
	sd_worddiff_release(&wd);
}
END_TEST

START_TEST(test_worddiff__empty_and_null_texts)
{
	char *r = runs(NULL, "new text");

	ck_assert_str_eq(r, "+[new text]");
	free(r);
	r = runs("old", "");
	ck_assert_str_eq(r, "-[old]");
	free(r);
	r = runs("", NULL);
	ck_assert_str_eq(r, "");
	free(r);
}
END_TEST

START_TEST(test_worddiff__curly_quotes_and_dashes_are_their_own_tokens)
{
	char *r = runs("Set \xe2\x80\x9cReject\xe2\x80\x9d" ".", "Set \xe2\x80\x9c" "Accept\xe2\x80\x9d" ".");

	ck_assert_str_eq(r, "=[Set \xe2\x80\x9c]-[Reject]+[Accept]=[\xe2\x80\x9d" ".]");
	free(r);
}
END_TEST

/* Random texts of single-character tokens: the script is valid and has
 * the longest common subsequence (checked by dynamic programming). */
START_TEST(test_worddiff__random_scripts_are_valid_and_minimal)
{
	static const char alphabet[] = ".,;:-+";
	unsigned seed = 12345;

	for (int round = 0; round < 400; round++) {
		char a[80], b[80];
		size_t na, nb;
		struct sd_worddiff wd = SD_WORDDIFF_INIT;
		char *ra, *rb;

		seed = seed * 1103515245u + 12345u;
		na = (seed >> 16) % 60;
		seed = seed * 1103515245u + 12345u;
		nb = (seed >> 16) % 60;
		for (size_t i = 0; i < na; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = alphabet[(seed >> 16) % (round % 5 + 2)];
		}
		a[na] = '\0';
		for (size_t i = 0; i < nb; i++) {
			seed = seed * 1103515245u + 12345u;
			b[i] = alphabet[(seed >> 16) % (round % 5 + 2)];
		}
		b[nb] = '\0';
		sd_worddiff_compute(&wd, a, b);
		ra = rebuild(&wd, 0);
		rb = rebuild(&wd, 1);
		ck_assert_str_eq(ra, a);
		ck_assert_str_eq(rb, b);
		ck_assert_int_eq(wd.common_words, lcs(a, b));
		ck_assert(!wd.approximate);
		free(ra);
		free(rb);
		sd_worddiff_release(&wd);
	}
}
END_TEST

/* Random sentences of words: both texts are rebuilt exactly. */
START_TEST(test_worddiff__random_sentences_rebuild_both_sides)
{
	static const char *words[] = { "the", "check", "fix", "must", "not",
				       "Exchange", "00:05:00", "\"Reject\"",
				       "is", "a", "finding." };
	unsigned seed = 777;

	for (int round = 0; round < 300; round++) {
		struct sd_buf a = SD_BUF_INIT, b = SD_BUF_INIT;
		struct sd_worddiff wd = SD_WORDDIFF_INIT;
		char *ra, *rb;

		for (int side = 0; side < 2; side++) {
			struct sd_buf *t = side ? &b : &a;
			unsigned n;

			seed = seed * 1103515245u + 12345u;
			n = (seed >> 16) % 30;
			for (unsigned i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				if (i)
					sd_buf_addch(t, ' ');
				sd_buf_addstr(t, words[(seed >> 16) %
						       (sizeof(words) / sizeof(*words))]);
			}
		}
		sd_worddiff_compute(&wd, a.ptr, b.ptr);
		ra = rebuild(&wd, 0);
		rb = rebuild(&wd, 1);
		ck_assert_str_eq(ra, a.ptr);
		ck_assert_str_eq(rb, b.ptr);
		free(ra);
		free(rb);
		sd_worddiff_release(&wd);
		sd_buf_release(&a);
		sd_buf_release(&b);
	}
}
END_TEST

START_TEST(test_worddiff__huge_different_texts_finish_as_a_replacement)
{
	size_t n = 400000;
	char *a = malloc(n + 1), *b = malloc(n + 1);
	struct sd_worddiff wd = SD_WORDDIFF_INIT;
	unsigned seed = 1;

	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		a[i] = (i % 7 == 6) ? ' ' : (char)('a' + (seed >> 16) % 3);
		seed = seed * 1103515245u + 12345u;
		b[i] = (i % 5 == 4) ? ' ' : (char)('a' + (seed >> 16) % 3);
	}
	a[n] = b[n] = '\0';
	sd_worddiff_compute(&wd, a, b);
	ck_assert(wd.approximate);
	ck_assert_int_gt(wd.nsegs, 0);
	sd_worddiff_release(&wd);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_worddiff__cosmetic_kinds_are_named)
{
	ck_assert_uint_eq(sd_worddiff_cosmetic("a b\nc", "a  b c"),
			  SD_COSMETIC_SPACE);
	ck_assert_uint_eq(sd_worddiff_cosmetic("set \xe2\x80\x9c" "False\xe2\x80\x9d",
					       "set \"False\""),
			  SD_COSMETIC_QUOTES);
	ck_assert_uint_eq(sd_worddiff_cosmetic("don\xe2\x80\x99t", "don't"),
			  SD_COSMETIC_QUOTES);
	ck_assert_uint_eq(sd_worddiff_cosmetic("a finding .", "a finding."),
			  SD_COSMETIC_PUNCT);
	ck_assert_uint_eq(sd_worddiff_cosmetic("( see below )", "(see below)"),
			  SD_COSMETIC_PUNCT);
	ck_assert_uint_eq(sd_worddiff_cosmetic("open , then ; close .\nNext",
					       "open, then; close.\nNext"),
			  SD_COSMETIC_PUNCT);
	ck_assert_uint_eq(sd_worddiff_cosmetic("a  \xe2\x80\x98" "x\xe2\x80\x99 ,",
					       "a 'x',"),
			  SD_COSMETIC_SPACE | SD_COSMETIC_QUOTES |
				  SD_COSMETIC_PUNCT);
	ck_assert_str_eq(sd_worddiff_cosmetic_name(SD_COSMETIC_QUOTES),
			 "quotes");
}
END_TEST

/* Nothing that changes meaning passes as cosmetic. */
START_TEST(test_worddiff__substantive_differences_are_not_cosmetic)
{
	static const char *pairs[][2] = {
		{ "same", "same" },
		{ "is a finding", "is not a finding" },
		{ "set to 00:05:00", "set to 00:10:00" },
		{ "set to True", "set to true" },
		{ "Get-Item|Select", "Get-Item | Select" },
		{ "value \"False\"", "value False" },
		{ "value 'x'", "value \"x\"" },
		{ "a-b", "a\xe2\x80\x93" "b" },
		{ "one.two", "one. two" },
		{ "1,000", "1, 000" },
		{ "end.", "end" },
		{ "text", "" },
		{ "C:\\Program Files", "C:\\ProgramFiles" },
		/* Punctuation that starts a name or stands for a path. */
		{ "files of type .zip and .xml", "files of type.zip and.xml" },
		{ "-Path . -Recurse", "-Path. -Recurse" },
		{ "Software\\ .NetFramework", "Software\\.NetFramework" },
		{ "HKLM :\\Software", "HKLM:\\Software" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++)
		ck_assert_msg(sd_worddiff_cosmetic(pairs[i][0], pairs[i][1]) == 0,
			      "'%s' vs '%s' taken as cosmetic", pairs[i][0],
			      pairs[i][1]);
	ck_assert_uint_eq(sd_worddiff_cosmetic(NULL, ""), 0);
}
END_TEST

START_TEST(test_worddiff__similarity_counts_common_words)
{
	struct sd_worddiff wd = SD_WORDDIFF_INIT;

	sd_worddiff_compute(&wd, "a b c d", "a b x d");
	ck_assert_int_eq(wd.old_words, 4);
	ck_assert_int_eq(wd.new_words, 4);
	ck_assert_int_eq(wd.common_words, 3);
	ck_assert(sd_worddiff_similarity(&wd) > 0.74 &&
		  sd_worddiff_similarity(&wd) < 0.76);
	sd_worddiff_compute(&wd, "", "");
	ck_assert(sd_worddiff_similarity(&wd) == 1.0);
	sd_worddiff_release(&wd);
}
END_TEST

/* A letter's case is cosmetic only when asked (the re-check gate asks;
 * diff does not), and named "case". */
START_TEST(test_worddiff__case_only_is_cosmetic_only_when_asked)
{
	const unsigned usual = SD_COSMETIC_SPACE | SD_COSMETIC_QUOTES |
			       SD_COSMETIC_PUNCT;

	ck_assert_uint_eq(sd_worddiff_cosmetic("issued by the DoD", "issued by the DOD"), 0);
	ck_assert_uint_eq(sd_worddiff_cosmetic_as("issued by the DoD", "issued by the DOD",
						  usual | SD_COSMETIC_CASE),
			  SD_COSMETIC_CASE);
	ck_assert_uint_eq(sd_worddiff_cosmetic_as("the  DoD", "the DOD",
						  usual | SD_COSMETIC_CASE),
			  SD_COSMETIC_CASE | SD_COSMETIC_SPACE);
	/* A word still differs. */
	ck_assert_uint_eq(sd_worddiff_cosmetic_as("the DoD PKI", "the DOD CA",
						  usual | SD_COSMETIC_CASE), 0);
	ck_assert_str_eq(sd_worddiff_cosmetic_name(SD_COSMETIC_CASE), "case");
}
END_TEST

Suite *suite_worddiff(void)
{
	Suite *s = suite_create("worddiff");
	TCase *tc = tcase_create("worddiff");

	tcase_add_test(tc, test_worddiff__replaced_word_is_one_deletion_and_one_insertion);
	tcase_add_test(tc, test_worddiff__inserted_sentence_reads_as_one_run);
	tcase_add_test(tc, test_worddiff__lone_insertion_starts_with_its_blank);
	tcase_add_test(tc, test_worddiff__short_common_words_inside_a_rewrite_are_folded);
	tcase_add_test(tc, test_worddiff__folded_change_gives_back_common_ends);
	tcase_add_test(tc, test_worddiff__rewrapped_lines_are_equal_runs);
	tcase_add_test(tc, test_worddiff__empty_and_null_texts);
	tcase_add_test(tc, test_worddiff__curly_quotes_and_dashes_are_their_own_tokens);
	tcase_add_test(tc, test_worddiff__random_scripts_are_valid_and_minimal);
	tcase_add_test(tc, test_worddiff__random_sentences_rebuild_both_sides);
	tcase_add_test(tc, test_worddiff__huge_different_texts_finish_as_a_replacement);
	tcase_add_test(tc, test_worddiff__cosmetic_kinds_are_named);
	tcase_add_test(tc, test_worddiff__substantive_differences_are_not_cosmetic);
	tcase_add_test(tc, test_worddiff__similarity_counts_common_words);
	tcase_add_test(tc, test_worddiff__case_only_is_cosmetic_only_when_asked);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
