/* The string hash, the digest and the hash table of hash.h. */
#include "hash.h"
#include "alloc.h"

uint64_t sd_hash_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = sd_hash_byte(h, p[i]);
	return h;
}

uint64_t sd_hash_bytes(const void *data, size_t len)
{
	return sd_hash_add(SD_HASH_INIT, data, len);
}

uint64_t sd_hash_str(const char *s)
{
	uint64_t h = SD_HASH_INIT;

	for (; *s; s++)
		h = sd_hash_byte(h, (unsigned char)*s);
	return h;
}

unsigned long long sd_digest64(unsigned long long h, const void *data,
			       size_t len)
{
	const unsigned char *p = data;

	for (; len >= 8; p += 8, len -= 8) {
		/* The compiler makes this one load. */
		unsigned long long w =
			(unsigned long long)p[0] | (unsigned long long)p[1] << 8 |
			(unsigned long long)p[2] << 16 |
			(unsigned long long)p[3] << 24 |
			(unsigned long long)p[4] << 32 |
			(unsigned long long)p[5] << 40 |
			(unsigned long long)p[6] << 48 |
			(unsigned long long)p[7] << 56;

		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return sd_hash_add(h, p, len);
}

/* Room for `slots` slots (a power of two), the items moved over. */
static void resize(struct sd_htab *t, size_t slots)
{
	struct sd_htab_slot *old = t->s;
	size_t oldn = old ? t->mask + 1 : 0;

	t->s = sd_xcalloc(slots, sizeof(*t->s));
	t->mask = slots - 1;
	for (size_t k = 0; k < oldn; k++) {
		size_t i;

		if (!old[k].i)
			continue;
		for (i = sd_htab_mix(old[k].h) & t->mask; t->s[i].i;
		     i = (i + 1) & t->mask)
			;
		t->s[i] = old[k];
	}
	free(old);
}

void sd_htab_init(struct sd_htab *t, size_t expect)
{
	size_t slots = 16;

	while (slots < 2 * expect + 2)
		slots *= 2;
	t->s = NULL;
	t->n = 0;
	resize(t, slots);
}

void sd_htab_release(struct sd_htab *t)
{
	free(t->s);
	t->s = NULL;
	t->mask = t->n = 0;
}

void sd_htab_put(struct sd_htab *t, uint64_t h, size_t index)
{
	size_t i;

	if (!t->s)
		resize(t, 16);
	else if (2 * (t->n + 1) > t->mask + 1)
		resize(t, 2 * (t->mask + 1));
	for (i = sd_htab_mix(h) & t->mask; t->s[i].i; i = (i + 1) & t->mask)
		;
	t->s[i].h = h;
	t->s[i].i = index + 1;
	t->n++;
}
