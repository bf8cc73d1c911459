/*
 * Reading the files of a stored lineage for a trace (see lineage_store.h):
 * a line's lines/ file, the parts/ and related/ files asked for, each
 * kept as read and split where it is (lineage_store_trace.c decides
 * what to read).
 */
#include "lineage_store_int.h"
#include "error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void sd_lineage_rline_release(struct rline *l)
{
	for (size_t k = 0; k < l->nrel; k++) {
		free(l->tk[k]);
		free(l->nohop[k]);
		free(l->out[k]);
		free(l->in[k]);
		free(l->seen[k]);
		if (l->at)
			free(l->at[k]);
	}
	free(l->at);
	sd_buf_release(&l->head);
	for (size_t q = 0; q < l->ntext; q++)
		sd_buf_release(&l->text[q]);
	free(l->text);
	free(l->part_read);
	free(l->related_read);
	free(l->hdr);
	free(l->tk);
	free(l->nr);
	free(l->nohop);
	free(l->out);
	free(l->in);
	free(l->seen);
	free(l->tr);
	free(l->h);
	free(l->xs);
	free(l->tg);
	free(l->file);
}

/* Whether a file's first line (n fields in f) names format 3 of `kind`. */
static int format3_head(char **f, size_t n, const char *kind)
{
	return n == 2 && f[0] && !strcmp(f[0], kind) && f[1] &&
	       !strcmp(f[1], "3");
}

int sd_lineage_rline_head(const struct sd_lineage_source *src,
			  const char *file, size_t nrelated, struct rline *l)
{
	struct sd_buf *text = &l->head, name = SD_BUF_INIT;
	char *p, *end;
	unsigned lineno = 0;
	char *f[12];
	size_t n, k;
	int err, magic = 0;

	memset(l, 0, sizeof(*l));
	sd_buf_init(&l->head);
	l->file = sd_xstrdup(file);
	l->nrelated = nrelated;
	if ((err = sd_lineage_read_file(src, "lines", file, text, &name)) < 0)
		goto done;
	p = text->ptr;
	end = text->ptr + text->len;
	while (!err && (n = sd_lineage_store_fields_here(&p, end, f, 11, &lineno))) {
		const char *what = f[0] ? f[0] : "";

		if (!magic) {
			magic = 1;
			if (!format3_head(f, n, "stigdiff-lineage-line"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage line file (format 3)");
		} else if (!strcmp(what, "line") && n == 4 && !l->key) {
			l->key = f[1];
			if (read_size(f[3], &l->nparts) < 0 || !l->nparts ||
			    l->nparts > 100000)
				err = perr(name.ptr, lineno, "no part count");
			else
				l->part_read = sd_xcalloc(l->nparts, 1);
		} else if (!strcmp(what, "release") && n == 11) {
			size_t nr;

			if (read_size(f[1], &k) < 0 || k != l->nrel ||
			    read_size(f[10], &nr) < 0 || nr > 1000000) {
				err = perr(name.ptr, lineno,
					   "releases out of order, or no rule count");
				break;
			}
			l->hdr = sd_xrealloc(l->hdr, (k + 1) * sizeof(*l->hdr));
			{
				char *hf[7] = { f[2], f[9], f[4], f[5], f[6],
						f[7], f[8] };

				memcpy(l->hdr[k], hf, sizeof(hf));
			}
#define GROW1(arr) arr = sd_xrealloc(arr, (k + 1) * sizeof(*arr))
			GROW1(l->tk);
			GROW1(l->nr);
			GROW1(l->nohop);
			GROW1(l->out);
			GROW1(l->in);
			GROW1(l->seen);
#undef GROW1
			l->nr[k] = nr;
			l->tk[k] = sd_xmalloc((nr ? nr : 1) * sizeof(**l->tk));
			for (size_t i = 0; i < nr; i++)
				l->tk[k][i] = SIZE_MAX;
			l->nohop[k] = sd_xcalloc(nr ? nr : 1, 1);
			l->out[k] = sd_xcalloc(nr ? nr : 1, 1);
			l->in[k] = sd_xcalloc(nr ? nr : 1, 1);
			l->seen[k] = sd_xcalloc(nr ? nr : 1, 1);
			l->nrel++;
		} else {
			err = perr(name.ptr, lineno, "not a line record");
		}
	}
	if (!err && !l->key)
		err = perr(name.ptr, lineno, "no line record");
	l->related_read = sd_xcalloc(nrelated ? nrelated : 1, 1);
done:
	sd_buf_release(&name);
	return err;
}

/* A new text of line l to read into. */
static struct sd_buf *rline_text(struct rline *l)
{
	l->text = sd_xrealloc(l->text, (l->ntext + 1) * sizeof(*l->text));
	sd_buf_init(&l->text[l->ntext]);
	return &l->text[l->ntext++];
}

/* A target record (f[0] "target", 13 fields) of a file whose targets
 * start at tg0. */
static int parse_target(struct rline *l, char **f, size_t tg0,
			const char *name, unsigned lineno)
{
	struct xtgt *y;
	size_t t, pos, rule;

	if (read_size(f[1], &t) < 0 || t != l->ntg - tg0 || !f[2] ||
	    read_size(f[3], &pos) < 0 || read_size(f[12], &rule) < 0 ||
	    rule > 1000000)
		return perr(name, lineno, "targets out of order");
	SD_ALLOC_GROW(l->tg, l->ntg, l->captg);
	y = &l->tg[l->ntg++];
	y->file = f[2];
	y->pos = pos;
	y->nrules = rule;
	memcpy(y->f, f + 4, sizeof(y->f));
	return 0;
}

/* A step record (15 fields) of a file whose targets start at tg0; its
 * rule must have been read (a part's own rules, or a related file's
 * rules of the latest release). */
static int parse_step(struct rline *l, char **f, size_t tg0, int related,
		      const char *name, unsigned lineno)
{
	static const char *const types[] = { "cross", "candidate", "sibling",
					      "related" };
	static const enum sd_lineage_step_type tv[] = {
		SD_LINEAGE_CROSS, SD_LINEAGE_CANDIDATE,
		SD_LINEAGE_PEER_SIBLING, SD_LINEAGE_PEER_RELATED
	};
	size_t pos, rule, t;
	int ok = 1, type = -1, d;
	struct xst *x;

	if (!f[0] || strcmp(f[0], "step") || !f[3] || !f[4])
		return perr(name, lineno, "expected a step of 15 fields");
	d = !strcmp(f[3], "fwd") ? 1 : !strcmp(f[3], "back") ? 0
	    : !strcmp(f[3], "peer") ? -1 : 2;
	for (int k = 0; k < 4; k++)
		if (!strcmp(f[4], types[k]))
			type = k;
	if (read_size(f[1], &pos) < 0 || read_size(f[2], &rule) < 0 ||
	    pos >= l->nrel || rule >= l->nr[pos] || d == 2 || type < 0 ||
	    (d < 0) != (type >= 2) || read_size(f[8], &t) < 0 ||
	    t >= l->ntg - tg0 || (related != (type == 3)) ||
	    (related ? pos + 1 != l->nrel : l->tk[pos][rule] == SIZE_MAX))
		return perr(name, lineno,
			    "a step of a rule the file does not hold, or of no known type or target");
	SD_ALLOC_GROW(l->xs, l->nxs, l->capxs);
	x = &l->xs[l->nxs++];
	memset(x, 0, sizeof(*x));
	x->pos = pos;
	x->rule = rule;
	x->dir = d;
	x->type = tv[type];
	x->kind = sd_lineage_store_kind(f[5], &ok);
	x->tgt = tg0 + t;
	memcpy(x->disp, f + 10, sizeof(x->disp));
	x->opart = SIZE_MAX;
	if (!ok || sd_lineage_store_score(f[6], &x->score) < 0 ||
	    read_size(f[9], &x->orule) < 0 ||
	    (f[14] && read_size(f[14], &x->opart) < 0) ||
	    (type == 0 && x->opart == SIZE_MAX))
		return perr(name, lineno,
			    "a step without kind, score or other rule");
	/* A related rule's evidence, when left out, follows from its
	 * score: made for the steps a trace shows (rq_build()). */
	x->evidence = f[7] || type != 3 ? (f[7] ? f[7] : "") : NULL;
	return 0;
}

int sd_lineage_rline_part(const struct sd_lineage_source *src,
			  struct rline *l, size_t part)
{
	struct sd_buf *text = rline_text(l), name = SD_BUF_INIT, stem = SD_BUF_INIT;
	size_t tr0 = l->ntr, tg0 = l->ntg, h0 = l->nh;
	char *p, *end, *f[16];
	unsigned lineno = 0;
	size_t n, k, a, b;
	int err, magic = 0;

	l->part_read[part] = 1;
	sd_buf_addf(&stem, "%s.%zu", l->file, part);
	if ((err = sd_lineage_read_file(src, "parts", stem.ptr, text, &name)) < 0)
		goto done;
	p = text->ptr;
	end = text->ptr + text->len;
	while (!err && (n = sd_lineage_store_fields_here(&p, end, f, 15, &lineno))) {
		const char *what = f[0] ? f[0] : "";

		if (!magic) {
			magic = 1;
			if (!format3_head(f, n, "stigdiff-lineage-part"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage part (format 3)");
		} else if (!strcmp(what, "rule") && n == 11) {
			struct trec *t;

			if (read_size(f[1], &k) < 0 || k != l->ntr - tr0) {
				err = perr(name.ptr, lineno, "rules out of order");
				break;
			}
			SD_ALLOC_GROW(l->tr, l->ntr, l->captr);
			t = &l->tr[l->ntr++];
			memcpy(t->f, f + 2, sizeof(t->f));
			t->mask = t->f[5] ? atoi(t->f[5]) : 0;
		} else if (!strcmp(what, "rules") && n == 3) {
			size_t i = SIZE_MAX;

			if (read_size(f[1], &k) < 0 || k >= l->nrel) {
				err = perr(name.ptr, lineno, "rules of no release");
				break;
			}
			for (char *q = f[2] ? f[2] : ""; *q && !err;) {
				char *c = strchr(q, ','), *colon;
				size_t t;

				if (c)
					*c = '\0';
				if ((colon = strchr(q, ':'))) {
					*colon = '\0';
					if (read_size(q, &i) < 0)
						i = SIZE_MAX - 1;
					q = colon + 1;
				} else {
					i++;
				}
				if (i >= l->nr[k] || l->tk[k][i] != SIZE_MAX ||
				    read_size(q, &t) < 0 || t >= l->ntr - tr0)
					err = perr(name.ptr, lineno,
						   "names no rule record, or a rule twice");
				else
					l->tk[k][i] = tr0 + t;
				q = c ? c + 1 : q + strlen(q);
			}
		} else if (!strcmp(what, "hop") && n == 7) {
			struct lhop *x;
			int ok = 1;

			if (read_size(f[1], &k) < 0 || k + 1 >= l->nrel ||
			    read_size(f[2], &a) < 0 || read_size(f[3], &b) < 0 ||
			    a >= l->nr[k] || b >= l->nr[k + 1] ||
			    l->tk[k][a] == SIZE_MAX || l->tk[k + 1][b] == SIZE_MAX ||
			    (l->nh > h0 && l->h[l->nh - 1].k > k)) {
				err = perr(name.ptr, lineno,
					   "a hop between rules the part does not hold");
				break;
			}
			SD_ALLOC_GROW(l->h, l->nh, l->caph);
			x = &l->h[l->nh++];
			memset(x, 0, sizeof(*x));
			x->k = k;
			x->a = a;
			x->b = b;
			x->kind = sd_lineage_store_kind(f[4], &ok);
			x->evidence = f[6] ? f[6] : "";
			l->out[k][a] = 1;
			l->in[k + 1][b] = 1;
			if (!ok || sd_lineage_store_score(f[5], &x->score) < 0)
				err = perr(name.ptr, lineno,
					   "a hop without kind or score");
		} else if (!strcmp(what, "nohop") && n == 3) {
			if (read_size(f[1], &k) < 0 || k >= l->nrel ||
			    read_size(f[2], &a) < 0 || a >= l->nr[k] ||
			    l->tk[k][a] == SIZE_MAX) {
				err = perr(name.ptr, lineno, "a nohop of no rule");
				break;
			}
			l->nohop[k][a] = 1;
		} else if (!strcmp(what, "target") && n == 13) {
			err = parse_target(l, f, tg0, name.ptr, lineno);
		} else if (!strcmp(what, "step") && n == 15) {
			err = parse_step(l, f, tg0, 0, name.ptr, lineno);
		} else {
			err = perr(name.ptr, lineno, "not a part record");
		}
	}
	if (!err && !magic)
		err = perr(name.ptr, 1, "empty part");
done:
	sd_buf_release(&name);
	sd_buf_release(&stem);
	return err;
}

int sd_lineage_rline_related(const struct sd_lineage_source *src,
			     struct rline *l, size_t nfile)
{
	struct sd_buf *text, name = SD_BUF_INIT, stem = SD_BUF_INIT;
	size_t tg0 = l->ntg, n;
	char *p, *end, *f[16];
	unsigned lineno = 0;
	int err, magic = 0;

	if (nfile >= l->nrelated || l->related_read[nfile])
		return 0;
	l->related_read[nfile] = 1;
	text = rline_text(l);
	sd_buf_addf(&stem, "%s.%zu", l->file, nfile);
	if ((err = sd_lineage_read_file(src, "related", stem.ptr, text, &name))) {
		err = err > 0 ? 0 : err;
		goto done;
	}
	p = text->ptr;
	end = text->ptr + text->len;
	while (!err && (n = sd_lineage_store_fields_here(&p, end, f, 15, &lineno))) {
		if (!magic) {
			magic = 1;
			if (!format3_head(f, n, "stigdiff-lineage-steps"))
				err = perr(name.ptr, lineno,
					   "not a stigdiff lineage steps file (format 3)");
		} else if (n == 13 && f[0] && !strcmp(f[0], "target")) {
			err = parse_target(l, f, tg0, name.ptr, lineno);
		} else if (n == 15) {
			err = parse_step(l, f, tg0, 1, name.ptr, lineno);
		} else {
			err = perr(name.ptr, lineno, "expected a step of 15 fields");
		}
	}
done:
	sd_buf_release(&name);
	sd_buf_release(&stem);
	return err;
}

