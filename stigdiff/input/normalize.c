/*
 * Writers of the normalized document (see normalize.h and
 * xslt/normalized.rng). XML and JSON carry the same names: a rule's
 * single-valued fields come from the sd_rule_fields table in order, so a
 * new field needs one table line, not four writer changes.
 */
#include "normalize.h"
#include "cci.h"
#include "error.h"
#include "json.h"
#include "xmlw.h"

#include <string.h>

struct sd_norm_writer {
	enum sd_norm_format fmt;
	FILE *fp;
	struct sd_xw *xw;
	struct sd_json *all; /* SD_NORM_JSON: the benchmarks array */
	/* NIST controls next to CCIs (sd_norm_writer_controls), or NULL. */
	const struct sd_cci_list *cci;
	const char *nist_rev;
};

/* What a rule's CCIs map to, for one writer. */
struct ctl {
	const struct sd_cci_list *cci;
	const char *rev;
};

int sd_norm_format_parse(const char *s)
{
	if (!strcmp(s, "xml"))
		return SD_NORM_XML;
	if (!strcmp(s, "json"))
		return SD_NORM_JSON;
	if (!strcmp(s, "jsonl"))
		return SD_NORM_JSONL;
	return -1;
}

/* Severity as written when unknown, else its canonical name. */
static const char *severity_text(const struct sd_rule *r)
{
	if (r->severity != SD_SEV_UNKNOWN)
		return sd_severity_name(r->severity);
	return r->severity_raw;
}

static void write_rule_xml(struct sd_xw *w, const struct sd_rule *r,
			   const struct ctl *ctl)
{
	sd_xw_start(w, "rule");
	sd_xw_attr(w, "vuln-id", r->vuln_id);
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];

		if (!strcmp(f->name, "title")) {
			sd_xw_elem(w, "severity", severity_text(r));
			if (r->severity != SD_SEV_UNKNOWN)
				sd_xw_elem(w, "category",
					   sd_severity_category(r->severity));
		}
		sd_xw_elem(w, f->name, SD_RULE_FIELD(r, f));
	}
	for (size_t i = 0; i < r->ccis.n; i++)
		sd_xw_elem(w, "cci", r->ccis.v[i]);
	if (ctl->cci) {
		struct sd_strv v = SD_STRV_INIT;

		sd_cci_rule_controls(ctl->cci, &r->ccis, ctl->rev, &v);
		for (size_t i = 0; i < v.n; i++) {
			sd_xw_start(w, "nist-control");
			sd_xw_attr(w, "revision", ctl->rev);
			sd_xw_text(w, v.v[i]);
			sd_xw_end(w);
		}
		sd_strv_release(&v);
	}
	for (size_t i = 0; i < r->legacy.n; i++)
		sd_xw_elem(w, "legacy", r->legacy.v[i]);
	for (size_t i = 0; i < r->nidents; i++) {
		sd_xw_start(w, "ident");
		sd_xw_attr(w, "system", r->idents[i].system);
		sd_xw_text(w, r->idents[i].value);
		sd_xw_end(w);
	}
	for (size_t i = 0; i < r->profiles.n; i++)
		sd_xw_elem(w, "profile-ref", r->profiles.v[i]);
	sd_xw_end(w);
}

static void write_int_elem(struct sd_xw *w, const char *name, int v)
{
	char num[16];

	if (v <= 0)
		return;
	snprintf(num, sizeof(num), "%d", v);
	sd_xw_elem(w, name, num);
}

static int write_benchmark_xml(struct sd_xw *w, const struct sd_benchmark *b,
			       const struct ctl *ctl)
{
	char vr[32];

	sd_xw_start(w, "benchmark");
	sd_xw_attr(w, "id", b->id);
	sd_xw_attr(w, "xccdf-version", b->xccdf_version);
	sd_xw_elem(w, "title", b->title);
	write_int_elem(w, "version", b->v);
	write_int_elem(w, "release", b->r);
	if (*sd_benchmark_vr(b, vr))
		sd_xw_elem(w, "version-label", vr);
	sd_xw_elem(w, "version-text", b->version);
	sd_xw_elem(w, "release-info", b->release_info);
	sd_xw_elem(w, "date", b->date);
	if (b->status) {
		sd_xw_start(w, "status");
		sd_xw_attr(w, "date", b->status_date);
		sd_xw_text(w, b->status);
		sd_xw_end(w);
	}
	sd_xw_elem(w, "source", b->source);
	sd_xw_elem(w, "description", b->description);
	for (size_t i = 0; i < b->nplain_texts; i++) {
		sd_xw_start(w, "plain-text");
		sd_xw_attr(w, "id", b->plain_texts[i].system);
		sd_xw_text(w, b->plain_texts[i].value);
		sd_xw_end(w);
	}
	for (size_t i = 0; i < b->nprofiles; i++) {
		sd_xw_start(w, "profile");
		sd_xw_attr(w, "id", b->profiles[i].id);
		sd_xw_elem(w, "title", b->profiles[i].title);
		sd_xw_end(w);
	}
	for (size_t i = 0; i < b->nrules; i++)
		write_rule_xml(w, &b->rules[i], ctl);
	return sd_xw_end(w);
}

static struct sd_json *strv_json(const struct sd_strv *sv)
{
	struct sd_json *a = sd_json_array_new();

	for (size_t i = 0; i < sv->n; i++)
		sd_json_append(a, sd_json_string_new(sv->v[i]));
	return a;
}

static struct sd_json *pairs_json(const struct sd_ident *v, size_t n,
				  const char *k1, const char *k2)
{
	struct sd_json *a = sd_json_array_new();

	for (size_t i = 0; i < n; i++) {
		struct sd_json *o = sd_json_object_new();

		sd_json_set_str(o, k1, v[i].system);
		sd_json_set_str(o, k2, v[i].value);
		sd_json_append(a, o);
	}
	return a;
}

static struct sd_json *rule_json(const struct sd_rule *r,
				  const struct ctl *ctl)
{
	struct sd_json *o = sd_json_object_new();

	sd_json_set_str(o, "vuln-id", r->vuln_id);
	for (size_t i = 0; i < sd_rule_nfields; i++) {
		const struct sd_rule_field *f = &sd_rule_fields[i];

		if (!strcmp(f->name, "title")) {
			sd_json_set_str(o, "severity", severity_text(r));
			if (r->severity != SD_SEV_UNKNOWN)
				sd_json_set_str(o, "category",
						sd_severity_category(r->severity));
		}
		sd_json_set_str(o, f->name, SD_RULE_FIELD(r, f));
	}
	sd_json_set(o, "ccis", strv_json(&r->ccis));
	if (ctl->cci) {
		struct sd_json *c = sd_json_object_new();
		struct sd_strv v = SD_STRV_INIT;

		sd_cci_rule_controls(ctl->cci, &r->ccis, ctl->rev, &v);
		sd_json_set_str(c, "revision", ctl->rev);
		sd_json_set(c, "controls", strv_json(&v));
		sd_json_set(o, "nist-controls", c);
		sd_strv_release(&v);
	}
	sd_json_set(o, "legacy", strv_json(&r->legacy));
	sd_json_set(o, "idents",
		    pairs_json(r->idents, r->nidents, "system", "value"));
	sd_json_set(o, "profiles", strv_json(&r->profiles));
	return o;
}

struct sd_json *sd_norm_rule_json(const struct sd_rule *r)
{
	static const struct ctl none = { NULL, NULL };

	return rule_json(r, &none);
}

/*
 * A benchmark object; `format` non-NULL starts it with "format" and
 * "format-version" (a JSON Lines line is a document of its own).
 */
static struct sd_json *benchmark_json(const struct sd_benchmark *b,
				      const struct ctl *ctl,
				      const char *format)
{
	struct sd_json *o = sd_json_object_new(), *a;
	char vr[32];

	if (format) {
		sd_json_set_str(o, "format", format);
		sd_json_set_int(o, "format-version", 1);
	}
	sd_json_set_str(o, "id", b->id);
	sd_json_set_str(o, "xccdf-version", b->xccdf_version);
	sd_json_set_str(o, "title", b->title);
	if (b->v > 0)
		sd_json_set_int(o, "version", b->v);
	if (b->r > 0)
		sd_json_set_int(o, "release", b->r);
	if (*sd_benchmark_vr(b, vr))
		sd_json_set_str(o, "version-label", vr);
	sd_json_set_str(o, "version-text", b->version);
	sd_json_set_str(o, "release-info", b->release_info);
	sd_json_set_str(o, "date", b->date);
	sd_json_set_str(o, "status", b->status);
	sd_json_set_str(o, "status-date", b->status_date);
	sd_json_set_str(o, "source", b->source);
	sd_json_set_str(o, "description", b->description);
	sd_json_set(o, "plain-texts",
		    pairs_json(b->plain_texts, b->nplain_texts, "id", "text"));
	a = sd_json_array_new();
	for (size_t i = 0; i < b->nprofiles; i++) {
		struct sd_json *p = sd_json_object_new();

		sd_json_set_str(p, "id", b->profiles[i].id);
		sd_json_set_str(p, "title", b->profiles[i].title);
		sd_json_append(a, p);
	}
	sd_json_set(o, "profiles", a);
	a = sd_json_array_new();
	for (size_t i = 0; i < b->nrules; i++)
		sd_json_append(a, rule_json(&b->rules[i], ctl));
	sd_json_set(o, "rules", a);
	return o;
}

struct sd_json *sd_norm_benchmark_json(const struct sd_benchmark *b)
{
	static const struct ctl none = { NULL, NULL };

	return benchmark_json(b, &none, NULL);
}

void sd_norm_writer_controls(struct sd_norm_writer *w,
			     const struct sd_cci_list *l, const char *rev)
{
	w->cci = l;
	w->nist_rev = rev;
}

int sd_norm_writer_open(struct sd_norm_writer **out, FILE *fp,
			enum sd_norm_format fmt)
{
	struct sd_norm_writer *w = sd_xcalloc(1, sizeof(*w));
	int err = 0;

	w->fmt = fmt;
	w->fp = fp;
	if (fmt == SD_NORM_XML) {
		if ((err = sd_xw_open(&w->xw, fp, 1)) == 0) {
			sd_xw_start(w->xw, SD_NORM_ROOT);
			sd_xw_attr(w->xw, "xmlns", SD_NORM_NS);
			err = sd_xw_attr(w->xw, "format-version",
					 SD_NORM_FORMAT_VERSION);
		}
	} else if (fmt == SD_NORM_JSON) {
		w->all = sd_json_array_new();
	}
	if (err) {
		sd_xw_close(w->xw);
		free(w);
		w = NULL;
	}
	*out = w;
	return err;
}

int sd_norm_writer_add(struct sd_norm_writer *w, const struct sd_benchmark *b)
{
	struct ctl ctl = { w->cci, w->nist_rev };
	struct sd_json *j;
	int err;

	switch (w->fmt) {
	case SD_NORM_XML:
		return write_benchmark_xml(w->xw, b, &ctl);
	case SD_NORM_JSON:
		sd_json_append(w->all, benchmark_json(b, &ctl, NULL));
		return 0;
	default:
		j = benchmark_json(b, &ctl, "stigdiff-normalized-benchmark");
		err = sd_json_dump(j, w->fp, SD_JSON_COMPACT);
		sd_json_free(j);
		return err;
	}
}

int sd_norm_writer_close(struct sd_norm_writer *w)
{
	int err = 0;

	if (!w)
		return 0;
	if (w->fmt == SD_NORM_XML) {
		sd_xw_end(w->xw);
		err = sd_xw_close(w->xw);
	} else if (w->fmt == SD_NORM_JSON) {
		struct sd_json *doc = sd_json_object_new();

		sd_json_set_str(doc, "format", "stigdiff-normalized");
		sd_json_set_int(doc, "format-version", 1);
		sd_json_set(doc, "benchmarks", w->all);
		err = sd_json_dump(doc, w->fp, SD_JSON_PRETTY);
		sd_json_free(doc);
	}
	free(w);
	return err;
}
