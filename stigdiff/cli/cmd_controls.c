/*
 * stigdiff controls: a benchmark seen from the RMF side. Each NIST SP
 * 800-53 control its rules' CCIs map to, with those rules and counts per
 * severity (STIGhub's RMF view), and the rules that map to no control.
 */
#include "cci.h"
#include "buf.h"
#include "csv.h"
#include "cli.h"
#include "error.h"
#include "json.h"
#include "xccdf.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"stigdiff controls [options] BENCH|BENCH@VERSION\n\n"
	"List, per NIST SP 800-53 control (family, control, enhancement), the\n"
	"rules of the benchmark whose CCIs map to it, with counts per severity,\n"
	"in NIST order; then the rules whose CCIs map to no control. BENCH is\n"
	"any benchmark input (XCCDF, data stream, zip, normalized XML); with\n"
	"-C DIR (or $STIGDIFF_CORPUS) a name that is not a file is a corpus\n"
	"release BENCH[@VERSION]. Revision 5 unless --nist-rev 4.";

/* One (control, rule) line of the listing. */
struct entry {
	const char *control; /* borrowed from the rule's control list */
	size_t rule;
};

struct ctl_run {
	const struct sd_benchmark *b;
	const struct sd_cci_list *list;
	const char *rev;
	struct sd_strv *controls; /* per rule, NIST order */
	struct entry *e;
	size_t n, cap;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = sd_cci_control_cmp(x->control, y->control);

	if (c)
		return c;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static void collect(struct ctl_run *r)
{
	r->controls = sd_xcalloc(r->b->nrules ? r->b->nrules : 1,
				 sizeof(*r->controls));
	for (size_t i = 0; i < r->b->nrules; i++) {
		struct sd_strv *v = &r->controls[i];

		sd_cci_rule_controls(r->list, &r->b->rules[i].ccis, r->rev, v);
		for (size_t k = 0; k < v->n; k++) {
			SD_ALLOC_GROW(r->e, r->n, r->cap);
			r->e[r->n].control = v->v[k];
			r->e[r->n].rule = i;
			r->n++;
		}
	}
	if (r->n)
		qsort(r->e, r->n, sizeof(*r->e), entry_cmp);
}

/* The CCIs of `rule` that map to `control`, joined by spaces. */
static void ccis_of(const struct ctl_run *r, const struct sd_rule *rule,
		    const char *control, struct sd_strv *out)
{
	for (size_t i = 0; i < rule->ccis.n; i++) {
		struct sd_strv v = SD_STRV_INIT;

		sd_cci_controls(sd_cci_find(r->list, rule->ccis.v[i]), r->rev,
				&v);
		if (!control ? !v.n : sd_strv_contains(&v, control))
			if (!sd_strv_contains(out, rule->ccis.v[i]))
				sd_strv_push(out, rule->ccis.v[i]);
		sd_strv_release(&v);
	}
}

static void join(const struct sd_strv *v, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < v->n && len + 1 < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s",
					i ? " " : "", v->v[i]);
}

/* Counts per severity of the entries [from, to). */
static void counts(const struct ctl_run *r, size_t from, size_t to,
		   size_t c[4])
{
	memset(c, 0, 4 * sizeof(*c));
	for (size_t i = from; i < to; i++)
		c[r->b->rules[r->e[i].rule].severity]++;
}

static size_t group_end(const struct ctl_run *r, size_t i)
{
	size_t j = i + 1;

	while (j < r->n && !strcmp(r->e[j].control, r->e[i].control))
		j++;
	return j;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void text_rule(FILE *fp, const struct ctl_run *r,
		      const struct sd_rule *rule, const char *control)
{
	struct sd_strv c = SD_STRV_INIT;
	char ccis[512];

	ccis_of(r, rule, control, &c);
	join(&c, ccis, sizeof(ccis));
	fprintf(fp, "  %s\t%s\t%s\t%s\t%s\n", nz(rule->vuln_id),
		nz(rule->stig_id), sd_severity_name(rule->severity), ccis,
		nz(rule->title));
	sd_strv_release(&c);
}

static void write_text(FILE *fp, const struct ctl_run *r, size_t unmapped)
{
	char vr[32];

	fprintf(fp, "# %s %s: %zu rules, NIST SP 800-53 rev %s, CCI list %s\n",
		nz(r->b->id), sd_benchmark_vr(r->b, vr), r->b->nrules, r->rev,
		nz(sd_cci_version(r->list)));
	for (size_t i = 0; i < r->n;) {
		size_t j = group_end(r, i), c[4];
		char fam[32], base[32], enh[32];

		counts(r, i, j, c);
		sd_cci_control_split(r->e[i].control, fam, base, enh);
		fprintf(fp, "%s (family %s): %zu rule%s, high %zu, medium %zu, low %zu",
			r->e[i].control, fam, j - i, j - i == 1 ? "" : "s",
			c[SD_SEV_HIGH], c[SD_SEV_MEDIUM], c[SD_SEV_LOW]);
		if (c[SD_SEV_UNKNOWN])
			fprintf(fp, ", unknown %zu", c[SD_SEV_UNKNOWN]);
		fputc('\n', fp);
		for (; i < j; i++)
			text_rule(fp, r, &r->b->rules[r->e[i].rule],
				  r->e[i].control);
	}
	fprintf(fp, "no control: %zu rule%s\n", unmapped,
		unmapped == 1 ? "" : "s");
	for (size_t i = 0; i < r->b->nrules; i++)
		if (!r->controls[i].n)
			text_rule(fp, r, &r->b->rules[i], NULL);
}

static void csv_row(FILE *fp, const struct ctl_run *r,
		    const struct sd_rule *rule, const char *control)
{
	char fam[32] = "", base[32] = "", enh[32] = "", ccis[512];
	struct sd_strv c = SD_STRV_INIT;
	struct sd_buf line = SD_BUF_INIT;

	if (control)
		sd_cci_control_split(control, fam, base, enh);
	ccis_of(r, rule, control, &c);
	join(&c, ccis, sizeof(ccis));
	sd_csv_field(&line, fam, 0);
	sd_csv_field(&line, base, 0);
	sd_csv_field(&line, enh, 0);
	sd_csv_field(&line, rule->vuln_id, 0);
	sd_csv_field(&line, rule->rule_id, 0);
	sd_csv_field(&line, rule->stig_id, 0);
	sd_csv_field(&line, sd_severity_name(rule->severity), 0);
	sd_csv_field(&line, ccis, 0);
	sd_csv_field(&line, rule->title, 1);
	fwrite(line.ptr, 1, line.len, fp);
	sd_buf_release(&line);
	sd_strv_release(&c);
}

static void write_csv(FILE *fp, const struct ctl_run *r)
{
	fputs("family,control,enhancement,vuln-id,rule-id,stig-id,severity,ccis,title\r\n",
	      fp);
	for (size_t i = 0; i < r->n; i++)
		csv_row(fp, r, &r->b->rules[r->e[i].rule], r->e[i].control);
	for (size_t i = 0; i < r->b->nrules; i++)
		if (!r->controls[i].n)
			csv_row(fp, r, &r->b->rules[i], NULL);
}

static struct sd_json *rule_json(const struct ctl_run *r,
				 const struct sd_rule *rule,
				 const char *control)
{
	struct sd_json *j = sd_json_object_new(), *a = sd_json_array_new();
	struct sd_strv c = SD_STRV_INIT;

	sd_json_set(j, "vuln-id", sd_json_string_new(rule->vuln_id));
	sd_json_set(j, "rule-id", sd_json_string_new(rule->rule_id));
	sd_json_set(j, "stig-id", sd_json_string_new(rule->stig_id));
	sd_json_set_str(j, "severity", sd_severity_name(rule->severity));
	sd_json_set(j, "title", sd_json_string_new(rule->title));
	ccis_of(r, rule, control, &c);
	for (size_t i = 0; i < c.n; i++)
		sd_json_append(a, sd_json_string_new(c.v[i]));
	sd_json_set(j, "ccis", a);
	sd_strv_release(&c);
	return j;
}

static struct sd_json *doc_json(const struct ctl_run *r)
{
	struct sd_json *doc = sd_json_object_new();
	struct sd_json *ctls = sd_json_array_new(), *un = sd_json_array_new();

	sd_json_set_str(doc, "format", "stigdiff-controls");
	sd_json_set_int(doc, "format-version", 1);
	sd_json_set(doc, "benchmark", sd_cli_benchmark_json(r->b));
	sd_json_set_str(doc, "nist-revision", r->rev);
	sd_json_set(doc, "cci-list-version",
		    sd_json_string_new(sd_cci_version(r->list)));
	for (size_t i = 0; i < r->n;) {
		size_t j = group_end(r, i), c[4];
		char fam[32], base[32], enh[32];
		struct sd_json *o = sd_json_object_new(), *cnt, *rules;

		counts(r, i, j, c);
		sd_cci_control_split(r->e[i].control, fam, base, enh);
		sd_json_set_str(o, "control", r->e[i].control);
		sd_json_set_str(o, "family", fam);
		sd_json_set_str(o, "base", base);
		sd_json_set(o, "enhancement",
			    sd_json_string_new(*enh ? enh : NULL));
		cnt = sd_json_object_new();
		sd_json_set_int(cnt, "high", (long long)c[SD_SEV_HIGH]);
		sd_json_set_int(cnt, "medium", (long long)c[SD_SEV_MEDIUM]);
		sd_json_set_int(cnt, "low", (long long)c[SD_SEV_LOW]);
		sd_json_set_int(cnt, "unknown", (long long)c[SD_SEV_UNKNOWN]);
		sd_json_set(o, "counts", cnt);
		rules = sd_json_array_new();
		for (; i < j; i++)
			sd_json_append(rules, rule_json(r, &r->b->rules[r->e[i].rule],
							r->e[i].control));
		sd_json_set(o, "rules", rules);
		sd_json_append(ctls, o);
	}
	sd_json_set(doc, "controls", ctls);
	for (size_t i = 0; i < r->b->nrules; i++)
		if (!r->controls[i].n)
			sd_json_append(un, rule_json(r, &r->b->rules[i], NULL));
	sd_json_set(doc, "no-control", un);
	return doc;
}

int cmd_controls(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	struct sd_cli_source cs = SD_CLI_SOURCE_INIT;
	struct sd_source_opts so;
	const char *cci_path = NULL, *format = "text", *rev = "5";
	const char *corpus = NULL, *select = NULL, *output = NULL;
	int force = 0, rc = SD_EXIT_TROUBLE;
	struct sd_cci_list *list = NULL;
	struct sd_benchmark *b = NULL;
	struct sd_outfile out = { 0 };
	struct sd_json *doc = NULL;
	struct ctl_run r;
	size_t unmapped = 0;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "cci", &cci_path, "FILE",
		  "DISA's CCI list (default: the list compiled in)" },
		{ SD_OPT_STRING, 0, "nist-rev", &rev, "REV",
		  "NIST SP 800-53 revision: 4 or 5 (default 5)" },
		{ SD_OPT_STRING, 0, "format", &format, "FMT", "text, json or csv" },
		{ SD_OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE instead of standard output" },
		{ SD_OPT_FLAG, 'f', "force", &force, NULL, "overwrite FILE" },
		{ SD_OPT_STRING, 'b', "benchmark", &select, "ID",
		  "this benchmark id (or source member) in the input" },
		SD_OPT_CORPUS(&corpus, "the corpus BENCH@VERSION comes from "
				       "(default $STIGDIFF_CORPUS)"),
		SD_OPT_INPUT_LIMITS(&cs),
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	memset(&r, 0, sizeof(r));
	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	rc = SD_EXIT_TROUBLE;
	if (args.n != 1) {
		rc = sd_cli_usage_error(argv[0], "expected one benchmark, got %zu arguments",
					args.n);
		goto done;
	}
	if (strcmp(format, "text") && strcmp(format, "json") &&
	    strcmp(format, "csv")) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	if (strcmp(rev, "4") && strcmp(rev, "5")) {
		rc = sd_cli_usage_error(argv[0], "--nist-rev takes 4 or 5, not '%s'", rev);
		goto done;
	}
	sd_cli_source_opts(&cs, &so);
	if (sd_cli_load_release("controls", args.v[0], select, &so, corpus,
				&b) < 0 ||
	    sd_cci_load(cci_path, &list) < 0 ||
	    sd_outfile_open(&out, output, force) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	r.b = b;
	r.list = list;
	r.rev = rev;
	collect(&r);
	for (size_t i = 0; i < b->nrules; i++)
		unmapped += !r.controls[i].n;
	if (!strcmp(format, "json")) {
		doc = doc_json(&r);
		if (sd_json_dump(doc, out.fp, SD_JSON_PRETTY) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	} else if (!strcmp(format, "csv")) {
		write_csv(out.fp, &r);
	} else {
		write_text(out.fp, &r, unmapped);
	}
	if (sd_outfile_commit(&out) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	rc = SD_EXIT_OK;
done:
	sd_outfile_abort(&out);
	sd_json_free(doc);
	if (r.controls)
		for (size_t i = 0; i < b->nrules; i++)
			sd_strv_release(&r.controls[i]);
	free(r.controls);
	free(r.e);
	sd_cci_list_free(list);
	sd_benchmark_free(b);
	sd_strv_release(&args);
	return rc;
}
