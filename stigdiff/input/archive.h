/*
 * Zip containers, opened in memory with libzip (the only module that
 * includes it). The walker in source.c recurses through nested zips and
 * applies the limits; this module reads one archive's members safely.
 */
#ifndef SD_ARCHIVE_H
#define SD_ARCHIVE_H

#include <stddef.h>
#include <string.h>

struct sd_archive;

/* Does this buffer start like a zip file? (Inline: no libzip needed.) */
static inline int sd_archive_sniff(const void *data, size_t len)
{
	return len >= 4 && (!memcmp(data, "PK\003\004", 4) ||
			    !memcmp(data, "PK\005\006", 4));
}

/*
 * Open the zip held in `data` (borrowed; it must outlive the archive).
 * `display` names it in messages. Fails with SD_EPARSE for a corrupt or
 * truncated archive.
 */
int sd_archive_open(struct sd_archive **out, const void *data, size_t len,
		    const char *display);
void sd_archive_free(struct sd_archive *a);

size_t sd_archive_count(const struct sd_archive *a);
/* Member i's name as stored (borrowed), or NULL when unreadable. */
const char *sd_archive_name(struct sd_archive *a, size_t i);

/* Declared facts about member i, checked before any byte is inflated. */
struct sd_member_info {
	size_t size;       /* declared uncompressed size */
	size_t comp_size;  /* compressed size */
	int encrypted;
	int is_dir;
};
int sd_archive_stat(struct sd_archive *a, size_t i, struct sd_member_info *mi);

/*
 * Inflate the first bytes of member i into `buf` (at most `n`), for
 * sniffing what it is without inflating all of it. Sets *got.
 */
int sd_archive_read_head(struct sd_archive *a, size_t i, char *buf, size_t n,
			 size_t *got);

/*
 * Inflate member i into a new buffer (NUL-terminated; the caller frees).
 * Never reads more than `max` bytes: a member larger than declared, or
 * larger than `max`, fails with SD_ELIMIT; a CRC or inflate failure with
 * SD_EPARSE.
 */
int sd_archive_read(struct sd_archive *a, size_t i, size_t max, char **data,
		    size_t *len);

#endif
