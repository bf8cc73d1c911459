#!/bin/sh
# make demo: stigdiff's main job on the embedded data in corpus/ -- every
# Exchange release as git history, then questions to it -- followed by a
# short tour of the other commands.
set -e
SD=${1:-build/stigdiff}
C=corpus
X=$C/xccdf
EDGE16=$X/U_MS_Exchange_2016_Edge_Transport_Server_STIG
EDGE19=$X/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
OUT=$(dirname "$SD")/demo
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stigdiff-demo-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

step() { printf '\n==> %s\n' "$*"; }

echo "The main job: the embedded corpus as git history ($WORK/c)"

step "stigdiff corpus init; corpus import corpus/ --curated corpus/lineage/curated.tsv"
"$SD" corpus init "$WORK/c"
"$SD" corpus import -C "$WORK/c" --curated "$C/lineage/curated.tsv" "$C" | tail -n 4

step "stigdiff corpus log EX16-ED-000690   (one rule through every release)"
"$SD" corpus log -C "$WORK/c" EX16-ED-000690

step "stigdiff corpus diff ms-exchange-2019-edge-server@V2R1 ms-exchange-2019-edge-server@V2R2"
"$SD" corpus diff -C "$WORK/c" ms-exchange-2019-edge-server@V2R1 \
	ms-exchange-2019-edge-server@V2R2 || [ $? -eq 1 ]

step "stigdiff corpus link   (every rule's lineage computed once, stored as lineage/links.tsv)"
"$SD" corpus link -C "$WORK/c"

step "stigdiff lineage --corpus EMG2-803   (Exchange 2003 to Exchange 2019 V-259642; the curated hop is marked)"
"$SD" lineage --corpus "$WORK/c" EMG2-803

step "stigdiff corpus search internal send connectors encryption"
"$SD" corpus search -C "$WORK/c" internal send connectors encryption | tail -n 4

step "git log --follow on a rule file   (stock git reads the corpus)"
git -C "$WORK/c" log --format='%ad %s' --date=short --follow -- \
	ms-exchange-2019-edge-server/V-259642.txt

step "stigdiff site -C corpus -o $OUT/site   (the corpus as a static website)"
"$SD" site -C "$WORK/c" -o "$OUT/site" --force
echo "serve it:  python3 -m http.server -d $OUT/site 8000"
echo "then open: http://localhost:8000/   EMG2-803's rule page (history, lineage):"
echo "           http://localhost:8000/stig/microsoft-exchange-2003/V-18703.html"

echo
echo "The other commands, on the same files"

step "stigdiff unpack --list corpus/   (first 4 of $("$SD" unpack "$C" | wc -l) benchmarks)"
"$SD" unpack --list "$C" | head -n 4

step "stigdiff diff Exchange 2016 Edge Transport V2R5 -> V2R6"
"$SD" diff --only added,removed,changed,renumbered "${EDGE16}_V2R5_Manual-xccdf.xml" \
	"${EDGE16}_V2R6_Manual-xccdf.xml" || [ $? -eq 1 ]

step "stigdiff notes --format html   (release notes for the same pair)"
"$SD" notes --format html -f -o "$OUT/release-notes-exchange-2016-edge-v2r5-v2r6.html" \
	"${EDGE16}_V2R5_Manual-xccdf.xml" "${EDGE16}_V2R6_Manual-xccdf.xml"

step "stigdiff map Exchange 2016 Edge V2R6 -> Exchange 2019 Edge V2R2   (another product: content evidence; first 6 rows)"
"$SD" map "${EDGE16}_V2R6_Manual-xccdf.xml" "$EDGE19" | head -n 6 || true

step "stigdiff migrate: an assessed Exchange 2016 Edge checklist to Exchange 2019 Edge"
"$SD" checklist new -o "$WORK/edge16-empty.ckl" "${EDGE16}_V2R6_Manual-xccdf.xml"
sh tests/fill-checklist.sh "$WORK/edge16-empty.ckl" > "$WORK/edge16.ckl"
# Exit status 1: some assessed rules have no successor (listed in the report).
"$SD" migrate "$WORK/edge16.ckl" --to "$EDGE19" -o "$OUT/edge19.ckl" -f \
	--report "$OUT/migration-report.md" || [ $? = 1 ]
sed -n '/^| decision | rules/,/^they are listed/p' "$OUT/migration-report.md"
echo "(new checklist: $OUT/edge19.ckl; full report: $OUT/migration-report.md)"
