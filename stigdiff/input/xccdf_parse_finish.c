/*
 * A benchmark the reader has read to its end: its release (V, R, date)
 * derived, its profiles' selections recorded on the rules, its rules
 * sorted and checked (warnings in line order), then handed to the
 * caller's callback.
 */
#include "xccdf_parse_int.h"
#include "error.h"
#include "hash.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Release: 2 Benchmark Date: 30 Jan 2025" and <version> to V, R, date. */
static void derive_release(struct sd_benchmark *b)
{
	const char *ri = b->release_info, *p;
	char iso[11];

	if (b->version && !b->v)
		b->v = atoi(b->version);
	if (ri && (p = strstr(ri, "Release:")) && !b->r) {
		const char *q = p + 8;
		char *end;
		long major;

		while (*q == ' ')
			q++;
		major = strtol(q, &end, 10);
		if (*end == '.' && end[1] >= '0' && end[1] <= '9') {
			if (major == 0)	/* a draft: "Release: 0.1" */
				b->rsub = atoi(end + 1);
			else	/* SCAP benchmarks: "Release: 1.3" for V1R3 */
				b->r = atoi(end + 1);
		} else {
			b->r = (int)major;
		}
	}
	if (!b->r && !b->rsub && b->version && (p = strchr(b->version, '.')))
		b->r = atoi(p + 1);
	if (!b->date && ri && (p = strstr(ri, "Date:")) &&
	    sd_date_iso(p + 5, iso) == 0)
		b->date = sd_xstrdup(iso);
	if (!b->date && b->status_date && sd_date_iso(b->status_date, iso) == 0)
		b->date = sd_xstrdup(iso);
}

/* The rule's key for a pass of apply_selections(). */
static const char *select_key(const struct sd_rule *r, int by_vuln)
{
	return by_vuln ? r->vuln_id : r->rule_id;
}

/* Record selection `sel[i]`'s profile on every rule whose key (the
 * Group id, or the Rule id) is its idref: rules found by a hash of the
 * key, not a search per selection. */
static void select_by(struct sd_benchmark *b, int by_vuln,
		      const struct selection *sel, size_t nsel, char *hit)
{
	struct sd_htab t = SD_HTAB_INIT;

	sd_htab_init(&t, b->nrules);
	for (size_t i = 0; i < b->nrules; i++)
		if (select_key(&b->rules[i], by_vuln))
			sd_htab_put(&t, sd_hash_str(select_key(&b->rules[i], by_vuln)),
				    i);
	for (size_t i = 0; i < nsel; i++) {
		uint64_t h;
		size_t pos, k;

		if (!sel[i].idref)
			continue;
		h = sd_hash_str(sel[i].idref);
		for (k = sd_htab_find(&t, h, &pos); k; k = sd_htab_next(&t, h, &pos)) {
			struct sd_strv *p = &b->rules[k - 1].profiles;

			if (strcmp(select_key(&b->rules[k - 1], by_vuln),
				   sel[i].idref))
				continue;
			hit[i] = 1;
			if (!p->n || strcmp(p->v[p->n - 1], sel[i].profile))
				sd_strv_push(p, sel[i].profile);
		}
	}
	sd_htab_release(&t);
}

/* Profiles select Groups (or Rules) by id; record them on each rule. */
static void apply_selections(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	char *hit;

	if (st->nsel && b->nrules) {
		hit = sd_xcalloc(st->nsel, 1);
		select_by(b, 1, st->sel, st->nsel, hit);
		select_by(b, 0, st->sel, st->nsel, hit);
		free(hit);
	}
	for (size_t i = 0; i < st->nsel; i++) {
		free(st->sel[i].profile);
		free(st->sel[i].idref);
	}
	st->nsel = 0;
}

/* How a warning names a rule: its id, else its Group's, else its line. */
static const char *rule_name(const struct sd_rule *r, char *buf, size_t n)
{
	if (r->rule_id)
		snprintf(buf, n, "rule '%s'", r->rule_id);
	else if (r->vuln_id)
		snprintf(buf, n, "rule in '%s'", r->vuln_id);
	else
		snprintf(buf, n, "rule");
	return buf;
}

/* Warnings about a benchmark's rules, reported in line order. */
struct rule_note {
	unsigned line;
	size_t seq;
	char *msg;
};

struct rule_notes {
	struct rule_note *v;
	size_t n, cap;
};

static void rule_note(struct rule_notes *ns, unsigned line, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));

static void rule_note(struct rule_notes *ns, unsigned line, const char *fmt,
		      ...)
{
	char msg[512]; /* ids are cut, not the warning */
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 16;
		ns->v = sd_xrealloc(ns->v, ns->cap * sizeof(*ns->v));
	}
	ns->v[ns->n] = (struct rule_note){ line, ns->n, sd_xstrdup(msg) };
	ns->n++;
}

static int rule_note_cmp(const void *a, const void *b)
{
	const struct rule_note *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_rule_id(const void *a, const void *b)
{
	const struct sd_rule *x = *(const struct sd_rule *const *)a;
	const struct sd_rule *y = *(const struct sd_rule *const *)b;
	int c = strcmp(x->rule_id, y->rule_id);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Rules sharing a rule id, each after the first reported. */
static void note_duplicate_ids(const struct sd_benchmark *b,
			       struct rule_notes *ns)
{
	const struct sd_rule **v = sd_xmalloc((b->nrules + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < b->nrules; i++)
		if (b->rules[i].rule_id)
			v[n++] = &b->rules[i];
	qsort(v, n, sizeof(*v), by_rule_id);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i]->rule_id, v[first]->rule_id))
			first = i;
		else
			rule_note(ns, v[i]->line,
				  "duplicate rule id '%s' (also line %u)",
				  v[i]->rule_id, v[first]->line);
	}
	free(v);
}

static void check_rules(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	struct rule_notes ns = { NULL, 0, 0 };
	char name[256];

	for (size_t i = 0; i < b->nrules; i++) {
		struct sd_rule *r = &b->rules[i];

		rule_name(r, name, sizeof(name));
		if (!r->vuln_id)
			rule_note(&ns, r->line, "%s has no Group id", name);
		if (!r->rule_id)
			rule_note(&ns, r->line, "%s has no id", name);
		if (!r->stig_id || !*r->stig_id)
			rule_note(&ns, r->line, "%s has no STIG id (version)",
				  name);
		if (r->severity == SD_SEV_UNKNOWN)
			rule_note(&ns, r->line, "%s has unknown severity '%s'",
				  name, r->severity_raw ? r->severity_raw : "");
		if (!r->title || !*r->title)
			rule_note(&ns, r->line, "%s has no title", name);
		/* Rules are in canonical order: equal V- ids are adjacent. */
		if (i > 0 && r->vuln_id && b->rules[i - 1].vuln_id &&
		    !strcmp(r->vuln_id, b->rules[i - 1].vuln_id))
			rule_note(&ns, r->line,
				  "duplicate rule '%s' (also line %u)",
				  r->vuln_id, b->rules[i - 1].line);
	}
	note_duplicate_ids(b, &ns);
	if (ns.n)
		qsort(ns.v, ns.n, sizeof(*ns.v), rule_note_cmp);
	for (size_t i = 0; i < ns.n; i++) {
		sd_warn("%s:%u: %s", st->source, ns.v[i].line, ns.v[i].msg);
		free(ns.v[i].msg);
	}
	free(ns.v);
}

void sd_xp_end_benchmark(struct pstate *st)
{
	struct sd_benchmark *b = st->b;
	int err;

	if (st->att->delivered++ < st->att->skip) {
		/* Delivered by the reading before this one. */
		st->b = NULL;
		sd_benchmark_free(b);
		return;
	}
	derive_release(b);
	apply_selections(st);
	sd_benchmark_sort(b);
	check_rules(st);
	st->b = NULL;
	err = st->cb ? st->cb(b, st->cbctx) : (sd_benchmark_free(b), 0);
	if (err < 0)
		sd_sax_stop(st->sax, err);
}

void sd_xp_deliver_header(struct pstate *st)
{
	sd_xp_end_benchmark(st);
	st->stack[st->b_depth].state = S_SKIP;
	if (st->b_depth == 0) {
		st->done = 1;
		sd_sax_stop(st->sax, 0);
	}
}
