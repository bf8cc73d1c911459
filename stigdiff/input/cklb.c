/*
 * STIG Viewer 3 checklists (.cklb): JSON through json.h. Reading maps the
 * keys of target_data, stigs[] and rules[] onto the model's .ckl names
 * (tables in checklist.c) and keeps the parsed value, so a write in the
 * same format updates it in place: unknown keys (Evaluate-STIG's
 * "evaluate-stig" objects, uuids, timestamps), key order and null versus
 * empty strings survive, and a second round trip is byte-identical.
 */
#include "cklb_int.h"
#include "cklb.h"
#include "buf.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* The record `obj` holds (a new reference), or NULL. */
static struct sd_json *es_of(const struct sd_json *obj)
{
	struct sd_json *es = sd_json_get(obj, ES_KEY);

	return es && sd_json_type(es) == SD_JSON_OBJECT ? sd_json_incref(es)
							: NULL;
}

/* ---- reading ---- */

/* (cklb_int.h) */
char *sd_cklb_scalar_text(const struct sd_json *j, int *ok)
{
	*ok = 1;
	if (!j)
		return NULL;
	switch (sd_json_type(j)) {
	case SD_JSON_STRING:
		/* Lengths were checked once for the whole document. */
		return sd_xstrdup(sd_json_str(j));
	case SD_JSON_TRUE:
		return sd_xstrdup("true");
	case SD_JSON_FALSE:
		return sd_xstrdup("false");
	case SD_JSON_INTEGER:
	case SD_JSON_REAL:
		return sd_json_dumps(j, SD_JSON_COMPACT);
	case SD_JSON_NULL:
		return NULL;
	default:
		*ok = 0;
		return NULL;
	}
}

static void add_owned(struct sd_cl_pairs *p, const char *name, char *value)
{
	sd_cl_pairs_add(p, name, NULL);
	p->v[p->n - 1].value = value;
}

static void read_pairs(const struct sd_json *obj,
		       const struct sd_cl_keymap *map,
		       const char *const *own, struct sd_cl_pairs *into)
{
	int ok;

	for (const struct sd_cl_keymap *m = map; m->ckl; m++) {
		const struct sd_json *j = sd_json_get(obj, m->cklb);
		char *t;

		if (!j)
			continue;
		if (m->kind == SD_CL_KEY_LIST &&
		    sd_json_type(j) == SD_JSON_ARRAY) {
			for (size_t i = 0; i < sd_json_size(j); i++) {
				t = sd_cklb_scalar_text(sd_json_at(j, i), &ok);
				if (t)
					add_owned(into, m->ckl, t);
			}
		} else if (m->kind == SD_CL_KEY_CHECK_REF) {
			const struct sd_json *n = sd_json_get(j, "name");

			if (n && (t = sd_cklb_scalar_text(n, &ok), ok))
				add_owned(into, m->ckl, t);
		} else if ((t = sd_cklb_scalar_text(j, &ok)), ok) {
			add_owned(into, m->ckl, t);
		}
	}
	for (void *it = sd_json_iter(obj); it;
	     it = sd_json_iter_next(obj, it)) {
		const char *key = sd_json_iter_key(it);
		char *t;

		if (sd_cl_key_by_cklb(map, key) || in_list(own, key))
			continue;
		t = sd_cklb_scalar_text(sd_json_iter_value(it), &ok);
		if (ok)
			add_owned(into, key, t);
	}
}

static void read_rule(const struct sd_json *r, struct sd_cl_vuln *v)
{
	static const struct {
		int field;
		const char *key;
	} keys[] = {
		{ SD_CL_STATUS, "status" },
		{ SD_CL_FINDING_DETAILS, "finding_details" },
		{ SD_CL_COMMENTS, "comments" },
	};
	const struct sd_json *sev =
		sd_json_get(sd_json_get(r, "overrides"), "severity");
	int ok;

	v->origin = (void *)r;
	v->es = es_of(r);
	read_pairs(r, sd_cl_rule_keys, rule_own, &v->data);
	for (size_t i = 0; i < SD_ARRAY_SIZE(keys); i++) {
		const struct sd_json *j = sd_json_get(r, keys[i].key);

		if (j)
			v->field[keys[i].field] = sd_cklb_scalar_text(j, &ok);
	}
	if (sev) {
		const struct sd_json *s = sd_json_get(sev, "severity");
		const struct sd_json *j = sd_json_get(sev, "reason");

		if (s)
			v->field[SD_CL_SEVERITY_OVERRIDE] = sd_cklb_scalar_text(s, &ok);
		if (j)
			v->field[SD_CL_SEVERITY_JUSTIFICATION] =
				sd_cklb_scalar_text(j, &ok);
	}
}

/* No STIG Viewer key is longer than a few dozen bytes. */
#define MAX_KEY 4096

/*
 * The path of the first string anywhere under `j` longer than `max`
 * bytes, appended to `path`: 1 when there is one, 2 when it is a key
 * (longer than MAX_KEY), 0 when none. Keys no table names are kept and
 * written back too, so the field limit covers them all.
 */
static int long_string(const struct sd_json *j, size_t max,
		       struct sd_buf *path)
{
	size_t at = path->len;

	switch (sd_json_type(j)) {
	case SD_JSON_STRING:
		return strlen(sd_json_str(j)) > max;
	case SD_JSON_ARRAY:
		for (size_t i = 0; i < sd_json_size(j); i++) {
			int r;

			sd_buf_addf(path, "[%zu]", i);
			if ((r = long_string(sd_json_at(j, i), max, path)))
				return r;
			sd_buf_setlen(path, at);
		}
		return 0;
	case SD_JSON_OBJECT:
		for (void *it = sd_json_iter(j); it;
		     it = sd_json_iter_next(j, it)) {
			const char *key = sd_json_iter_key(it);

			int r;

			if (strlen(key) > MAX_KEY) {
				sd_buf_addf(path, "%sa key of %zu bytes",
					    at ? " " : "", strlen(key));
				return 2;
			}
			sd_buf_addf(path, "%s%.64s", at ? "." : "", key);
			if ((r = long_string(sd_json_iter_value(it), max, path)))
				return r;
			sd_buf_setlen(path, at);
		}
		return 0;
	default:
		return 0;
	}
}

/* Spaces per level of the text as written: 0 when on one line. */
static int detect_indent(const char *data, size_t len)
{
	const char *nl = memchr(data, '\n', len);
	int n = 0;

	if (!nl)
		return 0;
	for (nl++; nl < data + len && *nl == ' '; nl++)
		n++;
	if (nl == data + len || *nl == '\n')
		return 0; /* one line, and a trailing newline */
	return n == 2 ? 2 : 4;
}

int sd_cklb_parse(const char *data, size_t len, const char *source,
		  const struct sd_cl_opts *opts, struct sd_checklist *cl)
{
	size_t max_field = sd_cl_max_field(opts);
	struct sd_json *root = NULL;
	const struct sd_json *stigs, *td;
	struct sd_buf path = SD_BUF_INIT;
	char where[64];
	int err;

	if ((err = sd_json_parse(data, len, source, &root)) < 0)
		return err;
	if (sd_json_type(root) != SD_JSON_OBJECT) {
		sd_json_free(root);
		return sd_error_set(SD_EPARSE,
				    "%s: not a STIG Viewer checklist (JSON, but not an object)",
				    source);
	}
	if ((err = long_string(root, max_field, &path))) {
		err = err == 2
			? sd_error_set(SD_ELIMIT, "%s: %s", source, path.ptr)
			: sd_error_set(SD_ELIMIT,
				       "%s: %s holds more than %zu bytes",
				       source, path.ptr, max_field);
		sd_buf_release(&path);
		sd_json_free(root);
		return err;
	}
	sd_buf_release(&path);
	stigs = sd_json_get(root, "stigs");
	if (!stigs || sd_json_type(stigs) != SD_JSON_ARRAY) {
		sd_json_free(root);
		return sd_error_set(SD_EPARSE,
				    "%s: not a STIG Viewer checklist (no \"stigs\" array)",
				    source);
	}
	cl->format = SD_CL_CKLB;
	cl->doc = root;
	cl->doc_free = sd_cklb_doc_free;
	cl->indent = detect_indent(data, len);
	cl->es = es_of(root);
	td = sd_json_get(root, "target_data");
	if (td && sd_json_type(td) == SD_JSON_OBJECT)
		read_pairs(td, sd_cl_asset_keys, asset_own, &cl->asset);
	for (size_t i = 0; i < sd_json_size(stigs); i++) {
		const struct sd_json *sj = sd_json_at(stigs, i);
		const struct sd_json *rules = sd_json_get(sj, "rules");
		struct sd_cl_stig *s;

		snprintf(where, sizeof(where), "stigs[%zu]", i);
		if (sd_json_type(sj) != SD_JSON_OBJECT)
			return sd_error_set(SD_EPARSE, "%s: %s is not an object",
					    source, where);
		if (rules && sd_json_type(rules) != SD_JSON_ARRAY)
			return sd_error_set(SD_EPARSE,
					    "%s: %s.rules is not an array",
					    source, where);
		s = sd_checklist_add_stig(cl);
		s->origin = (void *)sj;
		s->es = es_of(sj);
		read_pairs(sj, sd_cl_stig_keys, stig_own, &s->info);
		for (size_t k = 0; k < sd_json_size(rules); k++) {
			const struct sd_json *r = sd_json_at(rules, k);

			snprintf(where, sizeof(where), "stigs[%zu].rules[%zu]",
				 i, k);
			if (sd_json_type(r) != SD_JSON_OBJECT)
				return sd_error_set(SD_EPARSE,
						    "%s: %s is not an object",
						    source, where);
			read_rule(r, sd_cl_stig_add_vuln(s));
		}
	}
	return 0;
}

void sd_cklb_doc_free(void *doc)
{
	sd_json_free(doc);
}

/* ---- structure checks of the JSON ---- */

static void need_str(struct sd_strv *problems, const char *src,
		     const char *where, const struct sd_json *o,
		     const char *key, int nonempty)
{
	const struct sd_json *j = sd_json_get(o, key);
	struct sd_buf b = SD_BUF_INIT;

	if (!j || sd_json_type(j) != SD_JSON_STRING)
		sd_buf_addf(&b, "%s: %s: no string \"%s\"", src, where, key);
	else if (nonempty && !*sd_json_str(j))
		sd_buf_addf(&b, "%s: %s: empty \"%s\"", src, where, key);
	if (b.len)
		sd_strv_push_owned(problems, sd_buf_detach(&b));
}

void sd_cklb_validate(const struct sd_checklist *cl,
		      struct sd_strv *problems)
{
	static const char *const rule_keys[] = {
		"group_id", "rule_id", "rule_id_src", "rule_version",
		"rule_title", "severity", "status",
	};
	const struct sd_json *root = cl->doc;
	const struct sd_json *stigs = sd_json_get(root, "stigs");
	const char *src = cl->source ? cl->source : "checklist";
	struct sd_buf b = SD_BUF_INIT;
	char where[96];

	if (!sd_json_get(root, "target_data") ||
	    sd_json_type(sd_json_get(root, "target_data")) != SD_JSON_OBJECT) {
		sd_buf_addf(&b, "%s: no \"target_data\" object", src);
		sd_strv_push_owned(problems, sd_buf_detach(&b));
	}
	for (size_t i = 0; i < sd_json_size(stigs); i++) {
		const struct sd_json *s = sd_json_at(stigs, i);
		const struct sd_json *rules = sd_json_get(s, "rules");
		const char *uuid = sd_json_get_str(s, "uuid");

		snprintf(where, sizeof(where), "stigs[%zu]", i);
		need_str(problems, src, where, s, "stig_id", 1);
		need_str(problems, src, where, s, "uuid", 1);
		if (!rules || sd_json_type(rules) != SD_JSON_ARRAY) {
			sd_buf_addf(&b, "%s: %s: no \"rules\" array", src,
				    where);
			sd_strv_push_owned(problems, sd_buf_detach(&b));
		}
		for (size_t k = 0; k < sd_json_size(rules); k++) {
			const struct sd_json *r = sd_json_at(rules, k);
			const char *su = sd_json_get_str(r, "stig_uuid");
			const struct sd_json *ccis = sd_json_get(r, "ccis");

			snprintf(where, sizeof(where), "stigs[%zu].rules[%zu]",
				 i, k);
			need_str(problems, src, where, r, "uuid", 1);
			for (size_t n = 0; n < SD_ARRAY_SIZE(rule_keys); n++)
				need_str(problems, src, where, r,
					 rule_keys[n], n < 6);
			if (uuid && sd_strcmp_null(su, uuid)) {
				sd_buf_addf(&b,
					    "%s: %s: stig_uuid '%s' is not its STIG's uuid '%s'",
					    src, where, su ? su : "(none)",
					    uuid);
				sd_strv_push_owned(problems, sd_buf_detach(&b));
			}
			if (!ccis || sd_json_type(ccis) != SD_JSON_ARRAY) {
				sd_buf_addf(&b, "%s: %s: no \"ccis\" array",
					    src, where);
				sd_strv_push_owned(problems, sd_buf_detach(&b));
			}
		}
	}
}
