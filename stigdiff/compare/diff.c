/*
 * The diff model of diff.h: pairing rules, comparing their fields and
 * classifying each pair. The fields compared come from sd_rule_fields
 * (so a field added to the model is diffed without a change here), plus
 * the Vuln ID, severity and the lists, which that table leaves out.
 */
#include "diff.h"
#include "cci.h"
#include "error.h"

#include <string.h>

/* ---- The fields ---- */

enum source {
	SRC_RULE_FIELD, /* an sd_rule_fields entry */
	SRC_VULN_ID,
	SRC_SEVERITY,
	SRC_CCIS,
	SRC_LEGACY,
	SRC_IDENTS,
	SRC_PROFILES
};

struct field {
	const char *name;
	enum sd_diff_kind kind;
	enum sd_diff_role role;
	enum source src;
	const struct sd_rule_field *rf;
};

/* Identifier-like fields of sd_rule_fields whose role is not
 * bookkeeping; every other one with is_id set is bookkeeping. */
static const struct {
	const char *name;
	enum sd_diff_role role;
} id_roles[] = {
	{ "rule-base", SD_ROLE_IDENTITY },
	{ "stig-id", SD_ROLE_IDENTITY },
	{ "group-title", SD_ROLE_IDENTITY },
	{ "srg", SD_ROLE_CONTENT },
	{ "weight", SD_ROLE_CONTENT },
};

static const struct {
	const char *name;
	const char *label;
} labels[] = {
	{ "vuln-id", "Vuln ID" },
	{ "rule-base", "Rule ID" },
	{ "revision", "Rule revision" },
	{ "stig-id", "STIG ID" },
	{ "group-title", "Group title" },
	{ "srg", "SRG" },
	{ "weight", "Weight" },
	{ "severity", "Severity" },
	{ "title", "Title" },
	{ "discussion", "Discussion" },
	{ "false-positives", "False positives" },
	{ "false-negatives", "False negatives" },
	{ "documentable", "Documentable" },
	{ "mitigations", "Mitigations" },
	{ "severity-override-guidance", "Severity override guidance" },
	{ "potential-impacts", "Potential impacts" },
	{ "third-party-tools", "Third-party tools" },
	{ "mitigation-control", "Mitigation control" },
	{ "responsibility", "Responsibility" },
	{ "ia-controls", "IA controls" },
	{ "check-system", "Check id" },
	{ "check-ref-name", "Check reference name" },
	{ "check-ref-href", "Check reference" },
	{ "check-content", "Check text" },
	{ "fix-id", "Fix id" },
	{ "fix-text", "Fix text" },
	{ "ccis", "CCIs" },
	{ "legacy", "Legacy ids" },
	{ "idents", "Other idents" },
	{ "profiles", "Profiles" },
};

static const char *label_of(const char *name)
{
	for (size_t i = 0; i < SD_ARRAY_SIZE(labels); i++)
		if (!strcmp(labels[i].name, name))
			return labels[i].label;
	return name;
}

/* Room for sd_rule_fields and the six fields added to it (a model that
 * outgrew it would fail test_diff__every_model_field_is_compared). */
#define MAX_FIELDS 64

/* Every comparable field, in canonical order; returns the count. */
static size_t all_fields(struct field *out)
{
	size_t n = 0;

	out[n++] = (struct field){ "vuln-id", SD_KIND_VALUE, SD_ROLE_IDENTITY,
				   SRC_VULN_ID, NULL };
	for (size_t i = 0; i < sd_rule_nfields && n + 6 < MAX_FIELDS; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];
		struct field x = { f->name, SD_KIND_TEXT, SD_ROLE_CONTENT,
				   SRC_RULE_FIELD, f };

		/* The rule id is its base and revision, compared apart. */
		if (!strcmp(f->name, "rule-id"))
			continue;
		if (!strcmp(f->name, "title"))
			out[n++] = (struct field){ "severity", SD_KIND_VALUE,
						   SD_ROLE_CONTENT,
						   SRC_SEVERITY, NULL };
		if (f->is_id) {
			x.kind = SD_KIND_VALUE;
			x.role = SD_ROLE_BOOKKEEPING;
			for (size_t k = 0; k < SD_ARRAY_SIZE(id_roles); k++)
				if (!strcmp(id_roles[k].name, f->name))
					x.role = id_roles[k].role;
		}
		out[n++] = x;
	}
	out[n++] = (struct field){ "ccis", SD_KIND_LIST, SD_ROLE_CONTENT,
				   SRC_CCIS, NULL };
	out[n++] = (struct field){ "legacy", SD_KIND_LIST, SD_ROLE_IDENTITY,
				   SRC_LEGACY, NULL };
	out[n++] = (struct field){ "idents", SD_KIND_LIST, SD_ROLE_IDENTITY,
				   SRC_IDENTS, NULL };
	out[n++] = (struct field){ "profiles", SD_KIND_LIST, SD_ROLE_CONTENT,
				   SRC_PROFILES, NULL };
	return n;
}

/* Mark the fields `name` (a field or an alias) selects; 0 when none. */
static int select_field(const struct field *f, size_t n, const char *name,
			char *sel)
{
	static const struct {
		const char *alias, *field;
	} aliases[] = {
		{ "check", "check-content" },
		{ "fix", "fix-text" },
		{ "cci", "ccis" },
		{ "legacy-ids", "legacy" },
		{ "rule-id", "rule-base" },
	};
	int found = 0;

	for (size_t k = 0; k < SD_ARRAY_SIZE(aliases); k++)
		if (!strcmp(aliases[k].alias, name))
			name = aliases[k].field;
	for (size_t i = 0; i < n; i++) {
		int desc = 0;

		if (!strcmp(name, "description"))
			for (int d = 0; d < SD_DESC_COUNT; d++)
				desc |= !strcmp(f[i].name, sd_desc_name(d));
		if (desc || !strcmp(f[i].name, name)) {
			sel[i] = 1;
			found = 1;
		}
	}
	return found;
}

/* Mark the fields `names` select (all when NULL or empty). */
static int select_fields(const struct sd_strv *names, const struct field *f,
			 size_t nf, char *sel)
{
	memset(sel, !names || !names->n, MAX_FIELDS);
	for (size_t i = 0; names && i < names->n; i++) {
		struct sd_buf known = SD_BUF_INIT;

		if (select_field(f, nf, names->v[i], sel))
			continue;
		for (size_t k = 0; k < nf; k++)
			sd_buf_addf(&known, "%s%s", k ? ", " : "", f[k].name);
		sd_error_set(SD_EUSAGE,
			     "unknown field '%s' (known: check, fix, description, %s)",
			     names->v[i], known.ptr);
		sd_buf_release(&known);
		return SD_EUSAGE;
	}
	return 0;
}

int sd_diff_fields_check(const struct sd_strv *names)
{
	struct field f[MAX_FIELDS];
	char sel[MAX_FIELDS];

	return select_fields(names, f, all_fields(f), sel);
}

/* ---- Names ---- */

static const char *status_names[SD_DIFF_NSTATUS] = {
	"added", "removed", "changed", "renumbered", "revised", "cosmetic",
	"unchanged"
};

const char *sd_diff_status_name(enum sd_diff_status s)
{
	return s < SD_DIFF_NSTATUS ? status_names[s] : "";
}

int sd_diff_status_parse(const char *s)
{
	for (int i = 0; i < SD_DIFF_NSTATUS; i++)
		if (!strcmp(status_names[i], s))
			return i;
	return -1;
}

const char *sd_diff_evidence_name(enum sd_diff_evidence e)
{
	switch (e) {
	case SD_PAIR_VULN_ID: return "vuln-id";
	case SD_PAIR_RULE_BASE: return "rule-base";
	case SD_PAIR_LEGACY: return "legacy-id";
	case SD_PAIR_STIG_ID: return "stig-id";
	case SD_PAIR_CONFLICT: return "declared-conflict";
	default: return "";
	}
}

int sd_diff_status_is_change(enum sd_diff_status s)
{
	return s != SD_DIFF_COSMETIC && s != SD_DIFF_UNCHANGED &&
	       s < SD_DIFF_NSTATUS;
}

/* ---- Pairing ---- */

struct index {
	struct sd_str_index *v;
	size_t n, cap;
};

static void index_add(struct index *ix, const char *k, size_t idx)
{
	if (!k || !*k)
		return;
	SD_ALLOC_GROW(ix->v, ix->n, ix->cap);
	ix->v[ix->n++] = (struct sd_str_index){ k, idx };
}

/* The first old rule with key `k` not yet paired, or -1. */
static long index_find(const struct index *ix, const char *k,
		       const long *old_pair)
{
	size_t lo = 0, hi = ix->n;

	if (!k || !*k)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->v[mid].s, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->n && !strcmp(ix->v[lo].s, k); lo++)
		if (old_pair[ix->v[lo].i] < 0)
			return (long)ix->v[lo].i;
	return -1;
}

struct pairing {
	long *old_pair; /* old index -> new index, -1 */
	long *new_pair; /* new index -> old index, -1 */
	enum sd_diff_evidence *ev;   /* per new index */
	const char **ev_value;       /* per new index */
};

static void pair(struct pairing *p, long i, size_t j,
		 enum sd_diff_evidence ev, const char *value)
{
	p->old_pair[i] = (long)j;
	p->new_pair[j] = i;
	p->ev[j] = ev;
	p->ev_value[j] = value;
}

/* "SV-95211r1_rule" -> "SV-95211" in buf; the id itself otherwise. */
static const char *id_base(const char *id, char *buf, size_t n)
{
	const char *p = id;

	while (*p && (*p < '0' || *p > '9'))
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != 'r' || (size_t)(p - id) >= n)
		return id;
	memcpy(buf, id, (size_t)(p - id));
	buf[p - id] = '\0';
	return buf;
}

/* The key a pass indexes old rules by; see pair_rules(). */
static const char *pass_key(const struct sd_rule *r, int pass)
{
	switch (pass) {
	case 0: case 2: return r->vuln_id;
	case 1: case 3: return r->rule_base;
	default: return r->stig_id;
	}
}

/* Does a fix forbid pairing old rule i with new rule j? */
static int forbidden(const struct sd_diff_fix *fx, size_t n, long i, size_t j)
{
	for (size_t k = 0; k < n; k++)
		if (fx[k].forbid && (long)fx[k].old_index == i &&
		    fx[k].new_index == j)
			return 1;
	return 0;
}

/*
 * Pair the caller's fixes, then in passes, strongest evidence first, each
 * over the rules still unpaired: same Vuln ID; same rule base; a legacy
 * id of the new rule naming an old Vuln ID, then an old rule base; same
 * STIG ID. No pass makes a pairing a fix forbids.
 */
static void pair_rules(const struct sd_benchmark *old,
		       const struct sd_benchmark *new, struct pairing *p,
		       const struct sd_diff_fix *fx, size_t nfx,
		       struct sd_strv *notes)
{
	static const enum sd_diff_evidence ev[] = {
		SD_PAIR_VULN_ID, SD_PAIR_RULE_BASE, SD_PAIR_LEGACY,
		SD_PAIR_LEGACY, SD_PAIR_STIG_ID
	};
	struct index ix = { 0 };

	for (size_t k = 0; k < nfx; k++) {
		size_t i = fx[k].old_index, j = fx[k].new_index;

		if (fx[k].forbid || i >= old->nrules || j >= new->nrules ||
		    p->old_pair[i] >= 0 || p->new_pair[j] >= 0)
			continue;
		sd_strv_push(notes, fx[k].note ? fx[k].note : "");
		pair(p, (long)i, j, SD_PAIR_CONFLICT, notes->v[notes->n - 1]);
	}
	for (int pass = 0; pass < 5; pass++) {
		ix.n = 0;
		for (size_t i = 0; i < old->nrules; i++)
			if (p->old_pair[i] < 0)
				index_add(&ix, pass_key(&old->rules[i], pass), i);
		if (ix.n > 1)
			qsort(ix.v, ix.n, sizeof(*ix.v), sd_str_index_cmp);
		for (size_t j = 0; j < new->nrules; j++) {
			const struct sd_rule *r = &new->rules[j];
			const char *k = NULL;
			long i = -1;

			if (p->new_pair[j] >= 0)
				continue;
			if (pass == 2 || pass == 3) {
				for (size_t l = 0; l < r->legacy.n && i < 0;
				     l++) {
					char buf[128];

					k = r->legacy.v[l];
					if (pass == 3)
						k = id_base(k, buf, sizeof(buf));
					i = index_find(&ix, k, p->old_pair);
					k = r->legacy.v[l];
				}
			} else {
				k = pass_key(r, pass);
				i = index_find(&ix, k, p->old_pair);
			}
			if (i >= 0 && !forbidden(fx, nfx, i, j))
				pair(p, i, j, ev[pass], k);
		}
	}
	free(ix.v);
}

/* ---- Comparing ---- */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void list_of(const struct sd_rule *r, enum source src,
		    struct sd_strv *out)
{
	const struct sd_strv *v = NULL;

	switch (src) {
	case SRC_CCIS: v = &r->ccis; break;
	case SRC_LEGACY: v = &r->legacy; break;
	case SRC_PROFILES: v = &r->profiles; break;
	case SRC_IDENTS:
		for (size_t i = 0; i < r->nidents; i++) {
			struct sd_buf b = SD_BUF_INIT;

			sd_buf_addf(&b, "%s (%s)", nz(r->idents[i].value),
				    nz(r->idents[i].system));
			sd_strv_push_owned(out, sd_buf_detach(&b));
		}
		break;
	default: break;
	}
	for (size_t i = 0; v && i < v->n; i++)
		sd_strv_push(out, v->v[i]);
	sd_strv_sort(out);
	/* A set: drop duplicates. */
	if (out->n > 1) {
		size_t w = 1;

		for (size_t i = 1; i < out->n; i++) {
			if (!strcmp(out->v[i], out->v[w - 1])) {
				free(out->v[i]);
				continue;
			}
			out->v[w++] = out->v[i];
		}
		out->n = w;
		out->v[w] = NULL;
	}
}

static const char *severity_value(const struct sd_rule *r)
{
	if (r->severity != SD_SEV_UNKNOWN)
		return sd_severity_name(r->severity);
	return r->severity_raw;
}

static const char *value_of(const struct sd_rule *r, const struct field *f)
{
	switch (f->src) {
	case SRC_RULE_FIELD: return SD_RULE_FIELD(r, f->rf);
	case SRC_VULN_ID: return r->vuln_id;
	case SRC_SEVERITY: return severity_value(r);
	default: return NULL;
	}
}

static void change_release(struct sd_diff_change *c)
{
	sd_strv_release(&c->old_list);
	sd_strv_release(&c->new_list);
	sd_strv_release(&c->removed);
	sd_strv_release(&c->added);
	sd_strv_release(&c->old_controls);
	sd_strv_release(&c->new_controls);
	sd_strv_release(&c->controls_removed);
	sd_strv_release(&c->controls_added);
	sd_worddiff_release(&c->wd);
}

int sd_diff_has_cci_change(const struct sd_diff *d)
{
	for (size_t i = 0; i < d->nrules; i++)
		for (size_t k = 0; k < d->rules[i].nchanges; k++)
			if (!strcmp(d->rules[i].changes[k].field, "ccis"))
				return 1;
	return 0;
}

/* Items of `a` missing from `b`, appended to `out`. */
static void strv_minus(const struct sd_strv *a, const struct sd_strv *b,
		       struct sd_strv *out)
{
	for (size_t i = 0; i < a->n; i++)
		if (!sd_strv_contains(b, a->v[i]))
			sd_strv_push(out, a->v[i]);
}

void sd_diff_controls(struct sd_diff *d, const struct sd_cci_list *l,
		      const char *rev)
{
	for (size_t i = 0; i < d->nrules; i++)
		for (size_t k = 0; k < d->rules[i].nchanges; k++) {
			struct sd_diff_change *c = &d->rules[i].changes[k];

			if (strcmp(c->field, "ccis") || c->nist_rev)
				continue;
			c->nist_rev = rev;
			sd_cci_rule_controls(l, &c->old_list, rev,
					     &c->old_controls);
			sd_cci_rule_controls(l, &c->new_list, rev,
					     &c->new_controls);
			strv_minus(&c->old_controls, &c->new_controls,
				   &c->controls_removed);
			strv_minus(&c->new_controls, &c->old_controls,
				   &c->controls_added);
		}
}

/* Do two rules hold the same items in list `src`, in the same order?
 * (Then they hold the same set; otherwise list_of() tells.) */
static int same_list(const struct sd_rule *a, const struct sd_rule *b,
		     enum source src)
{
	const struct sd_strv *x = NULL, *y = NULL;

	switch (src) {
	case SRC_CCIS: x = &a->ccis; y = &b->ccis; break;
	case SRC_LEGACY: x = &a->legacy; y = &b->legacy; break;
	case SRC_PROFILES: x = &a->profiles; y = &b->profiles; break;
	case SRC_IDENTS:
		if (a->nidents != b->nidents)
			return 0;
		for (size_t i = 0; i < a->nidents; i++)
			if (strcmp(nz(a->idents[i].value), nz(b->idents[i].value)) ||
			    strcmp(nz(a->idents[i].system), nz(b->idents[i].system)))
				return 0;
		return 1;
	default: return 0;
	}
	if (x->n != y->n)
		return 0;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->v[i], y->v[i]))
			return 0;
	return 1;
}

/*
 * Compare one field of a pair. Returns 1 and fills *c when it differs;
 * absent and empty count as the same.
 */
static int compare_field(const struct field *f, unsigned cosmetic,
			 int words, const struct sd_rule *a,
			 const struct sd_rule *b, struct sd_diff_change *c)
{
	/* Most fields of most pairs are equal: say so before filling in
	 * what a change carries. */
	if (f->kind == SD_KIND_LIST ? same_list(a, b, f->src)
				    : !strcmp(nz(value_of(a, f)), nz(value_of(b, f))))
		return 0;
	memset(c, 0, sizeof(*c));
	c->field = f->name;
	c->label = label_of(f->name);
	c->kind = f->kind;
	c->role = f->role;
	if (f->kind == SD_KIND_LIST) {
		size_t i = 0, j = 0;

		list_of(a, f->src, &c->old_list);
		list_of(b, f->src, &c->new_list);
		while (i < c->old_list.n || j < c->new_list.n) {
			int k = i == c->old_list.n   ? 1
				: j == c->new_list.n ? -1
				: strcmp(c->old_list.v[i], c->new_list.v[j]);

			if (k < 0)
				sd_strv_push(&c->removed, c->old_list.v[i++]);
			else if (k > 0)
				sd_strv_push(&c->added, c->new_list.v[j++]);
			else
				i++, j++;
		}
		if (!c->removed.n && !c->added.n) {
			change_release(c);
			return 0;
		}
		return 1;
	}
	/* Group titles are compared only where they are not SRGs (the
	 * srg field covers those). */
	if (f->src == SRC_RULE_FIELD && !strcmp(f->name, "group-title") &&
	    (a->srg || b->srg))
		return 0;
	c->old = value_of(a, f);
	c->new = value_of(b, f);
	if (!strcmp(nz(c->old), nz(c->new)))
		return 0;
	if (f->src == SRC_SEVERITY && a->severity != SD_SEV_UNKNOWN &&
	    b->severity != SD_SEV_UNKNOWN)
		c->severity_dir = b->severity > a->severity ? 1 : -1;
	if (f->kind == SD_KIND_TEXT) {
		c->cosmetic = sd_worddiff_cosmetic_as(c->old, c->new, cosmetic);
		if (words)
			sd_worddiff_compute(&c->wd, c->old, c->new);
	}
	return 1;
}

static enum sd_diff_status classify(const struct sd_diff_rule *dr, int strict)
{
	int content = 0, cosmetic = 0, identity = 0, bookkeeping = 0;

	for (size_t i = 0; i < dr->nchanges; i++) {
		const struct sd_diff_change *c = &dr->changes[i];

		if (c->role == SD_ROLE_IDENTITY)
			identity = 1;
		else if (c->role == SD_ROLE_BOOKKEEPING)
			bookkeeping = 1;
		else if (c->cosmetic && !strict)
			cosmetic = 1;
		else
			content = 1;
	}
	if (content)
		return SD_DIFF_CHANGED;
	if (identity)
		return SD_DIFF_RENUMBERED;
	if (cosmetic)
		return SD_DIFF_COSMETIC;
	if (bookkeeping)
		return SD_DIFF_REVISED;
	return SD_DIFF_UNCHANGED;
}

/* The cosmetic kinds a diff with these options allows. */
static unsigned cosmetic_kinds(const struct sd_diff_opts *o)
{
	return SD_COSMETIC_SPACE | SD_COSMETIC_QUOTES | SD_COSMETIC_PUNCT |
	       (o && o->fold_case ? SD_COSMETIC_CASE : 0);
}

static void compare_pair(struct sd_diff_rule *dr, const struct field *f,
			 size_t nf, const char *sel,
			 const struct sd_diff_opts *o)
{
	struct sd_diff_change c[MAX_FIELDS];
	size_t n = 0;
	int strict = o && o->strict;

	for (size_t i = 0; i < nf; i++)
		if (sel[i] && compare_field(&f[i], cosmetic_kinds(o),
					    !(o && o->statuses_only), dr->old,
					    dr->new, &c[n]))
			n++;
	if (n) {
		dr->changes = sd_xmalloc(n * sizeof(*dr->changes));
		memcpy(dr->changes, c, n * sizeof(*dr->changes));
		dr->nchanges = n;
	}
	dr->status = classify(dr, strict);
}

/* ---- The diff ---- */

static struct sd_diff_rule *add_rule(struct sd_diff *d, size_t *cap)
{
	struct sd_diff_rule *r;

	SD_ALLOC_GROW(d->rules, d->nrules, *cap);
	r = &d->rules[d->nrules++];
	memset(r, 0, sizeof(*r));
	return r;
}

static void add_removed(struct sd_diff *d, size_t *cap,
			const struct sd_rule *r)
{
	struct sd_diff_rule *dr = add_rule(d, cap);

	dr->status = SD_DIFF_REMOVED;
	dr->old = r;
}

int sd_diff_run(const struct sd_benchmark *old, const struct sd_benchmark *new,
		const struct sd_diff_opts *opts, struct sd_diff **out)
{
	struct sd_diff *d;
	struct field f[MAX_FIELDS];
	char sel[MAX_FIELDS];
	size_t nf = all_fields(f), cap = 0, next_old = 0;
	struct pairing p;
	int strict = opts && opts->strict, err;

	*out = NULL;
	if ((err = select_fields(opts ? opts->fields : NULL, f, nf, sel)) < 0)
		return err;
	d = sd_xcalloc(1, sizeof(*d));
	d->old = old;
	d->new = new;
	d->strict = strict;
	for (size_t i = 0; i < nf; i++)
		if (sel[i])
			sd_strv_push(&d->fields, f[i].name);

	p.old_pair = sd_xmalloc((old->nrules + 1) * sizeof(*p.old_pair));
	p.new_pair = sd_xmalloc((new->nrules + 1) * sizeof(*p.new_pair));
	p.ev = sd_xcalloc(new->nrules + 1, sizeof(*p.ev));
	p.ev_value = sd_xcalloc(new->nrules + 1, sizeof(*p.ev_value));
	for (size_t i = 0; i < old->nrules; i++)
		p.old_pair[i] = -1;
	for (size_t j = 0; j < new->nrules; j++)
		p.new_pair[j] = -1;
	pair_rules(old, new, &p, opts ? opts->fixes : NULL,
		   opts ? opts->nfixes : 0, &d->notes);

	for (size_t j = 0; j < new->nrules; j++) {
		long i = p.new_pair[j];
		struct sd_diff_rule *dr;

		/* Removed rules go where they stood in OLD. */
		for (; i >= 0 && next_old < (size_t)i; next_old++)
			if (p.old_pair[next_old] < 0)
				add_removed(d, &cap, &old->rules[next_old]);
		dr = add_rule(d, &cap);
		dr->new = &new->rules[j];
		if (i < 0) {
			dr->status = SD_DIFF_ADDED;
			continue;
		}
		dr->old = &old->rules[i];
		dr->evidence = p.ev[j];
		dr->evidence_value = p.ev_value[j];
		compare_pair(dr, f, nf, sel, opts);
	}
	for (; next_old < old->nrules; next_old++)
		if (p.old_pair[next_old] < 0)
			add_removed(d, &cap, &old->rules[next_old]);
	free(p.old_pair);
	free(p.new_pair);
	free(p.ev);
	free(p.ev_value);
	*out = d;
	return 0;
}

int sd_diff_rules(const struct sd_rule *old, const struct sd_rule *new,
		  const struct sd_diff_opts *opts, struct sd_diff_rule *out)
{
	struct field f[MAX_FIELDS];
	char sel[MAX_FIELDS];
	size_t nf = all_fields(f);
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = select_fields(opts ? opts->fields : NULL, f, nf, sel)) < 0)
		return err;
	out->old = old;
	out->new = new;
	compare_pair(out, f, nf, sel, opts);
	return 0;
}

void sd_diff_rule_release(struct sd_diff_rule *r)
{
	for (size_t k = 0; k < r->nchanges; k++)
		change_release(&r->changes[k]);
	free(r->changes);
	r->changes = NULL;
	r->nchanges = 0;
}

void sd_diff_free(struct sd_diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nrules; i++)
		sd_diff_rule_release(&d->rules[i]);
	free(d->rules);
	sd_strv_release(&d->fields);
	sd_strv_release(&d->notes);
	free(d);
}

void sd_diff_counts(const struct sd_diff *d, struct sd_diff_counts *out)
{
	size_t n[SD_DIFF_NSTATUS] = { 0 };

	for (size_t i = 0; i < d->nrules; i++)
		n[d->rules[i].status]++;
	out->added = n[SD_DIFF_ADDED];
	out->removed = n[SD_DIFF_REMOVED];
	out->changed = n[SD_DIFF_CHANGED];
	out->renumbered = n[SD_DIFF_RENUMBERED];
	out->revised = n[SD_DIFF_REVISED];
	out->cosmetic = n[SD_DIFF_COSMETIC];
	out->unchanged = n[SD_DIFF_UNCHANGED];
}

size_t sd_diff_count(const struct sd_diff_counts *c, enum sd_diff_status s)
{
	switch (s) {
	case SD_DIFF_ADDED: return c->added;
	case SD_DIFF_REMOVED: return c->removed;
	case SD_DIFF_CHANGED: return c->changed;
	case SD_DIFF_RENUMBERED: return c->renumbered;
	case SD_DIFF_REVISED: return c->revised;
	case SD_DIFF_COSMETIC: return c->cosmetic;
	case SD_DIFF_UNCHANGED: return c->unchanged;
	default: return 0;
	}
}

int sd_diff_has_changes(const struct sd_diff *d)
{
	for (size_t i = 0; i < d->nrules; i++)
		if (sd_diff_status_is_change(d->rules[i].status))
			return 1;
	return 0;
}
