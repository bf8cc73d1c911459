/*
 * The site's RMF view (site.h): the NIST SP 800-53 rev 5 controls behind
 * each rule page's CCIs (DISA's CCI list, cci.h), and a page per control
 * listing the rule pages implementing it across the library, like
 * STIGhub's RMF view. Controls are computed once per run, per page.
 */
#include "site_run.h"
#include "cci.h"

#include <string.h>

/* Rev 5: what RMF packages are assessed against today. */
#define RMF_REV "5"

int sd_site_rmf_load(struct sd_site *s)
{
	struct sd_cci_list *l = NULL;
	int err;

	/* The list compiled in: nothing to parse or to miss. */
	if ((err = sd_cci_load(NULL, &l)) < 0)
		return err;
	s->cci = l;
	return 0;
}

void sd_site_rmf_page(const struct sd_site *s, const struct site_bench *sb,
		      struct site_page *p)
{
	if (s->cci)
		sd_cci_rule_controls(s->cci, &sd_site_page_rule(sb, p)->ccis,
				     RMF_REV, &p->controls);
}

void sd_site_rmf_free(struct sd_site *s)
{
	sd_cci_list_free(s->cci);
	s->cci = NULL;
}

const char *sd_site_rmf_version(const struct sd_site *s)
{
	const char *v = s->cci ? sd_cci_version(s->cci) : NULL;

	return v ? v : "-";
}

/* "AC-2 (4)" -> "AC-2(4)": a file name without blanks. */
char *sd_site_control_file(const char *control)
{
	char *f = sd_xmalloc(strlen(control) + 1), *o = f;

	for (const char *p = control; *p; p++)
		if (*p != ' ')
			*o++ = (*p == '/' ? '_' : *p);
	*o = '\0';
	return f;
}

static int impl_cmp(const void *a, const void *b)
{
	const struct site_impl *x = a, *y = b;
	int c = sd_cci_control_cmp(x->control, y->control);

	if (c)
		return c;
	if (x->bench != y->bench)
		return x->bench < y->bench ? -1 : 1;
	return (x->page > y->page) - (x->page < y->page);
}

struct site_impl *sd_site_rmf_collect(const struct sd_site *s, size_t *n)
{
	struct site_impl *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->v[i].npages; k++) {
			const struct site_page *p = &s->v[i].pages[k];

			for (size_t c = 0; c < p->controls.n; c++) {
				SD_ALLOC_GROW(v, *n, cap);
				v[*n].control = p->controls.v[c];
				v[*n].bench = i;
				v[(*n)++].page = k;
			}
		}
	if (*n)
		qsort(v, *n, sizeof(*v), impl_cmp);
	return v;
}

/* ---- The pages ---- */

static int rmf_control_page(struct site_run *o, const struct site_impl *v,
			    size_t a, size_t b)
{
	struct sd_site *s = o->s;
	char *file = sd_site_control_file(v[a].control);
	struct sd_buf rel = SD_BUF_INIT;
	struct site_px x;
	int err;

	sd_site_px_open(o, &x, "control", "../");
	sd_xw_attr(x.w, "control", v[a].control);
	for (size_t k = a; k < b; k++) {
		const struct site_bench *sb = &s->v[v[k].bench];
		const struct site_page *p = &sb->pages[v[k].page];

		sd_xw_start(x.w, "rule");
		sd_xw_attr(x.w, "slug", sb->slug);
		sd_xw_attr(x.w, "page", p->name);
		sd_xw_attr(x.w, "bench", sb->title);
		sd_xw_attr(x.w, "vuln", p->vuln);
		sd_xw_attr(x.w, "stig", p->stig);
		sd_xw_attr(x.w, "severity", p->severity
				? sd_severity_name(p->severity) : "unknown");
		if (p->rel != sb->nrel - 1)
			sd_xw_attr(x.w, "last", sb->rel[p->rel].label);
		sd_xw_text(x.w, p->title ? p->title : "");
		sd_xw_end(x.w);
	}
	sd_buf_addf(&rel, "rmf/%s.html", file);
	err = sd_site_px_finish(o, &x, "-", rel.ptr);
	sd_buf_release(&rel);
	free(file);
	return err;
}

/* rmf/index.html: every control, its family and count of rules. */
int sd_site_rmf_pages(struct site_run *o)
{
	struct site_impl *v;
	size_t n, a = 0;
	struct site_px x;
	int err = 0;

	if (!o->s->cci)
		return 0;
	v = sd_site_rmf_collect(o->s, &n);
	sd_site_px_open(o, &x, "rmf", "../");
	sd_xw_attr(x.w, "cci-version", sd_site_rmf_version(o->s));
	while (a < n && !err) {
		size_t b = a;
		char fam[32], base[32], enh[32];
		char *file = sd_site_control_file(v[a].control);

		while (b < n && !strcmp(v[b].control, v[a].control))
			b++;
		if (sd_cci_control_split(v[a].control, fam, base, enh) < 0)
			snprintf(fam, sizeof(fam), "?");
		sd_xw_start(x.w, "control");
		sd_xw_attr(x.w, "family", fam);
		sd_xw_attr(x.w, "file", file);
		sd_site_attr_num(x.w, "rules", b - a);
		sd_xw_text(x.w, v[a].control);
		sd_xw_end(x.w);
		free(file);
		err = rmf_control_page(o, v, a, b);
		a = b;
	}
	if (!err)
		err = sd_site_px_finish(o, &x, "-", "rmf/index.html");
	else
		sd_site_px_finish(o, &x, "-", "rmf/index.html");
	free(v);
	return err;
}
