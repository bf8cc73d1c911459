/* Hashing: FNV-1a as defined, the stored digest unchanged, and the hash
 * table finding every item, colliding hashes included. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

START_TEST(test_hash__fnv1a_64_matches_its_definition)
{
	/* The FNV-1a test vectors of the algorithm's authors. */
	ck_assert(sd_hash_str("") == 0xcbf29ce484222325ULL);
	ck_assert(sd_hash_str("a") == 0xaf63dc4c8601ec8cULL);
	ck_assert(sd_hash_str("foobar") == 0x85944171f73967e8ULL);
	ck_assert(sd_hash_bytes("foobar", 6) == sd_hash_str("foobar"));
	ck_assert(sd_hash_add(sd_hash_str("foo"), "bar", 3) ==
		  sd_hash_str("foobar"));
}
END_TEST

START_TEST(test_hash__digest_is_what_stored_files_were_keyed_on)
{
	/* The value sd_digest64 gave before it moved to hash.c. */
	ck_assert(sd_digest64(SD_DIGEST_INIT, "hello, digest!", 14) ==
		  0xa42d321aa81e816fULL);
}
END_TEST

START_TEST(test_hash__table_finds_every_item_through_growth_and_collisions)
{
	struct sd_htab t = SD_HTAB_INIT;
	char keys[3000][16];
	size_t n = 3000, pos, k;

	for (size_t i = 0; i < n; i++) {
		snprintf(keys[i], sizeof(keys[i]), "key-%zu", i);
		/* Every tenth item shares its hash with the one before. */
		sd_htab_put(&t, i % 10 == 9 ? sd_hash_str(keys[i - 1])
					     : sd_hash_str(keys[i]), i);
	}
	ck_assert_uint_eq(t.n, n);
	ck_assert_uint_le(2 * t.n, t.mask + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t h = i % 10 == 9 ? sd_hash_str(keys[i - 1])
					 : sd_hash_str(keys[i]);

		for (k = sd_htab_find(&t, h, &pos); k;
		     k = sd_htab_next(&t, h, &pos))
			if (k - 1 == i)
				break;
		ck_assert_uint_eq(k, i + 1);
	}
	ck_assert_uint_eq(sd_htab_find(&t, sd_hash_str("absent"), &pos), 0);
	sd_htab_release(&t);
	ck_assert_uint_eq(sd_htab_find(&t, 1, &pos), 0);
}
END_TEST

Suite *suite_hash(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("hash");

	tcase_add_test(tc, test_hash__fnv1a_64_matches_its_definition);
	tcase_add_test(tc, test_hash__digest_is_what_stored_files_were_keyed_on);
	tcase_add_test(tc, test_hash__table_finds_every_item_through_growth_and_collisions);
	suite_add_tcase(s, tc);
	return s;
}
