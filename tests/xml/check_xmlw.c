/* The XML writer and the one XML escaper: markup escaped, what XML 1.0
 * cannot carry replaced (and counted), comments never holding "--". */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmlw.h"

static char *esc(const char *s, unsigned flags, size_t *replaced)
{
	struct sd_buf b = SD_BUF_INIT;

	*replaced = sd_xml_escape(&b, s, flags);
	return sd_buf_detach(&b);
}

START_TEST(test_xmlw__text_attribute_and_libxml2_styles)
{
	size_t r;
	char *t;

	t = esc("a < b && c > d ]]> \"q\"\r\n\tx", 0, &r);
	ck_assert_str_eq(t, "a &lt; b &amp;&amp; c > d ]]&gt; \"q\"&#13;\n\tx");
	free(t);
	t = esc("a > b \"q\"\n\t", SD_XML_ATTR, &r);
	ck_assert_str_eq(t, "a > b &quot;q&quot;&#10;&#9;");
	free(t);
	t = esc("a > b", SD_XML_GT, &r);
	ck_assert_str_eq(t, "a &gt; b");
	free(t);
	ck_assert_uint_eq(r, 0);
}
END_TEST

START_TEST(test_xmlw__what_xml_cannot_carry_becomes_fffd_and_is_counted)
{
	size_t r;
	char *t = esc("bell\a nul? \xff \xef\xbf\xbe \xed\xa0\x80 caf\xc3\xa9", 0, &r);

	ck_assert_str_eq(t, "bell\xef\xbf\xbd nul? \xef\xbf\xbd \xef\xbf\xbd "
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd caf\xc3\xa9");
	ck_assert_uint_eq(r, 6);
	free(t);
	ck_assert_ptr_null(sd_xml_clean("fine \xe2\x80\x9cquoted\xe2\x80\x9d"));
	t = sd_xml_clean("a\x01" "b");
	ck_assert_str_eq(t, "a\xef\xbf\xbd" "b");
	free(t);
}
END_TEST

START_TEST(test_xmlw__comment_text_never_holds_two_hyphens)
{
	struct sd_buf b = SD_BUF_INIT;

	sd_buf_addstr(&b, "<!--");
	sd_xml_escape(&b, "a--b---c-", SD_XML_COMMENT);
	ck_assert_str_eq(b.ptr, "<!--a-&#45;b-&#45;-c-");
	sd_buf_reset(&b);
	sd_buf_addstr(&b, "x-");
	sd_xml_escape(&b, "-y", SD_XML_COMMENT);
	ck_assert_str_eq(b.ptr, "x-&#45;y");
	sd_buf_release(&b);
}
END_TEST

START_TEST(test_xmlw__writer_escapes_through_the_same_escaper)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct sd_xw *w;

	ck_assert_int_eq(sd_xw_open(&w, fp, 0), 0);
	sd_xw_start(w, "r");
	sd_xw_attr(w, "a", "x\"<y\n");
	sd_xw_text(w, "1 < 2 & ]]>\x01");
	ck_assert_int_eq(sd_xw_close(w), 0);
	fclose(fp);
	ck_assert_str_eq(text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<r a=\"x&quot;&lt;y&#10;\">1 &lt; 2 &amp; ]]&gt;"
			       "\xef\xbf\xbd</r>\n");
	free(text);
}
END_TEST

Suite *suite_xmlw(void)
{
	Suite *s = suite_create("xmlw");
	TCase *tc = tcase_create("xmlw");

	tcase_add_test(tc, test_xmlw__text_attribute_and_libxml2_styles);
	tcase_add_test(tc, test_xmlw__what_xml_cannot_carry_becomes_fffd_and_is_counted);
	tcase_add_test(tc, test_xmlw__comment_text_never_holds_two_hyphens);
	tcase_add_test(tc, test_xmlw__writer_escapes_through_the_same_escaper);
	suite_add_tcase(s, tc);
	return s;
}
