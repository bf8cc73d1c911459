/*
 * The documents earlier imports read (see corpus.h): by the length and
 * 64-bit digest of a document's bytes (hash.h's, which the site's
 * manifest and the caches key on too), what parsing it gave, that is, for each
 * benchmark in it, what placing a release needs (its directory tree,
 * already written, and its version, date, id, title, kind, rule count).
 * An import handed the same bytes again takes that instead of parsing
 * the document, writing its rule files and hashing them: a re-import of
 * a library is mostly that. The digest costs a fraction of a cycle a
 * byte, where SHA-1 (libgit2's, with collision detection) would cost
 * the first import of the DISA library seconds; it notices change, it
 * does not resist forgery: a document made to collide with one read
 * before would be taken for it (and not imported). The record is a cache, never the truth about
 * the corpus: the releases so taken are placed like parsed ones, and a
 * record whose trees are missing from the object database is ignored.
 *
 * <corpus>/stigdiff/known.tsv, one line per benchmark, in the TSV dialect:
 *
 *   stigdiff-known 1 <reader>
 *   <length>-<digest> <k> <n> <tree> <scap> <draft> <rules> <label>
 *                      <date> <benchmark id> <title> <kind>
 *
 * (tab-separated; k of n benchmarks of the document, in reading order).
 * <reader> names what decides a parse's result besides the bytes: the
 * stigdiff version and the field and rule limits; a file written under
 * another reader is set aside whole. Documents that gave a warning, a
 * problem or no benchmark are not recorded: they are read every time,
 * so what they say is said every time.
 */
#include "corpus_int.h"
#include "error.h"
#include "tsv.h"
#include "version.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KNOWN_FILE "known.tsv"
#define KNOWN_MAGIC "stigdiff-known 1 "
#define KNOWN_FIELDS 12

static void known_rel_release(struct known_rel *r)
{
	free(r->label);
	free(r->date);
	free(r->bench_id);
	free(r->title);
}

void sd_corpus_known_release(struct known *k)
{
	for (size_t i = 0; i < k->n; i++)
		known_rel_release(&k->v[i]);
	free(k->v);
	free(k->reader);
	sd_htab_release(&k->index);
	memset(k, 0, sizeof(*k));
}

static uint64_t oid_hash(const struct known_doc *d)
{
	return d->digest ^ (uint64_t)d->len;
}

static int same_doc(const struct known_doc *a, const struct known_doc *b)
{
	return a->digest == b->digest && a->len == b->len;
}

/* "<length>-<digest>", 16 hex digits, into *d; -1 when it is not. */
static int doc_parse(const char *s, struct known_doc *d)
{
	char *end;
	unsigned long long len = strtoull(s, &end, 10);

	if (end == s || *end != '-' || strlen(end + 1) != 16)
		return -1;
	s = end + 1;
	d->digest = strtoull(s, &end, 16);
	d->len = (size_t)len;
	return *end ? -1 : 0;
}

/* The first record of document `doc`, by index + 1; 0 when none. A
 * forgotten document's records hold no id and are not written. */
static size_t find_doc(const struct known *k, const struct known_doc *doc)
{
	size_t pos, i;
	uint64_t h = oid_hash(doc);

	for (i = sd_htab_find(&k->index, h, &pos); i;
	     i = sd_htab_next(&k->index, h, &pos))
		if (k->v[i - 1].of && same_doc(&k->v[i - 1].doc, doc))
			return i;
	return 0;
}

static void forget(struct known *k, size_t first)
{
	for (size_t i = first + k->v[first].of; i-- > first;) {
		memset(&k->v[i].doc, 0, sizeof(k->v[i].doc));
		k->v[i].of = 0;
	}
	k->nread = SIZE_MAX; /* written again */
}

static struct known_rel *add_rel(struct known *k)
{
	struct known_rel *r;

	SD_ALLOC_GROW(k->v, k->n, k->cap);
	r = &k->v[k->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* One line of the file into a record; -1 when it is not one. */
static int parse_line(struct known *k, char *s, char *end)
{
	char *f[KNOWN_FIELDS];
	struct known_rel *r;
	char *num;

	if (sd_tsv_split(s, end, f, KNOWN_FIELDS) < 0 || !f[0] || !f[3] ||
	    !f[7] || !f[9])
		return -1;
	r = add_rel(k);
	if (doc_parse(f[0], &r->doc) < 0 ||
	    git_oid_fromstr(&r->dir, f[3]) < 0)
		goto bad;
	r->k = strtoul(f[1] ? f[1] : "", &num, 10);
	if (*num)
		goto bad;
	r->of = strtoul(f[2] ? f[2] : "", &num, 10);
	if (*num || r->k >= r->of)
		goto bad;
	r->scap = f[4] && !strcmp(f[4], "1");
	r->draft = f[5] && !strcmp(f[5], "1");
	r->nrules = strtoul(f[6] ? f[6] : "", &num, 10);
	if (*num)
		goto bad;
	r->label = sd_xstrdup(f[7]);
	r->date = f[8] ? sd_xstrdup(f[8]) : NULL;
	r->bench_id = sd_xstrdup(f[9]);
	r->title = sd_xstrdup(f[10] ? f[10] : "");
	(void)f[11]; /* the kind, for people reading the file */
	return 0;
bad:
	k->n--;
	return -1;
}

/* Read the file once, when the first document is asked about. A file
 * that cannot be read or was written by another reader is not used:
 * the import reads every document, and records them anew. */
static void load(struct sd_corpus_import *im)
{
	struct known *k = &im->known;
	struct sd_buf path = SD_BUF_INIT;
	char *text = NULL, *s, *end, *nl;
	size_t len = 0;

	k->loaded = 1;
	if (sd_corpus_private_path(im->c, KNOWN_FILE, &path) < 0 ||
	    sd_read_file(path.ptr, (size_t)256 << 20, &text, &len) < 0)
		goto done;
	end = text + len;
	nl = memchr(text, '\n', len);
	if (!nl || (size_t)(nl - text) != strlen(k->reader) ||
	    memcmp(text, k->reader, strlen(k->reader)))
		goto done;
	for (s = nl + 1; s < end; s = nl + 1) {
		if (!(nl = memchr(s, '\n', (size_t)(end - s))))
			break; /* a last line cut short */
		parse_line(k, s, nl);
	}
	/* Index each document's complete run of records (k = 0 .. n-1). */
	for (size_t i = 0; i < k->n; i++) {
		size_t n = k->v[i].of, j;

		if (k->v[i].k != 0 || i + n > k->n)
			continue;
		for (j = 1; j < n; j++)
			if (k->v[i + j].k != j || k->v[i + j].of != n ||
			    !same_doc(&k->v[i + j].doc, &k->v[i].doc))
				break;
		if (j == n && !find_doc(k, &k->v[i].doc))
			sd_htab_put(&k->index, oid_hash(&k->v[i].doc), i);
	}
	k->nread = k->n;
done:
	sd_error_clear();
	free(text);
	sd_buf_release(&path);
}

void sd_corpus_import_reader(struct sd_corpus_import *im,
			     const struct sd_parse_opts *po)
{
	struct sd_buf r = SD_BUF_INIT;

	sd_buf_addf(&r, "%s%s %zu %zu", KNOWN_MAGIC, SD_VERSION,
		    po && po->max_field ? po->max_field
					: SD_PARSE_MAX_FIELD_DEFAULT,
		    po && po->max_rules ? po->max_rules
					: SD_PARSE_MAX_RULES_DEFAULT);
	free(im->known.reader);
	im->known.reader = sd_buf_detach(&r);
}

int sd_corpus_import_known(struct sd_corpus_import *im, const char *data,
			   size_t len, const char *display)
{
	struct known *k = &im->known;
	size_t first;

	k->reading = 0;
	if (!k->reader)
		return 0;
	if (!k->loaded)
		load(im);
	k->cur.digest = sd_digest64(SD_DIGEST_INIT, data, len);
	k->cur.len = len;
	k->reading = 1;
	k->start = im->n;
	k->warnings = sd_warn_count();
	k->bad = 0;
	if (!(first = find_doc(k, &k->cur)))
		return 0;
	/* Every tree still there (`git gc` prunes those of releases no ref
	 * holds), or the document is read again and recorded anew. */
	for (size_t i = first - 1; i < first - 1 + k->v[first - 1].of; i++)
		if (!git_odb_exists(im->odb, &k->v[i].dir)) {
			forget(k, first - 1);
			return 0;
		}
	k->reading = 0;
	for (size_t i = first - 1; i < first - 1 + k->v[first - 1].of; i++) {
		const struct known_rel *r = &k->v[i];
		struct pending *p;

		SD_ALLOC_GROW(im->p, im->n, im->cap);
		p = &im->p[im->n];
		memset(p, 0, sizeof(*p));
		p->label = sd_xstrdup(r->label);
		p->date = r->date ? sd_xstrdup(r->date) : NULL;
		p->bench_id = sd_xstrdup(r->bench_id);
		p->title = sd_xstrdup(r->title);
		p->source = sd_xstrdup(display ? display : "");
		p->scap = r->scap;
		p->draft = r->draft;
		p->dir = r->dir;
		p->nrules = r->nrules;
		p->order = im->n++;
	}
	return 1;
}

void sd_corpus_import_parsed(struct sd_corpus_import *im, int err)
{
	struct known *k = &im->known;
	size_t n = im->n - k->start;

	if (!k->reading)
		return;
	k->reading = 0;
	if (err || k->bad || !n || sd_warn_count() != k->warnings ||
	    find_doc(k, &k->cur))
		return;
	sd_htab_put(&k->index, oid_hash(&k->cur), k->n);
	for (size_t i = k->start; i < im->n; i++) {
		const struct pending *p = &im->p[i];
		struct known_rel *r = add_rel(k);

		r->doc = k->cur;
		r->k = i - k->start;
		r->of = n;
		r->dir = p->dir;
		r->scap = p->scap;
		r->draft = p->draft;
		r->nrules = p->nrules;
		r->label = sd_xstrdup(p->label);
		r->date = p->date ? sd_xstrdup(p->date) : NULL;
		r->bench_id = sd_xstrdup(p->bench_id);
		r->title = sd_xstrdup(p->title);
	}
}

/*
 * Write the records, the file's and this import's, when there are new
 * ones: after the import's objects are in packs, so that the trees they
 * name are there. A failure to write costs speed only: it is not an
 * error of the import.
 */
void sd_corpus_known_write(struct sd_corpus_import *im)
{
	struct known *k = &im->known;
	struct sd_buf out = SD_BUF_INIT, path = SD_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];

	if (!k->reader || k->n == k->nread)
		return;
	sd_buf_addf(&out, "%s\n", k->reader);
	for (size_t i = 0; i < k->n; i++) {
		const struct known_rel *r = &k->v[i];

		if (!r->of)
			continue; /* forgotten */
		sd_buf_addf(&out, "%zu-%016llx\t%zu\t%zu\t", r->doc.len,
			    (unsigned long long)r->doc.digest, r->k, r->of);
		git_oid_tostr(hex, sizeof(hex), &r->dir);
		sd_buf_addf(&out, "%s\t%d\t%d\t%zu\t", hex, r->scap, r->draft,
			    r->nrules);
		sd_tsv_field(&out, r->label);
		sd_buf_addch(&out, '\t');
		sd_tsv_field_or_null(&out, r->date);
		sd_buf_addch(&out, '\t');
		sd_tsv_field(&out, r->bench_id);
		sd_buf_addch(&out, '\t');
		sd_tsv_field(&out, r->title);
		sd_buf_addf(&out, "\t%s\n", r->scap ? "scap" : "release");
	}
	if (sd_corpus_private_path(im->c, KNOWN_FILE, &path) == 0)
		sd_write_file(path.ptr, out.ptr, out.len, 1);
	sd_error_clear();
	k->nread = k->n;
	sd_buf_release(&out);
	sd_buf_release(&path);
}
