/*
 * Small utilities: string vectors, whole-file reads with a size limit,
 * and output files that appear only complete (written to a temporary
 * name, renamed on commit). Allocation (alloc.h) comes with it.
 */
#ifndef SD_UTIL_H
#define SD_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"

#define SD_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A NULL-terminated vector of owned strings. */
struct sd_strv {
	char **v; /* v[n] == NULL when n > 0 */
	size_t n;
	size_t cap;
};
#define SD_STRV_INIT { NULL, 0, 0 }
void sd_strv_push(struct sd_strv *sv, const char *s);
void sd_strv_push_owned(struct sd_strv *sv, char *s);
int sd_strv_contains(const struct sd_strv *sv, const char *s);
void sd_strv_sort(struct sd_strv *sv);
void sd_strv_release(struct sd_strv *sv);

int sd_starts_with(const char *s, const char *prefix);
int sd_ends_with(const char *s, const char *suffix);
int sd_ends_with_icase(const char *s, const char *suffix);
/* Does `s` hold `needle`, ASCII letters compared without case? */
int sd_contains_icase(const char *s, const char *needle);
/* Compare two possibly NULL strings; NULL sorts first. */
int sd_strcmp_null(const char *a, const char *b);

/*
 * The default data shipped with stigdiff (the source tree's corpus/:
 * Exchange releases, curated links), `<rel>` in it (a file, or a
 * directory when `dir`), found from the running binary, never from the
 * current directory: <prefix>/share/stigdiff/<rel> for a binary
 * installed as <prefix>/bin/stigdiff (make install), else
 * <tree>/corpus/<rel> for <tree>/build/stigdiff. When neither exists,
 * the installed path (for an error naming it); NULL when the binary's
 * own path cannot be read (/proc/self/exe). The caller frees the path.
 */
char *sd_embedded_path(const char *rel, int dir);

/* A string naming item `i` of some array, for sorting items by a key:
 * sd_str_index_cmp() orders by the string, then by i (a stable sort). */
struct sd_str_index {
	const char *s;
	size_t i;
};
int sd_str_index_cmp(const void *a, const void *b);

/*
 * Read all of `path` into a NUL-terminated buffer the caller frees.
 * Fails with SD_ELIMIT when the file exceeds `limit` bytes (0: no limit),
 * and with SD_EIO for anything but a regular file: a directory, a FIFO
 * (refused at once, never waited on), a device.
 */
int sd_read_file(const char *path, size_t limit, char **out, size_t *len);

/*
 * An output stream that becomes `path` only when committed: data goes to
 * a temporary file beside it, renamed to `path` by sd_outfile_commit().
 * A NULL or "-" path means stdout: data goes to an anonymous temporary
 * file copied to stdout on commit, so a failed command prints nothing
 * half-way either. When `overwrite` is 0 an existing `path` makes open or
 * commit fail with SD_EEXISTS (commit links, so a file appearing in the
 * meantime is not replaced either). A path naming an existing device or
 * FIFO (/dev/null, a named pipe) is written directly, never replaced.
 *
 * The temporary file is hidden and names its process,
 * ".<name>.tmp-<pid>-XXXXXX" beside `path`: one a killed process left is
 * removed by the next open of the same `path` (sd_sweep_temporaries()).
 * A write error names its cause ("No space left on device"), recorded
 * when the write failed rather than guessed at commit.
 */
struct sd_outfile {
	FILE *fp;
	char *path;
	char *tmp;
	int overwrite;
	int direct;            /* writing straight to a device or FIFO */
	struct sd_wstream *ws; /* the file and its first write error */
};
int sd_outfile_open(struct sd_outfile *o, const char *path, int overwrite);
/* Flush, check for write errors and rename; always releases `o`. */
int sd_outfile_commit(struct sd_outfile *o);
/* Remove the temporary file; safe on a committed or unopened outfile. */
void sd_outfile_abort(struct sd_outfile *o);

/*
 * Remove the temporary files (sd_outfile's ".<name>.tmp-<pid>-XXXXXX",
 * and directories so named) that processes no longer running left in
 * `dir`: those of `name` only, or all when `name` is NULL; with
 * `recurse`, in every directory below too. Returns how many were
 * removed. A live process's files are left alone.
 */
size_t sd_sweep_temporaries(const char *dir, const char *name, int recurse);

/* Remove `path` and everything under it (symbolic links are removed,
 * not followed). 0, or SD_EIO naming what could not be removed. */
int sd_remove_tree(const char *path);

/* The temporary name sd_outfile uses for `path` (hidden, naming this
 * process, ending in XXXXXX for mkstemp or mkdtemp; a new string). */
char *sd_temp_name(const char *path);

/*
 * A writer whose stream failed: SD_EIO with "cannot write WHAT: <cause>"
 * in the error slot, the cause being the errno of the failed write(2)
 * of the last outfile that failed (ENOSPC on a full disk), else errno.
 */
int sd_write_failed(const char *what);

/* mkdir -p: make every missing directory of `path`. Returns 0, or SD_EIO
 * naming the directory that cannot be made. */
int sd_mkdirs(const char *path);

/* Write a whole buffer through an outfile. */
int sd_write_file(const char *path, const void *data, size_t len,
		  int overwrite);

#endif
