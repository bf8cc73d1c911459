#!/usr/bin/env python3
"""turtle.py SITE_DIR: the linked-data twins are there and parse.

Every benchmark and rule page (stig/<slug>/index.html, stig/<slug>/V-n.html)
links its Turtle twin with <link rel="alternate" type="text/turtle"
href="X.ttl"> and X.ttl exists beside it; every .ttl file of the site
parses with Debian's raptor (`rapper -i turtle -c FILE`, its own file URI as
the base) with no error. One line per problem, exit 1 when there is one.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmltree  # noqa: E402

PAGE = re.compile(r"^stig/[^/]+/(index|V-\d+)\.html$")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: turtle.py SITE_DIR")
    site = sys.argv[1]
    if shutil.which("rapper") is None:
        print("turtle: rapper not found (Debian package raptor2-utils)")
        return 1
    problems, ttl, triples, pages = [], [], 0, 0
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(d, name)
            rel = os.path.relpath(path, site)
            if name.endswith(".ttl"):
                ttl.append(path)
            elif PAGE.match(rel):
                pages += 1
                tree = htmltree.parse_file(path)
                alt = [e for e in tree.iter("link")
                       if "alternate" in e.attrs.get("rel", "").split()
                       and e.attrs.get("type") == "text/turtle"]
                if not alt:
                    problems.append('%s: no <link rel="alternate" '
                                    'type="text/turtle">' % rel)
                for e in alt:
                    t = os.path.join(d, e.attrs.get("href", ""))
                    if not os.path.isfile(t):
                        problems.append("%s: %s: no such file"
                                        % (rel, e.describe()))
    for path in ttl:
        r = subprocess.run(["rapper", "-i", "turtle", "-c", path],
                           capture_output=True, text=True)
        m = re.search(r"returned (\d+) triples", r.stderr)
        errs = [ln for ln in r.stderr.splitlines()
                if "Error" in ln or "error" in ln]
        if r.returncode != 0 or errs or not m:
            problems.append("%s: rapper: %s" % (
                os.path.relpath(path, site),
                "; ".join(errs) or r.stderr.strip()[-200:]))
        else:
            triples += int(m.group(1))
    if not ttl:
        problems.append("no .ttl file in the site")
    for p in problems:
        print("turtle: " + p)
    print("turtle: %d pages with twins checked, %d .ttl files, %d triples,"
          " %d problems" % (pages, len(ttl), triples, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
