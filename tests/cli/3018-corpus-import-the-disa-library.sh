# The DISA library slice as a user imports it (skipped without ../shared):
# the December 2023 compilation's zips import with exit 0 and no error;
# no SCAP benchmark shares a line with a manual STIG; Windows Server
# 2019's manual line holds manual releases only and Edge's is at V1R7.
# Then every XCCDF release since 2010: renamed series are one line each;
# the one error is a file holding git merge-conflict markers, not XML.
# Then corpus link over both (one import serves both checks): relations
# stored in lineage/index.tsv join lines of one family in generation
# order and no corpus line is in two product lines
# (tests/lineage-check.py); RHEL 6's telnet-server rule finds its RHEL 7
# successor, a Windows Server 2012 rule its Windows Server 2022 one.
L=$SHARED/disa/library
[ -d "$L/zips" ] || { echo "SKIP: $L is absent"; exit 77; }
$STIGDIFF corpus init "$TMP/c" >/dev/null
$STIGDIFF corpus import -C "$TMP/c" "$L/zips" > "$TMP/out" 2> "$TMP/err"
echo "zips: exit=$? errors=$(grep -c '^error:' "$TMP/err") $(tail -n 1 "$TMP/out")"
$STIGDIFF corpus list -C "$TMP/c" --format json > "$TMP/lines.json"
jq -r '.lines[] | select(.kind != "scap" and (.title | test("SCAP Benchmark"))) | "SCAP title in a manual line: \(.line)"' "$TMP/lines.json"
jq -r '.lines[] | select(.kind == "scap") | "\(.line): \(.siblings | join(","))"' "$TMP/lines.json"
$STIGDIFF corpus list -C "$TMP/c" --format json windows-server-2019 | jq -c '[.history[] | {label: .label, kind: .kind}]'
$STIGDIFF corpus show -C "$TMP/c" ms-edge | grep '^version-label'
$STIGDIFF corpus import -C "$TMP/c" "$L/xccdf" > "$TMP/out" 2> "$TMP/err"
echo "xccdf: exit=$? $(tail -n 1 "$TMP/out")"
grep '^error:' "$TMP/err" | sed "s|$L/||"
grep -c 'not UTF-8 as declared; read as Windows-1252' "$TMP/err"
$STIGDIFF corpus list -C "$TMP/c" --format json | jq -r '.lines[] | select((.["benchmark-ids"] | length) > 1) | "\(.line): \(.["benchmark-ids"] | join(" -> "))"'
git -C "$TMP/c" fsck --strict --no-dangling >/dev/null 2>&1 && echo "fsck clean"
echo "--- corpus link"
"$STIGDIFF" corpus link -C "$TMP/c" 2>&1 | grep -v '^cache '
git -C "$TMP/c" show main:lineage/index.tsv | python3 tests/lineage-check.py
$STIGDIFF lineage --corpus "$TMP/c" RHEL-06-000206 WN12-SO-000028 | grep -E '^(RHEL|WN)'
