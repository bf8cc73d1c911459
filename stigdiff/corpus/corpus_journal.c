/*
 * The corpus's refs (see corpus_int.h): an import writes every object
 * first, then a journal naming every ref it moves, then moves them; an
 * import killed at any point leaves the repository valid, and the next
 * import applies the journal it finds.
 */
#include "corpus_int.h"
#include "error.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* ---- The journal ---- */

void sd_corpus_journal_add(struct journal *j, const char *ref,
			   const git_oid *oid)
{
	size_t n = j->refs.n;

	SD_ALLOC_GROW(j->oids, n, j->cap);
	j->oids[n] = *oid;
	sd_strv_push(&j->refs, ref);
}

void sd_corpus_journal_release(struct journal *j)
{
	sd_strv_release(&j->refs);
	free(j->oids);
	memset(j, 0, sizeof(*j));
}

/*
 * The object `name` points to: from the refs an import is about to
 * write, else from the ref database. GIT_ENOTFOUND when absent.
 */
int sd_corpus_lookup_ref(struct sd_corpus *c, const char *name, git_oid *out)
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
		return sd_corpus_git_fail(SD_EIO, name);
	sd_corpus_checkpoint();
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
		return sd_corpus_git_fail(SD_EIO, name);
	sd_corpus_checkpoint();
	return 0;
}

int sd_corpus_journal_apply(struct sd_corpus *c, const struct journal *j,
			    const char *path)
{
	int err;

	for (size_t i = 0; i < j->refs.n; i++)
		if ((err = set_ref(c, j->refs.v[i], &j->oids[i])) < 0)
			return err;
	if (unlink(path) < 0 && errno != ENOENT)
		return sd_error_errno(SD_EIO, "cannot remove '%s'", path);
	sd_corpus_checkpoint();
	return 0;
}

int sd_corpus_journal_write(struct sd_corpus *c, const struct journal *j,
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
		sd_corpus_checkpoint();
	return err;
}

/* Read a journal left by an interrupted import; 0 with j->refs.n == 0
 * when there is none. */
int sd_corpus_journal_read(struct sd_corpus *c, struct journal *j,
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
		sd_corpus_journal_add(j, line + GIT_OID_HEXSZ + 1, &oid);
	}
	if (!ended)
		goto bad;
	free(text);
	return 0;
bad:
	free(text);
	sd_corpus_journal_release(j);
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
