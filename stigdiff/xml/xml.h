/*
 * Process-wide set-up of libxml2, called once by main(): parser
 * initialisation, an entity loader that refuses every non-local URL, no
 * message printed by libxml2 itself (readers report errors in one line
 * of their own), and the final clean-up.
 */
#ifndef SD_XML_H
#define SD_XML_H

#include <stddef.h>

void sd_xml_init(void);
void sd_xml_shutdown(void);

/*
 * A libxml2 error message (NULL: none) as one line in out[n]: trailing
 * blanks dropped, line breaks inside ("...\nBytes: 0xE9") made spaces.
 */
void sd_xml_one_line(const char *message, char *out, size_t n);

/*
 * An untrusted document read into a tree the one way every tree reader
 * must: an entity declaration is refused naming its line, no network, no
 * DTD loaded, no entity substituted, and libxml2's first error becomes
 * one line "SOURCE:LINE: message". Returns 0 with *out the document (the
 * caller frees it), or SD_EPARSE with the error set and *out NULL.
 */
struct _xmlDoc;
int sd_xml_read_tree(const char *data, size_t len, const char *source,
		     struct _xmlDoc **out);

#endif
