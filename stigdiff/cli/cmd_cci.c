/*
 * stigdiff cci: what DISA's CCI list says about some CCIs: definition,
 * status, type, date and the NIST SP 800-53 references by revision.
 */
#include "cci.h"
#include "cli.h"
#include "error.h"
#include "json.h"

#include <string.h>

static const char usage[] =
	"stigdiff cci [--cci FILE] [--format text|json] [--nist-rev 4|5|all] CCI-ID...\n\n"
	"Print each CCI's definition, status, type, date and its NIST SP 800-53\n"
	"references (rev 5 first, then rev 4): the index as DISA wrote it and\n"
	"the control or enhancement it names. The CCI list is DISA's list\n"
	"compiled into stigdiff (corpus/cci/U_CCI_List.xml of its source),\n"
	"unless --cci FILE. Exit status 1 when an id\n"
	"is unknown (the others are still printed), 2 on error.";

static const char *const revs[] = { "5", "4" };

/* Does --nist-rev `want` ("4", "5", "all") include revision `rev`? */
static int rev_wanted(const char *want, const char *rev)
{
	return !strcmp(want, "all") || !strcmp(want, rev);
}

static void print_text(FILE *fp, const struct sd_cci *c, const char *want)
{
	fprintf(fp, "%s\n", c->id);
	fprintf(fp, "  definition: %s\n", c->definition ? c->definition : "");
	fprintf(fp, "  status: %s\n", c->status ? c->status : "");
	fprintf(fp, "  type: %s\n", c->type ? c->type : "");
	fprintf(fp, "  date: %s\n", c->date ? c->date : "");
	for (size_t r = 0; r < SD_ARRAY_SIZE(revs); r++) {
		if (!rev_wanted(want, revs[r]))
			continue;
		for (size_t i = 0; i < c->nrefs; i++) {
			const struct sd_cci_ref *ref = &c->refs[i];
			struct sd_cci one = *c;
			struct sd_strv ctl = SD_STRV_INIT;

			if (!ref->rev || strcmp(ref->rev, revs[r]))
				continue;
			/* The control(s) of this one reference. */
			one.refs = (struct sd_cci_ref *)ref;
			one.nrefs = 1;
			sd_cci_controls(&one, revs[r], &ctl);
			fprintf(fp, "  NIST SP 800-53 rev %s: %s", revs[r],
				ref->text ? ref->text : "");
			/* Name the control only when the index says more. */
			if (!(ctl.n == 1 && ref->text &&
			      !strcmp(ctl.v[0], ref->text)))
				for (size_t k = 0; k < ctl.n; k++)
					fprintf(fp, "%s%s", k ? ", " : " -> ",
						ctl.v[k]);
			fputc('\n', fp);
			sd_strv_release(&ctl);
		}
	}
}

static struct sd_json *cci_json(const struct sd_cci *c, const char *want)
{
	struct sd_json *j = sd_json_object_new();
	struct sd_json *refs = sd_json_array_new();
	struct sd_json *ctls = sd_json_object_new();

	sd_json_set_str(j, "id", c->id);
	sd_json_set(j, "definition", sd_json_string_new(c->definition));
	sd_json_set(j, "status", sd_json_string_new(c->status));
	sd_json_set(j, "type", sd_json_string_new(c->type));
	sd_json_set(j, "date", sd_json_string_new(c->date));
	for (size_t r = 0; r < SD_ARRAY_SIZE(revs); r++) {
		struct sd_strv ctl = SD_STRV_INIT;
		struct sd_json *arr = sd_json_array_new();

		if (!rev_wanted(want, revs[r])) {
			sd_json_free(arr);
			continue;
		}
		for (size_t i = 0; i < c->nrefs; i++) {
			const struct sd_cci_ref *ref = &c->refs[i];
			struct sd_json *o;

			if (!ref->rev || strcmp(ref->rev, revs[r]))
				continue;
			o = sd_json_object_new();
			sd_json_set_str(o, "revision", ref->rev);
			sd_json_set(o, "index", sd_json_string_new(ref->text));
			sd_json_append(refs, o);
		}
		sd_cci_controls(c, revs[r], &ctl);
		for (size_t k = 0; k < ctl.n; k++)
			sd_json_append(arr, sd_json_string_new(ctl.v[k]));
		sd_strv_release(&ctl);
		sd_json_set(ctls, revs[r], arr);
	}
	sd_json_set(j, "references", refs);
	sd_json_set(j, "controls", ctls);
	return j;
}

int cmd_cci(int argc, char **argv)
{
	struct sd_strv args = SD_STRV_INIT;
	const char *cci_path = NULL, *format = "text", *rev = "all";
	struct sd_cci_list *list = NULL;
	struct sd_json *doc = NULL, *arr = NULL, *unknown = NULL;
	int rc = SD_EXIT_TROUBLE, missing = 0, printed = 0;
	const struct sd_opt opts[] = {
		{ SD_OPT_STRING, 0, "cci", &cci_path, "FILE",
		  "DISA's CCI list (default: the list compiled in)" },
		{ SD_OPT_STRING, 0, "format", &format, "FMT", "text or json" },
		{ SD_OPT_STRING, 0, "nist-rev", &rev, "REV",
		  "NIST SP 800-53 revision: 4, 5 or all (default all)" },
		{ SD_OPT_END, 0, NULL, NULL, NULL, NULL },
	};

	if (sd_cli_parse(argc, argv, opts, usage, &args, &rc))
		goto done;
	rc = SD_EXIT_TROUBLE;
	if (!args.n) {
		rc = sd_cli_usage_error(argv[0], "expected at least one CCI id");
		goto done;
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = sd_cli_usage_error(argv[0], "unknown format '%s'", format);
		goto done;
	}
	if (strcmp(rev, "4") && strcmp(rev, "5") && strcmp(rev, "all")) {
		rc = sd_cli_usage_error(argv[0], "--nist-rev takes 4, 5 or all, not '%s'", rev);
		goto done;
	}
	if (sd_cci_load(cci_path, &list) < 0) {
		rc = sd_cli_fail();
		goto done;
	}
	arr = sd_json_array_new();
	unknown = sd_json_array_new();
	for (size_t i = 0; i < args.n; i++) {
		const struct sd_cci *c = sd_cci_find(list, args.v[i]);

		if (!c) {
			sd_cli_error("unknown CCI '%s'", args.v[i]);
			sd_json_append(unknown, sd_json_string_new(args.v[i]));
			missing = 1;
		} else if (!strcmp(format, "json")) {
			sd_json_append(arr, cci_json(c, rev));
		} else {
			if (printed++)
				fputc('\n', stdout);
			print_text(stdout, c, rev);
		}
	}
	if (!strcmp(format, "json")) {
		doc = sd_json_object_new();
		sd_json_set_str(doc, "format", "stigdiff-cci");
		sd_json_set_int(doc, "format-version", 1);
		sd_json_set(doc, "cci-list-version",
			    sd_json_string_new(sd_cci_version(list)));
		sd_json_set(doc, "ccis", arr);
		sd_json_set(doc, "unknown", unknown);
		arr = unknown = NULL;
		if (sd_json_dump(doc, stdout, SD_JSON_PRETTY) < 0) {
			rc = sd_cli_fail();
			goto done;
		}
	}
	rc = missing ? SD_EXIT_FOUND : SD_EXIT_OK;
done:
	sd_json_free(doc);
	sd_json_free(arr);
	sd_json_free(unknown);
	sd_cci_list_free(list);
	sd_strv_release(&args);
	return rc;
}
