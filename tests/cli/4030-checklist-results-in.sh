# Scan results in: SCC-style XCCDF 1.2 results, an OpenSCAP ARF report in
# a zip, OpenSCAP's --stig-viewer ids and XCCDF 1.1 results fill new
# checklists (tests/fixtures/results, made by make-results.py from DISA's
# SCAP benchmarks) that `checklist check` accepts; the report counts every
# result; each result value lands as the status it maps to, with the tool,
# time and message in the finding details.
E=$PWD/tests/fixtures/library/edge-V1R7.xml
cp tests/fixtures/results/*.xml tests/fixtures/results/*.zip "$TMP"
cd "$TMP"
R=. M=chrome-V2R8-manual.zip
"$STIGDIFF" checklist new --results "$R/chrome-scc-xccdf.xml" --format json --report scc.json -o scc.ckl "$M"
echo "scc: exit=$?"
"$STIGDIFF" checklist check scc.ckl
jq -c '[.counts, .status, ."rules-filled", ."rules-not-filled"]' scc.json
# Every result counted once: the decisions add up to the results read.
jq '[.counts.results, (.results | length), ([.counts[]] | add) - .counts.results, ([."test-results"[].results] | add)]' -c scc.json
# Result value -> status, as the checklist holds it.
jq -r '.results[] | [.result, .status] | @tsv' scc.json | sort | uniq -c
"$STIGDIFF" checklist stats --format json scc.ckl | jq -c '.stigs[0].status'
grep -E '<HOST_(NAME|IP)>' scc.ckl
# One failed rule's finding details.
awk '/SV-221562r684815_rule/ {f=1} f && /<FINDING_DETAILS>/ {p=1} p {print} p && /<\/FINDING_DETAILS>/ {exit}' scc.ckl
# The OpenSCAP ARF report, zipped, into .cklb; --stig-viewer's bare ids.
"$STIGDIFF" checklist new --results "$R/chrome-oscap-arf.zip" --report arf.md -o arf.cklb "$M"
echo "arf: exit=$?"
"$STIGDIFF" checklist check arf.cklb
sed -n 3p arf.md | cut -c1-60
jq -r '.target_data.host_name, ([.stigs[0].rules[].status] | group_by(.) | map("\(.[0]) \(length)") | join(", "))' arf.cklb
"$STIGDIFF" checklist new --results "$R/chrome-oscap-stig-viewer.xml" -o sv.ckl "$M"
echo "stig-viewer: exit=$?"
"$STIGDIFF" checklist check sv.ckl
# XCCDF 1.1 results of Edge V1R3's SCAP content into a checklist of three
# Edge V1R7 rules: two land, the 47 others are reported, exit 1.
"$STIGDIFF" checklist new --results "$R/edge-xccdf11.xml" --format json --report edge.json -o edge.ckl "$E"
echo "edge: exit=$?"
"$STIGDIFF" checklist check edge.ckl
jq -c '[."test-results"[0]."xccdf-version", .counts.filled, .counts.unmatched, ([.results[] | select(.decision == "unmatched")] | length)]' edge.json
