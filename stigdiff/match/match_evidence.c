/*
 * A pair's evidence in words (match.h), made from what it rests on (the
 * id, the legacy ident, the similarities, near-ties), the same way for a
 * run and for a mapping read back from its compact text (match_io.c).
 */
#include "match_int.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static const char *const field_name[SD_MATCH_NFIELDS] = {
	"title", "check-content", "fix-text", "discussion"
};

/* "title 0.98, check-content 1.00, ...; same SRG ...; shared CCI" */
static void describe(const struct sd_rule *a, const struct sd_rule *b,
		     const double field[SD_MATCH_NFIELDS], struct sd_buf *out)
{
	int any = 0;

	for (int f = 0; f < SD_MATCH_NFIELDS; f++) {
		if (field[f] < 0)
			sd_buf_addf(out, "%s%s empty", any++ ? ", " : "",
				    field_name[f]);
		else
			sd_buf_addf(out, "%s%s %.2f", any++ ? ", " : "",
				    field_name[f], field[f]);
	}
	if (sd_match_same_srg(a, b))
		sd_buf_addf(out, "; same SRG %s", a->srg);
	else if (a->srg && b->srg)
		sd_buf_addf(out, "; SRG %s vs %s", a->srg, b->srg);
	if (a->ccis.n && b->ccis.n)
		sd_buf_addf(out, sd_match_shares_cci(a, b) ? "; shared CCI"
						  : "; no shared CCI");
}

static const char *keep(struct sd_match *m, struct sd_buf *b)
{
	char *s = sd_buf_detach(b);

	sd_strv_push_owned(&m->strings, s);
	return s;
}

/* The id of new rule b a legacy pair rests on. */
static const char *legacy_id(const struct sd_rule *b, unsigned at)
{
	if (at == ID_AT_VULN)
		return b->vuln_id;
	if (at == ID_AT_BASE)
		return b->rule_base;
	at -= ID_AT_LEGACY;
	return at < b->legacy.n ? b->legacy.v[at] : "?";
}

/* Why a declared pair holds, appended to `ev`. */
static void declared_why(const struct ipair *ip, struct sd_buf *ev)
{
	const struct sd_rule *a = ip->p.old_rule, *b = ip->p.new_rule;
	const struct sd_match_link *k = ip->p.link;

	switch (ip->why) {
	case WHY_RULE_ID:
		sd_buf_addf(ev, "same rule id %s", b->rule_id);
		break;
	case WHY_RULE_BASE:
	case WHY_VULN_ID:
		sd_buf_addf(ev, "same %s %s",
			    ip->why == WHY_RULE_BASE ? "rule base" : "vuln id",
			    ip->why == WHY_RULE_BASE ? b->rule_base : b->vuln_id);
		if (a->rule_rev && b->rule_rev &&
		    strcmp(a->rule_rev, b->rule_rev))
			sd_buf_addf(ev, ", revision %s -> %s", a->rule_rev,
				    b->rule_rev);
		break;
	case WHY_STIG_ID:
		sd_buf_addf(ev, "same STIG id %s", b->stig_id);
		break;
	case WHY_LEGACY:
		sd_buf_addf(ev, "%s%s %s",
			    ip->p.kind == SD_MATCH_LEGACY_ID ? "" : "legacy id; ",
			    ip->legacy_side == 1   ? "new rule declares legacy id"
			    : ip->legacy_side == 2 ? "old rule declares legacy id"
						   : "both declare legacy id",
			    legacy_id(b, ip->id_at));
		break;
	case WHY_CURATED:
		sd_buf_addf(ev, "curated link %s -> %s: %s (source: %s)",
			    k->old_id, k->new_id, k->reason ? k->reason : "",
			    k->source ? k->source : "");
		break;
	}
}

static const char *vuln(const struct sd_rule *r)
{
	return r->vuln_id ? r->vuln_id : r->rule_id ? r->rule_id : "?";
}

/*
 * The declarations set aside that name old rule i or new rule j, in
 * words, into `out`: "V-1 -> V-9 (new rule declares legacy id V-1;
 * content 0.21) set aside: V-1 -> V-8 scores 1.00".
 */
static void conflicts_of(const struct sd_match *m, size_t i, size_t j,
			 struct sd_buf *out)
{
	for (size_t t = 0; t < m->nrejected; t++) {
		const struct rejected *x = &m->rejected[t];
		struct ipair d;

		if (!((i != NONE && x->i == i) || (j != NONE && x->j == j)))
			continue;
		memset(&d, 0, sizeof(d));
		d.p.old_rule = &m->old->rules[x->i];
		d.p.new_rule = &m->new->rules[x->j];
		d.p.kind = SD_MATCH_LEGACY_ID;
		d.why = x->why;
		d.legacy_side = x->legacy_side;
		d.id_at = x->id_at;
		if (out->len)
			sd_buf_addstr(out, "; ");
		sd_buf_addf(out, "%s -> %s (", vuln(d.p.old_rule),
			    vuln(d.p.new_rule));
		declared_why(&d, out);
		sd_buf_addf(out, "; content %.2f) set aside: %s -> %s scores "
			    "%.2f", x->content, vuln(&m->old->rules[x->alt_i]),
			    vuln(&m->new->rules[x->alt_j]), x->alt);
	}
}

/* A pair's evidence kept, after its declared conflict if any. */
static const char *finish(struct sd_match *m, const struct ipair *ip,
			  struct sd_buf *ev)
{
	struct sd_buf b = SD_BUF_INIT;

	if (!ip->p.conflict)
		return keep(m, ev);
	sd_buf_addf(&b, "declared-conflict: %s; %s", ip->p.conflict, ev->ptr);
	sd_buf_reset(ev);
	return keep(m, &b);
}

void sd_match_evidence(struct sd_match *m)
{
	size_t na = m->old->nrules, nb = m->new->nrules;
	char *a_matched = sd_xcalloc(na ? na : 1, 1);
	char *b_matched = sd_xcalloc(nb ? nb : 1, 1);
	struct sd_buf ev = SD_BUF_INIT;

	for (size_t t = 0; t < m->n; t++)
		if (m->pairs[t].p.kind != SD_MATCH_NONE) {
			a_matched[m->pairs[t].i] = 1;
			b_matched[m->pairs[t].j] = 1;
		}
	for (size_t t = 0; t < m->n; t++) {
		struct ipair *ip = &m->pairs[t];
		const struct sd_rule *other;
		const char *cev;

		sd_buf_reset(&ev);
		ip->p.declared_conflict = 0;
		ip->p.conflict = NULL;
		if (m->nrejected) {
			conflicts_of(m, ip->i, ip->j, &ev);
			if (ev.len) {
				ip->p.declared_conflict = 1;
				ip->p.conflict = keep(m, &ev);
			}
		}
		if (ip->p.kind == SD_MATCH_NONE) {
			ip->p.candidate_evidence = NULL;
			if (ip->cand == NONE) {
				sd_buf_addstr(&ev, "no content candidate");
				ip->p.evidence = finish(m, ip, &ev);
				continue;
			}
			other = ip->p.candidate;
			if (ip->i != NONE)
				describe(ip->p.old_rule, other, ip->p.field, &ev);
			else
				describe(other, ip->p.new_rule, ip->p.field, &ev);
			cev = ip->p.candidate_evidence = keep(m, &ev);
			sd_buf_addf(&ev, "best candidate %s %s %.2f, ",
				    other->vuln_id ? other->vuln_id : "?",
				    other->stig_id ? other->stig_id : "",
				    ip->p.score);
			if (ip->i != NONE ? b_matched[ip->cand]
					  : a_matched[ip->cand])
				sd_buf_addstr(&ev, "matched elsewhere (");
			else
				sd_buf_addf(&ev, "below threshold %.2f (",
					    m->threshold);
			sd_buf_addf(&ev, "%s)", cev);
			ip->p.evidence = finish(m, ip, &ev);
			continue;
		}
		if (ip->why == WHY_CONTENT) {
			for (size_t k = ip->ties; k-- > 0;)
				sd_buf_addstr(&ev, ip->tie[k] == 's'
							   ? "split: near-tie; "
							   : "merge: near-tie; ");
			describe(ip->p.old_rule, ip->p.new_rule, ip->p.field, &ev);
		} else {
			declared_why(ip, &ev);
			sd_buf_addf(&ev, "; content %.2f (", ip->content);
			describe(ip->p.old_rule, ip->p.new_rule, ip->p.field, &ev);
			sd_buf_addch(&ev, ')');
		}
		ip->p.evidence = finish(m, ip, &ev);
	}
	sd_buf_release(&ev);
	free(a_matched);
	free(b_matched);
}
