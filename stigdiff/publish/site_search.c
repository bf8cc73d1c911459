/*
 * The site's search (site_run.h): each benchmark's part of the index,
 * stig/<slug>/search.json, the list of parts, search-index.json, and the
 * search page whose script (xslt/search.js) reads them. Words are cut as
 * `corpus search` cuts them (words.h).
 */
#include "site_run.h"
#include "json.h"
#include "words.h"

#include <stdlib.h>
#include <string.h>

/* A word of a text for the search index (sd_words_keys(): as `corpus
 * search` keeps them and xslt/search.js cuts a query). */
static void add_word(const char *key, void *words)
{
	sd_strv_push(words, key);
}

struct posting {
	const char *word;
	size_t doc;
};

static int posting_cmp(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;
	int c = strcmp(x->word, y->word);

	return c ? c : (x->doc > y->doc) - (x->doc < y->doc);
}

/*
 * stig/<slug>/search.json, benchmark `sb`'s part of the search index:
 * {"docs": [[path, vuln id, STIG id, title, benchmark, severity], ...],
 * "words": [[word, doc, doc...], ...]}, words sorted, from each page's
 * title, discussion, check, fix and ids. A part belongs to its
 * benchmark, so an unchanged benchmark keeps its part.
 */
int sd_site_search_part(struct site_run *o, const struct site_bench *sb)
{
	const char *bench = sb->b[sb->nrel - 1]->title ? sb->b[sb->nrel - 1]->title
						      : sb->slug;
	struct sd_json *root = sd_json_object_new();
	struct sd_json *docs = sd_json_array_new(), *words = sd_json_array_new();
	struct sd_strv all = SD_STRV_INIT;
	struct sd_buf path = SD_BUF_INIT;
	struct posting *post = NULL;
	size_t npost = 0, cap = 0;
	int err;

	for (size_t k = 0; k < sb->npages; k++) {
		const struct sd_rule *r = sd_site_page_rule(sb, &sb->pages[k]);
		struct sd_json *d = sd_json_array_new();
		struct sd_strv ws = SD_STRV_INIT;
		const char *texts[] = { r->title, r->desc[SD_DESC_DISCUSSION],
					r->check_content, r->fix_text,
					r->vuln_id, r->rule_id,
					r->stig_id, r->group_title };

		sd_buf_reset(&path);
		sd_buf_addf(&path, "stig/%s/%s.html", sb->slug,
			    sb->pages[k].name);
		sd_json_append(d, sd_json_string_new(path.ptr));
		sd_json_append(d, sd_site_json_str(r->vuln_id));
		sd_json_append(d, sd_site_json_str(r->stig_id));
		sd_json_append(d, sd_site_json_str(r->title));
		sd_json_append(d, sd_json_string_new(bench));
		sd_json_append(d, sd_json_string_new(
			r->severity ? sd_severity_name(r->severity) : ""));
		sd_json_append(docs, d);
		for (size_t t = 0; t < SD_ARRAY_SIZE(texts); t++)
			sd_words_keys(texts[t], add_word, &ws);
		/* A word once per page: the index lists pages. */
		sd_strv_sort(&ws);
		for (size_t t = 0; t < ws.n; t++) {
			if (t && !strcmp(ws.v[t], ws.v[t - 1]))
				continue;
			sd_strv_push(&all, ws.v[t]);
			SD_ALLOC_GROW(post, npost, cap);
			post[npost].word = NULL;
			post[npost++].doc = k;
		}
		sd_strv_release(&ws);
	}
	/* `all` has stopped growing: point the postings at its strings. */
	for (size_t i = 0; i < npost; i++)
		post[i].word = all.v[i];
	qsort(post, npost, sizeof(*post), posting_cmp);
	for (size_t i = 0; i < npost;) {
		struct sd_json *wl = sd_json_array_new();
		size_t j = i;

		sd_json_append(wl, sd_json_string_new(post[i].word));
		for (; j < npost && !strcmp(post[j].word, post[i].word); j++)
			sd_json_append(wl, sd_json_int_new((long long)post[j].doc));
		sd_json_append(words, wl);
		i = j;
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-search-part"));
	sd_json_set(root, "format-version", sd_json_int_new(1));
	sd_json_set(root, "docs", docs);
	sd_json_set(root, "words", words);
	sd_buf_reset(&path);
	sd_buf_addf(&path, "stig/%s/search.json", sb->slug);
	err = sd_site_write_json(o, sb->slug, path.ptr, root);
	free(post);
	sd_strv_release(&all);
	sd_buf_release(&path);
	return err;
}

int sd_site_search_page(struct site_run *o)
{
	struct site_px x;

	sd_site_px_open(o, &x, "search", "");
	return sd_site_px_finish(o, &x, "-", "search.html");
}

/* search-index.json: {"format": "stigdiff-search", "format-version": 2,
 * "parts": ["stig/<slug>/search.json", ...]}, every benchmark's part. */
int sd_site_search_index(struct site_run *o)
{
	struct sd_site *s = o->s;
	struct sd_json *root = sd_json_object_new();
	struct sd_json *parts = sd_json_array_new();
	struct sd_buf path = SD_BUF_INIT;

	for (size_t i = 0; i < s->n; i++) {
		if (!s->v[i].nrel)
			continue;
		sd_buf_reset(&path);
		sd_buf_addf(&path, "stig/%s/search.json", s->v[i].slug);
		sd_json_append(parts, sd_json_string_new(path.ptr));
	}
	sd_json_set(root, "format", sd_json_string_new("stigdiff-search"));
	sd_json_set(root, "format-version", sd_json_int_new(2));
	sd_json_set(root, "parts", parts);
	sd_buf_release(&path);
	return sd_site_write_json(o, "-", "search-index.json", root);
}
