/*
 * The git-backed corpus (see corpus.h): the only user of libgit2. Objects
 * are written through libgit2's object database, tree builder and commit
 * APIs; refs through its reference API, after a journal naming them all.
 */
#include "corpus.h"
#include "lineage.h"
#include "lines.h"
#include "diff.h"
#include "error.h"
#include "rulefile.h"

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CORPUS_FORMAT 1
#define MAIN_REF "refs/heads/main"
/* The curated lineage links: a history of their own. */
#define LINKS_REF "refs/heads/lineage"
#define LINKS_DIR "lineage"
#define AUTHOR_NAME "stigdiff"
#define AUTHOR_EMAIL "corpus@stigdiff.invalid"
#define JOURNAL_MAGIC "stigdiff-journal 1"

struct journal;

struct sd_corpus {
	git_repository *repo;
	char *dir;
	char *gitdir; /* ends with '/' */
	int lock_fd;
	/* Between prepare and commit of an import: the refs about to be
	 * written, which reading functions see before the ref database. */
	const struct journal *pending;
};

/* ---- Small helpers ---- */

static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();

	return sd_error_set(code, "%s: %s", what,
			    e && e->message ? e->message : "libgit2 error");
}

/* Kill ourselves at the Nth checkpoint when a test asks (corpus.h). */
static void checkpoint(void)
{
	static long at = -1, count;

	if (at < 0) {
		const char *e = getenv(SD_CORPUS_KILL_ENV);

		at = e ? atol(e) : 0;
	}
	if (at > 0 && ++count == at)
		raise(SIGKILL);
}

/* Seconds since the epoch of an ISO date at 00:00 UTC; 0 when absent. */
static git_time_t date_time(const char *iso)
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
static char *trailer(const char *msg, const char *key)
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

static void ref_name(struct sd_buf *out, const char *kind, const char *slug,
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
		err = git_fail(SD_EIO, dir);
		goto done;
	}
	if (git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_int32(cfg, "stigdiff.format", CORPUS_FORMAT) < 0 ||
	    git_config_set_bool(cfg, "core.logallrefupdates", 0) < 0) {
		err = git_fail(SD_EIO, dir);
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

/* ---- The journal ---- */

struct journal {
	struct sd_strv refs;
	git_oid *oids;
	size_t cap;
};

static void journal_add(struct journal *j, const char *ref, const git_oid *oid)
{
	size_t n = j->refs.n;

	SD_ALLOC_GROW(j->oids, n, j->cap);
	j->oids[n] = *oid;
	sd_strv_push(&j->refs, ref);
}

static void journal_release(struct journal *j)
{
	sd_strv_release(&j->refs);
	free(j->oids);
	memset(j, 0, sizeof(*j));
}

/*
 * The object `name` points to: from the refs an import is about to
 * write, else from the ref database. GIT_ENOTFOUND when absent.
 */
static int lookup_ref(struct sd_corpus *c, const char *name, git_oid *out)
{
	if (c->pending)
		for (size_t i = c->pending->refs.n; i-- > 0;)
			if (!strcmp(c->pending->refs.v[i], name)) {
				if (git_oid_is_zero(&c->pending->oids[i]))
					return GIT_ENOTFOUND;
				*out = c->pending->oids[i];
				return 0;
			}
	return git_reference_name_to_id(out, c->repo, name);
}

/* Remove ref `name` (a journal entry naming the zero id); gone is fine. */
static int remove_ref(struct sd_corpus *c, const char *name)
{
	int rc = git_reference_remove(c->repo, name);

	if (rc == GIT_ELOCKED) {
		struct sd_buf lock = SD_BUF_INIT;

		sd_buf_addf(&lock, "%s%s.lock", c->gitdir, name);
		unlink(lock.ptr);
		sd_buf_release(&lock);
		rc = git_reference_remove(c->repo, name);
	}
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return git_fail(SD_EIO, name);
	checkpoint();
	return 0;
}

static int set_ref(struct sd_corpus *c, const char *name, const git_oid *oid)
{
	git_reference *ref = NULL;
	int rc;

	if (git_oid_is_zero(oid))
		return remove_ref(c, name);
	rc = git_reference_create(&ref, c->repo, name, oid, 1, NULL);

	if (rc == GIT_ELOCKED) {
		/* We hold the corpus lock: a ref lock file is what a killed
		 * writer left behind. */
		struct sd_buf lock = SD_BUF_INIT;

		sd_buf_addf(&lock, "%s%s.lock", c->gitdir, name);
		unlink(lock.ptr);
		sd_buf_release(&lock);
		rc = git_reference_create(&ref, c->repo, name, oid, 1, NULL);
	}
	git_reference_free(ref);
	if (rc < 0)
		return git_fail(SD_EIO, name);
	checkpoint();
	return 0;
}

static int journal_apply(struct sd_corpus *c, const struct journal *j,
			 const char *path)
{
	int err;

	for (size_t i = 0; i < j->refs.n; i++)
		if ((err = set_ref(c, j->refs.v[i], &j->oids[i])) < 0)
			return err;
	if (unlink(path) < 0 && errno != ENOENT)
		return sd_error_errno(SD_EIO, "cannot remove '%s'", path);
	checkpoint();
	return 0;
}

static int journal_write(struct sd_corpus *c, const struct journal *j,
			 struct sd_buf *path)
{
	struct sd_buf text = SD_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	int err;

	if ((err = sd_corpus_private_path(c, "journal", path)) < 0)
		return err;
	sd_buf_addstr(&text, JOURNAL_MAGIC "\n");
	for (size_t i = 0; i < j->refs.n; i++)
		sd_buf_addf(&text, "%s %s\n",
			    git_oid_tostr(hex, sizeof(hex), &j->oids[i]),
			    j->refs.v[i]);
	sd_buf_addstr(&text, "end\n");
	err = sd_write_file(path->ptr, text.ptr, text.len, 1);
	sd_buf_release(&text);
	if (err == 0)
		checkpoint();
	return err;
}

/* Read a journal left by an interrupted import; 0 with j->refs.n == 0
 * when there is none. */
static int journal_read(struct sd_corpus *c, struct journal *j,
			struct sd_buf *path)
{
	char *text = NULL, *line, *save = NULL;
	size_t len;
	int err, ended = 0;

	if ((err = sd_corpus_private_path(c, "journal", path)) < 0)
		return err;
	if (access(path->ptr, F_OK) < 0)
		return 0;
	if ((err = sd_read_file(path->ptr, 1 << 30, &text, &len)) < 0)
		return err;
	line = strtok_r(text, "\n", &save);
	if (!line || strcmp(line, JOURNAL_MAGIC))
		goto bad;
	while ((line = strtok_r(NULL, "\n", &save))) {
		git_oid oid;

		if (!strcmp(line, "end")) {
			ended = 1;
			break;
		}
		if (strlen(line) < GIT_OID_HEXSZ + 2 ||
		    line[GIT_OID_HEXSZ] != ' ' ||
		    git_oid_fromstrn(&oid, line, GIT_OID_HEXSZ) < 0)
			goto bad;
		journal_add(j, line + GIT_OID_HEXSZ + 1, &oid);
	}
	if (!ended)
		goto bad;
	free(text);
	return 0;
bad:
	free(text);
	journal_release(j);
	return sd_error_set(SD_EPARSE, "'%s' is not a complete journal",
			    path->ptr);
}

int sd_corpus_interrupted(struct sd_corpus *c)
{
	struct sd_buf path = SD_BUF_INIT;
	int r;

	sd_buf_addf(&path, "%sstigdiff/journal", c->gitdir);
	r = access(path.ptr, F_OK) == 0;
	sd_buf_release(&path);
	return r;
}

/* ---- Reading history ---- */

/* One release in a line's history, as its commit tells it. */
struct rel {
	char *label;    /* its label in the line: V2R10, V2R10-rev1 */
	char *version;  /* its own version label: V2R10 */
	char *date;
	char *bench_id;
	char *title;
	const char *kind; /* "stig", "srg", "scap" */
	int scap, draft;
	git_time_t time;
	git_oid tree;   /* root tree: <slug>/ */
	git_oid commit;
	size_t nrules;
};

static void rels_free(struct rel *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].label);
		free(r[i].version);
		free(r[i].date);
		free(r[i].bench_id);
		free(r[i].title);
	}
	free(r);
}

/* The first line of a commit message's second paragraph (the title). */
static char *body_title(const char *msg)
{
	const char *p = strstr(msg, "\n\n"), *e;

	if (!p)
		return NULL;
	p += 2;
	e = strchr(p, '\n');
	return sd_xstrndup(p, e ? (size_t)(e - p) : strlen(p));
}

/* Fill `r` from commit `cm` (id `id`) of a line's history. */
static int rel_from_commit(struct rel *r, git_commit *cm, const git_oid *id,
			   const char *ref)
{
	const char *msg = git_commit_message(cm);
	char *v;

	memset(r, 0, sizeof(*r));
	r->version = trailer(msg, "Version");
	if (!r->version)
		return sd_error_set(SD_EPARSE,
				    "commit %s on '%s' has no Version line",
				    git_oid_tostr_s(id), ref);
	r->label = trailer(msg, "Label");
	if (!r->label)
		r->label = sd_xstrdup(r->version);
	r->date = trailer(msg, "Date");
	if (r->date && !strcmp(r->date, "unknown")) {
		free(r->date);
		r->date = NULL;
	}
	r->bench_id = trailer(msg, "Benchmark");
	if (!r->bench_id)
		r->bench_id = sd_xstrdup("");
	r->title = body_title(msg);
	v = trailer(msg, "Kind");
	r->scap = v && !strcmp(v, "scap");
	r->kind = r->scap ? "scap" : v && !strcmp(v, "srg") ? "srg" : "stig";
	free(v);
	v = trailer(msg, "Status");
	r->draft = v && !strcmp(v, "draft");
	free(v);
	v = trailer(msg, "Rules");
	r->nrules = v ? strtoul(v, NULL, 10) : 0;
	free(v);
	r->time = git_commit_time(cm);
	r->tree = *git_commit_tree_id(cm);
	r->commit = *id;
	return 0;
}

/*
 * The history of `slug`, oldest first, from its branch (first parents).
 * Commit messages are appended to `subjects` when it is not NULL.
 */
static int read_chain(struct sd_corpus *c, const char *slug, struct rel **out,
		      size_t *n, struct sd_strv *subjects)
{
	struct sd_buf ref = SD_BUF_INIT;
	struct rel *v = NULL;
	size_t cnt = 0, cap = 0;
	git_oid id;
	int err = 0, rc;

	ref_name(&ref, "heads", slug, NULL);
	rc = lookup_ref(c, ref.ptr, &id);
	if (rc == GIT_ENOTFOUND)
		goto done;
	if (rc < 0) {
		err = git_fail(SD_EIO, ref.ptr);
		goto done;
	}
	for (;;) {
		git_commit *cm = NULL;

		if (git_commit_lookup(&cm, c->repo, &id) < 0) {
			err = git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		SD_ALLOC_GROW(v, cnt, cap);
		if ((err = rel_from_commit(&v[cnt++], cm, &id, ref.ptr)) < 0) {
			git_commit_free(cm);
			goto done;
		}
		if (subjects) {
			const char *s = git_commit_summary(cm);

			sd_strv_push(subjects, s ? s : "");
		}
		if (git_commit_parentcount(cm) == 0) {
			git_commit_free(cm);
			break;
		}
		id = *git_commit_parent_id(cm, 0);
		git_commit_free(cm);
	}
	/* Oldest first. */
	for (size_t i = 0; i < cnt / 2; i++) {
		struct rel t = v[i];

		v[i] = v[cnt - 1 - i];
		v[cnt - 1 - i] = t;
	}
	if (subjects)
		for (size_t i = 0; i < subjects->n / 2; i++) {
			char *t = subjects->v[i];

			subjects->v[i] = subjects->v[subjects->n - 1 - i];
			subjects->v[subjects->n - 1 - i] = t;
		}
done:
	sd_buf_release(&ref);
	if (err < 0) {
		rels_free(v, cnt);
		return err;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* The tree of directory `slug` inside root tree `root`. */
static int dir_tree(struct sd_corpus *c, const git_oid *root, const char *slug,
		    git_tree **out)
{
	git_tree *t = NULL;
	const git_tree_entry *e;
	int rc;

	if (git_tree_lookup(&t, c->repo, root) < 0)
		return git_fail(SD_EIO, slug);
	e = git_tree_entry_byname(t, slug);
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_free(t);
		return sd_error_set(SD_EPARSE, "tree %s has no directory '%s'",
				    git_oid_tostr_s(root), slug);
	}
	rc = git_tree_lookup(out, c->repo, git_tree_entry_id(e));
	git_tree_free(t);
	return rc < 0 ? git_fail(SD_EIO, slug) : 0;
}

static int read_blob_oid(struct sd_corpus *c, const git_oid *oid,
			 struct sd_buf *out)
{
	git_blob *b = NULL;

	if (git_blob_lookup(&b, c->repo, oid) < 0)
		return git_fail(SD_EIO, git_oid_tostr_s(oid));
	sd_buf_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

static int tree_benchmark(struct sd_corpus *c, const git_tree *dir,
			  const char *slug, struct sd_benchmark **out)
{
	const git_tree_entry *e = git_tree_entry_byname(dir, SD_RULEFILE_BENCHMARK);
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	int err;

	if (!e)
		return sd_error_set(SD_EPARSE, "'%s' has no %s", slug,
				    SD_RULEFILE_BENCHMARK);
	if ((err = read_blob_oid(c, git_tree_entry_id(e), &text)) == 0) {
		sd_buf_addf(&name, "%s/%s", slug, SD_RULEFILE_BENCHMARK);
		err = sd_rulefile_parse_benchmark(text.ptr, text.len, name.ptr,
						  out);
	}
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}

/*
 * The rule files read while loading releases of one benchmark, by blob
 * id: a file read once is copied for the releases after it (the same
 * blob is the same rule), not read and parsed again. Open addressing;
 * `cap` is a power of two.
 */
struct blob_memo {
	struct memo_slot {
		git_oid id;
		size_t bench, rule; /* b[bench]->rules[rule] */
		int used;
	} *slot;
	size_t n, cap;
	struct sd_benchmark **b; /* the releases being loaded */
};

static struct memo_slot *memo_slot(const struct blob_memo *m,
				   const git_oid *id)
{
	uint64_t h;
	size_t i;

	memcpy(&h, id->id, sizeof(h));
	for (i = (size_t)h & (m->cap - 1); m->slot[i].used;
	     i = (i + 1) & (m->cap - 1))
		if (git_oid_equal(&m->slot[i].id, id))
			break;
	return &m->slot[i];
}

static void memo_add(struct blob_memo *m, const git_oid *id, size_t bench,
		     size_t rule)
{
	struct memo_slot *sl;

	if (2 * (m->n + 1) > m->cap) {
		struct blob_memo grown = *m;

		grown.cap = m->cap ? 2 * m->cap : 1024;
		grown.slot = sd_xcalloc(grown.cap, sizeof(*grown.slot));
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].used)
				*memo_slot(&grown, &m->slot[i].id) = m->slot[i];
		free(m->slot);
		*m = grown;
	}
	sl = memo_slot(m, id);
	if (sl->used)
		return;
	git_oid_cpy(&sl->id, id);
	sl->bench = bench;
	sl->rule = rule;
	sl->used = 1;
	m->n++;
}

/* Rules in canonical order, source "<slug>@<label>". */
static void finish_release(struct sd_benchmark *b, const char *slug,
			   const char *label)
{
	struct sd_buf name = SD_BUF_INIT;

	sd_benchmark_sort(b);
	sd_buf_addf(&name, "%s@%s", slug, label);
	free(b->source);
	b->source = sd_buf_detach(&name);
}

/*
 * Read the benchmark whose directory tree is `dir` into *out, its rules
 * parsed from their files in tree order. With `m`, *out is m->b[bench]:
 * rule files already in `m` are copied, the others recorded there.
 */
static int read_dir(struct sd_corpus *c, const git_tree *dir,
		    const char *slug, const char *label, struct blob_memo *m,
		    size_t bench, struct sd_benchmark **out)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	size_t cnt = git_tree_entrycount(dir);
	int err;

	if ((err = tree_benchmark(c, dir, slug, out)) < 0)
		goto done;
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(dir, i);
		const git_oid *id = git_tree_entry_id(te);
		struct memo_slot *sl = m && m->cap ? memo_slot(m, id) : NULL;
		struct sd_rule *r;

		if (!strcmp(git_tree_entry_name(te), SD_RULEFILE_BENCHMARK))
			continue;
		r = sd_benchmark_add_rule(*out);
		if (sl && sl->used) {
			sd_rule_copy(r, &m->b[sl->bench]->rules[sl->rule]);
			continue;
		}
		sd_buf_reset(&text);
		sd_buf_reset(&name);
		sd_buf_addf(&name, "%s@%s:%s", slug, label,
			    git_tree_entry_name(te));
		if ((err = read_blob_oid(c, id, &text)) < 0 ||
		    (err = sd_rulefile_parse_rule(text.ptr, text.len, name.ptr,
						  r)) < 0)
			goto done;
		if (m)
			memo_add(m, id, bench, (*out)->nrules - 1);
	}
done:
	if (err < 0) {
		sd_benchmark_free(*out);
		*out = NULL;
	}
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}

/* Load the benchmark whose directory tree is `dir` (rules in canonical
 * order, source "<slug>@<label>"). */
static int load_dir(struct sd_corpus *c, const git_tree *dir,
		    const char *slug, const char *label,
		    struct sd_benchmark **out)
{
	int err = read_dir(c, dir, slug, label, NULL, 0, out);

	if (!err)
		finish_release(*out, slug, label);
	return err;
}

/* ---- The state of an import ---- */

/* A release read by this import, before lines are decided. */
struct pending {
	char *label, *date, *bench_id, *title, *source;
	int scap, draft;
	git_oid dir; /* its directory tree, already written */
	size_t nrules;
	size_t order; /* arrival, to keep duplicates in input order */
};

struct sd_corpus_import {
	struct sd_corpus *c;
	int replace;
	sd_corpus_event_fn fn;
	void *ctx;
	struct pending *p;
	size_t n, cap;
	struct sd_buf text;
	struct journal journal;
	git_odb *odb;
	git_odb_backend *mempack; /* new objects, until written as a pack */
	size_t pending_bytes;     /* about what the mempack holds */
	size_t flush_bytes;       /* write a pack when it holds more */
	/* The objects this import wrote, with a path for blobs (it groups
	 * versions of one file when the pack looks for deltas). */
	git_oid *new_ids;
	char **new_names;
	size_t nnew, new_cap;
};

/* Flush the in-memory objects to a pack file once they pass this. */
#define PACK_FLUSH_BYTES ((size_t)32 << 20)

static void record_new(struct sd_corpus_import *im, const git_oid *id,
		       const char *name)
{
	size_t cap = im->new_cap;

	SD_ALLOC_GROW(im->new_ids, im->nnew, im->new_cap);
	if (cap != im->new_cap)
		im->new_names = sd_xrealloc(im->new_names,
					    im->new_cap * sizeof(*im->new_names));
	im->new_ids[im->nnew] = *id;
	im->new_names[im->nnew++] = name ? sd_xstrdup(name) : NULL;
}

static void forget_new(struct sd_corpus_import *im)
{
	for (size_t i = 0; i < im->nnew; i++)
		free(im->new_names[i]);
	im->nnew = 0;
	im->pending_bytes = 0;
}

static void emit(struct sd_corpus_import *im, enum sd_corpus_event_kind kind,
		 const char *slug, const char *label, const char *version,
		 const char *date, const char *summary, const char *source,
		 const char *differs, size_t nrules)
{
	struct sd_corpus_event ev = { kind,    slug,   label,	 version, date,
				      summary, source, differs, nrules };

	if (im->fn)
		im->fn(&ev, im->ctx);
}

/*
 * Remove the temporary files a killed writer left in `sub` (libgit2
 * writes loose objects to objects/tmp_object_git2_* and packs to
 * objects/pack/pack_git2_*, then renames them). Only called under the
 * corpus lock, so no live writer of ours owns them.
 */
static void remove_temporaries(struct sd_corpus *c, const char *sub,
			       const char *prefix)
{
	struct sd_buf path = SD_BUF_INIT;
	struct dirent *e;
	size_t base;
	DIR *d;

	sd_buf_addf(&path, "%s%s/", c->gitdir, sub);
	base = path.len;
	if (!(d = opendir(path.ptr)))
		goto done;
	while ((e = readdir(d))) {
		if (!sd_starts_with(e->d_name, prefix))
			continue;
		sd_buf_setlen(&path, base);
		sd_buf_addstr(&path, e->d_name);
		unlink(path.ptr);
	}
	closedir(d);
done:
	sd_buf_release(&path);
}

/*
 * Pack settings for this process only, from <corpus>/stigdiff/pack.config
 * (written when missing; stock git never reads it): the delta window of
 * the pack builder is limited to 16 KiB of candidates, which keeps it to
 * the previous versions of the same rule file (the builder sorts by path)
 * instead of ten of any. `git gc` still repacks with git's defaults.
 */
static int pack_settings(struct sd_corpus *c)
{
	static const char text[] = "# stigdiff's pack settings (see README.md)\n"
				   "[pack]\n\twindowMemory = 16k\n";
	struct sd_buf path = SD_BUF_INIT;
	git_config *cfg = NULL;
	int err;

	if ((err = sd_corpus_private_path(c, "pack.config", &path)) < 0)
		goto done;
	if (access(path.ptr, F_OK) < 0 &&
	    (err = sd_write_file(path.ptr, text, sizeof(text) - 1, 0)) < 0 &&
	    err != SD_EEXISTS)
		goto done;
	err = 0;
	if (git_repository_config(&cfg, c->repo) < 0 ||
	    git_config_add_file_ondisk(cfg, path.ptr, GIT_CONFIG_LEVEL_APP,
				       c->repo, 1) < 0)
		err = git_fail(SD_EIO, path.ptr);
done:
	git_config_free(cfg);
	sd_buf_release(&path);
	return err;
}

int sd_corpus_import_new(struct sd_corpus_import **out, struct sd_corpus *c,
			 int replace, sd_corpus_event_fn fn, void *ctx)
{
	struct sd_corpus_import *im;
	struct journal j = { SD_STRV_INIT, NULL, 0 };
	struct sd_buf path = SD_BUF_INIT;
	int err;

	if (c->lock_fd < 0)
		return sd_error_set(SD_ELOCKED, "import without the corpus lock");
	remove_temporaries(c, "objects", "tmp_object_git2_");
	remove_temporaries(c, "objects/pack", "pack_git2_");
	/* And ours: search index, caches (sd_outfile's hidden names). */
	sd_buf_addf(&path, "%sstigdiff", c->gitdir);
	sd_sweep_temporaries(path.ptr, NULL, 1);
	sd_buf_reset(&path);
	if ((err = pack_settings(c)) < 0)
		return err;
	if ((err = journal_read(c, &j, &path)) < 0)
		goto done;
	if (j.refs.n) {
		if ((err = journal_apply(c, &j, path.ptr)) < 0)
			goto done;
		if (fn) {
			struct sd_corpus_event ev = { SD_CORPUS_RECOVERED, NULL,
						      NULL, NULL, NULL, NULL,
						      NULL, NULL, j.refs.n };

			fn(&ev, ctx);
		}
	}
	im = sd_xcalloc(1, sizeof(*im));
	if (git_repository_odb(&im->odb, c->repo) < 0 ||
	    git_mempack_new(&im->mempack) < 0 ||
	    git_odb_add_backend(im->odb, im->mempack, 1000) < 0) {
		/* The odb owns the backend once added. */
		err = git_fail(SD_EIO, "cannot set up the object store");
		git_odb_free(im->odb);
		free(im);
		goto done;
	}
	im->c = c;
	im->flush_bytes = PACK_FLUSH_BYTES;
	if (getenv(SD_CORPUS_FLUSH_ENV))
		im->flush_bytes = strtoul(getenv(SD_CORPUS_FLUSH_ENV), NULL, 10);
	im->replace = replace;
	im->fn = fn;
	im->ctx = ctx;
	sd_buf_init(&im->text);
	*out = im;
done:
	journal_release(&j);
	sd_buf_release(&path);
	return err;
}

void sd_corpus_import_free(struct sd_corpus_import *im)
{
	if (!im)
		return;
	if (im->c->pending == &im->journal)
		im->c->pending = NULL;
	for (size_t i = 0; i < im->n; i++) {
		free(im->p[i].label);
		free(im->p[i].date);
		free(im->p[i].bench_id);
		free(im->p[i].title);
		free(im->p[i].source);
	}
	free(im->p);
	sd_buf_release(&im->text);
	journal_release(&im->journal);
	forget_new(im);
	free(im->new_ids);
	free(im->new_names);
	git_odb_free(im->odb);
	free(im);
}

/* ---- Commit messages ---- */

/* Load the benchmark whose directory tree is `dir`, as release `label`. */
static int load_dir_oid(struct sd_corpus *c, const git_oid *dir,
			const char *slug, const char *label,
			struct sd_benchmark **out)
{
	git_tree *t = NULL;
	int err;

	if (git_tree_lookup(&t, c->repo, dir) < 0)
		return git_fail(SD_EIO, slug);
	err = load_dir(c, t, slug, label, out);
	git_tree_free(t);
	return err;
}

/*
 * The commit message of release `cur`, labelled `label` in line `slug`,
 * after `prev` (NULL for the first), both loaded from their trees: a
 * function of the two trees and the names alone, so rebuilding a
 * history gives the same commits. The summary line is the diff
 * command's (diff.h), after what else the release is: a re-publication
 * of the version before it, or the first under a new benchmark id.
 */
static int release_message(const char *slug, const char *label,
			   const struct sd_benchmark *prev,
			   const struct sd_benchmark *cur, struct sd_buf *msg,
			   struct sd_buf *summary)
{
	struct sd_diff *d = NULL;
	char version[64], pversion[64];
	int err, renamed = 0;

	if (sd_rulefile_label(cur, version) < 0)
		return sd_error_set(SD_EPARSE, "'%s' has no version", slug);
	sd_buf_reset(summary);
	if (!prev) {
		sd_buf_addf(summary, "first release, %zu rule%s", cur->nrules,
			    cur->nrules == 1 ? "" : "s");
	} else {
		renamed = sd_strcmp_null(prev->id, cur->id) != 0;
		if (sd_rulefile_label(prev, pversion) == 0 &&
		    !strcmp(pversion, version))
			sd_buf_addstr(summary, "re-published, ");
		if (renamed)
			sd_buf_addf(summary, "renamed from %s, ",
				    prev->id ? prev->id : "?");
		if ((err = sd_diff_run(prev, cur, NULL, &d)) < 0)
			return err;
		sd_diff_summary(d, summary);
		sd_diff_free(d);
	}
	sd_buf_reset(msg);
	sd_buf_addf(msg, "%s %s (%s): %s\n\n", slug, label,
		    cur->date ? cur->date : "undated", summary->ptr);
	if (cur->title)
		sd_buf_addf(msg, "%s\n", cur->title);
	if (cur->release_info)
		sd_buf_addf(msg, "%s\n", cur->release_info);
	sd_buf_addf(msg, "\nBenchmark: %s\nVersion: %s\n",
		    cur->id ? cur->id : "", version);
	if (strcmp(label, version))
		sd_buf_addf(msg, "Label: %s\n", label);
	sd_buf_addf(msg, "Kind: %s\n",
		    sd_bench_kind_name(sd_benchmark_kind(cur)));
	if (sd_benchmark_is_draft(cur))
		sd_buf_addstr(msg, "Status: draft\n");
	if (renamed)
		sd_buf_addf(msg, "Renamed-from: %s\n", prev->id ? prev->id : "");
	sd_buf_addf(msg, "Date: %s\nRules: %zu\n",
		    cur->date ? cur->date : "unknown", cur->nrules);
	return 0;
}

static int make_commit(struct sd_corpus_import *im, const char *msg,
		       const git_oid *tree, git_time_t when,
		       const git_oid **parents, size_t nparents, git_oid *out)
{
	struct sd_corpus *c = im->c;
	git_signature *sig = NULL;
	int rc;

	if (git_signature_new(&sig, AUTHOR_NAME, AUTHOR_EMAIL, when, 0) < 0)
		return git_fail(SD_ERROR, "signature");
	rc = git_commit_create_from_ids(out, c->repo, NULL, sig, sig, NULL,
					msg, tree, nparents, parents);
	git_signature_free(sig);
	if (rc < 0)
		return git_fail(SD_EIO, "cannot write commit");
	record_new(im, out, NULL);
	checkpoint();
	return 0;
}

/* ---- Import ---- */

/*
 * Write the objects this import created (held in memory) as one pack
 * file; libgit2's pack builder finds the deltas and its indexer writes
 * the .pack, then the .idx that makes it visible. Nothing refers to
 * these objects before the refs move.
 */
static int flush_objects(struct sd_corpus_import *im)
{
	git_packbuilder *pb = NULL;
	struct sd_buf dir = SD_BUF_INIT;
	int err = 0;

	if (!im->nnew)
		return 0;
	if (git_packbuilder_new(&pb, im->c->repo) < 0) {
		err = git_fail(SD_EIO, "cannot pack objects");
		goto done;
	}
	git_packbuilder_set_threads(pb, 0);
	for (size_t i = 0; i < im->nnew; i++)
		if (git_packbuilder_insert(pb, &im->new_ids[i],
					   im->new_names[i]) < 0) {
			err = git_fail(SD_EIO, "cannot pack objects");
			goto done;
		}
	sd_buf_addf(&dir, "%sobjects/pack", im->c->gitdir);
	if (git_packbuilder_write(pb, dir.ptr, 0, NULL, NULL) < 0) {
		err = git_fail(SD_EIO, "cannot write pack");
		goto done;
	}
	checkpoint();
	git_mempack_reset(im->mempack);
	forget_new(im);
	/* Let lookups that skip rescanning the pack directory see it. */
	git_odb_refresh(im->odb);
done:
	git_packbuilder_free(pb);
	sd_buf_release(&dir);
	return err;
}

/* Write the text in im->text as file `name` of directory `slug`. */
static int insert_blob(struct sd_corpus_import *im, git_treebuilder *tb,
		       const char *slug, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", slug, name);
	git_oid oid;

	/* Hash first: a rule unchanged since an earlier release is there. */
	if (git_odb_hash(&oid, im->text.ptr, im->text.len, GIT_OBJECT_BLOB) < 0)
		return git_fail(SD_ERROR, name);
	if (!git_odb_exists_ext(im->odb, &oid, GIT_ODB_LOOKUP_NO_REFRESH)) {
		/* Straight into the memory store: the object database's own
		 * write would hash it again and rescan the pack directory. */
		if (im->mempack->write(im->mempack, &oid, im->text.ptr,
				       im->text.len, GIT_OBJECT_BLOB) < 0)
			return git_fail(SD_EIO, name);
		record_new(im, &oid, path);
		im->pending_bytes += im->text.len;
	}
	if (git_treebuilder_insert(NULL, tb, name, &oid, GIT_FILEMODE_BLOB) < 0)
		return git_fail(SD_EIO, name);
	return 0;
}

int sd_corpus_import_add(struct sd_corpus_import *im, struct sd_benchmark *b)
{
	struct sd_strv names = SD_STRV_INIT;
	git_treebuilder *tb = NULL;
	struct pending *p;
	char *slug = NULL, label[64];
	git_oid dir;
	int err = 0;

	/* Files are named under the benchmark's own slug while the tree is
	 * built (a hint for the pack's deltas); its line is decided later. */
	if (!(slug = sd_rulefile_slug(b->id)))
		return sd_error_set(SD_EPARSE,
				    "%s: benchmark has no usable id", b->source);
	if (sd_rulefile_label(b, label) < 0) {
		err = sd_error_set(SD_EPARSE, "%s: benchmark '%s' has no version",
				   b->source, b->id);
		goto done;
	}
	sd_benchmark_sort(b);
	sd_rulefile_names(b, &names);
	if (git_treebuilder_new(&tb, im->c->repo, NULL) < 0) {
		err = git_fail(SD_EIO, "tree builder");
		goto done;
	}
	for (size_t i = 0; i < b->nrules; i++) {
		sd_buf_reset(&im->text);
		sd_rulefile_write_rule(&im->text, &b->rules[i]);
		if ((err = insert_blob(im, tb, slug, names.v[i])) < 0)
			goto done;
	}
	sd_buf_reset(&im->text);
	sd_rulefile_write_benchmark(&im->text, b);
	if ((err = insert_blob(im, tb, slug, SD_RULEFILE_BENCHMARK)) < 0)
		goto done;
	if (git_treebuilder_write(&dir, tb) < 0) {
		err = git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	record_new(im, &dir, slug);
	checkpoint();
	SD_ALLOC_GROW(im->p, im->n, im->cap);
	p = &im->p[im->n];
	memset(p, 0, sizeof(*p));
	p->label = sd_xstrdup(label);
	p->date = b->date ? sd_xstrdup(b->date) : NULL;
	p->bench_id = sd_xstrdup(b->id);
	p->title = sd_xstrdup(b->title ? b->title : "");
	p->source = sd_xstrdup(b->source ? b->source : "");
	p->scap = sd_benchmark_kind(b) == SD_KIND_SCAP;
	p->draft = sd_benchmark_is_draft(b);
	p->dir = dir;
	p->nrules = b->nrules;
	p->order = im->n++;
	if (im->pending_bytes > im->flush_bytes)
		err = flush_objects(im);
done:
	git_treebuilder_free(tb);
	sd_strv_release(&names);
	free(slug);
	return err;
}

/* ---- Placing releases in lines ---- */

/*
 * A release the line assignment places: one the corpus holds (with its
 * line and label there), or one this import read (`p`).
 */
struct cand {
	const char *version, *date, *bench_id, *title; /* borrowed */
	int scap, draft;
	git_oid dir;
	size_t nrules;
	const struct pending *p;
	const char *old_slug, *old_label; /* borrowed from the line's meta */
	size_t old_index;
	git_oid old_commit;
	char hex[GIT_OID_HEXSZ + 1]; /* dir, for lines.h */
	int kind;    /* the event to report when written */
	int dropped; /* replaced (--replace) */
	git_oid other; /* republished: the content of the version before */
};

/* An existing line: its history, and what decides its membership. */
struct line_meta {
	char *slug;
	struct rel *rel;
	size_t n;
	struct sd_strv *words; /* the words of each distinct title */
	size_t nwords;
	int affected;
};

struct placing {
	struct sd_corpus_import *im;
	struct line_meta *m;
	size_t nm;
	struct cand *cd;
	size_t ncd, cap;
	size_t *same_as; /* per release read: the candidate it repeats */
};

static void placing_release(struct placing *pl)
{
	for (size_t i = 0; i < pl->nm; i++) {
		free(pl->m[i].slug);
		rels_free(pl->m[i].rel, pl->m[i].n);
		for (size_t k = 0; k < pl->m[i].nwords; k++)
			sd_strv_release(&pl->m[i].words[k]);
		free(pl->m[i].words);
	}
	free(pl->m);
	free(pl->cd);
	free(pl->same_as);
}

/* Every line of the corpus with its history. */
static int read_lines(struct placing *pl)
{
	struct sd_strv slugs = SD_STRV_INIT;
	int err;

	if ((err = sd_corpus_benchmarks(pl->im->c, &slugs)) < 0)
		goto done;
	pl->m = sd_xcalloc(slugs.n + 1, sizeof(*pl->m));
	for (size_t i = 0; i < slugs.n; i++) {
		struct line_meta *lm = &pl->m[pl->nm];

		if ((err = read_chain(pl->im->c, slugs.v[i], &lm->rel,
				      &lm->n, NULL)) < 0)
			goto done;
		lm->slug = sd_xstrdup(slugs.v[i]);
		pl->nm++;
		lm->words = sd_xcalloc(lm->n + 1, sizeof(*lm->words));
		for (size_t k = 0; k < lm->n; k++) {
			size_t j;

			for (j = 0; j < k; j++)
				if (!sd_strcmp_null(lm->rel[j].title,
						    lm->rel[k].title))
					break;
			if (j == k)
				sd_lines_title_words(lm->rel[k].title,
						     &lm->words[lm->nwords++]);
		}
	}
done:
	sd_strv_release(&slugs);
	return err;
}

static int line_similar(const struct line_meta *a, const struct line_meta *b)
{
	if (!a->n || !b->n || a->rel[0].scap != b->rel[0].scap)
		return 0;
	for (size_t i = 0; i < a->nwords; i++)
		for (size_t k = 0; k < b->nwords; k++)
			if (sd_lines_words_similar(&a->words[i], &b->words[k]))
				return 1;
	return 0;
}

/*
 * Mark the lines an import can change: those holding a benchmark id it
 * read, those whose titles are like one it read, and, in turn, the lines
 * like those.
 */
static void mark_affected(struct placing *pl)
{
	struct sd_corpus_import *im = pl->im;
	size_t done = 0;

	for (size_t i = 0; i < pl->nm; i++) {
		struct line_meta *lm = &pl->m[i];

		for (size_t k = 0; k < im->n && !lm->affected; k++) {
			const struct pending *p = &im->p[k];
			struct sd_strv w = SD_STRV_INIT;

			for (size_t r = 0; r < lm->n && !lm->affected; r++)
				lm->affected = lm->rel[r].scap == p->scap &&
					       !strcmp(lm->rel[r].bench_id,
						       p->bench_id);
			if (lm->affected || !lm->n || lm->rel[0].scap != p->scap)
				continue;
			sd_lines_title_words(p->title, &w);
			for (size_t t = 0; t < lm->nwords && !lm->affected; t++)
				lm->affected = sd_lines_words_similar(
					&w, &lm->words[t]);
			sd_strv_release(&w);
		}
	}
	/* Lines like affected ones, until nothing more is marked. */
	while (done != pl->nm) {
		done = pl->nm;
		for (size_t i = 0; i < pl->nm; i++) {
			if (pl->m[i].affected)
				continue;
			for (size_t k = 0; k < pl->nm; k++)
				if (pl->m[k].affected &&
				    line_similar(&pl->m[i], &pl->m[k])) {
					pl->m[i].affected = 1;
					done = 0;
					break;
				}
		}
	}
}

static struct cand *add_cand(struct placing *pl)
{
	struct cand *c;

	SD_ALLOC_GROW(pl->cd, pl->ncd, pl->cap);
	c = &pl->cd[pl->ncd++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* The directory tree of line `slug` in root tree `root`. */
static int root_dir(struct sd_corpus *c, const git_oid *root,
		    const char *slug, git_oid *out)
{
	git_tree *t = NULL;
	int err;

	if ((err = dir_tree(c, root, slug, &t)) == 0)
		*out = *git_tree_id(t);
	git_tree_free(t);
	return err;
}

/*
 * Do two contents of one version differ only as reformatted copies do:
 * the same benchmark date and title, and no rule whose difference
 * counts (diff.h: cosmetic changes such as spacing do not)?
 */
static int cosmetic_twins(struct sd_corpus *c, const git_oid *a,
			  const git_oid *b, int *out)
{
	struct sd_benchmark *x = NULL, *y = NULL;
	struct sd_diff *d = NULL;
	int err;

	*out = 0;
	if ((err = load_dir_oid(c, a, "a", "a", &x)) == 0 &&
	    (err = load_dir_oid(c, b, "b", "b", &y)) == 0 &&
	    !sd_strcmp_null(x->date, y->date) &&
	    !sd_strcmp_null(x->title, y->title) &&
	    (err = sd_diff_run(x, y, NULL, &d)) == 0)
		*out = !sd_diff_has_changes(d);
	sd_diff_free(d);
	sd_benchmark_free(x);
	sd_benchmark_free(y);
	return err;
}

/*
 * The candidates: every release of the affected lines, then what the
 * import read that is new content. A release read again with the same
 * content is unchanged; with other content it is a re-publication (a
 * revision), or, with --replace, replaces what the corpus holds.
 */
static int gather(struct placing *pl)
{
	struct sd_corpus_import *im = pl->im;
	int err;

	for (size_t i = 0; i < pl->nm; i++) {
		struct line_meta *lm = &pl->m[i];

		if (!lm->affected)
			continue;
		for (size_t k = 0; k < lm->n; k++) {
			struct rel *r = &lm->rel[k];
			struct cand *c = add_cand(pl);

			c->version = r->version;
			c->date = r->date;
			c->bench_id = r->bench_id;
			c->title = r->title;
			c->scap = r->scap;
			c->draft = r->draft;
			c->nrules = r->nrules;
			c->old_slug = lm->slug;
			c->old_label = r->label;
			c->old_index = k;
			c->old_commit = r->commit;
			c->kind = SD_CORPUS_REBUILT;
			if ((err = root_dir(im->c, &r->tree, lm->slug,
					    &c->dir)) < 0)
				return err;
			git_oid_tostr(c->hex, sizeof(c->hex), &c->dir);
		}
	}
	for (size_t i = 0; i < im->n; i++) {
		const struct pending *p = &im->p[i];
		size_t same = SIZE_MAX, twin = SIZE_MAX, others = 0;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid other;
		struct cand *c;
		int kind = SD_CORPUS_ADDED;

		git_oid_tostr(hex, sizeof(hex), &p->dir);
		pl->same_as[i] = SIZE_MAX;
		for (size_t k = 0; k < pl->ncd; k++) {
			const struct cand *o = &pl->cd[k];
			int eq;

			if (o->dropped || o->scap != p->scap ||
			    strcmp(o->bench_id, p->bench_id) ||
			    strcmp(o->version, p->label))
				continue;
			if (git_oid_equal(&o->dir, &p->dir)) {
				same = k;
				continue;
			}
			if ((err = cosmetic_twins(im->c, &o->dir, &p->dir,
						  &eq)) < 0)
				return err;
			if (eq)
				twin = k;
			else if (!others++)
				other = o->dir;
		}
		if (same != SIZE_MAX && (!im->replace || !others ||
					 pl->cd[same].p)) {
			pl->same_as[i] = same;
			continue;
		}
		if (same == SIZE_MAX && twin != SIZE_MAX && !im->replace) {
			struct cand *o = &pl->cd[twin];

			/* One content stands for both: the lesser id, so that
			 * any import order keeps the same one. */
			if (strcmp(hex, o->hex) >= 0) {
				pl->same_as[i] = twin;
				continue;
			}
			o->dropped = 1;
			if (o->p)
				pl->same_as[o->p - im->p] = pl->ncd;
			kind = o->p ? o->kind : SD_CORPUS_REBUILT;
		} else if (others) {
			kind = SD_CORPUS_REPUBLISHED;
		}
		c = add_cand(pl);
		c->kind = kind;
		if (kind == SD_CORPUS_REPUBLISHED)
			c->other = other;
		if (im->replace) {
			/* What the corpus held of this version goes. */
			for (size_t k = 0; k + 1 < pl->ncd; k++) {
				struct cand *o = &pl->cd[k];

				if (!o->p && o->scap == p->scap &&
				    !strcmp(o->bench_id, p->bench_id) &&
				    !strcmp(o->version, p->label)) {
					o->dropped = 1;
					c->kind = SD_CORPUS_REPLACED;
				}
			}
		}
		memcpy(c->hex, hex, sizeof(hex));
		c->version = p->label;
		c->date = p->date;
		c->bench_id = p->bench_id;
		c->title = p->title;
		c->scap = p->scap;
		c->draft = p->draft;
		c->nrules = p->nrules;
		c->dir = p->dir;
		c->p = p;
	}
	/* Releases --replace dropped leave the candidates. */
	for (size_t i = 0, k = 0, n = pl->ncd; i < n; i++) {
		if (pl->cd[i].dropped) {
			pl->ncd--;
			continue;
		}
		for (size_t j = 0; j < im->n; j++)
			if (pl->same_as[j] == i)
				pl->same_as[j] = k;
		pl->cd[k++] = pl->cd[i];
	}
	return 0;
}

/* Each rule's identifiers for lines.h, read from the release's tree. */
static int cand_ids(size_t i, struct sd_strv *ids, void *ctx)
{
	struct placing *pl = ctx;
	struct cand *c = &pl->cd[i];
	struct sd_benchmark *b = NULL;
	struct sd_buf one = SD_BUF_INIT;
	int err;

	if ((err = load_dir_oid(pl->im->c, &c->dir, c->bench_id, c->version,
				&b)) < 0)
		return err;
	for (size_t k = 0; k < b->nrules; k++) {
		const struct sd_rule *r = &b->rules[k];
		const char *each[] = { r->vuln_id, r->rule_base, r->stig_id };

		sd_buf_reset(&one);
		for (size_t j = 0; j < SD_ARRAY_SIZE(each); j++)
			if (each[j])
				sd_buf_addf(&one, "%s\n", each[j]);
		for (size_t j = 0; j < r->legacy.n; j++)
			sd_buf_addf(&one, "%s\n", r->legacy.v[j]);
		sd_strv_push(ids, one.len ? one.ptr : "");
	}
	sd_buf_release(&one);
	sd_benchmark_free(b);
	return 0;
}

/*
 * What differs between the content `other` holds of a version and `cur`,
 * another content of it, into `out`: diff's summary and the first rules
 * that differ.
 */
static int differs(struct sd_corpus *c, const git_oid *other,
		   const struct sd_benchmark *cur, struct sd_buf *out)
{
	struct sd_benchmark *b = NULL;
	struct sd_diff *d = NULL;
	size_t shown = 0, more = 0;
	int err;

	sd_buf_reset(out);
	if ((err = load_dir_oid(c, other, "other", "other", &b)) < 0 ||
	    (err = sd_diff_run(b, cur, NULL, &d)) < 0)
		goto done;
	sd_diff_summary(d, out);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct sd_diff_rule *r = &d->rules[i];
		const struct sd_rule *x = r->new ? r->new : r->old;

		if (!sd_diff_status_is_change(r->status))
			continue;
		if (shown == 5) {
			more++;
			continue;
		}
		sd_buf_addstr(out, shown++ ? ", " : ": ");
		sd_buf_addstr(out, x->vuln_id ? x->vuln_id : "?");
	}
	if (more)
		sd_buf_addf(out, " and %zu more", more);
done:
	sd_diff_free(d);
	sd_benchmark_free(b);
	return err;
}

/* Write line `ln`'s history from its first release that differs. */
static int write_line(struct placing *pl, const struct sd_line *ln,
		      const struct sd_line_rel *lr, struct sd_strv *changed)
{
	struct sd_corpus_import *im = pl->im;
	struct sd_buf msg = SD_BUF_INIT, sum = SD_BUF_INIT, ref = SD_BUF_INIT;
	struct sd_buf diffs = SD_BUF_INIT;
	struct sd_benchmark *prev = NULL, *cur = NULL;
	git_treebuilder *tb = NULL;
	git_oid *commits = sd_xcalloc(ln->n, sizeof(*commits));
	size_t first = 0;
	int err = 0;

	/* Unchanged while each release is the old line's, in its place. */
	while (first < ln->n) {
		const struct cand *c = &pl->cd[ln->rel[first]];

		if (!c->old_slug || strcmp(c->old_slug, ln->slug) ||
		    c->old_index != first ||
		    strcmp(c->old_label, lr[ln->rel[first]].name))
			break;
		commits[first] = c->old_commit;
		first++;
	}
	/* ... and the old line ends there. */
	for (size_t i = 0; i < pl->nm && first == ln->n; i++)
		if (!strcmp(pl->m[i].slug, ln->slug) && pl->m[i].n == ln->n)
			goto done;
	if (git_treebuilder_new(&tb, im->c->repo, NULL) < 0) {
		err = git_fail(SD_EIO, "tree builder");
		goto done;
	}
	if (first && (err = load_dir_oid(im->c, &pl->cd[ln->rel[first - 1]].dir,
					 ln->slug, lr[ln->rel[first - 1]].name,
					 &prev)) < 0)
		goto done;
	for (size_t i = first; i < ln->n; i++) {
		struct cand *c = &pl->cd[ln->rel[i]];
		const char *name = lr[ln->rel[i]].name;
		const git_oid *parent = i ? &commits[i - 1] : NULL;
		git_oid root;

		if ((err = load_dir_oid(im->c, &c->dir, ln->slug, name,
					&cur)) < 0 ||
		    (err = release_message(ln->slug, name, prev, cur, &msg,
					   &sum)) < 0)
			goto done;
		git_treebuilder_clear(tb);
		if (git_treebuilder_insert(NULL, tb, ln->slug, &c->dir,
					   GIT_FILEMODE_TREE) < 0 ||
		    git_treebuilder_write(&root, tb) < 0) {
			err = git_fail(SD_EIO, "cannot write tree");
			goto done;
		}
		record_new(im, &root, NULL);
		if ((err = make_commit(im, msg.ptr, &root, date_time(c->date),
				       &parent, i ? 1 : 0, &commits[i])) < 0)
			goto done;
		ref_name(&ref, "tags", ln->slug, name);
		journal_add(&im->journal, ref.ptr, &commits[i]);
		if (c->kind == SD_CORPUS_REPUBLISHED &&
		    (err = differs(im->c, &c->other, cur, &diffs)) < 0)
			goto done;
		if (c->p || !c->old_slug || strcmp(c->old_slug, ln->slug) ||
		    strcmp(c->old_label, name) ||
		    !git_oid_equal(&c->old_commit, &commits[i]))
			emit(im, c->kind, ln->slug, name, c->version, c->date,
			     sum.ptr,
			     c->p ? c->p->source : NULL,
			     c->kind == SD_CORPUS_REPUBLISHED ? diffs.ptr : NULL,
			     c->nrules);
		sd_benchmark_free(prev);
		prev = cur;
		cur = NULL;
	}
	ref_name(&ref, "heads", ln->slug, NULL);
	journal_add(&im->journal, ref.ptr, &commits[ln->n - 1]);
	sd_strv_push(changed, ln->slug);
done:
	git_treebuilder_free(tb);
	sd_benchmark_free(prev);
	sd_benchmark_free(cur);
	free(commits);
	sd_buf_release(&msg);
	sd_buf_release(&sum);
	sd_buf_release(&ref);
	sd_buf_release(&diffs);
	return err;
}

/* Refs of the affected lines that the new lines no longer have. */
static void drop_refs(struct placing *pl, const struct sd_line *lines,
		      size_t nlines, const struct sd_line_rel *lr,
		      struct sd_strv *changed)
{
	struct sd_buf ref = SD_BUF_INIT;
	git_oid zero;

	memset(&zero, 0, sizeof(zero));
	for (size_t i = 0; i < pl->nm; i++) {
		const struct line_meta *lm = &pl->m[i];
		const struct sd_line *keep = NULL;

		if (!lm->affected)
			continue;
		for (size_t l = 0; l < nlines && !keep; l++)
			if (!strcmp(lines[l].slug, lm->slug))
				keep = &lines[l];
		for (size_t k = 0; k < lm->n; k++) {
			int found = 0;

			for (size_t j = 0; keep && j < keep->n && !found; j++)
				found = !strcmp(lr[keep->rel[j]].name,
						lm->rel[k].label);
			if (found)
				continue;
			ref_name(&ref, "tags", lm->slug, lm->rel[k].label);
			journal_add(&pl->im->journal, ref.ptr, &zero);
		}
		if (!keep) {
			ref_name(&ref, "heads", lm->slug, NULL);
			journal_add(&pl->im->journal, ref.ptr, &zero);
			sd_strv_push(changed, lm->slug);
		}
	}
	sd_buf_release(&ref);
}

/*
 * Decide the lines of the affected part of the corpus with what this
 * import read (lines.h), then write each line's history from its first
 * release that changed, and queue the refs.
 */
static int cmp_line_slug(const void *pa, const void *pb)
{
	return strcmp(((const struct sd_line *)pa)->slug,
		      ((const struct sd_line *)pb)->slug);
}

static int place_releases(struct sd_corpus_import *im, struct sd_strv *changed)
{
	struct placing pl;
	struct sd_line_rel *lr = NULL;
	struct sd_line *lines = NULL;
	size_t nlines = 0;
	int err, again;

	memset(&pl, 0, sizeof(pl));
	pl.im = im;
	pl.same_as = sd_xcalloc(im->n + 1, sizeof(*pl.same_as));
	if ((err = read_lines(&pl)) < 0)
		goto done;
	mark_affected(&pl);
	do {
		/* A new line may take the name of one not yet affected: that
		 * one joins, and the lines are decided again. */
		again = 0;
		sd_lines_free(lines, nlines, lr, pl.ncd);
		free(lr);
		lines = NULL;
		lr = NULL;
		nlines = 0;
		pl.ncd = 0;
		if ((err = gather(&pl)) < 0)
			goto done;
		lr = sd_xcalloc(pl.ncd + 1, sizeof(*lr));
		for (size_t i = 0; i < pl.ncd; i++) {
			lr[i].bench_id = pl.cd[i].bench_id;
			lr[i].title = pl.cd[i].title;
			lr[i].label = pl.cd[i].version;
			lr[i].date = pl.cd[i].date;
			lr[i].content = pl.cd[i].hex;
			lr[i].scap = pl.cd[i].scap;
			lr[i].draft = pl.cd[i].draft;
		}
		if ((err = sd_lines_assign(lr, pl.ncd, cand_ids, &pl, &lines,
					   &nlines)) < 0)
			goto done;
		for (size_t l = 0; l < nlines; l++)
			for (size_t i = 0; i < pl.nm; i++)
				if (!pl.m[i].affected &&
				    !strcmp(pl.m[i].slug, lines[l].slug)) {
					pl.m[i].affected = 1;
					again = 1;
				}
	} while (again);
	for (size_t l = 0; l < nlines; l++)
		for (size_t k = l + 1; k < nlines; k++)
			if (!strcmp(lines[l].slug, lines[k].slug)) {
				err = sd_error_set(SD_ERROR,
						   "two lines named '%s' (a bug; "
						   "nothing was changed)",
						   lines[l].slug);
				goto done;
			}
	/* lr[].line indexes `lines`: sort a copy of the order only. */
	{
		struct sd_line *order = sd_xcalloc(nlines + 1, sizeof(*order));

		memcpy(order, lines, nlines * sizeof(*lines));
		if (nlines > 1)
			qsort(order, nlines, sizeof(*order), cmp_line_slug);
		for (size_t l = 0; l < nlines && !err; l++)
			err = write_line(&pl, &order[l], lr, changed);
		free(order);
	}
	if (!err)
		drop_refs(&pl, lines, nlines, lr, changed);
	/* Then what was read again, in the order it was read. */
	for (size_t i = 0; i < im->n && !err; i++) {
		size_t k = pl.same_as[i];

		if (k != SIZE_MAX)
			emit(im, SD_CORPUS_UNCHANGED, lines[lr[k].line].slug,
			     lr[k].name, im->p[i].label, im->p[i].date, NULL,
			     im->p[i].source, NULL, im->p[i].nrules);
	}
done:
	sd_lines_free(lines, nlines, lr, pl.ncd);
	free(lr);
	placing_release(&pl);
	return err;
}

/*
 * The tree lineage/ at the head of the lineage history into *dir (the
 * caller frees it), and that head. SD_ENOTFOUND when there is no such
 * history.
 */
static int lineage_dir(struct sd_corpus *c, git_oid *head, git_tree **dir)
{
	git_commit *cm = NULL;
	git_tree *t = NULL;
	const git_tree_entry *e;
	int err = 0;

	*dir = NULL;
	if (lookup_ref(c, LINKS_REF, head) < 0)
		return SD_ENOTFOUND;
	if (git_commit_lookup(&cm, c->repo, head) < 0 ||
	    git_commit_tree(&t, cm) < 0 ||
	    !(e = git_tree_entry_byname(t, LINKS_DIR)) ||
	    git_tree_lookup(dir, c->repo, git_tree_entry_id(e)) < 0)
		err = git_fail(SD_EIO, LINKS_REF);
	git_tree_free(t);
	git_commit_free(cm);
	return err;
}

/*
 * The snapshot commit for refs/heads/main: every benchmark's head as a
 * parent (in slug order), every benchmark's directory in its tree.
 */
static int make_main(struct sd_corpus_import *im, git_oid *out)
{
	struct sd_corpus *c = im->c;
	struct sd_strv slugs = SD_STRV_INIT;
	git_oid *heads = NULL;
	const git_oid **parents = NULL;
	git_treebuilder *tb = NULL;
	git_tree *links = NULL;
	struct sd_buf ref = SD_BUF_INIT, msg = SD_BUF_INIT, lines = SD_BUF_INIT;
	git_time_t when = 0;
	git_oid tree;
	size_t n = 0;
	int err;

	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	heads = sd_xcalloc(slugs.n + 2, sizeof(*heads));
	parents = sd_xcalloc(slugs.n + 2, sizeof(*parents));
	if (git_treebuilder_new(&tb, c->repo, NULL) < 0) {
		err = git_fail(SD_EIO, "tree builder");
		goto done;
	}
	for (size_t i = 0; i < slugs.n; i++) {
		git_commit *cm = NULL;
		git_tree *t = NULL;
		const git_tree_entry *e;
		char *label, *date;

		ref_name(&ref, "heads", slugs.v[i], NULL);
		if (lookup_ref(c, ref.ptr, &heads[n]) < 0) {
			err = git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		if (git_commit_lookup(&cm, c->repo, &heads[n]) < 0 ||
		    git_commit_tree(&t, cm) < 0 ||
		    !(e = git_tree_entry_byname(t, slugs.v[i])) ||
		    git_treebuilder_insert(NULL, tb, slugs.v[i],
					   git_tree_entry_id(e),
					   GIT_FILEMODE_TREE) < 0) {
			git_tree_free(t);
			git_commit_free(cm);
			err = git_fail(SD_EIO, ref.ptr);
			goto done;
		}
		if (git_commit_time(cm) > when)
			when = git_commit_time(cm);
		label = trailer(git_commit_message(cm), "Version");
		date = trailer(git_commit_message(cm), "Date");
		sd_buf_addf(&lines, "%s %s %s\n", slugs.v[i],
			    label ? label : "?", date ? date : "unknown");
		free(label);
		free(date);
		git_tree_free(t);
		git_commit_free(cm);
		parents[n] = &heads[n];
		n++;
	}
	/* The lineage links, when the corpus has them: last parent. */
	if ((err = lineage_dir(c, &heads[n], &links)) < 0 &&
	    err != SD_ENOTFOUND)
		goto done;
	if (links) {
		if (git_treebuilder_insert(NULL, tb, LINKS_DIR,
					   git_tree_id(links),
					   GIT_FILEMODE_TREE) < 0) {
			err = git_fail(SD_EIO, LINKS_REF);
			goto done;
		}
		parents[n] = &heads[n];
		sd_buf_addstr(&lines, "\nWith the lineage links (lineage/).\n");
		n++;
	}
	err = 0;
	if (git_treebuilder_write(&tree, tb) < 0) {
		err = git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	sd_buf_addf(&msg, "corpus: %zu benchmarks\n\nLatest releases:\n%s",
		    slugs.n, lines.ptr);
	if ((err = make_commit(im, msg.ptr, &tree, when, parents, n, out)) == 0)
		record_new(im, &tree, NULL);
done:
	git_treebuilder_free(tb);
	git_tree_free(links);
	free(heads);
	free(parents);
	sd_strv_release(&slugs);
	sd_buf_release(&ref);
	sd_buf_release(&msg);
	sd_buf_release(&lines);
	return err;
}

/* The blob of lineage/<name> at the head of the lineage history, and
 * that head. SD_ENOTFOUND when there is no such history or file. */
static int lineage_blob(struct sd_corpus *c, const char *name, git_oid *head,
			git_oid *blob)
{
	git_tree *dir = NULL;
	int err = lineage_dir(c, head, &dir);
	git_tree_entry *pe = NULL;

	if (!err && git_tree_entry_bypath(&pe, dir, name) < 0)
		err = SD_ENOTFOUND;
	else if (!err)
		*blob = *git_tree_entry_id(pe);
	git_tree_entry_free(pe);
	git_tree_free(dir);
	return err;
}

int sd_corpus_import_blob(struct sd_corpus_import *im, const char *text,
			  size_t len, char oid[41])
{
	git_oid id;

	if (git_odb_hash(&id, text, len, GIT_OBJECT_BLOB) < 0)
		return git_fail(SD_ERROR, "blob");
	if (!git_odb_exists_ext(im->odb, &id, GIT_ODB_LOOKUP_NO_REFRESH)) {
		if (im->mempack->write(im->mempack, &id, text, len,
				       GIT_OBJECT_BLOB) < 0)
			return git_fail(SD_EIO, "blob");
		record_new(im, &id, NULL);
		im->pending_bytes += len;
		if (im->pending_bytes > im->flush_bytes) {
			int err = flush_objects(im);

			if (err < 0)
				return err;
		}
	}
	git_oid_tostr(oid, 41, &id);
	return 0;
}

/* Directory `dir` of tree `t` (NULL when none), for a builder. */
static git_tree *subtree(struct sd_corpus *c, git_tree *t, const char *dir)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, dir) : NULL;
	git_tree *sub = NULL;

	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, c->repo, git_tree_entry_id(e)) < 0)
		sub = NULL;
	return sub;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sd_corpus_import_lineage_files(struct sd_corpus_import *im,
				   const struct sd_corpus_file *files, size_t n,
				   const char *const *remove, size_t nremove,
				   const char *message, int *changed)
{
	struct sd_corpus *c = im->c;
	git_treebuilder *tb = NULL, *sub = NULL;
	git_tree *old_dir = NULL, *old_sub = NULL;
	struct sd_strv dirs = SD_STRV_INIT;
	git_oid head, dir, root, commit;
	const git_oid *parent = &head;
	int have, err = 0, rc, any = 0;

	*changed = 0;
	if ((rc = lineage_dir(c, &head, &old_dir)) < 0 && rc != SD_ENOTFOUND)
		return rc;
	have = rc == 0;
	if (git_treebuilder_new(&tb, c->repo, old_dir) < 0) {
		err = git_fail(SD_EIO, "tree builder");
		goto done;
	}
	/* Directories touched: "" for the top, then each "x" of "x/name". */
	sd_strv_push(&dirs, "");
	for (size_t i = 0; i < n + nremove; i++) {
		const char *path = i < n ? files[i].name : remove[i - n];
		const char *slash = strchr(path, '/');
		char *d;

		if (!slash)
			continue;
		d = sd_xstrndup(path, (size_t)(slash - path));
		if (!sd_strv_contains(&dirs, d))
			sd_strv_push_owned(&dirs, d);
		else
			free(d);
	}
	qsort(dirs.v + 1, dirs.n - 1, sizeof(*dirs.v), cmp_path);
	for (size_t d = dirs.n; d-- > 0;) {
		const char *dn = dirs.v[d];
		git_treebuilder *b = tb;
		size_t dl = strlen(dn);
		int touched = 0;

		if (*dn) {
			old_sub = subtree(c, old_dir, dn);
			if (git_treebuilder_new(&sub, c->repo, old_sub) < 0) {
				err = git_fail(SD_EIO, "tree builder");
				goto done;
			}
			b = sub;
		}
		for (size_t i = 0; i < n + nremove; i++) {
			const char *path = i < n ? files[i].name : remove[i - n];
			const char *base = path;
			const git_tree_entry *e;
			git_oid now;

			if (*dn && (strncmp(path, dn, dl) || path[dl] != '/'))
				continue;
			if (*dn)
				base = path + dl + 1;
			else if (strchr(path, '/'))
				continue;
			e = git_treebuilder_get(b, base);
			if (i >= n) {
				if (e) {
					git_treebuilder_remove(b, base);
					touched = 1;
				}
				continue;
			}
			if (files[i].oid ? git_oid_fromstr(&now, files[i].oid) < 0
					 : git_odb_hash(&now, files[i].text,
							files[i].len,
							GIT_OBJECT_BLOB) < 0) {
				err = git_fail(SD_ERROR, path);
				goto done;
			}
			if (e && git_oid_equal(&now, git_tree_entry_id(e)))
				continue;
			if (files[i].oid) {
				/* Written already (sd_corpus_import_blob()). */
				if (git_treebuilder_insert(NULL, b, base, &now,
							   GIT_FILEMODE_BLOB) < 0) {
					err = git_fail(SD_EIO, path);
					goto done;
				}
			} else {
				sd_buf_reset(&im->text);
				sd_buf_add(&im->text, files[i].text, files[i].len);
				if ((err = insert_blob(im, b, LINKS_DIR, base)) < 0)
					goto done;
			}
			touched = 1;
		}
		if (*dn) {
			if (touched) {
				git_oid sid;

				if (git_treebuilder_entrycount(sub) == 0) {
					git_treebuilder_remove(tb, dn);
				} else if (git_treebuilder_write(&sid, sub) < 0 ||
					   git_treebuilder_insert(NULL, tb, dn, &sid,
								  GIT_FILEMODE_TREE) < 0) {
					err = git_fail(SD_EIO, "cannot write tree");
					goto done;
				} else {
					record_new(im, &sid, NULL);
				}
				any = 1;
			}
			git_treebuilder_free(sub);
			sub = NULL;
			git_tree_free(old_sub);
			old_sub = NULL;
		} else {
			any |= touched;
		}
	}
	if (!any)
		goto done;
	if (git_treebuilder_write(&dir, tb) < 0) {
		err = git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	record_new(im, &dir, LINKS_DIR);
	git_treebuilder_free(tb);
	tb = NULL;
	if (git_treebuilder_new(&tb, c->repo, NULL) < 0 ||
	    git_treebuilder_insert(NULL, tb, LINKS_DIR, &dir,
				   GIT_FILEMODE_TREE) < 0 ||
	    git_treebuilder_write(&root, tb) < 0) {
		err = git_fail(SD_EIO, "cannot write tree");
		goto done;
	}
	record_new(im, &root, NULL);
	sd_buf_reset(&im->text);
	sd_buf_addstr(&im->text, message);
	/* Links carry no date of their own: the epoch keeps ids stable. */
	if ((err = make_commit(im, im->text.ptr, &root, 0, &parent,
			       have ? 1 : 0, &commit)) < 0)
		goto done;
	journal_add(&im->journal, LINKS_REF, &commit);
	*changed = 1;
done:
	git_treebuilder_free(sub);
	git_treebuilder_free(tb);
	git_tree_free(old_sub);
	git_tree_free(old_dir);
	sd_strv_release(&dirs);
	return err;
}

int sd_corpus_import_lineage(struct sd_corpus_import *im, const char *name,
			     const char *text, size_t len, const char *message,
			     int *changed)
{
	struct sd_corpus_file f = { name, text, len, NULL };

	return sd_corpus_import_lineage_files(im, &f, 1, NULL, 0, message,
					      changed);
}

int sd_corpus_lineage_file(struct sd_corpus *c, const char *name,
			   struct sd_buf *out)
{
	git_oid head, blob;
	int err = lineage_blob(c, name, &head, &blob);

	if (err == SD_ENOTFOUND)
		return sd_error_set(SD_ENOTFOUND, "corpus '%s' has no lineage/%s",
				    c->dir, name);
	if (err < 0)
		return err;
	return read_blob_oid(c, &blob, out);
}

int sd_corpus_lineage_key(struct sd_corpus *c, char out[41])
{
	struct sd_strv slugs = SD_STRV_INIT;
	struct sd_buf text = SD_BUF_INIT;
	git_oid head, blob, key;
	char hex[41];
	int err;

	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	sd_buf_addstr(&text, "stigdiff lineage key 1\n");
	for (size_t i = 0; i < slugs.n; i++) {
		if ((err = sd_corpus_head(c, slugs.v[i], hex)) < 0)
			goto done;
		sd_buf_addf(&text, "%s %s\n", slugs.v[i], hex);
	}
	err = lineage_blob(c, SD_CORPUS_CURATED, &head, &blob);
	if (err < 0 && err != SD_ENOTFOUND)
		goto done;
	sd_buf_addf(&text, "curated %s\n",
		    err ? "none" : git_oid_tostr(hex, sizeof(hex), &blob));
	err = 0;
	if (git_odb_hash(&key, text.ptr, text.len, GIT_OBJECT_BLOB) < 0)
		err = git_fail(SD_ERROR, "lineage key");
	else
		git_oid_tostr(out, 41, &key);
done:
	sd_buf_release(&text);
	sd_strv_release(&slugs);
	return err;
}

int sd_corpus_import_prepare(struct sd_corpus_import *im,
			     struct sd_strv *changed)
{
	git_oid main_commit;
	int err = 0;

	im->c->pending = &im->journal;
	if (im->n && (err = place_releases(im, changed)) < 0)
		return err;
	if (!im->journal.refs.n)
		return 0;
	if ((err = make_main(im, &main_commit)) < 0)
		return err;
	journal_add(&im->journal, MAIN_REF, &main_commit);
	return 0;
}

int sd_corpus_import_commit(struct sd_corpus_import *im)
{
	struct sd_buf path = SD_BUF_INIT;
	int err = 0;

	im->c->pending = NULL;
	if (!im->journal.refs.n)
		return 0;
	/* Every object is written: only now do refs move. */
	if ((err = flush_objects(im)) == 0 &&
	    (err = journal_write(im->c, &im->journal, &path)) == 0)
		err = journal_apply(im->c, &im->journal, path.ptr);
	sd_buf_release(&path);
	return err;
}

/* ---- Reading ---- */

int sd_corpus_benchmarks(struct sd_corpus *c, struct sd_strv *slugs)
{
	git_reference_iterator *it = NULL;
	const char *name;
	int rc;

	if (git_reference_iterator_glob_new(&it, c->repo, "refs/heads/*") < 0)
		return git_fail(SD_EIO, c->dir);
	while ((rc = git_reference_next_name(&name, it)) == 0)
		if (strcmp(name, MAIN_REF) && strcmp(name, LINKS_REF) &&
		    !strchr(name + 11, '/'))
			sd_strv_push(slugs, name + 11);
	git_reference_iterator_free(it);
	if (rc != GIT_ITEROVER)
		return git_fail(SD_EIO, c->dir);
	/* Benchmarks an import is adding exist only in its journal, and
	 * those it removes still in the ref database. */
	for (size_t i = 0; c->pending && i < c->pending->refs.n; i++) {
		const char *r = c->pending->refs.v[i];
		git_oid id;

		if (!sd_starts_with(r, "refs/heads/") || !strcmp(r, MAIN_REF) ||
		    !strcmp(r, LINKS_REF) || strchr(r + 11, '/'))
			continue;
		if (lookup_ref(c, r, &id) < 0) {
			for (size_t k = 0; k < slugs->n; k++)
				if (!strcmp(slugs->v[k], r + 11)) {
					free(slugs->v[k]);
					slugs->v[k] = slugs->v[--slugs->n];
					slugs->v[slugs->n] = NULL;
					break;
				}
		} else if (!sd_strv_contains(slugs, r + 11)) {
			sd_strv_push(slugs, r + 11);
		}
	}
	sd_strv_sort(slugs);
	return 0;
}

int sd_corpus_snapshot(struct sd_corpus *c, const char *ref,
		       struct sd_strv *slugs, struct sd_strv *labels)
{
	struct sd_buf tag = SD_BUF_INIT;
	struct sd_strv now = SD_STRV_INIT;
	git_object *obj = NULL;
	git_commit *snap = NULL;
	git_oid *dirs = NULL;
	size_t ndirs = 0;
	int err = 0;

	sd_buf_addf(&tag, "refs/tags/%s", ref);
	if (git_revparse_single(&obj, c->repo, tag.ptr) < 0 &&
	    git_revparse_single(&obj, c->repo, ref) < 0) {
		err = sd_error_set(SD_ENOTFOUND,
				   "'%s' names no snapshot of corpus '%s' "
				   "(a date is YYYY-MM-DD)", ref, c->dir);
		goto done;
	}
	if (git_object_peel((git_object **)&snap, obj, GIT_OBJECT_COMMIT) < 0 ||
	    !sd_starts_with(git_commit_message(snap), "corpus: ")) {
		err = sd_error_set(SD_ENOTFOUND,
				   "'%s' is not a snapshot of corpus '%s' (a "
				   "commit of its main branch)", ref, c->dir);
		goto done;
	}
	/* The content each line had then: its head's directory tree. */
	dirs = sd_xcalloc(git_commit_parentcount(snap) + 1, sizeof(*dirs));
	for (unsigned i = 0; i < git_commit_parentcount(snap); i++) {
		git_commit *p = NULL;
		git_tree *t = NULL;
		const git_tree_entry *e;

		if (git_commit_parent(&p, snap, i) < 0 ||
		    git_commit_tree(&t, p) < 0) {
			git_commit_free(p);
			err = git_fail(SD_EIO, ref);
			goto done;
		}
		/* A line's commit holds its one directory; lineage/ is not
		 * a line. */
		e = git_tree_entrycount(t) == 1 ? git_tree_entry_byindex(t, 0)
						: NULL;
		if (e && strcmp(git_tree_entry_name(e), LINKS_DIR))
			dirs[ndirs++] = *git_tree_entry_id(e);
		git_tree_free(t);
		git_commit_free(p);
	}
	/* Where that content is now: lines are renamed, revisions
	 * relabelled, but a release keeps its tree. */
	if ((err = sd_corpus_benchmarks(c, &now)) < 0)
		goto done;
	for (size_t i = 0; i < now.n; i++) {
		struct rel *v = NULL;
		size_t n = 0;

		if ((err = read_chain(c, now.v[i], &v, &n, NULL)) < 0)
			goto done;
		for (size_t k = 0; k < n && !err; k++) {
			git_oid dir;

			if ((err = root_dir(c, &v[k].tree, now.v[i], &dir)) < 0)
				break;
			for (size_t j = 0; j < ndirs; j++)
				if (git_oid_equal(&dir, &dirs[j])) {
					sd_strv_push(slugs, now.v[i]);
					sd_strv_push(labels, v[k].label);
					break;
				}
		}
		rels_free(v, n);
		if (err)
			goto done;
	}
done:
	free(dirs);
	sd_strv_release(&now);
	git_commit_free(snap);
	git_object_free(obj);
	sd_buf_release(&tag);
	return err;
}

int sd_corpus_head(struct sd_corpus *c, const char *slug, char out[41])
{
	struct sd_buf ref = SD_BUF_INIT;
	git_oid id;
	int rc;

	ref_name(&ref, "heads", slug, NULL);
	rc = lookup_ref(c, ref.ptr, &id);
	sd_buf_release(&ref);
	if (rc < 0)
		return sd_error_set(SD_ENOTFOUND, "no benchmark '%s' in '%s'",
				    slug, c->dir);
	git_oid_tostr(out, 41, &id);
	return 0;
}

void sd_corpus_releases_free(struct sd_corpus_release *rel, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rel[i].label);
		free(rel[i].version);
		free(rel[i].date);
		free(rel[i].subject);
		free(rel[i].bench_id);
		free(rel[i].title);
	}
	free(rel);
}

size_t sd_corpus_latest(const struct sd_corpus_release *rel, size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (!rel[i].draft)
			return i;
	return n ? n - 1 : 0;
}

const char *sd_corpus_line_kind(const struct sd_corpus_release *rel,
				size_t n)
{
	size_t i = sd_corpus_latest(rel, n);

	if (!n)
		return "stig";
	return rel[i].draft ? "draft" : rel[i].kind;
}

static int release_dir(struct sd_corpus *c, const char *slug,
		       const char *label, git_tree **out);

/* The share of release (sa, la)'s rule files also in (sb, lb). */
static double shared_files(struct sd_corpus *c, const char *sa,
			   const char *la, const char *sb, const char *lb)
{
	git_tree *x = NULL, *y = NULL;
	size_t n, hits = 0, total = 0;

	if (release_dir(c, sa, la, &x) < 0 || release_dir(c, sb, lb, &y) < 0) {
		git_tree_free(x);
		git_tree_free(y);
		return 0;
	}
	n = git_tree_entrycount(x);
	for (size_t i = 0; i < n; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(x, i));

		if (!strcmp(name, SD_RULEFILE_BENCHMARK))
			continue;
		total++;
		hits += git_tree_entry_byname(y, name) != NULL;
	}
	git_tree_free(x);
	git_tree_free(y);
	return total ? (double)hits / (double)total : 0;
}

int sd_corpus_are_siblings(struct sd_corpus *c, const char *a,
			   const struct sd_corpus_release *ra, size_t na,
			   const char *b, const struct sd_corpus_release *rb,
			   size_t nb)
{
	int scap_a, scap_b;

	if (!na || !nb)
		return 0;
	scap_a = !strcmp(ra[na - 1].kind, "scap");
	scap_b = !strcmp(rb[nb - 1].kind, "scap");
	if (scap_a == scap_b)
		return 0;
	for (size_t i = 0; i < na; i++)
		for (size_t k = 0; k < nb; k++)
			if (!strcmp(ra[i].bench_id, rb[k].bench_id))
				return 1;
	if (!sd_lines_title_similar(ra[na - 1].title, rb[nb - 1].title))
		return 0;
	/* The SCAP content is an automated subset of the STIG. */
	return scap_a ? shared_files(c, a, ra[na - 1].label, b,
				     rb[sd_corpus_latest(rb, nb)].label) >= 0.5
		      : shared_files(c, b, rb[nb - 1].label, a,
				     ra[sd_corpus_latest(ra, na)].label) >= 0.5;
}

int sd_corpus_siblings(struct sd_corpus *c, const char *slug,
		       struct sd_strv *out)
{
	struct sd_strv slugs = SD_STRV_INIT;
	struct sd_corpus_release *mine = NULL;
	size_t nmine = 0;
	int err;

	if ((err = sd_corpus_releases(c, slug, &mine, &nmine)) < 0 ||
	    (err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	for (size_t i = 0; i < slugs.n; i++) {
		struct sd_corpus_release *v = NULL;
		size_t n = 0;

		if (!strcmp(slugs.v[i], slug))
			continue;
		if ((err = sd_corpus_releases(c, slugs.v[i], &v, &n)) < 0)
			goto done;
		if (sd_corpus_are_siblings(c, slug, mine, nmine, slugs.v[i], v,
					   n))
			sd_strv_push(out, slugs.v[i]);
		sd_corpus_releases_free(v, n);
	}
done:
	sd_corpus_releases_free(mine, nmine);
	sd_strv_release(&slugs);
	return err;
}

int sd_corpus_releases(struct sd_corpus *c, const char *slug,
		       struct sd_corpus_release **out, size_t *n)
{
	struct sd_strv subjects = SD_STRV_INIT;
	struct rel *v = NULL;
	struct sd_corpus_release *r;
	size_t cnt = 0;
	int err;

	if ((err = read_chain(c, slug, &v, &cnt, &subjects)) < 0)
		return err;
	if (!cnt) {
		sd_strv_release(&subjects);
		return sd_error_set(SD_ENOTFOUND, "no benchmark '%s' in '%s'",
				    slug, c->dir);
	}
	r = sd_xcalloc(cnt, sizeof(*r));
	for (size_t i = 0; i < cnt; i++) {
		r[i].label = v[i].label;
		r[i].version = v[i].version;
		r[i].date = v[i].date;
		r[i].bench_id = v[i].bench_id;
		r[i].title = v[i].title;
		r[i].kind = v[i].kind;
		r[i].draft = v[i].draft;
		v[i].label = v[i].version = v[i].date = NULL;
		v[i].bench_id = v[i].title = NULL;
		r[i].subject = subjects.v[i];
		subjects.v[i] = NULL;
		r[i].nrules = v[i].nrules;
		git_oid_tostr(r[i].commit, sizeof(r[i].commit), &v[i].commit);
	}
	sd_strv_release(&subjects);
	rels_free(v, cnt);
	*out = r;
	*n = cnt;
	return 0;
}

/*
 * The line that published a release under benchmark id `name`, or under
 * an id whose directory name is `name` (a line DISA renamed since), into
 * *out; a manual line before a SCAP one. *out stays NULL when none did.
 */
static int line_of_former_name(struct sd_corpus *c, const char *name,
			       char **out)
{
	struct sd_strv slugs = SD_STRV_INIT;
	char *want = sd_rulefile_slug(name);
	int err, best = 0;

	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	for (size_t i = 0; i < slugs.n && best < 2; i++) {
		struct rel *v = NULL;
		size_t n = 0;

		if ((err = read_chain(c, slugs.v[i], &v, &n, NULL)) < 0)
			goto done;
		for (size_t k = 0; k < n; k++) {
			char *s = sd_rulefile_slug(v[k].bench_id);
			int hit = !strcmp(v[k].bench_id, name) ||
				  (s && want && !strcmp(s, want));

			free(s);
			if (hit && best < 2 - v[k].scap) {
				best = 2 - v[k].scap;
				free(*out);
				*out = sd_xstrdup(slugs.v[i]);
				break;
			}
		}
		rels_free(v, n);
	}
done:
	free(want);
	sd_strv_release(&slugs);
	return err;
}

int sd_corpus_resolve(struct sd_corpus *c, const char *spec, char **slug_out,
		      char **label_out, char **id_out)
{
	const char *at = strchr(spec, '@');
	const char *colon = strchr(at ? at : spec, ':');
	const char *end = spec + strlen(spec);
	const char *bend = at ? at : colon ? colon : end;
	const char *vend = colon ? colon : end;
	char *bench = sd_xstrndup(spec, (size_t)(bend - spec));
	char *version = at ? sd_xstrndup(at + 1, (size_t)(vend - at - 1)) : NULL;
	struct sd_corpus_release *rel = NULL;
	size_t n = 0, pick;
	char *slug = NULL;
	char head[41];
	int err;

	if (sd_corpus_head(c, bench, head) == 0) {
		slug = sd_xstrdup(bench);
	} else {
		slug = sd_rulefile_slug(bench);
		if (!slug || sd_corpus_head(c, slug, head) < 0) {
			free(slug);
			slug = NULL;
			if ((err = line_of_former_name(c, bench, &slug)) < 0)
				goto done;
		}
		if (!slug) {
			err = sd_error_set(SD_ENOTFOUND,
					   "no benchmark '%s' in corpus '%s' "
					   "(see 'stigdiff corpus list')",
					   bench, c->dir);
			goto done;
		}
	}
	if ((err = sd_corpus_releases(c, slug, &rel, &n)) < 0)
		goto done;
	pick = sd_corpus_latest(rel, n);
	if (version && *version && strcasecmp(version, "latest")) {
		struct sd_buf have = SD_BUF_INIT;

		for (pick = 0; pick < n; pick++)
			if (!strcasecmp(rel[pick].label, version))
				break;
		if (pick == n) {
			for (size_t i = 0; i < n; i++)
				sd_buf_addf(&have, "%s%s", i ? ", " : "",
					    rel[i].label);
			err = sd_error_set(SD_ENOTFOUND,
					   "no release '%s' of '%s' (it has %s)",
					   version, slug, have.ptr);
			sd_buf_release(&have);
			goto done;
		}
	}
	*label_out = sd_xstrdup(rel[pick].label);
	*id_out = colon && colon[1] ? sd_xstrdup(colon + 1) : NULL;
	*slug_out = slug;
	slug = NULL;
done:
	sd_corpus_releases_free(rel, n);
	free(slug);
	free(bench);
	free(version);
	return err;
}

/* The directory tree of release `label` of `slug`, through its tag. */
static int release_dir(struct sd_corpus *c, const char *slug,
		       const char *label, git_tree **out)
{
	struct sd_buf ref = SD_BUF_INIT;
	git_commit *cm = NULL;
	git_oid id;
	int err = 0;

	ref_name(&ref, "tags", slug, label);
	if (lookup_ref(c, ref.ptr, &id) < 0) {
		err = sd_error_set(SD_ENOTFOUND, "no release '%s@%s' in '%s'",
				   slug, label, c->dir);
		goto done;
	}
	if (git_commit_lookup(&cm, c->repo, &id) < 0) {
		err = git_fail(SD_EIO, ref.ptr);
		goto done;
	}
	err = dir_tree(c, git_commit_tree_id(cm), slug, out);
done:
	git_commit_free(cm);
	sd_buf_release(&ref);
	return err;
}

void sd_corpus_entries_free(struct sd_corpus_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

int sd_corpus_entries(struct sd_corpus *c, const char *slug,
		      const char *label, struct sd_corpus_entry **out,
		      size_t *n)
{
	git_tree *t = NULL;
	struct sd_corpus_entry *e;
	size_t cnt;
	int err;

	if ((err = release_dir(c, slug, label, &t)) < 0)
		return err;
	cnt = git_tree_entrycount(t);
	e = sd_xcalloc(cnt ? cnt : 1, sizeof(*e));
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(t, i);

		e[i].name = sd_xstrdup(git_tree_entry_name(te));
		git_oid_tostr(e[i].oid, sizeof(e[i].oid), git_tree_entry_id(te));
	}
	git_tree_free(t);
	*out = e;
	*n = cnt;
	return 0;
}

int sd_corpus_read_blob(struct sd_corpus *c, const char *oid,
			struct sd_buf *out)
{
	git_oid id;

	if (git_oid_fromstr(&id, oid) < 0)
		return sd_error_set(SD_EUSAGE, "'%s' is not an object id", oid);
	return read_blob_oid(c, &id, out);
}

int sd_corpus_load(struct sd_corpus *c, const char *slug, const char *label,
		   struct sd_benchmark **out)
{
	git_tree *t = NULL;
	int err;

	if ((err = release_dir(c, slug, label, &t)) == 0)
		err = load_dir(c, t, slug, label, out);
	git_tree_free(t);
	return err;
}

int sd_corpus_load_releases(struct sd_corpus *c, const char *slug,
			    const struct sd_corpus_release *rel, size_t n,
			    struct sd_benchmark **out)
{
	struct blob_memo m = { NULL, 0, 0, out };
	size_t i;
	int err = 0;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	for (i = 0; i < n && !err; i++) {
		git_tree *t = NULL;

		if ((err = release_dir(c, slug, rel[i].label, &t)) == 0)
			err = read_dir(c, t, slug, rel[i].label, &m, i,
				       &out[i]);
		git_tree_free(t);
	}
	/* Sorted once all are read: the memo names rules by index. */
	for (i = 0; i < n; i++) {
		if (err < 0) {
			sd_benchmark_free(out[i]);
			out[i] = NULL;
		} else {
			finish_release(out[i], slug, rel[i].label);
		}
	}
	free(m.slot);
	return err;
}

/* ---- Lineage over the corpus ---- */

int sd_corpus_load_all(struct sd_corpus *c, struct sd_benchmark ***out,
		       size_t *n)
{
	struct sd_strv slugs = SD_STRV_INIT;
	size_t cap = 0;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = sd_corpus_benchmarks(c, &slugs)) < 0)
		goto done;
	for (size_t i = 0; i < slugs.n && !err; i++) {
		struct sd_corpus_release *rel = NULL;
		size_t nrel = 0;

		if ((err = sd_corpus_releases(c, slugs.v[i], &rel, &nrel)) < 0)
			break;
		while (cap < *n + nrel)
			SD_ALLOC_GROW(*out, cap, cap);
		if (nrel && (err = sd_corpus_load_releases(c, slugs.v[i], rel,
							   nrel, *out + *n)) == 0)
			*n += nrel;
		sd_corpus_releases_free(rel, nrel);
	}
done:
	sd_strv_release(&slugs);
	if (err < 0) {
		for (size_t i = 0; i < *n; i++)
			sd_benchmark_free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return err;
}

int sd_corpus_curated(struct sd_corpus *c, struct sd_lineage_links *links)
{
	struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
	int err = sd_corpus_lineage_file(c, SD_CORPUS_CURATED, &text);

	sd_buf_addf(&name, "%s:lineage/" SD_CORPUS_CURATED, c->dir);
	if (err == 0)
		err = sd_lineage_links_parse(links, text.ptr, text.len,
					     name.ptr);
	else if (err == SD_ENOTFOUND)
		err = 0;
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}
