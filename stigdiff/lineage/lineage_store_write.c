/*
 * Writing a computed lineage as the stored lineage's files (see
 * lineage_store.h).
 *
 * A line's hops between consecutive releases are mostly "same rule id,
 * same text": such a hop is not written. The reader makes it again
 * between a rule of one release and the rule of the next release that
 * is written as the same rule record (same ids, title, SRG, fields),
 * unless either has hops written there or a `nohop` line says the two
 * were not paired. The writer only leaves out a hop whose evidence it
 * can make again word for word, so stored and computed traces agree.
 */
#include "lineage_store_int.h"
#include "error.h"
#include "rulefile.h"
#include "hash.h"
#include "tsv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
/* ---- Writing ---- */


static void join_strv(struct sd_buf *b, const struct sd_strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			sd_buf_addch(b, ' ');
		sd_buf_addstr(b, v->v[i]);
	}
}

/* A rule's record after the track number. */
static void rule_record(const struct sd_rule *r, struct sd_buf *out)
{
	struct sd_buf l = SD_BUF_INIT;

	add_field(out, r->vuln_id);
	add_field(out, r->rule_id);
	add_field(out, r->stig_id);
	add_field(out, r->group_title);
	add_field(out, r->severity_raw);
	sd_buf_addf(out, "\t%d\t",
		    sd_lineage_store_field_mask(r) |
			    (sd_lineage_store_has_words(r->title) ? 8 : 0));
	join_strv(&l, &r->ccis);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	sd_buf_reset(&l);
	sd_buf_addch(out, '\t');
	join_strv(&l, &r->legacy);
	sd_tsv_field(out, l.ptr ? l.ptr : "");
	add_field(out, r->title);
	sd_buf_release(&l);
}

/* Rule records of a line: distinct texts, a number each. */
struct tracks {
	char **text;  /* the record after the number */
	unsigned long long *digest;
	size_t n, cap;
	size_t *slot; /* open addressing: index + 1 */
	size_t mask;
};

static size_t track_of(struct tracks *t, const char *rec)
{
	unsigned long long d = sd_digest64(SD_DIGEST_INIT, rec, strlen(rec));
	size_t i;

	if ((t->n + 1) * 2 > t->mask + 1) {
		size_t cap = t->mask ? (t->mask + 1) * 2 : 256;

		free(t->slot);
		t->slot = sd_xcalloc(cap, sizeof(*t->slot));
		t->mask = cap - 1;
		for (size_t k = 0; k < t->n; k++) {
			for (i = t->digest[k] & t->mask; t->slot[i];
			     i = (i + 1) & t->mask)
				;
			t->slot[i] = k + 1;
		}
	}
	for (i = d & t->mask; t->slot[i]; i = (i + 1) & t->mask)
		if (t->digest[t->slot[i] - 1] == d &&
		    !strcmp(t->text[t->slot[i] - 1], rec))
			return t->slot[i] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->text = sd_xrealloc(t->text, t->cap * sizeof(*t->text));
		t->digest = sd_xrealloc(t->digest, t->cap * sizeof(*t->digest));
	}
	t->text[t->n] = sd_xstrdup(rec);
	t->digest[t->n] = d;
	t->slot[i] = ++t->n;
	return t->n - 1;
}

static void tracks_release(struct tracks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->digest);
	free(t->slot);
}

static const char *step_type_name(enum sd_lineage_step_type t)
{
	switch (t) {
	case SD_LINEAGE_HOP: return "hop";
	case SD_LINEAGE_CROSS: return "cross";
	case SD_LINEAGE_CANDIDATE: return "candidate";
	case SD_LINEAGE_PEER_SIBLING: return "sibling";
	default: return "related";
	}
}

/*
 * The releases the steps of one file name: "target" records, written
 * once each, which steps refer to by number (what the reader needs to
 * show a rule of a line it does not read).
 */
struct targets {
	struct sd_strv key;  /* "file\tpos" */
	struct sd_buf out;   /* the target records */
};

static size_t target_of(struct targets *t, const char *file, size_t pos,
			const char *bench_id, const char *title,
			const char *label, int v, int r, const char *version,
			const char *date, const char *source, size_t nrules)
{
	struct sd_buf k = SD_BUF_INIT;
	size_t i;

	sd_buf_addf(&k, "%s\t%zu", file, pos);
	for (i = t->key.n; i-- > 0;)
		if (!strcmp(t->key.v[i], k.ptr))
			break;
	if (i != SIZE_MAX) {
		sd_buf_release(&k);
		return i;
	}
	sd_strv_push_owned(&t->key, sd_buf_detach(&k));
	sd_buf_addf(&t->out, "target\t%zu", t->key.n - 1);
	add_field(&t->out, file);
	sd_buf_addf(&t->out, "\t%zu", pos);
	add_field(&t->out, bench_id);
	add_field(&t->out, title);
	add_field(&t->out, label);
	sd_buf_addf(&t->out, "\t%d\t%d", v, r);
	add_field(&t->out, version);
	add_field(&t->out, date);
	add_field(&t->out, source);
	sd_buf_addf(&t->out, "\t%zu\n", nrules);
	return t->key.n - 1;
}

static void targets_release(struct targets *t)
{
	sd_strv_release(&t->key);
	sd_buf_release(&t->out);
}

/* The other side of a step: its release (a target) and rule; the rule's
 * ids and title for a peer or a candidate, which a reader shows without
 * reading its line. */
static void other_record(struct sd_buf *out, struct targets *t,
			 const char *file, size_t pos, size_t rule,
			 const struct sd_benchmark *b, int peer)
{
	const struct sd_rule *r = &b->rules[rule];
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "\t%zu\t%zu",
		    target_of(t, file, pos, b->id, b->title, label, b->v, b->r,
			      b->version, b->date, b->source, b->nrules),
		    rule);
	add_field(out, peer ? r->vuln_id : NULL);
	add_field(out, peer ? r->rule_id : NULL);
	add_field(out, peer ? r->stig_id : NULL);
	add_field(out, peer ? r->title : NULL);
}

/* The file stems of lin's lines. */
static char **line_files(struct sd_lineage *lin)
{
	size_t n = sd_lineage_lines(lin);
	char **v = sd_xcalloc(n ? n : 1, sizeof(*v));

	for (size_t l = 0; l < n; l++)
		v[l] = sd_lineage_store_line_file(
			sd_lineage_line_product(lin, l)->key);
	return v;
}

static void release_record(struct sd_buf *out, size_t pos,
			   const struct sd_benchmark *b)
{
	char label[64];

	sd_rulefile_label(b, label);
	sd_buf_addf(out, "release\t%zu", pos);
	add_field(out, b->id);
	add_field(out, label);
	sd_buf_addf(out, "\t%d\t%d", b->v, b->r);
	if (b->rsub) /* a draft's V1R0.2 */
		sd_buf_addf(out, ".%d", b->rsub);
	add_field(out, b->version);
	add_field(out, b->date);
	add_field(out, b->source);
	add_field(out, b->title);
	sd_buf_addch(out, '\n');
}

/* The lines/ file of line l. */
static size_t write_line(struct sd_lineage *lin, size_t l, char **files,
			 struct sd_buf *out, struct sd_strv *ids)
{
	const struct sd_product *prod = sd_lineage_line_product(lin, l);
	const size_t *rels;
	size_t nrel = sd_lineage_line_releases(lin, l, &rels), nsteps = 0;
	struct tracks tr;
	size_t **tk = sd_xcalloc(nrel ? nrel : 1, sizeof(*tk));
	struct sd_buf rec = SD_BUF_INIT, body = SD_BUF_INIT;

	memset(&tr, 0, sizeof(tr));
	sd_buf_addstr(out, LINE_MAGIC "\n");
	sd_buf_addstr(out, "line");
	add_field(out, prod->key);
	add_field(out, sd_lineage_line_name(lin, l));
	sd_buf_addch(out, '\n');
	for (size_t k = 0; k < nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k]);

		release_record(out, k, b);
		tk[k] = sd_xcalloc(b->nrules ? b->nrules : 1, sizeof(**tk));
		for (size_t i = 0; i < b->nrules; i++) {
			const struct sd_rule *r = &b->rules[i];
			size_t before = tr.n;

			sd_buf_reset(&rec);
			rule_record(r, &rec);
			tk[k][i] = track_of(&tr, rec.ptr);
			if (tr.n > before)
				sd_buf_addf(&body, "rule\t%zu%s\n", tk[k][i],
					    rec.ptr);
			sd_lineage_ids_add(ids, r->vuln_id, files[l]);
			sd_lineage_ids_add(ids, r->stig_id, files[l]);
			sd_lineage_ids_add(ids, r->rule_base, files[l]);
			sd_lineage_ids_add(ids, r->rule_id, files[l]);
			for (size_t q = 0; q < r->legacy.n; q++)
				sd_lineage_ids_add(ids, r->legacy.v[q], files[l]);
		}
		sd_buf_addf(&body, "rules\t%zu\t", k);
		for (size_t i = 0; i < b->nrules; i++)
			sd_buf_addf(&body, "%s%zu", i ? "," : "", tk[k][i]);
		sd_buf_addch(&body, '\n');
	}
	/* Hops between consecutive releases: the plain ones left out. */
	for (size_t k = 0; k + 1 < nrel; k++) {
		const struct sd_benchmark *a = sd_lineage_release(lin, rels[k]);
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k + 1]);
		size_t *cnt_b = sd_xcalloc(b->nrules ? b->nrules : 1,
					   sizeof(*cnt_b));
		size_t *uniq_a = sd_xcalloc(tr.n ? tr.n : 1, sizeof(*uniq_a));
		size_t *uniq_b = sd_xcalloc(tr.n ? tr.n : 1, sizeof(*uniq_b));

		for (size_t i = 0; i < a->nrules; i++)
			uniq_a[tk[k][i]]++;
		for (size_t j = 0; j < b->nrules; j++)
			uniq_b[tk[k + 1][j]]++;
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					cnt_b[s[q].rule]++;
		}
		for (size_t i = 0; i < a->nrules; i++) {
			const struct sd_lineage_step *s;
			size_t n = sd_lineage_steps(lin, rels[k], i, 1, &s);
			size_t hops = 0, partner = SIZE_MAX, t = tk[k][i];
			int plain = 0;

			for (size_t q = 0; q < n; q++)
				if (s[q].type == SD_LINEAGE_HOP)
					hops++;
			/* The rule of the next release with the same record. */
			if (uniq_a[t] == 1 && uniq_b[t] == 1)
				for (size_t j = 0; j < b->nrules; j++)
					if (tk[k + 1][j] == t)
						partner = j;
			for (size_t q = 0; q < n; q++) {
				if (s[q].type != SD_LINEAGE_HOP)
					continue;
				if (hops == 1 && s[q].rule == partner &&
				    cnt_b[partner] == 1 &&
				    s[q].kind == SD_MATCH_SAME_ID &&
				    s[q].score == 1.0) {
					sd_buf_reset(&rec);
					sd_lineage_store_plain_evidence(&a->rules[i], &rec);
					if (s[q].evidence &&
					    !strcmp(rec.ptr, s[q].evidence)) {
						plain = 1;
						continue;
					}
				}
				sd_buf_addf(&body, "hop\t%zu\t%zu\t%zu\t%s\t%.17g",
					    k, i, s[q].rule,
					    sd_match_kind_name(s[q].kind),
					    s[q].score);
				add_field(&body, s[q].evidence);
				sd_buf_addch(&body, '\n');
				nsteps += 2;
			}
			if (plain) {
				nsteps += 2;
			} else if (partner != SIZE_MAX && !hops &&
				   !cnt_b[partner]) {
				/* Same record, not paired: say so. */
				sd_buf_addf(&body, "nohop\t%zu\t%zu\n", k, i);
			}
		}
		free(cnt_b);
		free(uniq_a);
		free(uniq_b);
	}
	sd_buf_add(out, body.ptr ? body.ptr : "", body.len);
	for (size_t k = 0; k < nrel; k++)
		free(tk[k]);
	free(tk);
	tracks_release(&tr);
	sd_buf_release(&rec);
	sd_buf_release(&body);
	return nsteps;
}

/* The steps/ file of line l; edges into idx. */
static size_t write_steps(struct sd_lineage *lin, size_t l, char **files,
			  struct sd_buf *out, struct sd_lineage_index *idx,
			  size_t me)
{
	const size_t *rels;
	size_t nrel = sd_lineage_line_releases(lin, l, &rels), nsteps = 0;
	static const char *const dirs[3] = { "peer", "back", "fwd" };
	struct targets tg = { SD_STRV_INIT, SD_BUF_INIT };
	struct sd_buf body = SD_BUF_INIT;

	for (size_t k = 0; k < nrel; k++) {
		const struct sd_benchmark *b = sd_lineage_release(lin, rels[k]);

		for (size_t i = 0; i < b->nrules; i++)
			for (int d = 1; d >= -1; d--) {
				const struct sd_lineage_step *s;
				size_t n = sd_lineage_steps(lin, rels[k], i, d, &s);

				for (size_t q = 0; q < n; q++) {
					size_t ol, opos;

					if (s[q].type == SD_LINEAGE_HOP ||
					    s[q].type == SD_LINEAGE_PEER_RELATED)
						continue;
					sd_lineage_release_line(lin, s[q].rel, &ol,
								&opos);
					sd_buf_addf(&body, "step\t%zu\t%zu\t%s\t%s\t%s\t%.17g",
						    k, i, dirs[d + 1],
						    step_type_name(s[q].type),
						    sd_match_kind_name(s[q].kind),
						    s[q].score);
					add_field(&body, s[q].evidence);
					/* What is shown, not followed, says
					 * what to show of its rule. */
					other_record(&body, &tg, files[ol], opos,
						     s[q].rule,
						     sd_lineage_release(lin, s[q].rel),
						     d < 0 || s[q].type ==
							     SD_LINEAGE_CANDIDATE);
					sd_buf_addch(&body, '\n');
					nsteps++;
					if (ol == l)
						continue;
					if (d >= 0)
						sd_lineage_index_add_edge(idx, me,
							   sd_lineage_index_add_line(idx, files[ol]),
							   d ? SD_LINEAGE_EDGE_FWD
							     : SD_LINEAGE_EDGE_BACK);
					else
						sd_lineage_index_add_edge(idx, me,
							   sd_lineage_index_add_line(idx, files[ol]),
							   SD_LINEAGE_EDGE_SIBLING);
				}
			}
	}
	sd_buf_addstr(out, STEPS_MAGIC "\n");
	sd_buf_add(out, tg.out.ptr ? tg.out.ptr : "", tg.out.len);
	sd_buf_add(out, body.ptr ? body.ptr : "", body.len);
	targets_release(&tg);
	sd_buf_release(&body);
	return nsteps;
}

size_t sd_lineage_store_write(struct sd_lineage *lin,
			      const char *const *sources,
			      struct sd_lineage_files *files,
			      struct sd_lineage_index *idx,
			      struct sd_lineage_ids *ids)
{
	size_t nl = sd_lineage_lines(lin), nsteps = 0;
	char **lf = line_files(lin);

	for (size_t l = 0; l < nl; l++) {
		struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT;
		struct sd_strv lids = SD_STRV_INIT, bids = SD_STRV_INIT;
		struct sd_lineage_index_line *il;
		const size_t *rels;
		size_t nrel = sd_lineage_line_releases(lin, l, &rels), me;
		struct sd_buf bl = SD_BUF_INIT;

		me = sd_lineage_index_add_line(idx, lf[l]);
		/* A line computed again: its old edges go. */
		for (size_t e = 0; e < idx->nedges;)
			if (idx->edges[e].a == me)
				idx->edges[e] = idx->edges[--idx->nedges];
			else
				e++;
		nsteps += write_line(lin, l, lf, &text, &lids);
		sd_buf_addf(&name, "lines/%s.tsv", lf[l]);
		sd_lineage_files_put(files, name.ptr, &text);
		nsteps += write_steps(lin, l, lf, &text, idx, me);
		sd_buf_reset(&name);
		sd_buf_addf(&name, "steps/%s.tsv", lf[l]);
		sd_lineage_files_put(files, name.ptr, &text);
		sd_lineage_store_unique(&lids);
		for (size_t i = 0; i < lids.n; i++)
			sd_strv_push(&ids->v, lids.v[i]);
		il = &idx->lines[me];
		free(il->key);
		free(il->name);
		free(il->sources);
		free(il->benchmarks);
		il->key = sd_xstrdup(sd_lineage_line_product(lin, l)->key);
		il->name = sd_xstrdup(sd_lineage_line_name(lin, l));
		il->sources = sd_xstrdup(sources && sources[l] ? sources[l] : "");
		il->releases = nrel;
		for (size_t k = 0; k < nrel; k++) {
			const char *id = sd_lineage_release(lin, rels[k])->id;

			if (id && !sd_strv_contains(&bids, id))
				sd_strv_push(&bids, id);
		}
		join_strv(&bl, &bids);
		il->benchmarks = bl.ptr ? sd_buf_detach(&bl) : sd_xstrdup("");
		sd_strv_release(&lids);
		sd_strv_release(&bids);
		sd_buf_release(&text);
		sd_buf_release(&name);
	}
	for (size_t l = 0; l < nl; l++)
		free(lf[l]);
	free(lf);
	return nsteps;
}

size_t sd_lineage_store_related(const struct sd_lineage_relrule *v, size_t n,
				const struct sd_lineage_relpair *p, size_t np,
				const struct sd_strv *line_files,
				struct sd_lineage_files *files)
{
	size_t q = 0, nsteps = 0;

	(void)n;
	/* Pairs come by `a`, the entries of a line together, lines in the
	 * order of `line_files`. */
	for (size_t f = 0; f < line_files->n; f++) {
		struct sd_buf text = SD_BUF_INIT, name = SD_BUF_INIT, body = SD_BUF_INIT;
		struct targets tg = { SD_STRV_INIT, SD_BUF_INIT };

		for (size_t i = q; i < np; i++) {
			const struct sd_lineage_relrule *a = &v[p[i].a];
			const struct sd_lineage_relrule *b = &v[p[i].b];
			
			if (strcmp(a->file, line_files->v[f]))
				break;
			/* The evidence follows from the score: not written. */
			sd_buf_addf(&body, "step\t%zu\t%zu\tpeer\trelated\tcontent\t%.17g",
				    a->pos, a->rule, p[i].score);
			add_field(&body, NULL);
			sd_buf_addf(&body, "\t%zu\t%zu",
				    target_of(&tg, b->file, b->pos, b->bench_id,
					      b->bench_title, b->label, b->v, b->r,
					      b->version, b->date, b->source,
					      b->nrules),
				    b->rule);
			add_field(&body, b->vuln);
			add_field(&body, b->rule_id);
			add_field(&body, b->stig);
			add_field(&body, b->title);
			sd_buf_addch(&body, '\n');
						nsteps++;
			q++;
		}
		sd_buf_addstr(&text, STEPS_MAGIC "\n");
		sd_buf_add(&text, tg.out.ptr ? tg.out.ptr : "", tg.out.len);
		sd_buf_add(&text, body.ptr ? body.ptr : "", body.len);
		sd_buf_addf(&name, "related/%s.tsv", line_files->v[f]);
		sd_lineage_files_put(files, name.ptr, &text);
		sd_buf_release(&name);
		sd_buf_release(&body);
		targets_release(&tg);
	}
	return nsteps;
}
