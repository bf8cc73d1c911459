#!/usr/bin/env python3
"""help2md.py BINARY [COMMAND]: a first version of a man page source
(docs/stigdiff-COMMAND.md, or docs/stigdiff.md without COMMAND) written
from what `stigdiff COMMAND --help` prints, in the structure
docs/README.md ("How a page is written") describes. For a new command: run it once, then write
the page by hand; the pages in docs/ are the source, not this script's
output (tests/docs-check.py keeps them and --help in step).
"""
import os
import re
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import helptext  # noqa: E402

GENERIC_EXIT = ('0 success, 1 differences or problems found, 2 usage error '
                'or input that could not be processed.')

# Examples a first page starts from: one or two lines a user would type.
EXAMPLES = {
    'unpack': ['stigdiff unpack U_MS_Exchange_2019_Edge_Server_V2R2_STIG.zip',
               'stigdiff unpack -o xccdf/ ~/Downloads/U_SRG-STIG_Library_2024_01.zip'],
    'normalize': ['stigdiff normalize --format json -o exch19.json U_MS_Exchange_2019_Edge_Server_V2R2_STIG.zip'],
    'diff': ['stigdiff diff old.xml new.xml',
             'stigdiff diff --format json --only changed,added old.zip new.zip'],
    'notes': ['stigdiff notes --format html -o notes.html old.zip new.zip',
              'stigdiff notes --library -C ~/stigs --since 2024-01-01'],
    'map': ['stigdiff map exchange-2016.xml exchange-2019.xml'],
    'lineage': ['stigdiff lineage EMG2-803',
                'stigdiff lineage --corpus ~/stigs --format json V-259642'],
    'corpus': ['stigdiff corpus init ~/stigs',
               'stigdiff corpus import -C ~/stigs ~/Downloads/*.zip',
               'stigdiff corpus log -C ~/stigs V-259642'],
    'checklist': ['stigdiff checklist new -o host.ckl U_MS_Exchange_2019_Edge_Server_V2R2_STIG.zip',
                  'stigdiff checklist stats host.cklb'],
    'migrate': ['stigdiff migrate --to new.zip -o host-new.ckl --report report.md host.ckl'],
    'cci': ['stigdiff cci CCI-000366',
            'stigdiff cci --format json --nist-rev 5 CCI-002418'],
    'controls': ['stigdiff controls U_MS_Exchange_2019_Edge_Server_V2R2_STIG.zip',
                 'stigdiff controls -C ~/stigs --format csv MS_Exchange_2019_Edge_Server_STIG@V2R2'],
    'site': ['stigdiff site -C ~/stigs -o ~/stig-site'],
    'export': ['stigdiff export -C ~/stigs --format json -o library.json'],
}


def wrap(text, indent=''):
    return textwrap.fill(text, 76, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def paragraphs(lines):
    """Help description lines as Markdown: wrapped text joined into
    paragraphs, indented lines kept as a code block."""
    out, para, code = [], [], []

    def flush():
        if para:
            out.append(wrap(' '.join(para)))
            para.clear()
        if code:
            out.append('\n'.join('    ' + l for l in code))
            code.clear()
    for line in lines:
        if not line.strip():
            flush()
        elif line.startswith('    '):
            if para:
                flush()
            code.append(line[4:].rstrip())
        else:
            if code:
                flush()
            para.append(line.strip())
    flush()
    return out


def split_exit(text):
    """The description without its "Exit status ..." sentences, and them."""
    m = re.search(r'Exit status[ :].*$', text, re.S)
    if not m:
        return text, None
    return text[:m.start()].rstrip(), m.group(0).strip()


def option_term(o):
    names = ['`-%s`' % o.short] if o.short else []
    if o.long:
        names.append('`--%s%s`' % (o.long, '=' + o.arg if o.arg else ''))
    elif o.arg:
        names[-1] = '`-%s %s`' % (o.short, o.arg)
    return ', '.join(names)


def options_md(groups, out, prefix=''):
    """Each option as a definition: its spellings, then its text
    indented four spaces."""
    for heading, opts in groups:
        if heading:
            out.append('### %s%s options\n' % (prefix, heading.lower()))
        elif prefix:
            out.append('### %s\n' % prefix.rstrip(': '))
        for o in opts:
            out.append(option_term(o))
            out.append(textwrap.indent(wrap(o.help.rstrip('.') + '.'), '    ') + '\n')


def page(binary, name, summary):
    h = helptext.command_help(binary, name)
    out = ['# stigdiff-%s(1) -- %s\n' % (name, summary), '## SYNOPSIS\n']
    subs = [(s[0], helptext.command_help(binary, name, s[0])) for s in h.subcommands]
    synopsis = [u for _, sh in subs for u in sh.usage] if subs else h.usage
    out.append('\n'.join('    ' + u for u in synopsis) + '\n')
    desc = [l for l in h.description
            if not (subs and helptext.SUB_LINE.match(l) or
                    subs and l.startswith('     '))]
    text = '\n\n'.join(paragraphs(desc))
    if subs:
        # The list the help prints is one subsection per subcommand here.
        text = re.sub(r'\s*Subcommands:(?=\n|$)', '', text)
    text, exit_status = split_exit(text)
    out.append('## DESCRIPTION\n')
    out.append(text + '\n')
    for sub, sh in subs:
        out.append('### %s\n' % sub)
        t, _ = split_exit('\n\n'.join(paragraphs(sh.description)))
        out.append((t or 'TODO') + '\n')
    out.append('## OPTIONS\n')
    for sub, sh in subs:
        options_md(sh.groups, out, '%s %s: ' % (name, sub))
    if not subs:
        options_md(h.groups, out)
    out.append('## EXIT STATUS\n')
    out.append((exit_status or 'Exit status: ' + GENERIC_EXIT) + '\n')
    if name in EXAMPLES:
        out.append('## EXAMPLES\n')
        out.append('\n'.join('    ' + e for e in EXAMPLES[name]) + '\n')
    out.append('## SEE ALSO\n')
    out.append('[stigdiff(1)](stigdiff.md)\n')
    return '\n'.join(out).rstrip('\n') + '\n'


def index_page(binary):
    cmds = helptext.commands(binary)
    out = ['# stigdiff(1) -- DISA STIG content: unpack, diff, lineage, '
           'checklists, a corpus and a site\n',
           '## SYNOPSIS\n',
           '    stigdiff <command> [options] [args]\n'
           '    stigdiff help <command>\n'
           '    stigdiff --help | --version\n',
           '## DESCRIPTION\n',
           wrap('stigdiff reads DISA STIG releases (zips, XCCDF, SCAP data '
                'streams) and STIG Viewer checklists: what changed between two '
                'releases, where a rule went, a checklist carried over to a new '
                'release, a git-backed corpus of every release and a static site '
                'of it. Each command has its own page.') + '\n',
           '## COMMANDS\n']
    for n, s in cmds:
        out.append(wrap('- [stigdiff-%s(1)](stigdiff-%s.md): %s.' % (n, n, s), '  '))
    out.append('')
    out += ['## OPTIONS\n',
            '`-h`, `--help`\n    The commands, as above.\n',
            '`--version`\n    The version of stigdiff.\n',
            '## EXIT STATUS\n', GENERIC_EXIT[0].upper() + GENERIC_EXIT[1:] + '\n',
            '## EXAMPLES\n',
            '    stigdiff help diff\n    stigdiff diff old.zip new.zip\n',
            '## SEE ALSO\n',
            wrap(', '.join('[stigdiff-%s(1)](stigdiff-%s.md)' % (n, n)
                           for n, _ in cmds)) + '\n']
    return '\n'.join(out)


def main(argv):
    if len(argv) not in (1, 2):
        sys.stderr.write(__doc__.split('\n')[0] + '\n')
        return 2
    binary = argv[0]
    if len(argv) == 1:
        sys.stdout.write(index_page(binary))
        return 0
    summary = dict(helptext.commands(binary)).get(argv[1])
    if summary is None:
        sys.stderr.write('error: no command %r in `stigdiff help`\n' % argv[1])
        return 1
    sys.stdout.write(page(binary, argv[1], summary))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
