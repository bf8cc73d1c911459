/* The one TSV dialect and the one CSV dialect: what is written reads
 * back, and what a reader refuses. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "tsv.h"

START_TEST(test_tsv__every_text_reads_back_and_null_is_not_text)
{
	const char *texts[] = { "plain", "", "tab\there", "two\nlines\r\n",
				"back\\slash \\N", "\\" };
	struct sd_buf b = SD_BUF_INIT;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *back;

		sd_buf_reset(&b);
		sd_tsv_field(&b, texts[i]);
		ck_assert_ptr_null(memchr(b.ptr, '\t', b.len));
		ck_assert_ptr_null(memchr(b.ptr, '\n', b.len));
		back = sd_tsv_unescape(b.ptr, b.len);
		ck_assert_str_eq(back, texts[i]);
		free(back);
	}
	sd_buf_reset(&b);
	sd_tsv_field_or_null(&b, NULL);
	ck_assert_str_eq(b.ptr, "\\N");
	ck_assert_ptr_null(sd_tsv_unescape(b.ptr, b.len));
	ck_assert_ptr_null(sd_tsv_unescape("bad\\x", 5));
	ck_assert_ptr_null(sd_tsv_unescape("end\\", 4));
	sd_buf_release(&b);
}
END_TEST

START_TEST(test_tsv__split_wants_exactly_its_fields)
{
	char line[] = "a\\tb\t\\N\tc", two[] = "a\tb", bad[] = "a\t\\q\tc";
	char *f[3];

	ck_assert_int_eq(sd_tsv_split(line, line + strlen(line), f, 3), 0);
	ck_assert_str_eq(f[0], "a\tb");
	ck_assert_ptr_null(f[1]);
	ck_assert_str_eq(f[2], "c");
	ck_assert_int_eq(sd_tsv_split(two, two + strlen(two), f, 3),
			 SD_TSV_COUNT);
	ck_assert_int_eq(sd_tsv_split(bad, bad + strlen(bad), f, 3),
			 SD_TSV_ESCAPE);
}
END_TEST

START_TEST(test_csv__rfc4180_quoting_and_crlf_records)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_csv_field(&b, "plain", 0);
	sd_csv_field(&b, NULL, 0);
	sd_csv_field(&b, "a, b", 0);
	sd_csv_field(&b, "say \"hi\"", 0);
	sd_csv_field(&b, "two\nlines", 1);
	ck_assert_str_eq(b.ptr, "plain,,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
	sd_buf_release(&b);
}
END_TEST

Suite *suite_tsv(void)
{
	Suite *s = suite_create("tsv");
	TCase *tc = tcase_create("tsv");

	tcase_add_test(tc, test_tsv__every_text_reads_back_and_null_is_not_text);
	tcase_add_test(tc, test_tsv__split_wants_exactly_its_fields);
	tcase_add_test(tc, test_csv__rfc4180_quoting_and_crlf_records);
	suite_add_tcase(s, tc);
	return s;
}
