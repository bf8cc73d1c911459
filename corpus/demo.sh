#!/bin/sh
# make demo: the main job on the embedded data in corpus/.
set -e
SD=${1:-build/stigdiff}
C=corpus
EDGE19=$C/xccdf/U_MS_Exchange_2019_Edge_Server_STIG_V2R2_Manual-xccdf.xml
T=$(mktemp -d /tmp/sd-demo-XXXXXX)
trap 'rm -rf "$T"' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "stigdiff unpack --list corpus/   (every benchmark in the embedded data)"
"$SD" unpack --list "$C"

step "stigdiff normalize Exchange 2019 Edge V2R2 (first 40 lines)"
"$SD" normalize "$EDGE19" | head -n 40

EDGE16=$C/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG
NOTES=$(dirname "$SD")/demo/release-notes-exchange-2016-edge-v2r5-v2r6.html
mkdir -p "$(dirname "$NOTES")"

step "stigdiff diff Exchange 2016 Edge Transport V2R5 -> V2R6 (changed rules)"
"$SD" diff --only added,removed,changed,renumbered "${EDGE16}_V2R5_Manual-xccdf.xml" \
	"${EDGE16}_V2R6_Manual-xccdf.xml" || [ $? -eq 1 ]

step "stigdiff notes --format html: release notes for the same pair"
"$SD" notes --format html -f -o "$NOTES" "${EDGE16}_V2R5_Manual-xccdf.xml" \
	"${EDGE16}_V2R6_Manual-xccdf.xml"

step "stigdiff map Exchange 2016 Edge V2R6 -> Exchange 2019 Edge V2R2 (a different product: content evidence; first 12 rows)"
"$SD" map "$C/xccdf/U_MS_Exchange_2016_Edge_Transport_Server_STIG_V2R6_Manual-xccdf.xml" "$EDGE19" | head -n 12 || true

step "stigdiff lineage EMG2-803   (Exchange 2003 to Exchange 2019 V-259642; the curated hop is marked)"
"$SD" lineage EMG2-803

step "stigdiff migrate: an Exchange 2016 Edge checklist to Exchange 2019 Edge (report summary)"
"$SD" checklist new -o "$T/edge16-empty.ckl" "${EDGE16}_V2R6_Manual-xccdf.xml"
sh tests/fill-checklist.sh "$T/edge16-empty.ckl" > "$T/edge16.ckl"
"$SD" checklist stats "$T/edge16.ckl" | sed "s|$T/||"
# Exit status 1: some assessed rules have no successor (listed in the report).
"$SD" migrate "$T/edge16.ckl" --to "$EDGE19" -o "$T/edge19.ckl" \
	--report "$T/report.md" || [ $? = 1 ]
sed -n '/^| decision | rules/,/^they are listed/p' "$T/report.md"
