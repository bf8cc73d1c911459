#!/usr/bin/env python3
"""docs-check.py BINARY DOCS_DIR: the man page sources keep up with the
binary. Every command `stigdiff help` lists has its page
DOCS_DIR/stigdiff-COMMAND.md, and DOCS_DIR/stigdiff.md names it; every
option its --help prints (and every subcommand's, with the subcommand's
name) is described in that page (in its text, not only in the synopsis
or an example); no page is left for a command that is
gone; every page converts (docs/tools/md2man.py) to roff that groff
renders without a warning. Prints one line per problem and exits 1, or
prints one line and exits 0.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'docs', 'tools'))
import helptext  # noqa: E402
import md2man  # noqa: E402


def mentions(text, word):
    """Is `word` (an option, a name) written in `text` as a whole word?"""
    return re.search(r'(?<![\w-])%s(?![\w-])' % re.escape(word), text) is not None


def prose(markdown):
    """The text of a page where options are described: its paragraphs,
    lists and tables, not its synopsis or code blocks (an option only
    in an example is not documented)."""
    lines = markdown.splitlines()
    out = []

    def walk(bs):
        for kind, body in bs:
            if kind in ('para', 'table'):
                out.extend(body)
            elif kind in ('h2', 'h3'):
                out.append(body)
            elif kind == 'list':
                for _, sub in body:
                    walk(sub)
    walk(md2man.blocks(lines[1:], 2))
    return '\n'.join(out)


def render_warnings(roff):
    """What groff says about the page, or None when groff is absent."""
    try:
        r = subprocess.run(['groff', '-man', '-ww', '-z'], input=roff,
                           capture_output=True, text=True)
    except OSError:
        return None
    return r.stderr.strip()


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__.split('\n')[0] + '\n')
        return 2
    binary, docs = argv
    problems, no_groff = [], False
    commands = helptext.commands(binary)
    if not commands:
        problems.append('%s help: no command listed' % binary)
    index = os.path.join(docs, 'stigdiff.md')
    pages = {'stigdiff.md'}
    index_text = open(index, encoding='utf-8').read() if os.path.exists(index) else None
    if index_text is None:
        problems.append('%s: missing (the page of stigdiff itself)' % index)
    for name, _ in commands:
        page = 'stigdiff-%s.md' % name
        pages.add(page)
        path = os.path.join(docs, page)
        if index_text is not None and not mentions(index_text, 'stigdiff-%s' % name):
            problems.append('%s: does not name stigdiff-%s' % (index, name))
        if not os.path.exists(path):
            problems.append('%s: missing (stigdiff %s has no page)' % (path, name))
            continue
        try:
            text = prose(open(path, encoding='utf-8').read())
        except md2man.PageError as e:
            problems.append('%s:%s' % (path, e))
            continue
        h = helptext.command_help(binary, name)
        helps = [(None, h)] + [(s[0], helptext.command_help(binary, name, s[0]))
                               for s in h.subcommands]
        for sub, sh in helps:
            who = 'stigdiff %s%s' % (name, ' ' + sub if sub else '')
            if sub and not mentions(text, sub):
                problems.append('%s: %s is not described' % (path, who))
            for o in sh.options():
                for spelling in o.names():
                    if not mentions(text, spelling):
                        problems.append('%s: %s %s is not documented'
                                        % (path, who, spelling))
    for page in sorted(os.listdir(docs)):
        if page.startswith('stigdiff') and page.endswith('.md') and page not in pages:
            problems.append('%s: no such command in `stigdiff help`'
                            % os.path.join(docs, page))
    for page in sorted(pages):
        path = os.path.join(docs, page)
        if not os.path.exists(path):
            continue
        try:
            roff = md2man.convert(open(path, encoding='utf-8').read(), path)
        except md2man.PageError as e:
            problems.append('%s:%s' % (path, e))
            continue
        warnings = render_warnings(roff)
        if warnings is None:
            no_groff = True
        elif warnings:
            problems.append('%s: groff: %s' % (path, warnings.splitlines()[0]))
    for p in problems:
        print(p)
    if problems:
        return 1
    print('%d pages: every command and option documented, every page renders%s'
          % (len(pages), ' (groff absent: rendering not checked)' if no_groff else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
