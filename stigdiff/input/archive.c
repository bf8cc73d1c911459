/* Reading zip members in memory with libzip; see archive.h. */
#include "archive.h"
#include "error.h"
#include "util.h"

#include <string.h>
#include <zip.h>

struct sd_archive {
	zip_t *zip;
	char *display;
};

int sd_archive_open(struct sd_archive **out, const void *data, size_t len,
		    const char *display)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	struct sd_archive *a;

	*out = NULL;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return sd_error_set(SD_ERROR, "cannot open '%s'", display);
	}
	z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!z) {
		int err = sd_error_set(SD_EPARSE, "cannot open '%s': %s",
				       display, zip_error_strerror(&ze));

		zip_source_free(src);
		zip_error_fini(&ze);
		return err;
	}
	zip_error_fini(&ze);
	a = sd_xcalloc(1, sizeof(*a));
	a->zip = z;
	a->display = sd_xstrdup(display);
	*out = a;
	return 0;
}

void sd_archive_free(struct sd_archive *a)
{
	if (!a)
		return;
	zip_discard(a->zip);
	free(a->display);
	free(a);
}

size_t sd_archive_count(const struct sd_archive *a)
{
	zip_int64_t n = zip_get_num_entries(a->zip, 0);

	return n > 0 ? (size_t)n : 0;
}

const char *sd_archive_name(struct sd_archive *a, size_t i)
{
	return zip_get_name(a->zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

int sd_archive_stat(struct sd_archive *a, size_t i, struct sd_member_info *mi)
{
	zip_stat_t st;
	const char *name;

	memset(mi, 0, sizeof(*mi));
	zip_stat_init(&st);
	if (zip_stat_index(a->zip, (zip_uint64_t)i, 0, &st) < 0)
		return sd_error_set(SD_EPARSE, "%s: unreadable entry %zu: %s",
				    a->display, i, zip_strerror(a->zip));
	name = st.valid & ZIP_STAT_NAME ? st.name : "";
	mi->size = st.valid & ZIP_STAT_SIZE ? (size_t)st.size : 0;
	mi->comp_size = st.valid & ZIP_STAT_COMP_SIZE ? (size_t)st.comp_size
						      : 0;
	mi->encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
			st.encryption_method != ZIP_EM_NONE;
	mi->is_dir = *name && name[strlen(name) - 1] == '/';
	return 0;
}

int sd_archive_read_head(struct sd_archive *a, size_t i, char *buf, size_t n,
			 size_t *got)
{
	zip_file_t *f = zip_fopen_index(a->zip, (zip_uint64_t)i, 0);
	zip_int64_t r = -1;

	*got = 0;
	if (!f)
		return sd_error_set(SD_EPARSE, "cannot read: %s",
				    zip_strerror(a->zip));
	while (*got < n && (r = zip_fread(f, buf + *got, n - *got)) > 0)
		*got += (size_t)r;
	if (r < 0) {
		int err = sd_error_set(SD_EPARSE, "corrupt data: %s",
				       zip_file_strerror(f));

		zip_fclose(f);
		return err;
	}
	zip_fclose(f);
	return 0;
}

int sd_archive_read(struct sd_archive *a, size_t i, size_t max, char **data,
		    size_t *len)
{
	struct sd_member_info mi;
	zip_file_t *f;
	char *buf = NULL;
	size_t got = 0, cap;
	int err;

	*data = NULL;
	*len = 0;
	if ((err = sd_archive_stat(a, i, &mi)) < 0)
		return err;
	if (mi.size > max)
		return sd_error_set(SD_ELIMIT, "inflates to %zu bytes, over the limit of %zu",
				    mi.size, max);
	f = zip_fopen_index(a->zip, (zip_uint64_t)i, 0);
	if (!f)
		return sd_error_set(SD_EPARSE, "cannot read: %s",
				    zip_strerror(a->zip));
	cap = mi.size;
	buf = sd_xmalloc(cap + 1);
	for (;;) {
		zip_int64_t n;

		if (got == cap) {
			/* Declared size reached: anything more is a lie. */
			char probe;

			n = zip_fread(f, &probe, 1);
			if (n > 0) {
				err = sd_error_set(SD_ELIMIT,
						   "inflates past its declared size of %zu bytes",
						   mi.size);
				goto done;
			}
			if (n < 0)
				goto read_error;
			break;
		}
		n = zip_fread(f, buf + got, cap - got);
		if (n < 0)
			goto read_error;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	buf = NULL;
	goto done;
read_error:
	err = sd_error_set(SD_EPARSE, "corrupt data: %s",
			   zip_file_strerror(f));
done:
	zip_fclose(f);
	free(buf);
	return err;
}
