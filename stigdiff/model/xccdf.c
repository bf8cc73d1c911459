/*
 * The benchmark model's helpers: life cycle, canonical rule order, id
 * forms, severities, DISA dates, text normalization and the description
 * pseudo-XML. Parsing the XML itself lives in xccdf_parse.c.
 */
#include "xccdf.h"
#include "buf.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *tag;
	const char *name;
} desc_fields[SD_DESC_COUNT] = {
	{ "VulnDiscussion", "discussion" },
	{ "FalsePositives", "false-positives" },
	{ "FalseNegatives", "false-negatives" },
	{ "Documentable", "documentable" },
	{ "Mitigations", "mitigations" },
	{ "SeverityOverrideGuidance", "severity-override-guidance" },
	{ "PotentialImpacts", "potential-impacts" },
	{ "ThirdPartyTools", "third-party-tools" },
	{ "MitigationControl", "mitigation-control" },
	{ "Responsibility", "responsibility" },
	{ "IAControls", "ia-controls" },
};

const char *sd_desc_tag(enum sd_desc_field f)
{
	return f < SD_DESC_COUNT ? desc_fields[f].tag : "";
}

const char *sd_desc_name(enum sd_desc_field f)
{
	return f < SD_DESC_COUNT ? desc_fields[f].name : "";
}

#define RF(name, member, is_id) \
	{ name, offsetof(struct sd_rule, member), is_id }
const struct sd_rule_field sd_rule_fields[] = {
	RF("rule-id", rule_id, 1),
	RF("rule-base", rule_base, 1),
	RF("revision", rule_rev, 1),
	RF("stig-id", stig_id, 1),
	RF("group-title", group_title, 1),
	RF("srg", srg, 1),
	RF("weight", weight, 1),
	RF("title", title, 0),
	RF("discussion", desc[SD_DESC_DISCUSSION], 0),
	RF("false-positives", desc[SD_DESC_FALSE_POSITIVES], 0),
	RF("false-negatives", desc[SD_DESC_FALSE_NEGATIVES], 0),
	RF("documentable", desc[SD_DESC_DOCUMENTABLE], 0),
	RF("mitigations", desc[SD_DESC_MITIGATIONS], 0),
	RF("severity-override-guidance",
	   desc[SD_DESC_SEVERITY_OVERRIDE_GUIDANCE], 0),
	RF("potential-impacts", desc[SD_DESC_POTENTIAL_IMPACTS], 0),
	RF("third-party-tools", desc[SD_DESC_THIRD_PARTY_TOOLS], 0),
	RF("mitigation-control", desc[SD_DESC_MITIGATION_CONTROL], 0),
	RF("responsibility", desc[SD_DESC_RESPONSIBILITY], 0),
	RF("ia-controls", desc[SD_DESC_IA_CONTROLS], 0),
	RF("check-system", check_system, 1),
	RF("check-ref-name", check_ref_name, 1),
	RF("check-ref-href", check_ref_href, 1),
	RF("check-content", check_content, 0),
	RF("fix-id", fix_id, 1),
	RF("fix-text", fix_text, 0),
};
#undef RF
const size_t sd_rule_nfields = SD_ARRAY_SIZE(sd_rule_fields);

static int cmp_field_name(const void *a, const void *b)
{
	return strcmp((*(const struct sd_rule_field *const *)a)->name,
		      (*(const struct sd_rule_field *const *)b)->name);
}

const struct sd_rule_field *sd_rule_field_find(const char *name)
{
	/* Readers look a name up per line: search a sorted index. */
	static const struct sd_rule_field *by_name[SD_ARRAY_SIZE(sd_rule_fields)];
	static int ready;
	struct sd_rule_field key = { name, 0, 0 };
	const struct sd_rule_field *kp = &key, *const *hit;

	if (!ready) {
		for (size_t i = 0; i < sd_rule_nfields; i++)
			by_name[i] = &sd_rule_fields[i];
		qsort(by_name, sd_rule_nfields, sizeof(*by_name),
		      cmp_field_name);
		ready = 1;
	}
	hit = bsearch(&kp, by_name, sd_rule_nfields, sizeof(*by_name),
		      cmp_field_name);
	return hit ? *hit : NULL;
}

static void free_idents(struct sd_ident *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].system);
		free(v[i].value);
	}
	free(v);
}

void sd_rule_release(struct sd_rule *r)
{
	if (!r)
		return;
	free(r->vuln_id);
	free(r->group_title);
	free(r->srg);
	free(r->rule_id);
	free(r->rule_base);
	free(r->rule_rev);
	free(r->stig_id);
	free(r->severity_raw);
	free(r->weight);
	free(r->title);
	for (int i = 0; i < SD_DESC_COUNT; i++)
		free(r->desc[i]);
	free(r->check_system);
	free(r->check_ref_name);
	free(r->check_ref_href);
	free(r->check_content);
	free(r->fix_id);
	free(r->fix_text);
	sd_strv_release(&r->ccis);
	sd_strv_release(&r->legacy);
	free_idents(r->idents, r->nidents);
	sd_strv_release(&r->profiles);
	memset(r, 0, sizeof(*r));
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

static void strv_copy(struct sd_strv *dst, const struct sd_strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		sd_strv_push(dst, src->v[i]);
}

void sd_rule_copy(struct sd_rule *dst, const struct sd_rule *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->vuln_id = dup_or_null(src->vuln_id);
	dst->group_title = dup_or_null(src->group_title);
	dst->srg = dup_or_null(src->srg);
	dst->rule_id = dup_or_null(src->rule_id);
	dst->rule_base = dup_or_null(src->rule_base);
	dst->rule_rev = dup_or_null(src->rule_rev);
	dst->stig_id = dup_or_null(src->stig_id);
	dst->severity = src->severity;
	dst->severity_raw = dup_or_null(src->severity_raw);
	dst->weight = dup_or_null(src->weight);
	dst->title = dup_or_null(src->title);
	for (int i = 0; i < SD_DESC_COUNT; i++)
		dst->desc[i] = dup_or_null(src->desc[i]);
	dst->check_system = dup_or_null(src->check_system);
	dst->check_ref_name = dup_or_null(src->check_ref_name);
	dst->check_ref_href = dup_or_null(src->check_ref_href);
	dst->check_content = dup_or_null(src->check_content);
	dst->fix_id = dup_or_null(src->fix_id);
	dst->fix_text = dup_or_null(src->fix_text);
	strv_copy(&dst->ccis, &src->ccis);
	strv_copy(&dst->legacy, &src->legacy);
	if (src->nidents) {
		dst->idents = sd_xcalloc(src->nidents, sizeof(*dst->idents));
		for (size_t i = 0; i < src->nidents; i++) {
			dst->idents[i].system = dup_or_null(src->idents[i].system);
			dst->idents[i].value = dup_or_null(src->idents[i].value);
		}
		dst->nidents = src->nidents;
	}
	strv_copy(&dst->profiles, &src->profiles);
	dst->line = src->line;
}

void sd_benchmark_free(struct sd_benchmark *b)
{
	if (!b)
		return;
	free(b->id);
	free(b->title);
	free(b->description);
	free(b->version);
	free(b->release_info);
	free(b->date);
	free(b->status);
	free(b->status_date);
	free(b->source);
	free(b->xccdf_version);
	free_idents(b->plain_texts, b->nplain_texts);
	for (size_t i = 0; i < b->nprofiles; i++) {
		free(b->profiles[i].id);
		free(b->profiles[i].title);
	}
	free(b->profiles);
	for (size_t i = 0; i < b->nrules; i++)
		sd_rule_release(&b->rules[i]);
	free(b->rules);
	free(b);
}

struct sd_rule *sd_benchmark_add_rule(struct sd_benchmark *b)
{
	struct sd_rule *r;

	SD_ALLOC_GROW(b->rules, b->nrules, b->rules_cap);
	r = &b->rules[b->nrules++];
	memset(r, 0, sizeof(*r));
	return r;
}

unsigned long sd_id_number(const char *id)
{
	const char *p = id;

	if (!p)
		return 0;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	return strtoul(p, NULL, 10);
}

static int cmp_rule(const void *pa, const void *pb)
{
	const struct sd_rule *a = pa, *b = pb;
	unsigned long na = sd_id_number(a->vuln_id);
	unsigned long nb = sd_id_number(b->vuln_id);
	int c;

	if (na != nb)
		return na < nb ? -1 : 1;
	if ((c = sd_strcmp_null(a->vuln_id, b->vuln_id)))
		return c;
	if ((c = sd_strcmp_null(a->rule_id, b->rule_id)))
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

void sd_benchmark_sort(struct sd_benchmark *b)
{
	if (b->nrules > 1)
		qsort(b->rules, b->nrules, sizeof(*b->rules), cmp_rule);
}

int sd_release_cmp(int av, int ar, const char *adate, int bv, int br,
		   const char *bdate)
{
	if (av != bv)
		return av < bv ? -1 : 1;
	if (ar != br)
		return ar < br ? -1 : 1;
	return sd_strcmp_null(adate, bdate);
}

char *sd_benchmark_vr(const struct sd_benchmark *b, char out[32])
{
	if (b->v > 0 && b->rsub > 0)
		snprintf(out, 32, "V%dR%d.%d", b->v, b->r, b->rsub);
	else if (b->v > 0 && b->r > 0)
		snprintf(out, 32, "V%dR%d", b->v, b->r);
	else if (b->v > 0)
		snprintf(out, 32, "V%d", b->v);
	else
		out[0] = '\0';
	return out;
}

/* A check by reference to a checking language (OVAL, OCIL, ...). */
static int automated_check(const struct sd_rule *r)
{
	return r->check_system && strstr(r->check_system, "://") &&
	       !r->check_content;
}

enum sd_bench_kind sd_benchmark_kind(const struct sd_benchmark *b)
{
	size_t automated = 0;

	for (size_t i = 0; i < b->nrules; i++)
		automated += automated_check(&b->rules[i]) != 0;
	if (b->nrules && automated * 2 > b->nrules)
		return SD_KIND_SCAP;
	if (b->title && sd_contains_icase(b->title, "Security Requirements Guide"))
		return SD_KIND_SRG;
	return SD_KIND_STIG;
}

const char *sd_bench_kind_name(enum sd_bench_kind k)
{
	switch (k) {
	case SD_KIND_SRG:
		return "srg";
	case SD_KIND_SCAP:
		return "scap";
	default:
		return "stig";
	}
}

int sd_benchmark_is_draft(const struct sd_benchmark *b)
{
	return b->status && !strcasecmp(b->status, "draft");
}

enum sd_severity sd_severity_parse(const char *s)
{
	if (!s)
		return SD_SEV_UNKNOWN;
	if (!strcasecmp(s, "high") || !strcasecmp(s, "CAT I"))
		return SD_SEV_HIGH;
	if (!strcasecmp(s, "medium") || !strcasecmp(s, "CAT II"))
		return SD_SEV_MEDIUM;
	if (!strcasecmp(s, "low") || !strcasecmp(s, "CAT III"))
		return SD_SEV_LOW;
	return SD_SEV_UNKNOWN;
}

const char *sd_severity_name(enum sd_severity s)
{
	switch (s) {
	case SD_SEV_HIGH: return "high";
	case SD_SEV_MEDIUM: return "medium";
	case SD_SEV_LOW: return "low";
	default: return "unknown";
	}
}

const char *sd_severity_category(enum sd_severity s)
{
	switch (s) {
	case SD_SEV_HIGH: return "CAT I";
	case SD_SEV_MEDIUM: return "CAT II";
	case SD_SEV_LOW: return "CAT III";
	default: return "";
	}
}

void sd_rule_derive_ids(struct sd_rule *r)
{
	free(r->rule_base);
	free(r->rule_rev);
	free(r->srg);
	r->rule_base = r->rule_rev = r->srg = NULL;
	if (r->rule_id) {
		const char *id = r->rule_id, *p = id;

		/* SV-259642r961632_rule: base up to the 'r' after digits. */
		while (*p && !isdigit((unsigned char)*p))
			p++;
		while (isdigit((unsigned char)*p))
			p++;
		if (p > id && isdigit((unsigned char)p[-1])) {
			r->rule_base = sd_xstrndup(id, (size_t)(p - id));
			if (*p == 'r' && isdigit((unsigned char)p[1])) {
				const char *q = p + 1;

				while (isdigit((unsigned char)*q))
					q++;
				r->rule_rev = sd_xstrndup(p, (size_t)(q - p));
			}
		}
	}
	if (r->group_title && sd_starts_with(r->group_title, "SRG-"))
		r->srg = sd_xstrdup(r->group_title);
}

/* Is `id` `full` or `full` followed by a revision and/or "_rule"? */
static int id_prefix_match(const char *full, const char *id)
{
	size_t n = strlen(id);

	return full && !strncasecmp(full, id, n) &&
	       (full[n] == '\0' ||
		(full[n] == 'r' && isdigit((unsigned char)full[n + 1])) ||
		!strcasecmp(full + n, "_rule"));
}

int sd_rule_has_own_id(const struct sd_rule *r, const char *id)
{
	return id && *id &&
	       ((r->vuln_id && !strcasecmp(r->vuln_id, id)) ||
		(r->stig_id && !strcasecmp(r->stig_id, id)) ||
		(r->rule_base && !strcasecmp(r->rule_base, id)) ||
		id_prefix_match(r->rule_id, id));
}

int sd_rule_has_id(const struct sd_rule *r, const char *id)
{
	if (!id || !*id)
		return 0;
	if (sd_rule_has_own_id(r, id))
		return 1;
	for (size_t i = 0; i < r->legacy.n; i++)
		if (!strcasecmp(r->legacy.v[i], id))
			return 1;
	return 0;
}

/* Does `s` hold a CR or a blank before a line end? (the rare cases) */
static int needs_line_pass(const char *s)
{
	if (strchr(s, '\r'))
		return 1;
	for (const char *p = strchr(s, '\n'); p; p = strchr(p + 1, '\n'))
		if (p > s && (p[-1] == ' ' || p[-1] == '\t'))
			return 1;
	return 0;
}

void sd_text_normalize(char *s)
{
	char *w = s, *line_end_keep = s;
	const char *p = s;
	char *start;

	if (!needs_line_pass(s)) {
		w = s + strlen(s);
	} else {
		/* Line endings to LF, trailing blanks of each line removed. */
		for (; *p; p++) {
			char c = *p;

			if (c == '\r') {
				if (p[1] == '\n')
					p++;
				c = '\n';
			}
			if (c == '\n') {
				w = line_end_keep;
				*w++ = '\n';
				line_end_keep = w;
				continue;
			}
			*w++ = c;
			if (c != ' ' && c != '\t')
				line_end_keep = w;
		}
		w = line_end_keep;
	}
	/* Trailing newlines and blanks of the whole field. */
	while (w > s && (w[-1] == '\n' || w[-1] == ' ' || w[-1] == '\t'))
		w--;
	*w = '\0';
	/* Leading blank lines and spaces of the whole field. */
	start = s;
	while (*start == '\n' || *start == ' ' || *start == '\t')
		start++;
	if (start != s)
		memmove(s, start, (size_t)(w - start) + 1);
}

int sd_date_iso(const char *in, char out[11])
{
	static const char *months[] = { "jan", "feb", "mar", "apr", "may",
					"jun", "jul", "aug", "sep", "oct",
					"nov", "dec" };
	int d = 0, m = 0, y = 0;
	char mon[16];

	out[0] = '\0';
	if (!in)
		return -1;
	while (isspace((unsigned char)*in))
		in++;
	if (sscanf(in, "%4d-%2d-%2d", &y, &m, &d) == 3 && y > 1900 &&
	    y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100,
			 (unsigned)d % 100);
		return 0;
	}
	if (sscanf(in, "%2d %15s %4d", &d, mon, &y) != 3)
		return -1;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(mon, months[i], 3))
			m = i + 1;
	if (!m || d < 1 || d > 31 || y < 1900 || y > 9999)
		return -1;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, d % 100);
	return 0;
}

void sd_rule_parse_description(struct sd_rule *r, const char *text)
{
	struct sd_buf outside = SD_BUF_INIT;
	const char *p = text;

	while (*p) {
		const char *lt = strchr(p, '<');
		int f, matched = 0;

		if (!lt) {
			sd_buf_addstr(&outside, p);
			break;
		}
		sd_buf_add(&outside, p, (size_t)(lt - p));
		for (f = 0; f < SD_DESC_COUNT && !matched; f++) {
			const char *tag = desc_fields[f].tag;
			size_t n = strlen(tag);
			char close[64];
			const char *end;

			if (strncmp(lt + 1, tag, n) || lt[1 + n] != '>' ||
			    n + 4 > sizeof(close))
				continue;
			memcpy(close, "</", 2);
			memcpy(close + 2, tag, n);
			memcpy(close + 2 + n, ">", 2);
			end = strstr(lt + 2 + n, close);
			if (!end)
				continue;
			free(r->desc[f]);
			r->desc[f] = sd_xstrndup(lt + 2 + n,
						 (size_t)(end - lt - 2 - n));
			sd_text_normalize(r->desc[f]);
			p = end + strlen(close);
			matched = 1;
		}
		if (!matched) {
			/* A '<' that opens no known field is text. */
			sd_buf_addch(&outside, '<');
			p = lt + 1;
		}
	}
	sd_text_normalize(outside.ptr);
	if (outside.cap && *outside.ptr) {
		char **disc = &r->desc[SD_DESC_DISCUSSION];

		/* Kept, never dropped: after the discussion when there is one. */
		if (*disc && **disc) {
			struct sd_buf both = SD_BUF_INIT;

			sd_buf_addf(&both, "%s\n\n%s", *disc, outside.ptr);
			free(*disc);
			*disc = sd_buf_detach(&both);
		} else {
			free(*disc);
			*disc = sd_buf_detach(&outside);
		}
	}
	sd_buf_release(&outside);
}
