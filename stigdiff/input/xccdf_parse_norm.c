/*
 * What the elements of this project's normalized documents (the
 * benchmark as `stigdiff normalize` writes it, xslt/normalized.rng) mean
 * to the reader: one element per field, read back into the same objects
 * an XCCDF benchmark fills.
 */
#include "xccdf_parse_int.h"

#include <string.h>

static const struct sd_sax_attrs no_attrs = { NULL, 0 };

void sd_xp_norm_start(struct pstate *st, enum state s, enum elem e,
		      const struct sd_sax_attrs *attrs)
{
	switch (s) {
	case S_N_BENCH:
		sd_xp_new_benchmark(st, NULL, attrs);
		st->b->xccdf_version = sd_xp_attr(attrs, "xccdf-version");
		break;
	case S_N_PROFILE:
		sd_xp_add_profile(st, sd_xp_strip_12(sd_xp_attr(attrs, "id")));
		break;
	case S_N_RULE:
		sd_xp_start_rule(st, &no_attrs);
		free(st->rule->vuln_id);
		st->rule->vuln_id = sd_xp_attr(attrs, "vuln-id");
		break;
	case S_TEXT:
		if (e == E_N_STATUS)
			set_str(&st->b->status_date, sd_xp_attr(attrs, "date"));
		else if (e == E_N_PLAIN_TEXT)
			set_str(&st->attr_a, sd_xp_attr(attrs, "id"));
		else if (e == E_N_IDENT)
			set_str(&st->attr_a, sd_xp_attr(attrs, "system"));
		break;
	default:
		break;
	}
}

/* A field of a normalized benchmark or rule, by element name. */
static void set_norm_field(struct pstate *st, enum state up,
			   const char *name, char *text)
{
	struct sd_benchmark *b = st->b;

	if (up == S_N_RULE) {
		const struct sd_rule_field *f = sd_rule_field_find(name);

		if (f) {
			set_str(&SD_RULE_FIELD(st->rule, f), text);
			return;
		}
		if (!strcmp(name, "severity")) {
			set_str(&st->rule->severity_raw, text);
			st->rule->severity = sd_severity_parse(text);
			return;
		}
	} else if (up == S_N_PROFILE) {
		if (!strcmp(name, "title") && b->nprofiles) {
			set_str(&b->profiles[b->nprofiles - 1].title, text);
			return;
		}
	} else if (!strcmp(name, "title")) {
		set_str(&b->title, text);
		return;
	} else if (!strcmp(name, "description")) {
		set_str(&b->description, text);
		return;
	} else if (!strcmp(name, "version-text")) {
		set_str(&b->version, text);
		return;
	} else if (!strcmp(name, "release-info")) {
		set_str(&b->release_info, text);
		return;
	} else if (!strcmp(name, "date")) {
		set_str(&b->date, text);
		return;
	} else if (!strcmp(name, "source")) {
		set_str(&b->source, text);
		return;
	} else if (!strcmp(name, "version")) {
		b->v = atoi(text);
	} else if (!strcmp(name, "release")) {
		b->r = atoi(text);
	}
	/* Derived (category, version-label) and unknown fields: dropped. */
	free(text);
}

void sd_xp_norm_text(struct pstate *st, enum elem e, enum state up,
		     const char *local, char *text)
{
	struct sd_rule *r = st->rule;

	switch (e) {
	case E_N_STATUS:
		set_str(&st->b->status, text);
		return;
	case E_N_PLAIN_TEXT:
		sd_xp_add_plain_text(st->b, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_N_IDENT:
		sd_xp_add_ident(r, st->attr_a, text);
		st->attr_a = NULL;
		return;
	case E_N_CCI:
		sd_strv_push_owned(&r->ccis, text);
		return;
	case E_N_LEGACY:
		sd_strv_push_owned(&r->legacy, text);
		return;
	case E_N_PROFILE_REF:
		sd_strv_push_owned(&r->profiles, text);
		return;
	case E_N_FIELD:
		set_norm_field(st, up, local, text);
		return;
	default:
		break;
	}
	free(text);
}
