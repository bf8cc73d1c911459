/*
 * A mapping as compact text and back (match.h, sd_match_write): one line
 * per pair of what it rests on; the evidence in words is made again by
 * sd_match_evidence(), as a run makes it.
 */
#include "match_int.h"
#include "buf.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH_MAGIC "stigdiff-match\t3"
/* i, j, kind, why, legacy side, id_at, ties, below, candidate, score,
 * content score, then one similarity per field. */
#define MATCH_FIELDS (11 + SD_MATCH_NFIELDS)
/* A declaration set aside: "x", i, j, alt i, alt j, why, legacy side,
 * id_at, content score, alternative's score. */
#define REJECT_FIELDS 10

static void add_index(struct sd_buf *out, size_t i)
{
	if (i == NONE)
		sd_buf_addch(out, '-');
	else
		sd_buf_add_uint(out, i);
}

/* A number that reads back exactly, short when it can be. */
static void add_number(struct sd_buf *out, double v)
{
	if (v == 0 || v == 1 || v == -1)
		sd_buf_addf(out, "%g", v);
	else
		sd_buf_addf(out, "%.17g", v);
}

void sd_match_write(const struct sd_match *m, struct sd_buf *out)
{
	sd_buf_addf(out, MATCH_MAGIC "\t%zu\t%zu\t", m->old->nrules,
		    m->new->nrules);
	add_number(out, m->threshold);
	sd_buf_addch(out, '\n');
	for (size_t k = 0; k < m->n; k++) {
		const struct ipair *ip = &m->pairs[k];

		add_index(out, ip->i);
		sd_buf_addch(out, '\t');
		add_index(out, ip->j);
		sd_buf_addf(out, "\t%d\t%d\t%d\t%u\t", (int)ip->p.kind,
			    (int)ip->why, (int)ip->legacy_side, ip->id_at);
		if (ip->ties)
			sd_buf_add(out, ip->tie, ip->ties);
		else
			sd_buf_addch(out, '-');
		sd_buf_addf(out, "\t%d\t", ip->p.below_threshold);
		add_index(out, ip->cand);
		sd_buf_addch(out, '\t');
		add_number(out, ip->p.score);
		sd_buf_addch(out, '\t');
		add_number(out, ip->content);
		for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
			sd_buf_addch(out, '\t');
			add_number(out, ip->p.field[f]);
		}
		sd_buf_addch(out, '\n');
	}
	for (size_t k = 0; k < m->nrejected; k++) {
		const struct rejected *x = &m->rejected[k];

		sd_buf_addf(out, "x\t%zu\t%zu\t%zu\t%zu\t%d\t%d\t%u\t", x->i,
			    x->j, x->alt_i, x->alt_j, (int)x->why,
			    (int)x->legacy_side, x->id_at);
		add_number(out, x->content);
		sd_buf_addch(out, '\t');
		add_number(out, x->alt);
		sd_buf_addch(out, '\n');
	}
}

/* Field text [s, e) as an index below `n` (or NONE for "-"); -1 if not. */
static int read_index(const char *s, const char *e, size_t n, size_t *out)
{
	size_t v = 0;

	if (e - s == 1 && *s == '-') {
		*out = NONE;
		return 0;
	}
	if (s == e || e - s > 9)
		return -1;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (v >= n)
		return -1;
	*out = v;
	return 0;
}

static int read_number(const char *s, const char *e, double *out)
{
	char tmp[64], *end;

	if (s == e || e - s >= (long)sizeof(tmp))
		return -1;
	memcpy(tmp, s, (size_t)(e - s));
	tmp[e - s] = '\0';
	*out = strtod(tmp, &end);
	return *end ? -1 : 0;
}

/* A small whole number in [s, e) up to `max`; -1 if not. */
static int read_small(const char *s, const char *e, unsigned max,
		      unsigned *out)
{
	size_t v;

	if (read_index(s, e, (size_t)max + 1, &v) < 0 || v == NONE)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* One pair line [p, e) into m; -1 when malformed. */
static int read_pair(struct sd_match *m, const char *p, const char *e)
{
	const char *f[MATCH_FIELDS + 1];
	size_t nf = 0, i, j, cand;
	unsigned kind, why, side, id_at, below;
	struct ipair *ip;
	size_t nt;

	f[nf++] = p;
	for (const char *q = p; q < e && nf <= MATCH_FIELDS; q++)
		if (*q == '\t')
			f[nf++] = q + 1;
	if (nf != MATCH_FIELDS)
		return -1;
	f[nf] = e + 1;
#define FE(k) (f[(k) + 1] - 1)
	nt = (size_t)(FE(6) - f[6]);
	if (read_index(f[0], FE(0), m->old->nrules, &i) < 0 ||
	    read_index(f[1], FE(1), m->new->nrules, &j) < 0 ||
	    (i == NONE && j == NONE) ||
	    read_small(f[2], FE(2), SD_MATCH_MERGE, &kind) < 0 ||
	    read_small(f[3], FE(3), WHY_LEGACY, &why) < 0 ||
	    read_small(f[4], FE(4), 3, &side) < 0 ||
	    read_small(f[5], FE(5), 100000, &id_at) < 0 ||
	    nt < 1 || nt > 2 ||
	    read_small(f[7], FE(7), 1, &below) < 0 ||
	    read_index(f[8], FE(8), i != NONE ? m->new->nrules
					      : m->old->nrules, &cand) < 0)
		return -1;
	/* A pair is matched on both sides or unmatched on one. */
	if ((kind == SD_MATCH_NONE) != (i == NONE || j == NONE) ||
	    (kind == SD_MATCH_NONE) != (why == WHY_NONE) ||
	    (kind != SD_MATCH_NONE && cand != NONE))
		return -1;
	SD_ALLOC_GROW(m->pairs, m->n, m->cap);
	ip = &m->pairs[m->n];
	memset(ip, 0, sizeof(*ip));
	if (read_number(f[9], FE(9), &ip->p.score) < 0 ||
	    read_number(f[10], FE(10), &ip->content) < 0)
		return -1;
	for (int k = 0; k < SD_MATCH_NFIELDS; k++)
		if (read_number(f[11 + k], FE(11 + k), &ip->p.field[k]) < 0)
			return -1;
	if (!(nt == 1 && f[6][0] == '-')) {
		for (size_t k = 0; k < nt; k++) {
			if (f[6][k] != 's' && f[6][k] != 'm')
				return -1;
			ip->tie[k] = f[6][k];
		}
		ip->ties = (unsigned char)nt;
	}
#undef FE
	if (why == WHY_LEGACY && j != NONE &&
	    id_at >= ID_AT_LEGACY + m->new->rules[j].legacy.n)
		return -1;
	ip->i = i;
	ip->j = j;
	ip->cand = cand;
	ip->why = (unsigned char)why;
	ip->legacy_side = (unsigned char)side;
	ip->id_at = id_at;
	ip->p.old_rule = i != NONE ? &m->old->rules[i] : NULL;
	ip->p.new_rule = j != NONE ? &m->new->rules[j] : NULL;
	ip->p.kind = (enum sd_match_kind)kind;
	ip->p.below_threshold = below != 0;
	if (cand != NONE)
		ip->p.candidate = i != NONE ? &m->new->rules[cand]
					    : &m->old->rules[cand];
	m->n++;
	return 0;
}

/* One set-aside declaration line [p, e) into m; -1 when malformed. */
static int read_rejected(struct sd_match *m, const char *p, const char *e)
{
	const char *f[REJECT_FIELDS + 1];
	size_t nf = 0, na = m->old->nrules, nb = m->new->nrules;
	struct rejected x;
	unsigned why, side;

	f[nf++] = p;
	for (const char *q = p; q < e && nf <= REJECT_FIELDS; q++)
		if (*q == '\t')
			f[nf++] = q + 1;
	if (nf != REJECT_FIELDS || f[1] - p != 2 || *p != 'x')
		return -1;
	f[nf] = e + 1;
#define FE(k) (f[(k) + 1] - 1)
	if (read_index(f[1], FE(1), na, &x.i) < 0 || x.i == NONE ||
	    read_index(f[2], FE(2), nb, &x.j) < 0 || x.j == NONE ||
	    read_index(f[3], FE(3), na, &x.alt_i) < 0 || x.alt_i == NONE ||
	    read_index(f[4], FE(4), nb, &x.alt_j) < 0 || x.alt_j == NONE ||
	    read_small(f[5], FE(5), WHY_LEGACY, &why) < 0 ||
	    why < WHY_RULE_ID ||
	    read_small(f[6], FE(6), 3, &side) < 0 ||
	    read_small(f[7], FE(7), 100000, &x.id_at) < 0 ||
	    read_number(f[8], FE(8), &x.content) < 0 ||
	    read_number(f[9], FE(9), &x.alt) < 0)
		return -1;
#undef FE
	if (why == WHY_LEGACY &&
	    x.id_at >= ID_AT_LEGACY + m->new->rules[x.j].legacy.n)
		return -1;
	x.why = (unsigned char)why;
	x.legacy_side = (unsigned char)side;
	SD_ALLOC_GROW(m->rejected, m->nrejected, m->caprejected);
	m->rejected[m->nrejected++] = x;
	return 0;
}

int sd_match_read(const struct sd_benchmark *old, const struct sd_benchmark *new,
		  const char *data, size_t len, struct sd_match **out)
{
	struct sd_match *m = sd_xcalloc(1, sizeof(*m));
	const char *p = data, *end = data + len, *nl;
	char head[96];
	int ok = 1;

	*out = NULL;
	m->old = old;
	m->new = new;
	snprintf(head, sizeof(head), MATCH_MAGIC "\t%zu\t%zu\t", old->nrules,
		 new->nrules);
	nl = memchr(data, '\n', len);
	if (!nl || (size_t)(nl - data) <= strlen(head) ||
	    memcmp(data, head, strlen(head)) ||
	    read_number(data + strlen(head), nl, &m->threshold) < 0)
		ok = 0;
	else
		p = nl + 1;
	while (ok && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || (*p == 'x' ? read_rejected(m, p, nl)
				      : m->nrejected ? -1
						     : read_pair(m, p, nl)) < 0)
			ok = 0;
		else
			p = nl + 1;
	}
	if (!ok) {
		sd_match_free(m);
		return sd_error_set(SD_EPARSE, "not a stored mapping of these "
				    "two benchmarks");
	}
	sd_match_evidence(m);
	*out = m;
	return 0;
}
