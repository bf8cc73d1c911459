/* The one UTF-8 decoder: strict as RFC 3629, never reading past a NUL,
 * and the repair that turns what it refuses into U+FFFD. */
#include <check.h>
#include <stdlib.h>

#include "utf8.h"

static size_t len_of(const char *s)
{
	return sd_utf8_len((const unsigned char *)s);
}

START_TEST(test_utf8__valid_characters_decode_with_their_length)
{
	uint32_t cp;

	ck_assert_uint_eq(sd_utf8_decode((const unsigned char *)"A", &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(sd_utf8_decode((const unsigned char *)"\xc3\xa9", &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(sd_utf8_decode((const unsigned char *)"\xe2\x80\x9c", &cp), 3);
	ck_assert_uint_eq(cp, 0x201c);
	ck_assert_uint_eq(sd_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	ck_assert_uint_eq(len_of("\xf4\x8f\xbf\xbf"), 4); /* U+10FFFF */
	ck_assert_uint_eq(sd_utf8_width(0x7f), 1);
	ck_assert_uint_eq(sd_utf8_width(0x7ff), 2);
	ck_assert_uint_eq(sd_utf8_width(0xffff), 3);
	ck_assert_uint_eq(sd_utf8_width(0x10000), 4);
}
END_TEST

START_TEST(test_utf8__overlong_surrogate_and_out_of_range_forms_are_refused)
{
	ck_assert_uint_eq(len_of("\xc0\xaf"), 0);         /* overlong '/' */
	ck_assert_uint_eq(len_of("\xe0\x80\xaf"), 0);     /* overlong '/' */
	ck_assert_uint_eq(len_of("\xf0\x80\x80\xaf"), 0); /* overlong '/' */
	ck_assert_uint_eq(len_of("\xed\xa0\x80"), 0);     /* U+D800 */
	ck_assert_uint_eq(len_of("\xf4\x90\x80\x80"), 0); /* U+110000 */
	ck_assert_uint_eq(len_of("\x80"), 0);             /* continuation */
	ck_assert_uint_eq(len_of("\xff"), 0);
	ck_assert_uint_eq(len_of("\xe2\x80"), 0); /* cut short by the NUL */
}
END_TEST

START_TEST(test_utf8__fix_replaces_each_refused_byte_and_copies_only_then)
{
	char *f;

	ck_assert_ptr_null(sd_utf8_fix("caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d"));
	f = sd_utf8_fix("a\xff" "b\xe2\x80");
	ck_assert_str_eq(f, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
	free(f);
	f = sd_utf8_fix("Windows-1252 \x93quoted\x94");
	ck_assert_str_eq(f, "Windows-1252 \xef\xbf\xbdquoted\xef\xbf\xbd");
	free(f);
}
END_TEST

/* UTF-8 read as Windows-1252 and written back as UTF-8 ("“Policy Name”"
 * became "â€œPolicy Nameâ€\u009d") is undone; real Latin-1 text and
 * runs that would not make UTF-8 are left alone. */
START_TEST(test_utf8__mojibake_is_repaired_run_by_run)
{
	char *s;

	s = sd_utf8_unmojibake("If \xc3\xa2\xe2\x82\xac\xc5\x93Policy Name\xc3\xa2\xe2\x82\xac\xc2\x9d is set");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "If \xe2\x80\x9cPolicy Name\xe2\x80\x9d is set");
	free(s);
	/* En dash, apostrophe; a correct "é" beside a broken run stays. */
	s = sd_utf8_unmojibake("caf\xc3\xa9 \xc3\xa2\xe2\x82\xac\xe2\x80\x9c DoD\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "caf\xc3\xa9 \xe2\x80\x93 DoD\xe2\x80\x99s");
	free(s);
	ck_assert_ptr_null(sd_utf8_unmojibake("plain ASCII"));
	ck_assert_ptr_null(sd_utf8_unmojibake("caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cquoted\xe2\x80\x9d"));
	ck_assert_ptr_null(sd_utf8_unmojibake(""));
}
END_TEST

Suite *suite_utf8(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_test(tc, test_utf8__valid_characters_decode_with_their_length);
	tcase_add_test(tc, test_utf8__overlong_surrogate_and_out_of_range_forms_are_refused);
	tcase_add_test(tc, test_utf8__fix_replaces_each_refused_byte_and_copies_only_then);
	tcase_add_test(tc, test_utf8__mojibake_is_repaired_run_by_run);
	suite_add_tcase(s, tc);
	return s;
}
