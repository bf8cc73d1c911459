#!/usr/bin/env python3
"""check_dom.py: assertions on a page as the browser rendered it (the
output of chromium --dump-dom), for make test-browser.

  check_dom.py home   DOM SITE_DIR
      an <h1>, and a link to stig/<slug>/index.html for every benchmark
      directory under SITE_DIR/stig/
  check_dom.py rule   DOM SITE_DIR PAGE [--text T]... [--lineage-link P]...
      the element with id "history" and the one with id "lineage" exist
      and have text (without those ids: the elements of class "history",
      "lineage", else the part under a heading "History", "Lineage", with
      a NOTE line); lineage links to at least one rule page, and to each
      rule page P (site-relative); the page shows each text T
  check_dom.py search DOM SITE_DIR PAGE PHRASE
      the element with id "results" holds links to rule pages, every one
      of them to an existing file, and at least one result (its link text,
      or the <h1>/<title> of the page it links to) contains PHRASE
      (case-insensitive)
  check_dom.py compare DOM SITE_DIR PAGE PHRASE
      the same of the element with id "compare-result" (a compare page
      after its form compared two releases)
  check_dom.py first DOM SITE_DIR PAGE ID
      the search results (id "results") exist, link to existing rule
      pages, and the first of them is the rule ID names: its link text
      starts with ID (a STIG id or vuln id, case-insensitive)

Prints what it found; one line per failed assertion and exit 1.
"""
import os
import re
import sys
from urllib.parse import unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmltree  # noqa: E402

RULE_PAGE = re.compile(r"^stig/[^/]+/V-\d+\.html$")


def site_path(page, href):
    """The site-relative path an href of PAGE points to, or None."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or not parts.path:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(page),
                                         unquote(parts.path)))


def words(s):
    return " ".join(s.split())


def home(dom, site):
    fails = []
    h1 = next(dom.iter("h1"), None)
    if h1 is None or not h1.text().strip():
        fails.append("index.html: no <h1> with text")
    linked = set()
    for a in dom.iter("a"):
        p = site_path("index.html", a.attrs.get("href", ""))
        if p:
            m = re.match(r"^stig/([^/]+)(?:/index\.html)?$", p)
            if m:
                linked.add(m.group(1))
    stig = os.path.join(site, "stig")
    slugs = sorted(d for d in os.listdir(stig)
                   if os.path.isdir(os.path.join(stig, d))) \
        if os.path.isdir(stig) else []
    if not slugs:
        fails.append("%s: no benchmark directories" % stig)
    for s in slugs:
        if s not in linked:
            fails.append("index.html: no link to benchmark page stig/%s/"
                         % s)
    print("home: %d benchmark links (%d benchmark pages)"
          % (len(linked), len(slugs)))
    return fails


def section(dom, name):
    """The part of a rule page about NAME ("history", "lineage"): the
    element with that id; else every element of that class; else the
    heading that reads NAME and what follows it up to the next heading of
    its level. Returns (node, how it was found) or (None, None)."""
    e = dom.by_id(name)
    if e is not None:
        return e, "id"
    found = [e for e in dom.iter()
             if name in e.attrs.get("class", "").split()]
    if found:
        node = htmltree.Node("#classes")
        node.children = found
        node.line = found[0].line
        return node, 'class "%s" (%d elements)' % (name, len(found))
    for h in dom.iter():
        if re.match(r"^h[1-6]$", h.tag) and \
                words(h.text()).lower() == name.lower():
            sibs = h.parent.children
            node = htmltree.Node("#heading", line=h.line)
            for c in sibs[sibs.index(h):]:
                if c is not h and isinstance(c, htmltree.Node) and \
                        re.match(r"^h[1-6]$", c.tag) and c.tag <= h.tag:
                    break
                node.children.append(c)
            return node, "heading <%s>%s</%s>" % (h.tag, h.text(), h.tag)
    return None, None


def rule(dom, site, page, texts, lineage_links):
    fails = []
    body = words(dom.text())
    for t in texts:
        if t not in body:
            fails.append("%s: the page does not show \"%s\"" % (page, t))
    for ident in ("history", "lineage"):
        e, how = section(dom, ident)
        if e is None:
            fails.append("%s: no element with id \"%s\" (nor class, nor a"
                         " heading that reads so)" % (page, ident))
            continue
        if how != "id":
            print("NOTE: %s: no id \"%s\"; found by %s" % (page, ident, how))
        text = words(e.text())
        if not text:
            fails.append("%s: %s is empty" % (page, e.describe()))
        print("%s #%s: %s" % (page, ident, text[:160]))
        if ident != "lineage":
            continue
        targets = {site_path(page, a.attrs.get("href", ""))
                   for a in e.iter("a")}
        rules = sorted(t for t in targets if t and RULE_PAGE.match(t))
        if not rules:
            fails.append("%s: lineage links to no rule page" % page)
        for want in lineage_links:
            if want not in targets:
                fails.append("%s: lineage has no link to %s (links: %s)"
                             % (page, want, ", ".join(rules) or "none"))
    return fails


def title_of(site, path):
    try:
        t = htmltree.parse_file(os.path.join(site, path))
    except OSError:
        return ""
    h = next(t.iter("h1"), None) or next(t.iter("title"), None)
    return words(h.text()) if h is not None else ""


def search(dom, site, page, phrase, container="results"):
    fails = []
    res = dom.by_id(container)
    if res is None:
        return ["%s: no element with id \"%s\"" % (page, container)]
    links = [(a, site_path(page, a.attrs.get("href", "")))
             for a in res.iter("a")]
    rules = [(a, p) for a, p in links if p and RULE_PAGE.match(p)]
    print("%s: %d result links, %d to rule pages"
          % (page, len(links), len(rules)))
    if not rules:
        fails.append("%s: #" + container + " holds no link to a rule page (text: %s)"
                     % (page, words(res.text())[:120] or "empty"))
    hits = 0
    for a, p in links:
        if p is None or not os.path.isfile(os.path.join(site, p)):
            fails.append("%s: result %s leads nowhere"
                         % (page, a.describe()))
            continue
        text = words(a.text()) + " " + title_of(site, p)
        if phrase.lower() in text.lower():
            hits += 1
            if hits <= 5:
                print("  %s  %s" % (p, text[:100]))
    if rules and not hits:
        fails.append("%s: no result mentions \"%s\"" % (page, phrase))
    print("%s: %d results mention \"%s\"" % (page, hits, phrase))
    return fails


def first(dom, site, page, rid):
    fails = search(dom, site, page, "")
    res = dom.by_id("results")
    a = next(res.iter("a"), None) if res is not None else None
    if a is None:
        return fails + ["%s: no result" % page]
    text = words(a.text())
    print("%s: first result %s" % (page, text[:100]))
    if not text.lower().startswith(rid.lower()):
        fails.append("%s: the first result is not %s but %s"
                     % (page, rid, text[:80]))
    return fails


def main():
    a = sys.argv[1:]
    if len(a) < 3:
        sys.exit(__doc__)
    kind, dom, site = a[0], htmltree.parse_file(a[1]), a[2]
    if kind == "home":
        fails = home(dom, site)
    elif kind == "rule" and len(a) >= 4:
        texts, links, rest = [], [], a[4:]
        while rest:
            opt, val, rest = rest[0], rest[1], rest[2:]
            (texts if opt == "--text" else links).append(val)
        fails = rule(dom, site, a[3], texts, links)
    elif kind == "search" and len(a) == 5:
        fails = search(dom, site, a[3], a[4])
    elif kind == "first" and len(a) == 5:
        fails = first(dom, site, a[3], a[4])
    elif kind == "compare" and len(a) == 5:
        fails = search(dom, site, a[3], a[4], "compare-result")
    else:
        sys.exit(__doc__)
    for f in fails:
        print("FAIL: " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
