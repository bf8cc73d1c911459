/*
 * What the corpus answers from its reading functions alone (corpus.h),
 * without libgit2: sibling lines (lines.h decides which titles are
 * alike), BENCH[@VERSION][:ID] names, every release at once, and the
 * curated links stored as lineage/curated.tsv.
 */
#include "corpus.h"
#include "error.h"
#include "lineage.h"
#include "lines.h"
#include "rulefile.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Sibling lines ---- */

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct sd_corpus_entry *)a)->name,
		      ((const struct sd_corpus_entry *)b)->name);
}

/* The share of release (sa, la)'s rule files also in (sb, lb). */
static double shared_files(struct sd_corpus *c, const char *sa,
			   const char *la, const char *sb, const char *lb)
{
	struct sd_corpus_entry *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0, hits = 0, total = 0;

	if (sd_corpus_entries(c, sa, la, &x, &nx) == 0 &&
	    sd_corpus_entries(c, sb, lb, &y, &ny) == 0) {
		/* Entries come in name order. */
		for (size_t i = 0; i < nx; i++) {
			if (!strcmp(x[i].name, SD_RULEFILE_BENCHMARK))
				continue;
			total++;
			hits += ny && bsearch(&x[i], y, ny, sizeof(*y),
					      cmp_entry) != NULL;
		}
	}
	sd_corpus_entries_free(x, nx);
	sd_corpus_entries_free(y, ny);
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

/* ---- Names ---- */

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
		struct sd_corpus_release *v = NULL;
		size_t n = 0;

		if ((err = sd_corpus_releases(c, slugs.v[i], &v, &n)) < 0)
			goto done;
		for (size_t k = 0; k < n; k++) {
			char *s = sd_rulefile_slug(v[k].bench_id);
			int hit = !strcmp(v[k].bench_id, name) ||
				  (s && want && !strcmp(s, want));
			int scap = !strcmp(v[k].kind, "scap");

			free(s);
			if (hit && best < 2 - scap) {
				best = 2 - scap;
				free(*out);
				*out = sd_xstrdup(slugs.v[i]);
				break;
			}
		}
		sd_corpus_releases_free(v, n);
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
					   bench, sd_corpus_dir(c));
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

	sd_buf_addf(&name, "%s:lineage/" SD_CORPUS_CURATED, sd_corpus_dir(c));
	if (err == 0)
		err = sd_lineage_links_parse(links, text.ptr, text.len,
					     name.ptr);
	else if (err == SD_ENOTFOUND)
		err = 0;
	sd_buf_release(&text);
	sd_buf_release(&name);
	return err;
}
