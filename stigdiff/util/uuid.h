/*
 * The one UUID: derived from a seed, never random, so a checklist written
 * twice from the same input is the same file (README, "Checklists").
 */
#ifndef SD_UUID_H
#define SD_UUID_H

/*
 * The UUID of `seed` into out[37] as 8-4-4-4-12 lower-case hex: RFC 9562
 * version 8 (custom), variant 10, its bits two 64-bit hashes of the
 * seed. Returns out.
 */
char *sd_uuid_derive(const char *seed, char out[37]);

#endif
