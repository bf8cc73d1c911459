/* The SAX harness every XML reader stands on (xml/sax.h): what reaches a
 * reader's callbacks, what is refused, and the one-line errors naming
 * the document and line. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "sax.h"
#include "testutil.h"

/* A reader that writes down what it is told. */
struct trace {
	struct sd_sax *sax;
	struct sd_buf out;
	const char *stop_at;   /* sd_sax_stop(0) at this element */
	const char *fail_at;   /* sd_sax_fail() at this element */
	const char *interned;  /* sd_sax_intern("a") */
	int same_pointer;      /* an <a> arrived as that very pointer */
};

static void t_start(void *ctx, const char *local, const char *uri,
		    const struct sd_sax_attrs *attrs)
{
	struct trace *t = ctx;
	char *x = sd_sax_attr_dup(attrs, "x");
	size_t len;

	sd_buf_addf(&t->out, "<%s%s%s %d", local, uri ? " " : "",
		    uri ? uri : "", sd_sax_depth(t->sax));
	if (x)
		sd_buf_addf(&t->out, " x=[%s]", x);
	if (sd_sax_attr(attrs, "y", &len))
		sd_buf_addf(&t->out, " y=%zu", len);
	sd_buf_addf(&t->out, ">");
	free(x);
	if (t->interned && !strcmp(local, "a") &&
	    sd_sax_interned(t->sax, local) && local == t->interned)
		t->same_pointer = 1;
	if (t->stop_at && !strcmp(local, t->stop_at))
		sd_sax_stop(t->sax, 0);
	if (t->fail_at && !strcmp(local, t->fail_at))
		sd_sax_fail(t->sax, SD_EPARSE, "no <%s> here", local);
}

static void t_end(void *ctx, const char *local, const char *uri)
{
	struct trace *t = ctx;

	(void)uri;
	sd_buf_addf(&t->out, "</%s %d>", local, sd_sax_depth(t->sax));
}

static void t_text(void *ctx, const char *text, size_t len)
{
	sd_buf_add(&((struct trace *)ctx)->out, text, len);
}

static const struct sd_sax_handler handler = { t_start, t_end, t_text };

/* Parse `doc` from memory; the trace in t->out. */
static int parse(struct trace *t, const char *doc, size_t len,
		 const char *encoding, int max_depth)
{
	struct sd_sax_opts o = { "mem.xml", encoding, max_depth };
	int err;

	sd_buf_init(&t->out);
	ck_assert_int_eq(sd_sax_new(&t->sax, &handler, t, &o), 0);
	t->interned = sd_sax_intern(t->sax, "a");
	err = sd_sax_parse_memory(t->sax, doc, len);
	return err;
}

static void done(struct trace *t)
{
	sd_sax_free(t->sax);
	sd_buf_release(&t->out);
}

START_TEST(test_sax__names_attributes_and_text_reach_the_reader)
{
	static const char doc[] =
		"<r xmlns=\"urn:r\"><a x=\"1 &amp; 2 &lt;\" p:y=\"no\" "
		"xmlns:p=\"urn:p\" y=\"yes\">hi<![CDATA[ <there>]]></a>"
		"<b xmlns=\"\"/></r>";
	struct trace t = { 0 };

	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, NULL, 0), 0);
	ck_assert_str_eq(t.out.ptr, "<r urn:r 1><a urn:r 2 x=[1 & 2 <] y=3>"
				    "hi <there></a 2><b 2></b 2></r 1>");
	ck_assert(t.same_pointer);
	done(&t);
}
END_TEST

START_TEST(test_sax__entity_declarations_are_refused_naming_the_line)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n"
				  "<!DOCTYPE r [\n"
				  "<!ENTITY a \"x\">\n"
				  "]>\n<r>&a;</r>\n";
	struct trace t = { 0 };

	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, NULL, 0), SD_EPARSE);
	ck_assert_str_eq(sd_error_last(), "mem.xml:3: entity declaration 'a' "
					  "refused (entities are not allowed)");
	ck_assert_ptr_null(strstr(t.out.ptr ? t.out.ptr : "", "x"));
	done(&t);
}
END_TEST

START_TEST(test_sax__nesting_deeper_than_the_limit_fails)
{
	static const char ok[] = "<a><b><c/></b></a>";
	static const char deep[] = "<a><b><c>\n<d/></c></b></a>";
	struct trace t = { 0 };

	ck_assert_int_eq(parse(&t, ok, sizeof(ok) - 1, NULL, 3), 0);
	done(&t);
	ck_assert_int_eq(parse(&t, deep, sizeof(deep) - 1, NULL, 3),
			 SD_ELIMIT);
	ck_assert_str_eq(sd_error_last(),
			 "mem.xml:2: elements nested deeper than 3");
	done(&t);
}
END_TEST

START_TEST(test_sax__broken_documents_fail_in_one_line)
{
	static const char cut[] = "<r>\n<a>text";
	static const char bad[] = "<r>\n<a></b></r>";
	struct trace t = { 0 };

	ck_assert_int_eq(parse(&t, cut, sizeof(cut) - 1, NULL, 0), SD_EPARSE);
	ck_assert_str_eq(sd_error_last(),
			 "mem.xml:2: document ends inside an element (truncated?)");
	done(&t);
	ck_assert_int_eq(parse(&t, bad, sizeof(bad) - 1, NULL, 0), SD_EPARSE);
	ck_assert_msg(!strncmp(sd_error_last(), "mem.xml:2: Opening and ending "
				"tag mismatch", 39), "%s", sd_error_last());
	ck_assert_ptr_null(strchr(sd_error_last(), '\n'));
	done(&t);
	ck_assert_int_eq(parse(&t, "", 0, NULL, 0), SD_EPARSE);
	ck_assert_str_eq(sd_error_last(), "mem.xml: empty file");
	done(&t);
}
END_TEST

START_TEST(test_sax__a_reader_stops_quietly_or_with_its_own_error)
{
	/* Stopped at <b>: nothing after it is read, not even the broken
	 * end, and the parse succeeds. */
	static const char doc[] = "<r><a/>\n<b/><c/></oops>";
	struct trace t = { 0 };

	t.stop_at = "b";
	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, NULL, 0), 0);
	ck_assert_str_eq(t.out.ptr, "<r 1><a 2></a 2>\n<b 2>");
	done(&t);
	memset(&t, 0, sizeof(t));
	t.fail_at = "b";
	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, NULL, 0), SD_EPARSE);
	ck_assert_str_eq(sd_error_last(), "mem.xml:2: no <b> here");
	ck_assert_ptr_null(strstr(t.out.ptr, "<c"));
	done(&t);
}
END_TEST

START_TEST(test_sax__bytes_not_utf8_are_flagged_and_read_when_forced)
{
	static const char doc[] = "<r>\ncaf\xe9</r>";
	struct trace t = { 0 };
	int line = 0;

	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, NULL, 0), SD_EPARSE);
	ck_assert(sd_sax_not_utf8(t.sax, &line));
	ck_assert_int_eq(line, 2);
	ck_assert_msg(!strncmp(sd_error_last(), "mem.xml:2: ", 11), "%s",
		      sd_error_last());
	ck_assert_ptr_null(strchr(sd_error_last(), '\n'));
	done(&t);
	ck_assert_int_eq(parse(&t, doc, sizeof(doc) - 1, "windows-1252", 0), 0);
	ck_assert_str_eq(t.out.ptr, "<r 1>\ncaf\xc3\xa9</r 1>");
	ck_assert(!sd_sax_not_utf8(t.sax, &line));
	done(&t);
}
END_TEST

/* Counts elements, for documents too big to trace. */
static void count_start(void *ctx, const char *local, const char *uri,
			const struct sd_sax_attrs *attrs)
{
	(void)local;
	(void)uri;
	(void)attrs;
	(*(size_t *)ctx)++;
}

START_TEST(test_sax__a_descriptor_is_read_to_its_end)
{
	static const struct sd_sax_handler counter = { count_start, NULL,
							NULL };
	struct sd_sax_opts o = { "big.xml", NULL, 0 };
	struct sd_sax *sax = NULL;
	struct sd_buf doc = SD_BUF_INIT;
	char *dir = sd_test_tmpdir(), path[4096];
	size_t n = 0;
	FILE *f;
	int fd;

	/* Several reads' worth (150 KB): every element arrives. */
	sd_buf_addf(&doc, "<r>");
	for (int i = 0; i < 10000; i++)
		sd_buf_addf(&doc, "<i n=\"%d\"/>\n", i);
	sd_buf_addf(&doc, "</r>");
	snprintf(path, sizeof(path), "%s/big.xml", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fwrite(doc.ptr, 1, doc.len, f);
	fclose(f);
	ck_assert_int_eq(sd_sax_new(&sax, &counter, &n, &o), 0);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	ck_assert_int_eq(sd_sax_parse_fd(sax, fd, path), 0);
	close(fd);
	ck_assert_uint_eq(n, 10001);
	sd_sax_free(sax);

	/* A directory cannot be read: the error names it. */
	ck_assert_int_eq(sd_sax_new(&sax, &counter, &n, &o), 0);
	ck_assert_int_ge(fd = open(dir, O_RDONLY), 0);
	ck_assert_int_eq(sd_sax_parse_fd(sax, fd, dir), SD_EIO);
	ck_assert_ptr_nonnull(strstr(sd_error_last(), "cannot read '"));
	ck_assert_ptr_nonnull(strstr(sd_error_last(), dir));
	close(fd);
	sd_sax_free(sax);
	remove(path);
	sd_buf_release(&doc);
	sd_test_rmtree(dir);
}
END_TEST

Suite *suite_sax(void)
{
	Suite *s = suite_create("sax");
	TCase *tc = tcase_create("core");

	/* Check's default of 4 s is too short under SANITIZE=1 on a busy
	 * machine (a descriptor of 20,000 elements took longer at a load
	 * of 17 on 2 cores); the other suites allow 30 to 120 s. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sax__names_attributes_and_text_reach_the_reader);
	tcase_add_test(tc, test_sax__entity_declarations_are_refused_naming_the_line);
	tcase_add_test(tc, test_sax__nesting_deeper_than_the_limit_fails);
	tcase_add_test(tc, test_sax__broken_documents_fail_in_one_line);
	tcase_add_test(tc, test_sax__a_reader_stops_quietly_or_with_its_own_error);
	tcase_add_test(tc, test_sax__bytes_not_utf8_are_flagged_and_read_when_forced);
	tcase_add_test(tc, test_sax__a_descriptor_is_read_to_its_end);
	suite_add_tcase(s, tc);
	return s;
}
