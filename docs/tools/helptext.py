"""What `stigdiff help` and `stigdiff COMMAND --help` print, read back as
data: the commands, each one's usage, description, options (with their
groups) and subcommands. The help text is printed from the same option
tables that parse the command line (stigdiff/util/opt.c), so this is the
one source the man page skeletons (help2md.py), the shell completion
(completion.py) and the test that every option is documented
(tests/docs-check.py) are built from.

The option lines are opt.c's: four spaces, then "-x, --long ARG",
"    --long ARG" or "-x" padded to 26 columns, a space and the help.
"""
import re
import subprocess

OPT_LINE = re.compile(r'^    (?:-(?P<s1>\w), --(?P<l1>[\w-]+)|    --(?P<l2>[\w-]+)|'
                      r'-(?P<s2>\w))(?P<rest>.*)$')
# An argument name as opt.c's tables write them: FILE, DATE|TAG, FIELD,...
ARG = re.compile(r'^[A-Z][A-Z0-9_|,.@\[\]-]*$')
SUB_LINE = re.compile(r'^    (?P<name>[a-z][a-z-]*)(?: +(?P<rest>.*))?$')


class Option:
    def __init__(self, short, long, arg, help):
        self.short, self.long, self.arg, self.help = short, long, arg, help

    def names(self):
        """The spellings a user types: '-o', '--output'."""
        return [n for n in ('-' + self.short if self.short else None,
                            '--' + self.long if self.long else None) if n]


class Help:
    def __init__(self):
        self.usage = []        # the synopsis lines, without "usage: "
        self.description = []  # lines, as printed
        self.groups = []       # (heading or None, [Option])
        self.subcommands = []  # (name, synopsis words, summary)

    def options(self):
        return [o for _, opts in self.groups for o in opts]


def run(binary, *args):
    r = subprocess.run([binary] + list(args), capture_output=True, text=True)
    return r.stdout + r.stderr


def commands(binary):
    """[(name, summary)] from `stigdiff help`."""
    out, on = [], False
    for line in run(binary, 'help').splitlines():
        if line.startswith('Commands:'):
            on = True
        elif on and not line.strip():
            break
        elif on:
            name, summary = line.split(None, 1)
            out.append((name, summary.strip()))
    return out


def parse_option(line):
    m = OPT_LINE.match(line)
    if not m:
        return None
    short = m.group('s1') or m.group('s2')
    long = m.group('l1') or m.group('l2')
    rest = m.group('rest')
    left = len(line) - len(rest)
    arg = None
    if left <= 30 and len(line) > 31 and line[30] == ' ' and line[31] != ' ':
        # The left column fits its 26: the help starts at column 31.
        between, help = line[left:30].strip(), line[31:]
        arg = between or None
    else:
        words = rest.split(None, 1)
        if len(words) == 2 and ARG.match(words[0]):
            arg, help = words[0], words[1]
        else:
            help = rest.strip()
    return Option(short, long, arg, help.strip())


def parse(text):
    """A Help from one command's --help text."""
    h = Help()
    lines = text.splitlines()
    i = 0
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        for prefix in ('usage: ', '   or: '):
            if line.startswith(prefix):
                line = line[len(prefix):]
                break
        h.usage.append(line.strip())
        i += 1
    # A usage line continued (indented, not starting with "stigdiff")
    # belongs to the one before it.
    joined = []
    for u in h.usage:
        if joined and not u.startswith('stigdiff'):
            joined[-1] += ' ' + u
        else:
            joined.append(u)
    h.usage = joined
    heading, opts, in_desc = None, [], True
    pending = None
    for line in lines[i:]:
        o = parse_option(line)
        if o:
            in_desc = False
            opts.append(o)
            continue
        if not in_desc and line and not line.startswith(' ') and line.endswith(':'):
            h.groups.append((heading, opts))
            heading, opts = line[:-1], []
            continue
        if in_desc:
            h.description.append(line)
            m = SUB_LINE.match(line)
            if m and line.startswith('    ') and not line.startswith('     '):
                rest = m.group('rest') or ''
                parts = re.split(r'\s{2,}', rest, maxsplit=1)
                pending = [m.group('name'), parts[0] if len(parts) > 1 else rest,
                           parts[1] if len(parts) > 1 else '']
                h.subcommands.append(pending)
            elif pending and line.startswith('     ') and line.strip():
                pending[2] = (pending[2] + ' ' + line.strip()).strip()
            else:
                pending = None
    h.groups.append((heading, opts))
    h.groups = [(g, o) for g, o in h.groups if o]
    while h.description and not h.description[0].strip():
        h.description.pop(0)
    while h.description and not h.description[-1].strip():
        h.description.pop()
    return h


def command_help(binary, name, sub=None):
    args = [name] + ([sub] if sub else []) + ['--help']
    return parse(run(binary, *args))
