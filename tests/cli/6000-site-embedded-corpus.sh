# The site of the embedded corpus: every page well-formed HTML5 with one
# h1, headings in order, labelled inputs, every internal link resolving,
# rule pages under 100 KB (tests/site-check.sh); the Turtle twins parse
# (rapper), the search index is JSON naming rule pages; EMG2-803's page
# shows its history and lineage, linked; a second run writes nothing.
command -v rapper >/dev/null || { echo "SKIP: rapper (raptor2-utils) is absent"; exit 77; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" --curated corpus/lineage/curated.tsv corpus/ >/dev/null
$STIGDIFF corpus link -C "$TMP/c"
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"; echo "exit=$?"
sh tests/site-check.sh "$TMP/s"
(cd "$TMP/s" && ls index.html search.html search/index.js assets stig/ms-exchange-2019-edge-server/compare)
find "$TMP/s" -name '*.ttl' | sort | xargs cat > "$TMP/all.ttl"
rapper -q -i turtle -c "$TMP/all.ttl" 2>&1 | sed "s|$TMP|TMP|"; echo "rapper=$?"
grep -c 'rel="alternate" type="text/turtle" href="V-18703.ttl"' "$TMP/s/stig/microsoft-exchange-2003/V-18703.html"
# The search index: its shards together index every rule page once
# (search/d<N>.js), and the words "send" and "connectors" each index
# more than five rule pages (search/t<N>.js, postings delta-coded).
js() { for f in "$@"; do sed -e '1s/^[A-Za-z]*(//' -e '$s/);$//' "$f"; done; }
js "$TMP/s/search/index.js" | jq -r '.format, ."format-version"'
js "$TMP/s"/search/d*.js | jq -rs '(map(.docs | length) | add), ([.[].docs[] | select(.[2] == "EMG2-803") | .[0]] | .[])'
test "$(js "$TMP/s"/search/d*.js | jq -rs 'map(.docs | length) | add')" = "$(find "$TMP/s/stig" -name 'V-*.html' | wc -l)" && echo "every rule page indexed"
js "$TMP/s"/search/t*.js | jq -rs '[.[].words[] | select(.[0] == "send" or .[0] == "connectors")] | group_by(.[0]) | length == 2 and (map(map(length - 1) | add > 5) | all)'
p="$TMP/s/stig/microsoft-exchange-2003/V-18703.html"
grep -o '<h2>[^<]*</h2>' "$p"
grep -o 'href="../ms-exchange-2019-edge-server/V-259642.html"' "$p"
grep -o 'curated score 1.000' "$p"
grep -o '<h3>[^<]*</h3>' "$TMP/s/stig/ms-exchange-2019-edge-server/V-259642.html" | tail -n 3
grep -c '<del>\|<ins>' "$TMP/s/stig/ms-exchange-2016-edge-transport-server/V-221262.html" | sed 's/^[1-9][0-9]*$/word diffs: yes/'
$STIGDIFF site -C "$TMP/c" -o "$TMP/s" | sed "s|$TMP|TMP|"; echo "exit=$?"
# RMF: the rule's NIST SP 800-53 rev 5 controls link to control pages
# listing every rule implementing them.
grep -o 'href="../../rmf/[^"]*"' "$TMP/s/stig/ms-exchange-2019-edge-server/V-259642.html"
grep -c 'href="../stig/[^"]*/V-[0-9]*.html"' "$TMP/s/rmf/SC-8(1).html"
grep -o '<h1>[^<]*</h1>' "$TMP/s/rmf/index.html" "$TMP/s/rmf/SC-8(1).html" | sed "s|$TMP|TMP|"
# The home page: the latest compilation's releases on top (linked to the
# quarter's digest), then the benchmarks by product family; a digest page
# per quarter holding a release (what changed in it, notes --library);
# every site page links the favicon.
grep -o '<h[23][^>]*>[^<]*' "$TMP/s/index.html"
grep -o 'href="digest/[^"]*"' "$TMP/s/index.html"
ls "$TMP/s/digest" | sed -n '1p;$p'; ls "$TMP/s/digest" | wc -l
grep -o '<h1>[^<]*</h1>\|V2R[0-9] to V2R[0-9]' "$TMP/s/digest/2025-Q1.html" | sort -u
echo "site pages without the favicon: $(grep -L 'assets/favicon.svg' $(find "$TMP/s" -name '*.html' ! -path '*/compare/*' ! -name '*-Q*.html') | wc -l)"
