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
	if (cl->doc && cl->doc_free)
		cl->doc_free(cl->doc);
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

/* ---- STIG_INFO as STIG Viewer writes it ---- */

/* STIG Viewer 2.18's SI_DATA names, in its order. */
static const char *const ckl_info_names[] = {
	"version", "classification", "customname", "stigid", "description",
	"filename", "releaseinfo", "title", "uuid", "notice", "source",
};

/* The STIG_INFO names .cklb's STIG keys (stig_name, stig_id, version,
 * release_info, uuid) stand for; the other three keys are derived or
 * carried as pairs of their own names by cklb.c. */
static const char *const cklb_info_names[] = {
	"title", "stigid", "version", "releaseinfo", "uuid",
};

/* The version "N" of STIGRef "<title> :: Version N, Release: ..." of the
 * first rule that says, into out; NULL when none does. */
static const char *version_from_refs(const struct sd_cl_stig *s,
				     char out[16])
{
	for (size_t i = 0; i < s->nvulns; i++) {
		const char *ref = sd_cl_vuln_get(&s->vulns[i], "STIGRef");
		const char *p = ref ? strstr(ref, ":: Version ") : NULL;
		size_t n = 0;

		if (!p)
			continue;
		for (p += 11; isdigit((unsigned char)p[n]) && n < 15; n++)
			out[n] = p[n];
		if (!n)
			continue;
		out[n] = '\0';
		return out;
	}
	return NULL;
}

/* The classification the rules carry (.cklb rules have one each), or
 * NULL when they do not agree or say nothing. */
static const char *class_from_rules(const struct sd_cl_stig *s)
{
	const char *c = NULL;

	for (size_t i = 0; i < s->nvulns; i++) {
		const char *x = sd_cl_vuln_get(&s->vulns[i], "Class");

		if (!x || !*x)
			continue;
		if (c && strcmp(c, x))
			return NULL;
		c = x;
	}
	/* "Unclass" is the .ckl rule spelling; STIG_INFO says it in full. */
	return c && !strcmp(c, "Unclass") ? "UNCLASSIFIED" : c;
}

static char *dup_or_null(const char *s)
{
	return s ? sd_xstrdup(s) : NULL;
}

/* A value for STIG_INFO `name` the pairs lack, from what else the STIG
 * holds; NULL when it cannot be known. */
static char *derived_info(const struct sd_cl_stig *s, const char *name)
{
	char buf[37];

	if (!strcmp(name, "version"))
		return dup_or_null(version_from_refs(s, buf));
	if (!strcmp(name, "classification"))
		return dup_or_null(class_from_rules(s));
	if (!strcmp(name, "uuid")) {
		struct sd_buf seed = SD_BUF_INIT;

		/* The seed cklb.c uses for a STIG without uuid. */
		sd_buf_addf(&seed, "%s|%s|%s", sd_cl_stig_get(s, "stigid"),
			    sd_cl_stig_get(s, "version"),
			    sd_cl_stig_get(s, "releaseinfo"));
		sd_uuid_derive(seed.ptr, buf);
		sd_buf_release(&seed);
		return sd_xstrdup(buf);
	}
	return NULL;
}

void sd_cl_stig_complete(struct sd_cl_stig *s, enum sd_cl_format f)
{
	const char *const *names = f == SD_CL_CKLB ? cklb_info_names
						   : ckl_info_names;
	size_t n = f == SD_CL_CKLB ? SD_ARRAY_SIZE(cklb_info_names)
				   : SD_ARRAY_SIZE(ckl_info_names);
	struct sd_cl_pairs out = { NULL, 0, 0 };
	int found, missing = 0;

	for (size_t i = 0; i < n; i++) {
		sd_cl_pairs_get(&s->info, names[i], &found);
		missing += !found;
	}
	if (!missing)
		return;
	/* The known names first, in STIG Viewer's order, then the rest as
	 * they were. */
	for (size_t i = 0; i < SD_ARRAY_SIZE(ckl_info_names); i++) {
		const char *name = ckl_info_names[i];
		const char *v = sd_cl_pairs_get(&s->info, name, &found);
		char *d;
		int wanted = 0;

		for (size_t k = 0; k < n; k++)
			wanted |= !strcmp(names[k], name);
		if (found) {
			sd_cl_pairs_add(&out, name, v);
			continue;
		}
		if (!wanted)
			continue;
		d = derived_info(s, name);
		/* .cklb writes an unknown value as "", .ckl as SID_NAME
		 * alone (as STIG Viewer 2 writes an empty one). */
		sd_cl_pairs_add(&out, name,
				d ? d : f == SD_CL_CKLB ? "" : NULL);
		free(d);
	}
	for (size_t i = 0; i < s->info.n; i++) {
		int known = 0;

		for (size_t k = 0; k < SD_ARRAY_SIZE(ckl_info_names); k++)
			known |= !strcmp(s->info.v[i].name, ckl_info_names[k]);
		if (!known)
			sd_cl_pairs_add(&out, s->info.v[i].name,
					s->info.v[i].value);
	}
	sd_cl_pairs_release(&s->info);
	s->info = out;
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

/* ---- asset fields a person sets ---- */

static const char *const roles[] = { "None", "Workstation", "Member Server",
				     "Domain Controller", NULL };
static const char *const asset_types[] = { "Computing", "Non-Computing",
					   NULL };
static const char *const booleans[] = { "true", "false", NULL };

static const struct {
	const char *opt, *ckl;
	const char *const *values; /* the allowed ones, or NULL: any */
} asset_fields[] = {
	{ "host-name", "HOST_NAME", NULL },
	{ "ip", "HOST_IP", NULL },
	{ "mac", "HOST_MAC", NULL },
	{ "fqdn", "HOST_FQDN", NULL },
	{ "role", "ROLE", roles },
	{ "asset-type", "ASSET_TYPE", asset_types },
	{ "tech-area", "TECH_AREA", NULL },
	{ "target-comment", "TARGET_COMMENT", NULL },
	{ "web-or-database", "WEB_OR_DATABASE", booleans },
	{ "web-db-site", "WEB_DB_SITE", NULL },
	{ "web-db-instance", "WEB_DB_INSTANCE", NULL },
	{ "marking", "MARKING", NULL },
};

const char *const sd_cl_asset_names[] = {
	"host-name", "ip", "mac", "fqdn", "role", "asset-type", "tech-area",
	"target-comment", "web-or-database", "web-db-site",
	"web-db-instance", "marking", NULL,
};

/* Host names STIG Manager accepts (it refuses longer ones). */
#define MAX_HOST_NAME 255

int sd_cl_asset_set(struct sd_checklist *cl, const char *key,
		    const char *value)
{
	struct sd_buf allowed = SD_BUF_INIT;
	const char *v = value ? value : "";
	size_t i;

	for (i = 0; i < SD_ARRAY_SIZE(asset_fields); i++) {
		const struct sd_cl_keymap *m =
			sd_cl_key_by_ckl(sd_cl_asset_keys, asset_fields[i].ckl);

		if (!strcmp(key, asset_fields[i].opt) ||
		    !strcasecmp(key, asset_fields[i].ckl) ||
		    (m && !strcmp(key, m->cklb)))
			break;
	}
	if (i == SD_ARRAY_SIZE(asset_fields)) {
		for (size_t k = 0; sd_cl_asset_names[k]; k++)
			sd_buf_addf(&allowed, "%s%s", k ? ", " : "",
				    sd_cl_asset_names[k]);
		sd_error_set(SD_EUSAGE, "unknown asset field '%s' (%s)", key,
			     allowed.ptr);
		sd_buf_release(&allowed);
		return SD_EUSAGE;
	}
	if (asset_fields[i].values && *v) {
		const char *const *a = asset_fields[i].values;

		for (; *a && strcasecmp(*a, v); a++)
			;
		if (!*a) {
			for (a = asset_fields[i].values; *a; a++)
				sd_buf_addf(&allowed, "%s%s",
					    a == asset_fields[i].values ? ""
									: ", ",
					    *a);
			sd_error_set(SD_EUSAGE, "%s '%s' is not one of: %s",
				     asset_fields[i].opt, v, allowed.ptr);
			sd_buf_release(&allowed);
			return SD_EUSAGE;
		}
		v = *a;
	}
	if (!strcmp(asset_fields[i].ckl, "HOST_NAME") &&
	    strlen(v) > MAX_HOST_NAME)
		return sd_error_set(SD_EUSAGE,
				    "host-name is longer than %d bytes",
				    MAX_HOST_NAME);
	sd_cl_pairs_set(&cl->asset, asset_fields[i].ckl, v);
	return 0;
}

int sd_cl_asset_check(const struct sd_checklist *cl)
{
	const char *web = sd_cl_pairs_get(&cl->asset, "WEB_OR_DATABASE", NULL);
	static const char *const needs[] = { "WEB_DB_SITE", "WEB_DB_INSTANCE" };

	if (web && !strcmp(web, "true"))
		return 0;
	for (size_t i = 0; i < SD_ARRAY_SIZE(needs); i++)
		if (!sd_cl_blank(sd_cl_pairs_get(&cl->asset, needs[i], NULL)))
			return sd_error_set(SD_EUSAGE,
					    "%s needs web-or-database true",
					    i ? "web-db-instance"
					      : "web-db-site");
	return 0;
}

/* ---- reading and writing ---- */

size_t sd_cl_max_field(const struct sd_cl_opts *opts)
{
	return opts && opts->max_field ? opts->max_field
				       : SD_CL_MAX_FIELD_DEFAULT;
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
