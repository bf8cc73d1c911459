/*
 * The corpus repository (see corpus.h and corpus_int.h): libgit2's
 * start, creating and opening a corpus, the writers' lock, and the test
 * hooks; the small helpers the other repository files share.
 */
#include "corpus_int.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Small helpers ---- */

int sd_corpus_git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();

	return sd_error_set(code, "%s: %s", what,
			    e && e->message ? e->message : "libgit2 error");
}

/* The test hooks (corpus.h), as the command line set them. */
static long kill_at;
static size_t flush_at = PACK_FLUSH_BYTES;

void sd_corpus_test_kill_at(long n)
{
	kill_at = n;
}

void sd_corpus_test_flush_at(size_t bytes)
{
	flush_at = bytes;
}

size_t sd_corpus_flush_bytes(void)
{
	return flush_at;
}

/* Kill ourselves at the Nth checkpoint when a test asks. */
void sd_corpus_checkpoint(void)
{
	static long count;

	if (kill_at > 0 && ++count == kill_at)
		raise(SIGKILL);
}

/* Seconds since the epoch of an ISO date at 00:00 UTC; 0 when absent. */
git_time_t sd_corpus_date_time(const char *iso)
{
	int y, m, d;
	long era, yoe, doy, doe;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return 0;
	/* Days from civil (proleptic Gregorian). */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (git_time_t)(era * 146097 + doe - 719468) * 86400;
}

/*
 * The value of a "Key: value" line in the last paragraph of a commit
 * message (where stigdiff writes them, after any text from the
 * benchmark), or NULL.
 */
char *sd_corpus_trailer(const char *msg, const char *key)
{
	size_t kl = strlen(key);
	const char *last = NULL;

	for (const char *p = strstr(msg, "\n\n"); p; p = strstr(p + 1, "\n\n"))
		last = p + 2;
	for (const char *p = last ? last : msg; p && *p;
	     p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (!strncmp(p, key, kl) && p[kl] == ':' && p[kl + 1] == ' ') {
			const char *v = p + kl + 2, *e = strchr(v, '\n');

			return sd_xstrndup(v, e ? (size_t)(e - v) : strlen(v));
		}
	}
	return NULL;
}

void sd_corpus_ref_name(struct sd_buf *out, const char *kind, const char *slug,
			const char *label)
{
	sd_buf_reset(out);
	sd_buf_addf(out, "refs/%s/%s", kind, slug);
	if (label)
		sd_buf_addf(out, "/%s", label);
}

/*
 * libgit2's start-up readies TLS for remotes and, built with mbedtls as
 * Debian builds it, parses the system's whole CA bundle: 15 ms of every
 * corpus command (54 million instructions; `corpus search` spent most of
 * its time there; README "Decisions" has the measurement). stigdiff
 * never talks to a remote: the binary defines this mbedtls function
 * libgit2 calls, as a no-op, and the dynamic linker, which looks in the
 * executable first, takes it. No certificate is loaded; nothing else
 * changes.
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

/* ---- Life cycle ---- */

static int libgit2_ready;

/* What libgit2 may keep of the packs mapped (it unmaps the least used
 * beyond it). */
#define SD_CORPUS_MAPPED_LIMIT (32u << 20)

/*
 * libgit2 is started by the first corpus that is created or opened, not
 * by main(): its set-up costs every other command a few milliseconds.
 * Writers fsync nothing by default; losing power is out of scope, a
 * killed process is not (see the journal).
 */
static void global_init(void)
{
	if (!libgit2_ready) {
		git_libgit2_init();
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		/* Packs mapped at once: libgit2 maps up to 8 GiB by default,
		 * so a reader of every release (site, link) held the whole
		 * corpus in its resident memory. */
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
				 (size_t)SD_CORPUS_MAPPED_LIMIT);
		libgit2_ready = 1;
	}
}

void sd_corpus_global_shutdown(void)
{
	if (libgit2_ready) {
		git_libgit2_shutdown();
		libgit2_ready = 0;
	}
}

static int dir_state(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty ? 1 : 2;
}

int sd_corpus_create(const char *dir)
{
	git_repository_init_options io;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	struct sd_corpus *c = NULL;
	struct sd_buf path = SD_BUF_INIT;
	int st = dir_state(dir), err = 0;
	char *tmp = NULL;

	global_init();
	if (st < 0)
		return sd_error_errno(SD_EIO, "cannot read '%s'", dir);
	if (st == 2) {
		if (sd_corpus_open(&c, dir) == 0) {
			sd_corpus_free(c);
			return 1;
		}
		return sd_error_set(SD_EEXISTS,
				    "'%s' exists and is neither empty nor a corpus",
				    dir);
	}
	/* Made under a temporary name beside DIR and renamed: a failed or
	 * killed init leaves no half-made corpus (only the temporary, which
	 * the next init removes). */
	{
		const char *slash = strrchr(dir, '/');
		char *parent = slash ? sd_xstrndup(dir, (size_t)(slash - dir))
				     : sd_xstrdup(".");

		sd_sweep_temporaries(*parent ? parent : "/",
				     slash ? slash + 1 : dir, 0);
		free(parent);
	}
	tmp = sd_temp_name(dir);
	if (mkdtemp(tmp)) {
		mode_t mask = umask(0);

		umask(mask);
		chmod(tmp, 0777 & ~mask); /* mkdtemp's 0700 would stay */
	} else {
		/* No parent yet: libgit2 makes the path (MKPATH) below. */
		free(tmp);
		tmp = NULL;
	}
	git_repository_init_options_init(&io, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	io.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	io.initial_head = "main";
	io.description = "stigdiff corpus: DISA STIG releases as history";
	if (git_repository_init_ext(&repo, tmp ? tmp : dir, &io) < 0) {
		err = sd_corpus_git_fail(SD_EIO, dir);
		goto done;
	}
	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_int32(cfg, "stigdiff.format", CORPUS_FORMAT) < 0 ||
	    git_config_set_bool(cfg, "core.logallrefupdates", 0) < 0) {
		err = sd_corpus_git_fail(SD_EIO, dir);
		goto done;
	}
	sd_buf_addf(&path, "%sstigdiff", git_repository_path(repo));
	if (mkdir(path.ptr, 0777) < 0 && errno != EEXIST)
		err = sd_error_errno(SD_EIO, "cannot create '%s'", path.ptr);
	/* An empty DIR is replaced (rename(2) does that for an empty
	 * directory); a missing one appears. */
	if (!err && tmp && rename(tmp, dir) < 0)
		err = sd_error_errno(SD_EIO, "cannot create '%s'", dir);
done:
	sd_buf_release(&path);
	git_config_free(cfg);
	git_repository_free(repo);
	if (tmp && err)
		sd_remove_tree(tmp);
	free(tmp);
	return err;
}

int sd_corpus_open(struct sd_corpus **out, const char *dir)
{
	struct sd_corpus *c = sd_xcalloc(1, sizeof(*c));
	git_config *cfg = NULL;
	int32_t format = 0;

	global_init();
	c->lock_fd = -1;
	c->dir = sd_xstrdup(dir);
	if (git_repository_open_ext(&c->repo, dir,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		sd_corpus_free(c);
		return sd_error_set(SD_ENOTFOUND,
				    "'%s' is not a corpus (create one with "
				    "'stigdiff corpus init %s')",
				    dir, dir);
	}
	if (git_repository_config_snapshot(&cfg, c->repo) < 0 ||
	    git_config_get_int32(&format, cfg, "stigdiff.format") < 0) {
		git_config_free(cfg);
		sd_corpus_free(c);
		return sd_error_set(SD_ENOTFOUND,
				    "'%s' is a git repository but not a stigdiff "
				    "corpus (no stigdiff.format in its config)",
				    dir);
	}
	git_config_free(cfg);
	if (format != CORPUS_FORMAT) {
		sd_corpus_free(c);
		return sd_error_set(SD_EPARSE,
				    "corpus '%s' has format %d; this stigdiff "
				    "reads format %d",
				    dir, (int)format, CORPUS_FORMAT);
	}
	c->gitdir = sd_xstrdup(git_repository_path(c->repo));
	*out = c;
	return 0;
}

void sd_corpus_free(struct sd_corpus *c)
{
	if (!c)
		return;
	if (c->lock_fd >= 0)
		close(c->lock_fd);
	sd_corpus_lineage_forget(c);
	git_repository_free(c->repo);
	free(c->dir);
	free(c->gitdir);
	free(c);
}

const char *sd_corpus_dir(const struct sd_corpus *c)
{
	return c->dir;
}

int sd_corpus_private_path(struct sd_corpus *c, const char *name,
			   struct sd_buf *out)
{
	size_t start = out->len;

	sd_buf_addf(out, "%sstigdiff", c->gitdir);
	if (mkdir(out->ptr + start, 0777) < 0 && errno != EEXIST)
		return sd_error_errno(SD_EIO, "cannot create '%s'",
				      out->ptr + start);
	sd_buf_addf(out, "/%s", name);
	return 0;
}

int sd_corpus_lock(struct sd_corpus *c, int wait)
{
	struct sd_buf path = SD_BUF_INIT;
	struct flock fl;
	int fd, err = 0;

	if (c->lock_fd >= 0)
		return 0;
	if ((err = sd_corpus_private_path(c, "lock", &path)) < 0)
		goto done;
	fd = open(path.ptr, O_RDWR | O_CREAT, 0666);
	if (fd < 0) {
		err = sd_error_errno(SD_EIO, "cannot open '%s'", path.ptr);
		goto done;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while (fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EACCES || errno == EAGAIN) {
			struct flock who = fl;
			long pid = fcntl(fd, F_GETLK, &who) == 0 &&
						   who.l_type != F_UNLCK
					   ? (long)who.l_pid
					   : 0;

			err = sd_error_set(SD_ELOCKED,
					   "corpus '%s' is locked by another "
					   "import (pid %ld)",
					   c->dir, pid);
		} else {
			err = sd_error_errno(SD_EIO, "cannot lock '%s'",
					     path.ptr);
		}
		close(fd);
		goto done;
	}
	c->lock_fd = fd;
done:
	sd_buf_release(&path);
	return err;
}
