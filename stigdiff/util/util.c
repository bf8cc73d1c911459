/* String vectors and careful file I/O; see util.h. */
/* fopencookie() (glibc): an output stream that keeps its write error. */
#define _GNU_SOURCE
#include "util.h"
#include "buf.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void sd_strv_push_owned(struct sd_strv *sv, char *s)
{
	if (sv->n + 1 >= sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = sd_xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void sd_strv_push(struct sd_strv *sv, const char *s)
{
	sd_strv_push_owned(sv, sd_xstrdup(s));
}

int sd_strv_contains(const struct sd_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void sd_strv_sort(struct sd_strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

void sd_strv_release(struct sd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

int sd_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int sd_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

int sd_ends_with_icase(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

int sd_contains_icase(const char *s, const char *needle)
{
	size_t m = strlen(needle);

	for (; *s; s++)
		if (!strncasecmp(s, needle, m))
			return 1;
	return m == 0;
}

int sd_strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

int sd_str_index_cmp(const void *a, const void *b)
{
	const struct sd_str_index *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

int sd_read_file(const char *path, size_t limit, char **out, size_t *len)
{
	struct stat st;
	char *data = NULL;
	size_t size, got = 0;
	int fd, err = 0;

	*out = NULL;
	*len = 0;
	/* Never block in open(): a FIFO with no writer would wait forever. */
	fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return sd_error_errno(SD_EIO, "cannot open '%s'", path);
	if (fstat(fd, &st) < 0) {
		err = sd_error_errno(SD_EIO, "cannot stat '%s'", path);
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		err = sd_error_set(SD_EIO, "cannot read '%s': Is a directory",
				   path);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		err = sd_error_set(SD_EIO, "cannot read '%s': not a regular file",
				   path);
		goto done;
	}
	/* Reads of a regular file do not block; be plain about it. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	size = st.st_size > 0 ? (size_t)st.st_size : 0;
	if (limit && size > limit) {
		err = sd_error_set(SD_ELIMIT,
				   "'%s' is %zu bytes, over the limit of %zu",
				   path, size, limit);
		goto done;
	}
	data = sd_xmalloc(size + 1);
	for (;;) {
		ssize_t n;

		if (got == size) {
			/* A file that grows under us keeps being read. */
			if (limit && size >= limit)
				break;
			size = size ? size * 2 : 65536;
			if (limit && size > limit)
				size = limit;
			data = sd_xrealloc(data, size + 1);
		}
		n = read(fd, data + got, size - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = sd_error_errno(SD_EIO, "cannot read '%s'", path);
			goto done;
		}
		if (!n)
			break;
		got += (size_t)n;
	}
	data[got] = '\0';
	*out = data;
	*len = got;
	data = NULL;
done:
	free(data);
	close(fd);
	return err;
}

/* The process's umask, read once: nothing in stigdiff changes it. */
static mode_t current_umask(void)
{
	static mode_t m;
	static int known;

	if (!known) {
		m = umask(022);
		umask(m);
		known = 1;
	}
	return m;
}

static int copy_to_stdout(FILE *fp)
{
	char buf[65536];
	size_t n;

	if (fflush(fp) || ferror(fp) || fseek(fp, 0, SEEK_SET))
		return sd_error_errno(SD_EIO, "cannot write output");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			return sd_error_errno(SD_EIO, "cannot write output");
	if (ferror(fp) || fflush(stdout))
		return sd_error_errno(SD_EIO, "cannot write output");
	return 0;
}

/*
 * The stream of an outfile: write(2) on the temporary file, keeping the
 * errno of the first failure (stdio's error flag keeps no cause, and
 * errno is long overwritten when the output is committed).
 */
struct sd_wstream {
	int fd;
	int err;
};

/* The errno of the last write of any outfile that failed. */
static int last_write_errno;

int sd_write_failed(const char *what)
{
	int e = last_write_errno ? last_write_errno : errno;

	return sd_error_set(SD_EIO, "cannot write %s: %s", what,
			    strerror(e ? e : EIO));
}

static ssize_t ws_write(void *cookie, const char *buf, size_t n)
{
	struct sd_wstream *w = cookie;
	size_t done = 0;

	while (done < n) {
		ssize_t k = write(w->fd, buf + done, n - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (!w->err)
				w->err = k < 0 ? errno : ENOSPC;
			last_write_errno = w->err;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)k;
	}
	return (ssize_t)n;
}

static int ws_close(void *cookie)
{
	struct sd_wstream *w = cookie;
	int rc = close(w->fd);

	if (rc < 0 && !w->err)
		w->err = errno;
	return rc;
}

/* "cannot write 'path': <cause>", the cause recorded by the stream. */
static int write_error(const struct sd_outfile *o)
{
	if (o->ws && o->ws->err)
		return sd_error_set(SD_EIO, "cannot write '%s': %s", o->path,
				    strerror(o->ws->err));
	return sd_error_errno(SD_EIO, "cannot write '%s'", o->path);
}

/*
 * The temporary name of `path`: ".<base>.tmp-<pid>-XXXXXX" in its
 * directory (a new string).
 */
char *sd_temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path + 1) : 0;
	size_t n = strlen(path) + 48;
	char *t = sd_xmalloc(n);

	snprintf(t, n, "%.*s.%s.tmp-%ld-XXXXXX", (int)dlen, path,
		 path + dlen, (long)getpid());
	return t;
}

/* Is `entry` a temporary file of `name` (any when NULL)? Its pid. */
static int temp_pid(const char *entry, const char *name, long *pid)
{
	const char *p;
	char *end;
	size_t n;

	if (entry[0] != '.')
		return 0;
	if (name) {
		n = strlen(name);
		if (strncmp(entry + 1, name, n) || strncmp(entry + 1 + n, ".tmp-", 5))
			return 0;
		p = entry + 1 + n + 5;
	} else {
		const char *t = strstr(entry, ".tmp-"), *u;

		if (!t)
			return 0;
		while ((u = strstr(t + 1, ".tmp-")))
			t = u;
		p = t + 5;
	}
	*pid = strtol(p, &end, 10);
	return end != p && *pid > 0 && end[0] == '-' && strlen(end + 1) == 6;
}

static size_t sweep(struct sd_buf *dir, const char *name, int recurse,
		    int depth)
{
	size_t base = dir->len, removed = 0;
	struct dirent *e;
	DIR *d = opendir(dir->ptr);
	long pid;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sd_buf_setlen(dir, base);
		sd_buf_addf(dir, "/%s", e->d_name);
		if (temp_pid(e->d_name, name, &pid) && pid != (long)getpid() &&
		    kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
			if (sd_remove_tree(dir->ptr) == 0)
				removed++;
		} else if (recurse && depth < 16 && lstat(dir->ptr, &st) == 0 &&
			   S_ISDIR(st.st_mode)) {
			removed += sweep(dir, name, recurse, depth + 1);
		}
	}
	closedir(d);
	sd_buf_setlen(dir, base);
	return removed;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 ? -1 : 0;
}

int sd_remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0
				       : sd_error_errno(SD_EIO, "cannot remove '%s'", path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) < 0 ? sd_error_errno(SD_EIO,
							 "cannot remove '%s'",
							 path)
					: 0;
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		return sd_error_errno(SD_EIO, "cannot remove '%s'", path);
	return 0;
}

size_t sd_sweep_temporaries(const char *dir, const char *name, int recurse)
{
	struct sd_buf b = SD_BUF_INIT;
	size_t n;

	sd_buf_addstr(&b, dir);
	n = sweep(&b, name, recurse, 0);
	sd_buf_release(&b);
	return n;
}

/* Open `path` for writing under a temporary name; `sweep` first removes
 * what killed writers of the same path left. */
static int outfile_open(struct sd_outfile *o, const char *path, int overwrite,
			int sweep_first)
{
	static cookie_io_functions_t io = { NULL, ws_write, NULL, ws_close };
	struct stat st;
	int fd;

	memset(o, 0, sizeof(*o));
	o->overwrite = overwrite;
	if (!path || !strcmp(path, "-")) {
		o->fp = tmpfile();
		if (!o->fp)
			return sd_error_errno(SD_EIO,
					      "cannot create a temporary file");
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		/* A device or FIFO (/dev/null, a pipe) is written, not
		 * replaced: there is nothing half-way to protect. */
		o->fp = fopen(path, "w");
		if (!o->fp)
			return sd_error_errno(SD_EIO, "cannot open '%s'", path);
		o->direct = 1;
		return 0;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return sd_error_set(SD_EIO, "cannot write '%s': Is a directory",
				    path);
	if (!overwrite && access(path, F_OK) == 0)
		return sd_error_set(SD_EEXISTS,
				    "'%s' already exists (use --force to overwrite)",
				    path);
	o->tmp = sd_temp_name(path);
	if (sweep_first) {
		const char *slash = strrchr(path, '/');
		char *dir = slash ? sd_xstrndup(path, (size_t)(slash - path))
				  : sd_xstrdup(".");

		sd_sweep_temporaries(*dir ? dir : "/", slash ? slash + 1 : path,
				     0);
		free(dir);
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int err = sd_error_errno(SD_EIO, "cannot create '%s'", path);

		free(o->tmp);
		o->tmp = NULL;
		return err;
	}
	o->ws = sd_xcalloc(1, sizeof(*o->ws));
	o->ws->fd = fd;
	o->fp = fopencookie(o->ws, "w", io);
	if (!o->fp) {
		int err = sd_error_errno(SD_EIO, "cannot create '%s'", path);

		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		free(o->ws);
		o->tmp = NULL;
		o->ws = NULL;
		return err;
	}
	o->path = sd_xstrdup(path);
	return 0;
}

int sd_outfile_open(struct sd_outfile *o, const char *path, int overwrite)
{
	return outfile_open(o, path, overwrite, 1);
}

int sd_outfile_commit(struct sd_outfile *o)
{
	int err = 0;

	if (!o->fp)
		return 0;
	if (o->direct) {
		if (fclose(o->fp))
			err = sd_error_errno(SD_EIO, "cannot write output");
		o->fp = NULL;
		return err;
	}
	if (!o->tmp) {
		err = copy_to_stdout(o->fp);
		fclose(o->fp);
		o->fp = NULL;
		return err;
	}
	if (fflush(o->fp) || ferror(o->fp))
		err = write_error(o);
	if (fclose(o->fp) && !err)
		err = write_error(o);
	o->fp = NULL;
	if (!err && chmod(o->tmp, 0666 & ~current_umask()))
		err = sd_error_errno(SD_EIO, "cannot write '%s'", o->path);
	if (!err && o->overwrite && rename(o->tmp, o->path))
		err = sd_error_errno(SD_EIO, "cannot rename to '%s'", o->path);
	if (!err && !o->overwrite && link(o->tmp, o->path) < 0) {
		if (errno == EEXIST)
			err = sd_error_set(SD_EEXISTS,
					   "'%s' already exists (use --force to overwrite)",
					   o->path);
		else if (errno != EPERM && errno != ENOTSUP && errno != EXDEV)
			err = sd_error_errno(SD_EIO, "cannot create '%s'",
					     o->path);
		else if (rename(o->tmp, o->path)) /* no hard links here */
			err = sd_error_errno(SD_EIO, "cannot rename to '%s'",
					     o->path);
	}
	/* Renamed, the temporary name is gone; else it goes now. */
	if (err || !o->overwrite)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o->ws);
	o->tmp = o->path = NULL;
	o->ws = NULL;
	return err;
}

void sd_outfile_abort(struct sd_outfile *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o->ws);
	memset(o, 0, sizeof(*o));
}

int sd_write_file(const char *path, const void *data, size_t len,
		  int overwrite)
{
	struct sd_outfile o;
	int err;

	/* Many files per directory (pages, benchmarks): their callers sweep
	 * once, not per file. */
	if ((err = outfile_open(&o, path, overwrite, 0)) < 0)
		return err;
	if (len && fwrite(data, 1, len, o.fp) != len) {
		fflush(o.fp);
		err = write_error(&o);
		sd_outfile_abort(&o);
		return err;
	}
	return sd_outfile_commit(&o);
}

char *sd_embedded_path(const char *rel, int dir)
{
	/* Installed (make install), then the source tree of build/stigdiff. */
	static const char *const homes[] = { "share/stigdiff", "corpus" };
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash, *path = NULL;
	struct stat st;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	/* /usr/local/bin/stigdiff -> /usr/local */
	for (int i = 0; i < 2; i++) {
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
	}
	if (!slash)
		return NULL;
	for (size_t i = 0; i < SD_ARRAY_SIZE(homes); i++) {
		free(path);
		path = sd_xmalloc(strlen(exe) + strlen(homes[i]) +
				  strlen(rel) + 3);
		sprintf(path, "%s/%s%s%s", exe, homes[i], *rel ? "/" : "", rel);
		if (!stat(path, &st) && (dir ? S_ISDIR(st.st_mode)
					     : S_ISREG(st.st_mode)))
			return path;
	}
	/* Neither: name where an installed binary looks. */
	free(path);
	path = sd_xmalloc(strlen(exe) + strlen(homes[0]) + strlen(rel) + 3);
	sprintf(path, "%s/%s%s%s", exe, homes[0], *rel ? "/" : "", rel);
	return path;
}

int sd_mkdirs(const char *path)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	sd_buf_addstr(&b, path);
	/* From the second byte: a leading '/' is no directory to make; an
	 * empty path reaches mkdir("") and its error. */
	for (char *p = b.ptr + (b.ptr[0] != '\0'); !err; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(b.ptr, 0777) < 0 && errno != EEXIST)
			err = sd_error_errno(SD_EIO, "cannot create '%s'", b.ptr);
		*p = c;
		if (!c)
			break;
	}
	sd_buf_release(&b);
	return err;
}
