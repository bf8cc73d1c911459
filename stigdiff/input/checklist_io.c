/*
 * Checklists read and written whatever their format (checklist_io.h):
 * the content says which back end reads it; the structural check shared
 * by both formats, then each format's own.
 */
#include "checklist_io.h"
#include "ckl.h"
#include "cklb.h"
#include "buf.h"
#include "error.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
	for (size_t i = 0; i < cl->nstigs && !cl->as_is; i++)
		sd_cl_stig_complete(&cl->stigs[i], f);
	if (f == SD_CL_CKLB)
		return sd_cklb_write(cl, fp);
	return sd_ckl_write(cl, fp);
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
		/* STIG Manager's .ckl reader fails on a STIG_INFO without
		 * these two (stigid is checked above). */
		for (size_t k = 0; f == SD_CL_CKL && k < 2; k++) {
			static const char *const need[] = { "version",
							    "releaseinfo" };
			int found;

			sd_cl_pairs_get(&s->info, need[k], &found);
			if (!found)
				problem(problems,
					"%s: STIG '%s': no STIG_INFO %s",
					src, sid, need[k]);
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
