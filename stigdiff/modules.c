/*
 * Two parts of stigdiff are loaded only when first called, each a shared
 * object beside the binary: the corpus (corpus.c with libgit2,
 * stigdiff-corpus.so) and zip reading (archive.c with libzip,
 * stigdiff-zip.so). Each function of theirs in the binary loads its
 * module on the first call and calls the module's function of the same
 * name. libgit2 and libzip bring twenty libraries (TLS, SSH, Kerberos,
 * regular expressions, OpenSSL, bzip2), which cost more start-up than a
 * short run's own work; a command that never opens a corpus or a zip
 * starts without them. The test runner links corpus.c and archive.c
 * themselves.
 *
 * Not part of libstigdiff.a: the Makefile links it into the binary only.
 */
#include "archive.h"
#include "corpus.h"
#include "error.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct module {
	const char *file, *what;
	void *handle;
};

static struct module corpus_module = { "stigdiff-corpus.so", "corpus", NULL };
static struct module zip_module = { "stigdiff-zip.so", "zip", NULL };

/* Module m, loaded once; NULL with the error set when it cannot be. */
static void *load(struct module *m)
{
	char path[4096];
	ssize_t n;
	char *slash;

	if (m->handle)
		return m->handle;
	n = readlink("/proc/self/exe", path, sizeof(path) - 64);
	if (n > 0)
		path[n] = '\0';
	if (n <= 0 || !(slash = strrchr(path, '/'))) {
		sd_error_set(SD_EIO, "cannot find the %s module %s: "
			     "/proc/self/exe unreadable", m->what, m->file);
		return NULL;
	}
	snprintf(slash + 1, 64, "%s", m->file);
	if (!(m->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
		sd_error_set(SD_EIO, "cannot load the %s module: %s", m->what,
			     dlerror());
	return m->handle;
}

/* Function `name` of module m into *fn; 0, or the error code. */
static int find(struct module *m, void **fn, const char *name)
{
	void *h;

	if (*fn)
		return 0;
	if (!(h = load(m)))
		return sd_error_code();
	if (!(*fn = dlsym(h, name)))
		return sd_error_set(SD_EIO, "the %s module has no %s", m->what,
				    name);
	return 0;
}

/*
 * One forwarding function: `type name(params)` calling module m's
 * `name` with `args`; `fail` is returned when the module cannot be
 * loaded. Functions that free or report return nothing when their
 * module was never loaded: what they are given can only come from it.
 */
#define FORWARD(m, type, name, params, args, fail)                      \
	type name params                                                \
	{                                                               \
		static union {                                          \
			void *p;                                        \
			type(*f) params;                                \
		} u;                                                    \
		if (find(&(m), &u.p, #name) < 0)                        \
			return fail;                                    \
		return u.f args;                                        \
	}

#define FORWARD_VOID(m, name, params, args)                             \
	void name params                                                \
	{                                                               \
		static union {                                          \
			void *p;                                        \
			void (*f) params;                               \
		} u;                                                    \
		if ((m).handle && find(&(m), &u.p, #name) == 0)         \
			u.f args;                                       \
	}

/* ---- Zip reading: archive.h ---- */

FORWARD(zip_module, int, sd_archive_open,
	(struct sd_archive **out, const void *data, size_t len,
	 const char *display),
	(out, data, len, display), sd_error_code())
FORWARD_VOID(zip_module, sd_archive_free, (struct sd_archive *a), (a))
FORWARD(zip_module, size_t, sd_archive_count, (const struct sd_archive *a),
	(a), 0)
FORWARD(zip_module, const char *, sd_archive_name,
	(struct sd_archive *a, size_t i), (a, i), NULL)
FORWARD(zip_module, int, sd_archive_stat,
	(struct sd_archive *a, size_t i, struct sd_member_info *mi),
	(a, i, mi), sd_error_code())
FORWARD(zip_module, int, sd_archive_read_head,
	(struct sd_archive *a, size_t i, char *buf, size_t n, size_t *got),
	(a, i, buf, n, got), sd_error_code())
FORWARD(zip_module, int, sd_archive_read,
	(struct sd_archive *a, size_t i, size_t max, char **data, size_t *len),
	(a, i, max, data, len), sd_error_code())

/* ---- The corpus: corpus.h ---- */

#define CORPUS(name, params, args) \
	FORWARD(corpus_module, int, name, params, args, sd_error_code())

FORWARD_VOID(corpus_module, sd_corpus_global_shutdown, (void), ())
FORWARD_VOID(corpus_module, sd_corpus_free, (struct sd_corpus *c), (c))
FORWARD_VOID(corpus_module, sd_corpus_import_free,
	     (struct sd_corpus_import *im), (im))
FORWARD_VOID(corpus_module, sd_corpus_releases_free,
	     (struct sd_corpus_release *rel, size_t n), (rel, n))
FORWARD_VOID(corpus_module, sd_corpus_entries_free,
	     (struct sd_corpus_entry *e, size_t n), (e, n))
FORWARD(corpus_module, const char *, sd_corpus_dir,
	(const struct sd_corpus *c), (c), "")
FORWARD(corpus_module, int, sd_corpus_interrupted, (struct sd_corpus *c),
	(c), 0)
CORPUS(sd_corpus_create, (const char *dir), (dir))
CORPUS(sd_corpus_open, (struct sd_corpus **out, const char *dir),
       (out, dir))
CORPUS(sd_corpus_private_path,
       (struct sd_corpus *c, const char *name, struct sd_buf *out),
       (c, name, out))
CORPUS(sd_corpus_lock, (struct sd_corpus *c, int wait), (c, wait))
CORPUS(sd_corpus_import_new,
       (struct sd_corpus_import **out, struct sd_corpus *c, int replace,
	sd_corpus_event_fn fn, void *ctx),
       (out, c, replace, fn, ctx))
CORPUS(sd_corpus_import_add,
       (struct sd_corpus_import *im, struct sd_benchmark *b), (im, b))
CORPUS(sd_corpus_import_lineage,
       (struct sd_corpus_import *im, const char *name, const char *text,
	size_t len, const char *message, int *changed),
       (im, name, text, len, message, changed))
CORPUS(sd_corpus_import_prepare,
       (struct sd_corpus_import *im, struct sd_strv *changed), (im, changed))
CORPUS(sd_corpus_import_commit, (struct sd_corpus_import *im), (im))
CORPUS(sd_corpus_benchmarks, (struct sd_corpus *c, struct sd_strv *slugs),
       (c, slugs))
CORPUS(sd_corpus_releases,
       (struct sd_corpus *c, const char *slug, struct sd_corpus_release **out,
	size_t *n),
       (c, slug, out, n))
CORPUS(sd_corpus_head, (struct sd_corpus *c, const char *slug, char out[41]),
       (c, slug, out))
FORWARD(corpus_module, size_t, sd_corpus_latest,
	(const struct sd_corpus_release *rel, size_t n), (rel, n), 0)
FORWARD(corpus_module, const char *, sd_corpus_line_kind,
	(const struct sd_corpus_release *rel, size_t n), (rel, n), "stig")
FORWARD(corpus_module, int, sd_corpus_are_siblings,
	(struct sd_corpus *c, const char *a, const struct sd_corpus_release *ra,
	 size_t na, const char *b, const struct sd_corpus_release *rb,
	 size_t nb),
	(c, a, ra, na, b, rb, nb), 0)
CORPUS(sd_corpus_snapshot,
       (struct sd_corpus *c, const char *ref, struct sd_strv *slugs,
	struct sd_strv *labels),
       (c, ref, slugs, labels))
CORPUS(sd_corpus_siblings,
       (struct sd_corpus *c, const char *slug, struct sd_strv *out),
       (c, slug, out))
CORPUS(sd_corpus_resolve,
       (struct sd_corpus *c, const char *spec, char **slug, char **label,
	char **id),
       (c, spec, slug, label, id))
CORPUS(sd_corpus_entries,
       (struct sd_corpus *c, const char *slug, const char *label,
	struct sd_corpus_entry **out, size_t *n),
       (c, slug, label, out, n))
CORPUS(sd_corpus_lineage_file,
       (struct sd_corpus *c, const char *name, struct sd_buf *out),
       (c, name, out))
CORPUS(sd_corpus_lineage_key, (struct sd_corpus *c, char out[41]), (c, out))
CORPUS(sd_corpus_read_blob,
       (struct sd_corpus *c, const char *oid, struct sd_buf *out),
       (c, oid, out))
CORPUS(sd_corpus_load,
       (struct sd_corpus *c, const char *slug, const char *label,
	struct sd_benchmark **out),
       (c, slug, label, out))
CORPUS(sd_corpus_load_releases,
       (struct sd_corpus *c, const char *slug,
	const struct sd_corpus_release *rel, size_t n,
	struct sd_benchmark **out),
       (c, slug, rel, n, out))
CORPUS(sd_corpus_load_all,
       (struct sd_corpus *c, struct sd_benchmark ***out, size_t *n),
       (c, out, n))
CORPUS(sd_corpus_curated, (struct sd_corpus *c, struct sd_lineage_links *l),
       (c, l))
CORPUS(sd_corpus_take_steps, (struct sd_corpus *c, struct sd_lineage *lin),
       (c, lin))

/*
 * libgit2's start-up readies TLS for remotes and, built with mbedtls as
 * Debian builds it, parses the system's whole CA bundle, which took 15
 * ms of every corpus command (54 million instructions; `corpus search`
 * spent most of its time there). stigdiff never talks to a remote: the
 * binary exports this no-op under the name libgit2 calls, and the
 * dynamic linker, which looks in the binary first, takes it. No
 * certificate is loaded; nothing else changes.
 */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
