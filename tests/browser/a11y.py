#!/usr/bin/env python3
"""a11y.py SITE_DIR: basic accessibility checks on every .html page.

Per page: <html lang="..."> is set; exactly one <h1>; headings never skip
a level going down (h2 -> h4 is an error, h4 -> h2 is fine) and the first
is the h1; every <img> has an alt attribute (alt="" for decoration is
fine); every form control (input other than hidden/submit/button/reset/
image, select, textarea) has a label: <label for=ID>, an enclosing
<label>, aria-label or aria-labelledby naming an existing id; an <input
type=image> needs alt. Then the palette: contrast.py over the site's
stylesheets and every element with text of every page. One line per problem, exit 1 when
there is one.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contrast  # noqa: E402
import htmltree  # noqa: E402

UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


def check_page(page, tree):
    problems = []
    html = next(tree.iter("html"), None)
    if html is None or not html.attrs.get("lang", "").strip():
        problems.append("%s: <html> has no lang attribute" % page)
    heads = [e for e in tree.iter()
             if len(e.tag) == 2 and e.tag[0] == "h" and e.tag[1] in "123456"]
    h1 = [e for e in heads if e.tag == "h1"]
    if len(h1) != 1:
        problems.append("%s: %d <h1> elements, want exactly one%s"
                        % (page, len(h1), "".join(
                            " " + e.describe() for e in h1)))
    prev = 0
    for e in heads:
        level = int(e.tag[1])
        if level > prev + 1:
            problems.append("%s: %s \"%s\" follows %s: skips a level"
                            % (page, e.describe(), " ".join(e.text().split())[:40],
                               "h%d" % prev if prev else "no heading"))
        prev = level
    ids = {e.attrs["id"] for e in tree.iter() if "id" in e.attrs}
    labelled = {e.attrs.get("for") for e in tree.iter("label")}
    for e in tree.iter("img"):
        if "alt" not in e.attrs:
            problems.append("%s: %s has no alt" % (page, e.describe()))
    for e in tree.iter():
        if e.tag not in ("input", "select", "textarea"):
            continue
        kind = e.attrs.get("type", "text").lower() if e.tag == "input" else ""
        if kind == "image":
            if not e.attrs.get("alt", "").strip():
                problems.append("%s: %s has no alt" % (page, e.describe()))
            continue
        if kind in UNLABELLED_OK:
            continue
        ok = (e.attrs.get("id") in labelled and e.attrs.get("id")) \
            or any(a.tag == "label" for a in e.ancestors()) \
            or e.attrs.get("aria-label", "").strip() \
            or (e.attrs.get("aria-labelledby") and all(
                i in ids for i in e.attrs["aria-labelledby"].split()))
        if not ok:
            problems.append("%s: %s has no label" % (page, e.describe()))
    for e in tree.iter("label"):
        f = e.attrs.get("for")
        if f and f not in ids:
            problems.append("%s: %s names no element" % (page, e.describe()))
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: a11y.py SITE_DIR")
    site = sys.argv[1]
    problems, css, pages, trees = [], [], 0, []
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(d, name)
            page = os.path.relpath(path, site)
            if name.endswith(".html"):
                pages += 1
                tree = htmltree.parse_file(path)
                problems += check_page(page, tree)
                trees.append((page, tree))
                css += [e.text() for e in tree.iter("style")]
            elif name.endswith(".css"):
                with open(path, encoding="utf-8") as f:
                    css.append(f.read())
    for p in problems:
        print("a11y: " + p)
    print("a11y: %d pages, %d problems" % (pages, len(problems)))
    if not css:
        print("contrast: no CSS in the site")
        return 1
    checked, bad = contrast.check_pages(list(dict.fromkeys(css)), trees)
    for p in bad:
        print("contrast: " + p)
    print("contrast: %d element looks checked, %d below 4.5:1"
          % (checked, len(bad)))
    return 1 if problems or bad or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
