# corpus link over the embedded corpus and the Windows fixtures
# (tests/fixtures/lineage): relations stored in lineage/index.tsv join
# lines of one family, client to client and server to server, in
# generation order, and no corpus line is in two product lines
# (tests/lineage-check.py); Windows and Exchange successors listed. A
# release imported later re-links its own product group only. The DISA
# library slice: 3018.
link() { "$STIGDIFF" corpus link -C "$1" 2>&1 | grep -v '^cache '; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
X=corpus/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
mkdir "$TMP/in"
for f in corpus/xccdf/*.xml; do [ "$f" = "$X" ] || cp "$f" "$TMP/in/"; done
$STIGDIFF corpus import -C "$TMP/c" --curated corpus/lineage/curated.tsv "$TMP/in" corpus/reconstructed tests/fixtures/lineage >/dev/null 2>&1
echo "import exit=$?"
link "$TMP/c"
git -C "$TMP/c" show main:lineage/index.tsv | python3 tests/lineage-check.py --show 'Windows|Exchange'
echo "--- one release more"
$STIGDIFF corpus import -C "$TMP/c" "$X" >/dev/null 2>&1
link "$TMP/c"
link "$TMP/c"
$STIGDIFF lineage --corpus "$TMP/c" EX19-ED-000236 | head -n 1
