/*
 * What the elements of XCCDF 1.1 and 1.2 benchmarks (alone or inside
 * SCAP source data streams) mean to the reader: the Benchmark, its
 * Profiles and their selections, Groups, Rules and their checks, fixes,
 * idents and text fields. Which element is allowed where is decided
 * before (xccdf_parse_elems.c); here an element only fills its object.
 */
#include "xccdf_parse_int.h"

#include <string.h>

/* A Profile's <select>: kept for the end of the benchmark when it selects. */
static void add_selection(struct pstate *st, const struct sd_sax_attrs *attrs)
{
	char *idref = sd_xp_strip_12(sd_xp_attr(attrs, "idref"));
	char *sel = sd_xp_attr(attrs, "selected");

	if (idref && (!sel || !strcmp(sel, "true") || !strcmp(sel, "1"))) {
		SD_ALLOC_GROW(st->sel, st->nsel, st->sel_cap);
		st->sel[st->nsel].profile = sd_xstrdup(
			st->profile_stack.v[st->profile_stack.n - 1]);
		st->sel[st->nsel++].idref = idref;
		idref = NULL;
	}
	free(idref);
	free(sel);
}

void sd_xp_end_group(struct pstate *st)
{
	struct group_frame *g = &st->groups[st->ngroups - 1];

	/* Rules read before the Group's title still get it. */
	for (size_t i = g->first_rule; i < st->b->nrules; i++) {
		struct sd_rule *r = &st->b->rules[i];

		if (!r->vuln_id && g->id)
			r->vuln_id = sd_xstrdup(g->id);
		if (!r->group_title && g->title) {
			r->group_title = sd_xstrdup(g->title);
			sd_rule_derive_ids(r);
		}
	}
	free(g->id);
	free(g->title);
	st->ngroups--;
}

void sd_xp_xccdf_start(struct pstate *st, enum state s, enum elem e,
		       enum state up, const char *uri,
		       const struct sd_sax_attrs *attrs)
{
	switch (s) {
	case S_BENCH:
		sd_xp_new_benchmark(st,
				    uri && !strcmp(uri, NS_XCCDF12) ? "1.2"
								    : "1.1",
				    attrs);
		break;
	case S_PROFILE:
		sd_xp_add_profile(st, sd_xp_strip_12(sd_xp_attr(attrs, "id")));
		break;
	case S_GROUP:
		st->groups[st->ngroups].id =
			sd_xp_strip_12(sd_xp_attr(attrs, "id"));
		st->groups[st->ngroups].title = NULL;
		st->groups[st->ngroups].first_rule = st->b->nrules;
		st->ngroups++;
		break;
	case S_RULE:
		sd_xp_start_rule(st, attrs);
		break;
	case S_CHECK:
		set_str(&st->rule->check_system, sd_xp_attr(attrs, "system"));
		break;
	case S_TEXT:
		if (e == E_STATUS)
			set_str(&st->b->status_date, sd_xp_attr(attrs, "date"));
		else if (e == E_PLAIN_TEXT)
			set_str(&st->attr_a, sd_xp_attr(attrs, "id"));
		else if (e == E_IDENT)
			set_str(&st->attr_a, sd_xp_attr(attrs, "system"));
		else if (e == E_FIXTEXT && !st->rule->fix_id)
			st->rule->fix_id = sd_xp_attr(attrs, "fixref");
		break;
	case S_IGNORE:
		if (e == E_SELECT && up == S_PROFILE)
			add_selection(st, attrs);
		else if (e == E_FIX && up == S_RULE && !st->rule->fix_id)
			st->rule->fix_id = sd_xp_attr(attrs, "id");
		else if (e == E_CHECK_CONTENT_REF && up == S_CHECK) {
			set_str(&st->rule->check_ref_name,
				sd_xp_attr(attrs, "name"));
			set_str(&st->rule->check_ref_href,
				sd_xp_attr(attrs, "href"));
		}
		break;
	default:
		break;
	}
}

void sd_xp_xccdf_text(struct pstate *st, enum elem e, enum state up,
		      char *text)
{
	struct sd_benchmark *b = st->b;
	struct sd_rule *r = st->rule;

	switch (e) {
	case E_STATUS:
		set_str(&b->status, text);
		return;
	case E_TITLE:
		if (up == S_BENCH)
			set_str(&b->title, text);
		else if (up == S_RULE)
			set_str(&r->title, text);
		else if (up == S_GROUP)
			set_str(&st->groups[st->ngroups - 1].title, text);
		else /* S_PROFILE */
			set_str(&b->profiles[b->nprofiles - 1].title, text);
		return;
	case E_DESCRIPTION:
		if (up == S_BENCH) {
			set_str(&b->description, text);
			return;
		}
		sd_rule_parse_description(r, text);
		break;
	case E_VERSION:
		set_str(up == S_BENCH ? &b->version : &r->stig_id, text);
		return;
	case E_PLAIN_TEXT:
		sd_xp_add_plain_text(b, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_IDENT:
		sd_xp_add_ident(r, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_FIXTEXT:
		if (!r->fix_text) {
			r->fix_text = text;
			return;
		}
		break;
	case E_CHECK_CONTENT:
		if (!r->check_content) {
			r->check_content = text;
			return;
		}
		break;
	default:
		break;
	}
	free(text);
}
