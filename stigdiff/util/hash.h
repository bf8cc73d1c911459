/*
 * Hashing: the one string hash (FNV-1a, 64 bits), the 64-bit digest that
 * stored files key on, and the one hash table.
 *
 * The table is open addressing over an array the caller keeps: it maps a
 * key's 64-bit hash to the indexes of the items with that hash, and the
 * caller compares keys. Slots hold the hash, so growing needs no callback
 * and a different key with another hash costs no comparison:
 *
 *	struct sd_htab t = SD_HTAB_INIT;
 *	uint64_t h = sd_hash_str(key);
 *	size_t pos, k;
 *
 *	for (k = sd_htab_find(&t, h, &pos); k; k = sd_htab_next(&t, h, &pos))
 *		if (!strcmp(items[k - 1].key, key))
 *			return k - 1;            (found: item k - 1)
 *	... append the item as items[n] ...
 *	sd_htab_put(&t, h, n);
 *
 * Positions come from a mix of the hash, so any 64-bit hash will do. At
 * most half the slots are in use; the table doubles before that. The
 * order of the slots is nobody's business: nothing may be written in it.
 */
#ifndef SD_HASH_H
#define SD_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits (the offset basis and the prime of its definition). */
#define SD_HASH_INIT 0xcbf29ce484222325ULL
#define SD_HASH_PRIME 0x100000001b3ULL

/* One byte more into hash `h`. */
static inline uint64_t sd_hash_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * SD_HASH_PRIME;
}

/* `len` bytes more into hash `h`; sd_hash_bytes() starts from
 * SD_HASH_INIT, sd_hash_str() hashes a string without its NUL. */
uint64_t sd_hash_add(uint64_t h, const void *data, size_t len);
uint64_t sd_hash_bytes(const void *data, size_t len);
uint64_t sd_hash_str(const char *s);

/*
 * A 64-bit digest of `len` bytes, continuing from `h` (start from
 * SD_DIGEST_INIT): eight bytes at a time (little-endian, so the same on
 * every machine), each multiplied in and folded; the bytes left over
 * FNV-1a. To notice change, not to resist it. Stored files (the CCI
 * cache, the lineage and link caches, the site's manifest) key on it,
 * so neither the function nor its start may change: SD_DIGEST_INIT is
 * FNV's offset basis written with one digit missing, as it first was.
 */
#define SD_DIGEST_INIT 1469598103934665603ULL
unsigned long long sd_digest64(unsigned long long h, const void *data,
			       size_t len);

struct sd_htab_slot {
	uint64_t h;
	size_t i; /* the item's index + 1; 0: a free slot */
};

struct sd_htab {
	struct sd_htab_slot *s;
	size_t mask; /* slots - 1 */
	size_t n;    /* slots in use */
};
#define SD_HTAB_INIT { NULL, 0, 0 }

/* An empty table with room for `expect` items before it grows. */
void sd_htab_init(struct sd_htab *t, size_t expect);
void sd_htab_release(struct sd_htab *t);
/* Record item `index` under hash `h` (another item may have it too). */
void sd_htab_put(struct sd_htab *t, uint64_t h, size_t index);

static inline size_t sd_htab_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

/* From slot *pos on, the next item recorded under `h`: its index + 1,
 * *pos its slot; 0 when there is none more. */
static inline size_t sd_htab_scan(const struct sd_htab *t, uint64_t h,
				  size_t *pos)
{
	for (size_t i = *pos;; i = (i + 1) & t->mask) {
		if (!t->s[i].i || t->s[i].h == h) {
			*pos = i;
			return t->s[i].i;
		}
	}
}

/* The first item recorded under hash `h` (index + 1; 0: none), and
 * sd_htab_next() the one after it, *pos keeping the place. */
static inline size_t sd_htab_find(const struct sd_htab *t, uint64_t h,
				  size_t *pos)
{
	if (!t->s) {
		*pos = 0;
		return 0;
	}
	*pos = sd_htab_mix(h) & t->mask;
	return sd_htab_scan(t, h, pos);
}

static inline size_t sd_htab_next(const struct sd_htab *t, uint64_t h,
				  size_t *pos)
{
	if (!t->s[*pos].i)
		return 0;
	*pos = (*pos + 1) & t->mask;
	return sd_htab_scan(t, h, pos);
}

#endif
