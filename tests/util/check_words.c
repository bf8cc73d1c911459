/* The one word tokenizer: words of both rules, their keys as an index
 * keeps them, and the cases xslt/search.js is held to as well. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "tsv.h"
#include "words.h"

/* The keys of `text`'s words, one space between. */
static char *keys(const char *text, unsigned flags)
{
	struct sd_buf b = SD_BUF_INIT;
	char key[SD_WORD_MAX + 1];
	struct sd_word w;

	while (sd_words_next(&text, flags, &w)) {
		sd_word_key(&w, key);
		if (b.len)
			sd_buf_addch(&b, ' ');
		sd_buf_addstr(&b, key);
	}
	return sd_buf_detach(&b);
}

START_TEST(test_words__the_shared_cases_cut_as_the_site_script_does)
{
	FILE *fp = fopen("tests/fixtures/words/cases.tsv", "r");
	char line[4096];
	int n = 0;

	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof(line), fp)) {
		char *tab = strchr(line, '\t'), *text, *got;

		if (line[0] == '#')
			continue;
		ck_assert_ptr_nonnull(tab);
		line[strcspn(line, "\n")] = '\0';
		text = sd_tsv_unescape(line, (size_t)(tab - line));
		ck_assert_ptr_nonnull(text);
		got = keys(text, 0);
		ck_assert_msg(!strcmp(got, tab + 1), "'%s': '%s', not '%s'",
			      line, got, tab + 1);
		free(got);
		free(text);
		n++;
	}
	fclose(fp);
	ck_assert_int_ge(n, 15);
}
END_TEST

START_TEST(test_words__ascii_rule_splits_at_every_non_ascii_character)
{
	char *k = keys("“Windows®” Server—2019 naïve", SD_WORDS_ASCII);

	ck_assert_str_eq(k, "windows server 2019 na ve");
	free(k);
}
END_TEST

START_TEST(test_words__word_knows_its_digits_and_folded_hash)
{
	const char *text = "Release 2024 R2";
	struct sd_word w;

	ck_assert(sd_words_next(&text, 0, &w));
	ck_assert(!w.digits);
	ck_assert(w.hash == sd_hash_str("release"));
	ck_assert(sd_words_next(&text, 0, &w));
	ck_assert(w.digits && w.len == 4);
	ck_assert(sd_words_next(&text, 0, &w));
	ck_assert(!w.digits && w.hash == sd_hash_str("r2"));
	ck_assert(!sd_words_next(&text, 0, &w));
	text = NULL;
	ck_assert(!sd_words_next(&text, 0, &w));
}
END_TEST

START_TEST(test_words__invalid_bytes_are_word_bytes_cut_one_at_a_time)
{
	char text[80], key[SD_WORD_MAX + 1];
	const char *p = text;
	struct sd_word w;

	memset(text, 'a', 63);
	text[63] = (char)0xc3; /* a lead byte whose sequence is cut short */
	text[64] = '\0';
	ck_assert(sd_words_next(&p, 0, &w));
	ck_assert_uint_eq(w.len, 64);
	ck_assert_uint_eq(sd_word_key(&w, key), 64);
}
END_TEST

Suite *suite_words(void)
{
	Suite *s = suite_create("words");
	TCase *tc = tcase_create("words");

	tcase_add_test(tc, test_words__the_shared_cases_cut_as_the_site_script_does);
	tcase_add_test(tc, test_words__ascii_rule_splits_at_every_non_ascii_character);
	tcase_add_test(tc, test_words__word_knows_its_digits_and_folded_hash);
	tcase_add_test(tc, test_words__invalid_bytes_are_word_bytes_cut_one_at_a_time);
	suite_add_tcase(s, tc);
	return s;
}
