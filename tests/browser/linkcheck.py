#!/usr/bin/env python3
"""linkcheck.py SITE_DIR: every href, src, srcset, action, poster and data
attribute of every .html file under SITE_DIR, and every url() and @import
of its .css files, must resolve to a file of the site.

A link is broken when it is absolute-path ("/x": the site must work from
any directory), leaves SITE_DIR ("../../x" past the top), names a file
that does not exist (a directory needs its index.html), or names a
fragment (#id) that no element of the target page carries. A resource
(script, stylesheet, image, frame, anything but <a>/<area>) from another
host or scheme-relative URL is an error too: pages must not load anything
from the network. Links to other hosts from <a> are only listed. One line
per problem, "page: element: what is wrong"; exit 1 when there is one.
"""
import os
import re
import sys
from urllib.parse import unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmltree  # noqa: E402

URL_ATTRS = ("href", "src", "action", "poster", "data", "cite",
             "formaction")
NAV_TAGS = {"a", "area"}
# Schemes that are never a request to anyone.
LOCAL_SCHEMES = {"data", "mailto", "tel", "urn", "about", "blob"}

_ids = {}


def ids_of(path):
    if path not in _ids:
        tree = htmltree.parse_file(path)
        _ids[path] = {e.attrs[k] for e in tree.iter()
                      for k in ("id", "name") if k in e.attrs and
                      (k == "id" or e.tag == "a")}
    return _ids[path]


def check_url(site, page, what, url, nav, problems, external):
    url = url.strip()
    if url == "" or url.startswith("#") and len(url) == 1:
        return
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in LOCAL_SCHEMES:
        return
    if scheme == "javascript":
        problems.append("%s: %s: javascript: URL" % (page, what))
        return
    if scheme or url.startswith("//"):
        if nav and scheme in ("http", "https"):
            external.append("%s: %s" % (page, what))
        else:
            problems.append("%s: %s: loads from another host (%s)"
                            % (page, what, url))
        return
    if parts.path.startswith("/"):
        problems.append("%s: %s: absolute path, not relative" % (page, what))
        return
    base = os.path.dirname(os.path.join(site, page))
    target = os.path.normpath(os.path.join(base, unquote(parts.path))) \
        if parts.path else os.path.join(site, page)
    if os.path.relpath(target, site).startswith(".."):
        problems.append("%s: %s: leaves the site" % (page, what))
        return
    if os.path.isdir(target):
        if not parts.path.endswith("/"):
            problems.append("%s: %s: a directory without a trailing /"
                            % (page, what))
        target = os.path.join(target, "index.html")
    if not os.path.isfile(target):
        problems.append("%s: %s: no such file %s"
                        % (page, what, os.path.relpath(target, site)))
        return
    frag = unquote(parts.fragment)
    if frag and target.endswith(".html") and frag not in ids_of(target):
        problems.append("%s: %s: no id \"%s\" in %s"
                        % (page, what, frag, os.path.relpath(target, site)))


CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")


def check_site(site):
    problems, external = [], []
    pages = 0
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(d, name)
            page = os.path.relpath(path, site)
            if name.endswith(".html"):
                pages += 1
                tree = htmltree.parse_file(path)
                for e in tree.iter():
                    for a in URL_ATTRS:
                        if a in e.attrs:
                            check_url(site, page, e.describe(), e.attrs[a],
                                      e.tag in NAV_TAGS and a == "href",
                                      problems, external)
                    for a in ("srcset", "imagesrcset"):
                        for cand in e.attrs.get(a, "").split(","):
                            if cand.strip():
                                check_url(site, page, e.describe(),
                                          cand.split()[0], False, problems,
                                          external)
                    if e.tag == "style":
                        for m in CSS_URL.finditer(e.text()):
                            check_url(site, page, "<style> url",
                                      m.group(2) or m.group(4), False,
                                      problems, external)
            elif name.endswith(".css"):
                with open(path, encoding="utf-8", errors="replace") as f:
                    css = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
                for m in CSS_URL.finditer(css):
                    u = m.group(2) or m.group(4)
                    check_url(site, page, "url(%s)" % u, u, False, problems,
                              external)
    return pages, problems, external


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: linkcheck.py SITE_DIR")
    site = sys.argv[1]
    pages, problems, external = check_site(site)
    for p in problems:
        print("broken link: " + p)
    if pages == 0:
        print("linkcheck: no .html file under %s" % site)
        return 1
    print("linkcheck: %d pages, %d broken links, %d links to other hosts"
          % (pages, len(problems), len(external)))
    for e in external[:5]:
        print("  other host (listed only): " + e)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
