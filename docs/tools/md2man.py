#!/usr/bin/env python3
"""md2man.py [--version V] [--date D] PAGE.md [OUT.1]: one man page (roff,
the man macros, tables for tbl) from its Markdown source in docs/.

The Markdown is the small subset docs/README.md ("How a page is
written") describes: a title line "# stigdiff-NAME(1) -- summary" (the
NAME section), "##" sections and "###" subsections, paragraphs,
definitions (a line of code spans only, the option's spellings, followed
by its text indented four spaces), bullet and numbered lists, code
blocks (indented four spaces or fenced), tables, `code`, *emphasis*,
**strong** and [links](url). Anything else is printed as text, never
dropped. An error names the file and line.
"""
import re
import sys

TITLE = re.compile(r'^#\s+([\w.-]+)\((\d\w*)\)\s+(?:--|-|\u2013|\u2014)\s+(.+?)\s*$')
# A definition's term: code spans only (`-o`, `--output=FILE`), then its
# text on the lines below, indented four spaces.
TERM_LINE = re.compile(r'^`[^`]+`(?:\s*(?:,|/|or)?\s*`[^`]+`)*\s*$')
ITEM = re.compile(r'^(\s*)([-*+]|\d+[.)])\s+(.*)$')
FENCE = re.compile(r'^\s*(```|~~~)')


class PageError(Exception):
    pass


# ---- inline text -------------------------------------------------------

def escape(s, code=False):
    """Roff-escape text: backslashes, non-ASCII characters, and hyphens
    that are minus signs (all of them in code, option-like words in
    prose) so that what a reader copies is what they type."""
    out = []
    for i, ch in enumerate(s):
        if ch == '\\':
            out.append('\\e')
        elif ch == '-' and (code or i == 0 or not s[i - 1].isalnum()
                            or (i + 1 < len(s) and s[i + 1] == '-')):
            out.append('\\-')
        elif ord(ch) > 126:
            out.append('\\[u%04X]' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)


INLINE = re.compile(r'(?P<code>(`+)(?P<ctext>.+?)\2)'
                    r'|\*\*(?P<strong>.+?)\*\*'
                    r'|(?<![\w*])\*(?P<em>[^*\s](?:.*?[^*\s])?)\*(?![\w*])'
                    r'|(?<![\w])_(?P<em2>[^_\s](?:.*?[^_\s])?)_(?![\w])'
                    r'|\[(?P<ltext>[^\]]+)\]\((?P<url>[^)\s]+)\)'
                    r'|<(?P<auto>https?://[^>\s]+)>')
PAGE_REF = re.compile(r'^([\w.-]+)\((\d\w*)\)$')


TEXT_REF = re.compile(r'(?<![\w.-])([a-z][\w.-]*)\((\d)\)')


def plain(s):
    """Escaped text, with a page reference (stigdiff-diff(1)) in bold and
    never broken at its hyphen."""
    out, pos = [], 0
    for m in TEXT_REF.finditer(s):
        out.append(escape(s[pos:m.start()]))
        out.append('\\fB%s\\fR(%s)' % (escape(m.group(1), True), m.group(2)))
        pos = m.end()
    out.append(escape(s[pos:]))
    return ''.join(out)


def inline(s):
    """Markdown inline markup to roff fonts."""
    out, pos = [], 0
    for m in INLINE.finditer(s):
        out.append(plain(s[pos:m.start()]))
        pos = m.end()
        if m.group('code') is not None:
            # A long code span may break after a comma or a slash.
            code = escape(m.group('ctext').strip(), True)
            if len(code) > 30:
                code = re.sub(r'([,/])(?=\S)', r'\1\\:', code)
            out.append('\\fB%s\\fR' % code)
        elif m.group('strong') is not None:
            out.append('\\fB%s\\fR' % inline(m.group('strong')))
        elif m.group('em') is not None or m.group('em2') is not None:
            out.append('\\fI%s\\fR' % inline(m.group('em') or m.group('em2')))
        elif m.group('ltext') is not None:
            text, url = m.group('ltext'), m.group('url')
            ref = PAGE_REF.match(text.strip('`'))
            if ref:
                out.append('\\fB%s\\fR(%s)' % (escape(ref.group(1), True),
                                               ref.group(2)))
            elif url.startswith(('http://', 'https://')) and url != text:
                out.append('%s <%s>' % (inline(text), escape(url, True)))
            else:
                out.append(inline(text))
        else:
            out.append(escape(m.group('auto'), True))
    out.append(plain(s[pos:]))
    return ''.join(out)


def text_lines(lines):
    """Filled text: the source lines joined (a code span may run over a
    line end) into one roff line, not starting with a control
    character."""
    t = inline(' '.join(line.strip() for line in lines if line.strip()))
    if t.startswith(('.', "'")):
        t = '\\&' + t
    return [t] if t else []


def verbatim(lines):
    out = []
    for line in lines:
        t = escape(line.rstrip(), True)
        out.append('\\&' + t if t.startswith(('.', "'")) else t)
    return out


# ---- blocks ------------------------------------------------------------

def indent_of(line):
    return len(line) - len(line.lstrip(' '))


def blocks(lines, first):
    """Parse `lines` (numbered from `first`) into blocks:
    ('h2'|'h3', text), ('para', lines), ('code', lines), ('table', lines),
    ('list', [(marker, sub_blocks)]), ('defs', [(term, sub_blocks)])."""
    out, i, n = [], 0, len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if FENCE.match(line):
            fence = FENCE.match(line).group(1)
            j = i + 1
            while j < n and not lines[j].strip().startswith(fence):
                j += 1
            if j == n:
                raise PageError('%d: code block not closed (%s)' % (first + i, fence))
            base = indent_of(line)
            out.append(('code', [l[base:] if indent_of(l) >= base else l.lstrip()
                                 for l in lines[i + 1:j]]))
            i = j + 1
            continue
        if line.startswith('#'):
            m = re.match(r'^(#+)\s+(.*?)\s*#*\s*$', line)
            level = len(m.group(1)) if m else 0
            if level == 1:
                raise PageError('%d: a second "#" title; sections are "##"'
                                % (first + i))
            out.append(('h2' if level == 2 else 'h3', m.group(2) if m else line))
            i += 1
            continue
        if indent_of(line) >= 4:
            j = i
            while j < n and (indent_of(lines[j]) >= 4 or not lines[j].strip()):
                j += 1
            code = [l[4:] for l in lines[i:j]]
            while code and not code[-1].strip():
                code.pop()
            out.append(('code', code))
            i = j
            continue
        if line.lstrip().startswith('|'):
            j = i
            while j < n and lines[j].lstrip().startswith('|'):
                j += 1
            out.append(('table', lines[i:j]))
            i = j
            continue
        if ITEM.match(line):
            items = []
            while i < n:
                m = ITEM.match(lines[i]) if lines[i].strip() else None
                if not m or indent_of(lines[i]) >= 4:
                    break
                marker, width = m.group(2), len(m.group(1)) + len(m.group(2)) + 1
                sub, j = [m.group(3)], i + 1
                # The item's lines: indented under it, or running on.
                while j < n:
                    l = lines[j]
                    if not l.strip():
                        k = j
                        while k < n and not lines[k].strip():
                            k += 1
                        if k < n and indent_of(lines[k]) >= 2 and not (
                                ITEM.match(lines[k]) and indent_of(lines[k]) < width):
                            sub.extend([''] * (k - j))
                            j = k
                            continue
                        break
                    if ITEM.match(l) and indent_of(l) < width:
                        break
                    if indent_of(l) < 2 and (l.startswith('#') or
                                             l.lstrip().startswith('|')):
                        break
                    sub.append(l[width:] if indent_of(l) >= width else l.strip())
                    j += 1
                items.append((marker, blocks(sub, first + i)))
                i = j
                while i < n and not lines[i].strip():
                    i += 1
                if i < n and not ITEM.match(lines[i]):
                    break
            out.append(('list', items))
            continue
        if is_term(lines, i):
            items = []
            while i < n and is_term(lines, i):
                term, j = lines[i].strip(), i + 1
                # The definition: lines indented four spaces, and blank
                # lines followed by more of them.
                while j < n:
                    if lines[j].strip():
                        if indent_of(lines[j]) < 4:
                            break
                        j += 1
                        continue
                    k = j
                    while k < n and not lines[k].strip():
                        k += 1
                    if k < n and indent_of(lines[k]) >= 4:
                        j = k
                        continue
                    break
                items.append((term, blocks([l[4:] for l in lines[i + 1:j]],
                                           first + i + 1)))
                i = j
                while i < n and not lines[i].strip():
                    i += 1
            out.append(('defs', items))
            continue
        j = i
        while j < n and lines[j].strip() and not (
                lines[j].startswith('#') or FENCE.match(lines[j]) or
                ITEM.match(lines[j]) or lines[j].lstrip().startswith('|') or
                (j > i and is_term(lines, j))):
            j += 1
        out.append(('para', lines[i:j]))
        i = j
    return out


def is_term(lines, i):
    """Does line i start a definition (its term, then indented text)?"""
    return (indent_of(lines[i]) == 0 and TERM_LINE.match(lines[i]) is not None
            and i + 1 < len(lines) and lines[i + 1].strip() != ''
            and indent_of(lines[i + 1]) >= 4)




def synopsis(lines, out):
    """Each usage line as a command (bold) and its arguments, filled
    with a hanging indent so that a long one wraps on a narrow terminal
    (.SY/.YS, groff's man extension)."""
    usages = []
    for line in lines:
        if usages and line.startswith(' '):
            usages[-1] += ' ' + line.strip()  # the usage line continued
        elif line.strip():
            usages.append(line.strip())
    for line in usages:
        words = line.split()
        k = 1
        while k < len(words) and re.match(r'^[a-z][\w-]*$', words[k]):
            k += 1
        out.append('.SY "%s"' % escape(' '.join(words[:k]), True))
        if words[k:]:
            out.extend(verbatim([' '.join(words[k:])]))
        out.append('.YS')


def cells(line):
    """The cells of a table row, `|a|b|` -> ['a', 'b'] (a `|` inside a
    code span does not split)."""
    row, cur, code = [], '', False
    body = line.strip()
    body = body[1:] if body.startswith('|') else body
    body = body[:-1] if body.endswith('|') and not body.endswith('\\|') else body
    for ch in body:
        if ch == '`':
            code = not code
        if ch == '|' and not code:
            row.append(cur.strip())
            cur = ''
        else:
            cur += ch
    row.append(cur.strip())
    return row


def table(lines, out):
    """A Markdown table for tbl: a bold header row, a rule, then a row
    per line. The column of the longest cells takes the width left;
    short cells set their column's width, long ones are filled text."""
    rows = [cells(l) for l in lines if not re.match(r'^\|?[\s:|-]+\|?$', l.strip())]
    width = max(len(r) for r in rows)
    rows = [r + [''] * (width - len(r)) for r in rows]
    wide = max(range(width), key=lambda col: max(len(r[col]) for r in rows))
    out.append('.TS')
    out.append('tab(\t);')
    out.append(' '.join(['lB'] * width))
    out.append(' '.join('lx' if col == wide else 'l' for col in range(width)) + '.')
    for n, r in enumerate(rows):
        row = []
        for col, c in enumerate(r):
            t = '\n'.join(text_lines([c])) or '\\&'
            long = len(c) > 24 or col == wide
            row.append('T{\n%s\nT}' % t if long else t)
        out.append('\t'.join(row))
        if n == 0:
            out.append('_')
    out.append('.TE')


def render(bs, out, in_item=False, section=None):
    for kind, body in bs:
        if kind == 'code' and section == 'SYNOPSIS' and not in_item:
            synopsis(body, out)
            continue
        if kind == 'h2':
            section = body.upper()
            out.append('.SH "%s"' % escape(body.upper(), True).replace('"', '\\(dq'))
        elif kind == 'h3':
            out.append('.SS "%s"' % inline(body).replace('"', '\\(dq'))
        elif kind == 'para':
            out.append('.IP' if in_item else '.PP')
            out.extend(text_lines(body))
        elif kind == 'table':
            out.append('.IP' if in_item else '.PP')
            table(body, out)
        elif kind == 'defs':
            for term, sub in body:
                item(['.TP', inline(term)], sub, out)
            if in_item:
                out.append('.PP')
        elif kind == 'code':
            out.append('.IP' if in_item else '.PP')
            out.append('.RS 4' if not in_item else '.nf')
            if not in_item:
                out.append('.nf')
            out.extend(verbatim(body))
            out.append('.fi')
            if not in_item:
                out.append('.RE')
        elif kind == 'list':
            for marker, sub in body:
                item(['.IP %s 4' % ('\\(bu' if marker in '-*+' else escape(marker))],
                     sub, out)
            if in_item:
                out.append('.PP')


def item(opener, sub, out):
    """A definition or a list item: its macro (and term), then its first
    paragraph as the text beside it, then the rest indented under it."""
    out.extend(opener)
    head, rest = (sub[0], sub[1:]) if sub else (None, [])
    if head and head[0] == 'para':
        out.extend(text_lines(head[1]))
    elif head:
        render([head], out, True)
    render(rest, out, True)


def convert(text, name='page', version='', date=''):
    lines = text.splitlines()
    # Comments (<!-- ... -->) are notes for writers, not the reader.
    joined = re.sub(r'<!--.*?-->', lambda m: '\n' * m.group(0).count('\n'),
                    '\n'.join(lines), flags=re.S)
    lines = joined.split('\n')
    k = 0
    while k < len(lines) and not lines[k].strip():
        k += 1
    m = TITLE.match(lines[k]) if k < len(lines) else None
    if not m:
        raise PageError('%d: the first line must be "# stigdiff-NAME(1) -- '
                        'summary"' % (k + 1))
    page, section, summary = m.groups()
    out = ["'\\\" t",
           '.\\" Generated by docs/tools/md2man.py from %s: do not edit.' % name,
           '.TH "%s" "%s" "%s" "stigdiff %s" "stigdiff Manual"'
           % (escape(page.upper(), True), section, date, version),
           '.nr HY 0', '.nh', '.ad l',
           '.SH NAME',
           '%s \\- %s' % (escape(page, True), inline(summary))]
    render(blocks(lines[k + 1:], k + 2), out)
    # A paragraph macro right before a section is noise.
    clean = []
    for line in out:
        if line.startswith(('.SH', '.SS')) and clean and clean[-1] in ('.PP', '.IP'):
            clean.pop()
        clean.append(line)
    return '\n'.join(clean) + '\n'


def main(argv):
    version, date, args = '', '', []
    it = iter(argv)
    for a in it:
        if a == '--version':
            version = next(it, '')
        elif a == '--date':
            date = next(it, '')
        else:
            args.append(a)
    if len(args) not in (1, 2):
        sys.stderr.write(__doc__.split('\n')[0] + '\n')
        return 2
    try:
        with open(args[0], encoding='utf-8') as f:
            roff = convert(f.read(), args[0], version, date)
    except (OSError, UnicodeDecodeError) as e:
        sys.stderr.write('error: %s: %s\n' % (args[0], e))
        return 1
    except PageError as e:
        sys.stderr.write('error: %s:%s\n' % (args[0], e))
        return 1
    if len(args) == 2:
        with open(args[1] + '.tmp', 'w', encoding='ascii') as f:
            f.write(roff)
        import os
        os.replace(args[1] + '.tmp', args[1])
    else:
        sys.stdout.write(roff)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
