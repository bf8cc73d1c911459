#!/usr/bin/env python3
"""docs-check.py BINARY DOCS_DIR: the manual pages keep up with the
binary (docs/README.md, "How a page is written"). Every command
`stigdiff help` lists has its page DOCS_DIR/stigdiff-COMMAND.md, which
DOCS_DIR/stigdiff.md names; every option its --help prints (and every
subcommand's, whose name the page describes) is a definition in the
page's OPTIONS section, its short form on the same line as its long one
(an option only in a synopsis or an example is not documented); every
page has its title line with a summary, then SYNOPSIS, DESCRIPTION,
OPTIONS, EXIT STATUS, EXAMPLES and SEE ALSO in this order; no page is left for a command that is gone;
every page converts (docs/tools/md2man.py) to a man page that groff
renders, tables and all, without a warning; README.md stays a short
start, at most 10,000 bytes (issue 18). Prints one line per problem
and exits 1, or prints one line and exits 0.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'docs', 'tools'))
import helptext  # noqa: E402
import md2man  # noqa: E402

README_MAX = 10000
SECTIONS = ['SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'EXAMPLES',
            'SEE ALSO']


def mentions(text, word):
    """Is `word` (an option, a name) written in `text` as a whole word?"""
    return re.search(r'(?<![\w-])%s(?![\w-])' % re.escape(word), text) is not None


def walk(bs, visit, section=None):
    """Call visit(section, kind, body) for each block, nested ones too."""
    for kind, body in bs:
        if kind == 'h2':
            section = body.upper()
        visit(section, kind, body)
        if kind == 'list':
            for _, sub in body:
                walk(sub, visit, section)
        elif kind == 'defs':
            for _, sub in body:
                walk(sub, visit, section)


def read_page(path):
    """(sections in order, the page's prose, its OPTIONS terms): the
    prose is its paragraphs, lists, tables and headings, not its
    synopsis or code blocks; a term is one definition's line of
    spellings (`-o`, `--output=FILE`)."""
    lines = open(path, encoding='utf-8').read().splitlines()
    sections, prose, terms = [], [], []

    def visit(section, kind, body):
        if kind == 'h2':
            sections.append(section)
        if kind in ('para', 'table'):
            prose.extend(body)
        elif kind in ('h2', 'h3'):
            prose.append(body)
        elif kind == 'defs':
            for term, _ in body:
                prose.append(term)
                if section == 'OPTIONS':
                    terms.append(term)
    walk(md2man.blocks(lines[1:], 2), visit)
    return sections, '\n'.join(prose), terms


def spellings(term):
    """`-o`, `--output=FILE` -> ['-o', '--output']."""
    return [re.split(r'[= \[]', s.strip())[0] for s in re.findall(r'`([^`]+)`', term)]


def render_warnings(roff):
    """What groff says about the page, or None when groff is absent."""
    try:
        r = subprocess.run(['groff', '-t', '-man', '-ww', '-z'], input=roff,
                           capture_output=True, text=True)
    except OSError:
        return None
    return r.stderr.strip()


def check_options(path, who, h, terms, problems):
    """Every option of one --help is a definition in OPTIONS; returns
    how many it checked."""
    for o in h.options():
        names = o.names()
        term = next((t for t in terms if names[-1] in spellings(t)), None)
        if term is None:
            problems.append('%s: %s %s is not defined in OPTIONS'
                            % (path, who, names[-1]))
        elif len(names) == 2 and names[0] not in spellings(term):
            problems.append('%s: %s %s: %s is not on its line'
                            % (path, who, names[-1], names[0]))
    return len(h.options())


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__.split('\n')[0] + '\n')
        return 2
    binary, docs = argv
    problems, no_groff, checked = [], False, 0
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
            _, text, terms = read_page(path)
        except md2man.PageError as e:
            problems.append('%s:%s' % (path, e))
            continue
        h = helptext.command_help(binary, name)
        checked += check_options(path, 'stigdiff %s' % name, h, terms, problems)
        for sub in h.subcommands:
            who = 'stigdiff %s %s' % (name, sub[0])
            if not mentions(text, sub[0]):
                problems.append('%s: %s is not described' % (path, who))
            checked += check_options(path, who,
                                     helptext.command_help(binary, name, sub[0]),
                                     terms, problems)
    for page in sorted(os.listdir(docs)):
        if page.startswith('stigdiff') and page.endswith('.md') and page not in pages:
            problems.append('%s: no such command in `stigdiff help`'
                            % os.path.join(docs, page))
    for page in sorted(pages):
        path = os.path.join(docs, page)
        if not os.path.exists(path):
            continue
        try:
            sections = read_page(path)[0]
            roff = md2man.convert(open(path, encoding='utf-8').read(), path)
        except md2man.PageError as e:
            problems.append('%s:%s' % (path, e))
            continue
        if [s for s in sections if s in SECTIONS] != SECTIONS:
            problems.append('%s: sections missing or out of order (%s)'
                            % (path, ', '.join(SECTIONS)))
        warnings = render_warnings(roff)
        if warnings is None:
            no_groff = True
        elif warnings:
            problems.append('%s: groff: %s' % (path, warnings.splitlines()[0]))
    readme = os.path.join(ROOT, 'README.md')
    if os.path.getsize(readme) > README_MAX:
        problems.append('%s: %d bytes, over %d (move the detail into docs/)'
                        % (os.path.relpath(readme, ROOT), os.path.getsize(readme),
                           README_MAX))
    for p in problems:
        print(p)
    if problems:
        return 1
    print('%d pages, %d options: every command and option documented, every '
          'page renders%s' % (len(pages), checked,
                              ' (groff absent: rendering not checked)' if no_groff else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
