/*
 * The migration report (migrate.h) as one self-contained HTML page for
 * sharing: no script, no file beside it, the style inline. The same order
 * as the Markdown: per STIG what to re-check (each with why, a changed
 * check's word diff as <del>/<ins>), the work that could not be carried
 * in full, then the counts and every rule.
 */
#include "migrate.h"
#include "buf.h"
#include "error.h"
#include "xmlw.h"

#include <string.h>

static const char style[] =
	"body{font:15px/1.45 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}"
	"h1,h2,h3{line-height:1.2}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}"
	"table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}"
	"pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;overflow-wrap:anywhere}"
	"del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:none}"
	".why{font-weight:600}.muted{color:#666}li{margin:.3em 0}";

static void text(struct sd_buf *b, const char *s)
{
	sd_xml_escape(b, s ? s : "", SD_XML_GT);
}

static void elem(struct sd_buf *b, const char *tag, const char *s)
{
	sd_buf_addf(b, "<%s>", tag);
	text(b, s);
	sd_buf_addf(b, "</%s>", tag);
}

/* A word diff written with [-old-] and {+new+} as <del> and <ins>. */
static void word_diff(struct sd_buf *b, const char *s)
{
	struct sd_buf run = SD_BUF_INIT;

	sd_buf_addstr(b, "<pre>");
	while (*s) {
		const char *open = s[0] == '[' && s[1] == '-' ? "-]"
				 : s[0] == '{' && s[1] == '+' ? "+}" : NULL;
		const char *end = open ? strstr(s + 2, open) : NULL;

		if (!end) {
			sd_buf_addch(&run, *s++);
			continue;
		}
		text(b, run.ptr);
		sd_buf_reset(&run);
		sd_buf_addstr(b, open[0] == '-' ? "<del>" : "<ins>");
		sd_buf_add(&run, s + 2, (size_t)(end - s - 2));
		text(b, run.ptr);
		sd_buf_reset(&run);
		sd_buf_addstr(b, open[0] == '-' ? "</del>" : "</ins>");
		s = end + 2;
	}
	text(b, run.ptr);
	sd_buf_addstr(b, "</pre>\n");
	sd_buf_release(&run);
}

static const char *get(const struct sd_cl_vuln *v, const char *name)
{
	const char *s = sd_cl_vuln_get(v, name);

	return s ? s : "";
}

static void rule_name(struct sd_buf *b, const struct sd_mig_row *w)
{
	if (w->new_rule) {
		text(b, w->new_rule->vuln_id);
		sd_buf_addch(b, ' ');
		text(b, w->new_rule->stig_id);
	}
	if (w->has_old) {
		sd_buf_addstr(b, w->new_rule ? " <span class=\"muted\">from " : "");
		text(b, get(&w->old, "Vuln_Num"));
		sd_buf_addch(b, ' ');
		text(b, get(&w->old, "Rule_Ver"));
		sd_buf_addstr(b, w->new_rule ? "</span>" : "");
	}
}

static void recheck(struct sd_buf *b, const struct sd_mig_stig *s)
{
	struct sd_buf why = SD_BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < s->nrows; i++) {
		sd_buf_reset(&why);
		n += sd_mig_row_recheck(&s->rows[i], &why) > 0;
	}
	sd_buf_addf(b, "<h3>Re-check these %zu rule%s</h3>\n<ul>\n", n,
		    n == 1 ? "" : "s");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];

		sd_buf_reset(&why);
		if (!sd_mig_row_recheck(w, &why))
			continue;
		sd_buf_addstr(b, "<li><b>");
		rule_name(b, w);
		sd_buf_addstr(b, "</b>: <span class=\"why\">");
		text(b, why.ptr);
		sd_buf_addstr(b, "</span>; status ");
		text(b, w->status_after);
		if (w->new_rule && w->new_rule->title) {
			sd_buf_addstr(b, ". ");
			text(b, w->new_rule->title);
		}
		if (w->check_diff) {
			sd_buf_addstr(b, "<br><span class=\"muted\">Check text changed (old text from the ");
			text(b, w->check_source ? w->check_source : "checklist");
			sd_buf_addstr(b, "):</span>\n");
			word_diff(b, w->check_diff);
		}
		sd_buf_addstr(b, "</li>\n");
	}
	sd_buf_addstr(b, "</ul>\n");
	sd_buf_release(&why);
}

static void not_carried(struct sd_buf *b, const struct sd_mig_stig *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->nrows; i++)
		n += sd_mig_row_lost(&s->rows[i]) &&
		     sd_cl_vuln_has_assessment(&s->rows[i].old);
	if (!n)
		return;
	sd_buf_addf(b, "<h3>Could not carry %zu rule%s</h3>\n", n,
		    n == 1 ? "" : "s");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];
		const struct sd_cl_vuln *o = &w->old;

		if (!sd_mig_row_lost(w) || !sd_cl_vuln_has_assessment(o))
			continue;
		sd_buf_addstr(b, "<h4>");
		text(b, get(o, "Vuln_Num"));
		sd_buf_addch(b, ' ');
		text(b, get(o, "Rule_Ver"));
		sd_buf_addstr(b, ": ");
		text(b, sd_mig_decision_name(w->decision));
		sd_buf_addstr(b, "</h4>\n<ul>");
		sd_buf_addstr(b, "<li>Title: ");
		text(b, get(o, "Rule_Title"));
		sd_buf_addstr(b, "</li><li>Severity: ");
		text(b, get(o, "Severity"));
		sd_buf_addstr(b, "</li><li>Status: ");
		text(b, o->field[SD_CL_STATUS]);
		if (!sd_cl_blank(o->field[SD_CL_SEVERITY_OVERRIDE])) {
			sd_buf_addstr(b, "</li><li>Severity override: ");
			text(b, o->field[SD_CL_SEVERITY_OVERRIDE]);
			sd_buf_addstr(b, "; justification: ");
			text(b, o->field[SD_CL_SEVERITY_JUSTIFICATION]);
		}
		sd_buf_addstr(b, "</li></ul>\n");
		if (!sd_cl_blank(o->field[SD_CL_FINDING_DETAILS])) {
			sd_buf_addstr(b, "<p>Finding details:</p>");
			elem(b, "pre", o->field[SD_CL_FINDING_DETAILS]);
			sd_buf_addch(b, '\n');
		}
		if (!sd_cl_blank(o->field[SD_CL_COMMENTS])) {
			sd_buf_addstr(b, "<p>Comments:</p>");
			elem(b, "pre", o->field[SD_CL_COMMENTS]);
			sd_buf_addch(b, '\n');
		}
	}
}

static void rules(struct sd_buf *b, const struct sd_mig_stig *s)
{
	sd_buf_addstr(b, "<h3>Counts</h3>\n<table>\n");
	for (int d = 0; d < SD_MIG_NDECISIONS; d++)
		sd_buf_addf(b, "<tr><td>%s</td><td>%zu</td></tr>\n",
			    sd_mig_decision_name(d), s->count[d]);
	sd_buf_addstr(b, "</table>\n<h3>Rules</h3>\n<table>\n<tr><th>decision</th>"
			 "<th>rule</th><th>match</th><th>score</th><th>status</th>"
			 "<th>evidence</th></tr>\n");
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sd_mig_row *w = &s->rows[i];

		sd_buf_addstr(b, "<tr>");
		elem(b, "td", sd_mig_decision_name(w->decision));
		sd_buf_addstr(b, "<td>");
		rule_name(b, w);
		sd_buf_addstr(b, "</td>");
		elem(b, "td", w->kind);
		if (w->kind)
			sd_buf_addf(b, "<td>%.2f</td>", w->score);
		else
			sd_buf_addstr(b, "<td></td>");
		sd_buf_addstr(b, "<td>");
		if (w->status_before && w->status_after &&
		    strcmp(w->status_before, w->status_after)) {
			text(b, w->status_before);
			sd_buf_addstr(b, " &#8594; ");
		}
		text(b, w->status_after ? w->status_after : w->status_before);
		sd_buf_addstr(b, "</td>");
		elem(b, "td", w->evidence);
		sd_buf_addstr(b, "</tr>\n");
	}
	sd_buf_addstr(b, "</table>\n");
}

int sd_mig_report_html(const struct sd_mig_report *r, FILE *fp)
{
	struct sd_buf b = SD_BUF_INIT;
	int err = 0;

	sd_buf_addf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Checklist migration</title>\n"
		    "<style>%s</style>\n</head>\n<body>\n<h1>Checklist migration</h1>\n<ul>\n",
		    style);
	sd_buf_addstr(&b, "<li>Old checklist: <code>");
	text(&b, r->source);
	sd_buf_addstr(&b, "</code></li>\n<li>New checklist: ");
	if (r->output) {
		sd_buf_addstr(&b, "<code>");
		text(&b, r->output);
		sd_buf_addstr(&b, "</code>");
	} else {
		sd_buf_addstr(&b, "not written (no -o)");
	}
	sd_buf_addstr(&b, "</li>\n</ul>\n");
	for (size_t i = 0; i < r->nstigs; i++) {
		const struct sd_mig_stig *s = &r->stigs[i];

		sd_buf_addstr(&b, "<h2>");
		text(&b, s->old_id);
		sd_buf_addf(&b, " %s", s->old_vr ? s->old_vr : "");
		if (!s->migrated) {
			sd_buf_addstr(&b, "</h2>\n<p>Left as it was: ");
			text(&b, s->reason);
			sd_buf_addstr(&b, "</p>\n");
			continue;
		}
		sd_buf_addstr(&b, " &#8594; ");
		text(&b, s->new_id);
		sd_buf_addf(&b, " %s</h2>\n", s->new_vr ? s->new_vr : "");
		recheck(&b, s);
		not_carried(&b, s);
		rules(&b, s);
	}
	sd_buf_addstr(&b, "</body>\n</html>\n");
	if (fwrite(b.ptr, 1, b.len, fp) != b.len)
		err = sd_write_failed("the report");
	sd_buf_release(&b);
	return err;
}
