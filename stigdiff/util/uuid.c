/* The derived UUID of uuid.h. */
#include "uuid.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>

/* splitmix64's finalizer: every bit of z reaches every bit. */
static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

char *sd_uuid_derive(const char *seed, char out[37])
{
	uint64_t a = sd_hash_str(seed), b = 0x84222325cbf29ce4ULL;

	/* A second hash of the seed, unlike the first in every step. */
	for (const unsigned char *p = (const unsigned char *)seed; *p; p++)
		b = (b ^ *p) * 0x1000193ULL + 0x9e3779b97f4a7c15ULL;
	a = mix64(a);
	b = mix64(b ^ a);
	a = (a & ~0xf000ULL) | 0x8000ULL;              /* version 8 */
	b = (b & ~(3ULL << 62)) | (2ULL << 62);        /* variant 10 */
	snprintf(out, 37, "%08llx-%04llx-%04llx-%04llx-%012llx",
		 (unsigned long long)(a >> 32),
		 (unsigned long long)((a >> 16) & 0xffff),
		 (unsigned long long)(a & 0xffff),
		 (unsigned long long)(b >> 48),
		 (unsigned long long)(b & 0xffffffffffffULL));
	return out;
}
