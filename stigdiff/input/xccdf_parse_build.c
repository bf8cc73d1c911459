/*
 * The objects the benchmark reader fills, whichever format it reads:
 * the benchmark, its rules and profiles, idents and plain texts, and the
 * attribute values and ids they are made from.
 */
#include "xccdf_parse_int.h"
#include "normalize.h"
#include "util.h"

#include <string.h>

char *sd_xp_attr(const struct sd_sax_attrs *attrs, const char *name)
{
	char *v = sd_sax_attr_dup(attrs, name);

	/* Normalized as element text is (found by fuzzing: " x " read back
	 * from the normalized form as "x"). */
	if (v)
		sd_text_normalize(v);
	return v;
}

char *sd_xp_strip_12(char *id)
{
	static const char *kinds[] = { "_group_", "_rule_", "_benchmark_",
				       "_profile_", "_value_" };

	if (!id || !sd_starts_with(id, "xccdf_"))
		return id;
	for (size_t i = 0; i < SD_ARRAY_SIZE(kinds); i++) {
		char *p = strstr(id + 6, kinds[i]);

		if (p) {
			p += strlen(kinds[i]);
			memmove(id, p, strlen(p) + 1);
			/* What follows the prefix is the id: no blanks
			 * around it either (found by fuzzing). */
			sd_text_normalize(id);
			break;
		}
	}
	return id;
}

void sd_xp_new_benchmark(struct pstate *st, const char *xccdf_version,
			 const struct sd_sax_attrs *attrs)
{
	st->b = sd_xcalloc(1, sizeof(*st->b));
	st->b->id = sd_xp_strip_12(sd_xp_attr(attrs, "id"));
	st->b->source = sd_xstrdup(st->source);
	if (xccdf_version)
		st->b->xccdf_version = sd_xstrdup(xccdf_version);
	st->b_depth = st->depth - 1; /* called after the push */
}

void sd_xp_start_rule(struct pstate *st, const struct sd_sax_attrs *attrs)
{
	struct sd_rule *r = sd_benchmark_add_rule(st->b);

	r->line = (unsigned)sd_sax_line(st->sax);
	r->rule_id = sd_xp_strip_12(sd_xp_attr(attrs, "id"));
	r->severity_raw = sd_xp_attr(attrs, "severity");
	r->severity = sd_severity_parse(r->severity_raw);
	r->weight = sd_xp_attr(attrs, "weight");
	if (st->ngroups > 0) {
		struct group_frame *g = &st->groups[st->ngroups - 1];

		if (g->id)
			r->vuln_id = sd_xstrdup(g->id);
	}
	st->rule = r;
	st->have_check = 0;
}

void sd_xp_add_profile(struct pstate *st, char *id)
{
	struct sd_benchmark *b = st->b;

	b->profiles = sd_xrealloc(b->profiles,
				  (b->nprofiles + 1) * sizeof(*b->profiles));
	b->profiles[b->nprofiles].id = id;
	b->profiles[b->nprofiles].title = NULL;
	b->nprofiles++;
	sd_strv_push(&st->profile_stack, id ? id : "");
}

void sd_xp_add_ident(struct sd_rule *r, char *system, char *value)
{
	if (system && strstr(system, "/cci") && sd_starts_with(value, "CCI-")) {
		sd_strv_push_owned(&r->ccis, value);
		free(system);
		return;
	}
	if (system && !strcmp(system, "http://cyber.mil/legacy")) {
		sd_strv_push_owned(&r->legacy, value);
		free(system);
		return;
	}
	r->idents = sd_xrealloc(r->idents,
				(r->nidents + 1) * sizeof(*r->idents));
	r->idents[r->nidents].system = system ? system : sd_xstrdup("");
	r->idents[r->nidents].value = value;
	r->nidents++;
}

void sd_xp_add_plain_text(struct sd_benchmark *b, char *id, char *text)
{
	if (id && !strcmp(id, "release-info")) {
		set_str(&b->release_info, text);
		free(id);
		return;
	}
	b->plain_texts = sd_xrealloc(b->plain_texts,
				     (b->nplain_texts + 1) *
					     sizeof(*b->plain_texts));
	b->plain_texts[b->nplain_texts].system = id ? id : sd_xstrdup("");
	b->plain_texts[b->nplain_texts].value = text;
	b->nplain_texts++;
}
