/*
 * DISA's CCI list compiled in (corpus/cci/U_CCI_List.xml as parsed by
 * cci.c at build time; corpus/cci/embed.c writes build/gen/cci_table.c).
 * Every string is an offset into one block of text, so the table holds
 * no pointer: nothing to relocate when the binary starts, and pages are
 * read only by the commands that use them. Only cci.c and the generator
 * include this header.
 */
#ifndef SD_CCI_TABLE_H
#define SD_CCI_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* An absent string (a NULL field). */
#define SD_CCI_TABLE_NONE UINT32_MAX

/* One item; `ref` is its first reference in the refs array. */
struct sd_cci_table_item {
	uint32_t id, status, type, definition, date;
	uint32_t ref, nrefs;
};

struct sd_cci_table_ref {
	uint32_t rev, control, text;
};

/* Items sorted as sd_cci_find() searches them (ids without case). */
struct sd_cci_table {
	const char *text;
	const struct sd_cci_table_item *items;
	size_t nitems;
	const struct sd_cci_table_ref *refs;
	size_t nrefs;
	uint32_t version;
};

extern const struct sd_cci_table sd_cci_table;

#endif
