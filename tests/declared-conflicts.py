#!/usr/bin/env python3
"""Declared ids against content on every renumbered release pair of
DISA's library (issue 15): the pairs are found, not listed (a release
whose legacy idents name most of another release's ids, which use a
different numbering), each mapped with `stigdiff map` three ways
(declared ids checked, --trust-declared, --ignore-legacy), and scored.

Truth: DISA's declared pairing (--trust-declared), except where it is
contradicted by a content-identical alternative (content-only score
1.00 for the same old rule, declared pair's title different): there
the content pairing is the truth (DISA's error corrected; the script
prints each one so a person can check it). Prints, per pair with a
difference, and in total: declared-conflicts flagged, declared pairs
contradicting identical content left unflagged (the bar: 0), and
precision and recall of the default mapping against the truth.

usage: tests/declared-conflicts.py STIGDIFF LIBRARY_XCCDF_DIR
"""
import json
import os
import re
import subprocess
import sys
import zipfile


def releases(lib):
    rel = {}
    for f in sorted(os.listdir(lib)):
        if not f.endswith('.zip'):
            continue
        z = zipfile.ZipFile(os.path.join(lib, f))
        data = z.read(z.namelist()[0]).decode('utf-8', 'replace')
        m = re.search(r'<Benchmark[^>]*\bid="([^"]+)"', data)
        v = re.search(r'</status>.*?<version>([^<]*)</version>', data, re.S)
        r = re.search(r'Release:\s*(\d+)', data)
        key = (m.group(1) if m else '?',
               'V%sR%s' % (v.group(1).strip() if v else '?',
                           r.group(1) if r else '?'))
        if key in rel:
            continue  # one file per release
        ids = set(re.findall(r'<Group id="(V-\d+)"', data))
        ids |= set(re.findall(r'<Rule id="(SV-\d+)', data))
        legacy = set(re.findall(
            r'system="http://cyber.mil/legacy">([^<]+)<', data))
        rel[key] = (f, ids, legacy, data.count('<Group '))
    return rel


def renumbered_pairs(rel):
    out = []
    for key, (f, ids, leg, n) in rel.items():
        if not leg:
            continue
        best = None
        for k2, (f2, ids2, _, _) in rel.items():
            ov = len(leg & ids2)
            if k2 == key or not ov or len(ids2 & ids) > 0.5 * len(ids2):
                continue
            if best is None or ov > best[0]:
                best = (ov, f2)
        if best and best[0] >= 0.3 * n:
            out.append((best[1], f))
    return sorted(out)


def mapping(sd, a, b, flag):
    args = [sd, 'map', '--format', 'json'] + ([flag] if flag else []) + [a, b]
    d = json.loads(subprocess.run(args, capture_output=True,
                                  text=True).stdout)
    pairs, flagged = {}, 0
    for mp in d['maps']:
        flagged += mp['summary'].get('declared-conflict', 0)
        for p in mp['pairs']:
            if p['old'] and p['new'] and p['kind'] != 'none':
                pairs.setdefault(p['old']['vuln-id'], []).append(p)
    return pairs, flagged


def main():
    sd, lib = sys.argv[1], sys.argv[2]
    pairs = renumbered_pairs(releases(lib))
    tot = {'pairs': len(pairs), 'flagged': 0, 'unflagged': 0, 'tp': 0,
           'fp': 0, 'fn': 0, 'corrected': 0}
    for a, b in pairs:
        pa, pb = os.path.join(lib, a), os.path.join(lib, b)
        on, flagged = mapping(sd, pa, pb, None)
        trusted, _ = mapping(sd, pa, pb, '--trust-declared')
        content, _ = mapping(sd, pa, pb, '--ignore-legacy')
        truth = {}
        for o, ps in trusted.items():
            news = {p['new']['vuln-id'] for p in ps}
            c = [p for p in content.get(o, []) if p['score'] >= 0.999]
            if (c and c[0]['new']['vuln-id'] not in news and
                    all(p['new']['title'] != p['old']['title'] for p in ps)):
                news = {c[0]['new']['vuln-id']}  # DISA's error corrected
                tot['corrected'] += 1
                print('  corrected: %s -> %s (DISA declared %s)' % (
                    o, c[0]['new']['vuln-id'],
                    ', '.join(p['new']['vuln-id'] for p in ps)))
            truth[o] = news
        unflagged = 0
        for o, ps in on.items():
            for p in ps:
                if (p['kind'] == 'legacy-id' and 'declared-conflict' not in p
                        and p['new']['vuln-id'] not in truth.get(o, ())):
                    unflagged += 1
        tp = fp = fn = 0
        for o, news in truth.items():
            got = {p['new']['vuln-id'] for p in on.get(o, [])}
            tp += len(got & news)
            fp += len(got - news)
            fn += len(news - got)
        for o in set(on) - set(truth):
            fp += len(on[o])
        tot['flagged'] += flagged
        tot['unflagged'] += unflagged
        tot['tp'] += tp
        tot['fp'] += fp
        tot['fn'] += fn
        if flagged or unflagged or fp or fn:
            print('%s -> %s: declared-conflict %d, unflagged %d, fp %d, '
                  'fn %d' % (a, b, flagged, unflagged, fp, fn))
    prec = tot['tp'] / max(1, tot['tp'] + tot['fp'])
    rec = tot['tp'] / max(1, tot['tp'] + tot['fn'])
    print('%(pairs)d renumbered release pairs; %(corrected)d declarations '
          'corrected by content; %(flagged)d declared-conflicts flagged; '
          '%(unflagged)d legacy-id pairs against identical content '
          'unflagged' % tot)
    print('precision %.4f recall %.4f (%d true, %d false, %d missed pairs)'
          % (prec, rec, tot['tp'], tot['fp'], tot['fn']))
    return 1 if tot['unflagged'] else 0


if __name__ == '__main__':
    sys.exit(main())
