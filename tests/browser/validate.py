#!/usr/bin/env python3
"""validate.py SITE_DIR: every .html page is well-formed HTML5.

With Debian's tidy (HTML5-aware since 5.0) each page is read in
errors-only mode (-q -e) and every "Error:" line counts, and so do the
warnings that are about structure rather than style (STRUCTURAL below:
an end tag missing or unexpected, an element where it is not allowed, a
tag not closed by '>', a repeated attribute, a bare '&'); tidy's style
advice (empty elements trimmed and the like) does not count. <search>
(HTML 2023) is declared to tidy 5.6, which predates it.
Without tidy, libxml2's HTML parser (xmllint --html --noout) is used and
its errors counted, except "Tag X invalid" for HTML5 elements that
libxml2's HTML 4 tables do not know. Both ways, each page also needs the
HTML5 doctype (<!DOCTYPE html>), a <meta charset="utf-8"> (or the
http-equiv="Content-Type" form HTML5 also allows), a non-empty
<title>, and no id used twice. One line per problem, exit 1 when there is
one.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmltree  # noqa: E402

HTML5_TAGS = {"article", "aside", "audio", "bdi", "canvas", "data",
              "datalist", "details", "dialog", "figcaption", "figure",
              "footer", "header", "main", "mark", "meter", "nav", "output",
              "picture", "progress", "rp", "rt", "ruby", "search", "section",
              "source", "summary", "template", "time", "track", "video",
              "wbr", "svg", "path", "math"}


STRUCTURAL = re.compile(
    r"missing </|discarding unexpected|replacing unexpected|missing '>'"
    r"|isn't allowed in|repeated attribute|doesn't end in ';'|unescaped &"
    r"|unexpected end of|is not recognized|not inside|lacks value"
    r"|invalid character|unknown entity|adjacent hyphens|malformed")


def tidy_errors(path):
    r = subprocess.run(["tidy", "-q", "-e", "--gnu-emacs", "yes",
                        "--new-blocklevel-tags", "search", path],
                       capture_output=True, text=True)
    return [ln.split(path + ":", 1)[-1] for ln in
            (r.stdout + r.stderr).splitlines()
            if "Error:" in ln or ("Warning:" in ln and STRUCTURAL.search(ln))]


def xmllint_errors(path):
    r = subprocess.run(["xmllint", "--html", "--noout", path],
                       capture_output=True, text=True)
    out, lines = [], r.stderr.splitlines()
    for ln in lines:
        m = re.match(r"^(.*?):(\d+): HTML parser error : (.*)$", ln)
        if not m:
            continue
        t = re.match(r"Tag (\S+) invalid", m.group(3))
        if t and t.group(1) in HTML5_TAGS:
            continue
        out.append("line %s: %s" % (m.group(2), m.group(3)))
    return out


def own_checks(path):
    with open(path, encoding="utf-8", errors="strict") as f:
        text = f.read()
    problems = []
    if not re.match(r"\s*<!DOCTYPE html>", text, re.I):
        problems.append("no <!DOCTYPE html> at the top")
    tree = htmltree.parse(text)
    if not any(e.attrs.get("charset", "").lower() == "utf-8" or
               (e.attrs.get("http-equiv", "").lower() == "content-type" and
                re.search(r"charset=utf-8\b", e.attrs.get("content", ""),
                          re.I))
               for e in tree.iter("meta")):
        problems.append('no <meta charset="utf-8"> (or its http-equiv'
                        ' form)')
    title = next(tree.iter("title"), None)
    if title is None or not title.text().strip():
        problems.append("no <title> or an empty one")
    seen = {}
    for e in tree.iter():
        i = e.attrs.get("id")
        if i is None:
            continue
        if i in seen:
            problems.append('id "%s" used twice (lines %d and %d)'
                            % (i, seen[i], e.line))
        else:
            seen[i] = e.line
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: validate.py SITE_DIR")
    site = sys.argv[1]
    use_tidy = shutil.which("tidy") is not None
    tool = "tidy" if use_tidy else "xmllint --html"
    problems, pages = [], 0
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            pages += 1
            path = os.path.join(d, name)
            page = os.path.relpath(path, site)
            try:
                errs = own_checks(path)
            except UnicodeDecodeError as e:
                errs = ["not UTF-8: %s" % e]
            errs += tidy_errors(path) if use_tidy else xmllint_errors(path)
            problems += ["%s: %s" % (page, e.strip()) for e in errs]
    for p in problems:
        print("html: " + p)
    print("html (%s): %d pages, %d errors" % (tool, pages, len(problems)))
    return 1 if problems or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
