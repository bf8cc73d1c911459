#!/usr/bin/env python3
"""Check the relations a corpus's stored lineage (git show main:lineage/index.tsv)
holds, read from standard input: a successor (fwd) or predecessor (back)
edge joins lines of one family, both client or both server, of one kind
(a draft counts as the kind it drafts), in generation order; no corpus
line (slug) is in two product lines but parts of two roles (lineage splits
a corpus line that joined a domain controller's benchmark to a member
server's). Prints one line per violation, then
counts; with --show PATTERN, the edges of lines whose name matches."""
import re
import sys

lines, edges = {}, []
for row in sys.stdin:
    f = row.rstrip('\n').split('\t')
    if f[0] == 'line':
        fam, gen, role, server, kind = f[2].split('|')
        lines[f[1]] = dict(fam=fam, gen=gen, role=role, server=server,
                           kind='stig' if kind == 'draft' else kind,
                           name=f[3], slugs=[s.split('@')[0] for s in f[6].split(' ') if s])
    elif f[0] == 'edge':
        edges.append((f[1], f[2], f[3]))


def gen(s):
    return tuple(int(x) for x in re.findall(r'\d+', s)) if s else ()


bad = 0
for a, b, rel in edges:
    x, y = lines[a], lines[b]
    if rel not in ('fwd', 'back'):
        continue
    why = []
    if x['fam'] != y['fam']:
        why.append('another family')
    if x['server'] != y['server']:
        why.append('client and server')
    if x['kind'] != y['kind']:
        why.append('another kind')
    if (gen(y['gen']) <= gen(x['gen'])) == (rel == 'fwd'):
        why.append('generation order')
    if why:
        bad += 1
        print(f"{rel} {x['name']} ({a}) -> {y['name']} ({b}): {', '.join(why)}")
seen = {}
for k, v in lines.items():
    for s in v['slugs']:
        if s in seen and lines[seen[s]]['role'] != v['role']:
            print(f'corpus line {s} split by role: {lines[seen[s]]["name"]} '
                  f'[{lines[seen[s]]["role"]}], {v["name"]} [{v["role"]}]')
        elif s in seen:
            bad += 1
            print(f'corpus line {s} in two product lines: {seen[s]} and {k}')
        seen[s] = k
nrel = sum(1 for e in edges if e[2] in ('fwd', 'back'))
print(f'{len(lines)} product lines, {nrel} successor/predecessor edges, '
      f'{len(edges) - nrel} sibling edges, {bad} violations')
if len(sys.argv) > 2 and sys.argv[1] == '--show':
    pat = re.compile(sys.argv[2])
    for a, b, rel in sorted(edges, key=lambda e: (lines[e[0]]['name'], e[2], lines[e[1]]['name'])):
        if pat.search(lines[a]['name']) and rel == 'fwd':
            print(f"  {lines[a]['name']} [{lines[a]['role'] or '-'}] -> {lines[b]['name']} [{lines[b]['role'] or '-'}]")
