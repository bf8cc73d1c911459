/*
 * Writing .cklb: the kept JSON value brought up to date from the model
 * (a key whose value already stands for the model's text is left alone,
 * so null stays null and order stays), or a fresh document in STIG
 * Viewer 3's key order.
 */
#include "cklb_int.h"
#include "cklb.h"
#include "buf.h"
#include "error.h"
#include "uuid.h"

#include <stdlib.h>
#include <string.h>

/* ---- writing ---- */

static struct sd_json *value_of(const char *s, int kind)
{
	if (kind == SD_CL_KEY_BOOL && s && !strcmp(s, "true"))
		return sd_json_bool_new(1);
	if (kind == SD_CL_KEY_BOOL && s && !strcmp(s, "false"))
		return sd_json_bool_new(0);
	return sd_json_string_new(s);
}

/* Does the JSON value stand for the text `s`? */
static int same(const struct sd_json *j, const char *s)
{
	int ok, eq;
	char *t = sd_cklb_scalar_text(j, &ok);

	eq = ok && !sd_strcmp_null(t, s);
	free(t);
	return eq;
}

static size_t count_named(const struct sd_cl_pairs *p, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += !strcmp(p->v[i].name, name);
	return n;
}

static struct sd_json *list_of(const struct sd_cl_pairs *p, const char *name)
{
	struct sd_json *a = sd_json_array_new();

	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name) && p->v[i].value)
			sd_json_append(a, sd_json_string_new(p->v[i].value));
	return a;
}

static int same_list(const struct sd_json *j, const struct sd_cl_pairs *p,
		     const char *name)
{
	size_t k = 0;

	if (!j || sd_json_type(j) != SD_JSON_ARRAY)
		return 0;
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].name, name) || !p->v[i].value)
			continue;
		if (k >= sd_json_size(j) ||
		    !same(sd_json_at(j, k), p->v[i].value))
			return 0;
		k++;
	}
	return k == sd_json_size(j);
}

static struct sd_json *check_ref_of(const char *name)
{
	struct sd_json *o = sd_json_object_new();

	sd_json_set_str(o, "href", "");
	sd_json_set(o, "name", sd_json_string_new(name));
	return o;
}

/* Set obj[m->cklb] from the model's pairs (one mapped key). */
static void put_mapped(struct sd_json *obj, const struct sd_cl_keymap *m,
		       const struct sd_cl_pairs *p)
{
	int found;
	const char *val = sd_cl_pairs_get(p, m->ckl, &found);

	if (m->kind == SD_CL_KEY_LIST)
		sd_json_set(obj, m->cklb, list_of(p, m->ckl));
	else if (m->kind == SD_CL_KEY_CHECK_REF)
		sd_json_set(obj, m->cklb, check_ref_of(found ? val : ""));
	else
		sd_json_set(obj, m->cklb, value_of(val, m->kind));
}

/*
 * Bring the keys of `obj` in line with the pairs: a key whose value
 * already stands for the pair's text is left alone (so null stays null
 * and order stays), others are set. Keys the model has no pair for stay.
 */
static void sync_pairs(struct sd_json *obj, const struct sd_cl_pairs *p,
		       const struct sd_cl_keymap *map,
		       const char *const *own)
{
	for (const struct sd_cl_keymap *m = map; m->ckl; m++) {
		struct sd_json *cur = sd_json_get(obj, m->cklb);
		int found;
		const char *val = sd_cl_pairs_get(p, m->ckl, &found);

		if (m->kind == SD_CL_KEY_LIST) {
			if ((!cur && !count_named(p, m->ckl)) ||
			    same_list(cur, p, m->ckl))
				continue;
		} else if (!found) {
			continue;
		} else if (m->kind == SD_CL_KEY_CHECK_REF) {
			if (cur && sd_json_type(cur) == SD_JSON_OBJECT) {
				if (!same(sd_json_get(cur, "name"), val))
					sd_json_set(cur, "name",
						    sd_json_string_new(val));
				continue;
			}
		} else if (cur && same(cur, val)) {
			continue;
		}
		put_mapped(obj, m, p);
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct sd_cl_pair *q = &p->v[i];
		struct sd_json *cur;

		if (sd_cl_key_by_ckl(map, q->name) || in_list(own, q->name))
			continue;
		cur = sd_json_get(obj, q->name);
		if (!cur || !same(cur, q->value))
			sd_json_set(obj, q->name, sd_json_string_new(q->value));
	}
}

/* Pairs without a .cklb counterpart, as keys of their own. */
static void put_extras(struct sd_json *obj, const struct sd_cl_pairs *p,
		       const struct sd_cl_keymap *map,
		       const char *const *own)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct sd_cl_pair *q = &p->v[i];
		const struct sd_cl_keymap *m = sd_cl_key_by_ckl(map, q->name);

		if (m && !sd_json_get(obj, m->cklb))
			put_mapped(obj, m, p);
		else if (!m && !in_list(own, q->name) &&
			 !sd_json_get(obj, q->name))
			sd_json_set(obj, q->name, sd_json_string_new(q->value));
	}
}

static int empty(const char *s)
{
	return !s || !*s;
}

static void sync_fields(struct sd_json *r, const struct sd_cl_vuln *v)
{
	static const struct {
		int field;
		const char *key;
	} keys[] = {
		{ SD_CL_STATUS, "status" },
		{ SD_CL_COMMENTS, "comments" },
		{ SD_CL_FINDING_DETAILS, "finding_details" },
	};
	const char *so = v->field[SD_CL_SEVERITY_OVERRIDE];
	const char *sj = v->field[SD_CL_SEVERITY_JUSTIFICATION];
	struct sd_json *ov = sd_json_get(r, "overrides"), *sev;
	const char *cur_so, *cur_sj;

	for (size_t i = 0; i < SD_ARRAY_SIZE(keys); i++) {
		const char *want = v->field[keys[i].field];
		struct sd_json *cur = sd_json_get(r, keys[i].key);

		if (keys[i].field == SD_CL_STATUS) {
			enum sd_cl_status st = sd_cl_status_parse(want);

			if (cur && same(cur, want))
				continue;
			/* No status (absent or empty) stays so: STIG
			 * Manager reads it as no review, "not_reviewed"
			 * as one. */
			if (want && *want && st != SD_CL_STATUS_UNKNOWN)
				want = sd_cl_status_name(st, SD_CL_CKLB);
		}
		if (cur ? same(cur, want) : !want)
			continue;
		sd_json_set(r, keys[i].key,
			    sd_json_string_new(want ? want : ""));
	}
	sev = sd_json_get(ov, "severity");
	cur_so = sd_json_get_str(sev, "severity");
	cur_sj = sd_json_get_str(sev, "reason");
	if (!sd_strcmp_null(empty(so) ? NULL : so,
			    empty(cur_so) ? NULL : cur_so) &&
	    !sd_strcmp_null(empty(sj) ? NULL : sj,
			    empty(cur_sj) ? NULL : cur_sj) &&
	    ov)
		return;
	if (!ov || sd_json_type(ov) != SD_JSON_OBJECT) {
		ov = sd_json_object_new();
		sd_json_set(r, "overrides", ov);
	}
	if (empty(so) && empty(sj)) {
		sd_json_del(ov, "severity");
		return;
	}
	sev = sd_json_object_new();
	sd_json_set_str(sev, "severity", so ? so : "");
	sd_json_set_str(sev, "reason", sj ? sj : "");
	sd_json_set(ov, "severity", sev);
}

/* The rule order STIG Viewer 3 writes; mapped keys come from the pairs. */
static const char *const rule_order[] = {
	"uuid", "stig_uuid", "target_key", "stig_ref", "group_id", "rule_id",
	"rule_id_src", "weight", "classification", "severity", "rule_version",
	"group_title", "rule_title", "fix_text", "false_positives",
	"false_negatives", "discussion", "check_content", "documentable",
	"mitigations", "potential_impacts", "third_party_tools",
	"mitigation_control", "responsibility", "security_override_guidance",
	"ia_controls", "check_content_ref", "legacy_ids", "ccis", "group_tree",
	"STIGUuid", "status", "overrides", "comments", "finding_details", NULL,
};

static struct sd_json *build_rule(const struct sd_cl_vuln *v,
				  const char *stig_uuid, size_t index)
{
	struct sd_json *r = sd_json_object_new();
	const char *rid = sd_cl_vuln_get(v, "Rule_ID");
	struct sd_buf seed = SD_BUF_INIT;
	char uuid[37];

	sd_buf_addf(&seed, "%s|%s|%zu", stig_uuid, rid ? rid : "", index);
	for (const char *const *k = rule_order; *k; k++) {
		const struct sd_cl_keymap *m =
			sd_cl_key_by_cklb(sd_cl_rule_keys, *k);

		if (!strcmp(*k, "uuid")) {
			sd_json_set_str(r, *k, sd_uuid_derive(seed.ptr, uuid));
		} else if (!strcmp(*k, "stig_uuid") ||
			   !strcmp(*k, "STIGUuid")) {
			sd_json_set_str(r, *k, stig_uuid);
		} else if (!strcmp(*k, "rule_id")) {
			/* rule_id is rule_id_src without "_rule". */
			const char *end = rid ? strstr(rid, "_rule") : NULL;
			char *base = NULL;

			if (rid)
				base = sd_xstrndup(rid, end && !end[5]
							  ? (size_t)(end - rid)
							  : strlen(rid));
			sd_json_set(r, *k, sd_json_string_new(base));
			free(base);
		} else if (!strcmp(*k, "group_tree")) {
			struct sd_json *g = sd_json_object_new();
			struct sd_json *a = sd_json_array_new();

			sd_json_set(g, "id",
				    sd_json_string_new(
					    sd_cl_vuln_get(v, "Vuln_Num")));
			sd_json_set(g, "title",
				    sd_json_string_new(
					    sd_cl_vuln_get(v, "Group_Title")));
			sd_json_set_str(g, "description",
					"<GroupDescription></GroupDescription>");
			sd_json_append(a, g);
			sd_json_set(r, *k, a);
		} else if (!strcmp(*k, "overrides")) {
			sd_json_set(r, *k, sd_json_object_new());
		} else if (m) {
			put_mapped(r, m, &v->data);
		}
	}
	sync_fields(r, v);
	if (v->es)
		sd_json_set(r, ES_KEY, sd_json_incref(v->es));
	put_extras(r, &v->data, sd_cl_rule_keys, rule_own);
	sd_buf_release(&seed);
	return r;
}

static const char *stig_uuid_of(const struct sd_cl_stig *s, char buf[37])
{
	const char *u = sd_cl_stig_get(s, "uuid");
	struct sd_buf seed = SD_BUF_INIT;

	if (u && *u)
		return u;
	sd_buf_addf(&seed, "%s|%s|%s", sd_cl_stig_get(s, "stigid"),
		    sd_cl_stig_get(s, "version"),
		    sd_cl_stig_get(s, "releaseinfo"));
	sd_uuid_derive(seed.ptr, buf);
	sd_buf_release(&seed);
	return buf;
}

/* The title STIG Viewer 3 shows: the STIG title without its suffix. */
static char *display_name(const char *title)
{
	static const char suffix[] = " Security Technical Implementation Guide";
	size_t n = title ? strlen(title) : 0;

	if (n > sizeof(suffix) - 1 &&
	    !strcmp(title + n - (sizeof(suffix) - 1), suffix))
		n -= sizeof(suffix) - 1;
	return sd_xstrndup(title ? title : "", n);
}

/* "size": the number STIG_INFO carries (from a .cklb), else the rules. */
static long long stig_size(const struct sd_cl_stig *s)
{
	const char *given = sd_cl_stig_get(s, "size");
	char *end;
	long long n;

	if (given && *given) {
		n = strtoll(given, &end, 10);
		if (!*end && n >= 0)
			return n;
	}
	return (long long)s->nvulns;
}

/* The STIG keys STIG Viewer 3 writes that the model may have no pair
 * for, added when a .cklb read lacks them. */
static void add_derived_keys(struct sd_json *o, const struct sd_cl_stig *s)
{
	if (!sd_json_get(o, "display_name")) {
		char *dn = display_name(sd_cl_stig_get(s, "title"));

		sd_json_set_str(o, "display_name", dn);
		free(dn);
	}
	if (!sd_json_get(o, "reference_identifier"))
		sd_json_set_str(o, "reference_identifier", "");
	if (!sd_json_get(o, "size"))
		sd_json_set_int(o, "size", stig_size(s));
}

static struct sd_json *build_rules(struct sd_cl_stig *s, const char *uuid,
				   int link)
{
	struct sd_json *rules = sd_json_array_new();

	for (size_t i = 0; i < s->nvulns; i++) {
		struct sd_json *r = build_rule(&s->vulns[i], uuid, i);

		sd_json_append(rules, r);
		if (link)
			s->vulns[i].origin = r;
	}
	return rules;
}

static struct sd_json *build_stig(struct sd_cl_stig *s, int link)
{
	static const char *const order[] = { "stig_name", "display_name",
					     "stig_id", "version",
					     "release_info", "uuid",
					     "reference_identifier", "size",
					     NULL };
	struct sd_json *o = sd_json_object_new();
	char buf[37];
	const char *uuid = stig_uuid_of(s, buf);
	const char *given = sd_cl_stig_get(s, "display_name");
	char *dn = given ? sd_xstrdup(given)
			 : display_name(sd_cl_stig_get(s, "title"));
	const char *ref = sd_cl_stig_get(s, "reference_identifier");

	/* Evaluate-STIG writes its record first. */
	if (s->es)
		sd_json_set(o, ES_KEY, sd_json_incref(s->es));
	for (const char *const *k = order; *k; k++) {
		const struct sd_cl_keymap *m =
			sd_cl_key_by_cklb(sd_cl_stig_keys, *k);

		if (!strcmp(*k, "display_name"))
			sd_json_set_str(o, *k, dn);
		else if (!strcmp(*k, "uuid"))
			sd_json_set_str(o, *k, uuid);
		else if (!strcmp(*k, "reference_identifier"))
			sd_json_set_str(o, *k, ref ? ref : "");
		else if (!strcmp(*k, "size"))
			sd_json_set_int(o, *k, stig_size(s));
		else
			sd_json_set(o, *k,
				    sd_json_string_new(
					    sd_cl_pairs_get(&s->info, m->ckl,
							    NULL)));
	}
	free(dn);
	put_extras(o, &s->info, sd_cl_stig_keys, stig_own);
	sd_json_set(o, "rules", build_rules(s, uuid, link));
	if (link)
		s->origin = o;
	return o;
}

static struct sd_json *build_target(const struct sd_cl_pairs *a)
{
	static const char *const order[] = {
		"target_type", "host_name", "ip_address", "mac_address", "fqdn",
		"comments", "role", "is_web_database", "technology_area",
		"web_db_site", "web_db_instance", NULL,
	};
	struct sd_json *o = sd_json_object_new();

	for (const char *const *k = order; *k; k++) {
		const struct sd_cl_keymap *m =
			sd_cl_key_by_cklb(sd_cl_asset_keys, *k);
		const char *v = sd_cl_pairs_get(a, m->ckl, NULL);

		if (m->kind == SD_CL_KEY_BOOL)
			sd_json_set(o, *k, sd_json_bool_new(
						   v && !strcmp(v, "true")));
		else
			sd_json_set_str(o, *k, v ? v : "");
	}
	put_extras(o, a, sd_cl_asset_keys, asset_own);
	return o;
}

static struct sd_json *build_doc(struct sd_checklist *cl)
{
	struct sd_json *root = sd_json_object_new();
	struct sd_json *stigs = sd_json_array_new();
	struct sd_buf seed = SD_BUF_INIT;
	const char *host = sd_cl_pairs_get(&cl->asset, "HOST_NAME", NULL);
	char uuid[37];

	if (cl->es) /* first, where Evaluate-STIG writes it */
		sd_json_set(root, ES_KEY, sd_json_incref(cl->es));
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_json *s = build_stig(&cl->stigs[i], 0);

		sd_buf_addf(&seed, "%s|", sd_json_get_str(s, "uuid"));
		sd_json_append(stigs, s);
	}
	if (!host || !*host)
		host = cl->nstigs ? sd_cl_stig_get(&cl->stigs[0], "stigid")
				  : NULL;
	sd_json_set_str(root, "title", host ? host : "checklist");
	sd_json_set_str(root, "id", sd_uuid_derive(seed.ptr, uuid));
	sd_json_set(root, "active", sd_json_bool_new(0));
	sd_json_set_int(root, "mode", 1);
	sd_json_set(root, "has_path", sd_json_bool_new(1));
	sd_json_set(root, "target_data", build_target(&cl->asset));
	sd_json_set(root, "stigs", stigs);
	sd_json_set_str(root, "cklb_version", "1.0");
	sd_buf_release(&seed);
	return root;
}

/* Are the model's items exactly the array's objects, in order? */
static int rules_in_place(const struct sd_json *arr, const struct sd_cl_stig *s)
{
	if (!arr || sd_json_size(arr) != s->nvulns)
		return 0;
	for (size_t i = 0; i < s->nvulns; i++)
		if (s->vulns[i].origin != sd_json_at(arr, i))
			return 0;
	return 1;
}

static void sync_stig(struct sd_json *o, struct sd_cl_stig *s)
{
	struct sd_json *rules = sd_json_get(o, "rules"), *fresh;
	const char *uuid;
	char buf[37];

	sync_pairs(o, &s->info, sd_cl_stig_keys, stig_own);
	add_derived_keys(o, s);
	uuid = sd_json_get_str(o, "uuid");
	if (!uuid)
		uuid = stig_uuid_of(s, buf);
	if (rules_in_place(rules, s)) {
		for (size_t i = 0; i < s->nvulns; i++) {
			struct sd_json *r = s->vulns[i].origin;

			sync_pairs(r, &s->vulns[i].data, sd_cl_rule_keys,
				   rule_own);
			sync_fields(r, &s->vulns[i]);
		}
		return;
	}
	fresh = sd_json_array_new();
	for (size_t i = 0; i < s->nvulns; i++) {
		struct sd_json *r = s->vulns[i].origin;

		if (r) {
			sd_json_incref(r);
			sync_pairs(r, &s->vulns[i].data, sd_cl_rule_keys,
				   rule_own);
			sync_fields(r, &s->vulns[i]);
		} else {
			r = build_rule(&s->vulns[i], uuid, i);
			s->vulns[i].origin = r;
		}
		sd_json_append(fresh, r);
	}
	sd_json_set(o, "rules", fresh);
	if (sd_json_get(o, "size"))
		sd_json_set_int(o, "size", (long long)s->nvulns);
}

static void sync_doc(struct sd_checklist *cl)
{
	struct sd_json *root = cl->doc;
	struct sd_json *td = sd_json_get(root, "target_data");
	struct sd_json *stigs = sd_json_get(root, "stigs"), *fresh;
	int in_place = sd_json_size(stigs) == cl->nstigs;

	if (td && sd_json_type(td) == SD_JSON_OBJECT)
		sync_pairs(td, &cl->asset, sd_cl_asset_keys, asset_own);
	else if (cl->asset.n)
		sd_json_set(root, "target_data", build_target(&cl->asset));
	for (size_t i = 0; i < cl->nstigs && in_place; i++)
		in_place = cl->stigs[i].origin == sd_json_at(stigs, i);
	if (in_place) {
		for (size_t i = 0; i < cl->nstigs; i++)
			sync_stig(cl->stigs[i].origin, &cl->stigs[i]);
		return;
	}
	fresh = sd_json_array_new();
	for (size_t i = 0; i < cl->nstigs; i++) {
		struct sd_cl_stig *s = &cl->stigs[i];

		if (s->origin) {
			sd_json_append(fresh, sd_json_incref(s->origin));
			sync_stig(s->origin, s);
		} else {
			sd_json_append(fresh, build_stig(s, 1));
		}
	}
	sd_json_set(root, "stigs", fresh);
}

int sd_cklb_write(struct sd_checklist *cl, FILE *fp)
{
	struct sd_json *doc;
	int flags = SD_JSON_INDENT4, err;

	if (cl->format == SD_CL_CKLB && cl->doc) {
		sync_doc(cl);
		doc = cl->doc;
		flags = cl->indent == 0   ? SD_JSON_COMPACT
			: cl->indent == 2 ? SD_JSON_PRETTY
					  : SD_JSON_INDENT4;
	} else {
		doc = build_doc(cl);
	}
	err = sd_json_dump(doc, fp, flags);
	if (doc != cl->doc)
		sd_json_free(doc);
	return err;
}
