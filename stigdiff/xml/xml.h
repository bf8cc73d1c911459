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
 * An attribute value as libxml2's SAX2 reader hands it over when entities
 * are not substituted (every stigdiff reader): [value, value + len), in
 * which a '&' (written &amp; or &#38;) arrives as the text "&#38;" and
 * everything else is decoded. Returns the value as a new string.
 */
char *sd_xml_attr_dup(const char *value, size_t len);

/*
 * After a push parse whose handlers reported nothing: 0 when the parser
 * (an xmlParserCtxtPtr) ended well-formed, else SD_EPARSE with
 * "source:line: why" in the error slot. `chunk_rc` is the first nonzero
 * value xmlParseChunk() returned (0 if none): a document whose bytes are
 * not in its declared encoding fails only there, reaching no handler.
 */
int sd_xml_check_end(void *parser, int chunk_rc, const char *source);

#endif
