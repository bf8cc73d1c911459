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

#endif
