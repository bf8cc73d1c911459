/*
 * Which element is which, and what it means where it stands: the
 * element table of the benchmark reader (XCCDF 1.1 and 1.2, SCAP data
 * streams, the normalized format, matched by namespace and local name)
 * and its state machine (see enum state in xccdf_parse_int.h).
 */
#include "xccdf_parse_int.h"
#include "error.h"
#include "normalize.h"
#include "util.h"

#include <string.h>

static const struct {
	enum ns_class ns;
	const char *name;
	enum elem code;
} elem_table[] = {
	{ NS_XCCDF, "Benchmark", E_BENCHMARK },
	{ NS_XCCDF, "status", E_STATUS },
	{ NS_XCCDF, "title", E_TITLE },
	{ NS_XCCDF, "description", E_DESCRIPTION },
	{ NS_XCCDF, "plain-text", E_PLAIN_TEXT },
	{ NS_XCCDF, "version", E_VERSION },
	{ NS_XCCDF, "Profile", E_PROFILE },
	{ NS_XCCDF, "select", E_SELECT },
	{ NS_XCCDF, "Group", E_GROUP },
	{ NS_XCCDF, "Rule", E_RULE },
	{ NS_XCCDF, "ident", E_IDENT },
	{ NS_XCCDF, "fixtext", E_FIXTEXT },
	{ NS_XCCDF, "fix", E_FIX },
	{ NS_XCCDF, "check", E_CHECK },
	{ NS_XCCDF, "check-content-ref", E_CHECK_CONTENT_REF },
	{ NS_XCCDF, "check-content", E_CHECK_CONTENT },
	{ NS_SCAPDS, "data-stream-collection", E_DS_COLLECTION },
	{ NS_NORM, SD_NORM_ROOT, E_N_ROOT },
	{ NS_NORM, "benchmark", E_N_BENCHMARK },
	{ NS_NORM, "profile", E_N_PROFILE },
	{ NS_NORM, "rule", E_N_RULE },
	{ NS_NORM, "cci", E_N_CCI },
	{ NS_NORM, "legacy", E_N_LEGACY },
	{ NS_NORM, "ident", E_N_IDENT },
	{ NS_NORM, "profile-ref", E_N_PROFILE_REF },
	{ NS_NORM, "plain-text", E_N_PLAIN_TEXT },
	{ NS_NORM, "status", E_N_STATUS },
};

_Static_assert(SD_ARRAY_SIZE(elem_table) == XP_NELEMS,
	       "XP_NELEMS counts the element table");

void sd_xp_intern(struct pstate *st)
{
	for (size_t i = 0; i < XP_NELEMS; i++)
		st->interned[i] = sd_sax_intern(st->sax, elem_table[i].name);
}

static enum ns_class ns_of(const char *uri)
{
	if (!uri)
		return NS_XCCDF; /* unqualified XCCDF 1.1, seen in the wild */
	if (!strcmp(uri, NS_XCCDF11) || !strcmp(uri, NS_XCCDF12))
		return NS_XCCDF;
	if (!strcmp(uri, NS_DS))
		return NS_SCAPDS;
	if (!strcmp(uri, SD_NORM_NS))
		return NS_NORM;
	return NS_OTHER;
}

/*
 * Element names arrive interned in the parser's dictionary, as do the
 * table's (sd_xp_intern()), so pointers are compared first; a name the
 * dictionary does not own is compared as text.
 */
enum elem sd_xp_lookup(struct pstate *st, const char *local,
		       const char *uri)
{
	enum ns_class ns;
	int owned;

	if (uri != st->last_uri || !uri) {
		st->last_uri = uri;
		st->last_ns = ns_of(uri);
	}
	ns = st->last_ns;
	if (ns == NS_OTHER)
		return E_OTHER;
	owned = sd_sax_interned(st->sax, local);
	for (size_t i = 0; i < XP_NELEMS; i++)
		if (elem_table[i].ns == ns &&
		    (owned ? local == st->interned[i]
			   : !strcmp(elem_table[i].name, local)))
			return elem_table[i].code;
	/* Every other normalized element is a field (sd_xp_next_state()
	 * says where). */
	return ns == NS_NORM ? E_N_FIELD : E_OTHER;
}

static const char *elem_name(enum elem e)
{
	for (size_t i = 0; i < XP_NELEMS; i++)
		if (elem_table[i].code == e)
			return elem_table[i].name;
	return NULL;
}

void sd_xp_misplaced(struct pstate *st, const char *local)
{
	const char *up = st->depth > 0
		? elem_name((enum elem)st->stack[st->depth - 1].elem) : NULL;

	/* Read again as Windows-1252: said already, up to where the first
	 * reading stopped. */
	if (st->att->force_enc && sd_sax_line(st->sax) <= st->att->line)
		return;
	if (++st->misplaced > MAX_PLACE_WARNINGS)
		return;
	if (up)
		sd_warn("%s:%d: <%s> is out of place in <%s>: ignored",
			st->source, sd_sax_line(st->sax), local, up);
	else
		sd_warn("%s:%d: <%s> is out of place: ignored", st->source,
			sd_sax_line(st->sax), local);
}

/* See xccdf_parse_int.h; the formats' rules of nesting in one place. */
enum state sd_xp_next_state(enum state up, enum elem e, int *bad)
{
	*bad = 0;
	switch (up) {
	case S_DOC:
		return e == E_BENCHMARK ? S_BENCH
		       : e == E_DS_COLLECTION ? S_OUTSIDE
		       : e == E_N_ROOT ? S_N_ROOT : S_IGNORE;
	case S_IGNORE:
	case S_SKIP:
		return up;
	case S_OUTSIDE:
		/* Data streams wrap benchmarks in their own elements. */
		if (e == E_BENCHMARK)
			return S_BENCH;
		if (e == E_OTHER || e == E_DS_COLLECTION)
			return S_OUTSIDE;
		break;
	case S_TEXT:
	case S_MARKUP:
		if (e == E_OTHER)
			return S_MARKUP;
		break;
	case S_BENCH:
		switch (e) {
		case E_STATUS: case E_TITLE: case E_DESCRIPTION:
		case E_PLAIN_TEXT: case E_VERSION:
			return S_TEXT;
		case E_PROFILE: return S_PROFILE;
		case E_GROUP: return S_GROUP;
		case E_RULE: return S_RULE;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_PROFILE:
		switch (e) {
		case E_TITLE: return S_TEXT;
		case E_SELECT: case E_STATUS: case E_DESCRIPTION:
		case E_VERSION: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_GROUP:
		switch (e) {
		case E_TITLE: return S_TEXT;
		case E_GROUP: return S_GROUP;
		case E_RULE: return S_RULE;
		case E_STATUS: case E_DESCRIPTION: case E_VERSION:
		case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_RULE:
		switch (e) {
		case E_TITLE: case E_DESCRIPTION: case E_VERSION:
		case E_IDENT: case E_FIXTEXT:
			return S_TEXT;
		case E_CHECK: return S_CHECK;
		case E_FIX: case E_STATUS: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_CHECK:
		switch (e) {
		case E_CHECK_CONTENT: return S_TEXT;
		case E_CHECK_CONTENT_REF: case E_OTHER:
			return S_IGNORE;
		default: break;
		}
		break;
	case S_N_ROOT:
		if (e == E_N_BENCHMARK)
			return S_N_BENCH;
		if (e == E_OTHER)
			return S_IGNORE;
		break;
	case S_N_BENCH:
		switch (e) {
		case E_N_FIELD: case E_N_PLAIN_TEXT: case E_N_STATUS:
			return S_TEXT;
		case E_N_PROFILE: return S_N_PROFILE;
		case E_N_RULE: return S_N_RULE;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_N_RULE:
		switch (e) {
		case E_N_FIELD: case E_N_CCI: case E_N_LEGACY:
		case E_N_IDENT: case E_N_PROFILE_REF:
			return S_TEXT;
		case E_OTHER: return S_IGNORE;
		default: break;
		}
		break;
	case S_N_PROFILE:
		if (e == E_N_FIELD)
			return S_TEXT;
		if (e == E_OTHER)
			return S_IGNORE;
		break;
	}
	*bad = 1;
	return S_IGNORE;
}
