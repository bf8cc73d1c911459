/*
 * The checklist model shared by ckl.c and cklb.c: statuses in both
 * vocabularies, the table mapping .ckl names to .cklb keys, reading by
 * content, writing by format, checklists built from a benchmark, a
 * checklist STIG seen as a benchmark (for the matcher), and the
 * structural check run on every checklist stigdiff writes.
 */
#include "checklist.h"
#include "buf.h"
#include "error.h"
#include "json.h"
#include "uuid.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

const char *sd_cl_format_name(enum sd_cl_format f)
{
	switch (f) {
	case SD_CL_CKL: return "ckl";
	case SD_CL_CKLB: return "cklb";
	default: return "";
	}
}

enum sd_cl_format sd_cl_format_parse(const char *s)
{
	if (s && !strcasecmp(s, "ckl"))
		return SD_CL_CKL;
	if (s && !strcasecmp(s, "cklb"))
		return SD_CL_CKLB;
	return SD_CL_NONE;
}

enum sd_cl_format sd_cl_format_of_path(const char *path)
{
	if (!path)
		return SD_CL_NONE;
	if (sd_ends_with_icase(path, ".ckl"))
		return SD_CL_CKL;
	if (sd_ends_with_icase(path, ".cklb"))
		return SD_CL_CKLB;
	return SD_CL_NONE;
}

/* ---- statuses ---- */

static const struct {
	const char *ckl, *cklb, *squashed;
} statuses[] = {
	[SD_CL_NOT_REVIEWED] = { "Not_Reviewed", "not_reviewed",
				 "notreviewed" },
	[SD_CL_OPEN] = { "Open", "open", "open" },
	[SD_CL_NOT_A_FINDING] = { "NotAFinding", "not_a_finding",
				  "notafinding" },
	[SD_CL_NOT_APPLICABLE] = { "Not_Applicable", "not_applicable",
				   "notapplicable" },
};

enum sd_cl_status sd_cl_status_parse(const char *s)
{
	char sq[32];
	size_t n = 0;

	if (!s || !*s)
		return SD_CL_NOT_REVIEWED;
	for (; *s && n < sizeof(sq) - 1; s++) {
		if (*s == '_' || *s == '-' || *s == ' ')
			continue;
		sq[n++] = (char)tolower((unsigned char)*s);
	}
	if (*s)
		return SD_CL_STATUS_UNKNOWN;
	sq[n] = '\0';
	for (size_t i = 0; i < SD_ARRAY_SIZE(statuses); i++)
		if (!strcmp(sq, statuses[i].squashed))
			return (enum sd_cl_status)i;
	return SD_CL_STATUS_UNKNOWN;
}

const char *sd_cl_status_name(enum sd_cl_status st, enum sd_cl_format f)
{
	if (st >= SD_ARRAY_SIZE(statuses))
		return NULL;
	return f == SD_CL_CKLB ? statuses[st].cklb : statuses[st].ckl;
}

static const char *const field_names[SD_CL_NFIELDS] = {
	"STATUS", "FINDING_DETAILS", "COMMENTS", "SEVERITY_OVERRIDE",
	"SEVERITY_JUSTIFICATION",
};

const char *sd_cl_field_name(enum sd_cl_field f)
{
	return f < SD_CL_NFIELDS ? field_names[f] : "";
}

/* ---- pairs ---- */

void sd_cl_pairs_add(struct sd_cl_pairs *p, const char *name,
		     const char *value)
{
	SD_ALLOC_GROW(p->v, p->n, p->cap);
	p->v[p->n].name = sd_xstrdup(name);
	p->v[p->n].value = value ? sd_xstrdup(value) : NULL;
	p->n++;
}

const char *sd_cl_pairs_get(const struct sd_cl_pairs *p, const char *name,
			    int *found)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name)) {
			if (found)
				*found = 1;
			return p->v[i].value;
		}
	if (found)
		*found = 0;
	return NULL;
}

void sd_cl_pairs_set(struct sd_cl_pairs *p, const char *name,
		     const char *value)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name)) {
			char *old = p->v[i].value;

			p->v[i].value = value ? sd_xstrdup(value) : NULL;
			free(old);
			return;
		}
	sd_cl_pairs_add(p, name, value);
}

void sd_cl_pairs_copy(struct sd_cl_pairs *dst, const struct sd_cl_pairs *src)
{
	for (size_t i = 0; i < src->n; i++)
		sd_cl_pairs_add(dst, src->v[i].name, src->v[i].value);
}

void sd_cl_pairs_release(struct sd_cl_pairs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].value);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* ---- rules, STIGs, checklists ---- */

const char *sd_cl_vuln_get(const struct sd_cl_vuln *v, const char *name)
{
	return sd_cl_pairs_get(&v->data, name, NULL);
}

const char *sd_cl_vuln_label(const struct sd_cl_vuln *v)
{
	static const char *const keys[] = { "Vuln_Num", "Rule_ID", "Rule_Ver" };

	for (size_t i = 0; i < SD_ARRAY_SIZE(keys); i++) {
		const char *s = sd_cl_vuln_get(v, keys[i]);

		if (s && *s)
			return s;
	}
	return "(no id)";
}

int sd_cl_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int sd_cl_vuln_has_assessment(const struct sd_cl_vuln *v)
{
	if (sd_cl_status_parse(v->field[SD_CL_STATUS]) != SD_CL_NOT_REVIEWED)
		return 1;
	for (int f = SD_CL_FINDING_DETAILS; f < SD_CL_NFIELDS; f++)
		if (!sd_cl_blank(v->field[f]))
			return 1;
	return 0;
}

void sd_cl_vuln_release(struct sd_cl_vuln *v)
{
	sd_cl_pairs_release(&v->data);
	for (int f = 0; f < SD_CL_NFIELDS; f++)
		free(v->field[f]);
	sd_json_free(v->es);
	memset(v, 0, sizeof(*v));
}

const char *sd_cl_stig_get(const struct sd_cl_stig *s, const char *name)
{
	return sd_cl_pairs_get(&s->info, name, NULL);
}

char *sd_cl_stig_vr(const struct sd_cl_stig *s, char out[32])
{
	const char *ver = sd_cl_stig_get(s, "version");
	const char *ri = sd_cl_stig_get(s, "releaseinfo");
	const char *p;
	int v = 0, r = 0;

	if (ver) {
		for (p = ver; *p && !isdigit((unsigned char)*p); p++)
			;
		v = atoi(p);
	}
	if (ri && (p = strstr(ri, "Release:"))) {
		p += 8;
		while (*p == ' ')
			p++;
		r = atoi(p);
	}
	if (v > 0 && r > 0)
		snprintf(out, 32, "V%dR%d", v, r);
	else if (v > 0)
		snprintf(out, 32, "V%d", v);
	else
		out[0] = '\0';
	return out;
}

struct sd_cl_vuln *sd_cl_stig_add_vuln(struct sd_cl_stig *s)
{
	struct sd_cl_vuln *v;

	SD_ALLOC_GROW(s->vulns, s->nvulns, s->cap);
	v = &s->vulns[s->nvulns++];
	memset(v, 0, sizeof(*v));
	return v;
}

void sd_cl_stig_clear_vulns(struct sd_cl_stig *s)
{
	for (size_t i = 0; i < s->nvulns; i++)
		sd_cl_vuln_release(&s->vulns[i]);
	free(s->vulns);
	s->vulns = NULL;
	s->nvulns = s->cap = 0;
}

struct sd_checklist *sd_checklist_new(void)
{
	return sd_xcalloc(1, sizeof(struct sd_checklist));
}

void sd_checklist_free(struct sd_checklist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->nstigs; i++) {
		sd_cl_pairs_release(&cl->stigs[i].info);
		sd_cl_stig_clear_vulns(&cl->stigs[i]);
		sd_json_free(cl->stigs[i].es);
	}
	free(cl->stigs);
	sd_json_free(cl->es);
	sd_cl_pairs_release(&cl->asset);
	if (cl->doc && cl->format == SD_CL_CKL)
		sd_ckl_doc_free(cl->doc);
	else if (cl->doc && cl->format == SD_CL_CKLB)
		sd_cklb_doc_free(cl->doc);
	free(cl->source);
	free(cl);
}

struct sd_cl_stig *sd_checklist_add_stig(struct sd_checklist *cl)
{
	struct sd_cl_stig *s;

	SD_ALLOC_GROW(cl->stigs, cl->nstigs, cl->cap);
	s = &cl->stigs[cl->nstigs++];
	memset(s, 0, sizeof(*s));
	return s;
}

/* ---- the .ckl name <-> .cklb key tables ---- */

#define K(ckl, cklb, kind) { ckl, cklb, SD_CL_KEY_##kind }
const struct sd_cl_keymap sd_cl_asset_keys[] = {
	K("ROLE", "role", STRING),
	K("ASSET_TYPE", "target_type", STRING),
	K("MARKING", "marking", STRING),
	K("HOST_NAME", "host_name", STRING),
	K("HOST_IP", "ip_address", STRING),
	K("HOST_MAC", "mac_address", STRING),
	K("HOST_GUID", "host_guid", STRING),
	K("HOST_FQDN", "fqdn", STRING),
	K("TARGET_COMMENT", "comments", STRING),
	K("TECH_AREA", "technology_area", STRING),
	K("TARGET_KEY", "target_key", STRING),
	K("WEB_OR_DATABASE", "is_web_database", BOOL),
	K("WEB_DB_SITE", "web_db_site", STRING),
	K("WEB_DB_INSTANCE", "web_db_instance", STRING),
	{ NULL, NULL, 0 },
};

const struct sd_cl_keymap sd_cl_stig_keys[] = {
	K("version", "version", STRING),
	K("classification", "classification", STRING),
	K("customname", "customname", STRING),
	K("stigid", "stig_id", STRING),
	K("description", "description", STRING),
	K("filename", "filename", STRING),
	K("releaseinfo", "release_info", STRING),
	K("title", "stig_name", STRING),
	K("uuid", "uuid", STRING),
	K("notice", "notice", STRING),
	K("source", "source", STRING),
	{ NULL, NULL, 0 },
};

const struct sd_cl_keymap sd_cl_rule_keys[] = {
	K("Vuln_Num", "group_id", STRING),
	K("Severity", "severity", STRING),
	K("Group_Title", "group_title", STRING),
	K("Rule_ID", "rule_id_src", STRING),
	K("Rule_Ver", "rule_version", STRING),
	K("Rule_Title", "rule_title", STRING),
	K("Vuln_Discuss", "discussion", STRING),
	K("IA_Controls", "ia_controls", STRING),
	K("Check_Content", "check_content", STRING),
	K("Fix_Text", "fix_text", STRING),
	K("False_Positives", "false_positives", STRING),
	K("False_Negatives", "false_negatives", STRING),
	K("Documentable", "documentable", STRING),
	K("Mitigations", "mitigations", STRING),
	K("Potential_Impact", "potential_impacts", STRING),
	K("Third_Party_Tools", "third_party_tools", STRING),
	K("Mitigation_Control", "mitigation_control", STRING),
	K("Responsibility", "responsibility", STRING),
	K("Security_Override_Guidance", "security_override_guidance", STRING),
	K("Check_Content_Ref", "check_content_ref", CHECK_REF),
	K("Weight", "weight", STRING),
	K("Class", "classification", STRING),
	K("STIGRef", "stig_ref", STRING),
	K("TargetKey", "target_key", STRING),
	K("STIG_UUID", "stig_uuid", STRING),
	K("LEGACY_ID", "legacy_ids", LIST),
	K("CCI_REF", "ccis", LIST),
	{ NULL, NULL, 0 },
};
#undef K

const struct sd_cl_keymap *sd_cl_key_by_ckl(const struct sd_cl_keymap *map,
					     const char *ckl)
{
	for (; map->ckl; map++)
		if (!strcmp(map->ckl, ckl))
			return map;
	return NULL;
}

const struct sd_cl_keymap *sd_cl_key_by_cklb(const struct sd_cl_keymap *map,
					      const char *cklb)
{
	for (; map->ckl; map++)
		if (!strcmp(map->cklb, cklb))
			return map;
	return NULL;
}

/* ---- reading and writing ---- */

size_t sd_cl_max_field(const struct sd_cl_opts *opts)
{
	return opts && opts->max_field ? opts->max_field
				       : SD_CL_MAX_FIELD_DEFAULT;
}

int sd_checklist_parse(const char *data, size_t len, const char *source,
		       const struct sd_cl_opts *opts,
		       struct sd_checklist **out)
{
	struct sd_checklist *cl;
	size_t i = 0;
	int err;

	*out = NULL;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		i = 3; /* a UTF-8 byte order mark */
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i == len)
		return sd_error_set(SD_EPARSE, "%s: empty file", source);
	cl = sd_checklist_new();
	cl->source = sd_xstrdup(source);
	if (data[i] == '{') {
		/* JSON has no byte order mark: start at the object. */
		err = sd_cklb_parse(data + i, len - i, source, opts, cl);
	} else if (data[i] == '<') {
		err = sd_ckl_parse(data, len, source, opts, cl);
	} else {
		err = sd_error_set(SD_EPARSE,
				   "%s: not a checklist (neither XML nor a JSON object)",
				   source);
	}
	if (err < 0) {
		sd_checklist_free(cl);
		return err;
	}
	*out = cl;
	return 0;
}

int sd_checklist_load(const char *path, const struct sd_cl_opts *opts,
		      struct sd_checklist **out)
{
	size_t limit = opts && opts->max_bytes ? opts->max_bytes
					       : SD_CL_MAX_BYTES_DEFAULT;
	struct sd_buf b = SD_BUF_INIT;
	char *data = NULL;
	size_t len = 0;
	int err;

	*out = NULL;
	if (!strcmp(path, "-")) {
		char chunk[65536];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
			if (b.len + n > limit) {
				sd_buf_release(&b);
				return sd_error_set(SD_ELIMIT,
						    "standard input is larger than %zu bytes",
						    limit);
			}
			sd_buf_add(&b, chunk, n);
		}
		if (ferror(stdin)) {
			sd_buf_release(&b);
			return sd_error_errno(SD_EIO,
					      "cannot read standard input");
		}
		len = b.len;
		data = sd_buf_detach(&b);
	} else if ((err = sd_read_file(path, limit, &data, &len)) < 0) {
		return err;
	}
	err = sd_checklist_parse(data, len, path, opts, out);
	free(data);
	return err;
}

int sd_checklist_write(struct sd_checklist *cl, enum sd_cl_format f,
		       FILE *fp)
{
	if (f == SD_CL_CKLB)
		return sd_cklb_write(cl, fp);
	return sd_ckl_write(cl, fp);
}

/* ---- checklists from benchmarks ---- */

static const char *file_name(const char *path)
{
	const char *p = path, *q;

	if (!p)
		return NULL;
	if ((q = strrchr(p, '!')))
		p = q + 1;
	if ((q = strrchr(p, '/')))
		p = q + 1;
	return p;
}

static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

void sd_cl_vuln_from_rule(struct sd_cl_vuln *v, const struct sd_rule *r,
			  const char *stig_uuid, const char *stig_ref)
{
	struct sd_cl_pairs *d = &v->data;
	const char *sev = r->severity != SD_SEV_UNKNOWN
				  ? sd_severity_name(r->severity)
				  : r->severity_raw;

	sd_cl_pairs_add(d, "Vuln_Num", text_or_empty(r->vuln_id));
	sd_cl_pairs_add(d, "Severity", text_or_empty(sev));
	sd_cl_pairs_add(d, "Group_Title", text_or_empty(r->group_title));
	sd_cl_pairs_add(d, "Rule_ID", text_or_empty(r->rule_id));
	sd_cl_pairs_add(d, "Rule_Ver", text_or_empty(r->stig_id));
	sd_cl_pairs_add(d, "Rule_Title", text_or_empty(r->title));
	sd_cl_pairs_add(d, "Vuln_Discuss",
			text_or_empty(r->desc[SD_DESC_DISCUSSION]));
	sd_cl_pairs_add(d, "IA_Controls",
			text_or_empty(r->desc[SD_DESC_IA_CONTROLS]));
	sd_cl_pairs_add(d, "Check_Content", text_or_empty(r->check_content));
	sd_cl_pairs_add(d, "Fix_Text", text_or_empty(r->fix_text));
	sd_cl_pairs_add(d, "False_Positives",
			text_or_empty(r->desc[SD_DESC_FALSE_POSITIVES]));
	sd_cl_pairs_add(d, "False_Negatives",
			text_or_empty(r->desc[SD_DESC_FALSE_NEGATIVES]));
	sd_cl_pairs_add(d, "Documentable",
			text_or_empty(r->desc[SD_DESC_DOCUMENTABLE]));
	sd_cl_pairs_add(d, "Mitigations",
			text_or_empty(r->desc[SD_DESC_MITIGATIONS]));
	sd_cl_pairs_add(d, "Potential_Impact",
			text_or_empty(r->desc[SD_DESC_POTENTIAL_IMPACTS]));
	sd_cl_pairs_add(d, "Third_Party_Tools",
			text_or_empty(r->desc[SD_DESC_THIRD_PARTY_TOOLS]));
	sd_cl_pairs_add(d, "Mitigation_Control",
			text_or_empty(r->desc[SD_DESC_MITIGATION_CONTROL]));
	sd_cl_pairs_add(d, "Responsibility",
			text_or_empty(r->desc[SD_DESC_RESPONSIBILITY]));
	sd_cl_pairs_add(d, "Security_Override_Guidance",
			text_or_empty(
				r->desc[SD_DESC_SEVERITY_OVERRIDE_GUIDANCE]));
	sd_cl_pairs_add(d, "Check_Content_Ref",
			text_or_empty(r->check_ref_name));
	sd_cl_pairs_add(d, "Weight", text_or_empty(r->weight));
	sd_cl_pairs_add(d, "Class", "Unclass");
	sd_cl_pairs_add(d, "STIGRef", text_or_empty(stig_ref));
	sd_cl_pairs_add(d, "TargetKey", "");
	if (stig_uuid)
		sd_cl_pairs_add(d, "STIG_UUID", stig_uuid);
	for (size_t i = 0; i < r->legacy.n; i++)
		sd_cl_pairs_add(d, "LEGACY_ID", r->legacy.v[i]);
	for (size_t i = 0; i < r->ccis.n; i++)
		sd_cl_pairs_add(d, "CCI_REF", r->ccis.v[i]);
	v->field[SD_CL_STATUS] = sd_xstrdup("Not_Reviewed");
	for (int f = SD_CL_FINDING_DETAILS; f < SD_CL_NFIELDS; f++)
		v->field[f] = sd_xstrdup("");
	v->line = 0;
}

void sd_cl_stig_from_benchmark(struct sd_cl_stig *s,
			       const struct sd_benchmark *b)
{
	struct sd_buf seed = SD_BUF_INIT, ref = SD_BUF_INIT;
	char uuid[37];

	sd_buf_addf(&seed, "%s|%s|%s", text_or_empty(b->id),
		    text_or_empty(b->version), text_or_empty(b->release_info));
	sd_uuid_derive(seed.ptr, uuid);
	sd_cl_pairs_add(&s->info, "version", text_or_empty(b->version));
	sd_cl_pairs_add(&s->info, "classification", "UNCLASSIFIED");
	sd_cl_pairs_add(&s->info, "customname", NULL);
	sd_cl_pairs_add(&s->info, "stigid", text_or_empty(b->id));
	sd_cl_pairs_add(&s->info, "description",
			text_or_empty(b->description));
	sd_cl_pairs_add(&s->info, "filename",
			text_or_empty(file_name(b->source)));
	sd_cl_pairs_add(&s->info, "releaseinfo",
			text_or_empty(b->release_info));
	sd_cl_pairs_add(&s->info, "title", text_or_empty(b->title));
	sd_cl_pairs_add(&s->info, "uuid", uuid);
	sd_cl_pairs_add(&s->info, "notice", "terms-of-use");
	sd_cl_pairs_add(&s->info, "source", NULL);

	/* STIG Viewer's STIGRef: "<title> :: Version 2, Release: 6 ..." */
	sd_buf_addf(&ref, "%s :: Version %s, %s", text_or_empty(b->title),
		    text_or_empty(b->version), text_or_empty(b->release_info));
	for (size_t i = 0; i < b->nrules; i++)
		sd_cl_vuln_from_rule(sd_cl_stig_add_vuln(s), &b->rules[i],
				     uuid, ref.ptr);
	sd_buf_release(&seed);
	sd_buf_release(&ref);
}

struct sd_checklist *sd_checklist_from_benchmark(const struct sd_benchmark *b)
{
	struct sd_checklist *cl = sd_checklist_new();
	static const char *const asset[][2] = {
		{ "ROLE", "None" },        { "ASSET_TYPE", "Computing" },
		{ "MARKING", "CUI" },      { "HOST_NAME", "" },
		{ "HOST_IP", "" },         { "HOST_MAC", "" },
		{ "HOST_FQDN", "" },       { "TARGET_COMMENT", "" },
		{ "TECH_AREA", "" },       { "TARGET_KEY", "" },
		{ "WEB_OR_DATABASE", "false" }, { "WEB_DB_SITE", "" },
		{ "WEB_DB_INSTANCE", "" },
	};

	cl->source = sd_xstrdup(text_or_empty(b->source));
	for (size_t i = 0; i < SD_ARRAY_SIZE(asset); i++)
		sd_cl_pairs_add(&cl->asset, asset[i][0], asset[i][1]);
	sd_cl_stig_from_benchmark(sd_checklist_add_stig(cl), b);
	return cl;
}

/* ---- a checklist STIG as a benchmark ---- */

static char *norm_copy(const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = sd_xstrdup(s);
	sd_text_normalize(c);
	return c;
}

struct sd_benchmark *sd_cl_stig_benchmark(const struct sd_cl_stig *s)
{
	static const struct {
		const char *name;
		int desc; /* enum sd_desc_field, or -1 */
	} texts[] = {
		{ "Vuln_Discuss", SD_DESC_DISCUSSION },
		{ "False_Positives", SD_DESC_FALSE_POSITIVES },
		{ "False_Negatives", SD_DESC_FALSE_NEGATIVES },
		{ "Documentable", SD_DESC_DOCUMENTABLE },
		{ "Mitigations", SD_DESC_MITIGATIONS },
		{ "Security_Override_Guidance",
		  SD_DESC_SEVERITY_OVERRIDE_GUIDANCE },
		{ "Potential_Impact", SD_DESC_POTENTIAL_IMPACTS },
		{ "Third_Party_Tools", SD_DESC_THIRD_PARTY_TOOLS },
		{ "Mitigation_Control", SD_DESC_MITIGATION_CONTROL },
		{ "Responsibility", SD_DESC_RESPONSIBILITY },
		{ "IA_Controls", SD_DESC_IA_CONTROLS },
	};
	struct sd_benchmark *b = sd_xcalloc(1, sizeof(*b));
	const char *ver = sd_cl_stig_get(s, "version");
	char vr[32];

	b->id = norm_copy(sd_cl_stig_get(s, "stigid"));
	b->title = norm_copy(sd_cl_stig_get(s, "title"));
	b->version = norm_copy(ver);
	b->release_info = norm_copy(sd_cl_stig_get(s, "releaseinfo"));
	b->source = sd_xstrdup("checklist");
	sd_cl_stig_vr(s, vr);
	if (vr[0]) {
		b->v = atoi(vr + 1);
		if (strchr(vr, 'R'))
			b->r = atoi(strchr(vr, 'R') + 1);
	}
	for (size_t i = 0; i < s->nvulns; i++) {
		const struct sd_cl_vuln *v = &s->vulns[i];
		struct sd_rule *r = sd_benchmark_add_rule(b);
		const char *sev = sd_cl_vuln_get(v, "Severity");

		r->vuln_id = norm_copy(sd_cl_vuln_get(v, "Vuln_Num"));
		r->group_title = norm_copy(sd_cl_vuln_get(v, "Group_Title"));
		r->rule_id = norm_copy(sd_cl_vuln_get(v, "Rule_ID"));
		r->stig_id = norm_copy(sd_cl_vuln_get(v, "Rule_Ver"));
		r->title = norm_copy(sd_cl_vuln_get(v, "Rule_Title"));
		r->weight = norm_copy(sd_cl_vuln_get(v, "Weight"));
		r->severity = sd_severity_parse(sev);
		r->severity_raw = norm_copy(sev);
		r->check_content =
			norm_copy(sd_cl_vuln_get(v, "Check_Content"));
		r->check_ref_name =
			norm_copy(sd_cl_vuln_get(v, "Check_Content_Ref"));
		r->fix_text = norm_copy(sd_cl_vuln_get(v, "Fix_Text"));
		for (size_t t = 0; t < SD_ARRAY_SIZE(texts); t++)
			r->desc[texts[t].desc] =
				norm_copy(sd_cl_vuln_get(v, texts[t].name));
		for (size_t k = 0; k < v->data.n; k++) {
			const struct sd_cl_pair *p = &v->data.v[k];

			if (!p->value || !*p->value)
				continue;
			if (!strcmp(p->name, "CCI_REF"))
				sd_strv_push(&r->ccis, p->value);
			else if (!strcmp(p->name, "LEGACY_ID"))
				sd_strv_push(&r->legacy, p->value);
		}
		r->line = v->line;
		sd_rule_derive_ids(r);
	}
	return b;
}

/* ---- the structural check ---- */

/* STIG_DATA STIG Viewer needs in every VULN; ids must not be empty. */
static const struct {
	const char *name;
	int nonempty;
} required_data[] = {
	{ "Vuln_Num", 1 },     { "Severity", 1 },      { "Group_Title", 0 },
	{ "Rule_ID", 1 },      { "Rule_Ver", 1 },      { "Rule_Title", 1 },
	{ "Vuln_Discuss", 0 }, { "Check_Content", 0 }, { "Fix_Text", 0 },
	{ "STIGRef", 0 },
};

static void problem(struct sd_strv *problems, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct sd_strv *problems, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sd_strv_push(problems, line);
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t sd_checklist_validate(const struct sd_checklist *cl,
			     struct sd_strv *problems)
{
	size_t before = problems->n;
	const char *src = cl->source ? cl->source : "checklist";
	enum sd_cl_format f = cl->format == SD_CL_NONE ? SD_CL_CKL : cl->format;

	if (!cl->nstigs)
		problem(problems, "%s: no STIG", src);
	for (size_t i = 0; i < cl->nstigs; i++) {
		const struct sd_cl_stig *s = &cl->stigs[i];
		const char *sid = sd_cl_stig_get(s, "stigid");
		const char **ids;
		size_t nids = 0;

		if (!sid || !*sid) {
			problem(problems, "%s: STIG %zu: no stigid", src,
				i + 1);
			sid = "?";
		}
		ids = sd_xcalloc(s->nvulns + 1, sizeof(*ids));
		for (size_t j = 0; j < s->nvulns; j++) {
			const struct sd_cl_vuln *v = &s->vulns[j];
			const char *label = sd_cl_vuln_label(v);
			const char *st = v->field[SD_CL_STATUS];
			const char *vn = sd_cl_vuln_get(v, "Vuln_Num");
			const char *want;

			for (size_t k = 0; k < SD_ARRAY_SIZE(required_data);
			     k++) {
				const char *name = required_data[k].name;
				int found;
				const char *val =
					sd_cl_pairs_get(&v->data, name, &found);

				if (!found)
					problem(problems,
						"%s: STIG '%s' rule '%s': no %s",
						src, sid, label, name);
				else if (required_data[k].nonempty &&
					 (!val || !*val))
					problem(problems,
						"%s: STIG '%s' rule '%s': empty %s",
						src, sid, label, name);
			}
			for (int fl = 0; fl < SD_CL_NFIELDS; fl++)
				if (!v->field[fl] && f == SD_CL_CKL)
					problem(problems,
						"%s: STIG '%s' rule '%s': no %s",
						src, sid, label,
						sd_cl_field_name(fl));
			/* A missing status is reported above (.ckl) or by
			 * the format's own check (.cklb). */
			want = sd_cl_status_name(sd_cl_status_parse(st), f);
			if (st && (!want || strcmp(st, want)))
				problem(problems,
					"%s: STIG '%s' rule '%s': status '%s' is not in the %s vocabulary",
					src, sid, label, st, sd_cl_format_name(f));
			if (vn && *vn)
				ids[nids++] = vn;
		}
		qsort(ids, nids, sizeof(*ids), cmp_str_ptr);
		for (size_t j = 1; j < nids; j++)
			if (!strcmp(ids[j], ids[j - 1]) &&
			    (j + 1 == nids || strcmp(ids[j], ids[j + 1])))
				problem(problems,
					"%s: STIG '%s': rule '%s' appears more than once",
					src, sid, ids[j]);
		free(ids);
	}
	if (cl->doc && cl->format == SD_CL_CKL)
		sd_ckl_validate(cl, problems);
	else if (cl->doc && cl->format == SD_CL_CKLB)
		sd_cklb_validate(cl, problems);
	return problems->n - before;
}
