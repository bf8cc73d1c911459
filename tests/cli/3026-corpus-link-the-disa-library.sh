# corpus link over the DISA library slice (skipped without ../shared):
# relations stored in lineage/index.tsv join lines of one family in
# generation order, and no corpus line is in two product lines
# (tests/lineage-check.py); RHEL 6's telnet-server rule finds its RHEL 7
# successor, a Windows Server 2012 rule its Windows Server 2022 one.
link() { "$STIGDIFF" corpus link -C "$1" 2>&1 | grep -v '^cache '; }
L=$SHARED/disa/library/xccdf
[ -d "$L" ] || { echo "SKIP: $L is absent"; exit 77; }
echo "--- the DISA library slice"
$STIGDIFF corpus init "$TMP/lib" >/dev/null
$STIGDIFF corpus import -C "$TMP/lib" "$L" >/dev/null 2>&1
link "$TMP/lib"
git -C "$TMP/lib" show main:lineage/index.tsv | python3 tests/lineage-check.py
$STIGDIFF lineage --corpus "$TMP/lib" RHEL-06-000206 WN12-SO-000028 | grep -E '^(RHEL|WN)'
