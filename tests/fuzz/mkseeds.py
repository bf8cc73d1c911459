#!/usr/bin/env python3
"""Authoring aid (not run by make): rebuild tests/fuzz/corpus/<target>/,
the seed corpora of the fuzz targets, from real files (../shared and this
repository) trimmed small. Run from the repository root with build/stigdiff
built:  python3 tests/fuzz/mkseeds.py [SHARED]
Each seed is named after its source; tests/fuzz/corpus/PROVENANCE says
where they came from."""
import io, os, re, shutil, subprocess, sys, tempfile, zipfile

SHARED = sys.argv[1] if len(sys.argv) > 1 else '../shared'
BIN = os.path.abspath('build/stigdiff')
OUT = 'tests/fuzz/corpus'
# Fixed timestamps keep the zips the same from one run to the next.
STAMP = (2024, 1, 1, 0, 0, 0)


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def read(path, mode='rb'):
    with open(path, mode) as f:
        return f.read()


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw).stdout


def keep_groups(xml, n, tag='Group', prefix=''):
    """The benchmark with its first n Groups; Profile selects of the
    dropped ones removed."""
    pat = re.compile(r'<%s%s\b.*?</%s%s>\s*' % (prefix, tag, prefix, tag), re.S)
    groups = list(pat.finditer(xml))
    kept = set()
    for g in groups[:n]:
        m = re.search(r'id="([^"]+)"', g.group(0))
        kept.add(m.group(1))
    out, last = [], 0
    for g in groups[n:]:
        out.append(xml[last:g.start()])
        last = g.end()
    out.append(xml[last:])
    xml = ''.join(out)
    sel = re.compile(r'<%sselect idref="([^"]+)"[^>]*/>\s*' % prefix)
    return sel.sub(lambda m: m.group(0) if m.group(1) in kept else '', xml)


def xccdf():
    for f in ['exch19-edge-3rules-xccdf.xml', 'exch19-edge-3rules-datastream.xml']:
        put('xccdf', f, read('tests/fixtures/xccdf/' + f))
    for f in ['warnings.xml', 'whitespace.xml']:
        put('xccdf', f, read('tests/fixtures/xml/' + f))
    for f in sorted(os.listdir('tests/fixtures/reproducers')):
        if f.endswith('.xml'):
            put('xccdf', 'reproducer-' + f, read('tests/fixtures/reproducers/' + f))
    # An old-style release (Exchange 2010 Edge V1R14, 2019), two Groups.
    z = zipfile.ZipFile(SHARED + '/disa/zips/U_MS_Exchange_2010_Edge_V1R14_STIG.zip')
    x = z.read('U_MS_Exchange_2010_Edge_V1R14_Manual_STIG/'
               'U_MS_Exchange_2010_Edge_STIG_V1R14_Manual-xccdf.xml').decode('utf-8')
    put('xccdf', 'exch10-edge-v1r14-2groups-xccdf.xml', keep_groups(x, 2))
    # A real SCAP 1.2 data stream (Microsoft Edge V1R3): two Groups, the
    # OVAL and CPE components cut to their first definition.
    put('xccdf', 'msedge-v1r3-scap-2groups.xml', scap_trimmed())


def scap_trimmed():
    z = zipfile.ZipFile(SHARED + '/disa/zips/U_MS_Edge_V1R3_STIG_SCAP_1-2_Benchmark.zip')
    x = z.read('U_MS_Edge_V1R3_STIG_SCAP_1-2_Benchmark.xml').decode('utf-8')
    x = keep_groups(x, 2, 'Group', 'xccdf:')
    for tag in ['definition', 'registry_test', 'registry_object', 'registry_state']:
        pat = re.compile(r'<(\w+:)?%s\b[^>]*?(/>|>.*?</(\w+:)?%s>)\s*' % (tag, tag), re.S)
        items = list(pat.finditer(x))
        out, last = [], 0
        for m in items[1:]:
            out.append(x[last:m.start()])
            last = m.end()
        out.append(x[last:])
        x = ''.join(out)
    return x


def normalized():
    for f in sorted(os.listdir(OUT + '/xccdf')):
        if not f.startswith(('exch', 'msedge')):
            continue
        p = os.path.join(OUT, 'xccdf', f)
        put('normalized', f.replace('.xml', '-normalized.xml'),
            run(BIN, 'normalize', '--format', 'xml', p))
    put('normalized', 'exch19-edge-3rules-controls-normalized.xml',
        run(BIN, 'normalize', '--format', 'xml', '--controls',
            'tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml'))


CKL = ['Single-Vuln-Pass-With-Comment.ckl', 'Single-Vuln-fail-WEBORDATABASE-true.ckl',
       'ResultEngineWithEvalStigModuleAndOverride.ckl', 'SingleResultEngineModule.ckl',
       'resultEngine-In-ISTIG-multi-stig.ckl', 'Root-ES-comment-with-only-version.ckl',
       'result-engine-invalid-comment.ckl', 'html-decode.ckl', 'TargetObjectMetaData.ckl',
       'no-Stigs-xml-element.ckl', 'all-possible-results.ckl', 'MultiStig-Simple.ckl']
CKLB = ['Single-Vuln-Pass-With-Comment.cklb', 'Single-Vuln-fail-With-Detail.cklb',
        'TwoResultEngineModules.cklb', 'SingleResultEngineModule.cklb',
        'OnlyRootResultEngine.cklb', 'no-root-result-engine-object.cklb',
        'TargetObjectMetaData.cklb', 'Truncate-Tests.cklb', 'all-possible-results.cklb',
        'NoTargetHostName.cklb']


def checklists():
    for f in CKL:
        put('ckl', f, read(SHARED + '/checklists/ckl/' + f))
    for f in CKLB:
        put('cklb', f, read(SHARED + '/checklists/cklb/' + f))


def corpus_files(tmp):
    """A corpus of the 3-rule fixture, two trimmed diff releases and the
    Exchange 2010 CAS release: rule files, benchmark.txt, the stored
    lineage, a site manifest."""
    c = os.path.join(tmp, 'c')
    run(BIN, 'corpus', 'init', c)
    run(BIN, 'corpus', 'import', '-C', c, 'tests/fixtures/diff/old.xml',
        'tests/fixtures/diff/new.xml', 'tests/fixtures/normalize/exchange-2010-cas-v1r9.xml',
        'tests/fixtures/corpus/hostile-ids-xccdf.xml')
    run(BIN, 'corpus', 'link', '-C', c)
    # The stored lineage: every file of lineage/ but the curated links,
    # each after a "=== NAME" line (what fuzz_links.c reads).
    store = ''
    names = run('git', '-C', c, 'ls-tree', '-r', '--name-only', 'lineage', 'lineage/').decode().split()
    names.sort(key=lambda p: (p != 'lineage/index.tsv', p))
    for path in names:
        name = path[len('lineage/'):]
        if name == 'curated.tsv':
            continue
        store += '=== ' + name + '\n' + run('git', '-C', c, 'show', 'lineage:' + path).decode()
    put('links', 'store.txt', store)
    # The index and the first line's file alone: the other files missing.
    parts = store.split('\n=== ')
    put('links', 'store-two-files.txt', parts[0] + '\n=== ' + [p for p in parts if p.startswith('lines/')][0] + '\n')
    for rel in ['ms-exchange-2019-edge-server/V2R3', 'main-benchmark/V2R2',
                'exchange-2010-client-access/V1R9']:
        tree = run('git', '-C', c, 'ls-tree', '--name-only', '-r', rel).decode().split()
        for path in tree[:4]:
            put('rulefile', rel.replace('/', '-') + '-' + os.path.basename(path),
                run('git', '-C', c, 'show', rel + ':' + path))
    site = os.path.join(tmp, 'site')
    run(BIN, 'site', '-C', c, '-o', site, '--no-lineage')
    m = read(os.path.join(site, '.stigdiff-site')).decode().split('\n')
    put('manifest', 'stigdiff-site', '\n'.join(m[:30]) + '\n')
    put('manifest', 'stigdiff-site-tail', '\n'.join(m[:3] + m[-20:]))


def lineage_curated():
    put('curated', 'curated.tsv', read('corpus/lineage/curated.tsv'))
    put('curated', 'curated-comments.tsv',
        '# a comment\n\nV-18703\tV-259642\tcurated\tthe same requirement\tissue 19\n')


def cci():
    put('cci', 'two-items.xml', read('tests/fixtures/cci/two-items.xml'))
    put('cci', 'malformed.xml', read('tests/fixtures/cci/malformed.xml'))
    x = read(SHARED + '/disa/cci/U_CCI_List.xml').decode('utf-8')
    items = list(re.finditer(r'<cci_item\b.*?</cci_item>\s*', x, re.S))
    keep = [items[i] for i in (0, 1, 212, 2417, len(items) - 1)]
    head = x[:items[0].start()]
    tail = x[items[-1].end():]
    put('cci', 'five-items.xml', head + ''.join(m.group(0) for m in keep) + tail)


def zips():
    for f in ['nested.zip', 'wrong-types.zip', 'truncated.zip', 'too-deep.zip',
              'encrypted.zip']:
        put('zip', f, read('tests/fixtures/zips/' + f))
    put('zip', 'reproducers.zip', read('tests/fixtures/reproducers/reproducers.zip'))
    # DISA's layout (Exchange 2010 Edge V1R14): a folder with the XCCDF
    # (trimmed), its stylesheet and logo (cut to 1 KiB), PDFs beside it
    # (cut to 1 KiB), and the whole as a member of an outer zip.
    src = zipfile.ZipFile(SHARED + '/disa/zips/U_MS_Exchange_2010_Edge_V1R14_STIG.zip')
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, 'w', zipfile.ZIP_DEFLATED) as z:
        for i in src.infolist():
            data = src.read(i.filename)
            if i.filename.endswith('.xml'):
                data = read(OUT + '/xccdf/exch10-edge-v1r14-2groups-xccdf.xml')
            else:
                data = data[:1024]
            z.writestr(zipfile.ZipInfo(i.filename, STAMP), data, zipfile.ZIP_DEFLATED)
    put('zip', 'exch10-edge-v1r14-layout.zip', inner.getvalue())
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo('U_MS_Exchange_2010_Edge_V1R14_STIG.zip', STAMP),
                   inner.getvalue())
        z.writestr(zipfile.ZipInfo('U_MS_Edge_V1R3_STIG_SCAP_1-2_Benchmark.xml', STAMP),
                   read(OUT + '/xccdf/msedge-v1r3-scap-2groups.xml'), zipfile.ZIP_DEFLATED)
    put('zip', 'bundle-of-two.zip', outer.getvalue())


def worddiff():
    """Check and fix texts of the rules the diff fixtures change, old and
    new joined by a NUL byte."""
    def fields(path):
        xml = run(BIN, 'normalize', '--format', 'xml', path).decode()
        out = {}
        for r in re.finditer(r'<rule vuln-id="([^"]+)">(.*?)</rule>', xml, re.S):
            for f in ['check-content', 'fix-text', 'discussion', 'title']:
                m = re.search(r'<%s>(.*?)</%s>' % (f, f), r.group(2), re.S)
                if m:
                    out[(r.group(1), f)] = m.group(1).replace('&lt;', '<').replace(
                        '&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')
        return out
    old = fields('tests/fixtures/diff/old.xml')
    new = fields('tests/fixtures/diff/new.xml')
    n = 0
    for k in sorted(old):
        if k in new and old[k] != new[k]:
            put('worddiff', '%s-%s' % k, old[k] + '\0' + new[k])
            n += 1
    k = sorted(old)[0]
    put('worddiff', 'same-%s-%s' % k, old[k] + '\0' + old[k])


def results():
    """Scan results (tests/fixtures/results, made by make-results.py from
    DISA's SCAP benchmarks) with their first three rule results; the ARF
    report without its data stream."""
    def trim(x, n=3):
        rr = list(re.finditer(r'\s*<(\w+:)?rule-result\b.*?</(\w+:)?rule-result>', x, re.S))
        return x[:rr[n - 1].end()] + x[rr[-1].end():] if len(rr) > n else x
    d = 'tests/fixtures/results/'
    for name in ('chrome-scc-xccdf.xml', 'chrome-oscap-stig-viewer.xml', 'edge-xccdf11.xml'):
        put('results', name, trim(read(d + name).decode('utf-8')))
    with zipfile.ZipFile(d + 'chrome-oscap-arf.zip') as z:
        x = z.read(z.namelist()[0]).decode('utf-8')
    x = re.sub(r'<data-stream-collection\b.*</data-stream-collection>', '', x, flags=re.S)
    put('results', 'chrome-oscap-arf.xml', trim(x))


def main():
    if os.path.isdir(OUT):
        for d in os.listdir(OUT):
            if os.path.isdir(os.path.join(OUT, d)):
                shutil.rmtree(os.path.join(OUT, d))
    with tempfile.TemporaryDirectory() as tmp:
        xccdf()
        normalized()
        checklists()
        corpus_files(tmp)
        lineage_curated()
        cci()
        zips()
        worddiff()
        results()


main()
