/* The one UUID: derived from its seed, the same one every time (a
 * checklist written twice is the same file), version 8, variant 10. */
#include <check.h>

#include "uuid.h"

START_TEST(test_uuid__same_seed_same_uuid_as_checklists_always_had)
{
	char a[37], b[37];

	/* Values checklists written before the UUID moved to util/ hold. */
	ck_assert_str_eq(sd_uuid_derive("MS_Exchange_2019_Edge_Server_STIG|V2R2", a),
			 "cf71647a-7ce5-83d4-8ed3-375650966469");
	ck_assert_str_eq(sd_uuid_derive("", b),
			 "f52a15e9-a9b5-889b-bec8-7fd56e9b69b2");
}
END_TEST

START_TEST(test_uuid__version_8_variant_10_and_seeds_differ)
{
	char a[37], b[37];

	sd_uuid_derive("rule 1", a);
	sd_uuid_derive("rule 2", b);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(a[14], '8');
	ck_assert(a[19] == '8' || a[19] == '9' || a[19] == 'a' ||
		  a[19] == 'b');
	ck_assert_int_eq(a[8], '-');
	ck_assert_int_eq(a[36], '\0');
}
END_TEST

Suite *suite_uuid(void)
{
	Suite *s = suite_create("uuid");
	TCase *tc = tcase_create("uuid");

	tcase_add_test(tc, test_uuid__same_seed_same_uuid_as_checklists_always_had);
	tcase_add_test(tc, test_uuid__version_8_variant_10_and_seeds_differ);
	suite_add_tcase(s, tc);
	return s;
}
