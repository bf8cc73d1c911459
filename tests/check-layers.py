#!/usr/bin/env python3
"""make check-layers: what the layered tree promises (docs/design.md "Layers"),
checked on the sources and on the objects of a build.

  1. No include reaches a higher layer (the Makefile's include paths
     already refuse it; this names the file and line).
  2. No object uses an sd_ symbol defined in a higher layer (nm).
  3. No cycle between files, through includes or symbols.
  4. No cmd_*.o uses a symbol another command's cmd_*.o defines
     (cmd_<name>_<part>.c is part of command <name>).
  5. Each library's headers only in its home.
  6. The primitives util/ and xml/ hold, nowhere else: FNV constants,
     UTF-8 lead-byte tests, libxml2 SAX set-up; and no getenv(), exit()
     or fprintf(stderr, ...) outside cli/.
  7. No source file over 900 lines.

usage: check-layers.py BUILD_DIR   (exit 1 with one line per problem)
"""
import os
import re
import subprocess
import sys

LAYERS = ['util', 'xml', 'model', 'input', 'compare', 'match', 'lineage',
          'checklist', 'corpus', 'publish', 'cli']
RANK = {l: i for i, l in enumerate(LAYERS)}
ROOT = 'stigdiff'
MAX_LINES = 900

# The corpus's repository files: libgit2's users, through their private
# header (corpus.c held all of them, 2,900 lines; split along its seams,
# each part still builds git objects, so each needs libgit2's types).
GIT_USERS = {'corpus/corpus_repo.c', 'corpus/corpus_journal.c',
             'corpus/corpus_read.c', 'corpus/corpus_import.c',
             'corpus/corpus_place.c'}

# Library headers and the only files that may include them.
HOMES = [
    (re.compile(r'#\s*include\s*<git2'), {'corpus/corpus_int.h'}),
    (re.compile(r'#\s*include\s*"corpus_int\.h"'), GIT_USERS),
    (re.compile(r'#\s*include\s*<zip\.h>'), {'input/archive.c'}),
    (re.compile(r'#\s*include\s*<lib(e)?xslt/'), {'publish/render.c'}),
    (re.compile(r'#\s*include\s*<jansson\.h>'), {'util/json.c'}),
    (re.compile(r'#\s*include\s*<libxml/'),
     lambda f: f.startswith(('xml/', 'input/')) or f == 'publish/render.c'),
]

# Primitives of util/ and xml/, and what only cli/ may do.
PRIMITIVES = [
    (re.compile(r'1469598103934665603|14695981039346656037|0x100000001b3|'
                r'1099511628211|0xcbf29ce484222325', re.I),
     ('util/',), 'an FNV constant (util/ has the one hash)'),
    (re.compile(r'&\s*0x[cC]0\)\s*==\s*0x80|&\s*0x[eE]0\)\s*==\s*0x[cC]0|'
                r'&\s*0x[fF]0\)\s*==\s*0x[eE]0'),
     ('util/', 'xml/'), 'a UTF-8 lead-byte test (util/ decodes UTF-8)'),
    (re.compile(r'\b(xmlSAXHandler|xmlCreatePushParserCtxt|xmlParseChunk|'
                r'xmlSAXUserParse\w*)\b'), ('xml/',),
     'libxml2 SAX set-up (xml/ has the one harness)'),
    (re.compile(r'\bgetenv\s*\('), ('cli/',), 'getenv() outside cli/'),
    (re.compile(r'(?<![_a-z])exit\s*\('), ('cli/',), 'exit() outside cli/'),
    (re.compile(r'fprintf\s*\(\s*stderr'), ('cli/',),
     'fprintf(stderr) outside cli/'),
]


def sources():
    for layer in LAYERS:
        d = os.path.join(ROOT, layer)
        for name in sorted(os.listdir(d)):
            if name.endswith(('.c', '.h')):
                yield layer, layer + '/' + name


def command(f):
    """The command a cli/cmd_*.c file belongs to: cmd_corpus.c and the
    files of its subcommands, cmd_corpus_<part>.c, are all 'corpus'."""
    m = re.match(r'cmd_([a-z0-9]+)', os.path.basename(f))
    return m.group(1) if m else None


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'),
                  text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    problems = []
    where = {}  # header name -> its file
    files = list(sources())
    for layer, f in files:
        if f.endswith('.h'):
            where[os.path.basename(f)] = f
    deps = {f: set() for _, f in files}

    def unit(f):
        return f[:-2]

    for layer, f in files:
        text = open(os.path.join(ROOT, f), encoding='utf-8').read()
        lines = text.count('\n')
        if lines > MAX_LINES:
            problems.append('%s: %d lines, over %d' % (f, lines, MAX_LINES))
        for n, line in enumerate(text.split('\n'), 1):
            m = re.match(r'\s*#\s*include\s*"([^"]+)"', line)
            if m:
                h = where.get(os.path.basename(m.group(1)))
                if h and RANK[h.split('/')[0]] > RANK[layer]:
                    problems.append('%s:%d: includes %s, a higher layer'
                                    % (f, n, h))
                if h and unit(h) != unit(f):
                    deps[f].add(h)
            for pat, home in HOMES:
                if pat.search(line):
                    ok = home(f) if callable(home) else f in home
                    if not ok:
                        problems.append('%s:%d: %s outside its home'
                                        % (f, n, line.strip()))
        code = strip_comments(text).split('\n')
        for pat, homes, what in PRIMITIVES:
            if f.startswith(homes):
                continue
            for n, line in enumerate(code, 1):
                if pat.search(line):
                    problems.append('%s:%d: %s' % (f, n, what))

    # Symbols: who defines and who uses each sd_ symbol.
    defined, used = {}, {}
    for layer, f in files:
        if not f.endswith('.c'):
            continue
        obj = os.path.join(build, 'obj', f[:-2] + '.o')
        if not os.path.exists(obj):
            problems.append('%s: no object (build first)' % obj)
            continue
        out = subprocess.run(['nm', obj], capture_output=True,
                             text=True).stdout
        used[f] = set()
        for row in out.split('\n'):
            parts = row.split()
            if len(parts) >= 2 and parts[-1].startswith(('sd_', 'cmd_')):
                if parts[-2] == 'U':
                    used[f].add(parts[-1])
                elif parts[-2] in 'TDBR':
                    defined[parts[-1]] = f
    for f, syms in used.items():
        layer = f.split('/')[0]
        for sym in sorted(syms):
            d = defined.get(sym)
            if not d or d == f:
                continue
            if RANK[d.split('/')[0]] > RANK[layer]:
                problems.append('%s: uses %s of %s, a higher layer'
                                % (f, sym, d))
            if command(f) and command(d) and command(f) != command(d):
                problems.append('%s: uses %s of another command, %s'
                                % (f, sym, d))
            deps[f].add(d)

    # Cycles between units (a .c and its .h are one).
    graph = {}
    for f, ds in deps.items():
        graph.setdefault(unit(f), set()).update(
            unit(d) for d in ds if unit(d) != unit(f))
    index, low, stack, on, sccs = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                sccs.append(sorted(scc))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    for scc in sccs:
        problems.append('cycle: ' + ' -> '.join(scc))

    for p in problems:
        print('check-layers: ' + p)
    if not problems:
        print('check-layers: %d files in %d layers, no upward dependency, '
              'no cycle' % (len(files), len(LAYERS)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
