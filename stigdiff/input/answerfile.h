/*
 * Evaluate-STIG answer files: <STIGComments Name="STIG short name">
 * holding <Vuln ID="V-n"> (or a rule id, "SV-nrm_rule") elements, each
 * with <AnswerKey Name> elements of <Answer> (ExpectedStatus, validation
 * code, statuses and comments to set). Read through libxml2's tree API so
 * a rewrite keeps everything but what it changes: comments, validation
 * code, unknown elements, their order. Untrusted input, read as the
 * .ckl reader reads: no network, no DTD, no entity declared.
 *
 * Edits are by Vuln index; an index stays valid after any edit (a
 * removed Vuln keeps its index, with no element behind it).
 */
#ifndef SD_ANSWERFILE_H
#define SD_ANSWERFILE_H

#include <stddef.h>
#include <stdio.h>

struct sd_af_vuln {
	char *id;      /* the ID attribute as read (NULL: none) */
	unsigned line;
	void *node;    /* its element; NULL once removed */
	size_t nanswers; /* <Answer> elements (and AnswerKeys without any) */
};

struct sd_answerfile {
	char *source;
	char *name;    /* STIGComments Name, or NULL */
	struct sd_af_vuln *v;
	size_t n, cap;
	void *doc;
};

/*
 * Read the answer file `path` (a regular file; text fields over
 * `max_field` bytes, 0: 8 MiB, refused). Returns 0 and *out (free with
 * sd_answerfile_free), or a negative code with "path:line: why".
 */
int sd_answerfile_load(const char *path, size_t max_field,
		       struct sd_answerfile **out);
void sd_answerfile_free(struct sd_answerfile *af);

/* Vuln i as XML text (a new string), for reports; "" once removed. */
char *sd_af_vuln_xml(const struct sd_answerfile *af, size_t i);
/* Set Vuln i's ID. */
void sd_af_set_id(struct sd_answerfile *af, size_t i, const char *id);
/* A copy of Vuln i, with ID `id`, right after it (or after the copies
 * already made); returns the copy's index. */
size_t sd_af_copy(struct sd_answerfile *af, size_t i, const char *id);
/* Remove Vuln i from the document. */
void sd_af_remove(struct sd_answerfile *af, size_t i);
/* Put a comment ("<!--text-->", "--" made "- -") first in Vuln i. */
void sd_af_comment(struct sd_answerfile *af, size_t i, const char *text);
/*
 * Move the AnswerKeys of Vuln `src` into Vuln `dst` and remove `src`;
 * a key whose Name `dst` already has stays behind, and then `src` is
 * kept. Returns how many keys stayed behind.
 */
size_t sd_af_merge(struct sd_answerfile *af, size_t dst, size_t src);
/* Write the document to `fp`. Returns 0 or SD_EIO. */
int sd_answerfile_write(const struct sd_answerfile *af, FILE *fp);

#endif
